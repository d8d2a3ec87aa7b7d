/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-compliance-score"

#include "config.h"

#include "cl-compliance-score.h"
#include "cl-scoring.h"

/**
 * cl_scan_record_new:
 * @scanned_at: when the scan started (kept in UTC)
 * @has_score: whether @score means anything
 *
 * Returns: (transfer full): the record, its grade derived from @score
 */
ClScanRecord *
cl_scan_record_new (const char *scan_id,
                    const char *report_id,
                    const char *domain,
                    GDateTime  *scanned_at,
                    gboolean    has_score,
                    guint       score)
{
  ClScanRecord *record;

  g_return_val_if_fail (scan_id != NULL, NULL);
  g_return_val_if_fail (report_id != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (scanned_at != NULL, NULL);
  g_return_val_if_fail (!has_score || score <= 100, NULL);

  record = g_new0 (ClScanRecord, 1);
  record->scan_id = g_strdup (scan_id);
  record->report_id = g_strdup (report_id);
  record->domain = g_strdup (domain);
  record->scanned_at = g_date_time_to_utc (scanned_at);
  record->has_score = has_score;
  record->score = has_score ? score : 0;
  record->grade = has_score ? g_strdup (cl_scoring_grade (score)) : NULL;

  return record;
}

void
cl_scan_record_free (ClScanRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->scan_id);
  g_free (record->report_id);
  g_free (record->domain);
  g_date_time_unref (record->scanned_at);
  g_free (record->grade);
  g_free (record);
}

/**
 * cl_scan_records_to_history_points:
 * @records: (element-type ClScanRecord): a domain's scans, oldest first
 * @until: (nullable): the last scan time to keep, %NULL for all
 *
 * The points of the history chart, in the same order as @records.
 *
 * Returns: (transfer full) (element-type ClChartHistoryPoint): the points
 */
GArray *
cl_scan_records_to_history_points (GPtrArray *records,
                                   GDateTime *until)
{
  GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (ClChartHistoryPoint), records->len);

  for (guint i = 0; i < records->len; i++)
    {
      ClScanRecord *record = g_ptr_array_index (records, i);
      ClChartHistoryPoint point = { g_date_time_to_unix (record->scanned_at), record->has_score, record->score };

      if (until == NULL || g_date_time_compare (record->scanned_at, until) <= 0)
        g_array_append_val (points, point);
    }

  return points;
}

static void
add_score (JsonBuilder  *b,
           ClScanRecord *record)
{
  json_builder_set_member_name (b, "score");
  if (record->has_score)
    json_builder_add_int_value (b, record->score);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          GDateTime   *time)
{
  g_autofree char *iso = g_date_time_format_iso8601 (time);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, iso);
}

static void
add_record_members (JsonBuilder  *b,
                    ClScanRecord *record,
                    gboolean      with_score)
{
  json_builder_set_member_name (b, "scan_id");
  json_builder_add_string_value (b, record->scan_id);
  json_builder_set_member_name (b, "report_id");
  json_builder_add_string_value (b, record->report_id);
  add_time (b, "scanned_at", record->scanned_at);
  if (with_score)
    add_score (b, record);
  json_builder_set_member_name (b, "grade");
  if (record->grade != NULL)
    json_builder_add_string_value (b, record->grade);
  else
    json_builder_add_null_value (b);
}

/**
 * cl_scan_record_to_json:
 *
 * Returns: (transfer full): {scan_id, report_id, scanned_at, score, grade}
 */
JsonNode *
cl_scan_record_to_json (ClScanRecord *record)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);

  json_builder_begin_object (b);
  add_record_members (b, record, TRUE);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gpointer
copy_record (gconstpointer src,
             gpointer      data)
{
  const ClScanRecord *r = src;

  return cl_scan_record_new (r->scan_id, r->report_id, r->domain, r->scanned_at,
                             r->has_score, r->score);
}

/**
 * cl_compliance_score_new:
 * @scan: the scan (copied)
 * @violations: (element-type ClViolation): the domain's violations, each
 *   with its status as of @scan
 * @history: (nullable) (element-type ClScanRecord): the domain's scans,
 *   oldest first (copied)
 *
 * Counts the seed's statistics: "active" violations are the open ones; a
 * false positive counts as resolved too, as the seed's
 * resolved_violations does ("approved or marked as false positive").
 *
 * Returns: (transfer full): the compliance score
 */
ClComplianceScore *
cl_compliance_score_new (ClScanRecord *scan,
                         GPtrArray    *violations,
                         GPtrArray    *history)
{
  ClComplianceScore *self;

  g_return_val_if_fail (scan != NULL, NULL);
  g_return_val_if_fail (violations != NULL, NULL);

  self = g_new0 (ClComplianceScore, 1);
  self->scan = copy_record (scan, NULL);
  self->by_rule_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (history != NULL)
    self->history = g_ptr_array_copy (history, copy_record, NULL);
  else
    self->history = g_ptr_array_new ();
  g_ptr_array_set_free_func (self->history, (GDestroyNotify)cl_scan_record_free);

  for (guint i = 0; i < violations->len; i++)
    {
      ClViolation *v = g_ptr_array_index (violations, i);

      self->total_violations++;
      switch (v->status)
        {
        case CL_VIOLATION_OPEN:
          {
            guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_rule_type, v->rule_id));

            self->open_violations++;
            self->by_severity[v->severity]++;
            g_hash_table_insert (self->by_rule_type, g_strdup (v->rule_id), GUINT_TO_POINTER (n + 1));
          }
          break;
        case CL_VIOLATION_FALSE_POSITIVE:
          self->false_positives++;
          self->resolved_violations++;
          break;
        case CL_VIOLATION_RESOLVED:
          self->resolved_violations++;
          break;
        case CL_N_VIOLATION_STATUSES:
        default:
          g_assert_not_reached ();
        }
    }

  return self;
}

void
cl_compliance_score_free (ClComplianceScore *self)
{
  if (self == NULL)
    return;

  cl_scan_record_free (self->scan);
  g_hash_table_unref (self->by_rule_type);
  g_ptr_array_unref (self->history);
  g_free (self);
}

/**
 * cl_compliance_score_to_json:
 *
 * The seed's members in its order (severity keys in upper case, as the
 * seed writes them), then the scan it is about and the history.
 *
 * Returns: (transfer full): the JSON
 */
JsonNode *
cl_compliance_score_to_json (ClComplianceScore *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GList) rules = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  add_score (b, self->scan);
  json_builder_set_member_name (b, "total_violations");
  json_builder_add_int_value (b, self->total_violations);
  json_builder_set_member_name (b, "open_violations");
  json_builder_add_int_value (b, self->open_violations);
  json_builder_set_member_name (b, "resolved_violations");
  json_builder_add_int_value (b, self->resolved_violations);
  json_builder_set_member_name (b, "false_positives");
  json_builder_add_int_value (b, self->false_positives);

  json_builder_set_member_name (b, "by_severity");
  json_builder_begin_object (b);
  for (ClSeverity s = 0; s < CL_N_SEVERITIES; s++)
    {
      g_autofree char *key = g_ascii_strup (cl_severity_to_string (s), -1);

      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, self->by_severity[s]);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "by_rule_type");
  json_builder_begin_object (b);
  rules = g_list_sort (g_hash_table_get_keys (self->by_rule_type), (GCompareFunc)g_strcmp0);
  for (GList *l = rules; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (self->by_rule_type, l->data)));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, self->scan->domain);
  add_record_members (b, self->scan, FALSE);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->history->len; i++)
    json_builder_add_value (b, cl_scan_record_to_json (g_ptr_array_index (self->history, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-compliance-map.h"
#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-module-catalog.h"
#include "cl-report.h"
#include "cl-scoring.h"

/* A completed scan as the seed's "Full Report Structure": everything is
 * derived from the module results at construction, and the report id is
 * the digest of the canonical JSON, so the same results always give the
 * same report and any change of content gives another id. */

#define REPORT_ID_PREFIX "cl_rpt_"
#define REPORT_ID_HEX 12

struct _ClReport
{
  GObject     parent_instance;

  char       *id;
  char       *domain;
  GDateTime  *scanned_at;
  GPtrArray  *results;          /* ClModuleResult, in catalog order */
  GPtrArray  *caveats;          /* utf8 */
  GPtrArray  *exclusions;       /* ClExclusion; after derive() only those that matched */

  /* derived */
  GHashTable *excluded_rules;   /* rule id → ClExclusion of exclusions */
  GHashTable *module_scores;    /* module id → GUINT_TO_POINTER (score + 1) */
  GPtrArray  *issues;           /* ClFinding, most severe first */
  GPtrArray  *excluded;         /* ClFinding left out, most severe first */
  GPtrArray  *recommendations;  /* ClRecommendation, most points first */
  gboolean    has_score;
  guint       score;
};

G_DEFINE_FINAL_TYPE (ClReport, cl_report, G_TYPE_OBJECT)

/* Whole seconds in UTC: the JSON carries no more, and a re-read report must
 * give the same id. */
static GDateTime *
to_utc_seconds (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_add (utc, -(g_date_time_get_microsecond (utc)));
}

/**
 * cl_exclusion_new:
 * @rule_id: the rule judged a false positive
 * @note: (nullable): why
 * @marked_by: the user who judged it
 * @marked_at: when
 *
 * Returns: (transfer full): the exclusion
 */
ClExclusion *
cl_exclusion_new (const char *rule_id,
                  const char *note,
                  const char *marked_by,
                  GDateTime  *marked_at)
{
  ClExclusion *exclusion;

  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (marked_by != NULL, NULL);
  g_return_val_if_fail (marked_at != NULL, NULL);

  exclusion = g_new0 (ClExclusion, 1);
  exclusion->rule_id = g_strdup (rule_id);
  exclusion->note = g_strdup (note);
  exclusion->marked_by = g_strdup (marked_by);
  exclusion->marked_at = to_utc_seconds (marked_at);

  return exclusion;
}

void
cl_exclusion_free (ClExclusion *exclusion)
{
  if (exclusion == NULL)
    return;

  g_free (exclusion->rule_id);
  g_free (exclusion->note);
  g_free (exclusion->marked_by);
  g_date_time_unref (exclusion->marked_at);
  g_free (exclusion);
}

void
cl_recommendation_free (ClRecommendation *recommendation)
{
  g_free (recommendation->module_id);
  g_free (recommendation->rule_id);
  g_free (recommendation->action);
  g_free (recommendation);
}

static void
cl_report_finalize (GObject *object)
{
  ClReport *self = (ClReport *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->scanned_at, g_date_time_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->caveats, g_ptr_array_unref);
  g_clear_pointer (&self->exclusions, g_ptr_array_unref);
  g_clear_pointer (&self->excluded_rules, g_hash_table_unref);
  g_clear_pointer (&self->module_scores, g_hash_table_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->excluded, g_ptr_array_unref);
  g_clear_pointer (&self->recommendations, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_report_parent_class)->finalize (object);
}

static void
cl_report_class_init (ClReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_report_finalize;
}

static void
cl_report_init (ClReport *self)
{
  self->caveats = g_ptr_array_new_with_free_func (g_free);
  self->exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  self->excluded_rules = g_hash_table_new (g_str_hash, g_str_equal);
  self->module_scores = g_hash_table_new (g_str_hash, g_str_equal);
  self->issues = g_ptr_array_new_with_free_func (g_object_unref);
  self->excluded = g_ptr_array_new_with_free_func (g_object_unref);
  self->recommendations = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_recommendation_free);
}

static gpointer
copy_object (gconstpointer src,
             gpointer      data)
{
  return g_object_ref ((gpointer)src);
}

static double
module_weight (const char *module_id)
{
  const ClModuleInfo *info = cl_module_catalog_lookup (module_id);

  return info != NULL ? info->weight : 0;
}

static gboolean
is_excluded (ClReport  *self,
             ClFinding *finding)
{
  return g_hash_table_contains (self->excluded_rules, cl_finding_get_rule_id (finding));
}

/* The overall score with the findings of some rules taken away (keys
 * "module/rule" of @fixed; NULL for none), false positives left out. */
static gboolean
overall_without (ClReport   *self,
                 GHashTable *fixed,
                 guint      *score)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (ClScoredModule));

  for (guint i = 0; i < self->results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (self->results, i);
      const char *id = cl_module_result_get_module_id (result);
      GPtrArray *findings = cl_module_result_get_findings (result);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      ClScoredModule m = { id, module_weight (id), 0 };

      if (cl_module_result_get_status (result) != CL_MODULE_STATUS_COMPLETED || m.weight <= 0)
        continue;

      for (guint j = 0; j < findings->len; j++)
        {
          ClFinding *f = g_ptr_array_index (findings, j);
          g_autofree char *key = NULL;

          if (is_excluded (self, f))
            continue;
          if (fixed != NULL)
            {
              key = g_strdup_printf ("%s/%s", id, cl_finding_get_rule_id (f));
              if (g_hash_table_contains (fixed, key))
                continue;
            }
          g_ptr_array_add (kept, f);
        }

      m.score = cl_scoring_module_score (kept);
      g_array_append_val (scored, m);
    }

  return cl_scoring_overall ((ClScoredModule *)(gpointer)scored->data, scored->len, score);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return cl_finding_compare (*(ClFinding **)a, *(ClFinding **)b);
}

static int
compare_recommendations (gconstpointer a,
                         gconstpointer b)
{
  const ClRecommendation *ra = *(ClRecommendation **)a;
  const ClRecommendation *rb = *(ClRecommendation **)b;
  int cmp;

  if (ra->points != rb->points)
    return ra->points > rb->points ? -1 : 1;
  if (ra->severity != rb->severity)
    return ra->severity < rb->severity ? -1 : 1;
  if ((cmp = g_strcmp0 (ra->module_id, rb->module_id)) != 0)
    return cmp;
  return g_strcmp0 (ra->rule_id, rb->rule_id);
}

static int
compare_exclusions (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 ((*(ClExclusion **)a)->rule_id, (*(ClExclusion **)b)->rule_id);
}

/* Keeps the exclusions that match a finding of a completed module, one per
 * rule (the first given), sorted by rule id. */
static void
match_exclusions (ClReport *self)
{
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->exclusions->len; i++)
    {
      ClExclusion *exclusion = g_ptr_array_index (self->exclusions, i);

      if (!g_hash_table_contains (self->excluded_rules, exclusion->rule_id))
        g_hash_table_insert (self->excluded_rules, exclusion->rule_id, exclusion);
    }

  for (guint i = 0; i < self->results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (self->results, i);
      GPtrArray *findings = cl_module_result_get_findings (result);

      if (cl_module_result_get_status (result) != CL_MODULE_STATUS_COMPLETED)
        continue;
      for (guint j = 0; j < findings->len; j++)
        {
          const char *rule_id = cl_finding_get_rule_id (g_ptr_array_index (findings, j));
          ClExclusion *exclusion = g_hash_table_lookup (self->excluded_rules, rule_id);

          if (exclusion != NULL)
            g_hash_table_add (matched, exclusion);
        }
    }

  for (guint i = self->exclusions->len; i > 0; i--)
    {
      ClExclusion *exclusion = g_ptr_array_index (self->exclusions, i - 1);

      if (g_hash_table_contains (matched, exclusion))
        continue;
      if (g_hash_table_lookup (self->excluded_rules, exclusion->rule_id) == exclusion)
        g_hash_table_remove (self->excluded_rules, exclusion->rule_id);
      g_ptr_array_remove_index (self->exclusions, i - 1);
    }
  g_ptr_array_sort (self->exclusions, compare_exclusions);
}

static void
derive (ClReport *self)
{
  g_autoptr(GHashTable) seen_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GHashTable) fixed = NULL;
  guint current;

  match_exclusions (self);

  for (guint i = 0; i < self->results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (self->results, i);
      GPtrArray *findings = cl_module_result_get_findings (result);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      if (cl_module_result_get_status (result) != CL_MODULE_STATUS_COMPLETED)
        continue;

      for (guint j = 0; j < findings->len; j++)
        {
          ClFinding *f = g_ptr_array_index (findings, j);

          if (is_excluded (self, f))
            g_ptr_array_add (self->excluded, g_object_ref (f));
          else
            {
              g_ptr_array_add (kept, f);
              g_ptr_array_add (self->issues, g_object_ref (f));
            }
        }
      g_hash_table_insert (self->module_scores,
                           (gpointer)cl_module_result_get_module_id (result),
                           GUINT_TO_POINTER (cl_scoring_module_score (kept) + 1));
    }
  g_ptr_array_sort (self->issues, compare_findings);
  g_ptr_array_sort (self->excluded, compare_findings);

  self->has_score = overall_without (self, NULL, &self->score);
  if (!self->has_score)
    return;

  /* One recommendation per rule that costs points, however many findings
   * it has (three open database ports are one thing to fix). */
  for (guint i = 0; i < self->issues->len; i++)
    {
      ClFinding *f = g_ptr_array_index (self->issues, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", cl_finding_get_module_id (f),
                                              cl_finding_get_rule_id (f));
      ClRecommendation *rec;

      if (cl_finding_get_severity (f) == CL_SEVERITY_INFO ||
          module_weight (cl_finding_get_module_id (f)) <= 0 ||
          g_hash_table_contains (seen_rules, key))
        continue;
      g_hash_table_add (seen_rules, g_steal_pointer (&key));

      rec = g_new0 (ClRecommendation, 1);
      rec->module_id = g_strdup (cl_finding_get_module_id (f));
      rec->rule_id = g_strdup (cl_finding_get_rule_id (f));
      rec->severity = cl_finding_get_severity (f);
      rec->action = g_strdup (cl_finding_get_remediation (f));
      g_ptr_array_add (pending, rec);
    }

  /* A fix plan: each step is the fix that recovers the most given the
   * steps before it.  Scored one at a time, fixes under the floor of 0
   * recover nothing (one of five open databases), so each step's points are
   * counted after the steps above it; they add up to exactly the points
   * lost, and every lost point is traced to a finding. */
  fixed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  current = self->score;
  while (pending->len > 0)
    {
      guint best = 0;
      guint best_score = 0;

      for (guint i = 0; i < pending->len; i++)
        {
          ClRecommendation *rec = g_ptr_array_index (pending, i);
          g_autofree char *key = g_strdup_printf ("%s/%s", rec->module_id, rec->rule_id);
          guint score = 0;

          g_hash_table_add (fixed, g_strdup (key));
          overall_without (self, fixed, &score);
          g_hash_table_remove (fixed, key);

          if (i == 0 || score > best_score ||
              (score == best_score &&
               compare_recommendations (&rec, &g_ptr_array_index (pending, best)) < 0))
            {
              best = i;
              best_score = score;
            }
        }

      {
        ClRecommendation *rec = g_ptr_array_steal_index (pending, best);

        rec->points = best_score > current ? best_score - current : 0;
        current = MAX (current, best_score);
        g_hash_table_add (fixed, g_strdup_printf ("%s/%s", rec->module_id, rec->rule_id));
        g_ptr_array_add (self->recommendations, rec);
      }
    }
}

static JsonNode *
finding_to_json (ClFinding *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, cl_severity_to_string (cl_finding_get_severity (f)));
  json_builder_set_member_name (b, "finding");
  json_builder_add_string_value (b, cl_finding_get_finding (f));
  json_builder_set_member_name (b, "remediation");
  json_builder_add_string_value (b, cl_finding_get_remediation (f));
  json_builder_set_member_name (b, "module");
  json_builder_add_string_value (b, cl_finding_get_module_id (f));
  json_builder_set_member_name (b, "rule_id");
  json_builder_add_string_value (b, cl_finding_get_rule_id (f));
  if (cl_finding_get_evidence (f) != NULL)
    {
      json_builder_set_member_name (b, "evidence");
      json_builder_add_string_value (b, cl_finding_get_evidence (f));
    }
  json_builder_set_member_name (b, "controls");
  json_builder_add_value (b, cl_compliance_map_controls_to_json (cl_compliance_map_get_default (),
                                                                 cl_finding_get_rule_id (f)));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
add_module (JsonBuilder    *b,
            ClReport       *self,
            ClModuleResult *result)
{
  const char *id = cl_module_result_get_module_id (result);
  const ClModuleInfo *info = cl_module_catalog_lookup (id);
  GPtrArray *all = cl_module_result_get_findings (result);
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  guint score;

  /* false positives are listed apart, under "excluded" */
  for (guint i = 0; i < all->len; i++)
    {
      if (!is_excluded (self, g_ptr_array_index (all, i)))
        g_ptr_array_add (findings, g_ptr_array_index (all, i));
    }
  g_ptr_array_sort (findings, compare_findings);

  json_builder_set_member_name (b, id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, info != NULL ? _(info->title) : id);
  json_builder_set_member_name (b, "score");
  if (cl_report_get_module_score (self, id, &score))
    json_builder_add_int_value (b, score);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "grade");
  if (cl_report_get_module_score (self, id, &score))
    json_builder_add_string_value (b, cl_scoring_grade (score));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "weight");
  json_builder_add_double_value (b, module_weight (id));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, cl_module_status_to_string (cl_module_result_get_status (result)));
  if (cl_module_result_get_reason (result) != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, cl_module_result_get_reason (result));
    }
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    json_builder_add_value (b, finding_to_json (g_ptr_array_index (findings, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Everything but the id, in the seed's order. */
static JsonNode *
to_json_without_id (ClReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *scanned_at = g_date_time_format_iso8601 (self->scanned_at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, self->domain);
  json_builder_set_member_name (b, "score");
  if (self->has_score)
    json_builder_add_int_value (b, self->score);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "grade");
  if (self->has_score)
    json_builder_add_string_value (b, cl_scoring_grade (self->score));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "risk_level");
  if (self->has_score)
    json_builder_add_string_value (b, cl_scoring_risk_level (self->score));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "scanned_at");
  json_builder_add_string_value (b, scanned_at);

  json_builder_set_member_name (b, "modules");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->results->len; i++)
    add_module (b, self, g_ptr_array_index (self->results, i));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->issues->len; i++)
    json_builder_add_value (b, finding_to_json (g_ptr_array_index (self->issues, i)));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "excluded");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->excluded->len; i++)
    {
      ClFinding *f = g_ptr_array_index (self->excluded, i);
      ClExclusion *exclusion = g_hash_table_lookup (self->excluded_rules, cl_finding_get_rule_id (f));
      JsonNode *node = finding_to_json (f);
      JsonObject *item = json_node_get_object (node);
      g_autofree char *marked_at = g_date_time_format_iso8601 (exclusion->marked_at);

      if (exclusion->note != NULL)
        json_object_set_string_member (item, "note", exclusion->note);
      else
        json_object_set_null_member (item, "note");
      json_object_set_string_member (item, "marked_by", exclusion->marked_by);
      json_object_set_string_member (item, "marked_at", marked_at);
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "caveats");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->caveats->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->caveats, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "compliance");
  json_builder_add_value (b, cl_compliance_map_build_section (cl_compliance_map_get_default (),
                                                              self->results, self->issues));

  json_builder_set_member_name (b, "recommendations");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->recommendations->len; i++)
    {
      ClRecommendation *rec = g_ptr_array_index (self->recommendations, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, rec->action);
      json_builder_set_member_name (b, "points_recovered");
      json_builder_add_int_value (b, rec->points);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, cl_severity_to_string (rec->severity));
      json_builder_set_member_name (b, "module");
      json_builder_add_string_value (b, rec->module_id);
      json_builder_set_member_name (b, "rule_id");
      json_builder_add_string_value (b, rec->rule_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * cl_report_compute_id:
 * @root: a report's JSON, with or without its report_id
 *
 * "cl_rpt_" and the first 12 hex digits of the SHA-256 of the canonical
 * JSON of the report without its report_id member.
 *
 * Returns: (transfer full) (nullable): the id, %NULL if @root is no object
 */
char *
cl_report_compute_id (JsonNode *root)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonObject) members = json_object_new ();
  g_autoptr(GList) names = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  /* a new object without the id: json_node_copy() would share @root's
   * object, and removing the member would change the caller's report */
  names = json_object_get_members (json_node_get_object (root));
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "report_id"))
      json_object_set_member (members, l->data,
                              json_node_copy (json_object_get_member (json_node_get_object (root), l->data)));
  copy = json_node_init_object (json_node_alloc (), members);
  canonical = cl_json_to_string (copy, CL_JSON_CANONICAL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

  return g_strdup_printf (REPORT_ID_PREFIX "%.*s", REPORT_ID_HEX, digest);
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  const char *ida = cl_module_result_get_module_id (*(ClModuleResult **)a);
  const char *idb = cl_module_result_get_module_id (*(ClModuleResult **)b);
  guint pa = G_MAXUINT, pb = G_MAXUINT;

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);

      if (g_str_equal (info->id, ida))
        pa = i;
      if (g_str_equal (info->id, idb))
        pb = i;
    }

  return pa != pb ? (pa < pb ? -1 : 1) : g_strcmp0 (ida, idb);
}

static ClReport *
report_new_take (const char *domain,
                 GDateTime  *scanned_at,
                 GPtrArray  *results)
{
  ClReport *self = g_object_new (CL_TYPE_REPORT, NULL);

  self->domain = g_strdup (domain);
  self->scanned_at = to_utc_seconds (scanned_at);
  self->results = results;
  g_ptr_array_sort (self->results, compare_results);

  return self;
}

static void
assign_id (ClReport *self)
{
  g_autoptr(JsonNode) root = NULL;

  root = to_json_without_id (self);
  self->id = cl_report_compute_id (root);
}

/**
 * cl_report_new:
 * @domain: the normalised domain
 * @scanned_at: when the scan started
 * @results: (element-type ClModuleResult): one result per module
 * @caveats: (nullable) (element-type utf8): what the scan could not see
 *
 * Returns: (transfer full): the report
 */
ClReport *
cl_report_new (const char *domain,
               GDateTime  *scanned_at,
               GPtrArray  *results,
               GPtrArray  *caveats)
{
  return cl_report_new_full (domain, scanned_at, results, caveats, NULL);
}

/**
 * cl_report_new_full:
 * @domain: the normalised domain
 * @scanned_at: when the scan started
 * @results: (element-type ClModuleResult): one result per module
 * @caveats: (nullable) (element-type utf8): what the scan could not see
 * @exclusions: (nullable) (element-type ClExclusion): the rules the user
 *   judged false positives for @domain (copied)
 *
 * The findings of excluded rules count in no score, issue or
 * recommendation; they are listed under "excluded" with who marked them,
 * when and why, and a caveat says how many there are.
 *
 * Returns: (transfer full): the report
 */
ClReport *
cl_report_new_full (const char *domain,
                    GDateTime  *scanned_at,
                    GPtrArray  *results,
                    GPtrArray  *caveats,
                    GPtrArray  *exclusions)
{
  ClReport *self;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (scanned_at != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  self = report_new_take (domain, scanned_at,
                          g_ptr_array_copy (results, copy_object, NULL));
  g_ptr_array_set_free_func (self->results, g_object_unref);
  for (guint i = 0; caveats != NULL && i < caveats->len; i++)
    g_ptr_array_add (self->caveats, g_strdup (g_ptr_array_index (caveats, i)));
  for (guint i = 0; exclusions != NULL && i < exclusions->len; i++)
    {
      ClExclusion *exclusion = g_ptr_array_index (exclusions, i);

      g_ptr_array_add (self->exclusions,
                       cl_exclusion_new (exclusion->rule_id, exclusion->note,
                                         exclusion->marked_by, exclusion->marked_at));
    }

  derive (self);
  /* A report read back from JSON has this caveat among those it recorded:
   * cl_report_new_from_json() does not add it again. */
  if (self->excluded->len > 0)
    g_ptr_array_add (self->caveats,
                     g_strdup_printf (ngettext ("%u finding was left out of the score: the user judged it a false positive",
                                                "%u findings were left out of the score: the user judged them false positives",
                                                self->excluded->len),
                                      self->excluded->len));
  assign_id (self);

  return self;
}

static gboolean
bad_report (GError     **error,
            const char  *what)
{
  g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("Not a valid report: %s"), what);
  return FALSE;
}

static const char *
get_string (JsonObject *obj,
            const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static ClFinding *
finding_from_json (const char  *module_id,
                   JsonNode    *node,
                   GError     **error)
{
  JsonObject *issue;
  ClSeverity severity;
  const char *rule_id, *finding, *remediation;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_report (error, "issue"), NULL;
  issue = json_node_get_object (node);
  rule_id = get_string (issue, "rule_id");
  finding = get_string (issue, "finding");
  remediation = get_string (issue, "remediation");
  if (rule_id == NULL || finding == NULL || remediation == NULL ||
      !cl_severity_from_string (get_string (issue, "severity"), &severity))
    return bad_report (error, "issue fields"), NULL;

  return cl_finding_new (module_id, rule_id, severity, finding, remediation,
                         get_string (issue, "evidence"));
}

static ClModuleResult *
result_from_json (const char  *id,
                  JsonNode    *node,
                  GError     **error)
{
  g_autoptr(ClModuleResult) result = cl_module_result_new (id);
  JsonObject *obj;
  JsonArray *issues;
  ClModuleStatus status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_report (error, "module"), NULL;
  obj = json_node_get_object (node);

  if (!cl_module_status_from_string (get_string (obj, "status"), &status))
    return bad_report (error, "module status"), NULL;
  cl_module_result_set_status (result, status, get_string (obj, "reason"));

  if (!json_object_has_member (obj, "issues") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "issues")))
    return bad_report (error, "module issues"), NULL;
  issues = json_object_get_array_member (obj, "issues");

  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      ClFinding *finding = finding_from_json (id, json_array_get_element (issues, i), error);

      if (finding == NULL)
        return NULL;
      cl_module_result_take_finding (result, finding);
    }

  return g_steal_pointer (&result);
}

static ClModuleResult *
find_result (GPtrArray  *results,
             const char *module_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);

      if (g_strcmp0 (cl_module_result_get_module_id (result), module_id) == 0)
        return result;
    }

  return NULL;
}

/* The excluded findings go back to their modules' results, and each rule's
 * who/when/why back to an exclusion. */
static gboolean
excluded_from_json (JsonObject  *obj,
                    GPtrArray   *results,
                    GPtrArray   *exclusions,
                    GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (obj, "excluded");
  JsonArray *array;

  /* reports written before exclusions existed have none */
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_report (error, "excluded");
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *inode = json_array_get_element (array, i);
      g_autoptr(ClFinding) finding = NULL;
      g_autoptr(GDateTime) marked_at = NULL;
      ClModuleResult *result;
      JsonObject *item;
      const char *module_id, *marked_by, *marked_at_str;

      if (!JSON_NODE_HOLDS_OBJECT (inode))
        return bad_report (error, "excluded issue");
      item = json_node_get_object (inode);
      module_id = get_string (item, "module");
      marked_by = get_string (item, "marked_by");
      marked_at_str = get_string (item, "marked_at");
      if (module_id == NULL || (result = find_result (results, module_id)) == NULL)
        return bad_report (error, "excluded issue module");
      if (marked_by == NULL || marked_at_str == NULL ||
          !(marked_at = g_date_time_new_from_iso8601 (marked_at_str, NULL)))
        return bad_report (error, "excluded issue fields");
      if (!(finding = finding_from_json (module_id, inode, error)))
        return FALSE;

      if (!g_hash_table_contains (seen, cl_finding_get_rule_id (finding)))
        {
          ClExclusion *exclusion = cl_exclusion_new (cl_finding_get_rule_id (finding),
                                                     get_string (item, "note"),
                                                     marked_by, marked_at);

          g_ptr_array_add (exclusions, exclusion);
          g_hash_table_add (seen, exclusion->rule_id);
        }
      cl_module_result_take_finding (result, g_steal_pointer (&finding));
    }

  return TRUE;
}

/**
 * cl_report_new_from_json:
 * @root: a report as cl_report_to_json() wrote it
 *
 * Rebuilds a report from what it recorded (module statuses, findings,
 * false positives, caveats); scores, issues, recommendations and the
 * compliance section are derived again, so a report whose JSON was edited
 * gets another id than the one it claims.
 *
 * Returns: (transfer full): the report, or %NULL with a
 *   %CL_ERROR_VALIDATION error
 */
ClReport *
cl_report_new_from_json (JsonNode  *root,
                         GError   **error)
{
  g_autoptr(ClReport) self = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  g_autoptr(GDateTime) scanned_at = NULL;
  JsonObject *obj, *modules;
  const char *domain;
  JsonNode *caveats;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return bad_report (error, "not an object"), NULL;
  obj = json_node_get_object (root);

  domain = get_string (obj, "domain");
  if (domain == NULL)
    return bad_report (error, "no domain"), NULL;
  if (get_string (obj, "scanned_at") == NULL ||
      !(scanned_at = g_date_time_new_from_iso8601 (get_string (obj, "scanned_at"), NULL)))
    return bad_report (error, "no scanned_at"), NULL;
  if (!json_object_has_member (obj, "modules") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "modules")))
    return bad_report (error, "no modules"), NULL;

  modules = json_object_get_object_member (obj, "modules");
  {
    g_autoptr(GList) ids = json_object_get_members (modules);

    for (GList *l = ids; l; l = l->next)
      {
        ClModuleResult *result = result_from_json (l->data, json_object_get_member (modules, l->data), error);

        if (result == NULL)
          return NULL;
        g_ptr_array_add (results, result);
      }
  }
  if (!excluded_from_json (obj, results, exclusions, error))
    return NULL;

  self = report_new_take (domain, scanned_at, g_steal_pointer (&results));
  g_ptr_array_extend_and_steal (self->exclusions, g_steal_pointer (&exclusions));

  caveats = json_object_get_member (obj, "caveats");
  if (caveats != NULL && JSON_NODE_HOLDS_ARRAY (caveats))
    {
      JsonArray *array = json_node_get_array (caveats);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *caveat = json_array_get_string_element (array, i);

          if (caveat != NULL)
            g_ptr_array_add (self->caveats, g_strdup (caveat));
        }
    }

  derive (self);
  assign_id (self);

  return g_steal_pointer (&self);
}

/**
 * cl_report_to_json:
 *
 * Returns: (transfer full): the report JSON, with its report_id
 */
JsonNode *
cl_report_to_json (ClReport *self)
{
  JsonNode *root;
  JsonObject *obj;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonObject) ordered = json_object_new ();

  g_return_val_if_fail (CL_IS_REPORT (self), NULL);

  root = to_json_without_id (self);
  obj = json_node_get_object (root);

  /* The seed lists report_id right after risk_level. */
  members = json_object_get_members (obj);
  for (GList *l = members; l; l = l->next)
    {
      json_object_set_member (ordered, l->data, json_node_copy (json_object_get_member (obj, l->data)));
      if (g_str_equal (l->data, "risk_level"))
        json_object_set_string_member (ordered, "report_id", self->id);
    }
  json_node_set_object (root, ordered);

  return root;
}

char *
cl_report_to_string (ClReport *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CL_IS_REPORT (self), NULL);

  root = cl_report_to_json (self);
  return cl_json_to_string (root, CL_JSON_PRETTY);
}

const char *
cl_report_get_id (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->id;
}

const char *
cl_report_get_domain (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->domain;
}

GDateTime *
cl_report_get_scanned_at (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->scanned_at;
}

/* FALSE when no scored module could be carried out. */
gboolean
cl_report_has_score (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), FALSE);
  return self->has_score;
}

guint
cl_report_get_score (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), 0);
  return self->score;
}

const char *
cl_report_get_grade (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->has_score ? cl_scoring_grade (self->score) : NULL;
}

const char *
cl_report_get_risk_level (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->has_score ? cl_scoring_risk_level (self->score) : NULL;
}

/**
 * cl_report_get_results:
 *
 * Returns: (transfer none) (element-type ClModuleResult): in catalog order
 */
GPtrArray *
cl_report_get_results (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->results;
}

gboolean
cl_report_get_module_score (ClReport   *self,
                            const char *module_id,
                            guint      *score)
{
  gpointer value;

  g_return_val_if_fail (CL_IS_REPORT (self), FALSE);

  value = g_hash_table_lookup (self->module_scores, module_id);
  if (value == NULL)
    return FALSE;
  if (score != NULL)
    *score = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/**
 * cl_report_get_issues:
 *
 * Returns: (transfer none) (element-type ClFinding): most severe first
 */
GPtrArray *
cl_report_get_issues (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->issues;
}

/**
 * cl_report_get_caveats:
 *
 * Returns: (transfer none) (element-type utf8): the caveats
 */
GPtrArray *
cl_report_get_caveats (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->caveats;
}

/**
 * cl_report_get_excluded:
 *
 * Returns: (transfer none) (element-type ClFinding): the findings left out
 *   as false positives, most severe first
 */
GPtrArray *
cl_report_get_excluded (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->excluded;
}

/**
 * cl_report_get_exclusions:
 *
 * Returns: (transfer none) (element-type ClExclusion): the exclusions that
 *   matched a finding, by rule id
 */
GPtrArray *
cl_report_get_exclusions (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->exclusions;
}

/**
 * cl_report_get_recommendations:
 *
 * Returns: (transfer none) (element-type ClRecommendation): most points first
 */
GPtrArray *
cl_report_get_recommendations (ClReport *self)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  return self->recommendations;
}

/**
 * cl_report_find_exclusion:
 *
 * Returns: (transfer none) (nullable): the exclusion that left @rule_id's
 *   findings out of this report
 */
ClExclusion *
cl_report_find_exclusion (ClReport   *self,
                          const char *rule_id)
{
  g_return_val_if_fail (CL_IS_REPORT (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < self->exclusions->len; i++)
    {
      ClExclusion *exclusion = g_ptr_array_index (self->exclusions, i);

      if (g_str_equal (exclusion->rule_id, rule_id))
        return exclusion;
    }

  return NULL;
}

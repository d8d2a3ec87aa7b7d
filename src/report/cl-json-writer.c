/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cl-json-writer.h"

/* JSON out, in two styles.  The canonical one is what report ids and
 * signatures are computed over, so it must give the same bytes for the same
 * content however the content was built or re-read: object members sorted
 * by their UTF-8 bytes, no white space, minimal string escapes, and numbers
 * in their shortest round-trip form (json-glib writes 0.2 as
 * 0.20000000000000001, and an integral double as "1.0", which a re-read
 * turns into an integer). */

static void write_node (GString *out, JsonNode *node, ClJsonStyle style, guint depth);

static void
write_string (GString    *out,
              const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity. */
      g_string_append (out, "null");
      return;
    }

  if (value == (double)(gint64)value && value > -1e15 && value < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
newline (GString     *out,
         ClJsonStyle  style,
         guint        depth)
{
  if (style == CL_JSON_PRETTY)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < depth; i++)
        g_string_append (out, "  ");
    }
}

static int
compare_member_names (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
write_object (GString     *out,
              JsonObject  *object,
              ClJsonStyle  style,
              guint        depth)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (GList *l = members; l; l = l->next)
    g_ptr_array_add (names, l->data);
  if (style == CL_JSON_CANONICAL)
    g_ptr_array_sort (names, compare_member_names);

  g_string_append_c (out, '{');
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (i > 0)
        g_string_append_c (out, ',');
      newline (out, style, depth + 1);
      write_string (out, name);
      g_string_append (out, style == CL_JSON_PRETTY ? ": " : ":");
      write_node (out, json_object_get_member (object, name), style, depth + 1);
    }
  if (names->len > 0)
    newline (out, style, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString     *out,
             JsonArray   *array,
             ClJsonStyle  style,
             guint        depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      newline (out, style, depth + 1);
      write_node (out, json_array_get_element (array, i), style, depth + 1);
    }
  if (n > 0)
    newline (out, style, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString     *out,
            JsonNode    *node,
            ClJsonStyle  style,
            guint        depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), style, depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), style, depth);
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cl_json_to_string:
 * @node: the JSON to write
 * @style: for people, or canonical
 *
 * Returns: (transfer full): the JSON text
 */
char *
cl_json_to_string (JsonNode    *node,
                   ClJsonStyle  style)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, style, 0);
  if (style == CL_JSON_PRETTY)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

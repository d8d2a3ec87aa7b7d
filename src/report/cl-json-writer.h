/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CL_JSON_PRETTY,     /* indented, members in their order: for people */
  CL_JSON_CANONICAL,  /* compact, members sorted: for digests */
} ClJsonStyle;

char *cl_json_to_string (JsonNode    *node,
                         ClJsonStyle  style);

G_END_DECLS

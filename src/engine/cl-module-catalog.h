/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a module needs from the target before it can say anything. */
typedef enum
{
  CL_MODULE_NEEDS_DNS,      /* the name exists */
  CL_MODULE_NEEDS_ADDRESS,  /* the name has an A or AAAA record */
  CL_MODULE_NEEDS_WEB,      /* something answers on 80 or 443 */
} ClModuleNeeds;

typedef struct
{
  char          *id;
  char          *title;
  double         weight;
  guint          tier;
  ClModuleNeeds  needs;
} ClModuleInfo;

const ClModuleInfo *cl_module_catalog_lookup (const char *id);
/* (element-type ClModuleInfo): every module, in the order reports list them */
GPtrArray          *cl_module_catalog_list   (void);

G_END_DECLS

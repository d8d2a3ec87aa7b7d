/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CL_TYPE_DOMAIN_ROW (cl_domain_row_get_type ())

G_DECLARE_FINAL_TYPE (ClDomainRow, cl_domain_row, CL, DOMAIN_ROW, GtkListBoxRow)

ClDomainRow *cl_domain_row_new          (const char  *domain);
const char  *cl_domain_row_get_domain   (ClDomainRow *self);
void         cl_domain_row_set_scanning (ClDomainRow *self);
void         cl_domain_row_set_failed   (ClDomainRow *self,
                                         const char  *message);
void         cl_domain_row_set_score    (ClDomainRow *self,
                                         gboolean     has_score,
                                         guint        score,
                                         const char  *grade);
void         cl_domain_row_set_history  (ClDomainRow *self,
                                         GPtrArray   *history);

G_END_DECLS

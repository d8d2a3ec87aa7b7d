/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-signing-key.h"

G_BEGIN_DECLS

#define CL_TYPE_REPORT_SEAL (cl_report_seal_get_type ())

G_DECLARE_FINAL_TYPE (ClReportSeal, cl_report_seal, CL, REPORT_SEAL, GObject)

char         *cl_report_seal_compute_digest          (JsonNode      *report);
ClReportSeal *cl_report_seal_new                     (JsonNode      *report,
                                                      ClSigningKey  *key,
                                                      GError       **error);
ClReportSeal *cl_report_seal_new_from_signature_file (const char    *data,
                                                      gsize          length,
                                                      GError       **error);
ClReportSeal *cl_report_seal_new_from_pdf            (const guint8  *data,
                                                      gsize          length,
                                                      GError       **error);
const char   *cl_report_seal_get_report_id           (ClReportSeal  *self);
const char   *cl_report_seal_get_digest              (ClReportSeal  *self);
ClSigningKey *cl_report_seal_get_key                 (ClReportSeal  *self);
GBytes       *cl_report_seal_get_signature           (ClReportSeal  *self);
char         *cl_report_seal_to_signature_file       (ClReportSeal  *self);
char         *cl_report_seal_to_keywords             (ClReportSeal  *self);
gboolean      cl_report_seal_check                   (ClReportSeal  *self,
                                                      JsonNode      *report,
                                                      GError       **error);

G_END_DECLS

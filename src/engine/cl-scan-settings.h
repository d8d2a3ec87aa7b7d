/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The remote data services' real endpoints. */
#define CL_DEFAULT_RDAP_BOOTSTRAP_URL "https://data.iana.org/rdap/dns.json"
#define CL_DEFAULT_CT_LOG_URL         "https://crt.sh/"
#define CL_DEFAULT_BREACH_LIST_URL    "https://haveibeenpwned.com/api/v3/breaches"

#define CL_TYPE_SCAN_SETTINGS (cl_scan_settings_get_type ())

G_DECLARE_FINAL_TYPE (ClScanSettings, cl_scan_settings, CL, SCAN_SETTINGS, GObject)

ClScanSettings *cl_scan_settings_new                   (void);
const char     *cl_scan_settings_get_resolver          (ClScanSettings *self);
void            cl_scan_settings_set_resolver          (ClScanSettings *self,
                                                        const char     *resolver);
const char     *cl_scan_settings_get_trust_anchor_file (ClScanSettings *self);
void            cl_scan_settings_set_trust_anchor_file (ClScanSettings *self,
                                                        const char     *path);
const char     *cl_scan_settings_get_ca_file           (ClScanSettings *self);
void            cl_scan_settings_set_ca_file           (ClScanSettings *self,
                                                        const char     *path);
guint           cl_scan_settings_get_module_timeout    (ClScanSettings *self);
void            cl_scan_settings_set_module_timeout    (ClScanSettings *self,
                                                        guint           seconds);
guint           cl_scan_settings_get_network_timeout   (ClScanSettings *self);
void            cl_scan_settings_set_network_timeout   (ClScanSettings *self,
                                                        guint           seconds);

const char * const *cl_scan_settings_get_skipped_modules (ClScanSettings     *self);
void            cl_scan_settings_set_skipped_modules   (ClScanSettings     *self,
                                                        const char * const *module_ids);
gboolean        cl_scan_settings_skips_module          (ClScanSettings     *self,
                                                        const char         *module_id);

const char     *cl_scan_settings_get_rdap_bootstrap_url (ClScanSettings *self);
void            cl_scan_settings_set_rdap_bootstrap_url (ClScanSettings *self,
                                                         const char     *url);
const char     *cl_scan_settings_get_ct_log_url        (ClScanSettings *self);
void            cl_scan_settings_set_ct_log_url        (ClScanSettings *self,
                                                        const char     *url);
const char     *cl_scan_settings_get_breach_list_url   (ClScanSettings *self);
void            cl_scan_settings_set_breach_list_url   (ClScanSettings *self,
                                                        const char     *url);

G_END_DECLS

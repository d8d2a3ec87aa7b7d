/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-module-result.h"
#include "cl-scan-context.h"

G_BEGIN_DECLS

/* What is kept of a home page: the server's bytes are untrusted. */
#define CL_WEB_PAGE_MAX_HTML         (256 * 1024)
#define CL_WEB_PAGE_MAX_SCRIPT       (512 * 1024)
#define CL_WEB_PAGE_MAX_FETCHED      20    /* external scripts fetched */
#define CL_WEB_PAGE_MAX_SCRIPTS      100   /* script elements kept */
#define CL_WEB_PAGE_MAX_RESOURCES    200   /* scripts, images, frames, links */
#define CL_WEB_PAGE_MAX_HEADERS      100
#define CL_WEB_PAGE_MAX_HEADER_VALUE 1024
#define CL_WEB_PAGE_MAX_URL          2048

typedef enum
{
  CL_WEB_RESOURCE_SCRIPT,
  CL_WEB_RESOURCE_IMAGE,
  CL_WEB_RESOURCE_FRAME,
  CL_WEB_RESOURCE_LINK,
} ClWebResourceKind;

/* Something the page loads from an absolute http(s) URL. */
typedef struct
{
  ClWebResourceKind kind;
  char             *url;
  char             *host;  /* lower case */
} ClWebResource;

/* A <script> element: external (url) or inline. */
typedef struct
{
  char   *url;      /* absolute URL, or NULL for an inline script */
  GBytes *content;  /* the inline text or the fetched body (capped), or NULL */
  char   *error;    /* why an external script could not be fetched, or NULL */
} ClWebScript;

#define CL_TYPE_WEB_PAGE (cl_web_page_get_type ())

G_DECLARE_FINAL_TYPE (ClWebPage, cl_web_page, CL, WEB_PAGE, GObject)

ClWebPage   *cl_web_page_new                (const char          *url,
                                             guint                status);
void         cl_web_page_add_header         (ClWebPage           *self,
                                             const char          *name,
                                             const char          *value);
void         cl_web_page_set_html           (ClWebPage           *self,
                                             const char          *html,
                                             gsize                length);
void         cl_web_page_set_script_content (ClWebPage           *self,
                                             guint                index,
                                             const char          *data,
                                             gsize                length);
const char  *cl_web_page_get_url            (ClWebPage           *self);
guint        cl_web_page_get_status         (ClWebPage           *self);
GPtrArray   *cl_web_page_get_headers        (ClWebPage           *self);
const char  *cl_web_page_get_header         (ClWebPage           *self,
                                             const char          *name);
GPtrArray   *cl_web_page_get_cookie_names   (ClWebPage           *self);
const char  *cl_web_page_get_html           (ClWebPage           *self);
const char  *cl_web_page_get_generator      (ClWebPage           *self);
GPtrArray   *cl_web_page_get_scripts        (ClWebPage           *self);
GPtrArray   *cl_web_page_get_resources      (ClWebPage           *self);

void         cl_web_page_fetch_async        (ClScanContext       *context,
                                             gboolean             with_scripts,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
ClWebPage   *cl_web_page_fetch_finish       (GAsyncResult        *result,
                                             GError             **error);

/* A module's judge of a fetched page, adding its findings to @result. */
typedef void (*ClWebPageJudge) (ClWebPage      *page,
                                ClModuleResult *result);

void         cl_web_page_judge_async        (gpointer             source_object,
                                             ClScanContext       *context,
                                             const char          *module_id,
                                             ClWebPageJudge       judge,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

G_END_DECLS

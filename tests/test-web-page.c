/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-web-page"

#include "config.h"

#include <string.h>

#include "cl-web-page-private.h"

/* The home page's tag scanner: what a page loads, on recorded HTML. */

static ClWebPage *
page_of (const char *html)
{
  ClWebPage *page = cl_web_page_new ("https://shop.example/dir/index.html", 200);

  cl_web_page_set_html (page, html, strlen (html));
  return page;
}

static const char *
resource_url (ClWebPage *page,
              guint      i)
{
  GPtrArray *resources = cl_web_page_get_resources (page);

  g_assert_cmpuint (i, <, resources->len);
  return ((ClWebResource *)g_ptr_array_index (resources, i))->url;
}

static void
test_resources (void)
{
  g_autoptr(ClWebPage) page = page_of (
    "<!doctype html><html><head>\n"
    "<META NAME=\"Generator\" CONTENT=\" WordPress 6.1.1 \">\n"
    "<meta name=generator content=\"second\">\n"
    "<link rel=stylesheet href='/css/site.css?v=1&amp;x=2'>\n"
    "<script src=\"js/jquery-1.8.3.min.js\"></script>\n"
    "<script SRC=//cdn.example.net/lib.js async></script>\n"
    "<script>var a = '<script src=\"https://not.example/x.js\">';</script>\n"
    "<!-- <img src=\"https://commented.example/pixel.gif\"> -->\n"
    "</head><body>\n"
    "<img alt='a > b' src=\"https://www.google-analytics.com/collect?v=1\">\n"
    "<iframe src=\"https://td.doubleclick.net/frame\"></iframe>\n"
    "<img src=\"javascript:alert(1)\"><img src=\"data:image/png;base64,AA\"><img src=\"\">\n"
    "<a href=\"https://link.example/\">not loaded</a>\n"
    "</body></html>");
  GPtrArray *scripts = cl_web_page_get_scripts (page);
  GPtrArray *resources = cl_web_page_get_resources (page);
  g_autofree char *text = NULL;
  ClWebScript *script;

  g_assert_cmpstr (cl_web_page_get_generator (page), ==, "WordPress 6.1.1");

  g_assert_cmpuint (resources->len, ==, 5);
  g_assert_cmpstr (resource_url (page, 0), ==, "https://shop.example/css/site.css?v=1&x=2");
  g_assert_cmpstr (resource_url (page, 1), ==, "https://shop.example/dir/js/jquery-1.8.3.min.js");
  g_assert_cmpstr (resource_url (page, 2), ==, "https://cdn.example.net/lib.js");
  g_assert_cmpstr (resource_url (page, 3), ==, "https://www.google-analytics.com/collect?v=1");
  g_assert_cmpstr (resource_url (page, 4), ==, "https://td.doubleclick.net/frame");
  g_assert_cmpint (((ClWebResource *)g_ptr_array_index (resources, 3))->kind, ==, CL_WEB_RESOURCE_IMAGE);
  g_assert_cmpint (((ClWebResource *)g_ptr_array_index (resources, 4))->kind, ==, CL_WEB_RESOURCE_FRAME);
  g_assert_cmpstr (((ClWebResource *)g_ptr_array_index (resources, 4))->host, ==, "td.doubleclick.net");

  /* two external scripts and the inline one, whose text is not parsed */
  g_assert_cmpuint (scripts->len, ==, 3);
  script = g_ptr_array_index (scripts, 2);
  g_assert_null (script->url);
  text = g_strndup (g_bytes_get_data (script->content, NULL), g_bytes_get_size (script->content));
  g_assert_cmpstr (text, ==, "var a = '<script src=\"https://not.example/x.js\">';");
  script = g_ptr_array_index (scripts, 0);
  g_assert_null (script->content);
  cl_web_page_set_script_content (page, 0, "/*! jQuery v1.8.3 */", 20);
  g_assert_cmpuint (g_bytes_get_size (script->content), ==, 20);
}

static void
test_headers (void)
{
  g_autoptr(ClWebPage) page = cl_web_page_new ("https://shop.example/", 200);
  GPtrArray *cookies;

  cl_web_page_add_header (page, "Server", "nginx/1.22.1");
  cl_web_page_add_header (page, "Set-Cookie", "PHPSESSID=abc; Path=/");
  cl_web_page_add_header (page, "set-cookie", " wordpress_logged_in_1 = x");
  cl_web_page_add_header (page, "Set-Cookie", "broken");
  g_assert_cmpstr (cl_web_page_get_header (page, "SERVER"), ==, "nginx/1.22.1");
  g_assert_null (cl_web_page_get_header (page, "X-Powered-By"));

  cookies = cl_web_page_get_cookie_names (page);
  g_assert_cmpuint (cookies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (cookies, 0), ==, "PHPSESSID");
  g_assert_cmpstr (g_ptr_array_index (cookies, 1), ==, "wordpress_logged_in_1");

  for (guint i = 0; i < 2 * CL_WEB_PAGE_MAX_HEADERS; i++)
    cl_web_page_add_header (page, "X-Many", "1");
  g_assert_cmpuint (cl_web_page_get_headers (page)->len, ==, 2 * CL_WEB_PAGE_MAX_HEADERS);
}

/* Pages that end in the middle of a tag, an attribute or a script, or
 * hold NULs, are read without running past their end. */
static void
test_truncated (void)
{
  const char *pages[] = {
    "<", "<script", "<script src=", "<script src=\"https://a.example/x.js", "<script>var x",
    "<!--", "<img src='https://a.example/p.gif", "<meta name=generator content=", "</", "<img/src=x>",
  };
  g_autoptr(ClWebPage) nul = cl_web_page_new ("https://shop.example/", 200);
  static const char with_nuls[] = "<img src=\"https://a.example/\0\">\0<script src=/x.js></script>";

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(ClWebPage) page = page_of (pages[i]);

      g_assert_cmpuint (cl_web_page_get_resources (page)->len, <=, 1);
    }

  cl_web_page_set_html (nul, with_nuls, sizeof with_nuls - 1);
  g_assert_cmpuint (strlen (cl_web_page_get_html (nul)), ==, sizeof with_nuls - 1);
  g_assert_cmpuint (cl_web_page_get_resources (nul)->len, ==, 2);
}

/* A page of nothing but tags keeps CL_WEB_PAGE_MAX_RESOURCES of them,
 * and no more than CL_WEB_PAGE_MAX_HTML bytes of itself. */
static void
test_caps (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(ClWebPage) page = NULL;

  while (html->len <= CL_WEB_PAGE_MAX_HTML)
    g_string_append (html, "<script src=/a.js></script><img src=/b.png>");
  page = page_of (html->str);

  g_assert_cmpuint (strlen (cl_web_page_get_html (page)), ==, CL_WEB_PAGE_MAX_HTML);
  g_assert_cmpuint (cl_web_page_get_resources (page)->len, ==, CL_WEB_PAGE_MAX_RESOURCES);
  g_assert_cmpuint (cl_web_page_get_scripts (page)->len, ==, CL_WEB_PAGE_MAX_RESOURCES / 2);
}

/* Scripts come from the web ports, never from the user's own machine or
 * network by address. */
static void
test_fetchable (void)
{
  const struct { const char *url; gboolean fetchable; } cases[] = {
    { "https://cdn.example.net/lib.js", TRUE },
    { "http://cdn.example.net:80/lib.js", TRUE },
    { "https://cdn.example.net:443/lib.js", TRUE },
    { "https://93.184.215.14/lib.js", TRUE },
    { "https://cdn.example.net:8443/lib.js", FALSE },
    { "http://localhost/lib.js", FALSE },
    { "http://127.0.0.1/lib.js", FALSE },
    { "http://192.168.1.1/lib.js", FALSE },
    { "http://10.0.0.8/lib.js", FALSE },
    { "http://169.254.169.254/latest/meta-data", FALSE },
    { "http://[::1]/lib.js", FALSE },
    { "http://[fe80::1]/lib.js", FALSE },
    { "http://0.0.0.0/lib.js", FALSE },
    { "not a url", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (_cl_web_page_is_fetchable (cases[i].url), ==, cases[i].fetchable);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web-page/resources", test_resources);
  g_test_add_func ("/web-page/headers", test_headers);
  g_test_add_func ("/web-page/truncated", test_truncated);
  g_test_add_func ("/web-page/caps", test_caps);
  g_test_add_func ("/web-page/fetchable", test_fetchable);

  return g_test_run ();
}

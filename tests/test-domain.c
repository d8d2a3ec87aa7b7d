/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cl-domain.h"
#include "cl-error.h"

static void
assert_normal (const char *input,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = cl_domain_normalize (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (domain, ==, expected);
}

static void
assert_rejected (const char *input,
                 const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = cl_domain_normalize (input, &error);

  g_assert_null (domain);
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s”: message “%s” does not mention “%s”", input, error->message, message_part);
}

static void
test_normalise (void)
{
  assert_normal ("example.com", "example.com");
  assert_normal ("EXAMPLE.Com", "example.com");
  assert_normal ("example.com.", "example.com");
  assert_normal ("  example.com \n", "example.com");
  assert_normal ("www.example.co.uk", "www.example.co.uk");
  assert_normal ("a-b.example", "a-b.example");
  assert_normal ("xn--bcher-kva.example", "xn--bcher-kva.example");
}

static void
test_url (void)
{
  assert_normal ("https://Example.com/path", "example.com");
  assert_normal ("http://example.com:8080/a?b#c", "example.com");
  assert_normal ("https://user:pw@example.com/", "example.com");
  assert_normal ("example.com/login", "example.com");
  assert_normal ("example.com?x=1", "example.com");
  assert_rejected ("https:///path", "empty");
}

static void
test_idn (void)
{
  assert_normal ("Bücher.example", "xn--bcher-kva.example");
  assert_normal ("https://日本語.jp/", "xn--wgv71a119e.jp");
  assert_normal ("MÜNCHEN.de", "xn--mnchen-3ya.de");
}

static void
test_rejects (void)
{
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autofree char *label63 = g_strnfill (63, 'a');
  g_autofree char *ok63 = g_strdup_printf ("%s.example", label63);
  g_autofree char *bad64 = g_strdup_printf ("%s.example", long_label);
  /* 4 labels of 63 + 3 dots = 255 > 253; 3×63 + 61 + 3 dots = 253 */
  g_autofree char *label61 = g_strnfill (61, 'b');
  g_autofree char *name253 = g_strdup_printf ("%s.%s.%s.%s", label63, label63, label63, label61);
  g_autofree char *name255 = g_strdup_printf ("%s.%s.%s.%s", label63, label63, label63, label63);

  assert_rejected ("", "empty");
  assert_rejected ("   ", "empty");
  assert_rejected ("192.0.2.1", "IP address");
  assert_rejected ("https://192.0.2.1/", "IP address");
  assert_rejected ("2001:db8::1", "IP address");
  assert_rejected ("[2001:db8::1]", "IP address");
  assert_rejected ("http://[2001:db8::1]:443/", "IP address");
  assert_rejected ("localhost", "single label");
  assert_rejected ("com.", "single label");
  assert_rejected ("a..example", "empty label");
  assert_rejected (".example.com", "empty label");
  assert_rejected ("-a.example", "hyphen");
  assert_rejected ("a-.example", "hyphen");
  assert_rejected ("ex ample.com", "white space");
  assert_rejected ("not a domain", "white space");
  assert_rejected ("exa_mple.com", "character");
  assert_rejected ("*.example.com", "character");
  assert_rejected ("example.123", "numeric");
  assert_rejected (bad64, "at most 63");
  assert_normal (ok63, ok63);
  assert_normal (name253, name253);
  assert_rejected (name255, "at most 253");
  assert_rejected ("\xff\xfe.com", "UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/domain/normalise", test_normalise);
  g_test_add_func ("/domain/url", test_url);
  g_test_add_func ("/domain/idn", test_idn);
  g_test_add_func ("/domain/rejects", test_rejects);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-spf"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-module-dns-email-private.h"
#include "cl-spf.h"

/* Feeds bytes to the SPF parser, as they are and behind "v=spf1 " so that
 * the fuzzer need not find the version first; then, line by line, as the
 * TXT records of every name the dns_email module asks for, so that the
 * include/redirect walk and the judge run on hostile record trees. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSpfRecord) record = cl_spf_record_parse (text, &error);

  if (record == NULL)
    {
      /* error messages end up in reports: valid UTF-8, of bounded size */
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (strlen (error->message) < 512);
      return;
    }

  g_assert (error == NULL);
  g_assert (cl_spf_is_record (text));
  g_assert (record->mechanisms->len <= CL_SPF_MAX_TERMS);
  g_assert (cl_spf_record_count_dns_terms (record) <= record->mechanisms->len + 1);

  for (guint i = 0; i < record->mechanisms->len; i++)
    {
      const ClSpfMechanism *mechanism = g_ptr_array_index (record->mechanisms, i);

      g_assert (mechanism->cidr4 >= -1 && mechanism->cidr4 <= 32);
      g_assert (mechanism->cidr6 >= -1 && mechanism->cidr6 <= 128);
      switch (mechanism->type)
        {
        case CL_SPF_MECHANISM_ALL:
          g_assert (mechanism->argument == NULL);
          break;
        case CL_SPF_MECHANISM_INCLUDE:
        case CL_SPF_MECHANISM_EXISTS:
        case CL_SPF_MECHANISM_IP4:
        case CL_SPF_MECHANISM_IP6:
          g_assert (mechanism->argument != NULL && mechanism->argument[0] != '\0');
          break;
        case CL_SPF_MECHANISM_A:
        case CL_SPF_MECHANISM_MX:
        case CL_SPF_MECHANISM_PTR:
        default:
          break;
        }
      g_assert (g_str_is_ascii (cl_spf_mechanism_type_to_string (mechanism->type)));
    }
}

static void
txt_answer (ClDnsEmailFacts *facts,
            const char      *name,
            GStrv            lines)
{
  g_autoptr(ClDnsAnswer) answer = cl_dns_answer_new (name, CL_DNS_TYPE_TXT, CL_DNS_RCODE_NOERROR, FALSE, FALSE, NULL);

  for (guint i = 0; lines[i] != NULL && i < 8; i++)
    {
      g_autoptr(GByteArray) rdata = g_byte_array_new ();
      gsize len = strlen (lines[i]);

      for (gsize off = 0; off < len; off += 255)
        {
          guint8 n = MIN (255, len - off);

          g_byte_array_append (rdata, &n, 1);
          g_byte_array_append (rdata, (const guint8 *)lines[i] + off, n);
        }
      if (rdata->len > 0)
        cl_dns_answer_add_rdata (answer, rdata->data, rdata->len);
    }

  cl_dns_email_facts_set_answer (facts, name, CL_DNS_TYPE_TXT, answer);
}

static void
judge (GStrv lines)
{
  g_autoptr(ClDnsEmailFacts) facts = cl_dns_email_facts_new ("fuzz.example");
  g_autoptr(ClModuleResult) result = cl_module_result_new ("dns_email");
  guint n_queries = 0;

  for (guint round = 0; ; round++)
    {
      g_autoptr(GPtrArray) wanted = cl_dns_email_facts_wanted (facts);

      if (wanted->len == 0)
        break;
      /* the walk is bounded whatever the records say */
      g_assert (round < 30);

      for (guint i = 0; i < wanted->len; i++)
        {
          const ClDnsEmailQuery *query = g_ptr_array_index (wanted, i);

          n_queries++;
          if (query->rrtype == CL_DNS_TYPE_TXT)
            {
              txt_answer (facts, query->name, lines);
            }
          else
            {
              g_autoptr(ClDnsAnswer) empty =
                cl_dns_answer_new (query->name, query->rrtype,
                                   query->rrtype == CL_DNS_TYPE_SOA ? CL_DNS_RCODE_NOERROR : CL_DNS_RCODE_NXDOMAIN,
                                   FALSE, FALSE, NULL);
              cl_dns_email_facts_set_answer (facts, query->name, query->rrtype, empty);
            }
        }
    }

  g_assert (n_queries <= CL_DNS_EMAIL_MAX_QUERIES);
  g_assert (cl_dns_email_facts_reachable (facts, NULL));
  cl_dns_email_judge (facts, result);

  for (guint i = 0; i < cl_module_result_get_findings (result)->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (cl_module_result_get_findings (result), i);

      g_assert (g_utf8_validate (cl_finding_get_evidence (finding), -1, NULL));
      g_assert (strlen (cl_finding_get_evidence (finding)) < 8192);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *prefixed = NULL;
  g_auto(GStrv) lines = NULL;

  if (size > 2 * CL_SPF_MAX_LENGTH)
    return 0;

  text = g_strndup ((const char *)data, size);
  prefixed = g_strconcat ("v=spf1 ", text, NULL);

  check_parse (text);
  check_parse (prefixed);

  lines = g_strsplit (text, "\n", -1);
  judge (lines);

  return 0;
}

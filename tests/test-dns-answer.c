/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dns-answer"

#include "config.h"

#include <string.h>

#include "cl-dns-answer.h"

/* The typed views of ClDnsAnswer on hand-built rdata: what libunbound
 * hands over is bytes from the network, so besides the well-formed
 * records each view is fed truncated and malformed ones, which it must
 * skip without reading past the end (run under ASan). */

#define TYPE_PTR 12

static ClDnsAnswer *
answer_new (guint16 rrtype)
{
  return cl_dns_answer_new ("example.com", rrtype, CL_DNS_RCODE_NOERROR, TRUE, FALSE, NULL);
}

/* Adds rdata from a literal with embedded NULs (sizeof - 1 drops the
 * literal's terminator). */
#define ADD(answer, literal) \
  cl_dns_answer_add_rdata ((answer), (const guint8 *)(literal), sizeof (literal) - 1)

/* Adds rdata through an exactly-sized heap copy, so that ASan sees any
 * read past its end. */
static void
add_exact (ClDnsAnswer  *answer,
           const guint8 *data,
           gsize         len)
{
  g_autofree guint8 *copy = g_memdup2 (data, len);

  cl_dns_answer_add_rdata (answer, copy, len);
}

static void
test_basics (void)
{
  g_autoptr(ClDnsAnswer) answer = cl_dns_answer_new ("nx.example.com", CL_DNS_TYPE_A,
                                                     CL_DNS_RCODE_NXDOMAIN, FALSE, TRUE,
                                                     "signature expired");
  g_autoptr(ClDnsAnswer) empty = answer_new (CL_DNS_TYPE_TXT);
  g_autoptr(GPtrArray) none = NULL;
  g_auto(GStrv) no_txt = NULL;
  GPtrArray *rdata;

  g_assert_cmpstr (cl_dns_answer_get_qname (answer), ==, "nx.example.com");
  g_assert_cmpuint (cl_dns_answer_get_rrtype (answer), ==, CL_DNS_TYPE_A);
  g_assert_cmpint (cl_dns_answer_get_rcode (answer), ==, CL_DNS_RCODE_NXDOMAIN);
  g_assert_true (cl_dns_answer_is_nxdomain (answer));
  g_assert_false (cl_dns_answer_is_secure (answer));
  g_assert_true (cl_dns_answer_is_bogus (answer));
  g_assert_cmpstr (cl_dns_answer_get_why_bogus (answer), ==, "signature expired");
  g_assert_false (cl_dns_answer_has_data (answer));

  g_assert_false (cl_dns_answer_is_nxdomain (empty));
  g_assert_null (cl_dns_answer_get_why_bogus (empty));
  no_txt = cl_dns_answer_get_txt (empty);
  g_assert_nonnull (no_txt);
  g_assert_null (no_txt[0]);

  ADD (answer, "\x7f\x00\x00\x01");
  g_assert_true (cl_dns_answer_has_data (answer));
  rdata = cl_dns_answer_get_rdata (answer);
  g_assert_cmpuint (rdata->len, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (rdata, 0)), ==, 4);

  /* An empty rdata is kept raw, even if no view can use it. */
  cl_dns_answer_add_rdata (answer, NULL, 0);
  g_assert_cmpuint (rdata->len, ==, 2);
  none = cl_dns_answer_get_addresses (answer);
  g_assert_cmpuint (none->len, ==, 1);
}

static void
assert_addresses (GPtrArray  *addresses,
                  const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *one = g_inet_address_to_string (g_ptr_array_index (addresses, i));

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, one);
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_addresses (void)
{
  g_autoptr(ClDnsAnswer) a = answer_new (CL_DNS_TYPE_A);
  g_autoptr(ClDnsAnswer) aaaa = answer_new (CL_DNS_TYPE_AAAA);
  g_autoptr(ClDnsAnswer) txt = answer_new (CL_DNS_TYPE_TXT);
  g_autoptr(GPtrArray) v4 = NULL;
  g_autoptr(GPtrArray) v6 = NULL;
  g_autoptr(GPtrArray) other = NULL;

  ADD (a, "\xc0\x00\x02\x01");
  ADD (a, "\xc0\x00\x02");              /* truncated */
  ADD (a, "\xc0\x00\x02\x02\x00");      /* too long */
  ADD (a, "\x0a\x00\x00\x07");
  v4 = cl_dns_answer_get_addresses (a);
  assert_addresses (v4, "192.0.2.1 10.0.0.7");

  ADD (aaaa, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01");
  ADD (aaaa, "\xc0\x00\x02\x01");       /* an A record's size */
  ADD (aaaa, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
  v6 = cl_dns_answer_get_addresses (aaaa);
  assert_addresses (v6, "2001:db8::1");

  /* The rdata of another type is not an address, whatever its size. */
  ADD (txt, "\x03""abc");
  other = cl_dns_answer_get_addresses (txt);
  g_assert_cmpuint (other->len, ==, 0);
}

static void
test_txt (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_TXT);
  g_autoptr(ClDnsAnswer) mx = answer_new (CL_DNS_TYPE_MX);
  g_auto(GStrv) texts = NULL;
  g_auto(GStrv) none = NULL;

  /* RFC 7208 §3.3: the strings of one record join without a space. */
  ADD (answer, "\x0a""v=spf1 ip4\x0d"":192.0.2.0/24\x05"" -all");
  /* An empty string inside and an empty record are both valid. */
  ADD (answer, "\x03""abc\x00\x03""def");
  ADD (answer, "\x00");
  /* Malformed: a length running past the end, a lone length byte, no
   * string at all. */
  ADD (answer, "\x05""abc");
  ADD (answer, "\x03""abc\x04");
  cl_dns_answer_add_rdata (answer, (const guint8 *)"", 0);
  /* Bytes that are not text: a NUL must not cut the record short. */
  ADD (answer, "\x07""v=x\x00y\xff""z");

  texts = cl_dns_answer_get_txt (answer);
  g_assert_cmpuint (g_strv_length (texts), ==, 4);
  g_assert_cmpstr (texts[0], ==, "v=spf1 ip4:192.0.2.0/24 -all");
  g_assert_cmpstr (texts[1], ==, "abcdef");
  g_assert_cmpstr (texts[2], ==, "");
  g_assert_cmpstr (texts[3], ==, "v=x\xef\xbf\xbdy\xef\xbf\xbdz");
  for (guint i = 0; texts[i] != NULL; i++)
    g_assert_true (g_utf8_validate (texts[i], -1, NULL));

  ADD (mx, "\x03""abc");
  none = cl_dns_answer_get_txt (mx);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_txt_long (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_TXT);
  g_autoptr(GByteArray) rdata = g_byte_array_new ();
  g_auto(GStrv) texts = NULL;

  /* A 2048-bit DKIM key needs two 255-octet strings and a bit more. */
  for (guint i = 0; i < 3; i++)
    {
      guint8 len = i < 2 ? 255 : 10;

      g_byte_array_append (rdata, &len, 1);
      for (guint j = 0; j < len; j++)
        {
          guint8 c = 'a' + i;

          g_byte_array_append (rdata, &c, 1);
        }
    }
  add_exact (answer, rdata->data, rdata->len);

  texts = cl_dns_answer_get_txt (answer);
  g_assert_cmpuint (g_strv_length (texts), ==, 1);
  g_assert_cmpuint (strlen (texts[0]), ==, 520);
  g_assert_cmpint (texts[0][0], ==, 'a');
  g_assert_cmpint (texts[0][255], ==, 'b');
  g_assert_cmpint (texts[0][519], ==, 'c');
}

static void
test_mx (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_MX);
  g_autoptr(GPtrArray) mx = NULL;
  ClDnsMx *record;

  ADD (answer, "\x00\x14\x04mail\x07""Example\x03""COM\x00");
  ADD (answer, "\x00\x0a\x03mx1\x07""example\x03""com\x00");
  ADD (answer, "\x00\x0a\x03mx0\x07""example\x03""com\x00");
  /* Null MX (RFC 7505): preference 0, exchange the root. */
  ADD (answer, "\x00\x00\x00");
  /* Malformed: */
  ADD (answer, "\x00");                                     /* no exchange */
  ADD (answer, "\x00\x05");                                 /* no exchange */
  ADD (answer, "\x00\x05\xc0\x0c");                         /* compression pointer */
  ADD (answer, "\x00\x05\x03mx2\xc0\x0c");                  /* pointer after a label */
  ADD (answer, "\x00\x05\x40""aaaa");                       /* label length 64 */
  ADD (answer, "\x00\x05\x80\x00");                         /* reserved label type */
  ADD (answer, "\x00\x05\x05mx3\x00");                      /* label runs past the end */
  ADD (answer, "\x00\x05\x03mx4\x03""com");                 /* no root label */
  ADD (answer, "\x00\x05\x03mx5\x00\x01");                  /* bytes after the name */

  mx = cl_dns_answer_get_mx (answer);
  g_assert_cmpuint (mx->len, ==, 4);

  record = g_ptr_array_index (mx, 0);
  g_assert_cmpuint (record->preference, ==, 0);
  g_assert_cmpstr (record->exchange, ==, ".");
  record = g_ptr_array_index (mx, 1);
  g_assert_cmpuint (record->preference, ==, 10);
  g_assert_cmpstr (record->exchange, ==, "mx0.example.com");
  record = g_ptr_array_index (mx, 2);
  g_assert_cmpuint (record->preference, ==, 10);
  g_assert_cmpstr (record->exchange, ==, "mx1.example.com");
  record = g_ptr_array_index (mx, 3);
  g_assert_cmpuint (record->preference, ==, 20);
  g_assert_cmpstr (record->exchange, ==, "mail.example.com");
}

static void
test_names (void)
{
  g_autoptr(ClDnsAnswer) ns = answer_new (CL_DNS_TYPE_NS);
  g_autoptr(ClDnsAnswer) cname = answer_new (CL_DNS_TYPE_CNAME);
  g_autoptr(ClDnsAnswer) ptr = answer_new (TYPE_PTR);
  g_autoptr(ClDnsAnswer) a = answer_new (CL_DNS_TYPE_A);
  g_autoptr(GByteArray) longest = g_byte_array_new ();
  g_autoptr(GByteArray) too_long = g_byte_array_new ();
  g_auto(GStrv) ns_names = NULL;
  g_auto(GStrv) cname_names = NULL;
  g_auto(GStrv) ptr_names = NULL;
  g_auto(GStrv) a_names = NULL;
  guint8 zero = 0;

  ADD (ns, "\x03ns1\x07""example\x03net\x00");
  ADD (ns, "\x03NS2\x07""Example\x03NET\x00");
  /* A label may hold any octet: a dot, a space or a backslash inside one
   * must not read as a label boundary (RFC 1035 §5.1 escapes). */
  ADD (ns, "\x06""a.b \x01\\\x00");
  ADD (ns, "\x03ns3\xc0\x0c");              /* compression */
  ADD (ns, "\x03ns4");                      /* unterminated */
  ADD (ns, "\xff");                         /* garbage */
  cl_dns_answer_add_rdata (ns, NULL, 0);

  /* 255 octets is the most a name may take (RFC 1035 §2.3.4): three
   * 63-octet labels and one of 61, plus the length octets and the root. */
  for (guint i = 0; i < 4; i++)
    {
      guint8 len = i < 3 ? 63 : 61;

      g_byte_array_append (longest, &len, 1);
      for (guint j = 0; j < len; j++)
        {
          guint8 c = 'a';

          g_byte_array_append (longest, &c, 1);
        }
    }
  g_byte_array_append (too_long, longest->data, longest->len);
  g_byte_array_append (longest, &zero, 1);
  g_assert_cmpuint (longest->len, ==, 255);
  add_exact (ns, longest->data, longest->len);
  {
    guint8 one[] = { 1, 'b', 0 };

    /* One more label takes it to 257. */
    g_byte_array_append (too_long, one, sizeof one);
    add_exact (ns, too_long->data, too_long->len);
  }

  ns_names = cl_dns_answer_get_names (ns);
  g_assert_cmpuint (g_strv_length (ns_names), ==, 4);
  g_assert_cmpstr (ns_names[0], ==, "ns1.example.net");
  g_assert_cmpstr (ns_names[1], ==, "ns2.example.net");
  g_assert_cmpstr (ns_names[2], ==, "a\\046b\\032\\001\\092");
  g_assert_cmpuint (strlen (ns_names[3]), ==, 63 * 3 + 61 + 3);

  ADD (cname, "\x03www\x07""example\x03""com\x00");
  cname_names = cl_dns_answer_get_names (cname);
  g_assert_cmpuint (g_strv_length (cname_names), ==, 1);
  g_assert_cmpstr (cname_names[0], ==, "www.example.com");

  ADD (ptr, "\x09localhost\x00");
  ptr_names = cl_dns_answer_get_names (ptr);
  g_assert_cmpstr (ptr_names[0], ==, "localhost");

  ADD (a, "\x01""a\x00\x00");
  a_names = cl_dns_answer_get_names (a);
  g_assert_cmpuint (g_strv_length (a_names), ==, 0);
}

static void
test_caa (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_CAA);
  g_autoptr(GPtrArray) caa = NULL;
  ClDnsCaa *record;

  ADD (answer, "\x00\x05issueletsencrypt.org");
  ADD (answer, "\x80\x09IssueWildca.example; account=42");
  ADD (answer, "\x00\x05iodefmailto:security@example.com");
  ADD (answer, "\x00\x05issue;");
  ADD (answer, "\x00\x05issue");            /* empty value: allowed */
  /* Malformed: */
  ADD (answer, "\x00");                     /* no tag length */
  ADD (answer, "\x00\x00value");            /* empty tag */
  ADD (answer, "\x00\x09issue");            /* tag runs past the end */
  ADD (answer, "\x00\x05is-uex");           /* tag not alphanumeric */
  ADD (answer, "\x00\x05is\x00uex");        /* NUL in the tag */

  caa = cl_dns_answer_get_caa (answer);
  g_assert_cmpuint (caa->len, ==, 5);

  record = g_ptr_array_index (caa, 0);
  g_assert_cmpuint (record->flags, ==, 0);
  g_assert_cmpstr (record->tag, ==, "issue");
  g_assert_cmpstr (record->value, ==, "letsencrypt.org");
  record = g_ptr_array_index (caa, 1);
  g_assert_cmpuint (record->flags, ==, 128);
  g_assert_cmpstr (record->tag, ==, "issuewild");
  g_assert_cmpstr (record->value, ==, "ca.example; account=42");
  record = g_ptr_array_index (caa, 2);
  g_assert_cmpstr (record->tag, ==, "iodef");
  g_assert_cmpstr (record->value, ==, "mailto:security@example.com");
  record = g_ptr_array_index (caa, 3);
  g_assert_cmpstr (record->value, ==, ";");
  record = g_ptr_array_index (caa, 4);
  g_assert_cmpstr (record->value, ==, "");
}

/* The root zone's KSK-2017 (key tag 20326), RSA/SHA-256, 2048 bits. */
static const char root_ksk_2017[] =
  "AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixH"
  "lFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WG"
  "e2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eN"
  "buv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6"
  "+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=";

static void
add_dnskey (ClDnsAnswer  *answer,
            guint16       flags,
            guint8        algorithm,
            const guint8 *key,
            gsize         key_len)
{
  g_autoptr(GByteArray) rdata = g_byte_array_new ();
  guint8 header[4] = { flags >> 8, flags & 0xff, 3, algorithm };

  g_byte_array_append (rdata, header, sizeof header);
  g_byte_array_append (rdata, key, key_len);
  add_exact (answer, rdata->data, rdata->len);
}

static void
test_dnskey (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_DNSKEY);
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree guint8 *root = NULL;
  guint8 counting[96];
  guint8 rsa_long_exponent[6 + 128] = { 0, 0, 3, 1, 0, 1, 0x7f, };
  guint8 rsa_leading_zero[1 + 3 + 1 + 64] = { 3, 1, 0, 1, 0x00, 0x01, };
  guint8 rsa_md5[1 + 1 + 64] = { 1, 3, 0xc0, };
  gsize root_len;
  ClDnsKey *key;

  for (guint i = 0; i < sizeof counting; i++)
    counting[i] = i;
  rsa_md5[sizeof rsa_md5 - 3] = 0x12;
  rsa_md5[sizeof rsa_md5 - 2] = 0x34;

  root = g_base64_decode (root_ksk_2017, &root_len);
  g_assert_cmpuint (root_len, ==, 260);

  add_dnskey (answer, 257, 8, root, root_len);
  add_dnskey (answer, 256, 13, counting, 64);              /* ECDSA P-256 */
  add_dnskey (answer, 257, 14, counting, 96);              /* ECDSA P-384 */
  add_dnskey (answer, 257, 15, counting, 32);              /* Ed25519 */
  add_dnskey (answer, 256, 8, rsa_long_exponent, sizeof rsa_long_exponent);
  add_dnskey (answer, 256, 8, rsa_leading_zero, sizeof rsa_leading_zero);
  add_dnskey (answer, 256, 1, rsa_md5, sizeof rsa_md5);
  add_dnskey (answer, 256, 253, counting, 5);              /* private algorithm */
  /* Malformed: */
  ADD (answer, "\x01\x01\x03");                            /* no algorithm */
  ADD (answer, "\x01\x01\x03\x0d");                        /* no key */
  add_dnskey (answer, 256, 13, counting, 63);              /* P-256 key one short */
  add_dnskey (answer, 256, 15, counting, 33);              /* Ed25519 one long */
  ADD (answer, "\x01\x00\x03\x08\x05\x01\x00\x01");         /* exponent past the end */
  ADD (answer, "\x01\x00\x03\x08\x03\x01\x00\x01");         /* no modulus */
  ADD (answer, "\x01\x00\x03\x08\x00\x01");                 /* two-octet length cut */
  ADD (answer, "\x01\x00\x03\x08\x00\x00\x01\x03\x00\x00"); /* modulus all zero */

  keys = cl_dns_answer_get_dnskeys (answer);
  g_assert_cmpuint (keys->len, ==, 8);

  key = g_ptr_array_index (keys, 0);
  g_assert_cmpuint (key->flags, ==, 257);
  g_assert_cmpuint (key->protocol, ==, 3);
  g_assert_cmpuint (key->algorithm, ==, 8);
  g_assert_cmpuint (key->key_tag, ==, 20326);
  g_assert_cmpuint (key->key_bits, ==, 2048);

  /* Tags computed independently (RFC 4034 Appendix B, in Python). */
  key = g_ptr_array_index (keys, 1);
  g_assert_cmpuint (key->algorithm, ==, 13);
  g_assert_cmpuint (key->key_tag, ==, 59408);
  g_assert_cmpuint (key->key_bits, ==, 256);
  key = g_ptr_array_index (keys, 2);
  g_assert_cmpuint (key->key_tag, ==, 56599);
  g_assert_cmpuint (key->key_bits, ==, 384);
  key = g_ptr_array_index (keys, 3);
  g_assert_cmpuint (key->key_tag, ==, 62736);
  g_assert_cmpuint (key->key_bits, ==, 256);

  /* RFC 3110: a zero first octet means a two-octet exponent length; the
   * modulus here starts with 0x7f, so it is one bit short of 1024. */
  key = g_ptr_array_index (keys, 4);
  g_assert_cmpuint (key->key_tag, ==, 34314);
  g_assert_cmpuint (key->key_bits, ==, 1023);
  /* A leading zero octet of the modulus does not count. */
  key = g_ptr_array_index (keys, 5);
  g_assert_cmpuint (key->key_bits, ==, 64 * 8 - 7);
  /* RSAMD5 (RFC 4034 B.1): the tag is in the modulus' last octets. */
  key = g_ptr_array_index (keys, 6);
  g_assert_cmpuint (key->algorithm, ==, 1);
  g_assert_cmpuint (key->key_tag, ==, 0x1234);
  /* An algorithm we do not know: kept, size unknown. */
  key = g_ptr_array_index (keys, 7);
  g_assert_cmpuint (key->algorithm, ==, 253);
  g_assert_cmpuint (key->key_bits, ==, 0);
}

static void
test_ds (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_DS);
  g_autoptr(ClDnsAnswer) wrong_type = answer_new (CL_DNS_TYPE_DNSKEY);
  g_autoptr(GPtrArray) ds = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) no_keys = NULL;
  /* The root's DS for KSK-2017. */
  static const guint8 root_ds[4 + 32] = {
    0x4f, 0x66, 8, 2,
    0xe0, 0x6d, 0x44, 0xb8, 0x0b, 0x8f, 0x1d, 0x39, 0xa9, 0x5c, 0x0b, 0x0d,
    0x7c, 0x65, 0xd0, 0x84, 0x58, 0xe8, 0x80, 0x40, 0x9b, 0xbc, 0x68, 0x34,
    0x57, 0x10, 0x42, 0x37, 0xc7, 0xf8, 0xec, 0x8d,
  };
  guint8 sha1[4 + 20] = { 0x12, 0x34, 13, 1, 0xab, };
  guint8 unknown[4 + 3] = { 0, 1, 13, 200, 1, 2, 3 };
  ClDnsDs *record;

  add_exact (answer, root_ds, sizeof root_ds);
  add_exact (answer, sha1, sizeof sha1);
  add_exact (answer, unknown, sizeof unknown);
  /* Malformed: */
  add_exact (answer, root_ds, 3);                    /* no digest type */
  add_exact (answer, root_ds, 4);                    /* no digest */
  add_exact (answer, root_ds, sizeof root_ds - 1);   /* SHA-256 one short */
  add_exact (answer, sha1, sizeof sha1 - 1);         /* SHA-1 one short */

  ds = cl_dns_answer_get_ds (answer);
  g_assert_cmpuint (ds->len, ==, 3);

  record = g_ptr_array_index (ds, 0);
  g_assert_cmpuint (record->key_tag, ==, 20326);
  g_assert_cmpuint (record->algorithm, ==, 8);
  g_assert_cmpuint (record->digest_type, ==, 2);
  g_assert_cmpstr (record->digest_hex, ==,
                   "e06d44b80b8f1d39a95c0b0d7c65d08458e880409bbc683457104237c7f8ec8d");
  record = g_ptr_array_index (ds, 1);
  g_assert_cmpuint (record->key_tag, ==, 0x1234);
  g_assert_cmpuint (record->digest_type, ==, 1);
  g_assert_cmpuint (strlen (record->digest_hex), ==, 40);
  g_assert_true (g_str_has_prefix (record->digest_hex, "ab00"));
  record = g_ptr_array_index (ds, 2);
  g_assert_cmpuint (record->digest_type, ==, 200);
  g_assert_cmpstr (record->digest_hex, ==, "010203");

  /* Views of the wrong type see nothing. */
  add_exact (wrong_type, root_ds, sizeof root_ds);
  none = cl_dns_answer_get_ds (wrong_type);
  g_assert_cmpuint (none->len, ==, 0);
  no_keys = cl_dns_answer_get_dnskeys (answer);
  g_assert_cmpuint (no_keys->len, ==, 0);
}

static void
test_oversized_rdata (void)
{
  g_autoptr(ClDnsAnswer) answer = answer_new (CL_DNS_TYPE_TXT);
  g_autofree guint8 *big = g_malloc0 (65536);

  /* RDLENGTH is 16 bits: no real record is longer. */
  cl_dns_answer_add_rdata (answer, big, 65536);
  g_assert_false (cl_dns_answer_has_data (answer));
  cl_dns_answer_add_rdata (answer, big, 65535);
  g_assert_true (cl_dns_answer_has_data (answer));
}

static void
test_free_functions (void)
{
  /* NULL is fine, as for g_free. */
  cl_dns_mx_free (NULL);
  cl_dns_caa_free (NULL);
  cl_dns_key_free (NULL);
  cl_dns_ds_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dns-answer/basics", test_basics);
  g_test_add_func ("/dns-answer/addresses", test_addresses);
  g_test_add_func ("/dns-answer/txt", test_txt);
  g_test_add_func ("/dns-answer/txt-long", test_txt_long);
  g_test_add_func ("/dns-answer/mx", test_mx);
  g_test_add_func ("/dns-answer/names", test_names);
  g_test_add_func ("/dns-answer/caa", test_caa);
  g_test_add_func ("/dns-answer/dnskey", test_dnskey);
  g_test_add_func ("/dns-answer/ds", test_ds);
  g_test_add_func ("/dns-answer/oversized-rdata", test_oversized_rdata);
  g_test_add_func ("/dns-answer/free-functions", test_free_functions);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RR types we ask for (RFC 1035, 3596, 4034, 8659). */
#define CL_DNS_TYPE_A       1
#define CL_DNS_TYPE_NS      2
#define CL_DNS_TYPE_CNAME   5
#define CL_DNS_TYPE_SOA     6
#define CL_DNS_TYPE_MX     15
#define CL_DNS_TYPE_TXT    16
#define CL_DNS_TYPE_AAAA   28
#define CL_DNS_TYPE_DS     43
#define CL_DNS_TYPE_RRSIG  46
#define CL_DNS_TYPE_DNSKEY 48
#define CL_DNS_TYPE_CAA   257

#define CL_DNS_RCODE_NOERROR  0
#define CL_DNS_RCODE_SERVFAIL 2
#define CL_DNS_RCODE_NXDOMAIN 3

typedef struct
{
  guint16  preference;
  char    *exchange;      /* lower case, no trailing dot */
} ClDnsMx;

typedef struct
{
  guint8   flags;
  char    *tag;           /* "issue", "issuewild", "iodef" (lower case) */
  char    *value;
} ClDnsCaa;

typedef struct
{
  guint16  flags;
  guint8   protocol;
  guint8   algorithm;
  guint16  key_tag;
  guint    key_bits;      /* public key size; for RSA the modulus size */
} ClDnsKey;

typedef struct
{
  guint16  key_tag;
  guint8   algorithm;
  guint8   digest_type;
  char    *digest_hex;
} ClDnsDs;

/* RFC 4034 §3.1; the times are 32-bit serial numbers (§3.1.5) */
typedef struct
{
  guint16  type_covered;
  guint8   algorithm;
  guint8   labels;
  guint32  original_ttl;
  guint32  expiration;
  guint32  inception;
  guint16  key_tag;
  char    *signer;        /* lower case, no trailing dot */
} ClDnsRrsig;

void cl_dns_mx_free  (ClDnsMx  *mx);
void cl_dns_caa_free (ClDnsCaa *caa);
void cl_dns_key_free (ClDnsKey *key);
void cl_dns_ds_free  (ClDnsDs  *ds);
void cl_dns_rrsig_free (ClDnsRrsig *rrsig);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsMx, cl_dns_mx_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsCaa, cl_dns_caa_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsKey, cl_dns_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsDs, cl_dns_ds_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsRrsig, cl_dns_rrsig_free)

#define CL_TYPE_DNS_ANSWER (cl_dns_answer_get_type ())

G_DECLARE_FINAL_TYPE (ClDnsAnswer, cl_dns_answer, CL, DNS_ANSWER, GObject)

/* Made by the resolver, or by tests from recorded rdata. */
ClDnsAnswer *cl_dns_answer_new             (const char   *qname,
                                            guint16       rrtype,
                                            int           rcode,
                                            gboolean      secure,
                                            gboolean      bogus,
                                            const char   *why_bogus);
void         cl_dns_answer_add_rdata       (ClDnsAnswer  *self,
                                            const guint8 *rdata,
                                            gsize         len);
/* The rdata of one RRSIG record that came with the answer. */
void         cl_dns_answer_add_signature   (ClDnsAnswer  *self,
                                            const guint8 *rdata,
                                            gsize         len);

const char  *cl_dns_answer_get_qname       (ClDnsAnswer  *self);
guint16      cl_dns_answer_get_rrtype      (ClDnsAnswer  *self);
int          cl_dns_answer_get_rcode       (ClDnsAnswer  *self);
gboolean     cl_dns_answer_is_nxdomain     (ClDnsAnswer  *self);
gboolean     cl_dns_answer_has_data        (ClDnsAnswer  *self);
gboolean     cl_dns_answer_is_secure       (ClDnsAnswer  *self);
gboolean     cl_dns_answer_is_bogus        (ClDnsAnswer  *self);
const char  *cl_dns_answer_get_why_bogus   (ClDnsAnswer  *self);
/* (element-type GBytes): raw rdata of each record of the answer */
GPtrArray   *cl_dns_answer_get_rdata       (ClDnsAnswer  *self);

/* Typed views.  Records whose rdata is malformed are skipped, never
 * trusted: a DNS answer is untrusted input. */
GPtrArray   *cl_dns_answer_get_addresses   (ClDnsAnswer  *self);  /* (element-type GInetAddress) A/AAAA */
GStrv        cl_dns_answer_get_txt         (ClDnsAnswer  *self);  /* each TXT record, its strings joined */
GPtrArray   *cl_dns_answer_get_mx          (ClDnsAnswer  *self);  /* (element-type ClDnsMx) sorted by preference */
GPtrArray   *cl_dns_answer_get_caa         (ClDnsAnswer  *self);  /* (element-type ClDnsCaa) */
GStrv        cl_dns_answer_get_names       (ClDnsAnswer  *self);  /* NS/CNAME targets, lower case, no trailing dot */
GPtrArray   *cl_dns_answer_get_dnskeys     (ClDnsAnswer  *self);  /* (element-type ClDnsKey) */
GPtrArray   *cl_dns_answer_get_ds          (ClDnsAnswer  *self);  /* (element-type ClDnsDs) */
GPtrArray   *cl_dns_answer_get_signatures  (ClDnsAnswer  *self);  /* (element-type ClDnsRrsig) over the answer's type */

G_END_DECLS

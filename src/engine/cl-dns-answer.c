/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-dns-answer"

#include "config.h"

#include <string.h>

#include "cl-dns-answer.h"

/* The answer to one DNS question, as libunbound gave it: the rcode, the
 * DNSSEC verdict and the raw rdata of each record of the answer RRset.
 *
 * Everything in the rdata came from the network, so the typed views below
 * parse it like untrusted input: every length is checked against what is
 * left before a byte is read, and a record that does not parse is left
 * out of the view rather than half-trusted. */

#define OTHER_TYPE_PTR     12
#define OTHER_TYPE_DNAME   39
#define OTHER_TYPE_CDS     59
#define OTHER_TYPE_CDNSKEY 60

/* RFC 1035 §3.1: at most 255 octets on the wire, labels of at most 63. */
#define MAX_NAME_WIRE  255
#define MAX_LABEL       63
/* An RR's RDLENGTH is 16 bits (RFC 1035 §3.2.1). */
#define MAX_RDATA   65535

struct _ClDnsAnswer
{
  GObject    parent_instance;

  char      *qname;
  guint16    rrtype;
  int        rcode;
  guint      secure : 1;
  guint      bogus : 1;
  char      *why_bogus;
  GPtrArray *rdata;   /* of GBytes */
  GPtrArray *signatures;  /* of GBytes: RRSIG rdata that came with the answer */
};

G_DEFINE_FINAL_TYPE (ClDnsAnswer, cl_dns_answer, G_TYPE_OBJECT)

void
cl_dns_mx_free (ClDnsMx *mx)
{
  if (mx == NULL)
    return;
  g_free (mx->exchange);
  g_free (mx);
}

void
cl_dns_caa_free (ClDnsCaa *caa)
{
  if (caa == NULL)
    return;
  g_free (caa->tag);
  g_free (caa->value);
  g_free (caa);
}

void
cl_dns_key_free (ClDnsKey *key)
{
  g_free (key);
}

void
cl_dns_rrsig_free (ClDnsRrsig *rrsig)
{
  if (rrsig == NULL)
    return;
  g_free (rrsig->signer);
  g_free (rrsig);
}

void
cl_dns_ds_free (ClDnsDs *ds)
{
  if (ds == NULL)
    return;
  g_free (ds->digest_hex);
  g_free (ds);
}

static void
cl_dns_answer_finalize (GObject *object)
{
  ClDnsAnswer *self = (ClDnsAnswer *)object;

  g_clear_pointer (&self->qname, g_free);
  g_clear_pointer (&self->why_bogus, g_free);
  g_clear_pointer (&self->rdata, g_ptr_array_unref);
  g_clear_pointer (&self->signatures, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_dns_answer_parent_class)->finalize (object);
}

static void
cl_dns_answer_class_init (ClDnsAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_dns_answer_finalize;
}

static void
cl_dns_answer_init (ClDnsAnswer *self)
{
  self->rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
}

/**
 * cl_dns_answer_new:
 * @qname: the name asked for
 * @rrtype: the RR type asked for
 * @rcode: the DNS RCODE of the answer
 * @secure: whether the answer was validated with DNSSEC
 * @bogus: whether DNSSEC validation failed
 * @why_bogus: (nullable): the validator's reason when @bogus
 *
 * Returns: (transfer full): an answer with no records yet
 */
ClDnsAnswer *
cl_dns_answer_new (const char *qname,
                   guint16     rrtype,
                   int         rcode,
                   gboolean    secure,
                   gboolean    bogus,
                   const char *why_bogus)
{
  ClDnsAnswer *self;

  g_return_val_if_fail (qname != NULL, NULL);

  self = g_object_new (CL_TYPE_DNS_ANSWER, NULL);
  self->qname = g_strdup (qname);
  self->rrtype = rrtype;
  self->rcode = rcode;
  self->secure = !!secure;
  self->bogus = !!bogus;
  self->why_bogus = g_strdup (why_bogus);

  return self;
}

/**
 * cl_dns_answer_add_rdata:
 * @self: a #ClDnsAnswer
 * @rdata: (array length=len): the rdata of one record, in wire format
 * @len: length of @rdata
 *
 * Appends one record.  Rdata longer than an RR can carry is ignored.
 */
void
cl_dns_answer_add_rdata (ClDnsAnswer  *self,
                         const guint8 *rdata,
                         gsize         len)
{
  g_return_if_fail (CL_IS_DNS_ANSWER (self));
  g_return_if_fail (rdata != NULL || len == 0);

  if (len > MAX_RDATA)
    return;

  g_ptr_array_add (self->rdata, g_bytes_new (rdata, len));
}

/**
 * cl_dns_answer_add_signature:
 * @rdata: (array length=len): the rdata of one RRSIG record, in wire format
 * @len: length of @rdata
 *
 * Appends one signature that came in the answer section (the resolver
 * reads them from the answer packet; the rdata views do not hold them).
 */
void
cl_dns_answer_add_signature (ClDnsAnswer  *self,
                             const guint8 *rdata,
                             gsize         len)
{
  g_return_if_fail (CL_IS_DNS_ANSWER (self));
  g_return_if_fail (rdata != NULL || len == 0);

  if (len > MAX_RDATA)
    return;

  g_ptr_array_add (self->signatures, g_bytes_new (rdata, len));
}

const char *
cl_dns_answer_get_qname (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  return self->qname;
}

guint16
cl_dns_answer_get_rrtype (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), 0);

  return self->rrtype;
}

int
cl_dns_answer_get_rcode (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), CL_DNS_RCODE_SERVFAIL);

  return self->rcode;
}

gboolean
cl_dns_answer_is_nxdomain (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), FALSE);

  return self->rcode == CL_DNS_RCODE_NXDOMAIN;
}

gboolean
cl_dns_answer_has_data (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), FALSE);

  return self->rdata->len > 0;
}

gboolean
cl_dns_answer_is_secure (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), FALSE);

  return self->secure;
}

gboolean
cl_dns_answer_is_bogus (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), FALSE);

  return self->bogus;
}

const char *
cl_dns_answer_get_why_bogus (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  return self->why_bogus;
}

/**
 * cl_dns_answer_get_rdata:
 *
 * Returns: (transfer none) (element-type GBytes): the raw rdata of each
 *   record, in the order the resolver gave them
 */
GPtrArray *
cl_dns_answer_get_rdata (ClDnsAnswer *self)
{
  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  return self->rdata;
}

/* Parsing helpers.  Each takes the rdata and a cursor, checks that what it
 * wants to read is there, and advances the cursor only on success. */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Reader;

static void
reader_init (Reader *r,
             GBytes *bytes)
{
  r->data = g_bytes_get_data (bytes, &r->len);
  r->pos = 0;
}

static inline gsize
reader_left (const Reader *r)
{
  return r->len - r->pos;
}

static gboolean
reader_u8 (Reader *r,
           guint8 *out)
{
  if (reader_left (r) < 1)
    return FALSE;
  *out = r->data[r->pos++];
  return TRUE;
}

static gboolean
reader_u16 (Reader  *r,
            guint16 *out)
{
  if (reader_left (r) < 2)
    return FALSE;
  *out = (guint16)((r->data[r->pos] << 8) | r->data[r->pos + 1]);
  r->pos += 2;
  return TRUE;
}

/* Turns bytes that came off the wire into valid UTF-8 for display and
 * matching: invalid sequences and NULs become U+FFFD, so that a NUL cannot
 * cut a record short without anyone seeing it. */
static char *
wire_to_utf8 (const guint8 *bytes,
              gsize         len)
{
  if (len == 0)
    return g_strdup ("");
  if (g_utf8_validate_len ((const char *)bytes, len, NULL))
    return g_strndup ((const char *)bytes, len);
  return g_utf8_make_valid ((const char *)bytes, len);
}

/* Reads one uncompressed domain name (RFC 1035 §3.1) and writes it in
 * presentation form: lower case, no trailing dot, the root as ".".
 * libunbound hands out rdata with names decompressed (RFC 3597 §4 forbids
 * compression in new types anyway), so a compression pointer, a reserved
 * label type, a label longer than 63 octets or a name longer than 255 is
 * malformed.  Bytes other than letters, digits, '-' and '_' are escaped
 * as \DDD so that a label cannot smuggle in a dot. */
static char *
reader_name (Reader *r)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize pos = r->pos;
  gsize wire_len = 0;

  for (;;)
    {
      guint8 label_len;

      if (pos >= r->len)
        return NULL;

      label_len = r->data[pos++];
      wire_len += 1 + label_len;

      if (wire_len > MAX_NAME_WIRE)
        return NULL;

      if (label_len == 0)
        break;

      /* 0xC0: compression pointer; 0x40 and 0x80: reserved/extended
       * label types (RFC 6891 §5).  All are over 63. */
      if (label_len > MAX_LABEL)
        return NULL;

      if (r->len - pos < label_len)
        return NULL;

      if (out->len > 0)
        g_string_append_c (out, '.');

      for (guint i = 0; i < label_len; i++)
        {
          guint8 c = r->data[pos + i];

          if (g_ascii_isalnum (c) || c == '-' || c == '_')
            g_string_append_c (out, g_ascii_tolower (c));
          else
            g_string_append_printf (out, "\\%03u", (guint)c);
        }

      pos += label_len;
    }

  r->pos = pos;

  if (out->len == 0)
    g_string_append_c (out, '.');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Typed views */

/**
 * cl_dns_answer_get_addresses:
 *
 * Returns: (transfer container) (element-type GInetAddress): the
 *   addresses of an A or AAAA answer; empty for other types
 */
GPtrArray *
cl_dns_answer_get_addresses (ClDnsAnswer *self)
{
  GPtrArray *ret;
  GSocketFamily family;
  gsize want;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->rrtype == CL_DNS_TYPE_A)
    {
      family = G_SOCKET_FAMILY_IPV4;
      want = 4;
    }
  else if (self->rrtype == CL_DNS_TYPE_AAAA)
    {
      family = G_SOCKET_FAMILY_IPV6;
      want = 16;
    }
  else
    return ret;

  for (guint i = 0; i < self->rdata->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (self->rdata, i), &len);

      /* RFC 1035 §3.4.1, RFC 3596 §2.2: exactly 4 or 16 octets. */
      if (len != want)
        continue;

      g_ptr_array_add (ret, g_inet_address_new_from_bytes (data, family));
    }

  return ret;
}

/**
 * cl_dns_answer_get_txt:
 *
 * Each TXT record with its character-strings concatenated without
 * separator, as RFC 7208 §3.3 (SPF) and RFC 7489 §6.6.2 (DMARC) read them.
 *
 * Returns: (transfer full): the records; empty unless a TXT answer
 */
GStrv
cl_dns_answer_get_txt (ClDnsAnswer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  if (self->rrtype != CL_DNS_TYPE_TXT)
    return g_strv_builder_end (builder);

  for (guint i = 0; i < self->rdata->len; i++)
    {
      g_autoptr(GByteArray) joined = g_byte_array_new ();
      g_autofree char *text = NULL;
      gboolean ok = TRUE;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* RFC 1035 §3.3.14: one or more <character-string>s. */
      if (reader_left (&r) == 0)
        continue;

      while (reader_left (&r) > 0)
        {
          guint8 slen;

          if (!reader_u8 (&r, &slen) || reader_left (&r) < slen)
            {
              ok = FALSE;
              break;
            }
          g_byte_array_append (joined, r.data + r.pos, slen);
          r.pos += slen;
        }

      if (!ok)
        continue;

      text = wire_to_utf8 (joined->data, joined->len);
      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

static int
compare_mx (gconstpointer a,
            gconstpointer b)
{
  const ClDnsMx *mx_a = *(const ClDnsMx * const *)a;
  const ClDnsMx *mx_b = *(const ClDnsMx * const *)b;

  if (mx_a->preference != mx_b->preference)
    return mx_a->preference < mx_b->preference ? -1 : 1;

  /* Equal preferences: by name, so that the order (and any evidence
   * string made from it) does not depend on the server's rotation. */
  return strcmp (mx_a->exchange, mx_b->exchange);
}

/**
 * cl_dns_answer_get_mx:
 *
 * Returns: (transfer container) (element-type ClDnsMx): the MX records,
 *   lowest preference first; a null MX (RFC 7505) has the exchange "."
 */
GPtrArray *
cl_dns_answer_get_mx (ClDnsAnswer *self)
{
  GPtrArray *ret;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_mx_free);

  if (self->rrtype != CL_DNS_TYPE_MX)
    return ret;

  for (guint i = 0; i < self->rdata->len; i++)
    {
      ClDnsMx *mx;
      guint16 preference;
      char *exchange;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* RFC 1035 §3.3.9: PREFERENCE, EXCHANGE and nothing after. */
      if (!reader_u16 (&r, &preference) ||
          !(exchange = reader_name (&r)))
        continue;

      if (reader_left (&r) != 0)
        {
          g_free (exchange);
          continue;
        }

      mx = g_new0 (ClDnsMx, 1);
      mx->preference = preference;
      mx->exchange = exchange;
      g_ptr_array_add (ret, mx);
    }

  g_ptr_array_sort (ret, compare_mx);

  return ret;
}

/**
 * cl_dns_answer_get_caa:
 *
 * Returns: (transfer container) (element-type ClDnsCaa): the CAA records
 *   (RFC 8659 §4.1), tags in lower case
 */
GPtrArray *
cl_dns_answer_get_caa (ClDnsAnswer *self)
{
  GPtrArray *ret;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_caa_free);

  if (self->rrtype != CL_DNS_TYPE_CAA)
    return ret;

  for (guint i = 0; i < self->rdata->len; i++)
    {
      ClDnsCaa *caa;
      guint8 flags;
      guint8 tag_len;
      gboolean ok = TRUE;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* RFC 8659 §4.1: flags, tag length (at least 1), tag of ASCII
       * letters and digits, then the value up to the end of the rdata. */
      if (!reader_u8 (&r, &flags) ||
          !reader_u8 (&r, &tag_len) ||
          tag_len == 0 ||
          reader_left (&r) < tag_len)
        continue;

      for (guint j = 0; j < tag_len; j++)
        {
          if (!g_ascii_isalnum (r.data[r.pos + j]))
            {
              ok = FALSE;
              break;
            }
        }
      if (!ok)
        continue;

      caa = g_new0 (ClDnsCaa, 1);
      caa->flags = flags;
      /* Tags match case-insensitively (RFC 8659 §4.1). */
      caa->tag = g_ascii_strdown ((const char *)r.data + r.pos, tag_len);
      r.pos += tag_len;
      caa->value = wire_to_utf8 (r.data + r.pos, reader_left (&r));
      g_ptr_array_add (ret, caa);
    }

  return ret;
}

/**
 * cl_dns_answer_get_names:
 *
 * Returns: (transfer full): the target names of an NS, CNAME, PTR or DNAME
 *   answer, lower case, no trailing dot
 */
GStrv
cl_dns_answer_get_names (ClDnsAnswer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  if (self->rrtype != CL_DNS_TYPE_NS &&
      self->rrtype != CL_DNS_TYPE_CNAME &&
      self->rrtype != OTHER_TYPE_PTR &&
      self->rrtype != OTHER_TYPE_DNAME)
    return g_strv_builder_end (builder);

  for (guint i = 0; i < self->rdata->len; i++)
    {
      g_autofree char *name = NULL;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* The rdata is exactly one name (RFC 1035 §3.3). */
      if (!(name = reader_name (&r)) || reader_left (&r) != 0)
        continue;

      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

static gboolean
is_rsa (guint8 algorithm)
{
  /* RSAMD5, RSASHA1, RSASHA1-NSEC3-SHA1, RSASHA256, RSASHA512. */
  return algorithm == 1 || algorithm == 5 || algorithm == 7 ||
         algorithm == 8 || algorithm == 10;
}

/* The size of the public key, or FALSE when the key field does not have
 * the layout its algorithm requires.  Unknown algorithms report 0 bits. */
static gboolean
dnskey_key_bits (guint8        algorithm,
                 const guint8 *key,
                 gsize         len,
                 guint        *bits)
{
  *bits = 0;

  if (is_rsa (algorithm))
    {
      /* RFC 3110 §2: a one-octet exponent length, or zero and then a
       * two-octet length; the exponent; the modulus. */
      gsize exp_len;
      gsize off;
      gsize mod_len;
      guint8 first;

      if (len < 1)
        return FALSE;

      if (key[0] != 0)
        {
          exp_len = key[0];
          off = 1;
        }
      else
        {
          if (len < 3)
            return FALSE;
          exp_len = ((gsize)key[1] << 8) | key[2];
          off = 3;
        }

      if (exp_len == 0 || len - off <= exp_len)
        return FALSE;

      off += exp_len;
      mod_len = len - off;

      /* Leading zero octets do not count towards the modulus size. */
      while (mod_len > 0 && key[off] == 0)
        {
          off++;
          mod_len--;
        }
      if (mod_len == 0)
        return FALSE;

      first = key[off];
      *bits = (guint)(mod_len * 8);
      while (!(first & 0x80))
        {
          first <<= 1;
          (*bits)--;
        }
      return TRUE;
    }

  switch (algorithm)
    {
    case 3:   /* DSA */
    case 6:   /* DSA-NSEC3-SHA1: RFC 2536 §2, T then Q, P, G, Y */
      {
        guint8 t;

        if (len < 1 || (t = key[0]) > 8 || len != 21 + 3 * (64 + (gsize)t * 8))
          return FALSE;
        *bits = 512 + 64 * t;
        return TRUE;
      }

    case 12:  /* ECC-GOST (RFC 5933): a 256-bit curve point */
      if (len != 64)
        return FALSE;
      *bits = 256;
      return TRUE;

    case 13:  /* ECDSAP256SHA256 (RFC 6605 §4): x and y, 32 octets each */
      if (len != 64)
        return FALSE;
      *bits = 256;
      return TRUE;

    case 14:  /* ECDSAP384SHA384 */
      if (len != 96)
        return FALSE;
      *bits = 384;
      return TRUE;

    case 15:  /* ED25519 (RFC 8080 §3) */
      if (len != 32)
        return FALSE;
      *bits = 256;
      return TRUE;

    case 16:  /* ED448 */
      if (len != 57)
        return FALSE;
      *bits = 456;
      return TRUE;

    default:
      return TRUE;
    }
}

/* RFC 4034 Appendix B.  For algorithm 1 (RSAMD5, B.1) the tag is instead
 * the next-to-last two octets of the modulus, i.e. of the rdata. */
static guint16
dnskey_key_tag (guint8        algorithm,
                const guint8 *rdata,
                gsize         len)
{
  guint32 ac = 0;

  if (algorithm == 1)
    {
      if (len < 3)
        return 0;
      return (guint16)((rdata[len - 3] << 8) | rdata[len - 2]);
    }

  for (gsize i = 0; i < len; i++)
    ac += (i & 1) ? rdata[i] : (guint32)rdata[i] << 8;
  ac += (ac >> 16) & 0xFFFF;

  return (guint16)(ac & 0xFFFF);
}

/**
 * cl_dns_answer_get_dnskeys:
 *
 * Returns: (transfer container) (element-type ClDnsKey): the keys of a
 *   DNSKEY (or CDNSKEY) answer
 */
GPtrArray *
cl_dns_answer_get_dnskeys (ClDnsAnswer *self)
{
  GPtrArray *ret;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_key_free);

  if (self->rrtype != CL_DNS_TYPE_DNSKEY && self->rrtype != OTHER_TYPE_CDNSKEY)
    return ret;

  for (guint i = 0; i < self->rdata->len; i++)
    {
      ClDnsKey *key;
      guint16 flags;
      guint8 protocol;
      guint8 algorithm;
      guint bits;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* RFC 4034 §2.1: flags, protocol, algorithm, public key. */
      if (!reader_u16 (&r, &flags) ||
          !reader_u8 (&r, &protocol) ||
          !reader_u8 (&r, &algorithm) ||
          reader_left (&r) == 0 ||
          !dnskey_key_bits (algorithm, r.data + r.pos, reader_left (&r), &bits))
        continue;

      key = g_new0 (ClDnsKey, 1);
      key->flags = flags;
      key->protocol = protocol;
      key->algorithm = algorithm;
      key->key_tag = dnskey_key_tag (algorithm, r.data, r.len);
      key->key_bits = bits;
      g_ptr_array_add (ret, key);
    }

  return ret;
}

static gssize
ds_digest_length (guint8 digest_type)
{
  switch (digest_type)
    {
    case 1:  return 20;  /* SHA-1, RFC 4034 §5.1.4 */
    case 2:  return 32;  /* SHA-256, RFC 4509 */
    case 3:  return 32;  /* GOST R 34.11-94, RFC 5933 */
    case 4:  return 48;  /* SHA-384, RFC 6605 */
    default: return -1;
    }
}

/**
 * cl_dns_answer_get_ds:
 *
 * Returns: (transfer container) (element-type ClDnsDs): the records of a
 *   DS (or CDS) answer, digests in lower-case hex
 */
GPtrArray *
cl_dns_answer_get_ds (ClDnsAnswer *self)
{
  GPtrArray *ret;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_ds_free);

  if (self->rrtype != CL_DNS_TYPE_DS && self->rrtype != OTHER_TYPE_CDS)
    return ret;

  for (guint i = 0; i < self->rdata->len; i++)
    {
      ClDnsDs *ds;
      GString *hex;
      guint16 key_tag;
      guint8 algorithm;
      guint8 digest_type;
      gssize want;
      gsize digest_len;
      Reader r;

      reader_init (&r, g_ptr_array_index (self->rdata, i));

      /* RFC 4034 §5.1: key tag, algorithm, digest type, digest.  A digest
       * of a known type must have that type's length. */
      if (!reader_u16 (&r, &key_tag) ||
          !reader_u8 (&r, &algorithm) ||
          !reader_u8 (&r, &digest_type))
        continue;

      digest_len = reader_left (&r);
      want = ds_digest_length (digest_type);
      if (digest_len == 0 || (want >= 0 && digest_len != (gsize)want))
        continue;

      hex = g_string_sized_new (digest_len * 2);
      for (gsize j = 0; j < digest_len; j++)
        g_string_append_printf (hex, "%02x", r.data[r.pos + j]);

      ds = g_new0 (ClDnsDs, 1);
      ds->key_tag = key_tag;
      ds->algorithm = algorithm;
      ds->digest_type = digest_type;
      ds->digest_hex = g_string_free (hex, FALSE);
      g_ptr_array_add (ret, ds);
    }

  return ret;
}

static gboolean
reader_u32 (Reader  *r,
            guint32 *out)
{
  guint16 high, low;

  if (reader_left (r) < 4)
    return FALSE;
  reader_u16 (r, &high);
  reader_u16 (r, &low);
  *out = ((guint32)high << 16) | low;
  return TRUE;
}

/**
 * cl_dns_answer_get_signatures:
 *
 * Returns: (transfer container) (element-type ClDnsRrsig): the RRSIG
 *   records (RFC 4034 §3.1) that came with the answer and cover its type
 */
GPtrArray *
cl_dns_answer_get_signatures (ClDnsAnswer *self)
{
  GPtrArray *ret;

  g_return_val_if_fail (CL_IS_DNS_ANSWER (self), NULL);

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_rrsig_free);

  for (guint i = 0; i < self->signatures->len; i++)
    {
      ClDnsRrsig rrsig = { 0, };
      Reader r;

      reader_init (&r, g_ptr_array_index (self->signatures, i));

      /* type covered, algorithm, labels, original TTL, expiration,
       * inception, key tag, signer's name, and a signature */
      if (!reader_u16 (&r, &rrsig.type_covered) ||
          !reader_u8 (&r, &rrsig.algorithm) ||
          !reader_u8 (&r, &rrsig.labels) ||
          !reader_u32 (&r, &rrsig.original_ttl) ||
          !reader_u32 (&r, &rrsig.expiration) ||
          !reader_u32 (&r, &rrsig.inception) ||
          !reader_u16 (&r, &rrsig.key_tag) ||
          !(rrsig.signer = reader_name (&r)))
        continue;

      if (rrsig.type_covered != self->rrtype || reader_left (&r) == 0)
        {
          g_free (rrsig.signer);
          continue;
        }

      g_ptr_array_add (ret, g_memdup2 (&rrsig, sizeof rrsig));
    }

  return ret;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-ssl"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cl-background.h"
#include "cl-error.h"
#include "cl-module-ssl.h"
#include "cl-module-ssl-private.h"
#include "cl-tls-probe.h"

/* The SSL/TLS module: the certificate chain, the protocol versions and
 * the cipher suites of the HTTPS server on the domain's first address.
 *
 * Rule ids (severity):
 *   ssl.cert_expired                  critical
 *   ssl.cert_not_yet_valid            critical
 *   ssl.cert_expires_within_14_days   high
 *   ssl.cert_expires_within_30_days   medium
 *   ssl.cert_self_signed              critical
 *   ssl.cert_untrusted                critical
 *   ssl.cert_hostname_mismatch        critical
 *   ssl.cert_chain_incomplete         medium
 *   ssl.cert_md5_signature            critical
 *   ssl.cert_sha1_signature           high
 *   ssl.cert_weak_key                 high
 *   ssl.tls1_0_enabled                high
 *   ssl.tls1_1_enabled                high
 *   ssl.no_tls1_2                     critical
 *   ssl.no_tls1_3                     low
 *   ssl.cipher_3des                   high
 *   ssl.cipher_rc4                    high
 *   ssl.cipher_null                   high
 *   ssl.cipher_anonymous              high
 *   ssl.no_forward_secrecy            medium
 *   ssl.no_aead                       medium
 *
 * Where a finding caps an SSL Labs grade (Qualys SSL Labs, "SSL Server
 * Rating Guide" and its 2017-2020 updates), its evidence says so, so a
 * reader can derive the letter.  Expiry soon and missing TLS 1.3 cap
 * nothing there. */

#define HTTPS_PORT 443
#define DAY (G_GINT64_CONSTANT (86400))

/* At most this many handshakes at once: enough to finish in a few
 * timeouts against a server that never answers, few enough not to look
 * like a flood nor to fill GLib's worker pool. */
#define MAX_CONCURRENT_PROBES 4

/* An AIA caIssuers answer is one certificate (RFC 5280 §4.2.2.1). */
#define MAX_AIA_SIZE (64 * 1024)
#define MAX_CA_FILE_SIZE (16 * 1024 * 1024)
#define MAX_TEXT 200

struct _ClModuleSsl
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleSsl, cl_module_ssl, CL_TYPE_MODULE)

/* What each handshake offers, as GnuTLS priority strings.  Debian's
 * GnuTLS 3.7 still implements TLS 1.0/1.1, 3DES, RC4 and NULL suites but
 * leaves some out of NORMAL; the probes add them back, so that a "not
 * accepted" means the server refused, not that we never offered.
 * %PROFILE_VERY_WEAK lets small DH groups and keys through the handshake:
 * we judge them, we do not refuse them.  GnuTLS cannot offer SSL 2/3 nor
 * export suites any more, so those are not probed. */
#define BROAD_SUITES \
  ":+3DES-CBC:+ARCFOUR-128:+CAMELLIA-256-GCM:+CAMELLIA-128-GCM" \
  ":+CAMELLIA-256-CBC:+CAMELLIA-128-CBC:+SHA1:+SHA256:+SHA384:+MD5" \
  ":%PROFILE_VERY_WEAK"
#define UP_TO_TLS1_2 "-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0"

/* The first handshake must reach any server that has a certificate,
 * however weak, so it offers nearly everything.  Not NULL suites: GnuTLS
 * then leaves TLS 1.3 out; a server refusing this offer is asked once
 * more with the NULL offer. */
static const char *first_priority =
  "NORMAL:+VERS-TLS1.0:+VERS-TLS1.1" BROAD_SUITES ":%COMPAT";

static const char *offer_priorities[CL_SSL_N_OFFERS] = {
  [CL_SSL_OFFER_TLS1_0] = "NORMAL:-VERS-ALL:+VERS-TLS1.0" BROAD_SUITES ":%COMPAT",
  [CL_SSL_OFFER_TLS1_1] = "NORMAL:-VERS-ALL:+VERS-TLS1.1" BROAD_SUITES ":%COMPAT",
  [CL_SSL_OFFER_TLS1_2] = "NORMAL:-VERS-ALL:+VERS-TLS1.2" BROAD_SUITES,
  [CL_SSL_OFFER_TLS1_3] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:%PROFILE_VERY_WEAK",
  [CL_SSL_OFFER_3DES] = "NORMAL:" UP_TO_TLS1_2 ":-CIPHER-ALL:+3DES-CBC:+SHA1:%PROFILE_VERY_WEAK",
  [CL_SSL_OFFER_RC4] = "NORMAL:" UP_TO_TLS1_2 ":-CIPHER-ALL:+ARCFOUR-128:+SHA1:+MD5:%PROFILE_VERY_WEAK",
  [CL_SSL_OFFER_STATIC_RSA] = "NORMAL:" UP_TO_TLS1_2 ":-KX-ALL:+RSA" BROAD_SUITES,
  [CL_SSL_OFFER_NULL] = "NORMAL:" UP_TO_TLS1_2 ":-CIPHER-ALL:+NULL:+SHA1:+SHA256:+MD5:%PROFILE_VERY_WEAK",
  [CL_SSL_OFFER_ANON] = "NORMAL:" UP_TO_TLS1_2 ":-KX-ALL:+ANON-ECDH:+ANON-DH" BROAD_SUITES,
  [CL_SSL_OFFER_AEAD] = "NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM"
                        ":+CHACHA20-POLY1305:+AES-256-CCM:+AES-128-CCM:+CAMELLIA-256-GCM"
                        ":+CAMELLIA-128-GCM:%PROFILE_VERY_WEAK",
};

/**
 * cl_ssl_offer_get_priority:
 * @kind: a #ClSslOfferKind, or -1 for the first handshake
 *
 * Returns: the GnuTLS priority string of that handshake
 */
const char *
cl_ssl_offer_get_priority (int kind)
{
  g_return_val_if_fail (kind >= -1 && kind < CL_SSL_N_OFFERS, NULL);

  return kind < 0 ? first_priority : offer_priorities[kind];
}

/* Facts */

ClSslFacts *
cl_ssl_facts_new (const char *host,
                  gint64      now)
{
  ClSslFacts *facts = g_new0 (ClSslFacts, 1);

  facts->host = g_strdup (host);
  facts->now = now;
  facts->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_ssl_cert_free);

  return facts;
}

static void
cl_ssl_offer_clear (ClSslOffer *offer)
{
  g_clear_pointer (&offer->protocol, g_free);
  g_clear_pointer (&offer->suite, g_free);
  g_clear_pointer (&offer->detail, g_free);
  offer->outcome = CL_SSL_OUTCOME_UNKNOWN;
}

void
cl_ssl_offer_set (ClSslOffer   *offer,
                  ClSslOutcome  outcome,
                  const char   *protocol,
                  const char   *suite,
                  const char   *detail)
{
  g_return_if_fail (offer != NULL);

  cl_ssl_offer_clear (offer);
  offer->outcome = outcome;
  offer->protocol = g_strdup (protocol);
  offer->suite = g_strdup (suite);
  offer->detail = g_strdup (detail);
}

void
cl_ssl_facts_free (ClSslFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->host);
  g_free (facts->address);
  cl_ssl_offer_clear (&facts->first);
  g_ptr_array_unref (facts->chain);
  g_free (facts->names);
  g_free (facts->trust_problem);
  g_free (facts->aia_url);
  for (guint i = 0; i < CL_SSL_N_OFFERS; i++)
    cl_ssl_offer_clear (&facts->offers[i]);
  g_free (facts);
}

ClSslCert *
cl_ssl_cert_new (void)
{
  return g_new0 (ClSslCert, 1);
}

void
cl_ssl_cert_free (ClSslCert *cert)
{
  if (cert == NULL)
    return;

  g_free (cert->subject);
  g_free (cert->issuer);
  g_free (cert);
}

/* Reading the chain the server sent */

/* Text from a certificate is the server's: valid UTF-8, no control
 * characters, short enough for a report line. */
static char *
clean_text (const void *data,
            gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (data, MIN (len, 4 * MAX_TEXT));
  GString *str = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < MAX_TEXT; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (str, g_unichar_iscntrl (c) ? '?' : c);
    }
  if (n == MAX_TEXT)
    g_string_append (str, "…");

  return g_string_free (str, FALSE);
}

static char *
datum_text (int            ret,
            gnutls_datum_t datum)
{
  char *text;

  if (ret < 0)
    return g_strdup ("?");

  text = clean_text (datum.data, datum.size);
  gnutls_free (datum.data);

  return text;
}

static ClSslCert *
cert_from_crt (gnutls_x509_crt_t crt)
{
  ClSslCert *cert = cl_ssl_cert_new ();
  gnutls_datum_t datum = { NULL, 0 };
  unsigned int bits = 0;
  int ret;

  ret = gnutls_x509_crt_get_dn3 (crt, &datum, 0);
  cert->subject = datum_text (ret, datum);
  ret = gnutls_x509_crt_get_issuer_dn3 (crt, &datum, 0);
  cert->issuer = datum_text (ret, datum);

  cert->not_before = gnutls_x509_crt_get_activation_time (crt);
  cert->not_after = gnutls_x509_crt_get_expiration_time (crt);

  ret = gnutls_x509_crt_get_signature_algorithm (crt);
  cert->signature = ret < 0 ? GNUTLS_SIGN_UNKNOWN : (gnutls_sign_algorithm_t)ret;

  ret = gnutls_x509_crt_get_pk_algorithm (crt, &bits);
  cert->key_algorithm = ret < 0 ? GNUTLS_PK_UNKNOWN : (gnutls_pk_algorithm_t)ret;
  cert->key_bits = bits;

  /* Issuer and subject agree (and the key identifiers, when present):
   * what SSL Labs and testssl.sh call self-signed. */
  cert->self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;

  return cert;
}

/* The names a browser compares with the host: the DNS names of the
 * subjectAltName, or the CN when there are none (RFC 6125 §6.4.4). */
static char *
read_names (gnutls_x509_crt_t crt)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint seq = 0; seq < 100; seq++)
    {
      char buf[256];
      size_t size = sizeof buf - 1;
      int ret;

      ret = gnutls_x509_crt_get_subject_alt_name (crt, seq, buf, &size, NULL);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret != GNUTLS_SAN_DNSNAME)
        continue;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_len (names, buf, size);
      if (names->len > 4 * MAX_TEXT)
        break;
    }

  if (names->len == 0)
    {
      char buf[256];
      size_t size = sizeof buf - 1;

      if (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf, &size) == 0)
        g_string_append_len (names, buf, size);
    }

  return clean_text (names->str, names->len);
}

static char *
read_ca_issuers_url (gnutls_x509_crt_t crt)
{
  for (guint seq = 0; seq < 16; seq++)
    {
      gnutls_datum_t datum = { NULL, 0 };
      int ret;

      ret = gnutls_x509_crt_get_authority_info_access (crt, seq, GNUTLS_IA_CAISSUERS_URI,
                                                       &datum, NULL);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret < 0)
        continue;

      /* Only plain HTTP: RFC 5280 §4.2.2.1 allows ldap too, and https
       * would need the very trust we are checking. */
      if (datum.size > 7 && datum.size < 1024 &&
          g_ascii_strncasecmp ((const char *)datum.data, "http://", 7) == 0 &&
          memchr (datum.data, '\0', datum.size) == NULL)
        {
          char *url = g_strndup ((const char *)datum.data, datum.size);

          gnutls_free (datum.data);
          if (g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
            return url;
          g_free (url);
          continue;
        }
      gnutls_free (datum.data);
    }

  return NULL;
}

/* Dates and hash algorithms are judged on their own, so the trust check
 * leaves them out: an expired certificate from a good CA is "expired",
 * not also "untrusted".  Weak keys too (the profile). */
static const unsigned int verify_flags =
  GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
  GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS |
  GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 |
  GNUTLS_VERIFY_ALLOW_BROKEN |
  GNUTLS_PROFILE_TO_VFLAGS (GNUTLS_PROFILE_VERY_WEAK);

static gboolean
verify (gnutls_x509_trust_list_t  trust,
        gnutls_x509_crt_t        *crts,
        guint                     n_crts,
        char                    **problem)
{
  unsigned int status = 0;
  int ret;

  ret = gnutls_x509_trust_list_verify_crt2 (trust, crts, n_crts, NULL, 0,
                                            verify_flags, &status, NULL);
  if (ret < 0)
    {
      if (problem != NULL)
        *problem = g_strdup (gnutls_strerror (ret));
      return FALSE;
    }

  if (status != 0 && problem != NULL)
    {
      gnutls_datum_t text = { NULL, 0 };

      if (gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0) == 0)
        *problem = datum_text (0, text);
      else
        *problem = g_strdup ("?");
    }

  return status == 0;
}

/* The top of what was sent: follow issuers from the leaf among the sent
 * certificates, whatever their order. */
static guint
chain_top (gnutls_x509_crt_t *crts,
           guint              n_crts)
{
  guint top = 0;

  for (guint step = 0; step < n_crts; step++)
    {
      gboolean found = FALSE;

      if (gnutls_x509_crt_check_issuer (crts[top], crts[top]))
        break;

      for (guint i = 0; i < n_crts && !found; i++)
        {
          if (i != top && gnutls_x509_crt_check_issuer (crts[top], crts[i]))
            {
              top = i;
              found = TRUE;
            }
        }
      if (!found)
        break;
    }

  return top;
}

/* A trusted chain is complete when what was sent reaches a root or a
 * certificate that the trust store holds as issued by a root; when the
 * store had to supply an intermediate, clients without that intermediate
 * (most of them) fail. */
static gboolean
chain_needs_intermediates (gnutls_x509_trust_list_t  trust,
                           gnutls_x509_crt_t        *crts,
                           guint                     n_crts)
{
  gnutls_x509_crt_t top = crts[chain_top (crts, n_crts)];
  gnutls_x509_crt_t issuer = NULL;
  gboolean root;

  if (gnutls_x509_crt_check_issuer (top, top))
    return FALSE;

  if (gnutls_x509_trust_list_get_issuer (trust, top, &issuer, GNUTLS_TL_GET_COPY) < 0 ||
      issuer == NULL)
    return FALSE;

  root = gnutls_x509_crt_check_issuer (issuer, issuer) != 0;
  gnutls_x509_crt_deinit (issuer);

  return !root;
}

static guint
import_chain (const gnutls_datum_t *ders,
              guint                 n_ders,
              gnutls_x509_crt_t    *crts)
{
  guint n = 0;

  for (guint i = 0; i < n_ders && i < CL_TLS_PROBE_MAX_CERTIFICATES; i++)
    {
      if (ders[i].size > MAX_AIA_SIZE ||
          gnutls_x509_crt_init (&crts[n]) < 0)
        break;

      if (gnutls_x509_crt_import (crts[n], &ders[i], GNUTLS_X509_FMT_DER) < 0)
        {
          gnutls_x509_crt_deinit (crts[n]);
          break;
        }
      n++;
    }

  return n;
}

static void
free_chain (gnutls_x509_crt_t *crts,
            guint              n_crts)
{
  for (guint i = 0; i < n_crts; i++)
    gnutls_x509_crt_deinit (crts[i]);
}

/**
 * cl_ssl_facts_read_chain:
 * @ders: the DER certificates as the server sent them, leaf first
 * @trust: the trust anchors to verify them with
 *
 * Parses the chain, checks it against @trust and the host name, and
 * records what it saw in @facts.  A chain that cannot be parsed is
 * recorded as untrusted.
 *
 * Returns: whether the leaf could be parsed
 */
gboolean
cl_ssl_facts_read_chain (ClSslFacts               *facts,
                         const gnutls_datum_t     *ders,
                         guint                     n_ders,
                         gnutls_x509_trust_list_t  trust)
{
  gnutls_x509_crt_t crts[CL_TLS_PROBE_MAX_CERTIFICATES];
  guint n_crts;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (ders != NULL || n_ders == 0, FALSE);
  g_return_val_if_fail (trust != NULL, FALSE);

  g_ptr_array_set_size (facts->chain, 0);
  g_clear_pointer (&facts->names, g_free);
  g_clear_pointer (&facts->trust_problem, g_free);
  g_clear_pointer (&facts->aia_url, g_free);
  facts->trusted = FALSE;
  facts->chain_incomplete = FALSE;
  facts->hostname_matches = FALSE;

  n_crts = import_chain (ders, n_ders, crts);
  if (n_crts == 0)
    {
      facts->trust_problem = g_strdup (n_ders == 0
                                       ? _("the server sent no certificate")
                                       : _("the server’s certificate cannot be parsed"));
      return FALSE;
    }

  for (guint i = 0; i < n_crts; i++)
    g_ptr_array_add (facts->chain, cert_from_crt (crts[i]));

  facts->names = read_names (crts[0]);
  /* RFC 6125 §6.4 matching, wildcards in the left-most label only. */
  facts->hostname_matches = facts->host != NULL &&
                            gnutls_x509_crt_check_hostname2 (crts[0], facts->host, 0) != 0;

  facts->trusted = verify (trust, crts, n_crts, &facts->trust_problem);
  if (facts->trusted)
    facts->chain_incomplete = chain_needs_intermediates (trust, crts, n_crts);
  else
    facts->aia_url = read_ca_issuers_url (crts[chain_top (crts, n_crts)]);

  free_chain (crts, n_crts);

  return TRUE;
}

/**
 * cl_ssl_facts_add_issuer:
 * @ders: the chain as the server sent it
 * @issuer: a certificate (DER or PEM) fetched from the AIA caIssuers URL
 *
 * Checks whether the chain the server sent, completed with @issuer, is
 * trusted; if so, records that the chain is trusted but incomplete.
 *
 * Returns: whether @issuer made the chain trusted
 */
gboolean
cl_ssl_facts_add_issuer (ClSslFacts               *facts,
                         const gnutls_datum_t     *ders,
                         guint                     n_ders,
                         const gnutls_datum_t     *issuer,
                         gnutls_x509_trust_list_t  trust)
{
  gnutls_x509_crt_t crts[CL_TLS_PROBE_MAX_CERTIFICATES + 1];
  guint n_crts;
  gboolean trusted = FALSE;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);
  g_return_val_if_fail (trust != NULL, FALSE);

  if (issuer->size == 0 || issuer->size > MAX_AIA_SIZE)
    return FALSE;

  n_crts = import_chain (ders, n_ders, crts);
  if (n_crts == 0 || gnutls_x509_crt_init (&crts[n_crts]) < 0)
    {
      free_chain (crts, n_crts);
      return FALSE;
    }

  /* caIssuers is DER (RFC 5280 §4.2.2.1), but PEM is met too. */
  if (gnutls_x509_crt_import (crts[n_crts], issuer, GNUTLS_X509_FMT_DER) == 0 ||
      gnutls_x509_crt_import (crts[n_crts], issuer, GNUTLS_X509_FMT_PEM) == 0)
    trusted = verify (trust, crts, n_crts + 1, NULL);

  free_chain (crts, n_crts + 1);

  if (trusted)
    {
      facts->trusted = TRUE;
      facts->chain_incomplete = TRUE;
      g_clear_pointer (&facts->trust_problem, g_free);
    }

  return trusted;
}

/* Judging: each check reads the facts and adds its findings. */

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M UTC");
}

static const ClSslCert *
leaf (const ClSslFacts *facts)
{
  return facts->chain->len > 0 ? g_ptr_array_index (facts->chain, 0) : NULL;
}

/* The certificates a client checks: the leaf and what the server sent
 * above it, except self-signed roots (a client uses its own copy). */
static gboolean
in_path (const ClSslFacts *facts,
         guint             i)
{
  const ClSslCert *cert = g_ptr_array_index (facts->chain, i);

  return i == 0 || !cert->self_signed;
}

static void
check_validity_dates (const ClSslFacts *facts,
                      ClModuleResult   *result)
{
  const ClSslCert *expired = NULL;
  const ClSslCert *early = NULL;
  const ClSslCert *soonest = NULL;

  for (guint i = 0; i < facts->chain->len; i++)
    {
      const ClSslCert *cert = g_ptr_array_index (facts->chain, i);

      if (!in_path (facts, i))
        continue;

      if (cert->not_after < facts->now)
        expired = expired ? expired : cert;
      else if (cert->not_before > facts->now)
        early = early ? early : cert;
      else if (soonest == NULL || cert->not_after < soonest->not_after)
        soonest = cert;
    }

  if (expired != NULL)
    {
      g_autofree char *when = format_time (expired->not_after);

      cl_module_result_add (result, "ssl.cert_expired", CL_SEVERITY_CRITICAL,
                            _("The TLS certificate has expired"),
                            _("Renew the certificate and install it with its chain; automate renewal (ACME, RFC 8555) so it cannot lapse again."),
                            _("“%s” (issued by “%s”) expired on %s, %" G_GINT64_FORMAT " days ago; browsers refuse it (SSL Labs: not trusted, grade T)."),
                            expired->subject, expired->issuer, when,
                            (facts->now - expired->not_after) / DAY);
    }

  if (early != NULL)
    {
      g_autofree char *when = format_time (early->not_before);

      cl_module_result_add (result, "ssl.cert_not_yet_valid", CL_SEVERITY_CRITICAL,
                            _("The TLS certificate is not valid yet"),
                            _("Install a certificate whose validity has begun, and check the server’s clock."),
                            _("“%s” (issued by “%s”) is valid from %s only; browsers refuse it (SSL Labs: not trusted, grade T)."),
                            early->subject, early->issuer, when);
    }

  /* Let's Encrypt renews at 30 days left and warns at 20; below 14 days a
   * failed renewal becomes an outage soon. */
  if (expired == NULL && early == NULL && soonest != NULL)
    {
      gint64 left = soonest->not_after - facts->now;
      g_autofree char *when = format_time (soonest->not_after);

      if (left < 14 * DAY)
        cl_module_result_add (result, "ssl.cert_expires_within_14_days", CL_SEVERITY_HIGH,
                              _("The TLS certificate expires within 14 days"),
                              _("Renew the certificate now and check why automatic renewal has not happened."),
                              _("“%s” expires on %s, in %" G_GINT64_FORMAT " days."),
                              soonest->subject, when, left / DAY);
      else if (left < 30 * DAY)
        cl_module_result_add (result, "ssl.cert_expires_within_30_days", CL_SEVERITY_MEDIUM,
                              _("The TLS certificate expires within 30 days"),
                              _("Renew the certificate, or make sure automatic renewal is in place."),
                              _("“%s” expires on %s, in %" G_GINT64_FORMAT " days."),
                              soonest->subject, when, left / DAY);
    }
}

static void
check_trust (const ClSslFacts *facts,
             ClModuleResult   *result)
{
  const ClSslCert *cert = leaf (facts);

  if (facts->trusted)
    {
      if (facts->chain_incomplete)
        cl_module_result_add (result, "ssl.cert_chain_incomplete", CL_SEVERITY_MEDIUM,
                              _("The server does not send its intermediate certificates"),
                              _("Configure the server with the full chain (the certificate followed by its intermediates), e.g. nginx’s ssl_certificate fullchain.pem."),
                              _("The %u certificate(s) sent for “%s” lead to a trusted root only with an intermediate the server did not send; clients that do not fetch it fail (SSL Labs: chain issues, caps the grade at B)."),
                              facts->chain->len, cert ? cert->subject : "?");
      return;
    }

  if (cert != NULL && cert->self_signed)
    {
      cl_module_result_add (result, "ssl.cert_self_signed", CL_SEVERITY_CRITICAL,
                            _("The TLS certificate is self-signed"),
                            _("Replace it with a certificate from a publicly trusted CA (Let’s Encrypt is free)."),
                            _("“%s” is issued by itself and no trusted CA vouches for it; browsers refuse it (SSL Labs: not trusted, grade T)."),
                            cert->subject);
      return;
    }

  cl_module_result_add (result, "ssl.cert_untrusted", CL_SEVERITY_CRITICAL,
                        _("The TLS certificate is not issued by a trusted CA"),
                        _("Install a certificate from a publicly trusted CA together with its intermediate certificates."),
                        _("“%s” (issued by “%s”) does not lead to a trusted root: %s (SSL Labs: not trusted, grade T)."),
                        cert ? cert->subject : "?", cert ? cert->issuer : "?",
                        facts->trust_problem ? facts->trust_problem : "?");
}

static void
check_hostname (const ClSslFacts *facts,
                ClModuleResult   *result)
{
  if (leaf (facts) == NULL || facts->hostname_matches)
    return;

  cl_module_result_add (result, "ssl.cert_hostname_mismatch", CL_SEVERITY_CRITICAL,
                        _("The TLS certificate is not valid for this domain"),
                        _("Install a certificate whose subjectAltName lists this domain (and www, if used)."),
                        _("The certificate is for “%s”, not “%s”; browsers refuse it (SSL Labs: certificate name mismatch, grade M)."),
                        facts->names ? facts->names : "", facts->host);
}

static void
check_signatures (const ClSslFacts *facts,
                  ClModuleResult   *result)
{
  const ClSslCert *md5 = NULL;
  const ClSslCert *sha1 = NULL;

  for (guint i = 0; i < facts->chain->len; i++)
    {
      const ClSslCert *cert = g_ptr_array_index (facts->chain, i);
      gnutls_digest_algorithm_t hash = gnutls_sign_get_hash_algorithm (cert->signature);

      if (!in_path (facts, i))
        continue;

      if ((hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_MD2) && md5 == NULL)
        md5 = cert;
      else if (hash == GNUTLS_DIG_SHA1 && sha1 == NULL)
        sha1 = cert;
    }

  /* MD5 collisions forged a CA in 2008; SHA-1 ones (SHAttered, 2017;
   * chosen-prefix, 2020) are within reach: CA/B Forum BR §7.1.3. */
  if (md5 != NULL)
    cl_module_result_add (result, "ssl.cert_md5_signature", CL_SEVERITY_CRITICAL,
                          _("A certificate of the chain is signed with MD5"),
                          _("Replace the certificate with one signed with SHA-256 or better."),
                          _("“%s” is signed with %s (SSL Labs: grade F)."),
                          md5->subject, gnutls_sign_get_name (md5->signature));
  if (sha1 != NULL)
    cl_module_result_add (result, "ssl.cert_sha1_signature", CL_SEVERITY_HIGH,
                          _("A certificate of the chain is signed with SHA-1"),
                          _("Replace the certificate with one signed with SHA-256 or better."),
                          _("“%s” is signed with %s; browsers no longer accept it (SSL Labs: not trusted, grade T)."),
                          sha1->subject, gnutls_sign_get_name (sha1->signature));
}

static void
check_keys (const ClSslFacts *facts,
            ClModuleResult   *result)
{
  for (guint i = 0; i < facts->chain->len; i++)
    {
      const ClSslCert *cert = g_ptr_array_index (facts->chain, i);
      gboolean weak;

      if (!in_path (facts, i))
        continue;

      /* NIST SP 800-57 Part 1 §5.6: 112-bit security at least, that is
       * RSA and DSA of 2048 bits, elliptic curves of 224. */
      switch ((int)cert->key_algorithm)
        {
        case GNUTLS_PK_RSA:
        case GNUTLS_PK_RSA_PSS:
        case GNUTLS_PK_DSA:
          weak = cert->key_bits < 2048;
          break;

        case GNUTLS_PK_ECDSA:
          weak = cert->key_bits < 224;
          break;

        default:
          weak = FALSE;
          break;
        }

      if (weak)
        {
          cl_module_result_add (result, "ssl.cert_weak_key", CL_SEVERITY_HIGH,
                                _("A certificate of the chain has a weak key"),
                                _("Issue a new certificate with an RSA key of at least 2048 bits or an ECDSA P-256 key."),
                                _("“%s” has a %u-bit %s key (SSL Labs: caps the grade at B)."),
                                cert->subject, cert->key_bits,
                                gnutls_pk_get_name (cert->key_algorithm));
          return;
        }
    }
}

static gboolean
version_accepted (const ClSslFacts *facts,
                  const char       *version)
{
  if (facts->first.outcome == CL_SSL_OUTCOME_ACCEPTED &&
      g_strcmp0 (facts->first.protocol, version) == 0)
    return TRUE;

  for (guint i = 0; i < CL_SSL_N_OFFERS; i++)
    {
      if (facts->offers[i].outcome == CL_SSL_OUTCOME_ACCEPTED &&
          g_strcmp0 (facts->offers[i].protocol, version) == 0)
        return TRUE;
    }

  return FALSE;
}

/* "TLS1.0 accepted, TLS1.1 refused, …", for evidence. */
static char *
describe_versions (const ClSslFacts *facts)
{
  static const struct {
    ClSslOfferKind kind;
    const char *name;
  } versions[] = {
    { CL_SSL_OFFER_TLS1_0, "TLS1.0" },
    { CL_SSL_OFFER_TLS1_1, "TLS1.1" },
    { CL_SSL_OFFER_TLS1_2, "TLS1.2" },
    { CL_SSL_OFFER_TLS1_3, "TLS1.3" },
  };
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      const char *state;

      if (version_accepted (facts, versions[i].name))
        state = _("accepted");
      else if (facts->offers[versions[i].kind].outcome == CL_SSL_OUTCOME_REFUSED)
        state = _("refused");
      else
        state = _("unknown");

      g_string_append_printf (str, "%s%s %s", i > 0 ? ", " : "", versions[i].name, state);
    }

  return g_string_free (str, FALSE);
}

static void
check_old_version (const ClSslFacts *facts,
                   ClModuleResult   *result,
                   ClSslOfferKind    kind,
                   const char       *rule_id,
                   const char       *version)
{
  const ClSslOffer *offer = &facts->offers[kind];
  g_autofree char *versions = NULL;
  g_autofree char *finding = NULL;

  if (offer->outcome != CL_SSL_OUTCOME_ACCEPTED || g_strcmp0 (offer->protocol, version) != 0)
    return;

  versions = describe_versions (facts);
  /* Translators: %s is "TLS1.0" or "TLS1.1" */
  finding = g_strdup_printf (_("The server accepts the deprecated protocol %s"), version);
  /* RFC 8996 deprecates TLS 1.0 and 1.1; PCI DSS 3.2 forbade them after
   * June 2018. */
  cl_module_result_add (result, rule_id, CL_SEVERITY_HIGH, finding,
                        _("Disable TLS 1.0 and 1.1 (RFC 8996); offer TLS 1.2 and 1.3 only, e.g. nginx’s ssl_protocols TLSv1.2 TLSv1.3."),
                        _("%s negotiated with %s when offered alone; protocols: %s (SSL Labs: caps the grade at B)."),
                        version, offer->suite, versions);
}

static void
check_versions (const ClSslFacts *facts,
                ClModuleResult   *result)
{
  check_old_version (facts, result, CL_SSL_OFFER_TLS1_0, "ssl.tls1_0_enabled", "TLS1.0");
  check_old_version (facts, result, CL_SSL_OFFER_TLS1_1, "ssl.tls1_1_enabled", "TLS1.1");

  if (!version_accepted (facts, "TLS1.2") && !version_accepted (facts, "TLS1.3"))
    {
      g_autofree char *versions = describe_versions (facts);

      cl_module_result_add (result, "ssl.no_tls1_2", CL_SEVERITY_CRITICAL,
                            _("The server supports neither TLS 1.2 nor TLS 1.3"),
                            _("Upgrade the TLS library and enable TLS 1.2 and 1.3."),
                            _("Protocols: %s; only deprecated protocols protect the connection (SSL Labs: caps the grade at C)."),
                            versions);
    }
  else if (!version_accepted (facts, "TLS1.3") &&
           facts->offers[CL_SSL_OFFER_TLS1_3].outcome == CL_SSL_OUTCOME_REFUSED)
    {
      g_autofree char *versions = describe_versions (facts);

      /* Low, not info: NIST SP 800-52 Rev. 2 §3.1 requires servers to
       * support TLS 1.3 since 2024, and TLS 1.3 removes the legacy
       * key exchanges and CBC suites.  Not more: TLS 1.2 well configured
       * is still safe and SSL Labs does not cap for it. */
      cl_module_result_add (result, "ssl.no_tls1_3", CL_SEVERITY_LOW,
                            _("The server does not support TLS 1.3"),
                            _("Enable TLS 1.3 (OpenSSL 1.1.1 or later, e.g. nginx’s ssl_protocols TLSv1.2 TLSv1.3)."),
                            _("Protocols: %s."), versions);
    }
}

static void
check_weak_suite (const ClSslFacts *facts,
                  ClModuleResult   *result,
                  ClSslOfferKind    kind,
                  const char       *rule_id,
                  ClSeverity        severity,
                  const char       *finding,
                  const char       *remediation,
                  const char       *why)
{
  const ClSslOffer *offer = &facts->offers[kind];

  if (offer->outcome != CL_SSL_OUTCOME_ACCEPTED)
    return;

  cl_module_result_add (result, rule_id, severity, finding, remediation,
                        /* Translators: the first %s is a cipher suite, the second
                         * a protocol, the last why it matters */
                        _("The server negotiated %s over %s; %s"),
                        offer->suite, offer->protocol, why);
}

static gboolean
suite_is_aead (const char *suite)
{
  return suite != NULL &&
         (strstr (suite, "_GCM") != NULL ||
          strstr (suite, "_CCM") != NULL ||
          strstr (suite, "CHACHA20_POLY1305") != NULL);
}

static void
check_suites (const ClSslFacts *facts,
              ClModuleResult   *result)
{
  check_weak_suite (facts, result, CL_SSL_OFFER_3DES, "ssl.cipher_3des", CL_SEVERITY_HIGH,
                    _("The server accepts 3DES cipher suites"),
                    _("Remove 3DES (DES-CBC3) suites from the server’s cipher list."),
                    _("a 64-bit block cipher open to SWEET32 (CVE-2016-2183) (SSL Labs: caps the grade at C)."));
  check_weak_suite (facts, result, CL_SSL_OFFER_RC4, "ssl.cipher_rc4", CL_SEVERITY_HIGH,
                    _("The server accepts RC4 cipher suites"),
                    _("Remove RC4 suites from the server’s cipher list (RFC 7465 prohibits them)."),
                    _("RC4 is broken and prohibited by RFC 7465 (SSL Labs: caps the grade at B)."));
  check_weak_suite (facts, result, CL_SSL_OFFER_NULL, "ssl.cipher_null", CL_SEVERITY_HIGH,
                    _("The server accepts cipher suites without encryption"),
                    _("Remove NULL suites (eNULL) from the server’s cipher list."),
                    _("traffic would be sent in clear text (SSL Labs: insecure, grade F)."));
  check_weak_suite (facts, result, CL_SSL_OFFER_ANON, "ssl.cipher_anonymous", CL_SEVERITY_HIGH,
                    _("The server accepts anonymous cipher suites"),
                    _("Remove anonymous suites (aNULL) from the server’s cipher list."),
                    _("the server is not authenticated, so anyone on the path can intercept (SSL Labs: insecure, grade F)."));

  if (facts->offers[CL_SSL_OFFER_STATIC_RSA].outcome == CL_SSL_OUTCOME_ACCEPTED)
    {
      const ClSslOffer *offer = &facts->offers[CL_SSL_OFFER_STATIC_RSA];
      gboolean preferred = facts->first.suite != NULL &&
                           g_str_has_prefix (facts->first.suite, "TLS_RSA_");

      cl_module_result_add (result, "ssl.no_forward_secrecy", CL_SEVERITY_MEDIUM,
                            _("The server accepts key exchange without forward secrecy"),
                            _("Offer only ECDHE and DHE key exchange (TLS 1.3 always has it); remove the static-RSA suites (kRSA)."),
                            preferred
                            ? _("The server negotiated %s over %s, and chose %s even when offered ECDHE first: a stolen key decrypts recorded traffic (SSL Labs: caps the grade at B).")
                            : _("The server negotiated %s over %s when offered only static-RSA key exchange (it prefers %s): a stolen key decrypts recorded traffic of such clients (SSL Labs: weak suites)."),
                            offer->suite, offer->protocol, facts->first.suite);
    }

  /* Without TLS 1.2 there is no AEAD suite to offer: ssl.no_tls1_2 says
   * it already. */
  if (facts->offers[CL_SSL_OFFER_AEAD].outcome == CL_SSL_OUTCOME_REFUSED &&
      version_accepted (facts, "TLS1.2") &&
      !version_accepted (facts, "TLS1.3") &&
      !suite_is_aead (facts->first.suite))
    cl_module_result_add (result, "ssl.no_aead", CL_SEVERITY_MEDIUM,
                          _("The server has no authenticated-encryption (AEAD) cipher suite"),
                          _("Offer AES-GCM or ChaCha20-Poly1305 suites first, and TLS 1.3."),
                          _("The server refused every GCM, CCM and ChaCha20-Poly1305 suite and negotiated %s: CBC suites only, open to padding-oracle attacks (SSL Labs: caps the grade at B)."),
                          facts->first.suite);
}

/**
 * cl_ssl_judge:
 *
 * Adds to @result the findings that @facts call for.
 */
void
cl_ssl_judge (const ClSslFacts *facts,
              ClModuleResult   *result)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  check_validity_dates (facts, result);
  check_trust (facts, result);
  check_hostname (facts, result);
  check_signatures (facts, result);
  check_keys (facts, result);
  check_versions (facts, result);
  check_suites (facts, result);
}

/* Fetching */

typedef struct
{
  ClScanContext            *context;
  GSocketAddress           *address;
  char                     *ca_file;
  guint                     timeout;
  gnutls_x509_trust_list_t  trust;
  ClSslFacts               *facts;
  GPtrArray                *chain;  /* GBytes: the DER chain, for the AIA check */
  guint8                   *aia_buffer;
  guint                     next_offer;
  guint                     running;
} Run;

typedef struct
{
  GTask          *task;
  ClSslOfferKind  kind;
} OfferCall;

static void
run_free (Run *run)
{
  g_clear_object (&run->context);
  g_clear_object (&run->address);
  g_clear_pointer (&run->ca_file, g_free);
  if (run->trust != NULL)
    gnutls_x509_trust_list_deinit (run->trust, 1);
  g_clear_pointer (&run->facts, cl_ssl_facts_free);
  g_clear_pointer (&run->chain, g_ptr_array_unref);
  g_free (run->aia_buffer);
  g_free (run);
}

static gboolean
load_trust (Run     *run,
            GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gnutls_datum_t datum;
  gsize len = 0;
  int ret;

  if (gnutls_x509_trust_list_init (&run->trust, 0) < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, "GnuTLS: cannot create a trust list");
      return FALSE;
    }

  /* The system store may be empty (a minimal container): then only the
   * settings' CA file is trusted, which is what the user asked for. */
  ret = gnutls_x509_trust_list_add_system_trust (run->trust, 0, 0);
  if (ret < 0)
    g_debug ("No system trust store: %s", gnutls_strerror (ret));

  if (run->ca_file == NULL || run->ca_file[0] == '\0')
    return TRUE;

  if (!g_file_get_contents (run->ca_file, &contents, &len, &local_error))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE,
                   _("Cannot read the CA file set in the preferences: %s"),
                   local_error->message);
      return FALSE;
    }

  datum.data = (unsigned char *)contents;
  datum.size = MIN (len, MAX_CA_FILE_SIZE);
  ret = gnutls_x509_trust_list_add_trust_mem (run->trust, &datum, NULL,
                                              GNUTLS_X509_FMT_PEM, 0, 0);
  if (ret <= 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE,
                   _("The CA file “%s” set in the preferences holds no PEM certificate"),
                   run->ca_file);
      return FALSE;
    }

  return TRUE;
}

static GError *
unavailable_error (Run          *run,
                   const GError *error)
{
  g_autofree char *where = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (run->address));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                        /* Translators: %s is an address and port */
                        _("No TLS service on port 443: %s refused the connection"),
                        where);

  if (error->domain == G_IO_ERROR)
    return g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                        /* Translators: %s says why, with the address */
                        _("No TLS service on port 443: %s"),
                        error->message);

  return g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                      /* Translators: %s is an address and port, then why */
                      _("No TLS service on port 443 of %s: %s"),
                      where, error->message);
}

static void
gbytes_to_datums (GPtrArray       *chain,
                  gnutls_datum_t  *datums)
{
  for (guint i = 0; i < chain->len; i++)
    {
      gsize size;

      datums[i].data = (unsigned char *)g_bytes_get_data (g_ptr_array_index (chain, i), &size);
      datums[i].size = size;
    }
}

/* In a worker: the trust store, and the first handshake, which fetches
 * the certificate chain with an offer any server should accept. */
static void
first_handshake_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  Run *run = task_data;
  g_autoptr(ClTlsProbe) probe = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_datum_t datums[CL_TLS_PROBE_MAX_CERTIFICATES];

  if (!load_trust (run, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  probe = cl_tls_probe_new (run->address, run->facts->host, first_priority, run->timeout);
  if (!cl_tls_probe_run (probe, cancellable, &error))
    {
      g_task_return_error (task, unavailable_error (run, error));
      return;
    }

  if (!cl_tls_probe_get_accepted (probe))
    {
      g_autoptr(ClTlsProbe) last_resort = NULL;

      last_resort = cl_tls_probe_new (run->address, run->facts->host,
                                      offer_priorities[CL_SSL_OFFER_NULL], run->timeout);
      if (cl_tls_probe_run (last_resort, cancellable, NULL) &&
          cl_tls_probe_get_accepted (last_resort))
        g_set_object (&probe, last_resort);
    }

  if (!cl_tls_probe_get_accepted (probe))
    {
      g_autoptr(GError) refused = g_error_new_literal (CL_ERROR, CL_ERROR_UNAVAILABLE,
                                                       cl_tls_probe_get_refusal (probe));

      g_task_return_error (task, unavailable_error (run, refused));
      return;
    }

  cl_ssl_offer_set (&run->facts->first, CL_SSL_OUTCOME_ACCEPTED,
                    cl_tls_probe_get_protocol (probe),
                    cl_tls_probe_get_cipher_suite (probe), NULL);

  run->chain = g_ptr_array_ref (cl_tls_probe_get_peer_certificates (probe));
  gbytes_to_datums (run->chain, datums);
  cl_ssl_facts_read_chain (run->facts, datums, run->chain->len, run->trust);

  g_task_return_boolean (task, TRUE);
}

static void start_offers (GTask *task);

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&run->facts),
                         (GDestroyNotify)cl_ssl_facts_free);
}

static void
offer_done (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  ClTlsProbe *probe = CL_TLS_PROBE (object);
  OfferCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  Run *run = g_task_get_task_data (task);
  ClSslOfferKind kind = call->kind;
  ClSslOffer *offer = &run->facts->offers[kind];
  g_autoptr(GError) error = NULL;

  g_free (call);
  run->running--;

  if (!cl_tls_probe_run_finish (probe, async_result, &error))
    cl_ssl_offer_set (offer, CL_SSL_OUTCOME_UNKNOWN, NULL, NULL, error->message);
  else if (cl_tls_probe_get_accepted (probe))
    cl_ssl_offer_set (offer, CL_SSL_OUTCOME_ACCEPTED,
                      cl_tls_probe_get_protocol (probe),
                      cl_tls_probe_get_cipher_suite (probe), NULL);
  else
    cl_ssl_offer_set (offer, CL_SSL_OUTCOME_REFUSED, NULL, NULL,
                      cl_tls_probe_get_refusal (probe));

  g_object_unref (probe);

  g_debug ("%s offer %u: %s %s",
           run->facts->host, kind,
           offer->outcome == CL_SSL_OUTCOME_ACCEPTED ? "accepted" : "not accepted",
           offer->suite ? offer->suite : offer->detail);

  start_offers (task);
}

/* Keeps up to MAX_CONCURRENT_PROBES handshakes going, and judges once
 * the last has ended.  Once cancelled, starts no more: the task then
 * returns the cancellation. */
static void
start_offers (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    run->next_offer = CL_SSL_N_OFFERS;

  if (run->running == 0 && run->next_offer == CL_SSL_N_OFFERS)
    {
      finish (task);
      return;
    }

  while (run->running < MAX_CONCURRENT_PROBES && run->next_offer < CL_SSL_N_OFFERS)
    {
      OfferCall *call = g_new0 (OfferCall, 1);
      ClTlsProbe *probe;

      call->task = g_object_ref (task);
      call->kind = run->next_offer++;
      probe = cl_tls_probe_new (run->address, run->facts->host,
                                offer_priorities[call->kind], run->timeout);
      run->running++;
      cl_tls_probe_run_async (probe, g_task_get_cancellable (task), offer_done, call);
    }
}

static void
aia_read (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), async_result, &size, &error))
    g_debug ("AIA %s: %s", run->facts->aia_url, error->message);
  else if (size <= MAX_AIA_SIZE)
    {
      gnutls_datum_t datums[CL_TLS_PROBE_MAX_CERTIFICATES];
      gnutls_datum_t issuer;

      issuer.data = run->aia_buffer;
      issuer.size = size;
      gbytes_to_datums (run->chain, datums);
      cl_ssl_facts_add_issuer (run->facts, datums, run->chain->len, &issuer, run->trust);
    }

  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  start_offers (task);
}

static void
aia_sent (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), async_result, &error);
  if (stream == NULL)
    {
      g_debug ("AIA %s: %s", run->facts->aia_url, error->message);
      start_offers (task);
      return;
    }

  /* One byte more than we accept: a larger answer is not a certificate,
   * and is not read further. */
  run->aia_buffer = g_malloc (MAX_AIA_SIZE + 1);
  g_input_stream_read_all_async (stream, run->aia_buffer, MAX_AIA_SIZE + 1,
                                 G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                 aia_read, g_steal_pointer (&task));
}

/* The server did not send what its certificate needs: fetch the issuer
 * from the AIA caIssuers URL, as browsers and SSL Labs do, to tell an
 * incomplete chain from an untrusted one. */
static void
fetch_aia (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, run->facts->aia_url);

  if (message == NULL)
    {
      start_offers (task);
      return;
    }

  soup_session_send_async (cl_scan_context_get_http_session (run->context),
                           message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           aia_sent, g_object_ref (task));
}

static void
first_handshake_done (GObject      *object,
                      GAsyncResult *async_result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GTask *first = G_TASK (async_result);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (first, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (run->facts->aia_url != NULL)
    fetch_aia (task);
  else
    start_offers (task);
}

/**
 * cl_ssl_fetch_async:
 *
 * Fetches the facts the module judges: the chain from a first handshake,
 * then, a few at a time, the handshakes of the other offers.
 */
void
cl_ssl_fetch_async (ClScanContext       *context,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) first = NULL;
  ClScanSettings *settings;
  GPtrArray *addresses;
  Run *run;

  g_return_if_fail (CL_IS_SCAN_CONTEXT (context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  settings = cl_scan_context_get_settings (context);
  addresses = cl_scan_context_get_addresses (context);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_ssl_fetch_async);

  if (addresses->len == 0)
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("The domain has no address to test TLS on"));
      return;
    }

  run = g_new0 (Run, 1);
  run->context = g_object_ref (context);
  /* One address, IPv4 first: a load balancer's nodes normally share
   * their configuration. */
  run->address = g_inet_socket_address_new (g_ptr_array_index (addresses, 0), HTTPS_PORT);
  run->ca_file = g_strdup (cl_scan_settings_get_ca_file (settings));
  run->timeout = MAX (1, cl_scan_settings_get_network_timeout (settings));
  run->facts = cl_ssl_facts_new (cl_scan_context_get_domain (context),
                                 g_get_real_time () / G_USEC_PER_SEC);
  run->facts->address = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (run->address));
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  /* The first handshake runs alone: if it gets no answer, no other will,
   * and the module ends after one timeout. */
  first = g_task_new (NULL, cancellable, first_handshake_done, g_steal_pointer (&task));
  g_task_set_task_data (first, run, NULL);
  cl_task_run_in_background (first, first_handshake_thread);
}

ClSslFacts *
cl_ssl_fetch_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fetched (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ClSslFacts) facts = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  GError *error = NULL;

  if (!(facts = cl_ssl_fetch_finish (async_result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  result = cl_module_result_new ("ssl");
  cl_ssl_judge (facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
cl_module_ssl_run_async (ClModule            *module,
                         ClScanContext       *context,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_ssl_run_async);
  cl_ssl_fetch_async (context, cancellable, fetched, task);
}

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "ssl.cert_chain_incomplete",
  "ssl.cert_expired",
  "ssl.cert_expires_within_14_days",
  "ssl.cert_expires_within_30_days",
  "ssl.cert_hostname_mismatch",
  "ssl.cert_md5_signature",
  "ssl.cert_not_yet_valid",
  "ssl.cert_self_signed",
  "ssl.cert_sha1_signature",
  "ssl.cert_untrusted",
  "ssl.cert_weak_key",
  "ssl.cipher_3des",
  "ssl.cipher_anonymous",
  "ssl.cipher_null",
  "ssl.cipher_rc4",
  "ssl.no_aead",
  "ssl.no_forward_secrecy",
  "ssl.no_tls1_2",
  "ssl.no_tls1_3",
  "ssl.tls1_0_enabled",
  "ssl.tls1_1_enabled",
  NULL,
};

static void
cl_module_ssl_class_init (ClModuleSslClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "ssl";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_ssl_run_async;
}

static void
cl_module_ssl_init (ClModuleSsl *self)
{
}

ClModule *
cl_module_ssl_new (void)
{
  return g_object_new (CL_TYPE_MODULE_SSL, NULL);
}

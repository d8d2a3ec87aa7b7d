/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-ports.h"

G_BEGIN_DECLS

/* What the ports module fetches and how it judges it, apart, so that the
 * judging is tested on recorded facts without a network. */

/* At most this many bytes of what a server says first are kept. */
#define CL_PORTS_BANNER_MAX 256

/* One port of data/ports.json. */
typedef struct
{
  guint16     port;
  const char *service;       /* "telnet": stable, lower case */
  const char *name;          /* "Telnet": a protocol or product name */
  const char *category;      /* "remote-access" */
  const char *rule_id;       /* "ports.telnet_exposed"; NULL when expected (80, 443) */
  const char *text;          /* key of the finding and remediation texts */
  ClSeverity  severity;      /* meaningless when rule_id is NULL */
  gboolean    speaks_first;  /* the server sends a banner before the client */
} ClPortEntry;

typedef enum
{
  CL_PORT_STATE_CLOSED,       /* refused: nothing listens */
  CL_PORT_STATE_OPEN,         /* accepted the connection */
  CL_PORT_STATE_FILTERED,     /* no answer within the network timeout */
  CL_PORT_STATE_UNREACHABLE,  /* no route, or this machine may not connect */
} ClPortState;

typedef struct
{
  char        *address;  /* "127.0.10.2", "2001:db8::2" */
  guint16      port;
  ClPortState  state;
  GBytes      *banner;   /* what the server sent first, raw; NULL when nothing */
} ClPortProbe;

typedef struct
{
  GPtrArray *probes;  /* (element-type ClPortProbe) */
} ClPortsFacts;

const ClPortEntry *_cl_module_ports_get_entries    (guint               *n_entries);
const ClPortEntry *_cl_module_ports_lookup         (guint16              port);

ClPortsFacts      *_cl_ports_facts_new             (void);
void               _cl_ports_facts_free            (ClPortsFacts        *facts);
ClPortProbe       *_cl_ports_facts_add             (ClPortsFacts        *facts,
                                                    const char          *address,
                                                    guint16              port,
                                                    ClPortState          state,
                                                    const char          *banner,
                                                    gssize               banner_len);

/* Connects to every curated port of each of @addresses (GInetAddress). */
void               _cl_module_ports_fetch_async    (GPtrArray           *addresses,
                                                    guint                network_timeout,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
ClPortsFacts      *_cl_module_ports_fetch_finish   (GAsyncResult        *result,
                                                    GError             **error);

void               _cl_module_ports_judge          (const ClPortsFacts  *facts,
                                                    ClModuleResult      *result);
char              *_cl_module_ports_sanitize_banner (const guint8       *data,
                                                     gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClPortsFacts, _cl_ports_facts_free)

G_END_DECLS

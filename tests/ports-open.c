/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ports-open"

#include "config.h"

#include "cl-module-ports-private.h"

/* ports-open --list          the curated ports, comma-separated (for nmap -p)
 * ports-open ADDRESS...      "ADDRESS PORT" for each port the ports module
 *                            finds open, for tests/world/compare-nmap.sh */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClPortsFacts) facts = NULL;
  g_autoptr(GError) error = NULL;

  if (argc == 2 && g_str_equal (argv[1], "--list"))
    {
      guint n_entries;
      const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);

      for (guint i = 0; i < n_entries; i++)
        g_print ("%s%u", i > 0 ? "," : "", list[i].port);
      g_print ("\n");
      return 0;
    }

  if (argc < 2)
    {
      g_printerr ("usage: %s --list | ADDRESS...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      GInetAddress *address = g_inet_address_new_from_string (argv[i]);

      if (address == NULL)
        {
          g_printerr ("%s: not an address\n", argv[i]);
          return 2;
        }
      g_ptr_array_add (addresses, address);
    }

  _cl_module_ports_fetch_async (addresses, 5, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  facts = _cl_module_ports_fetch_finish (result, &error);
  if (facts == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < facts->probes->len; i++)
    {
      ClPortProbe *probe = g_ptr_array_index (facts->probes, i);

      if (probe->state == CL_PORT_STATE_OPEN)
        g_print ("%s %u\n", probe->address, probe->port);
    }

  return 0;
}

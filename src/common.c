/* common.c: error domains and their exit statuses. */
#include "orgsim/common.h"

G_DEFINE_QUARK (osim-input-error-quark, osim_input_error)
G_DEFINE_QUARK (osim-run-error-quark, osim_run_error)

int
osim_exit_status_for (const GError *error)
{
  if (error != NULL && error->domain == OSIM_INPUT_ERROR)
    return OSIM_EXIT_USAGE;
  return OSIM_EXIT_RUNTIME;
}

gboolean
osim_io_error (GError **error, const char *path, const char *what, int err)
{
  g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: %s: %s", path, what,
               g_strerror (err));
  return FALSE;
}

gboolean
osim_shards_error (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error_literal (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS, msg);
  return FALSE;
}

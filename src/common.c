/* common.c: error domains and their exit statuses. */
#include "orgsim/common.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

gint
osim_compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

gboolean
osim_cancelled (const volatile gint *cancel, GError **error)
{
  if (cancel == NULL || !g_atomic_int_get (cancel))
    return FALSE;
  g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED,
               "interrupted: no results written, earlier results left as they were");
  return TRUE;
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

/* Blocks this large or larger are advised as huge pages. */
#define HUGE_PAGE ((gsize) 2 << 20)
#define HUGE_MIN (4 * HUGE_PAGE)

void *
osim_alloc_positions (gsize n, gboolean zero)
{
  if (n < HUGE_MIN)
    return zero ? g_malloc0 (n) : g_malloc (n);
  void *p = NULL;
  if (posix_memalign (&p, HUGE_PAGE, n) != 0)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, n);
#ifdef MADV_HUGEPAGE
  /* A hint: without huge pages the block is an ordinary one. */
  (void) madvise (p, n / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
#endif
  if (zero)
    memset (p, 0, n);
  return p;
}

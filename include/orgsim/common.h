/* common.h: error domains and exit codes shared by every orgsim module. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the orgsim command (orgsim(1)). */
enum { OSIM_EXIT_OK = 0, OSIM_EXIT_RUNTIME = 1, OSIM_EXIT_USAGE = 2 };

/* Errors in what the user gave: a scenario file, a --set, a command line.
 * Every such error maps to exit status 2. */
#define OSIM_INPUT_ERROR (osim_input_error_quark ())
GQuark osim_input_error_quark (void);
typedef enum {
  OSIM_INPUT_ERROR_SYNTAX,   /* not INI, bad UTF-8, line too long */
  OSIM_INPUT_ERROR_UNKNOWN,  /* unknown section, key, policy, ... */
  OSIM_INPUT_ERROR_VALUE,    /* wrong type, out of range, inconsistent */
  OSIM_INPUT_ERROR_LIMIT,    /* too large to simulate */
  OSIM_INPUT_ERROR_USAGE,    /* bad command line */
  OSIM_INPUT_ERROR_SHARDS,   /* merge: shards missing, doubled or foreign */
} OsimInputError;

/* Errors while running: I/O, gnuplot, interruption.  Exit status 1. */
#define OSIM_RUN_ERROR (osim_run_error_quark ())
GQuark osim_run_error_quark (void);
typedef enum {
  OSIM_RUN_ERROR_IO,
  OSIM_RUN_ERROR_GNUPLOT,
  OSIM_RUN_ERROR_INTERRUPTED,
} OsimRunError;

/* The exit status an error calls for: 2 for input errors, else 1. */
int osim_exit_status_for (const GError *error);

/* Sets an OSIM_RUN_ERROR_IO error "PATH: WHAT: strerror(ERR)"; returns FALSE. */
gboolean osim_io_error (GError **error, const char *path, const char *what, int err);

/* When *@cancel is non-zero (a signal asked to stop), sets an
 * OSIM_RUN_ERROR_INTERRUPTED error saying no results were written and
 * returns TRUE; a NULL @cancel is never cancelled. */
gboolean osim_cancelled (const volatile gint *cancel, GError **error);

/* Sets an OSIM_INPUT_ERROR_SHARDS error (shards missing, doubled, foreign or
 * damaged) from a printf format; returns FALSE. */
gboolean osim_shards_error (GError **error, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Orders two strings by strcmp, for g_ptr_array_sort (which hands over pointers to
 * the elements) of an array of strings. */
gint osim_compare_names (gconstpointer a, gconstpointer b);

/* @n bytes (zeroed with @zero) for an array of one entry per position of an
 * org, freed with g_free.  A block of several megabytes is aligned to, and
 * advised as, transparent huge pages where the system offers them: a
 * million-position org then faults in its pages a few thousand times rather
 * than a few hundred thousand, and misses the TLB less.  Aborts when out of
 * memory, as g_malloc does. */
void *osim_alloc_positions (gsize n, gboolean zero);

G_END_DECLS

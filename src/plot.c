/* plot.c: drawing a results folder's charts by running the gnuplot scripts in plots/. */
#include "orgsim/plot.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "orgsim/common.h"

#ifndef OSIM_DATADIR
#define OSIM_DATADIR "/usr/local/share/orgsim"
#endif

/* One chart: plots/NAME.gp draws charts/NAME.FORMAT from one CSV of the folder. */
typedef struct
{
  const char *name;
  const char *csv;         /* the file it reads; the chart is skipped without it */
  gboolean leadership;     /* draws the leadership layer: skipped when it is off */
  const char *absent_note; /* why it is skipped when the CSV is absent (NULL: silently) */
} OsimChart;

static const OsimChart charts[] = {
  { "efficiency", "summary.csv", FALSE, "no summary.csv" },
  { "gain", "final.csv", FALSE, "no final.csv in this folder" },
  { "willing", "summary.csv", TRUE, "no summary.csv" },
  { "competence", "levels.csv", FALSE, "no levels.csv in this folder" },
  { "leaders", "levels.csv", TRUE, "no levels.csv in this folder" },
  { "orgchart", "orgchart.csv", FALSE, "no orgchart.csv in this folder" },
  { "sweep", "sweep.csv", FALSE, "no numeric sweep in this scenario" },
  { "tornado", "tornado.csv", FALSE, NULL }, /* orgsim robust's folders */
};

/* The most of gnuplot's stderr quoted in an error message. */
#define OSIM_PLOT_STDERR_MAX 2000

static gboolean
is_scripts_dir (const char *dir)
{
  g_autofree char *common = g_build_filename (dir, "common.gp", NULL);
  return g_file_test (common, G_FILE_TEST_IS_REGULAR);
}

char *
osim_plot_scripts_dir (GError **error)
{
  const char *env = g_getenv ("ORGSIM_PLOTS");
  if (env != NULL && *env != '\0')
    {
      if (is_scripts_dir (env))
        return g_strdup (env);
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
                   "ORGSIM_PLOTS=%s: no chart scripts there (common.gp missing)", env);
      return NULL;
    }

  /* Beside the executable first, so that a build tree uses its own scripts. */
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;
  if (exe != NULL)
    {
      g_autofree char *bindir = g_path_get_dirname (exe);
      beside = g_build_filename (bindir, "plots", NULL);
      if (is_scripts_dir (beside))
        return g_steal_pointer (&beside);
    }

  g_autofree char *installed = g_build_filename (OSIM_DATADIR, "plots", NULL);
  if (is_scripts_dir (installed))
    return g_steal_pointer (&installed);

  g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
               "chart scripts not found (looked in %s%s%s; set ORGSIM_PLOTS to the plots/ folder)",
               beside != NULL ? beside : "", beside != NULL ? " and " : "", installed);
  return NULL;
}

static gboolean
has_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Whether the scenario ran with the leadership layer ([effort] enabled).  Off by default,
 * as in the model; an unreadable scenario.ini counts as on, so the charts are tried. */
static gboolean
leadership_on (const char *results_dir)
{
  g_autofree char *path = g_build_filename (results_dir, "scenario.ini", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return TRUE;
  g_autoptr (GError) local = NULL;
  gboolean on = g_key_file_get_boolean (kf, "effort", "enabled", &local);
  return local != NULL ? FALSE : on;
}

/* gnuplot's stderr, trimmed and cut to a readable length, for an error message. */
static char *
quote_stderr (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (strlen (copy) <= OSIM_PLOT_STDERR_MAX)
    return g_steal_pointer (&copy);
  return g_strdup_printf ("%.*s ...", OSIM_PLOT_STDERR_MAX, copy);
}

/* Runs `gnuplot -c SCRIPT RESULTS_DIR OUT`.  Fails when gnuplot cannot start, exits
 * non-zero, or writes anything on stderr (a warning means a chart that is not right). */
static gboolean
run_gnuplot (const char *gnuplot, const char *chart, const char *script, const char *results_dir,
             const char *out, GError **error)
{
  const char *argv[] = { gnuplot, "-c", script, results_dir, out, NULL };
  g_autofree char *err_text = NULL;
  int wait_status = 0;
  g_autoptr (GError) spawn_error = NULL;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err_text, &wait_status, &spawn_error))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s: cannot run %s: %s", chart,
                   gnuplot, spawn_error->message);
      return FALSE;
    }
  g_autofree char *quoted = quote_stderr (err_text);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    {
      g_autofree char *how
          = WIFEXITED (wait_status)
                ? g_strdup_printf ("exited with status %d", WEXITSTATUS (wait_status))
                : g_strdup_printf ("was killed by signal %d", WTERMSIG (wait_status));
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s: gnuplot %s%s%s", chart, how,
                   *quoted != '\0' ? ": " : "", quoted);
      return FALSE;
    }
  if (*quoted != '\0')
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s: gnuplot warned: %s", chart,
                   quoted);
      return FALSE;
    }
  return TRUE;
}

gboolean
osim_plot_format_valid (const char *format)
{
  return strcmp (format, "png") == 0 || strcmp (format, "svg") == 0 || strcmp (format, "pdf") == 0;
}

gboolean
osim_plot_dir (const char *results_dir, const char *format, GPtrArray *written, GPtrArray *skipped,
               GError **error)
{
  g_return_val_if_fail (results_dir != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (written != NULL && skipped != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!osim_plot_format_valid (format))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "unknown chart format '%s' (png, svg or pdf)", format);
      return FALSE;
    }
  /* A folder of orgsim run has summary.csv; one of orgsim robust, robust.csv
   * alone (a run folder may hold a copy of robust.csv for its report). */
  gboolean robust = has_file (results_dir, "robust.csv") && !has_file (results_dir, "summary.csv");
  if ((!has_file (results_dir, "summary.csv") && !robust)
      || !has_file (results_dir, "scenario.ini"))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not an orgsim results folder (no summary.csv or robust.csv, and "
                   "scenario.ini)",
                   results_dir);
      return FALSE;
    }

  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (gnuplot == NULL)
    {
      g_set_error_literal (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT,
                           "gnuplot not found: install gnuplot-nox (make deps)");
      return FALSE;
    }
  g_autofree char *scripts = osim_plot_scripts_dir (error);
  if (scripts == NULL)
    return FALSE;

  g_autofree char *charts_dir = g_build_filename (results_dir, "charts", NULL);
  if (g_mkdir_with_parents (charts_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", charts_dir,
                   g_strerror (saved));
      return FALSE;
    }

  /* Every chart is tried, so that one failure does not cost the others; the error then
   * names each chart that failed. */
  gboolean leadership = leadership_on (results_dir);
  g_autoptr (GString) failures = g_string_new (NULL);
  guint n_failed = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      const OsimChart *c = &charts[i];
      if (!has_file (results_dir, c->csv))
        {
          if (c->absent_note != NULL && !robust)
            g_ptr_array_add (skipped,
                             g_strdup_printf ("%s: skipped (%s)", c->name, c->absent_note));
          continue;
        }
      if (c->leadership && !leadership)
        {
          g_ptr_array_add (skipped,
                           g_strdup_printf ("%s: skipped (the leadership layer is off in this "
                                            "scenario: [effort] enabled=false)",
                                            c->name));
          continue;
        }
      g_autofree char *script_name = g_strconcat (c->name, ".gp", NULL);
      g_autofree char *script = g_build_filename (scripts, script_name, NULL);
      g_autofree char *out_name = g_strconcat (c->name, ".", format, NULL);
      g_autofree char *out = g_build_filename (charts_dir, out_name, NULL);
      g_autoptr (GError) chart_error = NULL;
      if (!run_gnuplot (gnuplot, c->name, script, results_dir, out, &chart_error))
        {
          g_unlink (out); /* a half-drawn chart must not pass for a chart */
          g_string_append_printf (failures, "%s%s", n_failed > 0 ? "\n" : "", chart_error->message);
          n_failed++;
          continue;
        }
      g_ptr_array_add (written, g_steal_pointer (&out));
    }
  if (n_failed > 0)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s%s",
                   n_failed > 1 ? "gnuplot failed on several charts:\n" : "", failures->str);
      return FALSE;
    }
  return TRUE;
}

/* plot.c: drawing a results folder's charts by running the gnuplot scripts in plots/. */
#include "orgsim/plot.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "orgsim/common.h"
#include "orgsim/outdir.h"
#include "orgsim/plotdata.h"

#ifndef OSIM_DATADIR
#define OSIM_DATADIR "/usr/local/share/orgsim"
#endif

/* One chart: plots/NAME.gp draws charts/NAME.FORMAT from one CSV of the folder. */
typedef enum
{
  NEED_CSV,
  NEED_DIFFERENCE,
  NEED_HEATMAP
} OsimChartNeed;

typedef struct
{
  const char *name;
  const char *csv;         /* the file it reads; the chart is skipped without it */
  gboolean leadership;     /* draws the leadership layer: skipped when it is off */
  const char *absent_note; /* why it is skipped when the CSV is absent (NULL: silently) */
  OsimChartNeed need;      /* what else it needs from the preparation */
} OsimChart;

static const OsimChart charts[] = {
  { "efficiency", "summary.csv", FALSE, "no summary.csv", NEED_CSV },
  { "difference", "final.csv", FALSE, "no final.csv in this folder", NEED_DIFFERENCE },
  { "gain", "final.csv", FALSE, "no final.csv in this folder", NEED_CSV },
  { "willing", "summary.csv", TRUE, "no summary.csv", NEED_CSV },
  { "competence", "levels.csv", FALSE, "no levels.csv in this folder", NEED_CSV },
  { "leaders", "levels.csv", TRUE, "no levels.csv in this folder", NEED_CSV },
  { "orgchart", "orgchart.csv", FALSE, "no orgchart.csv in this folder", NEED_CSV },
  { "sweep", "sweep.csv", FALSE, "no numeric sweep in this scenario", NEED_CSV },
  { "heatmap", "final.csv", FALSE, "no final.csv in this folder", NEED_HEATMAP },
  { "tornado", "tornado.csv", FALSE, NULL, NEED_CSV }, /* orgsim robust's folders */
};

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

/* A folder of orgsim robust: robust.csv without summary.csv (a run folder may hold a
 * copy of robust.csv for its report). */
static gboolean
robust_folder (const char *dir)
{
  return osim_plot_has_file (dir, "robust.csv") && !osim_plot_has_file (dir, "summary.csv");
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

/* The most of gnuplot's stderr kept, and quoted in a message. */
#define OSIM_PLOT_STDERR_KEEP 65536
#define OSIM_PLOT_STDERR_QUOTE 300

/* One line of gnuplot's stderr for a message: the line naming a script line
 * ("efficiency.gp" line 9: ...), else the last non-blank one; cleaned and cut. */
static char *
quote_stderr (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  const char *pick = NULL;
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *l = g_strstrip (lines[i]);
      if (*l == '\0' || strspn (l, "^ ") == strlen (l))
        continue;
      if (pick == NULL || strstr (pick, "\" line ") == NULL)
        pick = l;
    }
  /* A script's own message ("orgsim: FILE: no column X"): from there on. */
  for (int i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "orgsim: ") != NULL)
      pick = strstr (lines[i], "orgsim: ") + strlen ("orgsim: ");
  GString *out = g_string_new (NULL);
  osim_plot_text_clean (out, pick != NULL ? pick : "", OSIM_PLOT_STDERR_QUOTE);
  return g_string_free (out, FALSE);
}

/* gnuplot runs in a process group of its own: a Ctrl-C reaches orgsim alone, and
 * orgsim ends gnuplot and the awk it started together. */
static void
own_group (gpointer data)
{
  (void)data;
  setpgid (0, 0);
}

/* Reads what gnuplot writes on @fd until it closes it, or *@cancel is set (then kills
 * the group).  Returns FALSE when cancelled. */
static gboolean
collect_stderr (GPid pid, int fd, GString *err, volatile gint *cancel)
{
  char buf[4096];
  for (;;)
    {
      if (cancel != NULL && g_atomic_int_get (cancel))
        {
          kill (-pid, SIGKILL);
          kill (pid, SIGKILL);
          return FALSE;
        }
      struct pollfd pfd = { fd, POLLIN, 0 };
      int r = poll (&pfd, 1, 100);
      if (r < 0 && errno != EINTR)
        return TRUE;
      if (r <= 0)
        continue;
      ssize_t n = read (fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return TRUE;
      if (err->len < OSIM_PLOT_STDERR_KEEP)
        g_string_append_len (err, buf, n);
    }
}

static int
wait_child (GPid pid)
{
  int status = 0;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  return status;
}

/* Runs `gnuplot -c SCRIPT . OUT` in @work.  Fails when gnuplot cannot start, exits
 * non-zero, writes anything on stderr (a warning means a chart that is not right), or
 * is stopped by *@cancel. */
static gboolean
run_gnuplot (const char *gnuplot, const char *chart, const char *script, const char *work,
             const char *out, volatile gint *cancel, GError **error)
{
  const char *argv[] = { gnuplot, "-c", script, ".", out, NULL };
  GPid pid = 0;
  int err_fd = -1;
  g_autoptr (GError) spawn_error = NULL;
  /* One locale for every user: numbers with a decimal point, text in UTF-8. */
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  if (!g_spawn_async_with_pipes (work, (char **)argv, env,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                     | G_SPAWN_CHILD_INHERITS_STDIN,
                                 own_group, NULL, &pid, NULL, NULL, &err_fd, &spawn_error))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s: cannot run %s: %s", chart,
                   gnuplot, spawn_error->message);
      return FALSE;
    }
  g_autoptr (GString) err = g_string_new (NULL);
  gboolean done = collect_stderr (pid, err_fd, err, cancel);
  close (err_fd);
  int wait_status = wait_child (pid);
  g_spawn_close_pid (pid);
  if (!done)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED,
                   "interrupted while drawing %s: charts not yet drawn left as they were", chart);
      return FALSE;
    }
  g_autofree char *quoted = quote_stderr (err->str);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    {
      g_autofree char *how
          = WIFEXITED (wait_status)
                ? g_strdup_printf ("exited with status %d", WEXITSTATUS (wait_status))
                : g_strdup_printf ("was killed by signal %d", WTERMSIG (wait_status));
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s chart: gnuplot %s%s%s", chart,
                   how, *quoted != '\0' ? ": " : "", quoted);
      return FALSE;
    }
  if (*quoted != '\0')
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s chart: gnuplot warned: %s",
                   chart, quoted);
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
osim_plot_style_valid (const char *style)
{
  return strcmp (style, "slides") == 0 || strcmp (style, "print") == 0;
}

static gboolean
ends_with (const char *data, gsize len, const char *tail, gsize window)
{
  gsize tl = strlen (tail);
  gsize from = len > window ? len - window : 0;
  for (gsize i = from; i + tl <= len; i++)
    if (memcmp (data + i, tail, tl) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @path holds a whole chart in @format: its header and its end. */
static gboolean
chart_complete (const char *path, const char *format)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL) || len < 16)
    return FALSE;
  if (strcmp (format, "png") == 0)
    return memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0
           && memcmp (data + len - 8, "IEND\xae\x42\x60\x82", 8) == 0;
  if (strcmp (format, "pdf") == 0)
    return memcmp (data, "%PDF-", 5) == 0 && ends_with (data, len, "%%EOF", 64);
  return strstr (data, "<svg") != NULL && ends_with (data, len, "</svg>", 64);
}

/* Checks the chart gnuplot drew in @work and renames it over @dest (one file system:
 * the old chart is replaced whole or not at all). */
static gboolean
install_chart (const char *chart, const char *drawn, const char *dest, const char *format,
               GError **error)
{
  if (!chart_complete (drawn, format))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT,
                   "%s chart: gnuplot drew no complete %s (disk full?); the earlier chart, if "
                   "any, is as it was",
                   chart, format);
      return FALSE;
    }
  return osim_install_file (drawn, dest, error);
}

/* Removes the work folders in @charts_dir that a killed orgsim left: each holds the
 * process id of its owner in "owner"; a folder whose owner is gone is removed. */
static void
remove_stale_work (const char *charts_dir)
{
  g_autoptr (GDir) d = g_dir_open (charts_dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_prefix (name, ".plot-"))
        continue;
      g_autofree char *dir = g_build_filename (charts_dir, name, NULL);
      g_autofree char *owner = g_build_filename (dir, "owner", NULL);
      g_autofree char *text = NULL;
      if (!g_file_get_contents (owner, &text, NULL, NULL))
        continue; /* being made, or not ours */
      gint64 pid = g_ascii_strtoll (text, NULL, 10);
      if (pid > 0 && kill ((pid_t)pid, 0) != 0 && errno == ESRCH)
        osim_remove_tree (dir);
    }
}

/* Fails with a one-line message when @results_dir is not a whole results folder. */
static gboolean
check_results_dir (const char *results_dir, GError **error)
{
  if (osim_plot_has_file (results_dir, "shard.ini"))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s holds one shard's results: merge the shards first (orgsim merge "
                   "SHARD_DIR... -o DIR), then plot the merged folder",
                   results_dir);
      return FALSE;
    }
  /* A folder of orgsim run has summary.csv; one of orgsim robust, robust.csv. */
  if ((!osim_plot_has_file (results_dir, "summary.csv") && !robust_folder (results_dir))
      || !osim_plot_has_file (results_dir, "scenario.ini"))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not an orgsim results folder (no summary.csv or robust.csv, and "
                   "scenario.ini)",
                   results_dir);
      return FALSE;
    }
  return TRUE;
}

/* Why @c is not drawn ("" to skip it without a note), or NULL when it is.  A folder of
 * orgsim robust (robust.csv without summary.csv) has only its own chart: the others
 * are skipped silently. */
static char *
skip_reason (const OsimChart *c, const char *results_dir, gboolean leadership,
             const OsimPlotPrep *prep)
{
  gboolean robust = robust_folder (results_dir);
  if (!osim_plot_has_file (results_dir, c->csv))
    return c->absent_note == NULL || robust
               ? g_strdup ("")
               : g_strdup_printf ("%s: skipped (%s)", c->name, c->absent_note);
  if (robust && c->need != NEED_CSV)
    return g_strdup ("");
  if (c->leadership && !leadership)
    return g_strdup_printf ("%s: skipped (the leadership layer is off in this scenario: [effort] "
                            "enabled=false)",
                            c->name);
  if (c->need == NEED_DIFFERENCE && !prep->has_difference)
    return g_strdup_printf ("%s: skipped (one policy: nothing to compare with the baseline)",
                            c->name);
  if (c->need == NEED_HEATMAP && !prep->has_heatmap)
    return g_strdup (prep->heatmap_note != NULL ? prep->heatmap_note
                                                : "heatmap: skipped (no two-key numeric sweep)");
  return NULL;
}

typedef struct
{
  const char *results_dir, *gnuplot, *scripts, *work, *charts_dir, *format;
  volatile gint *cancel;
} DrawCtx;

/* Draws chart @c into the work folder and puts it in place. */
static char *
draw_one (const DrawCtx *x, const OsimChart *c, GError **error)
{
  g_autofree char *script_name = g_strconcat (c->name, ".gp", NULL);
  g_autofree char *script = g_build_filename (x->scripts, script_name, NULL);
  g_autofree char *out_name = g_strconcat (c->name, ".", x->format, NULL);
  g_autofree char *drawn = g_build_filename (x->work, out_name, NULL);
  g_autofree char *dest = g_build_filename (x->charts_dir, out_name, NULL);
  if (!run_gnuplot (x->gnuplot, c->name, script, x->work, out_name, x->cancel, error)
      || !install_chart (c->name, drawn, dest, x->format, error))
    {
      g_unlink (drawn);
      return NULL;
    }
  return g_steal_pointer (&dest);
}

static gboolean
draw_all (const DrawCtx *x, const OsimPlotPrep *prep, GPtrArray *written, GPtrArray *skipped,
          GError **error)
{
  /* Every chart is tried, so that one failure does not cost the others; the error
   * names the first that failed and counts the others. */
  gboolean leadership = leadership_on (x->results_dir);
  GError *first = NULL;
  guint n_failed = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      char *why = skip_reason (&charts[i], x->results_dir, leadership, prep);
      if (why != NULL && *why == '\0')
        g_free (why);
      else if (why != NULL)
        g_ptr_array_add (skipped, why);
      if (why != NULL)
        continue;
      g_autoptr (GError) chart_error = NULL;
      char *dest = draw_one (x, &charts[i], &chart_error);
      if (dest != NULL)
        {
          g_ptr_array_add (written, dest);
          continue;
        }
      n_failed++;
      if (first == NULL)
        first = g_steal_pointer (&chart_error);
      if (g_error_matches (first, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED))
        break;
    }
  if (first == NULL)
    return TRUE;
  if (n_failed > 1)
    g_prefix_error (&first, "%u charts failed; the first: ", n_failed);
  g_propagate_error (error, first);
  return FALSE;
}

gboolean
osim_plot_dir (const char *results_dir, const OsimPlotOptions *opt, GPtrArray *written,
               GPtrArray *skipped, GError **error)
{
  g_return_val_if_fail (results_dir != NULL && opt != NULL, FALSE);
  g_return_val_if_fail (written != NULL && skipped != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  const char *format = opt->format != NULL ? opt->format : "png";
  const char *style = opt->style != NULL ? opt->style : "slides";

  if (!osim_plot_format_valid (format) || !osim_plot_style_valid (style))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "unknown chart format '%s' or style '%s' (png, svg or pdf; slides or print)",
                   format, style);
      return FALSE;
    }
  if (!check_results_dir (results_dir, error))
    return FALSE;
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (gnuplot == NULL)
    {
      g_set_error_literal (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT,
                           "gnuplot not found: install gnuplot-nox (make deps)");
      return FALSE;
    }
  g_autofree char *found = osim_plot_scripts_dir (error);
  if (found == NULL)
    return FALSE;
  g_autofree char *scripts = g_canonicalize_filename (found, NULL);

  g_autofree char *charts_dir = g_build_filename (results_dir, "charts", NULL);
  g_autofree char *work = g_build_filename (charts_dir, ".plot-XXXXXX", NULL);
  if (g_mkdir_with_parents (charts_dir, 0755) != 0 || g_mkdtemp_full (work, 0700) == NULL)
    {
      int saved = errno;
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", charts_dir,
                   g_strerror (saved));
      return FALSE;
    }
  g_autofree char *owner = g_build_filename (work, "owner", NULL);
  g_autofree char *pid = g_strdup_printf ("%d\n", (int)getpid ());
  if (!g_file_set_contents (owner, pid, -1, error))
    {
      osim_remove_tree (work);
      return FALSE;
    }
  remove_stale_work (charts_dir);
  OsimPlotPrep prep = { 0 };
  DrawCtx x = { results_dir, gnuplot, scripts, work, charts_dir, format, opt->cancel };
  gboolean ok = osim_plot_prepare (results_dir, work, style, opt->cancel, &prep, error)
                && draw_all (&x, &prep, written, skipped, error);
  osim_plot_prep_clear (&prep);
  osim_remove_tree (work);
  return ok;
}

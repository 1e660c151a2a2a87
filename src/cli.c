/* cli.c: the orgsim command line: subcommands, options, exit statuses. */
#include <glib.h>

#include "orgsim/animate.h"
#include "orgsim/catalog.h"
#include "orgsim/cli.h"
#include "orgsim/common.h"
#include "orgsim/compare.h"
#include "orgsim/experiment.h"
#include "orgsim/import.h"
#include "orgsim/merge.h"
#include "orgsim/output.h"
#include "orgsim/plot.h"
#include "orgsim/robust.h"
#include "orgsim/report.h"
#include "orgsim/scenario.h"
#include "orgsim/template.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile gint cancel_flag = 0;

static void
on_signal (int sig)
{
  g_atomic_int_set (&cancel_flag, sig);
}

static void
catch_signals (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  /* A closed terminal stops a run as Ctrl-C does; a file size limit
   * (ulimit -f) fails the write (EFBIG) instead of killing the process, so
   * the temporary folder is removed. */
  sigaction (SIGHUP, &sa, NULL);
  signal (SIGXFSZ, SIG_IGN);
}

static int
fail (GError *error)
{
  int status = osim_exit_status_for (error);
  fprintf (stderr, "orgsim: %s\n", error->message);
  g_error_free (error);
  return status;
}

/* fail() for a scenario that could not be loaded from @arg: a missing
 * name gets a pointer to the installed scenarios. */
static int
fail_load (GError *error, const char *arg)
{
  g_autofree char *hint = osim_catalog_hint (arg);
  if (hint && error->domain == OSIM_INPUT_ERROR
      && strstr (error->message, "cannot read the scenario"))
    {
      char *msg = g_strconcat (error->message, hint, NULL);
      g_free (error->message);
      error->message = msg;
    }
  return fail (error);
}

static int
usage_error (const char *cmd, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *cmd, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "orgsim: %s\n", msg);
  if (cmd)
    fprintf (stderr, "orgsim: see 'orgsim %s --help'\n", cmd);
  return OSIM_EXIT_USAGE;
}

/* The long option of @ctx's help nearest to @given ("--polices"), or NULL. */
static char *
nearest_option (GOptionContext *ctx, const char *given)
{
  g_autofree char *help = g_option_context_get_help (ctx, FALSE, NULL);
  g_autofree char *name = g_strndup (given, strcspn (given, "="));
  char *best = NULL;
  int best_d = 3;
  for (const char *c = help; (c = strstr (c, "--")) != NULL;)
    {
      gsize n = 2 + strspn (c + 2, "abcdefghijklmnopqrstuvwxyz-");
      g_autofree char *opt = g_strndup (c, n);
      c += n;
      int d = osim_edit_distance (name, opt);
      if (n > 2 && d < best_d && strcmp (opt, "--help-all") != 0)
        {
          g_free (best);
          best = g_strdup (opt);
          best_d = d;
        }
    }
  return best;
}

/* Parses @cmd's options; returns -1 when they are fine, else the exit status
 * after a message (with a "did you mean" for a mistyped long option). */
static int
parse_options (const char *cmd, GOptionContext *ctx, int *argc, char ***argv)
{
  g_auto (GStrv) given = g_strdupv (*argv);
  GError *error = NULL;
  if (g_option_context_parse (ctx, argc, argv, &error))
    return -1;
  g_autofree char *hint = NULL;
  if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
    for (int i = 1; given[i] && hint == NULL; i++)
      if (g_str_has_prefix (given[i], "--") && strstr (error->message, given[i]))
        {
          g_autofree char *near = nearest_option (ctx, given[i]);
          if (near)
            hint = g_strdup_printf (" (did you mean %s?)", near);
        }
  int r = usage_error (cmd, "%s%s", error->message, hint ? hint : "");
  g_error_free (error);
  return r;
}

/* --set takes KEY=VALUE: a value without '=' is most likely `--set K V`. */
static int
check_sets (const char *cmd, char **sets, int argc, char **argv)
{
  for (int i = 0; sets && sets[i]; i++)
    if (strchr (sets[i], '=') == NULL)
      {
        const char *next = argc > 2 ? argv[2] : NULL;
        if (next)
          return usage_error (cmd, "--set %s: expected section.key=value, one argument with "
                                   "'=' (did you mean --set %s=%s?)",
                              sets[i], sets[i], next);
        return usage_error (cmd, "--set %s: expected section.key=value, one argument with "
                                 "'=' (such as --set %s=VALUE)",
                            sets[i], sets[i]);
      }
  return -1;
}

/* The options of run that change the scenario, which check also takes. */
typedef struct
{
  char *runs, *steps, *seed, *policies;
  char **sets;
} ScenarioArgs;

/* Applies -r -t -s -p after the file and --set; their messages name them. */
static gboolean
apply_shortcuts (OsimScenario *sc, const ScenarioArgs *s, GError **error)
{
  const struct { const char *key, *value; } shortcuts[] = {
    { "runs", s->runs }, { "steps", s->steps }, { "seed", s->seed }, { "policies", s->policies },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].value
        && !osim_scenario_override (sc, shortcuts[i].key, shortcuts[i].value, error))
      return FALSE;
  return TRUE;
}

/* NULL when every value of @values (named by @names) is UTF-8 text; else
 * the name of the first option that is not. */
static const char *
non_utf8_option (const char *const *names, const char *const *values, int n,
                 char **const *arrays, const char *const *array_names, int n_arrays)
{
  for (int i = 0; i < n; i++)
    if (values[i] && !g_utf8_validate (values[i], -1, NULL))
      return names[i];
  for (int i = 0; i < n_arrays; i++)
    for (int k = 0; arrays[i] && arrays[i][k]; k++)
      if (!g_utf8_validate (arrays[i][k], -1, NULL))
        return array_names[i];
  return NULL;
}

static int
utf8_error (const char *cmd, const char *option)
{
  return usage_error (cmd, "%s: not valid UTF-8 text; give the value in UTF-8", option);
}

/* ---- run ---- */

typedef struct
{
  char *out;
  char *runs, *steps, *seed, *policies, *jobs, *shard, *format, *style, *careers_runs;
  char **sets;
  gboolean plot, animate, quiet, per_run, stats, people, careers;
} RunArgs;

static void
run_args_clear (RunArgs *a)
{
  g_free (a->out);
  g_free (a->runs);
  g_free (a->steps);
  g_free (a->seed);
  g_free (a->policies);
  g_free (a->jobs);
  g_free (a->shard);
  g_free (a->format);
  g_free (a->careers_runs);
  g_free (a->style);
  g_strfreev (a->sets);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunArgs, run_args_clear)

static GOptionContext *
run_context (RunArgs *a)
{
  /* Numbers are taken as strings and checked by the scenario loader, so -r
   * and --set scenario.runs give the same messages and limits.  Text is
   * taken as bytes (ARG_FILENAME: GLib would convert it from the locale's
   * character set, refusing any non-ASCII under LANG=C, in a message naming
   * no option) and checked to be UTF-8 by non_utf8_option. */
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &a->out,
      "Results folder (default: results/<scenario name>)", "DIR" },
    { "runs", 'r', 0, G_OPTION_ARG_FILENAME, &a->runs, "Runs per policy and variant", "N" },
    { "steps", 't', 0, G_OPTION_ARG_FILENAME, &a->steps, "Years per run", "N" },
    { "seed", 's', 0, G_OPTION_ARG_FILENAME, &a->seed, "Master seed", "N" },
    { "policies", 'p', 0, G_OPTION_ARG_FILENAME, &a->policies,
      "Policies to compare, comma-separated (orgsim policies)", "a,b,c" },
    { "jobs", 'j', 0, G_OPTION_ARG_FILENAME, &a->jobs,
      "Worker threads (default: all cores)", "N" },
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->sets,
      "Override a scenario key, e.g. --set promotion.transfer=peter (repeatable; "
      "sweep.KEY=v1;v2 sets a sweep)", "SECTION.KEY=VALUE" },
    { "shard", 0, 0, G_OPTION_ARG_FILENAME, &a->shard,
      "Run only shard I of N (runs dealt round-robin); combine with orgsim merge", "I/N" },
    { "per-run", 0, 0, G_OPTION_ARG_NONE, &a->per_run, "Also write runs.csv (every run)",
      NULL },
    { "people", 0, 0, G_OPTION_ARG_NONE, &a->people,
      "Also write people.csv: every position of run 0's org chart (orgchart.csv holds the "
      "top levels, at most 20000 positions)", NULL },
    { "careers", 0, 0, G_OPTION_ARG_NONE, &a->careers,
      "Also write careers.csv: every spell of a person in a post, in the first runs", NULL },
    { "careers-runs", 0, 0, G_OPTION_ARG_FILENAME, &a->careers_runs,
      "With --careers: the runs 0..K-1 recorded (default 1)", "K" },
    { "plot", 0, 0, G_OPTION_ARG_NONE, &a->plot, "Draw the charts when done", NULL },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &a->format, "Chart format with --plot", "png|svg|pdf" },
    { "style", 0, 0, G_OPTION_ARG_FILENAME, &a->style,
      "Chart style with --plot: slides (16:9, large text; the default) or print (A4/letter)",
      "slides|print" },
    { "animate", 0, 0, G_OPTION_ARG_NONE, &a->animate,
      "With --plot: also charts/orgchart.gif, the org chart of run 0 year by year", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a->quiet, "No progress bar, no table", NULL },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &a->stats,
      "Print person-years, wall time, speed and peak memory to stderr", NULL },
    { NULL },
  };
  GOptionContext *ctx = g_option_context_new ("SCENARIO.ini - simulate; write a results folder");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (
      ctx, "Simulates every variant x policy x run of the scenario and writes summary.csv,\n"
           "final.csv, levels.csv, orgchart.csv, scenario.ini (and runs.csv with --per-run,\n"
           "sweep.csv with a numeric sweep) into the results folder, replacing an earlier\n"
           "one only when complete.  Prints a table of final efficiency, gain and the\n"
           "paired difference from the baseline policy.");
  g_option_context_set_description (
      ctx, "Exit status: 0 done; 1 run-time failure (I/O, gnuplot, interrupted); 2 bad "
           "usage or scenario.\nSee orgsim(1) for every scenario key.");
  return ctx;
}

static gboolean
parse_positive (const char *text, int *out)
{
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || errno || v < 1 || v > 4096)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

static gboolean
parse_shard (const char *text, int *index, int *count)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", 3);
  if (g_strv_length (parts) != 2)
    return FALSE;
  char *end = NULL;
  gint64 i = g_ascii_strtoll (parts[0], &end, 10);
  if (end == parts[0] || *end)
    return FALSE;
  gint64 n = g_ascii_strtoll (parts[1], &end, 10);
  if (end == parts[1] || *end || n < 1 || n > 1000000 || i < 1 || i > n)
    return FALSE;
  *index = (int) i;
  *count = (int) n;
  return TRUE;
}

/* The options run and robust share: -j, --shard, -o and --format checked,
 * the threads and the shard filled in; an exit status for a bad one, else -1. */
static int
check_run_args (const char *cmd, const RunArgs *a, int *jobs, int *shard_i, int *shard_n)
{
  *jobs = (int) g_get_num_processors ();
  if (a->jobs && !parse_positive (a->jobs, jobs))
    return usage_error (cmd, "-j/--jobs: '%s' is not a number of threads from 1 to 4096",
                        a->jobs);
  *shard_i = *shard_n = 1;
  if (a->shard && !parse_shard (a->shard, shard_i, shard_n))
    return usage_error (cmd, "--shard: '%s' is not I/N with 1 <= I <= N", a->shard);
  if (a->out && a->out[0] == '\0')
    return usage_error (cmd, "-o/--out: empty folder name");
  const char *format = a->format ? a->format : "png";
  if (!osim_plot_format_valid (format))
    return usage_error (cmd, "--format: '%s' is not png, svg or pdf", format);
  return -1;
}

static int
draw_charts (const char *dir, const char *format, const char *style, gboolean animate,
             gboolean quiet)
{
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  OsimPlotOptions opt = { format, style, &cancel_flag };
  catch_signals ();
  gboolean ok = osim_plot_dir (dir, &opt, written, skipped, &error);
  for (guint i = 0; i < written->len; i++)
    printf ("%s\n", (char *) written->pdata[i]);
  for (guint i = 0; i < skipped->len && !quiet; i++)
    printf ("%s\n", (char *) skipped->pdata[i]);
  g_autofree char *gif = NULL;
  if (ok && animate && (ok = osim_animate_dir (dir, &gif, &error)))
    printf ("%s\n", gif);
  return ok ? OSIM_EXIT_OK : fail (error);
}

/* One line a benchmark can parse: the work done, its wall time, the speed,
 * and the process's peak resident memory. */
static void
print_stats (const OsimScenario *sc, int shard_i, int shard_n, double secs)
{
  const OsimParams *p = osim_scenario_params (sc);
  gint64 runs = osim_shard_n_runs (shard_i, shard_n, p->runs);
  double py = (double) osim_scenario_n_variants (sc) * p->n_policies * (double) runs * p->steps
              * (double) osim_params_positions (p);
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  fprintf (stderr,
           "orgsim: stats: person_years=%.0f wall_s=%.3f person_years_per_s=%.4g "
           "peak_rss_mib=%.1f bytes_per_position=%.0f\n",
           py, secs, secs > 0 ? py / secs : 0, ru.ru_maxrss / 1024.0,
           ru.ru_maxrss * 1024.0 / (double) osim_params_positions (p));
}

/* Appends @arg as the shell would need it typed: quoted when it holds
 * anything but letters, digits and _.,/=:+@%- (control characters as ?). */
static void
shell_word (GString *s, const char *arg)
{
  gboolean plain = arg[0] != '\0';
  for (const char *c = arg; *c && plain; c++)
    plain = g_ascii_isalnum (*c) || strchr ("_.,/=:+@%-", *c) || (unsigned char) *c >= 0x80;
  g_autofree char *q = plain ? g_strdup (arg) : g_shell_quote (arg);
  for (char *c = q; *c; c++)
    if ((unsigned char) *c < 0x20 || *c == 0x7f)
      *c = '?';
  g_string_append (s, q);
}

/* scenario.ini's provenance lines: the version, and the command line that
 * fixes the results: the scenario as given, then -r -t -s -p and each --set,
 * in that order (the options that only choose what is written, where, or
 * how fast are left out, so every -j and every shard writes the same bytes). */
static char *
run_provenance (const char *scenario, const ScenarioArgs *sa)
{
  g_autoptr (GString) cmd = g_string_new ("orgsim run ");
  shell_word (cmd, scenario);
  const struct { const char *opt, *value; } shortcuts[] = {
    { "-r", sa->runs }, { "-t", sa->steps }, { "-s", sa->seed }, { "-p", sa->policies },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].value)
      {
        g_string_append_printf (cmd, " %s ", shortcuts[i].opt);
        shell_word (cmd, shortcuts[i].value);
      }
  for (int i = 0; sa->sets && sa->sets[i]; i++)
    {
      g_string_append (cmd, " --set ");
      shell_word (cmd, sa->sets[i]);
    }
  return g_strdup_printf ("# orgsim %s\n# command: %s\n", OSIM_VERSION, cmd->str);
}

static void
chart_note (const OsimScenario *sc)
{
  const OsimOrgChart *c = osim_scenario_params (sc)->org_chart;
  if (c && c->note)
    g_printerr ("orgsim: note: %s\n", c->note);
}

static int
cmd_run (int argc, char **argv)
{
  g_auto (RunArgs) a = { 0 };
  g_autoptr (GOptionContext) ctx = run_context (&a);
  GError *error = NULL;
  int r = parse_options ("run", ctx, &argc, &argv);
  if (r >= 0)
    return r;
  {
    const char *names[] = { "-r/--runs", "-t/--steps", "-s/--seed", "-p/--policies",
                            "-j/--jobs", "--shard", "--format", "--style", "--careers-runs" };
    const char *values[] = { a.runs,  a.steps,  a.seed,  a.policies,    a.jobs,
                             a.shard, a.format, a.style, a.careers_runs };
    const char *array_names[] = { "--set" };
    char **const arrays[] = { a.sets };
    const char *bad = non_utf8_option (names, values, G_N_ELEMENTS (names), arrays,
                                       array_names, 1);
    if (bad)
      return utf8_error ("run", bad);
  }
  if ((r = check_sets ("run", a.sets, argc, argv)) >= 0)
    return r;
  if (argc != 2)
    return usage_error ("run", argc < 2 ? "run: give a scenario file"
                                        : "run: one scenario file, not %d", argc - 1);
  int jobs, shard_i, shard_n;
  if ((r = check_run_args ("run", &a, &jobs, &shard_i, &shard_n)) >= 0)
    return r;
  const char *format = a.format ? a.format : "png";
  if (a.format && !a.plot)
    return usage_error ("run", "--format is the format of the charts: give --plot too");
  int careers_runs = a.careers ? 1 : 0;
  if (a.careers_runs && !parse_positive (a.careers_runs, &careers_runs))
    return usage_error ("run", "--careers-runs: '%s' is not a number of runs from 1 to 4096",
                        a.careers_runs);
  if (a.careers_runs && !a.careers)
    return usage_error ("run", "--careers-runs is how many runs --careers records: give "
                               "--careers too");
  const char *style = a.style ? a.style : "slides";
  if (!osim_plot_style_valid (style))
    return usage_error ("run", "--style: '%s' is not slides or print", style);
  if (a.style && !a.plot)
    return usage_error ("run", "--style is the style of the charts: give --plot too");
  if (a.animate && !a.plot)
    return usage_error ("run", "--animate draws an animated chart: give --plot too");

  g_autofree char *path = osim_catalog_resolve (argv[1]);
  g_autoptr (OsimScenario) sc = osim_scenario_load (path, (const char *const *) a.sets, &error);
  if (sc == NULL)
    return fail_load (error, argv[1]);
  ScenarioArgs sa = { a.runs, a.steps, a.seed, a.policies, a.sets };
  if (!apply_shortcuts (sc, &sa, &error))
    return fail (error);
  chart_note (sc);
  {
    g_autofree char *prov = run_provenance (argv[1], &sa);
    osim_output_set_provenance (prov);
  }
  const OsimParams *p = osim_scenario_params (sc);
  g_autofree char *out = a.out ? g_strdup (a.out) : g_build_filename ("results", p->name, NULL);

  /* The statistics are allocated before the simulation starts: check the
   * memory estimate first, so a run too large gets a message, not an abort. */
  if (!osim_experiment_fits (sc, jobs, &error))
    return fail (error);

  catch_signals ();
  g_autoptr (OsimOutdir) od
      = osim_outdir_begin (out, a.out ? "-o/--out" : "name (it names the results folder)", &error);
  if (od == NULL)
    return fail (error);
  const char *tmp = osim_outdir_tmp (od);
  OsimRunOptions opt = {
    .jobs = jobs,
    .shard_index = shard_i,
    .shard_count = shard_n,
    .per_run = a.per_run,
    .people = a.people,
    .careers_runs = careers_runs,
    .progress = !a.quiet && isatty (STDERR_FILENO),
    .cancel = &cancel_flag,
  };
  g_autoptr (OsimResults) res = osim_results_new (sc);
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = osim_experiment_run (sc, &opt, res, tmp, &error)
                && osim_output_write (sc, res, tmp, a.shard ? shard_i : 0, shard_n,
                                      a.shard != NULL, opt.jobs, &error);
  if (ok && osim_cancelled (&cancel_flag, &error))
    ok = FALSE;
  ok = ok && osim_outdir_commit (od, &error);
  if (!ok)
    {
      if (g_error_matches (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO))
        {
          g_autofree char *msg = g_strdup_printf ("%s (no results written to %s; anything "
                                                  "there before is as it was)",
                                                  error->message, out);
          g_free (error->message);
          error->message = g_steal_pointer (&msg);
        }
      return fail (error);
    }
  if (a.stats)
    print_stats (sc, shard_i, shard_n, (g_get_monotonic_time () - t0) / 1e6);
  if (!a.quiet)
    {
      osim_output_print_table (stdout, sc, res);
      printf ("results: %s\n", out);
    }
  if (a.plot)
    return draw_charts (out, format, style, a.animate, a.quiet);
  return OSIM_EXIT_OK;
}

/* ---- robust ---- */

typedef struct
{
  RunArgs run;
  gboolean no_plot, keys;
} RobustArgs;

static void
robust_args_clear (RobustArgs *a)
{
  run_args_clear (&a->run);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RobustArgs, robust_args_clear)

static GOptionContext *
robust_context (RobustArgs *ra)
{
  RunArgs *a = &ra->run;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &a->out,
      "Results folder (default: results/<scenario name>-robust)", "DIR" },
    { "runs", 'r', 0, G_OPTION_ARG_STRING, &a->runs, "Runs per policy and setting", "N" },
    { "steps", 't', 0, G_OPTION_ARG_STRING, &a->steps, "Years per run", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &a->seed, "Master seed", "N" },
    { "policies", 'p', 0, G_OPTION_ARG_STRING, &a->policies,
      "Policies to compare, comma-separated (orgsim policies)", "a,b,c" },
    { "jobs", 'j', 0, G_OPTION_ARG_STRING, &a->jobs,
      "Worker threads (default: all cores)", "N" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->sets,
      "Override a scenario key of the base, e.g. --set promotion.transfer=peter (repeatable)",
      "SECTION.KEY=VALUE" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &a->shard,
      "Run only shard I of N of every setting's runs; combine with orgsim merge", "I/N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &a->format, "Chart format (default png)",
      "png|svg|pdf" },
    { "no-plot", 0, 0, G_OPTION_ARG_NONE, &ra->no_plot, "Do not draw the tornado chart", NULL },
    { "keys", 0, 0, G_OPTION_ARG_NONE, &ra->keys,
      "List the keys robust varies and their default settings, then exit", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a->quiet, "No progress, no summary", NULL },
    { NULL },
  };
  GOptionContext *ctx
      = g_option_context_new ("SCENARIO.ini - robustness: vary each key, compare the policies");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (
      ctx, "Runs the scenario at a low and a high value of each numeric key and at every value\n"
           "of each switch (transfer rule, assessment, candidates, leadership layer), one key\n"
           "at a time; a [robust] section of the scenario changes the settings.  Writes\n"
           "robust.csv (each policy's paired difference from the baseline, its rank, and\n"
           "whether the ranking changed), tornado.csv, charts/tornado.png and prints a summary.");
  g_option_context_set_description (
      ctx, "Exit status: 0 done; 1 run-time failure (I/O, gnuplot, interrupted); 2 bad "
           "usage or scenario.\nSee orgsim(1), ROBUSTNESS, for the keys and their ranges.");
  return ctx;
}

static int
print_robust_keys (void)
{
  static const char *const kinds[] = { "low;high", "mean shift", "factors", "values" };
  for (const OsimRobustKey *k = osim_robust_keys (); k->key; k++)
    printf ("%-27s %-11s %-32s %s\n", k->key, kinds[k->kind], k->settings, k->why);
  return OSIM_EXIT_OK;
}

/* Loads the base scenario of `orgsim robust` with the shortcuts applied. */
static OsimScenario *
robust_scenario (const char *path, const RunArgs *a, GError **error)
{
  g_autoptr (OsimScenario) sc = osim_scenario_load (path, (const char *const *) a->sets, error);
  if (sc == NULL)
    return NULL;
  ScenarioArgs sa = { a->runs, a->steps, a->seed, a->policies, a->sets };
  if (!apply_shortcuts (sc, &sa, error))
    return NULL;
  return g_steal_pointer (&sc);
}

static int
cmd_robust (int argc, char **argv)
{
  g_auto (RobustArgs) ra = { 0 };
  RunArgs *a = &ra.run;
  g_autoptr (GOptionContext) ctx = robust_context (&ra);
  GError *error = NULL;
  {
    int r = parse_options ("robust", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (ra.keys)
    return argc == 1 ? print_robust_keys () : usage_error ("robust", "--keys takes no scenario");
  if (argc != 2)
    return usage_error ("robust", argc < 2 ? "robust: give a scenario file"
                                           : "robust: one scenario file, not %d", argc - 1);
  int jobs, shard_i, shard_n;
  {
    int r = check_run_args ("robust", a, &jobs, &shard_i, &shard_n);
    if (r >= 0)
      return r;
  }
  const char *format = a->format ? a->format : "png";

  g_autofree char *path = osim_catalog_resolve (argv[1]);
  g_autoptr (OsimScenario) sc = robust_scenario (path, a, &error);
  if (sc == NULL)
    return fail_load (error, argv[1]);
  g_autoptr (OsimRobust) rb = osim_robust_plan (sc, path, &error);
  if (rb == NULL || !osim_experiment_fits (sc, jobs, &error))
    return fail (error);
  g_autofree char *out = a->out ? g_strdup (a->out)
                                : g_strdup_printf ("results/%s-robust",
                                                   osim_scenario_params (sc)->name);
  catch_signals ();
  g_autoptr (OsimOutdir) od = osim_outdir_begin (out, "-o/--out", &error);
  if (od == NULL)
    return fail (error);
  const char *tmp = osim_outdir_tmp (od);
  OsimRunOptions opt = {
    .jobs = jobs, .shard_index = shard_i, .shard_count = shard_n,
    .progress = !a->quiet && isatty (STDERR_FILENO), .cancel = &cancel_flag,
  };
  gboolean ok = osim_robust_run (rb, &opt, tmp, &error)
                && osim_robust_write (rb, tmp, a->shard ? shard_i : 0, shard_n, &error);
  if (ok && osim_cancelled (&cancel_flag, &error))
    ok = FALSE;
  if (!(ok && osim_outdir_commit (od, &error)))
    return fail (error);
  if (!a->quiet && !a->shard)
    osim_robust_print_summary (stdout, rb);
  if (!a->quiet)
    printf ("results: %s\n", out);
  if (a->shard || ra.no_plot)
    return OSIM_EXIT_OK;
  return draw_charts (out, format, "slides", FALSE, TRUE);
}

/* ---- check, policies, plot, merge ---- */

static int
cmd_check (int argc, char **argv)
{
  ScenarioArgs sa = { 0 };
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_FILENAME, &sa.runs, "Runs per policy and variant", "N" },
    { "steps", 't', 0, G_OPTION_ARG_FILENAME, &sa.steps, "Years per run", "N" },
    { "seed", 's', 0, G_OPTION_ARG_FILENAME, &sa.seed, "Master seed", "N" },
    { "policies", 'p', 0, G_OPTION_ARG_FILENAME, &sa.policies,
      "Policies to compare, comma-separated (orgsim policies)", "a,b,c" },
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &sa.sets, "Override a scenario key",
      "SECTION.KEY=VALUE" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("SCENARIO.ini - validate; print the resolved parameters");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx, "Takes the options of run that change the scenario, so "
                                     "that a command can be checked before it is run.");
  GError *error = NULL;
  int r = parse_options ("check", ctx, &argc, &argv);
  if (r < 0)
    {
      /* Taken as bytes (G_OPTION_ARG_FILENAME), checked to be UTF-8 text. */
      const char *names[] = { "-r/--runs", "-t/--steps", "-s/--seed", "-p/--policies" };
      const char *values[] = { sa.runs, sa.steps, sa.seed, sa.policies };
      const char *set_name[] = { "--set" };
      char **const set_values[] = { sa.sets };
      const char *bad
          = non_utf8_option (names, values, G_N_ELEMENTS (names), set_values, set_name, 1);
      if (bad)
        r = utf8_error ("check", bad);
    }
  if (r < 0)
    r = check_sets ("check", sa.sets, argc, argv);
  if (r < 0 && argc != 2)
    r = usage_error ("check", "check: give one scenario file");
  g_autofree char *path = r < 0 ? osim_catalog_resolve (argv[1]) : NULL;
  g_autoptr (OsimScenario) sc
      = path ? osim_scenario_load (path, (const char *const *) sa.sets, &error) : NULL;
  if (path && sc == NULL)
    r = fail_load (error, argv[1]);
  else if (path && !apply_shortcuts (sc, &sa, &error))
    r = fail (error);
  g_free (sa.runs);
  g_free (sa.steps);
  g_free (sa.seed);
  g_free (sa.policies);
  g_strfreev (sa.sets);
  if (r >= 0)
    return r;
  chart_note (sc);
  const OsimParams *p = osim_scenario_params (sc);
  g_autofree char *ini = osim_scenario_to_ini (sc);
  fputs (ini, stdout);
  int nv = osim_scenario_n_variants (sc);
  double py = (double) nv * p->n_policies * p->runs * p->steps * osim_params_positions (p);
  g_autofree char *origins = osim_scenario_origins (sc);
  printf ("\n# where each value came from\n%s", origins);
  printf ("\n# resolved\n");
  printf ("positions: %" G_GINT64_FORMAT "\n", osim_params_positions (p));
  if (p->org_chart)
    printf ("chart: %" G_GINT64_FORMAT " positions read from %s, %d levels deep\n",
            p->org_chart->n, p->org_chart->path, p->org_chart->n_levels);
  for (int k = 0; k < p->n_levels && p->level_name; k++)
    printf ("level %d: %s (%" G_GINT64_FORMAT " position%s)\n", k, p->level_name[k],
            p->level_size[k], p->level_size[k] == 1 ? "" : "s");
  printf ("levels: %d\n", p->n_levels);
  printf ("variants: %d\n", nv);
  for (int v = 0; v < nv && nv > 1; v++)
    printf ("  %s\n", osim_scenario_variant_name (sc, v));
  printf ("runs in all: %.0f (variants x policies x runs)\n",
          (double) nv * p->n_policies * p->runs);
  printf ("person-years: %.4g\n", py);
  int jobs = (int) g_get_num_processors ();
  printf ("memory: %.1f MiB with -j %d (%.1f MiB with -j 1)\n",
          osim_experiment_bytes (sc, jobs) / 1048576.0, jobs,
          osim_experiment_bytes (sc, 1) / 1048576.0);
  g_auto (GStrv) notes = osim_scenario_unused_notes (sc);
  for (int i = 0; notes[i]; i++)
    printf ("%s\n", notes[i]);
  printf ("ok: %s\n", osim_scenario_path (sc));
  return OSIM_EXIT_OK;
}

static int
cmd_policies (void)
{
  printf ("Promotion policies ([scenario] policies, -p):\n");
  for (int i = 0; i < OSIM_N_POLICIES; i++)
    printf ("  %-12s %s\n", osim_policy_name (i), osim_policy_description (i));
  printf ("\nTransfer rules ([promotion] transfer):\n");
  for (int i = 0; i < OSIM_N_TRANSFERS; i++)
    printf ("  %-12s %s\n", osim_transfer_name (i), osim_transfer_description (i));
  return OSIM_EXIT_OK;
}

static int
cmd_plot (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *style = NULL;
  gboolean animate = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format, "Chart format (default png)",
      "png|svg|pdf" },
    { "style", 0, 0, G_OPTION_ARG_FILENAME, &style,
      "slides (16:9, large text; the default) or print (A4/letter handouts)", "slides|print" },
    { "animate", 0, 0, G_OPTION_ARG_NONE, &animate,
      "Also charts/orgchart.gif: the org chart of run 0 year by year (re-simulated)", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("RESULTS_DIR - draw the charts into RESULTS_DIR/charts");
  g_option_context_add_main_entries (ctx, entries, NULL);
  {
    int r = parse_options ("plot", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (argc != 2)
    return usage_error ("plot", "plot: give one results folder");
  if (format && !g_utf8_validate (format, -1, NULL))
    return utf8_error ("plot", "--format");
  if (style && !g_utf8_validate (style, -1, NULL))
    return utf8_error ("plot", "--style");
  if (format && !osim_plot_format_valid (format))
    return usage_error ("plot", "--format: '%s' is not png, svg or pdf", format);
  if (style && !osim_plot_style_valid (style))
    return usage_error ("plot", "--style: '%s' is not slides or print", style);
  return draw_charts (argv[1], format ? format : "png", style ? style : "slides", animate, FALSE);
}

static int
cmd_merge (int argc, char **argv)
{
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Merged results folder", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("SHARD_DIR... -o DIR - combine shard folders into one");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  {
    int r = parse_options ("merge", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (out == NULL)
    return usage_error ("merge", "merge: give the output folder with -o DIR");
  if (out[0] == '\0')
    return usage_error ("merge", "-o/--out: empty folder name");
  if (argc < 2)
    return usage_error ("merge", "merge: give the shard folders");
  /* Stopped by SIGINT, SIGTERM or SIGHUP between files and chunks of a
   * file: the temporary folder is removed, earlier results stay. */
  catch_signals ();
  gboolean ok = osim_robust_is_shard (argv[1])
                    ? osim_robust_merge ((const char *const *) argv + 1, out, &error)
                    : osim_merge ((const char *const *) argv + 1, out, &cancel_flag, &error);
  if (!ok)
    return fail (error);
  printf ("merged %d shards: %s\n", argc - 1, out);
  return OSIM_EXIT_OK;
}

static int
cmd_compare (int argc, char **argv)
{
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "Folder for compare.csv (default: results/compare)", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
      "DIR_A DIR_B [-o DIR] - compare two results folders, policy by policy");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (
      ctx, "For each policy and variant in both folders: the final efficiency and willing\n"
           "share of A and B, and B - A with its 95% CI and p-value.  Paired run by run when\n"
           "both have the same seed and runs (common random numbers), else Welch's\n"
           "unpaired t-test; the first lines say which.  Writes DIR/compare.csv.");
  GError *error = NULL;
  {
    int r = parse_options ("compare", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (argc != 3)
    return usage_error ("compare", "compare: give two results folders, A and B");
  if (out && out[0] == '\0')
    return usage_error ("compare", "-o/--out: empty folder name");
  g_autofree char *dir = out ? g_strdup (out) : g_build_filename ("results", "compare", NULL);
  if (!osim_compare (argv[1], argv[2], dir, stdout, &error))
    return fail (error);
  return OSIM_EXIT_OK;
}

/* What was printed must have reached standard output (a full disk, a
 * closed pipe): else exit status 1, whatever the command did. */
static int
check_stdout (int status)
{
  errno = 0;
  if (fflush (stdout) == 0 && !ferror (stdout))
    return status;
  int err = errno ? errno : EIO;
  fprintf (stderr, "orgsim: standard output: write failed: %s\n", g_strerror (err));
  return status == OSIM_EXIT_OK ? OSIM_EXIT_RUNTIME : status;
}

/* The command line, shell-quoted, for the report's provenance. */
static char *
command_line (int argc, char **argv)
{
  GString *s = g_string_new ("orgsim report");
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *q = g_shell_quote (argv[i]);
      g_string_append_printf (s, " %s", strpbrk (argv[i], " '\"\\$`!*?&;|<>()") ? q : argv[i]);
    }
  return g_string_free (s, FALSE);
}

static int
cmd_report (int argc, char **argv)
{
  g_autofree char *out = NULL, *robust = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The HTML file (default RESULTS_DIR/report.html)",
      "FILE" },
    { "robust", 0, 0, G_OPTION_ARG_FILENAME, &robust,
      "The folder orgsim robust wrote for the same scenario: its verdict, table and tornado "
      "chart join the handout",
      "ROBUST_DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("RESULTS_DIR - write a self-contained HTML handout of the results");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (
      ctx, "Writes one HTML file with the scenario in plain words, the findings, every chart\n"
           "(inlined as SVG), the summary table, the assumptions and the provenance.  It\n"
           "loads nothing from the network and prints as a handout.  Needs gnuplot.");
  g_autofree char *cmdline = command_line (argc, argv);
  GError *error = NULL;
  {
    int r = parse_options ("report", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (argc != 2)
    return usage_error ("report", "report: give one results folder");
  if (out != NULL && out[0] == '\0')
    return usage_error ("report", "-o/--out: empty file name");
  g_autofree char *path = out ? g_strdup (out) : g_build_filename (argv[1], "report.html", NULL);
  if (robust != NULL && robust[0] == '\0')
    return usage_error ("report", "--robust: empty folder name");
  if (!osim_report_write (argv[1], robust, path, cmdline, &error))
    return fail (error);
  printf ("%s\n", path);
  return OSIM_EXIT_OK;
}

static void
print_usage (FILE *f)
{
  fprintf (f,
           "Usage:\n"
           "  orgsim run SCENARIO.ini [options]          simulate; write a results folder\n"
           "  orgsim robust SCENARIO.ini [options]       vary each key; does the ranking hold?\n"
           "  orgsim plot RESULTS_DIR [--format png|svg|pdf] [--style slides|print] [--animate]\n"
           "                                             draw the charts\n"
           "  orgsim check SCENARIO.ini [run's -r -t -s -p --set]  validate; print the resolved\n"
           "                                             parameters\n"
           "  orgsim merge SHARD_DIR... -o DIR           combine shard results\n"
           "  orgsim compare DIR_A DIR_B [-o DIR]        compare two results folders\n"
           "  orgsim report RESULTS_DIR [--robust DIR] [-o FILE]\n"
           "                                             a self-contained HTML handout\n"
           "  orgsim policies                            list policies and transfer rules\n"
           "  orgsim scenarios                           list the installed scenarios\n"
           "  orgsim new NAME [--from workshop|paper|acme]  write NAME.ini, a scenario to edit\n"
           "  orgsim help [COMMAND]                      this text, or a command's options\n"
           "  orgsim --version | --help\n"
           "\n"
           "Exit status: 0 success, 1 run-time failure, 2 bad usage or scenario.\n"
           "Start with: orgsim run scenarios/workshop.ini --plot\n");
}

/* orgsim new NAME [--from workshop|paper|acme]: writes NAME.ini here. */
static int
cmd_new (int argc, char **argv)
{
  g_autofree char *from = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "The scenario to start from (default: workshop)",
      "workshop|paper|acme" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx
      = g_option_context_new ("NAME - write NAME.ini, a commented scenario to edit");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  {
    int r = parse_options ("new", ctx, &argc, &argv);
    if (r >= 0)
      return r;
  }
  if (argc != 2)
    return usage_error ("new", "new: give one name");
  g_autofree char *name = g_strdup (argv[1]);
  if (g_str_has_suffix (name, ".ini"))
    name[strlen (name) - 4] = '\0';
  g_autofree char *text = osim_template_text (name, from ? from : "workshop", &error);
  if (text == NULL)
    return fail (error);
  g_autofree char *path = g_strdup_printf ("%s.ini", name);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return usage_error ("new", "new: %s exists; give another name or remove it", path);
  if (!g_file_set_contents (path, text, -1, &error))
    {
      fprintf (stderr, "orgsim: %s\n", error->message);
      g_error_free (error);
      return OSIM_EXIT_RUNTIME;
    }
  printf ("%s\n", path);
  return OSIM_EXIT_OK;
}

/* `orgsim help CMD` is `orgsim CMD --help`: one text for both. */
static int
help_for (const char *cmd)
{
  if (strcmp (cmd, "run") == 0 || strcmp (cmd, "check") == 0 || strcmp (cmd, "plot") == 0
      || strcmp (cmd, "merge") == 0 || strcmp (cmd, "report") == 0 || strcmp (cmd, "new") == 0
      || strcmp (cmd, "robust") == 0 || strcmp (cmd, "compare") == 0)
    {
      char *sub[] = { (char *) "orgsim", (char *) cmd, (char *) "--help", NULL };
      return osim_cli_main (3, sub);
    }
  if (strcmp (cmd, "policies") == 0)
    {
      printf ("orgsim policies: lists the promotion policies and transfer rules.\n");
      return OSIM_EXIT_OK;
    }
  if (strcmp (cmd, "scenarios") == 0)
    {
      printf ("orgsim scenarios: lists the installed scenarios with their descriptions;\n"
              "orgsim run NAME runs one (when no file NAME is in the current folder).\n");
      return OSIM_EXIT_OK;
    }
  return usage_error (NULL,
                      "help: no command '%s' (run, robust, plot, check, merge, compare, report, "
                      "policies, scenarios, new)",
                      cmd);
}

int
osim_cli_main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "orgsim: no command given\n");
      print_usage (stderr);
      return OSIM_EXIT_USAGE;
    }
  const char *cmd = argv[1];
  /* Each subcommand sees itself as argv[0], as GOption expects. */
  g_autofree char *prog = g_strdup_printf ("orgsim %s", cmd);
  char **sub = g_new0 (char *, argc);
  sub[0] = prog;
  for (int i = 2; i < argc; i++)
    sub[i - 1] = argv[i];
  int sub_argc = argc - 1;
  int status;
  /* GOption's "Usage:" line names the program: make it the subcommand. */
  g_set_prgname (prog);
  if (strcmp (cmd, "run") == 0)
    status = cmd_run (sub_argc, sub);
  else if (strcmp (cmd, "robust") == 0)
    status = cmd_robust (sub_argc, sub);
  else if (strcmp (cmd, "check") == 0)
    status = cmd_check (sub_argc, sub);
  else if (strcmp (cmd, "plot") == 0)
    status = cmd_plot (sub_argc, sub);
  else if (strcmp (cmd, "merge") == 0)
    status = cmd_merge (sub_argc, sub);
  else if (strcmp (cmd, "compare") == 0)
    status = cmd_compare (sub_argc, sub);
  else if (strcmp (cmd, "scenarios") == 0)
    {
      GError *error = NULL;
      status = sub_argc != 1 ? usage_error (NULL, "scenarios takes no arguments")
               : osim_catalog_list (stdout, &error) ? OSIM_EXIT_OK
                                                    : fail (error);
    }
  else if (strcmp (cmd, "report") == 0)
    status = cmd_report (sub_argc, sub);
  else if (strcmp (cmd, "new") == 0)
    status = cmd_new (sub_argc, sub);
  else if (strcmp (cmd, "policies") == 0)
    status = sub_argc == 1 ? cmd_policies () : usage_error (NULL, "policies takes no arguments");
  else if (strcmp (cmd, "--version") == 0 || strcmp (cmd, "-V") == 0)
    {
      printf ("orgsim %s\n", OSIM_VERSION);
      status = OSIM_EXIT_OK;
    }
  else if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0)
    {
      print_usage (stdout);
      status = OSIM_EXIT_OK;
    }
  else if (strcmp (cmd, "help") == 0)
    {
      if (argc == 2)
        {
          print_usage (stdout);
          status = OSIM_EXIT_OK;
        }
      else
        status = help_for (argv[2]);
    }
  else
    {
      const char *known[] = { "run",      "robust",    "plot", "check", "merge", "compare",
                              "report",   "policies",  "scenarios", "new", "help", NULL };
      const char *close = NULL;
      int best = 3;
      for (int i = 0; known[i]; i++)
        {
          int d = osim_edit_distance (cmd, known[i]);
          if ((g_str_has_prefix (known[i], cmd) && *cmd) || g_str_has_prefix (cmd, known[i]))
            d = MIN (d, 1);
          if (d < best)
            best = d, close = known[i];
        }
      g_autofree char *all = g_strjoinv (", ", (char **) known);
      status = usage_error (NULL, "unknown command '%s'%s%s%s; the commands: %s (orgsim --help)",
                            cmd, close ? " (did you mean '" : "", close ? close : "",
                            close ? "'?)" : "", all);
    }
  g_free (sub);
  return check_stdout (status);
}

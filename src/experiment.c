/* experiment.c: the experiment runner: (variant, run) tasks over a GThreadPool,
 * every policy of a run in one task so that differences are paired. */
#include "orgsim/experiment.h"
#include "orgsim/common.h"
#include "orgsim/output.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Tasks queued ahead of the workers, per worker: the queue is created as it
 * drains, so its memory does not grow with the number of runs. */
#define QUEUE_PER_JOB 256
/* Bytes a queued task costs the thread pool (a GAsyncQueue node). */
#define QUEUE_TASK_BYTES 64.0

/* The longest variant name, in bytes: it starts every CSV row. */
static double
longest_variant_name (const OsimScenario *sc)
{
  gsize longest = 0;
  for (int v = 0; v < osim_scenario_n_variants (sc); v++)
    longest = MAX (longest, strlen (osim_scenario_variant_name (sc, v)));
  return (double) longest;
}

/* Bytes of the CSV text built in memory when the results are written:
 * summary.csv, final.csv, levels.csv and finals.csv at once, each a
 * GString that may hold twice its text while it grows. */
static double
csv_text_bytes (const OsimScenario *sc, double vp, double run_rows)
{
  const OsimParams *p = osim_scenario_params (sc);
  double name = longest_variant_name (sc) + 40; /* variant, policy, step, level */
  double number = 16;                           /* a value and its comma */
  double summary = vp * (p->steps + 1.0) * (name + 4 * OSIM_N_METRICS * number);
  double levels
      = vp * (p->steps + 1.0) * p->n_levels * (name + 4 * OSIM_N_LEVEL_METRICS * number);
  double final = vp * (name + 8 * OSIM_N_FINALS * number);
  double finals = run_rows * (name + 20 + OSIM_N_RUN_FINALS * number);
  return 2 * (summary + levels + final + finals);
}

double
osim_experiment_bytes (const OsimScenario *sc, int jobs)
{
  const OsimParams *p = osim_scenario_params (sc);
  double vp = (double) osim_scenario_n_variants (sc) * p->n_policies;
  double steps = p->steps + 1.0;
  /* The sums (OsimResults) and each run's finals, kept to the end. */
  double acc = (vp * steps * (OSIM_N_METRICS + p->n_levels * OSIM_N_LEVEL_METRICS)
                + vp * OSIM_N_FINALS)
               * sizeof (OsimAcc);
  double run_rows = vp * (double) p->runs;
  if (run_rows > OSIM_MAX_RUN_FINAL_ROWS)
    run_rows = 0;
  double kept = acc + run_rows * OSIM_N_RUN_FINALS * sizeof (double);
  /* While simulating: the shape and layout of the org chart (its index
   * arrays and one x a position), the queue of tasks, and each worker's org
   * and the series of every policy of its run. */
  double shape = (double) osim_params_positions (p) * (4 + 4 + 8 + 8);
  double queue = (double) jobs * QUEUE_PER_JOB * QUEUE_TASK_BYTES;
  double series = steps * (OSIM_N_METRICS + p->n_levels * OSIM_N_LEVEL_METRICS) * 8.0;
  double org = osim_org_bytes (p) + p->n_policies * series;
  double simulating = shape + queue + jobs * org;
  /* While writing: the CSV text. */
  double writing = csv_text_bytes (sc, vp, run_rows);
  return kept + MAX (simulating, writing);
}

/* A number from a "Key:   N kB" line of a /proc file, in bytes; -1 if absent. */
static double
proc_kib (const char *text, const char *key)
{
  const char *line = text ? strstr (text, key) : NULL;
  return line ? g_ascii_strtod (line + strlen (key), NULL) * 1024.0 : -1;
}

/* What the cgroup of this process may still use (memory.max less
 * memory.current, cgroup v2), or -1 without a limit. */
static double
cgroup_free (void)
{
  g_autofree char *self = NULL, *max = NULL, *cur = NULL;
  if (!g_file_get_contents ("/proc/self/cgroup", &self, NULL, NULL))
    return -1;
  const char *path = strstr (self, "0::");
  if (path == NULL)
    return -1;
  g_autofree char *rel = g_strndup (path + 3, strcspn (path + 3, "\n"));
  g_autofree char *maxp = g_strdup_printf ("/sys/fs/cgroup%s/memory.max", rel);
  g_autofree char *curp = g_strdup_printf ("/sys/fs/cgroup%s/memory.current", rel);
  if (!g_file_get_contents (maxp, &max, NULL, NULL) || g_str_has_prefix (max, "max")
      || !g_file_get_contents (curp, &cur, NULL, NULL))
    return -1;
  return g_ascii_strtod (max, NULL) - g_ascii_strtod (cur, NULL);
}

/* What the address-space limit (ulimit -v) leaves, after what the process
 * has mapped and a stack for each of @jobs threads; -1 without a limit. */
static double
address_space_free (int jobs)
{
  struct rlimit as, stack;
  if (getrlimit (RLIMIT_AS, &as) != 0 || as.rlim_cur == RLIM_INFINITY)
    return -1;
  g_autofree char *status = NULL;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  double mapped = MAX (proc_kib (status, "VmSize:"), 0);
  double stack_bytes = 8.0 * 1048576;
  if (getrlimit (RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY)
    stack_bytes = (double) stack.rlim_cur;
  return (double) as.rlim_cur - mapped - jobs * stack_bytes;
}

double
osim_memory_available (int jobs, const char **limit)
{
  g_autofree char *info = NULL;
  g_file_get_contents ("/proc/meminfo", &info, NULL, NULL);
  double have = proc_kib (info, "MemAvailable:");
  *limit = "the machine has";
  if (have < 0)
    have = (double) sysconf (_SC_PHYS_PAGES) * (double) sysconf (_SC_PAGESIZE);
  double cg = cgroup_free ();
  if (cg >= 0 && cg < have)
    have = cg, *limit = "the cgroup's memory.max leaves";
  double as = address_space_free (jobs);
  if (as > -1 && as < have)
    have = MAX (as, 0), *limit = "the address-space limit (ulimit -v) leaves";
  return have;
}

gboolean
osim_memory_fits (const char *what, double need, int jobs, GError **error)
{
  const char *limit = NULL;
  double have = osim_memory_available (jobs, &limit);
  if (need <= OSIM_MEMORY_FRACTION * have)
    return TRUE;
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
               "%s needs about %.1f MiB of memory; %s %.1f MiB available, and orgsim uses at "
               "most %.0f%% of that (use fewer jobs, steps, variants or positions)",
               what, need / 1048576.0, limit, have / 1048576.0, OSIM_MEMORY_FRACTION * 100);
  return FALSE;
}

gboolean
osim_experiment_fits (const OsimScenario *sc, int jobs, GError **error)
{
  g_autofree char *what
      = g_strdup_printf ("%s: this run, with -j %d,", osim_scenario_path (sc), jobs);
  return osim_memory_fits (what, osim_experiment_bytes (sc, jobs), jobs, error);
}

typedef struct
{
  const OsimScenario *sc;
  const OsimRunOptions *opt;
  OsimResults *res;
  const OsimShape *shape;
  const double *layout;
  const char *workdir;
  GMutex lock;
  GCond finished;  /* signalled, under lock, as each task ends */
  gint done;       /* tasks finished */
  gint64 work;     /* person-years done, under lock */
  GError *error;   /* first error, under lock */
} Job;

/* Plateau mean of @metric over the last @window steps. */
static double
plateau (const OsimSeries *s, int metric, int window)
{
  double sum = 0;
  for (int t = s->steps - window + 1; t <= s->steps; t++)
    sum += s->m[(gsize) t * OSIM_N_METRICS + metric];
  return sum / window;
}

static void
job_fail (Job *job, GError *error)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&job->lock);
}

static void
run_task (gpointer data, gpointer user_data)
{
  Job *job = user_data;
  const OsimScenario *sc = job->sc;
  gint64 index = GPOINTER_TO_SIZE (data) - 1;
  int nv = osim_scenario_n_variants (sc);
  const OsimParams *base = osim_scenario_params (sc);
  /* Tasks are (run, variant), run-major, so early runs finish first. */
  int v = (int) (index % nv);
  gint64 run = index / nv;
  const OsimParams *p = osim_scenario_variant (sc, v);
  int np = p->n_policies, L = p->n_levels, steps = p->steps;
  if (job->error || (job->opt->cancel && g_atomic_int_get (job->opt->cancel)))
    goto out;

  {
    OsimSeries *series[OSIM_N_POLICIES] = { 0 };
    double finals[OSIM_N_POLICIES][OSIM_N_FINALS];
    gboolean ok = TRUE;
    g_autofree char *vcells = osim_csv_variant_cells (sc, v);
    for (int pi = 0; pi < np && ok; pi++)
      {
        OsimOrg *org = NULL;
        series[pi] = osim_series_new (steps, L);
        ok = osim_sim_run (p, job->shape, p->policies[pi], (guint64) run, series[pi],
                           run == 0 ? &org : NULL, job->opt->cancel);
        if (ok && org)
          {
            g_autofree char *name = g_strdup_printf ("orgchart.d/%06d.%02d.csv", v, pi);
            g_autofree char *path = g_build_filename (job->workdir, name, NULL);
            GError *error = NULL;
            if (!osim_csv_orgchart_write (path, org, job->layout, vcells,
                                          osim_policy_name (p->policies[pi]), &error))
              job_fail (job, error), ok = FALSE;
          }
        osim_org_free (org);
        if (ok && job->opt->per_run)
          {
            g_autoptr (GString) rows = g_string_new (NULL);
            osim_csv_run_rows (rows, series[pi], vcells,
                               osim_policy_name (p->policies[pi]), run, base->seed);
            g_autofree char *name
                = g_strdup_printf ("runs.d/%06d.%02d.%010" G_GINT64_FORMAT ".csv", v, pi, run);
            GError *error = NULL;
            if (!osim_write_file (job->workdir, name, rows->str, rows->len, &error))
              job_fail (job, error), ok = FALSE;
          }
      }
    if (ok)
      {
        int base_pi = 0;
        for (int pi = 0; pi < np; pi++)
          if (p->policies[pi] == p->baseline)
            base_pi = pi;
        for (int pi = 0; pi < np; pi++)
          {
            double *f = finals[pi];
            f[OSIM_F_INITIAL] = series[pi]->m[OSIM_M_EFFICIENCY];
            for (int m = 0; m < OSIM_FIRST_COUNT; m++)
              f[OSIM_F_FINAL + m] = plateau (series[pi], m, p->window);
            f[OSIM_F_GAIN] = f[OSIM_F_FINAL + OSIM_M_EFFICIENCY] - f[OSIM_F_INITIAL];
          }
        for (int pi = 0; pi < np; pi++)
          for (int m = 0; m < OSIM_FIRST_COUNT; m++)
            finals[pi][OSIM_F_DIFF + m]
                = finals[pi][OSIM_F_FINAL + m] - finals[base_pi][OSIM_F_FINAL + m];
        /* Integer sums: the order tasks reach this lock does not matter. */
        gboolean fits = TRUE;
        g_mutex_lock (&job->lock);
        for (int pi = 0; pi < np; pi++)
          {
            const OsimSeries *s = series[pi];
            for (int t = 0; t <= steps; t++)
              {
                for (int m = 0; m < OSIM_N_METRICS; m++)
                  fits &= osim_acc_add (osim_results_step (job->res, v, pi, t, m),
                                        s->m[(gsize) t * OSIM_N_METRICS + m]);
                const double *lrow = s->lm + (gsize) t * L * OSIM_N_LEVEL_METRICS;
                OsimAcc *lacc = osim_results_level (job->res, v, pi, t, 0, 0);
                for (int i = 0; i < L * OSIM_N_LEVEL_METRICS; i++)
                  fits &= osim_acc_add (&lacc[i], lrow[i]);
              }
            for (int f = 0; f < OSIM_N_FINALS; f++)
              fits &= osim_acc_add (osim_results_final (job->res, v, pi, f), finals[pi][f]);
            if (job->res->run_final)
              {
                double *rf = osim_results_run_final (job->res, v, pi, run);
                for (int k = 0; k < OSIM_N_RUN_FINALS; k++)
                  rf[k] = finals[pi][osim_run_final_index[k]];
              }
          }
        job->work += (gint64) np * steps * job->shape->n_positions;
        g_mutex_unlock (&job->lock);
        if (!fits)
          job_fail (job, g_error_new (OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                                      "%s: a statistic's sums overflow (values too large "
                                      "for this many runs); use fewer runs or a smaller "
                                      "organisation",
                                      osim_scenario_path (sc)));
      }
    for (int pi = 0; pi < np; pi++)
      osim_series_free (series[pi]);
  }
out:
  g_mutex_lock (&job->lock);
  g_atomic_int_inc (&job->done);
  g_cond_signal (&job->finished);
  g_mutex_unlock (&job->lock);
}

/* The next (run, variant) task to queue. */
typedef struct
{
  gint64 run;
  int v;
} TaskCursor;

static void
progress_line (const Job *job, gint64 total, gint64 work, double secs, gboolean last)
{
  int done = g_atomic_int_get ((gint *) &job->done);
  double frac = total ? (double) done / (double) total : 1;
  int width = 30, filled = (int) (frac * width);
  char bar[64];
  for (int i = 0; i < width; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  double rate = secs > 0 ? work / secs : 0;
  double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
  fprintf (stderr, "\r[%s] %d/%" G_GINT64_FORMAT " runs  %.3g person-years/s  ETA %.0fs   %s",
           bar, done, total, rate, eta, last ? "\n" : "");
  fflush (stderr);
}

gboolean
osim_experiment_run (const OsimScenario *sc, const OsimRunOptions *opt, OsimResults *res,
                     const char *workdir, GError **error)
{
  const OsimParams *p = osim_scenario_params (sc);
  int nv = osim_scenario_n_variants (sc);
  const char *subs[] = { "orgchart.d", opt->per_run ? "runs.d" : NULL };
  for (gsize i = 0; i < G_N_ELEMENTS (subs) && subs[i]; i++)
    {
      g_autofree char *d = g_build_filename (workdir, subs[i], NULL);
      if (g_mkdir_with_parents (d, 0755) != 0)
        {
          g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", d,
                       g_strerror (errno));
          return FALSE;
        }
    }
  /* Each run's final values for finals.csv (what compare pairs by run). */
  osim_results_keep_run_finals (res, p->runs);
  g_autoptr (OsimShape) shape = osim_shape_new (p);
  g_autofree double *layout = osim_shape_layout (shape);
  Job job = { .sc = sc, .opt = opt, .res = res, .shape = shape, .layout = layout,
              .workdir = workdir };
  g_mutex_init (&job.lock);
  g_cond_init (&job.finished);

  gint64 total = 0;
  for (gint64 run = 0; run < p->runs; run++)
    if (osim_shard_has_run (opt->shard_index, opt->shard_count, run))
      total += nv;
  gint64 t0 = g_get_monotonic_time ();
  if (opt->jobs <= 1)
    {
      for (gint64 run = 0; run < p->runs; run++)
        {
          if (!osim_shard_has_run (opt->shard_index, opt->shard_count, run))
            continue;
          for (int v = 0; v < nv; v++)
            {
              run_task (GSIZE_TO_POINTER ((gsize) (run * nv + v) + 1), &job);
              if (opt->progress)
                progress_line (&job, total, job.work,
                               (g_get_monotonic_time () - t0) / 1e6, FALSE);
            }
        }
    }
  else
    {
      GThreadPool *pool = g_thread_pool_new (run_task, &job, opt->jobs, TRUE, NULL);
      /* Tasks are queued a few per worker ahead, as the queue drains: the
       * queue's memory does not grow with the number of runs. */
      TaskCursor next = { .run = opt->shard_index - 1, .v = 0 };
      gint64 pushed = 0, window = (gint64) opt->jobs * QUEUE_PER_JOB;
      /* Wait for the last task; wake every 200 ms to redraw the progress bar. */
      gint64 next_draw = g_get_monotonic_time () + 200000;
      g_mutex_lock (&job.lock);
      for (;;)
        {
          gboolean stop = job.error || (opt->cancel && g_atomic_int_get (opt->cancel));
          /* Topped up when half drained, so the workers never wait. */
          gboolean low = pushed - g_atomic_int_get (&job.done) <= window / 2;
          while (low && !stop && next.run < p->runs && pushed - g_atomic_int_get (&job.done) < window)
            {
              g_thread_pool_push (pool, GSIZE_TO_POINTER ((gsize) (next.run * nv + next.v) + 1),
                                  NULL);
              pushed++;
              if (++next.v == nv)
                next.v = 0, next.run += opt->shard_count;
            }
          if (g_atomic_int_get (&job.done) >= pushed && (stop || next.run >= p->runs))
            break;
          g_cond_wait_until (&job.finished, &job.lock, MIN (next_draw, g_get_monotonic_time () + 50000));
          gint64 now = g_get_monotonic_time ();
          if (now >= next_draw)
            {
              if (opt->progress)
                progress_line (&job, total, job.work, (now - t0) / 1e6, FALSE);
              next_draw = now + 200000;
            }
        }
      g_mutex_unlock (&job.lock);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  if (opt->progress)
    progress_line (&job, total, job.work, (g_get_monotonic_time () - t0) / 1e6, TRUE);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.finished);
  if (job.error)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  if (opt->cancel && g_atomic_int_get (opt->cancel))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED,
                   "interrupted: no results written, earlier results left as they were");
      return FALSE;
    }
  return TRUE;
}

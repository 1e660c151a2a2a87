/* experiment.c: the experiment runner: (variant, run) tasks over a GThreadPool,
 * every policy of a run in one task so that differences are paired. */
#include "orgsim/experiment.h"
#include "orgsim/common.h"
#include "orgsim/format.h"
#include "orgsim/output.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

double
osim_experiment_bytes (const OsimScenario *sc, int jobs)
{
  const OsimParams *p = osim_scenario_params (sc);
  double vp = (double) osim_scenario_n_variants (sc) * p->n_policies;
  double steps = p->steps + 1.0;
  double acc = vp * steps * (OSIM_N_METRICS + p->n_levels * OSIM_N_LEVEL_METRICS)
               * sizeof (OsimAcc);
  double series = steps * (OSIM_N_METRICS + p->n_levels * OSIM_N_LEVEL_METRICS) * 8.0;
  /* Each worker holds one org and the series of every policy of its run. */
  double org = osim_org_bytes (p) + p->n_policies * series;
  return acc + jobs * org;
}

/* Memory the kernel says is available to a new process (MemAvailable), or
 * the physical memory where that cannot be read. */
static double
available_memory (void)
{
  g_autofree char *info = NULL;
  if (g_file_get_contents ("/proc/meminfo", &info, NULL, NULL))
    {
      const char *line = strstr (info, "MemAvailable:");
      if (line)
        return g_ascii_strtod (line + strlen ("MemAvailable:"), NULL) * 1024.0;
    }
  return (double) sysconf (_SC_PHYS_PAGES) * (double) sysconf (_SC_PAGESIZE);
}

gboolean
osim_experiment_fits (const OsimScenario *sc, int jobs, GError **error)
{
  double need = osim_experiment_bytes (sc, jobs);
  double have = available_memory ();
  if (have > 0 && need > 0.9 * have)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "%s: this run needs about %.1f GiB of memory with -j %d; the machine has "
                   "%.1f GiB available (use fewer jobs, steps, variants or positions)",
                   osim_scenario_path (sc), need / 1073741824.0, jobs, have / 1073741824.0);
      return FALSE;
    }
  return TRUE;
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
        g_mutex_lock (&job->lock);
        for (int pi = 0; pi < np; pi++)
          {
            const OsimSeries *s = series[pi];
            for (int t = 0; t <= steps; t++)
              {
                for (int m = 0; m < OSIM_N_METRICS; m++)
                  osim_acc_add (osim_results_step (job->res, v, pi, t, m),
                                s->m[(gsize) t * OSIM_N_METRICS + m]);
                const double *lrow = s->lm + (gsize) t * L * OSIM_N_LEVEL_METRICS;
                OsimAcc *lacc = osim_results_level (job->res, v, pi, t, 0, 0);
                for (int i = 0; i < L * OSIM_N_LEVEL_METRICS; i++)
                  osim_acc_add (&lacc[i], lrow[i]);
              }
            for (int f = 0; f < OSIM_N_FINALS; f++)
              osim_acc_add (osim_results_final (job->res, v, pi, f), finals[pi][f]);
            if (job->res->run_final)
              {
                double *rf = osim_results_run_final (job->res, v, pi, run);
                for (int k = 0; k < OSIM_N_RUN_FINALS; k++)
                  rf[k] = finals[pi][osim_run_final_index[k]];
              }
          }
        job->work += (gint64) np * steps * job->shape->n_positions;
        g_mutex_unlock (&job->lock);
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

/* The progress bar counts runs as check does (variants x policies x runs):
 * each task is one run of every policy. */
static void
progress_line (const Job *job, gint64 total, gint64 work, double secs, gboolean last)
{
  int done = g_atomic_int_get ((gint *) &job->done);
  gint64 np = osim_scenario_params (job->sc)->n_policies;
  double frac = total ? (double) done / (double) total : 1;
  int width = 30, filled = (int) (frac * width);
  char bar[64], speed[32], eta[32];
  for (int i = 0; i < width; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  osim_format_si (secs > 0 ? work / secs : 0, speed, sizeof speed);
  if (last)
    osim_format_duration (secs, eta, sizeof eta);
  else if (frac > 0)
    osim_format_duration (secs * (1 - frac) / frac, eta, sizeof eta);
  else
    g_snprintf (eta, sizeof eta, "?");
  fprintf (stderr,
           "\r[%s] %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " runs  %s person-years/s  %s %s   %s",
           bar, done * np, total * np, speed, last ? "took" : "ETA", eta, last ? "\n" : "");
  fflush (stderr);
}

gboolean
osim_experiment_run (const OsimScenario *sc, const OsimRunOptions *opt, OsimResults *res,
                     const char *workdir, GError **error)
{
  const OsimParams *p = osim_scenario_params (sc);
  int nv = osim_scenario_n_variants (sc);
  if (!osim_experiment_fits (sc, opt->jobs, error))
    return FALSE;
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
      for (gint64 run = 0; run < p->runs; run++)
        if (osim_shard_has_run (opt->shard_index, opt->shard_count, run))
          for (int v = 0; v < nv; v++)
            g_thread_pool_push (pool, GSIZE_TO_POINTER ((gsize) (run * nv + v) + 1), NULL);
      /* Wait for the last task; wake every 200 ms to redraw the progress bar. */
      gint64 next_draw = g_get_monotonic_time () + 200000;
      g_mutex_lock (&job.lock);
      while (g_atomic_int_get (&job.done) < total)
        {
          g_cond_wait_until (&job.finished, &job.lock, next_draw);
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

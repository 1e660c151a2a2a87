/* experiment.c: the experiment runner: (variant, run) tasks over a GThreadPool,
 * every policy of a run in one task so that differences are paired. */
#include "orgsim/experiment.h"
#include "orgsim/careers.h"
#include "orgsim/common.h"
#include "orgsim/format.h"
#include "orgsim/output.h"
#include "orgsim/policy.h"

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
  /* (the series, and their values in fixed point while they are added) */
  double org = osim_org_bytes (p) + p->n_policies * 2 * series;
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
  GHashTable *shared; /* series simulated once for several variants, under lock */
  GCond shared_ready; /* broadcast, under lock, as one is added or a task ends */
  /* Whether each task is one policy of a (variant, run) rather than all of
   * them: for orgs too large to copy (each policy builds its own, and no
   * draws are shared), with two or more jobs, so that a few runs of a few
   * variants still keep every worker busy.  The policies' series wait in
   * @groups until the last of their (variant, run) is done. */
  gboolean split;
  GHashTable *groups; /* (run, variant) -> Group, under lock */
} Job;

/* The policies of a (variant, run) done so far, in split tasks. */
typedef struct
{
  OsimSeries *series[OSIM_N_POLICIES];
  int left;    /* policies still to come */
  gboolean ok; /* no policy failed */
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;
  for (int pi = 0; pi < OSIM_N_POLICIES; pi++)
    osim_series_free (g->series[pi]);
  g_free (g);
}

/* @n values of @x in fixed point into @q (osim_acc_fixed); FALSE when one
 * is out of range. */
static gboolean
to_fixed (const double *x, gint64 *q, gsize n)
{
  gboolean fits = TRUE;
  for (gsize i = 0; i < n; i++)
    fits &= osim_acc_fixed (x[i], &q[i]);
  return fits;
}

/* Adds @q[i] to @acc[i] for i < @n; FALSE when a sum would overflow. */
static gboolean
add_fixed (OsimAcc *acc, const gint64 *q, gsize n)
{
  gboolean fits = TRUE;
  for (gsize i = 0; i < n; i++)
    fits &= osim_acc_add_fixed (&acc[i], q[i]);
  return fits;
}

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

/* Writes run 0's org chart fragment (the top levels, OSIM_ORGCHART_MAX) and
 * with --people every position's. */
static gboolean
write_charts (Job *job, const OsimOrg *org, int v, int pi, const char *vcells)
{
  const OsimParams *p = osim_scenario_variant (job->sc, v);
  const char *pname = osim_policy_name (p->policies[pi]);
  for (int people = 0; people <= (job->opt->people ? 1 : 0); people++)
    {
      g_autofree char *name = g_strdup_printf ("%s.d/%06d.%02d.csv",
                                               people ? "people" : "orgchart", v, pi);
      g_autofree char *path = g_build_filename (job->workdir, name, NULL);
      gint64 n = people ? org->shape->n_positions
                        : osim_shape_top_positions (org->shape, OSIM_ORGCHART_MAX);
      GError *error = NULL;
      if (!osim_csv_orgchart_write (path, org, job->layout, n, vcells, pname, &error))
        {
          job_fail (job, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* With --per-run, writes the rows of policy @pi of variant @v, run @run. */
static gboolean
write_run_rows (Job *job, int v, int pi, gint64 run, const char *vcells,
                const OsimSeries *series)
{
  if (!job->opt->per_run)
    return TRUE;
  const OsimScenario *sc = job->sc;
  const OsimParams *p = osim_scenario_variant (sc, v);
  g_autoptr (GString) rows = g_string_new (NULL);
  osim_csv_run_rows (rows, series, vcells, osim_policy_name (p->policies[pi]), run,
                     osim_scenario_params (sc)->seed);
  g_autofree char *name
      = g_strdup_printf ("runs.d/%06d.%02d.%010" G_GINT64_FORMAT ".csv", v, pi, run);
  GError *error = NULL;
  if (!osim_write_file (job->workdir, name, rows->str, rows->len, &error))
    {
      job_fail (job, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- a policy simulated once for the variants that cannot change it ----
 * In a sweep of a key that a policy never reads (promotion.r for all but
 * best-random, promotion.p for all but best-worst), the policy's runs are
 * the same in every variant that differs only there: the task of the first
 * such variant simulates it and shares the series; the later ones take a
 * copy.  Tasks are queued run-major and variant by variant and the pool
 * takes them in order, so the first variant's task has always started:
 * waiting for it cannot deadlock.  Run 0 (the org chart) and the runs of
 * careers.csv are always simulated. */

/* The first variant whose runs of @policy are those of variant @v, or -1
 * when @v's own must be simulated. */
static int
shared_source (const Job *job, int v, gint64 run, OsimPolicy policy)
{
  const OsimScenario *sc = job->sc;
  if (run == 0 || run < job->opt->careers_runs)
    return -1;
  int nd = osim_scenario_n_sweep (sc);
  for (int v0 = 0; v0 < v; v0++)
    {
      gboolean same = TRUE;
      for (int d = 0; d < nd && same; d++)
        same = !osim_policy_reads_key (policy, osim_scenario_sweep_dim (sc, d)->key)
               || osim_scenario_variant_coord (sc, v0, d) == osim_scenario_variant_coord (sc, v, d);
      if (same)
        return v0;
    }
  return -1;
}

typedef struct
{
  OsimSeries *series;
  int takers; /* variants still to take a copy */
} Shared;

static gpointer
shared_key (const Job *job, gint64 run, int v, OsimPolicy policy)
{
  gint64 index = run * osim_scenario_n_variants (job->sc) + v;
  return GSIZE_TO_POINTER ((gsize) (index * OSIM_N_POLICIES + policy));
}

static void
shared_free (gpointer data)
{
  Shared *sh = data;
  osim_series_free (sh->series);
  g_free (sh);
}

/* Keeps a copy of @series (variant @v, run @run) for the later variants that
 * take it. */
static void
shared_publish (Job *job, int v, gint64 run, OsimPolicy policy, const OsimSeries *series)
{
  int takers = 0;
  for (int v1 = v + 1; v1 < osim_scenario_n_variants (job->sc); v1++)
    takers += shared_source (job, v1, run, policy) == v;
  if (takers == 0)
    return;
  Shared *sh = g_new0 (Shared, 1);
  sh->takers = takers;
  sh->series = osim_series_new (series->steps, series->n_levels);
  gsize nm = (gsize) (series->steps + 1) * OSIM_N_METRICS;
  gsize nl = (gsize) (series->steps + 1) * series->n_levels * OSIM_N_LEVEL_METRICS;
  memcpy (sh->series->m, series->m, nm * sizeof (double));
  memcpy (sh->series->lm, series->lm, nl * sizeof (double));
  g_mutex_lock (&job->lock);
  g_hash_table_insert (job->shared, shared_key (job, run, v, policy), sh);
  g_cond_broadcast (&job->shared_ready);
  g_mutex_unlock (&job->lock);
}

/* Copies into @out the series variant @src shares for @run; FALSE (nothing
 * copied) when the experiment failed or was interrupted first. */
static gboolean
shared_take (Job *job, int src, gint64 run, OsimPolicy policy, OsimSeries *out)
{
  gpointer key = shared_key (job, run, src, policy);
  Shared *sh;
  g_mutex_lock (&job->lock);
  while ((sh = g_hash_table_lookup (job->shared, key)) == NULL && job->error == NULL
         && !(job->opt->cancel && g_atomic_int_get (job->opt->cancel)))
    g_cond_wait (&job->shared_ready, &job->lock);
  if (sh)
    {
      gsize nm = (gsize) (out->steps + 1) * OSIM_N_METRICS;
      gsize nl = (gsize) (out->steps + 1) * out->n_levels * OSIM_N_LEVEL_METRICS;
      memcpy (out->m, sh->series->m, nm * sizeof (double));
      memcpy (out->lm, sh->series->lm, nl * sizeof (double));
      if (--sh->takers == 0)
        g_hash_table_remove (job->shared, key);
    }
  g_mutex_unlock (&job->lock);
  return sh != NULL;
}

/* Runs policy @pi of variant @v, run @run, from @org (which it frees) into
 * @series, and writes the run's fragments: careers, org chart, run rows. */
static gboolean
run_policy (Job *job, int v, int pi, gint64 run, OsimOrg *org, const char *vcells,
            OsimSeries *series)
{
  const OsimScenario *sc = job->sc;
  const OsimParams *p = osim_scenario_variant (sc, v);
  const char *pname = osim_policy_name (p->policies[pi]);
  g_autoptr (GString) spells = run < job->opt->careers_runs ? g_string_new (NULL) : NULL;
  g_autoptr (OsimCareers) careers = NULL;
  if (spells)
    {
      g_autofree char *prefix = g_strdup_printf ("%s,%s,%" G_GINT64_FORMAT, vcells, pname, run);
      careers = osim_careers_new (job->shape, prefix, spells);
    }
  gboolean ok = osim_sim_run_from (org, p->policies[pi], series, careers, job->opt->cancel);
  GError *error = NULL;
  if (ok && spells)
    {
      g_autofree char *name
          = g_strdup_printf ("careers.d/%06d.%02d.%010" G_GINT64_FORMAT ".csv", v, pi, run);
      ok = osim_write_file (job->workdir, name, spells->str, (gssize) spells->len, &error);
    }
  if (ok && run == 0)
    ok = write_charts (job, org, v, pi, vcells); /* reports its own error */
  osim_org_free (org);
  if (error)
    job_fail (job, error);
  return ok && write_run_rows (job, v, pi, run, vcells, series);
}

static void
run_task (gpointer data, gpointer user_data)
{
  Job *job = user_data;
  const OsimScenario *sc = job->sc;
  gint64 index = GPOINTER_TO_SIZE (data) - 1;
  int nv = osim_scenario_n_variants (sc);
  /* Tasks are (run, variant), or (run, variant, policy) when split,
   * run-major, so early runs finish first. */
  int np = osim_scenario_params (sc)->n_policies;
  int pi_from = 0, pi_to = np;
  if (job->split)
    {
      pi_from = (int) (index % np);
      pi_to = pi_from + 1;
      index /= np;
    }
  int v = (int) (index % nv);
  gint64 run = index / nv;
  const OsimParams *p = osim_scenario_variant (sc, v);
  int L = p->n_levels, steps = p->steps;
  if (job->error || (job->opt->cancel && g_atomic_int_get (job->opt->cancel)))
    goto out;

  {
    OsimSeries *series[OSIM_N_POLICIES] = { 0 };
    double finals[OSIM_N_POLICIES][OSIM_N_FINALS];
    gboolean ok = TRUE;
    /* Every policy starts the run from the same org: build it once and copy
     * it (the last policy takes it), unless a copy would cost much memory. */
    int src[OSIM_N_POLICIES], last = -1;
    for (int pi = 0; pi < np; pi++)
      if ((src[pi] = shared_source (job, v, run, p->policies[pi])) < 0)
        last = pi;
    gboolean share = job->shape->n_positions <= OSIM_ORG_SHARE_MAX && np > 1;
    OsimOrg *initial = share && last >= 0 ? osim_org_new (p, job->shape, p->seed, (guint64) run)
                                          : NULL;
    /* ...and the hires' and promotions' draws, the same under every policy,
     * are drawn once (kept for the run: small orgs only, as the copy). */
    OsimDraws *draws = initial ? osim_draws_new (initial->year, OSIM_DRAWS_MAX_BYTES) : NULL;
    if (initial)
      initial->draws = draws;
    g_autofree char *vcells = osim_csv_variant_cells (sc, v);
    for (int pi = pi_from; pi < pi_to && ok; pi++)
      {
        series[pi] = osim_series_new (steps, L);
        if (src[pi] >= 0)
          {
            ok = shared_take (job, src[pi], run, p->policies[pi], series[pi])
                 && write_run_rows (job, v, pi, run, vcells, series[pi]);
            continue;
          }
        OsimOrg *org = !share          ? osim_org_new (p, job->shape, p->seed, (guint64) run)
                       : pi == last ? g_steal_pointer (&initial)
                                    : osim_org_copy (initial);
        ok = run_policy (job, v, pi, run, org, vcells, series[pi]);
        if (ok)
          shared_publish (job, v, run, p->policies[pi], series[pi]);
      }
    osim_org_free (initial);
    osim_draws_free (draws);
    if (job->split)
      {
        /* The last policy of the (variant, run) to finish takes them all
         * and goes on to the finals and sums. */
        gpointer key = GSIZE_TO_POINTER ((gsize) index + 1);
        g_mutex_lock (&job->lock);
        Group *g = g_hash_table_lookup (job->groups, key);
        if (g == NULL)
          {
            g = g_new0 (Group, 1);
            g->left = np;
            g->ok = TRUE;
            g_hash_table_insert (job->groups, key, g);
          }
        g->series[pi_from] = g_steal_pointer (&series[pi_from]);
        g->ok &= ok;
        gboolean complete = --g->left == 0;
        if (complete)
          {
            memcpy (series, g->series, sizeof series);
            memset (g->series, 0, sizeof g->series);
            ok = g->ok;
            g_hash_table_remove (job->groups, key);
          }
        g_mutex_unlock (&job->lock);
        if (!complete)
          goto out;
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
        /* Integer sums: the order tasks reach this lock does not matter.
         * The values are rounded to fixed point before it, so that the
         * lock is held only for the integer additions. */
        /* Per policy, a run's step metrics, level metrics and finals each
         * have their accumulators in one block, in the series' order. */
        gsize nm = (gsize) (steps + 1) * OSIM_N_METRICS;
        gsize nl = (gsize) (steps + 1) * L * OSIM_N_LEVEL_METRICS;
        gsize per_policy = nm + nl + OSIM_N_FINALS;
        g_autofree gint64 *fixed = g_new (gint64, np * per_policy);
        gboolean fits = TRUE;
        for (int pi = 0; pi < np; pi++)
          {
            gint64 *q = fixed + pi * per_policy;
            fits &= to_fixed (series[pi]->m, q, nm);
            fits &= to_fixed (series[pi]->lm, q + nm, nl);
            fits &= to_fixed (finals[pi], q + nm + nl, OSIM_N_FINALS);
          }
        g_mutex_lock (&job->lock);
        for (int pi = 0; pi < np && fits; pi++)
          {
            const gint64 *q = fixed + pi * per_policy;
            fits &= add_fixed (osim_results_step (job->res, v, pi, 0, 0), q, nm);
            fits &= add_fixed (osim_results_level (job->res, v, pi, 0, 0, 0), q + nm, nl);
            fits &= add_fixed (osim_results_final (job->res, v, pi, 0), q + nm + nl, OSIM_N_FINALS);
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
  g_cond_broadcast (&job->shared_ready); /* a task that failed shares nothing */
  g_mutex_unlock (&job->lock);
}

/* The next (run, variant) task, or (run, variant, policy) when split, to
 * queue. */
typedef struct
{
  gint64 run;
  int v, pi;
} TaskCursor;

/* The progress bar counts runs as check does (variants x policies x runs):
 * each task is one run of every policy. */
static void
progress_line (const Job *job, gint64 total, gint64 work, double secs, gboolean last)
{
  int done = g_atomic_int_get ((gint *) &job->done);
  gint64 np = job->split ? 1 : osim_scenario_params (job->sc)->n_policies; /* runs a task */
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
  const char *subs[] = { "orgchart.d", opt->per_run ? "runs.d" : NULL,
                         opt->people ? "people.d" : NULL,
                         opt->careers_runs > 0 ? "careers.d" : NULL };
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    {
      if (subs[i] == NULL)
        continue;
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
  g_cond_init (&job.shared_ready);
  job.shared = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, shared_free);
  job.split = opt->jobs > 1 && shape->n_positions > OSIM_ORG_SHARE_MAX && p->n_policies > 1;
  job.groups = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, group_free);
  int per_run = job.split ? p->n_policies : 1; /* tasks a (variant, run) */

  gint64 total = osim_shard_n_runs (opt->shard_index, opt->shard_count, p->runs) * nv * per_run;
  gint64 first = osim_shard_first_run (opt->shard_index);
  gint64 t0 = g_get_monotonic_time ();
  if (opt->jobs <= 1)
    {
      for (gint64 run = first; run < p->runs; run += opt->shard_count)
        {
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
      TaskCursor next = { .run = first };
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
              gint64 index = (next.run * nv + next.v) * per_run + next.pi;
              g_thread_pool_push (pool, GSIZE_TO_POINTER ((gsize) index + 1), NULL);
              pushed++;
              if (++next.pi == per_run)
                next.pi = 0, next.v++;
              if (next.v == nv)
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
  g_cond_clear (&job.shared_ready);
  g_hash_table_destroy (job.shared);
  g_hash_table_destroy (job.groups);
  if (job.error)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  return !osim_cancelled (opt->cancel, error);
}

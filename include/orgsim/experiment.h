/* experiment.h: variants x policies x runs, spread over threads, reduced into
 * exact accumulators. */
#pragma once

#include <glib.h>
#include "orgsim/results.h"
#include "orgsim/scenario.h"

G_BEGIN_DECLS

typedef struct {
  int jobs;              /* worker threads, >= 1 */
  int shard_index;       /* 1-based; with shard_count 1, the whole experiment */
  int shard_count;
  gboolean per_run;      /* write run fragments for runs.csv */
  gboolean people;       /* write every position of run 0 for people.csv */
  gint64 careers_runs;   /* write careers.csv fragments for runs 0..careers_runs-1 */
  gboolean progress;     /* a progress bar on stderr */
  const volatile gint *cancel;
} OsimRunOptions;

/* Whether run @run belongs to shard @index of @count: runs are dealt
 * round-robin, run j to shard (j mod count) + 1.  So the shard's runs are
 * its first, @index - 1, and every @count-th after it. */
static inline gboolean
osim_shard_has_run (int index, int count, gint64 run)
{
  return run % count == index - 1;
}

static inline gint64
osim_shard_first_run (int index)
{
  return index - 1;
}

/* How many of runs 0 .. @runs - 1 belong to shard @index of @count. */
static inline gint64
osim_shard_n_runs (int index, int count, gint64 runs)
{
  return runs >= index ? (runs - index) / count + 1 : 0;
}

/* Runs every (variant, run) of the shard, all policies of a run in one task,
 * accumulating into @res.  Writes the run-0 org charts (and with per_run the
 * run rows) as fragments under @workdir (orgchart.d/, runs.d/).  The caller
 * checks osim_experiment_fits first.  Errors: OSIM_RUN_ERROR_INTERRUPTED
 * when cancelled; OSIM_RUN_ERROR_IO. */
gboolean osim_experiment_run (const OsimScenario *sc, const OsimRunOptions *opt,
                              OsimResults *res, const char *workdir, GError **error);

/* The share of the available memory a run may plan to use. */
#define OSIM_MEMORY_FRACTION 0.9

/* Bytes the experiment will need with @jobs threads: the sums and each
 * run's finals, then the larger of what simulating needs (the org chart's
 * shape, the bounded task queue, each worker's org and series) and what
 * writing needs (the CSV text built in memory). */
double osim_experiment_bytes (const OsimScenario *sc, int jobs);
/* Bytes this process may still allocate: the least of MemAvailable, what
 * the cgroup's memory.max leaves, and what the address-space limit
 * (RLIMIT_AS) leaves after the mapped memory and @jobs thread stacks.
 * @limit is set to words naming the one that applies. */
double osim_memory_available (int jobs, const char **limit);
/* Whether @need bytes fit OSIM_MEMORY_FRACTION of that; else
 * OSIM_INPUT_ERROR_LIMIT: "@what needs about ...". */
gboolean osim_memory_fits (const char *what, double need, int jobs, GError **error);
/* osim_memory_fits for the experiment with @jobs threads.  Called before
 * allocating. */
gboolean osim_experiment_fits (const OsimScenario *sc, int jobs, GError **error);

G_END_DECLS

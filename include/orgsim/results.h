/* results.h: what a run of the experiment adds up to: exact sums per
 * variant, policy, year and level, their merging, and their text form. */
#pragma once

#include <glib.h>
#include "orgsim/scenario.h"
#include "orgsim/sim.h"
#include "orgsim/stats.h"

G_BEGIN_DECLS

/* Per (variant, policy): the final values of each run. */
typedef enum {
  OSIM_F_INITIAL,      /* efficiency at step 0 */
  OSIM_F_FINAL,        /* + metric (efficiency .. competence): plateau mean */
  OSIM_F_GAIN = OSIM_F_FINAL + OSIM_FIRST_COUNT, /* final - initial efficiency */
  OSIM_F_DIFF,         /* + metric: final minus the baseline policy's, paired by run */
  OSIM_N_FINALS = OSIM_F_DIFF + OSIM_FIRST_COUNT
} OsimFinal;

/* Everything the output needs, as exact sums over the runs done. */
typedef struct {
  int n_variants, n_policies, steps, n_levels;
  OsimAcc *step;  /* [v][p][step][metric] */
  OsimAcc *level; /* [v][p][step][level][level metric] */
  OsimAcc *final; /* [v][p][OsimFinal] */
  /* Each run's final values for finals.csv, or NULL (shards, merged
   * results, too many runs): [v][p][run][OSIM_N_RUN_FINALS]. */
  double *run_final;
  gint64 runs;
} OsimResults;

/* The per-run final values kept for finals.csv, in its column order. */
#define OSIM_N_RUN_FINALS 7
extern const int osim_run_final_index[OSIM_N_RUN_FINALS]; /* OsimFinal of each */
extern const char *const osim_run_final_names[OSIM_N_RUN_FINALS];
/* At most this many rows (variants x policies x runs) are kept. */
#define OSIM_MAX_RUN_FINAL_ROWS 1000000

/* Allocates @r->run_final when its rows fit OSIM_MAX_RUN_FINAL_ROWS. */
void osim_results_keep_run_finals (OsimResults *r, gint64 runs);
double *osim_results_run_final (const OsimResults *r, int v, int p, gint64 run);

OsimResults *osim_results_new (const OsimScenario *sc);
/* The shape (variants, policies, steps, levels) of @sc's results, with no
 * arrays: for sizes, before anything is allocated. */
OsimResults osim_results_shape (const OsimScenario *sc);
void osim_results_free (OsimResults *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimResults, osim_results_free)
OsimAcc *osim_results_step (const OsimResults *r, int v, int p, int step, int metric);
OsimAcc *osim_results_level (const OsimResults *r, int v, int p, int step, int level,
                             int metric);
OsimAcc *osim_results_final (const OsimResults *r, int v, int p, int f);
/* Adds @other's sums into @r (same shape); FALSE when a sum would
 * overflow (@r is then partly merged and must not be used). */
gboolean osim_results_merge (OsimResults *r, const OsimResults *other);
/* The longest text form of sums of @r's shape, in bytes. */
gsize osim_results_text_max (const OsimResults *r);

/* The text form of @r's sums (a shard's accumulators.txt): a header line,
 * then one accumulator a line; newly allocated. */
char *osim_results_to_text (const OsimResults *r);
/* Reads that text into @r, which must have the shape it was written with.
 * Errors: OSIM_INPUT_ERROR_SHARDS, naming @name and the line. */
gboolean osim_results_from_text (OsimResults *r, const char *name, char *text, GError **error);

G_END_DECLS

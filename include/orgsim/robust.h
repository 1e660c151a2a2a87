/* robust.h: one-at-a-time robustness analysis (orgsim robust): the scenario
 * at a low and a high value of each numeric key and at every value of each
 * switch, every setting run by the experiment runner. */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "orgsim/experiment.h"
#include "orgsim/scenario.h"

G_BEGIN_DECLS

/* How a key is varied. */
typedef enum
{
  OSIM_ROBUST_NUMBER, /* a low and a high value */
  OSIM_ROBUST_DIST,   /* the distribution shifted down and up */
  OSIM_ROBUST_LIST,   /* every level's value scaled down and up */
  OSIM_ROBUST_SWITCH, /* every value */
} OsimRobustKind;

/* One key robust varies, with its default settings in words. */
typedef struct
{
  const char *key; /* "section.key" */
  OsimRobustKind kind;
  const char *settings; /* numbers: "LOW;HIGH"; distributions: the shift of the
                         * mean; lists: the factors; switches: the values */
  const char *why;      /* why that range is plausible, one line */
} OsimRobustKey;

/* The table of keys, in the order robust runs them; NULL-terminated. */
const OsimRobustKey *osim_robust_keys (void);

typedef struct _OsimRobust OsimRobust;

/* Plans the analysis of @sc, loaded from @path (its [robust] section is read
 * from that file): the base setting, then each key's settings.  The base is
 * @sc without its [sweep], if any (a note says so).  Errors: OSIM_INPUT_ERROR
 * naming FILE:LINE of a bad [robust] entry. */
OsimRobust *osim_robust_plan (const OsimScenario *sc, const char *path, GError **error);
void osim_robust_free (OsimRobust *rb);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimRobust, osim_robust_free)

/* Settings planned, the base included. */
int osim_robust_n_cells (const OsimRobust *rb);
/* Settings of the table left out because their default value does not suit
 * this scenario, one line each ("people.age low: ..."). */
const GPtrArray *osim_robust_notes (const OsimRobust *rb);

/* Runs every setting in turn, each spread over @opt->jobs threads and limited
 * to @opt's shard of the runs; @workdir holds scratch files, removed after.
 * Errors as osim_experiment_run. */
gboolean osim_robust_run (OsimRobust *rb, const OsimRunOptions *opt, const char *workdir,
                          GError **error);

/* Writes scenario.ini and robust.ini (the plan) into @dir, and then either
 * robust.csv and tornado.csv (@shard_index 0) or the shard files merge needs
 * (shard.ini, robust-accumulators.txt).  Errors: OSIM_RUN_ERROR_IO. */
gboolean osim_robust_write (const OsimRobust *rb, const char *dir, int shard_index, int shard_count,
                            GError **error);

/* Prints the one-screen summary of a finished analysis. */
void osim_robust_print_summary (FILE *out, const OsimRobust *rb);

/* Whether @dir is a shard folder of orgsim robust. */
gboolean osim_robust_is_shard (const char *dir);
/* Combines robust shard folders into @target as one unsharded analysis
 * writes it (same bytes).  Errors: OSIM_INPUT_ERROR_SHARDS, OSIM_RUN_ERROR_IO. */
gboolean osim_robust_merge (const char *const *dirs, const char *target, GError **error);

G_END_DECLS

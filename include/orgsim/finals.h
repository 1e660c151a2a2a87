/* finals.h: finals.csv, each run's final values, across shards. */
#pragma once

#include <glib.h>
#include "orgsim/scenario.h"

G_BEGIN_DECLS

/* Writes @tmp/finals.csv from the finals.csv of shards 1..@count, whose
 * folders are @dirs[1..count]: the rows in the order a single run writes
 * them (variant, policy, run), so that merged results are the same bytes.
 * Writes nothing when no shard has the file (too many rows).  Errors:
 * OSIM_INPUT_ERROR_SHARDS when a shard's file is missing, has another
 * header, or not the rows of its runs. */
gboolean osim_finals_merge (const OsimScenario *sc, const char *const *dirs, int count,
                            const char *tmp, GError **error);

G_END_DECLS

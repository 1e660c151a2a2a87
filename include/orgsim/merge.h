/* merge.h: combining the folders of shard runs into one results folder. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most shards a run may be split into (--shard I/N, shard.ini). */
#define OSIM_MAX_SHARDS 1000000

/* What a shard's shard.ini says. */
typedef struct {
  int index, count;
  gboolean per_run;
} OsimShardInfo;

/* The most a shard folder's files may hold: what orgsim writes is far
 * smaller, and anything larger is not its file (shard.ini; scenario.ini and
 * robust.ini). */
#define OSIM_SHARD_INI_MAX 4096
#define OSIM_SCENARIO_INI_MAX (1 << 20)

/* Whether @target (normalised: osim_outdir_normalise) is one of the shard
 * folders @dirs (NULL-terminated): merging into it would replace a shard
 * with the merged results.  Sets an OSIM_INPUT_ERROR_SHARDS error when so. */
gboolean osim_merge_target_is_shard (const char *const *dirs, const char *target,
                                     GError **error);

/* Reads the text of a shard.ini (@len bytes, named @name in messages),
 * bounding what it may claim (1 <= index <= count <= OSIM_MAX_SHARDS).
 * Errors: OSIM_INPUT_ERROR_SHARDS. */
gboolean osim_shard_info_parse (const char *name, const char *text, gsize len,
                                OsimShardInfo *info, GError **error);

/* Whether @name is the name of a fragment file orgsim writes under
 * orgchart.d/ or runs.d/ (digits and dots, ending in .csv). */
gboolean osim_fragment_name_valid (const char *name);

/* Combines shard folders into @target (the same bytes a single run
 * writes), reading only regular files orgsim wrote.  Stops soon after
 * *@cancel becomes non-zero.  Errors: OSIM_INPUT_ERROR_SHARDS naming what
 * is missing, doubled, foreign or damaged; OSIM_RUN_ERROR_IO;
 * OSIM_RUN_ERROR_INTERRUPTED. */
gboolean osim_merge (const char *const *shard_dirs, const char *target,
                     const volatile gint *cancel, GError **error);

G_END_DECLS

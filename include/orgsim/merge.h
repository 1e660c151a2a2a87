/* merge.h: combining the folders of shard runs into one results folder. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Combines shard folders into @target (the same bytes a single run
 * writes).  Errors: OSIM_INPUT_ERROR_SHARDS naming what is missing, doubled
 * or foreign; OSIM_RUN_ERROR_IO. */
gboolean osim_merge (const char *const *shard_dirs, const char *target, GError **error);

G_END_DECLS

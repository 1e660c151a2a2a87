/* finals.c: merging the shards' finals.csv (each run's final values) into
 * the file one run would have written. */
#include "orgsim/finals.h"
#include "orgsim/common.h"
#include "orgsim/experiment.h"
#include "orgsim/output.h"
#include "orgsim/policy.h"
#include "orgsim/results.h"

#include <string.h>

typedef struct
{
  char *data;  /* the file, its newlines replaced by NULs */
  char *next;  /* the next row */
  char *end;
  char *path;
} ShardFinals;

static void
shard_finals_clear (ShardFinals *f)
{
  g_free (f->data);
  g_free (f->path);
}

static gboolean
finals_error (GError **error, const char *path, const char *what)
{
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS,
               "%s: %s; the shard folder is damaged (run that shard again)", path, what);
  return FALSE;
}

/* Reads @dir/finals.csv, checking its header is @header. */
static gboolean
shard_finals_read (ShardFinals *f, const char *dir, const char *header, GError **error)
{
  f->path = g_build_filename (dir, "finals.csv", NULL);
  gsize len = 0;
  /* A regular file only: a link or FIFO put in a shard is refused. */
  if (!osim_read_regular_file (f->path, G_MAXINT32, &f->data, &len, error))
    return FALSE;
  f->end = f->data + len;
  gsize hlen = strlen (header);
  if (len < hlen || memcmp (f->data, header, hlen) != 0)
    return finals_error (error, f->path, "its header is not the scenario's");
  f->next = f->data + hlen;
  return TRUE;
}

/* Appends the next row of @f to @out, which must start with @prefix. */
static gboolean
shard_finals_take (ShardFinals *f, const char *prefix, GString *out, GError **error)
{
  char *nl = f->next < f->end ? memchr (f->next, '\n', (gsize) (f->end - f->next)) : NULL;
  gsize plen = strlen (prefix);
  if (nl == NULL || (gsize) (nl - f->next) < plen || memcmp (f->next, prefix, plen) != 0)
    return finals_error (error, f->path, "a row is missing or out of order");
  g_string_append_len (out, f->next, nl + 1 - f->next);
  f->next = nl + 1;
  return TRUE;
}

/* Whether any of the shards has a finals.csv. */
static gboolean
any_finals (const char *const *dirs, int count)
{
  for (int k = 1; k <= count; k++)
    {
      g_autofree char *path = g_build_filename (dirs[k], "finals.csv", NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

gboolean
osim_finals_merge (const OsimScenario *sc, const char *const *dirs, int count, const char *tmp,
                   GError **error)
{
  if (!any_finals (dirs, count))
    return TRUE;
  const OsimParams *p = osim_scenario_params (sc);
  int nv = osim_scenario_n_variants (sc);
  if ((gint64) nv * p->n_policies * p->runs > OSIM_MAX_RUN_FINAL_ROWS)
    return finals_error (error, dirs[1], "finals.csv has more rows than orgsim writes");
  g_autofree char *header = NULL;
  {
    g_autoptr (GString) h = g_string_new (NULL);
    osim_finals_header (h, sc);
    header = g_string_free (g_steal_pointer (&h), FALSE);
  }
  ShardFinals *sf = g_new0 (ShardFinals, count + 1);
  gboolean ok = TRUE;
  for (int k = 1; k <= count && ok; k++)
    ok = shard_finals_read (&sf[k], dirs[k], header, error);
  g_autoptr (GString) out = g_string_new (header);
  for (int v = 0; v < nv && ok; v++)
    {
      g_autofree char *cells = osim_csv_variant_cells (sc, v);
      for (int pi = 0; pi < p->n_policies && ok; pi++)
        for (gint64 run = 0; run < p->runs && ok; run++)
          {
            g_autoptr (GString) prefix = g_string_new (cells);
            g_string_append_c (prefix, ',');
            osim_csv_text (prefix, osim_policy_name (p->policies[pi]));
            g_string_append_printf (prefix, ",%" G_GINT64_FORMAT ",", run);
            ok = shard_finals_take (&sf[run % count + 1], prefix->str, out, error);
          }
    }
  for (int k = 1; k <= count && ok; k++)
    if (sf[k].next != sf[k].end)
      ok = finals_error (error, sf[k].path, "it has rows of runs that are not its own");
  for (int k = 1; k <= count; k++)
    shard_finals_clear (&sf[k]);
  g_free (sf);
  return ok && osim_write_file (tmp, "finals.csv", out->str, (gssize) out->len, error);
}

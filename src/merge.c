/* merge.c: combining shard folders into the results a single run writes. */
#include "orgsim/merge.h"
#include "orgsim/common.h"
#include "orgsim/finals.h"
#include "orgsim/output.h"

#include <errno.h>
#include <string.h>

typedef struct
{
  const char *dir;
  int index, count;
  gboolean per_run;
  char *ini;
} Shard;

static gboolean
shard_error (GError **error, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static gboolean
shard_error (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error_literal (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS, msg);
  return FALSE;
}

static gboolean
read_shard (const char *dir, Shard *sh, GError **error)
{
  g_autofree char *info_path = g_build_filename (dir, "shard.ini", NULL);
  g_autofree char *ini_path = g_build_filename (dir, "scenario.ini", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_file (kf, info_path, G_KEY_FILE_NONE, NULL))
    return shard_error (error, "%s: not a shard folder (no readable shard.ini; make shards "
                        "with orgsim run --shard I/N)", dir);
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  sh->dir = dir;
  sh->index = g_key_file_get_integer (kf, "shard", "index", &e1);
  sh->count = g_key_file_get_integer (kf, "shard", "count", &e2);
  if (e1 || e2 || sh->count < 1 || sh->index < 1 || sh->index > sh->count)
    return shard_error (error, "%s: shard.ini is damaged (index and count)", info_path);
  sh->per_run = g_key_file_get_boolean (kf, "shard", "per_run", NULL);
  if (!g_file_get_contents (ini_path, &sh->ini, NULL, NULL))
    return shard_error (error, "%s: missing; the shard folder is incomplete", ini_path);
  return TRUE;
}

/* The scenario.ini text after its provenance lines (the command line may
 * be written differently for each shard). */
static const char *
scenario_part (const char *ini)
{
  g_autofree char *prov = osim_output_provenance_of (ini);
  return ini + strlen (prov);
}

/* Reads a shard's accumulators.txt into a results of the same shape as @r. */
static gboolean
read_accumulators (const char *dir, OsimResults *r, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "accumulators.txt", NULL);
  g_autofree char *data = NULL;
  if (!g_file_get_contents (path, &data, NULL, NULL))
    return shard_error (error, "%s: missing; the shard folder is incomplete", path);
  return osim_results_from_text (r, path, data, error);
}

/* Copies every fragment under @from/@sub into @to/@sub. */
static gboolean
copy_fragments (const char *from, const char *to, const char *sub, GError **error)
{
  g_autofree char *src = g_build_filename (from, sub, NULL);
  if (!g_file_test (src, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_autofree char *dst = g_build_filename (to, sub, NULL);
  if (g_mkdir_with_parents (dst, 0755) != 0)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", dst,
                   g_strerror (errno));
      return FALSE;
    }
  g_autoptr (GDir) d = g_dir_open (src, 0, error);
  if (d == NULL)
    return FALSE;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *fp = g_build_filename (src, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;
      if (!g_file_get_contents (fp, &data, &len, error))
        return FALSE;
      g_autofree char *rel = g_build_filename (sub, name, NULL);
      g_autofree char *existing = g_build_filename (to, rel, NULL);
      if (g_file_test (existing, G_FILE_TEST_EXISTS))
        return shard_error (error, "%s: run fragment %s is in two shards", from, rel);
      if (!osim_write_file (to, rel, data, (gssize) len, error))
        return FALSE;
    }
  return TRUE;
}

/* The fragments that only some runs write, on request: people.d (--people)
 * and careers.d (--careers).  Either every shard has such a folder (it is
 * made even when the shard holds none of those runs) or none, else the
 * merged file would silently lack rows. */
static gboolean
copy_optional_fragments (const Shard *shards, int i, const char *to, GError **error)
{
  static const char *const subs[] = { "people.d", "careers.d" };
  for (gsize k = 0; k < G_N_ELEMENTS (subs); k++)
    {
      g_autofree char *mine = g_build_filename (shards[i].dir, subs[k], NULL);
      g_autofree char *first = g_build_filename (shards[0].dir, subs[k], NULL);
      gboolean has = g_file_test (mine, G_FILE_TEST_IS_DIR);
      if (has != g_file_test (first, G_FILE_TEST_IS_DIR))
        return shard_error (error, "%s: was run %s --%s but %s %s: run every shard with the "
                            "same options", shards[i].dir, has ? "with" : "without",
                            k == 0 ? "people" : "careers", shards[0].dir,
                            has ? "was not" : "was");
      if (!copy_fragments (shards[i].dir, to, subs[k], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
osim_merge (const char *const *dirs, const char *target, GError **error)
{
  int n = (int) g_strv_length ((char **) dirs);
  if (n == 0)
    return shard_error (error, "merge: no shard folders given");
  g_autofree Shard *shards = g_new0 (Shard, n);
  gboolean ok = TRUE;
  for (int i = 0; i < n && ok; i++)
    ok = read_shard (dirs[i], &shards[i], error);
  int count = ok ? shards[0].count : 0;
  for (int i = 1; i < n && ok; i++)
    {
      if (strcmp (scenario_part (shards[i].ini), scenario_part (shards[0].ini)) != 0)
        ok = shard_error (error, "%s: comes from another scenario or seed than %s "
                          "(their scenario.ini differ)", shards[i].dir, shards[0].dir);
      else if (shards[i].per_run != shards[0].per_run)
        ok = shard_error (error, "%s: was run %s --per-run but %s %s: runs.csv would be "
                          "incomplete; run every shard with it or none",
                          shards[i].dir, shards[i].per_run ? "with" : "without", shards[0].dir,
                          shards[0].per_run ? "was" : "was not");
      else if (shards[i].count != count)
        ok = shard_error (error, "%s: is shard %d/%d but %s is shard %d/%d", shards[i].dir,
                          shards[i].index, shards[i].count, shards[0].dir, shards[0].index,
                          count);
    }
  g_autofree const char **seen = ok ? g_new0 (const char *, count + 1) : NULL;
  if (ok)
    {
      g_autoptr (GString) missing = g_string_new (NULL);
      for (int i = 0; i < n && ok; i++)
        {
          if (seen[shards[i].index])
            ok = shard_error (error, "shard %d/%d is given twice: %s and %s", shards[i].index,
                              count, seen[shards[i].index], shards[i].dir);
          seen[shards[i].index] = shards[i].dir;
        }
      for (int k = 1; k <= count && ok; k++)
        if (!seen[k])
          g_string_append_printf (missing, "%s%d/%d", missing->len ? ", " : "", k, count);
      if (ok && missing->len)
        ok = shard_error (error, "shard%s %s missing: every shard 1..%d is needed",
                          strchr (missing->str, ',') ? "s" : "", missing->str, count);
    }
  g_autoptr (OsimScenario) sc = NULL;
  if (ok)
    {
      g_autofree char *ini_path = g_build_filename (shards[0].dir, "scenario.ini", NULL);
      sc = osim_scenario_load_data (ini_path, shards[0].ini, strlen (shards[0].ini), NULL,
                                    error);
      ok = sc != NULL;
    }
  if (ok)
    {
      /* The shards' command line (without --shard) is the whole run's. */
      int first = 0;
      for (int i = 0; i < n; i++)
        if (shards[i].index == 1)
          first = i;
      g_autofree char *prov = osim_output_provenance_of (shards[first].ini);
      osim_output_set_provenance (prov);
    }
  g_autoptr (OsimResults) total = ok ? osim_results_new (sc) : NULL;
  for (int i = 0; i < n && ok; i++)
    {
      g_autoptr (OsimResults) part = osim_results_new (sc);
      ok = read_accumulators (shards[i].dir, part, error);
      if (ok)
        osim_results_merge (total, part);
    }
  g_autofree char *tmp = ok ? osim_outdir_begin (target, error) : NULL;
  ok = ok && tmp != NULL;
  for (int i = 0; i < n && ok; i++)
    ok = copy_fragments (shards[i].dir, tmp, "orgchart.d", error)
         && copy_fragments (shards[i].dir, tmp, "runs.d", error)
         && copy_optional_fragments (shards, i, tmp, error);
  ok = ok && osim_finals_merge (sc, seen, count, tmp, error)
       && osim_output_write (sc, total, tmp, 0, 1, FALSE, error)
       && osim_outdir_commit (tmp, target, error);
  if (!ok && tmp)
    osim_outdir_abort (tmp);
  for (int i = 0; i < n; i++)
    g_free (shards[i].ini);
  return ok;
}

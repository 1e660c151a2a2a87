/* merge.c: combining shard folders into the results a single run writes.
 * Shard folders may be damaged or hostile: only regular files orgsim
 * writes are read, what they claim is bounded before anything is allocated,
 * and every sum is range- and overflow-checked. */
#include "orgsim/merge.h"
#include "orgsim/common.h"
#include "orgsim/experiment.h"
#include "orgsim/finals.h"
#include "orgsim/output.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Missing shards named in a message; the rest are counted. */
#define MISSING_NAMED 5

typedef struct
{
  const char *dir;
  OsimShardInfo info;
  char *ini;
} Shard;

gboolean
osim_shard_info_parse (const char *name, const char *text, gsize len, OsimShardInfo *info,
                       GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (len > OSIM_SHARD_INI_MAX || !g_key_file_load_from_data (kf, text, len, G_KEY_FILE_NONE, NULL))
    return osim_shards_error (error, "%s: damaged (not a shard.ini orgsim wrote)", name);
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  gint64 index = g_key_file_get_int64 (kf, "shard", "index", &e1);
  gint64 count = g_key_file_get_int64 (kf, "shard", "count", &e2);
  if (e1 || e2 || count < 1 || count > OSIM_MAX_SHARDS || index < 1 || index > count)
    return osim_shards_error (error,
                              "%s: damaged: index and count must be 1 <= index <= count <= %d",
                              name, OSIM_MAX_SHARDS);
  info->index = (int) index;
  info->count = (int) count;
  info->per_run = g_key_file_get_boolean (kf, "shard", "per_run", &e3);
  if (e3 && !g_error_matches (e3, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    return osim_shards_error (error, "%s: damaged: per_run is not true or false", name);
  return TRUE;
}

gboolean
osim_fragment_name_valid (const char *name)
{
  gsize n = strlen (name);
  if (n < 5 || n > 64 || !g_str_has_suffix (name, ".csv") || !g_ascii_isdigit (name[0]))
    return FALSE;
  for (gsize i = 0; i < n - 4; i++)
    if (!g_ascii_isdigit (name[i]) && name[i] != '.')
      return FALSE;
  return TRUE;
}

static gboolean
read_shard (const char *dir, Shard *sh, GError **error)
{
  g_autofree char *info_path = g_build_filename (dir, "shard.ini", NULL);
  g_autofree char *ini_path = g_build_filename (dir, "scenario.ini", NULL);
  g_autofree char *info = NULL;
  gsize len = 0;
  sh->dir = dir;
  struct stat st;
  if (lstat (info_path, &st) != 0 && errno == ENOENT)
    return osim_shards_error (error,
                              "%s: not a shard folder (no shard.ini; make shards with orgsim "
                              "run --shard I/N)",
                              dir);
  return osim_read_regular_file (info_path, OSIM_SHARD_INI_MAX, &info, &len, error)
         && osim_shard_info_parse (info_path, info, len, &sh->info, error)
         && osim_read_regular_file (ini_path, OSIM_SCENARIO_INI_MAX, &sh->ini, NULL, error);
}

gboolean
osim_merge_target_is_shard (const char *const *dirs, const char *target, GError **error)
{
  struct stat t, st;
  if (stat (target, &t) != 0)
    return FALSE;
  for (int i = 0; dirs[i] != NULL; i++)
    if (stat (dirs[i], &st) == 0 && st.st_dev == t.st_dev && st.st_ino == t.st_ino)
      return !osim_shards_error (error,
                                 "merge -o: '%s' is the shard folder %s; give another folder "
                                 "for the merged results",
                                 target, dirs[i]);
  return FALSE;
}

/* The scenario.ini text after its provenance lines (the command line may
 * be written differently for each shard). */
static const char *
scenario_part (const char *ini)
{
  g_autofree char *prov = osim_output_provenance_of (ini);
  return ini + strlen (prov);
}

/* Shards that belong together: one scenario and seed, one count, one
 * --per-run. */
static gboolean
check_alike (const Shard *shards, int n, GError **error)
{
  const Shard *a = &shards[0];
  for (int i = 1; i < n; i++)
    {
      const Shard *b = &shards[i];
      if (strcmp (scenario_part (b->ini), scenario_part (a->ini)) != 0)
        return osim_shards_error (error,
                                  "%s: comes from another scenario or seed than %s "
                                  "(their scenario.ini differ)",
                                  b->dir, a->dir);
      if (b->info.per_run != a->info.per_run)
        return osim_shards_error (error,
                                  "%s: was run %s --per-run but %s %s: runs.csv would be "
                                  "incomplete; run every shard with it or none",
                                  b->dir, b->info.per_run ? "with" : "without", a->dir,
                                  a->info.per_run ? "was" : "was not");
      if (b->info.count != a->info.count)
        return osim_shards_error (error, "%s: is shard %d/%d but %s is shard %d/%d", b->dir,
                                  b->info.index, b->info.count, a->dir, a->info.index,
                                  a->info.count);
    }
  return TRUE;
}

/* Every shard 1..count exactly once; a message names the first few missing
 * and counts the rest. */
static gboolean
check_complete (const Shard *shards, int n, const char **seen, GError **error)
{
  int count = shards[0].info.count;
  for (int i = 0; i < n; i++)
    {
      int k = shards[i].info.index;
      if (seen[k])
        return osim_shards_error (error, "shard %d/%d is given twice: %s and %s", k, count, seen[k],
                                  shards[i].dir);
      seen[k] = shards[i].dir;
    }
  g_autoptr (GString) named = g_string_new (NULL);
  int missing = 0;
  for (int k = 1; k <= count; k++)
    if (!seen[k] && ++missing <= MISSING_NAMED)
      g_string_append_printf (named, "%s%d/%d", named->len ? ", " : "", k, count);
  if (missing == 0)
    return TRUE;
  if (missing > MISSING_NAMED)
    g_string_append_printf (named, " and %d more", missing - MISSING_NAMED);
  return osim_shards_error (error, "shard%s %s missing: every shard 1..%d is needed",
                            missing > 1 ? "s" : "", named->str, count);
}

/* Reads a shard's accumulators.txt into a results of the same shape as @r. */
static gboolean
read_accumulators (const char *dir, OsimResults *r, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "accumulators.txt", NULL);
  g_autofree char *data = NULL;
  return osim_read_regular_file (path, osim_results_text_max (r), &data, NULL, error)
         && osim_results_from_text (r, path, data, error);
}

/* Copies the regular file @from (opened without following links and
 * without blocking on a FIFO) to the new file @to, in chunks, stopping on
 * *@cancel. */
static gboolean
copy_file (const char *from, const char *to, const volatile gint *cancel, GError **error)
{
  struct stat st;
  if (lstat (from, &st) != 0 || !S_ISREG (st.st_mode))
    return osim_shards_error (error,
                              "%s: is not a regular file orgsim wrote (a link, FIFO or "
                              "device?); refusing to read it",
                              from);
  int in = open (from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0 || fstat (in, &st) != 0 || !S_ISREG (st.st_mode))
    {
      if (in >= 0)
        close (in);
      return osim_shards_error (error, "%s: cannot be read as a regular file", from);
    }
  int out = open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (out < 0)
    {
      int err = errno;
      close (in);
      if (err == EEXIST)
        return osim_shards_error (error, "%s: this run fragment is in two shards", from);
      return osim_io_error (error, to, "cannot write", err);
    }
  gboolean ok = TRUE;
  static char buf[1 << 20];
  ssize_t r;
  while (ok && (r = read (in, buf, sizeof buf)) != 0)
    {
      if (r < 0 || write (out, buf, (size_t) r) != r)
        ok = osim_io_error (error, to, "copy failed", errno);
      else if (osim_cancelled (cancel, error))
        ok = FALSE;
    }
  close (in);
  if (close (out) != 0 && ok)
    ok = osim_io_error (error, to, "write failed", errno);
  return ok;
}

/* Copies every fragment under @from/@sub into @to/@sub: a real folder of
 * regular files with the names orgsim gives them, nothing else. */
static gboolean
copy_fragments (const char *from, const char *to, const char *sub,
                const volatile gint *cancel, GError **error)
{
  g_autofree char *src = g_build_filename (from, sub, NULL);
  struct stat st;
  if (lstat (src, &st) != 0)
    return errno == ENOENT || osim_shards_error (error, "%s: cannot be read", src);
  if (!S_ISDIR (st.st_mode))
    return osim_shards_error (error, "%s: is not a folder orgsim wrote (a link?); refusing it",
                              src);
  g_autofree char *dst = g_build_filename (to, sub, NULL);
  if (g_mkdir_with_parents (dst, 0755) != 0)
    return osim_io_error (error, dst, "cannot create", errno);
  g_autoptr (GDir) d = g_dir_open (src, 0, NULL);
  if (d == NULL)
    return osim_shards_error (error, "%s: cannot be read", src);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *fp = g_build_filename (src, name, NULL);
      if (!osim_fragment_name_valid (name))
        return osim_shards_error (error,
                                  "%s: is not a fragment orgsim writes; remove it or re-run "
                                  "the shard",
                                  fp);
      g_autofree char *tp = g_build_filename (dst, name, NULL);
      if (osim_cancelled (cancel, error) || !copy_file (fp, tp, cancel, error))
        return FALSE;
    }
  return TRUE;
}

/* The fragments that only some runs write, on request: people.d (--people)
 * and careers.d (--careers).  Either every shard has such a folder (it is
 * made even when the shard holds none of those runs) or none, else the
 * merged file would silently lack rows. */
static gboolean
copy_optional_fragments (const Shard *shards, int i, const char *to,
                         const volatile gint *cancel, GError **error)
{
  static const char *const subs[] = { "people.d", "careers.d" };
  for (gsize k = 0; k < G_N_ELEMENTS (subs); k++)
    {
      g_autofree char *mine = g_build_filename (shards[i].dir, subs[k], NULL);
      g_autofree char *first = g_build_filename (shards[0].dir, subs[k], NULL);
      struct stat st;
      gboolean has = lstat (mine, &st) == 0 && S_ISDIR (st.st_mode);
      if (has != (lstat (first, &st) == 0 && S_ISDIR (st.st_mode)))
        return osim_shards_error (error,
                                  "%s: was run %s --%s but %s %s: run every shard with the "
                                  "same options",
                                  shards[i].dir, has ? "with" : "without",
                                  k == 0 ? "people" : "careers", shards[0].dir,
                                  has ? "was not" : "was");
      if (!copy_fragments (shards[i].dir, to, subs[k], cancel, error))
        return FALSE;
    }
  return TRUE;
}

/* The total and one shard's sums are held at once. */
static gboolean
sums_fit (const OsimScenario *sc, const char *ini_path, GError **error)
{
  OsimResults shape = osim_results_shape (sc);
  /* Each accumulator's text line is longer than the accumulator. */
  double need = 2.0 * (double) osim_results_text_max (&shape);
  g_autofree char *what = g_strdup_printf ("merging the shards of %s", ini_path);
  return osim_memory_fits (what, need, 1, error);
}

/* The sums of every shard, added with overflow checks. */
static OsimResults *
sum_shards (const OsimScenario *sc, const Shard *shards, int n, const volatile gint *cancel,
            GError **error)
{
  g_autoptr (OsimResults) total = osim_results_new (sc);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (OsimResults) part = osim_results_new (sc);
      if (osim_cancelled (cancel, error) || !read_accumulators (shards[i].dir, part, error))
        return NULL;
      if (!osim_results_merge (total, part))
        {
          osim_shards_error (error,
                             "%s/accumulators.txt: damaged: its sums overflow when added to "
                             "the other shards'; re-run that shard",
                             shards[i].dir);
          return NULL;
        }
    }
  return g_steal_pointer (&total);
}

static gboolean
write_merged (const OsimScenario *sc, const OsimResults *total, const Shard *shards,
              const char *const *seen, int n, const char *target, const volatile gint *cancel,
              GError **error)
{
  g_autoptr (OsimOutdir) od = osim_outdir_begin (target, "merge -o", error);
  if (od == NULL)
    return FALSE;
  const char *tmp = osim_outdir_tmp (od);
  for (int i = 0; i < n; i++)
    if (!copy_fragments (shards[i].dir, tmp, "orgchart.d", cancel, error)
        || !copy_fragments (shards[i].dir, tmp, "runs.d", cancel, error)
        || !copy_optional_fragments (shards, i, tmp, cancel, error))
      return FALSE;
  return !osim_cancelled (cancel, error)
         && osim_finals_merge (sc, seen, shards[0].info.count, tmp, error)
         && osim_output_write (sc, total, tmp, 0, 1, FALSE, (int) g_get_num_processors (), error)
         && !osim_cancelled (cancel, error)
         && osim_outdir_commit (od, error);
}

gboolean
osim_merge (const char *const *dirs, const char *target, const volatile gint *cancel,
            GError **error)
{
  int n = (int) g_strv_length ((char **) dirs);
  if (n == 0)
    return osim_shards_error (error, "merge: no shard folders given");
  g_autofree char *norm = osim_outdir_normalise (target, "merge -o", error);
  if (norm == NULL)
    return FALSE;
  g_autofree Shard *shards = g_new0 (Shard, n);
  gboolean ok = TRUE;
  for (int i = 0; i < n && ok; i++)
    ok = !osim_cancelled (cancel, error) && read_shard (dirs[i], &shards[i], error);
  /* seen[k]: the folder of shard k (1-based), for finals.csv. */
  g_autofree const char **seen
      = ok ? g_new0 (const char *, (gsize) shards[0].info.count + 1) : NULL;
  ok = ok && check_alike (shards, n, error) && check_complete (shards, n, seen, error)
       && !osim_merge_target_is_shard (dirs, norm, error);
  g_autoptr (OsimScenario) sc = NULL;
  if (ok)
    {
      g_autofree char *ini_path = g_build_filename (shards[0].dir, "scenario.ini", NULL);
      sc = osim_scenario_load_data (ini_path, shards[0].ini, strlen (shards[0].ini), NULL,
                                    error);
      /* Two sets of sums are held at once: the total and one shard's. */
      ok = sc != NULL && sums_fit (sc, ini_path, error);
    }
  if (ok)
    {
      /* The shards' command line (without --shard) is the whole run's. */
      int first = 0;
      for (int i = 0; i < n; i++)
        if (shards[i].info.index == 1)
          first = i;
      g_autofree char *prov = osim_output_provenance_of (shards[first].ini);
      osim_output_set_provenance (prov);
    }
  g_autoptr (OsimResults) total = ok ? sum_shards (sc, shards, n, cancel, error) : NULL;
  ok = total != NULL && write_merged (sc, total, shards, seen, n, norm, cancel, error);
  for (int i = 0; i < n; i++)
    g_free (shards[i].ini);
  return ok;
}

/* compare.c: orgsim compare (orgsim(1)): two results folders, each policy
 * and variant present in both, paired run by run when they share the seed
 * and the runs, else Welch's unpaired t-test. */
#include "orgsim/compare.h"
#include "orgsim/common.h"
#include "orgsim/output.h"
#include "orgsim/plotdata.h"
#include "orgsim/stats.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* The final values compared, as finals.csv and final.csv name them. */
static const char *const metrics[] = { "efficiency_final", "willing_share_final" };
#define N_METRICS G_N_ELEMENTS (metrics)

/* ---- one results folder ---- */

typedef struct
{
  char *variant, *policy;
  GArray *run;             /* gint64, finals.csv only */
  GArray *value[N_METRICS]; /* double per run (finals.csv) */
  double mean[N_METRICS], sd[N_METRICS];
  gint64 n[N_METRICS];
} Group;

static void
group_free (Group *g)
{
  g_free (g->variant);
  g_free (g->policy);
  if (g->run)
    g_array_unref (g->run);
  for (gsize m = 0; m < N_METRICS; m++)
    if (g->value[m])
      g_array_unref (g->value[m]);
  g_free (g);
}

typedef struct
{
  const char *dir;
  char *seed;
  gint64 runs;
  gboolean per_run;          /* read from finals.csv */
  GPtrArray *groups;         /* Group, in file order */
  GHashTable *by_key;        /* "variant\npolicy" -> Group */
} Folder;

static void
folder_clear (Folder *f)
{
  g_free (f->seed);
  g_clear_pointer (&f->by_key, g_hash_table_unref);
  g_clear_pointer (&f->groups, g_ptr_array_unref);
}

static gboolean
not_results (GError **error, const char *dir, const char *what)
{
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
               "%s: %s; give two results folders of orgsim run", dir, what);
  return FALSE;
}

/* The column @name of @header, or -1 with an error naming @path. */
static int
column (char **header, const char *name, const char *path, GError **error)
{
  for (int i = 0; header[i]; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
               "%s: no column %s; was it written by an older orgsim? (run it again)", path,
               name);
  return -1;
}

static double
number (const char *text)
{
  char *end = NULL;
  double x = g_ascii_strtod (text, &end);
  return end == text || *end ? NAN : x;
}

static Group *
folder_group (Folder *f, const char *variant, const char *policy)
{
  g_autofree char *key = g_strconcat (variant, "\n", policy, NULL);
  Group *g = g_hash_table_lookup (f->by_key, key);
  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->variant = g_strdup (variant);
      g->policy = g_strdup (policy);
      g_ptr_array_add (f->groups, g);
      g_hash_table_insert (f->by_key, g_steal_pointer (&key), g);
    }
  return g;
}

/* Mean and sd of the non-NaN values of @a. */
static void
moments (GArray *a, double *mean, double *sd, gint64 *n)
{
  double sum = 0, sumsq = 0;
  gint64 k = 0;
  for (guint i = 0; i < a->len; i++)
    {
      double x = g_array_index (a, double, i);
      if (!isnan (x))
        sum += x, k++;
    }
  *mean = k ? sum / k : NAN;
  for (guint i = 0; i < a->len; i++)
    {
      double x = g_array_index (a, double, i);
      if (!isnan (x))
        sumsq += (x - *mean) * (x - *mean);
    }
  *sd = k > 1 ? sqrt (sumsq / (k - 1)) : NAN;
  *n = k;
}

static GPtrArray *
read_csv (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &text, &len, NULL))
    {
      osim_io_error (error, path, "cannot read", errno);
      return NULL;
    }
  GPtrArray *rows = osim_csv_parse (path, text, len, error);
  if (rows && rows->len == 0)
    {
      g_ptr_array_unref (rows);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE, "%s: empty", path);
      return NULL;
    }
  return rows;
}

/* finals.csv: each run's values. */
static gboolean
read_finals (Folder *f, const char *path, GError **error)
{
  g_autoptr (GPtrArray) rows = read_csv (path, error);
  if (rows == NULL)
    return FALSE;
  char **h = rows->pdata[0];
  int cv = column (h, "variant", path, error), cp = cv < 0 ? -1 : column (h, "policy", path, error);
  int cr = cp < 0 ? -1 : column (h, "run", path, error);
  int cm[N_METRICS];
  for (gsize m = 0; m < N_METRICS; m++)
    if (cr < 0 || (cm[m] = column (h, metrics[m], path, error)) < 0)
      return FALSE;
  for (guint i = 1; i < rows->len; i++)
    {
      char **r = rows->pdata[i];
      Group *g = folder_group (f, r[cv], r[cp]);
      if (g->run == NULL)
        {
          g->run = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (gsize m = 0; m < N_METRICS; m++)
            g->value[m] = g_array_new (FALSE, FALSE, sizeof (double));
        }
      gint64 run = g_ascii_strtoll (r[cr], NULL, 10);
      g_array_append_val (g->run, run);
      for (gsize m = 0; m < N_METRICS; m++)
        {
          double x = number (r[cm[m]]);
          g_array_append_val (g->value[m], x);
        }
    }
  for (guint i = 0; i < f->groups->len; i++)
    {
      Group *g = f->groups->pdata[i];
      for (gsize m = 0; m < N_METRICS; m++)
        moments (g->value[m], &g->mean[m], &g->sd[m], &g->n[m]);
    }
  return TRUE;
}

/* final.csv: means, standard deviations and run counts only. */
static gboolean
read_final (Folder *f, const char *path, GError **error)
{
  g_autoptr (GPtrArray) rows = read_csv (path, error);
  if (rows == NULL)
    return FALSE;
  char **h = rows->pdata[0];
  int cv = column (h, "variant", path, error), cp = cv < 0 ? -1 : column (h, "policy", path, error);
  int cn = cp < 0 ? -1 : column (h, "runs", path, error);
  int cm[N_METRICS], cs[N_METRICS];
  for (gsize m = 0; m < N_METRICS; m++)
    {
      g_autofree char *sd = g_strconcat (metrics[m], "_sd", NULL);
      if (cn < 0 || (cm[m] = column (h, metrics[m], path, error)) < 0
          || (cs[m] = column (h, sd, path, error)) < 0)
        return FALSE;
    }
  for (guint i = 1; i < rows->len; i++)
    {
      char **r = rows->pdata[i];
      Group *g = folder_group (f, r[cv], r[cp]);
      for (gsize m = 0; m < N_METRICS; m++)
        {
          g->mean[m] = number (r[cm[m]]);
          g->sd[m] = number (r[cs[m]]);
          g->n[m] = isnan (g->mean[m]) ? 0 : g_ascii_strtoll (r[cn], NULL, 10);
        }
    }
  return TRUE;
}

static gboolean
folder_read (Folder *f, const char *dir, GError **error)
{
  f->dir = dir;
  f->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  f->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *ini = g_build_filename (dir, "scenario.ini", NULL);
  g_autofree char *final = g_build_filename (dir, "final.csv", NULL);
  g_autofree char *finals = g_build_filename (dir, "finals.csv", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return not_results (error, dir, "no such folder");
  if (!g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, NULL)
      || !g_file_test (final, G_FILE_TEST_IS_REGULAR))
    return not_results (error, dir, "not a results folder (no scenario.ini and final.csv)");
  f->seed = g_key_file_get_value (kf, "scenario", "seed", NULL);
  f->runs = g_key_file_get_int64 (kf, "scenario", "runs", NULL);
  f->per_run = g_file_test (finals, G_FILE_TEST_IS_REGULAR);
  return f->per_run ? read_finals (f, finals, error) : read_final (f, final, error);
}

/* ---- the comparison ---- */

typedef struct
{
  double a, b, diff, lo, hi, p;
  gint64 na, nb;
} Diff;

static double
two_sided_p (double t, double df)
{
  if (isnan (t) || df <= 0)
    return NAN;
  if (isinf (t))
    return 0;
  return osim_incbeta (df / 2, 0.5, df / (df + t * t));
}

/* B - A paired by run number: the runs present in both with both values. */
static Diff
paired (const Group *ga, const Group *gb, gsize m)
{
  Diff d = { ga->mean[m], gb->mean[m], NAN, NAN, NAN, NAN, ga->n[m], gb->n[m] };
  g_autoptr (GHashTable) a_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ga->run->len; i++)
    g_hash_table_insert (a_of, &g_array_index (ga->run, gint64, i),
                         &g_array_index (ga->value[m], double, i));
  g_autoptr (GArray) diffs = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < gb->run->len; i++)
    {
      const double *xa = g_hash_table_lookup (a_of, &g_array_index (gb->run, gint64, i));
      double xb = g_array_index (gb->value[m], double, i);
      if (xa && !isnan (*xa) && !isnan (xb))
        {
          double x = xb - *xa;
          g_array_append_val (diffs, x);
        }
    }
  double mean, sd;
  gint64 n;
  moments (diffs, &mean, &sd, &n);
  d.diff = mean;
  if (n > 1)
    {
      double se = sd / sqrt ((double) n), q = osim_t_quantile (0.975, (double) (n - 1));
      d.lo = mean - q * se;
      d.hi = mean + q * se;
      d.p = se > 0 ? two_sided_p (mean / se, (double) (n - 1)) : (mean == 0 ? 1 : 0);
    }
  return d;
}

/* B - A by Welch's unpaired t-test. */
static Diff
welch (const Group *ga, const Group *gb, gsize m)
{
  Diff d = { ga->mean[m], gb->mean[m], gb->mean[m] - ga->mean[m], NAN, NAN, NAN, ga->n[m],
             gb->n[m] };
  if (ga->n[m] < 2 || gb->n[m] < 2 || isnan (ga->sd[m]) || isnan (gb->sd[m]))
    return d;
  double va = ga->sd[m] * ga->sd[m] / ga->n[m], vb = gb->sd[m] * gb->sd[m] / gb->n[m];
  double se = sqrt (va + vb);
  if (se == 0)
    {
      d.lo = d.hi = d.diff;
      d.p = d.diff == 0 ? 1 : 0;
      return d;
    }
  double df = (va + vb) * (va + vb)
              / (va * va / (ga->n[m] - 1) + vb * vb / (gb->n[m] - 1));
  double q = osim_t_quantile (0.975, df);
  d.lo = d.diff - q * se;
  d.hi = d.diff + q * se;
  d.p = two_sided_p (d.diff / se, df);
  return d;
}

/* Why the two folders are or are not paired, for the table's first line. */
static char *
pairing_reason (const Folder *a, const Folder *b, gboolean *pair)
{
  *pair = FALSE;
  if (!a->per_run || !b->per_run)
    return g_strdup_printf ("Welch's unpaired t-test (%s has no finals.csv, each run's values)",
                            !a->per_run ? a->dir : b->dir);
  if (g_strcmp0 (a->seed, b->seed) != 0)
    return g_strdup_printf ("Welch's unpaired t-test (the seeds differ: %s and %s)",
                            a->seed ? a->seed : "?", b->seed ? b->seed : "?");
  if (a->runs != b->runs)
    return g_strdup_printf ("Welch's unpaired t-test (the runs differ: %" G_GINT64_FORMAT
                            " and %" G_GINT64_FORMAT ")",
                            a->runs, b->runs);
  *pair = TRUE;
  return g_strdup_printf ("paired by run (same seed %s and %" G_GINT64_FORMAT
                          " runs: common random numbers)",
                          a->seed, a->runs);
}

static void
csv_num (GString *s, double x)
{
  g_string_append_c (s, ',');
  osim_csv_double (s, x);
}

static void
csv_row (GString *s, const Group *g, const char *test, const Diff *d)
{
  osim_csv_text (s, g->variant);
  g_string_append_c (s, ',');
  osim_csv_text (s, g->policy);
  g_string_append_printf (s, ",%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, test, d[0].na,
                          d[0].nb);
  for (gsize m = 0; m < N_METRICS; m++)
    {
      csv_num (s, d[m].a);
      csv_num (s, d[m].b);
      csv_num (s, d[m].diff);
      csv_num (s, d[m].lo);
      csv_num (s, d[m].hi);
      csv_num (s, d[m].p);
    }
  g_string_append_c (s, '\n');
}

static void
csv_header (GString *s)
{
  g_string_append (s, "variant,policy,test,runs_a,runs_b");
  for (gsize m = 0; m < N_METRICS; m++)
    {
      const char *n = metrics[m];
      g_string_append_printf (s, ",%s_a,%s_b,%s_diff,%s_diff_ci_lo,%s_diff_ci_hi,%s_diff_p", n,
                              n, n, n, n, n);
    }
  g_string_append_c (s, '\n');
}

static void
table_row (GString *out, int vw, const Group *g, const Diff *d)
{
  char a[32], b[32], c[64], p[16];
  g_snprintf (a, sizeof a, "%.2f", d[0].a);
  g_snprintf (b, sizeof b, "%.2f", d[0].b);
  if (isnan (d[0].lo))
    g_snprintf (c, sizeof c, "%+.2f", d[0].diff);
  else
    g_snprintf (c, sizeof c, "%+.2f [%+.2f, %+.2f]", d[0].diff, d[0].lo, d[0].hi);
  if (isnan (d[0].p))
    g_snprintf (p, sizeof p, "-");
  else if (d[0].p < 0.001)
    g_snprintf (p, sizeof p, "<0.001");
  else
    g_snprintf (p, sizeof p, "%.3f", d[0].p);
  g_string_append_printf (out, "%-*s  %-11s  %14s  %14s  %-26s  %s\n", vw, g->variant, g->policy,
                          a, b, c, p);
}

/* Writes @dir/compare.csv through a temporary file renamed into place. */
static gboolean
write_compare_csv (const char *dir, const GString *s, GError **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    return osim_io_error (error, dir, "cannot create", errno);
  g_autofree char *path = g_build_filename (dir, "compare.csv", NULL);
  if (!g_file_set_contents (path, s->str, (gssize) s->len, error))
    {
      g_prefix_error (error, "compare: ");
      (*error)->domain = OSIM_RUN_ERROR;
      (*error)->code = OSIM_RUN_ERROR_IO;
      return FALSE;
    }
  return TRUE;
}

gboolean
osim_compare (const char *dir_a, const char *dir_b, const char *out_dir, FILE *out,
              GError **error)
{
  Folder a = { 0 }, b = { 0 };
  gboolean ok = folder_read (&a, dir_a, error) && folder_read (&b, dir_b, error);
  gboolean pair = FALSE;
  g_autofree char *reason = ok ? pairing_reason (&a, &b, &pair) : NULL;
  g_autoptr (GString) csv = g_string_new (NULL);
  csv_header (csv);
  int vw = 7, shared = 0;
  for (guint i = 0; ok && i < a.groups->len; i++)
    {
      const Group *ga = a.groups->pdata[i];
      vw = MAX (vw, (int) strlen (ga->variant));
    }
  g_autoptr (GString) table = g_string_new (NULL);
  if (ok)
    {
      g_string_append_printf (table, "A: %s\nB: %s\ntest: %s\n\n", dir_a, dir_b, reason);
      g_string_append_printf (table, "%-*s  %-11s  %14s  %14s  %-26s  %s\n", vw, "variant",
                              "policy", "A final eff.", "B final eff.", "B - A (95% CI)", "p");
    }
  for (guint i = 0; ok && i < a.groups->len; i++)
    {
      const Group *ga = a.groups->pdata[i];
      g_autofree char *key = g_strconcat (ga->variant, "\n", ga->policy, NULL);
      const Group *gb = g_hash_table_lookup (b.by_key, key);
      if (gb == NULL)
        continue;
      Diff d[N_METRICS];
      for (gsize m = 0; m < N_METRICS; m++)
        d[m] = pair ? paired (ga, gb, m) : welch (ga, gb, m);
      table_row (table, vw, ga, d);
      csv_row (csv, ga, pair ? "paired" : "welch", d);
      shared++;
    }
  if (ok && shared == 0)
    ok = not_results (error, dir_b, "has no policy and variant in common with the other folder");
  if (ok && (shared < (int) a.groups->len || shared < (int) b.groups->len))
    g_string_append_printf (table, "(%d policy and variant pairs are in both folders, of %u in A and %u in B; "
                  "only those are compared)\n",
             shared, a.groups->len, b.groups->len);
  ok = ok && write_compare_csv (out_dir, csv, error);
  if (ok)
    fprintf (out, "%swritten: %s/compare.csv\n", table->str, out_dir);
  folder_clear (&a);
  folder_clear (&b);
  return ok;
}

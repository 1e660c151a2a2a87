/* output.c: the results folder (orgsim(1)): CSV writers, atomic replacement,
 * shard files and merging. */
#include "orgsim/output.h"
#include "orgsim/careers.h"
#include "orgsim/import.h"
#include "orgsim/common.h"
#include "orgsim/experiment.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Appends @v in decimal: the CSV rows of a long run hold millions of them. */
static void
csv_int (GString *s, gint64 v)
{
  char buf[24];
  char *c = buf + sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;
  do
    *--c = (char) ('0' + (int) (u % 10));
  while (u /= 10);
  if (v < 0)
    *--c = '-';
  g_string_append_len (s, c, buf + sizeof buf - c);
}

void
osim_csv_double (GString *s, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (x))
    return; /* a missing value is an empty field */
  double ax = fabs (x);
  if (ax == 0)
    {
      g_string_append_c (s, '0');
      return;
    }
  if (!(ax >= 1e-4 && ax < 1e12))
    {
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.8g", x));
      return;
    }
  /* Fixed point with 8 significant digits, trailing zeros trimmed: the same
   * digits printf would give, without its cost (org charts have millions of
   * rows) and without any locale.  decimals = 7 - floor (log10 (ax)), found
   * by comparisons (a value within rounding of a power of ten prints the
   * same either way). */
  static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11 };
  int decimals = 11;
  double scaled = ax * 1e11;
  while (decimals > 0 && scaled >= 1e8)
    scaled = ax * pow10[--decimals];
  /* llround: halves away from zero; exact below 2^53. */
  guint64 v = (guint64) scaled;
  if (scaled - (double) v >= 0.5)
    v++;
  guint64 scale = (guint64) pow10[decimals];
  guint64 ip = v / scale, fp = v % scale;
  char *c = buf + sizeof buf;
  int nd = decimals;
  while (nd > 0 && fp % 10 == 0)
    fp /= 10, nd--;
  for (int i = 0; i < nd; i++, fp /= 10)
    *--c = (char) ('0' + (int) (fp % 10));
  if (nd > 0)
    *--c = '.';
  do
    *--c = (char) ('0' + (int) (ip % 10));
  while (ip /= 10);
  if (x < 0)
    *--c = '-';
  g_string_append_len (s, c, buf + sizeof buf - c);
}

void
osim_csv_text (GString *s, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
}

char *
osim_csv_variant_cells (const OsimScenario *sc, int v)
{
  GString *s = g_string_new (NULL);
  osim_csv_text (s, osim_scenario_variant_name (sc, v));
  for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
    {
      const OsimSweepDim *dim = osim_scenario_sweep_dim (sc, d);
      g_string_append_c (s, ',');
      osim_csv_text (s, dim->values[osim_scenario_variant_coord (sc, v, d)]);
    }
  return g_string_free (s, FALSE);
}

/* "variant", then one column per swept key, named as the key. */
static void
csv_variant_header (GString *s, const OsimScenario *sc)
{
  g_string_append (s, "variant");
  for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
    {
      g_string_append_c (s, ',');
      osim_csv_text (s, osim_scenario_sweep_dim (sc, d)->key);
    }
}

/* osim_csv_variant_cells of every variant. */
static GStrv
variant_cells_all (const OsimScenario *sc)
{
  int nv = osim_scenario_n_variants (sc);
  GStrv cells = g_new0 (char *, nv + 1);
  for (int v = 0; v < nv; v++)
    cells[v] = osim_csv_variant_cells (sc, v);
  return cells;
}

/* Appends ",TEXT" (see osim_csv_text). */
static void
csv_text (GString *s, const char *text)
{
  g_string_append_c (s, ',');
  osim_csv_text (s, text);
}

/* The name of level @k (the scenario resolves one for every level). */
static const char *
level_name (const OsimParams *p, int k)
{
  return p->level_name && p->level_name[k] ? p->level_name[k] : "";
}

/* Starts a row with "VCELLS,policy,N" (@vcells from osim_csv_variant_cells). */
static void
csv_row_start (GString *s, const char *vcells, const char *pname, gint64 n)
{
  g_string_append (s, vcells);
  g_string_append_c (s, ',');
  osim_csv_text (s, pname);
  g_string_append_c (s, ',');
  csv_int (s, n);
}

/* Appends ",x". */
static void
csv_field (GString *s, double x)
{
  g_string_append_c (s, ',');
  osim_csv_double (s, x);
}

static void
csv_summary4 (GString *s, const OsimAcc *acc)
{
  OsimSummary m = osim_acc_summary (acc);
  csv_field (s, m.mean);
  csv_field (s, m.sd);
  csv_field (s, m.ci_lo);
  csv_field (s, m.ci_hi);
}

/* ",mean,ci_lo,ci_hi" of @acc (sd left out). */
static void
csv_mean_ci (GString *s, const OsimAcc *acc)
{
  OsimSummary m = osim_acc_summary (acc);
  csv_field (s, m.mean);
  csv_field (s, m.ci_lo);
  csv_field (s, m.ci_hi);
}

static void
orgchart_row (GString *s, const OsimOrg *org, const double *layout, gint64 i, const char *vcells,
              const char *pname)
{
  const OsimShape *sh = org->shape;
  const OsimPerson *q = &org->people[i];
  gint32 par = sh->parent[i];
  csv_row_start (s, vcells, pname, i);
  g_string_append_c (s, ',');
  csv_int (s, sh->level[i]);
  g_string_append_c (s, ',');
  csv_int (s, par);
  csv_field (s, layout[i]);
  g_string_append_c (s, ',');
  csv_int (s, sh->level[i]);
  csv_field (s, q->C);
  csv_field (s, q->T);
  csv_field (s, q->P);
  csv_field (s, osim_person_effort (org->params, q));
  g_string_append (s, q->willing ? ",1," : ",0,");
  g_string_append (s, q->leader ? "1," : "0,");
  if (par >= 0)
    {
      osim_csv_double (s, layout[par]);
      g_string_append_c (s, ',');
      csv_int (s, sh->level[par]);
    }
  else
    g_string_append (s, ",");
  /* Text last, so that readers splitting on ',' keep the numbers in place. */
  const OsimOrgChart *c = org->params->org_chart;
  csv_text (s, level_name (org->params, sh->level[i]));
  csv_text (s, c ? c->id[i] : "");
  csv_text (s, c && c->title ? c->title[i] : "");
  /* The person imported into a position has number position + 1 (hired in
   * position order); later hires have no name. */
  guint64 number = osim_person_number (q);
  csv_text (s, c && c->name && number <= (guint64) c->n ? c->name[number - 1] : "");
  g_string_append_c (s, '\n');
}

gboolean
osim_csv_orgchart_write (const char *path, const OsimOrg *org, const double *layout, gint64 n,
                         const char *vcells, const char *pname, GError **error)
{
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    return osim_io_error (error, path, "cannot write", errno);
  /* Written in chunks: a million-position chart never sits whole in memory. */
  g_autoptr (GString) s = g_string_sized_new (1 << 17);
  gboolean ok = TRUE;
  for (gint64 i = 0; i < n && ok; i++)
    {
      orgchart_row (s, org, layout, i, vcells, pname);
      if (s->len >= (1 << 16) || i + 1 == n)
        {
          ok = fwrite (s->str, 1, s->len, f) == s->len;
          g_string_truncate (s, 0);
        }
    }
  int err = errno;
  if (fclose (f) != 0 && ok)
    ok = FALSE, err = errno;
  return ok ? TRUE : osim_io_error (error, path, "write failed", err);
}

void
osim_csv_run_rows (GString *s, const OsimSeries *series, const char *vcells, const char *pname,
                   gint64 run, guint64 seed)
{
  for (int t = 0; t <= series->steps; t++)
    {
      csv_row_start (s, vcells, pname, run);
      g_string_append_printf (s, ",%d,%" G_GUINT64_FORMAT, t, seed);
      for (int m = 0; m < OSIM_N_METRICS; m++)
        {
          csv_field (s, series->m[(gsize) t * OSIM_N_METRICS + m]);
        }
      g_string_append_c (s, '\n');
    }
}

/* ---- files and folders ---- */

/* Appends the file @path to the open descriptor @fd: copy_file_range when
 * the kernel can (no copy through user space), else read and write. */
static gboolean
append_file (int fd, const char *path, int *err)
{
  int in = open (path, O_RDONLY);
  if (in < 0)
    return *err = errno, FALSE;
  gboolean ok = TRUE;
  for (;;)
    {
      ssize_t n = copy_file_range (in, NULL, fd, NULL, 1 << 30, 0);
      if (n == 0)
        break;
      if (n > 0)
        continue;
      if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)
        {
          *err = errno, ok = FALSE;
          break;
        }
      char buf[1 << 16];
      ssize_t r;
      while ((r = read (in, buf, sizeof buf)) > 0)
        if (write (fd, buf, (size_t) r) != r)
          {
            *err = errno, ok = FALSE;
            break;
          }
      if (r < 0)
        *err = errno, ok = FALSE;
      break;
    }
  close (in);
  return ok;
}

/* Concatenates the fragment files of @dir/@sub, in name order, after @header
 * into @dir/@name, then removes the fragments unless @keep. */
static gboolean
concat_fragments (const char *dir, const char *sub, const char *name, const char *header,
                  gboolean keep, GError **error)
{
  g_autofree char *fdir = g_build_filename (dir, sub, NULL);
  if (!g_file_test (fdir, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_autoptr (GDir) d = g_dir_open (fdir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, osim_compare_names);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *out = fopen (path, "wb");
  if (out == NULL)
    return osim_io_error (error, path, "cannot write", errno);
  gboolean ok = fputs (header, out) >= 0 && fflush (out) == 0;
  int err = errno;
  for (guint i = 0; i < names->len && ok; i++)
    {
      g_autofree char *fp = g_build_filename (fdir, names->pdata[i], NULL);
      ok = append_file (fileno (out), fp, &err);
    }
  if (fclose (out) != 0 && ok)
    ok = FALSE, err = errno;
  if (!ok)
    return osim_io_error (error, path, "write failed", err);
  if (!keep)
    osim_remove_tree (fdir);
  return TRUE;
}

/* ---- the CSV files ---- */

static void
header_metrics (GString *s, const char *suffixes)
{
  g_auto (GStrv) suf = g_strsplit (suffixes, ",", -1);
  for (int m = 0; m < OSIM_N_METRICS; m++)
    for (int i = 0; suf[i]; i++)
      g_string_append_printf (s, ",%s_%s", osim_metric_name (m), suf[i]);
}

static char *
summary_csv (const OsimScenario *sc, const OsimResults *r)
{
  GString *s = g_string_new (NULL);
  csv_variant_header (s, sc);
  g_string_append (s, ",policy,step,runs");
  header_metrics (s, "mean,sd,ci_lo,ci_hi");
  g_string_append_c (s, '\n');
  const OsimParams *p = osim_scenario_params (sc);
  g_auto (GStrv) cells = variant_cells_all (sc);
  for (int v = 0; v < r->n_variants; v++)
    for (int pi = 0; pi < r->n_policies; pi++)
      for (int t = 0; t <= r->steps; t++)
        {
          const OsimAcc *acc = osim_results_step (r, v, pi, t, 0);
          csv_row_start (s, cells[v], osim_policy_name (p->policies[pi]), t);
          g_string_append_c (s, ',');
          csv_int (s, acc[0].n);
          for (int m = 0; m < OSIM_N_METRICS; m++)
            csv_summary4 (s, &acc[m]);
          g_string_append_c (s, '\n');
        }
  return g_string_free (s, FALSE);
}

/* levels.csv's text: its header (when @from is 0) and the rows of the
 * (variant, policy, step) triples @from to @to - 1, in that order. */
static char *
levels_csv (const OsimScenario *sc, const OsimResults *r, gsize from, gsize to)
{
  GString *s = g_string_new (NULL);
  if (from == 0)
    {
      csv_variant_header (s, sc);
      g_string_append (s, ",policy,step,level");
      for (int i = 0; i < OSIM_N_LEVEL_METRICS; i++)
        {
          const char *n = osim_level_metric_name (i);
          g_string_append_printf (s, ",%s_mean,%s_sd,%s_ci_lo,%s_ci_hi", n, n, n, n);
        }
      g_string_append (s, ",level_name\n");
    }
  const OsimParams *p = osim_scenario_params (sc);
  g_auto (GStrv) cells = variant_cells_all (sc);
  gsize steps = (gsize) r->steps + 1;
  for (gsize row = from; row < to; row++)
    {
      int t = (int) (row % steps);
      int pi = (int) (row / steps % (gsize) r->n_policies);
      int v = (int) (row / steps / (gsize) r->n_policies);
      for (int k = 0; k < r->n_levels; k++)
        {
          const OsimAcc *acc = osim_results_level (r, v, pi, t, k, 0);
          csv_row_start (s, cells[v], osim_policy_name (p->policies[pi]), t);
          g_string_append_c (s, ',');
          csv_int (s, k);
          for (int i = 0; i < OSIM_N_LEVEL_METRICS; i++)
            csv_summary4 (s, &acc[i]);
          csv_text (s, level_name (p, k));
          g_string_append_c (s, '\n');
        }
    }
  return g_string_free (s, FALSE);
}

/* final.csv's header: per metric M, M_final (the mean over runs), M_final_sd,
 * M_final_ci_lo, M_final_ci_hi, then M_vs_baseline and its paired CI;
 * efficiency also has efficiency_initial and efficiency_gain with its CI. */
static void
final_header (GString *s, const OsimScenario *sc)
{
  csv_variant_header (s, sc);
  g_string_append (s, ",policy,runs,efficiency_initial");
  for (int m = 0; m < OSIM_FIRST_COUNT; m++)
    {
      const char *n = osim_metric_name (m);
      g_string_append_printf (s, ",%s_final,%s_final_sd,%s_final_ci_lo,%s_final_ci_hi", n, n, n,
                              n);
      if (m == OSIM_M_EFFICIENCY)
        g_string_append (s, ",efficiency_gain,efficiency_gain_ci_lo,efficiency_gain_ci_hi");
      g_string_append_printf (s, ",%s_vs_baseline,%s_vs_baseline_ci_lo,%s_vs_baseline_ci_hi", n,
                              n, n);
    }
  g_string_append_c (s, '\n');
}

static char *
final_csv (const OsimScenario *sc, const OsimResults *r)
{
  GString *s = g_string_new (NULL);
  final_header (s, sc);
  const OsimParams *p = osim_scenario_params (sc);
  g_auto (GStrv) cells = variant_cells_all (sc);
  for (int v = 0; v < r->n_variants; v++)
    for (int pi = 0; pi < r->n_policies; pi++)
      {
        const OsimAcc *f = osim_results_final (r, v, pi, 0);
        csv_row_start (s, cells[v], osim_policy_name (p->policies[pi]), f[OSIM_F_INITIAL].n);
        csv_field (s, osim_acc_summary (&f[OSIM_F_INITIAL]).mean);
        for (int m = 0; m < OSIM_FIRST_COUNT; m++)
          {
            csv_summary4 (s, &f[OSIM_F_FINAL + m]);
            if (m == OSIM_M_EFFICIENCY)
              csv_mean_ci (s, &f[OSIM_F_GAIN]);
            csv_mean_ci (s, &f[OSIM_F_DIFF + m]);
          }
        g_string_append_c (s, '\n');
      }
  return g_string_free (s, FALSE);
}

/* The numeric sweep key with the most values (the first on ties), or -1. */
static int
sweep_x_dim (const OsimScenario *sc)
{
  int best = -1;
  for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
    {
      const OsimSweepDim *dim = osim_scenario_sweep_dim (sc, d);
      gboolean numeric = TRUE;
      for (int i = 0; i < dim->n_values && numeric; i++)
        {
          char *end = NULL;
          g_ascii_strtod (dim->values[i], &end);
          numeric = end != dim->values[i] && *end == '\0';
        }
      if (numeric && (best < 0 || dim->n_values > osim_scenario_sweep_dim (sc, best)->n_values))
        best = d;
    }
  return best;
}

/* The series a (variant, policy) belongs to in sweep.csv: the policy and the
 * settings of every swept key but the x axis's, e.g. "transfer=peter / best". */
static char *
series_label (const OsimScenario *sc, int v, OsimPolicy policy, int xd)
{
  GString *label = g_string_new (NULL);
  for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
    if (d != xd)
      {
        const OsimSweepDim *dim = osim_scenario_sweep_dim (sc, d);
        g_string_append_printf (label, "%s=%s / ", strrchr (dim->key, '.') + 1,
                                dim->values[osim_scenario_variant_coord (sc, v, d)]);
      }
  g_string_append (label, osim_policy_name (policy));
  return g_string_free (label, FALSE);
}

static char *
sweep_csv (const OsimScenario *sc, const OsimResults *r, int xd)
{
  GString *s = g_string_new (NULL);
  csv_variant_header (s, sc);
  g_string_append (s, ",policy,series_id,series,x_key,x,efficiency_gain,efficiency_gain_ci_lo,"
                      "efficiency_gain_ci_hi,efficiency_vs_baseline,efficiency_vs_baseline_ci_lo,"
                      "efficiency_vs_baseline_ci_hi,efficiency_final,efficiency_final_ci_lo,"
                      "efficiency_final_ci_hi,willing_share_final,willing_share_final_ci_lo,"
                      "willing_share_final_ci_hi\n");
  const OsimParams *p = osim_scenario_params (sc);
  g_auto (GStrv) cells = variant_cells_all (sc);
  const OsimSweepDim *xdim = osim_scenario_sweep_dim (sc, xd);
  /* Number the series in order of first appearance (policy-major), then
   * write each series' rows in order of x. */
  gsize nvp = (gsize) r->n_variants * r->n_policies;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *series_of = g_new (guint, nvp); /* [v * np + pi] */
  for (int pi = 0; pi < r->n_policies; pi++)
    for (int v = 0; v < r->n_variants; v++)
      {
        char *l = series_label (sc, v, p->policies[pi], xd);
        gpointer id;
        if (!g_hash_table_lookup_extended (ids, l, NULL, &id))
          {
            id = GUINT_TO_POINTER (labels->len);
            g_ptr_array_add (labels, l);
            g_hash_table_insert (ids, l, id);
          }
        else
          g_free (l);
        series_of[(gsize) v * r->n_policies + pi] = GPOINTER_TO_UINT (id);
      }
  for (guint id = 0; id < labels->len; id++)
    for (int xi = 0; xi < xdim->n_values; xi++)
      for (int v = 0; v < r->n_variants; v++)
        for (int pi = 0; pi < r->n_policies; pi++)
          {
            if (osim_scenario_variant_coord (sc, v, xd) != xi
                || series_of[(gsize) v * r->n_policies + pi] != id)
              continue;
            const OsimAcc *f = osim_results_final (r, v, pi, 0);
            csv_row_start (s, cells[v], osim_policy_name (p->policies[pi]), id);
            g_string_append_c (s, ',');
            osim_csv_text (s, labels->pdata[id]);
            g_string_append_c (s, ',');
            osim_csv_text (s, xdim->key);
            g_string_append_c (s, ',');
            osim_csv_text (s, xdim->values[xi]);
            csv_mean_ci (s, &f[OSIM_F_GAIN]);
            csv_mean_ci (s, &f[OSIM_F_DIFF + OSIM_M_EFFICIENCY]);
            csv_mean_ci (s, &f[OSIM_F_FINAL + OSIM_M_EFFICIENCY]);
            csv_mean_ci (s, &f[OSIM_F_FINAL + OSIM_M_WILLING]);
            g_string_append_c (s, '\n');
          }
  return g_string_free (s, FALSE);
}

char *
osim_output_labels_csv (const OsimScenario *sc)
{
  const OsimParams *p = osim_scenario_params (sc);
  GString *s = g_string_new ("kind,key,label\n");
  g_string_append (s, "scenario,name");
  csv_text (s, p->name);
  g_string_append (s, "\nscenario,description");
  csv_text (s, p->description);
  g_string_append_c (s, '\n');
  for (int i = 0; i < p->n_policies; i++)
    {
      g_string_append_printf (s, "policy,%s", osim_policy_name (p->policies[i]));
      csv_text (s, osim_policy_label (p, p->policies[i]));
      g_string_append_c (s, '\n');
    }
  for (int k = 0; k < p->n_levels; k++)
    {
      g_string_append_printf (s, "level,%d", k);
      csv_text (s, level_name (p, k));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

void
osim_finals_header (GString *s, const OsimScenario *sc)
{
  csv_variant_header (s, sc);
  g_string_append (s, ",policy,run,seed");
  for (int k = 0; k < OSIM_N_RUN_FINALS; k++)
    g_string_append_printf (s, ",%s", osim_run_final_names[k]);
  g_string_append_c (s, '\n');
}

/* finals.csv, with the rows of the runs of shard @shard_index of @shard_count
 * only (all with @shard_index 0). */
static char *
finals_csv (const OsimScenario *sc, const OsimResults *r, int shard_index, int shard_count)
{
  GString *s = g_string_new (NULL);
  osim_finals_header (s, sc);
  const OsimParams *p = osim_scenario_params (sc);
  g_auto (GStrv) cells = variant_cells_all (sc);
  for (int v = 0; v < r->n_variants; v++)
    for (int pi = 0; pi < r->n_policies; pi++)
      for (gint64 run = 0; run < r->runs; run++)
        {
          if (shard_index > 0 && !osim_shard_has_run (shard_index, shard_count, run))
            continue;
          const double *rf = osim_results_run_final (r, v, pi, run);
          csv_row_start (s, cells[v], osim_policy_name (p->policies[pi]), run);
          g_string_append_printf (s, ",%" G_GUINT64_FORMAT, p->seed);
          for (int k = 0; k < OSIM_N_RUN_FINALS; k++)
            csv_field (s, rf[k]);
          g_string_append_c (s, '\n');
        }
  return g_string_free (s, FALSE);
}

/* The columns of orgchart.csv and people.csv after the variant's. */
static const char orgchart_columns[]
    = "policy,position,level,parent,x,y,competence,technical,people,effort,willing,leader,"
      "parent_x,parent_y,level_name,id,title,name\n";

/* The variant's columns, then ",@columns" (which ends the line). */
static char *
variant_header (const OsimScenario *sc, const char *columns)
{
  GString *s = g_string_new (NULL);
  csv_variant_header (s, sc);
  g_string_append_c (s, ',');
  g_string_append (s, columns);
  return g_string_free (s, FALSE);
}

static char *
runs_header (const OsimScenario *sc)
{
  GString *s = g_string_new (NULL);
  csv_variant_header (s, sc);
  g_string_append (s, ",policy,run,step,seed");
  for (int m = 0; m < OSIM_N_METRICS; m++)
    g_string_append_printf (s, ",%s", osim_metric_name (m));
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

/* The lines that head scenario.ini: the orgsim version and command line. */
static char *provenance;

void
osim_output_set_provenance (const char *lines)
{
  g_free (provenance);
  provenance = g_strdup (lines);
}

char *
osim_output_provenance_of (const char *ini)
{
  GString *s = g_string_new (NULL);
  const char *line = ini;
  while (g_str_has_prefix (line, "# orgsim ") || g_str_has_prefix (line, "# command: "))
    {
      const char *nl = strchr (line, '\n');
      if (nl == NULL)
        break;
      g_string_append_len (s, line, nl + 1 - line);
      line = nl + 1;
    }
  return g_string_free (s, FALSE);
}

/* The first rows of levels.csv's text, built on a thread of their own. */
typedef struct
{
  const OsimScenario *sc;
  const OsimResults *r;
  gsize to;
} LevelsJob;

static gpointer
levels_thread (gpointer data)
{
  const LevelsJob *j = data;
  return levels_csv (j->sc, j->r, 0, j->to);
}

gboolean
osim_output_write (const OsimScenario *sc, const OsimResults *r, const char *dir,
                   int shard_index, int shard_count, gboolean keep_fragments, int jobs,
                   GError **error)
{
  /* levels.csv is the largest text.  With two or more jobs, a second thread
   * builds its first 70% of rows while this one builds summary.csv (about
   * 40% of the levels' text), final.csv and the rest: the same bytes, in
   * about half the time. */
  gsize rows = (gsize) r->n_variants * r->n_policies * ((gsize) r->steps + 1);
  LevelsJob lj = { sc, r, rows * 7 / 10 };
  GThread *lt = jobs > 1 ? g_thread_try_new ("levels", levels_thread, &lj, NULL) : NULL;
  if (lt == NULL)
    lj.to = 0;
  g_autofree char *resolved = osim_scenario_to_ini (sc);
  g_autofree char *ini = g_strconcat (provenance ? provenance : "", resolved, NULL);
  g_autofree char *summary = summary_csv (sc, r);
  g_autofree char *final = final_csv (sc, r);
  g_autofree char *levels_rest = levels_csv (sc, r, lj.to, rows);
  g_autofree char *levels_first = lt ? g_thread_join (lt) : NULL;
  /* Written one after the other: levels.csv is never joined in memory. */
  const char *levels[] = { levels_first ? levels_first : "", levels_rest };
  const gssize levels_lens[] = { -1, -1 };
  g_autofree char *runs_hdr = runs_header (sc);
  g_autofree char *org_hdr = variant_header (sc, orgchart_columns);
  g_autofree char *careers_hdr = variant_header (sc, osim_careers_columns ());
  g_autofree char *labels = osim_output_labels_csv (sc);
  if (!osim_write_file (dir, "scenario.ini", ini, -1, error)
      || !osim_write_file (dir, "labels.csv", labels, -1, error)
      || !osim_write_file (dir, "summary.csv", summary, -1, error)
      || !osim_write_file (dir, "final.csv", final, -1, error)
      || !osim_write_file_parts (dir, "levels.csv", levels, levels_lens, 2, error)
      || !concat_fragments (dir, "orgchart.d", "orgchart.csv", org_hdr, keep_fragments,
                            error)
      || !concat_fragments (dir, "runs.d", "runs.csv", runs_hdr, keep_fragments, error)
      || !concat_fragments (dir, "people.d", "people.csv", org_hdr, keep_fragments, error)
      || !concat_fragments (dir, "careers.d", "careers.csv", careers_hdr, keep_fragments,
                            error))
    return FALSE;
  if (r->run_final)
    {
      g_autofree char *finals = finals_csv (sc, r, shard_index, shard_count);
      if (!osim_write_file (dir, "finals.csv", finals, -1, error))
        return FALSE;
    }
  int xd = sweep_x_dim (sc);
  if (xd >= 0)
    {
      g_autofree char *sweep = sweep_csv (sc, r, xd);
      if (!osim_write_file (dir, "sweep.csv", sweep, -1, error))
        return FALSE;
    }
  if (shard_index > 0)
    {
      g_autofree char *acc = osim_results_to_text (r);
      g_autofree char *runs_d = g_build_filename (dir, "runs.d", NULL);
      g_autofree char *shard = g_strdup_printf (
          "[shard]\nindex=%d\ncount=%d\nper_run=%s\n", shard_index, shard_count,
          g_file_test (runs_d, G_FILE_TEST_IS_DIR) ? "true" : "false");
      if (!osim_write_file (dir, "accumulators.txt", acc, -1, error)
          || !osim_write_file (dir, "shard.ini", shard, -1, error))
        return FALSE;
    }
  return TRUE;
}

void
osim_output_print_table (FILE *out, const OsimScenario *sc, const OsimResults *r)
{
  const OsimParams *p = osim_scenario_params (sc);
  gboolean lead = FALSE;
  int vw = 7;
  for (int v = 0; v < r->n_variants; v++)
    {
      vw = MAX (vw, (int) strlen (osim_scenario_variant_name (sc, v)));
      lead |= osim_scenario_variant (sc, v)->effort_enabled;
    }
  int lw = 14;
  for (int pi = 0; pi < r->n_policies; pi++)
    lw = MAX (lw, (int) g_utf8_strlen (osim_policy_label (p, p->policies[pi]), -1));
  /* The last column is padded only when another follows it. */
  int cw = lead ? 27 : 0;
  fprintf (out, "%-*s  %-11s  %-*s  %-25s  %-24s  %-*s%s\n", vw, "variant", "policy", lw,
           "in plain words", "final efficiency (95% CI)", "gain, points", cw,
           "vs baseline (paired 95% CI)", lead ? "  willing share (95% CI)" : "");
  for (int v = 0; v < r->n_variants; v++)
    for (int pi = 0; pi < r->n_policies; pi++)
      {
        const OsimAcc *f = osim_results_final (r, v, pi, 0);
        OsimSummary fin = osim_acc_summary (&f[OSIM_F_FINAL + OSIM_M_EFFICIENCY]);
        OsimSummary gain = osim_acc_summary (&f[OSIM_F_GAIN]);
        OsimSummary diff = osim_acc_summary (&f[OSIM_F_DIFF + OSIM_M_EFFICIENCY]);
        OsimSummary will = osim_acc_summary (&f[OSIM_F_FINAL + OSIM_M_WILLING]);
        char a[64], b[64], c[64], d[64] = "";
        g_snprintf (a, sizeof a, "%.2f [%.2f, %.2f]", fin.mean, fin.ci_lo, fin.ci_hi);
        g_snprintf (b, sizeof b, "%+.2f [%+.2f, %+.2f]", gain.mean, gain.ci_lo, gain.ci_hi);
        if (p->policies[pi] == p->baseline)
          g_snprintf (c, sizeof c, "(baseline)");
        else
          g_snprintf (c, sizeof c, "%+.2f [%+.2f, %+.2f]", diff.mean, diff.ci_lo, diff.ci_hi);
        if (lead && !isnan (will.mean))
          g_snprintf (d, sizeof d, "  %.3f [%.3f, %.3f]", will.mean, will.ci_lo, will.ci_hi);
        const char *label = osim_policy_label (p, p->policies[pi]);
        /* Pad by characters, not bytes: a label may be any UTF-8 text. */
        int pad = lw + (int) strlen (label) - (int) g_utf8_strlen (label, -1);
        fprintf (out, "%-*s  %-11s  %-*s  %-25s  %-24s  %-*s%s\n", vw,
                 osim_scenario_variant_name (sc, v), osim_policy_name (p->policies[pi]), pad,
                 label, a, b, cw, c, d);
      }
}

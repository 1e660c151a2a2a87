/* plotdata.c: preparing a results folder's data for the chart scripts.
 *
 * The scripts never read the results folder itself: they read cleaned, tab-separated
 * copies made here in a private folder (text with its control characters blanked, cut
 * to the variants a chart can show), and params.gp, where every text (scenario name,
 * description, policy and level labels) is a single-quoted gnuplot string.  So no text
 * from a file or a path is ever evaluated by gnuplot or a shell. */
#include "orgsim/plotdata.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orgsim/common.h"

/* The most variants drawn as panels or clusters, and sweep series drawn as lines. */
#define OSIM_PLOT_MAX_VARIANTS 12
#define OSIM_PLOT_MAX_SERIES 10
/* Org chart rows copied per policy: enough for every level the chart can show. */
#define OSIM_PLOT_ORG_ROWS 5000
/* Heat map panels (policies compared with the baseline). */
#define OSIM_PLOT_MAX_HEAT 4

/* The names the scripts use for a file's columns, and another name the same column has
 * in results folders of other orgsim versions (so both plot). */
static const char *const aliases[][3] = {
  { "levels.csv", "leader_share_mean", "leader_share" },
  { "levels.csv", "willing_share_mean", "willing_share" },
  { "final.csv", "efficiency_vs_baseline", "vs_baseline" },
  { "final.csv", "efficiency_vs_baseline_ci_lo", "vs_baseline_ci_lo" },
  { "final.csv", "efficiency_vs_baseline_ci_hi", "vs_baseline_ci_hi" },
  { "final.csv", "efficiency_gain", "gain" },
  { "final.csv", "efficiency_gain_ci_lo", "gain_ci_lo" },
  { "final.csv", "efficiency_gain_ci_hi", "gain_ci_hi" },
  { "sweep.csv", "efficiency_gain", "gain" },
  { "sweep.csv", "efficiency_gain_ci_lo", "gain_ci_lo" },
  { "sweep.csv", "efficiency_gain_ci_hi", "gain_ci_hi" },
};

/* The columns each file must have (by the names the scripts use). */
typedef struct
{
  const char *file;
  const char *cols;
} Needs;

static const Needs needs[] = {
  { "summary.csv", "variant policy step runs efficiency_mean efficiency_ci_lo efficiency_ci_hi "
                   "willing_share_mean willing_share_ci_lo willing_share_ci_hi" },
  { "final.csv", "variant policy runs efficiency_final efficiency_gain efficiency_gain_ci_lo "
                 "efficiency_gain_ci_hi efficiency_vs_baseline efficiency_vs_baseline_ci_lo "
                 "efficiency_vs_baseline_ci_hi" },
  { "levels.csv", "variant policy step level competence_mean leader_share_mean "
                  "leader_share_ci_lo leader_share_ci_hi" },
  { "orgchart.csv", "variant policy level x y technical people willing leader parent_x parent_y" },
  { "sweep.csv", "series_id series policy x_key x efficiency_gain efficiency_gain_ci_lo "
                 "efficiency_gain_ci_hi" },
};

/* One row of final.csv. */
typedef struct
{
  char *variant, *policy;
  double gain, eff, vs, vs_lo, vs_hi, w, w_lo, w_hi;
  char *kv[2]; /* the values of the first two swept keys */
} FinalRow;

typedef struct
{
  const char *dir, *work, *style;
  GKeyFile *ini;
  char *name, *description, *baseline;
  GStrv policies;
  GPtrArray *final;    /* FinalRow * */
  GPtrArray *variants; /* char *, in file order */
  GHashTable *keep;    /* variant -> itself; NULL: every variant */
  char *variant_note, *sweep_note, *best;
  GHashTable *plabel; /* policy -> label */
  GPtrArray *lname;   /* level -> name ("" when none) */
  GStrv sweep_keys;
  gint64 org_count; /* positions in the org chart (the baseline's) */
  int org_levels;
  gboolean named; /* the name is a plain label (labels.csv) */
  volatile gint *cancel;
} Prep;

static void
final_row_free (gpointer p)
{
  FinalRow *r = p;
  g_free (r->variant);
  g_free (r->policy);
  g_free (r->kv[0]);
  g_free (r->kv[1]);
  g_free (r);
}

static void
prep_clear (Prep *p)
{
  g_clear_pointer (&p->ini, g_key_file_unref);
  g_free (p->name);
  g_free (p->description);
  g_free (p->baseline);
  g_strfreev (p->policies);
  g_clear_pointer (&p->final, g_ptr_array_unref);
  g_clear_pointer (&p->variants, g_ptr_array_unref);
  g_clear_pointer (&p->keep, g_hash_table_unref);
  g_free (p->variant_note);
  g_free (p->sweep_note);
  g_free (p->best);
  g_clear_pointer (&p->plabel, g_hash_table_unref);
  g_clear_pointer (&p->lname, g_ptr_array_unref);
  g_strfreev (p->sweep_keys);
}

/* Whether a signal asked us to stop; sets @error when so. */
static gboolean
cancelled (const Prep *p, GError **error)
{
  if (p->cancel == NULL || !g_atomic_int_get (p->cancel))
    return FALSE;
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED,
                         "interrupted: no chart replaced, earlier charts left as they were");
  return TRUE;
}

static char *
in_dir (const char *dir, const char *name)
{
  return g_build_filename (dir, name, NULL);
}

gboolean
osim_plot_has_file (const char *dir, const char *name)
{
  g_autofree char *path = in_dir (dir, name);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The column of @csv (the file @file) that the scripts call @name: itself or its other
 * name. */
static int
file_col (const OsimCsv *csv, const char *file, const char *name)
{
  int c = osim_csv_col (csv, name);
  for (gsize i = 0; c < 0 && i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i][0], file) == 0 && strcmp (aliases[i][1], name) == 0)
      c = osim_csv_col (csv, aliases[i][2]);
  return c;
}

static int
need_col (const OsimCsv *csv, const char *file, const char *name, GError **error)
{
  int c = file_col (csv, file, name);
  if (c < 0)
    osim_csv_need (csv, name, error);
  return c;
}

/* Fails unless @csv (the file @file) has every column the scripts read. */
static gboolean
check_needs (const OsimCsv *csv, const char *file, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      if (strcmp (needs[i].file, file) != 0)
        continue;
      g_auto (GStrv) cols = g_strsplit (needs[i].cols, " ", -1);
      for (int j = 0; cols[j] != NULL; j++)
        if (need_col (csv, file, cols[j], error) < 0)
          return FALSE;
    }
  return TRUE;
}

/* ---- scenario.ini and labels.csv ---- */

static void
set_str (char **dst, const char *src)
{
  char *copy = g_strdup (src);
  g_free (*dst);
  *dst = copy;
}

static char *
ini_get (GKeyFile *kf, const char *group, const char *key)
{
  char *v = g_key_file_get_string (kf, group, key, NULL);
  return v != NULL ? g_strstrip (v) : g_strdup ("");
}

static gboolean
load_ini (Prep *p, GError **error)
{
  g_autofree char *path = in_dir (p->dir, "scenario.ini");
  p->ini = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_file (p->ini, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s: cannot read: %s (run the scenario again)", path, local->message);
      return FALSE;
    }
  p->name = ini_get (p->ini, "scenario", "name");
  p->description = ini_get (p->ini, "scenario", "description");
  p->baseline = ini_get (p->ini, "scenario", "baseline");
  g_autofree char *pol = ini_get (p->ini, "scenario", "policies");
  p->policies = g_strsplit (pol, ";", -1);
  if (*p->baseline == '\0' && p->policies[0] != NULL)
    set_str (&p->baseline, p->policies[0]);
  p->sweep_keys = g_key_file_get_keys (p->ini, "sweep", NULL, NULL);
  if (p->sweep_keys == NULL)
    p->sweep_keys = g_new0 (char *, 1);
  return TRUE;
}

static void
set_level_name (Prep *p, const char *key, const char *label)
{
  char *end = NULL;
  guint64 l = g_ascii_strtoull (key, &end, 10);
  if (end == key || *end != '\0' || l > 1000)
    return;
  while (p->lname->len <= l)
    g_ptr_array_add (p->lname, g_strdup (""));
  g_free (p->lname->pdata[l]);
  p->lname->pdata[l] = g_strdup (label);
}

/* labels.csv (kind,key,label), when the folder has one: plain names for the scenario,
 * the policies and the levels. */
static gboolean
load_labels (Prep *p, GError **error)
{
  p->plabel = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->lname = g_ptr_array_new_with_free_func (g_free);
  if (!osim_plot_has_file (p->dir, "labels.csv"))
    return TRUE;
  g_autofree char *path = in_dir (p->dir, "labels.csv");
  g_autoptr (OsimCsv) csv = osim_csv_open (path, error);
  if (csv == NULL)
    return FALSE;
  int ck = osim_csv_need (csv, "kind", error), cy = ck < 0 ? -1 : osim_csv_need (csv, "key", error);
  int cl = cy < 0 ? -1 : osim_csv_need (csv, "label", error);
  if (cl < 0)
    return FALSE;
  while (osim_csv_next (csv, error))
    {
      const char *kind = osim_csv_field (csv, ck), *key = osim_csv_field (csv, cy);
      const char *label = osim_csv_field (csv, cl);
      if (*label == '\0')
        continue;
      if (strcmp (kind, "scenario") == 0 && strcmp (key, "name") == 0)
        {
          /* A plain name only when it is not the short name again. */
          p->named = strcmp (label, p->name) != 0;
          set_str (&p->name, label);
        }
      else if (strcmp (kind, "scenario") == 0 && strcmp (key, "description") == 0)
        set_str (&p->description, label);
      else if (strcmp (kind, "policy") == 0)
        g_hash_table_replace (p->plabel, g_strdup (key), g_strdup (label));
      else if (strcmp (kind, "level") == 0)
        set_level_name (p, key, label);
    }
  return error == NULL || *error == NULL;
}

static const char *
plabel (const Prep *p, const char *policy)
{
  const char *l = g_hash_table_lookup (p->plabel, policy);
  return l != NULL ? l : policy;
}

/* ---- final.csv: the variants, their effects, the best alternative ---- */

/* The value of swept key @key in a row: its own column, else "key=value" in variant. */
static char *
swept_value (const OsimCsv *csv, int col, const char *variant, const char *key)
{
  if (col >= 0)
    return g_strdup (osim_csv_field (csv, col));
  g_auto (GStrv) words = g_strsplit (variant, " ", -1);
  gsize kl = strlen (key);
  for (int i = 0; words[i] != NULL; i++)
    if (strncmp (words[i], key, kl) == 0 && words[i][kl] == '=')
      return g_strdup (words[i] + kl + 1);
  return NULL;
}

static gboolean
load_final (Prep *p, GError **error)
{
  p->final = g_ptr_array_new_with_free_func (final_row_free);
  p->variants = g_ptr_array_new_with_free_func (g_free);
  if (!osim_plot_has_file (p->dir, "final.csv"))
    return TRUE;
  g_autofree char *path = in_dir (p->dir, "final.csv");
  g_autoptr (OsimCsv) csv = osim_csv_open (path, error);
  if (csv == NULL || !check_needs (csv, "final.csv", error))
    return FALSE;
  int cv = file_col (csv, "final.csv", "variant"), cp = file_col (csv, "final.csv", "policy"),
      cg = file_col (csv, "final.csv", "efficiency_gain");
  int ce = file_col (csv, "final.csv", "efficiency_final");
  int cs = file_col (csv, "final.csv", "efficiency_vs_baseline");
  int csl = file_col (csv, "final.csv", "efficiency_vs_baseline_ci_lo");
  int csh = file_col (csv, "final.csv", "efficiency_vs_baseline_ci_hi");
  int cw = file_col (csv, "final.csv", "willing_share_vs_baseline");
  int cwl = file_col (csv, "final.csv", "willing_share_vs_baseline_ci_lo");
  int cwh = file_col (csv, "final.csv", "willing_share_vs_baseline_ci_hi");
  int nk = (int)MIN (2, g_strv_length (p->sweep_keys));
  int ck[2] = { -1, -1 };
  for (int k = 0; k < nk; k++)
    ck[k] = osim_csv_col (csv, p->sweep_keys[k]);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  while (!cancelled (p, error) && osim_csv_next (csv, error))
    {
      FinalRow *r = g_new0 (FinalRow, 1);
      r->variant = g_strdup (osim_csv_field (csv, cv));
      r->policy = g_strdup (osim_csv_field (csv, cp));
      r->gain = osim_csv_num (csv, cg);
      r->eff = osim_csv_num (csv, ce);
      r->vs = osim_csv_num (csv, cs);
      r->vs_lo = osim_csv_num (csv, csl);
      r->vs_hi = osim_csv_num (csv, csh);
      r->w = 100 * osim_csv_num (csv, cw);
      r->w_lo = 100 * osim_csv_num (csv, cwl);
      r->w_hi = 100 * osim_csv_num (csv, cwh);
      for (int k = 0; k < nk; k++)
        r->kv[k] = swept_value (csv, ck[k], r->variant, p->sweep_keys[k]);
      g_ptr_array_add (p->final, r);
      if (!g_hash_table_contains (seen, r->variant))
        {
          char *v = g_strdup (r->variant);
          g_ptr_array_add (p->variants, v);
          g_hash_table_add (seen, v);
        }
    }
  return error == NULL || *error == NULL;
}

typedef struct
{
  guint index;
  double effect;
} Ranked;

static int
by_effect_desc (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->effect != y->effect)
    return x->effect < y->effect ? 1 : -1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
by_index (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Too many variants for a readable chart: the first (the scenario as written) and those
 * with the largest effect, |difference from the baseline| (or |gain| for one policy). */
static void
choose_variants (Prep *p)
{
  guint nv = p->variants->len;
  if (nv <= OSIM_PLOT_MAX_VARIANTS)
    return;
  g_autoptr (GHashTable) effect = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean paired = g_strv_length (p->policies) > 1;
  for (guint i = 0; i < p->final->len; i++)
    {
      const FinalRow *r = p->final->pdata[i];
      double e = fabs (paired ? r->vs : r->gain);
      double *cur = g_hash_table_lookup (effect, r->variant);
      if (cur == NULL)
        {
          cur = g_new0 (double, 1);
          g_hash_table_insert (effect, r->variant, cur);
        }
      if (isfinite (e) && e > *cur)
        *cur = e;
    }
  g_autofree Ranked *rank = g_new (Ranked, nv - 1);
  for (guint v = 1; v < nv; v++)
    {
      double *e = g_hash_table_lookup (effect, p->variants->pdata[v]);
      rank[v - 1] = (Ranked){ v, e != NULL ? *e : 0 };
    }
  qsort (rank, nv - 1, sizeof *rank, by_effect_desc);
  guint top = OSIM_PLOT_MAX_VARIANTS - 1;
  qsort (rank, top, sizeof *rank, by_index);
  p->keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (p->keep, p->variants->pdata[0]);
  for (guint i = 0; i < top; i++)
    g_hash_table_add (p->keep, p->variants->pdata[rank[i].index]);
  p->variant_note = g_strdup_printf (
      "%d of %u variants shown: the first and the %u with the largest %s.", OSIM_PLOT_MAX_VARIANTS,
      nv, top, paired ? "difference from the baseline policy" : "efficiency gain");
}

/* The alternative to show beside the baseline: the largest difference from it in the
 * first variant (else the first other policy). */
static void
choose_best (Prep *p)
{
  double best = -INFINITY;
  const char *first = p->variants->len > 0 ? p->variants->pdata[0] : "";
  for (guint i = 0; i < p->final->len; i++)
    {
      const FinalRow *r = p->final->pdata[i];
      if (strcmp (r->variant, first) != 0 || strcmp (r->policy, p->baseline) == 0)
        continue;
      double e = isfinite (r->vs) ? r->vs : -1e300;
      if (p->best == NULL || e > best)
        {
          best = e;
          set_str (&p->best, r->policy);
        }
    }
  for (int i = 0; p->best == NULL && p->policies[i] != NULL; i++)
    if (strcmp (p->policies[i], p->baseline) != 0)
      p->best = g_strdup (p->policies[i]);
}

/* ---- cleaned copies ---- */

typedef enum
{
  KEEP_VARIANTS,
  KEEP_ORG,
  KEEP_SERIES
} CopyFilter;

typedef struct
{
  CopyFilter filter;
  const char *policy; /* KEEP_ORG: the one policy copied */
  GHashTable *series; /* KEEP_SERIES: the series_id values copied */
  gint64 count;       /* KEEP_ORG: positions in the org (all rows, copied or not) */
  int levels;         /* KEEP_ORG: its levels */
} CopySpec;

static void
write_header (GString *s, const OsimCsv *csv, const char *file)
{
  int n = 0;
  const char *const *h = osim_csv_header (csv, &n);
  for (int i = 0; i < n; i++)
    {
      const char *name = h[i];
      for (gsize a = 0; a < G_N_ELEMENTS (aliases); a++)
        if (strcmp (aliases[a][0], file) == 0 && strcmp (aliases[a][2], name) == 0
            && osim_csv_col (csv, aliases[a][1]) < 0)
          name = aliases[a][1];
      if (i > 0)
        g_string_append_c (s, '\t');
      osim_plot_text_clean (s, name, 200);
    }
  g_string_append_c (s, '\n');
}

static void
write_row (GString *s, const OsimCsv *csv, int n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, '\t');
      osim_plot_text_clean (s, osim_csv_field (csv, i), 400);
    }
  g_string_append_c (s, '\n');
}

static gboolean
flush (GString *s, FILE *out, const char *path, gboolean last, GError **error)
{
  if (s->len < (1 << 16) && !last)
    return TRUE;
  gboolean ok = fwrite (s->str, 1, s->len, out) == s->len;
  g_string_truncate (s, 0);
  if (ok && last)
    ok = fflush (out) == 0;
  if (!ok)
    g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot write: %s", path,
                 g_strerror (errno));
  return ok;
}

/* Copies the rows of @name that @spec keeps into @out. */
static gboolean
copy_rows (const Prep *p, const char *name, CopySpec *spec, FILE *out, const char *out_path,
           gboolean header, GError **error)
{
  g_autofree char *path = in_dir (p->dir, name);
  g_autoptr (OsimCsv) csv = osim_csv_open (path, error);
  if (csv == NULL || !check_needs (csv, name, error))
    return FALSE;
  int n = 0;
  osim_csv_header (csv, &n);
  int cv = file_col (csv, name, "variant"), cp = file_col (csv, name, "policy");
  int cs = file_col (csv, name, "series_id"), cl = file_col (csv, name, "level");
  g_autoptr (GString) s = g_string_new (NULL);
  if (header)
    write_header (s, csv, name);
  g_autofree char *first = NULL;
  gint64 rows = 0, per_level[64] = { 0 }, cum = 0;
  int cut = 64;
  while (!cancelled (p, error) && osim_csv_next (csv, error))
    {
      const char *v = osim_csv_field (csv, cv);
      if (spec->filter == KEEP_VARIANTS && p->keep != NULL && !g_hash_table_contains (p->keep, v))
        continue;
      if (spec->filter == KEEP_SERIES && spec->series != NULL
          && !g_hash_table_contains (spec->series, osim_csv_field (csv, cs)))
        continue;
      if (spec->filter == KEEP_ORG)
        {
          if (first == NULL)
            first = g_strdup (v);
          else if (strcmp (v, first) != 0)
            break; /* orgsim writes variants in blocks: the first is done */
          if (strcmp (osim_csv_field (csv, cp), spec->policy) != 0)
            continue;
          double lv = osim_csv_num (csv, cl);
          gint64 l = isfinite (lv) ? CLAMP ((gint64)lv, 0, 63) : 0;
          spec->count++;
          spec->levels = MAX (spec->levels, (int)l + 1);
          if (l >= cut)
            continue;
          if (per_level[l]++ == 0 && l > 0 && (cum += per_level[l - 1]) > OSIM_PLOT_ORG_ROWS)
            cut = (int)l + 1; /* this level still, as awk counts it; none below */
        }
      write_row (s, csv, n);
      rows++;
      if (!flush (s, out, out_path, FALSE, error))
        return FALSE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  return flush (s, out, out_path, TRUE, error);
}

static gboolean
copy_csv (const Prep *p, const char *name, CopySpec *specs, int nspecs, GError **error)
{
  if (!osim_plot_has_file (p->dir, name))
    return TRUE;
  g_autofree char *out_path = in_dir (p->work, name);
  FILE *out = fopen (out_path, "wb");
  if (out == NULL)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", out_path,
                   g_strerror (errno));
      return FALSE;
    }
  gboolean ok = TRUE;
  for (int i = 0; i < nspecs && ok; i++)
    ok = copy_rows (p, name, &specs[i], out, out_path, i == 0, error);
  if (fclose (out) != 0 && ok)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot write: %s", out_path,
                   g_strerror (errno));
      ok = FALSE;
    }
  return ok;
}

typedef struct
{
  char *id;
  double effect;
} Series;

static void
series_free (gpointer p)
{
  Series *s = p;
  g_free (s->id);
  g_free (s);
}

static int
by_series_effect (const void *a, const void *b)
{
  const Series *x = *(Series *const *)a, *y = *(Series *const *)b;
  return x->effect < y->effect ? 1 : x->effect > y->effect ? -1 : 0;
}

/* sweep.csv with too many series: the series with the largest gain anywhere. */
static gboolean
choose_series (Prep *p, GHashTable **keep, GError **error)
{
  *keep = NULL;
  g_autofree char *path = in_dir (p->dir, "sweep.csv");
  g_autoptr (OsimCsv) csv = osim_csv_open (path, error);
  if (csv == NULL || !check_needs (csv, "sweep.csv", error))
    return FALSE;
  int cs = file_col (csv, "sweep.csv", "series_id"),
      cg = file_col (csv, "sweep.csv", "efficiency_gain");
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (series_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  while (!cancelled (p, error) && osim_csv_next (csv, error))
    {
      const char *id = osim_csv_field (csv, cs);
      Series *s = g_hash_table_lookup (by_id, id);
      if (s == NULL)
        {
          s = g_new0 (Series, 1);
          s->id = g_strdup (id);
          s->effect = -INFINITY;
          g_ptr_array_add (list, s);
          g_hash_table_insert (by_id, s->id, s);
        }
      double g = osim_csv_num (csv, cg);
      if (isfinite (g) && g > s->effect)
        s->effect = g;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  if (list->len <= OSIM_PLOT_MAX_SERIES)
    return TRUE;
  guint n = list->len;
  g_ptr_array_sort (list, by_series_effect);
  *keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < OSIM_PLOT_MAX_SERIES; i++)
    g_hash_table_add (*keep, g_strdup (((Series *)list->pdata[i])->id));
  p->sweep_note = g_strdup_printf ("%d of %u series shown: those with the largest gain.",
                                   OSIM_PLOT_MAX_SERIES, n);
  return TRUE;
}

static gboolean
copy_all (Prep *p, GError **error)
{
  CopySpec all = { .filter = KEEP_VARIANTS };
  if (!copy_csv (p, "summary.csv", &all, 1, error) || !copy_csv (p, "final.csv", &all, 1, error)
      || !copy_csv (p, "levels.csv", &all, 1, error))
    return FALSE;
  /* The org chart: the baseline, then the best alternative (first variant). */
  CopySpec org[2] = { { .filter = KEEP_ORG, .policy = p->baseline },
                      { .filter = KEEP_ORG, .policy = p->best } };
  if (!copy_csv (p, "orgchart.csv", org, p->best != NULL ? 2 : 1, error))
    return FALSE;
  p->org_count = org[0].count;
  p->org_levels = org[0].levels;
  if (!osim_plot_has_file (p->dir, "sweep.csv"))
    return TRUE;
  GHashTable *series = NULL;
  if (!choose_series (p, &series, error))
    return FALSE;
  CopySpec sw = { .filter = KEEP_SERIES, .series = series };
  gboolean ok = copy_csv (p, "sweep.csv", &sw, 1, error);
  g_clear_pointer (&series, g_hash_table_unref);
  return ok;
}

/* ---- params.gp ---- */

static void
gp_set (GString *s, const char *var, const char *text)
{
  g_string_append_printf (s, "%s = ", var);
  osim_plot_gp_string (s, text);
  g_string_append_c (s, '\n');
}

/* An array of @n strings (at least one element: gnuplot has no empty arrays). */
static void
gp_array (GString *s, const char *var, const char *const *items, guint n)
{
  g_string_append_printf (s, "array %s[%u]\n", var, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s[%u]", var, i + 1);
      gp_set (s, name, items[i]);
    }
  if (n == 0)
    g_string_append_printf (s, "%s[1] = ''\n", var);
}

static void
params_labels (GString *s, const Prep *p)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GPtrArray) vals = g_ptr_array_new ();
  for (int i = 0; p->policies[i] != NULL; i++)
    {
      g_ptr_array_add (keys, p->policies[i]);
      g_ptr_array_add (vals, (gpointer)plabel (p, p->policies[i]));
    }
  g_string_append_printf (s, "N_PLABEL = %u\n", keys->len);
  gp_array (s, "PLABEL_KEY", (const char *const *)keys->pdata, keys->len);
  gp_array (s, "PLABEL_VAL", (const char *const *)vals->pdata, vals->len);
  g_string_append_printf (s, "N_LNAME = %u\n", p->lname->len);
  gp_array (s, "LNAME", (const char *const *)p->lname->pdata, p->lname->len);
}

static gboolean
write_file (const char *path, const GString *s, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (g_file_set_contents (path, s->str, (gssize)s->len, &local))
    return TRUE;
  g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s", local->message);
  return FALSE;
}

static gboolean
write_params (const Prep *p, const char *extra, GError **error)
{
  g_autoptr (GString) s = g_string_new ("# Written by orgsim plot: every text single-quoted.\n");
  gp_set (s, "SCENARIO", *p->name != '\0' ? p->name : "unnamed");
  gp_set (s, "DESCRIPTION", p->description);
  /* Under each title: the plain name and the description; a short name only when
   * there is nothing else. */
  g_autofree char *sub = p->named && *p->description != '\0'
                             ? g_strdup_printf ("%s \xe2\x80\x94 %s", p->name, p->description)
                             : g_strdup (*p->description != '\0' ? p->description : p->name);
  gp_set (s, "SUBTITLE", sub);
  gp_set (s, "STYLE", p->style);
  gp_set (s, "BASELINE", p->baseline);
  gp_set (s, "BASELINE_LABEL", plabel (p, p->baseline));
  gp_set (s, "BEST_ALT", p->best != NULL ? p->best : "");
  const char *ini_keys[][3] = { { "STEPS", "scenario", "steps" },
                                { "WINDOW", "scenario", "window" },
                                { "RUNS", "scenario", "runs" },
                                { "THRESHOLD", "effort", "follow_threshold" } };
  for (gsize i = 0; i < G_N_ELEMENTS (ini_keys); i++)
    {
      g_autofree char *v = ini_get (p->ini, ini_keys[i][1], ini_keys[i][2]);
      gp_set (s, ini_keys[i][0], v);
    }
  gp_set (s, "VARIANT_NOTE", p->variant_note != NULL ? p->variant_note : "");
  gp_set (s, "SWEEP_NOTE", p->sweep_note != NULL ? p->sweep_note : "");
  g_string_append_printf (s, "ORG_NTOTAL = %" G_GINT64_FORMAT "\nORG_MLEV = %d\n", p->org_count,
                          p->org_levels);
  params_labels (s, p);
  g_string_append (s, extra);
  g_autofree char *path = in_dir (p->work, "params.gp");
  return write_file (path, s, error);
}

/* ---- the difference chart ---- */

static int
by_vs_asc (gconstpointer a, gconstpointer b)
{
  const FinalRow *x = *(FinalRow *const *)a, *y = *(FinalRow *const *)b;
  double u = isfinite (x->vs) ? x->vs : -1e300, v = isfinite (y->vs) ? y->vs : -1e300;
  return u < v ? -1 : u > v;
}

static void
num (GString *s, double x)
{
  if (isfinite (x))
    g_string_append_printf (s, " %.10g", x);
  else
    g_string_append (s, " NaN");
}

/* difference.dat: one line per policy other than the baseline (first variant), sorted
 * by the difference in efficiency, smallest first (drawn bottom to top). */
static gboolean
write_difference (const Prep *p, GString *params, OsimPlotPrep *out, GError **error)
{
  if (p->variants->len == 0)
    return TRUE;
  const char *first = p->variants->pdata[0];
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  for (guint i = 0; i < p->final->len; i++)
    {
      FinalRow *r = p->final->pdata[i];
      if (strcmp (r->variant, first) == 0 && strcmp (r->policy, p->baseline) != 0)
        g_ptr_array_add (rows, r);
    }
  if (rows->len == 0)
    return TRUE;
  g_ptr_array_sort (rows, by_vs_asc);
  g_autoptr (GString) s = g_string_new ("# i eff eff_lo eff_hi will will_lo will_hi\n");
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  gboolean any_will = FALSE;
  double lo[2] = { 0, 0 }, hi[2] = { 0, 0 }; /* ranges, zero included */
  for (guint i = 0; i < rows->len; i++)
    {
      const FinalRow *r = rows->pdata[i];
      g_string_append_printf (s, "%u", i + 1);
      double v[6] = { r->vs, r->vs_lo, r->vs_hi, r->w, r->w_lo, r->w_hi };
      for (int k = 0; k < 6; k++)
        {
          /* One run has no CI: the mean stands for it (no label at a NaN coordinate). */
          if (k % 3 != 0 && !isfinite (v[k]))
            v[k] = v[k - k % 3];
          num (s, v[k]);
          if (isfinite (v[k]))
            {
              lo[k / 3] = MIN (lo[k / 3], v[k]);
              hi[k / 3] = MAX (hi[k / 3], v[k]);
            }
        }
      g_string_append_c (s, '\n');
      g_ptr_array_add (labels, (gpointer)plabel (p, r->policy));
      g_ptr_array_add (names, r->policy);
      any_will |= isfinite (r->w);
    }
  g_autofree char *path = in_dir (p->work, "difference.dat");
  if (!write_file (path, s, error))
    return FALSE;
  g_string_append_printf (params, "DIFF_N = %u\nDIFF_WILLING = %d\n", rows->len, any_will);
  g_string_append_printf (params, "E_LO = %.10g; E_HI = %.10g; W_LO = %.10g; W_HI = %.10g\n", lo[0],
                          hi[0], lo[1], hi[1]);
  gp_array (params, "DIFF_LBL", (const char *const *)labels->pdata, labels->len);
  gp_array (params, "DIFF_POL", (const char *const *)names->pdata, names->len);
  gp_set (params, "DIFF_VARIANT", p->variants->len > 1 ? first : "");
  out->has_difference = TRUE;
  return TRUE;
}

/* ---- the heat map ---- */

/* The values of swept key @k, numbers in increasing order; NULL when one is not a number. */
static GArray *
numeric_values (const Prep *p, int k)
{
  g_autofree char *raw = ini_get (p->ini, "sweep", p->sweep_keys[k]);
  g_auto (GStrv) items = g_strsplit (raw, ";", -1);
  GArray *vals = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; items[i] != NULL; i++)
    {
      char *end = NULL;
      const char *t = g_strstrip (items[i]);
      double x = g_ascii_strtod (t, &end);
      if (*t == '\0' || *end != '\0' || !isfinite (x))
        {
          g_array_unref (vals);
          return NULL;
        }
      g_array_append_val (vals, x);
    }
  return vals;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int
value_index (const GArray *vals, const char *text)
{
  char *end = NULL;
  double x = text != NULL ? g_ascii_strtod (text, &end) : NAN;
  if (text == NULL || end == text || *end != '\0')
    return -1;
  for (guint i = 0; i < vals->len; i++)
    if (fabs (g_array_index (vals, double, i) - x) <= 1e-9 * MAX (1, fabs (x)))
      return (int)i;
  return -1;
}

static void
gp_values (GString *s, const char *var, const GArray *vals)
{
  g_string_append_printf (s, "array %s[%u]\n", var, vals->len);
  for (guint i = 0; i < vals->len; i++)
    g_string_append_printf (s, "%s[%u] = %.10g\n", var, i + 1, g_array_index (vals, double, i));
}

/* heatmap.dat: "panel x_index y_index value" for a sweep of exactly two numeric keys;
 * the value is the difference from the baseline (a panel per other policy, at most 4),
 * or the final efficiency when one policy was run. */
static gboolean
write_heatmap (const Prep *p, GString *params, OsimPlotPrep *out, GError **error)
{
  guint nk = g_strv_length (p->sweep_keys);
  if (nk != 2)
    {
      out->heatmap_note = g_strdup_printf (nk == 0 ? "heatmap: skipped (no sweep in this scenario)"
                                                   : "heatmap: skipped (%u swept keys: a heat map "
                                                     "is drawn for exactly two numeric ones)",
                                           nk);
      return TRUE;
    }
  g_autoptr (GArray) xs = numeric_values (p, 0);
  g_autoptr (GArray) ys = numeric_values (p, 1);
  if (xs == NULL || ys == NULL)
    {
      out->heatmap_note = g_strdup ("heatmap: skipped (a swept key's values are not all numbers)");
      return TRUE;
    }
  g_array_sort (xs, cmp_double);
  g_array_sort (ys, cmp_double);
  gboolean paired = g_strv_length (p->policies) > 1;
  g_autoptr (GPtrArray) panels = g_ptr_array_new ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  for (int i = 0; p->policies[i] != NULL && panels->len < OSIM_PLOT_MAX_HEAT; i++)
    if (!paired || strcmp (p->policies[i], p->baseline) != 0)
      {
        g_ptr_array_add (panels, p->policies[i]);
        g_ptr_array_add (labels, (gpointer)plabel (p, p->policies[i]));
      }
  g_autoptr (GString) s = g_string_new ("# panel x_index y_index value\n");
  for (guint i = 0; i < p->final->len; i++)
    {
      const FinalRow *r = p->final->pdata[i];
      int xi = value_index (xs, r->kv[0]), yi = value_index (ys, r->kv[1]);
      for (guint k = 0; k < panels->len && xi >= 0 && yi >= 0; k++)
        if (strcmp (r->policy, panels->pdata[k]) == 0)
          {
            g_string_append_printf (s, "%u %d %d", k + 1, xi + 1, yi + 1);
            num (s, paired ? r->vs : r->eff);
            g_string_append_c (s, '\n');
          }
    }
  g_autofree char *path = in_dir (p->work, "heatmap.dat");
  if (!write_file (path, s, error))
    return FALSE;
  gp_set (params, "HM_XKEY", p->sweep_keys[0]);
  gp_set (params, "HM_YKEY", p->sweep_keys[1]);
  g_string_append_printf (params, "HM_PAIRED = %d\nHM_N = %u\n", paired, panels->len);
  gp_values (params, "HM_XV", xs);
  gp_values (params, "HM_YV", ys);
  gp_array (params, "HM_LBL", (const char *const *)labels->pdata, labels->len);
  gp_array (params, "HM_POL", (const char *const *)panels->pdata, panels->len);
  out->has_heatmap = TRUE;
  return TRUE;
}

/* ---- the tornado chart (orgsim robust) ---- */

/* The bars the tornado chart draws, at most this many. */
#define OSIM_PLOT_MAX_BARS 12

typedef struct
{
  GPtrArray *key, *low_label, *high_label; /* char *, one per bar */
  GString *dat;
  double lo, hi, base;
  char *policy, *baseline;
} Tornado;

static void
tornado_clear (Tornado *t)
{
  g_clear_pointer (&t->key, g_ptr_array_unref);
  g_clear_pointer (&t->low_label, g_ptr_array_unref);
  g_clear_pointer (&t->high_label, g_ptr_array_unref);
  if (t->dat != NULL)
    g_string_free (t->dat, TRUE);
  g_free (t->policy);
  g_free (t->baseline);
}

/* Reads tornado.csv's rows (largest effect first) by their column names; keeps the
 * bars that have a length. */
static gboolean
read_tornado (const Prep *p, Tornado *t, GError **error)
{
  g_autofree char *path = in_dir (p->dir, "tornado.csv");
  g_autoptr (OsimCsv) csv = osim_csv_open (path, error);
  if (csv == NULL)
    return FALSE;
  const char *names[]
      = { "parameter", "low_label", "low", "high_label", "high", "base", "policy", "baseline" };
  int c[G_N_ELEMENTS (names)];
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if ((c[i] = osim_csv_need (csv, names[i], error)) < 0)
      return FALSE;
  t->dat = g_string_new ("# bar low high base\n");
  t->base = NAN;
  while (!cancelled (p, error) && osim_csv_next (csv, error))
    {
      double lo = osim_csv_num (csv, c[2]), hi = osim_csv_num (csv, c[4]);
      double base = osim_csv_num (csv, c[5]);
      if (t->policy == NULL)
        {
          t->policy = g_strdup (osim_csv_field (csv, c[6]));
          t->baseline = g_strdup (osim_csv_field (csv, c[7]));
          t->base = base;
        }
      if (!isfinite (lo) || !isfinite (hi) || !isfinite (base) || (lo == base && hi == base)
          || t->key->len >= OSIM_PLOT_MAX_BARS)
        continue;
      g_ptr_array_add (t->key, g_strdup (osim_csv_field (csv, c[0])));
      g_ptr_array_add (t->low_label, g_strdup (osim_csv_field (csv, c[1])));
      g_ptr_array_add (t->high_label, g_strdup (osim_csv_field (csv, c[3])));
      g_string_append_printf (t->dat, "%u", t->key->len);
      num (t->dat, lo);
      num (t->dat, hi);
      num (t->dat, base);
      g_string_append_c (t->dat, '\n');
      t->lo = MIN (t->lo, MIN (lo, base));
      t->hi = MAX (t->hi, MAX (hi, base));
    }
  return error == NULL || *error == NULL;
}

/* tornado.dat ("bar low high base", the bars in order, largest first) and in params.gp
 * TORN_N, TORN_KEY[], TORN_LOW[], TORN_HIGH[] (the settings' labels), TORN_BASE, the
 * range TORN_LO..TORN_HI (0 included), TORN_LABEL and TORN_BASE_LABEL (the two
 * policies' plain labels). */
static gboolean
write_tornado (const Prep *p, GString *params, GError **error)
{
  if (!osim_plot_has_file (p->dir, "tornado.csv"))
    return TRUE;
  Tornado t = { 0 };
  t.key = g_ptr_array_new_with_free_func (g_free);
  t.low_label = g_ptr_array_new_with_free_func (g_free);
  t.high_label = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = read_tornado (p, &t, error);
  if (ok)
    {
      g_autofree char *path = in_dir (p->work, "tornado.dat");
      ok = write_file (path, t.dat, error);
    }
  if (ok)
    {
      g_string_append_printf (params, "TORN_N = %u\nTORN_LO = %.10g; TORN_HI = %.10g\n", t.key->len,
                              t.lo, t.hi);
      g_string_append_printf (params, "TORN_BASE = %.10g\n", isfinite (t.base) ? t.base : 0);
      gp_array (params, "TORN_KEY", (const char *const *)t.key->pdata, t.key->len);
      gp_array (params, "TORN_LOW", (const char *const *)t.low_label->pdata, t.low_label->len);
      gp_array (params, "TORN_HIGH", (const char *const *)t.high_label->pdata, t.high_label->len);
      gp_set (params, "TORN_POLICY", t.policy != NULL ? t.policy : "");
      gp_set (params, "TORN_LABEL", t.policy != NULL ? plabel (p, t.policy) : "");
      gp_set (params, "TORN_BASE_LABEL", t.baseline != NULL ? plabel (p, t.baseline) : "");
    }
  tornado_clear (&t);
  return ok;
}

/* ---- the whole preparation ---- */

gboolean
osim_plot_prepare (const char *results_dir, const char *work, const char *style,
                   volatile gint *cancel, OsimPlotPrep *out, GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  Prep p = { .dir = results_dir, .work = work, .style = style, .cancel = cancel };
  g_autoptr (GString) extra = g_string_new (NULL);
  gboolean ok = load_ini (&p, error) && load_labels (&p, error) && load_final (&p, error);
  if (ok)
    {
      choose_variants (&p);
      choose_best (&p);
      ok = copy_all (&p, error) && write_difference (&p, extra, out, error)
           && write_heatmap (&p, extra, out, error) && write_tornado (&p, extra, error)
           && write_params (&p, extra->str, error);
    }
  prep_clear (&p);
  return ok;
}

void
osim_plot_prep_clear (OsimPlotPrep *prep)
{
  g_clear_pointer (&prep->heatmap_note, g_free);
}

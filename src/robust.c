/* robust.c: one-at-a-time robustness analysis: each setting is the scenario
 * with one key changed, run by the experiment runner; what is kept is each
 * policy's final efficiency and paired difference from the baseline. */
#include "orgsim/robust.h"
#include "orgsim/common.h"
#include "orgsim/merge.h"
#include "orgsim/output.h"
#include "orgsim/results.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The keys robust varies and their plausible ranges.  Numbers are absolute
 * low and high values (a value equal to the scenario's own simply repeats
 * the base); distributions are shifted by whole points; the people weights
 * scaled.  orgsim(1) documents the same table (ROBUSTNESS). */
static const OsimRobustKey robust_keys[] = {
  { "people.technical", OSIM_ROBUST_DIST, "-1;+1",
    "hires a point less or more skilled technically" },
  { "people.people", OSIM_ROBUST_DIST, "-1;+1", "hires a point less or more skilled with people" },
  { "people.age", OSIM_ROBUST_DIST, "-3;+3", "hired three years younger or older" },
  { "people.rho", OSIM_ROBUST_NUMBER, "-0.3;0.5", "the two skills opposed, or going together" },
  { "people.retire_age", OSIM_ROBUST_NUMBER, "55;65", "early or late retirement" },
  { "people.dismiss_below", OSIM_ROBUST_NUMBER, "3;5", "a lenient or a strict dismissal bar" },
  { "people.quit_rate", OSIM_ROBUST_NUMBER, "0.05;0.2", "half or double the quitting" },
  { "people.values_spread", OSIM_ROBUST_NUMBER, "0.6;1.8",
    "values closer together or further apart" },
  { "org.people_weight", OSIM_ROBUST_LIST, "0.75;1.25",
    "every level's people work x0.75 or x1.25 (at most 1)" },
  { "promotion.delta", OSIM_ROBUST_NUMBER, "0.5;2", "small or large skill changes (common-sense)" },
  { "promotion.keep", OSIM_ROBUST_NUMBER, "0.2;0.8",
    "little or most of the skill carried over (mixed)" },
  { "promotion.p", OSIM_ROBUST_NUMBER, "0.25;0.75", "best-worst's chance of the best" },
  { "promotion.r", OSIM_ROBUST_NUMBER, "0.05;0.3", "best-random's share of lotteries" },
  { "promotion.assessment_noise", OSIM_ROBUST_NUMBER, "0.5;2",
    "some or much noise in assessments" },
  { "effort.bare_minimum", OSIM_ROBUST_NUMBER, "0.4;0.8",
    "the effort that keeps a job: low or high" },
  { "effort.trust_initial", OSIM_ROBUST_NUMBER, "0.5;0.9", "new managers trusted less or more" },
  { "effort.deposit", OSIM_ROBUST_NUMBER, "0.05;0.2", "people skill earns trust slowly or fast" },
  { "effort.withdrawal", OSIM_ROBUST_NUMBER, "0.1;0.4",
    "micromanagement costs little or much trust" },
  { "effort.people_neutral", OSIM_ROBUST_NUMBER, "2.5;4.5",
    "the people skill that keeps trust level" },
  { "effort.follow_threshold", OSIM_ROBUST_NUMBER, "0.4;0.6", "who counts as a willing follower" },
  { "training.training", OSIM_ROBUST_NUMBER, "0;0.1", "no leadership training, or some" },
  { "training.coaching", OSIM_ROBUST_NUMBER, "0;1", "no coaching of new managers, or a point" },
  { "promotion.transfer", OSIM_ROBUST_SWITCH, "common-sense;peter;mixed;skills",
    "every transfer rule" },
  { "promotion.assessment", OSIM_ROBUST_SWITCH, "job;technical", "what the merit policies see" },
  { "org.candidates", OSIM_ROBUST_SWITCH, "level;team", "who may be promoted into a post" },
  { "effort.enabled", OSIM_ROBUST_SWITCH, "true;false", "the leadership layer on and off" },
  { NULL, 0, NULL, NULL },
};

const OsimRobustKey *
osim_robust_keys (void)
{
  return robust_keys;
}

/* One setting: the base scenario with (at most) one key changed. */
typedef struct
{
  char *parameter; /* "base", or section.key */
  char *setting;   /* "base", "low", "high", or a switch's value */
  char *value;     /* the value run, as text */
  char *override;  /* "section.key=value", NULL for the base */
  OsimAcc *final;  /* [policy][OsimFinal], summed over the runs */
  int *rank;       /* [policy]: 1 = highest final efficiency */
  gboolean changed;
} Cell;

struct _OsimRobust
{
  char *path;     /* the scenario file, for messages */
  char *base_ini; /* the base scenario, resolved; every cell loads it */
  int n_policies, baseline;
  OsimPolicy policies[OSIM_N_POLICIES];
  gint64 runs;
  guint64 seed;
  char *name;
  GPtrArray *cells; /* Cell */
  GPtrArray *notes; /* char* */
};

static void
cell_free (gpointer data)
{
  Cell *c = data;
  g_free (c->parameter);
  g_free (c->setting);
  g_free (c->value);
  g_free (c->override);
  g_free (c->final);
  g_free (c->rank);
  g_free (c);
}

void
osim_robust_free (OsimRobust *rb)
{
  if (rb == NULL)
    return;
  g_free (rb->path);
  g_free (rb->base_ini);
  g_free (rb->name);
  g_ptr_array_unref (rb->cells);
  g_ptr_array_unref (rb->notes);
  g_free (rb);
}

int
osim_robust_n_cells (const OsimRobust *rb)
{
  return (int)rb->cells->len;
}

const GPtrArray *
osim_robust_notes (const OsimRobust *rb)
{
  return rb->notes;
}

static OsimRobust *
robust_new (const OsimScenario *sc, const char *path, const char *base_ini)
{
  const OsimParams *p = osim_scenario_params (sc);
  OsimRobust *rb = g_new0 (OsimRobust, 1);
  rb->path = g_strdup (path);
  rb->base_ini = g_strdup (base_ini);
  rb->n_policies = p->n_policies;
  memcpy (rb->policies, p->policies, sizeof rb->policies);
  for (int i = 0; i < p->n_policies; i++)
    if (p->policies[i] == p->baseline)
      rb->baseline = i;
  rb->runs = p->runs;
  rb->seed = p->seed;
  rb->name = g_strdup (p->name);
  rb->cells = g_ptr_array_new_with_free_func (cell_free);
  rb->notes = g_ptr_array_new_with_free_func (g_free);
  return rb;
}

/* The base scenario with @override applied (NULL: none). */
static OsimScenario *
load_cell (const OsimRobust *rb, const char *override, GError **error)
{
  const char *ov[] = { override, NULL };
  return osim_scenario_load_data (rb->path, rb->base_ini, strlen (rb->base_ini),
                                  override ? ov : NULL, error);
}

static void
add_cell (OsimRobust *rb, const char *parameter, const char *setting, const char *value)
{
  Cell *c = g_new0 (Cell, 1);
  c->parameter = g_strdup (parameter);
  c->setting = g_strdup (setting);
  c->value = g_strdup (value);
  c->override = value ? g_strdup_printf ("%s=%s", parameter, value) : NULL;
  c->final = g_new0 (OsimAcc, (gsize)rb->n_policies * OSIM_N_FINALS);
  c->rank = g_new0 (int, rb->n_policies);
  g_ptr_array_add (rb->cells, c);
}

/* ---- default settings ---- */

static const OsimDist *
dist_of (const OsimParams *p, const char *key)
{
  if (strcmp (key, "people.technical") == 0)
    return &p->technical;
  if (strcmp (key, "people.people") == 0)
    return &p->people;
  return &p->age;
}

/* @d with every number shifted by @shift. */
static char *
shifted_dist (const OsimDist *d, double shift)
{
  OsimDist s = *d;
  s.mean += shift;
  if (s.kind != OSIM_DIST_NORMAL) /* normal keeps its truncation bounds */
    s.lo += shift, s.hi += shift;
  return osim_dist_to_string (&s);
}

/* Every level's people weight times @factor, at most 1. */
static char *
scaled_list (const OsimParams *p, double factor)
{
  GString *s = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (int i = 0; i < p->n_levels; i++)
    g_string_append_printf (
        s, "%s%s", i ? ";" : "",
        osim_format_shortest (buf, sizeof buf, MIN (1.0, p->people_weight[i] * factor)));
  return g_string_free (s, FALSE);
}

/* The values of @k's default settings for @p. */
static GStrv
default_values (const OsimRobustKey *k, const OsimParams *p)
{
  g_auto (GStrv) parts = g_strsplit (k->settings, ";", -1);
  if (k->kind == OSIM_ROBUST_NUMBER || k->kind == OSIM_ROBUST_SWITCH)
    return g_steal_pointer (&parts);
  GStrv out = g_new0 (char *, 3);
  for (int i = 0; i < 2; i++)
    {
      double x = g_ascii_strtod (parts[i], NULL);
      out[i] = k->kind == OSIM_ROBUST_DIST ? shifted_dist (dist_of (p, k->key), x)
                                           : scaled_list (p, x);
    }
  return out;
}

/* ---- the [robust] section ---- */

typedef struct
{
  int line;
  char *key, *value;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->key);
  g_free (e->value);
}

/* The key = value lines of the file's [robust] section, with their lines.
 * The scenario loader has already checked the file's syntax. */
static GArray *
robust_entries (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean in_robust = FALSE;
  for (int i = 0; lines[i]; i++)
    {
      char *t = g_strstrip (lines[i]);
      if (g_str_has_prefix (t, "\xEF\xBB\xBF"))
        t = g_strstrip (t + 3);
      if (t[0] == '\0' || t[0] == '#' || t[0] == ';')
        continue;
      if (t[0] == '[')
        {
          g_autofree char *name = g_strstrip (g_strndup (t + 1, strcspn (t + 1, "]")));
          in_robust = strcmp (name, "robust") == 0;
          continue;
        }
      char *eq = strchr (t, '=');
      if (!in_robust || eq == NULL)
        continue;
      Entry e = { i + 1, g_strstrip (g_strndup (t, eq - t)), g_strstrip (g_strdup (eq + 1)) };
      g_array_append_val (entries, e);
    }
  return entries;
}

static const OsimRobustKey *
find_robust_key (const char *key)
{
  for (const OsimRobustKey *k = robust_keys; k->key; k++)
    if (strcmp (k->key, key) == 0)
      return k;
  return NULL;
}

static gboolean entry_error (GError **error, int code, const char *path, const Entry *e,
                             const char *fmt, ...) G_GNUC_PRINTF (5, 6);

static gboolean
entry_error (GError **error, int code, const char *path, const Entry *e, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, OSIM_INPUT_ERROR, code, "%s:%d: [robust] %s: %s", path, e->line, e->key, msg);
  return FALSE;
}

/* Splits and checks one [robust] entry into @values (NULL for off). */
static gboolean
entry_values (const OsimRobust *rb, const Entry *e, const OsimRobustKey *k, GStrv *values,
              GError **error)
{
  *values = NULL;
  if (strcmp (e->value, "off") == 0)
    return TRUE;
  const char *sep = k->kind == OSIM_ROBUST_LIST ? "|" : ";";
  g_auto (GStrv) v = g_strsplit (e->value, sep, -1);
  int n = (int)g_strv_length (v);
  for (int i = 0; i < n; i++)
    if (*g_strstrip (v[i]) == '\0')
      return entry_error (error, OSIM_INPUT_ERROR_VALUE, rb->path, e,
                          "an empty value in '%s'; give %s, or off", e->value,
                          k->kind == OSIM_ROBUST_SWITCH ? "the values separated by ;"
                          : k->kind == OSIM_ROBUST_LIST ? "LOW-LIST | HIGH-LIST"
                                                        : "LOW;HIGH");
  if (k->kind != OSIM_ROBUST_SWITCH && n != 2)
    return entry_error (error, OSIM_INPUT_ERROR_VALUE, rb->path, e,
                        "give a low and a high value, %s (or off), not %d value%s",
                        k->kind == OSIM_ROBUST_LIST ? "LOW-LIST | HIGH-LIST" : "LOW;HIGH", n,
                        n == 1 ? "" : "s");
  for (int i = 0; i < n; i++)
    {
      for (int j = 0; j < i; j++)
        if (strcmp (v[i], v[j]) == 0)
          return entry_error (error, OSIM_INPUT_ERROR_VALUE, rb->path, e,
                              "'%s' is given twice; give each setting once", v[i]);
      g_autofree char *ov = g_strdup_printf ("%s=%s", k->key, v[i]);
      g_autoptr (GError) local = NULL;
      g_autoptr (OsimScenario) sc = load_cell (rb, ov, &local);
      if (sc == NULL)
        {
          /* The loader names the override ("--set KEY=VALUE: ..."): name the line. */
          const char *msg = local->message;
          if (g_str_has_prefix (msg, "--set ") && strstr (msg, ": "))
            msg = strstr (msg, ": ") + 2;
          return entry_error (error, local->code, rb->path, e, "'%s' is not a setting: %s", v[i],
                              msg);
        }
    }
  *values = g_steal_pointer (&v);
  return TRUE;
}

/* Adds @k's cells with @values; the defaults' unsuitable ones become notes. */
static void
add_key_cells (OsimRobust *rb, const OsimRobustKey *k, char **values, gboolean given)
{
  for (int i = 0; values[i]; i++)
    {
      const char *setting = k->kind == OSIM_ROBUST_SWITCH ? values[i] : i == 0 ? "low" : "high";
      if (!given)
        {
          g_autofree char *ov = g_strdup_printf ("%s=%s", k->key, values[i]);
          g_autoptr (GError) local = NULL;
          g_autoptr (OsimScenario) sc = load_cell (rb, ov, &local);
          if (sc == NULL)
            {
              g_ptr_array_add (rb->notes, g_strdup_printf ("%s %s left out: %s", k->key, setting,
                                                           local->message));
              continue;
            }
        }
      add_cell (rb, k->key, setting, values[i]);
    }
}

/* The base scenario as INI text, without the [sweep]: robust varies one key
 * at a time from a single base. */
static char *
base_ini (const OsimScenario *sc)
{
  char *ini = osim_scenario_to_ini (sc);
  if (osim_scenario_n_sweep (sc) == 0)
    return ini;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  gboolean ok = g_key_file_load_from_data (kf, ini, strlen (ini), G_KEY_FILE_NONE, NULL);
  g_assert (ok); /* osim_scenario_to_ini writes a GKeyFile */
  g_free (ini);
  g_key_file_remove_group (kf, "sweep", NULL);
  return g_key_file_to_data (kf, NULL, NULL);
}

OsimRobust *
osim_robust_plan (const OsimScenario *sc, const char *path, GError **error)
{
  g_autofree char *ini = base_ini (sc);
  g_autoptr (OsimRobust) rb = robust_new (sc, path, ini);
  if (osim_scenario_n_sweep (sc) > 0)
    g_ptr_array_add (rb->notes, g_strdup ("the scenario's [sweep] is left out: the base is "
                                          "the scenario without it (set it with --set)"));
  g_autoptr (GArray) entries = robust_entries (path, error);
  if (entries == NULL)
    return NULL;
  /* Every entry is checked before anything runs. */
  g_autoptr (GPtrArray) given = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  /* The key of each entry, in the order of the entries. */
  g_autofree const OsimRobustKey **keys = g_new0 (const OsimRobustKey *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      const OsimRobustKey *k = find_robust_key (e->key);
      if (k == NULL)
        {
          entry_error (error, OSIM_INPUT_ERROR_UNKNOWN, path, e,
                       "not a key robust varies (orgsim robust --keys lists them)");
          return NULL;
        }
      GStrv values = NULL;
      if (!entry_values (rb, e, k, &values, error))
        return NULL;
      keys[i] = k;
      g_ptr_array_add (given, values);
    }
  const OsimParams *p = osim_scenario_params (sc);
  add_cell (rb, "base", "base", NULL);
  for (const OsimRobustKey *k = robust_keys; k->key; k++)
    {
      gint found = -1;
      for (guint i = 0; i < entries->len; i++)
        if (keys[i] == k)
          found = (gint)i;
      if (found >= 0)
        {
          char **values = given->pdata[found];
          if (values) /* NULL: off */
            add_key_cells (rb, k, values, TRUE);
          continue;
        }
      g_auto (GStrv) values = default_values (k, p);
      add_key_cells (rb, k, values, FALSE);
    }
  return g_steal_pointer (&rb);
}

/* ---- running ---- */

static gboolean
run_cell (OsimRobust *rb, Cell *c, const OsimRunOptions *opt, const char *scratch, GError **error)
{
  g_autoptr (OsimScenario) sc = load_cell (rb, c->override, error);
  if (sc == NULL)
    return FALSE;
  g_autoptr (OsimResults) res = osim_results_new (sc);
  gboolean ok = osim_experiment_run (sc, opt, res, scratch, error);
  osim_remove_tree (scratch);
  if (!ok)
    return FALSE;
  for (int pi = 0; pi < rb->n_policies; pi++)
    memcpy (&c->final[(gsize)pi * OSIM_N_FINALS], osim_results_final (res, 0, pi, 0),
            OSIM_N_FINALS * sizeof (OsimAcc));
  return TRUE;
}

static const OsimAcc *
cell_final (const OsimRobust *rb, const Cell *c, int pi, int f)
{
  g_assert (pi < rb->n_policies);
  return &c->final[(gsize)pi * OSIM_N_FINALS + f];
}

static double
cell_mean (const OsimRobust *rb, const Cell *c, int pi)
{
  return osim_acc_summary (cell_final (rb, c, pi, OSIM_F_FINAL + OSIM_M_EFFICIENCY)).mean;
}

static OsimSummary
cell_diff (const OsimRobust *rb, const Cell *c, int pi)
{
  return osim_acc_summary (cell_final (rb, c, pi, OSIM_F_DIFF + OSIM_M_EFFICIENCY));
}

/* Ranks the policies of every cell by final efficiency (ties: the scenario's
 * order) and marks the cells whose order differs from the base's. */
static void
rank_cells (OsimRobust *rb)
{
  int np = rb->n_policies;
  for (guint i = 0; i < rb->cells->len; i++)
    {
      Cell *c = rb->cells->pdata[i];
      for (int a = 0; a < np; a++)
        {
          double ma = cell_mean (rb, c, a);
          int r = 1;
          for (int b = 0; b < np; b++)
            {
              double mb = cell_mean (rb, c, b);
              r += mb > ma || (mb == ma && b < a);
            }
          c->rank[a] = r;
        }
    }
  const Cell *base = rb->cells->pdata[0];
  for (guint i = 0; i < rb->cells->len; i++)
    {
      Cell *c = rb->cells->pdata[i];
      c->changed = memcmp (c->rank, base->rank, np * sizeof (int)) != 0;
    }
}

gboolean
osim_robust_run (OsimRobust *rb, const OsimRunOptions *opt, const char *workdir, GError **error)
{
  OsimRunOptions cell_opt = *opt;
  cell_opt.per_run = FALSE;
  cell_opt.progress = FALSE;
  g_autofree char *scratch = g_build_filename (workdir, "cell.tmp", NULL);
  for (guint i = 0; i < rb->cells->len; i++)
    {
      Cell *c = rb->cells->pdata[i];
      if (opt->progress)
        {
          fprintf (stderr, "\r[%u/%u] %s %s%-30s", i + 1, rb->cells->len, c->parameter, c->setting,
                   "");
          fflush (stderr);
        }
      if (!run_cell (rb, c, &cell_opt, scratch, error))
        {
          if (opt->progress)
            fputc ('\n', stderr);
          if (!g_error_matches (*error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_INTERRUPTED))
            g_prefix_error (error, "%s %s: ", c->parameter, c->setting);
          return FALSE;
        }
    }
  if (opt->progress)
    fprintf (stderr, "\r%-60s\r", "");
  rank_cells (rb);
  return TRUE;
}

/* ---- output ---- */

static const char robust_header[] = "parameter,setting,value,policy,vs_baseline_mean,"
                                    "vs_baseline_ci_lo,vs_baseline_ci_hi,rank,ranking_changed\n";

static char *
robust_csv (const OsimRobust *rb)
{
  GString *s = g_string_new (robust_header);
  for (guint i = 0; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      for (int pi = 0; pi < rb->n_policies; pi++)
        {
          OsimSummary d = cell_diff (rb, c, pi);
          osim_csv_text (s, c->parameter);
          g_string_append_c (s, ',');
          osim_csv_text (s, c->setting);
          g_string_append_c (s, ',');
          osim_csv_text (s, c->value ? c->value : "");
          g_string_append_printf (s, ",%s,", osim_policy_name (rb->policies[pi]));
          osim_csv_double (s, d.mean);
          g_string_append_c (s, ',');
          osim_csv_double (s, d.ci_lo);
          g_string_append_c (s, ',');
          osim_csv_double (s, d.ci_hi);
          g_string_append_printf (s, ",%d,%d\n", c->rank[pi], c->changed);
        }
    }
  return g_string_free (s, FALSE);
}

/* The policy the headline is about: the best-ranked one at the base that is
 * not the baseline; -1 with the baseline alone. */
static int
headline_policy (const OsimRobust *rb)
{
  const Cell *base = rb->cells->pdata[0];
  int h = -1;
  for (int pi = 0; pi < rb->n_policies; pi++)
    if (pi != rb->baseline && (h < 0 || base->rank[pi] < base->rank[h]))
      h = pi;
  return h;
}

/* One key's effect on the headline difference: its lowest and highest
 * setting. */
typedef struct
{
  const char *parameter;
  const Cell *low, *high;
  double lo, hi, reach; /* reach: the bar's length, base included */
  guint index;          /* the table's order, for ties */
} Effect;

static int
effect_cmp (gconstpointer a, gconstpointer b)
{
  const Effect *x = a, *y = b;
  if (x->reach != y->reach)
    return x->reach > y->reach ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The effects of every key on policy @h's difference, largest first. */
static GArray *
effects (const OsimRobust *rb, int h)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Effect));
  if (h < 0)
    return out;
  double base = cell_diff (rb, rb->cells->pdata[0], h).mean;
  for (guint i = 1; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      double d = cell_diff (rb, c, h).mean;
      Effect *e = out->len ? &g_array_index (out, Effect, out->len - 1) : NULL;
      if (e == NULL || strcmp (e->parameter, c->parameter) != 0)
        {
          Effect n = { c->parameter, c, c, d, d, 0, 0 };
          g_array_append_val (out, n);
          continue;
        }
      if (d < e->lo)
        e->lo = d, e->low = c;
      if (d > e->hi)
        e->hi = d, e->high = c;
    }
  for (guint i = 0; i < out->len; i++)
    {
      Effect *e = &g_array_index (out, Effect, i);
      e->reach = MAX (e->hi, base) - MIN (e->lo, base);
      e->index = i;
    }
  /* g_array_sort is not stable: the index breaks ties in effect_cmp. */
  g_array_sort (out, effect_cmp);
  return out;
}

/* What the chart writes at the end of a bar: a number's or a switch's value
 * ("0.1", "peter"), else the setting ("low": a distribution or a list is too
 * long for a label). */
static const char *
bar_label (const Cell *c)
{
  const OsimRobustKey *k = find_robust_key (c->parameter);
  gboolean short_value = k && (k->kind == OSIM_ROBUST_NUMBER || k->kind == OSIM_ROBUST_SWITCH)
                         && strlen (c->value) <= 16 && strpbrk (c->value, ",\"") == NULL;
  return short_value ? c->value : c->setting;
}

static char *
tornado_csv (const OsimRobust *rb)
{
  GString *s = g_string_new ("order,parameter,low_setting,low_label,low,high_setting,high_label,"
                             "high,base,policy,baseline\n");
  int h = headline_policy (rb);
  g_autoptr (GArray) eff = effects (rb, h);
  double base = h >= 0 ? cell_diff (rb, rb->cells->pdata[0], h).mean : NAN;
  for (guint i = 0; i < eff->len; i++)
    {
      const Effect *e = &g_array_index (eff, Effect, i);
      g_string_append_printf (s, "%u,%s,", i + 1, e->parameter);
      osim_csv_text (s, e->low->setting);
      g_string_append_c (s, ',');
      osim_csv_text (s, bar_label (e->low));
      g_string_append_c (s, ',');
      osim_csv_double (s, e->lo);
      g_string_append_c (s, ',');
      osim_csv_text (s, e->high->setting);
      g_string_append_c (s, ',');
      osim_csv_text (s, bar_label (e->high));
      g_string_append_c (s, ',');
      osim_csv_double (s, e->hi);
      g_string_append_c (s, ',');
      osim_csv_double (s, base);
      g_string_append_printf (s, ",%s,%s\n", osim_policy_name (rb->policies[h]),
                              osim_policy_name (rb->policies[rb->baseline]));
    }
  return g_string_free (s, FALSE);
}

/* robust.ini: the plan, from which merge rebuilds every cell. */
static char *
plan_ini (const OsimRobust *rb)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_key_file_set_integer (kf, "robust", "cells", (gint)rb->cells->len);
  for (guint i = 0; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      g_autofree char *group = g_strdup_printf ("cell %u", i);
      g_key_file_set_string (kf, group, "parameter", c->parameter);
      g_key_file_set_string (kf, group, "setting", c->setting);
      if (c->value)
        g_key_file_set_string (kf, group, "value", c->value);
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

/* The sums of every cell, policy and final: one accumulator a line. */
static char *
accumulators_text (const OsimRobust *rb)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "orgsim-robust-accumulators 1 cells %u policies %d finals %d\n",
                          rb->cells->len, rb->n_policies, OSIM_N_FINALS);
  for (guint i = 0; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      for (gsize k = 0; k < (gsize)rb->n_policies * OSIM_N_FINALS; k++)
        {
          g_autofree char *a = osim_acc_to_string (&c->final[k]);
          g_string_append_printf (s, "%s\n", a);
        }
    }
  return g_string_free (s, FALSE);
}

gboolean
osim_robust_write (const OsimRobust *rb, const char *dir, int shard_index, int shard_count,
                   GError **error)
{
  g_autofree char *plan = plan_ini (rb);
  if (!osim_write_file (dir, "scenario.ini", rb->base_ini, -1, error)
      || !osim_write_file (dir, "robust.ini", plan, -1, error))
    return FALSE;
  if (shard_index > 0)
    {
      g_autofree char *acc = accumulators_text (rb);
      g_autofree char *shard = g_strdup_printf ("[shard]\nindex=%d\ncount=%d\nrobust=true\n",
                                                shard_index, shard_count);
      return osim_write_file (dir, "robust-accumulators.txt", acc, -1, error)
             && osim_write_file (dir, "shard.ini", shard, -1, error);
    }
  /* The plain words of the charts and the report, as a run's folder has them. */
  g_autoptr (OsimScenario) sc = load_cell (rb, NULL, error);
  if (sc == NULL)
    return FALSE;
  g_autofree char *labels = osim_output_labels_csv (sc);
  g_autofree char *csv = robust_csv (rb);
  g_autofree char *tornado = tornado_csv (rb);
  return osim_write_file (dir, "labels.csv", labels, -1, error)
         && osim_write_file (dir, "robust.csv", csv, -1, error)
         && osim_write_file (dir, "tornado.csv", tornado, -1, error);
}

/* ---- the summary ---- */

static void
print_order (FILE *out, const OsimRobust *rb, const Cell *c)
{
  for (int r = 1; r <= rb->n_policies; r++)
    for (int pi = 0; pi < rb->n_policies; pi++)
      if (c->rank[pi] == r)
        fprintf (out, "%s%s", r > 1 ? " > " : "", osim_policy_name (rb->policies[pi]));
  fputc ('\n', out);
}

static char *
cell_label (const Cell *c)
{
  if (strcmp (c->setting, c->value) == 0)
    return g_strdup_printf ("%s=%s", c->parameter, c->value);
  return g_strdup_printf ("%s %s (%s)", c->parameter, c->setting, c->value);
}

static void
print_effects (FILE *out, const OsimRobust *rb, int h)
{
  g_autoptr (GArray) eff = effects (rb, h);
  const char *hn = osim_policy_name (rb->policies[h]);
  const char *bn = osim_policy_name (rb->policies[rb->baseline]);
  fprintf (out, "\nLargest effects on %s minus %s (points; charts/tornado.png):\n", hn, bn);
  for (guint i = 0; i < eff->len && i < 8; i++)
    {
      const Effect *e = &g_array_index (eff, Effect, i);
      if (e->reach == 0)
        break;
      fprintf (out, "  %-27s %-13s %+6.2f   %-13s %+6.2f\n", e->parameter, e->low->setting, e->lo,
               e->high->setting, e->hi);
    }
}

/* +1 when the CI lies above 0, -1 below, 0 when it holds 0 (one run: the
 * sign of the mean). */
static int
sign_class (OsimSummary d)
{
  if (isnan (d.ci_lo))
    return (d.mean > 0) - (d.mean < 0);
  return d.ci_lo > 0 ? 1 : d.ci_hi < 0 ? -1 : 0;
}

static const char *
class_words (int k)
{
  return k > 0 ? "above" : k < 0 ? "below" : "level with";
}

/* The settings where @h's place against the baseline differs from the base's. */
static void
print_headline_turns (FILE *out, const OsimRobust *rb, int h)
{
  const char *hn = osim_policy_name (rb->policies[h]);
  const char *bn = osim_policy_name (rb->policies[rb->baseline]);
  int at_base = sign_class (cell_diff (rb, rb->cells->pdata[0], h));
  guint n = 0, shown = 0;
  for (guint i = 1; i < rb->cells->len; i++)
    n += sign_class (cell_diff (rb, rb->cells->pdata[i], h)) != at_base;
  if (n == 0)
    {
      fprintf (out, "\n%s stays %s %s in every setting (95%% CI).\n", hn, class_words (at_base),
               bn);
      return;
    }
  fprintf (out, "\n%s is %s %s at the base, but not in %u setting%s (95%% CI):\n", hn,
           class_words (at_base), bn, n, n == 1 ? "" : "s");
  for (guint i = 1; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      OsimSummary d = cell_diff (rb, c, h);
      int k = sign_class (d);
      if (k == at_base)
        continue;
      if (shown++ == 8)
        {
          fprintf (out, "  ... and %u more (robust.csv)\n", n - 8);
          return;
        }
      g_autofree char *label = cell_label (c);
      fprintf (out, "  %-40s %+6.2f [%+.2f, %+.2f]  %s\n", label, d.mean, d.ci_lo, d.ci_hi,
               class_words (k));
    }
}

static void
print_top_changes (FILE *out, const OsimRobust *rb)
{
  const Cell *base = rb->cells->pdata[0];
  guint changed = 0, top = 0;
  for (guint i = 1; i < rb->cells->len; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      changed += c->changed;
      for (int pi = 0; pi < rb->n_policies; pi++)
        top += c->rank[pi] == 1 && base->rank[pi] != 1;
    }
  fprintf (out, "\nThe ranking changes in %u of %u settings (robust.csv: ranking_changed)", changed,
           rb->cells->len - 1);
  fprintf (out, top ? "; another policy comes first in %u:\n" : ".\n", top);
  guint shown = 0;
  for (guint i = 1; i < rb->cells->len && top; i++)
    {
      const Cell *c = rb->cells->pdata[i];
      gboolean new_top = FALSE;
      for (int pi = 0; pi < rb->n_policies; pi++)
        new_top |= c->rank[pi] == 1 && base->rank[pi] != 1;
      if (!new_top)
        continue;
      if (shown++ == 6)
        {
          fprintf (out, "  ... and %u more\n", top - 6);
          break;
        }
      g_autofree char *label = cell_label (c);
      fprintf (out, "  %-32s ", label);
      print_order (out, rb, c);
    }
}

void
osim_robust_print_summary (FILE *out, const OsimRobust *rb)
{
  const Cell *base = rb->cells->pdata[0];
  fprintf (out,
           "Robustness of %s: %u settings x %d policies, %" G_GINT64_FORMAT
           " runs each (seed %" G_GUINT64_FORMAT ")\n",
           rb->name, rb->cells->len, rb->n_policies, rb->runs, rb->seed);
  fprintf (out, "At the scenario's own settings: ");
  print_order (out, rb, base);
  int h = headline_policy (rb);
  if (h >= 0)
    {
      OsimSummary d = cell_diff (rb, base, h);
      fprintf (out,
               "Headline: %s minus %s, final efficiency %+.2f points [%+.2f, %+.2f] "
               "(paired 95%% CI)\n",
               osim_policy_name (rb->policies[h]), osim_policy_name (rb->policies[rb->baseline]),
               d.mean, d.ci_lo, d.ci_hi);
      print_effects (out, rb, h);
      print_headline_turns (out, rb, h);
    }
  print_top_changes (out, rb);
  for (guint i = 0; i < rb->notes->len; i++)
    fprintf (out, "note: %s\n", (char *)rb->notes->pdata[i]);
}

/* ---- merging shards ---- */

gboolean
osim_robust_is_shard (const char *dir)
{
  g_autofree char *plan = g_build_filename (dir, "robust.ini", NULL);
  g_autofree char *shard = g_build_filename (dir, "shard.ini", NULL);
  return g_file_test (plan, G_FILE_TEST_IS_REGULAR) && g_file_test (shard, G_FILE_TEST_IS_REGULAR);
}

/* Rebuilds the plan from a shard's scenario.ini and robust.ini. */
static OsimRobust *
plan_from_shard (const char *dir, const char *ini, const char *plan, GError **error)
{
  g_autofree char *ini_path = g_build_filename (dir, "scenario.ini", NULL);
  g_autoptr (OsimScenario) sc = osim_scenario_load_data (ini_path, ini, strlen (ini), NULL, error);
  if (sc == NULL)
    return NULL;
  g_autoptr (OsimRobust) rb = robust_new (sc, ini_path, ini);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *plan_path = g_build_filename (dir, "robust.ini", NULL);
  if (!g_key_file_load_from_data (kf, plan, strlen (plan), G_KEY_FILE_NONE, NULL))
    return osim_shards_error (error, "%s: damaged", plan_path), NULL;
  int n = g_key_file_get_integer (kf, "robust", "cells", NULL);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *group = g_strdup_printf ("cell %d", i);
      g_autofree char *param = g_key_file_get_string (kf, group, "parameter", NULL);
      g_autofree char *setting = g_key_file_get_string (kf, group, "setting", NULL);
      g_autofree char *value = g_key_file_get_string (kf, group, "value", NULL);
      if (param == NULL || setting == NULL || (i > 0) != (value != NULL))
        return osim_shards_error (error, "%s: cell %d is damaged", plan_path, i), NULL;
      add_cell (rb, param, setting, value);
    }
  if (n < 1)
    return osim_shards_error (error, "%s: no cells", plan_path), NULL;
  return g_steal_pointer (&rb);
}

/* Adds the sums of @dir's robust-accumulators.txt into @rb's cells. */
static gboolean
add_accumulators (OsimRobust *rb, const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "robust-accumulators.txt", NULL);
  g_autofree char *data = NULL;
  /* A regular file of at most the size orgsim writes (a line of at most
   * 102 bytes an accumulator). */
  gsize max = 256 + (gsize) rb->cells->len * rb->n_policies * OSIM_N_FINALS * 102;
  if (!osim_read_regular_file (path, max, &data, NULL, error))
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autofree char *magic = g_strdup_printf ("orgsim-robust-accumulators 1 cells %u policies %d "
                                            "finals %d",
                                            rb->cells->len, rb->n_policies, OSIM_N_FINALS);
  if (lines[0] == NULL || strcmp (lines[0], magic) != 0)
    return osim_shards_error (error, "%s:1: not the accumulators of this plan", path);
  gsize per = (gsize)rb->n_policies * OSIM_N_FINALS;
  gsize line = 1;
  for (guint i = 0; i < rb->cells->len; i++)
    {
      Cell *c = rb->cells->pdata[i];
      for (gsize k = 0; k < per; k++, line++)
        {
          OsimAcc a;
          if (lines[line] == NULL || !osim_acc_from_string (lines[line], &a)
              || !osim_acc_plausible (&a) || !osim_acc_merge (&c->final[k], &a))
            return osim_shards_error (error, "%s:%" G_GSIZE_FORMAT ": damaged", path, line + 1);
        }
    }
  return TRUE;
}

typedef struct
{
  int index, count;
  char *ini, *plan;
} ShardInfo;

static gboolean
read_shard_info (const char *dir, ShardInfo *sh, GError **error)
{
  g_autofree char *info = g_build_filename (dir, "shard.ini", NULL);
  g_autofree char *ini = g_build_filename (dir, "scenario.ini", NULL);
  g_autofree char *plan = g_build_filename (dir, "robust.ini", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize len = 0;
  /* Only regular files orgsim wrote, bounded (the shard folder may be
   * damaged or hostile: a FIFO, a link, a count of 2^31). */
  if (!osim_read_regular_file (info, OSIM_SHARD_INI_MAX, &text, &len, NULL)
      || !g_key_file_load_from_data (kf, text, len, G_KEY_FILE_NONE, NULL)
      || !g_key_file_get_boolean (kf, "shard", "robust", NULL))
    return osim_shards_error (error,
                              "%s: not a shard folder of orgsim robust (make shards with "
                              "orgsim robust --shard I/N)",
                              dir);
  OsimShardInfo si;
  if (!osim_shard_info_parse (info, text, len, &si, error))
    return FALSE;
  sh->index = si.index;
  sh->count = si.count;
  return osim_read_regular_file (ini, OSIM_SCENARIO_INI_MAX, &sh->ini, NULL, error)
         && osim_read_regular_file (plan, OSIM_SCENARIO_INI_MAX, &sh->plan, NULL, error);
}

/* Every shard 1..count once, all of one analysis. */
static gboolean
check_shards (const char *const *dirs, const ShardInfo *sh, int n, GError **error)
{
  int count = sh[0].count;
  g_autofree const char **seen = g_new0 (const char *, count + 1);
  for (int i = 0; i < n; i++)
    {
      if (strcmp (sh[i].ini, sh[0].ini) != 0 || strcmp (sh[i].plan, sh[0].plan) != 0)
        return osim_shards_error (error,
                                  "%s: comes from another analysis than %s (their "
                                  "scenario.ini or robust.ini differ)",
                                  dirs[i], dirs[0]);
      if (sh[i].count != count)
        return osim_shards_error (error, "%s: is shard %d/%d but %s is shard %d/%d", dirs[i],
                                  sh[i].index, sh[i].count, dirs[0], sh[0].index, count);
      if (seen[sh[i].index])
        return osim_shards_error (error, "shard %d/%d is given twice: %s and %s", sh[i].index,
                                  count, seen[sh[i].index], dirs[i]);
      seen[sh[i].index] = dirs[i];
    }
  for (int k = 1; k <= count; k++)
    if (!seen[k])
      return osim_shards_error (error, "shard %d/%d is missing: every shard 1..%d is needed", k,
                                count, count);
  return TRUE;
}

gboolean
osim_robust_merge (const char *const *dirs, const char *target, GError **error)
{
  int n = (int)g_strv_length ((char **)dirs);
  if (n == 0)
    return osim_shards_error (error, "merge: no shard folders given");
  g_autofree ShardInfo *sh = g_new0 (ShardInfo, n);
  gboolean ok = TRUE;
  for (int i = 0; i < n && ok; i++)
    ok = read_shard_info (dirs[i], &sh[i], error);
  ok = ok && check_shards (dirs, sh, n, error);
  /* The merged results must not replace one of the shards they come from. */
  g_autofree char *norm = ok ? osim_outdir_normalise (target, "merge -o", error) : NULL;
  ok = ok && norm != NULL && !osim_merge_target_is_shard (dirs, norm, error);
  g_autoptr (OsimRobust) rb = ok ? plan_from_shard (dirs[0], sh[0].ini, sh[0].plan, error) : NULL;
  ok = ok && rb != NULL;
  for (int i = 0; i < n && ok; i++)
    ok = add_accumulators (rb, dirs[i], error);
  if (ok)
    rank_cells (rb);
  g_autoptr (OsimOutdir) od = ok ? osim_outdir_begin (target, "merge -o", error) : NULL;
  ok = ok && od != NULL && osim_robust_write (rb, osim_outdir_tmp (od), 0, 1, error)
       && osim_outdir_commit (od, error);
  for (int i = 0; i < n; i++)
    g_free (sh[i].ini), g_free (sh[i].plan);
  return ok;
}

/* report.c: the workshop handout: one self-contained HTML file from a results folder. */
#include "orgsim/report.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orgsim/common.h"
#include "orgsim/outdir.h"
#include "orgsim/plot.h"
#include "orgsim/plotdata.h"
#include "orgsim/scenario.h"

#ifndef OSIM_VERSION
#define OSIM_VERSION "unknown"
#endif

/* The most rows of a CSV the report reads (final.csv and robust.csv are small; this
 * bounds a file that is not). */
#define REPORT_MAX_ROWS 100000
/* The most variants whose findings and tables are written out in full. */
#define REPORT_MAX_VARIANTS 12

/* ---- CSV, read by header name ---- */

typedef struct
{
  char *path;
  char **header;
  GPtrArray *rows; /* of char ** */
} Csv;

static void
csv_free (Csv *c)
{
  if (c == NULL)
    return;
  g_free (c->path);
  g_strfreev (c->header);
  g_ptr_array_unref (c->rows);
  g_free (c);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Csv, csv_free)

/* The rows of @in, each as many fields as the header (a short row's rest empty). */
static gboolean
csv_read_rows (Csv *c, OsimCsv *in, GError **error)
{
  int n = 0;
  const char *const *header = osim_csv_header (in, &n);
  c->header = g_new0 (char *, n + 1);
  for (int i = 0; i < n; i++)
    c->header[i] = g_strdup (header[i]);
  while (c->rows->len < REPORT_MAX_ROWS && osim_csv_next (in, error))
    {
      char **fields = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        fields[i] = g_strdup (osim_csv_field (in, i));
      g_ptr_array_add (c->rows, fields);
    }
  return error == NULL || *error == NULL;
}

/* Loads @dir/@name; NULL with no error when it is absent and not @required. */
static Csv *
csv_load (const char *dir, const char *name, gboolean required, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  if (!required && !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (OsimCsv) in = osim_csv_open (path, &local);
  g_autoptr (Csv) c = g_new0 (Csv, 1);
  c->path = g_steal_pointer (&path);
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  if (in != NULL && csv_read_rows (c, in, &local))
    return g_steal_pointer (&c);
  /* What the report reads is the user's input: a missing file is exit status 2. */
  if (local->domain == OSIM_RUN_ERROR)
    g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                 "%s; run orgsim run again to write it", local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

/* The index of the first of @names in the header, or -1. */
static int
csv_col (const Csv *c, const char *const *names)
{
  for (int n = 0; names[n] != NULL; n++)
    for (int i = 0; c->header[i] != NULL; i++)
      if (strcmp (c->header[i], names[n]) == 0)
        return i;
  return -1;
}

/* The cell of row @r in column @col, or NULL when absent or empty. */
static const char *
csv_cell (const Csv *c, guint r, int col)
{
  if (col < 0 || r >= c->rows->len)
    return NULL;
  const char *cell = ((char **)c->rows->pdata[r])[col];
  return cell[0] != '\0' ? cell : NULL;
}

static double
csv_num (const Csv *c, guint r, const char *const *names)
{
  return osim_csv_number (csv_cell (c, r, csv_col (c, names)));
}

static const char *
csv_str (const Csv *c, guint r, const char *name)
{
  const char *names[] = { name, NULL };
  return csv_cell (c, r, csv_col (c, names));
}

/* Column names, old and new (`<metric>_<stat>`): the first present is read. */
static const char *const COL_EFF_FINAL[] = { "efficiency_final_mean", "efficiency_final", NULL };
static const char *const COL_EFF_FINAL_LO[] = { "efficiency_final_ci_lo", NULL };
static const char *const COL_EFF_FINAL_HI[] = { "efficiency_final_ci_hi", NULL };
static const char *const COL_GAIN[]
    = { "efficiency_gain_mean", "efficiency_gain", "gain_mean", "gain", NULL };
static const char *const COL_GAIN_LO[] = { "efficiency_gain_ci_lo", "gain_ci_lo", NULL };
static const char *const COL_GAIN_HI[] = { "efficiency_gain_ci_hi", "gain_ci_hi", NULL };
static const char *const COL_VS[]
    = { "vs_baseline_mean", "vs_baseline", "efficiency_vs_baseline_mean", "efficiency_vs_baseline",
        NULL };
static const char *const COL_VS_LO[]
    = { "vs_baseline_ci_lo", "efficiency_vs_baseline_ci_lo", NULL };
static const char *const COL_VS_HI[]
    = { "vs_baseline_ci_hi", "efficiency_vs_baseline_ci_hi", NULL };
static const char *const COL_WILL[] = { "willing_share_final_mean", "willing_share_final", NULL };
static const char *const COL_WILL_VS_LO[] = { "willing_share_vs_baseline_ci_lo", NULL };
static const char *const COL_WILL_VS_HI[] = { "willing_share_vs_baseline_ci_hi", NULL };
static const char *const COL_LEAD[] = { "leader_share_final_mean", "leader_share_final", NULL };

/* ---- the report being written ---- */

typedef struct
{
  const char *dir;
  const char *robust_dir; /* orgsim robust's folder of the same scenario, or NULL */
  GKeyFile *ini;
  OsimScenario *sc; /* NULL when scenario.ini no longer loads */
  Csv *final;
  Csv *labels; /* NULL without labels.csv */
  Csv *robust; /* NULL without robust.csv */
  GString *html;
  char *baseline;
  GPtrArray *variants; /* names, in order of appearance in final.csv */
} Report;

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->ini, g_key_file_free);
  g_clear_pointer (&r->sc, osim_scenario_free);
  g_clear_pointer (&r->final, csv_free);
  g_clear_pointer (&r->labels, csv_free);
  g_clear_pointer (&r->robust, csv_free);
  if (r->html != NULL)
    g_string_free (r->html, TRUE);
  g_free (r->baseline);
  g_clear_pointer (&r->variants, g_ptr_array_unref);
}

char *
osim_report_escape (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  GString *s = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        g_string_append (s, "&amp;");
        break;
      case '<':
        g_string_append (s, "&lt;");
        break;
      case '>':
        g_string_append (s, "&gt;");
        break;
      case '"':
        g_string_append (s, "&quot;");
        break;
      case '\'':
        g_string_append (s, "&#39;");
        break;
      default:
        g_string_append_c (s, *p);
      }
  return g_string_free (s, FALSE);
}

/* Appends <TAG>escaped text</TAG> (TAG may carry attributes). */
static void
put_text (Report *r, const char *tag, const char *text)
{
  g_autofree char *e = osim_report_escape (text);
  g_autofree char *name = g_strndup (tag, strcspn (tag, " "));
  g_string_append_printf (r->html, "<%s>%s</%s>\n", tag, e, name);
}

static void put_textf (Report *r, const char *tag, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
static void
put_textf (Report *r, const char *tag, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  put_text (r, tag, text);
}

static const char *
label_of (const Report *r, const char *kind, const char *key)
{
  for (guint i = 0; r->labels != NULL && i < r->labels->rows->len; i++)
    {
      const char *k = csv_str (r->labels, i, "kind");
      const char *y = csv_str (r->labels, i, "key");
      const char *l = csv_str (r->labels, i, "label");
      if (k && y && l && strcmp (k, kind) == 0 && strcmp (y, key) == 0)
        return l;
    }
  return NULL;
}

static char *
ini_get (const Report *r, const char *section, const char *key)
{
  char *v = g_key_file_get_string (r->ini, section, key, NULL);
  if (v != NULL)
    g_strstrip (v);
  return v;
}

/* The plain label of a policy: labels.csv, then [labels] in the scenario, then its name. */
static char *
policy_label (const Report *r, const char *policy)
{
  const char *l = label_of (r, "policy", policy);
  if (l != NULL)
    return g_strdup (l);
  char *s = ini_get (r, "labels", policy);
  return s != NULL && *s != '\0' ? s : (g_free (s), g_strdup (policy));
}

/* "Promoting for people skills" when labelled, else "the policy 'people'". */
static char *
policy_phrase (const Report *r, const char *policy)
{
  g_autofree char *l = policy_label (r, policy);
  if (strcmp (l, policy) != 0)
    return g_steal_pointer (&l);
  return g_strdup_printf ("policy \u201c%s\u201d", policy);
}

static char *
level_name (const Report *r, int k)
{
  g_autofree char *key = g_strdup_printf ("%d", k);
  const char *l = label_of (r, "level", key);
  if (l != NULL)
    return g_strdup (l);
  g_autofree char *names = ini_get (r, "org", "level_names");
  if (names != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (names, ";", -1);
      if ((int)g_strv_length (parts) > k && *g_strstrip (parts[k]) != '\0')
        return g_strdup (parts[k]);
    }
  return g_strdup_printf ("level %d", k);
}

static char *
scenario_text (const Report *r, const char *key)
{
  const char *l = label_of (r, "scenario", key);
  if (l != NULL)
    return g_strdup (l);
  char *s = ini_get (r, "scenario", key);
  return s != NULL ? s : g_strdup ("");
}

char *
osim_report_difference (const char *what, double mean, double lo, double hi)
{
  if (isnan (mean))
    return g_strdup_printf ("%s: no paired difference recorded", what);
  if (isnan (lo) || isnan (hi))
    return g_strdup_printf ("%s %+.1f points (no confidence interval: too few runs)", what, mean);
  if (lo <= 0 && hi >= 0)
    return g_strdup_printf ("no clear difference in %s (%+.1f points, 95%% CI %+.1f to %+.1f)",
                            what, mean, lo, hi);
  return g_strdup_printf ("%s %+.1f points (95%% CI %+.1f to %+.1f)", what, mean, lo, hi);
}

/* ---- loading ---- */

static gboolean report_load_rest (Report *r);

/* robust.csv of orgsim robust's folder @r->robust_dir, which must be of the same
 * scenario as the results folder. */
static gboolean
robust_load (Report *r, GError **error)
{
  g_autofree char *csv = g_build_filename (r->robust_dir, "robust.csv", NULL);
  g_autofree char *ini_path = g_build_filename (r->robust_dir, "scenario.ini", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_file_test (csv, G_FILE_TEST_IS_REGULAR)
      || !g_key_file_load_from_file (kf, ini_path, G_KEY_FILE_NONE, NULL))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not a folder of orgsim robust (no robust.csv or scenario.ini); write "
                   "one with orgsim robust SCENARIO.ini -o DIR",
                   r->robust_dir);
      return FALSE;
    }
  g_autofree char *name = ini_get (r, "scenario", "name");
  g_autofree char *rname = g_key_file_get_string (kf, "scenario", "name", NULL);
  if (g_strcmp0 (name != NULL ? g_strstrip (name) : "", rname != NULL ? g_strstrip (rname) : "")
      != 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: robustness of scenario '%s', not of '%s' (%s); give the folder orgsim "
                   "robust wrote for the same scenario",
                   r->robust_dir, rname != NULL ? rname : "", name != NULL ? name : "", r->dir);
      return FALSE;
    }
  r->robust = csv_load (r->robust_dir, "robust.csv", TRUE, error);
  return r->robust != NULL;
}

static gboolean
report_load (Report *r, GError **error)
{
  g_autofree char *ini_path = g_build_filename (r->dir, "scenario.ini", NULL);
  g_autofree char *summary = g_build_filename (r->dir, "summary.csv", NULL);
  if (!g_file_test (ini_path, G_FILE_TEST_IS_REGULAR)
      || !g_file_test (summary, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not an orgsim results folder (no summary.csv and scenario.ini); give "
                   "the folder orgsim run wrote",
                   r->dir);
      return FALSE;
    }
  r->ini = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_file (r->ini, ini_path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:1: cannot read: %s; run orgsim run again to write it", ini_path,
                   local->message);
      return FALSE;
    }
  /* For the level sizes only: the report does without them. */
  r->sc = osim_scenario_load (ini_path, NULL, NULL);
  r->final = csv_load (r->dir, "final.csv", TRUE, error);
  if (r->final == NULL)
    return FALSE;
  if (csv_col (r->final, (const char *const[]){ "policy", NULL }) < 0
      || csv_col (r->final, COL_VS) < 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s:1: no policy or vs_baseline column; run orgsim run again to write it",
                   r->final->path);
      return FALSE;
    }
  r->labels = csv_load (r->dir, "labels.csv", FALSE, error);
  if (r->labels == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (r->robust_dir != NULL)
    return robust_load (r, error) && report_load_rest (r);
  r->robust = csv_load (r->dir, "robust.csv", FALSE, error);
  if (r->robust == NULL && error != NULL && *error != NULL)
    return FALSE;
  return report_load_rest (r);
}

/* The baseline and the variants, from final.csv. */
static gboolean
report_load_rest (Report *r)
{
  r->baseline = ini_get (r, "scenario", "baseline");
  if (r->baseline == NULL)
    r->baseline = g_strdup ("best");
  r->variants = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < r->final->rows->len; i++)
    {
      const char *v = csv_str (r->final, i, "variant");
      v = v != NULL ? v : "base";
      if (!g_ptr_array_find_with_equal_func (r->variants, v, g_str_equal, NULL))
        g_ptr_array_add (r->variants, g_strdup (v));
    }
  return TRUE;
}

/* ---- sections ---- */

static void
section_scenario (Report *r)
{
  g_autofree char *name = scenario_text (r, "name");
  g_autofree char *desc = scenario_text (r, "description");
  g_string_append (r->html, "<section id=\"scenario\">\n<h2>The scenario</h2>\n");
  if (r->sc != NULL)
    {
      const OsimParams *p = osim_scenario_params (r->sc);
      GString *lv = g_string_new (NULL);
      for (int k = 0; k < p->n_levels; k++)
        {
          g_autofree char *ln = level_name (r, k);
          g_string_append_printf (lv, "%s%s (%" G_GINT64_FORMAT ")", k > 0 ? ", " : "", ln,
                                  p->level_size[k]);
        }
      put_textf (r, "p",
                 "The organisation (\u201c%s\u201d) has %" G_GINT64_FORMAT
                 " positions on %d levels, from the top down: %s.",
                 name, osim_params_positions (p), p->n_levels, lv->str);
      g_string_free (lv, TRUE);
    }
  else
    put_textf (r, "p", "The organisation: scenario \u201c%s\u201d.", name);

  g_autofree char *pol = ini_get (r, "scenario", "policies");
  g_auto (GStrv) pols = g_strsplit (pol != NULL ? pol : "", ";", -1);
  put_text (r, "p", "The promotion policies compared, each filling every vacancy its own way:");
  g_string_append (r->html, "<ul class=\"policies\">\n");
  for (int i = 0; pols[i] != NULL; i++)
    {
      g_strstrip (pols[i]);
      if (*pols[i] == '\0')
        continue;
      OsimPolicy id;
      g_autofree char *label = policy_label (r, pols[i]);
      g_autofree char *how = osim_policy_from_name (pols[i], &id)
                                 ? g_strdup (osim_policy_description (id))
                                 : g_strdup ("");
      g_autofree char *item
          = g_strdup_printf ("%s%s%s%s%s%s", label, strcmp (label, pols[i]) != 0 ? " (" : "",
                             strcmp (label, pols[i]) != 0 ? pols[i] : "",
                             strcmp (label, pols[i]) != 0 ? ")" : "", *how ? ": " : "", how);
      g_autofree char *e = osim_report_escape (item);
      g_string_append_printf (
          r->html, "<li>%s%s</li>\n", e,
          strcmp (pols[i], r->baseline) == 0 ? " <strong>(the baseline)</strong>" : "");
    }
  g_string_append (r->html, "</ul>\n");

  g_autofree char *runs = ini_get (r, "scenario", "runs");
  g_autofree char *steps = ini_get (r, "scenario", "steps");
  g_autofree char *seed = ini_get (r, "scenario", "seed");
  g_autofree char *window = ini_get (r, "scenario", "window");
  put_textf (r, "p",
             "Each policy is simulated %s times for %s years (seed %s). Run i starts from the "
             "same organisation and draws the same chances under every policy, so the "
             "policies are compared run by run. \u201cFinal\u201d means the mean of the last "
             "%s years.",
             runs ? runs : "?", steps ? steps : "?", seed ? seed : "?", window ? window : "few");
  if (r->variants->len > 1)
    put_textf (r, "p",
               "The scenario is run in %u variants (a sweep of settings); the findings and "
               "tables below are given per variant.",
               r->variants->len);
  g_string_append (r->html, "</section>\n");
}

typedef struct
{
  guint row;
  double vs;
} Ranked;

static int
by_vs_desc (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  double vx = isnan (x->vs) ? -INFINITY : x->vs, vy = isnan (y->vs) ? -INFINITY : y->vs;
  return vx < vy ? 1 : vx > vy ? -1 : (x->row > y->row) - (x->row < y->row);
}

/* The rows of @variant other than the baseline, best first; *@base_row the baseline's. */
static GArray *
variant_rows (const Report *r, const char *variant, int *base_row)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Ranked));
  *base_row = -1;
  for (guint i = 0; i < r->final->rows->len; i++)
    {
      const char *v = csv_str (r->final, i, "variant");
      const char *p = csv_str (r->final, i, "policy");
      if (p == NULL || strcmp (v != NULL ? v : "base", variant) != 0)
        continue;
      if (strcmp (p, r->baseline) == 0)
        *base_row = (int)i;
      else
        g_array_append_val (rows, ((Ranked){ i, csv_num (r->final, i, COL_VS) }));
    }
  g_array_sort (rows, by_vs_desc);
  return rows;
}

static char *
percent (double share)
{
  return isnan (share) ? g_strdup ("\u2013") : g_strdup_printf ("%.0f%%", 100 * share);
}

/* One finding: "<policy> instead of <baseline>: efficiency +d points (CI); willing ...". */
static void
finding (Report *r, guint row, int base_row)
{
  const Csv *f = r->final;
  const char *pol = csv_str (f, row, "policy");
  g_autofree char *who = policy_phrase (r, pol);
  g_autofree char *base = policy_phrase (r, r->baseline);
  g_autofree char *eff
      = osim_report_difference ("efficiency", csv_num (f, row, COL_VS), csv_num (f, row, COL_VS_LO),
                                csv_num (f, row, COL_VS_HI));
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s instead of %s: %s", who, base, eff);
  double w = csv_num (f, row, COL_WILL);
  double wb = base_row >= 0 ? csv_num (f, (guint)base_row, COL_WILL) : NAN;
  if (!isnan (w) && !isnan (wb))
    {
      g_autofree char *pw = percent (w), *pb = percent (wb);
      double lo = csv_num (f, row, COL_WILL_VS_LO), hi = csv_num (f, row, COL_WILL_VS_HI);
      gboolean unclear = !isnan (lo) && !isnan (hi) && lo <= 0 && hi >= 0;
      g_string_append_printf (s, "; willing followers %s against %s%s", pw, pb,
                              unclear ? " (no clear difference)" : "");
    }
  g_string_append_c (s, '.');
  put_text (r, "li", s->str);
  g_string_free (s, TRUE);
}

static void
findings_variant (Report *r, const char *variant)
{
  int base_row;
  g_autoptr (GArray) rows = variant_rows (r, variant, &base_row);
  const Csv *f = r->final;
  if (r->variants->len > 1)
    put_text (r, "h3", variant);
  g_autofree char *base = policy_phrase (r, r->baseline);
  if (base_row >= 0)
    {
      double e = csv_num (f, base_row, COL_EFF_FINAL);
      double lo = csv_num (f, base_row, COL_EFF_FINAL_LO),
             hi = csv_num (f, base_row, COL_EFF_FINAL_HI);
      g_autofree char *w = percent (csv_num (f, base_row, COL_WILL));
      put_textf (r, "p",
                 "Under the baseline, %s, the organisation ends at an efficiency of %.1f%% "
                 "(95%% CI %.1f to %.1f)%s%s%s.",
                 base, e, lo, hi, isnan (csv_num (f, base_row, COL_WILL)) ? "" : ", with ",
                 isnan (csv_num (f, base_row, COL_WILL)) ? "" : w,
                 isnan (csv_num (f, base_row, COL_WILL)) ? "" : " of the people willing followers");
    }
  if (rows->len == 0)
    {
      put_text (r, "p", "Only the baseline was run: there is nothing to compare it with.");
      return;
    }
  put_text (r, "p", "Switching from the baseline, best first (paired differences, 95% CI):");
  g_string_append (r->html, "<ul class=\"findings\">\n");
  for (guint i = 0; i < rows->len; i++)
    finding (r, g_array_index (rows, Ranked, i).row, base_row);
  g_string_append (r->html, "</ul>\n");
  const Ranked *top = &g_array_index (rows, Ranked, 0);
  double lo = csv_num (f, top->row, COL_VS_LO);
  g_autofree char *who = policy_phrase (r, csv_str (f, top->row, "policy"));
  if (!isnan (lo) && lo > 0)
    put_textf (r, "p class=\"verdict\"",
               "In this %s, %s does best: %.1f points of efficiency more than %s, and "
               "the 95%% CI stays above zero.",
               r->variants->len > 1 ? "variant" : "scenario", who, top->vs, base);
  else
    put_textf (r, "p class=\"verdict\"",
               "In this %s, no policy is clearly better than %s: every 95%% CI of a "
               "gain reaches zero or below.",
               r->variants->len > 1 ? "variant" : "scenario", base);
}

static void
section_findings (Report *r)
{
  g_string_append (r->html, "<section id=\"findings\">\n<h2>Findings</h2>\n");
  const char *runs = csv_str (r->final, 0, "runs");
  put_textf (r, "p",
             "Efficiency is the organisation's output as a share of what it would give with "
             "everyone fully competent and fully willing, each level weighted by its "
             "responsibility (percent). Each number is a mean over "
             "%s runs; a difference whose 95%% confidence interval (CI) spans zero is reported "
             "as no clear difference.",
             runs != NULL ? runs : "the");
  for (guint v = 0; v < r->variants->len && v < REPORT_MAX_VARIANTS; v++)
    findings_variant (r, r->variants->pdata[v]);
  if (r->variants->len > REPORT_MAX_VARIANTS)
    put_textf (r, "p", "%u more variants are in final.csv.",
               r->variants->len - REPORT_MAX_VARIANTS);
  g_string_append (r->html, "</section>\n");
}

/* ---- charts ---- */

typedef struct
{
  const char *name, *title, *how;
} ChartText;

/* The charts in reading order, each with one sentence on how to read it. */
static const ChartText chart_texts[] = {
  { "efficiency", "Efficiency over time",
    "Each line is one policy's mean efficiency year by year, with its 95% band: the higher "
    "the better, and the level of the last years is where the policy settles." },
  { "difference", "What switching from the baseline gains",
    "Each bar is what a policy gains over the baseline (right of zero) or loses, with its "
    "95% CI; a bar whose interval crosses zero is no clear difference." },
  { "gain", "Gain from the start",
    "Each bar is a policy's change in efficiency from the starting organisation to the last "
    "years, with its 95% CI." },
  { "willing", "Willing followers",
    "The share of people who willingly follow their manager, year by year per policy; the "
    "others give only the bare minimum that keeps them in their job." },
  { "competence", "Competence by level",
    "Mean competence in the job at each level over the years: a level that drops holds "
    "people promoted into work they do less well." },
  { "leaders", "Leaders by level",
    "The share of managers at each level who lead: half or more of their direct reports "
    "follow them willingly." },
  { "orgchart", "The org chart",
    "The organisation of the first run in its last year: the baseline above, the best "
    "alternative below. Squares are technicians, circles people persons (small grey dots: "
    "no reports), and a ring marks a leader." },
  { "sweep", "Sweep",
    "Final efficiency against the swept setting, a line per policy: where "
    "lines cross, the best policy depends on that setting." },
  { "heatmap", "Two settings at once",
    "Each cell is one combination of two swept settings, coloured by the result." },
  { "tornado", "Which assumptions matter",
    "Each bar shows how far the advantage of the headline policy over the baseline moves when "
    "one assumption is changed and all else is as in the scenario (from orgsim robust); the "
    "longest bars are the assumptions that matter most." },
};

static int
chart_rank (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_texts); i++)
    if (strcmp (chart_texts[i].name, name) == 0)
      return (int)i;
  return (int)G_N_ELEMENTS (chart_texts);
}

static int
by_chart_order (gconstpointer a, gconstpointer b)
{
  g_autofree char *na = g_path_get_basename (*(char *const *)a);
  g_autofree char *nb = g_path_get_basename (*(char *const *)b);
  *strrchr (na, '.') = '\0';
  *strrchr (nb, '.') = '\0';
  int ra = chart_rank (na), rb = chart_rank (nb);
  return ra != rb ? ra - rb : strcmp (na, nb);
}

/* Draws the charts as SVG into a temporary copy of the folder (links to its files), so
 * that the results folder's own charts are left as they are.  Returns the temporary
 * folder; @written receives the SVG paths, in the order drawn. */
static char *
draw_svgs (const char *dir, GPtrArray *written, GError **error)
{
  g_autofree char *tmp = g_dir_make_tmp ("orgsim-report-XXXXXX", NULL);
  if (tmp == NULL)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
                   "cannot create a temporary folder for the charts: %s", g_strerror (errno));
      return NULL;
    }
  g_autofree char *abs = g_canonicalize_filename (dir, NULL);
  g_autoptr (GDir) d = g_dir_open (abs, 0, error);
  const char *n;
  while (d != NULL && (n = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (abs, n, NULL);
      g_autofree char *dst = g_build_filename (tmp, n, NULL);
      if (g_file_test (src, G_FILE_TEST_IS_REGULAR) && symlink (src, dst) != 0)
        {
          g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot link: %s", dst,
                       g_strerror (errno));
          break;
        }
    }
  g_autoptr (GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  OsimPlotOptions opt = { "svg", "slides", NULL };
  if (d == NULL || (error != NULL && *error != NULL)
      || !osim_plot_dir (tmp, &opt, written, skipped, error))
    {
      osim_remove_tree (tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* Replaces every @from in @s by @to. */
static void
replace_all (GString *s, const char *from, const char *to)
{
  g_string_replace (s, from, to, 0);
}

/* Removes the elements named @tag (with their content) from @s. */
static void
drop_elements (GString *s, const char *tag)
{
  g_autofree char *open = g_strdup_printf ("<%s", tag);
  g_autofree char *close = g_strdup_printf ("</%s>", tag);
  char *at;
  while ((at = strstr (s->str, open)) != NULL)
    {
      gsize start = (gsize)(at - s->str);
      char *end = strstr (at, close);
      gsize stop = end != NULL ? (gsize)(end - s->str) + strlen (close) : s->len;
      g_string_erase (s, (gssize)start, (gssize)(stop - start));
    }
}

/* The SVG of @path ready to inline as chart @index: no XML prolog, its ids made unique
 * in the page (every chart defines gnuplot's point shapes under the same ids), no script,
 * and no reference leaving the page. */
static char *
inline_svg (const char *path, int index, GError **error)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  char *svg = strstr (text, "<svg");
  if (svg == NULL)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "%s: no <svg> element", path);
      return NULL;
    }
  GString *s = g_string_new (svg);
  drop_elements (s, "script");
  drop_elements (s, "foreignObject");
  g_autofree char *pfx = g_strdup_printf ("c%d-", index);
  const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autofree char *to = g_strconcat (refs[i], pfx, NULL);
      replace_all (s, refs[i], to);
    }
  /* Any other reference (an image or a link out of the page) points nowhere instead. */
  replace_all (s, "href='http", "href='#http");
  replace_all (s, "href=\"http", "href=\"#http");
  replace_all (s, "href='file", "href='#file");
  replace_all (s, "href=\"file", "href=\"#file");
  return g_string_free (s, FALSE);
}

static gboolean
section_charts (Report *r, GError **error)
{
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp = draw_svgs (r->dir, written, error);
  if (tmp == NULL)
    return FALSE;
  /* The tornado chart of orgsim robust's folder, when one is given. */
  g_autofree char *tmp_robust = NULL;
  if (r->robust_dir != NULL && (tmp_robust = draw_svgs (r->robust_dir, written, error)) == NULL)
    {
      osim_remove_tree (tmp);
      return FALSE;
    }
  g_ptr_array_sort (written, by_chart_order);
  g_string_append (r->html, "<section id=\"charts\">\n<h2>Charts</h2>\n");
  put_text (r, "p class=\"screen-only\"",
            "Every chart of the results folder, each with how to read it. The same charts are "
            "in the folder's charts/ as PNG for slides (orgsim plot).");
  gboolean ok = TRUE;
  for (guint i = 0; i < written->len && ok; i++)
    {
      const char *path = written->pdata[i];
      g_autofree char *name = g_path_get_basename (path);
      *strrchr (name, '.') = '\0';
      g_autofree char *svg = inline_svg (path, (int)i, error);
      ok = svg != NULL;
      if (!ok)
        break;
      int k = chart_rank (name);
      const ChartText *t = k < (int)G_N_ELEMENTS (chart_texts) ? &chart_texts[k] : NULL;
      g_autofree char *ename = osim_report_escape (name);
      g_string_append_printf (r->html, "<figure class=\"chart\" id=\"chart-%s\">\n", ename);
      g_string_append (r->html, svg);
      g_string_append (r->html, "\n<figcaption>");
      g_autofree char *title = osim_report_escape (t != NULL ? t->title : name);
      g_autofree char *how
          = osim_report_escape (t != NULL ? t->how : "Read its title, its axes and its legend.");
      g_string_append_printf (r->html, "<strong>%s.</strong> %s</figcaption>\n</figure>\n", title,
                              how);
    }
  g_string_append (r->html, "</section>\n");
  osim_remove_tree (tmp);
  if (tmp_robust != NULL)
    osim_remove_tree (tmp_robust);
  return ok;
}

/* ---- the summary table ---- */

static char *
with_ci (double m, double lo, double hi, gboolean sign)
{
  if (isnan (m))
    return g_strdup ("\u2013");
  if (isnan (lo) || isnan (hi))
    return g_strdup_printf (sign ? "%+.1f" : "%.1f", m);
  return g_strdup_printf (sign ? "%+.1f (%+.1f to %+.1f)" : "%.1f (%.1f to %.1f)", m, lo, hi);
}

static void
table_row (Report *r, guint i)
{
  const Csv *f = r->final;
  const char *pol = csv_str (f, i, "policy");
  g_autofree char *label = policy_label (r, pol);
  char *cells[6] = {
    g_strdup (label),
    with_ci (csv_num (f, i, COL_EFF_FINAL), csv_num (f, i, COL_EFF_FINAL_LO),
             csv_num (f, i, COL_EFF_FINAL_HI), FALSE),
    with_ci (csv_num (f, i, COL_GAIN), csv_num (f, i, COL_GAIN_LO), csv_num (f, i, COL_GAIN_HI),
             TRUE),
    strcmp (pol, r->baseline) == 0 ? g_strdup ("baseline")
                                   : with_ci (csv_num (f, i, COL_VS), csv_num (f, i, COL_VS_LO),
                                              csv_num (f, i, COL_VS_HI), TRUE),
    percent (csv_num (f, i, COL_WILL)),
    percent (csv_num (f, i, COL_LEAD)),
  };
  g_string_append (r->html, "<tr>");
  for (int c = 0; c < 6; c++)
    {
      g_autofree char *e = osim_report_escape (cells[c]);
      g_string_append_printf (r->html, c == 0 ? "<th scope=\"row\">%s</th>" : "<td>%s</td>", e);
      g_free (cells[c]);
    }
  g_string_append (r->html, "</tr>\n");
}

static void
section_table (Report *r)
{
  g_string_append (r->html, "<section id=\"table\">\n<h2>Summary table</h2>\n");
  const char *runs = csv_str (r->final, 0, "runs");
  put_textf (r, "p",
             "Final values (the mean of each run's last years), over %s runs, with 95%% CIs in "
             "brackets. Efficiency and its differences are in percent and percentage points.",
             runs != NULL ? runs : "the");
  for (guint v = 0; v < r->variants->len && v < REPORT_MAX_VARIANTS; v++)
    {
      const char *variant = r->variants->pdata[v];
      if (r->variants->len > 1)
        put_text (r, "h3", variant);
      g_string_append (r->html,
                       "<table class=\"summary\">\n<thead><tr><th scope=\"col\">Policy</th>"
                       "<th scope=\"col\">Final efficiency, %</th>"
                       "<th scope=\"col\">Gain since year 0, points</th>"
                       "<th scope=\"col\">Difference from the baseline, points</th>"
                       "<th scope=\"col\">Willing followers</th>"
                       "<th scope=\"col\">Leaders among managers</th></tr></thead>\n<tbody>\n");
      for (guint i = 0; i < r->final->rows->len; i++)
        {
          const char *rv = csv_str (r->final, i, "variant");
          if (strcmp (rv != NULL ? rv : "base", variant) == 0 && csv_str (r->final, i, "policy"))
            table_row (r, i);
        }
      g_string_append (r->html, "</tbody>\n</table>\n");
    }
  g_string_append (r->html, "</section>\n");
}

/* ---- assumptions ---- */

/* The settings that drive the result, in the order a reader meets them. */
static const char *const driving_keys[] = {
  "org.spans",
  "org.levels",
  "org.chart",
  "org.people_weight",
  "org.responsibility",
  "org.candidates",
  "people.technical",
  "people.people",
  "people.rho",
  "people.quit_rate",
  "promotion.transfer",
  "promotion.assessment",
  "promotion.assessment_noise",
  "effort.enabled",
  "effort.bare_minimum",
  "effort.trust_initial",
  "effort.deposit",
  "effort.withdrawal",
  "effort.people_neutral",
  "effort.follow_threshold",
  "training.training",
  "training.coaching",
  NULL,
};

static const char *
key_meaning (const char *dotted)
{
  for (const OsimKeyInfo *k = osim_scenario_keys (); k->key != NULL; k++)
    if (strcmp (k->key, dotted) == 0)
      return k->meaning;
  return "";
}

static void
settings_table (Report *r)
{
  g_autofree char *eff = ini_get (r, "effort", "enabled");
  gboolean effort_on = eff != NULL && (strcmp (eff, "true") == 0 || strcmp (eff, "1") == 0);
  g_string_append (r->html, "<table class=\"settings\">\n<thead><tr><th scope=\"col\">Setting"
                            "</th><th scope=\"col\">Value</th><th scope=\"col\">What it means"
                            "</th></tr></thead>\n<tbody>\n");
  for (int i = 0; driving_keys[i] != NULL; i++)
    {
      g_auto (GStrv) sk = g_strsplit (driving_keys[i], ".", 2);
      if (!effort_on && strcmp (sk[0], "effort") == 0 && strcmp (sk[1], "enabled") != 0)
        continue;
      g_autofree char *value = ini_get (r, sk[0], sk[1]);
      if (value == NULL)
        continue;
      g_autofree char *ek = osim_report_escape (driving_keys[i]);
      g_autofree char *ev = osim_report_escape (value);
      g_autofree char *em = osim_report_escape (key_meaning (driving_keys[i]));
      g_string_append_printf (r->html, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n",
                              ek, ev, em);
    }
  g_string_append (r->html, "</tbody>\n</table>\n");
}

static gboolean
truthy (const char *s)
{
  return s != NULL
         && (strcmp (s, "1") == 0 || g_ascii_strcasecmp (s, "true") == 0
             || g_ascii_strcasecmp (s, "yes") == 0);
}

#define ROBUST_MAX_ROWS 300

/* BEST is the conclusion's policy (best_alternative), NULL when only the baseline ran. */
static void
robust_table (Report *r, const char *best)
{
  static const char *const lo_c[] = { "vs_baseline_ci_lo", NULL },
                           *const hi_c[] = { "vs_baseline_ci_hi", NULL },
                           *const m_c[] = { "vs_baseline_mean", "vs_baseline", NULL };
  const Csv *b = r->robust;
  /* The conclusion's policy alone (the others' rows are in robust.csv), else every row. */
  if (best != NULL)
    {
      g_autofree char *who = policy_phrase (r, best);
      g_autofree char *base = policy_phrase (r, r->baseline);
      put_textf (r, "p",
                 "How %s does against %s in every setting tried (the other policies' rows "
                 "are in robust.csv):",
                 who, base);
    }
  g_string_append_printf (r->html,
                          "<table class=\"robust\">\n<thead><tr><th scope=\"col\">Assumption"
                          "</th><th scope=\"col\">Setting</th><th scope=\"col\">Value</th>%s"
                          "<th scope=\"col\">Difference from the baseline, points</th><th "
                          "scope=\"col\">Rank</th><th scope=\"col\">Ranking changed</th></tr>"
                          "</thead>\n<tbody>\n",
                          best != NULL ? "" : "<th scope=\"col\">Policy</th>");
  guint rows = 0;
  for (guint i = 0; i < b->rows->len; i++)
    {
      const char *pol = csv_str (b, i, "policy");
      if (best != NULL && g_strcmp0 (pol, best) != 0)
        continue;
      if (rows++ >= ROBUST_MAX_ROWS)
        continue;
      g_autofree char *label = pol != NULL ? policy_label (r, pol) : g_strdup ("");
      const char *raw[] = { csv_str (b, i, "parameter"), csv_str (b, i, "setting"),
                            csv_str (b, i, "value"), label };
      g_string_append (r->html, "<tr>");
      for (guint c = 0; c < G_N_ELEMENTS (raw) - (best != NULL); c++)
        {
          g_autofree char *e = osim_report_escape (raw[c] != NULL ? raw[c] : "");
          g_string_append_printf (r->html, "<td>%s</td>", e);
        }
      g_autofree char *d
          = with_ci (csv_num (b, i, m_c), csv_num (b, i, lo_c), csv_num (b, i, hi_c), TRUE);
      g_autofree char *rank
          = osim_report_escape (csv_str (b, i, "rank") ? csv_str (b, i, "rank") : "");
      gboolean changed = truthy (csv_str (b, i, "ranking_changed"));
      g_string_append_printf (r->html, "<td>%s</td><td>%s</td><td%s>%s</td></tr>\n", d, rank,
                              changed ? " class=\"changed\"" : "", changed ? "yes" : "no");
    }
  g_string_append (r->html, "</tbody>\n</table>\n");
  if (rows > ROBUST_MAX_ROWS)
    put_textf (r, "p", "%u more rows are in robust.csv.", rows - ROBUST_MAX_ROWS);
}

/* The best alternative of the first variant (its policy name), or NULL. */
static const char *
best_alternative (const Report *r, double *lo)
{
  if (r->variants->len == 0)
    return NULL;
  int base_row;
  g_autoptr (GArray) rows = variant_rows (r, r->variants->pdata[0], &base_row);
  if (rows->len == 0)
    return NULL;
  guint row = g_array_index (rows, Ranked, 0).row;
  *lo = csv_num (r->final, row, COL_VS_LO);
  return csv_str (r->final, row, "policy");
}

/* Says which assumption would reverse the conclusion (the best alternative BEST beating the
 * baseline; MAIN_LO the lower end of its CI in the main results), which would make it
 * unclear, and which change the ranking. */
static void
robust_verdict (Report *r, const char *best, double main_lo)
{
  static const char *const lo_c[] = { "vs_baseline_ci_lo", NULL },
                           *const hi_c[] = { "vs_baseline_ci_hi", NULL },
                           *const m_c[] = { "vs_baseline_mean", "vs_baseline", NULL };
  const Csv *b = r->robust;
  g_autoptr (GPtrArray) reverse = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) unclear = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ranking = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < b->rows->len; i++)
    {
      const char *pol = csv_str (b, i, "policy"), *par = csv_str (b, i, "parameter");
      const char *val = csv_str (b, i, "value");
      g_autofree char *what = g_strdup_printf ("%s = %s", par ? par : "?", val ? val : "?");
      double m = csv_num (b, i, m_c), lo = csv_num (b, i, lo_c), hi = csv_num (b, i, hi_c);
      if (truthy (csv_str (b, i, "ranking_changed"))
          && !g_ptr_array_find_with_equal_func (ranking, what, g_str_equal, NULL))
        g_ptr_array_add (ranking, g_strdup (what));
      if (best == NULL || pol == NULL || strcmp (pol, best) != 0 || isnan (m))
        continue;
      if ((!isnan (hi) && hi < 0) || (isnan (hi) && m < 0))
        g_ptr_array_add (reverse, g_strdup_printf ("%s (%+.1f points)", what, m));
      else if (!isnan (lo) && lo <= 0)
        g_ptr_array_add (unclear, g_strdup_printf ("%s (%+.1f points)", what, m));
    }
  g_autofree char *who = best != NULL ? policy_phrase (r, best) : NULL;
  g_autofree char *base = policy_phrase (r, r->baseline);
  g_ptr_array_add (reverse, NULL);
  g_ptr_array_add (unclear, NULL);
  g_ptr_array_add (ranking, NULL);
  g_autofree char *rev = g_strjoinv ("; ", (char **)reverse->pdata);
  g_autofree char *unc = g_strjoinv ("; ", (char **)unclear->pdata);
  g_autofree char *rank = g_strjoinv ("; ", (char **)ranking->pdata);
  if (best == NULL)
    put_text (r, "p", "Only the baseline was run: there is no conclusion to reverse.");
  else if (*rev != '\0')
    put_textf (r, "p class=\"verdict\"",
               "These assumptions would reverse the conclusion that %s beats %s: %s.", who, base,
               rev);
  else
    put_textf (r, "p class=\"verdict\"",
               "No assumption tried reverses the conclusion that %s %s %s.", who,
               !isnan (main_lo) && main_lo > 0 ? "beats" : "does no worse than", base);
  if (best != NULL && *unc != '\0')
    put_textf (r, "p", "These would make the difference unclear (its 95%% CI reaching zero): %s.",
               unc);
  put_textf (r, "p", "%s%s%s", *rank != '\0' ? "The ranking of the policies changes with: " : "",
             *rank != '\0' ? rank
                           : "The ranking of the policies is the same for every setting tried",
             ".");
}

static void
section_assumptions (Report *r)
{
  g_string_append (r->html, "<section id=\"assumptions\">\n<h2>Assumptions</h2>\n");
  put_text (r, "p",
            "The result rests on these settings of the model; every other setting is in the "
            "folder's scenario.ini.");
  settings_table (r);
  if (r->robust != NULL)
    {
      put_text (r, "h3 class=\"robust\"", "Robustness: one assumption changed at a time");
      double main_lo = NAN;
      const char *best = best_alternative (r, &main_lo);
      robust_verdict (r, best, main_lo);
      robust_table (r, best);
    }
  else
    put_text (r, "p",
              "No robustness analysis given: orgsim robust changes one assumption at a time and "
              "shows which would change the conclusion (orgsim report RESULTS_DIR --robust "
              "ROBUST_DIR puts it here).");
  g_string_append (r->html, "</section>\n");
}

/* ---- provenance ---- */

static void
prov_row (Report *r, const char *what, const char *value, gboolean code)
{
  g_autofree char *ew = osim_report_escape (what);
  g_autofree char *ev = osim_report_escape (value != NULL ? value : "");
  g_string_append_printf (r->html, "<tr><th scope=\"row\">%s</th><td>%s%s%s</td></tr>\n", ew,
                          code ? "<code>" : "", ev, code ? "</code>" : "");
}

static void
section_provenance (Report *r, const char *command)
{
  g_string_append (r->html, "<section id=\"provenance\">\n<h2>Provenance</h2>\n");
  g_autofree char *name = ini_get (r, "scenario", "name");
  g_autofree char *seed = ini_get (r, "scenario", "seed");
  g_autofree char *runs = ini_get (r, "scenario", "runs");
  g_autofree char *steps = ini_get (r, "scenario", "steps");
  g_autofree char *pols = ini_get (r, "scenario", "policies");
  g_autofree char *qdir = g_shell_quote (r->dir);
  g_autofree char *ini = g_build_filename (r->dir, "scenario.ini", NULL);
  g_autofree char *qini = g_shell_quote (ini);
  g_autofree char *again = g_strdup_printf ("orgsim run %s -o %s", qini, qdir);
  g_string_append (r->html, "<table class=\"provenance\">\n<tbody>\n");
  prov_row (r, "Report written by", "orgsim " OSIM_VERSION, FALSE);
  prov_row (r, "Scenario", name, FALSE);
  prov_row (r, "Seed", seed, FALSE);
  prov_row (r, "Runs per policy", runs, FALSE);
  prov_row (r, "Years", steps, FALSE);
  prov_row (r, "Policies", pols, FALSE);
  prov_row (r, "Baseline", r->baseline, FALSE);
  prov_row (r, "Results folder", r->dir, TRUE);
  prov_row (r, "To run it again (same numbers)", again, TRUE);
  if (command != NULL)
    prov_row (r, "This report", command, TRUE);
  g_string_append (r->html, "</tbody>\n</table>\n");
  g_autofree char *text = NULL;
  if (g_file_get_contents (ini, &text, NULL, NULL))
    {
      g_autofree char *e = osim_report_escape (text);
      g_string_append_printf (r->html,
                              "<details class=\"screen-only\"><summary>The resolved scenario "
                              "(scenario.ini)</summary>\n<pre>%s</pre>\n</details>\n",
                              e);
    }
  g_string_append (r->html, "</section>\n");
}

/* ---- the page ---- */

static const char report_css[]
    = ":root{--ink:#1d2430;--muted:#5b6472;--rule:#d8dde5;--accent:#0072b2;--bg:#fff}\n"
      "*{box-sizing:border-box}\n"
      "body{margin:0;background:#f4f6f9;color:var(--ink);font:17px/1.55 system-ui,-apple-system,"
      "'Segoe UI',Roboto,'DejaVu Sans',sans-serif}\n"
      "main{max-width:1100px;margin:0 auto;padding:1.5rem 2rem 3rem;background:var(--bg)}\n"
      "header h1{font-size:2rem;line-height:1.2;margin:.5rem 0 .25rem}\n"
      "header p{color:var(--muted);margin:0 0 1rem}\n"
      "nav{border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);padding:.4rem 0;"
      "margin-bottom:1rem}\n"
      "nav a{color:var(--accent);margin-right:1.2rem;text-decoration:none}\n"
      "h2{font-size:1.5rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;"
      "margin:2rem 0 .8rem}\n"
      "h3{font-size:1.15rem;margin:1.2rem 0 .4rem}\n"
      ".lead{font-size:1.2rem}\n"
      ".verdict{border-left:4px solid var(--accent);padding:.4rem .8rem;background:#eef5fb}\n"
      "ul.findings li{margin:.35rem 0}\n"
      "figure.chart{margin:1.2rem 0 2rem}\n"
      "figure.chart svg{display:block;width:100%;height:auto;border:1px solid var(--rule)}\n"
      "figcaption{color:var(--muted);margin-top:.4rem}\n"
      "table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.95rem}\n"
      "th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;"
      "vertical-align:top}\n"
      "thead th{border-bottom:2px solid var(--ink)}\n"
      "table.summary td,table.robust td{font-variant-numeric:tabular-nums}\n"
      "td.changed{font-weight:bold;color:#b22222}\n"
      "code,pre{font-family:'DejaVu Sans Mono',monospace;font-size:.85rem}\n"
      "pre{background:#f4f6f9;padding:.6rem;overflow:auto}\n"
      "footer{color:var(--muted);font-size:.85rem;margin-top:2rem}\n"
      "@page{size:A4 landscape;margin:12mm}\n"
      "@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}\n"
      "nav,.screen-only{display:none}\n"
      "section{break-before:page}\n"
      "section:first-of-type{break-before:avoid}\n"
      "h2{margin-top:0}\n"
      "h2,h3{break-after:avoid}\n"
      "h3.robust{break-before:page;margin-top:0}\n"
      "tr,li,p{break-inside:avoid}\n"
      "figure.chart{break-before:page;break-inside:avoid;margin:0}\n"
      "section>figure.chart:first-of-type{break-before:avoid}\n"
      "figure.chart svg{width:100%;height:auto;max-height:155mm;margin:0 auto;border:0}\n"
      "table{font-size:9.5pt}th,td{padding:.15rem .4rem}\n"
      "a{color:inherit;text-decoration:none}}\n";

static void
page_head (Report *r)
{
  g_autofree char *name = scenario_text (r, "name");
  g_autofree char *desc = scenario_text (r, "description");
  g_autofree char *title = g_strdup_printf ("%s \u2014 orgsim report", *desc ? desc : name);
  g_autofree char *et = osim_report_escape (title);
  g_string_append_printf (
      r->html,
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n",
      et, report_css);
  g_string_append (r->html, "<header>\n");
  put_text (r, "h1", *desc ? desc : name);
  put_textf (r, "p", "What the simulation says: a handout of scenario \u201c%s\u201d.", name);
  g_string_append (r->html, "</header>\n<nav><a href=\"#scenario\">Scenario</a><a "
                            "href=\"#findings\">Findings</a><a href=\"#charts\">Charts</a><a "
                            "href=\"#table\">Table</a><a href=\"#assumptions\">Assumptions</a><a "
                            "href=\"#provenance\">Provenance</a></nav>\n");
}

/* Writes @text to @path, replacing it only when complete. */
static gboolean
write_atomically (const char *path, const char *text, gsize len, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (!g_file_set_contents_full (path, text, (gssize)len, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot write: %s", path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
osim_report_best_alternative (const char *results_dir, char **baseline, char **baseline_label,
                              char **best, char **best_label, GError **error)
{
  g_return_val_if_fail (results_dir != NULL && baseline != NULL && best != NULL, FALSE);
  Report r = { .dir = results_dir };
  gboolean ok = report_load (&r, error);
  if (ok)
    {
      double lo;
      const char *b = best_alternative (&r, &lo);
      *baseline = g_strdup (r.baseline);
      *baseline_label = policy_label (&r, r.baseline);
      *best = g_strdup (b);
      *best_label = b != NULL ? policy_label (&r, b) : NULL;
    }
  report_clear (&r);
  return ok;
}

gboolean
osim_report_write (const char *results_dir, const char *robust_dir, const char *out_path,
                   const char *command, GError **error)
{
  g_return_val_if_fail (results_dir != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  Report r = { .dir = results_dir, .robust_dir = robust_dir };
  gboolean ok = report_load (&r, error);
  if (ok)
    {
      r.html = g_string_sized_new (1 << 20);
      page_head (&r);
      section_scenario (&r);
      section_findings (&r);
      ok = section_charts (&r, error);
    }
  if (ok)
    {
      section_table (&r);
      section_assumptions (&r);
      section_provenance (&r, command);
      g_string_append (r.html,
                       "<footer>Written by orgsim " OSIM_VERSION
                       ", an organisation-chart simulator. Self-contained: this file "
                       "loads nothing from anywhere.</footer>\n</main>\n</body>\n</html>\n");
      ok = write_atomically (out_path, r.html->str, r.html->len, error);
    }
  report_clear (&r);
  return ok;
}

/* scenario-resolve.c: cross-key checks and derived defaults, size bounds,
 * sweeps and their variants, and command-line overrides. */
#include "orgsim/common.h"
#include "orgsim/scenario-private.h"

#include <math.h>
#include <string.h>

/* Statistics rows the results may hold, variants x policies x steps x
 * levels: a few hundred bytes of accumulators each (and a CSV row), so
 * this bounds the results before any is allocated; the run checks the
 * machine's memory besides. */
#define OSIM_MAX_CELLS 1e7

int
osim_key_index (const KeyDesc *kd)
{
  return (int)(kd - osim_keys);
}

void
osim_scenario_prefix_origin (GError **error, const OsimScenario *sc, Origin o)
{
  if (error == NULL || *error == NULL)
    return;
  if (o.cli)
    g_prefix_error (error, "%s: ", o.cli);
  else if (o.line > 0)
    g_prefix_error (error, "%s:%d: ", o.file ? o.file : sc->path, o.line);
  else
    g_prefix_error (error, "%s: ", sc->path);
}

static Origin
origin_of (const OsimScenario *sc, const char *section, const char *key)
{
  const KeyDesc *kd = osim_key_find (section, key);
  Origin o = kd ? sc->origin[osim_key_index (kd)] : (Origin){ 0, NULL, NULL };
  return o;
}

static Origin
first_given (const OsimScenario *sc, const char *section, const char *k1, const char *k2)
{
  Origin o = origin_of (sc, section, k1);
  if (o.line == 0 && o.cli == NULL && k2)
    o = origin_of (sc, section, k2);
  return o;
}

/* Where @o is, for a message that points at a second place. */
static char *
where (Origin o)
{
  if (o.cli)
    return g_strdup (o.cli);
  if (o.line > 0 && o.file)
    return g_strdup_printf ("%s:%d", o.file, o.line);
  if (o.line > 0)
    return g_strdup_printf ("line %d", o.line);
  return g_strdup ("the default");
}

/* Where the sweep was given: its [sweep] line, else its first --set. */
static Origin
sweep_origin (const OsimScenario *sc)
{
  if (sc->section_origin[OSIM_SECTION_SWEEP].line > 0)
    return sc->section_origin[OSIM_SECTION_SWEEP];
  return sc->sweep_set;
}

/* Prefixes a resolve error: with the place of @o for the base, or with the
 * variant's name for a sweep variant (build_variants then adds the place of
 * the sweep key at fault). */
static void
locate (GError **error, const OsimScenario *sc, Origin o, const char *variant)
{
  if (variant)
    g_prefix_error (error, "sweep variant '%s': ", variant);
  else
    osim_scenario_prefix_origin (error, sc, o);
}

#define FAIL_AT(o, code, ...)                                                                      \
  do                                                                                               \
    {                                                                                              \
      g_set_error (error, OSIM_INPUT_ERROR, (code), __VA_ARGS__);                                  \
      locate (error, sc, (o), variant);                                                            \
      return FALSE;                                                                                \
    }                                                                                              \
  while (0)

gint64
osim_params_positions (const OsimParams *p)
{
  gint64 total = 0;
  for (int k = 0; k < p->n_levels; k++)
    total += p->level_size[k];
  return total;
}

/* Checks that distribution key @key of @p stays within [lo, hi] (@what
 * names the scale). */
static gboolean
check_dist_range (const OsimScenario *sc, const OsimParams *p, const char *key, double lo,
                  double hi, const char *what, const char *variant, GError **error)
{
  const KeyDesc *kd = osim_key_find ("people", key);
  const OsimDist *d = (const OsimDist *)((const char *)p + kd->offset);
  if (d->lo >= lo && d->hi <= hi)
    return TRUE;
  g_autofree char *text = osim_dist_to_string (d);
  FAIL_AT (origin_of (sc, "people", key), OSIM_INPUT_ERROR_VALUE,
           "%s: %s reaches outside %s [%g,%g]; keep lo and hi within it", key, text, what, lo, hi);
}

/* Cross-key checks and derived defaults, on the base (@variant NULL) or on
 * the sweep variant so named. */
gboolean
osim_scenario_resolve (const OsimScenario *sc, OsimParams *p, const char *variant, GError **error)
{
  const Given *g = &sc->given;
  if (g->has_levels && g->has_spans)
    {
      g_autofree char *lw = where (origin_of (sc, "org", "levels"));
      FAIL_AT (origin_of (sc, "org", "spans"), OSIM_INPUT_ERROR_VALUE,
               "give either levels or spans, not both (levels is on %s)", lw);
    }
  int L = p->n_levels;
  double total = 0;
  for (int k = 0; k < L; k++)
    total += (double)p->level_size[k];
  if (total > OSIM_MAX_POSITIONS)
    FAIL_AT (origin_of (sc, "org", g->has_spans ? "spans" : "levels"), OSIM_INPUT_ERROR_LIMIT,
             "%s: %.0f positions; the limit is %d", g->has_spans ? "spans" : "levels", total,
             OSIM_MAX_POSITIONS);
  /* Lists per level: given ones must match, missing ones take defaults. */
  if (g->has_responsibility && g->n_responsibility != L)
    FAIL_AT (origin_of (sc, "org", "responsibility"), OSIM_INPUT_ERROR_VALUE,
             "responsibility has %d entries but the org has %d levels (one per level, top "
             "first)",
             g->n_responsibility, L);
  if (g->has_people_weight && g->n_people_weight != L)
    FAIL_AT (origin_of (sc, "org", "people_weight"), OSIM_INPUT_ERROR_VALUE,
             "people_weight has %d entries but the org has %d levels (one per level, top "
             "first)",
             g->n_people_weight, L);
  if (!g->has_responsibility)
    {
      static const double paper[6] = { 1.0, 0.9, 0.8, 0.6, 0.4, 0.2 };
      /* Rounded to 12 digits: check and scenario.ini show 0.2, not
       * 0.19999999999999996, and it reads back to the same value. */
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      for (int k = 0; k < L; k++)
        p->responsibility[k]
            = L == 6 ? paper[k]
                     : g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.12g",
                                                        1.0 - 0.8 * k / (double)(L - 1)),
                                       NULL);
    }
  if (!g->has_people_weight)
    for (int k = 0; k < L; k++)
      p->people_weight[k] = 0;
  double rsum = 0;
  for (int k = 0; k < L; k++)
    rsum += p->responsibility[k] * (double)p->level_size[k];
  if (!(rsum > 0))
    FAIL_AT (origin_of (sc, "org", "responsibility"), OSIM_INPUT_ERROR_VALUE,
             "every responsibility is 0: efficiency would be undefined");
  if (!g->has_window)
    p->window = MIN (100, p->steps);
  if (p->window > p->steps)
    {
      Origin ow = origin_of (sc, "scenario", "window"), os = origin_of (sc, "scenario", "steps");
      g_autofree char *ws = where (os);
      /* Point at whichever was given last: a -t below the file's window
       * is the usual way here. */
      FAIL_AT (os.cli && !ow.cli ? os : ow, OSIM_INPUT_ERROR_VALUE,
               "window (%d years) is longer than steps (%d years, from %s); lower window "
               "or raise steps",
               p->window, p->steps, ws);
    }
  if (!g->has_baseline)
    p->baseline = p->policies[0];
  gboolean found = FALSE;
  for (int i = 0; i < p->n_policies; i++)
    found |= p->policies[i] == p->baseline;
  if (!found)
    FAIL_AT (first_given (sc, "scenario", "baseline", "policies"), OSIM_INPUT_ERROR_VALUE,
             "baseline '%s' is not one of the policies", osim_policy_name (p->baseline));
  if (!check_dist_range (sc, p, "technical", 0, 10, "the skill scale", variant, error)
      || !check_dist_range (sc, p, "people", 0, 10, "the skill scale", variant, error)
      || !check_dist_range (sc, p, "age", 0, 200, "the ages", variant, error))
    return FALSE;
  if (p->retire_age <= p->age.lo)
    FAIL_AT (first_given (sc, "people", "retire_age", "age"), OSIM_INPUT_ERROR_VALUE,
             "retire_age (%g) must be above the youngest hiring age (%g, the lowest value of "
             "people.age)",
             p->retire_age, p->age.lo);
  return TRUE;
}

/* Size bounds over the whole experiment, refused before anything is
 * allocated.  Sizes are the same in every variant (list keys and [scenario]
 * cannot be swept), so the base tells. */
static gboolean
check_size (const OsimScenario *sc, GError **error)
{
  const char *variant = NULL; /* for FAIL_AT */
  const OsimParams *p = &sc->base;
  double nv = 1;
  for (guint d = 0; d < sc->sweep->len; d++)
    nv *= ((OsimSweepDim *)sc->sweep->pdata[d])->n_values;
  double positions = (double)osim_params_positions (p);
  double work = nv * p->runs * p->n_policies * (double)p->steps * positions;
  if (work > OSIM_MAX_WORK)
    {
      g_autofree char *variants = nv > 1 ? g_strdup_printf ("%.0f variants x ", nv) : g_strdup ("");
      FAIL_AT (first_given (sc, "scenario", "runs", "steps"), OSIM_INPUT_ERROR_LIMIT,
               "%s%d runs x %d policies x %d steps x %.0f positions make %.3g person-years; "
               "the limit is %g: lower runs or steps",
               variants, p->runs, p->n_policies, p->steps, positions, work, OSIM_MAX_WORK);
    }
  /* The statistics are kept per variant, policy, step and level. */
  double cells = nv * p->n_policies * (double)p->steps * p->n_levels;
  if (cells > OSIM_MAX_CELLS)
    FAIL_AT (nv > 1 ? sweep_origin (sc) : first_given (sc, "scenario", "steps", "policies"),
             OSIM_INPUT_ERROR_LIMIT,
             "%.0f variants x %d policies x %d steps x %d levels make %.3g rows of "
             "statistics; the limit is %.0f: lower steps, the policies or the sweep",
             nv, p->n_policies, p->steps, p->n_levels, cells, OSIM_MAX_CELLS);
  return TRUE;
}

/* Records a sweep dimension after checking the key is sweepable and every
 * value valid on its own. */
gboolean
osim_scenario_add_sweep (OsimScenario *sc, const char *key, const char *value, Origin o,
                         GError **error)
{
  const KeyDesc *kd = osim_key_find_dotted (key);
  if (kd == NULL)
    {
      g_autofree char *dym = osim_key_suggest_dotted (key);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "sweep: unknown key '%s'%s; sweep keys are section.key", key, dym);
      osim_scenario_prefix_origin (error, sc, o);
      return FALSE;
    }
  if (kd->type == K_LEVELS || kd->type == K_SPANS || kd->type == K_DLIST || kd->type == K_POLICIES
      || kd->type == K_STRING || strcmp (kd->section, "scenario") == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "sweep: %s cannot be swept (only single-valued keys outside [scenario]; "
                   "compare policies with [scenario] policies)",
                   key);
      osim_scenario_prefix_origin (error, sc, o);
      return FALSE;
    }
  int n;
  char **values = osim_split_list (value, &n);
  SweepDim *sd = g_new0 (SweepDim, 1);
  OsimSweepDim *d = &sd->pub;
  sd->origin = o;
  d->key = g_strdup (key);
  d->values = values;
  d->n_values = n;
  d->line = o.line;
  /* Replace an earlier dimension of the same key (a --set sweep.KEY). */
  for (guint i = 0; i < sc->sweep->len; i++)
    if (strcmp (((OsimSweepDim *)sc->sweep->pdata[i])->key, key) == 0)
      {
        g_ptr_array_remove_index (sc->sweep, i);
        break;
      }
  g_ptr_array_add (sc->sweep, d);
  if (n == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "sweep %s: no values; expected v1;v2;...", key);
      osim_scenario_prefix_origin (error, sc, o);
      return FALSE;
    }
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n; i++)
    {
      OsimParams scratch = sc->base;
      Given given = sc->given;
      scratch.name = scratch.description = NULL;
      if (values[i][0] == '\0')
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                       "sweep %s: value %d is empty", key, i + 1);
          osim_scenario_prefix_origin (error, sc, o);
          return FALSE;
        }
      g_autoptr (GError) local = NULL;
      if (!osim_key_set (&scratch, &given, kd, values[i], &local))
        {
          /* "p: 2 is out of range" reads "sweep promotion.p: 2 is out of range". */
          const char *msg = local->message;
          gsize kl = strlen (kd->key);
          if (strncmp (msg, kd->key, kl) == 0 && msg[kl] == ':' && msg[kl + 1] == ' ')
            msg += kl + 2;
          g_set_error (error, OSIM_INPUT_ERROR, local->code, "sweep %s: %s", key, msg);
          osim_scenario_prefix_origin (error, sc, o);
          return FALSE;
        }
      /* Compare values as read, so 0.5 and .50 count as the same. */
      char *norm = osim_key_format (&scratch, kd);
      for (guint j = 0; j < seen->len; j++)
        if (strcmp (norm, seen->pdata[j]) == 0)
          {
            g_free (norm);
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "sweep %s: value '%s' is listed twice", key, values[i]);
            osim_scenario_prefix_origin (error, sc, o);
            return FALSE;
          }
      g_ptr_array_add (seen, norm);
    }
  return TRUE;
}

/* Applies "section.key=value" from the command line. */
gboolean
osim_scenario_apply_override (OsimScenario *sc, const char *text, GError **error)
{
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > OSIM_MAX_LINE)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "--set: not UTF-8 text of at most %d bytes", OSIM_MAX_LINE);
      return FALSE;
    }
  /* Messages point at the --set text: keep a copy as long as the scenario. */
  g_ptr_array_add (sc->strings, g_strdup_printf ("--set %s", text));
  Origin o = { 0, g_ptr_array_index (sc->strings, sc->strings->len - 1), NULL };
  text = o.cli + 6;
  const char *eq = strchr (text, '=');
  if (eq == NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "--set %s: expected section.key=value", text);
      return FALSE;
    }
  g_autofree char *key = g_strstrip (g_strndup (text, eq - text));
  g_autofree char *value = g_strstrip (g_strdup (eq + 1));
  if (key[0] == '\0')
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "--set %s: no key before '='; expected section.key=value", text);
      return FALSE;
    }
  if (g_str_has_prefix (key, "sweep."))
    {
      if (sc->sweep_set.cli == NULL)
        sc->sweep_set = o;
      return osim_scenario_add_sweep (sc, key + 6, value, o, error);
    }
  const KeyDesc *kd = osim_key_find_dotted (key);
  if (kd == NULL)
    {
      g_autofree char *dym = osim_key_suggest_dotted (key);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "--set %s: unknown key '%s'%s", text, key, dym);
      return FALSE;
    }
  sc->origin[osim_key_index (kd)] = o;
  if (!osim_key_set (&sc->base, &sc->given, kd, value, error))
    {
      osim_scenario_prefix_origin (error, sc, o);
      return FALSE;
    }
  /* The command line replaces the file's org shape rather than clashing
   * with it. */
  if (kd->type == K_LEVELS)
    sc->given.has_spans = FALSE;
  else if (kd->type == K_SPANS)
    sc->given.has_levels = FALSE;
  return TRUE;
}

/* Where to point for a variant @v that fails to resolve: the first sweep
 * line whose value alone makes the base fail, else the sweep as a whole. */
static Origin
variant_culprit (OsimScenario *sc, int v)
{
  int nd = (int)sc->sweep->len;
  for (int d = 0; d < nd; d++)
    {
      const SweepDim *dim = sc->sweep->pdata[d];
      OsimParams p = sc->base;
      Given given = sc->given;
      const char *val = dim->pub.values[sc->coords[v * nd + d]];
      if (!osim_key_set (&p, &given, osim_key_find_dotted (dim->pub.key), val, NULL))
        return dim->origin;
      Given saved = sc->given;
      sc->given = given;
      gboolean ok = osim_scenario_resolve (sc, &p, "", NULL);
      sc->given = saved;
      if (!ok)
        return dim->origin;
    }
  return sweep_origin (sc);
}

gboolean
osim_scenario_build_variants (OsimScenario *sc, GError **error)
{
  int nd = (int)sc->sweep->len;
  double count = 1;
  for (int d = 0; d < nd; d++)
    count *= ((OsimSweepDim *)sc->sweep->pdata[d])->n_values;
  if (count > OSIM_MAX_VARIANTS)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "the sweep makes %.0f variants (the product of its value counts); the "
                   "limit is %d",
                   count, OSIM_MAX_VARIANTS);
      osim_scenario_prefix_origin (error, sc, sweep_origin (sc));
      return FALSE;
    }
  if (!check_size (sc, error))
    return FALSE;
  int nv = (int)count;
  sc->n_variants = nv;
  sc->variants = g_new0 (OsimParams, nv);
  sc->variant_names = g_new0 (char *, nv + 1);
  sc->coords = g_new0 (int, (gsize)nv *MAX (nd, 1));
  for (int v = 0; v < nv; v++)
    {
      OsimParams *p = &sc->variants[v];
      *p = sc->base; /* shallow: name and description stay owned by the base */
      p->history_params = &sc->base;
      Given given = sc->given;
      g_autoptr (GString) name = g_string_new (NULL);
      int rest = v;
      for (int d = nd - 1; d >= 0; d--)
        {
          const OsimSweepDim *dim = sc->sweep->pdata[d];
          sc->coords[v * nd + d] = rest % dim->n_values;
          rest /= dim->n_values;
        }
      for (int d = 0; d < nd; d++)
        {
          const OsimSweepDim *dim = sc->sweep->pdata[d];
          const char *val = dim->values[sc->coords[v * nd + d]];
          gboolean ok = osim_key_set (p, &given, osim_key_find_dotted (dim->key), val, NULL);
          g_assert (ok); /* each value was checked in add_sweep */
          g_string_append_printf (name, "%s%s=%s", d ? " " : "", dim->key, val);
        }
      sc->variant_names[v] = nd ? g_strdup (name->str) : g_strdup ("base");
      Given saved = sc->given;
      sc->given = given;
      gboolean ok = osim_scenario_resolve (sc, p, nd ? sc->variant_names[v] : NULL, error);
      sc->given = saved;
      if (!ok)
        {
          if (nd)
            osim_scenario_prefix_origin (error, sc, variant_culprit (sc, v));
          return FALSE;
        }
    }
  return TRUE;
}

/* Drops the variants so build_variants can make them afresh. */
void
osim_scenario_clear_variants (OsimScenario *sc)
{
  g_clear_pointer (&sc->variants, g_free);
  g_clear_pointer (&sc->variant_names, g_strfreev);
  g_clear_pointer (&sc->coords, g_free);
  sc->n_variants = 0;
}

gboolean
osim_scenario_override (OsimScenario *sc, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (sc != NULL && key != NULL && value != NULL, FALSE);
  g_autofree char *dotted
      = strchr (key, '.') ? g_strdup (key) : g_strdup_printf ("scenario.%s", key);
  const KeyDesc *kd = osim_key_find_dotted (dotted);
  if (kd == NULL || strcmp (kd->section, "scenario") != 0 || kd->type == K_STRING)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not a setting the command line overrides (runs, steps, seed, "
                   "policies)",
                   key);
      return FALSE;
    }
  g_autofree char *v = g_strstrip (g_strdup (value));
  if (kd->type == K_POLICIES)
    g_strdelimit (v, ",", ';');
  /* Messages name the option as typed: -r, -t, -s or -p. */
  static const char *const shortcuts[][2]
      = { { "runs", "-r" }, { "steps", "-t" }, { "seed", "-s" }, { "policies", "-p" } };
  const char *opt = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (strcmp (kd->key, shortcuts[i][0]) == 0)
      opt = shortcuts[i][1];
  g_ptr_array_add (sc->strings, opt ? g_strdup_printf ("%s %s", opt, value)
                                    : g_strdup_printf ("--set %s=%s", dotted, v));
  Origin o = { 0, g_ptr_array_index (sc->strings, sc->strings->len - 1), NULL };
  int ki = osim_key_index (kd);
  OsimParams saved_base = sc->base; /* shallow: no string key changes here */
  Given saved_given = sc->given;
  Origin saved_origin = sc->origin[ki];
  sc->origin[ki] = o;
  gboolean ok = osim_key_set (&sc->base, &sc->given, kd, v, error);
  if (!ok)
    osim_scenario_prefix_origin (error, sc, o);
  ok = ok && osim_scenario_resolve (sc, &sc->base, NULL, error);
  if (ok)
    {
      osim_scenario_clear_variants (sc);
      ok = osim_scenario_build_variants (sc, error);
    }
  if (!ok)
    {
      /* Leave the scenario as it was. */
      sc->base = saved_base;
      sc->given = saved_given;
      sc->origin[ki] = saved_origin;
      osim_scenario_clear_variants (sc);
      gboolean back = osim_scenario_build_variants (sc, NULL);
      g_assert (back);
    }
  return ok;
}

/* Where @o is, for a note: "FILE:LINE" or the command-line text. */
static char *
origin_text (const OsimScenario *sc, Origin o)
{
  if (o.cli)
    return g_strdup (o.cli);
  if (o.line > 0)
    return g_strdup_printf ("%s:%d", o.file ? o.file : sc->path, o.line);
  return g_strdup (sc->path);
}

GStrv
osim_scenario_unused_notes (const OsimScenario *sc)
{
  /* The keys that only one policy reads. */
  static const struct { const char *section, *key; OsimPolicy reader; } only[] = {
    { "promotion", "p", OSIM_POLICY_BEST_WORST },
    { "promotion", "r", OSIM_POLICY_BEST_RANDOM },
  };
  const OsimParams *p = &sc->base;
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (only); i++)
    {
      gboolean chosen = FALSE;
      for (int k = 0; k < p->n_policies; k++)
        chosen |= p->policies[k] == only[i].reader;
      if (chosen)
        continue;
      g_autofree char *dotted = g_strdup_printf ("%s.%s", only[i].section, only[i].key);
      Origin o = origin_of (sc, only[i].section, only[i].key);
      for (guint d = 0; d < sc->sweep->len; d++)
        {
          const SweepDim *dim = sc->sweep->pdata[d];
          if (strcmp (dim->pub.key, dotted) == 0)
            o = dim->origin.line > 0 || dim->origin.cli ? dim->origin : (Origin){ 1, NULL, NULL };
        }
      if (o.line == 0 && o.cli == NULL)
        continue;
      g_autofree char *where = origin_text (sc, o);
      g_ptr_array_add (notes, g_strdup_printf ("note: %s: %s is read only by the %s policy, "
                                               "which is not among the policies; it changes "
                                               "nothing",
                                               where, dotted, osim_policy_name (only[i].reader)));
    }
  g_ptr_array_add (notes, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&notes), FALSE);
}

/* Reads the [org] chart, relative to the scenario's folder, into the base:
 * its levels replace levels and spans. */
gboolean
osim_scenario_load_chart (OsimScenario *sc, GError **error)
{
  OsimParams *p = &sc->base;
  if (p->chart == NULL || p->chart[0] == '\0')
    return TRUE;
  const char *variant = NULL; /* for FAIL_AT */
  Origin o = origin_of (sc, "org", "chart");
  if (sc->given.has_levels || sc->given.has_spans)
    {
      const char *other = sc->given.has_levels ? "levels" : "spans";
      g_autofree char *ow = where (origin_of (sc, "org", other));
      FAIL_AT (o, OSIM_INPUT_ERROR_VALUE,
               "give either chart or %s, not both (%s is on %s): the chart sets the levels",
               other, other, ow);
    }
  g_autofree char *dir = g_path_get_dirname (o.file ? o.file : sc->path);
  g_autofree char *path = g_path_is_absolute (p->chart) || o.cli
                              ? g_strdup (p->chart)
                              : g_build_filename (dir, p->chart, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    FAIL_AT (o, OSIM_INPUT_ERROR_VALUE, "chart: %s is not a file (the path is relative to the "
             "scenario's folder)", path);
  osim_org_chart_free (sc->chart);
  sc->chart = osim_org_chart_load (path, path, error);
  if (sc->chart == NULL)
    return FALSE;
  const OsimOrgChart *c = sc->chart;
  p->org_chart = c;
  p->n_levels = c->n_levels;
  p->use_spans = FALSE;
  for (int k = 0; k < c->n_levels; k++)
    p->level_size[k] = c->level_size[k];
  sc->given.has_chart = TRUE;
  return TRUE;
}

/* The names of the levels: [org] level_names, else the chart's level or
 * title column, else "level K" ("(top)" and "(bottom)" at the ends). */
gboolean
osim_scenario_name_levels (OsimScenario *sc, GError **error)
{
  OsimParams *p = &sc->base;
  const char *variant = NULL; /* for FAIL_AT */
  int L = p->n_levels, n = 0;
  g_auto (GStrv) given = NULL;
  if (p->level_names && p->level_names[0])
    {
      given = osim_split_list (p->level_names, &n);
      if (n != L)
        FAIL_AT (origin_of (sc, "org", "level_names"), OSIM_INPUT_ERROR_VALUE,
                 "level_names has %d names but the org has %d levels (one per level, top "
                 "first)", n, L);
      for (int k = 0; k < n; k++)
        if (given[k][0] == '\0')
          FAIL_AT (origin_of (sc, "org", "level_names"), OSIM_INPUT_ERROR_VALUE,
                   "level_names: name %d is empty", k + 1);
    }
  g_strfreev (sc->level_name);
  sc->level_name = g_new0 (char *, L + 1);
  for (int k = 0; k < L; k++)
    {
      const char *from_chart = sc->chart ? sc->chart->level_name[k] : NULL;
      if (given)
        sc->level_name[k] = g_strdup (given[k]);
      else if (from_chart)
        sc->level_name[k] = g_strdup (from_chart);
      else
        sc->level_name[k] = g_strdup_printf ("level %d%s", k,
                                             k == 0 ? " (top)" : k == L - 1 ? " (bottom)" : "");
    }
  p->level_name = sc->level_name;
  return TRUE;
}

/* Maps per-level list @key, inherited from an extended file with @n entries,
 * onto @L levels by relative depth: top to top, bottom to bottom, linear in
 * between.  Records a note for check. */
static void
map_list (OsimScenario *sc, const char *key, double *v, int *n, int L)
{
  Origin o = origin_of (sc, "org", key);
  if (o.file == NULL || *n == L || *n < 1)
    return;
  double src[OSIM_MAX_LEVELS];
  memcpy (src, v, sizeof (double) * *n);
  for (int k = 0; k < L; k++)
    {
      double x = L > 1 ? (double) k * (*n - 1) / (L - 1) : 0;
      int i = (int) floor (x);
      double f = x - i;
      v[k] = i + 1 < *n ? (1 - f) * src[i] + f * src[i + 1] : src[*n - 1];
    }
  g_autofree char *base = g_path_get_basename (o.file);
  g_ptr_array_add (sc->notes, g_strdup_printf ("org.%s: %d values from %s mapped to %d levels "
                                               "by relative depth (top to top, bottom to "
                                               "bottom)", key, *n, base, L));
  *n = L;
}

void
osim_scenario_map_lists (OsimScenario *sc)
{
  OsimParams *p = &sc->base;
  Given *g = &sc->given;
  if (g->has_responsibility)
    map_list (sc, "responsibility", p->responsibility, &g->n_responsibility, p->n_levels);
  if (g->has_people_weight)
    map_list (sc, "people_weight", p->people_weight, &g->n_people_weight, p->n_levels);
}

char *
osim_scenario_origins (const OsimScenario *sc)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < sc->notes->len; i++)
    g_string_append_printf (s, "note: %s\n", (char *) sc->notes->pdata[i]);
  for (int i = 0; i < osim_n_keys; i++)
    {
      const KeyDesc *kd = &osim_keys[i];
      Origin o = sc->origin[i];
      const OsimParams *p = &sc->base;
      /* Only the shape in use. */
      if ((kd->type == K_LEVELS && (p->use_spans || p->org_chart))
          || (kd->type == K_SPANS && (!p->use_spans || p->org_chart)))
        continue;
      g_autofree char *v = osim_key_format (&sc->base, kd);
      g_autofree char *from = NULL;
      if (o.cli)
        from = g_strdup (o.cli);
      else if (o.line > 0 && o.file)
        from = g_strdup_printf ("%s:%d (extended)", o.file, o.line);
      else if (o.line > 0)
        from = g_strdup_printf ("%s:%d", sc->path, o.line);
      else
        from = g_strdup ("default");
      g_string_append_printf (s, "%s.%s = %s  <- %s\n", kd->section, kd->key, v, from);
    }
  return g_string_free (s, FALSE);
}

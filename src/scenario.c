/* scenario.c: loading, validating and resolving scenario files. */
#include "orgsim/scenario.h"
#include "orgsim/common.h"
#include "orgsim/outdir.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- names ---- */

static const struct
{
  const char *name;
  const char *what;
} policy_names[OSIM_N_POLICIES] = {
  [OSIM_POLICY_BEST] = { "best", "the candidate most competent in their current job "
                                 "(meritocracy; by technical skill alone with assessment = technical)" },
  [OSIM_POLICY_WORST] = { "worst", "the least competent candidate" },
  [OSIM_POLICY_RANDOM] = { "random", "a candidate chosen uniformly at random" },
  [OSIM_POLICY_ALTERNATE] = { "alternate", "best and worst in turn" },
  [OSIM_POLICY_BEST_WORST] = { "best-worst", "best with probability p, else worst" },
  [OSIM_POLICY_BEST_RANDOM] = { "best-random", "best with probability 1 - r, else random" },
  [OSIM_POLICY_SENIORITY] = { "seniority", "the longest-serving candidate (oldest on ties)" },
  [OSIM_POLICY_PEOPLE] = { "people", "the candidate with the highest people skill P" },
  [OSIM_POLICY_POTENTIAL] = { "potential",
                              "the most competent in the job they would get: (1-w)T + wP" },
  [OSIM_POLICY_EXTERNAL] = { "external", "nobody inside: a new hire takes the post" },
};

static const struct
{
  const char *name;
  const char *what;
} transfer_names[OSIM_N_TRANSFERS] = {
  [OSIM_TRANSFER_COMMON_SENSE]
  = { "common-sense", "T and P each change by a uniform draw in [-delta, +delta]" },
  [OSIM_TRANSFER_PETER] = { "peter", "T and P are drawn afresh: the new job is a new start" },
  [OSIM_TRANSFER_MIXED] = { "mixed", "x' = keep * x + (1 - keep) * fresh draw" },
  [OSIM_TRANSFER_SKILLS] = { "skills", "unchanged; the new level's people weight does the rest" },
};

const char *
osim_policy_name (OsimPolicy p)
{
  return p < OSIM_N_POLICIES ? policy_names[p].name : "?";
}

const char *
osim_policy_description (OsimPolicy p)
{
  return p < OSIM_N_POLICIES ? policy_names[p].what : "?";
}

gboolean
osim_policy_from_name (const char *name, OsimPolicy *out)
{
  for (int i = 0; i < OSIM_N_POLICIES; i++)
    if (strcmp (name, policy_names[i].name) == 0)
      {
        *out = (OsimPolicy) i;
        return TRUE;
      }
  return FALSE;
}

const char *
osim_transfer_name (OsimTransfer t)
{
  return t < OSIM_N_TRANSFERS ? transfer_names[t].name : "?";
}

const char *
osim_transfer_description (OsimTransfer t)
{
  return t < OSIM_N_TRANSFERS ? transfer_names[t].what : "?";
}

/* ---- did you mean ---- */

/* Edit distance counting a swap of neighbours as one edit (optimal string
 * alignment), case-insensitive: "bset" is one typo away from "best". */
static int
edit_distance (const char *a, const char *b)
{
  int la = (int) strlen (a), lb = (int) strlen (b);
  if (la > 64 || lb > 64)
    return 99;
  int d[65][65];
  for (int i = 0; i <= la; i++)
    d[i][0] = i;
  for (int j = 0; j <= lb; j++)
    d[0][j] = j;
  for (int i = 1; i <= la; i++)
    for (int j = 1; j <= lb; j++)
      {
        char ca = g_ascii_tolower (a[i - 1]), cb = g_ascii_tolower (b[j - 1]);
        int v = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (ca != cb));
        if (i > 1 && j > 1 && ca == g_ascii_tolower (b[j - 2])
            && g_ascii_tolower (a[i - 2]) == cb)
          v = MIN (v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
  return d[la][lb];
}

/* The closest of @names (NULL-terminated or @n long) to @word, or NULL when
 * nothing is close enough to be a plausible typo. */
static const char *
closest (const char *word, const char *const *names, int n)
{
  const char *best = NULL;
  int best_d = 99;
  for (int i = 0; i < n && names[i] != NULL; i++)
    {
      int d = edit_distance (word, names[i]);
      if (d < best_d)
        best_d = d, best = names[i];
    }
  int allowed = MAX (1, (int) strlen (word) / 3);
  return best_d <= MIN (allowed, 3) ? best : NULL;
}

static char *
did_you_mean (const char *word, const char *const *names, int n)
{
  const char *c = closest (word, names, n);
  return c ? g_strdup_printf (" (did you mean '%s'?)", c) : g_strdup ("");
}

/* ---- the key table ---- */

typedef enum
{
  K_STRING,
  K_INT,
  K_SEED,
  K_DOUBLE,
  K_BOOL,
  K_POLICIES,
  K_BASELINE,
  K_LEVELS,
  K_SPANS,
  K_DLIST,
  K_CANDIDATES,
  K_ASSESSMENT,
  K_DIST,
  K_TRANSFER,
} KeyType;

typedef struct
{
  const char *section;
  const char *key;
  KeyType type;
  gsize offset;
  double min, max;
  const char *def; /* default, in file syntax */
  const char *range;
  const char *meaning;
} KeyDesc;

static char *format_value (const OsimParams *p, const KeyDesc *kd);

#define OFF(f) G_STRUCT_OFFSET (OsimParams, f)

static const KeyDesc keys[] = {
  { "scenario", "name", K_STRING, OFF (name), 0, 0, "scenario", "text",
    "short name; the default results folder is results/<name>" },
  { "scenario", "description", K_STRING, OFF (description), 0, 0, "", "text",
    "one line shown in charts and check" },
  { "scenario", "steps", K_INT, OFF (steps), 1, OSIM_MAX_STEPS, "1000", "integer 1-1000000",
    "years simulated per run" },
  { "scenario", "runs", K_INT, OFF (runs), 1, OSIM_MAX_RUNS, "50", "integer 1-10000000",
    "independent replications per policy and variant" },
  { "scenario", "seed", K_SEED, OFF (seed), 0, 0, "1", "integer 0-18446744073709551615",
    "master seed; run j's stream depends on (seed, j) only" },
  { "scenario", "policies", K_POLICIES, OFF (policies), 0, 0, "best;worst;random;alternate",
    "list of policy names", "promotion policies compared (orgsim policies lists them)" },
  { "scenario", "baseline", K_BASELINE, OFF (baseline), 0, 0, "",
    "a policy of the list (default: the first)", "policy the others are compared with" },
  { "scenario", "window", K_INT, OFF (window), 1, OSIM_MAX_STEPS, "",
    "integer 1-steps (default: min(100, steps))", "years of the final plateau averaged" },
  { "org", "levels", K_LEVELS, OFF (level_size), 1, OSIM_MAX_POSITIONS, "1;5;11;21;41;81",
    "list of 2-32 integers >= 1, top first", "positions per level (a pyramid)" },
  { "org", "spans", K_SPANS, OFF (span), 1, 100000, "",
    "list of 1-31 integers >= 1 (instead of levels)", "direct reports of each position per level" },
  { "org", "responsibility", K_DLIST, OFF (responsibility), 0, 1e6, "1;0.9;0.8;0.6;0.4;0.2",
    "one number >= 0 per level", "how much each level's work counts in efficiency" },
  { "org", "people_weight", K_DLIST, OFF (people_weight), 0, 1, "0;0;0;0;0;0",
    "one number in [0,1] per level", "share of the job that is people work: C = (1-w)T + wP" },
  { "org", "candidates", K_CANDIDATES, OFF (candidates), 0, 0, "level", "level | team",
    "who may fill a vacancy: the whole level below, or the vacancy's own team" },
  { "people", "technical", K_DIST, OFF (technical), 0, 0, "normal(7,2,1,10)",
    "normal(mean,sd,lo,hi) | uniform(lo,hi) | constant(v)", "technical skill T of hires" },
  { "people", "people", K_DIST, OFF (people), 0, 0, "normal(4.5,2,1,10)", "a distribution",
    "people skill P of hires" },
  { "people", "age", K_DIST, OFF (age), 0, 0, "normal(25,5,18,60)", "a distribution",
    "age of hires, years" },
  { "people", "rho", K_DOUBLE, OFF (rho), -1, 1, "0", "number in [-1,1]",
    "correlation of P with T among hires" },
  { "people", "retire_age", K_DOUBLE, OFF (retire_age), 1, 200, "60", "number 1-200",
    "people leave when older than this" },
  { "people", "dismiss_below", K_DOUBLE, OFF (dismiss_below), 0, 10, "4", "number 0-10",
    "people leave when their competence in the job falls below this" },
  { "people", "quit_rate", K_DOUBLE, OFF (quit_rate), 0, 1, "0.1", "probability in [0,1]",
    "yearly quit probability times (1 - W), leadership layer only" },
  { "people", "values_spread", K_DOUBLE, OFF (values_spread), 0, 10, "1.2",
    "number 0-10 (radians)", "sd of each person's values direction around the org's" },
  { "promotion", "transfer", K_TRANSFER, OFF (transfer), 0, 0, "common-sense",
    "common-sense | peter | mixed | skills", "what promotion does to T and P" },
  { "promotion", "delta", K_DOUBLE, OFF (delta), 0, 10, "1", "number 0-10",
    "common-sense: skills change by uniform [-delta, +delta]" },
  { "promotion", "keep", K_DOUBLE, OFF (keep), 0, 1, "0.5", "number in [0,1]",
    "mixed: share of the old skill kept" },
  { "promotion", "p", K_DOUBLE, OFF (p), 0, 1, "0.5", "probability in [0,1]",
    "best-worst: probability of promoting the best" },
  { "promotion", "r", K_DOUBLE, OFF (r), 0, 1, "0.1", "probability in [0,1]",
    "best-random: probability of promoting at random" },
  { "promotion", "assessment", K_ASSESSMENT, OFF (assessment), 0, 0, "job", "job | technical",
    "what best, worst and their mixes rank by: competence in the whole current job, or "
    "its technical part only (promote the best technician)" },
  { "promotion", "assessment_noise", K_DOUBLE, OFF (assessment_noise), 0, 100, "0",
    "number 0-100", "sd of the noise on every ranking score (drawn per person per year)" },
  { "effort", "enabled", K_BOOL, OFF (effort_enabled), 0, 0, "false", "true | false",
    "the leadership layer: trust, willingness, effort, quits" },
  { "effort", "bare_minimum", K_DOUBLE, OFF (bare_minimum), 0, 1, "0.6", "number in [0,1]",
    "effort of someone with no willingness" },
  { "effort", "trust_initial", K_DOUBLE, OFF (trust_initial), 0, 1, "0.7", "number in [0,1]",
    "trust balance a new relationship opens with" },
  { "effort", "deposit", K_DOUBLE, OFF (deposit), 0, 1, "0.1", "number in [0,1]",
    "yearly deposit per point of manager people skill above neutral (per 9 points)" },
  { "effort", "withdrawal", K_DOUBLE, OFF (withdrawal), 0, 1, "0.2", "number in [0,1]",
    "yearly withdrawal for full micromanagement" },
  { "effort", "people_neutral", K_DOUBLE, OFF (people_neutral), 1, 10, "3.5", "number 1-10",
    "manager people skill that neither deposits nor withdraws" },
  { "effort", "follow_threshold", K_DOUBLE, OFF (follow_threshold), 0, 1, "0.5",
    "number in [0,1]", "willingness W from which someone is a willing follower" },
  { "training", "training", K_DOUBLE, OFF (training), 0, 1, "0", "number in [0,1]",
    "yearly share of the gap to 10 a manager's P closes" },
  { "training", "coaching", K_DOUBLE, OFF (coaching), 0, 9, "0", "number 0-9",
    "P points a newly promoted manager gains once" },
};
#define N_KEYS ((int) G_N_ELEMENTS (keys))

/* Statistics rows the results may hold, variants x policies x steps x
 * levels: a few hundred bytes of accumulators each (and a CSV row), so
 * this bounds the results before any is allocated; the run checks the
 * machine's memory besides. */
#define OSIM_MAX_CELLS 1e7

static const char *const section_names[]
    = { "scenario", "org", "people", "promotion", "effort", "training", "sweep", NULL };

static const KeyDesc *
find_key (const char *section, const char *key)
{
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (keys[i].section, section) == 0 && strcmp (keys[i].key, key) == 0)
      return &keys[i];
  return NULL;
}

static const KeyDesc *
find_dotted (const char *dotted)
{
  const char *dot = strchr (dotted, '.');
  if (dot == NULL)
    return NULL;
  g_autofree char *section = g_strndup (dotted, dot - dotted);
  return find_key (section, dot + 1);
}

/* " (did you mean ...)" for an unknown key in @section: a close key of that
 * section, else the same key in another section. */
static char *
suggest_key (const char *section, const char *key)
{
  const char *names[N_KEYS];
  int n = 0;
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (keys[i].section, section) == 0)
      names[n++] = keys[i].key;
  const char *c = closest (key, names, n);
  if (c)
    return g_strdup_printf (" (did you mean '%s'?)", c);
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (keys[i].key, key) == 0)
      return g_strdup_printf (" (did you mean '%s' in [%s]?)", key, keys[i].section);
  /* Nothing close: list what the section holds. */
  g_autoptr (GString) list = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", names[i]);
  return n ? g_strdup_printf ("; [%s] has %s", section, list->str) : g_strdup ("");
}

/* " (did you mean ...)" for an unknown "section.key": a close dotted key,
 * else the same key in its own section ("steps" -> "scenario.steps"). */
static char *
suggest_dotted (const char *dotted)
{
  const char *names[N_KEYS + 1];
  char *owned[N_KEYS];
  for (int i = 0; i < N_KEYS; i++)
    names[i] = owned[i] = g_strdup_printf ("%s.%s", keys[i].section, keys[i].key);
  names[N_KEYS] = NULL;
  const char *c = closest (dotted, names, N_KEYS);
  if (c == NULL)
    {
      const char *dot = strrchr (dotted, '.');
      const char *bare = dot ? dot + 1 : dotted;
      for (int i = 0; i < N_KEYS && c == NULL; i++)
        if (strcmp (keys[i].key, bare) == 0)
          c = names[i];
      if (c == NULL && dot == NULL)
        {
          const char *bare_names[N_KEYS];
          for (int i = 0; i < N_KEYS; i++)
            bare_names[i] = keys[i].key;
          const char *k = closest (bare, bare_names, N_KEYS);
          for (int i = 0; k && i < N_KEYS && c == NULL; i++)
            if (keys[i].key == k)
              c = names[i];
        }
    }
  char *s = c ? g_strdup_printf (" (did you mean '%s'?)", c) : g_strdup ("");
  for (int i = 0; i < N_KEYS; i++)
    g_free (owned[i]);
  return s;
}

const OsimKeyInfo *
osim_scenario_keys (void)
{
  static OsimKeyInfo info[N_KEYS + 1];
  static char *dotted[N_KEYS];
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      for (int i = 0; i < N_KEYS; i++)
        {
          dotted[i] = g_strdup_printf ("%s.%s", keys[i].section, keys[i].key);
          info[i] = (OsimKeyInfo){ dotted[i], keys[i].range, keys[i].meaning };
        }
      g_once_init_leave (&once, 1);
    }
  return info;
}

/* ---- values ---- */

static gboolean
parse_int64 (const char *s, gint64 *out)
{
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll (s, &end, 10);
  if (end == s || *end != '\0' || errno == ERANGE)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_double (const char *s, double *out)
{
  char *end = NULL;
  /* g_ascii_strtod accepts "nan", "inf" and hex floats: refuse the first two
   * by isfinite, accept the rest as C does. */
  double v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_bool (const char *s, gboolean *out)
{
  static const char *const yes[] = { "true", "yes", "on", "1" };
  static const char *const no[] = { "false", "no", "off", "0" };
  for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (s, yes[i]) == 0)
        return *out = TRUE, TRUE;
      if (g_ascii_strcasecmp (s, no[i]) == 0)
        return *out = FALSE, TRUE;
    }
  return FALSE;
}

/* Splits a ';' list, trimming blanks; one trailing ';' is allowed. */
static char **
split_list (const char *value, int *n)
{
  char **parts = g_strsplit (value, ";", -1);
  int len = (int) g_strv_length (parts);
  for (int i = 0; i < len; i++)
    g_strstrip (parts[i]);
  if (len > 1 && parts[len - 1][0] == '\0')
    {
      g_free (parts[len - 1]);
      parts[--len] = NULL;
    }
  *n = len;
  return parts;
}

/* Sets *@out to the index of @value among @names (@n of them); else an
 * UNKNOWN error "KEY: unknown WHAT'VALUE' (did you mean ...); expected ...". */
static gboolean
parse_name (const char *key, const char *what, const char *value, const char *const *names,
            int n, int *out, GError **error)
{
  for (int i = 0; i < n; i++)
    if (strcmp (value, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_autofree char *dym = did_you_mean (value, names, n);
  g_autoptr (GString) expected = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append_printf (expected, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
               "%s: unknown %s'%s'%s; expected %s", key, what, value, dym, expected->str);
  return FALSE;
}

static const char *const candidates_names[] = { "level", "team", NULL };
static const char *const assessment_names[] = { "job", "technical", NULL };

typedef struct
{
  /* Which list keys were given, to size defaults at validation. */
  gboolean has_levels, has_spans, has_responsibility, has_people_weight, has_window,
      has_baseline;
  int n_responsibility, n_people_weight;
} Given;

/* A character that breaks or hides a line: C0 and C1 controls other than
 * tab, DEL, and the Unicode line and paragraph separators. */
static gboolean
is_control_char (gunichar u)
{
  return (u != '\t' && g_unichar_iscntrl (u)) || u == 0x2028 || u == 0x2029;
}

/* Sets one key of @p from its text; the same path serves files, --set and
 * sweeps, so every route gets the same checks. */
static gboolean
set_value (OsimParams *p, Given *given, const KeyDesc *kd, const char *value, GError **error)
{
  char *base = (char *) p;
  if (value[0] == '\0' && kd->type != K_STRING)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s: empty value; expected %s", kd->key, kd->range);
      return FALSE;
    }
  switch (kd->type)
    {
    case K_STRING:
      {
        /* One line of text: an escape such as \n in the file must not smuggle
         * a line break into CSV headers, chart titles or the folder name. */
        for (const char *c = value; *c; c = g_utf8_next_char (c))
          if (is_control_char (g_utf8_get_char (c)))
            {
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                           "%s: holds a control character (a \\n or \\r escape?); give one "
                           "line of text (found U+%04X)", kd->key, g_utf8_get_char (c));
              return FALSE;
            }
        if (strcmp (kd->key, "name") == 0 && strlen (value) > OSIM_OUTDIR_NAME_MAX)
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "name: %" G_GSIZE_FORMAT " bytes long; at most %d (it names the "
                         "results folder)", strlen (value), OSIM_OUTDIR_NAME_MAX);
            return FALSE;
          }
        if (strcmp (kd->key, "name") == 0
            && (value[0] == '\0' || strpbrk (value, "/\\,\"\t") != NULL || value[0] == '.'))
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "name: '%s' must be non-empty, not start with '.', and hold no "
                         "/ \\ , \" or tab (it names the results folder)", value);
            return FALSE;
          }
        char **slot = (char **) (base + kd->offset);
        g_free (*slot);
        *slot = g_strdup (value);
        return TRUE;
      }
    case K_INT:
      {
        gint64 v;
        gboolean ok = parse_int64 (value, &v);
        if (!ok || v < kd->min || v > kd->max)
          {
            /* Too large (even past gint64) is a limit; the rest a bad value. */
            gboolean huge = ok ? v > kd->max
                               : value[0] != '-' && strspn (value, "+0123456789") == strlen (value);
            g_set_error (error, OSIM_INPUT_ERROR,
                         huge ? OSIM_INPUT_ERROR_LIMIT : OSIM_INPUT_ERROR_VALUE,
                         "%s: '%s' is not an integer from %.0f to %.0f", kd->key, value,
                         kd->min, kd->max);
            return FALSE;
          }
        *(int *) (base + kd->offset) = (int) v;
        if (strcmp (kd->key, "window") == 0)
          given->has_window = TRUE;
        return TRUE;
      }
    case K_SEED:
      {
        char *end = NULL;
        errno = 0;
        guint64 v = g_ascii_strtoull (value, &end, 10);
        if (end == value || *end != '\0' || errno == ERANGE || value[0] == '-')
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "seed: '%s' is not an integer from 0 to 18446744073709551615", value);
            return FALSE;
          }
        *(guint64 *) (base + kd->offset) = v;
        return TRUE;
      }
    case K_DOUBLE:
      {
        double v;
        if (!parse_double (value, &v))
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "%s: '%s' is not a number; expected %s", kd->key, value, kd->range);
            return FALSE;
          }
        if (!isfinite (v))
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "%s: '%s' is not a finite number; expected %s", kd->key, value,
                         kd->range);
            return FALSE;
          }
        if (v < kd->min || v > kd->max)
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "%s: %s is out of range; expected %s", kd->key, value, kd->range);
            return FALSE;
          }
        *(double *) (base + kd->offset) = v;
        return TRUE;
      }
    case K_BOOL:
      if (!parse_bool (value, (gboolean *) (base + kd->offset)))
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                       "%s: '%s' is not true or false", kd->key, value);
          return FALSE;
        }
      return TRUE;
    case K_POLICIES:
    case K_BASELINE:
      {
        int n;
        g_auto (GStrv) parts = split_list (value, &n);
        if (kd->type == K_BASELINE && n != 1)
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "baseline: give one policy, not '%s'", value);
            return FALSE;
          }
        if (n > OSIM_N_POLICIES)
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "policies: %d given, but there are only %d distinct policies", n,
                         OSIM_N_POLICIES);
            return FALSE;
          }
        OsimPolicy list[OSIM_N_POLICIES];
        for (int i = 0; i < n; i++)
          {
            if (parts[i][0] == '\0')
              {
                g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                             "%s: entry %d is empty; expected %s", kd->key, i + 1, kd->range);
                return FALSE;
              }
            if (!osim_policy_from_name (parts[i], &list[i]))
              {
                const char *names[OSIM_N_POLICIES];
                for (int j = 0; j < OSIM_N_POLICIES; j++)
                  names[j] = policy_names[j].name;
                g_autofree char *dym = did_you_mean (parts[i], names, OSIM_N_POLICIES);
                g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                             "%s: unknown policy '%s'%s; orgsim policies lists them", kd->key,
                             parts[i], dym);
                return FALSE;
              }
            for (int j = 0; j < i; j++)
              if (list[j] == list[i])
                {
                  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                               "policies: '%s' is listed twice", parts[i]);
                  return FALSE;
                }
          }
        if (kd->type == K_BASELINE)
          {
            p->baseline = list[0];
            given->has_baseline = TRUE;
          }
        else
          {
            p->n_policies = n;
            memcpy (p->policies, list, sizeof list[0] * n);
          }
        return TRUE;
      }
    case K_LEVELS:
    case K_SPANS:
    case K_DLIST:
      {
        int n;
        g_auto (GStrv) parts = split_list (value, &n);
        int max_n = kd->type == K_SPANS ? OSIM_MAX_LEVELS - 1 : OSIM_MAX_LEVELS;
        if (n > max_n)
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                         "%s: %d entries; at most %d", kd->key, n, max_n);
            return FALSE;
          }
        double v[OSIM_MAX_LEVELS];
        for (int i = 0; i < n; i++)
          {
            gint64 iv;
            gboolean ok = kd->type == K_DLIST ? parse_double (parts[i], &v[i])
                                              : (parse_int64 (parts[i], &iv)
                                                 && (v[i] = (double) iv, TRUE));
            if (ok && kd->type == K_LEVELS && v[i] > kd->max)
              {
                g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                             "levels: entry %d asks for %s positions; the limit is %d "
                             "positions in all", i + 1, parts[i], OSIM_MAX_POSITIONS);
                return FALSE;
              }
            if (!ok || !isfinite (v[i]) || v[i] < kd->min || v[i] > kd->max)
              {
                g_set_error (error, OSIM_INPUT_ERROR,
                             ok && kd->type != K_DLIST && v[i] > kd->max
                                 ? OSIM_INPUT_ERROR_LIMIT
                                 : OSIM_INPUT_ERROR_VALUE,
                             "%s: entry %d, '%s', is not %s from %.15g to %.15g", kd->key,
                             i + 1, parts[i], kd->type == K_DLIST ? "a number" : "an integer",
                             kd->min, kd->max);
                return FALSE;
              }
          }
        if (kd->type == K_LEVELS)
          {
            if (n < 2)
              {
                g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                             "levels: needs at least 2 levels, got %d", n);
                return FALSE;
              }
            p->n_levels = n;
            p->use_spans = FALSE;
            for (int i = 0; i < n; i++)
              p->level_size[i] = (gint64) v[i];
            given->has_levels = TRUE;
          }
        else if (kd->type == K_SPANS)
          {
            double total = 1, width = 1;
            p->n_levels = n + 1;
            p->use_spans = TRUE;
            p->level_size[0] = 1;
            for (int i = 0; i < n; i++)
              {
                p->span[i] = (int) v[i];
                width *= v[i];
                total += width;
                if (total > OSIM_MAX_POSITIONS)
                  {
                    g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                                 "spans: these spans make more than %d positions, the limit",
                                 OSIM_MAX_POSITIONS);
                    return FALSE;
                  }
                p->level_size[i + 1] = (gint64) width;
              }
            given->has_spans = TRUE;
          }
        else
          {
            double *dst = (double *) (base + kd->offset);
            for (int i = 0; i < n; i++)
              dst[i] = v[i];
            if (strcmp (kd->key, "responsibility") == 0)
              given->has_responsibility = TRUE, given->n_responsibility = n;
            else
              given->has_people_weight = TRUE, given->n_people_weight = n;
          }
        return TRUE;
      }
    case K_CANDIDATES:
      return parse_name (kd->key, "", value, candidates_names, 2, (int *) &p->candidates, error);
    case K_ASSESSMENT:
      return parse_name (kd->key, "", value, assessment_names, 2, (int *) &p->assessment, error);
    case K_DIST:
      {
        g_autoptr (GError) local = NULL;
        if (!osim_dist_parse (value, (OsimDist *) (base + kd->offset), &local))
          {
            if (local->code == OSIM_INPUT_ERROR_UNKNOWN && strchr (value, '(') != NULL)
              {
                static const char *const forms[] = { "normal", "uniform", "constant", NULL };
                g_autofree char *name = g_strstrip (g_strndup (value, strcspn (value, "(")));
                g_autofree char *dym = did_you_mean (name, forms, 3);
                g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                             "%s: unknown distribution '%s'%s; expected normal(mean,sd,lo,hi), "
                             "uniform(lo,hi) or constant(v)", kd->key, name, dym);
                return FALSE;
              }
            g_set_error (error, OSIM_INPUT_ERROR, local->code, "%s: %s", kd->key,
                         local->message);
            return FALSE;
          }
        return TRUE;
      }
    case K_TRANSFER:
      {
        const char *names[OSIM_N_TRANSFERS];
        for (int j = 0; j < OSIM_N_TRANSFERS; j++)
          names[j] = transfer_names[j].name;
        return parse_name (kd->key, "rule ", value, names, OSIM_N_TRANSFERS,
                           (int *) &p->transfer, error);
      }
    }
  g_assert_not_reached ();
}

/* ---- the scenario ---- */

/* Where something was given: a line of the file, a --set, or nowhere. */
typedef struct
{
  int line;         /* > 0: file line */
  const char *cli;  /* non-NULL: the command-line text, "--set KEY=VALUE" or "-t 10" */
} Origin;

struct _OsimScenario
{
  char *path;
  OsimParams base;
  Given given;
  Origin origin[N_KEYS];
  Origin section_origin[7];
  Origin sweep_set;  /* the first --set sweep.KEY, for messages without a [sweep] line */
  GPtrArray *sweep; /* OsimSweepDim* */
  int n_variants;
  OsimParams *variants;
  char **variant_names;
  int *coords; /* n_variants x n_sweep */
  GPtrArray *strings; /* owned --set texts */
};

/* A sweep dimension and where it was given (the public part first, so the
 * accessors hand out &dim->pub). */
typedef struct
{
  OsimSweepDim pub;
  Origin origin;
} SweepDim;

static void
sweep_dim_free (gpointer data)
{
  OsimSweepDim *d = data;
  g_free (d->key);
  g_strfreev (d->values);
  g_free (d);
}

void
osim_scenario_free (OsimScenario *sc)
{
  if (sc == NULL)
    return;
  g_free (sc->base.name);
  g_free (sc->base.description);
  g_free (sc->path);
  if (sc->sweep)
    g_ptr_array_unref (sc->sweep);
  g_free (sc->variants);
  g_strfreev (sc->variant_names);
  g_free (sc->coords);
  if (sc->strings)
    g_ptr_array_unref (sc->strings);
  g_free (sc);
}

static int
key_index (const KeyDesc *kd)
{
  return (int) (kd - keys);
}

static void
prefix_origin (GError **error, const OsimScenario *sc, Origin o)
{
  if (error == NULL || *error == NULL)
    return;
  if (o.cli)
    g_prefix_error (error, "%s: ", o.cli);
  else if (o.line > 0)
    g_prefix_error (error, "%s:%d: ", sc->path, o.line);
  else
    g_prefix_error (error, "%s: ", sc->path);
}

static Origin
origin_of (const OsimScenario *sc, const char *section, const char *key)
{
  const KeyDesc *kd = find_key (section, key);
  Origin o = kd ? sc->origin[key_index (kd)] : (Origin){ 0, NULL };
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
  if (o.line > 0)
    return g_strdup_printf ("line %d", o.line);
  return g_strdup ("the default");
}

/* Where the sweep was given: its [sweep] line, else its first --set. */
static Origin
sweep_origin (const OsimScenario *sc)
{
  if (sc->section_origin[6].line > 0)
    return sc->section_origin[6];
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
    prefix_origin (error, sc, o);
}

#define FAIL_AT(o, code, ...)                                                                \
  do                                                                                          \
    {                                                                                         \
      g_set_error (error, OSIM_INPUT_ERROR, (code), __VA_ARGS__);                             \
      locate (error, sc, (o), variant);                                                       \
      return FALSE;                                                                           \
    }                                                                                         \
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
  const KeyDesc *kd = find_key ("people", key);
  const OsimDist *d = (const OsimDist *) ((const char *) p + kd->offset);
  if (d->lo >= lo && d->hi <= hi)
    return TRUE;
  g_autofree char *text = osim_dist_to_string (d);
  FAIL_AT (origin_of (sc, "people", key), OSIM_INPUT_ERROR_VALUE,
           "%s: %s reaches outside %s [%g,%g]; keep lo and hi within it", key, text, what, lo,
           hi);
}

/* Cross-key checks and derived defaults, on the base (@variant NULL) or on
 * the sweep variant so named. */
static gboolean
resolve (const OsimScenario *sc, OsimParams *p, const char *variant, GError **error)
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
    total += (double) p->level_size[k];
  if (total > OSIM_MAX_POSITIONS)
    FAIL_AT (origin_of (sc, "org", g->has_spans ? "spans" : "levels"), OSIM_INPUT_ERROR_LIMIT,
             "%s: %.0f positions; the limit is %d", g->has_spans ? "spans" : "levels", total,
             OSIM_MAX_POSITIONS);
  /* Lists per level: given ones must match, missing ones take defaults. */
  if (g->has_responsibility && g->n_responsibility != L)
    FAIL_AT (origin_of (sc, "org", "responsibility"), OSIM_INPUT_ERROR_VALUE,
             "responsibility has %d entries but the org has %d levels (one per level, top "
             "first)", g->n_responsibility, L);
  if (g->has_people_weight && g->n_people_weight != L)
    FAIL_AT (origin_of (sc, "org", "people_weight"), OSIM_INPUT_ERROR_VALUE,
             "people_weight has %d entries but the org has %d levels (one per level, top "
             "first)", g->n_people_weight, L);
  if (!g->has_responsibility)
    {
      static const double paper[6] = { 1.0, 0.9, 0.8, 0.6, 0.4, 0.2 };
      for (int k = 0; k < L; k++)
        p->responsibility[k] = L == 6 ? paper[k] : 1.0 - 0.8 * k / (double) (L - 1);
    }
  if (!g->has_people_weight)
    for (int k = 0; k < L; k++)
      p->people_weight[k] = 0;
  double rsum = 0;
  for (int k = 0; k < L; k++)
    rsum += p->responsibility[k] * (double) p->level_size[k];
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
               "or raise steps", p->window, p->steps, ws);
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
             "people.age)", p->retire_age, p->age.lo);
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
    nv *= ((OsimSweepDim *) sc->sweep->pdata[d])->n_values;
  double positions = (double) osim_params_positions (p);
  double work = nv * p->runs * p->n_policies * (double) p->steps * positions;
  if (work > OSIM_MAX_WORK)
    {
      g_autofree char *variants
          = nv > 1 ? g_strdup_printf ("%.0f variants x ", nv) : g_strdup ("");
      FAIL_AT (first_given (sc, "scenario", "runs", "steps"), OSIM_INPUT_ERROR_LIMIT,
               "%s%d runs x %d policies x %d steps x %.0f positions make %.3g person-years; "
               "the limit is %g: lower runs or steps", variants, p->runs, p->n_policies,
               p->steps, positions, work, OSIM_MAX_WORK);
    }
  /* The statistics are kept per variant, policy, step and level. */
  double cells = nv * p->n_policies * (double) p->steps * p->n_levels;
  if (cells > OSIM_MAX_CELLS)
    FAIL_AT (nv > 1 ? sweep_origin (sc) : first_given (sc, "scenario", "steps", "policies"),
             OSIM_INPUT_ERROR_LIMIT,
             "%.0f variants x %d policies x %d steps x %d levels make %.3g rows of "
             "statistics; the limit is %.0f: lower steps, the policies or the sweep",
             nv, p->n_policies, p->steps, p->n_levels, cells, OSIM_MAX_CELLS);
  return TRUE;
}

static void
apply_defaults (OsimScenario *sc)
{
  Given scratch = { 0 };
  for (int i = 0; i < N_KEYS; i++)
    if (keys[i].def[0] != '\0' || keys[i].type == K_STRING)
      {
        gboolean ok = set_value (&sc->base, &scratch, &keys[i], keys[i].def, NULL);
        g_assert (ok);
      }
}

/* One line of the file, as the pre-scan found it. */
typedef struct
{
  int line;
  char *section; /* NULL for a section header line itself */
  char *key;
} Entry;

static gboolean
valid_name (const char *s, gboolean dotted)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!(g_ascii_isalnum (*s) || *s == '_' || *s == '-' || (dotted && *s == '.')))
      return FALSE;
  return TRUE;
}

/* @s (valid UTF-8) cut to @max characters for a message, never inside a
 * character. */
static char *
excerpt (const char *s, glong max)
{
  GString *out = g_string_new (NULL);
  glong n = 0;
  for (const char *c = s; *c && n < max; c = g_utf8_next_char (c), n++)
    {
      gunichar u = g_utf8_get_char (c);
      /* A control character (a stray CR) would garble the message line. */
      if (is_control_char (u))
        g_string_append_printf (out, "\\x%02X", u < 0x100 ? u : 0x3F);
      else
        g_string_append_unichar (out, u);
    }
  if (g_utf8_strlen (s, -1) > max)
    g_string_append (out, "...");
  return g_string_free (out, FALSE);
}

/* UTF-16 (a byte-order mark, or NULs between ASCII letters) and old Mac
 * line endings (CR without LF) are named as such, not as binary data or one
 * long malformed line. */
static gboolean
text_encoding_ok (OsimScenario *sc, const char *data, gsize len, GError **error)
{
  const guchar *u = (const guchar *) data;
  gboolean bom = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
  gboolean ascii16 = len >= 4 && ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3]));
  if (bom || ascii16)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:1: UTF-16 text: scenario files are UTF-8; convert it (iconv -f UTF-16 "
                   "-t UTF-8)", sc->path);
      return FALSE;
    }
  if (memchr (data, '\r', len) && !memchr (data, '\n', len))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:1: lines end in CR only (old Mac line endings); save it with LF or "
                   "CRLF line endings", sc->path);
      return FALSE;
    }
  return TRUE;
}

/* GKeyFile reports no line numbers, so the file is scanned here first: this
 * finds every syntax error with its line, and records where each section and
 * key stands for the checks that come later.  It also writes @clean, the
 * text GKeyFile reads: the same lines, trimmed, with comments (# or ;) and a
 * leading byte-order mark blanked, so that the two parsers cannot disagree. */
static gboolean
prescan (OsimScenario *sc, const char *data, gsize len, GArray *entries, GString *clean,
         GError **error)
{
  if (!text_encoding_ok (sc, data, len, error))
    return FALSE;
  if (memchr (data, '\0', len) != NULL)
    {
      const char *nul = memchr (data, '\0', len);
      int line = 1;
      for (const char *c = data; c < nul; c++)
        line += *c == '\n';
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: binary data (a NUL byte): not a scenario file", sc->path, line);
      return FALSE;
    }
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *section = NULL;
  g_autofree char *section_owned = NULL;
  const char *p = data, *end = data + len;
  /* Editors on Windows may start UTF-8 files with a byte-order mark. */
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  int line = 0;
  while (p < end)
    {
      line++;
      const char *eol = memchr (p, '\n', end - p);
      if (eol == NULL)
        eol = end;
      gsize n = eol - p;
      if (n > OSIM_MAX_LINE)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: line is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                       sc->path, line, n, OSIM_MAX_LINE);
          return FALSE;
        }
      if (!g_utf8_validate (p, n, NULL))
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: invalid UTF-8: scenario files are UTF-8 text", sc->path, line);
          return FALSE;
        }
      g_autofree char *text = g_strstrip (g_strndup (p, n));
      p = eol + 1;
      if (line > 1)
        g_string_append_c (clean, '\n');
      if (text[0] == '\0' || text[0] == '#' || text[0] == ';')
        continue;
      if (text[0] == '[')
        {
          gsize tl = strlen (text);
          g_autofree char *name = tl >= 2 && text[tl - 1] == ']' ? g_strndup (text + 1, tl - 2)
                                                                 : NULL;
          if (name)
            g_strstrip (name);
          if (name == NULL || !valid_name (name, FALSE))
            {
              g_autofree char *ex = excerpt (text, 40);
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                           "%s:%d: malformed section header '%s'; expected [name]", sc->path,
                           line, ex);
              return FALSE;
            }
          int si = -1;
          for (int i = 0; section_names[i]; i++)
            if (strcmp (name, section_names[i]) == 0)
              si = i;
          if (si < 0)
            {
              g_autofree char *dym = did_you_mean (name, section_names, 7);
              g_autofree char *ex = excerpt (name, 40);
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                           "%s:%d: unknown section [%s]%s; sections are [scenario], [org], "
                           "[people], [promotion], [effort], [training] and [sweep]",
                           sc->path, line, ex, dym);
              return FALSE;
            }
          g_autofree char *tag = g_strdup_printf ("[%s]", name);
          gpointer prev = g_hash_table_lookup (seen, tag);
          if (prev)
            {
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                           "%s:%d: section [%s] appears twice (first on line %d)", sc->path,
                           line, name, GPOINTER_TO_INT (prev));
              return FALSE;
            }
          g_hash_table_insert (seen, g_steal_pointer (&tag), GINT_TO_POINTER (line));
          sc->section_origin[si].line = line;
          g_string_append_printf (clean, "[%s]", name);
          g_free (section_owned);
          section = section_owned = g_steal_pointer (&name);
          continue;
        }
      char *eq = strchr (text, '=');
      if (eq == NULL)
        {
          g_autofree char *ex = excerpt (text, 40);
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: expected 'key = value' or '[section]', got '%s'", sc->path,
                       line, ex);
          return FALSE;
        }
      g_autofree char *key = g_strstrip (g_strndup (text, eq - text));
      g_autofree char *key_ex = excerpt (key, 40);
      if (section == NULL)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: key '%s' comes before any [section]", sc->path, line, key_ex);
          return FALSE;
        }
      gboolean in_sweep = strcmp (section, "sweep") == 0;
      if (!valid_name (key, in_sweep))
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: '%s' is not a key name (letters, digits, _ and -%s)", sc->path,
                       line, key_ex, in_sweep ? ", section.key in [sweep]" : "");
          return FALSE;
        }
      g_autofree char *tag = g_strdup_printf ("%s/%s", section, key);
      gpointer prev = g_hash_table_lookup (seen, tag);
      if (prev)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%d: %s is given twice in [%s] (first on line %d)", sc->path, line,
                       key, section, GPOINTER_TO_INT (prev));
          return FALSE;
        }
      /* GKeyFile mishandles some bad escapes (keeping them, or setting an
       * error twice): only the ones it documents get through. */
      for (const char *c = eq + 1; *c; c++)
        if (*c == '\\')
          {
            if (c[1] != '\0' && strchr ("sntr\\", c[1]) != NULL)
              {
                c++;
                continue;
              }
            g_autofree char *esc = c[1] ? g_strndup (c, g_utf8_next_char (c + 1) - c)
                                        : g_strdup ("\\");
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                         "%s:%d: %s: '%s' is not an escape; the escapes are \\s \\n \\t "
                         "\\r and \\\\ (a backslash)", sc->path, line, key_ex, esc);
            return FALSE;
          }
      g_hash_table_insert (seen, g_steal_pointer (&tag), GINT_TO_POINTER (line));
      g_string_append_printf (clean, "%s=%s", key, eq + 1);
      Entry e = { line, g_strdup (section), g_steal_pointer (&key) };
      g_array_append_val (entries, e);
    }
  if (g_hash_table_size (seen) == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s: no [section] in the file: a scenario has sections such as [scenario] "
                   "and [org] (see scenarios/ for examples)", sc->path);
      return FALSE;
    }
  return TRUE;
}

static void
entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->section);
  g_free (e->key);
}

/* Records a sweep dimension after checking the key is sweepable and every
 * value valid on its own. */
static gboolean
add_sweep (OsimScenario *sc, const char *key, const char *value, Origin o, GError **error)
{
  const KeyDesc *kd = find_dotted (key);
  if (kd == NULL)
    {
      g_autofree char *dym = suggest_dotted (key);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "sweep: unknown key '%s'%s; sweep keys are section.key", key, dym);
      prefix_origin (error, sc, o);
      return FALSE;
    }
  if (kd->type == K_LEVELS || kd->type == K_SPANS || kd->type == K_DLIST
      || kd->type == K_POLICIES || strcmp (kd->section, "scenario") == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "sweep: %s cannot be swept (only single-valued keys outside [scenario]; "
                   "compare policies with [scenario] policies)", key);
      prefix_origin (error, sc, o);
      return FALSE;
    }
  int n;
  char **values = split_list (value, &n);
  SweepDim *sd = g_new0 (SweepDim, 1);
  OsimSweepDim *d = &sd->pub;
  sd->origin = o;
  d->key = g_strdup (key);
  d->values = values;
  d->n_values = n;
  d->line = o.line;
  /* Replace an earlier dimension of the same key (a --set sweep.KEY). */
  for (guint i = 0; i < sc->sweep->len; i++)
    if (strcmp (((OsimSweepDim *) sc->sweep->pdata[i])->key, key) == 0)
      {
        g_ptr_array_remove_index (sc->sweep, i);
        break;
      }
  g_ptr_array_add (sc->sweep, d);
  if (n == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "sweep %s: no values; expected v1;v2;...", key);
      prefix_origin (error, sc, o);
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
          prefix_origin (error, sc, o);
          return FALSE;
        }
      g_autoptr (GError) local = NULL;
      if (!set_value (&scratch, &given, kd, values[i], &local))
        {
          /* "p: 2 is out of range" reads "sweep promotion.p: 2 is out of range". */
          const char *msg = local->message;
          gsize kl = strlen (kd->key);
          if (strncmp (msg, kd->key, kl) == 0 && msg[kl] == ':' && msg[kl + 1] == ' ')
            msg += kl + 2;
          g_set_error (error, OSIM_INPUT_ERROR, local->code, "sweep %s: %s", key, msg);
          prefix_origin (error, sc, o);
          return FALSE;
        }
      /* Compare values as read, so 0.5 and .50 count as the same. */
      char *norm = format_value (&scratch, kd);
      for (guint j = 0; j < seen->len; j++)
        if (strcmp (norm, seen->pdata[j]) == 0)
          {
            g_free (norm);
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                         "sweep %s: value '%s' is listed twice", key, values[i]);
            prefix_origin (error, sc, o);
            return FALSE;
          }
      g_ptr_array_add (seen, norm);
    }
  return TRUE;
}

/* Applies "section.key=value" from the command line. */
static gboolean
apply_override (OsimScenario *sc, const char *text, GError **error)
{
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > OSIM_MAX_LINE)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "--set: not UTF-8 text of at most %d bytes", OSIM_MAX_LINE);
      return FALSE;
    }
  /* Messages point at the --set text: keep a copy as long as the scenario. */
  g_ptr_array_add (sc->strings, g_strdup_printf ("--set %s", text));
  Origin o = { 0, g_ptr_array_index (sc->strings, sc->strings->len - 1) };
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
      return add_sweep (sc, key + 6, value, o, error);
    }
  const KeyDesc *kd = find_dotted (key);
  if (kd == NULL)
    {
      g_autofree char *dym = suggest_dotted (key);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "--set %s: unknown key '%s'%s", text, key, dym);
      return FALSE;
    }
  sc->origin[key_index (kd)] = o;
  if (!set_value (&sc->base, &sc->given, kd, value, error))
    {
      prefix_origin (error, sc, o);
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
  int nd = (int) sc->sweep->len;
  for (int d = 0; d < nd; d++)
    {
      const SweepDim *dim = sc->sweep->pdata[d];
      OsimParams p = sc->base;
      Given given = sc->given;
      const char *val = dim->pub.values[sc->coords[v * nd + d]];
      if (!set_value (&p, &given, find_dotted (dim->pub.key), val, NULL))
        return dim->origin;
      Given saved = sc->given;
      sc->given = given;
      gboolean ok = resolve (sc, &p, "", NULL);
      sc->given = saved;
      if (!ok)
        return dim->origin;
    }
  return sweep_origin (sc);
}

static gboolean
build_variants (OsimScenario *sc, GError **error)
{
  int nd = (int) sc->sweep->len;
  double count = 1;
  for (int d = 0; d < nd; d++)
    count *= ((OsimSweepDim *) sc->sweep->pdata[d])->n_values;
  if (count > OSIM_MAX_VARIANTS)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "the sweep makes %.0f variants (the product of its value counts); the "
                   "limit is %d", count, OSIM_MAX_VARIANTS);
      prefix_origin (error, sc, sweep_origin (sc));
      return FALSE;
    }
  if (!check_size (sc, error))
    return FALSE;
  int nv = (int) count;
  sc->n_variants = nv;
  sc->variants = g_new0 (OsimParams, nv);
  sc->variant_names = g_new0 (char *, nv + 1);
  sc->coords = g_new0 (int, (gsize) nv * MAX (nd, 1));
  for (int v = 0; v < nv; v++)
    {
      OsimParams *p = &sc->variants[v];
      *p = sc->base; /* shallow: name and description stay owned by the base */
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
          gboolean ok = set_value (p, &given, find_dotted (dim->key), val, NULL);
          g_assert (ok); /* each value was checked in add_sweep */
          g_string_append_printf (name, "%s%s=%s", d ? " " : "", dim->key, val);
        }
      sc->variant_names[v] = nd ? g_strdup (name->str) : g_strdup ("base");
      Given saved = sc->given;
      sc->given = given;
      gboolean ok = resolve (sc, p, nd ? sc->variant_names[v] : NULL, error);
      sc->given = saved;
      if (!ok)
        {
          if (nd)
            prefix_origin (error, sc, variant_culprit (sc, v));
          return FALSE;
        }
    }
  return TRUE;
}

OsimScenario *
osim_scenario_load_data (const char *path, const char *data, gsize len,
                         const char *const *overrides, GError **error)
{
  g_return_val_if_fail (path != NULL && data != NULL, NULL);
  g_autoptr (OsimScenario) sc = g_new0 (OsimScenario, 1);
  sc->path = g_strdup (path);
  sc->sweep = g_ptr_array_new_with_free_func (sweep_dim_free);
  sc->strings = g_ptr_array_new_with_free_func (g_free);
  apply_defaults (sc);

  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);
  g_autoptr (GString) clean = g_string_sized_new (len + 1);
  if (!prescan (sc, data, len, entries, clean, error))
    return NULL;

  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) kf_error = NULL;
  if (!g_key_file_load_from_data (kf, clean->str, clean->len, G_KEY_FILE_NONE, &kf_error))
    {
      /* The pre-scan accepts only what GKeyFile reads: this is a bug. */
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX, "%s: %s", path,
                   kf_error->message);
      return NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      Origin o = { e->line, NULL };
      g_autoptr (GError) local = NULL;
      g_autofree char *raw = g_key_file_get_string (kf, e->section, e->key, &local);
      if (raw == NULL)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX, "%s:%d: %s: %s", path,
                       e->line, e->key, local->message);
          return NULL;
        }
      g_strstrip (raw);
      if (strcmp (e->section, "sweep") == 0)
        {
          if (!add_sweep (sc, e->key, raw, o, error))
            return NULL;
          continue;
        }
      const KeyDesc *kd = find_key (e->section, e->key);
      if (kd == NULL)
        {
          g_autofree char *dym = suggest_key (e->section, e->key);
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                       "%s:%d: unknown key '%s' in [%s]%s", path, e->line, e->key, e->section,
                       dym);
          return NULL;
        }
      sc->origin[key_index (kd)] = o;
      if (!set_value (&sc->base, &sc->given, kd, raw, error))
        {
          prefix_origin (error, sc, o);
          return NULL;
        }
    }
  for (int i = 0; overrides && overrides[i]; i++)
    if (!apply_override (sc, overrides[i], error))
      return NULL;
  if (!resolve (sc, &sc->base, NULL, error))
    return NULL;
  if (!build_variants (sc, error))
    return NULL;
  return g_steal_pointer (&sc);
}

/* Drops the variants so build_variants can make them afresh. */
static void
clear_variants (OsimScenario *sc)
{
  g_clear_pointer (&sc->variants, g_free);
  g_clear_pointer (&sc->variant_names, g_strfreev);
  g_clear_pointer (&sc->coords, g_free);
  sc->n_variants = 0;
}

gboolean
osim_scenario_override (OsimScenario *sc, const char *key, const char *value,
                        GError **error)
{
  g_return_val_if_fail (sc != NULL && key != NULL && value != NULL, FALSE);
  g_autofree char *dotted = strchr (key, '.') ? g_strdup (key)
                                              : g_strdup_printf ("scenario.%s", key);
  const KeyDesc *kd = find_dotted (dotted);
  if (kd == NULL || strcmp (kd->section, "scenario") != 0 || kd->type == K_STRING)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: not a setting the command line overrides (runs, steps, seed, "
                   "policies)", key);
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
  Origin o = { 0, g_ptr_array_index (sc->strings, sc->strings->len - 1) };
  int ki = key_index (kd);
  OsimParams saved_base = sc->base; /* shallow: no string key changes here */
  Given saved_given = sc->given;
  Origin saved_origin = sc->origin[ki];
  sc->origin[ki] = o;
  gboolean ok = set_value (&sc->base, &sc->given, kd, v, error);
  if (!ok)
    prefix_origin (error, sc, o);
  ok = ok && resolve (sc, &sc->base, NULL, error);
  if (ok)
    {
      clear_variants (sc);
      ok = build_variants (sc, error);
    }
  if (!ok)
    {
      /* Leave the scenario as it was. */
      sc->base = saved_base;
      sc->given = saved_given;
      sc->origin[ki] = saved_origin;
      clear_variants (sc);
      gboolean back = build_variants (sc, NULL);
      g_assert (back);
    }
  return ok;
}

#define OSIM_MAX_FILE (16 * 1024 * 1024)

OsimScenario *
osim_scenario_load (const char *path, const char *const *overrides, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: is a folder, not a scenario file", path);
      return NULL;
    }
  /* Read with a size cap rather than by size: a pipe or /dev/zero has none. */
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int err = errno;
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: cannot read the scenario: %s", path, g_strerror (err));
      return NULL;
    }
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  guint8 chunk[65536];
  gsize n;
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0 && buf->len <= OSIM_MAX_FILE)
    g_byte_array_append (buf, chunk, (guint) n);
  int read_error = ferror (f) ? errno : 0;
  fclose (f);
  if (read_error)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: cannot read the scenario: %s", path, g_strerror (read_error));
      return NULL;
    }
  if (buf->len > OSIM_MAX_FILE)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "%s: larger than 16 MiB: not a scenario file", path);
      return NULL;
    }
  return osim_scenario_load_data (path, buf->len ? (const char *) buf->data : "", buf->len,
                                  overrides, error);
}

const OsimParams *
osim_scenario_params (const OsimScenario *sc)
{
  return &sc->base;
}

const char *
osim_scenario_path (const OsimScenario *sc)
{
  return sc->path;
}

int
osim_scenario_n_variants (const OsimScenario *sc)
{
  return sc->n_variants;
}

const OsimParams *
osim_scenario_variant (const OsimScenario *sc, int i)
{
  g_return_val_if_fail (i >= 0 && i < sc->n_variants, NULL);
  return &sc->variants[i];
}

const char *
osim_scenario_variant_name (const OsimScenario *sc, int i)
{
  g_return_val_if_fail (i >= 0 && i < sc->n_variants, NULL);
  return sc->variant_names[i];
}

int
osim_scenario_n_sweep (const OsimScenario *sc)
{
  return (int) sc->sweep->len;
}

const OsimSweepDim *
osim_scenario_sweep_dim (const OsimScenario *sc, int i)
{
  return sc->sweep->pdata[i];
}

int
osim_scenario_variant_coord (const OsimScenario *sc, int v, int d)
{
  return sc->coords[v * (int) sc->sweep->len + d];
}


/* The value of key @kd in @p, in file syntax. */
static char *
format_value (const OsimParams *p, const KeyDesc *kd)
{
  const char *base = (const char *) p;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  switch (kd->type)
    {
    case K_STRING:
      return g_strdup (*(char *const *) (base + kd->offset));
    case K_INT:
      return g_strdup_printf ("%d", *(const int *) (base + kd->offset));
    case K_SEED:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, *(const guint64 *) (base + kd->offset));
    case K_DOUBLE:
      return g_strdup (osim_format_shortest (buf, sizeof buf, *(const double *) (base + kd->offset)));
    case K_BOOL:
      return g_strdup (*(const gboolean *) (base + kd->offset) ? "true" : "false");
    case K_POLICIES:
      {
        GString *s = g_string_new (NULL);
        for (int i = 0; i < p->n_policies; i++)
          g_string_append_printf (s, "%s%s", i ? ";" : "", osim_policy_name (p->policies[i]));
        return g_string_free (s, FALSE);
      }
    case K_BASELINE:
      return g_strdup (osim_policy_name (p->baseline));
    case K_LEVELS:
    case K_SPANS:
    case K_DLIST:
      {
        GString *s = g_string_new (NULL);
        int n = kd->type == K_SPANS ? p->n_levels - 1 : p->n_levels;
        for (int i = 0; i < n; i++)
          {
            if (i)
              g_string_append_c (s, ';');
            if (kd->type == K_LEVELS)
              g_string_append_printf (s, "%" G_GINT64_FORMAT, p->level_size[i]);
            else if (kd->type == K_SPANS)
              g_string_append_printf (s, "%d", p->span[i]);
            else
              g_string_append (s, osim_format_shortest (buf, sizeof buf,
                                                 ((const double *) (base + kd->offset))[i]));
          }
        return g_string_free (s, FALSE);
      }
    case K_CANDIDATES:
      return g_strdup (candidates_names[p->candidates]);
    case K_ASSESSMENT:
      return g_strdup (assessment_names[p->assessment]);
    case K_DIST:
      return osim_dist_to_string ((const OsimDist *) (base + kd->offset));
    case K_TRANSFER:
      return g_strdup (osim_transfer_name (p->transfer));
    }
  g_assert_not_reached ();
}

char *
osim_scenario_to_ini (const OsimScenario *sc)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  const OsimParams *p = &sc->base;
  for (int i = 0; i < N_KEYS; i++)
    {
      const KeyDesc *kd = &keys[i];
      /* Write the topology the org was given with, and only that. */
      if ((kd->type == K_LEVELS && p->use_spans) || (kd->type == K_SPANS && !p->use_spans))
        continue;
      g_autofree char *v = format_value (p, kd);
      g_key_file_set_string (kf, kd->section, kd->key, v);
    }
  for (guint d = 0; d < sc->sweep->len; d++)
    {
      const OsimSweepDim *dim = sc->sweep->pdata[d];
      g_autofree char *v = g_strjoinv (";", dim->values);
      g_key_file_set_string (kf, "sweep", dim->key, v);
    }
  g_key_file_set_comment (kf, NULL, NULL,
                          " The resolved scenario: every key with the value used.", NULL);
  return g_key_file_to_data (kf, NULL, NULL);
}

/* scenario-keys.c: the scenario key table, parsing and formatting values. */
#include "orgsim/common.h"
#include "orgsim/outdir.h"
#include "orgsim/scenario-private.h"

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
  [OSIM_POLICY_BEST]
  = { "best", "the candidate most competent in their current job "
              "(meritocracy; by technical skill alone with assessment = technical)" },
  [OSIM_POLICY_WORST] = { "worst", "the least competent candidate" },
  [OSIM_POLICY_RANDOM] = { "random", "a candidate chosen uniformly at random" },
  [OSIM_POLICY_ALTERNATE] = { "alternate", "best and worst in turn" },
  [OSIM_POLICY_BEST_WORST] = { "best-worst", "best with probability p, else worst" },
  [OSIM_POLICY_BEST_RANDOM] = { "best-random", "best with probability 1 - r, else random" },
  [OSIM_POLICY_SENIORITY] = { "seniority", "the longest-serving candidate (oldest on ties)" },
  [OSIM_POLICY_PEOPLE] = { "people", "the candidate with the highest people skill P" },
  [OSIM_POLICY_POTENTIAL]
  = { "potential", "the most competent in the job they would get: (1-w)T + wP" },
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

/* Plain words for each policy, for people who do not know the short names. */
static const char *const policy_labels[OSIM_N_POLICIES] = {
  [OSIM_POLICY_BEST] = "Promote the best performer in the current job",
  [OSIM_POLICY_WORST] = "Promote the worst performer",
  [OSIM_POLICY_RANDOM] = "Promote at random",
  [OSIM_POLICY_ALTERNATE] = "Promote the best and the worst in turn",
  [OSIM_POLICY_BEST_WORST] = "Promote the best or the worst, by chance",
  [OSIM_POLICY_BEST_RANDOM] = "Promote the best, sometimes at random",
  [OSIM_POLICY_SENIORITY] = "Promote the longest-serving",
  [OSIM_POLICY_PEOPLE] = "Promote the best people person",
  [OSIM_POLICY_POTENTIAL] = "Promote for the people skills the job needs",
  [OSIM_POLICY_EXTERNAL] = "Hire from outside",
};

const char *
osim_policy_label (const OsimParams *p, OsimPolicy pol)
{
  if (pol >= OSIM_N_POLICIES)
    return "?";
  if (p->label[pol] && p->label[pol][0])
    return p->label[pol];
  if (pol == OSIM_POLICY_BEST && p->assessment == OSIM_ASSESS_TECHNICAL)
    return "Promote the best engineer";
  if (pol == OSIM_POLICY_WORST && p->assessment == OSIM_ASSESS_TECHNICAL)
    return "Promote the weakest engineer";
  return policy_labels[pol];
}

gboolean
osim_policy_from_name (const char *name, OsimPolicy *out)
{
  for (int i = 0; i < OSIM_N_POLICIES; i++)
    if (strcmp (name, policy_names[i].name) == 0)
      {
        *out = (OsimPolicy)i;
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
  int la = (int)strlen (a), lb = (int)strlen (b);
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
        if (i > 1 && j > 1 && ca == g_ascii_tolower (b[j - 2]) && g_ascii_tolower (a[i - 2]) == cb)
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
  int allowed = MAX (1, (int)strlen (word) / 3);
  return best_d <= MIN (allowed, 3) ? best : NULL;
}

char *
osim_did_you_mean (const char *word, const char *const *names, int n)
{
  const char *c = closest (word, names, n);
  return c ? g_strdup_printf (" (did you mean '%s'?)", c) : g_strdup ("");
}

#define OFF(f) G_STRUCT_OFFSET (OsimParams, f)
/* [labels] NAME: the plain words for policy @id. */
#define LABEL_KEY(name, id)                                                                        \
  {                                                                                                \
    "labels", name, K_STRING, OFF (label[id]), 0, 0, "", "text",                                   \
        "plain words for the " name " policy in charts and tables"                                 \
  }

const KeyDesc osim_keys[] = {
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
  { "scenario", "extends", K_STRING, OFF (extends), 0, 0, "",
    "a scenario file, beside this one or installed",
    "take every key of that scenario; this file overrides what it sets" },
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
  { "org", "chart", K_STRING, OFF (chart), 0, 0, "", "a CSV file, relative to the scenario",
    "an org chart to import instead of levels or spans (id, manager_id; optional name, title, "
    "level, technical, people, age, tenure)" },
  { "org", "level_names", K_STRING, OFF (level_names), 0, 0, "",
    "list of names, one per level, top first", "names of the levels in CSVs, charts and tables" },
  { "org", "start", K_START, OFF (start), 0, 0, "steady", "steady | paper",
    "year 0 without [history]: a steady-state org, or the paper's fresh hires" },
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
  { "people", "values_spread", K_DOUBLE, OFF (values_spread), 0, 10, "1.2", "number 0-10 (radians)",
    "sd of each person's values direction around the org's" },
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
  { "promotion", "assessment_noise", K_DOUBLE, OFF (assessment_noise), 0, 100, "0", "number 0-100",
    "sd of the noise on every ranking score (drawn per person per year)" },
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
  { "effort", "follow_threshold", K_DOUBLE, OFF (follow_threshold), 0, 1, "0.5", "number in [0,1]",
    "willingness W from which someone is a willing follower" },
  { "training", "training", K_DOUBLE, OFF (training), 0, 1, "0", "number in [0,1]",
    "yearly share of the gap to 10 a manager's P closes" },
  { "training", "coaching", K_DOUBLE, OFF (coaching), 0, 9, "0", "number 0-9",
    "P points a newly promoted manager gains once" },
  { "history", "policy", K_HPOLICY, OFF (history_policy), 0, 0, "none", "a policy name | none",
    "the policy that ran the org before year 0; every compared policy starts from its result" },
  { "history", "years", K_INT, OFF (history_years), 1, 1000, "30", "integer 1-1000",
    "years of that past simulated before year 0" },
  LABEL_KEY ("best", OSIM_POLICY_BEST),
  LABEL_KEY ("worst", OSIM_POLICY_WORST),
  LABEL_KEY ("random", OSIM_POLICY_RANDOM),
  LABEL_KEY ("alternate", OSIM_POLICY_ALTERNATE),
  LABEL_KEY ("best-worst", OSIM_POLICY_BEST_WORST),
  LABEL_KEY ("best-random", OSIM_POLICY_BEST_RANDOM),
  LABEL_KEY ("seniority", OSIM_POLICY_SENIORITY),
  LABEL_KEY ("people", OSIM_POLICY_PEOPLE),
  LABEL_KEY ("potential", OSIM_POLICY_POTENTIAL),
  LABEL_KEY ("external", OSIM_POLICY_EXTERNAL),
};
#define N_KEYS ((int)G_N_ELEMENTS (osim_keys))
const int osim_n_keys = N_KEYS;

const char *const osim_section_names[]
    = { "scenario", "org", "people", "promotion", "effort", "training", "history", "labels", "sweep",
        "robust", NULL };

const KeyDesc *
osim_key_find (const char *section, const char *key)
{
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (osim_keys[i].section, section) == 0 && strcmp (osim_keys[i].key, key) == 0)
      return &osim_keys[i];
  return NULL;
}

const KeyDesc *
osim_key_find_dotted (const char *dotted)
{
  const char *dot = strchr (dotted, '.');
  if (dot == NULL)
    return NULL;
  g_autofree char *section = g_strndup (dotted, dot - dotted);
  return osim_key_find (section, dot + 1);
}

/* " (did you mean ...)" for an unknown key in @section: a close key of that
 * section, else the same key in another section. */
char *
osim_key_suggest (const char *section, const char *key)
{
  const char *names[N_KEYS];
  int n = 0;
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (osim_keys[i].section, section) == 0)
      names[n++] = osim_keys[i].key;
  const char *c = closest (key, names, n);
  if (c)
    return g_strdup_printf (" (did you mean '%s'?)", c);
  for (int i = 0; i < N_KEYS; i++)
    if (strcmp (osim_keys[i].key, key) == 0)
      return g_strdup_printf (" (did you mean '%s' in [%s]?)", key, osim_keys[i].section);
  /* Nothing close: list what the section holds. */
  g_autoptr (GString) list = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", names[i]);
  return n ? g_strdup_printf ("; [%s] has %s", section, list->str) : g_strdup ("");
}

/* " (did you mean ...)" for an unknown "section.key": a close dotted key,
 * else the same key in its own section ("steps" -> "scenario.steps"). */
char *
osim_key_suggest_dotted (const char *dotted)
{
  const char *names[N_KEYS + 1];
  char *owned[N_KEYS];
  for (int i = 0; i < N_KEYS; i++)
    names[i] = owned[i] = g_strdup_printf ("%s.%s", osim_keys[i].section, osim_keys[i].key);
  names[N_KEYS] = NULL;
  const char *c = closest (dotted, names, N_KEYS);
  if (c == NULL)
    {
      const char *dot = strrchr (dotted, '.');
      const char *bare = dot ? dot + 1 : dotted;
      for (int i = 0; i < N_KEYS && c == NULL; i++)
        if (strcmp (osim_keys[i].key, bare) == 0)
          c = names[i];
      if (c == NULL && dot == NULL)
        {
          const char *bare_names[N_KEYS];
          for (int i = 0; i < N_KEYS; i++)
            bare_names[i] = osim_keys[i].key;
          const char *k = closest (bare, bare_names, N_KEYS);
          for (int i = 0; k && i < N_KEYS && c == NULL; i++)
            if (osim_keys[i].key == k)
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
          dotted[i] = g_strdup_printf ("%s.%s", osim_keys[i].section, osim_keys[i].key);
          info[i] = (OsimKeyInfo){ dotted[i], osim_keys[i].range, osim_keys[i].meaning };
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
char **
osim_split_list (const char *value, int *n)
{
  char **parts = g_strsplit (value, ";", -1);
  int len = (int)g_strv_length (parts);
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
parse_name (const char *key, const char *what, const char *value, const char *const *names, int n,
            int *out, GError **error)
{
  for (int i = 0; i < n; i++)
    if (strcmp (value, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_autofree char *dym = osim_did_you_mean (value, names, n);
  g_autoptr (GString) expected = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append_printf (expected, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
               "%s: unknown %s'%s'%s; expected %s", key, what, value, dym, expected->str);
  return FALSE;
}

static const char *const candidates_names[] = { "level", "team", NULL };
static const char *const assessment_names[] = { "job", "technical", NULL };
static const char *const start_names[] = { "steady", "paper", NULL };

#define SLOT(type) ((type *)((char *)p + kd->offset))

static gboolean
set_string (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
{
  /* One line of text: an escape such as \n in the file must not smuggle
   * a line break into CSV headers, chart titles or the folder name. */
  for (const char *c = value; *c; c = g_utf8_next_char (c))
    if (osim_is_control_char (g_utf8_get_char (c)))
      {
        g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                     "%s: holds a control character (a \\n or \\r escape?); give one "
                     "line of text (found U+%04X)",
                     kd->key, g_utf8_get_char (c));
        return FALSE;
      }
  if (strcmp (kd->key, "name") == 0 && strlen (value) > OSIM_OUTDIR_NAME_MAX)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "name: %" G_GSIZE_FORMAT " bytes long; at most %d (it names the results "
                   "folder)",
                   strlen (value), OSIM_OUTDIR_NAME_MAX);
      return FALSE;
    }
  if (strcmp (kd->key, "name") == 0
      && (value[0] == '\0' || strpbrk (value, "/\\,\"\t") != NULL || value[0] == '.'))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "name: '%s' must be non-empty, not start with '.', and hold no "
                   "/ \\ , \" or tab (it names the results folder)",
                   value);
      return FALSE;
    }
  char **slot = SLOT (char *);
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
set_int (OsimParams *p, Given *given, const KeyDesc *kd, const char *value, GError **error)
{
  gint64 v;
  gboolean ok = parse_int64 (value, &v);
  if (!ok || v < kd->min || v > kd->max)
    {
      /* Too large (even past gint64) is a limit; the rest a bad value. */
      gboolean huge
          = ok ? v > kd->max : value[0] != '-' && strspn (value, "+0123456789") == strlen (value);
      g_set_error (error, OSIM_INPUT_ERROR, huge ? OSIM_INPUT_ERROR_LIMIT : OSIM_INPUT_ERROR_VALUE,
                   "%s: '%s' is not an integer from %.0f to %.0f", kd->key, value, kd->min,
                   kd->max);
      return FALSE;
    }
  *SLOT (int) = (int)v;
  if (strcmp (kd->key, "window") == 0)
    given->has_window = TRUE;
  return TRUE;
}

static gboolean
set_seed (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
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
  *SLOT (guint64) = v;
  return TRUE;
}

static gboolean
set_double (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
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
                   "%s: '%s' is not a finite number; expected %s", kd->key, value, kd->range);
      return FALSE;
    }
  if (v < kd->min || v > kd->max)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s: %s is out of range; expected %s", kd->key, value, kd->range);
      return FALSE;
    }
  *SLOT (double) = v;
  return TRUE;
}

static gboolean
set_bool (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
{
  if (!parse_bool (value, SLOT (gboolean)))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE, "%s: '%s' is not true or false",
                   kd->key, value);
      return FALSE;
    }
  return TRUE;
}

/* Parses entry @i of a policy list into list[i], refusing empty, unknown and
 * repeated names. */
static gboolean
parse_policy_entry (const KeyDesc *kd, char **parts, int i, OsimPolicy *list, GError **error)
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
      g_autofree char *dym = osim_did_you_mean (parts[i], names, OSIM_N_POLICIES);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "%s: unknown policy '%s'%s; orgsim policies lists them", kd->key, parts[i], dym);
      return FALSE;
    }
  for (int j = 0; j < i; j++)
    if (list[j] == list[i])
      {
        g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                     "policies: '%s' is listed twice", parts[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
set_policies (OsimParams *p, Given *given, const KeyDesc *kd, const char *value, GError **error)
{
  int n;
  g_auto (GStrv) parts = osim_split_list (value, &n);
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
    if (!parse_policy_entry (kd, parts, i, list, error))
      return FALSE;
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

/* Parses the @n entries of a per-level list into @v, each within the key's
 * range. */
static gboolean
parse_list_numbers (const KeyDesc *kd, char **parts, int n, double *v, GError **error)
{
  for (int i = 0; i < n; i++)
    {
      gint64 iv;
      gboolean ok = kd->type == K_DLIST
                        ? parse_double (parts[i], &v[i])
                        : (parse_int64 (parts[i], &iv) && (v[i] = (double)iv, TRUE));
      if (ok && kd->type == K_LEVELS && v[i] > kd->max)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                       "levels: entry %d asks for %s positions; the limit is %d "
                       "positions in all",
                       i + 1, parts[i], OSIM_MAX_POSITIONS);
          return FALSE;
        }
      if (!ok || !isfinite (v[i]) || v[i] < kd->min || v[i] > kd->max)
        {
          g_set_error (error, OSIM_INPUT_ERROR,
                       ok && kd->type != K_DLIST && v[i] > kd->max ? OSIM_INPUT_ERROR_LIMIT
                                                                   : OSIM_INPUT_ERROR_VALUE,
                       "%s: entry %d, '%s', is not %s from %.15g to %.15g", kd->key, i + 1,
                       parts[i], kd->type == K_DLIST ? "a number" : "an integer", kd->min, kd->max);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
store_levels (OsimParams *p, Given *given, const double *v, int n, GError **error)
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
    p->level_size[i] = (gint64)v[i];
  given->has_levels = TRUE;
  return TRUE;
}

static gboolean
store_spans (OsimParams *p, Given *given, const double *v, int n, GError **error)
{
  double total = 1, width = 1;
  p->n_levels = n + 1;
  p->use_spans = TRUE;
  p->level_size[0] = 1;
  for (int i = 0; i < n; i++)
    {
      p->span[i] = (int)v[i];
      width *= v[i];
      total += width;
      if (total > OSIM_MAX_POSITIONS)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                       "spans: these spans make more than %d positions, the limit",
                       OSIM_MAX_POSITIONS);
          return FALSE;
        }
      p->level_size[i + 1] = (gint64)width;
    }
  given->has_spans = TRUE;
  return TRUE;
}

static gboolean
set_list (OsimParams *p, Given *given, const KeyDesc *kd, const char *value, GError **error)
{
  int n;
  g_auto (GStrv) parts = osim_split_list (value, &n);
  int max_n = kd->type == K_SPANS ? OSIM_MAX_LEVELS - 1 : OSIM_MAX_LEVELS;
  if (n > max_n)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT, "%s: %d entries; at most %d",
                   kd->key, n, max_n);
      return FALSE;
    }
  double v[OSIM_MAX_LEVELS];
  if (!parse_list_numbers (kd, parts, n, v, error))
    return FALSE;
  if (kd->type == K_LEVELS)
    return store_levels (p, given, v, n, error);
  if (kd->type == K_SPANS)
    return store_spans (p, given, v, n, error);
  double *dst = SLOT (double);
  for (int i = 0; i < n; i++)
    dst[i] = v[i];
  if (strcmp (kd->key, "responsibility") == 0)
    given->has_responsibility = TRUE, given->n_responsibility = n;
  else
    given->has_people_weight = TRUE, given->n_people_weight = n;
  return TRUE;
}

static gboolean
set_dist (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (osim_dist_parse (value, SLOT (OsimDist), &local))
    return TRUE;
  if (local->code == OSIM_INPUT_ERROR_UNKNOWN && strchr (value, '(') != NULL)
    {
      static const char *const forms[] = { "normal", "uniform", "constant", NULL };
      g_autofree char *name = g_strstrip (g_strndup (value, strcspn (value, "(")));
      g_autofree char *dym = osim_did_you_mean (name, forms, 3);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "%s: unknown distribution '%s'%s; expected normal(mean,sd,lo,hi), "
                   "uniform(lo,hi) or constant(v)",
                   kd->key, name, dym);
      return FALSE;
    }
  g_set_error (error, OSIM_INPUT_ERROR, local->code, "%s: %s", kd->key, local->message);
  return FALSE;
}

static gboolean
set_history_policy (OsimParams *p, const KeyDesc *kd, const char *value, GError **error)
{
  if (strcmp (value, "none") == 0)
    {
      p->history_policy = -1;
      return TRUE;
    }
  char *parts[] = { (char *) value, NULL };
  OsimPolicy list[OSIM_N_POLICIES];
  if (!parse_policy_entry (kd, parts, 0, list, error))
    return FALSE;
  p->history_policy = (int) list[0];
  return TRUE;
}

/* Sets one key of @p from its text; the same path serves files, --set and
 * sweeps, so every route gets the same checks. */
static gboolean
key_set_value (OsimParams *p, Given *given, const KeyDesc *kd, const char *value,
               GError **error)
{
  if (value[0] == '\0' && kd->type != K_STRING)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE, "%s: empty value; expected %s",
                   kd->key, kd->range);
      return FALSE;
    }
  switch (kd->type)
    {
    case K_STRING:
      return set_string (p, kd, value, error);
    case K_INT:
      return set_int (p, given, kd, value, error);
    case K_SEED:
      return set_seed (p, kd, value, error);
    case K_DOUBLE:
      return set_double (p, kd, value, error);
    case K_BOOL:
      return set_bool (p, kd, value, error);
    case K_POLICIES:
    case K_BASELINE:
      return set_policies (p, given, kd, value, error);
    case K_LEVELS:
    case K_SPANS:
    case K_DLIST:
      return set_list (p, given, kd, value, error);
    case K_CANDIDATES:
      return parse_name (kd->key, "", value, candidates_names, 2, (int *)&p->candidates, error);
    case K_ASSESSMENT:
      return parse_name (kd->key, "", value, assessment_names, 2, (int *)&p->assessment, error);
    case K_DIST:
      return set_dist (p, kd, value, error);
    case K_START:
      return parse_name (kd->key, "", value, start_names, 2, (int *) &p->start, error);
    case K_HPOLICY:
      return set_history_policy (p, kd, value, error);
    case K_TRANSFER:
      {
        const char *names[OSIM_N_TRANSFERS];
        for (int j = 0; j < OSIM_N_TRANSFERS; j++)
          names[j] = transfer_names[j].name;
        return parse_name (kd->key, "rule ", value, names, OSIM_N_TRANSFERS, (int *)&p->transfer,
                           error);
      }
    }
  g_assert_not_reached ();
}

gboolean
osim_key_set (OsimParams *p, Given *given, const KeyDesc *kd, const char *value, GError **error)
{
  if (key_set_value (p, given, kd, value, error))
    return TRUE;
  /* A list written with commas, as on the command line (-p best,people):
   * say that files separate entries with ';'. */
  gboolean list = kd->type == K_POLICIES || kd->type == K_LEVELS || kd->type == K_SPANS
                  || kd->type == K_DLIST;
  if (list && error && *error && strchr (value, ',') && !strchr (value, ';'))
    {
      g_autofree char *fixed = g_strdup (value);
      g_strdelimit (fixed, ",", ';');
      char *msg = g_strdup_printf ("%s (a list in a scenario separates its entries with ';', "
                                   "not ',': did you mean %s=%s?)",
                                   (*error)->message, kd->key, fixed);
      g_free ((*error)->message);
      (*error)->message = msg;
    }
  return FALSE;
}

void
osim_params_set_defaults (OsimParams *p)
{
  Given scratch = { 0 };
  for (int i = 0; i < N_KEYS; i++)
    if (osim_keys[i].def[0] != '\0' || osim_keys[i].type == K_STRING)
      {
        gboolean ok = osim_key_set (p, &scratch, &osim_keys[i], osim_keys[i].def, NULL);
        g_assert (ok);
      }
}

/* The value of key @kd in @p, in file syntax. */
char *
osim_key_format (const OsimParams *p, const KeyDesc *kd)
{
  const char *base = (const char *)p;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  switch (kd->type)
    {
    case K_STRING:
      return g_strdup (*(char *const *)(base + kd->offset));
    case K_INT:
      return g_strdup_printf ("%d", *(const int *)(base + kd->offset));
    case K_SEED:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, *(const guint64 *)(base + kd->offset));
    case K_DOUBLE:
      return g_strdup (
          osim_format_shortest (buf, sizeof buf, *(const double *)(base + kd->offset)));
    case K_BOOL:
      return g_strdup (*(const gboolean *)(base + kd->offset) ? "true" : "false");
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
                                                        ((const double *)(base + kd->offset))[i]));
          }
        return g_string_free (s, FALSE);
      }
    case K_CANDIDATES:
      return g_strdup (candidates_names[p->candidates]);
    case K_ASSESSMENT:
      return g_strdup (assessment_names[p->assessment]);
    case K_DIST:
      return osim_dist_to_string ((const OsimDist *)(base + kd->offset));
    case K_TRANSFER:
      return g_strdup (osim_transfer_name (p->transfer));
    case K_START:
      return g_strdup (start_names[p->start]);
    case K_HPOLICY:
      return g_strdup (p->history_policy < 0 ? "none" : osim_policy_name (p->history_policy));
    }
  g_assert_not_reached ();
}

/* scenario.h: scenario files (GKeyFile INI) loaded, validated and resolved. */
#pragma once

#include <glib.h>
#include "orgsim/dist.h"

G_BEGIN_DECLS

#define OSIM_MAX_LEVELS 32
#define OSIM_MAX_POSITIONS 100000000 /* refused above this, before allocating */
#define OSIM_MAX_STEPS 1000000
#define OSIM_MAX_RUNS 10000000
#define OSIM_MAX_WORK 1e15           /* runs x policies x variants x steps x positions */
#define OSIM_MAX_VARIANTS 10000
#define OSIM_MAX_LINE 4096

typedef enum {
  OSIM_POLICY_BEST,
  OSIM_POLICY_WORST,
  OSIM_POLICY_RANDOM,
  OSIM_POLICY_ALTERNATE,
  OSIM_POLICY_BEST_WORST,
  OSIM_POLICY_BEST_RANDOM,
  OSIM_POLICY_SENIORITY,
  OSIM_POLICY_PEOPLE,
  OSIM_POLICY_POTENTIAL,
  OSIM_POLICY_EXTERNAL,
  OSIM_N_POLICIES
} OsimPolicy;

typedef enum {
  OSIM_TRANSFER_COMMON_SENSE,
  OSIM_TRANSFER_PETER,
  OSIM_TRANSFER_MIXED,
  OSIM_TRANSFER_SKILLS,
  OSIM_N_TRANSFERS
} OsimTransfer;

typedef enum { OSIM_CANDIDATES_LEVEL, OSIM_CANDIDATES_TEAM } OsimCandidates;

/* How year 0's organisation is made without a [history]: a steady state
 * (ages, service and skills as a long-running org has them), or the paper's
 * (every position a fresh hire). */
typedef enum { OSIM_START_STEADY, OSIM_START_PAPER } OsimStart;

struct _OsimOrgChart; /* import.h */

/* What the merit policies (best, worst, alternate, best-worst, best-random)
 * rank by: competence in the whole current job (the paper), or only its
 * technical part, the skill most organisations see and reward. */
typedef enum { OSIM_ASSESS_JOB, OSIM_ASSESS_TECHNICAL } OsimAssessment;

/* A fully resolved scenario: every field holds its final value. */
typedef struct _OsimParams {
  /* [scenario] */
  char *name;
  char *description;
  int steps;
  int runs;
  guint64 seed;
  int n_policies;
  OsimPolicy policies[OSIM_N_POLICIES];
  OsimPolicy baseline;
  int window;
  char *extends; /* as given; the resolved scenario holds its keys */
  /* [org] */
  int n_levels;
  gboolean use_spans;                 /* TRUE: spans given, else levels */
  gint64 level_size[OSIM_MAX_LEVELS]; /* positions per level (derived from spans too) */
  int span[OSIM_MAX_LEVELS];          /* spans mode: reports per position of level k */
  double responsibility[OSIM_MAX_LEVELS];
  double people_weight[OSIM_MAX_LEVELS];
  OsimCandidates candidates;
  char *chart;       /* [org] chart as given, "" for none */
  char *level_names; /* [org] level_names as given, "" for none */
  OsimStart start;
  const struct _OsimOrgChart *org_chart; /* the imported chart (the scenario owns it) or NULL */
  char **level_name; /* resolved name of each level (the scenario owns them) */
  /* [people] */
  OsimDist technical;
  OsimDist people;
  OsimDist age;
  double rho;
  double retire_age;
  double dismiss_below;
  double quit_rate;
  double values_spread;
  /* [promotion] */
  OsimTransfer transfer;
  double delta;
  double keep;
  double p;
  double r;
  OsimAssessment assessment;
  double assessment_noise;
  /* [effort] */
  gboolean effort_enabled;
  double bare_minimum;
  double trust_initial;
  double deposit;
  double withdrawal;
  double people_neutral;
  double follow_threshold;
  /* [training] */
  double training;
  double coaching;
  /* [history] */
  int history_policy; /* an OsimPolicy, or -1 for no history */
  int history_years;
  /* A sweep variant's base scenario, whose history every variant shares;
   * NULL in the base itself. */
  const struct _OsimParams *history_params;
  /* [labels] */
  char *label[OSIM_N_POLICIES]; /* "" for the built-in label */
} OsimParams;

/* One swept key and its values, as written. */
typedef struct {
  char *key;     /* "section.key" */
  char **values; /* NULL-terminated */
  int n_values;
  int line;
} OsimSweepDim;

typedef struct _OsimScenario OsimScenario;

/* Loads and validates @path; @overrides is a NULL-terminated list of
 * "section.key=value" strings (from --set) applied after the file.  Errors are
 * OSIM_INPUT_ERROR, prefixed "FILE:LINE: " (or "--set KEY: "). */
OsimScenario *osim_scenario_load (const char *path, const char *const *overrides,
                                  GError **error);
/* The same from text in memory (@path names it in messages). */
OsimScenario *osim_scenario_load_data (const char *path, const char *data, gsize len,
                                       const char *const *overrides, GError **error);
void osim_scenario_free (OsimScenario *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimScenario, osim_scenario_free)

/* The base parameters (no sweep applied). */
const OsimParams *osim_scenario_params (const OsimScenario *sc);
const char *osim_scenario_path (const OsimScenario *sc);

/* Variants: the cartesian product of the sweep (1 variant, "base", without).
 * The first sweep key varies slowest. */
int osim_scenario_n_variants (const OsimScenario *sc);
const OsimParams *osim_scenario_variant (const OsimScenario *sc, int i);
const char *osim_scenario_variant_name (const OsimScenario *sc, int i);
int osim_scenario_n_sweep (const OsimScenario *sc);
const OsimSweepDim *osim_scenario_sweep_dim (const OsimScenario *sc, int i);
/* Index into sweep dim @d's values of variant @v. */
int osim_scenario_variant_coord (const OsimScenario *sc, int v, int d);

/* Notes for check: keys given (in the file, a --set or a sweep) that no
 * chosen policy reads, such as promotion.r without best-random; each
 * "note: WHERE: ...".  NULL-terminated, newly allocated. */
GStrv osim_scenario_unused_notes (const OsimScenario *sc);

/* Command-line shortcuts (-r -t -s -p): applied to the base and every variant,
 * validated like the file.  @policies is comma-separated. */
gboolean osim_scenario_override (OsimScenario *sc, const char *key, const char *value,
                                 GError **error);

/* The resolved scenario as INI text (every key, sweep included): loading it
 * back gives the same parameters. */
char *osim_scenario_to_ini (const OsimScenario *sc);

/* For check: every key as "section.key = value  <- where", where being
 * FILE:LINE, an extended FILE:LINE, the command line or "default", after
 * one "note: ..." line per inherited list mapped to other levels. */
char *osim_scenario_origins (const OsimScenario *sc);

/* Total positions of an org with these parameters. */
gint64 osim_params_positions (const OsimParams *p);

/* Names. */
const char *osim_policy_name (OsimPolicy p);
const char *osim_policy_description (OsimPolicy p);
/* The policy in plain words: [labels] when given, else the built-in label
 * ("Promote the best engineer" for best with assessment = technical). */
const char *osim_policy_label (const OsimParams *p, OsimPolicy pol);
gboolean osim_policy_from_name (const char *name, OsimPolicy *out);
const char *osim_transfer_name (OsimTransfer t);
const char *osim_transfer_description (OsimTransfer t);

/* Every key: "section.key", its type/range/default in words, and a one-line
 * meaning; for `orgsim check`, help texts and tests.  NULL-terminated. */
typedef struct {
  const char *key;
  const char *range;
  const char *meaning;
} OsimKeyInfo;
const OsimKeyInfo *osim_scenario_keys (void);

G_END_DECLS

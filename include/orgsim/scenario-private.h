/* scenario-private.h: the parts of the scenario loader its files share (the
 * key table, the scenario's body, where each value was given). */
#pragma once

#include "orgsim/import.h"
#include "orgsim/scenario.h"

G_BEGIN_DECLS

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
  K_START,
  K_HPOLICY,
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

/* The key table, in the order check and the resolved scenario list them. */
extern const KeyDesc osim_keys[];
extern const int osim_n_keys;

/* The sections a file may hold; [sweep] is the last. */
#define OSIM_N_SECTIONS 10
#define OSIM_SECTION_SWEEP 8
extern const char *const osim_section_names[];

typedef struct
{
  /* Which list keys were given, to size defaults at validation. */
  gboolean has_chart, has_levels, has_spans, has_responsibility, has_people_weight, has_window, has_baseline;
  int n_responsibility, n_people_weight;
} Given;

/* Where something was given: a line of the file, a --set, or nowhere. */
typedef struct
{
  int line;        /* > 0: file line */
  const char *cli; /* non-NULL: the command-line text, "--set KEY=VALUE" or "-t 10" */
  const char *file; /* non-NULL: the line is in this extended file, not the scenario */
} Origin;

struct _OsimScenario
{
  char *path;
  OsimParams base;
  Given given;
  Origin *origin; /* one per key of osim_keys */
  Origin section_origin[OSIM_N_SECTIONS];
  Origin sweep_set; /* the first --set sweep.KEY, for messages without a [sweep] line */
  GPtrArray *sweep; /* OsimSweepDim* */
  int n_variants;
  OsimParams *variants;
  char **variant_names;
  int *coords;        /* n_variants x n_sweep */
  GPtrArray *strings; /* owned --set texts */
  OsimOrgChart *chart; /* [org] chart, read */
  char **level_name;   /* resolved level names */
  GPtrArray *notes;    /* what check should say: lists mapped by depth */
};

/* A sweep dimension and where it was given (the public part first, so the
 * accessors hand out &dim->pub). */
typedef struct
{
  OsimSweepDim pub;
  Origin origin;
} SweepDim;

/* One line of the file, as the pre-scan found it. */
typedef struct
{
  int line;
  char *section; /* NULL for a section header line itself */
  char *key;
} Entry;

void osim_sweep_dim_free (gpointer data);

/* Key table and values (scenario-keys.c). */
char *osim_did_you_mean (const char *word, const char *const *names, int n);
const KeyDesc *osim_key_find (const char *section, const char *key);
const KeyDesc *osim_key_find_dotted (const char *dotted);
char *osim_key_suggest (const char *section, const char *key);
char *osim_key_suggest_dotted (const char *dotted);
char **osim_split_list (const char *value, int *n);
gboolean osim_key_set (OsimParams *p, Given *given, const KeyDesc *kd, const char *value,
                       GError **error);
char *osim_key_format (const OsimParams *p, const KeyDesc *kd);
void osim_params_set_defaults (OsimParams *p);

/* Reading the file (scenario-read.c). */
gboolean osim_scenario_prescan (OsimScenario *sc, const char *path, const char *data, gsize len, GArray *entries,
                                GString *clean, GError **error);
void osim_scenario_entry_clear (gpointer data);

/* Resolving, variants and sweeps (scenario-resolve.c). */
int osim_key_index (const KeyDesc *kd);
void osim_scenario_prefix_origin (GError **error, const OsimScenario *sc, Origin o);
gboolean osim_scenario_resolve (const OsimScenario *sc, OsimParams *p, const char *variant,
                                GError **error);
gboolean osim_scenario_add_sweep (OsimScenario *sc, const char *key, const char *value, Origin o,
                                  GError **error);
gboolean osim_scenario_apply_override (OsimScenario *sc, const char *text, GError **error);
gboolean osim_scenario_build_variants (OsimScenario *sc, GError **error);
void osim_scenario_clear_variants (OsimScenario *sc);
gboolean osim_scenario_load_chart (OsimScenario *sc, GError **error);
gboolean osim_scenario_name_levels (OsimScenario *sc, GError **error);
void osim_scenario_map_lists (OsimScenario *sc);

/* A character that breaks or hides a line in text, messages and file
 * names: C0 and C1 controls other than tab, DEL, and the Unicode line and
 * paragraph separators. */
static inline gboolean
osim_is_control_char (gunichar u)
{
  return (u != '\t' && g_unichar_iscntrl (u)) || u == 0x2028 || u == 0x2029;
}

G_END_DECLS

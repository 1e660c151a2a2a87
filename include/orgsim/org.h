/* org.h: the organisation of one run: positions, the people in them, hiring. */
#pragma once

#include <glib.h>
#include "orgsim/dist.h"
#include "orgsim/scenario.h"
#include "orgsim/seltree.h"

G_BEGIN_DECLS

/* One person, stored in the slot of the position they hold.  A promotion
 * copies the person to the new slot. */
typedef struct {
  double T;      /* technical skill, 1..10 */
  double P;      /* people skill, 1..10 */
  double C;      /* competence in the current job: (1 - w_k) T + w_k P */
  double theta;  /* values direction, radians around the org's (0) */
  double age;    /* years */
  double trust;  /* trust bank balance toward the current manager, [0,1] */
  double g;      /* congruence of values with the current manager, [0,1] */
  guint64 key;     /* osim_counter_hash of the person's number (year hired << 32 | k,
                   * the k-th hire that year: osim_person_number), which keys their
                   * draws; unique within a run, never 0 */
  guint64 mgr_key; /* key of the manager the trust balance refers to; 0: none */
  gint32 service; /* years in the organisation */
  /* The org's count of yearly passes (OsimOrg.passes) less the years in
   * the current post when the person took it, so that time in post
   * (osim_person_tenure) needs no count per person and year: it stays far
   * within 2^27 (ages of at most 200 at the start, at most OSIM_MAX_STEPS
   * years and 1000 of history), so that it shares 32 bits with the flags
   * and a person takes 80 bytes. */
  unsigned int vacant : 1;
  unsigned int willing : 1; /* W >= follow_threshold */
  unsigned int leader : 1;  /* at least half the direct reports are willing followers */
  unsigned int w_one : 1;   /* willingness is 1 (hired since the last yearly pass, or
                             * at the top); otherwise trust x congruence
                             * (osim_person_willingness) */
  signed int post_pass : 28;
} OsimPerson;

/* The person's number: year hired << 32 | k, the k-th hire that year. */
static inline guint64
osim_person_number (const OsimPerson *q)
{
  return osim_counter_unhash (q->key);
}

/* Willingness: trust x congruence, as the last yearly pass computed it
 * (trust and congruence change only in the pass); 1 at the top and for a
 * new hire.  Recomputed rather than stored, to keep the record small. */
static inline double
osim_person_willingness (const OsimPerson *q)
{
  return q->w_one ? 1.0 : q->trust * q->g;
}

/* Effort: bare_minimum + (1 - bare_minimum) W; 1 at the top and for a new
 * hire. */
static inline double
osim_person_effort (const OsimParams *p, const OsimPerson *q)
{
  return q->w_one ? 1.0 : p->bare_minimum + (1.0 - p->bare_minimum) * (q->trust * q->g);
}

/* The fixed shape: positions numbered breadth-first, so level k is the range
 * [level_start[k], level_start[k] + level_size[k]) and a position's direct
 * reports are the range [child_start[i], child_start[i] + child_count[i]). */
typedef struct {
  int n_levels;
  gint64 n_positions;
  gint64 level_start[OSIM_MAX_LEVELS + 1];
  gint64 level_size[OSIM_MAX_LEVELS];
  gint32 *parent;      /* -1 at the top */
  gint32 *child_start;
  gint32 *child_count;
  guint8 *level;       /* level of each position */
  gint64 level_managers[OSIM_MAX_LEVELS]; /* positions of level k with reports */
  gboolean imported;   /* from an org chart: leaves at several depths */
} OsimShape;


/* The uses of randomness.  Each has its own streams, keyed by (seed, run,
 * purpose) and counters that do not depend on the policy: a person's id
 * (the k-th hire of a year is the same person under every policy), the
 * year, the level, the vacancy's position.  So every policy hires the same
 * people in the same order, and a person meets the same quit draws, transfer
 * shocks and assessment errors under every policy: differences between
 * policies are paired. */
typedef enum {
  OSIM_STREAM_HIRE,     /* a hire's skills, age and values: (id) */
  OSIM_STREAM_LEAVE,    /* quit draws: (year, id) */
  OSIM_STREAM_TRANSFER, /* a promotion's change of skills: (year, k-th promotion) */
  OSIM_STREAM_TIE,      /* tie-breaks and random picks: (year, vacancy) */
  OSIM_STREAM_COIN,     /* best-worst and best-random coins: (year, vacancy) */
  OSIM_STREAM_NOISE,    /* assessment noise: (year, id) */
  OSIM_N_STREAMS
} OsimStream;

typedef struct OsimCareers OsimCareers; /* careers.h */

/* The draws of the hires and promotions of a run, by year and count (the
 * k-th hire, the k-th promotion), which are the same under every policy:
 * the policies of a run, simulated one after another, draw each once. */
typedef struct OsimDraws OsimDraws;
/* The most a run's shared draws hold (orgsim run). */
#define OSIM_DRAWS_MAX_BYTES (16u << 20)
/* Draws of the years after @year0, in at most @max_bytes (past them the
 * later draws are made by each policy). */
OsimDraws *osim_draws_new (int year0, gsize max_bytes);
void osim_draws_free (OsimDraws *d);
/* The slot of draw @k (from 1) of @year in @d's table @table (0: hires, 1:
 * promotions), @size bytes; *@fresh tells whether it is new (to be filled
 * in now, before the next call).  NULL where the table cannot hold it. */
void *osim_draws_slot (OsimDraws *d, int table, int year, guint32 k, gsize size, gboolean *fresh);

typedef struct {
  const OsimParams *params;
  const OsimShape *shape;
  OsimPerson *people;     /* n_positions slots */
  gint32 *willing_reports; /* the yearly pass's count of willing followers among
                           * the reports of each post with reports (the levels
                           * above the last): zero between passes */
  double *noise;          /* this year's assessment noise of the person in each
                           * slot (policy.c), or NULL while none is drawn: 0 */
  guint64 key[OSIM_N_STREAMS]; /* each purpose's key from (seed, run) */
  guint64 next_id;        /* 1 + hires so far */
  gboolean alternate_best; /* alternate: whether the next pick is the best */
  /* Per level: */
  OsimSelTree *trees[OSIM_MAX_LEVELS]; /* a selection tree, built on demand each year */
  int tree_year[OSIM_MAX_LEVELS];      /* year each tree was built for */
  int tree_ahead[OSIM_MAX_LEVELS];     /* year whose scores the yearly pass put in each tree */
  double *dense[OSIM_MAX_LEVELS];      /* below OSIM_TREE_MIN_POOL: the candidates' scores
                                        * (NaN for a vacancy), built on demand each year */
  int dense_year[OSIM_MAX_LEVELS];     /* year each dense array was built for */
  double *dense_block;    /* the dense arrays' memory */
  int year;
  gint32 passes;          /* yearly passes so far (ageing, service): OsimPerson.post_pass */
  int hire_year;          /* the year hire_count counts */
  guint32 hire_count;     /* hires so far in hire_year */
  int move_year;          /* the year move_count counts */
  guint32 move_count;     /* transfers (promotions) so far in move_year */
  gint32 *vac;            /* vacancies of level k: vac[level_start[k] + i], i < vac_count[k] */
  gint64 vac_count[OSIM_MAX_LEVELS];
  OsimCareers *careers;   /* spells on record (--careers), or NULL; not owned */
  OsimDraws *draws;       /* draws shared with the run's other policies, or NULL; not owned */
} OsimOrg;

/* Years in the current post of @q, a person of @org. */
static inline gint32
osim_person_tenure (const OsimOrg *org, const OsimPerson *q)
{
  return org->passes - q->post_pass;
}

/* Builds the shape of @p: O(positions) memory and time.  Sizes were bounded
 * by the scenario loader. */
OsimShape *osim_shape_new (const OsimParams *p);
void osim_shape_free (OsimShape *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimShape, osim_shape_free)

/* Approximate bytes the orgs of one run of @p need while it runs (shape +
 * people + selection trees, and the initial org kept to be copied for each
 * policy with the draws its policies share), for the memory check before
 * allocating. */
double osim_org_bytes (const OsimParams *p);

/* Year 0's org of @shape for run @run: every position filled with a new hire
 * drawn from the run's stream (seed, run), as [org] start then shapes it
 * (steady: ages, service and skills of a long-running org; the imported
 * chart's values kept), then the [history] years simulated.  The history
 * uses @p->history_params (the base scenario) when set, so that every policy
 * and sweep variant of run @run starts from the same org. */
OsimOrg *osim_org_new (const OsimParams *p, const OsimShape *shape, guint64 seed, guint64 run);

void osim_org_free (OsimOrg *org);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimOrg, osim_org_free)

/* A copy of @org (same params and shape), to run another policy from the
 * same start. */
OsimOrg *osim_org_copy (const OsimOrg *org);

/* The key of the draws for @purpose with counters @a and @b. */
static inline guint64
osim_org_key (const OsimOrg *org, OsimStream purpose, guint64 a, guint64 b)
{
  return osim_key (osim_key (org->key[purpose], a), b);
}

/* The stream of the draws for @purpose with counters @a and @b. */
static inline void
osim_org_stream (const OsimOrg *org, OsimStream purpose, guint64 a, guint64 b, OsimRng *rng)
{
  osim_rng_init_key (rng, osim_org_key (org, purpose, a, b));
}

/* Fills position @pos with a new hire (counts nothing). */
void osim_org_hire (OsimOrg *org, gint64 pos);
/* Competence of a person with skills (T, P) in a job of people weight @w. */
static inline double
osim_competence_w (double w, double T, double P)
{
  return (1.0 - w) * T + w * P;
}

/* Competence of a person with skills (T, P) in a job at @level. */
static inline double
osim_competence (const OsimParams *p, int level, double T, double P)
{
  return osim_competence_w (p->people_weight[level], T, P);
}
/* Recomputes people[pos].C for the level of @pos. */
void osim_org_refresh (OsimOrg *org, gint64 pos);

/* Orgs of at most this many positions are built once per run and copied for
 * each policy; larger ones are built for each, so that only one is held. */
#define OSIM_ORG_SHARE_MAX 100000

/* orgsim run writes at most this many positions into orgchart.csv (whole
 * levels from the top); --people writes every position to people.csv. */
#define OSIM_ORGCHART_MAX 20000

/* The number of positions in the top levels of @s that add up to at most
 * @max positions (at least the top level): the first that many positions. */
gint64 osim_shape_top_positions (const OsimShape *s, gint64 max);

/* x coordinate of each position in a tidy layout (leaves evenly spaced,
 * parents centred over their reports), in [0,1]; newly allocated. */
double *osim_shape_layout (const OsimShape *s);

G_END_DECLS

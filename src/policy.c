/* policy.c: promotion policies: scores, picks, ties, and for large levels a
 * selection tree (seltree.c) so that a pick never scans the level. */
#include "orgsim/policy.h"
#include "orgsim/seltree.h"

#include <math.h>

/* Which score a policy ranks by, and whether assessment noise applies. */
typedef enum { SCORE_MERIT, SCORE_SENIORITY, SCORE_PEOPLE, SCORE_POTENTIAL, SCORE_NONE } Score;

static Score
score_kind (OsimPolicy policy)
{
  switch (policy)
    {
    case OSIM_POLICY_SENIORITY:
      return SCORE_SENIORITY;
    case OSIM_POLICY_PEOPLE:
      return SCORE_PEOPLE;
    case OSIM_POLICY_POTENTIAL:
      return SCORE_POTENTIAL;
    case OSIM_POLICY_RANDOM:
    case OSIM_POLICY_EXTERNAL:
      return SCORE_NONE;
    default:
      return SCORE_MERIT;
    }
}

static inline double
score_of (const OsimOrg *org, Score kind, gint64 pos, int target_level)
{
  const OsimPerson *q = &org->people[pos];
  switch (kind)
    {
    case SCORE_MERIT:
      return (org->params->assessment == OSIM_ASSESS_TECHNICAL ? q->T : q->C) + q->noise;
    case SCORE_SENIORITY:
      /* Years of service first, age breaks ties (ages stay below 1000). */
      return q->service * 1000.0 + q->age;
    case SCORE_PEOPLE:
      return q->P + q->noise;
    case SCORE_POTENTIAL:
      return osim_competence (org->params, target_level, q->T, q->P) + q->noise;
    case SCORE_NONE:
    default:
      return 0;
    }
}

gboolean
osim_policy_reads_key (OsimPolicy policy, const char *key)
{
  if (g_strcmp0 (key, "promotion.r") == 0)
    return policy == OSIM_POLICY_BEST_RANDOM;
  if (g_strcmp0 (key, "promotion.p") == 0)
    return policy == OSIM_POLICY_BEST_WORST;
  return TRUE;
}

double
osim_policy_score (const OsimOrg *org, OsimPolicy policy, gint64 pos, int target_level)
{
  return score_of (org, score_kind (policy), pos, target_level);
}

void
osim_policy_begin_year (OsimOrg *org, OsimPolicy policy)
{
  double sigma = org->params->assessment_noise;
  Score kind = score_kind (policy);
  if (sigma <= 0 || kind == SCORE_SENIORITY || kind == SCORE_NONE)
    return;
  /* Lazear's transitory component: one observed-score error per person and
   * year, so a person is ranked the same way for every vacancy that year.
   * It is keyed by (year, person): the same error under every policy. */
  guint64 year_key = osim_key (org->key[OSIM_STREAM_NOISE], (guint64) org->year);
  for (gint64 pos = 0; pos < org->shape->n_positions; pos++)
    {
      OsimRng rng;
      osim_rng_init_key (&rng, osim_key (year_key, org->people[pos].id));
      org->people[pos].noise = sigma * osim_rng_normal (&rng);
    }
}

static void
tree_build (OsimOrg *org, OsimPolicy policy, int level)
{
  const OsimShape *s = org->shape;
  if (org->trees[level] == NULL)
    org->trees[level] = osim_sel_tree_new (s->level_start[level], s->level_size[level]);
  OsimSelTree *t = org->trees[level];
  Score kind = score_kind (policy);
  for (gint64 pos = s->level_start[level]; pos < s->level_start[level + 1]; pos++)
    osim_sel_tree_set (t, pos,
                       org->people[pos].vacant ? NAN : score_of (org, kind, pos, level - 1));
  /* Policies that only ever pick the best (or a random candidate) need no
   * minimum; worst needs no maximum. */
  gboolean hi = policy != OSIM_POLICY_WORST && policy != OSIM_POLICY_RANDOM;
  gboolean lo = policy == OSIM_POLICY_WORST || policy == OSIM_POLICY_ALTERNATE
                || policy == OSIM_POLICY_BEST_WORST;
  osim_sel_tree_build (t, hi, lo);
  org->tree_year[level] = org->year;
}

void
osim_policy_vacate (OsimOrg *org, gint64 pos)
{
  int level = org->shape->level[pos];
  if (org->trees[level] != NULL && org->tree_year[level] == org->year)
    osim_sel_tree_clear (org->trees[level], pos);
}

/* A uniform draw in [0, count) from the tie stream of @vacancy this year. */
static guint32
draw_tie (const OsimOrg *org, gint64 vacancy, guint32 count)
{
  if (count <= 1)
    return 0;
  OsimRng rng;
  osim_org_stream (org, OSIM_STREAM_TIE, (guint64) org->year, (guint64) vacancy, &rng);
  return (guint32) osim_rng_below (&rng, count);
}

/* Picks among the filled positions [from, from + n) by scanning. */
static gint64
scan_pick (OsimOrg *org, OsimPolicy policy, OsimPick pick, gint64 from, gint64 n, int target,
           gint64 vacancy)
{
  const OsimPerson *people = org->people;
  Score kind = score_kind (policy);
  double best = pick == OSIM_PICK_MIN ? INFINITY : -INFINITY;
  guint32 count = 0;
  gint64 first = -1; /* the first position holding best: the pick when unique */
  /* The loop is written out per case so that the common ones (the paper's
   * merit ranking) compile to a tight scan without a switch per person. */
#define SCAN(SCORE, BETTER)                                                                      \
  for (gint64 pos = from; pos < from + n; pos++)                                                 \
    {                                                                                            \
      const OsimPerson *q = &people[pos];                                                        \
      if (q->vacant)                                                                             \
        continue;                                                                                \
      double v = (SCORE);                                                                        \
      if (v == best)                                                                             \
        count++;                                                                                 \
      else if (v BETTER best)                                                                    \
        best = v, count = 1, first = pos;                                                        \
    }
  gboolean technical = org->params->assessment == OSIM_ASSESS_TECHNICAL;
  if (pick == OSIM_PICK_UNIFORM)
    {
      for (gint64 pos = from; pos < from + n; pos++)
        if (!people[pos].vacant && count++ == 0)
          first = pos;
    }
  else if (kind == SCORE_MERIT && !technical && pick == OSIM_PICK_MAX)
    SCAN (q->C + q->noise, >)
  else if (kind == SCORE_MERIT && !technical)
    SCAN (q->C + q->noise, <)
  else if (pick == OSIM_PICK_MAX)
    SCAN (score_of (org, kind, pos, target), >)
  else
    SCAN (score_of (org, kind, pos, target), <)
#undef SCAN
  if (count <= 1)
    return first;
  guint32 r = draw_tie (org, vacancy, count);
  for (gint64 pos = first; pos < from + n; pos++)
    {
      if (people[pos].vacant)
        continue;
      if (pick != OSIM_PICK_UNIFORM && score_of (org, kind, pos, target) != best)
        continue;
      if (r-- == 0)
        return pos;
    }
  g_assert_not_reached ();
}

static gint64
level_pick (OsimOrg *org, OsimPolicy policy, OsimPick pick, int level, gint64 vacancy)
{
  const OsimShape *s = org->shape;
  if (s->level_size[level] < OSIM_TREE_MIN_POOL)
    return scan_pick (org, policy, pick, s->level_start[level], s->level_size[level], level - 1,
                      vacancy);
  if (org->tree_year[level] != org->year)
    tree_build (org, policy, level);
  const OsimSelTree *t = org->trees[level];
  if (osim_sel_tree_count (t, OSIM_PICK_UNIFORM) == 0)
    return -1;
  return osim_sel_tree_pick (t, pick, draw_tie (org, vacancy, osim_sel_tree_count (t, pick)));
}

/* The policy coin of @vacancy this year, uniform in [0, 1): its own stream,
 * so that best-worst at p = 1 and best-random at r = 0 pick as best does. */
static double
coin (const OsimOrg *org, gint64 vacancy)
{
  return osim_u01 (osim_org_key (org, OSIM_STREAM_COIN, (guint64) org->year, (guint64) vacancy));
}

gint64
osim_policy_select (OsimOrg *org, OsimPolicy policy, gint64 vacancy)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  int level = s->level[vacancy] + 1;
  if (policy == OSIM_POLICY_EXTERNAL || level >= s->n_levels)
    return -1;
  OsimPick pick;
  switch (policy)
    {
    case OSIM_POLICY_WORST:
      pick = OSIM_PICK_MIN;
      break;
    case OSIM_POLICY_RANDOM:
      pick = OSIM_PICK_UNIFORM;
      break;
    case OSIM_POLICY_ALTERNATE:
      pick = org->alternate_best ? OSIM_PICK_MAX : OSIM_PICK_MIN;
      org->alternate_best = !org->alternate_best;
      break;
    case OSIM_POLICY_BEST_WORST:
      pick = coin (org, vacancy) < p->p ? OSIM_PICK_MAX : OSIM_PICK_MIN;
      break;
    case OSIM_POLICY_BEST_RANDOM:
      pick = coin (org, vacancy) < p->r ? OSIM_PICK_UNIFORM : OSIM_PICK_MAX;
      break;
    default:
      pick = OSIM_PICK_MAX;
      break;
    }
  if (p->candidates == OSIM_CANDIDATES_TEAM && s->child_count[vacancy] > 0)
    {
      gint64 got = scan_pick (org, policy, pick, s->child_start[vacancy],
                              s->child_count[vacancy], level - 1, vacancy);
      if (got >= 0)
        return got;
      /* The whole team is vacant: fall back to the level. */
    }
  return level_pick (org, policy, pick, level, vacancy);
}

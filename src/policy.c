/* policy.c: promotion policies, with a segment tree per level so that picking
 * the best, worst or a random candidate of a large level never scans it. */
#include "orgsim/policy.h"

#include <math.h>

typedef struct
{
  double hi, lo;      /* max and min score among filled leaves */
  guint32 nhi, nlo;   /* how many filled leaves hold hi, lo */
  guint32 filled;     /* filled leaves */
  guint32 pad;
} Node;

struct OsimSelTree
{
  gboolean hi, lo; /* which extremes are kept (the policy's picks) */
  gint64 first; /* position of leaf 0 */
  gint64 n;
  gint64 size;  /* leaves: a power of two >= n */
  Node *node;   /* 2 * size nodes, root at 1 */
};

typedef enum { PICK_MAX, PICK_MIN, PICK_UNIFORM } Pick;

gsize
osim_sel_tree_node_bytes (void)
{
  return sizeof (Node);
}

void
osim_sel_tree_free (OsimSelTree *t)
{
  if (t == NULL)
    return;
  g_free (t->node);
  g_free (t);
}

static const Node empty_node = { -INFINITY, INFINITY, 0, 0, 0, 0 };

/* A parent from its two children.  Only the extremes the tree's policy can
 * ask for are kept up (@hi, @lo): half the work for most policies. */
static inline __attribute__ ((always_inline)) void
combine (Node *dst, const Node *a, const Node *b, gboolean hi, gboolean lo)
{
  if (hi)
    {
      double m = a->hi > b->hi ? a->hi : b->hi;
      dst->hi = m;
      dst->nhi = (a->hi == m ? a->nhi : 0) + (b->hi == m ? b->nhi : 0);
    }
  if (lo)
    {
      double m = a->lo < b->lo ? a->lo : b->lo;
      dst->lo = m;
      dst->nlo = (a->lo == m ? a->nlo : 0) + (b->lo == m ? b->nlo : 0);
    }
  dst->filled = a->filled + b->filled;
}

static void
combine_up (OsimSelTree *t, gint64 i)
{
  combine (&t->node[i], &t->node[2 * i], &t->node[2 * i + 1], t->hi, t->lo);
}

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
   * year, so a person is ranked the same way for every vacancy that year. */
  for (gint64 pos = 0; pos < org->shape->n_positions; pos++)
    org->people[pos].noise = sigma * osim_rng_normal (&org->rng);
}

static void
tree_build (OsimOrg *org, OsimPolicy policy, int level)
{
  const OsimShape *s = org->shape;
  OsimSelTree *t = org->trees[level];
  if (t == NULL)
    {
      t = org->trees[level] = g_new0 (OsimSelTree, 1);
      t->first = s->level_start[level];
      t->n = s->level_size[level];
      t->size = 1;
      while (t->size < t->n)
        t->size <<= 1;
      t->node = g_new (Node, 2 * t->size);
    }
  for (gint64 i = 0; i < t->size; i++)
    {
      Node *leaf = &t->node[t->size + i];
      if (i < t->n && !org->people[t->first + i].vacant)
        {
          double v = score_of (org, score_kind (policy), t->first + i, level - 1);
          *leaf = (Node){ v, v, 1, 1, 1, 0 };
        }
      else
        *leaf = empty_node;
    }
  /* Policies that only ever pick the best (or a random candidate) need no
   * minimum; worst needs no maximum. */
  t->hi = policy != OSIM_POLICY_WORST && policy != OSIM_POLICY_RANDOM;
  t->lo = policy == OSIM_POLICY_WORST || policy == OSIM_POLICY_ALTERNATE
          || policy == OSIM_POLICY_BEST_WORST;
  /* One loop per case, so each compiles without the flags' branches. */
  Node *nd = t->node;
  if (t->hi && t->lo)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], TRUE, TRUE);
  else if (t->hi)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], TRUE, FALSE);
  else if (t->lo)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], FALSE, TRUE);
  else
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], FALSE, FALSE);
  org->tree_year[level] = org->year;
}

void
osim_policy_vacate (OsimOrg *org, gint64 pos)
{
  int level = org->shape->level[pos];
  OsimSelTree *t = org->trees[level];
  if (t == NULL || org->tree_year[level] != org->year)
    return;
  gint64 i = t->size + (pos - t->first);
  t->node[i] = empty_node;
  for (i >>= 1; i >= 1; i >>= 1)
    combine_up (t, i);
}

/* The r-th (0-based, in position order) filled leaf holding the extreme that
 * @pick asks for. */
static gint64
tree_descend (const OsimSelTree *t, Pick pick, guint32 r)
{
  const Node *nd = t->node;
  double target = pick == PICK_MAX ? nd[1].hi : nd[1].lo;
  gint64 i = 1;
  while (i < t->size)
    {
      const Node *l = &nd[2 * i];
      guint32 c;
      if (pick == PICK_UNIFORM)
        c = l->filled;
      else if (pick == PICK_MAX)
        c = l->hi == target ? l->nhi : 0;
      else
        c = l->lo == target ? l->nlo : 0;
      if (r < c)
        i = 2 * i;
      else
        {
          r -= c;
          i = 2 * i + 1;
        }
    }
  return t->first + (i - t->size);
}

static guint32
draw_tie (OsimOrg *org, guint32 count)
{
  return count > 1 ? (guint32) osim_rng_below (&org->rng, count) : 0;
}

/* Picks among the filled positions [from, from + n) by scanning. */
static gint64
scan_pick (OsimOrg *org, OsimPolicy policy, Pick pick, gint64 from, gint64 n, int target)
{
  const OsimPerson *people = org->people;
  Score kind = score_kind (policy);
  double best = pick == PICK_MIN ? INFINITY : -INFINITY;
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
  if (pick == PICK_UNIFORM)
    {
      for (gint64 pos = from; pos < from + n; pos++)
        if (!people[pos].vacant && count++ == 0)
          first = pos;
    }
  else if (kind == SCORE_MERIT && !technical && pick == PICK_MAX)
    SCAN (q->C + q->noise, >)
  else if (kind == SCORE_MERIT && !technical)
    SCAN (q->C + q->noise, <)
  else if (pick == PICK_MAX)
    SCAN (score_of (org, kind, pos, target), >)
  else
    SCAN (score_of (org, kind, pos, target), <)
#undef SCAN
  if (count <= 1)
    return first;
  guint32 r = draw_tie (org, count);
  for (gint64 pos = first; pos < from + n; pos++)
    {
      if (people[pos].vacant)
        continue;
      if (pick != PICK_UNIFORM && score_of (org, kind, pos, target) != best)
        continue;
      if (r-- == 0)
        return pos;
    }
  g_assert_not_reached ();
}

static gint64
level_pick (OsimOrg *org, OsimPolicy policy, Pick pick, int level)
{
  const OsimShape *s = org->shape;
  if (s->level_size[level] < OSIM_TREE_MIN_POOL)
    return scan_pick (org, policy, pick, s->level_start[level], s->level_size[level], level - 1);
  if (org->tree_year[level] != org->year)
    tree_build (org, policy, level);
  const Node *root = &org->trees[level]->node[1];
  guint32 count = pick == PICK_UNIFORM ? root->filled : pick == PICK_MAX ? root->nhi : root->nlo;
  if (root->filled == 0)
    return -1;
  return tree_descend (org->trees[level], pick, draw_tie (org, count));
}

gint64
osim_policy_select (OsimOrg *org, OsimPolicy policy, gint64 vacancy)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  int level = s->level[vacancy] + 1;
  if (policy == OSIM_POLICY_EXTERNAL || level >= s->n_levels)
    return -1;
  Pick pick;
  switch (policy)
    {
    case OSIM_POLICY_WORST:
      pick = PICK_MIN;
      break;
    case OSIM_POLICY_RANDOM:
      pick = PICK_UNIFORM;
      break;
    case OSIM_POLICY_ALTERNATE:
      pick = org->alternate_best ? PICK_MAX : PICK_MIN;
      org->alternate_best = !org->alternate_best;
      break;
    case OSIM_POLICY_BEST_WORST:
      pick = osim_rng_double (&org->rng) < p->p ? PICK_MAX : PICK_MIN;
      break;
    case OSIM_POLICY_BEST_RANDOM:
      pick = osim_rng_double (&org->rng) < p->r ? PICK_UNIFORM : PICK_MAX;
      break;
    default:
      pick = PICK_MAX;
      break;
    }
  if (p->candidates == OSIM_CANDIDATES_TEAM && s->child_count[vacancy] > 0)
    {
      gint64 got = scan_pick (org, policy, pick, s->child_start[vacancy],
                              s->child_count[vacancy], level - 1);
      if (got >= 0)
        return got;
      /* The whole team is vacant: fall back to the level. */
    }
  return level_pick (org, policy, pick, level);
}

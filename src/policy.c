/* policy.c: promotion policies: scores, picks, ties, and for large levels a
 * selection tree (seltree.c) so that a pick never scans the level. */
#include "orgsim/policy.h"
#include "orgsim/seltree.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
  return osim_score_of (org, osim_score_kind (policy), pos, target_level);
}

/* Whether @policy draws assessment noise each year under @p: it ranks by a
 * score that is assessed (not seniority, not at random) and the noise is
 * set. */
static gboolean
noisy (const OsimParams *p, OsimPolicy policy)
{
  OsimScore kind = osim_score_kind (policy);
  return p->assessment_noise > 0 && kind != OSIM_SCORE_SENIORITY && kind != OSIM_SCORE_NONE;
}

void
osim_policy_begin_year (OsimOrg *org, OsimPolicy policy)
{
  double sigma = org->params->assessment_noise;
  if (!noisy (org->params, policy))
    return;
  /* Lazear's transitory component: one observed-score error per person and
   * year, so a person is ranked the same way for every vacancy that year.
   * It is keyed by (year, person): the same error under every policy. */
  guint64 year_key = osim_key (org->key[OSIM_STREAM_NOISE], (guint64) org->year);
  if (org->noise == NULL)
    org->noise = g_new0 (double, org->shape->n_positions);
  for (gint64 pos = 0; pos < org->shape->n_positions; pos++)
    {
      OsimRng rng;
      osim_rng_init_key (&rng, osim_key_hashed (year_key, org->people[pos].key));
      org->noise[pos] = sigma * osim_rng_normal (&rng);
    }
}

static guint32 draw_tie (const OsimOrg *org, gint64 vacancy, guint32 count);

static void fill_scores (const OsimOrg *org, OsimScore kind, int level, double *d);

static void
tree_build (OsimOrg *org, OsimPolicy policy, int level)
{
  const OsimShape *s = org->shape;
  if (org->trees[level] == NULL)
    org->trees[level] = osim_sel_tree_new (s->level_start[level], s->level_size[level]);
  OsimSelTree *t = org->trees[level];
  /* The yearly pass may have filled in the scores as it met the people. */
  if (org->tree_ahead[level] != org->year)
    fill_scores (org, osim_score_kind (policy), level, osim_sel_tree_scores (t));
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
  if (org->dense[level] != NULL && org->dense_year[level] == org->year)
    org->dense[level][pos - org->shape->level_start[level]] = NAN;
}

void
osim_policy_changed (OsimOrg *org)
{
  for (int k = 0; k < org->shape->n_levels; k++)
    org->tree_year[k] = org->tree_ahead[k] = org->dense_year[k] = -1;
}

double *
osim_policy_scores_ahead (OsimOrg *org, OsimPolicy policy, int level)
{
  const OsimParams *p = org->params;
  if (org->trees[level] == NULL || p->candidates != OSIM_CANDIDATES_LEVEL
      || policy == OSIM_POLICY_EXTERNAL || noisy (p, policy))
    return NULL;
  return osim_sel_tree_scores (org->trees[level]);
}

void
osim_policy_scores_filled (OsimOrg *org, int level)
{
  org->tree_ahead[level] = org->year + 1;
}

/* The scores of level @level's candidates in one array, NaN for a vacancy:
 * built at the level's first pick of a year.  Until the level's own
 * vacancies are filled (later the same year, top-down) its people change
 * only by leaving for a promotion (osim_policy_vacate). */
static void
fill_scores (const OsimOrg *org, OsimScore kind, int level, double *d)
{
  const OsimShape *s = org->shape;
  gint64 n = s->level_size[level], from = s->level_start[level];
  const OsimPerson *people = org->people + from;
  /* The common scores without a switch per person. */
  const double *noise = org->noise ? org->noise + from : NULL;
  if (kind == OSIM_SCORE_MERIT && org->params->assessment != OSIM_ASSESS_TECHNICAL && noise)
    for (gint64 j = 0; j < n; j++)
      d[j] = people[j].vacant ? NAN : people[j].C + noise[j];
  else if (kind == OSIM_SCORE_MERIT && org->params->assessment != OSIM_ASSESS_TECHNICAL)
    for (gint64 j = 0; j < n; j++)
      d[j] = people[j].vacant ? NAN : people[j].C;
  else if (kind == OSIM_SCORE_NONE)
    for (gint64 j = 0; j < n; j++)
      d[j] = people[j].vacant ? NAN : 0.0;
  else
    for (gint64 j = 0; j < n; j++)
      d[j] = people[j].vacant ? NAN : osim_score_of (org, kind, from + j, level - 1);
}

static const double *
dense_build (OsimOrg *org, OsimScore kind, int level)
{
  double *d = org->dense[level];
  fill_scores (org, kind, level, d);
  org->dense_year[level] = org->year;
  return d;
}

/* The highest (@max) or lowest score in @d, -INFINITY (INFINITY) when all
 * are NaN, without branches; the extreme does not depend on the order of
 * comparisons.  With SSE2, two lanes at a time: maxpd (v, m) is exactly
 * v > m ? v : m, NaN v included. */
static inline __attribute__ ((always_inline)) double
dense_extreme (const double *d, gint64 n, gboolean max)
{
  double init = max ? -INFINITY : INFINITY;
  gint64 j = 0;
#define EXT(cur, v) ((cur) = max ? ((v) > (cur) ? (v) : (cur)) : ((v) < (cur) ? (v) : (cur)))
#ifdef __SSE2__
  __m128d a = _mm_set1_pd (init), b = a;
  for (; j + 4 <= n; j += 4)
    {
      __m128d x = _mm_loadu_pd (d + j), y = _mm_loadu_pd (d + j + 2);
      a = max ? _mm_max_pd (x, a) : _mm_min_pd (x, a);
      b = max ? _mm_max_pd (y, b) : _mm_min_pd (y, b);
    }
  double lanes[4];
  _mm_storeu_pd (lanes, a);
  _mm_storeu_pd (lanes + 2, b);
  double m0 = lanes[0], m1 = lanes[1], m2 = lanes[2], m3 = lanes[3];
#else
  double m0 = init, m1 = init, m2 = init, m3 = init;
  for (; j + 4 <= n; j += 4)
    {
      EXT (m0, d[j]);
      EXT (m1, d[j + 1]);
      EXT (m2, d[j + 2]);
      EXT (m3, d[j + 3]);
    }
#endif
  for (; j < n; j++)
    EXT (m0, d[j]);
  EXT (m0, m1);
  EXT (m2, m3);
  EXT (m0, m2);
#undef EXT
  return m0;
}

/* The first index of @d holding @v, which is there. */
static inline gint64
dense_find (const double *d, gint64 n, double v)
{
  gint64 j = 0;
#ifdef __SSE2__
  __m128d w = _mm_set1_pd (v);
  for (; j + 4 <= n; j += 4)
    {
      int hit = _mm_movemask_pd (_mm_cmpeq_pd (_mm_loadu_pd (d + j), w))
                | _mm_movemask_pd (_mm_cmpeq_pd (_mm_loadu_pd (d + j + 2), w)) << 2;
      if (hit)
        return j + __builtin_ctz ((unsigned) hit);
    }
#endif
  while (d[j] != v)
    j++;
  return j;
}

/* How many of @d equal @v (NaN @v: how many are not NaN). */
static inline guint32
dense_count (const double *d, gint64 n, double v)
{
  gboolean filled = isnan (v);
  gint64 count = 0, j = 0;
#ifdef __SSE2__
  /* A lane's comparison is all ones (-1) where it holds. */
  __m128i c = _mm_setzero_si128 ();
  __m128d w = _mm_set1_pd (v);
  if (filled)
    for (; j + 2 <= n; j += 2)
      {
        __m128d x = _mm_loadu_pd (d + j);
        c = _mm_sub_epi64 (c, _mm_castpd_si128 (_mm_cmpord_pd (x, x)));
      }
  else
    for (; j + 2 <= n; j += 2)
      c = _mm_sub_epi64 (c, _mm_castpd_si128 (_mm_cmpeq_pd (_mm_loadu_pd (d + j), w)));
  gint64 lanes[2];
  _mm_storeu_si128 ((__m128i *) lanes, c);
  count = lanes[0] + lanes[1];
#endif
  for (; j < n; j++)
    count += filled ? !isnan (d[j]) : d[j] == v;
  return (guint32) count;
}

/* scan_pick over a level's dense scores: the same pick and the same draws. */
static gint64
dense_pick (OsimOrg *org, const double *d, OsimPick pick, int level, gint64 vacancy)
{
  gint64 n = org->shape->level_size[level], from = org->shape->level_start[level];
  gint64 first = -1;
  guint32 count = 0;
  if (pick == OSIM_PICK_UNIFORM)
    {
      count = dense_count (d, n, NAN);
      if (count == 0)
        return -1;
      guint32 r = draw_tie (org, vacancy, count);
      for (gint64 j = 0;; j++)
        if (!isnan (d[j]) && r-- == 0)
          return from + j;
    }
  double best = pick == OSIM_PICK_MAX ? dense_extreme (d, n, TRUE) : dense_extreme (d, n, FALSE);
  if (isinf (best)) /* scores are finite: every candidate's post is vacant */
    return -1;
  gint64 j;
  first = dense_find (d, n, best);
  count = dense_count (d + first, n - first, best);
  if (count <= 1)
    return from + first;
  guint32 r = draw_tie (org, vacancy, count);
  for (j = first;; j++)
    if (d[j] == best && r-- == 0)
      return from + j;
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
  OsimScore kind = osim_score_kind (policy);
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
  else if (kind == OSIM_SCORE_MERIT && !technical && org->noise && pick == OSIM_PICK_MAX)
    SCAN (q->C + org->noise[pos], >)
  else if (kind == OSIM_SCORE_MERIT && !technical && org->noise)
    SCAN (q->C + org->noise[pos], <)
  else if (kind == OSIM_SCORE_MERIT && !technical && pick == OSIM_PICK_MAX)
    SCAN (q->C, >)
  else if (kind == OSIM_SCORE_MERIT && !technical)
    SCAN (q->C, <)
  else if (pick == OSIM_PICK_MAX)
    SCAN (osim_score_of (org, kind, pos, target), >)
  else
    SCAN (osim_score_of (org, kind, pos, target), <)
#undef SCAN
  if (count <= 1)
    return first;
  guint32 r = draw_tie (org, vacancy, count);
  for (gint64 pos = first; pos < from + n; pos++)
    {
      if (people[pos].vacant)
        continue;
      if (pick != OSIM_PICK_UNIFORM && osim_score_of (org, kind, pos, target) != best)
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
    {
      const double *d = org->dense[level];
      if (org->dense_year[level] != org->year)
        d = dense_build (org, osim_score_kind (policy), level);
      return dense_pick (org, d, pick, level, vacancy);
    }
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

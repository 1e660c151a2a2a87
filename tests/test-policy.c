/* test-policy.c: promotion policies (policy.h) and transfer rules (transfer.h)
 * on small hand-built orgs. */
#include "test-helpers.h"

#include "orgsim/policy.h"
#include "orgsim/transfer.h"

/* levels 1;5;11: top 0, level 1 = positions 1..5, level 2 = 6..16. */
#define SMALL "[org]\nlevels = 1;5;11\n"

/* A pick after the people were changed by hand: the policy's structures of
 * the year are dropped first (osim_policy_changed). */
static gint64
select_now (OsimOrg *org, OsimPolicy policy, gint64 vacancy)
{
  osim_policy_changed (org);
  return osim_policy_select (org, policy, vacancy);
}

static void
set_person (ThOrg *t, gint64 pos, double T, double P)
{
  OsimPerson *q = &t->org->people[pos];
  q->T = T;
  q->P = P;
  q->vacant = 0;
  q->noise = 0;
  osim_org_refresh (t->org, pos);
}

/* Sets level 1 of SMALL to T = @T[i] (P = 5) and makes the top vacant. */
static void
small_level1 (ThOrg *t, const double T[5])
{
  for (int i = 0; i < 5; i++)
    set_person (t, 1 + i, T[i], 5);
  t->org->people[0].vacant = 1;
}

/* Picks for the top vacancy in @n successive years (each year's draws are
 * the year's own); counts per position into @count (17). */
static void
count_picks (ThOrg *t, OsimPolicy policy, int n, int *count)
{
  memset (count, 0, sizeof (int) * 17);
  for (int i = 0; i < n; i++)
    {
      th_org_new_year (t);
      gint64 got = select_now (t->org, policy, 0);
      g_assert_cmpint (got, >=, 1);
      g_assert_cmpint (got, <=, 5);
      count[got]++;
    }
}

static void
test_best_worst_basic (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 4);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_WORST, 0), ==, 3);
  /* A vacant candidate is never picked: the next best / worst instead. */
  t.org->people[4].vacant = 1;
  t.org->people[3].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 2);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_WORST, 0), ==, 1);

  /* A level-1 vacancy draws on the whole of level 2 (candidates = level). */
  for (gint64 pos = 6; pos <= 16; pos++)
    set_person (&t, pos, 4 + 0.25 * (double) ((pos * 7) % 11), 5);
  /* (pos * 7) % 11 is 10 at pos 3 + 11k: pos 14; 0 at pos 11. */
  t.org->people[2].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 2), ==, 14);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_WORST, 2), ==, 11);
  /* The bottom has nobody below it. */
  t.org->people[9].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 9), ==, -1);
  /* Nobody left below: -1. */
  for (gint64 pos = 1; pos <= 5; pos++)
    t.org->people[pos].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, -1);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_RANDOM, 0), ==, -1);
  th_org_clear (&t);
}

static void
test_best_uses_current_job (void)
{
  /* best ranks competence in the current job (level 1's weight), which the
   * people weights make different from T. */
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\npeople_weight = 0.9;0.5;0\n", 1, 0);
  const double T[5] = { 9, 6, 7, 2, 5 }, P[5] = { 2, 9, 3, 10, 5 };
  /* C at level 1 (w 0.5): 5.5, 7.5, 5, 6, 5 -> best is position 2 */
  for (int i = 0; i < 5; i++)
    set_person (&t, 1 + i, T[i], P[i]);
  t.org->people[0].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 2);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_WORST, 0), ==, 3);
  th_org_clear (&t);
}

static void
test_seniority (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 9, 8, 3, 9, 6 };
  small_level1 (&t, T);
  const int service[5] = { 3, 10, 10, 2, 7 };
  const double age[5] = { 40, 35, 50, 60, 30 };
  for (int i = 0; i < 5; i++)
    {
      t.org->people[1 + i].service = service[i];
      t.org->people[1 + i].age = age[i];
    }
  /* Longest service (10: positions 2 and 3), the older of them: 3. */
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_SENIORITY, 0), ==, 3);
  /* Service beats age: the 60-year-old with 2 years does not win. */
  t.org->people[3].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_SENIORITY, 0), ==, 2);
  /* Service and age both tied: either, about half the time each. */
  t.org->people[3].vacant = 0;
  t.org->people[2].age = 50;
  int count[17];
  count_picks (&t, OSIM_POLICY_SENIORITY, 2000, count);
  g_assert_cmpint (count[2] + count[3], ==, 2000);
  g_assert_cmpint (count[2], >, 800);
  g_assert_cmpint (count[3], >, 800);
  th_org_clear (&t);
}

static void
test_people (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 9, 8, 3, 7, 6 }, P[5] = { 2, 6, 9.5, 9, 1 };
  for (int i = 0; i < 5; i++)
    set_person (&t, 1 + i, T[i], P[i]);
  t.org->people[0].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_PEOPLE, 0), ==, 3);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 1);
  th_org_clear (&t);
}

static void
test_potential (void)
{
  /* The top job is mostly people work (w 0.9); level 1 is all technical.
   * A: T 9, P 2 (C = 9 now, 2.7 at the top); B: T 6, P 9 (C = 6 now, 8.7 at
   * the top); C: T 8, P 8 (8 now, 8 at the top). */
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\npeople_weight = 0.9;0;0\n", 1, 0);
  set_person (&t, 1, 9, 2);
  set_person (&t, 2, 6, 9);
  set_person (&t, 3, 8, 8);
  set_person (&t, 4, 3, 3);
  set_person (&t, 5, 5, 1);
  t.org->people[0].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 1);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_POTENTIAL, 0), ==, 2);
  g_assert_cmpfloat_with_epsilon (osim_policy_score (t.org, OSIM_POLICY_POTENTIAL, 2, 0), 8.7,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (osim_policy_score (t.org, OSIM_POLICY_POTENTIAL, 1, 0), 2.7,
                                  1e-12);
  /* For a level-1 vacancy (w 0) potential is plain T of level 2. */
  for (gint64 pos = 6; pos <= 16; pos++)
    set_person (&t, pos, 5, 10);
  set_person (&t, 12, 7, 1);
  t.org->people[4].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_POTENTIAL, 4), ==, 12);
  th_org_clear (&t);
}

static void
test_random (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  t.org->people[2].vacant = 1;
  t.org->people[5].vacant = 1;
  int count[17];
  count_picks (&t, OSIM_POLICY_RANDOM, 6000, count);
  g_assert_cmpint (count[2], ==, 0);
  g_assert_cmpint (count[5], ==, 0);
  for (int pos = 1; pos <= 4; pos++)
    if (pos != 2)
      {
        g_assert_cmpint (count[pos], >, 1700); /* expect 2000, sd 37 */
        g_assert_cmpint (count[pos], <, 2300);
      }
  th_org_clear (&t);
}

static void
test_alternate (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  for (int i = 0; i < 10; i++)
    g_assert_cmpint (select_now (t.org, OSIM_POLICY_ALTERNATE, 0), ==,
                     i % 2 == 0 ? 4 : 3);
  th_org_clear (&t);
}

static void
test_best_worst_p (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  int count[17];
  t.params.p = 1;
  count_picks (&t, OSIM_POLICY_BEST_WORST, 500, count);
  g_assert_cmpint (count[4], ==, 500);
  t.params.p = 0;
  count_picks (&t, OSIM_POLICY_BEST_WORST, 500, count);
  g_assert_cmpint (count[3], ==, 500);
  t.params.p = 0.25;
  count_picks (&t, OSIM_POLICY_BEST_WORST, 4000, count);
  g_assert_cmpint (count[4] + count[3], ==, 4000);
  g_assert_cmpint (count[4], >, 850); /* expect 1000, sd 27 */
  g_assert_cmpint (count[4], <, 1150);
  th_org_clear (&t);
}

static void
test_best_random_r (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  int count[17];
  t.params.r = 0;
  count_picks (&t, OSIM_POLICY_BEST_RANDOM, 500, count);
  g_assert_cmpint (count[4], ==, 500);
  t.params.r = 1;
  count_picks (&t, OSIM_POLICY_BEST_RANDOM, 5000, count);
  for (int pos = 1; pos <= 5; pos++)
    {
      g_assert_cmpint (count[pos], >, 850); /* expect 1000, sd 28 */
      g_assert_cmpint (count[pos], <, 1150);
    }
  /* r = 0.5: the best with 0.5 + 0.5 / 5 = 0.6, each other 0.1. */
  t.params.r = 0.5;
  count_picks (&t, OSIM_POLICY_BEST_RANDOM, 5000, count);
  g_assert_cmpint (count[4], >, 2800);
  g_assert_cmpint (count[4], <, 3200);
  g_assert_cmpint (count[1], >, 380);
  g_assert_cmpint (count[1], <, 620);
  th_org_clear (&t);
}

static void
test_external (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 8, 3, 9, 6 };
  small_level1 (&t, T);
  for (gint64 pos = 0; pos < 17; pos++)
    g_assert_cmpint (select_now (t.org, OSIM_POLICY_EXTERNAL, pos), ==, -1);
  th_org_clear (&t);
}

static void
test_ties (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 5, 9, 3, 9, 3 };
  small_level1 (&t, T);
  int count[17];
  count_picks (&t, OSIM_POLICY_BEST, 4000, count);
  g_assert_cmpint (count[2] + count[4], ==, 4000);
  g_assert_cmpint (count[2], >, 1800); /* expect 2000, sd 32 */
  g_assert_cmpint (count[2], <, 2200);
  count_picks (&t, OSIM_POLICY_WORST, 4000, count);
  g_assert_cmpint (count[3] + count[5], ==, 4000);
  g_assert_cmpint (count[3], >, 1800);
  g_assert_cmpint (count[3], <, 2200);
  /* Three-way tie over a big level (the tree path): each a third. */
  ThOrg b;
  g_autofree char *big = g_strdup_printf ("[org]\nlevels = 1;%d;%d\n", OSIM_TREE_MIN_POOL + 10,
                                          OSIM_TREE_MIN_POOL + 20);
  th_org_init (&b, big, 1, 0);
  g_assert_cmpint (b.shape->level_size[1], >=, OSIM_TREE_MIN_POOL);
  for (gint64 pos = 1; pos <= b.shape->level_size[1]; pos++)
    set_person (&b, pos, 5, 5);
  set_person (&b, 10, 9, 5);
  set_person (&b, 50, 9, 5);
  set_person (&b, 99, 9, 5);
  b.org->people[0].vacant = 1;
  int c10 = 0, c50 = 0, c99 = 0;
  for (int i = 0; i < 3000; i++)
    {
      th_org_new_year (&b);
      gint64 got = select_now (b.org, OSIM_POLICY_BEST, 0);
      c10 += got == 10, c50 += got == 50, c99 += got == 99;
    }
  g_assert_cmpint (c10 + c50 + c99, ==, 3000);
  g_assert_cmpint (c10, >, 850); /* expect 1000, sd 26 */
  g_assert_cmpint (c50, >, 850);
  g_assert_cmpint (c99, >, 850);
  th_org_clear (&b);
  th_org_clear (&t);
}

static void
test_team (void)
{
  /* levels 1;5;11 with team candidates: position 1's team is level-2
   * positions [child_start[1], +child_count[1]). */
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\ncandidates = team\n", 1, 0);
  const OsimShape *s = t.shape;
  for (gint64 pos = 1; pos <= 16; pos++)
    set_person (&t, pos, 5, 5);
  gint64 first = s->child_start[1], n = s->child_count[1];
  g_assert_cmpint (n, >=, 2);
  /* The level's best is outside the team; the team's best inside. */
  set_person (&t, 16, 10, 5);
  g_assert_cmpint (s->parent[16], !=, 1);
  set_person (&t, first + 1, 8, 5);
  set_person (&t, first, 2, 5);
  t.org->people[1].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 1), ==, first + 1);
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_WORST, 1), ==, first);
  /* Random stays inside the team. */
  for (int i = 0; i < 300; i++)
    {
      th_org_new_year (&t);
      gint64 got = select_now (t.org, OSIM_POLICY_RANDOM, 1);
      g_assert_cmpint (got, >=, first);
      g_assert_cmpint (got, <, first + n);
    }
  /* The whole team vacant: fall back to the whole level. */
  for (gint64 i = 0; i < n; i++)
    t.org->people[first + i].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 1), ==, 16);
  for (int i = 0; i < 300; i++)
    {
      th_org_new_year (&t);
      gint64 got = select_now (t.org, OSIM_POLICY_RANDOM, 1);
      g_assert_cmpint (got, >=, s->level_start[2]);
      g_assert_false (got >= first && got < first + n);
    }
  /* The top's team is level 1 itself. */
  for (gint64 pos = 1; pos <= 5; pos++)
    set_person (&t, pos, pos, 5);
  t.org->people[0].vacant = 1;
  g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 5);
  th_org_clear (&t);

  /* A position with no reports (levels 1;5;3) takes from the whole level. */
  ThOrg u;
  th_org_init (&u, "[org]\nlevels = 1;5;3\ncandidates = team\n", 1, 0);
  gint64 childless = -1;
  for (gint64 pos = 1; pos <= 5; pos++)
    if (u.shape->child_count[pos] == 0)
      childless = pos;
  g_assert_cmpint (childless, >, 0);
  for (gint64 pos = 6; pos <= 8; pos++)
    set_person (&u, pos, pos, 5);
  u.org->people[childless].vacant = 1;
  g_assert_cmpint (select_now (u.org, OSIM_POLICY_BEST, childless), ==, 8);
  th_org_clear (&u);
}

/* ---- tree versus scan: a brute-force reference ---- */

/* Compares a and b (positions) for @policy at @target: > 0 when a ranks
 * higher.  Written from the model (orgsim(1)), not from policy.c. */
static int
ref_compare (const OsimOrg *org, OsimPolicy policy, gint64 a, gint64 b, int target)
{
  const OsimPerson *x = &org->people[a], *y = &org->people[b];
  const OsimParams *p = org->params;
  double vx, vy;
  switch (policy)
    {
    case OSIM_POLICY_SENIORITY:
      if (x->service != y->service)
        return x->service > y->service ? 1 : -1;
      return x->age > y->age ? 1 : x->age < y->age ? -1 : 0;
    case OSIM_POLICY_PEOPLE:
      vx = x->P + x->noise, vy = y->P + y->noise;
      break;
    case OSIM_POLICY_POTENTIAL:
      {
        double w = p->people_weight[target];
        vx = (1.0 - w) * x->T + w * x->P + x->noise;
        vy = (1.0 - w) * y->T + w * y->P + y->noise;
        break;
      }
    default:
      {
        double wx = p->people_weight[org->shape->level[a]];
        double wy = p->people_weight[org->shape->level[b]];
        vx = (1.0 - wx) * x->T + wx * x->P + x->noise;
        vy = (1.0 - wy) * y->T + wy * y->P + y->noise;
        break;
      }
    }
  return vx > vy ? 1 : vx < vy ? -1 : 0;
}

typedef enum { REF_MAX, REF_MIN, REF_ANY } RefPick;

/* Among the filled positions [from, from + n): the r-th extreme in position
 * order, r = below(count) from the tie stream of (year, @vacancy) when
 * count > 1; -1 (no draw) when none is filled.  *@draws counts the draws. */
static gint64
ref_pick_range (const OsimOrg *org, gint64 vacancy, int *draws, OsimPolicy policy, RefPick pick,
                gint64 from, gint64 n, int target)
{
  g_autoptr (GArray) ties = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gint64 pos = from; pos < from + n; pos++)
    {
      if (org->people[pos].vacant)
        continue;
      if (pick != REF_ANY && ties->len > 0)
        {
          int c = ref_compare (org, policy, pos, g_array_index (ties, gint64, 0), target);
          if (pick == REF_MIN)
            c = -c;
          if (c < 0)
            continue;
          if (c > 0)
            g_array_set_size (ties, 0);
        }
      g_array_append_val (ties, pos);
    }
  if (ties->len == 0)
    return -1;
  guint64 r = 0;
  if (ties->len > 1)
    {
      OsimRng rng;
      osim_rng_init_key (&rng, osim_key (osim_key (org->key[OSIM_STREAM_TIE], (guint64) org->year),
                                         (guint64) vacancy));
      r = osim_rng_below (&rng, ties->len);
      (*draws)++;
    }
  return g_array_index (ties, gint64, r);
}

/* The policy coin of (year, @vacancy), written out from the definition. */
static double
ref_coin (const OsimOrg *org, gint64 vacancy, int *draws)
{
  (*draws)++;
  guint64 x = osim_key (osim_key (org->key[OSIM_STREAM_COIN], (guint64) org->year),
                        (guint64) vacancy);
  return (double) (x >> 11) * 0x1.0p-53;
}

static gint64
ref_select (const OsimOrg *org, int *draws, gboolean *alternate_best, OsimPolicy policy,
            gint64 vacancy)
{
  const OsimShape *s = org->shape;
  const OsimParams *p = org->params;
  int level = s->level[vacancy] + 1;
  if (policy == OSIM_POLICY_EXTERNAL || level >= s->n_levels)
    return -1;
  RefPick pick = REF_MAX;
  switch (policy)
    {
    case OSIM_POLICY_WORST:
      pick = REF_MIN;
      break;
    case OSIM_POLICY_RANDOM:
      pick = REF_ANY;
      break;
    case OSIM_POLICY_ALTERNATE:
      pick = *alternate_best ? REF_MAX : REF_MIN;
      *alternate_best = !*alternate_best;
      break;
    case OSIM_POLICY_BEST_WORST:
      pick = ref_coin (org, vacancy, draws) < p->p ? REF_MAX : REF_MIN;
      break;
    case OSIM_POLICY_BEST_RANDOM:
      pick = ref_coin (org, vacancy, draws) < p->r ? REF_ANY : REF_MAX;
      break;
    default:
      break;
    }
  if (p->candidates == OSIM_CANDIDATES_TEAM && s->child_count[vacancy] > 0)
    {
      gint64 got = ref_pick_range (org, vacancy, draws, policy, pick, s->child_start[vacancy],
                                   s->child_count[vacancy], level - 1);
      if (got >= 0)
        return got;
    }
  return ref_pick_range (org, vacancy, draws, policy, pick, s->level_start[level],
                         s->level_size[level], level - 1);
}

/* Three years of promotions on an org whose big levels use the trees,
 * checking every pick against the reference. */
static void
tree_vs_ref (OsimPolicy policy, const char *extra, double noise)
{
  g_autofree char *ini = g_strdup_printf ("[org]\nlevels = 1;40;%d;%d\n"
                                          "people_weight = 0.7;0.4;0.2;0\n%s"
                                          "[promotion]\np = 0.5\nr = 0.3\n"
                                          "assessment_noise = %g\n",
                                          OSIM_TREE_MIN_POOL + 88, 2 * OSIM_TREE_MIN_POOL + 300,
                                          extra, noise);
  ThOrg t;
  th_org_init (&t, ini, 21, policy);
  OsimOrg *org = t.org;
  const OsimShape *s = t.shape;
  g_assert_cmpint (s->level_size[2], >=, OSIM_TREE_MIN_POOL);
  g_assert_cmpint (s->level_size[3], >=, OSIM_TREE_MIN_POOL);
  g_assert_cmpint (s->level_size[1], <, OSIM_TREE_MIN_POOL);
  OsimRng test_rng;
  osim_rng_init (&test_rng, 99, policy, 7);
  gboolean alt = org->alternate_best;
  int picks = 0, draws_seen = 0;
  for (int year = 0; year < 3; year++)
    {
      th_org_new_year (&t);
      /* Coarse skills, services and ages: many ties. */
      for (gint64 pos = 0; pos < s->n_positions; pos++)
        {
          OsimPerson *q = &org->people[pos];
          q->T = 1 + (double) osim_rng_below (&test_rng, 4);
          q->P = 1 + (double) osim_rng_below (&test_rng, 3);
          q->service = (gint32) osim_rng_below (&test_rng, 3);
          q->age = 20 + (double) osim_rng_below (&test_rng, 3);
          q->vacant = osim_rng_below (&test_rng, 6) == 0;
          q->noise = 0;
          osim_org_refresh (org, pos);
        }
      org->people[0].vacant = 1;
      osim_policy_begin_year (org, policy);
      for (int k = 0; k < s->n_levels; k++)
        for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
          {
            if (!org->people[pos].vacant)
              continue;
            int drew = 0;
            gint64 want = ref_select (org, &drew, &alt, policy, pos);
            gint64 got = select_now (org, policy, pos);
            if (want != got)
              g_test_message ("policy %s year %d vacancy %" G_GINT64_FORMAT,
                              osim_policy_name (policy), year, pos);
            g_assert_cmpint (got, ==, want);
            draws_seen += drew > 0;
            if (got < 0)
              {
                osim_org_hire (org, pos);
                continue;
              }
            picks++;
            org->people[pos] = org->people[got];
            org->people[got].vacant = 1;
            osim_policy_vacate (org, got);
          }
    }
  g_assert_cmpint (picks, >, 100);
  g_test_message ("%s, %s, noise %g: %d picks, %d drew", osim_policy_name (policy),
                  extra[0] ? "team" : "level", noise, picks, draws_seen);
  if (noise == 0)
    g_assert_cmpint (draws_seen, >, 10); /* ties or random picks were drawn */
  th_org_clear (&t);
}

static void
test_tree_vs_scan (void)
{
  for (int pol = 0; pol < OSIM_N_POLICIES; pol++)
    {
      if (pol == OSIM_POLICY_EXTERNAL)
        continue;
      g_test_message ("policy %s", osim_policy_name ((OsimPolicy) pol));
      tree_vs_ref ((OsimPolicy) pol, "", 0);
      tree_vs_ref ((OsimPolicy) pol, "candidates = team\n", 0);
      tree_vs_ref ((OsimPolicy) pol, "", 0.5);
    }
}

/* ---- assessment noise ---- */

static void
test_noise (void)
{
  ThOrg t;
  th_org_init (&t, SMALL, 1, 0);
  const double T[5] = { 9, 8.5, 8, 7.5, 7 };
  small_level1 (&t, T);
  /* sigma 0: no noise, the true best every year. */
  for (int y = 0; y < 100; y++)
    {
      osim_policy_begin_year (t.org, OSIM_POLICY_BEST);
      for (gint64 pos = 0; pos < t.shape->n_positions; pos++)
        g_assert_cmpfloat (t.org->people[pos].noise, ==, 0);
      g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, 1);
      th_org_new_year (&t);
    }
  /* sigma 1: the rankings change from year to year; the true best is still
   * the most likely pick. */
  t.params.assessment_noise = 1;
  int count[17] = { 0 };
  for (int y = 0; y < 1000; y++)
    {
      osim_policy_begin_year (t.org, OSIM_POLICY_BEST);
      gint64 got = select_now (t.org, OSIM_POLICY_BEST, 0);
      /* Within a year, the same observed scores for every vacancy. */
      g_assert_cmpint (select_now (t.org, OSIM_POLICY_BEST, 0), ==, got);
      count[got]++;
      th_org_new_year (&t);
    }
  g_assert_cmpint (count[1], <, 700);
  g_assert_cmpint (count[1], >, 250);
  g_assert_cmpint (count[5], >, 10);
  for (int pos = 2; pos <= 5; pos++)
    g_assert_cmpint (count[1], >, count[pos]);

  /* Unranked policies draw no noise: this year's errors stay as they were. */
  osim_policy_begin_year (t.org, OSIM_POLICY_BEST);
  double before = t.org->people[3].noise;
  th_org_new_year (&t);
  osim_policy_begin_year (t.org, OSIM_POLICY_RANDOM);
  osim_policy_begin_year (t.org, OSIM_POLICY_SENIORITY);
  osim_policy_begin_year (t.org, OSIM_POLICY_EXTERNAL);
  g_assert_cmpfloat (t.org->people[3].noise, ==, before);
  th_org_clear (&t);

  /* The noise has sd sigma. */
  ThOrg b;
  th_org_init (&b, "[org]\nspans = 100;100\n[promotion]\nassessment_noise = 2\n", 4, 0);
  osim_policy_begin_year (b.org, OSIM_POLICY_BEST);
  gint64 n = b.shape->n_positions;
  g_autofree double *x = g_new (double, n);
  for (gint64 i = 0; i < n; i++)
    x[i] = b.org->people[i].noise;
  double mean, sd;
  th_mean_sd (x, n, &mean, &sd);
  g_assert_cmpfloat (fabs (mean), <, 0.08);
  g_assert_cmpfloat (fabs (sd - 2), <, 0.08);
  th_org_clear (&b);
}

/* ---- transfer rules ---- */

static void
test_transfer_common_sense (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\n[people]\npeople = uniform(2,8)\n", 1, 0);
  g_assert_cmpint (t.params.transfer, ==, OSIM_TRANSFER_COMMON_SENSE);
  g_assert_cmpfloat (t.params.delta, ==, 1);
  OsimPerson *q = &t.org->people[2];
  double sum_dT = 0, min_dT = 1, max_dT = -1, diff = 0;
  for (int i = 0; i < 4000; i++)
    {
      set_person (&t, 2, 5, 5);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 2);
      double dT = q->T - 5, dP = q->P - 5;
      g_assert_cmpfloat (fabs (dT), <=, 1.0);
      g_assert_cmpfloat (fabs (dP), <=, 1.0);
      sum_dT += dT;
      min_dT = MIN (min_dT, dT);
      max_dT = MAX (max_dT, dT);
      diff += dT != dP;
    }
  g_assert_cmpfloat (fabs (sum_dT / 4000), <, 0.03); /* uniform: sd 0.58 / sqrt n */
  g_assert_cmpfloat (min_dT, <, -0.95);
  g_assert_cmpfloat (max_dT, >, 0.95);
  g_assert_cmpfloat (diff, >, 3990); /* T and P move independently */

  /* Clamped to the ranges: technical [1, 10], people [2, 8]. */
  int at_top = 0, at_bottom = 0;
  for (int i = 0; i < 2000; i++)
    {
      set_person (&t, 2, 9.7, 7.8);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 2);
      g_assert_cmpfloat (q->T, <=, 10.0);
      g_assert_cmpfloat (q->T, >=, 8.7);
      g_assert_cmpfloat (q->P, <=, 8.0);
      at_top += q->T == 10.0;
      set_person (&t, 2, 1.2, 2.1);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 2);
      g_assert_cmpfloat (q->T, >=, 1.0);
      g_assert_cmpfloat (q->P, >=, 2.0);
      at_bottom += q->T == 1.0;
    }
  /* P(T + U(-1,1) > 10) = 0.35, P(< 1) = 0.4. */
  g_assert_cmpint (at_top, >, 550);
  g_assert_cmpint (at_top, <, 850);
  g_assert_cmpint (at_bottom, >, 650);
  g_assert_cmpint (at_bottom, <, 950);

  /* delta bounds the change. */
  t.params.delta = 0.25;
  for (int i = 0; i < 1000; i++)
    {
      set_person (&t, 2, 5, 5);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 2);
      g_assert_cmpfloat (fabs (q->T - 5), <=, 0.25);
      g_assert_cmpfloat (fabs (q->P - 5), <=, 0.25);
    }
  t.params.delta = 0;
  set_person (&t, 2, 5, 5);
  th_org_new_year (&t); /* each year its own draws */
  osim_transfer_apply (t.org, 2);
  g_assert_cmpfloat (q->T, ==, 5);
  g_assert_cmpfloat (q->P, ==, 5);
  th_org_clear (&t);
}

static void
test_transfer_peter (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\n[promotion]\ntransfer = peter\n", 1, 0);
  OsimPerson *q = &t.org->people[1];
  int n = 20000;
  g_autofree double *old = g_new (double, n);
  g_autofree double *new = g_new (double, n);
  for (int i = 0; i < n; i++)
    {
      old[i] = 1 + 9 * (i % 100) / 99.0;
      set_person (&t, 1, old[i], 11 - old[i]);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 1);
      new[i] = q->T;
      g_assert_cmpfloat (q->T, >=, 1);
      g_assert_cmpfloat (q->T, <=, 10);
      g_assert_cmpfloat (q->P, >=, 1);
      g_assert_cmpfloat (q->P, <=, 10);
    }
  /* Fresh draws: the hire distribution's mean, no memory of the old value. */
  double mean, sd;
  th_mean_sd (new, n, &mean, &sd);
  g_assert_cmpfloat (fabs (mean - th_truncated_mean (7, 2, 1, 10)), <, 0.05);
  g_assert_cmpfloat (fabs (th_correlation (old, new, n)), <, 0.03);
  th_org_clear (&t);
}

static void
test_transfer_mixed_skills (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;5;11\n[promotion]\ntransfer = mixed\nkeep = 1\n", 1, 0);
  OsimPerson *q = &t.org->people[3];
  for (int i = 0; i < 200; i++)
    {
      set_person (&t, 3, 2.5 + i % 7, 9.25 - i % 5);
      double T = q->T, P = q->P;
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 3);
      g_assert_cmpfloat (q->T, ==, T);
      g_assert_cmpfloat (q->P, ==, P);
    }
  /* keep 0.25: a quarter of the old value plus three quarters of a draw. */
  t.params.keep = 0.25;
  double sum = 0;
  int n = 10000;
  for (int i = 0; i < n; i++)
    {
      set_person (&t, 3, 2, 6);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 3);
      g_assert_cmpfloat (q->T, >=, 0.25 * 2 + 0.75 * 1 - 1e-12);
      g_assert_cmpfloat (q->T, <=, 0.25 * 2 + 0.75 * 10 + 1e-12);
      sum += q->T;
    }
  g_assert_cmpfloat (fabs (sum / n - (0.5 + 0.75 * th_truncated_mean (7, 2, 1, 10))), <, 0.05);
  th_org_clear (&t);

  th_org_init (&t, "[org]\nlevels = 1;5;11\n[promotion]\ntransfer = skills\n", 1, 0);
  q = &t.org->people[3];
  for (int i = 0; i < 50; i++)
    {
      set_person (&t, 3, 3.5 + 0.1 * i, 8.5 - 0.1 * i);
      th_org_new_year (&t); /* each year its own draws */
      osim_transfer_apply (t.org, 3);
      g_assert_cmpfloat (q->T, ==, 3.5 + 0.1 * i);
      g_assert_cmpfloat (q->P, ==, 8.5 - 0.1 * i);
    }
  th_org_clear (&t);
}

static void
test_transfer_competence (void)
{
  /* After any rule, C is the competence at the new post's level. */
  static const char *const rules[] = { "common-sense", "peter", "mixed", "skills" };
  for (gsize r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      g_autofree char *ini = g_strdup_printf ("[org]\nlevels = 1;5;11\n"
                                              "people_weight = 0.8;0.3;0\n"
                                              "[promotion]\ntransfer = %s\n",
                                              rules[r]);
      ThOrg t;
      th_org_init (&t, ini, 1, 0);
      const double w[] = { 0.8, 0.3, 0 };
      for (gint64 pos = 0; pos < 17; pos += 4)
        {
          OsimPerson *q = &t.org->people[pos];
          q->T = 8;
          q->P = 3;
          q->C = -1; /* stale, as after a move */
          osim_transfer_apply (t.org, pos);
          double wk = w[t.shape->level[pos]];
          g_assert_cmpfloat_with_epsilon (q->C, (1 - wk) * q->T + wk * q->P, 1e-12);
        }
      th_org_clear (&t);
    }
}

/* The next pick of @policy for vacancy 0 among positions [from, to), by a
 * scan of the people: the extreme, ties impossible here. */
static gint64
expect_pick (const OsimOrg *org, gboolean best, gint64 from, gint64 to)
{
  gint64 got = -1;
  for (gint64 pos = from; pos < to; pos++)
    if (!org->people[pos].vacant
        && (got < 0 || (best ? org->people[pos].C > org->people[got].C
                             : org->people[pos].C < org->people[got].C)))
      got = pos;
  return got;
}

/* Within a year a level's scores are built once (a dense array for a small
 * level, a selection tree for a large one) and a promotion out of the level
 * (osim_policy_vacate) is all that changes them: successive picks follow
 * the people, as promote () makes them, down to an empty level. */
static void
test_picks_within_year (void)
{
  static const char *const orgs[] = { "[org]\nlevels = 1;40\n", "[org]\nlevels = 1;700\n" };
  for (gsize o = 0; o < G_N_ELEMENTS (orgs); o++)
    for (int best = 0; best <= 1; best++)
      {
        ThOrg t;
        th_org_init (&t, orgs[o], 7, 0);
        gint64 n = t.shape->n_positions;
        th_org_new_year (&t);
        t.org->people[0].vacant = 1;
        for (gint64 left = n - 1; left > 0; left--)
          {
            gint64 want = expect_pick (t.org, best, 1, n);
            gint64 got = osim_policy_select (t.org, best ? OSIM_POLICY_BEST : OSIM_POLICY_WORST, 0);
            g_assert_cmpint (got, ==, want);
            t.org->people[got].vacant = 1;
            osim_policy_vacate (t.org, got);
          }
        g_assert_cmpint (osim_policy_select (t.org, OSIM_POLICY_BEST, 0), ==, -1);
        th_org_clear (&t);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/best-worst-basic", test_best_worst_basic);
  g_test_add_func ("/policy/picks-within-year", test_picks_within_year);
  g_test_add_func ("/policy/best-uses-current-job", test_best_uses_current_job);
  g_test_add_func ("/policy/seniority", test_seniority);
  g_test_add_func ("/policy/people", test_people);
  g_test_add_func ("/policy/potential", test_potential);
  g_test_add_func ("/policy/random", test_random);
  g_test_add_func ("/policy/alternate", test_alternate);
  g_test_add_func ("/policy/best-worst-p", test_best_worst_p);
  g_test_add_func ("/policy/best-random-r", test_best_random_r);
  g_test_add_func ("/policy/external", test_external);
  g_test_add_func ("/policy/ties", test_ties);
  g_test_add_func ("/policy/team", test_team);
  g_test_add_func ("/policy/tree-vs-scan", test_tree_vs_scan);
  g_test_add_func ("/policy/assessment-noise", test_noise);
  g_test_add_func ("/transfer/common-sense", test_transfer_common_sense);
  g_test_add_func ("/transfer/peter", test_transfer_peter);
  g_test_add_func ("/transfer/mixed-skills", test_transfer_mixed_skills);
  g_test_add_func ("/transfer/competence", test_transfer_competence);
  return g_test_run ();
}

/* test-effort.c: the leadership layer (the model (orgsim(1)), effort.h): the
 * trust bank account, congruence, willingness, effort, leaders, quits,
 * training and coaching. */
#include "test-helpers.h"

#include "orgsim/effort.h"
#include "orgsim/sim.h"

/* The layer's constants, given explicitly so that the expectations below
 * do not depend on the defaults (which are calibrated, and may move). */
#define EFFORT_ON                                                                            \
  "[effort]\nenabled = true\nbare_minimum = 0.6\ntrust_initial = 0.5\ndeposit = 0.1\n"      \
  "withdrawal = 0.2\npeople_neutral = 6\nfollow_threshold = 0.5\n"

/* spans 4;4: top 0, managers 1..4, position 1's reports are 5..8. */
#define ORG44 "[org]\nspans = 4;4\n" EFFORT_ON

static void
set_skills (ThOrg *t, gint64 pos, double T, double P, double theta)
{
  OsimPerson *q = &t->org->people[pos];
  q->T = T;
  q->P = P;
  q->theta = theta;
  osim_org_refresh (t->org, pos);
}

/* Everyone aligned (theta 0) with neutral skills, so only what a test
 * changes moves trust. */
static void
neutral_org (ThOrg *t)
{
  for (gint64 pos = 0; pos < t->shape->n_positions; pos++)
    set_skills (t, pos, 6, t->params.people_neutral, 0);
}

/* The trust change a year under manager (T, P), from the model (orgsim(1)). */
static double
yearly_change (const OsimParams *p, double T, double P)
{
  double micro = MAX (0, T - P) / 9;
  return p->deposit * (P - p->people_neutral) / 9 - p->withdrawal * micro;
}

static void
test_defaults (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  g_assert_true (t.params.effort_enabled);
  g_assert_cmpfloat (t.params.people_neutral, >, 1);
  g_assert_cmpfloat (t.params.people_neutral, <, 10);
  g_assert_cmpfloat (t.params.deposit, >, 0);
  g_assert_cmpfloat (t.params.withdrawal, >, 0);
  g_assert_cmpfloat (t.params.bare_minimum, <, 1);
  th_org_clear (&t);
}

static void
test_deposits (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  t.params.follow_threshold = 0.52; /* just above trust_initial */
  neutral_org (&t);
  set_skills (&t, 1, 5, 10, 0); /* high people skill, no micromanagement */
  osim_effort_update (t.org, FALSE);
  OsimPerson *f = &t.org->people[5];
  g_assert_cmpfloat (f->trust, ==, t.params.trust_initial);
  g_assert_false (f->willing);
  double step = yearly_change (&t.params, 5, 10);
  g_assert_cmpfloat_with_epsilon (step, 0.1 * 4 / 9, 1e-12);
  double want = t.params.trust_initial;
  for (int year = 1; year <= 30; year++)
    {
      osim_effort_update (t.org, TRUE);
      want = MIN (1, want + step);
      g_assert_cmpfloat_with_epsilon (f->trust, want, 1e-9);
      g_assert_cmpfloat_with_epsilon (osim_person_willingness (f), f->trust, 1e-12); /* theta equal: g = 1 */
    }
  g_assert_cmpfloat (f->trust, ==, 1.0); /* clamped, not above */
  g_assert_true (f->willing);
  g_assert_cmpfloat_with_epsilon (osim_person_effort (t.org->params, f), 1.0, 1e-12);
  /* Every report of position 1 alike; position 2's reports (neutral boss)
   * stay where they started. */
  for (gint64 pos = 5; pos <= 8; pos++)
    g_assert_cmpfloat (t.org->people[pos].trust, ==, 1.0);
  for (gint64 pos = 9; pos <= 12; pos++)
    g_assert_cmpfloat_with_epsilon (t.org->people[pos].trust, t.params.trust_initial, 1e-12);
  th_org_clear (&t);
}

static void
test_withdrawals (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  neutral_org (&t);
  set_skills (&t, 1, 2, 2, 0);   /* low people skill */
  set_skills (&t, 2, 10, 6, 0);  /* a micromanager: T far above P, P neutral */
  set_skills (&t, 3, 6, 6, 0);   /* the same P without the gap */
  osim_effort_update (t.org, FALSE);
  OsimPerson *low = &t.org->people[5], *micro = &t.org->people[9], *calm = &t.org->people[13];
  osim_effort_update (t.org, TRUE);
  g_assert_cmpfloat_with_epsilon (low->trust, 0.5 - 0.1 * 4 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (micro->trust, 0.5 - 0.2 * 4 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (calm->trust, 0.5, 1e-12);
  for (int year = 0; year < 30; year++)
    osim_effort_update (t.org, TRUE);
  /* Balances bottom out at 0. */
  g_assert_cmpfloat (low->trust, ==, 0);
  g_assert_cmpfloat (micro->trust, ==, 0);
  g_assert_false (low->willing);
  g_assert_cmpfloat (osim_person_willingness (low), ==, 0);
  g_assert_cmpfloat_with_epsilon (osim_person_effort (t.org->params, low), t.params.bare_minimum, 1e-12);
  g_assert_cmpfloat_with_epsilon (calm->trust, 0.5, 1e-12);

  /* A deposit and the micromanagement withdrawal combine: P 8, T 10. */
  ThOrg u;
  th_org_init (&u, ORG44, 1, 0);
  neutral_org (&u);
  set_skills (&u, 1, 10, 8, 0);
  osim_effort_update (u.org, FALSE);
  osim_effort_update (u.org, TRUE);
  g_assert_cmpfloat_with_epsilon (u.org->people[5].trust,
                                  0.5 + 0.1 * 2 / 9 - 0.2 * 2 / 9, 1e-12);
  g_assert_cmpfloat_with_epsilon (u.org->people[5].trust,
                                  0.5 + yearly_change (&u.params, 10, 8), 1e-12);
  th_org_clear (&u);
  th_org_clear (&t);
}

static void
test_trust_reset (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  neutral_org (&t);
  set_skills (&t, 1, 5, 10, 0);
  osim_effort_update (t.org, FALSE);
  for (int year = 0; year < 5; year++)
    osim_effort_update (t.org, TRUE);
  OsimPerson *f = &t.org->people[6];
  g_assert_cmpfloat (f->trust, >, 0.7);
  /* Same manager, no deposit: the balance stays. */
  double kept = f->trust;
  osim_effort_update (t.org, FALSE);
  g_assert_cmpfloat (f->trust, ==, kept);
  /* A new manager: the account reopens at trust_initial. */
  osim_org_hire (t.org, 1);
  set_skills (&t, 1, 6, 6, 0); /* neutral: no deposit, no withdrawal */
  osim_effort_update (t.org, TRUE);
  g_assert_cmpfloat_with_epsilon (f->trust, t.params.trust_initial, 1e-12);
  g_assert_cmpuint (f->mgr_key, ==, t.org->people[1].key);
  /* With deposits the new account starts from trust_initial too. */
  for (int year = 0; year < 5; year++)
    osim_effort_update (t.org, TRUE);
  osim_org_hire (t.org, 1);
  set_skills (&t, 1, 5, 10, 0);
  osim_effort_update (t.org, TRUE);
  g_assert_cmpfloat_with_epsilon (f->trust, 0.5 + 0.1 * 4 / 9, 1e-12);
  /* Other teams keep their balances. */
  g_assert_cmpfloat_with_epsilon (t.org->people[9].trust, 0.5, 1e-12);
  th_org_clear (&t);
}

static void
test_congruence (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  neutral_org (&t);
  t.params.trust_initial = 0.8;
  set_skills (&t, 6, 6, 6, M_PI);       /* opposite values */
  set_skills (&t, 7, 6, 6, M_PI / 2);   /* orthogonal */
  set_skills (&t, 8, 6, 6, 2 * M_PI);   /* the same direction, one turn on */
  set_skills (&t, 1, 6, 6, 0);
  osim_effort_update (t.org, FALSE);
  OsimPerson *q = t.org->people;
  g_assert_cmpfloat (fabs (osim_person_willingness (&q[6])), <, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_person_effort (t.org->params, &q[6]), t.params.bare_minimum, 1e-12);
  g_assert_false (q[6].willing);
  g_assert_cmpfloat_with_epsilon (osim_person_willingness (&q[7]), 0.8 * 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_person_willingness (&q[8]), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_person_willingness (&q[5]), 0.8, 1e-12);
  /* Congruence depends on the difference only: a manager at pi (a new
   * relationship: values are fixed within one, congruence is kept). */
  set_skills (&t, 1, 6, 6, M_PI);
  for (gint64 pos = 5; pos <= 8; pos++)
    q[pos].mgr_key = 0;
  osim_effort_update (t.org, FALSE);
  g_assert_cmpfloat_with_epsilon (osim_person_willingness (&q[6]), 0.8, 1e-12);
  g_assert_cmpfloat (fabs (osim_person_willingness (&q[5])), <, 1e-12);
  th_org_clear (&t);
}

static void
test_effort_formula (void)
{
  /* Random values, skills and a few years: every person's W and e follow
   * the formulas, computed here from their own manager. */
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;4;13;40\n" EFFORT_ON, 3, 0);
  t.params.bare_minimum = 0.3;
  osim_effort_update (t.org, FALSE);
  for (int year = 0; year < 4; year++)
    osim_effort_update (t.org, TRUE);
  const OsimShape *s = t.shape;
  const OsimPerson *q = t.org->people;
  int willing = 0;
  for (gint64 i = 1; i < s->n_positions; i++)
    {
      const OsimPerson *m = &q[s->parent[i]];
      double g = (1 + cos (q[i].theta - m->theta)) / 2;
      g_assert_cmpfloat (q[i].trust, >=, 0);
      g_assert_cmpfloat (q[i].trust, <=, 1);
      g_assert_cmpfloat_with_epsilon (osim_person_willingness (&q[i]), q[i].trust * g, 1e-12);
      g_assert_cmpfloat_with_epsilon (osim_person_effort (t.org->params, &q[i]), 0.3 + 0.7 * osim_person_willingness (&q[i]), 1e-12);
      g_assert_cmpint (!!q[i].willing, ==, osim_person_willingness (&q[i]) >= t.params.follow_threshold);
      willing += q[i].willing;
    }
  g_assert_cmpfloat (osim_person_effort (t.org->params, &q[0]), ==, 1.0);
  /* Not degenerate: some willing, some not. */
  g_assert_cmpint (willing, >, 0);
  g_assert_cmpint (willing, <, s->n_positions - 1);
  th_org_clear (&t);

  /* The top's effort is 1 however low its own numbers. */
  ThOrg u;
  th_org_init (&u, ORG44, 1, 0);
  u.org->people[0].trust = 0;
  u.org->people[0].w_one = 0; /* W = trust x g = 0 until the update */
  osim_effort_update (u.org, TRUE);
  g_assert_cmpfloat (osim_person_effort (u.org->params, &u.org->people[0]), ==, 1.0);
  th_org_clear (&u);
}

static void
test_leaders (void)
{
  ThOrg t;
  th_org_init (&t, ORG44, 1, 0);
  neutral_org (&t);
  t.params.trust_initial = 0.9;
  /* Manager 1: 2 of 4 willing (half); 2: 1 of 4; 3: 4 of 4; 4: none. */
  const int willing_reports[5] = { 0, 2, 1, 4, 0 };
  for (int m = 1; m <= 4; m++)
    for (int j = 0; j < 4; j++)
      {
        gint64 pos = 5 + 4 * (m - 1) + j;
        set_skills (&t, pos, 6, 6, j < willing_reports[m] ? 0 : M_PI);
      }
  osim_effort_update (t.org, FALSE);
  const OsimPerson *q = t.org->people;
  g_assert_true (q[1].leader);
  g_assert_false (q[2].leader);
  g_assert_true (q[3].leader);
  g_assert_false (q[4].leader);
  /* Level 1 are all willing (theta 0 like the top): the top leads. */
  for (int m = 1; m <= 4; m++)
    g_assert_true (q[m].willing);
  g_assert_true (q[0].leader);
  /* Nobody at the bottom leads anybody. */
  for (gint64 pos = 5; pos < 21; pos++)
    g_assert_false (q[pos].leader);
  /* Three of four level-1 posts get people of opposite values (new
   * relationships): the top is no longer a leader. */
  for (int m = 2; m <= 4; m++)
    {
      set_skills (&t, m, 6, 6, M_PI);
      t.org->people[m].mgr_key = 0;
    }
  osim_effort_update (t.org, FALSE);
  g_assert_false (q[0].leader);

  /* An odd team of 3: 2 willing lead, 1 does not. */
  ThOrg u;
  th_org_init (&u, "[org]\nspans = 1;3\n" EFFORT_ON, 1, 0);
  u.params.trust_initial = 0.9;
  neutral_org (&u);
  set_skills (&u, 2, 6, 6, 0);
  set_skills (&u, 3, 6, 6, 0);
  set_skills (&u, 4, 6, 6, M_PI);
  osim_effort_update (u.org, FALSE);
  g_assert_true (u.org->people[1].leader);
  set_skills (&u, 3, 6, 6, M_PI);
  u.org->people[3].mgr_key = 0;
  osim_effort_update (u.org, FALSE);
  g_assert_false (u.org->people[1].leader);
  th_org_clear (&u);
  th_org_clear (&t);
}

/* Resets every person of @t for one quit trial: nobody retires or is
 * dismissed; W as given by @w_of. */
static void
quit_trial_reset (ThOrg *t, const double *w)
{
  for (gint64 pos = 0; pos < t->shape->n_positions; pos++)
    {
      OsimPerson *q = &t->org->people[pos];
      q->vacant = 0;
      q->age = 30;
      q->T = q->P = 8;
      q->w_one = 0; /* W = trust x g */
      q->trust = w[pos];
      q->g = 1;
      osim_org_refresh (t->org, pos);
    }
}

static void
test_quits (void)
{
  ThOrg t;
  th_org_init (&t, ORG44 "[people]\nquit_rate = 0.3\n[training]\ntraining = 0\n", 3, 0);
  gint64 n = t.shape->n_positions;
  g_autofree double *w = g_new (double, n);
  double expect_per_year = 0;
  for (gint64 pos = 0; pos < n; pos++)
    {
      w[pos] = (double) (pos % 3) / 2; /* 0, 0.5, 1 */
      if (pos > 0)
        expect_per_year += 0.3 * (1 - w[pos]);
    }
  w[0] = 0; /* the top has no manager: never quits, whatever its W */
  int trials = 2000;
  double quits = 0;
  for (int i = 0; i < trials; i++)
    {
      quit_trial_reset (&t, w);
      guint64 top = t.org->people[0].key;
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
      g_assert_cmpfloat (counts[OSIM_M_RETIREMENTS], ==, 0);
      g_assert_cmpfloat (counts[OSIM_M_DISMISSALS], ==, 0);
      g_assert_cmpuint (t.org->people[0].key, ==, top);
      quits += counts[OSIM_M_QUITS];
    }
  /* expect 2000 x 3.0 = 6000, sd about 70 */
  double expect = trials * expect_per_year;
  g_assert_cmpfloat (fabs (quits - expect), <, 350);

  /* Everyone fully willing: nobody quits. */
  for (gint64 pos = 0; pos < n; pos++)
    w[pos] = 1;
  for (int i = 0; i < 200; i++)
    {
      quit_trial_reset (&t, w);
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
      g_assert_cmpfloat (counts[OSIM_M_QUITS], ==, 0);
    }
  th_org_clear (&t);

  /* Without the layer nobody quits, whatever W says. */
  th_org_init (&t, "[org]\nspans = 4;4\n[people]\nquit_rate = 1\n[effort]\nenabled = false\n",
               3, 0);
  for (gint64 pos = 0; pos < n; pos++)
    w[pos] = 0;
  for (int i = 0; i < 50; i++)
    {
      quit_trial_reset (&t, w);
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
      g_assert_cmpfloat (counts[OSIM_M_QUITS], ==, 0);
    }
  th_org_clear (&t);
}

static void
test_training (void)
{
  ThOrg t;
  th_org_init (&t,
               "[org]\nlevels = 1;5;3\npeople_weight = 0.5;0.5;0.5\n" EFFORT_ON
               "[training]\ntraining = 0.1\n",
               1, 0);
  gint64 n = t.shape->n_positions;
  g_autofree OsimPerson *before = g_memdup2 (t.org->people, sizeof (OsimPerson) * n);
  osim_effort_learn (t.org);
  int managers = 0, others = 0;
  for (gint64 pos = 0; pos < n; pos++)
    {
      const OsimPerson *q = &t.org->people[pos], *b = &before[pos];
      if (t.shape->child_count[pos] > 0)
        {
          g_assert_cmpfloat_with_epsilon (q->P, b->P + 0.1 * (10 - b->P), 1e-12);
          g_assert_cmpfloat_with_epsilon (q->C, 0.5 * q->T + 0.5 * q->P, 1e-12);
          g_assert_cmpfloat (q->C, >, b->C);
          managers++;
        }
      else
        {
          /* Individual contributors, and managers without reports (levels
           * 1;5;3 leaves two level-1 posts without any) do not train. */
          g_assert_cmpfloat (q->P, ==, b->P);
          g_assert_cmpfloat (q->C, ==, b->C);
          others++;
        }
      g_assert_cmpfloat (q->T, ==, b->T);
    }
  g_assert_cmpint (managers, ==, 4);
  g_assert_cmpint (others, ==, 5);
  /* P tends to 10 and never passes it. */
  for (int year = 0; year < 500; year++)
    osim_effort_learn (t.org);
  g_assert_cmpfloat (t.org->people[0].P, <=, 10);
  g_assert_cmpfloat (t.org->people[0].P, >, 9.99);

  /* training 0: nothing moves. */
  t.params.training = 0;
  memcpy (before, t.org->people, sizeof (OsimPerson) * n);
  osim_effort_learn (t.org);
  g_assert_cmpmem (before, sizeof (OsimPerson) * n, t.org->people, sizeof (OsimPerson) * n);
  th_org_clear (&t);
}

static void
test_coaching (void)
{
  ThOrg t;
  th_org_init (&t,
               "[org]\nspans = 4;4\n[people]\nquit_rate = 0\n[promotion]\ntransfer = skills\n"
               EFFORT_ON "[training]\ncoaching = 2\ntraining = 0\n",
               1, 0);
  OsimPerson *q = t.org->people;
  /* Directly: +2, clamped at 10, only in a post with reports. */
  q[1].P = 7;
  osim_effort_coach (t.org, 1);
  g_assert_cmpfloat (q[1].P, ==, 9);
  osim_effort_coach (t.org, 1);
  g_assert_cmpfloat (q[1].P, ==, 10);
  q[6].P = 5;
  osim_effort_coach (t.org, 6);
  g_assert_cmpfloat (q[6].P, ==, 5);

  /* Through a year: the top retires; the best of level 1 (position 3)
   * takes the post and gains the coaching once; the best of level 2 takes
   * position 3 and is coached too (it has reports). */
  for (gint64 pos = 0; pos < 21; pos++)
    {
      q[pos].age = 30;
      q[pos].T = 6;
      q[pos].P = 5;
      osim_org_refresh (t.org, pos);
    }
  q[0].age = 99;
  q[3].T = 9;
  q[3].P = 8.5;
  osim_org_refresh (t.org, 3);
  q[17].T = 9.5;
  q[17].P = 4;
  osim_org_refresh (t.org, 17);
  guint64 id3 = q[3].key, id17 = q[17].key;
  double counts[OSIM_N_METRICS] = { 0 };
  osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
  g_assert_cmpuint (q[0].key, ==, id3);
  g_assert_cmpfloat (q[0].P, ==, 10); /* 8.5 + 2, clamped */
  g_assert_cmpuint (q[3].key, ==, id17);
  g_assert_cmpfloat (q[3].P, ==, 6); /* 4 + 2 */
  g_assert_cmpfloat (counts[OSIM_M_PROMOTIONS], ==, 2);
  /* Once: another year without promotions leaves P alone. */
  counts[OSIM_M_PROMOTIONS] = 0;
  osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
  g_assert_cmpfloat (counts[OSIM_M_PROMOTIONS], ==, 0);
  g_assert_cmpfloat (q[3].P, ==, 6);
  th_org_clear (&t);
}

static void
test_disabled (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nspans = 4;4\n[effort]\nenabled = false\n", 1, 0);
  gint64 n = t.shape->n_positions;
  g_autofree OsimPerson *before = g_memdup2 (t.org->people, sizeof (OsimPerson) * n);
  for (int i = 0; i < 10; i++)
    osim_effort_update (t.org, i > 0);
  g_assert_cmpmem (before, sizeof (OsimPerson) * n, t.org->people, sizeof (OsimPerson) * n);
  /* Years go by: effort stays 1, nobody is a willing follower or leader. */
  for (int year = 0; year < 30; year++)
    {
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (t.org, OSIM_POLICY_BEST, counts);
      for (gint64 pos = 0; pos < n; pos++)
        {
          g_assert_cmpfloat (osim_person_effort (t.org->params, &t.org->people[pos]), ==, 1.0);
          g_assert_false (t.org->people[pos].willing);
          g_assert_false (t.org->people[pos].leader);
        }
    }
  /* No values drawn either: theta stays 0. */
  for (gint64 pos = 0; pos < n; pos++)
    g_assert_cmpfloat (t.org->people[pos].theta, ==, 0);
  th_org_clear (&t);
}

static void
test_several_tops (void)
{
  /* A level 0 of several posts: each is a top without a manager.  Either the
   * loader refuses the shape, or each top has effort 1. */
  const char *ini = "[org]\nlevels = 3;6;12\n" EFFORT_ON;
  g_autoptr (GError) error = NULL;
  g_autoptr (OsimScenario) sc
      = osim_scenario_load_data ("test.ini", ini, strlen (ini), NULL, &error);
  if (sc == NULL)
    {
      g_assert_true (error->domain == OSIM_INPUT_ERROR);
      return;
    }
  ThOrg t;
  th_org_init (&t, ini, 1, 0);
  for (gint64 pos = 0; pos < 3; pos++)
    g_assert_cmpint (t.shape->parent[pos], ==, -1);
  for (gint64 pos = 0; pos < 3; pos++)
    {
      t.org->people[pos].w_one = 0; /* effort below 1 until the update */
      t.org->people[pos].trust = 0.25;
      t.org->people[pos].g = 1;
    }
  osim_effort_update (t.org, TRUE);
  for (gint64 pos = 0; pos < 3; pos++)
    g_assert_cmpfloat (osim_person_effort (t.org->params, &t.org->people[pos]), ==, 1.0);
  th_org_clear (&t);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing case, not only the first. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/effort/defaults", test_defaults);
  g_test_add_func ("/effort/deposits", test_deposits);
  g_test_add_func ("/effort/withdrawals", test_withdrawals);
  g_test_add_func ("/effort/trust-reset", test_trust_reset);
  g_test_add_func ("/effort/congruence", test_congruence);
  g_test_add_func ("/effort/formula", test_effort_formula);
  g_test_add_func ("/effort/leaders", test_leaders);
  g_test_add_func ("/effort/quits", test_quits);
  g_test_add_func ("/effort/training", test_training);
  g_test_add_func ("/effort/coaching", test_coaching);
  g_test_add_func ("/effort/disabled", test_disabled);
  g_test_add_func ("/effort/several-tops", test_several_tops);
  return g_test_run ();
}

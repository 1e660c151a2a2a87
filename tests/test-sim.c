/* test-sim.c: one run year by year, and its metrics (sim.h, the model, orgsim(1)). */
#include "test-helpers.h"

#include "orgsim/effort.h"
#include "orgsim/experiment.h"
#include "orgsim/sim.h"

#define SMALL_OFF "[scenario]\nsteps = 60\nseed = 3\n[org]\nlevels = 1;3;7;15\n"
#define SMALL_ON                                                                            \
  SMALL_OFF "people_weight = 0.6;0.4;0.2;0\n[effort]\nenabled = true\n[people]\nquit_rate = 0.2\n"

typedef struct
{
  OsimScenario *sc;
  const OsimParams *p;
  OsimShape *shape;
} Run;

static void
run_init (Run *r, const char *ini)
{
  r->sc = th_load (ini, NULL);
  r->p = osim_scenario_params (r->sc);
  r->shape = osim_shape_new (r->p);
}

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->shape, osim_shape_free);
  g_clear_pointer (&r->sc, osim_scenario_free);
}

static OsimSeries *
simulate (const Run *r, OsimPolicy policy, guint64 run, OsimOrg **final)
{
  OsimSeries *s = osim_series_new (r->p->steps, r->p->n_levels);
  g_assert_true (osim_sim_run (r->p, r->shape, policy, run, s, final, NULL));
  return s;
}

static gsize
m_bytes (const OsimSeries *s)
{
  return sizeof (double) * (gsize) (s->steps + 1) * OSIM_N_METRICS;
}

static gsize
lm_bytes (const OsimSeries *s)
{
  return sizeof (double) * (gsize) (s->steps + 1) * s->n_levels * OSIM_N_LEVEL_METRICS;
}

static void
test_names (void)
{
  /* The CSV column names of the contract (orgsim(1)). */
  g_assert_cmpstr (osim_metric_name (OSIM_M_EFFICIENCY), ==, "efficiency");
  g_assert_cmpstr (osim_metric_name (OSIM_M_EFFORT), ==, "effort");
  g_assert_cmpstr (osim_metric_name (OSIM_M_WILLING), ==, "willing_share");
  g_assert_cmpstr (osim_metric_name (OSIM_M_LEADER), ==, "leader_share");
  g_assert_cmpstr (osim_metric_name (OSIM_M_COMPETENCE), ==, "competence");
  g_assert_cmpstr (osim_metric_name (OSIM_M_PROMOTIONS), ==, "promotions");
  g_assert_cmpstr (osim_metric_name (OSIM_M_QUITS), ==, "quits");
  /* Level metrics: named, and all distinct. */
  for (int a = 0; a < OSIM_N_LEVEL_METRICS; a++)
    for (int b = 0; b < a; b++)
      g_assert_cmpstr (osim_level_metric_name (a), !=, osim_level_metric_name (b));
}

static void
test_deterministic (void)
{
  const char *inis[] = { SMALL_OFF, SMALL_ON };
  for (int i = 0; i < 2; i++)
    {
      Run r;
      run_init (&r, inis[i]);
      g_autoptr (OsimSeries) a = simulate (&r, OSIM_POLICY_BEST, 2, NULL);
      g_autoptr (OsimSeries) b = simulate (&r, OSIM_POLICY_BEST, 2, NULL);
      g_assert_cmpmem (a->m, m_bytes (a), b->m, m_bytes (b));
      g_assert_cmpmem (a->lm, lm_bytes (a), b->lm, lm_bytes (b));
      /* Another run differs. */
      g_autoptr (OsimSeries) c = simulate (&r, OSIM_POLICY_BEST, 3, NULL);
      g_assert_true (memcmp (a->m, c->m, m_bytes (a)) != 0);
      g_assert_cmpfloat (a->m[OSIM_M_EFFICIENCY], !=, c->m[OSIM_M_EFFICIENCY]);
      /* Common random numbers: every policy starts run 2 from the same org. */
      g_autoptr (OsimSeries) d = simulate (&r, OSIM_POLICY_RANDOM, 2, NULL);
      g_assert_cmpmem (a->m, sizeof (double) * OSIM_N_METRICS, d->m,
                       sizeof (double) * OSIM_N_METRICS);
      /* ...and the policies then part ways. */
      g_assert_true (memcmp (a->m, d->m, m_bytes (a)) != 0);
      run_clear (&r);
    }
}

/* The metrics of @org computed here from the model (orgsim(1)), with effort
 * recomputed from trust and values when the layer is on. */
static void
check_measure (const OsimParams *p, const OsimOrg *org, const double *row, const double *lrow)
{
  const OsimShape *s = org->shape;
  const OsimPerson *q = org->people;
  gboolean lead = p->effort_enabled;
  double num = 0, den = 0, sum_c = 0, sum_e = 0;
  gint64 willing = 0, leaders = 0, managers = 0;
  for (int k = 0; k < s->n_levels; k++)
    {
      double lc = 0, le = 0, lce = 0;
      gint64 lw = 0, ll = 0, lm = 0;
      for (gint64 i = s->level_start[k]; i < s->level_start[k + 1]; i++)
        {
          double w = p->people_weight[k];
          double C = (1 - w) * q[i].T + w * q[i].P;
          g_assert_cmpfloat_with_epsilon (q[i].C, C, 1e-9);
          double e = 1;
          if (lead && k > 0)
            {
              const OsimPerson *m = &q[s->parent[i]];
              double W = q[i].trust * (1 + cos (q[i].theta - m->theta)) / 2;
              e = p->bare_minimum + (1 - p->bare_minimum) * W;
              gboolean is_willing = W >= p->follow_threshold;
              lw += is_willing;
              g_assert_cmpint (!!q[i].willing, ==, is_willing);
            }
          g_assert_cmpfloat_with_epsilon (osim_person_effort (p, &q[i]), e, 1e-9);
          lc += C;
          le += e;
          lce += C * e;
          if (s->child_count[i] > 0)
            {
              lm++;
              ll += q[i].leader;
            }
        }
      double nk = (double) s->level_size[k];
      num += p->responsibility[k] * lce;
      den += p->responsibility[k] * nk;
      sum_c += lc;
      sum_e += le;
      willing += lw;
      leaders += ll;
      managers += lm;
      const double *lr = lrow + k * OSIM_N_LEVEL_METRICS;
      g_assert_cmpfloat_with_epsilon (lr[OSIM_LM_COMPETENCE], lc / nk, 1e-9);
      g_assert_cmpfloat_with_epsilon (lr[OSIM_LM_EFFORT], le / nk, 1e-9);
      if (lead && k > 0)
        g_assert_cmpfloat_with_epsilon (lr[OSIM_LM_WILLING], lw / nk, 1e-12);
      else
        g_assert_true (isnan (lr[OSIM_LM_WILLING]));
      if (lead && lm > 0)
        g_assert_cmpfloat_with_epsilon (lr[OSIM_LM_LEADER], (double) ll / (double) lm, 1e-12);
      else
        g_assert_true (isnan (lr[OSIM_LM_LEADER]));
    }
  double n = (double) s->n_positions;
  g_assert_cmpfloat_with_epsilon (row[OSIM_M_EFFICIENCY], 100 * num / (10 * den), 1e-9);
  g_assert_cmpfloat_with_epsilon (row[OSIM_M_COMPETENCE], sum_c / n, 1e-9);
  g_assert_cmpfloat_with_epsilon (row[OSIM_M_EFFORT], sum_e / n, 1e-9);
  if (lead)
    {
      g_assert_cmpfloat_with_epsilon (row[OSIM_M_WILLING], willing / (n - 1), 1e-12);
      g_assert_cmpfloat_with_epsilon (row[OSIM_M_LEADER], (double) leaders / (double) managers,
                                      1e-12);
    }
  else
    {
      g_assert_true (isnan (row[OSIM_M_WILLING]));
      g_assert_true (isnan (row[OSIM_M_LEADER]));
      g_assert_cmpfloat (row[OSIM_M_EFFORT], ==, 1.0);
    }
}

static void
test_efficiency_initial (void)
{
  const char *inis[] = { SMALL_OFF, SMALL_ON, "[scenario]\nsteps = 5\n" /* the paper's org */ };
  for (int i = 0; i < 3; i++)
    {
      Run r;
      run_init (&r, inis[i]);
      g_autoptr (OsimSeries) s = simulate (&r, OSIM_POLICY_BEST, 4, NULL);
      /* The org of run 4 as the run starts it. */
      OsimOrg *org = osim_org_new (r.p, r.shape, r.p->seed, 4);
      osim_effort_update (org, FALSE);
      check_measure (r.p, org, s->m, s->lm);
      /* Counts are zero at step 0. */
      for (int c = OSIM_FIRST_COUNT; c < OSIM_N_METRICS; c++)
        g_assert_cmpfloat (s->m[c], ==, 0);
      osim_org_free (org); /* before its shape */
      run_clear (&r);
    }

  /* A hand-sized check of the formula: levels 1;2, r = 1;0.5, every C = 7:
   * E = 100 (1*7 + 0.5*14) / (10 (1 + 1)) = 70. */
  Run r;
  run_init (&r, "[scenario]\nsteps = 1\n[org]\nlevels = 1;2\nresponsibility = 1;0.5\n"
                "[people]\ntechnical = constant(7)\n");
  g_autoptr (OsimSeries) s = simulate (&r, OSIM_POLICY_BEST, 0, NULL);
  g_assert_cmpfloat_with_epsilon (s->m[OSIM_M_EFFICIENCY], 70, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->m[OSIM_M_COMPETENCE], 7, 1e-12);
  run_clear (&r);
}

static void
test_measure_final (void)
{
  /* The metrics of the last step match the final org, with and without the
   * leadership layer. */
  const char *inis[] = { SMALL_OFF, SMALL_ON };
  for (int i = 0; i < 2; i++)
    {
      Run r;
      run_init (&r, inis[i]);
      OsimOrg *final = NULL;
      g_autoptr (OsimSeries) s = simulate (&r, OSIM_POLICY_RANDOM, 1, &final);
      g_assert_nonnull (final);
      int last = r.p->steps;
      check_measure (r.p, final, s->m + last * OSIM_N_METRICS,
                     s->lm + (gsize) last * r.p->n_levels * OSIM_N_LEVEL_METRICS);
      osim_org_free (final);
      run_clear (&r);
    }
}

static void
test_top_effort (void)
{
  /* The model (orgsim(1)): the top post has no manager, so its effort is 1 every year,
   * including after someone is promoted into it from a post where their
   * effort was lower. */
  Run r;
  run_init (&r, SMALL_ON);
  g_autoptr (OsimSeries) s = simulate (&r, OSIM_POLICY_BEST, 0, NULL);
  int L = r.p->n_levels, bad = 0;
  for (int t = 0; t <= r.p->steps; t++)
    if (s->lm[(gsize) t * L * OSIM_N_LEVEL_METRICS + OSIM_LM_EFFORT] != 1.0)
      {
        if (bad++ == 0)
          g_test_message ("step %d: top effort %g", t,
                          s->lm[(gsize) t * L * OSIM_N_LEVEL_METRICS + OSIM_LM_EFFORT]);
      }
  g_assert_cmpint (bad, ==, 0);
  run_clear (&r);
}

static void
test_effort_off (void)
{
  Run r;
  run_init (&r, SMALL_OFF);
  g_assert_false (r.p->effort_enabled);
  g_autoptr (OsimSeries) s = simulate (&r, OSIM_POLICY_BEST, 0, NULL);
  for (int t = 0; t <= r.p->steps; t++)
    {
      const double *row = s->m + t * OSIM_N_METRICS;
      g_assert_cmpfloat (row[OSIM_M_EFFORT], ==, 1.0);
      g_assert_true (isnan (row[OSIM_M_WILLING]));
      g_assert_true (isnan (row[OSIM_M_LEADER]));
      g_assert_cmpfloat (row[OSIM_M_QUITS], ==, 0);
      for (int k = 0; k < r.p->n_levels; k++)
        {
          const double *lr = s->lm + ((gsize) t * r.p->n_levels + k) * OSIM_N_LEVEL_METRICS;
          g_assert_cmpfloat (lr[OSIM_LM_EFFORT], ==, 1.0);
          g_assert_true (isnan (lr[OSIM_LM_WILLING]));
          g_assert_true (isnan (lr[OSIM_LM_LEADER]));
        }
    }
  /* With the layer on, the shares are numbers and effort drops below 1. */
  Run on;
  run_init (&on, SMALL_ON);
  g_autoptr (OsimSeries) so = simulate (&on, OSIM_POLICY_BEST, 0, NULL);
  const double *last = so->m + on.p->steps * OSIM_N_METRICS;
  g_assert_false (isnan (last[OSIM_M_WILLING]));
  g_assert_false (isnan (last[OSIM_M_LEADER]));
  g_assert_cmpfloat (last[OSIM_M_EFFORT], <, 1.0);
  /* The top level has no willing share; the bottom no leader share. */
  const double *lr0 = so->lm + (gsize) on.p->steps * on.p->n_levels * OSIM_N_LEVEL_METRICS;
  g_assert_true (isnan (lr0[OSIM_LM_WILLING]));
  g_assert_true (isnan (lr0[(on.p->n_levels - 1) * OSIM_N_LEVEL_METRICS + OSIM_LM_LEADER]));
  run_clear (&on);
  run_clear (&r);
}

/* Common random numbers that pair: two policies stepped from copies of one
 * org hire the same people: the k-th hire of a year has the same id, skills,
 * age and values under both. */
static void
test_paired_hires (void)
{
  Run r;
  run_init (&r, SMALL_ON);
  OsimOrg *a = osim_org_new (r.p, r.shape, r.p->seed, 1);
  osim_effort_update (a, FALSE);
  OsimOrg *b = osim_org_copy (a);
  gint64 n = r.shape->n_positions;
  g_assert_cmpmem (a->people, n * sizeof (OsimPerson), b->people, n * sizeof (OsimPerson));
  g_autoptr (GHashTable) hired = g_hash_table_new (g_int64_hash, g_int64_equal);
  int shared = 0, differ = 0;
  for (int year = 1; year <= 40; year++)
    {
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (a, OSIM_POLICY_BEST, counts);
      osim_sim_year (b, OSIM_POLICY_PEOPLE, counts);
      g_hash_table_remove_all (hired);
      for (gint64 i = 0; i < n; i++)
        if (osim_person_number (&a->people[i]) >> 32 == (guint64) year)
          g_hash_table_insert (hired, &a->people[i].key, &a->people[i]);
      for (gint64 i = 0; i < n; i++)
        {
          const OsimPerson *y = &b->people[i];
          const OsimPerson *x = g_hash_table_lookup (hired, &y->key);
          if (osim_person_number (y) >> 32 != (guint64) year || x == NULL)
            continue;
          /* Hired this year under both: the same person (age and service
           * have both moved on by the one year). */
          g_assert_cmpfloat (x->T, ==, y->T);
          g_assert_cmpfloat (x->P, ==, y->P);
          g_assert_cmpfloat (x->age, ==, y->age);
          g_assert_cmpfloat (x->theta, ==, y->theta);
          shared++;
          differ += x != &a->people[i]; /* in another seat */
        }
    }
  g_test_message ("%d hires made under both policies, %d of them into other seats", shared,
                  differ);
  g_assert_cmpint (shared, >, 20);
  g_assert_cmpint (differ, >, 0); /* the policies did differ */
  osim_org_free (a);
  osim_org_free (b);
  run_clear (&r);
}

/* Steps an org year by year checking what each year must leave behind. */
static void
check_years (const char *ini, OsimPolicy policy, int years)
{
  Run r;
  run_init (&r, ini);
  OsimOrg *org = osim_org_new (r.p, r.shape, r.p->seed, 0);
  osim_effort_update (org, FALSE);
  gint64 n = r.shape->n_positions;
  g_autofree guint64 *before = g_new (guint64, n);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  double total[OSIM_N_METRICS] = { 0 };
  for (int year = 1; year <= years; year++)
    {
      for (gint64 i = 0; i < n; i++)
        before[i] = org->people[i].key;
      guint64 next_before = org->next_id;
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (org, policy, counts);
      /* Every position is filled, by distinct people. */
      g_hash_table_remove_all (ids);
      gint64 changed = 0, new_people = 0;
      for (gint64 i = 0; i < n; i++)
        {
          const OsimPerson *q = &org->people[i];
          g_assert_false (q->vacant);
          g_assert_false (g_hash_table_contains (ids, &q->key));
          g_hash_table_add (ids, (gpointer) &q->key);
          changed += q->key != before[i];
          new_people += osim_person_number (q) >> 32 == (guint64) org->year; /* hired this year */
          g_assert_cmpfloat (q->age, <=, r.p->retire_age + 1);
        }
      /* Every vacancy (a leaver's or a promoted person's) was filled once:
       * by a promotion or a hire. */
      double left = counts[OSIM_M_RETIREMENTS] + counts[OSIM_M_DISMISSALS]
                    + counts[OSIM_M_QUITS];
      g_assert_cmpfloat (counts[OSIM_M_HIRES], ==, left);
      g_assert_cmpfloat (counts[OSIM_M_PROMOTIONS] + counts[OSIM_M_HIRES], ==, (double) changed);
      g_assert_cmpfloat (counts[OSIM_M_HIRES], ==, (double) new_people);
      g_assert_cmpuint (org->next_id, ==, next_before + (guint64) counts[OSIM_M_HIRES]);
      if (policy == OSIM_POLICY_EXTERNAL)
        g_assert_cmpfloat (counts[OSIM_M_PROMOTIONS], ==, 0);
      /* Nobody stays below the dismissal line, except those who arrived in
       * their post this year (hires, and promotions whose transfer or new
       * level cost them competence). */
      for (gint64 i = 0; i < n; i++)
        if (org->people[i].C < r.p->dismiss_below)
          g_assert_cmpuint (org->people[i].key, !=, before[i]);
      for (int c = OSIM_FIRST_COUNT; c < OSIM_N_METRICS; c++)
        {
          g_assert_cmpfloat (counts[c], >=, 0);
          total[c] += counts[c];
        }
    }
  /* Not vacuous: things happened. */
  g_assert_cmpfloat (total[OSIM_M_RETIREMENTS], >, 0);
  g_assert_cmpfloat (total[OSIM_M_DISMISSALS], >, 0);
  if (policy != OSIM_POLICY_EXTERNAL)
    g_assert_cmpfloat (total[OSIM_M_PROMOTIONS], >, 0);
  if (r.p->effort_enabled && r.p->quit_rate > 0)
    g_assert_cmpfloat (total[OSIM_M_QUITS], >, 0);
  osim_org_free (org); /* before its shape */
  run_clear (&r);
}

static void
test_years (void)
{
  for (int pol = 0; pol < OSIM_N_POLICIES; pol++)
    {
      g_test_message ("policy %s", osim_policy_name ((OsimPolicy) pol));
      check_years (SMALL_OFF, (OsimPolicy) pol, 80);
      check_years (SMALL_ON, (OsimPolicy) pol, 80);
      check_years ("[scenario]\nseed = 4\n[org]\nlevels = 1;3;7;15\ncandidates = team\n"
                   "[promotion]\ntransfer = peter\n[effort]\nenabled = true\n",
                   (OsimPolicy) pol, 80);
    }
  /* A level above OSIM_TREE_MIN_POOL, so the selection trees are used. */
  check_years ("[scenario]\nseed = 9\n[org]\nspans = 3;30;10\n", OSIM_POLICY_BEST, 40);
  check_years ("[scenario]\nseed = 9\n[org]\nspans = 3;30;10\n", OSIM_POLICY_WORST, 40);
  check_years ("[scenario]\nseed = 9\n[org]\nspans = 3;30;10\n", OSIM_POLICY_RANDOM, 40);
}

static void
test_cancel (void)
{
  Run r;
  run_init (&r, SMALL_OFF);
  g_autoptr (OsimSeries) s = osim_series_new (r.p->steps, r.p->n_levels);
  gint cancel = 1;
  OsimOrg *final = NULL;
  g_assert_false (osim_sim_run (r.p, r.shape, OSIM_POLICY_BEST, 0, s, &final, &cancel));
  g_assert_null (final);
  run_clear (&r);
}

/* Mean competence of levels 0..2 over the last @window years, averaged over
 * @runs runs of @policy. */
static double
upper_competence (const char *ini, OsimPolicy policy, int runs, int window, double *efficiency)
{
  Run r;
  run_init (&r, ini);
  double sum = 0, eff = 0;
  int L = r.p->n_levels, T = r.p->steps;
  for (int run = 0; run < runs; run++)
    {
      g_autoptr (OsimSeries) s = simulate (&r, policy, run, NULL);
      for (int t = T - window + 1; t <= T; t++)
        {
          double c = 0, n = 0;
          for (int k = 0; k < 3; k++)
            {
              double nk = (double) r.p->level_size[k];
              c += nk * s->lm[((gsize) t * L + k) * OSIM_N_LEVEL_METRICS + OSIM_LM_COMPETENCE];
              n += nk;
            }
          sum += c / n;
          eff += s->m[t * OSIM_N_METRICS + OSIM_M_EFFICIENCY];
        }
    }
  run_clear (&r);
  *efficiency = eff / (runs * window);
  return sum / (runs * window);
}

static void
test_peter_principle (void)
{
  /* The paper's org under "best": with common-sense transfers the upper
   * levels fill with the best technicians; under the Peter hypothesis a
   * promotion redraws competence, so the upper levels end up much lower
   * (the paper's finding: promoting the best hurts under Peter). */
  const char *cs = "[scenario]\nsteps = 300\nseed = 5\n[promotion]\ntransfer = common-sense\n";
  const char *peter = "[scenario]\nsteps = 300\nseed = 5\n[promotion]\ntransfer = peter\n";
  double eff_cs, eff_peter;
  double c_cs = upper_competence (cs, OSIM_POLICY_BEST, 10, 100, &eff_cs);
  double c_peter = upper_competence (peter, OSIM_POLICY_BEST, 10, 100, &eff_peter);
  g_test_message ("upper competence: common sense %.3f, Peter %.3f; efficiency %.2f vs %.2f",
                  c_cs, c_peter, eff_cs, eff_peter);
  g_assert_cmpfloat (c_cs - c_peter, >, 0.7);
  g_assert_cmpfloat (eff_cs - eff_peter, >, 3);
  /* Under Peter, fresh draws that survive dismissal (C >= 4): the upper
   * levels sit near the mean of the hire distribution above 4. */
  g_assert_cmpfloat (c_peter, >, 6);
  g_assert_cmpfloat (c_peter, <, 8);
}

/* A run (osim_sim_run_from: leavers found in the yearly pass, a large
 * level's scores for next year's picks filled in as the pass meets them)
 * and the same years one by one (osim_sim_year: leavers found at the start
 * of the year, every selection tree filled from the people) leave the same
 * people in every post: the same random numbers, the same picks. */
static void
check_run_equals_years (const char *ini, OsimPolicy policy)
{
  Run r;
  run_init (&r, ini);
  OsimOrg *a = osim_org_new (r.p, r.shape, r.p->seed, 0);
  OsimOrg *b = osim_org_copy (a);
  g_autoptr (OsimSeries) s = osim_series_new (r.p->steps, r.p->n_levels);
  g_assert_true (osim_sim_run_from (a, policy, s, NULL, NULL));
  /* As a run's step 0: accounts opened, nobody aged. */
  osim_effort_update (b, FALSE);
  double counts[OSIM_N_METRICS] = { 0 }, promotions = 0;
  for (int y = 0; y < r.p->steps; y++)
    osim_sim_year (b, policy, counts);
  for (int t = 1; t <= r.p->steps; t++)
    promotions += s->m[t * OSIM_N_METRICS + OSIM_M_PROMOTIONS];
  g_assert_cmpfloat (counts[OSIM_M_PROMOTIONS], ==, promotions);
  g_assert_cmpfloat (promotions, >, 0);
  for (gint64 i = 0; i < r.shape->n_positions; i++)
    {
      const OsimPerson *p = &a->people[i], *q = &b->people[i];
      g_assert_cmpuint (p->key, ==, q->key);
      g_assert_cmpfloat (p->T, ==, q->T);
      g_assert_cmpfloat (p->P, ==, q->P);
      g_assert_cmpfloat (p->C, ==, q->C);
      g_assert_cmpfloat (p->age, ==, q->age);
      g_assert_cmpfloat (p->trust, ==, q->trust);
      g_assert_cmpint (osim_person_tenure (a, p), ==, osim_person_tenure (b, q));
    }
  osim_org_free (a);
  osim_org_free (b);
  run_clear (&r);
}

/* The policies of a run sharing the draws of hires and promotions (as
 * orgsim run has them, with room for all of them or for a few) give the
 * same series as each drawing its own. */
static void
test_shared_draws (void)
{
  static const char *const inis[] = {
    SMALL_ON,
    SMALL_OFF "[promotion]\ntransfer = peter\n",
    SMALL_OFF "[promotion]\ntransfer = mixed\nkeep = 0.5\n",
  };
  static const OsimPolicy policies[] = { OSIM_POLICY_BEST, OSIM_POLICY_WORST, OSIM_POLICY_RANDOM,
                                         OSIM_POLICY_ALTERNATE, OSIM_POLICY_EXTERNAL };
  static const gsize budgets[] = { 1 << 20, 600 };
  for (gsize i = 0; i < G_N_ELEMENTS (inis); i++)
    for (gsize b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        Run r;
        run_init (&r, inis[i]);
        OsimOrg *initial = osim_org_new (r.p, r.shape, r.p->seed, 0);
        OsimDraws *draws = osim_draws_new (initial->year, budgets[b]);
        for (gsize j = 0; j < G_N_ELEMENTS (policies); j++)
          {
            OsimOrg *own = osim_org_copy (initial), *shared = osim_org_copy (initial);
            shared->draws = draws;
            g_autoptr (OsimSeries) a = osim_series_new (r.p->steps, r.p->n_levels);
            g_autoptr (OsimSeries) s = osim_series_new (r.p->steps, r.p->n_levels);
            g_assert_true (osim_sim_run_from (own, policies[j], a, NULL, NULL));
            g_assert_true (osim_sim_run_from (shared, policies[j], s, NULL, NULL));
            g_assert_cmpmem (a->m, m_bytes (a), s->m, m_bytes (s));
            g_assert_cmpmem (a->lm, lm_bytes (a), s->lm, lm_bytes (s));
            osim_org_free (own);
            osim_org_free (shared);
          }
        osim_draws_free (draws);
        osim_org_free (initial);
        run_clear (&r);
      }
}

static void
test_run_equals_years (void)
{
  /* 900 positions at the bottom: a selection tree, and a dense array above. */
  static const char *const inis[] = {
    "[scenario]\nsteps = 30\nseed = 9\n[org]\nspans = 3;30;10\n",
    "[scenario]\nsteps = 30\nseed = 9\n[org]\nspans = 3;30;10\n"
    "people_weight = 0.6;0.4;0.2;0\n[effort]\nenabled = true\n[people]\nquit_rate = 0.2\n",
    "[scenario]\nsteps = 30\nseed = 9\n[org]\nspans = 3;30;10\ncandidates = team\n",
    "[scenario]\nsteps = 30\nseed = 9\n[org]\nspans = 3;30;10\n"
    "[promotion]\nassessment_noise = 0.5\n",
  };
  static const OsimPolicy policies[] = { OSIM_POLICY_BEST, OSIM_POLICY_WORST, OSIM_POLICY_RANDOM,
                                         OSIM_POLICY_SENIORITY, OSIM_POLICY_ALTERNATE,
                                         OSIM_POLICY_POTENTIAL };
  for (gsize i = 0; i < G_N_ELEMENTS (inis); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (policies); j++)
      check_run_equals_years (inis[i], policies[j]);
}

/* A shard's runs: counted and walked (first, then every count-th) as
 * osim_shard_has_run deals them. */
static void
test_shard_runs (void)
{
  for (int count = 1; count <= 6; count++)
    for (int index = 1; index <= count; index++)
      for (gint64 runs = 0; runs <= 20; runs++)
        {
          gint64 n = 0, walked = 0;
          for (gint64 r = 0; r < runs; r++)
            n += osim_shard_has_run (index, count, r);
          for (gint64 r = osim_shard_first_run (index); r < runs; r += count)
            {
              g_assert_true (osim_shard_has_run (index, count, r));
              walked++;
            }
          g_assert_cmpint (osim_shard_n_runs (index, count, runs), ==, n);
          g_assert_cmpint (walked, ==, n);
        }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing case, not only the first. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/sim/names", test_names);
  g_test_add_func ("/sim/shard-runs", test_shard_runs);
  g_test_add_func ("/sim/run-equals-years", test_run_equals_years);
  g_test_add_func ("/sim/shared-draws", test_shared_draws);
  g_test_add_func ("/sim/deterministic", test_deterministic);
  g_test_add_func ("/sim/efficiency-initial", test_efficiency_initial);
  g_test_add_func ("/sim/measure-final", test_measure_final);
  g_test_add_func ("/sim/top-effort", test_top_effort);
  g_test_add_func ("/sim/effort-off", test_effort_off);
  g_test_add_func ("/sim/years", test_years);
  g_test_add_func ("/sim/paired-hires", test_paired_hires);
  g_test_add_func ("/sim/cancel", test_cancel);
  g_test_add_func ("/sim/peter-principle", test_peter_principle);
  return g_test_run ();
}

/* test-org.c: the org chart's shape, its layout, hiring (org.h). */
#include "test-helpers.h"

#include "orgsim/org.h"

/* Every structural invariant of a shape, against its parameters. */
static void
check_shape_invariants (const OsimParams *p, const OsimShape *s)
{
  g_assert_cmpint (s->n_levels, ==, p->n_levels);
  gint64 total = 0;
  for (int k = 0; k < s->n_levels; k++)
    {
      g_assert_cmpint (s->level_start[k], ==, total);
      g_assert_cmpint (s->level_size[k], ==, p->level_size[k]);
      total += p->level_size[k];
    }
  g_assert_cmpint (s->level_start[s->n_levels], ==, total);
  g_assert_cmpint (s->n_positions, ==, total);
  g_assert_cmpint (osim_params_positions (p), ==, total);

  g_autofree gint64 *seen_children = g_new0 (gint64, total);
  for (int k = 0; k < s->n_levels; k++)
    for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
      {
        g_assert_cmpint (s->level[pos], ==, k);
        if (k == 0)
          {
            g_assert_cmpint (s->parent[pos], ==, -1);
            continue;
          }
        gint32 par = s->parent[pos];
        /* The parent is one level up... */
        g_assert_cmpint (par, >=, s->level_start[k - 1]);
        g_assert_cmpint (par, <, s->level_start[k]);
        /* ...and pos lies in its children's range. */
        g_assert_cmpint (pos, >=, s->child_start[par]);
        g_assert_cmpint (pos, <, (gint64) s->child_start[par] + s->child_count[par]);
        seen_children[par]++;
        /* Parents never decrease along a level (contiguous blocks). */
        if (pos > s->level_start[k])
          g_assert_cmpint (s->parent[pos - 1], <=, par);
      }
  /* Counts agree with the parents, and each level's children cover the next
   * level exactly. */
  for (int k = 0; k < s->n_levels; k++)
    {
      gint64 sum = 0;
      for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
        {
          g_assert_cmpint (s->child_count[pos], ==, seen_children[pos]);
          sum += s->child_count[pos];
          if (s->child_count[pos] > 0 && k + 1 < s->n_levels)
            {
              g_assert_cmpint (s->child_start[pos], >=, s->level_start[k + 1]);
              g_assert_cmpint ((gint64) s->child_start[pos] + s->child_count[pos], <=,
                               s->level_start[k + 2]);
            }
        }
      g_assert_cmpint (sum, ==, k + 1 < s->n_levels ? s->level_size[k + 1] : 0);
    }
}

/* In a pyramid, level k+1 is spread evenly: child counts are floor or ceil
 * of n_{k+1} / n_k. */
static void
check_even_blocks (const OsimShape *s)
{
  for (int k = 0; k + 1 < s->n_levels; k++)
    {
      gint64 lo = s->level_size[k + 1] / s->level_size[k];
      gint64 hi = lo + (s->level_size[k + 1] % s->level_size[k] != 0);
      for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
        {
          g_assert_cmpint (s->child_count[pos], >=, lo);
          g_assert_cmpint (s->child_count[pos], <=, hi);
        }
    }
}

static void
test_levels_paper (void)
{
  g_autoptr (OsimScenario) sc = th_load ("", NULL);
  const OsimParams *p = osim_scenario_params (sc);
  g_autoptr (OsimShape) s = osim_shape_new (p);
  check_shape_invariants (p, s);
  check_even_blocks (s);
  g_assert_cmpint (s->n_positions, ==, 160);
  const gint64 starts[] = { 0, 1, 6, 17, 38, 79, 160 };
  for (int k = 0; k <= 6; k++)
    g_assert_cmpint (s->level_start[k], ==, starts[k]);
  /* The top's reports are all of level 1. */
  g_assert_cmpint (s->child_start[0], ==, 1);
  g_assert_cmpint (s->child_count[0], ==, 5);
}

static void
test_levels_small (void)
{
  g_autoptr (OsimScenario) sc = th_load ("[org]\nlevels = 1;5;11\n", NULL);
  const OsimParams *p = osim_scenario_params (sc);
  g_autoptr (OsimShape) s = osim_shape_new (p);
  check_shape_invariants (p, s);
  check_even_blocks (s);
  /* 11 over 5: each level-1 position has 2 or 3 reports, 11 in all, one of
   * them 3 (11 = 4 x 2 + 3). */
  int threes = 0;
  for (gint64 pos = 1; pos < 6; pos++)
    {
      g_assert_true (s->child_count[pos] == 2 || s->child_count[pos] == 3);
      threes += s->child_count[pos] == 3;
    }
  g_assert_cmpint (threes, ==, 1);
  g_assert_cmpint (s->child_count[0], ==, 5);
}

static void
test_levels_uneven (void)
{
  /* Odd shapes: a level narrower than the one above, equal sizes, primes. */
  static const char *const shapes[] = {
    "1;5;3", "1;2;2;2", "1;3;7;15", "1;7;50;51", "1;13;97;1000", "2;3;5",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      /* Responsibility defaults to a linear ramp for any number of levels. */
      g_autofree char *ini = g_strdup_printf ("[org]\nlevels = %s\n", shapes[i]);
      g_test_message ("levels = %s", shapes[i]);
      g_autoptr (OsimScenario) sc = th_load (ini, NULL);
      const OsimParams *p = osim_scenario_params (sc);
      g_autoptr (OsimShape) s = osim_shape_new (p);
      check_shape_invariants (p, s);
      check_even_blocks (s);
    }
}

static void
test_spans (void)
{
  g_autoptr (OsimScenario) sc = th_load ("[org]\nspans = 10;10\n", NULL);
  const OsimParams *p = osim_scenario_params (sc);
  g_assert_true (p->use_spans);
  g_autoptr (OsimShape) s = osim_shape_new (p);
  check_shape_invariants (p, s);
  g_assert_cmpint (s->n_levels, ==, 3);
  g_assert_cmpint (s->n_positions, ==, 111);
  for (gint64 pos = 0; pos < 11; pos++)
    g_assert_cmpint (s->child_count[pos], ==, 10);
  for (gint64 pos = 11; pos < 111; pos++)
    g_assert_cmpint (s->child_count[pos], ==, 0);
  /* Breadth-first: position 1 + i's reports are 11 + 10 i .. 20 + 10 i. */
  for (int i = 0; i < 10; i++)
    g_assert_cmpint (s->child_start[1 + i], ==, 11 + 10 * i);

  g_autoptr (OsimScenario) sc2 = th_load ("[org]\nspans = 3;4;2\n", NULL);
  const OsimParams *p2 = osim_scenario_params (sc2);
  g_autoptr (OsimShape) s2 = osim_shape_new (p2);
  check_shape_invariants (p2, s2);
  g_assert_cmpint (s2->n_positions, ==, 1 + 3 + 12 + 24);
  const int want[] = { 3, 4, 2, 0 };
  for (int k = 0; k < 4; k++)
    for (gint64 pos = s2->level_start[k]; pos < s2->level_start[k + 1]; pos++)
      g_assert_cmpint (s2->child_count[pos], ==, want[k]);
}

static void
check_layout (const OsimShape *s, gboolean every_upper_has_reports)
{
  g_autofree double *x = osim_shape_layout (s);
  for (gint64 pos = 0; pos < s->n_positions; pos++)
    {
      g_assert_cmpfloat (x[pos], >=, 0.0);
      g_assert_cmpfloat (x[pos], <=, 1.0);
      gint32 c = s->child_count[pos];
      if (c > 0)
        g_assert_cmpfloat_with_epsilon (
            x[pos], 0.5 * (x[s->child_start[pos]] + x[s->child_start[pos] + c - 1]), 1e-12);
    }
  /* The bottom level is evenly spaced, centred in [0,1]. */
  int b = s->n_levels - 1;
  gint64 nb = s->level_size[b];
  for (gint64 j = 0; j < nb; j++)
    g_assert_cmpfloat_with_epsilon (x[s->level_start[b] + j], (j + 0.5) / (double) nb, 1e-12);
  /* No crossing lines: along a level, x increases. */
  if (every_upper_has_reports)
    for (int k = 0; k < s->n_levels; k++)
      for (gint64 pos = s->level_start[k] + 1; pos < s->level_start[k + 1]; pos++)
        g_assert_cmpfloat (x[pos - 1], <, x[pos]);
}

static void
test_layout (void)
{
  g_autoptr (OsimScenario) sc = th_load ("", NULL);
  g_autoptr (OsimShape) s = osim_shape_new (osim_scenario_params (sc));
  check_layout (s, TRUE);
  g_autoptr (OsimScenario) sc2 = th_load ("[org]\nspans = 3;4;2\n", NULL);
  g_autoptr (OsimShape) s2 = osim_shape_new (osim_scenario_params (sc2));
  check_layout (s2, TRUE);
  /* Symmetric spans: the top is at the centre. */
  g_autofree double *x = osim_shape_layout (s2);
  g_assert_cmpfloat_with_epsilon (x[0], 0.5, 1e-12);
  g_autoptr (OsimScenario) sc3
      = th_load ("[org]\nlevels = 1;5;3\n", NULL);
  g_autoptr (OsimShape) s3 = osim_shape_new (osim_scenario_params (sc3));
  check_layout (s3, FALSE);
}

static void
check_new_org (const OsimParams *p, const OsimOrg *org)
{
  const OsimShape *s = org->shape;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (gint64 pos = 0; pos < s->n_positions; pos++)
    {
      const OsimPerson *q = &org->people[pos];
      g_assert_false (q->vacant);
      g_assert_cmpuint (osim_person_number (q), >=, 1);
      g_assert_cmpuint (osim_person_number (q), <=, (guint64) s->n_positions);
      g_assert_false (g_hash_table_contains (ids, &q->key));
      g_hash_table_add (ids, (gpointer) &q->key);
      g_assert_cmpfloat (q->T, >=, p->technical.lo);
      g_assert_cmpfloat (q->T, <=, p->technical.hi);
      g_assert_cmpfloat (q->P, >=, p->people.lo);
      g_assert_cmpfloat (q->P, <=, p->people.hi);
      g_assert_cmpfloat (q->age, >=, p->age.lo);
      g_assert_cmpfloat (q->age, <=, p->age.hi);
      double w = p->people_weight[s->level[pos]];
      g_assert_cmpfloat_with_epsilon (q->C, (1 - w) * q->T + w * q->P, 1e-12);
      g_assert_cmpfloat (osim_person_effort (p, q), ==, 1.0);
      g_assert_cmpint (q->service, ==, 0);
      g_assert_cmpint (osim_person_tenure (org, q), ==, 0);
      if (!p->effort_enabled)
        g_assert_cmpfloat (q->theta, ==, 0);
    }
  g_assert_cmpuint (org->next_id, ==, (guint64) s->n_positions + 1);
}

static void
test_org_new (void)
{
  ThOrg t;
  th_org_init (&t, "", 1, 0);
  check_new_org (&t.params, t.org);
  /* With every w = 0, C = T. */
  for (gint64 pos = 0; pos < t.shape->n_positions; pos++)
    g_assert_cmpfloat (t.org->people[pos].C, ==, t.org->people[pos].T);
  /* Hires vary (not all the same draw). */
  g_assert_cmpfloat (t.org->people[0].T, !=, t.org->people[1].T);
  th_org_clear (&t);

  /* The same (seed, run) gives the same org; another run another. */
  ThOrg a, b, c;
  th_org_init (&a, "", 5, 2);
  th_org_init (&b, "", 5, 2);
  th_org_init (&c, "", 5, 3);
  int same = 0;
  for (gint64 pos = 0; pos < a.shape->n_positions; pos++)
    {
      g_assert_cmpfloat (a.org->people[pos].T, ==, b.org->people[pos].T);
      g_assert_cmpfloat (a.org->people[pos].P, ==, b.org->people[pos].P);
      g_assert_cmpfloat (a.org->people[pos].age, ==, b.org->people[pos].age);
      same += a.org->people[pos].T == c.org->people[pos].T;
    }
  g_assert_cmpint (same, <, 5);
  th_org_clear (&a);
  th_org_clear (&b);
  th_org_clear (&c);
}

static void
test_org_hire_ranges (void)
{
  /* Uniform skills, a narrow age range, the leadership layer on. */
  ThOrg t;
  th_org_init (&t,
               "[org]\nspans = 20;20\npeople_weight = 0.9;0.5;0\nresponsibility = 1;1;1\n"
               "[people]\ntechnical = uniform(2,9)\npeople = uniform(3,4)\n"
               "age = uniform(30,31)\nvalues_spread = 0.5\n[effort]\nenabled = true\n",
               3, 0);
  check_new_org (&t.params, t.org);
  /* Values spread about 0.5 around 0 with the layer on. */
  double sum = 0, sumsq = 0;
  gint64 n = t.shape->n_positions;
  for (gint64 pos = 0; pos < n; pos++)
    sum += t.org->people[pos].theta, sumsq += t.org->people[pos].theta * t.org->people[pos].theta;
  double sd = sqrt (sumsq / n - (sum / n) * (sum / n));
  g_assert_cmpfloat (fabs (sum / n), <, 0.1);
  g_assert_cmpfloat (fabs (sd - 0.5), <, 0.06);
  /* osim_org_hire replaces one person with a fresh id. */
  guint64 old = t.org->people[5].key;
  osim_org_hire (t.org, 5);
  g_assert_cmpuint (osim_person_number (&t.org->people[5]), ==, (guint64) n + 1);
  g_assert_cmpuint (t.org->people[5].key, !=, old);
  g_assert_cmpuint (t.org->next_id, ==, (guint64) n + 2);
  th_org_clear (&t);

  /* Constants are constants. */
  th_org_init (&t, "[people]\ntechnical = constant(6.5)\npeople = constant(2)\n"
                   "age = constant(40)\n",
               3, 0);
  check_new_org (&t.params, t.org);
  for (gint64 pos = 0; pos < t.shape->n_positions; pos++)
    {
      g_assert_cmpfloat (t.org->people[pos].T, ==, 6.5);
      g_assert_cmpfloat (t.org->people[pos].P, ==, 2);
      g_assert_cmpfloat (t.org->people[pos].age, ==, 40);
    }
  th_org_clear (&t);
}

static void
test_org_rho (void)
{
  /* rho among hires: strongly positive with 0.8, near zero with 0. */
  const char *ini8 = "[org]\nspans = 100;100\nresponsibility = 1;1;1\n[people]\nrho = 0.8\n";
  const char *ini0 = "[org]\nspans = 100;100\nresponsibility = 1;1;1\n[people]\nrho = 0\n";
  for (int k = 0; k < 2; k++)
    {
      ThOrg t;
      th_org_init (&t, k == 0 ? ini8 : ini0, 8, 0);
      gint64 n = t.shape->n_positions;
      g_autofree double *T = g_new (double, n);
      g_autofree double *P = g_new (double, n);
      for (gint64 i = 0; i < n; i++)
        T[i] = t.org->people[i].T, P[i] = t.org->people[i].P;
      double r = th_correlation (T, P, n);
      if (k == 0)
        {
          g_assert_cmpfloat (r, >, 0.65);
          g_assert_cmpfloat (r, <, 0.85);
        }
      else
        g_assert_cmpfloat (fabs (r), <, 0.05);
      th_org_clear (&t);
    }
}

static void
test_competence (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nlevels = 1;3;9\nresponsibility = 1;1;1\npeople_weight = 0.8;0.5;0\n",
               2, 0);
  const double w[] = { 0.8, 0.5, 0 };
  for (gint64 pos = 0; pos < t.shape->n_positions; pos++)
    {
      const OsimPerson *q = &t.org->people[pos];
      double wk = w[t.shape->level[pos]];
      g_assert_cmpfloat_with_epsilon (q->C, (1 - wk) * q->T + wk * q->P, 1e-12);
    }
  /* By hand: T = 9, P = 2 is worth 3.4 at the top, 5.5 in the middle, 9 below. */
  for (gint64 pos = 0; pos < t.shape->n_positions; pos++)
    {
      t.org->people[pos].T = 9;
      t.org->people[pos].P = 2;
      osim_org_refresh (t.org, pos);
    }
  g_assert_cmpfloat_with_epsilon (t.org->people[0].C, 3.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.org->people[2].C, 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.org->people[10].C, 9.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_competence (&t.params, 0, 4, 10), 8.8, 1e-12);
  th_org_clear (&t);
}

static void
test_org_bytes (void)
{
  g_autoptr (OsimScenario) small = th_load ("", NULL);
  g_autoptr (OsimScenario) big = th_load ("[org]\nspans = 100;100\n", NULL);
  double bs = osim_org_bytes (osim_scenario_params (small));
  double bb = osim_org_bytes (osim_scenario_params (big));
  /* At least the people themselves, growing with the org by at least a
   * person a position (the shared draws of a run are a fixed budget, the
   * same for both, at most OSIM_DRAWS_MAX_BYTES). */
  g_assert_cmpfloat (bs, >=, 160.0 * sizeof (OsimPerson));
  g_assert_cmpfloat (bb, >=, 10101.0 * sizeof (OsimPerson));
  g_assert_cmpfloat (bb - bs, >=, (10101.0 - 160.0) * sizeof (OsimPerson));
  g_assert_cmpfloat (bs, <=, OSIM_DRAWS_MAX_BYTES + 160.0 * 1024);
}

/* The steady start: ages spread between hiring and retirement, older higher
 * up; service within age; time in post within service; nobody below the
 * dismissal threshold. */
static void
test_steady_start (void)
{
  ThOrg t;
  th_org_init (&t, "[org]\nstart = steady\nlevels = 1;4;16;64;256\n", 3, 0);
  const OsimParams *p = &t.params;
  const OsimShape *s = t.shape;
  double sum[OSIM_MAX_LEVELS] = { 0 }, sum2 = 0, all = 0;
  for (gint64 pos = 0; pos < s->n_positions; pos++)
    {
      const OsimPerson *q = &t.org->people[pos];
      g_assert_cmpfloat (q->C, >=, p->dismiss_below);
      g_assert_cmpfloat (q->age, <=, p->retire_age);
      g_assert_cmpfloat (q->age - q->service, >=, p->age.lo);
      g_assert_cmpint (osim_person_tenure (t.org, q), >=, 0);
      g_assert_cmpint (osim_person_tenure (t.org, q), <=, q->service);
      sum[s->level[pos]] += q->age;
      all += q->age;
      sum2 += q->age * q->age;
    }
  double n = (double) s->n_positions, mean = all / n;
  double sd = sqrt (sum2 / n - mean * mean);
  g_assert_cmpfloat (sd, >, 6);     /* not everyone about 25 (hiring sd 5) */
  g_assert_cmpfloat (mean, >, 30);
  g_assert_cmpfloat (sum[1] / 4, >, sum[4] / 256); /* VPs older than the bottom */
  th_org_clear (&t);
  /* The paper's start is untouched: fresh hires. */
  th_org_init (&t, "[org]\nstart = paper\nlevels = 1;4;16\n", 3, 0);
  check_new_org (&t.params, t.org);
  th_org_clear (&t);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/org/levels-paper", test_levels_paper);
  g_test_add_func ("/org/steady-start", test_steady_start);
  g_test_add_func ("/org/levels-small", test_levels_small);
  g_test_add_func ("/org/levels-uneven", test_levels_uneven);
  g_test_add_func ("/org/spans", test_spans);
  g_test_add_func ("/org/layout", test_layout);
  g_test_add_func ("/org/new", test_org_new);
  g_test_add_func ("/org/hire-ranges", test_org_hire_ranges);
  g_test_add_func ("/org/rho", test_org_rho);
  g_test_add_func ("/org/competence", test_competence);
  g_test_add_func ("/org/bytes", test_org_bytes);
  return g_test_run ();
}

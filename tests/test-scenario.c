/* test-scenario.c: loading, validating and resolving scenario files
 * (scenario.h): defaults, every value type, topologies, sweeps, --set, the
 * INI round trip, and every validation error with its FILE:LINE. */
#include "test-helpers.h"

#include <glib/gstdio.h>

#include "orgsim/scenario.h"

/* ---- helpers ---- */

static void
assert_dist (const OsimDist *d, OsimDistKind kind, double a, double b, double c, double e)
{
  g_assert_cmpint (d->kind, ==, kind);
  switch (kind)
    {
    case OSIM_DIST_NORMAL:
      g_assert_cmpfloat (d->mean, ==, a);
      g_assert_cmpfloat (d->sd, ==, b);
      g_assert_cmpfloat (d->lo, ==, c);
      g_assert_cmpfloat (d->hi, ==, e);
      break;
    case OSIM_DIST_UNIFORM:
      g_assert_cmpfloat (d->lo, ==, a);
      g_assert_cmpfloat (d->hi, ==, b);
      break;
    case OSIM_DIST_CONSTANT:
      g_assert_cmpfloat (d->mean, ==, a);
      break;
    }
}

static void
assert_dist_equal (const OsimDist *a, const OsimDist *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpfloat (a->mean, ==, b->mean);
  g_assert_cmpfloat (a->lo, ==, b->lo);
  g_assert_cmpfloat (a->hi, ==, b->hi);
  if (a->kind == OSIM_DIST_NORMAL)
    g_assert_cmpfloat (a->sd, ==, b->sd);
}

/* Every meaningful field of two parameter sets is equal. */
static void
assert_params_equal (const OsimParams *a, const OsimParams *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpint (a->steps, ==, b->steps);
  g_assert_cmpint (a->runs, ==, b->runs);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpint (a->n_policies, ==, b->n_policies);
  for (int i = 0; i < a->n_policies; i++)
    g_assert_cmpint (a->policies[i], ==, b->policies[i]);
  g_assert_cmpint (a->baseline, ==, b->baseline);
  g_assert_cmpint (a->window, ==, b->window);
  g_assert_cmpint (a->n_levels, ==, b->n_levels);
  g_assert_cmpint (!!a->use_spans, ==, !!b->use_spans);
  for (int k = 0; k < a->n_levels; k++)
    {
      g_assert_cmpint (a->level_size[k], ==, b->level_size[k]);
      g_assert_cmpfloat (a->responsibility[k], ==, b->responsibility[k]);
      g_assert_cmpfloat (a->people_weight[k], ==, b->people_weight[k]);
      if (a->use_spans && k + 1 < a->n_levels)
        g_assert_cmpint (a->span[k], ==, b->span[k]);
    }
  g_assert_cmpint (a->candidates, ==, b->candidates);
  assert_dist_equal (&a->technical, &b->technical);
  assert_dist_equal (&a->people, &b->people);
  assert_dist_equal (&a->age, &b->age);
  g_assert_cmpfloat (a->rho, ==, b->rho);
  g_assert_cmpfloat (a->retire_age, ==, b->retire_age);
  g_assert_cmpfloat (a->dismiss_below, ==, b->dismiss_below);
  g_assert_cmpfloat (a->quit_rate, ==, b->quit_rate);
  g_assert_cmpfloat (a->values_spread, ==, b->values_spread);
  g_assert_cmpint (a->transfer, ==, b->transfer);
  g_assert_cmpfloat (a->delta, ==, b->delta);
  g_assert_cmpfloat (a->keep, ==, b->keep);
  g_assert_cmpfloat (a->p, ==, b->p);
  g_assert_cmpfloat (a->r, ==, b->r);
  g_assert_cmpfloat (a->assessment_noise, ==, b->assessment_noise);
  g_assert_cmpint (!!a->effort_enabled, ==, !!b->effort_enabled);
  g_assert_cmpfloat (a->bare_minimum, ==, b->bare_minimum);
  g_assert_cmpfloat (a->trust_initial, ==, b->trust_initial);
  g_assert_cmpfloat (a->deposit, ==, b->deposit);
  g_assert_cmpfloat (a->withdrawal, ==, b->withdrawal);
  g_assert_cmpfloat (a->people_neutral, ==, b->people_neutral);
  g_assert_cmpfloat (a->follow_threshold, ==, b->follow_threshold);
  g_assert_cmpfloat (a->training, ==, b->training);
  g_assert_cmpfloat (a->coaching, ==, b->coaching);
}

/* Loads text expecting failure; returns the error. */
static GError *
load_fail (const char *text, gsize len, const char *const *overrides)
{
  GError *error = NULL;
  OsimScenario *sc = osim_scenario_load_data ("test.ini", text, len, overrides, &error);
  if (sc != NULL)
    {
      osim_scenario_free (sc);
      g_error ("loaded, but an error was expected:\n%s", text);
    }
  g_assert_nonnull (error);
  g_test_message ("message: %s", error->message);
  return error;
}

/* ---- defaults and values ---- */

static void
test_defaults (void)
{
  g_autoptr (OsimScenario) sc = th_load ("", NULL);
  const OsimParams *p = osim_scenario_params (sc);
  const gint64 levels[] = { 1, 5, 11, 21, 41, 81 };
  const double resp[] = { 1, 0.9, 0.8, 0.6, 0.4, 0.2 };
  g_assert_cmpint (p->n_levels, ==, 6);
  g_assert_false (p->use_spans);
  for (int k = 0; k < 6; k++)
    {
      g_assert_cmpint (p->level_size[k], ==, levels[k]);
      g_assert_cmpfloat (p->responsibility[k], ==, resp[k]);
      g_assert_cmpfloat (p->people_weight[k], ==, 0); /* C = T: the paper */
    }
  g_assert_cmpint (osim_params_positions (p), ==, 160);
  assert_dist (&p->technical, OSIM_DIST_NORMAL, 7, 2, 1, 10);
  assert_dist (&p->age, OSIM_DIST_NORMAL, 25, 5, 18, 60);
  g_assert_cmpfloat (p->retire_age, ==, 60);
  g_assert_cmpfloat (p->dismiss_below, ==, 4);
  g_assert_cmpint (p->candidates, ==, OSIM_CANDIDATES_LEVEL);
  g_assert_cmpint (p->transfer, ==, OSIM_TRANSFER_COMMON_SENSE);
  g_assert_cmpfloat (p->delta, ==, 1);
  g_assert_cmpint (p->steps, ==, 1000);
  g_assert_cmpint (p->runs, ==, 50);
  g_assert_false (p->effort_enabled);
  g_assert_cmpfloat (p->rho, ==, 0);
  g_assert_cmpfloat (p->assessment_noise, ==, 0);
  g_assert_cmpfloat (p->training, ==, 0);
  g_assert_cmpfloat (p->coaching, ==, 0);
  /* The window defaults to min(100, steps); the baseline to the first policy. */
  g_assert_cmpint (p->window, ==, 100);
  g_assert_cmpint (p->n_policies, >=, 1);
  g_assert_cmpint (p->baseline, ==, p->policies[0]);
  /* No sweep: one variant, "base", equal to the base parameters. */
  g_assert_cmpint (osim_scenario_n_sweep (sc), ==, 0);
  g_assert_cmpint (osim_scenario_n_variants (sc), ==, 1);
  g_assert_cmpstr (osim_scenario_variant_name (sc, 0), ==, "base");
  assert_params_equal (p, osim_scenario_variant (sc, 0));
  g_assert_cmpstr (osim_scenario_path (sc), ==, "test.ini");

  /* A short run gets a short window. */
  g_autoptr (OsimScenario) s2 = th_load ("[scenario]\nsteps = 40\n", NULL);
  g_assert_cmpint (osim_scenario_params (s2)->window, ==, 40);
}

static const char full_ini[] = "# every key, every type\n"
                               "[scenario]\n"
                               "name = my-test\n"
                               "description = A test, with words; and more\n"
                               "steps = 250\n"
                               "runs = 7\n"
                               "seed = 18446744073709551615\n"
                               "policies = people ; potential;seniority;\n"
                               "baseline = potential\n"
                               "window = 30\n"
                               "\n"
                               "[org]\n"
                               "levels = 1;4;16\n"
                               "responsibility = 1; 0.5 ;0.25\n"
                               "people_weight = 0.9;0.5;0\n"
                               "candidates = team\n"
                               "[people]\n"
                               "technical = uniform(2,9)\n"
                               "people = constant(5)\n"
                               "age = normal( 30 , 4 , 20 , 50 )\n"
                               "rho = -0.25\n"
                               "retire_age = 55.5\n"
                               "dismiss_below = 2.5\n"
                               "quit_rate = 0.05\n"
                               "values_spread = 0.75\n"
                               "[promotion]\n"
                               "transfer = mixed\n"
                               "delta = 0.5\n"
                               "keep = 0.3\n"
                               "p = 0.2\n"
                               "r = 0.4\n"
                               "assessment_noise = 1.5\n"
                               "[effort]\n"
                               "enabled = true\n"
                               "bare_minimum = 0.4\n"
                               "trust_initial = 0.35\n"
                               "deposit = 0.15\n"
                               "withdrawal = 0.25\n"
                               "people_neutral = 5.5\n"
                               "follow_threshold = 0.6\n"
                               "[training]\n"
                               "training = 0.05\n"
                               "coaching = 1\n";

static void
test_values (void)
{
  g_autoptr (OsimScenario) sc = th_load (full_ini, NULL);
  const OsimParams *p = osim_scenario_params (sc);
  g_assert_cmpstr (p->name, ==, "my-test");
  g_assert_cmpstr (p->description, ==, "A test, with words; and more");
  g_assert_cmpint (p->steps, ==, 250);
  g_assert_cmpint (p->runs, ==, 7);
  g_assert_cmpuint (p->seed, ==, G_MAXUINT64);
  g_assert_cmpint (p->n_policies, ==, 3);
  g_assert_cmpint (p->policies[0], ==, OSIM_POLICY_PEOPLE);
  g_assert_cmpint (p->policies[1], ==, OSIM_POLICY_POTENTIAL);
  g_assert_cmpint (p->policies[2], ==, OSIM_POLICY_SENIORITY);
  g_assert_cmpint (p->baseline, ==, OSIM_POLICY_POTENTIAL);
  g_assert_cmpint (p->window, ==, 30);
  g_assert_cmpint (p->n_levels, ==, 3);
  g_assert_cmpint (p->level_size[0], ==, 1);
  g_assert_cmpint (p->level_size[1], ==, 4);
  g_assert_cmpint (p->level_size[2], ==, 16);
  g_assert_cmpfloat (p->responsibility[1], ==, 0.5);
  g_assert_cmpfloat (p->responsibility[2], ==, 0.25);
  g_assert_cmpfloat (p->people_weight[0], ==, 0.9);
  g_assert_cmpfloat (p->people_weight[1], ==, 0.5);
  g_assert_cmpint (p->candidates, ==, OSIM_CANDIDATES_TEAM);
  assert_dist (&p->technical, OSIM_DIST_UNIFORM, 2, 9, 0, 0);
  assert_dist (&p->people, OSIM_DIST_CONSTANT, 5, 0, 0, 0);
  assert_dist (&p->age, OSIM_DIST_NORMAL, 30, 4, 20, 50);
  g_assert_cmpfloat (p->rho, ==, -0.25);
  g_assert_cmpfloat (p->retire_age, ==, 55.5);
  g_assert_cmpfloat (p->dismiss_below, ==, 2.5);
  g_assert_cmpfloat (p->quit_rate, ==, 0.05);
  g_assert_cmpfloat (p->values_spread, ==, 0.75);
  g_assert_cmpint (p->transfer, ==, OSIM_TRANSFER_MIXED);
  g_assert_cmpfloat (p->delta, ==, 0.5);
  g_assert_cmpfloat (p->keep, ==, 0.3);
  g_assert_cmpfloat (p->p, ==, 0.2);
  g_assert_cmpfloat (p->r, ==, 0.4);
  g_assert_cmpfloat (p->assessment_noise, ==, 1.5);
  g_assert_true (p->effort_enabled);
  g_assert_cmpfloat (p->bare_minimum, ==, 0.4);
  g_assert_cmpfloat (p->trust_initial, ==, 0.35);
  g_assert_cmpfloat (p->deposit, ==, 0.15);
  g_assert_cmpfloat (p->withdrawal, ==, 0.25);
  g_assert_cmpfloat (p->people_neutral, ==, 5.5);
  g_assert_cmpfloat (p->follow_threshold, ==, 0.6);
  g_assert_cmpfloat (p->training, ==, 0.05);
  g_assert_cmpfloat (p->coaching, ==, 1);
  g_assert_cmpint (osim_params_positions (p), ==, 21);

  /* Booleans in their usual spellings. */
  static const struct { const char *text; gboolean v; } bools[] = {
    { "true", TRUE }, { "false", FALSE }, { "yes", TRUE }, { "no", FALSE },
    { "on", TRUE },   { "off", FALSE },   { "1", TRUE },   { "0", FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bools); i++)
    {
      g_autofree char *ini = g_strdup_printf ("[effort]\nenabled = %s\n", bools[i].text);
      g_autoptr (OsimScenario) b = th_load (ini, NULL);
      g_assert_cmpint (!!osim_scenario_params (b)->effort_enabled, ==, bools[i].v);
    }
  /* Every transfer and policy name parses, and names map back. */
  for (int t = 0; t < OSIM_N_TRANSFERS; t++)
    {
      g_autofree char *ini
          = g_strdup_printf ("[promotion]\ntransfer = %s\n", osim_transfer_name ((OsimTransfer) t));
      g_autoptr (OsimScenario) b = th_load (ini, NULL);
      g_assert_cmpint (osim_scenario_params (b)->transfer, ==, t);
    }
  for (int pol = 0; pol < OSIM_N_POLICIES; pol++)
    {
      OsimPolicy back = OSIM_N_POLICIES;
      g_assert_true (osim_policy_from_name (osim_policy_name ((OsimPolicy) pol), &back));
      g_assert_cmpint (back, ==, pol);
      g_autofree char *ini
          = g_strdup_printf ("[scenario]\npolicies = %s\n", osim_policy_name ((OsimPolicy) pol));
      g_autoptr (OsimScenario) b = th_load (ini, NULL);
      g_assert_cmpint (osim_scenario_params (b)->policies[0], ==, pol);
    }
  /* The documented names of the contract. */
  g_assert_cmpstr (osim_policy_name (OSIM_POLICY_BEST_WORST), ==, "best-worst");
  g_assert_cmpstr (osim_transfer_name (OSIM_TRANSFER_COMMON_SENSE), ==, "common-sense");
  OsimPolicy dummy;
  g_assert_false (osim_policy_from_name ("Best", &dummy));
  g_assert_false (osim_policy_from_name ("", &dummy));
}

static void
test_key_table (void)
{
  /* Every key is documented, dotted, and unique; the table lists the keys
   * the results contract (orgsim(1)) names. */
  const OsimKeyInfo *info = osim_scenario_keys ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int n = 0;
  for (; info[n].key != NULL; n++)
    {
      g_assert_nonnull (strchr (info[n].key, '.'));
      g_assert_nonnull (info[n].range);
      g_assert_nonnull (info[n].meaning);
      g_assert_cmpuint (strlen (info[n].meaning), >, 5);
      g_assert_false (g_hash_table_contains (seen, info[n].key));
      g_hash_table_add (seen, (gpointer) info[n].key);
    }
  static const char *const needed[] = {
    "scenario.steps", "scenario.runs", "scenario.seed", "scenario.policies",
    "scenario.baseline", "scenario.window", "org.levels", "org.spans", "org.responsibility",
    "org.people_weight", "org.candidates", "people.technical", "people.people", "people.age",
    "people.rho", "people.retire_age", "people.dismiss_below", "people.quit_rate",
    "people.values_spread", "promotion.transfer", "promotion.delta", "promotion.keep",
    "promotion.p", "promotion.r", "promotion.assessment_noise", "effort.enabled",
    "effort.bare_minimum", "effort.trust_initial", "effort.deposit", "effort.withdrawal",
    "effort.people_neutral", "effort.follow_threshold", "training.training", "training.coaching",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_test_message ("%s", needed[i]);
      g_assert_true (g_hash_table_contains (seen, needed[i]));
    }
}

static void
test_spans (void)
{
  g_autoptr (OsimScenario) sc = th_load ("[org]\nspans = 10;10\n", NULL);
  const OsimParams *p = osim_scenario_params (sc);
  g_assert_true (p->use_spans);
  g_assert_cmpint (p->n_levels, ==, 3);
  g_assert_cmpint (p->span[0], ==, 10);
  g_assert_cmpint (p->span[1], ==, 10);
  g_assert_cmpint (p->level_size[0], ==, 1);
  g_assert_cmpint (p->level_size[1], ==, 10);
  g_assert_cmpint (p->level_size[2], ==, 100);
  g_assert_cmpint (osim_params_positions (p), ==, 111);
  /* Responsibility defaults per level for any depth: one value per level,
   * the top weighing most. */
  g_assert_cmpfloat (p->responsibility[0], ==, 1);
  g_assert_cmpfloat (p->responsibility[0], >, p->responsibility[1]);
  g_assert_cmpfloat (p->responsibility[1], >, p->responsibility[2]);
  g_assert_cmpfloat (p->responsibility[2], >, 0);

  g_autoptr (OsimScenario) s2 = th_load ("[org]\nspans = 7\n", NULL);
  g_assert_cmpint (osim_params_positions (osim_scenario_params (s2)), ==, 8);
  g_assert_cmpint (osim_scenario_params (s2)->n_levels, ==, 2);
}

static void
test_sweep (void)
{
  const char *ini = "[scenario]\nsteps = 20\n"
                    "[sweep]\n"
                    "promotion.transfer = common-sense;peter\n"
                    "promotion.p = 0; 0.5 ;1\n";
  g_autoptr (OsimScenario) sc = th_load (ini, NULL);
  g_assert_cmpint (osim_scenario_n_sweep (sc), ==, 2);
  const OsimSweepDim *d0 = osim_scenario_sweep_dim (sc, 0);
  const OsimSweepDim *d1 = osim_scenario_sweep_dim (sc, 1);
  g_assert_cmpstr (d0->key, ==, "promotion.transfer");
  g_assert_cmpint (d0->n_values, ==, 2);
  g_assert_cmpstr (d0->values[1], ==, "peter");
  g_assert_null (d0->values[2]);
  g_assert_cmpint (d0->line, ==, 4);
  g_assert_cmpstr (d1->key, ==, "promotion.p");
  g_assert_cmpint (d1->n_values, ==, 3);
  g_assert_cmpstr (d1->values[1], ==, "0.5");
  g_assert_cmpint (d1->line, ==, 5);

  g_assert_cmpint (osim_scenario_n_variants (sc), ==, 6);
  const char *transfers[] = { "common-sense", "peter" };
  const char *ps[] = { "0", "0.5", "1" };
  const double pv[] = { 0, 0.5, 1 };
  for (int v = 0; v < 6; v++)
    {
      /* The first key varies slowest. */
      int c0 = v / 3, c1 = v % 3;
      g_assert_cmpint (osim_scenario_variant_coord (sc, v, 0), ==, c0);
      g_assert_cmpint (osim_scenario_variant_coord (sc, v, 1), ==, c1);
      g_autofree char *name = g_strdup_printf ("promotion.transfer=%s promotion.p=%s",
                                               transfers[c0], ps[c1]);
      g_assert_cmpstr (osim_scenario_variant_name (sc, v), ==, name);
      const OsimParams *vp = osim_scenario_variant (sc, v);
      g_assert_cmpint (vp->transfer, ==, c0 == 0 ? OSIM_TRANSFER_COMMON_SENSE
                                                 : OSIM_TRANSFER_PETER);
      g_assert_cmpfloat (vp->p, ==, pv[c1]);
      /* Everything else is the base. */
      g_assert_cmpint (vp->steps, ==, 20);
      g_assert_cmpfloat (vp->delta, ==, osim_scenario_params (sc)->delta);
    }
  /* The base itself is unswept. */
  g_assert_cmpint (osim_scenario_params (sc)->transfer, ==, OSIM_TRANSFER_COMMON_SENSE);
  g_assert_cmpfloat (osim_scenario_params (sc)->p, ==, 0.5);

  /* A single-value sweep: one variant, still named by its setting. */
  g_autoptr (OsimScenario) s1 = th_load ("[sweep]\npeople.rho = 0.3\n", NULL);
  g_assert_cmpint (osim_scenario_n_variants (s1), ==, 1);
  g_assert_cmpstr (osim_scenario_variant_name (s1, 0), ==, "people.rho=0.3");
  g_assert_cmpfloat (osim_scenario_variant (s1, 0)->rho, ==, 0.3);
}

static void
test_overrides (void)
{
  const char *const sets[] = { "promotion.delta=0.5", " scenario.steps = 20 ",
                               "org.levels=1;2;4", "effort.enabled=true",
                               "scenario.policies=random;best", NULL };
  g_autoptr (OsimScenario) sc = th_load ("[promotion]\ndelta = 2\n", sets);
  const OsimParams *p = osim_scenario_params (sc);
  g_assert_cmpfloat (p->delta, ==, 0.5); /* --set wins over the file */
  g_assert_cmpint (p->steps, ==, 20);
  g_assert_cmpint (p->window, ==, 20);
  g_assert_cmpint (p->n_levels, ==, 3);
  g_assert_cmpint (osim_params_positions (p), ==, 7);
  g_assert_true (p->effort_enabled);
  g_assert_cmpint (p->n_policies, ==, 2);
  g_assert_cmpint (p->baseline, ==, OSIM_POLICY_RANDOM);
  g_assert_cmpfloat (osim_scenario_variant (sc, 0)->delta, ==, 0.5);

  /* sweep.KEY through --set adds a sweep... */
  const char *const sweep_sets[] = { "sweep.promotion.r=0;0.5", NULL };
  g_autoptr (OsimScenario) s2 = th_load ("", sweep_sets);
  g_assert_cmpint (osim_scenario_n_variants (s2), ==, 2);
  g_assert_cmpfloat (osim_scenario_variant (s2, 1)->r, ==, 0.5);
  g_assert_cmpstr (osim_scenario_variant_name (s2, 1), ==, "promotion.r=0.5");

  /* ...or replaces the file's sweep of the same key. */
  const char *const replace[] = { "sweep.promotion.p=0.25", NULL };
  g_autoptr (OsimScenario) s3
      = th_load ("[sweep]\npromotion.p = 0;1\npeople.rho = 0;0.5\n", replace);
  g_assert_cmpint (osim_scenario_n_sweep (s3), ==, 2);
  g_assert_cmpint (osim_scenario_n_variants (s3), ==, 2);
  for (int v = 0; v < 2; v++)
    g_assert_cmpfloat (osim_scenario_variant (s3, v)->p, ==, 0.25);
}

/* to_ini, loaded back and written again, gives the same text and the same
 * parameters (base and every variant). */
static void
roundtrip (const char *ini, const char *const *overrides)
{
  g_autoptr (OsimScenario) a = th_load (ini, overrides);
  g_autofree char *text = osim_scenario_to_ini (a);
  g_autoptr (OsimScenario) b = th_load (text, NULL);
  g_autofree char *text2 = osim_scenario_to_ini (b);
  g_assert_cmpstr (text, ==, text2);
  assert_params_equal (osim_scenario_params (a), osim_scenario_params (b));
  g_assert_cmpint (osim_scenario_n_variants (a), ==, osim_scenario_n_variants (b));
  for (int v = 0; v < osim_scenario_n_variants (a); v++)
    {
      g_assert_cmpstr (osim_scenario_variant_name (a, v), ==, osim_scenario_variant_name (b, v));
      assert_params_equal (osim_scenario_variant (a, v), osim_scenario_variant (b, v));
    }
}

static void
test_to_ini (void)
{
  roundtrip ("", NULL);
  roundtrip (full_ini, NULL);
  roundtrip ("[scenario]\nsteps = 30\n[org]\nspans = 3;4;5\npeople_weight = 0.5;0.25;0.125;0\n"
             "[people]\nrho = 0.1\nage = uniform(20,30)\n"
             "[sweep]\npromotion.transfer = peter;skills\npeople.quit_rate = 0.1;0.3\n",
             NULL);
  const char *const sets[] = { "promotion.delta=0.3333333333333333", "sweep.promotion.keep=0;1",
                               NULL };
  roundtrip ("[scenario]\ndescription = odd text: [brackets], = signs, # hash\n", sets);

  /* The written text names every key with its resolved value. */
  g_autoptr (OsimScenario) sc = th_load ("[scenario]\nsteps = 70\n", NULL);
  g_autofree char *text = osim_scenario_to_ini (sc);
  g_assert_nonnull (strstr (text, "steps=70"));
  g_assert_nonnull (strstr (text, "window=70"));
  g_assert_nonnull (strstr (text, "levels=1;5;11;21;41;81"));
  g_assert_nonnull (strstr (text, "technical=normal(7,2,1,10)"));
  g_assert_null (strstr (text, "spans="));
}

/* ---- validation errors ---- */

typedef struct
{
  const char *name;
  const char *text;
  gsize len;          /* 0: strlen (text) */
  const char *set;    /* one --set, or NULL */
  int code;           /* -1: any input-error code */
  int line;           /* > 0: "test.ini:LINE: "; 0: "--set SET: " prefix */
  const char *want[3];
  const char *absent; /* must not be in the message */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "syntax-line", "[scenario]\nsteps = 10\nthis is not ini\n", 0, NULL,
    OSIM_INPUT_ERROR_SYNTAX, 3, { "this is not ini" }, NULL },
  { "key-before-section", "# comment\nsteps = 10\n[scenario]\n", 0, NULL,
    OSIM_INPUT_ERROR_SYNTAX, 2, { "steps", "section" }, NULL },
  { "malformed-header", "[scenario]\nsteps = 10\n[org\n", 0, NULL, OSIM_INPUT_ERROR_SYNTAX, 3,
    { "[org" }, NULL },
  { "malformed-header-empty", "[scenario]\n[]\n", 0, NULL, OSIM_INPUT_ERROR_SYNTAX, 2, { "[]" },
    NULL },
  { "unknown-section", "[scenario]\n\n[promtion]\ndelta = 1\n", 0, NULL,
    OSIM_INPUT_ERROR_UNKNOWN, 3, { "promtion", "did you mean 'promotion'" }, NULL },
  { "unknown-key", "[people]\nrho = 0\nretire_ag = 50\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN, 3,
    { "retire_ag", "did you mean 'retire_age'" }, NULL },
  { "unknown-key-other-section", "[org]\nretire_age = 50\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN,
    2, { "retire_age", "[people]" }, NULL },
  { "unknown-key-far", "[org]\nzzzzzzzz = 1\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN, 2,
    { "zzzzzzzz" }, "did you mean" },
  { "duplicate-key", "[promotion]\ndelta = 1\np = 0.5\ndelta = 2\n", 0, NULL, -1, 4,
    { "delta", "twice", "line 2" }, NULL },
  { "duplicate-section", "[scenario]\nsteps = 5\n[org]\n[scenario]\n", 0, NULL, -1, 4,
    { "[scenario]", "line 1" }, NULL },
  { "wrong-type-int", "[scenario]\nsteps = ten\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "steps", "ten" }, NULL },
  { "wrong-type-int-fraction", "[scenario]\n\nruns = 10.5\n", 0, NULL, OSIM_INPUT_ERROR_VALUE,
    3, { "runs", "10.5" }, NULL },
  { "wrong-type-double", "[promotion]\ndelta = big\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "delta", "big" }, NULL },
  { "wrong-type-bool", "[effort]\nenabled = maybe\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "enabled", "maybe" }, NULL },
  { "wrong-type-list", "[org]\nlevels = 1;five;10\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "levels", "five" }, NULL },
  { "empty-value", "[promotion]\n\ndelta =\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 3,
    { "delta", "empty" }, NULL },
  { "nan", "[promotion]\ndelta = nan\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "delta" }, NULL },
  { "inf", "[people]\nrho = inf\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "rho" }, NULL },
  { "inf-in-list", "[org]\nresponsibility = 1;inf;1;1;1;1\n", 0, NULL, OSIM_INPUT_ERROR_VALUE,
    2, { "responsibility" }, NULL },
  { "nan-in-list", "[org]\npeople_weight = 0;0;nan;0;0;0\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "people_weight" }, NULL },
  { "negative-size", "[org]\nlevels = 1;-5;10\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "levels", "-5" }, NULL },
  { "zero-size", "[org]\nlevels = 1;0;10\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "levels" }, NULL },
  { "zero-span", "[org]\nspans = 4;0\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "spans" }, NULL },
  { "zero-steps", "[scenario]\nsteps = 0\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "steps" },
    NULL },
  { "negative-runs", "[scenario]\nruns = -3\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "runs" },
    NULL },
  { "one-level", "[org]\nlevels = 5\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "levels" }, NULL },
  { "level-too-large", "[org]\nlevels = 1;1000000000\n", 0, NULL, OSIM_INPUT_ERROR_LIMIT, 2,
    { "levels" }, NULL },
  { "positions-too-many", "[org]\nlevels = 1;60000000;60000000\n", 0, NULL,
    OSIM_INPUT_ERROR_LIMIT, 2, { "100000000" }, NULL },
  { "spans-too-large", "[org]\nspans = 100000;100000\n", 0, NULL, OSIM_INPUT_ERROR_LIMIT, 2,
    { "spans", "100000000" }, NULL },
  { "too-many-levels",
    "[org]\nlevels = 1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1\n", 0,
    NULL, OSIM_INPUT_ERROR_LIMIT, 2, { "levels", "32" }, NULL },
  { "runs-huge", "[scenario]\nruns = 1000000000000\n", 0, NULL, OSIM_INPUT_ERROR_LIMIT, 2,
    { "runs", "10000000" }, NULL },
  { "runs-1e12", "[scenario]\nruns = 1e12\n", 0, NULL, -1, 2, { "runs", "10000000" }, NULL },
  { "work-too-large", "[scenario]\nruns = 10000000\nsteps = 1000000\n", 0, NULL,
    OSIM_INPUT_ERROR_LIMIT, 2, { "limit" }, NULL },
  { "list-length", "[org]\nresponsibility = 1;0.5;0.2\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "responsibility", "3", "6" }, NULL },
  { "list-length-people-weight", "[org]\nlevels = 1;5\npeople_weight = 0;0;0\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 3, { "people_weight", "3", "2" }, NULL },
  { "levels-and-spans", "[org]\nlevels = 1;5\nspans = 5\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 3,
    { "levels", "spans" }, NULL },
  { "window-over-steps", "[scenario]\nsteps = 50\nwindow = 80\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 3, { "window", "80", "50" }, NULL },
  { "retire-below-hiring", "[people]\nretire_age = 15\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "retire_age", "18" }, NULL },
  { "hiring-above-retire", "[people]\nage = normal(70,5,65,90)\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "retire_age", "65" }, NULL },
  { "probability-p", "[promotion]\np = 1.5\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "p" },
    NULL },
  { "probability-r", "[promotion]\n\n\nr = -0.1\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 4,
    { "r" }, NULL },
  { "probability-quit", "[people]\nquit_rate = 2\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "quit_rate" }, NULL },
  { "probability-keep", "[promotion]\nkeep = 1.01\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "keep" }, NULL },
  { "people-weight-over-1", "[org]\npeople_weight = 0;0;0;0;0;1.5\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "people_weight" }, NULL },
  { "skills-beyond-scale", "[people]\ntechnical = normal(7,2,1,12)\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "technical" }, NULL },
  { "responsibility-all-zero", "[org]\nresponsibility = 0;0;0;0;0;0\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "responsibility" }, NULL },
  { "unknown-policy", "[scenario]\npolicies = best;randon\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN,
    2, { "randon", "did you mean 'random'" }, NULL },
  { "unknown-baseline", "[scenario]\n\nbaseline = bestt\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN,
    3, { "bestt", "did you mean 'best'" }, NULL },
  { "unknown-transfer", "[promotion]\ntransfer = petter\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN, 2,
    { "petter", "did you mean 'peter'" }, NULL },
  { "unknown-candidates", "[org]\ncandidates = teams\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN, 2,
    { "teams", "did you mean 'team'" }, NULL },
  { "unknown-distribution", "[people]\ntechnical = norml(7,2,1,10)\n", 0, NULL,
    OSIM_INPUT_ERROR_UNKNOWN, 2, { "technical", "norml", "did you mean 'normal'" }, NULL },
  { "malformed-distribution", "[people]\nage = normal(25,5,18)\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "age", "normal(mean,sd,lo,hi)" }, NULL },
  { "duplicate-policy", "[scenario]\npolicies = best;worst;best\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "best", "twice" }, NULL },
  { "baseline-not-a-policy", "[scenario]\npolicies = best;worst\nbaseline = random\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 3, { "baseline", "random" }, NULL },
  { "bad-name", "[scenario]\nname = ../evil\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "name" }, NULL },
  { "bad-seed", "[scenario]\nseed = -1\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2, { "seed" },
    NULL },
  { "seed-too-large", "[scenario]\nseed = 18446744073709551616\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 2, { "seed" }, NULL },
  { "sweep-unknown-key", "[sweep]\npromotion.dleta = 1;2\n", 0, NULL, OSIM_INPUT_ERROR_UNKNOWN,
    2, { "promotion.dleta", "did you mean 'promotion.delta'" }, NULL },
  { "sweep-list-key", "[scenario]\n[sweep]\norg.responsibility = 1;2\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 3, { "org.responsibility" }, NULL },
  { "sweep-value-invalid", "[scenario]\nsteps = 10\n[sweep]\npromotion.p = 0;0.5;2\n", 0, NULL,
    OSIM_INPUT_ERROR_VALUE, 4, { "promotion.p", "2" }, NULL },
  { "sweep-value-empty", "[sweep]\npromotion.p = 0;;1\n", 0, NULL, OSIM_INPUT_ERROR_VALUE, 2,
    { "promotion.p" }, NULL },
  { "sweep-value-bad-name", "[sweep]\npromotion.transfer = peter;petter\n", 0, NULL,
    OSIM_INPUT_ERROR_UNKNOWN, 2, { "petter", "did you mean 'peter'" }, NULL },
  /* Each value is fine alone, but one variant is inconsistent: the error
   * must still point at the sweep line. */
  { "sweep-variant-invalid", "[scenario]\nsteps = 10\n[sweep]\npeople.retire_age = 60;10\n", 0,
    NULL, OSIM_INPUT_ERROR_VALUE, 4, { "retire_age", "10" }, NULL },
  { "invalid-utf8", "[scenario]\nname = ok\ndescription = caf\xe9\n", 0, NULL,
    OSIM_INPUT_ERROR_SYNTAX, 3, { "UTF-8" }, NULL },
  { "nul-byte", "[scenario]\nsteps = 10\n\0steps = 20\n", 34, NULL, OSIM_INPUT_ERROR_SYNTAX, 3,
    { "NUL" }, NULL },
  /* "too-long-line" is built at run time (test_error_long_line). */
  { "set-out-of-range", "[scenario]\n", 0, "promotion.delta=20", OSIM_INPUT_ERROR_VALUE, 0, { "delta" },
    NULL },
  { "set-unknown-key", "[scenario]\n", 0, "promotion.dleta=1", OSIM_INPUT_ERROR_UNKNOWN, 0,
    { "did you mean 'promotion.delta'" }, NULL },
  { "set-no-equals", "[scenario]\n", 0, "promotion.delta", -1, 0, { "section.key=value" }, NULL },
  { "set-window", "[scenario]\nsteps = 100\n", 0, "scenario.window=5000", OSIM_INPUT_ERROR_VALUE,
    0, { "window" }, NULL },
  { "set-sweep-value", "[scenario]\n", 0, "sweep.promotion.p=0;2", OSIM_INPUT_ERROR_VALUE, 0,
    { "promotion.p" }, NULL },
  { "set-levels", "[scenario]\n", 0, "org.levels=1;0", OSIM_INPUT_ERROR_VALUE, 0, { "levels" }, NULL },
  { "set-runs-huge", "[scenario]\n", 0, "scenario.runs=1000000000000", OSIM_INPUT_ERROR_LIMIT, 0, { "runs" },
    NULL },
  { "set-list-length", "[scenario]\n", 0, "org.responsibility=1;2", OSIM_INPUT_ERROR_VALUE, 0,
    { "responsibility" }, NULL },
};

/* Checks @error against @c; a mismatch fails the test with a message that
 * shows the whole error (the other cases still run). */
static void
check_error (const ErrorCase *c, GError *error)
{
  g_assert_true (error->domain == OSIM_INPUT_ERROR);
  if (c->code >= 0)
    g_assert_cmpint (error->code, ==, c->code);
  g_assert_cmpint (osim_exit_status_for (error), ==, OSIM_EXIT_USAGE);
  g_autofree char *prefix = c->line > 0 ? g_strdup_printf ("test.ini:%d: ", c->line)
                                        : g_strdup_printf ("--set %s: ", c->set);
  if (!g_str_has_prefix (error->message, prefix))
    {
      g_test_message ("message '%s' does not start with '%s'", error->message, prefix);
      g_test_fail ();
    }
  for (int i = 0; i < 3 && c->want[i]; i++)
    if (strstr (error->message, c->want[i]) == NULL)
      {
        g_test_message ("message '%s' does not mention '%s'", error->message, c->want[i]);
        g_test_fail ();
      }
  if (c->absent && strstr (error->message, c->absent) != NULL)
    {
      g_test_message ("message '%s' should not hold '%s'", error->message, c->absent);
      g_test_fail ();
    }
}

static void
test_error (gconstpointer data)
{
  const ErrorCase *c = data;
  const char *sets[] = { c->set, NULL };
  g_autoptr (GError) error
      = load_fail (c->text, c->len ? c->len : strlen (c->text), c->set ? sets : NULL);
  check_error (c, error);
}

static void
test_error_long_line (void)
{
  g_autoptr (GString) s = g_string_new ("[scenario]\nsteps = 10\ndescription = ");
  for (int i = 0; i < 5000; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "\n");
  g_autoptr (GError) error = load_fail (s->str, s->len, NULL);
  ErrorCase c = { "too-long-line", NULL, 0, NULL, OSIM_INPUT_ERROR_SYNTAX, 3, { "4096" }, NULL };
  check_error (&c, error);
}

static void
test_error_level_limit_message (void)
{
  /* An absurd level size says what the limit is. */
  const char *text = "[org]\nlevels = 1;1000000000\n";
  g_autoptr (GError) error = load_fail (text, strlen (text), NULL);
  g_assert_true (strstr (error->message, "100000000") != NULL
                 || strstr (error->message, "1e+08") != NULL);
}

static void
test_error_first_wins (void)
{
  /* Two errors: the first line's is reported. */
  const char *text = "[scenario]\nsteps = x\n[promotion]\ndelta = y\n";
  g_autoptr (GError) error = load_fail (text, strlen (text), NULL);
  g_assert_true (g_str_has_prefix (error->message, "test.ini:2: "));
  /* A NULL error pointer is allowed and gives NULL. */
  g_assert_null (osim_scenario_load_data ("test.ini", text, strlen (text), NULL, NULL));
}

static void
test_load_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgsim-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "s.ini", NULL);
  g_assert_true (g_file_set_contents (path, "[scenario]\nsteps = 12\n\n[org]\nspans = 0\n", -1,
                                      NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (OsimScenario) sc = osim_scenario_load (path, NULL, &error);
  g_assert_null (sc);
  g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE);
  g_autofree char *prefix = g_strdup_printf ("%s:5: ", path);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "[scenario]\nsteps = 12\n", -1, NULL));
  g_autoptr (OsimScenario) ok = osim_scenario_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osim_scenario_params (ok)->steps, ==, 12);
  g_assert_cmpstr (osim_scenario_path (ok), ==, path);
  /* A missing file and a folder are input errors. */
  g_autofree char *missing = g_build_filename (dir, "none.ini", NULL);
  g_assert_null (osim_scenario_load (missing, NULL, &error));
  g_assert_true (error->domain == OSIM_INPUT_ERROR);
  g_clear_error (&error);
  g_assert_null (osim_scenario_load (dir, NULL, &error));
  g_assert_true (error->domain == OSIM_INPUT_ERROR);
  g_clear_error (&error);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The cases are independent: report every failing one, not just the first. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/scenario/defaults", test_defaults);
  g_test_add_func ("/scenario/values", test_values);
  g_test_add_func ("/scenario/key-table", test_key_table);
  g_test_add_func ("/scenario/spans", test_spans);
  g_test_add_func ("/scenario/sweep", test_sweep);
  g_test_add_func ("/scenario/overrides", test_overrides);
  g_test_add_func ("/scenario/to-ini", test_to_ini);
  g_test_add_func ("/scenario/load-file", test_load_file);
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scenario/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error);
    }
  g_test_add_func ("/scenario/error/too-long-line", test_error_long_line);
  g_test_add_func ("/scenario/error/level-limit-message", test_error_level_limit_message);
  g_test_add_func ("/scenario/error/first-wins", test_error_first_wins);
  return g_test_run ();
}

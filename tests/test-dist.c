/* test-dist.c: random streams and hire distributions (dist.h). */
#include "test-helpers.h"

#include "orgsim/dist.h"

#define N_DRAWS 200000

static void
test_rng_determinism (void)
{
  OsimRng a, b;
  osim_rng_init (&a, 42, 3, 0);
  osim_rng_init (&b, 42, 3, 0);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (osim_rng_next (&a), ==, osim_rng_next (&b));
  /* Normals too (the spare deviate is part of the state). */
  for (int i = 0; i < 101; i++)
    g_assert_cmpfloat (osim_rng_normal (&a), ==, osim_rng_normal (&b));
}

/* How many of the first 64 outputs of two streams coincide. */
static int
common_outputs (guint64 seed1, guint64 run1, guint64 stream1, guint64 seed2, guint64 run2,
                guint64 stream2)
{
  OsimRng a, b;
  osim_rng_init (&a, seed1, run1, stream1);
  osim_rng_init (&b, seed2, run2, stream2);
  int same = 0;
  for (int i = 0; i < 64; i++)
    same += osim_rng_next (&a) == osim_rng_next (&b);
  return same;
}

static void
test_rng_independence (void)
{
  g_assert_cmpint (common_outputs (42, 3, 0, 42, 3, 0), ==, 64);
  g_assert_cmpint (common_outputs (42, 3, 0, 42, 4, 0), ==, 0);  /* other run */
  g_assert_cmpint (common_outputs (42, 3, 0, 42, 3, 1), ==, 0);  /* other stream */
  g_assert_cmpint (common_outputs (42, 3, 0, 43, 3, 0), ==, 0);  /* other seed */
  g_assert_cmpint (common_outputs (0, 0, 0, 0, 1, 0), ==, 0);
  g_assert_cmpint (common_outputs (0, 0, 0, 0, 0, 1), ==, 0);
  /* Swapping run and stream must not give the same stream either. */
  g_assert_cmpint (common_outputs (5, 1, 2, 5, 2, 1), ==, 0);

  /* Neighbouring runs are unrelated: the first doubles of runs 0..999 look
   * uniform (mean 0.5, se 0.009). */
  double sum = 0;
  for (guint64 run = 0; run < 1000; run++)
    {
      OsimRng r;
      osim_rng_init (&r, 1, run, 0);
      sum += osim_rng_double (&r);
    }
  g_assert_cmpfloat (fabs (sum / 1000 - 0.5), <, 0.05);
}

/* A person's number is kept as its counter hash (OsimPerson.key): the hash
 * must come back to the number, and a key made from the hash must be the
 * key made from the number. */
static void
test_counter_hash (void)
{
  const guint64 numbers[] = { 0, 1, 2, 41, (guint64) 7 << 32 | 1, (guint64) 999 << 32 | 123456,
                              G_MAXUINT32, G_MAXUINT64 - 1 };
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      guint64 h = osim_counter_hash (numbers[i]);
      g_assert_cmpuint (osim_counter_unhash (h), ==, numbers[i]);
      g_assert_cmpuint (osim_key_hashed (12345, h), ==, osim_key (12345, numbers[i]));
    }
  OsimRng rng;
  osim_rng_init (&rng, 1, 2, 3);
  for (int i = 0; i < 100000; i++)
    {
      guint64 a = osim_rng_next (&rng);
      g_assert_cmpuint (osim_counter_unhash (osim_counter_hash (a)), ==, a);
    }
  /* Never 0 for a number below 2^64 - 1 (0 is "no manager"). */
  g_assert_cmpuint (osim_counter_hash (G_MAXUINT64), ==, 0);
}

static void
test_rng_double_range (void)
{
  OsimRng r;
  osim_rng_init (&r, 9, 0, 0);
  double lo = 1, hi = 0;
  for (int i = 0; i < N_DRAWS; i++)
    {
      double u = osim_rng_double (&r);
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      lo = MIN (lo, u);
      hi = MAX (hi, u);
    }
  g_assert_cmpfloat (lo, <, 1e-4);
  g_assert_cmpfloat (hi, >, 1 - 1e-4);
}

/* Chi-square statistic of @draws draws of osim_rng_below (@n). */
static double
chi_square_below (guint64 n, int draws, guint64 seed)
{
  OsimRng r;
  osim_rng_init (&r, seed, 0, 0);
  g_autofree gint64 *count = g_new0 (gint64, n);
  for (int i = 0; i < draws; i++)
    {
      guint64 x = osim_rng_below (&r, n);
      g_assert_cmpuint (x, <, n);
      count[x]++;
    }
  double expect = (double) draws / (double) n, chi = 0;
  for (guint64 k = 0; k < n; k++)
    chi += (count[k] - expect) * (count[k] - expect) / expect;
  return chi;
}

static void
test_rng_below (void)
{
  OsimRng r;
  osim_rng_init (&r, 1, 2, 3);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (osim_rng_below (&r, 1), ==, 0);
  /* Bounds with n near the top of the range (where modulo bias would show). */
  guint64 big = G_MAXUINT64 / 3 * 2 + 1;
  int above_half = 0;
  for (int i = 0; i < 20000; i++)
    {
      guint64 x = osim_rng_below (&r, big);
      g_assert_cmpuint (x, <, big);
      above_half += x >= big / 2;
    }
  /* A plain x % big would put only a third of the draws above big/2. */
  g_assert_cmpint (above_half, >, 9500);
  g_assert_cmpint (above_half, <, 10500);

  /* Uniformity: chi-square with k-1 degrees of freedom.  The bounds are far
   * in the tail (p < 1e-6) and the seeds fixed: not flaky. */
  g_assert_cmpfloat (chi_square_below (2, 100000, 11), <, 30.0);   /* df 1 */
  g_assert_cmpfloat (chi_square_below (7, 70000, 12), <, 40.0);    /* df 6 */
  g_assert_cmpfloat (chi_square_below (100, 200000, 13), <, 190.0); /* df 99 */
  /* And not suspiciously perfect either (a counter would give 0). */
  g_assert_cmpfloat (chi_square_below (100, 200000, 13), >, 40.0);
}

static void
test_normal_moments (void)
{
  OsimRng r;
  osim_rng_init (&r, 3, 0, 0);
  g_autofree double *x = g_new (double, N_DRAWS);
  for (int i = 0; i < N_DRAWS; i++)
    x[i] = osim_rng_normal (&r);
  double mean, sd;
  th_mean_sd (x, N_DRAWS, &mean, &sd);
  /* se of the mean 0.0022, of the sd 0.0016 */
  g_assert_cmpfloat (fabs (mean), <, 0.015);
  g_assert_cmpfloat (fabs (sd - 1), <, 0.01);
  /* Tails: P(|z| > 1.96) = 0.05, P(|z| > 3) = 0.0027. */
  int t196 = 0, t3 = 0;
  for (int i = 0; i < N_DRAWS; i++)
    t196 += fabs (x[i]) > 1.96, t3 += fabs (x[i]) > 3;
  g_assert_cmpfloat (fabs (t196 / (double) N_DRAWS - 0.05), <, 0.003);
  g_assert_cmpfloat (fabs (t3 / (double) N_DRAWS - 0.0027), <, 0.0006);
  /* Consecutive deviates (the polar method's pair) are uncorrelated. */
  g_assert_cmpfloat (fabs (th_correlation (x, x + 1, N_DRAWS - 1)), <, 0.015);
}

static OsimDist
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  OsimDist d;
  memset (&d, 0xab, sizeof d);
  g_assert_true (osim_dist_parse (text, &d, &error));
  g_assert_no_error (error);
  return d;
}

static void
test_truncated_normal (void)
{
  OsimDist d = parse_ok ("normal(7,2,1,10)");
  OsimRng r;
  osim_rng_init (&r, 4, 0, 0);
  g_autofree double *x = g_new (double, N_DRAWS);
  for (int i = 0; i < N_DRAWS; i++)
    {
      x[i] = osim_dist_sample (&d, &r);
      g_assert_cmpfloat (x[i], >=, 1.0);
      g_assert_cmpfloat (x[i], <=, 10.0);
    }
  double mean, sd;
  th_mean_sd (x, N_DRAWS, &mean, &sd);
  double want = th_truncated_mean (7, 2, 1, 10); /* 6.8447..., below 7 */
  g_assert_cmpfloat (want, <, 6.9);
  g_assert_cmpfloat (fabs (mean - want), <, 0.02); /* se 0.004 */

  /* A tight, asymmetric truncation: mean of normal(0,1) on [1, 3]. */
  OsimDist t = parse_ok ("normal(0,1,1,3)");
  double sum = 0;
  for (int i = 0; i < N_DRAWS; i++)
    {
      double v = osim_dist_sample (&t, &r);
      g_assert_cmpfloat (v, >=, 1.0);
      g_assert_cmpfloat (v, <=, 3.0);
      sum += v;
    }
  g_assert_cmpfloat (fabs (sum / N_DRAWS - th_truncated_mean (0, 1, 1, 3)), <, 0.01);
}

static void
test_uniform_constant (void)
{
  OsimDist u = parse_ok ("uniform(2,5)");
  g_assert_cmpint (u.kind, ==, OSIM_DIST_UNIFORM);
  g_assert_cmpfloat (u.lo, ==, 2);
  g_assert_cmpfloat (u.hi, ==, 5);
  OsimRng r;
  osim_rng_init (&r, 5, 0, 0);
  g_autofree double *x = g_new (double, N_DRAWS);
  for (int i = 0; i < N_DRAWS; i++)
    {
      x[i] = osim_dist_sample (&u, &r);
      g_assert_cmpfloat (x[i], >=, 2.0);
      g_assert_cmpfloat (x[i], <=, 5.0);
    }
  double mean, sd;
  th_mean_sd (x, N_DRAWS, &mean, &sd);
  g_assert_cmpfloat (fabs (mean - 3.5), <, 0.01);          /* se 0.002 */
  g_assert_cmpfloat (fabs (sd - 3 / sqrt (12)), <, 0.01);  /* 0.866 */
  /* Each third of the range gets a third of the draws. */
  int thirds[3] = { 0 };
  for (int i = 0; i < N_DRAWS; i++)
    thirds[MIN (2, (int) (x[i] - 2))]++;
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (fabs (thirds[k] / (double) N_DRAWS - 1 / 3.0), <, 0.005);

  OsimDist c = parse_ok ("constant(3.25)");
  g_assert_cmpint (c.kind, ==, OSIM_DIST_CONSTANT);
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (osim_dist_sample (&c, &r), ==, 3.25);
  /* A constant ignores correlation too. */
  g_assert_cmpfloat (osim_dist_sample_correlated (&c, &r, 2.0, 0.9), ==, 3.25);
}

static void
test_correlated (void)
{
  /* Wide ranges so truncation does not bend the correlation. */
  OsimDist a = parse_ok ("normal(5,2,-100,100)");
  OsimDist b = parse_ok ("normal(0,1,-50,50)");
  const double rhos[] = { 0.8, -0.5, 0.0, 1.0 };
  OsimRng r;
  osim_rng_init (&r, 6, 0, 0);
  int n = 50000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  for (gsize k = 0; k < G_N_ELEMENTS (rhos); k++)
    {
      for (int i = 0; i < n; i++)
        {
          x[i] = osim_dist_sample (&a, &r);
          y[i] = osim_dist_sample_correlated (&b, &r, osim_dist_zscore (&a, x[i]), rhos[k]);
        }
      double rho = th_correlation (x, y, n);
      g_assert_cmpfloat (fabs (rho - rhos[k]), <, 0.02); /* se about 0.004 */
      double mean, sd;
      th_mean_sd (y, n, &mean, &sd);
      /* The marginal of y stays normal(0,1). */
      g_assert_cmpfloat (fabs (mean), <, 0.03);
      g_assert_cmpfloat (fabs (sd - 1), <, 0.03);
    }

  /* With a uniform target the draw stays in range and keeps a strong
   * positive (rank) correlation. */
  OsimDist u = parse_ok ("uniform(1,10)");
  for (int i = 0; i < n; i++)
    {
      x[i] = osim_dist_sample (&a, &r);
      y[i] = osim_dist_sample_correlated (&u, &r, osim_dist_zscore (&a, x[i]), 0.8);
      g_assert_cmpfloat (y[i], >=, 1.0);
      g_assert_cmpfloat (y[i], <=, 10.0);
    }
  double ru = th_correlation (x, y, n);
  g_assert_cmpfloat (ru, >, 0.7);
  g_assert_cmpfloat (ru, <, 0.85);

  /* The paper's truncated skills with rho 0.8: still in range, still strongly
   * correlated (truncation lowers it somewhat). */
  OsimDist t = parse_ok ("normal(7,2,1,10)");
  for (int i = 0; i < n; i++)
    {
      x[i] = osim_dist_sample (&t, &r);
      y[i] = osim_dist_sample_correlated (&t, &r, osim_dist_zscore (&t, x[i]), 0.8);
      g_assert_cmpfloat (y[i], >=, 1.0);
      g_assert_cmpfloat (y[i], <=, 10.0);
    }
  double rt = th_correlation (x, y, n);
  g_assert_cmpfloat (rt, >, 0.65);
  g_assert_cmpfloat (rt, <, 0.85);
}

static void
test_zscore (void)
{
  OsimDist n = parse_ok ("normal(7,2,1,10)");
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&n, 7), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&n, 10), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&n, 3), -2, 1e-12);
  OsimDist u = parse_ok ("uniform(0,1)");
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&u, 0.5), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&u, 0.975), 1.959964, 1e-5);
  g_assert_cmpfloat_with_epsilon (osim_dist_zscore (&u, 0.025), -1.959964, 1e-5);
  OsimDist c = parse_ok ("constant(4)");
  g_assert_cmpfloat (osim_dist_zscore (&c, 9), ==, 0);
}

static void
test_parse_forms (void)
{
  OsimDist d = parse_ok ("normal(7,2,1,10)");
  g_assert_cmpint (d.kind, ==, OSIM_DIST_NORMAL);
  g_assert_cmpfloat (d.mean, ==, 7);
  g_assert_cmpfloat (d.sd, ==, 2);
  g_assert_cmpfloat (d.lo, ==, 1);
  g_assert_cmpfloat (d.hi, ==, 10);

  d = parse_ok ("  normal ( 7.5 ,\t2 , -1.25,  10 )  ");
  g_assert_cmpint (d.kind, ==, OSIM_DIST_NORMAL);
  g_assert_cmpfloat (d.mean, ==, 7.5);
  g_assert_cmpfloat (d.sd, ==, 2);
  g_assert_cmpfloat (d.lo, ==, -1.25);
  g_assert_cmpfloat (d.hi, ==, 10);

  d = parse_ok (" uniform( 1 , 10 ) ");
  g_assert_cmpint (d.kind, ==, OSIM_DIST_UNIFORM);
  g_assert_cmpfloat (d.lo, ==, 1);
  g_assert_cmpfloat (d.hi, ==, 10);

  d = parse_ok ("constant( 5 )");
  g_assert_cmpint (d.kind, ==, OSIM_DIST_CONSTANT);
  g_assert_cmpfloat (d.mean, ==, 5);
  g_assert_cmpfloat (d.lo, ==, 5);
  g_assert_cmpfloat (d.hi, ==, 5);

  d = parse_ok ("constant(-0.5)");
  g_assert_cmpfloat (d.mean, ==, -0.5);

  /* Exactly at the mass bound: normal(0,1) on [3, 10] keeps 0.135%. */
  d = parse_ok ("normal(0,1,3,10)");
  g_assert_cmpfloat (d.lo, ==, 3);
}

static void
test_parse_errors (void)
{
  static const char *const bad[] = {
    "",
    "normal",
    "normal(7,2,1,10",      /* missing ')' */
    "normal 7,2,1,10)",     /* missing '(' */
    "normal(7,2,1,10))",
    "normal(7,2,1,10) x",
    "normal(7,2,1)",        /* wrong arg count */
    "normal(7,2,1,10,11)",
    "normal()",
    "uniform(1)",
    "uniform(1,2,3)",
    "uniform(1,,2)",
    "constant()",
    "constant(1,2)",
    "normal(7,0,1,10)",     /* sd <= 0 */
    "normal(7,-2,1,10)",
    "normal(7,2,10,1)",     /* lo >= hi */
    "normal(7,2,5,5)",
    "uniform(5,5)",
    "uniform(6,5)",
    "normal(nan,2,1,10)",   /* nan / inf */
    "normal(7,inf,1,10)",
    "normal(7,2,-inf,10)",
    "uniform(1,infinity)",
    "constant(nan)",
    "constant(-inf)",
    "normal(0,1,5,10)",     /* keeps 3e-7 of the mass */
    "normal(0,1,3.2,10)",   /* keeps 0.069%: under 0.1% */
    "normal(100,1,1,10)",
    "normal(7,2,1,x)",
    "normal(7;2;1;10)",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      OsimDist d = { .kind = OSIM_DIST_CONSTANT, .mean = 42, .lo = 42, .hi = 42 };
      g_test_message ("parsing '%s'", bad[i]);
      g_assert_false (osim_dist_parse (bad[i], &d, &error));
      g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i]));
      /* The output is untouched on failure. */
      g_assert_cmpfloat (d.mean, ==, 42);
    }

  /* Messages say what is expected. */
  g_autoptr (GError) e1 = NULL;
  OsimDist d;
  g_assert_false (osim_dist_parse ("normal(7,2,1)", &d, &e1));
  g_assert_nonnull (strstr (e1->message, "normal(mean,sd,lo,hi)"));

  /* An unknown name is an unknown-thing error naming the word. */
  static const char *const unknown[] = { "gauss(7,2)", "Normal(7,2,1,10)", "lognormal(1,2,3,4)",
                                         "(1,2)" };
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr (GError) error = NULL;
      g_test_message ("parsing '%s'", unknown[i]);
      g_assert_false (osim_dist_parse (unknown[i], &d, &error));
      g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN);
      g_assert_nonnull (strstr (error->message, "normal(mean,sd,lo,hi)"));
    }

  /* A NULL error is allowed. */
  g_assert_false (osim_dist_parse ("normal(7,2)", &d, NULL));
}

static void
test_to_string_roundtrip (void)
{
  static const char *const forms[] = {
    "normal(7,2,1,10)",  "normal(0.1,0.30000000000000004,-3.5,1e-05)",
    "uniform(-2.5,1e+20)", "constant(5)", "constant(-0.125)",
    "normal(25,5,18,60)", "uniform(0.1,0.2)",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      OsimDist a = parse_ok (forms[i]);
      g_autofree char *s = osim_dist_to_string (&a);
      OsimDist b = parse_ok (s);
      g_assert_cmpint (a.kind, ==, b.kind);
      g_assert_cmpfloat (a.mean, ==, b.mean);
      g_assert_cmpfloat (a.lo, ==, b.lo);
      g_assert_cmpfloat (a.hi, ==, b.hi);
      if (a.kind == OSIM_DIST_NORMAL)
        g_assert_cmpfloat (a.sd, ==, b.sd);
      g_autofree char *s2 = osim_dist_to_string (&b);
      g_assert_cmpstr (s, ==, s2);
    }
  /* The canonical form is what the loader documents. */
  OsimDist d = parse_ok (" normal( 7 , 2 , 1 , 10 ) ");
  g_autofree char *s = osim_dist_to_string (&d);
  g_assert_cmpstr (s, ==, "normal(7,2,1,10)");
  OsimDist u = parse_ok ("uniform(1, 10)");
  g_autofree char *su = osim_dist_to_string (&u);
  g_assert_cmpstr (su, ==, "uniform(1,10)");
  OsimDist c = parse_ok ("constant(2.5)");
  g_autofree char *sc = osim_dist_to_string (&c);
  g_assert_cmpstr (sc, ==, "constant(2.5)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dist/rng-determinism", test_rng_determinism);
  g_test_add_func ("/dist/rng-independence", test_rng_independence);
  g_test_add_func ("/dist/counter-hash", test_counter_hash);
  g_test_add_func ("/dist/rng-double-range", test_rng_double_range);
  g_test_add_func ("/dist/rng-below", test_rng_below);
  g_test_add_func ("/dist/normal-moments", test_normal_moments);
  g_test_add_func ("/dist/truncated-normal", test_truncated_normal);
  g_test_add_func ("/dist/uniform-constant", test_uniform_constant);
  g_test_add_func ("/dist/correlated", test_correlated);
  g_test_add_func ("/dist/zscore", test_zscore);
  g_test_add_func ("/dist/parse-forms", test_parse_forms);
  g_test_add_func ("/dist/parse-errors", test_parse_errors);
  g_test_add_func ("/dist/to-string-roundtrip", test_to_string_roundtrip);
  return g_test_run ();
}

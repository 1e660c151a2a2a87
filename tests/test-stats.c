/* test-stats.c: exact accumulators, Student t, incomplete beta (stats.h). */
#include "test-helpers.h"

#include "orgsim/stats.h"

static void
test_t_quantile (void)
{
  /* Two-sided 95% critical values from a printed t table. */
  static const struct { double df, t; } table[] = {
    { 1, 12.7062 }, { 2, 4.3027 }, { 3, 3.1824 }, { 5, 2.5706 }, { 9, 2.2622 },
    { 10, 2.2281 }, { 30, 2.0423 }, { 49, 2.0096 }, { 1000, 1.9623 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("df %g", table[i].df);
      g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.975, table[i].df), table[i].t, 1e-4);
    }
  /* Large df tends to the normal quantile. */
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.975, 1e7), 1.959964, 1e-5);
  /* Symmetry and the median. */
  g_assert_cmpfloat (osim_t_quantile (0.5, 7), ==, 0);
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.025, 10), -2.2281, 1e-4);
  /* Other levels: one-sided 95% (df 10: 1.8125), 99.5% (df 5: 4.0321). */
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.95, 10), 1.8125, 1e-4);
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.995, 5), 4.0321, 1e-4);
  /* df 1 is the Cauchy: quantile tan(pi (p - 1/2)). */
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (0.9, 1), tan (M_PI * 0.4), 1e-8);
  /* df 2 has a closed form: t = (2p-1) sqrt(2 / (4p(1-p))). */
  double p = 0.99;
  g_assert_cmpfloat_with_epsilon (osim_t_quantile (p, 2),
                                  (2 * p - 1) * sqrt (2 / (4 * p * (1 - p))), 1e-8);
}

static double
binomial (int n, int k)
{
  double c = 1;
  for (int i = 1; i <= k; i++)
    c = c * (n - k + i) / i;
  return c;
}

/* I_x(a, b) for integer a, b: the binomial tail sum. */
static double
incbeta_int (int a, int b, double x)
{
  int n = a + b - 1;
  double s = 0;
  for (int j = a; j <= n; j++)
    s += binomial (n, j) * pow (x, j) * pow (1 - x, n - j);
  return s;
}

static void
test_incbeta (void)
{
  const double xs[] = { 0.01, 0.1, 0.25, 0.5, 0.7, 0.93, 0.999 };
  for (gsize i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double x = xs[i];
      g_assert_cmpfloat_with_epsilon (osim_incbeta (1, 1, x), x, 1e-12);
      g_assert_cmpfloat_with_epsilon (osim_incbeta (3, 1, x), pow (x, 3), 1e-12);
      g_assert_cmpfloat_with_epsilon (osim_incbeta (1, 4, x), 1 - pow (1 - x, 4), 1e-12);
      for (int a = 1; a <= 6; a++)
        for (int b = 1; b <= 6; b++)
          g_assert_cmpfloat_with_epsilon (osim_incbeta (a, b, x), incbeta_int (a, b, x), 1e-10);
      /* Symmetry: I_x(a,b) = 1 - I_{1-x}(b,a). */
      g_assert_cmpfloat_with_epsilon (osim_incbeta (2.5, 0.5, x),
                                      1 - osim_incbeta (0.5, 2.5, 1 - x), 1e-12);
    }
  g_assert_cmpfloat_with_epsilon (osim_incbeta (7.5, 7.5, 0.5), 0.5, 1e-12);
  /* I_x(1/2, 1/2) = (2/pi) asin(sqrt x). */
  g_assert_cmpfloat_with_epsilon (osim_incbeta (0.5, 0.5, 0.3), 2 / M_PI * asin (sqrt (0.3)),
                                  1e-10);
  g_assert_cmpfloat (osim_incbeta (2, 3, 0), ==, 0);
  g_assert_cmpfloat (osim_incbeta (2, 3, 1), ==, 1);
}

static void
test_acc_known (void)
{
  OsimAcc acc = { 0 };
  for (int i = 1; i <= 10; i++)
    osim_acc_add (&acc, i);
  OsimSummary s = osim_acc_summary (&acc);
  g_assert_cmpint (s.n, ==, 10);
  g_assert_cmpfloat_with_epsilon (s.mean, 5.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.sd, sqrt (82.5 / 9), 1e-9); /* 3.0276503... */
  g_assert_cmpfloat_with_epsilon (s.sd, 3.02765, 1e-5);
  double half = 2.262157162798205 * s.sd / sqrt (10); /* t(0.975, 9) */
  g_assert_cmpfloat_with_epsilon (s.ci_lo, 5.5 - half, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.ci_hi, 5.5 + half, 1e-9);

  /* Fractions, negatives: -1.5, 0.25, 2.75 (exact in binary). */
  OsimAcc b = { 0 };
  osim_acc_add (&b, -1.5);
  osim_acc_add (&b, 0.25);
  osim_acc_add (&b, 2.75);
  s = osim_acc_summary (&b);
  double mean = 1.5 / 3;
  double var = ((-1.5 - mean) * (-1.5 - mean) + (0.25 - mean) * (0.25 - mean)
                + (2.75 - mean) * (2.75 - mean)) / 2;
  g_assert_cmpfloat_with_epsilon (s.mean, mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.sd, sqrt (var), 1e-9);
  g_assert_cmpfloat_with_epsilon (s.ci_hi - s.mean, 4.302652729911275 * sqrt (var / 3), 1e-8);

  /* A constant sample: sd 0 and a CI of zero width, not NaN. */
  OsimAcc c = { 0 };
  for (int i = 0; i < 5; i++)
    osim_acc_add (&c, 71.3);
  s = osim_acc_summary (&c);
  g_assert_cmpfloat_with_epsilon (s.mean, 71.3, 1e-9);
  g_assert_cmpfloat (s.sd, ==, 0);
  g_assert_cmpfloat (s.ci_lo, ==, s.mean);
  g_assert_cmpfloat (s.ci_hi, ==, s.mean);
}

static void
test_acc_small_n (void)
{
  OsimAcc acc = { 0 };
  OsimSummary s = osim_acc_summary (&acc);
  g_assert_cmpint (s.n, ==, 0);
  g_assert_true (isnan (s.mean));
  g_assert_true (isnan (s.sd));
  osim_acc_add (&acc, 4.5);
  s = osim_acc_summary (&acc);
  g_assert_cmpint (s.n, ==, 1);
  g_assert_cmpfloat (s.mean, ==, 4.5);
  g_assert_true (isnan (s.sd));
  g_assert_true (isnan (s.ci_lo));
  g_assert_true (isnan (s.ci_hi));
}

static void
test_acc_nan (void)
{
  OsimAcc acc = { 0 };
  osim_acc_add (&acc, NAN);
  g_assert_cmpint (acc.n, ==, 0);
  osim_acc_add (&acc, 2);
  osim_acc_add (&acc, NAN);
  osim_acc_add (&acc, 4);
  g_assert_cmpint (acc.n, ==, 2);
  OsimSummary s = osim_acc_summary (&acc);
  g_assert_cmpfloat_with_epsilon (s.mean, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.sd, sqrt (2), 1e-9);
}

static gboolean
acc_equal (const OsimAcc *a, const OsimAcc *b)
{
  return a->n == b->n && a->sum == b->sum && a->sumsq == b->sumsq;
}

static void
test_acc_merge_order (void)
{
  /* Values spanning magnitudes that would make double sums order-dependent. */
  OsimRng r;
  osim_rng_init (&r, 77, 0, 0);
  int n = 1000;
  g_autofree double *x = g_new (double, n);
  for (int i = 0; i < n; i++)
    x[i] = (osim_rng_double (&r) - 0.3) * pow (10, (int) osim_rng_below (&r, 7) - 2);

  OsimAcc all = { 0 }, rev = { 0 }, part1 = { 0 }, part2 = { 0 }, part3 = { 0 };
  for (int i = 0; i < n; i++)
    osim_acc_add (&all, x[i]);
  for (int i = n - 1; i >= 0; i--)
    osim_acc_add (&rev, x[i]);
  g_assert_true (acc_equal (&all, &rev));
  /* Interleaved shards merged in another order. */
  for (int i = 0; i < n; i++)
    osim_acc_add (i % 3 == 0 ? &part1 : i % 3 == 1 ? &part2 : &part3, x[i]);
  OsimAcc merged = { 0 };
  osim_acc_merge (&merged, &part3);
  osim_acc_merge (&merged, &part1);
  osim_acc_merge (&merged, &part2);
  g_assert_true (acc_equal (&all, &merged));
  OsimSummary sa = osim_acc_summary (&all), sm = osim_acc_summary (&merged);
  g_assert_cmpmem (&sa, sizeof sa, &sm, sizeof sm);

  /* And the summary is right: compare with a two-pass double computation. */
  double mean, sd;
  th_mean_sd (x, n, &mean, &sd);
  g_assert_cmpfloat (fabs (sa.mean - mean), <, 1e-9 * MAX (1, fabs (mean)));
  g_assert_cmpfloat (fabs (sa.sd - sd), <, 1e-7 * sd);

  /* Merging an empty accumulator changes nothing. */
  OsimAcc empty = { 0 };
  osim_acc_merge (&merged, &empty);
  g_assert_true (acc_equal (&all, &merged));
}

/* Sums no runs could add up to are told apart from those they can. */
static void
test_acc_plausible (void)
{
  const OsimAcc good[] = { { 0, 0, 0 }, { 1, -5, 25 }, { 3, -5, 9 }, { 2, 4, 8 } };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (osim_acc_plausible (&good[i]));
  const OsimAcc bad[] = { { -1, 0, 0 }, { 0, 1, 1 }, { 0, 0, 1 }, { 3, 1, -1 },
                          { 3, -5, 7 }, { 2, 5, 8 } };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (osim_acc_plausible (&bad[i]));
  /* Every accumulator of added values is plausible. */
  OsimAcc a = { 0 };
  for (int i = 0; i < 1000; i++)
    {
      g_assert_true (osim_acc_add (&a, sin (i) * 100));
      g_assert_true (osim_acc_plausible (&a));
    }
}

/* Adding refuses what would overflow the sums, leaving them as they were. */
static void
test_acc_add_overflow (void)
{
  OsimAcc a = { 0 };
  g_assert_false (osim_acc_add (&a, INFINITY));
  g_assert_false (osim_acc_add (&a, 1e10)); /* 1e10 x 2^32 is past llround's range */
  g_assert_cmpint (a.n, ==, 0);
  g_assert_true (osim_acc_add (&a, 2e9));
  /* (2e9 x 2^32)^2 is about 7.4e37: the next square overflows the sum. */
  g_assert_true (osim_acc_add (&a, 2e9));
  OsimAcc before = a;
  gboolean ok = TRUE;
  for (int i = 0; i < 4 && ok; i++)
    {
      before = a;
      ok = osim_acc_add (&a, 2e9);
    }
  g_assert_false (ok);
  g_assert_true (acc_equal (&a, &before));
  g_assert_true (osim_acc_plausible (&a));
  OsimAcc full = { G_MAXINT64, 0, 0 };
  g_assert_false (osim_acc_add (&full, 0));
  g_assert_cmpint (full.n, ==, G_MAXINT64);
}

static void
roundtrip (const OsimAcc *a)
{
  g_autofree char *s = osim_acc_to_string (a);
  OsimAcc b = { -1, -1, -1 };
  g_test_message ("'%s'", s);
  g_assert_true (osim_acc_from_string (s, &b));
  g_assert_true (acc_equal (a, &b));
  g_autofree char *s2 = osim_acc_to_string (&b);
  g_assert_cmpstr (s, ==, s2);
}

static void
test_acc_string (void)
{
  OsimAcc a = { 0 };
  roundtrip (&a);
  g_autofree char *zero = osim_acc_to_string (&a);
  g_assert_cmpstr (zero, ==, "0 0 0");

  osim_acc_add (&a, 1);
  g_autofree char *one = osim_acc_to_string (&a);
  /* 1 in fixed point is 2^32; its square 2^64. */
  g_assert_cmpstr (one, ==, "1 4294967296 18446744073709551616");
  roundtrip (&a);

  OsimAcc neg = { 0 };
  for (int i = 0; i < 100; i++)
    osim_acc_add (&neg, -123.456 - i);
  g_assert_cmpint (neg.sum, <, 0);
  roundtrip (&neg);

  /* Large sums: far beyond 64 bits. */
  OsimAcc big = { 0 };
  for (int i = 0; i < 1000; i++)
    osim_acc_add (&big, 1e7 + i);
  g_assert_true (big.sumsq > (osim_i128) G_MAXINT64);
  roundtrip (&big);
  OsimAcc nbig = { 0 };
  for (int i = 0; i < 1000; i++)
    osim_acc_add (&nbig, -1e7 - i);
  g_assert_true (nbig.sum < (osim_i128) G_MININT64);
  roundtrip (&nbig);

  /* Hand-made extremes of the 128-bit range. */
  OsimAcc ext = { G_MAXINT64, 0, 0 };
  ext.sum = -(((osim_i128) 1 << 126) - 1) * 2 - 1; /* -2^127 + 1 */
  ext.sumsq = (((osim_i128) 1 << 126) - 1) * 2 + 1; /* 2^127 - 1 */
  roundtrip (&ext);
  g_autofree char *es = osim_acc_to_string (&ext);
  g_assert_cmpstr (es, ==,
                   "9223372036854775807 -170141183460469231731687303715884105727 "
                   "170141183460469231731687303715884105727");
}

static void
test_acc_from_string_garbage (void)
{
  static const char *const bad[] = {
    "", "1", "1 2", "1 2 ", "1 2 3 ", " 1 2 3", "1  2 3", "1 2 3 4", "a b c", "1 2 x",
    "1.5 2 3", "1 2.5 3", "-1 2 3", "1 - 3", "1 2 -", "1,2,3", "1\t2\t3", "0x10 2 3",
    "9223372036854775808 0 0", /* n beyond gint64 */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      OsimAcc a = { 0 };
      g_test_message ("'%s'", bad[i]);
      g_assert_false (osim_acc_from_string (bad[i], &a));
    }
  OsimAcc ok = { 0 };
  g_assert_true (osim_acc_from_string ("3 -5 7", &ok));
  g_assert_cmpint (ok.n, ==, 3);
  g_assert_true (ok.sum == -5);
  g_assert_true (ok.sumsq == 7);
}

static void
test_acc_from_string_overflow (void)
{
  /* Numbers that do not fit in 128 signed bits must be refused, not wrapped:
   * a corrupted shard file must not merge into silently wrong results. */
  static const char *const bad[] = {
    "1 170141183460469231731687303715884105728 0",  /* 2^127 */
    "1 0 999999999999999999999999999999999999999",  /* 39 nines > 2^128 */
    "1 -170141183460469231731687303715884105729 0", /* -2^127 - 1 */
    "1 0 340282366920938463463374607431768211457",  /* 2^128 + 1: wraps to 1 */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      OsimAcc a = { 0 };
      g_test_message ("'%s'", bad[i]);
      g_assert_false (osim_acc_from_string (bad[i], &a));
    }
}

/* The fixed point of a value is llround (x * 2^32), halves away from zero,
 * over the whole range: halves, negatives, the integers from 2^52 up, the
 * edges of the range. */
static void
test_acc_fixed_rounding (void)
{
  const double cases[] = { 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
                           -0.49999999999999994, 4503599627370495.5, -4503599627370495.5,
                           4503599627370496.0, 9007199254740993.0, 9.1e18, -9.1e18, 1e-300 };
  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      gint64 q = 0;
      double x = cases[k] / OSIM_ACC_SCALE;
      g_assert_true (osim_acc_fixed (x, &q));
      g_assert_cmpint (q, ==, llround (x * OSIM_ACC_SCALE));
    }
  GRand *r = g_rand_new_with_seed (7);
  for (int k = 0; k < 200000; k++)
    {
      /* magnitudes from 2^-40 to 2^62, halves among them */
      double x = ldexp (g_rand_double (r), g_rand_int_range (r, -40, 63));
      if (k % 4 == 0)
        x = floor (x) + 0.5;
      if (k % 2)
        x = -x;
      x /= OSIM_ACC_SCALE;
      gint64 q = 0;
      if (!(fabs (x * OSIM_ACC_SCALE) < 9.2e18))
        continue;
      g_assert_true (osim_acc_fixed (x, &q));
      g_assert_cmpint (q, ==, llround (x * OSIM_ACC_SCALE));
    }
  g_rand_free (r);
  gint64 q = 0;
  g_assert_false (osim_acc_fixed (INFINITY, &q));
  g_assert_false (osim_acc_fixed (9.3e18 / OSIM_ACC_SCALE, &q));
  g_assert_true (osim_acc_fixed (NAN, &q));
  g_assert_cmpint (q, ==, OSIM_ACC_NAN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing case, not only the first. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/stats/acc-fixed-rounding", test_acc_fixed_rounding);
  g_test_add_func ("/stats/t-quantile", test_t_quantile);
  g_test_add_func ("/stats/incbeta", test_incbeta);
  g_test_add_func ("/stats/acc-known", test_acc_known);
  g_test_add_func ("/stats/acc-small-n", test_acc_small_n);
  g_test_add_func ("/stats/acc-nan", test_acc_nan);
  g_test_add_func ("/stats/acc-merge-order", test_acc_merge_order);
  g_test_add_func ("/stats/acc-add-overflow", test_acc_add_overflow);
  g_test_add_func ("/stats/acc-plausible", test_acc_plausible);
  g_test_add_func ("/stats/acc-string", test_acc_string);
  g_test_add_func ("/stats/acc-from-string-garbage", test_acc_from_string_garbage);
  g_test_add_func ("/stats/acc-from-string-overflow", test_acc_from_string_overflow);
  return g_test_run ();
}

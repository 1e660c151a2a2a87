/* stats.c: fixed-point accumulators, Student-t quantiles, summaries. */
#include "orgsim/stats.h"

#include <math.h>
#include <string.h>

gboolean
osim_acc_fixed (double x, gint64 *q)
{
  if (isnan (x))
    {
      *q = OSIM_ACC_NAN;
      return TRUE;
    }
  double scaled = x * OSIM_ACC_SCALE;
  /* llround's range (an infinity is outside it too); the result is never
   * OSIM_ACC_NAN inside it. */
  if (!(fabs (scaled) < 9.2e18))
    return FALSE;
  /* llround (halves away from zero) without the call: the fraction is
   * exact, and zero from 2^52 up, where every double is an integer. */
  gint64 i = (gint64) scaled;
  double f = scaled - (double) i;
  *q = i + (f >= 0.5) - (f <= -0.5);
  return TRUE;
}

gboolean
osim_acc_add_fixed (OsimAcc *acc, gint64 q)
{
  if (q == OSIM_ACC_NAN)
    return TRUE;
  osim_i128 v = q, sum, sumsq;
  if (acc->n == G_MAXINT64 || __builtin_add_overflow (acc->sum, v, &sum)
      || __builtin_add_overflow (acc->sumsq, v * v, &sumsq))
    return FALSE;
  acc->n++;
  acc->sum = sum;
  acc->sumsq = sumsq;
  return TRUE;
}

gboolean
osim_acc_add (OsimAcc *acc, double x)
{
  gint64 q;
  return osim_acc_fixed (x, &q) && osim_acc_add_fixed (acc, q);
}

gboolean
osim_acc_merge (OsimAcc *acc, const OsimAcc *other)
{
  OsimAcc r;
  if (__builtin_add_overflow (acc->n, other->n, &r.n)
      || __builtin_add_overflow (acc->sum, other->sum, &r.sum)
      || __builtin_add_overflow (acc->sumsq, other->sumsq, &r.sumsq) || r.sumsq < 0)
    return FALSE;
  *acc = r;
  return TRUE;
}

static double t975 (gint64 df);

OsimSummary
osim_acc_summary (const OsimAcc *acc)
{
  OsimSummary s = { acc->n, NAN, NAN, NAN, NAN };
  if (acc->n == 0)
    return s;
  long double n = (long double) acc->n;
  long double sum = (long double) acc->sum / OSIM_ACC_SCALE;
  long double sumsq = (long double) acc->sumsq / (OSIM_ACC_SCALE * OSIM_ACC_SCALE);
  long double mean = sum / n;
  s.mean = (double) mean;
  if (acc->n < 2)
    return s;
  long double var = (sumsq - sum * mean) / (n - 1);
  if (var < 0)
    var = 0;
  s.sd = (double) sqrtl (var);
  double half = t975 (acc->n - 1) * s.sd / sqrt ((double) acc->n);
  s.ci_lo = s.mean - half;
  s.ci_hi = s.mean + half;
  return s;
}

/* Continued fraction for the incomplete beta (Lentz's method). */
static double
betacf (double a, double b, double x)
{
  const double tiny = 1e-300, eps = 1e-15;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (fabs (d) < tiny)
    d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; m++)
    {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (fabs (del - 1) < eps)
        break;
    }
  return h;
}

double
osim_incbeta (double a, double b, double x)
{
  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;
  double lbt = lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x);
  if (x < (a + 1) / (a + b + 2))
    return exp (lbt) * betacf (a, b, x) / a;
  return 1 - exp (lbt) * betacf (b, a, 1 - x) / b;
}

/* CDF of Student's t. */
static double
t_cdf (double t, double df)
{
  double x = df / (df + t * t);
  double tail = 0.5 * osim_incbeta (df / 2, 0.5, x);
  return t > 0 ? 1 - tail : tail;
}

double
osim_t_quantile (double p, double df)
{
  g_return_val_if_fail (p > 0 && p < 1 && df > 0, NAN);
  if (p == 0.5)
    return 0;
  if (p < 0.5)
    return -osim_t_quantile (1 - p, df);
  /* Bisection on the CDF: monotone, and 200 halvings reach double precision
   * from any bracket. */
  double lo = 0, hi = 1;
  while (t_cdf (hi, df) < p && hi < 1e12)
    hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);
      if (t_cdf (mid, df) < p)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* The 97.5% quantile for @df, remembered (one per thread, so that the
 * threads writing results' text take no lock): a results folder asks for
 * the same few degrees of freedom millions of times. */
static double
t975 (gint64 df)
{
  static _Thread_local gint64 cached_df = -1;
  static _Thread_local double cached = 0;
  if (df != cached_df)
    {
      cached = osim_t_quantile (0.975, (double) df);
      cached_df = df;
    }
  return cached;
}

static void
i128_append (GString *s, osim_i128 v)
{
  char buf[48];
  int i = 47;
  buf[i] = '\0';
  gboolean neg = v < 0;
  /* Negate as unsigned so the most negative value is safe. */
  __extension__ unsigned __int128 u = neg ? -(unsigned __int128) v : (unsigned __int128) v;
  do
    {
      buf[--i] = (char) ('0' + (int) (u % 10));
      u /= 10;
    }
  while (u);
  if (neg)
    buf[--i] = '-';
  g_string_append (s, buf + i);
}

char *
osim_acc_to_string (const OsimAcc *acc)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%" G_GINT64_FORMAT " ", acc->n);
  i128_append (s, acc->sum);
  g_string_append_c (s, ' ');
  i128_append (s, acc->sumsq);
  return g_string_free (s, FALSE);
}

__extension__ typedef unsigned __int128 u128;

static gboolean
i128_parse (const char **p, osim_i128 *out)
{
  const u128 max = ((u128) 1 << 127) - 1; /* the largest osim_i128 */
  const char *c = *p;
  gboolean neg = FALSE;
  if (*c == '-')
    neg = TRUE, c++;
  if (!g_ascii_isdigit (*c))
    return FALSE;
  u128 u = 0;
  while (g_ascii_isdigit (*c))
    {
      unsigned d = (unsigned) (*c++ - '0');
      /* Refuse what does not fit rather than wrap: a damaged shard file must
       * never merge as wrong sums. */
      if (u > (max + 1 - d) / 10)
        return FALSE;
      u = u * 10 + d;
    }
  if (u > max + (neg ? 1 : 0))
    return FALSE;
  *out = neg ? (osim_i128) (0 - u) : (osim_i128) u;
  *p = c;
  return TRUE;
}

gboolean
osim_acc_from_string (const char *text, OsimAcc *acc)
{
  const char *p = text;
  osim_i128 n;
  if (!i128_parse (&p, &n) || *p++ != ' ' || n < 0 || n > G_MAXINT64)
    return FALSE;
  acc->n = (gint64) n;
  if (!i128_parse (&p, &acc->sum) || *p++ != ' ' || !i128_parse (&p, &acc->sumsq))
    return FALSE;
  return *p == '\0';
}

gboolean
osim_acc_plausible (const OsimAcc *acc)
{
  /* A sum of squares is never negative, and nothing is summed over no
   * runs. */
  if (acc->n < 0 || acc->sumsq < 0 || (acc->n == 0 && (acc->sum != 0 || acc->sumsq != 0)))
    return FALSE;
  /* Sums of n integers v obey (sum v)^2 <= n sum v^2 (Cauchy-Schwarz);
   * checked in long double with room for its rounding. */
  long double s = (long double) acc->sum, q = (long double) acc->sumsq;
  return s * s <= (long double) acc->n * q * (1 + 1e-12L) + 1;
}

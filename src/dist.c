/* dist.c: random streams (SplitMix64, keyed) and the hire distributions. */
#include "orgsim/dist.h"
#include "orgsim/common.h"

#include <math.h>
#include <string.h>

void
osim_rng_init (OsimRng *rng, guint64 seed, guint64 run, guint64 stream)
{
  /* Chained keyed hashes, so that neighbouring runs and streams get
   * unrelated states. */
  osim_rng_init_key (rng, osim_key (osim_key (osim_key (0, seed), run), stream));
}

guint64
osim_rng_below (OsimRng *rng, guint64 n)
{
  g_return_val_if_fail (n > 0, 0);
  /* Lemire's nearly divisionless method would need 128-bit products; a
   * rejection threshold is simple and exact. */
  guint64 limit = G_MAXUINT64 - (G_MAXUINT64 % n);
  guint64 x;
  do
    x = osim_rng_next (rng);
  while (x >= limit);
  return x % n;
}

double
osim_rng_normal (OsimRng *rng)
{
  if (rng->has_spare)
    {
      rng->has_spare = FALSE;
      return rng->spare;
    }
  double u, v, s;
  do
    {
      u = 2.0 * osim_rng_double (rng) - 1.0;
      v = 2.0 * osim_rng_double (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);
  double f = sqrt (-2.0 * log (s) / s);
  rng->spare = v * f;
  rng->has_spare = TRUE;
  return u * f;
}

/* Rejection is bounded: the loader refuses a truncation that keeps less than
 * 1/1000 of the normal's mass, so this cap is never reached in practice; it
 * only guards against a hang. */
#define MAX_TRIES 100000

double
osim_dist_sample (const OsimDist *d, OsimRng *rng)
{
  switch (d->kind)
    {
    case OSIM_DIST_CONSTANT:
      return d->mean;
    case OSIM_DIST_UNIFORM:
      return d->lo + (d->hi - d->lo) * osim_rng_double (rng);
    case OSIM_DIST_NORMAL:
    default:
      for (int i = 0; i < MAX_TRIES; i++)
        {
          double x = d->mean + d->sd * osim_rng_normal (rng);
          if (x >= d->lo && x <= d->hi)
            return x;
        }
      return osim_clamp (d->mean, d->lo, d->hi);
    }
}

double
osim_dist_zscore (const OsimDist *d, double x)
{
  switch (d->kind)
    {
    case OSIM_DIST_NORMAL:
      return (x - d->mean) / d->sd;
    case OSIM_DIST_UNIFORM:
      /* The normal score of the same quantile. */
      {
        double u = (x - d->lo) / (d->hi - d->lo);
        u = osim_clamp (u, 1e-9, 1 - 1e-9);
        /* Inverse normal CDF by bisection on erfc: rare, not a hot path. */
        double lo = -8, hi = 8;
        for (int i = 0; i < 60; i++)
          {
            double mid = 0.5 * (lo + hi);
            if (0.5 * erfc (-mid / M_SQRT2) < u)
              lo = mid;
            else
              hi = mid;
          }
        return 0.5 * (lo + hi);
      }
    case OSIM_DIST_CONSTANT:
    default:
      return 0;
    }
}

double
osim_dist_sample_correlated (const OsimDist *d, OsimRng *rng, double z_other, double rho)
{
  if (rho == 0 || d->kind == OSIM_DIST_CONSTANT)
    return osim_dist_sample (d, rng);
  double a = sqrt (1.0 - rho * rho);
  for (int i = 0; i < MAX_TRIES; i++)
    {
      double z = rho * z_other + a * osim_rng_normal (rng);
      double x;
      if (d->kind == OSIM_DIST_UNIFORM)
        x = d->lo + (d->hi - d->lo) * 0.5 * erfc (-z / M_SQRT2);
      else
        x = d->mean + d->sd * z;
      if (x >= d->lo && x <= d->hi)
        return x;
      if (a == 0)
        return osim_clamp (x, d->lo, d->hi);
    }
  return osim_clamp (d->mean, d->lo, d->hi);
}

static gboolean
parse_args (const char *s, double *v, int n, GError **error)
{
  /* s points just after '('; expect n numbers separated by ',' and a ')'. */
  const char *p = s;
  for (int i = 0; i < n; i++)
    {
      char *end = NULL;
      while (*p == ' ' || *p == '\t')
        p++;
      v[i] = g_ascii_strtod (p, &end);
      if (end == p || !isfinite (v[i]))
        return FALSE;
      p = end;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != (i == n - 1 ? ')' : ','))
        return FALSE;
      p++;
    }
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\0';
}

gboolean
osim_dist_parse (const char *text, OsimDist *out, GError **error)
{
  static const struct { const char *name; OsimDistKind kind; int n; } forms[] = {
    { "normal", OSIM_DIST_NORMAL, 4 },
    { "uniform", OSIM_DIST_UNIFORM, 2 },
    { "constant", OSIM_DIST_CONSTANT, 1 },
  };
  const char *open = strchr (text, '(');
  if (open == NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "'%s' is not a distribution: expected normal(mean,sd,lo,hi), "
                   "uniform(lo,hi) or constant(v)", text);
      return FALSE;
    }
  g_autofree char *name = g_strstrip (g_strndup (text, open - text));
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      if (strcmp (name, forms[i].name) != 0)
        continue;
      double v[4] = { 0 };
      if (!parse_args (open + 1, v, forms[i].n, error))
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                       "'%s': %s takes %d finite number%s, as %s", text, forms[i].name,
                       forms[i].n, forms[i].n == 1 ? "" : "s",
                       forms[i].n == 4 ? "normal(mean,sd,lo,hi)"
                       : forms[i].n == 2 ? "uniform(lo,hi)" : "constant(v)");
          return FALSE;
        }
      OsimDist d = { .kind = forms[i].kind };
      if (d.kind == OSIM_DIST_NORMAL)
        {
          d.mean = v[0], d.sd = v[1], d.lo = v[2], d.hi = v[3];
          if (!(d.sd > 0) || !(d.lo < d.hi))
            {
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                           "'%s': needs sd > 0 and lo < hi", text);
              return FALSE;
            }
          double mass = 0.5 * (erfc (-(d.hi - d.mean) / (d.sd * M_SQRT2))
                               - erfc (-(d.lo - d.mean) / (d.sd * M_SQRT2)));
          if (!(mass >= 1e-3))
            {
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                           "'%s': the range [lo, hi] keeps almost none of the normal "
                           "(under 0.1%%); move the mean into the range", text);
              return FALSE;
            }
        }
      else if (d.kind == OSIM_DIST_UNIFORM)
        {
          d.lo = v[0], d.hi = v[1], d.mean = 0.5 * (v[0] + v[1]);
          d.sd = (v[1] - v[0]) / sqrt (12.0);
          if (!(d.lo < d.hi))
            {
              g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                           "'%s': needs lo < hi", text);
              return FALSE;
            }
        }
      else
        d.mean = d.lo = d.hi = v[0];
      *out = d;
      return TRUE;
    }
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
               "unknown distribution '%s': expected normal(mean,sd,lo,hi), "
               "uniform(lo,hi) or constant(v)", name);
  return FALSE;
}

const char *
osim_format_shortest (char *buf, gsize size, double v)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, (int) size, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return buf;
}

char *
osim_dist_to_string (const OsimDist *d)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
      e[G_ASCII_DTOSTR_BUF_SIZE];
  switch (d->kind)
    {
    case OSIM_DIST_NORMAL:
      return g_strdup_printf ("normal(%s,%s,%s,%s)", osim_format_shortest (a, sizeof a, d->mean),
                              osim_format_shortest (b, sizeof b, d->sd),
                              osim_format_shortest (c, sizeof c, d->lo),
                              osim_format_shortest (e, sizeof e, d->hi));
    case OSIM_DIST_UNIFORM:
      return g_strdup_printf ("uniform(%s,%s)", osim_format_shortest (a, sizeof a, d->lo),
                              osim_format_shortest (b, sizeof b, d->hi));
    case OSIM_DIST_CONSTANT:
    default:
      return g_strdup_printf ("constant(%s)", osim_format_shortest (a, sizeof a, d->mean));
    }
}

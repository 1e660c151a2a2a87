/* dist.h: the random stream of a run and the distributions people are drawn from. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A run's random stream: xoshiro256** seeded through splitmix64.  orgsim uses
 * its own generator rather than GRand because GRand's seeding changes with the
 * G_RANDOM_VERSION environment variable, and results must not; it is also
 * inlined into the hot loops.  The stream of a run depends on (seed, run
 * index, stream id) only. */
typedef struct {
  guint64 s[4];
  double spare; /* second normal deviate of the polar method */
  gboolean has_spare;
} OsimRng;

void osim_rng_init (OsimRng *rng, guint64 seed, guint64 run, guint64 stream);

static inline guint64
osim_rng_next (OsimRng *rng)
{
  guint64 *s = rng->s;
  guint64 x = s[1] * 5;
  guint64 result = ((x << 7) | (x >> 57)) * 9;
  guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 45) | (s[3] >> 19);
  return result;
}

/* Uniform in [0, 1). */
static inline double
osim_rng_double (OsimRng *rng)
{
  return (double) (osim_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n), n > 0, without modulo bias. */
guint64 osim_rng_below (OsimRng *rng, guint64 n);
/* Standard normal deviate. */
double osim_rng_normal (OsimRng *rng);

typedef enum {
  OSIM_DIST_NORMAL,   /* normal(mean, sd, lo, hi): truncated to [lo, hi] */
  OSIM_DIST_UNIFORM,  /* uniform(lo, hi) */
  OSIM_DIST_CONSTANT, /* constant(v) */
} OsimDistKind;

typedef struct {
  OsimDistKind kind;
  double mean, sd, lo, hi; /* constant: mean = lo = hi = v */
} OsimDist;

/* Parses "normal(7,2,1,10)", "uniform(1,10)" or "constant(5)".  Errors
 * (OSIM_INPUT_ERROR_VALUE) say what form is expected. */
gboolean osim_dist_parse (const char *text, OsimDist *out, GError **error);
/* @v in the fewest digits that read back as the same double (0.6, not
 * 0.59999999999999998), in the C locale, into @buf; returns @buf. */
const char *osim_format_shortest (char *buf, gsize size, double v);
/* Writes the form osim_dist_parse reads, in the fewest digits; newly
 * allocated. */
char *osim_dist_to_string (const OsimDist *d);
/* One draw. */
double osim_dist_sample (const OsimDist *d, OsimRng *rng);
/* A draw whose underlying normal deviate is z (used for correlated skills);
 * truncation redraws the independent part, see dist.c. */
double osim_dist_sample_correlated (const OsimDist *d, OsimRng *rng, double z_other,
                                    double rho);
/* Where a value of @d stands as a standard score (0 for degenerate forms). */
double osim_dist_zscore (const OsimDist *d, double x);
static inline double
osim_clamp (double x, double lo, double hi)
{
  return x < lo ? lo : (x > hi ? hi : x);
}

G_END_DECLS

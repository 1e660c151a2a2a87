/* dist.h: the random stream of a run and the distributions people are drawn from. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A random stream: SplitMix64, a counter-based generator (the n-th output is
 * a keyed hash of n), so that a stream is derived from a key in one step.
 * orgsim keys a stream for each use of randomness: (seed, run, purpose,
 * year, position), see osim_org_stream (org.h).  Two policies then draw the
 * same numbers for the same seat in the same year (common random numbers
 * that pair).  orgsim uses its own generator rather than GRand because
 * GRand's seeding changes with the G_RANDOM_VERSION environment variable,
 * and results must not. */
typedef struct {
  guint64 s;
  double spare; /* second normal deviate of the polar method */
  gboolean has_spare;
} OsimRng;

/* The SplitMix64 finaliser: a bijective 64-bit mix. */
static inline guint64
osim_mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

#define OSIM_GOLDEN_GAMMA 0x9e3779b97f4a7c15ULL

/* A key derived from @key and a counter @a (position, year, purpose...):
 * osim_key_hashed (key, osim_counter_hash (a)).  The counter's half is a
 * bijective hash of @a that can be computed once and kept: a person holds
 * the hash of their number (OsimPerson.key), so that a draw keyed by a
 * person costs one mix, not two, in the yearly pass. */
static inline guint64
osim_counter_hash (guint64 a)
{
  return osim_mix64 ((a + 1) * 0xd1b54a32d192ed03ULL);
}

static inline guint64
osim_key_hashed (guint64 key, guint64 hashed_counter)
{
  return osim_mix64 (key ^ hashed_counter);
}

static inline guint64
osim_key (guint64 key, guint64 a)
{
  return osim_key_hashed (key, osim_counter_hash (a));
}

/* The counter @a whose osim_counter_hash is @h. */
static inline guint64
osim_counter_unhash (guint64 h)
{
  /* The finaliser's steps undone in reverse: x ^= x >> s is undone by
   * x ^ x >> s ^ x >> 2s ..., a multiplication by an odd constant by its
   * inverse modulo 2^64. */
  h ^= (h >> 31) ^ (h >> 62);
  h *= 0x319642b2d24d8ec3ULL; /* 0x94d049bb133111eb^-1 */
  h ^= (h >> 27) ^ (h >> 54);
  h *= 0x96de1b173f119089ULL; /* 0xbf58476d1ce4e5b9^-1 */
  h ^= (h >> 30) ^ (h >> 60);
  return h * 0x06106ccfa448e5abULL - 1; /* 0xd1b54a32d192ed03^-1 */
}

/* Uniform in [0, 1) from 64 random bits. */
static inline double
osim_u01 (guint64 x)
{
  return (double) (x >> 11) * 0x1.0p-53;
}

/* The stream of (seed, run, stream id). */
void osim_rng_init (OsimRng *rng, guint64 seed, guint64 run, guint64 stream);

/* The stream of @key. */
static inline void
osim_rng_init_key (OsimRng *rng, guint64 key)
{
  rng->s = key;
  rng->has_spare = FALSE;
  rng->spare = 0;
}

static inline guint64
osim_rng_next (OsimRng *rng)
{
  return osim_mix64 (rng->s += OSIM_GOLDEN_GAMMA);
}

/* Uniform in [0, 1). */
static inline double
osim_rng_double (OsimRng *rng)
{
  return osim_u01 (osim_rng_next (rng));
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

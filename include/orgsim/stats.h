/* stats.h: exact accumulators across runs, and the statistics drawn from them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sums of x and x^2 over runs, in fixed point (x rounded to 2^-32), held in
 * 128-bit integers: adding runs in any order, on any thread or shard, gives
 * the same bits, so results never depend on -j or sharding.  NaN values are
 * not counted. */
__extension__ typedef __int128 osim_i128;
typedef struct {
  gint64 n;
  osim_i128 sum;
  osim_i128 sumsq;
} OsimAcc;

#define OSIM_ACC_SCALE 4294967296.0 /* 2^32 */

/* Adds one observation; FALSE, leaving @acc as it was, when @x is out of
 * the fixed-point range or a sum would overflow. */
gboolean osim_acc_add (OsimAcc *acc, double x);
/* osim_acc_add in two steps, so that the rounding can be done outside a
 * lock and only the integer sums under it: @x in fixed point into *@q
 * (OSIM_ACC_NAN for NaN, which is not counted); FALSE when out of range. */
#define OSIM_ACC_NAN G_MININT64
gboolean osim_acc_fixed (double x, gint64 *q);
/* Adds an observation from osim_acc_fixed; FALSE, leaving @acc as it was,
 * when a sum would overflow. */
gboolean osim_acc_add_fixed (OsimAcc *acc, gint64 q);
/* Adds another accumulator's sums (merging shards, threads); FALSE, leaving
 * @acc as it was, when a sum would overflow. */
gboolean osim_acc_merge (OsimAcc *acc, const OsimAcc *other);

/* Mean, sd and 95% Student-t CI of what was added; sd and CI are NaN with
 * fewer than 2 observations, everything NaN with none. */
typedef struct {
  gint64 n;
  double mean, sd, ci_lo, ci_hi;
} OsimSummary;
OsimSummary osim_acc_summary (const OsimAcc *acc);

/* The p-quantile of Student's t with @df degrees of freedom (df >= 1). */
double osim_t_quantile (double p, double df);
/* Regularized incomplete beta I_x(a, b). */
double osim_incbeta (double a, double b, double x);

/* Text form of an accumulator for shard files: "n sum sumsq" in decimal.
 * Reading refuses numbers out of range. */
char *osim_acc_to_string (const OsimAcc *acc);
gboolean osim_acc_from_string (const char *text, OsimAcc *acc);
/* Whether @acc could be the sums of runs: no negative count or sum of
 * squares, nothing summed over no runs, and (sum)^2 <= n x sumsq. */
gboolean osim_acc_plausible (const OsimAcc *acc);

G_END_DECLS

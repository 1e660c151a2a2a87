/* test-helpers.h: fixtures shared by the unit tests: scenarios from text,
 * small hand-built orgs, and a few statistics helpers. */
#pragma once

#include <glib.h>
#include <math.h>
#include <string.h>

#include "orgsim/common.h"
#include "orgsim/dist.h"
#include "orgsim/org.h"
#include "orgsim/scenario.h"

/* Loads @text as "test.ini" with @overrides; the test fails on any error.
 * An empty @text means "all defaults": a file holding only [scenario] (an
 * empty file is refused as not a scenario). */
static inline OsimScenario *
th_load (const char *text, const char *const *overrides)
{
  g_autoptr (GError) error = NULL;
  if (text[0] == '\0')
    text = "[scenario]\n";
  OsimScenario *sc = osim_scenario_load_data ("test.ini", text, strlen (text), overrides, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sc);
  return sc;
}

/* An org built from scenario text.  @params is a private copy of the
 * scenario's base parameters, so a test may change it (people weights, p, r,
 * ...) before or after building the org; org->params points at it.  Unless
 * the text sets [org] start, the org starts as the paper's (every position a
 * fresh hire), the start the mechanics tests are written for. */
typedef struct
{
  OsimScenario *sc;
  OsimParams params;
  OsimShape *shape;
  OsimOrg *org;
} ThOrg;

static inline void
th_org_init (ThOrg *t, const char *text, guint64 seed, guint64 run)
{
  t->sc = th_load (text, NULL);
  t->params = *osim_scenario_params (t->sc); /* name, description stay owned by sc */
  if (strstr (text, "start =") == NULL)
    t->params.start = OSIM_START_PAPER;
  t->shape = osim_shape_new (&t->params);
  t->org = osim_org_new (&t->params, t->shape, seed, run);
}

static inline void
th_org_clear (ThOrg *t)
{
  g_clear_pointer (&t->org, osim_org_free);
  g_clear_pointer (&t->shape, osim_shape_free);
  g_clear_pointer (&t->sc, osim_scenario_free);
}

/* Recomputes every person's competence after a test changed T, P or weights. */
static inline void
th_org_refresh_all (ThOrg *t)
{
  for (gint64 pos = 0; pos < t->shape->n_positions; pos++)
    osim_org_refresh (t->org, pos);
}

/* Invalidates the per-year selection trees, as a new year would: tests that
 * change people by hand between picks must call this. */
static inline void
th_org_new_year (ThOrg *t)
{
  t->org->year++;
}

/* Mean and sample standard deviation of @n values. */
static inline void
th_mean_sd (const double *x, gsize n, double *mean, double *sd)
{
  double m = 0;
  for (gsize i = 0; i < n; i++)
    m += x[i];
  m /= (double) n;
  double ss = 0;
  for (gsize i = 0; i < n; i++)
    ss += (x[i] - m) * (x[i] - m);
  *mean = m;
  *sd = sqrt (ss / (double) (n - 1));
}

/* Sample correlation of two series. */
static inline double
th_correlation (const double *x, const double *y, gsize n)
{
  double mx = 0, my = 0;
  for (gsize i = 0; i < n; i++)
    mx += x[i], my += y[i];
  mx /= (double) n;
  my /= (double) n;
  double sxy = 0, sxx = 0, syy = 0;
  for (gsize i = 0; i < n; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  return sxy / sqrt (sxx * syy);
}

/* Standard normal density and CDF. */
static inline double
th_phi (double z)
{
  return exp (-0.5 * z * z) / sqrt (2 * M_PI);
}

static inline double
th_Phi (double z)
{
  return 0.5 * erfc (-z / M_SQRT2);
}

/* Mean of normal(mu, sd) truncated to [lo, hi] (the textbook formula). */
static inline double
th_truncated_mean (double mu, double sd, double lo, double hi)
{
  double a = (lo - mu) / sd, b = (hi - mu) / sd;
  return mu + sd * (th_phi (a) - th_phi (b)) / (th_Phi (b) - th_Phi (a));
}

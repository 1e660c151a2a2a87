/* sim.h: one run: an org stepped year by year under one policy, emitting metrics. */
#pragma once

#include <glib.h>
#include "orgsim/org.h"

G_BEGIN_DECLS

/* Metrics per run and year (the model, orgsim(1)).  The counts are people per
 * year. */
typedef enum {
  OSIM_M_EFFICIENCY, /* percent */
  OSIM_M_EFFORT,     /* mean effort, 0..1 */
  OSIM_M_WILLING,    /* share of people with a manager who are willing followers */
  OSIM_M_LEADER,     /* share of managers who are leaders */
  OSIM_M_COMPETENCE, /* mean competence in the job, 1..10 */
  OSIM_M_PROMOTIONS,
  OSIM_M_HIRES,
  OSIM_M_RETIREMENTS,
  OSIM_M_DISMISSALS,
  OSIM_M_QUITS,
  OSIM_N_METRICS
} OsimMetric;
#define OSIM_FIRST_COUNT OSIM_M_PROMOTIONS

/* Metrics per run, year and level. */
typedef enum {
  OSIM_LM_COMPETENCE,
  OSIM_LM_EFFORT,
  OSIM_LM_WILLING,
  OSIM_LM_LEADER,
  OSIM_N_LEVEL_METRICS
} OsimLevelMetric;

const char *osim_metric_name (OsimMetric m);
const char *osim_level_metric_name (OsimLevelMetric m);

/* A run's metrics: m[step * OSIM_N_METRICS + metric] and
 * lm[(step * n_levels + level) * OSIM_N_LEVEL_METRICS + metric], steps
 * 0..steps (0 is the initial org).  NaN where a metric is undefined (the
 * willing share of the top level, the leaders of the bottom level, both
 * without the leadership layer). */
typedef struct {
  int steps;
  int n_levels;
  double *m;
  double *lm;
} OsimSeries;

OsimSeries *osim_series_new (int steps, int n_levels);
void osim_series_free (OsimSeries *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimSeries, osim_series_free)

/* @years of @org's past under @policy, before year 0 ([history]); called by
 * osim_org_new. */
void osim_sim_history (OsimOrg *org, OsimPolicy policy, int years);

/* Simulates run @run of (@params, @policy) for params->steps years into
 * @out.  When @final_org is not NULL it receives the org at the last step.
 * Returns FALSE (and stops early) once *@cancel becomes non-zero. */
gboolean osim_sim_run (const OsimParams *params, const OsimShape *shape, OsimPolicy policy,
                       guint64 run, OsimSeries *out, OsimOrg **final_org,
                       const volatile gint *cancel);

/* osim_sim_run from @org, a new org (osim_org_new, or a copy of one:
 * osim_org_copy) that is stepped to the last year in place, recording every
 * spell of a person in a post into @careers (careers.h) when it is not
 * NULL. */
gboolean osim_sim_run_from (OsimOrg *org, OsimPolicy policy, OsimSeries *out,
                            OsimCareers *careers, const volatile gint *cancel);

/* One year of @org under @policy (the model, orgsim(1)), counting events into
 * @counts (OSIM_N_METRICS long; only the count metrics are touched). */
void osim_sim_year (OsimOrg *org, OsimPolicy policy, double *counts);

G_END_DECLS

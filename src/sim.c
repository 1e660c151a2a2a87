/* sim.c: one run, year by year: leaving, promotion top-down, trust and effort,
 * ageing and learning, metrics (MODEL.md section 3). */
#include "orgsim/sim.h"
#include "orgsim/effort.h"
#include "orgsim/policy.h"
#include "orgsim/transfer.h"

#include <math.h>
#include <string.h>

static const char *const metric_names[OSIM_N_METRICS] = {
  "efficiency", "effort", "willing_share", "leader_share", "competence",
  "promotions", "hires", "retirements", "dismissals", "quits",
};

static const char *const level_metric_names[OSIM_N_LEVEL_METRICS] = {
  "competence", "effort", "willing_share", "leader_share",
};

const char *
osim_metric_name (OsimMetric m)
{
  return metric_names[m];
}

const char *
osim_level_metric_name (OsimLevelMetric m)
{
  return level_metric_names[m];
}

OsimSeries *
osim_series_new (int steps, int n_levels)
{
  OsimSeries *s = g_new0 (OsimSeries, 1);
  s->steps = steps;
  s->n_levels = n_levels;
  s->m = g_new0 (double, (gsize) (steps + 1) * OSIM_N_METRICS);
  s->lm = g_new0 (double, (gsize) (steps + 1) * n_levels * OSIM_N_LEVEL_METRICS);
  return s;
}

void
osim_series_free (OsimSeries *s)
{
  if (s == NULL)
    return;
  g_free (s->m);
  g_free (s->lm);
  g_free (s);
}

/* Step 1: who leaves.  Returns nothing; marks slots vacant. */
static void
leave (OsimOrg *org, double *counts)
{
  const OsimParams *p = org->params;
  OsimPerson *people = org->people;
  gint64 n = org->shape->n_positions;
  gboolean quits = p->effort_enabled && p->quit_rate > 0;
  for (gint64 i = 0; i < n; i++)
    {
      OsimPerson *q = &people[i];
      if (q->age > p->retire_age)
        {
          q->vacant = 1;
          counts[OSIM_M_RETIREMENTS]++;
        }
      else if (q->C < p->dismiss_below)
        {
          q->vacant = 1;
          counts[OSIM_M_DISMISSALS]++;
        }
      else if (quits && i > 0
               && osim_rng_double (&org->rng_lead) < p->quit_rate * (1.0 - q->W))
        {
          q->vacant = 1;
          counts[OSIM_M_QUITS]++;
        }
    }
}

/* Step 2: vacancies filled top-down, so a promotion's hole is filled when its
 * level's turn comes, the same year. */
static void
promote (OsimOrg *org, OsimPolicy policy, double *counts)
{
  const OsimShape *s = org->shape;
  OsimPerson *people = org->people;
  osim_policy_begin_year (org, policy);
  for (int k = 0; k < s->n_levels; k++)
    for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
      {
        if (!people[pos].vacant)
          continue;
        gint64 cand = osim_policy_select (org, policy, pos);
        if (cand < 0)
          {
            osim_org_hire (org, pos);
            counts[OSIM_M_HIRES]++;
            continue;
          }
        people[pos] = people[cand];
        people[pos].tenure = 0;
        people[pos].mgr_id = 0; /* a promotion opens a new trust account */
        people[cand].vacant = 1;
        osim_policy_vacate (org, cand);
        osim_transfer_apply (org, pos);
        osim_effort_coach (org, pos);
        counts[OSIM_M_PROMOTIONS]++;
      }
}

/* Step 4: everyone a year older. */
static void
age (OsimOrg *org)
{
  OsimPerson *people = org->people;
  gint64 n = org->shape->n_positions;
  for (gint64 i = 0; i < n; i++)
    {
      people[i].age += 1.0;
      people[i].service++;
      people[i].tenure++;
    }
}

void
osim_sim_year (OsimOrg *org, OsimPolicy policy, double *counts)
{
  org->year++;
  leave (org, counts);
  promote (org, policy, counts);
  osim_effort_update (org, TRUE);
  age (org);
  osim_effort_learn (org);
}

void
osim_sim_measure (const OsimOrg *org, OsimSeries *out, int step, const double *counts)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  const OsimPerson *people = org->people;
  int L = s->n_levels;
  double *m = out->m + (gsize) step * OSIM_N_METRICS;
  double *lm = out->lm + (gsize) step * L * OSIM_N_LEVEL_METRICS;
  gboolean lead = p->effort_enabled;
  double weighted = 0, norm = 0, sum_c = 0, sum_e = 0;
  gint64 willing = 0, led = 0, managers = 0;
  for (int k = 0; k < L; k++)
    {
      double lc = 0, le = 0;
      gint64 lw = 0, ll = 0, lmgr = 0;
      for (gint64 i = s->level_start[k]; i < s->level_start[k + 1]; i++)
        {
          const OsimPerson *q = &people[i];
          lc += q->C;
          le += q->effort;
          lw += q->willing;
          ll += q->leader;
          lmgr += s->child_count[i] > 0;
        }
      double nk = (double) s->level_size[k];
      double *row = lm + k * OSIM_N_LEVEL_METRICS;
      row[OSIM_LM_COMPETENCE] = lc / nk;
      row[OSIM_LM_EFFORT] = le / nk;
      /* Effort weighs competence in efficiency; with the layer off every e = 1
       * and this is the paper's formula. */
      weighted += p->responsibility[k] * (lead ? 0 : lc);
      norm += p->responsibility[k] * nk;
      row[OSIM_LM_WILLING] = lead && k > 0 ? lw / nk : NAN;
      row[OSIM_LM_LEADER] = lead && lmgr > 0 ? (double) ll / (double) lmgr : NAN;
      sum_c += lc;
      sum_e += le;
      if (k > 0)
        willing += lw;
      led += ll;
      managers += lmgr;
    }
  if (lead)
    {
      weighted = 0;
      for (int k = 0; k < L; k++)
        {
          double ce = 0;
          for (gint64 i = s->level_start[k]; i < s->level_start[k + 1]; i++)
            ce += people[i].C * people[i].effort;
          weighted += p->responsibility[k] * ce;
        }
    }
  double n = (double) s->n_positions;
  m[OSIM_M_EFFICIENCY] = 100.0 * weighted / (10.0 * norm);
  m[OSIM_M_EFFORT] = sum_e / n;
  m[OSIM_M_WILLING] = lead ? (double) willing / (n - 1) : NAN;
  m[OSIM_M_LEADER] = lead && managers > 0 ? (double) led / (double) managers : NAN;
  m[OSIM_M_COMPETENCE] = sum_c / n;
  for (int c = OSIM_FIRST_COUNT; c < OSIM_N_METRICS; c++)
    m[c] = counts ? counts[c] : 0;
}

gboolean
osim_sim_run (const OsimParams *params, const OsimShape *shape, OsimPolicy policy,
              guint64 run, OsimSeries *out, OsimOrg **final_org, const volatile gint *cancel)
{
  g_autoptr (OsimOrg) org = osim_org_new (params, shape, params->seed, run);
  osim_effort_update (org, FALSE);
  osim_sim_measure (org, out, 0, NULL);
  for (int t = 1; t <= params->steps; t++)
    {
      if (cancel && g_atomic_int_get (cancel))
        return FALSE;
      double counts[OSIM_N_METRICS] = { 0 };
      osim_sim_year (org, policy, counts);
      osim_sim_measure (org, out, t, counts);
    }
  if (final_org)
    *final_org = g_steal_pointer (&org);
  return TRUE;
}

/* sim.c: one run, year by year: leaving, promotion top-down, trust and effort,
 * ageing and learning, metrics (the model, orgsim(1)). */
#include "orgsim/sim.h"
#include "orgsim/careers.h"
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

/* Step 1 for one person @q: why they leave at the start of the year
 * (OSIM_M_RETIREMENTS, OSIM_M_DISMISSALS or OSIM_M_QUITS, tested in that
 * order), or -1 if they stay.  @quits: whether they may quit (the layer on,
 * below the top, quit_rate > 0); @quit_key: the year's key of the quit
 * draws (one per person: osim_key (quit_key, number)); @W: their
 * willingness. */
static inline __attribute__ ((always_inline)) int
leave_why (const OsimPerson *q, double retire_age, double dismiss_below, gboolean quits,
           double quit_rate, guint64 quit_key, double W)
{
  if (q->age > retire_age)
    return OSIM_M_RETIREMENTS;
  if (q->C < dismiss_below)
    return OSIM_M_DISMISSALS;
  if (quits && osim_u01 (osim_key_hashed (quit_key, q->key)) < quit_rate * (1.0 - W))
    return OSIM_M_QUITS;
  return -1;
}

/* The person at position @i of @level leaves for reason @why in @year: their
 * post joins its level's vacancies. */
static void
leave_person (OsimOrg *org, gint64 i, int level, int why, int year, double *counts)
{
  org->people[i].vacant = 1;
  counts[why]++;
  if (G_UNLIKELY (org->careers))
    osim_careers_end (org->careers, i,
                      why == OSIM_M_RETIREMENTS   ? OSIM_END_RETIRED
                      : why == OSIM_M_DISMISSALS ? OSIM_END_DISMISSED
                                                 : OSIM_END_QUIT,
                      year);
  org->vac[org->shape->level_start[level] + org->vac_count[level]++] = (gint32) i;
}

/* How many vacancies ahead promote () asks for memory. */
#define PREFETCH_AHEAD 8

/* Step 2: vacancies filled top-down, so a promotion's hole is filled when its
 * level's turn comes, the same year. */
static void
promote (OsimOrg *org, OsimPolicy policy, double *counts)
{
  const OsimShape *s = org->shape;
  OsimPerson *people = org->people;
  int L = s->n_levels;
  osim_policy_begin_year (org, policy);
  /* Leavers were listed from the last position back: put each level's in
   * position order; the holes promotions make are appended after them. */
  for (int k = 0; k < L; k++)
    {
      gint32 *vac = org->vac + s->level_start[k];
      for (gint64 a = 0, b = org->vac_count[k] - 1; a < b; a++, b--)
        {
          gint32 t = vac[a];
          vac[a] = vac[b];
          vac[b] = t;
        }
    }
  for (int k = 0; k < L; k++)
    {
      gint32 *vac = org->vac + s->level_start[k];
      for (gint64 j = 0; j < org->vac_count[k]; j++)
        {
          gint64 pos = vac[j];
          /* In a large org the vacancies are far apart in memory: ask for
           * a later one's person ahead of its turn (a hint only). */
          if (j + PREFETCH_AHEAD < org->vac_count[k])
            {
              const OsimPerson *ahead = &people[vac[j + PREFETCH_AHEAD]];
              __builtin_prefetch (ahead, 1);
              __builtin_prefetch ((const char *) ahead + sizeof *ahead - 1, 1);
              __builtin_prefetch (&s->level[vac[j + PREFETCH_AHEAD]]);
            }
          gint64 cand = osim_policy_select (org, policy, pos);
          if (cand < 0)
            {
              osim_org_hire (org, pos);
              counts[OSIM_M_HIRES]++;
              continue;
            }
          double before = people[cand].C;
          if (org->careers)
            osim_careers_end (org->careers, cand, OSIM_END_PROMOTED, org->year);
          people[pos] = people[cand];
          if (org->noise)
            org->noise[pos] = org->noise[cand];
          people[pos].post_pass = org->passes;
          people[pos].mgr_key = 0; /* a promotion opens a new trust account */
          people[cand].vacant = 1;
          osim_policy_vacate (org, cand);
          org->vac[s->level_start[k + 1] + org->vac_count[k + 1]++] = (gint32) cand;
          osim_transfer_apply (org, pos);
          osim_effort_coach (org, pos);
          if (org->careers)
            osim_careers_start (org->careers, org, pos, before, org->year);
          counts[OSIM_M_PROMOTIONS]++;
        }
      org->vac_count[k] = 0;
    }
}

/* Sums per level from which the metrics are made. */
typedef struct
{
  double c, e, ce;
  gint64 willing, leaders, managers;
} LevelSums;

static void
finish_metrics (const OsimOrg *org, const LevelSums *sums, double *m, double *lm,
                const double *counts)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  gboolean lead = p->effort_enabled;
  double weighted = 0, norm = 0, sum_c = 0, sum_e = 0;
  gint64 willing = 0, led = 0, managers = 0;
  for (int k = 0; k < s->n_levels; k++)
    {
      const LevelSums *ls = &sums[k];
      double nk = (double) s->level_size[k];
      double *row = lm + k * OSIM_N_LEVEL_METRICS;
      row[OSIM_LM_COMPETENCE] = ls->c / nk;
      row[OSIM_LM_EFFORT] = ls->e / nk;
      row[OSIM_LM_WILLING] = lead && k > 0 ? (double) ls->willing / nk : NAN;
      row[OSIM_LM_LEADER]
          = lead && ls->managers > 0 ? (double) ls->leaders / (double) ls->managers : NAN;
      /* Effort weighs competence; with the layer off every e = 1 and this is
       * the paper's formula. */
      weighted += p->responsibility[k] * ls->ce;
      norm += p->responsibility[k] * nk;
      sum_c += ls->c;
      sum_e += ls->e;
      if (k > 0)
        willing += ls->willing;
      led += ls->leaders;
      managers += ls->managers;
    }
  double n = (double) s->n_positions;
  m[OSIM_M_EFFICIENCY] = 100.0 * weighted / (10.0 * norm);
  m[OSIM_M_EFFORT] = sum_e / n;
  /* The willing share is of the people who have a manager. */
  double led_people = n - (double) s->level_size[0];
  m[OSIM_M_WILLING] = lead && led_people > 0 ? (double) willing / led_people : NAN;
  m[OSIM_M_LEADER] = lead && managers > 0 ? (double) led / (double) managers : NAN;
  m[OSIM_M_COMPETENCE] = sum_c / n;
  for (int c = OSIM_FIRST_COUNT; c < OSIM_N_METRICS; c++)
    m[c] = counts ? counts[c] : 0;
}

/* The parameters of the yearly pass, copied out of the scenario so that the
 * compiler keeps them in registers: it cannot tell that the writes to a
 * person leave them unchanged. */
typedef struct
{
  double retire_age, dismiss_below, quit_rate, training, bare_minimum, people_weight;
  OsimTrustParams tp;
} PassParams;

/* Next year's scores of a level's candidates, filled in by the yearly pass
 * (osim_policy_scores_ahead), or none. */
typedef struct
{
  double *scores;
  OsimScore kind;
} Ahead;

/* One level of year_pass (below), from its last position back.  Inlined
 * twice, with the leadership layer on and off, so that the paper's model
 * runs a loop without any of the layer's work.  The sums are kept in
 * locals and added in the same order as a plain loop would. */
static inline __attribute__ ((always_inline)) void
pass_level (OsimOrg *org, int k, LevelSums *ls, gboolean lead, gboolean yearly, gboolean leaving,
            gboolean train, double *next, const Ahead *ahead)
{
  guint64 quit_key = osim_key (org->key[OSIM_STREAM_LEAVE], (guint64) org->year);
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  OsimPerson *const people = org->people;
  gint32 *const wr = org->willing_reports;
  const gint32 *const child_count = s->child_count;
  const gint32 *const parent = s->parent;
  const PassParams pp = {
    p->retire_age,   p->dismiss_below,     p->quit_rate,          p->training,
    p->bare_minimum, p->people_weight[k], osim_trust_params (p),
  };
  const gboolean quits = lead && k > 0 && pp.quit_rate > 0;
  const gint64 first = s->level_start[k];
  OsimManager mg = { .pos = -1 };
  double c = ls->c, e = ls->e, ce = ls->ce;
  gint64 willing = ls->willing, leaders = ls->leaders;
  for (gint64 i = s->level_start[k + 1] - 1; i >= first; i--)
    {
      OsimPerson *q = &people[i];
      gint32 reports = child_count[i];
      double W = 1.0, effort = 1.0;
      if (lead)
        {
          if (k > 0)
            {
              gint32 par = parent[i];
              if (par != mg.pos)
                osim_manager_load (&pp.tp, &mg, people, wr, par);
              W = osim_effort_follow (&pp.tp, q, &mg, yearly);
              effort = pp.bare_minimum + (1.0 - pp.bare_minimum) * W;
            }
          osim_effort_flags (q, k, W, pp.tp.follow_threshold, wr, i, reports);
        }
      if (yearly)
        {
          q->age += 1.0;
          q->service++;
          if (train && reports > 0)
            osim_effort_train (pp.training, pp.people_weight, q);
        }
      double C = q->C;
      c += C;
      if (lead)
        {
          e += effort;
          ce += C * effort;
          willing += q->willing;
          leaders += q->leader;
        }
      /* Step 1': the common case, nobody leaving, costs two comparisons
       * (and a quit draw with the layer). */
      if (leaving)
        {
          int why
              = leave_why (q, pp.retire_age, pp.dismiss_below, quits, pp.quit_rate, quit_key, W);
          if (G_UNLIKELY (why >= 0))
            leave_person (org, i, k, why, org->year + 1, next);
        }
      if (ahead->scores)
        ahead->scores[i - first] = q->vacant ? NAN : osim_score_of (org, ahead->kind, i, k - 1);
    }
  if (lead && mg.pos >= 0)
    wr[mg.pos] += mg.willing;
  ls->c = c;
  ls->managers = s->level_managers[k];
  if (lead)
    {
      ls->e = e;
      ls->ce = ce;
      ls->willing = willing;
      ls->leaders = leaders;
    }
  else
    {
      /* Without the layer everyone's effort is 1: no followers, no leaders. */
      ls->e = (double) s->level_size[k];
      ls->ce = ls->c;
    }
}

/* Steps 3-5 and next year's step 1 in one pass over the org, from the last
 * position back, so that each manager is reached after all their reports (a
 * large org is read from memory once a year, not five times):
 *   3. trust and effort (with @yearly, this year's deposits);
 *   4. ageing and training (with @yearly);
 *   5. metrics into @m and @lm (when not NULL);
 *   1'. who leaves at the start of next year (when @next is not NULL),
 *       counted into @next. */
static void
year_pass (OsimOrg *org, gboolean yearly, double *m, double *lm, const double *counts,
           double *next, const OsimPolicy *policy)
{
  const OsimShape *s = org->shape;
  LevelSums sums[OSIM_MAX_LEVELS];
  memset (sums, 0, sizeof sums);
  /* A year in post for everyone (osim_person_tenure). */
  if (yearly)
    org->passes++;
  for (int k = s->n_levels - 1; k >= 0; k--)
    {
      /* With next year's leavers found, a level's scores for next year's
       * picks are known: filled in here, they spare a pass over memory. */
      Ahead ahead = { NULL, OSIM_SCORE_NONE };
      if (next && policy && org->trees[k] != NULL)
        {
          ahead.scores = osim_policy_scores_ahead (org, *policy, k);
          ahead.kind = osim_score_kind (*policy);
        }
      /* The common case, a year with leavers to find, has a loop of its
       * own with and without the layer. */
      gboolean lead = org->params->effort_enabled;
      gboolean train = yearly && org->params->training > 0;
      static const Ahead none = { NULL, OSIM_SCORE_NONE };
      if (yearly && next && lead && ahead.scores)
        pass_level (org, k, &sums[k], TRUE, TRUE, TRUE, train, next, &ahead);
      else if (yearly && next && lead)
        pass_level (org, k, &sums[k], TRUE, TRUE, TRUE, train, next, &none);
      else if (yearly && next && !train && ahead.scores)
        pass_level (org, k, &sums[k], FALSE, TRUE, TRUE, FALSE, next, &ahead);
      else if (yearly && next && !train)
        pass_level (org, k, &sums[k], FALSE, TRUE, TRUE, FALSE, next, &none);
      else if (lead)
        pass_level (org, k, &sums[k], TRUE, yearly, next != NULL, train, next, &ahead);
      else
        pass_level (org, k, &sums[k], FALSE, yearly, next != NULL, train, next, &ahead);
      if (ahead.scores)
        osim_policy_scores_filled (org, k);
    }
  if (m)
    finish_metrics (org, sums, m, lm, counts);
}

void
osim_sim_year (OsimOrg *org, OsimPolicy policy, double *counts)
{
  const OsimShape *s = org->shape;
  /* The draws of the start of a year are keyed by the year before, as in
   * osim_sim_run, where they are made at the end of that year. */
  guint64 quit_key = osim_key (org->key[OSIM_STREAM_LEAVE], (guint64) org->year);
  org->year++;
  const OsimParams *p = org->params;
  for (int k = s->n_levels - 1; k >= 0; k--)
    {
      gboolean quits = p->effort_enabled && k > 0 && p->quit_rate > 0;
      for (gint64 i = s->level_start[k + 1] - 1; i >= s->level_start[k]; i--)
        {
          const OsimPerson *q = &org->people[i];
          int why = leave_why (q, p->retire_age, p->dismiss_below, quits, p->quit_rate, quit_key,
                               osim_person_willingness (q));
          if (why >= 0)
            leave_person (org, i, k, why, org->year, counts);
        }
    }
  promote (org, policy, counts);
  year_pass (org, TRUE, NULL, NULL, NULL, NULL, NULL);
}

void
osim_sim_history (OsimOrg *org, OsimPolicy policy, int years)
{
  double counts[OSIM_N_METRICS] = { 0 };
  /* As a run's step 0: trust accounts opened before the first year. */
  year_pass (org, FALSE, NULL, NULL, NULL, NULL, NULL);
  for (int y = 0; y < years; y++)
    osim_sim_year (org, policy, counts);
}

gboolean
osim_sim_run (const OsimParams *params, const OsimShape *shape, OsimPolicy policy,
              guint64 run, OsimSeries *out, OsimOrg **final_org, const volatile gint *cancel)
{
  g_autoptr (OsimOrg) org = osim_org_new (params, shape, params->seed, run);
  if (!osim_sim_run_from (org, policy, out, NULL, cancel))
    return FALSE;
  if (final_org)
    *final_org = g_steal_pointer (&org);
  return TRUE;
}

gboolean
osim_sim_run_from (OsimOrg *org, OsimPolicy policy, OsimSeries *out, OsimCareers *careers,
                   const volatile gint *cancel)
{
  const OsimParams *params = org->params;
  int L = org->shape->n_levels;
  double counts[OSIM_N_METRICS] = { 0 };
  /* The initial org's people begin their spells in year 0. */
  org->careers = careers;
  if (careers)
    careers->year0 = org->year;
  for (gint64 pos = 0; careers && pos < org->shape->n_positions; pos++)
    osim_careers_start (careers, org, pos, NAN, org->year);
  /* Step 0: accounts opened, the initial org measured, first leavers found. */
  year_pass (org, FALSE, out->m, out->lm, NULL, params->steps > 0 ? counts : NULL, &policy);
  if (careers)
    osim_careers_measure (careers, org);
  gboolean ok = TRUE;
  for (int t = 1; t <= params->steps && ok; t++)
    {
      if (cancel && g_atomic_int_get (cancel))
        {
          ok = FALSE;
          break;
        }
      double next[OSIM_N_METRICS] = { 0 };
      org->year++;
      promote (org, policy, counts);
      year_pass (org, TRUE, out->m + (gsize) t * OSIM_N_METRICS,
                 out->lm + (gsize) t * L * OSIM_N_LEVEL_METRICS, counts,
                 t < params->steps ? next : NULL, &policy);
      if (careers)
        osim_careers_measure (careers, org);
      memcpy (counts, next, sizeof counts);
    }
  if (ok && careers)
    osim_careers_finish (careers, org, org->year);
  org->careers = NULL;
  return ok;
}

/* effort.c: the leadership layer (MODEL.md section 5): the trust bank account,
 * congruence of values, willingness, effort, leaders, and learning. */
#include "orgsim/effort.h"

#include <math.h>

void
osim_effort_update (OsimOrg *org, gboolean deposit)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  if (!p->effort_enabled)
    return;
  OsimPerson *people = org->people;
  gint64 n = s->n_positions;
  /* scratch[m] counts m's willing direct reports. */
  gint32 *willing_reports = org->scratch;
  for (gint64 i = 0; i < n; i++)
    willing_reports[i] = 0;

  OsimPerson *top = &people[0];
  top->W = 1.0;
  top->effort = 1.0;
  top->willing = 0;
  for (gint64 i = 1; i < n; i++)
    {
      OsimPerson *q = &people[i];
      const OsimPerson *m = &people[s->parent[i]];
      if (q->mgr_id != m->id)
        {
          q->mgr_id = m->id;
          q->trust = p->trust_initial;
        }
      if (deposit)
        {
          double micro = m->T > m->P ? (m->T - m->P) / 9.0 : 0.0;
          double b = q->trust + p->deposit * (m->P - p->people_neutral) / 9.0
                     - p->withdrawal * micro;
          q->trust = b < 0 ? 0 : (b > 1 ? 1 : b);
        }
      double g = 0.5 * (1.0 + cos (q->theta - m->theta));
      q->W = q->trust * g;
      q->effort = p->bare_minimum + (1.0 - p->bare_minimum) * q->W;
      q->willing = q->W >= p->follow_threshold;
      willing_reports[s->parent[i]] += q->willing;
    }
  for (gint64 i = 0; i < n; i++)
    {
      gint32 c = s->child_count[i];
      people[i].leader = c > 0 && 2 * willing_reports[i] >= c;
    }
}

void
osim_effort_learn (OsimOrg *org)
{
  const OsimParams *p = org->params;
  if (p->training <= 0)
    return;
  const OsimShape *s = org->shape;
  /* Managers are the positions with reports: all of the levels but the last
   * in a pyramid, so only the upper levels are visited. */
  for (int k = 0; k < s->n_levels - 1; k++)
    for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
      if (s->child_count[pos] > 0)
        {
          OsimPerson *q = &org->people[pos];
          q->P += p->training * (10.0 - q->P);
          osim_org_refresh (org, pos);
        }
}

void
osim_effort_coach (OsimOrg *org, gint64 pos)
{
  const OsimParams *p = org->params;
  if (p->coaching <= 0 || org->shape->child_count[pos] == 0)
    return;
  OsimPerson *q = &org->people[pos];
  q->P = MIN (10.0, q->P + p->coaching);
  osim_org_refresh (org, pos);
}

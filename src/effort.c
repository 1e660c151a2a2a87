/* effort.c: the leadership layer (the model, orgsim(1)): the trust bank account,
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
  /* The leadership layer of the simulator's yearly pass (sim.c: pass_level),
   * without its other work. */
  const OsimTrustParams tp = osim_trust_params (p);
  OsimPerson *people = org->people;
  gint32 *wr = org->willing_reports;
  for (int k = s->n_levels - 1; k >= 0; k--)
    {
      OsimManager mg = { .pos = -1 };
      for (gint64 i = s->level_start[k + 1] - 1; i >= s->level_start[k]; i--)
        {
          double W = 1.0;
          if (k > 0)
            {
              if (s->parent[i] != mg.pos)
                osim_manager_load (&tp, &mg, people, wr, s->parent[i]);
              W = osim_effort_follow (&tp, &people[i], &mg, deposit);
            }
          osim_effort_flags (&people[i], k, W, tp.follow_threshold, wr, i, s->child_count[i]);
        }
      if (mg.pos >= 0)
        wr[mg.pos] += mg.willing;
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
        osim_effort_train (p->training, p->people_weight[k], &org->people[pos]);
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

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
  /* The same step as the simulator's yearly pass, without its other work. */
  for (int k = s->n_levels - 1; k >= 0; k--)
    for (gint64 i = s->level_start[k + 1] - 1; i >= s->level_start[k]; i--)
      osim_effort_person (p, s, org->people, i, k, deposit);
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
        osim_effort_train (p, &org->people[pos], k);
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

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
  OsimPerson *people = org->people;
  gint64 n = s->n_positions;
    /* scratch is all zero between uses: each user clears what it counted. */
  gint32 *willing_reports = org->scratch;

  /* The top level has no manager: full effort. */
  gint64 first_led = s->level_start[1];
  for (gint64 i = 0; i < first_led; i++)
    {
      people[i].W = 1.0;
      people[i].effort = 1.0;
      people[i].willing = 0;
    }
  for (gint64 i = first_led; i < n; i++)
    {
      osim_effort_follow (p, &people[i], &people[s->parent[i]], deposit);
      willing_reports[s->parent[i]] += people[i].willing;
    }
  for (gint64 i = 0; i < n; i++)
    {
      gint32 c = s->child_count[i];
      people[i].leader = c > 0 && 2 * willing_reports[i] >= c;
      willing_reports[i] = 0;
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

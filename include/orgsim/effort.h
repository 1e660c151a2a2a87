/* effort.h: the leadership layer: trust, willingness, effort, leaders, learning. */
#pragma once

#include <math.h>

#include "orgsim/org.h"

G_BEGIN_DECLS

/* Trust, willingness and effort of @q toward their manager @m (the model, orgsim(1)):
 * a new manager opens a new account at trust_initial; with @deposit the
 * year's deposit and withdrawal follow.  The simulator's yearly pass
 * (sim.c: pass_follow) does the same arithmetic in the same order, with the
 * parameters and the manager's part hoisted out of its loop: a change here
 * is a change there. */
static inline void
osim_effort_follow (const OsimParams *p, OsimPerson *q, const OsimPerson *m, gboolean deposit)
{
  if (q->mgr_key != m->key)
    {
      /* Congruence is computed once per relationship: values do not change. */
      q->mgr_key = m->key;
      q->trust = p->trust_initial;
      q->g = 0.5 * (1.0 + cos (q->theta - m->theta));
    }
  if (deposit)
    {
      /* deposit (P_m - neutral) / 9 - withdrawal max(0, T_m - P_m) / 9, with
       * one multiplication for the two divisions: this runs for everyone. */
      double gap = m->T > m->P ? m->T - m->P : 0.0;
      double b = q->trust
                 + (p->deposit * (m->P - p->people_neutral) - p->withdrawal * gap) * (1.0 / 9.0);
      q->trust = b < 0 ? 0 : (b > 1 ? 1 : b);
    }
  q->w_one = 0;
  q->willing = q->trust * q->g >= p->follow_threshold;
}

/* The leadership layer for the person at position @i of level @k, in a pass
 * over the org from the last position back (so that a manager comes after
 * all their reports): trust and effort toward their manager (the top level
 * has none: full effort), then whether they lead.  Each manager's
 * willing_reports (zero between passes) collects their reports' willing
 * followers, and is read and cleared here (@wr: OsimOrg.willing_reports). */
static inline void
osim_effort_person (const OsimParams *p, const OsimShape *s, OsimPerson *people, gint32 *wr,
                    gint64 i, int k, gboolean deposit)
{
  OsimPerson *q = &people[i];
  if (k > 0)
    {
      osim_effort_follow (p, q, &people[s->parent[i]], deposit);
      wr[s->parent[i]] += q->willing;
    }
  else
    {
      q->w_one = 1;
      q->willing = 0;
    }
  gint32 reports = s->child_count[i];
  if (reports > 0)
    {
      q->leader = 2 * wr[i] >= reports;
      wr[i] = 0;
    }
  else
    q->leader = 0;
}

/* A year of training for the manager @q at @level. */
static inline void
osim_effort_train (const OsimParams *p, OsimPerson *q, int level)
{
  q->P += p->training * (10.0 - q->P);
  q->C = osim_competence (p, level, q->T, q->P);
}

/* Updates every person's trust balance toward their manager (opening a new
 * account at trust_initial when the manager changed), then willingness W,
 * effort, willing followers and leaders.  With @deposit FALSE (the initial
 * org) accounts are only opened.  Without the layer, does nothing. */
void osim_effort_update (OsimOrg *org, gboolean deposit);

/* Yearly training of every manager: P += training (10 - P). */
void osim_effort_learn (OsimOrg *org);

/* A person just promoted into a manager's post @pos gains the coaching. */
void osim_effort_coach (OsimOrg *org, gint64 pos);

G_END_DECLS

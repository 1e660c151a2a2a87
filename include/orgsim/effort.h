/* effort.h: the leadership layer: trust, willingness, effort, leaders, learning. */
#pragma once

#include <math.h>

#include "orgsim/org.h"

G_BEGIN_DECLS

/* The parameters of trust, copied out of the scenario so that a loop over
 * the people keeps them in registers (the compiler cannot tell that the
 * writes to a person leave the scenario unchanged). */
typedef struct
{
  double trust_initial, deposit, people_neutral, withdrawal, follow_threshold;
} OsimTrustParams;

static inline OsimTrustParams
osim_trust_params (const OsimParams *p)
{
  return (OsimTrustParams){ p->trust_initial, p->deposit, p->people_neutral, p->withdrawal,
                            p->follow_threshold };
}

/* What the reports of one manager need of them: read once for all their
 * reports, who come one after another in a pass from the last position
 * back. */
typedef struct
{
  gint32 pos;     /* the manager's position, -1 before the first */
  gint32 willing; /* willing followers among the reports seen so far */
  guint64 key;
  double theta;
  double deposit; /* the year's deposit less withdrawal, per report */
} OsimManager;

/* Makes the manager at position @par the current one of @mg, first adding
 * the willing followers counted for the previous one to @wr
 * (OsimOrg.willing_reports). */
static inline __attribute__ ((always_inline)) void
osim_manager_load (const OsimTrustParams *tp, OsimManager *mg, const OsimPerson *people,
                   gint32 *wr, gint32 par)
{
  if (mg->pos >= 0)
    wr[mg->pos] += mg->willing;
  const OsimPerson *m = &people[par];
  mg->pos = par;
  mg->willing = 0;
  mg->key = m->key;
  mg->theta = m->theta;
  /* deposit (P_m - neutral) / 9 - withdrawal max(0, T_m - P_m) / 9, with
   * one multiplication for the two divisions: this runs for everyone. */
  double gap = m->T > m->P ? m->T - m->P : 0.0;
  mg->deposit = (tp->deposit * (m->P - tp->people_neutral) - tp->withdrawal * gap) * (1.0 / 9.0);
}

/* Trust and willingness of @q toward their manager @mg (the model,
 * orgsim(1)): a new manager opens a new account at trust_initial, with the
 * congruence of values computed once for the relationship (values do not
 * change); with @deposit the year's deposit and withdrawal follow.  Counts
 * @q among the manager's willing followers; returns the willingness W. */
static inline __attribute__ ((always_inline)) double
osim_effort_follow (const OsimTrustParams *tp, OsimPerson *q, OsimManager *mg, gboolean deposit)
{
  if (q->mgr_key != mg->key)
    {
      q->mgr_key = mg->key;
      q->trust = tp->trust_initial;
      q->g = 0.5 * (1.0 + cos (q->theta - mg->theta));
    }
  if (deposit)
    {
      double b = q->trust + mg->deposit;
      q->trust = b < 0 ? 0 : (b > 1 ? 1 : b);
    }
  double W = q->trust * q->g;
  mg->willing += W >= tp->follow_threshold;
  return W;
}

/* The flags of @q at position @i of level @k, whose willingness is @W:
 * willing follower, willingness 1 (the top), and leader (at least half of
 * their @reports willing followers: @wr[@i], read and cleared here). */
static inline __attribute__ ((always_inline)) void
osim_effort_flags (OsimPerson *q, int k, double W, double follow_threshold, gint32 *wr,
                   gint64 i, gint32 reports)
{
  gboolean leader = FALSE;
  if (reports > 0)
    {
      leader = 2 * wr[i] >= reports;
      wr[i] = 0;
    }
  /* The flags share a word: written together. */
  q->willing = k > 0 && W >= follow_threshold;
  q->w_one = k == 0;
  q->leader = leader;
}

/* A year of training for the manager @q, in a job of people weight @w. */
static inline __attribute__ ((always_inline)) void
osim_effort_train (double training, double w, OsimPerson *q)
{
  q->P += training * (10.0 - q->P);
  q->C = osim_competence_w (w, q->T, q->P);
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

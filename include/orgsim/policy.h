/* policy.h: promotion policies: who fills a vacancy. */
#pragma once

#include <glib.h>
#include "orgsim/org.h"
#include "orgsim/seltree.h"

G_BEGIN_DECLS

/* Levels at least this large are searched with a selection tree rather than a
 * scan; both give the same pick and draw the same random numbers.  A tree
 * is rebuilt each year it is used, so it pays only where a level has many
 * vacancies to fill from a large pool. */
#define OSIM_TREE_MIN_POOL 512

/* Which score a policy ranks by, and whether assessment noise applies. */
typedef enum
{
  OSIM_SCORE_MERIT,
  OSIM_SCORE_SENIORITY,
  OSIM_SCORE_PEOPLE,
  OSIM_SCORE_POTENTIAL,
  OSIM_SCORE_NONE
} OsimScore;

static inline OsimScore
osim_score_kind (OsimPolicy policy)
{
  switch (policy)
    {
    case OSIM_POLICY_SENIORITY:
      return OSIM_SCORE_SENIORITY;
    case OSIM_POLICY_PEOPLE:
      return OSIM_SCORE_PEOPLE;
    case OSIM_POLICY_POTENTIAL:
      return OSIM_SCORE_POTENTIAL;
    case OSIM_POLICY_RANDOM:
    case OSIM_POLICY_EXTERNAL:
      return OSIM_SCORE_NONE;
    default:
      return OSIM_SCORE_MERIT;
    }
}

static inline double
osim_score_of (const OsimOrg *org, OsimScore kind, gint64 pos, int target_level)
{
  const OsimPerson *q = &org->people[pos];
  switch (kind)
    {
    case OSIM_SCORE_MERIT:
      return (org->params->assessment == OSIM_ASSESS_TECHNICAL ? q->T : q->C) + q->noise;
    case OSIM_SCORE_SENIORITY:
      /* Years of service first, age breaks ties (ages stay below 1000). */
      return q->service * 1000.0 + q->age;
    case OSIM_SCORE_PEOPLE:
      return q->P + q->noise;
    case OSIM_SCORE_POTENTIAL:
      return osim_competence (org->params, target_level, q->T, q->P) + q->noise;
    case OSIM_SCORE_NONE:
    default:
      return 0;
    }
}

/* Draws this year's assessment noise for every person when the scenario has
 * assessment_noise > 0 and @policy ranks on an assessed score. */
void osim_policy_begin_year (OsimOrg *org, OsimPolicy policy);

/* The position (at level k+1) of the candidate who fills vacancy @vacancy (at
 * level k), or -1 when there is none (external, or nobody left below).  Ties
 * are broken uniformly at random. */
gint64 osim_policy_select (OsimOrg *org, OsimPolicy policy, gint64 vacancy);

/* The scores @policy gives the people of level @level at the level's first
 * pick of next year, for the yearly pass to fill in as it meets them (NaN
 * for a post left vacant; index: position - level_start), or NULL where
 * they cannot be known then: a level scanned rather than kept in a tree,
 * or whose tree was never built, candidates from the team (a pick there
 * empties a post before the level's first pick), assessment noise drawn at
 * the start of the year.  osim_policy_scores_filled says they were filled
 * (after the pass found next year's leavers). */
double *osim_policy_scores_ahead (OsimOrg *org, OsimPolicy policy, int level);
void osim_policy_scores_filled (OsimOrg *org, int level);

/* Tells the selection structures that position @pos was emptied. */
void osim_policy_vacate (OsimOrg *org, gint64 pos);

/* The selection structures of a level (its candidates' scores) are built at
 * its first pick of a year and kept for the year: promote () fills the
 * levels top-down, so a level's people change only by osim_policy_vacate
 * while it is picked from.  A caller that changes people otherwise within
 * a year (tests) calls this before the next pick. */
void osim_policy_changed (OsimOrg *org);

/* Whether the results of @policy can depend on the scenario key @key
 * ("section.key"): all but promotion.r (read by best-random only) and
 * promotion.p (best-worst only). */
gboolean osim_policy_reads_key (OsimPolicy policy, const char *key);

/* The score @policy ranks a person at @pos by, for a vacancy at @target_level. */
double osim_policy_score (const OsimOrg *org, OsimPolicy policy, gint64 pos, int target_level);


G_END_DECLS

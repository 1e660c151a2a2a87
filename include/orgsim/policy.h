/* policy.h: promotion policies: who fills a vacancy. */
#pragma once

#include <glib.h>
#include "orgsim/org.h"

G_BEGIN_DECLS

/* Levels at least this large are searched with a selection tree rather than a
 * scan; both give the same pick and draw the same random numbers.  A tree
 * is rebuilt each year it is used, so it pays only where a level has many
 * vacancies to fill from a large pool. */
#define OSIM_TREE_MIN_POOL 512

/* Draws this year's assessment noise for every person when the scenario has
 * assessment_noise > 0 and @policy ranks on an assessed score. */
void osim_policy_begin_year (OsimOrg *org, OsimPolicy policy);

/* The position (at level k+1) of the candidate who fills vacancy @vacancy (at
 * level k), or -1 when there is none (external, or nobody left below).  Ties
 * are broken uniformly at random. */
gint64 osim_policy_select (OsimOrg *org, OsimPolicy policy, gint64 vacancy);

/* Tells the selection structures that position @pos was emptied. */
void osim_policy_vacate (OsimOrg *org, gint64 pos);

/* Whether the results of @policy can depend on the scenario key @key
 * ("section.key"): all but promotion.r (read by best-random only) and
 * promotion.p (best-worst only). */
gboolean osim_policy_reads_key (OsimPolicy policy, const char *key);

/* The score @policy ranks a person at @pos by, for a vacancy at @target_level. */
double osim_policy_score (const OsimOrg *org, OsimPolicy policy, gint64 pos, int target_level);


G_END_DECLS

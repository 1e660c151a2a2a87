/* effort.h: the leadership layer: trust, willingness, effort, leaders, learning. */
#pragma once

#include "orgsim/org.h"

G_BEGIN_DECLS

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

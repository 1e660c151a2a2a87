/* transfer.h: transfer rules: what promotion does to a person's skills. */
#pragma once

#include "orgsim/org.h"

G_BEGIN_DECLS

/* Applies the scenario's transfer rule to the person just promoted into @pos,
 * then recomputes their competence for the new level. */
void osim_transfer_apply (OsimOrg *org, gint64 pos);

G_END_DECLS

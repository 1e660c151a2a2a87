/* careers.h: careers on record (--careers): one row per spell of a person in a
 * post, with the team they led. */
#pragma once

#include <glib.h>
#include "orgsim/org.h"

G_BEGIN_DECLS

/* How a spell ended. */
typedef enum
{
  OSIM_END_NONE, /* not ended: still there at the last step */
  OSIM_END_PROMOTED,
  OSIM_END_RETIRED,
  OSIM_END_DISMISSED,
  OSIM_END_QUIT,
} OsimSpellEnd;

/* The spell of the holder of one position: who, since when, and sums over
 * the years it was measured. */
typedef struct
{
  guint64 id;
  int start, end; /* years; end is set when the spell has ended */
  OsimSpellEnd how;
  gboolean open;                               /* a spell is recorded at this position */
  double T, P;                                 /* skills at the start */
  double c_before;                             /* competence in the previous post, NaN for a hire */
  double C;                                    /* competence in this post at the start */
  gint32 years;                                /* years measured */
  double team_size, team_effort, team_willing; /* sums over the years measured */
} OsimSpell;

struct OsimCareers
{
  OsimSpell *spell; /* one per position */
  gint64 n;
  char *prefix;  /* "variant,policy,run" of every row */
  int year0;     /* the org's year at the run's step 0 (after a history); rows count from it */
  GString *rows; /* where rows are appended (not owned) */
};

/* The columns of careers.csv after the variant's (variant and the swept
 * keys), with the newline. */
const char *osim_careers_columns (void);

/* A recorder for the positions of @shape whose rows start with @prefix
 * (the variant's cells, policy, run; CSV-quoted as needed) and go to @rows. */
OsimCareers *osim_careers_new (const OsimShape *shape, const char *prefix, GString *rows);
void osim_careers_free (OsimCareers *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimCareers, osim_careers_free)

/* A spell begins at @pos in year @year (a hire, or a promotion from a post
 * where the person's competence was @c_before; NaN for a hire).  Writes the
 * row of the spell that ended there before. */
void osim_careers_start (OsimCareers *c, const OsimOrg *org, gint64 pos, double c_before, int year);
/* The spell at @pos ends in year @year (it was last measured the year
 * before, or, for a leaver, at the step they were found leaving). */
void osim_careers_end (OsimCareers *c, gint64 pos, OsimSpellEnd how, int year);
/* Adds this step's team size, mean effort and willing share of the direct
 * reports to the spell of every manager, and counts a year for everyone. */
void osim_careers_measure (OsimCareers *c, const OsimOrg *org);
/* Writes every spell still recorded: ended ones as they ended, the others as
 * still there at year @last (the org's year, as every year given here). */
void osim_careers_finish (OsimCareers *c, const OsimOrg *org, int last);

G_END_DECLS

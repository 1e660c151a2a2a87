/* transfer.c: transfer rules (common sense, Peter, mixed, skills). */
#include "orgsim/transfer.h"

/* The two draws of a promotion under the scenario's rule: the changes of
 * skills (common sense) or the fresh skills (Peter, mixed). */
static void
draw_move (const OsimParams *p, OsimRng *rng, double d[2])
{
  if (p->transfer == OSIM_TRANSFER_COMMON_SENSE)
    {
      /* Both draws first, then clamp: the order of draws is part of the
       * reproducible stream. */
      d[0] = p->delta * (2.0 * osim_rng_double (rng) - 1.0);
      d[1] = p->delta * (2.0 * osim_rng_double (rng) - 1.0);
      return;
    }
  d[0] = osim_dist_sample (&p->technical, rng);
  d[1] = osim_dist_sample_correlated (&p->people, rng, osim_dist_zscore (&p->technical, d[0]),
                                      p->rho);
}

void
osim_transfer_apply (OsimOrg *org, gint64 pos)
{
  const OsimParams *p = org->params;
  OsimPerson *q = &org->people[pos];
  if (p->transfer == OSIM_TRANSFER_SKILLS)
    {
      osim_org_refresh (org, pos);
      return;
    }
  OsimRng rng;
  /* The k-th promotion of a year meets the same change under every policy
   * (like the k-th hire): under Peter's hypothesis a promotion is a fresh
   * draw of skills, much like a hire. */
  if (org->move_year != org->year)
    org->move_year = org->year, org->move_count = 0;
  ++org->move_count;
  /* The draws of the k-th promotion of the year, drawn once for the run's
   * policies when they share them. */
  gboolean fresh = TRUE;
  double *slot = org->draws ? osim_draws_slot (org->draws, 1, org->year, org->move_count,
                                               2 * sizeof (double), &fresh)
                            : NULL;
  double d[2];
  if (slot && !fresh)
    d[0] = slot[0], d[1] = slot[1];
  else
    {
      osim_org_stream (org, OSIM_STREAM_TRANSFER, (guint64) org->year, org->move_count, &rng);
      draw_move (p, &rng, d);
      if (slot)
        slot[0] = d[0], slot[1] = d[1];
    }
  switch (p->transfer)
    {
    case OSIM_TRANSFER_COMMON_SENSE:
      {
        double dT = d[0], dP = d[1];
        q->T = osim_clamp (q->T + dT, p->technical.lo, p->technical.hi);
        q->P = osim_clamp (q->P + dP, p->people.lo, p->people.hi);
        break;
      }
    case OSIM_TRANSFER_PETER:
    case OSIM_TRANSFER_MIXED:
      {
        double fT = d[0], fP = d[1];
        double keep = p->transfer == OSIM_TRANSFER_PETER ? 0.0 : p->keep;
        q->T = keep * q->T + (1.0 - keep) * fT;
        q->P = keep * q->P + (1.0 - keep) * fP;
        break;
      }
    case OSIM_TRANSFER_SKILLS:
    default:
      break;
    }
  osim_org_refresh (org, pos);
}

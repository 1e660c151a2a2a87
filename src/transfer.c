/* transfer.c: transfer rules (common sense, Peter, mixed, skills). */
#include "orgsim/transfer.h"

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
  osim_org_stream (org, OSIM_STREAM_TRANSFER, (guint64) org->year, ++org->move_count, &rng);
  switch (p->transfer)
    {
    case OSIM_TRANSFER_COMMON_SENSE:
      {
        /* Both draws first, then clamp: the order of draws is part of the
         * reproducible stream. */
        double dT = p->delta * (2.0 * osim_rng_double (&rng) - 1.0);
        double dP = p->delta * (2.0 * osim_rng_double (&rng) - 1.0);
        q->T = osim_clamp (q->T + dT, p->technical.lo, p->technical.hi);
        q->P = osim_clamp (q->P + dP, p->people.lo, p->people.hi);
        break;
      }
    case OSIM_TRANSFER_PETER:
    case OSIM_TRANSFER_MIXED:
      {
        double fT = osim_dist_sample (&p->technical, &rng);
        double fP = osim_dist_sample_correlated (&p->people, &rng,
                                                 osim_dist_zscore (&p->technical, fT), p->rho);
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

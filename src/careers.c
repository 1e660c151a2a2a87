/* careers.c: careers.csv rows, one per spell of a person in a post (orgsim(1)). */
#include "orgsim/careers.h"
#include "orgsim/output.h"

#include <math.h>

static const char *const how_names[] = {
  "still there", "promoted", "retired", "dismissed", "quit",
};

const char *
osim_careers_columns (void)
{
  return "policy,run,person,position,level,start_year,end_year,how_ended,technical,"
         "people,competence_before,competence,team_size_mean,team_effort_mean,"
         "team_willing_mean\n";
}

OsimCareers *
osim_careers_new (const OsimShape *shape, const char *prefix, GString *rows)
{
  OsimCareers *c = g_new0 (OsimCareers, 1);
  c->n = shape->n_positions;
  c->spell = g_new0 (OsimSpell, c->n);
  c->prefix = g_strdup (prefix);
  c->rows = rows;
  return c;
}

void
osim_careers_free (OsimCareers *c)
{
  if (c == NULL)
    return;
  g_free (c->spell);
  g_free (c->prefix);
  g_free (c);
}

/* ",x", or "," for a missing value. */
static void
field (GString *s, double x)
{
  g_string_append_c (s, ',');
  if (!isnan (x))
    osim_csv_double (s, x);
}

static void
write_row (OsimCareers *c, const OsimOrg *org, gint64 pos, int last)
{
  const OsimSpell *sp = &c->spell[pos];
  GString *s = c->rows;
  gboolean ended = sp->how != OSIM_END_NONE;
  g_string_append_printf (s, "%s,%" G_GUINT64_FORMAT ",%" G_GINT64_FORMAT ",%d,%d,%d,%s", c->prefix,
                          sp->id, pos, org->shape->level[pos], sp->start - c->year0,
                          (ended ? sp->end : last) - c->year0, how_names[sp->how]);
  field (s, sp->T);
  field (s, sp->P);
  field (s, sp->c_before);
  field (s, sp->C);
  gboolean team = org->shape->child_count[pos] > 0 && sp->years > 0;
  double n = sp->years;
  field (s, team ? sp->team_size / n : NAN);
  field (s, team ? sp->team_effort / n : NAN);
  field (s, team && org->params->effort_enabled ? sp->team_willing / n : NAN);
  g_string_append_c (s, '\n');
}

void
osim_careers_start (OsimCareers *c, const OsimOrg *org, gint64 pos, double c_before, int year)
{
  OsimSpell *sp = &c->spell[pos];
  if (sp->open)
    write_row (c, org, pos, year);
  const OsimPerson *q = &org->people[pos];
  *sp = (OsimSpell){ .id = osim_person_number (q),
                     .start = year,
                     .how = OSIM_END_NONE,
                     .open = TRUE,
                     .T = q->T,
                     .P = q->P,
                     .c_before = c_before,
                     .C = q->C };
}

void
osim_careers_end (OsimCareers *c, gint64 pos, OsimSpellEnd how, int year)
{
  OsimSpell *sp = &c->spell[pos];
  sp->how = how;
  sp->end = year;
}

void
osim_careers_measure (OsimCareers *c, const OsimOrg *org)
{
  const OsimShape *s = org->shape;
  const OsimPerson *people = org->people;
  for (gint64 pos = 0; pos < c->n; pos++)
    {
      OsimSpell *sp = &c->spell[pos];
      sp->years++;
      gint32 nr = s->child_count[pos];
      if (nr == 0)
        continue;
      double e = 0, w = 0;
      for (gint32 j = s->child_start[pos]; j < s->child_start[pos] + nr; j++)
        {
          e += osim_person_effort (org->params, &people[j]);
          w += people[j].willing;
        }
      sp->team_size += nr;
      sp->team_effort += e / nr;
      sp->team_willing += w / nr;
    }
}

void
osim_careers_finish (OsimCareers *c, const OsimOrg *org, int last)
{
  for (gint64 pos = 0; pos < c->n; pos++)
    if (c->spell[pos].open)
      {
        write_row (c, org, pos, last);
        c->spell[pos].open = FALSE;
      }
}

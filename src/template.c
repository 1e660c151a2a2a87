/* template.c: `orgsim new`: a commented scenario for a user to edit, which
 * extends an installed one and sets the few keys a coach changes. */
#include "orgsim/template.h"
#include "orgsim/common.h"

#include <string.h>

typedef struct
{
  const char *from, *file, *what, *org;
} Start;

static const Start starts[] = {
  { "workshop", "workshop.ini",
    "the workshop: a software company where engineers are hired for technical skill, the "
    "leadership layer on",
    "# levels = 1;4;35\n"
    "# level_names = CEO;Team leads;Engineers\n" },
  { "paper", "pluchino2010.ini",
    "the 2010 paper (Pluchino, Rapisarda, Garofalo): the Peter principle on a 160-person "
    "pyramid, competence only",
    "# levels = 1;5;11;21;41;81\n"
    "# level_names = Board;Directors;Heads;Managers;Leads;Staff\n" },
  { "acme", "acme.ini",
    "Acme Ltd: an org chart imported from a CSV export (acme-org.csv)",
    "# Your own chart instead: a CSV with id and manager_id (see orgsim(1), [org] chart).\n"
    "# chart = my-org.csv\n" },
};

char *
osim_template_text (const char *name, const char *from, GError **error)
{
  const Start *st = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (starts); i++)
    if (strcmp (from, starts[i].from) == 0)
      st = &starts[i];
  if (st == NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "new: --from '%s': expected workshop, paper or acme", from);
      return NULL;
    }
  if (name[0] == '\0' || name[0] == '.' || strpbrk (name, "/\\,\"\t\n\r") != NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "new: '%s' must be non-empty, not start with '.', and hold no / \\ , \" or "
                   "tab (it names the scenario and its results folder)", name);
      return NULL;
    }
  return g_strdup_printf (
      "# %s: your scenario.  Edit it, then:\n"
      "#   orgsim check %s.ini     (where each value comes from)\n"
      "#   orgsim run %s.ini --plot\n"
      "#\n"
      "# It starts from %s.\n"
      "# Every key not set here is taken from %s; set a key here to change it.\n"
      "# orgsim(1) lists every key.\n"
      "\n"
      "[scenario]\n"
      "extends = %s\n"
      "name = %s\n"
      "description = %s, from %s\n"
      "# The policies compared, the first the baseline (orgsim policies lists them).\n"
      "# policies = best;potential;people\n"
      "# runs = 50\n"
      "\n"
      "[org]\n"
      "# Positions per level, top first, and what the levels are called.  Per-level\n"
      "# lists of %s are mapped to your levels by relative depth.\n"
      "%s"
      "\n"
      "[history]\n"
      "# Start from an org promoted this way for 30 years (\"our leads were promoted\n"
      "# as the best engineers; what if we change now?\").\n"
      "# policy = best\n"
      "# years = 30\n"
      "\n"
      "[labels]\n"
      "# Your words for the policies in charts and tables.\n"
      "# best = Promote the best engineer\n"
      "# potential = Promote for the people skills the job needs\n",
      name, name, name, st->what, st->file, st->file, name, name, st->from, st->file, st->org);
}

/* catalog.h: the installed scenarios, found by name (orgsim run workshop). */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* The folder of installed scenarios: $ORGSIM_SCENARIOS, else scenarios/
 * beside the executable (a build tree), else DATADIR/scenarios; NULL when
 * none exists. */
char *osim_catalog_dir (void);

/* The scenario file @arg names: @arg itself when it exists or holds a '/',
 * else the installed NAME or NAME.ini when there is one, else @arg (so that
 * the loader reports it missing).  Newly allocated. */
char *osim_catalog_resolve (const char *arg);

/* For a scenario @arg that is neither a file nor installed: " (did you mean
 * the installed scenario 'NAME'? ...)" or a pointer to orgsim scenarios;
 * NULL when @arg exists or holds a '/'. */
char *osim_catalog_hint (const char *arg);

/* Lists the installed scenarios, one line each: name and description. */
gboolean osim_catalog_list (FILE *out, GError **error);

/* The names of the installed scenarios (without .ini), sorted. */
GStrv osim_catalog_names (void);

/* Levenshtein distance between @a and @b (for "did you mean"). */
int osim_edit_distance (const char *a, const char *b);

G_END_DECLS

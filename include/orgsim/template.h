/* template.h: `orgsim new`: a commented scenario for a user to edit. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of scenario @name extending the installed scenario @from
 * ("workshop", "paper" or "acme"); NULL and an OSIM_INPUT_ERROR_USAGE error
 * for another @from or a @name that cannot name a results folder. */
char *osim_template_text (const char *name, const char *from, GError **error);

G_END_DECLS

/* cli.h: the orgsim command line (orgsim(1)): run, plot, check, merge, policies. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the command line @argv; returns the exit status (0, 1 or 2). */
int osim_cli_main (int argc, char **argv);

G_END_DECLS

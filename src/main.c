/* main.c: the orgsim command; everything else is in liborgsim. */
#include <glib.h>

#include "orgsim/cli.h"

int
main (int argc, char **argv)
{
  return osim_cli_main (argc, argv);
}

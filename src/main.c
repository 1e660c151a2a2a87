/* main.c: the orgsim command; everything else is in liborgsim. */
#include <glib.h>
#include <locale.h>

#include "orgsim/cli.h"

int
main (int argc, char **argv)
{
  /* Messages in the user's character set; numbers always in the C locale
   * (CSV files and tables must not change with LANG). */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  return osim_cli_main (argc, argv);
}

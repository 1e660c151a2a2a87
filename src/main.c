/* main.c: the orgsim command; everything else is in liborgsim. */
#include <glib.h>
#include <locale.h>
#include <malloc.h>

#include "orgsim/cli.h"

int
main (int argc, char **argv)
{
  /* Messages in the user's character set; numbers always in the C locale
   * (CSV files and tables must not change with LANG). */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  /* Each run allocates and frees its org: keep freed memory in the process
   * (no trimming, no mmap per large block), so that the next run reuses it
   * rather than faulting fresh pages in. */
  mallopt (M_TRIM_THRESHOLD, 1 << 30);
  mallopt (M_MMAP_THRESHOLD, 1 << 30);
  return osim_cli_main (argc, argv);
}

/* format.c: numbers and durations for people. */
#include "orgsim/format.h"

#include <math.h>

char *
osim_format_si (double x, char *buf, gsize size)
{
  static const char *const prefix[] = { "", " k", " M", " G", " T", " P" };
  int k = 0;
  double ax = fabs (x);
  /* Round first, so that 999.96 k is written 1.00 M. */
  while (k < 5 && ax >= 999.5)
    ax /= 1000, x /= 1000, k++;
  if (k == 0)
    g_snprintf (buf, size, "%.0f", x);
  else
    g_snprintf (buf, size, ax < 9.995 ? "%.2f%s" : ax < 99.95 ? "%.1f%s" : "%.0f%s", x,
                prefix[k]);
  return buf;
}

char *
osim_format_duration (double secs, char *buf, gsize size)
{
  if (!(secs >= 0) || secs > 1e9)
    {
      g_snprintf (buf, size, "?");
      return buf;
    }
  gint64 s = (gint64) llround (secs);
  if (s < 60)
    g_snprintf (buf, size, "%d s", (int) s);
  else if (s < 3600)
    g_snprintf (buf, size, "%d min %02d s", (int) (s / 60), (int) (s % 60));
  else if (s < 86400)
    g_snprintf (buf, size, "%d h %02d min", (int) (s / 3600), (int) (s % 3600 / 60));
  else
    g_snprintf (buf, size, "%d d %02d h", (int) (s / 86400), (int) (s % 86400 / 3600));
  return buf;
}

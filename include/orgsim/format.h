/* format.h: numbers and durations for people (progress bar, check). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @x in plain units with 3 significant digits: "950", "17.4 k", "17.4 M",
 * "2.31 G" (into @buf of @size bytes, which is returned). */
char *osim_format_si (double x, char *buf, gsize size);

/* A duration rounded for a progress bar: "45 s", "3 min 20 s", "1 h 02 min",
 * "3 d 04 h" (into @buf of @size bytes, which is returned). */
char *osim_format_duration (double secs, char *buf, gsize size);

G_END_DECLS

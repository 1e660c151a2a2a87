/* animate.h: the org chart coming to life: the first run year by year, as an animated GIF. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many frames: every year, or every k-th year of a long run (so at least
 * 31 frames for a run of 30 years or more). */
#define OSIM_ANIMATE_MAX_FRAMES 61
/* Positions drawn per panel: the top levels whose positions add up to at most this. */
#define OSIM_ANIMATE_MAX_POSITIONS 400
/* ... and levels of at most this many positions, so that markers stay apart. */
#define OSIM_ANIMATE_MAX_WIDTH 120

/* The years drawn for a run of @steps years: 0, k, 2k, ..., @steps, with the smallest k
 * that keeps to OSIM_ANIMATE_MAX_FRAMES.  Returns the count; @years gets a newly
 * allocated array. */
int osim_animate_years (int steps, int **years);

/* Re-simulates run 0 of the first variant of @results_dir's scenario.ini (the same run,
 * with the same random numbers, as `orgsim run` made; once, year by year) under the baseline and
 * the best alternative of final.csv, writes the snapshot @results_dir/charts/orgchart-years.csv
 * (one row per frame, policy and position shown) and draws charts/orgchart.gif with
 * plots/animate.gp, and its last frame as charts/orgchart-last.png.  *@written receives
 * the two paths, one a line (the GIF first).  Errors: OSIM_INPUT_ERROR for
 * a folder that is not a results folder, OSIM_RUN_ERROR for gnuplot and I/O. */
gboolean osim_animate_dir (const char *results_dir, char **written, GError **error);

G_END_DECLS

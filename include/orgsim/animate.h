/* animate.h: the org chart coming to life: the first run year by year, as an animated GIF. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At least this many frames (fewer only when the run has fewer years), at most
 * OSIM_ANIMATE_MAX_FRAMES: every year, or every k-th year of a long run. */
#define OSIM_ANIMATE_MIN_FRAMES 20
#define OSIM_ANIMATE_MAX_FRAMES 61
/* Positions drawn per panel: the top levels whose positions add up to at most this. */
#define OSIM_ANIMATE_MAX_POSITIONS 400
/* ... and levels of at most this many positions, so that markers stay apart. */
#define OSIM_ANIMATE_MAX_WIDTH 120

/* The years drawn for a run of @steps years of an org of @positions positions: 0, k,
 * 2k, ..., @steps; fewer frames for a large org (each frame re-simulates the run up to
 * its year), never fewer than OSIM_ANIMATE_MIN_FRAMES.  Returns the count; @years gets
 * a newly allocated array. */
int osim_animate_years (int steps, gint64 positions, int **years);

/* Re-simulates run 0 of the first variant of @results_dir's scenario.ini (the same run,
 * with the same random numbers, as `orgsim run` made) under the baseline and the best
 * alternative of final.csv, writes the snapshot @results_dir/charts/orgchart-years.csv
 * (one row per frame, policy and position shown) and draws charts/orgchart.gif with
 * plots/animate.gp.  *@written receives the GIF's path.  Errors: OSIM_INPUT_ERROR for
 * a folder that is not a results folder, OSIM_RUN_ERROR for gnuplot and I/O. */
gboolean osim_animate_dir (const char *results_dir, char **written, GError **error);

G_END_DECLS

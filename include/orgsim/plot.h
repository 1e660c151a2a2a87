/* plot.h: drawing a results folder's charts with the gnuplot scripts in plots/. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder holding the chart scripts: $ORGSIM_PLOTS when set, else plots/
 * beside the running executable (the source tree), else the installed
 * OSIM_DATADIR/plots.  Returns a newly allocated path, or NULL with @error
 * set (OSIM_RUN_ERROR_IO) when none exists. */
char *osim_plot_scripts_dir (GError **error);

/* Whether @format is a chart format orgsim draws: png, svg or pdf. */
gboolean osim_plot_format_valid (const char *format);

/* Draws every chart of @results_dir whose data is present, into
 * @results_dir/charts/NAME.@format (@format: "png", "svg" or "pdf").
 * Appends each chart written (a newly allocated path) to @written and each
 * skipped chart's one-line note ("sweep: skipped, no numeric sweep") to
 * @skipped.  Errors: OSIM_INPUT_ERROR_USAGE when @results_dir is not a results
 * folder or @format is unknown; OSIM_RUN_ERROR_GNUPLOT when gnuplot is missing
 * or fails (the message names the chart and quotes gnuplot's stderr). */
gboolean osim_plot_dir (const char *results_dir, const char *format,
                        GPtrArray *written, GPtrArray *skipped, GError **error);

G_END_DECLS

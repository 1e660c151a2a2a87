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

/* Whether @style is a chart style: slides (16:9, large text) or print (A4/letter). */
gboolean osim_plot_style_valid (const char *style);

typedef struct
{
  const char *format;    /* png (NULL), svg or pdf */
  const char *style;     /* slides (NULL) or print */
  volatile gint *cancel; /* set non-zero (by a signal handler) to stop: may be NULL */
} OsimPlotOptions;

/* Draws every chart of @results_dir whose data is present, into
 * @results_dir/charts/NAME.FORMAT.  Each chart is drawn into a private folder,
 * checked (a whole PNG, SVG or PDF) and renamed into place, so an earlier chart is
 * replaced whole or not at all.  No text read from the folder reaches gnuplot where it
 * is evaluated.  Appends each chart written (a newly allocated path) to @written and
 * each skipped chart's one-line note ("sweep: skipped (...)") to @skipped.  Errors:
 * OSIM_INPUT_ERROR_USAGE when @results_dir is not a (merged) results folder or an
 * option is unknown; OSIM_INPUT_ERROR_VALUE when a CSV is damaged or lacks a column;
 * OSIM_RUN_ERROR_GNUPLOT when gnuplot is missing or fails (one line, naming the chart);
 * OSIM_RUN_ERROR_INTERRUPTED when *@opt->cancel was set. */
gboolean osim_plot_dir (const char *results_dir, const OsimPlotOptions *opt, GPtrArray *written,
                        GPtrArray *skipped, GError **error);

G_END_DECLS

/* report.h: the workshop handout: one self-contained HTML file from a results folder. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes the handout of @results_dir (a folder `orgsim run` wrote) to @out_path: the
 * scenario in plain words, findings from final.csv, every chart inlined as SVG (drawn
 * with gnuplot into a temporary folder; the results folder is not touched), the summary
 * table, the assumptions and the provenance, with @command (the command line that asked
 * for it, may be NULL) among it.  @robust_dir (may be NULL): the folder `orgsim robust`
 * wrote for the same scenario; its robust.csv's verdict and table join the assumptions
 * and its tornado chart the charts (without it, a robust.csv in @results_dir is used).
 * The file is replaced only when complete.  Errors: OSIM_INPUT_ERROR for a folder that is
 * not a results folder (or not a robust folder of the same scenario) or a CSV that cannot
 * be read, OSIM_RUN_ERROR for gnuplot and I/O. */
gboolean osim_report_write (const char *results_dir, const char *robust_dir, const char *out_path,
                            const char *command, GError **error);

/* @text with & < > " ' replaced by HTML character references; newly allocated. */
char *osim_report_escape (const char *text);

/* The sentence for a paired difference @mean (95% CI @lo to @hi) in points of
 * @what: "efficiency +15.3 points (95% CI +15.1 to +15.5)", or "no clear difference
 * in efficiency (...)" when the CI spans zero; newly allocated, plain text. */
char *osim_report_difference (const char *what, double mean, double lo, double hi);

/* The baseline and the best alternative (the largest mean paired difference in final
 * efficiency) of the first variant in @results_dir's final.csv, with their plain labels
 * (labels.csv, then the scenario's [labels], else the policy's name); *@best is NULL when
 * only the baseline ran.  Strings newly allocated.  Errors as osim_report_write. */
gboolean osim_report_best_alternative (const char *results_dir, char **baseline,
                                       char **baseline_label, char **best, char **best_label,
                                       GError **error);

G_END_DECLS

/* output.h: the files of a results folder: CSV writers, shard files. */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "orgsim/results.h"
#include "orgsim/org.h"
#include "orgsim/outdir.h"

G_BEGIN_DECLS

/* Appends @x in the C locale with 8 significant digits (nothing for NaN: a
 * missing value is an empty field). */
void osim_csv_double (GString *s, double x);
/* Appends @text as one CSV field, in double quotes (a quote doubled) when it
 * holds a comma, a double quote or a line break (RFC 4180). */
void osim_csv_text (GString *s, const char *text);
/* The leading cells of every CSV row of variant @v: its name, then the value
 * of each swept key, each quoted as needed; newly allocated. */
char *osim_csv_variant_cells (const OsimScenario *sc, int v);

/* Appends finals.csv's header line. */
void osim_finals_header (GString *s, const OsimScenario *sc);

/* Writes the org chart rows of positions 0..@n-1 of @org (run 0, last step)
 * for variant @vcells and policy @pname to the file @path.  Errors:
 * OSIM_RUN_ERROR_IO. */
gboolean osim_csv_orgchart_write (const char *path, const OsimOrg *org, const double *layout,
                                  gint64 n, const char *vcells, const char *pname,
                                  GError **error);

/* Appends runs.csv rows for one run. */
void osim_csv_run_rows (GString *s, const OsimSeries *series, const char *vcells,
                        const char *pname, gint64 run, guint64 seed);

/* Writes scenario.ini, summary.csv, final.csv, levels.csv, sweep.csv (with a
 * numeric sweep), orgchart.csv and runs.csv (from the fragments under @dir,
 * which are then removed unless @keep_fragments), and with @shard_index > 0
 * the shard files merge needs (shard.ini, accumulators.txt).  With @jobs
 * above 1 it builds two files' text at once. */
gboolean osim_output_write (const OsimScenario *sc, const OsimResults *res, const char *dir,
                            int shard_index, int shard_count, gboolean keep_fragments,
                            int jobs, GError **error);

/* Sets the lines written at the top of scenario.ini (provenance: "# orgsim
 * VERSION" and "# command: ..."), each ending in a newline. */
void osim_output_set_provenance (const char *lines);
/* Those lines at the top of the scenario.ini text @ini; newly allocated. */
char *osim_output_provenance_of (const char *ini);
/* labels.csv: the words charts and tables use (the scenario's name and description,
 * each policy's plain label, each level's name), one per row: kind,key,label. */
char *osim_output_labels_csv (const OsimScenario *sc);

/* Prints the short table of final results to @out. */
void osim_output_print_table (FILE *out, const OsimScenario *sc, const OsimResults *res);

G_END_DECLS

/* compare.h: orgsim compare: two results folders, policy by policy. */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* Compares every (variant, policy) present in both results folders @dir_a
 * and @dir_b on the final efficiency and willing share: B minus A with its
 * 95% CI and two-sided p-value, paired run by run when both hold finals.csv
 * from the same seed and number of runs (common random numbers), else with
 * Welch's unpaired t-test.  Prints a table to @out and writes
 * @out_dir/compare.csv.  Errors: OSIM_INPUT_ERROR_* for a folder that is not
 * results or shares nothing with the other; OSIM_RUN_ERROR_IO. */
gboolean osim_compare (const char *dir_a, const char *dir_b, const char *out_dir, FILE *out,
                       GError **error);

G_END_DECLS

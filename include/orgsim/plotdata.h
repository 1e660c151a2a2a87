/* plotdata.h: reading a results folder's CSVs (RFC 4180) and preparing what the chart
 * scripts read, so that no text from a file reaches gnuplot where it is evaluated. */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* A CSV file read row by row: quoted fields ("a,b", "say ""hi"""), line breaks inside
 * quotes, CRLF or LF.  Columns are found by their header name. */
typedef struct OsimCsv OsimCsv;

/* Opens @path and reads its header.  Errors: OSIM_RUN_ERROR_IO when it cannot be read,
 * OSIM_INPUT_ERROR_VALUE when it is empty or its header is malformed. */
OsimCsv *osim_csv_open (const char *path, GError **error);
void osim_csv_free (OsimCsv *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimCsv, osim_csv_free)

/* The index of the column named @name, or -1. */
int osim_csv_col (const OsimCsv *csv, const char *name);
/* Like osim_csv_col, but a missing column is an error: "FILE: no column NAME". */
int osim_csv_need (const OsimCsv *csv, const char *name, GError **error);
/* The header: @n set to the number of columns. */
const char *const *osim_csv_header (const OsimCsv *csv, int *n);

/* Reads the next row.  Returns FALSE at the end (@error unset) or on a malformed row
 * ("FILE:LINE: ..." in @error).  The row's fields stay valid until the next call;
 * a row with fewer fields than the header reads the rest as empty. */
gboolean osim_csv_next (OsimCsv *csv, GError **error);
/* Field @col of the current row ("" when the row is shorter). */
const char *osim_csv_field (const OsimCsv *csv, int col);
/* Field @col as a number; NAN when empty, "nan" or not a number. */
double osim_csv_num (const OsimCsv *csv, int col);
/* A field's @text as a number: NAN when NULL, empty, not wholly a number, or not
 * finite ("inf", "nan", an overflow). */
double osim_csv_number (const char *text);
/* The line the current row started on (1 = the header). */
gint64 osim_csv_line (const OsimCsv *csv);

/* A user's export (an org chart from a spreadsheet or HR system), @len bytes of
 * @text (held by the caller while read), fields separated by @delim, named @shown in
 * messages.  Its rules: blanks before an opening or after a closing quote are
 * allowed, other text after a closing quote is an error; an unquoted field loses
 * the blanks around it; control characters in a field become blanks.  No header
 * is read: osim_csv_read gives every record, the first one and blank ones too.
 * Errors: "SHOWN:LINE: ..." (OSIM_INPUT_ERROR_SYNTAX). */
OsimCsv *osim_csv_open_text (const char *shown, const char *text, gsize len, char delim,
                             GError **error);
/* The length of the UTF-8 byte order mark that starts @text: 3, or 0 without one. */
gsize osim_csv_bom (const char *text, gsize len);
/* The delimiter of @text's first line: ';' when it has more of them than ','
 * outside quotes (a spreadsheet in a locale with decimal commas), else ','. */
char osim_csv_detect_delimiter (const char *text, gsize len);
/* Reads the next record as it is, blank or not; FALSE at the end or on an error. */
gboolean osim_csv_read (OsimCsv *csv, GError **error);
/* The number of fields of the current record. */
int osim_csv_n_fields (const OsimCsv *csv);
/* The fields of the current record, newly allocated (NULL-terminated; g_strfreev). */
char **osim_csv_record_strv (const OsimCsv *csv);

/* Splits RFC 4180 CSV text that orgsim wrote into rows of fields (quoted fields
 * unquoted), nothing else accepted: text after a closing quote, a lone CR, an
 * unclosed quote or a row of another width than the header's is an error.
 * Returns a GPtrArray of GStrv, or NULL with OSIM_INPUT_ERROR_SYNTAX naming @name
 * and the line. */
GPtrArray *osim_csv_parse (const char *name, const char *text, gsize len, GError **error);

/* Appends @text to @out made safe to show: control characters (C0, DEL, C1, U+2028,
 * U+2029) become spaces, ' becomes the typographic apostrophe U+2019, invalid UTF-8 is
 * replaced, at most @max bytes are kept (then "…"). */
void osim_plot_text_clean (GString *out, const char *text, gsize max);

/* Appends @text as a gnuplot single-quoted string, cleaned (so it holds no ' that
 * could end it).  gnuplot substitutes nothing inside single quotes (no `command`, no
 * @macro, no backslash escape). */
void osim_plot_gp_string (GString *out, const char *text);

/* What the charts of one results folder need, prepared in @work (a private folder):
 * cleaned tab-separated copies of the CSVs (cut to the variants shown), params.gp
 * (every text as a single-quoted string), and the data of the difference and heat map
 * charts.  @style: "slides" or "print".  Stops with OSIM_RUN_ERROR_INTERRUPTED when
 * *@cancel becomes non-zero. */
typedef struct
{
  gboolean has_difference; /* difference.dat written */
  gboolean has_heatmap;    /* heatmap.dat written */
  char *heatmap_note;      /* why there is no heat map (NULL when there is one) */
} OsimPlotPrep;

/* Whether @dir holds a regular file @name. */
gboolean osim_plot_has_file (const char *dir, const char *name);

gboolean osim_plot_prepare (const char *results_dir, const char *work, const char *style,
                            volatile gint *cancel, OsimPlotPrep *prep, GError **error);
void osim_plot_prep_clear (OsimPlotPrep *prep);

G_END_DECLS

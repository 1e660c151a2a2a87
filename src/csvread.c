/* csvread.c: reading CSV files (RFC 4180) row by row: orgsim's own files, and the
 * exports of spreadsheets and HR systems (a BOM, ';', blanks around fields); and
 * cleaning text for the charts. */
#include "orgsim/plotdata.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "orgsim/common.h"

/* Bounds on what a damaged or hostile file may make us hold. */
#define OSIM_CSV_ROW_MAX (1 << 20)
#define OSIM_CSV_FIELDS_MAX 100000

struct OsimCsv
{
  FILE *f;
  char *path;
  GPtrArray *header; /* char *, the column names */
  GHashTable *index; /* name -> column + 1 */
  GString *buf;      /* the current row's fields, each ended by '\0' */
  GArray *offs;      /* gsize: where each field starts in buf */
  gint64 line;       /* lines read so far */
  gint64 row_line;   /* the line the current row started on */
  char delim;        /* ',' or ';' */
  gboolean text;     /* a user's export (osim_csv_open_text): its rules and messages */
  gboolean exact;    /* osim_csv_parse: nothing but RFC 4180 accepted */
};

static gboolean
csv_fail (const OsimCsv *csv, GError **error, const char *what)
{
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
               "%s:%" G_GINT64_FORMAT ": %s (a damaged results file: run the scenario again)",
               csv->path, csv->row_line, what);
  return FALSE;
}

static gboolean
fail_text (const OsimCsv *csv, GError **error, gint64 line, const char *what)
{
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX, "%s:%" G_GINT64_FORMAT ": %s",
               csv->path, line, what);
  return FALSE;
}

/* A user's export keeps to one line of text: a line break or tab inside quotes
 * becomes a blank, and an unquoted field loses the blanks around it. */
static void
clean_text_field (OsimCsv *csv, gboolean quoted)
{
  gsize start = g_array_index (csv->offs, gsize, csv->offs->len - 1);
  char *f = csv->buf->str + start;
  gsize n = csv->buf->len - start;
  for (gsize i = 0; i < n; i++)
    if ((guchar)f[i] < 0x20)
      f[i] = ' ';
  if (quoted)
    return;
  gsize lead = 0;
  while (lead < n && f[lead] == ' ')
    lead++;
  while (n > lead && f[n - 1] == ' ')
    n--;
  memmove (f, f + lead, n - lead);
  g_string_truncate (csv->buf, start + n - lead);
}

static void
end_field (OsimCsv *csv, gboolean quoted)
{
  if (csv->text)
    clean_text_field (csv, quoted);
  g_string_append_c (csv->buf, '\0');
}

static void
start_field (OsimCsv *csv)
{
  gsize at = csv->buf->len;
  g_array_append_val (csv->offs, at);
}

/* After a closing quote in an export: skips blanks; whether the field ends there. */
static gboolean
only_blanks_to_end (OsimCsv *csv)
{
  int d;
  do
    d = getc_unlocked (csv->f);
  while (d == ' ' || d == '\t');
  ungetc (d, csv->f);
  return d == EOF || d == csv->delim || d == '\n' || d == '\r';
}

#define EXACT_BROKEN                                                                               \
  "a quoted field is not closed or is followed by text; not a CSV file orgsim wrote"

/* Reads one record into buf/offs.  Returns FALSE at the end of the file (nothing read)
 * or on an error (set). */
static gboolean
read_record (OsimCsv *csv, GError **error)
{
  g_string_truncate (csv->buf, 0);
  g_array_set_size (csv->offs, 0);
  int c = getc_unlocked (csv->f);
  if (c == EOF)
    return FALSE;
  csv->row_line = csv->line + 1;
  start_field (csv);
  gboolean quoted = FALSE, in_quotes = FALSE;
  gint64 quote_line = 0;
  /* Held here: the calls in the loop may not change them. */
  const gboolean text = csv->text, exact = csv->exact;
  const int delim = csv->delim;
  for (;; c = getc_unlocked (csv->f))
    {
      /* Text in memory is bounded by its size already. */
      if (!text && !exact
          && (csv->buf->len > OSIM_CSV_ROW_MAX || csv->offs->len > OSIM_CSV_FIELDS_MAX))
        return csv_fail (csv, error, "row too long");
      if (c == EOF)
        {
          if (in_quotes && text)
            return fail_text (csv, error, quote_line,
                              "a quoted field is never closed; close it with \"");
          if (in_quotes && exact)
            return fail_text (csv, error, csv->row_line, EXACT_BROKEN);
          if (in_quotes)
            return csv_fail (csv, error, "a quoted field is never closed");
          break;
        }
      if (in_quotes)
        {
          if (c == '"')
            {
              int d = getc_unlocked (csv->f);
              if (d == '"')
                g_string_append_c (csv->buf, '"');
              else
                {
                  in_quotes = FALSE;
                  ungetc (d, csv->f);
                  if (exact && d != EOF && d != delim && d != '\n' && d != '\r')
                    return fail_text (csv, error, csv->row_line, EXACT_BROKEN);
                  if (text && !only_blanks_to_end (csv))
                    return fail_text (csv, error, csv->line + 1,
                                      "text after a closing quote; double a quote inside a "
                                      "quoted field (\"\")");
                }
              continue;
            }
          if (c == '\n')
            csv->line++;
          g_string_append_c (csv->buf, (char)c);
          continue;
        }
      /* A quote opens a quoted field only at its start; an export may have blanks
       * before it (stripped from an unquoted field anyway). */
      if ((c == '"' || (text && (c == ' ' || c == '\t'))) && !quoted
          && csv->buf->len == g_array_index (csv->offs, gsize, csv->offs->len - 1))
        {
          if (c == '"')
            {
              quoted = in_quotes = TRUE;
              quote_line = csv->line + 1;
            }
          continue;
        }
      if (c == delim)
        {
          end_field (csv, quoted);
          start_field (csv);
          quoted = FALSE;
          continue;
        }
      if (c == '\r')
        {
          int d = getc_unlocked (csv->f);
          if (d != '\n' && exact)
            return fail_text (csv, error, csv->row_line, EXACT_BROKEN);
          if (d != '\n')
            ungetc (d, csv->f);
          c = '\n';
        }
      if (c == '\n')
        {
          csv->line++;
          break;
        }
      g_string_append_c (csv->buf, (char)c);
    }
  end_field (csv, quoted);
  if (ferror (csv->f))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot read: %s", csv->path,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static OsimCsv *
csv_new (FILE *f, const char *path, char delim, gboolean text)
{
  OsimCsv *csv = g_new0 (OsimCsv, 1);
  csv->f = f;
  csv->path = g_strdup (path);
  csv->delim = delim;
  csv->text = text;
  csv->header = g_ptr_array_new_with_free_func (g_free);
  csv->index = g_hash_table_new (g_str_hash, g_str_equal);
  csv->buf = g_string_sized_new (256);
  csv->offs = g_array_new (FALSE, FALSE, sizeof (gsize));
  return csv;
}

OsimCsv *
osim_csv_open (const char *path, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot read: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  OsimCsv *csv = csv_new (f, path, ',', FALSE);
  if (!read_record (csv, error))
    {
      if (error == NULL || *error == NULL)
        {
          csv->row_line = 1;
          csv_fail (csv, error, "empty file, no header");
        }
      osim_csv_free (csv);
      return NULL;
    }
  for (guint i = 0; i < csv->offs->len; i++)
    {
      char *name = g_strdup (csv->buf->str + g_array_index (csv->offs, gsize, i));
      g_ptr_array_add (csv->header, name);
      if (!g_hash_table_contains (csv->index, name))
        g_hash_table_insert (csv->index, name, GINT_TO_POINTER (i + 1));
    }
  return csv;
}

OsimCsv *
osim_csv_open_text (const char *shown, const char *text, gsize len, char delim, GError **error)
{
  /* Read mode never writes to the buffer. */
  FILE *f = fmemopen ((void *)text, len, "r");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot read: %s", shown,
                   g_strerror (saved));
      return NULL;
    }
  return csv_new (f, shown, delim, TRUE);
}

char **
osim_csv_record_strv (const OsimCsv *csv)
{
  char **fields = g_new0 (char *, csv->offs->len + 1);
  for (guint i = 0; i < csv->offs->len; i++)
    fields[i] = g_strdup (osim_csv_field (csv, (int)i));
  return fields;
}

GPtrArray *
osim_csv_parse (const char *name, const char *text, gsize len, GError **error)
{
  g_autoptr (OsimCsv) csv = osim_csv_open_text (name, text, len, ',', error);
  if (csv == NULL)
    return NULL;
  csv->text = FALSE;
  csv->exact = TRUE;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr (GError) local = NULL;
  while (osim_csv_read (csv, &local))
    {
      guint width = rows->len > 0 ? g_strv_length (rows->pdata[0]) : csv->offs->len;
      if (csv->offs->len != width)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                       "%s:%" G_GINT64_FORMAT ": %u fields where the header has %u; the file "
                       "is damaged",
                       name, csv->row_line, csv->offs->len, width);
          return NULL;
        }
      g_ptr_array_add (rows, osim_csv_record_strv (csv));
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gsize
osim_csv_bom (const char *text, gsize len)
{
  return len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

char
osim_csv_detect_delimiter (const char *text, gsize len)
{
  int commas = 0, semis = 0;
  gboolean quoted = FALSE;
  const char *end = text + len;
  for (const char *p = text; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        commas += *p == ',', semis += *p == ';';
    }
  return semis > commas ? ';' : ',';
}

gboolean
osim_csv_read (OsimCsv *csv, GError **error)
{
  return read_record (csv, error);
}

int
osim_csv_n_fields (const OsimCsv *csv)
{
  return (int)csv->offs->len;
}

void
osim_csv_free (OsimCsv *csv)
{
  if (csv == NULL)
    return;
  fclose (csv->f);
  g_free (csv->path);
  g_hash_table_destroy (csv->index);
  g_ptr_array_unref (csv->header);
  g_string_free (csv->buf, TRUE);
  g_array_unref (csv->offs);
  g_free (csv);
}

int
osim_csv_col (const OsimCsv *csv, const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (csv->index, name)) - 1;
}

int
osim_csv_need (const OsimCsv *csv, const char *name, GError **error)
{
  int col = osim_csv_col (csv, name);
  if (col < 0)
    g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                 "no column %s in %s (made by another orgsim version? run the scenario again)",
                 name, csv->path);
  return col;
}

const char *const *
osim_csv_header (const OsimCsv *csv, int *n)
{
  *n = (int)csv->header->len;
  return (const char *const *)csv->header->pdata;
}

gboolean
osim_csv_next (OsimCsv *csv, GError **error)
{
  for (;;)
    {
      if (!read_record (csv, error))
        return FALSE;
      /* A blank line (one empty, unquoted field) is no row. */
      if (!(csv->offs->len == 1 && csv->buf->len == 1))
        return TRUE;
    }
}

const char *
osim_csv_field (const OsimCsv *csv, int col)
{
  if (col < 0 || (guint)col >= csv->offs->len)
    return "";
  return csv->buf->str + g_array_index (csv->offs, gsize, col);
}

double
osim_csv_number (const char *text)
{
  char *end = NULL;
  if (text == NULL || *text == '\0')
    return NAN;
  double x = g_ascii_strtod (text, &end);
  /* orgsim writes finite numbers or an empty field: "inf", "nan" or an
   * overflow read from an edited file is missing, not a value to print. */
  if (end == text || *end != '\0' || !isfinite (x))
    return NAN;
  return x;
}

double
osim_csv_num (const OsimCsv *csv, int col)
{
  return osim_csv_number (osim_csv_field (csv, col));
}

gint64
osim_csv_line (const OsimCsv *csv)
{
  return csv->row_line;
}

/* ---- text made safe to show ---- */

void
osim_plot_text_clean (GString *out, const char *text, gsize max)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  gsize start = out->len;
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      gsize len = (gsize)(g_utf8_next_char (p) - p);
      if (out->len - start + len > max)
        {
          g_string_append (out, "…");
          break;
        }
      if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029)
        g_string_append_c (out, ' ');
      else if (u == '\'')
        g_string_append (out, "\xe2\x80\x99"); /* no ' is left to end a gnuplot string */
      else
        g_string_append_len (out, p, (gssize)len);
    }
}

void
osim_plot_gp_string (GString *out, const char *text)
{
  g_autoptr (GString) clean = g_string_new (NULL);
  osim_plot_text_clean (clean, text != NULL ? text : "", 400);
  g_string_append_c (out, '\'');
  g_string_append (out, clean->str); /* cleaned: holds no ' */
  g_string_append_c (out, '\'');
}

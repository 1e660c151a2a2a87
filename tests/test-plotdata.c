/* test-plotdata.c: the CSV reader (RFC 4180) and the text cleaning the charts rely on
 * (plotdata.h). */
#include "test-helpers.h"

#include <glib/gstdio.h>

#include "orgsim/plotdata.h"

/* Writes @text to a temporary file; returns its path. */
static char *
write_tmp (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-plotdata-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_rfc4180 (void)
{
  g_autofree char *path = write_tmp ("variant,policy,x\r\n"
                                     "\"a,b\",\"say \"\"hi\"\"\",1.5\r\n"
                                     "\"two\nlines\",p,\r\n"
                                     "\n"
                                     "short\n"
                                     "last,q,nan");
  g_autoptr (GError) error = NULL;
  g_autoptr (OsimCsv) csv = osim_csv_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osim_csv_col (csv, "policy"), ==, 1);
  g_assert_cmpint (osim_csv_col (csv, "nope"), ==, -1);
  g_assert_true (osim_csv_next (csv, &error));
  g_assert_cmpstr (osim_csv_field (csv, 0), ==, "a,b");
  g_assert_cmpstr (osim_csv_field (csv, 1), ==, "say \"hi\"");
  g_assert_cmpfloat (osim_csv_num (csv, 2), ==, 1.5);
  g_assert_true (osim_csv_next (csv, &error));
  g_assert_cmpstr (osim_csv_field (csv, 0), ==, "two\nlines");
  g_assert_true (isnan (osim_csv_num (csv, 2))); /* an empty field is missing */
  g_assert_cmpint (osim_csv_line (csv), ==, 3);
  g_assert_true (osim_csv_next (csv, &error)); /* the blank line is no row */
  g_assert_cmpstr (osim_csv_field (csv, 0), ==, "short");
  g_assert_cmpstr (osim_csv_field (csv, 2), ==, ""); /* a short row reads as empty */
  g_assert_cmpint (osim_csv_line (csv), ==, 6);
  g_assert_true (osim_csv_next (csv, &error));
  g_assert_true (isnan (osim_csv_num (csv, 2))); /* "nan" is missing too */
  g_assert_false (osim_csv_next (csv, &error));
  g_assert_no_error (error);
  g_unlink (path);
}

/* The report's files: a quoted field holding the delimiter and doubled quotes, an
 * empty field, and a header alone. */
static void
test_report_line (void)
{
  g_autofree char *path
      = write_tmp ("a,b,c,d\npolicy,\"Promoting for people, \"\"first\"\"\",,12.5\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (OsimCsv) csv = osim_csv_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (osim_csv_next (csv, &error));
  g_assert_cmpstr (osim_csv_field (csv, 0), ==, "policy");
  g_assert_cmpstr (osim_csv_field (csv, 1), ==, "Promoting for people, \"first\"");
  g_assert_cmpstr (osim_csv_field (csv, 2), ==, "");
  g_assert_cmpstr (osim_csv_field (csv, 3), ==, "12.5");
  g_assert_false (osim_csv_next (csv, &error));
  g_assert_no_error (error);
  g_autofree char *alone = write_tmp ("policy\n");
  g_autoptr (OsimCsv) one = osim_csv_open (alone, &error);
  g_assert_no_error (error);
  int n = 0;
  osim_csv_header (one, &n);
  g_assert_cmpint (n, ==, 1);
  g_assert_false (osim_csv_next (one, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_unlink (alone);
}

/* A user's export: BOM, ';', blanks around fields, quotes, and its messages. */
static void
test_export (void)
{
  const char text[] = "\xEF\xBB\xBFid;\"manager, id\";name\r\n"
                      " 1 ;  \"\" ; \"A\tB\" \r\n"
                      ";;\n";
  gsize bom = osim_csv_bom (text, sizeof text - 1);
  g_assert_cmpuint (bom, ==, 3);
  g_assert_cmpuint (osim_csv_bom ("id", 2), ==, 0);
  char delim = osim_csv_detect_delimiter (text + bom, sizeof text - 1 - bom);
  g_assert_cmpint (delim, ==, ';');
  g_assert_cmpint (osim_csv_detect_delimiter ("a;b,c,d\n;;;;", 13), ==, ',');
  g_autoptr (GError) error = NULL;
  g_autoptr (OsimCsv) csv
      = osim_csv_open_text ("org.csv", text + bom, sizeof text - 1 - bom, delim, &error);
  g_assert_no_error (error);
  g_assert_true (osim_csv_read (csv, &error));
  g_assert_cmpint (osim_csv_n_fields (csv), ==, 3);
  g_assert_cmpstr (osim_csv_field (csv, 1), ==, "manager, id");
  g_assert_true (osim_csv_read (csv, &error));
  g_assert_cmpint (osim_csv_line (csv), ==, 2);
  g_assert_cmpstr (osim_csv_field (csv, 0), ==, "1");
  g_assert_cmpstr (osim_csv_field (csv, 1), ==, "");
  g_assert_cmpstr (osim_csv_field (csv, 2), ==, "A B");
  g_assert_true (osim_csv_read (csv, &error)); /* a blank record is read too */
  g_assert_cmpint (osim_csv_n_fields (csv), ==, 3);
  g_assert_false (osim_csv_read (csv, &error));
  g_assert_no_error (error);

  const char *after = "id,m\n\"a\" b,c\n";
  g_autoptr (OsimCsv) bad = osim_csv_open_text ("org.csv", after, strlen (after), ',', &error);
  g_assert_true (osim_csv_read (bad, &error));
  g_assert_false (osim_csv_read (bad, &error));
  g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "org.csv:2: text after a closing quote; double a quote inside a quoted "
                   "field (\"\")");
  g_clear_error (&error);
  const char *open = "id,m\nx,\"a\nb\n";
  g_autoptr (OsimCsv) unclosed = osim_csv_open_text ("org.csv", open, strlen (open), ',', &error);
  g_assert_true (osim_csv_read (unclosed, &error));
  g_assert_false (osim_csv_read (unclosed, &error));
  g_assert_cmpstr (error->message, ==,
                   "org.csv:2: a quoted field is never closed; close it with \"");
}

static void
test_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = write_tmp ("a,b\n1,\"open\n2,3\n");
  g_autoptr (OsimCsv) csv = osim_csv_open (bad, &error);
  g_assert_no_error (error);
  g_assert_false (osim_csv_next (csv, &error));
  g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, ":2: a quoted field is never closed"));
  g_clear_error (&error);
  g_assert_cmpint (osim_csv_need (csv, "c", &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "no column c in "));
  g_clear_error (&error);

  g_autofree char *empty = write_tmp ("");
  g_assert_null (osim_csv_open (empty, &error));
  g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_null (osim_csv_open ("/nonexistent/x.csv", &error));
  g_assert_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO);
  g_unlink (bad);
  g_unlink (empty);
}

static void
test_clean (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  osim_plot_text_clean (s,
                        "a\tb\nc\rd\x7f"
                        "e\xc2\x85"
                        "f\xe2\x80\xa8g'h",
                        100);
  g_assert_cmpstr (s->str, ==, "a b c d e f g\xe2\x80\x99h");
  g_string_truncate (s, 0);
  osim_plot_text_clean (s,
                        "abc\xff"
                        "def",
                        100); /* invalid UTF-8 replaced */
  g_assert_true (g_utf8_validate (s->str, -1, NULL));
  g_string_truncate (s, 0);
  osim_plot_text_clean (s, "0123456789", 4);
  g_assert_cmpstr (s->str, ==, "0123…");
}

static void
test_gp_string (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  osim_plot_gp_string (s, "x`touch p` 'q' \"r\" @M\nEOD");
  /* One single-quoted string: no ' inside, no line break. */
  g_assert_cmpstr (s->str, ==, "'x`touch p` \xe2\x80\x99q\xe2\x80\x99 \"r\" @M EOD'");
  g_assert_true (strchr (s->str + 1, '\'') == s->str + s->len - 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plotdata/rfc4180", test_rfc4180);
  g_test_add_func ("/plotdata/report-line", test_report_line);
  g_test_add_func ("/plotdata/export", test_export);
  g_test_add_func ("/plotdata/errors", test_errors);
  g_test_add_func ("/plotdata/clean", test_clean);
  g_test_add_func ("/plotdata/gp-string", test_gp_string);
  return g_test_run ();
}

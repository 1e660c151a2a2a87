/* test-format.c: plain units and durations (format.h), the edit distance
 * behind "did you mean" (catalog.h), and the CSV reader compare uses. */
#include "test-helpers.h"

#include "orgsim/catalog.h"
#include "orgsim/compare.h"
#include "orgsim/format.h"
#include "orgsim/plotdata.h"

static void
test_si (void)
{
  static const struct { double x; const char *s; } cases[] = {
    { 0, "0" },           { 950, "950" },        { 999.4, "999" },      { 999.6, "1.00 k" },
    { 17400, "17.4 k" },  { 1.74e7, "17.4 M" },  { 2.314e9, "2.31 G" }, { 123456789, "123 M" },
    { 999600, "1.00 M" }, { 5e15, "5.00 P" },
  };
  char buf[32];
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (osim_format_si (cases[i].x, buf, sizeof buf), ==, cases[i].s);
}

static void
test_duration (void)
{
  static const struct { double s; const char *t; } cases[] = {
    { 0, "0 s" },           { 44.6, "45 s" },          { 59.4, "59 s" },
    { 200, "3 min 20 s" },  { 3599, "59 min 59 s" },   { 3720, "1 h 02 min" },
    { 86399, "23 h 59 min" }, { 2 * 86400 + 4 * 3600, "2 d 04 h" }, { NAN, "?" },
  };
  char buf[32];
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (osim_format_duration (cases[i].s, buf, sizeof buf), ==, cases[i].t);
}

static void
test_edit_distance (void)
{
  g_assert_cmpint (osim_edit_distance ("rn", "run"), ==, 1);
  g_assert_cmpint (osim_edit_distance ("--polices", "--policies"), ==, 1);
  g_assert_cmpint (osim_edit_distance ("chekc", "check"), ==, 2);
  g_assert_cmpint (osim_edit_distance ("", "abc"), ==, 3);
  g_assert_cmpint (osim_edit_distance ("plot", "plot"), ==, 0);
}

static void
test_csv_parse (void)
{
  const char text[] = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n1,,\"two\nlines\"\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = osim_csv_parse ("t.csv", text, sizeof text - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  char **r1 = rows->pdata[1], **r2 = rows->pdata[2];
  g_assert_cmpstr (r1[0], ==, "x, y");
  g_assert_cmpstr (r1[1], ==, "say \"hi\"");
  g_assert_cmpstr (r1[2], ==, "");
  g_assert_cmpstr (r2[2], ==, "two\nlines");
  /* An unclosed quote and a short row are refused, naming the line. */
  const char bad1[] = "a,b\n\"x,1\n";
  g_assert_null (osim_csv_parse ("t.csv", bad1, sizeof bad1 - 1, &error));
  g_assert_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "t.csv:2:"));
  g_clear_error (&error);
  const char bad2[] = "a,b\n1,2\n3\n";
  g_assert_null (osim_csv_parse ("t.csv", bad2, sizeof bad2 - 1, &error));
  g_assert_nonnull (strstr (error->message, "t.csv:3: 1 fields where the header has 2"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/si", test_si);
  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/edit-distance", test_edit_distance);
  g_test_add_func ("/format/csv-parse", test_csv_parse);
  return g_test_run ();
}

/* test-report.c: unit tests of the handout's text (escaping, difference sentences, CSV
 * fields) and of the animation's choice of years. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "orgsim/animate.h"
#include "orgsim/report.h"

static void
test_escape (void)
{
  g_autofree char *e = osim_report_escape ("<a href=\"x\">Tom & Jerry's</a>");
  g_assert_cmpstr (e, ==, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  g_autofree char *plain = osim_report_escape ("plain words, 15%");
  g_assert_cmpstr (plain, ==, "plain words, 15%");
}

static void
test_difference (void)
{
  g_autofree char *up = osim_report_difference ("efficiency", 15.3, 15.1, 15.5);
  g_assert_cmpstr (up, ==, "efficiency +15.3 points (95% CI +15.1 to +15.5)");
  g_autofree char *down = osim_report_difference ("efficiency", -2.04, -3.0, -1.1);
  g_assert_cmpstr (down, ==, "efficiency -2.0 points (95% CI -3.0 to -1.1)");
  /* A CI that spans zero, or touches it, is no clear difference. */
  g_autofree char *flat = osim_report_difference ("efficiency", 0.4, -0.3, 1.1);
  g_assert_cmpstr (flat, ==,
                   "no clear difference in efficiency (+0.4 points, 95% CI -0.3 to +1.1)");
  g_autofree char *edge = osim_report_difference ("efficiency", 1.0, 0.0, 2.0);
  g_assert_true (g_str_has_prefix (edge, "no clear difference"));
  g_autofree char *noci = osim_report_difference ("efficiency", 1.0, NAN, NAN);
  g_assert_nonnull (strstr (noci, "no confidence interval"));
}

static void
test_animate_years (void)
{
  g_autofree int *y = NULL;
  /* The workshop: every year. */
  int n = osim_animate_years (60, &y);
  g_assert_cmpint (n, ==, 61);
  for (int i = 0; i < n; i++)
    g_assert_cmpint (y[i], ==, i);
  g_clear_pointer (&y, g_free);
  /* Long runs: every k-th year, the last included, at least 31 and at most 61 frames. */
  for (int steps = 61; steps <= 100000; steps = steps * 3 + 1)
    {
      n = osim_animate_years (steps, &y);
      g_assert_cmpint (n, >=, 31);
      g_assert_cmpint (n, <=, OSIM_ANIMATE_MAX_FRAMES);
      g_assert_cmpint (y[0], ==, 0);
      g_assert_cmpint (y[n - 1], ==, steps);
      for (int i = 1; i < n; i++)
        g_assert_cmpint (y[i], >, y[i - 1]);
      g_clear_pointer (&y, g_free);
    }
  /* Short runs: every year there is. */
  n = osim_animate_years (5, &y);
  g_assert_cmpint (n, ==, 6);
  g_clear_pointer (&y, g_free);
  n = osim_animate_years (0, &y);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (y[0], ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/escape", test_escape);
  g_test_add_func ("/report/difference", test_difference);
  g_test_add_func ("/report/animate-years", test_animate_years);
  return g_test_run ();
}

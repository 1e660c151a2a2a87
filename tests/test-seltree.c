/* test-seltree.c: the selection tree (seltree.h) against a plain scan. */
#include "test-helpers.h"

#include <math.h>

#include "orgsim/dist.h"
#include "orgsim/seltree.h"

/* The r-th filled position (in order) holding the extreme of @pick in
 * @v[0..n), and how many there are, by a scan. */
static gint64
scan (const double *v, gint64 n, OsimPick pick, guint32 r, guint32 *count)
{
  double best = pick == OSIM_PICK_MIN ? INFINITY : -INFINITY;
  for (gint64 j = 0; j < n; j++)
    if (!isnan (v[j]) && (pick == OSIM_PICK_MAX ? v[j] > best : v[j] < best))
      best = v[j];
  gint64 got = -1;
  *count = 0;
  for (gint64 j = 0; j < n; j++)
    if (!isnan (v[j]) && (pick == OSIM_PICK_UNIFORM || v[j] == best) && (*count)++ == r)
      got = j;
  return got;
}

/* Levels of several sizes (blocks partly filled, padding), scores with
 * many ties, positions emptied one by one: every pick and every count
 * agrees with the scan. */
static void
test_seltree_matches_scan (void)
{
  static const gint64 sizes[] = { 1, 7, 8, 9, 64, 100, 1000, 4099 };
  OsimRng rng;
  osim_rng_init (&rng, 1, 2, 3);
  for (gsize si = 0; si < G_N_ELEMENTS (sizes); si++)
    for (int hilo = 1; hilo <= 3; hilo++)
      {
        gint64 n = sizes[si], first = 17;
        g_autofree double *v = g_new (double, n);
        OsimSelTree *t = osim_sel_tree_new (first, n);
        for (gint64 j = 0; j < n; j++)
          {
            /* few distinct values, so ties are common; a tenth empty */
            v[j] = osim_rng_double (&rng) < 0.1 ? NAN : (double) osim_rng_below (&rng, 5);
            osim_sel_tree_set (t, first + j, v[j]);
          }
        gboolean hi = hilo & 1, lo = hilo & 2;
        osim_sel_tree_build (t, hi, lo);
        for (gint64 step = 0; step < n; step++)
          {
            for (OsimPick pick = OSIM_PICK_MAX; pick <= OSIM_PICK_UNIFORM; pick++)
              {
                if ((pick == OSIM_PICK_MAX && !hi) || (pick == OSIM_PICK_MIN && !lo))
                  continue;
                guint32 count;
                scan (v, n, pick, 0, &count);
                g_assert_cmpuint (osim_sel_tree_count (t, pick), ==, count);
                for (guint32 r = 0; r < count; r += 1 + count / 7)
                  {
                    guint32 c2;
                    gint64 want = scan (v, n, pick, r, &c2);
                    g_assert_cmpint (osim_sel_tree_pick (t, pick, r), ==, first + want);
                  }
              }
            /* empty a random position (perhaps already empty) */
            gint64 j = (gint64) osim_rng_below (&rng, (guint64) n);
            v[j] = NAN;
            osim_sel_tree_clear (t, first + j);
          }
        osim_sel_tree_free (t);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seltree/matches-scan", test_seltree_matches_scan);
  return g_test_run ();
}

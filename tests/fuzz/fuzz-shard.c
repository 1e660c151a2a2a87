/* fuzz-shard.c: libFuzzer target for the shard reader of orgsim merge
 * (src/merge.c, src/results.c, src/stats.c): shard.ini, the scenario.ini it
 * goes with, accumulators.txt, and fragment names, as a damaged or hostile
 * shard folder may hold them.
 *
 * An input is up to four parts separated by lines "%%": shard.ini, then
 * scenario.ini, then accumulators.txt, then fragment file names, one a
 * line.  Every part may be damaged; whatever is accepted must keep the
 * promises merge relies on, and whatever is refused must be refused with an
 * input error, never a crash, an abort or undefined behaviour. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgsim/common.h"
#include "orgsim/merge.h"
#include "orgsim/results.h"
#include "orgsim/scenario.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Sums larger than this are not read: merge refuses them for memory first
 * (a scenario can ask for gigabytes of sums). */
#define MAX_TEXT (4 << 20)

#define FUZZ_NAME "fuzz-shard"
#define FUZZ_ACCEPTED "a shard"
#include "fuzz-check.h"

/* Checks a refusal and frees its error. */
static void
check_error (GError *error)
{
  fuzz_check_input_error (error);
  g_error_free (error);
}

/* Splits @data into at most @max parts at lines "%%"; each part is a new
 * exact-size copy (ASan sees reads past its end). */
static int
split (const char *data, size_t size, char **parts, size_t *lens, int max)
{
  int n = 0;
  const char *p = data, *end = data + size;
  while (n < max)
    {
      const char *sep = n < max - 1 ? memmem (p, (size_t) (end - p), "\n%%\n", 4) : NULL;
      const char *stop = sep ? sep + 1 : end;
      lens[n] = (size_t) (stop - p);
      parts[n] = lens[n] ? g_memdup2 (p, lens[n]) : g_malloc0 (1);
      n++;
      if (sep == NULL)
        break;
      p = sep + 4;
    }
  return n;
}

static void
check_info (const char *text, size_t len)
{
  OsimShardInfo info = { 0 };
  GError *error = NULL;
  if (osim_shard_info_parse ("shard.ini", text, len, &info, &error))
    CHECK (info.count >= 1 && info.count <= OSIM_MAX_SHARDS && info.index >= 1
           && info.index <= info.count);
  else
    check_error (error);
}

static void
check_fragment_names (const char *text, size_t len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto (GStrv) names = g_strsplit (copy, "\n", 64);
  for (int i = 0; names[i]; i++)
    if (osim_fragment_name_valid (names[i]))
      CHECK (names[i][0] != '.' && strchr (names[i], '/') == NULL && strlen (names[i]) <= 64);
}

/* Whether every accumulator of @r can be what runs added up. */
static void
check_sums (const OsimResults *r)
{
  gsize vp = (gsize) r->n_variants * r->n_policies, steps = (gsize) r->steps + 1;
  const OsimAcc *arrays[] = { r->step, r->level, r->final };
  gsize lens[] = { vp * steps * OSIM_N_METRICS,
                   vp * steps * r->n_levels * OSIM_N_LEVEL_METRICS, vp * OSIM_N_FINALS };
  for (int k = 0; k < 3; k++)
    for (gsize i = 0; i < lens[k]; i++)
      {
        const OsimAcc *a = &arrays[k][i];
        CHECK (a->n >= 0 && a->sumsq >= 0);
        CHECK (a->n > 0 || (a->sum == 0 && a->sumsq == 0));
        OsimSummary s = osim_acc_summary (a);
        CHECK (s.n == a->n);
      }
}

static void
check_accumulators (const OsimScenario *sc, const char *text, size_t len)
{
  g_autoptr (OsimResults) r = osim_results_new (sc);
  if (len > osim_results_text_max (r))
    return;
  g_autofree char *copy = g_strndup (text, len);
  GError *error = NULL;
  if (!osim_results_from_text (r, "accumulators.txt", copy, &error))
    {
      check_error (error);
      return;
    }
  check_sums (r);
  /* The text form reads back to the same sums. */
  g_autofree char *again = osim_results_to_text (r);
  g_autoptr (OsimResults) r2 = osim_results_new (sc);
  g_autofree char *parsed = g_strdup (again); /* taken apart by the reader */
  CHECK (osim_results_from_text (r2, "again", parsed, NULL));
  g_autofree char *twice = osim_results_to_text (r2);
  CHECK (strcmp (again, twice) == 0);
  /* Adding shards: every sum is added with an overflow check; what is
   * accepted stays sums of runs. */
  g_autoptr (OsimResults) total = osim_results_new (sc);
  for (int i = 0; i < 3 && osim_results_merge (total, r); i++)
    check_sums (total);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_warnings_fatal ();
  char *parts[4] = { NULL };
  size_t lens[4] = { 0 };
  int n = split ((const char *) data, size, parts, lens, 4);
  check_info (parts[0], lens[0]);
  if (n > 3)
    check_fragment_names (parts[3], lens[3]);
  if (n > 2)
    {
      GError *error = NULL;
      OsimScenario *sc = osim_scenario_load_data ("scenario.ini", parts[1], lens[1], NULL, &error);
      if (sc == NULL)
        check_error (error);
      else
        {
          OsimResults shape = osim_results_shape (sc);
          if (osim_results_text_max (&shape) <= MAX_TEXT)
            check_accumulators (sc, parts[2], lens[2]);
          osim_scenario_free (sc);
        }
    }
  for (int i = 0; i < n; i++)
    g_free (parts[i]);
  return 0;
}

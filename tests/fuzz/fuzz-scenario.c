/* fuzz-scenario.c: libFuzzer target for the scenario loader (src/scenario.c). */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgsim/common.h"
#include "orgsim/scenario.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Comment lines "#!set SECTION.KEY=VALUE" are ignored by the loader but passed
 * here as --set overrides, and "#!-KEY VALUE" lines as command-line shortcuts
 * (osim_scenario_override), so the fuzzer reaches those paths too. */
static GPtrArray *
collect_overrides (const char *text, size_t size, const char *prefix)
{
  size_t pl = strlen (prefix);
  GPtrArray *sets = g_ptr_array_new_with_free_func (g_free);
  const char *p = text, *end = text + size;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (size_t) (end - p));
      if (eol == NULL)
        eol = end;
      if ((size_t) (eol - p) > pl && memcmp (p, prefix, pl) == 0 && sets->len < 8)
        g_ptr_array_add (sets, g_strndup (p + pl, (gsize) (eol - p) - pl));
      p = eol + 1;
    }
  g_ptr_array_add (sets, NULL);
  return sets;
}

#define FUZZ_NAME "fuzz-scenario"
#define FUZZ_ACCEPTED "a scenario"
#include "fuzz-check.h"

/* Every refusal must also name the file. */
static void
check_error (const GError *error)
{
  fuzz_check_input_error (error);
  if (!g_str_has_prefix (error->message, "fuzz.ini") && !g_str_has_prefix (error->message, "--set"))
    {
      fprintf (stderr, "fuzz-scenario: error without FILE prefix: %s\n", error->message);
      abort ();
    }
}

static void
check_dist (const OsimDist *d, double lo, double hi)
{
  CHECK (isfinite (d->mean) && isfinite (d->sd) && isfinite (d->lo) && isfinite (d->hi));
  CHECK (d->lo <= d->hi && d->lo >= lo && d->hi <= hi);
}

/* What every accepted scenario promises the simulator. */
static void
check_params (const OsimParams *p)
{
  CHECK (p->name && p->name[0] && p->description);
  CHECK (p->steps >= 1 && p->steps <= OSIM_MAX_STEPS);
  CHECK (p->runs >= 1 && p->runs <= OSIM_MAX_RUNS);
  CHECK (p->window >= 1 && p->window <= p->steps);
  CHECK (p->n_policies >= 1 && p->n_policies <= OSIM_N_POLICIES);
  gboolean base_found = FALSE;
  for (int i = 0; i < p->n_policies; i++)
    {
      CHECK (p->policies[i] < OSIM_N_POLICIES);
      base_found |= p->policies[i] == p->baseline;
      for (int j = 0; j < i; j++)
        CHECK (p->policies[i] != p->policies[j]);
    }
  CHECK (base_found);
  CHECK (p->n_levels >= 2 && p->n_levels <= OSIM_MAX_LEVELS);
  double rsum = 0;
  for (int k = 0; k < p->n_levels; k++)
    {
      CHECK (p->level_size[k] >= 1);
      CHECK (isfinite (p->responsibility[k]) && p->responsibility[k] >= 0);
      CHECK (p->people_weight[k] >= 0 && p->people_weight[k] <= 1);
      rsum += p->responsibility[k] * (double) p->level_size[k];
    }
  CHECK (rsum > 0);
  CHECK (osim_params_positions (p) >= 2 && osim_params_positions (p) <= OSIM_MAX_POSITIONS);
  CHECK ((double) p->runs * p->n_policies * p->steps * (double) osim_params_positions (p)
         <= OSIM_MAX_WORK);
  check_dist (&p->technical, 0, 10);
  check_dist (&p->people, 0, 10);
  check_dist (&p->age, 0, 200);
  CHECK (p->retire_age > p->age.lo);
  const double d[] = { p->rho, p->retire_age, p->dismiss_below, p->quit_rate, p->values_spread,
                       p->delta, p->keep, p->p, p->r, p->assessment_noise, p->bare_minimum,
                       p->trust_initial, p->deposit, p->withdrawal, p->people_neutral,
                       p->follow_threshold, p->training, p->coaching };
  for (gsize i = 0; i < G_N_ELEMENTS (d); i++)
    CHECK (isfinite (d[i]));
  CHECK (p->p >= 0 && p->p <= 1 && p->r >= 0 && p->r <= 1 && p->keep >= 0 && p->keep <= 1);
  CHECK (p->rho >= -1 && p->rho <= 1 && p->quit_rate >= 0 && p->quit_rate <= 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_warnings_fatal ();
  /* The loader must respect @len: a copy with no NUL after it lets ASan
   * catch a read past the end. */
  char *copy = g_malloc (size ? size : 1);
  if (size)
    memcpy (copy, data, size);
  GPtrArray *sets = collect_overrides (copy, size, "#!set ");
  GPtrArray *shortcuts = collect_overrides (copy, size, "#!-");
  const char *const *ov = (const char *const *) sets->pdata;

  GError *error = NULL;
  OsimScenario *sc = osim_scenario_load_data ("fuzz.ini", copy, size, ov, &error);
  if (sc == NULL)
    {
      check_error (error);
      g_error_free (error);
    }
  else
    {
      /* Shortcuts: applied or refused, the scenario stays whole. */
      for (guint i = 0; shortcuts->pdata[i]; i++)
        {
          char *sp = strchr (shortcuts->pdata[i], ' ');
          if (sp == NULL)
            continue;
          *sp = '\0';
          if (!osim_scenario_override (sc, shortcuts->pdata[i], sp + 1, &error))
            {
              if (error == NULL || error->domain != OSIM_INPUT_ERROR)
                abort ();
              g_clear_error (&error);
            }
        }
      /* The resolved scenario written out must load back to the same text. */
      char *ini = osim_scenario_to_ini (sc);
      OsimScenario *back = osim_scenario_load_data ("fuzz.ini", ini, strlen (ini), NULL, &error);
      if (back == NULL)
        {
          fprintf (stderr, "fuzz-scenario: round trip refused: %s\n--- ini:\n%s", error->message,
                   ini);
          abort ();
        }
      char *ini2 = osim_scenario_to_ini (back);
      if (strcmp (ini, ini2) != 0)
        {
          fprintf (stderr, "fuzz-scenario: round trip differs\n--- first:\n%s--- second:\n%s",
                   ini, ini2);
          abort ();
        }
      /* Every accessor on every variant. */
      int nv = osim_scenario_n_variants (sc);
      double product = 1;
      for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
        product *= osim_scenario_sweep_dim (sc, d)->n_values;
      CHECK (nv >= 1 && nv <= OSIM_MAX_VARIANTS && nv == product);
      check_params (osim_scenario_params (sc));
      for (int v = 0; v < nv; v++)
        {
          const OsimParams *p = osim_scenario_variant (sc, v);
          CHECK (p != NULL && osim_scenario_variant_name (sc, v) != NULL);
          check_params (p);
          for (int d = 0; d < osim_scenario_n_sweep (sc); d++)
            {
              const OsimSweepDim *dim = osim_scenario_sweep_dim (sc, d);
              int c = osim_scenario_variant_coord (sc, v, d);
              CHECK (c >= 0 && c < dim->n_values);
            }
        }
      g_free (ini2);
      g_free (ini);
      osim_scenario_free (back);
      osim_scenario_free (sc);
    }
  g_ptr_array_unref (sets);
  g_ptr_array_unref (shortcuts);
  g_free (copy);
  return 0;
}

/* results.c: the experiment's exact sums, their merging and their text form. */
#include "orgsim/results.h"
#include "orgsim/common.h"

#include <string.h>

OsimResults
osim_results_shape (const OsimScenario *sc)
{
  const OsimParams *p = osim_scenario_params (sc);
  return (OsimResults){ .n_variants = osim_scenario_n_variants (sc),
                        .n_policies = p->n_policies,
                        .steps = p->steps,
                        .n_levels = p->n_levels };
}

OsimResults *
osim_results_new (const OsimScenario *sc)
{
  OsimResults *r = g_new (OsimResults, 1);
  *r = osim_results_shape (sc);
  gsize vp = (gsize) r->n_variants * r->n_policies;
  gsize steps = (gsize) r->steps + 1;
  r->step = g_new0 (OsimAcc, vp * steps * OSIM_N_METRICS);
  r->level = g_new0 (OsimAcc, vp * steps * r->n_levels * OSIM_N_LEVEL_METRICS);
  r->final = g_new0 (OsimAcc, vp * OSIM_N_FINALS);
  return r;
}

void
osim_results_free (OsimResults *r)
{
  if (r == NULL)
    return;
  g_free (r->step);
  g_free (r->level);
  g_free (r->final);
  g_free (r->run_final);
  g_free (r);
}

OsimAcc *
osim_results_step (const OsimResults *r, int v, int p, int step, int metric)
{
  gsize i = ((gsize) v * r->n_policies + p) * (r->steps + 1) + step;
  return &r->step[i * OSIM_N_METRICS + metric];
}

OsimAcc *
osim_results_level (const OsimResults *r, int v, int p, int step, int level, int metric)
{
  gsize i = (((gsize) v * r->n_policies + p) * (r->steps + 1) + step) * r->n_levels + level;
  return &r->level[i * OSIM_N_LEVEL_METRICS + metric];
}

OsimAcc *
osim_results_final (const OsimResults *r, int v, int p, int f)
{
  return &r->final[((gsize) v * r->n_policies + p) * OSIM_N_FINALS + f];
}

const int osim_run_final_index[OSIM_N_RUN_FINALS] = {
  OSIM_F_INITIAL,
  OSIM_F_FINAL + OSIM_M_EFFICIENCY,
  OSIM_F_GAIN,
  OSIM_F_FINAL + OSIM_M_EFFORT,
  OSIM_F_FINAL + OSIM_M_WILLING,
  OSIM_F_FINAL + OSIM_M_LEADER,
  OSIM_F_FINAL + OSIM_M_COMPETENCE,
};
const char *const osim_run_final_names[OSIM_N_RUN_FINALS] = {
  "efficiency_initial",  "efficiency_final",   "efficiency_gain", "effort_final",
  "willing_share_final", "leader_share_final", "competence_final",
};

void
osim_results_keep_run_finals (OsimResults *r, gint64 runs)
{
  gint64 rows = (gint64) r->n_variants * r->n_policies * runs;
  if (runs <= 0 || rows > OSIM_MAX_RUN_FINAL_ROWS)
    return;
  r->runs = runs;
  r->run_final = g_new0 (double, (gsize) rows * OSIM_N_RUN_FINALS);
}

double *
osim_results_run_final (const OsimResults *r, int v, int p, gint64 run)
{
  gsize i = ((gsize) v * r->n_policies + p) * (gsize) r->runs + (gsize) run;
  return &r->run_final[i * OSIM_N_RUN_FINALS];
}

gboolean
osim_results_merge (OsimResults *r, const OsimResults *o)
{
  gsize vp = (gsize) r->n_variants * r->n_policies, steps = (gsize) r->steps + 1;
  gboolean ok = TRUE;
  for (gsize i = 0; i < vp * steps * OSIM_N_METRICS && ok; i++)
    ok = osim_acc_merge (&r->step[i], &o->step[i]);
  for (gsize i = 0; i < vp * steps * r->n_levels * OSIM_N_LEVEL_METRICS && ok; i++)
    ok = osim_acc_merge (&r->level[i], &o->level[i]);
  for (gsize i = 0; i < vp * OSIM_N_FINALS && ok; i++)
    ok = osim_acc_merge (&r->final[i], &o->final[i]);
  return ok;
}

gsize
osim_results_text_max (const OsimResults *r)
{
  gsize vp = (gsize) r->n_variants * r->n_policies, steps = (gsize) r->steps + 1;
  gsize lines = vp * (steps * (OSIM_N_METRICS + r->n_levels * OSIM_N_LEVEL_METRICS)
                      + OSIM_N_FINALS);
  /* "n sum sumsq\n": at most 19 + 1 + 40 + 1 + 40 + 1 bytes. */
  return 128 + lines * 102;
}

/* The three arrays of sums, in the order of the text form. */
typedef struct
{
  OsimAcc *a;
  gsize n;
} Part;

static void
parts_of (const OsimResults *r, Part parts[3])
{
  gsize vp = (gsize) r->n_variants * r->n_policies, steps = (gsize) r->steps + 1;
  parts[0] = (Part){ r->step, vp * steps * OSIM_N_METRICS };
  parts[1] = (Part){ r->level, vp * steps * r->n_levels * OSIM_N_LEVEL_METRICS };
  parts[2] = (Part){ r->final, vp * OSIM_N_FINALS };
}

static char *
text_header (const OsimResults *r)
{
  return g_strdup_printf ("orgsim-accumulators 1 %d %d %d %d", r->n_variants, r->n_policies,
                          r->steps, r->n_levels);
}

char *
osim_results_to_text (const OsimResults *r)
{
  g_autofree char *header = text_header (r);
  GString *s = g_string_new (header);
  g_string_append_c (s, '\n');
  Part parts[3];
  parts_of (r, parts);
  for (int k = 0; k < 3; k++)
    for (gsize i = 0; i < parts[k].n; i++)
      {
        g_autofree char *t = osim_acc_to_string (&parts[k].a[i]);
        g_string_append (s, t);
        g_string_append_c (s, '\n');
      }
  return g_string_free (s, FALSE);
}

gboolean
osim_results_from_text (OsimResults *r, const char *name, char *text, GError **error)
{
  char *save = NULL;
  char *line = strtok_r (text, "\n", &save);
  g_autofree char *expect = text_header (r);
  if (line == NULL || strcmp (line, expect) != 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS,
                   "%s: does not match its scenario.ini", name);
      return FALSE;
    }
  Part parts[3];
  parts_of (r, parts);
  gsize lineno = 1;
  for (int k = 0; k < 3; k++)
    for (gsize i = 0; i < parts[k].n; i++)
      {
        line = strtok_r (NULL, "\n", &save);
        lineno++;
        if (line == NULL || !osim_acc_from_string (line, &parts[k].a[i])
            || !osim_acc_plausible (&parts[k].a[i]))
          {
            g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS,
                         "%s:%" G_GSIZE_FORMAT ": damaged accumulator line", name, lineno);
            return FALSE;
          }
      }
  if (strtok_r (NULL, "\n", &save) != NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SHARDS, "%s: trailing data", name);
      return FALSE;
    }
  return TRUE;
}

/* animate.c: the org chart coming to life: the first run re-simulated year by year, drawn
 * as an animated GIF by plots/animate.gp. */
#include "orgsim/animate.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "orgsim/common.h"
#include "orgsim/org.h"
#include "orgsim/outdir.h"
#include "orgsim/plot.h"
#include "orgsim/report.h"
#include "orgsim/sim.h"

int
osim_animate_years (int steps, int **years)
{
  g_return_val_if_fail (steps >= 0 && years != NULL, 0);
  int want = OSIM_ANIMATE_MAX_FRAMES;
  int k = MAX ((steps + want - 2) / (want - 1), 1);
  GArray *a = g_array_new (FALSE, FALSE, sizeof (int));
  for (int t = 0; t < steps; t += k)
    g_array_append_val (a, t);
  g_array_append_val (a, steps);
  int n = (int)a->len;
  *years = (int *)g_array_free (a, FALSE);
  return n;
}

/* The levels drawn: the top ones whose positions add up to at most the limit, none wider
 * than a panel can show apart (one level at least). */
static int
levels_shown (const OsimShape *s, gint64 *shown)
{
  int n = 0;
  gint64 cum = 0;
  while (n < s->n_levels && cum + s->level_size[n] <= OSIM_ANIMATE_MAX_POSITIONS
         && s->level_size[n] <= OSIM_ANIMATE_MAX_WIDTH)
    cum += s->level_size[n++];
  if (n == 0)
    cum = s->level_size[n++];
  *shown = cum;
  return n;
}

static void
put_num (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_c (s, ',');
  if (isnan (v))
    return;
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

/* The rows of one frame: the positions of the levels shown. */
static void
frame_rows (GString *s, int frame, int year, const char *policy, double eff, const OsimOrg *org,
            const double *layout, gint64 shown)
{
  const OsimShape *sh = org->shape;
  for (gint64 i = 0; i < shown; i++)
    {
      const OsimPerson *q = &org->people[i];
      gint32 par = sh->parent[i];
      g_string_append_printf (s, "%d,%d,%s", frame, year, policy);
      put_num (s, eff);
      g_string_append_printf (s, ",%" G_GINT64_FORMAT ",%d", i, sh->level[i]);
      put_num (s, layout[i]);
      put_num (s, sh->level[i]);
      put_num (s, par >= 0 ? layout[par] : NAN);
      put_num (s, par >= 0 ? sh->level[par] : NAN);
      put_num (s, q->C);
      put_num (s, q->T);
      put_num (s, q->P);
      g_string_append_printf (s, ",%d,%d,%d,%d\n", sh->child_count[i] > 0, q->T > q->P, q->willing,
                              q->leader);
    }
}

static const char snapshot_header[]
    = "frame,year,policy,efficiency,position,level,x,y,parent_x,parent_y,competence,technical,"
      "people,manager,technician,willing,leader\n";

/* The efficiency of @org as the simulator measures it (orgsim(1)), summed in the same
 * order: each level from its last position back, the levels combined top first. */
static double
org_efficiency (const OsimOrg *org)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  double ce[OSIM_MAX_LEVELS] = { 0 };
  for (int k = s->n_levels - 1; k >= 0; k--)
    for (gint64 i = s->level_start[k + 1] - 1; i >= s->level_start[k]; i--)
      ce[k] += p->effort_enabled ? org->people[i].C * osim_person_effort (p, &org->people[i])
                                 : org->people[i].C;
  double weighted = 0, norm = 0;
  for (int k = 0; k < s->n_levels; k++)
    {
      weighted += p->responsibility[k] * ce[k];
      norm += p->responsibility[k] * (double)s->level_size[k];
    }
  return 100.0 * weighted / (10.0 * norm);
}

/* Run 0 of @p under @policy, year by year: the run's start (osim_sim_run for no years),
 * then osim_sim_year, the same steps with the same random numbers as the full run (each
 * run's numbers depend on the seed and the run alone); a frame at each of @years. */
static void
policy_frames (GString *s, const OsimParams *p, const OsimShape *shape, const double *layout,
               OsimPolicy policy, const int *years, int n, gint64 shown)
{
  OsimParams start = *p;
  start.steps = 0;
  g_autoptr (OsimSeries) series = osim_series_new (0, shape->n_levels);
  OsimOrg *org = NULL;
  osim_sim_run (&start, shape, policy, 0, series, &org, NULL);
  /* The org keeps a pointer to its parameters: the full run's from here on. */
  org->params = p;
  double counts[OSIM_N_METRICS] = { 0 };
  for (int f = 0, t = 0; f < n; f++)
    {
      for (; t < years[f]; t++)
        osim_sim_year (org, policy, counts);
      double eff = years[f] == 0 ? series->m[OSIM_M_EFFICIENCY] : org_efficiency (org);
      frame_rows (s, f, years[f], osim_policy_name (policy), eff, org, layout, shown);
    }
  osim_org_free (org);
}

/* Writes the snapshot of the two policies; *@note says which levels are shown. */
static gboolean
write_snapshot (const char *results_dir, const char *path, const char *const pols[2], char **note,
                GError **error)
{
  g_autofree char *ini = g_build_filename (results_dir, "scenario.ini", NULL);
  g_autoptr (OsimScenario) sc = osim_scenario_load (ini, NULL, error);
  if (sc == NULL)
    return FALSE;
  const OsimParams *p = osim_scenario_variant (sc, 0);
  g_autoptr (OsimShape) shape = osim_shape_new (osim_scenario_params (sc));
  g_autofree double *layout = osim_shape_layout (shape);
  g_autofree int *years = NULL;
  int n = osim_animate_years (p->steps, &years);
  gint64 shown = 0;
  int nlev = levels_shown (shape, &shown);
  g_autoptr (GString) s = g_string_new (snapshot_header);
  for (int k = 0; k < 2 && pols[k] != NULL; k++)
    {
      OsimPolicy id;
      if (!osim_policy_from_name (pols[k], &id))
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                       "%s/final.csv: unknown policy '%s'; run orgsim run again", results_dir,
                       pols[k]);
          return FALSE;
        }
      policy_frames (s, p, shape, layout, id, years, n, shown);
    }
  *note = nlev < shape->n_levels
              ? g_strdup_printf ("Top %d levels of %d shown (%" G_GINT64_FORMAT
                                 " of %" G_GINT64_FORMAT " positions)",
                                 nlev, shape->n_levels, shown, shape->n_positions)
              : g_strdup_printf ("All %" G_GINT64_FORMAT " positions", shown);
  if (osim_scenario_n_variants (sc) > 1)
    {
      g_autofree char *v = *note;
      *note = g_strdup_printf ("%s; first variant: %s", v, osim_scenario_variant_name (sc, 0));
    }
  g_autoptr (GError) local = NULL;
  if (!g_file_set_contents (path, s->str, (gssize)s->len, &local))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot write: %s", path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* Runs gnuplot on plots/animate.gp with @argv_tail after the script; fails when gnuplot
 * cannot start, fails, or writes anything on stderr. */
static gboolean
run_animate_gp (const char *const *args, GError **error)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (gnuplot == NULL)
    {
      g_set_error_literal (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT,
                           "gnuplot not found: install gnuplot-nox (make deps)");
      return FALSE;
    }
  g_autofree char *scripts = osim_plot_scripts_dir (error);
  if (scripts == NULL)
    return FALSE;
  g_autofree char *script = g_build_filename (scripts, "animate.gp", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, gnuplot);
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, script);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr (GError) local = NULL;
  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err, &status, &local))
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT, "orgchart.gif: cannot run %s: %s",
                   gnuplot, local->message);
      return FALSE;
    }
  /* gnuplot's gif terminal reports the frame count on stderr: that is no warning. */
  g_autoptr (GRegex) count
      = g_regex_new ("^[0-9]+ frames in animation sequence\\n?", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *rest = g_regex_replace_literal (count, err, -1, 0, "", 0, NULL);
  g_strstrip (rest);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || *rest != '\0')
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_GNUPLOT,
                   "orgchart.gif: gnuplot %s: %.2000s",
                   WIFEXITED (status) && WEXITSTATUS (status) == 0 ? "warned" : "failed",
                   *rest != '\0' ? rest : "no message");
      return FALSE;
    }
  return TRUE;
}

static char *
scenario_title (const char *results_dir)
{
  g_autofree char *ini = g_build_filename (results_dir, "scenario.ini", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, NULL);
  g_autofree char *desc = g_key_file_get_string (kf, "scenario", "description", NULL);
  g_autofree char *name = g_key_file_get_string (kf, "scenario", "name", NULL);
  if (desc != NULL && *g_strstrip (desc) != '\0')
    return g_steal_pointer (&desc);
  return g_strdup_printf ("Scenario %s", name != NULL ? name : "unnamed");
}

gboolean
osim_animate_dir (const char *results_dir, char **written, GError **error)
{
  g_return_val_if_fail (results_dir != NULL && written != NULL, FALSE);
  g_autofree char *base = NULL, *base_label = NULL, *best = NULL, *best_label = NULL;
  if (!osim_report_best_alternative (results_dir, &base, &base_label, &best, &best_label, error))
    return FALSE;
  g_autofree char *charts = g_build_filename (results_dir, "charts", NULL);
  if (g_mkdir_with_parents (charts, 0755) != 0)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO, "%s: cannot create: %s", charts,
                   g_strerror (errno));
      return FALSE;
    }
  g_autofree char *snap = g_build_filename (charts, "orgchart-years.csv", NULL);
  g_autofree char *gif = g_build_filename (charts, "orgchart.gif", NULL);
  g_autofree char *tmp = g_build_filename (charts, ".orgchart.gif.part", NULL);
  g_autofree char *still = g_build_filename (charts, "orgchart-last.png", NULL);
  g_autofree char *still_tmp = g_build_filename (charts, ".orgchart-last.png.part", NULL);
  g_autofree char *note = NULL;
  const char *pols[2] = { base, best };
  if (!write_snapshot (results_dir, snap, pols, &note, error))
    return FALSE;
  g_autofree char *title = scenario_title (results_dir);
  const char *args[] = { snap,
                         tmp,
                         title,
                         base,
                         base_label,
                         best != NULL ? best : "",
                         best_label != NULL ? best_label : "",
                         note,
                         still_tmp,
                         NULL };
  gboolean ok = run_animate_gp (args, error) && osim_install_file (tmp, gif, error)
                && osim_install_file (still_tmp, still, error);
  g_unlink (tmp);
  g_unlink (still_tmp);
  if (ok)
    *written = g_strdup_printf ("%s\n%s", gif, still);
  return ok;
}

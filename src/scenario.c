/* scenario.c: loading, validating and resolving scenario files. */
#include "orgsim/scenario-private.h"
#include "orgsim/common.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void
osim_sweep_dim_free (gpointer data)
{
  OsimSweepDim *d = data;
  g_free (d->key);
  g_strfreev (d->values);
  g_free (d);
}

void
osim_scenario_free (OsimScenario *sc)
{
  if (sc == NULL)
    return;
  for (int i = 0; i < osim_n_keys; i++)
    if (osim_keys[i].type == K_STRING)
      g_free (*(char **) ((char *) &sc->base + osim_keys[i].offset));
  osim_org_chart_free (sc->chart);
  g_strfreev (sc->level_name);
  if (sc->notes)
    g_ptr_array_unref (sc->notes);
  g_free (sc->path);
  g_free (sc->origin);
  if (sc->sweep)
    g_ptr_array_unref (sc->sweep);
  g_free (sc->variants);
  g_strfreev (sc->variant_names);
  g_free (sc->coords);
  if (sc->strings)
    g_ptr_array_unref (sc->strings);
  g_free (sc);
}

const OsimParams *
osim_scenario_params (const OsimScenario *sc)
{
  return &sc->base;
}

const char *
osim_scenario_path (const OsimScenario *sc)
{
  return sc->path;
}

int
osim_scenario_n_variants (const OsimScenario *sc)
{
  return sc->n_variants;
}

const OsimParams *
osim_scenario_variant (const OsimScenario *sc, int i)
{
  g_return_val_if_fail (i >= 0 && i < sc->n_variants, NULL);
  return &sc->variants[i];
}

const char *
osim_scenario_variant_name (const OsimScenario *sc, int i)
{
  g_return_val_if_fail (i >= 0 && i < sc->n_variants, NULL);
  return sc->variant_names[i];
}

int
osim_scenario_n_sweep (const OsimScenario *sc)
{
  return (int)sc->sweep->len;
}

const OsimSweepDim *
osim_scenario_sweep_dim (const OsimScenario *sc, int i)
{
  return sc->sweep->pdata[i];
}

int
osim_scenario_variant_coord (const OsimScenario *sc, int v, int d)
{
  return sc->coords[v * (int)sc->sweep->len + d];
}

char *
osim_scenario_to_ini (const OsimScenario *sc)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  const OsimParams *p = &sc->base;
  for (int i = 0; i < osim_n_keys; i++)
    {
      const KeyDesc *kd = &osim_keys[i];
      /* Write the topology the org was given with, and only that. */
      gboolean chart = p->org_chart != NULL;
      if ((kd->type == K_LEVELS && (p->use_spans || chart))
          || (kd->type == K_SPANS && (!p->use_spans || chart)))
        continue;
      /* The resolved scenario holds every key: it extends nothing. */
      if (kd->offset == G_STRUCT_OFFSET (OsimParams, extends))
        continue;
      g_autofree char *v = osim_key_format (p, kd);
      /* The chart as read, so that the folder's scenario.ini loads from anywhere. */
      if (chart && kd->offset == G_STRUCT_OFFSET (OsimParams, chart))
        {
          g_free (v);
          v = g_canonicalize_filename (p->org_chart->path, NULL);
        }
      g_key_file_set_string (kf, kd->section, kd->key, v);
    }
  for (guint d = 0; d < sc->sweep->len; d++)
    {
      const OsimSweepDim *dim = sc->sweep->pdata[d];
      g_autofree char *v = g_strjoinv (";", dim->values);
      g_key_file_set_string (kf, "sweep", dim->key, v);
    }
  g_key_file_set_comment (kf, NULL, NULL, " The resolved scenario: every key with the value used.",
                          NULL);
  return g_key_file_to_data (kf, NULL, NULL);
}

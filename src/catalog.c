/* catalog.c: the installed scenarios (orgsim run NAME, orgsim scenarios). */
#include "orgsim/catalog.h"
#include "orgsim/common.h"

#include <string.h>

#ifndef OSIM_DATADIR
#define OSIM_DATADIR "/usr/local/share/orgsim"
#endif

char *
osim_catalog_dir (void)
{
  const char *env = g_getenv ("ORGSIM_SCENARIOS");
  if (env != NULL && *env != '\0')
    return g_file_test (env, G_FILE_TEST_IS_DIR) ? g_strdup (env) : NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *bindir = g_path_get_dirname (exe);
      g_autofree char *beside = g_build_filename (bindir, "scenarios", NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&beside);
    }
  g_autofree char *installed = g_build_filename (OSIM_DATADIR, "scenarios", NULL);
  return g_file_test (installed, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&installed) : NULL;
}

char *
osim_catalog_resolve (const char *arg)
{
  if (g_file_test (arg, G_FILE_TEST_EXISTS) || strchr (arg, '/') || *arg == '\0'
      || *arg == '.')
    return g_strdup (arg);
  g_autofree char *dir = osim_catalog_dir ();
  if (dir == NULL)
    return g_strdup (arg);
  g_autofree char *exact = g_build_filename (dir, arg, NULL);
  if (g_str_has_suffix (arg, ".ini") && g_file_test (exact, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&exact);
  g_autofree char *name = g_strconcat (arg, ".ini", NULL);
  g_autofree char *with_ini = g_build_filename (dir, name, NULL);
  if (!g_str_has_suffix (arg, ".ini") && g_file_test (with_ini, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&with_ini);
  return g_strdup (arg);
}

GStrv
osim_catalog_names (void)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *dir = osim_catalog_dir ();
  g_autoptr (GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *n;
  while (d && (n = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (n, ".ini") && n[0] != '.')
      g_ptr_array_add (names, g_strndup (n, strlen (n) - 4));
  g_ptr_array_sort (names, osim_compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
osim_catalog_list (FILE *out, GError **error)
{
  g_autofree char *dir = osim_catalog_dir ();
  if (dir == NULL)
    {
      g_set_error (error, OSIM_RUN_ERROR, OSIM_RUN_ERROR_IO,
                   "no installed scenarios found (looked beside orgsim and in %s/scenarios; "
                   "set ORGSIM_SCENARIOS to a folder of scenarios)",
                   OSIM_DATADIR);
      return FALSE;
    }
  g_auto (GStrv) names = osim_catalog_names ();
  fprintf (out, "Installed scenarios (%s); run one with: orgsim run NAME\n", dir);
  for (int i = 0; names[i]; i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".ini", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr (GKeyFile) kf = g_key_file_new ();
      g_autofree char *desc = NULL;
      if (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
        desc = g_key_file_get_string (kf, "scenario", "description", NULL);
      fprintf (out, "  %-20s %s\n", names[i], desc ? desc : "");
    }
  return TRUE;
}

int
osim_edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  if (la > 64 || lb > 64)
    return 99;
  int row[65];
  for (gsize j = 0; j <= lb; j++)
    row[j] = (int) j;
  for (gsize i = 1; i <= la; i++)
    {
      int diag = row[0];
      row[0] = (int) i;
      for (gsize j = 1; j <= lb; j++)
        {
          int up = row[j];
          int best = MIN (row[j] + 1, row[j - 1] + 1);
          row[j] = MIN (best, diag + (a[i - 1] != b[j - 1]));
          diag = up;
        }
    }
  return row[lb];
}

char *
osim_catalog_hint (const char *arg)
{
  if (g_file_test (arg, G_FILE_TEST_EXISTS) || strchr (arg, '/'))
    return NULL;
  g_auto (GStrv) names = osim_catalog_names ();
  g_autofree char *base = g_str_has_suffix (arg, ".ini") ? g_strndup (arg, strlen (arg) - 4)
                                                          : g_strdup (arg);
  const char *near = NULL;
  int best = 3;
  for (int i = 0; names[i]; i++)
    {
      int d = osim_edit_distance (base, names[i]);
      if (d < best)
        best = d, near = names[i];
    }
  if (near)
    return g_strdup_printf (" (did you mean the installed scenario '%s'? orgsim scenarios lists "
                            "them)",
                            near);
  return names[0] ? g_strdup (" (orgsim scenarios lists the installed scenarios)") : NULL;
}

/* driver.c: runs files through LLVMFuzzerTestOneInput without a fuzzer, so the
 * corpus is a regression test in `make check` (after GLib's fuzzing/driver.c). */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
run_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "fuzz-driver: %s\n", error->message);
      return 1;
    }
  /* An exact-size copy, as libFuzzer hands over, so a sanitizer build sees
   * any read past the end. */
  g_autofree guint8 *copy = g_memdup2 (data, len);
  LLVMFuzzerTestOneInput (copy, len);
  return 0;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static int
run_path (const char *path, int *count)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      (*count)++;
      return run_file (path);
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "fuzz-driver: %s\n", error->message);
      return 1;
    }
  /* Name order, so a failure is reproducible. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  int fails = 0;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      fails += run_path (child, count);
    }
  return fails;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: fuzz-driver FILE|DIR...\n");
      return 2;
    }
  int count = 0, fails = 0;
  for (int i = 1; i < argc; i++)
    fails += run_path (argv[i], &count);
  printf ("fuzz-driver: %d inputs%s\n", count, fails ? ", some unreadable" : "");
  return fails ? 1 : 0;
}

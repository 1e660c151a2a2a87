/* scenario-read.c: reading a scenario file: the pre-scan that finds syntax
 * errors with their lines, then GKeyFile. */
#include "orgsim/common.h"
#include "orgsim/scenario-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static gboolean
valid_name (const char *s, gboolean dotted)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!(g_ascii_isalnum (*s) || *s == '_' || *s == '-' || (dotted && *s == '.')))
      return FALSE;
  return TRUE;
}

/* @s (valid UTF-8) cut to @max characters for a message, never inside a
 * character. */
static char *
excerpt (const char *s, glong max)
{
  GString *out = g_string_new (NULL);
  glong n = 0;
  for (const char *c = s; *c && n < max; c = g_utf8_next_char (c), n++)
    {
      gunichar u = g_utf8_get_char (c);
      /* A control character (a stray CR) would garble the message line. */
      if (osim_is_control_char (u))
        g_string_append_printf (out, "\\x%02X", u < 0x100 ? u : 0x3F);
      else
        g_string_append_unichar (out, u);
    }
  if (g_utf8_strlen (s, -1) > max)
    g_string_append (out, "...");
  return g_string_free (out, FALSE);
}

/* UTF-16 (a byte-order mark, or NULs between ASCII letters) and old Mac
 * line endings (CR without LF) are named as such, not as binary data or one
 * long malformed line. */
static gboolean
text_encoding_ok (const char *path, const char *data, gsize len, GError **error)
{
  const guchar *u = (const guchar *) data;
  gboolean bom = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
  gboolean ascii16
      = len >= 4 && ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3]));
  if (bom || ascii16)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:1: UTF-16 text: scenario files are UTF-8; convert it (iconv -f UTF-16 "
                   "-t UTF-8)", path);
      return FALSE;
    }
  if (memchr (data, '\r', len) && !memchr (data, '\n', len))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:1: lines end in CR only (old Mac line endings); save it with LF or "
                   "CRLF line endings", path);
      return FALSE;
    }
  return TRUE;
}

/* The pre-scan's state as it walks the file. */
typedef struct
{
  OsimScenario *sc;
  const char *path; /* the file scanned, for messages */
  GHashTable *seen; /* "[section]" and "section/key" -> first line */
  char *section;    /* the current section, or NULL before the first */
  GArray *entries;
  GString *clean;
  int line;
} Scan;

static gboolean
refuse_binary (const char *path, const char *data, gsize len, GError **error)
{
  if (!text_encoding_ok (path, data, len, error))
    return FALSE;
  const char *nul = memchr (data, '\0', len);
  if (nul == NULL)
    return TRUE;
  int line = 1;
  for (const char *c = data; c < nul; c++)
    line += *c == '\n';
  g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
               "%s:%d: binary data (a NUL byte): not a scenario file", path, line);
  return FALSE;
}

/* A "[name]" line. */
static gboolean
scan_section (Scan *s, const char *text, GError **error)
{
  const char *path = s->path;
  gsize tl = strlen (text);
  g_autofree char *name = tl >= 2 && text[tl - 1] == ']' ? g_strndup (text + 1, tl - 2) : NULL;
  if (name)
    g_strstrip (name);
  if (name == NULL || !valid_name (name, FALSE))
    {
      g_autofree char *ex = excerpt (text, 40);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: malformed section header '%s'; expected [name]", path, s->line, ex);
      return FALSE;
    }
  int si = -1;
  for (int i = 0; osim_section_names[i]; i++)
    if (strcmp (name, osim_section_names[i]) == 0)
      si = i;
  if (si < 0)
    {
      g_autofree char *dym = osim_did_you_mean (name, osim_section_names, OSIM_N_SECTIONS);
      g_autofree char *ex = excerpt (name, 40);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "%s:%d: unknown section [%s]%s; sections are [scenario], [org], "
                   "[people], [promotion], [effort], [training], [history], [labels], [sweep] "
                   "and [robust]",
                   path, s->line, ex, dym);
      return FALSE;
    }
  g_autofree char *tag = g_strdup_printf ("[%s]", name);
  gpointer prev = g_hash_table_lookup (s->seen, tag);
  if (prev)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: section [%s] appears twice (first on line %d)", path, s->line, name,
                   GPOINTER_TO_INT (prev));
      return FALSE;
    }
  g_hash_table_insert (s->seen, g_steal_pointer (&tag), GINT_TO_POINTER (s->line));
  s->sc->section_origin[si].line = s->line;
  g_string_append_printf (s->clean, "[%s]", name);
  g_free (s->section);
  s->section = g_steal_pointer (&name);
  return TRUE;
}

/* GKeyFile mishandles some bad escapes (keeping them, or setting an error
 * twice): only the ones it documents get through. */
static gboolean
check_escapes (const Scan *s, const char *key_ex, const char *value, GError **error)
{
  for (const char *c = value; *c; c++)
    if (*c == '\\')
      {
        if (c[1] != '\0' && strchr ("sntr\\", c[1]) != NULL)
          {
            c++;
            continue;
          }
        g_autofree char *esc = c[1] ? g_strndup (c, g_utf8_next_char (c + 1) - c) : g_strdup ("\\");
        g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                     "%s:%d: %s: '%s' is not an escape; the escapes are \\s \\n \\t "
                     "\\r and \\\\ (a backslash)",
                     s->path, s->line, key_ex, esc);
        return FALSE;
      }
  return TRUE;
}

/* A "key = value" line. */
static gboolean
scan_key (Scan *s, const char *text, GError **error)
{
  const char *path = s->path;
  const char *eq = strchr (text, '=');
  if (eq == NULL)
    {
      g_autofree char *ex = excerpt (text, 40);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: expected 'key = value' or '[section]', got '%s'", path, s->line, ex);
      return FALSE;
    }
  g_autofree char *key = g_strstrip (g_strndup (text, eq - text));
  g_autofree char *key_ex = excerpt (key, 40);
  if (s->section == NULL)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: key '%s' comes before any [section]", path, s->line, key_ex);
      return FALSE;
    }
  /* [robust] keys are dotted like [sweep]'s; orgsim robust reads them. */
  gboolean in_sweep = strcmp (s->section, "sweep") == 0 || strcmp (s->section, "robust") == 0;
  if (!valid_name (key, in_sweep))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: '%s' is not a key name (letters, digits, _ and -%s)", path, s->line,
                   key_ex, in_sweep ? ", section.key in [sweep]" : "");
      return FALSE;
    }
  g_autofree char *tag = g_strdup_printf ("%s/%s", s->section, key);
  gpointer prev = g_hash_table_lookup (s->seen, tag);
  if (prev)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: %s is given twice in [%s] (first on line %d)", path, s->line, key,
                   s->section, GPOINTER_TO_INT (prev));
      return FALSE;
    }
  if (!check_escapes (s, key_ex, eq + 1, error))
    return FALSE;
  g_hash_table_insert (s->seen, g_steal_pointer (&tag), GINT_TO_POINTER (s->line));
  g_string_append_printf (s->clean, "%s=%s", key, eq + 1);
  Entry e = { s->line, g_strdup (s->section), g_steal_pointer (&key) };
  g_array_append_val (s->entries, e);
  return TRUE;
}

/* One raw line of @n bytes. */
static gboolean
scan_line (Scan *s, const char *p, gsize n, GError **error)
{
  if (n > OSIM_MAX_LINE)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: line is %" G_GSIZE_FORMAT " bytes long; the limit is %d", s->path,
                   s->line, n, OSIM_MAX_LINE);
      return FALSE;
    }
  if (!g_utf8_validate (p, n, NULL))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s:%d: invalid UTF-8: scenario files are UTF-8 text", s->path, s->line);
      return FALSE;
    }
  g_autofree char *text = g_strstrip (g_strndup (p, n));
  if (s->line > 1)
    g_string_append_c (s->clean, '\n');
  if (text[0] == '\0' || text[0] == '#' || text[0] == ';')
    return TRUE;
  if (text[0] == '[')
    return scan_section (s, text, error);
  return scan_key (s, text, error);
}

/* GKeyFile reports no line numbers, so the file is scanned here first: this
 * finds every syntax error with its line, and records where each section and
 * key stands for the checks that come later.  It also writes @clean, the
 * text GKeyFile reads: the same lines, trimmed, with comments (# or ;) and a
 * leading byte-order mark blanked, so that the two parsers cannot disagree. */
gboolean
osim_scenario_prescan (OsimScenario *sc, const char *path, const char *data, gsize len,
                       GArray *entries, GString *clean, GError **error)
{
  if (!refuse_binary (path, data, len, error))
    return FALSE;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Scan s = { sc, path, seen, NULL, entries, clean, 0 };
  const char *p = data, *end = data + len;
  /* Editors on Windows may start UTF-8 files with a byte-order mark. */
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  gboolean ok = TRUE;
  while (ok && p < end)
    {
      s.line++;
      const char *eol = memchr (p, '\n', end - p);
      if (eol == NULL)
        eol = end;
      ok = scan_line (&s, p, eol - p, error);
      p = eol + 1;
    }
  g_free (s.section);
  if (!ok)
    return FALSE;
  if (g_hash_table_size (seen) == 0)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX,
                   "%s: no [section] in the file: a scenario has sections such as [scenario] "
                   "and [org] (see scenarios/ for examples)",
                   path);
      return FALSE;
    }
  return TRUE;
}

void
osim_scenario_entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->section);
  g_free (e->key);
}

#define OSIM_MAX_FILE (16 * 1024 * 1024)

/* Whether [org] @key was given by an extended file. */
static gboolean
inherited (const OsimScenario *sc, const char *key)
{
  return sc->origin[osim_key_index (osim_key_find ("org", key))].file != NULL;
}

/* Applies one entry of @file; @o says where it stands. */
static gboolean
apply_entry (OsimScenario *sc, const char *file, const Entry *e, const char *raw, Origin o,
             GError **error)
{
  if (strcmp (e->section, "robust") == 0)
    return TRUE; /* orgsim robust's settings (robust.c); run ignores them */
  if (strcmp (e->section, "sweep") == 0)
    return osim_scenario_add_sweep (sc, e->key, raw, o, error);
  const KeyDesc *kd = osim_key_find (e->section, e->key);
  if (kd == NULL)
    {
      g_autofree char *dym = osim_key_suggest (e->section, e->key);
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_UNKNOWN,
                   "%s:%d: unknown key '%s' in [%s]%s", file, e->line, e->key, e->section, dym);
      return FALSE;
    }
  sc->origin[osim_key_index (kd)] = o;
  if (!osim_key_set (&sc->base, &sc->given, kd, raw, error))
    {
      osim_scenario_prefix_origin (error, sc, o);
      return FALSE;
    }
  /* A file replaces the org shape it extends rather than clashing with it;
   * within one file, two shapes are still an error. */
  gboolean levels_inherited = inherited (sc, "levels"), spans_inherited = inherited (sc, "spans");
  gboolean chart = kd->offset == G_STRUCT_OFFSET (OsimParams, chart);
  if ((kd->type == K_LEVELS || chart) && spans_inherited)
    sc->given.has_spans = FALSE;
  if ((kd->type == K_SPANS || chart) && levels_inherited)
    sc->given.has_levels = FALSE;
  if ((kd->type == K_LEVELS || kd->type == K_SPANS) && inherited (sc, "chart"))
    {
      g_free (sc->base.chart);
      sc->base.chart = g_strdup ("");
    }
  return TRUE;
}

static gboolean read_file (const char *path, GByteArray **out, GError **error);
static gboolean apply_file (OsimScenario *sc, const char *file, const char *data, gsize len,
                            GPtrArray *chain, GError **error);

/* Where "extends = NAME" finds NAME: beside @file, then in the scenarios
 * beside the executable (a build tree), then in the installed ones. */
static char *
find_extended (const char *file, const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  char *beside = g_build_filename (dir, name, NULL);
  if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
    return beside;
  g_free (beside);
  char *built = exe_dir ? g_build_filename (exe_dir, "scenarios", name, NULL) : NULL;
  if (built && g_file_test (built, G_FILE_TEST_IS_REGULAR))
    return built;
  g_free (built);
  return g_build_filename (OSIM_DATADIR, "scenarios", name, NULL);
}

/* [scenario] extends: the other file's keys first, recursively; @chain holds
 * the files on the way here, to name a cycle. */
static gboolean
apply_extends (OsimScenario *sc, const char *file, const char *name, int line, GPtrArray *chain,
               GError **error)
{
  g_autofree char *path = find_extended (file, name);
  g_autofree char *canon = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < chain->len; i++)
    if (strcmp (chain->pdata[i], canon) == 0)
      {
        g_autoptr (GString) names = g_string_new (NULL);
        for (guint j = i; j < chain->len; j++)
          {
            g_autofree char *base = g_path_get_basename (chain->pdata[j]);
            g_string_append_printf (names, "%s -> ", base);
          }
        g_autofree char *base = g_path_get_basename (canon);
        g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                     "%s:%d: extends makes a cycle: %s%s; break it", file, line, names->str,
                     base);
        return FALSE;
      }
  if (chain->len >= 16)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "%s:%d: extends chains more than 16 files", file, line);
      return FALSE;
    }
  g_autoptr (GByteArray) buf = NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s:%d: extends: no scenario '%s' beside this file or among the installed "
                   "scenarios", file, line, name);
      return FALSE;
    }
  if (!read_file (path, &buf, error))
    return FALSE;
  /* Messages and check name the file: keep its path as long as the scenario. */
  g_ptr_array_add (sc->strings, g_steal_pointer (&path));
  const char *kept = g_ptr_array_index (sc->strings, sc->strings->len - 1);
  return apply_file (sc, kept, buf->len ? (const char *) buf->data : "", buf->len, chain, error);
}

static gboolean
apply_file (OsimScenario *sc, const char *file, const char *data, gsize len, GPtrArray *chain,
            GError **error)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (entries, osim_scenario_entry_clear);
  g_autoptr (GString) clean = g_string_sized_new (len + 1);
  if (!osim_scenario_prescan (sc, file, data, len, entries, clean, error))
    return FALSE;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) kf_error = NULL;
  if (!g_key_file_load_from_data (kf, clean->str, clean->len, G_KEY_FILE_NONE, &kf_error))
    {
      /* The pre-scan accepts only what GKeyFile reads: this is a bug. */
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX, "%s: %s", file,
                   kf_error->message);
      return FALSE;
    }
  g_ptr_array_add (chain, g_canonicalize_filename (file, NULL));
  gboolean ok = TRUE;
  /* extends first, wherever it stands, so the file's own keys win. */
  for (guint i = 0; i < entries->len && ok; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      if (strcmp (e->section, "scenario") != 0 || strcmp (e->key, "extends") != 0)
        continue;
      g_autofree char *raw = g_key_file_get_string (kf, e->section, e->key, NULL);
      ok = apply_extends (sc, file, g_strstrip (raw), e->line, chain, error);
      if (ok && file == sc->path)
        {
          const KeyDesc *kd = osim_key_find ("scenario", "extends");
          sc->origin[osim_key_index (kd)] = (Origin){ e->line, NULL, NULL };
          ok = osim_key_set (&sc->base, &sc->given, kd, raw, error);
        }
    }
  for (guint i = 0; i < entries->len && ok; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      if (strcmp (e->section, "scenario") == 0 && strcmp (e->key, "extends") == 0)
        continue;
      Origin o = { e->line, NULL, file == sc->path ? NULL : file };
      g_autoptr (GError) local = NULL;
      g_autofree char *raw = g_key_file_get_string (kf, e->section, e->key, &local);
      if (raw == NULL)
        {
          g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_SYNTAX, "%s:%d: %s: %s", file,
                       e->line, e->key, local->message);
          return FALSE;
        }
      ok = apply_entry (sc, file, e, g_strstrip (raw), o, error);
    }
  g_free (g_ptr_array_steal_index (chain, chain->len - 1));
  return ok;
}

/* A name inherited through extends would send results to the extended
 * scenario's folder: such a scenario is named after its own file instead. */
static void
name_after_file (OsimScenario *sc)
{
  const KeyDesc *kd = osim_key_find ("scenario", "name");
  if (sc->origin[osim_key_index (kd)].file == NULL)
    return;
  g_autofree char *base = g_path_get_basename (sc->path);
  if (g_str_has_suffix (base, ".ini"))
    base[strlen (base) - 4] = '\0';
  if (osim_key_set (&sc->base, &sc->given, kd, base, NULL))
    sc->origin[osim_key_index (kd)] = (Origin){ 0, "the scenario's file name", NULL };
}

OsimScenario *
osim_scenario_load_data (const char *path, const char *data, gsize len,
                         const char *const *overrides, GError **error)
{
  g_return_val_if_fail (path != NULL && data != NULL, NULL);
  g_autoptr (OsimScenario) sc = g_new0 (OsimScenario, 1);
  sc->path = g_strdup (path);
  sc->sweep = g_ptr_array_new_with_free_func (osim_sweep_dim_free);
  sc->strings = g_ptr_array_new_with_free_func (g_free);
  sc->notes = g_ptr_array_new_with_free_func (g_free);
  sc->origin = g_new0 (Origin, osim_n_keys);
  osim_params_set_defaults (&sc->base);
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);
  if (!apply_file (sc, sc->path, data, len, chain, error))
    return NULL;
  name_after_file (sc);
  for (int i = 0; overrides && overrides[i]; i++)
    if (!osim_scenario_apply_override (sc, overrides[i], error))
      return NULL;
  if (!osim_scenario_load_chart (sc, error))
    return NULL;
  osim_scenario_map_lists (sc);
  if (!osim_scenario_resolve (sc, &sc->base, NULL, error) || !osim_scenario_name_levels (sc, error))
    return NULL;
  if (!osim_scenario_build_variants (sc, error))
    return NULL;
  return g_steal_pointer (&sc);
}


/* Reads @path whole, with a size cap rather than by size: a pipe or
 * /dev/zero has none. */
static gboolean
read_file (const char *path, GByteArray **out, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: is a folder, not a scenario file", path);
      return FALSE;
    }
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int err = errno;
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: cannot read the scenario: %s", path, g_strerror (err));
      return FALSE;
    }
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  guint8 chunk[65536];
  gsize n;
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0 && buf->len <= OSIM_MAX_FILE)
    g_byte_array_append (buf, chunk, (guint) n);
  int read_error = ferror (f) ? errno : 0;
  fclose (f);
  if (read_error)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_USAGE,
                   "%s: cannot read the scenario: %s", path, g_strerror (read_error));
      return FALSE;
    }
  if (buf->len > OSIM_MAX_FILE)
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_LIMIT,
                   "%s: larger than 16 MiB: not a scenario file", path);
      return FALSE;
    }
  *out = g_steal_pointer (&buf);
  return TRUE;
}

OsimScenario *
osim_scenario_load (const char *path, const char *const *overrides, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr (GByteArray) buf = NULL;
  if (!read_file (path, &buf, error))
    return NULL;
  return osim_scenario_load_data (path, buf->len ? (const char *) buf->data : "", buf->len,
                                  overrides, error);
}

/* orgchart_import.c: reading an org chart from a CSV export into a tree. */
#include "orgsim/import.h"
#include "orgsim/common.h"
#include "orgsim/plotdata.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define FAIL(line, code, ...)                                                                 \
  do                                                                                          \
    {                                                                                         \
      g_autofree char *msg_ = g_strdup_printf (__VA_ARGS__);                                  \
      g_set_error (error, OSIM_INPUT_ERROR, (code), "%s:%d: %s", shown, (line), msg_);        \
      return FALSE;                                                                           \
    }                                                                                         \
  while (0)

/* ---- records ---- */

typedef struct
{
  int line;      /* where the record starts */
  char **fields; /* NULL-terminated */
  int n;
} Record;

static void
record_clear (gpointer data)
{
  Record *r = data;
  g_strfreev (r->fields);
}

/* The current record of @in, with the line it starts on. */
static Record
record_take (OsimCsv *in)
{
  return (Record){ (int)osim_csv_line (in), osim_csv_record_strv (in), osim_csv_n_fields (in) };
}

static gboolean
blank_record (const Record *r)
{
  for (int i = 0; i < r->n; i++)
    if (r->fields[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* ---- columns ---- */

enum
{
  COL_ID,
  COL_MANAGER,
  COL_NAME,
  COL_TITLE,
  COL_LEVEL,
  COL_TECHNICAL,
  COL_PEOPLE,
  COL_AGE,
  COL_TENURE,
  N_COLS
};
static const char *const col_names[N_COLS] = { "id",    "manager_id", "name",   "title", "level",
                                               "technical", "people", "age", "tenure" };

/* "Manager ID" -> "manager_id". */
static char *
normalize_header (const char *h)
{
  g_autofree char *t = g_strstrip (g_ascii_strdown (h, -1));
  GString *s = g_string_new (NULL);
  for (const char *c = t; *c; c++)
    {
      char ch = (*c == ' ' || *c == '-' || *c == '\t') ? '_' : *c;
      if (ch == '_' && s->len > 0 && s->str[s->len - 1] == '_')
        continue;
      g_string_append_c (s, ch);
    }
  return g_string_free (s, FALSE);
}

static gboolean
map_header (const Record *h, int *col, char **note, const char *shown, GError **error)
{
  for (int c = 0; c < N_COLS; c++)
    col[c] = -1;
  g_autoptr (GString) ignored = g_string_new (NULL);
  for (int i = 0; i < h->n; i++)
    {
      g_autofree char *name = normalize_header (h->fields[i]);
      int c = -1;
      for (int k = 0; k < N_COLS; k++)
        if (strcmp (name, col_names[k]) == 0)
          c = k;
      /* The names HR systems often export. */
      if (strcmp (name, "employee_id") == 0)
        c = COL_ID;
      else if (strcmp (name, "reports_to") == 0)
        c = COL_MANAGER;
      else if (strcmp (name, "full_name") == 0)
        c = COL_NAME;
      else if (strcmp (name, "job_title") == 0)
        c = COL_TITLE;
      if (c < 0)
        {
          g_string_append_printf (ignored, "%s'%s'", ignored->len ? ", " : "", h->fields[i]);
          continue;
        }
      if (col[c] >= 0)
        FAIL (h->line, OSIM_INPUT_ERROR_VALUE, "column %s appears twice (columns %d and %d)",
              col_names[c], col[c] + 1, i + 1);
      col[c] = i;
    }
  for (int c = COL_ID; c <= COL_MANAGER; c++)
    if (col[c] < 0)
      FAIL (h->line, OSIM_INPUT_ERROR_VALUE,
            "no %s column; the header must name id (or employee_id) and manager_id (or "
            "reports_to); optional: name, title, level, technical, people, age, tenure",
            col_names[c]);
  if (ignored->len)
    *note = g_strdup_printf ("%s: columns ignored: %s", shown, ignored->str);
  return TRUE;
}

/* ---- the tree ---- */

typedef struct
{
  const char *shown;
  GArray *rows; /* Record, data rows only */
  int col[N_COLS];
  GHashTable *index; /* id -> row + 1 */
  int *mgr;          /* row of each row's manager, -1 for the root */
  int root;
} Build;

static const char *
cell (const Build *b, int row, int c)
{
  const Record *r = &g_array_index (b->rows, Record, row);
  return b->col[c] >= 0 && b->col[c] < r->n ? r->fields[b->col[c]] : "";
}

static int
row_line (const Build *b, int row)
{
  return g_array_index (b->rows, Record, row).line;
}

static gboolean
index_ids (Build *b, GError **error)
{
  const char *shown = b->shown;
  for (guint i = 0; i < b->rows->len; i++)
    {
      const Record *r = &g_array_index (b->rows, Record, i);
      int header_n = b->col[COL_ID] > b->col[COL_MANAGER] ? b->col[COL_ID] : b->col[COL_MANAGER];
      if (r->n <= header_n)
        FAIL (r->line, OSIM_INPUT_ERROR_SYNTAX,
              "%d field%s, too few to reach the id and manager_id columns (the header has "
              "them in columns %d and %d)", r->n, r->n == 1 ? "" : "s", b->col[COL_ID] + 1,
              b->col[COL_MANAGER] + 1);
      const char *id = cell (b, (int) i, COL_ID);
      if (id[0] == '\0')
        FAIL (r->line, OSIM_INPUT_ERROR_VALUE, "empty id; every row needs one");
      gpointer prev = g_hash_table_lookup (b->index, id);
      if (prev)
        FAIL (r->line, OSIM_INPUT_ERROR_VALUE, "duplicate id '%s' (first on line %d)", id,
              row_line (b, GPOINTER_TO_INT (prev) - 1));
      g_hash_table_insert (b->index, (gpointer) id, GINT_TO_POINTER ((int) i + 1));
    }
  return TRUE;
}

/* Reports the cycle that row @start leads into, by its ids. */
static gboolean
fail_cycle (const Build *b, int start, GError **error)
{
  const char *shown = b->shown;
  int n = (int) b->rows->len;
  g_autofree int *seen = g_new0 (int, n);
  int r = start;
  while (!seen[r])
    seen[r] = 1, r = b->mgr[r];
  /* r is on the cycle: walk it once. */
  g_autoptr (GString) chain = g_string_new (cell (b, r, COL_ID));
  int first = r, len = 0;
  for (int q = b->mgr[r]; len < 20; q = b->mgr[q], len++)
    {
      g_string_append_printf (chain, " -> %s", cell (b, q, COL_ID));
      if (q == first)
        break;
    }
  if (len >= 20)
    g_string_append (chain, " -> ...");
  FAIL (row_line (b, first), OSIM_INPUT_ERROR_VALUE,
        "a cycle of managers: %s; someone in it must report outside it", chain->str);
}

static gboolean
link_managers (Build *b, GError **error)
{
  const char *shown = b->shown;
  int n = (int) b->rows->len;
  b->mgr = g_new (int, n);
  b->root = -1;
  for (int i = 0; i < n; i++)
    {
      const char *m = cell (b, i, COL_MANAGER);
      if (m[0] == '\0')
        {
          if (b->root >= 0)
            FAIL (row_line (b, i), OSIM_INPUT_ERROR_VALUE,
                  "two roots: '%s' and '%s' (line %d) both have an empty manager_id; an org "
                  "chart has one top: give one of them a manager", cell (b, i, COL_ID),
                  cell (b, b->root, COL_ID), row_line (b, b->root));
          b->root = i;
          b->mgr[i] = -1;
          continue;
        }
      gpointer r = g_hash_table_lookup (b->index, m);
      if (r == NULL)
        FAIL (row_line (b, i), OSIM_INPUT_ERROR_VALUE,
              "manager_id '%s' of '%s' is not the id of any row", m, cell (b, i, COL_ID));
      b->mgr[i] = GPOINTER_TO_INT (r) - 1;
    }
  if (b->root < 0)
    {
      /* Everyone has a manager, so following managers from row 0 loops. */
      g_autoptr (GError) cyc = NULL;
      fail_cycle (b, 0, &cyc);
      FAIL (row_line (b, 0), OSIM_INPUT_ERROR_VALUE,
            "no root: every row has a manager_id, but the top's must be empty (%s)",
            strstr (cyc->message, "a cycle"));
    }
  return TRUE;
}

/* Numbers the rows breadth-first from the root (children in file order) into
 * @order; fails on a cycle or a tree deeper than the level limit. */
static gboolean
order_tree (Build *b, OsimOrgChart *c, int *order, GError **error)
{
  const char *shown = b->shown;
  int n = (int) b->rows->len;
  /* Children lists in file order: head/next over rows. */
  g_autofree int *first = g_new (int, n), *last = g_new (int, n), *next = g_new (int, n);
  g_autofree int *depth = g_new (int, n);
  for (int i = 0; i < n; i++)
    first[i] = last[i] = next[i] = -1, depth[i] = -1;
  for (int i = 0; i < n; i++)
    if (b->mgr[i] >= 0)
      {
        int m = b->mgr[i];
        if (first[m] < 0)
          first[m] = i;
        else
          next[last[m]] = i;
        last[m] = i;
      }
  int head = 0, tail = 0;
  order[tail++] = b->root;
  depth[b->root] = 0;
  while (head < tail)
    {
      int r = order[head++];
      for (int ch = first[r]; ch >= 0; ch = next[ch])
        {
          depth[ch] = depth[r] + 1;
          if (depth[ch] >= OSIM_MAX_LEVELS)
            FAIL (row_line (b, ch), OSIM_INPUT_ERROR_LIMIT,
                  "'%s' is %d levels below the top; orgsim handles at most %d levels",
                  cell (b, ch, COL_ID), depth[ch], OSIM_MAX_LEVELS);
          order[tail++] = ch;
        }
    }
  if (tail < n)
    for (int i = 0; i < n; i++)
      if (depth[i] < 0)
        return fail_cycle (b, i, error);
  c->n_levels = depth[order[n - 1]] + 1;
  if (c->n_levels < 2)
    FAIL (row_line (b, b->root), OSIM_INPUT_ERROR_VALUE,
          "the chart has one position and nobody reporting to it; orgsim needs at least 2 "
          "levels");
  return TRUE;
}

/* ---- values ---- */

typedef struct
{
  int col;
  double lo, hi;
  const char *range;
} NumCol;

static const NumCol num_cols[] = {
  { COL_TECHNICAL, 0, 10, "a number from 0 to 10 (the skill scale)" },
  { COL_PEOPLE, 0, 10, "a number from 0 to 10 (the skill scale)" },
  { COL_AGE, 0, 200, "a number of years from 0 to 200" },
  { COL_TENURE, 0, 200, "a number of years from 0 to 200, at most the age" },
};

static gboolean
read_number (const Build *b, int row, const NumCol *nc, double *out, GError **error)
{
  const char *shown = b->shown;
  const char *t = cell (b, row, nc->col);
  if (t[0] == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  g_autofree char *s = g_strdup (t);
  g_strdelimit (s, ",", '.'); /* a decimal comma, from a ';' export */
  char *end = NULL;
  double v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (v))
    FAIL (row_line (b, row), OSIM_INPUT_ERROR_VALUE,
          "%s '%s' of '%s' is not a number; expected %s (or an empty cell)",
          col_names[nc->col], t, cell (b, row, COL_ID), nc->range);
  if (v < nc->lo || v > nc->hi)
    FAIL (row_line (b, row), OSIM_INPUT_ERROR_VALUE, "%s %s of '%s' is out of range; expected %s",
          col_names[nc->col], t, cell (b, row, COL_ID), nc->range);
  *out = v;
  return TRUE;
}

static gboolean
fill_values (const Build *b, OsimOrgChart *c, const int *order, GError **error)
{
  gint64 n = c->n;
  double **dst[] = { &c->T, &c->P, &c->age, &c->tenure };
  for (gsize k = 0; k < G_N_ELEMENTS (num_cols); k++)
    if (b->col[num_cols[k].col] >= 0)
      *dst[k] = g_new (double, n);
  if (b->col[COL_NAME] >= 0)
    c->name = g_new0 (char *, n + 1);
  if (b->col[COL_TITLE] >= 0)
    c->title = g_new0 (char *, n + 1);
  for (gint64 pos = 0; pos < n; pos++)
    {
      int row = order[pos];
      c->id[pos] = g_strdup (cell (b, row, COL_ID));
      c->line[pos] = row_line (b, row);
      if (c->name)
        c->name[pos] = g_strdup (cell (b, row, COL_NAME));
      if (c->title)
        c->title[pos] = g_strdup (cell (b, row, COL_TITLE));
      for (gsize k = 0; k < G_N_ELEMENTS (num_cols); k++)
        if (*dst[k] && !read_number (b, row, &num_cols[k], &(*dst[k])[pos], error))
          return FALSE;
      if (c->tenure && c->age && c->tenure[pos] > c->age[pos])
        {
          const char *shown = b->shown;
          FAIL (row_line (b, row), OSIM_INPUT_ERROR_VALUE,
                "tenure %g of '%s' is more than their age %g", c->tenure[pos], c->id[pos],
                c->age[pos]);
        }
    }
  return TRUE;
}

/* The most common non-empty value of column @col among level @k's rows; only
 * those with reports when @managers is not NULL (a level that holds managers
 * and leaves, such as team leads beside accountants, is named for its
 * managers). */
static char *
most_common (const Build *b, const OsimOrgChart *c, const int *order, int k, int col,
             const gint32 *managers)
{
  if (b->col[col] < 0)
    return NULL;
  g_autoptr (GHashTable) count = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  int best_n = 0;
  gint64 start = 0;
  for (int j = 0; j < k; j++)
    start += c->level_size[j];
  for (gint64 pos = start; pos < start + c->level_size[k]; pos++)
    {
      const char *v = cell (b, order[pos], col);
      if (v[0] == '\0' || (managers && managers[pos] == 0))
        continue;
      int m = GPOINTER_TO_INT (g_hash_table_lookup (count, v)) + 1;
      g_hash_table_insert (count, (gpointer) v, GINT_TO_POINTER (m));
      if (m > best_n)
        best_n = m, best = v;
    }
  return best ? g_strdup (best) : NULL;
}

static void
shape_levels (const Build *b, OsimOrgChart *c, const int *order)
{
  c->parent = g_new (gint32, c->n);
  g_autofree gint32 *pos_of = g_new (gint32, c->n);
  g_autofree int *depth = g_new0 (int, c->n);
  for (gint64 pos = 0; pos < c->n; pos++)
    {
      int row = order[pos];
      pos_of[row] = (gint32) pos;
      int m = b->mgr[row];
      c->parent[pos] = m < 0 ? -1 : pos_of[m];
      depth[pos] = m < 0 ? 0 : depth[pos_of[m]] + 1;
      c->level_size[depth[pos]]++;
    }
  g_autofree gint32 *reports = g_new0 (gint32, c->n);
  for (gint64 pos = 1; pos < c->n; pos++)
    reports[c->parent[pos]]++;
  for (int k = 0; k < c->n_levels; k++)
    for (int pass = 0; pass < 4 && c->level_name[k] == NULL; pass++)
      c->level_name[k] = most_common (b, c, order, k, pass % 2 ? COL_TITLE : COL_LEVEL,
                                      pass < 2 && k < c->n_levels - 1 ? reports : NULL);
}

/* ---- loading ---- */

static gboolean
read_records (const char *shown, const char *data, gsize len, GArray *rows, Record *header,
              GError **error)
{
  const char *p = data + osim_csv_bom (data, len), *end = data + len;
  const char *bad = NULL;
  if (!g_utf8_validate (p, end - p, &bad) || memchr (p, '\0', end - p))
    {
      const char *at = bad ? bad : memchr (p, '\0', end - p);
      int line = 1;
      for (const char *q = p; q < at; q++)
        line += *q == '\n';
      FAIL (line, OSIM_INPUT_ERROR_SYNTAX,
            "not UTF-8 text; export the chart as CSV in UTF-8");
    }
  g_autoptr (OsimCsv) in
      = osim_csv_open_text (shown, p, end - p, osim_csv_detect_delimiter (p, end - p), error);
  if (in == NULL)
    return FALSE;
  gboolean have_header = FALSE;
  g_autoptr (GError) local = NULL;
  while (osim_csv_read (in, &local))
    {
      Record r = record_take (in);
      if (blank_record (&r))
        {
          record_clear (&r);
          continue;
        }
      if (!have_header)
        *header = r, have_header = TRUE;
      else
        g_array_append_val (rows, r);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!have_header)
    FAIL (1, OSIM_INPUT_ERROR_VALUE,
          "empty file; expected a header naming id and manager_id, then one row per position");
  return TRUE;
}

static gboolean
check_not_empty (const char *shown, const GArray *rows, const Record *header, GError **error)
{
  if (rows->len == 0)
    FAIL (header->line, OSIM_INPUT_ERROR_VALUE,
          "no positions after the header; give one row per position");
  return TRUE;
}

/* Refuses before reading when the rows would not fit the memory bound. */
static gboolean
check_rows (const char *shown, gint64 lines, GError **error)
{
  double need = (double) lines * OSIM_CHART_ROW_BYTES;
  if (need <= OSIM_CHART_MAX_BYTES)
    return TRUE;
  gint64 max = (gint64) (OSIM_CHART_MAX_BYTES / OSIM_CHART_ROW_BYTES);
  FAIL ((int) MIN (max + 2, G_MAXINT), OSIM_INPUT_ERROR_LIMIT,
        "%" G_GINT64_FORMAT " lines: importing and simulating them would need about %.1f GiB; "
        "the limit is %" G_GINT64_FORMAT " positions", lines, need / (1024.0 * 1024 * 1024), max);
}

static gint64
count_lines (const char *data, gsize len)
{
  gint64 n = len > 0 && data[len - 1] != '\n';
  for (const char *p = data; (p = memchr (p, '\n', data + len - p)) != NULL; p++)
    n++;
  return n;
}

OsimOrgChart *
osim_org_chart_load_data (const char *shown, const char *data, gsize len, GError **error)
{
  if (!check_rows (shown, count_lines (data, len), error))
    return NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (rows, record_clear);
  Record header = { 0 };
  g_autoptr (OsimOrgChart) c = g_new0 (OsimOrgChart, 1);
  c->path = g_strdup (shown);
  Build b = { .shown = shown, .rows = rows };
  gboolean ok = read_records (shown, data, len, rows, &header, error)
                && map_header (&header, b.col, &c->note, shown, error)
                && check_not_empty (shown, rows, &header, error);
  record_clear (&header);
  if (!ok)
    return NULL;
  b.index = g_hash_table_new (g_str_hash, g_str_equal);
  int n = (int) rows->len;
  g_autofree int *order = g_new (int, n);
  ok = index_ids (&b, error) && link_managers (&b, error) && order_tree (&b, c, order, error);
  if (ok)
    {
      c->n = n;
      c->id = g_new0 (char *, n + 1);
      c->line = g_new (int, n);
      shape_levels (&b, c, order);
      ok = fill_values (&b, c, order, error);
    }
  g_hash_table_unref (b.index);
  g_free (b.mgr);
  return ok ? g_steal_pointer (&c) : NULL;
}

OsimOrgChart *
osim_org_chart_load (const char *path, const char *shown, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int err = errno;
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s: cannot read the org chart: %s", shown, g_strerror (err));
      return NULL;
    }
  /* Count lines while streaming, so a huge export is refused before it is
   * held in memory. */
  char chunk[65536];
  gsize n;
  gint64 lines = 0;
  char lastc = '\n';
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    {
      for (const char *p = chunk; (p = memchr (p, '\n', chunk + n - p)) != NULL; p++)
        lines++;
      lastc = chunk[n - 1];
    }
  fclose (f);
  if (!check_rows (shown, lines + (lastc != '\n'), error))
    return NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, OSIM_INPUT_ERROR, OSIM_INPUT_ERROR_VALUE,
                   "%s: cannot read the org chart: %s", shown, local->message);
      return NULL;
    }
  return osim_org_chart_load_data (shown, data, len, error);
}

void
osim_org_chart_free (OsimOrgChart *c)
{
  if (c == NULL)
    return;
  g_free (c->path);
  g_free (c->parent);
  g_free (c->line);
  g_strfreev (c->id);
  g_strfreev (c->name);
  g_strfreev (c->title);
  g_free (c->T);
  g_free (c->P);
  g_free (c->age);
  g_free (c->tenure);
  for (int k = 0; k < OSIM_MAX_LEVELS; k++)
    g_free (c->level_name[k]);
  g_free (c->note);
  g_free (c);
}

/* import.h: an org chart read from a CSV export (id, manager_id, ...). */
#pragma once

#include <glib.h>
#include "orgsim/scenario.h"

G_BEGIN_DECLS

/* Imported positions per chart at most: a deterministic bound from the
 * memory an imported position needs to read and simulate (about 1 KiB),
 * checked on a count of the file's lines before anything is allocated. */
#define OSIM_CHART_MAX_BYTES (1024.0 * 1024 * 1024)
#define OSIM_CHART_ROW_BYTES 1024.0

/* An imported tree, positions numbered breadth-first (level k is a
 * contiguous range, a position's reports are contiguous), as OsimShape wants.
 * The level of a position is its depth in the tree.  Per-position optional
 * values are NAN (numbers) or NULL (text) when the file does not give them. */
typedef struct _OsimOrgChart OsimOrgChart;
struct _OsimOrgChart {
  char *path;     /* as named in messages */
  gint64 n;       /* positions */
  int n_levels;
  gint64 level_size[OSIM_MAX_LEVELS];
  gint32 *parent; /* -1 at the top */
  int *line;      /* the file line each position came from */
  char **id;
  char **name;    /* NULL array when there is no name column */
  char **title;   /* NULL array when there is no title column */
  double *T, *P, *age, *tenure; /* NULL arrays when absent; NAN per empty cell */
  /* Per level: the most common value of the level column, else of title;
   * NULL when neither column is given. */
  char *level_name[OSIM_MAX_LEVELS];
  char *note;     /* columns ignored, or NULL */
};

/* Reads the chart at @path (@shown names it in messages).  Accepts RFC 4180
 * quoting, a UTF-8 byte-order mark, CRLF line ends and ',' or ';' as the
 * delimiter (the one the header uses); header names are matched without
 * regard to case, with blanks and '-' read as '_'.  Errors are
 * OSIM_INPUT_ERROR, "SHOWN:LINE: ...". */
OsimOrgChart *osim_org_chart_load (const char *path, const char *shown, GError **error);
/* The same from text in memory (the counting bound applies to @len too). */
OsimOrgChart *osim_org_chart_load_data (const char *shown, const char *data, gsize len,
                                 GError **error);
void osim_org_chart_free (OsimOrgChart *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsimOrgChart, osim_org_chart_free)

G_END_DECLS

/* seltree.h: a segment tree over a range of positions for picking the
 * highest, the lowest or a random filled one, ties broken uniformly. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum { OSIM_PICK_MAX, OSIM_PICK_MIN, OSIM_PICK_UNIFORM } OsimPick;

typedef struct OsimSelTree OsimSelTree;

/* A tree over positions [@first, @first + @n), all empty. */
OsimSelTree *osim_sel_tree_new (gint64 first, gint64 n);
void osim_sel_tree_free (OsimSelTree *t);
/* Bytes a tree needs per position, at most (with power-of-two padding). */
gsize osim_sel_tree_bytes_per_position (void);

/* Sets the value of position @pos, NAN for an empty one, without updating the
 * nodes above: call osim_sel_tree_build once all are set. */
void osim_sel_tree_set (OsimSelTree *t, gint64 pos, double v);
/* The scores of the @n positions, to be set in place (as
 * osim_sel_tree_set does) before osim_sel_tree_build. */
double *osim_sel_tree_scores (OsimSelTree *t);
/* Recomputes every node above the leaves, keeping the maximum (@hi) and
 * the minimum (@lo) only where asked: a tree answers only those picks (and
 * uniform ones, always). */
void osim_sel_tree_build (OsimSelTree *t, gboolean hi, gboolean lo);
/* Empties position @pos and updates the nodes above it: O(log n). */
void osim_sel_tree_clear (OsimSelTree *t, gint64 pos);

/* How many filled positions hold the extreme @pick asks for (for uniform:
 * how many are filled). */
guint32 osim_sel_tree_count (const OsimSelTree *t, OsimPick pick);
/* The @r-th of those (0-based, in position order), r < the count. */
gint64 osim_sel_tree_pick (const OsimSelTree *t, OsimPick pick, guint32 r);

G_END_DECLS

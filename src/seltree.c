/* seltree.c: a segment tree over a level's positions holding the maximum,
 * the minimum and how many hold each, so that a pick among ties is uniform
 * and costs O(log n). */
#include "orgsim/seltree.h"

#include <math.h>

typedef struct
{
  double hi, lo;      /* max and min score among filled leaves */
  guint32 nhi, nlo;   /* how many filled leaves hold hi, lo */
  guint32 filled;     /* filled leaves */
  guint32 pad;
} Node;

struct OsimSelTree
{
  gboolean hi, lo; /* which extremes are kept (the policy's picks) */
  gint64 first; /* position of leaf 0 */
  gint64 n;
  gint64 size;  /* leaves: a power of two >= n */
  Node *node;   /* 2 * size nodes, root at 1 */
};

gsize
osim_sel_tree_node_bytes (void)
{
  return sizeof (Node);
}

void
osim_sel_tree_free (OsimSelTree *t)
{
  if (t == NULL)
    return;
  g_free (t->node);
  g_free (t);
}

static const Node empty_node = { -INFINITY, INFINITY, 0, 0, 0, 0 };

/* A parent from its two children.  Only the extremes the tree's policy can
 * ask for are kept up (@hi, @lo): half the work for most policies. */
static inline __attribute__ ((always_inline)) void
combine (Node *dst, const Node *a, const Node *b, gboolean hi, gboolean lo)
{
  if (hi)
    {
      double m = a->hi > b->hi ? a->hi : b->hi;
      dst->hi = m;
      dst->nhi = (a->hi == m ? a->nhi : 0) + (b->hi == m ? b->nhi : 0);
    }
  if (lo)
    {
      double m = a->lo < b->lo ? a->lo : b->lo;
      dst->lo = m;
      dst->nlo = (a->lo == m ? a->nlo : 0) + (b->lo == m ? b->nlo : 0);
    }
  dst->filled = a->filled + b->filled;
}

static void
combine_up (OsimSelTree *t, gint64 i)
{
  combine (&t->node[i], &t->node[2 * i], &t->node[2 * i + 1], t->hi, t->lo);
}

OsimSelTree *
osim_sel_tree_new (gint64 first, gint64 n)
{
  OsimSelTree *t = g_new0 (OsimSelTree, 1);
  t->first = first;
  t->n = n;
  t->size = 1;
  while (t->size < n)
    t->size <<= 1;
  t->node = g_new (Node, 2 * t->size);
  for (gint64 i = 0; i < 2 * t->size; i++)
    t->node[i] = empty_node;
  return t;
}

void
osim_sel_tree_set (OsimSelTree *t, gint64 pos, double v)
{
  t->node[t->size + (pos - t->first)] = isnan (v) ? empty_node : (Node){ v, v, 1, 1, 1, 0 };
}

void
osim_sel_tree_build (OsimSelTree *t, gboolean hi, gboolean lo)
{
  t->hi = hi;
  t->lo = lo;
  /* One loop per case, so each compiles without the flags' branches. */
  Node *nd = t->node;
  if (hi && lo)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], TRUE, TRUE);
  else if (hi)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], TRUE, FALSE);
  else if (lo)
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], FALSE, TRUE);
  else
    for (gint64 i = t->size - 1; i >= 1; i--)
      combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], FALSE, FALSE);
}

void
osim_sel_tree_clear (OsimSelTree *t, gint64 pos)
{
  gint64 i = t->size + (pos - t->first);
  t->node[i] = empty_node;
  for (i >>= 1; i >= 1; i >>= 1)
    combine_up (t, i);
}

guint32
osim_sel_tree_count (const OsimSelTree *t, OsimPick pick)
{
  const Node *root = &t->node[1];
  return pick == OSIM_PICK_UNIFORM ? root->filled : pick == OSIM_PICK_MAX ? root->nhi : root->nlo;
}


/* The r-th (0-based, in position order) filled leaf holding the extreme that
 * @pick asks for. */
gint64
osim_sel_tree_pick (const OsimSelTree *t, OsimPick pick, guint32 r)
{
  const Node *nd = t->node;
  double target = pick == OSIM_PICK_MAX ? nd[1].hi : nd[1].lo;
  gint64 i = 1;
  while (i < t->size)
    {
      const Node *l = &nd[2 * i];
      guint32 c;
      if (pick == OSIM_PICK_UNIFORM)
        c = l->filled;
      else if (pick == OSIM_PICK_MAX)
        c = l->hi == target ? l->nhi : 0;
      else
        c = l->lo == target ? l->nlo : 0;
      if (r < c)
        i = 2 * i;
      else
        {
          r -= c;
          i = 2 * i + 1;
        }
    }
  return t->first + (i - t->size);
}


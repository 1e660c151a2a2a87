/* seltree.c: a segment tree over a level's positions holding the maximum,
 * the minimum and how many hold each, so that a pick among ties is uniform
 * and costs O(log n) (and a scan of one block of 8). */
#include "orgsim/seltree.h"

#include <math.h>

typedef struct
{
  double hi, lo;      /* max and min score among filled positions */
  guint32 nhi, nlo;   /* how many filled leaves hold hi, lo */
  guint32 filled;     /* filled leaves */
  guint32 pad;
} Node;

/* Each leaf of the tree is a block of BLOCK positions whose scores are kept
 * in one array: a pick descends to a block, then scans it.  A position
 * costs 8 bytes of scores and 2 * sizeof (Node) / BLOCK = 8 bytes of nodes,
 * twice that at worst with the power-of-two padding: 32 bytes, not the 128
 * of a tree with a node per position.  Building a block's node reads its
 * scores in one cache line. */
#define BLOCK 8

struct OsimSelTree
{
  gboolean hi, lo; /* which extremes are kept (the policy's picks) */
  gint64 first; /* position of leaf 0 */
  gint64 n;
  gint64 size;  /* blocks: a power of two >= n / BLOCK */
  double *val;  /* size * BLOCK scores, NaN for an empty position */
  Node *node;   /* 2 * size nodes, root at 1, the blocks at [size, 2 size) */
};

gsize
osim_sel_tree_bytes_per_position (void)
{
  return 2 * sizeof (double) + 4 * sizeof (Node) / BLOCK;
}

void
osim_sel_tree_free (OsimSelTree *t)
{
  if (t == NULL)
    return;
  g_free (t->val);
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

/* The node of block @b from its scores: the extremes, how many hold each,
 * how many are filled (as a node tree over the block would have them).
 * Without branches: a NaN (empty) is never above, below or equal. */
static inline __attribute__ ((always_inline)) void
block_node (OsimSelTree *t, gint64 b, gboolean hi, gboolean lo)
{
  const double *v = t->val + b * BLOCK;
  Node nd = empty_node;
  for (int j = 0; j < BLOCK; j++)
    nd.filled += v[j] == v[j];
  if (hi)
    {
      double m = -INFINITY;
      for (int j = 0; j < BLOCK; j++)
        m = v[j] > m ? v[j] : m;
      guint32 c = 0;
      for (int j = 0; j < BLOCK; j++)
        c += v[j] == m;
      nd.hi = m;
      nd.nhi = c;
    }
  if (lo)
    {
      double m = INFINITY;
      for (int j = 0; j < BLOCK; j++)
        m = v[j] < m ? v[j] : m;
      guint32 c = 0;
      for (int j = 0; j < BLOCK; j++)
        c += v[j] == m;
      nd.lo = m;
      nd.nlo = c;
    }
  t->node[t->size + b] = nd;
}

OsimSelTree *
osim_sel_tree_new (gint64 first, gint64 n)
{
  OsimSelTree *t = g_new0 (OsimSelTree, 1);
  t->first = first;
  t->n = n;
  t->size = 1;
  while (t->size * BLOCK < n)
    t->size <<= 1;
  t->val = g_new (double, t->size * BLOCK);
  for (gint64 i = 0; i < t->size * BLOCK; i++)
    t->val[i] = NAN;
  t->node = g_new (Node, 2 * t->size);
  for (gint64 i = 0; i < 2 * t->size; i++)
    t->node[i] = empty_node;
  return t;
}

void
osim_sel_tree_set (OsimSelTree *t, gint64 pos, double v)
{
  t->val[pos - t->first] = v;
}

double *
osim_sel_tree_scores (OsimSelTree *t)
{
  return t->val;
}

/* Blocks, then every node above them, for one choice of extremes. */
static inline __attribute__ ((always_inline)) void
build (OsimSelTree *t, gboolean hi, gboolean lo)
{
  Node *nd = t->node;
  for (gint64 b = 0; b < t->size; b++)
    block_node (t, b, hi, lo);
  for (gint64 i = t->size - 1; i >= 1; i--)
    combine (&nd[i], &nd[2 * i], &nd[2 * i + 1], hi, lo);
}

void
osim_sel_tree_build (OsimSelTree *t, gboolean hi, gboolean lo)
{
  t->hi = hi;
  t->lo = lo;
  /* One loop per case, so each compiles without the flags' branches. */
  if (hi && lo)
    build (t, TRUE, TRUE);
  else if (hi)
    build (t, TRUE, FALSE);
  else if (lo)
    build (t, FALSE, TRUE);
  else
    build (t, FALSE, FALSE);
}

void
osim_sel_tree_clear (OsimSelTree *t, gint64 pos)
{
  gint64 b = (pos - t->first) / BLOCK;
  t->val[pos - t->first] = NAN;
  block_node (t, b, t->hi, t->lo);
  for (gint64 i = (t->size + b) >> 1; i >= 1; i >>= 1)
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
  gint64 b = i - t->size;
  const double *v = t->val + b * BLOCK;
  for (int j = 0; j < BLOCK; j++)
    {
      if (isnan (v[j]) || (pick != OSIM_PICK_UNIFORM && v[j] != target))
        continue;
      if (r-- == 0)
        return t->first + b * BLOCK + j;
    }
  g_assert_not_reached ();
}

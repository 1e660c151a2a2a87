/* org.c: the org chart's shape, the people in it, hiring. */
#include "orgsim/org.h"
#include "orgsim/careers.h"
#include "orgsim/common.h"
#include "orgsim/import.h"
#include "orgsim/policy.h"
#include "orgsim/seltree.h"
#include "orgsim/sim.h"

#include <math.h>
#include <string.h>

/* The imported chart's tree: its positions are numbered breadth-first, so
 * each level and each position's reports are contiguous. */
static void
shape_link_chart (OsimShape *s, const OsimOrgChart *c)
{
  s->imported = TRUE;
  for (gint64 pos = 0; pos < s->n_positions; pos++)
    {
      gint32 par = c->parent[pos];
      s->parent[pos] = par;
      s->level[pos] = par < 0 ? 0 : (guint8) (s->level[par] + 1);
      if (par >= 0 && s->child_count[par]++ == 0)
        s->child_start[par] = (gint32) pos;
    }
}

static void shape_link_levels (OsimShape *s);

OsimShape *
osim_shape_new (const OsimParams *p)
{
  OsimShape *s = g_new0 (OsimShape, 1);
  int L = p->n_levels;
  s->n_levels = L;
  gint64 n = 0;
  for (int k = 0; k < L; k++)
    {
      s->level_start[k] = n;
      s->level_size[k] = p->level_size[k];
      n += p->level_size[k];
    }
  s->level_start[L] = n;
  s->n_positions = n;
  s->parent = osim_alloc_positions ((gsize) n * sizeof (gint32), FALSE);
  s->child_start = osim_alloc_positions ((gsize) n * sizeof (gint32), TRUE);
  s->child_count = osim_alloc_positions ((gsize) n * sizeof (gint32), TRUE);
  s->level = g_new (guint8, n);
  if (p->org_chart)
    shape_link_chart (s, p->org_chart);
  else
    shape_link_levels (s);
  for (gint64 pos = 0; pos < n; pos++)
    s->level_managers[s->level[pos]] += s->child_count[pos] > 0;
  return s;
}

/* A generated chart: each level's positions spread evenly over the level
 * above. */
static void
shape_link_levels (OsimShape *s)
{
  for (int k = 0; k < s->n_levels; k++)
    {
      gint64 nk = s->level_size[k], start = s->level_start[k];
      for (gint64 j = 0; j < nk; j++)
        {
          gint64 pos = start + j;
          s->level[pos] = (guint8) k;
          if (k == 0)
            {
              s->parent[pos] = -1;
              continue;
            }
          /* levels: level k's positions spread evenly, in contiguous blocks,
           * over level k-1; spans: s_{k-1} each.  Both are this formula. */
          gint64 np = s->level_size[k - 1];
          gint64 par = s->level_start[k - 1] + (j * np) / nk;
          s->parent[pos] = (gint32) par;
          if (s->child_count[par]++ == 0)
            s->child_start[par] = (gint32) pos;
        }
    }
}

void
osim_shape_free (OsimShape *s)
{
  if (s == NULL)
    return;
  g_free (s->parent);
  g_free (s->child_start);
  g_free (s->child_count);
  g_free (s->level);
  g_free (s);
}

double
osim_org_bytes (const OsimParams *p)
{
  double n = (double) osim_params_positions (p);
  /* shape (4+4+4+1), a person, the vacancy lists and willing reports, trees (scores
   * and block nodes, with power-of-two padding at worst);
   * and, when the run's initial org is kept to be copied for each policy
   * (OSIM_ORG_SHARE_MAX), its people and vacancy lists. */
  double shared = n <= OSIM_ORG_SHARE_MAX && p->n_policies > 1 ? sizeof (OsimPerson) + 8 : 0;
  double draws = shared > 0 ? OSIM_DRAWS_MAX_BYTES : 0;
  return n * (13 + sizeof (OsimPerson) + 8 + 4 + osim_sel_tree_bytes_per_position () + shared)
         + draws + 4096;
}

gint64
osim_shape_top_positions (const OsimShape *s, gint64 max)
{
  int k = 1;
  while (k < s->n_levels && s->level_start[k + 1] <= max)
    k++;
  return s->level_start[k];
}

/* An imported tree: every leaf, at whatever depth, takes the next slot in
 * depth-first order, so that no line crosses another. */
static double *
tree_layout (const OsimShape *s)
{
  gint64 n = s->n_positions, leaves = 0, top = 0;
  double *x = g_new0 (double, n);
  g_autofree gint32 *stack = g_new (gint32, n);
  stack[top++] = 0;
  while (top > 0)
    {
      gint32 pos = stack[--top];
      if (s->child_count[pos] == 0)
        x[pos] = (double) leaves++;
      for (gint32 c = s->child_count[pos] - 1; c >= 0; c--)
        stack[top++] = s->child_start[pos] + c;
    }
  for (int k = s->n_levels - 1; k >= 0; k--)
    for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
      {
        gint32 c = s->child_count[pos];
        x[pos] = c > 0 ? 0.5 * (x[s->child_start[pos]] + x[s->child_start[pos] + c - 1])
                       : (x[pos] + 0.5) / (double) leaves;
      }
  return x;
}

double *
osim_shape_layout (const OsimShape *s)
{
  if (s->imported)
    return tree_layout (s);
  double *x = g_new0 (double, s->n_positions);
  /* Bottom-up: a position with reports sits over their mean; one without
   * sits at its own slot among its level's positions. */
  for (int k = s->n_levels - 1; k >= 0; k--)
    for (gint64 pos = s->level_start[k]; pos < s->level_start[k + 1]; pos++)
      {
        gint32 c = s->child_count[pos];
        if (c > 0)
          x[pos] = 0.5 * (x[s->child_start[pos]] + x[s->child_start[pos] + c - 1]);
        else
          x[pos] = ((double) (pos - s->level_start[k]) + 0.5) / (double) s->level_size[k];
      }
  return x;
}

void
osim_org_refresh (OsimOrg *org, gint64 pos)
{
  OsimPerson *q = &org->people[pos];
  q->C = osim_competence (org->params, org->shape->level[pos], q->T, q->P);
}

/* Fresh technical and people skills for @q, as a hire's, from @rng. */
static void
draw_skills (const OsimParams *p, OsimRng *rng, OsimPerson *q)
{
  q->T = osim_dist_sample (&p->technical, rng);
  q->P = osim_dist_sample_correlated (&p->people, rng, osim_dist_zscore (&p->technical, q->T),
                                      p->rho);
}

/* One year's draws of one kind, in the order they were made. */
typedef struct
{
  guint32 len, cap;
  char *data;
} DrawYear;

struct OsimDraws
{
  int year0;
  gsize bytes, max_bytes; /* held in the tables, and the most they may */
  int n_years[2];     /* years allocated in each table */
  DrawYear *table[2]; /* per year after year0 */
};

OsimDraws *
osim_draws_new (int year0, gsize max_bytes)
{
  OsimDraws *d = g_new0 (OsimDraws, 1);
  d->year0 = year0;
  d->max_bytes = max_bytes;
  return d;
}

void
osim_draws_free (OsimDraws *d)
{
  if (d == NULL)
    return;
  for (int i = 0; i < 2; i++)
    {
      for (int y = 0; y < d->n_years[i]; y++)
        g_free (d->table[i][y].data);
      g_free (d->table[i]);
    }
  g_free (d);
}

void *
osim_draws_slot (OsimDraws *d, int table, int year, guint32 k, gsize size, gboolean *fresh)
{
  if (year <= d->year0 || k == 0)
    return NULL;
  int y = year - d->year0 - 1;
  if (G_UNLIKELY (y >= d->n_years[table]))
    {
      int n = MAX (y + 1, 2 * d->n_years[table]);
      d->table[table] = g_renew (DrawYear, d->table[table], n);
      memset (d->table[table] + d->n_years[table], 0,
              (gsize) (n - d->n_years[table]) * sizeof (DrawYear));
      d->n_years[table] = n;
    }
  DrawYear *a = &d->table[table][y];
  /* The k-th draw of a year follows the (k-1)-th under every policy. */
  if (k > a->len + 1)
    return NULL;
  *fresh = k == a->len + 1;
  if (*fresh)
    {
      if (a->len == a->cap)
        {
          /* Past the budget the later draws are made by each policy. */
          guint32 cap = MAX (8, 2 * a->cap);
          if (d->bytes + (gsize) (cap - a->cap) * size > d->max_bytes)
            return NULL;
          d->bytes += (gsize) (cap - a->cap) * size;
          a->cap = cap;
          a->data = g_realloc (a->data, (gsize) a->cap * size);
        }
      a->len++;
    }
  return a->data + (gsize) (k - 1) * size;
}

/* What a hire draws: the same for the k-th hire of a year under every
 * policy. */
typedef struct
{
  double T, P, age, theta;
} HireDraw;

void
osim_org_hire (OsimOrg *org, gint64 pos)
{
  const OsimParams *p = org->params;
  OsimPerson *q = &org->people[pos];
  OsimRng rng;
  memset (q, 0, sizeof *q);
  /* The k-th hire of a year is the same person under every policy: their
   * number is (year, k), k from 1, and their draws come from the stream of
   * that number. */
  if (org->hire_year != org->year)
    org->hire_year = org->year, org->hire_count = 0;
  guint64 number = ((guint64) org->year << 32) | ++org->hire_count;
  q->key = osim_counter_hash (number); /* never 0 (no manager): number + 1 is not 0 */
  q->post_pass = org->passes;
  org->next_id++;
  gboolean fresh = TRUE;
  HireDraw *slot = org->draws ? osim_draws_slot (org->draws, 0, org->year, org->hire_count,
                                                 sizeof *slot, &fresh)
                              : NULL;
  if (slot && !fresh)
    {
      q->T = slot->T;
      q->P = slot->P;
      q->age = slot->age;
      q->theta = slot->theta;
    }
  else
    {
      osim_org_stream (org, OSIM_STREAM_HIRE, number, 0, &rng);
      draw_skills (p, &rng, q);
      q->age = osim_dist_sample (&p->age, &rng);
      /* Values are drawn last, so that with the leadership layer off the
       * same person gets the same skills and age. */
      if (p->effort_enabled)
        q->theta = p->values_spread * osim_rng_normal (&rng);
      if (slot)
        *slot = (HireDraw){ q->T, q->P, q->age, q->theta };
    }
  q->trust = p->trust_initial;
  q->w_one = 1;
  if (org->noise)
    org->noise[pos] = 0;
  osim_org_refresh (org, pos);
  if (org->careers)
    osim_careers_start (org->careers, org, pos, NAN, org->year);
}

/* The imported chart's values, where it gives them. */
static void
apply_chart (OsimOrg *org, const OsimOrgChart *c)
{
  for (gint64 pos = 0; pos < org->shape->n_positions; pos++)
    {
      OsimPerson *q = &org->people[pos];
      if (c->T && !isnan (c->T[pos]))
        q->T = c->T[pos];
      if (c->P && !isnan (c->P[pos]))
        q->P = c->P[pos];
      if (c->age && !isnan (c->age[pos]))
        q->age = c->age[pos];
      if (c->tenure && !isnan (c->tenure[pos]))
        {
          q->service = (gint32) c->tenure[pos];
          q->post_pass = org->passes - q->service;
        }
      osim_org_refresh (org, pos);
    }
}

/* The stream of the steady start's draws ("Start"; the run's are keyed by
 * purpose, see osim_org_stream). */
#define START_STREAM G_GUINT64_CONSTANT (0x5374617274)

/* A start as a long-running org has it: ages spread between hiring and
 * retirement (older higher up, where people arrive by promotion), service
 * and time in post consistent with age, and nobody below the dismissal
 * threshold (they would have left).  What an imported chart gives is kept. */
static void
steady_start (OsimOrg *org, const OsimOrgChart *c, guint64 seed, guint64 run)
{
  const OsimParams *p = org->params;
  const OsimShape *s = org->shape;
  /* A stream of its own, so that the run draws what it would from the
   * paper's start. */
  OsimRng rng;
  osim_rng_init (&rng, seed, run, START_STREAM);
  for (gint64 pos = 0; pos < s->n_positions; pos++)
    {
      OsimPerson *q = &org->people[pos];
      int above = s->n_levels - 1 - s->level[pos]; /* promotions it took to get here */
      gboolean age_given = c && c->age && !isnan (c->age[pos]);
      gboolean service_given = c && c->tenure && !isnan (c->tenure[pos]);
      gboolean skills_given = c && ((c->T && !isnan (c->T[pos])) || (c->P && !isnan (c->P[pos])));
      /* The most senior of above + 1 careers, each a uniform draw cubed: in a
       * steady state most people leave (promoted, dismissed, quitting) long
       * before they retire, so short service is common and long service
       * rare, and retirements come a few a year rather than in a wave. */
      double u = 0;
      for (int i = 0; i <= above; i++)
        u = MAX (u, osim_rng_double (&rng));
      u = u * u * u;
      double hired_at = MIN (q->age, p->retire_age);
      if (age_given)
        hired_at = MIN (p->age.lo, q->age);
      if (!service_given)
        {
          double room = age_given ? q->age - hired_at : p->retire_age - hired_at;
          q->service = (gint32) floor (u * MAX (0.0, room));
        }
      if (!age_given)
        q->age = hired_at + q->service;
      gint32 tenure = above == 0 ? q->service
                                 : (gint32) floor (osim_rng_double (&rng) * (q->service + 1)
                                                   / (above + 1));
      q->post_pass = org->passes - tenure;
      for (int tries = 0; !skills_given && q->C < p->dismiss_below && tries < 1000; tries++)
        {
          draw_skills (p, &rng, q);
          osim_org_refresh (org, pos);
        }
    }
}

/* The per-level arrays of the selection structures, empty: built on demand
 * each year (policy.c).  The dense score arrays of the small levels are
 * allocated here, in one block, so that no allocation is made while the
 * org runs: a large org's memory is then one block after another. */
static void
org_alloc_picks (OsimOrg *org)
{
  const OsimShape *s = org->shape;
  int L = s->n_levels;
  gint64 small = 0;
  for (int k = 0; k < L; k++)
    small += s->level_size[k] < OSIM_TREE_MIN_POOL ? s->level_size[k] : 0;
  /* (a copy of an org comes with its original's: none is kept) */
  memset (org->trees, 0, sizeof org->trees);
  memset (org->dense, 0, sizeof org->dense);
  double *block = org->dense_block = g_new (double, MAX (small, 1));
  for (int k = 0; k < L; k++)
    {
      org->tree_year[k] = org->tree_ahead[k] = org->dense_year[k] = -1;
      if (s->level_size[k] < OSIM_TREE_MIN_POOL)
        {
          org->dense[k] = block;
          block += s->level_size[k];
        }
    }
}

/* A person's record, which most of a large org's memory is. */
G_STATIC_ASSERT (sizeof (OsimPerson) == 80);

/* The positions that may have reports: all but the last level's (the
 * deepest, whose posts have none). */
static gsize
manager_slots (const OsimShape *s)
{
  return (gsize) MAX (1, s->level_start[s->n_levels - 1]);
}

/* The org as the start asks for it, before any history. */
static OsimOrg *
org_start (const OsimParams *p, const OsimShape *shape, guint64 seed, guint64 run)
{
  OsimOrg *org = g_new0 (OsimOrg, 1);
  org->params = p;
  org->shape = shape;
  org->people = osim_alloc_positions ((gsize) shape->n_positions * sizeof (OsimPerson), TRUE);
  org->vac = g_new (gint32, shape->n_positions);
  org->willing_reports = g_new0 (gint32, manager_slots (shape));
  org_alloc_picks (org);
  guint64 run_key = osim_key (osim_key (0, seed), run);
  for (int i = 0; i < OSIM_N_STREAMS; i++)
    org->key[i] = osim_key (run_key, (guint64) i);
  org->next_id = 1;
  org->hire_year = -1;
  org->move_year = -1;
  org->alternate_best = TRUE;
  for (gint64 pos = 0; pos < shape->n_positions; pos++)
    osim_org_hire (org, pos);
  if (p->org_chart)
    apply_chart (org, p->org_chart);
  if (p->start == OSIM_START_STEADY)
    steady_start (org, p->org_chart, seed, run);
  return org;
}

OsimOrg *
osim_org_new (const OsimParams *p, const OsimShape *shape, guint64 seed, guint64 run)
{
  /* The history runs with the base scenario's parameters, so that every
   * policy and sweep variant of run @run starts from the same org. */
  const OsimParams *hp = p->history_params ? p->history_params : p;
  OsimOrg *org = org_start (hp, shape, seed, run);
  if (hp->history_policy >= 0)
    osim_sim_history (org, (OsimPolicy) hp->history_policy, hp->history_years);
  if (hp != p)
    {
      org->params = p;
      for (gint64 pos = 0; pos < shape->n_positions; pos++)
        osim_org_refresh (org, pos);
    }
  return org;
}

OsimOrg *
osim_org_copy (const OsimOrg *org)
{
  const OsimShape *shape = org->shape;
  gsize n = (gsize) shape->n_positions;
  OsimOrg *c = g_memdup2 (org, sizeof *org);
  c->people = osim_alloc_positions (n * sizeof *org->people, FALSE);
  memcpy (c->people, org->people, n * sizeof *org->people);
  c->vac = g_memdup2 (org->vac, n * sizeof *org->vac);
  c->willing_reports = g_new0 (gint32, manager_slots (shape)); /* zero between passes */
  c->noise = org->noise ? g_memdup2 (org->noise, n * sizeof *org->noise) : NULL;
  c->careers = NULL;
  /* Selection trees are rebuilt on demand: a copy starts without them. */
  org_alloc_picks (c);
  return c;
}

void
osim_org_free (OsimOrg *org)
{
  if (org == NULL)
    return;
  for (int k = 0; k < org->shape->n_levels; k++)
    osim_sel_tree_free (org->trees[k]);
  g_free (org->dense_block);
  g_free (org->people);
  g_free (org->vac);
  g_free (org->noise);
  g_free (org->willing_reports);
  g_free (org);
}

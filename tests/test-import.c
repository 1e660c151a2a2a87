/* test-import.c: the org chart import: messy but valid CSV, the tree's order,
 * values and level names. */
#include "orgsim/common.h"
#include "orgsim/import.h"

#include <math.h>
#include <string.h>

static OsimOrgChart *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  OsimOrgChart *c = osim_org_chart_load_data ("t.csv", text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static char *
load_error (const char *text)
{
  GError *error = NULL;
  OsimOrgChart *c = osim_org_chart_load_data ("t.csv", text, strlen (text), &error);
  g_assert_null (c);
  g_assert_error (error, OSIM_INPUT_ERROR, error->code);
  char *msg = g_strdup (error->message);
  g_error_free (error);
  return msg;
}

/* Positions breadth-first, children in file order, whatever the file's order. */
static void
test_tree_order (void)
{
  g_autoptr (OsimOrgChart) c = load ("id,manager_id\n"
                                     "d,b\n" /* before its manager */
                                     "b,a\n"
                                     "a,\n"
                                     "c,a\n"
                                     "e,c\n"
                                     "f,b\n");
  g_assert_cmpint (c->n, ==, 6);
  g_assert_cmpint (c->n_levels, ==, 3);
  const char *want[] = { "a", "b", "c", "d", "f", "e" };
  const gint32 parent[] = { -1, 0, 0, 1, 1, 2 };
  for (int i = 0; i < 6; i++)
    {
      g_assert_cmpstr (c->id[i], ==, want[i]);
      g_assert_cmpint (c->parent[i], ==, parent[i]);
    }
  g_assert_cmpint (c->level_size[0], ==, 1);
  g_assert_cmpint (c->level_size[1], ==, 2);
  g_assert_cmpint (c->level_size[2], ==, 3);
  g_assert_null (c->name);
  g_assert_null (c->T);
  g_assert_cmpint (c->line[0], ==, 4);
}

/* BOM, CRLF, ';' with decimal commas, header names in any case with blanks,
 * quotes with doubled quotes, delimiters and a line break inside. */
static void
test_messy (void)
{
  g_autoptr (OsimOrgChart) c
      = load ("\xEF\xBB\xBF Employee ID ;MANAGER id;Name;Technical;Extra\r\n"
              "1;;\"Smith; Jane\";7,5;x\r\n"
              "\r\n"
              "2;1;\"Lee \"\"Bo\"\"\";;y\r\n"
              "3;1;\"Two\r\nlines\";10;z\r\n");
  g_assert_cmpint (c->n, ==, 3);
  g_assert_cmpstr (c->name[0], ==, "Smith; Jane");
  g_assert_cmpstr (c->name[1], ==, "Lee \"Bo\"");
  g_assert_cmpstr (c->name[2], ==, "Two  lines"); /* one line in every output */
  g_assert_cmpfloat (c->T[0], ==, 7.5);
  g_assert_true (isnan (c->T[1]));
  g_assert_cmpfloat (c->T[2], ==, 10);
  g_assert_cmpint (c->line[2], ==, 5);
  g_assert_nonnull (c->note);
  g_assert_nonnull (strstr (c->note, "'Extra'"));
}

/* Level names: the managers' most common level value, else title. */
static void
test_level_names (void)
{
  g_autoptr (OsimOrgChart) c = load ("id,manager_id,title,level\n"
                                     "a,,Chief,Exec\n"
                                     "b,a,Head,Director\n"
                                     "c,a,Clerk,Staff\n"
                                     "d,a,Clerk,Staff\n"
                                     "e,b,Dev,Staff\n");
  g_assert_cmpstr (c->level_name[0], ==, "Exec");
  g_assert_cmpstr (c->level_name[1], ==, "Director"); /* the level's manager, not its clerks */
  g_assert_cmpstr (c->level_name[2], ==, "Staff");
}

static void
test_errors (void)
{
  struct
  {
    const char *text, *want;
  } cases[] = {
    { "id,manager_id\na,\nb,\n", "t.csv:3: two roots" },
    { "id,manager_id\na,b\nb,a\n", "no root" },
    { "id,manager_id\nr,\na,c\nb,a\nc,b\n", "a cycle of managers: a -> c -> b -> a" },
    { "id,manager_id\nr,\na,q\n", "t.csv:3: manager_id 'q' of 'a' is not the id" },
    { "id,manager_id\nr,\nr,r\n", "t.csv:3: duplicate id 'r' (first on line 2)" },
    { "id,boss\n", "no manager_id column" },
    { "id,manager_id,people\nr,,10.5\na,r,1\n", "t.csv:2: people 10.5 of 'r' is out of range" },
    { "", "t.csv:1: empty file" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *msg = load_error (cases[i].text);
      if (strstr (msg, cases[i].want) == NULL)
        g_error ("case %zu: '%s' lacks '%s'", i, msg, cases[i].want);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/tree-order", test_tree_order);
  g_test_add_func ("/import/messy", test_messy);
  g_test_add_func ("/import/level-names", test_level_names);
  g_test_add_func ("/import/errors", test_errors);
  return g_test_run ();
}

/* fuzz-check.h: what every fuzz target checks the same way.  A target
 * defines FUZZ_NAME ("fuzz-shard") and FUZZ_ACCEPTED ("a shard"), then
 * includes this after <glib.h>, <stdio.h>, <stdlib.h> and orgsim/common.h. */
#ifndef ORGSIM_FUZZ_CHECK_H
#define ORGSIM_FUZZ_CHECK_H

/* Aborts, naming the broken promise, when an accepted input breaks it. */
#define CHECK(cond)                                                                                \
  do                                                                                               \
    if (!(cond))                                                                                   \
      {                                                                                            \
        fprintf (stderr, FUZZ_NAME ": accepted " FUZZ_ACCEPTED " where !(%s)\n", #cond);           \
        abort ();                                                                                  \
      }                                                                                            \
  while (0)

/* Every refusal must be an input error in UTF-8. */
static void
fuzz_check_input_error (const GError *error)
{
  if (error == NULL || error->domain != OSIM_INPUT_ERROR
      || !g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, FUZZ_NAME ": bad error: %s\n", error ? error->message : "(none)");
      abort ();
    }
}

/* A GLib warning or critical (a g_return_if_fail, a GError set twice) is a
 * bug here too: from the first input on, it aborts like a crash. */
static void
fuzz_warnings_fatal (void)
{
  static gboolean once = FALSE;
  if (!once)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      once = TRUE;
    }
}

#endif

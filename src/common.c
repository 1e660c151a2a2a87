/* common.c: error domains and their exit statuses. */
#include "orgsim/common.h"

G_DEFINE_QUARK (osim-input-error-quark, osim_input_error)
G_DEFINE_QUARK (osim-run-error-quark, osim_run_error)

int
osim_exit_status_for (const GError *error)
{
  if (error != NULL && error->domain == OSIM_INPUT_ERROR)
    return OSIM_EXIT_USAGE;
  return OSIM_EXIT_RUNTIME;
}

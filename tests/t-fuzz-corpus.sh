#!/bin/sh
# t-fuzz-corpus.sh: the fuzz target (tests/fuzz/fuzz-scenario.c) over its
# corpus, without a fuzzer: every input must load or be refused cleanly, and
# every scenario that loads must survive the checks and the to_ini round trip.
# The scenarios, test data and bad cases are run directly too, so new ones are
# covered before anyone copies them into the corpus.
set -u
: "${FUZZ_DRIVER:?set FUZZ_DRIVER to the fuzz-driver binary (make build/rel/fuzz-driver)}"
dirs=tests/fuzz/corpus
for d in scenarios tests/data tests/bad; do
  [ -d "$d" ] && dirs="$dirs $d"
done
# shellcheck disable=SC2086
if ! "$FUZZ_DRIVER" $dirs; then
  echo "FAIL: $FUZZ_DRIVER $dirs"
  exit 1
fi

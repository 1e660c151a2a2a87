#!/bin/sh
# t-fuzz-corpus.sh: the fuzz targets (tests/fuzz/fuzz-*.c) over their
# corpora, without a fuzzer: every input must load or be refused cleanly, and
# every scenario that loads must survive the checks and the to_ini round trip.
# The scenarios, test data and bad cases are run directly too, so new ones are
# covered before anyone copies them into the corpus.
set -u
: "${FUZZ_DRIVER:?set FUZZ_DRIVER to the fuzz-driver binary (make build/rel/fuzz-driver-scenario)}"
dirs=tests/fuzz/corpus
for d in scenarios tests/data tests/bad; do
  [ -d "$d" ] && dirs="$dirs $d"
done
fail=0
# shellcheck disable=SC2086
if ! "$FUZZ_DRIVER" $dirs; then
  echo "FAIL: $FUZZ_DRIVER $dirs"
  fail=1
fi
# The shard reader (tests/fuzz/fuzz-shard.c) over its corpus: damaged and
# hostile shard.ini, accumulators.txt and fragment names.
if [ -n "${FUZZ_DRIVER_SHARD:-}" ]; then
  if ! "$FUZZ_DRIVER_SHARD" tests/fuzz/corpus-shard; then
    echo "FAIL: $FUZZ_DRIVER_SHARD tests/fuzz/corpus-shard"
    fail=1
  fi
else
  echo "t-fuzz-corpus: FUZZ_DRIVER_SHARD not set; the shard reader's corpus is not run"
  fail=1
fi
exit $fail

#!/bin/sh
# Golden files: small scenarios, fixed seeds, the expected CSV, a diff.
# A change that alters results must say so by regenerating them:
#   REGEN=1 ORGSIM=./orgsim sh tests/t-golden.sh   (or: make golden)
# then review `git diff tests/golden` before committing.
set -u
. "$(dirname "$0")/lib.sh"
# name | scenario | options
cases='small|tests/data/small.ini|-r 3 -t 30 --per-run
paper|scenarios/pluchino2010.ini|-r 3 -t 150 -p best,worst,random
tree|scenarios/tree.ini|-r 2 -t 120'
echo "$cases" | while IFS='|' read -r name sc opts; do
  # shellcheck disable=SC2086
  "$ORGSIM" run "$sc" $opts -j 2 -q -o "$tmp/$name" || { echo "not ok - $name: run failed"; exit 1; }
  if [ "${REGEN:-0}" = 1 ]; then
    rm -rf "tests/golden/$name" && cp -r "$tmp/$name" "tests/golden/$name"
    echo "regenerated tests/golden/$name"
  elif diff -r "tests/golden/$name" "$tmp/$name" >"$tmp/diff"; then
    echo "ok - golden $name"
  else
    echo "not ok - golden $name differs:"; head -20 "$tmp/diff"; exit 1
  fi
done || fail=1
exit $fail

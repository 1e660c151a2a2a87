#!/bin/sh
# Common random numbers that pair: every use of randomness has its own
# stream, keyed by (seed, run, purpose, year, position), so a policy that
# makes the same choices as another gives the same results, whatever draws
# the other makes.  best-random at r = 0 and best-worst at p = 1 draw a coin
# for every vacancy and best does not: all three must agree to the byte.
set -u
: "${ORGSIM:?set ORGSIM to the orgsim binary}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# same_rows DIR: final.csv's rows of the three policies agree once the
# policy name is removed; the baseline differences are all zero.
same_rows() {
  awk -F, 'NR > 1 { $2 = ""; print }' "$1/final.csv" | sort -u >"$tmp/rows"
  [ "$(awk -F, 'NR > 1' "$1/final.csv" | wc -l)" -eq 3 ] && [ "$(wc -l <"$tmp/rows")" -eq 1 ]
}
check() { # description, directory
  if same_rows "$2"; then echo "ok - $1"; else echo "not ok - $1"; cat "$2/final.csv"; fail=1; fi
}
pol='scenario.policies=best;best-random;best-worst'

"$ORGSIM" run tests/data/small.ini -q -o "$tmp/small" --set "$pol" \
  --set promotion.r=0 --set promotion.p=1 || exit 1
check "best = best-random (r = 0) = best-worst (p = 1), leadership layer on" "$tmp/small"

# The paper's model with transfers (common sense), assessment noise, team
# candidates and a level large enough for the selection tree.
"$ORGSIM" run tests/data/small.ini -q -o "$tmp/tree" -r 4 -t 30 --set "$pol" \
  --set promotion.r=0 --set promotion.p=1 --set effort.enabled=false \
  --set 'org.levels=1;6;40;600' --set 'org.responsibility=1;0.8;0.5;0.3' \
  --set promotion.assessment_noise=0.5 --set promotion.transfer=common-sense || exit 1
check "the same with noise, transfers and a selection tree" "$tmp/tree"
"$ORGSIM" run tests/data/small.ini -q -o "$tmp/team" -r 4 -t 30 --set "$pol" \
  --set promotion.r=0 --set promotion.p=1 --set org.candidates=team \
  --set promotion.transfer=peter || exit 1
check "the same with team candidates and Peter transfers" "$tmp/team"

# A coin that is not degenerate changes the results (the test could fail).
"$ORGSIM" run tests/data/small.ini -q -o "$tmp/coin" --set "$pol" \
  --set promotion.r=0.5 --set promotion.p=0.5 || exit 1
if same_rows "$tmp/coin"; then
  echo "not ok - r = 0.5 and p = 0.5 differ from best"; fail=1
else
  echo "ok - r = 0.5 and p = 0.5 differ from best"
fi

# A sweep of a key a policy never reads (promotion.r for best and random)
# simulates that policy once per run and shares it among the variants: the
# rows must be those of the variant run on its own, for any -j and sharding.
sweep="--set scenario.policies=best;random;best-random --set sweep.promotion.r=0.1;0.3;0.6"
sweep="$sweep --set sweep.promotion.transfer=common-sense;peter -r 5 -t 30 --per-run"
# shellcheck disable=SC2086
"$ORGSIM" run tests/data/small.ini -q $sweep -j 1 -o "$tmp/sw1" || exit 1
# shellcheck disable=SC2086
"$ORGSIM" run tests/data/small.ini -q $sweep -j 3 -o "$tmp/sw3" || exit 1
if diff -r "$tmp/sw1" "$tmp/sw3" >/dev/null; then echo "ok - shared policies: -j 1 = -j 3"
else echo "not ok - shared policies: -j 1 = -j 3"; fail=1; fi
for i in 1 2; do
  # shellcheck disable=SC2086
  "$ORGSIM" run tests/data/small.ini -q $sweep -j 2 --shard "$i/2" -o "$tmp/sws$i" || exit 1
done
"$ORGSIM" merge "$tmp/sws1" "$tmp/sws2" -o "$tmp/swm" >/dev/null || exit 1
if diff -r "$tmp/sw1" "$tmp/swm" >/dev/null; then echo "ok - shared policies: shards merged = one run"
else echo "not ok - shared policies: shards merged = one run"; fail=1; fi
"$ORGSIM" run tests/data/small.ini -q -r 5 -t 30 --per-run -o "$tmp/alone" \
  --set "scenario.policies=best;random;best-random" --set promotion.r=0.6 \
  --set promotion.transfer=peter || exit 1
# runs.csv: variant, the two swept keys, policy, ...: the sweep's rows of
# r = 0.6 under Peter, without the variant's cells, against the lone run's.
awk -F, 'NR > 1 && $2 == "0.6" && $3 == "peter" { $1 = $2 = $3 = ""; print }' \
  "$tmp/sw1/runs.csv" >"$tmp/a"
awk -F, 'NR > 1 { $1 = "  "; print }' "$tmp/alone/runs.csv" >"$tmp/b"
if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then
  echo "ok - a shared policy's rows are those of the variant run alone"
else
  echo "not ok - a shared policy's rows are those of the variant run alone"; fail=1
fi
exit $fail

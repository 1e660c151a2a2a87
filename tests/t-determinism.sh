#!/bin/sh
# Same scenario and seed, same bytes: for any -j, and for shards merged.
# Also: merge refuses a missing, doubled or foreign shard (exit 2).
set -u
. "$(dirname "$0")/lib.sh"
run() { "$ORGSIM" run "$@" -q; }

for sc in tests/data/small.ini tests/data/small-sweep.ini; do
  name=$(basename "$sc" .ini)
  run "$sc" --per-run -j 1 -o "$tmp/$name-j1"
  run "$sc" --per-run -j 2 -o "$tmp/$name-j2"
  run "$sc" --per-run -j 3 -o "$tmp/$name-j3"
  check "$name: -j 1 and -j 2 byte-identical" diff -r "$tmp/$name-j1" "$tmp/$name-j2"
  check "$name: -j 1 and -j 3 byte-identical" diff -r "$tmp/$name-j1" "$tmp/$name-j3"
  for i in 1 2 3; do
    run "$sc" --per-run -j 2 --shard "$i/3" -o "$tmp/$name-shard$i"
  done
  "$ORGSIM" merge "$tmp/$name-shard3" "$tmp/$name-shard1" "$tmp/$name-shard2" \
    -o "$tmp/$name-merged" >/dev/null
  check "$name: 3 shards merged = one run (diff -r)" diff -r "$tmp/$name-j1" "$tmp/$name-merged"
done

# An org too large to copy for each policy (over 100,000 positions): with
# two or more jobs each policy of a run is a task of its own, and the runs
# of a policy whose results another variant shares are waited for.
cat >"$tmp/big.ini" <<'EOF'
[scenario]
name = big
steps = 3
runs = 3
seed = 5
policies = best;random;seniority
window = 1
[org]
spans = 10;10;10;10;10
[effort]
enabled = true
[sweep]
org.candidates = level;team
EOF
run "$tmp/big.ini" --per-run --careers --careers-runs 1 -j 1 -o "$tmp/big-j1"
run "$tmp/big.ini" --per-run --careers --careers-runs 1 -j 2 -o "$tmp/big-j2"
run "$tmp/big.ini" --per-run --careers --careers-runs 1 -j 3 -o "$tmp/big-j3"
check "an org of 111,111 positions, policies as separate tasks: -j 1 and -j 2 byte-identical" \
  diff -r "$tmp/big-j1" "$tmp/big-j2"
check "an org of 111,111 positions, policies as separate tasks: -j 1 and -j 3 byte-identical" \
  diff -r "$tmp/big-j1" "$tmp/big-j3"
for i in 1 2; do
  run "$tmp/big.ini" --per-run --careers --careers-runs 1 -j 2 --shard "$i/2" -o "$tmp/big-shard$i"
done
"$ORGSIM" merge "$tmp/big-shard2" "$tmp/big-shard1" -o "$tmp/big-merged" >/dev/null
check "an org of 111,111 positions: 2 shards of -j 2 merged = one -j 1 run" \
  diff -r "$tmp/big-j1" "$tmp/big-merged"

# Shard folders hold what merge needs.
check "a shard folder has shard.ini and accumulators.txt" \
  test -s "$tmp/small-shard2/shard.ini" -a -s "$tmp/small-shard2/accumulators.txt"
check "run 0's org chart is only in shard 1" \
  sh -c "test -s '$tmp/small-shard1/orgchart.csv' && test \$(wc -l < '$tmp/small-shard2/orgchart.csv') -eq 1"

expect_refused() { # description, expected text, merge args...
  what=$1; text=$2; shift 2
  "$ORGSIM" merge "$@" -o "$tmp/refused" 2>"$tmp/err" >/dev/null
  st=$?
  if [ $st -eq 2 ] && grep -q "$text" "$tmp/err" && grep -q '^orgsim: ' "$tmp/err" \
     && [ ! -e "$tmp/refused" ]; then
    echo "ok - merge refuses $what"
  else
    echo "not ok - merge refuses $what (exit $st: $(cat "$tmp/err"))"; fail=1
  fi
}
expect_refused "a missing shard" "shard 3/3 missing" "$tmp/small-shard1" "$tmp/small-shard2"
expect_refused "a doubled shard" "shard 2/3 is given twice" \
  "$tmp/small-shard1" "$tmp/small-shard2" "$tmp/small-shard2" "$tmp/small-shard3"
run tests/data/small.ini --per-run --shard 3/3 -s 99 -o "$tmp/other-seed"
expect_refused "a shard of another seed" "another scenario or seed" \
  "$tmp/small-shard1" "$tmp/small-shard2" "$tmp/other-seed"
expect_refused "a shard of another scenario" "another scenario or seed" \
  "$tmp/small-shard1" "$tmp/small-shard2" "$tmp/small-sweep-shard3"
run tests/data/small.ini --per-run --shard 1/2 -o "$tmp/half"
expect_refused "shards of different counts" "is shard" "$tmp/small-shard1" "$tmp/half"
run tests/data/small.ini --shard 3/3 -o "$tmp/no-per-run"
expect_refused "shards with and without --per-run" "per-run" \
  "$tmp/small-shard1" "$tmp/small-shard2" "$tmp/no-per-run"
expect_refused "a folder that is not a shard" "not a shard folder" "$tmp/small-j1"

# -o never replaces a folder that is not orgsim's results.
mkdir "$tmp/thesis" && echo "chapter one" >"$tmp/thesis/thesis.txt"
"$ORGSIM" run tests/data/small.ini -r 2 -t 30 -q -o "$tmp/thesis" 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q "not orgsim results" "$tmp/err" && [ "$(cat "$tmp/thesis/thesis.txt")" = "chapter one" ] \
   && [ "$(ls -A "$tmp/thesis")" = thesis.txt ]; then
  echo "ok - a folder of other files is not replaced by results"
else
  echo "not ok - -o over a folder of other files (exit $st)"; fail=1
fi
exit $fail

#!/bin/sh
# t-robust.sh: orgsim robust.  Same bytes for any -j and for shards merged;
# a ranking that turns round is marked; bad [robust] entries are refused with
# FILE:LINE and exit 2, leaving earlier results as they were.
set -u
. "$(dirname "$0")/lib.sh"
robust() { "$ORGSIM" robust "$@" -q --no-plot; }

# ---- determinism: -j and shards ----
sc=tests/data/small.ini
robust "$sc" -r 4 -j 1 -o "$tmp/j1" || { echo "not ok - orgsim robust -j 1 failed"; exit 1; }
robust "$sc" -r 4 -j 2 -o "$tmp/j2"
check "small: robust -j 1 and -j 2 byte-identical" diff -r "$tmp/j1" "$tmp/j2"
check "robust.csv has the documented header" \
  test "$(head -n 1 "$tmp/j1/robust.csv")" = \
  "parameter,setting,value,policy,vs_baseline_mean,vs_baseline_ci_lo,vs_baseline_ci_hi,rank,ranking_changed"
# One row per setting x policy: settings from robust.ini, 5 policies.
cells=$(sed -n 's/^cells=//p' "$tmp/j1/robust.ini")
check "robust.csv: one row per setting ($cells) x policy (5)" \
  test "$(($(wc -l <"$tmp/j1/robust.csv") - 1))" -eq "$((cells * 5))"
check "every switch value is a setting" sh -c "
  for s in common-sense peter mixed skills job technical level team true false; do
    grep -q \"^[a-z.]*,\$s,\$s,best,\" '$tmp/j1/robust.csv' || exit 1
  done"
check "the baseline's difference from itself is 0" \
  sh -c "! awk -F, '\$4 == \"best\" && \$5 != 0' '$tmp/j1/robust.csv' | grep -q ."
for i in 1 2 3; do robust "$sc" -r 4 -j 2 --shard "$i/3" -o "$tmp/shard$i"; done
"$ORGSIM" merge "$tmp/shard2" "$tmp/shard3" "$tmp/shard1" -o "$tmp/merged" >/dev/null
check "3 shards merged = one robust run (diff -r)" diff -r "$tmp/j1" "$tmp/merged"
"$ORGSIM" merge "$tmp/shard2" "$tmp/shard1" -o "$tmp/refused" >/dev/null 2>"$tmp/err"
check "merge refuses a missing robust shard (exit 2)" \
  sh -c "test $? -eq 2 && grep -q 'shard 3/3 is missing' '$tmp/err' && test ! -e '$tmp/refused'"
# Merging into one of the shards would replace it with the merged results.
(cd "$tmp/shard2" && find . -type f | LC_ALL=C sort | xargs cksum) >"$tmp/shard2.sums"
"$ORGSIM" merge "$tmp/shard2" "$tmp/shard3" "$tmp/shard1" -o "$tmp/shard2" >/dev/null 2>"$tmp/err"
st=$?
check "merge refuses to write over one of its robust shards (exit 2), the shard intact" \
  sh -c "test $st -eq 2 && grep -q 'is the shard folder' '$tmp/err' \
    && (cd '$tmp/shard2' && find . -type f | LC_ALL=C sort | xargs cksum) | cmp -s - '$tmp/shard2.sums'"

# ---- a ranking that changes ----
robust tests/data/robust-flip.ini -j 2 -o "$tmp/flip"
rows() { awk -F, -v s="$1" '$2 == s { print $4 ":" $8 ":" $9 }' "$tmp/flip/robust.csv" | tr '\n' ' '; }
check "flip: skills (as the base) keeps the ranking, best first" \
  test "$(rows skills)" = "best:1:0 worst:3:0 random:2:0 "
check "flip: under peter the ranking changes and worst comes first" \
  sh -c "rows='$(rows peter)'; case \$rows in *worst:1:1*best:3:1* | *best:3:1*worst:1:1*) exit 0;; esac; exit 1"
check "flip: tornado.csv names the transfer rule" \
  grep -q '^1,promotion.transfer,skills,.*,peter,' "$tmp/flip/tornado.csv"
"$ORGSIM" robust tests/data/robust-flip.ini -j 1 -o "$tmp/flip-out" --no-plot >"$tmp/summary"
check "flip: the summary names the setting where another policy comes first" \
  grep -q 'promotion.transfer=peter *worst > ' "$tmp/summary"

# The chart, drawn without a warning (any gnuplot warning fails the command).
if command -v gnuplot >/dev/null 2>&1; then
  sed 's/^name = flip$/&\ndescription = When the transfer rule turns the ranking round/' \
    tests/data/robust-flip.ini >"$tmp/flip-described.ini"
  "$ORGSIM" robust "$tmp/flip-described.ini" -q -r 2 -j 2 -o "$tmp/chart" >"$tmp/chart.out" 2>&1
  check "the tornado chart is drawn (charts/tornado.png, a PNG)" \
    sh -c "test $? -eq 0 && head -c 4 '$tmp/chart/charts/tornado.png' | grep -q PNG"
  check "the robust folder has labels.csv with each policy's plain label" \
    grep -q '^policy,worst,.' "$tmp/chart/labels.csv"
  "$ORGSIM" plot "$tmp/chart" --format svg >/dev/null 2>&1
  head=$(awk -F, 'NR == 2 { print $10 }' "$tmp/chart/tornado.csv")
  check "the tornado chart's title names the headline policy ($head) by its plain label" \
    sh -c "grep -q 'What moves the advantage of' '$tmp/chart/charts/tornado.svg' \
      && grep -qF \"\$(sed -n 's/^policy,$head,//p' '$tmp/chart/labels.csv')\" '$tmp/chart/charts/tornado.svg'"
  check "the tornado chart's subtitle is the scenario's description" \
    grep -qF "When the transfer rule turns the ranking round" "$tmp/chart/charts/tornado.svg"
  "$ORGSIM" robust tests/data/small.ini -q -r 2 -j 2 -p best -o "$tmp/chart1" >/dev/null 2>&1
  check "with one policy the chart says there is nothing to compare" \
    test -s "$tmp/chart1/charts/tornado.png"
else
  echo "ok - # SKIP gnuplot not installed: the chart is not drawn"
fi

# ---- bad [robust] entries: FILE:LINE, exit 2, earlier results untouched ----
cp -r "$tmp/j1" "$tmp/earlier"
bad() { # description, expected text, [robust] body
  what=$1; text=$2; body=$3
  printf '[scenario]\nname = bad\nsteps = 5\nruns = 2\n\n[robust]\n%s\n' "$body" >"$tmp/bad.ini"
  "$ORGSIM" robust "$tmp/bad.ini" -q --no-plot -o "$tmp/earlier" >/dev/null 2>"$tmp/err"
  st=$?
  if [ $st -eq 2 ] && grep -qF "orgsim: $tmp/bad.ini:7: [robust] $text" "$tmp/err" \
       && [ "$(wc -l <"$tmp/err")" -eq 1 ] && diff -r "$tmp/j1" "$tmp/earlier" >/dev/null; then
    echo "ok - refused: $what"
  else
    echo "not ok - $what (exit $st): $(cat "$tmp/err")"; fail=1
  fi
}
bad "unknown key" "effort.bare_minimun: not a key robust varies" "effort.bare_minimun = 0.4;0.8"
bad "one value" "effort.bare_minimum: give a low and a high value" "effort.bare_minimum = 0.4"
bad "three values" "effort.bare_minimum: give a low and a high value" "effort.bare_minimum = 0.4;0.5;0.8"
bad "out of range" "effort.bare_minimum: '1.4' is not a setting: bare_minimum: 1.4 is out of range" \
  "effort.bare_minimum = 0.4;1.4"
bad "not a number" "people.quit_rate: 'often' is not a setting" "people.quit_rate = often;0.2"
bad "empty value" "effort.bare_minimum: an empty value" "effort.bare_minimum = 0.4;"
bad "unknown switch value" "promotion.transfer: 'petr' is not a setting" "promotion.transfer = peter;petr"
bad "a value twice" "promotion.transfer: 'peter' is given twice" "promotion.transfer = peter;peter"
bad "a list of the wrong length" "org.people_weight: '0.5;0.5' is not a setting" \
  "org.people_weight = 0.5;0.5 | 0.9;0.9;0.9;0.9;0.9;0"
bad "a bad distribution" "people.people: 'normal(5,2,1' is not a setting" \
  "people.people = normal(3,2,1,10);normal(5,2,1"
# A [sweep] is left out, with a note: the base is the scenario without it.
printf '[scenario]\nsteps = 5\nruns = 2\n[promotion]\ndelta = 1\n[sweep]\npromotion.delta = 1;2\n' >"$tmp/sweep.ini"
"$ORGSIM" robust "$tmp/sweep.ini" --no-plot -o "$tmp/sweep" >"$tmp/out"
check "a scenario's [sweep] is left out with a note" \
  sh -c "grep -q 'note: the scenario.s \[sweep\] is left out' '$tmp/out' && ! grep -q sweep '$tmp/sweep/scenario.ini' && grep -q '^promotion.delta,high,2,' '$tmp/sweep/robust.csv'"
# Interrupted (SIGINT): exit 1, "orgsim: interrupted", the earlier folder as
# it was, no temporary folder left beside it.
"$ORGSIM" robust tests/data/small.ini -q --no-plot -t 100000 -j 2 -o "$tmp/earlier" \
  >/dev/null 2>"$tmp/int.err" &
pid=$!
sleep 1
kill -s INT $pid
wait $pid
st=$?
check "interrupted: exit 1, 'orgsim: interrupted', earlier results untouched, nothing left" \
  sh -c "test $st -eq 1 && grep -q '^orgsim: interrupted' '$tmp/int.err' &&
         diff -r '$tmp/j1' '$tmp/earlier' >/dev/null && ! ls -a '$tmp' | grep -q 'tmp-'"

# orgsim run accepts and ignores [robust].
printf '[scenario]\nsteps = 5\nruns = 2\n[robust]\neffort.bare_minimum = 0.4;0.8\n' >"$tmp/run.ini"
check "orgsim run ignores a [robust] section" "$ORGSIM" run "$tmp/run.ini" -q -o "$tmp/run"
# Good entries: off, a list pair, a distribution pair, a switch subset.
cat >"$tmp/good.ini" <<'INI'
[scenario]
steps = 10
runs = 2
policies = best;random
[org]
people_weight = 0.5;0.5;0.5;0.5;0.5;0
[robust]
effort.bare_minimum = off
org.people_weight = 0.2;0.2;0.2;0.2;0.2;0 | 0.9;0.9;0.9;0.9;0.9;0
people.people = normal(3,2,1,10);normal(6,2,1,10)
promotion.transfer = peter
INI
robust "$tmp/good.ini" -j 2 -o "$tmp/good"
check "[robust]: off leaves a key out" sh -c "! grep -q '^effort.bare_minimum,' '$tmp/good/robust.csv'"
check "[robust]: a list pair is run as given" \
  grep -q '^org.people_weight,high,0.9;0.9;0.9;0.9;0.9;0,best,' "$tmp/good/robust.csv"
check "[robust]: a distribution is quoted in the CSV" \
  grep -q '^people.people,low,"normal(3,2,1,10)",random,' "$tmp/good/robust.csv"
check "[robust]: a switch runs only the values given" \
  test "$(grep -c '^promotion.transfer,' "$tmp/good/robust.csv")" -eq 2

exit $fail

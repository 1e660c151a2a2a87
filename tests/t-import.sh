#!/bin/sh
# t-import.sh: an imported org chart, end to end:
#  - scenarios/acme.ini: check names the positions read; a run's orgchart.csv
#    holds exactly the imported tree (each position's parent is its manager)
#    with the chart's titles and the level names;
#  - messy but valid exports (tests/org/*.ini) load, with the count expected;
#  - a chart of 10^7 rows is refused up front, quickly, with exit status 2.
set -u
. "$(dirname "$0")/lib.sh"

"$ORGSIM" check scenarios/acme.ini >"$tmp/check" 2>"$tmp/err" || bad "acme: check failed: $(cat "$tmp/err")"
rows=$(awk 'NR > 1 && $0 != "\r" && $0 != ""' scenarios/acme-org.csv | wc -l)
if grep -q "^chart: $rows positions read from scenarios/acme-org.csv" "$tmp/check"; then
  ok "acme: check prints the $rows positions read"
else
  bad "acme: check does not print '$rows positions read': $(grep chart: "$tmp/check")"
fi

"$ORGSIM" run scenarios/acme.ini -r 2 -t 5 --set scenario.window=5 -o "$tmp/acme" >"$tmp/table" || exit 1
grep -q '^base  *best  *Promote the best engineer (what Acme does today)  ' "$tmp/table" \
  && ok "the summary table shows the policies' labels" || bad "summary table: no label: $(cat "$tmp/table")"
# Each position's parent in orgchart.csv (column 5, a position) has the id
# (column 17) of the row's manager in the chart.  Titles hold commas, so the
# chart's first two columns and orgchart.csv's first 17 are read, nothing after.
awk -F, '
FNR == 1 { file++; next }
file == 1 { sub(/\r$/, ""); mgr[$1] = $2; n++; next }
file == 2 && $2 == "best" { id[$3] = $17; parent[$3] = $5; m++ }
END {
  if (m != n) { printf "not ok - orgchart.csv has %d positions under best, the chart %d\n", m, n; exit 1 }
  for (p in id) {
    want = mgr[id[p]]; got = parent[p] < 0 ? "" : id[parent[p]]
    if (!(id[p] in mgr) || want != got) { printf "not ok - position %s (%s): parent %s, manager %s\n", p, id[p], got, want; exit 1 }
    seen[id[p]]++
  }
  for (i in mgr) if (seen[i] != 1) { printf "not ok - id %s appears %d times\n", i, seen[i]; exit 1 }
  printf "ok - orgchart.csv holds exactly the imported tree (%d positions)\n", m
}' scenarios/acme-org.csv "$tmp/acme/orgchart.csv" || fail=1
grep -q ',E004,VP Sales,' "$tmp/acme/orgchart.csv" && ok "orgchart.csv has the chart's ids and titles" \
  || bad "orgchart.csv lacks the chart's titles"
grep -q '^policy,best,Promote the best engineer (what Acme does today)$' "$tmp/acme/labels.csv" \
  && grep -q '^policy,potential,Promote for the people skills the job needs$' "$tmp/acme/labels.csv" \
  && ok "labels.csv: [labels] best replaces the built-in label; potential keeps its own" \
  || bad "labels.csv: policy labels"
grep -q '^level,5,Staff$' "$tmp/acme/labels.csv" && grep -q '^level,0,Executive$' "$tmp/acme/labels.csv" \
  && ok "labels.csv names the levels from the chart's Level column" || bad "labels.csv: level names"
LN=$(head -1 "$tmp/acme/levels.csv" | tr , '\n' | grep -nx level_name | cut -d: -f1)
awk -F, -v LN="$LN" 'NR > 1 && $4 == 0 { n++; if ($LN != "Executive") bad = 1 } END { exit bad || !n }' "$tmp/acme/levels.csv" \
  && ok "levels.csv: level_name" || bad "levels.csv: level 0 is not named Executive"

# Messy but valid exports.
for spec in bom-crlf-semicolon:6:4 reports-to-forward:6:4; do
  name=${spec%%:*}; rest=${spec#*:}; n=${rest%%:*}; L=${rest#*:}
  if "$ORGSIM" check "tests/org/$name.ini" >"$tmp/out" 2>"$tmp/err" \
    && grep -q "^chart: $n positions read from tests/org/$name.csv, $L levels deep" "$tmp/out"; then
    ok "tests/org/$name.csv loads: $n positions, $L levels"
  else
    bad "tests/org/$name.csv: $(cat "$tmp/err") $(grep chart: "$tmp/out")"
  fi
  grep -q '^orgsim: note: .*columns ignored' "$tmp/err" && ok "$name: unknown columns named in a note" \
    || bad "$name: no note of the ignored columns"
done

# 10^7 rows: refused from a count of the lines, before anything is read into memory.
{ echo "id,manager_id"; echo "1,"; seq 2 10000000 | awk '{ print $1 "," int($1 / 2) }'; } >"$tmp/huge.csv"
printf '[org]\nchart = huge.csv\n' >"$tmp/huge.ini"
t0=$(date +%s)
"$ORGSIM" check "$tmp/huge.ini" >/dev/null 2>"$tmp/err"
status=$?
t1=$(date +%s)
if [ $status = 2 ] && grep -q "huge.csv:[0-9]*: 10000001 lines: importing and simulating them would need about" "$tmp/err" \
  && [ $((t1 - t0)) -le 10 ]; then
  ok "10^7 rows refused in $((t1 - t0)) s: $(cat "$tmp/err")"
else
  bad "10^7 rows: exit $status after $((t1 - t0)) s: $(cat "$tmp/err")"
fi
exit $fail

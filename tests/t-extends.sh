#!/bin/sh
# Scenario inheritance and the coach's company (issue: your own organisation):
#  - tests/data/coach.ini sets only extends = workshop.ini, 40 people in
#    levels 1;4;35 and level names: final.csv shows the workshop's message
#    (under best the willing share and efficiency are lower than under
#    potential and under people);
#  - check says the workshop's per-level lists were mapped by relative depth
#    and where each value came from; chains work;
#  - orgsim new writes a template that loads and runs.
set -u
. "$(dirname "$0")/lib.sh"

"$ORGSIM" check tests/data/coach.ini >"$tmp/check" 2>&1 || bad "coach: check failed: $(cat "$tmp/check")"
grep -q '^note: org.people_weight: 6 values from workshop.ini mapped to 3 levels by relative depth' "$tmp/check" \
  && ok "check: the workshop's people weights mapped to 3 levels by depth" || bad "check: no mapping note"
grep -q '^org.people_weight = 0.9;0.825;0  <- .*workshop.ini:[0-9]* (extended)$' "$tmp/check" \
  && ok "check: people_weight 0.9;0.825;0 from workshop.ini (extended)" || bad "check: people_weight origin"
grep -q '^org.levels = 1;4;35  <- tests/data/coach.ini:7$' "$tmp/check" \
  && ok "check: levels from coach.ini:7" || bad "check: levels origin: $(grep '^org.levels' "$tmp/check")"
grep -q '^promotion.delta = 1  <- default$' "$tmp/check" && ok "check: defaults named" || bad "check: default origin"

"$ORGSIM" run tests/data/coach.ini -q -o "$tmp/c" || exit 1
col() { head -1 "$1" | tr , '\n' | grep -nx "$2" | cut -d: -f1; }
f="$tmp/c/final.csv"
W=$(col "$f" willing_share_final); E=$(col "$f" efficiency_final)
awk -F, -v W="$W" -v E="$E" '
function check(c, what) { if (c) print "ok - " what; else { print "not ok - " what; bad = 1 } }
NR > 1 { w[$2] = $W; e[$2] = $E }
END {
  for (i = 1; i <= 2; i++) {
    q = i == 1 ? "potential" : "people"
    check(w["best"] < w[q], "coach: willing share under best (" w["best"] ") below " q " (" w[q] ")")
    check(e["best"] < e[q], "coach: efficiency under best (" e["best"] ") below " q " (" e[q] ")")
  }
  exit bad
}' "$f" || fail=1
grep -q '^level,1,Team leads$' "$tmp/c/labels.csv" && grep -q ',Engineers$' "$tmp/c/levels.csv" \
  && ok "coach: level names in labels.csv and levels.csv" || bad "coach: level names missing"
grep -q '^policy,best,Promote the best engineer$' "$tmp/c/labels.csv" \
  && ok "labels.csv: best with assessment = technical is 'Promote the best engineer'" || bad "labels.csv: best"
[ -d "$tmp/c" ] && grep -q '^name=coach$' "$tmp/c/scenario.ini" \
  && ok "an inherited name gives way to the file's name (results are not the workshop's)" || bad "name"

"$ORGSIM" check tests/data/coach-chain.ini >"$tmp/chain" 2>&1 || bad "chain: $(cat "$tmp/chain")"
grep -q '^effort.bare_minimum = 0.5  <- tests/data/coach-chain.ini:7$' "$tmp/chain" \
  && grep -q '^org.levels = 1;4;35  <- .*coach.ini:7 (extended)$' "$tmp/chain" \
  && grep -q '^effort.enabled = true  <- .*workshop.ini:[0-9]* (extended)$' "$tmp/chain" \
  && ok "chain: values from all three files" || bad "chain: origins wrong"

# A template, from each kind of start.
for from in workshop paper acme; do
  (cd "$tmp" && "$ORGSIM" new "mine-$from" --from "$from" >/dev/null) || { bad "new --from $from failed"; continue; }
  if "$ORGSIM" run "$tmp/mine-$from.ini" -q -r 2 -t 120 -o "$tmp/m-$from" \
    && grep -q "^extends = " "$tmp/mine-$from.ini"; then
    ok "orgsim new mine-$from --from $from: a template with extends that runs"
  else
    bad "orgsim new --from $from: the template does not run"
  fi
done
(cd "$tmp" && "$ORGSIM" new mine-workshop >/dev/null 2>"$tmp/err"); status=$?
[ $status = 2 ] && grep -q 'exists' "$tmp/err" && ok "orgsim new: refuses to overwrite" \
  || bad "orgsim new over an existing file: exit $status"
exit $fail

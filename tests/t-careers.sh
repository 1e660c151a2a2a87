#!/bin/sh
# careers.csv (--careers): one row per spell of a person in a post.  Checks
# its invariants: the spells of a post tile the years without overlap; each
# promotion ends one spell and starts another, one level higher, the same
# year; team means lie within [0, 1] and only posts with reports have them;
# only runs 0..K-1 are recorded; and the file is the same for any -j and
# sharding.
set -u
. "$(dirname "$0")/lib.sh"
# tests/data/small.ini: levels 1;3;7;15 (26 positions), 5 policies, 60 years.
"$ORGSIM" run tests/data/small.ini -q --careers --careers-runs 2 --per-run -o "$tmp/a" -j 1 || exit 1
c="$tmp/a/careers.csv"
check "careers.csv has the documented header" test "$(head -1 "$c")" = \
  "variant,policy,run,person,position,level,start_year,end_year,how_ended,technical,people,competence_before,competence,team_size_mean,team_effort_mean,team_willing_mean"
check "only runs 0 and 1" test "$(awk -F, 'NR > 1 { print $3 }' "$c" | sort -u | tr '\n' ' ')" = "0 1 "
check "one spell still there per position, policy and run" \
  test "$(grep -c ',still there,' "$c")" -eq $((26 * 5 * 2))

# The spells of a post tile [0, 60]: sorted by start, each starts when the
# one before ended, the first at 0, the last (still there) ends at 60 (and
# may have started that year).
awk -F, 'NR > 1 { print $1 "|" $2 "|" $3 "|" $5, $7, $8, $9 }' "$c" | sort -k1,1 -k2,2n >"$tmp/posts"
check "the spells of each post tile the years, no overlap, no gap" awk '
  { split($0, f, " "); key = f[1]; s = f[2] + 0; e = f[3] + 0
    if (e < s || (e == s && f[4] != "still")) { print "empty spell: " $0; bad = 1 }
    if (key != last) { if (last != "" && lastend != 60) { print "ends early: " last; bad = 1 }
                       if (s != 0) { print "starts late: " $0; bad = 1 } }
    else if (s != lastend) { print "overlap or gap: " $0; bad = 1 }
    last = key; lastend = e }
  END { if (lastend != 60) bad = 1; exit bad }' "$tmp/posts"

# Each promotion (person p leaves level l in year e) starts a spell of p at
# level l - 1 in year e, whose competence_before is set.
check "each promotion starts a spell one level higher in the same year" awk -F, '
  NR == FNR { if (FNR > 1) { start[$1 "|" $2 "|" $3 "|" $4 "|" $7] = $6; cb[$1 "|" $2 "|" $3 "|" $4 "|" $7] = $12 } ; next }
  FNR > 1 && $9 == "promoted" { n++
    k = $1 "|" $2 "|" $3 "|" $4 "|" $8
    if (!(k in start) || start[k] != $6 - 1 || cb[k] == "") { print "no next spell: " $0; bad = 1 } }
  END { if (n < 50) { print "only " n " promotions"; bad = 1 }; exit bad }' "$c" "$c"
# The events agree with runs.csv: a spell without competence_before per hire
# (and per initial position), one ended per promotion, retirement,
# dismissal and quit.
check "spells agree with the event counts of runs.csv" awk -F, '
  FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
  FILENAME ~ /runs.csv$/ { k = $1 "|" $2 "|" $3
    if ($3 > 1) next
    want[k "|hire"] += $col[FILENAME, "hires"]; want[k "|promoted"] += $col[FILENAME, "promotions"]
    want[k "|retired"] += $col[FILENAME, "retirements"]; want[k "|dismissed"] += $col[FILENAME, "dismissals"]
    want[k "|quit"] += $col[FILENAME, "quits"]; next }
  { k = $1 "|" $2 "|" $3
    if ($12 == "") got[k "|hire"]++
    got[k "|" $9]++ }
  END { n = 0
    for (w in want) { x = w ~ /hire$/ ? 26 : 0; n++
      if (got[w] + 0 != want[w] + x) { print w ": " got[w] + 0 " spells, " want[w] + x " events"; bad = 1 } }
    if (n != 50) bad = 1
    exit bad }' "$tmp/a/runs.csv" "$c"
check "team means within [0, 1], team sizes the span, only for posts with reports" awk -F, '
  NR == 1 { next }
  $6 == 3 { if ($14 != "" || $15 != "" || $16 != "") bad = 1; next }
  { if ($14 == "" || $15 == "" || $16 == "") bad = 1
    if ($15 < 0 || $15 > 1 || $16 < 0 || $16 > 1) { print "out of range: " $0; bad = 1 }
    if ($14 < 1) bad = 1 }
  END { exit bad }' "$c"

# After a history (the run starts from an org 30 years on), years still
# count from the run's step 0.
"$ORGSIM" run tests/data/small.ini -q --careers -o "$tmp/h" --set history.policy=best \
  --set history.years=30 --set org.start=steady || exit 1
awk -F, 'NR > 1 { print $2 "|" $5, $7, $8 }' "$tmp/h/careers.csv" | sort -k1,1 -k2,2n >"$tmp/hposts"
check "after a history, the spells of each post tile years 0 to 60" awk '
  { if ($1 != last) { if (last != "" && lastend != 60) bad = 1; if ($2 != 0) bad = 1 }
    else if ($2 != lastend) bad = 1
    last = $1; lastend = $3 }
  END { if (NR < 100 || lastend != 60) bad = 1; exit bad }' "$tmp/hposts"

"$ORGSIM" run tests/data/small.ini -q --careers --careers-runs 2 -o "$tmp/b" -j 2 || exit 1
check "the same careers.csv with -j 2" cmp -s "$c" "$tmp/b/careers.csv"
for i in 1 2 3; do
  "$ORGSIM" run tests/data/small.ini -q --careers --careers-runs 2 --shard "$i/3" -o "$tmp/s$i" \
    || exit 1
done
"$ORGSIM" merge "$tmp/s1" "$tmp/s2" "$tmp/s3" -o "$tmp/m" >/dev/null || exit 1
check "shards merged: the same careers.csv" cmp -s "$c" "$tmp/m/careers.csv"
"$ORGSIM" run tests/data/small.ini -q --shard 3/3 -o "$tmp/s3plain" || exit 1
"$ORGSIM" merge "$tmp/s1" "$tmp/s2" "$tmp/s3plain" -o "$tmp/m2" >/dev/null 2>"$tmp/err"
check "merge refuses shards with and without --careers (exit 2)" \
  sh -c "test $? -eq 2 && grep -q 'careers' '$tmp/err' && test ! -e '$tmp/m2'"
"$ORGSIM" run tests/data/small.ini -q -o "$tmp/plain" || exit 1
check "no careers.csv without --careers" test ! -e "$tmp/plain/careers.csv"
check "the other files do not change with --careers" diff -r -x careers.csv -x runs.csv "$tmp/plain" "$tmp/a"
"$ORGSIM" run tests/data/small.ini -q --careers-runs 2 -o "$tmp/bad" 2>/dev/null
check "--careers-runs without --careers is a usage error (exit 2)" test $? -eq 2
"$ORGSIM" run tests/data/small.ini -q --careers --careers-runs 0 -o "$tmp/bad" 2>/dev/null
check "--careers-runs 0 is a usage error (exit 2)" test $? -eq 2
exit $fail

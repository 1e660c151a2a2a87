#!/bin/sh
# The start of the simulation (issue: your own organisation, part 2):
#  - with [history] policy = best, years = 30, year 0 is identical across
#    policies and across sweep variants, and its management levels are
#    already less competent in their jobs than the engineers;
#  - the steady start (the default) dismisses nobody in year 1: nobody
#    starts below the threshold; the paper's start (start = paper) does;
#  - retirements are spread over the years, not bunched at one cliff.
set -u
. "$(dirname "$0")/lib.sh"

hist="--set history.policy=best --set history.years=30 --set org.start=steady"
# shellcheck disable=SC2086
"$ORGSIM" run scenarios/workshop.ini -q -r 30 -t 40 $hist -o "$tmp/h" || exit 1
# Year 0 of every policy: the same numbers, column for column.
n=$(awk -F, 'NR > 1 && $3 == 0 { $2 = ""; print }' "$tmp/h/summary.csv" | sort -u | wc -l)
np=$(awk -F, 'NR > 1 && $3 == 0' "$tmp/h/summary.csv" | wc -l)
[ "$np" = 5 ] && [ "$n" = 1 ] && ok "history: year 0 identical under all $np policies (summary.csv)" \
  || bad "history: year 0 differs between policies ($n distinct rows of $np)"
n=$(awk -F, 'NR > 1 && $3 == 0 { $2 = ""; print }' "$tmp/h/levels.csv" | sort -u | wc -l)
[ "$n" = 6 ] && ok "history: year 0 identical under all policies (levels.csv, 6 levels)" \
  || bad "history: levels.csv year 0 has $n distinct rows, expected 6"
awk -F, 'NR > 1 && $2 == "best" && $3 == 0 { c[$4] = $5; if ($4 > top) top = $4 }
END {
  for (k = 0; k < top; k++)
    if (!(c[k] < c[top])) { printf "not ok - history: level %d (%.2f) not below the engineers (%.2f) at year 0\n", k, c[k], c[top]; exit 1 }
  printf "ok - history: at year 0 every management level is less competent than the engineers (%.2f)\n", c[top]
}' "$tmp/h/levels.csv" || fail=1

# The history is simulated: year 0 is not the start without it.
"$ORGSIM" run scenarios/workshop.ini -q -r 30 -t 40 --set org.start=steady -o "$tmp/nh" || exit 1
e_h=$(awk -F, 'NR == 2 { print $5 }' "$tmp/h/summary.csv")
e_n=$(awk -F, 'NR == 2 { print $5 }' "$tmp/nh/summary.csv")
awk -v a="$e_h" -v b="$e_n" 'BEGIN { exit !(a < b - 2) }' \
  && ok "history: year 0's efficiency ($e_h) is the history's, below the steady start's ($e_n)" \
  || bad "history: year 0 efficiency $e_h, without history $e_n: was the history run?"

# Sweep variants share the history too (promotion.delta does not touch year 0).
# shellcheck disable=SC2086
"$ORGSIM" run tests/data/small.ini -q -r 4 -t 10 $hist --set sweep.promotion.delta=0.5\;2 \
  --set scenario.window=5 -o "$tmp/v" || exit 1
# Columns before step name the variant, its swept key and the policy.
S=$(head -1 "$tmp/v/summary.csv" | tr , '\n' | grep -nx step | cut -d: -f1)
n=$(awk -F, -v S="$S" 'NR > 1 && $S == 0 { for (i = 1; i < S; i++) $i = ""; print }' "$tmp/v/summary.csv" | sort -u | wc -l)
[ "$n" = 1 ] && ok "history: year 0 identical across sweep variants and policies" \
  || bad "history: year 0 differs across sweep variants ($n distinct rows)"

# Dismissals in year 1 (summary.csv column 37, dismissals_mean).
"$ORGSIM" run tests/data/small.ini -q -r 8 -t 10 --set scenario.window=5 --set org.start=steady -o "$tmp/s" || exit 1
"$ORGSIM" run tests/data/small.ini -q -r 8 -t 10 --set scenario.window=5 -o "$tmp/p" || exit 1
d_s=$(awk -F, 'NR > 1 && $3 == 1 { s += $37 } END { print s + 0 }' "$tmp/s/summary.csv")
d_p=$(awk -F, 'NR > 1 && $3 == 1 { s += $37 } END { print s + 0 }' "$tmp/p/summary.csv")
[ "$d_s" = 0 ] && ok "steady start: nobody dismissed in year 1" \
  || bad "steady start: $d_s dismissals in year 1"
awk -v d="$d_p" 'BEGIN { exit !(d > 0) }' && ok "paper start: the year-1 purge is still there ($d_p dismissals)" \
  || bad "paper start: no dismissals in year 1"

# Retirements: the steady start spreads them from year 2 on (no yearly count
# above three times the mean); the paper's start has almost none for 20 years.
"$ORGSIM" run scenarios/workshop.ini -q -r 4 -p best -o "$tmp/rs" || exit 1
"$ORGSIM" run scenarios/workshop.ini -q -r 4 -p best --set org.start=paper -o "$tmp/rp" || exit 1
peak() { awk -F, 'NR > 1 && $3 >= 2 { if ($33 > m) m = $33; s += $33; n++; if ($3 <= 20) early += $33 } END { printf "%.1f %.2f %.1f\n", m, s / n, early }' "$1"; }
set -- $(peak "$tmp/rs/summary.csv") $(peak "$tmp/rp/summary.csv")
awk -v m="$1" -v mean="$2" -v se="$3" -v pe="$6" 'BEGIN { exit !(m <= 3 * mean && se > 20 && pe <= 1) }' \
  && ok "retirements: steady start peaks at $1 a year (mean $2, $3 in years 2-20); paper start: $6 in years 2-20" \
  || bad "retirements: steady peak $1 (mean $2, years 2-20: $3), paper start years 2-20: $6"
exit $fail

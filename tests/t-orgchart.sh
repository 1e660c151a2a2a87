#!/bin/sh
# orgchart.csv holds the top levels of a large organisation (whole levels,
# at most 20000 positions); --people writes every position to people.csv,
# the same for any sharding.
set -u
. "$(dirname "$0")/lib.sh"
rows() { echo $(($(wc -l <"$1") - 1)); }
# 1 + 30 + 900 + 27000 = 27931 positions; the top three levels are 931.
big="-r 3 -t 3 -p best,random --set scenario.window=2 --set org.spans=30;30;30 --set org.responsibility=1;0.8;0.5;0.3"
# shellcheck disable=SC2086
"$ORGSIM" run tests/data/small.ini $big -q -o "$tmp/plain" || exit 1
# shellcheck disable=SC2086
"$ORGSIM" run tests/data/small.ini $big -q --people -o "$tmp/people" || exit 1
check "orgchart.csv: the top 3 levels (931 positions) per policy" \
  test "$(rows "$tmp/plain/orgchart.csv")" -eq $((2 * 931))
check "orgchart.csv: no position below level 2" \
  test "$(awk -F, 'NR > 1 && $4 > 2' "$tmp/plain/orgchart.csv" | wc -l)" -eq 0
check "no people.csv without --people" test ! -e "$tmp/plain/people.csv"
check "people.csv: every position per policy" \
  test "$(rows "$tmp/people/people.csv")" -eq $((2 * 27931))
head -n 932 "$tmp/people/people.csv" >"$tmp/a"
head -n 932 "$tmp/plain/orgchart.csv" >"$tmp/b"
check "people.csv's first policy starts with orgchart.csv's rows" cmp -s "$tmp/a" "$tmp/b"
check "the rest of the files do not change with --people" \
  diff -r -x people.csv "$tmp/plain" "$tmp/people"
for i in 1 2; do
  # shellcheck disable=SC2086
  "$ORGSIM" run tests/data/small.ini $big -q --people --shard "$i/2" -o "$tmp/s$i" || exit 1
done
"$ORGSIM" merge "$tmp/s1" "$tmp/s2" -o "$tmp/merged" >/dev/null || exit 1
check "shards with --people merge to the same bytes" diff -r "$tmp/people" "$tmp/merged"
# A small organisation keeps every position in orgchart.csv.
"$ORGSIM" run tests/data/small.ini -r 1 -t 5 --set scenario.window=2 -q -o "$tmp/small" || exit 1
check "a small organisation: every position in orgchart.csv" \
  test "$(rows "$tmp/small/orgchart.csv")" -eq $((5 * 26))
exit $fail

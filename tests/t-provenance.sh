#!/bin/sh
# t-provenance.sh: scenario.ini records the orgsim version and the command
# line (without the options that do not change results), still loads back,
# and is the same for any -j, -o and sharding.
set -u
: "${ORGSIM:?set ORGSIM to the orgsim binary}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; fail=1; }
"$ORGSIM" run tests/data/small.ini -q -r 2 -j 2 -o "$tmp/a" --set 'promotion.p=0.25' -s 9 || exit 1
version=$("$ORGSIM" --version)
[ "$(sed -n 1p "$tmp/a/scenario.ini")" = "# $version" ] && ok "first line: # $version" \
  || no "version line: $(sed -n 1p "$tmp/a/scenario.ini")"
want="# command: orgsim run tests/data/small.ini -r 2 -s 9 --set promotion.p=0.25"
[ "$(sed -n 2p "$tmp/a/scenario.ini")" = "$want" ] && ok "second line: the command line" \
  || no "command line: $(sed -n 2p "$tmp/a/scenario.ini")"
"$ORGSIM" run tests/data/small.ini -q --seed=9 --jobs=1 --out="$tmp/b" --set 'promotion.p=0.25' \
  --runs 2 --stats --per-run 2>/dev/null || exit 1
cmp -s "$tmp/a/scenario.ini" "$tmp/b/scenario.ini" \
  && ok "the same command written otherwise, with -j, -o, --stats, --per-run: the same lines" \
  || no "scenario.ini differs: $(diff "$tmp/a/scenario.ini" "$tmp/b/scenario.ini")"
"$ORGSIM" run tests/data/small.ini -q --set "scenario.name=it's a b" -r 2 -o "$tmp/c" || exit 1
grep -qxF "# command: orgsim run tests/data/small.ini -r 2 --set 'scenario.name=it'\\''s a b'" \
  "$tmp/c/scenario.ini" && ok "arguments quoted for the shell" \
  || no "quoting: $(sed -n 2p "$tmp/c/scenario.ini")"
"$ORGSIM" run "$tmp/a/scenario.ini" -q -o "$tmp/again" || exit 1
if diff "$tmp/a/final.csv" "$tmp/again/final.csv" >/dev/null; then
  ok "scenario.ini loads back to the same results"
else
  no "scenario.ini does not load back to the same results"
fi
for k in 1 2; do
  "$ORGSIM" run tests/data/small.ini -q -r 2 --set 'promotion.p=0.25' -s 9 --shard $k/2 \
    -j $k -o "$tmp/s$k" || exit 1
done
"$ORGSIM" merge "$tmp/s2" "$tmp/s1" -o "$tmp/m" >/dev/null || exit 1
cmp -s "$tmp/a/scenario.ini" "$tmp/m/scenario.ini" && ok "merged shards: the same scenario.ini" \
  || no "merged scenario.ini differs: $(diff "$tmp/a/scenario.ini" "$tmp/m/scenario.ini")"
exit $fail

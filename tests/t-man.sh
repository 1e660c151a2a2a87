#!/bin/sh
# t-man.sh: the manual page orgsim.1 renders without warnings and keeps up
# with the program: every scenario section and key that `orgsim check`
# prints, every policy and transfer rule of `orgsim policies`, every option
# of `orgsim help COMMAND`, every file a run writes with the exact CSV
# headers, and every chart script in plots/ must be documented.
# Run from the repository root: ORGSIM=/abs/path/orgsim sh tests/t-man.sh
# Exits non-zero when anything failed, after printing what.
set -u

ORGSIM=${ORGSIM:-./orgsim}
PAGE=${MANPAGE:-orgsim.1}  # MANPAGE: another copy of the page, to test this test
if [ ! -x "$ORGSIM" ]; then
  echo "t-man: $ORGSIM: no such executable (set ORGSIM)" >&2
  exit 1
fi
if [ ! -f "$PAGE" ]; then
  echo "t-man: $PAGE: missing (run from the repository root)" >&2
  exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-man.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

n=0
fail=0
# printf, not echo: some echo builtins expand the backslashes of roff.
bad() {
  printf 'FAIL: %s\n' "$*"
  fail=$((fail + 1))
}
check() {
  n=$((n + 1))
}

# ---- rendering ----
# Both formatters when present: groff with every warning, and man(1) as a
# reader sees the page, at a fixed width.
rendered=no
if command -v groff >/dev/null 2>&1; then
  rendered=yes
  check
  groff -man -Tutf8 -ww -z "$PAGE" >"$tmp/groff.err" 2>&1
  if [ -s "$tmp/groff.err" ]; then
    bad "groff -man -ww warns on $PAGE:"
    sed 's/^/  /' "$tmp/groff.err"
  fi
fi
if command -v man >/dev/null 2>&1; then
  rendered=yes
  check
  MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" >/dev/null 2>"$tmp/man.err"
  if [ -s "$tmp/man.err" ]; then
    bad "man --warnings warns on $PAGE:"
    sed 's/^/  /' "$tmp/man.err"
  fi
fi
if [ $rendered = no ]; then
  echo "t-man: note: neither man nor groff is installed; rendering not checked"
fi

# ---- helpers ----
# The lines of the page after the first line starting with $1 (a .SH or .SS
# line), up to the next .SH or .SS.  (Strings reach awk through the
# environment: -v would expand the backslashes of roff.)
block() {
  START=$1 awk '
    on && /^\.S[SH] / { exit }
    on { print }
    index($0, ENVIRON["START"]) == 1 { on = 1 }
  ' "$PAGE"
}
# $1 as roff source writes it: every '-' as '\-'.
roff() {
  printf '%s\n' "$1" | sed 's/-/\\-/g'
}
# The CSV header the page documents for file $1: the first .EX block after
# ".TP" ".B $1", its lines joined.
doc_header() {
  NAME=$1 awk '
    inex && $0 == ".EE" { print out; exit }
    inex { out = out $0 }
    want && $0 == ".EX" { inex = 1 }
    prev == ".TP" && $0 == ".B " ENVIRON["NAME"] { want = 1 }
    { prev = $0 }
  ' "$PAGE" | sed 's/\\-/-/g'
}

# ---- scenario sections, keys and defaults ----
# A scenario of one empty section: `orgsim check` prints every key with its
# default.
printf '[scenario]\n' >"$tmp/defaults.ini"
check
if ! "$ORGSIM" check "$tmp/defaults.ini" >"$tmp/check.out" 2>"$tmp/check.err"; then
  bad "orgsim check on an empty scenario failed:"
  sed 's/^/  /' "$tmp/check.err"
fi
# "section key value" for every key printed.
awk '
  /^# resolved/ { exit }
  /^\[[a-z_]+\]$/ { sec = substr($0, 2, length($0) - 2); next }
  /^[A-Za-z_][A-Za-z0-9_-]*=/ && sec != "" {
    k = $0; sub(/=.*/, "", k); v = substr($0, length(k) + 2); print sec, k, v
  }
' "$tmp/check.out" >"$tmp/keys"
if [ "$(wc -l <"$tmp/keys")" -lt 30 ]; then
  bad "could not read the keys from orgsim check (got $(wc -l <"$tmp/keys") lines)"
fi
sections=$(awk '{ print $1 }' "$tmp/keys" | sort -u)
for sec in $sections sweep; do
  check
  if ! grep -qFx ".SS [$sec]" "$PAGE"; then
    bad "$PAGE: no '.SS [$sec]' subsection under SCENARIO FILE"
  fi
done
# levels and spans are alternatives and only levels is printed: name spans
# too.  Each key needs an entry "\fBkey\fR = TYPE (DEFAULT)" under its
# section; defaults derived from other keys are described in words there.
{ cat "$tmp/keys"; echo "org spans"; } | while read -r sec key value; do
  tag="\\fB$(roff "$key")\\fR = "
  line=$(block ".SS [$sec]" | TAG=$tag awk 'index($0, ENVIRON["TAG"]) == 1 { print; exit }')
  if [ -z "$line" ]; then
    printf '%s\n' "FAIL: $PAGE: key $sec.$key is not documented under [$sec] (expected a '.TP' entry starting '$tag')"
    continue
  fi
  echo "ok"
  case $sec.$key in
    org.spans | scenario.description | scenario.baseline | scenario.window | \
      org.responsibility | org.people_weight) continue ;;
    # Empty by default, described in words like description.
    scenario.extends | org.chart | org.level_names | labels.*) continue ;;
  esac
  case $line in
    *"($(roff "$value"))") echo "ok" ;;
    *) printf '%s\n' "FAIL: $PAGE: the entry of $sec.$key does not end with its default ($value): $line" ;;
  esac
done >"$tmp/keys.res"
# The loop ran in a subshell (a pipeline): count its results here.
grep '^FAIL' "$tmp/keys.res"
n=$((n + $(wc -l <"$tmp/keys.res")))
fail=$((fail + $(grep -c '^FAIL' "$tmp/keys.res")))

# ---- policies and transfer rules ----
check
if ! "$ORGSIM" policies >"$tmp/policies"; then
  bad "orgsim policies failed"
fi
names=$(awk '/^  [^ ]/ { print $1 }' "$tmp/policies")
if [ "$(printf '%s\n' "$names" | grep -c .)" -lt 10 ]; then
  bad "could not read the names from orgsim policies"
fi
block ".SH POLICIES AND TRANSFER RULES" >"$tmp/policies.roff"
for name in $names; do
  check
  if ! grep -qFx ".B $(roff "$name")" "$tmp/policies.roff"; then
    bad "$PAGE: '$name' (orgsim policies) is not documented under POLICIES AND TRANSFER RULES"
  fi
done

# ---- options ----
for cmd in run robust plot check merge compare; do
  check
  if ! "$ORGSIM" help $cmd >"$tmp/help.$cmd" 2>&1; then
    bad "orgsim help $cmd failed"
    continue
  fi
  # The tags of the command's entries, with '\-' read as '-'.
  block ".SS orgsim $cmd " | awk 'prev == ".TP" { print } { prev = $0 }' |
    sed 's/\\-/-/g' >"$tmp/cmd.tags"
  opts=$(sed -n '/^Application Options:/,$ s/^ *\(-[A-Za-z], \)\{0,1\}--\([A-Za-z][A-Za-z-]*\).*/\2/p' \
    "$tmp/help.$cmd")
  if [ -z "$opts" ]; then
    bad "could not read the options of orgsim help $cmd"
  fi
  for opt in $opts; do
    check
    if ! grep -qE -- "--$opt([^A-Za-z-]|\$)" "$tmp/cmd.tags"; then
      bad "$PAGE: option --$opt of orgsim $cmd has no '.TP' entry under 'orgsim $cmd'"
    fi
  done
done

# ---- output files and CSV headers ----
check
if ! "$ORGSIM" run tests/data/small-sweep.ini -o "$tmp/out" -q --per-run -r 2 -t 10 -j 1 \
       --set scenario.window=5 2>"$tmp/run.err"; then
  bad "orgsim run tests/data/small-sweep.ini failed:"
  sed 's/^/  /' "$tmp/run.err"
fi
check
if ! "$ORGSIM" run tests/data/small.ini -o "$tmp/shard" -q --per-run -r 2 -t 10 -j 1 \
       --set scenario.window=5 --shard 1/2 2>"$tmp/shard.err"; then
  bad "orgsim run --shard 1/2 failed:"
  sed 's/^/  /' "$tmp/shard.err"
fi
check
if ! "$ORGSIM" robust tests/data/robust-flip.ini -o "$tmp/robust" -q --no-plot -r 2 -j 1 \
       2>"$tmp/robust.err"; then
  bad "orgsim robust tests/data/robust-flip.ini failed:"
  sed 's/^/  /' "$tmp/robust.err"
fi
check
if ! "$ORGSIM" robust tests/data/robust-flip.ini -o "$tmp/robust-shard" -q -r 2 -j 1 \
       --shard 1/2 2>"$tmp/robust-shard.err"; then
  bad "orgsim robust --shard 1/2 failed:"
  sed 's/^/  /' "$tmp/robust-shard.err"
fi
block ".SH OUTPUT FILES" >"$tmp/output.roff"
for dir in "$tmp/out" "$tmp/shard" "$tmp/robust" "$tmp/robust-shard"; do
  [ -d "$dir" ] || continue
  for path in "$dir"/*; do
    f=${path##*/}
    [ -d "$path" ] && f="$f/"
    check
    if ! grep -qFx ".B $(roff "$f")" "$tmp/output.roff"; then
      bad "$PAGE: $f (written by orgsim run or robust) is not documented under OUTPUT FILES"
    fi
  done
done
# KEY... in a documented header stands for the swept keys, in file order.
keys=$(awk '/^\[/ { s = ($1 == "[sweep]") }
            s && /=/ && !/^[#;]/ { sub(/[ \t]*=.*/, ""); printf "%s%s", (n++ ? "," : ""), $0 }' \
        tests/data/small-sweep.ini)
for f in summary.csv final.csv finals.csv levels.csv orgchart.csv runs.csv sweep.csv; do
  [ -f "$tmp/out/$f" ] || { bad "orgsim run wrote no $f"; continue; }
  check
  actual=$(head -n 1 "$tmp/out/$f" | tr -d '\r')
  documented=$(doc_header "$f" | sed "s/,KEY\.\.\.,/,$keys,/")
  if [ "$actual" != "$documented" ]; then
    bad "$PAGE: the header of $f differs from the program's"
    printf '  program: %s\n  page:    %s\n' "$actual" "$documented"
  fi
done
for f in robust.csv tornado.csv; do
  [ -f "$tmp/robust/$f" ] || { bad "orgsim robust wrote no $f"; continue; }
  check
  actual=$(head -n 1 "$tmp/robust/$f" | tr -d '\r')
  documented=$(doc_header "$f")
  if [ "$actual" != "$documented" ]; then
    bad "$PAGE: the header of $f differs from the program's"
    printf '  program: %s\n  page:    %s\n' "$actual" "$documented"
  fi
done
# Every key robust varies has an entry in the page's table of them.
"$ORGSIM" robust --keys | awk '{ print $1 }' >"$tmp/robust.keys"
block ".SH ROBUSTNESS" >"$tmp/robust.roff"
while read -r key; do
  check
  if ! grep -qF "$(roff "$key")" "$tmp/robust.roff"; then
    bad "$PAGE: robust key $key (orgsim robust --keys) is not in the ROBUSTNESS table"
  fi
done <"$tmp/robust.keys"
if [ -f "$tmp/shard/accumulators.txt" ]; then
  check
  magic=$(head -n 1 "$tmp/shard/accumulators.txt" | cut -d' ' -f1,2)
  if ! grep -qF "$(roff "$magic")" "$tmp/output.roff"; then
    bad "$PAGE: accumulators.txt's first line '$magic ...' is not documented"
  fi
fi

# ---- charts ----
block ".SH CHARTS" >"$tmp/charts.roff"
for gp in plots/*.gp; do
  [ -f "$gp" ] || continue
  name=${gp##*/}
  name=${name%.gp}
  [ "$name" = common ] && continue
  check
  if ! grep -qFx ".B $(roff "$name")" "$tmp/charts.roff"; then
    bad "$PAGE: chart $name ($gp) is not documented under CHARTS"
  fi
done

if [ $fail -eq 0 ]; then
  echo "t-man: $n checks passed"
  exit 0
fi
echo "t-man: $fail of $n checks failed"
exit 1

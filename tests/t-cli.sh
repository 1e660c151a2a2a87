#!/bin/sh
# t-cli.sh: bad command lines get the right exit status and an `orgsim:`
# message, and a failing run leaves an earlier results folder untouched.
set -u
ORGSIM=${ORGSIM:-./orgsim}
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

fail=0
n=0
bad() {
  echo "FAIL: $1"
  fail=$((fail + 1))
}

# expect STATUS TEXT COMMAND...: runs COMMAND; its exit status must be STATUS,
# and for a non-zero STATUS stderr must start with "orgsim: " and contain TEXT
# (for 0, stdout must contain TEXT).
expect() {
  want=$1
  text=$2
  shift 2
  n=$((n + 1))
  "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  status=$?
  got=$(cat "$tmp/stdout")
  err=$(cat "$tmp/stderr")
  if [ "$status" -ne "$want" ]; then
    bad "$*: exit status $status, expected $want (stderr: $err)"
    return
  fi
  if [ "$want" -eq 0 ]; then
    case $got in
      *"$text"*) ;;
      *) bad "$*: stdout lacks '$text': $got" ;;
    esac
    return
  fi
  case $err in
    "orgsim: "*) ;;
    *) bad "$*: stderr does not start with 'orgsim: ': $err" ;;
  esac
  case $err in
    *"$text"*) ;;
    *) bad "$*: stderr lacks '$text': $err" ;;
  esac
}

good=tests/data/small.ini
out=$tmp/res

# ---- usage errors: exit 2 ----
expect 2 "Unknown option --bogus" "$ORGSIM" run $good --bogus -o "$out"
expect 2 "--set foo: expected section.key=value" "$ORGSIM" run $good --set foo -o "$out"
expect 2 "unknown key 'scenario.stepz' (did you mean 'scenario.steps'?)" \
  "$ORGSIM" run $good --set scenario.stepz=3 -o "$out"
expect 2 "unknown key 'steps' (did you mean 'scenario.steps'?)" \
  "$ORGSIM" run $good --set steps=3 -o "$out"
expect 2 "--shard: '0/0' is not I/N" "$ORGSIM" run $good --shard 0/0 -o "$out"
expect 2 "--shard: '3/2' is not I/N" "$ORGSIM" run $good --shard 3/2 -o "$out"
expect 2 "--shard: 'x' is not I/N" "$ORGSIM" run $good --shard x -o "$out"
expect 2 "-j/--jobs: '0' is not a number of threads" "$ORGSIM" run $good -j 0 -o "$out"
expect 2 "-j/--jobs: '-1' is not a number of threads" "$ORGSIM" run $good -j -1 -o "$out"
expect 2 "runs: '0' is not an integer from 1 to 10000000" "$ORGSIM" run $good -r 0 -o "$out"
expect 2 "unknown policy 'bset' (did you mean 'best'?)" "$ORGSIM" run $good -p bset -o "$out"
expect 2 "--format: 'gif' is not png, svg or pdf" "$ORGSIM" run $good --format gif -o "$out"
expect 2 "-o/--out: empty folder name" "$ORGSIM" run $good -o ""
expect 2 "tests/data/no-such.ini: cannot read the scenario: No such file or directory" \
  "$ORGSIM" run tests/data/no-such.ini -o "$out"
expect 2 "tests/data/no-such.ini: cannot read the scenario" "$ORGSIM" check tests/data/no-such.ini
expect 2 "tests/data: is a folder, not a scenario file" "$ORGSIM" run tests/data -o "$out"
expect 2 "run: give a scenario file" "$ORGSIM" run
expect 2 "run: one scenario file, not 2" "$ORGSIM" run $good $good
expect 2 "check: give one scenario file" "$ORGSIM" check
expect 2 "tests/data: not an orgsim results folder" "$ORGSIM" plot tests/data
expect 2 "unknown command 'frobnicate'" "$ORGSIM" frobnicate
expect 2 "no command given" "$ORGSIM"
expect 0 "orgsim " "$ORGSIM" --version
expect 0 "Usage:" "$ORGSIM" --help

# ---- run-time errors: exit 1 ----
expect 1 "not a folder" "$ORGSIM" run $good -r 2 -t 20 -q -o $good
expect 1 "tests/data/small.ini/out: cannot create the folder it goes in" \
  "$ORGSIM" run $good -r 2 -t 20 -q -o $good/out
if [ "$(id -u)" = 0 ]; then
  echo "skip: unwritable output parent (running as root: permissions do not bite)"
else
  mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
  expect 1 "$tmp/ro/out" "$ORGSIM" run $good -r 2 -t 20 -q -o "$tmp/ro/out"
  [ -z "$(ls -A "$tmp/ro")" ] || bad "unwritable parent: something was written in it"
fi

# ---- a failing run leaves earlier results untouched ----
sums() {
  (cd "$1" && find . | LC_ALL=C sort | while read -r f; do
    if [ -f "$f" ]; then cksum "$f"; else echo "$f"; fi
  done)
}
if ! "$ORGSIM" run $good -r 2 -t 20 -q -o "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
  bad "good run failed: $(cat "$tmp/stderr")"
elif [ ! -f "$out/summary.csv" ]; then
  bad "good run wrote no summary.csv"
else
  sums "$out" >"$tmp/before"
  expect 2 "tests/bad/nan.ini:2: delta:" "$ORGSIM" run tests/bad/nan.ini -q -o "$out"
  expect 2 "-j/--jobs" "$ORGSIM" run $good -j 0 -q -o "$out"
  expect 2 "unknown policy" "$ORGSIM" run $good -p bset -q -o "$out"
  expect 2 "cannot read the scenario" "$ORGSIM" run tests/data/no-such.ini -q -o "$out"
  expect 2 "window (20 years) is longer than steps (10 years" \
    "$ORGSIM" run $good -r 2 -t 10 -q -o "$out"
  sums "$out" >"$tmp/after"
  if ! cmp -s "$tmp/before" "$tmp/after"; then
    bad "a failing run changed the earlier results:"
    diff "$tmp/before" "$tmp/after"
  fi
  left=$(cd "$tmp" && ls -A | grep '^\.res\.' || true)
  [ -z "$left" ] || bad "temporary folders left beside the results: $left"
fi

# `orgsim help CMD` and `orgsim CMD --help` say the same, naming the command.
for cmd in run plot check merge compare; do
  n=$((n + 1))
  "$ORGSIM" help "$cmd" >"$tmp/help1" 2>&1
  "$ORGSIM" "$cmd" --help >"$tmp/help2" 2>&1
  if ! cmp -s "$tmp/help1" "$tmp/help2" || ! grep -q "orgsim $cmd" "$tmp/help1"; then
    bad "orgsim help $cmd differs from orgsim $cmd --help, or does not name it"
  fi
done

# ---- a command line that helps ----
# check takes the options of run that change the scenario, and counts what
# run will do.
expect 0 "runs in all: 6 (variants x policies x runs)" \
  "$ORGSIM" check $good -r 3 -t 25 -s 5 -p best,random --set promotion.p=0.3
for want in "runs=3" "steps=25" "seed=5" "policies=best;random" "p=0.3"; do
  grep -qx "$want" "$tmp/stdout" || bad "check -r -t -s -p --set: no line '$want' in its output"
done
expect 2 "runs: '0' is not an integer" "$ORGSIM" check $good -r 0
expect 2 "unknown policy 'bset' (did you mean 'best'?)" "$ORGSIM" check $good -p bset
# Its memory estimate is the experiment's, not 0.0 MiB for a large run.
expect 0 "memory: " "$ORGSIM" check scenarios/large.ini
mem=$(sed -n 's/^memory: \([0-9.]*\) MiB with -j [0-9]* .*/\1/p' "$tmp/stdout")
awk -v m="$mem" 'BEGIN { exit !(m >= 100) }' || bad "check: memory of the large scenario '$mem' MiB"

# "did you mean" for subcommands and long options.
expect 2 "unknown command 'rn' (did you mean 'run'?)" "$ORGSIM" rn $good
expect 2 "unknown command 'chek' (did you mean 'check'?)" "$ORGSIM" chek $good
expect 2 "unknown command 'scenaros' (did you mean 'scenarios'?)" "$ORGSIM" scenaros
expect 2 "Unknown option --polices (did you mean --policies?)" "$ORGSIM" run $good --polices best
expect 2 "Unknown option --per_run (did you mean --per-run?)" "$ORGSIM" run $good --per_run
expect 2 "Unknown option --sett (did you mean --set?)" "$ORGSIM" check $good --sett a=b
# --set K V instead of K=V.
expect 2 "--set promotion.p: expected section.key=value, one argument with '=' (did you mean --set promotion.p=0.3?)" \
  "$ORGSIM" run $good --set promotion.p 0.3 -o "$out"
expect 2 "(did you mean --set promotion.p=0.3?)" "$ORGSIM" check $good --set promotion.p 0.3

# A list in a file written with commas gets a hint; --set too.
printf '[scenario]\npolicies=best,people\n' >"$tmp/commas.ini"
expect 2 "commas.ini:2: policies: unknown policy 'best,people'; orgsim policies lists them (a list in a scenario separates its entries with ';', not ',': did you mean policies=best;people?)" \
  "$ORGSIM" check "$tmp/commas.ini"
printf '[org]\nlevels=1;3;9\nresponsibility=1,0.5,0.2\n' >"$tmp/commas2.ini"
expect 2 "did you mean responsibility=1;0.5;0.2?" "$ORGSIM" check "$tmp/commas2.ini"
expect 2 "did you mean levels=1;4?" "$ORGSIM" check $good --set org.levels=1,4
# Keys that no chosen policy reads: a note from check, not an error.
printf '[scenario]\npolicies=best;people\n[promotion]\nr=0.3\n' >"$tmp/unused.ini"
expect 0 "note: $tmp/unused.ini:4: promotion.r is read only by the best-random policy, which is not among the policies; it changes nothing" \
  "$ORGSIM" check "$tmp/unused.ini"
grep -q "promotion.p" "$tmp/stdout" && grep -q "^note: .*promotion.p" "$tmp/stdout" \
  && bad "check: a note for promotion.p, which the file does not give"
expect 0 "note: --set sweep.promotion.p=0;1: promotion.p is read only by the best-worst policy" \
  "$ORGSIM" check "$tmp/unused.ini" --set 'sweep.promotion.p=0;1'
"$ORGSIM" check "$tmp/unused.ini" -p best,best-random >"$tmp/stdout" 2>&1
n=$((n + 1))
grep -q "^note:" "$tmp/stdout" && bad "check -p best,best-random: a note although best-random reads r"
# Numbers as written: derived responsibilities too.
printf '[org]\nlevels=1;3;9\n' >"$tmp/three.ini"
expect 0 "responsibility=1;0.6;0.2" "$ORGSIM" check "$tmp/three.ini"
grep -q "9999999\|0000000" "$tmp/stdout" && bad "check: a number not as written: $(grep '9999999\|0000000' "$tmp/stdout")"
printf '[org]\nlevels=1;3\nresponsibility=0.1;0.7\n[promotion]\ndelta=0.3\n' >"$tmp/asis.ini"
expect 0 "responsibility=0.1;0.7" "$ORGSIM" check "$tmp/asis.ini"
grep -qx "delta=0.3" "$tmp/stdout" || bad "check: delta=0.3 not printed as written"

# Installed scenarios by name, from any folder, and their list.
abs=$(cd "$(dirname "$ORGSIM")" && pwd)/$(basename "$ORGSIM")
mkdir -p "$tmp/elsewhere"
(cd "$tmp/elsewhere" && "$abs" check workshop >"$tmp/stdout" 2>"$tmp/stderr")
n=$((n + 1))
grep -q "^ok: .*scenarios/workshop.ini" "$tmp/stdout" || bad "check workshop: $(cat "$tmp/stderr")"
(cd "$tmp/elsewhere" && "$abs" check workshop.ini >/dev/null 2>&1) || bad "check workshop.ini failed"
printf '[scenario]\nname=local\nruns=2\n' >"$tmp/elsewhere/workshop.ini"
(cd "$tmp/elsewhere" && "$abs" check workshop.ini | grep -qx "name=local") \
  || bad "a workshop.ini in the current folder does not come first"
ORGSIM_SCENARIOS="$tmp/none" expect 2 "workshop: cannot read the scenario" "$ORGSIM" check workshop
expect 2 "workshp: cannot read the scenario: No such file or directory (did you mean the installed scenario 'workshop'?" \
  "$ORGSIM" check workshp
expect 0 "workshop" "$ORGSIM" scenarios
grep -q "^  workshop  *Leaders or managers?" "$tmp/stdout" || bad "scenarios: no workshop line with its description"
grep -q "^  pluchino2010  *The Peter Principle revisited" "$tmp/stdout" || bad "scenarios: no pluchino2010 line"
expect 2 "scenarios takes no arguments" "$ORGSIM" scenarios x

# The progress bar (on a terminal): runs counted as check counts them, plain
# units, a duration.
if command -v script >/dev/null 2>&1; then
  n=$((n + 1))
  script -qec "$abs run $good -r 3 -t 20 -p best,random -o $tmp/bar" /dev/null 2>&1 \
    | tr '\r' '\n' >"$tmp/bar.txt"
  last=$(grep '^\[' "$tmp/bar.txt" | tail -1)
  case $last in
    *"] 6/6 runs  "*" person-years/s  took "*" s"*) ;;
    *) bad "progress bar: '$last'" ;;
  esac
  grep -q 'e+0' "$tmp/bar.txt" && bad "progress bar: a number in exponent notation: $last"
else
  echo "skip: no script(1) for a terminal"
fi

# Bash completion: subcommands, options, policies, installed scenarios, keys.
if command -v bash >/dev/null 2>&1; then
  complete_words() {
    ORGSIM_BIN=$abs bash -c '
      . completions/orgsim.bash
      COMP_WORDS=("$ORGSIM_BIN" "$@"); COMP_CWORD=$(($# ))
      _orgsim; printf "%s\n" "${COMPREPLY[@]}"' complete "$@" 2>/dev/null
  }
  n=$((n + 1))
  complete_words ch | grep -qx check || bad "completion: 'ch' does not give check"
  complete_words run --pol | grep -qx -- --policies || bad "completion: run --pol"
  complete_words run x.ini -p best,ra | grep -qx best,random || bad "completion: -p best,ra"
  complete_words run work | grep -qx workshop || bad "completion: installed scenario names"
  complete_words run x.ini --set promotion.tra | grep -qx promotion.transfer= \
    || bad "completion: --set section.key"
  complete_words run x.ini --set sweep.promotion.p | grep -qx sweep.promotion.p= \
    || bad "completion: --set sweep.section.key"
fi

# Every command orgsim knows is in the usage text (orgsim --help, and on stderr for a bare
# orgsim) and in the unknown-command message; every command those name is known.  The
# candidates are the commands of the contract: one this build does not have is answered
# "unknown command" and must then be listed nowhere.
"$ORGSIM" --help >"$tmp/usage" 2>&1
"$ORGSIM" >"$tmp/usage-bare" 2>&1
"$ORGSIM" frobnicate >/dev/null 2>"$tmp/unknown"
listed=$(sed -n "s/.*; the commands: \(.*\) (orgsim --help)$/\1/p" "$tmp/unknown" | tr -d ,)
n=$((n + 1))
[ -n "$listed" ] || bad "the unknown-command message lists no commands: $(cat "$tmp/unknown")"
known=0
for cmd in run check plot merge compare report robust new scenarios policies help; do
  "$ORGSIM" "$cmd" --help >/dev/null 2>"$tmp/e"
  in_usage=0; in_bare=0; in_list=0
  grep -q "^  orgsim $cmd\( \|\$\)" "$tmp/usage" && in_usage=1
  grep -q "^  orgsim $cmd\( \|\$\)" "$tmp/usage-bare" && in_bare=1
  case " $listed " in *" $cmd "*) in_list=1 ;; esac
  if grep -q "unknown command '$cmd'" "$tmp/e"; then
    [ $in_usage$in_bare$in_list = 000 ] || bad "$cmd is not a command but is listed"
    continue
  fi
  known=$((known + 1))
  [ $in_usage$in_bare$in_list = 111 ] \
    || bad "command $cmd: in orgsim --help $in_usage, bare orgsim $in_bare, unknown-command message $in_list"
done
for cmd in $listed; do
  "$ORGSIM" "$cmd" --help >/dev/null 2>"$tmp/e"
  ! grep -q "unknown command" "$tmp/e" || bad "the unknown-command message lists $cmd, not a command"
done
[ $known -ge 9 ] || bad "only $known commands known (run check plot merge report robust new policies help at least)"

if [ $fail -ne 0 ]; then
  echo "$fail of $n command-line checks failed"
  exit 1
fi
echo "$n command lines: all behaved as expected"

#!/bin/sh
# t-bad.sh: every scenario in tests/bad/ must be refused by `orgsim run` and
# `orgsim check` with exit status 2 and the message in NAME.expect (a
# substring of stderr), and a refused run must leave nothing behind.
# To add a case: write tests/bad/NAME.ini, run `./orgsim check tests/bad/NAME.ini`,
# judge the message, and save the line worth keeping as tests/bad/NAME.expect.
# Binary and invalid-UTF-8 cases are committed as they are.
set -u
ORGSIM=${ORGSIM:-./orgsim}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/o"

n=0
fail=0
bad() {
  echo "FAIL: $1"
  fail=$((fail + 1))
}

for ini in tests/bad/*.ini; do
  name=${ini%.ini}
  if [ ! -f "$name.expect" ]; then
    bad "$ini: no $name.expect"
    continue
  fi
  expect=$(cat "$name.expect")
  if [ -z "$expect" ]; then
    bad "$name.expect is empty"
    continue
  fi
  n=$((n + 1))
  for cmd in run check; do
    if [ $cmd = run ]; then
      "$ORGSIM" run "$ini" -o "$tmp/o/out" -q >"$tmp/stdout" 2>"$tmp/stderr"
    else
      "$ORGSIM" check "$ini" >"$tmp/stdout" 2>"$tmp/stderr"
    fi
    status=$?
    err=$(cat "$tmp/stderr")
    if [ $status -ne 2 ]; then
      bad "orgsim $cmd $ini: exit status $status, expected 2 (stderr: $err)"
    fi
    case $err in
      "orgsim: "*) ;;
      *) bad "orgsim $cmd $ini: stderr does not start with 'orgsim: ': $err" ;;
    esac
    case $err in
      *"$expect"*) ;;
      *) bad "orgsim $cmd $ini: stderr lacks the expected text
  expected: $expect
  got:      $err" ;;
    esac
    # Nothing may be left behind: no results folder, no temporary one.
    left=$(ls -A "$tmp/o")
    if [ -n "$left" ]; then
      bad "orgsim $cmd $ini: left behind: $left"
      rm -rf "$tmp/o" && mkdir "$tmp/o"
    fi
  done
done

if [ $n -lt 45 ]; then
  bad "only $n bad scenarios in tests/bad (at least 45 expected)"
fi
if [ $fail -ne 0 ]; then
  echo "$fail failures over $n bad scenarios"
  exit 1
fi
echo "$n bad scenarios: all rejected as expected"

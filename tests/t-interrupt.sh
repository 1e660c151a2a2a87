#!/bin/sh
# t-interrupt.sh: nothing lost.  A run interrupted by SIGINT or SIGTERM exits
# with status 1 and "orgsim: interrupted", leaves the earlier results folder
# byte for byte as it was, and leaves no temporary folder beside it.
set -u
. "$(dirname "$0")/lib.sh"
# (the watchdog of a run under test is stopped too)
watchdog=
trap '[ -n "$watchdog" ] && kill $watchdog 2>/dev/null; rm -rf "$tmp"' EXIT

sums() {
  (cd "$1" && find . | LC_ALL=C sort | while read -r f; do
    if [ -f "$f" ]; then cksum "$f"; else echo "$f"; fi
  done)
}

scenario=tests/data/small.ini

# interrupt SIGNAL DIR: starts a long run into DIR, sends SIGNAL after a
# second, and checks what the run left.
interrupt() {
  sig=$1
  dir=$2
  [ -d "$dir" ] && sums "$dir" >"$tmp/before"
  # Long enough never to finish within the second (minutes of work).
  "$ORGSIM" run $scenario --set scenario.steps=100000 -r 50 -j 2 -o "$dir" -q \
    >"$tmp/stdout" 2>"$tmp/stderr" &
  pid=$!
  sleep 1
  if ! kill -s "$sig" $pid 2>/dev/null; then
    fail "$sig: the run had already ended before the signal: $(cat "$tmp/stderr")"
    wait $pid
    return
  fi
  # A run that ignores the signal is killed after 20 s and counts as a hang.
  (sleep 20 && kill -s KILL $pid 2>/dev/null) &
  watchdog=$!
  wait $pid
  status=$?
  kill $watchdog 2>/dev/null
  wait $watchdog 2>/dev/null
  watchdog=
  err=$(cat "$tmp/stderr")
  if [ $status -eq 137 ]; then
    fail "$sig: the run did not stop within 20 s (killed)"
  elif [ $status -ne 1 ]; then
    fail "$sig: exit status $status, expected 1 (stderr: $err)"
  fi
  case $err in
    "orgsim: interrupted"*) ;;
    *) fail "$sig: stderr is not 'orgsim: interrupted...': $err" ;;
  esac
  if [ -f "$tmp/before" ]; then
    sums "$dir" >"$tmp/after"
    if ! cmp -s "$tmp/before" "$tmp/after"; then
      fail "$sig: the earlier results changed:"
      diff "$tmp/before" "$tmp/after"
    fi
    rm -f "$tmp/before" "$tmp/after"
  elif [ -e "$dir" ]; then
    fail "$sig: an interrupted run created $dir"
  fi
  parent=$(dirname "$dir")
  base=$(basename "$dir")
  left=$(ls -A "$parent" | grep "^\.$base\." || true)
  [ -z "$left" ] || fail "$sig: left beside the results: $left"
}

# Earlier results to protect.
if ! "$ORGSIM" run $scenario -r 2 -t 20 -q -o "$tmp/r" 2>"$tmp/stderr"; then
  fail "the first, good run failed: $(cat "$tmp/stderr")"
else
  interrupt INT "$tmp/r"
  interrupt TERM "$tmp/r"
fi
# No earlier results: nothing at all may appear.
interrupt INT "$tmp/fresh"

if [ $failures -ne 0 ]; then
  echo "$failures interrupt checks failed"
  exit 1
fi
echo "interrupted runs (SIGINT, SIGTERM): exit 1, earlier results intact, nothing left behind"

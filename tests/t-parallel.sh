#!/bin/sh
# The GNU parallel scale-out script, on this machine: 4 shards run by
# parallel and merged give the same bytes as one run, also through
# --sshloginfile.
set -u
: "${ORGSIM:?set ORGSIM to the orgsim binary}"
if ! command -v parallel >/dev/null 2>&1; then
  echo "not ok - GNU parallel is not installed (apt-get install parallel; .ci/run installs it)"
  exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ORGSIM="$ORGSIM" sh scripts/parallel-shards.sh tests/data/small-sweep.ini 4 "$tmp/sharded" --per-run \
  >"$tmp/log" 2>&1 || { echo "not ok - parallel-shards.sh failed:"; cat "$tmp/log"; exit 1; }
"$ORGSIM" run tests/data/small-sweep.ini --per-run -q -o "$tmp/single" || exit 1
if diff -r "$tmp/single" "$tmp/sharded" >/dev/null; then
  echo "ok - 4 shards with GNU parallel, merged = one run"
else
  echo "not ok - GNU parallel shards differ from one run"; diff -r "$tmp/single" "$tmp/sharded" | head; exit 1
fi

# The same through --sshloginfile, with a login file naming only this
# machine (":"): parallel reads the file and runs every shard here.  A login
# file that does not exist must fail, which shows that the option is passed.
echo : >"$tmp/hosts"
SSHLOGINFILE="$tmp/hosts" ORGSIM="$ORGSIM" sh scripts/parallel-shards.sh tests/data/small-sweep.ini 3 \
  "$tmp/ssh" --per-run >"$tmp/log" 2>&1 || { echo "not ok - parallel-shards.sh with SSHLOGINFILE failed:"; cat "$tmp/log"; exit 1; }
if diff -r "$tmp/single" "$tmp/ssh" >/dev/null; then
  echo "ok - 3 shards through --sshloginfile (login file ':'), merged = one run"
else
  echo "not ok - --sshloginfile shards differ from one run"; diff -r "$tmp/single" "$tmp/ssh" | head; exit 1
fi
if SSHLOGINFILE="$tmp/no-such-file" ORGSIM="$ORGSIM" sh scripts/parallel-shards.sh tests/data/small-sweep.ini 3 \
  "$tmp/none" >"$tmp/log" 2>&1; then
  echo "not ok - parallel-shards.sh ignored SSHLOGINFILE (a missing login file did not fail)"; exit 1
elif [ -e "$tmp/none" ]; then
  echo "not ok - a failed parallel-shards.sh left a results folder"; exit 1
else
  echo "ok - a missing login file fails and writes no results"
fi
# The Slurm script is tested against a real Slurm in t-slurm.sh.

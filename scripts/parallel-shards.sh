#!/bin/sh
# Run a scenario as N shards with GNU parallel, on this machine or across
# hosts, then merge them.
#
#   scripts/parallel-shards.sh SCENARIO.ini N [RESULTS_DIR] [extra orgsim run options]
#   SSHLOGINFILE=hosts.txt scripts/parallel-shards.sh ...   (across hosts)
#
# The one-liner at its heart:
#   parallel orgsim run SCENARIO --shard {}/N -q -o OUT.shards/{} ::: $(seq N) &&
#     orgsim merge OUT.shards/* -o OUT
# Across hosts, parallel runs each shard over ssh on the hosts listed in the
# file (one per line, "8/host" for 8 slots); the hosts need orgsim and the
# same working directory on a shared file system (or add --transferfile and
# --return).  The merged folder is byte-identical to a single `orgsim run`.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 SCENARIO.ini N [RESULTS_DIR] [orgsim run options]" >&2; exit 2; }
scenario=$1; n=$2; shift 2
# The default folder is orgsim's own: results/<the scenario's [scenario] name>.
name=$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*//p' "$scenario" | head -1)
[ -n "$name" ] || name=scenario
out=${1:-results/$name}; [ $# -gt 0 ] && shift
orgsim=${ORGSIM:-orgsim}
rm -rf "$out.shards"; mkdir -p "$out.shards"
hosts=""
[ -n "${SSHLOGINFILE:-}" ] && hosts="--sshloginfile $SSHLOGINFILE --workdir ."
# shellcheck disable=SC2086
seq "$n" | parallel --will-cite --halt now,fail=1 $hosts \
  "$orgsim" run "$scenario" --shard "{}/$n" -j 1 -q -o "$out.shards/{}" "$@"
"$orgsim" merge "$out.shards"/* -o "$out"
rm -rf "$out.shards"

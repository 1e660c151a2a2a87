#!/bin/sh
# Run a scenario as a Slurm job array of N shards, then merge them.
#
#   scripts/slurm-array.sh SCENARIO.ini N [RESULTS_DIR] [extra orgsim run options]
#
# Submits two jobs: an array of N tasks, task I running
#   orgsim run SCENARIO --shard I/N -o RESULTS_DIR.shards/I
# and, once every task has succeeded (afterok), one job running
#   orgsim merge RESULTS_DIR.shards/* -o RESULTS_DIR
# The merged folder is byte-identical to a single `orgsim run`.  Needs orgsim
# on the compute nodes' PATH (or set ORGSIM) and a shared file system.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 SCENARIO.ini N [RESULTS_DIR] [orgsim run options]" >&2; exit 2; }
scenario=$1; n=$2; shift 2
# The default folder is orgsim's own: results/<the scenario's [scenario] name>.
name=$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*//p' "$scenario" | head -1)
[ -n "$name" ] || name=scenario
out=${1:-results/$name}; [ $# -gt 0 ] && shift
orgsim=${ORGSIM:-orgsim}
mkdir -p "$out.shards" logs

array=$(sbatch --parsable --array="1-$n" --job-name="orgsim-$name" \
  --output="logs/orgsim-$name-%a.out" --cpus-per-task="${CPUS:-1}" \
  --wrap="$orgsim run '$scenario' --shard \$SLURM_ARRAY_TASK_ID/$n -j \${SLURM_CPUS_PER_TASK:-1} -q -o '$out.shards/'\$SLURM_ARRAY_TASK_ID $*")
sbatch --dependency="afterok:$array" --job-name="orgsim-$name-merge" \
  --output="logs/orgsim-$name-merge.out" \
  --wrap="$orgsim merge '$out.shards'/* -o '$out'"
echo "submitted array job $array ($n shards) and its merge: results in $out"

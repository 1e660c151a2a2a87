#!/bin/sh
# Run a scenario as a Slurm job array of N shards, then merge them.
#
#   scripts/slurm-array.sh [--wait] SCENARIO.ini N [RESULTS_DIR] [extra orgsim run options]
#
# Submits two jobs: an array of N tasks, task I running
#   orgsim run SCENARIO --shard I/N -o RESULTS_DIR.shards/I [extra options]
# and, once every task has succeeded (afterok), one job running
#   orgsim merge RESULTS_DIR.shards/1 ... RESULTS_DIR.shards/N -o RESULTS_DIR
# The merged folder is byte-identical to a single `orgsim run`.  If a task
# fails, Slurm cancels the merge (--kill-on-invalid-dep), so it never runs.
# Prints the two job ids.  Logs go to logs/orgsim-NAME-ARRAYID_I.out and
# logs/orgsim-NAME-merge-MERGEID.out under the current folder.
#
# --wait   block until the merge has finished (polling scontrol every POLL
#          seconds, default 10); exit 0 when it completed, else non-zero,
#          naming the tasks that failed.  Interrupting it leaves the jobs
#          queued (`scancel ARRAY MERGE` stops them).
#
# Environment: ORGSIM (orgsim on the compute nodes, default `orgsim` from
# their PATH), CPUS (cores per task, default 1, passed to orgsim as -j),
# POLL; sbatch's own SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...
# The scenario, the results folder and the current folder must be on a file
# system the compute nodes share.  Every path and option is quoted for the
# shell that runs --wrap, so spaces and quotes in names are safe.
#
# Tested (tests/t-slurm.sh, in `make check`) with Slurm 22.05.8 as Debian 12
# ships it, on a one-node cluster that the test starts itself.
set -eu
usage="usage: $0 [--wait] SCENARIO.ini N [RESULTS_DIR] [orgsim run options]"
wait=0
[ "${1:-}" = --wait ] && { wait=1; shift; }
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
scenario=$1; n=$2; shift 2
case $n in '' | *[!0-9]* | 0*) echo "$0: N must be a whole number from 1 ($n)" >&2; exit 2 ;; esac
[ -r "$scenario" ] || { echo "$0: cannot read the scenario $scenario" >&2; exit 2; }
# The default folder is orgsim's own: results/<the scenario's [scenario] name>.
name=$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*//p' "$scenario" | head -1)
[ -n "$name" ] || name=scenario
out=${1:-results/$name}; [ $# -gt 0 ] && shift
orgsim=${ORGSIM:-orgsim}
poll=${POLL:-10}
# Slurm replaces % patterns in --output; the job name is only a label.
label=$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_')

# q WORD: WORD quoted for sh ('...', each ' written as '\'').
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

run="$(q "$orgsim") run $(q "$scenario") --shard \"\$SLURM_ARRAY_TASK_ID/$n\""
run="$run -j \"\${SLURM_CPUS_PER_TASK:-1}\" -q -o $(q "$out.shards")/\"\$SLURM_ARRAY_TASK_ID\""
for a in "$@"; do run="$run $(q "$a")"; done
merge="$(q "$orgsim") merge"
i=1
while [ "$i" -le "$n" ]; do merge="$merge $(q "$out.shards/$i")"; i=$((i + 1)); done
merge="$merge -o $(q "$out")"

mkdir -p "$out.shards" logs
array=$(sbatch --parsable --array="1-$n" --job-name="orgsim-$label" \
  --output="logs/orgsim-$label-%A_%a.out" --cpus-per-task="${CPUS:-1}" --wrap="$run")
array=${array%%;*}
merge_id=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --job-name="orgsim-$label-merge" --output="logs/orgsim-$label-merge-%j.out" --wrap="$merge")
merge_id=${merge_id%%;*}
echo "array job $array: $n shards of $scenario into $out.shards"
echo "merge job $merge_id (afterok:$array): results in $out"
[ "$wait" = 1 ] || exit 0

# field JOB KEY: KEY's value in each line of `scontrol show job -o JOB`.
field() { scontrol show job -o "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p"; }
misses=0
while :; do
  state=$(field "$merge_id" JobState)
  case $state in
    PENDING | CONFIGURING | RUNNING | COMPLETING | REQUEUED | RESIZING | SUSPENDED | '') ;;
    *) break ;;
  esac
  # scontrol can fail while the controller is busy: give up after 5 misses.
  if [ -z "$state" ]; then
    misses=$((misses + 1))
    [ "$misses" -lt 5 ] || { echo "$0: scontrol no longer shows job $merge_id" >&2; exit 1; }
  fi
  sleep "$poll"
done
if [ "$state" = COMPLETED ]; then
  echo "merge job $merge_id completed: results in $out"
  exit 0
fi
scontrol show job -o "$array" 2>/dev/null | tr ' ' '\n' |
  sed -n 's/^ArrayTaskId=//p; s/^JobState=//p; s/^ExitCode=//p' | paste - - - |
  while read -r task st code; do
    [ "$st" = COMPLETED ] || echo "shard $task: $st (exit ${code%%:*}), log logs/orgsim-$label-${array}_$task.out" >&2
  done
echo "merge job $merge_id: $state ($(field "$merge_id" Reason)); $out not written" >&2
code=$(field "$merge_id" ExitCode); code=${code%%:*}
[ "$state" = FAILED ] && [ "${code:-0}" -gt 0 ] && exit "$code"
exit 1

#!/bin/sh
# t-slurm.sh: scripts/slurm-array.sh against a real one-node Slurm (Debian
# 12's slurmctld, slurmd, slurm-client and munge, Slurm 22.05) that this test
# starts in a temporary folder and stops again.
#
# The cluster: munged with its own key, socket, log, PID and seed files;
# slurmctld and slurmd with their own slurm.conf, plugstack.conf, state,
# spool, log and PID files, on two free TCP ports of 127.0.0.1, the node
# named after this host and given 16 CPUs whatever it has (config_overrides),
# so that the 10 tiny shard tasks of the three cases start at once.
# Nothing under /etc is written; the daemons read /etc/passwd and /etc/group
# to map users, as they always do.  Every daemon is started in the
# foreground as a child of this shell and stopped by its PID on exit,
# failure or interrupt, after the cluster's jobs are cancelled.
# A daemon that does not start fails the test with its own log lines.
#
# Checked: a sweep sharded as an array of 3 tasks merged by an afterok job
# equals one `orgsim run` byte for byte; a failing shard leaves the merge
# never run and `--wait` exits non-zero; a scenario and a results folder
# whose names hold spaces and quotes survive the quoting of --wrap.
#
# The daemons run as the user running the test, root or not (SlurmUser and
# SlurmdUser are that user; every job is that user's): no sudo needed.
set -u
: "${ORGSIM:?set ORGSIM to the orgsim binary}"
case $ORGSIM in /*) ;; *) ORGSIM=$(pwd)/$ORGSIM ;; esac
top=$(pwd)
PATH=$PATH:/usr/sbin:/sbin
export PATH
for c in munged munge slurmctld slurmd sbatch scontrol squeue scancel sinfo; do
  command -v "$c" >/dev/null 2>&1 || {
    echo "not ok - $c is not installed (make deps installs slurmctld slurmd slurm-client munge)"
    exit 1
  }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orgsim-slurm.XXXXXX") || exit 1
munge_pid='' ctld_pid='' slurmd_pid=''
fail=0

# alive PID: PID runs (a zombie, which only waits to be reaped, does not).
alive() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}

# stop PID NAME: SIGTERM, up to 10 s, then SIGKILL; reaps the child.
stop() {
  [ -n "$1" ] || return 0
  kill -TERM "$1" 2>/dev/null
  i=0
  while alive "$1" && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  if alive "$1"; then
    echo "# $2 (PID $1) ignored SIGTERM for 10 s: SIGKILL"
    kill -KILL "$1" 2>/dev/null
  fi
  wait "$1" 2>/dev/null
  if alive "$1"; then echo "not ok - $2 (PID $1) is still running"; fail=1; fi
}

# Cancels the cluster's jobs, stops the daemons, removes the folder.
cleanup() {
  trap '' INT TERM HUP PIPE
  for p in $runs; do kill -TERM "$p" 2>/dev/null; done
  if alive "$ctld_pid" && alive "$slurmd_pid"; then
    ids=$(squeue -h -o %A 2>/dev/null | sort -u)
    # shellcheck disable=SC2086
    [ -z "$ids" ] || scancel $ids 2>/dev/null
    i=0
    while [ -n "$(squeue -h -o %A 2>/dev/null)" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  fi
  stop "$slurmd_pid" slurmd
  stop "$ctld_pid" slurmctld
  stop "$munge_pid" munged
  # A job step (slurmstepd) is not slurmd's child; one left by a job that
  # would not die still writes to this cluster's slurmd log.
  for p in /proc/[0-9]*; do
    case $(tr '\0' ' ' 2>/dev/null <"$p/cmdline") in
      slurmstepd:*)
        for fd in "$p"/fd/*; do
          case $(readlink "$fd" 2>/dev/null) in
            "$tmp"/*)
              echo "not ok - job step ${p#/proc/} outlived slurmd: SIGKILL"
              kill -KILL "${p#/proc/}"; fail=1; break ;;
          esac
        done ;;
    esac
  done
  rm -rf "$tmp"
}
# shellcheck disable=SC2154
trap 'st=$?; cleanup; [ $fail = 0 ] || st=1; exit $st' EXIT
trap 'exit 1' INT TERM HUP PIPE

# not_started NAME LOG...: the daemon's own last error lines, then fail.
not_started() {
  name=$1; shift
  echo "not ok - $name did not start; its log says:"
  for f in "$@"; do
    [ -s "$f" ] || continue
    lines=$(grep -iE 'error|fatal' "$f" | grep -v 'pmix\|MPI\|mpi/' | tail -3)
    [ -n "$lines" ] || lines=$(tail -3 "$f")
    printf '%s\n' "$lines" | sed 's/^/#   /'
  done
  exit 1
}

# await NAME PID COMMAND...: up to 20 s for COMMAND to succeed while PID lives.
await() {
  name=$1 pid=$2; shift 2
  i=0
  while ! "$@" >/dev/null 2>&1; do
    alive "$pid" || return 1
    [ $i -lt 100 ] || { echo "# $name: not ready after 20 s"; return 1; }
    sleep 0.2; i=$((i + 1))
  done
}

# port_free N: no socket of this machine uses TCP port N.
port_free() {
  hex=$(printf ':%04X ' "$1")
  ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -q "^ *[0-9]*: [0-9A-F]*$hex"
}

# ---- the cluster ----
# munged wants every folder above its socket searchable by all.
chmod 711 "$tmp"
mkdir -p "$tmp/munge" "$tmp/key" "$tmp/etc" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/jobs"
chmod 711 "$tmp/munge"; chmod 700 "$tmp/key"
dd if=/dev/urandom of="$tmp/key/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$tmp/key/munge.key"
sock=$tmp/munge/munge.socket
munged --foreground --socket="$sock" --key-file="$tmp/key/munge.key" \
  --log-file="$tmp/log/munged.log" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.err" 2>&1 &
munge_pid=$!
await munged "$munge_pid" munge -n -S "$sock" ||
  not_started munged "$tmp/log/munged.log" "$tmp/log/munged.err"

node=$(hostname -s 2>/dev/null || uname -n | cut -d. -f1)
user=$(id -un)
port=$((20000 + ($$ * 2) % 20000))
while ! port_free $port || ! port_free $((port + 1)); do port=$((port + 2)); done
export SLURM_CONF="$tmp/etc/slurm.conf"
: >"$tmp/etc/plugstack.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=orgsimtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
PlugStackConfig=$tmp/etc/plugstack.conf
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/state/slurmctld.pid
SlurmdPidFile=$tmp/spool/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SlurmdParameters=config_overrides
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
NodeName=$node NodeHostname=$node NodeAddr=127.0.0.1 CPUs=16 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/log/slurmctld.err" 2>&1 &
ctld_pid=$!
await slurmctld "$ctld_pid" sh -c 'scontrol ping | grep -q UP' ||
  not_started slurmctld "$tmp/log/slurmctld.log" "$tmp/log/slurmctld.err"
slurmd -D -N "$node" -f "$SLURM_CONF" >"$tmp/log/slurmd.err" 2>&1 &
slurmd_pid=$!
await slurmd "$slurmd_pid" sh -c "sinfo -h -n '$node' -o %T | grep -qx idle" ||
  not_started slurmd "$tmp/log/slurmd.log" "$tmp/log/slurmd.err"
echo "ok - a one-node Slurm $(sinfo -V | cut -d' ' -f2) on $node:$port (munged $munge_pid, slurmctld $ctld_pid, slurmd $slurmd_pid)"

# ---- the checks ----
bad() { echo "not ok - $1"; fail=1; }
# field JOB KEY: KEY's values in `scontrol show job -o JOB`, one a line.
field() { scontrol show job -o "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# slurm_array DIR LOG ARGS...: the script, run in DIR with --wait, in the
# background (its PID joins $runs, stopped by cleanup if still there).
runs=''
slurm_array() {
  d=$1 l=$2; shift 2
  (cd "$d" && POLL=1 ORGSIM="$ORGSIM" exec sh "$top/scripts/slurm-array.sh" --wait "$@") >"$l" 2>&1 &
  runs="$runs $!"
}
scenario=$top/tests/data/small-sweep.ini
"$ORGSIM" run "$scenario" --per-run -q -o "$tmp/single" || { bad "orgsim run failed"; exit 1; }

# The three cases run at once, each through the script with --wait.
# 1. A sweep in 3 shards as an array, merged by an afterok job.
w=$tmp/jobs
slurm_array "$w" "$tmp/a.log" "$scenario" 3 "$w/sharded" --per-run
pid_a=$!
# 2. A failing shard: shard 2's folder is taken by a file, so task 2 fails;
# the merge must never run and --wait must fail.
mkdir -p "$w/broken.shards"; : >"$w/broken.shards/2"
slurm_array "$w" "$tmp/b.log" "$scenario" 3 "$w/broken"
pid_b=$!
# 3. Spaces and quotes (and $, `, \) in the names of the folder, the
# scenario and the results folder: the script, the jobs and the logs cope.
odd="$tmp/jobs/it's a \"dir\" \$x"
oddres="res 'a' \"b\" \`c\` \\d"
mkdir -p "$odd"
cp "$scenario" "$odd/sweep 'x' \"y\".ini"
slurm_array "$odd" "$tmp/c.log" "$odd/sweep 'x' \"y\".ini" 4 "$oddres" --per-run
pid_c=$!

if wait $pid_a; then
  array=$(sed -n 's/^array job \([0-9][0-9]*\):.*/\1/p' "$tmp/a.log")
  merge=$(sed -n 's/^merge job \([0-9][0-9]*\) (afterok:.*/\1/p' "$tmp/a.log")
  tasks=$(field "$array" ArrayTaskId | sort -n | paste -sd' ')
  states=$(field "$array" JobState | sort -u | paste -sd' ')
  last_end=$(field "$array" EndTime | sort | tail -1)
  [ -n "$array" ] && [ -n "$merge" ] || bad "the script did not print both job ids"
  [ "$tasks" = "1 2 3" ] && [ "$states" = COMPLETED ] ||
    bad "array job $array: tasks '$tasks', states '$states' (want 1 2 3, COMPLETED)"
  [ "$(field "$merge" JobState)" = COMPLETED ] || bad "merge job $merge: $(field "$merge" JobState)"
  start=$(field "$merge" StartTime)
  [ "$(printf '%s\n' "$start" "$last_end" | sort | head -1)" = "$last_end" ] ||
    bad "merge job started $start, before the last shard ended ($last_end)"
  if diff -r "$tmp/single" "$w/sharded" >/dev/null; then
    echo "ok - 3 shards as array job $array, merged by job $merge (afterok) = one run"
  else
    bad "the merged folder differs from one run:"; diff -r "$tmp/single" "$w/sharded" | head -5
  fi
else
  bad "slurm-array.sh --wait failed:"; sed 's/^/#   /' "$tmp/a.log"
  for f in "$w"/logs/*; do [ -f "$f" ] && sed "s|^|#   ${f##*/}: |" "$f"; done
fi

if wait $pid_b; then
  bad "slurm-array.sh --wait exited 0 although shard 2 failed:"; sed 's/^/#   /' "$tmp/b.log"
else
  array=$(sed -n 's/^array job \([0-9][0-9]*\):.*/\1/p' "$tmp/b.log")
  merge=$(sed -n 's/^merge job \([0-9][0-9]*\) (afterok:.*/\1/p' "$tmp/b.log")
  mstate="$(field "$merge" JobState) $(field "$merge" Reason)"
  per_task=$(scontrol show job -o "$array" | tr ' ' '\n' |
    sed -n 's/^ArrayTaskId=//p; s/^JobState=//p' | paste - - | sort -n | paste -sd' ')
  if [ -z "$merge" ] || [ "$mstate" != "CANCELLED DependencyNeverSatisfied" ]; then
    bad "merge job '$merge' is '$mstate', not CANCELLED DependencyNeverSatisfied"
  elif [ "$per_task" != "$(printf '1\tCOMPLETED 2\tFAILED 3\tCOMPLETED')" ]; then
    bad "array job $array: '$per_task' (want task 2 alone FAILED)"
  elif [ -e "$w/broken" ] || ls "$w"/logs/*merge-"$merge".out >/dev/null 2>&1; then
    bad "the merge job $merge ran (its folder or its log exists)"
  elif ! grep -q '^shard 2: FAILED' "$tmp/b.log"; then
    bad "--wait did not name the failed shard:"; sed 's/^/#   /' "$tmp/b.log"
  else
    echo "ok - shard 2 failed: merge job $merge never ran ($mstate), --wait exited non-zero"
  fi
fi

# scenario.ini records the command line, so the reference run is given the
# same scenario path.
"$ORGSIM" run "$odd/sweep 'x' \"y\".ini" --per-run -q -o "$tmp/single-odd" ||
  bad "orgsim run of the oddly named scenario failed"
if wait $pid_c && diff -r "$tmp/single-odd" "$odd/$oddres" >/dev/null; then
  echo "ok - a scenario and results folder named with spaces and quotes, 4 shards = one run"
else
  bad "odd names through --wrap:"; sed 's/^/#   /' "$tmp/c.log"
  for f in "$odd"/logs/*; do [ -f "$f" ] && sed "s|^|#   ${f##*/}: |" "$f"; done
fi

# ---- stop the cluster; nothing of it may be left running ----
pids="$munge_pid $ctld_pid $slurmd_pid"
cleanup
trap - EXIT
for p in $pids; do
  if alive "$p"; then fail=1; echo "not ok - PID $p still runs after the cluster stopped"; fi
done
[ $fail = 0 ] && echo "ok - munged, slurmctld and slurmd stopped ($pids)"
exit $fail

#!/bin/sh
# The GNU parallel scale-out script, on this machine: 4 shards run by
# parallel and merged give the same bytes as one run.
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

# The Slurm script, against a stand-in sbatch that runs each job at once
# (array tasks in turn, with SLURM_ARRAY_TASK_ID set).
mkdir -p "$tmp/bin"
cat >"$tmp/bin/sbatch" <<'STUB'
#!/bin/sh
array=""; wrap=""
for a in "$@"; do
  case $a in
    --array=*) array=${a#--array=} ;;
    --wrap=*) wrap=${a#--wrap=} ;;
  esac
done
if [ -n "$array" ]; then
  i=${array%-*}; n=${array#*-}
  while [ "$i" -le "$n" ]; do SLURM_ARRAY_TASK_ID=$i sh -c "$wrap" || exit 1; i=$((i + 1)); done
  echo 4242
else
  sh -c "$wrap"
fi
STUB
chmod +x "$tmp/bin/sbatch"
(cd "$tmp" && PATH="$tmp/bin:$PATH" ORGSIM="$ORGSIM" sh "$OLDPWD/scripts/slurm-array.sh" \
  "$OLDPWD/tests/data/small-sweep.ini" 3 "$tmp/slurm" --per-run >"$tmp/slog" 2>&1) \
  || { echo "not ok - slurm-array.sh failed:"; cat "$tmp/slog"; exit 1; }
# The script is given the scenario's absolute path, which scenario.ini
# records in its command line: the reference run is given the same.
"$ORGSIM" run "$PWD/tests/data/small-sweep.ini" --per-run -q -o "$tmp/single-abs" || exit 1
if diff -r "$tmp/single-abs" "$tmp/slurm" >/dev/null; then
  echo "ok - 3 shards as a Slurm job array (stand-in sbatch), merged = one run"
else
  echo "not ok - Slurm array shards differ from one run"; exit 1
fi

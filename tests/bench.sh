#!/bin/sh
# make bench: speed and memory of whole runs, as a user sees them.
# Each figure is the median of several runs (these machines are noisy);
# ratios are of medians.  Usage: sh tests/bench.sh ./orgsim
set -u
ORGSIM=${1:-./orgsim}
REPS=${REPS:-5}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# bench NAME REPS ARGS...: prints median wall, speed and peak memory; sets
# LAST_WALL, LAST_RATE, LAST_BPP (bytes per position) and LAST_DU (the
# results folder's size, MB)
bench() {
  name=$1; reps=$2; shift 2
  : >"$tmp/stats"
  i=0
  while [ $i -lt "$reps" ]; do
    "$ORGSIM" run "$@" -q --stats -o "$tmp/out" 2>>"$tmp/stats" >/dev/null || { echo "bench $name: run failed"; exit 1; }
    i=$((i + 1))
  done
  get() { sed -n "s/.*$1=\([0-9.e+]*\).*/\1/p" "$tmp/stats" | median; }
  LAST_WALL=$(get wall_s)
  LAST_RATE=$(get person_years_per_s)
  LAST_BPP=$(get bytes_per_position)
  LAST_DU=$(du -sk "$tmp/out" | awk '{ printf "%.1f", $1 / 1024 }')
  printf '%-34s %9.3f s %12.4g person-years/s %8.1f MiB peak %6.0f B/position\n' \
    "$name" "$LAST_WALL" "$LAST_RATE" "$(get peak_rss_mib)" "$(get bytes_per_position)"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# pair REPS ARGS...: what this machine allows -j 2: two independent -j 1
# runs side by side (no shared memory, no locks), median wall time until both
# are done; sets LAST_PAIR.  2 x (one run alone) / LAST_PAIR is the most
# that two threads can gain over one here, whatever the program does.
pair() {
  reps=$1; shift
  i=0
  while [ $i -lt "$reps" ]; do
    t0=$(date +%s.%N)
    "$ORGSIM" run "$@" -j 1 -q -o "$tmp/pairA" >/dev/null 2>&1 &
    "$ORGSIM" run "$@" -j 1 -q -o "$tmp/pairB" >/dev/null 2>&1
    wait
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
    i=$((i + 1))
  done >"$tmp/pair"
  LAST_PAIR=$(median <"$tmp/pair")
  rm -rf "$tmp/pairA" "$tmp/pairB"
}

echo "orgsim bench: $(nproc) cores, $(uname -m), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "medians of $REPS runs (large org: 3)"
echo
echo "== the paper's workload: 2 hypotheses x 4 policies x 50 runs x 1000 years, 160 people"
bench "pluchino2010 -j 1" "$REPS" scenarios/pluchino2010.ini -j 1; p1=$LAST_WALL; paper_rate=$LAST_RATE
bench "pluchino2010 -j 2" "$REPS" scenarios/pluchino2010.ini -j 2; p2=$LAST_WALL
echo "   -j 2 speed-up: $(ratio "$p1" "$p2")x"
pair "$REPS" scenarios/pluchino2010.ini; pp=$LAST_PAIR
echo "   two independent -j 1 runs side by side: $(printf '%.3f' "$pp") s, so this machine allows -j 2 at most $(ratio "$(awk -v a="$p1" 'BEGIN { print 2 * a }')" "$pp")x"
echo
echo "== the leadership workload: workshop, 5 policies x 50 runs x 60 years, 809 people"
bench "workshop -j 1" "$REPS" scenarios/workshop.ini -j 1; w1=$LAST_WALL
bench "workshop -j 2" "$REPS" scenarios/workshop.ini -j 2; w2=$LAST_WALL
echo "   -j 2 speed-up: $(ratio "$w1" "$w2")x"
bench "workshop, leadership layer off" "$REPS" scenarios/workshop.ini -j 1 --set effort.enabled=false; w0=$LAST_WALL
bench "workshop, layer on, no quits" "$REPS" scenarios/workshop.ini -j 1 --set people.quit_rate=0; wq=$LAST_WALL
echo "   leadership layer cost, same org and same events (no quits): $(ratio "$wq" "$w0")x the competence layer alone"
echo "   leadership layer cost with quits (they double turnover):   $(ratio "$w1" "$w0")x"
echo
echo "== a million positions: large.ini (spans 10 x 6, 1,111,111 positions), 2 variants x 3 policies,"
echo "   1 run x 20 years; each run also writes the top levels of its org chart (11,111 rows)"
bench "large -r 1 -t 20 -j 1" 3 scenarios/large.ini -r 1 -t 20 -j 1; l1=$LAST_WALL; large_rate=$LAST_RATE
large_bpp=$LAST_BPP; large_du=$LAST_DU
bench "large -r 1 -t 20 -j 2" 3 scenarios/large.ini -r 1 -t 20 -j 2; l2=$LAST_WALL
echo "   -j 2 speed-up: $(ratio "$l1" "$l2")x"
pair 3 scenarios/large.ini -r 1 -t 20; lp=$LAST_PAIR
echo "   two independent -j 1 runs side by side: $(printf '%.3f' "$lp") s, so this machine allows -j 2 at most $(ratio "$(awk -v a="$l1" 'BEGIN { print 2 * a }')" "$lp")x"
echo "   cost per person-year, million-person org / 160-person org: $(ratio "$paper_rate" "$large_rate")x"
bench "large -r 1 -t 40 -j 1" 3 scenarios/large.ini -r 1 -t 40 -j 1; l40=$LAST_WALL
echo "   simulation alone (40 years minus 20 years, same output): $(awk -v a="$l40" -v b="$l1" 'BEGIN { printf "%.3g", 2 * 3 * 20 * 1111111 / (a - b) }') person-years/s," \
     "$(awk -v a="$l40" -v b="$l1" -v p="$paper_rate" 'BEGIN { printf "%.2f", p / (2 * 3 * 20 * 1111111 / (a - b)) }')x the 160-person org's cost"

lsim=$(awk -v a="$l40" -v b="$l1" -v p="$paper_rate" 'BEGIN { printf "%.2f", p / (2 * 3 * 20 * 1111111 / (a - b)) }')
# The same with the leadership layer off, as in the paper: what the size of
# the org costs, apart from the layer.
bench "large -r 1 -t 20 -j 1, layer off" 3 scenarios/large.ini -r 1 -t 20 -j 1 --set effort.enabled=false
lo1=$LAST_WALL; lo_rate=$LAST_RATE
bench "large -r 1 -t 40 -j 1, layer off" 3 scenarios/large.ini -r 1 -t 40 -j 1 --set effort.enabled=false
lo40=$LAST_WALL
losim=$(awk -v a="$lo40" -v b="$lo1" -v p="$paper_rate" 'BEGIN { printf "%.2f", p / (2 * 3 * 20 * 1111111 / (a - b)) }')
echo "   leadership layer off: simulation alone ${losim}x the 160-person org's cost, whole command $(ratio "$paper_rate" "$lo_rate")x"
echo
echo "== instructions per person-year (callgrind: repeatable, unlike times on a shared machine)"
# callgrind NAME PERSON_YEARS ARGS...: instructions of the whole command and
# of the simulation alone (osim_sim_run_from, inclusive), per person-year
callgrind() {
  name=$1; py=$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$ORGSIM" run "$@" -j 1 -q \
    -o "$tmp/cg" >/dev/null 2>&1 || { echo "   $name: callgrind failed"; return; }
  all=$(callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
  sim=$(callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*osim_sim_run_from.*/\1/p' | head -1 | tr -d ,)
  printf '%-34s %6.1f instructions a person-year, %6.1f in the simulation\n' "$name" \
    "$(awk -v a="$all" -v p="$py" 'BEGIN { print a / p }')" "$(awk -v a="$sim" -v p="$py" 'BEGIN { print a / p }')"
  rm -rf "$tmp/cg" "$tmp/cg.out"
}
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
  callgrind "pluchino2010 -r 4" $((2 * 4 * 4 * 1000 * 160)) scenarios/pluchino2010.ini -r 4
  callgrind "workshop -r 4" $((5 * 4 * 60 * 809)) scenarios/workshop.ini -r 4
  callgrind "workshop -r 4, layer off" $((5 * 4 * 60 * 809)) scenarios/workshop.ini -r 4 --set effort.enabled=false
else
  echo "   (valgrind not installed: skipped)"
fi

echo
echo "== the targets (speed: medians; this machine is shared, so figures are noisy)"
row() { printf '%-62s %12s   %s\n' "$1" "$2" "$3"; }
row "measure" "measured" "target"
row "paper -j 1, M person-years/s" "$(awk -v r="$paper_rate" 'BEGIN { printf "%.1f", r / 1e6 }')" ">= 150"
row "workshop, leadership layer on / off (quits on)" "$(ratio "$w1" "$w0")x" "<= 2.0x"
row "large.ini per person-year / paper, simulation alone" "${lsim}x" "<= 2.0x"
row "large.ini per person-year / paper, whole -r 1 -t 20 command" "$(ratio "$paper_rate" "$large_rate")x" "<= 2.0x"
row "   (the same with the leadership layer off, as in the paper)" "${losim}x, $(ratio "$paper_rate" "$lo_rate")x" ""
row "large.ini -r 1 -t 20 results folder, MB" "$large_du" "< 50"
row "-j 2 / -j 1: paper" "$(ratio "$p1" "$p2")x" ">= 1.85x"
row "   (two independent -j 1 runs side by side allow)" "$(ratio "$(awk -v a="$p1" 'BEGIN { print 2 * a }')" "$pp")x" ""
row "-j 2 / -j 1: workshop" "$(ratio "$w1" "$w2")x" ">= 1.85x"
row "-j 2 / -j 1: large.ini" "$(ratio "$l1" "$l2")x" ">= 1.85x"
row "   (two independent -j 1 runs side by side allow)" "$(ratio "$(awk -v a="$l1" 'BEGIN { print 2 * a }')" "$lp")x" ""
row "peak memory, large.ini -j 1, bytes per position" "$large_bpp" "<= 120"

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

# interleave REPS: runs the configurations on stdin, one a line,
# "run|NAME|ARGS" (orgsim run ARGS) or "pair|NAME|ARGS" (two independent
# orgsim run ARGS -j 1 side by side, timed until both are done: what this
# machine allows -j 2, whatever the program does), REPS times round-robin,
# so that a machine that slows down or speeds up part way through moves
# every configuration alike and their ratios stay fair.  Prints each
# configuration's medians and sets, for the i-th, WALL_i, RATE_i, BPP_i and
# DU_i (its results folder, MB).
interleave() {
  reps=$1
  cat >"$tmp/configs"
  n=$(wc -l <"$tmp/configs")
  r=0
  while [ $r -lt "$reps" ]; do
    i=1
    while [ $i -le "$n" ]; do
      line=$(sed -n "${i}p" "$tmp/configs")
      kind=${line%%|*}; rest=${line#*|}; name=${rest%%|*}; args=${rest#*|}
      if [ "$kind" = pair ]; then
        t0=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$ORGSIM" run $args -j 1 -q -o "$tmp/pairA" >/dev/null 2>&1 &
        # shellcheck disable=SC2086
        "$ORGSIM" run $args -j 1 -q -o "$tmp/pairB" >/dev/null 2>&1
        wait
        awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "orgsim: stats: wall_s=%.3f\n", b - a }' >>"$tmp/stats.$i"
        rm -rf "$tmp/pairA" "$tmp/pairB"
      else
        rm -rf "$tmp/out.$i"
        # shellcheck disable=SC2086
        "$ORGSIM" run $args -q --stats -o "$tmp/out.$i" 2>>"$tmp/stats.$i" >/dev/null \
          || { echo "bench $name: run failed"; exit 1; }
      fi
      i=$((i + 1))
    done
    r=$((r + 1))
  done
  i=1
  while [ $i -le "$n" ]; do
    line=$(sed -n "${i}p" "$tmp/configs")
    kind=${line%%|*}; rest=${line#*|}; name=${rest%%|*}
    get() { sed -n "s/.*$1=\([0-9.e+]*\).*/\1/p" "$tmp/stats.$i" | median; }
    w=$(get wall_s)
    eval "WALL_$i=$w"
    if [ "$kind" = pair ]; then
      printf '%-34s %9.3f s (until both are done)\n' "$name" "$w"
    else
      eval "RATE_$i=$(get person_years_per_s) BPP_$i=$(get bytes_per_position)"
      eval "DU_$i=$(du -sk "$tmp/out.$i" | awk '{ printf "%.1f", $1 / 1024 }')"
      printf '%-34s %9.3f s %12.4g person-years/s %8.1f MiB peak %6.0f B/position\n' \
        "$name" "$w" "$(get person_years_per_s)" "$(get peak_rss_mib)" "$(get bytes_per_position)"
      rm -rf "$tmp/out.$i"
    fi
    rm -f "$tmp/stats.$i"
    i=$((i + 1))
  done
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
twice() { awk -v a="$1" 'BEGIN { print 2 * a }'; }

echo "orgsim bench: $(nproc) cores, $(uname -m), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "medians of $REPS runs (large org: 3)"
echo
echo "== the paper's workload: 2 hypotheses x 4 policies x 50 runs x 1000 years, 160 people"
interleave "$REPS" <<EOF
run|pluchino2010 -j 1|scenarios/pluchino2010.ini -j 1
run|pluchino2010 -j 2|scenarios/pluchino2010.ini -j 2
pair|two -j 1 runs side by side|scenarios/pluchino2010.ini
EOF
p1=$WALL_1; p2=$WALL_2; pp=$WALL_3; paper_rate=$RATE_1
echo "   -j 2 speed-up: $(ratio "$p1" "$p2")x; two independent -j 1 runs side by side allow $(ratio "$(twice "$p1")" "$pp")x"
echo
echo "== the leadership workload: workshop, 5 policies x 50 runs x 60 years, 809 people"
interleave "$REPS" <<EOF
run|workshop -j 1|scenarios/workshop.ini -j 1
run|workshop -j 2|scenarios/workshop.ini -j 2
run|workshop, leadership layer off|scenarios/workshop.ini -j 1 --set effort.enabled=false
run|workshop, layer on, no quits|scenarios/workshop.ini -j 1 --set people.quit_rate=0
EOF
w1=$WALL_1; w2=$WALL_2; w0=$WALL_3; wq=$WALL_4
echo "   -j 2 speed-up: $(ratio "$w1" "$w2")x"
echo "   leadership layer cost, same org and same events (no quits): $(ratio "$wq" "$w0")x the competence layer alone"
echo "   leadership layer cost with quits (they double turnover):   $(ratio "$w1" "$w0")x"
echo
echo "== a million positions: large.ini (spans 10 x 6, 1,111,111 positions), 2 variants x 3 policies,"
echo "   1 run x 20 years; each run also writes the top levels of its org chart (11,111 rows)"
echo "   (and with the leadership layer off, as in the paper, to tell the org's size from the layer's cost)"
interleave 3 <<EOF
run|large -r 1 -t 20 -j 1|scenarios/large.ini -r 1 -t 20 -j 1
run|large -r 1 -t 20 -j 2|scenarios/large.ini -r 1 -t 20 -j 2
pair|two -j 1 runs side by side|scenarios/large.ini -r 1 -t 20
run|large -r 1 -t 40 -j 1|scenarios/large.ini -r 1 -t 40 -j 1
run|large -r 1 -t 20 -j 1, layer off|scenarios/large.ini -r 1 -t 20 -j 1 --set effort.enabled=false
run|large -r 1 -t 40 -j 1, layer off|scenarios/large.ini -r 1 -t 40 -j 1 --set effort.enabled=false
EOF
l1=$WALL_1; l2=$WALL_2; lp=$WALL_3; l40=$WALL_4; lo1=$WALL_5; lo40=$WALL_6
large_rate=$RATE_1; large_bpp=$BPP_1; large_du=$DU_1; lo_rate=$RATE_5
# person-years/s of the simulation alone: 40 years less 20, same output
simrate() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4g", 2 * 3 * 20 * 1111111 / (a - b) }'; }
lsim=$(ratio "$paper_rate" "$(simrate "$l40" "$l1")")
losim=$(ratio "$paper_rate" "$(simrate "$lo40" "$lo1")")
echo "   -j 2 speed-up: $(ratio "$l1" "$l2")x; two independent -j 1 runs side by side allow $(ratio "$(twice "$l1")" "$lp")x"
echo "   cost per person-year, million-person org / 160-person org: $(ratio "$paper_rate" "$large_rate")x;" \
     "simulation alone (40 years less 20): ${lsim}x"
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
row "   (two independent -j 1 runs side by side allow)" "$(ratio "$(twice "$p1")" "$pp")x" ""
row "-j 2 / -j 1: workshop" "$(ratio "$w1" "$w2")x" ">= 1.85x"
row "-j 2 / -j 1: large.ini" "$(ratio "$l1" "$l2")x" ">= 1.85x"
row "   (two independent -j 1 runs side by side allow)" "$(ratio "$(twice "$l1")" "$lp")x" ""
row "peak memory, large.ini -j 1, bytes per position" "$large_bpp" "<= 120"

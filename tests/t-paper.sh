#!/bin/sh
# End to end: the published Peter Principle results (Pluchino, Rapisarda, Garofalo 2010; README), from the
# full paper workload (2 hypotheses x 4 strategies x 50 runs x 1000 years),
# and the crossing of the two gain curves of the mixed strategy.
set -u
. "$(dirname "$0")/lib.sh"
"$ORGSIM" run scenarios/pluchino2010.ini -q -o "$tmp/paper" || exit 1
"$ORGSIM" run scenarios/pluchino2010-mix.ini -q -o "$tmp/mix" || exit 1

# Columns by name (final.csv: variant, policy, efficiency_gain and its CI).
col() { head -1 "$1" | tr , '\n' | grep -nx "$2" | cut -d: -f1; }
f="$tmp/paper/final.csv"
awk -F, -v P="$(col "$f" policy)" -v G="$(col "$f" efficiency_gain)" \
    -v L="$(col "$f" efficiency_gain_ci_lo)" -v H="$(col "$f" efficiency_gain_ci_hi)" '
function check(ok, what) { if (ok) print "ok - " what; else { print "not ok - " what; bad = 1 } }
NR == 1 { next }
{ split($1, v, "="); key = v[2] "/" $P; g[key] = $G; lo[key] = $L; hi[key] = $H }
END {
  check(g["peter/best"] < -4 && hi["peter/best"] < 0,
        "Peter, best: clearly negative (" g["peter/best"] ")")
  check(g["peter/worst"] > 6 && lo["peter/worst"] > 0,
        "Peter, worst: clearly positive (" g["peter/worst"] ")")
  check(g["common-sense/best"] > 4 && lo["common-sense/best"] > 0,
        "common sense, best: clearly positive (" g["common-sense/best"] ")")
  check(g["common-sense/worst"] < 1,
        "common sense, worst: negative or near zero (" g["common-sense/worst"] ")")
  split("common-sense peter", hyp, " ")
  for (h = 1; h <= 2; h++) {
    check(lo[hyp[h] "/random"] > 0 && g[hyp[h] "/random"] < 6,
          hyp[h] ", random: positive (" g[hyp[h] "/random"] ")")
    check(lo[hyp[h] "/alternate"] > 0,
          hyp[h] ", alternate: positive (" g[hyp[h] "/alternate"] ")")
  }
  check(g["peter/best"] < g["peter/random"] && g["peter/random"] < g["peter/worst"],
        "Peter: best < random < worst")
  exit bad
}' "$tmp/paper/final.csv" || exit 1

# sweep.csv columns: series, x (p), efficiency_gain
s="$tmp/mix/sweep.csv"
awk -F, -v S="$(col "$s" series)" -v X="$(col "$s" x)" -v G="$(col "$s" efficiency_gain)" '
NR == 1 { next }
$S ~ /common-sense/ { cs[$X] = $G; xs[++n] = $X }
$S ~ /peter/ { pe[$X] = $G }
END {
  for (i = 1; i < n; i++) {
    a = xs[i]; b = xs[i + 1]
    d1 = cs[a] - pe[a]; d2 = cs[b] - pe[b]
    if (d1 * d2 <= 0) {
      t = d1 / (d1 - d2); p = a + t * (b - a); gain = cs[a] + t * (cs[b] - cs[a])
      if (gain > 0) { printf "ok - the gain curves cross at p = %.2f with gain %+.2f > 0\n", p, gain; exit 0 }
      printf "not ok - the gain curves cross at p = %.2f but gain %+.2f <= 0\n", p, gain; exit 1
    }
  }
  print "not ok - the gain curves of the two hypotheses never cross"; exit 1
}' "$tmp/mix/sweep.csv" || exit 1

#!/bin/sh
# How much the common random numbers pair: for every pair of policies of a
# scenario, the paired 95% CI half-width of the difference in final
# efficiency (efficiency_vs_baseline, with each policy in turn as the baseline) against
# the unpaired one, sqrt(h_a^2 + h_b^2), from efficiency_final's CIs.
# Usage: sh tests/paired.sh ./orgsim SCENARIO [orgsim run options...]
set -u
ORGSIM=${1:?usage: paired.sh ORGSIM SCENARIO [options]}
SC=${2:?usage: paired.sh ORGSIM SCENARIO [options]}
shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pols=$("$ORGSIM" check "$SC" "$@" 2>/dev/null | sed -n 's/^ *policies *= *//p' | head -1 | tr ';' ' ')
[ -n "$pols" ] || pols=$(sed -n 's/^policies *= *//p' "$SC" | tr ';' ' ')
printf '%-34s %-12s %-12s %8s %8s %6s\n' variant policy baseline paired unpaired ratio
for b in $pols; do
  "$ORGSIM" run "$SC" "$@" -q -o "$tmp/$b" --set "scenario.baseline=$b" || exit 1
  awk -F, -v base="$b" '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { key = $c["variant"] SUBSEP $c["policy"]
      h[key] = ($c["efficiency_final_ci_hi"] - $c["efficiency_final_ci_lo"]) / 2
      hp[key] = ($c["efficiency_vs_baseline_ci_hi"] - $c["efficiency_vs_baseline_ci_lo"]) / 2
      v[NR] = $c["variant"]; p[NR] = $c["policy"]; n = NR }
    END {
      for (r = 2; r <= n; r++) {
        if (p[r] == base) continue
        u = sqrt(h[v[r], p[r]]^2 + h[v[r], base]^2)
        printf "%-34s %-12s %-12s %8.3f %8.3f %6.2f\n", substr(v[r], 1, 34), p[r], base, hp[v[r], p[r]], u, hp[v[r], p[r]] / u
      }
    }' "$tmp/$b/final.csv"
done

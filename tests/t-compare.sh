#!/bin/sh
# t-compare.sh: orgsim compare on the workshop with and without training:
# paired by run with the same seed and runs, Welch's test otherwise (and
# without finals.csv), the figures checked against finals.csv / final.csv,
# compare.csv read by pandas; bad folders exit 2.
set -u
: "${ORGSIM:?set ORGSIM to the orgsim binary}"
PY=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; fail=1; }
run() { "$ORGSIM" run scenarios/workshop.ini -q -r 6 -t 30 -p best,people "$@" || exit 1; }
run -o "$tmp/plain"
run -o "$tmp/trained" --set training.training=0.1
run -o "$tmp/trained7" --set training.training=0.1 -s 7

"$ORGSIM" compare "$tmp/plain" "$tmp/trained" -o "$tmp/c1" >"$tmp/out1" 2>&1 \
  && grep -q "^test: paired by run (same seed 42 and 6 runs" "$tmp/out1" \
  && grep -q "^base  *best " "$tmp/out1" \
  && ok "same seed and runs: paired by run, said so" || { no "paired"; cat "$tmp/out1"; }
"$ORGSIM" compare "$tmp/plain" "$tmp/trained7" -o "$tmp/c2" >"$tmp/out2" 2>&1 \
  && grep -q "^test: Welch's unpaired t-test (the seeds differ: 42 and 7)" "$tmp/out2" \
  && ok "other seed: Welch, said so" || { no "welch"; cat "$tmp/out2"; }
cp -r "$tmp/trained" "$tmp/nofinals" && rm "$tmp/nofinals/finals.csv"
"$ORGSIM" compare "$tmp/plain" "$tmp/nofinals" -o "$tmp/c3" >"$tmp/out3" 2>&1 \
  && grep -q "^test: Welch's unpaired t-test (.*nofinals has no finals.csv" "$tmp/out3" \
  && ok "no finals.csv: Welch from final.csv, said so" || { no "no finals"; cat "$tmp/out3"; }

"$PY" - "$tmp" <<'PY' || fail=1
import math, sys
import pandas as pd
tmp = sys.argv[1]
bad = 0
def check(ok, what):
    global bad
    print(("ok - " if ok else "not ok - ") + what)
    bad |= not ok

def t_cdf(t, df):
    # Simpson's rule on the density from 0 to t.
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    f = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
    n = 4000; h = t / n
    s = f(0) + f(t) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, n))
    return 0.5 + s * h / 3

def t975(df):
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_cdf(mid, df) < 0.975 else (lo, mid)
    return lo

def close(a, b, tol=1e-5):
    return abs(a - b) <= tol * max(1, abs(a), abs(b))

# Paired: the mean and CI of the per-run differences in finals.csv.
c = pd.read_csv(tmp + "/c1/compare.csv")
check(list(c["test"]) == ["paired", "paired"], "compare.csv: test column says paired")
a = pd.read_csv(tmp + "/plain/finals.csv"); b = pd.read_csv(tmp + "/trained/finals.csv")
for pol in ["best", "people"]:
    x = a[a.policy == pol].set_index("run")["efficiency_final"]
    y = b[b.policy == pol].set_index("run")["efficiency_final"]
    d = y - x; n = len(d); half = t975(n - 1) * d.std() / math.sqrt(n)
    r = c[c.policy == pol].iloc[0]
    check(close(r.efficiency_final_diff, d.mean(), 1e-6)
          and close(r.efficiency_final_diff_ci_lo, d.mean() - half, 1e-4)
          and close(r.efficiency_final_diff_ci_hi, d.mean() + half, 1e-4),
          f"paired {pol}: diff {r.efficiency_final_diff:.4f} [{r.efficiency_final_diff_ci_lo:.4f}, "
          f"{r.efficiency_final_diff_ci_hi:.4f}] = per-run differences {d.mean():.4f} +- {half:.4f}")
    check(r.efficiency_final_diff_ci_lo > 0 and r.efficiency_final_diff_p < 0.05,
          f"paired {pol}: training raises final efficiency (CI above 0, p={r.efficiency_final_diff_p:.2g})")
# Welch: from final.csv's means, standard deviations and runs.
for sub, other in [("c2", "trained7"), ("c3", "nofinals")]:
    c = pd.read_csv(tmp + "/" + sub + "/compare.csv")
    check(set(c["test"]) == {"welch"}, f"{sub}: test column says welch")
    fa = pd.read_csv(tmp + "/plain/final.csv").set_index("policy")
    fb = pd.read_csv(tmp + "/" + other + "/final.csv").set_index("policy")
    for pol in ["best", "people"]:
        ma, sa, na = fa.loc[pol, ["efficiency_final", "efficiency_final_sd", "runs"]]
        mb, sb, nb = fb.loc[pol, ["efficiency_final", "efficiency_final_sd", "runs"]]
        va, vb = sa * sa / na, sb * sb / nb
        df = (va + vb) ** 2 / (va * va / (na - 1) + vb * vb / (nb - 1))
        half = t975(df) * math.sqrt(va + vb)
        r = c[c.policy == pol].iloc[0]
        check(close(r.efficiency_final_diff, mb - ma, 1e-5)
              and close(r.efficiency_final_diff_ci_lo, mb - ma - half, 1e-4),
              f"{sub} {pol}: Welch diff {r.efficiency_final_diff:.4f} CI lo "
              f"{r.efficiency_final_diff_ci_lo:.4f} (expected {mb - ma - half:.4f}, df {df:.2f})")
sys.exit(bad)
PY

# Bad folders: one line, exit 2, no compare.csv.
"$ORGSIM" compare "$tmp/plain" "$tmp" -o "$tmp/c4" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "^orgsim: .*: not a results folder" "$tmp/err" && [ ! -e "$tmp/c4" ] \
  && ok "not a results folder: exit 2" || no "not a results folder: exit $rc $(cat "$tmp/err")"
"$ORGSIM" run scenarios/workshop.ini -q -r 2 -t 30 -p random --set scenario.baseline=random \
  -o "$tmp/other" || exit 1
"$ORGSIM" compare "$tmp/plain" "$tmp/other" -o "$tmp/c5" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "no policy and variant in common" "$tmp/err" \
  && ok "nothing in common: exit 2" || no "nothing in common: exit $rc $(cat "$tmp/err")"
"$ORGSIM" compare "$tmp/plain" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "^orgsim: compare: give two results folders" "$tmp/err" \
  && ok "one folder: exit 2" || no "one folder: exit $rc"
exit $fail

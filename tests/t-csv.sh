#!/bin/sh
# t-csv.sh: every CSV of a results folder reads with Python's csv module
# (strict) and with pandas into the columns orgsim(1) documents, with the
# documented types and no post-processing: text fields holding commas are
# quoted (a swept distribution), a missing value is an empty field, and each
# swept key is a column of its own whose values make up `variant`.
set -u
. "$(dirname "$0")/lib.sh"
# Debian's python3, where python3-pandas is installed (TEST_PKGS).
PY=${PYTHON:-/usr/bin/python3}
# Two swept keys, one of them a distribution (commas), one numeric (sweep.csv);
# every policy; per-run rows; 1 run leaves the CIs empty.
"$ORGSIM" run scenarios/workshop.ini -q -r 3 -t 30 -p best,people --per-run -o "$tmp/sw" \
  --set 'scenario.description=commas, "quotes"' \
  --set 'sweep.people.technical=normal(7,2,1,10);uniform(1,10)' \
  --set 'sweep.promotion.p=0;0.5' || exit 1
"$ORGSIM" run scenarios/workshop.ini -q -r 1 -t 30 -p best,random --per-run -o "$tmp/one" || exit 1
"$PY" - "$tmp/sw" "people.technical promotion.p" orgsim.1 <<'PY' || fail=1
import csv, sys
import pandas as pd

folder, keys, man = sys.argv[1], sys.argv[2].split(), sys.argv[3]
TEXT = {"variant", "policy", "series", "x_key", "level_name", "id", "title", "name"} | set(keys)
INTS = {"runs", "step", "level", "run", "seed", "position", "parent", "y", "willing",
        "leader", "series_id"}

def documented(name):
    """The header orgsim.1 gives for NAME (KEY... standing for the swept keys)."""
    lines = open(man, encoding="utf-8").read().split("\n")
    i = lines.index(".SH OUTPUT FILES")
    while not (lines[i] == ".B " + name and lines[i - 1] == ".TP"):
        i += 1
    i = lines.index(".EX", i)
    j = lines.index(".EE", i)
    cols = "".join(lines[i + 1:j]).split(",")
    out = []
    for c in cols:
        out += keys if c == "KEY..." else [c]
    return out

bad = 0
def check(ok, what):
    global bad
    print(("ok - " if ok else "not ok - ") + what)
    bad |= not ok

for name in ["summary.csv", "final.csv", "finals.csv", "levels.csv", "orgchart.csv",
             "runs.csv", "sweep.csv"]:
    path = folder + "/" + name
    want = documented(name)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    check(rows[0] == want, f"{name}: header as documented")
    check(all(len(r) == len(want) for r in rows[1:]) and len(rows) > 1,
          f"{name}: {len(rows) - 1} rows, each with {len(want)} fields (strict csv)")
    check(not any("nan" in c.lower() for r in rows[1:] for c in r[len(keys) + 2:]),
          f"{name}: no literal nan")
    df = pd.read_csv(path, keep_default_na=True)
    check(list(df.columns) == want, f"{name}: pandas reads the documented columns")
    wrong = [c for c in df.columns if c not in TEXT and df[c].dtype.kind not in "iuf"]
    check(not wrong, f"{name}: every number column is numeric in pandas {wrong}")
    wrong = [c for c in df.columns if c in INTS and df[c].dtype.kind not in "iu"]
    check(not wrong, f"{name}: count columns are integers {wrong}")
    t = pd.read_csv(path, dtype={k: str for k in keys})
    made = t.apply(lambda r: " ".join(f"{k}={r[k]}" for k in keys), axis=1)
    check((made == t["variant"]).all(), f"{name}: the swept key columns make up variant")
    check(set(df["people.technical"]) == {"normal(7,2,1,10)", "uniform(1,10)"},
          f"{name}: the distribution column holds the values as written")
import glob, os
# Every CSV the folder holds, whatever writes it: strict csv and pandas.
for path in sorted(glob.glob(folder + "/*.csv")):
    name = os.path.basename(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    check(len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows),
          f"{name}: every row as wide as the header (strict csv)")
    check(len(pd.read_csv(path)) == len(rows) - 1, f"{name}: pandas reads every row")
sys.exit(bad)
PY
"$PY" - "$tmp/one" <<'PY' || fail=1
import csv, sys
import pandas as pd
folder = sys.argv[1]
f = pd.read_csv(folder + "/final.csv")
ok = f["efficiency_final_ci_lo"].isna().all() and f["efficiency_final"].notna().all()
print(("ok" if ok else "not ok") + " - one run: empty CIs read as missing, means present")
o = pd.read_csv(folder + "/orgchart.csv")
top = o[o["parent"] == -1]
ok2 = top["parent_x"].isna().all() and o[o["parent"] >= 0]["parent_x"].notna().all()
print(("ok" if ok2 else "not ok") + " - orgchart: the top's parent_x is missing, no other")
l = pd.read_csv(folder + "/levels.csv")
ok3 = l[l["level"] == 0]["willing_share_mean"].isna().all()
print(("ok" if ok3 else "not ok") + " - levels: the top level's willing share is missing")
sys.exit(0 if ok and ok2 and ok3 else 1)
PY
# Shards: merge puts each shard's finals.csv rows back in order; a shard
# whose finals.csv lost a row does not merge.
for k in 1 2; do
  "$ORGSIM" run scenarios/workshop.ini -q -r 3 -t 30 -p best,people --shard $k/2 \
    -o "$tmp/s$k" || exit 1
done
"$ORGSIM" run scenarios/workshop.ini -q -r 3 -t 30 -p best,people -o "$tmp/whole" || exit 1
"$ORGSIM" merge "$tmp/s1" "$tmp/s2" -o "$tmp/merged" || exit 1
if cmp -s "$tmp/whole/finals.csv" "$tmp/merged/finals.csv"; then
  echo "ok - merged shards' finals.csv = one run's"
else
  echo "not ok - merged shards' finals.csv differs from one run's"; fail=1
fi
sed -i '3d' "$tmp/s2/finals.csv"
"$ORGSIM" merge "$tmp/s1" "$tmp/s2" -o "$tmp/merged2" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^orgsim: .*s2/finals.csv: a row is missing" "$tmp/err" \
   && [ ! -e "$tmp/merged2" ]; then
  echo "ok - a shard's damaged finals.csv: exit 2, named, nothing written"
else
  echo "not ok - damaged finals.csv: exit $rc: $(cat "$tmp/err")"; fail=1
fi
exit $fail

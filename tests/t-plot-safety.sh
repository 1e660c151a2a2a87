#!/bin/sh
# t-plot-safety.sh: `orgsim plot` with hostile files, faults and signals.
#  - text from files and paths never runs a command (backticks, system(), quotes,
#    newlines in every text field, in labels.csv, in a merged shard's orgchart.d, in
#    scenario.ini and in the results path);
#  - charts are replaced whole or not at all (gnuplot drawing nothing, a full disk);
#  - the same charts under the C, C.UTF-8, en_US.UTF-8 and de_DE.UTF-8 locales;
#  - a shard folder, a missing column: one line, orgsim: first, exit 2;
#  - SIGINT/SIGTERM stop plot and run --plot within a second;
#  - many variants: a quick, readable chart that says what it left out; a heat map.
# Run from the repository root: ORGSIM=/abs/path/orgsim sh tests/t-plot-safety.sh
set -u
. "$(dirname "$0")/lib.sh"
if ! command -v gnuplot >/dev/null 2>&1; then
  echo "t-plot-safety: gnuplot not installed (make deps): skipped"
  exit 0
fi

"$ORGSIM" run tests/data/small.ini -q -o "$tmp/small" || { echo "cannot run small.ini"; exit 1; }
"$ORGSIM" run tests/data/small-sweep.ini -q -o "$tmp/sweep" || { echo "cannot run small-sweep.ini"; exit 1; }

# ---- 1. no command from a file or a path ------------------------------------------
# The payload, raw: every way gnuplot or a shell could be made to run something.
PW=$tmp/pwned
payload() {
  printf '%s' "x\`touch $PW-bt\`\"q\" system(\"touch $PW-sys\") 'sq' @SCENARIO \$(touch $PW-sh)
EOD
!touch $PW-bang
print system(\"touch $PW-nl\")"
}
# The payload as one RFC 4180 field.
csv_payload() {
  payload | sed 's/"/""/g; 1s/^/"/; $s/$/"/'
}
no_command_ran() {
  if ls "$PW"-* >/dev/null 2>&1; then
    fail "$1: a command ran: $(ls "$PW"-*)"
    rm -f "$PW"-*
  else
    pass "$1: no command ran"
  fi
}
# inject FILE COLUMN:MODE...: each column's text becomes the payload (set) or gets it
# prepended (suffix), in every row, in one pass (the payload spans lines).
inject() {
  _f=$1; shift
  _p=$(csv_payload)
  awk -F, -v OFS=, -v specs="$*" -v p="$_p" '
    NR == 1 {
      n = split(specs, sp, " ")
      for (k = 1; k <= n; k++) { split(sp[k], cm, ":"); want[cm[1]] = cm[2] }
      for (i = 1; i <= NF; i++) if ($i in want) mode[i] = want[$i]
      print; next
    }
    { for (i in mode) { if (mode[i] == "set") $i = p; else $i = substr(p, 1, length(p) - 1) $i "\"" }; print }' \
    "$_f" >"$_f.new" && mv "$_f.new" "$_f"
}
cp -R "$tmp/small" "$tmp/hostile"
for f in summary.csv final.csv levels.csv orgchart.csv; do
  inject "$tmp/hostile/$f" variant:set policy:suffix
done
# scenario.ini: name and description (GKeyFile: \n is a line break).
sed -i "s/^name *=.*/name=n\`touch $(echo "$PW" | sed 's/[\/&]/\\&/g')-ini1\` system(\"touch x\")/" "$tmp/hostile/scenario.ini"
sed -i "s/^description *=.*/description=d' \\\\nEOD\\\\n!touch $(echo "$PW" | sed 's/[\/&]/\\&/g')-ini2 \`touch $(echo "$PW" | sed 's/[\/&]/\\&/g')-ini3\`/" "$tmp/hostile/scenario.ini"
# labels.csv: every kind, every text field hostile.
{
  echo "kind,key,label"
  echo "scenario,name,$(csv_payload)"
  echo "scenario,description,$(csv_payload)"
  for p in best potential people random seniority; do echo "policy,$p,$(csv_payload)"; done
  echo "policy,$(csv_payload),$(csv_payload)"
  echo "level,0,$(csv_payload)"
  echo "level,1,$(csv_payload)"
} >"$tmp/hostile/labels.csv"
"$ORGSIM" plot "$tmp/hostile" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && pass "hostile text in every CSV, scenario.ini, labels.csv: exit 0" \
  || fail "hostile text: exit $rc: $(cat "$tmp/err")"
no_command_ran "hostile text in the CSVs, scenario.ini and labels.csv"
# Shown as text: the labels reach the chart as plain text.
"$ORGSIM" plot "$tmp/hostile" --format svg >"$tmp/out" 2>"$tmp/err"
if grep -q 'system(' "$tmp/hostile/charts/difference.svg" 2>/dev/null; then
  pass "hostile labels drawn as text"
else
  fail "hostile labels not in the difference chart (rc $?: $(cat "$tmp/err"))"
fi
no_command_ran "hostile text, svg"

# The sweep's files (sweep.csv has series text and the swept key).
cp -R "$tmp/sweep" "$tmp/hostile-sweep"
for f in summary.csv final.csv levels.csv; do inject "$tmp/hostile-sweep/$f" policy:suffix; done
inject "$tmp/hostile-sweep/sweep.csv" policy:suffix series:set x_key:set
"$ORGSIM" plot "$tmp/hostile-sweep" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "hostile sweep: exit $rc: $(cat "$tmp/err")"
no_command_ran "hostile text in sweep.csv"

# orgsim robust's folder: tornado.csv's texts and labels.csv hostile.
"$ORGSIM" robust tests/data/robust-flip.ini -q -r 2 --no-plot -o "$tmp/robust" \
  || { echo "cannot run robust-flip.ini"; exit 1; }
inject "$tmp/robust/tornado.csv" parameter:set low_label:set high_label:suffix policy:suffix \
  baseline:suffix
{
  echo "kind,key,label"
  for p in best worst random; do echo "policy,$p,$(csv_payload)"; done
} >"$tmp/robust/labels.csv"
"$ORGSIM" plot "$tmp/robust" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
# The texts are cut short on the chart: their first words show, as text.
if [ $rc -eq 0 ] && grep -q 'x`touch' "$tmp/robust/charts/tornado.svg" 2>/dev/null; then
  pass "hostile tornado.csv and labels.csv: drawn as text"
else
  fail "hostile tornado.csv: exit $rc: $(cat "$tmp/err")"
fi
no_command_ran "hostile text in tornado.csv"
# No chart script starts a program on a results file: they read the prepared copies.
if grep -n 'system *(\|^[^#]*"< *awk[^"]*" *\. *RESULTS\|`' plots/*.gp | grep -v ':[0-9]*: *#' >"$tmp/sys"; then
  fail "a chart script runs a command: $(head -n 3 "$tmp/sys")"
else
  pass "no system() or backticks in plots/*.gp"
fi

# A results path with backticks, $(...), quotes and a line break (no slash: the
# commands name their files through the environment).
PWF1=$PW-path1 PWF2=$PW-path2
export PWF1 PWF2
evil="$tmp/res\`touch \$PWF1\`\$(touch \$PWF2)'\"x
y"
cp -R "$tmp/small" "$evil"
"$ORGSIM" plot "$evil" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ -s "$evil/charts/orgchart.png" ] && pass "hostile results path: charts drawn" \
  || fail "hostile results path: exit $rc: $(cat "$tmp/err")"
no_command_ran "hostile results path"
"$ORGSIM" plot "$evil" --animate >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ -s "$evil/charts/orgchart.gif" ] || fail "hostile results path, --animate: exit $rc: $(cat "$tmp/err")"
no_command_ran "hostile results path, --animate"

# A merged shard whose orgchart.d file holds the payload.
"$ORGSIM" run tests/data/small.ini -q --shard 1/2 -o "$tmp/sh1" && \
  "$ORGSIM" run tests/data/small.ini -q --shard 2/2 -o "$tmp/sh2" || { echo "cannot run shards"; exit 1; }
for f in "$tmp"/sh1/orgchart.d/*.csv; do
  [ -f "$f" ] && inject "$f" variant:set
done
if "$ORGSIM" merge "$tmp/sh1" "$tmp/sh2" -o "$tmp/merged" >"$tmp/out" 2>"$tmp/err"; then
  "$ORGSIM" plot "$tmp/merged" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 0 ] || fail "merged hostile shard: plot exit $rc: $(cat "$tmp/err")"
else
  echo "note: merge refused the damaged shard: $(cat "$tmp/err")"
fi
no_command_ran "hostile text in a merged shard's orgchart.d"

# ---- 2. charts replaced whole or not at all ----------------------------------------
"$ORGSIM" plot "$tmp/small" >/dev/null 2>&1 || fail "plot small"
sums() { (cd "$1/charts" && cksum ./* | sort); }
before=$(sums "$tmp/small")
# A gnuplot that exits 0 without drawing: every chart script ends at once.
mkdir "$tmp/noplots"
cp plots/*.gp "$tmp/noplots/"
for f in "$tmp"/noplots/*.gp; do
  case $f in */common.gp) ;; *) printf 'exit\n' >"$f" ;; esac
done
ORGSIM_PLOTS=$tmp/noplots "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^orgsim: .*drew no complete png' "$tmp/err" \
   && [ "$before" = "$(sums "$tmp/small")" ]; then
  pass "gnuplot exits 0 without drawing: exit 1, one line, earlier charts intact"
else
  fail "gnuplot drawing nothing: exit $rc, stderr: $(cat "$tmp/err")"
fi
# A full disk (a file size limit, SIGXFSZ ignored so that writes fail with EFBIG).
for fmt in png svg pdf; do
  "$ORGSIM" plot "$tmp/small" --format $fmt >/dev/null 2>&1 || fail "plot --format $fmt"
  before=$(sums "$tmp/small")
  for blocks in 1 40; do
    (ulimit -f $blocks; trap '' XFSZ; exec "$ORGSIM" plot "$tmp/small" --format $fmt) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    left=$(ls -A "$tmp/small/charts" | grep -c '^\.plot-')
    if [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^orgsim: ' "$tmp/err" \
       && [ "$before" = "$(sums "$tmp/small")" ] && [ "$left" -eq 0 ]; then
      pass "full disk ($blocks blocks), $fmt: exit 1, earlier charts intact, nothing left over"
    else
      fail "full disk ($blocks blocks), $fmt: exit $rc, leftovers $left, stderr: $(cat "$tmp/err")"
    fi
  done
done

# What a killed plot left (a work folder whose owner is gone) is removed by the next;
# a live plot's folder is not.
dead=$(sh -c 'echo $$')
mkdir "$tmp/small/charts/.plot-dead1" "$tmp/small/charts/.plot-live1"
echo "$dead" >"$tmp/small/charts/.plot-dead1/owner"
echo x >"$tmp/small/charts/.plot-dead1/summary.csv"
echo $$ >"$tmp/small/charts/.plot-live1/owner"
"$ORGSIM" plot "$tmp/small" >/dev/null 2>&1
if [ ! -e "$tmp/small/charts/.plot-dead1" ] && [ -e "$tmp/small/charts/.plot-live1" ]; then
  pass "a dead plot's work folder is removed, a live one's kept"
else
  fail "work folders: dead one $(ls -d "$tmp/small/charts/.plot-dead1" 2>/dev/null), live one $(ls -d "$tmp/small/charts/.plot-live1" 2>/dev/null)"
fi
rm -rf "$tmp/small/charts/.plot-live1"
# A link named like a dead plot's work folder is removed as a link: the folder it
# points to, and the files there, are left as they were.
mkdir "$tmp/elsewhere"
echo "$dead" >"$tmp/elsewhere/owner"
echo x >"$tmp/elsewhere/keep.csv"
ln -s "$tmp/elsewhere" "$tmp/small/charts/.plot-link1"
"$ORGSIM" plot "$tmp/small" >/dev/null 2>&1
if [ -f "$tmp/elsewhere/owner" ] && [ -f "$tmp/elsewhere/keep.csv" ] \
   && [ ! -e "$tmp/small/charts/.plot-link1" ] && [ ! -L "$tmp/small/charts/.plot-link1" ]; then
  pass "a work folder that is a link: the link is removed, what it points to is not"
else
  fail "work folder link: left $(ls -A "$tmp/elsewhere" | tr '\n' ' '), link $(ls -d "$tmp/small/charts/.plot-link1" 2>/dev/null)"
fi

# ---- 3. the same charts in every locale ---------------------------------------------
have_locale() { locale -a 2>/dev/null | sed 's/utf8/UTF-8/' | grep -qx "$1"; }
for l in en_US.UTF-8 de_DE.UTF-8; do
  if ! have_locale "$l"; then
    localedef -i "${l%%.*}" -f UTF-8 "$l" >/dev/null 2>&1 || true
  fi
done
rm -rf "$tmp/small/charts"
LC_ALL=C "$ORGSIM" plot "$tmp/small" --format svg >/dev/null 2>&1 || fail "plot under LC_ALL=C"
LC_ALL=C "$ORGSIM" plot "$tmp/small" >/dev/null 2>&1 || fail "plot under LC_ALL=C (png)"
ref=$(sums "$tmp/small")
for l in C.UTF-8 en_US.UTF-8 de_DE.UTF-8 POSIX; do
  if [ "$l" != C.UTF-8 ] && [ "$l" != POSIX ] && ! have_locale "$l"; then
    echo "skip: locale $l cannot be generated here (install the locales package): not compared"
    continue
  fi
  rm -rf "$tmp/small/charts"
  env -i PATH="$PATH" ORGSIM_PLOTS="$ORGSIM_PLOTS" LC_ALL=$l LANG=$l "$ORGSIM" plot "$tmp/small" --format svg >"$tmp/out" 2>"$tmp/err"
  rc1=$?
  env -i PATH="$PATH" ORGSIM_PLOTS="$ORGSIM_PLOTS" LC_ALL=$l LANG=$l "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>>"$tmp/err"
  rc2=$?
  if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$ref" = "$(sums "$tmp/small")" ]; then
    pass "locale $l: the same charts, byte for byte"
  else
    fail "locale $l: exit $rc1/$rc2, charts differ or missing: $(cat "$tmp/err")"
  fi
done

# ---- 4. one line, orgsim: first, exit 2 ---------------------------------------------
"$ORGSIM" run tests/data/small.ini -q --shard 2/2 -o "$tmp/shard2" >/dev/null 2>&1
"$ORGSIM" plot "$tmp/shard2" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^orgsim: .*merge the shards first' "$tmp/err"; then
  pass "a shard folder: one line, merge first, exit 2"
else
  fail "a shard folder: exit $rc, stderr: $(cat "$tmp/err")"
fi
for spec in "summary.csv efficiency_mean" "final.csv efficiency_gain" "levels.csv competence_mean" "orgchart.csv parent_x"; do
  f=${spec% *} col=${spec#* }
  rm -rf "$tmp/renamed"; cp -R "$tmp/small" "$tmp/renamed"
  sed -i "1s/\\b$col\\b/${col}_renamed/" "$tmp/renamed/$f"
  "$ORGSIM" plot "$tmp/renamed" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] \
     && grep -q "^orgsim: no column $col in .*$f" "$tmp/err"; then
    pass "renamed column $col in $f: one line, no column X in FILE, exit 2"
  else
    fail "renamed column $col in $f: exit $rc, stderr: $(cat "$tmp/err")"
  fi
done
# A damaged CSV (a quote never closed): FILE:LINE, exit 2.
rm -rf "$tmp/damaged"; cp -R "$tmp/small" "$tmp/damaged"
printf 'base,"best,1\n' >>"$tmp/damaged/final.csv"
"$ORGSIM" plot "$tmp/damaged" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^orgsim: .*final.csv:[0-9]*: ' "$tmp/err"; then
  pass "a damaged CSV: FILE:LINE, exit 2"
else
  fail "a damaged CSV: exit $rc, stderr: $(cat "$tmp/err")"
fi

# ---- 5. SIGINT / SIGTERM stop drawing within a second -------------------------------
mkdir "$tmp/slowplots"
cp plots/*.gp "$tmp/slowplots/"
printf 'pause 60\n' >"$tmp/slowplots/efficiency.gp"
"$ORGSIM" plot "$tmp/small" >/dev/null 2>&1
before=$(sums "$tmp/small")
# now_ms: milliseconds since the epoch.
now_ms() { date +%s%3N; }
for sig in INT TERM; do
  for cmd in plot run; do
    if [ $cmd = plot ]; then
      ORGSIM_PLOTS=$tmp/slowplots "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>"$tmp/err" &
    else
      rm -rf "$tmp/runplot"
      ORGSIM_PLOTS=$tmp/slowplots "$ORGSIM" run tests/data/small.ini -q -o "$tmp/runplot" --plot >"$tmp/out" 2>"$tmp/err" &
    fi
    pid=$!
    # Wait until the slow chart's gnuplot is running.
    n=0
    while ! pgrep -f "$tmp/slowplots/efficiency.gp" >/dev/null 2>&1 && [ $n -lt 100 ]; do
      sleep 0.1; n=$((n + 1))
    done
    t0=$(now_ms)
    kill -$sig $pid
    wait $pid
    rc=$?
    ms=$(( $(now_ms) - t0 ))
    sleep 0.2
    left=$(pgrep -f "$tmp/slowplots/efficiency.gp" | wc -l)
    ok=1
    [ $rc -eq 1 ] || ok=0
    [ $ms -le 1000 ] || ok=0
    [ "$left" -eq 0 ] || ok=0
    grep -q '^orgsim: interrupted' "$tmp/err" || ok=0
    if [ $cmd = plot ]; then
      [ "$before" = "$(sums "$tmp/small")" ] || ok=0
      [ "$(ls -A "$tmp/small/charts" | grep -c '^\.plot-')" -eq 0 ] || ok=0
    fi
    if [ $ok -eq 1 ]; then
      pass "SIG$sig during $cmd drawing: stopped in $ms ms, exit 1, gnuplot ended, charts intact"
    else
      fail "SIG$sig during $cmd drawing: exit $rc after $ms ms, gnuplot left: $left, stderr: $(cat "$tmp/err")"
    fi
  done
done

# ---- 6. many variants: quick, readable, and a heat map ------------------------------
vals=$(seq 0 0.04 0.96 | tr '\n' ';' | sed 's/;$//')
qvals=$(seq 0 0.01 0.23 | tr '\n' ';' | sed 's/;$//')
"$ORGSIM" run tests/data/small.ini -q -o "$tmp/many" -r 2 -t 10 -p 'best;people' --set scenario.window=5 \
  --set "sweep.promotion.p=$vals" --set "sweep.people.quit_rate=$qvals" >"$tmp/out" 2>&1 \
  || { fail "cannot run the 25x24 sweep: $(cat "$tmp/out")"; }
t0=$(now_ms)
"$ORGSIM" plot "$tmp/many" >"$tmp/out" 2>"$tmp/err"
rc=$?
ms=$(( $(now_ms) - t0 ))
if [ $rc -eq 0 ] && [ $ms -le 30000 ] && [ -s "$tmp/many/charts/heatmap.png" ]; then
  pass "600 variants: drawn in $ms ms with a heat map"
else
  fail "600 variants: exit $rc after $ms ms: $(cat "$tmp/err")"
fi
# The gain chart says which variants it shows.
"$ORGSIM" plot "$tmp/many" --format svg >/dev/null 2>&1
if grep -q '12 of 600 variants shown' "$tmp/many/charts/gain.svg"; then
  pass "many variants: the chart says which it shows"
else
  fail "many variants: no note on the variants shown in gain.svg"
fi

t_done

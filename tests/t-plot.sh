#!/bin/sh
# t-plot.sh: `orgsim plot` end to end: every chart in png, svg and pdf, skipped charts,
# the heat map of a two-key sweep, --style, labels.csv, gnuplot missing or failing, and
# a folder that is not a results folder.  (Hostile input, faults and signals:
# t-plot-safety.sh.)
# Run from the repository root: ORGSIM=/abs/path/orgsim sh tests/t-plot.sh
# Exits non-zero when anything failed, after printing what.

. "$(dirname "$0")/lib.sh"

CHARTS="efficiency difference gain willing competence leaders orgchart sweep heatmap"

# The first bytes of a file as hex, e.g. 89504e47 for a PNG.
magic() {
  od -An -tx1 -N"$2" "$1" | tr -d ' \n'
}

# check_file FILE FORMAT: exists, not empty, and looks like FORMAT.
check_file() {
  if [ ! -s "$1" ]; then
    fail "$1: missing or empty"
    return 1
  fi
  case $2 in
    png) [ "$(magic "$1" 8)" = 89504e470d0a1a0a ] || { fail "$1: not a PNG"; return 1; } ;;
    pdf) [ "$(magic "$1" 5)" = 255044462d ] || { fail "$1: not a PDF"; return 1; } ;;
    svg) grep -q '<svg' "$1" || { fail "$1: not an SVG"; return 1; } ;;
  esac
  return 0
}

# plot_all DIR FORMAT REQUIRED: `orgsim plot DIR --format FORMAT` succeeds silently on
# stderr; each chart is either written (listed on stdout, a valid file) or skipped with
# a note; the REQUIRED charts are written.
plot_all() {
  dir=$1 fmt=$2 required=$3
  rm -rf "$dir/charts"
  "$ORGSIM" plot "$dir" --format "$fmt" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -ne 0 ]; then
    fail "plot $dir --format $fmt: exit $rc: $(cat "$tmp/err")"
    return
  fi
  if [ -s "$tmp/err" ]; then
    fail "plot $dir --format $fmt: stderr not empty: $(cat "$tmp/err")"
  fi
  for c in $CHARTS; do
    f=$dir/charts/$c.$fmt
    if grep -qxF "$f" "$tmp/out"; then
      check_file "$f" "$fmt" && pass "$c.$fmt ($(basename "$dir"))"
    elif grep -q "^$c: skipped" "$tmp/out"; then
      [ -e "$f" ] && fail "$f: written but reported skipped"
      case " $required " in
        *" $c "*) fail "$c.$fmt ($(basename "$dir")): skipped: $(grep "^$c: skipped" "$tmp/out")" ;;
      esac
    else
      fail "$c.$fmt ($(basename "$dir")): neither written nor skipped; stdout was: $(cat "$tmp/out")"
    fi
  done
}

# ---- results folders: the small scenario (leadership layer on) and a numeric sweep ----
if ! "$ORGSIM" run tests/data/small.ini -o "$tmp/small" -q >"$tmp/run.out" 2>&1; then
  echo "t-plot: cannot run tests/data/small.ini:"; cat "$tmp/run.out"
  exit 1
fi
if ! "$ORGSIM" run tests/data/small-sweep.ini -o "$tmp/sweep" -q >"$tmp/run.out" 2>&1; then
  echo "t-plot: cannot run tests/data/small-sweep.ini:"; cat "$tmp/run.out"
  exit 1
fi
if ! "$ORGSIM" run tests/data/small.ini -o "$tmp/sweep2" -q -p 'best;people' \
     --set 'sweep.promotion.p=0;0.5;1' --set 'sweep.people.quit_rate=0;0.1' >"$tmp/run.out" 2>&1; then
  echo "t-plot: cannot run a two-key sweep:"; cat "$tmp/run.out"
  exit 1
fi

if command -v gnuplot >/dev/null 2>&1; then
  for fmt in png svg pdf; do
    plot_all "$tmp/small" "$fmt" "efficiency gain willing competence leaders orgchart"
    plot_all "$tmp/sweep" "$fmt" "efficiency difference gain competence orgchart sweep"
  done
  # Two numeric keys swept: the heat map.
  plot_all "$tmp/sweep2" png "efficiency difference gain competence orgchart sweep heatmap"

  # The style: slides (1280x720, the default) or print (1600x1130); anything else: exit 2.
  png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }'; }
  "$ORGSIM" plot "$tmp/small" --style print >/dev/null 2>&1
  s_print=$(png_size "$tmp/small/charts/efficiency.png")
  "$ORGSIM" plot "$tmp/small" >/dev/null 2>&1
  s_slides=$(png_size "$tmp/small/charts/efficiency.png")
  [ "$s_print" = 1600x1130 ] && [ "$s_slides" = 1280x720 ] && pass "--style print $s_print, slides $s_slides" \
    || fail "--style: print $s_print (want 1600x1130), slides $s_slides (want 1280x720)"
  "$ORGSIM" plot "$tmp/small" --style poster >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 2 ] && grep -q '^orgsim: .*slides or print' "$tmp/err" && pass "--style poster: exit 2" \
    || fail "--style poster: exit $rc: $(cat "$tmp/err")"
  "$ORGSIM" run tests/data/small.ini -q -o "$tmp/styled" --plot --style print >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 0 ] && [ "$(png_size "$tmp/styled/charts/gain.png")" = 1600x1130 ] && pass "run --plot --style print" \
    || fail "run --plot --style print: exit $rc: $(cat "$tmp/err")"

  # labels.csv: plain words for the scenario, the policies and the levels; without it,
  # short names and "level N".
  cp -R "$tmp/small" "$tmp/labelled"
  rm -rf "$tmp/labelled/charts"
  cat >"$tmp/labelled/labels.csv" <<'EOF'
kind,key,label
scenario,name,Acme Engineering
scenario,description,"Promote the best engineer, or the best leader?"
policy,best,Promote the best engineer
policy,people,"Promote for ""people"" skills"
level,0,Chief executive
level,1,Directors
EOF
  "$ORGSIM" plot "$tmp/labelled" --format svg >"$tmp/out" 2>"$tmp/err" || fail "plot with labels.csv: $(cat "$tmp/err")"
  cp -R "$tmp/small" "$tmp/unlabelled"
  rm -rf "$tmp/unlabelled/charts" "$tmp/unlabelled/labels.csv"
  "$ORGSIM" plot "$tmp/unlabelled" --format svg >"$tmp/out" 2>"$tmp/err" || fail "plot svg: $(cat "$tmp/err")"
  L=$tmp/labelled/charts
  if grep -q 'Promote the best engineer' "$L/difference.svg" && grep -q 'Promote for "people" skills' "$L/efficiency.svg" \
     && grep -q 'Acme Engineering — Promote the best engineer, or the best leader?' "$L/gain.svg" \
     && grep -q 'Chief executive' "$L/competence.svg" && grep -q 'Directors' "$L/leaders.svg" \
     && grep -q 'Promote the best engineer (baseline)' "$L/orgchart.svg" \
     && ! grep -q 'level 0' "$L/competence.svg"; then
    pass "labels.csv: plain words in every chart"
  else
    fail "labels.csv: labels missing from the charts"
  fi
  U=$tmp/unlabelled/charts
  if grep -q 'level 0 (top)' "$U/competence.svg" && grep -q '>people<' "$U/efficiency.svg" \
     && grep -q 'test scenario: small pyramid' "$U/efficiency.svg"; then
    pass "no labels.csv: short names, level N, the description as subtitle"
  else
    fail "no labels.csv: fallback names missing"
  fi

  # No numeric sweep: the sweep chart is skipped with a note, and that is no error.

  # No numeric sweep: the sweep chart is skipped with a note, and that is no error.
  "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && grep -q '^sweep: skipped' "$tmp/out" && [ ! -s "$tmp/err" ]; then
    pass "no sweep.csv: sweep skipped with a note"
  else
    fail "no sweep.csv: exit $rc, stdout: $(cat "$tmp/out"), stderr: $(cat "$tmp/err")"
  fi

  # Data missing from a folder: orgchart.csv deleted, the chart is skipped.
  cp -R "$tmp/sweep" "$tmp/partial"
  rm -rf "$tmp/partial/charts" "$tmp/partial/orgchart.csv"
  "$ORGSIM" plot "$tmp/partial" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && grep -q '^orgchart: skipped' "$tmp/out" && [ ! -e "$tmp/partial/charts/orgchart.png" ] \
     && [ ! -s "$tmp/err" ]; then
    pass "no orgchart.csv: orgchart skipped with a note"
  else
    fail "no orgchart.csv: exit $rc, stdout: $(cat "$tmp/out"), stderr: $(cat "$tmp/err")"
  fi

  # A chart script that fails: exit 1, the chart named and gnuplot's stderr quoted, the
  # other charts still drawn.
  mkdir "$tmp/badplots"
  cp plots/*.gp "$tmp/badplots/"
  printf 'print "t-plot-boom"\n' >"$tmp/badplots/gain.gp"
  rm -rf "$tmp/small/charts"
  ORGSIM_PLOTS=$tmp/badplots "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 1 ] && grep -q '^orgsim:.*gain' "$tmp/err" && grep -q 't-plot-boom' "$tmp/err" \
     && [ ! -e "$tmp/small/charts/gain.png" ] && [ -s "$tmp/small/charts/efficiency.png" ]; then
    pass "failing chart script: exit 1, chart named, stderr quoted"
  else
    fail "failing chart script: exit $rc, stderr: $(cat "$tmp/err")"
  fi
else
  echo "t-plot: gnuplot not installed (make deps): chart checks skipped"
fi

# ---- gnuplot not findable: PATH holds nothing orgsim could run ----
mkdir "$tmp/nobin"
PATH=$tmp/nobin "$ORGSIM" plot "$tmp/small" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && head -n 1 "$tmp/err" | grep -q '^orgsim:' && grep -q 'gnuplot' "$tmp/err"; then
  pass "gnuplot missing: exit 1, orgsim: ... gnuplot"
else
  fail "gnuplot missing: exit $rc (want 1), stderr: $(cat "$tmp/err")"
fi

# ---- not a results folder: exit 2 ----
mkdir "$tmp/empty"
"$ORGSIM" plot "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && head -n 1 "$tmp/err" | grep -q '^orgsim:'; then
  pass "not a results folder: exit 2"
else
  fail "not a results folder: exit $rc (want 2), stderr: $(cat "$tmp/err")"
fi
"$ORGSIM" plot "$tmp/does-not-exist" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && pass "no such folder: exit 2" || fail "no such folder: exit $rc (want 2)"

t_done

#!/bin/sh
# t-animate.sh: `orgsim plot --animate` and `run --plot --animate`: charts/orgchart.gif is
# an animated GIF with a frame per year (every k-th year of a long run, at least 20), under
# the baseline and the best alternative; its snapshot is run 0 exactly as the run made it
# (the efficiency of each frame equals runs.csv's for run 0), bounded in size, the same
# bytes twice; bad usage refused.
# Run from the repository root: ORGSIM=/abs/path/orgsim sh tests/t-animate.sh

. "$(dirname "$0")/lib.sh"

# Frames of a GIF: its image descriptors, each after a graphic control extension
# (21 f9 04) as gnuplot's gif terminal writes them.
gif_frames() {
  od -An -v -tx1 "$1" | tr -d '\n' | tr -s ' ' | grep -o ' 21 f9 04' | wc -l
}

# check_run0 DIR N WHAT: each of the N frames (both policies) is run 0 of the run in DIR:
# its efficiency is run 0's that year in runs.csv (of the first variant of a sweep).
check_run0() {
  awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
    FILENAME ~ /runs.csv$/ { if (v0 == "") v0 = $c[FILENAME, "variant"]
      if ($c[FILENAME, "run"] == 0 && $c[FILENAME, "variant"] == v0) e[$c[FILENAME, "policy"], $c[FILENAME, "step"]] = $c[FILENAME, "efficiency"]; next }
    $c[FILENAME, "position"] == 0 {
      k = $c[FILENAME, "policy"] SUBSEP $c[FILENAME, "year"]; n++
      if (!(k in e) || (e[k] - $c[FILENAME, "efficiency"]) ^ 2 > 1e-8) { print "year " $c[FILENAME, "year"] " " $c[FILENAME, "policy"] ": " $c[FILENAME, "efficiency"] " vs " e[k]; bad = 1 }
    }
    END { if (n != want) print n " frames"; exit bad || n != want }' want="$2" "$1/runs.csv" \
    "$1/charts/orgchart-years.csv" >"$tmp/diff" \
    && pass "$3: each frame is run 0 of the run (efficiency as in runs.csv)" \
    || fail "$3: frames differ from run 0: $(head -3 "$tmp/diff")"
}

# ---- the workshop, 40 years: a frame a year ----
out="$tmp/ws"
if "$ORGSIM" run scenarios/workshop.ini -o "$out" -r 4 -t 40 --per-run -q --plot --animate \
  >"$tmp/stdout" 2>"$tmp/stderr"; then
  pass "run --plot --animate"
else
  fail "run --plot --animate: $(cat "$tmp/stderr")"
  exit 1
fi
gif="$out/charts/orgchart.gif"
grep -qx "$gif" "$tmp/stdout" && pass "the GIF's path printed" || fail "GIF path not printed"
[ -s "$tmp/stderr" ] && fail "stderr: $(cat "$tmp/stderr")"
[ "$(head -c 6 "$gif")" = "GIF89a" ] && pass "a GIF" || fail "not a GIF89a file"
n=$(gif_frames "$gif")
[ "$n" -eq 41 ] && pass "41 frames (years 0-40)" || fail "$n frames, expected 41"
[ ! -e "$out/charts/.orgchart.gif.part" ] && pass "no partial file left" || fail "partial GIF left"
# The last frame as a PNG of the same size (for pages and slides), its path printed.
still="$out/charts/orgchart-last.png"
grep -qx "$still" "$tmp/stdout" && pass "the still's path printed" || fail "still's path not printed"
[ "$(od -An -tx1 -N8 "$still" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] \
  && [ "$(od -An -tu1 -j16 -N8 "$still" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')" = 1280x720 ] \
  && pass "the last frame as a 1280x720 PNG" || fail "no 1280x720 PNG of the last frame"
[ ! -e "$out/charts/.orgchart-last.png.part" ] || fail "partial PNG left"

snap="$out/charts/orgchart-years.csv"
head -1 "$snap" | grep -q '^frame,year,policy,efficiency,position,level,x,y,parent_x,parent_y,competence,technical,people,manager,technician,willing,leader$' \
  && pass "snapshot header" || fail "snapshot header: $(head -1 "$snap")"
# The best alternative of final.csv, by vs_baseline.
best=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
    d = ("efficiency_vs_baseline" in c) ? c["efficiency_vs_baseline"] : c["vs_baseline"]; next }
  $c["policy"] != "best" && (b == "" || $d + 0 > v) { b = $c["policy"]; v = $d + 0 }
  END { print b }' "$out/final.csv")
pols=$(awk -F, 'NR > 1 { print $3 }' "$snap" | uniq | tr '\n' ' ')
[ "$pols" = "best $best " ] && pass "baseline and best alternative ($best)" \
  || fail "policies in the snapshot: '$pols', expected 'best $best '"
# 161 positions (the top five levels) per frame and policy.
rows=$(awk 'END { print NR - 1 }' "$snap")
[ "$rows" -eq $((41 * 2 * 161)) ] && pass "161 positions per frame and policy" \
  || fail "$rows rows, expected $((41 * 2 * 161))"
awk -F, 'NR > 1 && $6 >= 5 { bad = 1 } END { exit bad }' "$snap" \
  && pass "engineers (level 5) left out" || fail "level 5 in the snapshot"

check_run0 "$out" 82 "40 years"

# Same bytes again, through orgsim plot --animate.
cp "$snap" "$tmp/snap1"
cp "$gif" "$tmp/gif1"
cp "$still" "$tmp/still1"
"$ORGSIM" plot "$out" --animate >/dev/null 2>"$tmp/stderr" || fail "plot --animate: $(cat "$tmp/stderr")"
cmp -s "$snap" "$tmp/snap1" && cmp -s "$gif" "$tmp/gif1" && cmp -s "$still" "$tmp/still1" \
  && pass "same bytes twice" || fail "snapshot, GIF or still differs on a second drawing"

# ---- a long run: every k-th year, at least 20 frames, the last year included ----
"$ORGSIM" run tests/data/small.ini -o "$tmp/long" -r 2 -t 300 -q --per-run || fail "run small"
"$ORGSIM" plot "$tmp/long" --animate >/dev/null 2>"$tmp/stderr" || fail "plot long: $(cat "$tmp/stderr")"
years=$(awk -F, 'NR > 1 && $5 == 0 && $3 == "best" { printf "%s ", $2 }' "$tmp/long/charts/orgchart-years.csv")
nf=$(echo $years | wc -w)
[ "$nf" -ge 20 ] && [ "$nf" -le 61 ] && pass "300 years: $nf frames" || fail "300 years: $nf frames"
case " $years" in
  " 0 5 10 "*" 295 300 ") pass "every 5th year, 0 to 300" ;;
  *) fail "years drawn: $years" ;;
esac
check_run0 "$tmp/long" $((2 * nf)) "300 years with training"
"$ORGSIM" run scenarios/pluchino2010.ini -o "$tmp/paper" -r 2 -t 100 -q --per-run --plot --animate \
  >/dev/null 2>"$tmp/stderr" || fail "paper: $(cat "$tmp/stderr")"
check_run0 "$tmp/paper" 102 "the paper's model (no leadership layer), a sweep's first variant"
n=$(gif_frames "$tmp/long/charts/orgchart.gif")
[ "$n" -eq "$nf" ] && pass "GIF frames match" || fail "GIF has $n frames, snapshot $nf"

# ---- bad usage ----
"$ORGSIM" run tests/data/small.ini -o "$tmp/x" --animate >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q -- '--animate.*--plot' "$tmp/err" && pass "--animate without --plot: exit 2" \
  || fail "--animate without --plot: $(cat "$tmp/err")"
[ -e "$tmp/x" ] && fail "a refused run wrote results"
"$ORGSIM" plot "$tmp/nothing" --animate >/dev/null 2>"$tmp/err"
[ $? = 2 ] && pass "not a results folder: exit 2" || fail "not a results folder: $(cat "$tmp/err")"

t_done

# animate.gp: the org chart of the first run coming to life, as an animated GIF: a frame per
# year (every k-th year of a long run), the baseline and the best alternative side by side,
# with the year and each policy's efficiency that year on every frame.
# Usage: gnuplot -c plots/animate.gp SNAPSHOT.csv OUT.gif TITLE BASELINE BASELINE_LABEL \
#          BEST BEST_LABEL NOTE [STILL.png]
# With STILL.png, the last frame is drawn there too, as a PNG of the same look (for a
# page or a slide that cannot show a GIF).
# orgsim plot --animate writes SNAPSHOT (charts/orgchart-years.csv: one row per frame,
# policy and position shown; read by column name) and runs this with the plain labels.
if (ARGC < 8) {
  exit error "usage: gnuplot -c plots/animate.gp SNAPSHOT.csv OUT.gif TITLE BASELINE BASELINE_LABEL BEST BEST_LABEL NOTE"
}
SNAP = ARG1; OUT = ARG2; TITLE = ARG3; P1 = ARG4; L1 = ARG5; P2 = ARG6; L2 = ARG7; NOTE = ARG8
STILL = ARGC >= 9 ? ARG9 : ""
NP = P2 eq "" ? 1 : 2
_q(s) = strstrt(s, "'") > 0 ? s[1:strstrt(s, "'") - 1] . "'\\''" . _q(s[strstrt(s, "'") + 1:]) : s
q(s) = "'" . _q(s) . "'"

# One pass over the snapshot: a datablock $F_<frame>_<panel> per frame and policy
# (x y parent_x parent_y competence manager technician), and the arrays YEAR[], EFF1[],
# EFF2[] (efficiency that year), LCOUNT[] (positions per level), NFR frames, NLEV levels.
$AWK << EOD
# Text from the file never reaches gnuplot: messages are single-quoted and name no path,
# values are numbers or NaN.
function need(name) {
  if (!(name in c)) { print "exit error 'orgsim: orgchart-years.csv: no column " name "'"; bad = 1; exit 1 }
  return c[name]
}
function num(v) { return v ~ /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/ ? v : "NaN" }
BEGIN { FS = "," }
NR == 1 {
  for (i = 1; i <= NF; i++) c[$i] = i
  cf = need("frame"); cyr = need("year"); cp = need("policy"); ce = need("efficiency")
  cl = need("level"); cx = need("x"); cy = need("y"); cpx = need("parent_x"); cpy = need("parent_y")
  cc = need("competence"); cm = need("manager"); ct = need("technician")
  next
}
{
  f = $cf + 0; k = $cp == p1 ? 1 : 2; key = (f + 1) "_" k
  if (!(key in rows)) order[++n] = key
  rows[key] = rows[key] num($cx) " " num($cy) " " num($cpx) " " num($cpy) " " num($cc) " " num($cm) " " num($ct) "\n"
  year[f] = num($cyr); eff[f, k] = num($ce)
  if (f + 1 > nf) nf = f + 1
  if ($cl + 1 > nlev) nlev = $cl + 1
  if (f == 0 && k == 1) lcount[$cl + 0]++
}
END {
  if (bad) exit 1
  if (nf == 0) { print "exit error 'orgsim: orgchart-years.csv: no frames'"; exit 1 }
  for (i = 1; i <= n; i++) { print "$F_" order[i] " << EOD"; printf "%s", rows[order[i]]; print "EOD" }
  print "NFR = " nf "; NLEV = " nlev
  print "array LCOUNT[" nlev "]"
  for (l = 0; l < nlev; l++) print "LCOUNT[" l + 1 "] = " (l in lcount ? lcount[l] : 1)
  print "array YEAR[" nf "]; array EFF1[" nf "]; array EFF2[" nf "]"
  for (f = 0; f < nf; f++)
    print "YEAR[" f + 1 "] = " year[f] "; EFF1[" f + 1 "] = " ((f, 1) in eff ? eff[f, 1] : "NaN") \
          "; EFF2[" f + 1 "] = " ((f, 2) in eff ? eff[f, 2] : "NaN")
}
EOD
_AWK = ""
do for [_i = 1:|$AWK|] { _AWK = _AWK . $AWK[_i] . "\n" }
load sprintf("< awk -v p1=%s %s %s", q(P1), q(_AWK), q(SNAP))

set terminal gif animate delay 35 loop 0 optimize size 1280,720 noenhanced font "DejaVuSans,16"
set output OUT

eff_text(e) = e == e ? sprintf("efficiency %.1f%%", e) : "efficiency not measured"
blk(f, k) = sprintf("$F_%d_%d", f, k)
# The panels, one above the other, so that the widest level shown (up to about 120
# positions) keeps markers apart: panel k spans [PB(k), PT(k)] of the height.
PL = 0.2; PR = 0.89
PT(k) = NP == 1 ? 0.84 : (k == 1 ? 0.84 : 0.47)
PB(k) = NP == 1 ? 0.14 : (k == 1 ? 0.51 : 0.14)
# Marker size per level: as large as its neighbours allow (a point of size 1 is about
# 5 pixels across here; one per 5.5 pixels of room), at most 2.4.
PANEL_PX = (PR - PL) * 1280
psz(y) = (_s = PANEL_PX / LCOUNT[int(y) + 1] / 5.5, _s > 2.4 ? 2.4 : _s < 0.5 ? 0.5 : _s)
set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
set cbrange [1:10]
set cbtics 1 font ",14"
set cblabel "competence in the job (1-10)" font ",16" offset 0.5, 0
unset border; unset xtics; unset ytics; unset grid
set xrange [-0.01:1.01]
set key off

# Pass 1: every frame into the GIF; pass 2 (with STILL): the last frame into the PNG, with
# the same (gd) renderer.
do for [pass = 1:(STILL ne "" ? 2 : 1)] {
  if (pass == 2) {
    set output
    set terminal png size 1280,720 noenhanced font "DejaVuSans,16"
    set output STILL
  }
  do for [f = (pass == 1 ? 1 : NFR):NFR] {
    set multiplot title TITLE font ",18"
    set label 10 sprintf("Year %d", YEAR[f]) at screen 0.02, screen 0.9 left font ",26"
    do for [k = 1:NP] {
      set lmargin at screen PL; set rmargin at screen PR
      set tmargin at screen PT(k); set bmargin at screen PB(k)
      set yrange [NLEV - 0.5:-0.5]
      if (k == 1) {
        set colorbox user origin screen 0.925, screen PB(NP) size screen 0.015, screen (PT(1) - PB(NP)) noborder
      } else { unset colorbox }
      set label 11 sprintf("%s\n%s", k == 1 ? L1 : L2, eff_text(k == 1 ? EFF1[f] : EFF2[f])) \
        at screen 0.02, screen (PT(k) + PB(k)) / 2 left font ",18"
      plot blk(f, k) using 3:4:($1 - $3):($2 - $4) with vectors nohead lc rgb "#b8b8b8" lw 0.8, \
           blk(f, k) using 1:($6 > 0 && $7 > 0 ? $2 : NaN):(psz($2)):5 with points pt 5 ps variable lc palette, \
           blk(f, k) using 1:($6 > 0 && $7 == 0 ? $2 : NaN):(psz($2) * 1.15):5 with points pt 7 ps variable lc palette, \
           blk(f, k) using 1:($6 == 0 ? $2 : NaN):(psz($2) * 0.8):5 with points pt 7 ps variable lc palette
      unset label 10; unset label 11
    }
    set label 1 "Square: a manager with more technical than people skill.  Circle: a people person.  Top: the head of the organisation." \
      at screen 0.02, screen 0.07 left font ",14" textcolor rgb "#333333"
    set label 2 NOTE . "; the first run, with the same chances under both policies." at screen 0.02, screen 0.03 left font ",14" textcolor rgb "#555555"
    unset colorbox
    set lmargin at screen 0; set rmargin at screen 1; set tmargin at screen 1; set bmargin at screen 0
    plot NaN notitle
    unset label 1; unset label 2
    unset multiplot
  }
}
set output

# difference.gp: what switching from the baseline policy gains: each other policy's paired
# difference from the baseline in final efficiency and in willing followers, with 95% CIs,
# sorted, largest gain on top.
# Usage: gnuplot -c plots/difference.gp DATA_DIR OUTFILE.{png,svg,pdf}
# Reads difference.dat ("i eff eff_lo eff_hi will will_lo will_hi", prepared by orgsim
# from final.csv, sorted) and params.gp (DIFF_N, DIFF_LBL[], DIFF_WILLING, DIFF_VARIANT).
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

set datafile separator whitespace
DAT = csv("difference.dat")
N = DIFF_N
# E_LO, E_HI, W_LO, W_HI (params.gp): the ranges of the values and their CIs, with 0.

TITLE = "What changing the promotion policy gains, compared with " . BASELINE_LABEL
NOTE = "Paired differences: each policy ran on the same organisations and chance events as " . BASELINE_LABEL \
       . (RUNS ne "" ? " (" . RUNS . " runs)" : "") . ".  Bars: mean; lines: 95% confidence interval." \
       . (DIFF_VARIANT ne "" ? "  First variant: " . DIFF_VARIANT . "." : "")
XL_EFF = "points of efficiency gained by switching from " . BASELINE_LABEL
XL_WILL = "points of willing followers gained (% of all people)"

set yrange [0.4:N + 0.6]
# The policies' names as labels left of the first panel (labels, not ytics: a
# zero-length tic would still show as a dot with rounded line caps).
unset ytics
unset grid
set grid xtics lc rgb "#e4e4e4"
set yzeroaxis lt 1 lc rgb "#222222" lw 2
set border 1
set xtics font F_NORMAL
LONG = 0
do for [i = 1:N] { LONG = strlen(DIFF_LBL[i]) > LONG ? strlen(DIFF_LBL[i]) : LONG }
F_LBL = LONG > 20 ? F_SMALL : F_NORMAL
LEFT = 0.03 + (LONG > 44 ? 44 : LONG) * (LONG > 20 ? FS_SMALL : FS_NORMAL) * CHAR_W * 0.9 / W_PX
do for [i = 1:N] { set label (200 + i) clip(DIFF_LBL[i], 44) at graph -0.015, first i right font F_LBL }
eval note_label

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
# Bar i: from 0 to the value, in the policy's colour.  (No label at a NaN coordinate:
# gnuplot 5.4 crashes when every label's is.  A missing value gets an empty label:
# without valid(), gnuplot writes the field's text, "NaN".)
bar(c) = sprintf("%+.1f", c)
W2 = DIFF_WILLING ? 1 : 0
GAP = 0.06
PW = W2 ? (0.985 - LEFT - GAP) / 2 : 0.985 - LEFT
do for [k = 1:(1 + W2)] {
  C = k == 1 ? 2 : 5
  LO = k == 1 ? E_LO : W_LO; HI = k == 1 ? E_HI : W_HI
  PAD = 0.22 * span(LO, HI)
  XLO = lo0(LO) - (LO < 0 ? PAD : 0.02 * span(LO, HI)); XHI = hi0(HI) + PAD
  set xrange [XLO:XHI]
  # No more tics than their labels (and two characters between) fit across the panel.
  _xn = PW * W_PX / ((strlen(sprintf("%.0f", abs(XLO) > abs(XHI) ? abs(XLO) : abs(XHI))) + 3) * CHAR_W * FS_NORMAL)
  set xtics fit_step(XHI - XLO, _xn)
  set lmargin at screen LEFT + (k - 1) * (PW + GAP); set rmargin at screen LEFT + (k - 1) * (PW + GAP) + PW
  set tmargin at screen TOP - 0.03; set bmargin at screen 0.23 + NOTE_EXTRA(0)
  XL = k == 1 ? XL_EFF : XL_WILL
  # Too long for the panel: two lines, broken before "from" / "gained".
  XCH = int((PW + (W2 ? GAP : 0.1)) * W_PX / (FS_SMALL * CHAR_W))
  if (strlen(XL) > XCH) { XL = k == 1 ? "points of efficiency gained by switching\nfrom " . BASELINE_LABEL : "points of willing followers\ngained (% of all people)" }
  F_XL = fit_font_w(XL, FS_NORMAL, (PW + (W2 ? GAP : 0.1)) * W_PX)
  set xlabel XL font F_XL
  if (k == 2) { do for [i = 1:N] { unset label (200 + i) } }
  DX = 0.02 * span(LO, HI)
  plot for [i = 1:N] DAT every ::i-1::i-1 using (column(C) / 2):1:(abs(column(C)) / 2):(0.32) \
         with boxxyerror fc rgb pcolor(DIFF_POL[i]) fs solid 1.0 noborder notitle, \
       DAT using C:1:C+1:C+2 with xerrorbars pt 0 lc rgb "#222222" lw 2 notitle, \
       DAT using (column(C+2) + DX):1:(valid(C) && column(C) >= 0 ? bar(column(C)) : "") \
         with labels left font F_NORMAL notitle, \
       DAT using (column(C+1) - DX):1:(valid(C) && column(C) < 0 ? bar(column(C)) : "") \
         with labels right font F_NORMAL notitle
  unset label 103; unset label 99
}
unset multiplot

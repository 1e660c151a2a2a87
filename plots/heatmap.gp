# heatmap.gp: a sweep of two numeric keys as a heat map: the swept values on the axes, the
# colour and the number in each cell the paired difference from the baseline policy in
# final efficiency (a panel per other policy, at most 4), or the final efficiency when
# one policy was run.
# Usage: gnuplot -c plots/heatmap.gp DATA_DIR OUTFILE.{png,svg,pdf}
# Reads heatmap.dat ("panel x_index y_index value", prepared by orgsim from final.csv)
# and params.gp (HM_XKEY, HM_YKEY, HM_XV[], HM_YV[], HM_N, HM_LBL[], HM_PAIRED).
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

set datafile separator whitespace
DAT = csv("heatmap.dat")
NX = |HM_XV|; NY = |HM_YV|
stats DAT using 4 nooutput
VMIN = STATS_min; VMAX = STATS_max
M = abs(VMIN) > abs(VMAX) ? abs(VMIN) : abs(VMAX)
M = M > 0 ? M : 1
WITH_VALUES = NX * NY <= 144

TITLE = HM_PAIRED ? "Efficiency gained over " . BASELINE_LABEL . ", by " . HM_XKEY . " and " . HM_YKEY \
                  : "Final efficiency by " . HM_XKEY . " and " . HM_YKEY
NOTE = (HM_PAIRED ? "Colour and number: points of final efficiency gained by switching from " . BASELINE_LABEL \
                    . " (paired difference, mean of " . RUNS . " runs)." \
                  : "Colour and number: final efficiency (%), mean of " . RUNS . " runs.") \
       . (WITH_VALUES ? "" : sprintf("  %d x %d cells: too many to print each value.", NX, NY))

if (HM_PAIRED) {
  set palette defined (-1 "#D55E00", -0.5 "#F0B27F", 0 "#F7F7F7", 0.5 "#80B9D8", 1 "#0072B2")
  set cbrange [-M:M]
} else {
  set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
  set cbrange [VMIN:(VMAX > VMIN ? VMAX : VMIN + 1)]
}
set cbtics font F_SMALL
set colorbox user origin screen 0.88, screen 0.2 + NOTE_EXTRA(0) size screen 0.018, screen TOP - 0.25 - NOTE_EXTRA(0) noborder
set cblabel (HM_PAIRED ? "points gained over " . BASELINE_LABEL : "final efficiency (%)") font F_NORMAL offset 1, 0

set xrange [0.5:NX + 0.5]
set yrange [0.5:NY + 0.5]
F_XT = NX > 12 ? F_SMALL : F_NORMAL
F_YT = NY > 12 ? F_SMALL : F_NORMAL
set xtics () scale 0 font F_XT
set ytics () scale 0 font F_YT
XSTEP = NX > 16 ? int(NX / 8) : 1
YSTEP = NY > 16 ? int(NY / 8) : 1
do for [i = 1:NX:XSTEP] { set xtics add (sprintf("%g", HM_XV[i]) i) }
do for [i = 1:NY:YSTEP] { set ytics add (sprintf("%g", HM_YV[i]) i) }
unset grid
set border 0
eval note_label

P_COLS = HM_N <= 2 ? HM_N : 2; P_ROWS = HM_N <= 2 ? 1 : 2
P_LEFT = 0.1; P_RIGHT = 0.84; P_TOP = TOP - (HM_N > 1 || HM_PAIRED ? 0.06 : 0.01); P_BOT = 0.18 + NOTE_EXTRA(0)
P_GX = P_COLS > 1 ? 0.08 : 0; P_GY = P_ROWS > 1 ? 0.1 : 0
F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set label 101 HM_XKEY at screen (P_LEFT + P_RIGHT) / 2, screen P_BOT - 0.085 center font F_NORMAL
set label 102 HM_YKEY at screen 0.02, screen (P_BOT + P_TOP) / 2 center rotate by 90 font F_NORMAL
# The number in a cell, white on the dark end of the palette.
cell(v) = HM_PAIRED ? sprintf("%+.1f", v) : sprintf("%.1f", v)
dark(v) = HM_PAIRED ? abs(v) >= 0.55 * M : v < VMIN + 0.45 * (VMAX - VMIN)
do for [k = 1:HM_N] {
  eval panel(k)
  if (HM_N > 1 || HM_PAIRED) { set title clip(HM_LBL[k], 40) font F_NORMAL textcolor rgb pcolor(HM_POL[k]) offset 0, -0.3 }
  val(c) = column(1) == k ? column(c) : NaN
  plot DAT using (val(2)):3:(0.5):(0.5):(val(4)) with boxxyerror fs solid 1.0 noborder lc palette z notitle, \
       for [i = 1:WITH_VALUES] DAT using 2:3:(column(1) != k || dark(column(4)) ? "" : cell(column(4))) \
         with labels font F_SMALL tc rgb "#111111" notitle, \
       for [i = 1:WITH_VALUES] DAT using 2:3:(column(1) == k && dark(column(4)) ? cell(column(4)) : "") \
         with labels font F_SMALL tc rgb "#ffffff" notitle
  unset label 101; unset label 102; unset label 103; unset label 99
  unset colorbox
}
unset multiplot

# tornado.gp: what moves the headline most (orgsim robust): one bar per scenario key, from
# the advantage of the headline policy over the baseline at the scenario's own settings to
# the advantage at the key's settings that shrink and widen it most.
# Usage: gnuplot -c plots/tornado.gp DATA_DIR OUTFILE.{png,svg,pdf}
# Reads tornado.dat ("bar low high base", prepared by orgsim from tornado.csv, largest
# effect first) and params.gp (TORN_N, TORN_KEY[], TORN_LOW[], TORN_HIGH[], TORN_BASE,
# TORN_LO, TORN_HI, TORN_POLICY, TORN_LABEL, TORN_BASE_LABEL).
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

set datafile separator whitespace
DAT = csv("tornado.dat")
N = TORN_N
HEAD = clip(TORN_LABEL, 36); BASEP = clip(TORN_BASE_LABEL, 36)

TITLE = "What moves the advantage of “" . HEAD . "” over “" . BASEP . "”"
NOTE = sprintf("One key changed per bar, all else as in the scenario; at each end the key's setting and the advantage there.  Dashed line: the scenario as it is (%+.1f).  Left of 0: the baseline does better.", TORN_BASE)
XLABEL = "advantage in final efficiency (percentage points)"
NODATA = "no key changes the advantage in this scenario"
if (TORN_POLICY eq "") {
  # The baseline was the only policy: there is no advantage to chart.
  TITLE = "What moves the result: nothing to compare"
  NOTE = ""; XLABEL = ""
  NODATA = "only one policy was run: no difference between policies to chart"
}
LOW_C = "#0072B2"; HIGH_C = "#E69F00"

# Ranges that hold zero (as TORN_LO..TORN_HI does), with room for the labels at the
# bars' ends.
SPAN = span(TORN_LO, TORN_HI)
XLO = lo0(TORN_LO) - 0.24 * SPAN; XHI = hi0(TORN_HI) + 0.24 * SPAN

# The keys' names as labels left of the plot (labels, not ytics: a zero-length tic shows
# as a dot with rounded line caps).
LONG = 8
do for [i = 1:N] { LONG = strlen(TORN_KEY[i]) > LONG ? strlen(TORN_KEY[i]) : LONG }
LONG = LONG > 32 ? 32 : LONG
F_KEYS = LONG > 20 ? F_SMALL : F_NORMAL
LEFT = 0.03 + LONG * (LONG > 20 ? FS_SMALL : FS_NORMAL) * CHAR_W * 1.1 / W_PX
do for [i = 1:N] { set label (200 + i) clip(TORN_KEY[i], 32) at graph -0.015, first N - i + 1 right font F_KEYS }

set border 1
unset ytics
unset grid
set grid xtics lc rgb "#e4e4e4"
set xtics font F_NORMAL
set xlabel XLABEL font F_NORMAL
set xrange [XLO:XHI]
set yrange [0.4:(N > 0 ? N : 1) + 0.6]
eval note_label

# The legend: a strip of its own under the page head.
KEY_NT = 2; array KEY_T[2]
KEY_T[1] = "the setting with the smallest advantage"
KEY_T[2] = "the setting with the largest"
KEY_C = LOW_C . " " . HIGH_C; KEY_W = "low high"
KEY_ROWS_MIN = 1

# The title holds two labels: in SVG (browsers' fonts run wider than CHAR_W says) it is
# fitted with room to spare.
F_T = fit_font_w(TITLE, FS_TITLE, (W_PX - 30) * (_ext eq ".svg" ? 0.85 : 1))
set multiplot title TITLE font F_T
eval subtitle_label
KH = N > 0 ? key_height(0) : 0
set lmargin at screen LEFT; set rmargin at screen 0.97
set tmargin at screen TOP - KH - 0.01; set bmargin at screen 0.22 + NOTE_EXTRA(0)
# Bar k (1 = the largest effect) sits at height N - k + 1.
Y(k) = N - k + 1
DX = 0.012 * (XHI - XLO)
if (N == 0) {
  set label 104 NODATA at graph 0.5, graph 0.5 center font F_NORMAL
  unset border; unset xtics; unset grid
  plot -1e30 notitle
} else {
  set arrow 1 from TORN_BASE, graph 0 to TORN_BASE, graph 1 nohead dt 2 lc rgb "#333333" lw 1.5
  set arrow 2 from 0, graph 0 to 0, graph 1 nohead lc rgb "#000000" lw 1
  end_l(k, v) = sprintf("%s: %+.1f", clip(TORN_LOW[int(k)], 14), v)
  end_h(k, v) = sprintf("%s: %+.1f", clip(TORN_HIGH[int(k)], 14), v)
  plot DAT using (($2 + $4) / 2):(Y($1)):(abs($2 - $4) / 2):(0.32) \
         with boxxyerror fc rgb LOW_C fs solid 1.0 noborder notitle, \
       DAT using (($3 + $4) / 2):(Y($1)):(abs($3 - $4) / 2):(0.32) \
         with boxxyerror fc rgb HIGH_C fs solid 1.0 noborder notitle, \
       DAT using (($2 < $4 ? $2 : $4) - DX):(Y($1)):(end_l($1, $2)) \
         with labels right font F_SMALL notitle, \
       DAT using (($3 > $4 ? $3 : $4) + DX):(Y($1)):(end_h($1, $3)) \
         with labels left font F_SMALL notitle
  unset label; unset arrow
  eval key_strip(key_y(0))
}
unset multiplot

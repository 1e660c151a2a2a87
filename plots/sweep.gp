# sweep.gp: final efficiency gain against the swept value, a line with its 95% CI band per series.
# Usage: gnuplot -c plots/sweep.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads sweep.csv)
# A series is a policy under the other swept settings ("peter / best-worst"): its colour is
# the policy's, its dash and point type tell the other settings apart.
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

ATTRS = "series policy x_key"
NEED = "x efficiency_gain"
load blocks(csv("sweep.csv"), "W", "series_id", "x efficiency_gain efficiency_gain_ci_lo efficiency_gain_ci_hi", \
            "efficiency_gain efficiency_gain_ci_lo efficiency_gain_ci_hi", "x", 0, 0, "", "efficiency_gain_ci_lo:efficiency_gain efficiency_gain_ci_hi:efficiency_gain")
ATTRS = ""; NEED = ""
NS = W_NK1
if (NS == 0) { exit error csv("sweep.csv") . ": no rows" }
XKEY = W_x_key[1]

# The other settings of a series: its label without " / POLICY" at the end.
_tail(s, n) = strlen(s) >= n ? s[strlen(s) - n + 1:] : ""
rest(lbl, pol) = _tail(lbl, strlen(pol) + 3) eq " / " . pol ? lbl[1:strlen(lbl) - strlen(pol) - 3] : \
                 (lbl eq pol ? "" : lbl)
# Dash and point types, one per distinct "rest", in order of appearance.
RESTS = ""; NREST = 0
array SDT[NS]
do for [i = 1:NS] {
  r = rest(W_series[i], W_policy[i])
  k = 0
  do for [j = 1:NREST] { if (word(RESTS, j) eq r) { k = j } }
  if (k == 0) { NREST = NREST + 1; RESTS = RESTS . sprintf(' "%s"', r); k = NREST }
  SDT[i] = k
}
PTYPES = "7 5 9 11 13 15 4 6 8 10"
# One policy in every series (a mixed strategy's own sweep): the legend names only the
# other settings, each in a colour of its own, and the title names the policy.
ONEPOL = 1
do for [i = 2:NS] { if (W_policy[i] ne W_policy[1]) { ONEPOL = 0 } }
ONEPOL = ONEPOL && NREST > 1
series_title(i) = ONEPOL ? rest(W_series[i], W_policy[i]) : \
  (rest(W_series[i], W_policy[i]) ne "" ? rest(W_series[i], W_policy[i]) . " / " . plabel(W_policy[i]) : plabel(W_policy[i]))
scolor(i) = ONEPOL ? word(COLORS, ((SDT[i] - 1) % words(COLORS)) + 1) : pcolor(W_policy[i])
spt(i) = int(word(PTYPES, ((SDT[i] - 1) % 10) + 1))

# The swept value's range, from the data.
XLO = W_XMIN; XHI = W_XMAX
if (XHI <= XLO) { XLO = XLO - 1; XHI = XHI + 1 }
XPAD = 0.03 * (XHI - XLO)

TITLE = "Efficiency gained from the start, against " . XKEY . (ONEPOL ? ": " . plabel(W_policy[1]) : "")
NOTE = "Gain: final minus initial efficiency.  " . (ONEPOL ? "Colour and line style: the other settings" : \
       "Colour: policy" . (NREST > 1 ? "; line style: the other settings" : "")) \
       . ".  Shaded: 95% confidence interval." . (SWEEP_NOTE ne "" ? "  " . SWEEP_NOTE : "")

F_T = fit_font(TITLE, FS_TITLE)
set label 98 TITLE at screen 0.5, screen 0.96 center font F_T
set xlabel XKEY . "  (swept value)" font F_NORMAL
set ylabel "efficiency gained (points)" font F_NORMAL
set xrange [XLO - XPAD:XHI + XPAD]
YLO = W_YMIN < 0 ? W_YMIN : 0; YHI = W_YMAX > 0 ? W_YMAX : 0
set yrange [pad_lo(YLO, YHI):pad_hi(YLO, YHI)]
set xtics font F_NORMAL
set ytics font F_NORMAL
set xzeroaxis lt 1 lc rgb "#333333" lw 1
set grid xtics ytics
F_KEY = F_SMALL
set key at screen 0.585, screen TOP left top vertical Left reverse samplen 3 spacing 1.15 font F_KEY \
    title "series" . (ONEPOL ? " (settings)" : W_series[1] ne W_policy[1] ? " (settings / policy)" : " (policy)")
set lmargin at screen 0.09; set rmargin at screen 0.56
set bmargin at screen 0.17 + NOTE_EXTRA(0); set tmargin at screen TOP
eval subtitle_label
eval note_label

plot for [i = 1:NS] block("W", i, 0) using 'x':'efficiency_gain_ci_lo':'efficiency_gain_ci_hi' \
       with filledcurves fc rgb scolor(i) fs transparent solid 0.13 noborder notitle, \
     for [i = 1:NS] block("W", i, 0) using 'x':'efficiency_gain' \
       with linespoints lc rgb scolor(i) dt SDT[i] pt spt(i) ps 1.3 * PT_SCALE lw 3 title clip(series_title(i), 34)

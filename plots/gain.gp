# gain.gp: final efficiency gain per policy (bars with 95% CI error bars), grouped by variant.
# Usage: gnuplot -c plots/gain.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads final.csv)
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

load blocks(csv("final.csv"), "F", "variant policy", "runs efficiency_gain efficiency_gain_ci_lo efficiency_gain_ci_hi", \
            "efficiency_gain efficiency_gain_ci_lo efficiency_gain_ci_hi", "", 0, 0, "", "efficiency_gain_ci_lo:efficiency_gain efficiency_gain_ci_hi:efficiency_gain")
NV = F_NK1; NP = F_NK2

TITLE = "Efficiency gained from the start, by promotion policy"
NOTE = "Gain: final efficiency" . (WINDOW ne "" ? " (mean of the last " . WINDOW . " years)" : "") \
       . " minus initial efficiency." \
       . (F_RUNS > 1 ? sprintf("  Error bars: 95%% confidence interval over %d runs.", F_RUNS) : "  One run: no confidence interval.") \
       . (VARIANT_NOTE ne "" ? "  " . VARIANT_NOTE : "")

# Bars: one cluster per variant, one bar per policy in the cluster (just policies for one variant).
BW = NV > 1 ? 0.84 / NP : 0.7
bx(v, p) = NV > 1 ? v + (p - (NP + 1) / 2.0) * BW : p
set boxwidth (NV > 1 ? BW * 0.88 : BW)
YLO = F_YMIN < 0 ? F_YMIN : 0; YHI = F_YMAX > 0 ? F_YMAX : 0
YLO = YLO < 0 ? pad_lo(YLO, YHI) : 0
YHI = YHI > 0 ? pad_hi(YLO, YHI) : 0
if (YLO == YHI) { YLO = -1; YHI = 1 }
set yrange [YLO:YHI]
LBL_DY = 0.035 * (YHI - YLO)  # value labels just beyond the error bar
set xrange [0.4:(NV > 1 ? NV : NP) + 0.6]
set ylabel "efficiency gained (points)" font F_NORMAL
set xzeroaxis lt 1 lc rgb "#333333" lw 1
set grid ytics
set border 2
set ytics font F_NORMAL
LONGEST = 0
do for [v = 1:NV] { LONGEST = strlen(F_K1_VAL[v]) > LONGEST ? strlen(F_K1_VAL[v]) : LONGEST }
ROTATE = NV > 1 && NV * (LONGEST + 2) > 110
# Category labels under the axis (labels, not xtics: a zero-length tic would still show as
# a dot with rounded line caps).
unset xtics
F_XT = NV > 8 ? F_SMALL : F_NORMAL
CAT_LINES = 1
if (NV > 1) {
  # The variant's values; its keys go in the axis label.
  do for [v = 1:NV] {
    if (ROTATE) {
      set label (200 + v) F_K1_VAL[v] at first v, graph 0 offset 0.6, -0.9 right rotate by 45 font F_XT
    } else {
      set label (200 + v) F_K1_VAL[v] at first v, graph 0 offset 0, -1 center font F_XT
    }
  }
  XLABEL = "variant" . (F_K1_KEYS ne "" ? ": " . F_K1_KEYS : "")
} else {
  # Plain labels can be long: wrapped to the width of a bar's slot.
  SLOT = int(0.85 * W_PX / NP / (FS_SMALL * CHAR_W))
  do for [p = 1:NP] {
    CAT_LINES = nlines(plabel(F_K2[p]), SLOT) > CAT_LINES ? nlines(plabel(F_K2[p]), SLOT) : CAT_LINES
    set label (200 + p) wrap(plabel(F_K2[p]), SLOT) at first p, graph 0 offset 0, -1 center font F_SMALL
  }
  XLABEL = "promotion policy"
}
eval note_label
WITH_VALUES = NV * NP <= 24

KEY_W = F_K2_W
P_TOP = NV > 1 ? TOP - key_height(0) - 0.01 : TOP
CAT_H = (CAT_LINES - 1) * LINE_H * 1.15 + (CAT_LINES > 1 ? 0.012 : 0)
BMARGIN = (ROTATE ? 0.16 + 0.013 * LONGEST : 0.18) + NOTE_EXTRA(0) + CAT_H
set label 102 XLABEL at screen 0.535, screen BMARGIN - (ROTATE ? 0.07 + 0.013 * LONGEST : 0.085) - CAT_H center font F_NORMAL
F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set lmargin at screen 0.085; set rmargin at screen 0.985
set tmargin at screen P_TOP; set bmargin at screen BMARGIN
if (F_NVALID == 0) {
  set label 104 NODATA_MSG at graph 0.5, graph 0.5 center
  plot -1e30 notitle
} else {
  plot for [v = 1:NV] for [p = 1:NP] block("F", v, p) using (bx(v, p)):'efficiency_gain' \
         with boxes fc rgb pcolor(F_K2[p]) notitle, \
       for [v = 1:(F_RUNS > 1 ? NV : 0)] for [p = 1:NP] block("F", v, p) \
         using (bx(v, p)):'efficiency_gain_ci_lo':(0):(column('efficiency_gain_ci_hi') - column('efficiency_gain_ci_lo')) \
         with vectors heads size screen 0.004,90 lc rgb "#222222" lw 1 notitle, \
       for [v = 1:(WITH_VALUES ? NV : 0)] for [p = 1:NP] block("F", v, p) \
         using (bx(v, p)):(column('efficiency_gain') >= 0 ? column('efficiency_gain_ci_hi') + LBL_DY : column('efficiency_gain_ci_lo') - LBL_DY):(sprintf("%+.1f", column('efficiency_gain'))) \
         with labels font F_SMALL notitle
}
unset label 102; unset label 103
if (NV > 1) { eval key_strip(key_y(0)) }
unset multiplot

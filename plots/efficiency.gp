# efficiency.gp: efficiency over time, a line per policy with its 95% CI band, a panel per variant.
# Usage: gnuplot -c plots/efficiency.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads summary.csv)
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

MAX_PANELS = 24
load blocks(csv("summary.csv"), "S", "variant policy", \
            "step efficiency_mean efficiency_ci_lo efficiency_ci_hi", \
            "efficiency_mean efficiency_ci_lo efficiency_ci_hi", "step", 400, 0, "", \
            "efficiency_ci_lo:efficiency_mean efficiency_ci_hi:efficiency_mean")
NV = S_NK1; NP = S_NK2

# More variants than fit: evenly spaced ones, always the first and the last.
NSHOW = NV < MAX_PANELS ? NV : MAX_PANELS
shown(k) = NSHOW > 1 ? 1 + int(floor((k - 1) * (NV - 1.0) / (NSHOW - 1) + 0.5)) : 1

TITLE = "Efficiency of the organisation over the years, by promotion policy"
NOTE = S_RUNS > 1 ? sprintf("Lines: mean of %d runs; shaded bands: 95%% confidence interval.", S_RUNS) \
                  : "One run: no confidence interval."
if (NV > 1) { NOTE = NOTE . "  One panel per variant." }
if (NSHOW < NV) {
  NOTE = NOTE . sprintf("  %d of %d variants shown, evenly spaced (all of them: gain chart).", NSHOW, NV)
}
if (VARIANT_NOTE ne "") { NOTE = NOTE . "  " . VARIANT_NOTE }

YLO = pad_lo(S_YMIN, S_YMAX); YHI = pad_hi(S_YMIN, S_YMAX)
if (YHI > 100 && S_YMAX <= 100) { YHI = 100 }
if (YLO < 0 && S_YMIN >= 0) { YLO = 0 }
XHI = S_XMAX > 0 ? S_XMAX : 1

# Page: title, key row, panels, axis labels, note.
P_COLS = grid_cols(NSHOW); P_ROWS = grid_rows(NSHOW)
SMALL = NSHOW > 4
KEY_W = S_K2_W
P_LEFT = 0.09; P_RIGHT = right_for(XHI, SMALL ? FS_SMALL : FS_NORMAL); P_TOP = TOP - key_height(0) - (P_ROWS > 1 || NV > 1 ? 0.045 : 0.01); P_BOT = (SMALL ? 0.15 : 0.165) + NOTE_EXTRA(0)
P_GX = P_COLS > 1 ? (SMALL ? 0.03 : 0.04) : 0; P_GY = P_ROWS > 1 ? (SMALL ? 0.05 : 0.07) : 0
F_TICK = SMALL ? F_TINY : F_NORMAL
F_PANEL = SMALL ? F_TINY : F_NORMAL

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set xrange [0:XHI]
set yrange [YLO:YHI]
set xtics font F_TICK
set ytics font F_TICK
if (P_COLS >= 4) { set xtics nice(XHI / 2.0) } else { if (P_COLS >= 2) { set xtics nice(XHI / 4.0) } }
if (XHI <= 5) { set xtics 1 }         # whole years
set label 101 "years" at screen (P_LEFT + P_RIGHT) / 2, screen P_BOT - (SMALL ? 0.075 : 0.088) center font F_NORMAL
set label 102 "efficiency (%)" at screen 0.02, screen (P_BOT + P_TOP) / 2 center rotate by 90 font F_NORMAL
eval note_label

do for [k = 1:NSHOW] {
  v = shown(k)
  eval panel(k)
  if (NV > 1) {
    set title clip(S_K1_LBL[v], 60) font F_PANEL offset 0, -0.5
  }
  # Tick labels on the outer panels only: the panels share their axes.
  if (panel_left(k)) { set format y "%g" } else { set format y "" }
  if (panel_bottom(k, NSHOW)) { set format x "%g" } else { set format x "" }
  if (S_NVALID == 0) {
    set label 104 NODATA_MSG at graph 0.5, graph 0.5 center
    plot -1e30 notitle
    unset label 104
  } else {
    plot for [p = 1:NP] block("S", v, p) \
           using 'step':'efficiency_ci_lo':'efficiency_ci_hi' \
           with filledcurves fc rgb pcolor(S_K2[p]) fs transparent solid 0.18 noborder notitle, \
         for [p = 1:NP] block("S", v, p) using 'step':'efficiency_mean' \
           with lines lc rgb pcolor(S_K2[p]) lw (SMALL ? 2 : 3) notitle
  }
  unset label 101; unset label 102; unset label 103; unset label 99
}
eval key_strip(key_y(0))
unset multiplot

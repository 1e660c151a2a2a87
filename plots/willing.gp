# willing.gp: willing followers vs bare-minimum effort over time, a line per policy, a panel per variant.
# Usage: gnuplot -c plots/willing.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads summary.csv)
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

MAX_PANELS = 24
load blocks(csv("summary.csv"), "S", "variant policy", \
            "step willing_share_mean willing_share_ci_lo willing_share_ci_hi", \
            "willing_share_mean", "step", 400, 0, "", \
            "willing_share_ci_lo:willing_share_mean willing_share_ci_hi:willing_share_mean")
NV = S_NK1; NP = S_NK2

NSHOW = NV < MAX_PANELS ? NV : MAX_PANELS
NSHOW = S_NVALID > 0 ? NSHOW : 1      # no data at all: one panel that says so
shown(k) = NSHOW > 1 ? 1 + int(floor((k - 1) * (NV - 1.0) / (NSHOW - 1) + 0.5)) : 1

TITLE = "Willing followers over the years, by promotion policy"
NOTE = "Willing followers: people whose willingness is at least " . (THRESHOLD ne "" ? THRESHOLD : "the follow threshold") . "; the rest do the bare minimum."
NOTE = NOTE . (S_RUNS > 1 ? sprintf("  Means of %d runs, 95%% CI bands.", S_RUNS) : "  One run.")
if (NV > 1) { NOTE = NOTE . "  One panel per variant." }
if (NSHOW < NV) { NOTE = NOTE . sprintf("  %d of %d variants shown, evenly spaced.", NSHOW, NV) }
if (VARIANT_NOTE ne "") { NOTE = NOTE . "  " . VARIANT_NOTE }
if (S_NVALID == 0) { NOTE = "No willingness in summary.csv: the scenario ran without the leadership layer ([effort] enabled = false)." }
XHI = S_XMAX > 0 ? S_XMAX : 1
pct(x) = 100.0 * x

P_COLS = grid_cols(NSHOW); P_ROWS = grid_rows(NSHOW)
SMALL = NSHOW > 4
KEY_W = S_K2_W
P_LEFT = 0.09; P_RIGHT = right_for(XHI, SMALL ? FS_SMALL : FS_NORMAL); P_TOP = TOP - key_height(0) - (P_ROWS > 1 || NV > 1 ? 0.045 : 0.01); P_BOT = (SMALL ? 0.15 : 0.165) + NOTE_EXTRA(0)
P_GX = P_COLS > 1 ? (SMALL ? 0.03 : 0.04) : 0; P_GY = P_ROWS > 1 ? (SMALL ? 0.05 : 0.07) : 0
F_TICK = SMALL ? F_TINY : F_NORMAL
F_PANEL = SMALL ? F_TINY : F_NORMAL
DT_BARE = SMALL ? 3 : 2
YSTEP = SMALL ? 50 : 20

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set xrange [0:XHI]
set yrange [0:100]
set xtics font F_TICK
set ytics font F_TICK
set ytics YSTEP
if (P_COLS >= 4) { set xtics nice(XHI / 2.0) } else { if (P_COLS >= 2) { set xtics nice(XHI / 4.0) } }
if (XHI <= 5) { set xtics 1 }         # whole years
set label 101 "years" at screen (P_LEFT + P_RIGHT) / 2, screen P_BOT - (SMALL ? 0.075 : 0.088) center font F_NORMAL
set label 102 "willing followers (% of people)" at screen 0.02, screen (P_BOT + P_TOP) / 2 center rotate by 90 font F_NORMAL
eval note_label

do for [k = 1:NSHOW] {
  v = shown(k)
  eval panel(k)
  if (NV > 1 && S_NVALID > 0) {
    set title clip(S_K1_LBL[v], 60) font F_PANEL offset 0, -0.5
  }
  if (panel_left(k)) { set format y "%g" } else { set format y "" }
  if (panel_bottom(k, NSHOW)) { set format x "%g" } else { set format x "" }
  if (S_NVALID == 0) {
    set label 104 "no willingness data (leadership layer off?)" at graph 0.5, graph 0.5 center
    plot -1e30 notitle
    unset label 104
  } else {
    plot for [p = 1:NP] block("S", v, p) \
           using 'step':(pct(column('willing_share_ci_lo'))):(pct(column('willing_share_ci_hi'))) \
           with filledcurves fc rgb pcolor(S_K2[p]) fs transparent solid 0.18 noborder notitle, \
         for [p = 1:NP] block("S", v, p) using 'step':(pct(column('willing_share_mean'))) \
           with lines lc rgb pcolor(S_K2[p]) lw (SMALL ? 2 : 3) notitle
  }
  unset label 101; unset label 102; unset label 103; unset label 99
}
eval key_strip(key_y(0))
unset multiplot

# competence.gp: competence in the job by level over time (the Peter Principle), a panel per policy.
# Usage: gnuplot -c plots/competence.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads levels.csv)
# A sweep's first variant only; at most 10 levels (evenly spaced, top and bottom always).
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

load blocks(csv("levels.csv"), "C", "policy level", "step competence_mean", \
            "competence_mean", "step", 400, 0, "variant", "")
NP = C_NK1; NL = C_NK2
MAX_LEVELS = 10
NLSHOW = NL < MAX_LEVELS ? NL : MAX_LEVELS
lshown(k) = NLSHOW > 1 ? 1 + int(floor((k - 1) * (NL - 1.0) / (NLSHOW - 1) + 0.5)) : 1
llabel(i) = lname(int(C_K2[i])) . (N_LNAME > 0 ? "" : i == 1 ? " (top)" : i == NL ? " (bottom)" : "")

TITLE = "How competent each level is over the years" \
        . (C_NFIRST > 1 ? "  (first variant: " . C_FIRST_LBL . ")" : "")
NOTE = "Mean competence of each level's people" \
       . (RUNS ne "" && RUNS ne "1" ? ", mean of " . RUNS . " runs." : ".") \
       . "  Peter Principle: promoting the best can leave the upper levels less competent."
if (NLSHOW < NL) { NOTE = NOTE . sprintf("  %d of %d levels shown.", NLSHOW, NL) }

YLO = pad_lo(C_YMIN, C_YMAX); YHI = pad_hi(C_YMIN, C_YMAX)
YLO = YLO < 1 ? 1 : YLO; YHI = YHI > 10 ? 10 : YHI
if (YHI <= YLO) { YLO = 1; YHI = 10 }
XHI = C_XMAX > 0 ? C_XMAX : 1

KEY_W = ""; KEY_C = ""
KEY_NT = NLSHOW; array KEY_T[NLSHOW]
do for [k = 1:NLSHOW] {
  KEY_T[k] = llabel(lshown(k))
  KEY_C = KEY_C . " " . lcolor(lshown(k) - 1, NL)
}
P_COLS = grid_cols(NP); P_ROWS = grid_rows(NP)
SMALL = NP > 4
P_LEFT = 0.09; P_RIGHT = right_for(XHI, SMALL ? FS_SMALL : FS_NORMAL); P_TOP = TOP - key_height(0) - 0.035; P_BOT = (SMALL ? 0.15 : 0.165) + NOTE_EXTRA(0)
P_GX = P_COLS > 1 ? (SMALL ? 0.03 : 0.04) : 0; P_GY = P_ROWS > 1 ? (SMALL ? 0.1 : 0.11) : 0
F_TICK = SMALL ? F_SMALL : F_NORMAL

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set xrange [0:XHI]
set yrange [YLO:YHI]
set xtics font F_TICK
set ytics font F_TICK
# No more tics than fit one above the other in a panel (about 2 lines of text apart).
_ytn = P_H(0) * (PRINT ? 1130.0 : 720.0) / (2.2 * (SMALL ? FS_SMALL : FS_NORMAL) * 4 / 3.0)
set ytics fit_step(YHI - YLO, _ytn)
if (P_COLS >= 4) { set xtics nice(XHI / 2.0) } else { if (P_COLS >= 2) { set xtics nice(XHI / 4.0) } }
if (XHI <= 5) { set xtics 1 }         # whole years
set label 101 "years" at screen (P_LEFT + P_RIGHT) / 2, screen P_BOT - (SMALL ? 0.075 : 0.088) center font F_NORMAL
set label 102 "competence in the job (1-10)" at screen 0.02, screen (P_BOT + P_TOP) / 2 center rotate by 90 font F_NORMAL
eval note_label

do for [p = 1:NP] {
  eval panel(p)
  PCOL = pcolor(C_K1[p])
  set title clip(plabel(C_K1[p]), int(P_W(0) * W_PX / (FS_NORMAL * CHAR_W * 0.9))) font F_NORMAL textcolor rgb PCOL offset 0, -0.5
  if (panel_left(p)) { set format y "%g" } else { set format y "" }
  if (panel_bottom(p, NP)) { set format x "%g" } else { set format x "" }
  if (C_NVALID == 0) {
    set label 104 NODATA_MSG at graph 0.5, graph 0.5 center
    plot -1e30 notitle
    unset label 104
  } else {
    plot for [k = 1:NLSHOW] block("C", p, lshown(k)) using 'step':'competence_mean' \
           with lines lc rgb lcolor(lshown(k) - 1, NL) lw (SMALL ? 2 : 3) notitle
  }
  unset label 101; unset label 102; unset label 103; unset label 99
}
eval key_strip(key_y(0))
unset multiplot

# leaders.gp: leaders vs managers by level at the last step, bars per policy, a panel per variant.
# Usage: gnuplot -c plots/leaders.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads levels.csv)
# Levels without reports (the bottom) have no managers and are left out.
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

NEED = "leader_share_mean"
load blocks(csv("levels.csv"), "L", "variant policy", \
            "level leader_share_mean leader_share_ci_lo leader_share_ci_hi", \
            "leader_share_mean", "step", 0, 1, "", \
            "leader_share_ci_lo:leader_share_mean leader_share_ci_hi:leader_share_mean")
NEED = ""
NV = L_NK1; NP = L_NK2
MAX_PANELS = 6
NSHOW = NV < MAX_PANELS ? NV : MAX_PANELS
NSHOW = NSHOW > 0 ? NSHOW : 1         # no data at all: one panel that says so
shown(k) = NSHOW > 1 ? 1 + int(floor((k - 1) * (NV - 1.0) / (NSHOW - 1) + 0.5)) : 1

# The levels with managers: 0 .. NLM - 1 (from the first block; every block has the same).
NLM = 1
if (L_NVALID > 0) {
  stats block("L", 1, 1) using 'level' nooutput
  NLM = int(STATS_max) + 1
}

TITLE = L_NVALID > 0 ? sprintf("Managers who lead: share of each level's managers, year %g", L_XMAX) : "Managers who lead, by level"
NOTE = "Leader: a manager at least half of whose direct reports are willing followers; pale: the other managers." \
       . (RUNS ne "" && RUNS ne "1" ? "  Means of " . RUNS . " runs, 95% CI." : "")
if (NSHOW < NV) { NOTE = NOTE . sprintf("  %d of %d variants shown.", NSHOW, NV) }
if (VARIANT_NOTE ne "") { NOTE = NOTE . "  " . VARIANT_NOTE }
if (L_NVALID == 0) { NOTE = "No leader shares in levels.csv: the scenario ran without the leadership layer ([effort] enabled = false)." }

BW = 0.8 / (NP > 0 ? NP : 1)
bx(l, p) = l + (p - (NP + 1) / 2.0) * BW
pct(x) = 100.0 * x

KEY_W = L_K2_W
KEY_EXTRA = ", keyentry with boxes fc rgb '#555555' title 'leaders', keyentry with boxes fc rgb '#555555' fs transparent solid 0.25 title 'managers'"
KEY_NEXTRA = 2
P_COLS = grid_cols(NSHOW); P_ROWS = grid_rows(NSHOW)
SMALL = NSHOW > 2
P_LEFT = 0.09; P_RIGHT = 0.985; P_TOP = TOP - key_height(0) - (NSHOW > 1 ? 0.035 : 0.01); P_BOT = 0.165 + NOTE_EXTRA(0)
P_GX = P_COLS > 1 ? 0.04 : 0; P_GY = P_ROWS > 1 ? 0.09 : 0
F_TICK = SMALL ? F_SMALL : F_NORMAL
F_PANEL = SMALL ? F_SMALL : F_NORMAL

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
set xrange [-0.5:NLM - 0.5]
set yrange [0:100]
set ytics 25 font F_TICK
set xtics 1 scale 0 font F_TICK
do for [_l = 0:NLM - 1] { set xtics add (clip(lname(_l), NLM > 6 ? 12 : 20) . (N_LNAME == 0 && _l == 0 ? " (top)" : "") _l) }
set boxwidth BW * 0.9
set label 101 "level (the bottom level has no reports)" at screen (P_LEFT + P_RIGHT) / 2, screen P_BOT - 0.088 center font F_NORMAL
set label 102 "share of each level's managers (%)" at screen 0.02, screen (P_BOT + P_TOP) / 2 center rotate by 90 font F_NORMAL
eval note_label

do for [k = 1:NSHOW] {
  v = shown(k)
  eval panel(k)
  if (NV > 1) { set title clip(L_K1_LBL[v], 60) font F_PANEL offset 0, -0.5 }
  if (panel_left(k)) { set format y "%g" } else { set format y "" }
  if (L_NVALID == 0) {
    set label 104 "no leader data (leadership layer off?)" at graph 0.5, graph 0.5 center
    plot -1e30 notitle
    unset label 104
  } else {
    plot for [p = 1:NP] block("L", v, p) using (bx(column('level'), p)):(100) \
           with boxes fc rgb pcolor(L_K2[p]) fs transparent solid 0.22 notitle, \
         for [p = 1:NP] block("L", v, p) using (bx(column('level'), p)):(pct(column('leader_share_mean'))) \
           with boxes fc rgb pcolor(L_K2[p]) notitle, \
         for [p = 1:(RUNS ne "" && RUNS ne "1" ? NP : 0)] block("L", v, p) \
           using (bx(column('level'), p)):(pct(column('leader_share_ci_lo'))):(0):(pct(column('leader_share_ci_hi') - column('leader_share_ci_lo'))) \
           with vectors heads size screen 0.003,90 lc rgb "#222222" lw 1 notitle
  }
  unset label 101; unset label 102; unset label 103; unset label 99
}
eval key_strip(key_y(0))
unset multiplot

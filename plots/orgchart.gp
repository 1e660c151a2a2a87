# orgchart.gp: the org chart at the last step of the first run (run 0), nodes coloured by competence, a panel per policy.
# Usage: gnuplot -c plots/orgchart.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads orgchart.csv)
# A sweep's first variant only.  Large orgs: only the top levels whose positions add up to
# at most ORG_LIMIT (400), so that every node stays visible; the chart says so.
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"
ORG_LIMIT = 400

# One awk program, two passes over orgchart.csv (which can hold millions of rows):
# 1. count the positions per level of the first (variant, policy), stopping at the next;
#    choose the levels to show;
# 2. keep the first variant's rows on those levels, one datablock $O_p per policy, and
#    stop at the next variant (orgsim writes variants in blocks).
# Defines O_NK1, O_K1[] (policies), O_NLEV (levels shown), O_MLEV (levels), O_NSHOWN
# (positions shown per panel), O_NTOTAL (positions), O_WIDEST (positions on the widest
# level shown), O_NWILL[p], O_NLEAD[p] (marked nodes per panel), O_FIRST_LBL, O_NFIRST.
$AWK_ORG << EOD
function gq(s) { gsub(/\\/, "/", s); gsub(/"/, "''", s); return "\"" s "\"" }
function short(s,   n, t, i, r) {
  n = split(s, t, " "); r = ""
  for (i = 1; i <= n; i++) { sub(/^[A-Za-z_][A-Za-z_0-9]*\./, "", t[i]); r = r (i > 1 ? " " : "") t[i] }
  return r
}
function need(name) {
  if (!(name in ix)) { print "exit error \"" f ": no column " name "\""; exit 1 }
  return ix[name]
}
BEGIN {
  FS = ","; f = ARGV[1]     # an operand, not -v: awk would expand backslashes in -v values
  if ((getline line < f) <= 0) { print "exit error \"" f ": empty or unreadable\""; exit 1 }
  n = split(line, h, ",")
  for (i = 1; i <= n; i++) ix[h[i]] = i
  cv = need("variant"); cp = need("policy"); cl = need("level"); cx = need("x"); cy = need("y")
  cc = need("competence"); cw = need("willing"); cd = need("leader")
  cpx = need("parent_x"); cpy = need("parent_y")
  maxl = -1; total = 0
  while ((getline line < f) > 0) {
    split(line, r, ",")
    if (total == 0) { v0 = r[cv]; p0 = r[cp] }
    else if (r[cv] != v0 || r[cp] != p0) break
    l = r[cl] + 0; cnt[l]++; total++
    if (l > maxl) maxl = l
  }
  close(f)
  nlev = 0; cum = 0
  while (nlev <= maxl && cum + cnt[nlev] <= limit) { cum += cnt[nlev]; nlev++ }
  if (nlev == 0) { nlev = 1; cum = cnt[0] }
  widest = 0
  for (l = 0; l < nlev; l++) if (cnt[l] > widest) widest = cnt[l]

  getline line < f
  np = 0; nfirst = 1
  while ((getline line < f) > 0) {
    split(line, r, ",")
    if (r[cv] != v0) { nfirst = 2; break }
    if (r[cl] + 0 >= nlev) continue
    p = r[cp]
    if (!(p in pid)) { pid[p] = ++np; pname[np] = p; nrow[np] = 0; nw[np] = 0; nd[np] = 0 }
    k = pid[p]
    rows[k, ++nrow[k]] = r[cx] "," r[cy] "," r[cc] "," r[cw] "," r[cd] "," r[cpx] "," r[cpy]
    if (r[cw] + 0 > 0) nw[k]++
    if (r[cd] + 0 > 0) nd[k]++
  }
  close(f)
  for (k = 1; k <= np; k++) {
    print "$O_" k " << EOD"
    print "x,y,competence,willing,leader,parent_x,parent_y"
    for (i = 1; i <= nrow[k]; i++) print rows[k, i]
    print "EOD"
  }
  print "O_NK1 = " np
  if (np > 0) {
    print "array O_K1[" np "]; array O_NWILL[" np "]; array O_NLEAD[" np "]"
    for (k = 1; k <= np; k++)
      print "O_K1[" k "] = " gq(pname[k]) "; O_NWILL[" k "] = " nw[k] "; O_NLEAD[" k "] = " nd[k]
  }
  print "O_NLEV = " nlev "; O_MLEV = " maxl + 1 "; O_NSHOWN = " cum "; O_NTOTAL = " total "; O_WIDEST = " widest
  print "O_FIRST_LBL = " gq(short(v0)) "; O_NFIRST = " nfirst
}
EOD
_AWK_ORG = ""
do for [_i = 1:|$AWK_ORG|] { _AWK_ORG = _AWK_ORG . $AWK_ORG[_i] . "\n" }
load sprintf("< awk -v limit=%d %s %s", ORG_LIMIT, q(_AWK_ORG), q(csv("orgchart.csv")))
NP = O_NK1

STEPS = ini("scenario", "steps")
TITLE = "The org chart" . (STEPS ne "" ? " after year " . STEPS : " at the end") . " by promotion policy  —  scenario: " \
        . SCENARIO . (O_NFIRST > 1 ? "  (first variant: " . O_FIRST_LBL . ")" : "")
MARKED = 0
do for [p = 1:NP] { MARKED = MARKED + O_NWILL[p] + O_NLEAD[p] }
NOTE = "One run (the first); lines join each position to its manager's." \
       . (MARKED > 0 ? "  Leader: half or more of their direct reports are willing followers." \
                     : "  No willing followers or leaders to mark (leadership layer off).")
SHOWN_NOTE = O_NLEV < O_MLEV ? sprintf("Top %d levels shown (%d of the %d positions in orgchart.csv)", O_NLEV, O_NSHOWN, O_NTOTAL) : ""

# Panels: one row per policy (org charts are wide), two columns beyond five policies.
P_COLS = NP > 5 ? 2 : 1; P_ROWS = int((NP + P_COLS - 1) / P_COLS)
P_LEFT = P_COLS > 1 ? 0.09 : 0.1; P_RIGHT = 0.885; P_TOP = 0.86; P_BOT = SHOWN_NOTE ne "" ? 0.1 : 0.07
P_GX = P_COLS > 1 ? 0.1 : 0; P_GY = 0.025
# Node size: as large as the widest level allows without the rings around neighbours
# touching (a point of size 1 is about 7 pixels across).
PANEL_PX = P_W(0) * 1280
PS = PANEL_PX / (O_WIDEST > 0 ? O_WIDEST : 1) / 12
PS = (PS > 1.5 ? 1.5 : PS < 0.2 ? 0.2 : PS) * PT_SCALE
PS_TOP = PS < 0.9 * PT_SCALE ? 0.9 * PT_SCALE : PS
ps(y) = y < 1 ? PS_TOP : PS
RING = 1.6

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
unset border; unset tics; unset grid
set xrange [-0.01:1.01]
set yrange [O_NLEV - 0.5:-0.5]
set cbrange [1:10]
set cbtics 1 font F_SMALL
set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
set colorbox user origin screen 0.93, screen P_BOT size screen 0.018, screen (P_TOP - P_BOT) noborder
set cblabel "competence in the job (1-10)" font F_NORMAL offset 0.5, 0
F_N = fit_font(NOTE, FS_SMALL)
set label 103 NOTE at screen 0.01, screen 0.025 left font F_N textcolor rgb "#555555"
# Say it where it is seen: a partial org chart must not pass for the whole.
if (SHOWN_NOTE ne "") {
  set label 106 SHOWN_NOTE at screen 0.01, screen 0.062 left font F_NORMAL textcolor rgb "#b22222"
}

do for [p = 1:NP] {
  eval panel(p)
  PCOL = pcolor(O_K1[p])
  set label 105 O_K1[p] at graph -0.01, graph 0.5 right font F_NORMAL textcolor rgb PCOL
  plot block("O", p, 0) using 'parent_x':'parent_y':(column('x') - column('parent_x')):(column('y') - column('parent_y')) \
         with vectors nohead lc rgb "#b0b0b0" lw 0.6 notitle, \
       block("O", p, 0) using 'x':'y':(ps(column('y'))):'competence' with points pt 7 ps variable lc palette z notitle, \
       for [i = 1:(O_NWILL[p] > 0)] block("O", p, 0) using 'x':(column('willing') > 0 ? column('y') : NaN):(ps(column('y')) * RING) \
         with points pt 6 ps variable lc rgb "#111111" lw 1.2 notitle, \
       for [i = 1:(O_NLEAD[p] > 0)] block("O", p, 0) using 'x':(column('leader') > 0 ? column('y') : NaN):(ps(column('y')) * RING) \
         with points pt 4 ps variable lc rgb "#111111" lw 1.2 notitle
  unset label 103; unset label 105; unset label 106
  unset colorbox
}
KEY_W = ""
KEY_EXTRA = ", keyentry with points pt 7 ps 1.5 lc rgb '#21918c' title 'position (colour: competence)'"
KEY_NEXTRA = 1
if (MARKED > 0) {
  KEY_EXTRA = KEY_EXTRA . ", keyentry with points pt 6 ps 2 lw 1.2 lc rgb '#111111' title 'willing follower'" \
            . ", keyentry with points pt 4 ps 2 lw 1.2 lc rgb '#111111' title 'leader'"
  KEY_NEXTRA = 3
}
eval key_strip(key_y(0))
unset multiplot

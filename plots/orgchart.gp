# orgchart.gp: the org chart at the last step of the first run (run 0): the baseline and the
# best alternative, each manager shown as a technician or a people person.
# Usage: gnuplot -c plots/orgchart.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads orgchart.csv)
# A sweep's first variant only.  Large orgs: only the top levels whose positions add up to
# at most ORG_LIMIT, none wider than ORG_WIDEST, so that every node stays visible; the
# chart says so.
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"
ORG_LIMIT = 400    # positions per panel at most
ORG_WIDEST = 130   # positions on one level at most

# One awk program, two passes over the prepared orgchart.csv (tab-separated; orgsim
# copies the first variant's baseline rows, then the best alternative's):
# 1. count the positions per level of the first policy, stopping at the next; choose the
#    levels to show;
# 2. keep the rows on those levels, one datablock $O_p per policy.
# Defines O_NK1, O_K1[] (policies), O_NLEV (levels shown), O_MLEV (levels), O_NSHOWN
# (positions shown per panel), O_NTOTAL (positions), O_WIDEST (positions on the widest
# level shown), O_NWILL[p], O_NLEAD[p] (marked nodes per panel).
# Each datablock: x, y, kind (0: no reports, 1: technician, 2: people person: a manager
# whose people skill is above their technical skill), willing, leader, parent_x, parent_y.
$AWK_ORG << EOD
function gq(s) { gsub(/'/, "’", s); return "'" s "'" }
function isnum(v) { return v !~ /nan|inf|NaN|Inf/ && v ~ /^[-+]?[0-9.]/ }
function numv(v) { return isnum(v) ? v : "NaN" }
function need(name) {
  if (!(name in ix)) { print "exit error " gq("orgsim: orgchart.csv: no column " name); exit 1 }
  return ix[name]
}
BEGIN {
  FS = "\t"; f = ARGV[1]     # an operand, not -v: awk would expand backslashes in -v values
  if ((getline line < f) <= 0) { print "exit error " gq("orgsim: orgchart.csv: empty"); exit 1 }
  n = split(line, h, "\t")
  for (i = 1; i <= n; i++) ix[h[i]] = i
  cp = need("policy"); cl = need("level"); cx = need("x"); cy = need("y")
  cw = need("willing"); cd = need("leader"); ct = need("technical"); cq = need("people")
  cpx = need("parent_x"); cpy = need("parent_y")
  maxl = -1; total = 0
  while ((getline line < f) > 0) {
    split(line, r, "\t")
    if (total == 0) { p0 = r[cp] }
    else if (r[cp] != p0) break
    l = r[cl] + 0; cnt[l]++; total++
    if (l > maxl) maxl = l
  }
  close(f)
  nlev = 0; cum = 0; widest = 0
  while (nlev <= maxl && cum + cnt[nlev] <= limit && cnt[nlev] <= wlimit) {
    cum += cnt[nlev]; if (cnt[nlev] > widest) widest = cnt[nlev]; nlev++
  }
  if (nlev == 0) { nlev = 1; cum = cnt[0]; widest = cnt[0] }
  bottom = mlev > 0 ? mlev - 1 : maxl

  getline line < f
  np = 0
  while ((getline line < f) > 0) {
    split(line, r, "\t")
    if (r[cl] + 0 >= nlev) continue
    p = r[cp]
    if (!(p in pid)) { pid[p] = ++np; pname[np] = p; nrow[np] = 0; nw[np] = 0; nd[np] = 0 }
    k = pid[p]
    kind = r[cl] + 0 >= bottom ? 0 : (r[cq] + 0 > r[ct] + 0 ? 2 : 1)
    rows[k, ++nrow[k]] = numv(r[cx]) "," numv(r[cy]) "," kind "," numv(r[cw]) "," numv(r[cd]) "," numv(r[cpx]) "," numv(r[cpy])
    if (r[cw] + 0 > 0) nw[k]++
    if (r[cd] + 0 > 0) nd[k]++
  }
  close(f)
  for (k = 1; k <= np; k++) {
    print "$O_" k " << EOD"
    print "x,y,kind,willing,leader,parent_x,parent_y"
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
}
EOD
_AWK_ORG = ""
do for [_i = 1:|$AWK_ORG|] { _AWK_ORG = _AWK_ORG . $AWK_ORG[_i] . "\n" }
load sprintf("< awk -v limit=%d -v wlimit=%d -v mlev=%d %s %s", ORG_LIMIT, ORG_WIDEST, ORG_MLEV, q(_AWK_ORG), q(csv("orgchart.csv")))
NP = O_NK1
# orgsim copied only the levels that can be shown: the org's size is in params.gp.
if (ORG_NTOTAL > 0) { O_NTOTAL = ORG_NTOTAL; O_MLEV = ORG_MLEV }

TITLE = "Who leads whom: the org chart" . (STEPS ne "" ? " after year " . STEPS : " at the end") \
        . (NP > 1 ? ", the baseline and the best alternative" : "")
MARKED = 0
do for [p = 1:NP] { MARKED = MARKED + O_NWILL[p] + O_NLEAD[p] }
NOTE = "One run (the first); a line joins each person to their manager.  Technician: a manager whose technical skill is at least their people skill." \
       . (MARKED > 0 ? "  Ringed: a leader (half or more of their direct reports follow willingly)." : "") \
       . (VARIANT_NOTE ne "" || O_NTOTAL == 0 ? "" : "")
SHOWN_NOTE = O_NLEV < O_MLEV ? sprintf("Top %d of %d levels shown (%d of %d positions): %s", O_NLEV, O_MLEV, O_NSHOWN, O_NTOTAL, \
             O_NLEV == O_MLEV - 1 ? "every manager; the people without reports are left out" : "the levels that fit") : ""

KEY_W = ""; KEY_NEXTRA = 4
# Panels: one row per policy (org charts are wide): the baseline above, the alternative below.
P_COLS = 1; P_ROWS = NP > 0 ? NP : 1
P_LEFT = 0.02; P_RIGHT = 0.98; P_TOP = TOP - key_height(0) - 0.05
P_BOT = (SHOWN_NOTE ne "" ? 0.15 : 0.11) + NOTE_EXTRA(0)
P_GX = 0; P_GY = 0.07
# Node size: as large as the widest level allows without neighbours touching (a point
# of size 1 is about 7 pixels across).
PANEL_PX = P_W(0) * W_PX
PS = PANEL_PX / (O_WIDEST > 0 ? O_WIDEST : 1) / 9
PS = (PS > 2.4 ? 2.4 : PS < 0.3 ? 0.3 : PS) * PT_SCALE
ps(y) = y < 1 ? (PS < 1.6 * PT_SCALE ? 1.6 * PT_SCALE : PS) : PS
RING = 1.7
C_TECH = "#0072B2"; C_PEOPLE = "#E69F00"; C_STAFF = "#9a9a9a"

F_T = fit_font(TITLE, FS_TITLE)
set multiplot title TITLE font F_T
eval subtitle_label
unset border; unset tics; unset grid
set xrange [-0.01:1.01]
set yrange [O_NLEV - 0.5:-0.5]
eval note_label
# Say it where it is seen: a partial org chart must not pass for the whole.
if (SHOWN_NOTE ne "") {
  set label 106 SHOWN_NOTE at screen 0.01, screen P_BOT - 0.045 left font F_NORMAL textcolor rgb "#b22222"
}

do for [p = 1:NP] {
  eval panel(p)
  PCOL = pcolor(O_K1[p])
  PTITLE = plabel(O_K1[p]) . (O_K1[p] eq BASELINE ? " (baseline)" : " (the alternative that does best)")
  set label 105 PTITLE at graph 0, graph 1.0 offset 0, 1.0 left font F_NORMAL textcolor rgb PCOL
  plot block("O", p, 0) using 'parent_x':'parent_y':(column('x') - column('parent_x')):(column('y') - column('parent_y')) \
         with vectors nohead lc rgb "#c8c8c8" lw 0.8 notitle, \
       block("O", p, 0) using 'x':(column('kind') == 0 ? column('y') : NaN):(ps(column('y')) * 0.6) \
         with points pt 7 ps variable lc rgb C_STAFF notitle, \
       block("O", p, 0) using 'x':(column('kind') == 1 ? column('y') : NaN):(ps(column('y'))) \
         with points pt 5 ps variable lc rgb C_TECH notitle, \
       block("O", p, 0) using 'x':(column('kind') == 2 ? column('y') : NaN):(ps(column('y')) * 1.1) \
         with points pt 7 ps variable lc rgb C_PEOPLE notitle, \
       for [i = 1:(O_NLEAD[p] > 0)] block("O", p, 0) using 'x':(column('leader') > 0 ? column('y') : NaN):(ps(column('y')) * RING) \
         with points pt 6 ps variable lc rgb "#111111" lw 1.5 notitle
  unset label 103; unset label 105; unset label 106; unset label 99
}
KEY_W = ""
KEY_EXTRA = ", keyentry with points pt 5 ps 2 * PT_SCALE lc rgb C_TECH title 'technician'" \
          . ", keyentry with points pt 7 ps 2.2 * PT_SCALE lc rgb C_PEOPLE title 'people person'" \
          . ", keyentry with points pt 7 ps 1.2 * PT_SCALE lc rgb C_STAFF title 'no reports'"
KEY_NEXTRA = 3
if (MARKED > 0) {
  KEY_EXTRA = KEY_EXTRA . ", keyentry with points pt 6 ps 2.4 * PT_SCALE lw 1.5 lc rgb '#111111' title 'leader'"
  KEY_NEXTRA = 4
}
eval key_strip(key_y(0))
unset multiplot

# tornado.gp: what moves the headline most: one bar per scenario key, from the headline
# difference at the scenario's own settings to its value at the key's lowest and highest
# setting (orgsim robust).
# Usage: gnuplot -c plots/tornado.gp RESULTS_DIR OUTFILE.{png,svg,pdf}   (reads tornado.csv)
# Text from the file reaches gnuplot only as data (stringcolumn, ytic) or as the string
# value of system(): it is never evaluated.
NARGS = ARGC; RESULTS = ARG1; OUTFILE = ARG2
_ls(s, i) = strstrt(s[i + 1:], "/") > 0 ? _ls(s, i + strstrt(s[i + 1:], "/")) : i
load (_ls(ARG0, 0) > 0 ? ARG0[1:_ls(ARG0, 0)] : "") . "common.gp"

FILE = csv("tornado.csv")
# Field F of the first data row, as a string.
field(f) = system(sprintf("awk -F, 'NR == 2 { print $%d; exit }' %s", f, q(FILE)))
NROWS = int(system(sprintf("awk 'END { print NR - 1 }' %s", q(FILE))))
# Bars worth drawing: rows whose bar has a length (the file is sorted largest first).
NBARS = int(system(sprintf("awk -F, 'NR > 1 && ($5 != $9 || $8 != $9) { n++ } END { print n + 0 }' %s", q(FILE))))
TOP = NBARS < 12 ? NBARS : 12
HEAD = field(10); BASEP = field(11)
BASE = NROWS > 0 ? real(field(9)) : 0
XMIN = real(system(sprintf("awk -F, -v top=%d 'NR > 1 && NR <= top + 1 { for (i = 5; i <= 9; i += 1) if ((i == 5 || i == 8 || i == 9) && (m == \"\" || $i + 0 < m)) m = $i + 0 } END { print m + 0 }' %s", TOP, q(FILE))))
XMAX = real(system(sprintf("awk -F, -v top=%d 'NR > 1 && NR <= top + 1 { for (i = 5; i <= 9; i += 1) if ((i == 5 || i == 8 || i == 9) && (m == \"\" || $i + 0 > m)) m = $i + 0 } END { print m + 0 }' %s", TOP, q(FILE))))
XMIN = XMIN > 0 ? 0 : XMIN; XMAX = XMAX < 0 ? 0 : XMAX
SPAN = XMAX > XMIN ? XMAX - XMIN : 1
XLO = XMIN - 0.22 * SPAN; XHI = XMAX + 0.22 * SPAN

TITLE = sprintf("What moves the result most: %s minus %s  —  scenario: %s", HEAD, BASEP, SCENARIO)
NOTE = sprintf("Each bar: one key changed, all else as in the scenario; at its ends the key's value and the difference there.  Dashed line: the scenario as it is (%+.2f).  Left of 0: %s does worse than %s.", BASE, HEAD, BASEP)
XLABEL = sprintf("%s minus %s: final efficiency (percentage points)", HEAD, BASEP)
NODATA = "no key changes the result in this scenario"
if (NROWS == 0) {
  # The baseline was the only policy: there is no difference to chart.
  TITLE = sprintf("Robustness  —  scenario: %s", SCENARIO)
  NOTE = ""; XLABEL = ""
  NODATA = "only one policy was run: no difference between policies to chart"
}
LOW_C = "#1f77b4"; HIGH_C = "#ff7f0e"

F_T = fit_font(TITLE, FS_TITLE)
set label 101 TITLE at screen 0.5, screen 0.95 center font F_T
eval note_label
set xlabel XLABEL font F_NORMAL
set lmargin at screen 0.3; set rmargin at screen 0.97
set bmargin at screen 0.19 + NOTE_EXTRA(0); set tmargin at screen 0.83
set border 1
set grid xtics noytics
# Key names as labels beside the axis, not ytics (a zero-length tic shows as a dot).
unset ytics
set xtics font F_NORMAL
set xrange [XLO:XHI]
set yrange [0.4:(TOP > 0 ? TOP : 1) + 0.6]
set key at screen 0.6, screen 0.885 center horizontal maxrows 1 samplen 1.5 width 2 font F_NORMAL
# Row k of the file (k = 1 largest) sits at height TOP - k + 1.
Y(k) = TOP - k + 1
keep(k) = k <= TOP ? 1 : NaN
if (TOP == 0) {
  set label 104 NODATA at graph 0.5, graph 0.5 center
  plot -1e30 notitle
} else {
  set arrow 1 from BASE, graph 0 to BASE, graph 1 nohead dt 2 lc rgb "#333333" lw 1.5
  set arrow 2 from 0, graph 0 to 0, graph 1 nohead lc rgb "#000000" lw 1
  # Columns: 1 order, 2 parameter, 3 low_setting, 4 low_label, 5 low, 6 high_setting,
  # 7 high_label, 8 high, 9 base.
  plot FILE skip 1 using ((($5 + $9) / 2) * keep($1)):(Y($1)):(abs($5 - $9) / 2):(0.32) \
         with boxxyerror fc rgb LOW_C fs solid 0.85 noborder title "the key's setting with the smallest difference", \
       '' skip 1 using ((($8 + $9) / 2) * keep($1)):(Y($1)):(abs($8 - $9) / 2):(0.32) \
         with boxxyerror fc rgb HIGH_C fs solid 0.85 noborder title "the setting with the largest", \
       '' skip 1 using (($5 < $9 ? $5 : $9) * keep($1)):(Y($1)):(sprintf("%s: %+.1f", stringcolumn(4), $5)) \
         with labels right offset -0.6, 0 font F_SMALL notitle, \
       '' skip 1 using (($8 > $9 ? $8 : $9) * keep($1)):(Y($1)):(sprintf("%s: %+.1f", stringcolumn(7), $8)) \
         with labels left offset 0.6, 0 font F_SMALL notitle, \
       '' skip 1 using (XLO * keep($1)):(Y($1)):(stringcolumn(2)) \
         with labels right offset -1, 0 font F_NORMAL notitle
}

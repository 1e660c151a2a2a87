# common.gp: the shared look of orgsim's charts and the helpers that read a results folder.
#
# Loaded by every chart script (gnuplot -c plots/NAME.gp RESULTS_DIR OUTFILE) as its
# first command, after copying its arguments: NARGS = ARGC, RESULTS = ARG1, OUTFILE = ARG2
# (`load` does not pass them on).
# It sets the terminal from OUTFILE's extension (.png, .svg, .pdf), the fonts, one
# fixed colour per policy, and defines:
#   csv(NAME)          path of RESULTS_DIR/NAME
#   SCENARIO           the scenario's name (scenario.ini, [scenario] name=)
#   ini(SECTION, KEY)  a value of scenario.ini ("" when absent)
#   pcolor(POLICY)     the policy's colour, the same on every chart
#   blocks(...)        a command for `load` that reads a CSV with awk into datablocks
# awk and sed do the reading: the CSVs can hold millions of rows, and gnuplot
# alone would parse every row once per curve.  Needs gnuplot 5.4 (datablock lines as
# $DB[i], keyentry, exit error) and a POSIX awk and sed.

if (NARGS < 2) {
  exit error "usage: gnuplot -c plots/NAME.gp RESULTS_DIR OUTFILE (.png, .svg or .pdf)"
}

# ---- terminal: from the output name; 1280x720 (16:9 slides) ----
_ext = strlen(OUTFILE) >= 4 ? OUTFILE[strlen(OUTFILE) - 3:] : ""
FONT = "Sans"
PT_SCALE = 1                        # point sizes relative to the PNG
CHAR_W = 0.7                        # a character's width in pixels per unit of font size
if (_ext eq ".png") {
  set terminal pngcairo size 1280,720 noenhanced font "Sans,13" linewidth 1.5 rounded
  FS_NORMAL = 13; FS_SMALL = 11; FS_TITLE = 17
} else {
  if (_ext eq ".svg") {
    # SVG font sizes are pixels; cairo's are points at 96 dpi: 4/3 larger for the same look.
    set terminal svg size 1280,720 dynamic noenhanced font "Sans,17" linewidth 1.5 rounded \
        background "#ffffff"
    FS_NORMAL = 17; FS_SMALL = 15; FS_TITLE = 23; CHAR_W = 0.55
  } else {
    if (_ext eq ".pdf") {
      # pdfcairo scales fonts and points by 0.5 by default; this matches the PNG's look.
      set terminal pdfcairo size 13.33in,7.5in noenhanced font "Sans,13" fontscale 0.74 linewidth 1.5 rounded
      FS_NORMAL = 13; FS_SMALL = 11; FS_TITLE = 17; PT_SCALE = 0.75
    } else {
      exit error sprintf("%s: unknown output format (use .png, .svg or .pdf)", OUTFILE)
    }
  }
}
# Font strings (`font` takes a string variable, not an expression).
F_TITLE = sprintf("%s,%d", FONT, FS_TITLE)
F_NORMAL = sprintf("%s,%d", FONT, FS_NORMAL)
F_SMALL = sprintf("%s,%d", FONT, FS_SMALL)
F_TINY = sprintf("%s,%d", FONT, FS_SMALL - 2)
# A font of at most SIZE in which the line S fits across the page (titles, notes).
fit_font(s, size) = sprintf("%s,%d", FONT, \
                            strlen(s) * CHAR_W * size <= 1250 ? size : int(1250 / (CHAR_W * strlen(s))))
set output OUTFILE
set encoding utf8
set datafile separator comma
set minussign

# ---- look ----
set border 3 lc rgb "#555555"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e4e4e4" lw 1 dt 1
set key noautotitle
set style fill solid 1.0 noborder

# One colour per policy, the same on every chart.  Unknown policies are dark grey.
POLICIES = "best worst random alternate best-worst best-random seniority people potential external"
COLORS = "#1f77b4 #d62728 #7f7f7f #9467bd #ff7f0e #8c564b #e377c2 #2ca02c #17becf #bcbd22"
windex(list, w, i) = i > words(list) ? 0 : (word(list, i) eq w ? i : windex(list, w, i + 1))
pcolor(p) = windex(POLICIES, p, 1) > 0 ? word(COLORS, windex(POLICIES, p, 1)) : "#333333"

# Levels, top to bottom: dark to light along viridis (stopping short of its pale yellow).
# lcolor(L, N): the colour of level L (0 = top) of N levels.
LEVEL_COLORS = "#440154 #482878 #3e4989 #31688e #26828e #1f9e89 #35b779 #6ece58 #a5db36"
lcolor(l, n) = word(LEVEL_COLORS, n > 1 ? 1 + int(l * (words(LEVEL_COLORS) - 1.0) / (n - 1) + 0.5) : 1)

# ---- strings and paths ----
# Shell single-quoting: 'it'\''s'.
_q(s) = strstrt(s, "'") > 0 ? s[1:strstrt(s, "'") - 1] . "'\\''" . _q(s[strstrt(s, "'") + 1:]) : s
q(s) = "'" . _q(s) . "'"
csv(name) = RESULTS . "/" . name

# scenario.ini (a GKeyFile): the value of KEY in [SECTION], "" when absent.
ini(sect, key) = system(sprintf("sed -n '/^\\[%s\\]/,/^\\[/s/^[[:space:]]*%s[[:space:]]*=[[:space:]]*//p' %s 2>/dev/null | sed -n '1s/[[:space:]]*$//p'", sect, key, q(csv("scenario.ini"))))
SCENARIO = ini("scenario", "name")
if (SCENARIO eq "") { SCENARIO = "unnamed" }

# ---- reading CSVs with awk into datablocks ----
# blocks(FILE, PFX, KEY, COLS, YCOLS, XCOL, MAXPTS, LAST, FIRSTOF, FILL) returns a
# "< awk ..." command for `load`, which defines:
#   $PFX_i_j      one datablock per group of rows with the same KEY columns (KEY: header
#                 names, space-separated; i, j: the index of the group's value of each KEY
#                 column, in order of first appearance): a header line, then the COLS
#                 columns of the group's rows, in file order
#   PFX_NKn, PFX_Kn[], PFX_Kn_LBL[], PFX_Kn_VAL[], PFX_Kn_W, PFX_Kn_KEYS
#                 the distinct values of the n-th KEY column: their number, the values, a
#                 short label ("section." removed: "p=0.5 transfer=peter"), the values
#                 alone ("0.5 / peter"), the values as a word list, and the keys of the
#                 first value ("promotion.p / promotion.transfer", or "")
#   PFX_YMIN, PFX_YMAX, PFX_NVALID   range and count of the numbers in the YCOLS (NaN ignored)
#   PFX_XMIN, PFX_XMAX               range of XCOL
#   PFX_RUNS                         the first row's "runs" value (0 without that column)
# MAXPTS > 0: at most about MAXPTS rows per group (every k-th row, and the last).
# LAST = 1: only the rows with each group's last XCOL value.
# FIRSTOF = a column name: only the rows whose value there is the first row's (the first
#   variant); PFX_FIRST, PFX_FIRST_LBL are that value and PFX_NFIRST is 2 when others
#   exist (reading stops at the first other value: orgsim writes variants in blocks).
# FILL = "A:B C:D": a NaN in column A becomes column B's value (a one-run CI becomes the
#   mean).  Done here because in a `using` expression anything touching NaN is NaN, and
#   `with labels` at a NaN coordinate crashes gnuplot 5.4.
# Set before calling: NEED = "A B" drops the rows where A or B is NaN; ATTRS = "A B"
#   defines arrays PFX_A[], PFX_B[]: columns A and B of the first row of each value of
#   the first KEY column.  Both are "" by default.
NEED = ""; ATTRS = ""
$AWK_BLOCKS << EOD
function gq(s) { gsub(/\\/, "/", s); gsub(/"/, "''", s); return "\"" s "\"" }
function short(s,   n, t, i, r) {
  n = split(s, t, " "); r = ""
  for (i = 1; i <= n; i++) { sub(/^[A-Za-z_][A-Za-z_0-9]*\./, "", t[i]); r = r (i > 1 ? " " : "") t[i] }
  return r
}
function vals(s,   n, t, i, r) {
  n = split(s, t, " "); r = ""
  for (i = 1; i <= n; i++) { sub(/^[^=]*=/, "", t[i]); r = r (i > 1 ? " / " : "") t[i] }
  return r
}
function keys(s,   n, t, i, r) {
  n = split(s, t, " "); r = ""
  for (i = 1; i <= n; i++) { if (t[i] !~ /=/) return ""; sub(/=.*/, "", t[i]); r = r (i > 1 ? " / " : "") t[i] }
  return r
}
function isnum(v) { return v !~ /nan|inf|NaN|Inf/ && v ~ /^[-+]?[0-9.]/ }
function emit(g,   n, stride, i) {
  n = gn[g]
  print "$" pfx "_" g " << EOD"; print header
  stride = (maxpts > 0 && n > maxpts) ? int((n + maxpts - 1) / maxpts) : 1
  for (i = 1; i <= n; i++)
    if ((i - 1) % stride == 0 || i == n) print buf[g, i]
  print "EOD"
}
BEGIN {
  FS = ","; nk = split(key, kc, " "); nc = split(cols, cc, " "); ny = split(ycols, yc, " ")
  nf = split(fill, fp, " "); nn = split(need, nd, " "); na = split(attrs, at, " ")
  ymin = 0; ymax = 0; nvalid = 0; xmin = 0; xmax = 0; nx = 0; runs = 0; ng = 0
}
NR == 1 {
  for (i = 1; i <= NF; i++) ix[$i] = i
  header = ""
  for (j = 1; j <= nc; j++) {
    if (!(cc[j] in ix)) { print "exit error \"" FILENAME ": no column " cc[j] "\""; exit }
    header = header (j > 1 ? "," : "") cc[j]
  }
  for (j = 1; j <= nk; j++) if (!(kc[j] in ix)) { print "exit error \"" FILENAME ": no column " kc[j] "\""; exit }
  for (j = 1; j <= ny; j++) if (!(yc[j] in ix)) { print "exit error \"" FILENAME ": no column " yc[j] "\""; exit }
  if (xcol != "" && !(xcol in ix)) { print "exit error \"" FILENAME ": no column " xcol "\""; exit }
  if (firstof != "" && !(firstof in ix)) { print "exit error \"" FILENAME ": no column " firstof "\""; exit }
  for (j = 1; j <= na; j++) if (!(at[j] in ix)) { print "exit error \"" FILENAME ": no column " at[j] "\""; exit }
  for (j = 1; j <= nn; j++) if (!(nd[j] in ix)) { print "exit error \"" FILENAME ": no column " nd[j] "\""; exit }
  for (j = 1; j <= nf; j++) {
    split(fp[j], ab, ":")
    if (!(ab[1] in ix) || !(ab[2] in ix)) { print "exit error \"" FILENAME ": no column " fp[j] "\""; exit }
    fa[j] = ix[ab[1]]; fb[j] = ix[ab[2]]
  }
  next
}
{
  if (firstof != "") {
    v = $(ix[firstof])
    if (NR == 2) first = v; else if (v != first) { nfirst = 2; exit }
  }
  if (NR == 2 && ("runs" in ix)) runs = $(ix["runs"])
  for (j = 1; j <= nf; j++) if (!isnum($(fa[j]))) $(fa[j]) = $(fb[j])
  for (j = 1; j <= nn; j++) if (!isnum($(ix[nd[j]]))) next
  g = ""
  for (j = 1; j <= nk; j++) {
    v = $(ix[kc[j]])
    if (!((j, v) in kid)) {
      kid[j, v] = ++nval[j]; kval[j, nval[j]] = v
      if (j == 1) for (a = 1; a <= na; a++) aval[a, nval[j]] = $(ix[at[a]])
    }
    g = g (j > 1 ? "_" : "") kid[j, v]
  }
  if (!(g in gn)) { gn[g] = 0; gorder[++ng] = g }
  if (xcol != "") {
    x = $(ix[xcol]) + 0
    if (nx++ == 0 || x > xmax) xmax = x
    if (nx == 1 || x < xmin) xmin = x
    if (last == 1 && gn[g] > 0 && x != lastx[g]) gn[g] = 0
    lastx[g] = x
  }
  line = ""
  for (j = 1; j <= nc; j++) line = line (j > 1 ? "," : "") $(ix[cc[j]])
  buf[g, ++gn[g]] = line
  for (j = 1; j <= ny; j++) {
    v = $(ix[yc[j]])
    if (isnum(v)) {
      v += 0
      if (nvalid == 0 || v < ymin) ymin = v
      if (nvalid == 0 || v > ymax) ymax = v
      nvalid++
    }
  }
}
END {
  for (i = 1; i <= ng; i++) emit(gorder[i])
  for (j = 1; j <= nk; j++) {
    n = nval[j] + 0
    print pfx "_NK" j " = " n
    print pfx "_K" j "_W = ''; " pfx "_K" j "_KEYS = \"\""
    if (n == 0) continue
    print "array " pfx "_K" j "[" n "]"; print "array " pfx "_K" j "_LBL[" n "]"
    print "array " pfx "_K" j "_VAL[" n "]"; print pfx "_K" j "_KEYS = " gq(keys(kval[j, 1]))
    w = ""
    for (i = 1; i <= n; i++) {
      print pfx "_K" j "[" i "] = " gq(kval[j, i])
      print pfx "_K" j "_LBL[" i "] = " gq(short(kval[j, i]))
      print pfx "_K" j "_VAL[" i "] = " gq(vals(kval[j, i]))
      w = w (i > 1 ? " " : "") gq(kval[j, i])
    }
    gsub(/'/, "''", w); print pfx "_K" j "_W = '" w "'"
    if (j == 1) for (a = 1; a <= na; a++) {
      print "array " pfx "_" at[a] "[" n "]"
      for (i = 1; i <= n; i++) print pfx "_" at[a] "[" i "] = " gq(aval[a, i])
    }
  }
  printf "%s_YMIN = %.10g; %s_YMAX = %.10g; %s_NVALID = %d\n", pfx, ymin, pfx, ymax, pfx, nvalid
  printf "%s_XMIN = %.10g; %s_XMAX = %.10g; %s_RUNS = %d\n", pfx, xmin, pfx, xmax, pfx, runs
  print pfx "_FIRST = " gq(first) "; " pfx "_FIRST_LBL = " gq(short(first)) "; " pfx "_NFIRST = " (nfirst ? 2 : 1)
}
EOD
_AWK_BLOCKS = ""
do for [_i = 1:|$AWK_BLOCKS|] { _AWK_BLOCKS = _AWK_BLOCKS . $AWK_BLOCKS[_i] . "\n" }
blocks(file, pfx, key, cols, ycols, xcol, maxpts, last, firstof, fill) = \
  sprintf("< awk -v pfx=%s -v key=%s -v cols=%s -v ycols=%s -v xcol=%s -v maxpts=%d -v last=%d -v firstof=%s -v fill=%s -v need=%s -v attrs=%s %s %s", \
          q(pfx), q(key), q(cols), q(ycols), q(xcol), maxpts, last, q(firstof), q(fill), q(NEED), q(ATTRS), q(_AWK_BLOCKS), q(file))
block(pfx, i, j) = j > 0 ? sprintf("$%s_%d_%d", pfx, i, j) : sprintf("$%s_%d", pfx, i)

# An axis range around [lo, hi] with a margin, never empty.
pad_lo(lo, hi) = lo - (hi > lo ? 0.06 * (hi - lo) : 1)
pad_hi(lo, hi) = hi + (hi > lo ? 0.06 * (hi - lo) : 1)

# A "nice" tic step near x: 1, 2 or 5 times a power of ten.
_m(x) = x / 10 ** floor(log10(x))
nice(x) = x <= 0 ? 1 : 10 ** floor(log10(x)) * (_m(x) < 1.5 ? 1 : _m(x) < 3.5 ? 2 : _m(x) < 7.5 ? 5 : 10)

# ---- page layout: a grid of panels placed by hand ----
# Set P_COLS, P_ROWS, P_LEFT, P_RIGHT, P_BOT, P_TOP (screen fractions of the panel area),
# P_GX, P_GY (gaps), then `eval panel(k)` places the next plot in panel k (row-major).
grid_cols(n) = n <= 1 ? 1 : n <= 3 ? n : n <= 4 ? 2 : n <= 6 ? 3 : n <= 9 ? 3 : n <= 12 ? 4 : n <= 16 ? 4 : n <= 20 ? 5 : 6
grid_rows(n) = int((n + grid_cols(n) - 1) / grid_cols(n))
P_W(x) = (P_RIGHT - P_LEFT - (P_COLS - 1) * P_GX) / P_COLS
P_H(x) = (P_TOP - P_BOT - (P_ROWS - 1) * P_GY) / P_ROWS
panel_x0(k) = P_LEFT + ((k - 1) % P_COLS) * (P_W(0) + P_GX)
panel_y0(k) = P_TOP - (int((k - 1) / P_COLS) + 1) * P_H(0) - int((k - 1) / P_COLS) * P_GY
panel(k) = sprintf("set lmargin at screen %.5f; set rmargin at screen %.5f; set bmargin at screen %.5f; set tmargin at screen %.5f", \
                   panel_x0(k), panel_x0(k) + P_W(0), panel_y0(k), panel_y0(k) + P_H(0))
panel_left(k) = (k - 1) % P_COLS == 0
panel_bottom(k, n) = k > n - P_COLS

# `KEY_W = WORDS; eval key_strip(Y)` draws a legend of policies (a word list) centred at
# screen height Y, as a plot of its own: call it last in a multiplot.  KEY_EXTRA
# (", keyentry ...") appends KEY_NEXTRA more entries.  KEY_C, when not "", is a word
# list of colours for the entries (else each entry is a policy in its colour).  Up to 5
# entries fit on one row, more take two (or KEY_ROWS_MIN = 2): leave key_height() of
# the page for the strip, centred at key_y().
KEY_EXTRA = ""; KEY_NEXTRA = 0; KEY_C = ""; KEY_ROWS_MIN = 1
key_color(i) = KEY_C ne "" ? word(KEY_C, i) : pcolor(word(KEY_W, i))
key_n(x) = words(KEY_W) + KEY_NEXTRA
key_rows(x) = key_n(0) > 5 || KEY_ROWS_MIN > 1 ? 2 : 1
key_height(x) = 0.05 * key_rows(0)
key_y(x) = 0.92 - key_height(0) / 2     # the strip's centre, under the page title
key_strip(y) = sprintf("set lmargin at screen 0.01; set rmargin at screen 0.99; set bmargin at screen %.4f; set tmargin at screen %.4f; unset title; unset border; unset tics; unset grid; unset xlabel; unset ylabel; unset colorbox; unset label; unset arrow; unset xzeroaxis; unset yzeroaxis; set xrange [0:1]; set yrange [0:1]; set key center center horizontal maxcols %d reverse Left samplen 2.5 width %d spacing 1.1 font F_NORMAL; plot for [_i = 1:words(KEY_W)] keyentry with lines lc rgb key_color(_i) lw 4 title word(KEY_W, _i), NaN notitle", \
                     y - key_height(0) / 2, y + key_height(0) / 2, int((key_n(0) + key_rows(0) - 1) / key_rows(0)), key_n(0) > 5 ? 0 : 2) . KEY_EXTRA

# Written in a panel that has nothing to draw (an empty plot would warn on stderr).
NODATA_MSG = "no data to draw"

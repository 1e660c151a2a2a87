# common.gp: the shared look of orgsim's charts and the helpers that read a results folder.
#
# Loaded by every chart script (gnuplot -c plots/NAME.gp DATA_DIR OUTFILE) as its first
# command, after copying its arguments: NARGS = ARGC, RESULTS = ARG1, OUTFILE = ARG2
# (`load` does not pass them on).  orgsim runs the scripts in a private folder that it
# has prepared (DATA_DIR is "."): tab-separated, cleaned copies of the results' CSVs and
# params.gp, which holds every text (scenario, policy and level labels) as a
# single-quoted string.  No text read from a file is ever put in a command here: it
# travels in variables, so gnuplot never evaluates it.
# It sets the terminal from OUTFILE's extension (.png, .svg, .pdf) and STYLE (slides:
# 16:9, large text; print: A4/letter), the fonts, one fixed colour per policy, and defines:
#   csv(NAME)          path of DATA_DIR/NAME
#   SCENARIO, SUBTITLE the scenario's name and the line under each title
#   pcolor(POLICY)     the policy's colour, the same on every chart (Okabe-Ito)
#   plabel(POLICY)     the policy's plain label (labels.csv), else its short name
#   lname(L)           level L's name (0 = top; labels.csv), else "level L"
#   blocks(...)        a command for `load` that reads a CSV with awk into datablocks
# awk does the reading: the CSVs can hold millions of rows, and gnuplot alone would
# parse every row once per curve.  Needs gnuplot 5.4 (datablock lines as $DB[i],
# keyentry, exit error) and a POSIX awk.

if (NARGS < 2) {
  exit error "usage: gnuplot -c plots/NAME.gp DATA_DIR OUTFILE (.png, .svg or .pdf)"
}
load RESULTS . "/params.gp"

# ---- terminal: from the output name and the style ----
_ext = strlen(OUTFILE) >= 4 ? OUTFILE[strlen(OUTFILE) - 3:] : ""
FONT = "Sans"
FK = 1                              # the terminal's font size per unit of FS_* (below)
KEY_WF = 0                          # extra legend column width, per character (SVG)
PT_SCALE = 1                        # point sizes relative to the PNG
CHAR_W = 0.72                       # a character's width in pixels per unit of font size
PRINT = STYLE eq "print"
# Slides: 1280x720 with text of at least 16 px.  Print: a landscape page that fits A4
# and letter (26 x 18.4 cm), at 1600x1130 pixels for PNG.
W_PX = PRINT ? 1600 : 1280
if (_ext eq ".png") {
  if (PRINT) {
    set terminal pngcairo size 1600,1130 noenhanced font "Sans,17" linewidth 1.5 rounded
    FS_NORMAL = 17; FS_SMALL = 15; FS_TITLE = 23
  } else {
    set terminal pngcairo size 1280,720 noenhanced font "Sans,18" linewidth 1.5 rounded
    FS_NORMAL = 18; FS_SMALL = 16; FS_TITLE = 24
  }
} else {
  if (_ext eq ".svg") {
    # A browser draws the SVG's text, but gnuplot lays it out by its own estimate for
    # a font of size S: a character 0.7 S wide, a line 1.5 S high.  So name the font
    # the PNG uses (DejaVu Sans, which browsers find through the system's fonts), draw
    # it at the PNG's pixel size R (cairo's points are 4/3 px at 96 dpi), and lay out
    # for S = 1.1 x the PNG's points (FK): a character is then 0.58 R wide and a line
    # 1.24 R high, DejaVu Sans' own metrics (the PNG's), and fontscale makes R of S.
    # The sizes (FS_*) and CHAR_W are the PNG's.  SVG points grow with the font size:
    # PT_SCALE brings them back to the PNG's.
    FONT = "DejaVu Sans"
    FK = 1.1
    if (PRINT) {
      set terminal svg size 1600,1130 dynamic noenhanced font "DejaVu Sans,18.7" fontscale 1.21212 linewidth 1.5 rounded background "#ffffff"
      FS_NORMAL = 17; FS_SMALL = 15; FS_TITLE = 23
    } else {
      set terminal svg size 1280,720 dynamic noenhanced font "DejaVu Sans,19.8" fontscale 1.21212 linewidth 1.5 rounded background "#ffffff"
      FS_NORMAL = 18; FS_SMALL = 16; FS_TITLE = 24
    }
    PT_SCALE = 8.0 / (FS_NORMAL * FK)
    # gnuplot spaces a legend's columns by the character width; cairo's (the PNG's,
    # measured on digits) is 0.65 R, 12% more than the SVG estimate's 0.58 R.
    KEY_WF = 0.12
  } else {
    if (_ext eq ".pdf") {
      # pdfcairo scales fonts and points by 0.5 by default; this matches the PNG's look.
      if (PRINT) {
        set terminal pdfcairo size 26cm,18.4cm noenhanced font "Sans,17" fontscale 0.5 linewidth 1.5 rounded
        FS_NORMAL = 17; FS_SMALL = 15; FS_TITLE = 23
      } else {
        set terminal pdfcairo size 13.33in,7.5in noenhanced font "Sans,18" fontscale 0.74 linewidth 1.5 rounded
        FS_NORMAL = 18; FS_SMALL = 16; FS_TITLE = 24
      }
      PT_SCALE = 0.75
    } else {
      exit error "unknown output format (use .png, .svg or .pdf)"
    }
  }
}
# Font strings (`font` takes a string variable, not an expression).
fspec(size) = sprintf("%s,%g", FONT, size * FK)
F_TITLE = fspec(FS_TITLE)
F_NORMAL = fspec(FS_NORMAL)
F_SMALL = fspec(FS_SMALL)
F_TINY = F_SMALL                    # nothing smaller than 16 px on a slide
# A font of at most SIZE in which the line S fits across the page (titles), never
# below the small size.
fit_font(s, size) = fspec( \
                            strlen(s) * CHAR_W * size <= W_PX - 30 ? size : \
                            (int((W_PX - 30) / (CHAR_W * strlen(s))) < FS_SMALL ? FS_SMALL : int((W_PX - 30) / (CHAR_W * strlen(s)))))
# The same within WIDTH pixels.
fit_font_w(s, size, w) = fspec(strlen(s) * CHAR_W * size <= w ? size : \
                                 (int(w / (CHAR_W * strlen(s))) < FS_SMALL ? FS_SMALL : int(w / (CHAR_W * strlen(s)))))
set output OUTFILE
set encoding utf8
set datafile separator comma
set minussign
set decimalsign "."

# ---- look ----
set border 3 lc rgb "#555555"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e4e4e4" lw 1 dt 1
set key noautotitle
set style fill solid 1.0 noborder

# One colour per policy, the same on every chart: the Okabe-Ito colour-blind-safe
# palette (its yellow darkened to show on white), and a wine red for the tenth.
POLICIES = "best potential people random seniority worst best-worst best-random alternate external"
COLORS = "#0072B2 #E69F00 #009E73 #7F7F7F #CC79A7 #D55E00 #56B4E9 #000000 #882255 #B59B00"
windex(list, w, i) = i > words(list) ? 0 : (word(list, i) eq w ? i : windex(list, w, i + 1))
pcolor(p) = windex(POLICIES, p, 1) > 0 ? word(COLORS, windex(POLICIES, p, 1)) : "#333333"
# Plain labels (params.gp: PLABEL_KEY[i] -> PLABEL_VAL[i]).
_pl(p, i) = i > N_PLABEL ? p : (PLABEL_KEY[i] eq p ? PLABEL_VAL[i] : _pl(p, i + 1))
plabel(p) = _pl(p, 1)
# Level names (params.gp: LNAME[L + 1]), else "level L".
lname(l) = l + 1 <= N_LNAME && l >= 0 ? (LNAME[l + 1] ne "" ? LNAME[l + 1] : sprintf("level %d", l)) : sprintf("level %d", l)

# Levels, top to bottom: distinct hues (Okabe-Ito order), so that neighbouring levels
# never look alike.  lcolor(L, N): the colour of level L (0 = top) of N levels.
LEVEL_COLORS = "#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #882255 #B59B00 #7F7F7F"
lcolor(l, n) = word(LEVEL_COLORS, 1 + int(l) % words(LEVEL_COLORS))

# ---- the page head: title, subtitle (the scenario), then the content ----
# HEAD_BOT: where the head ends (screen fraction); TOP: the top of the content.
HEAD_BOT = PRINT ? (SUBTITLE ne "" ? 0.91 : 0.94) : (SUBTITLE ne "" ? 0.87 : 0.915)
TOP = HEAD_BOT - 0.02
F_SUB = F_NORMAL
# `eval subtitle_label` puts the subtitle under the title (label 99).
subtitle_label = "if (SUBTITLE ne '') { set label 99 SUBTITLE at screen 0.5, screen HEAD_BOT + (PRINT ? 0.018 : 0.025) center font fit_font(SUBTITLE, FS_NORMAL) textcolor rgb '#444444' }"

# ---- the note at the foot of the page, wrapped to the page's width ----
# Set NOTE, then `eval note_label` (label 103); leave NOTE_EXTRA(0) more room at the
# bottom for its second and later lines.
NOTE_CHARS = int((W_PX - 24) / (CHAR_W * FS_SMALL))
_lsp(s, i) = i < 1 ? 0 : (s[i:i] eq " " ? i : _lsp(s, i - 1))
_cut(s, n) = _lsp(s, n + 1) > 1 ? _lsp(s, n + 1) : n
wrap(s, n) = strlen(s) <= n ? s : s[1:_cut(s, n) - 1] . "\n" . wrap(s[_cut(s, n) + 1:], n)
nlines(s, n) = strlen(s) <= n ? 1 : 1 + nlines(s[_cut(s, n) + 1:], n)
LINE_H = 1.25 * FS_SMALL / (PRINT ? 1130.0 : 720.0)
# gnuplot puts a label's first line at its position and the next ones a line (1.6
# times the font size, in pixels, in PNG and SVG) lower each.
NOTE_LINE_H = 1.65 * FS_SMALL / (PRINT ? 1130.0 : 720.0)
NOTE_EXTRA(x) = (nlines(NOTE, NOTE_CHARS) - 1) * NOTE_LINE_H
note_label = "set label 103 wrap(NOTE, NOTE_CHARS) at screen 0.01, screen 0.025 + NOTE_EXTRA(0) left font F_SMALL textcolor rgb '#555555'"

# ---- strings and paths ----
# S cut to at most N characters (UTF-8 aware), "…" marking the cut.
clip(s, n) = strlen(s) > n ? s[1:n - 1] . "…" : s
# Shell single-quoting: 'it'\''s'.
_q(s) = strstrt(s, "'") > 0 ? s[1:strstrt(s, "'") - 1] . "'\\''" . _q(s[strstrt(s, "'") + 1:]) : s
q(s) = "'" . _q(s) . "'"
csv(name) = RESULTS . "/" . name

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
function gq(s) { gsub(/'/, "’", s); return "'" s "'" }
function wq(s) { gsub(/'/, "’", s); gsub(/"/, "”", s); return "\"" s "\"" }
function numv(v) { return isnum(v) ? v : "NaN" }
function nocol(c) { print "exit error " gq("orgsim: " FILENAME ": no column " c); exit }
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
  FS = "\t"; nk = split(key, kc, " "); nc = split(cols, cc, " "); ny = split(ycols, yc, " ")
  nf = split(fill, fp, " "); nn = split(need, nd, " "); na = split(attrs, at, " ")
  ymin = 0; ymax = 0; nvalid = 0; xmin = 0; xmax = 0; nx = 0; runs = 0; ng = 0
}
NR == 1 {
  for (i = 1; i <= NF; i++) ix[$i] = i
  header = ""
  for (j = 1; j <= nc; j++) {
    if (!(cc[j] in ix)) nocol(cc[j])
    header = header (j > 1 ? "," : "") cc[j]
  }
  for (j = 1; j <= nk; j++) if (!(kc[j] in ix)) nocol(kc[j])
  for (j = 1; j <= ny; j++) if (!(yc[j] in ix)) nocol(yc[j])
  if (xcol != "" && !(xcol in ix)) nocol(xcol)
  if (firstof != "" && !(firstof in ix)) nocol(firstof)
  for (j = 1; j <= na; j++) if (!(at[j] in ix)) nocol(at[j])
  for (j = 1; j <= nn; j++) if (!(nd[j] in ix)) nocol(nd[j])
  for (j = 1; j <= nf; j++) {
    split(fp[j], ab, ":")
    if (!(ab[1] in ix) || !(ab[2] in ix)) nocol(fp[j])
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
  for (j = 1; j <= nc; j++) line = line (j > 1 ? "," : "") numv($(ix[cc[j]]))
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
      w = w (i > 1 ? " " : "") wq(kval[j, i])
    }
    print pfx "_K" j "_W = " gq(w)
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
# The nice tic step for a range R that gives at most N tics (N below 2 counts as 2).
_fit_n(n) = n < 2 ? 2 : n
_fit_s(r, n) = nice(r / _fit_n(n))
fit_step(r, n) = r / _fit_s(r, n) > _fit_n(n) ? nice(2 * _fit_s(r, n)) : _fit_s(r, n)

# Ranges that hold zero: lo0(A) and hi0(B) extend [A, B] to zero, span(A, B) is the
# length of that range (1 when empty).
lo0(a) = a < 0 ? a : 0
hi0(a) = a > 0 ? a : 0
span(a, b) = hi0(b) - lo0(a) > 0 ? hi0(b) - lo0(a) : 1

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
# The right end of the panels (screen fraction) that leaves room on the page for half
# of the last x tic label (X, in font size FS) centred under it.
right_for(x, fs) = (_h = strlen(sprintf("%g", x)) * CHAR_W * fs / 2.0 / W_PX, 0.985 + _h > 0.995 ? 0.995 - _h : 0.985)
panel_bottom(k, n) = k > n - P_COLS

# `KEY_W = WORDS; eval key_strip(Y)` draws a legend of policies (a word list) centred at
# screen height Y, as a plot of its own: call it last in a multiplot.  KEY_EXTRA
# (", keyentry ...") appends KEY_NEXTRA more entries.  KEY_C, when not "", is a word
# list of colours for the entries (else each entry is a policy in its colour).  Up to 5
# entries fit on one row, more take two (or KEY_ROWS_MIN = 2): leave key_height() of
# the page for the strip, centred at key_y().
KEY_EXTRA = ""; KEY_NEXTRA = 0; KEY_C = ""; KEY_ROWS_MIN = 1
# KEY_NT > 0: the entries' titles are KEY_T[1..KEY_NT] (texts that may hold quotes,
# which a word list cannot), their colours KEY_C.
KEY_NT = 0; array KEY_T[1]
key_color(i) = KEY_C ne "" ? word(KEY_C, i) : pcolor(word(KEY_W, i))
key_title(i) = clip(KEY_NT > 0 ? KEY_T[i] : KEY_C ne "" ? word(KEY_W, i) : plabel(word(KEY_W, i)), 48)
key_n0(x) = KEY_NT > 0 ? KEY_NT : words(KEY_W)
key_n(x) = key_n0(0) + KEY_NEXTRA
# As many columns as the longest title allows (plain labels can be long), in the small
# font when they are.
_kmax(i) = i > key_n0(0) ? 12 : (strlen(key_title(i)) > _kmax(i + 1) ? strlen(key_title(i)) : _kmax(i + 1))
key_long(x) = _kmax(1) > 22
_kc(x) = int((W_PX - 40) / (_kmax(1) * (key_long(0) ? FS_SMALL : FS_NORMAL) * CHAR_W * 0.85 + 70))
key_cols(x) = _kc(0) < 1 ? 1 : (_kc(0) > key_n(0) ? key_n(0) : (_kc(0) > 5 ? 5 : _kc(0)))
key_rows(x) = int((key_n(0) + key_cols(0) - 1) / key_cols(0)) < KEY_ROWS_MIN ? KEY_ROWS_MIN : int((key_n(0) + key_cols(0) - 1) / key_cols(0))
key_height(x) = (PRINT ? 0.04 : (key_long(0) ? 0.046 : 0.064)) * key_rows(0)
key_y(x) = HEAD_BOT - key_height(0) / 2  # the strip's centre, under the page head
key_strip(y) = sprintf("set lmargin at screen 0.01; set rmargin at screen 0.99; set bmargin at screen %.4f; set tmargin at screen %.4f; unset title; unset border; unset tics; unset grid; unset xlabel; unset ylabel; unset colorbox; unset label; unset arrow; unset xzeroaxis; unset yzeroaxis; set xrange [0:1]; set yrange [0:1]; set key center center horizontal maxcols %d reverse Left samplen 2.5 width %d spacing 1.1 font %s; plot for [_i = 1:key_n0(0)] keyentry with lines lc rgb key_color(_i) lw 5 title key_title(_i), NaN notitle", \
                     y - key_height(0) / 2, y + key_height(0) / 2, key_cols(0), (key_long(0) ? -6 : key_cols(0) > 4 ? 0 : 2) + int(KEY_WF * _kmax(1) + 0.5), key_long(0) ? "F_SMALL" : "F_NORMAL") . KEY_EXTRA

# Written in a panel that has nothing to draw (an empty plot would warn on stderr).
NODATA_MSG = "no data to draw"

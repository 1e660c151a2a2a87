#!/bin/sh
# t-report.sh: `orgsim report` end to end, opened in a real browser (headless Chromium):
# no request leaves the page, no console error, every chart drawn (a non-empty SVG with a
# size on the page), the PDF print has one page per section and per chart; the findings,
# labels, robustness and provenance; text from the folder escaped; bad folders refused
# with the earlier report untouched.
# Run from the repository root: ORGSIM=/abs/path/orgsim sh tests/t-report.sh
# Needs chromium and pdfinfo (poppler-utils): make deps installs them.
# KEEP=DIR keeps the report, its screenshot, PDF and page images in DIR to look at.

. "$(dirname "$0")/lib.sh"
for tool in chromium pdfinfo pdftoppm; do
  if ! command -v $tool >/dev/null; then
    echo "FAIL: t-report: $tool not installed (make deps installs chromium and poppler-utils)"
    exit 1
  fi
done

# browser ARGS... URL: headless Chromium with a fresh profile, nothing in the background;
# its log (console messages, failed loads) goes to $tmp/browser.log.
browser() {
  rm -rf "$tmp/profile"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@" 2>"$tmp/browser.log"
}

# The page's own complaints in the browser log: console messages at warning level or
# above and failed loads (Chromium logs both as CONSOLE lines, or net:: errors).
page_errors() {
  grep -E 'CONSOLE|net::ERR_|Failed to load resource|Uncaught|Refused to' "$tmp/browser.log"
}

# ---- a results folder with plain labels, a robustness table, and hostile text ----
out="$tmp/ws"
"$ORGSIM" run scenarios/workshop.ini -o "$out" -q -r 12 -t 40 \
  --set 'scenario.description=Leaders or managers? <Technicians> & "people" people' >/dev/null \
  || { fail "run workshop"; exit 1; }
cat >"$out/labels.csv" <<'EOF'
kind,key,label
policy,best,Promoting the best technician
policy,people,"Promoting for people skills, <i>first</i>"
level,0,CEO
level,5,Engineer
EOF
# orgsim robust's folder of the same scenario, given with --robust: the results folder
# itself is not touched.
rb="$tmp/ws-robust"
mkdir "$rb" && cp "$out/scenario.ini" "$out/labels.csv" "$rb/"
cat >"$rb/tornado.csv" <<'EOF'
order,parameter,low_setting,low_label,low,high_setting,high_label,high,base,policy,baseline
1,people.rho,high,0.9,-2.5,low,0,14.1,8.0,people,best
2,effort.deposit,low,0.02,1.0,high,0.3,20.0,8.0,people,best
EOF
cat >"$rb/robust.csv" <<'EOF'
parameter,setting,value,policy,vs_baseline_mean,vs_baseline_ci_lo,vs_baseline_ci_hi,rank,ranking_changed
people.rho,low,0,people,14.1,13.2,15.0,1,0
people.rho,high,0.9,people,-2.5,-3.1,-1.9,3,1
effort.deposit,low,0.02,people,1.0,-0.4,2.4,2,0
effort.deposit,high,0.3,people,20.0,19.1,20.9,1,0
effort.deposit,high,0.3,random,3.0,2.0,4.0,2,0
EOF

report="$tmp/report.html"
(cd "$out" && find . -type f | sort | xargs md5sum) >"$tmp/ws.sums"
if "$ORGSIM" report "$out" --robust "$rb" -o "$report" >"$tmp/stdout" 2>"$tmp/stderr"; then
  pass "report written"
else
  fail "report: exit $? ($(cat "$tmp/stderr"))"
  exit 1
fi
[ "$(cat "$tmp/stdout")" = "$report" ] && pass "prints the report's path" \
  || fail "stdout was '$(cat "$tmp/stdout")', not the path"
[ -s "$tmp/stderr" ] && fail "stderr not empty: $(cat "$tmp/stderr")"
[ -d "$out/charts" ] && fail "report drew into the results folder (charts/ appeared)"
[ -d "$rb/charts" ] && fail "report drew into the robust folder (charts/ appeared)"
(cd "$out" && find . -type f | sort | xargs md5sum) | cmp -s - "$tmp/ws.sums" \
  && pass "the results folder is as it was (no file added or changed)" \
  || fail "the report changed the results folder"
grep -q '<figure class="chart" id="chart-tornado">' "$report" \
  && pass "--robust: the tornado chart is in the report" || fail "--robust: no tornado chart"
grep -q 'What moves the advantage of “Promoting for people skills, &lt;i.*” over “Promoting the best technician”' "$report" \
  && pass "--robust: the tornado chart's title in plain labels, escaped" \
  || fail "--robust: tornado title with plain labels not found"
grep -q 'the baseline above, the best alternative below. Squares are technicians, circles people persons' "$report" \
  && pass "the org chart's caption says what it shows" || fail "org chart caption not found"

# ---- self-contained: nothing that loads from anywhere ----
refs=$(grep -oiE '(src|href)=["'"'"'][^"'"'"'#][^"'"'"']*|@import|url\([^#)][^)]*\)|<link|<iframe|<object|<embed|<script' "$report" | sort -u)
[ -z "$refs" ] && pass "no external reference, no script" || fail "references out of the page: $refs"
grep -oE 'https?://[^"'"'"' ]*' "$report" | grep -v -e '^http://www.w3.org/2000/svg$' \
  -e '^http://www.w3.org/1999/xlink$' >"$tmp/urls"
[ -s "$tmp/urls" ] && fail "URLs other than SVG namespaces: $(sort -u "$tmp/urls" | head -3)" \
  || pass "no URL but the SVG namespaces"
# ids unique across the inlined charts (each chart defines gnuplot's point shapes)
dups=$(grep -oE ' id=["'"'"'][^"'"'"']*' "$report" | sort | uniq -d | head -3)
[ -z "$dups" ] && pass "ids unique in the page" || fail "duplicate ids: $dups"

# ---- text from the folder is escaped; the words are there ----
grep -q '<Technicians>' "$report" && fail "the description went in unescaped"
grep -q '&lt;Technicians&gt; &amp; &quot;people&quot;' "$report" \
  && pass "description escaped" || fail "escaped description not found"
grep -q '<i>first</i>' "$report" && fail "a label went in unescaped"
grep -q 'Promoting for people skills, &lt;i&gt;first&lt;/i&gt; instead of Promoting the best technician: efficiency +' "$report" \
  && pass "finding in plain labels, with the sign" || fail "finding with labels not found"
grep -q 'CEO (1), level 1 (4), level 2 (12), level 3 (36), level 4 (108), Engineer (648)' "$report" \
  && pass "level names from labels.csv, the others by number" || fail "levels sentence not found"
grep -qE 'efficiency [+-][0-9]+\.[0-9] points \(95% CI [+-][0-9.]+ to [+-][0-9.]+\)' "$report" \
  && pass "differences with 95% CIs" || fail "no difference with a CI"
grep -q 'would reverse the conclusion that Promoting for people skills, &lt;i&gt;first&lt;/i&gt; beats Promoting the best technician: people.rho = 0.9 (-2.5 points)' "$report" \
  && pass "robust.csv: the reversing assumption named" || fail "reversing assumption not named"
grep -q 'would make the difference unclear (its 95% CI reaching zero): effort.deposit = 0.02' "$report" \
  && pass "robust.csv: the assumption making it unclear named" || fail "unclear assumption not named"
grep -q 'The ranking of the policies changes with: people.rho = 0.9' "$report" \
  && pass "robust.csv: ranking change named" || fail "ranking change not named"
grep -q 'How Promoting for people skills, &lt;i&gt;first&lt;/i&gt; does against Promoting the best technician in every setting tried' "$report" \
  && ! grep -q '+3.0 (+2.0 to +4.0)' "$report" \
  && pass "robust.csv: the table shows the conclusion's policy alone" \
  || fail "robust table: not the conclusion's policy alone"
for s in scenario findings charts table assumptions provenance; do
  grep -q "<section id=\"$s\">" "$report" || fail "section $s missing"
done
grep -q "<code>orgsim report $out --robust $rb -o $report</code>" "$report" \
  && pass "provenance: the command" || fail "provenance: command not found"
grep -q '<th scope="row">Seed</th><td>42</td>' "$report" && pass "provenance: seed" \
  || fail "provenance: seed not found"

# A difference whose CI spans zero is no clear difference (the sentence, from numbers).
cp -r "$out" "$tmp/flat"
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print
    v = ("efficiency_vs_baseline" in c) ? "efficiency_vs_baseline" : "vs_baseline"; next }
  $c["policy"] == "random" { $c[v] = 0.4; $c[v "_ci_lo"] = -0.3; $c[v "_ci_hi"] = 1.1 }
  { print }' "$out/final.csv" >"$tmp/flat/final.csv"
"$ORGSIM" report "$tmp/flat" -o "$tmp/flat.html" >/dev/null 2>&1 || fail "report of the edited folder"
grep -q 'policy “random” instead of Promoting the best technician: no clear difference in efficiency (+0.4 points, 95% CI -0.3 to +1.1)' "$tmp/flat.html" \
  && pass "a CI spanning zero: no clear difference" || fail "no 'no clear difference' sentence"
grep -q 'No robustness analysis given' "$tmp/flat.html" && pass "without --robust: said" \
  || fail "absence of a robustness analysis not said"
grep -q 'id="chart-tornado"' "$tmp/flat.html" && fail "without --robust: a tornado chart"

# A number that is not finite in an edited final.csv ("inf", "nan", an
# overflow) is missing in the report, never printed as a figure.
cp -r "$out" "$tmp/edited"
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
  $c["policy"] == "random" { $c["efficiency_vs_baseline"] = "inf"; $c["efficiency_vs_baseline_ci_lo"] = "nan"
    $c["efficiency_final"] = "1e999" }
  { print }' "$out/final.csv" >"$tmp/edited/final.csv"
"$ORGSIM" report "$tmp/edited" -o "$tmp/edited.html" >/dev/null 2>&1 || fail "report of a folder with inf"
grep -qi -E '[+-]?inf([^a-z]|$)|nan([^a-z]|$)' "$tmp/edited.html" \
  && fail "a non-finite number printed: $(grep -oi -E '.{30}[+-]?(inf|nan)([^a-z]|$)' "$tmp/edited.html" | head -1)" \
  || pass "non-finite numbers in final.csv read as missing"

# Same folder, same command: same bytes.
"$ORGSIM" report "$out" --robust "$rb" -o "$report" >/dev/null 2>&1
cp "$report" "$tmp/again.html"
"$ORGSIM" report "$out" --robust "$rb" -o "$report" >/dev/null 2>&1
cmp -s "$report" "$tmp/again.html" && pass "same bytes twice" || fail "report differs between runs"

# ---- the detector detects: a page with a missing image and a console error ----
cat >"$tmp/bad.html" <<'EOF'
<!DOCTYPE html><html><head><title>bad</title></head><body>
<img src="missing.png" alt="x"><script>console.error("broken on purpose")</script></body></html>
EOF
browser --dump-dom "file://$tmp/bad.html" >/dev/null
page_errors >/dev/null && pass "detector: a broken page is caught" \
  || fail "detector: a missing image and a console error went unseen (log format changed?)"

# ---- the report in the browser ----
nfig=$(grep -c '<figure class="chart"' "$report")
[ "$nfig" -ge 6 ] && pass "$nfig charts inlined" || fail "only $nfig charts inlined"
browser --dump-dom "file://$report" >"$tmp/dom.html"
if page_errors >"$tmp/errors"; then
  fail "browser: $(head -3 "$tmp/errors")"
else
  pass "browser: no failed load, no console message"
fi
grep -q '<section id="provenance">' "$tmp/dom.html" && pass "browser: whole page parsed" \
  || fail "browser: provenance missing from the DOM"

# Every chart drawn: the same page with a probe (the report's own policy forbids
# scripts) measures each inlined SVG as laid out: its box on the page and its drawing.
cat >"$tmp/probe.js" <<'EOF'
<script>
var out = [];
document.querySelectorAll("figure.chart").forEach(function (f) {
  var s = f.querySelector("svg"), r = s ? s.getBoundingClientRect() : null;
  var b = s ? s.getBBox() : null;
  out.push(f.id + " " + (s ? s.querySelectorAll("path,text,circle,rect,use,polygon").length : 0)
           + " " + (r ? Math.round(r.width) + "x" + Math.round(r.height) : "0x0")
           + " " + (b ? Math.round(b.width) + "x" + Math.round(b.height) : "0x0"));
});
var p = document.createElement("pre"); p.id = "probe"; p.textContent = out.join("\n");
document.body.appendChild(p);
</script>
EOF
awk -v js="$tmp/probe.js" '/Content-Security-Policy/ { next }
  /<\/body>/ { while ((getline l < js) > 0) print l }
  { print }' "$report" >"$tmp/probe.html"
browser --window-size=1280,900 --dump-dom "file://$tmp/probe.html" >"$tmp/probe-dom.html"
sed -n '/<pre id="probe">/,/<\/pre>/p' "$tmp/probe-dom.html" | sed -e 's/<[^>]*>//g' \
  | grep . >"$tmp/probe.txt"
drawn=$(awk '$2 >= 20 { split($3, a, "x"); split($4, b, "x");
  if (a[1] >= 600 && a[2] >= 300 && b[1] >= 300 && b[2] >= 150) n++ } END { print n + 0 }' "$tmp/probe.txt")
[ "$drawn" -eq "$nfig" ] && pass "browser: all $nfig charts drawn (box and drawing measured)" \
  || fail "browser: $drawn of $nfig charts drawn: $(cat "$tmp/probe.txt")"

# ---- screenshot and print ----
browser --window-size=1280,900 --screenshot="$tmp/shot.png" "file://$report" >/dev/null
[ -s "$tmp/shot.png" ] && pass "screenshot" || fail "no screenshot"
browser --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$report" >/dev/null
pages=$(pdfinfo "$tmp/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
# One page for the title and the scenario, findings, table, assumptions, robustness and
# provenance each, and one per chart: a section or a chart that spills over adds a page.
want=$((6 + nfig))
[ "$pages" = "$want" ] && pass "PDF: $pages pages (6 sections + $nfig charts)" \
  || fail "PDF: ${pages:-no} pages, expected $want"
pdftoppm -r 20 -png "$tmp/report.pdf" "$tmp/page" && [ -s "$tmp/page-01.png" ] \
  && pass "PDF pages render" || fail "PDF pages do not render"
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP" && cp "$report" "$tmp/shot.png" "$tmp/report.pdf" "$tmp"/page-*.png "$KEEP/"
fi

# ---- bad folders: exit 2, one line, the earlier report untouched ----
cp "$report" "$tmp/before.html"
"$ORGSIM" report "$tmp/nothing" -o "$report" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q '^orgsim: .*not an orgsim results folder' "$tmp/err" \
  && [ "$(wc -l <"$tmp/err")" = 1 ] && pass "not a results folder: exit 2, one line" \
  || fail "not a results folder: exit $st: $(cat "$tmp/err")"
cp -r "$out" "$tmp/nofinal"
rm "$tmp/nofinal/final.csv"
"$ORGSIM" report "$tmp/nofinal" -o "$report" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "^orgsim: .*final.csv: cannot read" "$tmp/err" \
  && pass "no final.csv: exit 2" || fail "no final.csv: exit $st: $(cat "$tmp/err")"
cmp -s "$report" "$tmp/before.html" && pass "earlier report untouched" \
  || fail "a failed report changed the earlier one"
"$ORGSIM" report >/dev/null 2>&1
[ $? = 2 ] && pass "no folder: exit 2" || fail "no folder: not exit 2"
# --robust: a folder without robust.csv, and one of another scenario.
"$ORGSIM" report "$out" --robust "$out" -o "$report" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "^orgsim: $out: not a folder of orgsim robust" "$tmp/err" \
  && [ "$(wc -l <"$tmp/err")" = 1 ] && pass "--robust without robust.csv: exit 2, one line" \
  || fail "--robust without robust.csv: exit $st: $(cat "$tmp/err")"
cp -r "$rb" "$tmp/other-robust"
sed -i 's/^name *=.*/name=another/' "$tmp/other-robust/scenario.ini"
"$ORGSIM" report "$out" --robust "$tmp/other-robust" -o "$report" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "robustness of scenario 'another'" "$tmp/err" \
  && pass "--robust of another scenario: exit 2" \
  || fail "--robust of another scenario: exit $st: $(cat "$tmp/err")"
cmp -s "$report" "$tmp/before.html" && pass "earlier report untouched by a refused --robust" \
  || fail "a refused --robust changed the earlier report"

t_done

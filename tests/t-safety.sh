#!/bin/sh
# t-safety.sh: nothing lost, nothing read that orgsim did not write.  The
# results folder (-o) is checked before any work and again just before it is
# replaced; two runs on one folder do not overwrite each other; leftovers of
# dead runs are cleaned; merge reads only regular files orgsim wrote and
# bounds what they claim; memory is checked against every limit; every
# command stops on SIGINT, SIGTERM and SIGHUP; failed writes to standard
# output fail the command.
set -u
. "$(dirname "$0")/lib.sh"
# (the runs under test still going are killed too)
pids=
trap 'for p in $pids; do kill -KILL $p 2>/dev/null; done; rm -rf "$tmp"' EXIT

# Over a hundred checks: a passed one is counted, not printed (fail prints).
n=0
ok() {
  n=$((n + 1))
}

cd "$tmp" || exit 1
printf '[scenario]\nsteps=30\nruns=3\nwindow=5\npolicies=best;random\n[org]\nlevels=1;3;7\n' >s.ini
# A run of a few seconds (longer under a sanitizer).
long="--set scenario.steps=20000 --set org.levels=1;10;100;1000 -r 6 -j 1"

# expect STATUS TEXT CMD...: the exit status and a substring of stderr.
expect() {
  want=$1 text=$2
  shift 2
  "$@" >out.txt 2>err.txt
  st=$?
  if [ $st -ne "$want" ]; then
    fail "$*: exit $st, expected $want: $(head -c 300 err.txt)"
  elif [ -n "$text" ] && ! grep -qF -- "$text" err.txt; then
    fail "$*: stderr lacks '$text': $(head -c 300 err.txt)"
  elif [ "$want" -ne 0 ] && [ "$(wc -l <err.txt)" -gt 2 ]; then
    fail "$*: more than two lines on stderr"
  else
    ok
  fi
}

# leftovers DIR NAME: fails when anything beginning .NAME. is left in DIR.
leftovers() {
  left=$(ls -A "$1" | grep "^\.$2\." || true)
  if [ -n "$left" ]; then fail "left beside $2: $left"; else ok; fi
}

# wait_tmp NAME: waits (up to 10 s) until a run has made its temporary
# folder .NAME.tmp-* here, that is, until it has begun simulating.
wait_tmp() {
  i=0
  while [ $i -lt 100 ] && ! ls -A | grep -q "^\.$1\.tmp-"; do
    sleep 0.1
    i=$((i + 1))
  done
}

# ---- 1: -o with '..' never deletes a folder ----
mkdir precious && echo draft >precious/thesis.tex
expect 2 "'..' after a folder name" "$ORGSIM" run s.ini -q -o nonexist/../precious
[ "$(cat precious/thesis.tex 2>/dev/null)" = draft ] && ok || fail "run -o nonexist/../precious lost precious/thesis.tex"
[ ! -e nonexist ] && ok || fail "run -o nonexist/../precious created nonexist"
"$ORGSIM" run s.ini -q -o sh1 --shard 1/2 && "$ORGSIM" run s.ini -q -o sh2 --shard 2/2 || fail "shard runs failed"
expect 2 "'..' after a folder name" "$ORGSIM" merge sh1 sh2 -o nope/../precious
[ "$(cat precious/thesis.tex 2>/dev/null)" = draft ] && ok || fail "merge -o nope/../precious lost precious/thesis.tex"
mkdir -p sub && expect 0 "" "$ORGSIM" run s.ini -q -o ../"$(basename "$tmp")"/sub/leading
[ -f sub/leading/summary.csv ] && ok || fail "-o ../x (leading ..) did not write"

# ---- 13: -o forms normalised or refused before simulating ----
expect 0 "" "$ORGSIM" run s.ini -q -o newdir/
[ -f newdir/summary.csv ] && ok || fail "-o newdir/ did not write newdir"
expect 0 "" "$ORGSIM" run s.ini -q -o newdir/.
[ -f newdir/summary.csv ] && ok || fail "-o newdir/. did not write newdir"
leftovers . newdir
ln -s newdir link && ln -s nowhere dangling && ln -s loop loop
# A long run each: refused in well under its simulation time.
for o in . newdir/.. link dangling loop link/; do
  start=$(date +%s)
  # shellcheck disable=SC2086
  "$ORGSIM" run s.ini -q -o "$o" $long >out.txt 2>err.txt
  st=$?
  if [ $st -eq 0 ] || [ $(($(date +%s) - start)) -gt 2 ] || ! grep -q "^orgsim: " err.txt; then
    fail "-o $o: exit $st after $(($(date +%s) - start)) s: $(cat err.txt)"
  else ok; fi
done
(cd newdir && "$ORGSIM" run ../s.ini -q -o . >/dev/null 2>err.txt)
[ $? -eq 2 ] && [ -f newdir/summary.csv ] && ok || fail "-o . inside a results folder: $(cat err.txt)"
[ -L link ] && [ -f newdir/summary.csv ] && ok || fail "a symlink or its target was replaced"
long_name=$(printf 'n%.0s' $(seq 250))
expect 2 "at most 240" "$ORGSIM" run s.ini -q -o "$long_name"
expect 2 "at most 240" "$ORGSIM" run s.ini -q --set "scenario.name=$long_name"
expect 2 "at most 240" "$ORGSIM" check s.ini --set "scenario.name=$long_name"
expect 2 "names no new folder" "$ORGSIM" merge sh1 sh2 -o .
expect 2 "empty folder name" "$ORGSIM" merge sh1 sh2 -o ""

# ---- 2: a folder made during the run is not replaced ----
# shellcheck disable=SC2086
"$ORGSIM" run s.ini -q -o later $long 2>later.err &
pid=$!
pids="$pids $pid"
wait_tmp later
if mkdir later 2>/dev/null; then
  echo keep >later/notes.txt
  wait $pid
  st=$?
  [ $st -ne 0 ] && grep -q "not orgsim results" later.err && ok \
    || fail "a folder made during the run: exit $st: $(cat later.err)"
  [ "$(cat later/notes.txt 2>/dev/null)" = keep ] && [ "$(ls -A later)" = notes.txt ] && ok \
    || fail "the folder made during the run was replaced: $(ls -A later)"
else
  wait $pid
  fail "the run ended before the folder could be made (too fast a machine?)"
fi
leftovers . later

# ---- 3: two runs on one folder ----
"$ORGSIM" run s.ini -q -o shared || fail "first run into shared failed"
cp shared/summary.csv shared.before
# shellcheck disable=SC2086
"$ORGSIM" run s.ini -q -o shared $long --set scenario.seed=7 2>shared.err &
pid=$!
pids="$pids $pid"
wait_tmp shared
expect 1 "another orgsim run holds shared" "$ORGSIM" run s.ini -q -o shared
cmp -s shared/summary.csv shared.before && ok || fail "the second run changed shared while the first held it"
wait $pid && ok || fail "the first run failed: $(cat shared.err)"
grep -q "^seed=7" shared/scenario.ini && ok || fail "the first run's results are not in shared"
leftovers . shared
# Four at once, several rounds: each writes complete results or says the
# folder is held; nothing is left beside it.
for round in 1 2 3 4 5; do
  for k in 1 2 3 4; do
    "$ORGSIM" run s.ini -q -o race --set scenario.seed=$k 2>race.$k.err &
  done
  wait
  for k in 1 2 3 4; do
    [ -s race.$k.err ] && ! grep -q "^orgsim: another orgsim run holds race" race.$k.err \
      && fail "round $round: $(cat race.$k.err)"
  done
  [ -f race/summary.csv ] && [ -f race/orgchart.csv ] && ok || fail "round $round: race incomplete"
done
leftovers . race

# ---- 4: leftovers of dead runs; SIGHUP; SIGXFSZ ----
# shellcheck disable=SC2086
"$ORGSIM" run s.ini -q -o killed $long &
pid=$!
wait_tmp killed
kill -KILL $pid
wait $pid 2>/dev/null
ls -A | grep -q '^\.killed\.tmp-' && ok || fail "a killed run left no temporary folder to clean (too fast?)"
expect 0 "" "$ORGSIM" run s.ini -q -o killed
leftovers . killed
"$ORGSIM" run s.ini -q -o hup || fail "run into hup failed"
cp hup/summary.csv hup.before
# shellcheck disable=SC2086
"$ORGSIM" run s.ini -q -o hup $long 2>hup.err &
pid=$!
wait_tmp hup
kill -HUP $pid
wait $pid
st=$?
[ $st -eq 1 ] && grep -q "^orgsim: interrupted" hup.err && ok || fail "SIGHUP: exit $st: $(cat hup.err)"
cmp -s hup/summary.csv hup.before && ok || fail "SIGHUP changed the earlier results"
leftovers . hup
(
  ulimit -f 1
  "$ORGSIM" run s.ini -q -o fsz --set scenario.steps=3000 --set 'org.levels=1;10;100;1000' -r 1
) 2>fsz.err
st=$?
[ $st -eq 1 ] && grep -q "File too large" fsz.err && ok || fail "ulimit -f: exit $st: $(cat fsz.err)"
leftovers . fsz
[ ! -e fsz ] && ok || fail "ulimit -f: fsz was created"

# ---- 7, 14: merge reads only regular files orgsim wrote ----
cp -r sh1 ln1
ln -s /etc/passwd ln1/orgchart.d/000099.00.csv
expect 2 "not a regular file orgsim wrote" "$ORGSIM" merge ln1 sh2 -o m
[ ! -e m ] && ok || fail "merge with a symlinked fragment wrote m"
cp -r sh1 ln2
rm ln2/accumulators.txt && ln -s ../sh1/accumulators.txt ln2/accumulators.txt
expect 2 "symbolic link" "$ORGSIM" merge ln2 sh2 -o m
cp -r sh1 ln3
echo x >ln3/orgchart.d/notes.txt
expect 2 "is not a fragment orgsim writes" "$ORGSIM" merge ln3 sh2 -o m
cp -r sh1 fifo1
mkfifo fifo1/orgchart.d/000099.00.csv
cp -r sh1 fifo2
rm fifo2/scenario.ini && mkfifo fifo2/scenario.ini
for d in fifo1 fifo2; do
  "$ORGSIM" merge $d sh2 -o m >out.txt 2>err.txt &
  pid=$!
  pids="$pids $pid"
  (sleep 10 && kill -KILL $pid 2>/dev/null) &
  dog=$!
  wait $pid
  st=$?
  kill $dog 2>/dev/null
  [ $st -eq 2 ] && grep -q "FIFO" err.txt && ok || fail "merge $d (a FIFO): exit $st: $(cat err.txt)"
done
leftovers . m
[ ! -e m ] && ok || fail "a refused merge wrote m"

# ---- 14: merge stops on a signal, leaving earlier results ----
"$ORGSIM" merge sh1 sh2 -o merged >/dev/null || fail "merge sh1 sh2 failed"
cp merged/summary.csv merged.before
cp -r sh1 big1
# A large fragment (sparse: no disk used to read it) takes seconds to copy.
truncate -s 3G big1/orgchart.d/000099.00.csv
for sig in INT TERM; do
  "$ORGSIM" merge big1 sh2 -o merged >out.txt 2>err.txt &
  pid=$!
  pids="$pids $pid"
  sleep 0.3
  kill -s $sig $pid
  start=$(date +%s)
  (sleep 10 && kill -KILL $pid 2>/dev/null) &
  dog=$!
  wait $pid
  st=$?
  kill $dog 2>/dev/null
  took=$(($(date +%s) - start))
  [ $st -eq 1 ] && [ $took -le 2 ] && grep -q "^orgsim: interrupted" err.txt && ok \
    || fail "merge with SIG$sig: exit $st after $took s: $(cat err.txt)"
  cmp -s merged/summary.csv merged.before && ok || fail "SIG$sig: the merged results changed"
  leftovers . merged
done
rm -rf big1

# Merging into one of the shards would replace it.
cp -r sh1 self1
expect 2 "is the shard folder" "$ORGSIM" merge self1 sh2 -o self1/
[ -f self1/shard.ini ] && ok || fail "merge -o a shard folder replaced it"
# A lock file orgsim did not make is locked, never removed.
echo mine >.kept.lock
expect 0 "" "$ORGSIM" run s.ini -q -o kept
[ "$(cat .kept.lock 2>/dev/null)" = mine ] && ok || fail "a .NAME.lock orgsim did not make was removed"
rm -f .kept.lock
[ ! -e .shared.lock ] && ok || fail "a finished run left its lock file"

# ---- 11: merge bounds what shard.ini claims ----
for count in 2147483647 2000000000 1000001 -1 x; do
  cp -r sh1 cnt
  printf '[shard]\nindex=1\ncount=%s\nper_run=false\n' "$count" >cnt/shard.ini
  expect 2 "index and count" "$ORGSIM" merge cnt -o m
  rm -rf cnt
done
"$ORGSIM" run s.ini -q -o million --shard 1/1000000 || fail "shard 1/1000000 failed"
expect 2 "shards 2/1000000, 3/1000000, 4/1000000, 5/1000000, 6/1000000 and 999994 more missing" \
  "$ORGSIM" merge million -o m
[ "$(wc -c <err.txt)" -lt 300 ] && ok || fail "the missing-shards message is $(wc -c <err.txt) bytes"
cp -r sh1 huge
head -c 10000 /dev/zero >>huge/shard.ini
expect 2 "shard.ini" "$ORGSIM" merge huge sh2 -o m
rm -rf huge

# The shards of orgsim robust are read with the same care.
"$ORGSIM" robust s.ini -q -r 2 -t 20 --shard 1/2 -o rb1 >/dev/null 2>&1 \
  && "$ORGSIM" robust s.ini -q -r 2 -t 20 --shard 2/2 -o rb2 >/dev/null 2>&1 || fail "robust shards failed"
expect 0 "" "$ORGSIM" merge rb1 rb2 -o rbm
cp -r rb2 rbc
sed -i 's/^count=.*/count=2147483647/' rbc/shard.ini
expect 2 "index and count" "$ORGSIM" merge rb1 rbc -o rbm
rm rb1/robust-accumulators.txt && mkfifo rb1/robust-accumulators.txt
expect 2 "FIFO" timeout 20 "$ORGSIM" merge rb1 rb2 -o rbm

# ---- 12: sums read from shards are range- and overflow-checked ----
cp -r sh1 ov1 && cp -r sh2 ov2
for d in ov1 ov2; do
  sed -i '2s/^[0-9]* /9223372036854775000 /' $d/accumulators.txt
done
expect 2 "overflow" "$ORGSIM" merge ov1 ov2 -o m
[ ! -e m ] && ok || fail "a merge of overflowing sums wrote m"
cp -r sh1 neg
sed -i '2s/ [0-9-]*$/ -5/' neg/accumulators.txt
expect 2 "damaged accumulator line" "$ORGSIM" merge neg sh2 -o m
cp -r sh1 zero
sed -i '2s/^[0-9]* /0 /' zero/accumulators.txt
expect 2 "damaged accumulator line" "$ORGSIM" merge zero sh2 -o m
# A sum too large for its sum of squares: no runs add up to that.
cp -r sh1 cs
sed -i '2s/^\([0-9]*\) [0-9-]* /\1 99999999999999999999999 /' cs/accumulators.txt
expect 2 "damaged accumulator line" "$ORGSIM" merge cs sh2 -o m

# ---- 10: memory ----
# A sanitizer build reserves terabytes of address space for its shadow
# memory and cannot start under ulimit -v (the shell's report of its abort
# is silenced too).
can_limit_as() {
  # Not the last command of the inner shell, so that shell (its stderr
  # silenced) reports a crash, not this one.
  [ "$(sh -c 'ulimit -v 150000 && "$0" --version >/dev/null 2>&1; echo $?' "$ORGSIM" 2>/dev/null)" = 0 ]
}
if can_limit_as; then
  (
    ulimit -v 150000
    "$ORGSIM" run s.ini -q -o mem --set 'org.levels=1;2000000'
  ) >out.txt 2>err.txt
  st=$?
  [ $st -eq 2 ] && grep -q "^orgsim: .*ulimit -v" err.txt && ok || fail "ulimit -v: exit $st: $(cat err.txt)"
  [ ! -e mem ] && ok || fail "ulimit -v: mem was created"
  leftovers . mem
else
  echo "skip: ulimit -v (this build cannot start under an address-space limit)"
fi
"$ORGSIM" check s.ini --set 'org.levels=1;2000000' >out.txt
mib=$(sed -n 's/^memory: \([0-9.]*\) MiB with -j 1 .*/\1/p; s/^memory: .*(\([0-9.]*\) MiB with -j 1)/\1/p' out.txt)
awk -v m="${mib:-0}" 'BEGIN { exit !(m > 100) }' && ok || fail "check: memory estimate '$mib' MiB for 2e6 positions"
# Tasks are queued as the workers take them: the memory of a run does not
# grow with its number of runs (600000 runs x 2 policies are more rows
# than finals.csv keeps, so only the queue could grow).
rss() {
  ASAN_OPTIONS="quarantine_size_mb=0:${ASAN_OPTIONS:-}" "$ORGSIM" run s.ini -q -o rss --set scenario.steps=1 --set scenario.window=1 \
    --set 'org.levels=1;1' -r "$1" -j 2 --stats 2>&1 | sed -n 's/.*peak_rss_mib=\([0-9.]*\).*/\1/p'
}
small=$(rss 1000)
large=$(rss 600000)
awk -v s="${small:-0}" -v l="${large:-999}" 'BEGIN { exit !(l - s < 8) }' && ok \
  || fail "peak memory grows with the runs: $small MiB for 1000 runs, $large MiB for 600000"

# ---- 16: output failures, messages ----
if [ -w /dev/full ]; then
  "$ORGSIM" check s.ini >/dev/full 2>err.txt
  [ $? -eq 1 ] && ok || fail "check >/dev/full: exit not 1"
  "$ORGSIM" policies >/dev/full 2>err.txt
  [ $? -eq 1 ] && grep -q "^orgsim: standard output" err.txt && ok || fail "policies >/dev/full: $(cat err.txt)"
  "$ORGSIM" run s.ini -o full >/dev/full 2>err.txt
  [ $? -eq 1 ] && ok || fail "run >/dev/full: exit not 1"
  "$ORGSIM" merge sh1 sh2 -o full2 >/dev/full 2>err.txt
  [ $? -eq 1 ] && ok || fail "merge >/dev/full: exit not 1"
else
  echo "skip: no /dev/full"
fi
expect 2 "no key before '='" "$ORGSIM" check s.ini --set =
grep -q "did you mean" err.txt && fail "--set = suggests a key: $(cat err.txt)"
expect 2 "--set: not valid UTF-8" "$ORGSIM" check s.ini --set "$(printf 'scenario.name=\377')"
expect 2 "-p/--policies: not valid UTF-8" "$ORGSIM" run s.ini -q -p "$(printf '\377')"
env -i PATH="$PATH" "$ORGSIM" check s.ini --set "scenario.description=caf$(printf '\303\251')" >out.txt 2>err.txt \
  && grep -q "description=caf" out.txt && ok || fail "LANG=C: non-ASCII --set refused: $(cat err.txt)"

# ---- 17: the manual says what the code does ----
page=$OLDPWD/orgsim.1
if [ -f "$page" ]; then
  # The statistics rows limit: 10^7 in both.
  grep -q "more than 10^7 rows of" "$page" && ok || fail "orgsim.1 does not give the 10^7 rows limit"
  expect 2 "rows of" "$ORGSIM" check s.ini --set scenario.steps=1000000 --set 'scenario.policies=best;worst;random;alternate'
  expect 0 "" "$ORGSIM" check s.ini --set scenario.steps=800000 --set 'scenario.policies=best;worst;random;alternate'
  # The memory share: the fraction in the message is the manual's.
  grep -q "^90% of the memory available to it" "$page" && ok || fail "orgsim.1 does not give 90% of the available memory"
  can_limit_as && {
    (ulimit -v 150000; "$ORGSIM" check s.ini >/dev/null; "$ORGSIM" run s.ini -q -o mem2 --set 'org.levels=1;2000000') 2>err.txt
    grep -q "at most 90%" err.txt && ok || fail "the memory message does not say 90%: $(cat err.txt)"
  }
  # An unreadable scenario: exit 2, listed under 2 in the manual.
  expect 2 "no-such.ini" "$ORGSIM" check no-such.ini
  sed -n '/^\.SH EXIT STATUS/,/^\.SH ENVIRONMENT/p' "$page" | sed -n '/^\.B 2$/,$p' \
    | grep -q "file that cannot be read" && ok || fail "orgsim.1 does not list an unreadable scenario under exit status 2"
else
  echo "skip: the manual (run from the repository root)"
fi

if [ $failures -ne 0 ]; then
  echo "$failures of $((n + failures)) safety checks failed"
  exit 1
fi
echo "$n safety checks passed"

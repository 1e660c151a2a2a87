#!/bin/sh
# Nothing lost when a write fails: with the file size limited (as a full
# disk would), the run reports the failed write, exits 1, leaves no
# temporary folder and leaves the earlier results byte for byte.
set -u
. "$(dirname "$0")/lib.sh"
"$ORGSIM" run tests/data/small.ini -r 2 -t 30 -q -o "$tmp/r" || exit 1
before=$(cd "$tmp/r" && cksum ./* | sort)
# 20 blocks: enough to start, too little for summary.csv.  SIGXFSZ ignored,
# so the write fails with EFBIG instead of killing the process.
(ulimit -f 20; trap '' XFSZ; exec "$ORGSIM" run tests/data/small.ini -q -o "$tmp/r") 2>"$tmp/err"
st=$?
after=$(cd "$tmp/r" && cksum ./* | sort)
fail=0
[ $st -eq 1 ] || { echo "not ok - exit status $st, not 1"; fail=1; }
grep -q '^orgsim: .*write failed' "$tmp/err" || { echo "not ok - no write failure message: $(cat "$tmp/err")"; fail=1; }
grep -q 'anything there before is as it was' "$tmp/err" || { echo "not ok - message does not say earlier results are kept"; fail=1; }
[ "$before" = "$after" ] || { echo "not ok - earlier results changed"; fail=1; }
leftover=$(ls -A "$tmp" | grep -c '\.tmp-')
[ "$leftover" -eq 0 ] || { echo "not ok - temporary folder left behind"; fail=1; }
[ $fail -eq 0 ] && echo "ok - a failed write (file size limit) is reported, exit 1, earlier results intact"
exit $fail

# tests/lib.sh: the start every shell test shares.  Sourced from the repository root,
# as the first thing after the test's comment (and `set -u`):
#   . "$(dirname "$0")/lib.sh"
# so that each test still runs alone as `ORGSIM=$PWD/orgsim sh tests/t-foo.sh`.
# It sets
#   ORGSIM        the binary under test (default ./orgsim), made absolute and checked;
#   ORGSIM_PLOTS  this tree's chart scripts (exported), whatever is installed;
#   tmp           a fresh folder, removed at exit (and on INT/TERM);
# and two ways to report, each test using one:
#   pass/fail WHAT...  print "ok: ..." / "FAIL: ..."; fail counts in $failures;
#                      t_done prints the outcome and exits 1 after any failure;
#   ok/bad WHAT, check WHAT COMMAND...  print "ok - ..." / "not ok - ..."; bad sets
#                      $fail to 1, and the test ends with `exit $fail`.

t_name=$(basename "$0" .sh)
ORGSIM=${ORGSIM:-./orgsim}
case $ORGSIM in
  /*) ;;
  *) ORGSIM=$(pwd)/$ORGSIM ;;
esac
if [ ! -x "$ORGSIM" ]; then
  echo "$t_name: $ORGSIM: no such executable (set ORGSIM)" >&2
  exit 1
fi
ORGSIM_PLOTS=$(pwd)/plots
export ORGSIM_PLOTS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$t_name.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
pass() {
  echo "ok: $*"
}
t_done() {
  if [ $failures -gt 0 ]; then
    echo "$t_name: $failures failure(s)"
    exit 1
  fi
  echo "$t_name: all passed"
  exit 0
}

fail=0
ok() { echo "ok - $1"; }
bad() {
  echo "not ok - $1"
  fail=1
}
check() { # description, command...
  what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

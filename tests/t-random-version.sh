#!/bin/sh
# t-random-version.sh: determinism guard.  orgsim draws from its own
# keyed SplitMix64 streams (src/dist.c), never from GRand, whose seeding changes
# with GLib's G_RANDOM_VERSION environment variable ("2.0" vs "2.2"): results
# must be identical whatever it says, and no g_random_* / g_rand_* call may
# come back into src/.
set -u
ORGSIM=${ORGSIM:-./orgsim}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

fail=0
bad() {
  echo "FAIL: $1"
  fail=$((fail + 1))
}

# run DIR VALUE: a small run into DIR with G_RANDOM_VERSION=VALUE (unset when
# VALUE is empty).
run() {
  (
    if [ -n "$2" ]; then
      G_RANDOM_VERSION=$2
      export G_RANDOM_VERSION
    else
      unset G_RANDOM_VERSION
    fi
    exec "$ORGSIM" run tests/data/small.ini -r 3 -t 20 -j 2 -q -o "$1"
  ) 2>"$tmp/stderr" || bad "run with G_RANDOM_VERSION='$2' failed: $(cat "$tmp/stderr")"
}

run "$tmp/unset" ""
run "$tmp/v20" 2.0
run "$tmp/v22" 2.2

for v in v20 v22; do
  if [ -d "$tmp/unset" ] && [ -d "$tmp/$v" ]; then
    if ! diff -r "$tmp/unset" "$tmp/$v" >"$tmp/diff"; then
      bad "results differ between G_RANDOM_VERSION unset and $v:"
      head -20 "$tmp/diff"
    fi
  fi
done

# GRand anywhere in the sources would make results depend on it.
if grep -n -E '(^|[^A-Za-z0-9_])g_rand(om)?_[a-z0-9_]+[[:space:]]*\(' \
  $(find src include -name '*.[ch]') >"$tmp/grep"; then
  bad "GRand is used (results would depend on G_RANDOM_VERSION); use OsimRng (dist.h):"
  cat "$tmp/grep"
fi

if [ $fail -ne 0 ]; then
  exit 1
fi
echo "G_RANDOM_VERSION unset, 2.0 and 2.2: identical results; no GRand in src/"

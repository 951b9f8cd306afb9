#!/bin/sh
# The whole test suite: a normal build with warnings as errors, 'make check'
# (without the namespace labs); the same, labs included, under
# AddressSanitizer + UndefinedBehaviorSanitizer; the libFuzzer
# targets for a bounded time when clang is present; the Debian package;
# 'make distcheck'.
# Prints every CUnit run summary and a final "N passed, N failed" line.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
phase_start=$(date +%s)
sh scripts/deps.sh
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
JOBS=$(nproc 2>/dev/null || echo 2)
status=0
summaries=""

run_build() {	# name, which tests (all | nolab), configure flags...
	name=$1; which=$2; shift 2
	dir="$top/_build/$name"
	mkdir -p "$dir"
	echo "=== $name build ==="
	(cd "$dir" && "$top/configure" --enable-werror "$@" >configure.out &&
		make -j"$JOBS" >make.out 2>&1) || {
		echo "$name: build failed"; tail -40 "$dir/make.out" 2>/dev/null
		tail -20 "$dir/config.log" 2>/dev/null; status=1; return 0; }
	echo "=== $name make check ==="
	if [ "$which" = nolab ]; then
		tests=$(cd "$dir" && make -s print-tests | tr ' ' '\n' |
			grep -v -e '^tests/lab/' -e '^tests/test_vty_stall\.sh$' | tr '\n' ' ')
		(cd "$dir" && make -j"$JOBS" check TESTS="$tests" >check.out 2>&1) || status=1
	else
		(cd "$dir" && make -j"$JOBS" check >check.out 2>&1) || status=1
	fi
	for log in $(find "$dir/tests" -name '*.log' ! -name 'test-suite.log' | sort); do
		echo "--- ${name}: ${log#"$dir"/}"
		if grep -q "Run Summary" "$log"; then
			sed -n '/Run Summary/,/asserts/p' "$log"
		else
			tail -5 "$log"
		fi
		grep -E "^ +Test: .*FAILED|^ +[0-9]+\. .*:[0-9]+ +- " "$log" || true
	done
	grep -E "^(PASS|FAIL|ERROR|XFAIL|XPASS|SKIP):" "$dir/check.out" || true
	summaries="$summaries $dir"
	slowest "$dir" "$name"
}

# The slowest tests of a build, from when each .log was made to when its
# .trs was written (where the file system keeps birth times).
slowest() {	# dir, name
	for log in $(find "$1/tests" -name '*.log' ! -name 'test-suite.log'); do
		b=$(stat -c %W "$log" 2>/dev/null) || continue
		e=$(stat -c %Y "${log%.log}.trs" 2>/dev/null) || continue
		[ "$b" -gt 0 ] && echo "$((e - b)) ${log#"$1"/}"
	done | sort -rn | head -8 | sed "s/^/--- $2 slowest (s): /"
}

# Wall-clock seconds of each phase (from phase_start, set at the top), so
# the suite can be kept well under CI's limit.
phase_end() {	# name
	now=$(date +%s)
	echo "=== $1: $((now - phase_start)) s"
	phase_start=$now
}

# The namespace labs (tests/lab/) are the longest tests: they run once, in
# the sanitizer build, where a memory error in any of their routers fails
# them; so does test_vty_stall.sh, which waits out the 60 s stuck-output
# timeout.  Every other test runs in both builds.
phase_end "dependencies and autoreconf"
run_build normal nolab
phase_end "normal build and tests"
run_build sanitizers all --enable-sanitizers
phase_end "sanitizers build and tests"

# Opt-in (LISPR_TSAN=1; not in CI, for time): the same under
# ThreadSanitizer, labs included.  TSan cannot follow the daemon's fork
# (the log writer thread exists before it; log.c restarts it in the
# child), and the console's SIGTERM exits while the loop thread ends.
if [ "${LISPR_TSAN:-0}" = 1 ]; then
	TSAN_OPTIONS="die_after_fork=0 report_thread_leaks=0 ${TSAN_OPTIONS:-}"
	export TSAN_OPTIONS
	run_build tsan all --enable-tsan
	phase_end "tsan build and tests"
fi

if command -v clang >/dev/null 2>&1; then
	echo "=== fuzz ==="
	sh tests/fuzz/run.sh "$top/_build/fuzz" "${FUZZ_SECONDS:-15}" || status=1
	phase_end fuzz
fi

# The Debian package (debian/): built on a copy of the tree, contents,
# conffile, units, lintian (tests/test_package.sh; skips without the tools).
echo "=== package ==="
pkg_rc=0
top_srcdir="$top" sh tests/test_package.sh || pkg_rc=$?
case $pkg_rc in
0) ;;
77) echo "package: skipped" ;;
*) echo "package: failed"; status=1 ;;
esac
phase_end package

if [ "${SKIP_DISTCHECK:-0}" != 1 ]; then
	# The tarball builds and its CUnit tests pass from a read-only source
	# tree; the script tests (namespaces, vty, lab) already ran twice above
	# on the same sources and are not run a third time.
	echo "=== distcheck ==="
	unit_tests=$(cd "$top/_build/normal" && make -s print-tests |
		tr ' ' '\n' | grep '^tests/' | grep -v '\.sh$' | tr '\n' ' ')
	(cd "$top/_build/normal" && make -j"$JOBS" distcheck \
		DISTCHECK_CONFIGURE_FLAGS=--enable-werror TESTS="$unit_tests" >distcheck.out 2>&1) &&
		grep "archives ready" "$top/_build/normal/distcheck.out" || {
		echo "distcheck failed"; tail -40 "$top/_build/normal/distcheck.out"; status=1; }
	phase_end distcheck
fi

# One closing line over both builds: each CUnit test counts once, each script test once.
passed=0; failed=0; skipped=0
for d in $summaries; do
	for log in $(find "$d/tests" -name '*.log' ! -name 'test-suite.log'); do
		line=$(grep -E "^ +tests +[0-9]+" "$log" | tail -1) || true
		if [ -z "$line" ]; then	# a script test: its automake verdict counts as one test
			case $(sed -n 's/^:test-result: //p' "${log%.log}.trs" 2>/dev/null) in
			PASS) passed=$((passed + 1)) ;;
			SKIP) skipped=$((skipped + 1)) ;;
			*) failed=$((failed + 1)) ;;
			esac
			continue
		fi
		set -- $line
		passed=$((passed + $4)); failed=$((failed + $5))
	done
done
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status

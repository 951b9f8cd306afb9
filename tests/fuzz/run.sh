#!/bin/sh
# Build the libFuzzer targets with clang (ASan + UBSan) straight from the
# sources they need and run each for SECONDS on a copy of its seed corpus.
#
#	sh tests/fuzz/run.sh BUILD_DIR [SECONDS]	(from anywhere; default 15 s)
#
# Runs as many targets at once as there are cores (FUZZ_JOBS overrides);
# FUZZ_TARGETS (a list of names: ddt_mr ecm ...) runs only those.
# Prints one line per target; exits 1 if a target failed to build, crashed,
# leaked or broke a round trip, and prints the offending input in hex.
# The committed corpus (tests/fuzz/corpus/<target>/) is never modified; it
# is regenerated with tests/fuzz/mkcorpus (see samples/README).  Inputs in
# tests/fuzz/regress/<target>/ (past findings; see its README) are run once
# each before fuzzing and must pass.
set -u

usage() { echo "usage: $0 BUILD_DIR [SECONDS]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
build=$1
secs=${2:-15}
case $secs in ''|*[!0-9]*) usage ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CLANG:-clang}
command -v "$CC" >/dev/null 2>&1 || { echo "fuzz: $CC not found" >&2; exit 1; }
mkdir -p "$build" || exit 1
build=$(cd "$build" && pwd)

pc_libs=$(pkg-config --libs libcrypto libpcap 2>/dev/null) || pc_libs="-lcrypto -lpcap"
pc_cflags=$(pkg-config --cflags libcrypto libpcap 2>/dev/null) || pc_cflags=
SAN="address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -std=gnu11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Werror
	-I$top/src/lib -I$top/src/router -I$top/src/lisp $pc_cflags"

# target:objects beyond the codec ('lab': the whole engine, router and ports;
# ipv6_frame and ecm6 run the lab dual-stack, tests/fuzz/fuzz_lab6.h;
# 'shell': the lab's objects and the shell, cli/)
targets="map_request: map_reply: map_register: map_referral: ecm: data_hdr: decode_frame:decode.o lisp_lab:LAB ipv6_frame:LAB ecm6:LAB ddt_mr:LAB shell:SHELL"
# FUZZ_TARGETS="ddt_mr ecm" runs only those (names without fuzz_)
if [ -n "${FUZZ_TARGETS:-}" ]; then
	sel=
	for t in $targets; do
		case " $FUZZ_TARGETS " in *" ${t%%:*} "*) sel="$sel $t" ;; esac
	done
	targets=$sel
fi

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; echo; }
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

# The code under test, compiled once with coverage instrumentation.
codec="$build/lisp_msg.o $build/lisp_auth.o $build/addr.o"
for src in lisp/lisp_msg lisp/lisp_auth lib/addr lisp/decode; do
	# shellcheck disable=SC2086
	$CC $CFLAGS -fsanitize=fuzzer-no-link,$SAN -c -o "$build/${src#*/}.o" "$top/src/$src.c" \
		>"$build/${src#*/}.build" 2>&1 || {
		echo "fuzz: cannot compile src/$src.c"
		sed 's/^/    /' "$build/${src#*/}.build" | head -20
		exit 1
	}
done

# Compiles sources into $build/PREFIX_NAME.o, $jobs at a time, with the
# project's flags and coverage; the objects in $objs; exits on a failure.
compile_all() {	# prefix, what they are for, extra flags, sources...
	pfx=$1; what=$2; extra=$3; shift 3
	objs=
	n=0
	for src in "$@"; do
		o="$build/${pfx}_$(basename "$src" .c).o"
		rm -f "$o"
		# shellcheck disable=SC2086
		$CC $CFLAGS -Wno-unused-parameter -Wno-sign-compare -I"$top/pcap" -I"$build" $extra \
			-fsanitize=fuzzer-no-link,$SAN -c -o "$o" "$src" >"$o.build" 2>&1 &
		objs="$objs $o"
		n=$((n + 1))
		[ $((n % jobs)) -ne 0 ] || wait
	done
	wait
	for o in $objs; do
		[ -f "$o" ] || {
			echo "fuzz: cannot compile $(basename "$o" .o | sed "s/^${pfx}_//").c for $what"
			sed 's/^/    /' "$o.build" | head -20
			exit 1
		}
	done
}

# fuzz_lisp_lab drives the in-process lab (tests/test_lisp_lab.h): every
# source of the engine, the router and the ports, instrumented, with the
# project's warnings; a stub stands in for CUnit's assertions; no
# config.h is needed beyond an empty one.
: >"$build/config.h"
compile_all lab "the lab" "" "$top"/src/lib/*.c "$top"/src/router/*.c "$top"/src/lisp/*.c "$top"/pcap/*.c
labobjs=$objs
lab_cflags="-Wno-unused-parameter -I$top/pcap -I$top/tests -I$top/tests/fuzz/cunit_stub"
lab_libs="-lnet -lcrypt -lpthread"

# fuzz_shell adds the shell (cli/) to the lab's objects, compiled the same
# way; only when a selected target needs it.
shellobjs=
case " $targets " in *" shell:SHELL "*)
	echo '#define PACKAGE_VERSION "fuzz"' >"$build/config.h"
	compile_all sh "the shell" "-I$top/cli $(pkg-config --cflags readline 2>/dev/null)" "$top"/cli/*.c
	shellobjs=$objs
	;;
esac
shell_libs="$(pkg-config --libs readline 2>/dev/null || echo -lreadline) -lcli -lcrypt"

# One target: build, its regression inputs, then fuzz; prints its line(s)
# and returns non-zero on any failure.
run_target() {
	t=$1
	st=0
	name=${t%%:*}
	extra=${t#*:}
	tflags=
	dict=
	if [ "$extra" = LAB ]; then
		extra="$labobjs $lab_libs"
		tflags=$lab_cflags
	elif [ "$extra" = SHELL ]; then
		extra="$shellobjs $labobjs $shell_libs $lab_libs"
		tflags="$lab_cflags -I$top/cli"
		dict="-dict=$build/shell.dict"
	elif [ -n "$extra" ]; then
		extra="$build/$extra"
	fi
	bin="$build/fuzz_$name"
	log="$build/fuzz_$name.log"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS $tflags -fsanitize=fuzzer,$SAN -o "$bin" "$top/tests/fuzz/fuzz_$name.c" \
	    $([ "$tflags" ] || echo $codec) $extra $pc_libs >"$build/fuzz_$name.build" 2>&1; then
		echo "fuzz_$name: BUILD FAILED"
		sed 's/^/    /' "$build/fuzz_$name.build" | head -20
		return 1
	fi
	# inputs that once failed: each must now pass (a plain run, no fuzzing)
	regress=$(ls "$top/tests/fuzz/regress/$name/"* 2>/dev/null)
	if [ -n "$regress" ]; then
		# shellcheck disable=SC2086
		if ! "$bin" $regress >"$build/fuzz_$name.regress" 2>&1; then
			st=1
			echo "fuzz_$name: FAILED on a regression input (tests/fuzz/regress/$name)"
			grep -E "Running:|ERROR|SUMMARY|mismatch|runtime error" \
				"$build/fuzz_$name.regress" | head -8 | sed 's/^/    /'
		fi
	fi
	corpus="$build/corpus/$name"
	rm -rf "$corpus" "$build/crash-$name-"*
	mkdir -p "$corpus"
	if [ -d "$top/tests/fuzz/corpus/$name" ]; then
		cp "$top/tests/fuzz/corpus/$name/"* "$corpus/" 2>/dev/null
	fi
	if [ "$name" = shell ]; then
		# Seeds: the configurations and transcripts the shell tests
		# load; the dictionary: the words the shell registers and
		# the words of those seeds.
		for f in "$top"/tests/shell/*.conf "$top"/tests/ios/*.conf \
			 "$top"/tests/replay/*.conf "$top"/tests/golden/*.cmds; do
			cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
		done
		{ grep -ohE '"[a-z][a-z0-9-]{1,30}"' "$top"/cli/*.c | tr -d '"'
		  cat "$corpus"/* | tr -c 'a-z0-9-\n' ' ' | tr ' ' '\n' |
			grep -E '^[a-z][a-z0-9-]{1,30}$'; } | sort -u | sed 's/.*/"&"/' >"$build/shell.dict"
	fi
	seeds=$(ls "$corpus" | wc -l)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len=4096 $dict \
		-print_final_stats=1 -artifact_prefix="$build/crash-$name-" \
		"$corpus" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	files=$(ls "$corpus" | wc -l)
	crashes=$(ls "$build/crash-$name-"* 2>/dev/null)
	if [ $rc -ne 0 ] || [ -n "$crashes" ]; then
		echo "fuzz_$name: FAILED (exit $rc) after ${runs:-?} runs; log $log"
		grep -E "ERROR|SUMMARY|mismatch|runtime error" "$log" | head -8 | sed 's/^/    /'
		for c in $crashes; do
			echo "    input $c ($(wc -c <"$c") bytes):"
			echo "    $(hex "$c")"
		done
		return 1
	fi
	echo "fuzz_$name: ok, ${runs:-?} runs in ${secs}s, coverage ${cov:-?}," \
		"corpus $seeds seeds -> $files inputs"
	return $st
}

# As many targets at once as there are cores (each fuzzes on one), in
# rounds; the lines are printed in the targets' order.
status=0
set -- $targets
while [ $# -gt 0 ]; do
	round=
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
		name=${1%%:*}
		( run_target "$1" >"$build/fuzz_$name.out" 2>&1; echo $? >"$build/fuzz_$name.rc" ) &
		round="$round $name"
		n=$((n + 1))
		shift
	done
	wait
	for name in $round; do
		cat "$build/fuzz_$name.out"
		[ "$(cat "$build/fuzz_$name.rc" 2>/dev/null)" = 0 ] || status=1
	done
done
exit $status

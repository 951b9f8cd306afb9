#!/bin/sh
# The golden transcripts again, through the program: 'lispr --batch' reads
# each tests/golden/NAME.cmds on standard input and must print NAME.out.
# Offline mode, as test_shell runs them: interfaces are pcap files in a
# directory of the test's own, the clock is manual, nothing touches a
# real interface.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(dirname "$0")/..}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
for cmds in "$top_srcdir"/tests/golden/*.cmds; do
	name=$(basename "$cmds" .cmds)
	n=$((n + 1))
	mkdir "$work/$name.pcap"
	timeout 30 "$LISPR" --batch --offline "$work/$name.pcap" < "$cmds" > "$work/$name.out" 2> "$work/$name.err"
	if diff -u "$top_srcdir/tests/golden/$name.out" "$work/$name.out"; then
		echo "ok   $name"
	else
		echo "FAIL $name"
		fail=1
	fi
	if grep -q "Sanitizer" "$work/$name.err"; then
		cat "$work/$name.err"
		fail=1
	fi
done
[ "$n" -gt 0 ] || fail=1
exit $fail

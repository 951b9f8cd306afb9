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

# A banner left open on its line reads the lines after it as its text, up
# to the delimiter; the transcript shows them, and they are not commands.
printf 'enable\nconfigure terminal\nbanner exec %%\nhostname not-run | x\n  two %%tail\nhostname b1\nend\nshow running-config | include ^banner|^hostname|two\n' |
	timeout 30 "$LISPR" --batch --offline "$work/config.pcap" > "$work/banner.out" 2> "$work/banner.err"
cat > "$work/banner.want" <<'WANT'
lispr(config)#banner exec %
Enter TEXT message.  End with the character '%'.
hostname not-run | x
  two %tail
lispr(config)#hostname b1
b1(config)#end
b1#show running-config | include ^banner|^hostname|two
hostname b1
banner exec ^C
hostname not-run | x
  two ^C
WANT
if grep -v '^lispr>\|^lispr#\|^Enter configuration' "$work/banner.out" | diff -u "$work/banner.want" -; then
	echo "ok   a banner's lines in a batch"
else
	echo "FAIL a banner's lines in a batch"
	cat "$work/banner.out" "$work/banner.err"
	fail=1
fi
exit $fail

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
# 'write erase' asks [confirm]: 'n' keeps the startup-config, RETURN
# empties it (atomically); the running configuration stays, and the next
# start begins from defaults.
printf '!\nhostname er1\nend\n' > "$work/er.conf"
cp "$work/er.conf" "$work/er.orig"
printf 'enable\nwrite erase\nn\n' |
	timeout 30 "$LISPR" -f "$work/er.conf" --batch --offline "$work/config.pcap" > "$work/er1.out" 2>> "$work/er.err"
kept=no
cmp -s "$work/er.orig" "$work/er.conf" && kept=yes
printf 'enable\nerase startup-config\n\nshow startup-config\nshow running-config | include ^hostname\n' |
	timeout 30 "$LISPR" -f "$work/er.conf" --batch --offline "$work/config.pcap" > "$work/er2.out" 2>> "$work/er.err"
printf 'show running-config | include ^hostname\n' |
	timeout 30 "$LISPR" -f "$work/er.conf" --batch --offline "$work/config.pcap" > "$work/er3.out" 2>> "$work/er.err"
# The answer is typed on the prompt's line, as at IOS's [confirm].
if grep -q '^%Erase of nvram: aborted' "$work/er1.out" && [ $kept = yes ] &&
	grep -qx 'Erasing the nvram filesystem will remove all configuration files! Continue? \[confirm\]n' "$work/er1.out" &&
	grep -qx 'Erasing the nvram filesystem will remove all configuration files! Continue? \[confirm\]' "$work/er2.out" &&
	grep -q '^Erase of nvram: complete' "$work/er2.out" &&
	grep -q '^startup-config is not present' "$work/er2.out" &&
	grep -q '^hostname er1' "$work/er2.out" &&
	[ ! -s "$work/er.conf" ] &&
	! grep -q '^hostname' "$work/er3.out"; then
	echo "ok   write erase: [confirm], the startup-config emptied, the next start from defaults"
else
	echo "FAIL write erase"
	cat "$work/er1.out" "$work/er2.out" "$work/er3.out" "$work/er.err"
	fail=1
fi
# 'reload' where lispr cannot start again (offline, a batch): refused.
printf 'enable\nreload\nshow running-config | include ^hostname\n' |
	timeout 30 "$LISPR" --batch --offline "$work/config.pcap" > "$work/rl.out" 2> "$work/rl.err"
if grep -q '^% Reload is not possible here' "$work/rl.out" && ! grep -q 'confirm' "$work/rl.out"; then
	echo "ok   reload in a batch: refused"
else
	echo "FAIL reload in a batch"
	cat "$work/rl.out" "$work/rl.err"
	fail=1
fi
exit $fail

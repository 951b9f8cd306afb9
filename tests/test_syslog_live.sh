#!/bin/sh
# Remote syslog sent by the router itself, and lispr without root.
#
#   collector C (10.0.1.10) --veth-- lispr R (ra 10.0.1.1, Loopback0 2.2.2.2)
#
# Both namespaces are this run's own (removed on exit); nothing touches
# the root namespace.  lispr runs as nobody with only CAP_NET_RAW and
# CAP_NET_ADMIN (setpriv, ambient set): that it captures the collector's
# ARP reply and sends on its interface proves it needs no root.  Its
# startup configuration brings ra up with 'logging host 10.0.1.10' and
# 'logging source-interface Loopback0'; the capture on the collector's
# side must show %LINK-3-UPDOWN and %LINEPROTO-5-UPDOWN as RFC 3164
# syslog (tshark) from 2.2.2.2 port 514 to 10.0.1.10 port 514, facility
# local7.  Then the file gets 'logging trap syslog-format rfc5424' and
# 'logging facility local4', SIGHUP reloads it, and the reload's
# %SYS-5-CONFIG_I must arrive as RFC 5424 (version 1, hostname, app-name,
# MSGID).  Every wait is for a condition, bounded.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init syslog
live_need_netns
live_need setpriv
live_can_capture || { echo "SKIP: no tshark, tcpdump or python3"; exit 77; }
live_need_lispr
NC=$P-c NR=$P-r
live_ns_add $NC $NR

live_veth $NC vc $NR ra && live_ns_ipv4 $NC $NR &&
ip -n $NC addr add 10.0.1.10/24 dev vc && ip -n $NC link set vc up &&
ip -n $NC route add 2.2.2.0/24 via 10.0.1.1 &&
live_up $NR ra || { echo "SKIP: cannot build the veth topology here"; exit 77; }

# nobody must reach the program and its configuration.
chmod 755 "$work"
cp "$LISPR" "$work/lispr" && chmod 755 "$work/lispr"
cat >"$work/r.conf" <<'CONF'
hostname R1
logging source-interface Loopback0
logging host 10.0.1.10
!
interface Loopback0
 ip address 2.2.2.2 255.255.255.255
!
interface ra
 ip address 10.0.1.1 255.255.255.0
CONF
chmod 666 "$work/r.conf"

cap_start c $NC vc "$work/c.pcap" || exit 1
ip netns exec $NR setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all,+net_raw,+net_admin --ambient-caps=-all,+net_raw,+net_admin \
	--bounding-set=-all,+net_raw,+net_admin \
	"$work/lispr" --no-fork -P 0 -f "$work/r.conf" </dev/null >"$work/r.log" 2>&1 &
rpid=$!
live_kill_on_exit $rpid

# tshark's view of the collector's capture: one line per syslog message.
syslog_lines() {
	cap_sync c >/dev/null || return 1
	"$TSHARK" -r "$work/c.pcap" -Y "$CAP_FILTER && syslog && !icmp" -T fields -E separator='|' \
		-e ip.src -e ip.dst -e udp.srcport -e udp.dstport -e syslog.facility -e syslog.level \
		-e syslog.version -e syslog.hostname -e syslog.appname -e syslog.msgid -e syslog.msg \
		2>/dev/null >"$work/syslog.txt"
}
has() { syslog_lines && grep -q -- "$1" "$work/syslog.txt"; }

# Once ip and setpriv have exec'ed it, the process is lispr.
unprivileged() {
	[ "$(cat /proc/$rpid/comm 2>/dev/null)" = lispr ] &&
	grep -q '^Uid:[[:space:]]*65534[[:space:]]' /proc/$rpid/status &&
	grep -q '^CapEff:[[:space:]]*0000000000003000$' /proc/$rpid/status &&
	grep -q '^CapBnd:[[:space:]]*0000000000003000$' /proc/$rpid/status
}
check "lispr runs as nobody with CAP_NET_RAW and CAP_NET_ADMIN only" wait_until 30 unprivileged
check "%LINK-3-UPDOWN reaches the collector (capture, then ARP, by an unprivileged lispr)" \
	wait_until 60 has "%LINK-3-UPDOWN: Interface ra, changed state to up"
check "%LINEPROTO-5-UPDOWN reaches the collector" \
	wait_until 30 has "%LINEPROTO-5-UPDOWN: Line protocol on Interface ra, changed state to up"
check "RFC 3164 from 2.2.2.2:514 to 10.0.1.10:514, local7 (23), error (3), hostname R1" \
	grep -q "^2\.2\.2\.2|10\.0\.1\.10|514|514|23|3|.*%LINK-3-UPDOWN" "$work/syslog.txt"
# payload_has REGEX: one syslog datagram's payload matches it, whole.
payload_has() {
	"$TSHARK" -r "$work/c.pcap" -Y "syslog && !icmp" -T fields -e udp.payload 2>/dev/null |
	"$CAP_PY" -c 'import sys, re
ok = any(re.fullmatch(sys.argv[1].encode(), bytes.fromhex(l.strip())) for l in sys.stdin if l.strip())
sys.exit(0 if ok else 1)' "$1"
}
check "RFC 3164: <187>Mmm dd hh:mm:ss R1 lispr: %LINK-3-UPDOWN: ..." payload_has \
	'<187>[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} R1 lispr: %LINK-3-UPDOWN: Interface ra, changed state to up'

printf 'logging trap syslog-format rfc5424\nlogging facility local4\n' >>"$work/r.conf"
kill -HUP "$rpid"
check "after SIGHUP, %SYS-5-CONFIG_I arrives as RFC 5424 (local4, notice, version 1, R1, lispr, CONFIG_I)" \
	wait_until 30 has "^2\.2\.2\.2|10\.0\.1\.10|514|514|20|5|1|R1|lispr|CONFIG_I"
check "RFC 5424: <165>1 YYYY-MM-DDThh:mm:ss.mmmZ R1 lispr PID CONFIG_I - %SYS-5-CONFIG_I: ..." payload_has \
	"<165>1 [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z R1 lispr $rpid CONFIG_I - %SYS-5-CONFIG_I: Configured from $work/r.conf by SIGHUP \\(0 lines rejected\\)"
check "lispr still runs" kill -0 "$rpid"
live_stop "$rpid" 2>/dev/null
check "no sanitizer report" sh -c "! grep -A20 'Sanitizer\|runtime error' '$work/r.log'"
[ "$fail" = 0 ] || { echo "--- lispr log"; cat "$work/r.log"; echo "--- syslog"; cat "$work/syslog.txt"; }
live_finish

#!/bin/sh
# The DDT lab live (issue 13): the six routers of samples/ddt/ ('lab.sh up
# ddt' starts the same configurations; their plan is in samples/ddt/x1.conf)
# in namespaces of this run's own, the Map-Resolver on a box of its own, no
# Map-Server with it, routing between the others:
#
#   x1 10.0.1.2 --- 10.0.1.1 mr 10.0.4.1 --- 10.0.4.2 root
#                            mr 10.0.6.1 --- 10.0.6.2 ms
#                            mr 10.0.7.1 --- 10.0.7.2 ms2
#                            mr 10.0.2.1 --- 10.0.2.2 x2
#
# x1 (EID 192.168.1.0/24) and x2 (192.168.2.0/24) register with ms and
# ms2 (each its own first); their map-resolver is mr, with 'ddt root
# 10.0.4.2'; root is authoritative for 192.168.0.0/16 and delegates
# 192.168.1.0/24 to ms then ms2, 192.168.2.0/24 to ms2 then ms, both DDT
# leaves ('ddt') naming each other with 'map-server-peer'.  The checks,
# tshark judging mr's links to root, ms and ms2:
#   0. both xTRs have both Map-Server sessions up (show lisp session);
#   1. x1's lig 192.168.2.1 is answered by x2: on the wire mr's DDT
#      Map-Request (ECM, D bit) to root, root's MS-REFERRAL for
#      192.168.2.0/24 naming 10.0.7.2 and 10.0.6.2, the DDT Map-Request to
#      ms2 and its MS-ACK naming ms2 and its peer ms; mr's referral cache
#      holds that MS-ACK set (it replaced the MS-REFERRAL of the prefix);
#   2. a second lig goes straight to ms2: nothing more to root;
#   3. lig 192.168.200.1 (a hole of root's) gets mr's negative Map-Reply
#      for 192.168.128.0/17, TTL 15 minutes (root's DELEGATION-HOLE);
#   4. host traffic: x1 pings x2's loopback from its own through LISP;
#   5. ms2 (x2's own Map-Server) stopped: a lig still resolves, mr failing
#      over to ms after its DDT Map-Requests to ms2 went unanswered (ms2
#      shown no-response); x2 still registered with ms, its session there up.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition, never a fixed time; a watchdog ends the
# run once no check has finished for LAB_TEST_TIMEOUT seconds (300).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init labddt captures

NODES="x1 mr root ms ms2 x2"
VTY_PORT=2650
watchdog=""
teardown() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
	cap_stop_all
	for r in $NODES; do
		[ -f "$work/$r.pid" ] && kill "$(cat "$work/$r.pid")" 2>/dev/null
	done
	for r in $NODES; do
		ip netns del "$(ns "$r")" 2>/dev/null
	done
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
lab_watchdog ${LAB_TEST_TIMEOUT:-300}

rsh() {	# node: its vty, commands on stdin (scripts/lab.sh's client)
	LAB_ENABLE=lisp timeout 60 ip netns exec "$(ns "$1")" bash "$LAB" _vty "$1"
}

# --- the namespaces, links and configurations
for r in $NODES; do
	ip netns add "$(ns "$r")" || { echo "FAIL cannot create namespace $r"; exit 1; }
	ip netns exec "$(ns "$r")" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=0 \
		net.ipv4.conf.all.arp_ignore=8 net.ipv4.conf.default.arp_ignore=8 \
		net.ipv4.icmp_echo_ignore_all=1 >/dev/null 2>&1
	ip -n "$(ns "$r")" link set lo up
done
veths() {
	ip -n "$(ns x1)" link add Ethernet0 address 02:dd:0a:00:01:02 type veth \
		peer name Ethernet0 address 02:dd:0a:00:01:01 netns "$(ns mr)" &&
	ip -n "$(ns mr)" link add Ethernet1 address 02:dd:0a:00:04:01 type veth \
		peer name Ethernet0 address 02:dd:0a:00:04:02 netns "$(ns root)" &&
	ip -n "$(ns mr)" link add Ethernet2 address 02:dd:0a:00:06:01 type veth \
		peer name Ethernet0 address 02:dd:0a:00:06:02 netns "$(ns ms)" &&
	ip -n "$(ns mr)" link add Ethernet3 address 02:dd:0a:00:07:01 type veth \
		peer name Ethernet0 address 02:dd:0a:00:07:02 netns "$(ns ms2)" &&
	ip -n "$(ns mr)" link add Ethernet4 address 02:dd:0a:00:02:01 type veth \
		peer name Ethernet0 address 02:dd:0a:00:02:02 netns "$(ns x2)" || return 1
	for p in x1:Ethernet0 mr:Ethernet0 mr:Ethernet1 mr:Ethernet2 mr:Ethernet3 mr:Ethernet4 \
		 root:Ethernet0 ms:Ethernet0 ms2:Ethernet0 x2:Ethernet0; do
		ip -n "$(ns "${p%%:*}")" link set "${p#*:}" up || return 1
	done
}
check "veths: x1-mr, mr-root, mr-ms, mr-ms2, mr-x2" veths

# The configurations: samples/ddt/ as they are (the same 'lab.sh up ddt' starts).
for r in $NODES; do
	cp "$top_srcdir/samples/ddt/$r.conf" "$work/$r.conf" || { echo "FAIL no samples/ddt/$r.conf"; exit 1; }
done

for r in $NODES; do
	setsid ip netns exec "$(ns "$r")" "$LISPR" -f "$work/$r.conf" -i "$work/$r.pid" \
		-A 127.0.0.1 -P $VTY_PORT </dev/null >"$work/$r.log" 2>&1 &
done
up() { [ -s "$work/$1.pid" ] && echo "show version" | rsh "$1" >/dev/null 2>&1; }
for r in $NODES; do
	check "$r: lispr up, its vty answering" wait_until 60 up "$r"
done
[ "$fail" -eq 0 ] || { for r in $NODES; do sed "s/^/$r: /" "$work/$r.log" | tail -5; done
	echo "DDT lab test: no lab, $n checks, $fail failed"; exit 1; }
for r in $NODES; do
	check "$r: its configuration loaded without a '%' error" \
		sh -c "! grep -B1 '^%' '$work/$r.log'"
done

echo "show running-config" | rsh mr >"$work/run.mr" 2>&1
check "mr# show running-config: 'ddt root 10.0.4.2' in the router lisp block, no site" \
	sh -c "cat '$work/run.mr'; grep -q '^ ddt root 10\.0\.4\.2\$' '$work/run.mr' && ! grep -q '^lisp site' '$work/run.mr'"

registered() {	# Map-Server
	echo "show lisp site" | rsh "$1" >"$work/site.$1" 2>&1 &&
	grep -Eq '^siteA .* yes +10\.0\.1\.2 ' "$work/site.$1" &&
	grep -Eq '^siteB .* yes +10\.0\.2\.2 ' "$work/site.$1"
}
check "ms# show lisp site: siteA and siteB registered" wait_until 120 registered ms
check "ms2# show lisp site: siteA and siteB registered" wait_until 120 registered ms2
sessions() {	# xTR: both Map-Server sessions up
	echo "show lisp session" | rsh "$1" >"$work/sess.$1" 2>&1 &&
	grep -q 'total: 2, established: 2' "$work/sess.$1" &&
	grep -Eq '^10\.0\.6\.2:4342 +Up ' "$work/sess.$1" && grep -Eq '^10\.0\.7\.2:4342 +Up ' "$work/sess.$1"
}
check "x1# show lisp session: ms and ms2 both Up" wait_until 30 sessions x1
check "x2# show lisp session: ms and ms2 both Up" wait_until 30 sessions x2

check "capture R (mr Ethernet1, to root) running" cap_start R "$(ns mr)" Ethernet1 "$work/R.pcap"
check "capture M (mr Ethernet2, to ms) running" cap_start M "$(ns mr)" Ethernet2 "$work/M.pcap"
check "capture N (mr Ethernet3, to ms2) running" cap_start N "$(ns mr)" Ethernet3 "$work/N.pcap"

# --- 1. a registered EID through the tree
lig_ok() {	# eid regex: lig's answer
	echo "lig $1" | rsh x1 >"$work/lig" 2>&1
	grep -Eq "$2" "$work/lig"
}
check "x1# lig 192.168.2.1: answered by x2 (10.0.2.2) through mr's DDT walk" \
	wait_until 30 lig_ok 192.168.2.1 'Mapping information for EID 192\.168\.2\.1 from 10\.0\.2\.2'
echo "show lisp ddt referral-cache" | rsh mr >"$work/rc" 2>&1
check "mr# show lisp ddt referral-cache: 192.168.2.0/24 MS-ACK set, 10.0.7.2 and 10.0.6.2 (up)" \
	sh -c "cat '$work/rc'; grep -q '^192\.168\.2\.0/24, uptime: ' '$work/rc' &&
		grep -q 'Action: MS-ACK, TTL: 1440 min' '$work/rc' && grep -Eq '^  10\.0\.6\.2 +up\$' '$work/rc' &&
		grep -Eq '^  10\.0\.7\.2 +up\$' '$work/rc'"

# --- 2. the cache (the wire says it below: nothing more to root)
check "x1# lig 192.168.2.1 again: answered by x2" \
	wait_until 30 lig_ok 192.168.2.1 'Mapping information for EID 192\.168\.2\.1 from 10\.0\.2\.2'

# --- 3. a hole
check "x1# lig 192.168.200.1: mr's negative Map-Reply for 192.168.128.0/17 (root's hole)" \
	wait_until 30 lig_ok 192.168.200.1 'Mapping information for EID 192\.168\.200\.1 from 10\.0\.1\.1'
check "  the answer: 192.168.128.0/17, Natively-Forward, expires in 15 minutes" \
	sh -c "cat '$work/lig'; grep -Eq '^192\.168\.128\.0/17, .*expires: 00:1[45]:' '$work/lig' &&
		grep -qi 'forward-native\|natively' '$work/lig'"

# --- 4. traffic
check "x1# ping 192.168.2.1 source Loopback0: through LISP" \
	sh -c "echo 'ping 192.168.2.1 source Loopback0 repeat 5' | LAB_ENABLE=lisp timeout 60 ip netns exec $(ns x1) bash '$LAB' _vty x1 |
		tee '$work/ping'; grep -Eq '^[.!]!!!!\$' '$work/ping'"

# --- 5. ms2 stopped: failover to ms, registration goes on there
kill "$(cat "$work/ms2.pid")"
gone() { ! kill -0 "$(cat "$work/ms2.pid")" 2>/dev/null; }
check "ms2 stopped" wait_until 30 gone
check "x1# lig 192.168.2.9 with ms2 stopped: answered by x2 through ms" \
	wait_until 30 lig_ok 192.168.2.9 'Mapping information for EID 192\.168\.2\.9 from 10\.0\.2\.2'
echo "show lisp ddt referral-cache" | rsh mr >"$work/rc5" 2>&1
check "mr# show lisp ddt referral-cache: 10.0.7.2 no-response, 10.0.6.2 up" \
	sh -c "cat '$work/rc5'; grep -Eq '^  10\.0\.7\.2 +no-response\$' '$work/rc5' &&
		grep -Eq '^  10\.0\.6\.2 +up\$' '$work/rc5'"
check "ms# show lisp site: x2 still registered there (siteB)" registered ms
echo "show lisp session" | rsh x2 >"$work/sess5" 2>&1
check "x2# show lisp session: its session with ms still Up" \
	sh -c "cat '$work/sess5'; grep -Eq '^10\.0\.6\.2:4342 +Up ' '$work/sess5'"

echo "show lisp ddt" | rsh mr >"$work/ddt" 2>&1
check "mr# show lisp ddt: resolutions counted, timeouts, referral-cache hits (steps 2 and 5), failover inside the MS-ACK set (no restart from the root), nothing unexpected" \
	sh -c "cat '$work/ddt'; grep -Eq 'Resolved \(MS-ACK\): +[3-9]' '$work/ddt' &&
		grep -Eq 'Restarts from the roots: +0\$' '$work/ddt' &&
		grep -Eq 'Timeouts: +[1-9]' '$work/ddt' &&
		grep -Eq 'Map-Referrals unexpected: +0\$' '$work/ddt' && grep -Eq 'Negative Map-Replies: +[1-9]' '$work/ddt' &&
		grep -Eq 'Referral cache hits: +([2-9]|[1-9][0-9]+)\$' '$work/ddt'"

# --- the wire: the three captures merged and read once (tshark is slow
# to start); each link's frames are told apart by their addresses
check "captures stopped, no frame dropped" cap_stop R M N
if command -v mergecap >/dev/null 2>&1 && mergecap -w "$work/wire.pcap" "$work/R.pcap" "$work/M.pcap" "$work/N.pcap"; then
	caps=wire
else
	caps="R M N"
fi
fields='-T fields -E separator=| -E occurrence=a -E aggregator=, -e ip.src -e ip.dst -e lisp.type -e lisp.ecm.flags.ddt -e lisp.mapping.act -e lisp.mapping.eid.ipv4 -e lisp.mapping.eid.masklen -e lisp.mapping.ttl -e lisp.loc.locator'
ts() {	# capture: its LISP control frames, one line each
	"$TSHARK" -n -r "$work/$1.pcap" -Y "$CAP_FILTER && udp.port == 4342" $fields 2>/dev/null
}
for c in $caps; do ts $c; done >"$work/wire.txt"
check "1. root link: mr's DDT Map-Request (ECM, D bit) for 192.168.2.1, root's MS-REFERRAL 192.168.2.0/24 (1440 min) naming 10.0.7.2 then 10.0.6.2" \
	sh -c "cat '$work/wire.txt'; grep -q '^10\.0\.4\.1,10\.0\.1\.2|10\.0\.4\.2,192\.168\.2\.1|8,1|1|' '$work/wire.txt' &&
		grep -q '^10\.0\.4\.2|10\.0\.4\.1|6||1|192\.168\.2\.0|24|1440|10\.0\.7\.2,10\.0\.6\.2\$' '$work/wire.txt'"
check "1. ms2 link: mr's DDT Map-Request to 10.0.7.2 (D bit), ms2's MS-ACK for 192.168.2.0/24 naming ms2 and its peer ms" \
	sh -c "grep -q '^10\.0\.7\.1,10\.0\.1\.2|10\.0\.7\.2,192\.168\.2\.1|8,1|1|' '$work/wire.txt' &&
		grep -q '^10\.0\.7\.2|10\.0\.7\.1|6||2|192\.168\.2\.0|24|1440|10\.0\.7\.2,10\.0\.6\.2\$' '$work/wire.txt'"
check "2. the referral cache: root never asked about 192.168.2.9 (step 5), ms2 asked about 192.168.2.1 again (step 2)" \
	sh -c "! grep -q '|10\.0\.4\.2,192\.168\.2\.9|8,1|1|' '$work/wire.txt' &&
		test \$(grep -c '|10\.0\.7\.2,192\.168\.2\.1|8,1|1|' '$work/wire.txt') -ge 2"
check "3. root link: root's DELEGATION-HOLE for 192.168.128.0/17 (15 min)" \
	sh -c "grep -q '^10\.0\.4\.2|10\.0\.4\.1|6||4|192\.168\.128\.0|17|15|\$' '$work/wire.txt'"
check "5. ms link: mr's DDT Map-Request for 192.168.2.9 (D bit), ms's MS-ACK naming ms and its peer ms2" \
	sh -c "grep -q '|10\.0\.6\.2,192\.168\.2\.9|8,1|1|' '$work/wire.txt' &&
		grep -q '^10\.0\.6\.2|10\.0\.6\.1|6||2|192\.168\.2\.0|24|1440|10\.0\.6\.2,10\.0\.7\.2\$' '$work/wire.txt'"
check "5. ms2 link: mr's DDT Map-Requests for 192.168.2.9 went to ms2 first (unanswered)" \
	grep -q '|10\.0\.7\.2,192\.168\.2\.9|8,1|1|' "$work/wire.txt"
check "nothing malformed on mr's links" \
	sh -c "for c in $caps; do $TSHARK -n -r '$work/'\$c.pcap -Y '_ws.malformed || _ws.expert.severity == error' 2>/dev/null | grep . && exit 1; done; exit 0"

check "no sanitizer report in any router's log, every router but ms2 still running" \
	sh -c "for r in $NODES; do grep -E 'Sanitizer|runtime error' '$work/'\$r.log && exit 1;
		[ \$r = ms2 ] || kill -0 \$(cat '$work/'\$r.pid) || exit 1; done; exit 0"

echo "DDT lab test: $n checks, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# The reference lab end to end: scripts/lab.sh brings it up in namespaces
# named for this run only, hosts and routers ping each other (kernel ping on
# the hosts, 'ping ... source Loopback0' in the routers' shells), tshark
# judges what three links carried (traffic between the two sites crosses
# LISP-encapsulated: lab.sh up seed1 starts seed 001's LISP configuration; the
# LISP exchanges themselves are tests/lab/test_seed_mapreq.sh's), and the
# lab goes down again, also on
# failure, leaving no namespace behind.  Skips (77) unless root with
# 'ip netns'.  Every step waits for a condition (a capture running, a
# listener up, the captures holding every frame so far), never a fixed
# time, and has a generous bound; a watchdog ends the run once no check has
# finished for 400 s (LAB_TEST_TIMEOUT; tests/lab/lib.sh's lab_watchdog).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init lisprlab

teardown() {
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
lab_watchdog ${LAB_TEST_TIMEOUT:-400}

# --- the samples and lab.sh describe the same wiring
plan_samples() {
	for r in lisp1 lisp2 mapserver outsideworld; do
		awk -v node=$r '
			function len(m,   a, i, b, l) {
				split(m, a, "."); l = 0
				for (i = 1; i <= 4; i++)
					for (b = 128; b >= 1; b /= 2)
						if (a[i] >= b) { l++; a[i] -= b }
				return l
			}
			/^interface / { ifn = $2 }
			/^ ip address / && ifn !~ /^Loopback/ { print node, ifn, $3 "/" len($4) }
		' "$top_srcdir/samples/$r.conf"
	done | sort
}
plan_samples >"$work/samples.plan"
bash "$LAB" plan | awk '$4 ~ /^02:00:/ && $1 !~ /^host/ { print $1, $2, $3 }' | sort >"$work/lab.plan"
check "samples/*.conf and lab.sh plan agree on every router interface" \
	sh -c "test -s '$work/samples.plan' && diff -u '$work/samples.plan' '$work/lab.plan'"

# --- up
start=$(date +%s)
check "lab.sh up seed1" timeout 300 bash "$LAB" up seed1
check "lab.sh up again: already up, nothing done" \
	sh -c "timeout 60 bash '$LAB' up seed1 | grep -q 'already up'"
ip netns list >"$work/netns"
check "six namespaces named $LAB_PREFIX-*" sh -c "test \$(grep -c '^$LAB_PREFIX-' '$work/netns') -eq 6"
check "the kernel has no IPv4 address on lisp1's veths" \
	sh -c "! ip -n $(ns lisp1) -4 -o addr show | grep -v ' lo ' | grep -q inet"

# --- captures on host1's LAN, the lisp1-mapserver link and host2's LAN
# (tests/capture.sh: each is running when cap_start returns)
captured=""
if [ -n "$TSHARK" ] && cap_ok; then
	captured=1
	for c in "host1 eth0" "mapserver Ethernet0" "host2 eth0"; do
		set -- $c
		check "capture on $1 $2 running" cap_start "$1" "$(ns "$1")" "$2" "$work/$1.pcap"
	done
	# The routers' first Map-Registers resolved 10.0.1.1 before the
	# capture began: let lisp1 ask again on the wire.
	timeout 30 bash "$LAB" exec lisp1 "clear arp-cache" >/dev/null 2>&1
fi

# --- pings: host to host, host to routers, router to router
hping() {	# node address
	ip netns exec "$(ns "$1")" ping -c 3 -i 0.2 -W 2 "$2"
}
check "host1 pings host2 (192.168.2.100)" hping host1 192.168.2.100
check "host2 pings host1 (192.168.1.100)" hping host2 192.168.1.100
check "host1 pings lisp1 Loopback0 (192.168.1.1)" hping host1 192.168.1.1
check "host1 pings lisp2 Loopback0 (192.168.2.1)" hping host1 192.168.2.1
check "host1 pings mapserver (10.0.3.1)" hping host1 10.0.3.1
check "host1 pings outsideworld Loopback0 (4.2.2.2)" hping host1 4.2.2.2
check "host2 pings lisp1 Loopback0 (192.168.1.1)" hping host2 192.168.1.1
check "host2 pings outsideworld Loopback0 (4.2.2.2)" hping host2 4.2.2.2
ip netns exec "$(ns host1)" ping -c 1 -t 2 -W 2 4.2.2.2 >"$work/ttl" 2>&1
check "host1, TTL 2 to 4.2.2.2: Time Exceeded from mapserver (10.0.1.1)" \
	grep -q "From 10.0.1.1.*Time to live exceeded" "$work/ttl"

# Kernel TCP between the hosts, through three routers.
# Needs ethtool (lab.sh turns the hosts' offloads off with it).
PY=$(command -v /usr/bin/python3 || command -v python3 || true)
command -v ethtool >/dev/null 2>&1 || { PY=""; echo "skip TCP checks (no ethtool)"; }
if [ -n "$PY" ]; then
	cat >"$work/tcpd.py" <<'EOF'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 5001))
s.listen(1)
s.settimeout(60)
c, _ = s.accept()
c.settimeout(30)
n = 0
while True:
    d = c.recv(65536)
    if not d:
        break
    n += len(d)
print(n)
EOF
	cat >"$work/tcp.py" <<'EOF'
import socket
s = socket.create_connection(("192.168.2.100", 5001), timeout=30)
s.sendall(b"lispr" * 200000)
s.close()
EOF
	ip netns exec "$(ns host2)" timeout 90 "$PY" "$work/tcpd.py" >"$work/tcpd" 2>&1 &
	tcpd=$!
	# The client connects once host2 listens (python may start slowly).
	check "host2 listens on TCP 5001" wait_until 60 \
		sh -c "ip netns exec '$(ns host2)' ss -Hltn 'sport = :5001' | grep -q ."
	check "host1 sends 1,000,000 bytes to host2 over TCP" \
		ip netns exec "$(ns host1)" timeout 60 "$PY" "$work/tcp.py"
	wait $tcpd
	check "host2 receives all 1,000,000" grep -qx 1000000 "$work/tcpd"
fi

rping() {	# router, shell command, source address or "": IOS ping output
	timeout 60 bash "$LAB" exec "$1" "$2" >"$work/rping" 2>&1
	cat "$work/rping"
	grep -Eq "Success rate is (80|100) percent" "$work/rping" || return 1
	[ -z "$3" ] || grep -q "Packet sent with a source address of $3\$" "$work/rping"
}
check "lisp1# ping 4.2.2.2 source Loopback0 repeat 5" \
	rping lisp1 "ping 4.2.2.2 source Loopback0 repeat 5" 192.168.1.1
check "lisp2# ping 192.168.1.1 source Loopback0 repeat 5" \
	rping lisp2 "ping 192.168.1.1 source Loopback0 repeat 5" 192.168.2.1
check "outsideworld# ping 192.168.1.100 source Loopback0 repeat 5" \
	rping outsideworld "ping 192.168.1.100 source Loopback0 repeat 5" 4.2.2.2
check "mapserver# ping 192.168.2.100 repeat 5" \
	rping mapserver "ping 192.168.2.100 repeat 5" ""

timeout 60 bash "$LAB" exec lisp1 "show ip route" >"$work/route" 2>&1
check "lisp1# show ip route: the default route via 10.0.1.1 and both connected subnets" \
	sh -c "cat '$work/route'; grep -q '0\.0\.0\.0/0.*10\.0\.1\.1' '$work/route' &&
		grep -q '^C .*10\.0\.1\.0/24.*Ethernet0' '$work/route' &&
		grep -q '^C .*192\.168\.1\.64/26.*Ethernet1' '$work/route'"
timeout 60 bash "$LAB" exec lisp1 "show arp" >"$work/arp" 2>&1
check "lisp1# show arp: mapserver's MAC 0200.0a00.0101 on Ethernet0" \
	sh -c "cat '$work/arp'; grep -q '10\.0\.1\.1 .*0200\.0a00\.0101.*Ethernet0' '$work/arp'"
timeout 60 bash "$LAB" exec lisp1 "show ip interface brief" >"$work/brief" 2>&1
check "lisp1# show ip interface brief: Ethernet0 10.0.1.2 up/up" \
	sh -c "cat '$work/brief'; grep -Eq '^Ethernet0 +10\.0\.1\.2 .*up +up' '$work/brief'"

# --- what the wires carried
if [ -n "$captured" ]; then
	check "the captures hold every frame so far; stopped" cap_stop
	# One line a frame: Ethernet source, destination and type, then IPv4,
	# ICMP, ARP and TCP fields and the frame length, tab-separated; a
	# LISP-encapsulated packet's IPv4 fields are "outer|inner".  Fields:
	#  1 eth.src  2 eth.dst  3 eth.type  4 ip.src  5 ip.dst  6 ip.ttl
	#  7 ip.checksum.status  8 icmp.type  9 icmp.checksum.status
	# 10 arp.opcode  11 arp.src.hw_mac  12 arp.src.proto_ipv4
	# 13 arp.dst.proto_ipv4  14 tcp.checksum.status  15 frame.len
	# 16 ip.proto  17 tcp.checksum  18 tcp.checksum_calculated
	for c in host1 mapserver host2; do
		timeout 60 "$TSHARK" -r "$work/$c.pcap" -Y "$CAP_FILTER" -o ip.check_checksum:TRUE \
			-o tcp.check_checksum:TRUE -E occurrence=a -E aggregator='|' \
			-T fields -e eth.src -e eth.dst -e eth.type -e ip.src -e ip.dst \
			-e ip.ttl -e ip.checksum.status -e icmp.type -e icmp.checksum.status \
			-e arp.opcode -e arp.src.hw_mac -e arp.src.proto_ipv4 -e arp.dst.proto_ipv4 \
			-e tcp.checksum.status -e frame.len -e ip.proto \
			-e tcp.checksum -e tcp.checksum_calculated \
			>"$work/$c.txt" 2>"$work/$c.tshark"
		timeout 60 "$TSHARK" -r "$work/$c.pcap" -o ip.check_checksum:TRUE \
			-Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error)" >"$work/$c.bad" 2>>"$work/$c.tshark"
	done
	# ttl FILE SRC DST ICMPTYPE WANT: every such packet has TTL WANT, and
	# there is one.  A packet is plain (its first IP header, then maybe the
	# header an ICMP error quotes) or LISP data (outer UDP, then the
	# packet): there SRC and DST are the inner header's and WANT is
	# "outer|inner".
	ttl() {
		awk -F'\t' -v s="$2" -v d="$3" -v t="$4" -v want="$5" '
			function el(x, i,   a) { return split(x, a, "|") >= i ? a[i] : "" }
			el($8, 1) != t { next }
			el($16, 1) == 17 && el($4, 2) == s && el($5, 2) == d { n++; if ($6 != want) { bad++; print "TTL " $6 } }
			el($16, 1) != 17 && el($4, 1) == s && el($5, 1) == d { n++; if (el($6, 1) != want) { bad++; print "TTL " $6 } }
			END { if (!n) print "no such packets"; exit !(n && !bad) }' "$work/$1.txt"
	}
	check "tshark: host1 LAN, echo requests to host2 leave with TTL 64" ttl host1 192.168.1.100 192.168.2.100 8 64
	check "tshark: lisp1-mapserver link, they cross LISP-encapsulated by lisp1, outer and inner TTL 63" \
		ttl mapserver 192.168.1.100 192.168.2.100 8 "63|63"
	check "tshark: host2 LAN, they arrive with TTL 61 (lisp1, mapserver on the outer header, lisp2)" \
		ttl host2 192.168.1.100 192.168.2.100 8 61
	check "tshark: host2's echo replies leave with TTL 64" ttl host2 192.168.2.100 192.168.1.100 0 64
	check "tshark: they cross the lisp1-mapserver link encapsulated by lisp2: outer TTL 62 (mapserver), inner 63" \
		ttl mapserver 192.168.2.100 192.168.1.100 0 "62|63"
	check "tshark: they reach host1 with TTL 61 (lisp1 takes the smaller of outer and inner)" \
		ttl host1 192.168.2.100 192.168.1.100 0 61
	check "tshark: lisp2's echo replies (TTL 255) reach host1 with TTL 253" ttl host1 192.168.2.1 192.168.1.100 0 253
	check "tshark: lisp1's own echo requests from 192.168.1.1 to 4.2.2.2 leave with TTL 255" \
		ttl mapserver 192.168.1.1 4.2.2.2 8 255
	check "tshark: outsideworld's replies to them cross mapserver: TTL 254" \
		ttl mapserver 4.2.2.2 192.168.1.1 0 254
	check "tshark: Time Exceeded from 10.0.1.1 reaches host1 with TTL 254" \
		ttl host1 10.0.1.1 192.168.1.100 11 254
	for c in host1 mapserver host2; do
		# (an ICMP error's quoted echo is cut short: tshark cannot check it)
		check "tshark: $c capture: every IPv4 and ICMP checksum good" \
			awk -F'\t' '$4 != "" { n++; if ($7 !~ /^1(\|1)*$/ || ($8 != "" && $9 !~ /^1(\|.*)?$/)) { bad++; print } }
				END { exit !(n > 10 && !bad) }' "$work/$c.txt"
		check "tshark: $c capture: nothing malformed, no expert errors" \
			sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad' && test -s '$work/$c.txt'"
	done
	if [ -n "$PY" ]; then
		# A segment whose checksum is zero leaves a host that computes
		# checksums in software (lab.sh turns the offload off) as 0xffff:
		# Linux's skb_checksum_help() writes the one's-complement negative
		# zero (CSUM_MANGLED_0) there, about one segment in 65,536.  It
		# verifies the same as 0x0000 (RFC 1624, section 3) and every
		# receiver takes it, but tshark calls it bad ("0xffff instead of
		# 0x0000"): it is the host's, passed on unchanged, and counts as
		# good here; any other mismatch does not.
		check "tshark: lisp1-mapserver link, the TCP segments: good checksums, no frame over 1514 bytes" \
			awk -F'\t' '$14 != "" { n++
				if ($14 == 0 && $17 == "0xffff" && $18 == "0x0000") { z++; if ($15 <= 1514) next }
				if ($14 != 1 || $15 > 1514) { bad++; print } }
				END { print n " segments, " z + 0 " with a zero checksum sent as 0xffff"; exit !(n > 100 && !bad) }' "$work/mapserver.txt"
	fi
	check "tshark: lisp1-mapserver link, only the two routers' MACs, only IPv4 and ARP" \
		awk -F'\t' '($1 != "02:00:0a:00:01:02" && $1 != "02:00:0a:00:01:01") ||
			($3 != "0x0800" && $3 != "0x0806") { bad++; print }
			END { exit !(NR > 10 && !bad) }' "$work/mapserver.txt"
	check "tshark: lisp1-mapserver link, lisp1 asks who has 10.0.1.1 (ARP request)" \
		awk -F'\t' '$10 == 1 && $12 == "10.0.1.2" && $13 == "10.0.1.1" { f = 1 } END { exit !f }' "$work/mapserver.txt"
	check "tshark: lisp1-mapserver link, mapserver answers 10.0.1.1 is-at 02:00:0a:00:01:01" \
		awk -F'\t' '$10 == 2 && $12 == "10.0.1.1" && $11 == "02:00:0a:00:01:01" && $13 == "10.0.1.2" { f = 1 } END { exit !f }' "$work/mapserver.txt"
	check "tshark: host1 LAN, lisp1 answers host1's ARP: 192.168.1.65 is-at 02:00:c0:a8:01:41" \
		awk -F'\t' '$10 == 2 && $12 == "192.168.1.65" && $11 == "02:00:c0:a8:01:41" && $13 == "192.168.1.100" { f = 1 } END { exit !f }' "$work/host1.txt"
else
	echo "skip tshark checks (no tshark, tcpdump or python3)"
fi

# --- status, then down
timeout 120 bash "$LAB" status >"$work/status" 2>&1
check "lab.sh status: every node answers every node in the ping matrix" \
	sh -c "cat '$work/status'; grep -A8 '^ping matrix' '$work/status' | awk 'NR > 2' >'$work/matrix';
	       test \$(wc -l <'$work/matrix') -eq 6 && ! grep -q '[.?]' '$work/matrix'"
pids=$(cat "$LAB_RUN"/*.pid 2>/dev/null | tr '\n' ' ')
check "lab.sh down" timeout 120 bash "$LAB" down
check "no namespace named $LAB_PREFIX-* remains" sh -c "! ip netns list | grep '^$LAB_PREFIX-'"
check "no lab router process remains (of: $pids)" \
	sh -c "test -n '$pids' && for p in $pids; do ! kill -0 \$p 2>/dev/null || exit 1; done"
check "the four routers' logs have no sanitizer report" \
	sh -c "test \$(ls '$LAB_RUN'/*.log | wc -l) -eq 4 && ! grep -A20 'Sanitizer\|runtime error' '$LAB_RUN'/*.log"
check "lab.sh down again: nothing to do, no error" timeout 120 bash "$LAB" down
kill $watchdog 2>/dev/null
echo "lab test: $n checks, $fail failed, $(($(date +%s) - start)) s"
[ "$fail" -eq 0 ]

#!/bin/sh
# The dual-stack reference lab (issue 12): scripts/lab.sh brings the
# samples (the final state, IPv4 and IPv6 on every link, LAN, loopback and
# host) up in namespaces named for this run, and tshark judges what
# mapserver's links to lisp1 (A), lisp2 (B) and outsideworld (O) and the
# two LANs carried, in all four combinations of EID and RLOC families:
#   1. the plan: samples/*.conf and 'lab.sh plan' agree on every IPv6
#      address; the kernel in a router's namespace has no IPv6 on the
#      veths; every router's addresses pass DAD;
#   2. the IPv6 underlay: the hosts reach their xTR, the xTRs reach each
#      other's RLOC across mapserver and mapserver reaches outsideworld,
#      with Neighbor Discovery on the wire (NS from the router's address,
#      NA with the Router and Solicited flags and the MAC of the plan),
#      hop limits decremented per router, ICMPv6 checksums good, only the
#      two routers' MACs on A, nothing malformed;
#   3. IPv4 EIDs over IPv6 RLOCs: both xTRs register their IPv4
#      EID-prefix with an IPv6 locator to the IPv6 map-server address
#      (the shells configure it: the samples keep the IPv4 mapping
#      system the IPv4 lab tests check); host to host ping and a TCP
#      transfer; on the wire (A and B, mapserver's link to lisp2) the ECM
#      over IPv6 with an IPv4 inner header and both ITR-RLOCs, its
#      forwarding to lisp2, the Map-Reply with the IPv6 locator, the
#      data in outer IPv6/UDP 4341 with the TTL rules, every UDP checksum
#      over IPv6 computed and good, the negative reply for 4.2.2.2;
#   4. IPv6 EIDs over IPv4 RLOCs: the samples' 'ipv6 lisp' twins on the
#      xTRs (2001:db8:N::/48 behind 10.0.N.2) and on mapserver (IPv6 site
#      prefixes, PETR, PITR with 2001:db8::/32 sending Map-Requests), in
#      the running-config from the start (section 3 leaves them alone:
#      the mapping system is per family, this one enters them again);
#      ping6 and TCP host to host; the ECM with an IPv6 inner header, the
#      Map-Reply, data in outer IPv4 with the TTL and hop limit rules; a
#      non-EID (2001:4860:4860::8888): the negative Map-Reply's prefix
#      covers it and neither site, the echoes go to the PETR and come back
#      through the PITR;
#   5. IPv6 EIDs over IPv6 RLOCs: the locators moved to fd00:10:0:N::2,
#      ping6 and TCP, data in outer IPv6 with the UDP checksum computed.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition (DAD done, a capture running, the
# captures holding every frame so far), never a fixed time; a watchdog
# ends the run once no check has finished for LAB_TEST_TIMEOUT seconds
# (400; tests/lab/lib.sh's lab_watchdog).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init labv6 captures

watchdog=""
teardown() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
lab_watchdog ${LAB_TEST_TIMEOUT:-400}

rsh() {	# node command...: a router's shell (commands on stdin without one)
	timeout 60 bash "$LAB" exec "$@"
}
rping() {	# name node command: output in $work/ping.NAME, its marks shown
	rsh "$2" "$3" >"$work/ping.$1" 2>&1
	cat "$work/ping.$1"
}
marks() {	# name regex: the ping's marks line matches
	grep -Eq "$2" "$work/ping.$1"
}

# --- 1. the plan
# samples: 'node interface address/len' for every IPv6 address not on a
# loopback; lab.sh plan: the rows of its IPv6 table.  Both lower case.
for r in lisp1 lisp2 mapserver outsideworld; do
	awk -v node=$r '/^interface / { ifn = $2 }
		/^ ipv6 address / && ifn !~ /^Loopback/ && $3 !~ /link-local|eui-64/ { print node, ifn, tolower($3) }
		/^!$/ { ifn = "" }' "$top_srcdir/samples/$r.conf"
done | sort >"$work/samples6.plan"
bash "$LAB" plan | awk '/^IPv6/ { t = 1; next } t && $4 ~ /^fe80::/ && $1 !~ /^host/ { print $1, $2, $3 }' |
	sort >"$work/lab6.plan"
check "samples/*.conf and lab.sh plan agree on every router's IPv6 address" \
	sh -c "cat '$work/lab6.plan'; test \$(wc -l <'$work/samples6.plan') -eq 8 && diff -u '$work/samples6.plan' '$work/lab6.plan'"
# lab.sh plan's link-local addresses are lispr's (EUI-64 of the plan's MACs):
# checked against the routers below.
bash "$LAB" plan | awk '/^IPv6/ { t = 1; next } t && $4 ~ /^fe80::/ { print $1, $2, $4 }' >"$work/ll.plan"

start=$(date +%s)
check "lab.sh up (samples: the final state, dual-stack)" timeout 300 bash "$LAB" up
[ "$fail" -eq 0 ] || { echo "dual-stack lab test: no lab, $n checks, $fail failed"; exit 1; }
check "the kernel has no IPv6 address on any router veth (lispr alone answers ND)" \
	sh -c "for r in lisp1 lisp2 mapserver outsideworld; do
		ip -n $LAB_PREFIX-\$r -6 -o addr show | grep -v ' lo ' | grep inet6 && exit 1
		done; exit 0"
check "host1 and host2: their IPv6 address and default route" \
	sh -c "ip -n $(ns host1) -6 -o addr show dev eth0 | grep -q '2001:db8:1:64::100/64' &&
		ip -n $(ns host1) -6 route show default | grep -q 'via 2001:db8:1:64::65' &&
		ip -n $(ns host2) -6 -o addr show dev eth0 | grep -q '2001:db8:2:64::100/64' &&
		ip -n $(ns host2) -6 route show default | grep -q 'via 2001:db8:2:64::65'"
dad_done() {	# router: every address it has is past DAD (not TENTATIVE)
	rsh "$1" "show ipv6 interface brief" >"$work/brief.$1" 2>&1 || return 1
	grep -q '^ *FE80::' "$work/brief.$1" && ! grep -q 'TEN' "$work/brief.$1"
}
for r in lisp1 lisp2 mapserver outsideworld; do
	check "$r# show ipv6 interface brief: its addresses past DAD" wait_until 120 dad_done $r
done
ll_ok() {	# every router interface's link-local is the plan's
	awk '$1 !~ /^host/' "$work/ll.plan" | while read -r node ifn ll; do
		awk -v i="$ifn" -v ll="$ll" '$1 == i { f = 1; next } f && /^[^ ]/ { f = 0 }
			f && tolower($1) == ll { ok = 1 } END { exit !ok }' "$work/brief.$node" ||
			{ echo "$node $ifn: no $ll"; cat "$work/brief.$node"; exit 1; }
	done
}
check "lab.sh plan's link-local addresses are the routers' (EUI-64 of the MACs)" ll_ok
check "lisp1# show ipv6 interface brief: Ethernet0 FD00:10:0:1::2, Ethernet1 2001:DB8:1:64::65, Loopback0 2001:DB8:1::1" \
	sh -c "cat '$work/brief.lisp1'; grep -q '^ *FD00:10:0:1::2\$' '$work/brief.lisp1' &&
		grep -q '^ *2001:DB8:1:64::65\$' '$work/brief.lisp1' && grep -q '^ *2001:DB8:1::1\$' '$work/brief.lisp1'"

# --- captures: mapserver Ethernet0 (A, to lisp1), Ethernet1 (B, to lisp2),
# Ethernet2 (O), both LANs
for c in "A mapserver Ethernet0" "B mapserver Ethernet1" "O mapserver Ethernet2" "H1 host1 eth0" "H2 host2 eth0"; do
	set -- $c
	check "capture $1 ($2 $3) running" cap_start "$1" "$(ns "$2")" "$3" "$work/$1.pcap"
done

# --- 2. the IPv6 underlay
hping6() {	# node address: 3 of 3 (the first waits for ND on every hop)
	ip netns exec "$(ns "$1")" ping -6 -n -c 1 -W 5 "$2" >/dev/null 2>&1
	ip netns exec "$(ns "$1")" ping -6 -n -c 3 -i 0.2 -W 2 "$2"
}
check "host1 ping6 lisp1 (2001:db8:1:64::65)" hping6 host1 2001:db8:1:64::65
check "host1 ping6 lisp1 Loopback0 (2001:db8:1::1)" hping6 host1 2001:db8:1::1
check "host2 ping6 lisp2 Loopback0 (2001:db8:2::1)" hping6 host2 2001:db8:2::1
rping u0 lisp1 "ping ipv6 fd00:10:0:1::1 repeat 5" >/dev/null
check "lisp1# ping ipv6 fd00:10:0:1::1 (mapserver, on the link): at most the first lost to ND" \
	sh -c "cat '$work/ping.u0'; grep -Eq '^[.!]!!!!\$' '$work/ping.u0'"
rping u1 lisp1 "ping ipv6 fd00:10:0:2::2 repeat 5" >/dev/null
check "lisp1# ping ipv6 fd00:10:0:2::2 (lisp2's IPv6 RLOC, through mapserver): !!!!!" \
	sh -c "cat '$work/ping.u1'; grep -q '^!!!!!\$' '$work/ping.u1'"
rping u2 lisp2 "ping ipv6 fd00:10:0:1::2 repeat 5" >/dev/null
check "lisp2# ping ipv6 fd00:10:0:1::2 (lisp1's IPv6 RLOC): !!!!!" \
	sh -c "cat '$work/ping.u2'; grep -q '^!!!!!\$' '$work/ping.u2'"
rping u3 mapserver "ping ipv6 2001:4860:4860::8888 repeat 5" >/dev/null
check "mapserver# ping ipv6 2001:4860:4860::8888 (outsideworld Loopback0, a static route): !!!!!" \
	sh -c "cat '$work/ping.u3'; grep -q '^!!!!!\$' '$work/ping.u3'"
rping u4 outsideworld "ping ipv6 fd00:10:0:1::2 repeat 5 source Loopback0" >/dev/null
check "outsideworld# ping ipv6 fd00:10:0:1::2 source Loopback0: no answer (lisp1 has no route to 2001:4860:4860::8888)" \
	sh -c "cat '$work/ping.u4'; grep -Eq '^[.U]{5}\$' '$work/ping.u4'"
rsh lisp1 "show ipv6 route" >"$work/rt6" 2>&1
check "lisp1# show ipv6 route: the two static routes via FD00:10:0:1::1, no default" \
	sh -c "cat '$work/rt6'; grep -A1 '^S   FD00:10:0:2::/64 ' '$work/rt6' | grep -q 'via FD00:10:0:1::1' &&
		grep -A1 '^S   FD00:10:0:3::1/128 ' '$work/rt6' | grep -q 'via FD00:10:0:1::1' && ! grep -q '^S   ::/0' '$work/rt6'"
rsh lisp1 "show ipv6 neighbors" >"$work/nb6" 2>&1
check "lisp1# show ipv6 neighbors: mapserver FD00:10:0:1::1 at 0200.0a00.0101 on Ethernet0" \
	sh -c "cat '$work/nb6'; grep -Eiq '^FD00:10:0:1::1 .*0200\.0a00\.0101 .*Ethernet0' '$work/nb6'"

# --- 3. IPv4 EIDs over IPv6 RLOCs (IPv4-in-IPv6)
# Both xTRs move their IPv4 EID-prefix's locator, map-resolver and
# map-server to IPv6: the locator is the xTR's fd00:10:0:N::2, the mapping
# system fd00:10:0:3::1 (mapserver, as 10.0.3.1 is).  The sites take the
# IPv6 locators as they come (no allowed-locator list).
echo "# 3. IPv4 EIDs over IPv6 RLOCs"
cfg() {	# node line...: one configure terminal session; fails on a '%' line
	node=$1; shift
	{ echo "configure terminal"; printf '%s\n' "$@"; echo "end"; } | rsh "$node"
}
# The samples are dual-stack LISP: the xTRs run the 'ipv6 lisp' twins of
# their IPv4 lines from the start.
for x in 1 2; do
	rsh lisp$x "show running-config" >"$work/run6.$x" 2>&1
	check "lisp$x# show running-config: the samples' ipv6 lisp lines (itr-etr, database-mapping 2001:db8:$x::/48 10.0.$x.2, map-resolver, map-server, use-petr 10.0.3.1)" \
		sh -c "grep '^ipv6 lisp' '$work/run6.$x'; grep -qx 'ipv6 lisp itr-etr' '$work/run6.$x' &&
			grep -qix 'ipv6 lisp database-mapping 2001:db8:$x::/48 10.0.$x.2 priority 1 weight 100' '$work/run6.$x' &&
			grep -qx 'ipv6 lisp itr map-resolver 10.0.3.1' '$work/run6.$x' &&
			grep -qx 'ipv6 lisp etr map-server 10.0.3.1 key lisp-seed-key' '$work/run6.$x' &&
			grep -qx 'ipv6 lisp use-petr 10.0.3.1' '$work/run6.$x'"
done
# The mapping system is per family, as on IOS: the 'ip lisp' lines move
# to fd00:10:0:3::1 while the 'ipv6 lisp' ones keep 10.0.3.1, so IPv4
# EIDs are asked for and registered over IPv6 only, and the IPv6 ones
# (section 4) over IPv4 only.
for x in 1 2; do
	check "lisp$x(config)# ip lisp database-mapping 192.168.$x.0/24 fd00:10:0:$x::2 priority 1 weight 100; ip lisp map-resolver, map-server fd00:10:0:3::1 (the IPv4 ones removed; the ipv6 lisp lines keep 10.0.3.1)" \
		cfg lisp$x "ip lisp database-mapping 192.168.$x.0/24 fd00:10:0:$x::2 priority 1 weight 100" \
		"no ip lisp database-mapping 192.168.$x.0/24 10.0.$x.2" \
		"ip lisp itr map-resolver fd00:10:0:3::1" "no ip lisp itr map-resolver 10.0.3.1" \
		"ip lisp etr map-server fd00:10:0:3::1 key lisp-seed-key" "no ip lisp etr map-server 10.0.3.1"
	rsh lisp$x "show running-config" >"$work/run46.$x" 2>&1
	check "lisp$x# show running-config: ip lisp itr map-resolver / etr map-server fd00:10:0:3::1 only, ipv6 lisp ones 10.0.3.1 only" \
		sh -c "grep 'lisp itr map-resolver\|lisp etr map-server' '$work/run46.$x';
			grep -qix 'ip lisp itr map-resolver fd00:10:0:3::1' '$work/run46.$x' &&
			! grep -qx 'ip lisp itr map-resolver 10.0.3.1' '$work/run46.$x' &&
			grep -qx 'ipv6 lisp itr map-resolver 10.0.3.1' '$work/run46.$x' &&
			! grep -qix 'ipv6 lisp itr map-resolver fd00:10:0:3::1' '$work/run46.$x' &&
			grep -qix 'ip lisp etr map-server fd00:10:0:3::1 key lisp-seed-key' '$work/run46.$x' &&
			! grep -q '^ip lisp etr map-server 10\.0\.3\.1 ' '$work/run46.$x' &&
			grep -qx 'ipv6 lisp etr map-server 10.0.3.1 key lisp-seed-key' '$work/run46.$x'"
done
registered6() {	# both sites registered from their IPv6 RLOC
	rsh mapserver "show lisp site" >"$work/site6" 2>&1 &&
	grep -Eq '^siteA .* yes +fd00:10:0:1::2 +192\.168\.1\.0/24' "$work/site6" &&
	grep -Eq '^siteB .* yes +fd00:10:0:2::2 +192\.168\.2\.0/24' "$work/site6"
}
check "mapserver# show lisp site: siteA and siteB registered over IPv6 (fd00:10:0:1::2, fd00:10:0:2::2)" \
	wait_until 120 registered6
rsh lisp1 "clear ip lisp map-cache" >/dev/null 2>&1
rsh lisp2 "clear ip lisp map-cache" >/dev/null 2>&1
t46=$(date +%s.%N)
check "host1 pings host2 (192.168.2.100) across the IPv6 core" \
	sh -c "ip netns exec $(ns host1) ping -c 1 -W 5 192.168.2.100 >/dev/null 2>&1;
		ip netns exec $(ns host1) ping -c 3 -i 0.2 -W 2 192.168.2.100"
check "host2 pings host1 (192.168.1.100)" ip netns exec "$(ns host2)" ping -c 3 -i 0.2 -W 2 192.168.1.100
rsh lisp1 "show ip lisp map-cache" >"$work/mc46" 2>&1
check "lisp1# show ip lisp map-cache: 192.168.2.0/24 via map-reply, locator fd00:10:0:2::2 up 1/100" \
	sh -c "cat '$work/mc46'; grep -A3 '^192\.168\.2\.0/24, .*via map-reply, complete' '$work/mc46' |
		grep -Eq '^  fd00:10:0:2::2 .* up +1/100\$'"
# Kernel TCP between the hosts over IPv4-in-IPv6: 56 bytes of outer
# IPv6/UDP/LISP headers, so the hosts learn a smaller path MTU from
# lisp1's ICMP (DF is set) and no frame on the wire is over 1514 bytes.
if command -v ethtool >/dev/null 2>&1; then
	cat >"$work/tcpd.py" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
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
PYEOF
	cat >"$work/tcp.py" <<'PYEOF'
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=30)
s.sendall(b"lispr" * 200000)
s.close()
PYEOF
	tcp() {	# server-address port description
		ip netns exec "$(ns host2)" timeout 90 "$PY" "$work/tcpd.py" "$1" "$2" >"$work/tcpd.$2" 2>&1 &
		tcpd=$!
		check "host2 listens on TCP $2" wait_until 60 \
			sh -c "ip netns exec '$(ns host2)' ss -Hltn 'sport = :$2' | grep -q ."
		check "host1 sends 1,000,000 bytes to host2 ($1) over TCP, $3" \
			ip netns exec "$(ns host1)" timeout 60 "$PY" "$work/tcp.py" "$1" "$2"
		wait $tcpd
		check "host2 receives all 1,000,000" grep -qx 1000000 "$work/tcpd.$2"
	}
	tcpok=1
	tcp 192.168.2.100 5001 "IPv4 in IPv6"
else
	echo "skip TCP checks (no ethtool)"
fi
t46b=$(date +%s.%N)
check "host1 pings 4.2.2.2 (a non-EID: negative Map-Reply over the IPv6 mapping system, the PETR 10.0.3.1)" \
	sh -c "ip netns exec $(ns host1) ping -c 1 -W 5 4.2.2.2 >/dev/null 2>&1;
		ip netns exec $(ns host1) ping -c 3 -i 0.2 -W 2 4.2.2.2"
t46c=$(date +%s.%N)

# --- 4. IPv6 EIDs over IPv4 RLOCs (IPv6-in-IPv4), 5. over IPv6 (IPv6-in-IPv6)
# The samples' classic 'ipv6 lisp' twins of their IPv4 LISP lines:
# 2001:db8:N::/48 behind the xTR's IPv4 RLOC, the IPv4 mapping system
# 10.0.3.1, the PETR 10.0.3.1; mapserver as Map-Server/Map-Resolver for
# the IPv6 site prefixes, PETR and PITR (2001:db8::/32 sends
# Map-Requests).  The routers run them from their startup-config; the
# shells enter them again, which changes nothing but registers at once
# (mapserver takes the IPv6 site prefixes first).
echo "# 4. IPv6 EIDs over IPv4 RLOCs"
check "mapserver(config)# ipv6 lisp map-server, map-resolver, proxy-etr, proxy-itr 10.0.3.1, itr map-resolver 10.0.3.1, map-cache 2001:db8::/32 map-request; eid-prefix 2001:db8:N::/48 in each site" \
	cfg mapserver "ipv6 lisp map-server" "ipv6 lisp map-resolver" "lisp site siteA" "eid-prefix 2001:db8:1::/48" "exit" \
	"lisp site siteB" "eid-prefix 2001:db8:2::/48" "exit" "ipv6 lisp proxy-etr" "ipv6 lisp proxy-itr 10.0.3.1" \
	"ipv6 lisp itr map-resolver 10.0.3.1" "ipv6 lisp map-cache 2001:db8::/32 map-request"
for x in 1 2; do
	check "lisp$x(config)# ipv6 lisp itr-etr; ipv6 lisp database-mapping 2001:db8:$x::/48 10.0.$x.2 priority 1 weight 100; ipv6 lisp itr map-resolver, etr map-server, use-petr 10.0.3.1" \
		cfg lisp$x "ipv6 lisp itr-etr" "ipv6 lisp database-mapping 2001:db8:$x::/48 10.0.$x.2 priority 1 weight 100" \
		"ipv6 lisp itr map-resolver 10.0.3.1" "ipv6 lisp etr map-server 10.0.3.1 key lisp-seed-key" \
		"ipv6 lisp use-petr 10.0.3.1"
done
registered66() {	# want-rloc-1 want-rloc-2: both IPv6 EID-prefixes registered from them
	# (a site's second prefix is on a line of its own, without the name)
	rsh mapserver "show lisp site" >"$work/site66" 2>&1 &&
	grep -Eiq " yes +$1 +2001:db8:1::/48\$" "$work/site66" &&
	grep -Eiq " yes +$2 +2001:db8:2::/48\$" "$work/site66"
}
reg66() {	# seconds rloc-1 rloc-2
	wait_until "$1" registered66 "$2" "$3" || { cat "$work/site66"; return 1; }
}
check "mapserver# show lisp site: 2001:db8:1::/48 and 2001:db8:2::/48 registered from 10.0.1.2 and 10.0.2.2" \
	reg66 120 10.0.1.2 10.0.2.2
t64=$(date +%s.%N)
check "host1 ping6 host2 (2001:db8:2:64::100) across the IPv4 core" \
	sh -c "ip netns exec $(ns host1) ping -6 -n -c 1 -W 5 2001:db8:2:64::100 >/dev/null 2>&1;
		ip netns exec $(ns host1) ping -6 -n -c 3 -i 0.2 -W 2 2001:db8:2:64::100"
check "host2 ping6 host1 (2001:db8:1:64::100)" ip netns exec "$(ns host2)" ping -6 -n -c 3 -i 0.2 -W 2 2001:db8:1:64::100
[ -n "${tcpok:-}" ] && tcp 2001:db8:2:64::100 5002 "IPv6 in IPv4"
check "host1 ping6 2001:4860:4860::8888 (no EID: negative Map-Reply, the PETR out, the PITR back)" \
	sh -c "ip netns exec $(ns host1) ping -6 -n -c 2 -W 5 2001:4860:4860::8888 >/dev/null 2>&1;
		ip netns exec $(ns host1) ping -6 -n -c 3 -i 0.2 -W 2 2001:4860:4860::8888"
rsh lisp1 "show ipv6 lisp map-cache" >"$work/mc64" 2>&1
check "lisp1# show ipv6 lisp map-cache: 2001:db8:2::/48 via map-reply, locator 10.0.2.2" \
	sh -c "cat '$work/mc64'; grep -iA3 '^2001:db8:2::/48, .*via map-reply' '$work/mc64' | grep -Eq '^  10\.0\.2\.2 .* up'"
t64b=$(date +%s.%N)

echo "# 5. IPv6 EIDs over IPv6 RLOCs"
for x in 1 2; do
	check "lisp$x(config)# ipv6 lisp database-mapping 2001:db8:$x::/48 fd00:10:0:$x::2 priority 1 weight 100 (the IPv4 locator removed)" \
		cfg lisp$x "ipv6 lisp database-mapping 2001:db8:$x::/48 fd00:10:0:$x::2 priority 1 weight 100" \
		"no ipv6 lisp database-mapping 2001:db8:$x::/48 10.0.$x.2"
done
# (show lisp site names who sent the last Map-Register, not the locator:
# the xTRs' map-servers are now 10.0.3.1 and fd00:10:0:3::1 both)
for x in 1 2; do
	rsh lisp$x "show ipv6 lisp database" >"$work/db6.$x" 2>&1
	check "lisp$x# show ipv6 lisp database: 2001:db8:$x::/48 with the one locator fd00:10:0:$x::2" \
		sh -c "cat '$work/db6.$x'; grep -iA3 '^2001:db8:$x::/48\$' '$work/db6.$x' | grep -iq '^  fd00:10:0:$x::2 .*reachable' &&
			! grep -q '^  10\.0\.$x\.2 ' '$work/db6.$x'"
done
rsh lisp1 "clear ipv6 lisp map-cache" >/dev/null 2>&1
rsh lisp2 "clear ipv6 lisp map-cache" >/dev/null 2>&1
t66=$(date +%s.%N)
check "host1 ping6 host2 across the IPv6 core" \
	sh -c "ip netns exec $(ns host1) ping -6 -n -c 1 -W 5 2001:db8:2:64::100 >/dev/null 2>&1;
		ip netns exec $(ns host1) ping -6 -n -c 3 -i 0.2 -W 2 2001:db8:2:64::100"
[ -n "${tcpok:-}" ] && tcp 2001:db8:2:64::100 5003 "IPv6 in IPv6"
t66b=$(date +%s.%N)

# --- what the wires carried
check "the captures hold every frame so far; stopped" cap_stop
# One line a frame, tab-separated, every occurrence joined by '|':
#  1 eth.src  2 eth.dst  3 eth.type  4 ipv6.src  5 ipv6.dst  6 ipv6.hlim
#  7 icmpv6.type  8 icmpv6.checksum.status  9 icmpv6.nd.ns.target_address
# 10 icmpv6.nd.na.target_address  11 icmpv6.nd.na.flag.r
# 12 icmpv6.nd.na.flag.s  13 icmpv6.opt.linkaddr  14 frame.len
for c in A B O H1 H2; do
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" -Y "$CAP_FILTER" \
		-E occurrence=a -E aggregator='|' -T fields \
		-e eth.src -e eth.dst -e eth.type -e ipv6.src -e ipv6.dst -e ipv6.hlim \
		-e icmpv6.type -e icmpv6.checksum.status -e icmpv6.nd.ns.target_address \
		-e icmpv6.nd.na.target_address -e icmpv6.nd.na.flag.r -e icmpv6.nd.na.flag.s \
		-e icmpv6.opt.linkaddr -e frame.len >"$work/$c.txt" 2>"$work/$c.tshark"
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" \
		-Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error)" >"$work/$c.bad" 2>>"$work/$c.tshark"
done
# hlim FILE SRC DST TYPE WANT: every such ICMPv6 packet has hop limit WANT,
# and there is one.
hlim() {
	awk -F'\t' -v s="$2" -v d="$3" -v t="$4" -v want="$5" '
		$4 == s && $5 == d && $7 == t { k++; if ($6 != want) { bad++; print "hop limit " $6 } }
		END { if (!k) print "no such packets"; exit !(k && !bad) }' "$work/$1.txt"
}
check "tshark A: lisp1's echo requests to fd00:10:0:2::2 leave with hop limit 64" \
	hlim A fd00:10:0:1::2 fd00:10:0:2::2 128 64
check "tshark A: lisp2's replies cross mapserver: hop limit 63" hlim A fd00:10:0:2::2 fd00:10:0:1::2 129 63
check "tshark O: outsideworld's echo replies to mapserver leave with hop limit 64" \
	hlim O 2001:4860:4860::8888 fd00:10:0:3::1 129 64
ll1=$(awk '$1 == "lisp1" && $2 == "Ethernet0" { print $3 }' "$work/ll.plan")
check "tshark A: lisp1 asks for fd00:10:0:1::1 (NS from its link-local $ll1 to the solicited-node group, hop limit 255, its MAC)" \
	awk -F'\t' -v ll="$ll1" '$7 == 135 && $4 == ll && $5 == "ff02::1:ff00:1" && $9 == "fd00:10:0:1::1" &&
		$6 == 255 && $13 == "02:00:0a:00:01:02" { f = 1 } $7 ~ /^13[56]$/ { nd = nd $0 "\n" }
		END { if (!f) printf "%s", nd; exit !f }' "$work/A.txt"
check "tshark A: mapserver answers (NA, Router and Solicited flags, its MAC 02:00:0a:00:01:01)" \
	awk -F'\t' -v ll="$ll1" '$7 == 136 && $4 == "fd00:10:0:1::1" && $5 == ll && $10 == "fd00:10:0:1::1" &&
		$11 == 1 && $12 == 1 && $13 == "02:00:0a:00:01:01" && $6 == 255 { f = 1 } $7 ~ /^13[56]$/ { nd = nd $0 "\n" }
		END { if (!f) printf "%s", nd; exit !f }' "$work/A.txt"
check "tshark H1: lisp1 answers host1's NS for 2001:db8:1:64::65 with its MAC 02:00:c0:a8:01:41" \
	awk -F'\t' '$7 == 136 && $10 == "2001:db8:1:64::65" && $11 == 1 && $12 == 1 && $13 == "02:00:c0:a8:01:41" { f = 1 }
		END { exit !f }' "$work/H1.txt"
for c in A B O H1 H2; do
	check "tshark $c: every ICMPv6 checksum good" \
		awk -F'\t' '$7 != "" { k++; if ($8 !~ /^1(\|1)*$/) { bad++; print } } END { exit !(k > 0 && !bad) }' "$work/$c.txt"
	check "tshark $c: nothing malformed, no expert errors" \
		sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad' && test -s '$work/$c.txt'"
done
# Section 3's frames on A and B, one line a frame, occurrences joined by
# '|' (a LISP packet's ip fields are its inner header's, after the ECM's
# or the data header):
#  1 frame.time_epoch  2 eth.type  3 ipv6.src  4 ipv6.dst  5 ipv6.hlim
#  6 ip.src  7 ip.dst  8 ip.ttl  9 udp.dstport  10 udp.checksum
# 11 udp.checksum.status  12 lisp.type  13 lisp-data.flags.nonce
# 14 lisp.mreq.itr_rloc_ipv4  15 lisp.mreq.itr_rloc_ipv6
# 16 lisp.mreq.record.prefix.ipv4  17 lisp.mapping.eid.ipv4
# 18 lisp.mapping.eid.masklen  19 lisp.loc.locator  20 lisp.mapping.act
# 21 icmp.type  22 ip.proto  23 frame.len
for c in A B; do
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" -Y "$CAP_FILTER" -o udp.check_checksum:TRUE \
		-E occurrence=a -E aggregator='|' -T fields \
		-e frame.time_epoch -e eth.type -e ipv6.src -e ipv6.dst -e ipv6.hlim -e ip.src -e ip.dst \
		-e ip.ttl -e udp.dstport -e udp.checksum -e udp.checksum.status -e lisp.type \
		-e lisp-data.flags.nonce -e lisp.mreq.itr_rloc_ipv4 -e lisp.mreq.itr_rloc_ipv6 \
		-e lisp.mreq.record.prefix.ipv4 -e lisp.mapping.eid.ipv4 -e lisp.mapping.eid.masklen \
		-e lisp.loc.locator -e lisp.mapping.act -e icmp.type -e ip.proto -e frame.len \
		2>>"$work/$c.tshark" |
		awk -F'\t' -v a="$t46" -v b="$t46c" '$1 >= a && $1 <= b' >"$work/$c.46"
done
check "tshark A: lisp1's Map-Request for 192.168.2.100: an ECM over IPv6 (fd00:10:0:1::2 -> fd00:10:0:3::1, UDP 4342) with the inner header of the EID's family (IPv4), ITR-RLOCs 10.0.1.2 and fd00:10:0:1::2" \
	awk -F'\t' '$2 == "0x86dd" && $3 == "fd00:10:0:1::2" && $4 == "fd00:10:0:3::1" && $9 == "4342|4342" &&
		$12 == "8|1" && $7 ~ /\|?192\.168\.2\.100$/ && $16 == "192.168.2.100" && $14 == "10.0.1.2" &&
		$15 == "fd00:10:0:1::2" && $11 ~ /^1(\|1)*$/ { f = 1 } END { exit !f }' "$work/A.46"
check "tshark A: no Map-Request for an IPv4 EID goes to 10.0.3.1 (the ipv6 lisp lines' map-resolver) any more" \
	awk -F'\t' '$12 == "8|1" && $16 != "" && $2 == "0x0800" && $7 ~ /^10\.0\.3\.1(\||$)/ { bad++; print }
		END { exit !!bad }' "$work/A.46"
check "tshark B: mapserver forwards it to lisp2 over IPv6 (fd00:10:0:2::1 -> fd00:10:0:2::2)" \
	awk -F'\t' '$2 == "0x86dd" && $3 == "fd00:10:0:2::1" && $4 == "fd00:10:0:2::2" && $12 == "8|1" &&
		$16 == "192.168.2.100" { f = 1 } END { exit !f }' "$work/B.46"
check "tshark A: lisp2's Map-Reply reaches lisp1: 192.168.2.0/24, locator fd00:10:0:2::2" \
	awk -F'\t' '$12 == "2" && $17 == "192.168.2.0" && $18 == 24 && $19 == "fd00:10:0:2::2" &&
		($4 == "fd00:10:0:1::2" || $7 == "10.0.1.2") { f = 1 } END { exit !f }' "$work/A.46"
check "tshark A: host1's echo requests cross LISP in IPv6: fd00:10:0:1::2 -> fd00:10:0:2::2 UDP 4341, N bit, inner 192.168.1.100 -> 192.168.2.100 ICMP, outer hop limit = inner TTL (63)" \
	awk -F'\t' '$2 == "0x86dd" && $3 == "fd00:10:0:1::2" && $4 == "fd00:10:0:2::2" && $9 == 4341 &&
		$6 == "192.168.1.100" && $7 == "192.168.2.100" && $21 == 8 { k++; if ($13 != 1 || $5 != 63 || $8 != 63) { bad++; print } }
		END { print k + 0 " requests"; exit !(k >= 3 && !bad) }' "$work/A.46"
check "tshark A: host2's echoes (its replies and requests) come back the same way: fd00:10:0:2::2 -> fd00:10:0:1::2, outer hop limit 62 (mapserver), inner TTL 63" \
	awk -F'\t' '$2 == "0x86dd" && $3 == "fd00:10:0:2::2" && $4 == "fd00:10:0:1::2" && $9 == 4341 &&
		$6 == "192.168.2.100" && $7 == "192.168.1.100" && $22 == 1 { k++; if ($5 != 62 || $8 != 63) { bad++; print } }
		END { print k + 0 " echoes"; exit !(k >= 5 && !bad) }' "$work/A.46"
check "tshark A+B: every UDP checksum over IPv6 computed (not zero) and good, LISP data included" \
	awk -F'\t' '$2 == "0x86dd" && $9 != "" { k++; split($10, s, "|"); split($11, g, "|"); if (s[1] == "0x0000" || g[1] != 1) { bad++; print } }
		END { print k + 0 " UDP datagrams"; exit !(k > 10 && !bad) }' "$work/A.46" "$work/B.46"
check "tshark A: 4.2.2.2 is no EID: Map-Request over IPv6, negative Map-Reply 0.0.0.0/1 Natively-Forward" \
	awk -F'\t' '$12 == "8|1" && $3 == "fd00:10:0:1::2" && $16 == "4.2.2.2" { q = 1 }
		q && $12 == "2" && $17 == "0.0.0.0" && $18 == 1 && $20 == 1 { f = 1 } END { exit !f }' "$work/A.46"
if [ -s "$work/tcpd.5001" ]; then
	# (the segments' own checksums are the hosts': test_lab.sh judges them)
	check "tshark A: the TCP transfer in IPv4-in-IPv6: over 100 segments, no frame over 1514 bytes" \
		awk -F'\t' '$2 == "0x86dd" && $9 == 4341 && $22 ~ /(^|\|)6$/ { k++; if ($23 > 1514) { bad++; print } }
			$23 > 1514 { bad++; print }
			END { print k + 0 " segments"; exit !(k > 100 && !bad) }' "$work/A.46"
fi
# Sections 4 and 5 on A: the inner IPv6 and outer fields, tab-separated,
# occurrences joined by '|':
#  1 frame.time_epoch  2 eth.type  3 ip.src  4 ip.dst  5 ip.ttl  6 ipv6.src
#  7 ipv6.dst  8 ipv6.hlim  9 udp.dstport  10 udp.checksum
# 11 udp.checksum.status  12 lisp.type  13 lisp.mreq.record.prefix.ipv6
# 14 lisp.mapping.eid.ipv6  15 lisp.mapping.eid.masklen  16 lisp.loc.locator
# 17 lisp.mapping.act  18 icmpv6.type  19 ipv6.nxt  20 frame.len  21 link
for c in A O; do
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" -Y "$CAP_FILTER" -o udp.check_checksum:TRUE \
		-E occurrence=a -E aggregator='|' -T fields \
		-e frame.time_epoch -e eth.type -e ip.src -e ip.dst -e ip.ttl -e ipv6.src -e ipv6.dst \
		-e ipv6.hlim -e udp.dstport -e udp.checksum -e udp.checksum.status -e lisp.type \
		-e lisp.mreq.record.prefix.ipv6 -e lisp.mapping.eid.ipv6 -e lisp.mapping.eid.masklen \
		-e lisp.loc.locator -e lisp.mapping.act -e icmpv6.type -e ipv6.nxt -e frame.len \
		2>>"$work/$c.tshark" | sed "s/\$/	$c/" >"$work/$c.6x"
done
cat "$work/A.6x" "$work/O.6x" | sort -t "$(printf '\t')" -k1,1n >"$work/6x"
win() {	# t0 t1: the frames between
	awk -F'\t' -v a="$1" -v b="$2" '$1 >= a && $1 <= b' "$work/6x"
}
win "$t64" "$t64b" >"$work/w64"
win "$t66" "$t66b" >"$work/w66"
# (lisp1's map-resolvers are 10.0.3.1 for IPv6 EIDs and, from section 3,
# fd00:10:0:3::1 for IPv4 EIDs: an IPv6 EID's ECM goes to 10.0.3.1 only)
check "tshark A: IPv6 EIDs: lisp1's ECM to its IPv6 EIDs' map-resolver 10.0.3.1 (never to the IPv4 EIDs' fd00:10:0:3::1) with an IPv6 inner header, asking for 2001:db8:2:64::100/128" \
	awk -F'\t' '$21 == "A" && $12 == "8|1" && $13 == "2001:db8:2:64::100" &&
		$2 == "0x0800" && $4 == "10.0.3.1" && $7 == "2001:db8:2:64::100" { f = 1 }
		$21 == "A" && $12 == "8|1" && $2 == "0x86dd" && $13 != "" { bad++ }
		$12 == "8|1" { print } END { exit !(f && !bad) }' "$work/w64"
check "tshark A: IPv6-in-IPv4: the Map-Reply 2001:db8:2::/48 -> 10.0.2.2" \
	awk -F'\t' '$21 == "A" && $12 == "2" && $14 == "2001:db8:2::" && $15 == 48 && $16 == "10.0.2.2" { f = 1 } END { exit !f }' "$work/w64"
check "tshark A: IPv6-in-IPv4: host1's echoes in outer IPv4/UDP 4341 10.0.1.2 -> 10.0.2.2, inner 2001:db8:1:64::100 -> 2001:db8:2:64::100 hop limit 63, outer TTL 63" \
	awk -F'\t' '$21 == "A" && $2 == "0x0800" && $3 == "10.0.1.2" && $4 == "10.0.2.2" && $9 == 4341 &&
		$6 == "2001:db8:1:64::100" && $7 == "2001:db8:2:64::100" && $18 == 128 { k++; if ($8 != 63 || $5 != 63 || ($10 != "0x0000" && $11 != 1)) { bad++; print } }
		END { print k + 0 " requests"; exit !(k >= 3 && !bad) }' "$work/w64"
check "tshark A: IPv6-in-IPv4: host2's echoes back 10.0.2.2 -> 10.0.1.2, outer TTL 62, inner hop limit 63" \
	awk -F'\t' '$21 == "A" && $2 == "0x0800" && $3 == "10.0.2.2" && $4 == "10.0.1.2" && $9 == 4341 &&
		$6 == "2001:db8:2:64::100" && $7 == "2001:db8:1:64::100" && $18 ~ /^12[89]$/ { k++; if ($8 != 63 || $5 != 62) { bad++; print } }
		END { print k + 0 " echoes"; exit !(k >= 5 && !bad) }' "$work/w64"
# The negative replies' prefixes: one must cover 2001:4860:4860::8888
# and neither site's EID-prefix (the least-specific such prefix).
awk -F'\t' '$21 == "A" && $12 == "2" && $14 != "" && $17 == 1 && $16 == "" { print $14 "/" $15 }' "$work/w64" >"$work/neg6"
check "tshark A: 2001:4860:4860::8888 is no EID: a negative Map-Reply, Natively-Forward, for a prefix covering it and neither site ($(tr '\n' ' ' <"$work/neg6"))" \
	"$PY" -c 'import ipaddress, sys
a = ipaddress.ip_address("2001:4860:4860::8888")
sites = [ipaddress.ip_network(s) for s in ("2001:db8:1::/48", "2001:db8:2::/48")]
ok = [n for n in (ipaddress.ip_network(l.strip()) for l in open(sys.argv[1]) if l.strip())
      if a in n and not any(n.overlaps(s) for s in sites)]
sys.exit(not ok)' "$work/neg6"
check "tshark A then O: the echoes to 2001:4860:4860::8888 go LISP to the PETR 10.0.3.1, native on O; the replies come back by the PITR (10.0.3.1 -> 10.0.1.2)" \
	awk -F'\t' '$21 == "A" && $3 == "10.0.1.2" && $4 == "10.0.3.1" && $9 == 4341 && $7 == "2001:4860:4860::8888" && $18 == 128 { q++ }
		$21 == "O" && $6 == "2001:db8:1:64::100" && $7 == "2001:4860:4860::8888" && $18 == 128 { nat++ }
		$21 == "A" && $3 == "10.0.3.1" && $4 == "10.0.1.2" && $9 == 4341 && $6 == "2001:4860:4860::8888" && $18 == 129 { r++ }
		END { print q + 0 " to the PETR, " nat + 0 " native on O, " r + 0 " back by the PITR"; exit !(q >= 3 && nat >= 3 && r >= 3) }' "$work/w64"
check "tshark A: IPv6-in-IPv6: host1's echoes in outer IPv6/UDP 4341 fd00:10:0:1::2 -> fd00:10:0:2::2 (checksum computed and good), inner hop limit 63, outer 63" \
	awk -F'\t' '$21 == "A" && $2 == "0x86dd" && $6 == "fd00:10:0:1::2|2001:db8:1:64::100" && $7 == "fd00:10:0:2::2|2001:db8:2:64::100" &&
		$9 == 4341 && $18 == 128 { k++; if ($8 != "63|63" || $10 == "0x0000" || $11 != 1) { bad++; print } }
		END { print k + 0 " requests"; exit !(k >= 3 && !bad) }' "$work/w66"
check "tshark A: IPv6-in-IPv6: host2's echoes back fd00:10:0:2::2 -> fd00:10:0:1::2, outer hop limit 62, inner 63" \
	awk -F'\t' '$21 == "A" && $2 == "0x86dd" && $6 == "fd00:10:0:2::2|2001:db8:2:64::100" && $7 == "fd00:10:0:1::2|2001:db8:1:64::100" &&
		$9 == 4341 && $18 ~ /^12[89]$/ { k++; if ($8 != "62|63" || $11 != 1) { bad++; print } }
		END { print k + 0 " echoes"; exit !(k >= 2 && !bad) }' "$work/w66"
if [ -n "${tcpok:-}" ]; then
	check "tshark A: the TCP transfers in IPv6-in-IPv4 and IPv6-in-IPv6: LISP data, no frame over 1514 bytes" \
		awk -F'\t' '$21 == "A" && $9 == 4341 && $19 ~ /(^|\|)6$/ { k++ } $20 > 1514 { bad++; print }
			END { print k + 0 " segments"; exit !(k > 200 && !bad) }' "$work/w64" "$work/w66"
fi
check "tshark A: only the two routers' MACs, only IPv4, ARP and IPv6" \
	awk -F'\t' '($1 != "02:00:0a:00:01:02" && $1 != "02:00:0a:00:01:01") ||
		($3 != "0x0800" && $3 != "0x0806" && $3 != "0x86dd") { bad++; print }
		END { exit !(NR > 10 && !bad) }' "$work/A.txt"

# --- down
pids=$(cat "$LAB_RUN"/*.pid 2>/dev/null | tr '\n' ' ')
check "lab.sh down" timeout 120 bash "$LAB" down
check "no namespace named $LAB_PREFIX-* remains" sh -c "! ip netns list | grep '^$LAB_PREFIX-'"
check "no lab router process remains (of: $pids)" \
	sh -c "test -n '$pids' && for p in $pids; do ! kill -0 \$p 2>/dev/null || exit 1; done"
check "the four routers' logs have no sanitizer report" \
	sh -c "test \$(ls '$LAB_RUN'/*.log | wc -l) -eq 4 && ! grep -A20 'Sanitizer\|runtime error' '$LAB_RUN'/*.log"
echo "dual-stack lab test: $n checks, $fail failed, $(($(date +%s) - start)) s"
[ "$fail" -eq 0 ]

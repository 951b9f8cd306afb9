#!/bin/sh
# Two VRFs through a live lispr, in namespaces this script creates (unique
# names per run) and removes on exit; nothing touches the root namespace,
# traffic stays between the namespaces.  Skips (77) unless root with
# 'ip netns', bash and a built lispr.
#
#   VRF RED  ('vrf definition'):  a1 10.0.1.10 --r1a  lispr  r1b-- b1 10.0.2.20
#   VRF BLUE ('ip vrf'):          a2 10.0.1.10 --r2a  lispr  r2b-- b2 10.0.2.20
#                                 BLUE's Loopback1 10.0.3.1
#
# Both tenants use the SAME addresses.  Checks: each host reaches its own
# VRF's far host through lispr and lispr's addresses; RED cannot reach
# BLUE's loopback (a net unreachable from lispr) while BLUE can; tshark on
# b1's and b2's wires sees only its own tenant's echoes (told apart by
# size: RED pings with 100 data bytes, BLUE with 200), TTL decremented,
# nothing malformed; lispr's own 'ping vrf' works per VRF and the default
# table knows none of it; the VRF views answer.  Every wait is for a
# condition, with a bound.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
LISPR=${LISPR:-./lispr}
. "$top_srcdir/tests/live_lib.sh"
live_init vrf
live_need_netns
live_need bash
live_need_lispr
NR=$P-r NA1=$P-a1 NB1=$P-b1 NA2=$P-a2 NB2=$P-b2
live_ns_add $NR $NA1 $NB1 $NA2 $NB2

host() {	# ns, its veth, lispr's veth, address, gateway
	live_ns_ipv4 "$1" && live_attach $NR "$1" "$2" "$3" "$4/24" "$5"
}
setup() {
	# lispr owns the router's interfaces: its kernel runs no IPv6 there.
	live_ns_ipv4 $NR &&
	host $NA1 va1 r1a 10.0.1.10 10.0.1.1 && host $NB1 vb1 r1b 10.0.2.20 10.0.2.1 &&
	host $NA2 va2 r2a 10.0.1.10 10.0.1.1 && host $NB2 vb2 r2b 10.0.2.20 10.0.2.1
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }

cat >"$work/rv.conf" <<'EOF'
hostname rv
enable secret 0 lisp
vrf definition RED
 rd 65000:1
 address-family ipv4
  route-target both 65000:1
 exit-address-family
ip vrf BLUE
 rd 65000:2
interface Loopback1
 ip vrf forwarding BLUE
 ip address 10.0.3.1 255.255.255.255
interface r1a
 vrf forwarding RED
 ip address 10.0.1.1 255.255.255.0
interface r1b
 vrf forwarding RED
 ip address 10.0.2.1 255.255.255.0
interface r2a
 ip vrf forwarding BLUE
 ip address 10.0.1.1 255.255.255.0
interface r2b
 ip vrf forwarding BLUE
 ip address 10.0.2.1 255.255.255.0
line vty 0 4
 exec-timeout 0 0
 no login
end
EOF

vty() {	# commands on stdin, output on stdout (lab.sh's client)
	live_vty $NR rv
}

# b1's and b2's wires, for tshark afterwards; running before lispr starts.
captured=
if live_can_capture; then
	cap_start B1 $NB1 vb1 "$work/b1.pcap" && cap_start B2 $NB2 vb2 "$work/b2.pcap" && captured=1
fi
live_lispr $NR rv

up() {
	out=$(echo "show ip interface brief vrf BLUE" | vty) || return 1
	echo "$out" | grep -Eq "^r2b +10\.0\.2\.1 .* up +up$"
}
check "lispr up, its VRF interfaces up" wait_until 90 up

ping3() {	# ns, size, destination: 3 replies out of 3
	ip netns exec "$1" ping -n -c 3 -i 0.2 -W 2 -s "$2" "$3"
}
first() {	# ns, size, destination: one reply (ARP on both sides settles first)
	ip netns exec "$1" ping -n -c 1 -W 1 -s "$2" "$3"
}
check "RED a1 reaches lispr's 10.0.1.1" wait_until 30 first $NA1 100 10.0.1.1
check "BLUE a2 reaches lispr's 10.0.1.1" wait_until 30 first $NA2 200 10.0.1.1
check "RED a1 reaches lispr's RED 10.0.2.1" ping3 $NA1 100 10.0.2.1
check "RED a1 -> b1 10.0.2.20 answers" wait_until 30 first $NA1 100 10.0.2.20
check "BLUE a2 -> b2 10.0.2.20 answers" wait_until 30 first $NA2 200 10.0.2.20
check "ping RED a1 -> b1 through lispr (3/3)" ping3 $NA1 100 10.0.2.20
check "ping BLUE a2 -> b2 through lispr (3/3)" ping3 $NA2 200 10.0.2.20
check "ping RED b1 -> a1 (3/3)" ping3 $NB1 100 10.0.1.10
check "ping BLUE b2 -> a2 (3/3)" ping3 $NB2 200 10.0.1.10
check "BLUE a2 reaches BLUE's Loopback1 10.0.3.1" ping3 $NA2 200 10.0.3.1
red_to_blue() {
	ip netns exec $NA1 ping -n -c 1 -W 2 -s 100 10.0.3.1 >"$work/x" 2>&1
	rc=$?
	cat "$work/x"
	[ $rc != 0 ] && grep -q "From 10.0.1.1 .*Destination Net Unreachable" "$work/x"
}
check "RED a1 cannot reach BLUE's 10.0.3.1 (net unreachable from lispr)" red_to_blue

rping() {
	printf 'ping vrf RED 10.0.2.20 repeat 5\nping vrf BLUE 10.0.3.1 repeat 2\nping vrf BLUE 10.0.2.20 repeat 5 source Loopback1\n' |
		vty >"$work/rping" || return 1
	[ "$(grep -c 'Success rate is 100 percent' "$work/rping")" = 3 ]
}
check "lispr's own ping vrf RED and vrf BLUE (source Loopback1)" rping
dping() {
	echo "ping 10.0.2.20 repeat 2 timeout 1" | vty >"$work/dping" || return 1
	grep -q 'Success rate is 0 percent (0/2)' "$work/dping"
}
check "the default table knows none of it (ping 10.0.2.20: 0/2)" dping
views() {
	printf 'show ip route vrf RED\nshow ip route vrf BLUE | json\nshow vrf\nshow arp vrf BLUE\nshow ip cef vrf RED 10.0.2.20\nshow ip route\n' |
		vty >"$work/views" || return 1
	grep -q "^Routing Table: RED" "$work/views" &&
	grep -Eq "^C +10\.0\.2\.0/24 is directly connected, r1b" "$work/views" &&
	grep -q '"vrf":"BLUE"' "$work/views" && grep -q '"egress_interface":"Loopback1"' "$work/views" &&
	grep -Eq "^  RED +65000:1 +ipv4 +r1a" "$work/views" &&
	grep -Eq "^Internet  10\.0\.2\.20 .* r2b$" "$work/views" &&
	grep -q "attached to r1b" "$work/views" || return 1
	# The global table (the last view) is empty.
	echo "show ip route | json" | vty >"$work/global" || return 1
	grep -q '"routes":\[\]' "$work/global"
}
check "VRF views: route, cef, arp per VRF; the global table empty" views

if [ -n "$captured" ]; then
	cap_stop B1 B2
	# Echo requests arriving at each far host: total IP length 128 for
	# RED (100 data bytes), 228 for BLUE (200).
	lens() {	# pcap
		"$TSHARK" -n -r "$1" -Y "$CAP_FILTER && icmp.type == 8 && ip.src == 10.0.1.10" \
			-T fields -e ip.len -e ip.ttl -e icmp.checksum.status 2>/dev/null | sort | uniq -c
	}
	wire() {	# pcap, own length, other length
		lens "$1" >"$work/lens" || return 1
		cat "$work/lens"
		grep -Eq " $2	63	1$" "$work/lens" && ! grep -q " $3	" "$work/lens" &&
		! grep -Ev " $2	63	1$" "$work/lens" &&
		[ -z "$("$TSHARK" -n -r "$1" -Y _ws.malformed 2>/dev/null)" ]
	}
	check "tshark on b1: only RED's echoes (128 bytes), TTL 63, checksums good" wire "$work/b1.pcap" 128 228
	check "tshark on b2: only BLUE's echoes (228 bytes), TTL 63, checksums good" wire "$work/b2.pcap" 228 128
fi
live_finish

#!/bin/sh
# IPv6 through and to a live lispr, in namespaces this script creates
# (unique names per run) and removes on exit; nothing touches the root
# namespace, traffic stays between the namespaces.  Skips (77) unless root
# with 'ip netns', bash and a built lispr.
#
#   host A 2001:db8:1::10 --veth-- lispr (ra 2001:db8:1::1, rb 2001:db8:2::1,
#                                        Loopback0 2001:db8:ff::1) --veth-- host B 2001:db8:2::20
#
# The hosts are Linux: they find lispr with Neighbor Discovery and route
# through it.  Checks: lispr's addresses pass DAD, ping6 to each of them and
# to its link-local, ping6 from A to B through lispr (hop limit decremented,
# as tshark sees on B's wire), Time Exceeded for hop limit 1, Packet Too Big
# for a packet larger than rb's MTU, the neighbor cache, lispr's own 'ping
# ipv6', the counters, and 'ipv6 traffic-filter' (A's ping reads lispr's
# administratively prohibited; Neighbor Discovery passes the list).  Every
# wait is for a condition, with a bound.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
LISPR=${LISPR:-./lispr}
. "$top_srcdir/tests/live_lib.sh"
live_init ipv6
live_need_netns
live_need bash
live_need_lispr
NA=$P-a NR=$P-r NB=$P-b
live_ns_add $NA $NR $NB

setup() {
	live_ns_ipv6 $NA $NB &&
	# lispr owns the router's interfaces: its kernel runs no IPv6 there
	# (else it would answer for the same EUI-64 link-local).
	live_ns_ipv4 $NR &&
	live_attach $NR $NA va ra 2001:db8:1::10/64 2001:db8:1::1 &&
	live_attach $NR $NB vb rb 2001:db8:2::20/64 2001:db8:2::1
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }

cat >"$work/r6.conf" <<'EOF'
hostname r6
enable secret 0 lisp
ipv6 unicast-routing
interface Loopback0
 ipv6 address 2001:db8:ff::1/128
interface ra
 ipv6 address 2001:db8:1::1/64
interface rb
 ipv6 address 2001:db8:2::1/64
 mtu 1400
line vty 0 4
 exec-timeout 0 0
 no login
end
EOF

vty() {	# commands on stdin, output on stdout (lab.sh's client)
	live_vty $NR r6
}

# B's wire, for tshark afterwards; running before lispr starts.
captured=
if live_can_capture; then
	cap_start B $NB vb "$work/b.pcap" && captured=1
fi
live_lispr $NR r6

dad_done() {
	out=$(echo "show ipv6 interface brief" | vty) || return 1
	echo "$out" | grep -q "2001:DB8:2::1" && ! echo "$out" | grep -q "TEN"
}
check "lispr up, its addresses past DAD" wait_until 90 dad_done

ping6() {	# ns, ping arguments...: 3 replies out of 3
	_ns=$1; shift
	ip netns exec "$_ns" ping -6 -n -c 3 -i 0.2 -W 2 "$@"
}
first() {	# ns dst: one reply (ND on both sides settles first)
	ip netns exec "$1" ping -6 -n -c 1 -W 1 "$2"
}
check "A reaches lispr's ra address" wait_until 30 first $NA 2001:db8:1::1
check "ping6 A -> 2001:db8:1::1 (3/3)" ping6 $NA 2001:db8:1::1
check "ping6 A -> lispr's rb address 2001:db8:2::1" ping6 $NA 2001:db8:2::1
check "ping6 A -> lispr's Loopback0 2001:db8:ff::1" ping6 $NA 2001:db8:ff::1
mac=$(ip -n $NR link show ra | awk '/link\/ether/ { print $2 }')
# fe80:: + the modified EUI-64 of the MAC
ll=
if [ -n "$mac" ]; then
	set -- $(echo "$mac" | tr ':' ' ')
	ll=$(printf 'fe80::%x:%x:%x:%x' $(((0x$1 ^ 2) * 256 + 0x$2)) $((0x$3 * 256 + 255)) \
		$((0xfe * 256 + 0x$4)) $((0x$5 * 256 + 0x$6)))
fi
if [ -n "$ll" ]; then
	check "ping6 A -> lispr's link-local $ll%va" ping6 $NA "$ll%va"
fi
check "B answers through lispr" wait_until 30 first $NA 2001:db8:2::20
check "ping6 A -> B through lispr (3/3)" ping6 $NA 2001:db8:2::20
check "ping6 B -> A through lispr (3/3)" ping6 $NB 2001:db8:1::10

hop1() {
	ip netns exec $NA ping -6 -n -c 1 -W 2 -t 1 2001:db8:2::20 | grep -q "From 2001:db8:1::1 .*Time exceeded"
}
check "hop limit 1: Time exceeded from 2001:db8:1::1" hop1
toobig() {
	ip netns exec $NA ping -6 -n -c 1 -W 2 -M do -s 1400 2001:db8:2::20 |
		grep -Eq "From 2001:db8:1::1 .*Packet too big: mtu=1400|mtu=1400"
}
check "1448 bytes for a 1400 MTU: Packet too big, mtu=1400" toobig
check "a 1352-byte packet still fits (1400)" ip netns exec $NA ping -6 -n -c 1 -W 2 -M do -s 1300 2001:db8:2::20

neigh() {
	echo "show ipv6 neighbors" | vty >"$work/neigh" || return 1
	grep -Eq "^2001:DB8:1::10 .* (REACH|STALE|DELAY|PROBE) +ra" "$work/neigh" &&
	grep -Eq "^2001:DB8:2::20 .* (REACH|STALE|DELAY|PROBE) +rb" "$work/neigh"
}
check "show ipv6 neighbors: both hosts" neigh
rping() {
	printf 'ping ipv6 2001:db8:2::20 repeat 5\nping 2001:db8:1::10 repeat 5 source Loopback0\n' | vty >"$work/rping" || return 1
	[ "$(grep -c 'Success rate is 100 percent (5/5)' "$work/rping")" = 2 ]
}
check "lispr's own ping ipv6 to both hosts" rping
traffic() {
	echo "show ipv6 traffic | json" | vty >"$work/traffic" || return 1
	python3 - "$work/traffic" <<'EOF'
import json, sys
t = json.loads([l for l in open(sys.argv[1]) if l.startswith("{")][0])
assert t["forwarded"] >= 12, t["forwarded"]
assert t["icmp"]["sent"]["time_exceeded"] >= 1
assert t["icmp"]["sent"]["too_big"] >= 1
assert t["drops"]["hop limit expired"] >= 1 and t["drops"]["too big"] >= 1
assert t["icmp"]["received"]["neighbor_solicit"] >= 1
assert t["icmp"]["sent"]["neighbor_advert"] >= 1
EOF
}
check "show ipv6 traffic | json counts it" traffic

# --- 'ipv6 traffic-filter': A's echoes to B denied on ra, in; A's ping
# reads lispr's Destination Unreachable, administratively prohibited; with
# both neighbor caches flushed, A still reaches lispr (the list permits its
# echoes to ra's prefix; Neighbor Discovery passes by the implicit nd-ns
# and nd-na permits); the deny entry counts; removed, A reaches B again.
acl6_cfg() {	# global configuration lines; no '%' error
	printf 'configure terminal\n%s\nend\n' "$1" | vty >"$work/acl6cfg" 2>&1 || return 1
	cat "$work/acl6cfg"
	! grep -q "^%" "$work/acl6cfg"
}
prohibited() {
	ip netns exec $NA ping -6 -n -c 1 -W 2 2001:db8:2::20 >"$work/p6" 2>&1
	cat "$work/p6"
	grep -q "From 2001:db8:1::1 .*Administratively prohibited" "$work/p6"
}
acl6_counts() {
	echo "show ipv6 access-list A6" | vty >"$work/acl6" || return 1
	cat "$work/acl6"
	grep -Eq "deny icmp host 2001:DB8:1::10 2001:DB8:2::/64 echo-request \([0-9]+ match(es)?\) sequence 10" "$work/acl6"
}
check "ipv6 access-list A6, traffic-filter in on ra" acl6_cfg "$(printf '%s\n' 'ipv6 access-list A6' \
	' deny icmp host 2001:db8:1::10 2001:db8:2::/64 echo-request' \
	' permit icmp any 2001:db8:1::/64 echo-request' 'interface ra' ' ipv6 traffic-filter A6 in')"
check "traffic-filter in: A's ping to B is administratively prohibited by 2001:db8:1::1" wait_until 30 prohibited
ip -n $NA neigh flush dev va
echo "clear ipv6 neighbors" | vty >/dev/null
check "traffic-filter in: A reaches lispr again through ND (implicit nd-ns/nd-na permits)" \
	wait_until 30 first $NA 2001:db8:1::1
check "traffic-filter in: the deny entry counted" acl6_counts
acl6_json() {
	echo "show ipv6 access-list A6 | json" | vty >"$work/acl6.json" || return 1
	python3 - "$work/acl6.json" <<'PYEOF'
import json, sys
t = json.loads([l for l in open(sys.argv[1]) if l.startswith("{")][0])
e = t["access_lists"][0]["entries"]
assert t["access_lists"][0]["name"] == "A6" and t["access_lists"][0]["family"] == "ipv6", t
assert e[0]["sequence"] == 10 and e[0]["action"] == "deny" and e[0]["matches"] >= 1, e
assert e[0]["entry"] == "icmp host 2001:DB8:1::10 2001:DB8:2::/64 echo-request", e
PYEOF
}
check "show ipv6 access-list | json: the entry and its count" acl6_json
check "traffic-filter removed" acl6_cfg "$(printf '%s\n' 'interface ra' ' no ipv6 traffic-filter A6 in')"
check "traffic-filter removed: A reaches B again" wait_until 30 first $NA 2001:db8:2::20

if [ -n "$captured" ]; then
	cap_stop B
	wire() {
		"$TSHARK" -n -r "$work/b.pcap" -Y 'icmpv6.type == 128 && ipv6.src == 2001:db8:1::10' \
			-T fields -e ipv6.hlim -e icmpv6.checksum.status >"$work/b.txt" 2>/dev/null &&
		[ -s "$work/b.txt" ] && ! grep -v '^63	1$' "$work/b.txt" &&
		[ -z "$("$TSHARK" -n -r "$work/b.pcap" -Y _ws.malformed 2>/dev/null)" ]
	}
	check "tshark on B: A's echoes arrive with hop limit 63, checksums good, nothing malformed" wire
	na() {
		"$TSHARK" -n -r "$work/b.pcap" -Y 'icmpv6.type == 136 && ipv6.src == 2001:db8:2::1' \
			-T fields -e icmpv6.nd.na.flag.r -e icmpv6.nd.na.flag.s -e icmpv6.opt.linkaddr 2>/dev/null |
			grep -q "^1	1	"
	}
	check "tshark on B: lispr's NA has the Router and Solicited flags and its MAC" na
fi
live_finish

#!/bin/sh
# 'mac-address' on a live lispr, in namespaces this script creates (unique
# names per run) and removes on exit; nothing touches the root namespace,
# traffic stays between the namespaces.  Skips (77) unless root with
# 'ip netns', bash and a built lispr.
#
#   host A 10.0.1.10 --va  ra [mac-address 0200.5e00.0101] lispr  rb-- vb 10.0.2.20 host B
#
# lispr answers to, and sends from, its configured MAC on ra while the
# Linux interface keeps its own: A learns 0200.5e00.0101 for 10.0.1.1 and
# reaches B through lispr; ra is promiscuous and rb is not; the kernel of
# lispr's namespace sees A's frames as another host's and drops them
# before its IP layer (its InAddrErrors count only what came in on rb, to
# rb's own MAC); 'show interfaces' gives both MACs.  'no mac-address' at
# the prompt brings the burnt-in MAC back and a gratuitous ARP moves A's
# neighbour entry to it.  tshark on A's wire: the gratuitous ARP and the
# echo replies came from the configured MAC.  Every wait is for a
# condition, with a bound.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
LISPR=${LISPR:-./lispr}
. "$top_srcdir/tests/live_lib.sh"
live_init mac
live_need_netns
live_need bash
live_need_lispr
NR=$P-r NA=$P-a NB=$P-b
live_ns_add $NR $NA $NB
VMAC=02:00:5e:00:01:01

setup() {
	live_ns_ipv4 $NR $NA $NB &&
	live_attach $NR $NA va ra 10.0.1.10/24 10.0.1.1 &&
	live_attach $NR $NB vb rb 10.0.2.20/24 10.0.2.1
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }
BIA=$(ip -n $NR link show ra | sed -n 's|.*link/ether \([0-9a-f:]*\) .*|\1|p')
# IOS's form of it: 0a1b.2c3d.4e5f.
BIA_IOS=$(echo "$BIA" | sed 's/://g; s/^\(....\)\(....\)\(....\)$/\1.\2.\3/')

cat >"$work/rm.conf" <<'CONF'
hostname rm
enable secret 0 lisp
interface ra
 mac-address 0200.5e00.0101
 ip address 10.0.1.1 255.255.255.0
interface rb
 ip address 10.0.2.1 255.255.255.0
line vty 0 4
 exec-timeout 0 0
 no login
end
CONF

vty() {	# commands on stdin, output on stdout (lab.sh's client)
	live_vty $NR rm
}

# A's wire, for tshark afterwards; running before lispr starts.
captured=
if live_can_capture; then
	cap_start A $NA va "$work/a.pcap" && captured=1
fi
live_lispr $NR rm

up() {
	out=$(echo "show ip interface brief" | vty) || return 1
	echo "$out" | grep -Eq "^ra +10\.0\.1\.1 .* up +up$" &&
	echo "$out" | grep -Eq "^rb +10\.0\.2\.1 .* up +up$"
}
check "lispr up, ra and rb up" wait_until 90 up

first() {	# ns, destination: one reply (ARP on both sides settles first)
	ip netns exec "$1" ping -n -c 1 -W 1 "$2"
}
check "A reaches lispr's 10.0.1.1" wait_until 30 first $NA 10.0.1.1
neigh_is() {	# ns, address, MAC
	ip -n "$1" neigh show "$2" | tee "$work/neigh" | grep -qi "lladdr $3 "
}
check "A learned 10.0.1.1 at the configured $VMAC" neigh_is $NA 10.0.1.1 $VMAC
check "A reaches B through lispr" wait_until 30 first $NA 10.0.2.20

promisc() {	# ns, interface: its promiscuity count
	ip -n "$1" -d link show "$2" | sed -n 's/.* promiscuity \([0-9]*\) .*/\1/p'
}
check "ra is promiscuous (its MAC differs from lispr's)" test "$(promisc $NR ra)" -ge 1
check "rb is not (lispr answers to its own MAC)" test "$(promisc $NR rb)" = 0

# The kernel of lispr's namespace forwards nothing (no address there, no
# forwarding): every IPv4 frame to an interface's own MAC it takes up to
# its IP layer and counts as an address error.  A's requests come in on
# ra to lispr's MAC, another host's for the kernel, dropped before that;
# B's replies come in on rb to the kernel's MAC and are counted.
inaddr() {
	ip netns exec $NR awk '/^Ip: [0-9]/ { print $6 }' /proc/net/snmp
}
kernel_side() {
	e0=$(inaddr)
	ip netns exec $NA ping -n -q -c 20 -i 0.05 -W 2 10.0.2.20 >"$work/p20" 2>&1 || { cat "$work/p20"; return 1; }
	e1=$(inaddr)
	echo "InAddrErrors $e0 -> $e1 for 20 echoes through lispr (40 frames in)"
	[ $((e1 - e0)) -ge 20 ] && [ $((e1 - e0)) -lt 30 ]
}
check "the kernel dropped A's frames as another host's, before IP (InAddrErrors +20, not +40)" kernel_side

show() {
	echo "show interfaces ra" | vty >"$work/show" || return 1
	grep "address is" "$work/show"
	grep -q "address is 0200\.5e00\.0101 (bia $BIA_IOS)" "$work/show"
}
check "show interfaces ra: address is 0200.5e00.0101 (bia $BIA_IOS)" show
run_cfg() {
	printf 'show running-config | section interface ra\n' | vty >"$work/run" || return 1
	grep -q "^ mac-address 0200\.5e00\.0101$" "$work/run"
}
check "running-config: mac-address under interface ra" run_cfg
pio() {
	echo "show platform packet-io" | vty >"$work/pio" || return 1
	sed -n '/^Interface  *Promiscuous/,/^$/p' "$work/pio" >"$work/pio.promisc"
	cat "$work/pio.promisc"
	grep -q "^ra  *on$" "$work/pio.promisc" && ! grep -q "^rb " "$work/pio.promisc"
}
check "show platform packet-io: ra promiscuous and on, rb not listed" pio

back() {
	printf 'configure terminal\ninterface ra\nno mac-address\nend\n' | vty >"$work/no" || return 1
	! grep -q "^%" "$work/no"
}
check "no mac-address at the prompt" back
check "A moved 10.0.1.1 to the burnt-in $BIA (gratuitous ARP)" wait_until 20 neigh_is $NA 10.0.1.1 $BIA
check "ra no longer promiscuous" wait_until 10 test "$(promisc $NR ra)" = 0
check "A still reaches B through lispr" first $NA 10.0.2.20

if [ -n "$captured" ]; then
	cap_stop A
	garp() {	# sender MAC: a gratuitous ARP for 10.0.1.1 from it
		"$TSHARK" -n -r "$work/a.pcap" \
			-Y "arp.isgratuitous && arp.src.proto_ipv4 == 10.0.1.1 && arp.src.hw_mac == $1 && eth.src == $1" \
			2>/dev/null | grep -q .
	}
	check "tshark: gratuitous ARP for 10.0.1.1 from $VMAC" garp $VMAC
	check "tshark: gratuitous ARP for 10.0.1.1 from $BIA after 'no mac-address'" garp $BIA
	replies() {
		"$TSHARK" -n -r "$work/a.pcap" -Y "icmp.type == 0 && ip.src == 10.0.2.20" \
			-T fields -e eth.src 2>/dev/null | sort | uniq -c >"$work/replies"
		cat "$work/replies"
		grep -q " $VMAC$" "$work/replies"
	}
	check "tshark: B's echo replies reached A from $VMAC" replies
	check "tshark: no malformed frames" \
		sh -c "! \"$TSHARK\" -n -r \"$work/a.pcap\" -Y _ws.malformed 2>/dev/null | grep -q ."
fi
live_finish

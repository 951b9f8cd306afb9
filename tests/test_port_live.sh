#!/bin/sh
# Live-port smoke test: the router between two hosts, all in namespaces
# this script creates (unique per run) and removes on exit.  Nothing
# touches the root namespace's interfaces; traffic stays between the
# namespaces.  Skips (77) unless root with 'ip netns'.
#
#   host A (10.0.1.10) --veth-- router (ra 10.0.1.1, rb 10.0.2.1) --veth-- host B (10.0.2.20)
set -u
LIVE=${LIVE:-./tests/test_port_live}
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init port
live_need_netns
[ -x "$LIVE" ] || { echo "SKIP: $LIVE not built"; exit 77; }
NA=$P-a NR=$P-r NB=$P-b
live_ns_add $NA $NR $NB

setup() {
	live_ns_ipv4 $NA $NR $NB &&
	# The router's interfaces are up for the kernel but have no IPv4
	# address: the router owns them.
	live_attach $NR $NA va ra 10.0.1.10/24 10.0.1.1 &&
	live_attach $NR $NB vb rb 10.0.2.20/24 10.0.2.1
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }

# What B sees on its wire, for tshark to judge afterwards.  The router
# announces itself (gratuitous ARP) as soon as it starts, so the capture
# must be running first (tests/capture.sh).
captured=
if live_can_capture; then
	cap_start B $NB vb $work/b.pcap || exit 1
	captured=1
fi
# The router runs until this script stops it (120 s at most, should the
# script die first).
ip netns exec $NR "$LIVE" -t 120 -p 10.0.2.20 ra 10.0.1.1/24 rb 10.0.2.1/24 >"$work/router" 2>&1 &
rpid=$!
live_kill_on_exit $rpid
check "router opened its ports and runs" wait_until 60 grep -q "^ready" "$work/router"

# No send ever waits: every packet socket of the router, libnet's for
# sending among them, is non-blocking (O_NONBLOCK, octal 04000 in fdinfo).
packet_socks_nonblocking() {
	inodes=$(ip netns exec $NR awk 'NR > 1 { print $NF }' /proc/net/packet)
	n=0
	for fd in /proc/$1/fd/*; do
		ino=$(readlink "$fd" 2>/dev/null | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p')
		[ -n "$ino" ] && echo "$inodes" | grep -qx "$ino" || continue
		fl=$(awk '/^flags:/ { print $2 }' /proc/$1/fdinfo/${fd##*/})
		if [ $((0$fl & 04000)) -eq 0 ]; then
			echo "packet socket on fd ${fd##*/} blocks (flags $fl)"
			return 1
		fi
		n=$((n + 1))
	done
	echo "$n packet sockets, none blocking"
	[ $n -ge 4 ]	# two ports, a capture socket and a sending one each
}
check "every packet socket is non-blocking (sends never wait)" packet_socks_nonblocking $rpid

check "A pings the router's near address" ip netns exec $NA ping -c 3 -i 0.2 -W 2 10.0.1.1
check "A pings the router's far address" ip netns exec $NA ping -c 3 -i 0.2 -W 2 10.0.2.1
check "A pings B through the router" ip netns exec $NA ping -c 5 -i 0.2 -W 2 10.0.2.20
ip netns exec $NA ping -c 1 -t 1 -W 2 10.0.2.20 >$work/ttl 2>&1
check "TTL 1 gets Time Exceeded from 10.0.1.1" grep -q "From 10.0.1.1.*Time to live exceeded" $work/ttl
ip netns exec $NA ping -c 1 -W 2 10.9.9.9 >$work/unr 2>&1
check "no route gets Destination Net Unreachable" grep -q "From 10.0.1.1.*Unreachable" $work/unr
check "B learned the router's MAC from ARP" sh -c "ip -n $NB neigh show 10.0.2.1 | grep -q lladdr"

# The router's own ping to B (5 probes, each answered or timed out in 2 s)
# ends on its own; then stop the router, and the capture once it holds
# every frame of the run.
check "router's own ping to B finished" wait_until 60 grep -q "^ping:" "$work/router"
live_stop $rpid
rrc=$?
if [ -n "$captured" ]; then
	check "capture on B's link complete" cap_stop B
	# Echo requests from A arrive with TTL 63 and a good header checksum;
	# the router announced 10.0.2.1 (gratuitous ARP) and asked for B.
	"$TSHARK" -r $work/b.pcap -o ip.check_checksum:TRUE \
		-Y "icmp.type == 8 && ip.src == 10.0.1.10" \
		-T fields -e ip.ttl -e ip.checksum.status >$work/fields 2>/dev/null
	check "tshark: forwarded requests have TTL 63 and a good checksum" \
		sh -c "cat $work/fields; test \$(wc -l <$work/fields) -ge 5 && ! grep -qv '^63	1\$' $work/fields"
	check "tshark: gratuitous ARP for 10.0.2.1" \
		sh -c "\"$TSHARK\" -r $work/b.pcap -Y 'arp.isgratuitous && arp.src.proto_ipv4 == 10.0.2.1' 2>/dev/null | grep -q ."
	check "tshark: ARP request from 10.0.2.1 for 10.0.2.20" \
		sh -c "\"$TSHARK\" -r $work/b.pcap -Y 'arp.opcode == 1 && arp.src.proto_ipv4 == 10.0.2.1 && arp.dst.proto_ipv4 == 10.0.2.20' 2>/dev/null | grep -q ."
	check "tshark: no malformed frames" \
		sh -c "! \"$TSHARK\" -r $work/b.pcap -Y _ws.malformed 2>/dev/null | grep -q ."
else
	echo "skip tshark checks (no tshark, tcpdump or python3)"
fi
echo "--- router output"
cat $work/router
check "router exited cleanly and its own ping got every reply" test $rrc -eq 0
check "router saw forwarded traffic" grep -q "forwarded [1-9]" $work/router
live_finish

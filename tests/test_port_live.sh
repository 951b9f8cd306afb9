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
. "$top_srcdir/tests/capture.sh"
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
command -v ip >/dev/null 2>&1 || { echo "SKIP: no ip"; exit 77; }
[ -x "$LIVE" ] || { echo "SKIP: $LIVE not built"; exit 77; }

P=lisprt-$$
NA=$P-a NR=$P-r NB=$P-b
rpid=
cleanup() {
	[ -n "$rpid" ] && kill -TERM $rpid 2>/dev/null
	cap_stop_all
	wait 2>/dev/null
	for ns in $NA $NR $NB; do ip netns del "$ns" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM
ip netns add $NA 2>/dev/null || { echo "SKIP: cannot create namespaces"; exit 77; }
ip netns add $NR && ip netns add $NB || exit 1

fail=0
check() {	# description, command...
	d=$1; shift
	if "$@" >/tmp/$P.out 2>&1; then echo "ok   $d"
	else echo "FAIL $d"; sed 's/^/     /' /tmp/$P.out; fail=1; fi
}

setup() {
	ip -n $NA link add va type veth peer name ra netns $NR &&
	ip -n $NB link add vb type veth peer name rb netns $NR || return 1
	for ns in $NA $NR $NB; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		ip -n $ns link set lo up || return 1
	done
	ip -n $NA addr add 10.0.1.10/24 dev va &&
	ip -n $NA link set va up &&
	ip -n $NA route add default via 10.0.1.1 &&
	ip -n $NB addr add 10.0.2.20/24 dev vb &&
	ip -n $NB link set vb up &&
	ip -n $NB route add default via 10.0.2.1 &&
	# The router's interfaces are up for the kernel but have no IPv4
	# address: lispr owns them.
	ip -n $NR link set ra up &&
	ip -n $NR link set rb up
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }

# wait_for SECONDS FILE PATTERN: until FILE has a line matching PATTERN.
# Conditions, not sleeps: the machine may be busy with other work.
wait_for() {
	_end=$(($(date +%s) + $1))
	until grep -q "$3" "$2" 2>/dev/null; do
		[ "$(date +%s)" -lt "$_end" ] || return 1
		sleep 0.05
	done
}

# What B sees on its wire, for tshark to judge afterwards.  The router
# announces itself (gratuitous ARP) as soon as it starts, so the capture
# must be running first (tests/capture.sh).
TSHARK=${TSHARK:-$(command -v tshark || true)}
captured=
if [ -n "$TSHARK" ] && cap_ok; then
	cap_start B $NB vb /tmp/$P.pcap || exit 1
	captured=1
fi
# The router runs until this script stops it (120 s at most, should the
# script die first).
ip netns exec $NR "$LIVE" -t 120 -p 10.0.2.20 ra 10.0.1.1/24 rb 10.0.2.1/24 >/tmp/$P.router 2>&1 &
rpid=$!
check "router opened its ports and runs" wait_for 60 /tmp/$P.router "^ready"

check "A pings the router's near address" ip netns exec $NA ping -c 3 -i 0.2 -W 2 10.0.1.1
check "A pings the router's far address" ip netns exec $NA ping -c 3 -i 0.2 -W 2 10.0.2.1
check "A pings B through the router" ip netns exec $NA ping -c 5 -i 0.2 -W 2 10.0.2.20
ip netns exec $NA ping -c 1 -t 1 -W 2 10.0.2.20 >/tmp/$P.ttl 2>&1
check "TTL 1 gets Time Exceeded from 10.0.1.1" grep -q "From 10.0.1.1.*Time to live exceeded" /tmp/$P.ttl
ip netns exec $NA ping -c 1 -W 2 10.9.9.9 >/tmp/$P.unr 2>&1
check "no route gets Destination Net Unreachable" grep -q "From 10.0.1.1.*Unreachable" /tmp/$P.unr
check "B learned the router's MAC from ARP" sh -c "ip -n $NB neigh show 10.0.2.1 | grep -q lladdr"

# The router's own ping to B (5 probes, each answered or timed out in 2 s)
# ends on its own; then stop the router, and the capture once it holds
# every frame of the run.
check "router's own ping to B finished" wait_for 60 /tmp/$P.router "^ping:"
kill -TERM $rpid 2>/dev/null
wait $rpid
rrc=$?
rpid=
if [ -n "$captured" ]; then
	check "capture on B's link complete" cap_stop B
	# Echo requests from A arrive with TTL 63 and a good header checksum;
	# the router announced 10.0.2.1 (gratuitous ARP) and asked for B.
	"$TSHARK" -r /tmp/$P.pcap -o ip.check_checksum:TRUE \
		-Y "icmp.type == 8 && ip.src == 10.0.1.10" \
		-T fields -e ip.ttl -e ip.checksum.status >/tmp/$P.fields 2>/dev/null
	check "tshark: forwarded requests have TTL 63 and a good checksum" \
		sh -c "cat /tmp/$P.fields; test \$(wc -l </tmp/$P.fields) -ge 5 && ! grep -qv '^63	1\$' /tmp/$P.fields"
	check "tshark: gratuitous ARP for 10.0.2.1" \
		sh -c "\"$TSHARK\" -r /tmp/$P.pcap -Y 'arp.isgratuitous && arp.src.proto_ipv4 == 10.0.2.1' 2>/dev/null | grep -q ."
	check "tshark: ARP request from 10.0.2.1 for 10.0.2.20" \
		sh -c "\"$TSHARK\" -r /tmp/$P.pcap -Y 'arp.opcode == 1 && arp.src.proto_ipv4 == 10.0.2.1 && arp.dst.proto_ipv4 == 10.0.2.20' 2>/dev/null | grep -q ."
	check "tshark: no malformed frames" \
		sh -c "! \"$TSHARK\" -r /tmp/$P.pcap -Y _ws.malformed 2>/dev/null | grep -q ."
else
	echo "skip tshark checks (no tshark, tcpdump or python3)"
fi
echo "--- router output"
cat /tmp/$P.router
check "router exited cleanly and its own ping got every reply" test $rrc -eq 0
check "router saw forwarded traffic" grep -q "forwarded [1-9]" /tmp/$P.router
rm -f /tmp/$P.out /tmp/$P.router /tmp/$P.ttl /tmp/$P.unr /tmp/$P.pcap /tmp/$P.pcap.tcpdump /tmp/$P.fields
exit $fail

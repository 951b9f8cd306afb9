#!/bin/sh
# Link state (issue 9 item 3): lispr notices its Linux interfaces going away,
# coming back and losing their carrier, on its own (src/router/netlink.c).
# All in namespaces this run creates and removes on exit; nothing touches
# the root namespace's interfaces.  Skips (77) unless root with 'ip netns'.
#
#   host A (va 10.0.1.10) --veth-- lispr (ra 10.0.1.1, rb 10.0.2.1) --veth-- host B (vb 10.0.2.20)
#
# lispr runs the daemon with a startup-config and its vty in its own
# namespace; the shell is reached through scripts/lab.sh's vty client.
#   - rb is down in the kernel when lispr starts: its configuration is kept,
#     rb is down/down, and comes up when the kernel's rb does, on rings
#     made as its port opened;
#   - ra deleted (ip link del): 'show interfaces ra' down/down, the connected
#     route and a static route through it withdrawn, %LINK-3-UPDOWN and
#     %LINEPROTO-5-UPDOWN logged; the other interface's routes stay;
#   - the pair created again under the same names (a new ifindex and MAC):
#     ra up/up again without a restart, its gratuitous ARP carries the new
#     MAC (tshark, on A's new link), A pings B through lispr; the capture's
#     ring is the one ra had (kept by the detach, bound to the new ra);
#   - A's end set down and up (carrier lost and back): line protocol down
#     and up, routes withdrawn and back, pings pass again;
#   - ra itself set down and up in the router's namespace: the same;
#   - admin 'shutdown' stays: a shut ra whose carrier comes and goes stays
#     administratively down and logs nothing; 'no shutdown' brings it up;
#   - 'ip access-group' in on ra denying A: A's ping reads "Packet filtered"
#     (the kernel decodes lispr's unreachable, code 13), B is unaffected.
# Every wait is on a condition with a bound sized for a busy machine.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init link
live_need_netns
live_need bash
live_need python3
live_need_lispr
# A bound for a run that hangs, several times a busy machine's run.
live_watchdog "${LINK_TEST_TIMEOUT:-400}"
NA=$P-a NR=$P-r NB=$P-b
live_ns_add $NA $NR $NB

# The A side of the topology, which the test deletes and builds again.
link_a() {
	live_veth $NA va $NR ra && live_host $NA va 10.0.1.10/24 10.0.1.1
}
setup() {
	live_ns_ipv4 $NA $NR $NB &&
	link_a &&
	live_veth $NB vb $NR rb && live_host $NB vb 10.0.2.20/24 10.0.2.1 &&
	live_up $NR ra
}
setup || { echo "SKIP: cannot build the veth topology here"; exit 77; }

cat >"$work/r.conf" <<'EOF'
hostname linktest
enable secret 0 lisp
!
interface ra
 ip address 10.0.1.1 255.255.255.0
!
interface rb
 ip address 10.0.2.1 255.255.255.0
!
ip route 10.9.9.0 255.255.255.0 10.0.1.10
ip route 10.8.8.0 255.255.255.0 ra 10.0.1.10
!
line vty 0 4
 exec-timeout 0 0
 no login
!
end
EOF
live_lispr $NR r

# The router's shell: one command, its output on stdout.
rsh() {
	printf '%s\n' "$1" | LAB_VTY_TIMEOUT=60 LAB_CMD_TIMEOUT=60 live_vty $NR linktest 120
}
# show interfaces NAME says STATE (a whole first line).
if_state() {	# name "up, line protocol is up"
	rsh "show interfaces $1" | grep -qx "$1 is $2"
}
has_route() {	# prefix
	rsh "show ip route" | grep -q " $1"
}
no_route() {	# prefix
	! rsh "show ip route" | grep -q " $1"
}
logged() {	# text
	rsh "show logging" | grep -qF "$1"
}
logcount() {	# text
	rsh "show logging" | grep -cF "$1"
}
all_routes() {	# ra's connected route and both statics through it
	rsh "show ip route" >"$work/routes"
	cat "$work/routes"
	grep -q "^C *10.0.1.0/24 is directly connected, ra" "$work/routes" &&
	grep -q "^S *10.9.9.0/24" "$work/routes" && grep -q "^S *10.8.8.0/24" "$work/routes"
}
kept_rings() {	# n: ra's attaches bound the rings its detach kept, n times
	rsh "show platform packet-io | json" >"$work/pj"
	python3 - "$work/pj" "$1" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
j = json.loads(t[t.index("{"):t.rindex("}") + 1])
i = {x["interface"]: x for x in j["interfaces"]}
n = i["ra"]["attaches_with_kept_rings"]
print("ra attaches_with_kept_rings", n, "ring_bytes", i["ra"]["ring_bytes"])
sys.exit(0 if n == int(sys.argv[2]) and i["ra"]["ring_bytes"] > 0 else 1)
PY
}
brief_down() {
	rsh "show ip interface brief" | grep -Eq '^ra +10\.0\.1\.1 +YES manual +down +down$'
}
has_mac() {	# xxxx.xxxx.xxxx
	rsh "show interfaces ra" | grep -q "address is $1"
}
config() {	# configuration lines for ra
	printf 'configure terminal\ninterface ra\n%s\nend\n' "$1" | live_vty $NR linktest 120
}
same_count() {	# text count
	test "$(logcount "$1")" -eq "$2"
}
aping() {	# A pings B through lispr: 3 of 3
	ip netns exec $NA ping -c 3 -i 0.2 -W 2 10.0.2.20
}
aping1() {
	ip netns exec $NA ping -c 1 -W 1 10.0.2.20
}
updown() {	# state: the two log lines for ra
	echo "%LINK-3-UPDOWN: Interface ra, changed state to $1"
	echo "%LINEPROTO-5-UPDOWN: Line protocol on Interface ra, changed state to $1"
}
logged_updown() {	# state count: both lines at least count times
	for l in "$(updown $1 | sed -n 1p)" "$(updown $1 | sed -n 2p)"; do
		[ "$(logcount "$l")" -ge "$2" ] || return 1
	done
}

check "lispr answers on its vty" wait_until 90 rsh "show clock"
check "rb, down in the kernel at start: configured, down/down" if_state rb "down, line protocol is down"
rb_address() {	# with the vty's default timeouts
	printf 'show interfaces rb\n' | live_vty $NR linktest 120 | grep -q 'Internet address is 10.0.2.1/24'
}
check "rb, down in the kernel at start: its address kept" rb_address
ip -n $NR link set rb up
check "rb set up in the kernel: up/up" wait_until 60 if_state rb "up, line protocol is up"
rb_rings_ahead() {	# rb's attach bound the rings made when its port opened
	rsh "show platform packet-io | json" >"$work/pj"
	python3 - "$work/pj" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
j = json.loads(t[t.index("{"):t.rindex("}") + 1])
i = {x["interface"]: x for x in j["interfaces"]}
print("rb", i["rb"])
sys.exit(0 if i["rb"]["reopens_with_rings_ahead"] == 1 and i["rb"]["ring_bytes"] > 0 else 1)
PY
}
check "rb up: its attach bound the rings made as its port opened (none made in the event loop)" rb_rings_ahead
check "ra is up, line protocol is up" wait_until 60 if_state ra "up, line protocol is up"
check "A pings B through lispr" wait_until 60 aping1
check "A pings B: 3 of 3" aping
check "routes: 10.0.1.0/24 connected, 10.9.9.0/24 and 10.8.8.0/24 static" all_routes
pid0=$(cat "$work/r.pid")

# --- ra deleted (its peer va goes with it)
ip -n $NR link del ra
check "ra deleted: ra is down, line protocol is down" wait_until 60 if_state ra "down, line protocol is down"
check "ra deleted: 10.0.1.0/24 withdrawn" no_route 10.0.1.0/24
check "ra deleted: static 10.9.9.0/24 via 10.0.1.10 withdrawn" no_route 10.9.9.0/24
check "ra deleted: static 10.8.8.0/24 via ra withdrawn" no_route 10.8.8.0/24
check "ra deleted: rb's 10.0.2.0/24 stays" has_route 10.0.2.0/24
check "ra deleted: %LINK-3-UPDOWN and %LINEPROTO-5-UPDOWN down logged" logged_updown down 1
check "ra deleted: show ip interface brief says down down" brief_down
check "lispr still serves: B pings rb" ip netns exec $NB ping -c 2 -i 0.2 -W 2 10.0.2.1

# --- the pair again, same names: a new ifindex and a new MAC for ra.
# ra stays down until set up, so A's capture runs before lispr sees it.
check "va/ra created again" link_a
captured=
if live_can_capture; then
	check "capture on A's new link running" cap_start A $NA va "$work/a.pcap" && captured=1
fi
ip -n $NR link set ra up
newmac=$(ip -n $NR -o link show ra | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
check "ra back: ra is up, line protocol is up (no restart)" wait_until 60 if_state ra "up, line protocol is up"
check "ra back: A pings B through lispr" wait_until 60 aping1
check "ra back: A pings B: 3 of 3" aping
check "ra back: 10.0.1.0/24 and both statics back" all_routes
check "ra back: up logged" logged_updown up 1
check "ra back: show interfaces has the new MAC" \
	has_mac "$(echo "$newmac" | sed 's/://g; s/^\(....\)\(....\)/\1.\2./')"
check "ra back: the capture's ring kept by the detach, bound to the new ra" kept_rings 1
check "ra back: the same lispr process, still running" \
	sh -c "test \"\$(cat '$work/r.pid')\" = '$pid0' && kill -0 '$pid0'"
if [ -n "$captured" ]; then
	check "capture on A's link complete" cap_stop A
	check "tshark: gratuitous ARP for 10.0.1.1 from ra's new MAC $newmac" \
		sh -c "\"$TSHARK\" -r '$work/a.pcap' -Y 'arp.isgratuitous && arp.src.proto_ipv4 == 10.0.1.1 && arp.src.hw_mac == $newmac && eth.src == $newmac' 2>/dev/null | grep -q ."
	check "tshark: echo replies from B forwarded to A by the new MAC" \
		sh -c "\"$TSHARK\" -r '$work/a.pcap' -Y 'icmp.type == 0 && ip.src == 10.0.2.20 && eth.src == $newmac' 2>/dev/null | grep -q ."
	check "tshark: no malformed frames" \
		sh -c "! \"$TSHARK\" -r '$work/a.pcap' -Y _ws.malformed 2>/dev/null | grep -q ."
else
	echo "skip tshark checks (no tshark, tcpdump or python3)"
fi

# --- carrier: A's end down and up
ip -n $NA link set va down
check "carrier lost: ra is down, line protocol is down" wait_until 60 if_state ra "down, line protocol is down"
check "carrier lost: 10.0.1.0/24 withdrawn" no_route 10.0.1.0/24
check "carrier lost: down logged again" logged_updown down 2
# (A's kernel dropped its default route with the link: put it back.)
ip -n $NA link set va up && ip -n $NA route replace default via 10.0.1.1
check "carrier back: ra is up, line protocol is up" wait_until 60 if_state ra "up, line protocol is up"
check "carrier back: 10.0.1.0/24 back" has_route 10.0.1.0/24
check "carrier back: A pings B through lispr" wait_until 60 aping1

# --- ra set down and up in the router's namespace (the capture sees ENETDOWN)
ip -n $NR link set ra down
check "ra down in the kernel: line protocol down" wait_until 60 if_state ra "down, line protocol is down"
ip -n $NR link set ra up
check "ra up in the kernel: up/up" wait_until 60 if_state ra "up, line protocol is up"
check "ra up in the kernel: A pings B through lispr" wait_until 60 aping1
check "ra up in the kernel: A pings B: 3 of 3" aping
check "ra up in the kernel: the kept ring bound again (twice in all)" kept_rings 2

# --- admin shutdown is independent of the link
check "configure ra: shutdown" config shutdown
check "shutdown: ra is administratively down" if_state ra "administratively down, line protocol is down"
downs=$(logcount "$(updown down | sed -n 2p)")
ip -n $NA link set va down
ip -n $NA link set va up && ip -n $NA route replace default via 10.0.1.1
check "shut, carrier down and up: the kernel's ra has carrier again" \
	wait_until 60 sh -c "ip -n $NR -o link show ra | grep -q 'state UP'"
check "shut, carrier down and up: still administratively down" if_state ra "administratively down, line protocol is down"
check "shut, carrier down and up: nothing logged" same_count "$(updown down | sed -n 2p)" "$downs"
check "configure ra: no shutdown" config "no shutdown"
check "no shutdown: ra is up, line protocol is up" wait_until 60 if_state ra "up, line protocol is up"
check "no shutdown: A pings B through lispr" wait_until 60 aping1

# --- 'ip access-group': A's address denied on ra, in; the kernel's ping on
# A reads the router's unreachable, administratively prohibited, as "Packet
# filtered"; B still reaches lispr; another address of A is permitted; both
# entries count; removed, A gets through.
acl_cfg() {	# global configuration lines
	printf 'configure terminal\n%s\nend\n' "$1" | live_vty $NR linktest 120
}
filtered() {	# A's ping to B answered "Packet filtered" by 10.0.1.1
	ip netns exec $NA ping -c 1 -W 2 10.0.2.20 >"$work/fping" 2>&1
	cat "$work/fping"
	grep -q "From 10.0.1.1.*Packet filtered" "$work/fping"
}
acl_counts() {	# the deny entry matched, the permit entry too
	rsh "show access-lists 50" >"$work/acl50"
	cat "$work/acl50"
	grep -Eq "10 deny   10\.0\.1\.10 \([0-9]+ match" "$work/acl50" &&
	grep -Eq "20 permit any \([0-9]+ match" "$work/acl50"
}
check "access list 50 configured, in on ra" \
	acl_cfg "$(printf 'access-list 50 deny host 10.0.1.10\naccess-list 50 permit any\ninterface ra\nip access-group 50 in')"
acl_named() {
	rsh "show ip interface ra" | grep -q 'Inbound  access list is 50'
}
check "show ip interface ra names it" acl_named
check "access-group in: A's ping is 'Packet filtered' (ICMP code 13 from 10.0.1.1)" wait_until 30 filtered
check "access-group in: B still reaches lispr" ip netns exec $NB ping -c 2 -i 0.2 -W 2 10.0.2.1
ip -n $NA addr add 10.0.1.11/24 dev va
aping11() {
	ip netns exec $NA ping -c 1 -W 1 -I 10.0.1.11 10.0.2.20
}
check "access-group in: A's second address 10.0.1.11, permitted, gets through" wait_until 60 aping11
check "access-group in: both entries counted" acl_counts
check "access-group removed" acl_cfg "$(printf 'interface ra\nno ip access-group 50 in')"
check "access-group removed: A pings B again" wait_until 60 aping1

live_stop $rpid
rrc=$?
check "lispr exited cleanly on SIGTERM" test $rrc -eq 0
echo "--- lispr's log"
cat "$work/r.log"
live_finish

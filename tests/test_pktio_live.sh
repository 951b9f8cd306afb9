#!/bin/sh
# Packet I/O under a flood (issue 14): the drain loop keeps draining the
# rings while it serves its timers and its shell, and 'platform packet-io'
# changes reopen the live ports while traffic flows.  All in namespaces
# this run creates and removes on exit; traffic only between them.
# Skips (77) unless root with 'ip netns' and python3.
#
#   host A (va 10.0.1.10) --veth-- lispr (ra 10.0.1.1, rb 10.0.2.1) --veth-- host B (vb 10.0.2.20)
#
#   - startup-config with 'platform packet-io ring-size 1024 block 64':
#     show platform packet-io reports each port's ring as opened;
#     a bypass change and a link flap bind the rings the port had again;
#   - A floods UDP to B through lispr, unpaced, for the whole test; meanwhile
#     the vty answers, a ping from lispr's own shell (driven by its timers)
#     gets its replies, and the loop's counters show drain rounds;
#   - ring-size and qdisc-bypass changed during the flood: the ports are
#     reopened (logged, show says the new ring and the bypass) with rings
#     made before the router lock was taken (counted per port), A still
#     reaches B; the running-config carries the lines, 'no' forms remove them;
#   - 'platform packet-io workers 2' during the flood (64 flows): each port
#     has two receive queues, both read (the loop and worker thread 1, which
#     show processes cpu lists), B still receives, lispr's ping and vty
#     still answer; 'no platform packet-io workers' goes back to one queue
#     and no worker, and A still reaches B; ra down and up under the flood
#     with workers: the port closes and reopens its queues, the worker reads
#     the new one.
# Every wait is on a condition with a bound sized for a busy machine.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_need_netns
live_need bash python3
live_need_lispr
live_init pktio
live_watchdog "${PKTIO_TEST_TIMEOUT:-400}"
NA=$P-a NR=$P-r NB=$P-b
live_ns_add $NA $NR $NB
{ live_ns_ipv4 $NA $NR $NB &&
  live_attach $NR $NA va ra 10.0.1.10/24 10.0.1.1 &&
  live_attach $NR $NB vb rb 10.0.2.20/24 10.0.2.1; } ||
	{ echo "SKIP: cannot build the veth topology here"; exit 77; }

cat >"$work/r.conf" <<'EOF'
hostname pktio
enable secret 0 lisp
!
platform packet-io ring-size 1024 block 64
!
interface ra
 ip address 10.0.1.1 255.255.255.0
!
interface rb
 ip address 10.0.2.1 255.255.255.0
!
line vty 0 4
 exec-timeout 0 0
 no login
!
end
EOF
live_lispr $NR r

vty() {	# the router's shell: commands on stdin
	LAB_VTY_TIMEOUT=60 LAB_CMD_TIMEOUT=60 live_vty $NR pktio 120
}
rsh() {	# one command
	printf '%s\n' "$1" | vty
}
shows() {	# command, pattern: the command's output has a line matching it
	rsh "$1" | grep -q "$2"
}
# show platform packet-io: interface IF's line has ring KB, blocks, block KB, bypass.
ring_is() {	# if ringKB blockKB bypass
	rsh "show platform packet-io" >"$work/pio"
	cat "$work/pio"
	awk -v i="$1" -v r="$2" -v b="$3" -v y="$4" \
		'$1 == i && $2 == r && $4 == b && $6 == y { ok = 1 } END { exit !ok }' "$work/pio"
}
aping1() {
	ip netns exec $NA ping -c 1 -W 1 10.0.2.20
}
# lispr's own ping (its probes and timeouts run on the loop's timers):
# at least 3 of 5 replies while the flood is on (the flood may cost a
# reply at a full queue; starved timers would send or time out none).
rping() {
	rsh "ping 10.0.2.20 repeat 5 timeout 1" >"$work/rping"
	cat "$work/rping"
	grep -Eq "Success rate is (60|80|100) percent" "$work/rping"
}
json_num() {	# key: its value in show platform packet-io | json
	rsh "show platform packet-io | json" | tr ',{}' '\n\n\n' | sed -n "s/^\"$1\":\\([0-9]*\\)\$/\\1/p" | head -1
}
drained() {	# the drain loop took frames without sleeping, under the flood
	_po=$(json_num polls) _dr=$(json_num drain_rounds)
	echo "polls $_po drain_rounds $_dr"
	[ "${_po:-0}" -gt 100 ] && [ "${_dr:-0}" -gt 100 ]
}
flood_seen() {	# lispr forwarded a good part of the flood to B
	rsh "show interfaces rb" >"$work/rb"
	_n=$(sed -n 's/^ *\([0-9]*\) packets output.*/\1/p' "$work/rb" | head -1)
	echo "rb packets output: ${_n:-?}"
	[ "${_n:-0}" -gt 20000 ]
}
logged() {
	rsh "show logging" | grep -qF "$1"
}

pio_json() {	# python expression on j (show platform packet-io | json): true?
	rsh "show platform packet-io | json" >"$work/pj"
	python3 - "$work/pj" "$1" "${2-}" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
j = json.loads(t[t.index("{"):t.rindex("}") + 1])
i = {x["interface"]: x for x in j["interfaces"]}
v = eval(sys.argv[2])
if sys.argv[3] == "value":
    print(v)
    sys.exit(0)
print(sys.argv[2], "->", v, "workers", j["workers"], "ra", i.get("ra"))
sys.exit(0 if v else 1)
PY
}
pio_val() {	# python expression: its value
	pio_json "$1" value
}

check "lispr answers on its vty" wait_until 90 rsh "show clock"
check "ra is up" wait_until 60 shows "show interfaces ra" 'ra is up, line protocol is up'
check "A pings B through lispr" wait_until 60 aping1
check "startup ring: 1024 KB of 64 KB blocks on ra and rb" ring_is ra 1024 64 no
check "startup ring on rb too" ring_is rb 1024 64 no

# The flood: unpaced UDP from A to B through lispr, until killed, from 8
# source ports in turn (64 flows: the receive queues hash on the flow, and
# all 64 hashing to one of two queues has a chance of 2^-63).
ip netns exec $NA python3 -c '
import socket
ss = []
for i in range(64):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.0.1.10", 40000 + i))
    ss.append(s)
m = b"x" * 64
while True:
    for s in ss:
        try:
            s.sendto(m, ("10.0.2.20", 9))
        except OSError:
            pass
' >/dev/null 2>&1 &
fpid=$!
live_kill_on_exit $fpid

check "flood: lispr forwards it (rb output grows)" wait_until 90 flood_seen
check "flood: the vty answers" rsh "show clock"
check "flood: lispr's own ping, run by its timers, gets its replies" wait_until 90 rping
check "flood: the loop drains rounds without sleeping" wait_until 60 drained
printf 'configure terminal\nplatform packet-io ring-size 2048 block 32 timeout 2\nplatform packet-io qdisc-bypass\nend\n' |
	vty >"$work/cfg" 2>&1
check "flood: ring and bypass changed from the vty without error" sh -c "! grep -q '^%' '$work/cfg'"
check "flood: the ports were reopened (logged)" wait_until 30 logged "%PKTIO-6-REOPEN: 2 live ports reopened"
check "flood: ra's ring is now 2048 KB of 32 KB blocks, bypass on" ring_is ra 2048 32 yes
check "flood: rb's too" ring_is rb 2048 32 yes
check "flood: the ring's reopen bound rings made before the router lock was taken" pio_json \
	'i["ra"]["reopens_with_rings_ahead"] == 1 and i["rb"]["reopens_with_rings_ahead"] == 1'
check "flood: the bypass reopen bound the ports' own rings again (none made)" pio_json \
	'i["ra"]["attaches_with_kept_rings"] == 1 and i["rb"]["attaches_with_kept_rings"] == 1'
check "flood: running-config has the ring line" shows "show running-config" '^platform packet-io ring-size 2048 timeout 2$'
check "flood: running-config has the bypass line" shows "show running-config" '^platform packet-io qdisc-bypass$'
check "flood: after the reopen lispr's ping still gets its replies" wait_until 90 rping

# Receive workers: two queues per port, by flow.
printf 'configure terminal\nplatform packet-io workers 2\nend\n' |
	vty >"$work/cfg" 2>&1
check "workers: set from the vty during the flood without error" sh -c "! grep -q '^%' '$work/cfg'"
check "workers: the ports were reopened with 2 queues (logged)" wait_until 30 logged "bypass on, 2 receive queues"
check "workers: the reopen bound rings made ahead, both queues' (2 so far)" pio_json \
	'i["ra"]["reopens_with_rings_ahead"] == 2 and i["rb"]["reopens_with_rings_ahead"] == 2'
check "workers: ra and rb have 2 receive queues, one worker runs" pio_json \
	'i["ra"]["rx_queues"] == 2 and i["rb"]["rx_queues"] == 2 and j["settings"]["workers"] == 2 and [w["queue"] for w in j["workers"]] == [1]'
check "workers: both of ra's queues carry the flood" wait_until 90 pio_json \
	'min(i["ra"]["rx_queue_frames"]) > 1000'
check "workers: worker 1 handled frames" pio_json 'j["workers"][0]["frames"] > 1000 and j["workers"][0]["thread_id"] > 0'
rb_out() {
	rsh "show interfaces rb" | sed -n 's/^ *\([0-9]*\) packets output.*/\1/p' | head -1
}
grew() {	# rb's output count was $1: it has grown by 10000 since
	_now=$(rb_out)
	echo "rb packets output ${_now:-?}, was $1"
	[ "${_now:-0}" -gt $(($1 + 10000)) ]
}
rb0=$(rb_out)
check "workers: B still receives (rb output grows by 10000)" wait_until 60 grew "${rb0:-0}"
check "workers: the vty answers" rsh "show clock"
check "workers: lispr's own ping gets its replies" wait_until 90 rping
# A link flap under the flood: the port closes its queues (after the
# worker's flush) and opens new ones, which the worker then reads.
q1=$(pio_val 'i["ra"]["rx_queue_frames"][1]')
w1=$(pio_val 'j["workers"][0]["frames"]')
ip -n $NR link set ra down
check "workers: ra down: its port detached" wait_until 60 pio_json 'not i["ra"]["attached"]'
ip -n $NR link set ra up
check "workers: ra up: attached again with 2 queues" wait_until 60 pio_json \
	'i["ra"]["attached"] and i["ra"]["rx_queues"] == 2'
check "workers: ra up: its fanout group's rings kept by the detach, bound again" pio_json \
	'i["ra"]["attaches_with_kept_rings"] == 2 and i["ra"]["reopens_with_rings_ahead"] == 2'
check "workers: ra up: queue 1 carries the flood again, worker 1 reads it" wait_until 90 pio_json \
	"i['ra']['rx_queue_frames'][1] > ${q1:-0} + 1000 and j['workers'][0]['frames'] > ${w1:-0} + 1000"
check "workers: after the flap B still receives" wait_until 60 grew "$(rb_out)"
check "workers: show processes cpu lists the worker thread" shows "show processes cpu" 'rx worker 1'
check "workers: running-config has the line" shows "show running-config" '^platform packet-io workers 2$'
live_stop $fpid
check "after the flood: A pings B through the reopened ports" wait_until 60 aping1
printf 'configure terminal\nno platform packet-io ring-size\nno platform packet-io qdisc-bypass\nno platform packet-io workers\nend\n' |
	vty >/dev/null 2>&1
check "no forms: the default ring again" ring_is ra 8192 32 no
check "no forms: one queue per port, no worker" pio_json \
	'i["ra"]["rx_queues"] == 1 and j["settings"]["workers"] == 1 and j["workers"] == []'
check "no forms: A pings B with one queue again" wait_until 60 aping1
no_platform() {
	rsh "show running-config" >"$work/rc"
	! grep -q '^platform' "$work/rc"
}
check "no forms: nothing in the running-config" no_platform
check "lispr ran throughout (same process)" kill -0 "$(cat "$work/r.pid")"
live_stop $rpid
if grep -Eq 'Sanitizer|runtime error' "$work/r.log"; then
	cat "$work/r.log"
	live_fail "a sanitizer report from lispr"
fi
live_finish

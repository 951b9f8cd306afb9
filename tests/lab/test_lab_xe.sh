#!/bin/sh
# Two LISP sites brought up from IOS-XE configurations (issue 10): the
# reference lab's wiring with tests/lab/xe/NODE.conf as the startup-configs
# ('router lisp' with locator-sets, the top 'service ipv4', instance-id 0
# with its EID table and database mappings, Map-Server sites with
# eid-records, type 7 keys), written as IOS saves a configuration: no
# interface says 'no shutdown'.  scripts/lab.sh starts them in namespaces
# named for this run (LAB_SAMPLES) and refuses any line a router rejects;
# then
#   (b) every interface those files name is up, without 'no shutdown';
#   (a) both xTRs register (show lisp site summary; the sessions up: the
#       Map-Server's Map-Notify verified, before the captures start), the
#       hosts ping each other both ways through LISP, each xTR resolved the
#       other site (show lisp instance-id 0 ipv4 map-cache, show ip lisp
#       forwarding eid remote), and tshark finds on the mapserver's two
#       xTR links the periodic Map-Registers, the ECM Map-Request
#       relayed to lisp2, lisp2's Map-Reply to lisp1, and the echoes
#       LISP-encapsulated between the RLOCs, nothing malformed.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition (registrations, sessions, the captures
# holding every frame so far), never a fixed time; a watchdog ends the
# run after XE_TEST_TIMEOUT seconds (400: several times what it takes on a
# busy machine, a Map-Register every minute included).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init lisprxe captures
XE=$top_srcdir/tests/lab/xe

teardown() {
	kill $watchdog 2>/dev/null
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
(trap 'kill $s 2>/dev/null; exit 0' TERM; sleep "${XE_TEST_TIMEOUT:-400}" & s=$!; wait $s && kill -TERM $$) >/dev/null 2>&1 &
watchdog=$!

rsh() {	# node command: one shell command's output
	timeout 60 bash "$LAB" exec "$@"
}
# json NODE COMMAND EXPR: EXPR (Python, on d) over COMMAND's '| json'.
json() {
	rsh "$1" "$2 | json" >"$work/json" 2>&1 || return 1
	"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    if line.startswith("{"):
        d = json.loads(line)
        break
else:
    sys.exit("no JSON in: " + open(sys.argv[1]).read())
r = eval(sys.argv[2])
print(r)
sys.exit(0 if r is True else 1)' "$work/json" "$3"
}

# --- (b) saved as IOS writes it
check "tests/lab/xe: IOS-XE router lisp blocks (locator-set, service ipv4, instance-id 0, sites), no 'no shutdown'" \
	sh -c "! grep -n '^[^!]*no shutdown' '$XE'/*.conf &&
		grep -q '^ locator-set SITE-A' '$XE/lisp1.conf' && grep -q '^ instance-id 0' '$XE/lisp2.conf' &&
		grep -q '^  eid-record instance-id 0 192.168.1.0/24' '$XE/mapserver.conf' &&
		grep -q '^ exit-router-lisp' '$XE/lisp1.conf'"

# --- up: lab.sh refuses a startup-config with a rejected line
check "lab.sh up from tests/lab/xe: every line of every startup-config loads" \
	env LAB_SAMPLES="$XE" timeout 300 bash "$LAB" up
for r in lisp1 lisp2 mapserver outsideworld; do
	# The interfaces the file configures, each up/up.
	want=$(awk '/^interface /{print $2}' "$XE/$r.conf" | sort | tr '\n' ' ')
	check "$r: every interface of its file is up/up without 'no shutdown' ($want)" \
		json $r "show ip interface brief" \
		"sorted(i['interface'] for i in d['interfaces'] if i['status'] == 'up' and i['protocol'] == 'up') == '$want'.split()"
done

# --- captures on mapserver's links to lisp1 (A) and lisp2 (B)
check "capture on mapserver Ethernet0 (lisp1's link) running" \
	cap_start A "$(ns mapserver)" Ethernet0 "$work/A.pcap"
check "capture on mapserver Ethernet1 (lisp2's link) running" \
	cap_start B "$(ns mapserver)" Ethernet1 "$work/B.pcap"

# --- registration
check "mapserver: show lisp site summary | json: both EID prefixes registered" wait_until 90 \
	json mapserver "show lisp site summary" \
	"d['registered_eid_prefixes'] == 2 and d['registered_sites'] == 2"
check "mapserver: show lisp instance-id 0 ipv4 server | json: siteA by 10.0.1.2, siteB by 10.0.2.2" \
	json mapserver "show lisp instance-id 0 ipv4 server" \
	"sorted((s['site'], e['eid_prefix'], e['who_last_registered']) for s in d['sites'] for e in s['eid_prefixes']) == [('siteA', '192.168.1.0/24', '10.0.1.2'), ('siteB', '192.168.2.0/24', '10.0.2.2')]"
for r in lisp1 lisp2; do
	check "$r: show lisp session | json: its Map-Server session up" wait_until 90 \
		json $r "show lisp session" \
		"d['established'] == 1 and d['sessions'][0]['peer'] == '10.0.3.1' and d['sessions'][0]['state'] == 'up'"
done

# --- resolution and pings both ways
hping() {	# node address
	ip netns exec "$(ns "$1")" ping -c 5 -i 0.2 -W 2 "$2"
}
check "host1 pings host2 (192.168.2.100) through LISP" hping host1 192.168.2.100
check "host2 pings host1 (192.168.1.100) through LISP" hping host2 192.168.1.100
rping() {	# node command
	rsh "$1" "$2" >"$work/rping" 2>&1
	cat "$work/rping"
	grep -q "Success rate is 100 percent" "$work/rping"
}
check "lisp1# ping 192.168.2.1 source Loopback0: 100 percent" \
	rping lisp1 "ping 192.168.2.1 source Loopback0 repeat 5"
check "lisp2# ping 192.168.1.1 source Loopback0: 100 percent" \
	rping lisp2 "ping 192.168.1.1 source Loopback0 repeat 5"
check "lisp1: show lisp instance-id 0 ipv4 map-cache 192.168.2.0/24: from a Map-Reply, locator 10.0.2.2 up" \
	json lisp1 "show lisp instance-id 0 ipv4 map-cache 192.168.2.0/24" \
	"[(e['source'], [(l['address'], l['state']) for l in e['locators']]) for e in d['map_cache']] == [('map-reply', [('10.0.2.2', 'up')])]"
check "lisp2: show lisp instance-id 0 ipv4 map-cache 192.168.1.0/24: from a Map-Reply, locator 10.0.1.2 up" \
	json lisp2 "show lisp instance-id 0 ipv4 map-cache 192.168.1.0/24" \
	"[(e['source'], [(l['address'], l['state']) for l in e['locators']]) for e in d['map_cache']] == [('map-reply', [('10.0.1.2', 'up')])]"
check "lisp1: show ip lisp forwarding eid remote 192.168.2.0/24: encap to 10.0.2.2, packets counted" \
	json lisp1 "show ip lisp forwarding eid remote 192.168.2.0/24" \
	"[(e['fwd_action'], e['packets'] > 0, [p['nexthop'] for p in e['paths']]) for e in d['entries']] == [('encap', True, ['10.0.2.2'])]"

# --- the wires
# One line a frame, tab-separated, every occurrence joined by '|':
#  1 ip.src  2 ip.dst  3 udp.dstport  4 lisp.type  5 record EID
#  6 record mask  7 locators  8 request prefix  9 icmp.type
decode() {	# capture
	cap_sync "$1" || return 1
	timeout 60 "$TSHARK" -r "$work/$1.pcap" -Y "$CAP_FILTER" -E occurrence=a -E aggregator='|' -T fields \
		-e ip.src -e ip.dst -e udp.dstport -e lisp.type -e lisp.mapping.eid.ipv4 \
		-e lisp.mapping.eid.masklen -e lisp.loc.locator -e lisp.mreq.record.prefix.ipv4 \
		-e icmp.type >"$work/$1.txt" 2>"$work/$1.tshark"
}
# seen CAPTURE AWK-CONDITION: a frame of the capture matches.
seen() {
	decode "$1" || return 1
	awk -F'\t' "$2 { n++ } END { exit !n }" "$work/$1.txt"
}
check "tshark A: lisp1's Map-Register (type 3) for 192.168.1.0/24, locator 10.0.1.2, to 10.0.3.1:4342" wait_until 150 \
	seen A '$1 == "10.0.1.2" && $2 == "10.0.3.1" && $3 == "4342" && $4 == "3" && $5 == "192.168.1.0" && $6 == "24" && $7 == "10.0.1.2"'
check "tshark B: lisp2's Map-Register (type 3) for 192.168.2.0/24, locator 10.0.2.2" wait_until 150 \
	seen B '$1 == "10.0.2.2" && $2 == "10.0.3.1" && $4 == "3" && $5 == "192.168.2.0" && $6 == "24" && $7 == "10.0.2.2"'
check "tshark A: lisp1's ECM Map-Request (8|1) to 10.0.3.1 for 192.168.2.x" \
	seen A '$1 ~ /^10\.0\.1\.2\|/ && $2 ~ /^10\.0\.3\.1\|/ && $4 == "8|1" && $8 ~ /^192\.168\.2\./'
check "tshark B: the Map-Server relays it to lisp2 (ECM to 10.0.2.2)" \
	seen B '$1 ~ /^10\.0\.2\.1\|/ && $2 ~ /^10\.0\.2\.2\|/ && $4 == "8|1" && $8 ~ /^192\.168\.2\./'
check "tshark A: lisp2's Map-Reply (type 2) to lisp1: 192.168.2.0/24 at 10.0.2.2" \
	seen A '$1 == "10.0.2.2" && $2 == "10.0.1.2" && $4 == "2" && $5 == "192.168.2.0" && $6 == "24" && $7 == "10.0.2.2"'
check "tshark A: host1's echo requests LISP-encapsulated 10.0.1.2 -> 10.0.2.2:4341" \
	seen A '$1 == "10.0.1.2|192.168.1.100" && $2 == "10.0.2.2|192.168.2.100" && $3 == "4341" && $9 == "8"'
check "tshark A: host2's echo replies LISP-encapsulated 10.0.2.2 -> 10.0.1.2:4341" \
	seen A '$1 == "10.0.2.2|192.168.2.100" && $2 == "10.0.1.2|192.168.1.100" && $3 == "4341" && $9 == "0"'
check "tshark B: host2's echo requests to host1 LISP-encapsulated 10.0.2.2 -> 10.0.1.2" \
	seen B '$1 == "10.0.2.2|192.168.2.100" && $2 == "10.0.1.2|192.168.1.100" && $3 == "4341" && $9 == "8"'
plain_icmp() {	# capture: ICMP between EIDs not inside LISP
	decode "$1" || return 1
	! awk -F'\t' '$1 ~ /^192\.168\./ && $9 != ""' "$work/$1.txt" | grep .
}
check "tshark A: no ICMP between the sites crossed unencapsulated" plain_icmp A
check "tshark B: no ICMP between the sites crossed unencapsulated" plain_icmp B
check "the captures hold every frame so far; stopped" cap_stop
for c in A B; do
	timeout 60 "$TSHARK" -r "$work/$c.pcap" -o ip.check_checksum:TRUE \
		-Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error)" >"$work/$c.bad" 2>>"$work/$c.tshark"
	check "tshark $c: nothing malformed, no expert errors" sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad'"
done

echo "$((n - fail))/$n checks passed"
[ "$fail" -eq 0 ]

#!/bin/sh
# Seed 000 (proxy ETR) packet by packet in the reference lab: scripts/lab.sh
# brings the samples up in namespaces named for this run, the routers'
# shells turn them into the seed's final state (lisp1 uses the PETR and has
# no default route, only a /32 to 10.0.3.1; mapserver is PETR and PITR with
# no route to the EID space), tcpdump records mapserver's links to lisp1 (A)
# and to outsideworld (O), and tshark, the routers' '| json' show commands
# and the pings judge each step:
#   1. lisp1 pings 4.2.2.2 from Loopback0: the seed's frames in its order
#      across both links (Map-Request, negative reply, echo encapsulated to
#      the PETR, native to outsideworld, reply native to the PITR, PITR
#      Map-Request with the p bit, lisp1's Map-Reply, reply encapsulated);
#   2. a wrong use-petr (no route) is never used and shown unusable; two
#      good PETR locators share flows by weight, a worse priority gets none;
#   3. with a default route the Natively-Forward answer is obeyed, with or
#      without use-petr: no LISP data toward 4.2.2.2;
#   4. outsideworld reaches host1 only through the PITR, losing only the
#      packets sent while the mappings resolve.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition (registrations, the flows arriving, the
# captures holding every frame so far), never a fixed time; a watchdog ends
# the run once no check has finished for SEED_TEST_TIMEOUT seconds (600;
# tests/lab/lib.sh's lab_watchdog), so a busy machine's slow run is not cut.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init seed0 captures

watchdog=""
teardown() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
lab_watchdog ${SEED_TEST_TIMEOUT:-600}

# --- helpers
rsh() {	# node command...: a router's shell (commands on stdin without one)
	timeout 60 bash "$LAB" exec "$@"
}
cfg() {	# node line...: one configure terminal session; fails on a '%' line
	node=$1; shift
	{ echo "configure terminal"; printf '%s\n' "$@"; echo "end"; } | rsh "$node"
}
# json FILE EXPR: a Python expression on the JSON in FILE (d).
json() {
	"$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
r = eval(sys.argv[2])
print(r if not isinstance(r, bool) else int(r))' "$1" "$2"
}
now() { date +%s.%N; }
rping() {	# name node command: output in $work/ping.NAME, marks on stdout
	rsh "$2" "$3" >"$work/ping.$1" 2>&1
	grep -E '^[!.U&M]+$' "$work/ping.$1" | tail -1
}
marks() {	# name regex: the ping's marks line matches
	cat "$work/ping.$1"
	grep -Eq "$2" "$work/ping.$1"
}
# UDP flows from host1: one datagram from each of COUNT source ports from
# BASE up, to 4.2.2.2 port 9.  lisp1 picks a PETR per flow.  Returns once
# all COUNT have crossed mapserver's link to outsideworld (every one goes
# there, natively, whichever PETR locator carried it): the routers may
# take a while on a busy machine, and a window that ends earlier would
# miss some.
flows() {	# count base
	ip netns exec "$(ns host1)" "$PY" -c 'import socket, sys, time
n, base = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("192.168.1.100", base + i))
    s.sendto(b"seed 000 flow", ("4.2.2.2", 9))
    s.close()
    if i % 25 == 24:
        time.sleep(0.01)' "$1" "$2"
	wait_until 120 flows_arrived "$1" "$2" || echo "note: not all $1 flows from port $2 reached link O"
}
flows_arrived() {	# count base
	cap_sync O >/dev/null || return 1
	[ "$(timeout 60 "$TSHARK" -r "$work/O.pcap" -Y "ip.dst == 4.2.2.2 && udp.dstport == 9 && udp.srcport >= $2 && udp.srcport < $(($2 + $1))" 2>/dev/null | wc -l)" -ge "$1" ]
}

# --- captures on mapserver: Ethernet0 (A, to lisp1), Ethernet2 (O, to outsideworld)
capture() {	# name node interface
	cap_start "$1" "$(ns "$2")" "$3" "$work/$1.pcap"
}
# decode: both links' frames in one file, in time order, one line a frame,
# tab-separated, every occurrence joined by '|' (LISP data's ip.src is
# "outer|inner"):
#  1 link  2 time  3 ip.src  4 ip.dst  5 ip.ttl  6 udp.srcport  7 udp.dstport
#  8 lisp.type  9 lisp.nonce  10 p bit  11 srceid  12 itr-rloc
# 13 request prefix  14 request len  15 record eid  16 masklen  17 act
# 18 ttl  19 locators  20 ip.proto  21 icmp.type  22 icmp.seq  23 loccnt
decode_once() {
	for c in A O; do
		timeout 60 "$TSHARK" -r "$work/$c.pcap" -Y "$CAP_FILTER" -E occurrence=a -E aggregator='|' -T fields \
			-e frame.time_epoch -e ip.src -e ip.dst -e ip.ttl -e udp.srcport -e udp.dstport \
			-e lisp.type -e lisp.nonce -e lisp.mreq.flags.pitr -e lisp.mreq.srceid.ipv4 \
			-e lisp.mreq.itr_rloc_ipv4 -e lisp.mreq.record.prefix.ipv4 \
			-e lisp.mreq.record.prefix.length -e lisp.mapping.eid.ipv4 \
			-e lisp.mapping.eid.masklen -e lisp.mapping.act -e lisp.mapping.ttl \
			-e lisp.loc.locator -e ip.proto -e icmp.type -e icmp.seq -e lisp.mapping.loccnt \
			2>"$work/$c.tshark" | sed "s/^/$c	/"
	done | sort -t "$(printf '\t')" -k2,2n >"$work/wire.txt"
}
# decode T: every frame up to instant T, read once both captures hold
# every frame their links carried so far (tests/capture.sh).
decode() {
	cap_sync A O || echo "note: the captures may miss frames before $1"
	decode_once
}
# Wire checks are awk programs over the frames between two instants.
wire() {	# t0 t1 awk-program [awk -v assignments...]
	a=$1 b=$2 prog=$3
	shift 3
	awk -F'\t' -v a="$a" -v b="$b" '$2 >= a && $2 <= b' "$work/wire.txt" >"$work/win"
	awk -F'\t' "$@" "$prog" "$work/win"
}
# The seed's frames in order (seed 000's packets 1-11).  A step is found
# only after the one before it; an echo's native and encapsulated forms
# are matched by ICMP sequence number.  TTL rule: the PETR forwards the
# inner packet with min(inner, outer) - 1.
SEQUENCE='
function step(s) {
	if (s == 1) return $1 == "A" && $8 == "8|1" && $3 ~ /^10\.0\.1\.2\|/ && $4 == "10.0.3.1|4.2.2.2" &&
		$7 == "4342|4342" && $10 == "0" && $11 == "192.168.1.1" && $13 == "4.2.2.2" && $14 == 32
	if (s == 2) return $1 == "A" && $8 == "2" && $3 == "10.0.1.1" && $4 == "10.0.1.2" && $9 == nonce &&
		$15 == "0.0.0.0" && $16 == 1 && $17 == 1 && $23 == 0
	if (s == 3 || s == 8) return $1 == "A" && $7 == 4341 && $3 == "10.0.1.2|192.168.1.1" &&
		$4 == "10.0.3.1|4.2.2.2" && $20 == "17|1" && $21 == 8
	if (s == 4 || s == 9) return $1 == "O" && $3 == "192.168.1.1" && $4 == "4.2.2.2" && $20 == 1 &&
		$21 == 8 && $22 == seq && $5 == ttl
	if (s == 5 || s == 10) return $1 == "O" && $3 == "4.2.2.2" && $4 == "192.168.1.1" && $20 == 1 &&
		$21 == 0 && $22 == seq
	if (s == 6) return $1 == "A" && $8 == "8|1" && $3 == "10.0.1.1|10.0.3.1" &&
		$4 == "10.0.1.2|192.168.1.1" && $10 == "1" && $11 == "" && $12 == "10.0.3.1" &&
		$13 == "192.168.1.1" && $14 == 32
	if (s == 7) return $1 == "A" && $8 == "2" && $3 == "10.0.1.2" && $4 == "10.0.3.1" && $9 == nonce &&
		$15 == "192.168.1.0" && $16 == 24 && $19 == "10.0.1.2"
	if (s == 11) return $1 == "A" && $7 == 4341 && $3 == "10.0.3.1|4.2.2.2" &&
		$4 == "10.0.1.2|192.168.1.1" && $20 == "17|1" && $21 == 0 && $22 == seq
}
BEGIN { split("Map-Request 4.2.2.2 (ECM),negative Map-Reply 0.0.0.0/1 Natively-Forward," \
	"echo request LISP to the PETR,echo request native to outsideworld,echo reply native to the PITR," \
	"PITR Map-Request (p bit) for 192.168.1.1,Map-Reply 192.168.1.0/24 -> 10.0.1.2 from lisp1," \
	"echo request LISP to the PETR,echo request native to outsideworld,echo reply native to the PITR," \
	"echo reply LISP from the PITR to lisp1", name, ","); k = 1 }
k <= 11 && step(k) {
	printf "%2d %s: %s %s %s -> %s ttl %s seq %s\n", k, name[k], $1, $2, $3, $4, $5, $22
	if (k == 1 || k == 6) nonce = $9
	if (k == 3 || k == 8) {
		seq = $22; split($5, t, "|"); ttl = (t[1] < t[2] ? t[1] : t[2]) - 1
	}
	k++
}
END { if (k <= 11) print "missing from step " k ": " name[k]; exit k != 12 }'

# --- up, registrations, the seed's configuration through the shells
start=$(date +%s)
check "lab.sh up (samples)" timeout 300 bash "$LAB" up
[ "$fail" -eq 0 ] || { echo "seed 000 lab test: no lab, $n checks, $fail failed"; exit 1; }
# (the samples are dual-stack: each site has an IPv6 EID-prefix too; this
# test is about the IPv4 ones)
registered() {	# both xTRs' IPv4 prefixes registered on mapserver (show lisp site | json in site.json)
	rsh mapserver "show lisp site | json" >"$work/site.json" 2>&1
	[ "$(json "$work/site.json" 'sum(e["registered"] for s in d["sites"] for e in s["eid_prefixes"] if ":" not in e["eid_prefix"])' 2>/dev/null)" = 2 ]
}
wait_until 120 registered
check "mapserver# show lisp site: both xTRs registered" \
	json "$work/site.json" 'sum(e["registered"] for s in d["sites"] for e in s["eid_prefixes"] if ":" not in e["eid_prefix"]) == 2 or sys.exit(print(d))'
echo "# seed 000's configuration"
# The samples may hold seed 001's state or seed 000's already: the 'no'
# lines may find nothing to remove, and the routing tables are checked.
check "lisp1(config)# ip lisp use-petr 10.0.3.1; ip route 10.0.3.1 255.255.255.255 10.0.1.1" \
	cfg lisp1 "ip lisp use-petr 10.0.3.1" "ip route 10.0.3.1 255.255.255.255 10.0.1.1"
cfg lisp1 "no ip route 0.0.0.0 0.0.0.0 10.0.1.1" >/dev/null 2>&1
# As PITR mapserver reaches the EID space through its map-cache only,
# and its Map-Requests go to its own map-resolver.
check "mapserver(config)# ip lisp proxy-etr; ip lisp proxy-itr 10.0.3.1; ip lisp map-cache 192.168.0.0/16 map-request; ip lisp itr map-resolver 10.0.3.1" \
	cfg mapserver "ip lisp proxy-etr" "ip lisp proxy-itr 10.0.3.1" \
	"ip lisp map-cache 192.168.0.0/16 map-request" "ip lisp itr map-resolver 10.0.3.1"
cfg mapserver "no ip route 192.168.1.0 255.255.255.0 10.0.1.2" "no ip route 192.168.2.0 255.255.255.0 10.0.2.2" >/dev/null 2>&1
rsh lisp1 "show ip route | json" >"$work/rt1.json"
rsh mapserver "show ip route | json" >"$work/rtm.json"
check "lisp1# show ip route: no default route, nothing toward 4.2.2.2; 10.0.3.1/32 via 10.0.1.1" \
	json "$work/rt1.json" '("10.0.3.1/32", "10.0.1.1") in [(r["prefix"], r["next_hop"]) for r in d["routes"]] and d["gateway_of_last_resort"] is None and not [r for r in d["routes"] if r["protocol"] == "static" and not r["prefix"].startswith("10.")] or sys.exit(print(d))'
check "mapserver# show ip route: nothing covers 192.168.1.1 or 192.168.2.1 (only 4.2.2.2/32 static)" \
	json "$work/rtm.json" '[r["prefix"] for r in d["routes"] if r["protocol"] == "static"] == ["4.2.2.2/32"] and d["gateway_of_last_resort"] is None or sys.exit(print(d))'
rsh mapserver "show ip lisp | json" >"$work/lm.json"
check "mapserver# show ip lisp: PETR and PITR (10.0.3.1) enabled, MS and MR too" \
	json "$work/lm.json" 'd["roles"] == {"itr": False, "etr": False, "pitr": True, "petr": True, "map_server": True, "map_resolver": True} and d["proxy_itr_rloc"] == "10.0.3.1" or sys.exit(print(d))'

check "capture A (mapserver Ethernet0, to lisp1) running" capture A mapserver Ethernet0
check "capture O (mapserver Ethernet2, to outsideworld) running" capture O mapserver Ethernet2

# --- 1. the seed
echo "# 1. lisp1# ping 4.2.2.2 source Loopback0"
t0=$(now)
rping s1 lisp1 "ping 4.2.2.2 source Loopback0" >/dev/null
t1=$(now)
check "lisp1# ping 4.2.2.2 source Loopback0: ..!!! (the first lost while lisp1 resolves, the second's reply while the PITR does)" \
	marks s1 '^\.\.!!!$'
rping s1b lisp1 "ping 4.2.2.2 source Loopback0 repeat 20" >/dev/null
check "lisp1# ping 4.2.2.2 source Loopback0 repeat 20: all answered" marks s1b '^!{20}$'
t2=$(now)
rsh lisp1 "show ip lisp | json" >"$work/l1.json"
rsh lisp1 "show ip lisp statistics | json" >"$work/st1.json"
rsh mapserver "show ip lisp statistics | json" >"$work/stm.json"
decode "$t2"
check "wire A+O: seed 000's frames in the seed's order (time-ordered across both links)" \
	wire "$t0" "$t1" "$SEQUENCE"
check "wire A: nothing from an EID crosses lisp1's link unencapsulated (no route: everything via the PETR)" \
	wire "$t0" "$t2" '$1 == "A" && $3 ~ /^(192\.168\.|4\.2\.2\.2)/ { bad++; print } END { exit bad > 0 }'
check "wire A+O: every echo of the 20 LISP to the PETR, native on O with TTL min(inner, outer) - 1, its reply native on O then LISP from 10.0.3.1" \
	wire "$t1" "$t2" '
		$1 == "A" && $3 == "10.0.1.2|192.168.1.1" && $4 == "10.0.3.1|4.2.2.2" && $7 ~ /^4341/ && $21 == 8 {
			split($5, t, "|"); want[$22] = (t[1] < t[2] ? t[1] : t[2]) - 1; q++ }
		$1 == "O" && $3 == "192.168.1.1" && $4 == "4.2.2.2" && $21 == 8 { if ($22 in want && $5 == want[$22]) nat++; else { print "bad TTL", $0 } }
		$1 == "O" && $3 == "4.2.2.2" && $4 == "192.168.1.1" && $21 == 0 { rn++ }
		$1 == "A" && $3 == "10.0.3.1|4.2.2.2" && $4 == "10.0.1.2|192.168.1.1" && $7 ~ /^4341/ && $21 == 0 { re++ }
		END { print q " encapsulated, " nat " native with the TTL rule, " rn " replies native, " re " encapsulated back"
		      exit !(q == 20 && nat == 20 && rn == 20 && re == 20) }'
rsh lisp1 "show ip lisp map-cache | json" >"$work/mc1.json"
rsh lisp1 "show ip lisp map-cache" >"$work/mc1.txt"
check "lisp1# show ip lisp map-cache | json: 0.0.0.0/1 negative, forward-native, via map-reply, encapsulating to the PETR" \
	json "$work/mc1.json" '[(e["negative"], e["action"], e["source"], e["encapsulating_to_petr"]) for e in d["map_cache"] if e["eid_prefix"] == "0.0.0.0/1"] == [(True, "forward-native", "map-reply", True)] or sys.exit(print(d))'
check "lisp1# show ip lisp map-cache: 0.0.0.0/1 ... forward-native, then 'Encapsulating to proxy ETR'" \
	sh -c "cat '$work/mc1.txt'; grep -A2 '^0.0.0.0/1, .*via map-reply, forward-native\$' '$work/mc1.txt' | grep -q '^  Encapsulating to proxy ETR\$'"
rsh lisp1 "show ip cef 4.2.2.2" >"$work/cef1.txt" 2>&1
rsh lisp1 "show ip cef 4.2.2.2 | json" >"$work/cef1.json" 2>&1
check "lisp1# show ip cef 4.2.2.2: 0.0.0.0/1, check lisp eligibility, fwd action fwd native via petr, nexthop 10.0.3.1 LISP0" \
	sh -c "cat '$work/cef1.txt'; grep -q '^0.0.0.0/1, .*check lisp eligibility' '$work/cef1.txt' &&
		grep -Eq '^ *LISP remote EID: [0-9]+ packets [0-9]+ bytes fwd action fwd native via petr\$' '$work/cef1.txt' &&
		grep -Eq '^ *nexthop 10.0.3.1 LISP0\$' '$work/cef1.txt'"
check "lisp1# show ip cef 4.2.2.2 | json: 0.0.0.0/1, native_via_petr, next hop 10.0.3.1" \
	json "$work/cef1.json" '[(e["prefix"], e["lisp_action"], e["next_hop"], e["check_lisp_eligibility"]) for e in d["entries"]] == [("0.0.0.0/1", "native_via_petr", "10.0.3.1", True)] or sys.exit(print(d))'
check "lisp1# show ip lisp | json: PETR 10.0.3.1 up, usable, 24 packets (the 4 + 20 echoes that left lisp1)" \
	json "$work/l1.json" '[(p["address"], p["state"], p["usable"], p["packets"]) for p in d["itr_use_petr"]] == [("10.0.3.1", "up", True, 24)] or sys.exit(print(d["itr_use_petr"]))'
# What the wire saw since the first ping, against both routers' counters
# (nothing was encapsulated before it).
wire "$t0" "$t2" '
	$1 == "A" && $3 == "10.0.1.2|192.168.1.1" && $4 == "10.0.3.1|4.2.2.2" && $7 == 4341 { q++ }
	$1 == "A" && $3 == "10.0.3.1|4.2.2.2" && $4 == "10.0.1.2|192.168.1.1" && $7 == 4341 { r++ }
	END { print q + 0, r + 0 }' >"$work/count1"
check "lisp1# show ip lisp statistics | json: packets to a proxy ETR = the LISP echoes on the wire ($(cut -d' ' -f1 "$work/count1")), decapsulated = the PITR's replies ($(cut -d' ' -f2 "$work/count1"))" \
	json "$work/st1.json" '(d["forwarding"]["petr_encapsulated_packets"], d["forwarding"]["decapsulated_packets"]) == tuple(int(x) for x in open(sys.argv[1].replace("st1.json", "count1")).read().split()) or sys.exit(print(d["forwarding"]))'
check "mapserver# show ip lisp statistics | json: decapsulated as PETR and encapsulated as PITR, the same numbers" \
	json "$work/stm.json" '(d["forwarding"]["petr_decapsulated_packets"], d["forwarding"]["pitr_encapsulated_packets"]) == tuple(int(x) for x in open(sys.argv[1].replace("stm.json", "count1")).read().split()) or sys.exit(print(d["forwarding"]))'
rsh mapserver "show ip lisp map-cache | json" >"$work/mcm.json"
check "mapserver# show ip lisp map-cache | json: 192.168.0.0/16 send-map-request (static) and 192.168.1.0/24 -> 10.0.1.2 via map-reply" \
	json "$work/mcm.json" 'sorted((e["eid_prefix"], e["action"], [l["address"] for l in e["locators"]]) for e in d["map_cache"]) == [("192.168.0.0/16", "send-map-request", []), ("192.168.1.0/24", "encapsulate", ["10.0.1.2"])] or sys.exit(print(d))'

# --- 2. a wrong PETR, then two good ones by priority and weight
echo "# 2. lisp1(config)# ip lisp use-petr 10.9.9.9 (no route to it)"
check "lisp1(config)# ip lisp use-petr 10.9.9.9 (the same priority and weight as 10.0.3.1)" \
	cfg lisp1 "ip lisp use-petr 10.9.9.9"
rsh lisp1 "show ip lisp" >"$work/l2.txt"
rsh lisp1 "show ip lisp | json" >"$work/l2.json"
check "lisp1# show ip lisp: ITR use proxy ETR RLOC(s): 10.0.3.1 (1/100, up), 10.9.9.9 (1/100, no route, unusable)" \
	sh -c "grep -A1 'use proxy ETR' '$work/l2.txt'; grep -q '^  ITR use proxy ETR RLOC(s): *10.0.3.1 (1/100, up)\$' '$work/l2.txt' && grep -q '^ *10.9.9.9 (1/100, no route, unusable)\$' '$work/l2.txt'"
check "lisp1# show ip lisp | json: 10.9.9.9 state no-route, not usable" \
	json "$work/l2.json" '[(p["address"], p["state"], p["usable"]) for p in d["itr_use_petr"]] == [("10.0.3.1", "up", True), ("10.9.9.9", "no-route", False)] or sys.exit(print(d["itr_use_petr"]))'
# Ping host1 first: its ARP entry, and a ping with the kernel's TTL.
ip netns exec "$(ns host1)" ping -c 3 -i 0.2 -W 2 4.2.2.2 >"$work/hping2" 2>&1
t0=$(now)
rping s2 lisp1 "ping 4.2.2.2 source Loopback0" >/dev/null
flows 200 20000
t1=$(now)
rsh lisp1 "show ip lisp | json" >"$work/l2b.json"
decode "$t1"
check "lisp1# ping 4.2.2.2 source Loopback0: !!!!!" marks s2 '^!!!!!$'
check "wire A: the pings and 200 UDP flows from host1 all LISP to 10.0.3.1; nothing to or about 10.9.9.9" \
	wire "$t0" "$t1" '
		$1 == "A" && $3 ~ /^10\.0\.1\.2\|192\.168\.1\.(1|100)$/ && $7 ~ /^4341/ { to[$4 ~ /^10\.0\.3\.1\|/ ? "petr" : "other"]++ }
		/10\.9\.9\.9/ { bad++; print }
		END { print to["petr"] + 0 " to 10.0.3.1, " to["other"] + 0 " elsewhere"; exit !(to["petr"] == 205 && !to["other"] && !bad) }'
check "wire O: mapserver forwarded the 200 flows natively (UDP 192.168.1.100 -> 4.2.2.2:9)" \
	wire "$t0" "$t1" '$1 == "O" && $3 == "192.168.1.100" && $4 == "4.2.2.2" && $7 == 9 { c++ } END { print c + 0; exit c != 200 }'
check "lisp1# show ip lisp | json: 10.9.9.9 carried 0 packets, still unusable" \
	json "$work/l2b.json" '[(p["address"], p["usable"], p["packets"]) for p in d["itr_use_petr"] if p["address"] == "10.9.9.9"] == [("10.9.9.9", False, 0)] or sys.exit(print(d["itr_use_petr"]))'

echo "# 2. two good PETR locators: 10.0.3.1 priority 1 weight 75, 10.0.2.1 priority 1 weight 25"
# mapserver's other address on the lisp2 link is a second PETR locator
# (the PETR decapsulates on any of its addresses); lisp1 reaches it
# through mapserver like 10.0.3.1.
check "lisp1(config)# no ip lisp use-petr 10.9.9.9; ip route 10.0.2.1 255.255.255.255 10.0.1.1; ip lisp use-petr 10.0.3.1 priority 1 weight 75; ip lisp use-petr 10.0.2.1 priority 1 weight 25" \
	cfg lisp1 "no ip lisp use-petr 10.9.9.9" "ip route 10.0.2.1 255.255.255.255 10.0.1.1" \
	"ip lisp use-petr 10.0.3.1 priority 1 weight 75" "ip lisp use-petr 10.0.2.1 priority 1 weight 25"
rsh lisp1 "show ip lisp | json" >"$work/l2c.json"
check "lisp1# show ip lisp | json: 10.0.3.1 1/75 and 10.0.2.1 1/25, both up" \
	json "$work/l2c.json" 'sorted((p["address"], p["priority"], p["weight"], p["usable"]) for p in d["itr_use_petr"]) == [("10.0.2.1", 1, 25, True), ("10.0.3.1", 1, 75, True)] or sys.exit(print(d["itr_use_petr"]))'
t0=$(now)
flows 400 21000
t1=$(now)
rsh lisp1 "show ip lisp | json" >"$work/l2d.json"
decode "$t1"
check "wire A: 400 flows split by weight: 10.0.3.1 gets 65-85 %, 10.0.2.1 the rest" \
	wire "$t0" "$t1" '
		$1 == "A" && $3 == "10.0.1.2|192.168.1.100" && $7 ~ /^4341/ { split($4, o, "|"); c[o[1]]++; all++ }
		END { printf "%d flows: 10.0.3.1 %d, 10.0.2.1 %d\n", all, c["10.0.3.1"], c["10.0.2.1"]
		      exit !(all == 400 && c["10.0.3.1"] + c["10.0.2.1"] == 400 && c["10.0.3.1"] >= 260 && c["10.0.3.1"] <= 340) }'
cnt() { json "$1" 'sum(p["packets"] for p in d["itr_use_petr"] if p["address"] == "'"$2"'")'; }
check "lisp1# show ip lisp | json: per-PETR packet counters grew by what the wire saw" \
	sh -c "a=\$(( $(cnt "$work/l2d.json" 10.0.3.1) - $(cnt "$work/l2c.json" 10.0.3.1) )) b=\$(( $(cnt "$work/l2d.json" 10.0.2.1) - $(cnt "$work/l2c.json" 10.0.2.1) ))
		echo \"10.0.3.1 +\$a, 10.0.2.1 +\$b\"
		awk -F'\t' -v a=$t0 -v b=$t1 '\$2 >= a && \$2 <= b && \$1 == \"A\" && \$3 == \"10.0.1.2|192.168.1.100\" && \$7 ~ /^4341/ { split(\$4, o, \"|\"); c[o[1]]++ } END { print c[\"10.0.3.1\"] + 0, c[\"10.0.2.1\"] + 0 }' '$work/wire.txt' >'$work/split'
		test \"\$a \$b\" = \"\$(cat '$work/split')\""
check "lisp1(config)# ip lisp use-petr 10.0.2.1 priority 2 weight 25 (a worse priority)" \
	cfg lisp1 "ip lisp use-petr 10.0.2.1 priority 2 weight 25"
t0=$(now)
flows 200 22000
t1=$(now)
decode "$t1"
check "wire A: 200 flows, all to 10.0.3.1 while the better priority is usable" \
	wire "$t0" "$t1" '
		$1 == "A" && $3 == "10.0.1.2|192.168.1.100" && $7 ~ /^4341/ { split($4, o, "|"); c[o[1]]++; all++ }
		END { printf "%d flows: 10.0.3.1 %d, 10.0.2.1 %d\n", all, c["10.0.3.1"], c["10.0.2.1"]; exit !(all == 200 && c["10.0.3.1"] == 200) }'
check "lisp1(config)# back to the seed: no ip lisp use-petr 10.0.2.1; no ip route 10.0.2.1 255.255.255.255 10.0.1.1; ip lisp use-petr 10.0.3.1" \
	cfg lisp1 "no ip lisp use-petr 10.0.2.1" "no ip route 10.0.2.1 255.255.255.255 10.0.1.1" "ip lisp use-petr 10.0.3.1"

# --- 3. a native route: Natively-Forward is obeyed
echo "# 3. lisp1(config)# ip route 0.0.0.0 0.0.0.0 10.0.1.1 (use-petr still configured)"
check "lisp1(config)# ip route 0.0.0.0 0.0.0.0 10.0.1.1" cfg lisp1 "ip route 0.0.0.0 0.0.0.0 10.0.1.1"
t0=$(now)
rping s3 lisp1 "ping 4.2.2.2 source Loopback0" >/dev/null
t1=$(now)
rsh lisp1 "show ip lisp map-cache | json" >"$work/mc3.json"
rsh lisp1 "show ip cef 4.2.2.2" >"$work/cef3.txt" 2>&1
rsh lisp1 "show ip cef 4.2.2.2 | json" >"$work/cef3.json" 2>&1
decode "$t1"
check "lisp1# ping 4.2.2.2 source Loopback0: !!!!!" marks s3 '^!!!!!$'
check "wire A: the echo requests cross natively (plain ICMP 192.168.1.1 -> 4.2.2.2), no LISP data toward 4.2.2.2, no Map-Request (0.0.0.0/1 is cached)" \
	wire "$t0" "$t1" '
		$1 == "A" && $3 == "192.168.1.1" && $4 == "4.2.2.2" && $20 == 1 && $21 == 8 { q++ }
		$1 == "A" && ($4 ~ /\|4\.2\.2\.2$/ || $8 != "") { bad++; print }
		END { print q " native requests"; exit !(q == 5 && !bad) }'
check "lisp1# show ip lisp map-cache | json: 0.0.0.0/1 no longer encapsulating to the PETR" \
	json "$work/mc3.json" '[e["encapsulating_to_petr"] for e in d["map_cache"] if e["eid_prefix"] == "0.0.0.0/1"] == [False] or sys.exit(print(d))'
check "lisp1# show ip cef 4.2.2.2: fwd action fwd native (not via petr), nexthop 10.0.1.1 Ethernet0" \
	sh -c "cat '$work/cef3.txt'; grep -Eq '^ *LISP remote EID: [0-9]+ packets [0-9]+ bytes fwd action fwd native\$' '$work/cef3.txt' &&
		grep -Eq '^ *nexthop 10.0.1.1 Ethernet0\$' '$work/cef3.txt'"
check "lisp1# show ip cef 4.2.2.2 | json: native, next hop 10.0.1.1" \
	json "$work/cef3.json" '[(e["lisp_action"], e["next_hop"]) for e in d["entries"]] == [("native", "10.0.1.1")] or sys.exit(print(d))'
echo "# 3. lisp1(config)# no ip lisp use-petr 10.0.3.1; clear ip lisp map-cache"
check "lisp1(config)# no ip lisp use-petr 10.0.3.1" cfg lisp1 "no ip lisp use-petr 10.0.3.1"
rsh lisp1 "clear ip lisp map-cache" >/dev/null 2>&1
t0=$(now)
rping s3b lisp1 "ping 4.2.2.2 source Loopback0" >/dev/null
t1=$(now)
rsh lisp1 "show ip lisp map-cache | json" >"$work/mc3b.json"
decode "$t1"
check "lisp1# ping 4.2.2.2 source Loopback0: .!!!! (the first lost while lisp1 resolves; the PITR knows 192.168.1.0/24)" \
	marks s3b '^\.!!!!$'
check "wire A: Map-Request, negative Map-Reply 0.0.0.0/1 Natively-Forward, then the requests native, none in UDP 4341" \
	wire "$t0" "$t1" '
		$1 == "A" && $8 == "8|1" && $13 == "4.2.2.2" { mr++ }
		$1 == "A" && $8 == "2" && $15 == "0.0.0.0" && $16 == 1 && $17 == 1 && mr { neg++ }
		$1 == "A" && $3 == "192.168.1.1" && $4 == "4.2.2.2" && $21 == 8 && neg { q++ }
		$1 == "A" && $4 ~ /\|4\.2\.2\.2$/ && $7 ~ /^4341/ { bad++; print }
		END { print mr + 0 " requests, " neg + 0 " negative replies, " q + 0 " native echoes"; exit !(mr == 1 && neg == 1 && q == 4 && !bad) }'
check "wire A: the replies still come back LISP from the PITR (mapserver has no native route to the EIDs)" \
	wire "$t0" "$t1" '$1 == "A" && $3 == "10.0.3.1|4.2.2.2" && $4 == "10.0.1.2|192.168.1.1" && $7 ~ /^4341/ && $21 == 0 { r++ } END { print r + 0; exit r != 4 }'
check "lisp1# show ip lisp map-cache | json: 0.0.0.0/1 forward-native, not via the PETR" \
	json "$work/mc3b.json" '[(e["action"], e["encapsulating_to_petr"]) for e in d["map_cache"] if e["eid_prefix"] == "0.0.0.0/1"] == [("forward-native", False)] or sys.exit(print(d))'

# --- 4. a non-LISP site reaches an EID through the PITR only
echo "# 4. outsideworld# ping 192.168.1.100 source Loopback0 (host1, from 4.2.2.2)"
check "lisp1(config)# back to the seed: ip lisp use-petr 10.0.3.1; no ip route 0.0.0.0 0.0.0.0 10.0.1.1" \
	cfg lisp1 "ip lisp use-petr 10.0.3.1" "no ip route 0.0.0.0 0.0.0.0 10.0.1.1"
check "mapserver(config)# no ip lisp proxy-itr" cfg mapserver "no ip lisp proxy-itr"
rsh mapserver "clear ip lisp map-cache" >/dev/null 2>&1
rping s4a outsideworld "ping 192.168.1.100 source Loopback0 repeat 3 timeout 1" >/dev/null
check "outsideworld# ping 192.168.1.100 source Loopback0: no answer (no PITR: no way in; U for mapserver's unreachables)" marks s4a '^[.U]{3}$'
check "mapserver(config)# ip lisp proxy-itr 10.0.3.1" cfg mapserver "ip lisp proxy-itr 10.0.3.1"
rsh mapserver "clear ip lisp map-cache" >/dev/null 2>&1
rsh lisp1 "clear ip lisp map-cache" >/dev/null 2>&1
t0=$(now)
rping s4 outsideworld "ping 192.168.1.100 source Loopback0 repeat 10" >/dev/null
t1=$(now)
decode "$t1"
check "outsideworld# ping 192.168.1.100 source Loopback0 repeat 10: at most the first 2 lost, every later one answered" \
	marks s4 '^(\.|!)(\.|!)!{8}$'
check "wire O then A: each request native from outsideworld, then LISP 10.0.3.1 -> 10.0.1.2 (the PITR); no native 192.168.x on A" \
	wire "$t0" "$t1" '
		$1 == "O" && $3 == "4.2.2.2" && $4 == "192.168.1.100" && $21 == 8 { seen[$22] = 1; on++ }
		$1 == "A" && $3 == "10.0.3.1|4.2.2.2" && $4 == "10.0.1.2|192.168.1.100" && $7 ~ /^4341/ && $21 == 8 { if ($22 in seen) enc++ }
		$1 == "A" && $3 ~ /^(192\.168\.|4\.2\.2\.2)/ { bad++; print }
		$1 == "A" && $8 == "8|1" && $10 == "1" && $13 == "192.168.1.100" { preq++ }
		END { print on " native on O, " enc " encapsulated on A, " preq + 0 " PITR Map-Requests"; exit !(on == 10 && enc >= 9 && preq == 1 && !bad) }'
check "wire A then O: host1's replies LISP 10.0.1.2 -> 10.0.3.1 (lisp1 via the PETR), native to outsideworld" \
	wire "$t0" "$t1" '
		$1 == "A" && $3 == "10.0.1.2|192.168.1.100" && $4 == "10.0.3.1|4.2.2.2" && $7 ~ /^4341/ && $21 == 0 { seen[$22] = 1; enc++ }
		$1 == "O" && $3 == "192.168.1.100" && $4 == "4.2.2.2" && $21 == 0 { if ($22 in seen) nat++ }
		END { print enc " encapsulated, " nat " native"; exit !(enc >= 8 && nat == enc) }'

# --- every frame of the run, and down
check "the captures hold every frame of the run; stopped" cap_stop
for c in A O; do
	timeout 60 "$TSHARK" -r "$work/$c.pcap" -Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error || (lisp && data))" \
		>"$work/$c.bad" 2>>"$work/$c.tshark"
	check "tshark: capture $c ($("$TSHARK" -r "$work/$c.pcap" -Y "$CAP_FILTER" 2>/dev/null | wc -l) frames): nothing malformed, no expert errors, no undecoded LISP control data" \
		sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad' && test -s '$work/$c.pcap'"
done
pids=$(cat "$LAB_RUN"/*.pid 2>/dev/null | tr '\n' ' ')
check "lab.sh down" timeout 120 bash "$LAB" down
check "no namespace named $LAB_PREFIX-* remains" sh -c "! ip netns list | grep '^$LAB_PREFIX-'"
check "no lab router process remains (of: $pids)" \
	sh -c "test -n '$pids' && for p in $pids; do ! kill -0 \$p 2>/dev/null || exit 1; done"
check "the four routers' logs have no sanitizer report" \
	sh -c "test \$(ls '$LAB_RUN'/*.log | wc -l) -eq 4 && ! grep -A20 'Sanitizer\|runtime error' '$LAB_RUN'/*.log"
echo "seed 000 lab test: $n checks, $fail failed, $(($(date +%s) - start)) s"
[ "$fail" -eq 0 ]

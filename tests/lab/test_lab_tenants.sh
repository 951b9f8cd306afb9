#!/bin/sh
# The multi-tenant lab (issue 11): scripts/lab.sh brings samples/tenants/
# up ('up tenants') in namespaces named for this run: the reference routers
# and links, two tenants at each site, RED (VRF RED, LISP instance 101)
# and BLUE (VRF BLUE, instance 102), both with the EID prefixes
# 192.168.1.0/24 (site 1, lisp1) and 192.168.2.0/24 (site 2, lisp2), a
# host per tenant per site on its own LAN interface in the tenant's VRF
# (red1 and blue1 are both 192.168.1.100, red2 and blue2 both
# 192.168.2.100).  tshark judges mapserver's links to lisp1 (A) and lisp2
# (B) and the four LANs (R1, B1, R2, B2):
#   1. the samples: IOS-XE blocks (vrf definition, vrf forwarding,
#      instance-id N with eid-table vrf, eid-record instance-id N), and
#      'lab.sh plan tenants' agrees with them on every router interface;
#      every line of every file loads;
#   2. the Map-Server holds four registrations, two per prefix, one per
#      instance, each from its xTR, and RED-C (172.16.0.0/16, instance
#      101 only) configured and not registered;
#   3. each tenant's hosts ping each other across the sites, RED with
#      109-byte echoes (IP length 129), BLUE with 110-byte ones (130):
#      RED's arrive on RED's LANs only and BLUE's on BLUE's only, in
#      both directions (a ping from red1 to 192.168.2.100, blue2's
#      address too, lands on red2), each xTR resolved the other site in
#      both instances ('show lisp service ipv4 summary': each instance in
#      its VRF, with its database and map-cache);
#   4. on A and B every EID of every control message (Map-Register,
#      Map-Notify, the ECM Map-Request's Source-EID and EID record, the
#      Map-Reply) is an Instance-ID LCAF (type 2) with the tenant's
#      instance, no plain-AFI EID (the lab has no instance 0); tenant 2's
#      Map-Register, Map-Notify, ECM Map-Request (relayed to lisp2 as it
#      came) and Map-Reply each seen with instance 102;
#   5. every LISP data header on A and B has I=1 and the instance of the
#      tenant whose echo it carries (129 bytes: 101, 130 bytes: 102);
#   6. negative Map-Replies per instance: 172.16.1.1 from red1 gets
#      RED-C's configured prefix 172.16.0.0/16 (instance 101, TTL 1
#      minute, Natively-Forward), from blue1 128.0.0.0/2 (instance 102,
#      the least-specific prefix covering it and none of instance 102's,
#      TTL 15), and each xTR instance caches its own;
#   7. a LISP data packet forged on mapserver's link to lisp1, in an
#      instance lisp1 does not have (103) or in instance 0, reaches no
#      tenant's LAN, and the first is counted as an unknown instance;
#   8. nothing malformed on any link;
#   9. 'lab.sh status': the underlay's matrix all answered, each tenant's
#      hosts answer each other in its matrix; 'lab.sh down' leaves
#      nothing, and no router log holds a sanitizer report.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition (registrations, captures running, the
# captures holding every frame so far), never a fixed time; a watchdog
# ends the run once no check has finished for LAB_TEST_TIMEOUT seconds
# (400; tests/lab/lib.sh's lab_watchdog).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init lisprtn captures
T=$top_srcdir/samples/tenants

watchdog=""
teardown() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
# LAB_TEST_KEEP=1 keeps the work directory (captures, decodes, logs).
trap 'teardown; [ "${LAB_TEST_KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' HUP INT PIPE TERM
lab_watchdog ${LAB_TEST_TIMEOUT:-400}

rsh() {	# node command: one shell command's output
	timeout 60 bash "$LAB" exec "$@"
}
# json NODE COMMAND EXPR: EXPR (Python, on d) over COMMAND's '| json'.
json() {
	rsh "$1" "$2 | json" >"$work/json" 2>&1 || { cat "$work/json"; return 1; }
	"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    if line.startswith("{"):
        d = json.loads(line)
        break
else:
    sys.exit("no JSON in: " + open(sys.argv[1]).read())
try:
    r = eval(sys.argv[2])
except Exception as e:
    r = "%s: %s" % (type(e).__name__, e)
if r is not True:
    print(json.dumps(d, indent=1))
print(r)
sys.exit(0 if r is True else 1)' "$work/json" "$3"
}

# --- 1. the samples
check "samples/tenants: IOS-XE VRFs, interfaces in them, instance-id 101/102 bound to RED/BLUE, sites per instance" \
	sh -c "! grep -n '^[^!]*no shutdown' '$T'/*.conf &&
		for x in lisp1 lisp2; do
			grep -q '^vrf definition RED' '$T/'\$x.conf && grep -q '^vrf definition BLUE' '$T/'\$x.conf &&
			test \$(grep -c '^ vrf forwarding RED' '$T/'\$x.conf) = 2 &&
			test \$(grep -c '^ vrf forwarding BLUE' '$T/'\$x.conf) = 2 &&
			grep -A2 '^ instance-id 101' '$T/'\$x.conf | grep -q '^   eid-table vrf RED' &&
			grep -A2 '^ instance-id 102' '$T/'\$x.conf | grep -q '^   eid-table vrf BLUE' || exit 1
		done &&
		grep -q '^  eid-record instance-id 101 192.168.1.0/24' '$T/mapserver.conf' &&
		grep -q '^  eid-record instance-id 102 192.168.1.0/24' '$T/mapserver.conf' &&
		grep -q '^  eid-record instance-id 101 192.168.2.0/24' '$T/mapserver.conf' &&
		grep -q '^  eid-record instance-id 102 192.168.2.0/24' '$T/mapserver.conf' &&
		grep -q '^  eid-record instance-id 101 172.16.0.0/16' '$T/mapserver.conf'"
# samples: 'node interface address/len vrf' of every router interface
# but loopbacks; lab.sh plan tenants: its rows for the routers.
for r in lisp1 lisp2 mapserver outsideworld; do
	awk -v node=$r 'function len(m,  n, i, b) { split(m, b, "."); n = 0
			for (i = 1; i <= 4; i++) while (b[i] > 0) { n += b[i] % 2; b[i] = int(b[i] / 2) }
			return n }
		/^interface / { ifn = $2; vrf = "-" }
		/^ vrf forwarding / { vrf = $3 }
		/^ ip address / && ifn !~ /^Loopback/ { print node, ifn, $3 "/" len($4), vrf }
		/^!$/ { ifn = "" }' "$T/$r.conf"
done | sort >"$work/samples.plan"
bash "$LAB" plan tenants | awk '$1 ~ /^(lisp|mapserver|outside)/ { print $1, $2, $3, $5 }' | sort >"$work/lab.plan"
check "samples/tenants and lab.sh plan tenants agree on every router interface and its VRF" \
	sh -c "cat '$work/lab.plan'; test \$(wc -l <'$work/samples.plan') -eq 10 && diff -u '$work/samples.plan' '$work/lab.plan'"

check "lab.sh up tenants: every line of every startup-config loads" timeout 300 bash "$LAB" up tenants
[ "$fail" -eq 0 ] || { echo "tenants lab test: no lab, $n checks, $fail failed"; exit 1; }

# --- captures: mapserver Ethernet0 (A, to lisp1), Ethernet1 (B, to lisp2),
# the four LANs
for c in "A mapserver Ethernet0" "B mapserver Ethernet1" "R1 red1 eth0" "B1 blue1 eth0" \
	"R2 red2 eth0" "B2 blue2 eth0"; do
	set -- $c
	check "capture $1 ($2 $3) running" cap_start "$1" "$(ns "$2")" "$3" "$work/$1.pcap"
done

# --- 2. registrations per instance
check "mapserver: show lisp site summary | json: the four tenant sites registered, RED-C configured only" wait_until 120 \
	json mapserver "show lisp site summary" \
	"sorted((s['site'], s['configured'], s['registered']) for s in d['sites']) == [('BLUE-A', 1, 1), ('BLUE-B', 1, 1), ('RED-A', 1, 1), ('RED-B', 1, 1), ('RED-C', 1, 0)]"
check "mapserver: show lisp site | json: each prefix registered twice, once per instance, each by its xTR" \
	json mapserver "show lisp site" \
	"sorted((s['site'], e['instance_id'], e['eid_prefix'], e['registered'], e['who_last_registered']) for s in d['sites'] for e in s['eid_prefixes']) == [('BLUE-A', 102, '192.168.1.0/24', True, '10.0.1.2'), ('BLUE-B', 102, '192.168.2.0/24', True, '10.0.2.2'), ('RED-A', 101, '192.168.1.0/24', True, '10.0.1.2'), ('RED-B', 101, '192.168.2.0/24', True, '10.0.2.2'), ('RED-C', 101, '172.16.0.0/16', False, None)]"
for i in 101 102; do
	[ $i = 101 ] && t=RED || t=BLUE
	check "mapserver: show lisp site instance-id $i | json: only $t's sites, $t-A 192.168.1.0/24 by 10.0.1.2, $t-B 192.168.2.0/24 by 10.0.2.2" \
		json mapserver "show lisp site instance-id $i" \
		"sorted((s['site'], e['eid_prefix'], e['who_last_registered']) for s in d['sites'] for e in s['eid_prefixes'] if e['registered']) == [('$t-A', '192.168.1.0/24', '10.0.1.2'), ('$t-B', '192.168.2.0/24', '10.0.2.2')]"
done
for r in lisp1 lisp2; do
	check "$r: show lisp session | json: its Map-Server session up" wait_until 90 \
		json $r "show lisp session" \
		"d['established'] == 1 and d['sessions'][0]['peer'] == '10.0.3.1' and d['sessions'][0]['state'] == 'up'"
done

# --- 3. each tenant's hosts reach each other, and only each other
# RED pings with 101 bytes of data (IP length 129), BLUE with 102 (130):
# every echo on every wire says whose it is.
tping() {	# host size address: the first probe may wait for LISP to resolve
	ip netns exec "$(ns "$1")" ping -c 1 -W 5 -s "$2" "$3" >/dev/null 2>&1
	ip netns exec "$(ns "$1")" ping -c 3 -i 0.2 -W 2 -s "$2" "$3"
}
check "red1 pings 192.168.2.100 (red2's and blue2's address) in RED" tping red1 101 192.168.2.100
check "blue1 pings 192.168.2.100 in BLUE" tping blue1 102 192.168.2.100
check "red2 pings 192.168.1.100 in RED" tping red2 101 192.168.1.100
check "blue2 pings 192.168.1.100 in BLUE" tping blue2 102 192.168.1.100
for i in 101 102; do
	check "lisp1: show lisp instance-id $i ipv4 map-cache 192.168.2.100 | json: 192.168.2.0/24 from a Map-Reply, locator 10.0.2.2 up" \
		json lisp1 "show lisp instance-id $i ipv4 map-cache 192.168.2.100" \
		"[(e['eid_prefix'], e['source'], [(l['address'], l['state']) for l in e['locators']]) for e in d['map_cache']] == [('192.168.2.0/24', 'map-reply', [('10.0.2.2', 'up')])]"
	check "lisp2: show lisp instance-id $i ipv4 map-cache 192.168.1.100 | json: 192.168.1.0/24 from a Map-Reply, locator 10.0.1.2 up" \
		json lisp2 "show lisp instance-id $i ipv4 map-cache 192.168.1.100" \
		"[(e['eid_prefix'], e['source'], [(l['address'], l['state']) for l in e['locators']]) for e in d['map_cache']] == [('192.168.1.0/24', 'map-reply', [('10.0.1.2', 'up')])]"
done

for r in lisp1 lisp2; do
	check "$r: show lisp service ipv4 summary | json: instance 101 in VRF RED, 102 in BLUE, one database prefix and the other site cached in each" \
		json $r "show lisp service ipv4 summary" \
		"sorted((i['instance_id'], i['eid_vrf'], i['eid_vrf_defined'], i['interface'], i['database_size'], i['map_cache_size'] >= 2) for i in d['instances'] if i['instance_id']) == [(101, 'RED', True, 'LISP0.101', 1, True), (102, 'BLUE', True, 'LISP0.102', 1, True)]"
done

# One line a frame, tab-separated, every occurrence joined by '|':
#  1 frame.number  2 ip.src  3 ip.dst  4 udp.srcport  5 udp.dstport
#  6 lisp.type  7 lisp.mapping.eid.afi  8 lisp.lcaf.type  9 lisp.lcaf.iid
# 10 lisp.lcaf.iid.ipv4  11 lisp.mapping.eid.masklen  12 lisp.mreq.srceid.afi
# 13 lisp.mreq.record.prefix.afi  14 lisp.mapping.ttl  15 lisp.mapping.act
# 16 lisp-data.flags.iid  17 lisp-data.iid  18 ip.len  19 icmp.type
decode() {	# capture
	cap_sync "$1" || return 1
	timeout 60 "$TSHARK" -r "$work/$1.pcap" -Y "$CAP_FILTER" -E occurrence=a -E aggregator='|' -T fields \
		-e frame.number -e ip.src -e ip.dst -e udp.srcport -e udp.dstport \
		-e lisp.type -e lisp.mapping.eid.afi -e lisp.lcaf.type -e lisp.lcaf.iid \
		-e lisp.lcaf.iid.ipv4 -e lisp.mapping.eid.masklen -e lisp.mreq.srceid.afi \
		-e lisp.mreq.record.prefix.afi -e lisp.mapping.ttl -e lisp.mapping.act \
		-e lisp-data.flags.iid -e lisp-data.iid -e ip.len -e icmp.type \
		>"$work/$1.txt" 2>"$work/$1.tshark"
}
both() {	# capture cond1 cond2: frames match each
	decode "$1" || return 1
	awk -F'\t' "$2 { a++ } $3 { b++ } END { print a + 0, b + 0; exit !(a && b) }" "$work/$1.txt"
}
seen() {	# capture awk-condition: a frame of the capture matches
	decode "$1" || return 1
	awk -F'\t' "$2 { n++ } END { exit !n }" "$work/$1.txt"
}
none() {	# capture awk-condition: no frame matches (those that do are shown)
	decode "$1" || return 1
	! awk -F'\t' "$2" "$work/$1.txt" | grep .
}

# Each tenant's echoes on its own LANs, both ways, and none on the other's.
check "tshark R2: red1's echo requests (129 bytes) reached red2, its replies left" \
	both R2 '$2 == "192.168.1.100" && $18 == "129" && $19 == "8"' '$3 == "192.168.1.100" && $18 == "129" && $19 == "0"'
check "tshark B2: blue1's echo requests (130 bytes) reached blue2, its replies left" \
	both B2 '$2 == "192.168.1.100" && $18 == "130" && $19 == "8"' '$3 == "192.168.1.100" && $18 == "130" && $19 == "0"'
check "tshark R1: red2's echo requests (129 bytes) reached red1" \
	seen R1 '$2 == "192.168.2.100" && $18 == "129" && $19 == "8"'
check "tshark B1: blue2's echo requests (130 bytes) reached blue1" \
	seen B1 '$2 == "192.168.2.100" && $18 == "130" && $19 == "8"'
for c in R1 R2; do
	check "tshark $c (RED's LAN): no BLUE packet (130 bytes), no LISP, nothing from outside 192.168.0.0/16" \
		none $c '$18 == "130" || $5 ~ /^434[12]$/ || ($2 != "" && $2 !~ /^192\.168\./)'
done
for c in B1 B2; do
	check "tshark $c (BLUE's LAN): no RED packet (129 bytes), no LISP, nothing from outside 192.168.0.0/16" \
		none $c '$18 == "129" || $5 ~ /^434[12]$/ || ($2 != "" && $2 !~ /^192\.168\./)'
done

# --- 4. the instance ID in every control message
# Every EID (a record's, a request's Source-EID and EID) is an LCAF
# (AFI 16387) of type 2 with instance 101 or 102, one LCAF per EID.
lcaf_only() {	# capture
	decode "$1" || return 1
	awk -F'\t' '$6 != "" {
		eids = 0; bad = ""
		split("7 12 13", cols, " ")
		for (c in cols) if ($cols[c] != "") {
			k = split($cols[c], a, "|"); eids += k
			for (i = 1; i <= k; i++) if (a[i] != "16387") bad = bad " plain AFI " a[i]
		}
		k = ($9 == "") ? 0 : split($9, a, "|")
		for (i = 1; i <= k; i++) if (a[i] != "101" && a[i] != "102") bad = bad " instance " a[i]
		m = ($8 == "") ? 0 : split($8, b, "|")
		for (i = 1; i <= m; i++) if (b[i] != "2") bad = bad " LCAF type " b[i]
		if (k != eids) bad = bad " " eids " EIDs, " k " instance IDs"
		if (bad != "") { print "frame " $1 " (type " $6 "):" bad; nbad++ }
		msgs++
	} END { print msgs + 0 " control messages"; exit nbad || !msgs }' "$work/$1.txt"
}
check "tshark A: every EID of every control message in an Instance-ID LCAF (101 or 102), none plain" lcaf_only A
check "tshark B: every EID of every control message in an Instance-ID LCAF (101 or 102), none plain" lcaf_only B
# hasp(IID, ADDRESS): the frame has that EID (an instance and its address
# at the same position of $9 and $10).
HASP='function hasp(i, a,  k, n) { n = split($9, ii, "|"); split($10, aa, "|")
	for (k = 1; k <= n; k++) if (ii[k] == i && aa[k] == a) return 1; return 0 }'
check "tshark A: lisp1's Map-Register (3) to 10.0.3.1 carries 192.168.1.0/24 in instance 102 (and 101)" wait_until 150 \
	seen A "$HASP"' $2 == "10.0.1.2" && $3 == "10.0.3.1" && $6 == "3" && hasp("102", "192.168.1.0") && hasp("101", "192.168.1.0")'
check "tshark B: lisp2's Map-Register (3) carries 192.168.2.0/24 in instance 102 (and 101)" wait_until 150 \
	seen B "$HASP"' $2 == "10.0.2.2" && $3 == "10.0.3.1" && $6 == "3" && hasp("102", "192.168.2.0") && hasp("101", "192.168.2.0")'
check "tshark A: lisp1's ECM Map-Request (8|1) for 192.168.2.100 in instance 102, Source-EID 192.168.1.100 in 102" \
	seen A '$2 ~ /^10\.0\.1\.2\|/ && $3 ~ /^10\.0\.3\.1\|/ && $6 == "8|1" && $12 == "16387" && $9 == "102|102" && $10 == "192.168.1.100|192.168.2.100"'
check "tshark B: the Map-Server relays it to lisp2 (ECM 10.0.2.1 -> 10.0.2.2) as it came, instance 102" \
	seen B '$2 ~ /^10\.0\.2\.1\|/ && $3 ~ /^10\.0\.2\.2\|/ && $6 == "8|1" && $9 == "102|102" && $10 == "192.168.1.100|192.168.2.100"'
check "tshark A: lisp2's Map-Reply (2) to lisp1: 192.168.2.0/24 in instance 102" \
	seen A '$2 == "10.0.2.2" && $3 == "10.0.1.2" && $6 == "2" && $9 == "102" && $10 == "192.168.2.0" && $11 == "24"'
check "tshark A: lisp2's Map-Reply (2) to lisp1: 192.168.2.0/24 in instance 101" \
	seen A '$2 == "10.0.2.2" && $3 == "10.0.1.2" && $6 == "2" && $9 == "101" && $10 == "192.168.2.0" && $11 == "24"'

# --- 5. the instance ID in every data header
data_iid() {	# capture: every LISP data packet: I=1, the echo's tenant's instance
	decode "$1" || return 1
	awk -F'\t' '$5 ~ /^4341(\||$)/ {
		n = split($18, l, "|"); want = (l[n] == "129") ? "101" : (l[n] == "130") ? "102" : "?"
		if ($16 != "1" || $17 != want) { print "frame " $1 ": I=" $16 " iid " $17 " inner length " l[n] " (want " want ")"; bad++ }
		seen[$17]++
	} END { print seen["101"] + 0 " in 101, " seen["102"] + 0 " in 102"; exit bad || !seen["101"] || !seen["102"] }' "$work/$1.txt"
}
check "tshark A: every LISP data header has I=1 and its tenant's instance (RED 101, BLUE 102)" data_iid A
check "tshark B: every LISP data header has I=1 and its tenant's instance (RED 101, BLUE 102)" data_iid B

# --- 6. negative Map-Replies per instance
# (instance 101's lasts a minute: it is checked at once)
negative() {	# iid has-not: the instance's map-cache holds the negative prefix, not the other
	json lisp1 "show lisp instance-id $1 ipv4 map-cache" \
		"'$2' in [e['eid_prefix'] for e in d['map_cache'] if e['negative'] and not e['locators']] and '$3' not in [e['eid_prefix'] for e in d['map_cache']]"
}
ip netns exec "$(ns red1)" ping -c 1 -W 2 172.16.1.1 >/dev/null 2>&1
check "lisp1: show lisp instance-id 101 ipv4 map-cache | json: red1's 172.16.1.1 cached negative as 172.16.0.0/16" \
	wait_until 30 negative 101 172.16.0.0/16 128.0.0.0/2
ip netns exec "$(ns blue1)" ping -c 1 -W 2 172.16.1.1 >/dev/null 2>&1
check "lisp1: show lisp instance-id 102 ipv4 map-cache | json: blue1's 172.16.1.1 cached negative as 128.0.0.0/2" \
	wait_until 30 negative 102 128.0.0.0/2 172.16.0.0/16
check "lisp1: show lisp instance-id 101 ipv4 map-cache | json: no 128.0.0.0/2 (BLUE's negative stayed in 102)" \
	json lisp1 "show lisp instance-id 101 ipv4 map-cache" "'128.0.0.0/2' not in [e['eid_prefix'] for e in d['map_cache']]"
check "tshark A: ECM Map-Requests for 172.16.1.1 in instance 101 and in 102" \
	both A '$6 == "8|1" && $9 == "101|101" && $10 ~ /\|172\.16\.1\.1$/' '$6 == "8|1" && $9 == "102|102" && $10 ~ /\|172\.16\.1\.1$/'
check "tshark A: instance 101: negative Map-Reply 172.16.0.0/16 (RED-C, not registered), TTL 1, Natively-Forward" \
	seen A '$3 == "10.0.1.2" && $6 == "2" && $9 == "101" && $10 == "172.16.0.0" && $11 == "16" && $14 == "1" && $15 == "1"'
check "tshark A: instance 102: negative Map-Reply 128.0.0.0/2 (no prefix of 102 near), TTL 15, Natively-Forward" \
	seen A '$3 == "10.0.1.2" && $6 == "2" && $9 == "102" && $10 == "128.0.0.0" && $11 == "2" && $14 == "15" && $15 == "1"'

# --- 7. a data packet of an unknown instance, or of instance 0, reaches no
# tenant: forged on mapserver's link to lisp1 as from lisp2's RLOC, an
# echo to 192.168.1.100 in instance 103 (131 bytes) and one in instance 0
# (132 bytes): lisp1 drops both, the first counted as an unknown instance.
forge() {	# iid size: one LISP data packet, I=1, from mapserver Ethernet0 to lisp1
	ip netns exec "$(ns mapserver)" "$PY" -c 'import socket, struct, sys
def csum(b):
    b += bytes(len(b) % 2)
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
def ip(src, dst, proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 7, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload
iid, size = int(sys.argv[1]), int(sys.argv[2])
icmp = struct.pack("!BBHHH", 8, 0, 0, 0x7e57, 1) + bytes(size)
icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
inner = ip("192.168.2.100", "192.168.1.100", 1, icmp)
lisp = struct.pack("!BBBBI", 0x08, 0, 0, 0, iid << 8) + inner
udp = struct.pack("!HHHH", 61000, 4341, 8 + len(lisp), 0) + lisp
frame = bytes.fromhex("02000a000102" "02000a000101" "0800") + ip("10.0.2.2", "10.0.1.2", 17, udp)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("Ethernet0", 0))
s.send(frame)' "$1" "$2"
}
iid_drops() {	# lisp1's drops of data packets for an unknown instance
	rsh lisp1 "show ip lisp statistics | json" >"$work/stats" 2>&1 || return 1
	"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    if line.startswith("{"):
        print(json.loads(line)["errors"]["dropped"]["data_packet_for_an_unknown_instance_id"])' "$work/stats"
}
drops0=$(iid_drops)
check "lisp1: unknown-instance drops readable (show ip lisp statistics | json: $drops0)" test -n "$drops0"
forge2() { forge 103 103 && forge 0 104; }
check "forged on mapserver Ethernet0: an echo to 192.168.1.100 in instance 103 (131 bytes), one in instance 0 (132)" forge2
drops_up() { dn=$(iid_drops) && echo "$drops0 -> $dn" && [ "$dn" -gt "$drops0" ]; }
check "lisp1: the instance-103 packet counted as 'data packet for an unknown instance ID'" wait_until 30 drops_up
check "tshark A: both forged packets crossed (I=1, instance 103 and 0)" \
	both A '$5 ~ /^4341/ && $16 == "1" && $17 == "103"' '$5 ~ /^4341/ && $16 == "1" && $17 == "0"'
for c in R1 B1; do
	check "tshark $c: neither forged packet reached the tenant (no 131 or 132 bytes)" \
		none $c '$18 == "131" || $18 == "132"'
done

# --- 8. nothing malformed; every frame kept
check "the captures hold every frame so far; stopped" cap_stop
for c in A B R1 B1 R2 B2; do
	timeout 60 "$TSHARK" -r "$work/$c.pcap" -o ip.check_checksum:TRUE \
		-Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error)" >"$work/$c.bad" 2>>"$work/$c.tshark"
	check "tshark $c: nothing malformed, no expert errors" sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad'"
done

# --- 9. status, then down
timeout 180 bash "$LAB" status >"$work/status" 2>&1
matrix_ok() {	# title-regex: the matrix's host rows answer each other (columns 1-2)
	awk -v t="$1" '$0 ~ t { f = 1; next } f && /^$/ { f = 0 }
		f && /^(red|blue)[12] / { rows++; if ($2 != "!" || $3 != "!") bad++ }
		END { exit bad || rows != 2 }' "$work/status"
}
check "lab.sh status: the underlay's matrix (the routers in the default table) all answered" \
	sh -c "cat '$work/status'; grep -A5 '^underlay' '$work/status' | awk 'NR > 2' >'$work/under';
		test \$(wc -l <'$work/under') -eq 4 && ! grep -q '[.?]' '$work/under'"
check "lab.sh status: RED's matrix: red1 and red2 answer each other" matrix_ok '^tenant RED'
check "lab.sh status: BLUE's matrix: blue1 and blue2 answer each other" matrix_ok '^tenant BLUE'
check "lab.sh down" timeout 120 bash "$LAB" down
check "no namespace named $LAB_PREFIX-* remains" sh -c "! ip netns list | grep '^$LAB_PREFIX-'"
check "the four routers' logs have no sanitizer report" \
	sh -c "test \$(ls '$LAB_RUN'/*.log | wc -l) -eq 4 && ! grep -A20 'Sanitizer\|runtime error' '$LAB_RUN'/*.log"

echo "$((n - fail))/$n checks passed"
[ "$fail" -eq 0 ]

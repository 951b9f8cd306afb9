#!/bin/sh
# '| json' through the program, checked by an independent parser: every
# LISP show command (and show ip cef) on the configuration of
# tests/shell/lisp-classic.conf must print one line that Python's json
# module accepts.  Then the router's
# 'show ip route', 'show ip interface brief' and 'show arp' in JSON, on a
# router that has learned a neighbour and waits for another from a pcap
# file, must carry the routes, interfaces and entries the text shows.
# Skips (77) without /usr/bin/python3.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(dirname "$0")/..}"
py=/usr/bin/python3
[ -x "$py" ] || exit 77
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/cmds" <<'CMDS'
show ip lisp | json
show ip lisp map-cache | json
show ip lisp map-cache detail | json
show ip lisp map-cache 10.10.1.1 | json
show ip lisp database | json
show lisp site | json
show lisp site name siteA | json
show lisp site 192.168.1.1 detail | json
show ip lisp statistics | json
show ip cef | json
show ip cef 10.10.1.1 | json
show ip cef 0.0.0.0 0.0.0.0 detail | json
show ip lisp instance-id 0 map-cache | json
show ip lisp instance-id 0 database | json
show lisp service ipv4 summary | json
show ip lisp instance-id 0 | json
show lisp instance-id 0 ipv4 | json
CMDS
mkdir "$work/pcap"
timeout 30 "$LISPR" --batch --offline "$work/pcap" -f "$top_srcdir/tests/shell/lisp-classic.conf" \
	< "$work/cmds" > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
n=$(grep -c '^{' "$work/out")
if [ "$n" -ne 17 ]; then
	echo "FAIL: $n JSON lines, want 17"
	cat "$work/out"
	exit 1
fi
grep '^{' "$work/out" | "$py" -c '
import json, sys
for i, line in enumerate(sys.stdin, 1):
    d = json.loads(line)
    assert isinstance(d, dict), line
    print("ok  ", i, ", ".join(sorted(d)))
    if i == 11:
        e = d["entries"]
        assert len(e) == 1 and e[0]["prefix"] == "10.10.0.0/16", e
        assert e[0]["lisp_action"] == "encap" and e[0]["interface"] == "LISP0", e
        assert e[0]["next_hop"] in ("10.0.1.9", "10.0.1.10"), e
' || exit 1
if grep -q "Sanitizer" "$work/err"; then
	cat "$work/err"
	exit 1
fi

# The router's own show commands.
mkdir "$work/rt"
cat > "$work/rt.conf" <<'CONF'
interface Ethernet0
 ip address 10.0.1.1 255.255.255.0
!
interface Loopback0
 ip address 1.1.1.1 255.255.255.255
!
interface Loopback1
 ip address 192.168.9.1 255.255.255.0
 shutdown
!
ip route 0.0.0.0 0.0.0.0 10.0.1.9
ip route 172.16.0.0 255.255.0.0 Ethernet0 10.0.1.7 5
ip route 192.168.50.0 255.255.255.0 Null0
CONF
# The file port's MAC comes from the interface name: ask for it first.
mac=$(echo "show interfaces Ethernet0" | timeout 30 "$LISPR" --batch --offline "$work/rt" -f "$work/rt.conf" \
	2>/dev/null | sed -n 's/.*address is \([0-9a-f.]*\) .*/\1/p')
[ -n "$mac" ] || { echo "FAIL: no MAC for Ethernet0"; exit 1; }
rm -f "$work/rt"/*
# 10.0.1.5 asks for the router (learned), then sends a packet to 8.8.8.8
# whose next hop 10.0.1.9 never answers (incomplete).
"$py" - "$mac" "$work/rt/Ethernet0.in.pcap" <<'PY' || exit 1
import struct, sys
mac = bytes.fromhex(sys.argv[1].replace(".", ""))
peer = bytes.fromhex("020000000005")
ip = lambda s: bytes(int(x) for x in s.split("."))
def cksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
arp = b"\xff" * 6 + peer + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + \
    peer + ip("10.0.1.5") + bytes(6) + ip("10.0.1.1")
udp = struct.pack("!HHHH", 1000, 2000, 8, 0)
hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, ip("10.0.1.5"), ip("8.8.8.8"))
hdr = hdr[:10] + struct.pack("!H", cksum(hdr)) + hdr[12:]
pkt = mac + peer + b"\x08\x00" + hdr + udp
with open(sys.argv[2], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for t, fr in ((1, arp), (2, pkt)):
        fr = fr.ljust(60, b"\0")
        f.write(struct.pack("<IIII", t, 0, len(fr), len(fr)) + fr)
PY
cat > "$work/rtcmds" <<'CMDS'
show ip route | json
show ip route 8.8.8.8 | json
show ip route 172.16.3.3 | json
show ip route 10.0.1.0 255.255.255.0 | json
show ip interface brief | json
show arp | json
CMDS
timeout 30 "$LISPR" --batch --offline "$work/rt" -f "$work/rt.conf" \
	< "$work/rtcmds" > "$work/rtout" 2> "$work/rterr" || { cat "$work/rterr"; exit 1; }
grep '^{' "$work/rtout" | "$py" -c '
import json, sys
mac = sys.argv[1]
lines = [json.loads(l) for l in sys.stdin]
assert len(lines) == 6, len(lines)
full, default_only, sub, exact, brief, arp = lines

routes = {r["prefix"]: r for r in full["routes"]}
assert full["gateway_of_last_resort"] == "10.0.1.9", full
assert list(routes) == ["0.0.0.0/0", "1.1.1.1/32", "10.0.1.0/24", "10.0.1.1/32",
                        "172.16.0.0/16", "192.168.50.0/24"], list(routes)
d = routes["0.0.0.0/0"]
assert (d["protocol"], d["distance"], d["next_hop"], d["interface"], d["egress_interface"],
        d["candidate_default"]) == ("static", 1, "10.0.1.9", None, "Ethernet0", True), d
assert d["packets"] == 1 and d["bytes"] == 28, d
s = routes["172.16.0.0/16"]
assert (s["distance"], s["next_hop"], s["interface"], s["candidate_default"]) == \
    (5, "10.0.1.7", "Ethernet0", False), s
n = routes["192.168.50.0/24"]
assert (n["next_hop"], n["interface"], n["egress_interface"]) == (None, "Null0", "Null0"), n
assert routes["10.0.1.0/24"]["protocol"] == "connected"
assert routes["10.0.1.1/32"]["protocol"] == "local"
assert routes["1.1.1.1/32"]["egress_interface"] == "Loopback0"
assert default_only["routes"] == [], default_only
assert [r["prefix"] for r in sub["routes"]] == ["172.16.0.0/16"], sub
assert [r["prefix"] for r in exact["routes"]] == ["10.0.1.0/24"], exact

ifs = {i["interface"]: i for i in brief["interfaces"]}
assert list(ifs) == ["Ethernet0", "Loopback0", "Loopback1", "Null0"], list(ifs)
assert (ifs["Ethernet0"]["ip_address"], ifs["Ethernet0"]["prefix_length"], ifs["Ethernet0"]["method"],
        ifs["Ethernet0"]["status"], ifs["Ethernet0"]["protocol"]) == ("10.0.1.1", 24, "manual", "up", "up")
assert (ifs["Loopback1"]["status"], ifs["Loopback1"]["protocol"]) == ("administratively down", "down")
assert (ifs["Null0"]["ip_address"], ifs["Null0"]["prefix_length"], ifs["Null0"]["method"]) == \
    (None, None, "unset")

e = [(a["address"], a["age_min"], a["hardware_address"], a["interface"], a["own"]) for a in arp["entries"]]
assert e == [("10.0.1.1", None, mac, "Ethernet0", True),
             ("10.0.1.5", 0, "0200.0000.0005", "Ethernet0", False),
             ("10.0.1.9", 0, None, "Ethernet0", False)], e
assert all(a["protocol"] == "Internet" and a["type"] == "ARPA" for a in arp["entries"])
print("ok   route, interface brief and arp JSON")
' "$mac" || { cat "$work/rtout"; exit 1; }
if grep -q "Sanitizer" "$work/rterr"; then
	cat "$work/rterr"
	exit 1
fi

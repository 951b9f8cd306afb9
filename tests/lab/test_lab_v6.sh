#!/bin/sh
# The dual-stack reference lab (issue 12): scripts/lab.sh brings the
# samples (the final state, IPv4 and IPv6 on every link, LAN, loopback and
# host) up in namespaces named for this run, and tshark judges what
# mapserver's link to lisp1 (A) and to outsideworld (O) and the two LANs
# carried:
#   1. the plan: samples/*.conf and 'lab.sh plan' agree on every IPv6
#      address; the kernel in a router's namespace has no IPv6 on the
#      veths; every router's addresses pass DAD;
#   2. the IPv6 underlay: the hosts reach their xTR, the xTRs reach each
#      other's RLOC across mapserver and mapserver reaches outsideworld,
#      with Neighbor Discovery on the wire (NS from the router's address,
#      NA with the Router and Solicited flags and the MAC of the plan),
#      hop limits decremented per router, ICMPv6 checksums good, only the
#      two routers' MACs on A, nothing malformed.
# Skips (77) unless root with 'ip netns', tshark, tcpdump and python3.
# Every step waits for a condition (DAD done, a capture running, the
# captures holding every frame so far), never a fixed time; a watchdog
# ends the run once no check has finished for LAB_TEST_TIMEOUT seconds
# (400; tests/lab/lib.sh's lab_watchdog).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LISPR:=./lispr}"
. "$top_srcdir/tests/lab/lib.sh"
lab_init labv6 captures

watchdog=""
teardown() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
	cap_stop_all
	timeout 120 bash "$LAB" down >"$work/down" 2>&1
}
trap 'teardown; rm -rf "$work"' EXIT
trap 'echo "FAIL interrupted or out of time"; exit 1' INT TERM
lab_watchdog ${LAB_TEST_TIMEOUT:-400}

rsh() {	# node command...: a router's shell (commands on stdin without one)
	timeout 60 bash "$LAB" exec "$@"
}
rping() {	# name node command: output in $work/ping.NAME, its marks shown
	rsh "$2" "$3" >"$work/ping.$1" 2>&1
	cat "$work/ping.$1"
}
marks() {	# name regex: the ping's marks line matches
	grep -Eq "$2" "$work/ping.$1"
}

# --- 1. the plan
# samples: 'node interface address/len' for every IPv6 address not on a
# loopback; lab.sh plan: the rows of its IPv6 table.  Both lower case.
for r in lisp1 lisp2 mapserver outsideworld; do
	awk -v node=$r '/^interface / { ifn = $2 }
		/^ ipv6 address / && ifn !~ /^Loopback/ && $3 !~ /link-local|eui-64/ { print node, ifn, tolower($3) }
		/^!$/ { ifn = "" }' "$top_srcdir/samples/$r.conf"
done | sort >"$work/samples6.plan"
bash "$LAB" plan | awk '/^IPv6/ { t = 1; next } t && $4 ~ /^fe80::/ && $1 !~ /^host/ { print $1, $2, $3 }' |
	sort >"$work/lab6.plan"
check "samples/*.conf and lab.sh plan agree on every router's IPv6 address" \
	sh -c "cat '$work/lab6.plan'; test \$(wc -l <'$work/samples6.plan') -eq 8 && diff -u '$work/samples6.plan' '$work/lab6.plan'"
# lab.sh plan's link-local addresses are lispr's (EUI-64 of the plan's MACs):
# checked against the routers below.
bash "$LAB" plan | awk '/^IPv6/ { t = 1; next } t && $4 ~ /^fe80::/ { print $1, $2, $4 }' >"$work/ll.plan"

start=$(date +%s)
check "lab.sh up (samples: the final state, dual-stack)" timeout 300 bash "$LAB" up
[ "$fail" -eq 0 ] || { echo "dual-stack lab test: no lab, $n checks, $fail failed"; exit 1; }
check "the kernel has no IPv6 address on any router veth (lispr alone answers ND)" \
	sh -c "for r in lisp1 lisp2 mapserver outsideworld; do
		ip -n $LAB_PREFIX-\$r -6 -o addr show | grep -v ' lo ' | grep inet6 && exit 1
		done; exit 0"
check "host1 and host2: their IPv6 address and default route" \
	sh -c "ip -n $(ns host1) -6 -o addr show dev eth0 | grep -q '2001:db8:1:64::100/64' &&
		ip -n $(ns host1) -6 route show default | grep -q 'via 2001:db8:1:64::65' &&
		ip -n $(ns host2) -6 -o addr show dev eth0 | grep -q '2001:db8:2:64::100/64' &&
		ip -n $(ns host2) -6 route show default | grep -q 'via 2001:db8:2:64::65'"
dad_done() {	# router: every address it has is past DAD (not TENTATIVE)
	rsh "$1" "show ipv6 interface brief" >"$work/brief.$1" 2>&1 || return 1
	grep -q '^ *FE80::' "$work/brief.$1" && ! grep -q 'TEN' "$work/brief.$1"
}
for r in lisp1 lisp2 mapserver outsideworld; do
	check "$r# show ipv6 interface brief: its addresses past DAD" wait_until 120 dad_done $r
done
ll_ok() {	# every router interface's link-local is the plan's
	awk '$1 !~ /^host/' "$work/ll.plan" | while read -r node ifn ll; do
		awk -v i="$ifn" -v ll="$ll" '$1 == i { f = 1; next } f && /^[^ ]/ { f = 0 }
			f && tolower($1) == ll { ok = 1 } END { exit !ok }' "$work/brief.$node" ||
			{ echo "$node $ifn: no $ll"; cat "$work/brief.$node"; exit 1; }
	done
}
check "lab.sh plan's link-local addresses are the routers' (EUI-64 of the MACs)" ll_ok
check "lisp1# show ipv6 interface brief: Ethernet0 FD00:10:0:1::2, Ethernet1 2001:DB8:1:64::65, Loopback0 2001:DB8:1::1" \
	sh -c "cat '$work/brief.lisp1'; grep -q '^ *FD00:10:0:1::2\$' '$work/brief.lisp1' &&
		grep -q '^ *2001:DB8:1:64::65\$' '$work/brief.lisp1' && grep -q '^ *2001:DB8:1::1\$' '$work/brief.lisp1'"

# --- captures: mapserver Ethernet0 (A, to lisp1), Ethernet2 (O), both LANs
for c in "A mapserver Ethernet0" "O mapserver Ethernet2" "H1 host1 eth0" "H2 host2 eth0"; do
	set -- $c
	check "capture $1 ($2 $3) running" cap_start "$1" "$(ns "$2")" "$3" "$work/$1.pcap"
done

# --- 2. the IPv6 underlay
hping6() {	# node address: 3 of 3 (the first waits for ND on every hop)
	ip netns exec "$(ns "$1")" ping -6 -n -c 1 -W 5 "$2" >/dev/null 2>&1
	ip netns exec "$(ns "$1")" ping -6 -n -c 3 -i 0.2 -W 2 "$2"
}
check "host1 ping6 lisp1 (2001:db8:1:64::65)" hping6 host1 2001:db8:1:64::65
check "host1 ping6 lisp1 Loopback0 (2001:db8:1::1)" hping6 host1 2001:db8:1::1
check "host2 ping6 lisp2 Loopback0 (2001:db8:2::1)" hping6 host2 2001:db8:2::1
rping u0 lisp1 "ping ipv6 fd00:10:0:1::1 repeat 5" >/dev/null
check "lisp1# ping ipv6 fd00:10:0:1::1 (mapserver, on the link): at most the first lost to ND" \
	sh -c "cat '$work/ping.u0'; grep -Eq '^[.!]!!!!\$' '$work/ping.u0'"
rping u1 lisp1 "ping ipv6 fd00:10:0:2::2 repeat 5" >/dev/null
check "lisp1# ping ipv6 fd00:10:0:2::2 (lisp2's IPv6 RLOC, through mapserver): !!!!!" \
	sh -c "cat '$work/ping.u1'; grep -q '^!!!!!\$' '$work/ping.u1'"
rping u2 lisp2 "ping ipv6 fd00:10:0:1::2 repeat 5" >/dev/null
check "lisp2# ping ipv6 fd00:10:0:1::2 (lisp1's IPv6 RLOC): !!!!!" \
	sh -c "cat '$work/ping.u2'; grep -q '^!!!!!\$' '$work/ping.u2'"
rping u3 mapserver "ping ipv6 2001:4860:4860::8888 repeat 5" >/dev/null
check "mapserver# ping ipv6 2001:4860:4860::8888 (outsideworld Loopback0, a static route): !!!!!" \
	sh -c "cat '$work/ping.u3'; grep -q '^!!!!!\$' '$work/ping.u3'"
rping u4 outsideworld "ping ipv6 fd00:10:0:1::2 repeat 5 source Loopback0" >/dev/null
check "outsideworld# ping ipv6 fd00:10:0:1::2 source Loopback0: no answer (lisp1 has no route to 2001:4860:4860::8888)" \
	sh -c "cat '$work/ping.u4'; grep -Eq '^[.U]{5}\$' '$work/ping.u4'"
rsh lisp1 "show ipv6 route" >"$work/rt6" 2>&1
check "lisp1# show ipv6 route: the two static routes via FD00:10:0:1::1, no default" \
	sh -c "cat '$work/rt6'; grep -A1 '^S   FD00:10:0:2::/64 ' '$work/rt6' | grep -q 'via FD00:10:0:1::1' &&
		grep -A1 '^S   FD00:10:0:3::1/128 ' '$work/rt6' | grep -q 'via FD00:10:0:1::1' && ! grep -q '^S   ::/0' '$work/rt6'"
rsh lisp1 "show ipv6 neighbors" >"$work/nb6" 2>&1
check "lisp1# show ipv6 neighbors: mapserver FD00:10:0:1::1 at 0200.0a00.0101 on Ethernet0" \
	sh -c "cat '$work/nb6'; grep -Eiq '^FD00:10:0:1::1 .*0200\.0a00\.0101 .*Ethernet0' '$work/nb6'"

# --- what the wires carried
check "the captures hold every frame so far; stopped" cap_stop
# One line a frame, tab-separated, every occurrence joined by '|':
#  1 eth.src  2 eth.dst  3 eth.type  4 ipv6.src  5 ipv6.dst  6 ipv6.hlim
#  7 icmpv6.type  8 icmpv6.checksum.status  9 icmpv6.nd.ns.target_address
# 10 icmpv6.nd.na.target_address  11 icmpv6.nd.na.flag.r
# 12 icmpv6.nd.na.flag.s  13 icmpv6.opt.linkaddr  14 frame.len
for c in A O H1 H2; do
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" -Y "$CAP_FILTER" \
		-E occurrence=a -E aggregator='|' -T fields \
		-e eth.src -e eth.dst -e eth.type -e ipv6.src -e ipv6.dst -e ipv6.hlim \
		-e icmpv6.type -e icmpv6.checksum.status -e icmpv6.nd.ns.target_address \
		-e icmpv6.nd.na.target_address -e icmpv6.nd.na.flag.r -e icmpv6.nd.na.flag.s \
		-e icmpv6.opt.linkaddr -e frame.len >"$work/$c.txt" 2>"$work/$c.tshark"
	timeout 60 "$TSHARK" -n -r "$work/$c.pcap" \
		-Y "$CAP_FILTER && (_ws.malformed || _ws.expert.severity == error)" >"$work/$c.bad" 2>>"$work/$c.tshark"
done
# hlim FILE SRC DST TYPE WANT: every such ICMPv6 packet has hop limit WANT,
# and there is one.
hlim() {
	awk -F'\t' -v s="$2" -v d="$3" -v t="$4" -v want="$5" '
		$4 == s && $5 == d && $7 == t { k++; if ($6 != want) { bad++; print "hop limit " $6 } }
		END { if (!k) print "no such packets"; exit !(k && !bad) }' "$work/$1.txt"
}
check "tshark A: lisp1's echo requests to fd00:10:0:2::2 leave with hop limit 64" \
	hlim A fd00:10:0:1::2 fd00:10:0:2::2 128 64
check "tshark A: lisp2's replies cross mapserver: hop limit 63" hlim A fd00:10:0:2::2 fd00:10:0:1::2 129 63
check "tshark O: outsideworld's echo replies to mapserver leave with hop limit 64" \
	hlim O 2001:4860:4860::8888 fd00:10:0:3::1 129 64
ll1=$(awk '$1 == "lisp1" && $2 == "Ethernet0" { print $3 }' "$work/ll.plan")
check "tshark A: lisp1 asks for fd00:10:0:1::1 (NS from its link-local $ll1 to the solicited-node group, hop limit 255, its MAC)" \
	awk -F'\t' -v ll="$ll1" '$7 == 135 && $4 == ll && $5 == "ff02::1:ff00:1" && $9 == "fd00:10:0:1::1" &&
		$6 == 255 && $13 == "02:00:0a:00:01:02" { f = 1 } $7 ~ /^13[56]$/ { nd = nd $0 "\n" }
		END { if (!f) printf "%s", nd; exit !f }' "$work/A.txt"
check "tshark A: mapserver answers (NA, Router and Solicited flags, its MAC 02:00:0a:00:01:01)" \
	awk -F'\t' -v ll="$ll1" '$7 == 136 && $4 == "fd00:10:0:1::1" && $5 == ll && $10 == "fd00:10:0:1::1" &&
		$11 == 1 && $12 == 1 && $13 == "02:00:0a:00:01:01" && $6 == 255 { f = 1 } $7 ~ /^13[56]$/ { nd = nd $0 "\n" }
		END { if (!f) printf "%s", nd; exit !f }' "$work/A.txt"
check "tshark H1: lisp1 answers host1's NS for 2001:db8:1:64::65 with its MAC 02:00:c0:a8:01:41" \
	awk -F'\t' '$7 == 136 && $10 == "2001:db8:1:64::65" && $11 == 1 && $12 == 1 && $13 == "02:00:c0:a8:01:41" { f = 1 }
		END { exit !f }' "$work/H1.txt"
for c in A O H1 H2; do
	check "tshark $c: every ICMPv6 checksum good" \
		awk -F'\t' '$7 != "" { k++; if ($8 !~ /^1(\|1)*$/) { bad++; print } } END { exit !(k > 0 && !bad) }' "$work/$c.txt"
	check "tshark $c: nothing malformed, no expert errors" \
		sh -c "cat '$work/$c.bad'; test ! -s '$work/$c.bad' && test -s '$work/$c.txt'"
done
check "tshark A: only the two routers' MACs, only IPv4, ARP and IPv6" \
	awk -F'\t' '($1 != "02:00:0a:00:01:02" && $1 != "02:00:0a:00:01:01") ||
		($3 != "0x0800" && $3 != "0x0806" && $3 != "0x86dd") { bad++; print }
		END { exit !(NR > 10 && !bad) }' "$work/A.txt"

# --- down
pids=$(cat "$LAB_RUN"/*.pid 2>/dev/null | tr '\n' ' ')
check "lab.sh down" timeout 120 bash "$LAB" down
check "no namespace named $LAB_PREFIX-* remains" sh -c "! ip netns list | grep '^$LAB_PREFIX-'"
check "no lab router process remains (of: $pids)" \
	sh -c "test -n '$pids' && for p in $pids; do ! kill -0 \$p 2>/dev/null || exit 1; done"
check "the four routers' logs have no sanitizer report" \
	sh -c "test \$(ls '$LAB_RUN'/*.log | wc -l) -eq 4 && ! grep -A20 'Sanitizer\|runtime error' '$LAB_RUN'/*.log"
echo "dual-stack lab test: $n checks, $fail failed, $(($(date +%s) - start)) s"
[ "$fail" -eq 0 ]

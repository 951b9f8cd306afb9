#!/bin/sh
# DOC: live forwarding benchmark across veth (run by hand, as root, from a
# build directory: sh ../../bench/bench_forward_live.sh [options]).
#
#   sender (P-snd: s0) --veth-- (r0) router (r1) --veth-- (c0: P-cnt) counter
#
# The router is bench/bench_forward_live (the router built through the C
# API on live ports: libpcap in, libnet out), pinned to one core.  The sender writes UDP frames to r0's MAC from a raw AF_PACKET socket
# with sendmmsg, paced; the counter reads c0 through a TPACKET_V3 ring,
# answers the router's ARP with a MAC c0 does not have (so the counter's
# kernel drops the frames at once), and counts frames of the run that
# arrived with TTL 63 and a good header checksum.  Steps: a warm-up that
# lets the router resolve ARP, an overload run to find the maximum
# forwarding rate, then runs at the target rate.  The namespaces are this
# script's own (unique names) and are removed on exit; no root-namespace
# interface is touched.
#
# Options: -r PPS target rate (150000)  -t S seconds per run (5)
#          -n N runs at the target rate (3)  -l LEN frame bytes without FCS (60)
#          -c CPU router core (1)  -C CPU sender/counter core (0)
#          -p PRIO SCHED_FIFO priority for the router and the sender, the
#             counter one above (50; 0: ordinary scheduling, the router
#             then competes with whatever else runs on its core)
#          -o leave the veth offloads as the kernel set them
#          -b DIR directory holding the bench programs (./bench)
set -u
RATE=150000 SECS=5 RUNS=3 LEN=60 RCPU=1 TCPU=0 PRIO=50 BIN=./bench KEEPOFF=
while getopts r:t:n:l:c:C:p:ob: o; do
	case $o in
	r) RATE=$OPTARG ;; t) SECS=$OPTARG ;; n) RUNS=$OPTARG ;; l) LEN=$OPTARG ;;
	c) RCPU=$OPTARG ;; C) TCPU=$OPTARG ;; p) PRIO=$OPTARG ;; b) BIN=$OPTARG ;;
	o) KEEPOFF=1 ;;
	*) echo "usage: $0 [-r PPS] [-t S] [-n RUNS] [-l LEN] [-c CPU] [-C CPU] [-p PRIO] [-o] [-b DIR]" >&2
	   exit 2 ;;
	esac
done
ROUTER=$BIN/bench_forward_live TRAFFIC=$BIN/bench_forward_live_traffic
. "$(dirname "$0")/live_lib.sh"
live_preflight bench_forward_live "$ROUTER" "$TRAFFIC"

P=lisprb-$$
NS=$P-snd NR=$P-rtr NC=$P-cnt
T=$(mktemp -d /tmp/$P.XXXXXX)
CMAC=02:00:00:00:be:ef	# the counter's answer to ARP: not c0's own MAC
rpid=
cleanup() {
	[ -n "$rpid" ] && kill -TERM "$rpid" 2>/dev/null && wait "$rpid" 2>/dev/null
	for ns in $NS $NR $NC; do ip netns del "$ns" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ip netns add $NS && ip netns add $NR && ip netns add $NC || exit 1
ip -n $NS link add s0 type veth peer name r0 netns $NR &&
ip -n $NC link add c0 type veth peer name r1 netns $NR || exit 1
for ns in $NS $NR $NC; do
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec $ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n $ns link set lo up
done
# Offloads off: no GRO super-frames handed to libpcap, no partial
# checksums; the sender's raw frames are complete anyway.
if [ -z "$KEEPOFF" ] && ! command -v ethtool >/dev/null && command -v apt-get >/dev/null; then
	apt-get install -y ethtool >/dev/null 2>&1
fi
offloads="kernel defaults"
if [ -z "$KEEPOFF" ] && command -v ethtool >/dev/null; then
	offloads=off
	for d in "$NS s0" "$NR r0" "$NR r1" "$NC c0"; do
		set -- $d
		ip netns exec $1 ethtool -K $2 gro off gso off tso off tx off rx off \
			>/dev/null 2>&1 || offloads="partly on"
	done
fi
ip -n $NS link set s0 up && ip -n $NR link set r0 up &&
ip -n $NR link set r1 up && ip -n $NC link set c0 up || exit 1
RMAC=$(ip -n $NR -o link show r0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')

ip netns exec $NR taskset -c $RCPU $RT "$ROUTER" r0 10.0.1.1/24 r1 10.0.2.1/24 >$T/router 2>&1 &
rpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do
	grep -qs ready $T/router && break
	sleep 0.2
done
grep -qs ready $T/router || { echo "router did not start:"; cat $T/router; exit 1; }

# get KEY FILE: the value of KEY=... on the last line of FILE that has it.
get() { sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" "$2" | tail -1; }

# run TAG RATE SECS: one measured run; sets sent good bad secs span cpu.
run() {
	ip netns exec $NC taskset -c $TCPU $RTC "$TRAFFIC" count -i c0 -a 10.0.2.20 -m $CMAC \
		-g $1 -t $(($3 + 5)) -q 500 >$T/count.$1 2>&1 &
	cp=$!
	for w in 1 2 3 4 5 6 7 8 9 10; do
		grep -qs ready $T/count.$1 && break
		sleep 0.1
	done
	kill -USR1 $rpid
	if [ "$2" = 0 ]; then b=64; else b=32; fi
	ip netns exec $NS taskset -c $TCPU $RT "$TRAFFIC" send -i s0 -d $RMAC -r $2 -t $3 \
		-l $LEN -g $1 -b $b >$T/send.$1 2>&1
	wait $cp
	sleep 0.1
	kill -USR1 $rpid
	sleep 0.2
	sent=$(get sent $T/send.$1) secs=$(get secs $T/send.$1)
	good=$(get good $T/count.$1) bad=$(get bad $T/count.$1)
	span=$(get span $T/count.$1)
	usr=$(get user $T/router) sys=$(get sys $T/router)
	rx=$(get rx $T/router) rdrop=$(get ring_drops $T/router) wait=$(get runq_wait $T/router)
	[ -n "$sent" ] && [ -n "$good" ] || {
		echo "run $1 failed:"; cat $T/send.$1 $T/count.$1; exit 1; }
	cpu=$(awk -v u="$usr" -v s="$sys" -v t="$secs" 'BEGIN { printf "%.0f", (u + s) / t * 100 }')
}

# Warm-up: the router resolves 10.0.2.20 (the counter answers).
run 1 1000 1
[ "$good" -gt 0 ] || { echo "warm-up: nothing forwarded"; cat $T/router $T/count.1; exit 1; }

echo "lispr live forwarding benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
echo "  router: bench/bench_forward_live (C API: router_new, live ports, iface_set_addr,"
echo "          router_run) pinned to core $RCPU, $sched;"
echo "          sender and counter pinned to core $TCPU (sender: $sched, counter: $csched)"
echo "  frames: $LEN bytes + FCS, UDP 10.0.1.10 -> 10.0.2.20 (connected on r1), TTL 64"
echo "  veth offloads: $offloads; counted at c0: TTL 63, good IP checksum"
echo "  router CPU: its user + system time (getrusage) over the run; the kernel's"
echo "          receive path for r0 runs in the sender's system calls on core $TCPU,"
echo "          the transmit path to c0 (and the counter's capture) in the router's"

run 2 0 "$SECS"
maxpps=$(awk -v g="$good" -v s="$span" 'BEGIN { printf "%.0f", (s > 0 ? g / s : 0) }')
offered=$(awk -v n="$sent" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
echo "max rate: offered $offered pps (sender unpaced, $SECS s), forwarded $maxpps pps" \
     "(router rx $rx, ring drops $rdrop, CPU $cpu% of its core, waited ${wait}s for it)"
est=$(awk -v p="$maxpps" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? p * 100 / c : 0) }')
starved=$(awk -v w="$wait" -v s="$secs" 'BEGIN { print (w > 0.1 * s) ? 1 : 0 }')
if [ "$rdrop" -gt 0 ] && [ "$starved" = 1 ]; then
	echo "  the router's capture rings overflowed while it waited ${wait}s for its core:" \
	     "other work on that core was the limit"
elif [ "$rdrop" -gt 0 ]; then
	echo "  the router's capture rings overflowed: the router was the limit, at $maxpps pps"
else
	echo "  nothing lost: the sender was the limit; $cpu% of the router's core at" \
	     "$maxpps pps extrapolates to about $est pps"
fi

pass=0 i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	run $((i + 2)) "$RATE" "$SECS"
	loss=$((sent - good))
	awk -v n="$sent" -v g="$good" -v s="$secs" -v sp="$span" -v l="$loss" -v c="$cpu" \
	    -v b="$bad" -v rd="$rdrop" -v w="$wait" 'BEGIN {
		printf "live forwarding: offered %.0f pps, forwarded %.0f pps, loss %d (%.2f%%)",
		       n / s, g / s, l, n ? l * 100 / n : 0
		printf "\n    %d frames in %.2f s, %d wrong TTL/checksum; router: CPU %d%%, " \
		       "%d ring drops, waited %.3f s for its core\n", n, s, b, c, rd, w
	}'
	# A run counts when the sender kept up with the rate and nothing was lost.
	ok=$(awk -v n="$sent" -v s="$secs" -v l="$loss" -v b="$bad" -v r="$RATE" \
		'BEGIN { print (l == 0 && b == 0 && n / s >= 0.99 * r) ? 1 : 0 }')
	pass=$((pass + ok))
done
kill -TERM $rpid
wait $rpid
rrc=$? rpid=
if [ $rrc -ne 0 ] || grep -qE 'Sanitizer|runtime error' $T/router $T/send.* $T/count.*; then
	echo "router exit status $rrc; logs:"
	cat $T/router $T/send.* $T/count.*
	exit 1
fi
if [ $pass -eq "$RUNS" ]; then verdict=MET; else verdict="NOT MET"; fi
echo "target: >= $RATE pps with no loss: $verdict ($pass of $RUNS runs lossless)"

#!/bin/sh
# DOC: lispr xTRs against kernel VXLAN on one topology (run by hand, as root,
# from a build directory: sh ../bench/bench_xtr_live.sh [options]).
#
#   h1 --veth-- xTR1 --veth-- core --veth-- xTR2 --veth-- h2
#   192.168.1.10  .1.1|10.0.1.2  10.0.1.1|10.0.2.1  10.0.2.2|192.168.2.1  .2.20
#
# The topology is built twice, in namespaces of this run's own (unique
# names, removed on exit; nothing in the root namespace is touched):
#  - lispr: both xTRs are bench/bench_lisp_live in xtr mode (ITR and ETR,
#    live ports, database 192.168.N.0/24 behind its RLOC, a static
#    map-cache entry for the other site, a default route to the core);
#  - VXLAN: both xTRs are the kernel, routing each site's traffic into a
#    VXLAN device (UDP port 4341, the LISP data port) to the other xTR.
# The core is a kernel router in both.  h1 runs the paced sendmmsg sender
# of bench_forward_live_traffic (UDP 192.168.1.10 -> 192.168.2.20), h2 its
# TPACKET_V3 counter (answers xTR2's ARP with a MAC h2 does not have and
# counts the frames of the run with the expected TTL and a good checksum).
# Offloads are off on every veth; everything runs under ordinary
# scheduling and may use any core (-R: SCHED_FIFO for the xTRs and the
# sender, counter one above, for comparison with bench_forward_live.sh).
#
# Each round measures, for lispr then VXLAN:
#  sat   the saturated receive rate and loss (sender unpaced);
#  lossless  the highest rate on a STEP grid (10k) with nothing lost and
#        the sender keeping up (binary search below the saturated rate);
#  2x    the loss when offered twice that lossless rate, and the rate
#        received then against the lossless rate (collapse or not);
#  cpu   CPU microseconds per received packet at 20k and 40k pkt/s:
#        lispr's xTR processes (utime+stime, per xTR), and for both the
#        whole machine's busy time and its softirq share (/proc/stat),
#        which is where kernel VXLAN does its work.
# Received rates are frames counted at h2 over the time between the first
# and the last (the sender's duration when that is under half of it: a few
# frames through a collapsed xTR).
# Each run says what limited it: ring overruns (pcap_stats drops at an
# xTR's capture ring), router CPU (an xTR near a whole core), the sender
# (it fell short of the offered rate), or the kernel.  The summary gives
# min/median/max over the rounds, the load average, and lispr/VXLAN ratios.
# The machine is shared: the load average is printed with every round.
#
# Options: -n ROUNDS (3)  -t S seconds per run (3)  -l LEN frame bytes
#          without FCS (142: 100 bytes of UDP payload)  -s STEP (10000)
#          -q quick smoke check (1 round, 1 s runs)  -R real-time mode
#          -o leave offloads on  -b DIR bench programs (./bench)
#          -B USEC busy polling in the lispr xTRs ('platform packet-io
#          busy-poll')  -Q qdisc bypass on their sending sockets
#          ('platform packet-io qdisc-bypass')  -r KB their capture rings
#          ('platform packet-io ring-size'; default 8192)  -W N receive
#          queues and workers per xTR ('platform packet-io workers'; 1);
#          an older bench_lisp_live (-b) ignores the four
#          -F FLOWS the sender's UDP source ports 40000.. in turn (1: one
#          flow; the receive queues hash on the flow, so -W needs -F)
#          -M the lispr xTRs answer to MACs of their own ('mac-address';
#          lan 0200.5e10.0001, wan 0200.5e10.0002): the kernel of their
#          namespaces drops the frames they take as another host's
#          instead of passing each up to its IP layer
set -u
ROUNDS=3 SECS=3 LEN=142 STEP=10000 BIN=./bench PRIO=0 KEEPOFF= BUSY=0 QBYP=0 RINGKB= WORKERS=1 FLOWS=1 OWNMAC=0
while getopts n:t:l:s:qRob:B:Qr:W:F:M o; do
	case $o in
	n) ROUNDS=$OPTARG ;; t) SECS=$OPTARG ;; l) LEN=$OPTARG ;; s) STEP=$OPTARG ;;
	q) ROUNDS=1 SECS=1 ;; R) PRIO=50 ;; o) KEEPOFF=1 ;; b) BIN=$OPTARG ;;
	B) BUSY=$OPTARG ;; Q) QBYP=1 ;; r) RINGKB=$OPTARG ;; W) WORKERS=$OPTARG ;; F) FLOWS=$OPTARG ;;
	M) OWNMAC=1 ;;
	*) echo "usage: $0 [-n ROUNDS] [-t S] [-l LEN] [-s STEP] [-q] [-R] [-o] [-b DIR] [-B USEC] [-Q] [-r KB] [-W N] [-F FLOWS] [-M]" >&2
	   exit 2 ;;
	esac
done
ROUTER=$BIN/bench_lisp_live TRAFFIC=$BIN/bench_forward_live_traffic
FLOWSOPT=
[ "$FLOWS" -gt 1 ] && FLOWSOPT="-F $FLOWS"
. "$(dirname "$0")/live_lib.sh"
live_preflight bench_xtr_live "$ROUTER" "$TRAFFIC"

P=lisprx-$$
T=$(mktemp -d /tmp/$P.XXXXXX)
FMAC=02:00:00:00:be:ef	# the counter's answer to ARP: a MAC no interface has
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	for b in l v; do
		for n in h1 x1 core x2 h2; do ip netns del "$P-$b-$n" 2>/dev/null; done
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if [ -z "$KEEPOFF" ] && ! command -v ethtool >/dev/null && command -v apt-get >/dev/null; then
	apt-get install -y ethtool >/dev/null 2>&1
fi
offloads=off
[ -n "$KEEPOFF" ] && offloads="kernel defaults"
command -v ethtool >/dev/null || offloads="kernel defaults (no ethtool)"

ns() { printf '%s-%s-%s' "$P" "$1" "$2"; }
mac() { ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }

# veth NS1 IF1 NS2 IF2: a pair, offloads off, both ends up.
veth() {
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3" || exit 1
	for e in "$1 $2" "$3 $4"; do
		set -- $e
		if [ -z "$KEEPOFF" ] && command -v ethtool >/dev/null; then
			ip netns exec $1 ethtool -K $2 gro off gso off tso off tx off rx off \
				>/dev/null 2>&1 || offloads="partly on"
		fi
		ip -n $1 link set $2 up || exit 1
	done
}

# build B: the five namespaces of build B (l: lispr, v: VXLAN).
build() {
	for n in h1 x1 core x2 h2; do
		ip netns add "$(ns $1 $n)" || exit 1
		ip netns exec "$(ns $1 $n)" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		ip netns exec "$(ns $1 $n)" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
		ip -n "$(ns $1 $n)" link set lo up
	done
	veth "$(ns $1 h1)" eth0 "$(ns $1 x1)" lan
	veth "$(ns $1 x1)" wan "$(ns $1 core)" c1
	veth "$(ns $1 core)" c2 "$(ns $1 x2)" wan
	veth "$(ns $1 x2)" lan "$(ns $1 h2)" eth0
	c=$(ns $1 core)
	ip -n $c addr add 10.0.1.1/24 dev c1 && ip -n $c addr add 10.0.2.1/24 dev c2 || exit 1
	ip netns exec $c sysctl -qw net.ipv4.ip_forward=1
}

# xtr_vxlan B N: kernel xTR N of build B (site 192.168.N.0/24, RLOC 10.0.N.2).
xtr_vxlan() {
	x=$(ns $1 x$2) o=$((3 - $2))
	ip netns exec $x sysctl -qw net.ipv4.ip_forward=1
	ip netns exec $x sysctl -qw net.ipv4.conf.all.rp_filter=0
	ip netns exec $x sysctl -qw net.ipv4.conf.default.rp_filter=0
	ip -n $x addr add 192.168.$2.1/24 dev lan &&
	ip -n $x addr add 10.0.$2.2/24 dev wan &&
	ip -n $x route add 10.0.$o.0/24 via 10.0.$2.1 &&
	ip -n $x link add vx0 type vxlan id 1 local 10.0.$2.2 remote 10.0.$o.2 \
		dstport 4341 dev wan &&
	ip -n $x addr add 172.16.0.$2/30 dev vx0 &&
	ip -n $x link set vx0 up &&
	ip -n $x route add 192.168.$o.0/24 via 172.16.0.$o || exit 1
}

# xtr_lispr N: lispr xTR N of build l, started in the background.
xtr_lispr() {
	o=$((3 - $1))
	LISPR_BENCH_BUSY_POLL=$BUSY LISPR_BENCH_QDISC_BYPASS=$QBYP LISPR_BENCH_RING_KB=$RINGKB \
	LISPR_BENCH_WORKERS=$WORKERS LISPR_BENCH_MAC=$OWNMAC \
		ip netns exec "$(ns l x$1)" $RT "$ROUTER" xtr lan 192.168.$1.1/24 wan 10.0.$1.2/24 \
		192.168.$1.0/24 192.168.$o.0/24 10.0.$o.2 10.0.$1.1 >$T/xtr$1 2>&1 &
	pids="$pids $!"
	eval "xpid$1=$!"
}

build l
build v
xtr_vxlan v 1
xtr_vxlan v 2
# The counter's MAC at h2, for good: the kernel would otherwise probe it.
ip -n "$(ns v x2)" neigh replace 192.168.2.20 lladdr $FMAC dev lan nud permanent
xtr_lispr 1
xtr_lispr 2
for i in $(seq 50); do
	grep -qs ready $T/xtr1 && grep -qs ready $T/xtr2 && break
	sleep 0.1
done
grep -qs ready $T/xtr1 && grep -qs ready $T/xtr2 ||
	{ echo "lispr xTRs did not start:"; cat $T/xtr1 $T/xtr2; exit 1; }
LMAC=$(mac "$(ns l x1)" lan) VMAC=$(mac "$(ns v x1)" lan)
[ "$OWNMAC" = 1 ] && LMAC=02:00:5e:10:00:01	# bench_lisp_live's own for lan

# get KEY FILE: the value of KEY=... on the last line of FILE that has it.
get() { sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" "$2" | tail -1; }
# cpustat: busy and softirq jiffies of the whole machine.
cpustat() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $8; exit }' /proc/stat; }
# mark N: ask lispr xTR N for its figures and wait for the line.
mark() {
	eval "p=\$xpid$1"
	c=$(grep -c '^rx=' $T/xtr$1)
	kill -USR1 $p
	for w in $(seq 100); do
		[ "$(grep -c '^rx=' $T/xtr$1)" -gt "$c" ] && return
		sleep 0.02
	done
	echo "xTR$1 did not report"; cat $T/xtr$1; exit 1
}

# run B TAG RATE SECS: one run; sets sent secs good span loss lossp short
# (the sender fell short of RATE), jiffies, and for lispr xtr_us rd1 rd2 cpu1 cpu2.
TTL_l=62 TTL_v=62
run() {
	h2=$(ns $1 h2)
	eval "ttl=\$TTL_$1"
	ip netns exec $h2 $RTC "$TRAFFIC" count -i eth0 -a 192.168.2.20 -m $FMAC -g $2 \
		-t $(($4 + 5)) -T $ttl -q 500 >$T/count.$2 2>&1 &
	cp=$!
	for w in $(seq 50); do
		grep -qs ready $T/count.$2 && break
		sleep 0.05
	done
	if [ $1 = l ]; then mark 1; mark 2; dmac=$LMAC; else dmac=$VMAC; fi
	set -- $1 $2 $3 $4 $(cpustat)
	j0=$5 s0=$6
	ip netns exec "$(ns $1 h1)" $RT "$TRAFFIC" send -i eth0 -d $dmac -r $3 -t $4 \
		-l $LEN -g $2 -s 192.168.1.10 -a 192.168.2.20 -b 32 $FLOWSOPT >$T/send.$2 2>&1
	wait $cp
	set -- $1 $2 $3 $4 $(cpustat)
	jiffies=$(($5 - j0)) sjiffies=$(($6 - s0))
	sent=$(get sent $T/send.$2) secs=$(get secs $T/send.$2)
	good=$(get good $T/count.$2) span=$(get span $T/count.$2)
	[ -n "$sent" ] && [ -n "$good" ] || {
		echo "run $2 failed:"; cat $T/send.$2 $T/count.$2; exit 1; }
	loss=$((sent - good))
	[ $loss -lt 0 ] && loss=0
	lossp=$(awk -v l=$loss -v n=$sent 'BEGIN { printf "%.2f", n ? l * 100 / n : 0 }')
	short=$(awk -v n=$sent -v s=$secs -v r=$3 'BEGIN { print (r > 0 && n / s < 0.99 * r) ? 1 : 0 }')
	rd1=0 rd2=0 cpu1=0 cpu2=0 xtr_us=0
	if [ $1 = l ]; then
		mark 1; mark 2
		rd1=$(get ring_drops $T/xtr1) rd2=$(get ring_drops $T/xtr2)
		cpu1=$(awk -v u=$(get user $T/xtr1) -v s=$(get sys $T/xtr1) 'BEGIN { print u + s }')
		cpu2=$(awk -v u=$(get user $T/xtr2) -v s=$(get sys $T/xtr2) 'BEGIN { print u + s }')
		xtr_us=$(awk -v a=$cpu1 -v b=$cpu2 -v g=$good \
			'BEGIN { printf "%.2f", g ? (a + b) * 1e6 / g / 2 : 0 }')
	fi
	box_us=$(awk -v j=$jiffies -v g=$good -v hz=$(getconf CLK_TCK) \
		'BEGIN { printf "%.2f", g ? j * 1e6 / hz / g : 0 }')
	sirq_us=$(awk -v j=$sjiffies -v g=$good -v hz=$(getconf CLK_TCK) \
		'BEGIN { printf "%.2f", g ? j * 1e6 / hz / g : 0 }')
	# What limited the run.
	limit=
	[ "$rd1" -gt 0 ] || [ "$rd2" -gt 0 ] && limit="ring overruns (xTR1 $rd1, xTR2 $rd2)"
	if [ $1 = l ]; then
		busy=$(awk -v a=$cpu1 -v b=$cpu2 -v s=$secs \
			'BEGIN { print (a / s > 0.9 || b / s > 0.9) ? 1 : 0 }')
		[ "$busy" = 1 ] && limit="${limit:+$limit, }router CPU"
		wt=$(awk -v a=$(get runq_wait $T/xtr1) -v b=$(get runq_wait $T/xtr2) \
			'BEGIN { printf "%.2f", a + b }')
		[ "$(awk -v w=$wt -v s=$secs 'BEGIN { print (w > 0.1 * s) ? 1 : 0 }')" = 1 ] &&
			limit="${limit:+$limit, }xTRs waited ${wt}s for a core"
	fi
	[ "$short" = 1 ] && limit="${limit:+$limit, }the sender ($(awk -v n=$sent -v s=$secs \
		'BEGIN { printf "%.0f", n / s }') of $3 pkt/s)"
	[ -z "$limit" ] && [ $loss -gt 0 ] && limit="the kernel (loss outside the xTRs' rings)"
	[ -z "$limit" ] && limit="nothing (offered rate)"
	[ "$3" = 0 ] && [ $loss -eq 0 ] && limit="the sender (unpaced, nothing lost)"
	printf '  %-6s %-9s offered %6.0f received %6.0f pkt/s loss %5s%%' $1 "$RUNNAME" \
		$(awk -v n=$sent -v s=$secs 'BEGIN { print n / s }') \
		$(awk -v g=$good -v s=$span -v t=$secs 'BEGIN { print g / (s > 0.5 * t ? s : t) }') $lossp
	[ $1 = l ] && printf ' xTR %5.2f us/pkt' $xtr_us
	printf ' machine %6.2f us/pkt (softirq %5.2f); limit: %s\n' $box_us $sirq_us "$limit"
}

# res B METRIC VALUE: record a figure of this round.
res() { echo "$1 $2 $3" >>$T/res; }

# lossless B HI: binary search on the STEP grid in [STEP, HI]; sets best.
lossless() {
	lo=0 hi=$(($2 / STEP))
	[ $hi -lt 1 ] && hi=1
	while [ $lo -lt $hi ]; do
		mid=$(((lo + hi + 1) / 2))
		RUNNAME="${mid}0k?" tag=$((tag + 1))
		run $1 $tag $((mid * STEP)) $SECS
		if [ $loss -eq 0 ] && [ $short = 0 ]; then lo=$mid; else hi=$((mid - 1)); fi
	done
	best=$((lo * STEP))
}

# round B: one round of every measure for build B.
round() {
	RUNNAME=sat tag=$((tag + 1))
	run $1 $tag 0 $SECS
	satrx=$(awk -v g=$good -v s=$span -v t=$secs 'BEGIN { printf "%.0f", g / (s > 0.5 * t ? s : t) }')
	res $1 sat_rx $satrx
	res $1 sat_loss $lossp
	[ $1 = l ] && res $1 sat_ring $((rd1 + rd2))
	# The lossless rate can lie above a collapsed saturated rate: search
	# up to twice it (and at least 100k).
	hi=$((satrx * 2))
	[ $hi -lt 100000 ] && hi=100000
	lossless $1 $hi
	res $1 lossless $best
	if [ $best -gt 0 ]; then
		RUNNAME=2x tag=$((tag + 1))
		run $1 $tag $((best * 2)) $SECS
		res $1 x2_loss $lossp
		res $1 x2_rx $(awk -v g=$good -v s=$span -v t=$secs 'BEGIN { printf "%.0f", g / (s > 0.5 * t ? s : t) }')
	fi
	for rate in 20000 40000; do
		RUNNAME=cpu$((rate / 1000))k tag=$((tag + 1))
		run $1 $tag $rate $SECS
		[ $1 = l ] && res $1 xtr_us_$((rate / 1000))k $xtr_us
		res $1 box_us_$((rate / 1000))k $box_us
		res $1 sirq_us_$((rate / 1000))k $sirq_us
	done
}

# Warm-up: ARP across the path, and the TTL each build delivers with
# (an xTR decrements the inner TTL as a router does, or not).
tag=1
for b in l v; do
	RUNNAME=warm-up
	for t in 62 63 64 61; do
		eval "TTL_$b=$t"
		run $b $tag 1000 1 >/dev/null
		tag=$((tag + 1))
		[ "$good" -gt 0 ] && break
	done
	[ "$good" -gt 0 ] || { echo "warm-up: nothing arrives through build $b";
		cat $T/xtr1 $T/xtr2 $T/count.*; exit 1; }
done

echo "lispr xTRs vs kernel VXLAN ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "$(sed -n 's/^model name.*: //p' /proc/cpuinfo | head -1), $(uname -r))"
echo "  h1 - xTR1 - core - xTR2 - h2; $LEN-byte frames (UDP 192.168.1.10 -> 192.168.2.20);"
echo "  veth offloads: $offloads; xTRs and sender: $sched, on any core; $SECS s per run"
echo "  lispr: bench_lisp_live xtr (live ports; $ROUTER; busy-poll $BUSY us, qdisc bypass $QBYP, ring ${RINGKB:-8192} KB," \
     "$WORKERS receive queue(s), own MACs $OWNMAC); $FLOWS flow(s);" \
     "VXLAN: kernel, UDP 4341; core: kernel"
echo "  TTL at h2: lispr $TTL_l, VXLAN $TTL_v (sent with 64)"
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	echo "round $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	round l
	round v
	echo "  load average after round $r: $(cut -d' ' -f1-3 /proc/loadavg)"
done

for x in 1 2; do
	eval "p=\$xpid$x"
	kill -TERM $p
	wait $p
	rc=$?
	if [ $rc -ne 0 ] || grep -qE 'Sanitizer|runtime error' $T/xtr$x; then
		echo "lispr xTR$x exit status $rc; log:"; cat $T/xtr$x; exit 1
	fi
done
pids=

echo "summary over $ROUNDS round(s): min / median / max"
awk -v step=$STEP '
function sortv(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
		t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
{ k = $1 " " $2; n[k]++; v[k, n[k]] = $3 + 0; if (!(k in seen)) { seen[k] = 1; order[++m] = k } }
END {
	for (i = 1; i <= m; i++) {
		k = order[i]; split(k, kk, " ")
		c = n[k]; delete a
		for (j = 1; j <= c; j++) a[j] = v[k, j]
		sortv(a, c)
		med[k] = c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
		printf "  %-6s %-12s %10g %10g %10g\n", kk[1] == "l" ? "lispr" : "VXLAN", kk[2],
		       a[1], med[k], a[c]
	}
	print "ratios lispr/VXLAN (medians):"
	split("sat_rx lossless box_us_20k box_us_40k", ms, " ")
	for (i = 1; i <= 4; i++) {
		l = med["l " ms[i]]; x = med["v " ms[i]]
		printf "  %-12s %s\n", ms[i], (x > 0 ? sprintf("%.2f", l / x) : "n/a")
	}
	print "targets:"
	printf "  lispr lossless >= VXLAN lossless: %s (%g vs %g)\n",
	       (med["l lossless"] >= med["v lossless"] ? "MET" : "NOT MET"),
	       med["l lossless"], med["v lossless"]
	printf "  router CPU <= 5 us/pkt per xTR at 40k: %s (%g)\n",
	       ((("l xtr_us_40k" in med) && med["l xtr_us_40k"] <= 5) ? "MET" : "NOT MET"),
	       med["l xtr_us_40k"]
	printf "  loss < 10%% at twice the lossless rate: %s (%g%%)\n",
	       ((("l x2_loss" in med) && med["l x2_loss"] < 10) ? "MET" : "NOT MET"),
	       med["l x2_loss"]
	# What the target is after ("no collapse"): offered twice the
	# lossless rate, the xTRs still deliver it.  A router whose lossless
	# rate is its capacity loses about half at twice that rate however
	# well it holds up, so this is printed beside the target.
	if (med["l lossless"] > 0)
		printf "  (no collapse: received at 2x / lossless rate = %.2f, %s)\n",
		       med["l x2_rx"] / med["l lossless"],
		       (med["l x2_rx"] >= 0.9 * med["l lossless"]) ? "held" : "collapsed"
}' $T/res
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/bin/sh
# DOC: live LISP benchmarks across veth (run by hand, as root, from a build
# directory: sh ../../bench/bench_lisp_live.sh [options]).
#
#   sender+counter (P-snd: s0) --veth-- (r0) router (r1) --veth-- (c0: P-cnt) counter
#
# The router is bench/bench_lisp_live (built through the C API on live
# ports), pinned to one core; load comes from bench_forward_live_traffic,
# the forwarding benchmark's paced sendmmsg sender and TPACKET_V3 counter.
#  1. Map-Server/Map-Resolver: the router serves one site of N configured
#     /24 EID prefixes on r0.  The sender registers all N with Map-Registers
#     (32 records, HMAC-SHA-256, proxy-reply, want-map-notify) and a counter
#     on s0 checks every Map-Notify: the live registration rate.  Then the
#     sender sends Encapsulated Map-Requests for random registered EIDs
#     (distinct nonces) and the counter on s0 matches each Map-Reply to its
#     request: an unpaced run gives the maximum answering rate, paced runs
#     the loss; the same for EIDs outside the registry (negative replies).
#  2. Encapsulation: the router is an ITR (database 192.168.1.0/24, static
#     map-cache 192.168.2.0/24 -> RLOC 10.0.2.2); the sender's UDP frames
#     from 192.168.1.10 to 192.168.2.20 leave r1 LISP-encapsulated and the
#     counter on c0 checks each (UDP 4341, outer and inner header).
# The namespaces are this script's own (unique names), removed on exit; no
# root-namespace interface is touched.
#
# Options: -r PPS Map-Request rate for the loss runs (50000)
#          -e PPS encapsulation rate (150000)  -t S seconds per run (5)
#          -n N runs at each target rate (3)  -N N registered prefixes (100000)
#          -L 24|32 length of the registered prefixes (24; issue 14's
#             target is 300,000 answers/s with -N 500000 -L 32)
#          -c CPU router core (1)  -C CPU sender/counter core (0)
#          -p PRIO SCHED_FIFO priority of router and sender, counter +1 (50; 0: none)
#          -s ms|encap|all what to run (all)  -x skip the offline bench_lisp figure
#          -o leave the veth offloads as the kernel set them
#          -b DIR directory holding the bench programs (./bench)
set -u
MRATE=50000 ERATE=150000 SECS=5 RUNS=3 NPFX=100000 RCPU=1 TCPU=0 PRIO=50 BIN=./bench
KEEPOFF= WHAT=all OFFLINE=1 PLEN=24
while getopts r:e:t:n:N:L:c:C:p:s:xob: o; do
	case $o in
	r) MRATE=$OPTARG ;; e) ERATE=$OPTARG ;; t) SECS=$OPTARG ;; n) RUNS=$OPTARG ;;
	N) NPFX=$OPTARG ;; L) PLEN=$OPTARG ;; c) RCPU=$OPTARG ;; C) TCPU=$OPTARG ;; p) PRIO=$OPTARG ;;
	s) WHAT=$OPTARG ;; x) OFFLINE= ;; o) KEEPOFF=1 ;; b) BIN=$OPTARG ;;
	*) echo "usage: $0 [-r PPS] [-e PPS] [-t S] [-n RUNS] [-N PREFIXES] [-L 24|32] [-c CPU] [-C CPU]" \
		"[-p PRIO] [-s ms|encap|all] [-x] [-o] [-b DIR]" >&2
	   exit 2 ;;
	esac
done
case $PLEN in 24|32) ;; *) echo "$0: -L takes 24 or 32" >&2; exit 2 ;; esac
ROUTER=$BIN/bench_lisp_live TRAFFIC=$BIN/bench_forward_live_traffic
. "$(dirname "$0")/live_lib.sh"
live_preflight bench_lisp_live "$ROUTER" "$TRAFFIC"

P=lisprl-$$
NS=$P-snd NR=$P-rtr NC=$P-cnt
T=$(mktemp -d /tmp/$P.XXXXXX)
FMAC=02:00:00:00:be:ef	# the counters' answer to ARP: a MAC no interface has
KEY=bench-live-key
rpid=
# stop_router: ends the router; its exit status and log must be clean.
stop_router() {
	kill -TERM "$rpid"
	wait "$rpid"
	rrc=$? rpid=
	if [ $rrc -ne 0 ] || grep -qE 'Sanitizer|runtime error' $T/router; then
		echo "router exit status $rrc; log:"
		cat $T/router
		exit 1
	fi
}
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

# start_router ARGS...: the router pinned to its core; waits for "ready".
start_router() {
	: >$T/router
	ip netns exec $NR taskset -c $RCPU $RT "$ROUTER" "$@" >>$T/router 2>&1 &
	rpid=$!
	for i in $(seq 1 300); do
		grep -qs ready $T/router && return 0
		kill -0 $rpid 2>/dev/null || break
		sleep 0.1
	done
	echo "router did not start:"; cat $T/router; exit 1
}

get() { sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" "$2" | tail -1; }

# run TAG RATE SECS CNS CIF "COUNTER ARGS" "SENDER ARGS": one measured run.
# Sets sent secs t0 good bad dup span last records crd (counter ring
# drops) and the router's figures (rx replies negative reg_records encap
# ldrop rdrop usr sys wait cpu).
run() {
	ip netns exec $4 taskset -c $TCPU $RTC "$TRAFFIC" count -i $5 -m $FMAC -g $1 \
		-t $(($3 + 5)) -q 500 $6 >$T/count.$1 2>&1 &
	cp=$!
	for _ in $(seq 1 20); do
		grep -qs ready $T/count.$1 && break
		sleep 0.1
	done
	kill -USR1 $rpid
	if [ "$2" = 0 ]; then b=64; else b=32; fi
	ip netns exec $NS taskset -c $TCPU $RT "$TRAFFIC" send -i s0 -d $RMAC -r $2 -t $3 \
		-g $1 -b $b $7 >$T/send.$1 2>&1
	wait $cp
	sleep 0.1
	kill -USR1 $rpid
	sleep 0.2
	sent=$(get sent $T/send.$1) secs=$(get secs $T/send.$1) t0=$(get t0 $T/send.$1)
	good=$(get good $T/count.$1) bad=$(get bad $T/count.$1) dup=$(get dup $T/count.$1)
	span=$(get span $T/count.$1) last=$(get last $T/count.$1)
	records=$(get records $T/count.$1) crd=$(get ring_drops $T/count.$1)
	rx=$(get rx $T/router) replies=$(get replies $T/router)
	negative=$(get negative $T/router) reg_records=$(get reg_records $T/router)
	encap=$(get encap $T/router)
	ldrop=$(get lisp_drops $T/router) rdrop=$(get ring_drops $T/router)
	usr=$(get user $T/router) sys=$(get sys $T/router) wait=$(get runq_wait $T/router)
	[ -n "$sent" ] && [ -n "$good" ] && [ -n "$rx" ] || {
		echo "run $1 failed:"; cat $T/send.$1 $T/count.$1 $T/router; exit 1; }
	cpu=$(awk -v u="$usr" -v s="$sys" -v t="$secs" 'BEGIN { printf "%.0f", (u + s) / t * 100 }')
}

# stats NAME VALUES...: prints "best B, typical (median) M of K"; sets best typ.
stats() {
	name=$1; shift
	best=$(printf '%s\n' "$@" | sort -n | tail -1)
	typ=$(printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "$name: best $best, typical $typ (median of $#)"
}

verdicts=
verdict() {	# verdict TEXT OK
	if [ "$2" = 1 ]; then v=MET; else v="NOT MET"; fi
	echo "target: $1: $v"
	verdicts="$verdicts
target: $1: $v"
}

echo "lispr live LISP benchmarks ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  router: bench/bench_lisp_live (C API: router_new, lisp_new, live ports) pinned to" \
     "core $RCPU, $sched;"
echo "          sender and counters pinned to core $TCPU (sender: $sched, counters: $csched)"
echo "  veth offloads: $offloads; router CPU = its user + system time (getrusage) per run"
echo "  caveat: the 2 cores are shared with other work; the router's run-queue wait shows"
echo "          how long it was kept from its core, and figures vary between runs"
tag=1

if [ "$WHAT" = all ] || [ "$WHAT" = ms ]; then
	t=$(date +%s.%N)
	start_router ms r0 10.0.1.1/24 "$NPFX" "$KEY" "$PLEN"
	cfg=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	echo
	echo "1. Map-Server/Map-Resolver on r0 (10.0.1.1): one site, $NPFX configured /$PLEN EID"
	echo "   prefixes from 100.0.0.0 (lisp_site_eid_add, ${cfg}s with the start); registered"
	echo "   over the wire by the sender (10.0.1.10): Map-Registers of 32 records, HMAC-SHA-256,"
	echo "   proxy-reply, want-map-notify; ECM Map-Requests from ITR-RLOC 10.0.1.10, one EID each"
	# Warm-up: negative answers make the router resolve 10.0.1.10.
	run $tag 1000 1 $NS s0 "-a 10.0.1.10 -P mapreply -N -n $NPFX -L $PLEN" \
		"-s 10.0.1.10 -a 10.0.1.1 -P mapreq -N -n $NPFX -L $PLEN"
	tag=$((tag + 1))
	[ "$good" -gt 0 ] || { echo "warm-up: no Map-Reply"; cat $T/router $T/count.*; exit 1; }

	# Registration: every prefix, each round a full registration (the
	# first registers, the others refresh: the same work per record).
	msgs=$(((NPFX + 31) / 32)) rates= i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		run $tag 0 10 $NS s0 "-a 10.0.1.10 -P notify -k $KEY" \
			"-s 10.0.1.10 -a 10.0.1.1 -P register -k $KEY -n $NPFX -L $PLEN"
		tag=$((tag + 1))
		r=$(awk -v n="$reg_records" -v a="$t0" -v b="$last" \
			'BEGIN { printf "%.0f", (b > a ? n / ((b - a) / 1e9) : 0) }')
		rc=$(awk -v n="$reg_records" -v u="$usr" -v s="$sys" \
			'BEGIN { printf "%.0f", (u + s > 0 ? n / (u + s) : 0) }')
		awk -v n="$reg_records" -v m="$sent" -v g="$good" -v rec="$records" -v a="$t0" \
		    -v b="$last" -v r="$r" -v c="$cpu" -v rc="$rc" -v u="$usr" -v s="$sys" \
		    -v rd="$rdrop" -v w="$wait" 'BEGIN {
			printf "registration round: %d prefixes accepted from %d Map-Registers in" \
			       " %.3f s (first sent to last Map-Notify): %d prefixes/s\n",
			       n, m, (b - a) / 1e9, r
			printf "    %d Map-Notifies verified (%d records); router CPU %.3f s" \
			       " (%d prefixes per CPU second), %d ring drops, waited %.3f s\n",
			       g, rec, u + s, rc, rd, w }'
		[ "$reg_records" = "$NPFX" ] && [ "$good" = "$msgs" ] ||
			echo "    NOT every prefix registered/notified (ring drops: $rdrop)"
		rates="$rates $r"
	done
	stats "registration, HMAC-SHA-256, prefixes/s" $rates
	# An unpaced round of many prefixes can overrun the router's ring:
	# the answers below need every prefix registered, so register them
	# all again at a pace the router keeps up with, slower if one round
	# did not take them all (not a figure).
	for prate in 5000 2000 1000; do
		[ "$reg_records" = "$NPFX" ] && [ "$good" = "$msgs" ] && break
		run $tag $prate $(((msgs + prate - 1) / prate + 1)) $NS s0 \
			"-a 10.0.1.10 -P notify -k $KEY" \
			"-s 10.0.1.10 -a 10.0.1.1 -P register -k $KEY -n $NPFX -L $PLEN"
		tag=$((tag + 1))
		echo "registration at $prate Map-Registers/s: $reg_records prefixes accepted," \
		     "$good of $msgs Map-Notifies, $rdrop ring drops"
	done
	[ "$reg_records" = "$NPFX" ] || { echo "not every prefix registered"; exit 1; }

	# ms_rate RATE KIND FLAG: RUNS runs at RATE; sets pass, lists rates in got.
	ms_rate() {
		pass=0 j=0 got=
		while [ $j -lt "$RUNS" ]; do
			j=$((j + 1))
			run $tag "$1" "$SECS" $NS s0 "-a 10.0.1.10 -P mapreply -n $NPFX -L $PLEN $3" \
				"-s 10.0.1.10 -a 10.0.1.1 -P mapreq -n $NPFX -L $PLEN $3"
			tag=$((tag + 1))
			loss=$((sent - good))
			awk -v n="$sent" -v g="$good" -v s="$secs" -v l="$loss" -v b="$bad" \
			    -v d="$dup" -v c="$cpu" -v rd="$rdrop" -v w="$wait" -v k="$2" \
			    -v cr="$crd" 'BEGIN {
				printf "%s, paced: offered %.0f/s, answered %.0f/s, loss %d" \
				       " (%.2f%%), %d wrong, %d duplicate;\n    router CPU %d%%," \
				       " %d ring drops, waited %.3f s for its core; counter ring" \
				       " drops %d\n", k, n / s, g / s, l, n ? l * 100 / n : 0, b, d,
				       c, rd, w, cr }'
			ok=$(awk -v n="$sent" -v s="$secs" -v l="$loss" -v b="$bad" -v r="$1" \
				'BEGIN { print (l == 0 && b == 0 && n / s >= 0.99 * r) ? 1 : 0 }')
			pass=$((pass + ok))
			got="$got $(awk -v g="$good" -v s="$secs" 'BEGIN { printf "%.0f", g / s }')"
		done
	}
	# ms_runs KIND FLAG: unpaced runs for the maximum answering rate, runs
	# at 100000/s and at MRATE; verdicts on the typical (median) figures.
	ms_runs() {
		j=0 maxes=
		while [ $j -lt "$RUNS" ]; do
			j=$((j + 1))
			run $tag 0 "$SECS" $NS s0 "-a 10.0.1.10 -P mapreply -n $NPFX -L $PLEN $2" \
				"-s 10.0.1.10 -a 10.0.1.1 -P mapreq -n $NPFX -L $PLEN $2"
			tag=$((tag + 1))
			maxr=$(awk -v g="$good" -v s="$span" 'BEGIN { printf "%.0f", (s > 0 ? g / s : 0) }')
			maxes="$maxes $maxr"
			echo "$1, max: offered $(awk -v n="$sent" -v s="$secs" \
				'BEGIN { printf "%.0f", n / s }')/s (sender unpaced, $SECS s)," \
			     "answered $maxr/s (matched $good of $sent, $bad wrong, $dup duplicate);"
			echo "    router: rx $rx, replies $replies ($negative negative), LISP drops" \
			     "$ldrop, CPU $cpu% of its core, $rdrop ring drops, waited ${wait}s for it"
			[ "$rdrop" -gt 0 ] || echo "    no ring drops: the sender was the limit"
		done
		stats "$1, max answers/s" $maxes
		verdict ">= 100000 $1/s on one core (typical max $typ/s, best $best/s)" \
			"$(awk -v m="$typ" 'BEGIN { print (m >= 100000) ? 1 : 0 }')"
		if [ "$PLEN" = 32 ] && [ "$NPFX" -ge 500000 ]; then
			verdict ">= 300000 $1/s with $NPFX registered /32s (issue 14; typical max $typ/s, best $best/s)" \
				"$(awk -v m="$typ" 'BEGIN { print (m >= 300000) ? 1 : 0 }')"
		fi
		ms_rate 100000 "$1" "$2"
		stats "$1 at 100000/s, answered/s" $got
		echo "    ($pass of $RUNS runs at 100000/s lossless)"
		ms_rate "$MRATE" "$1" "$2"
		stats "$1 at $MRATE/s, answered/s" $got
		verdict "no loss at $MRATE $1/s ($pass of $RUNS runs lossless)" \
			"$([ $pass -eq "$RUNS" ] && echo 1 || echo 0)"
	}
	ms_runs "Map-Replies (proxy-reply, registered EIDs)" ""
	ms_runs "negative Map-Replies (unregistered EIDs)" -N
	stop_router
fi

if [ "$WHAT" = all ] || [ "$WHAT" = encap ]; then
	start_router itr r0 192.168.1.1/24 r1 10.0.2.1/24 192.168.1.0/24 192.168.2.0/24 10.0.2.2
	echo
	echo "2. Encapsulation: ITR, database 192.168.1.0/24, map-cache 192.168.2.0/24 -> 10.0.2.2;"
	echo "   60-byte UDP frames 192.168.1.10 -> 192.168.2.20 in on r0, LISP out on r1,"
	echo "   counted at c0: UDP 4341, outer TTL 63 and checksum, N+I LISP header, inner TTL 63"
	ECNT="-a 10.0.2.2 -P lisp" ESND="-s 192.168.1.10 -a 192.168.2.20"
	run $tag 1000 1 $NC c0 "$ECNT" "$ESND"
	tag=$((tag + 1))
	[ "$good" -gt 0 ] || { echo "warm-up: nothing encapsulated"; cat $T/router $T/count.*; exit 1; }
	j=0 maxes=
	while [ $j -lt "$RUNS" ]; do
		j=$((j + 1))
		run $tag 0 "$SECS" $NC c0 "$ECNT" "$ESND"
		tag=$((tag + 1))
		maxe=$(awk -v g="$good" -v s="$span" 'BEGIN { printf "%.0f", (s > 0 ? g / s : 0) }')
		maxes="$maxes $maxe"
		echo "encapsulation, max: offered $(awk -v n="$sent" -v s="$secs" \
			'BEGIN { printf "%.0f", n / s }') pps (sender unpaced), encapsulated $maxe pps" \
		     "(router encap $encap, LISP drops $ldrop, CPU $cpu%, $rdrop ring drops," \
		     "waited ${wait}s)"
		[ "$rdrop" -gt 0 ] || echo "    no ring drops: the sender was the limit"
	done
	stats "live encapsulation, max pps" $maxes
	pass=0 j=0 erates=
	while [ $j -lt "$RUNS" ]; do
		j=$((j + 1))
		run $tag "$ERATE" "$SECS" $NC c0 "$ECNT" "$ESND"
		tag=$((tag + 1))
		loss=$((sent - good))
		awk -v n="$sent" -v g="$good" -v s="$secs" -v l="$loss" -v b="$bad" -v c="$cpu" \
		    -v rd="$rdrop" -v w="$wait" -v cr="$crd" 'BEGIN {
			printf "live encapsulation: offered %.0f pps, encapsulated %.0f pps, loss %d" \
			       " (%.2f%%), %d bad;\n    router CPU %d%%, %d ring drops, waited" \
			       " %.3f s for its core; counter ring drops %d\n",
			       n / s, g / s, l, n ? l * 100 / n : 0, b, c, rd, w, cr }'
		ok=$(awk -v n="$sent" -v s="$secs" -v l="$loss" -v b="$bad" -v r="$ERATE" \
			'BEGIN { print (l == 0 && b == 0 && n / s >= 0.99 * r) ? 1 : 0 }')
		pass=$((pass + ok))
		erates="$erates $(awk -v g="$good" -v s="$secs" 'BEGIN { printf "%.0f", g / s }')"
	done
	stats "live encapsulation at $ERATE pps, delivered pps" $erates
	verdict ">= $ERATE pps encapsulated live with no loss ($pass of $RUNS runs lossless)" \
		"$([ $pass -eq "$RUNS" ] && echo 1 || echo 0)"
	stop_router
	if [ -n "$OFFLINE" ] && [ -x "$BIN/bench_lisp" ]; then
		echo "offline (bench/bench_lisp 1000000, memory ports, taskset -c $RCPU):"
		taskset -c $RCPU $RT "$BIN/bench_lisp" 1000000 | grep -E 'encapsulation|registration|answered'
	fi
fi

if grep -qE 'Sanitizer|runtime error' $T/router $T/send.* $T/count.*; then
	echo "sanitizer reports:"; cat $T/router $T/send.* $T/count.*; exit 1
fi
echo
echo "summary:$verdicts"

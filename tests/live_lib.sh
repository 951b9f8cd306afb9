# DOC: shared helpers of the live shell tests (sourced, POSIX sh)
#
# The shell tests that run lispr (or tests/test_port_live) for real, in
# namespaces of their own or not, source this file after setting
# top_srcdir and LISPR (the namespace labs, tests/lab/, have their own
# lib.sh):
#
#   : "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
#   . "$top_srcdir/tests/live_lib.sh"
#   live_init TAG
#
# It sources tests/capture.sh (cap_*: captures for tshark).  Nothing here
# waits a fixed time for something to happen: every wait is a condition
# polled with a deadline, the deadline a bound for a run that went wrong,
# sized for a busy machine, never a schedule.
#
# The run and its checks
#   live_init TAG        work directory $work (/tmp/lispr-TAG-XXXXXX), the
#                        run's own name prefix $P (TAG, the shell's pid and
#                        the work directory's random part: no two runs, nor
#                        a run and what a killed one left, share a name),
#                        the counters, TSHARK, and the traps: on exit
#                        live_cleanup, on INT TERM HUP PIPE a FAIL line
#                        and exit 1
#   check DESC CMD...    runs one check (its output in $work/out, shown
#                        under "FAIL DESC" when it fails) and counts it
#   live_fail MSG        a failure that is not a check (a sanitizer report)
#   live_finish          "N passed, N failed" and the exit status: 0 when
#                        nothing failed, else 1
#   wait_until SECS CMD...  retries CMD (every 0.1 s) until it succeeds;
#                        after SECS, shows the last attempt's output and
#                        fails
#   live_watchdog SECS   ends the run (SIGTERM to it, a FAIL line) when it
#                        lasts longer than SECS: a bound for a hang
#
# What a test needs, else it skips (exit 77)
#   live_need_netns      root and 'ip'
#   live_need CMD...     each command on the PATH
#   live_need_lispr      an executable $LISPR (made absolute)
#   live_can_capture     true when tshark, tcpdump and python3 are here
#
# Namespaces and veths (only the run's own; live_cleanup removes them)
#   live_ns_add NS...    creates them; when the first cannot be created the
#                        test skips, when a later one cannot it fails
#   live_ns_try NS...    creates them; returns 1 at the first that cannot
#                        be (for a test that has something to do without)
#   live_ns_ipv4 NS...   loopback up, the kernel's IPv6 off (all, default)
#   live_ns_ipv6 NS...   loopback up, the kernel's IPv6 on
#   live_veth NS1 IF1 NS2 IF2   a veth pair, IF1 in NS1, IF2 in NS2
#   live_host NS IF ADDR/LEN GW  a host's end: address (IPv6 without DAD),
#                        up, default route via GW (IPv4 or IPv6)
#   live_up NS IF...     interfaces set up
#   live_attach NR NS IF RIF ADDR/LEN GW  host NS joined to the router's
#                        namespace NR: the veth IF (in NS) - RIF (in NR),
#                        IF configured by live_host, RIF only set up (the
#                        router under test owns it, not NR's kernel)
#
# Processes
#   live_kill_on_exit PID...  live_cleanup sends them SIGTERM (every
#                        process a test leaves in the background belongs
#                        here: the cleanup waits for its children)
#   live_forget PID      off that list again (it ended, or is ending, as
#                        the test meant: its pid may be reused)
#   live_stop PID        live_forget, SIGTERM, waits for it; returns its
#                        exit status
#   live_lispr NS NAME [ARG...]  starts $LISPR in NS (setsid) with
#                        $work/NAME.conf, pid file $work/NAME.pid, log
#                        $work/NAME.log and its vty on 127.0.0.1:2650 (the
#                        port scripts/lab.sh's client knows); rpid is its
#                        pid
#   live_vty NS HOST [SECS]  lispr's shell in NS through scripts/lab.sh's
#                        vty client: commands on stdin (enabled with
#                        LAB_ENABLE, default lisp), output on stdout; SECS
#                        bounds the whole session (timeout(1));
#                        LAB_VTY_TIMEOUT and LAB_CMD_TIMEOUT pass through
#
# live_cleanup (the EXIT trap): stops the watchdog, the processes, the
# captures; waits for the children; deletes the namespaces; removes $work
# unless something failed (then says where it is).

. "$top_srcdir/tests/capture.sh"

LIVE_VTY_PORT=2650

live_init() {	# tag
	work=$(mktemp -d "/tmp/lispr-$1-XXXXXX") || exit 1
	P=$1-$$-${work##*-}
	LIVE_NS= LIVE_PIDS= LIVE_WATCHDOG=
	fail=0 passed=0
	TSHARK=${TSHARK:-$(command -v tshark || true)}
	trap live_cleanup EXIT
	trap 'echo "FAIL interrupted or out of time"; exit 1' INT TERM HUP PIPE
}

live_cleanup() {
	_lc_rc=$?
	[ -n "$LIVE_WATCHDOG" ] && kill -TERM "$LIVE_WATCHDOG" 2>/dev/null
	for _lc in $LIVE_PIDS; do kill -TERM "$_lc" 2>/dev/null; done
	cap_stop_all
	# A process that ignores TERM (a stuck router) must not hang the
	# test in 'wait': TERM again every 0.1 s, KILL after 10 s.
	_lc_n=0
	while [ -n "$LIVE_PIDS" ]; do
		_lc_alive=
		for _lc in $LIVE_PIDS; do
			kill -0 "$_lc" 2>/dev/null && _lc_alive="$_lc_alive $_lc"
		done
		LIVE_PIDS=$_lc_alive
		[ -n "$LIVE_PIDS" ] || break
		_lc_n=$((_lc_n + 1))
		if [ "$_lc_n" -ge 100 ]; then
			for _lc in $LIVE_PIDS; do
				echo "cleanup: pid $_lc ignored TERM for 10 s, killed"
				kill -KILL "$_lc" 2>/dev/null
			done
			break
		fi
		sleep 0.1
		for _lc in $LIVE_PIDS; do kill -TERM "$_lc" 2>/dev/null; done
	done
	wait 2>/dev/null
	for _lc in $LIVE_NS; do ip netns del "$_lc" 2>/dev/null; done
	if [ "$fail" = 0 ] && { [ "$_lc_rc" = 0 ] || [ "$_lc_rc" = 77 ]; }; then
		rm -rf "$work"
	else
		echo "logs in $work"
	fi
}

check() {	# description, command...
	_ck_d=$1; shift
	if "$@" >"$work/out" 2>&1; then
		echo "ok   $_ck_d"
		passed=$((passed + 1))
	else
		echo "FAIL $_ck_d"
		sed 's/^/     /' "$work/out" | head -40
		fail=$((fail + 1))
	fi
}

live_fail() {	# message
	echo "FAIL $1"
	fail=$((fail + 1))
}

live_finish() {
	echo "$passed passed, $fail failed"
	[ "$fail" = 0 ] && exit 0
	exit 1
}

wait_until() {	# seconds, command...: until the command succeeds
	_wu_end=$(($(date +%s) + $1))
	shift
	until "$@" >"$work/wait_until.out" 2>&1; do
		if [ "$(date +%s)" -ge "$_wu_end" ]; then
			cat "$work/wait_until.out"
			return 1
		fi
		sleep 0.1
	done
}

live_watchdog() {	# seconds
	(
		trap 'kill "$_wd_s" 2>/dev/null; exit 0' TERM
		sleep "$1" &
		_wd_s=$!
		wait "$_wd_s" && kill -TERM $$
	) >/dev/null 2>&1 &
	LIVE_WATCHDOG=$!
}

live_need_netns() {
	[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
	command -v ip >/dev/null 2>&1 || { echo "SKIP: no ip"; exit 77; }
}

live_need() {	# command...
	for _ln; do
		command -v "$_ln" >/dev/null 2>&1 || { echo "SKIP: no $_ln"; exit 77; }
	done
}

live_need_lispr() {
	[ -x "$LISPR" ] || { echo "SKIP: $LISPR not built"; exit 77; }
	LISPR=$(cd "$(dirname "$LISPR")" && pwd)/$(basename "$LISPR")
}

live_can_capture() {
	[ -n "$TSHARK" ] && cap_ok
}

live_ns_try() {	# namespace...
	for _na; do
		ip netns add "$_na" 2>"$work/netns.err" || return 1
		LIVE_NS="$LIVE_NS $_na"
	done
}

live_ns_add() {	# namespace...
	live_ns_try "$@" && return 0
	if [ -z "$LIVE_NS" ]; then
		echo "SKIP: cannot create namespaces: $(cat "$work/netns.err")"
		exit 77
	fi
	echo "FAIL cannot create a namespace: $(cat "$work/netns.err")"
	exit 1
}

live_ns_ipv4() {	# namespace...
	for _n4; do
		ip netns exec "$_n4" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		ip netns exec "$_n4" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
		ip -n "$_n4" link set lo up || return 1
	done
}

live_ns_ipv6() {	# namespace...
	for _n6; do
		ip netns exec "$_n6" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 &&
		ip -n "$_n6" link set lo up || return 1
	done
}

live_veth() {	# ns1 if1 ns2 if2
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
}

live_host() {	# ns interface address/length gateway
	case $3 in
	*:*) ip -n "$1" addr add "$3" dev "$2" nodad ;;
	*) ip -n "$1" addr add "$3" dev "$2" ;;
	esac &&
	ip -n "$1" link set "$2" up &&
	case $4 in
	*:*) ip -n "$1" -6 route add default via "$4" ;;
	*) ip -n "$1" route add default via "$4" ;;
	esac
}

live_up() {	# ns interface...
	_lu_ns=$1; shift
	for _lu; do ip -n "$_lu_ns" link set "$_lu" up || return 1; done
}

live_attach() {	# router-ns host-ns host-if router-if address/length gateway
	live_veth "$2" "$3" "$1" "$4" && live_host "$2" "$3" "$5" "$6" && live_up "$1" "$4"
}

live_kill_on_exit() {	# pid...
	# Only real pids: 'kill 0' or 'kill -1' would signal the test's
	# process group or every process of the user.
	for _lk; do
		case $_lk in
		''|*[!0-9]*) echo "live_kill_on_exit: '$_lk' is not a pid, ignored" ;;
		*) [ "$_lk" -gt 1 ] && LIVE_PIDS="$LIVE_PIDS $_lk" ;;
		esac
	done
	return 0
}

live_forget() {	# pid
	_lf_keep=
	for _lf in $LIVE_PIDS; do [ "$_lf" = "$1" ] || _lf_keep="$_lf_keep $_lf"; done
	LIVE_PIDS=$_lf_keep
}

live_stop() {	# pid: its exit status
	live_forget "$1"
	kill -TERM "$1" 2>/dev/null
	wait "$1"
}

live_lispr() {	# ns name [argument...]
	_lr_ns=$1 _lr_name=$2
	shift 2
	setsid ip netns exec "$_lr_ns" "$LISPR" -f "$work/$_lr_name.conf" -i "$work/$_lr_name.pid" \
		-A 127.0.0.1 -P "$LIVE_VTY_PORT" "$@" </dev/null >"$work/$_lr_name.log" 2>&1 &
	rpid=$!
	live_kill_on_exit "$rpid"
}

live_vty() {	# ns hostname [seconds]
	${3:+timeout "$3"} ip netns exec "$1" env LAB_ENABLE="${LAB_ENABLE:-lisp}" \
		${LAB_VTY_TIMEOUT:+LAB_VTY_TIMEOUT="$LAB_VTY_TIMEOUT"} \
		${LAB_CMD_TIMEOUT:+LAB_CMD_TIMEOUT="$LAB_CMD_TIMEOUT"} \
		bash "$top_srcdir/scripts/lab.sh" _vty "$2"
}

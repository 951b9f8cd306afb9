# Sourced by the live benchmark drivers (bench_forward_live.sh,
# bench_lisp_live.sh) after their options are parsed.  live_preflight NAME
# ROUTER TRAFFIC checks root, the two programs and taskset, and sets the
# scheduling: RT/RTC prefix the router and sender / the counter, sched and
# csched describe them.  A real-time class keeps a router that sleeps in
# epoll_wait from queueing behind unrelated work on a shared machine; it
# never spins, so it takes nothing from anyone while idle.  The sender gets
# the same class (an unpaced sender holds its core for the run, less the
# kernel's 5% real-time reserve); the counter sits one level above it so
# it is never stuck behind the sender on their shared core.  PRIO 0 means
# ordinary scheduling.
live_preflight() {
	[ "$(id -u)" = 0 ] || { echo "$1: needs root" >&2; exit 1; }
	for p in "$2" "$3"; do
		[ -x "$p" ] || { echo "$1: $p not built (make $p)" >&2; exit 1; }
	done
	command -v taskset >/dev/null || { echo "$1: needs taskset" >&2; exit 1; }
	RT= RTC= sched="ordinary scheduling" csched="ordinary scheduling"
	if [ "$PRIO" -gt 0 ]; then
		command -v chrt >/dev/null || { echo "$1: needs chrt for -p" >&2; exit 1; }
		RT="chrt -f $PRIO" RTC="chrt -f $((PRIO + 1))"
		sched="SCHED_FIFO priority $PRIO" csched="SCHED_FIFO $((PRIO + 1))"
	fi
}

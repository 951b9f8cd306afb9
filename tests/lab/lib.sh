# Sourced by the lab tests (tests/lab/test_*.sh), after top_srcdir and LISPR
# are set.  lab_init TAG [captures] skips the test (exit 77) unless it can
# run here (root, 'ip netns', bash, a built lispr; with 'captures' also
# tshark, tcpdump and python3), then sets up a work directory and a lab of
# the run's own: LAB_PREFIX=TAG$$, so concurrent runs never share a name.
# It defines LAB, TSHARK, PY, work, fail and n; ns NODE names a node's
# namespace, and check DESCRIPTION COMMAND... runs one check and counts it.
# wait_until SECONDS COMMAND... retries COMMAND until it succeeds (a bound
# for what went wrong, not a schedule), and tests/capture.sh's cap_* run
# the captures.  Nothing here waits a fixed time for something to happen.
# lab_watchdog SECONDS ends the test (SIGTERM to it) once no check has
# finished for that long: a bound for a run that hangs, never for one a busy
# machine makes slow (two labs side by side and a busy core took a healthy
# run of test_seed_petr.sh past 600 s in all).
. "$top_srcdir/tests/capture.sh"

lab_init() {
	LAB="$top_srcdir/scripts/lab.sh"
	[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
	command -v ip >/dev/null 2>&1 && command -v bash >/dev/null 2>&1 ||
		{ echo "SKIP: no ip or bash"; exit 77; }
	TSHARK=${TSHARK:-$(command -v tshark || true)}
	PY=$(command -v /usr/bin/python3 || command -v python3 || true)
	if [ "${2:-}" = captures ]; then
		[ -n "$TSHARK" ] && command -v tcpdump >/dev/null 2>&1 ||
			{ echo "SKIP: no tshark or tcpdump"; exit 77; }
		[ -n "$PY" ] || { echo "SKIP: no python3"; exit 77; }
	fi
	[ -x "$LISPR" ] || { echo "SKIP: $LISPR not built"; exit 77; }
	LISPR=$(cd "$(dirname "$LISPR")" && pwd)/$(basename "$LISPR")

	work=$(mktemp -d "/tmp/lispr-$1-XXXXXX") || exit 1
	LAB_PREFIX=$1$$
	LAB_RUN=$work/run
	LAB_KEEP_LOGS=1
	export LAB_PREFIX LAB_RUN LAB_KEEP_LOGS LISPR
	ip netns add "$(ns probe)" 2>/dev/null ||
		{ echo "SKIP: cannot create namespaces"; rm -rf "$work"; exit 77; }
	ip netns del "$(ns probe)"
	fail=0 n=0
}

ns() { printf '%s-%s' "$LAB_PREFIX" "$1"; }

check() {	# description, command...
	d=$1; shift
	n=$((n + 1))
	[ -e "$work/progress" ] && touch "$work/progress"
	if "$@" >"$work/out" 2>&1; then echo "ok   $d"
	else echo "FAIL $d"; sed 's/^/     /' "$work/out" | head -40; fail=$((fail + 1)); fi
}

wait_until() {	# seconds, command...: until the command succeeds
	_wu_end=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$_wu_end" ] || return 1
		sleep 0.2
	done
}

lab_watchdog() {	# seconds without a check finishing
	touch "$work/progress"
	(
		trap 'exit 0' TERM
		while sleep 5; do
			# The test is over once its work directory is gone.
			[ -e "$work/progress" ] || exit 0
			[ $(($(date +%s) - $(stat -c %Y "$work/progress"))) -lt "$1" ] ||
				{ kill -TERM $$; exit 0; }
		done
	) >/dev/null 2>&1 &
	watchdog=$!
}

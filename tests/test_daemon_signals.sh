#!/bin/sh
# Signals and files of a running lispr (issue 9): SIGUSR1, SIGUSR2 and
# SIGALRM are logged and ignored, SIGHUP without a console reloads the
# startup configuration (issue 15); SIGTERM and SIGINT end it
# with status 0; the pid file is removed on every way out (in the
# background, as a daemon, with the console on a terminal).  Stale
# temporary files of a killed 'write memory' are removed at start-up and
# by the next save, which stays atomic; another live process's file is
# kept.  No vty listener (-P 0), no interfaces, no root needed.  Every wait
# is for a condition, bounded.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init signals
alive() { kill -0 "$1" 2>/dev/null; }
dead() { ! kill -0 "$1" 2>/dev/null; }
pid_in() { [ -s "$1" ] && [ "$(cat "$1")" = "$2" ]; }
absent() { [ ! -e "$1" ]; }
present() { [ -e "$1" ]; }
# sig SIG PID: signal PID only when it is a real process id, never 0 or
# -1 (a pid file that was never written must not signal the test's own
# process group: kill 0 would reach make and every test beside this one).
sig() { case $2 in ''|*[!0-9]*|0|1) return 1 ;; esac; kill -s "$1" "$2" 2>/dev/null; }
# start CFG PIDFILE: lispr in the background on CFG, as a service manager
# runs it (SIGINT at its default); p is its pid.
start() {
	env --default-signal=INT "$LISPR" -f "$1" -P 0 -i "$2" </dev/null >"$work/log" 2>&1 &
	p=$!
	live_kill_on_exit $p
}
# stop SIG PIDFILE LABEL: signal p, which ends with status 0 and removes
# its pid file.
stop() {
	kill -s "$1" $p
	wait $p
	rc=$?
	live_forget $p
	check "${3-}SIG$1: exit status 0 (was $rc)" [ $rc = 0 ]
	check "${3-}SIG$1: pid file removed" absent "$2"
}

cfg=$work/lispr.conf
printf 'hostname sigtest\n!\nend\n' > "$cfg"
# A process id that no longer exists, and one that does (this shell).
sh -c 'exit 0' & gone=$!
wait $gone
touch "$work/.lispr-config.Ab12Cd" "$work/.lispr-config.$gone.Xy34Zw" "$work/.lispr-config.$$.Keep56"

# In the background, as a service manager runs it.
start "$cfg" "$work/pid"
check "pid file written" wait_until 30 pid_in "$work/pid" $p
check "stale temp file (old form) removed at start-up" absent "$work/.lispr-config.Ab12Cd"
check "stale temp file of a dead process removed at start-up" absent "$work/.lispr-config.$gone.Xy34Zw"
check "a live process's temp file kept" present "$work/.lispr-config.$$.Keep56"
check "start-up logs the removal" grep -q "removed the stale temporary file .*lispr-config.$gone" "$work/log"
for sig in USR1:10 USR2:12 ALRM:14; do
	num=${sig#*:} sig=${sig%:*}
	kill -s $sig $p
	check "SIG$sig logged and ignored" wait_until 10 grep -q "signal $num (.*) ignored" "$work/log"
	check "still running after SIG$sig" alive $p
done
kill -s HUP $p
check "SIGHUP reloads the startup configuration" \
	wait_until 10 grep -q "%SYS-5-CONFIG_I: Configured from $cfg by SIGHUP (0 lines rejected)" "$work/log"
check "still running after SIGHUP" alive $p
stop TERM "$work/pid"

start "$cfg" "$work/pid"
check "pid file written again" wait_until 30 pid_in "$work/pid" $p
stop INT "$work/pid"

# As a daemon: the pid file names the daemon, not the parent.
"$LISPR" -d -f "$cfg" -P 0 -i "$work/dpid" </dev/null >"$work/dlog" 2>&1
check "daemon: pid file written" wait_until 30 test -s "$work/dpid"
d=$(cat "$work/dpid" 2>/dev/null)
live_kill_on_exit "$d"
sig USR1 "$d"
sig ALRM "$d"
sig TERM "$d"
check "daemon: ends on SIGTERM" wait_until 30 dead "$d"
live_forget "$d"
check "daemon: pid file removed" absent "$work/dpid"

# Receive workers ('platform packet-io workers') are threads: a daemon
# starts them after its fork, and they take no signal, so SIGTERM still
# ends lispr through its own way out (the pid file goes; lispr waits for
# its workers on the way).
wcfg=$work/workers.conf
printf 'hostname sigtest\n!\nplatform packet-io workers 2\n!\nend\n' > "$wcfg"
worker_runs() { cat /proc/"$1"/task/*/comm 2>/dev/null | grep -qx 'rx worker 1'; }
start "$wcfg" "$work/wpid"
check "workers: pid file written" wait_until 30 pid_in "$work/wpid" $p
check "workers: the worker thread runs" wait_until 30 worker_runs $p
stop TERM "$work/wpid" "workers: "
"$LISPR" -d -f "$wcfg" -P 0 -i "$work/wdpid" </dev/null >"$work/wdlog" 2>&1
check "workers, daemon: pid file written" wait_until 30 test -s "$work/wdpid"
d=$(cat "$work/wdpid" 2>/dev/null)
live_kill_on_exit "$d"
check "workers, daemon: the worker thread runs in the daemon" wait_until 30 worker_runs "$d"
sig TERM "$d"
check "workers, daemon: ends on SIGTERM" wait_until 30 dead "$d"
live_forget "$d"
check "workers, daemon: pid file removed" absent "$work/wdpid"

# With the console on a terminal: SIGTERM ends it from the prompt.
# script(1) passes the end of its input on to the console as an EOF,
# which ends lispr at the prompt: its input is a pipe this shell keeps
# open until lispr is gone.
if command -v script >/dev/null 2>&1; then
	mkfifo "$work/cin"
	exec 3<>"$work/cin"
	script -qec "'$LISPR' -f '$cfg' -P 0 -i '$work/cpid'" /dev/null <"$work/cin" >"$work/clog" 2>&1 &
	s=$!
	live_kill_on_exit $s
	check "console: pid file written" wait_until 30 test -s "$work/cpid"
	c=$(cat "$work/cpid" 2>/dev/null)
	live_kill_on_exit "$c"
	sig USR2 "$c"
	sig TERM "$c"
	check "console: ends on SIGTERM" wait_until 30 dead "$c"
	live_forget "$c"
	check "console: pid file removed" absent "$work/cpid"
	exec 3>&-
	wait $s
	live_forget $s
fi

# The next save removes stale files too, and leaves none of its own.
touch "$work/.lispr-config.Ef78Gh" "$work/.lispr-config.$gone.Ij90Kl"
printf 'enable\nconfigure terminal\nhostname saved\nend\nwrite memory\n' |
	timeout 30 "$LISPR" --batch -f "$cfg" -P 0 >"$work/blog" 2>&1
check "write memory: [OK]" grep -q '^\[OK\]' "$work/blog"
check "write memory: stale temp files removed" sh -c "! ls -a '$work' | grep -v '\.$$\.Keep56\$' | grep -q '^\.lispr-config\.'"
check "write memory: a live process's temp file kept" present "$work/.lispr-config.$$.Keep56"
check "write memory: the file is the new configuration" grep -q '^hostname saved$' "$cfg"
check "write memory: the file ends with 'end'" sh -c "tail -n 1 '$cfg' | grep -qx end"
check "write memory: mode 0600" sh -c "[ \$(stat -c %a '$cfg') = 600 ]"
# 'show startup-config' reads the file back (with the router lock let go).
printf 'enable\nshow startup-config\n' | timeout 30 "$LISPR" --batch -f "$cfg" -P 0 >"$work/slog" 2>&1
check "show startup-config: its size" grep -q "^Using $(wc -c <"$cfg") bytes" "$work/slog"
check "show startup-config: the saved file" grep -q '^hostname saved$' "$work/slog"
if grep -q Sanitizer "$work"/*log; then
	cat "$work"/*log
	live_fail "a sanitizer report in lispr's logs"
fi
live_finish

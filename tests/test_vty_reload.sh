#!/bin/sh
# 'reload': IOS's questions, then lispr starts again in the same process
# from its startup-config (tests/vty_reload.py).  As root, lispr runs in a
# network namespace of this run's own with a veth pair there, one end of which it
# captures on (its packet sockets must not survive into the new run); its
# vty on that namespace's 127.0.0.1.  Without root, on the loopback of
# this one and without an interface.  Bounded by timeout(1).
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init reload
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
NS=$P
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 && live_ns_try $NS; then
	ip -n $NS link set lo up || exit 1
	ip -n $NS link add rl0 type veth peer name rl1 || exit 1
	ip -n $NS link set rl0 up && ip -n $NS link set rl1 up || exit 1
	timeout 200 ip netns exec $NS "$PY" "$top_srcdir/tests/vty_reload.py" "$LISPR" "$work" rl0
	exit $?
fi
timeout 200 "$PY" "$top_srcdir/tests/vty_reload.py" "$LISPR" "$work"

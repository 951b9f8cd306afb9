#!/bin/sh
# 'logging synchronous' on vty lines and 'send log' (tests/vty_sync.py).
# As root, lispr runs in a network namespace of this run's own (its vty on
# that namespace's 127.0.0.1); without root, on the loopback of this one.
# Bounded by timeout(1).
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init sync
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
NS=$P
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 && live_ns_try $NS; then
	ip -n $NS link set lo up || exit 1
	timeout 120 ip netns exec $NS "$PY" "$top_srcdir/tests/vty_sync.py" "$LISPR" "$work"
	exit $?
fi
timeout 120 "$PY" "$top_srcdir/tests/vty_sync.py" "$LISPR" "$work"

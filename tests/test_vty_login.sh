#!/bin/sh
# Brute-force protection of vty logins and enable (issue 9 item 5), then
# local users ('username', 'login local'), 'absolute-timeout' and 'login
# quiet-mode access-class' (tests/vty_abstime.py), then 'access-class' with a
# standard access list and 'ipv6 access-class' (in the namespace only);
# see tests/vty_login.py, tests/vty_local.py and tests/vty_acl.py.  As root, lispr runs in a network namespace of this
# run's own (its vty on that namespace's 127.0.0.1); without root, on the
# loopback of this one.  Bounded by timeout(1).
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init login
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
NS=$P
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 && live_ns_try $NS; then
	ip -n $NS link set lo up || exit 1
	timeout 200 ip netns exec $NS "$PY" "$top_srcdir/tests/vty_login.py" "$LISPR" "$work" || exit 1
	timeout 200 ip netns exec $NS "$PY" "$top_srcdir/tests/vty_local.py" "$LISPR" "$work" || exit 1
	timeout 150 ip netns exec $NS "$PY" "$top_srcdir/tests/vty_abstime.py" "$LISPR" "$work" || exit 1
	timeout 120 ip netns exec $NS env VTY_ACL_V6=1 "$PY" "$top_srcdir/tests/vty_acl.py" "$LISPR" "$work"
	exit $?
fi
timeout 200 "$PY" "$top_srcdir/tests/vty_login.py" "$LISPR" "$work" || exit 1
timeout 200 "$PY" "$top_srcdir/tests/vty_local.py" "$LISPR" "$work" || exit 1
timeout 150 "$PY" "$top_srcdir/tests/vty_abstime.py" "$LISPR" "$work" || exit 1
timeout 120 "$PY" "$top_srcdir/tests/vty_acl.py" "$LISPR" "$work"

#!/bin/sh
# A vty client that never reads its output must not stall the router
# (issue 9 item 1); see tests/vty_stall.py.  As root only: lispr runs in a
# network namespace of this run's own and routes between two more while
# the client stalls, and the loss of a ping through it is measured:
#
#   host H 10.77.0.2 --veth-- lispr (vr0 10.77.0.1, vr1 10.79.0.1) --veth-- host G 10.79.0.2
#
# Nothing touches the root namespace's interfaces; everything is removed on
# exit.  Without root or 'ip netns' the result is SKIP (77).  Bounded by
# timeout(1); the stuck session's disconnection takes a minute by design.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init stall
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
[ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 || { echo "SKIP: not root or no ip"; exit 77; }
NH=$P-h NR=$P-r NG=$P-g

setup() {
	live_ns_try $NH $NR $NG &&
	live_ns_ipv4 $NH $NR $NG &&
	live_attach $NR $NH vh0 vr0 10.77.0.2/24 10.77.0.1 &&
	live_attach $NR $NG vg0 vr1 10.79.0.2/24 10.79.0.1
}

setup || { echo "SKIP: cannot create namespaces"; exit 77; }
timeout 300 ip netns exec $NR env VTY_NS_HOST=$NH VTY_NS_FAR=$NG \
	"$PY" "$top_srcdir/tests/vty_stall.py" "$LISPR" "$work"

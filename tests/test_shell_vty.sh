#!/bin/sh
# Concurrent telnet vty sessions against a real lispr (a free port chosen
# per run); see tests/vty_client.py.  Bounded by timeout(1).
#
# As root, lispr runs in a network namespace of this run's own and routes
# between two more, and the client asserts that it keeps forwarding while
# vty sessions come and go:
#
#   host H 10.77.0.2 --veth-- lispr (vr0 10.77.0.1, vr1 10.79.0.1) --veth-- host G 10.79.0.2
#
# The vty listener stays on 127.0.0.1 inside lispr's namespace.  Nothing
# touches the root namespace's interfaces; everything is removed on exit.
# Without root (or 'ip netns') the vty checks still run, and the result is
# SKIP (77) when they pass, since the forwarding part was not tested.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/live_lib.sh"
live_init vty
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "SKIP: $PY not found"
	exit 77
fi
NH=$P-h NR=$P-r NG=$P-g

setup() {
	[ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 || return 1
	live_ns_try $NH $NR $NG &&
	live_ns_ipv4 $NH $NR $NG &&
	# lispr owns vr0 and vr1: up for the kernel, no IPv4 address there.
	live_attach $NR $NH vh0 vr0 10.77.0.2/24 10.77.0.1 &&
	live_attach $NR $NG vg0 vr1 10.79.0.2/24 10.79.0.1
}

if setup; then
	VTY_NS_HOST=$NH VTY_NS_FAR=$NG timeout 150 ip netns exec $NR \
		env VTY_NS_HOST=$NH VTY_NS_FAR=$NG "$PY" "$top_srcdir/tests/vty_client.py" "$LISPR" "$work"
	exit $?
fi
echo "SKIP: no namespaces (not root, or no 'ip netns'): vty checks only"
timeout 120 "$PY" "$top_srcdir/tests/vty_client.py" "$LISPR" "$work" || exit 1
exit 77

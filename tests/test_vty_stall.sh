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
: "${top_srcdir:=$(dirname "$0")/..}"
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
[ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 || { echo "SKIP: not root or no ip"; exit 77; }
work=$(mktemp -d)
P=lisprs-$$
NH=$P-h NR=$P-r NG=$P-g
netns=
cleanup() {
	if [ -n "$netns" ]; then
		for ns in $NH $NR $NG; do ip netns del "$ns" 2>/dev/null; done
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

setup() {
	ip netns add $NH 2>/dev/null || return 1
	netns=1
	ip netns add $NR && ip netns add $NG || return 1
	ip -n $NH link add vh0 type veth peer name vr0 netns $NR &&
	ip -n $NG link add vg0 type veth peer name vr1 netns $NR || return 1
	for ns in $NH $NR $NG; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		ip -n $ns link set lo up || return 1
	done
	ip -n $NH addr add 10.77.0.2/24 dev vh0 && ip -n $NH link set vh0 up &&
	ip -n $NH route add default via 10.77.0.1 &&
	ip -n $NG addr add 10.79.0.2/24 dev vg0 && ip -n $NG link set vg0 up &&
	ip -n $NG route add default via 10.79.0.1 &&
	ip -n $NR link set vr0 up && ip -n $NR link set vr1 up
}

setup || { echo "SKIP: cannot create namespaces"; exit 77; }
timeout 300 ip netns exec $NR env VTY_NS_HOST=$NH VTY_NS_FAR=$NG \
	"$PY" "$top_srcdir/tests/vty_stall.py" "$LISPR" "$work"

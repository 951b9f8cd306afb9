#!/bin/sh
# Quick start, command 1: install what is missing, build lispr, start the
# reference lab in its final state (scripts/lab.sh: four routers and two
# hosts in network namespaces) and attach to lisp1's shell.  Without a terminal on standard
# input (CI) it shows one ping through the lab instead of attaching, and
# leaves the lab running.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh scripts/deps.sh
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null
mkdir -p _build/run
cd _build/run
[ -f Makefile ] || "$top/configure" >configure.out
make -j"$(nproc 2>/dev/null || echo 2)" >make.out 2>&1 || { tail -30 make.out; exit 1; }
echo "Built $(./lispr -v) in _build/run."
cd "$top"
if [ "$(id -u)" != 0 ]; then
	echo "The reference lab needs root (network namespaces): run this again as root."
	exit 1
fi

# A lab left from an earlier run still has the old binary: start afresh.
LISPR="$top/_build/run/lispr"
export LISPR
sh scripts/lab.sh down >/dev/null
sh scripts/lab.sh up
cat <<'EOF'

The reference lab is up in the final state of both seeds (samples/*.conf):
lisp1, lisp2, mapserver and outsideworld run lispr, host1 and host2 are
Linux hosts (the plan: samples/README, or lab.sh plan).  lisp1 and lisp2
have no default route: what LISP does not map goes to the proxy ETR
(mapserver, 10.0.3.1), and mapserver is the proxy ITR into the EID space.

  sh scripts/lab.sh attach lisp1       lisp1's shell (enable secret: lisp);
                                         any router, or a host's bash
  sh scripts/lab.sh exec host1 ping -c 3 4.2.2.2
  sh scripts/lab.sh exec lisp1 show ip route
  sh scripts/lab.sh status             routers, hosts and a ping matrix
  sh scripts/lab.sh down               stop it and remove every namespace

Try on lisp1 (README: "Seed 2" walks through it):
  show ip lisp                        roles, map-resolver, map-server, PETR
  show ip route                       no default route, a /32 to the PETR
  ping 4.2.2.2 source Loopback0       Map-Request, negative reply 0.0.0.0/1,
                                        then encapsulated to the proxy ETR
  show ip lisp map-cache              'Encapsulating to proxy ETR'
  show ip cef 4.2.2.2                 fwd native via petr, nexthop 10.0.3.1
  ping 192.168.2.1 source Loopback0   EID to EID: resolved, then encapsulated
  terminal monitor / debug lisp control-plane all
(ping 4.2.2.2 without a source leaves from 10.0.1.2, not an EID: no route.)
Seed 1 (native forwarding with a default route, README: "Seed 1"):
  sh scripts/lab.sh down && sh scripts/lab.sh up seed1
EOF
if [ -t 0 ] && [ -t 1 ]; then
	echo
	exec sh scripts/lab.sh attach lisp1
fi
echo
echo "lisp1# ping 4.2.2.2 source Loopback0"
sh scripts/lab.sh exec lisp1 ping 4.2.2.2 source Loopback0

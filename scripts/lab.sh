#!/bin/bash
# DOC: the reference lab: the seed write-ups' topology in network namespaces
#
#   lab.sh up [seed1|tenants|ddt] | down | status | plan [tenants|ddt] |
#          attach NODE | exec NODE [COMMAND...]
#
# One namespace per node, named $LAB_PREFIX-NODE (default prefix "lispr"):
# the routers lisp1, lisp2, mapserver and outsideworld each run one lispr
# with samples/NODE.conf as its startup-config (the final state of both
# seeds), or with samples/seed1/NODE.conf after 'up seed1' (seed 001's
# final state); host1 and host2 are plain Linux stacks.  veth pairs join them as the samples' address plan says.
# 'up tenants' starts the multi-tenant lab instead (samples/tenants/): the
# same routers and router links, two tenants at each site (VRFs RED and
# BLUE bound to LISP instances 101 and 102, the same EID prefixes in both),
# each on its own LAN interface with its own host: red1, blue1 behind
# lisp1, red2, blue2 behind lisp2.
# 'up ddt' starts the LISP-DDT lab (samples/ddt/, its plan in x1.conf): six
# routers, no hosts: a DDT root (root), a stand-alone DDT Map-Resolver (mr,
# also the IPv4 hub), two Map-Servers (ms, ms2) each the first delegate of
# one site's prefix and the other's peer, and two xTRs (x1, x2) that
# register with both.
# The kernel in a router namespace has no IPv4 address on the veths lispr
# owns, no IPv6 (disabled in the namespace and on every veth), and answers
# no ARP: the router in user space is the only one on the wire.  The lab is
# dual-stack when the samples are (samples/*.conf; seed1/ is IPv4 only): a
# host gets its IPv6 address and default route when the router on its LAN
# runs 'ipv6 unicast-routing'.  Nothing touches the root namespace's interfaces, so no
# lab traffic can leave the lab.
#
# Environment: LAB_PREFIX (namespace prefix), LISPR (the binary; default
# the quick start's build, then ./lispr, then PATH), LAB_RUN (state: the
# routers' configs, logs and pid files; default /run/$LAB_PREFIX-lab),
# LAB_SAMPLES (a directory of NODE.conf files; overrides 'up' and 'up
# seed1', default samples/ next to this script), LAB_ENABLE (the
# samples' enable secret), LAB_KEEP_LOGS=1 (down leaves the routers' logs).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
export LC_ALL=C

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
top=$(dirname "$(dirname "$SELF")")
PREFIX=${LAB_PREFIX:-lispr}
RUN=${LAB_RUN:-/run/$PREFIX-lab}
ENABLE=${LAB_ENABLE:-lisp}
VTY_PORT=2650
ROUTERS="lisp1 lisp2 mapserver outsideworld"
HOSTS="host1 host2"
# Every host any state has ('down' removes whichever exist).
ALL_HOSTS="host1 host2 red1 blue1 red2 blue2"
TOPOLOGY=reference

# The wiring, one veth pair a line: node interface address/len, both ends,
# and for a tenant's LAN its MAC tag (below).  The router ends' addresses
# live in samples/NODE.conf (lab.sh plan and tests/lab/test_lab.sh check
# that the two agree); here they name the MACs.
LINKS="lisp1 Ethernet0 10.0.1.2/24 mapserver Ethernet0 10.0.1.1/24
lisp2 Ethernet0 10.0.2.2/24 mapserver Ethernet1 10.0.2.1/24
mapserver Ethernet2 10.0.3.1/24 outsideworld Ethernet0 10.0.3.2/24
lisp1 Ethernet1 192.168.1.65/26 host1 eth0 192.168.1.100/26
lisp2 Ethernet1 192.168.2.65/26 host2 eth0 192.168.2.100/26"
GATEWAYS="host1 192.168.1.65
host2 192.168.2.65"
# The IPv6 plan, one address a line (samples/README): node interface
# address/len, the router ends as in the dual-stack samples/NODE.conf;
# then each host's IPv6 gateway and the router that is it.
LINKS6="lisp1 Ethernet0 fd00:10:0:1::2/64
mapserver Ethernet0 fd00:10:0:1::1/64
lisp2 Ethernet0 fd00:10:0:2::2/64
mapserver Ethernet1 fd00:10:0:2::1/64
mapserver Ethernet2 fd00:10:0:3::1/64
outsideworld Ethernet0 fd00:10:0:3::2/64
lisp1 Ethernet1 2001:db8:1:64::65/64
host1 eth0 2001:db8:1:64::100/64
lisp2 Ethernet1 2001:db8:2:64::65/64
host2 eth0 2001:db8:2:64::100/64"
GATEWAYS6="host1 2001:db8:1:64::65 lisp1
host2 2001:db8:2:64::65 lisp2"
# What 'status' pings: one address per node (hosts' own, routers' loopback
# or, for mapserver, its MS/MR address).
TARGETS="host1 192.168.1.100
host2 192.168.2.100
lisp1 192.168.1.1
lisp2 192.168.2.1
mapserver 10.0.3.1
outsideworld 4.2.2.2"
TARGETS6="host1 2001:db8:1:64::100
host2 2001:db8:2:64::100
lisp1 2001:db8:1::1
lisp2 2001:db8:2::1
mapserver fd00:10:0:3::1
outsideworld 2001:4860:4860::8888"
# The ping matrices 'status' prints: a title, the VRF the routers ping in
# ("-": the default table), then the rows (nodes that ping) and the
# targets' variable.  One matrix a line.
MATRICES="ping|-|HOSTS ROUTERS|TARGETS"
# The tenants: MAC tag (the second byte of a tenant LAN's MACs: the
# instance ID's low byte), VRF, instance ID.
TENANTS=""

# The multi-tenant lab (samples/tenants/, 'up tenants'): the reference
# routers and router links; at each site one LAN per tenant, on its own
# router interface in the tenant's VRF, with the same addresses in both.
topology_tenants() {
	TOPOLOGY=tenants
	HOSTS="red1 blue1 red2 blue2"
	LINKS="lisp1 Ethernet0 10.0.1.2/24 mapserver Ethernet0 10.0.1.1/24
lisp2 Ethernet0 10.0.2.2/24 mapserver Ethernet1 10.0.2.1/24
mapserver Ethernet2 10.0.3.1/24 outsideworld Ethernet0 10.0.3.2/24
lisp1 Ethernet1 192.168.1.65/26 red1 eth0 192.168.1.100/26 65
lisp1 Ethernet2 192.168.1.65/26 blue1 eth0 192.168.1.100/26 66
lisp2 Ethernet1 192.168.2.65/26 red2 eth0 192.168.2.100/26 65
lisp2 Ethernet2 192.168.2.65/26 blue2 eth0 192.168.2.100/26 66"
	GATEWAYS="red1 192.168.1.65
blue1 192.168.1.65
red2 192.168.2.65
blue2 192.168.2.65"
	LINKS6="" GATEWAYS6="" TARGETS6=""
	TENANTS="65 RED 101
66 BLUE 102"
	# The underlay (the routers' default table, the RLOCs and the
	# mapping system), then each tenant inside its VRF.
	TARGETS="lisp1 10.0.1.2
lisp2 10.0.2.2
mapserver 10.0.3.1
outsideworld 4.2.2.2"
	TARGETS_RED="red1 192.168.1.100
red2 192.168.2.100
lisp1 192.168.1.1
lisp2 192.168.2.1"
	TARGETS_BLUE="blue1 192.168.1.100
blue2 192.168.2.100
lisp1 192.168.1.1
lisp2 192.168.2.1"
	MATRICES="underlay (default table) ping|-|ROUTERS|TARGETS
tenant RED (VRF RED, instance 101) ping|RED|red1 red2 lisp1 lisp2|TARGETS_RED
tenant BLUE (VRF BLUE, instance 102) ping|BLUE|blue1 blue2 lisp1 lisp2|TARGETS_BLUE"
}

# The DDT lab (samples/ddt/, 'up ddt'): mr is every link's hub.
topology_ddt() {
	TOPOLOGY=ddt
	ROUTERS="x1 mr root ms ms2 x2"
	HOSTS=""
	LINKS="x1 Ethernet0 10.0.1.2/24 mr Ethernet0 10.0.1.1/24
mr Ethernet1 10.0.4.1/24 root Ethernet0 10.0.4.2/24
mr Ethernet2 10.0.6.1/24 ms Ethernet0 10.0.6.2/24
mr Ethernet3 10.0.7.1/24 ms2 Ethernet0 10.0.7.2/24
mr Ethernet4 10.0.2.1/24 x2 Ethernet0 10.0.2.2/24"
	GATEWAYS="" LINKS6="" GATEWAYS6="" TARGETS6=""
	TARGETS="x1 10.0.1.2
x2 10.0.2.2
mr 10.0.1.1
root 10.0.4.2
ms 10.0.6.2
ms2 10.0.7.2"
	MATRICES="underlay ping|-|ROUTERS|TARGETS"
}

# Every router any state has ('down' stops whichever run).
ALL_ROUTERS="lisp1 lisp2 mapserver outsideworld x1 mr root ms ms2 x2"

# The topology of the lab that runs, as 'up' recorded it.
load_topology() {
	case "$(cat "$RUN/topology" 2>/dev/null)" in
	tenants) topology_tenants ;;
	ddt) topology_ddt ;;
	esac
	return 0
}

say() { printf '%s\n' "$*"; }
die() { printf 'lab: %s\n' "$*" >&2; exit 1; }
ns_of() { printf '%s-%s' "$PREFIX" "$1"; }
is_router() { case " $ROUTERS " in *" $1 "*) return 0;; esac; return 1; }
is_host() { case " $HOSTS " in *" $1 "*) return 0;; esac; return 1; }
ns_exists() { [ -e "/run/netns/$(ns_of "$1")" ]; }

# 02:00 followed by the IPv4 address, as in samples/lisp-seed.pcap; a
# tenant's LAN: 02, its tag (the instance ID's low byte), the address.
mac_of() {	# address [tag]
	local IFS=./ tag=${2:-00}
	set -- $1
	printf '02:%s:%02x:%02x:%02x:%02x' "$tag" "$1" "$2" "$3" "$4"
}

# The EUI-64 link-local address of a MAC (RFC 4291 appendix A: the
# universal/local bit inverted, ff:fe in the middle).
ll_of() {
	local IFS=: g
	set -- $1
	# (the last three groups are never zero: RFC 5952's '::' takes in
	# the first too when it is)
	g=$(((0x$1 ^ 2) * 256 + 0x$2))
	[ "$g" = 0 ] && g="" || g=$(printf '%x:' "$g")
	printf 'fe80::%s%x:%x:%x' "$g" $((0x$3 * 256 + 0xff)) $((0xfe * 256 + 0x$4)) $((0x$5 * 256 + 0x$6))
}

# Whether the router's sample runs IPv6 (the lab is dual-stack there).
v6_router() {	# router
	grep -q '^ipv6 unicast-routing' "$SAMPLES/$1.conf" 2>/dev/null
}

host_v6() {	# host: dual-stack when the router on its LAN runs IPv6
	local a ba b
	while read -r a ba b; do
		[ "$a" = "$1" ] && { v6_router "$b"; return; }
	done <<EOF
$GATEWAYS6
EOF
	return 1
}

need_root() {
	[ "$(id -u)" = 0 ] || die "run as root (namespaces and veth links need it)"
	command -v ip >/dev/null 2>&1 || die "'ip' (iproute2) is missing"
}

find_lispr() {
	local c
	for c in "${LISPR:-}" "$top/_build/run/lispr" "$top/lispr" "$(command -v lispr 2>/dev/null)"; do
		[ -n "$c" ] && [ -x "$c" ] && { (cd "$(dirname "$c")" && printf '%s/%s' "$(pwd)" "$(basename "$c")"); return 0; }
	done
	die "no lispr binary: build it (sh scripts/quickstart.sh) or set LISPR"
}

pid_of() {	# router: its lispr's pid, if that process is still the lab's
	local pid
	[ -r "$RUN/$1.pid" ] || return 1
	read -r pid <"$RUN/$1.pid" 2>/dev/null || return 1
	case $pid in ''|*[!0-9]*) return 1;; esac
	# (a router that died leaves no /proc entry: say nothing about it)
	{ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "-f $RUN/$1.conf" || return 1
	printf '%s' "$pid"
}

# ---------------------------------------------------------------- vty client
# Runs inside the router's namespace ('lab.sh _vty HOSTNAME', commands on
# standard input): one telnet session to 127.0.0.1, a prompt awaited before
# every line, as a person would type.  Prints each command's output; exits 1
# when one printed a '%' error line, 2 when the session broke.
vty_buf=""
vty_read() {	# pattern seconds: read until the buffer matches
	local chunk rc end=$((SECONDS + $2))
	while ! [[ $vty_buf =~ $1 ]]; do
		[ "$SECONDS" -lt "$end" ] || return 1
		chunk=""
		IFS= read -r -d '' -t 0.05 -u 3 chunk 2>/dev/null
		rc=$?
		[ "$rc" -eq 1 ] && [ -z "$chunk" ] && return 1	# closed
		# Telnet negotiation (IAC WILL/WONT/DO/DONT option) and CRs.
		chunk=${chunk//$'\xff'[$'\xfb'-$'\xfe']?/}
		vty_buf+=${chunk//$'\r'/}
	done
}

vty_client() {
	local host=$1 prompt line out rc=0 t
	# Any hostname: a command may change it.
	prompt="(^|"$'\n'")[A-Za-z0-9._-]+(\\([a-z0-9-]+\\))?[>#] ?\$"
	{ exec 3<>"/dev/tcp/127.0.0.1/$VTY_PORT"; } 2>/dev/null || { echo "lab: $host: no vty on port $VTY_PORT" >&2; return 2; }
	# Bounds for a router that stopped answering, generous for a busy one.
	t=${LAB_VTY_TIMEOUT:-30}
	vty_read "$prompt" "$t" || { echo "lab: $host: no prompt" >&2; return 2; }
	vty_buf=""
	printf 'terminal length 0\r\n' >&3
	vty_read "$prompt" "$t" || return 2
	vty_buf=""
	printf 'enable\r\n' >&3
	vty_read "(Password: |$prompt)" "$t" || return 2
	if [[ $vty_buf =~ Password:\ $ ]]; then
		vty_buf=""
		printf '%s\r\n' "$ENABLE" >&3
		vty_read "(Password: |$prompt)" "$t"
	fi
	[[ $vty_buf =~ \#\ ?$ ]] || { echo "lab: $host: enable failed (the secret is LAB_ENABLE)" >&2; return 2; }
	while IFS= read -r line; do
		[ -n "${line//[[:space:]]/}" ] || continue
		vty_buf=""
		printf '%s\r\n' "$line" >&3
		# A ping of 10000 probes can take long; a dead router cannot.
		vty_read "$prompt" "${LAB_CMD_TIMEOUT:-300}" || { printf '%s' "$vty_buf"; echo "lab: $host: no prompt after '$line'" >&2; return 2; }
		out=${vty_buf#*$'\n'}			# the echoed command line
		[[ $out == *$'\n'* ]] && out=${out%$'\n'*} || out=""	# the prompt
		out=${out%$'\n'}
		# An error's '^' marker points into the line typed: show it.
		[[ $'\n'$out =~ $'\n'% ]] && { rc=1; printf '%s#%s\n' "$host" "$line"; }
		[ -n "$out" ] && printf '%s\n' "$out"
	done
	# Read to the end: closing with output unread resets the session,
	# and the router would log the reset.
	printf 'exit\r' >&3
	vty_read '$^' 3
	exec 3>&-
	return $rc
}

# ---------------------------------------------------------------- up
node_sysctls() {	# node
	local ns
	ns=$(ns_of "$1")
	if is_host "$1" && host_v6 "$1"; then
		# A dual-stack host: the kernel's IPv6, its address usable at
		# once (no DAD to wait for: the plan has no duplicates) and no
		# router advertisement heeded (the routers send none; the
		# default route is static).
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
			net.ipv6.conf.default.disable_ipv6=0 net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_ra=0 \
			net.ipv6.conf.default.accept_ra=0 >/dev/null 2>&1 || return 1
		return 0
	fi
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 >/dev/null 2>&1 || true
	is_router "$1" || return 0
	# The kernel must stay silent on the router's wires: no forwarding,
	# no ARP replies, no echo replies (it has no IPv4 address there
	# anyway, so it answers nothing else either).
	ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=0 \
		net.ipv4.conf.all.arp_ignore=8 net.ipv4.conf.default.arp_ignore=8 \
		net.ipv4.icmp_echo_ignore_all=1 >/dev/null
}

make_links() {
	local a ai aa b bi ba tag
	while read -r a ai aa b bi ba tag; do
		ip -n "$(ns_of "$a")" link add "$ai" address "$(mac_of "${aa%/*}" "$tag")" type veth \
			peer name "$bi" address "$(mac_of "${ba%/*}" "$tag")" netns "$(ns_of "$b")" || return 1
		# lispr owns a router's veths: its kernel keeps no IPv6 there
		# (else both would answer for the same EUI-64 link-local).
		is_router "$a" && { no_v6 "$a" "$ai" || return 1; }
		is_router "$b" && { no_v6 "$b" "$bi" || return 1; }
		ip -n "$(ns_of "$a")" link set "$ai" up && ip -n "$(ns_of "$b")" link set "$bi" up || return 1
		is_host "$a" && { host_addr "$a" "$ai" "$aa" || return 1; }
		is_host "$b" && { host_addr "$b" "$bi" "$ba" || return 1; }
	done <<EOF
$LINKS
EOF
	while read -r a ba; do
		[ -n "$a" ] || continue		# (no hosts: the DDT lab)
		ip -n "$(ns_of "$a")" route add default via "$ba" || return 1
	done <<EOF
$GATEWAYS
EOF
	while read -r a ai aa; do
		is_host "$a" && host_v6 "$a" || continue
		ip -n "$(ns_of "$a")" addr add "$aa" dev "$ai" nodad || return 1
	done <<EOF
$LINKS6
EOF
	while read -r a ba b; do
		host_v6 "$a" || continue
		ip -n "$(ns_of "$a")" -6 route add default via "$ba" || return 1
	done <<EOF
$GATEWAYS6
EOF
}

no_v6() {	# router interface
	ip netns exec "$(ns_of "$1")" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1" >/dev/null 2>&1
}

offload_warned=0
host_addr() {	# host interface address/len
	ip -n "$(ns_of "$1")" addr add "$3" dev "$2" || return 1
	# A host's kernel leaves TCP and UDP checksums to the veth "hardware"
	# and hands it segments up to 64 KB; a router that captures frames
	# must get finished ones.  (ICMP is always complete.)
	if command -v ethtool >/dev/null 2>&1; then
		ip netns exec "$(ns_of "$1")" ethtool -K "$2" tx off tso off gso off >/dev/null 2>&1 || true
	elif [ $offload_warned = 0 ]; then
		offload_warned=1
		say "note: no ethtool: the hosts keep checksum offload, so TCP and UDP between them fail (ping works)"
	fi
}

start_router() {	# node lispr
	local ns
	ns=$(ns_of "$1")
	cp "$SAMPLES/$1.conf" "$RUN/$1.conf" || return 1
	rm -f "$RUN/$1.pid"
	# Detached rather than -d: the router's log and any sanitizer report
	# stay in $RUN/NODE.log.
	setsid ip netns exec "$ns" "$2" -f "$RUN/$1.conf" -i "$RUN/$1.pid" \
		-A 127.0.0.1 -P "$VTY_PORT" </dev/null >"$RUN/$1.log" 2>&1 &
}

wait_router() {	# node: pid file written and the vty answering (LAB_START_TIMEOUT s)
	local end=$((SECONDS + ${LAB_START_TIMEOUT:-60}))
	# A bound for a router that never comes up, not a schedule: a busy
	# machine (or a sanitizer build) may take many seconds to start one.
	while [ "$SECONDS" -lt "$end" ]; do
		if pid_of "$1" >/dev/null &&
		   ip netns exec "$(ns_of "$1")" bash "$SELF" _vty "$1" </dev/null >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.2
	done
	return 1
}

state_of() {	# the samples the running lab started from, as 'up' stored it
	cat "$RUN/state" 2>/dev/null || printf 'unknown (not started by this lab.sh)'
}

cmd_up() {
	local n lispr bad=0 state
	need_root
	case ${1:-} in
	'')	SAMPLES=$top/samples; state="final (both seeds' final state, samples/)" ;;
	seed1)	SAMPLES=$top/samples/seed1; state="seed1 (seed 001's final state, samples/seed1/)" ;;
	tenants)
		SAMPLES=$top/samples/tenants
		state="tenants (VRFs RED and BLUE in LISP instances 101 and 102, samples/tenants/)"
		;;
	ddt)	SAMPLES=$top/samples/ddt
		state="ddt (DDT root, DDT Map-Resolver, two Map-Server peers, two xTRs, samples/ddt/)"
		;;
	*)	usage >&2; exit 2 ;;
	esac
	if [ -n "${LAB_SAMPLES:-}" ]; then
		SAMPLES=$LAB_SAMPLES
		state="LAB_SAMPLES=$LAB_SAMPLES"
		[ "${1:-}" = tenants ] && state="tenants, $state"
		[ "${1:-}" = ddt ] && state="ddt, $state"
	fi
	for n in $ALL_ROUTERS $ALL_HOSTS; do
		ns_exists "$n" || continue
		load_topology
		for n in $ROUTERS; do pid_of "$n" >/dev/null || bad=1; done
		[ $bad = 0 ] && { say "lab '$PREFIX' is already up: $(state_of) (lab.sh down to stop it)"; return 0; }
		die "lab '$PREFIX' is partly up: run 'lab.sh down' first"
	done
	[ "${1:-}" = tenants ] && topology_tenants
	[ "${1:-}" = ddt ] && topology_ddt
	lispr=$(find_lispr) || exit 1
	for n in $ROUTERS; do
		[ -r "$SAMPLES/$n.conf" ] || die "missing $SAMPLES/$n.conf"
	done
	mkdir -p "$RUN" || die "cannot create $RUN"
	trap 'cmd_down >/dev/null 2>&1' EXIT
	printf '%s\n' "$state" >"$RUN/state" && printf '%s\n' "$TOPOLOGY" >"$RUN/topology" ||
		die "cannot write $RUN/state"
	say "lab '$PREFIX': namespaces $(ns_of '*'), lispr $lispr"
	say "  samples: $state"
	for n in $ROUTERS $HOSTS; do
		ip netns add "$(ns_of "$n")" || die "cannot create namespace $(ns_of "$n")"
		ip -n "$(ns_of "$n")" link set lo up || die "$n: loopback"
		node_sysctls "$n" || die "$n: sysctl failed"
	done
	make_links || die "cannot build the veth links"
	for n in $ROUTERS; do start_router "$n" "$lispr" || die "$n: cannot start lispr"; done
	for n in $ROUTERS; do
		if ! wait_router "$n"; then
			sed 's/^/  /' "$RUN/$n.log" >&2
			die "$n: lispr did not come up (its log is above)"
		fi
		# Lines the router refused in its startup-config mean the lab
		# is not the one the samples describe.
		if grep -q "rejected\|^%\|: line [0-9]" "$RUN/$n.log"; then
			sed 's/^/  /' "$RUN/$n.log" >&2
			die "$n: $SAMPLES/$n.conf does not load cleanly"
		fi
		say "  $n: lispr pid $(pid_of "$n"), vty 127.0.0.1:$VTY_PORT in $(ns_of "$n")"
	done
	for n in $HOSTS; do
		say "  $n: $(ip -n "$(ns_of "$n")" -4 -o addr show dev eth0 | awk '{print $4}'), default via $(ip -n "$(ns_of "$n")" route show default | awk '{print $3}')"
		host_v6 "$n" &&
			say "  $n: $(ip -n "$(ns_of "$n")" -6 -o addr show dev eth0 scope global | awk '{print $4}'), default via $(ip -n "$(ns_of "$n")" -6 route show default | awk '{print $3}')"
	done
	trap - EXIT
	say "lab '$PREFIX' is up"
}

# ---------------------------------------------------------------- down
cmd_down() {
	local n ns pid pids i alive end
	need_root
	pids=""
	for n in $ALL_ROUTERS; do
		pid=$(pid_of "$n") || continue
		kill -TERM "$pid" 2>/dev/null && pids="$pids $n:$pid"
	done
	# A router writes its sanitizer report (if any) as it exits: give it
	# time on a busy machine before it is killed.
	end=$((SECONDS + ${LAB_STOP_TIMEOUT:-30}))
	while [ "$SECONDS" -lt "$end" ]; do
		alive=0
		for pid in $pids; do kill -0 "${pid#*:}" 2>/dev/null && alive=1; done
		[ $alive = 0 ] && break
		sleep 0.1
	done
	for pid in $pids; do
		kill -KILL "${pid#*:}" 2>/dev/null && say "  ${pid%:*}: lispr ${pid#*:} did not stop on SIGTERM: killed"
	done
	for n in $ALL_ROUTERS $ALL_HOSTS; do
		ns_exists "$n" || continue
		ns=$(ns_of "$n")
		# Whatever else runs in the lab (a capture, a shell from
		# 'attach') would keep the namespace and its links alive.
		pids=$(ip netns pids "$ns" 2>/dev/null)
		if [ -n "$pids" ]; then
			kill -TERM $pids 2>/dev/null
			end=$((SECONDS + 10))
			while [ "$SECONDS" -lt "$end" ] && [ -n "$(ip netns pids "$ns" 2>/dev/null)" ]; do sleep 0.1; done
			pids=$(ip netns pids "$ns" 2>/dev/null)
			[ -z "$pids" ] || kill -KILL $pids 2>/dev/null
		fi
		ip netns del "$ns" || say "  cannot delete namespace $ns"
	done
	for n in $ALL_ROUTERS; do
		rm -f "$RUN/$n.conf" "$RUN/$n.pid"
		[ "${LAB_KEEP_LOGS:-0}" = 1 ] || rm -f "$RUN/$n.log"
	done
	rm -f "$RUN/state" "$RUN/topology"
	[ -d "$RUN" ] && rmdir "$RUN" 2>/dev/null
	say "lab '$PREFIX' is down"
}

# ---------------------------------------------------------------- status
# The IPv4 address (LINKS) of a node's interface.
addr4_of() {	# node interface
	local a ai aa b bi ba tag
	while read -r a ai aa b bi ba tag; do
		[ "$a $ai" = "$1 $2" ] && { printf '%s' "${aa%/*}"; return 0; }
		[ "$b $bi" = "$1 $2" ] && { printf '%s' "${ba%/*}"; return 0; }
	done <<EOF
$LINKS
EOF
	return 1
}

ping_cell() {	# exit status of a 2-probe ping -> mark
	[ "$1" = 0 ] && printf '!' || printf '.'
}

cmd_status() {
	local n ns pid tmp v6="" title vrf rows tv tv6 i first
	need_root
	load_topology
	# The running copies of the samples say whether the lab is dual-stack.
	SAMPLES=$RUN
	[ -n "$LINKS6" ] && v6_router lisp1 && v6=1
	first=${ROUTERS%% *}
	say "lab '$PREFIX' (state in $RUN)"
	ns_exists "$first" && say "  samples: $(state_of)"
	for n in $ROUTERS $HOSTS; do
		ns=$(ns_of "$n")
		if ! ns_exists "$n"; then
			printf '  %-13s no namespace %s\n' "$n" "$ns"
			continue
		fi
		if is_router "$n"; then
			pid=$(pid_of "$n") && printf '  %-13s %s: lispr pid %s\n' "$n" "$ns" "$pid" ||
				printf '  %-13s %s: lispr NOT RUNNING\n' "$n" "$ns"
		else
			printf '  %-13s %s: %s\n' "$n" "$ns" "$(ip -n "$ns" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')"
		fi
	done
	ns_exists "$first" || return 1
	tmp=$(mktemp -d) || return 1
	# Every source of every matrix at once: hosts with the kernel's ping,
	# routers with their own (one vty session a matrix), 3 probes a
	# target, each given 2 s (the first may be lost while ARP or LISP
	# resolves, and the machine may be busy).
	i=0
	while IFS='|' read -r title vrf rows tv; do
		i=$((i + 1))
		rows=$(expand_rows "$rows") tv6=${tv}6
		launch m$i "" "$vrf" "$rows" "${!tv}"
		[ -n "$v6" ] && launch m$i.6 6 "$vrf" "$rows" "${!tv6}"
	done <<EOF
$MATRICES
EOF
	wait
	i=0
	while IFS='|' read -r title vrf rows tv; do
		i=$((i + 1))
		rows=$(expand_rows "$rows") tv6=${tv}6
		matrix m$i "$title" "$rows" "${!tv}"
		[ -n "$v6" ] && matrix m$i.6 "IPv6 $title" "$rows" "${!tv6}"
	done <<EOF
$MATRICES
EOF
	rm -rf "$tmp"
}

expand_rows() {	# words: node names, and variables (upper case) that list nodes
	local w out=""
	for w in $1; do
		case $w in
		*[a-z]*) out="$out $w" ;;
		*) out="$out ${!w}" ;;
		esac
	done
	printf '%s' "$out"
}

launch() {	# key family(""|6) vrf(-: default) rows targets: the pings, in the background
	local key=$1 p6="" r6="" vrf="" n t a
	[ "$2" = 6 ] && { p6=-6; r6="ipv6 "; }
	[ "$3" = - ] || vrf="vrf $3 "
	for n in $4; do
		ns_exists "$n" || continue
		if is_host "$n"; then
			while read -r t a; do
				(ip netns exec "$(ns_of "$n")" ping $p6 -c 3 -i 0.5 -W 2 -q "$a" >/dev/null 2>&1
				 ping_cell $? >"$tmp/$key.$n.$t") &
			done <<EOF
$5
EOF
		else
			pid_of "$n" >/dev/null || continue
			(while read -r t a; do echo "ping $vrf$r6$a repeat 3 timeout 2"; done <<EOF
$5
EOF
			) | LAB_CMD_TIMEOUT=60 ip netns exec "$(ns_of "$n")" bash "$SELF" _vty "$n" >"$tmp/$key.$n.vty" 2>&1 &
		fi
	done
}

matrix() {	# key title rows targets: one ping matrix
	local n t a row cells out i c
	say ""
	say "$2 matrix ('!' answered, '.' no answer, '?' not asked): from \\ to"
	row=$(printf '%-13s' "")
	while read -r t a; do row="$row $(printf '%-12s' "$t")"; done <<EOF
$4
EOF
	say "${row%"${row##*[! ]}"}"
	for n in $3; do
		cells=""
		if is_router "$n"; then
			out=$(grep "Success rate" "$tmp/$1.$n.vty" 2>/dev/null)
		fi
		i=0
		while read -r t a; do
			i=$((i + 1))
			if is_host "$n"; then
				c=$(cat "$tmp/$1.$n.$t" 2>/dev/null || printf '?')
			else
				c=$(printf '%s\n' "$out" | sed -n "${i}p" | awk '{ if ($0 == "") print "?"; else if ($4 + 0 > 0) print "!"; else print "." }')
				[ -n "$c" ] || c="?"
			fi
			cells="$cells $(printf '%-12s' "$c")"
		done <<EOF
$4
EOF
		printf '%-13s%s\n' "$n" "$cells" | sed 's/ *$//'
	done
}

# ---------------------------------------------------------------- the rest
cmd_plan() {
	local a ai aa b bi ba tag t
	case ${1:-} in
	'')	load_topology ;;
	tenants) topology_tenants ;;
	ddt)	topology_ddt ;;
	*)	usage >&2; exit 2 ;;
	esac
	if [ "$TOPOLOGY" = ddt ]; then
		printf '%-13s %-10s %-18s %s\n' node interface address MAC
		while read -r a ai aa b bi ba tag; do
			printf '%-13s %-10s %-18s %s\n' "$a" "$ai" "$aa" "$(mac_of "${aa%/*}")"
			printf '%-13s %-10s %-18s %s\n' "$b" "$bi" "$ba" "$(mac_of "${ba%/*}")"
		done <<EOF | sort -s -k1,1
$LINKS
EOF
		say ""
		say "roles (samples/ddt/x1.conf): root, DDT root for 192.168.0.0/16; mr, DDT Map-Resolver"
		say "(ddt root 10.0.4.2); ms and ms2, Map-Servers, DDT leaves and peers; x1 (192.168.1.0/24)"
		say "and x2 (192.168.2.0/24), xTRs registering with both and resolving through mr"
	elif [ "$TOPOLOGY" = tenants ]; then
		# A tenant's LAN: the VRF of the router end, the tenant of both.
		printf '%-13s %-10s %-18s %-17s %s\n' node interface address MAC tenant
		while read -r a ai aa b bi ba tag; do
			t=-
			[ -n "$tag" ] && t=$(printf '%s\n' "$TENANTS" | awk -v g="$tag" '$1 == g { print $2 " (VRF " $2 ", instance-id " $3 ")" }')
			printf '%-13s %-10s %-18s %-17s %s\n' "$a" "$ai" "$aa" "$(mac_of "${aa%/*}" "$tag")" "$t"
			printf '%-13s %-10s %-18s %-17s %s\n' "$b" "$bi" "$ba" "$(mac_of "${ba%/*}" "$tag")" "$t"
		done <<EOF | sort -s -k1,1
$LINKS
EOF
	else
		printf '%-13s %-10s %-18s %s\n' node interface address MAC
		while read -r a ai aa b bi ba tag; do
			printf '%-13s %-10s %-18s %s\n' "$a" "$ai" "$aa" "$(mac_of "${aa%/*}")"
			printf '%-13s %-10s %-18s %s\n' "$b" "$bi" "$ba" "$(mac_of "${ba%/*}")"
		done <<EOF | sort -s -k1,1
$LINKS
EOF
		# IPv6: the dual-stack samples' addresses, and each veth end's
		# link-local address (lispr's and the hosts' kernels' alike).
		say ""
		say "IPv6 (samples/*.conf; seed1/ is IPv4 only):"
		printf '%-13s %-10s %-23s %s\n' node interface "IPv6 address" link-local
		while read -r a ai aa; do
			printf '%-13s %-10s %-23s %s\n' "$a" "$ai" "$aa" "$(ll_of "$(mac_of "$(addr4_of "$a" "$ai")")")"
		done <<EOF | sort -s -k1,1
$LINKS6
EOF
	fi
	# The wiring is the same in the reference states; say which one
	# runs, if any.
	say ""
	if [ -r "$RUN/state" ]; then
		say "lab '$PREFIX' runs the samples: $(state_of)"
	else
		say "lab '$PREFIX' is not running ('up': the final state, 'up seed1': seed 001's, 'up tenants': the tenants', 'up ddt': the DDT lab)"
	fi
}

cmd_attach() {
	local n=${1:-lisp1}
	need_root
	load_topology
	ns_exists "$n" || die "no node '$n' in lab '$PREFIX' (lab.sh up first; nodes: $ROUTERS $HOSTS)"
	if is_router "$n"; then
		command -v telnet >/dev/null 2>&1 || die "telnet is missing (apt-get install telnet)"
		say "$n's shell (enable secret '$ENABLE'); leave with 'exit', or Ctrl-] then 'quit'"
		exec ip netns exec "$(ns_of "$n")" telnet 127.0.0.1 "$VTY_PORT"
	fi
	say "a shell on $n; leave with 'exit'"
	exec ip netns exec "$(ns_of "$n")" env PS1="$n\$ " bash --norc -i
}

cmd_exec() {
	local n=${1:-}
	need_root
	[ -n "$n" ] || die "usage: lab.sh exec NODE [COMMAND...]"
	shift
	load_topology
	ns_exists "$n" || die "no node '$n' in lab '$PREFIX'"
	if is_host "$n"; then
		[ $# -gt 0 ] || die "usage: lab.sh exec $n COMMAND..."
		exec ip netns exec "$(ns_of "$n")" "$@"
	fi
	# A router: the words make one shell command; without any, one
	# command a line from standard input.
	if [ $# -gt 0 ]; then
		printf '%s\n' "$*" | ip netns exec "$(ns_of "$n")" bash "$SELF" _vty "$n"
	else
		ip netns exec "$(ns_of "$n")" bash "$SELF" _vty "$n"
	fi
}

usage() {
	cat <<EOF
Usage: lab.sh COMMAND
  up                 create the lab's namespaces and links, start the routers
                     with samples/*.conf (the final state of both seeds)
  up seed1           the same with samples/seed1/*.conf (seed 001's final
                     state: default routes, no proxy ETR/ITR)
  up tenants         the multi-tenant lab, samples/tenants/*.conf: two
                     tenants (VRFs RED and BLUE, LISP instances 101 and
                     102) with the same EID prefixes; hosts red1, blue1
                     (site 1), red2, blue2 (site 2)
  up ddt             the LISP-DDT lab, samples/ddt/*.conf: a DDT root, a
                     stand-alone DDT Map-Resolver (mr), two Map-Servers (ms,
                     ms2: each site's prefix delegated to its own first, the
                     other its peer) and two xTRs (x1, x2) registering with
                     both; routers only, no hosts
  down               stop everything the lab started and remove it (idempotent)
  status             namespaces, routers, and a ping matrix between all nodes
                     (tenants: the underlay's, then one a tenant, in its VRF)
  plan [tenants|ddt] the address plan (interfaces, addresses, MACs) of the
                     lab that runs, or of the tenants' or the DDT lab
  attach NODE        a router's shell (telnet to its vty), or a shell on a host
  exec NODE CMD...   one command: a router shell command, or a host program;
                     for a router without CMD, one command a line from stdin
Nodes: $ROUTERS $HOSTS (tenants: red1 blue1 red2 blue2; ddt: x1 mr root ms ms2 x2).  Namespaces: $(ns_of NODE) (LAB_PREFIX).
LAB_SAMPLES=DIR: 'up' starts DIR/NODE.conf instead.
EOF
}

case ${1:-} in
up)	shift; cmd_up "$@" ;;
down)	cmd_down ;;
status)	cmd_status ;;
plan)	shift; cmd_plan "$@" ;;
attach)	shift; cmd_attach "$@" ;;
exec)	shift; cmd_exec "$@" ;;
_vty)	vty_client "$2" ;;
-h|--help|help) usage ;;
*)	usage >&2; exit 2 ;;
esac

/*
 * DOC: the router context
 *
 * One struct router holds all of a running router's state: its event loop
 * and clock, interfaces, ARP cache, FIB, pings in flight and counters.  There
 * is no global state; the shell reaches the router through its libcli
 * context and takes router_lock() around every command, since the loop
 * thread changes the same state as packets arrive.
 *
 * Live: router_new(EV_CLOCK_MONOTONIC), a port factory that opens live
 * ports, router_run().  Offline: router_new(EV_CLOCK_MANUAL), interfaces
 * on file ports, router_run_offline().  Unit tests: memory ports and
 * router_poll().
 */
#ifndef LISPR_ROUTER_H
#define LISPR_ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "port.h"
#include "stats.h"

struct router;
struct iface;

/* Opens the port for 'interface NAME' (not called for LoopbackN/Null0). */
typedef struct port *(*router_port_factory)(void *arg, const char *name,
					    char *err, size_t errlen);

/*
 * A handler for packets addressed to the router with IP protocol 'proto'
 * (ICMP is the router's own).  ip/len is the whole IPv4 packet, already
 * checked.  Return 0 when consumed, -1 to let the router answer with an
 * ICMP port or protocol unreachable.
 */
typedef int (*router_proto_fn)(void *arg, struct iface *in,
			       const uint8_t *ip, size_t len);
/*
 * The IPv6 twin, for packets addressed to one of the router's IPv6
 * addresses whose upper layer is 'proto' (after any extension headers):
 * ip/len is the whole IPv6 packet (payload length checked, padding cut),
 * l4 the offset of the upper-layer header.  Nothing above the IPv6 header
 * is checked (a UDP handler verifies its checksum).  0: consumed; -1: the
 * router answers as it does without a handler (ICMPv6 port unreachable
 * for UDP and TCP, parameter problem otherwise).
 */
typedef int (*router_proto6_fn)(void *arg, struct iface *in,
				const uint8_t *ip, size_t len, size_t l4);

/*
 * The LISP data-plane hook: called for every IPv4 packet in transit (after
 * the TTL check, before the FIB decision; in is the receiving interface)
 * and for every packet the router originates that is not for itself (in is
 * NULL; the TTL is not decremented).  Return 0 when the hook consumed the
 * packet (encapsulated, queued or dropped it), -1 to forward it natively.
 */
typedef int (*router_fwd_hook_fn)(void *arg, struct iface *in,
				  const uint8_t *ip, size_t len);

struct router *router_new(enum ev_clock clock);
/* At most one hook; NULL removes it.  With none set the cost is one test. */
void router_set_fwd_hook(struct router *r, router_fwd_hook_fn fn, void *arg);
/*
 * Its IPv6 twin: every IPv6 packet in transit (after the hop-limit check,
 * before the FIB decision; the hop limit not yet decremented) and every
 * one the router originates that is not for itself (in NULL), ip/len the
 * whole IPv6 packet.  Same return convention; NULL removes it.
 */
void router_set_fwd6_hook(struct router *r, router_fwd_hook_fn fn, void *arg);
/*
 * Packets a feature originates and that are lost after ipv4_output()
 * returned: while router_set_out_owned(r, true) is in effect, what
 * ipv4_output() sends is marked, and a marked packet the router loses
 * later (its next hop's ARP never resolves, the ARP queue is full, the
 * port refuses it) is reported to the hook with the router's drop reason,
 * besides the router's own counter, so the feature can count it as its
 * own.  At most one hook (the LISP engine's control messages); NULL
 * removes it.  router_set_out_owned() returns the previous setting.
 */
typedef void (*router_lost_fn)(void *arg, enum rt_drop why);
void router_set_lost_hook(struct router *r, router_lost_fn fn, void *arg);
bool router_set_out_owned(struct router *r, bool on);
/* A fragment addressed to the router (it does not reassemble: dropped
 * and counted) is shown to this hook first, so a feature can count what
 * it lost (the LISP engine's fragmented control messages); NULL removes.
 * ip is the whole IPv4 or IPv6 packet (an IPv6 one after its checks). */
typedef void (*router_frag_fn)(void *arg, const uint8_t *ip, size_t len);
void router_set_frag_hook(struct router *r, router_frag_fn fn, void *arg);
/* Called after each burst of frames received from one port (live: before
 * the burst's send batch goes out), so a feature can work on what it set
 * aside during the burst in one go (the Map-Server's answers); NULL
 * removes.  router_in_burst(): inside such a burst now. */
typedef void (*router_burst_fn)(void *arg);
void router_set_burst_hook(struct router *r, router_burst_fn fn, void *arg);
bool router_in_burst(const struct router *r);
/* Closes every port and frees everything. */
void router_free(struct router *r);

struct evloop *router_loop(struct router *r);
uint64_t router_now(const struct router *r);
void router_lock(struct router *r);
void router_unlock(struct router *r);

void router_set_port_factory(struct router *r, router_port_factory fn, void *arg);
void router_set_proto_handler(struct router *r, uint8_t proto,
			      router_proto_fn fn, void *arg);
/* At most one per protocol; NULL removes it. */
void router_set_proto6_handler(struct router *r, uint8_t proto,
			       router_proto6_fn fn, void *arg);

/* Receive what every port has queued (memory and file ports); returns the
 * number of frames handled. */
int router_poll(struct router *r);
/*
 * Offline mode: feed every interface's input in timestamp order (the clock
 * follows the timestamps, so timers fire in between) until all inputs are
 * exhausted.  Returns the number of frames read.
 */
uint64_t router_run_offline(struct router *r);
/*
 * Live mode's drain: the event loop's poll hook takes at most 'frames'
 * frames per round from the ports that have them (RX_BUDGET by default,
 * 64 to 65536) before it looks at timers and the shell again.
 */
#define ROUTER_RX_BUDGET	256u
int router_set_rx_budget(struct router *r, unsigned frames);
unsigned router_rx_budget(const struct router *r);
/* Close and open again every attached live port (a new ring geometry
 * or qdisc setting takes effect); frames in the old rings are lost.
 * Returns the number of ports reopened. */
unsigned router_reopen_live_ports(struct router *r);
/*
 * Packet I/O settings ('platform packet-io', cli/cmd_platform.c): the
 * live ports' ring geometry and qdisc bypass (process-wide in pcap/, the
 * router keeps what it was told), the loop's busy polling, the drain
 * budget, and the receive workers: with workers > 1 each live port opens
 * that many receive queues (PACKET_FANOUT by flow) and a thread reads
 * each queue but the first, which the loop reads (src/router/rxworker.c).
 * router_set_pktio() applies them, router lock held; when the ring, the
 * bypass or the workers changed it reopens the attached live ports and
 * says how many.
 */
struct router_pktio {
	size_t ring_bytes;
	unsigned block_bytes, block_ms;
	bool qdisc_bypass;
	unsigned busy_poll_us;
	unsigned rx_budget;
	unsigned workers;	/* 1 to PORT_QUEUES (pcap/port.h) */
};
void router_pktio_defaults(struct router_pktio *c);
void router_get_pktio(const struct router *r, struct router_pktio *c);
/* Would router_set_pktio(r, c) reopen the live ports (ring, bypass or
 * receive queues changed)? */
bool router_pktio_reopens(const struct router *r, const struct router_pktio *c);
/* ...with rings of another geometry or number (not bypass alone, which
 * binds the rings the ports have again)? */
bool router_pktio_new_rings(const struct router *r, const struct router_pktio *c);
/* -1 when a value is out of range (nothing changed); -2 when a receive
 * worker could not be started (the rest applied, the failure logged). */
int router_set_pktio(struct router *r, const struct router_pktio *c, unsigned *reopened);
/* The receive workers running (router lock held): queue, Linux thread
 * id (0 before the thread has started), frames handled, wakeups that found
 * frames, sleeps in epoll.  Returns how many were filled, at most max. */
struct router_rx_worker {
	unsigned queue;
	int tid;
	uint64_t frames, rounds, sleeps;
};
unsigned router_rx_workers(const struct router *r, struct router_rx_worker *out, unsigned max);
/* A daemon that forks after reading its configuration: threads do not
 * survive fork(2), so workers configured before router_start_workers()
 * (router lock held) wait for it to start. */
void router_defer_workers(struct router *r);
void router_start_workers(struct router *r);
/* Live mode: run the event loop until router_stop(). */
int router_run(struct router *r);
void router_stop(struct router *r);

/*
 * Live mode: follow the links of the live ports' Linux interfaces through
 * rtnetlink (src/router/netlink.c): an interface deleted, created again
 * under its name, or losing its carrier takes the line protocol down and up,
 * with its routes and a log line, and the port is reopened on its own.
 * -1 with a message in err when the netlink socket cannot be opened.
 */
int router_track_links(struct router *r, char *err, size_t errlen);

/* Check every port's link now, as a netlink message does. */
void router_check_links(struct router *r);

const struct rt_stats *router_stats(const struct router *r);
void router_clear_stats(struct router *r);

/* ICMP unreachables: at most one per interval (IOS 'ip icmp rate-limit
 * unreachable [df] MS', default 500 ms), those saying fragmentation
 * needed (df) counted apart from the others; 0 disables a limit.
 * router_set_icmp_ratelimit() sets both. */
#define ROUTER_ICMP_RL_MS	500
void router_set_icmp_ratelimit(struct router *r, uint32_t interval_ms);
void router_set_icmp_unreach_limit(struct router *r, bool df, uint32_t interval_ms);
uint32_t router_icmp_unreach_limit(const struct router *r, bool df);

/* IPv4 options (IOS 'ip options drop | ignore', 'no ip source-route'):
 * by default packets with options go on as others (lispr acts on none of
 * them); 'drop' drops every packet that has options, arriving for the
 * router or through it; 'no ip source-route' drops those with a loose or
 * strict source route (unless options are ignored).  Both counted. */
enum router_ip_options { ROUTER_OPTIONS_PROCESS, ROUTER_OPTIONS_DROP, ROUTER_OPTIONS_IGNORE };
void router_set_ip_options(struct router *r, enum router_ip_options mode);
enum router_ip_options router_ip_options(const struct router *r);
void router_set_source_route(struct router *r, bool on);
bool router_source_route(const struct router *r);

#endif

/*
 * DOC: the router context, its receive loop and the offline runner
 */
#include <stdlib.h>
#include <string.h>

#include "ether.h"
#include "icmpv6.h"
#include "router_int.h"

#define RX_BURST	64
#define RX_ROUNDS	4

static const char *const drop_names[] = {
#define RT_DROP_NAME(id, text) text,
	RT_DROP_REASONS(RT_DROP_NAME)
#undef RT_DROP_NAME
};

const char *rt_drop_name(enum rt_drop d)
{
	return (unsigned)d < RT_DROP__COUNT ? drop_names[d] : NULL;
}

struct router *router_new(enum ev_clock clock)
{
	struct router *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->icmp_rl_ms = 500;
	r->ping_ident = 0x4c52;
	r->icmp6_interval_ms = ICMP6_ERR_INTERVAL_MS;
	r->icmp6_bucket = r->icmp6_tokens = ICMP6_ERR_BUCKET;
	if (!(r->ev = ev_new(clock)) ||
	    !(r->buf = malloc(PORT_MAXFRAME)) ||
	    !(r->obuf = malloc(PORT_MAXFRAME + ETHER_HDRLEN)) ||
	    arp_init(r) == -1 || vrf_init(r) == -1 || fib_init(r) == -1 || nd_init(r) == -1) {
		router_free(r);
		return NULL;
	}
	return r;
}

void router_free(struct router *r)
{
	if (!r)
		return;
	if (r->ev) {
		link_fini(r);
		ping_fini(r);
		traceroute_fini(r);
		arp_fini(r);
		nd_fini(r);
		iface_free_all(r);
		fib_fini(r);
		vrf_fini(r);
		ev_free(r->ev);
	}
	free(r->buf);
	free(r->obuf);
	free(r);
}

struct evloop *router_loop(struct router *r)
{
	return r->ev;
}

uint64_t router_now(const struct router *r)
{
	return ev_now(r->ev);
}

void router_lock(struct router *r)
{
	ev_lock(r->ev);
}

void router_unlock(struct router *r)
{
	ev_unlock(r->ev);
}

void router_set_port_factory(struct router *r, router_port_factory fn, void *arg)
{
	r->factory = fn;
	r->factory_arg = arg;
}

void router_set_proto_handler(struct router *r, uint8_t proto,
			      router_proto_fn fn, void *arg)
{
	r->proto[proto].fn = fn;
	r->proto[proto].arg = arg;
}

void router_set_proto6_handler(struct router *r, uint8_t proto,
			       router_proto6_fn fn, void *arg)
{
	r->proto6[proto].fn = fn;
	r->proto6[proto].arg = arg;
}

void router_set_fwd_hook(struct router *r, router_fwd_hook_fn fn, void *arg)
{
	r->fwd_hook = fn;
	r->fwd_hook_arg = arg;
}

unsigned router_hook_vrf(const struct router *r)
{
	return r->hook_vrf;
}

void router_set_hook_vrf_aware(struct router *r, bool on)
{
	r->hook_vrf_aware = on;
}

void router_set_fwd6_hook(struct router *r, router_fwd_hook_fn fn, void *arg)
{
	r->fwd6_hook = fn;
	r->fwd6_hook_arg = arg;
}

void router_set_frag_hook(struct router *r, router_frag_fn fn, void *arg)
{
	r->frag_hook = fn;
	r->frag_hook_arg = arg;
}

void router_set_lost_hook(struct router *r, router_lost_fn fn, void *arg)
{
	r->lost_hook = fn;
	r->lost_hook_arg = arg;
}

void router_set_burst_hook(struct router *r, router_burst_fn fn, void *arg)
{
	r->burst_hook = fn;
	r->burst_hook_arg = arg;
}

bool router_in_burst(const struct router *r)
{
	return r->in_burst;
}

static void rx_frame(void *arg, const uint8_t *f, size_t len, uint64_t ts);

/* Receive up to max frames from ifp's port as one burst (see above). */
static int recv_burst(struct router *r, struct iface *ifp, int max)
{
	int n;

	r->in_burst = true;
	n = port_recv(ifp->port, max, rx_frame, ifp);
	r->in_burst = false;
	if (r->burst_hook)
		r->burst_hook(r->burst_hook_arg);
	return n;
}

bool router_set_out_owned(struct router *r, bool on)
{
	bool was = r->out_owned;

	r->out_owned = on;
	return was;
}

const struct rt_stats *router_stats(const struct router *r)
{
	return &r->st;
}

void router_clear_stats(struct router *r)
{
	memset(&r->st, 0, sizeof(r->st));
}

void router_set_icmp_ratelimit(struct router *r, uint32_t interval_ms)
{
	r->icmp_rl_ms = interval_ms;
}

uint32_t router_icmp_ratelimit(const struct router *r)
{
	return r->icmp_rl_ms;
}

static void rx_frame(void *arg, const uint8_t *f, size_t len, uint64_t ts)
{
	struct iface *ifp = arg;
	struct router *r = ifp->router;

	/* Offline, the clock is the capture's: timers due before this
	 * frame fire first. */
	if (ev_clock_kind(r->ev) == EV_CLOCK_MANUAL && ts > ev_now(r->ev))
		ev_clock_set(r->ev, ts);
	ether_input(r, ifp, f, len);
}

int router_poll(struct router *r)
{
	struct iface *ifp;
	int total = 0, n;
	bool more = true;

	while (more) {
		more = false;
		for (ifp = r->ifaces; ifp; ifp = ifp->next) {
			if (!ifp->port)
				continue;
			n = recv_burst(r, ifp, RX_BURST);
			if (n > 0) {
				total += n;
				more = true;
			} else if (n < 0) {
				link_rx_error(r, ifp);
			}
		}
	}
	return total;
}

uint64_t router_run_offline(struct router *r)
{
	struct iface *ifp, *best;
	uint64_t ts, best_ts = 0, frames = 0;

	for (;;) {
		best = NULL;
		for (ifp = r->ifaces; ifp; ifp = ifp->next) {
			if (!ifp->port || port_peek(ifp->port, &ts) == -1)
				continue;
			if (!best || ts < best_ts) {
				best = ifp;
				best_ts = ts;
			}
		}
		if (!best)
			break;
		if (port_recv(best->port, 1, rx_frame, best) <= 0)
			break;
		frames++;
	}
	return frames;
}

/* Drain the port, a few bursts per wakeup so one busy port cannot starve
 * the others (epoll is level-triggered: the rest comes next round). */
static void rx_ready(void *arg, int fd)
{
	struct iface *ifp = arg;
	int rounds = RX_ROUNDS, n;

	/* What the burst sends leaves in one batch per port (pcap/port.h). */
	port_batch_begin();
	while ((n = recv_burst(ifp->router, ifp, RX_BURST)) == RX_BURST && --rounds)
		;
	port_batch_end();
	/* The interface went down or away (ENETDOWN, ENODEV): see to the
	 * link before the loop polls a dead descriptor again. */
	if (n < 0)
		link_rx_error(ifp->router, ifp);
}

int router_watch_port(struct router *r, struct iface *ifp)
{
	int fd = port_fd(ifp->port);

	if (fd == -1)
		return 0;
	if (ev_fd_add(r->ev, fd, rx_ready, ifp) == -1)
		return -1;
	ifp->watched = true;
	return 0;
}

void router_unwatch_port(struct router *r, struct iface *ifp)
{
	if (!ifp->watched)
		return;
	ev_fd_del(r->ev, port_fd(ifp->port));
	ifp->watched = false;
}

int router_run(struct router *r)
{
	return ev_run(r->ev);
}

void router_stop(struct router *r)
{
	ev_stop(r->ev);
}

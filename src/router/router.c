/*
 * DOC: the router context, its receive loop and the offline runner
 *
 * Live, a port's descriptor wakes the loop when its ring has a block of
 * frames (rx_ready): the port takes one burst and joins the drain list.
 * After the dispatch the loop's poll hook (rx_poll) takes bursts from
 * the ports on the list in turn, all of them inside one send batch, until
 * each has nothing pending (a look at its ring, no system call) or the
 * round's frame budget is spent; a round that found frames makes the loop
 * look again without sleeping (src/lib/event.c), so under load the router
 * drains rings round after round, with timers, netlink and the shell
 * served between rounds, and sleeps in epoll only once every ring is
 * empty.  A port leaves the list when empty, unwatched or failing.
 * That is queue 0 of each port; with 'platform packet-io workers' the
 * ports' other receive queues are read by threads of their own
 * (rxworker.c) through router_recv_burst, the same path, and the loop,
 * like them, sends its round's batch after letting go of the lock.
 */
#include <stdlib.h>
#include <string.h>

#include "ether.h"
#include "icmpv6.h"
#include "router_int.h"

#define RX_BURST	ROUTER_RX_BURST

static const char *const drop_names[] = {
#define RT_DROP_NAME(id, text) text,
	RT_DROP_REASONS(RT_DROP_NAME)
#undef RT_DROP_NAME
};

const char *rt_drop_name(enum rt_drop d)
{
	return (unsigned)d < RT_DROP__COUNT ? drop_names[d] : NULL;
}

static unsigned rx_poll(void *arg);
static void rx_unlocked(void *arg);

struct router *router_new(enum ev_clock clock)
{
	struct router *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->icmp_rl_ms = r->icmp_rl_df_ms = ROUTER_ICMP_RL_MS;
	r->ping_ident = 0x4c52;
	r->icmp6_interval_ms = ICMP6_ERR_INTERVAL_MS;
	r->icmp6_bucket = r->icmp6_tokens = ICMP6_ERR_BUCKET;
	r->rx_budget = ROUTER_RX_BUDGET;
	router_pktio_defaults(&r->pktio);
	pthread_mutex_init(&r->wk_mtx, NULL);
	pthread_cond_init(&r->wk_cond, NULL);
	if (!(r->ev = ev_new(clock)) ||
	    !(r->buf = malloc(PORT_MAXFRAME)) ||
	    !(r->obuf = malloc(PORT_MAXFRAME + ETHER_HDRLEN)) ||
	    arp_init(r) == -1 || vrf_init(r) == -1 || fib_init(r) == -1 || nd_init(r) == -1) {
		router_free(r);
		return NULL;
	}
	ev_set_poll(r->ev, rx_poll, r);
	ev_set_unlocked(r->ev, rx_unlocked, r);
	return r;
}

void router_free(struct router *r)
{
	if (!r)
		return;
	if (r->ev) {
		/* The workers leave when they next hold the lock. */
		ev_lock(r->ev);
		rxw_stop(r);
		ev_unlock(r->ev);
		rxw_wait(r);
		link_fini(r);
		ping_fini(r);
		traceroute_fini(r);
		arp_fini(r);
		nd_fini(r);
		iface_free_all(r);
		router_acl_free_all(r);
		fib_fini(r);
		vrf_fini(r);
		ev_free(r->ev);
	}
	free(r->buf);
	free(r->obuf);
	pthread_mutex_destroy(&r->wk_mtx);
	pthread_cond_destroy(&r->wk_cond);
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

/* Receive up to max frames from queue q of ifp's port as one burst (see
 * above). */
int router_recv_burst(struct router *r, struct iface *ifp, unsigned q, int max)
{
	int n;

	r->in_burst = true;
	n = port_queue_recv(ifp->port, q, max, rx_frame, ifp);
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
	r->icmp_rl_ms = r->icmp_rl_df_ms = interval_ms;
}

void router_set_icmp_unreach_limit(struct router *r, bool df, uint32_t interval_ms)
{
	*(df ? &r->icmp_rl_df_ms : &r->icmp_rl_ms) = interval_ms;
}

uint32_t router_icmp_unreach_limit(const struct router *r, bool df)
{
	return df ? r->icmp_rl_df_ms : r->icmp_rl_ms;
}

void router_set_ip_options(struct router *r, enum router_ip_options mode)
{
	r->ip_options = mode;
}

enum router_ip_options router_ip_options(const struct router *r)
{
	return r->ip_options;
}

void router_set_source_route(struct router *r, bool on)
{
	r->no_source_route = !on;
}

bool router_source_route(const struct router *r)
{
	return !r->no_source_route;
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
			n = router_recv_burst(r, ifp, 0, RX_BURST);
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

static void hot_add(struct router *r, struct iface *ifp)
{
	if (ifp->rx_hot)
		return;
	ifp->rx_hot = true;
	ifp->rx_hot_next = r->rx_hot;
	r->rx_hot = ifp;
}

static void hot_del(struct router *r, struct iface *ifp)
{
	struct iface **pp;

	if (!ifp->rx_hot)
		return;
	for (pp = &r->rx_hot; *pp; pp = &(*pp)->rx_hot_next)
		if (*pp == ifp) {
			*pp = ifp->rx_hot_next;
			break;
		}
	ifp->rx_hot = false;
	ifp->rx_hot_next = NULL;
}

/* epoll says the port has frames (or an error): one burst, then the port
 * joins the drain list (rx_poll takes the rest after the dispatch). */
static void rx_ready(void *arg, int fd)
{
	struct iface *ifp = arg;
	struct router *r = ifp->router;
	int n;

	/* What the burst sends leaves in one batch per port (pcap/port.h). */
	port_batch_begin();
	n = router_recv_burst(r, ifp, 0, RX_BURST);
	port_batch_end();
	/* The interface went down or away (ENETDOWN, ENODEV): see to the
	 * link before the loop polls a dead descriptor again. */
	if (n < 0)
		link_rx_error(r, ifp);
	else if (n > 0 && ifp->watched)
		hot_add(r, ifp);
}

/*
 * The loop's poll hook: bursts from the ports on the drain list in turn,
 * one send batch for the round, until every port is empty or the budget
 * is spent.  A port whose receive fails leaves the list and is seen to by
 * the link code after the batch (it may close the port).
 */
static unsigned rx_poll(void *arg)
{
	struct router *r = arg;
	struct iface *ifp, *next, *failed = NULL;
	unsigned done = 0, budget = r->rx_budget;
	int n, want;

	if (!r->rx_hot)
		return 0;
	port_batch_begin();
	while (r->rx_hot && done < budget) {
		for (ifp = r->rx_hot; ifp && done < budget; ifp = next) {
			next = ifp->rx_hot_next;
			if (!ifp->port || !port_pending(ifp->port)) {
				hot_del(r, ifp);
				continue;
			}
			want = budget - done < RX_BURST ? (int)(budget - done) : RX_BURST;
			n = router_recv_burst(r, ifp, 0, want);
			if (n > 0)
				done += (unsigned)n;
			if (n < want) {
				/* Empty (or failing): off the list; epoll
				 * brings it back with its next block. */
				hot_del(r, ifp);
				if (n < 0 && !failed)
					failed = ifp;
			}
			/* The frame's handling may have taken ports off the
			 * list (an interface deleted): start over. */
			if (next && !next->rx_hot)
				break;
		}
	}
	if (!r->workers[1]) {
		port_batch_end();
		if (failed)
			link_rx_error(r, failed);
		return done;
	}
	/* Receive workers wait for the lock: the batch leaves after the
	 * loop lets go of it (rx_unlocked), as theirs do, under the flush
	 * lock; the link code, which may close the failing port, first. */
	if (failed)
		link_rx_error(r, failed);
	port_flush_hold();
	r->flush_unlocked = true;
	return done;
}

static void rx_unlocked(void *arg)
{
	struct router *r = arg;

	if (!r->flush_unlocked)
		return;
	r->flush_unlocked = false;
	port_batch_end();
	port_flush_release();
}

int router_set_rx_budget(struct router *r, unsigned frames)
{
	if (frames < RX_BURST || frames > 65536)
		return -1;
	r->rx_budget = r->pktio.rx_budget = frames;
	return 0;
}

unsigned router_rx_budget(const struct router *r)
{
	return r->rx_budget;
}

int router_watch_port(struct router *r, struct iface *ifp)
{
	int fd = port_fd(ifp->port);

	if (fd == -1)
		return 0;
	if (ev_fd_add(r->ev, fd, rx_ready, ifp) == -1)
		return -1;
	ifp->watched = true;
	rxw_watch(r, ifp);
	return 0;
}

void router_unwatch_port(struct router *r, struct iface *ifp)
{
	hot_del(r, ifp);
	if (!ifp->watched)
		return;
	rxw_unwatch(r, ifp);
	ev_fd_del(r->ev, port_fd(ifp->port));
	ifp->watched = false;
}

unsigned router_reopen_live_ports(struct router *r)
{
	struct iface *ifp;
	unsigned n = 0;

	for (ifp = r->ifaces; ifp; ifp = ifp->next) {
		if (!port_is_live(ifp->port) || ifp->port->detached)
			continue;
		/* As the link code does when an interface comes back: the
		 * capture and injector close, then open on the interface
		 * that holds the name, with the current settings. */
		router_unwatch_port(r, ifp);
		port_detach(ifp->port);
		link_update(r, ifp);
		n++;
	}
	return n;
}

void router_pktio_defaults(struct router_pktio *c)
{
	memset(c, 0, sizeof(*c));
	c->ring_bytes = PORT_LIVE_RING_BYTES;
	c->block_bytes = PORT_LIVE_BLOCK_BYTES;
	c->block_ms = PORT_LIVE_BLOCK_MS;
	c->rx_budget = ROUTER_RX_BUDGET;
	c->workers = 1;
}

void router_get_pktio(const struct router *r, struct router_pktio *c)
{
	*c = r->pktio;
}

bool router_pktio_new_rings(const struct router *r, const struct router_pktio *c)
{
	return c->ring_bytes != r->pktio.ring_bytes || c->block_bytes != r->pktio.block_bytes ||
	       c->block_ms != r->pktio.block_ms || c->workers != r->pktio.workers;
}

bool router_pktio_reopens(const struct router *r, const struct router_pktio *c)
{
	return router_pktio_new_rings(r, c) || c->qdisc_bypass != r->pktio.qdisc_bypass;
}

int router_set_pktio(struct router *r, const struct router_pktio *c, unsigned *reopened)
{
	bool reopen, workers;

	*reopened = 0;
	if (c->busy_poll_us > EV_BUSY_POLL_MAX || c->rx_budget < RX_BURST || c->rx_budget > 65536 ||
	    c->workers < 1 || c->workers > PORT_QUEUES)
		return -1;
	if (port_live_set_ring(c->ring_bytes, c->block_bytes, c->block_ms) == -1)
		return -1;
	workers = c->workers != r->pktio.workers;
	reopen = router_pktio_reopens(r, c);
	port_live_set_qdisc_bypass(c->qdisc_bypass);
	ev_set_busy_poll(r->ev, c->busy_poll_us);
	r->rx_budget = c->rx_budget;
	r->pktio = *c;
	/* Old workers go before the ports reopen with the new number of
	 * queues; the new ones find the queues as the ports are watched. */
	if (workers) {
		rxw_stop(r);
		port_live_set_queues(c->workers);
	}
	if (reopen)
		*reopened = router_reopen_live_ports(r);
	if (workers && c->workers > 1 && !r->wk_deferred && rxw_start(r, c->workers) == -1)
		return -2;
	return 0;
}

void router_defer_workers(struct router *r)
{
	r->wk_deferred = true;
}

void router_start_workers(struct router *r)
{
	r->wk_deferred = false;
	if (r->pktio.workers > 1)
		rxw_start(r, r->pktio.workers);	/* a failure is logged */
}

int router_run(struct router *r)
{
	return ev_run(r->ev);
}

void router_stop(struct router *r)
{
	ev_stop(r->ev);
}

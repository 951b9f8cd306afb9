/*
 * DOC: router-originated ping: one probe in flight, IOS marks; IPv4 and
 * IPv6 (ICMPv6 echo, hop limit in ttl, 'M' for Packet Too Big)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icmp.h"
#include "icmpv6.h"
#include "ipv4.h"
#include "router_int.h"

struct ping {
	struct ping *next;
	struct router *r;
	unsigned id;
	uint16_t ident, seq;
	uint32_t src;			/* 0: from the route, per probe */
	uint32_t dst;
	bool v6;			/* an ICMPv6 echo (the addresses below) */
	bool has_src6;
	uint8_t src6[16], dst6[16];
	struct iface *oif6;		/* 'source IF' for a link-local dst */
	struct ping_params p;
	struct ping_result res;
	ping_probe_fn probe;
	ping_done_fn done;
	void *arg;
	struct evtimer *timer;
	uint64_t sent_at;
	bool waiting;
	uint8_t *pkt;
};

static void finish(struct ping *pg)
{
	struct router *r = pg->r;
	struct ping **pp;

	for (pp = &r->pings; *pp; pp = &(*pp)->next)
		if (*pp == pg) {
			*pp = pg->next;
			break;
		}
	if (pg->done)
		pg->done(pg->arg, &pg->res);
	ev_timer_free(pg->timer);
	free(pg->pkt);
	free(pg);
}

static void send_probe6(struct ping *pg)
{
	struct router *r = pg->r;
	uint8_t *ip = pg->pkt + ETHER_HDRLEN, *icmp = ip + IP6_HDRLEN;
	size_t ilen = pg->p.size - IP6_HDRLEN, i;
	uint8_t src[16];
	bool have = pg->has_src6;
	uint16_t sum;

	pg->seq++;
	if (have)
		memcpy(src, pg->src6, 16);
	else
		have = ipv6_source_for(r, pg->dst6, pg->oif6, src);
	ipv6_build_hdr(ip, (uint16_t)ilen, IPPROTO_ICMPV6_, pg->p.ttl, src, pg->dst6);
	icmp[0] = ICMP6_ECHO;
	icmp[1] = 0;
	icmp[2] = icmp[3] = 0;
	icmp[4] = (uint8_t)(pg->ident >> 8);
	icmp[5] = (uint8_t)pg->ident;
	icmp[6] = (uint8_t)(pg->seq >> 8);
	icmp[7] = (uint8_t)pg->seq;
	for (i = 8; i < ilen; i++)
		icmp[i] = (i & 1) ? 0xcd : 0xab;
	sum = ipv6_l4_cksum(ip, IPPROTO_ICMPV6_, icmp, ilen);
	memcpy(icmp + 2, &sum, 2);

	pg->res.sent++;
	pg->waiting = true;
	pg->sent_at = ev_now(r->ev);
	ev_timer_arm(pg->timer, (uint64_t)pg->p.timeout_ms * NS_PER_MS);
	r->st6.echo[1]++;
	r->st6.icmp_total[1]++;
	if (have)
		ipv6_output(r, pg->oif6, pg->pkt, pg->p.size);
	else
		rt6_drop(r, NULL, RT6_DROP_NO_SOURCE);
}

static void send_probe_in(struct ping *pg)
{
	struct router *r = pg->r;
	uint8_t *ip = pg->pkt + ETHER_HDRLEN, *icmp = ip + 20;
	size_t ilen = pg->p.size - 20, i;
	uint32_t src = pg->src ? pg->src : ipv4_source_for(r, pg->dst);
	uint16_t sum;

	if (pg->v6) {
		send_probe6(pg);
		return;
	}
	pg->seq++;
	ipv4_build_hdr(r, ip, (uint16_t)pg->p.size, pg->p.ttl, IPPROTO_ICMP_, src,
		       pg->dst, pg->p.df);
	icmp[0] = ICMP_ECHO;
	icmp[1] = 0;
	icmp[2] = icmp[3] = 0;
	icmp[4] = (uint8_t)(pg->ident >> 8);
	icmp[5] = (uint8_t)pg->ident;
	icmp[6] = (uint8_t)(pg->seq >> 8);
	icmp[7] = (uint8_t)pg->seq;
	for (i = 8; i < ilen; i++)	/* IOS's data pattern */
		icmp[i] = (i & 1) ? 0xcd : 0xab;
	sum = ipv4_cksum(icmp, ilen);
	memcpy(icmp + 2, &sum, 2);

	pg->res.sent++;
	pg->waiting = true;
	pg->sent_at = ev_now(r->ev);
	ev_timer_arm(pg->timer, (uint64_t)pg->p.timeout_ms * NS_PER_MS);
	r->st.icmp_tx_echo++;
	if (src)
		ipv4_output(r, pg->pkt, pg->p.size);
	else
		rt_drop(r, NULL, RT_DROP_NO_ROUTE);
}

/* Probes are routed in the ping's VRF. */
static void send_probe(struct ping *pg)
{
	unsigned was = rt_vrf_enter(pg->r, pg->p.vrf);

	send_probe_in(pg);
	pg->r->cur_vrf = was;
}

static void mark(struct ping *pg, char m)
{
	size_t n = strlen(pg->res.marks);

	if (n + 1 < sizeof(pg->res.marks)) {
		pg->res.marks[n] = m;
		pg->res.marks[n + 1] = '\0';
	}
	pg->waiting = false;
	if (pg->probe)
		pg->probe(pg->arg, pg->seq, m);
}

/* The probe timed out, or (not waiting) the next step is due. */
static void on_timer(void *arg)
{
	struct ping *pg = arg;

	if (pg->waiting)
		mark(pg, '.');
	if (pg->res.sent < pg->p.repeat)
		send_probe(pg);
	else
		finish(pg);
}

static void probe_done(struct ping *pg, char m)
{
	mark(pg, m);
	/* Go on from the loop, not from inside the receive path. */
	ev_timer_arm(pg->timer, 0);
}

static struct ping *find_probe(struct router *r, uint16_t ident, uint16_t seq)
{
	struct ping *pg;

	for (pg = r->pings; pg; pg = pg->next)
		if (pg->ident == ident && pg->seq == seq && pg->waiting)
			return pg;
	return NULL;
}

static void echo_reply_rcvd(struct ping *pg)
{
	uint64_t rtt = (ev_now(pg->r->ev) - pg->sent_at) / 1000;

	if (!pg->res.received || rtt < pg->res.rtt_min_us)
		pg->res.rtt_min_us = rtt;
	if (rtt > pg->res.rtt_max_us)
		pg->res.rtt_max_us = rtt;
	pg->res.rtt_sum_us += rtt;
	pg->res.received++;
	probe_done(pg, '!');
}

void ping_icmp6_input(struct router *r, const uint8_t *ip, const uint8_t *icmp, size_t len)
{
	const uint8_t *q = icmp + 8, *qicmp;
	struct ping *pg;

	if (icmp[0] == ICMP6_ECHO_REPLY) {
		pg = find_probe(r, (uint16_t)(icmp[4] << 8 | icmp[5]),
				(uint16_t)(icmp[6] << 8 | icmp[7]));
		if (pg && pg->v6)
			echo_reply_rcvd(pg);
		return;
	}
	/* An error quoting one of our echo requests (no extension headers:
	 * ours have none). */
	if (len < 8 + IP6_HDRLEN + 8 || (q[0] >> 4) != 6 || q[6] != IPPROTO_ICMPV6_)
		return;
	qicmp = q + IP6_HDRLEN;
	if (qicmp[0] != ICMP6_ECHO)
		return;
	pg = find_probe(r, (uint16_t)(qicmp[4] << 8 | qicmp[5]),
			(uint16_t)(qicmp[6] << 8 | qicmp[7]));
	if (!pg || !pg->v6)
		return;
	if (icmp[0] == ICMP6_TIME_EXCEEDED)
		probe_done(pg, '&');
	else if (icmp[0] == ICMP6_TOO_BIG)
		probe_done(pg, 'M');
	else
		probe_done(pg, 'U');
}

void ping_icmp_input(struct router *r, uint32_t src, const uint8_t *icmp, size_t len)
{
	const uint8_t *q = icmp + 8, *qicmp;
	struct ping *pg;
	unsigned qhlen;

	if (icmp[0] == ICMP_ECHO_REPLY) {
		pg = find_probe(r, (uint16_t)(icmp[4] << 8 | icmp[5]),
				(uint16_t)(icmp[6] << 8 | icmp[7]));
		if (!pg || pg->v6)
			return;
		echo_reply_rcvd(pg);
		return;
	}
	/* An error quoting one of our echo requests. */
	if (len < 8 + 20 + 8 || (q[0] >> 4) != 4)
		return;
	qhlen = (q[0] & 0x0f) * 4u;
	if (qhlen < 20 || len < 8 + qhlen + 8 || q[9] != IPPROTO_ICMP_)
		return;
	qicmp = q + qhlen;
	if (qicmp[0] != ICMP_ECHO)
		return;
	pg = find_probe(r, (uint16_t)(qicmp[4] << 8 | qicmp[5]),
			(uint16_t)(qicmp[6] << 8 | qicmp[7]));
	if (!pg || pg->v6)
		return;
	if (icmp[0] == ICMP_TIME_EXCEEDED)
		probe_done(pg, '&');
	else if (icmp[1] == ICMP_UNREACH_NEEDFRAG)
		probe_done(pg, 'M');
	else
		probe_done(pg, 'U');
}

/* The IPv6 checks of ping_start: source and size. */
static int check6(struct router *r, const struct ping_params *pp, struct ping *pg,
		  char *err, size_t errlen)
{
	struct iface *ifp;

	if (ip6_is_unspec(pp->dst.u.b) || ip6_is_loopback(pp->dst.u.b)) {
		snprintf(err, errlen, "%% Unrecognized host or address.");
		return -1;
	}
	if (pp->src_ifname[0]) {
		ifp = iface_find(r, pp->src_ifname);
		if (ifp && ifp->vrf != pp->vrf) {
			snprintf(err, errlen, "%% Source interface %s is not in VRF %s",
				 ifp->name, vrf_name(r, pp->vrf));
			return -1;
		}
		if (!ifp || !ifp->v6.running) {
			snprintf(err, errlen, "%% Invalid source interface - "
				 "IPv6 not enabled or interface is down");
			return -1;
		}
		pg->oif6 = ifp;
		if (!ip6_is_linklocal(pp->dst.u.b) && !ip6_is_mcast(pp->dst.u.b) &&
		    ipv6_source_for(r, pp->dst.u.b, ifp, pg->src6))
			pg->has_src6 = true;
	} else if (pp->src.afi != AFI_NONE) {
		if (!addr_is_v6(&pp->src) || !iface6_owns(r, NULL, pp->src.u.b)) {
			snprintf(err, errlen, "%% Invalid source address- IPv6 address "
				 "not on any of our up interfaces");
			return -1;
		}
		memcpy(pg->src6, pp->src.u.b, 16);
		pg->has_src6 = true;
	}
	if ((ip6_is_linklocal(pp->dst.u.b) || ip6_is_mcast(pp->dst.u.b)) && !pg->oif6) {
		snprintf(err, errlen, "%% Output interface is required for a link-local "
			 "or multicast destination (source IF)");
		return -1;
	}
	if (pp->size && (pp->size < 48 || pp->size > 18024)) {
		snprintf(err, errlen, "%% Invalid size %u (48-18024)", pp->size);
		return -1;
	}
	return 0;
}

static unsigned ping_start6(struct router *r, const struct ping_params *pp,
			    ping_probe_fn probe, ping_done_fn done, void *arg,
			    char *err, size_t errlen)
{
	struct ping *pg;
	uint8_t src[16];

	if (pp->repeat > PING_MAX_REPEAT) {
		snprintf(err, errlen, "%% Invalid repeat count %u", pp->repeat);
		return 0;
	}
	if (!(pg = calloc(1, sizeof(*pg)))) {
		snprintf(err, errlen, "%% Out of memory");
		return 0;
	}
	if (check6(r, pp, pg, err, errlen) == -1) {
		free(pg);
		return 0;
	}
	pg->p = *pp;
	if (!pg->p.repeat)
		pg->p.repeat = 5;
	if (!pg->p.size)
		pg->p.size = 100;
	if (!pg->p.timeout_ms)
		pg->p.timeout_ms = 2000;
	if (!pg->p.ttl)
		pg->p.ttl = IP6_HOPLIMIT_DEFAULT;
	pg->timer = ev_timer_new(r->ev, on_timer, pg);
	pg->pkt = malloc(ETHER_HDRLEN + pg->p.size);
	if (!pg->timer || !pg->pkt) {
		ev_timer_free(pg->timer);
		free(pg->pkt);
		free(pg);
		snprintf(err, errlen, "%% Out of memory");
		return 0;
	}
	pg->v6 = true;
	pg->r = r;
	pg->id = ++r->ping_next_id ? r->ping_next_id : ++r->ping_next_id;
	pg->ident = r->ping_ident++;
	memcpy(pg->dst6, pp->dst.u.b, 16);
	pg->probe = probe;
	pg->done = done;
	pg->arg = arg;
	pg->res.dst = pp->dst;
	if (pg->has_src6)
		addr_set_v6(&pg->res.src, pg->src6);
	else if (ipv6_source_for(r, pg->dst6, pg->oif6, src))
		addr_set_v6(&pg->res.src, src);
	pg->res.size = pg->p.size;
	pg->res.timeout_ms = pg->p.timeout_ms;
	pg->res.repeat = pg->p.repeat;
	pg->next = r->pings;
	r->pings = pg;
	send_probe(pg);
	return pg->id;
}

static unsigned start_in(struct router *r, const struct ping_params *pp,
			 ping_probe_fn probe, ping_done_fn done, void *arg,
			 char *err, size_t errlen)
{
	struct ping *pg;
	struct iface *ifp;
	uint32_t src = 0;

	if (addr_is_v6(&pp->dst))
		return ping_start6(r, pp, probe, done, arg, err, errlen);
	if (!addr_is_v4(&pp->dst) || pp->dst.u.v4 == 0) {
		snprintf(err, errlen, "%% Unrecognized host or address.");
		return 0;
	}
	if (pp->src_ifname[0]) {
		ifp = iface_find(r, pp->src_ifname);
		if (ifp && ifp->vrf != pp->vrf) {
			snprintf(err, errlen, "%% Source interface %s is not in VRF %s",
				 ifp->name, vrf_name(r, pp->vrf));
			return 0;
		}
		if (!ifp || !ifp->has_addr || !iface_is_up(ifp)) {
			snprintf(err, errlen, "%% Invalid source interface - "
				 "IP not enabled or interface is down");
			return 0;
		}
		src = ifp->addr;
	} else if (pp->src.afi != AFI_NONE) {
		if (!addr_is_v4(&pp->src) || !iface_by_addr(r, pp->src.u.v4)) {
			snprintf(err, errlen, "%% Invalid source address- IP address "
				 "not on any of our up interfaces");
			return 0;
		}
		src = pp->src.u.v4;
	}
	if (pp->size && (pp->size < 36 || pp->size > 18024)) {
		snprintf(err, errlen, "%% Invalid size %u (36-18024)", pp->size);
		return 0;
	}
	if (pp->repeat > PING_MAX_REPEAT) {
		snprintf(err, errlen, "%% Invalid repeat count %u", pp->repeat);
		return 0;
	}
	if (!(pg = calloc(1, sizeof(*pg)))) {
		snprintf(err, errlen, "%% Out of memory");
		return 0;
	}
	pg->p = *pp;
	if (!pg->p.repeat)
		pg->p.repeat = 5;
	if (!pg->p.size)
		pg->p.size = 100;
	if (!pg->p.timeout_ms)
		pg->p.timeout_ms = 2000;
	if (!pg->p.ttl)
		pg->p.ttl = 255;
	pg->timer = ev_timer_new(r->ev, on_timer, pg);
	pg->pkt = malloc(ETHER_HDRLEN + pg->p.size);
	if (!pg->timer || !pg->pkt) {
		ev_timer_free(pg->timer);
		free(pg->pkt);
		free(pg);
		snprintf(err, errlen, "%% Out of memory");
		return 0;
	}
	pg->r = r;
	pg->id = ++r->ping_next_id ? r->ping_next_id : ++r->ping_next_id;
	pg->ident = r->ping_ident++;
	pg->src = src;
	pg->dst = pp->dst.u.v4;
	pg->probe = probe;
	pg->done = done;
	pg->arg = arg;
	pg->res.dst = pp->dst;
	addr_set_v4(&pg->res.src, src ? src : ipv4_source_for(r, pg->dst));
	pg->res.size = pg->p.size;
	pg->res.timeout_ms = pg->p.timeout_ms;
	pg->res.repeat = pg->p.repeat;
	pg->next = r->pings;
	r->pings = pg;
	send_probe(pg);
	return pg->id;
}

bool ping_source(struct router *r, unsigned id, struct addr *out)
{
	struct ping *pg;

	for (pg = r->pings; pg; pg = pg->next)
		if (pg->id == id) {
			*out = pg->res.src;
			return true;
		}
	return false;
}

void ping_cancel(struct router *r, unsigned id)
{
	struct ping *pg;

	for (pg = r->pings; pg; pg = pg->next)
		if (pg->id == id) {
			pg->res.cancelled = true;
			finish(pg);
			return;
		}
}

unsigned ping_active(const struct router *r)
{
	const struct ping *pg;
	unsigned n = 0;

	for (pg = r->pings; pg; pg = pg->next)
		n++;
	return n;
}

void ping_fini(struct router *r)
{
	struct ping *pg;

	while ((pg = r->pings)) {
		r->pings = pg->next;
		ev_timer_free(pg->timer);
		free(pg->pkt);
		free(pg);
	}
}

unsigned ping_start(struct router *r, const struct ping_params *pp,
		    ping_probe_fn probe, ping_done_fn done, void *arg,
		    char *err, size_t errlen)
{
	unsigned was, id;

	if (!vrf_name(r, pp->vrf)) {
		snprintf(err, errlen, "%% VRF id %u does not exist", pp->vrf);
		return 0;
	}
	was = rt_vrf_enter(r, pp->vrf);
	id = start_in(r, pp, probe, done, arg, err, errlen);
	r->cur_vrf = was;
	return id;
}

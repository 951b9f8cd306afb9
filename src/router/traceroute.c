/*
 * DOC: router-originated traceroute: UDP probes, one in flight, IOS hops;
 * IPv4 (TTL) and IPv6 (hop limit, ICMPv6 errors)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>

#include "icmp.h"
#include "icmpv6.h"
#include "ipv4.h"
#include "ipv6.h"
#include "router_int.h"
#include "traceroute.h"
#include "vrf.h"

#define TR_PROBE_LEN	28u		/* IPv4 + UDP, no payload */
#define TR_PROBE6_LEN	48u		/* IPv6 + UDP, no payload */
#define TR_SPORT_BASE	49152u
/* A probe the LISP ITR encapsulated, as a router in the RLOC space quotes
 * it: outer IPv4, UDP to the LISP data port, the 8-byte LISP header. */
#define LISP_DATA_PORT_	4341u
#define LISP_DATA_HLEN	8u

struct traceroute {
	struct traceroute *next;
	struct router *r;
	unsigned id;
	uint16_t sport;
	uint32_t src;			/* 0: from the route, per probe */
	uint32_t dst;
	bool v6;			/* an IPv6 trace (the addresses below) */
	bool has_src6;
	uint8_t src6[16], dst6[16];
	struct iface *oif6;		/* 'source IF' for a link-local dst */
	struct tr_params p;
	struct tr_result res;
	tr_probe_fn probe;
	tr_done_fn done;
	void *arg;
	struct evtimer *timer;
	unsigned ttl, n;		/* the probe in flight: hop, index */
	unsigned seq;			/* probes sent */
	uint16_t dport;			/* of the probe in flight */
	uint64_t sent_at;
	bool waiting;
	bool hop_ends;			/* an unreachable this hop: last hop */
	uint8_t pkt[ETHER_HDRLEN + TR_PROBE6_LEN];
};

static void finish(struct traceroute *t)
{
	struct router *r = t->r;
	struct traceroute **pp;

	for (pp = &r->traces; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	if (t->done)
		t->done(t->arg, &t->res);
	ev_timer_free(t->timer);
	free(t);
}

static uint16_t udp_cksum(const uint8_t *ip, const uint8_t *udp, size_t len)
{
	uint8_t pseudo[12 + TR_PROBE_LEN];
	uint16_t sum;

	memcpy(pseudo, ip + 12, 8);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = (uint8_t)(len >> 8);
	pseudo[11] = (uint8_t)len;
	memcpy(pseudo + 12, udp, len);
	sum = ipv4_cksum(pseudo, 12 + len);
	return sum ? sum : 0xffff;
}

static void udp_hdr(struct traceroute *t, uint8_t *udp)
{
	t->dport = (uint16_t)(t->p.port + t->seq);
	t->seq++;
	udp[0] = (uint8_t)(t->sport >> 8);
	udp[1] = (uint8_t)t->sport;
	udp[2] = (uint8_t)(t->dport >> 8);
	udp[3] = (uint8_t)t->dport;
	udp[4] = 0;
	udp[5] = 8;
	udp[6] = udp[7] = 0;
}

static void sent(struct traceroute *t)
{
	t->res.sent++;
	t->res.last_ttl = t->ttl;
	t->waiting = true;
	t->sent_at = ev_now(t->r->ev);
	ev_timer_arm(t->timer, (uint64_t)t->p.timeout_ms * NS_PER_MS);
}

/* The hop limit is the probe's TTL; the UDP checksum is mandatory. */
static void send_probe6(struct traceroute *t)
{
	struct router *r = t->r;
	uint8_t *ip = t->pkt + ETHER_HDRLEN, *udp = ip + IP6_HDRLEN, src[16];
	bool have = t->has_src6;
	uint16_t sum;

	if (have)
		memcpy(src, t->src6, 16);
	else
		have = ipv6_source_for(r, t->dst6, t->oif6, src);
	udp_hdr(t, udp);
	ipv6_build_hdr(ip, 8, IPPROTO_UDP, (uint8_t)t->ttl, src, t->dst6);
	sum = ipv6_l4_cksum(ip, IPPROTO_UDP, udp, 8);
	if (!sum)
		sum = 0xffff;
	memcpy(udp + 6, &sum, 2);
	sent(t);
	if (have)
		ipv6_output(r, t->oif6, t->pkt, TR_PROBE6_LEN);
	else
		rt6_drop(r, NULL, RT6_DROP_NO_SOURCE);
}

static void send_probe4(struct traceroute *t)
{
	struct router *r = t->r;
	uint8_t *ip = t->pkt + ETHER_HDRLEN, *udp = ip + 20;
	uint32_t src;
	uint16_t sum;

	src = t->src ? t->src : ipv4_source_for(r, t->dst);
	udp_hdr(t, udp);
	ipv4_build_hdr(r, ip, TR_PROBE_LEN, (uint8_t)t->ttl, IPPROTO_UDP, src, t->dst, false);
	sum = udp_cksum(ip, udp, 8);
	memcpy(udp + 6, &sum, 2);
	sent(t);
	if (src)
		ipv4_output(r, t->pkt, TR_PROBE_LEN);
	else
		rt_drop(r, NULL, RT_DROP_NO_ROUTE);
}

static void report(struct traceroute *t, enum tr_kind kind, const struct addr *from,
		   const char *mark)
{
	struct tr_probe p;

	memset(&p, 0, sizeof(p));
	p.ttl = t->ttl;
	p.n = t->n;
	p.kind = kind;
	if (kind != TR_TIMEOUT) {
		p.from = *from;
		p.rtt_us = (ev_now(t->r->ev) - t->sent_at) / 1000;
		t->res.answered++;
	}
	snprintf(p.mark, sizeof(p.mark), "%s", mark);
	if (kind == TR_REACHED || kind == TR_UNREACH) {
		t->hop_ends = true;
		t->res.reached = true;
	}
	t->waiting = false;
	if (t->probe)
		t->probe(t->arg, &p);
}

/* Probes are routed in the trace's VRF. */
static void send_probe(struct traceroute *t)
{
	unsigned was = rt_vrf_enter(t->r, t->p.vrf);

	if (t->v6)
		send_probe6(t);
	else
		send_probe4(t);
	t->r->cur_vrf = was;
}

/* The probe timed out, or (not waiting) the next one is due. */
static void on_timer(void *arg)
{
	struct traceroute *t = arg;

	if (t->waiting)
		report(t, TR_TIMEOUT, NULL, "");
	if (++t->n >= t->p.probes) {
		t->n = 0;
		if (t->hop_ends || t->ttl >= t->p.ttl_max) {
			finish(t);
			return;
		}
		t->ttl++;
	}
	send_probe(t);
}

/*
 * The UDP probe an ICMP or ICMPv6 error quotes (q, qlen bytes: IPv4 or
 * IPv6 header on; an IPv6 probe has no extension header), or the probe
 * inside a LISP-encapsulated one, of either family in either: its trace,
 * if it is the one in flight.
 */
static struct traceroute *find_probe(struct router *r, const uint8_t *q, size_t qlen, int depth)
{
	struct traceroute *t;
	const uint8_t *udp, *dst;
	size_t hlen;
	uint16_t sport, dport;
	bool v6;

	if (qlen < 28)
		return NULL;
	if ((q[0] >> 4) == 4) {
		if (q[9] != IPPROTO_UDP)
			return NULL;
		hlen = (q[0] & 0x0f) * 4u;
		if (hlen < 20)
			return NULL;
		dst = q + 16;
		v6 = false;
	} else if ((q[0] >> 4) == 6) {
		if (q[6] != IPPROTO_UDP)
			return NULL;
		hlen = IP6_HDRLEN;
		dst = q + 24;
		v6 = true;
	} else {
		return NULL;
	}
	if (qlen < hlen + 8)
		return NULL;
	udp = q + hlen;
	sport = (uint16_t)(udp[0] << 8 | udp[1]);
	dport = (uint16_t)(udp[2] << 8 | udp[3]);
	if (dport == LISP_DATA_PORT_ && depth == 0 && qlen >= hlen + 8 + LISP_DATA_HLEN)
		return find_probe(r, udp + 8 + LISP_DATA_HLEN, qlen - hlen - 8 - LISP_DATA_HLEN, 1);
	for (t = r->traces; t; t = t->next)
		if (t->waiting && t->v6 == v6 && t->sport == sport && t->dport == dport &&
		    (v6 ? memcmp(t->dst6, dst, 16) == 0 : memcmp(&t->dst, dst, 4) == 0))
			return t;
	return NULL;
}

/* The answer ends the probe; the next goes from the loop, not from inside
 * the receive path. */
static void answered(struct traceroute *t, enum tr_kind kind, const struct addr *from,
		     const char *mark)
{
	report(t, kind, from, mark);
	ev_timer_arm(t->timer, 0);
}

void traceroute_icmp_input(struct router *r, uint32_t src, const uint8_t *icmp, size_t len)
{
	struct traceroute *t;
	const char *mark = "";
	enum tr_kind kind;
	struct addr from;

	if (!r->traces || len < 8 + 28)
		return;
	if (icmp[0] != ICMP_TIME_EXCEEDED && icmp[0] != ICMP_UNREACH)
		return;
	if (!(t = find_probe(r, icmp + 8, len - 8, 0)))
		return;
	if (icmp[0] == ICMP_TIME_EXCEEDED) {
		kind = TR_TIME_EXCEEDED;
	} else {
		kind = TR_UNREACH;
		switch (icmp[1]) {
		case ICMP_UNREACH_PORT:
			kind = TR_REACHED;
			break;
		case ICMP_UNREACH_NET:
		case 6:			/* destination network unknown */
		case 11:		/* network unreachable for TOS */
			mark = "!N";
			break;
		case ICMP_UNREACH_HOST:
		case 7:			/* destination host unknown */
		case 12:		/* host unreachable for TOS */
			mark = "!H";
			break;
		case ICMP_UNREACH_PROTO:
			mark = "!P";
			break;
		case 9: case 10: case 13:	/* administratively prohibited */
			mark = "!A";
			break;
		default:
			mark = "!U";
			break;
		}
	}
	addr_set_v4(&from, src);
	answered(t, kind, &from, mark);
}

void traceroute_icmp6_input(struct router *r, const uint8_t *src, const uint8_t *icmp,
			    size_t len)
{
	struct traceroute *t;
	const char *mark = "";
	enum tr_kind kind;
	struct addr from;

	if (!r->traces || len < 8 + 28)
		return;
	if (icmp[0] != ICMP6_TIME_EXCEEDED && icmp[0] != ICMP6_UNREACH &&
	    !(icmp[0] == ICMP6_PARAM_PROB && icmp[1] == 1))
		return;
	if (!(t = find_probe(r, icmp + 8, len - 8, 0)))
		return;
	if (icmp[0] == ICMP6_TIME_EXCEEDED) {
		kind = TR_TIME_EXCEEDED;
	} else if (icmp[0] == ICMP6_PARAM_PROB) {
		kind = TR_UNREACH;		/* unrecognized next header */
		mark = "!P";
	} else {
		kind = TR_UNREACH;
		switch (icmp[1]) {
		case ICMP6_UNREACH_PORT:
			kind = TR_REACHED;
			break;
		case ICMP6_UNREACH_NOROUTE:
			mark = "!N";
			break;
		case ICMP6_UNREACH_ADDR:
			mark = "!H";
			break;
		case ICMP6_UNREACH_ADMIN:
		case 5:			/* source address failed ingress/egress policy */
		case 6:			/* reject route to destination */
			mark = "!A";
			break;
		default:		/* beyond scope of source address, ... */
			mark = "!U";
			break;
		}
	}
	addr_set_v6(&from, src);
	answered(t, kind, &from, mark);
}

/* The IPv4 checks of traceroute_start: destination and source. */
static int check4(struct router *r, const struct tr_params *tp, struct traceroute *t,
		  char *err, size_t errlen)
{
	struct iface *ifp;

	if (tp->dst.u.v4 == 0) {
		snprintf(err, errlen, "%% Unrecognized host or address.");
		return -1;
	}
	if (tp->src_ifname[0]) {
		ifp = iface_find(r, tp->src_ifname);
		if (ifp && ifp->vrf != tp->vrf) {
			snprintf(err, errlen, "%% Source interface %s is not in VRF %s",
				 ifp->name, vrf_name(r, tp->vrf));
			return -1;
		}
		if (!ifp || !ifp->has_addr || ifp->shutdown) {
			snprintf(err, errlen, "%% Invalid source interface - "
				 "IP not enabled or interface is down");
			return -1;
		}
		t->src = ifp->addr;
	} else if (tp->src.afi != AFI_NONE) {
		if (!addr_is_v4(&tp->src) || !iface_by_addr(r, tp->src.u.v4)) {
			snprintf(err, errlen, "%% Invalid source address- IP address "
				 "not on any of our up interfaces");
			return -1;
		}
		t->src = tp->src.u.v4;
	}
	t->dst = tp->dst.u.v4;
	return 0;
}

/* The IPv6 checks: destination and source (a link-local or multicast
 * destination needs 'source IF', as for ping). */
static int check6(struct router *r, const struct tr_params *tp, struct traceroute *t,
		  char *err, size_t errlen)
{
	const uint8_t *dst = tp->dst.u.b;
	struct iface *ifp;

	if (ip6_is_unspec(dst) || ip6_is_loopback(dst) || ip6_is_mcast(dst)) {
		snprintf(err, errlen, "%% Unrecognized host or address.");
		return -1;
	}
	if (tp->src_ifname[0]) {
		ifp = iface_find(r, tp->src_ifname);
		if (ifp && ifp->vrf != tp->vrf) {
			snprintf(err, errlen, "%% Source interface %s is not in VRF %s",
				 ifp->name, vrf_name(r, tp->vrf));
			return -1;
		}
		if (!ifp || !ifp->v6.running) {
			snprintf(err, errlen, "%% Invalid source interface - "
				 "IPv6 not enabled or interface is down");
			return -1;
		}
		t->oif6 = ifp;
		if (!ip6_is_linklocal(dst) && ipv6_source_for(r, dst, ifp, t->src6))
			t->has_src6 = true;
	} else if (tp->src.afi != AFI_NONE) {
		if (!addr_is_v6(&tp->src) || !iface6_owns(r, NULL, tp->src.u.b)) {
			snprintf(err, errlen, "%% Invalid source address- IPv6 address "
				 "not on any of our up interfaces");
			return -1;
		}
		memcpy(t->src6, tp->src.u.b, 16);
		t->has_src6 = true;
	}
	if (ip6_is_linklocal(dst) && !t->oif6) {
		snprintf(err, errlen, "%% Output interface is required for a link-local "
			 "destination (source IF)");
		return -1;
	}
	memcpy(t->dst6, dst, 16);
	t->v6 = true;
	return 0;
}

static unsigned start_in(struct router *r, const struct tr_params *tp,
			 tr_probe_fn probe, tr_done_fn done, void *arg,
			 char *err, size_t errlen)
{
	struct traceroute *t;
	unsigned ttl_min = tp->ttl_min ? tp->ttl_min : 1;
	unsigned ttl_max = tp->ttl_max ? tp->ttl_max : TR_DEF_TTL_MAX;
	uint8_t src6[16];
	int rc;

	if (!addr_is_v4(&tp->dst) && !addr_is_v6(&tp->dst)) {
		snprintf(err, errlen, "%% Unrecognized host or address.");
		return 0;
	}
	if (!(t = calloc(1, sizeof(*t)))) {
		snprintf(err, errlen, "%% Out of memory");
		return 0;
	}
	rc = addr_is_v6(&tp->dst) ? check6(r, tp, t, err, errlen) : check4(r, tp, t, err, errlen);
	if (rc == 0 && (ttl_min > 255 || ttl_max > 255 || ttl_min > ttl_max)) {
		snprintf(err, errlen, "%% Minimum TTL %u greater than maximum TTL %u", ttl_min, ttl_max);
		rc = -1;
	}
	if (rc == 0 && (tp->probes > TR_MAX_PROBES || tp->port > 65535)) {
		snprintf(err, errlen, "%% Invalid probe count or port");
		rc = -1;
	}
	if (rc == 0 && !(t->timer = ev_timer_new(r->ev, on_timer, t))) {
		snprintf(err, errlen, "%% Out of memory");
		rc = -1;
	}
	if (rc == -1) {
		free(t);
		return 0;
	}
	t->p = *tp;
	t->p.probes = tp->probes ? tp->probes : TR_DEF_PROBES;
	t->p.timeout_ms = tp->timeout_ms ? tp->timeout_ms : TR_DEF_TIMEOUT_MS;
	t->p.ttl_min = ttl_min;
	t->p.ttl_max = ttl_max;
	t->p.port = tp->port ? tp->port : TR_DEF_PORT;
	t->r = r;
	t->id = ++r->tr_next_id ? r->tr_next_id : ++r->tr_next_id;
	t->sport = (uint16_t)(TR_SPORT_BASE + (t->id & 0x3fff));
	t->ttl = ttl_min;
	t->probe = probe;
	t->done = done;
	t->arg = arg;
	t->res.dst = tp->dst;
	if (!t->v6)
		addr_set_v4(&t->res.src, t->src ? t->src : ipv4_source_for(r, t->dst));
	else if (t->has_src6)
		addr_set_v6(&t->res.src, t->src6);
	else if (ipv6_source_for(r, t->dst6, t->oif6, src6))
		addr_set_v6(&t->res.src, src6);
	t->next = r->traces;
	r->traces = t;
	send_probe(t);
	return t->id;
}

/* The checks and the first probe in the trace's VRF (the source
 * addresses of its interfaces, its table). */
unsigned traceroute_start(struct router *r, const struct tr_params *tp,
			  tr_probe_fn probe, tr_done_fn done, void *arg,
			  char *err, size_t errlen)
{
	unsigned was, id;

	if (!vrf_name(r, tp->vrf)) {
		snprintf(err, errlen, "%% VRF id %u does not exist", tp->vrf);
		return 0;
	}
	was = rt_vrf_enter(r, tp->vrf);
	id = start_in(r, tp, probe, done, arg, err, errlen);
	r->cur_vrf = was;
	return id;
}

void traceroute_cancel(struct router *r, unsigned id)
{
	struct traceroute *t;

	for (t = r->traces; t; t = t->next)
		if (t->id == id) {
			t->res.cancelled = true;
			finish(t);
			return;
		}
}

unsigned traceroute_active(const struct router *r)
{
	const struct traceroute *t;
	unsigned n = 0;

	for (t = r->traces; t; t = t->next)
		n++;
	return n;
}

void traceroute_fini(struct router *r)
{
	struct traceroute *t;

	while ((t = r->traces)) {
		r->traces = t->next;
		ev_timer_free(t->timer);
		free(t);
	}
}

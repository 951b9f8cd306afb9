/*
 * DOC: the neighbor cache, NS/NA, duplicate address detection, RAs
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "ether.h"
#include "icmpv6.h"
#include "ipv6.h"
#include "log.h"
#include "nd.h"
#include "router_int.h"

#define ND_BUCKETS	1024
#define ND_HOPLIMIT	255
#define ND_RA_MIN_GAP_MS 3000u		/* MIN_DELAY_BETWEEN_RAS */
#define NA_F_ROUTER	0x80
#define NA_F_SOLICITED	0x40
#define NA_F_OVERRIDE	0x20
#define OPT_SLLA	1
#define OPT_TLLA	2
#define OPT_PREFIX	3
#define OPT_MTU		5

struct nd_pkt {
	struct nd_pkt *next;
	bool owned;			/* router_set_out_owned() when queued */
	size_t len;
	uint8_t data[];
};

struct nd_entry {
	struct nd_entry *next;		/* hash chain */
	struct router *r;
	struct iface *ifp;
	uint8_t ip[16];
	uint8_t mac[6];
	enum nd_state state;
	bool is_router;
	unsigned probes;
	uint64_t updated;
	struct evtimer *timer;
	struct nd_pkt *q, **qtail;
	unsigned qn;
};

static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };

const char *nd_state_name(enum nd_state s)
{
	static const char *const n[] = { "INCMP", "REACH", "STALE", "DELAY", "PROBE" };

	return (unsigned)s < 5 ? n[s] : "?";
}

static unsigned nd_hash(const struct iface *ifp, const uint8_t ip[16])
{
	uint32_t h = (uint32_t)((uintptr_t)ifp >> 4), w;
	unsigned i;

	for (i = 0; i < 16; i += 4) {
		memcpy(&w, ip + i, 4);
		h = (h ^ w) * 0x9e3779b1u;
	}
	return h >> (32 - 10);		/* ND_BUCKETS = 2^10 */
}

int nd_init(struct router *r)
{
	r->nd_tab = calloc(ND_BUCKETS, sizeof(*r->nd_tab));
	r->nd_qlen = ND_QUEUE_DEFAULT;
	return r->nd_tab ? 0 : -1;
}

static struct nd_entry *lookup(struct router *r, const struct iface *ifp, const uint8_t ip[16])
{
	struct nd_entry *e;

	if (!r->nd_tab)
		return NULL;
	for (e = r->nd_tab[nd_hash(ifp, ip)]; e; e = e->next)
		if (e->ifp == ifp && memcmp(e->ip, ip, 16) == 0)
			return e;
	return NULL;
}

static void drop_queue(struct router *r, struct nd_entry *e, bool tell)
{
	struct nd_pkt *p;

	while ((p = e->q)) {
		e->q = p->next;
		r->st6.drops[RT6_DROP_ND_UNRESOLVED]++;
		/* its owner counts it as it counts an unresolved ARP */
		rt_lost(r, p->owned, RT_DROP_ARP_UNRESOLVED);
		e->ifp->cnt.out_errors++;
		r->nd_pending--;
		/* RFC 4861 7.2.2: address unreachable for what was waiting. */
		if (tell)
			icmp6_error(r, NULL, p->data + ETHER_HDRLEN, p->len - ETHER_HDRLEN,
				    ICMP6_UNREACH, ICMP6_UNREACH_ADDR, 0, false);
		free(p);
	}
	e->qtail = &e->q;
	e->qn = 0;
}

static void entry_free(struct router *r, struct nd_entry *e, bool tell)
{
	struct nd_entry **pp;

	for (pp = &r->nd_tab[nd_hash(e->ifp, e->ip)]; *pp; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	r->nd_n--;
	drop_queue(r, e, tell);
	ev_timer_free(e->timer);
	free(e);
}

void nd_fini(struct router *r)
{
	nd_clear(r);
	free(r->nd_tab);
	r->nd_tab = NULL;
}

/* ------------------------------------------------------------ sending */

static void put_lla(uint8_t *o, uint8_t type, const uint8_t mac[6])
{
	o[0] = type;
	o[1] = 1;
	memcpy(o + 2, mac, 6);
}

/* Finish an ND message in f (headroom, IPv6 header, ICMPv6 of ilen) and
 * send it to dst at MAC dmac (NULL: resolve or map the group). */
static void nd_send(struct router *r, struct iface *ifp, uint8_t *f, const uint8_t src[16],
		    const uint8_t dst[16], size_t ilen, const uint8_t *dmac)
{
	uint8_t *ip = f + ETHER_HDRLEN, *icmp = ip + IP6_HDRLEN;
	uint16_t sum;

	ipv6_build_hdr(ip, (uint16_t)ilen, IPPROTO_ICMPV6_, ND_HOPLIMIT, src, dst);
	icmp[2] = icmp[3] = 0;
	sum = ipv6_l4_cksum(ip, IPPROTO_ICMPV6_, icmp, ilen);
	memcpy(icmp + 2, &sum, 2);
	r->st6.icmp_total[1]++;
	r->st6.originated++;
	if (dmac)
		ether_send(r, ifp, dmac, ETHERTYPE_IPV6, f, ETHER_HDRLEN + IP6_HDRLEN + ilen);
	else
		ipv6_send_nh(r, ifp, dst, f, ETHER_HDRLEN + IP6_HDRLEN + ilen);
}

/* Our source for ND on ifp: the link-local, else a global address. */
static bool nd_source(struct iface *ifp, uint8_t out[16])
{
	unsigned i;

	if (ifp->v6.ll.used && ifp->v6.ll.state == IP6A_PREFERRED) {
		memcpy(out, ifp->v6.ll.a, 16);
		return true;
	}
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used && ifp->v6.g[i].state == IP6A_PREFERRED) {
			memcpy(out, ifp->v6.g[i].a, 16);
			return true;
		}
	return false;
}

/* A solicitation for target: to its solicited-node group (dmac NULL) or
 * unicast to a known MAC; dad: from the unspecified address. */
static void send_ns(struct router *r, struct iface *ifp, const uint8_t target[16],
		    const uint8_t *dmac, bool dad)
{
	uint8_t f[ETHER_HDRLEN + IP6_HDRLEN + 32], *icmp = f + ETHER_HDRLEN + IP6_HDRLEN;
	uint8_t src[16], dst[16];
	size_t ilen = 24;

	memset(src, 0, 16);
	if (!dad && !nd_source(ifp, src)) {
		r->st6.drops[RT6_DROP_NO_SOURCE]++;
		return;
	}
	if (dmac)
		memcpy(dst, target, 16);
	else
		ip6_solicited_node(target, dst);
	memset(icmp, 0, 24);
	icmp[0] = ND_NEIGHBOR_SOLICIT;
	memcpy(icmp + 8, target, 16);
	if (!dad) {
		put_lla(icmp + 24, OPT_SLLA, ifp->mac);
		ilen += 8;
	}
	r->st6.ns[1]++;
	if (debug_on(DEBUG_IP_ICMP)) {
		char t[INET6_ADDRSTRLEN];

		log_msg(LOG_DEBUG, "ICMPv6-ND: Sending NS for %s on %s",
			inet_ntop(AF_INET6, target, t, sizeof(t)), ifp->name);
	}
	nd_send(r, ifp, f, src, dst, ilen, dmac);
}

static void send_na(struct router *r, struct iface *ifp, const uint8_t target[16],
		    const uint8_t dst[16], const uint8_t *dmac, bool solicited)
{
	uint8_t f[ETHER_HDRLEN + IP6_HDRLEN + 32], *icmp = f + ETHER_HDRLEN + IP6_HDRLEN;

	memset(icmp, 0, 24);
	icmp[0] = ND_NEIGHBOR_ADVERT;
	icmp[4] = (uint8_t)((r->v6_routing ? NA_F_ROUTER : 0) |
			    (solicited ? NA_F_SOLICITED : 0) | NA_F_OVERRIDE);
	memcpy(icmp + 8, target, 16);
	put_lla(icmp + 24, OPT_TLLA, ifp->mac);
	r->st6.na[1]++;
	nd_send(r, ifp, f, target, dst, 32, dmac);
}

/* ------------------------------------------------------------ the cache */

static void set_timer(struct nd_entry *e, uint64_t ms)
{
	ev_timer_arm(e->timer, ms * NS_PER_MS);
}

static void flush_queue(struct router *r, struct nd_entry *e)
{
	struct nd_pkt *p;

	while ((p = e->q)) {
		bool was = r->out_owned;

		e->q = p->next;
		r->nd_pending--;
		r->out_owned = p->owned;	/* its owner hears of a port error */
		ether_send(r, e->ifp, e->mac, ETHERTYPE_IPV6, p->data, p->len);
		r->out_owned = was;
		free(p);
	}
	e->qtail = &e->q;
	e->qn = 0;
}

static void set_state(struct router *r, struct nd_entry *e, enum nd_state s)
{
	e->state = s;
	e->probes = 0;
	e->updated = ev_now(r->ev);
	switch (s) {
	case ND_REACHABLE:
		set_timer(e, ND_REACHABLE_MS);
		break;
	case ND_STALE:
		set_timer(e, (uint64_t)ND_STALE_MAX_S * 1000);
		break;
	case ND_DELAY:
		set_timer(e, ND_DELAY_MS);
		break;
	default:
		break;
	}
}

static void on_timer(void *arg)
{
	struct nd_entry *e = arg;
	struct router *r = e->r;

	switch (e->state) {
	case ND_INCOMPLETE:
		if (e->probes >= ND_MAX_MCAST_SOL) {
			entry_free(r, e, true);
			return;
		}
		e->probes++;
		send_ns(r, e->ifp, e->ip, NULL, false);
		set_timer(e, ND_RETRANS_MS);
		break;
	case ND_REACHABLE:
		set_state(r, e, ND_STALE);
		e->updated = ev_now(r->ev);
		break;
	case ND_STALE:
		entry_free(r, e, false);
		break;
	case ND_DELAY:
		e->state = ND_PROBE;
		e->probes = 0;
		/* fall through */
	case ND_PROBE:
		if (e->probes >= ND_MAX_UCAST_SOL) {
			entry_free(r, e, false);
			return;
		}
		e->probes++;
		send_ns(r, e->ifp, e->ip, e->mac, false);
		set_timer(e, ND_RETRANS_MS);
		break;
	}
}

static struct nd_entry *entry_new(struct router *r, struct iface *ifp, const uint8_t ip[16])
{
	struct nd_entry *e;
	unsigned h;

	if (r->nd_n >= ND_CACHE_MAX) {
		r->st6.drops[RT6_DROP_ND_CACHE_FULL]++;
		return NULL;
	}
	if (!(e = calloc(1, sizeof(*e))))
		return NULL;
	if (!(e->timer = ev_timer_new(r->ev, on_timer, e))) {
		free(e);
		return NULL;
	}
	h = nd_hash(ifp, ip);
	e->r = r;
	e->ifp = ifp;
	memcpy(e->ip, ip, 16);
	e->qtail = &e->q;
	e->next = r->nd_tab[h];
	r->nd_tab[h] = e;
	r->nd_n++;
	return e;
}

void nd_resolve(struct router *r, struct iface *ifp, const uint8_t nh[16], uint8_t *f,
		size_t len)
{
	struct nd_entry *e;
	struct nd_pkt *p;

	if (!ifp->port || !ifp->v6.running) {
		rt6_drop(r, NULL, RT6_DROP_ND_UNRESOLVED);
		rt_lost(r, r->out_owned, RT_DROP_ARP_UNRESOLVED);
		return;
	}
	e = lookup(r, ifp, nh);
	if (e && e->state != ND_INCOMPLETE) {
		if (e->state == ND_STALE)
			set_state(r, e, ND_DELAY);
		ether_send(r, ifp, e->mac, ETHERTYPE_IPV6, f, len);
		return;
	}
	if (!e) {
		bool was = r->out_owned;

		if (!(e = entry_new(r, ifp, nh))) {
			rt6_drop(r, NULL, RT6_DROP_ND_UNRESOLVED);
			rt_lost(r, r->out_owned, RT_DROP_ARP_UNRESOLVED);
			ifp->cnt.out_errors++;
			return;
		}
		e->state = ND_INCOMPLETE;
		e->updated = ev_now(r->ev);
		e->probes = 1;
		r->out_owned = false;	/* the NS is the router's own */
		send_ns(r, ifp, nh, NULL, false);
		r->out_owned = was;
		set_timer(e, ND_RETRANS_MS);
	}
	if (e->qn >= r->nd_qlen || r->nd_pending >= ND_PENDING_MAX) {
		rt6_drop(r, NULL, RT6_DROP_ND_QUEUE_FULL);
		rt_lost(r, r->out_owned, RT_DROP_ARP_QUEUE_FULL);
		ifp->cnt.out_errors++;
		return;
	}
	if (!(p = malloc(sizeof(*p) + len))) {
		rt6_drop(r, NULL, RT6_DROP_ND_UNRESOLVED);
		rt_lost(r, r->out_owned, RT_DROP_ARP_UNRESOLVED);
		return;
	}
	p->next = NULL;
	p->owned = r->out_owned;
	p->len = len;
	memcpy(p->data, f, len);
	*e->qtail = p;
	e->qtail = &p->next;
	e->qn++;
	r->nd_pending++;
}

/* ------------------------------------------------------------ DAD */

static void dad_fail(struct router *r, struct iface *ifp, struct ip6_ifaddr *a)
{
	char t[INET6_ADDRSTRLEN];

	if (a->dad)
		ev_timer_cancel(a->dad);
	a->state = IP6A_DUPLICATE;
	r->st6.dad_duplicates++;
	log_msg(LOG_WARNING, "%%IPV6_ND-4-DUPLICATE: Duplicate address %s on %s",
		inet_ntop(AF_INET6, a->a, t, sizeof(t)), ifp->name);
	fib_rebuild_vrf(r, ifp->vrf);
}

static void dad_timer(void *arg)
{
	struct ip6_ifaddr *a = arg;

	if (a->used && a->state == IP6A_TENTATIVE)
		a->state = IP6A_PREFERRED;
}

void nd_dad_start(struct router *r, struct iface *ifp, struct ip6_ifaddr *a)
{
	a->owner = ifp;
	a->state = IP6A_TENTATIVE;
	if (!a->dad && !(a->dad = ev_timer_new(r->ev, dad_timer, a))) {
		a->state = IP6A_PREFERRED;	/* no timer: skip DAD */
		return;
	}
	a->dad_sent = 1;
	send_ns(r, ifp, a->a, NULL, true);
	ev_timer_arm(a->dad, (uint64_t)ND_RETRANS_MS * NS_PER_MS);
}

/* ------------------------------------------------------------ RAs */

static void send_ra(struct router *r, struct iface *ifp)
{
	uint8_t f[ETHER_HDRLEN + IP6_HDRLEN + 16 + 8 + 8 + 32 * IFACE6_ADDR_MAX];
	uint8_t *icmp = f + ETHER_HDRLEN + IP6_HDRLEN, *o, pfx[IFACE6_ADDR_MAX][17];
	unsigned i, j, np = 0;
	size_t ilen = 16;
	uint32_t mtu = ifp->mtu;

	if (!ifp->v6.ll.used || ifp->v6.ll.state != IP6A_PREFERRED)
		return;
	memset(icmp, 0, 16);
	icmp[0] = ND_ROUTER_ADVERT;
	icmp[4] = IP6_HOPLIMIT_DEFAULT;
	icmp[6] = (uint8_t)(ND_RA_LIFETIME_S >> 8);
	icmp[7] = (uint8_t)ND_RA_LIFETIME_S;
	put_lla(icmp + ilen, OPT_SLLA, ifp->mac);
	ilen += 8;
	o = icmp + ilen;
	o[0] = OPT_MTU;
	o[1] = 1;
	o[2] = o[3] = 0;
	o[4] = (uint8_t)(mtu >> 24);
	o[5] = (uint8_t)(mtu >> 16);
	o[6] = (uint8_t)(mtu >> 8);
	o[7] = (uint8_t)mtu;
	ilen += 8;
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		const struct ip6_ifaddr *a = &ifp->v6.g[i];
		uint8_t p[17];

		if (!a->used || a->state == IP6A_DUPLICATE || a->plen > 64)
			continue;
		memset(p, 0, sizeof(p));
		memcpy(p, a->a, a->plen / 8);
		if (a->plen % 8)
			p[a->plen / 8] = a->a[a->plen / 8] & (uint8_t)(0xff00 >> (a->plen % 8));
		p[16] = a->plen;
		for (j = 0; j < np && memcmp(pfx[j], p, 17); j++)
			;
		if (j < np)
			continue;
		memcpy(pfx[np++], p, 17);
		o = icmp + ilen;
		memset(o, 0, 32);
		o[0] = OPT_PREFIX;
		o[1] = 4;
		o[2] = a->plen;
		o[3] = (uint8_t)(0x80 | (a->plen == 64 ? 0x40 : 0));	/* L, A */
		o[4] = 0x00; o[5] = 0x27; o[6] = 0x8d; o[7] = 0x00;	/* valid 2592000 */
		o[8] = 0x00; o[9] = 0x09; o[10] = 0x3a; o[11] = 0x80;	/* preferred 604800 */
		memcpy(o + 16, p, 16);
		ilen += 32;
	}
	r->st6.ra[1]++;
	ifp->v6.ra_last = ev_now(r->ev);
	nd_send(r, ifp, f, ifp->v6.ll.a, all_nodes, ilen, NULL);
}

static void ra_timer(void *arg)
{
	struct iface *ifp = arg;
	struct router *r = ifp->router;

	send_ra(r, ifp);
	ev_timer_arm(ifp->v6.ra_timer, (uint64_t)ND_RA_INTERVAL_S * NS_PER_SEC);
}

static bool ra_enabled(const struct router *r, const struct iface *ifp)
{
	return ifp->port && ifp->v6.running && ifp->v6.ra_send && r->v6_routing;
}

void nd_ra_update(struct router *r, struct iface *ifp)
{
	if (!ra_enabled(r, ifp)) {
		if (ifp->v6.ra_timer)
			ev_timer_cancel(ifp->v6.ra_timer);
		return;
	}
	if (!ifp->v6.ra_timer && !(ifp->v6.ra_timer = ev_timer_new(r->ev, ra_timer, ifp)))
		return;
	/* The first one once the link-local has passed DAD. */
	if (!ev_timer_armed(ifp->v6.ra_timer))
		ev_timer_arm(ifp->v6.ra_timer, 2 * (uint64_t)ND_RETRANS_MS * NS_PER_MS);
}

/* ------------------------------------------------------------ input */

/* Parse the options after the fixed part: the link-layer address of the
 * wanted type, and -1 on a zero-length or overrunning option. */
static int parse_opts(const uint8_t *o, size_t len, uint8_t want, const uint8_t **lla)
{
	*lla = NULL;
	while (len) {
		size_t ol;

		if (len < 2 || o[1] == 0 || (ol = o[1] * 8u) > len)
			return -1;
		if (o[0] == want && ol == 8)
			*lla = o + 2;
		o += ol;
		len -= ol;
	}
	return 0;
}

static void learn(struct router *r, struct iface *ifp, const uint8_t ip[16],
		  const uint8_t *lla)
{
	struct nd_entry *e = lookup(r, ifp, ip);

	if (!e) {
		if (!(e = entry_new(r, ifp, ip)))
			return;
		memcpy(e->mac, lla, 6);
		set_state(r, e, ND_STALE);
		return;
	}
	if (e->state == ND_INCOMPLETE) {
		memcpy(e->mac, lla, 6);
		set_state(r, e, ND_STALE);
		flush_queue(r, e);
		return;
	}
	if (memcmp(e->mac, lla, 6) != 0) {
		memcpy(e->mac, lla, 6);
		set_state(r, e, ND_STALE);
	}
}

static void ns_input(struct router *r, struct iface *ifp, const uint8_t *ip,
		     const uint8_t *icmp, size_t ilen)
{
	const uint8_t *src = ip + 8, *dst = ip + 24, *target = icmp + 8, *slla;
	struct ip6_ifaddr *own;
	uint8_t sn[16];

	r->st6.ns[0]++;
	if (ilen < 24 || ip6_is_mcast(target) ||
	    parse_opts(icmp + 24, ilen - 24, OPT_SLLA, &slla) == -1)
		goto bad;
	if (ip6_is_unspec(src)) {
		ip6_solicited_node(target, sn);
		if (slla || memcmp(dst, sn, 16) != 0)
			goto bad;
	}
	if (!(own = iface6_find_addr(ifp, target)))
		return;			/* not ours: no proxy ND */
	if (own->state == IP6A_TENTATIVE) {
		/* Another node's DAD for our tentative address. */
		if (ip6_is_unspec(src))
			dad_fail(r, ifp, own);
		return;
	}
	if (own->state == IP6A_DUPLICATE)
		return;
	if (ip6_is_unspec(src)) {
		send_na(r, ifp, target, all_nodes, NULL, false);
		return;
	}
	if (slla)
		learn(r, ifp, src, slla);
	send_na(r, ifp, target, src, slla, true);
	return;
bad:
	rt6_drop(r, ifp, RT6_DROP_ND_INVALID);
}

static void na_input(struct router *r, struct iface *ifp, const uint8_t *ip,
		     const uint8_t *icmp, size_t ilen)
{
	const uint8_t *target = icmp + 8, *tlla;
	uint8_t flags = icmp[4];
	struct ip6_ifaddr *own;
	struct nd_entry *e;
	bool differs;

	r->st6.na[0]++;
	if (ilen < 24 || ip6_is_mcast(target) ||
	    (ip6_is_mcast(ip + 24) && (flags & NA_F_SOLICITED)) ||
	    parse_opts(icmp + 24, ilen - 24, OPT_TLLA, &tlla) == -1) {
		rt6_drop(r, ifp, RT6_DROP_ND_INVALID);
		return;
	}
	if ((own = iface6_find_addr(ifp, target))) {
		char t[INET6_ADDRSTRLEN];

		if (own->state == IP6A_TENTATIVE)
			dad_fail(r, ifp, own);
		else
			log_ratelimited(&r->st6.dad_duplicates, LOG_WARNING,
					"%%IPV6_ND-4-DUPLICATE: Duplicate address %s on %s",
					inet_ntop(AF_INET6, target, t, sizeof(t)), ifp->name);
		return;
	}
	if (!(e = lookup(r, ifp, target)))
		return;
	if (e->state == ND_INCOMPLETE) {
		if (!tlla)
			return;
		memcpy(e->mac, tlla, 6);
		e->is_router = flags & NA_F_ROUTER;
		set_state(r, e, flags & NA_F_SOLICITED ? ND_REACHABLE : ND_STALE);
		flush_queue(r, e);
		return;
	}
	differs = tlla && memcmp(tlla, e->mac, 6) != 0;
	if (!(flags & NA_F_OVERRIDE) && differs) {
		if (e->state == ND_REACHABLE)
			set_state(r, e, ND_STALE);
		return;
	}
	if (tlla)
		memcpy(e->mac, tlla, 6);
	e->is_router = flags & NA_F_ROUTER;
	if (flags & NA_F_SOLICITED)
		set_state(r, e, ND_REACHABLE);
	else if (differs)
		set_state(r, e, ND_STALE);
}

void nd_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
	      size_t off)
{
	const uint8_t *icmp = ip + off;
	size_t ilen = len - off;

	/* RFC 4861 6.1, 7.1: hop limit 255 (from the link) and code 0. */
	if (ip[7] != ND_HOPLIMIT || icmp[1] != 0) {
		switch (icmp[0]) {
		case ND_ROUTER_SOLICIT: r->st6.rs[0]++; break;
		case ND_ROUTER_ADVERT: r->st6.ra[0]++; break;
		case ND_NEIGHBOR_SOLICIT: r->st6.ns[0]++; break;
		case ND_NEIGHBOR_ADVERT: r->st6.na[0]++; break;
		default: r->st6.redirect[0]++; break;
		}
		rt6_drop(r, ifp, RT6_DROP_ND_INVALID);
		return;
	}
	switch (icmp[0]) {
	case ND_NEIGHBOR_SOLICIT:
		ns_input(r, ifp, ip, icmp, ilen);
		break;
	case ND_NEIGHBOR_ADVERT:
		na_input(r, ifp, ip, icmp, ilen);
		break;
	case ND_ROUTER_SOLICIT:
		r->st6.rs[0]++;
		if (ra_enabled(r, ifp) &&
		    ev_now(r->ev) - ifp->v6.ra_last >= (uint64_t)ND_RA_MIN_GAP_MS * NS_PER_MS)
			send_ra(r, ifp);
		break;
	case ND_ROUTER_ADVERT:
		r->st6.ra[0]++;		/* a router does not take RAs */
		break;
	default:
		r->st6.redirect[0]++;	/* nor redirects */
		break;
	}
}

/* ------------------------------------------------------------ views */

void nd_flush_iface(struct router *r, const struct iface *ifp)
{
	struct nd_entry *e, *next;
	unsigned i;

	if (!r->nd_tab)
		return;
	for (i = 0; i < ND_BUCKETS; i++)
		for (e = r->nd_tab[i]; e; e = next) {
			next = e->next;
			if (e->ifp == ifp)
				entry_free(r, e, false);
		}
}

void nd_clear(struct router *r)
{
	unsigned i;

	if (!r->nd_tab)
		return;
	for (i = 0; i < ND_BUCKETS; i++)
		while (r->nd_tab[i])
			entry_free(r, r->nd_tab[i], false);
}

size_t nd_count(const struct router *r)
{
	return r->nd_n;
}

static void fill_info(const struct nd_entry *e, struct nd_info *i)
{
	memcpy(i->ip, e->ip, 16);
	memcpy(i->mac, e->mac, 6);
	i->state = e->state;
	i->is_router = e->is_router;
	i->ifp = e->ifp;
	i->updated = e->updated;
	i->queued = e->qn;
}

bool nd_get(struct router *r, const struct iface *ifp, const uint8_t ip[16],
	    struct nd_info *out)
{
	struct nd_entry *e = lookup(r, ifp, ip);

	if (!e)
		return false;
	if (out)
		fill_info(e, out);
	return true;
}

struct sort_item {
	unsigned ifpos;
	struct nd_info info;
};

static int sort_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c = memcmp(x->info.ip, y->info.ip, 16);

	if (c)
		return c;
	return x->ifpos < y->ifpos ? -1 : x->ifpos > y->ifpos;
}

int nd_foreach(struct router *r, int (*fn)(const struct nd_info *e, void *arg), void *arg)
{
	struct sort_item *v;
	struct nd_entry *e;
	size_t n = 0, i;
	unsigned b;
	int rc = 0;

	if (!r->nd_n)
		return 0;
	if (!(v = calloc(r->nd_n, sizeof(*v))))
		return -1;
	iface_number(r);
	for (b = 0; b < ND_BUCKETS; b++)
		for (e = r->nd_tab[b]; e && n < r->nd_n; e = e->next) {
			v[n].ifpos = e->ifp ? e->ifp->order : UINT_MAX;
			fill_info(e, &v[n].info);
			n++;
		}
	qsort(v, n, sizeof(*v), sort_cmp);
	for (i = 0; i < n && rc == 0; i++)
		rc = fn(&v[i].info, arg);
	free(v);
	return rc;
}

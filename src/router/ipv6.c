/*
 * DOC: IPv6 input, forwarding, router-originated output, interface addresses
 */
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>

#include "ether.h"
#include "icmpv6.h"
#include "ipv6.h"
#include "log.h"
#include "lpm.h"
#include "nd.h"
#include "router_int.h"

static const char *const drop6_names[] = {
#define RT6_DROP_NAME(id, text) text,
	RT6_DROP_REASONS(RT6_DROP_NAME)
#undef RT6_DROP_NAME
};

const char *rt6_drop_name(enum rt6_drop d)
{
	return (unsigned)d < RT6_DROP__COUNT ? drop6_names[d] : NULL;
}

/* ------------------------------------------------------------ helpers */

void ip6_solicited_node(const uint8_t a[16], uint8_t out[16])
{
	static const uint8_t pfx[13] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };

	memcpy(out, pfx, 13);
	memcpy(out + 13, a + 13, 3);
}

void ip6_mcast_mac(const uint8_t g[16], uint8_t mac[6])
{
	mac[0] = mac[1] = 0x33;
	memcpy(mac + 2, g + 12, 4);
}

void ip6_eui64(const uint8_t mac[6], uint8_t out[16])
{
	out[8] = mac[0] ^ 0x02;
	out[9] = mac[1];
	out[10] = mac[2];
	out[11] = 0xff;
	out[12] = 0xfe;
	out[13] = mac[3];
	out[14] = mac[4];
	out[15] = mac[5];
}

static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t len)
{
	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t ipv6_l4_cksum(const uint8_t *ip6, uint8_t nxt, const uint8_t *l4, size_t l4len)
{
	uint32_t sum = 0;
	uint16_t v;

	sum = sum16(sum, ip6 + 8, 32);
	sum += (uint32_t)(l4len >> 16) + (uint32_t)(l4len & 0xffff);
	sum += nxt;
	sum = sum16(sum, l4, l4len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	v = htons((uint16_t)~sum);
	return v;
}

void ipv6_build_hdr(uint8_t *ip, uint16_t plen, uint8_t nxt, uint8_t hlim,
		    const uint8_t src[16], const uint8_t dst[16])
{
	ip[0] = 0x60;
	ip[1] = ip[2] = ip[3] = 0;
	ip[4] = (uint8_t)(plen >> 8);
	ip[5] = (uint8_t)plen;
	ip[6] = nxt;
	ip[7] = hlim;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
}

/* An IPv6 address as IOS writes it, in capitals. */
static const char *upper6(const uint8_t *a, char *buf, size_t len)
{
	inet_ntop(AF_INET6, a, buf, (socklen_t)len);
	for (char *c = buf; *c; c++)
		if (*c >= 'a' && *c <= 'f')
			*c = (char)(*c - 'a' + 'A');
	return buf;
}

/* 'debug ipv6 packet [access-list LIST] [detail]', IOS's three lines:
 * "IPV6: source A (IF)", "      dest B (IF)", "      traffic class 0,
 * flow 0x0, len 104, prot 58, hops 64, forwarding"; detail adds the upper
 * layer's. */
static void debug_pkt(struct router *r, const struct iface *in, const struct iface *out, const uint8_t *ip,
		      size_t len, const char *what)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN], o[IFACE_NAMELEN + 4] = "", x[96];
	unsigned tc = (ip[0] & 0x0fu) << 4 | ip[1] >> 4;
	unsigned flow = (ip[1] & 0x0fu) << 16 | (unsigned)ip[2] << 8 | ip[3];

	if (!acl_debug_shows(r, true, ip, len))
		return;
	if (out)
		snprintf(o, sizeof(o), " (%s)", out->name);
	log_msg(LOG_DEBUG, "IPV6: source %s (%s)", upper6(ip + 8, s, sizeof(s)), in ? in->name : "local");
	log_msg(LOG_DEBUG, "      dest %s%s", upper6(ip + 24, d, sizeof(d)), o);
	log_msg(LOG_DEBUG, "      traffic class %u, flow 0x%X, len %zu, prot %u, hops %u, %s", tc, flow, len, ip[6],
		ip[7], what);
	acl_debug_detail(r, true, ip, len, x, sizeof(x));
	if (x[0])
		log_msg(LOG_DEBUG, "%s", x);
}

/* ------------------------------------------------------------ interfaces */

static bool iface6_wanted(const struct iface *ifp)
{
	unsigned i;

	if (ifp->null || !iface_is_up(ifp))	/* shut, or its link down */
		return false;
	if (ifp->v6.enable)
		return true;
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used)
			return true;
	return false;
}

bool iface6_running(const struct iface *ifp)
{
	return ifp->v6.running;
}

static bool usable(const struct ip6_ifaddr *a)
{
	return a->used && a->state == IP6A_PREFERRED;
}

struct ip6_ifaddr *iface6_find_addr(struct iface *ifp, const uint8_t a[16])
{
	unsigned i;

	if (!ifp->v6.running)
		return NULL;
	if (ifp->v6.ll.used && memcmp(ifp->v6.ll.a, a, 16) == 0)
		return &ifp->v6.ll;
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used && memcmp(ifp->v6.g[i].a, a, 16) == 0)
			return &ifp->v6.g[i];
	return NULL;
}

bool iface6_owns(const struct router *r, const struct iface *ifp, const uint8_t a[16])
{
	const struct fib_entry *e;
	struct ip6_ifaddr *x;

	if (ifp) {
		x = iface6_find_addr((struct iface *)ifp, a);
		return x && x->state == IP6A_PREFERRED;
	}
	if (ip6_is_linklocal(a))
		return false;
	/* Every address of a running interface that is not a duplicate has
	 * its /128 local route, to that interface: one lookup instead of a
	 * walk over every interface's slots, which each IPv6 ITR-RLOC of a
	 * Map-Request from anyone paid up to three times. */
	e = fib6_lookup_vrf((struct router *)r, r->cur_vrf, a);
	if (!e || e->type != FIB_LOCAL || e->prefix.len != 128 || !e->oif)
		return false;
	x = iface6_find_addr(e->oif, a);
	return x && x->state == IP6A_PREFERRED;
}

/* The MAC an interface's identifiers come from: its own (a configured
 * 'mac-address' included), or for a virtual interface the router's base
 * MAC, which does not change once set (iface.c). */
static const uint8_t *base_mac(const struct router *r, const struct iface *ifp)
{
	return ifp->port ? ifp->mac : r->base_mac;
}

static void set_ll(struct router *r, struct iface *ifp)
{
	struct ip6_ifaddr *ll = &ifp->v6.ll;

	memset(ll->a, 0, 16);
	if (ifp->v6.ll_manual) {
		memcpy(ll->a, ifp->v6.ll_cfg, 16);
	} else {
		ll->a[0] = 0xfe;
		ll->a[1] = 0x80;
		ip6_eui64(base_mac(r, ifp), ll->a);
	}
	ll->plen = 128;
	ll->used = true;
}

static void addr_start(struct router *r, struct iface *ifp, struct ip6_ifaddr *a)
{
	a->owner = ifp;
	if (ifp->port)
		nd_dad_start(r, ifp, a);
	else
		a->state = IP6A_PREFERRED;
}

static void addr_stop(struct ip6_ifaddr *a)
{
	if (a->dad)
		ev_timer_cancel(a->dad);
	a->state = IP6A_TENTATIVE;
}

/* The link-local address (made anew from the MAC or the configuration)
 * and every configured one: DAD from the start. */
static void addrs_start(struct router *r, struct iface *ifp)
{
	unsigned i;

	set_ll(r, ifp);
	addr_start(r, ifp, &ifp->v6.ll);
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used)
			addr_start(r, ifp, &ifp->v6.g[i]);
}

/* Every address back to tentative, the neighbours forgotten. */
static void addrs_stop(struct router *r, struct iface *ifp)
{
	unsigned i;

	addr_stop(&ifp->v6.ll);
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		addr_stop(&ifp->v6.g[i]);
	nd_flush_iface(r, ifp);
}

/* Bring IPv6 up or down on ifp as its configuration and state say.
 * The caller rebuilds the FIB. */
static void update_running(struct router *r, struct iface *ifp)
{
	bool want = iface6_wanted(ifp);

	if (want == ifp->v6.running)
		return;
	ifp->v6.running = want;
	if (want) {
		addrs_start(r, ifp);
	} else {
		addrs_stop(r, ifp);
		ifp->v6.ll.used = false;
	}
	nd_ra_update(r, ifp);
}

void iface6_changed(struct router *r, struct iface *ifp)
{
	update_running(r, ifp);
}

void iface6_mac_changed(struct router *r, struct iface *ifp)
{
	unsigned i;

	if (ifp->v6.running)
		addrs_stop(r, ifp);
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		struct ip6_ifaddr *x = &ifp->v6.g[i];

		if (x->used && x->eui64) {
			memcpy(x->a, x->cfg, 16);
			ip6_eui64(base_mac(r, ifp), x->a);
		}
	}
	if (ifp->v6.running) {
		addrs_start(r, ifp);
		nd_ra_update(r, ifp);
	}
	fib_rebuild_vrf(r, ifp->vrf);
}

void iface6_fini(struct iface *ifp)
{
	unsigned i;

	ev_timer_free(ifp->v6.ll.dad);
	ifp->v6.ll.dad = NULL;
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		ev_timer_free(ifp->v6.g[i].dad);
		ifp->v6.g[i].dad = NULL;
	}
	ev_timer_free(ifp->v6.ra_timer);
	ifp->v6.ra_timer = NULL;
}

static void mask6(uint8_t *a, unsigned plen)
{
	unsigned i;

	for (i = 0; i < 16; i++) {
		if (plen >= 8) {
			plen -= 8;
			continue;
		}
		a[i] &= (uint8_t)(0xff00 >> plen);
		plen = 0;
	}
}

static bool same_prefix(const uint8_t *a, const uint8_t *b, unsigned plen)
{
	uint8_t x[16], y[16];

	memcpy(x, a, 16);
	memcpy(y, b, 16);
	mask6(x, plen);
	mask6(y, plen);
	return memcmp(x, y, 16) == 0;
}

void ip6_ifaddr_prefix(const struct ip6_ifaddr *x, struct prefix *p)
{
	struct addr a;

	addr_set_v6(&a, x->a);
	prefix_make(p, &a, x->plen);
}

static void fmt6(const uint8_t *a, char *buf, size_t len)
{
	struct addr x;

	addr_set_v6(&x, a);
	addr_fmt(&x, buf, len);
}

int iface6_add_addr(struct router *r, struct iface *ifp, const struct addr *a,
		    unsigned plen, bool eui64, char *err, size_t errlen)
{
	struct iface *o;
	struct ip6_ifaddr *slot = NULL;
	struct prefix np, op;
	struct addr net;
	uint8_t full[16], cfg[16];
	char buf[ADDR_STRLEN];
	unsigned i;
	bool only_new;

	if (!addr_is_v6(a) || plen > 128) {
		snprintf(err, errlen, "%% Invalid IPv6 address or prefix length");
		return -1;
	}
	if (ifp->null) {
		snprintf(err, errlen, "%% Null0 takes no address");
		return -1;
	}
	memcpy(cfg, a->u.b, 16);
	memcpy(full, a->u.b, 16);
	if (eui64) {
		if (plen > 64) {
			snprintf(err, errlen, "%% Prefix length must be 64 or less with eui-64");
			return -1;
		}
		mask6(cfg, plen);
		memcpy(full, cfg, 16);
		ip6_eui64(base_mac(r, ifp), full);
	}
	fmt6(full, buf, sizeof(buf));
	if (ip6_is_mcast(full) || ip6_is_unspec(full) || ip6_is_loopback(full) || plen == 0) {
		snprintf(err, errlen, "%% Invalid address %s", buf);
		return -1;
	}
	if (ip6_is_linklocal(full)) {
		snprintf(err, errlen, "%% %s is a link-local address: use 'ipv6 address %s link-local'",
			 buf, buf);
		return -1;
	}
	addr_set_v6(&net, full);
	prefix_make(&np, &net, plen);
	if ((o = subnet_overlap(r, ifp, &np))) {
		fmt6(np.addr.u.b, buf, sizeof(buf));
		snprintf(err, errlen, "%% %s/%u overlaps with %s", buf, plen, o->name);
		return -1;
	}
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		struct ip6_ifaddr *x = &ifp->v6.g[i];

		/* The same line again: an eui-64 address is its configured
		 * prefix, since the MAC it is made from can change in between
		 * (a 'mac-address', the base MAC set by the first port). */
		if (x->used && eui64 && x->eui64 && x->plen == plen && !memcmp(x->cfg, cfg, 16))
			return 0;
		if (x->used && memcmp(x->a, full, 16) == 0) {
			if (x->plen == plen && x->eui64 == eui64)
				return 0;
			if (subnet_add(r, ifp, &np) == -1)
				goto nomem;
			ip6_ifaddr_prefix(x, &op);
			x->plen = (uint8_t)plen;
			x->eui64 = eui64;
			memcpy(x->cfg, cfg, 16);
			subnet_del(r, ifp, &op);
			fib_rebuild_vrf(r, ifp->vrf);
			return 0;
		}
		if (!x->used && !slot)
			slot = x;
	}
	/* Only the new address's routes are new when IPv6 was running (the
	 * others' are in) or it is the first (running starts with it). */
	only_new = true;
	for (i = 0; i < IFACE6_ADDR_MAX && !ifp->v6.running; i++)
		only_new &= !ifp->v6.g[i].used;
	if (!slot) {
		snprintf(err, errlen, "%% Too many IPv6 addresses on %s (at most %u)",
			 ifp->name, IFACE6_ADDR_MAX);
		return -1;
	}
	if (subnet_add(r, ifp, &np) == -1)
		goto nomem;
	memcpy(slot->a, full, 16);
	memcpy(slot->cfg, cfg, 16);
	slot->plen = (uint8_t)plen;
	slot->eui64 = eui64;
	slot->used = true;
	slot->state = IP6A_TENTATIVE;
	slot->owner = ifp;
	if (ifp->v6.running)
		addr_start(r, ifp, slot);
	else
		update_running(r, ifp);
	nd_ra_update(r, ifp);
	if (only_new)
		fib6_iface_addr_added(r, ifp, slot);
	else
		fib_rebuild_vrf(r, ifp->vrf);
	return 0;
nomem:
	snprintf(err, errlen, "%% Out of memory");
	return -1;
}

int iface6_del_addr(struct router *r, struct iface *ifp, const struct addr *a,
		    unsigned plen, bool eui64, char *err, size_t errlen)
{
	struct prefix p;
	unsigned i;
	bool inc;

	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		struct ip6_ifaddr *x = &ifp->v6.g[i];

		if (!x->used || x->eui64 != eui64 || x->plen != plen)
			continue;
		if (eui64 ? !same_prefix(x->cfg, a->u.b, plen) : memcmp(x->a, a->u.b, 16) != 0)
			continue;
		/* Its routes alone: IPv6 going off on ifp with its last
		 * address takes no others. */
		if ((inc = fib_change_begin(r, ifp)))
			fib6_drop_addr(r, ifp, x);
		addr_stop(x);
		ip6_ifaddr_prefix(x, &p);
		x->used = false;
		subnet_del(r, ifp, &p);
		update_running(r, ifp);
		nd_ra_update(r, ifp);
		fib_change_end(r, ifp->vrf, inc);
		return 0;
	}
	snprintf(err, errlen, "%% Address not found on %s", ifp->name);
	return -1;
}

void iface6_clear_addrs(struct router *r, struct iface *ifp)
{
	bool inc = fib_change_begin(r, ifp);	/* their routes alone */
	unsigned i;

	if (inc)
		fib6_drop_iface(r, ifp);
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		struct prefix p;
		bool used = ifp->v6.g[i].used;

		addr_stop(&ifp->v6.g[i]);
		if (used)
			ip6_ifaddr_prefix(&ifp->v6.g[i], &p);
		ifp->v6.g[i].used = false;
		if (used)
			subnet_del(r, ifp, &p);
	}
	if (ifp->v6.ll_manual)
		iface6_set_linklocal(r, ifp, NULL, NULL, 0);
	update_running(r, ifp);
	nd_ra_update(r, ifp);
	fib_change_end(r, ifp->vrf, inc);
}

/*
 * After 'ipv6 enable' or a link-local address: the table has no route of
 * the link-local address, and IPv6 is running whenever the interface has
 * a global one (iface6_wanted()), so only a static route through the
 * interface can change (pasting 'ipv6 enable' under 10,000 interfaces
 * rebuilt the table per line).
 */
static void routes_follow_running(struct router *r, struct iface *ifp)
{
	if (fib6_vrf_has_statics(r, ifp->vrf))
		fib_change_end(r, ifp->vrf, fib_change_begin(r, ifp));
}

int iface6_set_linklocal(struct router *r, struct iface *ifp, const struct addr *a,
			 char *err, size_t errlen)
{
	if (a && (!addr_is_v6(a) || !ip6_is_linklocal(a->u.b))) {
		snprintf(err, errlen, "%% Invalid link-local address");
		return -1;
	}
	if (ifp->null) {
		snprintf(err, errlen, "%% Null0 takes no address");
		return -1;
	}
	ifp->v6.ll_manual = a != NULL;
	memset(ifp->v6.ll_cfg, 0, 16);
	if (a)
		memcpy(ifp->v6.ll_cfg, a->u.b, 16);
	/* IOS: a configured link-local enables IPv6 like any address; the
	 * interface keeps it enabled while it stays configured. */
	if (ifp->v6.running) {
		nd_flush_iface(r, ifp);
		addr_stop(&ifp->v6.ll);
		set_ll(r, ifp);
		addr_start(r, ifp, &ifp->v6.ll);
	}
	update_running(r, ifp);
	routes_follow_running(r, ifp);
	return 0;
}

void iface6_set_enable(struct router *r, struct iface *ifp, bool on)
{
	if (ifp->null)
		return;
	ifp->v6.enable = on;
	update_running(r, ifp);
	routes_follow_running(r, ifp);
}

void iface6_set_ra_suppress(struct router *r, struct iface *ifp, bool suppress)
{
	ifp->v6.ra_send = !suppress;
	nd_ra_update(r, ifp);
}

void iface6_reset(struct router *r, struct iface *ifp)
{
	ifp->v6.enable = false;
	ifp->v6.ra_send = false;
	iface6_clear_addrs(r, ifp);
}

void iface6_view(const struct router *r, const struct iface *ifp, struct iface6_view *v)
{
	unsigned i;

	memset(v, 0, sizeof(*v));
	v->enable = ifp->v6.enable;
	v->running = ifp->v6.running;
	v->ll_manual = ifp->v6.ll_manual;
	v->ra_suppress = !ifp->v6.ra_send;
	v->ll = ifp->v6.ll;
	memcpy(v->ll_cfg, ifp->v6.ll_cfg, 16);
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used)
			v->g[v->n++] = ifp->v6.g[i];
	v->configured = v->enable || v->n || v->ll_manual;
	v->joined_all_routers = r->v6_routing && v->running;
}

void ipv6_set_routing(struct router *r, bool on)
{
	struct iface *ifp;

	if (r->v6_routing == on)
		return;
	r->v6_routing = on;
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		nd_ra_update(r, ifp);
}

bool ipv6_routing(const struct router *r)
{
	return r->v6_routing;
}

const struct rt6_stats *router_stats6(const struct router *r)
{
	return &r->st6;
}

void router_clear_stats6(struct router *r)
{
	memset(&r->st6, 0, sizeof(r->st6));
}

void ipv6_set_icmp_error_interval(struct router *r, uint32_t ms, unsigned bucket)
{
	r->icmp6_interval_ms = ms;
	r->icmp6_bucket = bucket ? bucket : ICMP6_ERR_BUCKET;
	r->icmp6_tokens = r->icmp6_bucket;
	r->icmp6_refill = ev_now(r->ev);
}

void ipv6_icmp_error_interval(const struct router *r, uint32_t *ms, unsigned *bucket)
{
	*ms = r->icmp6_interval_ms;
	*bucket = r->icmp6_bucket;
}

/* ------------------------------------------------------------ input */

/* Is g a group the router listens to on ifp? */
static bool group_member(const struct router *r, const struct iface *ifp, const uint8_t g[16])
{
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
	static const uint8_t all_routers[16] = { 0xff, 0x02, [15] = 2 };
	uint8_t sn[16];
	unsigned i;

	if (memcmp(g, all_nodes, 16) == 0)
		return true;
	if (memcmp(g, all_routers, 16) == 0)
		return r->v6_routing;
	if (g[1] != 0x02 || g[11] != 0x01 || g[12] != 0xff)
		return false;
	if (ifp->v6.ll.used) {
		ip6_solicited_node(ifp->v6.ll.a, sn);
		if (memcmp(sn, g, 16) == 0)
			return true;
	}
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used) {
			ip6_solicited_node(ifp->v6.g[i].a, sn);
			if (memcmp(sn, g, 16) == 0)
				return true;
		}
	return false;
}

/* Walk the extension headers to the upper layer; the router does not
 * reassemble. */
static void local_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
			bool l2_group)
{
	uint8_t nxt = ip[6];
	size_t off = IP6_HDRLEN, prev = 6;

	r->st6.local++;
	for (;;) {
		switch (nxt) {
		case 0:			/* hop-by-hop */
		case 43:		/* routing */
		case 60:		/* destination options */
			if (off + 8 > len) {
				rt6_drop(r, ifp, RT6_DROP_TRUNCATED);
				return;
			}
			prev = off;
			nxt = ip[off];
			off += 8 + ip[off + 1] * 8u;
			if (off > len) {
				rt6_drop(r, ifp, RT6_DROP_TRUNCATED);
				return;
			}
			continue;
		case 44:		/* fragment */
			r->st6.fragments++;
			rt6_drop(r, ifp, RT6_DROP_FRAG_LOCAL);
			if (r->frag_hook)	/* it reads the IPv6 packet itself */
				r->frag_hook(r->frag_hook_arg, ip, len);
			return;
		case IPPROTO_ICMPV6_:
			icmp6_input(r, ifp, ip, len, off);
			return;
		case 59:		/* no next header */
			return;
		}
		if (r->cur_vrf == VRF_DEFAULT && r->proto6[nxt].fn &&
		    r->proto6[nxt].fn(r->proto6[nxt].arg, ifp, ip, len, off) == 0)
			return;
		switch (nxt) {
		case 6:
		case 17:
			rt6_drop(r, ifp, RT6_DROP_NO_PROTO);
			icmp6_error(r, ifp, ip, len, ICMP6_UNREACH, ICMP6_UNREACH_PORT, 0, l2_group);
			return;
		default:
			rt6_drop(r, ifp, RT6_DROP_NO_PROTO);
			icmp6_error(r, ifp, ip, len, ICMP6_PARAM_PROB, 1, (uint32_t)prev, l2_group);
			return;
		}
	}
}

static struct fib_entry *lookup6(struct router *r, const uint8_t dst[16])
{
	return fib6_lookup_vrf(r, r->cur_vrf, dst);
}

void ipv6_send_nh(struct router *r, struct iface *oif, const uint8_t nh[16],
		  uint8_t *f, size_t len)
{
	uint8_t mac[6];

	if (ip6_is_mcast(nh)) {
		ip6_mcast_mac(nh, mac);
		r->st6.mcast_tx++;
		ether_send(r, oif, mac, ETHERTYPE_IPV6, f, len);
		return;
	}
	nd_resolve(r, oif, nh, f, len);
}

/* A packet an access list denied: dropped, counted, answered as IOS does
 * (unreachable, administratively prohibited). */
static void acl_denied6(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len, bool l2_group)
{
	rt6_drop(r, ifp, RT6_DROP_ACL);
	icmp6_error(r, ifp, ip, len, ICMP6_UNREACH, ICMP6_UNREACH_ADMIN, 0, l2_group);
}

/* wire: the packet came in on ifp from its link ('ipv6 traffic-filter in'
 * applies), not out of a LISP tunnel. */
static void input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		  bool l2_group, bool hook, bool wire)
{
	const uint8_t *src = ip + 8, *dst = ip + 24;
	struct ip6_ifaddr *own;
	struct fib_entry *e;
	const uint8_t *nh;
	uint16_t plen;
	uint8_t *f;

	r->st6.rx++;
	if (len < IP6_HDRLEN) {
		rt6_drop(r, ifp, RT6_DROP_TRUNCATED);
		return;
	}
	if (ip[0] >> 4 != 6) {
		rt6_drop(r, ifp, RT6_DROP_VERSION);
		return;
	}
	plen = (uint16_t)(ip[4] << 8 | ip[5]);
	/* A payload length of 0 is a jumbogram (RFC 2675): not on Ethernet. */
	if ((plen == 0 && ip[6] == 0) || IP6_HDRLEN + (size_t)plen > len) {
		rt6_drop(r, ifp, RT6_DROP_LENGTH);
		return;
	}
	len = IP6_HDRLEN + plen;	/* drop Ethernet padding */
	if (ip6_is_mcast(src) || ip6_is_loopback(src)) {
		rt6_drop(r, ifp, RT6_DROP_BAD_SRC);
		return;
	}
	if (ip6_is_unspec(dst) || ip6_is_loopback(dst)) {
		rt6_drop(r, ifp, RT6_DROP_BAD_DST);
		return;
	}
	if (wire && ifp->acl6[0] && !acl_iface_permits6(r, ifp, false, ifp, ip, len)) {
		acl_denied6(r, ifp, ip, len, l2_group);
		return;
	}
	/* Unicast RPF: a link-local source is checked by the interface alone
	 * (it can only be on the link), the unspecified one (DAD) not at all. */
	if (wire && ifp->urpf[1] && !ip6_is_unspec(src) && !ip6_is_linklocal(src) &&
	    !iface_urpf_ok(ifp, true, lookup6(r, src)) && !acl_urpf_excepted(r, ifp, true, ip, len)) {
		rt6_drop(r, ifp, RT6_DROP_URPF);
		return;
	}
	if (ip6_is_mcast(dst)) {
		r->st6.mcast_rx++;
		if (group_member(r, ifp, dst)) {
			if (debug_on(DEBUG_IPV6_PACKET))
				debug_pkt(r, ifp, NULL, ip, len, "forward to ulp");
			local_input(r, ifp, ip, len, true);
			return;
		}
		rt6_drop(r, ifp, RT6_DROP_MCAST);
		return;
	}
	if ((own = iface6_find_addr(ifp, dst)) != NULL ||
	    (!ip6_is_linklocal(dst) && (e = lookup6(r, dst)) && e->type == FIB_LOCAL &&
	     e->oif && (own = iface6_find_addr(e->oif, dst)) != NULL)) {
		if (own->state != IP6A_PREFERRED) {
			rt6_drop(r, ifp, RT6_DROP_TENTATIVE);
			return;
		}
		if (debug_on(DEBUG_IPV6_PACKET))
			debug_pkt(r, ifp, NULL, ip, len, "forward to ulp");
		local_input(r, ifp, ip, len, l2_group);
		return;
	}
	if (ip6_is_linklocal(dst)) {
		rt6_drop(r, ifp, RT6_DROP_LINKLOCAL_DST);
		return;
	}
	if (!r->v6_routing) {
		rt6_drop(r, ifp, RT6_DROP_NOT_ROUTER);
		return;
	}
	if (ip6_is_unspec(src) || l2_group) {
		rt6_drop(r, ifp, ip6_is_unspec(src) ? RT6_DROP_BAD_SRC : RT6_DROP_MCAST);
		return;
	}
	if (ip[7] <= 1) {
		rt6_drop(r, ifp, RT6_DROP_HOPLIMIT);
		icmp6_error(r, ifp, ip, len, ICMP6_TIME_EXCEEDED, 0, 0, false);
		return;
	}
	if (hook && rt_fwd_hook(r, true, ifp, ip, len) == 0)
		return;
	e = lookup6(r, dst);
	if (!e || !e->oif) {
		if (debug_on(DEBUG_IPV6_PACKET))
			debug_pkt(r, ifp, NULL, ip, len, "unroutable");
		rt6_drop(r, ifp, RT6_DROP_NO_ROUTE);
		if (e && null_quiet(r, true))
			r->st6.icmp_suppressed++;	/* routed to Null0, 'no ipv6 unreachables' there */
		else
			icmp6_error(r, ifp, ip, len, ICMP6_UNREACH, ICMP6_UNREACH_NOROUTE, 0, false);
		return;
	}
	if (ip6_is_linklocal(src)) {
		rt6_drop(r, ifp, RT6_DROP_SCOPE);
		icmp6_error(r, ifp, ip, len, ICMP6_UNREACH, ICMP6_UNREACH_SCOPE, 0, false);
		return;
	}
	if (e->oif->acl6[1] && !acl_iface_permits6(r, e->oif, true, ifp, ip, len)) {
		acl_denied6(r, ifp, ip, len, false);
		return;
	}
	if (len > e->oif->mtu) {
		rt6_drop(r, ifp, RT6_DROP_TOO_BIG);
		icmp6_error(r, ifp, ip, len, ICMP6_TOO_BIG, 0, e->oif->mtu, false);
		return;
	}
	if (debug_on(DEBUG_IPV6_PACKET))
		debug_pkt(r, ifp, e->oif, ip, len, "forwarding");
	f = r->buf;
	memcpy(f + ETHER_HDRLEN, ip, len);
	f[ETHER_HDRLEN + 7]--;
	e->pkts++;
	e->bytes += len;
	r->st6.forwarded++;
	nh = ip6_is_unspec(e->gw6) ? dst : e->gw6;
	ipv6_send_nh(r, e->oif, nh, f, ETHER_HDRLEN + len);
}

void ipv6_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		bool l2_group)
{
	unsigned was = rt_vrf_enter(r, ifp->vrf);

	input(r, ifp, ip, len, l2_group, true, true);
	r->cur_vrf = was;
}

void ipv6_input_vrf(struct router *r, struct iface *in, unsigned vrf, const uint8_t *ip,
		    size_t len)
{
	unsigned was;
	bool decap;

	if (!in || !rt_fib(r, vrf)) {
		rt6_drop(r, in, RT6_DROP_NO_ROUTE);
		return;
	}
	was = rt_vrf_enter(r, vrf);
	decap = r->cur_decap;
	r->cur_decap = true;
	input(r, in, ip, len, false, true, false);
	r->cur_decap = decap;
	r->cur_vrf = was;
}

/* ------------------------------------------------------------ output */

static const struct ip6_ifaddr *first_global(const struct iface *ifp)
{
	unsigned i;

	if (!ifp->v6.running)
		return NULL;
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (usable(&ifp->v6.g[i]))
			return &ifp->v6.g[i];
	return NULL;
}

bool ipv6_source_for(struct router *r, const uint8_t dst[16], struct iface *oif,
		     uint8_t out[16])
{
	const struct ip6_ifaddr *a;
	struct fib_entry *e;
	struct iface *o;

	if (ip6_is_linklocal(dst) || (ip6_is_mcast(dst) && (dst[1] & 0x0f) <= 2)) {
		if (!oif || !oif->v6.running || !usable(&oif->v6.ll))
			return false;
		memcpy(out, oif->v6.ll.a, 16);
		return true;
	}
	if (!oif && (e = lookup6(r, dst)) && e->oif) {
		if (e->type == FIB_LOCAL) {
			memcpy(out, dst, 16);
			return true;
		}
		oif = e->oif;
	}
	if (oif && (a = first_global(oif))) {
		memcpy(out, a->a, 16);
		return true;
	}
	for (o = r->ifaces; o; o = o->next)
		if (o->vrf == r->cur_vrf && (a = first_global(o))) {
			memcpy(out, a->a, 16);
			return true;
		}
	return false;
}

/* To ourselves: in again through ifp; what that input sends is not the
 * sender's (router_set_out_owned()). */
static void local_out(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len)
{
	bool was = r->out_owned;

	r->out_owned = false;
	local_input(r, ifp, ip, len, false);
	r->out_owned = was;
}

int ipv6_output(struct router *r, struct iface *oif, uint8_t *f, size_t len)
{
	uint8_t *ip = f + ETHER_HDRLEN;
	const uint8_t *dst = ip + 24, *nh;
	struct ip6_ifaddr *own;
	struct fib_entry *e;

	r->st6.originated++;
	if (ip6_is_mcast(dst) || ip6_is_linklocal(dst)) {
		if (!oif || !oif->v6.running || !oif->port) {
			rt6_drop(r, NULL, RT6_DROP_NO_ROUTE);
			return -1;
		}
		if ((own = iface6_find_addr(oif, dst))) {
			if (own->state != IP6A_PREFERRED) {
				rt6_drop(r, NULL, RT6_DROP_TENTATIVE);
				return -1;
			}
			local_out(r, oif, ip, len);
			return 0;
		}
		if (debug_on(DEBUG_IPV6_PACKET))
			debug_pkt(r, NULL, oif, ip, len, "originating");
		ipv6_send_nh(r, oif, dst, f, ETHER_HDRLEN + len);
		return 0;
	}
	e = lookup6(r, dst);
	if (e && e->type == FIB_LOCAL && e->oif) {
		own = iface6_find_addr(e->oif, dst);
		if (!own || own->state != IP6A_PREFERRED) {
			rt6_drop(r, NULL, RT6_DROP_TENTATIVE);
			return -1;
		}
		local_out(r, e->oif, ip, len);
		return 0;
	}
	if (rt_fwd_hook(r, true, NULL, ip, len) == 0)
		return 0;
	if (!e || !e->oif) {
		if (debug_on(DEBUG_IPV6_PACKET))
			debug_pkt(r, NULL, NULL, ip, len, "unroutable");
		rt6_drop(r, NULL, RT6_DROP_NO_ROUTE);
		return -1;
	}
	if (len > e->oif->mtu) {
		rt6_drop(r, NULL, RT6_DROP_TOO_BIG);
		return -1;
	}
	if (debug_on(DEBUG_IPV6_PACKET))
		debug_pkt(r, NULL, e->oif, ip, len, "originating");
	e->pkts++;
	e->bytes += len;
	nh = ip6_is_unspec(e->gw6) ? dst : e->gw6;
	ipv6_send_nh(r, e->oif, nh, f, ETHER_HDRLEN + len);
	return 0;
}

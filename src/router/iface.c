/*
 * DOC: interfaces: creation, addresses, admin state, counters
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "ether.h"
#include "log.h"
#include "htab.h"
#include "lpm.h"
#include "router_int.h"

/* Natural order: digit runs compare as numbers, so Ethernet2 < Ethernet10. */
static int name_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			unsigned long x = strtoul(a, (char **)&a, 10);
			unsigned long y = strtoul(b, (char **)&b, 10);

			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

bool iface_loopback_name(const char *name)
{
	const char *p;

	if (strncasecmp(name, "Loopback", 8) != 0 || !name[8])
		return false;
	for (p = name + 8; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return strlen(name + 8) <= 10;
}

struct iface *iface_find(const struct router *r, const char *name)
{
	uint64_t h = htab_lower(HTAB_SEED, name);
	struct hnode *n;

	for (n = htab_find(&r->ifaces_ht, h); n; n = htab_next(n, h)) {
		struct iface *ifp = (struct iface *)((char *)n - offsetof(struct iface, hn));

		if (strcasecmp(ifp->name, name) == 0)
			return ifp;
	}
	return NULL;
}

bool iface_ref_name(const struct router *r, const char *name, char *out, size_t len)
{
	const struct iface *ifp = iface_find(r, name);

	if (ifp)
		snprintf(out, len, "%s", ifp->name);
	else if (iface_loopback_name(name))
		snprintf(out, len, "Loopback%lu", strtoul(name + 8, NULL, 10));
	else
		return false;
	return true;
}

/* The first port the router is given sets its base MAC, for good: the
 * interfaces without a port configured before it make their IPv6
 * identifiers anew; later ports, even ones that sort first, change
 * nothing. */
static void base_mac_set(struct router *r, const struct port *p)
{
	struct iface *o;

	if (r->base_mac_set)
		return;
	memcpy(r->base_mac, p->mac, 6);
	r->base_mac_set = true;
	for (o = r->ifaces; o; o = o->next)
		if (!o->port)
			iface6_mac_changed(r, o);
}

static struct iface *iface_new(struct router *r, const char *name, struct port *p,
			       char *err, size_t errlen)
{
	struct iface *ifp, **pp;

	if (!name[0] || strlen(name) >= IFACE_NAMELEN) {
		snprintf(err, errlen, "%% Invalid interface name");
		return NULL;
	}
	if (iface_find(r, name)) {
		snprintf(err, errlen, "%% Interface %s already exists", name);
		return NULL;
	}
	if (!(ifp = calloc(1, sizeof(*ifp)))) {
		snprintf(err, errlen, "%% Out of memory");
		return NULL;
	}
	ifp->router = r;
	snprintf(ifp->name, sizeof(ifp->name), "%s", name);
	ifp->mtu = IFACE_MTU;
	ifp->port = p;
	if (p) {
		memcpy(ifp->mac, p->mac, 6);
		ifp->shutdown = true;
		base_mac_set(r, p);
		if (router_watch_port(r, ifp) == -1) {
			snprintf(err, errlen, "%% %s: cannot watch the port", name);
			free(ifp);
			return NULL;
		}
	}
	if (htab_add(&r->ifaces_ht, &ifp->hn, htab_lower(HTAB_SEED, ifp->name)) == -1) {
		if (p)
			router_unwatch_port(r, ifp);
		free(ifp);
		snprintf(err, errlen, "%% Out of memory");
		return NULL;
	}
	/* Its place by name: after the one added last when it sorts after
	 * it (a running-config replayed adds them in order). */
	pp = &r->ifaces;
	if (r->ifaces_hint && name_cmp(r->ifaces_hint->name, name) < 0)
		pp = &r->ifaces_hint->next;
	for (; *pp && name_cmp((*pp)->name, name) < 0; pp = &(*pp)->next)
		;
	ifp->next = *pp;
	ifp->pprev = pp;
	if (ifp->next)
		ifp->next->pprev = &ifp->next;
	*pp = ifp;
	r->ifaces_hint = ifp;
	if (p)
		link_update(r, ifp);	/* no carrier yet, maybe */
	return ifp;
}

struct iface *iface_attach(struct router *r, const char *name, struct port *p,
			   char *err, size_t errlen)
{
	struct iface *ifp = iface_new(r, name, p, err, errlen);

	if (!ifp)
		port_close(p);
	return ifp;
}

struct iface *iface_get(struct router *r, const char *name, char *err, size_t errlen)
{
	struct iface *ifp = iface_find(r, name);
	struct port *p;
	char perr[256];

	if (ifp)
		return ifp;
	if (iface_loopback_name(name) || strcasecmp(name, "Null0") == 0) {
		char canon[IFACE_NAMELEN];
		bool lo = iface_loopback_name(name);

		if (lo)
			snprintf(canon, sizeof(canon), "Loopback%lu", strtoul(name + 8, NULL, 10));
		else
			snprintf(canon, sizeof(canon), "Null0");
		if ((ifp = iface_find(r, canon)))
			return ifp;
		if (!(ifp = iface_new(r, canon, NULL, err, errlen)))
			return NULL;
		ifp->loopback = lo;
		ifp->null = !lo;
		fib_iface_created(r, ifp);
		return ifp;
	}
	if (!r->factory) {
		snprintf(err, errlen, "%% No such interface %s", name);
		return NULL;
	}
	perr[0] = '\0';
	if (!(p = r->factory(r->factory_arg, name, perr, sizeof(perr)))) {
		snprintf(err, errlen, "%% Cannot open interface %s: %s", name, perr);
		return NULL;
	}
	return iface_attach(r, name, p, err, errlen);
}

static void iface_free(struct router *r, struct iface *ifp)
{
	if (ifp->port)
		router_unwatch_port(r, ifp);
	iface6_fini(ifp);
	port_close(ifp->port);
	free(ifp);
}

int iface_delete(struct router *r, struct iface *ifp, char *err, size_t errlen)
{
	unsigned vrf;
	bool null, inc;

	if (ifp->port) {
		snprintf(err, errlen, "%% Physical interface %s cannot be deleted", ifp->name);
		return -1;
	}
	*ifp->pprev = ifp->next;
	if (ifp->next)
		ifp->next->pprev = ifp->pprev;
	htab_del(&r->ifaces_ht, &ifp->hn);
	if (r->ifaces_hint == ifp)
		r->ifaces_hint = NULL;
	arp_flush_iface(r, ifp);
	nd_flush_iface(r, ifp);
	vrf = ifp->vrf;
	null = ifp->null;
	if ((inc = fib_change_begin(r, ifp))) {
		fib_drop_iface4(r, ifp);
		fib6_drop_iface(r, ifp);
	}
	subnet_drop_iface(r, ifp);
	iface_free(r, ifp);
	if (null)		/* its static routes are in every VRF */
		fib_rebuild(r);
	else
		fib_change_end(r, vrf, inc);
	return 0;
}

void iface_number(struct router *r)
{
	unsigned pos = 0;

	for (struct iface *ifp = r->ifaces; ifp; ifp = ifp->next)
		ifp->order = pos++;
}

void iface_free_all(struct router *r)
{
	struct iface *ifp;

	while ((ifp = r->ifaces)) {
		r->ifaces = ifp->next;
		iface_free(r, ifp);
	}
	htab_free(&r->ifaces_ht);
	r->ifaces_hint = NULL;
	vrf_lpms_free(&r->subnets);
}

int iface_foreach(struct router *r, int (*fn)(struct iface *ifp, void *arg), void *arg)
{
	return iface_foreach_after(r, NULL, fn, arg);
}

int iface_foreach_after(struct router *r, const char *after,
			int (*fn)(struct iface *ifp, void *arg), void *arg)
{
	struct iface *ifp = r->ifaces, *next, *at;
	int rc;

	if (after && (at = iface_find(r, after)))
		ifp = at->next;
	else if (after)		/* deleted meanwhile: the next by name */
		while (ifp && name_cmp(ifp->name, after) <= 0)
			ifp = ifp->next;
	for (; ifp; ifp = next) {
		next = ifp->next;
		if ((rc = fn(ifp, arg)) != 0)
			return rc;
	}
	return 0;
}

size_t iface_count(const struct router *r)
{
	return r->ifaces_ht.n;
}

struct iface *iface_by_addr(const struct router *r, uint32_t a)
{
	struct iface *ifp;

	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->has_addr && ifp->addr == a && ifp->vrf == r->cur_vrf && iface_is_up(ifp))
			return ifp;
	return NULL;
}

/* ------------------------------------------------------------ subnet index */

/* Does ifp still have an address whose prefix is p? */
static bool has_subnet(const struct iface *ifp, const struct prefix *p)
{
	struct prefix q;
	unsigned i;

	if (p->addr.afi == AFI_IPV4)
		return ifp->has_addr && ifp->plen == p->len && (ifp->addr & ifp->mask) == p->addr.u.v4;
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		if (!ifp->v6.g[i].used || ifp->v6.g[i].plen != p->len)
			continue;
		ip6_ifaddr_prefix(&ifp->v6.g[i], &q);
		if (prefix_eq(&q, p))
			return true;
	}
	return false;
}

struct overlap {
	const struct iface *ifp;
	struct iface *other;
};

static int overlap_fn(const struct prefix *p, void *value, void *arg)
{
	struct overlap *o = arg;

	(void)p;
	if (value == o->ifp)
		return 0;
	o->other = value;
	return 1;
}

struct iface *subnet_overlap(const struct router *r, const struct iface *ifp,
			     const struct prefix *p)
{
	const struct lpm *t = vrf_lpm(r->subnets, ifp->vrf);
	struct overlap o = { ifp, NULL };
	struct iface *c;

	if (!t)
		return NULL;
	/* The prefixes covering p overlap one another: one interface's. */
	if ((c = lpm_covering(t, p, NULL)) && c != ifp)
		return c;
	lpm_walk_covered(t, p, overlap_fn, &o);
	return o.other;
}

int subnet_add(struct router *r, struct iface *ifp, const struct prefix *p)
{
	struct lpm *t = vrf_lpm_make(&r->subnets, ifp->vrf);

	return t ? lpm_insert(t, p, ifp, NULL) : -1;
}

void subnet_del(struct router *r, const struct iface *ifp, const struct prefix *p)
{
	struct lpm *t = vrf_lpm(r->subnets, ifp->vrf);

	if (t && lpm_exact(t, p) == ifp && !has_subnet(ifp, p))
		lpm_delete(t, p);
}

void subnet_drop_iface(struct router *r, const struct iface *ifp)
{
	struct lpm *t = vrf_lpm(r->subnets, ifp->vrf);
	struct prefix p;
	struct addr a;
	unsigned i;

	if (!t)
		return;
	if (ifp->has_addr) {
		addr_set_v4(&a, ifp->addr & ifp->mask);
		prefix_make(&p, &a, ifp->plen);
		if (lpm_exact(t, &p) == ifp)
			lpm_delete(t, &p);
	}
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		if (!ifp->v6.g[i].used)
			continue;
		ip6_ifaddr_prefix(&ifp->v6.g[i], &p);
		if (lpm_exact(t, &p) == ifp)
			lpm_delete(t, &p);
	}
}

int iface_set_addr(struct router *r, struct iface *ifp, const struct addr *a,
		   unsigned len, char *err, size_t errlen)
{
	struct iface *o;
	struct prefix np, op;
	struct addr net;
	uint32_t mask, host;
	uint8_t last;
	bool had, inc = false;
	char buf[ADDR_STRLEN];

	if (!addr_is_v4(a) || len > 32) {
		snprintf(err, errlen, "%% Invalid IPv4 address or mask");
		return -1;
	}
	if (ifp->null) {
		snprintf(err, errlen, "%% Null0 takes no address");
		return -1;
	}
	mask = len_to_mask(len);
	host = ntohl(a->u.v4 & ~mask);
	if (len < 31 && (host == 0 || host == ntohl(~mask))) {
		snprintf(err, errlen, "Bad mask /%u for address %s", len,
			 addr_fmt(a, buf, sizeof(buf)));
		return -1;
	}
	if (len == 0 || (ntohl(a->u.v4) >> 24) == 0 || (ntohl(a->u.v4) >> 24) == 127 ||
	    (ntohl(a->u.v4) >> 28) >= 14) {
		snprintf(err, errlen, "%% Invalid address %s", addr_fmt(a, buf, sizeof(buf)));
		return -1;
	}
	addr_set_v4(&net, a->u.v4 & mask);
	prefix_make(&np, &net, len);
	if ((o = subnet_overlap(r, ifp, &np))) {
		snprintf(err, errlen, "%% %s overlaps with %s", addr_fmt(&net, buf, sizeof(buf)),
			 o->name);
		return -1;
	}
	if (ifp->has_addr && ifp->addr == a->u.v4 && ifp->plen == len)
		return 0;
	if (subnet_add(r, ifp, &np) == -1) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	arp_flush_iface(r, ifp);
	had = ifp->has_addr;
	if (had) {
		addr_set_v4(&net, ifp->addr & ifp->mask);
		prefix_make(&op, &net, ifp->plen);
		/* The old routes go as the table has them, the new come. */
		if ((inc = fib_change_begin(r, ifp)))
			fib_drop_iface4(r, ifp);
	}
	ifp->has_addr = true;
	ifp->addr = a->u.v4;
	ifp->plen = len;
	ifp->mask = mask;
	ifp->bcast = a->u.v4 | ~mask;
	last = ((const uint8_t *)&ifp->bcast)[3];
	r->bcast_last[last >> 5] |= 1u << (last & 31);
	if (had) {
		subnet_del(r, ifp, &op);
		if (inc)
			fib_iface_addr_added(r, ifp);
		fib_change_end(r, ifp->vrf, inc);
	} else {
		fib_iface_addr_added(r, ifp);
	}
	arp_gratuitous(r, ifp);
	return 0;
}

void iface_clear_addr(struct router *r, struct iface *ifp)
{
	struct prefix p;
	struct addr net;
	bool inc;

	if (!ifp->has_addr)
		return;
	arp_flush_iface(r, ifp);
	if ((inc = fib_change_begin(r, ifp)))
		fib_drop_iface4(r, ifp);
	addr_set_v4(&net, ifp->addr & ifp->mask);
	prefix_make(&p, &net, ifp->plen);
	ifp->has_addr = false;
	ifp->addr = ifp->mask = ifp->bcast = 0;
	ifp->plen = 0;
	subnet_del(r, ifp, &p);
	fib_change_end(r, ifp->vrf, inc);
}

/*
 * 'shutdown' and 'no shutdown' take the interface's own routes out of its
 * VRF's table and put them back as it is (fib_change_begin(): the VRF's
 * static routes resolved again at the end); else the table is rebuilt.  Pasting 5,000 'shutdown' lines rebuilt it per line.  The
 * routes go while the interface is still up (the drops find them as it
 * is) and come back once it is up again (the adds follow its new state).
 */
void iface_set_shutdown(struct router *r, struct iface *ifp, bool shutdown)
{
	bool inc;
	unsigned i;

	if (ifp->shutdown == shutdown)
		return;
	if ((inc = fib_change_begin(r, ifp))) {
		fib_drop_iface4(r, ifp);
		fib6_drop_iface(r, ifp);
	}
	ifp->shutdown = shutdown;
	arp_flush_iface(r, ifp);
	iface6_changed(r, ifp);
	if (inc && iface_is_up(ifp)) {
		fib_iface_addr_added(r, ifp);
		for (i = 0; i < IFACE6_ADDR_MAX; i++)
			if (ifp->v6.g[i].used)
				fib6_iface_addr_added(r, ifp, &ifp->v6.g[i]);
	}
	fib_change_end(r, ifp->vrf, inc);
	if (!shutdown)
		arp_gratuitous(r, ifp);
	/* IOS's messages for 'shutdown' and 'no shutdown'. */
	if (shutdown)
		log_event("LINK", LOG_NOTICE, "CHANGED", "Interface %s, changed state to administratively down",
			  ifp->name);
	else
		log_event("LINK", LOG_ERR, "UPDOWN", "Interface %s, changed state to %s", ifp->name,
			  ifp->link_down ? "down" : "up");
	/* Without its link the line protocol was down and stays down. */
	if (!ifp->link_down)
		log_event("LINEPROTO", LOG_NOTICE, "UPDOWN", "Line protocol on Interface %s, changed state to %s",
			  ifp->name, shutdown ? "down" : "up");
}

int iface_set_mtu(struct router *r, struct iface *ifp, unsigned mtu,
		  char *err, size_t errlen)
{
	if (mtu < 68 || mtu > PORT_MAXFRAME - ETHER_HDRLEN) {
		snprintf(err, errlen, "%% Invalid MTU %u (68-%u)", mtu,
			 PORT_MAXFRAME - ETHER_HDRLEN);
		return -1;
	}
	ifp->mtu = mtu;
	return 0;
}

void iface_mac_sync(struct router *r, struct iface *ifp)
{
	const uint8_t *m;
	bool changed;
	int e;

	if (!ifp->port)
		return;
	m = ifp->mac_manual ? ifp->mac_cfg : ifp->port->mac;
	changed = memcmp(ifp->mac, m, 6) != 0;
	memcpy(ifp->mac, m, 6);
	/* Frames to the configured MAC pass the NIC's filter only in
	 * promiscuous mode; ether_input drops the others.  Refused, the
	 * router would wait for frames that never come: say so (also after
	 * every attach that is refused again, netlink.c). */
	if ((e = port_set_promisc(ifp->port, memcmp(m, ifp->port->mac, 6) != 0)) != 0) {
		char mb[MAC_STRLEN];

		log_event("LINK", LOG_ERR, "PROMISC",
			  "Interface %s, promiscuous mode refused (%s): frames to %s are not received",
			  ifp->name, strerror(e), mac_fmt(m, mb, sizeof(mb)));
	}
	if (!changed)
		return;
	iface6_mac_changed(r, ifp);
	/* Hosts and switches learn the new MAC (arp_gratuitous sends only
	 * on an addressed interface whose line is up). */
	arp_gratuitous(r, ifp);
}

int iface_set_mac(struct router *r, struct iface *ifp, const uint8_t *mac,
		  char *err, size_t errlen)
{
	static const uint8_t zero[6];

	if (!ifp->port) {
		snprintf(err, errlen, "%% Interface %s has no MAC address to set", ifp->name);
		return -1;
	}
	if (mac && (mac[0] & 1)) {
		snprintf(err, errlen, "%% A multicast MAC address cannot be an interface's address");
		return -1;
	}
	if (mac && memcmp(mac, zero, 6) == 0) {
		snprintf(err, errlen, "%% 0000.0000.0000 cannot be an interface's address");
		return -1;
	}
	ifp->mac_manual = mac != NULL;
	memset(ifp->mac_cfg, 0, 6);
	if (mac)
		memcpy(ifp->mac_cfg, mac, 6);
	iface_mac_sync(r, ifp);
	return 0;
}

bool iface_mac_configured(const struct iface *ifp, uint8_t mac[6])
{
	if (ifp->mac_manual)
		memcpy(mac, ifp->mac_cfg, 6);
	return ifp->mac_manual;
}

const uint8_t *iface_bia(const struct iface *ifp)
{
	return ifp->port ? ifp->port->mac : ifp->mac;
}

void iface_set_arp_timeout(struct router *r, struct iface *ifp, uint32_t seconds)
{
	ifp->arp_timeout_s = seconds;
	arp_timeout_changed(r);
}

void iface_set_urpf(struct iface *ifp, bool v6, enum iface_urpf mode, bool allow_default)
{
	ifp->urpf[v6] = mode;
	ifp->urpf_default[v6] = mode != URPF_OFF && allow_default;
	if (mode == URPF_OFF) {	/* its options go with it */
		ifp->urpf_self[v6] = false;
		ifp->urpf_acl[v6][0] = '\0';
	}
}

enum iface_urpf iface_urpf(const struct iface *ifp, bool v6, bool *allow_default)
{
	if (allow_default)
		*allow_default = ifp->urpf_default[v6];
	return ifp->urpf[v6];
}

void iface_set_urpf_opts(struct iface *ifp, bool v6, bool self_ping, const char *acl)
{
	ifp->urpf_self[v6] = self_ping;
	snprintf(ifp->urpf_acl[v6], sizeof(ifp->urpf_acl[v6]), "%s", acl ? acl : "");
}

bool iface_urpf_opts(const struct iface *ifp, bool v6, const char **acl)
{
	if (acl)
		*acl = ifp->urpf_acl[v6];
	return ifp->urpf_self[v6];
}

uint64_t iface_urpf_drops(const struct iface *ifp, bool v6)
{
	return ifp->urpf_drops[v6];
}

uint64_t iface_urpf_suppressed(const struct iface *ifp, bool v6)
{
	return ifp->urpf_suppressed[v6];
}

/* Does route e, found for the source of a packet that came in on in, pass
 * in's unicast RPF check? */
bool iface_urpf_ok(const struct iface *in, bool v6, const struct fib_entry *e)
{
	if (e && e->type == FIB_LOCAL && in->urpf_self[v6])
		return true;	/* 'allow-self-ping': the router's own address */
	if (!e || !e->oif || e->type == FIB_LOCAL || iface_is_null(e->oif))
		return false;
	if (e->prefix.len == 0 && !in->urpf_default[v6])
		return false;
	return in->urpf[v6] == URPF_ANY || e->oif == in;
}

void iface_set_unreachables(struct iface *ifp, bool v6, bool on)
{
	ifp->no_unreach[v6] = !on;
}

bool iface_unreachables(const struct iface *ifp, bool v6)
{
	return !ifp->no_unreach[v6];
}

uint32_t iface_arp_timeout(const struct iface *ifp)
{
	return ifp->arp_timeout_s;
}

const char *iface_name(const struct iface *ifp) { return ifp->name; }
bool iface_is_loopback(const struct iface *ifp) { return ifp->loopback; }
bool iface_is_null(const struct iface *ifp) { return ifp->null; }
bool iface_is_shutdown(const struct iface *ifp) { return ifp->shutdown; }
bool iface_is_up(const struct iface *ifp) { return !ifp->shutdown && !ifp->link_down; }
const uint8_t *iface_mac(const struct iface *ifp) { return ifp->mac; }
unsigned iface_mtu(const struct iface *ifp) { return ifp->mtu; }
struct port *iface_port(const struct iface *ifp) { return ifp->port; }
const struct iface_counters *iface_counters(const struct iface *ifp) { return &ifp->cnt; }

bool iface_addr(const struct iface *ifp, struct addr *a, unsigned *len)
{
	if (!ifp->has_addr)
		return false;
	if (a)
		addr_set_v4(a, ifp->addr);
	if (len)
		*len = ifp->plen;
	return true;
}

const char *iface_kind(const struct iface *ifp)
{
	return ifp->port ? ifp->port->ops->kind : "virtual";
}

/* The port's counters only grow, except the kernel's, which libpcap keeps
 * in an unsigned int that may wrap. */
static uint64_t since(uint64_t now, uint64_t then)
{
	return now >= then ? now - then : now;
}

void iface_port_rx_errors(const struct iface *ifp, uint64_t *refused, uint64_t *ring_drops)
{
	*refused = *ring_drops = 0;
	if (!ifp->port)
		return;
	*refused = since(ifp->port->rx_errors, ifp->port_rx_errors0);
	*ring_drops = since(port_live_rx_drops(ifp->port), ifp->port_rx_drops0);
}

void iface_clear_counters(struct iface *ifp)
{
	memset(&ifp->cnt, 0, sizeof(ifp->cnt));
	ifp->urpf_drops[0] = ifp->urpf_drops[1] = 0;
	ifp->urpf_suppressed[0] = ifp->urpf_suppressed[1] = 0;
	if (ifp->port) {
		ifp->port_rx_errors0 = ifp->port->rx_errors;
		ifp->port_rx_drops0 = port_live_rx_drops(ifp->port);
	}
}

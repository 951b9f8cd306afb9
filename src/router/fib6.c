/*
 * DOC: the IPv6 side of the FIB: connected, local and static routes
 *
 * fib_rebuild() (fib.c) calls fib6_add_routes() with the table it builds,
 * so both families are always rebuilt together from the configuration.
 * A new address, and a new static route nothing depends on, go into the
 * table as it is instead, the same as a rebuild would put them
 * (fib6_iface_addr_added(), static_added()).
 * Static routes resolve like the IPv4 ones: through an interface, or
 * recursively through the table to an egress interface and an adjacent
 * next hop; one that does not resolve is not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipv6.h"
#include "htab.h"
#include "lpm.h"
#include "router_int.h"

#define RESOLVE_PASSES	8

/* As fib.c's static routes: a list, newest first, and a hash. */
struct static6_route {
	struct static6_route *next, *prev;
	struct hnode hn;
	struct static_chain chain;	/* r->static6_idx */
	struct fib6_static cfg;
	unsigned seq;
};

#define ROUTE_OF(c) ((const struct static6_route *)((const char *)(c) - offsetof(struct static6_route, chain)))

/* Within a prefix: by next hop, then interface (the running-config's). */
static int chain_order(const struct static_chain *a, const struct static_chain *b)
{
	const struct fib6_static *x = &ROUTE_OF(a)->cfg, *y = &ROUTE_OF(b)->cfg;
	int c = memcmp(x->gw, y->gw, 16);

	return c ? c : strcmp(x->ifname, y->ifname);
}

void fib6_init(struct router *r)
{
	r->static6_idx.cmp = chain_order;
}

static uint64_t static_key(unsigned vrf, const struct prefix *p, const uint8_t gw[16],
			   const char *ifname)
{
	uint64_t h = htab_bytes(HTAB_SEED, &vrf, sizeof(vrf));

	h = htab_bytes(h, &p->len, sizeof(p->len));
	h = htab_bytes(h, p->addr.u.b, 16);
	h = htab_bytes(h, gw, 16);
	return htab_lower(h, ifname ? ifname : "");
}

/* s's next hop in the VRF's index of them (fib_nh_inside()). */
static void static_nh_ref(struct router *r, const struct static6_route *s, int delta)
{
	struct addr gw;

	if (!ip6_is_unspec(s->cfg.gw)) {
		addr_set_v6(&gw, s->cfg.gw);
		fib_nh_ref(r, s->cfg.vrf, &gw, delta);
	}
}

static void static_unlink(struct router *r, struct static6_route *s)
{
	static_nh_ref(r, s, -1);
	static_index_del(&r->static6_idx, s->cfg.vrf, &s->cfg.prefix, &s->chain);
	if (s->prev)
		s->prev->next = s->next;
	else
		r->statics6 = s->next;
	if (s->next)
		s->next->prev = s->prev;
	htab_del(&r->static6_ht, &s->hn);
	free(s);
}

void fib6_fini(struct router *r)
{
	struct static6_route *s;

	while ((s = r->statics6))
		static_unlink(r, s);
	htab_free(&r->static6_ht);
	static_index_free(&r->static6_idx);
}

static struct fib_entry *entry_add(struct lpm *t, const struct prefix *p,
				   enum fib_type type, struct iface *oif)
{
	struct fib_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->prefix = *p;
	e->type = type;
	e->oif = oif;
	if (lpm_insert(t, p, e, NULL) == -1) {
		free(e);
		return NULL;
	}
	return e;
}

static void add_interface_routes(struct lpm *t, struct iface *ifp, unsigned vrf)
{
	struct fib_entry *e;
	struct prefix p;
	struct addr a;
	unsigned i;

	if (ifp->vrf != vrf || !ifp->v6.running)
		return;
	for (i = 0; i < IFACE6_ADDR_MAX; i++) {
		const struct ip6_ifaddr *x = &ifp->v6.g[i];

		if (!x->used || x->state == IP6A_DUPLICATE)
			continue;
		addr_set_v6(&a, x->a);
		prefix_make(&p, &a, x->plen);
		if (!lpm_exact(t, &p))
			entry_add(t, &p, FIB_CONNECTED, ifp);
		prefix_make(&p, &a, 128);
		if ((e = lpm_exact(t, &p))) {
			e->type = FIB_LOCAL;
			e->oif = ifp;
			e->flags |= FIB_F_CONNECTED;
		} else {
			entry_add(t, &p, FIB_LOCAL, ifp);
		}
	}
}

static bool resolve(struct router *r, struct lpm *t, const struct fib6_static *s,
		    struct fib_entry *out)
{
	struct fib_entry *via;
	struct iface *ifp;
	struct addr gw;

	memset(out, 0, sizeof(*out));
	memcpy(out->cfg_gw6, s->gw, 16);
	if (s->ifname[0]) {
		if (!(ifp = iface_find(r, s->ifname)) || (!ifp->null && ifp->vrf != s->vrf))
			return false;
		if (ifp->null) {
			out->flags = FIB_F_DISCARD;
			return true;
		}
		if (!ifp->v6.running)
			return false;
		out->oif = ifp;
		out->flags = FIB_F_IFACE;
		memcpy(out->gw6, s->gw, 16);
		return true;
	}
	addr_set_v6(&gw, s->gw);
	via = lpm_lookup(t, &gw, NULL);
	if (!via || via->type == FIB_LOCAL || prefix_eq(&via->prefix, &s->prefix))
		return false;
	out->oif = via->oif;
	memcpy(out->gw6, ip6_is_unspec(via->gw6) ? s->gw : via->gw6, 16);
	out->flags = via->flags & FIB_F_DISCARD;
	return true;
}

static int static_order(const void *a, const void *b)
{
	const struct static6_route *x = *(struct static6_route *const *)a;
	const struct static6_route *y = *(struct static6_route *const *)b;

	if (x->cfg.distance != y->cfg.distance)
		return x->cfg.distance < y->cfg.distance ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void fib6_add_routes(struct router *r, struct lpm *t, unsigned vrf)
{
	struct iface *ifp;

	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		add_interface_routes(t, ifp, vrf);
	fib6_add_statics(r, t, vrf);
}

void fib6_add_statics(struct router *r, struct lpm *t, unsigned vrf)
{
	struct static6_route *s, **v;
	struct fib_entry res, *e;
	bool *done, progress = true;
	size_t n = 0, i;
	int pass;

	for (s = r->statics6; s; s = s->next)
		n += s->cfg.vrf == vrf;
	if (!n)
		return;
	v = calloc(n, sizeof(*v));
	done = calloc(n, sizeof(*done));
	if (!v || !done)
		goto out;
	for (i = 0, s = r->statics6; s; s = s->next)
		if (s->cfg.vrf == vrf)
			v[i++] = s;
	qsort(v, n, sizeof(*v), static_order);
	for (pass = 0; pass < RESOLVE_PASSES && progress; pass++) {
		progress = false;
		for (i = 0; i < n; i++) {
			if (done[i] || lpm_exact(t, &v[i]->cfg.prefix))
				continue;
			if (!resolve(r, t, &v[i]->cfg, &res))
				continue;
			if (!(e = entry_add(t, &v[i]->cfg.prefix, FIB_STATIC, res.oif)))
				continue;
			e->distance = v[i]->cfg.distance;
			memcpy(e->gw6, res.gw6, 16);
			memcpy(e->cfg_gw6, res.cfg_gw6, 16);
			e->flags = res.flags;
			done[i] = progress = true;
		}
	}
out:
	free(v);
	free(done);
}

bool fib6_vrf_has_statics(const struct router *r, unsigned vrf)
{
	return static_index_prefixes(&r->static6_idx, vrf, AFI_IPV6) != 0;
}

/* One address's routes, as add_interface_routes() makes them; false if
 * one of its prefixes is in the table already (which entry a rebuild
 * keeps then depends on the order of the interfaces and addresses). */
static bool addr_routes_add(struct lpm *t, struct iface *ifp, const struct ip6_ifaddr *x)
{
	struct prefix net, host;
	struct addr a;

	addr_set_v6(&a, x->a);
	prefix_make(&net, &a, x->plen);
	prefix_make(&host, &a, 128);
	if (lpm_exact(t, &net) || lpm_exact(t, &host))
		return false;
	if (!entry_add(t, &net, FIB_CONNECTED, ifp))
		return false;
	if (x->plen == 128) {	/* as add_interface_routes() */
		struct fib_entry *e = lpm_exact(t, &host);

		e->type = FIB_LOCAL;
		e->flags |= FIB_F_CONNECTED;
		return true;
	}
	return entry_add(t, &host, FIB_LOCAL, ifp) != NULL;
}

/*
 * Pasting thousands of 'ipv6 address' lines rebuilt the table whole per
 * line (10,000 loopbacks: 28 s): an address adds its two routes to the
 * table as it is, unless an IPv6 static route of the VRF could resolve
 * through them, or one of them is there already; then it is rebuilt.
 */
void fib6_iface_addr_added(struct router *r, struct iface *ifp, const struct ip6_ifaddr *x)
{
	bool inc, ok;

	if (!ifp->v6.running || x->state == IP6A_DUPLICATE)
		return;			/* no routes of it, as rebuilt */
	inc = fib_change_begin(r, ifp);	/* false: no table, or held */
	ok = inc && addr_routes_add(rt_fib(r, ifp->vrf), ifp, x);
	fib_change_end(r, ifp->vrf, inc);
	if (inc && !ok)
		fib_rebuild_vrf(r, ifp->vrf);
}

/* Is net the subnet of another address of ifp too (its route stays)? */
static bool net_shared(const struct iface *ifp, const struct ip6_ifaddr *x, const struct prefix *net)
{
	struct prefix q;
	struct addr a;

	for (unsigned i = 0; i < IFACE6_ADDR_MAX; i++) {
		const struct ip6_ifaddr *o = &ifp->v6.g[i];

		if (o == x || !o->used || o->state == IP6A_DUPLICATE || o->plen != x->plen)
			continue;
		addr_set_v6(&a, o->a);
		prefix_make(&q, &a, o->plen);
		if (prefix_eq(&q, net))
			return true;
	}
	return false;
}

/* x's routes out of the table; its subnet's stays for another address of
 * ifp unless all go. */
static void drop_addr(struct router *r, struct iface *ifp, const struct ip6_ifaddr *x, bool all)
{
	struct lpm *t = rt_fib(r, ifp->vrf);
	struct prefix p;
	struct addr a;

	if (!t || !ifp->v6.running || !x->used || x->state == IP6A_DUPLICATE)
		return;			/* none in the table: add_interface_routes() */
	addr_set_v6(&a, x->a);
	prefix_make(&p, &a, x->plen);
	if (all || !net_shared(ifp, x, &p))
		fib_drop_own(t, &p, ifp);
	prefix_make(&p, &a, 128);
	fib_drop_own(t, &p, ifp);
}

void fib6_drop_addr(struct router *r, struct iface *ifp, const struct ip6_ifaddr *x)
{
	drop_addr(r, ifp, x, false);
}

void fib6_drop_iface(struct router *r, struct iface *ifp)
{
	for (unsigned i = 0; i < IFACE6_ADDR_MAX; i++)
		drop_addr(r, ifp, &ifp->v6.g[i], true);
}

struct fib_entry *fib6_lookup(struct router *r, const uint8_t dst[16])
{
	struct addr a;

	addr_set_v6(&a, dst);
	return lpm_lookup(r->fib, &a, NULL);
}

size_t fib6_count(const struct router *r)
{
	return lpm_count(r->fib, AFI_IPV6);
}

struct fib_entry *fib6_lookup_vrf(struct router *r, unsigned vrf, const uint8_t dst[16])
{
	struct lpm *t = rt_fib(r, vrf);
	struct addr a;

	if (!t)
		return NULL;
	addr_set_v6(&a, dst);
	return lpm_lookup(t, &a, NULL);
}

size_t fib6_count_vrf(const struct router *r, unsigned vrf)
{
	struct lpm *t = rt_fib(r, vrf);

	return t ? lpm_count(t, AFI_IPV6) : 0;
}

struct walk_arg {
	int (*fn)(const struct fib_entry *e, void *arg);
	void *arg;
};

static int walk_cb(const struct prefix *p, void *value, void *arg)
{
	struct walk_arg *w = arg;

	return w->fn(value, w->arg);
}

int fib6_route_foreach(struct router *r,
		       int (*fn)(const struct fib_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };

	return lpm_walk(r->fib, AFI_IPV6, walk_cb, &w);
}

int fib6_route_foreach_vrf(struct router *r, unsigned vrf,
			   int (*fn)(const struct fib_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };
	struct lpm *t = rt_fib(r, vrf);

	return t ? lpm_walk(t, AFI_IPV6, walk_cb, &w) : 0;
}

static int check_args(struct router *r, const struct prefix *p, const struct addr *gw,
		      const char *ifname, uint8_t gw6[16], char *err, size_t errlen)
{
	memset(gw6, 0, 16);
	if (!addr_is_v6(&p->addr) || p->len > 128) {
		snprintf(err, errlen, "%% Invalid IPv6 prefix");
		return -1;
	}
	if (gw && gw->afi != AFI_NONE) {
		if (!addr_is_v6(gw) || ip6_is_unspec(gw->u.b) || ip6_is_mcast(gw->u.b) ||
		    ip6_is_loopback(gw->u.b)) {
			snprintf(err, errlen, "%% Invalid next hop address");
			return -1;
		}
		memcpy(gw6, gw->u.b, 16);
	}
	if (ip6_is_unspec(gw6) && !(ifname && ifname[0])) {
		snprintf(err, errlen, "%% Incomplete command.");
		return -1;
	}
	if (ip6_is_linklocal(gw6) && !(ifname && ifname[0])) {
		snprintf(err, errlen, "%% Interface has to be specified for a link-local nexthop");
		return -1;
	}
	if (ifname && strlen(ifname) >= sizeof(((struct fib6_static *)0)->ifname)) {
		snprintf(err, errlen, "%% Invalid interface name");
		return -1;
	}
	return 0;
}

static bool static_match(const struct fib6_static *c, unsigned vrf, const struct prefix *p,
			 const uint8_t gw[16], const char *ifname)
{
	return c->vrf == vrf && prefix_eq(&c->prefix, p) && memcmp(c->gw, gw, 16) == 0 &&
	       strcasecmp(c->ifname, ifname ? ifname : "") == 0;
}

static struct static6_route *static_find(struct router *r, unsigned vrf, const struct prefix *p,
					 const uint8_t gw[16], const char *ifname)
{
	uint64_t h = static_key(vrf, p, gw, ifname);
	struct hnode *n;

	for (n = htab_find(&r->static6_ht, h); n; n = htab_next(n, h)) {
		struct static6_route *s = (struct static6_route *)((char *)n - offsetof(struct static6_route, hn));

		if (static_match(&s->cfg, vrf, p, gw, ifname))
			return s;
	}
	return NULL;
}

int fib6_static_add(struct router *r, const struct prefix *p, const struct addr *gw,
		    const char *ifname, unsigned distance, char *err, size_t errlen)
{
	return fib6_static_add_vrf(r, VRF_DEFAULT, p, gw, ifname, distance, err, errlen);
}

static int check_vrf(const struct router *r, unsigned vrf, char *err, size_t errlen)
{
	if (vrf == VRF_DEFAULT || rt_fib(r, vrf))
		return 0;
	snprintf(err, errlen, "%% VRF id %u does not exist", vrf);
	return -1;
}

bool fib6_gw_is_own(const struct router *r, unsigned vrf, const uint8_t gw6[16])
{
	const struct iface *ifp;

	if (ip6_is_unspec(gw6) || ip6_is_linklocal(gw6))
		return false;
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->vrf == vrf && iface6_find_addr((struct iface *)ifp, gw6))
			return true;
	return false;
}

/* s, the newest IPv6 static route of its VRF, into the table as it is
 * when fib_static_fits() says so (5,000 pasted 'ipv6 route' lines rebuilt
 * it whole per line: 3.4 s). */
static void static_added(struct router *r, struct static6_route *s)
{
	unsigned vrf = s->cfg.vrf;
	struct lpm *t = rt_fib(r, vrf);
	struct fib_entry res, *e;
	struct addr gw;

	addr_set_v6(&gw, s->cfg.gw);
	if (!fib_static_fits(r, vrf, &s->cfg.prefix, s->cfg.ifname[0] ? NULL : &gw))
		return;
	if (!resolve(r, t, &s->cfg, &res))
		return;			/* not installed, as rebuilt */
	if (!(e = entry_add(t, &s->cfg.prefix, FIB_STATIC, res.oif))) {
		fib_rebuild_vrf(r, vrf);
		return;
	}
	e->distance = s->cfg.distance;
	memcpy(e->gw6, res.gw6, 16);
	memcpy(e->cfg_gw6, res.cfg_gw6, 16);
	e->flags = res.flags;
}

int fib6_static_set_label(struct router *r, unsigned vrf, const struct prefix *p,
			  const struct addr *gw, const char *ifname, uint32_t tag, const char *name)
{
	struct static6_route *s;
	char err[80];
	uint8_t gw6[16];

	if (check_args(r, p, gw, ifname, gw6, err, sizeof(err)) == -1 ||
	    (name && strlen(name) >= sizeof(s->cfg.name)) || !(s = static_find(r, vrf, p, gw6, ifname)))
		return -1;
	s->cfg.tag = tag;
	snprintf(s->cfg.name, sizeof(s->cfg.name), "%s", name ? name : "");
	return 0;
}

int fib6_static_add_vrf(struct router *r, unsigned vrf, const struct prefix *p,
			const struct addr *gw, const char *ifname, unsigned distance,
			char *err, size_t errlen)
{
	char ref[IFACE_NAMELEN] = "";
	struct static6_route *s;
	uint8_t gw6[16];

	if (check_vrf(r, vrf, err, errlen) == -1 ||
	    check_args(r, p, gw, ifname, gw6, err, errlen) == -1)
		return -1;
	if (distance > 254) {
		snprintf(err, errlen, "%% Invalid distance %u", distance);
		return -1;
	}
	if (ifname && strcasecmp(ifname, "Null0") == 0)
		iface_get(r, ifname, err, errlen);
	/* A loopback may be missing: 'no interface LoopbackN' keeps the
	 * routes through it (not installed), and they must load back. */
	if (ifname && ifname[0] && !iface_ref_name(r, ifname, ref, sizeof(ref))) {
		snprintf(err, errlen, "%% Unknown interface %s", ifname);
		return -1;
	}
	if ((s = static_find(r, vrf, p, gw6, ifname))) {
		s->cfg.distance = (uint8_t)(distance ? distance : 1);
		fib_rebuild_vrf(r, vrf);
		return 0;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	s->cfg.prefix = *p;
	s->cfg.vrf = vrf;
	memcpy(s->cfg.gw, gw6, 16);
	if (ifname && ifname[0])
		snprintf(s->cfg.ifname, sizeof(s->cfg.ifname), "%s", ref);
	s->cfg.distance = (uint8_t)(distance ? distance : 1);
	s->seq = r->statics6 ? r->statics6->seq + 1 : 1;
	if (htab_add(&r->static6_ht, &s->hn, static_key(vrf, p, gw6, s->cfg.ifname)) == -1) {
		free(s);
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	if (static_index_add(&r->static6_idx, vrf, p, &s->chain) == -1) {
		htab_del(&r->static6_ht, &s->hn);
		free(s);
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	s->next = r->statics6;
	if (s->next)
		s->next->prev = s;
	r->statics6 = s;
	static_added(r, s);
	static_nh_ref(r, s, 1);
	return 0;
}

int fib6_static_del(struct router *r, const struct prefix *p, const struct addr *gw,
		    const char *ifname, char *err, size_t errlen)
{
	return fib6_static_del_vrf(r, VRF_DEFAULT, p, gw, ifname, err, errlen);
}

int fib6_static_del_vrf(struct router *r, unsigned vrf, const struct prefix *p,
			const struct addr *gw, const char *ifname, char *err, size_t errlen)
{
	struct static6_route *s;
	uint8_t gw6[16];

	if (check_vrf(r, vrf, err, errlen) == -1 ||
	    check_args(r, p, gw, ifname, gw6, err, errlen) == -1)
		return -1;
	if ((s = static_find(r, vrf, p, gw6, ifname))) {
		bool only = static_index_only(&r->static6_idx, vrf, p, &s->chain);

		static_unlink(r, s);
		fib_static_gone(r, vrf, p, only);
		return 0;
	}
	snprintf(err, errlen, "%% No matching route to delete");
	return -1;
}

void fib6_static_drop_vrf(struct router *r, unsigned vrf)
{
	struct static6_route *s, *next;

	for (s = r->statics6; s; s = next) {
		next = s->next;
		if (s->cfg.vrf == vrf)
			static_unlink(r, s);
	}
}

int fib6_static_foreach(struct router *r,
			int (*fn)(const struct fib6_static *s, void *arg), void *arg)
{
	return fib6_static_foreach_vrf(r, VRF_DEFAULT, fn, arg);
}

struct static_walk {
	int (*fn)(const struct fib6_static *s, void *arg);
	void *arg;
};

static int static_walk_cb(const struct static_chain *c, void *arg)
{
	struct static_walk *w = arg;

	return w->fn(&ROUTE_OF(c)->cfg, w->arg);
}

int fib6_static_foreach_vrf(struct router *r, unsigned vrf,
			    int (*fn)(const struct fib6_static *s, void *arg), void *arg)
{
	return fib6_static_foreach_vrf_after(r, vrf, NULL, fn, arg);
}

int fib6_static_foreach_vrf_after(struct router *r, unsigned vrf, const struct fib6_static *after,
				  int (*fn)(const struct fib6_static *s, void *arg), void *arg)
{
	struct static_walk w = { fn, arg };
	struct static6_route key;

	if (after)
		key.cfg = *after;
	return static_index_walk(&r->static6_idx, vrf, AFI_IPV6, after ? &after->prefix : NULL,
				 after ? &key.chain : NULL, static_walk_cb, &w);
}

size_t fib6_static_prefixes_vrf(const struct router *r, unsigned vrf)
{
	return static_index_prefixes(&r->static6_idx, vrf, AFI_IPV6);
}

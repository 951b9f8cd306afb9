/*
 * DOC: the FIB: connected, local and static routes on the LPM table
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "log.h"
#include "htab.h"
#include "lpm.h"
#include "router_int.h"

#define RESOLVE_PASSES	8	/* recursion depth of static next hops */

/* Every VRF's static routes: a list, newest first, and a hash of what
 * tells two apart (static_key()), so that adding or removing one does not
 * compare it with all the others. */
struct static_route {
	struct static_route *next, *prev;
	struct hnode hn;
	struct static_chain chain;	/* r->static_idx */
	struct fib_static cfg;
	unsigned seq;			/* configuration order */
};

/* ------------------------------------------------------------ per-VRF tables */

/* The static route index, the next-hop index and the interface subnets
 * keep a table per VRF (router_int.h). */
struct lpm *vrf_lpm(struct lpm *const *v, unsigned vrf)
{
	return v && vrf < VRF_MAX ? v[vrf] : NULL;
}

struct lpm *vrf_lpm_make(struct lpm ***v, unsigned vrf)
{
	if (vrf >= VRF_MAX || (!*v && !(*v = calloc(VRF_MAX, sizeof(**v)))))
		return NULL;
	if (!(*v)[vrf])
		(*v)[vrf] = lpm_new();
	return (*v)[vrf];
}

void vrf_lpms_free(struct lpm ***v)
{
	for (unsigned i = 0; *v && i < VRF_MAX; i++)
		lpm_free((*v)[i], NULL);
	free(*v);
	*v = NULL;
}

/* ------------------------------------------------------------ static index */

int static_index_add(struct static_index *x, unsigned vrf, const struct prefix *p,
		     struct static_chain *c)
{
	struct lpm *t = vrf_lpm_make(&x->t, vrf);
	struct static_chain *head, **pp;

	if (!t)
		return -1;
	head = lpm_exact(t, p);
	for (pp = &head; *pp && x->cmp(*pp, c) < 0; pp = &(*pp)->next)
		;
	if (pp == &head && lpm_insert(t, p, c, NULL) == -1)
		return -1;
	c->next = *pp;
	*pp = c;
	return 0;
}

void static_index_del(struct static_index *x, unsigned vrf, const struct prefix *p,
		      struct static_chain *c)
{
	struct lpm *t = vrf_lpm(x->t, vrf);
	struct static_chain *head, **pp;

	if (!t || !(head = lpm_exact(t, p)))
		return;
	for (pp = &head; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (!*pp)
		return;
	*pp = c->next;
	if (pp != &head)
		return;
	if (head)	/* a new head replaces the old one: no allocation */
		lpm_insert(t, p, head, NULL);
	else
		lpm_delete(t, p);
}

bool static_index_only(const struct static_index *x, unsigned vrf, const struct prefix *p,
		       const struct static_chain *c)
{
	struct lpm *t = vrf_lpm(x->t, vrf);

	return t && lpm_exact(t, p) == c && !c->next;
}

struct index_walk {
	int (*fn)(const struct static_chain *c, void *arg);
	void *arg;
};

static int index_walk_cb(const struct prefix *p, void *value, void *arg)
{
	struct index_walk *w = arg;
	int rc;

	for (const struct static_chain *c = value; c; c = c->next)
		if ((rc = w->fn(c, w->arg)) != 0)
			return rc;
	return 0;
}

int static_index_walk(const struct static_index *x, unsigned vrf, uint16_t afi,
		      const struct prefix *after_p, const struct static_chain *after,
		      int (*fn)(const struct static_chain *c, void *arg), void *arg)
{
	struct lpm *t = vrf_lpm(x->t, vrf);
	struct index_walk w = { fn, arg };
	const struct static_chain *c;
	int rc;

	if (!t)
		return 0;
	if (!after_p)
		return lpm_walk(t, afi, index_walk_cb, &w);
	/* The rest of after's prefix, then the prefixes after it. */
	for (c = lpm_exact(t, after_p); c; c = c->next)
		if (x->cmp(c, after) > 0 && (rc = fn(c, arg)) != 0)
			return rc;
	return lpm_walk_after(t, afi, after_p, index_walk_cb, &w);
}

size_t static_index_prefixes(const struct static_index *x, unsigned vrf, uint16_t afi)
{
	struct lpm *t = vrf_lpm(x->t, vrf);

	return t ? lpm_count(t, afi) : 0;
}

void static_index_free(struct static_index *x)
{
	vrf_lpms_free(&x->t);
}

/* ------------------------------------------------------------ static routes */

#define ROUTE_OF(c) ((const struct static_route *)((const char *)(c) - offsetof(struct static_route, chain)))

/* Within a prefix: by next hop, then interface (the running-config's). */
static int chain_order(const struct static_chain *a, const struct static_chain *b)
{
	const struct fib_static *x = &ROUTE_OF(a)->cfg, *y = &ROUTE_OF(b)->cfg;

	if (x->gw != y->gw)
		return ntohl(x->gw) < ntohl(y->gw) ? -1 : 1;
	return strcmp(x->ifname, y->ifname);
}

static uint64_t static_key(unsigned vrf, const struct prefix *p, uint32_t gw, const char *ifname)
{
	uint64_t h = htab_bytes(HTAB_SEED, &vrf, sizeof(vrf));

	h = htab_bytes(h, &p->len, sizeof(p->len));
	h = htab_bytes(h, &p->addr.u.v4, sizeof(p->addr.u.v4));
	h = htab_bytes(h, &gw, sizeof(gw));
	return htab_lower(h, ifname ? ifname : "");
}

/*
 * The static next hops of a VRF, both families, each a host prefix
 * counting the routes through it: whether a new static route's prefix
 * holds another's next hop (static_added()) is one walk of its subtree
 * rather than a comparison with every static (20,000 pasted 'ip route'
 * lines took 3 s).
 */
void fib_nh_ref(struct router *r, unsigned vrf, const struct addr *gw, int delta)
{
	struct lpm *t = delta > 0 ? vrf_lpm_make(&r->static_nh, vrf) : vrf_lpm(r->static_nh, vrf);
	struct prefix p;
	uintptr_t n;

	if (prefix_make(&p, gw, addr_bits(gw->afi)) == -1)
		return;
	if (!t) {
		if (delta > 0)	/* out of memory */
			r->static_nh_lost = true;
		return;
	}
	n = (uintptr_t)lpm_exact(t, &p);
	if (delta < 0 && n <= 1)
		lpm_delete(t, &p);
	else if (delta < 0)
		lpm_insert(t, &p, (void *)(n - 1), NULL);
	else if (lpm_insert(t, &p, (void *)(n + 1), NULL) == -1)
		r->static_nh_lost = true;
}

/* Out of memory, the index is no longer whole: every static route added
 * then rebuilds the table. */
bool fib_nh_inside(const struct router *r, unsigned vrf, const struct prefix *p)
{
	const struct lpm *t = vrf_lpm(r->static_nh, vrf);

	return r->static_nh_lost || (t && lpm_covers_any(t, p));
}

static void static_nh_ref(struct router *r, const struct static_route *s, int delta)
{
	struct addr gw;

	if (s->cfg.gw) {
		addr_set_v4(&gw, s->cfg.gw);
		fib_nh_ref(r, s->cfg.vrf, &gw, delta);
	}
}

static void static_unlink(struct router *r, struct static_route *s)
{
	static_nh_ref(r, s, -1);
	static_index_del(&r->static_idx, s->cfg.vrf, &s->cfg.prefix, &s->chain);
	if (s->prev)
		s->prev->next = s->next;
	else
		r->statics = s->next;
	if (s->next)
		s->next->prev = s->prev;
	htab_del(&r->static_ht, &s->hn);
	free(s);
}

int fib_init(struct router *r)
{
	r->static_idx.cmp = chain_order;
	fib6_init(r);
	r->fib = lpm_new();
	return r->fib ? 0 : -1;
}

void fib_fini(struct router *r)
{
	struct static_route *s;

	lpm_free(r->fib, free);
	r->fib = NULL;
	fib6_fini(r);
	while ((s = r->statics))
		static_unlink(r, s);
	htab_free(&r->static_ht);
	static_index_free(&r->static_idx);
	vrf_lpms_free(&r->static_nh);
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

static void add_interface_routes(struct router *r, struct lpm *t, struct iface *ifp,
				 unsigned vrf)
{
	struct prefix p;
	struct addr a;
	struct fib_entry *e;

	if (ifp->vrf != vrf || !ifp->has_addr || !iface_is_up(ifp) || ifp->null)
		return;
	addr_set_v4(&a, ifp->addr);
	prefix_make(&p, &a, ifp->plen);
	entry_add(t, &p, FIB_CONNECTED, ifp);
	prefix_make(&p, &a, 32);
	if ((e = lpm_exact(t, &p))) {
		e->type = FIB_LOCAL;	/* a /32 interface: local and connected */
		e->flags |= FIB_F_CONNECTED;
	} else {
		entry_add(t, &p, FIB_LOCAL, ifp);
	}
}

static bool resolve(struct router *r, struct lpm *t, const struct fib_static *s,
		    struct fib_entry *out)
{
	struct fib_entry *via;
	struct iface *ifp;
	struct addr gw;

	memset(out, 0, sizeof(*out));
	out->cfg_gw = s->gw;
	if (s->ifname[0]) {
		if (!(ifp = iface_find(r, s->ifname)) || (!ifp->null && ifp->vrf != s->vrf))
			return false;
		if (ifp->null) {
			out->flags = FIB_F_DISCARD | FIB_F_IFACE;
			return true;
		}
		if (!iface_is_up(ifp))
			return false;
		out->oif = ifp;
		out->gw = s->gw;
		out->flags = FIB_F_IFACE;
		return true;
	}
	addr_set_v4(&gw, s->gw);
	via = lpm_lookup(t, &gw, NULL);
	if (!via || via->type == FIB_LOCAL || prefix_eq(&via->prefix, &s->prefix))
		return false;
	out->oif = via->oif;
	out->gw = via->gw ? via->gw : s->gw;
	out->flags = via->flags & FIB_F_DISCARD;
	return true;
}

static int static_order(const void *a, const void *b)
{
	const struct static_route *x = *(struct static_route *const *)a;
	const struct static_route *y = *(struct static_route *const *)b;

	if (x->cfg.distance != y->cfg.distance)
		return x->cfg.distance < y->cfg.distance ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void add_static_routes(struct router *r, struct lpm *t, unsigned vrf)
{
	struct static_route *s, **v;
	struct fib_entry res, *e;
	size_t n = 0, i;
	bool *done, progress = true;
	int pass;

	for (s = r->statics; s; s = s->next)
		n += s->cfg.vrf == vrf;
	if (!n)
		return;
	v = calloc(n, sizeof(*v));
	done = calloc(n, sizeof(*done));
	if (!v || !done)
		goto out;
	for (i = 0, s = r->statics; s; s = s->next)
		if (s->cfg.vrf == vrf)
			v[i++] = s;
	qsort(v, n, sizeof(*v), static_order);
	/* A next hop may resolve through a static installed in an earlier
	 * pass: repeat until nothing changes. */
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
			e->gw = res.gw;
			e->cfg_gw = res.cfg_gw;
			e->flags = res.flags;
			done[i] = progress = true;
		}
	}
out:
	free(v);
	free(done);
}

/* The table's IPv4 route count, kept for fib_count(). */
static void count_fib(struct router *r, unsigned vrf, const struct lpm *t)
{
	if (vrf == VRF_DEFAULT)
		r->fib_n = lpm_count(t, AFI_IPV4);
	else
		r->vrfs[vrf]->fib_n = lpm_count(t, AFI_IPV4);
}

static void rebuild_one(struct router *r, unsigned vrf)
{
	struct lpm *t;
	struct iface *ifp;
	struct vrf *v = r->vrfs ? r->vrfs[vrf] : NULL;

	if (r->fib_hold) {		/* fib_hold(): every table at the end */
		r->fib_dirty = true;
		return;
	}
	if (!(t = lpm_new())) {
		log_msg(LOG_ERR, "FIB: out of memory, table not updated");
		return;
	}
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		add_interface_routes(r, t, ifp, vrf);
	add_static_routes(r, t, vrf);
	fib6_add_routes(r, t, vrf);
	if (vrf == VRF_DEFAULT) {
		lpm_free(r->fib, free);
		r->fib = t;
	} else {
		lpm_free(v->fib, free);
		v->fib = r->vrf_fib[vrf] = t;
	}
	count_fib(r, vrf, t);
}

void fib_hold(struct router *r, bool hold)
{
	if (hold) {
		r->fib_hold++;
		return;
	}
	if (r->fib_hold && --r->fib_hold == 0 && r->fib_dirty) {
		r->fib_dirty = false;
		fib_rebuild(r);
	}
}

/* Has VRF vrf an IPv4 static route?  (From the index: no walk.) */
static bool vrf_has_statics(const struct router *r, unsigned vrf)
{
	return static_index_prefixes(&r->static_idx, vrf, AFI_IPV4) != 0;
}

bool fib_vrf_has_statics(const struct router *r, unsigned vrf)
{
	return vrf_has_statics(r, vrf) || fib6_vrf_has_statics(r, vrf);
}

/* The static routes' entries (either family) out of table t. */
static int lift_one(const struct prefix *p, void *value, void *arg)
{
	struct lpm *t = arg;
	struct fib_entry *e = lpm_exact(t, p);

	(void)value;
	if (e && e->type == FIB_STATIC)
		free(lpm_delete(t, p));
	return 0;
}

static void statics_lift(struct router *r, struct lpm *t, unsigned vrf)
{
	struct lpm *x;

	if ((x = vrf_lpm(r->static_idx.t, vrf)))
		lpm_walk(x, AFI_IPV4, lift_one, t);
	if ((x = vrf_lpm(r->static6_idx.t, vrf)))
		lpm_walk(x, AFI_IPV6, lift_one, t);
}

bool fib_change_begin(struct router *r, const struct iface *ifp)
{
	struct lpm *t = rt_fib(r, ifp->vrf);

	if (!t || r->fib_hold || ifp->null)
		return false;
	if (r->change_depth) {
		/* Inside another change: of the same VRF only. */
		if (r->change_vrf != ifp->vrf)
			return false;
		r->change_depth++;
		return true;
	}
	r->change_depth = 1;
	r->change_vrf = ifp->vrf;
	if ((r->lifted = fib_vrf_has_statics(r, ifp->vrf)))
		statics_lift(r, t, ifp->vrf);
	return true;
}

void fib_change_end(struct router *r, unsigned vrf, bool inc)
{
	struct lpm *t;

	if (!inc) {
		fib_rebuild_vrf(r, vrf);
		return;
	}
	if (--r->change_depth || !r->lifted)
		return;
	r->lifted = false;
	if (!(t = rt_fib(r, vrf)))
		return;
	/* Out again first: a rebuild inside the change put them back. */
	statics_lift(r, t, vrf);
	add_static_routes(r, t, vrf);
	fib6_add_statics(r, t, vrf);
	count_fib(r, vrf, t);
}

void fib_iface_created(struct router *r, struct iface *ifp)
{
	/* Only a static route naming it can route through a new loopback
	 * without an address (Null0 serves every VRF's). */
	if (ifp->null && rt_fib(r, ifp->vrf))
		rebuild_one(r, ifp->vrf);
	else if (fib_vrf_has_statics(r, ifp->vrf))
		fib_change_end(r, ifp->vrf, fib_change_begin(r, ifp));
}

void fib_drop_own(struct lpm *t, const struct prefix *p, const struct iface *ifp)
{
	struct fib_entry *e = lpm_exact(t, p);

	if (e && e->oif == ifp && (e->type == FIB_CONNECTED || e->type == FIB_LOCAL))
		free(lpm_delete(t, p));
}

void fib_drop_iface4(struct router *r, struct iface *ifp)
{
	struct lpm *t = rt_fib(r, ifp->vrf);
	struct prefix p;
	struct addr a;

	if (!t || !ifp->has_addr || !iface_is_up(ifp) || ifp->null)
		return;			/* none in the table: add_interface_routes() */
	addr_set_v4(&a, ifp->addr);
	prefix_make(&p, &a, ifp->plen);
	fib_drop_own(t, &p, ifp);
	prefix_make(&p, &a, 32);
	fib_drop_own(t, &p, ifp);
	count_fib(r, ifp->vrf, t);
}

void fib_iface_addr_added(struct router *r, struct iface *ifp)
{
	/* Without a table nothing happens; held, the end marks it dirty. */
	bool inc = fib_change_begin(r, ifp);

	if (inc) {
		struct lpm *t = rt_fib(r, ifp->vrf);

		add_interface_routes(r, t, ifp, ifp->vrf);
		count_fib(r, ifp->vrf, t);
	}
	fib_change_end(r, ifp->vrf, inc);
}

void fib_rebuild_vrf(struct router *r, unsigned vrf)
{
	if (rt_fib(r, vrf))
		rebuild_one(r, vrf);
}

void fib_rebuild(struct router *r)
{
	unsigned id;
	size_t seen = 0;

	rebuild_one(r, VRF_DEFAULT);
	for (id = 1; r->vrfs && id < VRF_MAX && seen < r->vrf_n; id++)
		if (r->vrfs[id]) {
			rebuild_one(r, id);
			seen++;
		}
}

struct fib_entry *fib_lookup(struct router *r, uint32_t dst)
{
	struct addr a;

	addr_set_v4(&a, dst);
	return lpm_lookup(r->fib, &a, NULL);
}

struct fib_entry *fib_lookup_vrf(struct router *r, unsigned vrf, uint32_t dst)
{
	struct lpm *t = rt_fib(r, vrf);
	struct addr a;

	if (!t)
		return NULL;
	addr_set_v4(&a, dst);
	return lpm_lookup(t, &a, NULL);
}

size_t fib_count(const struct router *r)
{
	return r->fib_n;
}

size_t fib_count_vrf(const struct router *r, unsigned vrf)
{
	if (vrf == VRF_DEFAULT)
		return r->fib_n;
	return rt_fib(r, vrf) ? r->vrfs[vrf]->fib_n : 0;
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

int fib_route_foreach(struct router *r,
		      int (*fn)(const struct fib_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };

	return lpm_walk(r->fib, AFI_IPV4, walk_cb, &w);
}

int fib_route_foreach_vrf(struct router *r, unsigned vrf,
			  int (*fn)(const struct fib_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };
	struct lpm *t = rt_fib(r, vrf);

	return t ? lpm_walk(t, AFI_IPV4, walk_cb, &w) : 0;
}

int fib_route_foreach_vrf_after(struct router *r, unsigned vrf, uint16_t afi,
				const struct prefix *after,
				int (*fn)(const struct fib_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };
	struct lpm *t = rt_fib(r, vrf);

	return t ? lpm_walk_after(t, afi, after, walk_cb, &w) : 0;
}

struct fib_entry *fib_route_exact_vrf(struct router *r, unsigned vrf, const struct prefix *p)
{
	struct lpm *t = rt_fib(r, vrf);
	struct prefix k = *p;

	k.addr.iid = 0;
	return t ? lpm_exact(t, &k) : NULL;
}

static bool static_match(const struct fib_static *c, unsigned vrf, const struct prefix *p,
			 uint32_t gw, const char *ifname)
{
	/* the hash found it: the fields alike still say */
	/* the integers first: every route is compared with every other as
	 * a configuration loads */
	return c->vrf == vrf && c->gw == gw && c->prefix.len == p->len &&
	       c->prefix.addr.u.v4 == p->addr.u.v4 && prefix_eq(&c->prefix, p) &&
	       strcasecmp(c->ifname, ifname ? ifname : "") == 0;
}

static struct static_route *static_find(struct router *r, unsigned vrf, const struct prefix *p,
					uint32_t gw, const char *ifname)
{
	uint64_t h = static_key(vrf, p, gw, ifname);
	struct hnode *n;

	for (n = htab_find(&r->static_ht, h); n; n = htab_next(n, h)) {
		struct static_route *s = (struct static_route *)((char *)n - offsetof(struct static_route, hn));

		if (static_match(&s->cfg, vrf, p, gw, ifname))
			return s;
	}
	return NULL;
}

static int check_args(struct router *r, const struct prefix *p, const struct addr *gw,
		      const char *ifname, uint32_t *gw4, char *err, size_t errlen)
{
	if (!addr_is_v4(&p->addr) || p->len > 32) {
		snprintf(err, errlen, "%% Invalid IPv4 prefix");
		return -1;
	}
	*gw4 = 0;
	if (gw && gw->afi != AFI_NONE) {
		if (!addr_is_v4(gw) || gw->u.v4 == 0) {
			snprintf(err, errlen, "%% Invalid next hop address");
			return -1;
		}
		*gw4 = gw->u.v4;
	}
	if (!*gw4 && !(ifname && ifname[0])) {
		snprintf(err, errlen, "%% Incomplete command.");
		return -1;
	}
	if (ifname && strlen(ifname) >= sizeof(((struct fib_static *)0)->ifname)) {
		snprintf(err, errlen, "%% Invalid interface name");
		return -1;
	}
	return 0;
}

int fib_static_add(struct router *r, const struct prefix *p, const struct addr *gw,
		   const char *ifname, unsigned distance, char *err, size_t errlen)
{
	return fib_static_add_vrf(r, VRF_DEFAULT, p, gw, ifname, distance, err, errlen);
}

static int check_vrf(const struct router *r, unsigned vrf, char *err, size_t errlen)
{
	if (vrf == VRF_DEFAULT || rt_fib(r, vrf))
		return 0;
	snprintf(err, errlen, "%% VRF id %u does not exist", vrf);
	return -1;
}

bool fib_gw_is_own(const struct router *r, unsigned vrf, const struct addr *gw)
{
	const struct iface *ifp;

	if (addr_is_v6(gw))
		return fib6_gw_is_own(r, vrf, gw->u.b);
	if (!addr_is_v4(gw) || !gw->u.v4)
		return false;
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->vrf == vrf && ifp->has_addr && ifp->addr == gw->u.v4)
			return true;
	return false;
}

/*
 * A new static route goes into its VRF's table as it is when a rebuild
 * would make the same table: its next hop resolves through a connected
 * route (present from a rebuild's start, so the same answer) or it names
 * an interface, its prefix has no static yet, and no other static's next
 * hop is inside its prefix (their resolution could change); a connected
 * route of its prefix keeps it.  Else the table is rebuilt: a pasted
 * block of thousands of 'ip route' lines rebuilt it whole per line
 * (5,000: 5.2 s, now 0.1 s).  gw NULL: through an interface.  False:
 * nothing to add (rebuilt, or nothing changes).
 */
bool fib_static_fits(struct router *r, unsigned vrf, const struct prefix *p, const struct addr *gw)
{
	struct lpm *t = rt_fib(r, vrf);
	struct fib_entry *e, *via;

	if (!t)
		return false;
	if (r->fib_hold) {
		r->fib_dirty = true;
		return false;
	}
	if ((e = lpm_exact(t, p))) {
		if (e->type == FIB_CONNECTED || e->type == FIB_LOCAL)
			return false;	/* the connected route keeps it */
		goto rebuild;		/* a static: which wins depends on the passes */
	}
	if (fib_nh_inside(r, vrf, p))	/* the new one's is not in yet */
		goto rebuild;
	if (gw && (via = lpm_lookup(t, gw, NULL)) && via->type != FIB_CONNECTED)
		goto rebuild;
	return true;
rebuild:
	rebuild_one(r, vrf);
	return false;
}

/*
 * A static route of VRF vrf and prefix p is gone (only: it was the
 * prefix's only one).  A pasted block of thousands of 'no ip route'
 * lines rebuilt the table whole per line (10,000: 16.8 s): its route
 * leaves the table as it is when a rebuild would make the same table
 * (no other static of p could take over, no static's next hop is inside
 * p); one that was not installed changes nothing.
 */
void fib_static_gone(struct router *r, unsigned vrf, const struct prefix *p, bool only)
{
	struct lpm *t = rt_fib(r, vrf);
	struct fib_entry *e;

	if (!t)
		return;
	if (r->fib_hold) {
		r->fib_dirty = true;
		return;
	}
	if (!only || fib_nh_inside(r, vrf, p)) {
		rebuild_one(r, vrf);
		return;
	}
	if (!(e = lpm_exact(t, p)) || e->type != FIB_STATIC)
		return;			/* it was not installed */
	free(lpm_delete(t, p));
	if (addr_is_v4(&p->addr))
		count_fib(r, vrf, t);
}

static void static_added(struct router *r, struct static_route *s)
{
	unsigned vrf = s->cfg.vrf;
	struct lpm *t = rt_fib(r, vrf);
	struct fib_entry res, *e;
	struct addr gw;

	addr_set_v4(&gw, s->cfg.gw);
	if (!fib_static_fits(r, vrf, &s->cfg.prefix, s->cfg.ifname[0] ? NULL : &gw))
		return;
	if (!resolve(r, t, &s->cfg, &res))
		return;			/* not installed, as rebuilt */
	if (!(e = entry_add(t, &s->cfg.prefix, FIB_STATIC, res.oif))) {
		rebuild_one(r, vrf);
		return;
	}
	e->distance = s->cfg.distance;
	e->gw = res.gw;
	e->cfg_gw = res.cfg_gw;
	e->flags = res.flags;
	count_fib(r, vrf, t);
}

int fib_static_set_label(struct router *r, unsigned vrf, const struct prefix *p,
			 const struct addr *gw, const char *ifname, uint32_t tag, const char *name)
{
	struct static_route *s;
	char err[80];
	uint32_t gw4;

	if (check_args(r, p, gw, ifname, &gw4, err, sizeof(err)) == -1 ||
	    (name && strlen(name) >= sizeof(s->cfg.name)) || !(s = static_find(r, vrf, p, gw4, ifname)))
		return -1;
	s->cfg.tag = tag;
	snprintf(s->cfg.name, sizeof(s->cfg.name), "%s", name ? name : "");
	return 0;
}

uint32_t fib_static_tag(struct router *r, unsigned vrf, const struct prefix *p, uint32_t gw,
			const char *ifname)
{
	struct static_route *s = static_find(r, vrf, p, gw, ifname);

	return s ? s->cfg.tag : 0;
}

int fib_static_add_vrf(struct router *r, unsigned vrf, const struct prefix *p,
		       const struct addr *gw, const char *ifname, unsigned distance,
		       char *err, size_t errlen)
{
	char ref[IFACE_NAMELEN] = "";
	struct static_route *s;
	uint32_t gw4;

	if (check_vrf(r, vrf, err, errlen) == -1 ||
	    check_args(r, p, gw, ifname, &gw4, err, errlen) == -1)
		return -1;
	if (distance > 255) {
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
	if ((s = static_find(r, vrf, p, gw4, ifname))) {
		s->cfg.distance = (uint8_t)(distance ? distance : 1);
		rebuild_one(r, vrf);
		return 0;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	s->cfg.prefix = *p;
	s->cfg.vrf = vrf;
	s->cfg.gw = gw4;
	if (ifname && ifname[0])
		snprintf(s->cfg.ifname, sizeof(s->cfg.ifname), "%s", ref);
	s->cfg.distance = (uint8_t)(distance ? distance : 1);
	s->seq = r->statics ? r->statics->seq + 1 : 1;
	if (htab_add(&r->static_ht, &s->hn, static_key(vrf, p, gw4, s->cfg.ifname)) == -1) {
		free(s);
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	if (static_index_add(&r->static_idx, vrf, p, &s->chain) == -1) {
		htab_del(&r->static_ht, &s->hn);
		free(s);
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	/* Newest first keeps 'seq' cheap: the rebuild sorts them, the
	 * walkers go by the index. */
	s->next = r->statics;
	if (s->next)
		s->next->prev = s;
	r->statics = s;
	static_added(r, s);
	static_nh_ref(r, s, 1);
	return 0;
}

int fib_static_del(struct router *r, const struct prefix *p, const struct addr *gw,
		   const char *ifname, char *err, size_t errlen)
{
	return fib_static_del_vrf(r, VRF_DEFAULT, p, gw, ifname, err, errlen);
}

int fib_static_del_vrf(struct router *r, unsigned vrf, const struct prefix *p,
		       const struct addr *gw, const char *ifname, char *err, size_t errlen)
{
	struct static_route *s;
	uint32_t gw4;

	if (check_vrf(r, vrf, err, errlen) == -1 ||
	    check_args(r, p, gw, ifname, &gw4, err, errlen) == -1)
		return -1;
	if ((s = static_find(r, vrf, p, gw4, ifname))) {
		bool only = static_index_only(&r->static_idx, vrf, p, &s->chain);

		static_unlink(r, s);
		fib_static_gone(r, vrf, p, only);
		return 0;
	}
	snprintf(err, errlen, "%% No matching route to delete");
	return -1;
}

void fib_static_drop_vrf(struct router *r, unsigned vrf)
{
	struct static_route *s, *next;

	for (s = r->statics; s; s = next) {
		next = s->next;
		if (s->cfg.vrf == vrf)
			static_unlink(r, s);
	}
}

int fib_static_foreach(struct router *r,
		       int (*fn)(const struct fib_static *s, void *arg), void *arg)
{
	return fib_static_foreach_vrf(r, VRF_DEFAULT, fn, arg);
}

struct static_walk {
	int (*fn)(const struct fib_static *s, void *arg);
	void *arg;
};

static int static_walk_cb(const struct static_chain *c, void *arg)
{
	struct static_walk *w = arg;

	return w->fn(&ROUTE_OF(c)->cfg, w->arg);
}

int fib_static_foreach_vrf(struct router *r, unsigned vrf,
			   int (*fn)(const struct fib_static *s, void *arg), void *arg)
{
	return fib_static_foreach_vrf_after(r, vrf, NULL, fn, arg);
}

int fib_static_foreach_vrf_after(struct router *r, unsigned vrf, const struct fib_static *after,
				 int (*fn)(const struct fib_static *s, void *arg), void *arg)
{
	struct static_walk w = { fn, arg };
	struct static_route key;

	if (after)
		key.cfg = *after;
	return static_index_walk(&r->static_idx, vrf, AFI_IPV4, after ? &after->prefix : NULL,
				 after ? &key.chain : NULL, static_walk_cb, &w);
}

size_t fib_static_prefixes_vrf(const struct router *r, unsigned vrf)
{
	return static_index_prefixes(&r->static_idx, vrf, AFI_IPV4);
}

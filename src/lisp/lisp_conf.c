/*
 * DOC: the LISP configuration objects beside the data path's: styles,
 * instances, locator-sets
 *
 * The configuration model both printers of cli/cmd_lisp.c walk (the
 * classic 'ip lisp' lines and the IOS 15 / IOS-XE 'router lisp' block)
 * lives in the engine: lisp.c holds what the data path uses (roles,
 * mappings, resolvers, ...), this file what only shapes the
 * configuration.  Styles record how each part was written (lisp.h).
 *
 * Instances: a list by instance ID, instance 0 always present, and a
 * hash on the ID for the O(1) lisp_inst_of().  Each holds its own
 * database, map-cache and static entries (created and freed here).  An
 * instance is bound to an EID table by name ('eid-table default' or
 * 'eid-table vrf NAME', one instance per table); the engine maps VRF id
 * -> instance in an array rebuilt when the router's VRF generation or a
 * binding changes (lisp_vrf_rebuild()).  Instance 0 with no 'eid-table'
 * line serves the default table unless another instance claims it.
 *
 * Address families: which of 'ip lisp' / 'ipv6 lisp' (or their router
 * lisp forms) wrote each global setting, for the printers only; the
 * engine keeps one value (lisp.h).
 *
 * Locator-sets: a database mapping that uses a set keeps a copy of the
 * set's locators (the ETR and the show commands read db_entry.locs as
 * before); every change of a set is copied into its users, which then
 * register again and SMR their ITRs as any changed mapping does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lisp_int.h"
#include "lpm.h"
#include "router.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void inst_free(struct lisp_inst *i);

int lisp_conf_init(struct lisp *l)
{
	return lisp_inst_get(l, 0, NULL, 0) ? 0 : -1;
}

void lisp_conf_free(struct lisp *l)
{
	struct lisp_inst *i;
	struct locset *s;

	while ((i = l->insts)) {
		l->insts = i->next;
		inst_free(i);
	}
	memset(l->inst_hash, 0, sizeof(l->inst_hash));
	l->inst0 = NULL;
	l->n_insts = 0;
	while ((s = l->locsets)) {
		l->locsets = s->next;
		free(s);
	}
	l->n_locsets = 0;
	free(l->af_ents);
	l->af_ents = NULL;
	l->n_af_ents = 0;
}

/* ---------------------------------------------------------------- families */

unsigned lisp_af_kind(const struct lisp *l, enum lisp_xe_kind k)
{
	return (unsigned)k < LISP_XK__COUNT ? l->af_kind[k] : 0;
}

void lisp_af_kind_set(struct lisp *l, enum lisp_xe_kind k, unsigned af)
{
	if ((unsigned)k < LISP_XK__COUNT)
		l->af_kind[k] = af & (LISP_AF_IPV4 | LISP_AF_IPV6);
}

static struct lisp_af_ent *af_ent_find(const struct lisp *l, enum lisp_xe_kind k,
				       const struct prefix *p)
{
	for (size_t i = 0; i < l->n_af_ents; i++)
		if (l->af_ents[i].kind == k && prefix_eq(&l->af_ents[i].p, p))
			return &l->af_ents[i];
	return NULL;
}

unsigned lisp_af_entry(const struct lisp *l, enum lisp_xe_kind k, const struct prefix *p)
{
	const struct lisp_af_ent *e = af_ent_find(l, k, p);

	return e ? e->af : 0;
}

uint32_t lisp_af_entry_seq(const struct lisp *l, enum lisp_xe_kind k, const struct prefix *p,
			   unsigned af)
{
	const struct lisp_af_ent *e = af_ent_find(l, k, p);

	return e ? e->seq[af == LISP_AF_IPV6] : 0;
}

/* A family that writes an entry puts it at the end of its own list: each
 * family's order is the order it wrote them in, whatever the other's. */
static void af_ent_seq(struct lisp *l, struct lisp_af_ent *e, unsigned was, unsigned af)
{
	for (unsigned f = 0; f < 2; f++) {
		unsigned bit = f ? LISP_AF_IPV6 : LISP_AF_IPV4;

		if (!(af & bit))
			e->seq[f] = 0;
		else if (!(was & bit))
			e->seq[f] = ++l->af_seq;
	}
}

/*
 * The entries are bounded by the lists they describe (map-resolvers,
 * map-servers, PETRs, the PETR access list): the shell forgets an entry
 * when the engine's goes.
 */
int lisp_af_entry_set(struct lisp *l, enum lisp_xe_kind k, const struct prefix *p, unsigned af)
{
	struct lisp_af_ent *e = af_ent_find(l, k, p), *n;

	af &= LISP_AF_IPV4 | LISP_AF_IPV6;
	if (e && !af) {
		*e = l->af_ents[--l->n_af_ents];
		return 0;
	}
	if (e || !af) {
		if (e) {
			af_ent_seq(l, e, e->af, af);
			e->af = af;
		}
		return 0;
	}
	if (!(n = realloc(l->af_ents, (l->n_af_ents + 1) * sizeof(*n))))
		return -1;
	l->af_ents = n;
	e = &n[l->n_af_ents++];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->p = *p;
	e->af = af;
	af_ent_seq(l, e, 0, af);
	return 0;
}

bool lisp_af_kind_in(const struct lisp *l, enum lisp_xe_kind k, unsigned af)
{
	unsigned m = lisp_af_kind(l, k);

	return ((m ? m : LISP_AF_IPV4) & af) != 0;
}

bool lisp_af_entry_in(const struct lisp *l, enum lisp_xe_kind k, const struct addr *a, unsigned af)
{
	struct prefix p;
	unsigned m;

	memset(&p, 0, sizeof(p));
	prefix_make(&p, a, addr_bits(a->afi));
	m = lisp_af_entry(l, k, &p);
	return ((m ? m : LISP_AF_IPV4) & af) != 0;
}

unsigned lisp_af_roles(const struct lisp *l, unsigned af)
{
	static const struct {
		unsigned role;
		enum lisp_xe_kind kind;
	} map[] = {
		{ LISP_ROLE_ITR, LISP_XK_ITR }, { LISP_ROLE_ETR, LISP_XK_ETR },
		{ LISP_ROLE_MS, LISP_XK_MS }, { LISP_ROLE_MR, LISP_XK_MR },
		{ LISP_ROLE_PETR, LISP_XK_PETR }, { LISP_ROLE_PITR, LISP_XK_PITR },
	};
	unsigned roles = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		unsigned m = l->af_kind[map[i].kind];

		if ((l->roles & map[i].role) && ((m ? m : LISP_AF_IPV4) & af))
			roles |= map[i].role;
	}
	return roles;
}

/* ---------------------------------------------------------------- styles */

void lisp_set_style(struct lisp *l, enum lisp_style style)
{
	l->style = style;
}

enum lisp_style lisp_style(const struct lisp *l)
{
	return l->style;
}

static struct site *site_by_name(const struct lisp *l, const char *name)
{
	return lisp_site_by_name(l, name);
}

int lisp_site_set_style(struct lisp *l, const char *name, enum lisp_style style,
			char *err, size_t errlen)
{
	struct site *s = site_by_name(l, name);

	if (!s)
		return fail(err, errlen, "%% LISP site %s does not exist", name);
	s->style = style;
	return 0;
}

enum lisp_style lisp_site_style(const struct lisp *l, const char *name)
{
	const struct site *s = site_by_name(l, name);

	return s ? s->style : LISP_STYLE_NONE;
}

void lisp_set_xe_opts(struct lisp *l, const struct lisp_xe_opts *o)
{
	l->xe_opts = *o;
}

void lisp_xe_opts(const struct lisp *l, struct lisp_xe_opts *o)
{
	*o = l->xe_opts;
}

/* ---------------------------------------------------------------- instances */

struct lisp_inst *lisp_inst_find(struct lisp *l, uint32_t iid)
{
	return lisp_inst_of(l, iid);
}

static unsigned inst_bucket(uint32_t iid)
{
	return (iid * 0x9E3779B1u) >> 22 & (LISP_INST_HASH - 1);
}

static void static_free_all(struct lisp_inst *i)
{
	struct static_mc *m;

	while ((m = i->statics)) {
		i->statics = m->next;
		free(m);
	}
	htab_free(&i->statics_ht);
	lpm_free(i->mreq_space, NULL);
	i->mreq_space = NULL;
	i->statics_hint = NULL;
}

static void db_entry_free(void *v)
{
	free(v);
}

static void inst_free(struct lisp_inst *i)
{
	if (!i)
		return;
	map_cache_free(i->mc);
	lpm_free(i->db, db_entry_free);
	static_free_all(i);
	free(i);
}

struct lisp_inst *lisp_inst_get(struct lisp *l, uint32_t iid, char *err, size_t errlen)
{
	struct lisp_inst **pp, *i;

	if (iid > LISP_IID_MAX) {
		fail(err, errlen, "%% Instance-ID %u is out of range (0-%u)", iid, LISP_IID_MAX);
		return NULL;
	}
	if ((i = lisp_inst_of(l, iid)))
		return i;
	if (l->n_insts >= LISP_INST_MAX) {
		fail(err, errlen, "%% Instance-ID %u not created: limit of %u instances reached",
		     iid, LISP_INST_MAX);
		return NULL;
	}
	if (!(i = calloc(1, sizeof(*i))) || !(i->db = lpm_new()) ||
	    !(i->mc = map_cache_new(l, router_loop(l->r), iid))) {
		inst_free(i);
		fail(err, errlen, "%% Out of memory");
		return NULL;
	}
	i->iid = iid;
	i->l = l;
	i->mc_limit = -1;
	i->vrf_id = -1;
	map_cache_set_limit(i->mc, l->mc_limit);
	for (pp = &l->insts; *pp && (*pp)->iid < iid; pp = &(*pp)->next)
		;
	i->next = *pp;
	*pp = i;
	i->hnext = l->inst_hash[inst_bucket(iid)];
	l->inst_hash[inst_bucket(iid)] = i;
	if (iid == 0)
		l->inst0 = i;
	l->n_insts++;
	l->vrf_stale = true;
	if (iid != 0)
		lisp_itr_inst_default(l, i);	/* its send-map-request 0.0.0.0/0 */
	return i;
}

uint32_t lisp_inst_iid(const struct lisp_inst *i)
{
	return i->iid;
}

struct prefix_list {
	struct prefix *p;
	size_t n, cap;
	bool nomem;
};

static int plist_add(struct prefix_list *pl, const struct prefix *p)
{
	if (pl->n == pl->cap) {
		size_t cap = pl->cap ? 2 * pl->cap : 16;
		struct prefix *np = realloc(pl->p, cap * sizeof(*np));

		if (!np) {
			pl->nomem = true;
			return -1;
		}
		pl->p = np;
		pl->cap = cap;
	}
	pl->p[pl->n++] = *p;
	return 0;
}

static int inst_db_collect(const struct lisp_db_info *d, void *arg)
{
	return plist_add(arg, &d->prefix);
}

static int inst_static_collect(const struct lisp_static_info *s, void *arg)
{
	return plist_add(arg, &s->prefix);
}

int lisp_inst_del(struct lisp *l, uint32_t iid, char *err, size_t errlen)
{
	struct lisp_inst *i = lisp_inst_find(l, iid), **pp;
	struct prefix_list db = { 0 }, mc = { 0 };
	size_t k;

	if (!i)
		return fail(err, errlen, "%% Instance-ID %u is not configured", iid);
	/* Collected first: the tables must not change under their walks. */
	lisp_inst_db_foreach(i, inst_db_collect, &db);
	lisp_inst_static_foreach(i, inst_static_collect, &mc);
	if (db.nomem || mc.nomem) {
		free(db.p);
		free(mc.p);
		return fail(err, errlen, "%% Out of memory");
	}
	for (k = 0; k < db.n; k++)
		lisp_db_del(l, &db.p[k], NULL, NULL, 0);
	for (k = 0; k < mc.n; k++)
		lisp_map_cache_static_del(l, &mc.p[k], NULL, 0);
	free(db.p);
	free(mc.p);
	if (iid == 0) {
		/* The default table stays, as it was before any command. */
		i->vrf[0] = '\0';
		i->bound = false;
		i->eid_table = i->declared = i->service = i->probe_on_route_change = false;
		i->service6 = i->eid_table6 = false;
		i->style = LISP_STYLE_NONE;
		i->mc_limit = -1;
		map_cache_set_limit(i->mc, l->mc_limit);
		l->vrf_stale = true;
		return 0;
	}
	lisp_map_cache_clear_inst(l, iid, AFI_NONE);
	lisp_mreq_forget_inst(l, iid);
	for (pp = &l->insts; *pp != i; pp = &(*pp)->next)
		;
	*pp = i->next;
	for (pp = &l->inst_hash[inst_bucket(iid)]; *pp != i; pp = &(*pp)->hnext)
		;
	*pp = i->hnext;
	l->n_insts--;
	l->vrf_stale = true;
	inst_free(i);
	return 0;
}

int lisp_inst_set_eid_table(struct lisp_inst *i, bool on, const char *vrf, char *err,
			    size_t errlen)
{
	struct lisp_inst *o;
	const char *name = vrf && strcmp(vrf, "default") ? vrf : "";

	if (on && strlen(name) >= sizeof(i->vrf))
		return fail(err, errlen, "%% VRF name too long");
	if (!on) {
		/* The line goes; the instance keeps its table. */
		i->eid_table = false;
		return 0;
	}
	for (o = i->l->insts; o; o = o->next)
		if (o != i && o->bound && !strcmp(o->vrf, name))
			return name[0] ?
			       fail(err, errlen, "%% VRF %s is already bound to instance-id %u",
				    name, o->iid) :
			       fail(err, errlen, "%% The default EID table is already bound to "
				    "instance-id %u", o->iid);
	i->eid_table = true;
	i->bound = true;
	snprintf(i->vrf, sizeof(i->vrf), "%s", name);
	i->l->vrf_stale = true;
	return 0;
}

/*
 * VRF id -> instance: an instance with 'eid-table vrf NAME' takes the
 * VRF of that name when it is defined, one with 'eid-table default' the
 * default table; instance 0 takes the default table when no instance
 * claimed it (the classic 'ip lisp' configuration names no table).
 */
void lisp_vrf_rebuild(struct lisp *l)
{
	struct lisp_inst *i;
	int id;

	memset(l->by_vrf, 0, sizeof(l->by_vrf));
	for (i = l->insts; i; i = i->next) {
		i->vrf_id = -1;
		if (!i->bound)
			continue;
		id = i->vrf[0] ? vrf_lookup(l->r, i->vrf) : VRF_DEFAULT;
		if (id >= 0 && id < VRF_MAX && !l->by_vrf[id]) {
			l->by_vrf[id] = i;
			i->vrf_id = id;
		}
	}
	if (!l->by_vrf[VRF_DEFAULT] && l->inst0 && !l->inst0->bound) {
		l->by_vrf[VRF_DEFAULT] = l->inst0;
		l->inst0->vrf_id = VRF_DEFAULT;
	}
	l->vrf_gen = router_vrf_gen(l->r);
	l->vrf_stale = false;
}

void lisp_inst_set_declared(struct lisp_inst *i, bool on)
{
	i->declared = on;
}

void lisp_inst_set_service(struct lisp_inst *i, bool on)
{
	i->service = on;
}

void lisp_inst_set_service6(struct lisp_inst *i, bool on)
{
	i->service6 = on;
}

void lisp_inst_set_eid_table6(struct lisp_inst *i, bool on)
{
	i->eid_table6 = on;
}

void lisp_inst_set_probe_on_route_change(struct lisp_inst *i, bool on)
{
	i->probe_on_route_change = on;
}

void lisp_inst_set_style(struct lisp_inst *i, enum lisp_style style)
{
	i->style = style;
}

int lisp_inst_db_foreach(struct lisp_inst *i, int (*fn)(const struct lisp_db_info *d, void *arg),
			 void *arg)
{
	return lisp_db_foreach_inst(i, NULL, fn, arg);
}

size_t lisp_inst_static_count_style(const struct lisp_inst *i, enum lisp_style style,
				    unsigned af)
{
	if ((unsigned)style > LISP_STYLE_XE)
		return 0;
	return (af & LISP_AF_IPV4 ? i->statics_of_style[style][0] : 0) +
	       (af & LISP_AF_IPV6 ? i->statics_of_style[style][1] : 0);
}

static void inst_info(struct lisp *l, const struct lisp_inst *i, struct lisp_inst_info *o)
{
	int id = lisp_inst_vrf_id(l, i);

	memset(o, 0, sizeof(*o));
	o->iid = i->iid;
	o->vrf = i->vrf;
	o->eid_table = i->eid_table;
	o->declared = i->declared;
	o->service = i->service;
	o->service6 = i->service6;
	o->eid_table6 = i->eid_table6;
	o->probe_on_route_change = i->probe_on_route_change;
	o->style = i->style;
	o->vrf_ok = id >= 0;
	o->vrf_id = id >= 0 ? (unsigned)id : 0;
	o->db_entries = i->db_n;
	o->map_cache_entries = map_cache_count(i->mc, &o->map_cache_negative);
}

int lisp_inst_foreach(struct lisp *l, int (*fn)(const struct lisp_inst_info *i, void *arg),
		      void *arg)
{
	struct lisp_inst_info info;
	struct lisp_inst *i;
	int rc;

	for (i = l->insts; i; i = i->next) {
		inst_info(l, i, &info);
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

const struct lisp_stats *lisp_inst_stats(const struct lisp *l, uint32_t iid)
{
	const struct lisp_inst *i = lisp_inst_of(l, iid);

	return i ? &i->st : NULL;
}

int lisp_inst_info(struct lisp *l, uint32_t iid, struct lisp_inst_info *out)
{
	struct lisp_inst *i = lisp_inst_find(l, iid);

	if (!i)
		return -1;
	inst_info(l, i, out);
	return 0;
}

int lisp_inst_of_table(struct lisp *l, const char *vrf, uint32_t *iid)
{
	const char *name = vrf && strcmp(vrf, "default") ? vrf : "";
	struct lisp_inst *i;

	for (i = l->insts; i; i = i->next)
		if (i->bound && !strcmp(i->vrf, name)) {
			*iid = i->iid;
			return 0;
		}
	/* As lisp_vrf_rebuild(): instance 0 has the default table no one
	 * claimed. */
	if (!name[0] && l->inst0 && !l->inst0->bound) {
		*iid = 0;
		return 0;
	}
	return -1;
}

/* ---------------------------------------------------------------- locator-sets */

static struct locset *locset_find(const struct lisp *l, const char *name)
{
	struct locset *s;

	for (s = l->locsets; s; s = s->next)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

bool lisp_locset_exists(const struct lisp *l, const char *name)
{
	return locset_find(l, name) != NULL;
}

int lisp_locset_add(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct locset **pp, *s;

	if (!name[0] || strlen(name) >= LISP_NAME_MAX)
		return fail(err, errlen, "%% Invalid locator-set name");
	if (locset_find(l, name))
		return 0;
	if (l->n_locsets == LISP_MAX_LOCSETS)
		return fail(err, errlen, "%% At most %d locator-sets", LISP_MAX_LOCSETS);
	if (!(s = calloc(1, sizeof(*s))))
		return fail(err, errlen, "%% Out of memory");
	snprintf(s->name, sizeof(s->name), "%s", name);
	for (pp = &l->locsets; *pp; pp = &(*pp)->next)
		;
	*pp = s;
	l->n_locsets++;
	return 0;
}

struct users {
	const char *name;
	struct prefix_list pl;
};

static int users_fn(const struct prefix *p, void *value, void *arg)
{
	struct users *u = arg;
	const struct db_entry *d = value;

	(void)p;
	if (d->locset[0] && (!u->name || !strcmp(d->locset, u->name)))
		return plist_add(&u->pl, &d->prefix);
	return 0;
}

/* The prefixes of the database mappings using set name (NULL: any set). */
static int locset_users(struct lisp *l, const char *name, struct prefix_list *out)
{
	struct users u = { name, { 0 } };

	lisp_db_walk_all(l, users_fn, &u);
	*out = u.pl;
	return u.pl.nomem ? -1 : 0;
}

int lisp_locset_del(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct locset **pp, *s;
	struct prefix_list pl;

	for (pp = &l->locsets; *pp && strcmp((*pp)->name, name); pp = &(*pp)->next)
		;
	if (!(s = *pp))
		return fail(err, errlen, "%% Locator-set %s does not exist", name);
	if (locset_users(l, name, &pl) == -1) {
		free(pl.p);
		return fail(err, errlen, "%% Out of memory");
	}
	free(pl.p);
	if (pl.n || !strcmp(l->default_locset, name))
		return fail(err, errlen, "%% Locator-set %s is in use", name);
	*pp = s->next;
	free(s);
	l->n_locsets--;
	return 0;
}

/* Copy the set into every mapping that uses it; they register anew. */
static int locset_propagate(struct lisp *l, const struct locset *s)
{
	struct prefix_list pl;
	struct db_entry *d;

	if (locset_users(l, s->name, &pl) == -1) {
		free(pl.p);
		return -1;
	}
	for (size_t k = 0; k < pl.n; k++) {
		if (!(d = lisp_db_exact(l, &pl.p[k])))
			continue;
		d->n = s->n;
		memcpy(d->locs, s->locs, sizeof(d->locs));
		lisp_etr_smr(l, &d->prefix);
	}
	if (pl.n)
		lisp_etr_kick(l);
	free(pl.p);
	return 0;
}

int lisp_locset_loc_add(struct lisp *l, const char *name, const struct lisp_loc_cfg *loc,
			char *err, size_t errlen)
{
	struct locset *s = locset_find(l, name);
	struct lisp_loc_cfg c = *loc;
	unsigned i;

	if (!s)
		return fail(err, errlen, "%% Locator-set %s does not exist", name);
	if (lisp_check_loc(l, loc, true, err, errlen) == -1)
		return -1;
	if (c.ifname[0])
		memset(&c.addr, 0, sizeof(c.addr));
	for (i = 0; i < s->n; i++)
		if (lisp_loc_same(&s->locs[i], &c))
			break;
	if (i == s->n) {
		if (s->n == LISP_MAX_LOCATORS)
			return fail(err, errlen, "%% Too many locators in locator-set %s (%d at most)",
				    name, LISP_MAX_LOCATORS);
		s->n++;
	} else if (s->locs[i].priority == c.priority && s->locs[i].weight == c.weight) {
		return 0;	/* the same line again */
	}
	s->locs[i] = c;
	if (locset_propagate(l, s) == -1)
		return fail(err, errlen, "%% Out of memory");
	return 0;
}

int lisp_locset_loc_del(struct lisp *l, const char *name, const struct lisp_loc_cfg *loc,
			char *err, size_t errlen)
{
	struct locset *s = locset_find(l, name);
	unsigned i;

	if (!s)
		return fail(err, errlen, "%% Locator-set %s does not exist", name);
	for (i = 0; i < s->n; i++)
		if (lisp_loc_same(&s->locs[i], loc))
			break;
	if (i == s->n)
		return fail(err, errlen, "%% No such locator in locator-set %s", name);
	memmove(&s->locs[i], &s->locs[i + 1], (s->n - i - 1) * sizeof(s->locs[0]));
	s->n--;
	if (locset_propagate(l, s) == -1)
		return fail(err, errlen, "%% Out of memory");
	return 0;
}

struct count_users {
	const char *name;
	unsigned n;
};

static int count_users_fn(const struct prefix *p, void *value, void *arg)
{
	struct count_users *c = arg;
	const struct db_entry *d = value;

	(void)p;
	if (!strcmp(d->locset, c->name))
		c->n++;
	return 0;
}

int lisp_locset_foreach(struct lisp *l, int (*fn)(const struct lisp_locset_info *s, void *arg),
			void *arg)
{
	struct lisp_locset_info info;
	struct count_users cu;
	struct locset *s;
	int rc;

	for (s = l->locsets; s; s = s->next) {
		memset(&info, 0, sizeof(info));
		info.name = s->name;
		info.n_locs = s->n;
		memcpy(info.locs, s->locs, sizeof(info.locs));
		cu.name = s->name;
		cu.n = 0;
		lisp_db_walk_all(l, count_users_fn, &cu);
		info.users = cu.n;
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

struct dflt_users {
	struct prefix_list pl;
};

static int dflt_users_fn(const struct prefix *p, void *value, void *arg)
{
	const struct db_entry *d = value;

	(void)p;
	return d->dflt ? plist_add(arg, &d->prefix) : 0;
}

int lisp_set_default_locset(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct prefix_list pl = { 0 };
	struct locset *s = NULL;
	struct db_entry *d;

	if (name && !(s = locset_find(l, name)))
		return fail(err, errlen, "%% Locator-set %s does not exist", name);
	lisp_db_walk_all(l, dflt_users_fn, &pl);
	if (pl.nomem) {
		free(pl.p);
		return fail(err, errlen, "%% Out of memory");
	}
	if (!s && pl.n) {
		free(pl.p);
		return fail(err, errlen, "%% Locator default-set %s is in use", l->default_locset);
	}
	snprintf(l->default_locset, sizeof(l->default_locset), "%s", s ? s->name : "");
	/* Mappings that inherit the default follow it to the new set. */
	for (size_t k = 0; k < pl.n; k++) {
		if (!(d = lisp_db_exact(l, &pl.p[k])))
			continue;
		snprintf(d->locset, sizeof(d->locset), "%s", s->name);
		d->n = s->n;
		memcpy(d->locs, s->locs, sizeof(d->locs));
		lisp_etr_smr(l, &d->prefix);
	}
	if (pl.n)
		lisp_etr_kick(l);
	free(pl.p);
	return 0;
}

const char *lisp_default_locset(const struct lisp *l)
{
	return l->default_locset;
}

int lisp_db_add_locset(struct lisp *l, const struct prefix *p, const char *name,
		       char *err, size_t errlen)
{
	struct locset *s;
	struct db_entry *d;
	struct lisp_inst *in;
	char pb[PREFIX_STRLEN];
	bool dflt = !name;

	if (lisp_check_prefix(p, err, errlen) == -1)
		return -1;
	if (!(in = lisp_inst_of(l, p->addr.iid)))
		return fail(err, errlen, "%% Instance-ID %u is not configured", p->addr.iid);
	if (dflt && !l->default_locset[0])
		return fail(err, errlen, "%% No locator default-set: name a locator-set");
	if (!(s = locset_find(l, dflt ? l->default_locset : name)))
		return fail(err, errlen, "%% Locator-set %s does not exist", name);
	d = lpm_exact(in->db, p);
	if (d && !d->locset[0])
		return fail(err, errlen, "%% EID prefix %s has locators of its own",
			    prefix_fmt(p, pb, sizeof(pb)));
	if (!d) {
		if (!(d = calloc(1, sizeof(*d))))
			return fail(err, errlen, "%% Out of memory");
		d->prefix = *p;
		if (lpm_insert(in->db, p, d, NULL) == -1) {
			free(d);
			return fail(err, errlen, "%% Out of memory");
		}
		in->db_n++;
		l->db_total++;
	} else if (!strcmp(d->locset, s->name) && d->dflt == dflt) {
		return 0;	/* the same line again */
	}
	snprintf(d->locset, sizeof(d->locset), "%s", s->name);
	d->dflt = dflt;
	d->n = s->n;
	memcpy(d->locs, s->locs, sizeof(d->locs));
	lisp_etr_kick(l);
	lisp_etr_smr(l, p);
	return 0;
}

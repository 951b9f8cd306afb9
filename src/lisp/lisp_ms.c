/*
 * DOC: the Map-Server and Map-Resolver
 *
 * The site registry is one LPM table of struct site_eid per instance ID:
 * the configured EID prefixes of every site, and the more-specifics
 * registered under an accept-more-specifics prefix ("dynamic" entries,
 * removed when their registration lapses).  Instance 0's table is
 * l->registry; another instance's is created with its first configured
 * prefix, found through a hash on the IID (O(1)), kept in IID order for
 * the views, and freed with its last prefix.  Everything below happens in
 * the record's own instance: an EID-record or Map-Request EID in an
 * Instance-ID LCAF belongs to that IID (an LCAF with IID 0, or a plain
 * AFI, to instance 0), overlapping prefixes of two instances are two
 * registrations, and replies (Map-Notify, Map-Reply, negative or proxy)
 * carry the IID back in an LCAF when it is not 0.  A Map-Register record is accepted only for a
 * configured prefix (or a more-specific when allowed), only when the
 * whole message verifies with that site's key of the Key ID it carries
 * (a site has up to 4, for a rollover; algorithm 0 never verifies),
 * and only with locators from the site's allowed-locator list when it
 * has one; each refusal is counted on the site.  A site holds at most
 * its 'limit more-specifics' (default 1000) more-specifics at a time in
 * each instance: a record for a new one beyond it is refused and counted
 * (the refreshes of those it has always pass).
 *
 * Several ETRs per prefix (RFC 9301 sections 5.6, 5.7): a prefix keeps one
 * registration (struct site_etr) per ETR, at most LISP_SITE_ETRS_MAX (a
 * new ETR beyond is refused, counted on the site).  An ETR is its xTR-ID
 * when its Map-Register has the I bit; otherwise, as on IOS, its source
 * address.  The prefix publishes (Map-Reply, proxy reply, the ETR a
 * Map-Request is forwarded to, DDT MS-ACK) the merge of the locators of
 * its I-bit ETRs: first registered first, one per RLOC address, at most
 * LISP_MAX_LOCATORS (the rest counted as "more than 8 locators"); with no
 * I-bit ETR, the latest registration's locators, replaced by each other
 * ETR's register as before.  Nonce order (anti-replay) and the
 * de-registration (Record TTL 0) are per ETR.  Each registration lives
 * 180 s after its last valid refresh (RFC 9301 section 8.2; the T bit is
 * not honoured yet); its expiry removes only its locators, and the prefix
 * is unregistered when the last one goes (a configured prefix keeps that
 * last record, expired, for the views).  When the merged set changes (an
 * ETR joins, leaves or changes its locators) every I-bit ETR that asks
 * for Map-Notifies gets one with the merged set: the registering one in
 * its solicited Map-Notify, the others unsolicited (fresh nonce, the Key
 * ID of their last register, from the address they registered to), one
 * message each per change, sent again every 3 s until its Map-Notify-Ack
 * (3 sends at most; at most 256 waiting).  Memory per
 * registered prefix with one ETR and 2 locators: the entry (72 bytes),
 * the ETR record (108 + 28 per locator) and the LPM's share; nothing
 * merged is allocated until two I-bit ETRs share a prefix.
 *
 * Anti-replay (RFC 9301 leaves it open; lispr.conf(5) states the rules):
 * a verified message is refused as a whole when its nonce is one the site
 * accepted in the last 180 s (a per-site ring of up to 1024 nonces with a
 * hash chain through it: O(1) lookup), or when it is not after the nonce
 * of a live registration whose ETR numbers its registers (two in-sequence
 * refreshes in a row).  Nonce 0 carries no order and is exempt.  The Map-Notify goes from the address the register
 * was sent to, back to the register's source address and port.
 *
 * Map-Requests arrive as ECMs (the co-located Map-Resolver):
 *   registered, proxy-reply  -> Map-Reply from us, A=0, L bits 0;
 *   registered               -> the ECM relayed unchanged to one of the
 *                               registered RLOCs (chosen by an EID hash);
 *   configured, unregistered -> negative, Natively-Forward, 1 minute,
 *                               carrying the site prefix;
 *   anything else            -> negative, Natively-Forward, 15 minutes,
 *                               the least-specific prefix outside every
 *                               configured and registered prefix.
 * Negative replies carry A=0: the resolver is not the EID's authority.
 * The Map-Requests of one receive burst are answered together at its end
 * (lisp_ms_defer, lisp_ms_burst_end: one batched registry lookup, the
 * same answers in the same order; see "Answers in batches" below).
 * IPv6 EIDs follow the same rules; the negative prefix is computed in the
 * EID's own family and instance (an IPv6 one never from IPv4 site
 * prefixes, an IID 200 one never from IID 100's).  The more-specifics
 * limit is the site's in each instance.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lisp_ddt.h"
#include "lisp_int.h"
#include "log.h"
#include "router.h"

static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

static uint64_t site_key(const char *name)
{
	return htab_bytes(HTAB_SEED, name, strlen(name));
}

static struct site *site_find(const struct lisp *l, const char *name)
{
	uint64_t h = site_key(name);
	struct hnode *n;

	for (n = htab_find(&l->sites_ht, h); n; n = htab_next(n, h)) {
		struct site *s = (struct site *)((char *)n - offsetof(struct site, hn));

		if (strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

struct site *lisp_site_by_name(const struct lisp *l, const char *name)
{
	return site_find(l, name);
}

static void se_free(void *v)
{
	struct site_eid *se = v;
	struct site_etr *e;

	while ((e = se->etrs)) {
		se->etrs = e->next;
		free(e);
	}
	if (se->merged)
		free(se->locs);
	free(se);
}

/* A site's more-specifics count in an instance (add: created; NULL when
 * out of memory, or none and !add).  Sorted by IID: binary search. */
static struct site_more *more_of(struct site *s, uint32_t iid, bool add)
{
	size_t lo = 0, hi = s->n_more_iids;
	struct site_more *nv;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->more[mid].iid < iid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n_more_iids && s->more[lo].iid == iid)
		return &s->more[lo];
	if (!add)
		return NULL;
	if (s->n_more_iids == s->more_cap) {
		unsigned cap = s->more_cap ? 2 * s->more_cap : 4;

		if (!(nv = realloc(s->more, cap * sizeof(*nv))))
			return NULL;
		s->more = nv;
		s->more_cap = cap;
	}
	memmove(&s->more[lo + 1], &s->more[lo], (s->n_more_iids - lo) * sizeof(s->more[0]));
	s->n_more_iids++;
	s->more[lo].iid = iid;
	s->more[lo].n = 0;
	return &s->more[lo];
}

static unsigned more_in(const struct site *s, uint32_t iid)
{
	const struct site_more *m = more_of((struct site *)s, iid, false);

	return m ? m->n : 0;
}

/* A dynamic (more-specific) entry leaves the registry: its site's count. */
static void se_drop_more(struct site_eid *se)
{
	struct site *s = se->site;
	struct site_more *m;

	if (se->configured)
		return;
	if (s->n_more)
		s->n_more--;
	if ((m = more_of(s, se->prefix.addr.iid, false)) && m->n && !--m->n) {
		size_t i = (size_t)(m - s->more);

		memmove(&s->more[i], &s->more[i + 1], (s->n_more_iids - i - 1) * sizeof(s->more[0]));
		s->n_more_iids--;
	}
}

static unsigned more_limit(const struct site *s)
{
	return s->more_limit ? s->more_limit : LISP_MORE_SPECIFICS_DEFAULT;
}

/* ---------------------------------------------------------------- instances */

/*
 * A registry table: without the IPv4 front table.  The front costs 1.1 MB
 * plus a chunk per /16 and rebuilds a /16's chunk (256 child chunks of 256
 * entries) on every insert of a /25-/32: 1,000,000 configured or
 * registered /32s would take hours to load.  The Map-Requests of a burst
 * are looked up together in the trie instead (lisp_ms_burst_end:
 * lpm_lookup_batch, whose IPv4 trie walk prefetches level by level).
 */
struct lpm *lisp_ms_table_new(void)
{
	struct lpm *t = lpm_new();

	if (t)
		lpm_set_front_min(t, SIZE_MAX);
	return t;
}

#define MS_INST_HASH	1024		/* a power of 2 */

struct ms_tab {
	struct ms_tab *hnext;
	uint32_t iid;
	struct lpm *t;
};

/* The registries of the instances other than 0: hashed, and by IID. */
struct ms_insts {
	struct ms_tab *hash[MS_INST_HASH];
	struct ms_tab **v;			/* sorted by IID */
	size_t n, cap;
};

static unsigned tab_hash(uint32_t iid)
{
	return (unsigned)((iid * 2654435761u) >> 16) & (MS_INST_HASH - 1);
}

/* An instance's registry (NULL: it has none). */
static struct lpm *reg_of(const struct lisp *l, uint32_t iid)
{
	struct ms_tab *t;

	if (iid == 0)
		return l->registry;
	if (!l->ms_insts)
		return NULL;
	for (t = l->ms_insts->hash[tab_hash(iid)]; t; t = t->hnext)
		if (t->iid == iid)
			return t->t;
	return NULL;
}

/* The first slot of v at or after iid. */
static size_t tab_pos(const struct ms_insts *mi, uint32_t iid)
{
	size_t lo = 0, hi = mi->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (mi->v[mid]->iid < iid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An instance's registry, created on first use (NULL: out of memory). */
static struct lpm *reg_get(struct lisp *l, uint32_t iid)
{
	struct lpm *r = reg_of(l, iid);
	struct ms_insts *mi;
	struct ms_tab *t, **nv;
	size_t i;

	if (r || iid == 0)
		return r;
	if (!l->ms_insts && !(l->ms_insts = calloc(1, sizeof(*l->ms_insts))))
		return NULL;
	mi = l->ms_insts;
	if (mi->n == mi->cap) {
		size_t cap = mi->cap ? 2 * mi->cap : 8;

		if (!(nv = realloc(mi->v, cap * sizeof(*nv))))
			return NULL;
		mi->v = nv;
		mi->cap = cap;
	}
	if (!(t = calloc(1, sizeof(*t))) || !(t->t = lisp_ms_table_new())) {
		free(t);
		return NULL;
	}
	t->iid = iid;
	t->hnext = mi->hash[tab_hash(iid)];
	mi->hash[tab_hash(iid)] = t;
	i = tab_pos(mi, iid);
	memmove(&mi->v[i + 1], &mi->v[i], (mi->n - i) * sizeof(mi->v[0]));
	mi->v[i] = t;
	mi->n++;
	return t->t;
}

/* The entry of exactly p in p's instance, or NULL. */
static struct site_eid *reg_exact(const struct lisp *l, const struct prefix *p)
{
	struct lpm *t = reg_of(l, p->addr.iid);

	return t ? lpm_exact(t, p) : NULL;
}

/* The longest entry covering p in p's instance, or NULL. */
static struct site_eid *reg_covering(const struct lisp *l, const struct prefix *p)
{
	struct lpm *t = reg_of(l, p->addr.iid);

	return t ? lpm_covering(t, p, NULL) : NULL;
}

/* Free an instance's registry once it holds nothing (never instance 0's). */
static void reg_put(struct lisp *l, uint32_t iid)
{
	struct ms_insts *mi = l->ms_insts;
	struct ms_tab **pp, *t;
	size_t i;

	if (iid == 0 || !mi)
		return;
	for (pp = &mi->hash[tab_hash(iid)]; (t = *pp); pp = &t->hnext)
		if (t->iid == iid)
			break;
	if (!t || lpm_count(t->t, AFI_NONE))
		return;
	*pp = t->hnext;
	i = tab_pos(mi, iid);
	memmove(&mi->v[i], &mi->v[i + 1], (mi->n - i - 1) * sizeof(mi->v[0]));
	mi->n--;
	lpm_free(t->t, NULL);
	free(t);
}

/* Every instance's registry in IID order, from the first at or after
 * iid: instance 0's first.  i is the walk's state, 0 to start. */
static struct lpm *reg_next(const struct lisp *l, uint32_t from, size_t *i, uint32_t *iid)
{
	const struct ms_insts *mi = l->ms_insts;

	if (*i == 0) {
		*i = 1;
		if (from == 0 && l->registry) {
			*iid = 0;
			return l->registry;
		}
		if (mi)
			*i = 1 + tab_pos(mi, from);
	}
	if (!mi || *i - 1 >= mi->n)
		return NULL;
	*iid = mi->v[*i - 1]->iid;
	return mi->v[(*i)++ - 1]->t;
}

/* ---------------------------------------------------------------- replay */

static uint32_t seen_hash(uint64_t nonce)
{
	return (uint32_t)((nonce * 0x9E3779B97F4A7C15ull) >> 40) & (2 * LISP_REPLAY_NONCES - 1);
}

static struct seen_nonce *seen_at(struct replay_cache *c, uint32_t i)
{
	return &c->ring[(c->head + i) & (LISP_REPLAY_NONCES - 1)];
}

/* Unchain and drop the oldest nonce. */
static void seen_pop(struct replay_cache *c)
{
	uint32_t idx = c->head + 1, *pp = &c->bucket[seen_hash(c->ring[c->head].nonce)];

	while (*pp && *pp != idx)
		pp = &c->ring[*pp - 1].next;
	if (*pp)
		*pp = c->ring[c->head].next;
	c->head = (c->head + 1) & (LISP_REPLAY_NONCES - 1);
	c->n--;
}

static void seen_expire(struct replay_cache *c, uint64_t now)
{
	while (c->n && c->ring[c->head].when + LISP_REPLAY_WINDOW_S * NS_PER_SEC <= now)
		seen_pop(c);
}

static bool seen_has(struct replay_cache *c, uint64_t nonce, uint64_t now)
{
	uint32_t i;

	if (!c->ring)
		return false;
	seen_expire(c, now);
	for (i = c->bucket[seen_hash(nonce)]; i; i = c->ring[i - 1].next)
		if (c->ring[i - 1].nonce == nonce)
			return true;
	return false;
}

/* Remember an accepted nonce (*evicted: the oldest had to go before its
 * time); false when out of memory. */
static bool seen_add(struct replay_cache *c, uint64_t nonce, uint64_t now, bool *evicted)
{
	struct seen_nonce *e;
	uint32_t idx, *b;

	*evicted = false;
	if (!c->ring) {
		c->ring = calloc(LISP_REPLAY_NONCES, sizeof(*c->ring));
		c->bucket = calloc(2 * LISP_REPLAY_NONCES, sizeof(*c->bucket));
		if (!c->ring || !c->bucket) {
			free(c->ring);
			free(c->bucket);
			c->ring = NULL;
			c->bucket = NULL;
			return false;
		}
	}
	seen_expire(c, now);
	if (c->n == LISP_REPLAY_NONCES) {
		seen_pop(c);
		*evicted = true;
	}
	e = seen_at(c, c->n);
	idx = (uint32_t)(e - c->ring) + 1;
	b = &c->bucket[seen_hash(nonce)];
	e->nonce = nonce;
	e->when = now;
	e->next = *b;
	*b = idx;
	c->n++;
	return true;
}

static void seen_free(struct replay_cache *c)
{
	free(c->ring);
	free(c->bucket);
	memset(c, 0, sizeof(*c));
}

/* RFC 1982 serial order on 64 bits: is a before b? */
static bool nonce_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/* Is b the next register of an ETR that numbers them, after a? */
static bool nonce_in_sequence(uint64_t a, uint64_t b)
{
	return b - a >= 1 && b - a < (1ull << 48);
}

/* ---------------------------------------------------------------- ETRs */

static bool reg_linked(const struct lisp *l, const struct site_etr *e)
{
	return e->reg_prev || l->reg_head == e;
}

static void reg_unlink(struct lisp *l, struct site_etr *e)
{
	if (!reg_linked(l, e))
		return;
	if (e->reg_prev)
		e->reg_prev->reg_next = e->reg_next;
	else
		l->reg_head = e->reg_next;
	if (e->reg_next)
		e->reg_next->reg_prev = e->reg_prev;
	else
		l->reg_tail = e->reg_prev;
	e->reg_prev = e->reg_next = NULL;
}

static void reg_append(struct lisp *l, struct site_etr *e)
{
	e->reg_prev = l->reg_tail;
	e->reg_next = NULL;
	if (l->reg_tail)
		l->reg_tail->reg_next = e;
	else
		l->reg_head = e;
	l->reg_tail = e;
}

static struct addr etr_who(const struct site_etr *e)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.afi = e->who_afi;
	memcpy(a.u.b, e->who, sizeof(e->who));
	return a;
}

/* The ETR of a register: its xTR-ID with the I bit, else its address. */
static struct site_etr *etr_find(const struct site_eid *se, const struct lisp_map_register *reg,
				 const struct addr *from)
{
	struct site_etr *e;

	for (e = se->etrs; e; e = e->next) {
		if (reg->xtr_id_present ?
		    e->has_id && !memcmp(e->xtr_id, reg->xtr_id, sizeof(e->xtr_id)) :
		    !e->has_id && e->who_afi == from->afi &&
		    !memcmp(e->who, from->u.b, addr_bytes(from->afi)))
			return e;
	}
	return NULL;
}

static unsigned etr_count(const struct site_eid *se)
{
	const struct site_etr *e;
	unsigned n = 0;

	for (e = se->etrs; e; e = e->next)
		n += !e->expired;
	return n;
}

/* e's record with room for n locators (e NULL: a new one at the end of
 * se's list, not yet on the expiry list); NULL when out of memory (e is
 * then untouched).  A moved record takes e's places in both lists. */
static struct site_etr *etr_room(struct lisp *l, struct site_eid *se, struct site_etr *e,
				 unsigned n)
{
	struct site_etr *ne, **pp;

	if (e && e->n_locs == n)
		return e;
	if (!(ne = malloc(offsetof(struct site_etr, locs) + n * sizeof(ne->locs[0]))))
		return NULL;
	for (pp = &se->etrs; *pp && *pp != e; pp = &(*pp)->next)
		;
	if (!e) {
		memset(ne, 0, offsetof(struct site_etr, locs));
		ne->se = se;
		*pp = ne;
	} else {
		memcpy(ne, e, offsetof(struct site_etr, locs));
		*pp = ne;
		if (ne->reg_prev)
			ne->reg_prev->reg_next = ne;
		else if (l->reg_head == e)
			l->reg_head = ne;
		if (ne->reg_next)
			ne->reg_next->reg_prev = ne;
		else if (l->reg_tail == e)
			l->reg_tail = ne;
		if (!se->merged && se->locs == e->locs) {
			se->locs = NULL;	/* se_publish() points it again */
			se->n_locs = 0;
		}
		free(e);
	}
	ne->n_locs = (uint8_t)n;
	return ne;
}

/* The published locator set, to tell a change. */
struct pub_snap {
	unsigned n;
	struct lisp_reg_loc v[LISP_MAX_LOCATORS];
};

static void pub_snap(const struct site_eid *se, struct pub_snap *p)
{
	p->n = se->registered ? se->n_locs : 0;
	if (p->n)
		memcpy(p->v, se->locs, p->n * sizeof(p->v[0]));
}

static bool loc_same(const struct lisp_reg_loc *a, const struct lisp_reg_loc *b)
{
	return addr_eq(&a->addr, &b->addr) && a->priority == b->priority &&
	       a->weight == b->weight && a->reachable == b->reachable && a->local == b->local;
}

static bool pub_changed(const struct site_eid *se, const struct pub_snap *p)
{
	unsigned n = se->registered ? se->n_locs : 0;

	if (n != p->n)
		return true;
	for (unsigned i = 0; i < n; i++)
		if (!loc_same(&se->locs[i], &p->v[i]))
			return true;
	return false;
}

/*
 * What se publishes, from its live ETRs: with I-bit (xTR-ID) ETRs, the
 * merge of their locators (first registered first, one per RLOC address,
 * at most LISP_MAX_LOCATORS: true when some had to go), proxy-reply if
 * any asked, the least TTL; without, the latest registration's (latest:
 * the one just registered, else the last refreshed).  Other ETRs' records
 * stay for the views and take over when these lapse.
 */
static bool se_publish(struct site_eid *se, const struct site_etr *latest)
{
	struct lisp_reg_loc v[LISP_MAX_LOCATORS];
	const struct site_etr *e, *one = NULL, *newest = NULL;
	unsigned n_id = 0, n = 0, i;
	bool over = false;

	if (se->merged)
		free(se->locs);
	se->merged = false;
	se->locs = NULL;
	se->n_locs = 0;
	se->proxy = false;
	se->ttl = 0;
	se->registered = se->etrs && !se->etrs->expired;
	if (!se->registered)
		return false;
	for (e = se->etrs; e; e = e->next) {
		if (e->has_id) {
			if (!n_id++)
				one = e;
		} else if (!newest || e->last >= newest->last) {
			newest = e;
		}
	}
	if (!n_id)
		one = latest && !latest->has_id ? latest : newest;
	if (n_id < 2) {
		se->locs = (struct lisp_reg_loc *)one->locs;
		se->n_locs = one->n_locs;
		se->proxy = one->proxy;
		se->ttl = one->ttl;
		return false;
	}
	se->ttl = UINT32_MAX;
	for (e = se->etrs; e; e = e->next) {
		if (!e->has_id)
			continue;
		se->proxy |= e->proxy;
		if (e->ttl < se->ttl)
			se->ttl = e->ttl;
		for (unsigned j = 0; j < e->n_locs; j++) {
			for (i = 0; i < n && !addr_eq(&v[i].addr, &e->locs[j].addr); i++)
				;
			if (i < n)
				continue;
			if (n == LISP_MAX_LOCATORS)
				over = true;
			else
				v[n++] = e->locs[j];
		}
	}
	if (!(se->locs = malloc(n * sizeof(v[0]) + 1))) {
		se->locs = (struct lisp_reg_loc *)one->locs;	/* out of memory: one ETR's */
		se->n_locs = one->n_locs;
		return false;
	}
	memcpy(se->locs, v, n * sizeof(v[0]));
	se->n_locs = (uint8_t)n;
	se->merged = true;
	return over;
}

static void reg_rearm(struct lisp *l)
{
	if (l->reg_head)
		ev_timer_arm_at(l->reg_expiry, l->reg_head->last +
				LISP_REGISTRATION_TIMEOUT_S * NS_PER_SEC);
	else
		ev_timer_cancel(l->reg_expiry);
}

/* Instance ID, then prefix: the order of a walk of the registry. */
static int conf_cmp(const struct prefix *a, const struct prefix *b)
{
	if (a->addr.iid != b->addr.iid)
		return a->addr.iid < b->addr.iid ? -1 : 1;
	return prefix_cmp(a, b);
}

/* se, just configured, into its site's list in order. */
static void conf_link(struct site_eid *se)
{
	struct site *s = se->site;
	struct site_eid **pp = &s->conf, *prev = NULL;

	for (; *pp && conf_cmp(&(*pp)->prefix, &se->prefix) < 0; pp = &(*pp)->conf_next)
		prev = *pp;
	se->conf_prev = prev;
	se->conf_next = *pp;
	if (*pp)
		(*pp)->conf_prev = se;
	*pp = se;
}

static void conf_unlink(struct site_eid *se)
{
	if (se->conf_prev)
		se->conf_prev->conf_next = se->conf_next;
	else
		se->site->conf = se->conf_next;
	if (se->conf_next)
		se->conf_next->conf_prev = se->conf_prev;
	se->conf_next = se->conf_prev = NULL;
}

/* Remove an entry from the registry altogether. */
static void se_remove(struct lisp *l, struct site_eid *se)
{
	struct site_etr *head = l->reg_head, *e;
	uint32_t iid = se->prefix.addr.iid;

	if (se->configured)
		conf_unlink(se);

	for (e = se->etrs; e; e = e->next)
		reg_unlink(l, e);
	if (head != l->reg_head)
		reg_rearm(l);
	se_drop_more(se);
	lpm_delete(reg_of(l, iid), &se->prefix);
	se_free(se);
	reg_put(l, iid);
}

/* Forget the record a configured prefix kept of its last registration. */
static void se_forget_expired(struct site_eid *se)
{
	if (se->etrs && se->etrs->expired) {
		free(se->etrs);
		se->etrs = NULL;
	}
}

/*
 * One ETR's registration ends (expiry, TTL 0): the prefix publishes the
 * others'.  With none left a dynamic entry goes (true: se is freed) and a
 * configured one keeps the record, expired, for the views.
 */
static bool etr_end(struct lisp *l, struct site_eid *se, struct site_etr *e, bool *over)
{
	struct site_etr *head = l->reg_head, **pp;

	reg_unlink(l, e);
	if (head != l->reg_head)
		reg_rearm(l);
	for (pp = &se->etrs; *pp != e; pp = &(*pp)->next)
		;
	*pp = e->next;
	if (!se->etrs && se->configured) {
		e->expired = true;
		e->n_locs = 0;
		e->next = NULL;
		se->etrs = e;
	} else {
		if (!se->merged && se->locs == e->locs)
			se->locs = NULL;
		free(e);
	}
	*over = se_publish(se, NULL);
	if (!se->etrs) {
		se_remove(l, se);
		return true;
	}
	return false;
}

static void notify_round(struct lisp *l, struct site_eid *se, const struct site_etr *skip);
static void notifies_free(struct lisp *l);

void lisp_ms_expire(void *arg)
{
	struct lisp *l = arg;
	struct site_etr *e;
	struct site_eid *se;
	struct pub_snap old;
	uint64_t now = lisp_now(l);
	char b[PREFIX_STRLEN];
	bool over;

	while ((e = l->reg_head) &&
	       e->last + LISP_REGISTRATION_TIMEOUT_S * NS_PER_SEC <= now) {
		se = e->se;
		l->st.reg_expired++;
		if (etr_count(se) == 1)
			log_event("LISP", LOG_WARNING, "MAP_SERVER_REGISTRATION_EXPIRED",
				  "IID %u Site %s, EID-prefix %s: registration expired",
				  se->prefix.addr.iid, se->site->name,
				  prefix_fmt(&se->prefix, b, sizeof(b)));
		log_debug(DEBUG_LISP_CONTROL, "LISP: MS registration for %s in site %s expired",
			  prefix_fmt(&se->prefix, b, sizeof(b)), se->site->name);
		pub_snap(se, &old);
		if (etr_end(l, se, e, &over))
			continue;
		if (pub_changed(se, &old)) {
			if (over)
				lisp_drop(l, LISP_DROP_LOCATORS_OVER);
			notify_round(l, se, NULL);
		}
	}
	reg_rearm(l);
}

static struct site_eid *se_new(struct lisp *l, struct site *s, const struct prefix *p)
{
	struct site_eid *se = calloc(1, sizeof(*se));
	struct lpm *t = reg_get(l, p->addr.iid);

	if (!se || !t) {
		free(se);
		reg_put(l, p->addr.iid);
		return NULL;
	}
	se->site = s;
	se->prefix = *p;
	if (lpm_insert(t, p, se, NULL) == -1) {
		se_free(se);
		reg_put(l, p->addr.iid);
		return NULL;
	}
	return se;
}

#define SE_COLLECT_STACK	64
struct se_collect {
	const struct site_eid *parent;	/* dynamic children of it only */
	struct site_eid **v;		/* stack at first, then the heap */
	size_t n, cap;
	bool full;			/* out of memory: the walk stopped */
	struct site_eid *stack[SE_COLLECT_STACK];
};

static int se_collect_fn(const struct prefix *p, void *value, void *arg)
{
	struct se_collect *c = arg;
	struct site_eid *se = value, **nv;

	(void)p;
	if (se->configured || se->parent != c->parent)
		return 0;
	if (c->n == c->cap) {
		nv = c->v == c->stack ? malloc(2 * c->cap * sizeof(*nv))
				      : realloc(c->v, 2 * c->cap * sizeof(*nv));
		if (!nv) {
			c->full = true;
			return 1;
		}
		if (c->v == c->stack)
			memcpy(nv, c->stack, sizeof(c->stack));
		c->v = nv;
		c->cap *= 2;
	}
	c->v[c->n++] = se;
	return 0;
}

void lisp_ms_free_all(struct lisp *l)
{
	struct site *s;

	l->reg_head = l->reg_tail = NULL;
	notifies_free(l);
	lpm_free(l->registry, se_free);
	l->registry = NULL;
	if (l->ms_insts) {
		for (size_t i = 0; i < l->ms_insts->n; i++) {
			lpm_free(l->ms_insts->v[i]->t, se_free);
			free(l->ms_insts->v[i]);
		}
		free(l->ms_insts->v);
		free(l->ms_insts);
		l->ms_insts = NULL;
	}
	while ((s = l->sites)) {
		l->sites = s->next;
		seen_free(&s->seen);
		free(s->more);
		free(s);
	}
	htab_free(&l->sites_ht);
	l->sites_hint = NULL;
}

/* ---------------------------------------------------------------- config */

int lisp_site_add(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct site **pp, *s, *prev = NULL;

	if (!name[0] || strlen(name) >= LISP_NAME_MAX || strpbrk(name, " \t"))
		return fail(err, errlen, "% Invalid site name");
	if (site_find(l, name))
		return 0;
	/* Its place by name: after the one added last when it sorts after
	 * it (a running-config replayed adds them in order). */
	pp = &l->sites;
	if (l->sites_hint && strcmp(l->sites_hint->name, name) < 0) {
		prev = l->sites_hint;
		pp = &prev->next;
	}
	for (; *pp && strcmp((*pp)->name, name) < 0; pp = &(*pp)->next)
		prev = *pp;
	s = calloc(1, sizeof(*s));
	if (!s)
		return fail(err, errlen, "% Out of memory");
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (htab_add(&l->sites_ht, &s->hn, site_key(s->name)) == -1) {
		free(s);
		return fail(err, errlen, "% Out of memory");
	}
	s->prev = prev;
	s->next = *pp;
	if (s->next)
		s->next->prev = s;
	*pp = s;
	l->sites_hint = s;
	return 0;
}

/*
 * A configured prefix leaves the registry with the more-specifics
 * registered under it.  Every dynamic entry has a configured parent of its
 * own site that covers it (record_site() finds it; a configured prefix
 * never changes site nor stops being configured while it is in the
 * registry), so the walk of what the prefix covers finds them all.
 */
static void se_unconfigure(struct lisp *l, struct site_eid *se)
{
	struct se_collect c;

	c.parent = se;
	c.v = c.stack;
	c.cap = SE_COLLECT_STACK;
	/* Out of memory the walk stops with what it has (at least the stack's
	 * worth): those go, and the walk runs again until it has found them
	 * all, so that no child is left pointing at a freed parent. */
	do {
		size_t i;

		c.n = 0;
		c.full = false;
		lpm_walk_covered(reg_of(l, se->prefix.addr.iid), &se->prefix, se_collect_fn, &c);
		for (i = 0; i < c.n; i++)
			se_remove(l, c.v[i]);
	} while (c.full);
	if (c.v != c.stack)
		free(c.v);
	se_remove(l, se);
}

/* The dynamic more-specifics registered under configured prefix se go
 * (the walk runs again while the collector ran out of memory); how many
 * registrations they held. */
static unsigned se_clear_children(struct lisp *l, struct site_eid *se)
{
	struct se_collect c;
	unsigned n = 0;

	c.parent = se;
	c.v = c.stack;
	c.cap = SE_COLLECT_STACK;
	do {
		c.n = 0;
		c.full = false;
		lpm_walk_covered(reg_of(l, se->prefix.addr.iid), &se->prefix, se_collect_fn, &c);
		for (size_t i = 0; i < c.n; i++) {
			n += etr_count(c.v[i]);
			se_remove(l, c.v[i]);
		}
	} while (c.full);
	if (c.v != c.stack)
		free(c.v);
	return n;
}

/* Every registration of se ends now, as if each had expired (without the
 * expiry's log line); a dynamic se goes with its last one.  How many. */
static unsigned se_clear(struct lisp *l, struct site_eid *se)
{
	unsigned n = se->configured ? se_clear_children(l, se) : 0;
	bool over;

	while (se->etrs && !se->etrs->expired) {
		n++;
		if (etr_end(l, se, se->etrs, &over))
			break;		/* se is gone */
	}
	return n;
}

int lisp_site_clear(struct lisp *l, const char *name, const struct prefix *p, unsigned *cleared,
		    char *err, size_t errlen)
{
	struct site *s = NULL, *t;
	struct site_eid *se, *next;
	char b[PREFIX_STRLEN];

	*cleared = 0;
	if (name && !(s = site_find(l, name)))
		return fail(err, errlen, "% No such LISP site");
	if (p) {
		if (!(se = reg_exact(l, p)) || (s && se->site != s))
			return fail(err, errlen, "% No such EID prefix on the Map-Server");
		*cleared = se_clear(l, se);
	} else {
		for (t = s ? s : l->sites; t; t = s ? NULL : t->next)
			for (se = t->conf; se; se = next) {
				next = se->conf_next;
				*cleared += se_clear(l, se);
			}
	}
	reg_rearm(l);
	log_debug(DEBUG_LISP_CONTROL, "LISP: MS registrations cleared: %u (%s%s%s)", *cleared,
		  name ? "site " : "", name ? name : "", p ? prefix_fmt(p, b, sizeof(b)) : name ? "" : "all");
	return 0;
}

int lisp_site_del(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct site *s;

	if (!(s = site_find(l, name)))
		return fail(err, errlen, "% No such LISP site");
	/* Its configured prefixes, each with its more-specifics (the whole
	 * registry is not walked: a paste of 'no lisp site' lines). */
	while (s->conf)
		se_unconfigure(l, s->conf);
	if (s->prev)
		s->prev->next = s->next;
	else
		l->sites = s->next;
	if (s->next)
		s->next->prev = s->prev;
	htab_del(&l->sites_ht, &s->hn);
	if (l->sites_hint == s)
		l->sites_hint = s->prev;
	seen_free(&s->seen);
	free(s->more);
	free(s);
	return 0;
}

bool lisp_site_exists(const struct lisp *l, const char *name)
{
	return site_find(l, name) != NULL;
}

int lisp_site_set_key(struct lisp *l, const char *name, const char *key, char *err, size_t errlen)
{
	return lisp_site_set_key_conf(l, name, key, NULL, err, errlen);
}

/* The key a message with Key ID id is verified (or signed) with, NULL
 * when the site has none for that ID or it cannot be decoded. */
static const char *site_key_of(const struct site *s, uint8_t id)
{
	unsigned i;

	for (i = 0; i < s->n_keys; i++)
		if (s->keys[i].id == id)
			return s->keys[i].key[0] ? s->keys[i].key : NULL;
	return NULL;
}

int lisp_site_key_set(struct lisp *l, const char *name, uint8_t key_id, const char *key,
		      const char *key_conf, char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	bool conf = key && key_conf && key_conf[0];
	unsigned i;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (!key || (!key[0] && !conf) || strlen(key) >= LISP_KEY_MAX ||
	    (conf && strlen(key_conf) >= LISP_KEY_CONF_MAX))
		return fail(err, errlen, "% Invalid authentication key");
	for (i = 0; i < s->n_keys && s->keys[i].id < key_id; i++)
		;
	if (i == s->n_keys || s->keys[i].id != key_id) {
		if (s->n_keys == LISP_SITE_KEYS) {
			if (err && errlen)
				snprintf(err, errlen, "%% At most %d authentication keys per site: "
					 "remove one first ('no authentication-key key-id N')",
					 LISP_SITE_KEYS);
			return -1;
		}
		memmove(&s->keys[i + 1], &s->keys[i], (s->n_keys - i) * sizeof(s->keys[0]));
		s->n_keys++;
	}
	memset(&s->keys[i], 0, sizeof(s->keys[i]));
	s->keys[i].id = key_id;
	snprintf(s->keys[i].key, sizeof(s->keys[i].key), "%s", key);
	snprintf(s->keys[i].key_conf, sizeof(s->keys[i].key_conf), "%s", conf ? key_conf : "");
	return 0;
}

int lisp_site_key_del(struct lisp *l, const char *name, uint8_t key_id, char *err,
		      size_t errlen)
{
	struct site *s = site_find(l, name);
	unsigned i;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	for (i = 0; i < s->n_keys && s->keys[i].id != key_id; i++)
		;
	if (i == s->n_keys) {
		if (err && errlen)
			snprintf(err, errlen, "%% No authentication key with key-id %u", key_id);
		return -1;
	}
	memmove(&s->keys[i], &s->keys[i + 1], (s->n_keys - i - 1) * sizeof(s->keys[0]));
	s->n_keys--;
	memset(&s->keys[s->n_keys], 0, sizeof(s->keys[0]));
	return 0;
}

int lisp_site_set_key_conf(struct lisp *l, const char *name, const char *key, const char *key_conf,
			   char *err, size_t errlen)
{
	struct site *s = site_find(l, name);

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (key)
		return lisp_site_key_set(l, name, 0, key, key_conf, err, errlen);
	memset(s->keys, 0, sizeof(s->keys));
	s->n_keys = 0;
	return 0;
}

int lisp_site_set_description(struct lisp *l, const char *name, const char *desc,
			      char *err, size_t errlen)
{
	struct site *s = site_find(l, name);

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (desc && strlen(desc) >= LISP_DESC_MAX)
		return fail(err, errlen, "% Description too long");
	snprintf(s->desc, sizeof(s->desc), "%s", desc ? desc : "");
	return 0;
}

int lisp_site_eid_add(struct lisp *l, const char *name, const struct prefix *p,
		      bool accept_more_specifics, char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	struct site_eid *se;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (lisp_check_prefix(p, err, errlen) == -1)
		return -1;
	if (p->addr.iid > LISP_IID_MAX)
		return fail(err, errlen, "% Invalid instance ID");
	se = reg_exact(l, p);
	if (se && se->configured && se->site != s) {
		if (err && errlen)
			snprintf(err, errlen, "%% EID prefix already configured in site %s",
				 se->site->name);
		return -1;
	}
	if (se && !se->configured) {
		/* A registered more-specific becomes configured in this site. */
		se_drop_more(se);
		se->site = s;
	}
	if (!se && !(se = se_new(l, s, p)))
		return fail(err, errlen, "% Out of memory");
	if (!se->configured) {
		se->configured = true;
		conf_link(se);
	}
	se->accept_more = accept_more_specifics;
	return 0;
}

int lisp_site_eid_del(struct lisp *l, const char *name, const struct prefix *p,
		      char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	struct site_eid *se;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	se = reg_exact(l, p);
	if (!se || !se->configured || se->site != s)
		return fail(err, errlen, "% EID prefix not configured in this site");
	se_unconfigure(l, se);
	return 0;
}

int lisp_site_allowed_locator_add(struct lisp *l, const char *name, const struct addr *a,
				  char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	unsigned i;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (!addr_is_v4(a) && !addr_is_v6(a))
		return fail(err, errlen, "% Only IPv4 and IPv6 locators are supported");
	for (i = 0; i < s->n_allowed; i++) {
		int c = addr_cmp(&s->allowed[i], a);

		if (c == 0)
			return 0;
		if (c > 0)
			break;
	}
	if (s->n_allowed == sizeof(s->allowed) / sizeof(s->allowed[0]))
		return fail(err, errlen, "% Too many allowed locators");
	memmove(&s->allowed[i + 1], &s->allowed[i], (s->n_allowed - i) * sizeof(s->allowed[0]));
	s->allowed[i] = *a;
	s->n_allowed++;
	return 0;
}

int lisp_site_allowed_locator_del(struct lisp *l, const char *name, const struct addr *a,
				  char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	unsigned i;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	for (i = 0; i < s->n_allowed; i++)
		if (addr_eq(&s->allowed[i], a))
			break;
	if (i == s->n_allowed)
		return fail(err, errlen, "% No such allowed locator");
	memmove(&s->allowed[i], &s->allowed[i + 1], (s->n_allowed - i - 1) * sizeof(s->allowed[0]));
	s->n_allowed--;
	return 0;
}

int lisp_site_set_more_limit(struct lisp *l, const char *name, unsigned n, char *err,
			     size_t errlen)
{
	struct site *s = site_find(l, name);

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (n > LISP_MORE_SPECIFICS_MAX)
		return fail(err, errlen, "% Invalid limit");
	s->more_limit = n == LISP_MORE_SPECIFICS_DEFAULT ? 0 : n;
	return 0;
}

/* ---------------------------------------------------------------- views */

int lisp_site_foreach(struct lisp *l, int (*fn)(const struct lisp_site_info *s, void *arg),
		      void *arg)
{
	return lisp_site_foreach_after(l, NULL, fn, arg);
}

int lisp_site_foreach_after(struct lisp *l, const char *after,
			    int (*fn)(const struct lisp_site_info *s, void *arg), void *arg)
{
	struct lisp_site_info info;
	struct site *s = l->sites, *at;
	int rc;

	if (after && (at = site_find(l, after)))
		s = at->next;
	else if (after)		/* deleted meanwhile: the next by name */
		while (s && strcmp(s->name, after) <= 0)
			s = s->next;
	for (; s; s = s->next) {
		info.name = s->name;
		info.description = s->desc;
		info.key = s->n_keys ? s->keys[0].key : "";
		info.key_conf = s->n_keys ? s->keys[0].key_conf : "";
		info.key_id = s->n_keys ? s->keys[0].id : 0;
		info.n_keys = s->n_keys;
		for (unsigned k = 0; k < s->n_keys; k++) {
			info.keys[k].id = s->keys[k].id;
			info.keys[k].key = s->keys[k].key;
			info.keys[k].key_conf = s->keys[k].key_conf;
		}
		info.n_allowed = s->n_allowed;
		info.allowed = s->allowed;
		info.auth_failures = s->auth_failures;
		info.disallowed = s->disallowed;
		info.locator_mismatches = s->locator_mismatches;
		info.replayed = s->replayed;
		info.replay_evicted = s->replay_evicted;
		info.more_limit = more_limit(s);
		info.more_limit_set = s->more_limit != 0;
		info.n_more = s->n_more;
		info.more_refused = s->more_refused;
		info.etrs_refused = s->etrs_refused;
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

static void se_info(const struct site_eid *se, struct lisp_site_eid_info *o)
{
	const struct site_etr *e, *last = NULL;

	/* the fixed part; each ETR's locators are copied as far as it has */
	memset(o, 0, offsetof(struct lisp_site_eid_info, etrs));
	o->site = se->site->name;
	o->prefix = se->prefix;
	o->configured = se->configured;
	if (!se->configured && se->parent)
		o->parent = se->parent->prefix;
	o->accept_more_specifics = se->accept_more;
	o->registered = se->registered;
	o->merged = se->merged;
	if (se->configured && se->accept_more)
		o->more_in_inst = more_in(se->site, se->prefix.addr.iid);
	for (e = se->etrs; e; e = e->next) {
		struct lisp_site_etr_info *x;

		if (!last || e->last >= last->last)
			last = e;
		if (!o->first_registered || e->first < o->first_registered)
			o->first_registered = e->first;
		if (e->expired || o->n_etrs == LISP_SITE_ETRS_MAX)
			continue;
		x = &o->etrs[o->n_etrs++];
		memset(x, 0, offsetof(struct lisp_site_etr_info, locs));
		x->who = etr_who(e);
		x->port = e->sport;
		x->first_registered = e->first;
		x->last_registered = e->last;
		x->proxy_reply = e->proxy;
		x->want_notify = e->want_notify;
		x->ttl = e->ttl;
		x->nonce = e->nonce;
		x->key_id = e->key_id;
		x->alg = e->alg;
		x->has_xtr_id = e->has_id;
		memcpy(x->xtr_id, e->xtr_id, sizeof(x->xtr_id));
		x->site_id = e->site_id;
		x->n_locs = e->n_locs;
		memcpy(x->locs, e->locs, e->n_locs * sizeof(x->locs[0]));
	}
	if (last) {
		o->last_registered = last->last;
		o->who = etr_who(last);
		o->want_notify = last->want_notify;
		o->nonce = last->nonce;
		o->key_id = last->key_id;
		o->alg = last->alg;
	}
	o->proxy_reply = se->proxy;
	o->ttl = se->registered ? se->ttl : last ? last->ttl : 0;
	o->n_locs = se->registered ? se->n_locs : 0;
	if (o->n_locs)
		memcpy(o->locs, se->locs, o->n_locs * sizeof(o->locs[0]));
}

struct se_walk {
	const char *site;
	int (*fn)(const struct lisp_site_eid_info *e, void *arg);
	void *arg;
};

static int se_walk_fn(const struct prefix *p, void *value, void *arg)
{
	struct se_walk *w = arg;
	const struct site_eid *se = value;
	struct lisp_site_eid_info info;

	(void)p;
	if (w->site && strcmp(w->site, se->site->name) != 0)
		return 0;
	se_info(se, &info);
	return w->fn(&info, w->arg);
}

int lisp_site_eid_foreach(struct lisp *l, const char *site,
			  int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg)
{
	return lisp_site_eid_foreach_after(l, site, NULL, fn, arg);
}

/* Instances in IID order, then prefixes in order: after the instance of
 * 'after', resume after 'after' in it, then every later instance whole. */
int lisp_site_eid_foreach_after(struct lisp *l, const char *site, const struct prefix *after,
				int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg)
{
	struct se_walk w = { site, fn, arg };
	struct lpm *t;
	size_t it = 0;
	uint32_t iid;
	int rc;

	while ((t = reg_next(l, after ? after->addr.iid : 0, &it, &iid))) {
		if (after && iid == after->addr.iid)
			rc = lpm_walk_after(t, AFI_NONE, after, se_walk_fn, &w);
		else
			rc = lpm_walk(t, AFI_NONE, se_walk_fn, &w);
		if (rc)
			return rc;
	}
	return 0;
}

void lisp_site_count_styles(const struct lisp *l, size_t n[LISP_STYLE_XE + 1])
{
	memset(n, 0, (LISP_STYLE_XE + 1) * sizeof(n[0]));
	for (const struct site *s = l->sites; s; s = s->next)
		if ((unsigned)s->style <= LISP_STYLE_XE)
			n[s->style]++;
}

int lisp_site_conf_foreach(struct lisp *l, const char *site,
			   int (*fn)(const struct prefix *p, bool accept_more, void *arg), void *arg)
{
	const struct site *s = site_find(l, site);
	int rc;

	for (const struct site_eid *se = s ? s->conf : NULL; se; se = se->conf_next)
		if ((rc = fn(&se->prefix, se->accept_more, arg)) != 0)
			return rc;
	return 0;
}

int lisp_site_eid_foreach_iid(struct lisp *l, const char *site, uint32_t iid,
			      const struct prefix *after,
			      int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg)
{
	struct se_walk w = { site, fn, arg };
	struct lpm *t = reg_of(l, iid);

	if (!t)
		return 0;
	return after ? lpm_walk_after(t, AFI_NONE, after, se_walk_fn, &w) :
		       lpm_walk(t, AFI_NONE, se_walk_fn, &w);
}

struct se_under {
	struct se_walk w;
	const struct prefix *top;
	int stop;
};

/* Resumed with lpm_walk_after(): the walk ends where top's subtree does. */
static int se_under_fn(const struct prefix *p, void *value, void *arg)
{
	struct se_under *u = arg;
	struct prefix q = *p;

	q.addr.iid = u->top->addr.iid;
	if (!prefix_covers(u->top, &q)) {
		u->stop = 1;
		return 1;
	}
	return se_walk_fn(p, value, &u->w);
}

int lisp_site_eid_foreach_under(struct lisp *l, const char *site, const struct prefix *top,
				const struct prefix *after,
				int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg)
{
	struct se_under u = { { site, fn, arg }, top, 0 };
	struct lpm *t = reg_of(l, top->addr.iid);
	int rc;

	if (!t)
		return 0;
	if (!after)
		return lpm_walk_covered(t, top, se_walk_fn, &u.w);
	rc = lpm_walk_after(t, top->addr.afi, after, se_under_fn, &u);
	return u.stop ? 0 : rc;
}

size_t lisp_site_inst_count(const struct lisp *l)
{
	return l->ms_insts ? l->ms_insts->n : 0;
}

int lisp_site_eid_lookup(struct lisp *l, const struct addr *a, struct lisp_site_eid_info *out)
{
	struct lpm *t = reg_of(l, a->iid);
	struct site_eid *se = t ? lpm_lookup(t, a, NULL) : NULL;

	if (!se)
		return -1;
	se_info(se, out);
	return 0;
}

/* ---------------------------------------------------------------- Map-Register */

static bool locators_allowed(const struct site *s, const struct lisp_record *r)
{
	unsigned i, j;

	if (!s->n_allowed)
		return true;
	for (i = 0; i < r->loc_count; i++) {
		for (j = 0; j < s->n_allowed; j++)
			if (addr_eq(&r->locs[i].rloc.addr, &s->allowed[j]))
				break;
		if (j == s->n_allowed)
			return false;
	}
	return true;
}

/* A locator the Map-Server can hand out: IPv4, or global IPv6. */
static bool loc_usable(const struct addr *a)
{
	return a->afi == AFI_IPV4 || (a->afi == AFI_IPV6 && lisp_v6_rloc_ok(a->u.b));
}

/* Has a record a locator the Map-Server can use? */
static bool record_usable(const struct lisp_record *r)
{
	for (unsigned i = 0; i < r->loc_count; i++)
		if (loc_usable(&r->locs[i].rloc.addr))
			return true;
	return false;
}

/* The site a record belongs to, and its entry (NULL: a new more-specific). */
static struct site *record_site(struct lisp *l, const struct prefix *p,
				struct site_eid **target, struct prefix *parent)
{
	struct site_eid *se = reg_exact(l, p), *c;

	*target = NULL;
	if (se && se->configured) {
		*target = se;
		return se->site;
	}
	if (se) {
		c = se->parent;
		if (c && c->configured && c->accept_more) {
			*target = se;
			*parent = c->prefix;
			return c->site;
		}
		return NULL;
	}
	c = reg_covering(l, p);
	if (c && !c->configured)
		c = c->parent;
	if (!c)
		return NULL;
	*parent = c->prefix;
	if (!c->accept_more) {
		c->site->disallowed++;
		lisp_drop(l, LISP_DROP_REG_DISALLOWED);
		return NULL;
	}
	return c->site;
}

/* A record on its way in: its site (NULL: refused) and entry (NULL: a new
 * more-specific). */
struct reg_rec {
	struct site *site;
	struct site_eid *se;
	struct prefix p, parent;
};

/*
 * The verdict on a message for one site: its key, then the replay rules
 * (lispr.conf(5), "Map-Register anti-replay").  A replay is refused as a
 * whole: (a) a nonce the site accepted within the window, or (b) for any
 * of its registrations whose ETR numbers its registers, a nonce not after
 * the current one.  Nonce 0 (RFC 6830, NX-OS) tells nothing either way.
 */
static bool site_admits(struct lisp *l, struct site *s, const struct lisp_map_register *reg,
			const uint8_t *msg, size_t len, const struct reg_rec *rr, unsigned n,
			uint64_t now, const struct addr *from)
{
	char b[ADDR_STRLEN];
	bool replay = false, evicted;
	unsigned i;

	const char *key = site_key_of(s, reg->key_id);

	if (!key || lisp_auth_verify(msg, len, key, strlen(key)) != LISP_OK) {
		s->auth_failures++;
		lisp_drop(l, LISP_DROP_REG_AUTH);
		log_event_rl(&s->auth_failures, "LISP", LOG_WARNING, "MAP_SERVER_REGISTER_AUTHENTICATION_FAILURE",
			     "Site %s, Map-Register from %s failed authentication", s->name,
			     addr_fmt(from, b, sizeof(b)));
		return false;
	}
	if (reg->nonce) {
		replay = seen_has(&s->seen, reg->nonce, now);
		/* per ETR: its own registration of each record's prefix */
		for (i = 0; i < n && !replay; i++) {
			const struct site_etr *e = rr[i].site == s && rr[i].se ?
						   etr_find(rr[i].se, reg, from) : NULL;

			replay = e && !e->expired && e->seq_run >= 2 &&
				 !nonce_before(e->nonce, reg->nonce);
		}
	}
	if (replay) {
		s->replayed++;
		lisp_drop(l, LISP_DROP_REG_REPLAYED);
		log_event_rl(&s->replayed, "LISP", LOG_WARNING, "MAP_SERVER_REGISTER_REFUSED",
			     "Map-Register from %s for site %s refused: replayed (nonce 0x%016llx)",
			     addr_fmt(from, b, sizeof(b)), s->name, (unsigned long long)reg->nonce);
		return false;
	}
	if (reg->nonce && seen_add(&s->seen, reg->nonce, now, &evicted) && evicted)
		s->replay_evicted++;
	return true;
}

/* ---------------------------------------------------------------- unsolicited Map-Notify */

#define MS_TO_MAX		16	/* addresses the ETRs register to */
#define MS_NOTIFY_PENDING	256	/* unsolicited Map-Notifies awaiting an Ack */
#define MS_NOTIFY_RETRY_NS	(3 * NS_PER_SEC)
#define MS_NOTIFY_SENDS		3	/* the first and two retransmissions */

struct ms_notify {
	uint64_t nonce, next;
	struct addr src, dst;
	uint16_t port, len;
	uint8_t sends;
	uint8_t *msg;
};

/*
 * The unsolicited Map-Notifies (RFC 9301 section 5.7) sent and not yet
 * acknowledged: each is sent again every 3 s until a verified
 * Map-Notify-Ack with its nonce arrives, 3 times in all.  At most
 * MS_NOTIFY_PENDING wait (a new one beyond replaces the one due first,
 * counted).  An ETR's record names the address it registered to by an
 * index into to[] (1 byte instead of 24), so the unsolicited Map-Notify
 * comes from that address, as the ETR expects from its map-server.
 */
struct ms_notifies {
	struct addr to[MS_TO_MAX];
	unsigned n_to;
	struct ms_notify p[MS_NOTIFY_PENDING];
	unsigned n;
	struct evtimer *timer;
	uint64_t acked, unanswered, evicted;
};

static struct ms_notifies *notifies_get(struct lisp *l)
{
	if (!l->ms_notifies)
		l->ms_notifies = calloc(1, sizeof(*l->ms_notifies));
	return l->ms_notifies;
}

/* The index of an address registers arrive at (0xff: none free). */
static uint8_t ms_to_index(struct lisp *l, const struct addr *to)
{
	struct ms_notifies *mn;
	unsigned i;

	if (!to || !(mn = notifies_get(l)))
		return 0xff;
	for (i = 0; i < mn->n_to; i++)
		if (addr_eq(&mn->to[i], to))
			return (uint8_t)i;
	if (mn->n_to == MS_TO_MAX)
		return 0xff;
	mn->to[mn->n_to] = *to;
	return (uint8_t)mn->n_to++;
}

static const struct addr *ms_to_addr(const struct lisp *l, uint8_t i)
{
	return l->ms_notifies && i < l->ms_notifies->n_to ? &l->ms_notifies->to[i] : NULL;
}

static void notify_drop(struct ms_notifies *mn, unsigned i)
{
	free(mn->p[i].msg);
	mn->p[i] = mn->p[--mn->n];
}

static void notify_rearm(struct ms_notifies *mn)
{
	uint64_t first = UINT64_MAX;

	for (unsigned i = 0; i < mn->n; i++)
		if (mn->p[i].next < first)
			first = mn->p[i].next;
	if (mn->n)
		ev_timer_arm_at(mn->timer, first);
	else
		ev_timer_cancel(mn->timer);
}

static void notify_send(struct lisp *l, struct ms_notify *p)
{
	if (lisp_send_udp(l, p->src.afi ? &p->src : NULL, LISP_CONTROL_PORT, &p->dst, p->port,
			  p->msg, p->len) == 0)
		l->st.notify_out++;
	p->sends++;
}

static void notify_timer(void *arg)
{
	struct lisp *l = arg;
	struct ms_notifies *mn = l->ms_notifies;
	uint64_t now = lisp_now(l);
	unsigned i = 0;

	while (i < mn->n) {
		struct ms_notify *p = &mn->p[i];

		if (p->next > now) {
			i++;
		} else if (p->sends >= MS_NOTIFY_SENDS) {
			mn->unanswered++;
			notify_drop(mn, i);
		} else {
			notify_send(l, p);
			p->next = now + MS_NOTIFY_RETRY_NS;
			i++;
		}
	}
	notify_rearm(mn);
}

/* Send an unsolicited Map-Notify and keep it until its Ack. */
static void notify_unsolicited(struct lisp *l, const struct addr *src, const struct addr *dst,
			       uint16_t port, uint64_t nonce, const uint8_t *msg, size_t len)
{
	struct ms_notifies *mn = notifies_get(l);
	struct ms_notify *p;
	unsigned i, due = 0;

	if (!mn || (!mn->timer && !(mn->timer = ev_timer_new(router_loop(l->r), notify_timer, l))))
		return;
	if (mn->n == MS_NOTIFY_PENDING) {
		for (i = 1; i < mn->n; i++)
			if (mn->p[i].next < mn->p[due].next)
				due = i;
		mn->evicted++;
		notify_drop(mn, due);
	}
	p = &mn->p[mn->n];
	memset(p, 0, sizeof(*p));
	if (!(p->msg = malloc(len)))
		return;
	memcpy(p->msg, msg, len);
	p->len = (uint16_t)len;
	p->nonce = nonce;
	if (src)
		p->src = *src;
	p->dst = *dst;
	p->port = port;
	mn->n++;
	notify_send(l, p);
	p->next = lisp_now(l) + MS_NOTIFY_RETRY_NS;
	notify_rearm(mn);
}

/* A verified Map-Notify-Ack: its Map-Notify is answered. */
static void notify_acked(struct lisp *l, uint64_t nonce)
{
	struct ms_notifies *mn = l->ms_notifies;

	for (unsigned i = 0; mn && i < mn->n; i++)
		if (mn->p[i].nonce == nonce) {
			mn->acked++;
			notify_drop(mn, i);
			notify_rearm(mn);
			return;
		}
}

static void notifies_free(struct lisp *l)
{
	struct ms_notifies *mn = l->ms_notifies;

	if (!mn)
		return;
	while (mn->n)
		notify_drop(mn, 0);
	ev_timer_free(mn->timer);
	free(mn);
	l->ms_notifies = NULL;
}

void lisp_ms_notify_counts(const struct lisp *l, unsigned *pending, uint64_t *acked,
			   uint64_t *unanswered, uint64_t *evicted)
{
	const struct ms_notifies *mn = l->ms_notifies;

	*pending = mn ? mn->n : 0;
	*acked = mn ? mn->acked : 0;
	*unanswered = mn ? mn->unanswered : 0;
	*evicted = mn ? mn->evicted : 0;
}

/* se's published mapping as a Map-Notify record (locs: its storage). */
static void se_record(const struct site_eid *se, struct lisp_record *rec, struct lisp_locator *locs)
{
	memset(rec, 0, sizeof(*rec));
	rec->ttl = se->ttl;
	rec->authoritative = true;
	rec->eid.eid.addr = se->prefix.addr;
	rec->eid.eid.has_iid = se->prefix.addr.iid != 0;
	rec->eid.mask_len = se->prefix.len;
	for (unsigned i = 0; i < se->n_locs; i++) {
		memset(&locs[i], 0, sizeof(locs[i]));
		locs[i].priority = se->locs[i].priority;
		locs[i].weight = se->locs[i].weight;
		locs[i].mpriority = 255;	/* not used for multicast */
		locs[i].local = se->locs[i].local;
		locs[i].reachable = se->locs[i].reachable;
		locs[i].rloc.addr = se->locs[i].addr;
	}
	rec->loc_count = se->n_locs;
	rec->locs = locs;
}

/*
 * se's merged locator set changed (an ETR joined, left or changed its
 * locators): an unsolicited Map-Notify with the new set to each of its
 * I-bit ETRs that asked for Map-Notifies, other than skip (whose register
 * caused it: its own Map-Notify carries the set).  One message per ETR
 * (at most LISP_SITE_ETRS_MAX) per change, signed with the site's key and
 * the Key ID and algorithm of that ETR's last register; its nonce fresh.
 */
static void notify_round(struct lisp *l, struct site_eid *se, const struct site_etr *skip)
{
	struct lisp_locator locs[LISP_MAX_LOCATORS];
	struct lisp_map_register m;
	struct lisp_record rec;
	struct site_etr *e;
	struct addr to;
	uint8_t out[1024];
	ssize_t n;

	const char *key;

	if (!se->registered)
		return;
	se_record(se, &rec, locs);
	for (e = se->etrs; e; e = e->next) {
		if (e == skip || e->expired || !e->has_id || !e->want_notify ||
		    !(key = site_key_of(se->site, e->key_id)))
			continue;
		memset(&m, 0, sizeof(m));
		m.type = LISP_MAP_NOTIFY;
		m.nonce = lisp_rand64(l);
		m.key_id = e->key_id;
		m.alg_id = e->alg;
		m.record_count = 1;
		m.records = &rec;
		n = lisp_map_register_encode(&m, key, strlen(key), out, sizeof(out));
		to = etr_who(e);
		if (n > 0) {
			notify_unsolicited(l, ms_to_addr(l, e->to), &to, e->sport, m.nonce, out,
					   (size_t)n);
			lisp_inst_count_recs(l, m.records, m.record_count,
					     offsetof(struct lisp_stats, notify_out));
		}
	}
}

/*
 * One accepted record's registration by the ETR of reg (its xTR-ID with
 * the I bit, else its source address): created or refreshed, its locators
 * replaced; then what the prefix publishes, and a Map-Notify round to the
 * other ETRs when that changed.  False when refused (the ETR limit) or
 * out of memory.
 */
static bool etr_register(struct lisp *l, struct site_eid *se, const struct lisp_map_register *reg,
			 const struct lisp_record *r, const struct addr *from, uint8_t to,
			 uint16_t sport, uint64_t now)
{
	struct site_etr *e, *head;
	struct site *s = se->site;
	struct pub_snap old;
	unsigned j, n = 0;
	bool fresh, over;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	se_forget_expired(se);
	e = etr_find(se, reg, from);
	if (!e && etr_count(se) >= LISP_SITE_ETRS_MAX) {
		s->etrs_refused++;
		log_ratelimited(&s->etrs_refused, LOG_WARNING,
				"LISP: Map-Register from %s for site %s: %s refused, "
				"%u ETRs registered it already", addr_fmt(from, b2, sizeof(b2)), s->name,
				prefix_fmt(&se->prefix, b1, sizeof(b1)), LISP_SITE_ETRS_MAX);
		return false;
	}
	for (j = 0; j < r->loc_count && n < LISP_MAX_LOCATORS; j++)
		n += loc_usable(&r->locs[j].rloc.addr);
	pub_snap(se, &old);
	if (!se->registered) {
		/* rate-limited per site: an ETR with the key can register and
		 * withdraw a more-specific in a loop */
		log_event_rl(s, "LISP", LOG_NOTICE, "MAP_SERVER_REGISTERED",
			     "IID %u Site %s, EID-prefix %s registered by %s", se->prefix.addr.iid, s->name,
			     prefix_fmt(&se->prefix, b1, sizeof(b1)), addr_fmt(from, b2, sizeof(b2)));
	}
	fresh = !e;
	if (!(e = etr_room(l, se, e, n)))
		return false;
	if (fresh) {
		e->first = now;
		e->has_id = reg->xtr_id_present;
		if (e->has_id)
			memcpy(e->xtr_id, reg->xtr_id, sizeof(e->xtr_id));
	} else if (nonce_in_sequence(e->nonce, reg->nonce)) {
		if (e->seq_run < 2)
			e->seq_run++;
	} else {
		e->seq_run = 0;
	}
	head = l->reg_head;
	reg_unlink(l, e);
	reg_append(l, e);
	if (head != l->reg_head)
		reg_rearm(l);
	e->last = now;
	e->who_afi = (uint8_t)from->afi;
	memcpy(e->who, from->u.b, sizeof(e->who));
	e->sport = sport;
	e->to = to;
	e->site_id = reg->xtr_id_present ? reg->site_id : 0;
	e->proxy = reg->proxy_reply;
	e->want_notify = reg->want_map_notify;
	e->ttl = r->ttl;
	e->nonce = reg->nonce;
	e->key_id = reg->key_id;
	e->alg = reg->alg_id;
	for (j = n = 0; j < r->loc_count && n < e->n_locs; j++) {
		struct lisp_reg_loc *lc = &e->locs[n];

		if (!loc_usable(&r->locs[j].rloc.addr))
			continue;
		memset(lc, 0, sizeof(*lc));
		lc->addr = r->locs[j].rloc.addr;
		lc->addr.iid = 0;
		lc->priority = r->locs[j].priority;
		lc->weight = r->locs[j].weight;
		lc->local = r->locs[j].local;
		lc->reachable = r->locs[j].reachable;
		n++;
	}
	over = se_publish(se, e);
	if (pub_changed(se, &old)) {
		if (over)
			lisp_drop(l, LISP_DROP_LOCATORS_OVER);	/* the first 8 kept */
		notify_round(l, se, e);
	}
	log_debug(DEBUG_LISP_CONTROL, "LISP: MS registration prefix %s %s site %s%s",
		  prefix_fmt(&se->prefix, b1, sizeof(b1)), addr_fmt(from, b2, sizeof(b2)), s->name,
		  se->merged ? ", merged" : "");
	return true;
}

void lisp_ms_map_register(struct lisp *l, const uint8_t *ip, const struct addr *from,
			  const struct addr *to, uint16_t sport, const uint8_t *msg, size_t len)
{
	struct lisp_map_register reg, notify;
	struct lisp_record *acc = NULL;
	struct lisp_locator *accl = NULL;
	struct reg_rec *rr = NULL;
	struct site *s, *ok_site = NULL, **ok = NULL, **bad = NULL;
	struct site_eid *se;
	struct site_etr *e;
	struct pub_snap old;
	enum lisp_err err;
	unsigned i, j, n_acc = 0, n_ok = 0, n_bad = 0;
	uint64_t now = lisp_now(l);
	uint8_t out[4096], to_i = 0xff;
	ssize_t n;
	bool over;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	(void)ip;
	l->st.reg_in++;
	if ((err = lisp_map_register_decode(msg, len, &reg)) != LISP_OK) {
		l->st.malformed[err]++;
		lisp_map_register_free(&reg);
		return;
	}
	if (reg.type != LISP_MAP_REGISTER)
		goto done;
	i = reg.record_count ? reg.record_count : 1;
	acc = calloc(i, sizeof(*acc));
	rr = calloc(i, sizeof(*rr));
	ok = calloc(i, sizeof(*ok));
	bad = calloc(i, sizeof(*bad));
	if (!acc || !rr || !ok || !bad)
		goto done;
	/* The site of every record first: a message is judged per site. */
	for (i = 0; i < reg.record_count; i++) {
		const struct lisp_record *r = &reg.records[i];

		l->st.reg_in_records++;
		if ((r->eid.eid.addr.afi != AFI_IPV4 && r->eid.eid.addr.afi != AFI_IPV6) ||
		    prefix_make(&rr[i].p, &r->eid.eid.addr, r->eid.mask_len) == -1) {
			lisp_drop(l, LISP_DROP_REG_NO_SITE);
			continue;
		}
		/* Its instance: the LCAF's IID (plain AFI, or an LCAF with 0: 0). */
		rr[i].p.addr.iid = r->eid.eid.has_iid ? r->eid.eid.addr.iid : 0;
		if (rr[i].p.addr.iid > LISP_IID_MAX) {
			lisp_drop(l, LISP_DROP_REG_NO_SITE);
			continue;
		}
		rr[i].site = record_site(l, &rr[i].p, &rr[i].se, &rr[i].parent);
		if (!rr[i].site && !rr[i].parent.addr.afi)
			lisp_drop(l, LISP_DROP_REG_NO_SITE);
	}
	for (i = 0; i < reg.record_count; i++) {
		if (!(s = rr[i].site))
			continue;
		for (j = 0; j < n_ok && ok[j] != s; j++)
			;
		if (j < n_ok)
			continue;
		for (j = 0; j < n_bad && bad[j] != s; j++)
			;
		if (j < n_bad) {
			rr[i].site = NULL;
			continue;
		}
		if (site_admits(l, s, &reg, msg, len, rr, reg.record_count, now, from)) {
			ok[n_ok++] = s;
		} else {
			bad[n_bad++] = s;
			rr[i].site = NULL;
		}
	}
	for (i = 0; i < reg.record_count; i++) {
		const struct lisp_record *r = &reg.records[i];
		struct site_more *m;

		if (!(s = rr[i].site))
			continue;
		if (!ok_site)
			to_i = ms_to_index(l, to);
		ok_site = s;
		/* looked up again: an earlier record of this message may have
		 * created or removed the entry */
		se = reg_exact(l, &rr[i].p);
		if (!locators_allowed(s, r)) {
			char pb[PREFIX_STRLEN], ab[ADDR_STRLEN];

			s->locator_mismatches++;
			lisp_drop(l, LISP_DROP_REG_LOCATOR);
			log_event_rl(&s->locator_mismatches, "LISP", LOG_WARNING, "MAP_SERVER_REGISTER_REFUSED",
				     "Map-Register from %s for site %s, EID-prefix %s refused: locator not allowed",
				     addr_fmt(from, ab, sizeof(ab)), s->name, prefix_fmt(&rr[i].p, pb, sizeof(pb)));
			continue;
		}
		if (r->ttl != 0 && !record_usable(r)) {
			lisp_drop(l, LISP_DROP_REG_NO_USABLE);
			log_ratelimited(&l->st.drops[LISP_DROP_REG_NO_USABLE], LOG_WARNING,
					"LISP: Map-Register from %s for site %s: %s refused, "
					"no usable (IPv4) locator", addr_fmt(from, b2, sizeof(b2)),
					s->name, prefix_fmt(&rr[i].p, b1, sizeof(b1)));
			continue;
		}
		if (r->loc_count > LISP_MAX_LOCATORS)
			lisp_drop(l, LISP_DROP_LOCATORS_OVER);	/* the first 8 kept */
		if (!se) {
			if (r->ttl == 0)
				continue;
			/* the limit is the site's in this instance */
			if (more_in(s, rr[i].p.addr.iid) >= more_limit(s)) {
				s->more_refused++;
				lisp_drop(l, LISP_DROP_REG_MORE_LIMIT);
				log_ratelimited(&s->more_refused, LOG_WARNING,
						"LISP: Map-Register from %s for site %s: %s refused, "
						"more-specific limit %u reached",
						addr_fmt(from, b2, sizeof(b2)), s->name,
						prefix_fmt(&rr[i].p, b1, sizeof(b1)), more_limit(s));
				continue;
			}
			if (!(m = more_of(s, rr[i].p.addr.iid, true)) || !(se = se_new(l, s, &rr[i].p)))
				continue;
			se->parent = reg_exact(l, &rr[i].parent);
			s->n_more++;
			m->n++;
		}
		if (r->ttl == 0) {
			/* de-registration: this ETR's registration only */
			acc[n_acc++] = *r;
			l->st.reg_accepted_records++;
			if ((e = etr_find(se, &reg, from)) && !e->expired) {
				pub_snap(se, &old);
				if (!etr_end(l, se, e, &over) && pub_changed(se, &old))
					notify_round(l, se, NULL);
			} else if (!se->configured && !etr_count(se)) {
				se_remove(l, se);
			}
			continue;
		}
		if (!etr_register(l, se, &reg, r, from, to_i, sport, now)) {
			if (!se->configured && !etr_count(se))
				se_remove(l, se);
			continue;
		}
		acc[n_acc] = *r;
		/* a merged prefix: the ETR learns the merged set */
		if (reg.xtr_id_present && se->merged && reg.want_map_notify) {
			if (!accl && !(accl = calloc((size_t)reg.record_count * LISP_MAX_LOCATORS,
						     sizeof(*accl))))
				goto done;
			se_record(se, &acc[n_acc], accl + (size_t)i * LISP_MAX_LOCATORS);
		}
		n_acc++;
		l->st.reg_accepted_records++;
	}
	if (reg.want_map_notify && n_acc && ok_site && site_key_of(ok_site, reg.key_id)) {
		memset(&notify, 0, sizeof(notify));
		notify.type = LISP_MAP_NOTIFY;
		notify.nonce = reg.nonce;
		notify.key_id = reg.key_id;
		notify.alg_id = reg.alg_id;
		notify.record_count = (uint8_t)n_acc;
		notify.records = acc;
		n = lisp_map_register_encode(&notify, site_key_of(ok_site, reg.key_id),
					     strlen(site_key_of(ok_site, reg.key_id)), out, sizeof(out));
		if (n > 0 && lisp_send_udp(l, to, LISP_CONTROL_PORT, from, sport, out,
					   (size_t)n) == 0) {
			l->st.notify_out++;
			lisp_inst_count_recs(l, notify.records, notify.record_count,
					     offsetof(struct lisp_stats, notify_out));
		}
	}
done:
	free(acc);
	free(accl);
	free(rr);
	free(ok);
	free(bad);
	lisp_map_register_free(&reg);
}

/*
 * Map-Notify-Ack (RFC 9301 section 5.7): verified with the key of the site
 * its first record belongs to; a verified one is counted and ends the
 * retransmission of the unsolicited Map-Notify with its nonce.
 */
void lisp_ms_map_notify_ack(struct lisp *l, const struct addr *from, const uint8_t *msg,
			    size_t len)
{
	struct lisp_map_register ack;
	struct site_eid *se = NULL;
	struct prefix p;
	enum lisp_err e;
	char b[ADDR_STRLEN];

	l->st.notify_ack_in++;
	if ((e = lisp_map_register_decode(msg, len, &ack)) != LISP_OK) {
		l->st.malformed[e]++;
		return;
	}
	lisp_inst_count_recs(l, ack.records, ack.record_count, offsetof(struct lisp_stats, notify_ack_in));
	if (ack.record_count > 0 && (ack.records[0].eid.eid.addr.afi == AFI_IPV4 ||
				     ack.records[0].eid.eid.addr.afi == AFI_IPV6) &&
	    prefix_make(&p, &ack.records[0].eid.eid.addr, ack.records[0].eid.mask_len) == 0) {
		p.addr.iid = ack.records[0].eid.eid.has_iid ? ack.records[0].eid.eid.addr.iid : 0;
		se = reg_covering(l, &p);
	}
	if (!se) {
		lisp_drop(l, LISP_DROP_NOTIFY_ACK_NO_SITE);
	} else if (!site_key_of(se->site, ack.key_id) ||
		   lisp_auth_verify(msg, len, site_key_of(se->site, ack.key_id),
				    strlen(site_key_of(se->site, ack.key_id))) != LISP_OK) {
		lisp_drop(l, LISP_DROP_NOTIFY_ACK_AUTH);
		log_event_rl(&l->st.drops[LISP_DROP_NOTIFY_ACK_AUTH], "LISP", LOG_WARNING,
			     "MAP_SERVER_NOTIFY_ACK_AUTHENTICATION_FAILURE",
			     "Site %s, Map-Notify-Ack from %s failed authentication", se->site->name,
			     addr_fmt(from, b, sizeof(b)));
	} else {
		l->st.notify_ack_verified++;
		notify_acked(l, ack.nonce);
		lisp_inst_count_recs(l, ack.records, ack.record_count,
				     offsetof(struct lisp_stats, notify_ack_verified));
	}
	lisp_map_register_free(&ack);
}

/*
 * The DDT leaf's view (lisp_ddt.c) of an EID prefix q in its instance
 * (q->addr.iid): 2 registered, 1 configured but not registered (*p the
 * site prefix), 0 neither (*p the least-specific prefix outside every
 * configured and registered one of that instance); *p carries the IID.
 */
int lisp_ms_ddt_lookup(struct lisp *l, const struct prefix *q, struct prefix *p)
{
	struct lpm *t = reg_of(l, q->addr.iid);
	struct site_eid *se = t ? lpm_covering(t, q, NULL) : NULL;

	if (se && (se->registered || se->configured)) {
		*p = se->prefix;
		return se->registered ? 2 : 1;
	}
	if (!t)		/* an instance without prefixes: all negative */
		prefix_make(p, &q->addr, 0);
	else if (lpm_negative(t, &q->addr, p) == -1)
		prefix_make(p, &q->addr, addr_bits(q->addr.afi));
	p->addr.iid = q->addr.iid;
	return 0;
}

/* ---------------------------------------------------------------- Map-Request */

static void negative_reply(struct lisp *l, const struct lisp_map_request *req, uint16_t port,
			   const struct prefix *p, uint32_t ttl)
{
	struct lisp_record rec;

	memset(&rec, 0, sizeof(rec));
	rec.ttl = ttl;
	rec.action = LISP_ACT_NATIVE_FWD;
	rec.eid.eid.addr = p->addr;
	rec.eid.eid.has_iid = p->addr.iid != 0;
	rec.eid.mask_len = p->len;
	lisp_send_map_reply(l, req, port, &rec);
}

/* The lines of an entry that an answer reads (flags, TTL, locators). */
static inline void se_prefetch(const struct site_eid *se)
{
	const char *p = (const char *)se;
	size_t off;

	for (off = 0; off < sizeof(*se); off += 64)
		__builtin_prefetch(p + off);
}

/* Spreads the EIDs of a site over its ETRs (IPv4: as it always did). */
static unsigned eid_hash(const struct addr *a)
{
	uint32_t h = a->u.v4, w;
	unsigned i;

	for (i = 4; i < addr_bytes(a->afi); i += 4) {
		memcpy(&w, a->u.b + i, 4);
		h = (h ^ w) * 16777619u;
	}
	return (unsigned)((h * 2654435761u) >> 16);
}

/*
 * Answer req.  pre: the registry entry was looked up already (*pre_se,
 * NULL for none), by lisp_ms_burst_end for a batch.
 */
static void ms_answer(struct lisp *l, const struct lisp_map_request *req, uint16_t reply_port,
		      const uint8_t *ecm, size_t ecm_len, bool pre, struct site_eid *pre_se)
{
	struct addr eid = req->records[0].eid.addr;
	struct site_eid *se = NULL;
	struct lpm *reg;
	struct lisp_record rec;
	struct lisp_locator locs[LISP_MAX_LOCATORS];
	struct prefix q, neg;
	unsigned i, n, pick;
	const struct lisp_reg_loc *cand[LISP_MAX_LOCATORS];
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	if (eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6) {
		lisp_drop(l, LISP_DROP_REQ_NOT_OURS);
		return;
	}
	/* The EID's instance: its LCAF's IID (plain AFI, or IID 0: 0). */
	eid.iid = req->records[0].eid.has_iid ? eid.iid : 0;
	if (eid.iid > LISP_IID_MAX || prefix_make(&q, &eid, req->records[0].mask_len) == -1) {
		lisp_drop(l, LISP_DROP_REQ_NOT_OURS);
		return;
	}
	reg = reg_of(l, eid.iid);
	if (pre) {
		se = pre_se;
	} else if ((l->roles & LISP_ROLE_MS) && reg) {
		/* A host EID (the usual question) takes the lookup fast path. */
		se = q.len == addr_bits(q.addr.afi) ? lpm_lookup(reg, &q.addr, NULL) :
						     lpm_covering(reg, &q, NULL);
		/* At 1M registrations the entry is a cache (and TLB) miss:
		 * fetch all the lines an answer reads at once, not one by one. */
		if (se)
			se_prefetch(se);
	}
	/* not a local site's: a DDT Map-Resolver resolves it (lisp_ddt_mr.c) */
	if (!se && lisp_ddt_mr_request(l, req, reply_port, ecm, ecm_len))
		return;
	if (se && se->registered && se->proxy) {
		memset(&rec, 0, sizeof(rec));
		memset(locs, 0, sizeof(locs));
		rec.ttl = se->ttl;
		rec.eid.eid.addr = se->prefix.addr;
		rec.eid.eid.has_iid = se->prefix.addr.iid != 0;
		rec.eid.mask_len = se->prefix.len;
		for (i = 0; i < se->n_locs; i++) {
			locs[i].priority = se->locs[i].priority;
			locs[i].weight = se->locs[i].weight;
			locs[i].mpriority = 255;	/* not used for multicast */
			locs[i].reachable = se->locs[i].reachable;
			locs[i].rloc.addr = se->locs[i].addr;
		}
		rec.loc_count = (uint8_t)se->n_locs;
		rec.locs = locs;
		log_debug(DEBUG_LISP_CONTROL, "LISP: MS proxy Map-Reply for %s, site %s",
			  prefix_fmt(&se->prefix, b1, sizeof(b1)), se->site->name);
		lisp_send_map_reply(l, req, reply_port, &rec);
		return;
	}
	if (se && se->registered) {
		for (i = n = 0; i < se->n_locs; i++)
			if (se->locs[i].priority < 255)
				cand[n++] = &se->locs[i];
		if (n == 0)
			for (i = 0; i < se->n_locs; i++)
				cand[n++] = &se->locs[i];
		if (n == 0) {
			negative_reply(l, req, reply_port, &se->prefix, LISP_UNREGISTERED_TTL);
			return;
		}
		pick = eid_hash(&eid) % n;
		log_debug(DEBUG_LISP_CONTROL,
			  "LISP: MS registration prefix %s site %s, Forwarding map request to ETR %s.",
			  prefix_fmt(&se->prefix, b1, sizeof(b1)), se->site->name,
			  addr_fmt(&cand[pick]->addr, b2, sizeof(b2)));
		if (lisp_send_udp(l, NULL, LISP_CONTROL_PORT, &cand[pick]->addr, LISP_CONTROL_PORT,
				  ecm, ecm_len) == 0)
			l->st.mreq_forwarded++;
		return;
	}
	if (se && se->configured) {
		negative_reply(l, req, reply_port, &se->prefix, LISP_UNREGISTERED_TTL);
		return;
	}
	/* Outside every prefix of this instance: only its own prefixes count. */
	if (!reg || lpm_negative(reg, &eid, &neg) == -1)
		prefix_make(&neg, &eid, reg ? addr_bits(eid.afi) : 0);
	neg.addr.iid = eid.iid;
	negative_reply(l, req, reply_port, &neg, LISP_NEGATIVE_TTL);
}

void lisp_ms_map_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len)
{
	ms_answer(l, req, reply_port, ecm, ecm_len, false, NULL);
}

/*
 * Answers in batches (issue 14).  With a million registrations the
 * registry's trie node and the entry a Map-Request needs are cache and TLB
 * misses, taken one after the other when each request is answered as it
 * comes.  During a receive burst (router_in_burst) a Map-Request for the
 * Map-Server is set aside instead, up to MS_BATCH of them; at the end of
 * the burst (or before any other control message, or when the batch is
 * full) they are looked up together (lpm_lookup_batch: the misses of the
 * batch overlap), their entries and locators prefetched, and answered in
 * the order they came, through the same code as one by one.  The answers
 * then leave in the burst's send batch (one sendmmsg on a live port).
 * Only what fits is set aside: one EID record, no Map-Reply record, an
 * ECM of at most MS_ECM_MAX bytes; the rest is answered at once.
 */
#define MS_BATCH	32
#define MS_ECM_MAX	512

struct ms_pending {
	struct lisp_map_request req;	/* records: &rec, the ITR-RLOCs it has */
	struct lisp_eid rec;
	uint16_t port;
	uint16_t ecm_len;
	uint8_t ecm[MS_ECM_MAX];
};

struct ms_batch {
	unsigned n;
	bool answering;
	struct ms_pending q[MS_BATCH];
};

bool lisp_ms_defer(struct lisp *l, const struct lisp_map_request *req, uint16_t reply_port,
		   const uint8_t *ecm, size_t ecm_len)
{
	struct ms_batch *b = l->ms_batch;
	struct ms_pending *p;

	if (!router_in_burst(l->r) || !(l->roles & LISP_ROLE_MS) || req->record_count != 1 ||
	    req->map_data || ecm_len > MS_ECM_MAX || req->itr_rloc_count > LISP_MAX_ITR_RLOCS)
		return false;
	if (!b && !(b = l->ms_batch = calloc(1, sizeof(*b))))
		return false;
	if (b->answering)
		return false;
	if (b->n == MS_BATCH)
		lisp_ms_burst_end(l);
	p = &b->q[b->n++];
	memcpy(&p->req, req, offsetof(struct lisp_map_request, itr_rlocs));
	memcpy(p->req.itr_rlocs, req->itr_rlocs, req->itr_rloc_count * sizeof(req->itr_rlocs[0]));
	p->rec = req->records[0];
	p->req.record_count = 1;
	p->req.records = &p->rec;
	p->req.map_reply_record = NULL;
	p->req.trailing = req->trailing;
	p->port = reply_port;
	p->ecm_len = (uint16_t)ecm_len;
	memcpy(p->ecm, ecm, ecm_len);
	return true;
}

void lisp_ms_burst_end(void *arg)
{
	struct lisp *l = arg;
	struct ms_batch *b = l->ms_batch;
	struct addr a[MS_BATCH];
	void *val[MS_BATCH];
	struct site_eid *se[MS_BATCH];
	unsigned idx[MS_BATCH], i, k = 0, n;
	struct lpm *reg0 = NULL;

	if (!b || !b->n || b->answering)
		return;
	n = b->n;
	b->answering = true;
	/* The host EIDs of the first instance seen go through one batched
	 * lookup; any other (a prefix, another instance) is looked up alone. */
	for (i = 0; i < n; i++) {
		const struct lisp_eid *e = &b->q[i].rec;
		struct addr x = e->eid.addr;
		struct lpm *reg;
		struct prefix q;

		se[i] = NULL;
		x.iid = e->eid.has_iid ? x.iid : 0;
		if ((x.afi != AFI_IPV4 && x.afi != AFI_IPV6) || x.iid > LISP_IID_MAX ||
		    !(l->roles & LISP_ROLE_MS) || !(reg = reg_of(l, x.iid)))
			continue;
		if (e->mask_len == addr_bits(x.afi) && (!reg0 || reg == reg0)) {
			reg0 = reg;
			a[k] = x;
			idx[k++] = i;
		} else if (prefix_make(&q, &x, e->mask_len) == 0) {
			se[i] = lpm_covering(reg, &q, NULL);
		}
	}
	if (k) {
		lpm_lookup_batch(reg0, a, k, val, NULL);
		for (i = 0; i < k; i++)
			se[idx[i]] = val[i];
	}
	for (i = 0; i < n; i++)
		if (se[i])
			se_prefetch(se[i]);
	for (i = 0; i < n; i++)
		if (se[i] && se[i]->locs)
			__builtin_prefetch(se[i]->locs);
	for (i = 0; i < n; i++) {
		struct ms_pending *p = &b->q[i];

		ms_answer(l, &p->req, p->port, p->ecm, p->ecm_len, true, se[i]);
	}
	b->n = 0;
	b->answering = false;
}

void lisp_ms_batch_free(struct lisp *l)
{
	free(l->ms_batch);
	l->ms_batch = NULL;
}

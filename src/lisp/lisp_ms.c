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
 * whole message verifies with that site's key (algorithm 0 never does),
 * and only with locators from the site's allowed-locator list when it
 * has one; each refusal is counted on the site.  A site holds at most
 * its 'limit more-specifics' (default 1000) more-specifics at a time: a
 * record for a new one beyond it is refused and counted (the refreshes
 * of those it has always pass).  A registration lives
 * 180 s after its last valid refresh (RFC 9301 section 8.2; the T bit is
 * not honoured yet).
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
 * IPv6 EIDs follow the same rules; the negative prefix is computed in the
 * EID's own family and instance (an IPv6 one never from IPv4 site
 * prefixes, an IID 200 one never from IID 100's).  The more-specifics
 * limit is the site's, over all its instances.
 */
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

static struct site *site_find(const struct lisp *l, const char *name)
{
	struct site *s;

	for (s = l->sites; s; s = s->next)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

static void se_free(void *v)
{
	free(v);
}

/* A dynamic (more-specific) entry leaves the registry: its site's count. */
static void se_drop_more(struct site_eid *se)
{
	if (!se->configured && se->site->n_more)
		se->site->n_more--;
}

static unsigned more_limit(const struct site *s)
{
	return s->more_limit ? s->more_limit : LISP_MORE_SPECIFICS_DEFAULT;
}

/* ---------------------------------------------------------------- instances */

/*
 * A registry table: without the IPv4 front table.  Lookups here are one
 * per Map-Request and walk the trie (lpm_covering), while the front costs
 * 1.1 MB plus a chunk per /16 and rebuilds a /16's chunk (256 child chunks
 * of 256 entries) on every insert of a /25-/32: 1,000,000 configured or
 * registered /32s would take hours to load.
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

static void reg_unlink(struct lisp *l, struct site_eid *se)
{
	if (!se->registered)
		return;
	if (se->reg_prev)
		se->reg_prev->reg_next = se->reg_next;
	else
		l->reg_head = se->reg_next;
	if (se->reg_next)
		se->reg_next->reg_prev = se->reg_prev;
	else
		l->reg_tail = se->reg_prev;
	se->reg_prev = se->reg_next = NULL;
}

static void reg_rearm(struct lisp *l)
{
	if (l->reg_head)
		ev_timer_arm_at(l->reg_expiry, l->reg_head->last +
				LISP_REGISTRATION_TIMEOUT_S * NS_PER_SEC);
	else
		ev_timer_cancel(l->reg_expiry);
}

/* A registration ends (expiry, TTL 0, removal); a dynamic entry goes. */
static void se_unregister(struct lisp *l, struct site_eid *se)
{
	struct site_eid *head = l->reg_head;

	reg_unlink(l, se);
	se->registered = false;
	se->n_locs = 0;
	se->seq_run = 0;
	if (head != l->reg_head)
		reg_rearm(l);
	if (!se->configured) {
		se_drop_more(se);
		lpm_delete(reg_of(l, se->prefix.addr.iid), &se->prefix);
		se_free(se);
	}
}

/* Remove an entry from the registry altogether. */
static void se_remove(struct lisp *l, struct site_eid *se)
{
	struct site_eid *head = l->reg_head;
	uint32_t iid = se->prefix.addr.iid;

	reg_unlink(l, se);
	if (head != l->reg_head)
		reg_rearm(l);
	se_drop_more(se);
	lpm_delete(reg_of(l, iid), &se->prefix);
	se_free(se);
	reg_put(l, iid);
}

void lisp_ms_expire(void *arg)
{
	struct lisp *l = arg;
	struct site_eid *se;
	uint64_t now = lisp_now(l);
	char b[PREFIX_STRLEN];

	while ((se = l->reg_head) &&
	       se->last + LISP_REGISTRATION_TIMEOUT_S * NS_PER_SEC <= now) {
		l->st.reg_expired++;
		log_event("LISP", LOG_WARNING, "MAP_SERVER_REGISTRATION_EXPIRED",
			  "IID %u Site %s, EID-prefix %s: registration expired", se->prefix.addr.iid,
			  se->site->name, prefix_fmt(&se->prefix, b, sizeof(b)));
		log_debug(DEBUG_LISP_CONTROL, "LISP: MS registration for %s in site %s expired",
			  prefix_fmt(&se->prefix, b, sizeof(b)), se->site->name);
		se_unregister(l, se);
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
	se->l = l;
	se->site = s;
	se->prefix = *p;
	if (lpm_insert(t, p, se, NULL) == -1) {
		se_free(se);
		reg_put(l, p->addr.iid);
		return NULL;
	}
	return se;
}

struct se_collect {
	const struct site *site;
	const struct prefix *parent;	/* dynamic children of it only */
	struct site_eid **v;
	size_t n, cap;
};

static int se_collect_fn(const struct prefix *p, void *value, void *arg)
{
	struct se_collect *c = arg;
	struct site_eid *se = value, **nv;

	(void)p;
	if (c->site && se->site != c->site)
		return 0;
	if (c->parent && (se->configured || !prefix_eq(&se->parent, c->parent)))
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		nv = realloc(c->v, c->cap * sizeof(*nv));
		if (!nv)
			return 1;
		c->v = nv;
	}
	c->v[c->n++] = se;
	return 0;
}

static void se_remove_collected(struct lisp *l, struct se_collect *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		se_remove(l, c->v[i]);
	free(c->v);
}

void lisp_ms_free_all(struct lisp *l)
{
	struct site *s;

	l->reg_head = l->reg_tail = NULL;
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
		free(s);
	}
}

/* ---------------------------------------------------------------- config */

int lisp_site_add(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct site **pp, *s;

	if (!name[0] || strlen(name) >= LISP_NAME_MAX || strpbrk(name, " \t"))
		return fail(err, errlen, "% Invalid site name");
	for (pp = &l->sites; *pp; pp = &(*pp)->next) {
		int c = strcmp((*pp)->name, name);

		if (c == 0)
			return 0;
		if (c > 0)
			break;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return fail(err, errlen, "% Out of memory");
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->next = *pp;
	*pp = s;
	return 0;
}

int lisp_site_del(struct lisp *l, const char *name, char *err, size_t errlen)
{
	struct site **pp, *s;
	struct se_collect c;
	struct lpm *t;
	size_t it = 0;
	uint32_t iid;

	for (pp = &l->sites; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0)
			break;
	if (!(s = *pp))
		return fail(err, errlen, "% No such LISP site");
	memset(&c, 0, sizeof(c));
	c.site = s;
	while ((t = reg_next(l, 0, &it, &iid)))
		lpm_walk(t, AFI_NONE, se_collect_fn, &c);
	se_remove_collected(l, &c);
	*pp = s->next;
	seen_free(&s->seen);
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

int lisp_site_set_key_conf(struct lisp *l, const char *name, const char *key, const char *key_conf,
			   char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	bool conf = key && key_conf && key_conf[0];

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	if (key && ((!key[0] && !conf) || strlen(key) >= LISP_KEY_MAX ||
		    (conf && strlen(key_conf) >= LISP_KEY_CONF_MAX)))
		return fail(err, errlen, "% Invalid authentication key");
	snprintf(s->key, sizeof(s->key), "%s", key ? key : "");
	snprintf(s->key_conf, sizeof(s->key_conf), "%s", conf ? key_conf : "");
	return 0;
}

int lisp_site_set_key_id(struct lisp *l, const char *name, uint8_t key_id, char *err,
			 size_t errlen)
{
	struct site *s = site_find(l, name);

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	s->key_id = key_id;
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
	se->configured = true;
	se->accept_more = accept_more_specifics;
	return 0;
}

int lisp_site_eid_del(struct lisp *l, const char *name, const struct prefix *p,
		      char *err, size_t errlen)
{
	struct site *s = site_find(l, name);
	struct site_eid *se;
	struct se_collect c;

	if (!s)
		return fail(err, errlen, "% No such LISP site");
	se = reg_exact(l, p);
	if (!se || !se->configured || se->site != s)
		return fail(err, errlen, "% EID prefix not configured in this site");
	memset(&c, 0, sizeof(c));
	c.parent = p;
	lpm_walk_covered(reg_of(l, p->addr.iid), p, se_collect_fn, &c);
	se_remove_collected(l, &c);
	se_remove(l, se);
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
	struct lisp_site_info info;
	struct site *s;
	int rc;

	for (s = l->sites; s; s = s->next) {
		info.name = s->name;
		info.description = s->desc;
		info.key = s->key;
		info.key_conf = s->key_conf;
		info.key_id = s->key_id;
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
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

static void se_info(const struct site_eid *se, struct lisp_site_eid_info *o)
{
	memset(o, 0, sizeof(*o));
	o->site = se->site->name;
	o->prefix = se->prefix;
	o->configured = se->configured;
	o->parent = se->parent;
	o->accept_more_specifics = se->accept_more;
	o->registered = se->registered;
	o->first_registered = se->first;
	o->last_registered = se->last;
	o->who = se->who;
	o->proxy_reply = se->proxy;
	o->want_notify = se->want_notify;
	o->ttl = se->ttl;
	o->nonce = se->nonce;
	o->key_id = se->key_id;
	o->alg = se->alg;
	o->n_locs = se->n_locs;
	memcpy(o->locs, se->locs, sizeof(o->locs));
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
		c = reg_exact(l, &se->parent);
		if (c && c->configured && c->accept_more) {
			*target = se;
			*parent = c->prefix;
			return c->site;
		}
		return NULL;
	}
	c = reg_covering(l, p);
	if (c && !c->configured)
		c = reg_exact(l, &c->parent);
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

	if (!s->key[0] || reg->key_id != s->key_id ||
	    lisp_auth_verify(msg, len, s->key, strlen(s->key)) != LISP_OK) {
		s->auth_failures++;
		lisp_drop(l, LISP_DROP_REG_AUTH);
		log_event_rl(&s->auth_failures, "LISP", LOG_WARNING, "MAP_SERVER_REGISTER_AUTHENTICATION_FAILURE",
			     "Site %s, Map-Register from %s failed authentication", s->name,
			     addr_fmt(from, b, sizeof(b)));
		return false;
	}
	if (reg->nonce) {
		replay = seen_has(&s->seen, reg->nonce, now);
		for (i = 0; i < n && !replay; i++) {
			const struct site_eid *se = rr[i].se;

			replay = rr[i].site == s && se && se->registered && se->seq_run >= 2 &&
				 !nonce_before(se->nonce, reg->nonce);
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

void lisp_ms_map_register(struct lisp *l, const uint8_t *ip, const struct addr *from,
			  const struct addr *to, uint16_t sport, const uint8_t *msg, size_t len)
{
	struct lisp_map_register reg, notify;
	struct lisp_record *acc = NULL;
	struct reg_rec *rr = NULL;
	struct site *s, *ok_site = NULL, **ok = NULL, **bad = NULL;
	struct site_eid *se, *head;
	enum lisp_err e;
	unsigned i, j, n_acc = 0, n_ok = 0, n_bad = 0;
	uint64_t now = lisp_now(l);
	uint8_t out[2048];
	ssize_t n;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	(void)ip;
	l->st.reg_in++;
	if ((e = lisp_map_register_decode(msg, len, &reg)) != LISP_OK) {
		l->st.malformed[e]++;
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

		if (!(s = rr[i].site))
			continue;
		ok_site = s;
		se = rr[i].se;
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
			if (s->n_more >= more_limit(s)) {
				s->more_refused++;
				lisp_drop(l, LISP_DROP_REG_MORE_LIMIT);
				log_ratelimited(&s->more_refused, LOG_WARNING,
						"LISP: Map-Register from %s for site %s: %s refused, "
						"more-specific limit %u reached",
						addr_fmt(from, b2, sizeof(b2)), s->name,
						prefix_fmt(&rr[i].p, b1, sizeof(b1)), more_limit(s));
				continue;
			}
			if (!(se = se_new(l, s, &rr[i].p)))
				continue;
			se->parent = rr[i].parent;
			s->n_more++;
		}
		acc[n_acc++] = *r;
		l->st.reg_accepted_records++;
		if (r->ttl == 0) {
			if (se->registered || !se->configured)
				se_unregister(l, se);	/* de-registration */
			continue;
		}
		head = l->reg_head;
		if (!se->registered) {
			char pb[PREFIX_STRLEN], ab[ADDR_STRLEN];

			log_event("LISP", LOG_NOTICE, "MAP_SERVER_REGISTERED",
				  "IID %u Site %s, EID-prefix %s registered by %s", rr[i].p.addr.iid, s->name,
				  prefix_fmt(&rr[i].p, pb, sizeof(pb)), addr_fmt(from, ab, sizeof(ab)));
			se->first = now;
			se->seq_run = 0;
		} else if (nonce_in_sequence(se->nonce, reg.nonce)) {
			if (se->seq_run < 2)
				se->seq_run++;
		} else {
			se->seq_run = 0;
		}
		reg_unlink(l, se);
		se->registered = true;
		se->last = now;
		se->reg_prev = l->reg_tail;
		se->reg_next = NULL;
		if (l->reg_tail)
			l->reg_tail->reg_next = se;
		else
			l->reg_head = se;
		l->reg_tail = se;
		if (head != l->reg_head)
			reg_rearm(l);
		se->who = *from;
		se->proxy = reg.proxy_reply;
		se->want_notify = reg.want_map_notify;
		se->ttl = r->ttl;
		se->nonce = reg.nonce;
		se->key_id = reg.key_id;
		se->alg = reg.alg_id;
		se->n_locs = 0;
		for (j = 0; j < r->loc_count && se->n_locs < LISP_MAX_LOCATORS; j++) {
			struct lisp_reg_loc *lc = &se->locs[se->n_locs];

			if (!loc_usable(&r->locs[j].rloc.addr))
				continue;
			lc->addr = r->locs[j].rloc.addr;
			lc->addr.iid = 0;
			lc->priority = r->locs[j].priority;
			lc->weight = r->locs[j].weight;
			lc->local = r->locs[j].local;
			lc->reachable = r->locs[j].reachable;
			se->n_locs++;
		}
		log_debug(DEBUG_LISP_CONTROL, "LISP: MS registration prefix %s %s site %s",
			  prefix_fmt(&rr[i].p, b1, sizeof(b1)), addr_fmt(from, b2, sizeof(b2)), s->name);
	}
	if (reg.want_map_notify && n_acc && ok_site) {
		memset(&notify, 0, sizeof(notify));
		notify.type = LISP_MAP_NOTIFY;
		notify.nonce = reg.nonce;
		notify.key_id = reg.key_id;
		notify.alg_id = reg.alg_id;
		notify.record_count = (uint8_t)n_acc;
		notify.records = acc;
		n = lisp_map_register_encode(&notify, ok_site->key, strlen(ok_site->key),
					     out, sizeof(out));
		if (n > 0 && lisp_send_udp(l, to, LISP_CONTROL_PORT, from, sport, out,
					   (size_t)n) == 0)
			l->st.notify_out++;
	}
done:
	free(acc);
	free(rr);
	free(ok);
	free(bad);
	lisp_map_register_free(&reg);
}

/*
 * Map-Notify-Ack (RFC 9301 section 5.7): verified with the key of the site
 * its first record belongs to; a verified one is counted (this Map-Server
 * sends no unsolicited Map-Notify that would wait for it).
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
	if (ack.record_count > 0 && (ack.records[0].eid.eid.addr.afi == AFI_IPV4 ||
				     ack.records[0].eid.eid.addr.afi == AFI_IPV6) &&
	    prefix_make(&p, &ack.records[0].eid.eid.addr, ack.records[0].eid.mask_len) == 0) {
		p.addr.iid = ack.records[0].eid.eid.has_iid ? ack.records[0].eid.eid.addr.iid : 0;
		se = reg_covering(l, &p);
	}
	if (!se) {
		lisp_drop(l, LISP_DROP_NOTIFY_ACK_NO_SITE);
	} else if (!se->site->key[0] ||
		   lisp_auth_verify(msg, len, se->site->key, strlen(se->site->key)) != LISP_OK) {
		lisp_drop(l, LISP_DROP_NOTIFY_ACK_AUTH);
		log_event_rl(&l->st.drops[LISP_DROP_NOTIFY_ACK_AUTH], "LISP", LOG_WARNING,
			     "MAP_SERVER_NOTIFY_ACK_AUTHENTICATION_FAILURE",
			     "Site %s, Map-Notify-Ack from %s failed authentication", se->site->name,
			     addr_fmt(from, b, sizeof(b)));
	} else {
		l->st.notify_ack_verified++;
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

void lisp_ms_map_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len)
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
	if ((l->roles & LISP_ROLE_MS) && reg)
		se = lpm_covering(reg, &q, NULL);
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

/*
 * DOC: the ITR's map-cache: entries, expiry, refresh and LRU eviction
 *
 * Each instance's entries live in its own LPM table (mc->t), which every
 * update, walk and the slow path use.  In front of those tables sits one
 * index shared by all the instances of a struct lisp (struct mc_index,
 * l->mcx), which serves the common IPv4 lookup, an address whose /16 holds
 * /17-/24 entries, without touching the instance's table: an open-
 * addressing hash keyed by (instance ID, /16) gives a block (struct
 * mc_b16) with, for each value of the third byte, the longest /17-/24
 * entry along it, as a byte index into the block's distinct entries.  A
 * lookup reads the hash slot, one index byte and one pointer: three cache
 * lines, where the instance's trie costs its struct map_cache and struct
 * lpm, the root, first-byte and /16 nodes (about a dozen lines).  With
 * traffic spread over many instances those per-instance lines were the
 * data path's working set (issue 11); the index's lines depend on the
 * live (instance, /16) pairs only.  A /16 that also holds /25-/32 entries
 * is marked (low bit of the slot's pointer) and looked up in the trie, as
 * is an address whose /16 has no block or whose block has nothing along
 * it (its match, if any, is a /0-/16).  Blocks are rebuilt from the trie
 * after each update of a /17-/24 entry, O(256).
 */
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "lisp_int.h"
#include "lpm.h"
#include "log.h"
#include "map_cache.h"

#define MC_REFRESH_WINDOW	(60 * NS_PER_SEC)	/* "used recently" */

/* The /17-/24 entries of one (instance, /16); see the DOC above. */
struct mc_b16 {
	uint32_t nmid, ndeep;		/* /17-/24 and /25-/32 entries */
	uint16_t nruns;
	uint8_t	 idx[256];		/* per third byte: its run */
	struct mc_entry *run[];		/* distinct values, NULL included */
};

struct mc_slot {
	uint64_t key;			/* mc_key(), 0: free */
	uintptr_t b;			/* struct mc_b16 *, | MC_DEEP */
};

#define MC_DEEP		1u		/* the /16 has /25-/32 entries */

struct mc_index {
	struct mc_slot *slot;
	size_t mask;			/* slots - 1 */
	size_t n;			/* used slots */
	unsigned refs;			/* map caches sharing it */
	bool broken;			/* out of memory once: not used */
};

struct map_cache {
	struct lisp *l;
	struct evloop *ev;
	uint32_t iid;
	struct lpm *t;
	struct mc_entry *lru_head, *lru_tail;	/* dynamic entries, newest first */
	size_t n_dynamic;
	size_t n_negative[2];			/* by family (IPv4, IPv6): counted
						 * as entries come and go, so that
						 * a count never walks the table */
	unsigned limit;
	struct mc_entry **heap;			/* dynamic entries by next_event */
	size_t heap_cap;
	struct evtimer *timer;
	struct mc_index *x;		/* l->mcx */
};

static inline uint64_t mc_key(uint32_t iid, const uint8_t *b)
{
	return ((uint64_t)iid << 16 | (uint64_t)b[0] << 8 | b[1]) + 1;
}

static inline size_t mc_hash(const struct mc_index *x, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & x->mask;
}

/* The slot of key, or NULL. */
static struct mc_slot *ix_find(const struct mc_index *x, uint64_t key)
{
	size_t i;

	for (i = mc_hash(x, key); x->slot[i].key; i = (i + 1) & x->mask)
		if (x->slot[i].key == key)
			return &x->slot[i];
	return NULL;
}

static int ix_grow(struct mc_index *x)
{
	size_t cap = (x->mask + 1) * 2, i, j;
	struct mc_slot *old = x->slot, *ns = calloc(cap, sizeof(*ns));

	if (!ns)
		return -1;
	x->slot = ns;
	for (i = 0; i <= x->mask; i++) {
		if (!old[i].key)
			continue;
		for (j = (size_t)((old[i].key * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
		     ns[j].key; j = (j + 1) & (cap - 1))
			;
		ns[j] = old[i];
	}
	x->mask = cap - 1;
	free(old);
	return 0;
}

/* A new slot for key (absent), or NULL on allocation failure. */
static struct mc_slot *ix_add(struct mc_index *x, uint64_t key)
{
	size_t i;

	if ((x->n + 1) * 2 > x->mask + 1 && ix_grow(x) == -1)
		return NULL;
	for (i = mc_hash(x, key); x->slot[i].key; i = (i + 1) & x->mask)
		;
	x->slot[i].key = key;
	x->slot[i].b = 0;
	x->n++;
	return &x->slot[i];
}

/* Remove slot s (linear probing: shift the followers back). */
static void ix_del(struct mc_index *x, struct mc_slot *s)
{
	size_t i = (size_t)(s - x->slot), j = i, h;

	for (;;) {
		j = (j + 1) & x->mask;
		if (!x->slot[j].key)
			break;
		h = mc_hash(x, x->slot[j].key);
		/* j's entry may fill the hole at i unless its home lies
		 * cyclically in (i, j] */
		if (i <= j ? (h > i && h <= j) : (h > i || h <= j))
			continue;
		x->slot[i] = x->slot[j];
		i = j;
	}
	x->slot[i].key = 0;
	x->slot[i].b = 0;
	x->n--;
}

static struct mc_b16 *slot_b16(const struct mc_slot *s)
{
	return (struct mc_b16 *)(s->b & ~(uintptr_t)MC_DEEP);
}

/*
 * Bring the index up to date after the IPv4 prefix p of mc's instance
 * was inserted (delta 1) or deleted (-1).  On allocation failure the /16
 * is marked deep (looked up in the trie) rather than left wrong.
 */
static void ix_update(struct map_cache *mc, const struct prefix *p, int delta)
{
	struct mc_index *x = mc->x;
	uint64_t key = mc_key(mc->iid, p->addr.u.b);
	struct mc_slot *s;
	struct mc_b16 *ob, *nb;
	struct mc_entry *val[256];
	struct prefix q, m;
	unsigned v, lo, hi, nruns;
	uint32_t nmid, ndeep;

	if (p->addr.afi != AFI_IPV4 || p->len <= 16)
		return;
	s = ix_find(x, key);
	ob = s ? slot_b16(s) : NULL;
	nmid = ob ? ob->nmid : 0;
	ndeep = ob ? ob->ndeep : 0;
	if (p->len > 24)
		ndeep = (uint32_t)((int64_t)ndeep + delta);
	else
		nmid = (uint32_t)((int64_t)nmid + delta);
	if (nmid == 0 && ndeep == 0) {
		if (s) {
			ix_del(x, s);
			free(ob);
		}
		return;
	}
	if (!s && !(s = ix_add(x, key)))
		goto fail;
	if (p->len > 24 && ob) {	/* the /17-/24 picture is unchanged */
		ob->ndeep = ndeep;
		s->b = (uintptr_t)ob | (ndeep ? MC_DEEP : 0);
		return;
	}
	for (v = 0; v < 256; v++)
		val[v] = ob ? ob->run[ob->idx[v]] : NULL;
	if (p->len <= 24) {
		lo = p->addr.u.b[2];
		hi = lo + (1u << (24 - p->len));
		q = *p;
		q.len = 24;
		for (v = lo; v < hi; v++) {
			q.addr.u.b[2] = (uint8_t)v;
			val[v] = lpm_covering(mc->t, &q, &m);
			if (val[v] && m.len <= 16)
				val[v] = NULL;
		}
	}
	for (v = 0, nruns = 0; v < 256; v++)
		if (v == 0 || val[v] != val[v - 1])
			nruns++;
	if (!(nb = malloc(sizeof(*nb) + nruns * sizeof(nb->run[0]))))
		goto fail;
	nb->nmid = nmid;
	nb->ndeep = ndeep;
	nb->nruns = (uint16_t)nruns;
	for (v = 0, nruns = 0; v < 256; v++) {
		if (v == 0 || val[v] != val[v - 1])
			nb->run[nruns++] = val[v];
		nb->idx[v] = (uint8_t)(nruns - 1);
	}
	s->b = (uintptr_t)nb | (ndeep ? MC_DEEP : 0);
	free(ob);
	return;
fail:
	/* keep the counts right and send this /16 to the trie */
	if (s && (nb = calloc(1, sizeof(*nb) + sizeof(nb->run[0])))) {
		free(ob);
		nb->nmid = nmid;
		nb->ndeep = ndeep;
		nb->nruns = 1;
		s->b = (uintptr_t)nb | MC_DEEP;
		return;
	}
	if (s) {
		ix_del(x, s);
		free(ob);
	}
	x->broken = true;
}

/* The instance's share of a cache counter (field: its offsetof() in
 * struct lisp_stats), beside the router's. */
static void mc_inst_count(struct map_cache *mc, size_t field)
{
	struct lisp_stats *st = lisp_inst_st(mc->l, mc->iid);

	if (st)
		(*(uint64_t *)(void *)((char *)st + field))++;
}

static void heap_set(struct map_cache *mc, size_t i, struct mc_entry *e)
{
	mc->heap[i] = e;
	e->heap_idx = i;
}

static void heap_up(struct map_cache *mc, size_t i)
{
	struct mc_entry *e = mc->heap[i];

	while (i > 0 && mc->heap[(i - 1) / 2]->next_event > e->next_event) {
		heap_set(mc, i, mc->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(mc, i, e);
}

static void heap_down(struct map_cache *mc, size_t i)
{
	struct mc_entry *e = mc->heap[i];
	size_t n = mc->n_dynamic, c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && mc->heap[c + 1]->next_event < mc->heap[c]->next_event)
			c++;
		if (mc->heap[c]->next_event >= e->next_event)
			break;
		heap_set(mc, i, mc->heap[c]);
		i = c;
	}
	heap_set(mc, i, e);
}

/* n_dynamic is the heap size: callers adjust it around these. */
static void heap_remove(struct map_cache *mc, struct mc_entry *e)
{
	size_t i = e->heap_idx, last = mc->n_dynamic - 1;

	if (i != last) {
		heap_set(mc, i, mc->heap[last]);
		mc->n_dynamic--;
		heap_down(mc, i);
		heap_up(mc, i);
		mc->n_dynamic++;
	}
}

static void heap_rearm(struct map_cache *mc)
{
	if (mc->n_dynamic)
		ev_timer_arm_at(mc->timer, mc->heap[0]->next_event);
	else
		ev_timer_cancel(mc->timer);
}

static bool is_dynamic(const struct mc_entry *e)
{
	return e->source == LISP_MC_MAP_REPLY;
}

static void lru_unlink(struct map_cache *mc, struct mc_entry *e)
{
	if (e->lru_prev)
		e->lru_prev->lru_next = e->lru_next;
	else
		mc->lru_head = e->lru_next;
	if (e->lru_next)
		e->lru_next->lru_prev = e->lru_prev;
	else
		mc->lru_tail = e->lru_prev;
	e->lru_prev = e->lru_next = NULL;
}

static void lru_push(struct map_cache *mc, struct mc_entry *e)
{
	e->lru_prev = NULL;
	e->lru_next = mc->lru_head;
	if (mc->lru_head)
		mc->lru_head->lru_prev = e;
	else
		mc->lru_tail = e;
	mc->lru_head = e;
}

static void entry_free(void *v)
{
	free(v);
}

/* Negative entries of e's family: one more (d 1) or one fewer (-1). */
static void neg_count(struct map_cache *mc, const struct mc_entry *e, int d)
{
	if (e->negative)
		mc->n_negative[e->prefix.addr.afi == AFI_IPV6] += (size_t)(ssize_t)d;
}

static void entry_remove(struct map_cache *mc, struct mc_entry *e)
{
	if (lpm_delete(mc->t, &e->prefix)) {
		ix_update(mc, &e->prefix, -1);
		neg_count(mc, e, -1);
	}
	if (is_dynamic(e)) {
		lru_unlink(mc, e);
		heap_remove(mc, e);
		mc->n_dynamic--;
	}
	entry_free(e);
}

static uint64_t refresh_lead(const struct mc_entry *e)
{
	uint64_t ttl = (uint64_t)e->ttl * 60 * NS_PER_SEC;

	return ttl / 4 < MC_REFRESH_WINDOW ? ttl / 4 : MC_REFRESH_WINDOW;
}

/* The cache's timer: refresh points and expiries that fell due. */
static void cache_timer(void *arg)
{
	struct map_cache *mc = arg;
	struct lisp *l = mc->l;
	uint64_t now = ev_now(mc->ev);
	struct mc_entry *e;
	struct prefix p;

	while (mc->n_dynamic && (e = mc->heap[0])->next_event <= now) {
		if (now >= e->expires) {
			l->st.cache_expired++;
			mc_inst_count(mc, offsetof(struct lisp_stats, cache_expired));
			entry_remove(mc, e);
			continue;
		}
		e->next_event = e->expires;
		heap_down(mc, 0);
		if (!e->refreshing && e->last_used && now - e->last_used < MC_REFRESH_WINDOW) {
			e->refreshing = true;
			p = e->prefix;
			l->st.cache_refreshes++;
			mc_inst_count(mc, offsetof(struct lisp_stats, cache_refreshes));
			lisp_itr_refresh(l, &p);	/* may replace e */
		}
	}
	heap_rearm(mc);
}

/* The shared index, created with the first map cache. */
static struct mc_index *ix_ref(struct lisp *l)
{
	struct mc_index *x = l->mcx;

	if (!x) {
		if (!(x = calloc(1, sizeof(*x))) || !(x->slot = calloc(64, sizeof(*x->slot)))) {
			free(x);
			return NULL;
		}
		x->mask = 63;
		l->mcx = x;
	}
	x->refs++;
	return x;
}

static void ix_unref(struct lisp *l, struct mc_index *x)
{
	if (!x || --x->refs)
		return;
	free(x->slot);
	free(x);
	l->mcx = NULL;
}

/* Drop the blocks of instance iid (its map cache goes). */
static void ix_drop_inst(struct mc_index *x, uint32_t iid)
{
	size_t i = 0;

	while (i <= x->mask) {
		if (x->slot[i].key && (x->slot[i].key - 1) >> 16 == iid) {
			free(slot_b16(&x->slot[i]));
			ix_del(x, &x->slot[i]);	/* may move another key into i */
			continue;
		}
		i++;
	}
}

struct map_cache *map_cache_new(struct lisp *l, struct evloop *ev, uint32_t iid)
{
	struct map_cache *mc = calloc(1, sizeof(*mc));

	if (!mc)
		return NULL;
	mc->t = lpm_new();
	mc->timer = ev_timer_new(ev, cache_timer, mc);
	mc->x = ix_ref(l);
	if (!mc->t || !mc->timer || !mc->x) {
		lpm_free(mc->t, NULL);
		ev_timer_free(mc->timer);
		ix_unref(l, mc->x);
		free(mc);
		return NULL;
	}
	mc->l = l;
	mc->ev = ev;
	mc->iid = iid;
	mc->limit = LISP_MAP_CACHE_LIMIT_DEFAULT;
	return mc;
}

void map_cache_free(struct map_cache *mc)
{
	if (!mc)
		return;
	ix_drop_inst(mc->x, mc->iid);
	ix_unref(mc->l, mc->x);
	lpm_free(mc->t, entry_free);
	ev_timer_free(mc->timer);
	free(mc->heap);
	free(mc);
}

struct mc_entry *map_cache_lookup(struct map_cache *mc, const struct addr *a)
{
	return map_cache_find(mc->x, mc, mc->iid, a);
}

struct mc_entry *map_cache_find(const struct mc_index *x, struct map_cache *mc, uint32_t iid,
				const struct addr *a)
{
	const struct mc_slot *s;
	struct mc_entry *e;
	uint64_t key;
	size_t i;

	if (a->afi == AFI_IPV4 && !x->broken) {
		key = mc_key(iid, a->u.b);
		for (i = mc_hash(x, key); (s = &x->slot[i])->key; i = (i + 1) & x->mask) {
			if (s->key != key)
				continue;
			if (!(s->b & MC_DEEP)) {
				const struct mc_b16 *b = (const struct mc_b16 *)s->b;

				if ((e = b->run[b->idx[a->u.b[2]]]))
					return e;
			}
			break;
		}
	}
	return lpm_lookup(mc->t, a, NULL);
}

struct mc_entry *map_cache_exact(struct map_cache *mc, const struct prefix *p)
{
	return lpm_exact(mc->t, p);
}

void map_cache_touch(struct map_cache *mc, struct mc_entry *e, size_t bytes, uint64_t now)
{
	e->pkts++;
	e->bytes += bytes;
	e->last_used = now;
	/* a dynamic entry is the LRU head when it has no predecessor: a
	 * static one costs no read of mc */
	if (is_dynamic(e) && e->lru_prev) {
		lru_unlink(mc, e);
		lru_push(mc, e);
	}
}

struct collect {
	struct mc_entry **v;
	size_t n, cap;
};

static int collect_dynamic(const struct prefix *p, void *value, void *arg)
{
	struct collect *c = arg;
	struct mc_entry *e = value, **nv;

	(void)p;
	if (!is_dynamic(e))
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		nv = realloc(c->v, c->cap * sizeof(*nv));
		if (!nv)
			return 1;
		c->v = nv;
	}
	c->v[c->n++] = e;
	return 0;
}

int map_cache_install(struct map_cache *mc, const struct mc_entry *tmpl)
{
	struct mc_entry *e, *old;
	void *prev = NULL;
	struct collect c = { 0 };
	uint64_t now = ev_now(mc->ev), created = now;
	size_t i;

	old = lpm_exact(mc->t, &tmpl->prefix);
	if (is_dynamic(tmpl)) {
		if (tmpl->ttl == 0 || mc->limit == 0)
			return 1;
		if (old && !is_dynamic(old))
			return 1;
		/* A less-specific answer replaces the more-specifics it covers. */
		lpm_walk_covered(mc->t, &tmpl->prefix, collect_dynamic, &c);
		for (i = 0; i < c.n; i++) {
			if (prefix_eq(&c.v[i]->prefix, &tmpl->prefix))
				created = c.v[i]->created;
			entry_remove(mc, c.v[i]);
		}
		free(c.v);
		if (mc->n_dynamic >= mc->limit && mc->lru_tail)
			log_event_rl(&mc->limit, "LISP", LOG_WARNING, "MAP_CACHE_LIMIT_REACHED",
				     "Map-cache limit of %u entries reached: the least recently used is replaced",
				     mc->limit);
		while (mc->n_dynamic >= mc->limit && mc->lru_tail) {
			mc->l->st.cache_evicted++;
			mc_inst_count(mc, offsetof(struct lisp_stats, cache_evicted));
			entry_remove(mc, mc->lru_tail);
		}
	} else if (old) {
		entry_remove(mc, old);
	}
	if (is_dynamic(tmpl) && mc->n_dynamic == mc->heap_cap) {
		size_t cap = mc->heap_cap ? mc->heap_cap * 2 : 64;
		struct mc_entry **h = realloc(mc->heap, cap * sizeof(*h));

		if (!h)
			return -1;
		mc->heap = h;
		mc->heap_cap = cap;
	}
	e = malloc(sizeof(*e));
	if (!e)
		return -1;
	*e = *tmpl;
	e->prefix.addr.iid = mc->iid;
	e->mc = mc;
	e->lru_prev = e->lru_next = NULL;
	e->refreshing = false;
	e->pkts = e->bytes = 0;
	e->created = created;
	e->last_used = 0;
	e->expires = 0;
	for (i = 0; i < e->n; i++)
		e->locs[i].uptime = now;
	if (is_dynamic(e)) {
		e->expires = now + (uint64_t)e->ttl * 60 * NS_PER_SEC;
		e->next_event = e->expires - refresh_lead(e);
	}
	if (lpm_insert(mc->t, &e->prefix, e, &prev) == -1) {
		entry_free(e);
		return -1;
	}
	ix_update(mc, &e->prefix, prev ? 0 : 1);
	if (prev)
		neg_count(mc, prev, -1);
	neg_count(mc, e, 1);
	if (is_dynamic(e)) {
		lru_push(mc, e);
		mc->n_dynamic++;
		heap_set(mc, mc->n_dynamic - 1, e);
		heap_up(mc, mc->n_dynamic - 1);
		heap_rearm(mc);
	}
	return 0;
}

int map_cache_remove(struct map_cache *mc, const struct prefix *p)
{
	struct mc_entry *e = lpm_exact(mc->t, p);

	if (!e)
		return -1;
	entry_remove(mc, e);
	return 0;
}

void map_cache_clear_dynamic(struct map_cache *mc)
{
	while (mc->lru_head)
		entry_remove(mc, mc->lru_head);
}

void map_cache_clear_dynamic_afi(struct map_cache *mc, uint16_t afi)
{
	struct mc_entry *e, *next;

	for (e = mc->lru_head; e; e = next) {
		next = e->lru_next;
		if (afi == AFI_NONE || e->prefix.addr.afi == afi)
			entry_remove(mc, e);
	}
}

size_t map_cache_clear_within(struct map_cache *mc, const struct prefix *p)
{
	struct mc_entry *e, *next;
	size_t n = 0;

	for (e = mc->lru_head; e; e = next) {
		next = e->lru_next;
		if (prefix_covers(p, &e->prefix)) {
			entry_remove(mc, e);
			n++;
		}
	}
	return n;
}

void map_cache_set_limit(struct map_cache *mc, unsigned limit)
{
	mc->limit = limit;
	while (mc->n_dynamic > limit && mc->lru_tail) {
		mc->l->st.cache_evicted++;
		mc_inst_count(mc, offsetof(struct lisp_stats, cache_evicted));
		entry_remove(mc, mc->lru_tail);
	}
}

unsigned map_cache_limit(const struct map_cache *mc)
{
	return mc->limit;
}

size_t map_cache_dynamic(const struct map_cache *mc)
{
	return mc->n_dynamic;
}

size_t map_cache_count(const struct map_cache *mc, size_t *negative)
{
	return map_cache_count_afi(mc, AFI_NONE, negative);
}

size_t map_cache_count_afi(const struct map_cache *mc, uint16_t afi, size_t *negative)
{
	if (negative)
		*negative = afi == AFI_IPV4 ? mc->n_negative[0] :
			    afi == AFI_IPV6 ? mc->n_negative[1] : mc->n_negative[0] + mc->n_negative[1];
	return lpm_count(mc->t, afi);
}

struct walk_arg {
	int (*fn)(struct mc_entry *e, void *arg);
	void *arg;
};

static int walk_fn(const struct prefix *p, void *value, void *arg)
{
	struct walk_arg *w = arg;

	(void)p;
	return w->fn(value, w->arg);
}

int map_cache_walk(struct map_cache *mc, int (*fn)(struct mc_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };

	return lpm_walk(mc->t, AFI_NONE, walk_fn, &w);
}

int map_cache_walk_after(struct map_cache *mc, const struct prefix *after,
			 int (*fn)(struct mc_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };

	return lpm_walk_after(mc->t, AFI_NONE, after, walk_fn, &w);
}

int map_cache_walk_afi_after(struct map_cache *mc, uint16_t afi, const struct prefix *after,
			     int (*fn)(struct mc_entry *e, void *arg), void *arg)
{
	struct walk_arg w = { fn, arg };

	return lpm_walk_after(mc->t, afi, after, walk_fn, &w);
}

struct mc_entry *map_cache_covering(struct map_cache *mc, const struct prefix *p)
{
	return lpm_covering(mc->t, p, NULL);
}

/*
 * DOC: the DDT Map-Resolver (RFC 8111 section 7.3): iterative resolution
 *
 * With 'ddt root A' (one or more) a Map-Resolver resolves the ECM'd
 * Map-Requests of its ITRs for EIDs no local site holds by walking the
 * DDT tree itself, so it needs no co-located Map-Server:
 *
 *   1. the longest referral-cache entry covering the EID (same instance
 *      ID and family) gives the locators to ask, the roots when none; a
 *      cached MS-NOT-REGISTERED or DELEGATION-HOLE answers the ITR at once
 *      with a negative Map-Reply; a cached MS-ACK names the Map-Servers
 *      of the site, asked directly;
 *   2. the ITR's ECM goes on unchanged (its inner header, nonce and
 *      ITR-RLOCs, so the Map-Server's ETR answers the ITR directly) but
 *      with the D bit, from our port 4342: the DDT node answers there;
 *   3. Map-Referrals are matched to the request by nonce and sender:
 *      NODE-REFERRAL and MS-REFERRAL are cached for their TTL (not when
 *      incomplete) and followed, each strictly more specific than the one
 *      before and at most LISP_DDT_MAX_DEPTH deep;
 *      MS-ACK ends it (the Map-Server forwards or proxy-answers); its
 *      referral set, when complete (the Map-Server and its peers), is
 *      cached for its TTL; the request is kept LISP_DDT_ACKED_MS: an ITR
 *      asking again with its nonce got no Map-Reply, and the set's next
 *      Map-Server is asked (the same one when sooner than
 *      LISP_DDT_ACKED_MIN_MS or the only one);
 *      MS-NOT-REGISTERED: the other Map-Servers of the set (and of the
 *      referral's set) are asked first, as one of them may hold the
 *      registration; then the negative Map-Reply (Natively-Forward) with
 *      the referral's prefix and TTL, cached; DELEGATION-HOLE: the same
 *      at once; NOT-AUTHORITATIVE drops the cached referral that led
 *      there and tries the next locator;
 *   4. a silent locator is asked LISP_DDT_TRIES times, LISP_DDT_TIMEOUT_MS
 *      apart, then the next one of the set (and is tried last for
 *      LISP_DDT_DOWN_S);
 *   5. when a set from the cache is exhausted, or a walk from the cache
 *      meets a loop or the depth limit, the walk starts once more from the
 *      roots (RFC 8111 section 8.2, "gone through root"); after that a
 *      referral error (loop, depth, NOT-AUTHORITATIVE from every locator)
 *      gets a negative Map-Reply for the EID as asked, Send-Map-Request,
 *      LISP_DDT_TTL_ERROR minute, and silence of every locator ends the
 *      request without an answer (section 7.3.2): the ITR retries or fails
 *      over to its next map-resolver.
 *
 * The pending table and the referral cache are bounded (lisp_ddt.h) and
 * counted when full (an MS-ACK'd request kept for its ITR gives way to a
 * new one, the oldest first); a pending request is found by its nonce in
 * a hash, a free slot on a stack; the cache is scanned linearly (it holds
 * referrals, a few per delegation level, not mappings).  Referral signatures are not checked
 * (no DDT security).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "lisp_ddt.h"
#include "lisp_int.h"
#include "log.h"
#include "router.h"

#define S_NS		1000000000ULL
#define MS_NS		1000000ULL

struct rc_entry {
	bool used;
	struct prefix p;
	uint8_t action;
	bool incomplete;
	uint32_t ttl;				/* minutes */
	uint64_t added, expires;		/* ns */
	uint64_t hits;
	unsigned n;
	struct addr loc[LISP_DDT_MAX_CHILD];
	uint64_t down_until[LISP_DDT_MAX_CHILD];
};

struct pend {
	struct ddt_mr *m;
	bool used;
	uint64_t nonce;
	struct prefix eid;			/* the EID asked for, with its IID */
	int last_len;				/* the referral followed: -1 the roots */
	struct prefix last;
	bool from_cache;			/* that referral came from the cache */
	bool root_walked;			/* started at the roots, or went back there */
	bool not_auth;				/* a NOT-AUTHORITATIVE was received */
	bool have_notreg;			/* an MS-NOT-REGISTERED was received: */
	bool notreg_incomplete;
	struct prefix notreg;			/* its prefix */
	uint32_t notreg_ttl;			/* and TTL */
	bool acked;				/* MS-ACK'd: waiting for the ITR's retry */
	uint64_t acked_at;
	uint64_t acked_seq;			/* the oldest gives way first */
	unsigned depth;
	unsigned n, cur, tries;
	struct addr loc[LISP_DDT_MAX_CHILD];
	bool done[LISP_DDT_MAX_CHILD];		/* given up on (silent, not authoritative) */
	uint16_t reply_port;
	uint8_t *ecm;				/* the ITR's ECM, copied */
	size_t ecm_len;
	struct evtimer *timer;
	uint16_t hnext;				/* nonce hash chain: index + 1, 0 ends */
};

#define PEND_HASH	512			/* nonce buckets */
#define ACKQ_MAX	(2 * LISP_DDT_PENDING_MAX)

struct ddt_mr {
	struct lisp *l;
	struct addr roots[LISP_DDT_MAX_ROOTS];
	unsigned n_roots;
	struct rc_entry *rc;			/* LISP_DDT_RC_MAX, on first use */
	size_t n_rc;
	struct pend *pend;			/* LISP_DDT_PENDING_MAX, on first use */
	size_t n_pend;
	size_t n_acked;				/* of n_pend: MS-ACK'd, kept for the ITR */
	uint64_t ack_seq;
	/* O(1) per message: the pending requests by nonce, the free slots,
	 * and the MS-ACK'd ones oldest first (entries gone stale are skipped) */
	uint16_t hash[PEND_HASH];		/* index + 1 */
	uint16_t free_idx[LISP_DDT_PENDING_MAX];
	unsigned n_free;
	uint16_t ackq[ACKQ_MAX];
	uint64_t ackq_seq[ACKQ_MAX];
	unsigned ackq_head, ackq_n;
	struct lisp_ddt_mr_stats st;
};

static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

static struct ddt_mr *mr_get(struct lisp *l)
{
	struct ddt_mr **slot = lisp_ddt_mr_slot(l, false);

	return slot ? *slot : NULL;
}

static const struct ddt_mr *mr_cget(const struct lisp *l)
{
	return mr_get((struct lisp *)l);
}

static unsigned pend_bucket(uint64_t nonce)
{
	return (unsigned)((nonce * 0x9E3779B97F4A7C15ull) >> 55);	/* 9 bits: PEND_HASH */
}

static void pend_release(struct pend *p)
{
	struct ddt_mr *m = p->m;
	uint16_t idx = (uint16_t)(p - m->pend), *pp = &m->hash[pend_bucket(p->nonce)];

	while (*pp && *pp != idx + 1)
		pp = &m->pend[*pp - 1].hnext;
	if (*pp)
		*pp = p->hnext;
	ev_timer_free(p->timer);
	free(p->ecm);
	if (p->acked)
		m->n_acked--;
	memset(p, 0, sizeof(*p));
	m->n_pend--;
	m->free_idx[m->n_free++] = idx;
}

void lisp_ddt_mr_free(struct ddt_mr *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; m->pend && i < LISP_DDT_PENDING_MAX; i++)
		if (m->pend[i].used)
			pend_release(&m->pend[i]);
	free(m->pend);
	free(m->rc);
	free(m);
}

/* ------------------------------------------------------------ configuration */

int lisp_ddt_root_add(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	struct ddt_mr **slot, *m;
	struct addr r = *a;
	unsigned i;

	if (a->afi != AFI_IPV4 && a->afi != AFI_IPV6)
		return fail(err, errlen, "% The DDT root must be an IPv4 or IPv6 address");
	r.iid = 0;
	if (lisp_is_local_addr(l, &r))
		return fail(err, errlen, "% The DDT root cannot be an address of this router");
	if (!(slot = lisp_ddt_mr_slot(l, true)))
		return fail(err, errlen, "% Out of memory");
	if (!*slot) {
		if (!(*slot = calloc(1, sizeof(**slot))))
			return fail(err, errlen, "% Out of memory");
		(*slot)->l = l;
	}
	m = *slot;
	for (i = 0; i < m->n_roots; i++)
		if (addr_eq(&m->roots[i], &r))
			return 0;
	if (m->n_roots >= LISP_DDT_MAX_ROOTS)
		return fail(err, errlen, "% Too many DDT roots");
	m->roots[m->n_roots++] = r;
	return 0;
}

int lisp_ddt_root_del(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	struct ddt_mr *m = mr_get(l);
	struct addr r = *a;
	unsigned i;

	r.iid = 0;
	for (i = 0; m && i < m->n_roots && !addr_eq(&m->roots[i], &r); i++)
		;
	if (!m || i == m->n_roots)
		return fail(err, errlen, "% No such DDT root");
	memmove(&m->roots[i], &m->roots[i + 1], (m->n_roots - i - 1) * sizeof(m->roots[0]));
	m->n_roots--;
	if (m->n_roots == 0) {
		/* no resolver any more: what it learnt goes with it */
		free(m->rc);
		m->rc = NULL;
		m->n_rc = 0;
	}
	return 0;
}

int lisp_ddt_root_foreach(struct lisp *l, int (*fn)(const struct addr *a, void *arg), void *arg)
{
	struct ddt_mr *m = mr_get(l);
	unsigned i;
	int rc;

	for (i = 0; m && i < m->n_roots; i++)
		if ((rc = fn(&m->roots[i], arg)))
			return rc;
	return 0;
}

void lisp_ddt_mr_get_stats(const struct lisp *l, struct lisp_ddt_mr_stats *out)
{
	const struct ddt_mr *m = mr_cget(l);

	if (m)
		*out = m->st;
	else
		memset(out, 0, sizeof(*out));
}

size_t lisp_ddt_pending_count(const struct lisp *l)
{
	const struct ddt_mr *m = mr_cget(l);

	return m ? m->n_pend - m->n_acked : 0;
}

/* ------------------------------------------------------------ referral cache */

static void rc_expire(struct ddt_mr *m)
{
	uint64_t now = lisp_now(m->l);
	size_t i;

	for (i = 0; m->rc && i < LISP_DDT_RC_MAX; i++)
		if (m->rc[i].used && m->rc[i].expires <= now) {
			m->rc[i].used = false;
			m->n_rc--;
		}
}

/* The longest live entry covering q. */
static struct rc_entry *rc_lookup(struct ddt_mr *m, const struct prefix *q)
{
	uint64_t now = lisp_now(m->l);
	struct rc_entry *best = NULL;
	size_t i;

	for (i = 0; m->rc && i < LISP_DDT_RC_MAX; i++) {
		struct rc_entry *e = &m->rc[i];

		if (!e->used)
			continue;
		if (e->expires <= now) {
			e->used = false;
			m->n_rc--;
			continue;
		}
		if (prefix_covers(&e->p, q) && (!best || e->p.len > best->p.len))
			best = e;
	}
	return best;
}

static struct rc_entry *rc_find(struct ddt_mr *m, const struct prefix *p)
{
	size_t i;

	for (i = 0; m->rc && i < LISP_DDT_RC_MAX; i++)
		if (m->rc[i].used && prefix_eq(&m->rc[i].p, p))
			return &m->rc[i];
	return NULL;
}

static void rc_remove(struct ddt_mr *m, const struct prefix *p)
{
	struct rc_entry *e = rc_find(m, p);

	if (e) {
		e->used = false;
		m->n_rc--;
	}
}

/* Cache a referral record (its locators already filtered into loc/n). */
static void rc_add(struct ddt_mr *m, const struct prefix *p, unsigned act, uint32_t ttl,
		   const struct addr *loc, unsigned n)
{
	uint64_t now = lisp_now(m->l);
	struct rc_entry *e;
	size_t i, victim = 0;

	if (ttl == 0)
		return;
	if (!m->rc && !(m->rc = calloc(LISP_DDT_RC_MAX, sizeof(*m->rc))))
		return;
	if (!(e = rc_find(m, p))) {
		rc_expire(m);
		for (i = 0; i < LISP_DDT_RC_MAX && m->rc[i].used; i++)
			if (m->rc[i].expires < m->rc[victim].expires)
				victim = i;
		if (i == LISP_DDT_RC_MAX) {
			/* full: the entry closest to expiry makes room */
			m->st.cache_full++;
			i = victim;
			m->n_rc--;
		}
		e = &m->rc[i];
		memset(e, 0, sizeof(*e));
		e->used = true;
		m->n_rc++;
	}
	{
		/* a refresh keeps what it knows of the locators that stay:
		 * a peer's MS-ACK must not make a dead Map-Server first again */
		uint64_t down[LISP_DDT_MAX_CHILD] = { 0 };
		unsigned j, k;

		for (j = 0; j < n; j++)
			for (k = 0; k < e->n; k++)
				if (addr_eq(&loc[j], &e->loc[k]))
					down[j] = e->down_until[k];
		memcpy(e->down_until, down, sizeof(down));
	}
	e->p = *p;
	e->action = (uint8_t)act;
	e->ttl = ttl;
	e->added = now;
	e->expires = now + (uint64_t)ttl * 60 * S_NS;
	e->n = n;
	if (n)
		memcpy(e->loc, loc, n * sizeof(loc[0]));
}

/* The cache entry p was sent under says locator a is silent. */
static void rc_mark_down(struct ddt_mr *m, const struct pend *p, const struct addr *a)
{
	struct rc_entry *e;
	unsigned i;

	if (p->last_len < 0 || !(e = rc_find(m, &p->last)))
		return;
	for (i = 0; i < e->n; i++)
		if (addr_eq(&e->loc[i], a))
			e->down_until[i] = lisp_now(m->l) + LISP_DDT_DOWN_S * S_NS;
}

static bool rc_loc_down(struct ddt_mr *m, const struct pend *p, const struct addr *a)
{
	struct rc_entry *e;
	unsigned i;

	if (p->last_len < 0 || !(e = rc_find(m, &p->last)))
		return false;
	for (i = 0; i < e->n; i++)
		if (addr_eq(&e->loc[i], a))
			return e->down_until[i] > lisp_now(m->l);
	return false;
}

static int rc_cmp(const void *a, const void *b)
{
	const struct rc_entry *x = *(const struct rc_entry *const *)a;
	const struct rc_entry *y = *(const struct rc_entry *const *)b;
	int c = prefix_cmp(&x->p, &y->p);

	return c;
}

size_t lisp_ddt_referral_count(struct lisp *l)
{
	struct ddt_mr *m = mr_get(l);

	if (!m)
		return 0;
	rc_expire(m);
	return m->n_rc;
}

void lisp_ddt_referral_clear(struct lisp *l)
{
	struct ddt_mr *m = mr_get(l);
	size_t i;

	for (i = 0; m && m->rc && m->n_rc && i < LISP_DDT_RC_MAX; i++)
		if (m->rc[i].used) {
			m->rc[i].used = false;
			m->n_rc--;
		}
}

int lisp_ddt_referral_foreach(struct lisp *l,
			      int (*fn)(const struct lisp_ddt_referral_info *r, void *arg),
			      void *arg)
{
	struct ddt_mr *m = mr_get(l);
	struct lisp_ddt_referral_info info;
	struct rc_entry **v;
	uint64_t now;
	size_t i, n = 0;
	unsigned k;
	int rc = 0;

	if (!m || !m->rc)
		return 0;
	rc_expire(m);
	if (!m->n_rc || !(v = malloc(m->n_rc * sizeof(*v))))
		return 0;
	for (i = 0; i < LISP_DDT_RC_MAX && n < m->n_rc; i++)
		if (m->rc[i].used)
			v[n++] = &m->rc[i];
	qsort(v, n, sizeof(*v), rc_cmp);
	now = lisp_now(l);
	/* copies first: fn may print, and printing never changes the cache,
	 * but a copy keeps the walk independent of it anyway */
	for (i = 0; i < n && !rc; i++) {
		memset(&info, 0, sizeof(info));
		info.prefix = v[i]->p;
		info.action = v[i]->action;
		info.incomplete = v[i]->incomplete;
		info.ttl = v[i]->ttl;
		info.expires_in_s = (v[i]->expires - now) / S_NS;
		info.age_s = (now - v[i]->added) / S_NS;
		info.hits = v[i]->hits;
		info.n = v[i]->n;
		for (k = 0; k < v[i]->n; k++) {
			info.loc[k] = v[i]->loc[k];
			info.loc_down[k] = v[i]->down_until[k] > now;
		}
		rc = fn(&info, arg);
	}
	free(v);
	return rc;
}

/* ------------------------------------------------------------ resolution */

static void pend_timer(void *arg);

/* A negative Map-Reply to the ITR: action act for p, ttl minutes. */
static void negative_reply(struct ddt_mr *m, const uint8_t *ecm, size_t ecm_len,
			   uint16_t reply_port, const struct prefix *pfx, uint32_t ttl,
			   uint8_t act)
{
	struct lisp_map_request req;
	struct lisp_record rec;
	struct lisp_ecm e;
	char b1[PREFIX_STRLEN];

	if (lisp_ecm_decode(ecm, ecm_len, &e) != LISP_OK)
		return;
	memset(&req, 0, sizeof(req));
	if (lisp_map_request_decode(e.payload, e.payload_len, &req) != LISP_OK) {
		lisp_map_request_free(&req);
		return;
	}
	memset(&rec, 0, sizeof(rec));
	rec.ttl = ttl;
	rec.action = act;
	rec.eid.eid.addr = pfx->addr;
	rec.eid.eid.has_iid = pfx->addr.iid != 0;
	rec.eid.mask_len = pfx->len;
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT negative Map-Reply for %s, TTL %u, action %u",
		  prefix_fmt(pfx, b1, sizeof(b1)), (unsigned)ttl, (unsigned)act);
	if (lisp_send_map_reply(m->l, &req, reply_port, &rec) == 0)
		m->st.negative_replies++;
	lisp_map_request_free(&req);
}

/* Send the DDT Map-Request to p->loc[p->cur]. */
static void pend_send(struct pend *p)
{
	struct ddt_mr *m = p->m;
	struct lisp_ecm e;
	uint8_t out[LISP_ECM_HDR_LEN + 48 + 1500];
	ssize_t n;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	ev_timer_arm(p->timer, LISP_DDT_TIMEOUT_MS * MS_NS);
	if (lisp_ecm_decode(p->ecm, p->ecm_len, &e) != LISP_OK)
		return;
	e.ddt = true;		/* the rest as the ITR sent it */
	if ((n = lisp_ecm_encode(&e, out, sizeof(out))) < 0 ||
	    lisp_send_udp(m->l, NULL, LISP_CONTROL_PORT, &p->loc[p->cur], LISP_CONTROL_PORT,
			  out, (size_t)n) == -1) {
		m->st.send_failed++;
		return;			/* the timer moves on */
	}
	m->st.requests_out++;
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT Map-Request for %s to %s (depth %u)",
		  prefix_fmt(&p->eid, b1, sizeof(b1)), addr_fmt(&p->loc[p->cur], b2, sizeof(b2)),
		  p->depth);
}

static void pend_follow(struct pend *p, const struct prefix *last, bool from_cache,
			const struct addr *loc, unsigned n);

/* Back to the roots (RFC 8111 section 8.2: once per request). */
static void pend_restart(struct pend *p)
{
	struct ddt_mr *m = p->m;
	char b1[PREFIX_STRLEN];

	m->st.root_restarts++;
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT resolution of %s starts again from the roots",
		  prefix_fmt(&p->eid, b1, sizeof(b1)));
	p->root_walked = true;
	p->depth = 0;
	pend_follow(p, NULL, false, m->roots, m->n_roots);
}

/*
 * A referral error (loop, depth, NOT-AUTHORITATIVE everywhere): a walk
 * that began in the cache starts again from the roots; one that came from
 * the roots ends with a negative Map-Reply for the EID as asked,
 * Send-Map-Request for LISP_DDT_TTL_ERROR minutes (the ITR asks again
 * then, not natively forwarding an EID the tree may well hold).
 */
static void pend_error(struct pend *p)
{
	struct ddt_mr *m = p->m;

	if (!p->root_walked) {
		if (p->last_len >= 0)
			rc_remove(m, &p->last);
		pend_restart(p);
		return;
	}
	m->st.error_replies++;
	negative_reply(m, p->ecm, p->ecm_len, p->reply_port, &p->eid, LISP_DDT_TTL_ERROR,
		       LISP_ACT_SEND_MAP_REQ);
	pend_release(p);
}

/*
 * Every locator of the set was given up on.  After an MS-NOT-REGISTERED
 * (the other Map-Servers of the set not registered either, or silent):
 * the negative Map-Reply, cached; else a set from the cache is retried
 * from the roots; else NOT-AUTHORITATIVE answers are a referral error and
 * silence ends the request without an answer (RFC 8111 section 7.3.2: the
 * pending request is dequeued; the ITR retries or fails over).
 */
static void pend_exhausted(struct pend *p)
{
	struct ddt_mr *m = p->m;
	char b1[PREFIX_STRLEN];

	if (p->have_notreg) {
		if (!p->notreg_incomplete)
			rc_add(m, &p->notreg, LISP_REF_MS_NOT_REGISTERED, p->notreg_ttl, p->loc,
			       p->n);
		negative_reply(m, p->ecm, p->ecm_len, p->reply_port, &p->notreg,
			       p->notreg_ttl ? p->notreg_ttl : 1, LISP_ACT_NATIVE_FWD);
		pend_release(p);
		return;
	}
	if (!p->root_walked) {
		pend_restart(p);
		return;
	}
	if (p->not_auth) {
		pend_error(p);
		return;
	}
	m->st.failed++;
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT resolution of %s failed",
		  prefix_fmt(&p->eid, b1, sizeof(b1)));
	pend_release(p);
}

/* The next locator not yet given up on, one not known silent first;
 * p->n when none is left. */
static unsigned pend_pick(struct pend *p)
{
	unsigned i;

	for (i = 0; i < p->n; i++)
		if (!p->done[i] && !rc_loc_down(p->m, p, &p->loc[i]))
			return i;
	for (i = 0; i < p->n; i++)
		if (!p->done[i])
			return i;
	return p->n;
}

/* Ask the next locator; when none is left, pend_exhausted (which may
 * release p). */
static void pend_next(struct pend *p)
{
	unsigned pick = pend_pick(p);

	if (pick == p->n) {
		pend_exhausted(p);
		return;
	}
	p->cur = pick;
	p->tries = 1;
	pend_send(p);
}

/* Add the locators of a referral set not in p's set yet (to be asked). */
static void pend_extend(struct pend *p, const struct addr *loc, unsigned n)
{
	unsigned i, j;

	for (i = 0; i < n && p->n < LISP_DDT_MAX_CHILD; i++) {
		for (j = 0; j < p->n && !addr_eq(&p->loc[j], &loc[i]); j++)
			;
		if (j == p->n) {
			p->done[p->n] = false;
			p->loc[p->n++] = loc[i];
		}
	}
}

/* Follow a referral set (the roots: last NULL). */
static void pend_follow(struct pend *p, const struct prefix *last, bool from_cache,
			const struct addr *loc, unsigned n)
{
	p->last_len = last ? (int)last->len : -1;
	if (last)
		p->last = *last;
	p->from_cache = from_cache;
	p->not_auth = false;		/* this set's own answers decide */
	p->n = n > LISP_DDT_MAX_CHILD ? LISP_DDT_MAX_CHILD : n;
	memcpy(p->loc, loc, p->n * sizeof(loc[0]));
	memset(p->done, 0, sizeof(p->done));
	pend_next(p);
}

static void pend_timer(void *arg)
{
	struct pend *p = arg;
	struct ddt_mr *m = p->m;

	if (p->acked) {			/* the ITR got its Map-Reply */
		pend_release(p);
		return;
	}
	m->st.timeouts++;
	if (p->tries < LISP_DDT_TRIES) {
		p->tries++;
		m->st.retransmits++;
		pend_send(p);
		return;
	}
	rc_mark_down(m, p, &p->loc[p->cur]);
	p->done[p->cur] = true;
	pend_next(p);
}

static struct pend *pend_find(struct ddt_mr *m, uint64_t nonce)
{
	uint16_t i;

	for (i = m->pend ? m->hash[pend_bucket(nonce)] : 0; i; i = m->pend[i - 1].hnext)
		if (m->pend[i - 1].nonce == nonce)
			return &m->pend[i - 1];
	return NULL;
}

/* The oldest MS-ACK'd request (there is one: n_acked). */
static struct pend *pend_oldest_acked(struct ddt_mr *m)
{
	struct pend *best = NULL;
	size_t i;

	while (m->ackq_n) {
		unsigned k = m->ackq_head;
		struct pend *p = &m->pend[m->ackq[k]];

		m->ackq_head = (k + 1) % ACKQ_MAX;
		m->ackq_n--;
		if (p->used && p->acked && p->acked_seq == m->ackq_seq[k])
			return p;
	}
	for (i = 0; i < LISP_DDT_PENDING_MAX; i++)	/* the queue overflowed */
		if (m->pend[i].acked && (!best || m->pend[i].acked_seq < best->acked_seq))
			best = &m->pend[i];
	return best;
}

/*
 * The ITR asked again, with the nonce of a request a Map-Server MS-ACK'd:
 * no Map-Reply reached it, so the Map-Server (or its ETR) failed it; the
 * next Map-Server of the set is asked (not the roots).  Sooner than
 * LISP_DDT_ACKED_MIN_MS after the ack (its Map-Reply may be on its way),
 * or with no other Map-Server left, the same one is asked again, as a
 * resolver without that state would.
 */
static void pend_ack_retry(struct pend *p)
{
	struct ddt_mr *m = p->m;
	bool soon = lisp_now(m->l) - p->acked_at < LISP_DDT_ACKED_MIN_MS * MS_NS;

	ev_timer_cancel(p->timer);
	p->acked = false;
	m->n_acked--;
	if (soon || pend_pick(p) == p->n) {
		m->st.duplicates++;
		p->done[p->cur] = false;
		p->tries = 1;
		pend_send(p);
		return;
	}
	m->st.ack_retries++;
	pend_next(p);
}

bool lisp_ddt_mr_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len)
{
	struct ddt_mr *m = mr_get(l);
	struct rc_entry *e;
	struct pend *p = NULL;
	struct prefix q;
	struct addr eid;
	size_t i;
	char b1[PREFIX_STRLEN];

	if (!m || !m->n_roots || !(l->roles & LISP_ROLE_MR) || !ecm || ecm_len < 1 ||
	    (ecm[0] & 0x04))
		return false;		/* no resolver, or itself a DDT Map-Request */
	eid = req->records[0].eid.addr;
	if (eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6)
		return false;
	if (!req->records[0].eid.has_iid)
		eid.iid = 0;
	if (prefix_make(&q, &eid, req->records[0].mask_len) == -1)
		return false;
	m->st.requests_in++;
	if ((p = pend_find(m, req->nonce))) {
		if (p->acked)
			pend_ack_retry(p);
		else
			m->st.duplicates++;	/* an ITR's retransmission */
		return true;
	}
	e = rc_lookup(m, &q);
	if (e) {
		m->st.cache_hits++;
		e->hits++;
		if (e->action == LISP_REF_MS_NOT_REGISTERED ||
		    e->action == LISP_REF_DELEGATION_HOLE) {
			uint64_t left = e->expires - lisp_now(l);
			uint32_t ttl = (uint32_t)((left + 60 * S_NS - 1) / (60 * S_NS));

			negative_reply(m, ecm, ecm_len, reply_port, &e->p, ttl ? ttl : 1,
				       LISP_ACT_NATIVE_FWD);
			return true;
		}
	}
	if (!m->pend) {
		if (!(m->pend = calloc(LISP_DDT_PENDING_MAX, sizeof(*m->pend)))) {
			m->st.pending_full++;
			return true;
		}
		for (i = 0; i < LISP_DDT_PENDING_MAX; i++)
			m->free_idx[i] = (uint16_t)(LISP_DDT_PENDING_MAX - 1 - i);
		m->n_free = LISP_DDT_PENDING_MAX;
	}
	if (!m->n_free && m->n_acked) {	/* full: the oldest answered request */
		pend_release(pend_oldest_acked(m));	/* kept for its ITR makes room */
		m->st.acked_released++;
	}
	if (!m->n_free) {
		m->st.pending_full++;
		log_debug(DEBUG_LISP_CONTROL, "LISP: DDT pending table full, %s not resolved",
			  prefix_fmt(&q, b1, sizeof(b1)));
		return true;
	}
	i = m->free_idx[m->n_free - 1];
	p = &m->pend[i];
	memset(p, 0, sizeof(*p));
	p->m = m;
	if (!(p->ecm = malloc(ecm_len)) ||
	    !(p->timer = ev_timer_new(router_loop(l->r), pend_timer, p))) {
		free(p->ecm);
		memset(p, 0, sizeof(*p));
		m->st.pending_full++;
		return true;
	}
	m->n_free--;
	p->used = true;
	m->n_pend++;
	memcpy(p->ecm, ecm, ecm_len);
	p->ecm_len = ecm_len;
	p->nonce = req->nonce;
	p->hnext = m->hash[pend_bucket(p->nonce)];
	m->hash[pend_bucket(p->nonce)] = (uint16_t)(i + 1);
	p->eid = q;
	p->reply_port = reply_port;
	if (e) {
		pend_follow(p, &e->p, true, e->loc, e->n);
	} else {
		p->root_walked = true;
		pend_follow(p, NULL, false, m->roots, m->n_roots);
	}
	return true;
}

/* The usable referral locators of a record (R set; all when none is). */
static unsigned referral_locs(const struct lisp_record *r, struct addr *out)
{
	unsigned i, n = 0, pass;

	for (pass = 0; pass < 2 && n == 0; pass++)
		for (i = 0; i < r->loc_count && n < LISP_DDT_MAX_CHILD; i++) {
			const struct addr *a = &r->locs[i].rloc.addr;

			if ((a->afi != AFI_IPV4 && a->afi != AFI_IPV6) ||
			    (pass == 0 && !r->locs[i].reachable))
				continue;
			out[n] = *a;
			out[n].iid = 0;
			n++;
		}
	return n;
}

bool lisp_ddt_mr_referral(struct lisp *l, const struct addr *from,
			  const struct lisp_map_referral *mref)
{
	struct ddt_mr *m = mr_get(l);
	const struct lisp_referral_record *rr;
	struct addr locs[LISP_DDT_MAX_CHILD], src = *from, ra;
	struct prefix rp;
	struct pend *p;
	unsigned act, i, n;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	if (!m || !m->n_roots)
		return false;
	src.iid = 0;
	if (!(p = pend_find(m, mref->nonce)) || p->acked || mref->record_count < 1) {
		m->st.referrals_bad++;	/* late (answered, given up) or forged */
		return true;
	}
	for (i = 0; i < p->n && !addr_eq(&p->loc[i], &src); i++)
		;
	if (i == p->n) {
		m->st.referrals_bad++;	/* not from a locator we asked */
		return true;
	}
	rr = &mref->records[0];
	act = rr->rec.action;
	ra = rr->rec.eid.eid.addr;
	if (!rr->rec.eid.eid.has_iid)
		ra.iid = 0;
	if ((ra.afi != AFI_IPV4 && ra.afi != AFI_IPV6) ||
	    prefix_make(&rp, &ra, rr->rec.eid.mask_len) == -1 ||
	    act > LISP_REF_NOT_AUTHORITATIVE ||
	    (act != LISP_REF_NOT_AUTHORITATIVE && !prefix_covers(&rp, &p->eid))) {
		m->st.referrals_bad++;
		return true;
	}
	m->st.referrals_in[act]++;
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT Map-Referral %s for %s from %s",
		  lisp_referral_action_str(act), prefix_fmt(&rp, b1, sizeof(b1)),
		  addr_fmt(&src, b2, sizeof(b2)));
	ev_timer_cancel(p->timer);
	switch (act) {
	case LISP_REF_NODE_REFERRAL:
	case LISP_REF_MS_REFERRAL:
		if (p->last_len >= 0 && (int)rp.len <= p->last_len) {
			m->st.loops++;	/* no more specific than the last: a loop */
			log_debug(DEBUG_LISP_CONTROL, "LISP: DDT referral loop at %s", b1);
			pend_error(p);
			break;
		}
		if (++p->depth > LISP_DDT_MAX_DEPTH) {
			m->st.too_deep++;
			pend_error(p);
			break;
		}
		if (!(n = referral_locs(&rr->rec, locs))) {
			/* a referral to nobody: that locator is no help */
			p->done[i] = true;
			pend_next(p);
			break;
		}
		if (!rr->incomplete)
			rc_add(m, &rp, act, rr->rec.ttl, locs, n);
		pend_follow(p, &rp, false, locs, n);
		break;
	case LISP_REF_MS_ACK:
		/*
		 * Done: the Map-Server forwards the request to an ETR (or
		 * proxy-answers).  A complete referral set (every Map-Server
		 * of the prefix, RFC 8111 section 6) is cached for its TTL:
		 * later requests go straight to it, and one that gets no
		 * answer moves on to the set's next Map-Server.  The request
		 * stays LISP_DDT_ACKED_MS for the ITR's retransmission.
		 */
		m->st.resolved++;
		n = referral_locs(&rr->rec, locs);
		if (!rr->incomplete && n)
			rc_add(m, &rp, act, rr->rec.ttl, locs, n);
		p->cur = i;
		p->done[i] = true;
		pend_extend(p, locs, rr->incomplete ? 0 : n);
		p->acked = true;
		p->acked_at = lisp_now(l);
		p->acked_seq = ++m->ack_seq;
		if (m->ackq_n == ACKQ_MAX) {	/* the oldest is found by a scan then */
			m->ackq_head = (m->ackq_head + 1) % ACKQ_MAX;
			m->ackq_n--;
		}
		m->ackq[(m->ackq_head + m->ackq_n) % ACKQ_MAX] = (uint16_t)(p - m->pend);
		m->ackq_seq[(m->ackq_head + m->ackq_n) % ACKQ_MAX] = p->acked_seq;
		m->ackq_n++;
		m->n_acked++;
		ev_timer_arm(p->timer, LISP_DDT_ACKED_MS * MS_NS);
		break;
	case LISP_REF_MS_NOT_REGISTERED:
		/*
		 * This Map-Server has no registration; its peers (the
		 * referral's set, the set asked) may have one: each is
		 * asked before the negative Map-Reply (pend_exhausted).
		 */
		if (!p->have_notreg) {
			p->have_notreg = true;
			p->notreg = rp;
			p->notreg_ttl = rr->rec.ttl;
			p->notreg_incomplete = rr->incomplete;
		}
		p->done[i] = true;
		if (!rr->incomplete && (n = referral_locs(&rr->rec, locs)))
			pend_extend(p, locs, n);
		if (pend_pick(p) < p->n)
			m->st.peer_retries++;
		pend_next(p);
		break;
	case LISP_REF_DELEGATION_HOLE:
		if (!rr->incomplete)
			rc_add(m, &rp, act, rr->rec.ttl, NULL, 0);
		negative_reply(m, p->ecm, p->ecm_len, p->reply_port, &rp,
			       rr->rec.ttl ? rr->rec.ttl : 1, LISP_ACT_NATIVE_FWD);
		pend_release(p);
		break;
	case LISP_REF_NOT_AUTHORITATIVE:
		/* the referral that sent us here is stale or wrong: the
		 * next resolution starts higher up */
		if (p->last_len >= 0)
			rc_remove(m, &p->last);
		p->not_auth = true;
		p->done[i] = true;
		pend_next(p);
		break;
	}
	return true;
}

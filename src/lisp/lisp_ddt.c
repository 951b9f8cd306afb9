/*
 * DOC: the LISP-DDT node and the Map-Server as DDT leaf (RFC 8111)
 *
 * A DDT Map-Request is an ECM with the D bit, from a DDT Map-Resolver; the
 * Map-Referral goes back to the ECM's outer source address and UDP source
 * port (the resolver's: the inner header is the ITR's, kept for the ETR's
 * answer), with the request's nonce.  The answer, first match wins:
 *
 *   a configured site of ours (Map-Server)   -> MS-ACK, 1440 min (naming
 *                                               us and our map-server-peers
 *                                               when it has any, else none
 *                                               and incomplete), and the
 *                                               request goes on to the ETR or
 *                                               is proxy-answered as usual;
 *                                               MS-NOT-REGISTERED, 1 min,
 *                                               when no ETR registered it;
 *   a delegated prefix                       -> NODE-REFERRAL (child DDT
 *                                               nodes) or MS-REFERRAL
 *                                               (Map-Servers), 1440 min;
 *   inside an authoritative prefix           -> DELEGATION-HOLE, 15 min, for
 *                                               the least-specific prefix
 *                                               holding the EID and no
 *                                               delegation or site prefix;
 *   anything else                            -> NOT-AUTHORITATIVE, TTL 0,
 *                                               incomplete, A clear.
 *
 * The configuration is small and bounded (lisp_ddt.h), so lookups are
 * linear scans.  Referrals carry no signature (no DDT security).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lisp_ddt.h"
#include "lisp_int.h"
#include "log.h"

struct lisp_ddt {
	bool enabled;
	struct prefix auth[LISP_DDT_MAX_AUTH];
	unsigned n_auth;
	struct lisp_ddt_deleg_info deleg[LISP_DDT_MAX_DELEG];
	unsigned n_deleg;
	struct lisp_ddt_peer_info peers[LISP_DDT_MAX_PEERS];	/* 'map-server-peer' */
	unsigned n_peers;
	struct lisp_ddt_stats st;
	struct ddt_mr *mr;			/* lisp_ddt_mr.c: 'ddt root' */
};

static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

void lisp_ddt_free(struct lisp *l)
{
	if (l->ddt)
		lisp_ddt_mr_free(l->ddt->mr);
	free(l->ddt);
	l->ddt = NULL;
}

struct ddt_mr **lisp_ddt_mr_slot(struct lisp *l, bool create)
{
	if (!l->ddt && (!create || !(l->ddt = calloc(1, sizeof(*l->ddt)))))
		return NULL;
	return &l->ddt->mr;
}

bool lisp_ddt_enabled(const struct lisp *l)
{
	return l->ddt && l->ddt->enabled;
}

int lisp_ddt_set(struct lisp *l, bool on, char *err, size_t errlen)
{
	struct ddt_mr *mr;

	if (!on) {
		/* the node's settings; the resolver's roots stay */
		if (l->ddt && l->ddt->mr) {
			mr = l->ddt->mr;
			memset(l->ddt, 0, sizeof(*l->ddt));
			l->ddt->mr = mr;
		} else {
			lisp_ddt_free(l);
		}
		return 0;
	}
	if (!l->ddt && !(l->ddt = calloc(1, sizeof(*l->ddt))))
		return fail(err, errlen, "% Out of memory");
	l->ddt->enabled = true;
	return 0;
}

static int check_prefix(const struct lisp *l, const struct prefix *p, char *err, size_t errlen)
{
	if (!lisp_ddt_enabled(l))
		return fail(err, errlen, "% DDT is not enabled: configure 'ddt' first");
	if (p->addr.afi != AFI_IPV4 && p->addr.afi != AFI_IPV6)
		return fail(err, errlen, "% EID prefix must be IPv4 or IPv6");
	return 0;
}

static int auth_find(const struct lisp_ddt *d, const struct prefix *p)
{
	unsigned i;

	for (i = 0; i < d->n_auth; i++)
		if (prefix_eq(&d->auth[i], p))
			return (int)i;
	return -1;
}

int lisp_ddt_auth_add(struct lisp *l, const struct prefix *p, char *err, size_t errlen)
{
	struct lisp_ddt *d = l->ddt;

	if (check_prefix(l, p, err, errlen) == -1)
		return -1;
	if (auth_find(d, p) >= 0)
		return 0;
	if (d->n_auth >= LISP_DDT_MAX_AUTH)
		return fail(err, errlen, "% Too many DDT authoritative prefixes");
	d->auth[d->n_auth++] = *p;
	return 0;
}

/* Is p inside one of the authoritative prefixes (other than skip)? */
static bool in_auth(const struct lisp_ddt *d, const struct prefix *p, int skip)
{
	unsigned i;

	for (i = 0; i < d->n_auth; i++)
		if ((int)i != skip && prefix_covers(&d->auth[i], p))
			return true;
	return false;
}

int lisp_ddt_auth_del(struct lisp *l, const struct prefix *p, char *err, size_t errlen)
{
	struct lisp_ddt *d = l->ddt;
	int i;
	unsigned j;

	if (check_prefix(l, p, err, errlen) == -1)
		return -1;
	if ((i = auth_find(d, p)) < 0)
		return fail(err, errlen, "% No such DDT authoritative prefix");
	for (j = 0; j < d->n_deleg; j++)
		if (prefix_covers(p, &d->deleg[j].prefix) && !in_auth(d, &d->deleg[j].prefix, i))
			return fail(err, errlen, "% Delegations remain under this prefix: "
				    "remove them first");
	for (j = 0; j < d->n_peers; j++)
		if (!d->peers[j].any && prefix_covers(p, &d->peers[j].prefix) &&
		    !in_auth(d, &d->peers[j].prefix, i))
			return fail(err, errlen, "% Map-server peers remain under this prefix: "
				    "remove them first");
	memmove(&d->auth[i], &d->auth[i + 1], (d->n_auth - (unsigned)i - 1) * sizeof(d->auth[0]));
	d->n_auth--;
	return 0;
}

static struct lisp_ddt_deleg_info *deleg_find(struct lisp_ddt *d, const struct prefix *p)
{
	unsigned i;

	for (i = 0; i < d->n_deleg; i++)
		if (prefix_eq(&d->deleg[i].prefix, p))
			return &d->deleg[i];
	return NULL;
}

int lisp_ddt_delegate_add(struct lisp *l, const struct addr *child, const struct prefix *p,
			  bool map_server, char *err, size_t errlen)
{
	struct lisp_ddt_deleg_info *g;
	struct lisp_ddt *d = l->ddt;
	unsigned i;

	if (check_prefix(l, p, err, errlen) == -1)
		return -1;
	if (child->afi != AFI_IPV4 && child->afi != AFI_IPV6)
		return fail(err, errlen, "% The child locator must be an IPv4 or IPv6 address");
	if (!in_auth(d, p, -1))
		return fail(err, errlen, "% EID prefix is not inside a DDT authoritative prefix");
	if (!(g = deleg_find(d, p))) {
		if (d->n_deleg >= LISP_DDT_MAX_DELEG)
			return fail(err, errlen, "% Too many DDT delegations");
		g = &d->deleg[d->n_deleg++];
		memset(g, 0, sizeof(*g));
		g->prefix = *p;
		g->map_server = map_server;
	} else if (g->map_server != map_server) {
		return fail(err, errlen, map_server ?
			    "% EID prefix is delegated to DDT nodes, not Map-Servers" :
			    "% EID prefix is delegated to Map-Servers, not DDT nodes");
	}
	for (i = 0; i < g->n; i++)
		if (addr_eq(&g->child[i], child))
			return 0;
	if (g->n >= LISP_DDT_MAX_CHILD)
		return fail(err, errlen, "% Too many delegates for this EID prefix");
	g->child[g->n] = *child;
	g->child[g->n].iid = 0;
	g->n++;
	return 0;
}

int lisp_ddt_delegate_del(struct lisp *l, const struct addr *child, const struct prefix *p,
			  char *err, size_t errlen)
{
	struct lisp_ddt_deleg_info *g;
	struct lisp_ddt *d = l->ddt;
	unsigned i;

	if (check_prefix(l, p, err, errlen) == -1)
		return -1;
	if (!(g = deleg_find(d, p)))
		return fail(err, errlen, "% No such delegation");
	for (i = 0; i < g->n && !addr_eq(&g->child[i], child); i++)
		;
	if (i == g->n)
		return fail(err, errlen, "% No such delegation");
	memmove(&g->child[i], &g->child[i + 1], (g->n - i - 1) * sizeof(g->child[0]));
	if (--g->n == 0) {
		i = (unsigned)(g - d->deleg);
		memmove(&d->deleg[i], &d->deleg[i + 1], (d->n_deleg - i - 1) * sizeof(d->deleg[0]));
		d->n_deleg--;
	}
	return 0;
}

static int peer_find(const struct lisp_ddt *d, const struct addr *a, const struct prefix *p)
{
	unsigned i;

	for (i = 0; i < d->n_peers; i++)
		if (addr_eq(&d->peers[i].addr, a) && d->peers[i].any == !p &&
		    (!p || prefix_eq(&d->peers[i].prefix, p)))
			return (int)i;
	return -1;
}

static int peer_check(const struct lisp *l, const struct addr *a, const struct prefix *p,
		      char *err, size_t errlen)
{
	if (!lisp_ddt_enabled(l))
		return fail(err, errlen, "% DDT is not enabled: configure 'ddt' first");
	if (p && check_prefix(l, p, err, errlen) == -1)
		return -1;
	if (a->afi != AFI_IPV4 && a->afi != AFI_IPV6)
		return fail(err, errlen, "% The peer locator must be an IPv4 or IPv6 address");
	return 0;
}

int lisp_ddt_peer_add(struct lisp *l, const struct addr *a, const struct prefix *p,
		      char *err, size_t errlen)
{
	struct lisp_ddt *d = l->ddt;
	struct lisp_ddt_peer_info *e;

	if (peer_check(l, a, p, err, errlen) == -1)
		return -1;
	if (p && !in_auth(d, p, -1))
		return fail(err, errlen, "% EID prefix is not inside a DDT authoritative prefix");
	if (peer_find(d, a, p) >= 0)
		return 0;
	if (d->n_peers >= LISP_DDT_MAX_PEERS)
		return fail(err, errlen, "% Too many map-server peers");
	e = &d->peers[d->n_peers++];
	memset(e, 0, sizeof(*e));
	e->addr = *a;
	e->addr.iid = 0;
	e->any = !p;
	if (p)
		e->prefix = *p;
	return 0;
}

int lisp_ddt_peer_del(struct lisp *l, const struct addr *a, const struct prefix *p,
		      char *err, size_t errlen)
{
	struct lisp_ddt *d = l->ddt;
	int i;

	if (peer_check(l, a, p, err, errlen) == -1)
		return -1;
	if ((i = peer_find(d, a, p)) < 0)
		return fail(err, errlen, "% No such map-server peer");
	memmove(&d->peers[i], &d->peers[i + 1],
		(d->n_peers - (unsigned)i - 1) * sizeof(d->peers[0]));
	d->n_peers--;
	return 0;
}

int lisp_ddt_peer_foreach(struct lisp *l,
			  int (*fn)(const struct lisp_ddt_peer_info *p, void *arg), void *arg)
{
	unsigned i;
	int rc;

	for (i = 0; l->ddt && i < l->ddt->n_peers; i++)
		if ((rc = fn(&l->ddt->peers[i], arg)))
			return rc;
	return 0;
}

int lisp_ddt_auth_foreach(struct lisp *l, int (*fn)(const struct prefix *p, void *arg),
			  void *arg)
{
	unsigned i;
	int rc;

	for (i = 0; l->ddt && i < l->ddt->n_auth; i++)
		if ((rc = fn(&l->ddt->auth[i], arg)))
			return rc;
	return 0;
}

int lisp_ddt_delegate_foreach(struct lisp *l,
			      int (*fn)(const struct lisp_ddt_deleg_info *d, void *arg),
			      void *arg)
{
	unsigned i;
	int rc;

	for (i = 0; l->ddt && i < l->ddt->n_deleg; i++)
		if ((rc = fn(&l->ddt->deleg[i], arg)))
			return rc;
	return 0;
}

void lisp_ddt_get_stats(const struct lisp *l, struct lisp_ddt_stats *out)
{
	if (l->ddt)
		*out = l->ddt->st;
	else
		memset(out, 0, sizeof(*out));
}

void lisp_ddt_clear_stats(struct lisp *l)
{
	if (l->ddt)
		memset(&l->ddt->st, 0, sizeof(l->ddt->st));
}

/* ---------------------------------------------------------------- answering */

/* Does any delegation lie inside c (it would then not be a hole)? */
static bool deleg_inside(const struct lisp_ddt *d, const struct prefix *c)
{
	unsigned i;

	for (i = 0; i < d->n_deleg; i++)
		if (prefix_covers(c, &d->deleg[i].prefix))
			return true;
	return false;
}

/*
 * The least-specific prefix holding q's address, inside auth, with no
 * delegation in it, and no shorter than floor (the site registry's own
 * negative prefix on a Map-Server).
 */
static void hole_prefix(const struct lisp_ddt *d, const struct prefix *auth,
			const struct prefix *q, unsigned floor, struct prefix *out)
{
	unsigned len = auth->len > floor ? auth->len : floor;
	unsigned max = addr_bits(q->addr.afi);

	for (; len < max; len++) {
		prefix_make(out, &q->addr, len);
		if (!deleg_inside(d, out))
			return;
	}
	prefix_make(out, &q->addr, max);
}

static void send_referral(struct lisp *l, const struct lisp_map_request *req,
			  const struct addr *from, const struct addr *to, uint16_t sport,
			  unsigned act, const struct prefix *p,
			  const struct lisp_ddt_deleg_info *g)
{
	struct lisp_map_referral mr;
	struct lisp_referral_record rr;
	struct lisp_locator locs[LISP_DDT_MAX_CHILD];
	uint8_t out[512];
	ssize_t n;
	unsigned i;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	memset(&mr, 0, sizeof(mr));
	memset(&rr, 0, sizeof(rr));
	memset(locs, 0, sizeof(locs));
	rr.rec.action = (uint8_t)act;
	rr.rec.authoritative = act != LISP_REF_NOT_AUTHORITATIVE;
	/* RFC 8111 section 6: a Map-Server's MS-ACK or MS-NOT-REGISTERED that
	 * names no Map-Server set is incomplete (not to be cached as one) */
	rr.incomplete = act == LISP_REF_NOT_AUTHORITATIVE ||
			((act == LISP_REF_MS_ACK || act == LISP_REF_MS_NOT_REGISTERED) && !g);
	rr.rec.ttl = act == LISP_REF_MS_NOT_REGISTERED ? LISP_DDT_TTL_NOT_REG :
		     act == LISP_REF_DELEGATION_HOLE ? LISP_DDT_TTL_HOLE :
		     act == LISP_REF_NOT_AUTHORITATIVE ? 0 : LISP_DDT_TTL_REFERRAL;
	rr.rec.eid.eid.addr = p->addr;
	rr.rec.eid.eid.has_iid = p->addr.iid != 0;
	rr.rec.eid.mask_len = p->len;
	for (i = 0; g && i < g->n; i++) {
		locs[i].mpriority = 255;
		locs[i].reachable = true;
		locs[i].rloc.addr = g->child[i];
	}
	rr.rec.loc_count = g ? (uint8_t)g->n : 0;
	rr.rec.locs = locs;
	mr.nonce = req->nonce;
	mr.record_count = 1;
	mr.records = &rr;
	n = lisp_map_referral_encode(&mr, out, sizeof(out));
	log_debug(DEBUG_LISP_CONTROL, "LISP: DDT Map-Referral %s for %s to %s",
		  lisp_referral_action_str(act), prefix_fmt(p, b1, sizeof(b1)),
		  addr_fmt(from, b2, sizeof(b2)));
	if (n > 0 && lisp_send_udp(l, to, LISP_CONTROL_PORT, from, sport, out, (size_t)n) == 0)
		l->ddt->st.referrals_out[act]++;
	else
		l->ddt->st.send_failed++;
}

/*
 * The Map-Servers authoritative for site prefix p (MS-ACK and
 * MS-NOT-REGISTERED): us (the address the request came to), then the
 * map-server-peers for p; none when we have no peer for it.
 */
static const struct lisp_ddt_deleg_info *ms_set(const struct lisp_ddt *d, const struct addr *self,
						const struct prefix *p,
						struct lisp_ddt_deleg_info *set)
{
	unsigned i, j, base;

	memset(set, 0, sizeof(*set));
	set->prefix = *p;
	set->map_server = true;
	if (self && (self->afi == AFI_IPV4 || self->afi == AFI_IPV6)) {
		set->child[set->n] = *self;
		set->child[set->n++].iid = 0;
	}
	base = set->n;
	for (i = 0; i < d->n_peers && set->n < LISP_DDT_MAX_CHILD; i++) {
		if (!d->peers[i].any && !prefix_covers(&d->peers[i].prefix, p))
			continue;
		for (j = 0; j < set->n && !addr_eq(&set->child[j], &d->peers[i].addr); j++)
			;
		if (j == set->n)
			set->child[set->n++] = d->peers[i].addr;
	}
	return set->n > base ? set : NULL;
}

bool lisp_ddt_map_request(struct lisp *l, const struct lisp_map_request *req,
			  const struct addr *from, const struct addr *to, uint16_t sport,
			  uint16_t port, const uint8_t *ecm, size_t ecm_len)
{
	struct lisp_ddt *d = l->ddt;
	const struct lisp_ddt_deleg_info *best = NULL;
	struct lisp_ddt_deleg_info set;
	const struct prefix *auth = NULL;
	struct prefix q, p;
	struct addr eid;
	unsigned i, floor = 0;
	int site;

	if (!lisp_ddt_enabled(l))
		return false;
	eid = req->records[0].eid.addr;
	if (eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6)
		return false;
	if (!req->records[0].eid.has_iid)
		eid.iid = 0;
	if (prefix_make(&q, &eid, req->records[0].mask_len) == -1)
		return false;
	d->st.requests_in++;
	if (l->roles & LISP_ROLE_MS) {
		site = lisp_ms_ddt_lookup(l, &q, &p);
		if (site == 2) {
			uint8_t *copy = malloc(ecm_len);

			send_referral(l, req, from, to, sport, LISP_REF_MS_ACK, &p, ms_set(d, to, &p, &set));
			if (copy) {
				/* on to the ETR as a plain ECM: the D bit was for us */
				memcpy(copy, ecm, ecm_len);
				copy[0] &= (uint8_t)~0x04;
				lisp_ms_map_request(l, req, port, copy, ecm_len);
				free(copy);
			}
			return true;
		}
		if (site == 1) {
			send_referral(l, req, from, to, sport, LISP_REF_MS_NOT_REGISTERED, &p,
				      ms_set(d, to, &p, &set));
			return true;
		}
		floor = p.len;
	}
	for (i = 0; i < d->n_deleg; i++)
		if (prefix_covers(&d->deleg[i].prefix, &q) &&
		    (!best || d->deleg[i].prefix.len > best->prefix.len))
			best = &d->deleg[i];
	if (best) {
		send_referral(l, req, from, to, sport, best->map_server ? LISP_REF_MS_REFERRAL :
			      LISP_REF_NODE_REFERRAL, &best->prefix, best);
		return true;
	}
	for (i = 0; i < d->n_auth; i++)
		if (prefix_covers(&d->auth[i], &q) && (!auth || d->auth[i].len > auth->len))
			auth = &d->auth[i];
	if (auth) {
		hole_prefix(d, auth, &q, floor, &p);
		send_referral(l, req, from, to, sport, LISP_REF_DELEGATION_HOLE, &p, NULL);
		return true;
	}
	send_referral(l, req, from, to, sport, LISP_REF_NOT_AUTHORITATIVE, &q, NULL);
	return true;
}

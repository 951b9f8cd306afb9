/*
 * DOC: the Map-Server and Map-Resolver
 *
 * The site registry is one LPM table of struct site_eid: the configured
 * EID prefixes of every site, and the more-specifics registered under an
 * accept-more-specifics prefix ("dynamic" entries, removed when their
 * registration lapses).  A Map-Register record is accepted only for a
 * configured prefix (or a more-specific when allowed), only when the
 * whole message verifies with that site's key (algorithm 0 never does),
 * and only with locators from the site's allowed-locator list when it
 * has one; each refusal is counted on the site.  A registration lives
 * 180 s after its last valid refresh (RFC 9301 section 8.2; the T bit is
 * not honoured yet).  The Map-Notify goes from the address the register
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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (head != l->reg_head)
		reg_rearm(l);
	if (!se->configured) {
		lpm_delete(l->registry, &se->prefix);
		se_free(se);
	}
}

/* Remove an entry from the registry altogether. */
static void se_remove(struct lisp *l, struct site_eid *se)
{
	struct site_eid *head = l->reg_head;

	reg_unlink(l, se);
	if (head != l->reg_head)
		reg_rearm(l);
	lpm_delete(l->registry, &se->prefix);
	se_free(se);
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
		log_debug(DEBUG_LISP_CONTROL, "LISP: MS registration for %s in site %s expired",
			  prefix_fmt(&se->prefix, b, sizeof(b)), se->site->name);
		se_unregister(l, se);
	}
	reg_rearm(l);
}

static struct site_eid *se_new(struct lisp *l, struct site *s, const struct prefix *p)
{
	struct site_eid *se = calloc(1, sizeof(*se));

	if (!se)
		return NULL;
	se->l = l;
	se->site = s;
	se->prefix = *p;
	if (lpm_insert(l->registry, p, se, NULL) == -1) {
		se_free(se);
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
	while ((s = l->sites)) {
		l->sites = s->next;
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

	for (pp = &l->sites; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0)
			break;
	if (!(s = *pp))
		return fail(err, errlen, "% No such LISP site");
	memset(&c, 0, sizeof(c));
	c.site = s;
	lpm_walk(l->registry, AFI_NONE, se_collect_fn, &c);
	se_remove_collected(l, &c);
	*pp = s->next;
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
	if (p->addr.afi != AFI_IPV4 || p->len > 32)
		return fail(err, errlen, "% Only IPv4 EID prefixes are supported");
	se = lpm_exact(l->registry, p);
	if (se && se->configured && se->site != s) {
		if (err && errlen)
			snprintf(err, errlen, "%% EID prefix already configured in site %s",
				 se->site->name);
		return -1;
	}
	if (se && !se->configured) {
		/* A registered more-specific becomes configured in this site. */
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
	se = lpm_exact(l->registry, p);
	if (!se || !se->configured || se->site != s)
		return fail(err, errlen, "% EID prefix not configured in this site");
	memset(&c, 0, sizeof(c));
	c.parent = p;
	lpm_walk_covered(l->registry, p, se_collect_fn, &c);
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
	if (!addr_is_v4(a))
		return fail(err, errlen, "% Only IPv4 locators are supported");
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
		info.n_allowed = s->n_allowed;
		info.allowed = s->allowed;
		info.auth_failures = s->auth_failures;
		info.disallowed = s->disallowed;
		info.locator_mismatches = s->locator_mismatches;
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
	struct se_walk w = { site, fn, arg };

	return lpm_walk(l->registry, AFI_NONE, se_walk_fn, &w);
}

int lisp_site_eid_lookup(struct lisp *l, const struct addr *a, struct lisp_site_eid_info *out)
{
	struct site_eid *se = lpm_lookup(l->registry, a, NULL);

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
			if (r->locs[i].rloc.addr.afi == AFI_IPV4 &&
			    r->locs[i].rloc.addr.u.v4 == s->allowed[j].u.v4)
				break;
		if (j == s->n_allowed)
			return false;
	}
	return true;
}

/* The site a record belongs to, and its entry (NULL: a new more-specific). */
static struct site *record_site(struct lisp *l, const struct prefix *p,
				struct site_eid **target, struct prefix *parent)
{
	struct site_eid *se = lpm_exact(l->registry, p), *c;
	struct prefix m;

	*target = NULL;
	if (se && se->configured) {
		*target = se;
		return se->site;
	}
	if (se) {
		c = lpm_exact(l->registry, &se->parent);
		if (c && c->configured && c->accept_more) {
			*target = se;
			*parent = c->prefix;
			return c->site;
		}
		return NULL;
	}
	c = lpm_covering(l->registry, p, &m);
	if (c && !c->configured)
		c = lpm_exact(l->registry, &c->parent);
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

void lisp_ms_map_register(struct lisp *l, const uint8_t *ip, const struct addr *from,
			  const struct addr *to, uint16_t sport, const uint8_t *msg, size_t len)
{
	struct lisp_map_register reg, notify;
	struct lisp_record *acc = NULL;
	struct site *s, *ok_site = NULL, *bad_site = NULL;
	struct site_eid *se, *head;
	struct prefix p, parent;
	enum lisp_err e;
	unsigned i, j, n_acc = 0;
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
	acc = calloc(reg.record_count ? reg.record_count : 1, sizeof(*acc));
	if (!acc)
		goto done;
	for (i = 0; i < reg.record_count; i++) {
		const struct lisp_record *r = &reg.records[i];

		l->st.reg_in_records++;
		memset(&parent, 0, sizeof(parent));
		if (r->eid.eid.addr.afi != AFI_IPV4 ||
		    prefix_make(&p, &r->eid.eid.addr, r->eid.mask_len) == -1) {
			lisp_drop(l, LISP_DROP_REG_NO_SITE);
			continue;
		}
		p.addr.iid = 0;
		s = record_site(l, &p, &se, &parent);
		if (!s) {
			if (!parent.addr.afi)
				lisp_drop(l, LISP_DROP_REG_NO_SITE);
			continue;
		}
		if (s == bad_site)
			continue;
		if (s != ok_site) {
			if (!s->key[0] ||
			    lisp_auth_verify(msg, len, s->key, strlen(s->key)) != LISP_OK) {
				s->auth_failures++;
				lisp_drop(l, LISP_DROP_REG_AUTH);
				bad_site = s;
				continue;
			}
			ok_site = s;
		}
		if (!locators_allowed(s, r)) {
			s->locator_mismatches++;
			lisp_drop(l, LISP_DROP_REG_LOCATOR);
			continue;
		}
		if (!se) {
			if (r->ttl == 0)
				continue;
			if (!(se = se_new(l, s, &p)))
				continue;
			se->parent = parent;
		}
		acc[n_acc++] = *r;
		l->st.reg_accepted_records++;
		if (r->ttl == 0) {
			if (se->registered || !se->configured)
				se_unregister(l, se);	/* de-registration */
			continue;
		}
		head = l->reg_head;
		if (!se->registered)
			se->first = now;
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

			if (r->locs[j].rloc.addr.afi != AFI_IPV4)
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
			  prefix_fmt(&p, b1, sizeof(b1)), addr_fmt(from, b2, sizeof(b2)), s->name);
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
	lisp_map_register_free(&reg);
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
	rec.eid.mask_len = p->len;
	lisp_send_map_reply(l, req, port, &rec);
}

void lisp_ms_map_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len)
{
	struct addr eid = req->records[0].eid.addr;
	struct site_eid *se = NULL;
	struct lisp_record rec;
	struct lisp_locator locs[LISP_MAX_LOCATORS];
	struct prefix q, neg;
	unsigned i, n, pick;
	const struct lisp_reg_loc *cand[LISP_MAX_LOCATORS];
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	if (eid.afi != AFI_IPV4) {
		lisp_drop(l, LISP_DROP_REQ_NOT_OURS);
		return;
	}
	eid.iid = 0;
	if (prefix_make(&q, &eid, req->records[0].mask_len) == -1)
		return;
	if (l->roles & LISP_ROLE_MS)
		se = lpm_covering(l->registry, &q, NULL);
	if (se && se->registered && se->proxy) {
		memset(&rec, 0, sizeof(rec));
		memset(locs, 0, sizeof(locs));
		rec.ttl = se->ttl;
		rec.eid.eid.addr = se->prefix.addr;
		rec.eid.mask_len = se->prefix.len;
		for (i = 0; i < se->n_locs; i++) {
			locs[i].priority = se->locs[i].priority;
			locs[i].weight = se->locs[i].weight;
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
		pick = (unsigned)((eid.u.v4 * 2654435761u) >> 16) % n;
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
	if (lpm_negative(l->registry, &eid, &neg) == -1)
		prefix_make(&neg, &eid, 32);
	negative_reply(l, req, reply_port, &neg, LISP_NEGATIVE_TTL);
}

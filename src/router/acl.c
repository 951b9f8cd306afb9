/*
 * DOC: IPv4 and IPv6 access lists in the router; the contract is in acl.h
 *
 * The lists are a short linked list by name (configuration-sized); an
 * interface holds its lists' names and a pointer to each, resolved again
 * whenever a list is set or deleted, so the forwarding path never looks a
 * name up.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "log.h"
#include "router_int.h"
#include "timerange.h"

static void logc_free(struct router *r);

struct racl {
	struct racl *next;
	bool v6;
	char name[ACL_NAME_MAX];
	struct acl_rule *v;
	uint64_t *matches;
	unsigned n;
};

static struct racl *find(const struct router *r, bool v6, const char *name)
{
	for (struct racl *a = r->acls; a; a = a->next)
		if (a->v6 == v6 && !strcmp(a->name, name))
			return a;
	return NULL;
}

/* Every interface's pointers to its lists, after a list came or went. */
static void rebind(struct router *r)
{
	for (struct iface *ifp = r->ifaces; ifp; ifp = ifp->next)
		for (int d = 0; d < 2; d++) {
			ifp->acl[d] = ifp->acl_name[d][0] ? find(r, false, ifp->acl_name[d]) : NULL;
			ifp->acl6[d] = ifp->acl6_name[d][0] ? find(r, true, ifp->acl6_name[d]) : NULL;
		}
}

bool acl_rule_same_match(const struct acl_rule *x, const struct acl_rule *y)
{
	return x->permit == y->permit && x->addr == y->addr && x->wild == y->wild && x->dst == y->dst &&
	       x->dwild == y->dwild && x->proto == y->proto && x->sport_lo == y->sport_lo &&
	       x->sport_hi == y->sport_hi && x->dport_lo == y->dport_lo && x->dport_hi == y->dport_hi &&
	       x->sport_neq == y->sport_neq && x->dport_neq == y->dport_neq &&
	       x->established == y->established && x->icmp_type == y->icmp_type &&
	       x->icmp_code == y->icmp_code && x->l4 == y->l4 && x->fragments == y->fragments && x->v6 == y->v6 &&
	       x->dscp == y->dscp && x->prec == y->prec && x->tos == y->tos && x->tcp_on == y->tcp_on &&
	       x->tcp_off == y->tcp_off && x->tcp_any == y->tcp_any && x->ttl == y->ttl && x->ttl_neq == y->ttl_neq &&
	       x->ttl_lo == y->ttl_lo && x->ttl_hi == y->ttl_hi &&
	       x->src6_len == y->src6_len && x->dst6_len == y->dst6_len &&
	       !memcmp(x->src6, y->src6, 16) && !memcmp(x->dst6, y->dst6, 16) && !strcmp(x->trange, y->trange);
}

/* ------------------------------------------------------------ time ranges */

struct rtrange {
	char name[ACL_NAME_MAX];
	struct time_range t;
	bool active;
};

static int tr_find(const struct router *r, const char *name)
{
	for (unsigned i = 0; i < r->ntrs; i++)
		if (!strcmp(r->trs[i].name, name))
			return (int)i;
	return -1;
}

static void tr_bind(const struct router *r, struct acl_rule *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int k = v[i].trange[0] ? tr_find(r, v[i].trange) : -1;

		v[i].tr = !v[i].trange[0] ? -1 : k >= 0 ? k : -2;
	}
}

void router_time_ranges_eval(struct router *r, time_t now)
{
	for (unsigned i = 0; i < r->ntrs; i++)
		r->trs[i].active = time_range_active(&r->trs[i].t, now);
}

/* At the start of every minute, as IOS checks its ranges. */
static void tr_tick(void *arg)
{
	struct router *r = arg;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	router_time_ranges_eval(r, ts.tv_sec);
	if (r->ntrs)
		ev_timer_arm(r->tr_tick, (uint64_t)(60 - ts.tv_sec % 60) * NS_PER_SEC - (uint64_t)ts.tv_nsec +
					   NS_PER_SEC / 100);
}

int router_time_range_set(struct router *r, const char *name, const struct time_range *t)
{
	int k = tr_find(r, name);

	if (!t && k < 0)
		return 0;
	if (!t) {
		r->trs[k] = r->trs[--r->ntrs];
	} else if (k >= 0) {
		r->trs[k].t = *t;
	} else {
		struct rtrange *nv;

		if (strlen(name) >= ACL_NAME_MAX || !(nv = realloc(r->trs, (r->ntrs + 1) * sizeof(*nv))))
			return -1;
		r->trs = nv;
		k = (int)r->ntrs++;
		memset(&nv[k], 0, sizeof(nv[k]));
		snprintf(nv[k].name, sizeof(nv[k].name), "%s", name);
		nv[k].t = *t;
	}
	for (struct racl *a = r->acls; a; a = a->next)
		tr_bind(r, a->v, a->n);
	if (!r->tr_tick && r->ev)
		r->tr_tick = ev_timer_new(r->ev, tr_tick, r);
	if (r->tr_tick)
		tr_tick(r);	/* the states now, and the next minute's tick */
	return 0;
}

int router_time_range_state(const struct router *r, const char *name)
{
	int k = tr_find(r, name);

	return k < 0 ? -1 : r->trs[k].active;
}

int router_acl_set(struct router *r, bool v6, const char *name, const struct acl_rule *v, unsigned n)
{
	struct racl *a = find(r, v6, name);
	struct acl_rule *nv = n ? malloc(n * sizeof(*nv)) : NULL;
	uint64_t *nm = n ? calloc(n, sizeof(*nm)) : NULL;
	bool fresh = !a;

	if (n && (!nv || !nm))
		goto oom;
	if (fresh) {
		if (strlen(name) >= ACL_NAME_MAX || !(a = calloc(1, sizeof(*a))))
			goto oom;
		snprintf(a->name, sizeof(a->name), "%s", name);
		a->v6 = v6;
	}
	/* A rule that stays alike keeps its count: both lists are in
	 * sequence order, so one pass pairs them (a list of thousands of
	 * rules, pasted a rule at a time, stays linear per rule). */
	for (unsigned i = 0, k = 0; i < n; i++) {
		nv[i] = v[i];
		while (k < a->n && a->v[k].seq < v[i].seq)
			k++;
		/* The rules of one entry (object groups make several) pair
		 * in order. */
		if (k < a->n && a->v[k].seq == v[i].seq && acl_rule_same_match(&a->v[k], &v[i]))
			nm[i] = a->matches[k++];
	}
	tr_bind(r, nv, n);
	free(a->v);
	free(a->matches);
	a->v = nv;
	a->matches = nm;
	a->n = n;
	if (fresh) {
		a->next = r->acls;
		r->acls = a;
		rebind(r);
	}
	return 0;
oom:
	free(nv);
	free(nm);
	return -1;
}

static void racl_free(struct racl *a)
{
	free(a->v);
	free(a->matches);
	free(a);
}

void router_acl_del(struct router *r, bool v6, const char *name)
{
	for (struct racl **pp = &r->acls; *pp; pp = &(*pp)->next) {
		if ((*pp)->v6 == v6 && !strcmp((*pp)->name, name)) {
			struct racl *a = *pp;

			*pp = a->next;
			racl_free(a);
			rebind(r);
			return;
		}
	}
}

void router_acl_free_all(struct router *r)
{
	logc_free(r);
	ev_timer_free(r->tr_tick);
	r->tr_tick = NULL;
	free(r->trs);
	r->trs = NULL;
	r->ntrs = 0;
	while (r->acls) {
		struct racl *a = r->acls;

		r->acls = a->next;
		racl_free(a);
	}
}

void acl_rule_any(struct acl_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->wild = r->dwild = 0xffffffffu;
	r->proto = r->icmp_type = r->icmp_code = -1;
	r->dscp = r->prec = r->tos = -1;
	r->tr = -1;
	r->sport_hi = r->dport_hi = 65535;
}

void acl_pkt_of(const uint8_t *ip, size_t len, struct acl_pkt *p)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	uint16_t frag = (uint16_t)(ip[6] << 8 | ip[7]);
	const uint8_t *l4 = ip + hlen;

	memset(p, 0, sizeof(*p));
	p->src = (uint32_t)ip[12] << 24 | (uint32_t)ip[13] << 16 | (uint32_t)ip[14] << 8 | ip[15];
	p->dst = (uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 | (uint32_t)ip[18] << 8 | ip[19];
	p->proto = ip[9];
	p->tclass = ip[1];
	p->ttl = ip[8];
	if (frag & 0x1fff) {
		p->frag = true;	/* a non-initial fragment: no layer 4 */
		return;
	}
	if ((p->proto == 6 && len >= hlen + 14) || (p->proto == 17 && len >= hlen + 4)) {
		p->sport = (uint16_t)(l4[0] << 8 | l4[1]);
		p->dport = (uint16_t)(l4[2] << 8 | l4[3]);
		if (p->proto == 6)
			p->tcp_flags = l4[13];
		p->l4 = true;
	} else if (p->proto == 1 && len >= hlen + 2) {
		p->icmp_type = l4[0];
		p->icmp_code = l4[1];
		p->l4 = true;
	} else if (p->proto != 6 && p->proto != 17 && p->proto != 1) {
		p->l4 = true;	/* nothing a rule asks of it */
	}
}

void acl_pkt_of6(const uint8_t *ip, size_t len, struct acl_pkt *p)
{
	size_t off = 40;
	uint8_t nxt = ip[6];

	memset(p, 0, sizeof(*p));
	p->v6 = true;
	p->tclass = (uint8_t)((ip[0] & 0x0f) << 4 | ip[1] >> 4);
	p->ttl = ip[7];
	memcpy(p->src6, ip + 8, 16);
	memcpy(p->dst6, ip + 24, 16);
	for (int hops = 0;; hops++) {
		p->proto = nxt;
		if (nxt != 0 && nxt != 43 && nxt != 44 && nxt != 60 && nxt != 51)
			break;
		if (hops == 8 || off + 8 > len)
			return;		/* cut short, or too many: no layer 4 */
		if (nxt == 44) {
			if ((ip[off + 2] << 8 | ip[off + 3]) & 0xfff8) {
				p->proto = ip[off];
				p->frag = true;	/* a non-initial fragment */
				return;
			}
			nxt = ip[off];
			off += 8;
		} else {
			size_t hl = nxt == 51 ? (ip[off + 1] + 2u) * 4u : (ip[off + 1] + 1u) * 8u;

			nxt = ip[off];
			off += hl;
		}
	}
	if ((nxt == 6 && len >= off + 14) || (nxt == 17 && len >= off + 4)) {
		p->sport = (uint16_t)(ip[off] << 8 | ip[off + 1]);
		p->dport = (uint16_t)(ip[off + 2] << 8 | ip[off + 3]);
		if (nxt == 6)
			p->tcp_flags = ip[off + 13];
		p->l4 = true;
	} else if (nxt == 58 && len >= off + 2) {
		p->icmp_type = ip[off];
		p->icmp_code = ip[off + 1];
		p->l4 = true;
	} else if (nxt != 6 && nxt != 17 && nxt != 58) {
		p->l4 = true;
	}
}

static bool port_ok(uint16_t port, uint16_t lo, uint16_t hi, bool neq)
{
	return neq ? port != lo : port >= lo && port <= hi;
}

/* Do the first plen bits of a and b agree? */
static bool prefix_has(const uint8_t *pfx, unsigned plen, const uint8_t *a)
{
	unsigned bytes = plen / 8, bits = plen % 8;

	if (memcmp(pfx, a, bytes))
		return false;
	return !bits || !((pfx[bytes] ^ a[bytes]) & (uint8_t)(0xff << (8 - bits)));
}

static bool rule_matches(const struct acl_rule *e, const struct acl_pkt *p)
{
	if (e->v6 != p->v6)
		return false;
	if (p->v6 ? !prefix_has(e->src6, e->src6_len, p->src6) || !prefix_has(e->dst6, e->dst6_len, p->dst6)
		  : (p->src & ~e->wild) != e->addr || (p->dst & ~e->dwild) != e->dst)
		return false;
	if (e->proto >= 0 && e->proto != p->proto)
		return false;
	if ((e->dscp >= 0 && e->dscp != p->tclass >> 2) || (e->prec >= 0 && e->prec != p->tclass >> 5) ||
	    (e->tos >= 0 && e->tos != ((p->tclass >> 1) & 0x0f)))
		return false;
	if (e->ttl && !port_ok(p->ttl, e->ttl_lo, e->ttl_hi, e->ttl_neq))
		return false;
	if (e->fragments)
		return p->frag;
	if (!e->l4)
		return true;
	if (!p->l4)
		return false;	/* the conditions ask what the packet lacks */
	if (p->proto == 6 || p->proto == 17) {
		if (!port_ok(p->sport, e->sport_lo, e->sport_hi, e->sport_neq) ||
		    !port_ok(p->dport, e->dport_lo, e->dport_hi, e->dport_neq))
			return false;
		if (e->established && !(p->tcp_flags & 0x14))	/* ACK or RST */
			return false;
		if ((e->tcp_on | e->tcp_off) &&
		    !(e->tcp_any ? (p->tcp_flags & e->tcp_on) || (~p->tcp_flags & e->tcp_off)
				 : (p->tcp_flags & e->tcp_on) == e->tcp_on && !(p->tcp_flags & e->tcp_off)))
			return false;
	}
	if (p->proto == (p->v6 ? 58 : 1) && ((e->icmp_type >= 0 && e->icmp_type != p->icmp_type) ||
					     (e->icmp_code >= 0 && e->icmp_code != p->icmp_code)))
		return false;
	return true;
}

/* ------------------------------------------------------------ logging */

#define ACL_LOG_BUCKETS		256
#define ACL_LOG_INTERVAL	(300 * NS_PER_SEC)	/* IOS: a flow's line every 5 minutes */
#define ACL_LOG_TICK		(10 * NS_PER_SEC)

/* A flow a 'log' rule matched: what its lines say, and how many packets
 * came since the last one. */
struct acl_flow {
	struct acl_flow *next;
	char list[ACL_NAME_MAX];
	unsigned seq;
	bool permit, std;
	struct acl_pkt k;	/* the fields the lines show (the rest zero) */
	bool input;		/* a 'log-input' rule's: in_if, smac */
	char in_if[IFACE_NAMELEN];
	uint8_t smac[6];	/* all zero: none */
	uint64_t count;		/* packets not yet in a line */
	uint64_t since;		/* the start of this interval */
};

struct acl_logc {
	struct acl_flow *b[ACL_LOG_BUCKETS];
	unsigned n;
	uint64_t overflow;	/* packets logged on their own: the cache was full */
	struct evtimer *tick;
};

/* The fields of p a flow is told apart by: a standard list's source only. */
static void flow_key(const struct acl_rule *e, const struct acl_pkt *p, struct acl_pkt *k)
{
	memset(k, 0, sizeof(*k));
	k->v6 = p->v6;
	k->src = p->src;
	memcpy(k->src6, p->src6, 16);
	if (e->std)
		return;
	k->dst = p->dst;
	memcpy(k->dst6, p->dst6, 16);
	k->proto = p->proto;
	k->l4 = p->l4;
	if (p->proto == 6 || p->proto == 17) {
		k->sport = p->sport;
		k->dport = p->dport;
	} else if (p->proto == (p->v6 ? 58 : 1)) {
		k->icmp_type = p->icmp_type;
		k->icmp_code = p->icmp_code;
	}
}

/* A 'log-input' rule's flow is told apart by where the packet came from
 * too: the interface's name (LISP0 for what LISP decapsulated), its
 * Ethernet source. */
static void flow_input(const struct acl_rule *e, const struct acl_pkt *p, char *in_if, uint8_t smac[6])
{
	memset(in_if, 0, IFACE_NAMELEN);
	memset(smac, 0, 6);
	if (!e->log_input)
		return;
	snprintf(in_if, IFACE_NAMELEN, "%s", p->decap ? "LISP0" : p->in ? iface_name(p->in) : "");
	if (p->smac && !p->decap)
		memcpy(smac, p->smac, 6);
}

static unsigned flow_hash(const char *list, unsigned seq, const struct acl_pkt *k, const char *in_if,
			  const uint8_t *smac)
{
	uint32_t h = 2166136261u;
	const uint8_t *q = (const uint8_t *)k;

	for (; *list; list++)
		h = (h ^ (uint8_t)*list) * 16777619u;
	h = (h ^ seq) * 16777619u;
	for (size_t i = 0; i < sizeof(*k); i++)
		h = (h ^ q[i]) * 16777619u;
	for (; *in_if; in_if++)
		h = (h ^ (uint8_t)*in_if) * 16777619u;
	for (int i = 0; i < 6; i++)
		h = (h ^ smac[i]) * 16777619u;
	return h % ACL_LOG_BUCKETS;
}

/* An address as IOS writes it (IPv6 in capitals). */
static const char *addr_text(const struct acl_pkt *k, bool dst, char *b, size_t len)
{
	if (k->v6) {
		inet_ntop(AF_INET6, dst ? k->dst6 : k->src6, b, (socklen_t)len);
		for (char *c = b; *c; c++)
			if (*c >= 'a' && *c <= 'f')
				*c = (char)(*c - 'a' + 'A');
		return b;
	}
	struct in_addr ia = { .s_addr = htonl(dst ? k->dst : k->src) };

	return inet_ntop(AF_INET, &ia, b, (socklen_t)len);
}

/* One line for a flow: n packets (IOS's words and mnemonics); false when
 * the rate limit held it back (key: the rule's counter). */
static bool flow_line(const struct acl_flow *f, uint64_t n, const void *key)
{
	const struct acl_pkt *k = &f->k;
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN], list[ACL_NAME_MAX + 12], proto[8];
	const char *fac = k->v6 ? "IPV6_ACL" : "SEC", *act = f->permit ? "permitted" : "denied";
	const char *pl = n == 1 ? "" : "s";
	unsigned long long c = (unsigned long long)n;
	static const uint8_t zero[6];
	char in[IFACE_NAMELEN + 24] = "";

	if (f->input && memcmp(f->smac, zero, 6))
		snprintf(in, sizeof(in), " (%s %02x%02x.%02x%02x.%02x%02x)", f->in_if, f->smac[0], f->smac[1],
			 f->smac[2], f->smac[3], f->smac[4], f->smac[5]);
	else if (f->input && f->in_if[0])
		snprintf(in, sizeof(in), " (%s)", f->in_if);

	if (k->v6)
		snprintf(list, sizeof(list), "%s/%u", f->list, f->seq);
	else
		snprintf(list, sizeof(list), "%s", f->list);
	addr_text(k, false, s, sizeof(s));
	if (f->std)
		return log_event_rl(key, fac, LOG_INFO, "IPACCESSLOGS", "list %s %s %s %llu packet%s", list, act, s,
				    c, pl);
	addr_text(k, true, d, sizeof(d));
	if (k->proto == 6 || k->proto == 17)
		return log_event_rl(key, fac, LOG_INFO, k->v6 ? "ACCESSLOGP" : "IPACCESSLOGP",
				    "list %s %s %s %s(%u)%s -> %s(%u), %llu packet%s", list, act,
				    k->proto == 6 ? "tcp" : "udp", s, k->sport, in, d, k->dport, c, pl);
	if (k->proto == (k->v6 ? 58 : 1))
		return log_event_rl(key, fac, LOG_INFO, k->v6 ? "ACCESSLOGDP" : "IPACCESSLOGDP",
				    "list %s %s %s %s%s -> %s (%u/%u), %llu packet%s", list, act,
				    k->v6 ? "icmpv6" : "icmp", s, in, d, k->icmp_type, k->icmp_code, c, pl);
	snprintf(proto, sizeof(proto), "%d", k->proto);
	return log_event_rl(key, fac, LOG_INFO, k->v6 ? "ACCESSLOGNP" : "IPACCESSLOGNP",
			    "list %s %s %s %s%s -> %s, %llu packet%s", list, act, proto, s, in, d, c, pl);
}

/* Every ACL_LOG_TICK while flows are followed: a line for each flow whose
 * 5 minutes are up and that had packets (it goes on), the end of those
 * that had none. */
static void flow_tick(void *arg)
{
	struct router *r = arg;
	struct acl_logc *c = r->acl_log;
	uint64_t now = ev_now(r->ev);

	for (unsigned i = 0; i < ACL_LOG_BUCKETS; i++) {
		for (struct acl_flow **pp = &c->b[i]; *pp;) {
			struct acl_flow *f = *pp;

			if (now - f->since < ACL_LOG_INTERVAL) {
				pp = &f->next;
			} else if (f->count) {
				if (flow_line(f, f->count, f))
					f->count = 0;
				f->since = now;
				pp = &f->next;
			} else {
				*pp = f->next;
				free(f);
				c->n--;
			}
		}
	}
	if (c->n)
		ev_timer_arm(c->tick, ACL_LOG_TICK);
}

/* 'ip access-list logging interval MS': may a line be logged now (one
 * every MS at most; the line then counts as logged)? */
static bool log_gap(struct router *r)
{
	uint64_t now = ev_now(r->ev);

	if (!r->acl_log_interval_ms)
		return true;
	if (r->acl_log_last && now - r->acl_log_last < (uint64_t)r->acl_log_interval_ms * 1000000u)
		return false;
	r->acl_log_last = now;
	return true;
}

/* Rule e of list a matched p and has 'log'. */
static void log_match(struct router *r, const struct racl *a, const struct acl_rule *e, uint64_t *rl,
		      const struct acl_pkt *p)
{
	struct acl_logc *c = r->acl_log;
	struct acl_flow *f, tmp;
	struct acl_pkt k;
	char in_if[IFACE_NAMELEN];
	uint8_t smac[6];
	unsigned h;

	if (!c && (c = calloc(1, sizeof(*c))) && !(c->tick = ev_timer_new(r->ev, flow_tick, r))) {
		free(c);
		c = NULL;
	}
	r->acl_log = c;
	flow_key(e, p, &k);
	flow_input(e, p, in_if, smac);
	h = flow_hash(a->name, e->seq, &k, in_if, smac);
	for (f = c ? c->b[h] : NULL; f; f = f->next)
		if (f->seq == e->seq && !strcmp(f->list, a->name) && !memcmp(&f->k, &k, sizeof(k)) &&
		    f->input == e->log_input && !strcmp(f->in_if, in_if) && !memcmp(f->smac, smac, 6)) {
			/* With a threshold, its line once that many came (a
			 * line the rate limit holds back goes on counting). */
			if (++f->count >= r->acl_log_threshold && r->acl_log_threshold && log_gap(r) &&
			    flow_line(f, f->count, rl)) {
				f->count = 0;
				f->since = ev_now(r->ev);
			}
			return;
		}
	if (!c || c->n >= ACL_LOG_FLOWS || !(f = calloc(1, sizeof(*f)))) {
		/* Not followed: this packet on its own line. */
		if (c)
			c->overflow++;
		memset(&tmp, 0, sizeof(tmp));
		f = &tmp;
	} else {
		f->next = c->b[h];
		c->b[h] = f;
		c->n++;
		f->since = ev_now(r->ev);
		if (!ev_timer_armed(c->tick))
			ev_timer_arm(c->tick, ACL_LOG_TICK);
	}
	snprintf(f->list, sizeof(f->list), "%s", a->name);
	f->seq = e->seq;
	f->permit = e->permit;
	f->std = e->std;
	memcpy(&f->k, &k, sizeof(k));
	f->input = e->log_input;
	memcpy(f->in_if, in_if, sizeof(f->in_if));
	memcpy(f->smac, smac, 6);
	if ((!log_gap(r) || !flow_line(f, 1, rl)) && f != &tmp)
		f->count = 1;	/* held back: in the flow's next line */
}

void router_acl_log_threshold(struct router *r, uint32_t n)
{
	r->acl_log_threshold = n;
}

void router_acl_log_interval(struct router *r, uint32_t ms)
{
	r->acl_log_interval_ms = ms;
	r->acl_log_last = 0;
}

uint64_t router_acl_log_overflow(const struct router *r)
{
	return r->acl_log ? r->acl_log->overflow : 0;
}

static void logc_free(struct router *r)
{
	struct acl_logc *c = r->acl_log;

	if (!c)
		return;
	for (unsigned i = 0; i < ACL_LOG_BUCKETS; i++)
		while (c->b[i]) {
			struct acl_flow *f = c->b[i];

			c->b[i] = f->next;
			free(f);
		}
	ev_timer_free(c->tick);
	free(c);
	r->acl_log = NULL;
}

/* Is rule e in effect: no time range, or one in effect? */
static bool rule_in_effect(const struct router *r, const struct acl_rule *e)
{
	return e->tr == -1 || (e->tr >= 0 && r->trs[e->tr].active);
}

static bool racl_permits(struct router *r, struct racl *a, const struct acl_pkt *p)
{
	if (!a->n)
		return true;	/* no rule (remarks only): nothing to filter */
	for (unsigned i = 0; i < a->n; i++) {
		const struct acl_rule *e = &a->v[i];

		if (!rule_matches(e, p) || !rule_in_effect(r, e))
			continue;
		a->matches[i]++;
		if (e->log)
			log_match(r, a, e, &a->matches[i], p);
		return e->permit;
	}
	/* IPv6: the implicit 'permit icmp any any nd-na' and 'nd-ns'. */
	return p->v6 && p->proto == 58 && p->l4 && (p->icmp_type == 135 || p->icmp_type == 136);
}

bool router_acl_has_rules(const struct router *r, bool v6, const char *name)
{
	const struct racl *a = find(r, v6, name);

	return a && a->n;
}

bool router_acl_permits(struct router *r, const char *name, const struct acl_pkt *p)
{
	struct racl *l = name && *name ? find(r, p->v6, name) : NULL;

	return !l || racl_permits(r, l, p);
}

uint64_t router_acl_matches(const struct router *r, bool v6, const char *name, unsigned seq)
{
	const struct racl *a = find(r, v6, name);
	uint64_t m = 0;

	for (unsigned i = 0; a && i < a->n; i++)
		if (a->v[i].seq == seq)
			m += a->matches[i];	/* an entry's rules together */
	return m;
}

void router_acl_resequence(struct router *r, bool v6, const char *name, const unsigned *from, const unsigned *to,
			   unsigned n)
{
	struct racl *a = find(r, v6, name);

	/* Both in increasing order: one pass. */
	for (unsigned i = 0, k = 0; a && i < a->n; i++) {
		while (k < n && from[k] < a->v[i].seq)
			k++;
		if (k < n && from[k] == a->v[i].seq)
			a->v[i].seq = to[k];
	}
}

void router_acl_clear(struct router *r, bool v6, const char *name)
{
	for (struct racl *a = r->acls; a; a = a->next)
		if (a->v6 == v6 && (!name || !strcmp(a->name, name)) && a->n)
			memset(a->matches, 0, a->n * sizeof(*a->matches));
}

int iface_set_access_group(struct router *r, struct iface *ifp, bool v6, bool out, const char *name)
{
	char *n = v6 ? ifp->acl6_name[out] : ifp->acl_name[out];

	if (name && strlen(name) >= ACL_NAME_MAX)
		return -1;
	snprintf(n, ACL_NAME_MAX, "%s", name ? name : "");
	*(v6 ? &ifp->acl6[out] : &ifp->acl[out]) = n[0] ? find(r, v6, n) : NULL;
	return 0;
}

const char *iface_access_group(const struct iface *ifp, bool v6, bool out)
{
	return v6 ? ifp->acl6_name[out] : ifp->acl_name[out];
}

/* Where p came from, for 'log-input'. */
static void pkt_from(const struct router *r, const struct iface *in, struct acl_pkt *p)
{
	p->in = in;
	p->smac = r->cur_smac;
	p->decap = r->cur_decap;
}

bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, const struct iface *in, const uint8_t *ip,
		       size_t len)
{
	struct acl_pkt p;

	if (!ifp->acl[out])
		return true;
	acl_pkt_of(ip, len, &p);
	pkt_from(r, in, &p);
	return racl_permits(r, ifp->acl[out], &p);
}

bool acl_urpf_excepted(struct router *r, struct iface *ifp, bool v6, const uint8_t *ip, size_t len)
{
	const char *name = ifp->urpf_acl[v6];
	struct acl_pkt p;

	if (v6)
		acl_pkt_of6(ip, len, &p);
	else
		acl_pkt_of(ip, len, &p);
	if (!name[0] || !router_acl_has_rules(r, v6, name) || !router_acl_permits(r, name, &p)) {
		ifp->urpf_drops[v6]++;
		return false;
	}
	ifp->urpf_suppressed[v6]++;
	return true;
}

void router_set_debug_filter(struct router *r, bool v6, const char *name, bool detail)
{
	snprintf(r->dbg_acl[v6], sizeof(r->dbg_acl[v6]), "%s", name ? name : "");
	r->dbg_detail[v6] = detail;
}

const char *router_debug_filter(const struct router *r, bool v6, bool *detail)
{
	*detail = r->dbg_detail[v6];
	return r->dbg_acl[v6];
}

bool acl_debug_shows(struct router *r, bool v6, const uint8_t *ip, size_t len)
{
	const struct racl *a;
	struct acl_pkt p;

	if (!r->dbg_acl[v6][0])
		return true;
	if (!(a = find(r, v6, r->dbg_acl[v6])) || !a->n)
		return true;
	if (v6)
		acl_pkt_of6(ip, len, &p);
	else
		acl_pkt_of(ip, len, &p);
	for (unsigned i = 0; i < a->n; i++)
		if (rule_matches(&a->v[i], &p) && rule_in_effect(r, &a->v[i]))
			return a->v[i].permit;
	/* IPv6: the implicit ND permits, as racl_permits() */
	return v6 && p.proto == 58 && p.l4 && (p.icmp_type == 135 || p.icmp_type == 136);
}

void acl_debug_detail(const struct router *r, bool v6, const uint8_t *ip, size_t len, char *buf, size_t blen)
{
	const uint8_t *l4;
	struct acl_pkt p;
	unsigned hlen;

	buf[0] = '\0';
	if (!r->dbg_detail[v6])
		return;
	if (v6) {
		acl_pkt_of6(ip, len, &p);
		if (!p.l4 || (p.proto != 58 && p.proto != 6 && p.proto != 17))
			snprintf(buf, blen, "    %s %u", p.frag ? "fragment, prot" : "prot", (unsigned)p.proto);
		else if (p.proto == 58)
			snprintf(buf, blen, "    ICMPv6 type=%u, code=%u", p.icmp_type, p.icmp_code);
		else
			snprintf(buf, blen, "    %s src=%u, dst=%u", p.proto == 17 ? "UDP" : "TCP", p.sport, p.dport);
		return;
	}
	hlen = (ip[0] & 0x0f) * 4u;
	l4 = ip + hlen;
	acl_pkt_of(ip, len, &p);
	if (!p.l4 || (p.proto != 1 && p.proto != 6 && p.proto != 17))
		snprintf(buf, blen, "    %s %u", p.frag ? "fragment, proto" : "proto", (unsigned)p.proto);
	else if (p.proto == 1)
		snprintf(buf, blen, "    ICMP type=%u, code=%u", p.icmp_type, p.icmp_code);
	else if (p.proto == 17 || len < hlen + 20)
		snprintf(buf, blen, "    %s src=%u, dst=%u", p.proto == 17 ? "UDP" : "TCP", p.sport, p.dport);
	else
		snprintf(buf, blen, "    TCP src=%u, dst=%u, seq=%u, ack=%u, win=%u%s%s%s%s%s", p.sport, p.dport,
			 (unsigned)l4[4] << 24 | (unsigned)l4[5] << 16 | (unsigned)l4[6] << 8 | l4[7],
			 (unsigned)l4[8] << 24 | (unsigned)l4[9] << 16 | (unsigned)l4[10] << 8 | l4[11],
			 (unsigned)l4[14] << 8 | l4[15], p.tcp_flags & 0x10 ? " ACK" : "", p.tcp_flags & 0x08 ? " PSH" : "",
			 p.tcp_flags & 0x04 ? " RST" : "", p.tcp_flags & 0x02 ? " SYN" : "", p.tcp_flags & 0x01 ? " FIN" : "");
}

bool acl_iface_permits6(struct router *r, struct iface *ifp, bool out, const struct iface *in, const uint8_t *ip,
			size_t len)
{
	struct acl_pkt p;

	if (!ifp->acl6[out])
		return true;
	acl_pkt_of6(ip, len, &p);
	pkt_from(r, in, &p);
	return racl_permits(r, ifp->acl6[out], &p);
}

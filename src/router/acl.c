/*
 * DOC: standard IPv4 access lists in the router; the contract is in acl.h
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

struct racl {
	struct racl *next;
	char name[ACL_NAME_MAX];
	struct acl_rule *v;
	uint64_t *matches;
	unsigned n;
};

static struct racl *find(const struct router *r, const char *name)
{
	for (struct racl *a = r->acls; a; a = a->next)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* Every interface's pointers to its lists, after a list came or went. */
static void rebind(struct router *r)
{
	for (struct iface *ifp = r->ifaces; ifp; ifp = ifp->next)
		for (int d = 0; d < 2; d++)
			ifp->acl[d] = ifp->acl_name[d][0] ? find(r, ifp->acl_name[d]) : NULL;
}

bool acl_rule_same_match(const struct acl_rule *x, const struct acl_rule *y)
{
	return x->permit == y->permit && x->addr == y->addr && x->wild == y->wild && x->dst == y->dst &&
	       x->dwild == y->dwild && x->proto == y->proto && x->sport_lo == y->sport_lo &&
	       x->sport_hi == y->sport_hi && x->dport_lo == y->dport_lo && x->dport_hi == y->dport_hi &&
	       x->sport_neq == y->sport_neq && x->dport_neq == y->dport_neq &&
	       x->established == y->established && x->icmp_type == y->icmp_type &&
	       x->icmp_code == y->icmp_code && x->l4 == y->l4;
}

int router_acl_set(struct router *r, const char *name, const struct acl_rule *v, unsigned n)
{
	struct racl *a = find(r, name);
	struct acl_rule *nv = n ? malloc(n * sizeof(*nv)) : NULL;
	uint64_t *nm = n ? calloc(n, sizeof(*nm)) : NULL;
	bool fresh = !a;

	if (n && (!nv || !nm))
		goto oom;
	if (fresh) {
		if (strlen(name) >= ACL_NAME_MAX || !(a = calloc(1, sizeof(*a))))
			goto oom;
		snprintf(a->name, sizeof(a->name), "%s", name);
	}
	/* A rule that stays alike keeps its count: both lists are in
	 * sequence order, so one pass pairs them (a list of thousands of
	 * rules, pasted a rule at a time, stays linear per rule). */
	for (unsigned i = 0, k = 0; i < n; i++) {
		nv[i] = v[i];
		while (k < a->n && a->v[k].seq < v[i].seq)
			k++;
		if (k < a->n && a->v[k].seq == v[i].seq && acl_rule_same_match(&a->v[k], &v[i]))
			nm[i] = a->matches[k];
	}
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

void router_acl_del(struct router *r, const char *name)
{
	for (struct racl **pp = &r->acls; *pp; pp = &(*pp)->next) {
		if (!strcmp((*pp)->name, name)) {
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
	if (frag & 0x1fff)
		return;		/* a non-initial fragment: no layer 4 */
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

static bool port_ok(uint16_t port, uint16_t lo, uint16_t hi, bool neq)
{
	return neq ? port != lo : port >= lo && port <= hi;
}

static bool rule_matches(const struct acl_rule *e, const struct acl_pkt *p)
{
	if ((p->src & ~e->wild) != e->addr || (p->dst & ~e->dwild) != e->dst)
		return false;
	if (e->proto >= 0 && e->proto != p->proto)
		return false;
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
	}
	if (p->proto == 1 && ((e->icmp_type >= 0 && e->icmp_type != p->icmp_type) ||
			      (e->icmp_code >= 0 && e->icmp_code != p->icmp_code)))
		return false;
	return true;
}

static bool racl_permits(struct racl *a, const struct acl_pkt *p)
{
	if (!a->n)
		return true;	/* no rule (remarks only): nothing to filter */
	for (unsigned i = 0; i < a->n; i++) {
		const struct acl_rule *e = &a->v[i];

		if (!rule_matches(e, p))
			continue;
		a->matches[i]++;
		if (e->log) {
			struct in_addr ia = { .s_addr = htonl(p->src) };
			char b[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &ia, b, sizeof(b));
			log_event_rl(&a->matches[i], "SEC", LOG_INFO, "IPACCESSLOGS", "list %s %s %s 1 packet",
				     a->name, e->permit ? "permitted" : "denied", b);
		}
		return e->permit;
	}
	return false;
}

bool router_acl_permits(struct router *r, const char *name, const struct acl_pkt *p)
{
	struct racl *l = name && *name ? find(r, name) : NULL;

	return !l || racl_permits(l, p);
}

uint64_t router_acl_matches(const struct router *r, const char *name, unsigned seq)
{
	const struct racl *a = find(r, name);

	for (unsigned i = 0; a && i < a->n; i++)
		if (a->v[i].seq == seq)
			return a->matches[i];
	return 0;
}

void router_acl_clear(struct router *r, const char *name)
{
	for (struct racl *a = r->acls; a; a = a->next)
		if ((!name || !strcmp(a->name, name)) && a->n)
			memset(a->matches, 0, a->n * sizeof(*a->matches));
}

int iface_set_access_group(struct router *r, struct iface *ifp, bool out, const char *name)
{
	if (name && strlen(name) >= ACL_NAME_MAX)
		return -1;
	snprintf(ifp->acl_name[out], sizeof(ifp->acl_name[out]), "%s", name ? name : "");
	ifp->acl[out] = ifp->acl_name[out][0] ? find(r, ifp->acl_name[out]) : NULL;
	return 0;
}

const char *iface_access_group(const struct iface *ifp, bool out)
{
	return ifp->acl_name[out];
}

bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, const uint8_t *ip, size_t len)
{
	struct acl_pkt p;

	if (!ifp->acl[out])
		return true;
	acl_pkt_of(ip, len, &p);
	return racl_permits(ifp->acl[out], &p);
}

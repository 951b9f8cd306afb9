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
		if (k < a->n && a->v[k].seq == v[i].seq && a->v[k].addr == v[i].addr &&
		    a->v[k].wild == v[i].wild && a->v[k].permit == v[i].permit)
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

static bool racl_permits(struct racl *a, uint32_t src)
{
	if (!a->n)
		return true;	/* no rule (remarks only): nothing to filter */
	for (unsigned i = 0; i < a->n; i++) {
		const struct acl_rule *e = &a->v[i];

		if ((src & ~e->wild) != e->addr)
			continue;
		a->matches[i]++;
		if (e->log) {
			struct in_addr ia = { .s_addr = htonl(src) };
			char b[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &ia, b, sizeof(b));
			log_event_rl(&a->matches[i], "SEC", LOG_INFO, "IPACCESSLOGS", "list %s %s %s 1 packet",
				     a->name, e->permit ? "permitted" : "denied", b);
		}
		return e->permit;
	}
	return false;
}

bool router_acl_permits(struct router *r, const char *name, uint32_t a)
{
	struct racl *l = name && *name ? find(r, name) : NULL;

	return !l || racl_permits(l, a);
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

bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, uint32_t src)
{
	return !ifp->acl[out] || racl_permits(ifp->acl[out], ntohl(src));
}

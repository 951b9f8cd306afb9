/*
 * DOC: VRFs: names, ids, their configuration and interface binding
 *
 * The router keeps VRF_MAX slots; slot 0 is the default VRF, whose table
 * is r->fib.  Every other VRF owns its LPM table, rebuilt by fib_rebuild()
 * with the others (fib.c, fib6.c filter interfaces and static routes by
 * VRF).  Ids are the lowest free slot and stay while the VRF exists, so a
 * consumer may index an array by them.  The per-packet cost of VRFs is
 * the interface's vrf field and one slot load (rt_fib()).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "ipv6.h"
#include "lpm.h"
#include "router_int.h"

int vrf_init(struct router *r)
{
	if (!(r->vrfs = calloc(VRF_MAX, sizeof(*r->vrfs))) ||
	    !(r->vrf_fib = calloc(VRF_MAX, sizeof(*r->vrf_fib))) ||
	    !(r->vrfs[0] = calloc(1, sizeof(*r->vrfs[0])))) {
		free(r->vrfs);
		free(r->vrf_fib);
		r->vrfs = NULL;
		r->vrf_fib = NULL;
		return -1;
	}
	snprintf(r->vrfs[0]->name, sizeof(r->vrfs[0]->name), "default");
	r->vrfs[0]->af[VRF_AF_IPV4] = r->vrfs[0]->af[VRF_AF_IPV6] = true;
	return 0;
}

static void vrf_free(struct vrf *v)
{
	unsigned af, d, i;

	if (!v)
		return;
	for (af = 0; af < 2; af++)
		for (d = 0; d < 2; d++)
			for (i = 0; i < v->n_rt[af][d]; i++)
				free(v->rt[af][d][i]);
	free(v->desc);
	lpm_free(v->fib, free);
	free(v);
}

void vrf_fini(struct router *r)
{
	unsigned id;

	if (!r->vrfs)
		return;
	for (id = 0; id < VRF_MAX; id++)
		vrf_free(r->vrfs[id]);
	free(r->vrfs);
	free(r->vrf_fib);
	r->vrfs = NULL;
	r->vrf_fib = NULL;
	r->vrf_n = 0;
}

int vrf_lookup(const struct router *r, const char *name)
{
	unsigned id;
	size_t seen = 0;

	if (!name || !name[0] || strcmp(name, "default") == 0)
		return VRF_DEFAULT;
	for (id = 1; id < VRF_MAX && seen < r->vrf_n; id++)
		if (r->vrfs[id]) {
			if (strcmp(r->vrfs[id]->name, name) == 0)
				return (int)id;
			seen++;
		}
	return -1;
}

const char *vrf_name(const struct router *r, unsigned id)
{
	if (id >= VRF_MAX || !r->vrfs || !r->vrfs[id])
		return NULL;
	return r->vrfs[id]->name;
}

unsigned iface_vrf(const struct iface *ifp)
{
	return ifp->vrf;
}

uint64_t router_vrf_gen(const struct router *r)
{
	return r->vrf_gen;
}

size_t vrf_count(const struct router *r)
{
	return r->vrf_n;
}

static struct vrf *get(const struct router *r, unsigned id)
{
	return id < VRF_MAX && r->vrfs ? r->vrfs[id] : NULL;
}

/* IOS takes printable names without blanks, at most 32 characters. */
static bool name_ok(const char *name)
{
	const char *p;

	if (!name[0] || strlen(name) >= VRF_NAMELEN)
		return false;
	for (p = name; *p; p++)
		if (!isgraph((unsigned char)*p) || *p == '|')
			return false;
	return true;
}

int vrf_create(struct router *r, const char *name, bool classic, char *err, size_t errlen)
{
	struct vrf *v;
	unsigned id;
	int have = vrf_lookup(r, name);

	if (have > 0)
		return have;
	if (have == 0) {
		snprintf(err, errlen, "%% \"default\" is a reserved word, cannot be used as a vrf name");
		return -1;
	}
	if (!name_ok(name)) {
		snprintf(err, errlen, "%% Invalid VRF name (1-32 characters, no blanks)");
		return -1;
	}
	for (id = 1; id < VRF_MAX && r->vrfs[id]; id++)
		;
	if (id == VRF_MAX) {
		snprintf(err, errlen, "%% Cannot create VRF %s: the limit of %u VRFs is reached",
			 name, VRF_MAX - 1);
		return -1;
	}
	if (!(v = calloc(1, sizeof(*v))) || !(v->fib = lpm_new())) {
		free(v);
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	v->id = id;
	v->classic = classic;
	if (classic)
		v->af[VRF_AF_IPV4] = true;
	snprintf(v->name, sizeof(v->name), "%s", name);
	r->vrfs[id] = v;
	r->vrf_fib[id] = v->fib;
	r->vrf_n++;
	r->vrf_gen++;
	return (int)id;
}

static void unbind(struct router *r, struct iface *ifp)
{
	char msg[2 * 160];

	iface_set_vrf(r, ifp, VRF_DEFAULT, msg, sizeof(msg));
}

int vrf_delete(struct router *r, const char *name, char *err, size_t errlen)
{
	int id = vrf_lookup(r, name);
	struct iface *ifp;

	if (id <= 0) {
		snprintf(err, errlen, "%% No VRF named %s", name ? name : "");
		return -1;
	}
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->vrf == (unsigned)id)
			unbind(r, ifp);
	fib_static_drop_vrf(r, (unsigned)id);
	fib6_static_drop_vrf(r, (unsigned)id);
	r->vrf_fib[id] = NULL;
	vrf_free(r->vrfs[id]);
	r->vrfs[id] = NULL;
	r->vrf_n--;
	r->vrf_gen++;
	return 0;
}

/* ASN:nn or A.B.C.D:nn, as IOS takes rd and route-target values. */
static bool rd_ok(const char *s)
{
	const char *colon = strchr(s, ':');
	char a[20], *end;
	struct in_addr ia;
	unsigned long long x, y;

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(a) || !colon[1] ||
	    strchr(colon + 1, ':'))
		return false;
	memcpy(a, s, (size_t)(colon - s));
	a[colon - s] = '\0';
	if (!isdigit((unsigned char)colon[1]))
		return false;
	y = strtoull(colon + 1, &end, 10);
	if (*end || strlen(colon + 1) > 10)
		return false;
	if (strchr(a, '.'))
		return inet_pton(AF_INET, a, &ia) == 1 && y <= 0xffff;
	if (!isdigit((unsigned char)a[0]) || strlen(a) > 10)
		return false;
	x = strtoull(a, &end, 10);
	if (*end || x > 0xffffffffull)
		return false;
	/* 2-byte ASN with a 4-byte number, or 4-byte ASN with a 2-byte one. */
	return x <= 0xffff ? y <= 0xffffffffull : y <= 0xffff;
}

int vrf_set_rd(struct router *r, unsigned id, const char *rd, char *err, size_t errlen)
{
	struct vrf *v = get(r, id);

	if (!v || id == VRF_DEFAULT) {
		snprintf(err, errlen, "%% No such VRF");
		return -1;
	}
	if (!rd || !rd[0]) {
		v->rd[0] = '\0';
		return 0;
	}
	if (!rd_ok(rd) || strlen(rd) >= sizeof(v->rd)) {
		snprintf(err, errlen, "%% Invalid RD value %s (ASN:nn or IP-address:nn)", rd);
		return -1;
	}
	if (v->rd[0] && strcmp(v->rd, rd) != 0) {
		snprintf(err, errlen, "%% Do \"no rd\" first");
		return -1;
	}
	snprintf(v->rd, sizeof(v->rd), "%s", rd);
	return 0;
}

int vrf_set_description(struct router *r, unsigned id, const char *text)
{
	struct vrf *v = get(r, id);
	char *d = NULL;

	if (!v || id == VRF_DEFAULT)
		return -1;
	if (text && text[0] && !(d = strndup(text, VRF_DESCLEN - 1)))
		return -1;
	free(v->desc);
	v->desc = d;
	return 0;
}

int vrf_set_af(struct router *r, unsigned id, enum vrf_af af, bool on)
{
	struct vrf *v = get(r, id);
	unsigned d, i;

	if (!v || id == VRF_DEFAULT || (unsigned)af > VRF_AF_IPV6)
		return -1;
	v->af[af] = on;
	if (!on)
		for (d = 0; d < 2; d++) {
			for (i = 0; i < v->n_rt[af][d]; i++)
				free(v->rt[af][d][i]);
			v->n_rt[af][d] = 0;
		}
	return 0;
}

static int rt_one(struct vrf *v, unsigned af, unsigned d, const char *rt, bool del,
		  char *err, size_t errlen)
{
	unsigned i, n = v->n_rt[af][d];
	char *c;

	for (i = 0; i < n; i++)
		if (strcmp(v->rt[af][d][i], rt) == 0)
			break;
	if (del) {
		if (i == n)
			return 0;
		free(v->rt[af][d][i]);
		memmove(&v->rt[af][d][i], &v->rt[af][d][i + 1], (n - i - 1) * sizeof(char *));
		v->n_rt[af][d]--;
		return 0;
	}
	if (i < n)
		return 0;
	if (n == VRF_RT_MAX) {
		snprintf(err, errlen, "%% At most %u route-targets per direction", VRF_RT_MAX);
		return -1;
	}
	if (!(c = strdup(rt))) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	/* Kept in configuration order, as IOS prints them. */
	v->rt[af][d][n] = c;
	v->n_rt[af][d]++;
	return 0;
}

int vrf_route_target(struct router *r, unsigned id, enum vrf_af af, enum vrf_rt_dir dir,
		     const char *rt, bool del, char *err, size_t errlen)
{
	struct vrf *v = get(r, id);

	if (!v || id == VRF_DEFAULT || (unsigned)af > VRF_AF_IPV6) {
		snprintf(err, errlen, "%% No such VRF");
		return -1;
	}
	if (!rt || !rd_ok(rt) || strlen(rt) >= 32) {
		snprintf(err, errlen, "%% Invalid route-target %s (ASN:nn or IP-address:nn)",
			 rt ? rt : "");
		return -1;
	}
	if (dir != VRF_RT_EXPORT && rt_one(v, af, 0, rt, del, err, errlen) == -1)
		return -1;
	if (dir != VRF_RT_IMPORT && rt_one(v, af, 1, rt, del, err, errlen) == -1)
		return -1;
	return 0;
}

static void fill(const struct router *r, const struct vrf *v, struct vrf_info *o)
{
	const struct iface *ifp;
	unsigned af, d;

	memset(o, 0, sizeof(*o));
	o->id = v->id;
	o->name = v->name;
	o->rd = v->rd;
	o->description = v->desc ? v->desc : "";
	o->classic = v->classic;
	for (af = 0; af < 2; af++) {
		o->af[af] = v->af[af];
		for (d = 0; d < 2; d++) {
			o->n_rt[af][d] = v->n_rt[af][d];
			o->rt[af][d] = (const char *const *)v->rt[af][d];
		}
	}
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		o->n_ifaces += ifp->vrf == v->id;
}

bool vrf_get(struct router *r, unsigned id, struct vrf_info *out)
{
	struct vrf *v = get(r, id);

	if (!v)
		return false;
	fill(r, v, out);
	return true;
}

static int name_order(const void *a, const void *b)
{
	const struct vrf *x = *(struct vrf *const *)a;
	const struct vrf *y = *(struct vrf *const *)b;

	return strcmp(x->name, y->name);
}

int vrf_foreach(struct router *r, int (*fn)(const struct vrf_info *v, void *arg), void *arg)
{
	struct vrf **v;
	struct vrf_info info;
	size_t n = 0, i;
	unsigned id;
	int rc = 0;

	if (!r->vrf_n)
		return 0;
	if (!(v = calloc(r->vrf_n, sizeof(*v))))
		return -1;
	for (id = 1; id < VRF_MAX && n < r->vrf_n; id++)
		if (r->vrfs[id])
			v[n++] = r->vrfs[id];
	qsort(v, n, sizeof(*v), name_order);
	for (i = 0; i < n && rc == 0; i++) {
		fill(r, v[i], &info);
		rc = fn(&info, arg);
	}
	free(v);
	return rc;
}

static bool has_v6_config(const struct iface *ifp)
{
	unsigned i;

	if (ifp->v6.enable || ifp->v6.ll_manual)
		return true;
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used)
			return true;
	return false;
}

int iface_set_vrf(struct router *r, struct iface *ifp, unsigned vrf, char *msg, size_t msglen)
{
	const char *why = vrf == VRF_DEFAULT ? "disabling" : "enabling";
	const char *vname;
	size_t off = 0;
	unsigned was;
	bool inc;

	if (msglen)
		msg[0] = '\0';
	if (vrf != VRF_DEFAULT && !get(r, vrf)) {
		snprintf(msg, msglen, "%% VRF id %u not configured.", vrf);
		return -1;
	}
	if (ifp->vrf == vrf)
		return 0;
	if (ifp->null) {
		snprintf(msg, msglen, "%% Null0 cannot be put in a VRF");
		return -1;
	}
	vname = vrf_name(r, vrf == VRF_DEFAULT ? ifp->vrf : vrf);
	if (ifp->has_addr) {
		iface_clear_addr(r, ifp);
		if (off < msglen)
			off += (size_t)snprintf(msg + off, msglen - off,
				"%% Interface %s IPv4 disabled and address(es) removed due to %s VRF %s",
				ifp->name, why, vname);
	}
	if (has_v6_config(ifp)) {
		ifp->v6.enable = false;
		iface6_clear_addrs(r, ifp);
		if (off < msglen)
			off += (size_t)snprintf(msg + off, msglen - off,
				"%s%% Interface %s IPv6 disabled and address(es) removed due to %s VRF %s",
				off ? "\n" : "", ifp->name, why, vname);
	}
	arp_flush_iface(r, ifp);
	nd_flush_iface(r, ifp);
	/* Without its addresses the interface has no routes of its own: only
	 * a static route naming it can change, in either VRF (3,000 pasted
	 * loopbacks put in a VRF rebuilt both tables per line: 2.3 s); they
	 * are resolved again (fib_change_begin()), not the tables rebuilt. */
	inc = fib_vrf_has_statics(r, ifp->vrf) && fib_change_begin(r, ifp);
	was = ifp->vrf;
	ifp->vrf = vrf;
	r->vrf_gen++;
	if (fib_vrf_has_statics(r, was))
		fib_change_end(r, was, inc);
	if (fib_vrf_has_statics(r, vrf))
		fib_change_end(r, vrf, fib_change_begin(r, ifp));
	return 0;
}

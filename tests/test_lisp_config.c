/*
 * DOC: the LISP engine's configuration model: validation, defaults,
 * removal and the stable order the show commands and running-config read
 */
#include <stdlib.h>
#include <string.h>

#include "test_router_util.h"
#include "lisp.h"
#include "map_cache.h"

static struct trt T;
static struct lisp *Lx;
static char err[200];

static struct prefix P(const char *s)
{
	struct prefix p;

	CU_ASSERT_EQUAL_FATAL(prefix_parse(s, &p, err, sizeof(err)), 0);
	return p;
}

static struct addr A(const char *s)
{
	struct addr a;

	addr_set_v4(&a, ip4(s));
	return a;
}

static void up(void)
{
	trt_setup(&T);
	Lx = lisp_new(T.r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(Lx);
	err[0] = 0;
}

static void down(void)
{
	lisp_free(Lx);
	trt_teardown(&T);
}

static void test_defaults(void)
{
	up();
	CU_ASSERT_EQUAL(lisp_roles(Lx), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_limit(Lx), 1000);
	CU_ASSERT_EQUAL(lisp_etr_map_cache_ttl(Lx), 1440);
	CU_ASSERT_EQUAL(lisp_map_cache_count(Lx, NULL), 0);
	CU_ASSERT_EQUAL(lisp_set_map_cache_limit(Lx, 100001, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(err[0], '%');
	CU_ASSERT_EQUAL(lisp_set_map_cache_limit(Lx, 0, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_limit(Lx), 0);
	CU_ASSERT_EQUAL(lisp_set_map_cache_limit(Lx, -1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_limit(Lx), 1000);
	CU_ASSERT_EQUAL(lisp_set_etr_map_cache_ttl(Lx, 59, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_etr_map_cache_ttl(Lx, 10081, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_etr_map_cache_ttl(Lx, 60, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_etr_map_cache_ttl(Lx), 60);
	CU_ASSERT_EQUAL(lisp_set_etr_map_cache_ttl(Lx, -1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_etr_map_cache_ttl(Lx), 1440);
	CU_ASSERT_EQUAL(lisp_set_role(Lx, LISP_ROLE_PITR, true, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(err[0], '%');
	down();
}

static void test_roles_default_entry(void)
{
	struct lisp_mc_info e;
	struct addr x = A("8.8.8.8");
	struct prefix def = P("0.0.0.0/0");

	up();
	CU_ASSERT_EQUAL(lisp_set_role(Lx, LISP_ROLE_ITR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), 0);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC_SMR);
	CU_ASSERT_TRUE(e.negative);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_EQUAL(e.expires, 0);
	/* A configured 0/0 replaces it, and its removal brings it back. */
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &def, LISP_ACT_NATIVE_FWD, NULL, err,
						  sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), 0);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(lisp_map_cache_static_del(Lx, &def, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), 0);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC_SMR);
	CU_ASSERT_EQUAL(lisp_set_role(Lx, LISP_ROLE_ITR, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), -1);
	CU_ASSERT_EQUAL(lisp_set_role(Lx, LISP_ROLE_MS | LISP_ROLE_MR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_roles(Lx), LISP_ROLE_MS | LISP_ROLE_MR);
	down();
}

struct dbl {
	char s[8][64];
	int n;
};

static int db_fn(const struct lisp_db_info *d, void *arg)
{
	struct dbl *l = arg;
	char b[PREFIX_STRLEN], c[ADDR_STRLEN];

	snprintf(l->s[l->n++], 64, "%s %u %s %u/%u", prefix_fmt(&d->prefix, b, sizeof(b)),
		 d->n_locs, d->locs[0].addr.afi ? addr_fmt(&d->locs[0].addr, c, sizeof(c)) : "-",
		 d->locs[0].cfg.priority, d->locs[0].cfg.weight);
	return 0;
}

static void test_database(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p1 = P("192.168.2.0/24"), p2 = P("10.0.0.0/8");
	struct dbl l;

	up();
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.1.1");
	loc.priority = 1;
	loc.weight = 101;
	CU_ASSERT_EQUAL(lisp_db_add(Lx, &p1, &loc, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Weight must be between 0 and 100");
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(Lx, &p1, &loc, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	snprintf(loc.ifname, sizeof(loc.ifname), "Ethernet9");
	CU_ASSERT_EQUAL(lisp_db_add(Lx, &p2, &loc, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Interface Ethernet9 does not exist");
	snprintf(loc.ifname, sizeof(loc.ifname), "Ethernet1");
	loc.priority = 5;
	loc.weight = 50;
	CU_ASSERT_EQUAL(lisp_db_add(Lx, &p2, &loc, err, sizeof(err)), 0);
	memset(&l, 0, sizeof(l));
	lisp_db_foreach(Lx, db_fn, &l);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	CU_ASSERT_STRING_EQUAL(l.s[0], "10.0.0.0/8 1 10.0.2.1 5/50");	/* interface resolved */
	CU_ASSERT_STRING_EQUAL(l.s[1], "192.168.2.0/24 1 10.0.1.1 1/100");
	/* Same locator again: updated, not duplicated. */
	loc.priority = 7;
	CU_ASSERT_EQUAL(lisp_db_add(Lx, &p2, &loc, err, sizeof(err)), 0);
	memset(&l, 0, sizeof(l));
	lisp_db_foreach(Lx, db_fn, &l);
	CU_ASSERT_STRING_EQUAL(l.s[0], "10.0.0.0/8 1 10.0.2.1 7/50");
	CU_ASSERT_EQUAL(lisp_db_del(Lx, &p2, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_db_del(Lx, &p2, NULL, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_db_count(Lx), 1);
	down();
}

static int addr_fn(const struct addr *a, void *arg)
{
	char *s = arg, b[ADDR_STRLEN];

	strcat(s, addr_fmt(a, b, sizeof(b)));
	strcat(s, " ");
	return 0;
}

static int site_fn(const struct lisp_site_info *s, void *arg)
{
	strcat(arg, s->name);
	strcat(arg, " ");
	return 0;
}

static int ms_fn(const struct lisp_ms_info *m, void *arg)
{
	int *n = arg;

	n[0]++;
	n[1] = m->cfg.alg;
	return 0;
}

static int ms_alg(void)
{
	int n[2] = { 0, 0 };

	lisp_map_server_foreach(Lx, ms_fn, n);
	CU_ASSERT_EQUAL(n[0], 1);
	return n[1];
}

static void test_resolvers_sites(void)
{
	char s[256] = "";
	struct addr a = A("10.0.3.1"), b = A("10.0.9.1"), z = A("0.0.0.0");
	struct prefix p = P("192.168.1.0/24");
	struct lisp_ms_cfg ms;

	up();
	CU_ASSERT_EQUAL(lisp_map_resolver_add(Lx, &b, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(Lx, &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(Lx, &z, err, sizeof(err)), -1);
	lisp_map_resolver_foreach(Lx, addr_fn, s);
	CU_ASSERT_STRING_EQUAL(s, "10.0.9.1 10.0.3.1 ");	/* failover order */
	CU_ASSERT_EQUAL(lisp_map_resolver_del(Lx, &b, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_del(Lx, &b, err, sizeof(err)), -1);
	memset(&ms, 0, sizeof(ms));
	ms.addr = a;
	ms.alg = LISP_AUTH_HMAC_SHA1;
	CU_ASSERT_EQUAL(lisp_map_server_add(Lx, &ms, err, sizeof(err)), -1);	/* no key */
	snprintf(ms.key, sizeof(ms.key), "k");
	ms.alg = 7;
	CU_ASSERT_EQUAL(lisp_map_server_add(Lx, &ms, err, sizeof(err)), -1);
	ms.alg = 0;
	CU_ASSERT_EQUAL(lisp_map_server_add(Lx, &ms, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(ms_alg(), LISP_AUTH_HMAC_SHA1);		/* the default */
	ms.alg = LISP_AUTH_HMAC_SHA256;
	CU_ASSERT_EQUAL(lisp_map_server_add(Lx, &ms, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(ms_alg(), LISP_AUTH_HMAC_SHA256);	/* replaced, not added */
	CU_ASSERT_EQUAL(lisp_site_add(Lx, "zeta", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_add(Lx, "alpha", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_add(Lx, "bad name", err, sizeof(err)), -1);
	s[0] = 0;
	lisp_site_foreach(Lx, site_fn, s);
	CU_ASSERT_STRING_EQUAL(s, "alpha zeta ");
	CU_ASSERT_EQUAL(lisp_site_eid_add(Lx, "alpha", &p, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(Lx, "zeta", &p, false, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix already configured in site alpha");
	CU_ASSERT_EQUAL(lisp_site_set_key(Lx, "nosuch", "k", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_site_set_description(Lx, "alpha", "Site A", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_del(Lx, "alpha", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(Lx, "zeta", &p, true, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_site_exists(Lx, "alpha"));
	down();
}

static int static_fn(const struct lisp_static_info *s, void *arg)
{
	char b[PREFIX_STRLEN], *o = arg;

	strcat(o, prefix_fmt(&s->prefix, b, sizeof(b)));
	strcat(o, s->n_locs ? "+ " : "- ");
	return 0;
}

static int srcloc_fn(const char *ifn, const char *src, void *arg)
{
	strcat(arg, ifn);
	strcat(arg, "=");
	strcat(arg, src);
	strcat(arg, " ");
	return 0;
}

static void test_statics_and_sources(void)
{
	struct prefix p1 = P("172.16.0.0/16"), p2 = P("10.1.0.0/16");
	struct lisp_loc_cfg loc;
	struct lisp_mc_info e;
	struct addr x = A("172.16.1.1"), src = A("10.0.1.1");
	char s[256] = "";

	up();
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.2.20");
	loc.priority = 1;
	loc.weight = 50;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &p1, 0, &loc, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &p2, LISP_ACT_DROP, NULL, err,
						  sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &p2, 9, NULL, err, sizeof(err)), -1);
	lisp_map_cache_static_foreach(Lx, static_fn, s);
	CU_ASSERT_STRING_EQUAL(s, "10.1.0.0/16- 172.16.0.0/16+ ");
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), 0);
	CU_ASSERT_FALSE(e.negative);
	CU_ASSERT_EQUAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(e.expires, 0);
	/* No route to a locator: shown unusable. */
	loc.addr = A("99.9.9.9");
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &p1, 0, &loc, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), 0);
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 2);
	CU_ASSERT_EQUAL(e.locs[1].state, LISP_LOC_NO_ROUTE);
	CU_ASSERT_EQUAL(lisp_map_cache_static_del(Lx, &p1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(Lx, &x, &e), -1);
	s[0] = 0;
	CU_ASSERT_EQUAL(lisp_set_source_locator(Lx, "Ethernet1", "Loopback0", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_source_locator(Lx, "Ethernet0", "Loopback0", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_source_locator(Lx, "Ethernet7", "Loopback0", err, sizeof(err)), -1);
	lisp_source_locator_foreach(Lx, srcloc_fn, s);
	CU_ASSERT_STRING_EQUAL(s, "Ethernet0=Loopback0 Ethernet1=Loopback0 ");
	CU_ASSERT_EQUAL(lisp_set_source_locator(Lx, "Ethernet0", NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_map_request_source(Lx, &src, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(lisp_map_request_source(Lx, &x));
	CU_ASSERT_EQUAL(x.u.v4, src.u.v4);
	CU_ASSERT_EQUAL(lisp_set_map_request_source(Lx, NULL, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_map_request_source(Lx, &x));
	down();
}

/* The static entries stay in prefix order whatever order they come in,
 * through the shortcut (the walk starts at the entry added last when the
 * new one sorts after it): appended, put before it, the one added last
 * deleted, all deleted, added again, a second run. */
static int st_add(const char *pfx, unsigned action)
{
	struct prefix p = P(pfx);

	return lisp_map_cache_static_add(Lx, &p, action, NULL, err, sizeof(err));
}

static int st_del(const char *pfx)
{
	struct prefix p = P(pfx);

	return lisp_map_cache_static_del(Lx, &p, err, sizeof(err));
}

/* The static entries in list order, "P- " or "P+ " (with locators). */
/* The first entry a walk gives, into arg. */
static int st_first(const struct lisp_static_info *i, void *arg)
{
	*(struct prefix *)arg = i->prefix;
	return 1;
}

static const char *st_list(char *s)
{
	s[0] = 0;
	lisp_map_cache_static_foreach(Lx, static_fn, s);
	return s;
}

static void test_statics_order(void)
{
	static const char *const add[] = { "10.1.0.0/16", "10.3.0.0/16", "10.5.0.0/16", "10.4.0.0/16",
					   "10.9.0.0/16", "10.0.0.0/16" };
	struct lisp_loc_cfg loc;
	struct prefix p;
	char s[256];
	unsigned i;

	up();
	for (i = 0; i < sizeof(add) / sizeof(add[0]); i++)
		CU_ASSERT_EQUAL(st_add(add[i], LISP_ACT_DROP), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "10.0.0.0/16- 10.1.0.0/16- 10.3.0.0/16- 10.4.0.0/16- "
			       "10.5.0.0/16- 10.9.0.0/16- ");
	CU_ASSERT_EQUAL(st_del("10.9.0.0/16"), 0);
	CU_ASSERT_EQUAL(st_add("10.6.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_EQUAL(st_add("10.5.0.0/16", LISP_ACT_NATIVE_FWD), 0);
	CU_ASSERT_EQUAL(st_add("10.8.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "10.0.0.0/16- 10.1.0.0/16- 10.3.0.0/16- 10.4.0.0/16- "
			       "10.5.0.0/16- 10.6.0.0/16- 10.8.0.0/16- ");
	for (i = 0; i < sizeof(add) / sizeof(add[0]); i++)
		st_del(add[i]);
	CU_ASSERT_EQUAL(st_del("10.6.0.0/16"), 0);
	CU_ASSERT_EQUAL(st_del("10.8.0.0/16"), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "");
	CU_ASSERT_EQUAL(st_add("10.2.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_EQUAL(st_add("10.1.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_EQUAL(st_add("10.7.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "10.1.0.0/16- 10.2.0.0/16- 10.7.0.0/16- ");
	/* The last one again, with a locator: the same entry, not another. */
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.2.20");
	loc.priority = 1;
	loc.weight = 50;
	p = P("10.7.0.0/16");
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(Lx, &p, 0, &loc, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "10.1.0.0/16- 10.2.0.0/16- 10.7.0.0/16+ ");
	/* A second run in order, before the first one's end (as a replay
	 * adds IPv4 entries after IPv6 ones): each goes after the one added
	 * last. */
	CU_ASSERT_EQUAL(st_add("10.3.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_EQUAL(st_add("10.4.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_EQUAL(st_add("10.0.0.0/16", LISP_ACT_DROP), 0);
	CU_ASSERT_STRING_EQUAL(st_list(s), "10.0.0.0/16- 10.1.0.0/16- 10.2.0.0/16- 10.3.0.0/16- "
			       "10.4.0.0/16- 10.7.0.0/16+ ");
	/* The count by style (the writers skip a walk that prints nothing)
	 * follows adds, style changes and removals. */
	{
		struct lisp_inst *in = lisp_inst_find(Lx, 0);
		const unsigned both = LISP_AF_IPV4 | LISP_AF_IPV6;
		struct prefix got;
		char pb[PREFIX_STRLEN];

		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_NONE, both), 6);
		p = P("10.3.0.0/16");
		CU_ASSERT_EQUAL(lisp_map_cache_static_set_style(Lx, &p, LISP_STYLE_XE), 0);
		p = P("10.4.0.0/16");
		CU_ASSERT_EQUAL(lisp_map_cache_static_set_style(Lx, &p, LISP_STYLE_XE), 0);
		CU_ASSERT_EQUAL(lisp_map_cache_static_set_style(Lx, &p, LISP_STYLE_CLASSIC), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_NONE, both), 4);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_XE, both), 1);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_CLASSIC, both), 1);
		CU_ASSERT_EQUAL(st_del("10.3.0.0/16"), 0);
		CU_ASSERT_EQUAL(st_del("10.4.0.0/16"), 0);
		CU_ASSERT_EQUAL(st_del("10.3.0.0/16"), -1);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_XE, both), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_CLASSIC, both), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_NONE, both), 4);
		/* ... and by family. */
		CU_ASSERT_EQUAL(st_add("2001:db8:9::/48", LISP_ACT_DROP), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_NONE, LISP_AF_IPV6), 1);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_NONE, LISP_AF_IPV4), 4);
		p = P("2001:db8:9::/48");
		CU_ASSERT_EQUAL(lisp_map_cache_static_set_style(Lx, &p, LISP_STYLE_XE), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_XE, LISP_AF_IPV6), 1);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_XE, LISP_AF_IPV4), 0);
		CU_ASSERT_EQUAL(st_del("2001:db8:9::/48"), 0);
		CU_ASSERT_EQUAL(lisp_inst_static_count_style(in, LISP_STYLE_XE, both), 0);
		/* A walk resumed after an entry, there or removed meanwhile
		 * (the running-config's slices). */
		p = P("10.1.0.0/16");
		CU_ASSERT_EQUAL(lisp_inst_static_foreach_after(in, &p, st_first, &got), 1);
		CU_ASSERT_STRING_EQUAL(prefix_fmt(&got, pb, sizeof(pb)), "10.2.0.0/16");
		p = P("10.5.0.0/16");
		CU_ASSERT_EQUAL(lisp_inst_static_foreach_after(in, &p, st_first, &got), 1);
		CU_ASSERT_STRING_EQUAL(prefix_fmt(&got, pb, sizeof(pb)), "10.7.0.0/16");
		p = P("10.7.0.0/16");
		CU_ASSERT_EQUAL(lisp_inst_static_foreach_after(in, &p, st_first, &got), 0);
	}
	down();
}

/* The walk's prefixes, checked in order against want[] (n of them). */
struct order_chk {
	const uint32_t *want;
	size_t n, at;
	bool ok;
};

static int order_fn(const struct lisp_static_info *s, void *arg)
{
	struct order_chk *c = arg;

	if (c->at >= c->n || ntohl(s->prefix.addr.u.v4) != c->want[c->at])
		c->ok = false;
	c->at++;
	return 0;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* 5,000 entries added and half removed, both in random order (each found
 * by its prefix, not by a walk): the list stays in prefix order, the
 * removed ones are gone and cannot be removed again, the rest can. */
static void test_statics_random(void)
{
	enum { N = 5000 };
	static uint32_t all[N], kept[N];
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	struct order_chk c;
	struct prefix p;
	struct addr a;
	size_t nk = 0;
	unsigned i, k;

	up();
	for (i = 0; i < N; i++)
		all[i] = 0x0a000000u | i << 8;		/* 10.x.y.0/24 */
	for (i = N - 1; i > 0; i--) {			/* shuffled */
		uint32_t t;

		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		k = (unsigned)(seed % (i + 1));
		t = all[i], all[i] = all[k], all[k] = t;
	}
	for (i = 0; i < N; i++) {
		addr_set_v4(&a, htonl(all[i]));
		prefix_make(&p, &a, 24);
		CU_ASSERT_EQUAL_FATAL(lisp_map_cache_static_add(Lx, &p, LISP_ACT_DROP, NULL, err, sizeof(err)), 0);
	}
	for (i = 0; i < N; i++) {
		addr_set_v4(&a, htonl(all[i]));
		prefix_make(&p, &a, 24);
		if (i % 2)
			kept[nk++] = all[i];
		else
			CU_ASSERT_EQUAL(lisp_map_cache_static_del(Lx, &p, err, sizeof(err)), 0);
	}
	qsort(kept, nk, sizeof(kept[0]), u32_cmp);
	memset(&c, 0, sizeof(c));
	c.want = kept;
	c.n = nk;
	c.ok = true;
	lisp_map_cache_static_foreach(Lx, order_fn, &c);
	CU_ASSERT_TRUE(c.ok);
	CU_ASSERT_EQUAL(c.at, nk);
	for (i = 0; i < N; i++) {
		addr_set_v4(&a, htonl(all[i]));
		prefix_make(&p, &a, 24);
		CU_ASSERT_EQUAL(lisp_map_cache_static_del(Lx, &p, err, sizeof(err)), i % 2 ? 0 : -1);
	}
	c.at = 0;
	c.n = 0;
	lisp_map_cache_static_foreach(Lx, order_fn, &c);
	CU_ASSERT_EQUAL(c.at, 0);
	down();
}

/* The map-cache's expiry heap: 2000 entries of random TTLs each expire
 * in their own minute, never early, never late. */
static void test_cache_heap(void)
{
	struct map_cache *mc;
	struct mc_entry e;
	unsigned ttl[2000], i, m, alive;
	uint64_t seed = 88172645463325252ull;
	struct evloop *ev;

	up();
	ev = router_loop(T.r);
	mc = map_cache_new(Lx, ev, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mc);
	map_cache_set_limit(mc, 100000);
	for (i = 0; i < 2000; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		memset(&e, 0, sizeof(e));
		addr_set_v4(&e.prefix.addr, htonl(0x0b000000u | i << 8));
		e.prefix.len = 24;
		e.source = LISP_MC_MAP_REPLY;
		e.negative = true;
		e.action = LISP_ACT_NATIVE_FWD;
		e.ttl = ttl[i] = 1 + (unsigned)(seed % 50);
		CU_ASSERT_EQUAL_FATAL(map_cache_install(mc, &e), 0);
	}
	/* Removing some entries out of order keeps the heap sound. */
	for (i = 0; i < 2000; i += 7) {
		struct prefix p;

		addr_set_v4(&p.addr, htonl(0x0b000000u | i << 8));
		p.len = 24;
		CU_ASSERT_EQUAL(map_cache_remove(mc, &p), 0);
		ttl[i] = 0;
	}
	for (m = 1; m <= 51; m++) {
		ev_clock_set(ev, ev_now(ev) + 60 * T_SEC - T_SEC);
		for (i = alive = 0; i < 2000; i++)
			alive += ttl[i] >= m;
		CU_ASSERT_EQUAL(map_cache_count(mc, NULL), alive);	/* not early */
		ev_clock_set(ev, ev_now(ev) + T_SEC);
		for (i = alive = 0; i < 2000; i++)
			alive += ttl[i] > m;
		CU_ASSERT_EQUAL(map_cache_count(mc, NULL), alive);	/* not late */
	}
	CU_ASSERT_EQUAL(lisp_stats(Lx)->cache_expired, 2000 - 286);
	CU_ASSERT_EQUAL(lisp_stats(Lx)->cache_refreshes, 0);	/* unused entries */
	map_cache_free(mc);
	down();
}

static CU_TestInfo tests[] = {
	{ "defaults and ranges", test_defaults },
	{ "roles and the 0.0.0.0/0 entry", test_roles_default_entry },
	{ "database-mapping", test_database },
	{ "map-resolvers, map-servers, sites", test_resolvers_sites },
	{ "static map-cache, source-locator", test_statics_and_sources },
	{ "static map-cache entries in prefix order", test_statics_order },
	{ "5,000 static entries added and removed in random order", test_statics_random },
	{ "map-cache expiry heap", test_cache_heap },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_config", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

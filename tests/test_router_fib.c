/*
 * DOC: unit tests of the FIB: connected, local, static, default, recursive
 */
#include <stdio.h>
#include <string.h>

#include "test_router_util.h"
#include "vrf.h"
#include "stats.h"

static struct trt T;
static uint8_t out[2048];

static int setup(void) { return 0; }
static int teardown(void) { return 0; }

static struct prefix pfx(const char *s)
{
	struct prefix p;

	CU_ASSERT_EQUAL(prefix_parse(s, &p, NULL, 0), 0);
	return p;
}

static int route(const char *p, const char *gw, const char *ifname, unsigned dist)
{
	struct prefix x = pfx(p);
	struct addr g;
	char err[128];

	memset(&g, 0, sizeof(g));
	if (gw)
		addr_set_v4(&g, ip4(gw));
	return fib_static_add(T.r, &x, gw ? &g : NULL, ifname, dist, err, sizeof(err));
}

static int unroute(const char *p, const char *gw, const char *ifname)
{
	struct prefix x = pfx(p);
	struct addr g;
	char err[128];

	if (gw)
		addr_set_v4(&g, ip4(gw));
	return fib_static_del(T.r, &x, gw ? &g : NULL, ifname, err, sizeof(err));
}

/* Where does the FIB send dst: "Ethernet1 via 10.0.2.20", "local", "-". */
static const char *where(const char *dst)
{
	static char buf[96];
	struct fib_entry *e = fib_lookup(T.r, ip4(dst));
	struct addr a;
	char ab[ADDR_STRLEN];

	if (!e)
		return "-";
	if (e->type == FIB_LOCAL)
		return "local";
	if (e->flags & FIB_F_DISCARD)
		return "discard";
	addr_set_v4(&a, e->gw);
	snprintf(buf, sizeof(buf), "%s via %s", iface_name(e->oif),
		 e->gw ? addr_fmt(&a, ab, sizeof(ab)) : "connected");
	return buf;
}

static void test_connected_local(void)
{
	struct fib_entry *e;

	trt_setup(&T);
	CU_ASSERT_EQUAL(fib_count(T.r), 5);	/* 2 connected, 2 local, 1 loopback */
	CU_ASSERT_STRING_EQUAL(where("10.0.1.77"), "Ethernet0 via connected");
	CU_ASSERT_STRING_EQUAL(where("10.0.2.77"), "Ethernet1 via connected");
	CU_ASSERT_STRING_EQUAL(where("10.0.1.1"), "local");
	CU_ASSERT_STRING_EQUAL(where("2.2.2.2"), "local");
	CU_ASSERT_STRING_EQUAL(where("2.2.2.3"), "-");
	e = fib_lookup(T.r, ip4("2.2.2.2"));
	CU_ASSERT_TRUE(e->flags & FIB_F_CONNECTED);
	e = fib_lookup(T.r, ip4("10.0.1.9"));
	CU_ASSERT_EQUAL(e->type, FIB_CONNECTED);
	CU_ASSERT_EQUAL(e->prefix.len, 24);
	/* The LISP fields start out native. */
	CU_ASSERT_EQUAL(e->lisp_action, FIB_LISP_NONE);
	CU_ASSERT_FALSE(e->flags & FIB_F_LISP_ELIGIBLE);
	/* Shutdown and address removal withdraw the routes. */
	iface_set_shutdown(T.r, T.e1, true);
	CU_ASSERT_STRING_EQUAL(where("10.0.2.77"), "-");
	CU_ASSERT_STRING_EQUAL(where("10.0.2.1"), "-");
	iface_set_shutdown(T.r, T.e1, false);
	CU_ASSERT_STRING_EQUAL(where("10.0.2.1"), "local");
	iface_clear_addr(T.r, T.e0);
	CU_ASSERT_STRING_EQUAL(where("10.0.1.1"), "-");
	CU_ASSERT_EQUAL(fib_count(T.r), 3);
	trt_teardown(&T);
}

static void test_static_routes(void)
{
	trt_setup(&T);
	CU_ASSERT_EQUAL(route("192.168.1.0/24", "10.0.2.20", NULL, 0), 0);
	CU_ASSERT_EQUAL(route("192.168.9.0/24", NULL, "Ethernet0", 0), 0);
	CU_ASSERT_EQUAL(route("0.0.0.0/0", "10.0.1.254", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("192.168.1.5"), "Ethernet1 via 10.0.2.20");
	CU_ASSERT_STRING_EQUAL(where("192.168.9.5"), "Ethernet0 via connected");
	CU_ASSERT_STRING_EQUAL(where("4.2.2.2"), "Ethernet0 via 10.0.1.254");
	CU_ASSERT_STRING_EQUAL(where("10.0.2.9"), "Ethernet1 via connected");
	/* Next hop is this router: kept (the shell refuses it when typed,
	 * a startup-config keeps it), never installed; no such interface. */
	{
		struct addr own, other;

		addr_set_v4(&own, ip4("10.0.1.1"));
		addr_set_v4(&other, ip4("10.0.1.10"));
		CU_ASSERT_TRUE(fib_gw_is_own(T.r, VRF_DEFAULT, &own));
		CU_ASSERT_FALSE(fib_gw_is_own(T.r, VRF_DEFAULT, &other));
	}
	CU_ASSERT_EQUAL(route("5.0.0.0/8", "10.0.1.1", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("5.1.1.1"), "Ethernet0 via 10.0.1.254");	/* the default */
	CU_ASSERT_EQUAL(route("5.0.0.0/8", NULL, "Ethernet7", 0), -1);
	CU_ASSERT_EQUAL(route("5.0.0.0/8", NULL, NULL, 0), -1);
	/* Removal. */
	CU_ASSERT_EQUAL(unroute("0.0.0.0/0", "10.0.1.254", NULL), 0);
	CU_ASSERT_EQUAL(unroute("0.0.0.0/0", "10.0.1.254", NULL), -1);
	CU_ASSERT_STRING_EQUAL(where("4.2.2.2"), "-");
	trt_teardown(&T);
}

static void test_recursive(void)
{
	trt_setup(&T);
	/* 3.0.0.0/8 via 172.16.0.1, which is reachable via 10.0.2.20. */
	CU_ASSERT_EQUAL(route("3.0.0.0/8", "172.16.0.1", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "-");
	CU_ASSERT_EQUAL(route("172.16.0.0/16", "10.0.2.20", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "Ethernet1 via 10.0.2.20");
	/* Two levels: 4.0.0.0/8 via 3.3.3.3 via 172.16.0.1 via 10.0.2.20. */
	CU_ASSERT_EQUAL(route("4.0.0.0/8", "3.3.3.3", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("4.2.2.2"), "Ethernet1 via 10.0.2.20");
	/* A default via a next hop only the default itself covers: unusable. */
	CU_ASSERT_EQUAL(route("0.0.0.0/0", "99.0.0.1", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("99.0.0.1"), "-");
	/* Losing the connected route takes the whole chain down. */
	iface_set_shutdown(T.r, T.e1, true);
	CU_ASSERT_STRING_EQUAL(where("4.2.2.2"), "-");
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "-");
	iface_set_shutdown(T.r, T.e1, false);
	CU_ASSERT_STRING_EQUAL(where("4.2.2.2"), "Ethernet1 via 10.0.2.20");
	trt_teardown(&T);
}

/* Held (a startup-config replay), the tables wait: lookups see them as
 * they were, and they are rebuilt once, when the last hold goes, with
 * every change made meanwhile (recursive resolution included). */
static void test_hold(void)
{
	trt_setup(&T);
	fib_hold(T.r, true);
	fib_hold(T.r, true);
	CU_ASSERT_EQUAL(route("3.0.0.0/8", "172.16.0.1", NULL, 0), 0);
	CU_ASSERT_EQUAL(route("172.16.0.0/16", "10.0.2.20", NULL, 0), 0);
	t_addr(T.r, T.lo, "5.5.5.5", 32);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "-");
	fib_hold(T.r, false);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "-");		/* still one hold */
	fib_hold(T.r, false);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "Ethernet1 via 10.0.2.20");
	CU_ASSERT_PTR_NOT_NULL(fib_lookup(T.r, ip4("5.5.5.5")));
	/* Not held: each change at once, as before. */
	CU_ASSERT_EQUAL(unroute("172.16.0.0/16", "10.0.2.20", NULL), 0);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "-");
	fib_hold(T.r, false);				/* one too many: nothing */
	CU_ASSERT_EQUAL(route("172.16.0.0/16", "10.0.2.20", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("3.1.1.1"), "Ethernet1 via 10.0.2.20");
	trt_teardown(&T);
}

static int count_static(const struct fib_static *s, void *arg)
{
	(void)s;
	(*(unsigned *)arg)++;
	return 0;
}

static unsigned statics(void)
{
	unsigned n = 0;

	fib_static_foreach(T.r, count_static, &n);
	return n;
}

/* 20,000 static routes (found by hash, not by a scan of the others): the
 * same route again only changes its distance, a route differing in any
 * one field (next hop, interface, length) is another, an interface name
 * matches whatever its case, and removals in any order leave the rest. */
static void test_static_many(void)
{
	const unsigned n = 20000;
	char p[32], alt[32];
	unsigned i;
	bool ok = true;

	trt_setup(&T);
	fib_hold(T.r, true);
	for (i = 0; i < n && ok; i++) {
		snprintf(p, sizeof(p), "172.%u.%u.0/24", 16 + i / 256, i % 256);
		ok = route(p, "10.0.2.20", NULL, 0) == 0;
	}
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(statics(), n);
	CU_ASSERT_EQUAL(route("172.16.5.0/24", "10.0.2.20", NULL, 7), 0);	/* distance */
	CU_ASSERT_EQUAL(statics(), n);
	CU_ASSERT_EQUAL(route("172.16.5.0/24", "10.0.2.21", NULL, 0), 0);	/* next hop */
	CU_ASSERT_EQUAL(route("172.16.5.0/25", "10.0.2.20", NULL, 0), 0);	/* length */
	CU_ASSERT_EQUAL(route("172.16.5.0/24", "10.0.2.20", "Ethernet1", 0), 0);
	CU_ASSERT_EQUAL(statics(), n + 3);
	CU_ASSERT_EQUAL(route("172.16.5.0/24", "10.0.2.20", "ETHERNET1", 0), 0);
	CU_ASSERT_EQUAL(statics(), n + 3);
	CU_ASSERT_EQUAL(unroute("172.16.5.0/24", "10.0.2.20", "ethernet1"), 0);
	CU_ASSERT_EQUAL(unroute("172.16.5.0/24", "10.0.2.20", "Ethernet1"), -1);
	CU_ASSERT_EQUAL(unroute("172.16.5.0/24", "10.0.2.21", NULL), 0);
	CU_ASSERT_EQUAL(unroute("172.16.5.0/25", "10.0.2.20", NULL), 0);
	/* every other one, from the middle out */
	for (i = 0; i < n && ok; i += 2) {
		unsigned k = (i + n / 2) % n;

		snprintf(p, sizeof(p), "172.%u.%u.0/24", 16 + k / 256, k % 256);
		ok = unroute(p, "10.0.2.20", NULL) == 0 && unroute(p, "10.0.2.20", NULL) == -1;
	}
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(statics(), n / 2);
	fib_hold(T.r, false);
	snprintf(p, sizeof(p), "172.%u.%u.1", 16 + 1 / 256, 1);
	snprintf(alt, sizeof(alt), "172.%u.%u.1", 16 + 2 / 256, 2);
	CU_ASSERT_STRING_EQUAL(where(p), "Ethernet1 via 10.0.2.20");
	CU_ASSERT_STRING_EQUAL(where(alt), "-");
	trt_teardown(&T);
}

static void test_distance_and_null(void)
{
	trt_setup(&T);
	/* Floating static: used only while the better one is unusable. */
	CU_ASSERT_EQUAL(route("8.0.0.0/8", "10.0.2.20", NULL, 1), 0);
	CU_ASSERT_EQUAL(route("8.0.0.0/8", "10.0.1.20", NULL, 200), 0);
	CU_ASSERT_STRING_EQUAL(where("8.8.8.8"), "Ethernet1 via 10.0.2.20");
	iface_set_shutdown(T.r, T.e1, true);
	CU_ASSERT_STRING_EQUAL(where("8.8.8.8"), "Ethernet0 via 10.0.1.20");
	iface_set_shutdown(T.r, T.e1, false);
	/* A connected route beats a static for the same prefix. */
	CU_ASSERT_EQUAL(route("10.0.1.0/24", "10.0.2.20", NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where("10.0.1.99"), "Ethernet0 via connected");
	/* Null0 discards. */
	CU_ASSERT_EQUAL(route("9.0.0.0/8", NULL, "Null0", 0), 0);
	CU_ASSERT_STRING_EQUAL(where("9.1.1.1"), "discard");
	trt_teardown(&T);
}

struct collect {
	char text[512];
};

static int collect_static(const struct fib_static *s, void *arg)
{
	struct collect *c = arg;
	char pb[PREFIX_STRLEN], ab[ADDR_STRLEN];
	struct addr a;

	addr_set_v4(&a, s->gw);
	snprintf(c->text + strlen(c->text), sizeof(c->text) - strlen(c->text),
		 "%s %s %s %u;", prefix_fmt(&s->prefix, pb, sizeof(pb)),
		 s->gw ? addr_fmt(&a, ab, sizeof(ab)) : "-", s->ifname[0] ? s->ifname : "-",
		 s->distance);
	return 0;
}

static int collect_route(const struct fib_entry *e, void *arg)
{
	struct collect *c = arg;
	char pb[PREFIX_STRLEN];
	static const char types[] = "CLS";

	snprintf(c->text + strlen(c->text), sizeof(c->text) - strlen(c->text),
		 "%c %s;", types[e->type], prefix_fmt(&e->prefix, pb, sizeof(pb)));
	return 0;
}

static void test_walkers(void)
{
	struct collect c;

	trt_setup(&T);
	route("192.168.1.0/24", "10.0.2.20", NULL, 0);
	route("0.0.0.0/0", "10.0.1.254", NULL, 0);
	route("192.168.1.0/24", "10.0.1.20", NULL, 5);
	route("9.0.0.0/8", NULL, "null0", 0);
	memset(&c, 0, sizeof(c));
	fib_static_foreach(T.r, collect_static, &c);
	CU_ASSERT_STRING_EQUAL(c.text,
		"0.0.0.0/0 10.0.1.254 - 1;9.0.0.0/8 - Null0 1;"
		"192.168.1.0/24 10.0.1.20 - 5;192.168.1.0/24 10.0.2.20 - 1;");
	memset(&c, 0, sizeof(c));
	fib_route_foreach(T.r, collect_route, &c);
	CU_ASSERT_STRING_EQUAL(c.text,
		"S 0.0.0.0/0;L 2.2.2.2/32;S 9.0.0.0/8;C 10.0.1.0/24;L 10.0.1.1/32;"
		"C 10.0.2.0/24;L 10.0.2.1/32;S 192.168.1.0/24;");
	trt_teardown(&T);
}

/* A packet routed recursively is sent to the adjacent next hop's MAC. */
static void test_forward_recursive(void)
{
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	route("172.16.0.0/16", "10.0.2.20", NULL, 0);
	route("0.0.0.0/0", "172.16.0.1", NULL, 0);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("4.2.2.2"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), (long)n);
	CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 16), ip4("4.2.2.2"));
	CU_ASSERT_EQUAL(fib_lookup(T.r, ip4("4.2.2.2"))->pkts, 1);
	/* Through Null0: dropped with an unreachable. */
	route("9.0.0.0/8", NULL, "Null0", 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("9.9.9.9"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_pop(T.p0, out, sizeof(out), NULL), 14 + 20 + 8 + 36);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 1);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

static CU_TestInfo tests[] = {
	{ "connected and local routes", test_connected_local },
	{ "static, interface and default routes", test_static_routes },
	{ "recursive next hops", test_recursive },
	{ "rebuilds held, then done once", test_hold },
	{ "20,000 static routes: duplicates and removals by hash", test_static_many },
	{ "distance, connected wins, Null0", test_distance_and_null },
	{ "walkers in running-config order", test_walkers },
	{ "forwarding via a recursive route", test_forward_recursive },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "fib", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

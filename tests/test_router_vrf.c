/*
 * DOC: unit tests of VRFs on memory ports
 *
 * Two VRFs with the SAME addresses on different interfaces:
 *   VRF A: Ethernet0 10.0.1.1/24 (host 10.0.1.10), Ethernet1 10.0.2.1/24
 *   VRF B: Ethernet2 10.0.1.1/24 (host 10.0.1.10), Ethernet3 10.0.2.1/24
 *   default: Ethernet4 192.0.2.1/24 (the underlay)
 * Packets are forwarded only within their VRF, addresses are ours only in
 * their VRF, static routes are per VRF, deleting a VRF takes its routes
 * and interface addresses away, and decapsulated packets enter a VRF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_router_util.h"
#include "ipv6.h"
#include "stats.h"
#include "vrf.h"

static uint8_t out[2048];

static const uint8_t MAC_R2[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 };
static const uint8_t MAC_R3[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x04 };
static const uint8_t MAC_R4[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x05 };
static const uint8_t MAC_C[6]  = { 0x02, 0xcc, 0x00, 0x00, 0x00, 0x0a };
static const uint8_t MAC_D[6]  = { 0x02, 0xdd, 0x00, 0x00, 0x00, 0x14 };

struct vt {
	struct router *r;
	struct iface *e[5];
	struct port *p[5];
	int a, b;
};

static struct vt V;

static int setup(void) { return 0; }
static int teardown(void) { return 0; }

static struct prefix pfx(const char *s)
{
	struct prefix p;

	CU_ASSERT_EQUAL(prefix_parse(s, &p, NULL, 0), 0);
	return p;
}

static void vbind(struct iface *ifp, int vrf)
{
	char msg[256];

	CU_ASSERT_EQUAL_FATAL(iface_set_vrf(V.r, ifp, (unsigned)vrf, msg, sizeof(msg)), 0);
}

static void vt_setup(void)
{
	static const uint8_t *macs[5] = { MAC_R0, MAC_R1, MAC_R2, MAC_R3, MAC_R4 };
	char err[128], name[16];
	unsigned i;

	memset(&V, 0, sizeof(V));
	V.r = router_new(EV_CLOCK_MANUAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(V.r);
	ev_clock_set(router_loop(V.r), 1000 * T_SEC);
	V.a = vrf_create(V.r, "A", false, err, sizeof(err));
	V.b = vrf_create(V.r, "B", false, err, sizeof(err));
	CU_ASSERT_EQUAL_FATAL(V.a, 1);
	CU_ASSERT_EQUAL_FATAL(V.b, 2);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "Ethernet%u", i);
		V.p[i] = port_mem_open(name, macs[i]);
		V.e[i] = iface_attach(V.r, name, V.p[i], err, sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(V.e[i]);
	}
	vbind(V.e[0], V.a);
	vbind(V.e[1], V.a);
	vbind(V.e[2], V.b);
	vbind(V.e[3], V.b);
	t_addr(V.r, V.e[0], "10.0.1.1", 24);
	t_addr(V.r, V.e[1], "10.0.2.1", 24);
	t_addr(V.r, V.e[2], "10.0.1.1", 24);
	t_addr(V.r, V.e[3], "10.0.2.1", 24);
	t_addr(V.r, V.e[4], "192.0.2.1", 24);
	for (i = 0; i < 5; i++)
		iface_set_shutdown(V.r, V.e[i], false);
	router_set_icmp_ratelimit(V.r, 0);
	for (i = 0; i < 5; i++)
		port_mem_flush(V.p[i]);
	router_clear_stats(V.r);
}

static int route(int vrf, const char *p, const char *gw, const char *ifname);

static void vt_teardown(void)
{
	router_free(V.r);
}

static void in(unsigned i, const uint8_t *f, size_t n)
{
	CU_ASSERT_EQUAL(port_mem_push(V.p[i], f, n, 0), 0);
	router_poll(V.r);
}

static void learn(unsigned i, const uint8_t mac[6], const char *host, const char *rtr)
{
	static const uint8_t zero[6];
	uint8_t f[64];
	size_t n = mk_arp(f, MAC_BC, 1, mac, ip4(host), zero, ip4(rtr));

	in(i, f, n);
	port_mem_flush(V.p[i]);
}

static size_t outs(unsigned i)
{
	return port_mem_out_count(V.p[i]);
}

static void flush_all(void)
{
	unsigned i;

	for (i = 0; i < 5; i++)
		port_mem_flush(V.p[i]);
}

static void test_ids_names(void)
{
	char err[128];
	int ids[VRF_MAX], id;
	unsigned i;

	vt_setup();
	CU_ASSERT_EQUAL(vrf_lookup(V.r, NULL), VRF_DEFAULT);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, ""), VRF_DEFAULT);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "default"), VRF_DEFAULT);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "A"), V.a);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "a"), -1);	/* case matters, as in IOS */
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "C"), -1);
	CU_ASSERT_STRING_EQUAL(vrf_name(V.r, 0), "default");
	CU_ASSERT_STRING_EQUAL(vrf_name(V.r, (unsigned)V.b), "B");
	CU_ASSERT_PTR_NULL(vrf_name(V.r, 3));
	CU_ASSERT_PTR_NULL(vrf_name(V.r, VRF_MAX));
	/* Creating an existing one returns it; "default" and bad names refused. */
	CU_ASSERT_EQUAL(vrf_create(V.r, "A", false, err, sizeof(err)), V.a);
	CU_ASSERT_EQUAL(vrf_create(V.r, "default", false, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_create(V.r, "has space", false, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_create(V.r, "123456789012345678901234567890123", false, err,
				   sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_count(V.r), 2);
	/* Fill up to the limit; one more is refused. */
	for (i = 3; i < VRF_MAX; i++) {
		char name[16];

		snprintf(name, sizeof(name), "V%u", i);
		ids[i] = vrf_create(V.r, name, i & 1, err, sizeof(err));
		CU_ASSERT_EQUAL_FATAL(ids[i], (int)i);
	}
	CU_ASSERT_EQUAL(vrf_count(V.r), VRF_MAX - 1);
	CU_ASSERT_EQUAL(vrf_create(V.r, "one-too-many", false, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "limit"));
	/* A freed id is reused; the others keep theirs. */
	CU_ASSERT_EQUAL(vrf_delete(V.r, "V500", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "V500"), -1);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "V501"), 501);
	id = vrf_create(V.r, "again", false, err, sizeof(err));
	CU_ASSERT_EQUAL(id, 500);
	CU_ASSERT_EQUAL(vrf_delete(V.r, "nosuch", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_delete(V.r, "default", err, sizeof(err)), -1);
	vt_teardown();
}

static void test_binding(void)
{
	struct addr a;
	char msg[256], err[128];
	uint64_t gen;
	unsigned len;

	vt_setup();
	CU_ASSERT_EQUAL(iface_vrf(V.e[0]), (unsigned)V.a);
	CU_ASSERT_EQUAL(iface_vrf(V.e[4]), VRF_DEFAULT);
	/* The same subnet twice in one VRF is an overlap; in two it is not. */
	addr_set_v4(&a, ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(iface_set_addr(V.r, V.e[1], &a, 24, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "overlaps with Ethernet0"));
	/* Moving an interface removes its address, with IOS's message. */
	gen = router_vrf_gen(V.r);
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, V.e[1], (unsigned)V.b, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "% Interface Ethernet1 IPv4 disabled and address(es) "
			       "removed due to enabling VRF B");
	CU_ASSERT_FALSE(iface_addr(V.e[1], NULL, NULL));
	CU_ASSERT_NOT_EQUAL(router_vrf_gen(V.r), gen);
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("10.0.2.5")));
	/* Same VRF again: nothing happens, nothing printed. */
	gen = router_vrf_gen(V.r);
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, V.e[1], (unsigned)V.b, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "");
	CU_ASSERT_EQUAL(router_vrf_gen(V.r), gen);
	/* Back to the default VRF: "disabling". */
	t_addr(V.r, V.e[1], "10.0.9.1", 24);
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, V.e[1], VRF_DEFAULT, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "% Interface Ethernet1 IPv4 disabled and address(es) "
			       "removed due to disabling VRF B");
	/* An unknown id is refused. */
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, V.e[1], 77, msg, sizeof(msg)), -1);
	CU_ASSERT_EQUAL(iface_vrf(V.e[1]), VRF_DEFAULT);
	/* IPv6 addresses go too. */
	addr_set_v6(&a, (const uint8_t[16]){ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 });
	CU_ASSERT_EQUAL(iface6_add_addr(V.r, V.e[1], &a, 64, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, V.e[1], (unsigned)V.a, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "% Interface Ethernet1 IPv6 disabled and address(es) "
			       "removed due to enabling VRF A");
	/* The FIBs: each VRF has its connected and local routes only. */
	CU_ASSERT_EQUAL(fib_count_vrf(V.r, (unsigned)V.a), 2);	/* Ethernet0 only now */
	CU_ASSERT_EQUAL(fib_count_vrf(V.r, (unsigned)V.b), 4);	/* Ethernet2, 3 */
	CU_ASSERT_EQUAL(fib_count(V.r), 2);			/* Ethernet4 */
	CU_ASSERT_PTR_NULL(fib_lookup(V.r, ip4("10.0.1.1")));
	CU_ASSERT_EQUAL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("10.0.1.1"))->type, FIB_LOCAL);
	CU_ASSERT_PTR_EQUAL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("10.0.1.9"))->oif, V.e[0]);
	CU_ASSERT_PTR_EQUAL(fib_lookup_vrf(V.r, (unsigned)V.b, ip4("10.0.1.9"))->oif, V.e[2]);
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, 99, ip4("10.0.1.9")));
	CU_ASSERT_FALSE(iface_addr(V.e[1], NULL, &len));
	t_check_as_rebuilt(V.r, 3);
	/* Loopbacks moved without a rebuild (no static route in either
	 * VRF): their routes leave the old table, none come to the new. */
	for (unsigned i = 0; i < 20; i++) {
		struct iface *lo;
		char name[16], ab[16];

		snprintf(name, sizeof(name), "Loopback%u", i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(lo = iface_get(V.r, name, err, sizeof(err)));
		snprintf(ab, sizeof(ab), "10.7.%u.1", i);
		t_addr(V.r, lo, ab, i % 2 ? 32 : 24);
		vbind(lo, i % 3 ? V.a : V.b);
		t_check_as_rebuilt(V.r, 3);
		t_addr(V.r, lo, ab, 32);
		t_check_as_rebuilt(V.r, 3);
	}
	/* With a static route naming a loopback: rebuilt, it follows. */
	CU_ASSERT_EQUAL(route(V.a, "10.99.0.0/16", NULL, "Loopback1"), 0);
	t_check_as_rebuilt(V.r, 3);
	vbind(iface_find(V.r, "Loopback1"), VRF_DEFAULT);
	t_check_as_rebuilt(V.r, 3);
	vbind(iface_find(V.r, "Loopback1"), V.a);
	t_check_as_rebuilt(V.r, 3);
	CU_ASSERT_PTR_NOT_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("10.99.1.1")));
	vt_teardown();
}

/* An echo request from the host on port i (10.0.1.10) to dst. */
static size_t echo(uint8_t *f, unsigned i, const uint8_t *mac, const char *dst)
{
	static const uint8_t *rmac[5] = { MAC_R0, MAC_R1, MAC_R2, MAC_R3, MAC_R4 };

	return mk_echo(f, rmac[i], mac, ip4("10.0.1.10"), ip4(dst), 64, 1, 8);
}

static void test_forwarding(void)
{
	uint8_t f[256];
	size_t n;

	vt_setup();
	learn(0, MAC_A, "10.0.1.10", "10.0.1.1");
	learn(1, MAC_B, "10.0.2.20", "10.0.2.1");
	learn(2, MAC_C, "10.0.1.10", "10.0.1.1");
	learn(3, MAC_D, "10.0.2.20", "10.0.2.1");
	/* VRF A's host reaches VRF A's 10.0.2.20 through Ethernet1 only. */
	n = echo(f, 0, MAC_A, "10.0.2.20");
	in(0, f, n);
	CU_ASSERT_EQUAL(outs(1), 1);
	CU_ASSERT_EQUAL(outs(3), 0);
	CU_ASSERT_EQUAL(outs(4), 0);
	CU_ASSERT_EQUAL(port_mem_pop(V.p[1], out, sizeof(out), NULL), (long)n);
	CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
	CU_ASSERT_EQUAL(out[14 + 8], 63);
	/* VRF B's host, same addresses: through Ethernet3 only. */
	n = echo(f, 2, MAC_C, "10.0.2.20");
	in(2, f, n);
	CU_ASSERT_EQUAL(outs(3), 1);
	CU_ASSERT_EQUAL(outs(1), 0);
	CU_ASSERT_EQUAL(port_mem_pop(V.p[3], out, sizeof(out), NULL), (long)n);
	CU_ASSERT_EQUAL(memcmp(out, MAC_D, 6), 0);
	/* The default VRF's subnet is not reachable from a VRF: unreachable
	 * back to the sender, nothing on Ethernet4. */
	n = echo(f, 0, MAC_A, "192.0.2.50");
	in(0, f, n);
	CU_ASSERT_EQUAL(outs(4), 0);
	CU_ASSERT_EQUAL(port_mem_pop(V.p[0], out, sizeof(out), NULL), 14 + 20 + 8 + 36);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 0);	/* net unreachable */
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(router_stats(V.r)->drops[RT_DROP_NO_ROUTE], 1);
	/* Nor the reverse: the router's default-VRF interface does not know
	 * 10.0.1.0/24. */
	learn(4, MAC_A, "192.0.2.50", "192.0.2.1");
	n = mk_echo(f, MAC_R4, MAC_A, ip4("192.0.2.50"), ip4("10.0.1.10"), 64, 1, 8);
	in(4, f, n);
	CU_ASSERT_EQUAL(outs(0) + outs(2), 0);
	CU_ASSERT_EQUAL(outs(4), 1);		/* the unreachable */
	flush_all();
	vt_teardown();
}

static void test_local_per_vrf(void)
{
	struct iface *lo;
	uint8_t f[256];
	char err[128], msg[256];
	size_t n;

	vt_setup();
	lo = iface_get(V.r, "Loopback1", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(lo);
	CU_ASSERT_EQUAL(iface_set_vrf(V.r, lo, (unsigned)V.a, msg, sizeof(msg)), 0);
	t_addr(V.r, lo, "3.3.3.3", 32);
	learn(0, MAC_A, "10.0.1.10", "10.0.1.1");
	learn(2, MAC_C, "10.0.1.10", "10.0.1.1");
	/* From VRF A: the loopback answers. */
	n = echo(f, 0, MAC_A, "3.3.3.3");
	in(0, f, n);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[0], out, sizeof(out), NULL), (long)n);
	CU_ASSERT_EQUAL(out[14 + 20], 0);	/* echo reply */
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("3.3.3.3"));
	/* From VRF B: not ours, no route. */
	n = echo(f, 2, MAC_C, "3.3.3.3");
	in(2, f, n);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[2], out, sizeof(out), NULL), 14 + 20 + 8 + 36);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	/* The router's own address of VRF B answers for VRF B. */
	n = echo(f, 2, MAC_C, "10.0.2.1");
	in(2, f, n);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[2], out, sizeof(out), NULL), (long)n);
	CU_ASSERT_EQUAL(out[14 + 20], 0);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.2.1"));
	/* From the default VRF, VRF A's loopback is unknown. */
	CU_ASSERT_PTR_NULL(fib_lookup(V.r, ip4("3.3.3.3")));
	vt_teardown();
}

static int route(int vrf, const char *p, const char *gw, const char *ifname)
{
	struct prefix x = pfx(p);
	struct addr g;
	char err[128];

	memset(&g, 0, sizeof(g));
	if (gw)
		addr_set_v4(&g, ip4(gw));
	return fib_static_add_vrf(V.r, (unsigned)vrf, &x, gw ? &g : NULL, ifname, 0, err,
				  sizeof(err));
}

struct cnt { unsigned n, vrf_seen; };

static int count_static(const struct fib_static *s, void *arg)
{
	struct cnt *c = arg;

	c->n++;
	c->vrf_seen |= 1u << s->vrf;
	return 0;
}

static void test_statics(void)
{
	struct prefix p = pfx("8.0.0.0/8");
	struct addr g;
	struct cnt c = { 0, 0 };
	uint8_t f[256];
	char err[128];
	size_t n;

	vt_setup();
	CU_ASSERT_EQUAL(route(V.a, "8.0.0.0/8", "10.0.2.20", NULL), 0);
	CU_ASSERT_EQUAL(route(V.b, "9.0.0.0/8", NULL, "Ethernet3"), 0);
	/* Through an interface of another VRF: accepted, never installed. */
	CU_ASSERT_EQUAL(route(V.a, "7.0.0.0/8", NULL, "Ethernet3"), 0);
	/* The next hop is an address of the router in that VRF only: kept
	 * there but not installed (the shell refuses it when typed). */
	CU_ASSERT_EQUAL(route(V.a, "6.0.0.0/8", "10.0.2.1", NULL), 0);
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("6.6.6.6")));
	CU_ASSERT_EQUAL(route(VRF_DEFAULT, "6.0.0.0/8", "10.0.2.1", NULL), 0);
	CU_ASSERT_EQUAL(route(55, "6.0.0.0/8", "10.0.2.1", NULL), -1);
	CU_ASSERT_PTR_NOT_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("8.8.8.8")));
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.b, ip4("8.8.8.8")));
	CU_ASSERT_PTR_NULL(fib_lookup(V.r, ip4("8.8.8.8")));
	CU_ASSERT_PTR_NOT_NULL(fib_lookup_vrf(V.r, (unsigned)V.b, ip4("9.9.9.9")));
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("9.9.9.9")));
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("7.7.7.7")));
	fib_static_foreach_vrf(V.r, (unsigned)V.a, count_static, &c);
	CU_ASSERT_EQUAL(c.n, 3);
	CU_ASSERT_EQUAL(c.vrf_seen, 1u << V.a);
	c.n = c.vrf_seen = 0;
	fib_static_foreach(V.r, count_static, &c);
	CU_ASSERT_EQUAL(c.n, 1);
	CU_ASSERT_EQUAL(c.vrf_seen, 1u);
	/* Forwarded in VRF A through its static route. */
	learn(0, MAC_A, "10.0.1.10", "10.0.1.1");
	learn(1, MAC_B, "10.0.2.20", "10.0.2.1");
	n = echo(f, 0, MAC_A, "8.8.8.8");
	in(0, f, n);
	CU_ASSERT_EQUAL(outs(1), 1);
	CU_ASSERT_EQUAL(outs(3) + outs(4), 0);
	flush_all();
	/* Deleting in the wrong VRF fails; in the right one works. */
	addr_set_v4(&g, ip4("10.0.2.20"));
	CU_ASSERT_EQUAL(fib_static_del_vrf(V.r, (unsigned)V.b, &p, &g, NULL, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(fib_static_del(V.r, &p, &g, NULL, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(fib_static_del_vrf(V.r, (unsigned)V.a, &p, &g, NULL, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("8.8.8.8")));
	vt_teardown();
}

static void test_delete(void)
{
	struct prefix p6 = pfx("2001:db8:99::/48");
	struct addr g6;
	struct cnt c = { 0, 0 };
	char err[128];
	uint64_t gen;

	vt_setup();
	CU_ASSERT_EQUAL(route(V.a, "8.0.0.0/8", "10.0.2.20", NULL), 0);
	addr_set_v6(&g6, (const uint8_t[16]){ 0x20, 0x01, 0x0d, 0xb8, [15] = 2 });
	CU_ASSERT_EQUAL(fib6_static_add_vrf(V.r, (unsigned)V.a, &p6, &g6, NULL, 1, err,
					    sizeof(err)), 0);
	gen = router_vrf_gen(V.r);
	CU_ASSERT_EQUAL(vrf_delete(V.r, "A", err, sizeof(err)), 0);
	CU_ASSERT_NOT_EQUAL(router_vrf_gen(V.r), gen);
	CU_ASSERT_EQUAL(vrf_lookup(V.r, "A"), -1);
	CU_ASSERT_PTR_NULL(vrf_name(V.r, (unsigned)V.a));
	/* Its interfaces are back in the default VRF without addresses. */
	CU_ASSERT_EQUAL(iface_vrf(V.e[0]), VRF_DEFAULT);
	CU_ASSERT_EQUAL(iface_vrf(V.e[1]), VRF_DEFAULT);
	CU_ASSERT_FALSE(iface_addr(V.e[0], NULL, NULL));
	CU_ASSERT_FALSE(iface_addr(V.e[1], NULL, NULL));
	CU_ASSERT_PTR_NULL(fib_lookup_vrf(V.r, (unsigned)V.a, ip4("10.0.1.1")));
	CU_ASSERT_PTR_NULL(fib_lookup(V.r, ip4("10.0.1.1")));
	CU_ASSERT_PTR_NULL(fib_lookup(V.r, ip4("8.8.8.8")));
	/* Its static routes are gone, even when a VRF of that name comes back. */
	CU_ASSERT_EQUAL(vrf_create(V.r, "A", false, err, sizeof(err)), V.a);
	fib_static_foreach_vrf(V.r, (unsigned)V.a, count_static, &c);
	CU_ASSERT_EQUAL(c.n, 0);
	CU_ASSERT_EQUAL(fib6_count_vrf(V.r, (unsigned)V.a), 0);
	/* VRF B is untouched. */
	CU_ASSERT_EQUAL(iface_vrf(V.e[2]), (unsigned)V.b);
	CU_ASSERT_EQUAL(fib_lookup_vrf(V.r, (unsigned)V.b, ip4("10.0.1.1"))->type, FIB_LOCAL);
	vt_teardown();
}

static void test_input_vrf(void)
{
	uint8_t f[256];
	size_t n;

	vt_setup();
	learn(1, MAC_B, "10.0.2.20", "10.0.2.1");
	learn(3, MAC_D, "10.0.2.20", "10.0.2.1");
	/* A decapsulated packet, received on the underlay interface, routed
	 * in VRF B. */
	n = mk_echo(f, MAC_R4, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	ipv4_input_vrf(V.r, V.e[4], (unsigned)V.b, f + 14, n - 14);
	CU_ASSERT_EQUAL(outs(3), 1);
	CU_ASSERT_EQUAL(outs(1) + outs(4), 0);
	flush_all();
	ipv4_input_vrf(V.r, V.e[4], (unsigned)V.a, f + 14, n - 14);
	CU_ASSERT_EQUAL(outs(1), 1);
	CU_ASSERT_EQUAL(outs(3) + outs(4), 0);
	flush_all();
	/* An unknown VRF drops it, counted. */
	router_clear_stats(V.r);
	ipv4_input_vrf(V.r, V.e[4], 321, f + 14, n - 14);
	CU_ASSERT_EQUAL(outs(1) + outs(3) + outs(4), 0);
	CU_ASSERT_EQUAL(router_stats(V.r)->drops[RT_DROP_NO_ROUTE], 1);
	vt_teardown();
}

static void test_ipv6(void)
{
	struct addr a;
	struct prefix p = pfx("2001:db8:1::/64");
	struct fib_entry *e;
	char err[128];
	uint8_t x[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 9 };

	vt_setup();
	ipv6_set_routing(V.r, true);
	addr_set_v6(&a, (const uint8_t[16]){ 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1 });
	CU_ASSERT_EQUAL(iface6_add_addr(V.r, V.e[0], &a, 64, false, err, sizeof(err)), 0);
	/* The same prefix in VRF B is no overlap. */
	CU_ASSERT_EQUAL(iface6_add_addr(V.r, V.e[2], &a, 64, false, err, sizeof(err)), 0);
	/* But twice in VRF A is. */
	addr_set_v6(&a, (const uint8_t[16]){ 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 2 });
	CU_ASSERT_EQUAL(iface6_add_addr(V.r, V.e[1], &a, 64, false, err, sizeof(err)), -1);
	e = fib6_lookup_vrf(V.r, (unsigned)V.a, x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_PTR_EQUAL(e->oif, V.e[0]);
	e = fib6_lookup_vrf(V.r, (unsigned)V.b, x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_PTR_EQUAL(e->oif, V.e[2]);
	CU_ASSERT_PTR_NULL(fib6_lookup(V.r, x));
	(void)p;
	vt_teardown();
}

static unsigned done_calls;
static struct ping_result last;

static void ping_done(void *arg, const struct ping_result *res)
{
	(void)arg;
	done_calls++;
	last = *res;
}

static void test_ping_vrf(void)
{
	struct ping_params pp;
	char err[128];
	unsigned id;

	vt_setup();
	learn(3, MAC_D, "10.0.2.20", "10.0.2.1");
	memset(&pp, 0, sizeof(pp));
	addr_set_v4(&pp.dst, ip4("10.0.2.20"));
	pp.repeat = 1;
	pp.vrf = (unsigned)V.b;
	id = ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL_FATAL(id, 0);
	/* The probe leaves through VRF B's Ethernet3, from its address. */
	CU_ASSERT_EQUAL(outs(1), 0);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[3], out, sizeof(out), NULL), 14 + 100);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.2.1"));
	CU_ASSERT_EQUAL(get_ip(out + 14 + 16), ip4("10.0.2.20"));
	ping_cancel(V.r, id);
	CU_ASSERT_EQUAL(done_calls, 1);
	/* A source interface outside the VRF is refused. */
	strcpy(pp.src_ifname, "Ethernet1");
	CU_ASSERT_EQUAL(ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not in VRF B"));
	/* An unknown VRF id too. */
	pp.src_ifname[0] = '\0';
	pp.vrf = 444;
	CU_ASSERT_EQUAL(ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err)), 0);
	/* In the default VRF there is no route to 10.0.2.20. */
	pp.vrf = VRF_DEFAULT;
	id = ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL(id, 0);
	CU_ASSERT_EQUAL(outs(1) + outs(3) + outs(4), 0);
	ping_cancel(V.r, id);
	vt_teardown();
}

static void test_config(void)
{
	struct vrf_info vi;
	char err[128];

	vt_setup();
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.a, "65000:1", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.a, "65000:2", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Do \"no rd\" first");
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.b, "1.2.3.4:5", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.b, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.b, "bogus", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_set_rd(V.r, (unsigned)V.b, "70000:70000", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_set_af(V.r, (unsigned)V.a, VRF_AF_IPV4, true), 0);
	CU_ASSERT_EQUAL(vrf_route_target(V.r, (unsigned)V.a, VRF_AF_IPV4, VRF_RT_BOTH, "65000:1",
					 false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_route_target(V.r, (unsigned)V.a, VRF_AF_IPV4, VRF_RT_IMPORT, "65000:9",
					 false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vrf_route_target(V.r, (unsigned)V.a, VRF_AF_IPV4, VRF_RT_IMPORT, "x",
					 false, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vrf_set_description(V.r, (unsigned)V.a, "tenant one"), 0);
	CU_ASSERT_TRUE_FATAL(vrf_get(V.r, (unsigned)V.a, &vi));
	CU_ASSERT_STRING_EQUAL(vi.rd, "65000:1");
	CU_ASSERT_STRING_EQUAL(vi.description, "tenant one");
	CU_ASSERT_TRUE(vi.af[VRF_AF_IPV4]);
	CU_ASSERT_FALSE(vi.af[VRF_AF_IPV6]);
	CU_ASSERT_EQUAL(vi.n_rt[VRF_AF_IPV4][0], 2);
	CU_ASSERT_EQUAL(vi.n_rt[VRF_AF_IPV4][1], 1);
	CU_ASSERT_STRING_EQUAL(vi.rt[VRF_AF_IPV4][0][1], "65000:9");
	CU_ASSERT_EQUAL(vi.n_ifaces, 2);
	CU_ASSERT_EQUAL(vrf_route_target(V.r, (unsigned)V.a, VRF_AF_IPV4, VRF_RT_BOTH, "65000:1",
					 true, err, sizeof(err)), 0);
	CU_ASSERT_TRUE_FATAL(vrf_get(V.r, (unsigned)V.a, &vi));
	CU_ASSERT_EQUAL(vi.n_rt[VRF_AF_IPV4][0], 1);
	CU_ASSERT_EQUAL(vi.n_rt[VRF_AF_IPV4][1], 0);
	/* Leaving the address family drops its route-targets. */
	CU_ASSERT_EQUAL(vrf_set_af(V.r, (unsigned)V.a, VRF_AF_IPV4, false), 0);
	CU_ASSERT_TRUE_FATAL(vrf_get(V.r, (unsigned)V.a, &vi));
	CU_ASSERT_EQUAL(vi.n_rt[VRF_AF_IPV4][0], 0);
	vt_teardown();
}

/* The forwarding hook (the LISP engine's) and the protocol handlers see
 * the underlay: the hook runs in the default VRF's context, only for
 * packets of the interface's own VRF; the handlers only for the default
 * VRF's addresses. */
struct hook_rec {
	struct router *r;
	unsigned calls;
	const struct iface *in;
	uint32_t src_probe;
	unsigned vrf;
};

static int hook_fn(void *arg, struct iface *inp, const uint8_t *ip, size_t len)
{
	struct hook_rec *h = arg;

	(void)ip;
	(void)len;
	h->calls++;
	h->in = inp;
	h->vrf = router_hook_vrf(h->r);
	/* What the hook would send goes in the default VRF. */
	h->src_probe = ipv4_source_for(h->r, ip4("192.0.2.50"));
	return -1;
}

static unsigned udp_calls;

static int udp_fn(void *arg, struct iface *inp, const uint8_t *ip, size_t len)
{
	(void)arg;
	(void)inp;
	(void)ip;
	(void)len;
	udp_calls++;
	return 0;
}

static size_t mk_udp(uint8_t *f, const uint8_t *dmac, const uint8_t *smac, const char *src,
		     const char *dst, uint8_t ttl)
{
	uint8_t *ip = f + mk_eth(f, dmac, smac, 0x0800), *u = ip + 20;

	u[0] = 0x10; u[1] = 0xf5;	/* 4341 */
	u[2] = 0x10; u[3] = 0xf5;
	u[4] = 0; u[5] = 16;
	u[6] = u[7] = 0;
	memset(u + 8, 0x5a, 8);
	return 14 + mk_ip(ip, ip4(src), ip4(dst), 17, ttl, 0, 16, 0);
}

static void test_hooks(void)
{
	struct hook_rec h;
	struct ping_params pp;
	uint8_t f[256];
	char err[128];
	size_t n;
	unsigned id;

	vt_setup();
	memset(&h, 0, sizeof(h));
	h.r = V.r;
	router_set_fwd_hook(V.r, hook_fn, &h);
	router_set_proto_handler(V.r, 17, udp_fn, NULL);
	learn(0, MAC_A, "10.0.1.10", "10.0.1.1");
	learn(1, MAC_B, "10.0.2.20", "10.0.2.1");
	learn(2, MAC_C, "10.0.1.10", "10.0.1.1");
	learn(3, MAC_D, "10.0.2.20", "10.0.2.1");
	/* In transit in VRF A: the hook sees it (in = Ethernet0) in the
	 * default VRF's context, then it is forwarded in VRF A. */
	n = echo(f, 0, MAC_A, "10.0.2.20");
	in(0, f, n);
	CU_ASSERT_EQUAL(h.calls, 1);
	CU_ASSERT_PTR_EQUAL(h.in, V.e[0]);
	CU_ASSERT_EQUAL(h.src_probe, ip4("192.0.2.1"));
	CU_ASSERT_EQUAL(outs(1), 1);
	flush_all();
	/* Decapsulated into another VRF than its interface's: no hook. */
	n = mk_echo(f, MAC_R4, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	ipv4_input_vrf(V.r, V.e[4], (unsigned)V.b, f + 14, n - 14);
	CU_ASSERT_EQUAL(h.calls, 1);
	CU_ASSERT_EQUAL(outs(3), 1);
	flush_all();
	/* Into its interface's own VRF: the hook sees it, as ipv4_input
	 * (routed then in the default VRF, to 192.0.2.50). */
	CU_ASSERT_EQUAL(route(VRF_DEFAULT, "10.0.2.0/24", "192.0.2.50", NULL), 0);
	ipv4_input_vrf(V.r, V.e[4], VRF_DEFAULT, f + 14, n - 14);
	CU_ASSERT_EQUAL(h.calls, 2);
	CU_ASSERT_PTR_EQUAL(h.in, V.e[4]);
	CU_ASSERT_EQUAL(outs(4), 1);		/* the ARP request for 192.0.2.50 */
	CU_ASSERT_EQUAL(outs(0) + outs(1) + outs(2) + outs(3), 0);
	flush_all();
	/* A ping in VRF B is not offered to the hook (in == NULL means the
	 * default VRF). */
	memset(&pp, 0, sizeof(pp));
	addr_set_v4(&pp.dst, ip4("10.0.2.20"));
	pp.repeat = 1;
	pp.vrf = (unsigned)V.b;
	id = ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL(id, 0);
	CU_ASSERT_EQUAL(h.calls, 2);
	CU_ASSERT_EQUAL(outs(3), 1);
	ping_cancel(V.r, id);
	flush_all();
	/* UDP to VRF A's own address: no handler, a port unreachable from
	 * that address back into VRF A. */
	n = mk_udp(f, MAC_R0, MAC_A, "10.0.1.10", "10.0.1.1", 64);
	in(0, f, n);
	CU_ASSERT_EQUAL(udp_calls, 0);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[0], out, sizeof(out), NULL), 14 + 20 + 8 + 28 + 8);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 3);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.1.1"));
	/* To the default VRF's address: the handler takes it. */
	learn(4, MAC_A, "192.0.2.50", "192.0.2.1");
	n = mk_udp(f, MAC_R4, MAC_A, "192.0.2.50", "192.0.2.1", 64);
	in(4, f, n);
	CU_ASSERT_EQUAL(udp_calls, 1);
	CU_ASSERT_EQUAL(outs(4), 0);
	/* TTL 1 in VRF B: Time Exceeded from VRF B's address, out the way
	 * it came. */
	n = mk_udp(f, MAC_R2, MAC_C, "10.0.1.10", "10.0.2.20", 1);
	in(2, f, n);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[2], out, sizeof(out), NULL), 14 + 20 + 8 + 28 + 8);
	CU_ASSERT_EQUAL(out[14 + 20], 11);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(outs(0) + outs(1) + outs(3) + outs(4), 0);
	/* A hook that reads router_hook_vrf() is offered the rest too. */
	router_set_hook_vrf_aware(V.r, true);
	h.calls = 0;
	n = echo(f, 0, MAC_A, "10.0.2.20");
	in(0, f, n);
	CU_ASSERT_EQUAL(h.calls, 1);
	CU_ASSERT_EQUAL(h.vrf, (unsigned)V.a);
	CU_ASSERT_EQUAL(h.src_probe, ip4("192.0.2.1"));	/* still the underlay */
	n = mk_echo(f, MAC_R4, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	ipv4_input_vrf(V.r, V.e[4], (unsigned)V.b, f + 14, n - 14);
	CU_ASSERT_EQUAL(h.calls, 2);
	CU_ASSERT_PTR_EQUAL(h.in, V.e[4]);
	CU_ASSERT_EQUAL(h.vrf, (unsigned)V.b);
	id = ping_start(V.r, &pp, NULL, ping_done, NULL, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL(id, 0);
	CU_ASSERT_EQUAL(h.calls, 3);
	CU_ASSERT_PTR_NULL(h.in);
	CU_ASSERT_EQUAL(h.vrf, (unsigned)V.b);
	ping_cancel(V.r, id);
	/* Outside a hook call it reads the default. */
	CU_ASSERT_EQUAL(router_hook_vrf(V.r), VRF_DEFAULT);
	router_set_fwd_hook(V.r, NULL, NULL);
	router_set_proto_handler(V.r, 17, NULL, NULL);
	vt_teardown();
}

/* IPv6 packets are routed in their VRF too: a VRF B host's echo to
 * 2001:db8:2::20 makes the router solicit that neighbor on Ethernet3
 * only, and VRF A's on Ethernet1 only. */
static void test_ipv6_forwarding(void)
{
	static const uint8_t src[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x10 };
	static const uint8_t dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 0x20 };
	static const char *const a6[4] = { "2001:db8:1::1", "2001:db8:2::1", "2001:db8:1::1",
					   "2001:db8:2::1" };
	static const uint8_t *rmac[4] = { MAC_R0, MAC_R1, MAC_R2, MAC_R3 };
	uint8_t f[256], *ip = f + 14, *icmp = ip + 40;
	struct addr a;
	char err[128];
	uint16_t sum;
	unsigned i;

	vt_setup();
	ipv6_set_routing(V.r, true);
	for (i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL_FATAL(addr_parse(a6[i], &a, NULL, 0), 0);
		CU_ASSERT_EQUAL_FATAL(iface6_add_addr(V.r, V.e[i], &a, 64, false, err, sizeof(err)), 0);
	}
	ev_clock_set(router_loop(V.r), ev_now(router_loop(V.r)) + 3 * T_SEC);	/* DAD */
	router_poll(V.r);
	for (unsigned k = 0; k < 2; k++) {
		unsigned from = k ? 2 : 0, to = k ? 3 : 1, other = k ? 1 : 3;

		flush_all();
		mk_eth(f, rmac[from], MAC_A, 0x86dd);
		memset(icmp, 0, 16);
		icmp[0] = 128;
		ipv6_build_hdr(ip, 16, 58, 64, src, dst);
		sum = ipv6_l4_cksum(ip, 58, icmp, 16);
		memcpy(icmp + 2, &sum, 2);
		in(from, f, 14 + 40 + 16);
		CU_ASSERT_EQUAL(outs(other), 0);
		CU_ASSERT_EQUAL_FATAL(port_mem_pop(V.p[to], out, sizeof(out), NULL) > 0, 1);
		/* A Neighbor Solicitation for the destination. */
		CU_ASSERT_EQUAL(out[14 + 6], 58);
		CU_ASSERT_EQUAL(out[14 + 40], 135);
		CU_ASSERT_EQUAL(memcmp(out + 14 + 40 + 8, dst, 16), 0);
	}
	vt_teardown();
}

/*
 * Overlapping subnets: an address is refused exactly when a subnet of
 * another interface of its VRF overlaps it, whatever came before.  Random
 * changes to six loopbacks in three VRFs (IPv4 and IPv6 addresses set,
 * replaced, removed, interfaces moved between VRFs, deleted and made
 * again), each answer checked against a walk of every interface's
 * addresses (the router's index of subnets must follow every change: a
 * stale subnet refuses a good address, a lost one lets an overlap in).
 */
struct ovl_ref {
	const struct iface *ifp;
	unsigned vrf;
	struct prefix p;
	bool hit;
};

static bool overlaps(const struct prefix *x, const struct prefix *y)
{
	struct prefix a, b;
	unsigned m = x->len < y->len ? x->len : y->len;

	if (x->addr.afi != y->addr.afi)
		return false;
	prefix_make(&a, &x->addr, m);
	prefix_make(&b, &y->addr, m);
	return prefix_eq(&a, &b);
}

static int ovl_fn(struct iface *o, void *arg)
{
	struct ovl_ref *c = arg;
	struct iface6_view v;
	struct prefix q;
	struct addr a;
	unsigned len, i;

	if (o == c->ifp || iface_vrf(o) != c->vrf)
		return 0;
	if (iface_addr(o, &a, &len)) {
		prefix_make(&q, &a, len);
		c->hit |= overlaps(&q, &c->p);
	}
	iface6_view(V.r, o, &v);
	for (i = 0; i < v.n; i++) {
		addr_set_v6(&a, v.g[i].a);
		prefix_make(&q, &a, v.g[i].plen);
		c->hit |= overlaps(&q, &c->p);
	}
	return 0;
}

static bool ref_overlap(struct iface *ifp, const struct addr *a, unsigned len)
{
	struct ovl_ref c;

	memset(&c, 0, sizeof(c));
	c.ifp = ifp;
	c.vrf = iface_vrf(ifp);
	prefix_make(&c.p, a, len);
	iface_foreach(V.r, ovl_fn, &c);
	return c.hit;
}

static void test_overlap_random(void)
{
	static const unsigned len4[] = { 16, 22, 24, 26, 30, 32 };
	static const unsigned len6[] = { 48, 56, 64, 64, 128 };
	struct iface *lo[6];
	char name[16], err[160], msg[256];
	unsigned i, n, refused = 0, taken = 0;
	uint32_t seed = 12345;

	vt_setup();
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "Loopback%u", i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(lo[i] = iface_get(V.r, name, err, sizeof(err)));
	}
	for (n = 0; n < 6000; n++) {
		unsigned k, op, len, vrf;
		struct addr a;
		bool want_fail;
		int rc;

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % 6;
		op = (seed >> 16) % 20;
		seed = seed * 1103515245u + 12345u;
		if (op < 6) {			/* ip address */
			uint32_t net;

			len = len4[(seed >> 8) % 6];
			net = (0x0a000000u | ((seed >> 12) & 0x3ffu)) & (len ? ~0u << (32 - len) : 0);
			addr_set_v4(&a, htonl(len < 31 ? net | 1 : net | ((seed >> 24) & 1)));
			want_fail = ref_overlap(lo[k], &a, len);
			rc = iface_set_addr(V.r, lo[k], &a, len, err, sizeof(err));
			CU_ASSERT_EQUAL(rc, want_fail ? -1 : 0);
			if (rc == -1)
				CU_ASSERT_PTR_NOT_NULL(strstr(err, " overlaps with "));
		} else if (op < 12) {		/* ipv6 address */
			uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8 };

			len = len6[(seed >> 8) % 5];
			b[5] = (uint8_t)((seed >> 12) & 3);
			b[7] = (uint8_t)((seed >> 14) & 3);
			b[15] = (uint8_t)(1 + ((seed >> 16) % 3));
			addr_set_v6(&a, b);
			want_fail = ref_overlap(lo[k], &a, len);
			rc = iface6_add_addr(V.r, lo[k], &a, len, false, err, sizeof(err));
			if (!want_fail && rc == -1)
				CU_ASSERT_PTR_NOT_NULL(strstr(err, "Too many IPv6 addresses"))
			else
				CU_ASSERT_EQUAL(rc, want_fail ? -1 : 0);
			if (want_fail)
				CU_ASSERT_PTR_NOT_NULL(strstr(err, " overlaps with "));
		} else if (op == 12) {
			iface_clear_addr(V.r, lo[k]);
			CU_ASSERT_FALSE(iface_addr(lo[k], NULL, NULL));
			continue;
		} else if (op < 15) {		/* no ipv6 address X */
			struct iface6_view v;

			iface6_view(V.r, lo[k], &v);
			if (!v.n)
				continue;
			i = (seed >> 8) % v.n;
			addr_set_v6(&a, v.g[i].a);
			CU_ASSERT_EQUAL(iface6_del_addr(V.r, lo[k], &a, v.g[i].plen, false, err,
							sizeof(err)), 0);
			continue;
		} else if (op == 15) {
			iface6_reset(V.r, lo[k]);
			continue;
		} else if (op < 19) {		/* vrf forwarding */
			vrf = (seed >> 8) % 3;
			CU_ASSERT_EQUAL(iface_set_vrf(V.r, lo[k], vrf, msg, sizeof(msg)), 0);
			continue;
		} else {			/* no interface, and it again */
			CU_ASSERT_EQUAL_FATAL(iface_delete(V.r, lo[k], err, sizeof(err)), 0);
			snprintf(name, sizeof(name), "Loopback%u", k);
			CU_ASSERT_PTR_NOT_NULL_FATAL(lo[k] = iface_get(V.r, name, err, sizeof(err)));
			continue;
		}
		if (rc == -1)
			refused++;
		else
			taken++;
	}
	/* Both answers came often enough to mean something. */
	CU_ASSERT_TRUE(refused > 500);
	CU_ASSERT_TRUE(taken > 500);
	vt_teardown();
}

static int route6(int vrf, const char *p, const char *gw, const char *ifname)
{
	struct prefix x = pfx(p);
	struct addr g;
	char err[128];

	memset(&g, 0, sizeof(g));
	if (gw)
		CU_ASSERT_EQUAL(addr_parse(gw, &g, NULL, 0), 0);
	return fib6_static_add_vrf(V.r, (unsigned)vrf, &x, gw ? &g : NULL, ifname, 0, err,
				   sizeof(err));
}

/*
 * Interface changes beside static routes change the table as it is, the
 * statics taken out and resolved again (fib_change_begin()), instead of
 * rebuilding it per change (10,000 'no interface' lines beside one static
 * route: 347 s).  3,000 random changes of addresses (set, replaced,
 * removed, both families), shutdowns, VRF moves, deletions and
 * re-creations of loopbacks and a port, each checked against a rebuild, with static
 * routes that resolve through them, recursively, by interface name, on a
 * prefix an interface may also have, and in another VRF.
 */
static void test_statics_beside_changes(void)
{
	static const unsigned len4[] = { 24, 25, 32 };
	struct iface *lo[8];
	char name[16], err[160], ab[64];
	unsigned i, n, through = 0, recursive = 0;
	uint32_t seed = 4242;

	vt_setup();
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "Loopback%u", i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(lo[i] = iface_get(V.r, name, err, sizeof(err)));
	}
	vbind(lo[6], V.a);
	vbind(lo[7], V.a);
	CU_ASSERT_EQUAL(route(0, "20.0.0.0/8", "10.77.1.2", NULL), 0);
	CU_ASSERT_EQUAL(route(0, "20.1.0.0/16", "20.0.0.5", NULL), 0);
	CU_ASSERT_EQUAL(route(0, "21.0.0.0/8", NULL, "Loopback3"), 0);
	CU_ASSERT_EQUAL(route(0, "22.0.0.0/8", "10.77.4.9", "Loopback4"), 0);
	CU_ASSERT_EQUAL(route(0, "10.77.2.0/24", "192.0.2.7", NULL), 0);
	CU_ASSERT_EQUAL(route(0, "23.0.0.0/8", "10.77.5.1", NULL), 0);
	CU_ASSERT_EQUAL(route(0, "0.0.0.0/0", "192.0.2.254", NULL), 0);
	CU_ASSERT_EQUAL(route(V.a, "30.0.0.0/8", "10.77.6.2", NULL), 0);
	CU_ASSERT_EQUAL(route(V.a, "31.0.0.0/8", NULL, "Loopback6"), 0);
	CU_ASSERT_EQUAL(route(0, "24.0.0.0/8", NULL, "Loopback7"), 0);
	CU_ASSERT_EQUAL(route6(0, "2001:db8:aa::/48", "2001:db8:77:1::2", NULL), 0);
	CU_ASSERT_EQUAL(route6(0, "2001:db8:ab::/48", NULL, "Loopback3"), 0);
	CU_ASSERT_EQUAL(route6(0, "2001:db8:77:2::/64", "2001:db8:77:1::7", NULL), 0);
	CU_ASSERT_EQUAL(route6(V.a, "2001:db8:ac::/48", "2001:db8:77:6::2", NULL), 0);
	t_check_as_rebuilt(V.r, 3);
	for (n = 0; n < 3000; n++) {
		unsigned k, op, j;
		struct addr a;
		char *t;

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % 8;
		op = (seed >> 16) % 17;
		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % 8;
		if (op < 5) {			/* ip address, set or replaced */
			unsigned len = len4[(seed >> 12) % 3];

			snprintf(ab, sizeof(ab), "10.77.%u.%u", j, len == 25 ? 129 : 1);
			CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
			iface_set_addr(V.r, lo[k], &a, len, err, sizeof(err));	/* may overlap */
		} else if (op < 7) {		/* no ip address */
			iface_clear_addr(V.r, lo[k]);
		} else if (op < 10) {		/* ipv6 address */
			snprintf(ab, sizeof(ab), "2001:db8:77:%x::1", j);
			CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
			iface6_add_addr(V.r, lo[k], &a, 64, false, err, sizeof(err));
		} else if (op < 11) {		/* no ipv6 address */
			snprintf(ab, sizeof(ab), "2001:db8:77:%x::1", j);
			CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
			iface6_del_addr(V.r, lo[k], &a, 64, false, err, sizeof(err));
		} else if (op < 13) {		/* shutdown, no shutdown */
			iface_set_shutdown(V.r, lo[k], !iface_is_shutdown(lo[k]));
		} else if (op < 14) {		/* no interface, then again */
			snprintf(name, sizeof(name), "%s", iface_name(lo[k]));
			CU_ASSERT_EQUAL_FATAL(iface_delete(V.r, lo[k], err, sizeof(err)), 0);
			CU_ASSERT_PTR_NOT_NULL_FATAL(lo[k] = iface_get(V.r, name, err, sizeof(err)));

		} else if (op < 15) {		/* the port: shut, or its address */
			iface_set_shutdown(V.r, V.e[4], !iface_is_shutdown(V.e[4]));
		} else if (op < 16) {		/* vrf forwarding A, or none */
			vbind(lo[k], iface_vrf(lo[k]) == VRF_DEFAULT ? V.a : VRF_DEFAULT);
		} else {
			snprintf(ab, sizeof(ab), "192.0.%u.1", 2 + (j & 1));
			CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
			iface_set_addr(V.r, V.e[4], &a, 24, err, sizeof(err));
		}
		t = t_fib_text(V.r, 3);
		through += strstr(t, "20.0.0.0/8 ") != NULL;
		recursive += strstr(t, "20.1.0.0/16 ") != NULL;
		free(t);
		t_check_as_rebuilt(V.r, 3);
		if (CU_get_number_of_failures())
			break;
	}
	/* The statics came and went with the interfaces. */
	CU_ASSERT(through > 100 && through < n);
	CU_ASSERT(recursive > 100 && recursive < n);
	vt_teardown();
}

static CU_TestInfo tests[] = {
	{ "static routes beside interface changes", test_statics_beside_changes },
	{ "ids, names and the limit", test_ids_names },
	{ "interface binding removes addresses", test_binding },
	{ "same prefixes, forwarded within their VRF", test_forwarding },
	{ "local addresses per VRF", test_local_per_vrf },
	{ "static routes per VRF", test_statics },
	{ "deleting a VRF", test_delete },
	{ "decapsulated input into a VRF", test_input_vrf },
	{ "IPv6 per VRF", test_ipv6 },
	{ "ping vrf", test_ping_vrf },
	{ "rd, route-targets, description", test_config },
	{ "forwarding hook and protocol handlers see the underlay", test_hooks },
	{ "IPv6 routed in its VRF", test_ipv6_forwarding },
	{ "overlapping subnets refused per VRF, after random changes", test_overlap_random },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "vrf", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

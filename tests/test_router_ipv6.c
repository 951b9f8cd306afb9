/*
 * DOC: the IPv6 router core on memory ports: ND, ICMPv6, forwarding, FIB
 *
 * The two-interface router of test_router_util.h gets 2001:db8:1::1/64 on
 * Ethernet0 (host A 2001:db8:1::10) and 2001:db8:2::1/64 on Ethernet1
 * (host B 2001:db8:2::20), with 'ipv6 unicast-routing'.  The tests push
 * the hosts' frames and check what the router sends, byte by byte where it
 * matters: duplicate address detection, NS/NA and the neighbor cache
 * states, echo, forwarding with the hop limit, Packet Too Big, the errors
 * and their rate limit, static routes, router advertisements, a forwarded
 * frame compared byte for byte, and 20000 mutated frames (bit flips and
 * truncations of valid ones, half of them through an 'ipv6
 * traffic-filter': never a crash, each handled or counted).
 * Every frame the router sent (but the answers to mutated ones) is
 * also written to a capture that tshark decodes at the end (no malformed
 * frame, ICMPv6 checksums good, the types expected); tshark comes from
 * $TSHARK or PATH.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_router_util.h"
#include "test_tshark.h"
#include "icmpv6.h"
#include "ipv6.h"
#include "acl.h"
#include "log.h"
#include "nd.h"
#include "router_int.h"
#include "vrf.h"
#include "cunit_main.h"

static struct trt T;

static uint8_t A6[16], B6[16], R0[16], R1[16], LL_A[16], LL_R0[16];

/* Frames the router sent, for tshark. */
#define MAXCAP 256
static uint8_t *cap_f[MAXCAP];
static size_t cap_len[MAXCAP];
static unsigned ncap;
static bool keeping = true;	/* off for the mutated frames' answers */

static void p6(const char *s, uint8_t out[16])
{
	CU_ASSERT_FATAL(inet_pton(AF_INET6, s, out) == 1);
}

static void keep(const uint8_t *f, size_t n)
{
	if (keeping && ncap < MAXCAP && (cap_f[ncap] = malloc(n))) {
		memcpy(cap_f[ncap], f, n);
		cap_len[ncap++] = n;
	}
}

/* The next frame the router sent on p, kept for tshark; its length. */
static long pop(struct port *p, uint8_t *out, size_t cap)
{
	long n = port_mem_pop(p, out, cap, NULL);

	if (n > 0)
		keep(out, (size_t)n);
	return n;
}

static void drain(struct port *p)
{
	uint8_t f[2048];

	while (pop(p, f, sizeof(f)) > 0)
		;
}

static size_t mk_ip6(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
		     const uint8_t src[16], const uint8_t dst[16], uint8_t nxt,
		     uint8_t hlim, size_t plen)
{
	uint8_t *ip = f + mk_eth(f, dmac, smac, 0x86dd);

	ipv6_build_hdr(ip, (uint16_t)plen, nxt, hlim, src, dst);
	return 14 + 40 + plen;
}

/* An ICMPv6 message of blen body bytes (already at f + 14 + 40 + 4). */
static size_t mk_icmp6(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
		       const uint8_t src[16], const uint8_t dst[16], uint8_t hlim,
		       uint8_t type, uint8_t code, size_t blen)
{
	uint8_t *ip = f + 14, *icmp = ip + 40;
	size_t n = mk_ip6(f, dmac, smac, src, dst, 58, hlim, 4 + blen);
	uint16_t sum;

	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	sum = ipv6_l4_cksum(ip, 58, icmp, 4 + blen);
	memcpy(icmp + 2, &sum, 2);
	return n;
}

static size_t mk_echo6(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
		       const uint8_t src[16], const uint8_t dst[16], uint8_t hlim,
		       uint16_t seq, size_t datalen)
{
	uint8_t *b = f + 14 + 40 + 4;
	size_t i;

	b[0] = 0x12; b[1] = 0x34;
	b[2] = (uint8_t)(seq >> 8); b[3] = (uint8_t)seq;
	for (i = 0; i < datalen; i++)
		b[4 + i] = (uint8_t)i;
	return mk_icmp6(f, dmac, smac, src, dst, hlim, ICMP6_ECHO, 0, 4 + datalen);
}

static size_t mk_ns(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
		    const uint8_t src[16], const uint8_t dst[16], const uint8_t target[16],
		    bool slla)
{
	uint8_t *b = f + 14 + 40 + 4;

	memset(b, 0, 4);
	memcpy(b + 4, target, 16);
	if (slla) {
		b[20] = 1;
		b[21] = 1;
		memcpy(b + 22, smac, 6);
	}
	return mk_icmp6(f, dmac, smac, src, dst, 255, ND_NEIGHBOR_SOLICIT, 0, slla ? 28 : 20);
}

static size_t mk_na(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
		    const uint8_t src[16], const uint8_t dst[16], uint8_t flags)
{
	uint8_t *b = f + 14 + 40 + 4;

	memset(b, 0, 4);
	b[0] = flags;
	memcpy(b + 4, src, 16);
	b[20] = 2;
	b[21] = 1;
	memcpy(b + 22, smac, 6);
	return mk_icmp6(f, dmac, smac, src, dst, 255, ND_NEIGHBOR_ADVERT, 0, 28);
}

static void a6(struct iface *ifp, const char *s, unsigned len)
{
	struct addr x;
	char err[128];

	CU_ASSERT_EQUAL_FATAL(addr_parse(s, &x, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(T.r, ifp, &x, len, false, err, sizeof(err)), 0);
}

static uint64_t d6(enum rt6_drop d)
{
	return router_stats6(T.r)->drops[d];
}

static int setup(void)
{
	trt_setup(&T);
	p6("2001:db8:1::10", A6);
	p6("2001:db8:2::20", B6);
	p6("2001:db8:1::1", R0);
	p6("2001:db8:2::1", R1);
	p6("fe80::aa:ff:fe00:a", LL_A);
	memset(LL_R0, 0, 16);
	LL_R0[0] = 0xfe;
	LL_R0[1] = 0x80;
	ip6_eui64(MAC_R0, LL_R0);
	a6(T.e0, "2001:db8:1::1", 64);
	a6(T.e1, "2001:db8:2::1", 64);
	ipv6_set_routing(T.r, true);
	ipv6_set_icmp_error_interval(T.r, 0, 0);
	t_advance(&T, 2 * T_SEC);		/* DAD done */
	drain(T.p0);
	drain(T.p1);
	router_clear_stats6(T.r);
	return 0;
}

static void teardown(void)
{
	trt_teardown(&T);
}

#define WITH_ROUTER for (int once_ = setup(); once_ == 0; teardown(), once_ = 1)

/* A learns the router's MAC and the router A's: NS from A, NA back. */
static void learn_a(void)
{
	uint8_t f[256], sn[16];
	size_t n;

	ip6_solicited_node(R0, sn);
	n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, A6, sn, R0, true);
	t_in(&T, T.p0, f, n);
	drain(T.p0);
}

static void test_dad(void)
{
	uint8_t f[256], sn[16], ll[16];
	struct iface6_view v;
	struct addr x;
	char err[128];
	long n;

	WITH_ROUTER {
		/* A new address: one NS from :: to its solicited-node group. */
		CU_ASSERT_EQUAL(addr_parse("2001:db8:1::5", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_add_addr(T.r, T.e0, &x, 64, false, err, sizeof(err)), 0);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(n, 14 + 40 + 24);
		ip6_solicited_node(x.u.b, sn);
		CU_ASSERT_EQUAL(memcmp(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 5 }, 6), 0);
		CU_ASSERT_TRUE(ip6_is_unspec(f + 14 + 8));
		CU_ASSERT_EQUAL(memcmp(f + 14 + 24, sn, 16), 0);
		CU_ASSERT_EQUAL(f[14 + 7], 255);
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_SOLICIT);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 48, x.u.b, 16), 0);
		iface6_view(T.r, T.e0, &v);
		CU_ASSERT_EQUAL(v.n, 2);
		CU_ASSERT_EQUAL(v.g[1].state, IP6A_TENTATIVE);
		/* Tentative: not answered, not a destination. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, x.u.b, 64, 1, 8);
		learn_a();
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_TENTATIVE), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		/* Another node's DAD for it: duplicate. */
		n = (long)mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 5 }, MAC_B, (uint8_t[16]){ 0 }, sn, x.u.b, false);
		t_in(&T, T.p0, f, (size_t)n);
		iface6_view(T.r, T.e0, &v);
		CU_ASSERT_EQUAL(v.g[1].state, IP6A_DUPLICATE);
		CU_ASSERT_EQUAL(router_stats6(T.r)->dad_duplicates, 1);
		CU_ASSERT_PTR_NULL(fib6_lookup(T.r, x.u.b) &&
				   fib6_lookup(T.r, x.u.b)->type == FIB_LOCAL ? (void *)1 : NULL);
		/* The link-local is EUI-64 of the MAC and preferred after DAD. */
		CU_ASSERT_EQUAL(memcmp(v.ll.a, LL_R0, 16), 0);
		CU_ASSERT_EQUAL(v.ll.state, IP6A_PREFERRED);
		/* A configured link-local replaces it and runs DAD again. */
		CU_ASSERT_EQUAL(addr_parse("fe80::1", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_set_linklocal(T.r, T.e0, &x, err, sizeof(err)), 0);
		iface6_view(T.r, T.e0, &v);
		p6("fe80::1", ll);
		CU_ASSERT_EQUAL(memcmp(v.ll.a, ll, 16), 0);
		CU_ASSERT_EQUAL(v.ll.state, IP6A_TENTATIVE);
		t_advance(&T, T_SEC + 1);
		iface6_view(T.r, T.e0, &v);
		CU_ASSERT_EQUAL(v.ll.state, IP6A_PREFERRED);
		/* Bad addresses. */
		CU_ASSERT_EQUAL(addr_parse("ff02::1", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_add_addr(T.r, T.e0, &x, 64, false, err, sizeof(err)), -1);
		CU_ASSERT_EQUAL(addr_parse("2001:db8:2::7", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_add_addr(T.r, T.e0, &x, 64, false, err, sizeof(err)), -1);
		CU_ASSERT_STRING_EQUAL(err, "% 2001:db8:2::/64 overlaps with Ethernet1");
		/* eui-64 */
		CU_ASSERT_EQUAL(addr_parse("2001:db8:3::", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_add_addr(T.r, T.lo, &x, 64, true, err, sizeof(err)), 0);
		iface6_view(T.r, T.lo, &v);
		CU_ASSERT_EQUAL(v.n, 1);
		CU_ASSERT_EQUAL(v.g[0].state, IP6A_PREFERRED);	/* no DAD on a loopback */
		CU_ASSERT_EQUAL(memcmp(v.g[0].a + 8, LL_R0 + 8, 8), 0);
		/* The loopback takes the router's base MAC, the first port's:
		 * a new interface that sorts first changes nothing, and the
		 * same line typed again is still the one address it
		 * configures (the running-config would print it twice and
		 * reload it once). */
		{
			static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xa1 };
			struct port *pa = port_mem_open("Aaa0", mac);

			CU_ASSERT_PTR_NOT_NULL_FATAL(iface_attach(T.r, "Aaa0", pa, err, sizeof(err)));
			CU_ASSERT_EQUAL(iface6_add_addr(T.r, T.lo, &x, 64, true, err, sizeof(err)), 0);
			iface6_view(T.r, T.lo, &v);
			CU_ASSERT_EQUAL(v.n, 1);
			CU_ASSERT_EQUAL(memcmp(v.g[0].a + 8, LL_R0 + 8, 8), 0);
			CU_ASSERT_EQUAL(memcmp(v.ll.a, LL_R0, 16), 0);
		}
	}
}

/* A loopback given an eui-64 address before the router has any port
 * makes it (and its link-local) from the first port's MAC when that
 * port comes, and keeps them when another port comes. */
static void test_base_mac(void)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xb7 };
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct iface6_view v;
	struct iface *lo, *e;
	struct addr x;
	uint8_t want[16];
	char err[128];

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	lo = iface_get(r, "Loopback0", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(lo);
	CU_ASSERT_EQUAL(addr_parse("2001:db8:9::", &x, NULL, 0), 0);
	CU_ASSERT_EQUAL(iface6_add_addr(r, lo, &x, 64, true, err, sizeof(err)), 0);
	e = iface_attach(r, "Ethernet5", port_mem_open("Ethernet5", mac), err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	p6("2001:db8:9::", want);
	ip6_eui64(mac, want);
	iface6_view(r, lo, &v);
	CU_ASSERT_EQUAL(v.n, 1);
	CU_ASSERT_EQUAL(memcmp(v.g[0].a, want, 16), 0);
	CU_ASSERT_EQUAL(memcmp(v.ll.a + 8, want + 8, 8), 0);
	CU_ASSERT_EQUAL(v.ll.a[0], 0xfe);
	CU_ASSERT_PTR_NOT_NULL(fib6_lookup(r, want));
	/* A port that sorts first changes nothing. */
	CU_ASSERT_PTR_NOT_NULL(iface_attach(r, "Aaa0", port_mem_open("Aaa0", MAC_A), err, sizeof(err)));
	iface6_view(r, lo, &v);
	CU_ASSERT_EQUAL(memcmp(v.g[0].a, want, 16), 0);
	CU_ASSERT_EQUAL(memcmp(v.ll.a + 8, want + 8, 8), 0);
	router_free(r);
}

static void test_ns_na(void)
{
	uint8_t f[256], sn[16];
	struct nd_info ni;
	long n;

	WITH_ROUTER {
		ip6_solicited_node(R0, sn);
		n = (long)mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, A6, sn, R0, true);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 32);
		CU_ASSERT_EQUAL(memcmp(f, MAC_A, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 6, MAC_R0, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, R0, 16), 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 24, A6, 16), 0);
		CU_ASSERT_EQUAL(f[14 + 7], 255);
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_ADVERT);
		CU_ASSERT_EQUAL(f[14 + 44], 0x80 | 0x40 | 0x20);	/* R S O */
		CU_ASSERT_EQUAL(memcmp(f + 14 + 48, R0, 16), 0);
		CU_ASSERT_EQUAL(f[14 + 64], 2);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 66, MAC_R0, 6), 0);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f + 14, 58, f + 54, 32), 0);
		CU_ASSERT_TRUE_FATAL(nd_get(T.r, T.e0, A6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_STALE);
		CU_ASSERT_EQUAL(memcmp(ni.mac, MAC_A, 6), 0);
		/* Not ours: no answer (no proxy ND), nothing learnt. */
		n = (long)mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 0x20 }, MAC_A, A6, sn, B6, true);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		/* Hop limit not 255: invalid. */
		n = (long)mk_ns(f, MAC_R0, MAC_A, A6, R0, R0, true);
		f[14 + 7] = 64;
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ND_INVALID), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		/* NS from :: to a unicast address: invalid. */
		n = (long)mk_ns(f, MAC_R0, MAC_A, (uint8_t[16]){ 0 }, R0, R0, false);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ND_INVALID), 2);
		/* A zero-length option: invalid. */
		n = (long)mk_ns(f, MAC_R0, MAC_A, A6, R0, R0, true);
		f[14 + 40 + 25] = 0;
		{
			uint16_t s;

			f[14 + 42] = f[14 + 43] = 0;
			s = ipv6_l4_cksum(f + 14, 58, f + 54, 32);
			memcpy(f + 14 + 42, &s, 2);
		}
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ND_INVALID), 3);
	}
}

static void test_echo(void)
{
	uint8_t f[256];
	long n;

	WITH_ROUTER {
		learn_a();
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, R0, 64, 7, 20);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 8 + 20);
		CU_ASSERT_EQUAL(memcmp(f, MAC_A, 6), 0);
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_ECHO_REPLY);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, R0, 16), 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 24, A6, 16), 0);
		CU_ASSERT_EQUAL(f[14 + 47], 7);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f + 14, 58, f + 54, 28), 0);
		/* The other interface's address is ours too. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, R1, 64, 8, 0);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(n, 14 + 40 + 8);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, R1, 16), 0);
		/* Link-local to link-local. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, LL_A, LL_R0, 64, 9, 0);
		t_in(&T, T.p0, f, (size_t)n);
		/* A's link-local is resolved first: NS, then answered. */
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n > 54, 1);
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_SOLICIT);
		n = (long)mk_na(f, MAC_R0, MAC_A, LL_A, LL_R0, 0x40 | 0x20);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 8);
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_ECHO_REPLY);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, LL_R0, 16), 0);
		CU_ASSERT_EQUAL(router_stats6(T.r)->echo[0], 3);
		CU_ASSERT_EQUAL(router_stats6(T.r)->echo_reply[1], 3);
		/* Bad checksum: dropped, counted. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, R0, 64, 10, 0);
		f[14 + 42] ^= 1;
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ICMP_CHECKSUM), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	}
}

/* A -> B through the router: ND on Ethernet1, then the states. */
static void test_forward_nd_states(void)
{
	uint8_t f[256], sn[16];
	struct nd_info ni;
	long n;

	WITH_ROUTER {
		learn_a();
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 1, 16);
		t_in(&T, T.p0, f, (size_t)n);
		/* INCOMPLETE: a multicast NS from the link-local with SLLA. */
		n = pop(T.p1, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 32);
		ip6_solicited_node(B6, sn);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 24, sn, 16), 0);
		CU_ASSERT_TRUE(ip6_is_linklocal(f + 14 + 8));
		CU_ASSERT_EQUAL(f[14 + 64], 1);
		CU_ASSERT_TRUE_FATAL(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_INCOMPLETE);
		CU_ASSERT_EQUAL(ni.queued, 1);
		/* Solicited NA: REACHABLE, the packet leaves with hop limit 63. */
		n = (long)mk_na(f, MAC_R1, MAC_B, B6, R1, 0x40 | 0x20);
		t_in(&T, T.p1, f, (size_t)n);
		n = pop(T.p1, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 8 + 16);
		CU_ASSERT_EQUAL(memcmp(f, MAC_B, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 6, MAC_R1, 6), 0);
		CU_ASSERT_EQUAL(f[14 + 7], 63);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f + 14, 58, f + 54, 24), 0);
		CU_ASSERT_TRUE(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_REACHABLE);
		CU_ASSERT_EQUAL(router_stats6(T.r)->forwarded, 1);
		CU_ASSERT_EQUAL(fib6_lookup(T.r, B6)->pkts, 1);
		/* ReachableTime later: STALE; a packet: DELAY; 5 s: PROBE. */
		t_advance(&T, 31 * T_SEC);
		CU_ASSERT_TRUE(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_STALE);
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 2, 0);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		drain(T.p1);
		CU_ASSERT_TRUE(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_DELAY);
		t_advance(&T, 5 * T_SEC);
		CU_ASSERT_TRUE(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_PROBE);
		/* The probe is a unicast NS to B's MAC. */
		n = pop(T.p1, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 32);
		CU_ASSERT_EQUAL(memcmp(f, MAC_B, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 24, B6, 16), 0);
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_SOLICIT);
		/* An answer makes it REACHABLE again ... */
		n = (long)mk_na(f, MAC_R1, MAC_B, B6, R1, 0x40 | 0x20);
		t_in(&T, T.p1, f, (size_t)n);
		CU_ASSERT_TRUE(nd_get(T.r, T.e1, B6, &ni));
		CU_ASSERT_EQUAL(ni.state, ND_REACHABLE);
		/* ... silence deletes it after the unicast probes. */
		t_advance(&T, 31 * T_SEC);
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 3, 0);
		t_in(&T, T.p0, f, (size_t)n);
		t_advance(&T, 5 * T_SEC);
		t_advance(&T, T_SEC);
		t_advance(&T, T_SEC);
		t_advance(&T, T_SEC);
		CU_ASSERT_FALSE(nd_get(T.r, T.e1, B6, NULL));
		drain(T.p1);
		/* An unsolicited NA with a new MAC for an unknown neighbor is
		 * not learnt; an NS from it is (STALE). */
		n = (long)mk_na(f, MAC_R1, MAC_B, B6, R1, 0x20);
		t_in(&T, T.p1, f, (size_t)n);
		CU_ASSERT_FALSE(nd_get(T.r, T.e1, B6, NULL));
		/* 'clear ipv6 neighbors' */
		CU_ASSERT(nd_count(T.r) > 0);
		nd_clear(T.r);
		CU_ASSERT_EQUAL(nd_count(T.r), 0);
	}
}

static void test_incomplete_bounded(void)
{
	uint8_t f[256], dst[16];
	unsigned i, ns = 0, unreach = 0;
	long n;

	WITH_ROUTER {
		learn_a();
		p6("2001:db8:2::99", dst);
		for (i = 0; i < 10; i++) {
			n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, dst, 64, (uint16_t)i, 0);
			t_in(&T, T.p0, f, (size_t)n);
		}
		CU_ASSERT_EQUAL(d6(RT6_DROP_ND_QUEUE_FULL), 10 - ND_QUEUE_DEFAULT);
		for (i = 0; i < 4; i++)
			t_advance(&T, T_SEC);
		while ((n = pop(T.p1, f, sizeof(f))) > 0)
			ns += f[14 + 40] == ND_NEIGHBOR_SOLICIT;
		CU_ASSERT_EQUAL(ns, ND_MAX_MCAST_SOL);
		CU_ASSERT_FALSE(nd_get(T.r, T.e1, dst, NULL));
		CU_ASSERT_EQUAL(d6(RT6_DROP_ND_UNRESOLVED), ND_QUEUE_DEFAULT);
		/* Each waiting packet: address unreachable back to A. */
		while ((n = pop(T.p0, f, sizeof(f))) > 0)
			if (f[14 + 40] == ICMP6_UNREACH && f[14 + 41] == ICMP6_UNREACH_ADDR)
				unreach++;
		CU_ASSERT_EQUAL(unreach, ND_QUEUE_DEFAULT);
	}
}

static void test_errors(void)
{
	uint8_t f[2048], dst[16];
	long n;

	WITH_ROUTER {
		learn_a();
		/* Hop limit 1: Time Exceeded from the receiving interface. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 1, 1, 8);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_HOPLIMIT), 1);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 40 + 8 + 40 + 16);
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_TIME_EXCEEDED);
		CU_ASSERT_EQUAL(f[14 + 41], 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, R0, 16), 0);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 48 + 24, B6, 16), 0);	/* the quote */
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f + 14, 58, f + 54, (size_t)n - 54), 0);
		/* No route: unreachable code 0. */
		p6("2001:db9::1", dst);
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, dst, 64, 2, 0);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_NO_ROUTE), 1);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_UNREACH);
		CU_ASSERT_EQUAL(f[14 + 41], ICMP6_UNREACH_NOROUTE);
		/* Too big for Ethernet1: Packet Too Big with its MTU, never
		 * fragmented. */
		{
			char err[64];

			CU_ASSERT_EQUAL(iface_set_mtu(T.r, T.e1, 1400, err, sizeof(err)), 0);
		}
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 3, 1400);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_TOO_BIG), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 1280);		/* quote cut at the minimum MTU */
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_TOO_BIG);
		CU_ASSERT_EQUAL(f[14 + 44] << 24 | f[14 + 45] << 16 | f[14 + 46] << 8 | f[14 + 47], 1400);
		/* 'no ipv6 unreachables' on Ethernet0: no unreachable about what
		 * came in on it (suppressed); Packet Too Big still goes. */
		iface_set_unreachables(T.e0, true, false);
		{
			uint64_t sup = router_stats6(T.r)->icmp_suppressed;

			n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, dst, 64, 2, 0);
			t_in(&T, T.p0, f, (size_t)n);
			CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
			CU_ASSERT_EQUAL(router_stats6(T.r)->icmp_suppressed, sup + 1);
			n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 3, 1400);
			t_in(&T, T.p0, f, (size_t)n);
			n = pop(T.p0, f, sizeof(f));
			CU_ASSERT_EQUAL(f[14 + 40], ICMP6_TOO_BIG);
			iface_set_unreachables(T.e0, true, true);
		}
		/* A link-local source cannot leave its link. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, LL_A, B6, 64, 4, 0);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_SCOPE), 1);
		drain(T.p0);
		/* Not about an ICMPv6 error. */
		n = (long)mk_icmp6(f, MAC_R0, MAC_A, A6, B6, 1, ICMP6_UNREACH, 0, 4 + 48);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(router_stats6(T.r)->icmp_suppressed, 2);	/* and the one above */
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		/* Unknown upper layer for us: Parameter Problem code 1 at 6. */
		n = (long)mk_ip6(f, MAC_R0, MAC_A, A6, R0, 253, 64, 8);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n > 54, 1);
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_PARAM_PROB);
		CU_ASSERT_EQUAL(f[14 + 41], 1);
		CU_ASSERT_EQUAL(f[14 + 47], 6);
		/* UDP to us: port unreachable. */
		n = (long)mk_ip6(f, MAC_R0, MAC_A, A6, R0, 17, 64, 8);
		t_in(&T, T.p0, f, (size_t)n);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_UNREACH);
		CU_ASSERT_EQUAL(f[14 + 41], ICMP6_UNREACH_PORT);
		/* Malformed: never answered, each counted. */
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, R0, 64, 5, 0);
		t_in(&T, T.p0, f, 14 + 30);
		CU_ASSERT_EQUAL(d6(RT6_DROP_TRUNCATED), 1);
		f[14] = 0x40;
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_VERSION), 1);
		f[14] = 0x60;
		f[14 + 5] = 200;
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_LENGTH), 1);
		f[14 + 5] = 8;
		f[14 + 8] = 0xff;
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_BAD_SRC), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		/* A host: no forwarding, no error. */
		ipv6_set_routing(T.r, false);
		n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 6, 0);
		t_in(&T, T.p0, f, (size_t)n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_NOT_ROUTER), 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0) + port_mem_out_count(T.p1), 0);
	}
}

static void test_ratelimit(void)
{
	uint8_t f[256], dst[16];
	unsigned i;
	long n;

	WITH_ROUTER {
		learn_a();
		ipv6_set_icmp_error_interval(T.r, 100, 10);
		p6("2001:db9::1", dst);
		for (i = 0; i < 15; i++) {
			n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, dst, 64, (uint16_t)i, 0);
			t_in(&T, T.p0, f, (size_t)n);
		}
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 10);
		CU_ASSERT_EQUAL(router_stats6(T.r)->icmp_ratelimited, 5);
		drain(T.p0);
		t_advance(&T, 250 * 1000000ull);	/* two tokens back */
		for (i = 0; i < 3; i++) {
			n = (long)mk_echo6(f, MAC_R0, MAC_A, A6, dst, 64, (uint16_t)i, 0);
			t_in(&T, T.p0, f, (size_t)n);
		}
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 2);
		CU_ASSERT_EQUAL(router_stats6(T.r)->icmp_ratelimited, 6);
		drain(T.p0);
	}
}

static int count_routes(const struct fib_entry *e, void *arg)
{
	(*(unsigned *)arg)++;
	return 0;
}

static void test_fib(void)
{
	struct prefix p;
	struct addr gw;
	struct fib_entry *e;
	uint8_t x[16], f[256];
	unsigned n = 0;
	char err[128];
	long len;

	WITH_ROUTER {
		/* connected + local per interface */
		fib6_route_foreach(T.r, count_routes, &n);
		CU_ASSERT_EQUAL(n, 4);
		CU_ASSERT_EQUAL(fib6_count(T.r), 4);
		CU_ASSERT_EQUAL(fib6_lookup(T.r, R0)->type, FIB_LOCAL);
		CU_ASSERT_EQUAL(fib6_lookup(T.r, A6)->type, FIB_CONNECTED);
		CU_ASSERT_EQUAL(fib_count(T.r), 5);		/* IPv4 unchanged */
		/* static via a next hop, resolved recursively */
		CU_ASSERT_EQUAL(prefix_parse("2001:db8:99::/48", &p, NULL, 0), 0);
		CU_ASSERT_EQUAL(addr_parse("2001:db8:2::20", &gw, NULL, 0), 0);
		CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &gw, NULL, 0, err, sizeof(err)), 0);
		p6("2001:db8:99:1::5", x);
		e = fib6_lookup(T.r, x);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->type, FIB_STATIC);
		CU_ASSERT_PTR_EQUAL(e->oif, T.e1);
		CU_ASSERT_EQUAL(memcmp(e->gw6, B6, 16), 0);
		/* default via a link-local next hop needs the interface */
		CU_ASSERT_EQUAL(prefix_parse("::/0", &p, NULL, 0), 0);
		CU_ASSERT_EQUAL(addr_parse("fe80::aa:ff:fe00:a", &gw, NULL, 0), 0);
		CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &gw, NULL, 0, err, sizeof(err)), -1);
		CU_ASSERT_STRING_EQUAL(err, "% Interface has to be specified for a link-local nexthop");
		CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &gw, "Ethernet0", 0, err, sizeof(err)), 0);
		p6("2001:4860::1", x);
		e = fib6_lookup(T.r, x);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_PTR_EQUAL(e->oif, T.e0);
		CU_ASSERT_EQUAL(memcmp(e->gw6, LL_A, 16), 0);
		/* to Null0: discard, no ICMP reachable route */
		CU_ASSERT_EQUAL(prefix_parse("2001:db8:66::/48", &p, NULL, 0), 0);
		CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, NULL, "Null0", 0, err, sizeof(err)), 0);
		p6("2001:db8:66::1", x);
		e = fib6_lookup(T.r, x);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_PTR_NULL(e->oif);
		CU_ASSERT_TRUE(e->flags & FIB_F_DISCARD);
		/* Forwarding via the link-local next hop: ND for it. */
		learn_a();
		p6("2001:4860::1", x);
		len = (long)mk_echo6(f, MAC_R1, MAC_B, B6, x, 64, 1, 0);
		t_in(&T, T.p1, f, (size_t)len);
		len = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(len > 54, 1);
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_SOLICIT);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 48, LL_A, 16), 0);
		/* no ipv6 route */
		CU_ASSERT_EQUAL(prefix_parse("2001:db8:99::/48", &p, NULL, 0), 0);
		CU_ASSERT_EQUAL(addr_parse("2001:db8:2::20", &gw, NULL, 0), 0);
		CU_ASSERT_EQUAL(fib6_static_del(T.r, &p, &gw, NULL, err, sizeof(err)), 0);
		p6("2001:db8:99:1::5", x);
		CU_ASSERT_EQUAL(fib6_lookup(T.r, x)->prefix.len, 0);	/* the default now */
		/* Shutdown removes the interface's routes, no shutdown
		 * brings them back (after DAD). */
		iface_set_shutdown(T.r, T.e1, true);
		CU_ASSERT_PTR_NULL(fib6_lookup(T.r, R1) && fib6_lookup(T.r, R1)->type == FIB_LOCAL ?
				   (void *)1 : NULL);
		iface_set_shutdown(T.r, T.e1, false);
		CU_ASSERT_EQUAL(fib6_lookup(T.r, R1)->type, FIB_LOCAL);
	}
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
	return *s >> 11;
}

/*
 * An IPv6 address adds its routes to the table as it is, and a static
 * route that nothing depends on goes in as it is, unless a rebuild could
 * make another table (10,000 pasted loopbacks took 28 s, 5,000 'ipv6
 * route' lines 3.4 s): after each change the table is the rebuilt one.
 * Addresses: /64 and /128, a second and a third on one loopback (one in
 * the first's subnet), on a shut down loopback, eui-64.  Statics, added
 * and removed at random: next hops on a connected subnet, through other
 * statics, unresolvable; prefixes covering other next hops; the same
 * prefix at other distances; Null0 and an interface.
 */
static void test_fib_incremental(void)
{
	struct iface *ifp;
	struct prefix p;
	struct addr a;
	char name[32], ab[64], err[128], *t;
	unsigned i;

	WITH_ROUTER {
		for (i = 1; i <= 120; i++) {
			snprintf(name, sizeof(name), "Loopback%u", i);
			CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, name, err, sizeof(err)));
			if (i == 7)
				iface_set_shutdown(T.r, ifp, true);
			snprintf(ab, sizeof(ab), "2001:db8:100:%x::1", i);
			a6(ifp, ab, i % 3 ? 64 : 128);
			t_check_as_rebuilt(T.r, 1);
			if (i % 10 == 0) {
				snprintf(ab, sizeof(ab), "2001:db8:200:%x::1", i);
				a6(ifp, ab, 64);
				t_check_as_rebuilt(T.r, 1);
				snprintf(ab, sizeof(ab), "2001:db8:100:%x::2", i);
				a6(ifp, ab, 64);	/* the first one's subnet */
				t_check_as_rebuilt(T.r, 1);
			}
		}
		CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:300::", &a, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_add_addr(T.r, iface_find(T.r, "Loopback5"), &a, 64, true, err,
						sizeof(err)), 0);
		t_check_as_rebuilt(T.r, 1);
		t = t_fib_text(T.r, 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:100:4::/64 "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:100:3::1/128 "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:300::/64 "));
		CU_ASSERT_PTR_NULL(strstr(t, "2001:db8:100:7::"));	/* shut down */
		free(t);
		/* Taken away as they are too: the second address of a subnet
		 * (its route stays for the first), one of its own, all of an
		 * interface's, interfaces deleted (three addresses, a /128). */
		{
			struct addr x;

			CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:100:a::2", &x, NULL, 0), 0);
			CU_ASSERT_EQUAL(iface6_del_addr(T.r, iface_find(T.r, "Loopback10"), &x, 64, false,
							err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
			t = t_fib_text(T.r, 1);
			CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:100:a::/64 "));
			free(t);
			CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:200:14::1", &x, NULL, 0), 0);
			CU_ASSERT_EQUAL(iface6_del_addr(T.r, iface_find(T.r, "Loopback20"), &x, 64, false,
							err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
			iface6_reset(T.r, iface_find(T.r, "Loopback30"));
			t_check_as_rebuilt(T.r, 1);
			CU_ASSERT_EQUAL(iface_delete(T.r, iface_find(T.r, "Loopback40"), err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
			CU_ASSERT_EQUAL(iface_delete(T.r, iface_find(T.r, "Loopback3"), err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
			t = t_fib_text(T.r, 1);
			CU_ASSERT_PTR_NULL(strstr(t, "2001:db8:100:28::"));
			CU_ASSERT_PTR_NULL(strstr(t, "2001:db8:100:1e::"));
			CU_ASSERT_PTR_NULL(strstr(t, "2001:db8:100:3::1/128"));
			CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:100:4::/64 "));
			free(t);
		}
		{
			uint64_t seed = 0x13198A2E03707344ull;
			struct { struct prefix p; struct addr g; const char *ifn; } v[64];
			unsigned n = 0, same = 0, removed = 0;

			for (i = 0; i < 500; i++) {
				unsigned x = (unsigned)xorshift(&seed), len = 32 + x % 33, k;
				char pb[64], gb[64];
				const char *ifn = NULL;
				char *before, *after;
				struct addr g = { 0 };

				if (n && (x >> 24) % 4 == 0) {	/* remove one */
					k = (x >> 12) % n;
					before = t_fib_text(T.r, 1);
					CU_ASSERT_EQUAL(fib6_static_del(T.r, &v[k].p, v[k].g.afi ? &v[k].g : NULL,
									v[k].ifn, err, sizeof(err)), 0);
					v[k] = v[--n];
					removed++;
					free(before);
					t_check_as_rebuilt(T.r, 1);
					continue;
				}
				snprintf(pb, sizeof(pb), "2001:db8:%x:%x::/%u", 0x400 + x % 3, (x >> 3) % 4,
					 len > 64 ? 64 : len);
				if (prefix_parse(pb, &p, NULL, 0) == -1)
					continue;
				switch ((x >> 9) % 5) {
				case 0:		/* on a loopback's /64 */
					snprintf(gb, sizeof(gb), "2001:db8:100:%x::9",
						 1 + ((x >> 12) % 40) * 3);
					break;
				case 1:		/* through another static */
					snprintf(gb, sizeof(gb), "2001:db8:%x:%x::7", 0x400 + (x >> 12) % 3,
						 (x >> 14) % 4);
					break;
				case 2:
					snprintf(gb, sizeof(gb), "2001:db8:999::%x", 1 + (x >> 12) % 200);
					break;
				default:
					gb[0] = '\0';
					ifn = (x >> 12) % 2 ? "Null0" : "Loopback8";
					break;
				}
				if (gb[0])
					CU_ASSERT_EQUAL_FATAL(addr_parse(gb, &g, NULL, 0), 0);
				before = t_fib_text(T.r, 1);
				if (fib6_static_add(T.r, &p, gb[0] ? &g : NULL, ifn,
							1 + (x >> 18) % 3, err, sizeof(err)) == 0 &&
				    n < 64) {
					for (k = 0; k < n; k++)	/* not there already */
						if (prefix_eq(&v[k].p, &p) && addr_eq(&v[k].g, &g) &&
						    v[k].ifn == ifn)
							break;
					if (k == n) {
						v[n].p = p;
						v[n].g = g;
						v[n++].ifn = ifn;
					}
				}
				after = t_fib_text(T.r, 1);
				same += !strcmp(before, after);
				free(before);
				free(after);
				t_check_as_rebuilt(T.r, 1);
			}
			CU_ASSERT(same > 0 && same < 500);	/* some changed nothing */
			CU_ASSERT(removed > 50);
		}
		/* Two statics through one next hop G, not resolved; one goes,
		 * then a static covering G arrives: the other now resolves
		 * through it (the index of next hops still holds G). */
		{
			static const char *const add[][2] = {
				{ "2001:db8:600::/48", "2001:db8:500:1::7" },
				{ "2001:db8:601::/48", "2001:db8:500:1::7" },
			};
			struct fib_entry *e;
			uint8_t x[16];

			for (i = 0; i < 2; i++) {
				CU_ASSERT_EQUAL_FATAL(prefix_parse(add[i][0], &p, NULL, 0), 0);
				CU_ASSERT_EQUAL_FATAL(addr_parse(add[i][1], &a, NULL, 0), 0);
				CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &a, NULL, 1, err, sizeof(err)), 0);
			}
			CU_ASSERT_EQUAL(fib6_static_del(T.r, &p, &a, NULL, err, sizeof(err)), 0);
			CU_ASSERT_EQUAL_FATAL(prefix_parse("2001:db8:500:1::/64", &p, NULL, 0), 0);
			CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:2::20", &a, NULL, 0), 0);
			CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &a, NULL, 1, err, sizeof(err)), 0);
			p6("2001:db8:600::1", x);
			CU_ASSERT_PTR_NOT_NULL_FATAL(e = fib6_lookup(T.r, x));
			CU_ASSERT_PTR_EQUAL(e->oif, T.e1);
			CU_ASSERT_EQUAL(memcmp(e->gw6, B6, 16), 0);
			t_check_as_rebuilt(T.r, 1);
		}
		/* An address taken away with statics present: rebuilt. */
		{
			struct addr x;

			CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:100:a::1", &x, NULL, 0), 0);
			CU_ASSERT_EQUAL(iface6_del_addr(T.r, iface_find(T.r, "Loopback10"), &x, 64, false,
							err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
			CU_ASSERT_EQUAL(iface_delete(T.r, iface_find(T.r, "Loopback50"), err, sizeof(err)), 0);
			t_check_as_rebuilt(T.r, 1);
		}
		/* An address with statics present: the table is rebuilt. */
		CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, "Loopback500", err, sizeof(err)));
		a6(ifp, "2001:db8:999::1", 64);
		t_check_as_rebuilt(T.r, 1);
		t = t_fib_text(T.r, 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:999::/64 "));
		free(t);
	}
}

/* The router's own ping (ping ipv6 A). */
static unsigned marks_n;
static char marks[16];

static void on_probe(void *arg, unsigned seq, char m)
{
	if (marks_n < sizeof(marks) - 1)
		marks[marks_n++] = m;
}

static void test_ping6(void)
{
	struct ping_params pp;
	uint8_t f[256];
	char err[128];
	long n;
	unsigned id;

	WITH_ROUTER {
		learn_a();
		memset(&pp, 0, sizeof(pp));
		addr_set_v6(&pp.dst, A6);
		pp.repeat = 2;
		marks_n = 0;
		memset(marks, 0, sizeof(marks));
		id = ping_start(T.r, &pp, on_probe, NULL, NULL, err, sizeof(err));
		CU_ASSERT_FATAL(id > 0);
		n = pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL_FATAL(n, 14 + 100);
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_ECHO);
		CU_ASSERT_EQUAL(memcmp(f + 14 + 8, R0, 16), 0);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f + 14, 58, f + 54, 60), 0);
		/* A answers */
		{
			uint8_t *ip = f + 14, *icmp = ip + 40, tmp[16];
			uint16_t s;

			memcpy(f, MAC_R0, 6);
			memcpy(f + 6, MAC_A, 6);
			memcpy(tmp, ip + 8, 16);
			memcpy(ip + 8, ip + 24, 16);
			memcpy(ip + 24, tmp, 16);
			icmp[0] = ICMP6_ECHO_REPLY;
			icmp[2] = icmp[3] = 0;
			s = ipv6_l4_cksum(ip, 58, icmp, 60);
			memcpy(icmp + 2, &s, 2);
			t_in(&T, T.p0, f, (size_t)n);
		}
		CU_ASSERT_STRING_EQUAL(marks, "!");
		t_advance(&T, 1);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 1);
		drain(T.p0);
		t_advance(&T, 3 * T_SEC);
		CU_ASSERT_STRING_EQUAL(marks, "!.");
		/* a link-local needs the interface */
		addr_set_v6(&pp.dst, LL_A);
		CU_ASSERT_EQUAL(ping_start(T.r, &pp, on_probe, NULL, NULL, err, sizeof(err)), 0);
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Ethernet0");
		CU_ASSERT(ping_start(T.r, &pp, on_probe, NULL, NULL, err, sizeof(err)) > 0);
	}
}

static void test_ra(void)
{
	uint8_t f[512], rs[16];
	long n;
	int ras = 0;

	WITH_ROUTER {
		/* Suppressed by default: nothing, even to a solicitation. */
		p6("ff02::2", rs);
		n = (long)mk_icmp6(f, (uint8_t[6]){ 0x33, 0x33, 0, 0, 0, 2 }, MAC_A, LL_A, rs, 255,
				   ND_ROUTER_SOLICIT, 0, 4);
		t_in(&T, T.p0, f, (size_t)n);
		t_advance(&T, 300 * T_SEC);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		CU_ASSERT_EQUAL(router_stats6(T.r)->rs[0], 1);
		/* 'no ipv6 nd ra suppress': periodic RAs from the link-local. */
		iface6_set_ra_suppress(T.r, T.e0, false);
		t_advance(&T, 3 * T_SEC);
		while ((n = pop(T.p0, f, sizeof(f))) > 0) {
			const uint8_t *ip = f + 14, *icmp = ip + 40, *o;

			CU_ASSERT_EQUAL_FATAL(icmp[0], ND_ROUTER_ADVERT);
			CU_ASSERT_EQUAL(memcmp(f, (uint8_t[6]){ 0x33, 0x33, 0, 0, 0, 1 }, 6), 0);
			CU_ASSERT_EQUAL(memcmp(ip + 8, LL_R0, 16), 0);
			CU_ASSERT_EQUAL(ip[7], 255);
			CU_ASSERT_EQUAL(icmp[6] << 8 | icmp[7], ND_RA_LIFETIME_S);
			CU_ASSERT_EQUAL(ipv6_l4_cksum(ip, 58, icmp, (size_t)n - 54), 0);
			/* SLLA, MTU, then the /64 prefix, on-link and autonomous */
			o = icmp + 16;
			CU_ASSERT_EQUAL(o[0], 1);
			CU_ASSERT_EQUAL(memcmp(o + 2, MAC_R0, 6), 0);
			CU_ASSERT_EQUAL(o[8], 5);
			CU_ASSERT_EQUAL(o[14] << 8 | o[15], 1500);
			CU_ASSERT_EQUAL(o[16], 3);
			CU_ASSERT_EQUAL(o[18], 64);
			CU_ASSERT_EQUAL(o[19], 0xc0);
			CU_ASSERT_EQUAL(memcmp(o + 32, R0, 8), 0);
			ras++;
		}
		CU_ASSERT_EQUAL(ras, 1);
		/* A solicitation is answered (not within 3 s of the last). */
		t_in(&T, T.p0, f, (size_t)mk_icmp6(f, (uint8_t[6]){ 0x33, 0x33, 0, 0, 0, 2 }, MAC_A,
						  LL_A, rs, 255, ND_ROUTER_SOLICIT, 0, 4));
		t_advance(&T, 4 * T_SEC);
		t_in(&T, T.p0, f, (size_t)mk_icmp6(f, (uint8_t[6]){ 0x33, 0x33, 0, 0, 0, 2 }, MAC_A,
						  LL_A, rs, 255, ND_ROUTER_SOLICIT, 0, 4));
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 1);
		drain(T.p0);
		/* Every 200 s after that; none once routing is off. */
		t_advance(&T, 201 * T_SEC);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 1);
		drain(T.p0);
		ipv6_set_routing(T.r, false);
		t_advance(&T, 401 * T_SEC);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	}
}

/* The forwarded frame is the received one with new MACs and the hop
 * limit one less: byte for byte. */
static void test_golden_forward(void)
{
	uint8_t in[256], want[256], out[256];
	long n, m;

	WITH_ROUTER {
		learn_a();
		n = (long)mk_na(in, MAC_R1, MAC_B, B6, R1, 0x20);	/* unsolicited: not learnt */
		t_in(&T, T.p1, in, (size_t)n);
		/* B known through its NS */
		n = (long)mk_ns(in, MAC_R1, MAC_B, B6, R1, R1, true);
		t_in(&T, T.p1, in, (size_t)n);
		drain(T.p1);
		n = (long)mk_echo6(in, MAC_R0, MAC_A, A6, B6, 17, 0x4242, 56);
		memcpy(want, in, (size_t)n);
		memcpy(want, MAC_B, 6);
		memcpy(want + 6, MAC_R1, 6);
		want[14 + 7] = 16;
		t_in(&T, T.p0, in, (size_t)n);
		m = pop(T.p1, out, sizeof(out));
		CU_ASSERT_EQUAL_FATAL(m, n);
		CU_ASSERT_EQUAL(memcmp(out, want, (size_t)n), 0);
		/* Ethernet padding is not forwarded. */
		memset(in + n, 0, 16);
		t_in(&T, T.p0, in, (size_t)n + 16);
		m = pop(T.p1, out, sizeof(out));
		CU_ASSERT_EQUAL(m, n);
	}
}

/* Mutated IPv6 frames never crash or stall the router; each is handled
 * or dropped and counted (run under ASan/UBSan in the sanitizer build). */
static void test_mutations(void)
{
	uint8_t base[8][256], f[300], sn[16], dst[16];
	size_t blen[8];
	uint32_t seed = 12345;
	unsigned i, k;

	keeping = false;
	WITH_ROUTER {
		learn_a();
		ip6_solicited_node(R0, sn);
		p6("2001:db9::1", dst);
		blen[0] = mk_echo6(base[0], MAC_R0, MAC_A, A6, R0, 64, 1, 20);
		blen[1] = mk_echo6(base[1], MAC_R0, MAC_A, A6, B6, 64, 2, 20);
		blen[2] = mk_ns(base[2], (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, A6, sn, R0, true);
		blen[3] = mk_na(base[3], MAC_R0, MAC_A, A6, R0, 0x60);
		blen[4] = mk_echo6(base[4], MAC_R0, MAC_A, A6, dst, 1, 3, 20);
		blen[5] = mk_icmp6(base[5], MAC_R0, MAC_A, LL_A, LL_R0, 255, ND_ROUTER_SOLICIT, 0, 4);
		/* hop-by-hop then destination options then ICMPv6 */
		blen[6] = mk_ip6(base[6], MAC_R0, MAC_A, A6, R0, 0, 64, 24);
		memset(base[6] + 54, 0, 24);
		base[6][54] = 60;
		base[6][62] = 58;
		base[6][63] = 1;
		blen[7] = mk_ip6(base[7], MAC_R0, MAC_A, A6, R0, 44, 64, 16);
		for (i = 0; i < 20000; i++) {
			unsigned b = i % 8, flips;
			size_t len = blen[b];

			memcpy(f, base[b], len);
			seed = seed * 1103515245u + 12345u;
			flips = 1 + (seed >> 16) % 4;
			for (k = 0; k < flips; k++) {
				seed = seed * 1103515245u + 12345u;
				f[14 + (seed >> 8) % (len - 14)] ^= (uint8_t)(1u << ((seed >> 4) & 7));
			}
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 5 == 0)
				len = 14 + (seed >> 4) % (len - 13);
			if (i == 10000) {	/* the second half through an in list */
				struct acl_rule v[3];

				for (k = 0; k < 3; k++) {
					acl_rule_any(&v[k]);
					v[k].v6 = v[k].permit = v[k].l4 = true;
					v[k].seq = 10 * (k + 1);
				}
				v[0].proto = 6, v[0].dport_lo = v[0].dport_hi = 22;
				v[1].proto = 58, v[1].icmp_type = ICMP6_ECHO;
				v[2].l4 = false, v[2].src6_len = 64;
				memcpy(v[2].src6, A6, 8);
				v[0].log = v[1].log = true;	/* the flow cache, fed mutants */
				log_init(64, false);
				CU_ASSERT_EQUAL(router_acl_set(T.r, true, "M", v, 3), 0);
				CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, true, false, "M"), 0);
			}
			t_in(&T, T.p0, f, len);
			if (i % 500 == 0) {
				t_advance(&T, T_SEC);
				drain(T.p0);
				drain(T.p1);
			}
		}
		CU_ASSERT(router_stats6(T.r)->rx > 15000);
		CU_ASSERT(nd_count(T.r) <= ND_CACHE_MAX);
		CU_ASSERT(d6(RT6_DROP_ACL) > 0);		/* sources flipped out of A's /64 */
		CU_ASSERT(router_acl_matches(T.r, true, "M", 30) > 1000);
		CU_ASSERT(router_acl_matches(T.r, true, "M", 20) > 100);
		t_advance(&T, 600 * T_SEC);		/* the flows' lines, their end */
		log_shutdown();
		drain(T.p0);
		drain(T.p1);
	}
	keeping = true;
}

/* Every frame the router sent above, through tshark. */
static void test_tshark(void)
{
	char line[512];
	struct ts_run t;
	unsigned i, lines = 0, bad = 0, good_sum = 0, icmp = 0;
	FILE *p;

	CU_ASSERT_FATAL(ncap > 20);
	ts_create(&t, DLT_EN10MB);
	for (i = 0; i < ncap; i++)
		ts_add(&t, cap_f[i], cap_len[i]);
	p = ts_run(&t, "-T fields -E separator=/t -E occurrence=f "
		   "-e frame.number -e ipv6.version -e icmpv6.type -e icmpv6.checksum.status "
		   "-e _ws.malformed -e _ws.expert.severity");
	while (fgets(line, sizeof(line), p)) {
		char *c[6] = { 0 };
		int k = ts_split(line, c, 6);

		lines++;
		if (k < 6 || strcmp(c[1], "6") || c[4][0]) {
			fprintf(stderr, "tshark: frame %s not clean: %s|%s|%s|%s\n", c[0], c[1],
				c[2] ? c[2] : "", c[3] ? c[3] : "", c[4] ? c[4] : "");
			bad++;
			continue;
		}
		if (c[2][0]) {
			icmp++;
			if (strcmp(c[3], "1") == 0)	/* 1: Good */
				good_sum++;
			else
				fprintf(stderr, "tshark: frame %s type %s checksum status %s\n",
					c[0], c[2], c[3]);
		}
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(lines, ncap);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(icmp > 20);
	CU_ASSERT_EQUAL(good_sum, icmp);
	for (i = 0; i < ncap; i++)
		free(cap_f[i]);
	ncap = 0;
}

/*
 * 'shutdown' and 'no shutdown' take an interface's routes out and put
 * them back without a rebuild when the VRF has no static route: after
 * each of 400 random toggles of loopbacks (IPv4 /32 and /24, IPv6 /64,
 * a second address in a subnet, a /128, none) and of the Ethernets
 * (IPv6 addresses going through DAD again), and of 'ipv6 enable' and
 * link-local addresses, the table is the rebuilt one; then the same with
 * static routes present (rebuilt), one through a loopback whose IPv6
 * runs only with 'ipv6 enable'.
 */
static void test_shutdown_incremental(void)
{
	struct iface *lo[40], *ifp;
	struct addr a;
	struct prefix p;
	char name[32], ab[64], err[128], *t;
	uint32_t seed = 777;
	unsigned i, n, downs = 0;

	WITH_ROUTER {
		for (i = 0; i < 40; i++) {
			snprintf(name, sizeof(name), "Loopback%u", i);
			CU_ASSERT_PTR_NOT_NULL_FATAL(lo[i] = iface_get(T.r, name, err, sizeof(err)));
			if (i % 5 != 4) {
				snprintf(ab, sizeof(ab), "10.77.%u.1", i);
				CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
				CU_ASSERT_EQUAL(iface_set_addr(T.r, lo[i], &a, i % 2 ? 32 : 24, err,
							       sizeof(err)), 0);
			}
			if (i % 3 != 2) {
				snprintf(ab, sizeof(ab), "2001:db8:77:%x::1", i);
				a6(lo[i], ab, i % 7 == 6 ? 128 : 64);
			}
			if (i % 8 == 0) {
				snprintf(ab, sizeof(ab), "2001:db8:77:%x::2", i);
				a6(lo[i], ab, 64);
			}
		}
		t_check_as_rebuilt(T.r, 1);
		iface_set_shutdown(T.r, lo[0], true);
		t = t_fib_text(T.r, 1);
		CU_ASSERT_PTR_NULL(strstr(t, "10.77.0.0/24 "));
		CU_ASSERT_PTR_NULL(strstr(t, "2001:db8:77::/64 "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.77.1.1/32 "));
		free(t);
		t_check_as_rebuilt(T.r, 1);
		iface_set_shutdown(T.r, lo[0], false);
		t = t_fib_text(T.r, 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.77.0.0/24 "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:77::/64 "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "2001:db8:77::2/128 "));
		free(t);
		for (n = 0; n < 400; n++) {
			if (n == 300) {		/* a static: rebuilt from now on */
				CU_ASSERT_EQUAL(prefix_parse("2001:db8:99::/48", &p, NULL, 0), 0);
				CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:77:3::9", &a, NULL, 0), 0);
				CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, &a, NULL, 1, err, sizeof(err)), 0);
			}
			if (n == 300) {		/* and one through a loopback without an address */
				CU_ASSERT_EQUAL(prefix_parse("2001:db8:98::/48", &p, NULL, 0), 0);
				CU_ASSERT_EQUAL(fib6_static_add(T.r, &p, NULL, "Loopback2", 1, err,
								sizeof(err)), 0);
			}
			seed = seed * 1103515245u + 12345u;
			i = (seed >> 8) % 44;
			ifp = i < 40 ? lo[i] : i % 2 ? T.e1 : T.e0;
			if ((seed >> 24) % 4 == 0) {	/* ipv6 enable, or a link-local */
				struct iface6_view v;

				iface6_view(T.r, ifp, &v);
				if ((seed >> 26) % 2) {
					iface6_set_enable(T.r, ifp, !v.enable);
				} else {
					CU_ASSERT_EQUAL_FATAL(addr_parse("fe80::77", &a, NULL, 0), 0);
					CU_ASSERT_EQUAL(iface6_set_linklocal(T.r, ifp, v.ll_manual ? NULL : &a,
									     err, sizeof(err)), 0);
				}
				t_check_as_rebuilt(T.r, 1);
				continue;
			}
			downs += !iface_is_shutdown(ifp);
			iface_set_shutdown(T.r, ifp, !iface_is_shutdown(ifp));
			if ((seed >> 20) % 4 == 0)
				t_advance(&T, 2 * T_SEC);	/* DAD done on the Ethernets */
			t_check_as_rebuilt(T.r, 1);
		}
		CU_ASSERT_TRUE(downs > 70);
		/* The static through Loopback2 follows its 'ipv6 enable'. */
		iface_set_shutdown(T.r, lo[2], false);
		for (n = 0; n < 2; n++) {
			struct iface6_view v;

			iface6_view(T.r, lo[2], &v);
			iface6_set_enable(T.r, lo[2], !v.enable);
			t_check_as_rebuilt(T.r, 1);
			t = t_fib_text(T.r, 1);
			CU_ASSERT_EQUAL(strstr(t, "2001:db8:98::/48 ") != NULL, !v.enable);
			free(t);
		}
	}
}

/* The old answer of iface6_owns(r, NULL, a): a walk over every
 * interface of the current VRF. */
struct owns_ref {
	const uint8_t *a;
	bool yes;
};

static int owns_ref_one(struct iface *ifp, void *arg)
{
	struct owns_ref *o = arg;
	struct ip6_ifaddr *x;

	if (iface_vrf(ifp) == VRF_DEFAULT && (x = iface6_find_addr(ifp, o->a)) &&
	    x->state == IP6A_PREFERRED)
		o->yes = true;
	return 0;
}

static unsigned owns_compare(const uint8_t (*v)[16], unsigned n)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < n; i++) {
		struct owns_ref o = { .a = v[i] };

		if (!ip6_is_linklocal(v[i]))	/* a link-local needs its link */
			iface_foreach(T.r, owns_ref_one, &o);
		if (o.yes != iface6_owns(T.r, NULL, v[i]))
			bad++;
	}
	return bad;
}

/* Whether the router has an address (an ITR-RLOC of a Map-Request, a
 * ping source) is one FIB lookup, not a walk over every interface: the
 * same answers through DAD, shutdown, a VRF move, removal and duplicate
 * detection, for its addresses and for others of the same subnets. */
static void test_owns_by_fib(void)
{
	uint8_t v[64][16], f[256], sn[16];
	struct iface *lo[8];
	char name[32], ab[64], err[128];
	struct addr x;
	unsigned n = 0, i, owned = 0;
	int blue;

	WITH_ROUTER {
		CU_ASSERT_FATAL((blue = vrf_create(T.r, "blue", false, err, sizeof(err))) > 0);
		vrf_set_af(T.r, (unsigned)blue, VRF_AF_IPV6, true);
		for (i = 0; i < 8; i++) {
			snprintf(name, sizeof(name), "Loopback%u", i + 1);
			CU_ASSERT_PTR_NOT_NULL_FATAL(lo[i] = iface_get(T.r, name, err, sizeof(err)));
			snprintf(ab, sizeof(ab), "2001:db8:50:%x::1", i);
			a6(lo[i], ab, 64);
			p6(ab, v[n++]);
			snprintf(ab, sizeof(ab), "2001:db8:50:%x::2", i);
			p6(ab, v[n++]);
		}
		a6(T.e0, "2001:db8:1::9", 64);		/* tentative until DAD ends */
		p6("2001:db8:1::9", v[n++]);
		a6(T.e1, "2001:db8:2::9", 64);
		p6("2001:db8:2::9", v[n++]);
		memcpy(v[n++], R0, 16);
		memcpy(v[n++], R1, 16);
		memcpy(v[n++], A6, 16);
		memcpy(v[n++], LL_R0, 16);
		p6("2001:db8:99::1", v[n++]);
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
		for (i = 0; i < n; i++)
			owned += iface6_owns(T.r, NULL, v[i]);
		CU_ASSERT(owned >= 9);
		CU_ASSERT_FALSE(iface6_owns(T.r, NULL, v[n - 6]));	/* 2001:db8:1::9, tentative */
		t_advance(&T, T_SEC + 1);
		CU_ASSERT_TRUE(iface6_owns(T.r, NULL, v[n - 6]));
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
		iface_set_shutdown(T.r, lo[1], true);
		CU_ASSERT_FALSE(iface6_owns(T.r, NULL, v[2]));
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
		CU_ASSERT_EQUAL(iface_set_vrf(T.r, lo[2], (unsigned)blue, err, sizeof(err)), 0);
		a6(lo[2], "2001:db8:50:2::1", 64);
		CU_ASSERT_FALSE(iface6_owns(T.r, NULL, v[4]));		/* in blue now */
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
		CU_ASSERT_EQUAL(addr_parse("2001:db8:50:3::1", &x, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface6_del_addr(T.r, lo[3], &x, 64, false, err, sizeof(err)), 0);
		CU_ASSERT_FALSE(iface6_owns(T.r, NULL, v[6]));
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
		/* A duplicate found by DAD is not ours. */
		a6(T.e0, "2001:db8:1::a", 64);
		p6("2001:db8:1::a", v[n++]);
		ip6_solicited_node(v[n - 1], sn);
		i = (unsigned)mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 0x0a }, MAC_B, (uint8_t[16]){ 0 }, sn,
				    v[n - 1], false);
		t_in(&T, T.p0, f, i);
		t_advance(&T, T_SEC + 1);
		CU_ASSERT_FALSE(iface6_owns(T.r, NULL, v[n - 1]));
		CU_ASSERT_EQUAL(owns_compare(v, n), 0);
	}
}

/* An IPv6 list's rule: proto (-1 any), source and destination prefixes
 * ("" any). */
static struct acl_rule rule6(unsigned seq, bool permit, int proto, const char *src, unsigned slen,
			     const char *dst, unsigned dlen)
{
	struct acl_rule r;

	acl_rule_any(&r);
	r.v6 = true;
	r.seq = seq;
	r.permit = permit;
	r.proto = proto;
	if (*src)
		p6(src, r.src6), r.src6_len = (uint8_t)slen;
	if (*dst)
		p6(dst, r.dst6), r.dst6_len = (uint8_t)dlen;
	return r;
}

/* A UDP or TCP packet from A's side to dst port dport behind ext (0: no
 * extension header; 0 or 44: one hop-by-hop or fragment header, frag its
 * offset field). */
static size_t mk_l4_6(uint8_t *f, const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint16_t dport,
		      int ext, uint16_t frag)
{
	uint8_t *ip = f + 14, *x = ip + 40, *l4;
	size_t hl = ext >= 0 ? 8 : 0, l4len = proto == 6 ? 20 : 8;
	uint16_t sum;

	mk_ip6(f, MAC_R0, MAC_A, src, dst, ext >= 0 ? (uint8_t)ext : proto, 64, hl + l4len);
	if (ext >= 0) {
		memset(x, 0, 8);
		x[0] = proto;
		if (ext == 0)
			x[2] = 1, x[3] = 4;	/* PadN */
		else
			x[2] = (uint8_t)(frag >> 8), x[3] = (uint8_t)frag;
	}
	l4 = x + hl;
	memset(l4, 0, l4len);
	l4[0] = 0x9c, l4[1] = 0x40;		/* 40000 */
	l4[2] = (uint8_t)(dport >> 8), l4[3] = (uint8_t)dport;
	if (proto == 6)
		l4[12] = 0x50, l4[13] = 0x02;
	else
		l4[5] = (uint8_t)l4len;
	sum = ipv6_l4_cksum(ip, proto, l4, l4len);
	memcpy(l4 + (proto == 6 ? 16 : 6), &sum, 2);
	return 14 + 40 + hl + l4len;
}

static char acl6_line[200];

static void acl6_sink(void *arg, int level, const char *line)
{
	const char *m = strstr(line, "%IPV6_ACL-");

	(void)arg;
	(void)level;
	if (m && !acl6_line[0])
		snprintf(acl6_line, sizeof(acl6_line), "%s", m);
}

/* 'ipv6 verify unicast source reachable-via rx | any' on Ethernet0: A's
 * prefix is behind it (by), B's behind Ethernet1 (strict: dropped, loose:
 * by), an address with no route (dropped either way); link-local sources
 * and Neighbor Discovery are not checked. */
static void test_urpf6(void)
{
	uint8_t f[256], far[16], sn[16];
	size_t n;

	p6("2001:db8:3::5", far);
	WITH_ROUTER {
		learn_a();
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_B, B6, (uint8_t[16]){ 0xff, 2, [11] = 1,
			  0xff, 0, 0, 1 }, R1, true);
		t_in(&T, T.p1, f, n);
		drain(T.p1);
		iface_set_urpf(T.e0, true, URPF_RX, false);
		n = mk_l4_6(f, A6, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		drain(T.p1);
		n = mk_l4_6(f, B6, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		n = mk_l4_6(f, far, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
		CU_ASSERT_EQUAL(d6(RT6_DROP_URPF), 2);
		CU_ASSERT_EQUAL(iface_urpf_drops(T.e0, true), 2);
		iface_set_urpf(T.e0, true, URPF_ANY, false);
		n = mk_l4_6(f, B6, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		n = mk_l4_6(f, far, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_URPF), 3);
		/* ND from a link-local address: answered. */
		drain(T.p0);
		ip6_solicited_node(R0, sn);
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, LL_A, sn, R0, true);
		t_in(&T, T.p0, f, n);
		n = (size_t)pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_ADVERT);
		CU_ASSERT_EQUAL(d6(RT6_DROP_URPF), 3);
	}
}

/* Every line logged while a test listens (the log lock held). */
static char dbg6_lines[16][200];
static unsigned dbg6_n;

static void dbg6_sink(void *arg, int level, const char *line)
{
	(void)arg;
	(void)level;
	if (dbg6_n < 16)
		snprintf(dbg6_lines[dbg6_n++], sizeof(dbg6_lines[0]), "%s", line);
}

/* Is there a line logged that ends with want? */
static bool dbg6_has(const char *want)
{
	for (unsigned i = 0; i < dbg6_n; i++) {
		size_t l = strlen(dbg6_lines[i]), w = strlen(want);

		if (l >= w && !strcmp(dbg6_lines[i] + l - w, want))
			return true;
	}
	return false;
}

/* 'debug ipv6 packet': IOS's three lines per packet (the source and the
 * interface it came in on, the destination and the one it goes out of,
 * the traffic class, flow, length, protocol, hop limit and what became of
 * it); with a list, only the packets it permits (ND through its implicit
 * permits); detail adds the upper layer; 'debug ip packet' shows none. */
static void test_debug_packet(void)
{
	struct acl_rule only[1] = { rule6(10, true, 17, "", 0, "", 0) };
	uint8_t f[256], far[16];
	size_t n;
	int sink;

	p6("2001:db8:3::5", far);
	WITH_ROUTER {
		learn_a();
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_B, B6, (uint8_t[16]){ 0xff, 2, [11] = 1,
			  0xff, 0, 0, 1 }, R1, true);
		t_in(&T, T.p1, f, n);
		drain(T.p1);
		log_init(64, false);
		sink = log_sink_add(dbg6_sink, NULL);
		debug_set(DEBUG_IP_PACKET, true);
		dbg6_n = 0;
		n = mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 1, 8);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(dbg6_n, 0);	/* IPv4's debugging */
		debug_set(DEBUG_IP_PACKET, false);
		debug_set(DEBUG_IPV6_PACKET, true);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(dbg6_n, 3);
		CU_ASSERT_TRUE(dbg6_has("IPV6: source 2001:DB8:1::10 (Ethernet0)"));
		CU_ASSERT_TRUE(dbg6_has("      dest 2001:DB8:2::20 (Ethernet1)"));
		CU_ASSERT_TRUE(dbg6_has("      traffic class 0, flow 0x0, len 56, prot 58, hops 64, forwarding"));
		/* Only UDP, with detail: the echo is not shown, a datagram is;
		 * so is a Neighbor Solicitation (the implicit permit). */
		CU_ASSERT_EQUAL(router_acl_set(T.r, true, "ONLY", only, 1), 0);
		router_set_debug_filter(T.r, true, "ONLY", true);
		dbg6_n = 0;
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(dbg6_n, 0);
		n = mk_l4_6(f, far, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(dbg6_n, 4);
		CU_ASSERT_TRUE(dbg6_has("IPV6: source 2001:DB8:3::5 (Ethernet0)"));
		CU_ASSERT_TRUE(dbg6_has("    UDP src=40000, dst=53"));
		dbg6_n = 0;
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, A6, (uint8_t[16]){ 0xff, 2, [11] = 1,
			  0xff, 0, 0, 1 }, R0, true);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_TRUE(dbg6_has("    ICMPv6 type=135, code=0"));
		debug_set(DEBUG_IPV6_PACKET, false);
		router_set_debug_filter(T.r, true, NULL, false);
		log_sink_del(sink);
		log_shutdown();
	}
}

/* An ICMPv6 error back to A on e0: Destination Unreachable, code. */
static bool unreach_to_a(uint8_t code)
{
	uint8_t f[2048];
	long n = pop(T.p0, f, sizeof(f));

	return n > 14 + 48 && !memcmp(f + 14 + 24, A6, 16) && f[14 + 40] == ICMP6_UNREACH && f[14 + 41] == code;
}

/*
 * 'ipv6 traffic-filter': the in list on e0 is met before routing (by what
 * is for the router too), the out list on e1 by what is forwarded out of
 * it.  The protocol is the one after the extension headers, a non-initial
 * fragment meets only rules without layer-4 conditions; Neighbor
 * Solicitations and Advertisements pass unless a rule denies them (IOS's
 * implicit permits before the implicit deny); a denied packet is counted
 * and answered with Destination Unreachable, administratively prohibited;
 * an IPv4 list of the same name is another list; a packet the ETR
 * decapsulated never meets e0's in list.
 */
static void test_traffic_filter(void)
{
	uint8_t f[256], sn[16], far[16];
	struct acl_rule in[4] = {
		rule6(10, false, 58, "2001:db8:1::10", 128, "2001:db8:2::", 64),
		rule6(20, true, 6, "", 0, "", 0),
		rule6(30, true, -1, "2001:db8:1::", 64, "", 0),
		rule6(40, false, -1, "", 0, "", 0),
	};
	struct acl_rule outr[2] = {
		rule6(10, false, 17, "", 0, "", 0),
		rule6(20, true, -1, "", 0, "", 0),
	};
	size_t n;
	uint64_t fw;
	int sink;

	in[0].icmp_type = ICMP6_ECHO, in[0].l4 = true, in[0].log = true;
	in[1].dport_lo = in[1].dport_hi = 22, in[1].l4 = true;
	outr[0].dport_lo = outr[0].dport_hi = 53, outr[0].l4 = true;
	p6("2001:db8:3::5", far);
	WITH_ROUTER {
		{	/* the traffic class 'dscp' reads: 0xb8 (EF) across the first two bytes */
			uint8_t h[40] = { 0x6b, 0x80, [6] = 59 };
			struct acl_pkt p;
			struct acl_rule ef;

			acl_pkt_of6(h, sizeof(h), &p);
			CU_ASSERT_EQUAL(p.tclass, 0xb8);
			acl_rule_any(&ef);
			ef.v6 = ef.permit = true;
			ef.dscp = 46;
			CU_ASSERT_EQUAL(router_acl_set(T.r, true, "EF", &ef, 1), 0);
			CU_ASSERT_TRUE(router_acl_permits(T.r, "EF", &p));
			p.tclass = 0;
			CU_ASSERT_FALSE(router_acl_permits(T.r, "EF", &p));
		}
		learn_a();
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_B, B6, (uint8_t[16]){ 0xff, 2, [11] = 1,
			  0xff, 0, 0, 1 }, R1, true);
		t_in(&T, T.p1, f, n);		/* the router learns B */
		drain(T.p1);
		CU_ASSERT_EQUAL(router_acl_set(T.r, true, "F", in, 3), 0);
		CU_ASSERT_EQUAL(router_acl_set(T.r, false, "F", NULL, 0), 0);	/* IPv4's F: another list */
		CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, true, false, "F"), 0);
		CU_ASSERT_STRING_EQUAL(iface_access_group(T.e0, true, false), "F");
		CU_ASSERT_STRING_EQUAL(iface_access_group(T.e0, false, false), "");
		/* A's echo to B: rule 10 denies it, and logs it as IOS. */
		log_init(64, false);
		sink = log_sink_add(acl6_sink, NULL);
		n = mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 1, 8);
		t_in(&T, T.p0, f, n);
		log_sink_del(sink);
		log_shutdown();
		CU_ASSERT_STRING_EQUAL(acl6_line, "%IPV6_ACL-6-ACCESSLOGDP: list F/10 denied icmpv6 2001:DB8:1::10 -> "
				       "2001:DB8:2::20 (128/0), 1 packet");
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 1);
		CU_ASSERT_TRUE(unreach_to_a(ICMP6_UNREACH_ADMIN));
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 10), 1);
		/* A's echo to the router: rule 30 permits it, answered. */
		n = mk_echo6(f, MAC_R0, MAC_A, A6, R0, 64, 2, 8);
		t_in(&T, T.p0, f, n);
		n = (size_t)pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(f[14 + 40], ICMP6_ECHO_REPLY);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 30), 1);
		/* From outside A's prefix: TCP to 22 behind a hop-by-hop
		 * header (rule 20), forwarded; UDP meets nothing: denied. */
		fw = router_stats6(T.r)->forwarded;
		n = mk_l4_6(f, far, B6, 6, 22, 0, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(router_stats6(T.r)->forwarded, fw + 1);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 20), 1);
		drain(T.p1);
		n = mk_l4_6(f, far, B6, 17, 22, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 2);
		/* A non-initial fragment of the TCP packet has no port: denied;
		 * the first fragment has one: permitted. */
		n = mk_l4_6(f, far, B6, 6, 22, 44, 0x0008 | 1);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 3);
		n = mk_l4_6(f, far, B6, 6, 22, 44, 1);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(router_stats6(T.r)->forwarded, fw + 2);
		/* 'permit tcp any any fragments' lets the later fragments by. */
		{
			struct acl_rule w[4] = { in[0], in[1], in[2], rule6(25, true, 6, "", 0, "", 0) };

			w[3].fragments = true;
			w[3].seq = 25;
			CU_ASSERT_EQUAL(router_acl_set(T.r, true, "F", (struct acl_rule[4]){ w[0], w[1], w[3], w[2] }, 4),
					0);
		}
		n = mk_l4_6(f, far, B6, 6, 22, 44, 0x0008 | 1);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(router_stats6(T.r)->forwarded, fw + 3);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 25), 1);
		CU_ASSERT_EQUAL(router_acl_set(T.r, true, "F", in, 3), 0);
		drain(T.p0);
		drain(T.p1);
		/* A link-local NS meets no rule: the implicit permit, answered. */
		ip6_solicited_node(R0, sn);
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, LL_A, sn, R0, true);
		t_in(&T, T.p0, f, n);
		n = (size_t)pop(T.p0, f, sizeof(f));
		CU_ASSERT_EQUAL(f[14 + 40], ND_NEIGHBOR_ADVERT);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 3);
		/* An explicit 'deny ipv6 any any' stops it. */
		CU_ASSERT_EQUAL(router_acl_set(T.r, true, "F", in, 4), 0);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 10), 1);	/* kept */
		n = mk_ns(f, (uint8_t[6]){ 0x33, 0x33, 0xff, 0, 0, 1 }, MAC_A, LL_A, sn, R0, true);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);	/* no NA, and no error to a multicast */
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 4);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "F", 40), 1);
		/* Decapsulated by the ETR: e0's in list does not apply. */
		fw = router_stats6(T.r)->forwarded;
		n = mk_echo6(f, MAC_R0, MAC_A, A6, B6, 64, 3, 8);
		ipv6_input_vrf(T.r, T.e0, VRF_DEFAULT, f + 14, n - 14);
		CU_ASSERT_EQUAL(router_stats6(T.r)->forwarded, fw + 1);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 4);
		drain(T.p1);
		/* The out list on e1: UDP to 53 stops at the router. */
		CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, true, false, NULL), 0);
		CU_ASSERT_EQUAL(router_acl_set(T.r, true, "O", outr, 2), 0);
		CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e1, true, true, "O"), 0);
		n = mk_l4_6(f, A6, B6, 17, 53, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
		CU_ASSERT_EQUAL(d6(RT6_DROP_ACL), 5);
		CU_ASSERT_TRUE(unreach_to_a(ICMP6_UNREACH_ADMIN));
		n = mk_l4_6(f, A6, B6, 17, 54, -1, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "O", 10), 1);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, true, "O", 20), 1);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "O", 20), 0);
		drain(T.p1);
		/* Deleted: nothing filtered; the interface keeps the name. */
		router_acl_del(T.r, true, "O");
		t_in(&T, T.p0, f, mk_l4_6(f, A6, B6, 17, 53, -1, 0));
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		CU_ASSERT_STRING_EQUAL(iface_access_group(T.e1, true, true), "O");
		drain(T.p1);
	}
}

static CU_TestInfo tests[] = {
	{ "DAD, link-local, address checks", test_dad },
	{ "own addresses by the FIB", test_owns_by_fib },
	{ "base MAC of the interfaces without a port", test_base_mac },
	{ "NS answered with NA, cache learns", test_ns_na },
	{ "echo to every address", test_echo },
	{ "forwarding and ND states", test_forward_nd_states },
	{ "INCOMPLETE queue bounded, fails", test_incomplete_bounded },
	{ "ICMPv6 errors and drops", test_errors },
	{ "ICMPv6 error rate limit", test_ratelimit },
	{ "IPv6 FIB and static routes", test_fib },
	{ "IPv6 routes added without a rebuild, as one would make them", test_fib_incremental },
	{ "shutdown and no shutdown without a rebuild", test_shutdown_incremental },
	{ "ping ipv6", test_ping6 },
	{ "router advertisements", test_ra },
	{ "forwarded frame, byte for byte", test_golden_forward },
	{ "20000 mutated frames", test_mutations },
	{ "ipv6 traffic-filter in and out", test_traffic_filter },
	{ "debug ipv6 packet: IOS's lines, the list, detail", test_debug_packet },
	{ "ipv6 verify unicast source: rx, any", test_urpf6 },
	{ "tshark decodes every frame sent", test_tshark },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "router_ipv6", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

CUNIT_MAIN(suites)

/*
 * DOC: unit tests of router-originated ping on memory ports
 */
#include <stdio.h>
#include <string.h>

#include "test_router_util.h"
#include "stats.h"

static struct trt T;
static uint8_t out[2048];

struct pstate {
	char marks[200];
	struct ping_result res;
	int done;
};

static int setup(void) { return 0; }
static int teardown(void) { return 0; }

static void on_probe(void *arg, unsigned seq, char m)
{
	struct pstate *s = arg;
	size_t n = strlen(s->marks);

	s->marks[n] = m;
	s->marks[n + 1] = '\0';
}

static void on_done(void *arg, const struct ping_result *res)
{
	struct pstate *s = arg;

	s->res = *res;
	s->done++;
}

static unsigned start(struct pstate *s, const char *dst, const char *srcif,
		      const char *src, unsigned repeat, unsigned size)
{
	struct ping_params pp;
	char err[160];
	unsigned id;

	memset(&pp, 0, sizeof(pp));
	memset(s, 0, sizeof(*s));
	addr_set_v4(&pp.dst, ip4(dst));
	if (srcif)
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "%s", srcif);
	if (src)
		addr_set_v4(&pp.src, ip4(src));
	pp.repeat = repeat;
	pp.size = size;
	id = ping_start(T.r, &pp, on_probe, on_done, s, err, sizeof(err));
	if (!id)
		snprintf(s->marks, sizeof(s->marks), "%s", err);
	return id;
}

/* Answer the echo request in 'out' (n bytes) as host mac would, on p. */
static bool reply_out(struct port *p, const uint8_t mac[6], long n)
{
	uint8_t *ip = out + 14, *icmp = ip + 20, tmp[4];
	uint16_t sum;

	if (n < 14 + 28 || ip[9] != 1 || icmp[0] != 8)
		return false;
	memcpy(out, out + 6, 6);
	memcpy(out + 6, mac, 6);
	memcpy(tmp, ip + 12, 4);
	memcpy(ip + 12, ip + 16, 4);
	memcpy(ip + 16, tmp, 4);
	ip[8] = 64;
	ip[10] = ip[11] = 0;
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	icmp[0] = 0;
	icmp[2] = icmp[3] = 0;
	sum = ipv4_cksum(icmp, (size_t)n - 34);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, p, out, (size_t)n);
	return true;
}

static bool answer(struct port *p, const uint8_t mac[6])
{
	return reply_out(p, mac, port_mem_pop(p, out, sizeof(out), NULL));
}

static void test_ping_replies(void)
{
	struct pstate s;
	const uint8_t *ip = out + 14;
	int i;

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_NOT_EQUAL(start(&s, "10.0.2.20", NULL, NULL, 3, 0), 0);
	CU_ASSERT_EQUAL(ping_active(T.r), 1);
	for (i = 0; i < 3; i++) {
		/* Check the request, then reply after (i + 1) ms. */
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
		CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 114);
		CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.2.1"));
		CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.2.20"));
		CU_ASSERT_EQUAL(get16(ip + 2), 100);
		CU_ASSERT_EQUAL(ip[8], 255);
		CU_ASSERT_EQUAL(ipv4_cksum(ip, 20), 0);
		CU_ASSERT_EQUAL(ipv4_cksum(ip + 20, 80), 0);
		CU_ASSERT_EQUAL(get16(ip + 26), i + 1);
		CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
		t_advance(&T, (uint64_t)(i + 1) * 1000000);
		CU_ASSERT_TRUE(reply_out(T.p1, MAC_B, 114));
		CU_ASSERT_EQUAL(strlen(s.marks), (size_t)i + 1);
		t_advance(&T, 0);
	}
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_STRING_EQUAL(s.marks, "!!!");
	CU_ASSERT_STRING_EQUAL(s.res.marks, "!!!");
	CU_ASSERT_EQUAL(s.res.sent, 3);
	CU_ASSERT_EQUAL(s.res.received, 3);
	CU_ASSERT_EQUAL(s.res.rtt_min_us, 1000);
	CU_ASSERT_EQUAL(s.res.rtt_max_us, 3000);
	CU_ASSERT_EQUAL(s.res.rtt_sum_us, 6000);
	CU_ASSERT_EQUAL(ping_active(T.r), 0);
	trt_teardown(&T);
}

static void test_ping_timeout_and_arp(void)
{
	struct pstate s;

	trt_setup(&T);
	/* Nobody answers ARP: every probe times out after 2 s. */
	CU_ASSERT_NOT_EQUAL(start(&s, "10.0.2.30", NULL, NULL, 2, 0), 0);
	t_advance(&T, 1999 * 1000000ull);
	CU_ASSERT_STRING_EQUAL(s.marks, "");
	t_advance(&T, 1000000);
	CU_ASSERT_STRING_EQUAL(s.marks, ".");
	t_advance(&T, 2 * T_SEC);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_STRING_EQUAL(s.res.marks, "..");
	CU_ASSERT_EQUAL(s.res.sent, 2);
	CU_ASSERT_EQUAL(s.res.received, 0);
	/* The ARP entry resolves late: the queued probe then leaves. */
	CU_ASSERT_NOT_EQUAL(start(&s, "10.0.2.20", NULL, NULL, 1, 0), 0);
	port_mem_flush(T.p1);
	{
		uint8_t f[64];
		size_t n = mk_arp(f, MAC_R1, 2, MAC_B, ip4("10.0.2.20"), MAC_R1, ip4("10.0.2.1"));

		t_in(&T, T.p1, f, n);
	}
	CU_ASSERT_TRUE(answer(T.p1, MAC_B));
	t_advance(&T, 0);
	CU_ASSERT_STRING_EQUAL(s.res.marks, "!");
	trt_teardown(&T);
}

static void test_ping_source(void)
{
	struct pstate s;
	unsigned id;

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	id = start(&s, "10.0.2.20", "Loopback0", NULL, 1, 200);
	CU_ASSERT_NOT_EQUAL(id, 0);
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 214);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("2.2.2.2"));
	ping_cancel(T.r, id);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL(s.res.src.u.v4, ip4("2.2.2.2"));
	CU_ASSERT_EQUAL(s.res.sent, 1);
	CU_ASSERT_TRUE(s.res.cancelled);
	CU_ASSERT_NOT_EQUAL(start(&s, "10.0.2.20", NULL, "10.0.1.1", 1, 0), 0);
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 114);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("10.0.1.1"));
	/* Bad sources and sizes are refused with IOS's words. */
	CU_ASSERT_EQUAL(start(&s, "10.0.2.20", "Ethernet9", NULL, 1, 0), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(s.marks, "Invalid source interface"));
	CU_ASSERT_EQUAL(start(&s, "10.0.2.20", NULL, "10.9.9.9", 1, 0), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(s.marks, "Invalid source address"));
	CU_ASSERT_EQUAL(start(&s, "10.0.2.20", NULL, NULL, 1, 20), 0);
	iface_set_shutdown(T.r, T.lo, true);
	CU_ASSERT_EQUAL(start(&s, "10.0.2.20", "Loopback0", NULL, 1, 0), 0);
	trt_teardown(&T);
}

static void test_ping_self(void)
{
	struct pstate s;
	int i;

	trt_setup(&T);
	CU_ASSERT_NOT_EQUAL(start(&s, "2.2.2.2", NULL, NULL, 5, 0), 0);
	for (i = 0; i < 5; i++)
		t_advance(&T, 0);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_STRING_EQUAL(s.res.marks, "!!!!!");
	CU_ASSERT_EQUAL(s.res.received, 5);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0) + port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

/* A router beyond B answers with an error quoting our request. */
static void error_reply(uint8_t type, uint8_t code)
{
	uint8_t f[512], *ip = f + 14, *icmp = ip + 20;
	long n = port_mem_pop(T.p1, out, sizeof(out), NULL);
	uint16_t sum;
	size_t q = 28;

	CU_ASSERT_TRUE_FATAL(n > 14 + 28);
	mk_eth(f, MAC_R1, MAC_B, 0x0800);
	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	memset(icmp + 4, 0, 4);
	memcpy(icmp + 8, out + 14, q);
	sum = ipv4_cksum(icmp, 8 + q);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, T.p1, f, 14 + mk_ip(ip, ip4("10.0.2.20"), ip4("10.0.2.1"), 1, 64, 0, 8 + q, 0));
	t_advance(&T, 0);
}

static void test_ping_errors(void)
{
	struct pstate s;
	struct prefix p;
	struct addr gw;
	char err[128];

	trt_setup(&T);
	prefix_parse("0.0.0.0/0", &p, NULL, 0);
	addr_set_v4(&gw, ip4("10.0.2.20"));
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &gw, NULL, 1, err, sizeof(err)), 0);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", NULL, NULL, 3, 0), 0);
	error_reply(3, 1);
	error_reply(11, 0);
	error_reply(3, 4);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_STRING_EQUAL(s.res.marks, "U&M");
	CU_ASSERT_EQUAL(s.res.received, 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_rx_unreach, 2);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_rx_time_exceeded, 1);
	/* No route at all: the probes just time out. */
	fib_static_del(T.r, &p, &gw, NULL, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", NULL, NULL, 2, 0), 0);
	t_advance(&T, 2 * T_SEC);
	t_advance(&T, 2 * T_SEC);
	CU_ASSERT_STRING_EQUAL(s.res.marks, "..");
	trt_teardown(&T);
}

static CU_TestInfo tests[] = {
	{ "replies and round-trip times", test_ping_replies },
	{ "timeouts and late ARP", test_ping_timeout_and_arp },
	{ "source interface and address", test_ping_source },
	{ "ping an own address", test_ping_self },
	{ "unreachable, TTL exceeded, too big", test_ping_errors },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "ping", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

/*
 * DOC: the Map-Server's answers in batches (issue 14)
 *
 * One Map-Server/Map-Resolver on a memory port (10.0.1.1, the ETR and ITR
 * at 10.0.1.2) with a site of 48 configured /32s, 100.0.0.0-47, the first
 * 40 registered (proxy-reply) through signed Map-Registers.  The
 * Map-Requests of one receive burst are set aside and answered together at
 * its end (lisp_ms.c): every one is answered, in the order it came, with
 * the same answer as one by one; more than a batch (32) in one burst;
 * a Map-Register between two requests for the same EID in one burst
 * comes between their answers (the first negative, the second from the
 * new registration); after the burst nothing is left waiting.
 */
#include "config.h"

#include <string.h>
#include <arpa/inet.h>

#include "iface.h"
#include "ipv4.h"
#include "lisp.h"
#include "port.h"
#include "router.h"
#include "test_lisp_lab.h"
#include "cunit_main.h"

#define KEY	"batch-key"
#define N_REG	40

static const uint8_t MAC_R[6] = { 0x02, 0, 0, 0, 0, 1 };
static const uint8_t MAC_E[6] = { 0x02, 0xbb, 0, 0, 0, 1 };

static struct router *R;
static struct port *P;
static struct lisp *Lp;

static struct addr A(const char *s)
{
	struct addr a;

	addr_set_v4(&a, inet_addr(s));
	return a;
}

static size_t udp_frame(uint8_t *f, uint16_t sport, size_t plen)
{
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint32_t src = inet_addr("10.0.1.2"), dst = inet_addr("10.0.1.1");
	uint16_t sum;

	memcpy(f, MAC_R, 6);
	memcpy(f + 6, MAC_E, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (uint8_t)((28 + plen) >> 8);
	ip[3] = (uint8_t)(28 + plen);
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = 4342 >> 8;
	udp[3] = 4342 & 0xff;
	udp[4] = (uint8_t)((8 + plen) >> 8);
	udp[5] = (uint8_t)(8 + plen);
	udp[6] = udp[7] = 0;
	return 42 + plen;
}

/* Queue an ECM Map-Request for 100.0.0.k with nonce. */
static void push_request(unsigned k, uint64_t nonce)
{
	char eid[16];
	struct lab_req q = { .eid = eid, .src_eid = "192.168.1.1", .inner_src = "10.0.1.2",
			     .ttl = 64, .sport = 50000, .nonce = nonce };
	uint8_t f[256];
	size_t len;

	snprintf(eid, sizeof(eid), "100.0.0.%u", k);
	len = lab_ecm_request(&q, f + 42, sizeof(f) - 42);
	CU_ASSERT_FATAL(port_mem_push(P, f, udp_frame(f, 50000, len), 0) == 0);
}

/* Queue a Map-Register of 100.0.0.first .. first+n-1, proxy-reply. */
static void push_register(unsigned first, unsigned n, uint64_t nonce)
{
	struct lisp_map_register reg;
	struct lisp_record recs[32];
	struct lisp_locator loc;
	uint8_t f[2048];
	ssize_t len;
	unsigned j;

	memset(&loc, 0, sizeof(loc));
	loc.rloc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	loc.local = loc.reachable = true;
	memset(&reg, 0, sizeof(reg));
	reg.type = LISP_MAP_REGISTER;
	reg.proxy_reply = true;
	reg.nonce = nonce;
	reg.alg_id = LISP_AUTH_HMAC_SHA256;
	reg.records = recs;
	for (j = 0; j < n; j++) {
		memset(&recs[j], 0, sizeof(recs[j]));
		recs[j].ttl = 1440;
		recs[j].authoritative = true;
		addr_set_v4(&recs[j].eid.eid.addr, htonl(0x64000000u + first + j));
		recs[j].eid.mask_len = 32;
		recs[j].loc_count = 1;
		recs[j].locs = &loc;
	}
	reg.record_count = (uint8_t)n;
	len = lisp_map_register_encode(&reg, KEY, strlen(KEY), f + 42, sizeof(f) - 42);
	CU_ASSERT_FATAL(len > 0);
	CU_ASSERT_FATAL(port_mem_push(P, f, udp_frame(f, 4342, (size_t)len), 0) == 0);
}

/* The next frame out must be a Map-Reply to 10.0.1.2:50000 with nonce,
 * for 100.0.0.k/32 from the registration (positive) or negative. */
static void expect_reply(uint64_t nonce, unsigned k, bool positive)
{
	uint8_t f[2048];
	long n = port_mem_pop(P, f, sizeof(f), NULL);
	struct lisp_map_reply rep;
	const uint8_t *ip = f + 14, *udp = ip + 20;

	CU_ASSERT_FATAL(n > 42 + 4);
	CU_ASSERT_EQUAL(f[12] << 8 | f[13], 0x0800);
	CU_ASSERT_EQUAL(memcmp(ip + 16, "\x0a\x00\x01\x02", 4), 0);
	CU_ASSERT_EQUAL(udp[2] << 8 | udp[3], 50000);
	CU_ASSERT_FATAL(lisp_map_reply_decode(udp + 8, (size_t)n - 42, &rep) == LISP_OK);
	CU_ASSERT_EQUAL(rep.nonce, nonce);
	CU_ASSERT_FATAL(rep.record_count == 1);
	CU_ASSERT_EQUAL(ntohl(rep.records[0].eid.eid.addr.u.v4), 0x64000000u + k);
	CU_ASSERT_EQUAL(rep.records[0].eid.mask_len, 32);
	if (positive) {
		CU_ASSERT_EQUAL(rep.records[0].loc_count, 1);
		CU_ASSERT_EQUAL(rep.records[0].ttl, 1440);
		if (rep.records[0].loc_count == 1)
			CU_ASSERT_EQUAL(rep.records[0].locs[0].rloc.addr.u.v4, inet_addr("10.0.1.2"));
	} else {
		CU_ASSERT_EQUAL(rep.records[0].loc_count, 0);
		CU_ASSERT_EQUAL(rep.records[0].ttl, LISP_UNREGISTERED_TTL);
		CU_ASSERT_EQUAL(rep.records[0].action, LISP_ACT_NATIVE_FWD);
	}
	lisp_map_reply_free(&rep);
}

static int setup(void)
{
	struct iface *e0;
	struct addr a = A("10.0.1.1");
	struct prefix p;
	uint8_t f[64], *arp = f + 14;
	uint32_t spa = inet_addr("10.0.1.2"), tpa = inet_addr("10.0.1.1");
	char err[160];
	unsigned k;

	R = router_new(EV_CLOCK_MANUAL);
	P = port_mem_open("Ethernet0", MAC_R);
	if (!R || !P || !(e0 = iface_attach(R, "Ethernet0", P, err, sizeof(err))) ||
	    iface_set_addr(R, e0, &a, 24, err, sizeof(err)) == -1)
		return 1;
	iface_set_shutdown(R, e0, false);
	/* the ETR/ITR teaches its MAC */
	memset(f, 0xff, 6);
	memcpy(f + 6, MAC_E, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	memcpy(arp, "\x00\x01\x08\x00\x06\x04\x00\x01", 8);
	memcpy(arp + 8, MAC_E, 6);
	memcpy(arp + 14, &spa, 4);
	memset(arp + 18, 0, 6);
	memcpy(arp + 24, &tpa, 4);
	port_mem_push(P, f, 42, 0);
	router_poll(R);
	port_mem_flush(P);
	if (!(Lp = lisp_new(R)) ||
	    lisp_set_role(Lp, LISP_ROLE_MS | LISP_ROLE_MR, true, err, sizeof(err)) == -1 ||
	    lisp_site_add(Lp, "batch", err, sizeof(err)) == -1 ||
	    lisp_site_set_key(Lp, "batch", KEY, err, sizeof(err)) == -1)
		return 1;
	for (k = 0; k < 48; k++) {
		addr_set_v4(&a, htonl(0x64000000u + k));
		prefix_make(&p, &a, 32);
		if (lisp_site_eid_add(Lp, "batch", &p, false, err, sizeof(err)) == -1)
			return 1;
	}
	return 0;
}

static void test_registered(void)
{
	push_register(0, 32, 1);
	push_register(32, N_REG - 32, 2);
	router_poll(R);
	port_mem_flush(P);
	CU_ASSERT_FATAL(lisp_stats(Lp)->reg_accepted_records == N_REG);
}

static int teardown(void)
{
	lisp_free(Lp);
	router_free(R);
	return 0;
}

/* 40 positive and 8 negative requests in one burst: more than a batch. */
static void test_order(void)
{
	uint64_t out0 = lisp_stats(Lp)->mrep_out;
	unsigned k;

	for (k = 0; k < 48; k++)
		push_request(k, 1000 + k);
	router_poll(R);
	CU_ASSERT_FALSE(router_in_burst(R));
	CU_ASSERT_EQUAL(port_mem_out_count(P), 48);
	CU_ASSERT_EQUAL(lisp_stats(Lp)->mrep_out - out0, 48);
	for (k = 0; k < 48; k++)
		expect_reply(1000 + k, k, k < N_REG);
	CU_ASSERT_EQUAL(port_mem_out_count(P), 0);
}

/* Request, Map-Register, request for the same EID in one burst. */
static void test_register_between(void)
{
	push_request(45, 2001);
	push_register(45, 1, 3);
	push_request(45, 2002);
	push_request(44, 2003);
	router_poll(R);
	CU_ASSERT_EQUAL(port_mem_out_count(P), 3);
	expect_reply(2001, 45, false);
	expect_reply(2002, 45, true);
	expect_reply(2003, 44, false);
	port_mem_flush(P);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "40 /32s registered", test_registered },
		{ "a burst of Map-Requests: every answer, in order", test_order },
		{ "a Map-Register between two requests in one burst", test_register_between },
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{ "lisp_ms_batch", setup, teardown, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};

	return cunit_run(suites);
}

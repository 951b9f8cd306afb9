/*
 * DOC: tests of the offline decoder (src/lisp/decode.c) and 'lispr --decode'
 *
 * Each test builds a capture with pktgen around messages the codec encodes,
 * decodes it into memory with decode_pcap_file() and compares every output
 * line with the expected text: the decode format is an interface (lispr(8),
 * samples/README), so any change to it must show up here.
 */
#include <CUnit/Basic.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "addr.h"
#include "decode.h"
#include "lisp_msg.h"
#include "pktgen.h"

static char tmpdir[64];

struct cap {
	struct pktgen_pcap *pc;
	char path[128];
};

static void cap_open(struct cap *c, const char *name, int linktype)
{
	snprintf(c->path, sizeof(c->path), "%s/%s.pcap", tmpdir, name);
	c->pc = pktgen_pcap_open(c->path, linktype);
	CU_ASSERT_FATAL(c->pc != NULL);
}

static void cap_frame(struct cap *c, const uint8_t *f, ssize_t n)
{
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_FATAL(pktgen_pcap_write(c->pc, f, (size_t)n) == 0);
}

static void cap_udp(struct cap *c, const char *src, uint16_t sport, const char *dst,
		    uint16_t dport, const uint8_t *payload, ssize_t plen)
{
	struct pktgen_udp u = { .src = src, .dst = dst, .sport = sport, .dport = dport };
	uint8_t f[PKTGEN_MAX_FRAME];

	CU_ASSERT_FATAL(plen >= 0);
	cap_frame(c, f, pktgen_eth_udp(&u, payload, (size_t)plen, f, sizeof(f)));
}

static void cap_close(struct cap *c)
{
	CU_ASSERT_FATAL(pktgen_pcap_close(c->pc) == 0);
}

/* decode_pcap_file() into a string the caller frees. */
static char *decode_to_string(const char *path, int *rc)
{
	char *out = NULL, err[256] = "";
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	CU_ASSERT_FATAL(f != NULL);
	*rc = decode_pcap_file(path, f, err, sizeof(err));
	fclose(f);
	if (*rc != 0)
		fprintf(stderr, "decode_pcap_file(%s): %s\n", path, err);
	return out;
}

static void check_decode(const char *path, const char *expect)
{
	int rc;
	char *got = decode_to_string(path, &rc);

	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_STRING_EQUAL(got, expect);
	if (strcmp(got, expect) != 0)
		fprintf(stderr, "\n--- expected\n%s--- got\n%s---\n", expect, got);
	free(got);
}

static struct lisp_address la(const char *s)
{
	struct lisp_address a;

	memset(&a, 0, sizeof(a));
	if (strcmp(s, "none") != 0)
		CU_ASSERT_FATAL(addr_parse(s, &a.addr, NULL, 0) == 0);
	return a;
}

static struct lisp_address la_iid(const char *s, uint32_t iid)
{
	struct lisp_address a = la(s);

	a.has_iid = true;
	a.addr.iid = iid;
	return a;
}

static struct lisp_eid eid(struct lisp_address a, uint8_t len)
{
	struct lisp_eid e;

	e.eid = a;
	e.mask_len = len;
	return e;
}

/* A one-record, one-ITR-RLOC Map-Request. */
static ssize_t map_request(uint64_t nonce, const char *seid, const char *itr,
			   struct lisp_eid rec, uint8_t *buf, size_t cap)
{
	struct lisp_map_request m;

	memset(&m, 0, sizeof(m));
	m.nonce = nonce;
	m.smr = true;
	m.source_eid = la(seid);
	m.itr_rloc_count = 1;
	m.itr_rlocs[0] = la(itr);
	m.record_count = 1;
	m.records = &rec;
	return lisp_map_request_encode(&m, buf, cap);
}

static ssize_t negative_reply(uint64_t nonce, const char *pfx, uint8_t len, uint8_t act,
			      uint32_t ttl, uint8_t *buf, size_t cap)
{
	struct lisp_map_reply m;
	struct lisp_record r;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	r.ttl = ttl;
	r.action = act;
	r.eid = eid(la(pfx), len);
	m.nonce = nonce;
	m.record_count = 1;
	m.records = &r;
	return lisp_map_reply_encode(&m, buf, cap);
}

static ssize_t register_msg(uint8_t type, uint8_t alg, uint64_t nonce, struct lisp_eid e,
			    const char *rloc, bool xtr, uint8_t *buf, size_t cap)
{
	struct lisp_map_register m;
	struct lisp_record r;
	struct lisp_locator l;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	l.priority = 1;
	l.weight = 100;
	l.mpriority = 255;
	l.local = type == LISP_MAP_REGISTER;
	l.reachable = true;
	l.rloc = la(rloc);
	r.ttl = 1440;
	r.authoritative = true;
	r.eid = e;
	r.loc_count = 1;
	r.locs = &l;
	m.type = type;
	m.want_map_notify = type == LISP_MAP_REGISTER;
	m.nonce = nonce;
	m.key_id = 0;
	m.alg_id = alg;
	m.record_count = 1;
	m.records = &r;
	if (xtr) {
		m.xtr_id_present = true;
		memset(m.xtr_id, 0xab, sizeof(m.xtr_id));
		m.site_id = 7;
	}
	return lisp_map_register_encode(&m, "seed-key", 8, buf, cap);
}

static ssize_t ecm_wrap(const char *isrc, uint16_t isport, const char *idst,
			const uint8_t *inner, size_t ilen, uint8_t *buf, size_t cap)
{
	struct lisp_ecm m;

	memset(&m, 0, sizeof(m));
	m.inner_src = la(isrc).addr;
	m.inner_dst = la(idst).addr;
	m.inner_ttl = 64;
	m.inner_sport = isport;
	m.inner_dport = LISP_CONTROL_PORT;
	m.payload = inner;
	m.payload_len = ilen;
	return lisp_ecm_encode(&m, buf, cap);
}

/* LISP data header + an ICMP echo from isrc to idst. */
static ssize_t data_packet(const struct lisp_data_hdr *h, const char *isrc, const char *idst,
			   uint8_t *buf, size_t cap)
{
	ssize_t n = lisp_data_hdr_encode(h, buf, cap), m;

	if (n < 0)
		return -1;
	m = pktgen_icmp_echo(isrc, idst, 1, 1, 56, buf + n, cap - (size_t)n);
	return m < 0 ? -1 : n + m;
}

static void test_control(void)
{
	uint8_t m[2048], e[2048];
	ssize_t n, k;
	struct cap c;

	cap_open(&c, "control", DLT_EN10MB);
	n = map_request(0x1a2b3c4d5e6f7081ULL, "192.168.1.1", "10.0.1.2",
			eid(la("4.2.2.2"), 32), m, sizeof(m));
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, m, n);
	n = negative_reply(0x1a2b3c4d5e6f7081ULL, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15,
			   m, sizeof(m));
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, m, n);
	n = register_msg(LISP_MAP_REGISTER, LISP_AUTH_HMAC_SHA256, 0x42,
			 eid(la("192.168.1.0"), 24), "10.0.1.2", false, m, sizeof(m));
	cap_udp(&c, "10.0.1.2", 4342, "10.0.1.1", 4342, m, n);
	n = register_msg(LISP_MAP_NOTIFY, LISP_AUTH_HMAC_SHA1, 0x43,
			 eid(la_iid("10.1.0.0", 1000), 16), "10.0.2.2", true, m, sizeof(m));
	cap_udp(&c, "10.0.2.1", 4342, "10.0.2.2", 4342, m, n);
	n = register_msg(LISP_MAP_NOTIFY_ACK, LISP_AUTH_HMAC_SHA1, 0x44,
			 eid(la("192.168.2.0"), 24), "10.0.2.2", false, m, sizeof(m));
	cap_udp(&c, "10.0.2.2", 4342, "10.0.2.1", 4342, m, n);
	n = map_request(0x0102030405060708ULL, "192.168.1.1", "10.0.1.2",
			eid(la("4.2.2.2"), 32), m, sizeof(m));
	k = ecm_wrap("10.0.1.2", 61234, "4.2.2.2", m, (size_t)n, e, sizeof(e));
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, e, k);
	/* Map-Reply to an IPv6 requester, IID-scoped EID */
	n = negative_reply(7, "2001:db8::", 32, LISP_ACT_DROP_POLICY, 1, m, sizeof(m));
	cap_udp(&c, "2001:db8:3::1", 4342, "2001:db8:1::2", 40000, m, n);
	cap_close(&c);
	check_decode(c.path,
		"1: Map-Request 10.0.1.2:61234 -> 10.0.3.1:4342 nonce 0x1a2b3c4d5e6f7081 flags=S "
		"src-eid 192.168.1.1 itr-rlocs 10.0.1.2 eid 4.2.2.2/32\n"
		"2: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234 nonce 0x1a2b3c4d5e6f7081 "
		"record 0.0.0.0/1 ttl 15 act Natively-Forward locators 0\n"
		"3: Map-Register 10.0.1.2:4342 -> 10.0.1.1:4342 nonce 0x0000000000000042 "
		"key-id 0 alg 2 (hmac-sha-256) flags=M record 192.168.1.0/24 ttl 1440 A "
		"rloc 10.0.1.2 p1 w100 L R\n"
		"4: Map-Notify 10.0.2.1:4342 -> 10.0.2.2:4342 nonce 0x0000000000000043 "
		"key-id 0 alg 1 (hmac-sha-1) flags=I record [1000] 10.1.0.0/16 ttl 1440 A "
		"rloc 10.0.2.2 p1 w100 R xtr-id 0xabababababababababababababababab site-id 7\n"
		"5: Map-Notify-Ack 10.0.2.2:4342 -> 10.0.2.1:4342 nonce 0x0000000000000044 "
		"key-id 0 alg 1 (hmac-sha-1) record 192.168.2.0/24 ttl 1440 A rloc 10.0.2.2 "
		"p1 w100 R\n"
		"6: ECM 10.0.1.2:61234 -> 10.0.3.1:4342 inner 10.0.1.2:61234 -> 4.2.2.2:4342: "
		"Map-Request nonce 0x0102030405060708 flags=S src-eid 192.168.1.1 "
		"itr-rlocs 10.0.1.2 eid 4.2.2.2/32\n"
		"7: Map-Reply [2001:db8:3::1]:4342 -> [2001:db8:1::2]:40000 "
		"nonce 0x0000000000000007 record 2001:db8::/32 ttl 1 act Drop/Policy-Denied "
		"locators 0\n");
}

static void test_map_request_variants(void)
{
	struct lisp_map_request m;
	struct lisp_eid recs[2];
	struct lisp_record r;
	struct lisp_locator l;
	uint8_t b[2048];
	ssize_t n;
	struct cap c;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	m.auth = m.map_data = m.probe = m.pitr = m.smr_invoked = m.local_xtr = true;
	m.dont_reply = true;
	m.nonce = 0xffffffffffffffffULL;
	m.source_eid = la("none");
	m.itr_rloc_count = 2;
	m.itr_rlocs[0] = la("10.0.1.2");
	m.itr_rlocs[1] = la("2001:db8:1::2");
	recs[0] = eid(la_iid("192.168.1.0", 5), 24);
	recs[1] = eid(la("2001:db8:a::"), 48);
	m.record_count = 2;
	m.records = recs;
	l.priority = 255;
	l.weight = 0;
	l.mpriority = 1;
	l.mweight = 50;
	l.probed = true;
	l.rloc = la("10.0.1.2");
	r.ttl = 60;
	r.map_version = 12;
	r.eid = eid(la("192.168.1.0"), 24);
	r.loc_count = 1;
	r.locs = &l;
	m.map_reply_record = &r;
	cap_open(&c, "mreq", DLT_EN10MB);
	n = lisp_map_request_encode(&m, b, sizeof(b));
	cap_udp(&c, "10.0.1.2", 50000, "10.0.2.2", 4342, b, n);
	cap_close(&c);
	check_decode(c.path,
		"1: Map-Request 10.0.1.2:50000 -> 10.0.2.2:4342 nonce 0xffffffffffffffff "
		"flags=A,M,P,p,s,L,D src-eid none itr-rlocs 10.0.1.2,2001:db8:1::2 "
		"eid [5] 192.168.1.0/24,2001:db8:a::/48 map-data 192.168.1.0/24 ttl 60 ver 12 "
		"rloc 10.0.1.2 p255 w0 mp1 mw50 probed\n");
}

static void test_data(void)
{
	struct lisp_data_hdr h;
	uint8_t b[2048];
	ssize_t n;
	struct cap c;
	struct pktgen_udp u = { .src = "10.0.1.2", .dst = "10.0.2.2", .sport = 61000,
				.dport = 4341, .no_udp_csum = true };
	uint8_t f[PKTGEN_MAX_FRAME];

	cap_open(&c, "data", DLT_EN10MB);
	memset(&h, 0, sizeof(h));
	h.n = h.i = true;
	h.nonce = 0x123456;
	n = data_packet(&h, "192.168.1.1", "192.168.2.1", b, sizeof(b));
	cap_frame(&c, f, pktgen_eth_udp(&u, b, (size_t)n, f, sizeof(f)));
	memset(&h, 0, sizeof(h));
	h.l = h.i = true;
	h.iid = 1000;
	h.lsb = 0x03;
	n = data_packet(&h, "192.168.1.1", "192.168.2.1", b, sizeof(b));
	cap_frame(&c, f, pktgen_eth_udp(&u, b, (size_t)n, f, sizeof(f)));
	memset(&h, 0, sizeof(h));
	h.v = true;
	h.src_map_version = 1;
	h.dst_map_version = 4095;
	h.l = true;
	h.lsb = 0x80000001;
	n = data_packet(&h, "192.168.1.1", "192.168.2.1", b, sizeof(b));
	cap_frame(&c, f, pktgen_eth_udp(&u, b, (size_t)n, f, sizeof(f)));
	/* a header with nothing behind it, and a non-IP inner packet */
	memset(&h, 0, sizeof(h));
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	cap_frame(&c, f, pktgen_eth_udp(&u, b, (size_t)n, f, sizeof(f)));
	b[8] = 0x10;
	b[9] = 0x00;
	cap_frame(&c, f, pktgen_eth_udp(&u, b, 10, f, sizeof(f)));
	/* 4 bytes: shorter than the LISP header */
	cap_frame(&c, f, pktgen_eth_udp(&u, b, 4, f, sizeof(f)));
	/* IPv6 inside IPv6, from the data port to a random port (return path) */
	{
		struct pktgen_udp iu = { .src = "2001:db8:2::1", .dst = "2001:db8:1::1",
					 .sport = 1, .dport = 2 };
		struct pktgen_udp ou = { .src = "2001:db8::2", .dst = "2001:db8::1",
					 .sport = 4341, .dport = 53000, .no_udp_csum = true };
		memset(&h, 0, sizeof(h));
		h.n = h.e = true;
		h.nonce = 0xabcdef;
		h.kk = 2;
		n = lisp_data_hdr_encode(&h, b, sizeof(b));
		n += pktgen_ip_udp(&iu, (const uint8_t *)"x", 1, b + n, sizeof(b) - (size_t)n);
		cap_frame(&c, f, pktgen_eth_udp(&ou, b, (size_t)n, f, sizeof(f)));
	}
	cap_close(&c);
	check_decode(c.path,
		"1: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 flags=N,I nonce 0x123456 iid 0 "
		"inner 192.168.1.1 -> 192.168.2.1 proto 1\n"
		"2: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 flags=L,I iid 1000 lsb 0x03 "
		"inner 192.168.1.1 -> 192.168.2.1 proto 1\n"
		"3: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 flags=L,V versions 1/4095 "
		"lsb 0x80000001 inner 192.168.1.1 -> 192.168.2.1 proto 1\n"
		"4: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 inner none\n"
		"5: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 inner not IP (version 1)\n"
		"6: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341: malformed (truncated)\n"
		"7: LISP-data [2001:db8::2]:4341 -> [2001:db8::1]:53000 flags=N,E key 2 "
		"nonce 0xabcdef inner 2001:db8:2::1 -> 2001:db8:1::1 proto 17\n");
}

/* Frames that are not LISP produce no line; numbering still counts them. */
static void test_not_lisp(void)
{
	uint8_t b[256], f[PKTGEN_MAX_FRAME];
	struct cap c;
	ssize_t n;
	struct pktgen_udp dns = { .src = "10.0.1.2", .dst = "10.0.1.1", .sport = 5353,
				  .dport = 53 };
	static const uint8_t arp[42] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1,
					 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1 };

	memset(b, 0, sizeof(b));
	cap_open(&c, "notlisp", DLT_EN10MB);
	cap_frame(&c, f, pktgen_eth_udp(&dns, b, 30, f, sizeof(f)));
	cap_frame(&c, arp, sizeof(arp));
	n = pktgen_icmp_echo("10.0.1.2", "10.0.1.1", 7, 1, 8, b, sizeof(b));
	cap_frame(&c, f, pktgen_eth_wrap(NULL, NULL, b, (size_t)n, f, sizeof(f)));
	n = negative_reply(9, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15, b, sizeof(b));
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, b, n);
	cap_frame(&c, f, 0 + 10);	/* a runt */
	cap_close(&c);
	check_decode(c.path,
		"4: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234 nonce 0x0000000000000009 "
		"record 0.0.0.0/1 ttl 15 act Natively-Forward locators 0\n");
}

static void test_vlan_and_ipv6_outer(void)
{
	uint8_t m[512], f[PKTGEN_MAX_FRAME];
	ssize_t n;
	struct cap c;
	struct pktgen_udp v = { .src = "10.0.1.2", .dst = "10.0.3.1", .sport = 61234,
				.dport = 4342, .vlan = 100 };
	struct pktgen_udp v6 = { .src = "2001:db8:1::2", .dst = "2001:db8:3::1",
				 .sport = 61234, .dport = 4342, .vlan = 4095 };

	n = map_request(0x55, "2001:db8:1::1", "2001:db8:1::2",
			eid(la("2001:db8:2::1"), 128), m, sizeof(m));
	cap_open(&c, "vlan", DLT_EN10MB);
	cap_frame(&c, f, pktgen_eth_udp(&v, m, (size_t)n, f, sizeof(f)));
	cap_frame(&c, f, pktgen_eth_udp(&v6, m, (size_t)n, f, sizeof(f)));
	cap_close(&c);
	check_decode(c.path,
		"1: Map-Request 10.0.1.2:61234 -> 10.0.3.1:4342 nonce 0x0000000000000055 "
		"flags=S src-eid 2001:db8:1::1 itr-rlocs 2001:db8:1::2 eid 2001:db8:2::1/128\n"
		"2: Map-Request [2001:db8:1::2]:61234 -> [2001:db8:3::1]:4342 "
		"nonce 0x0000000000000055 flags=S src-eid 2001:db8:1::1 itr-rlocs 2001:db8:1::2 "
		"eid 2001:db8:2::1/128\n");
}

static void test_malformed(void)
{
	uint8_t m[512], e[512], f[PKTGEN_MAX_FRAME];
	ssize_t n, k;
	struct cap c;
	struct pktgen_udp bad = { .src = "10.0.1.2", .dst = "10.0.3.1", .sport = 61234,
				  .dport = 4342, .udp_len = 4 };

	n = map_request(0x99, "192.168.1.1", "10.0.1.2", eid(la("4.2.2.2"), 32),
			m, sizeof(m));
	CU_ASSERT_FATAL(n > 20);
	cap_open(&c, "malformed", DLT_EN10MB);
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, m, n - 3);	/* cut prefix */
	m[n - 7] = 33;							/* mask length */
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, m, n);
	m[n - 7] = 32;
	m[3] = 0;							/* record count */
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, m, n);
	m[3] = 1;
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, m, 0);	/* empty */
	e[0] = 0x60;							/* Map-Referral */
	memset(e + 1, 0, 11);
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, e, 12);
	e[0] = 0xf0;							/* type 15 */
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, e, 1);
	e[0] = 0x00;							/* type 0 */
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, e, 4);
	k = ecm_wrap("10.0.1.2", 61234, "4.2.2.2", m, (size_t)n - 1, e, sizeof(e));
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, e, k);		/* inner cut */
	cap_udp(&c, "10.0.1.2", 61234, "10.0.3.1", 4342, e, 10);	/* ECM cut */
	cap_frame(&c, f, pktgen_eth_udp(&bad, m, (size_t)n, f, sizeof(f)));
	n = negative_reply(1, "10.0.0.0", 8, LISP_ACT_DROP, 15, m, sizeof(m));
	m[16] = 1;			/* locator count 1, but no locator follows */
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, m, n);
	cap_close(&c);
	check_decode(c.path,
		"1: Map-Request 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (truncated)\n"
		"2: Map-Request 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (mask-len)\n"
		"3: Map-Request 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (record-count)\n"
		"4: LISP-control 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (truncated)\n"
		"5: Map-Referral 10.0.3.1:4342 -> 10.0.1.2:61234 nonce 0x0000000000000000 records 0\n"
		"6: LISP-type-15 10.0.3.1:4342 -> 10.0.1.2:61234: not decoded (1 bytes)\n"
		"7: LISP-type-0 10.0.3.1:4342 -> 10.0.1.2:61234: not decoded (4 bytes)\n"
		"8: ECM 10.0.1.2:61234 -> 10.0.3.1:4342 inner 10.0.1.2:61234 -> 4.2.2.2:4342: "
		"Map-Request: malformed (truncated)\n"
		"9: ECM 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (truncated)\n"
		"10: LISP-control 10.0.1.2:61234 -> 10.0.3.1:4342: malformed (UDP length 4)\n"
		"11: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234: malformed (truncated)\n");
}

/* Snapped captures (caplen < len) and IP fragments. */
static void test_truncated_and_fragments(void)
{
	uint8_t m[512], f[PKTGEN_MAX_FRAME], b[512];
	struct lisp_data_hdr h;
	struct cap c;
	ssize_t n, fl;
	struct pktgen_udp u = { .src = "10.0.1.2", .dst = "10.0.1.1", .sport = 4342,
				.dport = 4342 };
	struct pktgen_udp d = { .src = "10.0.1.2", .dst = "10.0.2.2", .sport = 61000,
				.dport = 4341, .no_udp_csum = true };

	cap_open(&c, "snap", DLT_EN10MB);
	n = register_msg(LISP_MAP_REGISTER, LISP_AUTH_HMAC_SHA1, 1,
			 eid(la("192.168.1.0"), 24), "10.0.1.2", false, m, sizeof(m));
	fl = pktgen_eth_udp(&u, m, (size_t)n, f, sizeof(f));
	CU_ASSERT_FATAL(fl > 0);
	CU_ASSERT(pktgen_pcap_write_snap(c.pc, f, 96, (size_t)fl) == 0);
	CU_ASSERT(pktgen_pcap_write_snap(c.pc, f, 40, (size_t)fl) == 0); /* in UDP hdr */
	memset(&h, 0, sizeof(h));
	h.n = true;
	h.nonce = 1;
	n = data_packet(&h, "192.168.1.1", "192.168.2.1", b, sizeof(b));
	fl = pktgen_eth_udp(&d, b, (size_t)n, f, sizeof(f));
	CU_ASSERT(pktgen_pcap_write_snap(c.pc, f, 14 + 20 + 8 + 8 + 20, (size_t)fl) == 0);
	CU_ASSERT(pktgen_pcap_write_snap(c.pc, f, 14 + 20 + 8 + 8 + 12, (size_t)fl) == 0);
	/* first fragment: UDP header and 24 bytes of the Map-Register */
	u.more_frags = true;
	u.udp_len = (uint16_t)(8 + 60);
	cap_frame(&c, f, pktgen_eth_udp(&u, m, 24, f, sizeof(f)));
	u.more_frags = false;
	u.frag_off = 4;
	cap_frame(&c, f, pktgen_eth_udp(&u, m + 24, 36, f, sizeof(f)));
	cap_close(&c);
	check_decode(c.path,
		"1: Map-Register 10.0.1.2:4342 -> 10.0.1.1:4342: malformed (truncated) "
		"[captured 54 of 64 bytes]\n"
		"3: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 flags=N nonce 0x000001 "
		"inner 192.168.1.1 -> 192.168.2.1 proto 1 [captured 28 of 92 bytes]\n"
		"4: LISP-data 10.0.1.2:61000 -> 10.0.2.2:4341 flags=N nonce 0x000001 "
		"inner IPv4 truncated [captured 20 of 92 bytes]\n"
		"5: Map-Register 10.0.1.2:4342 -> 10.0.1.1:4342: malformed (truncated) "
		"[first fragment]\n");
}

/* The other link types, through decode_frame() and one pcap each. */
static void test_linktypes(void)
{
	uint8_t m[512], ip[1024], f[1100];
	char line[1024];
	ssize_t n, iplen;
	struct pktgen_udp u = { .src = "10.0.3.1", .dst = "10.0.1.2", .sport = 4342,
				.dport = 61234 };
	const char *want = "Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234 nonce "
			   "0x0000000000000003 record 0.0.0.0/1 ttl 15 act Natively-Forward "
			   "locators 0";
	struct cap c;

	n = negative_reply(3, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15, m, sizeof(m));
	iplen = pktgen_ip_udp(&u, m, (size_t)n, ip, sizeof(ip));
	CU_ASSERT_FATAL(iplen > 0);

	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, ip, (size_t)iplen, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);

	memset(f, 0, 16);		/* Linux cooked: protocol at offset 14 */
	f[14] = 0x08;
	memcpy(f + 16, ip, (size_t)iplen);
	CU_ASSERT_EQUAL(decode_frame(DLT_LINUX_SLL, f, 16 + (size_t)iplen, line,
				     sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);
	f[14] = 0x86;			/* says IPv6: the IPv4 bytes are not LISP */
	f[15] = 0xdd;
	CU_ASSERT_EQUAL(decode_frame(DLT_LINUX_SLL, f, 16 + (size_t)iplen, line,
				     sizeof(line)), 0);

	memset(f, 0, 20);		/* Linux cooked v2: protocol at offset 0 */
	f[0] = 0x08;
	memcpy(f + 20, ip, (size_t)iplen);
	CU_ASSERT_EQUAL(decode_frame(DLT_LINUX_SLL2, f, 20 + (size_t)iplen, line,
				     sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);

	memset(f, 0, 4);		/* BSD loopback: AF_INET in either byte order */
	f[0] = 2;
	memcpy(f + 4, ip, (size_t)iplen);
	CU_ASSERT_EQUAL(decode_frame(DLT_NULL, f, 4 + (size_t)iplen, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);
	f[0] = 0;
	f[3] = 2;
	CU_ASSERT_EQUAL(decode_frame(DLT_LOOP, f, 4 + (size_t)iplen, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);
	f[3] = 7;			/* AF 7: not IP */
	CU_ASSERT_EQUAL(decode_frame(DLT_LOOP, f, 4 + (size_t)iplen, line, sizeof(line)), 0);

	CU_ASSERT_EQUAL(decode_frame(DLT_PPP, ip, (size_t)iplen, line, sizeof(line)), 0);

	/* IPv4 options and Ethernet padding after the datagram */
	memcpy(f, ip, 20);
	f[0] = 0x46;
	memset(f + 20, 1, 4);		/* four NOP options */
	memcpy(f + 24, ip + 20, (size_t)iplen - 20);
	f[2] = (uint8_t)((iplen + 4) >> 8);
	f[3] = (uint8_t)(iplen + 4);
	memset(f + iplen + 4, 0xee, 10);
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, f, (size_t)iplen + 14, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, want);
	f[0] = 0x44;			/* header length 16: not a valid IPv4 header */
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, f, (size_t)iplen + 14, line, sizeof(line)), 0);

	/* the line is cut, never overrun, when the buffer is small */
	memset(line, 'x', sizeof(line));
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, ip, (size_t)iplen, line, 20), 1);
	CU_ASSERT_EQUAL(strlen(line), 19);
	CU_ASSERT_STRING_EQUAL(line, "Map-Reply 10.0.3...");
	CU_ASSERT_EQUAL(line[20], 'x');

	cap_open(&c, "raw", DLT_RAW);
	cap_frame(&c, ip, iplen);
	cap_close(&c);
	check_decode(c.path, "1: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234 nonce "
		     "0x0000000000000003 record 0.0.0.0/1 ttl 15 act Natively-Forward "
		     "locators 0\n");
}

/* IPv6 extension headers: the common ones are walked, others mean not LISP. */
static void test_ipv6_ext(void)
{
	uint8_t m[512], ip[1024], x[1100];
	char line[1024];
	ssize_t n, iplen;
	struct pktgen_udp u = { .src = "2001:db8::1", .dst = "2001:db8::2", .sport = 4342,
				.dport = 4342 };

	n = negative_reply(3, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15, m, sizeof(m));
	iplen = pktgen_ip_udp(&u, m, (size_t)n, ip, sizeof(ip));
	CU_ASSERT_FATAL(iplen > 40);
	/* insert a hop-by-hop header (8 bytes) and a fragment header (8 bytes) */
	memcpy(x, ip, 40);
	x[6] = 0;			/* next: hop-by-hop */
	memset(x + 40, 0, 16);
	x[40] = 44;			/* -> fragment */
	x[48] = 17;			/* -> UDP; offset 0, M 0 */
	memcpy(x + 56, ip + 40, (size_t)iplen - 40);
	x[4] = (uint8_t)((iplen - 40 + 16) >> 8);
	x[5] = (uint8_t)(iplen - 40 + 16);
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, x, (size_t)iplen + 16, line, sizeof(line)), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "Map-Reply [2001:db8::1]:4342 -> "));
	CU_ASSERT_PTR_NULL(strstr(line, "fragment"));
	x[51] = 1;			/* M: first fragment */
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, x, (size_t)iplen + 16, line, sizeof(line)), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "[first fragment]"));
	x[50] = 0x01;			/* offset 32: not the first fragment */
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, x, (size_t)iplen + 16, line, sizeof(line)), 0);
	x[50] = 0;
	x[48] = 50;			/* ESP after the fragment header: cannot look inside */
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, x, (size_t)iplen + 16, line, sizeof(line)), 0);
	x[48] = 17;
	x[4] = x[5] = 0;		/* payload length 0: a jumbogram */
	CU_ASSERT_EQUAL(decode_frame(DLT_RAW, x, (size_t)iplen + 16, line, sizeof(line)), 0);
}

/* Every prefix of a frame, and noisy frames: a line or nothing, never a crash. */
static void test_never_crashes(void)
{
	uint8_t m[512], f[PKTGEN_MAX_FRAME], *copy;
	char line[512];
	ssize_t n, fl;
	size_t len, i;
	unsigned seed = 12345, lines = 0;
	struct pktgen_udp u = { .src = "10.0.1.2", .dst = "10.0.1.1", .sport = 4342,
				.dport = 4342 };

	n = register_msg(LISP_MAP_REGISTER, LISP_AUTH_HMAC_SHA256, 1,
			 eid(la_iid("192.168.1.0", 3), 24), "10.0.1.2", true, m, sizeof(m));
	fl = pktgen_eth_udp(&u, m, (size_t)n, f, sizeof(f));
	CU_ASSERT_FATAL(fl > 0);
	for (len = 0; len <= (size_t)fl; len++) {
		copy = malloc(len ? len : 1);
		memcpy(copy, f, len);
		if (decode_frame(DLT_EN10MB, copy, len, line, sizeof(line))) {
			lines++;
			CU_ASSERT(strncmp(line, "Map-Register ", 13) == 0 ||
				  strncmp(line, "LISP-control ", 13) == 0);
			CU_ASSERT((len == (size_t)fl) == (strstr(line, "malformed") == NULL));
		}
		free(copy);
	}
	/* frames shorter than Ethernet + IPv4 + UDP headers give no line */
	CU_ASSERT_EQUAL(lines, (size_t)fl - 42 + 1);
	for (i = 0; i < 20000; i++) {
		size_t j;

		memcpy(m, f, (size_t)fl);
		for (j = 0; j < 4; j++) {
			seed = seed * 1103515245 + 12345;
			m[14 + 28 + (seed >> 8) % ((size_t)fl - 42)] = (uint8_t)(seed >> 16);
		}
		copy = malloc((size_t)fl);
		memcpy(copy, m, (size_t)fl);
		CU_ASSERT_EQUAL(decode_frame(DLT_EN10MB, copy, (size_t)fl, line, sizeof(line)), 1);
		free(copy);
	}
	CU_ASSERT_EQUAL(decode_frame(DLT_EN10MB, NULL, 0, line, sizeof(line)), 0);
}

static int run(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	char chunk[4096];
	size_t k;
	int st;

	CU_ASSERT_FATAL(p != NULL && m != NULL);
	while ((k = fread(chunk, 1, sizeof(chunk), p)) > 0)
		fwrite(chunk, 1, k, m);
	st = pclose(p);
	fclose(m);
	*out = buf;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The program itself: exit codes and the same lines as the library. */
static void test_binary(void)
{
	const char *lispr = getenv("LISPR");
	char cmd[1024], path[160], *out, *lib;
	uint8_t m[512];
	struct cap c;
	ssize_t n;
	int rc;
	FILE *f;

	if (!lispr || !*lispr || access(lispr, X_OK) != 0) {
		fprintf(stderr, "(LISPR not set: program checks skipped) ");
		return;
	}
	cap_open(&c, "binary", DLT_EN10MB);
	n = negative_reply(0x77, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15, m, sizeof(m));
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, m, n);
	cap_close(&c);
	snprintf(cmd, sizeof(cmd), "'%s' --decode '%s' 2>/dev/null", lispr, c.path);
	CU_ASSERT_EQUAL(run(cmd, &out), 0);
	lib = decode_to_string(c.path, &rc);
	CU_ASSERT_STRING_EQUAL(out, lib);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "1: Map-Reply 10.0.3.1:4342"));
	free(out);
	free(lib);

	snprintf(cmd, sizeof(cmd), "'%s' --decode '%s/does-not-exist.pcap' 2>&1", lispr, tmpdir);
	CU_ASSERT_EQUAL(run(cmd, &out), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "does-not-exist.pcap"));
	free(out);

	snprintf(path, sizeof(path), "%s/not-a-capture.txt", tmpdir);
	f = fopen(path, "w");
	CU_ASSERT_FATAL(f != NULL);
	fputs("this is not a pcap file, just some text\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "'%s' --decode '%s' 2>&1", lispr, path);
	CU_ASSERT_EQUAL(run(cmd, &out), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "lispr: "));
	free(out);
}

/* Library errors: unreadable, not a capture, unsupported link type, cut file. */
static void test_file_errors(void)
{
	char err[256], path[160], *out = NULL;
	size_t n = 0;
	FILE *f, *o;
	struct cap c;
	uint8_t m[512];
	ssize_t len;
	struct stat st;

	o = open_memstream(&out, &n);
	snprintf(path, sizeof(path), "%s/none.pcap", tmpdir);
	err[0] = '\0';
	CU_ASSERT_EQUAL(decode_pcap_file(path, o, err, sizeof(err)), -1);
	CU_ASSERT(err[0] != '\0');
	snprintf(path, sizeof(path), "%s/text.pcap", tmpdir);
	f = fopen(path, "w");
	fputs("hello\n", f);
	fclose(f);
	err[0] = '\0';
	CU_ASSERT_EQUAL(decode_pcap_file(path, o, err, sizeof(err)), -1);
	CU_ASSERT(err[0] != '\0');
	cap_open(&c, "ppp", DLT_PPP);
	cap_close(&c);
	CU_ASSERT_EQUAL(decode_pcap_file(c.path, o, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "unsupported link type 9"));

	/* a file cut in the middle of its second record: first line, then an error */
	cap_open(&c, "cut", DLT_EN10MB);
	len = negative_reply(0x11, "0.0.0.0", 1, LISP_ACT_NATIVE_FWD, 15, m, sizeof(m));
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, m, len);
	cap_udp(&c, "10.0.3.1", 4342, "10.0.1.2", 61234, m, len);
	cap_close(&c);
	CU_ASSERT_FATAL(stat(c.path, &st) == 0);
	CU_ASSERT_FATAL(truncate(c.path, st.st_size - 10) == 0);
	CU_ASSERT_EQUAL(decode_pcap_file(c.path, o, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "after frame 1"));
	fclose(o);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "1: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234"));
	CU_ASSERT_PTR_NULL(strstr(out, "2: "));
	free(out);
}

/* The sample capture shipped in samples/ decodes to the lines samples/README shows. */
static void test_sample(void)
{
	static const char *const guess[] = { ".", "..", "../.." };
	const char *top = getenv("top_srcdir");
	char path[512], *out;
	unsigned lines = 0, i;
	int rc;
	char *p;

	for (i = 0; (!top || !*top) && i < 3; i++) {
		snprintf(path, sizeof(path), "%s/samples/lisp-seed.pcap", guess[i]);
		if (access(path, R_OK) == 0)
			top = guess[i];
	}
	snprintf(path, sizeof(path), "%s/samples/lisp-seed.pcap", top ? top : ".");
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "(%s not found: sample check skipped) ", path);
		return;
	}
	out = decode_to_string(path, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	for (p = out; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	CU_ASSERT_EQUAL(lines, 10);
	free(out);
	/* what samples/README shows as the quick start */
	check_decode(path,
		"1: Map-Register 10.0.1.2:4342 -> 10.0.3.1:4342 nonce 0x0000000000000000 key-id 0 "
		"alg 1 (hmac-sha-1) flags=M record 192.168.1.0/24 ttl 1440 A rloc 10.0.1.2 p1 "
		"w100 L R\n"
		"2: Map-Notify 10.0.3.1:4342 -> 10.0.1.2:4342 nonce 0x0000000000000000 key-id 0 "
		"alg 1 (hmac-sha-1) record 192.168.1.0/24 ttl 1440 A rloc 10.0.1.2 p1 w100 L R\n"
		"3: Map-Register 10.0.2.2:4342 -> 10.0.3.1:4342 nonce 0x0000000000000000 key-id 0 "
		"alg 1 (hmac-sha-1) flags=M record 192.168.2.0/24 ttl 1440 A rloc 10.0.2.2 p1 "
		"w100 L R\n"
		"4: Map-Notify 10.0.3.1:4342 -> 10.0.2.2:4342 nonce 0x0000000000000000 key-id 0 "
		"alg 1 (hmac-sha-1) record 192.168.2.0/24 ttl 1440 A rloc 10.0.2.2 p1 w100 L R\n"
		"5: ECM 10.0.1.2:4342 -> 10.0.3.1:4342 inner 192.168.1.1:61234 -> 4.2.2.2:4342: "
		"Map-Request nonce 0x6b8f2a9c1d3e4f50 src-eid 192.168.1.1 itr-rlocs 10.0.1.2 eid "
		"4.2.2.2/32\n"
		"6: Map-Reply 10.0.3.1:4342 -> 10.0.1.2:61234 nonce 0x6b8f2a9c1d3e4f50 record "
		"0.0.0.0/1 ttl 15 act Natively-Forward locators 0\n"
		"7: ECM 10.0.1.2:4342 -> 10.0.3.1:4342 inner 192.168.1.1:61235 -> "
		"192.168.2.1:4342: Map-Request nonce 0x1f2e3d4c5b6a7988 src-eid 192.168.1.1 "
		"itr-rlocs 10.0.1.2 eid 192.168.2.1/32\n"
		"8: ECM 10.0.2.1:4342 -> 10.0.2.2:4342 inner 192.168.1.1:61235 -> "
		"192.168.2.1:4342: Map-Request nonce 0x1f2e3d4c5b6a7988 src-eid 192.168.1.1 "
		"itr-rlocs 10.0.1.2 eid 192.168.2.1/32\n"
		"9: Map-Reply 10.0.2.2:4342 -> 10.0.1.2:61235 nonce 0x1f2e3d4c5b6a7988 record "
		"192.168.2.0/24 ttl 1440 A rloc 10.0.2.2 p1 w100 L R\n"
		"10: LISP-data 10.0.1.2:61555 -> 10.0.2.2:4341 flags=N,L nonce 0x5a17c3 lsb "
		"0x00000001 inner 192.168.1.1 -> 192.168.2.1 proto 1\n");
}

static int suite_init(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lispr-decode-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int suite_clean(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static CU_TestInfo tests[] = {
	{ "control messages", test_control },
	{ "map-request flags, IPv6, IID, map-data", test_map_request_variants },
	{ "data packets", test_data },
	{ "non-LISP frames", test_not_lisp },
	{ "VLAN tag and IPv6 outer", test_vlan_and_ipv6_outer },
	{ "malformed payloads", test_malformed },
	{ "snapped frames and fragments", test_truncated_and_fragments },
	{ "link types", test_linktypes },
	{ "IPv6 extension headers", test_ipv6_ext },
	{ "never crashes", test_never_crashes },
	{ "file errors", test_file_errors },
	{ "lispr --decode", test_binary },
	{ "samples/lisp-seed.pcap", test_sample },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "decode", suite_init, suite_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

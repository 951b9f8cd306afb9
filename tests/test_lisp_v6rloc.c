/*
 * DOC: LISP over IPv6 RLOCs in the in-process lab (issue 12): IPv4 EIDs
 * across an IPv6-only core
 *
 * The four routers of test_lisp_lab.h, wired the same way, with IPv6 and
 * no IPv4 on the links (the EIDs stay IPv4, on the loopbacks):
 *
 *   lisp1 Ethernet0 2001:db8:f1::2 --- 2001:db8:f1::1 Ethernet0 mapserver
 *   lisp2 Ethernet0 2001:db8:f2::2 --- 2001:db8:f2::1 Ethernet1 mapserver
 *   outsideworld Ethernet0 2001:db8:f3::2 --- 2001:db8:f3::1 Ethernet2 mapserver
 *
 * mapserver routes IPv6 and is MS/MR for sites A (192.168.1.0/24) and B
 * (192.168.2.0/24); lisp1's locator is 'IPv6-interface Ethernet0', lisp2's
 * the address 2001:db8:f2::2; each uses mapserver's address on its link
 * as map-server and map-resolver.  The tests register over IPv6, resolve
 * over IPv6 (ECM with an IPv4 inner header, forwarded by the Map-Server
 * to the ETR over IPv6, Map-Reply over IPv6), ping EID to EID through
 * the outer IPv6/UDP/LISP encapsulation, check every frame that crossed
 * a link with tshark (outer IPv6, UDP checksums good, LISP headers, no
 * malformed frame), and drop and count malformed IPv6 LISP frames.
 */
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cunit_main.h"
#include "ipv6.h"
#include "test_lisp_lab.h"
#include "test_tshark.h"

static struct lab L;

static const char *const rloc6[LAB_NR][3] = {
	[LISP1] = { "2001:db8:f1::2" },
	[MSR] = { "2001:db8:f1::1", "2001:db8:f2::1", "2001:db8:f3::1" },
	[LISP2] = { "2001:db8:f2::2" },
	[OUTW] = { "2001:db8:f3::2" },
};

static struct addr A6(const char *s)
{
	struct addr a;
	char err[80];

	CU_ASSERT_EQUAL_FATAL(addr_parse(s, &a, err, sizeof(err)), 0);
	CU_ASSERT_FATAL(a.afi == AFI_IPV6);
	return a;
}

static void addr6(int r, int i)
{
	struct addr a = A6(rloc6[r][i]);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(L.r[r], L.eth[r][i], &a, 64, false, err,
					      sizeof(err)), 0);
}

static void route6(int r, const char *gw)
{
	struct prefix p;
	struct addr g = A6(gw);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(prefix_parse("::/0", &p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(fib6_static_add(L.r[r], &p, &g, NULL, 1, err, sizeof(err)), 0);
}

static void xtr6(int r, const char *db, const struct lisp_loc_cfg *loc, const char *ms_addr,
		 const char *key)
{
	struct lisp_ms_cfg ms;
	struct prefix p = P4(db);
	struct addr mr = A6(ms_addr);
	char err[160];

	CU_ASSERT_EQUAL(lisp_set_role(L.l[r], LISP_ROLE_ITR | LISP_ROLE_ETR, true, err,
				      sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_db_add(L.l[r], &p, loc, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[r], &mr, err, sizeof(err)), 0);
	memset(&ms, 0, sizeof(ms));
	ms.addr = mr;
	snprintf(ms.key, sizeof(ms.key), "%s", key);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[r], &ms, err, sizeof(err)), 0);
}

static void setup_v6(void)
{
	struct port *p;
	struct lisp_loc_cfg loc;
	int i;

	memset(&L, 0, sizeof(L));
	for (i = 0; i < LAB_NR; i++) {
		L.r[i] = router_new(EV_CLOCK_MANUAL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(L.r[i]);
		ev_clock_set(router_loop(L.r[i]), 1000 * T_SEC);
		router_set_icmp_ratelimit(L.r[i], 0);
		L.l[i] = lisp_new(L.r[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(L.l[i]);
	}
	L.eth[LISP1][0] = lab_if(&L, LISP1, "Ethernet0", &p, 0);
	L.eth[MSR][0] = lab_if(&L, MSR, "Ethernet0", &p, 0);
	L.eth[MSR][1] = lab_if(&L, MSR, "Ethernet1", &p, 1);
	L.eth[MSR][2] = lab_if(&L, MSR, "Ethernet2", &p, 2);
	L.eth[LISP2][0] = lab_if(&L, LISP2, "Ethernet0", &p, 0);
	L.eth[OUTW][0] = lab_if(&L, OUTW, "Ethernet0", &p, 0);
	t_addr(L.r[LISP1], lab_if(&L, LISP1, "Loopback0", NULL, 0), "192.168.1.1", 32);
	t_addr(L.r[LISP2], lab_if(&L, LISP2, "Loopback0", NULL, 0), "192.168.2.1", 32);
	for (i = 0; i < LAB_NR; i++)
		for (int k = 0; k < 3; k++)
			if (L.eth[i][k]) {
				iface_set_shutdown(L.r[i], L.eth[i][k], false);
				addr6(i, k);
			}
	ipv6_set_routing(L.r[MSR], true);
	route6(LISP1, "2001:db8:f1::1");
	route6(LISP2, "2001:db8:f2::1");
	route6(OUTW, "2001:db8:f3::1");
	lab_wire(&L, LINK1, LISP1, 0, MSR, 0);
	lab_wire(&L, LINK2, MSR, 1, LISP2, 0);
	lab_wire(&L, LINK3, MSR, 2, OUTW, 0);
	lab_run(&L, 3000);		/* duplicate address detection */

	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_MS | LISP_ROLE_MR, true, NULL, 0), 0);
	lab_site(&L, "A", KEY_A, "192.168.1.0/24");
	lab_site(&L, "B", KEY_B, "192.168.2.0/24");
	memset(&loc, 0, sizeof(loc));
	snprintf(loc.ifname, sizeof(loc.ifname), "Ethernet0");
	loc.ifafi = AFI_IPV6;
	loc.priority = 1;
	loc.weight = 100;
	xtr6(LISP1, "192.168.1.0/24", &loc, "2001:db8:f1::1", KEY_A);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A6("2001:db8:f2::2");
	loc.priority = 1;
	loc.weight = 100;
	xtr6(LISP2, "192.168.2.0/24", &loc, "2001:db8:f2::1", KEY_B);
}

static const struct lisp_stats *S(int r)
{
	return lisp_stats(L.l[r]);
}

/* The UDP header of a captured IPv6/UDP frame (no extension headers). */
static const uint8_t *udp6(const struct lab_frame *f, uint16_t dport)
{
	const uint8_t *ip = f->d + 14;

	if (f->len < 14 + 48 || f->d[12] != 0x86 || f->d[13] != 0xdd || ip[6] != 17)
		return NULL;
	return get16(ip + 42) == dport ? ip + 40 : NULL;
}

static unsigned count6(int link, uint16_t dport, unsigned type)
{
	unsigned i, n = 0;

	for (i = 0; i < L.link[link].n; i++) {
		const uint8_t *u = udp6(&L.link[link].cap[i], dport);

		if (u && (!type || u[8] >> 4 == type))
			n++;
	}
	return n;
}

static int site_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct lisp_site_eid_info *out = arg;

	if (e->prefix.addr.u.v4 == out->prefix.addr.u.v4)
		*out = *e;
	return 0;
}

static void test_register(void)
{
	struct lisp_site_eid_info e;
	unsigned i;

	setup_v6();
	lab_run(&L, 2000);
	memset(&e, 0, sizeof(e));
	e.prefix = P4("192.168.1.0/24");
	lisp_site_eid_foreach(L.l[MSR], "A", site_fn, &e);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(e.n_locs, 1);
	{
		struct addr want = A6("2001:db8:f1::2");

		CU_ASSERT_TRUE(addr_eq(&e.locs[0].addr, &want));
		CU_ASSERT_TRUE(addr_eq(&e.who, &want));
	}
	memset(&e, 0, sizeof(e));
	e.prefix = P4("192.168.2.0/24");
	lisp_site_eid_foreach(L.l[MSR], "B", site_fn, &e);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(S(LISP1)->notify_verified, 1);
	CU_ASSERT_EQUAL(S(LISP2)->notify_verified, 1);
	/* Map-Registers and Map-Notifies crossed as IPv6/UDP 4342, with
	 * good checksums, and nothing LISP went as IPv4. */
	CU_ASSERT(count6(LINK1, LISP_CONTROL_PORT, LISP_MAP_REGISTER) >= 1);
	CU_ASSERT(count6(LINK2, LISP_CONTROL_PORT, LISP_MAP_REGISTER) >= 1);
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		const uint8_t *u = udp6(f, LISP_CONTROL_PORT);

		CU_ASSERT_FALSE(f->d[12] == 0x08 && f->d[13] == 0x00);
		if (u)
			CU_ASSERT_EQUAL(ipv6_l4_cksum(f->d + 14, 17, u, get16(u + 4)), 0);
	}
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_UDP_CKSUM], 0);
	lab_teardown(&L);
}

static void test_ping_through(void)
{
	struct ping_result res;
	struct lisp_mc_info mc;
	struct addr x = A4("192.168.2.1"), want = A6("2001:db8:f2::2");
	const struct lab_frame *f;
	unsigned i, data = 0;

	setup_v6();
	lab_run(&L, 2000);
	lab_clear_capture(&L);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	/* One request each way waits for its mapping (IOS: ..!!!) */
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_EQUAL(res.received, 5);
	/* Resolved over IPv6: the ECM to the resolver, forwarded by the MS
	 * to lisp2, whose Map-Reply came back over IPv6. */
	CU_ASSERT(count6(LINK1, LISP_CONTROL_PORT, LISP_ECM) >= 1);
	CU_ASSERT(count6(LINK2, LISP_CONTROL_PORT, LISP_ECM) >= 1);
	CU_ASSERT(S(MSR)->mreq_forwarded >= 1);
	CU_ASSERT(S(LISP2)->mrep_out >= 1);
	CU_ASSERT(S(LISP1)->mrep_in >= 1);
	CU_ASSERT_EQUAL_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &mc), 0);
	CU_ASSERT_EQUAL(mc.n_locs, 1);
	CU_ASSERT_TRUE(addr_eq(&mc.locs[0].addr, &want));
	/* Both ways encapsulated in IPv6/UDP 4341, checksum computed. */
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 9);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, 9);
	CU_ASSERT_EQUAL(S(LISP2)->encap_pkts, 8);
	CU_ASSERT_EQUAL(S(LISP1)->decap_pkts, 8);
	for (i = 0; i < L.link[LINK2].n; i++) {
		const uint8_t *u;

		f = &L.link[LINK2].cap[i];
		if (!(u = udp6(f, LISP_DATA_PORT)))
			continue;
		data++;
		CU_ASSERT_NOT_EQUAL(get16(u + 6), 0);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f->d + 14, 17, u, get16(u + 4)), 0);
		/* LISP header N and I, then the IPv4 inner packet: the
		 * outer hop limit is the inner TTL (as lisp2 sent it) */
		CU_ASSERT_EQUAL(u[8] & 0x88, 0x88);
		CU_ASSERT_EQUAL(u[16] >> 4, 4);
		if (f->from == LISP2)
			CU_ASSERT_EQUAL(f->d[14 + 7], u[16 + 8]);
		CU_ASSERT_EQUAL(get16(f->d + 14 + 4), get16(u + 4));
	}
	CU_ASSERT_EQUAL(data, 17);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_UDP_CKSUM], 0);
	CU_ASSERT_EQUAL(S(LISP2)->drops[LISP_DROP_UDP_CKSUM], 0);
	/* Keep the lab: the tshark test reads every frame that crossed. */
}

/* Every frame of the ping test (registration, resolution, data) through
 * tshark: IPv6, UDP checksum good, LISP decoded, nothing malformed. */
static void test_tshark(void)
{
	char line[1024];
	struct ts_run t;
	unsigned i, k, n, lines = 0, lisp_ctl = 0, lisp_data = 0, good = 0, bad = 0;
	FILE *p;

	ts_create(&t, DLT_EN10MB);
	for (k = 0; k < LAB_NL; k++)
		for (i = 0; i < L.link[k].n; i++) {
			const struct lab_frame *f = &L.link[k].cap[i];

			if (!udp6(f, LISP_CONTROL_PORT) && !udp6(f, LISP_DATA_PORT) &&
			    !(f->len >= 14 + 48 && f->d[12] == 0x86 && f->d[13] == 0xdd &&
			      f->d[14 + 6] == 17))
				continue;
			ts_add(&t, f->d, f->len);
		}
	n = t.n;
	CU_ASSERT_FATAL(n >= 10);
	p = ts_run(&t, "-o udp.check_checksum:TRUE -T fields -E separator=/t "
		   "-E occurrence=l -e frame.number -e ipv6.version -e udp.checksum.status "
		   "-e lisp.type -e lisp-data.flags.nonce -e ip.version -e _ws.malformed "
		   "-e _ws.expert.severity");
	while (fgets(line, sizeof(line), p)) {
		char *c[8] = { 0 };
		int nc = ts_split(line, c, 8);

		lines++;
		if (nc < 7 || strcmp(c[1], "6") != 0 || (c[6] && c[6][0])) {
			fprintf(stderr, "tshark: frame %s not clean: v%s cksum %s malformed %s\n",
				c[0], c[1], c[2] ? c[2] : "", c[6] ? c[6] : "");
			bad++;
			continue;
		}
		if (strcmp(c[2], "1") == 0)	/* Good */
			good++;
		else
			fprintf(stderr, "tshark: frame %s UDP checksum status '%s'\n", c[0], c[2]);
		if (c[3][0])
			lisp_ctl++;
		if (c[4][0]) {
			lisp_data++;
			/* the inner packet is IPv4 */
			if (strcmp(c[5], "4") != 0) {
				fprintf(stderr, "tshark: frame %s inner version '%s'\n", c[0], c[5]);
				bad++;
			}
		}
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(lines, n);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(good, n);
	CU_ASSERT(lisp_ctl >= 6);
	CU_ASSERT(lisp_data >= 8);
	CU_ASSERT_EQUAL(lisp_ctl + lisp_data, n);
	lab_teardown(&L);
}

/* An IPv6/UDP frame into lisp2's Ethernet0 from mapserver's address. */
static void inject6(uint16_t dport, const uint8_t *payload, size_t len, int cksum_mode,
		    size_t ulen_delta)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint8_t f[2048], *ip = f + 14, *udp = ip + 40;
	struct addr s = A6("2001:db8:f1::2"), dst = A6("2001:db8:f2::2");
	uint16_t c;
	size_t ulen = len + 8;

	CU_ASSERT_FATAL(len + 62 <= sizeof(f));
	mk_eth(f, iface_mac(L.eth[LISP2][0]), nmac, 0x86dd);
	ipv6_build_hdr(ip, (uint16_t)ulen, 17, 63, s.u.b, dst.u.b);
	udp[0] = 0xf0;
	udp[1] = 0x01;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((ulen + ulen_delta) >> 8);
	udp[5] = (uint8_t)(ulen + ulen_delta);
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, payload, len);
	if (cksum_mode) {
		c = ipv6_l4_cksum(ip, 17, udp, ulen);
		if (c == 0)
			c = 0xffff;
		memcpy(udp + 6, &c, 2);
		if (cksum_mode == 2)
			udp[7] ^= 0x5a;		/* wrong */
	}
	t_push(iface_port(L.eth[LISP2][0]), f, 14 + 40 + ulen);
	router_poll(L.r[LISP2]);
}

/* A LISP data packet: header then an IPv4 echo 192.168.1.1 -> 192.168.2.1. */
static size_t data_pkt(uint8_t *b)
{
	uint8_t *ip = b + 8;

	memset(b, 0, 8);
	b[0] = 0x88;			/* N, I */
	b[1] = 0x12;
	mk_ip(ip, ip4("192.168.1.1"), ip4("192.168.2.1"), 1, 64, 0, 8, 0);
	ip[20] = 8;			/* echo request */
	ip[21] = 0;
	ip[22] = 0xf7;
	ip[23] = 0xff;
	memset(ip + 24, 0, 4);
	return 8 + 28;
}

static void test_malformed(void)
{
	const struct lisp_stats *st;
	uint8_t b[256], req[64];
	uint64_t decap, cks, mal, shrt, ver;
	size_t n;
	unsigned i;

	setup_v6();
	lab_run(&L, 2000);
	st = S(LISP2);
	n = data_pkt(b);
	/* A good one first: decapsulated. */
	decap = st->decap_pkts;
	inject6(LISP_DATA_PORT, b, n, 1, 0);
	CU_ASSERT_EQUAL(st->decap_pkts, decap + 1);
	/* Zero UDP checksum on 4341: accepted (RFC 6935/6936 tunnels). */
	inject6(LISP_DATA_PORT, b, n, 0, 0);
	CU_ASSERT_EQUAL(st->decap_pkts, decap + 2);
	/* A wrong checksum on 4341: dropped, counted. */
	cks = st->drops[LISP_DROP_UDP_CKSUM];
	inject6(LISP_DATA_PORT, b, n, 2, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_UDP_CKSUM], cks + 1);
	CU_ASSERT_EQUAL(st->decap_pkts, decap + 2);
	/* Control messages: a zero checksum and a wrong one are dropped. */
	memset(req, 0, sizeof(req));
	req[0] = LISP_MAP_REQUEST << 4;
	inject6(LISP_CONTROL_PORT, req, 40, 0, 0);
	inject6(LISP_CONTROL_PORT, req, 40, 2, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_UDP_CKSUM], cks + 3);
	/* A UDP length beyond the packet. */
	mal = st->drops[LISP_DROP_UDP_MALFORMED];
	inject6(LISP_DATA_PORT, b, n, 0, 16);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_UDP_MALFORMED], mal + 1);
	/* Too short for a LISP header and an inner IPv4 header. */
	shrt = st->drops[LISP_DROP_DECAP_SHORT];
	inject6(LISP_DATA_PORT, b, 12, 1, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_SHORT], shrt + 1);
	/* Inner version neither 4 (nor, here, anything known). */
	ver = st->drops[LISP_DROP_DECAP_VERSION] + st->drops[LISP_DROP_DECAP_INNER];
	b[8] = 0x35;
	inject6(LISP_DATA_PORT, b, n, 1, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_VERSION] + st->drops[LISP_DROP_DECAP_INNER],
			ver + 1);
	CU_ASSERT_EQUAL(st->decap_pkts, decap + 2);
	/* A malformed control message with a good checksum: counted by
	 * the codec, not by the checksum. */
	inject6(LISP_CONTROL_PORT, req, 3, 1, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_UDP_CKSUM], cks + 3);
	/* The first fragment of a control message over IPv6: the router
	 * does not reassemble; LISP counts it once (not the later one). */
	{
		static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
		struct addr fs = A6("2001:db8:f1::2"), fd = A6("2001:db8:f2::2");
		uint8_t f[200], *ip = f + 14, *fh = ip + 40;
		uint64_t fr = st->drops[LISP_DROP_CTRL_FRAGMENT];

		memset(f, 0, sizeof(f));
		mk_eth(f, iface_mac(L.eth[LISP2][0]), nmac, 0x86dd);
		ipv6_build_hdr(ip, 8 + 8 + 64, 44, 64, fs.u.b, fd.u.b);
		fh[0] = 17;
		fh[3] = 1;			/* offset 0, M */
		fh[7] = 0x42;
		fh[8 + 0] = 0x10;		/* UDP 4096 -> 4342 */
		fh[8 + 2] = LISP_CONTROL_PORT >> 8;
		fh[8 + 3] = LISP_CONTROL_PORT & 0xff;
		fh[8 + 4] = 0x05;		/* length 1280: the rest follows */
		t_push(iface_port(L.eth[LISP2][0]), f, 14 + 40 + 8 + 8 + 64);
		router_poll(L.r[LISP2]);
		CU_ASSERT_EQUAL(st->drops[LISP_DROP_CTRL_FRAGMENT], fr + 1);
		fh[2] = 0x01;			/* a later fragment: no UDP header */
		t_push(iface_port(L.eth[LISP2][0]), f, 14 + 40 + 8 + 8 + 64);
		router_poll(L.r[LISP2]);
		CU_ASSERT_EQUAL(st->drops[LISP_DROP_CTRL_FRAGMENT], fr + 1);
	}
	/* Seeded mutations of a good data packet never crash. */
	srand(12);
	for (i = 0; i < 3000; i++) {
		size_t m = data_pkt(b), j;

		for (j = 0; j < 1 + (unsigned)rand() % 4; j++)
			b[(unsigned)rand() % m] = (uint8_t)rand();
		inject6(rand() % 2 ? LISP_DATA_PORT : LISP_CONTROL_PORT, b,
			(size_t)rand() % (m + 1), rand() % 3, 0);
	}
	lab_pump(&L);
	lab_teardown(&L);
}


/* A ping with every parameter; runs the lab until it ends. */
static struct ping_result ping_x(int r, const char *dst, unsigned size, bool df,
				 unsigned repeat)
{
	struct ping_params pp;
	struct lab_ping st;
	char err[160];
	int guard;

	memset(&pp, 0, sizeof(pp));
	memset(&st, 0, sizeof(st));
	pp.dst = A4(dst);
	snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Loopback0");
	pp.repeat = repeat;
	pp.size = size;
	pp.df = df;
	pp.timeout_ms = 2000;
	CU_ASSERT_NOT_EQUAL_FATAL(ping_start(L.r[r], &pp, NULL, lab_ping_done, &st, err,
					     sizeof(err)), 0);
	for (guard = 0; !st.done && guard < 100000; guard++)
		lab_step(&L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(st.done, 1);
	return st.res;
}

/* The Map-Request inside the first ECM captured on a link (either
 * family) sent by router 'from' (-1: any); false if none. */
static bool first_ecm_request(int link, int from, struct lisp_map_request *req, bool *over_v6)
{
	unsigned i;

	for (i = 0; i < L.link[link].n; i++) {
		const struct lab_frame *f = &L.link[link].cap[i];
		const uint8_t *msg = NULL;
		size_t len = 0;
		struct lisp_ecm ecm;
		const uint8_t *u;

		if (from >= 0 && f->from != from)
			continue;
		if ((u = udp6(f, LISP_CONTROL_PORT))) {
			msg = u + 8;
			len = get16(u + 4) - 8u;
			*over_v6 = true;
		} else if ((msg = lab_udp(f, LISP_CONTROL_PORT, &len))) {
			*over_v6 = false;
		}
		if (!msg || lisp_msg_type(msg, len) != LISP_ECM ||
		    lisp_ecm_decode(msg, len, &ecm) != LISP_OK)
			continue;
		/* the inner header is of the EID's family */
		CU_ASSERT_EQUAL(ecm.inner_dst.afi, AFI_IPV4);
		CU_ASSERT_EQUAL(ecm.inner_src.afi, AFI_IPV4);
		CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(ecm.payload, ecm.payload_len, req),
				      LISP_OK);
		return true;
	}
	return false;
}

/*
 * Dual stack: the seed lab (IPv4 everywhere) with IPv6 on the links too.
 * A Map-Request lists both ITR-RLOCs, IPv4 first, whichever family it
 * travels over; with only an IPv6 map-resolver it goes over IPv6.
 */
static void test_dual_stack(void)
{
	struct lisp_map_request req;
	struct addr mr4 = A4("10.0.3.1"), mr6 = A6("2001:db8:f1::1");
	struct addr want4 = A4("10.0.1.2"), want6 = A6("2001:db8:f1::2");
	struct ping_result res;
	bool v6 = false;
	char err[160];
	int i, k;

	lab_setup(&L, true);
	for (i = 0; i < LAB_NR; i++)
		for (k = 0; k < 3; k++)
			if (L.eth[i][k])
				addr6(i, k);
	ipv6_set_routing(L.r[MSR], true);
	route6(LISP1, "2001:db8:f1::1");
	route6(LISP2, "2001:db8:f2::1");
	lab_run(&L, 3000);
	lab_clear_capture(&L);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_EQUAL(res.received, 3);
	memset(&req, 0, sizeof(req));
	CU_ASSERT_FATAL(first_ecm_request(LINK1, -1, &req, &v6));
	CU_ASSERT_FALSE(v6);
	CU_ASSERT_EQUAL(req.itr_rloc_count, 2);
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[0].addr, &want4));
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[1].addr, &want6));
	lisp_map_request_free(&req);

	/* Only an IPv6 map-resolver: the ECM goes over IPv6, the list is
	 * the same. */
	CU_ASSERT_EQUAL(lisp_map_resolver_del(L.l[LISP1], &mr4, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &mr6, err, sizeof(err)), 0);
	lisp_map_cache_clear(L.l[LISP1]);
	lab_clear_capture(&L);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_EQUAL(res.received, 4);
	memset(&req, 0, sizeof(req));
	CU_ASSERT_FATAL(first_ecm_request(LINK1, -1, &req, &v6));
	CU_ASSERT_TRUE(v6);
	CU_ASSERT_EQUAL(req.itr_rloc_count, 2);
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[0].addr, &want4));
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[1].addr, &want6));
	lisp_map_request_free(&req);
	lab_teardown(&L);
}

/*
 * Over the IPv6 core: a packet that does not fit the 56 bytes of outer
 * IPv6 header is fragmented before encapsulation, or refused with ICMP
 * Fragmentation Needed carrying the inner MTU (1500 - 56) when DF is set.
 */
static void test_mtu(void)
{
	struct ping_result res;
	uint64_t frag, fn;

	setup_v6();
	lab_run(&L, 2000);
	res = ping_x(LISP1, "192.168.2.1", 100, false, 5);
	CU_ASSERT_EQUAL(res.received, 3);
	/* 1444 bytes fit exactly, DF or not */
	res = ping_x(LISP1, "192.168.2.1", 1444, true, 2);
	CU_ASSERT_EQUAL(res.received, 2);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_TOO_BIG], 0);
	/* 1445 with DF: refused, counted, the sender told 1444 */
	fn = S(LISP1)->frag_needed_sent;
	res = ping_x(LISP1, "192.168.2.1", 1445, true, 1);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_STRING_EQUAL(res.marks, "M");
	CU_ASSERT_EQUAL(S(LISP1)->frag_needed_sent, fn + 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_TOO_BIG], 1);
	/* without DF: fragmented before encapsulation, two fragments each
	 * in its own outer IPv6 packet (lisp2 decapsulates both; the router
	 * itself does not reassemble, so the echo is not answered) */
	frag = S(LISP1)->fragmented_pkts;
	fn = S(LISP2)->decap_pkts;
	res = ping_x(LISP1, "192.168.2.1", 1445, false, 1);
	CU_ASSERT_EQUAL(S(LISP1)->fragmented_pkts, frag + 1);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, fn + 2);
	lab_teardown(&L);
}

/*
 * mapserver as PETR and PITR on its IPv6 address (seed 000 over an IPv6
 * core): lisp1 reaches the non-LISP host 4.2.2.2 (outsideworld, the one
 * IPv4 link) through the PETR, and the answer comes back through the
 * PITR, both ways in IPv6.
 */
static void test_proxies(void)
{
	struct prefix eids = P4("192.168.0.0/16");
	struct addr a = A6("2001:db8:f1::1"), a4 = A4("10.0.3.1"), b;
	struct lisp_map_request req;
	struct ping_result res;
	bool v6 = false;
	char err[160];

	setup_v6();
	t_addr(L.r[MSR], L.eth[MSR][2], "10.0.3.1", 24);
	t_addr(L.r[OUTW], L.eth[OUTW][0], "10.0.3.2", 24);
	t_addr(L.r[OUTW], lab_if(&L, OUTW, "Loopback0", NULL, 0), "4.2.2.2", 32);
	lab_route(&L, OUTW, "0.0.0.0/0", "10.0.3.1");
	lab_route(&L, MSR, "4.2.2.2/32", "10.0.3.2");
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[MSR], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[MSR], &eids, LISP_ACT_SEND_MAP_REQ, NULL,
						  err, sizeof(err)), 0);
	/* IOS's 'ip lisp proxy-itr 10.0.3.1 2001:db8:f1::1' (here the IPv6
	 * one first): the second of the other family only */
	CU_ASSERT_EQUAL(lisp_set_proxy_itr2(L.l[MSR], &a, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr2(L.l[MSR], &a4, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(lisp_proxy_itr2(L.l[MSR], &b));
	CU_ASSERT_TRUE(addr_eq(&b, &a4));
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 1, 100, err, sizeof(err)), 0);
	lab_run(&L, 2000);
	res = ping_x(LISP1, "4.2.2.2", 100, false, 5);
	CU_ASSERT(res.received >= 3);
	res = ping_x(LISP1, "4.2.2.2", 100, false, 5);
	CU_ASSERT_EQUAL(res.received, 5);
	CU_ASSERT(S(LISP1)->petr_encap_pkts >= 8);
	CU_ASSERT(S(MSR)->petr_decap_pkts >= 8);
	CU_ASSERT(S(MSR)->pitr_encap_pkts >= 8);
	CU_ASSERT(S(LISP1)->decap_pkts >= 8);
	CU_ASSERT(count6(LINK1, LISP_DATA_PORT, 0) >= 16);
	/* The PITR's Map-Request (to itself, forwarded by its MS to lisp1
	 * over IPv6) lists both its locators, IPv4 first; lisp1 has no IPv4
	 * route, so its reply went to the IPv6 one. */
	memset(&req, 0, sizeof(req));
	CU_ASSERT_FATAL(first_ecm_request(LINK1, MSR, &req, &v6));
	CU_ASSERT_TRUE(v6);
	CU_ASSERT_TRUE(req.pitr);
	CU_ASSERT_EQUAL(req.itr_rloc_count, 2);
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[0].addr, &a4));
	CU_ASSERT_TRUE(addr_eq(&req.itr_rlocs[1].addr, &a));
	lisp_map_request_free(&req);
	CU_ASSERT(S(LISP1)->mrep_out >= 1);
	/* 'no ip lisp proxy-itr' drops both */
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], NULL, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_proxy_itr2(L.l[MSR], &b));
	lab_teardown(&L);
}

/* RLOC probing and SMR between the xTRs, over IPv6. */
static void test_probe_smr(void)
{
	struct lisp_mc_info mc;
	struct lisp_loc_cfg loc;
	struct prefix p = P4("192.168.2.0/24");
	struct addr x = A4("192.168.2.1");
	struct ping_result res;
	uint64_t smr, mreq;
	char err[160];

	setup_v6();
	lab_run(&L, 2000);
	res = ping_x(LISP1, "192.168.2.1", 100, false, 5);
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], true, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	CU_ASSERT(S(LISP1)->probe_out >= 1);
	CU_ASSERT(S(LISP2)->probe_reply_out >= 1);
	CU_ASSERT(S(LISP1)->probe_reply_in >= 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_PROBE_UNSOLICITED], 0);
	CU_ASSERT_EQUAL_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &mc), 0);
	CU_ASSERT(mc.locs[0].last_probe_reply != 0);
	CU_ASSERT_EQUAL(mc.locs[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], false, err, sizeof(err)), 0);
	/* lisp2's mapping gains a locator (priority 255: the Map-Server
	 * forwards requests to the other one): it SMRs lisp1 (its user, over
	 * IPv6), which asks the mapping system again and learns it. */
	smr = S(LISP2)->smr_out;
	mreq = S(LISP1)->mreq_out;
	memset(&loc, 0, sizeof(loc));
	loc.addr = A6("2001:db8:f2::99");
	loc.priority = 255;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);
	CU_ASSERT_EQUAL(S(LISP2)->smr_out, smr + 1);
	CU_ASSERT(S(LISP1)->mreq_out > mreq);
	CU_ASSERT_EQUAL_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &mc), 0);
	CU_ASSERT_EQUAL(mc.n_locs, 2);
	lab_teardown(&L);
}

/* A control message whose IPv6 next hop never answers Neighbor
 * Discovery is counted by LISP as not sent, as an unresolved ARP is. */
static void test_nd_unresolved(void)
{
	struct lisp_ms_cfg ms;
	char err[160];
	uint64_t arp, reg;

	setup_v6();
	lab_run(&L, 2000);
	memset(&ms, 0, sizeof(ms));
	ms.addr = A6("2001:db8:f1::77");	/* on lisp1's link, nobody */
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_A);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	arp = S(LISP1)->drops[LISP_DROP_CTRL_ARP];
	reg = S(LISP1)->reg_out;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 5000);
	/* to the new map-server alone: the other keeps its own timer */
	CU_ASSERT_EQUAL(S(LISP1)->reg_out, reg + 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_CTRL_ARP], arp + 1);
	CU_ASSERT(router_stats6(L.r[LISP1])->drops[RT6_DROP_ND_UNRESOLVED] >= 1);
	/* the registration with the real map-server still holds */
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_CTRL_NO_ROUTE], 0);
	lab_teardown(&L);
}

/* An RLOC probe to lisp2's IPv6 locator listing an IPv4 ITR-RLOC first
 * (a dual-stack prober): the reply goes to the IPv6 one, from the probed
 * address, so the prober can match it. */
static void test_probe_family(void)
{
	struct lisp_map_request req;
	struct lisp_eid rec;
	uint8_t msg[128];
	ssize_t n;
	unsigned i, got = 0;
	uint64_t out;

	setup_v6();
	lab_run(&L, 2000);
	memset(&req, 0, sizeof(req));
	memset(&rec, 0, sizeof(rec));
	req.probe = true;
	req.nonce = 0x1234567890abcdefull;
	req.itr_rloc_count = 2;
	req.itr_rlocs[0].addr = A4("10.0.1.2");
	req.itr_rlocs[1].addr = A6("2001:db8:f1::2");
	req.record_count = 1;
	rec.eid.addr = A4("192.168.2.0");
	rec.mask_len = 24;
	req.records = &rec;
	n = lisp_map_request_encode(&req, msg, sizeof(msg));
	CU_ASSERT_FATAL(n > 0);
	out = S(LISP2)->probe_reply_out;
	lab_clear_capture(&L);
	inject6(LISP_CONTROL_PORT, msg, (size_t)n, 1, 0);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(LISP2)->probe_reply_out, out + 1);
	for (i = 0; i < L.link[LINK2].n; i++) {
		const struct lab_frame *f = &L.link[LINK2].cap[i];
		const uint8_t *u = f->from == LISP2 ? udp6(f, 0xf001) : NULL;
		struct addr src = A6("2001:db8:f2::2");

		if (!u || lisp_msg_type(u + 8, get16(u + 4) - 8u) != LISP_MAP_REPLY)
			continue;
		got++;
		CU_ASSERT_EQUAL(memcmp(f->d + 14 + 8, src.u.b, 16), 0);
		CU_ASSERT_EQUAL(get16(u), LISP_CONTROL_PORT);
	}
	CU_ASSERT_EQUAL(got, 1);
	CU_ASSERT_EQUAL(S(LISP2)->drops[LISP_DROP_CTRL_NO_ROUTE], 0);
	lab_teardown(&L);
}

/* mapserver as PETR decapsulates an IPv6 inner packet from lisp1 (IPv6
 * in IPv6) and forwards it to outsideworld: hop limit the smaller of the
 * two, DSCP from the outer header; a truncated one is counted. */
static void test_decap_inner6(void)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	struct addr s = A6("2001:db8:f1::2"), d = A6("2001:db8:f1::1");
	struct addr is = A6("2001:db8:1::1"), id = A6("2001:db8:f3::2");
	uint8_t f[400], *ip = f + 14, *udp = ip + 40, *in = udp + 16;
	uint64_t decap, bad;
	size_t ilen = 40 + 8, ulen = 16 + ilen;
	unsigned i, got = 0;
	uint16_t c;
	char err[160];

	setup_v6();
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	lab_run(&L, 2000);
	lab_clear_capture(&L);
	memset(f, 0, sizeof(f));
	mk_eth(f, iface_mac(L.eth[MSR][0]), nmac, 0x86dd);
	ipv6_build_hdr(ip, (uint16_t)ulen, 17, 20, s.u.b, d.u.b);
	ip[0] = 0x6b;				/* outer traffic class 0xb8: EF */
	ip[1] = 0x80;
	udp[0] = 0xf0;
	udp[2] = LISP_DATA_PORT >> 8;
	udp[3] = LISP_DATA_PORT & 0xff;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[8] = 0x88;				/* N, I; instance 0 */
	ipv6_build_hdr(in, 8, 17, 60, is.u.b, id.u.b);	/* UDP 7 -> 9 */
	in[40 + 1] = 7;
	in[40 + 3] = 9;
	in[40 + 5] = 8;
	c = ipv6_l4_cksum(in, 17, in + 40, 8);
	memcpy(in + 46, &c, 2);
	c = ipv6_l4_cksum(ip, 17, udp, ulen);
	memcpy(udp + 6, &c, 2);
	decap = S(MSR)->decap_pkts;
	t_push(iface_port(L.eth[MSR][0]), f, 14 + 40 + ulen);
	router_poll(L.r[MSR]);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(MSR)->decap_pkts, decap + 1);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, 1);
	for (i = 0; i < L.link[LINK3].n; i++) {
		const struct lab_frame *g = &L.link[LINK3].cap[i];
		const uint8_t *q = g->d + 14;

		if (g->from != MSR || g->len < 14 + 48 || q[6] != 17 ||
		    memcmp(q + 8, is.u.b, 16) != 0)
			continue;
		got++;
		CU_ASSERT_EQUAL(q[7], 19);		/* min(20, 60) - 1 */
		CU_ASSERT_EQUAL(q[0], 0x6b);		/* DSCP EF from outside */
		CU_ASSERT_EQUAL(q[1] & 0xf0, 0x80);
		CU_ASSERT_EQUAL(get16(q + 4), 8);
	}
	CU_ASSERT_EQUAL(got, 1);
	/* an inner payload length beyond the packet */
	bad = S(MSR)->drops[LISP_DROP_DECAP_INNER];
	in[5] = 200;
	memset(udp + 6, 0, 2);
	c = ipv6_l4_cksum(ip, 17, udp, ulen);
	memcpy(udp + 6, &c, 2);
	t_push(iface_port(L.eth[MSR][0]), f, 14 + 40 + ulen);
	router_poll(L.r[MSR]);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_INNER], bad + 1);
	CU_ASSERT_EQUAL(S(MSR)->decap_pkts, decap + 1);
	lab_teardown(&L);
}

/* IPv6 EIDs over the IPv6 core too (IPv6 in IPv6): lisp1's Loopback0
 * 2001:db8:1::1 pings lisp2's 2001:db8:2::1 through the same mapping
 * system, both prefixes registered beside the IPv4 ones. */
static void test_ping6_through(void)
{
	struct ping_params pp;
	struct lab_ping st;
	struct prefix p1, p2;
	struct lisp_loc_cfg loc;
	struct addr a1 = A6("2001:db8:1::1"), a2 = A6("2001:db8:2::1");
	char err[160];
	unsigned i, data = 0;
	int guard, pass;

	setup_v6();
	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(L.r[LISP1], iface_find(L.r[LISP1], "Loopback0"),
					      &a1, 128, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(L.r[LISP2], iface_find(L.r[LISP2], "Loopback0"),
					      &a2, 128, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(prefix_parse("2001:db8:1::/48", &p1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(prefix_parse("2001:db8:2::/48", &p2, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "A", &p1, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &p2, false, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	snprintf(loc.ifname, sizeof(loc.ifname), "Ethernet0");
	loc.ifafi = AFI_IPV6;
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p1, &loc, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A6("2001:db8:f2::2");
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p2, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);
	lab_clear_capture(&L);
	for (pass = 0; pass < 2; pass++) {
		memset(&pp, 0, sizeof(pp));
		memset(&st, 0, sizeof(st));
		pp.dst = a2;
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Loopback0");
		pp.repeat = 5;
		pp.timeout_ms = 2000;
		CU_ASSERT_NOT_EQUAL_FATAL(ping_start(L.r[LISP1], &pp, NULL, lab_ping_done, &st,
						     err, sizeof(err)), 0);
		for (guard = 0; !st.done && guard < 100000; guard++)
			lab_step(&L, 10 * NS_PER_MS);
		CU_ASSERT_EQUAL(st.done, 1);
		if (pass == 0) {
			CU_ASSERT(st.res.received >= 3);
		} else {
			CU_ASSERT_EQUAL(st.res.received, 5);
		}
	}
	/* data in IPv6/UDP 4341 with an IPv6 inner packet */
	for (i = 0; i < L.link[LINK2].n; i++) {
		const struct lab_frame *f = &L.link[LINK2].cap[i];
		const uint8_t *u = udp6(f, LISP_DATA_PORT);

		if (!u)
			continue;
		data++;
		CU_ASSERT_EQUAL(u[16] >> 4, 6);
		CU_ASSERT_EQUAL(ipv6_l4_cksum(f->d + 14, 17, u, get16(u + 4)), 0);
	}
	CU_ASSERT(data >= 16);
	lab_teardown(&L);
}

static unsigned n_db_locs;

static int db_fn(const struct lisp_db_info *d, void *arg)
{
	(void)arg;
	n_db_locs += d->n_locs;
	return 0;
}

/* The engine API takes IPv6 RLOCs everywhere an RLOC goes. */
static void test_config(void)
{
	struct lisp_loc_cfg loc;
	struct lisp_ms_cfg ms;
	struct prefix p = P4("192.168.1.0/24");
	struct addr a = A6("2001:db8:f1::1"), ll = A6("fe80::1"), mc = A6("ff02::1");
	char err[160];

	setup_v6();
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 1, 100, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &ll, 1, 100, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &mc, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Invalid map-resolver address");
	memset(&ms, 0, sizeof(ms));
	ms.addr = ll;
	snprintf(ms.key, sizeof(ms.key), "k");
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_map_request_source(L.l[LISP2], &a, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	loc.addr = ll;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p, &loc, err, sizeof(err)), -1);
	/* IPv4-interface and IPv6-interface of one interface: two locators */
	memset(&loc, 0, sizeof(loc));
	snprintf(loc.ifname, sizeof(loc.ifname), "Ethernet0");
	loc.priority = 2;
	loc.weight = 50;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p, &loc, err, sizeof(err)), 0);
	n_db_locs = 0;
	lisp_db_foreach(L.l[LISP1], db_fn, NULL);
	CU_ASSERT_EQUAL(n_db_locs, 2);
	lab_teardown(&L);
}

static CU_TestInfo tests[] = {
	{ "register over IPv6", test_register },
	{ "resolve over IPv6 and ping through", test_ping_through },
	{ "tshark: every frame of the ping", test_tshark },
	{ "malformed IPv6 LISP frames dropped and counted", test_malformed },
	{ "IPv6 RLOCs in the engine API", test_config },
	{ "dual stack: both ITR-RLOCs, IPv4 first", test_dual_stack },
	{ "MTU over IPv6 RLOCs: 56 bytes of overhead", test_mtu },
	{ "PETR and PITR on IPv6 addresses", test_proxies },
	{ "RLOC probing and SMR over IPv6", test_probe_smr },
	{ "ND unresolved: a control message counted as not sent", test_nd_unresolved },
	{ "RLOC probe reply in the probed address's family", test_probe_family },
	{ "PETR: an IPv6 inner packet decapsulated and forwarded", test_decap_inner6 },
	{ "IPv6 EIDs over IPv6 RLOCs: ping through", test_ping6_through },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_v6rloc", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

CUNIT_MAIN(suites)

/*
 * DOC: the seed lab, end to end, in process (registration, resolution,
 * encapsulation, proxy-reply, timers, limits, malformed input)
 */
#include "test_lisp_lab.h"

static struct lab L;

static void setup_seed(void)
{
	lab_setup(&L, true);
	lab_run(&L, 1000);
}

static struct lisp_site_eid_info site_eid(const char *a)
{
	struct lisp_site_eid_info e;
	struct addr x = A4(a);

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	return e;
}

static int ms_info_fn(const struct lisp_ms_info *m, void *arg)
{
	*(struct lisp_ms_info *)arg = *m;
	return 1;
}

static struct lisp_ms_info ms_info(int r)
{
	struct lisp_ms_info m;

	memset(&m, 0, sizeof(m));
	lisp_map_server_foreach(L.l[r], ms_info_fn, &m);
	return m;
}

struct site_find {
	const char *name;
	struct lisp_site_info info;
	int found;
};

static int site_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_find *f = arg;

	if (strcmp(s->name, f->name) == 0) {
		f->info = *s;
		f->found++;
	}
	return 0;
}

static struct lisp_site_info site_info(const char *name)
{
	struct site_find f;

	memset(&f, 0, sizeof(f));
	f.name = name;
	lisp_site_foreach(L.l[MSR], site_fn, &f);
	CU_ASSERT_EQUAL(f.found, 1);
	return f.info;
}

static bool mc(int r, const char *a, struct lisp_mc_info *e)
{
	struct addr x = A4(a);

	return lisp_map_cache_lookup(L.l[r], &x, e) == 0;
}

static const struct lisp_stats *S(int r)
{
	return lisp_stats(L.l[r]);
}

struct lig_state {
	struct lisp_lig_result res;
	int done;
};

static void lig_done(void *arg, const struct lisp_lig_result *res)
{
	struct lig_state *s = arg;

	s->res = *res;
	s->done++;
}

static struct lisp_lig_result lig(int r, const char *eid)
{
	struct lig_state s;
	struct addr e = A4(eid), src = A4("192.168.1.1");
	char err[160];
	int i;

	memset(&s, 0, sizeof(s));
	CU_ASSERT_EQUAL(lisp_lig(L.l[r], &e, &src, lig_done, &s, err, sizeof(err)), 0);
	lab_pump(&L);
	for (i = 0; i < 200 && !s.done; i++)
		lab_step(&L, 100 * NS_PER_MS);
	CU_ASSERT_EQUAL(s.done, 1);
	return s.res;
}

/* ---------------------------------------------------------------- registration */

static void test_registration(void)
{
	struct lisp_site_eid_info a, b;
	struct lisp_ms_info m;

	setup_seed();
	a = site_eid("192.168.1.1");
	b = site_eid("192.168.2.1");
	CU_ASSERT_STRING_EQUAL(a.site, "A");
	CU_ASSERT_TRUE(a.registered);
	CU_ASSERT_TRUE(a.configured);
	CU_ASSERT_EQUAL(a.who.u.v4, ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(a.ttl, 1440);
	CU_ASSERT_TRUE(a.want_notify);
	CU_ASSERT_FALSE(a.proxy_reply);
	CU_ASSERT_EQUAL(a.alg, LISP_AUTH_HMAC_SHA1);
	CU_ASSERT_EQUAL_FATAL(a.n_locs, 1);
	CU_ASSERT_EQUAL(a.locs[0].addr.u.v4, ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(a.locs[0].priority, 1);
	CU_ASSERT_EQUAL(a.locs[0].weight, 100);
	CU_ASSERT_TRUE(a.locs[0].local);
	CU_ASSERT_TRUE(a.locs[0].reachable);
	CU_ASSERT_STRING_EQUAL(b.site, "B");
	CU_ASSERT_TRUE(b.registered);
	CU_ASSERT_EQUAL(b.who.u.v4, ip4("10.0.2.2"));
	m = ms_info(LISP1);
	CU_ASSERT_TRUE(m.notify_verified);
	CU_ASSERT_EQUAL(m.registers_sent, 1);
	CU_ASSERT_EQUAL(S(LISP1)->notify_verified, 1);
	CU_ASSERT_EQUAL(S(MSR)->notify_out, 2);
	CU_ASSERT_EQUAL(S(MSR)->reg_accepted_records, 2);
	CU_ASSERT_TRUE(m.up);
	CU_ASSERT_EQUAL(m.notify_state, LISP_MSN_VERIFIED);
	/* The next register, 60 s later, asks again: each period's verified
	 * Map-Notify keeps the server up. */
	lab_run(&L, 60000);
	a = site_eid("192.168.1.1");
	CU_ASSERT_TRUE(a.want_notify);
	CU_ASSERT_EQUAL(ms_info(LISP1).registers_sent, 2);
	CU_ASSERT_EQUAL(ms_info(LISP1).notifies_in, 2);
	CU_ASSERT_EQUAL(S(MSR)->notify_out, 4);
	CU_ASSERT_TRUE(a.last_registered > a.first_registered);
	lab_teardown(&L);
}

static void test_wrong_key(void)
{
	struct lisp_ms_cfg ms;
	char err[160];

	lab_setup(&L, true);
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.3.1");
	snprintf(ms.key, sizeof(ms.key), "wrong");
	ms.alg = LISP_AUTH_HMAC_SHA256;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP2], &ms, err, sizeof(err)), 0);
	lab_run(&L, 61000);
	CU_ASSERT_FALSE(site_eid("192.168.2.1").registered);
	CU_ASSERT_TRUE(site_eid("192.168.1.1").registered);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_AUTH], 2);
	CU_ASSERT_EQUAL(site_info("B").auth_failures, 2);
	CU_ASSERT_EQUAL(site_info("A").auth_failures, 0);
	CU_ASSERT_FALSE(ms_info(LISP2).notify_verified);
	/* The right key with SHA-256 registers. */
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_B);
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP2], &ms, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	CU_ASSERT_TRUE(site_eid("192.168.2.1").registered);
	CU_ASSERT_EQUAL(site_eid("192.168.2.1").alg, LISP_AUTH_HMAC_SHA256);
	CU_ASSERT_TRUE(ms_info(LISP2).notify_verified);
	lab_teardown(&L);
}

static void test_disallowed_prefix(void)
{
	struct lisp_loc_cfg loc;
	struct prefix more = P4("192.168.2.128/25"), site = P4("192.168.2.0/24");
	struct lisp_site_eid_info e;
	struct addr allowed = A4("10.9.9.9");
	char err[160];

	setup_seed();
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &more, &loc, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	CU_ASSERT_EQUAL(site_info("B").disallowed, 1);
	e = site_eid("192.168.2.200");
	CU_ASSERT_EQUAL(e.prefix.len, 24);	/* no /25 in the registry */
	/* accept-more-specifics: the /25 registers as a dynamic entry. */
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &site, true, err, sizeof(err)), 0);
	lab_run(&L, 60000);
	e = site_eid("192.168.2.200");
	CU_ASSERT_EQUAL(e.prefix.len, 25);
	CU_ASSERT_FALSE(e.configured);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(e.parent.len, 24);
	/* allowed-locator policy: 10.0.2.2 is not in the list. */
	CU_ASSERT_EQUAL(lisp_site_allowed_locator_add(L.l[MSR], "B", &allowed, err,
						      sizeof(err)), 0);
	lab_run(&L, 60000);
	CU_ASSERT_EQUAL(site_info("B").locator_mismatches, 2);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_LOCATOR], 2);
	lab_teardown(&L);
}

static void test_expiry(void)
{
	struct lisp_lig_result r;
	struct addr ms = A4("10.0.3.1");
	char err[160];

	setup_seed();
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP2], &ms, 0, err, sizeof(err)), 0);
	lab_run(&L, 170000);
	CU_ASSERT_TRUE(site_eid("192.168.2.1").registered);
	lab_run(&L, 11000);
	CU_ASSERT_FALSE(site_eid("192.168.2.1").registered);
	CU_ASSERT_TRUE(site_eid("192.168.1.1").registered);
	CU_ASSERT_EQUAL(S(MSR)->reg_expired, 1);
	/* Configured but unregistered: negative, 1 minute, the site prefix. */
	r = lig(LISP1, "192.168.2.1");
	CU_ASSERT_TRUE(r.replied);
	CU_ASSERT_TRUE(r.negative);
	CU_ASSERT_EQUAL(r.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(r.ttl, 1);
	CU_ASSERT_EQUAL(r.prefix.addr.u.v4, ip4("192.168.2.0"));
	CU_ASSERT_EQUAL(r.prefix.len, 24);
	CU_ASSERT_EQUAL(S(LISP2)->mreq_in, 0);
	/* Entries of different TTLs expire each at its own time. */
	r = lig(LISP1, "4.2.2.2");
	CU_ASSERT_EQUAL(r.ttl, 15);
	r = lig(LISP1, "130.0.0.1");
	CU_ASSERT_EQUAL(r.ttl, 15);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 4);
	lab_run(&L, 61000);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 3);
	CU_ASSERT_EQUAL(S(LISP1)->cache_expired, 1);
	{
		struct lisp_mc_info e;

		CU_ASSERT_TRUE(mc(LISP1, "192.168.2.1", &e) && e.prefix.len == 0);
		CU_ASSERT_TRUE(mc(LISP1, "4.2.2.2", &e) && e.prefix.len == 1);
	}
	lab_run(&L, 14 * 60000);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 1);
	CU_ASSERT_EQUAL(S(LISP1)->cache_expired, 3);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- the seed */

static void test_seed_native_source(void)
{
	struct ping_result res;

	setup_seed();
	res = lab_ping(&L, LISP1, "4.2.2.2", NULL, 5, 2000);
	CU_ASSERT_EQUAL(res.received, 5);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 0);
	CU_ASSERT_EQUAL(S(LISP1)->signal_pkts, 0);
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 0);
	lab_teardown(&L);
}

static void test_seed_negative(void)
{
	struct ping_result res;
	struct lisp_mc_info e;
	uint64_t echoes;
	size_t i, len, n_ecm = 0;
	const uint8_t *p;
	struct lisp_ecm ecm;
	struct lisp_map_request req;

	setup_seed();
	echoes = router_stats(L.r[OUTW])->icmp_rx_echo;
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	/* No way back without a PITR (issue 6): the echoes leave natively. */
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_EQUAL(router_stats(L.r[OUTW])->icmp_rx_echo - echoes, 4);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 4);
	CU_ASSERT_EQUAL(S(MSR)->mrep_out_neg, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mrep_in_neg, 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.addr.u.v4, ip4("0.0.0.0"));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	CU_ASSERT_TRUE(e.negative);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(e.ttl, 15);
	CU_ASSERT_EQUAL(e.source, LISP_MC_MAP_REPLY);
	CU_ASSERT_EQUAL(e.expires - e.created, 15 * 60 * T_SEC);
	CU_ASSERT_EQUAL(e.pkts, 4);
	/* The request on the wire: ECM from lisp1's RLOC to 10.0.3.1. */
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];

		if (f->from != LISP1 || !(p = lab_udp(f, 4342, &len)))
			continue;
		if (lisp_msg_type(p, len) != LISP_ECM)
			continue;
		n_ecm++;
		CU_ASSERT_EQUAL(get_ip(f->d + 14 + 12), ip4("10.0.1.2"));
		CU_ASSERT_EQUAL(get_ip(f->d + 14 + 16), ip4("10.0.3.1"));
		CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(p, len, &ecm), LISP_OK);
		CU_ASSERT_EQUAL(ecm.inner_src.u.v4, ip4("10.0.1.2"));
		CU_ASSERT_EQUAL(ecm.inner_dst.u.v4, ip4("4.2.2.2"));
		CU_ASSERT_EQUAL(ecm.inner_dport, 4342);
		CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(ecm.payload, ecm.payload_len, &req),
				      LISP_OK);
		CU_ASSERT_EQUAL(req.records[0].eid.addr.u.v4, ip4("4.2.2.2"));
		CU_ASSERT_EQUAL(req.records[0].mask_len, 32);
		CU_ASSERT_EQUAL(req.source_eid.addr.u.v4, ip4("192.168.1.1"));
		CU_ASSERT_EQUAL(req.itr_rlocs[0].addr.u.v4, ip4("10.0.1.2"));
		lisp_map_request_free(&req);
	}
	CU_ASSERT_EQUAL(n_ecm, 1);
	/* While the entry lives, no further requests. */
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 3, 2000);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 7);
	lab_teardown(&L);
}

static void check_encap_frame(const struct lab_frame *f)
{
	const uint8_t *ip = f->d + 14, *udp = ip + 20, *inner = udp + 16;
	struct lisp_data_hdr h;

	CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.2.2"));
	CU_ASSERT_EQUAL(ipv4_cksum(ip, 20), 0);
	CU_ASSERT_EQUAL(get16(ip + 6) & 0x4000, 0x4000);	/* DF */
	CU_ASSERT_EQUAL(ip[8], inner[8]);			/* TTL copied */
	CU_ASSERT_EQUAL(ip[1], inner[1]);			/* TOS copied */
	CU_ASSERT_EQUAL(get16(udp) & 0xF000, 0xF000);
	CU_ASSERT_EQUAL(get16(udp + 2), 4341);
	CU_ASSERT_EQUAL(get16(udp + 4), get16(inner + 2) + 16);
	CU_ASSERT_EQUAL(get16(udp + 6), 0);
	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(udp + 8, 8, &h), LISP_OK);
	CU_ASSERT_TRUE(h.n);
	CU_ASSERT_TRUE(h.i);
	CU_ASSERT_EQUAL(h.iid, 0);
	CU_ASSERT_FALSE(h.l);
	CU_ASSERT_EQUAL(get_ip(inner + 12), ip4("192.168.1.1"));
	CU_ASSERT_EQUAL(get_ip(inner + 16), ip4("192.168.2.1"));
	CU_ASSERT_EQUAL(ipv4_cksum(inner, 20), 0);
}

static void test_seed_eid_to_eid(void)
{
	struct ping_result res;
	struct lisp_mc_info e;
	size_t i, j, len, len2, n_enc = 0, n_fwd = 0;
	const uint8_t *p, *q;
	uint16_t sport = 0;

	setup_seed();
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	/* First loss at lisp1, second at lisp2 (its own resolution). */
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.prefix.addr.u.v4, ip4("192.168.2.0"));
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_FALSE(e.negative);
	CU_ASSERT_TRUE(e.authoritative);
	CU_ASSERT_EQUAL(e.ttl, 1440);
	CU_ASSERT_EQUAL(e.map_source.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(e.locs[0].priority, 1);
	CU_ASSERT_EQUAL(e.locs[0].weight, 100);
	CU_ASSERT_TRUE(mc(LISP2, "192.168.1.1", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_EQUAL(S(MSR)->mreq_forwarded, 2);
	CU_ASSERT_EQUAL(S(LISP2)->mrep_out_auth, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mrep_out_auth, 1);
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 4);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, 4);
	CU_ASSERT_EQUAL(S(LISP1)->decap_pkts, 3);
	/* The ECM lisp1 sent reaches lisp2 unchanged, from mapserver's
	 * address on that link. */
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];

		if (f->from != LISP1)
			continue;
		if ((p = lab_udp(f, 4341, &len))) {
			check_encap_frame(f);
			if (n_enc++ == 0)
				sport = get16(f->d + 34);
			else
				CU_ASSERT_EQUAL(get16(f->d + 34), sport);	/* same flow */
			continue;
		}
		if (!(p = lab_udp(f, 4342, &len)) || lisp_msg_type(p, len) != LISP_ECM)
			continue;
		for (j = 0; j < L.link[LINK2].n; j++) {
			const struct lab_frame *g = &L.link[LINK2].cap[j];

			if (g->from != MSR || !(q = lab_udp(g, 4342, &len2)))
				continue;
			if (len2 == len && memcmp(p, q, len) == 0) {
				n_fwd++;
				CU_ASSERT_EQUAL(get_ip(g->d + 14 + 12), ip4("10.0.2.1"));
				CU_ASSERT_EQUAL(get_ip(g->d + 14 + 16), ip4("10.0.2.2"));
			}
		}
	}
	CU_ASSERT_EQUAL(n_enc, 4);
	CU_ASSERT_EQUAL(n_fwd, 1);
	lab_teardown(&L);
}

static void test_seed_proxy_reply(void)
{
	struct lisp_ms_cfg ms;
	struct ping_result res;
	struct lisp_mc_info e;
	char err[160];

	lab_setup(&L, true);
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.3.1");
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_B);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	ms.proxy_reply = true;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP2], &ms, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	CU_ASSERT_TRUE(site_eid("192.168.2.1").proxy_reply);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_EQUAL(S(LISP2)->mreq_in, 0);		/* nothing reached lisp2 */
	CU_ASSERT_EQUAL(S(MSR)->mrep_out_nonauth, 1);
	CU_ASSERT_EQUAL(S(MSR)->mreq_forwarded, 1);	/* lisp2's request to lisp1 */
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_FALSE(e.authoritative);
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_EQUAL(e.map_source.u.v4, ip4("10.0.1.1"));	/* MS, toward lisp1 */
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.2"));
	lab_teardown(&L);
}

/* Locator choice: lowest usable priority, split by weight per flow; the
 * outer source follows the egress interface's source-locator. */
static void test_locator_choice(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p = P4("172.16.0.0/16");
	uint8_t f[128], out[256], *ip, *udp;
	unsigned i, to2 = 0, to3 = 0, other = 0, srcs = 0;
	struct iface *lo1;
	char err[160];
	long n;

	setup_seed();
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 25;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	loc.addr = A4("10.0.3.2");
	loc.weight = 75;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	loc.addr = A4("10.0.1.1");
	loc.priority = 2;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	loc.addr = A4("10.0.3.1");
	loc.priority = 255;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	lo1 = lab_if(&L, LISP1, "Loopback1", NULL, 0);
	t_addr(L.r[LISP1], lo1, "10.1.1.1", 32);
	port_mem_flush(iface_port(L.eth[LISP1][0]));
	for (i = 0; i < 400; i++) {
		if (i == 200)
			CU_ASSERT_EQUAL(lisp_set_source_locator(L.l[LISP1], "Ethernet0", "Loopback1",
								err, sizeof(err)), 0);
		ip = f + mk_eth(f, iface_mac(L.eth[LISP1][0]), MAC_A, 0x0800);
		udp = ip + 20;
		udp[0] = (uint8_t)(i >> 8);
		udp[1] = (uint8_t)i;
		udp[2] = 0;
		udp[3] = 53;
		udp[4] = 0;
		udp[5] = 8;
		udp[6] = udp[7] = 0;
		mk_ip(ip, ip4("192.168.1.77"), ip4("172.16.9.9"), 17, 64, 0, 8, 0);
		t_push(iface_port(L.eth[LISP1][0]), f, 14 + 28);
		router_poll(L.r[LISP1]);
		n = port_mem_pop(iface_port(L.eth[LISP1][0]), out, sizeof(out), NULL);
		CU_ASSERT_EQUAL_FATAL(n, 14 + 36 + 28);
		CU_ASSERT_EQUAL(out[14 + 8], 63);	/* transit: decremented */
		if (get_ip(out + 14 + 16) == ip4("10.0.2.2"))
			to2++;
		else if (get_ip(out + 14 + 16) == ip4("10.0.3.2"))
			to3++;
		else
			other++;
		if (get_ip(out + 14 + 12) == (i < 200 ? ip4("10.0.1.2") : ip4("10.1.1.1")))
			srcs++;
	}
	CU_ASSERT_EQUAL(other, 0);
	CU_ASSERT_EQUAL(to2 + to3, 400);
	CU_ASSERT_TRUE(to2 > 60 && to2 < 140);		/* 25 % of 400 */
	CU_ASSERT_EQUAL(srcs, 400);
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 400);
	lab_teardown(&L);
}

/* Decapsulation: TTL = min(inner, outer), then the forwarding decrement. */
static void test_decap_ttl(void)
{
	struct port *p;
	struct iface *e1;
	uint8_t pkt[200], *inner = pkt + 8, out[256];
	struct lisp_data_hdr h;
	long n;
	static const uint8_t hmac[6] = { 0x02, 0xab, 0, 0, 0, 1 };
	uint8_t arp[64];
	static const uint8_t zero[6];
	size_t an;

	setup_seed();
	e1 = lab_if(&L, LISP2, "Ethernet1", &p, 1);
	t_addr(L.r[LISP2], e1, "192.168.2.129", 25);
	iface_set_shutdown(L.r[LISP2], e1, false);
	port_mem_flush(p);
	an = mk_arp(arp, MAC_BC, 1, hmac, ip4("192.168.2.130"), zero, ip4("192.168.2.129"));
	t_push(p, arp, an);
	router_poll(L.r[LISP2]);
	port_mem_flush(p);
	memset(&h, 0, sizeof(h));
	h.n = true;
	h.nonce = 0x123456;
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, pkt, 8), 8);
	memset(inner + 20, 0, 16);
	mk_ip(inner, ip4("192.168.1.1"), ip4("192.168.2.130"), 17, 64, 0, 16, 0);
	lab_inject_udp(&L, LISP2, L.eth[LISP2][0], "10.0.1.2", "10.0.2.2", 0xF123, 4341,
		       pkt, 8 + 36, 5, 0);
	n = port_mem_pop(p, out, sizeof(out), NULL);
	CU_ASSERT_EQUAL_FATAL(n, 14 + 36);
	CU_ASSERT_EQUAL(out[14 + 8], 4);		/* min(64, 5) - 1 */
	CU_ASSERT_EQUAL(ipv4_cksum(out + 14, 20), 0);
	mk_ip(inner, ip4("192.168.1.1"), ip4("192.168.2.130"), 17, 10, 0, 16, 0);
	lab_inject_udp(&L, LISP2, L.eth[LISP2][0], "10.0.1.2", "10.0.2.2", 0xF123, 4341,
		       pkt, 8 + 36, 100, 0xb8);
	n = port_mem_pop(p, out, sizeof(out), NULL);
	CU_ASSERT_EQUAL_FATAL(n, 14 + 36);
	CU_ASSERT_EQUAL(out[14 + 8], 9);		/* min(10, 100) - 1 */
	CU_ASSERT_EQUAL(out[14 + 1], 0xb8);		/* DSCP from the outer */
	/* An inner destination outside the database is dropped. */
	mk_ip(inner, ip4("192.168.1.1"), ip4("4.2.2.2"), 17, 10, 0, 16, 0);
	lab_inject_udp(&L, LISP2, L.eth[LISP2][0], "10.0.1.2", "10.0.2.2", 0xF123, 4341,
		       pkt, 8 + 36, 100, 0);
	CU_ASSERT_EQUAL(S(LISP2)->drops[LISP_DROP_DECAP_NOT_LOCAL], 1);
	/* Outer CE on a Not-ECT inner packet: dropped (RFC 6040). */
	mk_ip(inner, ip4("192.168.1.1"), ip4("192.168.2.130"), 17, 10, 0, 16, 0);
	lab_inject_udp(&L, LISP2, L.eth[LISP2][0], "10.0.1.2", "10.0.2.2", 0xF123, 4341,
		       pkt, 8 + 36, 100, 0x03);
	CU_ASSERT_EQUAL(S(LISP2)->drops[LISP_DROP_DECAP_ECN], 1);
	CU_ASSERT_EQUAL(port_mem_pop(p, out, sizeof(out), NULL), -1);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, 2);
	lab_teardown(&L);
}

static void test_forged_reply(void)
{
	struct lisp_map_reply rep;
	struct lisp_record rec;
	struct lisp_locator loc;
	struct lisp_mc_info e;
	uint8_t msg[256];
	ssize_t n;

	setup_seed();
	memset(&rep, 0, sizeof(rep));
	memset(&rec, 0, sizeof(rec));
	memset(&loc, 0, sizeof(loc));
	rep.nonce = 0x1122334455667788ull;
	rep.record_count = 1;
	rep.records = &rec;
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid.addr = A4("192.168.2.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 1;
	rec.locs = &loc;
	loc.rloc.addr = A4("6.6.6.6");
	loc.reachable = true;
	n = lisp_map_reply_encode(&rep, msg, sizeof(msg));
	CU_ASSERT_FATAL(n > 0);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", 4342, 4342,
		       msg, (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_NONCE_MISMATCH], 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 0);			/* still the 0/0 default */
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC_SMR);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 1);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- ITR timers */

static void test_rate_limit(void)
{
	struct addr mr = A4("10.0.3.1"), dead = A4("10.0.3.7");
	char err[160];

	setup_seed();
	CU_ASSERT_EQUAL(lisp_map_resolver_del(L.l[LISP1], &mr, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &dead, err, sizeof(err)), 0);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 100);
	CU_ASSERT_EQUAL(S(LISP1)->signal_pkts, 5);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_RATE_LIMITED], 4);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_RESOLVE_PENDING], 5);
	lab_teardown(&L);

	/* Answered but not cached (map-cache-limit 0): still one a second. */
	setup_seed();
	CU_ASSERT_EQUAL(lisp_set_map_cache_limit(L.l[LISP1], 0, err, sizeof(err)), 0);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 100);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mrep_in_neg, 1);
	CU_ASSERT_EQUAL(S(LISP1)->signal_pkts, 5);
	lab_run(&L, 1000);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 1, 100);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 2);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 1);
	lab_teardown(&L);
}

static void test_retransmit_failover(void)
{
	struct addr mr = A4("10.0.3.1"), dead = A4("10.0.3.7");
	struct lisp_mc_info e;
	char err[160];
	size_t i, len, n = 0;
	const uint8_t *p;
	uint32_t dsts[8];

	setup_seed();
	CU_ASSERT_EQUAL(lisp_map_resolver_del(L.l[LISP1], &mr, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &dead, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &mr, err, sizeof(err)), 0);
	lab_clear_capture(&L);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 1, 100);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	lab_run(&L, 1000);				/* t = 1.1 s */
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 2);
	lab_run(&L, 1500);				/* t = 2.6 s */
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 2);
	lab_run(&L, 1000);				/* t = 3.6 s */
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 3);
	CU_ASSERT_FALSE(mc(LISP1, "4.2.2.2", &e) && e.prefix.len == 1);
	lab_run(&L, 3000);				/* t = 6.6 s */
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 3);
	lab_run(&L, 1000);				/* t = 7.6 s: next resolver */
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 4);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out_retransmit, 2);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	for (i = 0; i < L.link[LINK1].n && n < 8; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];

		if (f->from == LISP1 && (p = lab_udp(f, 4342, &len)) &&
		    lisp_msg_type(p, len) == LISP_ECM)
			dsts[n++] = get_ip(f->d + 14 + 16);
	}
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_EQUAL(dsts[0], ip4("10.0.3.7"));
	CU_ASSERT_EQUAL(dsts[2], ip4("10.0.3.7"));
	CU_ASSERT_EQUAL(dsts[3], ip4("10.0.3.1"));
	/* Everything fails: the request is abandoned and counted. */
	CU_ASSERT_EQUAL(lisp_map_resolver_del(L.l[LISP1], &mr, err, sizeof(err)), 0);
	lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 1, 100);
	lab_run(&L, 8000);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_failed, 1);
	lab_teardown(&L);
}

static void test_cache_expiry_refresh(void)
{
	struct lisp_mc_info e;
	uint64_t t0;
	int i;

	setup_seed();
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 2000);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	/* Idle: gone after 15 minutes, without a refresh. */
	for (i = 0; i < 15 * 60; i++)
		lab_step(&L, NS_PER_SEC);
	CU_ASSERT_TRUE(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 0);
	CU_ASSERT_EQUAL(S(LISP1)->cache_expired, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	/* In use: refreshed within its last minute, never lapses. */
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 2000);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 2);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	t0 = e.created;
	for (i = 0; i < 17; i++) {
		lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 1, 2000);
		lab_run(&L, 58000);
	}
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 3);
	CU_ASSERT_EQUAL(S(LISP1)->cache_refreshes, 1);
	CU_ASSERT_EQUAL(S(LISP1)->cache_expired, 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	CU_ASSERT_EQUAL(e.created, t0);
	CU_ASSERT_TRUE(e.expires > t0 + 15 * 60 * T_SEC);
	lab_teardown(&L);
}

static void test_cache_limit(void)
{
	struct lisp_lig_result r;
	struct lisp_mc_info e;
	char err[160];

	setup_seed();
	CU_ASSERT_EQUAL(lisp_set_map_cache_limit(L.l[LISP1], 2, err, sizeof(err)), 0);
	r = lig(LISP1, "4.2.2.2");
	CU_ASSERT_EQUAL(r.prefix.len, 1);
	r = lig(LISP1, "130.1.1.1");
	CU_ASSERT_EQUAL(r.prefix.addr.u.v4, ip4("128.0.0.0"));
	CU_ASSERT_EQUAL(r.prefix.len, 2);
	lab_run(&L, 1000);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 1, 100);	/* 0/1 used last */
	r = lig(LISP1, "200.1.1.1");
	CU_ASSERT_EQUAL(r.prefix.addr.u.v4, ip4("200.0.0.0"));
	CU_ASSERT_EQUAL(r.prefix.len, 5);
	CU_ASSERT_EQUAL(S(LISP1)->cache_evicted, 1);
	CU_ASSERT_TRUE(mc(LISP1, "4.2.2.2", &e) && e.prefix.len == 1);
	CU_ASSERT_TRUE(mc(LISP1, "200.1.1.1", &e) && e.prefix.len == 5);
	CU_ASSERT_TRUE(mc(LISP1, "130.1.1.1", &e) && e.prefix.len == 0);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 3);	/* + 0/0 */
	lab_teardown(&L);
}

/* A less-specific reply replaces the more-specifics it covers. */
static void test_cache_less_specific(void)
{
	struct lisp_lig_result r;
	struct lisp_mc_info e;
	struct prefix p = P4("10.99.0.0/16");
	char err[160];

	setup_seed();
	r = lig(LISP1, "130.1.1.1");
	CU_ASSERT_EQUAL(r.prefix.len, 2);
	/* A new site 128.0.0.0/1 changes the answer to the less specific. */
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "C", err, sizeof(err)), 0);
	p = P4("128.0.0.0/1");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "C", &p, false, err, sizeof(err)), 0);
	r = lig(LISP1, "130.1.1.1");
	CU_ASSERT_EQUAL(r.prefix.len, 1);
	CU_ASSERT_EQUAL(r.ttl, 1);
	CU_ASSERT_TRUE(mc(LISP1, "130.1.1.1", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 2);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- robustness */

static uint64_t lisp_errors(int r)
{
	const struct lisp_stats *s = S(r);
	uint64_t n = 0;
	int i;

	for (i = 0; i < LISP_ERR__COUNT; i++)
		n += s->malformed[i];
	for (i = 0; i < LISP_DROP__COUNT; i++)
		n += s->drops[i];
	return n;
}

static void fuzz_one(int r, struct iface *ifp, const char *src, const char *dst,
		     uint16_t dport, const uint8_t *msg, size_t len, uint64_t *seed)
{
	uint8_t m[1500];
	size_t cut, k;

	/* Every truncation, then random byte flips. */
	for (cut = 0; cut < len; cut++)
		lab_inject_udp(&L, r, ifp, src, dst, 4342, dport, msg, cut, 64, 0);
	for (k = 0; k < 400; k++) {
		memcpy(m, msg, len);
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		m[*seed % len] ^= (uint8_t)(1u << (*seed >> 32) % 8);
		if (k & 1)
			m[(*seed >> 16) % len] = (uint8_t)(*seed >> 40);
		lab_inject_udp(&L, r, ifp, src, dst, 4342, dport, m, len, 64, 0);
	}
}

static void test_malformed(void)
{
	uint8_t reg[512], ecm[512], mreq[256], rep[256], data[128];
	struct lisp_map_register mr;
	struct lisp_map_request q;
	struct lisp_map_reply mp;
	struct lisp_record rec;
	struct lisp_locator loc;
	struct lisp_eid eid;
	struct lisp_ecm em;
	struct lisp_data_hdr h;
	ssize_t nreg, necm, nq, nrep;
	uint64_t seed = 0x9E3779B97F4A7C15ull, before;
	struct lisp_site_eid_info b;
	char err[160];

	lab_setup(&L, true);
	/* lisp2 stays silent so site B can only be registered by our input. */
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP2], LISP_ROLE_ETR, false, err, sizeof(err)), 0);
	lab_run(&L, 1000);

	memset(&rec, 0, sizeof(rec));
	memset(&loc, 0, sizeof(loc));
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid.addr = A4("192.168.2.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 1;
	rec.locs = &loc;
	loc.rloc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 100;
	loc.reachable = true;
	memset(&mr, 0, sizeof(mr));
	mr.type = LISP_MAP_REGISTER;
	mr.want_map_notify = true;
	mr.nonce = 7;
	mr.alg_id = LISP_AUTH_HMAC_SHA1;
	mr.record_count = 1;
	mr.records = &rec;
	nreg = lisp_map_register_encode(&mr, KEY_B, strlen(KEY_B), reg, sizeof(reg));
	CU_ASSERT_FATAL(nreg > 0);

	memset(&q, 0, sizeof(q));
	memset(&eid, 0, sizeof(eid));
	q.nonce = 99;
	q.source_eid.addr = A4("192.168.1.1");
	q.itr_rloc_count = 1;
	q.itr_rlocs[0].addr = A4("10.0.1.2");
	q.record_count = 1;
	eid.eid.addr = A4("192.168.2.1");
	eid.mask_len = 32;
	q.records = &eid;
	nq = lisp_map_request_encode(&q, mreq, sizeof(mreq));
	CU_ASSERT_FATAL(nq > 0);
	memset(&em, 0, sizeof(em));
	em.inner_src = A4("10.0.1.2");
	em.inner_dst = A4("192.168.2.1");
	em.inner_ttl = 64;
	em.inner_sport = 4342;
	em.inner_dport = 4342;
	em.payload = mreq;
	em.payload_len = (size_t)nq;
	necm = lisp_ecm_encode(&em, ecm, sizeof(ecm));
	CU_ASSERT_FATAL(necm > 0);

	memset(&mp, 0, sizeof(mp));
	mp.nonce = 5;
	mp.record_count = 1;
	mp.records = &rec;
	nrep = lisp_map_reply_encode(&mp, rep, sizeof(rep));
	CU_ASSERT_FATAL(nrep > 0);

	memset(&h, 0, sizeof(h));
	h.n = true;
	lisp_data_hdr_encode(&h, data, 8);
	mk_ip(data + 8, ip4("192.168.2.1"), ip4("192.168.1.1"), 17, 64, 0, 8, 0);
	memset(data + 36, 0, 8);

	before = lisp_errors(MSR);
	fuzz_one(MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, reg, (size_t)nreg, &seed);
	fuzz_one(MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, ecm, (size_t)necm, &seed);
	CU_ASSERT_TRUE(lisp_errors(MSR) - before >= (uint64_t)(nreg + necm));
	b = site_eid("192.168.2.1");
	CU_ASSERT_FALSE(b.registered);
	before = lisp_errors(LISP1);
	fuzz_one(LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", 4342, rep, (size_t)nrep, &seed);
	fuzz_one(LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", 4342, reg, (size_t)nreg, &seed);
	fuzz_one(LISP1, L.eth[LISP1][0], "10.0.2.2", "10.0.1.2", 4341, data, 44, &seed);
	CU_ASSERT_TRUE(lisp_errors(LISP1) - before >= (uint64_t)nrep);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 1);
	/* The intact register still works afterwards. */
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.2.2", "10.0.1.1", 4342, 4342, reg,
		       (size_t)nreg, 64, 0);
	CU_ASSERT_TRUE(site_eid("192.168.2.1").registered);
	/* Other UDP ports are refused (ICMP port unreachable). */
	before = router_stats(L.r[MSR])->drops[RT_DROP_NO_PROTO];
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, 4343, reg,
		       (size_t)nreg, 64, 0);
	CU_ASSERT_EQUAL(router_stats(L.r[MSR])->drops[RT_DROP_NO_PROTO] - before, 1);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- eligibility */

/* Frames lisp1 sent toward mapserver unencapsulated to dst. */
static unsigned native_to(const char *dst)
{
	unsigned i, n = 0;

	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		size_t len;

		if (f->from == LISP1 && f->len >= 14 + 20 && get16(f->d + 12) == 0x0800 &&
		    get_ip(f->d + 14 + 16) == ip4(dst) && !lab_udp(f, 4341, &len) &&
		    !lab_udp(f, 4342, &len))
			n++;
	}
	return n;
}

/* A transit packet from a host behind lisp1 (EID 192.168.1.77). */
static void from_eid(const char *dst)
{
	static const uint8_t pl[4] = { 1, 2, 3, 4 };

	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "192.168.1.77", dst, 1234, 9, pl,
		       sizeof(pl), 64, 0);
	lab_pump(&L);
}

static void cef_at(const char *a, struct lisp_cef_info *c)
{
	struct addr x = A4(a);

	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &x, c), 0);
}

struct cef_find {
	struct prefix p;
	struct lisp_cef_info c;
	int found;
};

static int cef_find_fn(const struct lisp_cef_info *c, void *arg)
{
	struct cef_find *f = arg;

	if (prefix_eq(&c->prefix, &f->p)) {
		f->c = *c;
		f->found++;
	}
	return 0;
}

/* The 'show ip cef' row for exactly p. */
static struct lisp_cef_info cef_row(const char *p)
{
	struct cef_find f;

	memset(&f, 0, sizeof(f));
	f.p = P4(p);
	CU_ASSERT_EQUAL(lisp_cef_foreach(L.l[LISP1], cef_find_fn, &f), 0);
	CU_ASSERT_EQUAL(f.found, 1);
	return f.c;
}

/* Only destinations without a better native route are LISP's: the
 * default route and the send-map-request 0.0.0.0/0 lose to a connected or
 * static route, a more specific map-cache entry beats a native route. */
static void test_eligibility(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p = P4("172.16.5.0/24");
	struct lisp_cef_info c;
	struct ping_result res;
	char err[160];

	setup_seed();
	lab_route(&L, LISP1, "172.16.0.0/16", "10.0.1.1");
	/* Connected (mapserver's own address) and static: native at once. */
	from_eid("10.0.1.1");
	from_eid("172.16.3.3");
	CU_ASSERT_EQUAL(native_to("10.0.1.1"), 1);
	CU_ASSERT_EQUAL(native_to("172.16.3.3"), 1);
	res = lab_ping(&L, LISP1, "10.0.1.1", "Loopback0", 5, 500);
	CU_ASSERT_EQUAL(native_to("10.0.1.1"), 6);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 0);
	CU_ASSERT_EQUAL(S(LISP1)->signal_pkts, 0);
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 0);	/* never LISP's */
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_RESOLVE_PENDING], 0);
	CU_ASSERT_EQUAL(lisp_map_cache_count(L.l[LISP1], NULL), 1);
	cef_at("10.0.1.1", &c);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NONE);
	CU_ASSERT_EQUAL(c.prefix.len, 24);
	CU_ASSERT_FALSE(c.mc_found);
	cef_at("172.16.3.3", &c);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_EQUAL(c.route.prefix.len, 16);
	/* Only the default route: LISP resolves, the first packet is lost. */
	from_eid("172.17.0.1");
	CU_ASSERT_EQUAL(native_to("172.17.0.1"), 0);
	CU_ASSERT_EQUAL(S(LISP1)->signal_pkts, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	cef_at("172.17.0.1", &c);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.route.prefix.len, 0);
	/* A static map-cache entry more specific than the static route wins;
	 * the rest of the route stays native. */
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	from_eid("172.16.5.5");
	from_eid("172.16.6.6");
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 1);
	CU_ASSERT_EQUAL(native_to("172.16.5.5"), 0);
	CU_ASSERT_EQUAL(native_to("172.16.6.6"), 1);
	cef_at("172.16.5.5", &c);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c.prefix.len, 24);
	/* The table agrees, row by row: the /16 route's row is native even
	 * with an entry at its first address, which is a row of its own. */
	p = P4("172.16.0.0/24");
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, 0, &loc, err, sizeof(err)), 0);
	c = cef_row("172.16.0.0/16");
	CU_ASSERT_TRUE(c.route_found);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NONE);
	CU_ASSERT_FALSE(c.mc_found);
	c = cef_row("172.16.0.0/24");
	CU_ASSERT_FALSE(c.route_found);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	c = cef_row("172.16.5.0/24");
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	c = cef_row("10.0.1.0/24");
	CU_ASSERT_FALSE(c.eligible);
	c = cef_row("0.0.0.0/0");
	CU_ASSERT_TRUE(c.route_found);
	CU_ASSERT_TRUE(c.mc_found);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_SIGNAL);
	/* A route as specific as the entry: the route wins the tie. */
	lab_route(&L, LISP1, "172.16.5.0/24", "10.0.1.1");
	from_eid("172.16.5.5");
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 1);
	CU_ASSERT_EQUAL(native_to("172.16.5.5"), 1);
	cef_at("172.16.5.5", &c);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_TRUE(c.mc_found);			/* its twin, shown */
	/* A summary route covering the remote site: native, no request ... */
	lab_route(&L, LISP1, "192.168.0.0/16", "10.0.1.1");
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 2, 500);
	CU_ASSERT_EQUAL(res.received, 0);		/* mapserver has no route */
	CU_ASSERT_EQUAL(native_to("192.168.2.1"), 2);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 1);
	/* ... until a Map-Reply caches the /24, which beats the /16. */
	CU_ASSERT_TRUE(lig(LISP1, "192.168.2.1").replied);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out, 2);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_EQUAL(native_to("192.168.2.1"), 2);
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 1 + 5);
	CU_ASSERT_TRUE(res.received >= 4);		/* lisp2 resolves lisp1 */
	cef_at("192.168.2.1", &c);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c.mc.source, LISP_MC_MAP_REPLY);
	lab_teardown(&L);
}

/*
 * Control messages the router cannot send are counted, never silent:
 * lisp2's Map-Replies to lisp1's ITR-RLOC with no route back, with a next
 * hop whose ARP never resolves, and with a port that refuses frames each
 * move their own drop counter, one per Map-Reply not sent.
 */
static void lost_replies(int how)
{
	static const enum lisp_drop reason[] = { LISP_DROP_CTRL_NO_ROUTE, LISP_DROP_CTRL_ARP,
						 LISP_DROP_CTRL_PORT };
	struct prefix dflt = P4("0.0.0.0/0");
	struct addr gw = A4("10.0.2.1");
	uint64_t req0, rep0, drop0, other0 = 0, rt0;
	char err[160];

	setup_seed();
	/* A first exchange resolves lisp2's ARP for its gateway. */
	lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT_TRUE_FATAL(S(LISP2)->mrep_out >= 1);
	lab_run(&L, 3000);
	lisp_map_cache_clear(L.l[LISP1]);
	switch (how) {
	case 0:
		CU_ASSERT_EQUAL_FATAL(fib_static_del(L.r[LISP2], &dflt, &gw, NULL, err, sizeof(err)), 0);
		break;
	case 1:
		/* 10.0.2.99 is on the link, and nobody answers for it. */
		lab_route(&L, LISP2, "10.0.1.0/24", "10.0.2.99");
		break;
	default:
		port_mem_refuse(iface_port(L.eth[LISP2][0]), true);
		break;
	}
	req0 = S(LISP2)->mreq_in;
	rep0 = S(LISP2)->mrep_out;
	drop0 = S(LISP2)->drops[reason[how]];
	for (int i = 0; i < 3; i++)
		if (i != how)
			other0 += S(LISP2)->drops[reason[i]];
	rt0 = router_stats(L.r[LISP2])->drops[how == 1 ? RT_DROP_ARP_UNRESOLVED : RT_DROP_TX_ERROR];
	lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	/* The ARP retries run out (3 more requests, 1 s apart). */
	lab_run(&L, 5000);
	CU_ASSERT_TRUE(S(LISP2)->mreq_in > req0);
	if (how == 0) {
		/* Never out.  lisp2's own Map-Requests for the way back to
		 * lisp1's EID fail the same way: at least one each. */
		CU_ASSERT_EQUAL(S(LISP2)->mrep_out, rep0);
		CU_ASSERT_TRUE(S(LISP2)->drops[reason[how]] - drop0 >= S(LISP2)->mreq_in - req0);
	} else {
		/* Handed to the router (counted out), then lost there: each
		 * one counted.  With the port refusing everything lisp2's
		 * other control messages are lost too. */
		CU_ASSERT_EQUAL(S(LISP2)->mrep_out - rep0, S(LISP2)->mreq_in - req0);
		if (how == 1) {
			CU_ASSERT_EQUAL(S(LISP2)->drops[reason[how]] - drop0, S(LISP2)->mrep_out - rep0);
		} else {
			CU_ASSERT_TRUE(S(LISP2)->drops[reason[how]] - drop0 >= S(LISP2)->mrep_out - rep0);
		}
	}
	for (int i = 0; i < 3; i++)
		if (i != how)
			other0 -= S(LISP2)->drops[reason[i]];
	CU_ASSERT_EQUAL(other0, 0);
	/* The router counts the frames it lost as well. */
	if (how) {
		CU_ASSERT_TRUE(router_stats(L.r[LISP2])->drops[how == 1 ? RT_DROP_ARP_UNRESOLVED :
								 RT_DROP_TX_ERROR] > rt0);
	}
	lab_teardown(&L);
}

static void test_lost_control_no_route(void)
{
	lost_replies(0);
}

static void test_lost_control_arp(void)
{
	lost_replies(1);
}

static void test_lost_control_port(void)
{
	lost_replies(2);
}

static CU_TestInfo tests[] = {
	{ "registration and Map-Notify", test_registration },
	{ "wrong key rejected and counted", test_wrong_key },
	{ "disallowed prefix, more-specifics, allowed-locator", test_disallowed_prefix },
	{ "registration expiry, unregistered EID", test_expiry },
	{ "seed 1: non-EID source goes native", test_seed_native_source },
	{ "seed 2: negative reply 0.0.0.0/1", test_seed_negative },
	{ "seed 3: EID to EID through the MS", test_seed_eid_to_eid },
	{ "seed 4: proxy-reply", test_seed_proxy_reply },
	{ "locator priority, weight, source-locator", test_locator_choice },
	{ "decapsulation TTL, DSCP, ECN, checks", test_decap_ttl },
	{ "forged Map-Reply changes nothing", test_forged_reply },
	{ "Map-Request rate limit", test_rate_limit },
	{ "retransmission and resolver failover", test_retransmit_failover },
	{ "map-cache expiry and refresh", test_cache_expiry_refresh },
	{ "map-cache-limit evicts LRU", test_cache_limit },
	{ "less-specific replaces more-specifics", test_cache_less_specific },
	{ "malformed control and data packets", test_malformed },
	{ "native routes beat the default LISP entry", test_eligibility },
	{ "Map-Reply with no route back counted", test_lost_control_no_route },
	{ "Map-Reply lost to ARP counted", test_lost_control_arp },
	{ "Map-Reply refused by the port counted", test_lost_control_port },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_lab", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

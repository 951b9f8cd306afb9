/*
 * DOC: interworking with non-LISP sites in the in-process seed lab: the
 * proxy-ETR seed (000_f6f32bfb6b3b0a7b) frame by frame, use-petr choice
 * and reachability, the PITR, RLOC probing, SMR, MTU, the PETR's access
 * list, decapsulation drops and the show ip cef view
 */
#include "test_lisp_lab.h"

static struct lab L;

static const struct lisp_stats *S(int r)
{
	return lisp_stats(L.l[r]);
}

static bool mc(int r, const char *a, struct lisp_mc_info *e)
{
	struct addr x = A4(a);

	return lisp_map_cache_lookup(L.l[r], &x, e) == 0;
}

/* mapserver as in seed 000: MS/MR, PETR, and PITR for 192.168.0.0/16
 * resolving through itself. */
static void msr_proxies(void)
{
	struct prefix eids = P4("192.168.0.0/16");
	struct addr a = A4("10.0.3.1");
	char err[160];

	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[MSR], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[MSR], &eids, LISP_ACT_SEND_MAP_REQ, NULL,
						  err, sizeof(err)), 0);
}

static void use_petr(int r, const char *a, uint8_t prio, uint8_t weight)
{
	struct addr x = A4(a);
	char err[160];

	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[r], &x, prio, weight, err, sizeof(err)), 0);
}

static void del_route(int r, const char *p, const char *gw)
{
	struct prefix pf = P4(p);
	struct addr g = A4(gw);
	char err[160];

	CU_ASSERT_EQUAL(fib_static_del(L.r[r], &pf, &g, NULL, err, sizeof(err)), 0);
}

/* Seed 000: lisp1 uses the PETR, has no default route, only a /32 to it. */
static void setup_seed000(void)
{
	lab_setup(&L, true);
	msr_proxies();
	use_petr(LISP1, "10.0.3.1", LISP_PETR_PRIORITY_DEFAULT, LISP_PETR_WEIGHT_DEFAULT);
	del_route(LISP1, "0.0.0.0/0", "10.0.1.1");
	lab_route(&L, LISP1, "10.0.3.1/32", "10.0.1.1");
	lab_run(&L, 1000);
	lab_clear_capture(&L);
}

struct petr_get {
	struct lisp_petr_info p[LISP_MAX_PETRS];
	unsigned n;
};

static int petr_fn(const struct lisp_petr_info *p, void *arg)
{
	struct petr_get *g = arg;

	g->p[g->n++] = *p;
	return 0;
}

static struct petr_get petrs(int r)
{
	struct petr_get g;

	memset(&g, 0, sizeof(g));
	lisp_use_petr_foreach(L.l[r], petr_fn, &g);
	return g;
}

/* ---------------------------------------------------------------- frame matching */

struct seen {
	const struct lab_frame *f;
	int link;
};

static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	return x->f->seq < y->f->seq ? -1 : x->f->seq > y->f->seq;
}

/* Every captured IPv4 frame in wire order. */
static size_t wire(struct seen *out, size_t cap)
{
	size_t n = 0, i;
	int k;

	for (k = 0; k < LAB_NL; k++)
		for (i = 0; i < L.link[k].n && n < cap; i++)
			if (L.link[k].cap[i].d[12] == 0x08 && L.link[k].cap[i].d[13] == 0) {
				out[n].f = &L.link[k].cap[i];
				out[n].link = k;
				n++;
			}
	qsort(out, n, sizeof(out[0]), seen_cmp);
	return n;
}

static const uint8_t *ipof(const struct lab_frame *f)
{
	return f->d + 14;
}

/* The inner packet of a LISP data frame (outer src -> dst), or NULL. */
static const uint8_t *lisp_inner(const struct lab_frame *f, const char *src, const char *dst)
{
	const uint8_t *ip = ipof(f);
	size_t len;

	if (!lab_udp(f, 4341, &len) || get_ip(ip + 12) != ip4(src) || get_ip(ip + 16) != ip4(dst))
		return NULL;
	return ip + 20 + 16;
}

static bool is_icmp(const uint8_t *ip, const char *src, const char *dst, uint8_t type)
{
	return ip && ip[9] == 1 && get_ip(ip + 12) == ip4(src) && get_ip(ip + 16) == ip4(dst) &&
	       ip[(ip[0] & 0x0f) * 4] == type;
}

enum step {
	MREQ_4222,		/* lisp1 -> MR: ECM, Map-Request 4.2.2.2 */
	NEG_REPLY,		/* MR -> lisp1: 0.0.0.0/1 natively-forward */
	ECHO_TO_PETR,		/* lisp1 -> 10.0.3.1: LISP, echo inside */
	ECHO_NATIVE,		/* mapserver -> outsideworld: the echo */
	REPLY_NATIVE,		/* outsideworld -> mapserver: the reply */
	PITR_MREQ,		/* MS -> lisp1 ETR: ECM, p bit, 192.168.1.1 */
	MAP_REPLY_1,		/* lisp1 -> 10.0.3.1: 192.168.1.0/24 -> 10.0.1.2 */
	REPLY_ENCAP,		/* 10.0.3.1 -> 10.0.1.2: LISP, echo reply inside */
};

static bool step_matches(enum step st, const struct seen *s)
{
	const struct lab_frame *f = s->f;
	const uint8_t *p, *ip = ipof(f);
	struct lisp_map_request req;
	struct lisp_map_reply rep;
	struct lisp_ecm ecm;
	size_t len;
	bool ok = false;

	switch (st) {
	case MREQ_4222:
	case PITR_MREQ:
		if (s->link != LINK1 || !(p = lab_udp(f, 4342, &len)) ||
		    lisp_msg_type(p, len) != LISP_ECM || lisp_ecm_decode(p, len, &ecm) != LISP_OK)
			return false;
		if (lisp_map_request_decode(ecm.payload, ecm.payload_len, &req) != LISP_OK) {
			lisp_map_request_free(&req);
			return false;
		}
		if (st == MREQ_4222)
			ok = f->from == LISP1 && req.records[0].eid.addr.u.v4 == ip4("4.2.2.2") &&
			     !req.pitr;
		else
			ok = f->from == MSR && get_ip(ip + 16) == ip4("10.0.1.2") && req.pitr &&
			     req.records[0].eid.addr.u.v4 == ip4("192.168.1.1") &&
			     req.source_eid.addr.afi == AFI_NONE &&
			     req.itr_rlocs[0].addr.u.v4 == ip4("10.0.3.1");
		lisp_map_request_free(&req);
		return ok;
	case NEG_REPLY:
	case MAP_REPLY_1:
		if (s->link != LINK1 || ip[9] != 17 ||
		    get16(ip + 20) != 4342 || (p = ip + 28, len = get16(ip + 24) - 8u,
						lisp_msg_type(p, len) != LISP_MAP_REPLY))
			return false;
		if (lisp_map_reply_decode(p, len, &rep) != LISP_OK || rep.record_count != 1) {
			lisp_map_reply_free(&rep);
			return false;
		}
		if (st == NEG_REPLY)
			ok = f->from == MSR && rep.records[0].loc_count == 0 &&
			     rep.records[0].eid.mask_len == 1 &&
			     rep.records[0].eid.eid.addr.u.v4 == 0 &&
			     rep.records[0].action == LISP_ACT_NATIVE_FWD;
		else
			ok = f->from == LISP1 && get_ip(ip + 16) == ip4("10.0.3.1") &&
			     rep.records[0].eid.mask_len == 24 &&
			     rep.records[0].loc_count == 1 &&
			     rep.records[0].locs[0].rloc.addr.u.v4 == ip4("10.0.1.2");
		lisp_map_reply_free(&rep);
		return ok;
	case ECHO_TO_PETR:
		return s->link == LINK1 && f->from == LISP1 &&
		       is_icmp(lisp_inner(f, "10.0.1.2", "10.0.3.1"), "192.168.1.1", "4.2.2.2", 8);
	case ECHO_NATIVE:
		return s->link == LINK3 && f->from == MSR &&
		       is_icmp(ip, "192.168.1.1", "4.2.2.2", 8);
	case REPLY_NATIVE:
		return s->link == LINK3 && f->from == OUTW &&
		       is_icmp(ip, "4.2.2.2", "192.168.1.1", 0);
	case REPLY_ENCAP:
		return s->link == LINK1 && f->from == MSR &&
		       is_icmp(lisp_inner(f, "10.0.3.1", "10.0.1.2"), "4.2.2.2", "192.168.1.1", 0);
	}
	return false;
}

/* ---------------------------------------------------------------- seed 000 */

static void test_seed000(void)
{
	static const enum step order[] = {
		MREQ_4222, NEG_REPLY, ECHO_TO_PETR, ECHO_NATIVE, REPLY_NATIVE,
		PITR_MREQ, MAP_REPLY_1, ECHO_TO_PETR, ECHO_NATIVE, REPLY_NATIVE, REPLY_ENCAP,
	};
	struct seen *w = calloc(LAB_NL * LAB_CAP, sizeof(*w));
	struct ping_result res;
	struct lisp_mc_info e;
	struct petr_get g;
	size_t n, i, k = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	setup_seed000();
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	/* Lost: the first echo (lisp1 resolving), the second's reply (the
	 * PITR resolving); then every one. */
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	n = wire(w, LAB_NL * LAB_CAP);
	for (i = 0; i < n && k < sizeof(order) / sizeof(order[0]); i++)
		if (step_matches(order[k], &w[i]))
			k++;
	CU_ASSERT_EQUAL(k, sizeof(order) / sizeof(order[0]));
	/* Nothing left lisp1 natively toward 4.2.2.2 (it has no route). */
	for (i = 0; i < n; i++)
		CU_ASSERT_FALSE(w[i].f->from == LISP1 &&
				is_icmp(ipof(w[i].f), "192.168.1.1", "4.2.2.2", 8));
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 1);
	CU_ASSERT_TRUE(e.negative);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_TRUE(e.via_petr);
	CU_ASSERT_EQUAL(S(LISP1)->petr_encap_pkts, 4);
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 0);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, 4);
	CU_ASSERT_EQUAL(S(MSR)->pitr_encap_pkts, 3);
	CU_ASSERT_EQUAL(S(MSR)->mreq_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->decap_pkts, 3);
	g = petrs(LISP1);
	CU_ASSERT_EQUAL_FATAL(g.n, 1);
	CU_ASSERT_EQUAL(g.p[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(g.p[0].pkts, 4);
	CU_ASSERT_EQUAL(g.p[0].priority, 1);
	CU_ASSERT_EQUAL(g.p[0].weight, 100);
	/* The PITR's cache: its map-request space and lisp1's mapping. */
	CU_ASSERT_TRUE_FATAL(mc(MSR, "192.168.1.1", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_FALSE(e.negative);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.1.2"));
	CU_ASSERT_TRUE_FATAL(mc(MSR, "192.168.200.1", &e));
	CU_ASSERT_EQUAL(e.prefix.len, 16);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_FALSE(mc(MSR, "4.2.2.2", &e));	/* no 0.0.0.0/0 on a PITR */
	free(w);
	lab_teardown(&L);
}

/* A second use-petr without a route is never chosen and shown unusable. */
static void test_wrong_petr(void)
{
	struct ping_result res;
	struct petr_get g;

	setup_seed000();
	use_petr(LISP1, "10.9.9.9", 0, 100);	/* better priority, no route */
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	g = petrs(LISP1);
	CU_ASSERT_EQUAL_FATAL(g.n, 2);
	CU_ASSERT_EQUAL(g.p[0].addr.u.v4, ip4("10.0.3.1"));
	CU_ASSERT_EQUAL(g.p[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(g.p[0].pkts, 4);
	CU_ASSERT_EQUAL(g.p[1].addr.u.v4, ip4("10.9.9.9"));
	CU_ASSERT_EQUAL(g.p[1].state, LISP_LOC_NO_ROUTE);
	CU_ASSERT_EQUAL(g.p[1].pkts, 0);
	/* A route to it makes it usable, and its priority wins. */
	lab_route(&L, LISP1, "10.9.9.9/32", "10.0.1.1");
	g = petrs(LISP1);
	CU_ASSERT_EQUAL(g.p[1].state, LISP_LOC_UP);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 2000);
	g = petrs(LISP1);
	CU_ASSERT_EQUAL(g.p[1].pkts, 2);
	CU_ASSERT_EQUAL(g.p[0].pkts, 4);
	/* Routes go: both unusable at once, nothing is encapsulated, and
	 * the packets meet the FIB's own no-route drop. */
	del_route(LISP1, "10.9.9.9/32", "10.0.1.1");
	del_route(LISP1, "10.0.3.1/32", "10.0.1.1");
	g = petrs(LISP1);
	CU_ASSERT_EQUAL(g.p[0].state, LISP_LOC_NO_ROUTE);
	CU_ASSERT_EQUAL(g.p[1].state, LISP_LOC_NO_ROUTE);
	{
		struct addr d = A4("4.2.2.2");
		struct lisp_cef_info c;
		uint64_t nat = S(LISP1)->native_pkts;

		CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &d, &c), 0);
		CU_ASSERT_EQUAL(c.action, FIB_LISP_NATIVE);
		res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 200);
		CU_ASSERT_EQUAL(res.received, 0);
		CU_ASSERT_EQUAL(S(LISP1)->native_pkts, nat + 2);
		CU_ASSERT_EQUAL(petrs(LISP1).p[0].pkts, 4);
	}
	lab_teardown(&L);
}

/* A UDP packet into router r as if from the neighbour, with a chosen
 * flags/fragment word and size. */
static void inject(int r, struct iface *ifp, const char *src, const char *dst,
		   uint16_t sport, size_t plen, uint16_t frag)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint8_t f[2048], *ip = f + 14, *udp = ip + 20;
	size_t n;

	CU_ASSERT_FATAL(plen + 42 <= sizeof(f));
	mk_eth(f, iface_mac(ifp), nmac, 0x0800);
	memset(udp, 0xab, plen);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = 0;
	udp[3] = 9;
	udp[4] = (uint8_t)(plen >> 8);
	udp[5] = (uint8_t)plen;
	udp[6] = udp[7] = 0;
	n = mk_ip(ip, ip4(src), ip4(dst), 17, 64, 0, plen, frag);
	t_push(iface_port(ifp), f, 14 + n);
	router_poll(L.r[r]);
}

/* Flows from a host behind lisp1 (arriving on Ethernet0, as transit). */
static void flows(const char *dst, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		inject(LISP1, L.eth[LISP1][0], "192.168.1.77", dst, (uint16_t)(1024 + i), 20, 0);
		if (i % 32 == 31)
			lab_pump(&L);
	}
	lab_pump(&L);
}

static void test_petr_weights(void)
{
	struct addr a = A4("10.0.2.1");
	struct petr_get g;
	char err[160];
	double share;

	setup_seed000();
	lab_route(&L, LISP1, "10.0.2.1/32", "10.0.1.1");
	use_petr(LISP1, "10.0.3.1", 1, 75);
	use_petr(LISP1, "10.0.2.1", 1, 25);
	flows("4.2.2.2", 1);			/* resolve */
	lab_run(&L, 200);
	flows("4.2.2.2", 2000);
	g = petrs(LISP1);
	CU_ASSERT_EQUAL_FATAL(g.n, 2);
	CU_ASSERT_EQUAL(g.p[0].pkts + g.p[1].pkts, 2000);
	share = (double)g.p[0].pkts / 2000.0;
	CU_ASSERT(share > 0.70 && share < 0.80);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, 2000);
	CU_ASSERT_EQUAL(S(OUTW)->drops[0], 0);
	/* A worse priority gets nothing while the better one is usable. */
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 2, 25, err, sizeof(err)), 0);
	flows("4.2.2.2", 500);
	g = petrs(LISP1);
	CU_ASSERT_EQUAL(g.p[0].pkts + g.p[1].pkts, 2500);
	CU_ASSERT(g.p[1].pkts < 2000 * 30 / 100);
	CU_ASSERT_EQUAL(g.p[0].pkts, 2500 - g.p[1].pkts);
	lab_teardown(&L);
}

/* With a native route the Natively-Forward answer is obeyed. */
static void test_petr_native_route(void)
{
	struct ping_result res;
	struct lisp_cef_info c;
	struct addr d = A4("4.2.2.2");

	setup_seed000();
	lab_route(&L, LISP1, "0.0.0.0/0", "10.0.1.1");
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");	/* the PITR brings replies back */
	CU_ASSERT_EQUAL(S(LISP1)->petr_encap_pkts, 0);
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 4);
	CU_ASSERT_EQUAL(petrs(LISP1).p[0].pkts, 0);
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &d, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NATIVE);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.1.1"));
	lab_teardown(&L);
}

/* Seed 000 without use-petr and with the default route: native. */
static void test_no_petr_default_route(void)
{
	struct ping_result res;
	struct lisp_mc_info e;

	lab_setup(&L, true);
	msr_proxies();
	lab_run(&L, 1000);
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	CU_ASSERT_EQUAL(S(LISP1)->native_pkts, 4);
	CU_ASSERT_EQUAL(S(LISP1)->encap_pkts, 0);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "4.2.2.2", &e));
	CU_ASSERT_FALSE(e.via_petr);
	lab_teardown(&L);
}

/* A non-LISP host reaches an EID only through the PITR. */
static void test_pitr_only_path(void)
{
	struct ping_result res;
	struct prefix p = P4("192.168.1.0/24");
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	/* No PITR: mapserver sends 192.168.1.1 back to outsideworld. */
	res = lab_ping(&L, OUTW, "192.168.1.1", "Loopback0", 5, 200);
	CU_ASSERT_EQUAL(res.received, 0);
	msr_proxies();
	res = lab_ping(&L, OUTW, "192.168.1.1", "Loopback0", 10, 2000);
	/* Lost: the first while the PITR resolves, the second's reply
	 * while lisp1 resolves 4.2.2.2 (native-forward, it has a default). */
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!!!!!!");
	CU_ASSERT_EQUAL(S(MSR)->pitr_encap_pkts, 9);
	CU_ASSERT_EQUAL(S(MSR)->mreq_out, 1);
	/* ITR and PITR exclude each other, both ways. */
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_ITR, true, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Disable proxy-ITR functionality first.");
	{
		struct addr a = A4("10.0.1.2");

		CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[LISP1], &a, err, sizeof(err)), -1);
		CU_ASSERT_STRING_EQUAL(err, "% Disable ITR functionality first.");
		CU_ASSERT_FALSE(lisp_roles(L.l[LISP1]) & LISP_ROLE_PITR);
		CU_ASSERT_TRUE(lisp_proxy_itr(L.l[MSR], &a));
		CU_ASSERT_EQUAL(a.u.v4, ip4("10.0.3.1"));
	}
	/* A Natively-Forward answer inside the PITR's space is dropped:
	 * 192.168.1.0/24 withdrawn from the sites leaves a hole. */
	CU_ASSERT_EQUAL(lisp_site_eid_del(L.l[MSR], "A", &p, err, sizeof(err)), 0);
	lisp_map_cache_clear(L.l[MSR]);
	res = lab_ping(&L, OUTW, "192.168.1.1", "Loopback0", 5, 200);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_TRUE(S(MSR)->drops[LISP_DROP_PITR_LOOP] >= 3);
	/* The space is the static map-request entries' as they are now: a
	 * locator on 192.168.0.0/16 takes it out (the negative /24 is then
	 * forwarded natively), map-request again puts it back, and removing
	 * the entry takes it out. */
	{
		struct prefix eids = P4("192.168.0.0/16");
		struct addr d = A4("192.168.1.1");
		struct lisp_loc_cfg loc;
		struct lisp_cef_info c;

		CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &d, &c), 0);
		CU_ASSERT_EQUAL(c.action, FIB_LISP_DROP);
		memset(&loc, 0, sizeof(loc));
		loc.addr = A4("10.0.1.2");
		loc.priority = 1;
		loc.weight = 100;
		CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[MSR], &eids, LISP_ACT_NO_ACTION, &loc, err,
							  sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &d, &c), 0);
		CU_ASSERT_NOT_EQUAL(c.action, FIB_LISP_DROP);
		CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[MSR], &eids, LISP_ACT_SEND_MAP_REQ, NULL, err,
							  sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &d, &c), 0);
		CU_ASSERT_EQUAL(c.action, FIB_LISP_DROP);
		CU_ASSERT_EQUAL(lisp_map_cache_static_del(L.l[MSR], &eids, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &d, &c), 0);
		CU_ASSERT_NOT_EQUAL(c.action, FIB_LISP_DROP);
	}
	/* Off again: the address goes with the role. */
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], NULL, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_roles(L.l[MSR]) & LISP_ROLE_PITR);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- probing */

/* The probe and its answer as RFC 9301 section 7.1 has them. */
static void check_probe_wire(void)
{
	struct lisp_map_request req;
	struct lisp_map_reply rep;
	uint64_t nonce = 0;
	size_t i, len, nreq = 0, nrep = 0;
	const uint8_t *q;

	for (i = 0; i < L.link[LINK2].n; i++) {
		const struct lab_frame *f = &L.link[LINK2].cap[i];
		const uint8_t *ip = ipof(f);

		if (!(q = lab_udp(f, 4342, &len)))
			continue;
		if (f->from == MSR && lisp_msg_type(q, len) == LISP_MAP_REQUEST) {
			CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(q, len, &req), LISP_OK);
			CU_ASSERT_TRUE(req.probe);
			CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.1.2"));
			CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.2.2"));
			CU_ASSERT_EQUAL(get16(ip + 20), 4342);
			CU_ASSERT_EQUAL(req.source_eid.addr.afi, AFI_NONE);
			CU_ASSERT_EQUAL(req.records[0].eid.addr.u.v4, ip4("192.168.2.0"));
			CU_ASSERT_EQUAL(req.records[0].mask_len, 24);
			nonce = req.nonce;
			lisp_map_request_free(&req);
			nreq++;
		} else if (f->from == LISP2 && lisp_msg_type(q, len) == LISP_MAP_REPLY) {
			CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(q, len, &rep), LISP_OK);
			CU_ASSERT_TRUE(rep.probe);
			CU_ASSERT_EQUAL(rep.nonce, nonce);
			CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.2.2"));
			CU_ASSERT_EQUAL_FATAL(rep.record_count, 1);
			CU_ASSERT_TRUE(rep.records[0].authoritative);
			CU_ASSERT_EQUAL_FATAL(rep.records[0].loc_count, 1);
			CU_ASSERT_TRUE(rep.records[0].locs[0].probed);
			CU_ASSERT_TRUE(rep.records[0].locs[0].local);
			lisp_map_reply_free(&rep);
			nrep++;
		}
	}
	CU_ASSERT_EQUAL(nreq, 1);
	CU_ASSERT_EQUAL(nrep, 1);
}

/* lisp2's probe reply in the capture, into lisp1 again with its nonce
 * xor'ed with x (0: a replay of the very reply). */
static void forge_probe_reply(uint64_t x)
{
	uint8_t m[512];
	size_t i, len;
	const uint8_t *q;

	for (i = 0; i < L.link[LINK2].n; i++) {
		const struct lab_frame *f = &L.link[LINK2].cap[i];

		if (f->from != LISP2 || !(q = lab_udp(f, 4342, &len)) ||
		    lisp_msg_type(q, len) != LISP_MAP_REPLY || len > sizeof(m))
			continue;
		memcpy(m, q, len);
		for (unsigned b = 0; b < 8; b++)
			m[4 + b] ^= (uint8_t)(x >> (56 - 8 * b));
		lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.2.2", "10.0.1.2", 4342, 4342, m, len,
			       64, 0);
		return;
	}
	CU_FAIL("no probe reply captured");
}

static void test_rloc_probing(void)
{
	struct lisp_mc_info e;
	struct ping_result res;
	char err[160];
	uint64_t t, nprobe;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!");
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], true, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(lisp_rloc_probing(L.l[LISP1]));
	lab_clear_capture(&L);
	lab_run(&L, 200);
	check_probe_wire();
	CU_ASSERT_EQUAL(S(LISP1)->probe_out, 1);
	CU_ASSERT_EQUAL(S(LISP2)->probe_reply_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->probe_reply_in, 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	CU_ASSERT_NOT_EQUAL(e.locs[0].last_probe_reply, 0);
	/* The lab's clocks move in 100 ms steps. */
	CU_ASSERT(e.locs[0].rtt_ns <= 100 * NS_PER_MS);
	/* Forged answers (another nonce; the same one again) are dropped and
	 * counted, and change nothing. */
	forge_probe_reply(0x5a5a5a5a5a5a5a5aull);
	forge_probe_reply(0);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_PROBE_UNSOLICITED], 2);
	CU_ASSERT_EQUAL(S(LISP1)->probe_reply_in, 1);
	/* lisp2 stops answering (no ETR): three misses, down, not used. */
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP2], LISP_ROLE_ETR, false, err, sizeof(err)), 0);
	for (t = 0; t < 4 * 34; t++) {
		if (t % 10 == 0)
			flows("192.168.2.1", 1);	/* in use: probed */
		lab_step(&L, NS_PER_SEC);
	}
	CU_ASSERT_TRUE(S(LISP1)->probe_out >= 4);
	CU_ASSERT_EQUAL(S(LISP1)->locator_down_events, 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_DOWN);
	CU_ASSERT_TRUE(e.locs[0].probe_misses >= 3);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 2, 200);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_TRUE(S(LISP1)->drops[LISP_DROP_NO_LOCATOR] >= 2);
	/* Back: the next answered probe brings it up. */
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP2], LISP_ROLE_ETR, true, err, sizeof(err)), 0);
	for (t = 0; t < 34; t++) {
		if (t % 10 == 0)
			flows("192.168.2.1", 1);
		lab_step(&L, NS_PER_SEC);
	}
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 2, 2000);
	CU_ASSERT_EQUAL(res.received, 2);
	/* Idle for two minutes: no more probes to it. */
	for (t = 0; t < 70; t++)
		lab_step(&L, NS_PER_SEC);
	nprobe = S(LISP2)->mreq_in_probe;
	for (t = 0; t < 70; t++)
		lab_step(&L, NS_PER_SEC);
	CU_ASSERT_EQUAL(S(LISP2)->mreq_in_probe, nprobe);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	/* A PETR is probed too, and answers. */
	use_petr(LISP1, "10.0.3.1", 1, 100);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	for (t = 0; t < 34; t++)
		lab_step(&L, NS_PER_SEC);
	CU_ASSERT_TRUE(S(MSR)->probe_reply_out >= 1);	/* one or two ticks in 34 s */
	CU_ASSERT_EQUAL(petrs(LISP1).p[0].state, LISP_LOC_UP);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_PROBE_UNSOLICITED], 2);	/* the forged */
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], false, err, sizeof(err)), 0);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- SMR */

static void test_smr(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p = P4("192.168.2.0/24");
	struct lisp_mc_info e;
	struct ping_result res;
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!");
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].weight, 100);
	/* lisp2 changes its locator's weight: SMR to lisp1, which asks the
	 * mapping system again (s bit) and installs the new mapping. */
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 50;
	lab_clear_capture(&L);
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	/* Changes within the second go in one round, a second later. */
	loc.weight = 40;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 500);
	CU_ASSERT_EQUAL(S(LISP2)->smr_out, 0);
	lab_run(&L, 1000);
	CU_ASSERT_EQUAL(S(LISP2)->smr_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_in_smr, 1);
	CU_ASSERT_EQUAL(S(LISP1)->smr_invoked_out, 1);
	CU_ASSERT_TRUE_FATAL(mc(LISP1, "192.168.2.1", &e));
	CU_ASSERT_EQUAL(e.locs[0].weight, 40);
	CU_ASSERT_EQUAL(e.map_source.u.v4, ip4("10.0.2.2"));
	/* The SMR on the wire: S=1, from lisp2's RLOC, for its prefix. */
	{
		size_t i, len, n = 0;
		const uint8_t *q;
		struct lisp_map_request req;

		for (i = 0; i < L.link[LINK2].n; i++) {
			const struct lab_frame *f = &L.link[LINK2].cap[i];

			if (f->from != LISP2 || !(q = lab_udp(f, 4342, &len)) ||
			    lisp_msg_type(q, len) != LISP_MAP_REQUEST)
				continue;
			CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(q, len, &req), LISP_OK);
			if (req.smr) {
				n++;
				CU_ASSERT_EQUAL(get_ip(f->d + 14 + 16), ip4("10.0.1.2"));
				CU_ASSERT_EQUAL(req.records[0].eid.addr.u.v4, ip4("192.168.2.0"));
				CU_ASSERT_EQUAL(req.records[0].mask_len, 24);
			}
			lisp_map_request_free(&req);
		}
		CU_ASSERT_EQUAL(n, 1);
	}
	/* The same line again changes nothing: no SMR. */
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 1500);
	CU_ASSERT_EQUAL(S(LISP2)->smr_out, 1);
	/* After a minute without traffic, no SMRs. */
	lab_run(&L, 61000);
	loc.weight = 30;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 1500);
	CU_ASSERT_EQUAL(S(LISP2)->smr_out, 1);
	/* An SMR for something lisp2 never cached is ignored and counted. */
	res = lab_ping(&L, LISP2, "192.168.1.1", "Loopback0", 3, 2000);
	loc.addr = A4("10.0.1.2");
	p = P4("192.168.1.0/24");
	lisp_map_cache_clear(L.l[LISP2]);
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 1500);
	CU_ASSERT_EQUAL(S(LISP1)->smr_out, 1);
	CU_ASSERT_EQUAL(S(LISP2)->drops[LISP_DROP_SMR_NO_ENTRY], 1);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- MTU */

static void test_mtu(void)
{
	struct ping_result res;
	size_t i, n_icmp = 0, n_encap = 0;
	uint64_t decap;
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!");
	lab_clear_capture(&L);
	/* 1480 bytes with DF: 1516 encapsulated > 1500 -> frag needed 1464. */
	inject(LISP1, L.eth[LISP1][0], "192.168.1.77", "192.168.2.1", 5000, 1460, IP_DF);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(LISP1)->frag_needed_sent, 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_TOO_BIG], 1);
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		const uint8_t *ip = ipof(f), *icmp = ip + 20;

		if (f->from == LISP1 && is_icmp(ip, "10.0.1.2", "192.168.1.77", 3)) {
			n_icmp++;
			CU_ASSERT_EQUAL(icmp[1], 4);
			CU_ASSERT_EQUAL(get16(icmp + 6), 1464);
		}
		CU_ASSERT_FALSE(f->from == LISP1 && lab_udp(f, 4341, &(size_t){ 0 }));
	}
	CU_ASSERT_EQUAL(n_icmp, 1);
	/* 1464 fits exactly. */
	decap = S(LISP2)->decap_pkts;
	inject(LISP1, L.eth[LISP1][0], "192.168.1.77", "192.168.2.1", 5000, 1444, IP_DF);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, decap + 1);
	/* Without DF: fragmented, each fragment encapsulated. */
	lab_clear_capture(&L);
	inject(LISP1, L.eth[LISP1][0], "192.168.1.77", "192.168.2.1", 5000, 1460, 0);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(LISP1)->fragmented_pkts, 1);
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		const uint8_t *inner = lisp_inner(f, "10.0.1.2", "10.0.2.2");

		if (f->from != LISP1 || !inner)
			continue;
		CU_ASSERT(f->len - 14 <= 1500);
		CU_ASSERT_EQUAL(ipv4_cksum(inner, 20), 0);
		CU_ASSERT_EQUAL(get16(inner + 6) & IP_MF, n_encap == 0 ? IP_MF : 0);
		CU_ASSERT_EQUAL((get16(inner + 6) & IP_OFFMASK) * 8u, n_encap == 0 ? 0 : 1440);
		n_encap++;
	}
	CU_ASSERT_EQUAL(n_encap, 2);
	CU_ASSERT_EQUAL(S(LISP2)->decap_pkts, decap + 3);
	/* The router's own ping with DF hears the same from itself. */
	{
		struct ping_params pp;
		struct lab_ping st;

		memset(&pp, 0, sizeof(pp));
		memset(&st, 0, sizeof(st));
		pp.dst = A4("192.168.2.1");
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Loopback0");
		pp.repeat = 2;
		pp.size = 1480;
		pp.df = true;
		pp.timeout_ms = 500;
		CU_ASSERT_NOT_EQUAL(ping_start(L.r[LISP1], &pp, NULL, lab_ping_done, &st, err,
					       sizeof(err)), 0);
		while (!st.done)
			lab_step(&L, 10 * NS_PER_MS);
		CU_ASSERT_STRING_EQUAL(st.res.marks, "MM");
		CU_ASSERT_EQUAL(S(LISP1)->frag_needed_sent, 3);
	}
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- PETR checks */

static int acl_count_fn(enum lisp_petr_acl kind, const struct prefix *p, void *arg)
{
	int *n = arg;

	CU_ASSERT_TRUE(kind == LISP_PETR_ACL_RLOC ? p->len == 24 && p->addr.u.v4 == ip4("10.0.2.0") :
		       p->addr.u.v4 == ip4("192.168.1.0"));
	(*n)++;
	return 0;
}

static void test_petr_acl(void)
{
	struct prefix rl = P4("10.0.2.0/24"), eid = P4("192.168.1.0/24");
	struct ping_result res;
	char err[160];
	int n = 0;

	setup_seed000();
	CU_ASSERT_EQUAL(lisp_petr_acl_add(L.l[MSR], LISP_PETR_ACL_RLOC, &rl, err, sizeof(err)), 0);
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 4, 200);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_PETR_ACL], 3);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, 0);
	/* Allowed by source EID. */
	CU_ASSERT_EQUAL(lisp_petr_acl_add(L.l[MSR], LISP_PETR_ACL_EID, &eid, err, sizeof(err)), 0);
	res = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 4, 2000);
	CU_ASSERT_TRUE(res.received >= 3);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_PETR_ACL], 3);
	CU_ASSERT_EQUAL(lisp_petr_acl_foreach(L.l[MSR], acl_count_fn, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(lisp_petr_acl_del(L.l[MSR], LISP_PETR_ACL_EID, &eid, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_petr_acl_del(L.l[MSR], LISP_PETR_ACL_EID, &eid, err, sizeof(err)), -1);
	lab_teardown(&L);
}

/* A LISP data packet to mapserver:4341 with a chosen header and inner. */
static void data_to_msr(const uint8_t *lisp_hdr, const uint8_t *inner, size_t ilen)
{
	uint8_t pl[256];

	memcpy(pl, lisp_hdr, 8);
	memcpy(pl + 8, inner, ilen);
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 0xF123, 4341, pl,
		       8 + ilen, 64, 0);
	lab_pump(&L);
}

static void test_decap_drops(void)
{
	static const uint8_t hdr0[8] = { 0x88, 0, 0, 1, 0, 0, 0, 0 };
	static const uint8_t hdr5[8] = { 0x88, 0, 0, 1, 0, 0, 5, 0 };
	uint8_t inner[64];
	uint64_t dec;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	mk_ip(inner, ip4("192.168.1.1"), ip4("4.2.2.2"), 17, 10, 0, 8, 0);
	memset(inner + 20, 0, 8);
	/* Not a PETR (nor an ETR): refused. */
	data_to_msr(hdr0, inner, 28);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_NOT_ETR], 1);
	/* ETR only: the inner destination must be local. */
	{
		char err[160];

		CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_ETR, true, err, sizeof(err)), 0);
		data_to_msr(hdr0, inner, 28);
		CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_NOT_LOCAL], 1);
		CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	}
	dec = S(MSR)->petr_decap_pkts;
	data_to_msr(hdr0, inner, 28);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, dec + 1);
	data_to_msr(hdr5, inner, 28);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_IID], 1);
	data_to_msr(hdr0, inner, 10);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_SHORT], 1);
	inner[0] = 0x75;	/* version 7 (IPv6 inner packets: test_lisp_v6rloc) */
	data_to_msr(hdr0, inner, 28);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_VERSION], 1);
	inner[0] = 0x45;
	inner[10] ^= 1;
	data_to_msr(hdr0, inner, 28);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_DECAP_INNER], 1);
	CU_ASSERT_EQUAL(S(MSR)->petr_decap_pkts, dec + 1);
	/* The outer TTL caps the inner one (min), then the hop decrements. */
	inner[10] ^= 1;
	lab_clear_capture(&L);
	{
		uint8_t pl[64];
		size_t i, seen = 0;

		memcpy(pl, hdr0, 8);
		memcpy(pl + 8, inner, 28);
		lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 0xF123, 4341, pl,
			       36, 5, 0);
		lab_pump(&L);
		for (i = 0; i < L.link[LINK3].n; i++) {
			const uint8_t *ip = ipof(&L.link[LINK3].cap[i]);

			if (L.link[LINK3].cap[i].from == MSR && ip[9] == 17 &&
			    get_ip(ip + 16) == ip4("4.2.2.2")) {
				CU_ASSERT_EQUAL(ip[8], 4);
				seen++;
			}
		}
		CU_ASSERT_EQUAL(seen, 1);
	}
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- show ip cef */

static void test_cef(void)
{
	struct lisp_cef_info c;
	struct addr a;

	setup_seed000();
	a = A4("192.168.2.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_FALSE(c.route_found);		/* no default route on lisp1 */
	CU_ASSERT_EQUAL(c.action, FIB_LISP_SIGNAL);
	CU_ASSERT_TRUE(c.mc_found);
	CU_ASSERT_EQUAL(c.mc.prefix.len, 0);
	lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 2, 2000);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 3, 2000);
	/* Resolved, but lisp1 has no route to lisp2's RLOC. */
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_DROP);
	CU_ASSERT_EQUAL(c.mc.locs[0].state, LISP_LOC_NO_ROUTE);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_NO_LOCATOR], 1);
	lab_route(&L, LISP1, "10.0.2.0/24", "10.0.1.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c.route.lisp_action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_EQUAL(c.mc.prefix.len, 24);
	CU_ASSERT_EQUAL(c.mc.pkts, 1);
	CU_ASSERT_FALSE(c.route_found);
	a = A4("4.2.2.2");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NATIVE_PETR);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.3.1"));
	CU_ASSERT_EQUAL(c.mc.prefix.len, 1);
	CU_ASSERT_EQUAL(c.mc.pkts, 2);
	/* A local EID and a local address are not LISP's. */
	a = A4("192.168.1.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NONE);
	CU_ASSERT_TRUE(c.route_found);
	/* The static /32 to the PETR is more specific than the 0.0.0.0/1
	 * native-forward entry: the route wins, LISP is not asked. */
	a = A4("10.0.3.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_TRUE(c.route_found);
	CU_ASSERT_EQUAL(c.route.prefix.len, 32);
	CU_ASSERT_EQUAL(c.prefix.len, 32);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_FALSE(c.route.flags & FIB_F_LISP_ELIGIBLE);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NONE);
	CU_ASSERT_FALSE(c.mc_found);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.1.1"));
	/* A PITR: only its map-request space is LISP's. */
	a = A4("4.2.2.2");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &a, &c), 0);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_NONE);
	a = A4("192.168.1.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &a, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.1.2"));
	a = A4("192.168.9.1");
	CU_ASSERT_EQUAL(lisp_cef_lookup(L.l[MSR], &a, &c), 0);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_SIGNAL);
	lab_teardown(&L);
}

struct cef_list {
	struct lisp_cef_info rows[32];
	unsigned n;
};

static int cef_row_fn(const struct lisp_cef_info *c, void *arg)
{
	struct cef_list *cl = arg;

	if (cl->n < 32)
		cl->rows[cl->n++] = *c;
	return 0;
}

static const struct lisp_cef_info *cef_row(const struct cef_list *cl, const char *p)
{
	struct prefix x = P4(p);
	unsigned i;

	for (i = 0; i < cl->n; i++)
		if (prefix_eq(&cl->rows[i].prefix, &x))
			return &cl->rows[i];
	return NULL;
}

/* The whole 'show ip cef' table: FIB routes and map-cache prefixes. */
static void test_cef_table(void)
{
	struct cef_list cl;
	const struct lisp_cef_info *c;
	unsigned i;

	setup_seed000();
	lab_route(&L, LISP1, "10.0.2.0/24", "10.0.1.1");
	lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 2, 2000);
	lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 2000);
	memset(&cl, 0, sizeof(cl));
	CU_ASSERT_EQUAL(lisp_cef_foreach(L.l[LISP1], cef_row_fn, &cl), 0);
	for (i = 1; i < cl.n; i++)
		CU_ASSERT(prefix_cmp(&cl.rows[i - 1].prefix, &cl.rows[i].prefix) < 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c = cef_row(&cl, "0.0.0.0/0"));
	CU_ASSERT_FALSE(c->route_found);
	CU_ASSERT_TRUE(c->mc_found);
	CU_ASSERT_EQUAL(c->action, FIB_LISP_SIGNAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c = cef_row(&cl, "0.0.0.0/1"));
	CU_ASSERT_EQUAL(c->action, FIB_LISP_NATIVE_PETR);
	CU_ASSERT_EQUAL(c->nexthop.u.v4, ip4("10.0.3.1"));
	CU_ASSERT_EQUAL(c->mc.pkts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c = cef_row(&cl, "192.168.2.0/24"));
	CU_ASSERT_EQUAL(c->action, FIB_LISP_ENCAP);
	CU_ASSERT_EQUAL(c->nexthop.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c = cef_row(&cl, "10.0.3.1/32"));
	CU_ASSERT_TRUE(c->route_found);
	CU_ASSERT_FALSE(c->mc_found);
	CU_ASSERT_FALSE(c->eligible);
	CU_ASSERT_EQUAL(c->action, FIB_LISP_NONE);
	CU_ASSERT_TRUE(c->route.pkts > 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c = cef_row(&cl, "192.168.1.1/32"));
	CU_ASSERT_FALSE(c->eligible);
	CU_ASSERT_EQUAL(c->route.type, FIB_LOCAL);
	CU_ASSERT_PTR_NULL(cef_row(&cl, "4.2.2.2/32"));
	/* Not an ITR: FIB rows only, none eligible. */
	memset(&cl, 0, sizeof(cl));
	CU_ASSERT_EQUAL(lisp_cef_foreach(L.l[OUTW], cef_row_fn, &cl), 0);
	CU_ASSERT_TRUE(cl.n >= 3);
	for (i = 0; i < cl.n; i++) {
		CU_ASSERT_TRUE(cl.rows[i].route_found);
		CU_ASSERT_FALSE(cl.rows[i].eligible);
	}
	lab_teardown(&L);
}

static void test_config(void)
{
	struct addr a = A4("10.0.3.1"), bad = A4("127.0.0.1");
	struct prefix p = P4("10.0.0.0/8");
	char err[160];
	struct petr_get g;

	lab_setup(&L, false);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &bad, 1, 100, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 1, 101, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 1, 100, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &a, 5, 10, err, sizeof(err)), 0);
	g = petrs(LISP1);
	CU_ASSERT_EQUAL_FATAL(g.n, 1);
	CU_ASSERT_EQUAL(g.p[0].priority, 5);
	CU_ASSERT_EQUAL(g.p[0].weight, 10);
	CU_ASSERT_EQUAL(lisp_use_petr_count(L.l[LISP1]), 1);
	CU_ASSERT_EQUAL(lisp_use_petr_del(L.l[LISP1], &a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_del(L.l[LISP1], &a, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP1], LISP_ROLE_PITR, true, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[LISP1], &bad, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP1], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_roles(L.l[LISP1]), LISP_ROLE_PETR);
	CU_ASSERT_EQUAL(lisp_petr_acl_add(L.l[LISP1], LISP_PETR_ACL_RLOC, &p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_petr_acl_add(L.l[LISP1], LISP_PETR_ACL_RLOC, &p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_petr_acl_del(L.l[LISP1], LISP_PETR_ACL_EID, &p, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_petr_acl_del(L.l[LISP1], LISP_PETR_ACL_RLOC, &p, err, sizeof(err)), 0);
	lab_teardown(&L);
}

static CU_TestInfo tests[] = {
	{ "seed 000: use-petr, PETR, PITR frame by frame", test_seed000 },
	{ "wrong PETR unusable, never chosen", test_wrong_petr },
	{ "PETR priority and weight split", test_petr_weights },
	{ "use-petr with a native route: native", test_petr_native_route },
	{ "no use-petr, default route: native", test_no_petr_default_route },
	{ "non-LISP host to an EID only via the PITR", test_pitr_only_path },
	{ "RLOC probing up, down, RTT", test_rloc_probing },
	{ "SMR and SMR-invoked Map-Request", test_smr },
	{ "MTU: frag needed with DF, fragments without", test_mtu },
	{ "PETR access list", test_petr_acl },
	{ "decapsulation drops counted", test_decap_drops },
	{ "show ip cef lookup", test_cef },
	{ "show ip cef table", test_cef_table },
	{ "proxy configuration", test_config },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_proxy", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

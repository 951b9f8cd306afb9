/*
 * DOC: tests of the DDT Map-Resolver (RFC 8111 section 7.3, lisp_ddt_mr.c)
 *
 * Six routers on manual clocks and memory ports, the resolver in the
 * middle routing between the others:
 *
 *   lisp1 10.0.1.2 --- 10.0.1.1 mr 10.0.4.1 --- 10.0.4.2 root
 *                               mr 10.0.5.1 --- 10.0.5.2 node
 *                               mr 10.0.6.1 --- 10.0.6.2 ms 10.0.2.1 --- 10.0.2.2 lisp2
 *
 * lisp1 (192.168.1.0/24) and lisp2 (192.168.2.0/24) are xTRs registering
 * with the Map-Server 'ms'; lisp1's map-resolver is 'mr', which has only
 * the MR role and 'ddt root 10.0.4.2'.  The tree:
 *
 *   root  authoritative 192.168.0.0/16 and 172.16.0.0/12;
 *         192.168.0.0/17 -> node; 192.168.64.0/18 -> ms, node (the Map-
 *         Server is no DDT node: NOT-AUTHORITATIVE, then the node);
 *         172.16.0.0/16 -> node; the rest is a hole;
 *   node  authoritative 192.168.0.0/17 and 172.16.0.0/12;
 *         192.168.0.0/22 -> Map-Servers 10.0.6.3 (never answers: nothing
 *         has that address) and 10.0.6.2; 172.16.0.0/12 -> root (a
 *         referral back up: a loop);
 *   ms    sites A, B (registered) and C 192.168.3.0/24 (never registered);
 *         authoritative 192.168.0.0/22.
 *
 * Resolutions are started with lig on lisp1 and end in its callback; the
 * frames between the resolver and the tree are checked by tshark.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include <pcap/pcap.h>

#include "lisp_ddt.h"
#include "lisp_msg.h"
#include "test_lisp_lab.h"

enum { N_LISP1, N_MR, N_ROOT, N_NODE, N_MS, N_LISP2, N_R };
enum { K_L1, K_ROOT, K_NODE, K_MS, K_L2, N_K };

struct dlab {
	struct router *r[N_R];
	struct lisp *l[N_R];
	struct lab_link link[N_K];
	unsigned long seq;
};

static struct dlab D;

static struct iface *d_if(int r, const char *name, const char *a, unsigned idx)
{
	uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x10, (uint8_t)r, (uint8_t)idx };
	struct port *p = port_mem_open(name, mac);
	char err[128];
	struct iface *ifp = iface_attach(D.r[r], name, p, err, sizeof(err));

	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	t_addr(D.r[r], ifp, a, 24);
	iface_set_shutdown(D.r[r], ifp, false);
	return ifp;
}

static void d_wire(int k, int ra, struct iface *a, int rb, struct iface *b)
{
	D.link[k].p[0] = iface_port(a);
	D.link[k].p[1] = iface_port(b);
	D.link[k].r[0] = ra;
	D.link[k].r[1] = rb;
	D.link[k].cap = calloc(LAB_CAP, sizeof(struct lab_frame));
	CU_ASSERT_PTR_NOT_NULL_FATAL(D.link[k].cap);
}

static void d_route(int r, const char *p, const char *gw)
{
	struct prefix pf = P4(p);
	struct addr g = A4(gw);
	char err[128];

	CU_ASSERT_EQUAL_FATAL(fib_static_add(D.r[r], &pf, &g, NULL, 1, err, sizeof(err)), 0);
}

static void d_pump(void)
{
	uint8_t f[2048];
	long n;
	int moved, i, d;

	do {
		moved = 0;
		for (i = 0; i < N_K; i++)
			for (d = 0; d < 2; d++) {
				struct lab_link *k = &D.link[i];

				while ((n = port_mem_pop(k->p[d], f, sizeof(f), NULL)) >= 0) {
					if (k->n < LAB_CAP && (size_t)n <= sizeof(k->cap[0].d)) {
						k->cap[k->n].from = k->r[d];
						k->cap[k->n].seq = ++D.seq;
						k->cap[k->n].len = (size_t)n;
						memcpy(k->cap[k->n].d, f, (size_t)n);
						k->n++;
					}
					port_mem_push(k->p[!d], f, (size_t)n, 0);
					moved++;
				}
			}
		for (i = 0; i < N_R; i++)
			router_poll(D.r[i]);
	} while (moved);
}

static void d_step(uint64_t ns)
{
	int i;

	for (i = 0; i < N_R; i++) {
		struct evloop *ev = router_loop(D.r[i]);

		ev_clock_set(ev, ev_now(ev) + ns);
	}
	d_pump();
}

static void d_run(uint64_t ms)
{
	uint64_t t;

	for (t = 0; t < ms; t += 100)
		d_step(100 * NS_PER_MS);
}

static void d_clear_capture(void)
{
	int i;

	for (i = 0; i < N_K; i++)
		D.link[i].n = 0;
}

static void d_ok(int rc, const char *err)
{
	if (rc != 0)
		fprintf(stderr, "\n  %s", err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static void d_deleg(int r, const char *child, const char *p, bool ms)
{
	struct prefix pf = P4(p);
	struct addr c = A4(child);
	char err[160] = "";

	d_ok(lisp_ddt_delegate_add(D.l[r], &c, &pf, ms, err, sizeof(err)), err);
}

static void d_auth_iid(int r, const char *p, uint32_t iid)
{
	struct prefix pf = P4(p);
	char err[160] = "";

	pf.addr.iid = iid;
	d_ok(lisp_ddt_auth_add(D.l[r], &pf, err, sizeof(err)), err);
}

static void d_auth(int r, const char *p)
{
	d_auth_iid(r, p, 0);
}

static void d_deleg_iid(int r, const char *child, const char *p, uint32_t iid)
{
	struct prefix pf = P4(p);
	struct addr c = A4(child);
	char err[160] = "";

	pf.addr.iid = iid;
	d_ok(lisp_ddt_delegate_add(D.l[r], &c, &pf, true, err, sizeof(err)), err);
}

static void d_xtr(int r, const char *db, const char *rloc, const char *key, const char *mr)
{
	struct lisp_loc_cfg loc;
	struct lisp_ms_cfg ms;
	struct prefix p = P4(db);
	char err[160] = "";

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 100;
	d_ok(lisp_set_role(D.l[r], LISP_ROLE_ITR | LISP_ROLE_ETR, true, err, sizeof(err)), err);
	d_ok(lisp_db_add(D.l[r], &p, &loc, err, sizeof(err)), err);
	if (mr) {
		struct addr a = A4(mr);

		d_ok(lisp_map_resolver_add(D.l[r], &a, err, sizeof(err)), err);
	}
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.6.2");
	snprintf(ms.key, sizeof(ms.key), "%s", key);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	d_ok(lisp_map_server_add(D.l[r], &ms, err, sizeof(err)), err);
}

static void d_site_iid(const char *name, const char *key, const char *eid, uint32_t iid)
{
	struct prefix p = P4(eid);
	char err[160] = "";

	p.addr.iid = iid;
	d_ok(lisp_site_add(D.l[N_MS], name, err, sizeof(err)), err);
	d_ok(lisp_site_set_key(D.l[N_MS], name, key, err, sizeof(err)), err);
	d_ok(lisp_site_eid_add(D.l[N_MS], name, &p, false, err, sizeof(err)), err);
}

static void d_site(const char *name, const char *key, const char *eid)
{
	struct prefix p = P4(eid);
	char err[160] = "";

	d_ok(lisp_site_add(D.l[N_MS], name, err, sizeof(err)), err);
	d_ok(lisp_site_set_key(D.l[N_MS], name, key, err, sizeof(err)), err);
	d_ok(lisp_site_eid_add(D.l[N_MS], name, &p, false, err, sizeof(err)), err);
}

static int setup(void)
{
	struct iface *i1, *m0, *m1, *m2, *m3, *ro, *no, *s0, *s1, *i2;
	struct addr root = A4("10.0.4.2");
	char err[160] = "";
	int i;

	memset(&D, 0, sizeof(D));
	for (i = 0; i < N_R; i++) {
		if (!(D.r[i] = router_new(EV_CLOCK_MANUAL)))
			return -1;
		ev_clock_set(router_loop(D.r[i]), 1000 * T_SEC);
		router_set_icmp_ratelimit(D.r[i], 0);
		if (!(D.l[i] = lisp_new(D.r[i])))
			return -1;
	}
	i1 = d_if(N_LISP1, "Ethernet0", "10.0.1.2", 0);
	m0 = d_if(N_MR, "Ethernet0", "10.0.1.1", 0);
	m1 = d_if(N_MR, "Ethernet1", "10.0.4.1", 1);
	m2 = d_if(N_MR, "Ethernet2", "10.0.5.1", 2);
	m3 = d_if(N_MR, "Ethernet3", "10.0.6.1", 3);
	ro = d_if(N_ROOT, "Ethernet0", "10.0.4.2", 0);
	no = d_if(N_NODE, "Ethernet0", "10.0.5.2", 0);
	s0 = d_if(N_MS, "Ethernet0", "10.0.6.2", 0);
	s1 = d_if(N_MS, "Ethernet1", "10.0.2.1", 1);
	i2 = d_if(N_LISP2, "Ethernet0", "10.0.2.2", 0);
	{
		struct iface *lo = iface_get(D.r[N_LISP1], "Loopback0", err, sizeof(err));

		CU_ASSERT_PTR_NOT_NULL_FATAL(lo);
		t_addr(D.r[N_LISP1], lo, "192.168.1.1", 32);
		lo = iface_get(D.r[N_LISP2], "Loopback0", err, sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(lo);
		t_addr(D.r[N_LISP2], lo, "192.168.2.1", 32);
	}
	d_wire(K_L1, N_LISP1, i1, N_MR, m0);
	d_wire(K_ROOT, N_MR, m1, N_ROOT, ro);
	d_wire(K_NODE, N_MR, m2, N_NODE, no);
	d_wire(K_MS, N_MR, m3, N_MS, s0);
	d_wire(K_L2, N_MS, s1, N_LISP2, i2);
	d_route(N_LISP1, "0.0.0.0/0", "10.0.1.1");
	d_route(N_ROOT, "0.0.0.0/0", "10.0.4.1");
	d_route(N_NODE, "0.0.0.0/0", "10.0.5.1");
	d_route(N_MS, "0.0.0.0/0", "10.0.6.1");
	d_route(N_LISP2, "0.0.0.0/0", "10.0.2.1");
	d_route(N_MR, "10.0.2.0/24", "10.0.6.2");
	d_pump();

	d_ok(lisp_set_role(D.l[N_MR], LISP_ROLE_MR, true, err, sizeof(err)), err);
	d_ok(lisp_ddt_root_add(D.l[N_MR], &root, err, sizeof(err)), err);

	d_ok(lisp_ddt_set(D.l[N_ROOT], true, err, sizeof(err)), err);
	d_auth(N_ROOT, "192.168.0.0/16");
	d_auth(N_ROOT, "172.16.0.0/12");
	d_deleg(N_ROOT, "10.0.5.2", "192.168.0.0/17", false);
	d_deleg(N_ROOT, "10.0.6.2", "192.168.64.0/18", false);
	d_deleg(N_ROOT, "10.0.5.2", "192.168.64.0/18", false);
	d_deleg(N_ROOT, "10.0.5.2", "172.16.0.0/16", false);
	/* instance 7 and IPv6: straight to the Map-Server */
	d_auth_iid(N_ROOT, "192.168.0.0/16", 7);
	d_deleg_iid(N_ROOT, "10.0.6.2", "192.168.0.0/22", 7);
	d_auth(N_ROOT, "2001:db8::/32");
	d_deleg_iid(N_ROOT, "10.0.6.2", "2001:db8:1::/48", 0);

	d_ok(lisp_ddt_set(D.l[N_NODE], true, err, sizeof(err)), err);
	d_auth(N_NODE, "192.168.0.0/17");
	d_auth(N_NODE, "172.16.0.0/12");
	d_deleg(N_NODE, "10.0.6.3", "192.168.0.0/22", true);
	d_deleg(N_NODE, "10.0.6.2", "192.168.0.0/22", true);
	d_deleg(N_NODE, "10.0.4.2", "172.16.0.0/12", false);

	d_ok(lisp_set_role(D.l[N_MS], LISP_ROLE_MS, true, err, sizeof(err)), err);
	d_ok(lisp_ddt_set(D.l[N_MS], true, err, sizeof(err)), err);
	d_auth(N_MS, "192.168.0.0/22");
	d_site("A", KEY_A, "192.168.1.0/24");
	d_site("B", KEY_B, "192.168.2.0/24");
	d_site("C", "siteC-key", "192.168.3.0/24");
	d_site_iid("D", "siteD-key", "192.168.3.0/24", 7);
	d_site_iid("E", "siteE-key", "2001:db8:1:5::/64", 0);

	d_xtr(N_LISP1, "192.168.1.0/24", "10.0.1.2", KEY_A, "10.0.1.1");
	d_xtr(N_LISP2, "192.168.2.0/24", "10.0.2.2", KEY_B, NULL);
	d_run(2000);		/* ARP, then the registrations */
	d_clear_capture();
	return 0;
}

static int teardown(void)
{
	int i;

	for (i = 0; i < N_R; i++) {
		lisp_free(D.l[i]);
		router_free(D.r[i]);
	}
	for (i = 0; i < N_K; i++)
		free(D.link[i].cap);
	return 0;
}

struct lig {
	struct lisp_lig_result res;
	int done;
};

static void lig_done(void *arg, const struct lisp_lig_result *res)
{
	struct lig *g = arg;

	g->res = *res;
	g->done++;
}

/* lig eid on lisp1 and run until it answers or gives up. */
static struct lisp_lig_result lig(const char *eid)
{
	struct lig g;
	struct addr a = A4(eid);
	char err[160] = "";
	int guard;

	memset(&g, 0, sizeof(g));
	d_ok(lisp_lig(D.l[N_LISP1], &a, NULL, lig_done, &g, err, sizeof(err)), err);
	d_pump();
	for (guard = 0; !g.done && guard < 2000; guard++)
		d_step(10 * NS_PER_MS);
	CU_ASSERT_EQUAL(g.done, 1);
	return g.res;
}

static void expect_prefix(const struct prefix *got, const char *want)
{
	struct prefix w = P4(want);
	char b[PREFIX_STRLEN];

	if (!prefix_eq(got, &w))
		fprintf(stderr, "\n  prefix %s, expected %s", prefix_fmt(got, b, sizeof(b)), want);
	CU_ASSERT(prefix_eq(got, &w));
}

static uint64_t ddt_in(int r)
{
	struct lisp_ddt_stats st;

	lisp_ddt_get_stats(D.l[r], &st);
	return st.requests_in;
}

static struct lisp_ddt_mr_stats mr_stats(void)
{
	struct lisp_ddt_mr_stats st;

	lisp_ddt_mr_get_stats(D.l[N_MR], &st);
	return st;
}

/*
 * tshark's view of the DDT traffic on the resolver's links to the tree
 * (frames to or from port 4342 that are ECMs or Map-Referrals), one line
 * per frame: "ECM D=<ddt> <inner EID>" or "REF <action> <prefix>/<len>
 * <ttl> <locators>".
 */
static unsigned tshark_run(unsigned links, const char *fields, char lines[][160], unsigned max);

static unsigned tshark_lines(char lines[][160], unsigned max)
{
	return tshark_run(1u << K_ROOT | 1u << K_NODE | 1u << K_MS,
			  "-e ip.dst -e lisp.type -e lisp.ecm.flags.ddt "
			  "-e lisp.mapping.act -e lisp.mapping.eid.ipv4 -e lisp.mapping.eid.masklen "
			  "-e lisp.mapping.ttl -e lisp.loc.locator -e _ws.malformed", lines, max);
}

/* The ECMs with the D bit, Map-Referrals and Map-Replies crossing the links
 * in the mask, in wire order, through tshark with these fields. */
static unsigned tshark_run(unsigned links, const char *fields, char lines[][160], unsigned max)
{
	char dir[] = "/tmp/lispr-ddtmr-XXXXXX", path[64], cmd[768], line[512], *q;
	const char *t = getenv("TSHARK");
	pcap_t *pd;
	pcap_dumper_t *dump;
	struct pcap_pkthdr h;
	struct lab_frame **v;
	size_t i, j, n = 0, len;
	unsigned got = 0;
	FILE *p;
	int k;

	v = calloc(N_K * LAB_CAP, sizeof(*v));
	CU_ASSERT_FATAL(v != NULL);
	for (k = 0; k < N_K; k++)
		for (i = 0; (links & 1u << k) && i < D.link[k].n; i++) {
			struct lab_frame *f = &D.link[k].cap[i];
			const uint8_t *u;

			if (!(u = lab_udp(f, LISP_CONTROL_PORT, &len)) &&
			    !(u = lab_udp(f, 61000, &len)))
				continue;
			if (lisp_msg_type(u, len) != LISP_ECM &&
			    lisp_msg_type(u, len) != LISP_MAP_REFERRAL &&
			    lisp_msg_type(u, len) != LISP_MAP_REPLY)
				continue;
			/* the Map-Server's forward to the ETR is an ECM too: only
			 * the resolver's (D bit) and the referrals */
			if (lisp_msg_type(u, len) == LISP_ECM && !(u[0] & 0x04))
				continue;
			v[n++] = f;
		}
	/* in wire order across the links */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1]->seq > v[j]->seq; j--) {
			struct lab_frame *x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/ddtmr.pcap", dir);
	pd = pcap_open_dead(DLT_EN10MB, 65535);
	CU_ASSERT_FATAL(pd != NULL);
	dump = pcap_dump_open(pd, path);
	CU_ASSERT_FATAL(dump != NULL);
	for (i = 0; i < n; i++) {
		memset(&h, 0, sizeof(h));
		h.ts.tv_sec = (long)i;
		h.caplen = h.len = (bpf_u_int32)v[i]->len;
		pcap_dump((u_char *)dump, &h, v[i]->d);
	}
	pcap_dump_close(dump);
	pcap_close(pd);
	free(v);
	snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' -T fields -E separator=' ' -E occurrence=a "
		 "-E aggregator=, %s 2>/dev/null", t && *t ? t : "tshark", path, fields);
	p = popen(cmd, "r");
	CU_ASSERT_FATAL(p != NULL);
	while (fgets(line, sizeof(line), p)) {
		if ((q = strchr(line, '\n')))
			*q = '\0';
		if (got < max)
			snprintf(lines[got], 160, "%.159s", line);
		got++;
	}
	CU_ASSERT_EQUAL(pclose(p), 0);
	unlink(path);
	rmdir(dir);
	return got;
}

static void expect_tshark(const char *const *want, unsigned nwant)
{
	char lines[32][160];
	unsigned n = tshark_lines(lines, 32), i;

	for (i = 0; i < n && i < 32; i++) {
		bool ok = i < nwant && strcmp(lines[i], want[i]) == 0;

		if (!ok)
			fprintf(stderr, "\n  tshark: '%s', expected '%s'", lines[i],
				i < nwant ? want[i] : "(nothing)");
		CU_ASSERT(ok);
	}
	CU_ASSERT_EQUAL(n, nwant);
}

/* A registered EID: root -> node -> Map-Servers (the first silent), MS-ACK,
 * the ETR answers; a second EID under the same Map-Server skips the tree. */
static void test_resolve_registered(void)
{
	struct lisp_lig_result r;
	struct lisp_ddt_mr_stats st;
	uint64_t root_in, node_in;

	r = lig("192.168.2.1");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT_FALSE(r.negative);
	expect_prefix(&r.prefix, "192.168.2.0/24");
	CU_ASSERT(addr_eq(&r.from, &(struct addr){ 0 }) == false);
	CU_ASSERT_EQUAL(r.from.u.v4, A4("10.0.2.2").u.v4);	/* the ETR itself */
	CU_ASSERT_EQUAL(r.n_locs, 1);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_NODE_REFERRAL], 1);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_MS_REFERRAL], 1);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_MS_ACK], 1);
	CU_ASSERT_EQUAL(st.resolved, 1);
	/* 10.0.6.3 asked twice, silent: then 10.0.6.2 */
	CU_ASSERT_EQUAL(st.timeouts, LISP_DDT_TRIES);
	CU_ASSERT_EQUAL(st.requests_out, 2 + LISP_DDT_TRIES + 1);
	CU_ASSERT_EQUAL(st.failed, 0);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	CU_ASSERT_EQUAL(lisp_ddt_referral_count(D.l[N_MR]), 2);
	{
		static const char *const want[] = {
			"10.0.4.2,192.168.2.1 8,1 1      ",
			"10.0.4.1 6  0 192.168.0.0 17 1440 10.0.5.2 ",
			"10.0.5.2,192.168.2.1 8,1 1      ",
			"10.0.5.1 6  1 192.168.0.0 22 1440 10.0.6.3,10.0.6.2 ",
			"10.0.6.2,192.168.2.1 8,1 1      ",
			"10.0.6.1 6  2 192.168.2.0 24 1440  ",
		};

		expect_tshark(want, sizeof(want) / sizeof(want[0]));
	}
	/* the cache: straight to the live Map-Server */
	d_clear_capture();
	root_in = ddt_in(N_ROOT);
	node_in = ddt_in(N_NODE);
	r = lig("192.168.2.7");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT_FALSE(r.negative);
	expect_prefix(&r.prefix, "192.168.2.0/24");
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in);
	CU_ASSERT_EQUAL(ddt_in(N_NODE), node_in);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.cache_hits, 1);
	CU_ASSERT_EQUAL(st.timeouts, LISP_DDT_TRIES);	/* 10.0.6.3 known silent */
	CU_ASSERT_EQUAL(st.resolved, 2);
	{
		static const char *const want[] = {
			"10.0.6.2,192.168.2.7 8,1 1      ",
			"10.0.6.1 6  2 192.168.2.0 24 1440  ",
		};

		expect_tshark(want, sizeof(want) / sizeof(want[0]));
	}
}

/* A hole: the root's DELEGATION-HOLE becomes a negative Map-Reply, cached
 * for its 15 minutes, then asked again. */
static void test_hole_and_expiry(void)
{
	struct lisp_lig_result r;
	uint64_t root_in;
	int i;

	r = lig("192.168.200.1");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	expect_prefix(&r.prefix, "192.168.128.0/17");
	CU_ASSERT_EQUAL(r.ttl, 15);
	CU_ASSERT_EQUAL(r.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(r.from.u.v4, A4("10.0.1.1").u.v4);	/* the resolver */
	CU_ASSERT_EQUAL(mr_stats().referrals_in[LISP_REF_DELEGATION_HOLE], 1);
	CU_ASSERT_EQUAL(mr_stats().negative_replies, 1);
	/* another EID in the hole: from the cache */
	root_in = ddt_in(N_ROOT);
	r = lig("192.168.250.9");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	expect_prefix(&r.prefix, "192.168.128.0/17");
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in);
	CU_ASSERT_EQUAL(mr_stats().cache_hits, 1);
	CU_ASSERT_EQUAL(mr_stats().negative_replies, 2);
	/* 16 minutes on, the entry has expired: the root is asked again */
	for (i = 0; i < 96; i++)
		d_step(10 * T_SEC);
	CU_ASSERT_EQUAL(lisp_ddt_referral_count(D.l[N_MR]), 0);
	r = lig("192.168.250.9");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in + 1);
	CU_ASSERT_EQUAL(mr_stats().referrals_in[LISP_REF_DELEGATION_HOLE], 2);
}

static unsigned tshark_run(unsigned links, const char *fields, char lines[][160], unsigned max);

/* A configured, unregistered site: MS-NOT-REGISTERED, negative for 1
 * minute.  The Map-Server has no peer: its answer names no set and is
 * incomplete, so it is not cached and the next EID asks it again. */
static void test_not_registered(void)
{
	struct lisp_lig_result r = lig("192.168.3.1");
	char lines[32][160];
	unsigned n, i, refs = 0;
	uint64_t ms_in;

	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	expect_prefix(&r.prefix, "192.168.3.0/24");
	CU_ASSERT_EQUAL(r.ttl, 1);
	CU_ASSERT_EQUAL(r.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(mr_stats().referrals_in[LISP_REF_MS_NOT_REGISTERED], 1);
	n = tshark_run(1u << K_MS, "-e lisp.type -e lisp.mapping.act -e lisp.referral.incomplete "
		       "-e lisp.loc.locator -e _ws.malformed", lines, 32);
	for (i = 0; i < n && i < 32; i++)
		if (!strncmp(lines[i], "6 ", 2)) {
			if (strcmp(lines[i], "6 3 1  "))
				fprintf(stderr, "\n  tshark: '%s'", lines[i]);
			CU_ASSERT_STRING_EQUAL(lines[i], "6 3 1  ");
			refs++;
		}
	CU_ASSERT_EQUAL(refs, 1);
	ms_in = ddt_in(N_MS);
	r = lig("192.168.3.2");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	CU_ASSERT_EQUAL(ddt_in(N_MS), ms_in + 1);
	CU_ASSERT_EQUAL(mr_stats().referrals_in[LISP_REF_MS_NOT_REGISTERED], 2);
}

/* NOT-AUTHORITATIVE from the first referral locator: the next one answers. */
static void test_not_authoritative(void)
{
	struct lisp_lig_result r = lig("192.168.64.1");
	struct lisp_ddt_mr_stats st = mr_stats();

	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	expect_prefix(&r.prefix, "192.168.64.0/18");
	CU_ASSERT_EQUAL(r.ttl, 15);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_NOT_AUTHORITATIVE], 1);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_NODE_REFERRAL], 1);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_DELEGATION_HOLE], 1);
	CU_ASSERT_EQUAL(st.timeouts, 0);
}

static unsigned tshark_run(unsigned links, const char *fields, char lines[][160], unsigned max);
static void inject_request(const char *eid, uint64_t nonce);

/* A referral back up the tree (the node's 172.16.0.0/12 -> root): a loop
 * on a walk that began at the root, a referral error: the ITR gets a
 * negative Map-Reply for the EID it asked, Send-Map-Request, 1 minute. */
static void test_loop(void)
{
	struct lisp_lig_result r = lig("172.16.1.1");
	struct lisp_ddt_mr_stats st = mr_stats();
	char lines[8][160];
	unsigned n;

	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT(r.negative);
	CU_ASSERT_EQUAL(r.action, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_EQUAL(r.ttl, LISP_DDT_TTL_ERROR);
	expect_prefix(&r.prefix, "172.16.1.1/32");
	CU_ASSERT_EQUAL(st.loops, 1);
	CU_ASSERT_EQUAL(st.root_restarts, 0);
	CU_ASSERT_EQUAL(st.error_replies, 1);
	CU_ASSERT_EQUAL(st.negative_replies, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	/* another EID under the cached 172.16.0.0/16: the loop again, so the
	 * walk starts over from the root, and loops there too */
	d_clear_capture();
	inject_request("172.16.1.2", 0x8888);
	d_pump();
	st = mr_stats();
	CU_ASSERT_EQUAL(st.loops, 3);
	CU_ASSERT_EQUAL(st.root_restarts, 1);
	CU_ASSERT_EQUAL(st.error_replies, 2);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	/* tshark reads the reply to the ITR: action 2, TTL 1, a /32 */
	n = tshark_run(1u << K_L1, "-e ip.dst -e lisp.type -e lisp.mapping.act "
		       "-e lisp.mapping.ttl -e lisp.mapping.eid.ipv4 -e lisp.mapping.eid.masklen "
		       "-e _ws.malformed", lines, 8);
	if (n != 1)
		fprintf(stderr, "\n  tshark: %u lines: '%s'", n, n ? lines[0] : "");
	CU_ASSERT_EQUAL(n, 1);
	if (n >= 1) {
		if (strcmp(lines[0], "10.0.1.2 2 2 1 172.16.1.2 32 "))
			fprintf(stderr, "\n  tshark: '%s'", lines[0]);
		CU_ASSERT_STRING_EQUAL(lines[0], "10.0.1.2 2 2 1 172.16.1.2 32 ");
	}
}

/* ------------------------------------------------------------ forged input */

/* A UDP/IPv4 frame into router r's interface ifp, as if from its neighbour. */
static void inject(int r, struct iface *ifp, const char *src, const char *dst, uint16_t sport,
		   uint16_t dport, const uint8_t *payload, size_t len)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint8_t f[2048], *ip = f + 14, *udp = ip + 20;
	size_t n;

	CU_ASSERT_FATAL(len + 42 <= sizeof(f));
	mk_eth(f, iface_mac(ifp), nmac, 0x0800);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((len + 8) >> 8);
	udp[5] = (uint8_t)(len + 8);
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, payload, len);
	n = mk_ip(ip, ip4(src), ip4(dst), 17, 64, 0, len + 8, 0);
	t_push(iface_port(ifp), f, 14 + n);
	router_poll(D.r[r]);
}

static void inject_request_iid(const char *eid, uint32_t iid, uint64_t nonce);

/* An ECM'd Map-Request for eid as lisp1 would send it, into the resolver. */
static void inject_request(const char *eid, uint64_t nonce)
{
	inject_request_iid(eid, 0, nonce);
}

/* The same for an IPv4 or IPv6 EID in instance iid (an Instance-ID LCAF
 * when not 0); the ITR's reply port is 61000. */
static void inject_request_iid(const char *eid, uint32_t iid, uint64_t nonce)
{
	struct lisp_map_request rq;
	struct lisp_eid e;
	struct lisp_ecm ecm;
	uint8_t b[256], out[512];
	ssize_t n;
	struct iface *ifp;
	char err[128];

	memset(&rq, 0, sizeof(rq));
	memset(&e, 0, sizeof(e));
	rq.nonce = nonce;
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0].addr = A4("10.0.1.2");
	CU_ASSERT_EQUAL_FATAL(addr_parse(eid, &e.eid.addr, err, sizeof(err)), 0);
	e.eid.addr.iid = iid;
	e.eid.has_iid = iid != 0;
	e.mask_len = (uint8_t)addr_bits(e.eid.addr.afi);
	rq.record_count = 1;
	rq.records = &e;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	memset(&ecm, 0, sizeof(ecm));
	if (e.eid.addr.afi == AFI_IPV6) {
		CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:ffff::2", &ecm.inner_src, err,
						 sizeof(err)), 0);
	} else {
		ecm.inner_src = A4("10.0.1.2");
	}
	ecm.inner_dst = e.eid.addr;
	ecm.inner_dst.iid = 0;
	ecm.inner_ttl = 64;
	ecm.inner_sport = 61000;
	ecm.inner_dport = LISP_CONTROL_PORT;
	ecm.payload = b;
	ecm.payload_len = (size_t)n;
	n = lisp_ecm_encode(&ecm, out, sizeof(out));
	CU_ASSERT_FATAL(n > 0);
	ifp = iface_get(D.r[N_MR], "Ethernet0", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	inject(N_MR, ifp, "10.0.1.2", "10.0.1.1", 61000, LISP_CONTROL_PORT, out, (size_t)n);
}

/* A Map-Referral from 'from' (into the resolver's Ethernet1) with one
 * record: n locators, the incomplete bit, a TTL. */
static void inject_referral_set(const char *from, uint64_t nonce, unsigned act,
				const char *prefix, const char *const *loc, unsigned nloc,
				bool incomplete, uint32_t ttl)
{
	struct lisp_map_referral m;
	struct lisp_referral_record rr;
	struct lisp_locator l[4];
	struct prefix p = P4(prefix);
	uint8_t out[256];
	ssize_t n;
	struct iface *ifp;
	char err[128];
	unsigned i;

	CU_ASSERT_FATAL(nloc <= 4);
	memset(&m, 0, sizeof(m));
	memset(&rr, 0, sizeof(rr));
	memset(l, 0, sizeof(l));
	rr.rec.action = (uint8_t)act;
	rr.rec.authoritative = true;
	rr.rec.ttl = ttl;
	rr.incomplete = incomplete;
	rr.rec.eid.eid.addr = p.addr;
	rr.rec.eid.mask_len = p.len;
	for (i = 0; i < nloc; i++) {
		l[i].rloc.addr = A4(loc[i]);
		l[i].reachable = true;
		l[i].mpriority = 255;
	}
	rr.rec.loc_count = (uint8_t)nloc;
	rr.rec.locs = nloc ? l : NULL;
	m.nonce = nonce;
	m.record_count = 1;
	m.records = &rr;
	n = lisp_map_referral_encode(&m, out, sizeof(out));
	CU_ASSERT_FATAL(n > 0);
	ifp = iface_get(D.r[N_MR], "Ethernet1", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	inject(N_MR, ifp, from, "10.0.4.1", LISP_CONTROL_PORT, LISP_CONTROL_PORT, out, (size_t)n);
}

static void inject_referral(const char *from, uint64_t nonce, unsigned act, const char *prefix,
			    const char *loc)
{
	inject_referral_set(from, nonce, act, prefix, &loc, loc ? 1 : 0, false, 1440);
}

/* Swap the live root for one that never answers (10.0.4.9: nobody). */
static void dead_root(void)
{
	struct addr live = A4("10.0.4.2"), dead = A4("10.0.4.9");
	char err[160] = "";

	d_ok(lisp_ddt_root_add(D.l[N_MR], &dead, err, sizeof(err)), err);
	d_ok(lisp_ddt_root_del(D.l[N_MR], &live, err, sizeof(err)), err);
}

static void expect_reply_act(uint64_t nonce, const char *prefix, uint32_t iid, uint32_t ttl,
			     uint8_t act);

/* Referrals are followed at most LISP_DDT_MAX_DEPTH deep; forged ones
 * (unknown nonce, a sender not asked, a prefix not covering the EID) are
 * counted and change nothing. */
static void test_depth_and_forged(void)
{
	struct lisp_ddt_mr_stats st;
	char pfx[32];
	unsigned i;

	dead_root();
	inject_request("10.0.2.3", 0x1111);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 1);
	inject_request("10.0.2.3", 0x1111);		/* the ITR again */
	CU_ASSERT_EQUAL(mr_stats().duplicates, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 1);
	inject_referral("10.0.4.9", 0x2222, LISP_REF_MS_ACK, "10.0.0.0/8", NULL);
	inject_referral("10.0.4.7", 0x1111, LISP_REF_MS_ACK, "10.0.0.0/8", NULL);
	inject_referral("10.0.4.9", 0x1111, LISP_REF_MS_ACK, "11.0.0.0/8", NULL);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.referrals_bad, 3);
	CU_ASSERT_EQUAL(st.resolved, 0);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 1);
	for (i = 0; i <= LISP_DDT_MAX_DEPTH; i++) {
		snprintf(pfx, sizeof(pfx), "10.0.0.0/%u", 9 + i);
		inject_referral("10.0.4.9", 0x1111, LISP_REF_NODE_REFERRAL, pfx, "10.0.4.9");
	}
	st = mr_stats();
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_NODE_REFERRAL], LISP_DDT_MAX_DEPTH + 1);
	CU_ASSERT_EQUAL(st.too_deep, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	/* the walk began at the root: a referral error, answered */
	d_pump();
	expect_reply_act(0x1111, "10.0.2.3/32", 0, LISP_DDT_TTL_ERROR, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_EQUAL(mr_stats().error_replies, 1);
	/* a loop on a walk that began in the cache (10.0.0.0/15, cached
	 * above): the cached referral is dropped and the walk starts again
	 * from the root; the same loop from there is a referral error */
	inject_request("10.1.2.4", 0x3333);
	CU_ASSERT_EQUAL(mr_stats().cache_hits, 1);
	inject_referral("10.0.4.9", 0x3333, LISP_REF_NODE_REFERRAL, "10.0.0.0/8", "10.0.4.9");
	CU_ASSERT_EQUAL(mr_stats().loops, 1);
	CU_ASSERT_EQUAL(mr_stats().root_restarts, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 1);
	inject_referral("10.0.4.9", 0x3333, LISP_REF_NODE_REFERRAL, "10.0.0.0/8", "10.0.4.9");
	inject_referral("10.0.4.9", 0x3333, LISP_REF_NODE_REFERRAL, "10.0.0.0/8", "10.0.4.9");
	CU_ASSERT_EQUAL(mr_stats().loops, 2);
	CU_ASSERT_EQUAL(mr_stats().root_restarts, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	d_pump();
	expect_reply_act(0x3333, "10.1.2.4/32", 0, LISP_DDT_TTL_ERROR, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_EQUAL(mr_stats().error_replies, 2);
}

/* The negative Map-Reply the resolver sent lisp1 (port 61000) with this nonce. */
static bool find_reply(uint64_t nonce, struct lisp_map_reply *m)
{
	const uint8_t *u;
	size_t i, len;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < D.link[K_L1].n; i++) {
		if (!(u = lab_udp(&D.link[K_L1].cap[i], 61000, &len)) ||
		    lisp_msg_type(u, len) != LISP_MAP_REPLY)
			continue;
		lisp_map_reply_free(m);
		CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(u, len, m), LISP_OK);
		if (m->nonce == nonce && m->record_count == 1)
			return true;
	}
	lisp_map_reply_free(m);
	return false;
}

static void expect_reply_act(uint64_t nonce, const char *prefix, uint32_t iid, uint32_t ttl,
			     uint8_t act)
{
	struct lisp_map_reply m;
	struct prefix got;

	CU_ASSERT_FATAL(find_reply(nonce, &m));
	CU_ASSERT_EQUAL(m.records[0].loc_count, 0);
	CU_ASSERT_EQUAL(m.records[0].action, act);
	CU_ASSERT_EQUAL(m.records[0].ttl, ttl);
	CU_ASSERT_EQUAL(m.records[0].eid.eid.has_iid, iid != 0);
	got.addr = m.records[0].eid.eid.addr;
	got.len = m.records[0].eid.mask_len;
	CU_ASSERT_EQUAL(got.addr.iid, iid);
	got.addr.iid = 0;
	expect_prefix(&got, prefix);
	lisp_map_reply_free(&m);
}

static void expect_reply(uint64_t nonce, const char *prefix, uint32_t iid, uint32_t ttl)
{
	expect_reply_act(nonce, prefix, iid, ttl, LISP_ACT_NATIVE_FWD);
}

/* Instance IDs key the cache and ride in LCAFs; IPv6 EIDs resolve alike. */
static void test_instances_ipv6(void)
{
	struct lisp_ddt_mr_stats st;
	uint64_t root_in;
	char lines[32][160];
	unsigned n;

	/* [7] 192.168.200.1: a hole of instance 7's tree */
	inject_request_iid("192.168.200.1", 7, 0x7001);
	d_pump();
	expect_reply(0x7001, "192.168.128.0/17", 7, 15);
	/* [7] 192.168.3.1: instance 7's unregistered site, from its Map-Server */
	inject_request_iid("192.168.3.9", 7, 0x7002);
	d_pump();
	expect_reply(0x7002, "192.168.3.0/24", 7, 1);
	/* the same EID in instance 0 is another tree: the root again */
	root_in = ddt_in(N_ROOT);
	inject_request_iid("192.168.200.1", 0, 0x7003);
	d_pump();
	expect_reply(0x7003, "192.168.128.0/17", 0, 15);
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in + 1);
	/* instance 7 again: its cached hole */
	inject_request_iid("192.168.201.1", 7, 0x7004);
	d_pump();
	expect_reply(0x7004, "192.168.128.0/17", 7, 15);
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in + 1);
	/* IPv6: root -> Map-Server, MS-NOT-REGISTERED for the site's /64 */
	inject_request_iid("2001:db8:1:5::9", 0, 0x7005);
	d_pump();
	expect_reply(0x7005, "2001:db8:1:5::/64", 0, 1);
	inject_request_iid("2001:db8:77::1", 0, 0x7006);
	d_pump();
	{
		struct lisp_map_reply m;

		CU_ASSERT_FATAL(find_reply(0x7006, &m));
		CU_ASSERT_EQUAL(m.records[0].ttl, 15);	/* a hole of 2001:db8::/32 */
		CU_ASSERT_EQUAL(m.records[0].eid.eid.addr.afi, AFI_IPV6);
		lisp_map_reply_free(&m);
	}
	st = mr_stats();
	CU_ASSERT_EQUAL(st.negative_replies, 6);
	CU_ASSERT_EQUAL(st.cache_hits, 1);	/* [7] 192.168.128.0/17, the hole */
	CU_ASSERT_EQUAL(st.referrals_bad, 0);
	/* on the wire: the instance in an LCAF in the DDT Map-Requests, the
	 * Map-Referrals and the negative Map-Replies */
	n = tshark_run(1u << K_L1 | 1u << K_ROOT | 1u << K_MS,
		       "-e ip.dst -e lisp.type -e lisp.lcaf.iid -e lisp.mapping.eid.masklen "
		       "-e _ws.malformed", lines, 32);
	{
		static const char *const want[] = {
			"10.0.4.2,192.168.200.1 8,1 7  ",
			"10.0.4.1 6 7 17 ",
			"10.0.1.2 2 7 17 ",
			"10.0.4.2,192.168.3.9 8,1 7  ",
			"10.0.4.1 6 7 22 ",
			"10.0.6.2,192.168.3.9 8,1 7  ",
			"10.0.6.1 6 7 24 ",
			"10.0.1.2 2 7 24 ",
			"10.0.4.2,192.168.200.1 8,1   ",
			"10.0.4.1 6  17 ",
			"10.0.1.2 2  17 ",
			"10.0.1.2 2 7 17 ",
		};
		unsigned i;

		for (i = 0; i < n && i < sizeof(want) / sizeof(want[0]); i++) {
			if (strcmp(lines[i], want[i]))
				fprintf(stderr, "\n  tshark: '%s', expected '%s'", lines[i], want[i]);
			CU_ASSERT_STRING_EQUAL(lines[i], want[i]);
		}
		CU_ASSERT(n >= sizeof(want) / sizeof(want[0]));
	}
}

/* ------------------------------------------------- MS-ACK referral sets */

struct rc_find {
	struct prefix p;
	struct lisp_ddt_referral_info r;
	bool found;
};

static int rc_find_cb(const struct lisp_ddt_referral_info *r, void *arg)
{
	struct rc_find *f = arg;

	if (prefix_eq(&r->prefix, &f->p)) {
		f->r = *r;
		f->found = true;
		return 1;
	}
	return 0;
}

/* The referral-cache entry for prefix (instance 0), asserted present. */
static struct lisp_ddt_referral_info rc_get(const char *prefix)
{
	struct rc_find f;

	memset(&f, 0, sizeof(f));
	f.p = P4(prefix);
	lisp_ddt_referral_foreach(D.l[N_MR], rc_find_cb, &f);
	if (!f.found)
		fprintf(stderr, "\n  no referral-cache entry %s", prefix);
	CU_ASSERT_FATAL(f.found);
	return f.r;
}

/* A Map-Server with a map-server-peer names both in its MS-ACK (I clear):
 * the resolver caches that set, and the next EID of the site goes straight
 * to it. */
static void test_ms_ack_set(void)
{
	struct addr peer = A4("10.0.6.3");
	struct lisp_ddt_referral_info ri;
	struct lisp_lig_result r;
	uint64_t root_in, node_in;
	char err[160] = "";

	d_ok(lisp_ddt_peer_add(D.l[N_MS], &peer, NULL, err, sizeof(err)), err);
	r = lig("192.168.2.1");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT_FALSE(r.negative);
	CU_ASSERT_EQUAL(lisp_ddt_referral_count(D.l[N_MR]), 3);
	ri = rc_get("192.168.2.0/24");
	CU_ASSERT_EQUAL(ri.action, LISP_REF_MS_ACK);
	CU_ASSERT_EQUAL(ri.ttl, 1440);
	CU_ASSERT_EQUAL(ri.n, 2);
	CU_ASSERT_EQUAL(ri.loc[0].u.v4, A4("10.0.6.2").u.v4);
	CU_ASSERT_EQUAL(ri.loc[1].u.v4, A4("10.0.6.3").u.v4);
	{
		static const char *const want[] = {
			"10.0.4.2,192.168.2.1 8,1 1      ",
			"10.0.4.1 6  0 192.168.0.0 17 1440 10.0.5.2 ",
			"10.0.5.2,192.168.2.1 8,1 1      ",
			"10.0.5.1 6  1 192.168.0.0 22 1440 10.0.6.3,10.0.6.2 ",
			"10.0.6.2,192.168.2.1 8,1 1      ",
			"10.0.6.1 6  2 192.168.2.0 24 1440 10.0.6.2,10.0.6.3 ",
		};

		expect_tshark(want, sizeof(want) / sizeof(want[0]));
	}
	d_clear_capture();
	root_in = ddt_in(N_ROOT);
	node_in = ddt_in(N_NODE);
	r = lig("192.168.2.8");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT_FALSE(r.negative);
	CU_ASSERT_EQUAL(ddt_in(N_ROOT), root_in);
	CU_ASSERT_EQUAL(ddt_in(N_NODE), node_in);
	CU_ASSERT_EQUAL(mr_stats().cache_hits, 1);
	CU_ASSERT_EQUAL(rc_get("192.168.2.0/24").hits, 1);
	{
		static const char *const want[] = {
			"10.0.6.2,192.168.2.8 8,1 1      ",
			"10.0.6.1 6  2 192.168.2.0 24 1440 10.0.6.2,10.0.6.3 ",
		};

		expect_tshark(want, sizeof(want) / sizeof(want[0]));
	}
}

/* A cached MS-ACK set whose first Map-Server is silent: the next one of
 * the set is asked, not the roots; an ITR asking again after an MS-ACK
 * (no Map-Reply reached it) moves on to the set's next Map-Server. */
static void test_ms_ack_failover(void)
{
	static const char *const set[] = { "10.0.6.3", "10.0.6.2" };
	struct lisp_ddt_mr_stats st;
	struct lisp_ddt_referral_info ri;
	struct lisp_lig_result r;
	uint64_t ms_in, out, dup;

	dead_root();
	/* learn the set: an MS-ACK naming a silent 10.0.6.3 first */
	inject_request("192.168.2.5", 0x4444);
	inject_referral_set("10.0.4.9", 0x4444, LISP_REF_MS_ACK, "192.168.2.0/24", set, 2, false,
			    1440);
	CU_ASSERT_EQUAL(mr_stats().resolved, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	ri = rc_get("192.168.2.0/24");
	CU_ASSERT_EQUAL(ri.action, LISP_REF_MS_ACK);
	CU_ASSERT_EQUAL(ri.n, 2);
	/* an incomplete set is not cached (RFC 8111 section 6) */
	inject_request("192.168.9.5", 0x4445);
	inject_referral_set("10.0.4.9", 0x4445, LISP_REF_MS_ACK, "192.168.9.0/24", set, 2, true,
			    1440);
	CU_ASSERT_EQUAL(lisp_ddt_referral_count(D.l[N_MR]), 1);
	/* lisp1 asks for another EID of the site */
	ms_in = ddt_in(N_MS);
	r = lig("192.168.2.9");
	CU_ASSERT_FATAL(r.replied);
	CU_ASSERT_FALSE(r.negative);
	expect_prefix(&r.prefix, "192.168.2.0/24");
	CU_ASSERT_EQUAL(r.from.u.v4, A4("10.0.2.2").u.v4);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.cache_hits, 1);
	CU_ASSERT_EQUAL(st.timeouts, LISP_DDT_TRIES);	/* 10.0.6.3, twice */
	CU_ASSERT_EQUAL(st.root_restarts, 0);
	CU_ASSERT_EQUAL(st.resolved, 3);
	CU_ASSERT_EQUAL(ddt_in(N_MS), ms_in + 1);
	ri = rc_get("192.168.2.0/24");
	CU_ASSERT(ri.loc_down[0]);			/* 10.0.6.3 silent */
	CU_ASSERT_FALSE(ri.loc_down[1]);
	CU_ASSERT_EQUAL(ri.n, 2);	/* the Map-Server's own MS-ACK (no set) kept it */
	/* now the request of an ITR whose Map-Reply gets lost: 10.0.6.2
	 * (not known silent) acks it ... */
	inject_request("192.168.2.5", 0x5555);
	d_pump();
	CU_ASSERT_EQUAL(mr_stats().resolved, 4);
	CU_ASSERT_EQUAL(ddt_in(N_MS), ms_in + 2);
	/* ... a retransmission right away (its Map-Reply may be on its way)
	 * goes to the same Map-Server again ... */
	dup = mr_stats().duplicates;	/* lig's own retransmissions too */
	inject_request("192.168.2.5", 0x5555);
	d_pump();
	CU_ASSERT_EQUAL(mr_stats().duplicates, dup + 1);
	CU_ASSERT_EQUAL(mr_stats().ack_retries, 0);
	CU_ASSERT_EQUAL(mr_stats().resolved, 5);
	CU_ASSERT_EQUAL(ddt_in(N_MS), ms_in + 3);
	/* ... one a second later goes to the set's next Map-Server */
	d_run(1000);
	out = mr_stats().requests_out;
	inject_request("192.168.2.5", 0x5555);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.ack_retries, 1);
	CU_ASSERT_EQUAL(st.requests_out, out + 1);
	CU_ASSERT_EQUAL(st.duplicates, dup + 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 1);
	/* 10.0.6.3 stays silent; then the roots (dead): given up */
	d_run(3 * LISP_DDT_TRIES * LISP_DDT_TIMEOUT_MS);
	st = mr_stats();
	CU_ASSERT_EQUAL(st.root_restarts, 1);
	CU_ASSERT_EQUAL(st.failed, 1);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	/* the answered requests were kept LISP_DDT_ACKED_MS, no longer */
	d_run(LISP_DDT_ACKED_MS);
	inject_request("192.168.2.5", 0x4444);
	CU_ASSERT_EQUAL(mr_stats().duplicates, dup + 1);
	CU_ASSERT_EQUAL(mr_stats().cache_hits, 3);
}

/* MS-NOT-REGISTERED naming its peers: each is asked before the negative
 * Map-Reply; one that holds the registration answers MS-ACK. */
static void test_not_registered_peers(void)
{
	static const char *const set[] = { "10.0.4.9", "10.0.6.2" };
	struct lisp_map_reply m;
	struct lisp_ddt_mr_stats st;
	struct lisp_ddt_referral_info ri;

	dead_root();
	/* site B is registered with the peer 10.0.6.2 only */
	inject_request("192.168.2.6", 0x6666);
	inject_referral_set("10.0.4.9", 0x6666, LISP_REF_MS_NOT_REGISTERED, "192.168.2.0/24", set,
			    2, false, 1);
	d_pump();
	st = mr_stats();
	CU_ASSERT_EQUAL(st.peer_retries, 1);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_MS_ACK], 1);
	CU_ASSERT_EQUAL(st.resolved, 1);
	CU_ASSERT_EQUAL(st.negative_replies, 0);
	CU_ASSERT_EQUAL(lisp_ddt_referral_count(D.l[N_MR]), 0);
	CU_ASSERT_FATAL(find_reply(0x6666, &m));	/* the ETR's, positive */
	CU_ASSERT_EQUAL(m.records[0].loc_count, 1);
	lisp_map_reply_free(&m);
	/* site C is registered nowhere: both say so, then the negative reply,
	 * and the MS-NOT-REGISTERED is cached for its minute */
	inject_request("192.168.3.7", 0x6667);
	inject_referral_set("10.0.4.9", 0x6667, LISP_REF_MS_NOT_REGISTERED, "192.168.3.0/24", set,
			    2, false, 1);
	d_pump();
	st = mr_stats();
	CU_ASSERT_EQUAL(st.peer_retries, 2);
	CU_ASSERT_EQUAL(st.referrals_in[LISP_REF_MS_NOT_REGISTERED], 3);
	CU_ASSERT_EQUAL(st.negative_replies, 1);
	expect_reply(0x6667, "192.168.3.0/24", 0, 1);
	ri = rc_get("192.168.3.0/24");
	CU_ASSERT_EQUAL(ri.action, LISP_REF_MS_NOT_REGISTERED);
	CU_ASSERT_EQUAL(ri.n, 2);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
}

/* The pending table is bounded; silent roots end every request. */
static void test_pending_full(void)
{
	unsigned i;

	dead_root();
	for (i = 0; i < LISP_DDT_PENDING_MAX + 3; i++)
		inject_request("10.1.2.3", 0x10000 + i);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), LISP_DDT_PENDING_MAX);
	CU_ASSERT_EQUAL(mr_stats().pending_full, 3);
	d_run(LISP_DDT_TRIES * LISP_DDT_TIMEOUT_MS + 500);
	CU_ASSERT_EQUAL(lisp_ddt_pending_count(D.l[N_MR]), 0);
	CU_ASSERT_EQUAL(mr_stats().failed, LISP_DDT_PENDING_MAX);
	CU_ASSERT_EQUAL(mr_stats().timeouts, LISP_DDT_PENDING_MAX * LISP_DDT_TRIES);
}

/* Requests answered by an MS-ACK are kept a while for their ITR's
 * retransmissions; when they fill the table, the oldest makes room for a
 * new request, and that is counted. */
static void test_acked_released(void)
{
	static const char *const set[] = { "10.0.6.2" };
	char eid[32];
	unsigned i;

	dead_root();
	inject_request("192.168.2.1", 0x7000);
	inject_referral_set("10.0.4.9", 0x7000, LISP_REF_MS_ACK, "192.168.2.0/24", set, 1, false,
			    1440);
	d_pump();
	CU_ASSERT_EQUAL_FATAL(mr_stats().resolved, 1);
	for (i = 1; i < LISP_DDT_PENDING_MAX; i++) {
		snprintf(eid, sizeof(eid), "192.168.2.%u", 1 + i % 250);
		inject_request(eid, 0x7000 + i);
		d_pump();
	}
	CU_ASSERT_EQUAL(mr_stats().resolved, LISP_DDT_PENDING_MAX);
	CU_ASSERT_EQUAL(mr_stats().acked_released, 0);
	inject_request("192.168.2.7", 0x7000 + LISP_DDT_PENDING_MAX);
	d_pump();
	CU_ASSERT_EQUAL(mr_stats().resolved, LISP_DDT_PENDING_MAX + 1);
	CU_ASSERT_EQUAL(mr_stats().acked_released, 1);
	CU_ASSERT_EQUAL(mr_stats().pending_full, 0);
}

/* Configuration: roots of both families, bounded, not our own address. */
static void test_roots(void)
{
	struct addr a = A4("10.0.4.2"), own = A4("10.0.1.1"), v6;
	char err[160] = "";
	unsigned i;

	CU_ASSERT_EQUAL(addr_parse("2001:db8::1", &v6, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_root_add(D.l[N_MR], &a, err, sizeof(err)), 0);	/* again: fine */
	CU_ASSERT_EQUAL(lisp_ddt_root_add(D.l[N_MR], &v6, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_root_add(D.l[N_MR], &own, err, sizeof(err)), -1);
	for (i = 0; i < LISP_DDT_MAX_ROOTS; i++) {
		struct addr x = A4("10.9.0.0");

		x.u.b[3] = (uint8_t)(i + 1);
		lisp_ddt_root_add(D.l[N_MR], &x, err, sizeof(err));
	}
	CU_ASSERT_STRING_EQUAL(err, "% Too many DDT roots");
	CU_ASSERT_EQUAL(lisp_ddt_root_del(D.l[N_MR], &own, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% No such DDT root");
	/* 'no ddt' (the node's settings) leaves the roots alone */
	CU_ASSERT_EQUAL(lisp_ddt_set(D.l[N_MR], false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_root_del(D.l[N_MR], &v6, err, sizeof(err)), 0);
}

static CU_TestInfo mr_tests[] = {
	{ "registered EID, failover, cache reuse", test_resolve_registered },
	{ "delegation hole, cached, TTL expiry", test_hole_and_expiry },
	{ "MS-NOT-REGISTERED", test_not_registered },
	{ "NOT-AUTHORITATIVE, next locator", test_not_authoritative },
	{ "referral loop", test_loop },
	{ "instance IDs and IPv6 EIDs", test_instances_ipv6 },
	{ "depth limit, forged referrals", test_depth_and_forged },
	{ "MS-ACK referral set cached", test_ms_ack_set },
	{ "MS-ACK set failover, ITR retry", test_ms_ack_failover },
	{ "MS-NOT-REGISTERED, peers asked", test_not_registered_peers },
	{ "pending table bound", test_pending_full },
	{ "answered requests make room when the table is full", test_acked_released },
	{ "ddt root configuration", test_roots },
	CU_TEST_INFO_NULL,
};

static void setup_each(void)
{
	CU_ASSERT_EQUAL(setup(), 0);
}

static void teardown_each(void)
{
	teardown();
}

static CU_SuiteInfo suites[] = {
	{ "DDT Map-Resolver", NULL, NULL, setup_each, teardown_each, mr_tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

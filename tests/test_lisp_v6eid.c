/*
 * DOC: LISP with IPv6 EIDs over IPv4 RLOCs in the in-process seed lab
 *
 * The four routers of test_lisp_lab.h, each xTR with an IPv6 EID prefix
 * beside its IPv4 one (lisp1 2001:db8:1::/48 on Loopback0 2001:db8:1::1,
 * lisp2 2001:db8:2::/48 on Loopback0 2001:db8:2::1, registered in the
 * sites A and B of the Map-Server): the engine's API takes IPv6 prefixes
 * (database, static map-cache, the ::/0 send-map-request entry, PETR
 * access list, sites); ping ipv6 between the EIDs resolves through the
 * Map-Resolver and runs IPv6-in-IPv4 both ways; the Map-Resolver's
 * negative prefixes for IPv6 EIDs (least specific, outside every site
 * prefix; a configured unregistered one for a minute); a transit IPv6
 * packet too big for the RLOC path gets Packet Too Big with the inner
 * MTU and is never fragmented; SMR and RLOC probing for an IPv6 EID;
 * use-petr and the PITR for a non-LISP IPv6 site (a PITR per family); the cef lookup of an
 * IPv6 destination, the IPv6 cef table, and no IPv6 row in the IPv4 one;
 * the map-resolvers and map-servers per EID family.
 * The frames on the links go through tshark (the ECM's IPv6 inner
 * header and record, the data packets' inner IPv6, the Packet Too Big);
 * tshark comes from $TSHARK or PATH.
 */
#include <arpa/inet.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_lisp_lab.h"
#include "test_tshark.h"
#include "icmpv6.h"
#include "ipv6.h"

static struct lab L;

static struct addr A6(const char *s)
{
	struct addr a;
	uint8_t b[16];

	CU_ASSERT_FATAL(inet_pton(AF_INET6, s, b) == 1);
	addr_set_v6(&a, b);
	return a;
}

static void add6(int r, const char *ifname, const char *a, unsigned plen)
{
	struct addr x = A6(a);
	struct iface *ifp = iface_find(L.r[r], ifname);
	char err[160];

	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(L.r[r], ifp, &x, plen, false, err, sizeof(err)), 0);
}

static void db6(int r, const char *p, const char *rloc)
{
	struct lisp_loc_cfg loc;
	struct prefix pf = P4(p);
	char err[160];

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[r], &pf, &loc, err, sizeof(err)), 0);
}

static void site6(const char *site, const char *p)
{
	struct prefix pf = P4(p);
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], site, &pf, false, err, sizeof(err)), 0);
}

/* The seed lab with the IPv6 EIDs registered. */
static void setup_v6(void)
{
	lab_setup(&L, true);
	add6(LISP1, "Loopback0", "2001:db8:1::1", 128);
	add6(LISP2, "Loopback0", "2001:db8:2::1", 128);
	ipv6_set_routing(L.r[LISP1], true);
	ipv6_set_routing(L.r[LISP2], true);
	site6("A", "2001:db8:1::/48");
	site6("B", "2001:db8:2::/48");
	db6(LISP1, "2001:db8:1::/48", "10.0.1.2");
	db6(LISP2, "2001:db8:2::/48", "10.0.2.2");
	lab_run(&L, 3000);
	lab_clear_capture(&L);
}

static bool mc6(int r, const char *a, struct lisp_mc_info *e)
{
	struct addr x = A6(a);

	return lisp_map_cache_lookup(L.l[r], &x, e) == 0;
}

static struct ping_result ping6(int r, const char *dst, unsigned repeat, unsigned size)
{
	struct ping_params pp;
	struct lab_ping st;
	char err[160];
	int guard;

	memset(&pp, 0, sizeof(pp));
	memset(&st, 0, sizeof(st));
	pp.dst = A6(dst);
	snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Loopback0");
	pp.repeat = repeat;
	pp.size = size;
	pp.timeout_ms = 1000;
	CU_ASSERT_NOT_EQUAL_FATAL(ping_start(L.r[r], &pp, NULL, lab_ping_done, &st, err,
					     sizeof(err)), 0);
	lab_pump(&L);
	for (guard = 0; !st.done && guard < 100000; guard++)
		lab_step(&L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(st.done, 1);
	return st.res;
}

/* ------------------------------------------------------------ tshark */

/*
 * Write frames to a pcap and run tshark over it with fields; each output
 * line (tab-separated) is handed to fn.  Returns the number of lines.
 */
static unsigned tshark_fields(const uint8_t *const *f, const size_t *flen, unsigned n,
			      const char *fields, void (*fn)(char **c, int nc, void *arg),
			      void *arg)
{
	char args[1024], line[1024];
	struct ts_run t;
	unsigned i, lines = 0;
	FILE *p;

	ts_create(&t, DLT_EN10MB);
	for (i = 0; i < n; i++)
		ts_add(&t, f[i], flen[i]);
	snprintf(args, sizeof(args), "-d udp.port==4341,lisp-data -T fields -E separator=/t "
		 "-E occurrence=l -e frame.number -e _ws.malformed %s", fields);
	p = ts_run(&t, args);
	while (fgets(line, sizeof(line), p)) {
		char *c[16] = { 0 };
		int k = ts_split(line, c, 16);

		lines++;
		if (k >= 2 && c[1][0])
			fprintf(stderr, "tshark: frame %s malformed\n", c[0]);
		CU_ASSERT(k >= 2 && !c[1][0]);
		fn(c, k, arg);
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	return lines;
}

/* The frames captured on a link, for tshark. */
static unsigned link_frames(int link, const uint8_t **f, size_t *flen, unsigned max)
{
	unsigned i, n = 0;

	for (i = 0; i < L.link[link].n && n < max; i++, n++) {
		f[n] = L.link[link].cap[i].d;
		flen[n] = L.link[link].cap[i].len;
	}
	return n;
}

/* ------------------------------------------------------------ API */

static int db_v6_fn(const struct lisp_db_info *d, void *arg)
{
	if (d->prefix.addr.afi == AFI_IPV6)
		++*(unsigned *)arg;
	return 0;
}

static void test_api(void)
{
	struct prefix p6 = P4("2001:db8:1::/48"), any6 = P4("::/0"), h6 = P4("2001:db8:5::/64");
	struct prefix bad = { .len = 129 };
	struct lisp_mc_info e;
	struct addr x = A6("2001:db8:77::1");
	char err[160];
	unsigned n = 0;

	lab_setup(&L, true);
	bad.addr = A6("2001:db8::");
	/* No IPv6 database yet: no ::/0 entry. */
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e), -1);
	db6(LISP1, "2001:db8:1::/48", "10.0.1.2");
	lisp_db_foreach(L.l[LISP1], db_v6_fn, &n);
	CU_ASSERT_EQUAL(n, 1);
	/* The ITR now has the ::/0 send-map-request entry. */
	CU_ASSERT_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e) == 0);
	CU_ASSERT(prefix_eq(&e.prefix, &any6));
	CU_ASSERT(e.negative);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_SEND_MAP_REQ);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC_SMR);
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &bad, &(struct lisp_loc_cfg){ .addr = A4("10.0.1.2") },
				    err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Invalid prefix length");
	/* A static ::/0 replaces it; removing it brings it back. */
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &any6, LISP_ACT_NATIVE_FWD, NULL,
						  err, sizeof(err)), 0);
	CU_ASSERT_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e) == 0);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(lisp_map_cache_static_del(L.l[LISP1], &any6, err, sizeof(err)), 0);
	CU_ASSERT_FATAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e) == 0);
	CU_ASSERT_EQUAL(e.source, LISP_MC_STATIC_SMR);
	/* A static IPv6 entry with an IPv4 locator. */
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &h6, LISP_ACT_NO_ACTION,
						  &(struct lisp_loc_cfg){ .addr = A4("10.0.2.2"),
									  .priority = 1, .weight = 50 },
						  err, sizeof(err)), 0);
	CU_ASSERT_TRUE(mc6(LISP1, "2001:db8:5::9", &e));
	CU_ASSERT(prefix_eq(&e.prefix, &h6));
	CU_ASSERT_EQUAL(e.n_locs, 1);
	/* PETR access list and sites take IPv6 prefixes too. */
	CU_ASSERT_EQUAL(lisp_petr_acl_add(L.l[MSR], LISP_PETR_ACL_EID, &p6, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_petr_acl_del(L.l[MSR], LISP_PETR_ACL_EID, &p6, err, sizeof(err)), 0);
	site6("A", "2001:db8:1::/48");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &p6, false, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix already configured in site A");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &bad, false, err, sizeof(err)), -1);
	/* Without an IPv6 database prefix the ::/0 entry goes. */
	CU_ASSERT_EQUAL(lisp_db_del(L.l[LISP1], &p6, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e), -1);
	/* Nor has an ETR-only router one. */
	db6(LISP1, "2001:db8:1::/48", "10.0.1.2");
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP1], LISP_ROLE_ITR, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e), -1);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[LISP1], LISP_ROLE_ITR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_lookup(L.l[LISP1], &x, &e), 0);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ end to end */

struct e2e_seen {
	unsigned ecm6, data6, reply6, other;
};

static void e2e_fn(char **c, int nc, void *arg)
{
	struct e2e_seen *s = arg;
	bool mine;

	/* 2 lisp.type, 3 record prefix ipv6, 4 prefix length, 5 srceid ipv6,
	 * 6 itr rloc ipv4, 7 lisp-data iid, 8 ipv6.dst, 9 ipv6.src,
	 * 10 icmpv6.type, 11 ipv6.hlim, 12 ip.ttl, 13 ip.src (occurrence=l:
	 * the IPv6 fields are the inner header's, the IPv4 ones the outer's) */
	if (nc < 14)
		return;
	if (getenv("V6EID_DEBUG"))
		fprintf(stderr, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", c[0], c[2], c[3],
			c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13]);
	mine = strcmp(c[13], "10.0.1.2") == 0;
	if (strcmp(c[2], "1") == 0 && c[3][0] && mine) {
		/* lisp1's ECM Map-Request for the IPv6 EID: an IPv6 inner
		 * header to the EID, from the Source-EID */
		CU_ASSERT_STRING_EQUAL(c[3], "2001:db8:2::1");
		CU_ASSERT_STRING_EQUAL(c[4], "128");
		CU_ASSERT_STRING_EQUAL(c[5], "2001:db8:1::1");
		CU_ASSERT_STRING_EQUAL(c[6], "10.0.1.2");
		CU_ASSERT_STRING_EQUAL(c[8], "2001:db8:2::1");
		CU_ASSERT_STRING_EQUAL(c[9], "2001:db8:1::1");
		s->ecm6++;
	} else if (c[7][0] && c[10][0]) {
		CU_ASSERT_STRING_EQUAL(c[7], "0");
		if (mine && strcmp(c[10], "128") == 0) {
			CU_ASSERT_STRING_EQUAL(c[9], "2001:db8:1::1");
			CU_ASSERT_STRING_EQUAL(c[8], "2001:db8:2::1");
			/* outer TTL = the inner hop limit (router-originated:
			 * not decremented) */
			CU_ASSERT_STRING_EQUAL(c[11], c[12]);
			s->data6++;
		} else if (!mine && strcmp(c[10], "129") == 0) {
			CU_ASSERT_STRING_EQUAL(c[13], "10.0.2.2");
			CU_ASSERT_STRING_EQUAL(c[9], "2001:db8:2::1");
			CU_ASSERT_STRING_EQUAL(c[8], "2001:db8:1::1");
			CU_ASSERT_EQUAL(atoi(c[12]), atoi(c[11]) - 1);	/* one hop */
			s->reply6++;
		} else {
			s->other++;
		}
	} else {
		s->other++;
	}
}

static void test_ping6_e2e(void)
{
	struct ping_result res;
	struct lisp_mc_info e;
	struct prefix p1 = P4("2001:db8:1::/48"), p2 = P4("2001:db8:2::/48");
	const uint8_t *f[LAB_CAP];
	size_t flen[LAB_CAP];
	struct e2e_seen seen;
	unsigned n;

	setup_v6();
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->reg_accepted_records >= 4, 1);
	res = ping6(LISP1, "2001:db8:2::1", 5, 100);
	/* The first echo is lost to lisp1's miss, the first reply to lisp2's. */
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:db8:2::1", &e));
	CU_ASSERT(prefix_eq(&e.prefix, &p2));
	CU_ASSERT_FALSE(e.negative);
	CU_ASSERT_EQUAL(e.n_locs, 1);
	CU_ASSERT(addr_eq(&e.locs[0].addr, &(struct addr){ 0 }) == false);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_TRUE_FATAL(mc6(LISP2, "2001:db8:1::1", &e));
	CU_ASSERT(prefix_eq(&e.prefix, &p1));
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.1.2"));
	CU_ASSERT(lisp_stats(L.l[LISP1])->encap_pkts >= 4);
	CU_ASSERT(lisp_stats(L.l[LISP1])->decap_pkts >= 3);
	CU_ASSERT(lisp_stats(L.l[LISP2])->decap_pkts >= 4);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->drops[LISP_DROP_RESOLVE_PENDING], 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP2])->drops[LISP_DROP_RESOLVE_PENDING], 1);
	/* IPv4 is untouched: the seed's ping still works. */
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 1000);
	CU_ASSERT(res.received >= 3);

	memset(&seen, 0, sizeof(seen));
	n = link_frames(LINK1, f, flen, LAB_CAP);
	CU_ASSERT(n > 8);
	tshark_fields(f, flen, n,
		      "-e lisp.type -e lisp.mreq.record.prefix.ipv6 -e lisp.mreq.record.prefix.length "
		      "-e lisp.mreq.srceid_ipv6 -e lisp.mreq.itr_rloc_ipv4 -e lisp-data.iid "
		      "-e ipv6.dst -e ipv6.src -e icmpv6.type -e ipv6.hlim -e ip.ttl -e ip.src",
		      e2e_fn, &seen);
	CU_ASSERT_EQUAL(seen.ecm6, 1);
	CU_ASSERT_EQUAL(seen.data6, 4);
	CU_ASSERT_EQUAL(seen.reply6, 3);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ negative prefixes */

struct lig_st {
	struct lisp_lig_result res;
	int done;
};

static void lig_done(void *arg, const struct lisp_lig_result *res)
{
	struct lig_st *s = arg;

	s->res = *res;
	s->done++;
}

static struct lisp_lig_result lig6(int r, const char *eid)
{
	struct addr a = A6(eid);
	struct lig_st st;
	char err[160];
	int guard;

	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL_FATAL(lisp_lig(L.l[r], &a, NULL, lig_done, &st, err, sizeof(err)), 0);
	lab_pump(&L);
	for (guard = 0; !st.done && guard < 10000; guard++)
		lab_step(&L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL_FATAL(st.done, 1);
	return st.res;
}

static void check_negative(const char *eid, const char *want, uint32_t ttl)
{
	struct lisp_lig_result res = lig6(LISP1, eid);
	struct prefix p = P4(want);
	char b[PREFIX_STRLEN];

	CU_ASSERT_TRUE(res.replied);
	CU_ASSERT_TRUE(res.negative);
	CU_ASSERT_EQUAL(res.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_EQUAL(res.ttl, ttl);
	if (!prefix_eq(&res.prefix, &p))
		fprintf(stderr, "negative for %s: %s, want %s\n", eid,
			prefix_fmt(&res.prefix, b, sizeof(b)), want);
	CU_ASSERT(prefix_eq(&res.prefix, &p));
}

static void test_negative6(void)
{
	struct lisp_lig_result res;
	char err[160];

	setup_v6();
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "C", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], "C", "k", err, sizeof(err)), 0);
	site6("C", "2001:db8:3::/48");
	/* Least specific, covering no site prefix (RFC 9301 section 8.4). */
	check_negative("2001:db8:ff::1", "2001:db8:80::/41", LISP_NEGATIVE_TTL);
	check_negative("2001:db8:4::1", "2001:db8:4::/46", LISP_NEGATIVE_TTL);
	check_negative("2001:db9::1", "2001:db9::/32", LISP_NEGATIVE_TTL);
	check_negative("3000::1", "3000::/4", LISP_NEGATIVE_TTL);
	check_negative("fe00::1", "8000::/1", LISP_NEGATIVE_TTL);
	/* Configured, not registered: the site prefix for a minute. */
	check_negative("2001:db8:3::5", "2001:db8:3::/48", LISP_UNREGISTERED_TTL);
	/* Registered: the ETR's own answer, authoritative. */
	res = lig6(LISP1, "2001:db8:2::99");
	CU_ASSERT_TRUE(res.replied);
	CU_ASSERT_FALSE(res.negative);
	CU_ASSERT_TRUE(res.authoritative);
	CU_ASSERT_EQUAL(res.n_locs, 1);
	CU_ASSERT_EQUAL(res.locs[0].addr.u.v4, ip4("10.0.2.2"));
	CU_ASSERT(lisp_stats(L.l[MSR])->mreq_forwarded >= 1);
	/* The IPv4 negative space is its own: 4.2.2.2 as before. */
	{
		struct addr a = A4("4.2.2.2");
		struct lig_st st;
		struct prefix want = P4("0.0.0.0/1");
		int guard;

		memset(&st, 0, sizeof(st));
		CU_ASSERT_EQUAL(lisp_lig(L.l[LISP1], &a, NULL, lig_done, &st, err, sizeof(err)), 0);
		for (guard = 0; !st.done && guard < 10000; guard++)
			lab_step(&L, 10 * NS_PER_MS);
		CU_ASSERT_TRUE(st.res.negative);
		CU_ASSERT(prefix_eq(&st.res.prefix, &want));
	}
	lab_teardown(&L);
}

/* ------------------------------------------------------------ Packet Too Big */

static const uint8_t HOST_MAC[6] = { 0x02, 0x77, 0, 0, 0, 0x10 };

/* An IPv6 frame from the host on lisp1's Ethernet1. */
static size_t mk6(uint8_t *f, const uint8_t *dmac, const char *src, const char *dst,
		  uint8_t nxt, uint8_t hlim, size_t plen)
{
	struct addr s = A6(src), d = A6(dst);

	mk_eth(f, dmac, HOST_MAC, 0x86dd);
	ipv6_build_hdr(f + 14, (uint16_t)plen, nxt, hlim, s.u.b, d.u.b);
	return 14 + 40 + plen;
}

/* Answer the router's Neighbor Solicitation for the host. */
static void answer_ns(struct port *p, const uint8_t *ns, const char *host)
{
	uint8_t f[128], *icmp = f + 14 + 40;
	struct addr h = A6(host), rsrc;
	uint16_t sum;
	size_t n;

	addr_set_v6(&rsrc, ns + 14 + 8);
	n = mk6(f, ns + 6, host, "::1", IPPROTO_ICMPV6_, 255, 32);
	memcpy(f + 14 + 24, rsrc.u.b, 16);
	memset(icmp, 0, 32);
	icmp[0] = 136;
	icmp[4] = 0x60;			/* S, O */
	memcpy(icmp + 8, h.u.b, 16);
	icmp[24] = 2;
	icmp[25] = 1;
	memcpy(icmp + 26, HOST_MAC, 6);
	sum = ipv6_l4_cksum(f + 14, IPPROTO_ICMPV6_, icmp, 32);
	memcpy(icmp + 2, &sum, 2);
	t_push(p, f, n);
}

struct ptb_seen {
	unsigned ptb, mtu_ok;
};

static void ptb_fn(char **c, int nc, void *arg)
{
	struct ptb_seen *s = arg;

	/* 2 icmpv6.type, 3 icmpv6.mtu, 4 icmpv6.checksum.status, 5 ipv6.dst */
	if (nc < 6 || strcmp(c[2], "2"))
		return;
	s->ptb++;
	/* ipv6.dst, last occurrence: the quoted packet's */
	if (strcmp(c[3], "1464") == 0 && strcmp(c[4], "1") == 0 &&
	    strcmp(c[5], "2001:db8:2::1") == 0)
		s->mtu_ok++;
	else
		fprintf(stderr, "PTB: mtu %s checksum %s dst %s\n", c[3], c[4], c[5]);
}

static void test_ptb(void)
{
	struct port *host;
	struct iface *eth1;
	uint8_t f[2048], *sent[8];
	const uint8_t *fs[8];
	size_t flen[8];
	struct ping_result res;
	struct ptb_seen seen;
	unsigned nsent = 0, i, ns = 0;
	const struct rt6_stats *s6;
	uint64_t too_big, encap;
	long n;

	setup_v6();
	eth1 = lab_if(&L, LISP1, "Ethernet1", &host, 1);
	iface_set_shutdown(L.r[LISP1], eth1, false);
	add6(LISP1, "Ethernet1", "2001:db8:1:1::1", 64);
	lab_run(&L, 2000);
	while (port_mem_pop(host, f, sizeof(f), NULL) >= 0)
		;
	/* Resolve the path first (the first echo is lost to the miss). */
	res = ping6(LISP1, "2001:db8:2::1", 3, 100);
	CU_ASSERT(res.received >= 1);
	too_big = lisp_stats(L.l[LISP1])->drops[LISP_DROP_TOO_BIG];
	encap = lisp_stats(L.l[LISP1])->encap_pkts;

	/* 1464 bytes fit: 1500 - 36 (outer IPv4, UDP, LISP). */
	n = (long)mk6(f, iface_mac(eth1), "2001:db8:1:1::10", "2001:db8:2::1", 59, 64, 1464 - 40);
	t_push(host, f, (size_t)n);
	router_poll(L.r[LISP1]);
	lab_pump(&L);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->encap_pkts, encap + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->drops[LISP_DROP_TOO_BIG], too_big);

	/* 1465 do not: Packet Too Big 1464 to the host, nothing sent on. */
	n = (long)mk6(f, iface_mac(eth1), "2001:db8:1:1::10", "2001:db8:2::1", 59, 64, 1465 - 40);
	s6 = router_stats6(L.r[LISP1]);
	lab_clear_capture(&L);
	t_push(host, f, (size_t)n);
	for (i = 0; i < 4; i++) {
		router_poll(L.r[LISP1]);
		lab_pump(&L);
		while ((n = port_mem_pop(host, f, sizeof(f), NULL)) >= 0) {
			if (n > 14 + 40 && f[12] == 0x86 && f[13] == 0xdd && f[14 + 6] == 58 &&
			    f[14 + 40] == 135) {
				ns++;
				answer_ns(host, f, "2001:db8:1:1::10");
			} else if (nsent < 8 && (sent[nsent] = malloc((size_t)n))) {
				memcpy(sent[nsent], f, (size_t)n);
				fs[nsent] = sent[nsent];
				flen[nsent++] = (size_t)n;
			}
		}
	}
	CU_ASSERT_EQUAL(ns, 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->encap_pkts, encap + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->drops[LISP_DROP_TOO_BIG], too_big + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->fragmented_pkts, 0);
	CU_ASSERT_EQUAL(s6->too_big[1], 1);
	for (i = 0; i < L.link[LINK1].n; i++) {	/* nothing went toward the RLOC */
		size_t ulen;

		CU_ASSERT_PTR_NULL(lab_udp(&L.link[LINK1].cap[i], LISP_DATA_PORT, &ulen));
	}
	CU_ASSERT_EQUAL_FATAL(nsent, 1);
	/* ICMPv6 type 2, the MTU, the start of the packet quoted. */
	CU_ASSERT_EQUAL(sent[0][14 + 40], 2);
	CU_ASSERT_EQUAL(get16(sent[0] + 14 + 40 + 6), 1464);
	CU_ASSERT_EQUAL(memcmp(sent[0] + 14 + 24, A6("2001:db8:1:1::10").u.b, 16), 0);
	CU_ASSERT_EQUAL(memcmp(sent[0] + 14 + 8, A6("2001:db8:1:1::1").u.b, 16), 0);
	memset(&seen, 0, sizeof(seen));
	tshark_fields(fs, flen, nsent, "-e icmpv6.type -e icmpv6.mtu -e icmpv6.checksum.status "
		      "-e ipv6.dst", ptb_fn, &seen);
	CU_ASSERT_EQUAL(seen.ptb, 1);
	CU_ASSERT_EQUAL(seen.mtu_ok, 1);
	for (i = 0; i < nsent; i++)
		free(sent[i]);

	/* A smaller RLOC path: the inner MTU follows it. */
	CU_ASSERT_EQUAL(iface_set_mtu(L.r[LISP1], L.eth[LISP1][0], 1400, NULL, 0), 0);
	res = ping6(LISP1, "2001:db8:2::1", 1, 1400);
	CU_ASSERT_STRING_EQUAL(res.marks, "M");
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->drops[LISP_DROP_TOO_BIG], too_big + 2);
	res = ping6(LISP1, "2001:db8:2::1", 1, 1364);
	CU_ASSERT_STRING_EQUAL(res.marks, "!");
	lab_teardown(&L);
}

/* ------------------------------------------------------------ SMR, probing */

static void test_smr_probe6(void)
{
	struct ping_result res;
	struct lisp_mc_info e;
	struct lisp_loc_cfg loc;
	struct prefix p2 = P4("2001:db8:2::/48");
	char err[160];
	uint64_t smr, probes;

	setup_v6();
	res = ping6(LISP1, "2001:db8:2::1", 3, 100);
	CU_ASSERT(res.received >= 1);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:db8:2::1", &e));
	CU_ASSERT_EQUAL(e.locs[0].weight, 100);
	/* lisp2 changes its mapping: lisp1, which used it, gets an SMR and
	 * asks again. */
	smr = lisp_stats(L.l[LISP1])->smr_invoked_out;
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 50;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p2, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);
	CU_ASSERT(lisp_stats(L.l[LISP2])->smr_out >= 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->smr_invoked_out, smr + 1);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:db8:2::1", &e));
	CU_ASSERT_EQUAL(e.locs[0].weight, 50);
	/* RLOC probing of the IPv6 EID's locator: answered, round trip kept. */
	probes = lisp_stats(L.l[LISP1])->probe_reply_in;
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], true, err, sizeof(err)), 0);
	res = ping6(LISP1, "2001:db8:2::1", 2, 100);
	lab_run(&L, 1000);
	CU_ASSERT(lisp_stats(L.l[LISP1])->probe_reply_in > probes);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:db8:2::1", &e));
	CU_ASSERT_EQUAL(e.locs[0].state, LISP_LOC_UP);
	CU_ASSERT(e.locs[0].last_probe_reply != 0);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ proxies */

static void route6(int r, const char *p, const char *gw)
{
	struct prefix pf = P4(p);
	struct addr g = A6(gw);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(fib6_static_add(L.r[r], &pf, &g, NULL, 1, err, sizeof(err)), 0);
}

/*
 * A non-LISP IPv6 site: outsideworld's Loopback0 2001:4860::8888 beyond
 * mapserver over IPv6.  lisp1 reaches it through mapserver as PETR
 * (use-petr: a negative Natively-Forward answer, no IPv6 route), and the
 * answer comes back through mapserver as PITR for 2001:db8::/32.
 */
static void test_proxies6(void)
{
	struct prefix space = P4("2001:db8::/32");
	struct addr pitr = A4("10.0.3.1"), petr = A4("10.0.3.1");
	struct ping_result res;
	struct lisp_mc_info e;
	char err[160];
	uint64_t before, pkts4;

	setup_v6();
	add6(MSR, "Ethernet2", "2001:db8:ff:3::1", 64);
	add6(OUTW, "Ethernet0", "2001:db8:ff:3::2", 64);
	add6(OUTW, "Loopback0", "2001:4860::8888", 128);
	ipv6_set_routing(L.r[MSR], true);
	ipv6_set_routing(L.r[OUTW], true);
	route6(MSR, "2001:4860::/32", "2001:db8:ff:3::2");
	route6(OUTW, "::/0", "2001:db8:ff:3::1");
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_PETR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_set_proxy_itr(L.l[MSR], &pitr, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[MSR], &pitr, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[MSR], &space, LISP_ACT_SEND_MAP_REQ, NULL,
						  err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_add(L.l[LISP1], &petr, 1, 100, err, sizeof(err)), 0);
	lab_run(&L, 3000);

	res = ping6(LISP1, "2001:4860::8888", 5, 100);
	/* lisp1's miss loses the first echo, the PITR's the first reply */
	CU_ASSERT_STRING_EQUAL(res.marks, "..!!!");
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:4860::8888", &e));
	CU_ASSERT_TRUE(e.negative);
	CU_ASSERT_EQUAL(e.action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_TRUE(e.via_petr);
	CU_ASSERT_EQUAL(e.prefix.addr.afi, AFI_IPV6);
	CU_ASSERT(lisp_stats(L.l[LISP1])->petr_encap_pkts >= 4);
	CU_ASSERT(lisp_stats(L.l[MSR])->petr_decap_pkts >= 4);
	CU_ASSERT(lisp_stats(L.l[MSR])->pitr_encap_pkts >= 3);
	/* The PITR's own cache: lisp1's IPv6 EID prefix. */
	CU_ASSERT_TRUE_FATAL(mc6(MSR, "2001:db8:1::1", &e));
	CU_ASSERT_FALSE(e.negative);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.1.2"));
	/* Outside its map-request space the PITR forwards natively. */
	CU_ASSERT_FALSE(mc6(MSR, "2001:4860::1", &e));
	/* A PITR per family once the shell said which ('no ipv6 lisp
	 * proxy-itr' with 'ip lisp proxy-itr' kept): IPv4 only, the IPv6
	 * replies find no way in; both again, they do. */
	before = lisp_stats(L.l[MSR])->pitr_encap_pkts;
	lisp_af_kind_set(L.l[MSR], LISP_XK_PITR, LISP_AF_IPV4);
	res = ping6(LISP1, "2001:4860::8888", 3, 100);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->pitr_encap_pkts, before);
	lisp_af_kind_set(L.l[MSR], LISP_XK_PITR, LISP_AF_IPV4 | LISP_AF_IPV6);
	res = ping6(LISP1, "2001:4860::8888", 3, 100);
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT(lisp_stats(L.l[MSR])->pitr_encap_pkts >= before + 3);

	/* The proxy ETR for IPv4 EIDs only ('no ipv6 lisp use-petr'): the
	 * IPv6 echoes are not sent to it (lisp1 has no IPv6 route for
	 * them) and the entry no longer says via PETR. */
	CU_ASSERT_EQUAL(lisp_use_petr_del_af(L.l[LISP1], &petr, LISP_AF_IPV6, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_count(L.l[LISP1]), 1);
	{
		struct lab_petr_list w = lab_petr_list(L.l[LISP1], 0);

		CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
		pkts4 = w.p[0].pkts;
	}
	before = lisp_stats(L.l[LISP1])->petr_encap_pkts;
	res = ping6(LISP1, "2001:4860::8888", 3, 100);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->petr_encap_pkts, before);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:4860::8888", &e));
	CU_ASSERT_FALSE(e.via_petr);
	/* IPv6 with a priority and weight of its own: a second entry, and
	 * the IPv6 traffic counts on it alone. */
	CU_ASSERT_EQUAL(lisp_use_petr_add_af(L.l[LISP1], &petr, 2, 50, LISP_AF_IPV6, err,
					     sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_count(L.l[LISP1]), 2);
	res = ping6(LISP1, "2001:4860::8888", 3, 100);
	CU_ASSERT_EQUAL(res.received, 3);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->petr_encap_pkts, before + 3);
	CU_ASSERT_TRUE_FATAL(mc6(LISP1, "2001:4860::8888", &e));
	CU_ASSERT_TRUE(e.via_petr);
	{
		struct lab_petr_list w = lab_petr_list(L.l[LISP1], 0);

		CU_ASSERT_EQUAL_FATAL(w.n, 2);
		CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
		CU_ASSERT_EQUAL(w.p[0].priority, 1);
		CU_ASSERT_EQUAL(w.p[0].pkts, pkts4);	/* IPv4 sent it nothing */
		CU_ASSERT_EQUAL(w.p[1].af, LISP_AF_IPV6);
		CU_ASSERT_EQUAL(w.p[1].priority, 2);
		CU_ASSERT_EQUAL(w.p[1].weight, 50);
		CU_ASSERT_EQUAL(w.p[1].pkts, 3);
	}
	/* The same values for both: one entry again. */
	CU_ASSERT_EQUAL(lisp_use_petr_add_af(L.l[LISP1], &petr, 1, 100, LISP_AF_IPV6, err,
					     sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_count(L.l[LISP1]), 1);
	/* An instance's own IPv4 entry (a PETR that would not answer)
	 * leaves its IPv6 traffic on the router's list. */
	{
		struct addr other = A4("10.0.9.9");	/* routed, nobody's */

		CU_ASSERT_EQUAL(lisp_inst_use_petr_add_af(L.l[LISP1], 0, &other, 1, 100, LISP_AF_IPV4,
							  err, sizeof(err)), 0);
		before = lisp_stats(L.l[LISP1])->petr_encap_pkts;
		res = ping6(LISP1, "2001:4860::8888", 3, 100);
		CU_ASSERT_EQUAL(res.received, 3);
		CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->petr_encap_pkts, before + 3);
		/* for IPv6 too: the instance's own list takes IPv6 as well */
		CU_ASSERT_EQUAL(lisp_inst_use_petr_add_af(L.l[LISP1], 0, &other, 1, 100, LISP_AF_IPV6,
							  err, sizeof(err)), 0);
		res = ping6(LISP1, "2001:4860::8888", 3, 100);
		CU_ASSERT_EQUAL(res.received, 0);
	}
	lab_teardown(&L);
}

/* ------------------------------------------------------------ per family */

/* Record address a's families in list k of router r, as the shell does. */
static void fam(int r, enum lisp_xe_kind k, const char *a, unsigned af)
{
	struct addr x = A4(a);
	struct prefix p;

	memset(&p, 0, sizeof(p));
	prefix_make(&p, &x, 32);
	CU_ASSERT_EQUAL(lisp_af_entry_set(L.l[r], k, &p, af), 0);
}

struct ecm_count {
	unsigned v4_to_3_1, v6_to_3_1, v4_to_1_1, v6_to_1_1, other;
};

/* lisp1's ECMs on LINK1 (IPv4/UDP to 4342, LISP type 8) by destination
 * and by the family of the inner header. */
static struct ecm_count ecms_from_lisp1(void)
{
	struct ecm_count c;
	uint32_t src = ip4("10.0.1.2"), dst, m31 = ip4("10.0.3.1"), m11 = ip4("10.0.1.1");
	size_t i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < L.link[LINK1].n; i++) {
		const uint8_t *d = L.link[LINK1].cap[i].d;
		size_t len = L.link[LINK1].cap[i].len;
		uint32_t s;
		bool v6;

		if (len < 14 + 20 + 8 + 4 + 1 || d[12] != 0x08 || d[13] != 0x00 ||
		    d[14] != 0x45 || d[23] != 17 || d[36] != 0x10 || d[37] != 0xf6 ||
		    (d[42] >> 4) != 8)
			continue;
		memcpy(&s, d + 26, 4);
		memcpy(&dst, d + 30, 4);
		if (s != src)
			continue;
		v6 = (d[46] >> 4) == 6;
		if (dst == m31)
			v6 ? c.v6_to_3_1++ : c.v4_to_3_1++;
		else if (dst == m11)
			v6 ? c.v6_to_1_1++ : c.v4_to_1_1++;
		else
			c.other++;
	}
	return c;
}

static void lig_ignore(void *arg, const struct lisp_lig_result *res)
{
	(void)arg;
	(void)res;
}

/*
 * The mapping system per EID family, as the shell records it ('ip lisp
 * itr map-resolver' / 'ipv6 lisp itr map-resolver', the same for etr
 * map-server): lisp1 with 10.0.3.1 for IPv4 EIDs only and 10.0.1.1 (the
 * same Map-Resolver's other address) for IPv6 EIDs only sends each EID's
 * Map-Request to its own; a family without a resolver gets none; a
 * map-server for IPv4 only is sent the IPv4 prefix alone.
 */
static void test_family_mapping_system(void)
{
	struct addr mr2 = A4("10.0.1.1"), eid6 = A6("2001:db8:2::1");
	struct ping_result res;
	struct ecm_count c;
	struct lisp_ms_cfg ms;
	struct lisp_mc_info e;
	char err[160] = "";
	uint64_t recs, regs, nores;

	setup_v6();
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &mr2, err, sizeof(err)), 0);
	fam(LISP1, LISP_XK_RESOLVERS, "10.0.3.1", LISP_AF_IPV4);
	fam(LISP1, LISP_XK_RESOLVERS, "10.0.1.1", LISP_AF_IPV6);
	lab_clear_capture(&L);
	/* (the first echoes of each family go while lisp1, then lisp2, ask) */
	res = ping6(LISP1, "2001:db8:2::1", 5, 100);
	CU_ASSERT(res.received >= 3);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT(res.received >= 3);
	CU_ASSERT_TRUE(mc6(LISP1, "2001:db8:2::1", &e));
	c = ecms_from_lisp1();
	CU_ASSERT(c.v6_to_1_1 >= 1);
	CU_ASSERT(c.v4_to_3_1 >= 1);
	CU_ASSERT_EQUAL(c.v6_to_3_1, 0);
	CU_ASSERT_EQUAL(c.v4_to_1_1, 0);
	CU_ASSERT_EQUAL(c.other, 0);
	/* Swapped: each family follows its resolver. */
	fam(LISP1, LISP_XK_RESOLVERS, "10.0.3.1", LISP_AF_IPV6);
	fam(LISP1, LISP_XK_RESOLVERS, "10.0.1.1", LISP_AF_IPV4);
	lisp_map_cache_clear(L.l[LISP1]);
	lab_clear_capture(&L);
	res = ping6(LISP1, "2001:db8:2::1", 3, 100);
	CU_ASSERT(res.received >= 2);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT(res.received >= 2);
	c = ecms_from_lisp1();
	CU_ASSERT(c.v6_to_3_1 >= 1);
	CU_ASSERT(c.v4_to_1_1 >= 1);
	CU_ASSERT_EQUAL(c.v4_to_3_1, 0);
	CU_ASSERT_EQUAL(c.v6_to_1_1, 0);
	/* No resolver for IPv6 EIDs: lig says so, a miss is counted and
	 * nothing is sent; IPv4 goes on. */
	fam(LISP1, LISP_XK_RESOLVERS, "10.0.3.1", LISP_AF_IPV4);
	CU_ASSERT_EQUAL(lisp_lig(L.l[LISP1], &eid6, NULL, lig_ignore, NULL, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% No map-resolver configured for IPv6 EIDs");
	lisp_map_cache_clear(L.l[LISP1]);
	lab_clear_capture(&L);
	nores = lisp_stats(L.l[LISP1])->drops[LISP_DROP_NO_RESOLVER];
	res = ping6(LISP1, "2001:db8:2::1", 2, 100);
	CU_ASSERT_EQUAL(res.received, 0);
	CU_ASSERT(lisp_stats(L.l[LISP1])->drops[LISP_DROP_NO_RESOLVER] > nores);
	c = ecms_from_lisp1();
	CU_ASSERT_EQUAL(c.v6_to_3_1 + c.v6_to_1_1, 0);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT(res.received >= 2);

	/* The map-server for IPv4 EIDs only: the register (sent at once on
	 * the entry's change) carries 192.168.1.0/24 alone; for IPv6 alone,
	 * the IPv6 prefix; both families with the same settings share the
	 * entry and one register carries both. */
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.3.1");
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_A);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	ms.af = LISP_AF_IPV4;
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &ms.addr, 0, err, sizeof(err)), 0);
	regs = lisp_stats(L.l[LISP1])->reg_out;
	recs = lisp_stats(L.l[LISP1])->reg_out_records;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 500);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out, regs + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out_records, recs + 1);
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &ms.addr, LISP_AF_IPV4, err, sizeof(err)), 0);
	ms.af = LISP_AF_IPV6;
	regs = lisp_stats(L.l[LISP1])->reg_out;
	recs = lisp_stats(L.l[LISP1])->reg_out_records;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 500);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out, regs + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out_records, recs + 1);
	ms.af = LISP_AF_IPV4;
	regs = lisp_stats(L.l[LISP1])->reg_out;
	recs = lisp_stats(L.l[LISP1])->reg_out_records;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 500);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out, regs + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out_records, recs + 2);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ a key per family */

/* When the MS last took a registration of the EID prefix covering a. */
static uint64_t site_last_registered(const char *a)
{
	struct lisp_site_eid_info e;
	struct addr x = strchr(a, ':') ? A6(a) : A4(a);

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	return e.registered ? e.last_registered : 0;
}

/* The Map-Registers lisp1 sent (tshark): how many, and whether each
 * family's record came with that family's Key ID (key-id << 8 | alg). */
struct reg_keys {
	unsigned regs, v4_ok, v6_ok, bad;
};

static void reg_keys_fn(char **c, int nc, void *arg)
{
	struct reg_keys *k = arg;

	if (nc < 5 || strcmp(c[2], "3"))	/* Map-Registers only */
		return;
	k->regs++;
	if (!strcmp(c[4], "1") && !strcmp(c[3], "0x0001"))
		k->v4_ok++;
	else if (!strcmp(c[4], "2") && !strcmp(c[3], "0x0101"))
		k->v6_ok++;
	else
		k->bad++;
}

/*
 * IOS-XE keeps 'etr map-server A key K' per service: IPv4 and IPv6 EIDs
 * may register with one Map-Server under different keys (here the
 * site's Key IDs 0 and 1).  Each family's records go with its own key
 * and Key ID, both are accepted, and each entry's Map-Notify verifies;
 * one key for both is one entry and one register again.
 */
static void test_ms_key_per_family(void)
{
	const char *key6 = "siteA-key-for-v6";
	struct addr msa = A4("10.0.3.1");
	const uint8_t *f[LAB_CAP];
	size_t flen[LAB_CAP];
	struct lisp_ms_cfg ms;
	struct reg_keys k;
	struct lab_ms_list w;
	char err[160] = "";
	uint64_t before4, before6, regs, recs, fails;
	unsigned n;

	setup_v6();
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 1, key6, NULL, err, sizeof(err)), 0);
	fails = lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH];
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL_FATAL(w.n, 1);
	CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4 | LISP_AF_IPV6);	/* API, no family: both */
	/* IPv4 with Key ID 0, IPv6 with Key ID 1: two entries. */
	memset(&ms, 0, sizeof(ms));
	ms.addr = msa;
	ms.alg = LISP_AUTH_HMAC_SHA1;
	snprintf(ms.key, sizeof(ms.key), "%s", key6);
	ms.key_id = 1;
	ms.af = LISP_AF_IPV6;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL_FATAL(w.n, 2);
	CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4);
	CU_ASSERT_STRING_EQUAL(w.m[0].cfg.key, KEY_A);
	CU_ASSERT_EQUAL(w.m[1].cfg.af, LISP_AF_IPV6);
	CU_ASSERT_STRING_EQUAL(w.m[1].cfg.key, key6);
	before4 = site_last_registered("192.168.1.1");
	before6 = site_last_registered("2001:db8:1::1");
	lab_clear_capture(&L);
	lab_run(&L, 61000);		/* a full registration period */
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL(w.m[0].notify_state, LISP_MSN_VERIFIED);
	CU_ASSERT_EQUAL(w.m[1].notify_state, LISP_MSN_VERIFIED);
	CU_ASSERT_TRUE(w.m[0].up && w.m[1].up);
	CU_ASSERT_EQUAL(w.m[0].notify_auth_failures + w.m[1].notify_auth_failures, 0);
	CU_ASSERT(site_last_registered("192.168.1.1") > before4);	/* registered again */
	CU_ASSERT(site_last_registered("2001:db8:1::1") > before6);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH], fails);
	/* On the wire (tshark): one family per register, each its Key ID. */
	memset(&k, 0, sizeof(k));
	n = link_frames(LINK1, f, flen, LAB_CAP);
	tshark_fields(f, flen, n, "-e lisp.type -e lisp.keyid -e lisp.mapping.eid.afi",
		      reg_keys_fn, &k);
	CU_ASSERT(k.v4_ok >= 2);
	CU_ASSERT(k.v6_ok >= 2);
	CU_ASSERT_EQUAL(k.bad, 0);

	/* The same key for IPv6 as for IPv4: one entry, one register with
	 * both records. */
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_A);
	ms.key_id = 0;
	regs = lisp_stats(L.l[LISP1])->reg_out;
	recs = lisp_stats(L.l[LISP1])->reg_out_records;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 500);
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL_FATAL(w.n, 1);
	CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4 | LISP_AF_IPV6);
	CU_ASSERT_TRUE(w.m[0].up);	/* the IPv4 entry's session went on */
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out, regs + 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->reg_out_records, recs + 2);
	/* proxy-reply for IPv6 alone splits it again; IPv4's goes on. */
	CU_ASSERT_EQUAL(lisp_map_server_set_proxy_reply(L.l[LISP1], &msa, LISP_AF_IPV6, true, err,
							sizeof(err)), 0);
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL_FATAL(w.n, 2);
	CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4);
	CU_ASSERT_FALSE(w.m[0].cfg.proxy_reply);
	CU_ASSERT_EQUAL(w.m[1].cfg.af, LISP_AF_IPV6);
	CU_ASSERT_TRUE(w.m[1].cfg.proxy_reply);
	CU_ASSERT_STRING_EQUAL(w.m[1].cfg.key, KEY_A);
	/* and off again: one entry */
	CU_ASSERT_EQUAL(lisp_map_server_set_proxy_reply(L.l[LISP1], &msa, LISP_AF_IPV6, false, err,
							sizeof(err)), 0);
	CU_ASSERT_EQUAL(lab_ms_list(L.l[LISP1]).n, 1);
	/* The families leave one at a time; the entry goes with the last. */
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &msa, LISP_AF_IPV4, err, sizeof(err)), 0);
	w = lab_ms_list(L.l[LISP1]);
	CU_ASSERT_EQUAL_FATAL(w.n, 1);
	CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV6);
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &msa, LISP_AF_IPV4, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% No such map-server");
	CU_ASSERT_EQUAL(lisp_map_server_set_proxy_reply(L.l[LISP1], &msa, LISP_AF_IPV4, true, err,
							sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &msa, LISP_AF_IPV6, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lab_ms_list(L.l[LISP1]).n, 0);
	/* Eight entries at most, counted per family. */
	for (n = 0; n < LISP_MAX_MAP_SERVERS / 2; n++) {
		char a[32];

		snprintf(a, sizeof(a), "10.0.3.%u", 10 + n);
		ms.addr = A4(a);
		ms.af = LISP_AF_IPV4;
		CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
		ms.key_id = 1;
		ms.af = LISP_AF_IPV6;
		CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
		ms.key_id = 0;
	}
	CU_ASSERT_EQUAL(lab_ms_list(L.l[LISP1]).n, LISP_MAX_MAP_SERVERS);
	ms.addr = msa;
	ms.af = 0;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "At most") != NULL);
	/* Replacing both families of a split server frees a slot. */
	ms.addr = A4("10.0.3.10");
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lab_ms_list(L.l[LISP1]).n, LISP_MAX_MAP_SERVERS - 1);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ cef */

static int cef_row_fn(const struct lisp_cef_info *c, void *arg)
{
	if (c->prefix.addr.afi != AFI_IPV4)
		++*(unsigned *)arg;
	return 0;
}

struct cef6_walk {
	unsigned v4;
	bool sorted, saw_p2, saw_own, have_last;
	struct prefix last;
	enum fib_lisp_action zero_action;
};

static int cef6_row_fn(const struct lisp_cef_info *c, void *arg)
{
	struct cef6_walk *w = arg;
	struct prefix p2 = P4("2001:db8:2::/48"), own = P4("2001:db8:1::1/128");

	if (c->prefix.addr.afi != AFI_IPV6)
		w->v4++;
	if (!w->have_last)
		w->sorted = true;
	else if (prefix_cmp(&w->last, &c->prefix) >= 0)
		w->sorted = false;
	w->last = c->prefix;
	w->have_last = true;
	if (c->prefix.len == 0)
		w->zero_action = c->action;
	if (prefix_eq(&c->prefix, &p2)) {
		w->saw_p2 = c->mc_found && c->action == FIB_LISP_ENCAP && c->eligible &&
			    c->nexthop.u.v4 == ip4("10.0.2.2");
	}
	if (prefix_eq(&c->prefix, &own))
		w->saw_own = c->route_found && c->route.type == FIB_LOCAL && !c->eligible;
	return 0;
}

static void test_cef6(void)
{
	struct cef6_walk cw;
	struct lisp_cef_info c;
	struct addr a = A6("2001:db8:2::1"), b = A6("2001:db8:9::1"), own = A6("2001:db8:1::1");
	struct prefix p2 = P4("2001:db8:2::/48");
	struct ping_result res;
	unsigned v6rows = 0;

	setup_v6();
	/* A miss: the ::/0 entry signals. */
	CU_ASSERT_EQUAL_FATAL(lisp_cef_lookup(L.l[LISP1], &b, &c), 0);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_SIGNAL);
	CU_ASSERT_FALSE(c.route_found);
	res = ping6(LISP1, "2001:db8:2::1", 3, 100);
	CU_ASSERT_STRING_EQUAL(res.marks, "..!");
	CU_ASSERT_EQUAL_FATAL(lisp_cef_lookup(L.l[LISP1], &a, &c), 0);
	CU_ASSERT_TRUE(c.eligible);
	CU_ASSERT_EQUAL(c.action, FIB_LISP_ENCAP);
	CU_ASSERT_TRUE(c.mc_found);
	CU_ASSERT(prefix_eq(&c.prefix, &p2));
	CU_ASSERT_EQUAL(c.nexthop.afi, AFI_IPV4);
	CU_ASSERT_EQUAL(c.nexthop.u.v4, ip4("10.0.2.2"));
	/* Our own EID: not LISP's; its route is the local one. */
	CU_ASSERT_EQUAL_FATAL(lisp_cef_lookup(L.l[LISP1], &own, &c), 0);
	CU_ASSERT_FALSE(c.eligible);
	CU_ASSERT_TRUE(c.route_found);
	/* The IPv4 table shows no IPv6 row. */
	CU_ASSERT_EQUAL(lisp_cef_foreach(L.l[LISP1], cef_row_fn, &v6rows), 0);
	CU_ASSERT_EQUAL(v6rows, 0);
	/* The IPv6 table ('show ipv6 cef'): IPv6 rows only, in prefix order,
	 * the ::/0 entry signalling, the resolved prefix encapsulating to
	 * lisp2's RLOC, our own EID's local route not eligible. */
	memset(&cw, 0, sizeof(cw));
	CU_ASSERT_EQUAL(lisp_cef_foreach_afi(L.l[LISP1], AFI_IPV6, cef6_row_fn, &cw), 0);
	CU_ASSERT_EQUAL(cw.v4, 0);
	CU_ASSERT_TRUE(cw.sorted);
	CU_ASSERT_EQUAL(cw.zero_action, FIB_LISP_SIGNAL);
	CU_ASSERT_TRUE(cw.saw_p2);
	CU_ASSERT_TRUE(cw.saw_own);
	CU_ASSERT_EQUAL(lisp_cef_foreach_afi(L.l[LISP1], AFI_IPV4, cef_row_fn, &v6rows), 0);
	CU_ASSERT_EQUAL(v6rows, 0);
	lab_teardown(&L);
}

static CU_TestInfo tests[] = {
	{ "API takes IPv6 EID prefixes, ::/0 entry", test_api },
	{ "ping ipv6 EID to EID over IPv4 RLOCs", test_ping6_e2e },
	{ "negative prefixes for IPv6 EIDs", test_negative6 },
	{ "Packet Too Big, never fragmented", test_ptb },
	{ "SMR and RLOC probing for an IPv6 EID", test_smr_probe6 },
	{ "use-petr and PITR for IPv6", test_proxies6 },
	{ "cef lookup and table for IPv6, the IPv4 table without IPv6", test_cef6 },
	{ "map-resolvers and map-servers per EID family", test_family_mapping_system },
	{ "a map-server key per EID family", test_ms_key_per_family },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_v6eid", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

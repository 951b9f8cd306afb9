/*
 * DOC: offline benchmarks of the LISP engine, in process on memory ports
 *
 *   1. encapsulation: an ITR with a static map-cache entry receives N UDP
 *      frames (60 bytes, 256 destinations) from an EID host and sends them
 *      LISP-encapsulated; the same frames with the ITR role off give the
 *      native forwarding baseline, so the difference is LISP's cost;
 *   2. registration: a Map-Server with one site of 100,000 configured /24
 *      EID prefixes processes Map-Registers of 32 records each, signed with
 *      HMAC-SHA-256 (every message verified);
 *   3. resolution: the same Map-Server/Map-Resolver answers ECM
 *      Map-Requests for random registered EIDs (proxy-reply: it answers
 *      itself) and for EIDs outside the registry (negative replies);
 *   4. use-petr: the ITR of 1. without a default route, a native-forward
 *      entry for 0.0.0.0/1 and two PETRs (one without a route), so every
 *      frame is encapsulated to the usable PETR;
 *   5. the other address families (issue 12), beside 1.: IPv4 in IPv6
 *      (the same frames, locators fd00:10:0:N::2, outer IPv6/UDP with its
 *      checksum), IPv6 in IPv4 and IPv6 in IPv6 (66-byte UDP frames from
 *      2001:db8:1::70 to 256 destinations in 2001:db8:2::/48), each with
 *      its native forwarding baseline and its rate as a share of IPv4 in
 *      IPv4 (target for IPv6 in IPv4 and IPv6 in IPv6: at least 2/3); a
 *      combination the engine does not take yet is said so, not timed;
 *   6. instances (issue 11): 100 LAN interfaces (192.168.K.1/24, a host
 *      192.168.K.70 on each) feed an ITR whose map-cache holds 10,000
 *      /24 entries per instance; once with every interface in one VRF
 *      bound to one instance, once with interface K in VRF TK bound to
 *      instance 1000+K (100 instances, 1,000,000 entries): the frames
 *      and the work are the same, only the VRF -> instance step and the
 *      per-instance tables differ (target: within 10 % of one instance);
 *      a third run sends all the traffic from one LAN of the 100-instance
 *      router: the per-packet instance step alone, without the cache
 *      footprint of 100 live tables; a fourth run puts the 100 instances'
 *      1,000,000 entries into ONE instance and sends the same frames to
 *      the same 100 x 256 (LAN, prefix) pairs, now all in that one table:
 *      the same number of live entries without the instances, to tell
 *      the cost of instances from the cost of a larger live table.
 *      Timed in thread CPU time, as the runs are compared with each
 *      other; the four are set up first and their rounds then taken in
 *      turn (best of 3, or of $BENCH_ROUNDS), so that a load that comes
 *      and goes on the shared machine falls on all of them alike ('inst2'
 *      runs the first two alone, for perf).  All four have the same 101
 *      ports; the first two send the same frames.  What perf showed (issue 11): the
 *      instance step costs nothing measurable (traffic in one of 100
 *      instances runs as fast as one instance); traffic spread over the
 *      100 touches 100 map-cache tries, databases and VRF FIBs, and their
 *      lines, beyond the L1 cache, were the loss.  A VRF's FIB and an
 *      instance's database are small tables (a few prefixes), which lpm.c
 *      now keeps as a list read in the first line of struct lpm instead
 *      of a trie's root and nodes, with one empty sentinel node for all
 *      tables; struct lisp_inst has its per-packet fields in one line and
 *      the VRFs' FIBs are one array (r->vrf_fib): that brought 100
 *      instances from 73 % to 90 % of one (interleaved, best of 40 rounds
 *      of 200,000, load average 6.5-9; less on a busier machine, where
 *      the larger working set suffers more from the other processes).
 *      What was left per instance, its map-cache trie (struct map_cache,
 *      struct lpm, the root, first-byte and /16 nodes), went with the
 *      map cache's shared index (map_cache.c: one hash by (instance,
 *      /16) for all instances); callgrind's cache model (48 KB L1) then
 *      counts 26.1 L1 read misses a packet for 100 instances against
 *      22.2 for one (before: 31.3 against 20.4; memory-port copies and
 *      their malloc included), 82-96 % of one instance at load 2.5-3
 *      (before 70-74 %).  On a busy machine the one-instance
 *      configuration is often the slower of the two: its VRF holds the
 *      100 LANs' 200 connected and local routes, a trie the router and
 *      the ITR look up per packet, where each of the 100 VRFs is a small
 *      list.  'inst1' and 'inst100' run the first or the second
 *      configuration alone.
 * Each figure is frames pushed into a memory port, router_poll() and the
 * sent frames dropped, timed with CLOCK_MONOTONIC around the whole loop
 * (memory-port copies included); the best of 3 rounds is printed.  Run
 * it pinned to one core: taskset -c 1 bench/bench_lisp [N [encap|inst|ms|petr]]
 * (inst2, inst1, inst100: parts of 6. alone, see above)
 *   7. forged RLOC-probe replies ('probe'; bench_probe() says how).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "fib.h"
#include "iface.h"
#include "ipv4.h"
#include "ipv6.h"
#include "lisp.h"
#include "port.h"
#include "router.h"
#include "vrf.h"

#define BENCH_NAME "bench_lisp"
#include "bench_util.h"

#define BATCH		256
#define N_PREFIXES	100000
#define KEY		"bench-key"

static const uint8_t MAC_R0[6] = { 0x02, 0, 0, 0, 0, 1 };
static const uint8_t MAC_R1[6] = { 0x02, 0, 0, 0, 0, 2 };
static const uint8_t MAC_H[6] = { 0x02, 0xaa, 0, 0, 0, 1 };
static const uint8_t MAC_N[6] = { 0x02, 0xbb, 0, 0, 0, 1 };

static void set_addr(struct router *r, struct iface *ifp, const char *a, unsigned len)
{
	struct addr x = A(a);
	char err[128];

	if (iface_set_addr(r, ifp, &x, len, err, sizeof(err)) == -1)
		die("address", err);
	iface_set_shutdown(r, ifp, false);
}

#define N_INST		100
#define N_INST_MC	10000

static unsigned rounds = 3;		/* best of */

/* Push n frames (frame i into ports[i % np]) through r; CPU seconds of
 * this thread, so that a busy machine does not blur the comparison. */
static double run_ports(struct router *r, struct port **in, size_t np, struct port *out,
			uint8_t (*frames)[128], const size_t *lens, size_t nf, size_t n)
{
	size_t i, j;
	double t0 = cpu_now();

	for (i = 0; i < n; i += BATCH) {
		for (j = 0; j < BATCH && i + j < n; j++)
			port_mem_push(in[(i + j) % nf % np], frames[(i + j) % nf],
				      lens[(i + j) % nf], 0);
		router_poll(r);
		port_mem_flush(out);
	}
	return cpu_now() - t0;
}

/* One configuration of 6., set up once and timed in rounds. */
struct inst_bench {
	struct router *r;
	struct lisp *l;
	struct port *up, *lan[N_INST];
	uint8_t (*frames)[128];
	size_t lens[BATCH];
	unsigned ninst;
	bool spread, merged;
	double setup, best;		/* seconds */
	unsigned rounds;
};

/*
 * 6. 100 LAN interfaces, 10,000 map-cache /24s per instance; ninst 1:
 * every LAN in VRF T0 (instance 1000), else LAN K in VRF TK (instance
 * 1000+K).  Frame i comes from LAN i % 100 to one of the 10,000
 * prefixes.
 */
static void inst_setup(struct inst_bench *ib, unsigned ninst, bool spread, bool merged)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *up = port_mem_open("Ethernet0", MAC_R0);
	struct iface *e0, *ifp;
	struct lisp *l;
	struct lisp_inst *in;
	struct lisp_loc_cfg loc;
	struct prefix db, rem, def;
	struct addr gw = A("10.0.1.1");
	uint8_t (*frames)[128] = calloc(BATCH, 128), mac[6];
	size_t i;
	char err[160], name[32], a[32];
	int vrf[N_INST];
	unsigned k, j;
	double t0 = now();

	memset(ib, 0, sizeof(*ib));
	l = lisp_new(r);
	e0 = iface_attach(r, "Ethernet0", up, err, sizeof(err));
	if (!e0 || !frames || !l)
		die("setup", err);
	set_addr(r, e0, "10.0.1.2", 24);
	prefix_parse("0.0.0.0/0", &def, err, sizeof(err));
	if (fib_static_add(r, &def, &gw, NULL, 1, err, sizeof(err)) == -1)
		die("route", err);
	port_mem_flush(up);
	teach_arp(r, up, MAC_N, "10.0.1.1", "10.0.1.2");
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	for (k = 0; k < ninst; k++) {
		snprintf(name, sizeof(name), "T%u", k);
		if ((vrf[k] = vrf_create(r, name, false, err, sizeof(err))) < 0)
			die("vrf", err);
		if (!(in = lisp_inst_get(l, 1000 + k, err, sizeof(err))) ||
		    lisp_inst_set_eid_table(in, true, name, err, sizeof(err)) == -1)
			die("instance", err);
		prefix_parse("192.168.0.0/16", &db, err, sizeof(err));
		db.addr.iid = 1000 + k;
		loc.addr = A("10.0.1.2");
		if (lisp_db_add(l, &db, &loc, err, sizeof(err)) == -1)
			die("database", err);
		/* Descending: each insert goes to the head of the sorted list. */
		loc.addr = A("10.0.2.2");
		for (j = merged ? N_INST * N_INST_MC : N_INST_MC; j-- > 0;) {
			memset(&rem, 0, sizeof(rem));
			addr_set_v4(&rem.addr, htonl(0xac100000u + (j << 8)));
			rem.addr.iid = 1000 + k;
			rem.len = 24;
			if (lisp_map_cache_static_add(l, &rem, 0, &loc, err, sizeof(err)) == -1)
				die("map-cache", err);
		}
	}
	for (k = 0; k < N_INST; k++) {
		mac[0] = 0x02; mac[1] = 0; mac[2] = 0; mac[3] = 1; mac[4] = 0; mac[5] = (uint8_t)k;
		snprintf(name, sizeof(name), "Ethernet%u", k + 1);
		ib->lan[k] = port_mem_open(name, mac);
		if (!(ifp = iface_attach(r, name, ib->lan[k], err, sizeof(err))) ||
		    iface_set_vrf(r, ifp, (unsigned)vrf[ninst > 1 ? k : 0], err, sizeof(err)) == -1)
			die("interface", err);
		snprintf(a, sizeof(a), "192.168.%u.1", k);
		set_addr(r, ifp, a, 24);
		port_mem_flush(ib->lan[k]);
		snprintf(a, sizeof(a), "192.168.%u.70", k);
		snprintf(name, sizeof(name), "192.168.%u.1", k);
		teach_arp(r, ib->lan[k], MAC_H, a, name);
	}
	if (lisp_set_role(l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1)
		die("role", err);
	for (i = 0; i < BATCH; i++) {
		k = spread ? (unsigned)(i % N_INST) : 0;
		mac[0] = 0x02; mac[1] = 0; mac[2] = 0; mac[3] = 1; mac[4] = 0; mac[5] = (uint8_t)k;
		memset(frames[i] + 42, 0, 18);
		/* merged: LAN k's prefixes are the k-th block of 10,000 */
		ib->lens[i] = udp_frame(frames[i], mac, MAC_H, htonl(0xc0a80046u | k << 8),
					htonl(0xac100001u + (uint32_t)(((merged ? k * N_INST_MC : 0) +
									i * 37 % N_INST_MC) << 8)),
					(uint16_t)(1024 + i), 9, 18);
	}
	ib->r = r;
	ib->l = l;
	ib->up = up;
	ib->frames = frames;
	ib->ninst = ninst;
	ib->spread = spread;
	ib->merged = merged;
	ib->best = 1e9;
	ib->setup = now() - t0;
}

/* One timed round of n frames. */
static void inst_round(struct inst_bench *ib, size_t n)
{
	double t = run_ports(ib->r, ib->lan, ib->spread ? N_INST : 1, ib->up, ib->frames,
			     ib->lens, BATCH, n);

	if (t < ib->best)
		ib->best = t;
	ib->rounds++;
}

/* Print the configuration's line, free it; packets per second. */
static double inst_finish(struct inst_bench *ib, size_t n)
{
	double b = ib->best;

	if (lisp_stats(ib->l)->encap_pkts != ib->rounds * n)
		die("instances", "not every frame was encapsulated");
	printf("  LISP encapsulation, %3u instance%s x %d map-cache entries%s: %8.3f s  %6.2f Mpps"
	       "  (set up in %.1f s)\n", ib->ninst, ib->ninst == 1 ? " " : "s",
	       ib->merged ? N_INST * N_INST_MC : N_INST_MC,
	       ib->spread ? "" : ", traffic in one", b, (double)n / b / 1e6, ib->setup);
	lisp_free(ib->l);
	router_free(ib->r);
	free(ib->frames);
	return (double)n / b;
}

/* Push n frames (cycling over nf prepared ones) through r; seconds. */
static double run(struct router *r, struct port *in, struct port *out,
		  uint8_t (*frames)[128], const size_t *lens, size_t nf, size_t n)
{
	size_t i, j;
	double t0 = now();

	for (i = 0; i < n; i += BATCH) {
		for (j = 0; j < BATCH && i + j < n; j++)
			port_mem_push(in, frames[(i + j) % nf], lens[(i + j) % nf], 0);
		router_poll(r);
		port_mem_flush(out);
	}
	return now() - t0;
}

static double best3(struct router *r, struct port *in, struct port *out,
		    uint8_t (*frames)[128], const size_t *lens, size_t nf, size_t n)
{
	double b = 1e9, t;
	int k;

	for (k = 0; k < 3; k++)
		if ((t = run(r, in, out, frames, lens, nf, n)) < b)
			b = t;
	return b;
}

static double bench_encap(size_t n)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *p0 = port_mem_open("Ethernet0", MAC_R0), *p1 = port_mem_open("Ethernet1", MAC_R1);
	struct iface *e0, *e1;
	struct lisp *l;
	struct lisp_loc_cfg loc;
	struct prefix db, rem, def;
	struct addr gw = A("10.0.1.1");
	uint8_t (*frames)[128] = calloc(BATCH, 128);
	size_t lens[BATCH], i;
	char err[160];
	double tn, tl;

	e0 = iface_attach(r, "Ethernet0", p0, err, sizeof(err));
	e1 = iface_attach(r, "Ethernet1", p1, err, sizeof(err));
	if (!e0 || !e1 || !frames)
		die("setup", err);
	set_addr(r, e0, "192.168.1.65", 26);
	set_addr(r, e1, "10.0.1.2", 24);
	prefix_parse("0.0.0.0/0", &def, err, sizeof(err));
	if (fib_static_add(r, &def, &gw, NULL, 1, err, sizeof(err)) == -1)
		die("route", err);
	port_mem_flush(p0);
	port_mem_flush(p1);
	teach_arp(r, p1, MAC_N, "10.0.1.1", "10.0.1.2");
	teach_arp(r, p0, MAC_H, "192.168.1.70", "192.168.1.65");
	l = lisp_new(r);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	prefix_parse("192.168.1.0/24", &db, err, sizeof(err));
	prefix_parse("192.168.2.0/24", &rem, err, sizeof(err));
	if (lisp_db_add(l, &db, &loc, err, sizeof(err)) == -1)
		die("database", err);
	loc.addr = A("10.0.2.2");
	if (lisp_map_cache_static_add(l, &rem, 0, &loc, err, sizeof(err)) == -1)
		die("map-cache", err);
	for (i = 0; i < BATCH; i++) {
		memset(frames[i] + 42, 0, 18);
		lens[i] = udp_frame(frames[i], MAC_R0, MAC_H, inet_addr("192.168.1.70"),
				    htonl(0xc0a80200u | (uint32_t)i), (uint16_t)(1024 + i), 9,
				    18);
	}
	tn = best3(r, p0, p1, frames, lens, BATCH, n);
	if (router_stats(r)->ip_forwarded != 3 * n)
		die("baseline", "not every frame was forwarded");
	if (lisp_set_role(l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1)
		die("role", err);
	tl = best3(r, p0, p1, frames, lens, BATCH, n);
	printf("  native forwarding (ITR off) : %8.3f s  %6.2f Mpps\n", tn, (double)n / tn / 1e6);
	printf("  LISP encapsulation          : %8.3f s  %6.2f Mpps  (target 3.0 Mpps: %s)\n",
	       tl, (double)n / tl / 1e6, (double)n / tl >= 3e6 ? "met" : "NOT met");
	printf("  LISP cost beyond forwarding : %6.1f ns/packet; encapsulated %llu of %zu\n",
	       (tl - tn) / (double)n * 1e9,
	       (unsigned long long)lisp_stats(l)->encap_pkts / 3, n);
	if (lisp_stats(l)->encap_pkts != 3 * n)
		die("encapsulation", "not every frame was encapsulated");
	lisp_free(l);
	router_free(r);
	free(frames);
	return (double)n / tl;
}

static struct addr A6(const char *s)
{
	struct addr a;

	if (addr_parse(s, &a, NULL, 0) == -1)
		die("address", s);
	return a;
}

/* IPv6/UDP frame with the payload already at f + 62. */
static size_t udp6_frame(uint8_t *f, const uint8_t *dmac, const uint8_t *smac,
			 const struct addr *src, const struct addr *dst, uint16_t sport,
			 uint16_t dport, size_t plen)
{
	uint8_t *ip = f + eth(f, dmac, smac, 0x86dd), *udp = ip + 40;
	uint16_t sum;

	ipv6_build_hdr(ip, (uint16_t)(8 + plen), 17, 64, src->u.b, dst->u.b);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((8 + plen) >> 8);
	udp[5] = (uint8_t)(8 + plen);
	udp[6] = udp[7] = 0;
	sum = ipv6_l4_cksum(ip, 17, udp, 8 + plen);
	memcpy(udp + 6, sum ? &sum : &(uint16_t){ 0xffff }, 2);
	return 62 + plen;
}

/* The neighbour (mac, who) teaches the router its MAC: a Neighbor
 * Solicitation for target with the source link-layer address. */
static void teach_nd(struct router *r, struct port *p, const uint8_t *mac, const char *who,
		     const char *target)
{
	struct addr s = A6(who), t = A6(target);
	uint8_t f[128], *ip, *icmp, sn[16];
	uint16_t sum;

	ip6_solicited_node(t.u.b, sn);
	memset(f, 0, sizeof(f));
	ip6_mcast_mac(sn, f);
	memcpy(f + 6, mac, 6);
	f[12] = 0x86;
	f[13] = 0xdd;
	ip = f + 14;
	icmp = ip + 40;
	ipv6_build_hdr(ip, 32, 58, 255, s.u.b, sn);
	icmp[0] = 135;
	memcpy(icmp + 8, t.u.b, 16);
	icmp[24] = 1;
	icmp[25] = 1;
	memcpy(icmp + 26, mac, 6);
	sum = ipv6_l4_cksum(ip, 58, icmp, 32);
	memcpy(icmp + 2, &sum, 2);
	port_mem_push(p, f, 14 + 40 + 32, 0);
	router_poll(r);
	port_mem_flush(p);
}

/*
 * One address-family combination of the encapsulation benchmark: inner6
 * for IPv6 EIDs, outer6 for IPv6 RLOCs.  Prints its line and returns the
 * rate, 0 when the engine refuses the combination's configuration.
 */
static double bench_encap_af(size_t n, bool inner6, bool outer6, double v4rate)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *p0 = port_mem_open("Ethernet0", MAC_R0), *p1 = port_mem_open("Ethernet1", MAC_R1);
	struct iface *e0, *e1;
	struct lisp *l;
	struct lisp_loc_cfg loc;
	struct prefix db, rem, def;
	struct addr gw = A("10.0.1.1"), gw6 = A6("fd00:10:0:1::1"), a, hs, hd;
	struct evloop *ev = router_loop(r);
	uint8_t (*frames)[128] = calloc(BATCH, 128), out[256];
	size_t lens[BATCH], i, hlen = inner6 ? 40 : 20;
	long k;
	char err[160], name[40];
	double tn, tl, rate;
	uint64_t fwd0;

	snprintf(name, sizeof(name), "%s in %s", inner6 ? "IPv6" : "IPv4", outer6 ? "IPv6" : "IPv4");
	e0 = iface_attach(r, "Ethernet0", p0, err, sizeof(err));
	e1 = iface_attach(r, "Ethernet1", p1, err, sizeof(err));
	if (!e0 || !e1 || !frames)
		die("setup", err);
	set_addr(r, e0, "192.168.1.65", 26);
	set_addr(r, e1, "10.0.1.2", 24);
	a = A6("2001:db8:1:64::65");
	if (iface6_add_addr(r, e0, &a, 64, false, err, sizeof(err)) == -1)
		die("IPv6 address", err);
	a = A6("fd00:10:0:1::2");
	if (iface6_add_addr(r, e1, &a, 64, false, err, sizeof(err)) == -1)
		die("IPv6 address", err);
	ipv6_set_routing(r, true);
	prefix_parse("0.0.0.0/0", &def, err, sizeof(err));
	if (fib_static_add(r, &def, &gw, NULL, 1, err, sizeof(err)) == -1)
		die("route", err);
	prefix_parse("::/0", &def, err, sizeof(err));
	if (fib6_static_add(r, &def, &gw6, NULL, 1, err, sizeof(err)) == -1)
		die("IPv6 route", err);
	ev_clock_set(ev, ev_now(ev) + 3000000000ull);	/* DAD over */
	router_poll(r);
	port_mem_flush(p0);
	port_mem_flush(p1);
	teach_arp(r, p1, MAC_N, "10.0.1.1", "10.0.1.2");
	teach_arp(r, p0, MAC_H, "192.168.1.70", "192.168.1.65");
	teach_nd(r, p1, MAC_N, "fd00:10:0:1::1", "fd00:10:0:1::2");
	teach_nd(r, p0, MAC_H, "2001:db8:1:64::70", "2001:db8:1:64::65");
	l = lisp_new(r);
	memset(&loc, 0, sizeof(loc));
	loc.addr = outer6 ? A6("fd00:10:0:1::2") : A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	prefix_parse(inner6 ? "2001:db8:1::/48" : "192.168.1.0/24", &db, err, sizeof(err));
	prefix_parse(inner6 ? "2001:db8:2::/48" : "192.168.2.0/24", &rem, err, sizeof(err));
	if (lisp_db_add(l, &db, &loc, err, sizeof(err)) == -1)
		goto refused;
	loc.addr = outer6 ? A6("fd00:10:0:2::2") : A("10.0.2.2");
	if (lisp_map_cache_static_add(l, &rem, 0, &loc, err, sizeof(err)) == -1)
		goto refused;
	hs = A6("2001:db8:1:64::70");
	hd = A6("2001:db8:2::");
	for (i = 0; i < BATCH; i++) {
		if (inner6) {
			memset(frames[i] + 62, 0, 4);
			hd.u.b[15] = (uint8_t)i;
			lens[i] = udp6_frame(frames[i], MAC_R0, MAC_H, &hs, &hd, (uint16_t)(1024 + i), 9, 4);
		} else {
			memset(frames[i] + 42, 0, 18);
			lens[i] = udp_frame(frames[i], MAC_R0, MAC_H, inet_addr("192.168.1.70"),
					    htonl(0xc0a80200u | (uint32_t)i), (uint16_t)(1024 + i), 9, 18);
		}
	}
	fwd0 = inner6 ? router_stats6(r)->forwarded : router_stats(r)->ip_forwarded;
	tn = best3(r, p0, p1, frames, lens, BATCH, n);
	if ((inner6 ? router_stats6(r)->forwarded : router_stats(r)->ip_forwarded) - fwd0 != 3 * n)
		die(name, "baseline: not every frame was forwarded");
	if (lisp_set_role(l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1)
		goto refused;
	/* One frame first: it must leave LISP-encapsulated in the outer family. */
	port_mem_push(p0, frames[0], lens[0], 0);
	router_poll(r);
	k = port_mem_pop(p1, out, sizeof(out), NULL);
	port_mem_flush(p1);
	if (k < 14 + (outer6 ? 40 : 20) + 16 + (long)hlen ||
	    out[12] != (outer6 ? 0x86 : 0x08) || out[13] != (outer6 ? 0xdd : 0x00) ||
	    out[14 + (outer6 ? 40 : 20) + 2] != 0x10 || out[14 + (outer6 ? 40 : 20) + 3] != 0xf5 ||
	    (out[14 + (outer6 ? 40 : 20) + 16] >> 4) != (inner6 ? 6 : 4)) {
		printf("  LISP encapsulation, %s : not encapsulated as such by the engine yet\n", name);
		goto out;
	}
	lisp_clear_stats(l);
	tl = best3(r, p0, p1, frames, lens, BATCH, n);
	rate = (double)n / tl;
	if (lisp_stats(l)->encap_pkts != 3 * n)
		die(name, "not every frame was encapsulated");
	printf("  native forwarding (ITR off), %-4s: %8.3f s  %6.2f Mpps\n", inner6 ? "IPv6" : "IPv4",
	       tn, (double)n / tn / 1e6);
	printf("  LISP encapsulation, %s : %8.3f s  %6.2f Mpps  (%.0f %% of IPv4 in IPv4%s)\n",
	       name, tl, rate / 1e6, rate / v4rate * 100.0,
	       !inner6 ? "" : rate >= v4rate * 2.0 / 3.0 ? "; target 2/3: met" : "; target 2/3: NOT met");
	lisp_free(l);
	router_free(r);
	free(frames);
	return rate;
refused:
	printf("  LISP encapsulation, %s : not supported by the engine yet (%s)\n", name,
	       err[0] == '%' && err[1] == ' ' ? err + 2 : err);
out:
	lisp_free(l);
	router_free(r);
	free(frames);
	return 0;
}

static void bench_petr(size_t n)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *p0 = port_mem_open("Ethernet0", MAC_R0), *p1 = port_mem_open("Ethernet1", MAC_R1);
	struct iface *e0, *e1;
	struct lisp *l;
	struct lisp_loc_cfg loc;
	struct prefix db, neg, petr32;
	struct addr gw = A("10.0.1.1"), petr = A("10.0.3.1"), bad = A("10.9.9.9");
	uint8_t (*frames)[128] = calloc(BATCH, 128);
	size_t lens[BATCH], i;
	char err[160];
	double t;

	e0 = iface_attach(r, "Ethernet0", p0, err, sizeof(err));
	e1 = iface_attach(r, "Ethernet1", p1, err, sizeof(err));
	if (!e0 || !e1 || !frames)
		die("setup", err);
	set_addr(r, e0, "192.168.1.65", 26);
	set_addr(r, e1, "10.0.1.2", 24);
	prefix_parse("10.0.3.1/32", &petr32, err, sizeof(err));
	if (fib_static_add(r, &petr32, &gw, NULL, 1, err, sizeof(err)) == -1)
		die("route", err);
	port_mem_flush(p0);
	port_mem_flush(p1);
	teach_arp(r, p1, MAC_N, "10.0.1.1", "10.0.1.2");
	teach_arp(r, p0, MAC_H, "192.168.1.70", "192.168.1.65");
	l = lisp_new(r);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	prefix_parse("192.168.1.0/24", &db, err, sizeof(err));
	prefix_parse("0.0.0.0/1", &neg, err, sizeof(err));
	if (lisp_db_add(l, &db, &loc, err, sizeof(err)) == -1 ||
	    lisp_map_cache_static_add(l, &neg, 1, NULL, err, sizeof(err)) == -1 ||
	    lisp_use_petr_add(l, &bad, 0, 100, err, sizeof(err)) == -1 ||
	    lisp_use_petr_add(l, &petr, 1, 100, err, sizeof(err)) == -1 ||
	    lisp_set_role(l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1)
		die("lisp", err);
	for (i = 0; i < BATCH; i++) {
		memset(frames[i] + 42, 0, 18);
		lens[i] = udp_frame(frames[i], MAC_R0, MAC_H, inet_addr("192.168.1.70"),
				    htonl(0x04020200u | (uint32_t)i), (uint16_t)(1024 + i), 9,
				    18);
	}
	t = best3(r, p0, p1, frames, lens, BATCH, n);
	printf("  use-petr encapsulation      : %8.3f s  %6.2f Mpps\n", t, (double)n / t / 1e6);
	if (lisp_stats(l)->petr_encap_pkts != 3 * n)
		die("use-petr", "not every frame went to the PETR");
	lisp_free(l);
	router_free(r);
	free(frames);
}

static uint32_t eid_prefix(size_t i)
{
	return 0x64000000u + ((uint32_t)i << 8);	/* 100.0.0.0/24 onwards */
}

/* Set the UDP checksum of the IPv4 packet at ip (20-byte header). */
static void inner_udp_cksum(uint8_t *ip)
{
	uint8_t buf[12 + 512], *udp = ip + 20;
	size_t ulen = (size_t)(udp[4] << 8 | udp[5]);
	uint16_t sum;

	if (ulen < 8 || ulen > sizeof(buf) - 12)
		return;
	udp[6] = udp[7] = 0;
	memcpy(buf, ip + 12, 8);
	buf[8] = 0;
	buf[9] = 17;
	buf[10] = (uint8_t)(ulen >> 8);
	buf[11] = (uint8_t)ulen;
	memcpy(buf + 12, udp, ulen);
	sum = ipv4_cksum(buf, 12 + ulen);
	if (!sum)
		sum = 0xffff;
	memcpy(udp + 6, &sum, 2);
}

/* A router on one memory port, Ethernet0 10.0.1.1/24, its neighbour
 * 10.0.1.2 (MAC_N) resolved, and a LISP engine on it: the Map-Server's
 * and the probing ITR's bench. */
static struct lisp *one_port_lisp(struct router **rp, struct port **pp)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *p0 = port_mem_open("Ethernet0", MAC_R0);
	struct iface *e0;
	char err[160] = "";

	if (!r || !p0 || !(e0 = iface_attach(r, "Ethernet0", p0, err, sizeof(err))))
		die("setup", err);
	set_addr(r, e0, "10.0.1.1", 24);
	port_mem_flush(p0);
	teach_arp(r, p0, MAC_N, "10.0.1.2", "10.0.1.1");
	*rp = r;
	*pp = p0;
	return lisp_new(r);
}

static void bench_ms(size_t n)
{
	struct router *r;
	struct port *p0;
	struct lisp *l = one_port_lisp(&r, &p0);
	struct prefix p;
	struct addr a;
	struct lisp_map_register reg;
	struct lisp_record *recs;
	struct lisp_locator loc;
	uint8_t (*frames)[128], *regf;
	size_t *lens, i, j, nmsg, nf = 4096;
	ssize_t len;
	char err[160];
	double t, best;
	uint64_t seed = 0x2545F4914F6CDD1Dull, before;
	int k;

	if (lisp_set_role(l, LISP_ROLE_MS | LISP_ROLE_MR, true, err, sizeof(err)) == -1 ||
	    lisp_site_add(l, "bench", err, sizeof(err)) == -1 ||
	    lisp_site_set_key(l, "bench", KEY, err, sizeof(err)) == -1)
		die("site", err);
	t = now();
	for (i = 0; i < N_PREFIXES; i++) {
		addr_set_v4(&a, htonl(eid_prefix(i)));
		prefix_make(&p, &a, 24);
		if (lisp_site_eid_add(l, "bench", &p, false, err, sizeof(err)) == -1)
			die("eid-prefix", err);
	}
	printf("  configure %d site EID prefixes : %.3f s\n", N_PREFIXES, now() - t);

	/* Map-Registers, 32 records each, HMAC-SHA-256, proxy-reply. */
	nmsg = (N_PREFIXES + 31) / 32;
	recs = calloc(32, sizeof(*recs));
	regf = malloc(nmsg * 2048);
	lens = calloc(nmsg > nf ? nmsg : nf, sizeof(*lens));
	frames = calloc(nf, 128);
	if (!recs || !regf || !lens || !frames)
		die("memory", "out of memory");
	memset(&loc, 0, sizeof(loc));
	loc.rloc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	loc.local = loc.reachable = true;
	for (i = 0; i < nmsg; i++) {
		memset(&reg, 0, sizeof(reg));
		reg.type = LISP_MAP_REGISTER;
		reg.proxy_reply = true;
		reg.nonce = i;
		reg.alg_id = LISP_AUTH_HMAC_SHA256;
		reg.records = recs;
		for (j = 0; j < 32 && i * 32 + j < N_PREFIXES; j++) {
			memset(&recs[j], 0, sizeof(recs[j]));
			recs[j].ttl = 1440;
			recs[j].authoritative = true;
			addr_set_v4(&recs[j].eid.eid.addr, htonl(eid_prefix(i * 32 + j)));
			recs[j].eid.mask_len = 24;
			recs[j].loc_count = 1;
			recs[j].locs = &loc;
		}
		reg.record_count = (uint8_t)j;
		len = lisp_map_register_encode(&reg, KEY, strlen(KEY), regf + i * 2048 + 42,
					       2048 - 42);
		if (len < 0)
			die("encode", "Map-Register");
		lens[i] = udp_frame(regf + i * 2048, MAC_R0, MAC_N, inet_addr("10.0.1.2"),
				    inet_addr("10.0.1.1"), 4342, 4342, (size_t)len);
	}
	best = 1e9;
	for (k = 0; k < 3; k++) {
		before = lisp_stats(l)->reg_accepted_records;
		t = now();
		for (i = 0; i < nmsg; i += 64) {
			for (j = i; j < i + 64 && j < nmsg; j++)
				port_mem_push(p0, regf + j * 2048, lens[j], 0);
			router_poll(r);
			port_mem_flush(p0);
		}
		t = now() - t;
		if (lisp_stats(l)->reg_accepted_records - before != N_PREFIXES)
			die("registration", "not every record was accepted");
		if (t < best)
			best = t;
	}
	printf("  registration, HMAC-SHA-256    : %8.3f s for %d prefixes in %zu messages:"
	       " %.0f prefixes/s, %.0f messages/s\n", best, N_PREFIXES, nmsg,
	       N_PREFIXES / best, (double)nmsg / best);

	/* ECM Map-Requests for random registered EIDs. */
	for (i = 0; i < nf; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		lens[i] = ecm_request_frame(frames[i], 128, MAC_R0, MAC_N, seed,
					    htonl(eid_prefix(seed % N_PREFIXES) | 1));
	}
	before = lisp_stats(l)->mrep_out;
	t = best3(r, p0, p0, frames, lens, nf, n);
	printf("  Map-Requests answered (proxy) : %8.3f s  %.0f answers/s  (target 100000: %s);"
	       " %llu replies for %zu requests\n", t, (double)n / t,
	       (double)n / t >= 1e5 ? "met" : "NOT met",
	       (unsigned long long)(lisp_stats(l)->mrep_out - before) / 3, n);
	/* The same for EIDs outside the registry: negative replies. */
	for (i = 0; i < nf; i++) {
		uint8_t *ip = frames[i] + 14, *inner = ip + 28 + 4;
		uint32_t e = htonl(0x0a000000u | (uint32_t)(i << 4));
		uint16_t sum;

		/* rewrite the inner destination and the record EID in place,
		 * then the inner UDP checksum (the Map-Server verifies it) */
		memcpy(inner + 16, &e, 4);
		inner[10] = inner[11] = 0;
		sum = ipv4_cksum(inner, 20);
		memcpy(inner + 10, &sum, 2);
		memcpy(frames[i] + lens[i] - 4, &e, 4);
		inner_udp_cksum(inner);
	}
	before = lisp_stats(l)->mrep_out_neg;
	t = best3(r, p0, p0, frames, lens, nf, n);
	printf("  Map-Requests answered (negative): %6.3f s  %.0f answers/s; %llu negative replies\n",
	       t, (double)n / t, (unsigned long long)(lisp_stats(l)->mrep_out_neg - before) / 3);
	lisp_free(l);
	router_free(r);
	free(recs);
	free(regf);
	free(lens);
	free(frames);
}

/*
 * 7. forged RLOC-probe replies: an ITR probing its locators, with 100,000
 *    static map-cache entries, receives Map-Replies with the probe bit and
 *    nonces it never sent (an attacker's, from a locator's address).  Each
 *    is dropped as unsolicited; what is timed is how fast, since finding
 *    the locator a reply answers means searching the map-caches.
 */
static void bench_probe(size_t n)
{
	struct router *r;
	struct port *p0;
	struct lisp *l = one_port_lisp(&r, &p0);
	struct lisp_loc_cfg loc;
	struct lisp_map_reply rep;
	struct lisp_record rec;
	struct lisp_locator rl;
	struct prefix p;
	struct addr a;
	uint8_t (*frames)[128] = calloc(BATCH, 128);
	size_t lens[BATCH], i;
	uint64_t before;
	ssize_t len;
	char err[160];
	double t;

	if (!frames)
		die("setup", "out of memory");
	memset(&loc, 0, sizeof(loc));
	loc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	t = now();
	for (i = 0; i < N_PREFIXES; i++) {
		addr_set_v4(&a, htonl(eid_prefix(i)));
		prefix_make(&p, &a, 24);
		if (lisp_map_cache_static_add(l, &p, LISP_ACT_NO_ACTION, &loc, err, sizeof(err)) == -1)
			die("map-cache", err);
	}
	if (lisp_set_role(l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1 ||
	    lisp_set_rloc_probing(l, true, err, sizeof(err)) == -1)
		die("lisp", err);
	router_poll(r);
	port_mem_flush(p0);
	printf("  configure %d static map-cache entries, probing on: %.3f s\n", N_PREFIXES, now() - t);
	memset(&rec, 0, sizeof(rec));
	memset(&rl, 0, sizeof(rl));
	rl.rloc.addr = A("10.0.1.2");
	rl.priority = 1;
	rl.weight = 100;
	rl.local = rl.reachable = rl.probed = true;
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.mask_len = 24;
	rec.loc_count = 1;
	rec.locs = &rl;
	for (i = 0; i < BATCH; i++) {
		memset(&rep, 0, sizeof(rep));
		rep.probe = true;
		rep.nonce = 0x9e3779b97f4a7c15ull * (i + 1);
		rep.record_count = 1;
		rep.records = &rec;
		addr_set_v4(&rec.eid.eid.addr, htonl(eid_prefix(i * 397 % N_PREFIXES)));
		len = lisp_map_reply_encode(&rep, frames[i] + 42, 128 - 42);
		if (len < 0)
			die("encode", "Map-Reply");
		lens[i] = udp_frame(frames[i], MAC_R0, MAC_N, inet_addr("10.0.1.2"),
				    inet_addr("10.0.1.1"), 4342, 4342, (size_t)len);
	}
	before = lisp_stats(l)->drops[LISP_DROP_PROBE_UNSOLICITED];
	t = best3(r, p0, p0, frames, lens, BATCH, n);
	printf("  forged probe replies dropped  : %8.3f s  %.0f replies/s; %llu counted unsolicited\n",
	       t, (double)n / t,
	       (unsigned long long)(lisp_stats(l)->drops[LISP_DROP_PROBE_UNSOLICITED] - before) / 3);
	lisp_free(l);
	router_free(r);
	free(frames);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	const char *only = argc > 2 ? argv[2] : NULL;	/* encap, inst, ms or petr */

	if (n == 0) {
		fprintf(stderr, "usage: bench_lisp [PACKETS [encap|inst|inst2|inst1|inst100|ms|petr|probe]]\n");
		return 2;
	}
	if (getenv("BENCH_ROUNDS") && atoi(getenv("BENCH_ROUNDS")) > 0)
		rounds = (unsigned)atoi(getenv("BENCH_ROUNDS"));
	printf("bench_lisp: %zu packets per round, best of %u, memory ports, one thread\n", n, rounds);
	if (!only || strcmp(only, "encap") == 0) {
		double v4 = bench_encap(n);

		bench_encap_af(n, false, true, v4);
		bench_encap_af(n, true, false, v4);
		bench_encap_af(n, true, true, v4);
	}
	if (!only || strcmp(only, "encap") == 0 || strcmp(only, "inst") == 0) {
		/* Every configuration set up first, then their rounds in turn,
		 * so that a load that comes and goes falls on all alike. */
		static struct inst_bench ib[4];
		unsigned k, j;
		double one, many, in1, big;

		inst_setup(&ib[0], 1, true, false);
		inst_setup(&ib[1], N_INST, true, false);
		inst_setup(&ib[2], N_INST, false, false);
		inst_setup(&ib[3], 1, true, true);
		printf("  (instances: best of %u rounds, the four configurations in turn)\n", rounds);
		for (k = 0; k < rounds; k++)
			for (j = 0; j < 4; j++)
				inst_round(&ib[j], n);
		one = inst_finish(&ib[0], n);
		many = inst_finish(&ib[1], n);
		in1 = inst_finish(&ib[2], n);
		big = inst_finish(&ib[3], n);
		printf("  %d instances against one: %.1f %% (target: within 10 %%: %s); "
		       "traffic in one of %d: %.1f %%\n", N_INST, 100.0 * many / one,
		       many >= 0.9 * one ? "met" : "NOT met", N_INST, 100.0 * in1 / one);
		printf("  %d instances against one instance holding their %d entries and the same "
		       "live pairs: %.1f %% (within 10 %%: %s)\n", N_INST, N_INST * N_INST_MC,
		       100.0 * many / big, many >= 0.9 * big ? "yes" : "no");
	}
	/* the first two configurations of 6. alone, in turn (for perf) */
	if (only && strcmp(only, "inst2") == 0) {
		static struct inst_bench ib[2];
		unsigned k;
		double one, many;

		inst_setup(&ib[0], 1, true, false);
		inst_setup(&ib[1], N_INST, true, false);
		for (k = 0; k < rounds; k++) {
			inst_round(&ib[0], n);
			inst_round(&ib[1], n);
		}
		one = inst_finish(&ib[0], n);
		many = inst_finish(&ib[1], n);
		printf("  %d instances against one: %.1f %%\n", N_INST, 100.0 * many / one);
	}
	/* one configuration alone, for perf or a cache simulator:
	 * 'inst1' the first (one instance), 'inst100' the second */
	if (only && (strcmp(only, "inst1") == 0 || strcmp(only, "inst100") == 0)) {
		static struct inst_bench ib;
		unsigned k;

		inst_setup(&ib, strcmp(only, "inst1") == 0 ? 1 : N_INST, true, false);
		printf("  (set up; %u rounds follow)\n", rounds);
		fflush(stdout);
		for (k = 0; k < rounds; k++)
			inst_round(&ib, n);
		inst_finish(&ib, n);
	}
	if (!only || strcmp(only, "ms") == 0)
		bench_ms(n);
	if (!only || strcmp(only, "petr") == 0)
		bench_petr(n);
	if (!only || strcmp(only, "probe") == 0)
		bench_probe(n);
	return 0;
}

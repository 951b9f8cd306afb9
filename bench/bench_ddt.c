/*
 * DOC: offline benchmark of the DDT Map-Resolver (lisp_ddt_mr.c), in process
 *
 * Three routers on memory ports and manual clocks: the Map-Resolver 'mr'
 * (Ethernet0 10.0.1.1 toward the ITRs, Ethernet1 10.0.4.1 to the root,
 * Ethernet2 10.0.6.1 to the Map-Server), the DDT root 'root' (10.0.4.2,
 * authoritative for 10.0.0.0/8, delegating it to the Map-Server) and the
 * Map-Server 'ms' (10.0.6.2, a DDT leaf, one site 10.0.0.0/8 registered
 * with proxy-reply by one Map-Register).  ECM Map-Requests for random EIDs
 * in 10.0.0.0/8 come into mr from the ITR 10.0.1.2, BATCH at a time; the
 * frames between the routers are moved until the lab is quiet.  Each
 * resolution ends with the Map-Server's MS-ACK (and its proxy Map-Reply):
 *
 *   cold: the referral cache is cleared before every request, so each walks
 *         root (MS-REFERRAL) then the Map-Server: 2 DDT Map-Requests;
 *   warm: the cached MS-REFERRAL sends each straight to the Map-Server.
 *
 * Resolutions per second over the whole loop (three routers' work and
 * the memory-port copies included), best of 3 rounds; every resolution is
 * checked to have ended in MS-ACK.  Run it pinned to one core:
 * taskset -c 1 bench/bench_ddt [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "fib.h"
#include "iface.h"
#include "ipv4.h"
#include "lisp.h"
#include "lisp_ddt.h"
#include "lisp_msg.h"
#include "port.h"
#include "router.h"

#define BENCH_NAME "bench_ddt"
#include "bench_util.h"

#define BATCH	64
#define NF	4096
#define KEY	"bench-key"

enum { MR, ROOT, MS, NR };

static struct router *R[NR];
static struct lisp *L[NR];
static struct port *link_p[2][2];	/* mr-root, mr-ms */
static struct port *itr_port;
static const uint8_t MAC_N[6] = { 0x02, 0xbb, 0, 0, 0, 1 };

static struct prefix P(const char *s)
{
	struct prefix p;
	char err[80];

	if (prefix_parse(s, &p, err, sizeof(err)) == -1)
		die(s, err);
	return p;
}

static struct port *iface(int r, const char *name, const char *a, unsigned idx)
{
	uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x20, (uint8_t)r, (uint8_t)idx };
	struct port *p = port_mem_open(name, mac);
	struct addr x = A(a);
	struct iface *ifp;
	char err[128];

	if (!(ifp = iface_attach(R[r], name, p, err, sizeof(err))) ||
	    iface_set_addr(R[r], ifp, &x, 24, err, sizeof(err)) == -1)
		die(name, err);
	iface_set_shutdown(R[r], ifp, false);
	return p;
}

static void route(int r, const char *p, const char *gw)
{
	struct prefix pf = P(p);
	struct addr g = A(gw);
	char err[128];

	if (fib_static_add(R[r], &pf, &g, NULL, 1, err, sizeof(err)) == -1)
		die("route", err);
}

/* Move frames over the two links until the lab is quiet; the frames mr
 * sends toward the ITRs are dropped. */
static void pump(void)
{
	uint8_t f[2048];
	long n;
	int moved, i, d, idle = 0;

	/* router_poll() takes a bounded batch: poll on while resolutions are
	 * pending (none waits for a timer here) */
	do {
		moved = 0;
		for (i = 0; i < 2; i++)
			for (d = 0; d < 2; d++)
				while ((n = port_mem_pop(link_p[i][d], f, sizeof(f), NULL)) >= 0) {
					port_mem_push(link_p[i][!d], f, (size_t)n, 0);
					moved++;
				}
		for (i = 0; i < NR; i++)
			router_poll(R[i]);
		port_mem_flush(itr_port);
		idle = moved ? 0 : idle + 1;
	} while (moved || (lisp_ddt_pending_count(L[MR]) && idle < 1000));
}

static void setup(void)
{
	struct port *ms0;
	struct lisp_map_register reg;
	struct lisp_record rec;
	struct lisp_locator loc;
	struct prefix p8 = P("10.0.0.0/8");
	struct addr a;
	uint8_t f[512];
	ssize_t len;
	char err[160] = "";
	int i;

	for (i = 0; i < NR; i++) {
		if (!(R[i] = router_new(EV_CLOCK_MANUAL)) || !(L[i] = lisp_new(R[i])))
			die("setup", "router");
		router_set_icmp_ratelimit(R[i], 0);
	}
	itr_port = iface(MR, "Ethernet0", "10.0.1.1", 0);
	link_p[0][0] = iface(MR, "Ethernet1", "10.0.4.1", 1);
	link_p[0][1] = iface(ROOT, "Ethernet0", "10.0.4.2", 0);
	link_p[1][0] = iface(MR, "Ethernet2", "10.0.6.1", 2);
	link_p[1][1] = ms0 = iface(MS, "Ethernet0", "10.0.6.2", 0);
	route(ROOT, "0.0.0.0/0", "10.0.4.1");
	route(MS, "0.0.0.0/0", "10.0.6.1");
	a = A("10.0.4.2");
	if (lisp_set_role(L[MR], LISP_ROLE_MR, true, err, sizeof(err)) == -1 ||
	    lisp_ddt_root_add(L[MR], &a, err, sizeof(err)) == -1)
		die("mr", err);
	a = A("10.0.6.2");
	if (lisp_ddt_set(L[ROOT], true, err, sizeof(err)) == -1 ||
	    lisp_ddt_auth_add(L[ROOT], &p8, err, sizeof(err)) == -1 ||
	    lisp_ddt_delegate_add(L[ROOT], &a, &p8, true, err, sizeof(err)) == -1)
		die("root", err);
	if (lisp_set_role(L[MS], LISP_ROLE_MS, true, err, sizeof(err)) == -1 ||
	    lisp_ddt_set(L[MS], true, err, sizeof(err)) == -1 ||
	    lisp_site_add(L[MS], "bench", err, sizeof(err)) == -1 ||
	    lisp_site_set_key(L[MS], "bench", KEY, err, sizeof(err)) == -1 ||
	    lisp_site_eid_add(L[MS], "bench", &p8, false, err, sizeof(err)) == -1)
		die("ms", err);
	pump();
	/* mr learns the ITR's MAC from its ARP request (the replies leave) */
	teach_arp(R[MR], itr_port, MAC_N, "10.0.1.2", "10.0.1.1");
	/* one Map-Register for 10.0.0.0/8, proxy-reply, from the ETR 10.0.6.9 */
	memset(&reg, 0, sizeof(reg));
	memset(&rec, 0, sizeof(rec));
	memset(&loc, 0, sizeof(loc));
	loc.rloc.addr = A("10.0.6.9");
	loc.priority = 1;
	loc.weight = 100;
	loc.mpriority = 255;
	loc.local = loc.reachable = true;
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid.addr = p8.addr;
	rec.eid.mask_len = 8;
	rec.loc_count = 1;
	rec.locs = &loc;
	reg.type = LISP_MAP_REGISTER;
	reg.proxy_reply = true;
	reg.nonce = 1;
	reg.alg_id = LISP_AUTH_HMAC_SHA256;
	reg.record_count = 1;
	reg.records = &rec;
	if ((len = lisp_map_register_encode(&reg, KEY, strlen(KEY), f + 42, sizeof(f) - 42)) < 0)
		die("encode", "Map-Register");
	port_mem_push(ms0, f, udp_frame(f, (const uint8_t *)"\x02\x00\x00\x20\x02\x00", MAC_N,
					inet_addr("10.0.6.9"), inet_addr("10.0.6.2"), 4342, 4342,
					(size_t)len), 0);
	router_poll(R[MS]);
	pump();
	if (lisp_stats(L[MS])->reg_accepted_records != 1)
		die("setup", "the Map-Register was not accepted");
}

/* n ECM'd Map-Requests (cycling over the frames) through the tree; seconds. */
static double run(uint8_t (*frames)[160], const size_t *lens, size_t n, bool cold)
{
	struct lisp_ddt_mr_stats st;
	uint64_t before;
	size_t i, j;
	double t0;

	lisp_ddt_mr_get_stats(L[MR], &st);
	before = st.resolved;
	t0 = now();
	for (i = 0; i < n; i += BATCH) {
		for (j = 0; j < BATCH && i + j < n; j++) {
			if (cold)
				lisp_ddt_referral_clear(L[MR]);
			port_mem_push(itr_port, frames[(i + j) % NF], lens[(i + j) % NF], 0);
			router_poll(R[MR]);
		}
		pump();
	}
	t0 = now() - t0;
	lisp_ddt_mr_get_stats(L[MR], &st);
	if (st.resolved - before != n || lisp_ddt_pending_count(L[MR])) {
		fprintf(stderr, "resolved %llu of %zu, pending %zu, out %llu, referrals %llu/%llu/%llu/%llu, "
			"bad %llu, send failed %llu, in %llu, dup %llu\n",
			(unsigned long long)(st.resolved - before), n, lisp_ddt_pending_count(L[MR]),
			(unsigned long long)st.requests_out, (unsigned long long)st.referrals_in[0],
			(unsigned long long)st.referrals_in[1], (unsigned long long)st.referrals_in[2],
			(unsigned long long)st.referrals_in[3], (unsigned long long)st.referrals_bad,
			(unsigned long long)st.send_failed, (unsigned long long)st.requests_in,
			(unsigned long long)st.duplicates);
		die("resolution", "not every request ended in MS-ACK");
	}
	return t0;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000, i, *lens;
	uint8_t (*frames)[160];
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	double b, t;
	int k, cold;

	setup();
	frames = calloc(NF, sizeof(*frames));
	lens = calloc(NF, sizeof(*lens));
	if (!frames || !lens)
		die("memory", "out of memory");
	for (i = 0; i < NF; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		lens[i] = ecm_request_frame(frames[i], sizeof(frames[i]),
					    (const uint8_t *)"\x02\x00\x00\x20\x00\x00", MAC_N, seed,
					    htonl(0x0a000000u | (uint32_t)(seed & 0xffffff)));
	}
	/* one resolution first: every ARP entry on the way (a next hop being
	 * resolved queues only ARP_QUEUE_DEFAULT packets) */
	run(frames, lens, 1, true);
	printf("DDT Map-Resolver: %zu resolutions, root -> Map-Server (MS-ACK, proxy reply)\n", n);
	for (cold = 1; cold >= 0; cold--) {
		b = 1e9;
		for (k = 0; k < 3; k++)
			if ((t = run(frames, lens, n, cold)) < b)
				b = t;
		printf("  %s referral cache : %8.3f s, %.0f resolutions/s (%u DDT Map-Request%s each)\n",
		       cold ? "cold" : "warm", b, (double)n / b, cold ? 2u : 1u, cold ? "s" : "");
	}
	for (i = 0; i < NR; i++) {
		lisp_free(L[i]);
		router_free(R[i]);
	}
	free(frames);
	free(lens);
	return 0;
}

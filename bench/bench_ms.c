/*
 * DOC: the Map-Server at scale, in process on a memory port (issue 13)
 *
 * One lispr Map-Server/Map-Resolver (the engine through its C API, as the
 * shell builds it) with one site of N configured /32 EID prefixes,
 * 100.A.B.C with C a multiple of 4 (so every registered /32 has a hole
 * of three addresses beside it), for N = 100,000 and 1,000,000:
 *   1. registration: the ETR at 10.0.1.2 registers all N with real
 *      Map-Registers through the engine (32 records each, HMAC-SHA-256,
 *      every message verified; the even messages proxy-reply, the odd
 *      ones not): registrations per second;
 *   2. memory: the heap growth (mallinfo2 in-use bytes) and the RSS
 *      growth over configuring and registering the N prefixes, per
 *      prefix, against the 300 bytes target;
 *   3. answers: ECM Map-Requests for random EIDs, answered
 *        positive  - a registered proxy-reply /32: Map-Reply from us;
 *        negative  - 100.A.B.C+2, in a hole between registered /32s of
 *                    the site: a negative reply with the hole prefix;
 *        forwarded - a registered /32 without proxy-reply: the ECM goes
 *                    on to the ETR;
 *      each the best of 5 rounds, timed in this thread's CPU time (the
 *      machine is shared) and wall time, every answer checked by the
 *      engine's counters.  Both Map-Servers are built first and their
 *      rounds alternate (each kind at 100k, then at 1M, round after
 *      round), so that the two sizes see the machine's load alike.  The
 *      1M/100k ratio of each rate (of the best rounds, and the median of
 *      the rounds' ratios) is judged against the target (within
 *      20 %).
 * The load average is printed with the figures.  Run it pinned to one
 * core: taskset -c 1 bench/bench_ms [REQUESTS [SIZE...]]
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "iface.h"
#include "ipv4.h"
#include "lisp.h"
#include "port.h"
#include "router.h"

#define BENCH_NAME "bench_ms"
#include "bench_util.h"

#define KEY		"bench-ms-key"
#define RECS		32		/* records per Map-Register */
#define CHUNK		1024		/* Map-Registers encoded at a time */
#define MSG_MAX		2048
#define NF		(1u << 16)	/* distinct Map-Request frames */
#define BATCH		256
#define TARGET_BYTES	300

static const uint8_t MAC_R0[6] = { 0x02, 0, 0, 0, 0, 1 };
static const uint8_t MAC_N[6] = { 0x02, 0xbb, 0, 0, 0, 1 };

static size_t heap_used(void)
{
	return mallinfo2().uordblks;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* The i-th registered EID: 100.0.0.0 + 4 i. */
static uint32_t eid_of(size_t i)
{
	return 0x64000000u + ((uint32_t)i << 2);
}

/* An ECM Map-Request for eid (host order) into f; its length. */
static size_t request_frame(uint8_t *f, uint32_t eid, uint64_t nonce)
{
	return ecm_request_frame(f, 128, MAC_R0, MAC_N, nonce, htonl(eid));
}

#define ROUNDS		5
#define KINDS		3		/* positive, negative, forwarded */

static const char *const kind_name[KINDS] = { "positive", "negative", "forwarded" };

/* One Map-Server with its site of n prefixes, and its request frames. */
struct ms {
	size_t n;
	struct router *r;
	struct port *p;
	struct lisp *l;
	const struct lisp_stats *st;
	uint8_t (*frames[KINDS])[128];
	size_t *lens[KINDS];
	double reg_rate, bytes_heap, bytes_rss;
	double cpu[KINDS][ROUNDS], wall[KINDS][ROUNDS];	/* seconds a round */
};

/* The counter that kind k of answer raises. */
static const uint64_t *answer_counter(const struct ms *m, int k)
{
	return k == 0 ? &m->st->mrep_out_nonauth : k == 1 ? &m->st->mrep_out_neg :
			&m->st->mreq_forwarded;
}

/* Push n requests of kind k through m's router (one round); *counter must
 * grow by n. */
static void answer(struct ms *m, int k, int round, size_t n)
{
	const uint64_t *counter = answer_counter(m, k);
	uint64_t before = *counter;
	size_t i, j;
	double c, w;

	c = cpu_now();
	w = now();
	for (i = 0; i < n; i += BATCH) {
		for (j = 0; j < BATCH && i + j < n; j++)
			port_mem_push(m->p, m->frames[k][(i + j) % NF], m->lens[k][(i + j) % NF], 0);
		router_poll(m->r);
		port_mem_flush(m->p);
	}
	m->cpu[k][round] = cpu_now() - c;
	m->wall[k][round] = now() - w;
	if (*counter - before != n) {
		fprintf(stderr, "bench_ms: %s: %llu answers for %zu requests\n", kind_name[k],
			(unsigned long long)(*counter - before), n);
		exit(1);
	}
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* m: a Map-Server with a site of npfx /32s, all registered, and the
 * request frames of each kind. */
static void setup(struct ms *ms, size_t npfx)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct port *p0 = port_mem_open("Ethernet0", MAC_R0);
	struct iface *e0;
	struct lisp *l;
	struct lisp_map_register reg;
	struct lisp_record *recs = calloc(RECS, sizeof(*recs));
	struct lisp_locator loc;
	struct prefix p;
	struct addr a;
	uint8_t *regf = malloc((size_t)CHUNK * MSG_MAX);
	size_t *rlens = calloc(CHUNK, sizeof(*rlens));
	size_t nmsg = (npfx + RECS - 1) / RECS, m0, m, i, j;
	size_t heap0, heap1;
	long rss0, rss1;
	uint64_t seed = 0x2545F4914F6CDD1Dull, acc0;
	const struct lisp_stats *st;
	double treg = 0, t;
	ssize_t len;
	char err[160];
	int k;

	if (!r || !p0 || !recs || !regf || !rlens)
		die("memory", "out of memory");
	memset(ms, 0, sizeof(*ms));
	for (k = 0; k < KINDS; k++)
		if (!(ms->frames[k] = calloc(NF, 128)) || !(ms->lens[k] = calloc(NF, sizeof(size_t))))
			die("memory", "out of memory");
	memset(regf, 0, (size_t)CHUNK * MSG_MAX);
	memset(&p, 0, sizeof(p));
	if (!(e0 = iface_attach(r, "Ethernet0", p0, err, sizeof(err))))
		die("setup", err);
	a = A("10.0.1.1");
	if (iface_set_addr(r, e0, &a, 24, err, sizeof(err)) == -1)
		die("address", err);
	iface_set_shutdown(r, e0, false);
	port_mem_flush(p0);
	teach_arp(r, p0, MAC_N, "10.0.1.2", "10.0.1.1");
	l = lisp_new(r);
	st = lisp_stats(l);
	if (lisp_set_role(l, LISP_ROLE_MS | LISP_ROLE_MR, true, err, sizeof(err)) == -1 ||
	    lisp_site_add(l, "bench", err, sizeof(err)) == -1 ||
	    lisp_site_set_key(l, "bench", KEY, err, sizeof(err)) == -1)
		die("site", err);

	malloc_trim(0);
	heap0 = heap_used();
	rss0 = rss_kb();
	t = now();
	for (i = 0; i < npfx; i++) {
		addr_set_v4(&a, htonl(eid_of(i)));
		prefix_make(&p, &a, 32);
		if (lisp_site_eid_add(l, "bench", &p, false, err, sizeof(err)) == -1)
			die("eid-prefix", err);
	}
	printf("  %7zu site /32s configured in %.2f s\n", npfx, now() - t);

	memset(&loc, 0, sizeof(loc));
	loc.rloc.addr = A("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	loc.mpriority = 255;
	loc.local = loc.reachable = true;
	acc0 = st->reg_accepted_records;
	for (m0 = 0; m0 < nmsg; m0 += CHUNK) {
		for (m = m0; m < m0 + CHUNK && m < nmsg; m++) {
			memset(&reg, 0, sizeof(reg));
			reg.type = LISP_MAP_REGISTER;
			reg.proxy_reply = (m & 1) == 0;
			reg.nonce = m + 1;
			reg.alg_id = LISP_AUTH_HMAC_SHA256;
			reg.records = recs;
			for (j = 0; j < RECS && m * RECS + j < npfx; j++) {
				memset(&recs[j], 0, sizeof(recs[j]));
				recs[j].ttl = 1440;
				recs[j].authoritative = true;
				addr_set_v4(&recs[j].eid.eid.addr, htonl(eid_of(m * RECS + j)));
				recs[j].eid.mask_len = 32;
				recs[j].loc_count = 1;
				recs[j].locs = &loc;
			}
			reg.record_count = (uint8_t)j;
			len = lisp_map_register_encode(&reg, KEY, strlen(KEY),
						       regf + (m - m0) * MSG_MAX + 42, MSG_MAX - 42);
			if (len < 0)
				die("encode", "Map-Register");
			rlens[m - m0] = udp_frame(regf + (m - m0) * MSG_MAX, MAC_R0, MAC_N, inet_addr("10.0.1.2"),
						  inet_addr("10.0.1.1"), 4342, 4342, (size_t)len);
		}
		t = now();
		for (i = m0; i < m; i += 64) {
			for (j = i; j < i + 64 && j < m; j++)
				port_mem_push(p0, regf + (j - m0) * MSG_MAX, rlens[j - m0], 0);
			router_poll(r);
			port_mem_flush(p0);
		}
		treg += now() - t;
	}
	if (st->reg_accepted_records - acc0 != npfx)
		die("registration", "not every record was accepted");
	malloc_trim(0);
	heap1 = heap_used();
	rss1 = rss_kb();
	ms->n = npfx;
	ms->r = r;
	ms->p = p0;
	ms->l = l;
	ms->st = st;
	ms->reg_rate = (double)npfx / treg;
	ms->bytes_heap = (double)(heap1 - heap0) / (double)npfx;
	ms->bytes_rss = (double)(rss1 - rss0) * 1024.0 / (double)npfx;
	printf("  %7zu registered in %zu Map-Registers (HMAC-SHA-256): %.2f s, %.0f registrations/s,"
	       " %.0f messages/s\n", npfx, nmsg, treg, ms->reg_rate, (double)nmsg / treg);
	printf("  memory per registered prefix (configured + registered): heap %.0f B, RSS %.0f B"
	       "  (target <= %d B: %s)\n", ms->bytes_heap, ms->bytes_rss, TARGET_BYTES,
	       heap1 <= heap0 ? "not judged, malloc is not glibc's (a sanitizer build?)" :
	       ms->bytes_heap <= TARGET_BYTES ? "met" : "NOT met");

	/* Positive: registered proxy-reply EIDs (even messages). */
	for (i = 0; i < NF; i++) {
		size_t x = (size_t)(xorshift(&seed) % nmsg) & ~(size_t)1;

		x = x * RECS + (size_t)(xorshift(&seed) % RECS);
		if (x >= npfx)
			x = 0;
		ms->lens[0][i] = request_frame(ms->frames[0][i], eid_of(x), xorshift(&seed));
	}
	/* Negative: an address in the hole beside a registered /32. */
	for (i = 0; i < NF; i++)
		ms->lens[1][i] = request_frame(ms->frames[1][i],
					       eid_of((size_t)(xorshift(&seed) % npfx)) + 2,
					       xorshift(&seed));
	/* Forwarded: registered EIDs without proxy-reply (odd messages). */
	for (i = 0; i < NF; i++) {
		size_t x = (size_t)(xorshift(&seed) % nmsg) | 1;

		x = x * RECS + (size_t)(xorshift(&seed) % RECS);
		if (x >= npfx)
			x = RECS;
		ms->lens[2][i] = request_frame(ms->frames[2][i], eid_of(x), xorshift(&seed));
	}
	free(recs);
	free(regf);
	free(rlens);
}

static void teardown(struct ms *m)
{
	int k;

	lisp_free(m->l);
	router_free(m->r);
	for (k = 0; k < KINDS; k++) {
		free(m->frames[k]);
		free(m->lens[k]);
	}
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double best(const double *v)
{
	double b = v[0];
	int i;

	for (i = 1; i < ROUNDS; i++)
		if (v[i] < b)
			b = v[i];
	return b;
}

int main(int argc, char **argv)
{
	size_t nreq = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	size_t sizes[8] = { 100000, 1000000 }, ns = 2;
	static struct ms ms[8];
	double q[ROUNDS], small, big;
	char la[128];
	int i, k, round;

	if (nreq == 0) {
		fprintf(stderr, "usage: bench_ms [REQUESTS [PREFIXES...]]\n");
		return 2;
	}
	if (argc > 2) {
		for (ns = 0, i = 2; i < argc && ns < 8; i++)
			if ((sizes[ns] = strtoul(argv[i], NULL, 10)) > 0 && sizes[ns] <= 4000000)
				ns++;
		if (ns == 0)
			die("usage", "PREFIXES: 1 to 4000000");
	}
	loadavg(la, sizeof(la));
	printf("bench_ms: Map-Server, one site of configured /32s, %zu requests per round, best of %d"
	       " rounds interleaved between the sizes, memory port, one thread; load average %s\n",
	       nreq, ROUNDS, la);
	for (i = 0; i < (int)ns; i++)
		setup(&ms[i], sizes[i]);
	/* Each round answers each kind at each size in turn, so that the
	 * sizes share the machine's load alike. */
	for (round = 0; round < ROUNDS; round++)
		for (k = 0; k < KINDS; k++)
			for (i = 0; i < (int)ns; i++)
				answer(&ms[i], k, round, nreq);
	for (i = 0; i < (int)ns; i++) {
		printf("  %7zu prefixes: answers/s, CPU time (wall):", ms[i].n);
		for (k = 0; k < KINDS; k++)
			printf("  %s %8.0f (%.0f)", kind_name[k], (double)nreq / best(ms[i].cpu[k]),
			       (double)nreq / best(ms[i].wall[k]));
		printf("\n");
	}
	/* Each size against the first: the ratio of the best rounds, and the
	 * median of the rounds' ratios (the round pairs ran side by side). */
	for (i = 1; i < (int)ns; i++) {
		for (k = 0; k < KINDS; k++) {
			small = (double)nreq / best(ms[0].cpu[k]);
			big = (double)nreq / best(ms[i].cpu[k]);
			for (round = 0; round < ROUNDS; round++)
				q[round] = ms[0].cpu[k][round] / ms[i].cpu[k][round];
			qsort(q, ROUNDS, sizeof(q[0]), dbl_cmp);
			printf("  %-9s %zu/%zu: best %5.1f %%, median of rounds %5.1f %%"
			       "  (target: within 20 %%: %s)\n", kind_name[k], ms[i].n, ms[0].n,
			       100.0 * big / small, 100.0 * q[ROUNDS / 2],
			       big >= 0.8 * small ? "met" : "NOT met");
		}
	}
	for (i = 0; i < (int)ns; i++)
		teardown(&ms[i]);
	loadavg(la, sizeof(la));
	printf("  load average at the end: %s\n", la);
	return 0;
}

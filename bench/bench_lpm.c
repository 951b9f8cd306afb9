/*
 * DOC: benchmark of the longest-prefix-match table
 *
 * Builds one table of 1,000,000 random IPv4 prefixes and one of 100,000
 * random IPv6 prefixes (a realistic mix of lengths: mostly /48, /32-/64),
 * then times inserts, single-threaded lookups (one by one, and batched
 * through lpm_lookup_batch() as a data path would), the IPv4 lookups once
 * more without the front table (the trie alone, one by one and batched, as
 * the Map-Server's registry does them), and deletes, and reports
 * the table memory per stored prefix.  The random generator has a fixed
 * seed, so every run builds the same tables.  Run it pinned to one core:
 * taskset -c 1 bench/bench_lpm
 */
#include <arpa/inet.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lpm.h"

#define V4_PREFIXES	1000000
#define V6_PREFIXES	100000
#define ADDRS		(1u << 20)	/* lookup addresses, reused in passes */
#define PASSES		3		/* per round */
#define ROUNDS		3
#define TARGET_LOOKUPS	10000000.0
#define TARGET_BYTES	80.0
#define TARGET6_LOOKUPS	5000000.0
#define TARGET6_BYTES	150.0
#define BATCH		32		/* addresses per lpm_lookup_batch() */

static uint64_t
rnd(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * CPU time of this thread: the machine is shared, and wall-clock time would
 * also count the time slices other processes get on our core.
 */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * What the figures depend on besides the code: the lookup clone lpm.c picks
 * (popcnt and BMI2, or the baseline ISA) and whether glibc backs the heap
 * with transparent huge pages, which saves a page walk per lookup once the
 * table outgrows the TLB's reach.
 */
static void
env_report(void)
{
	const char *tun = getenv("GLIBC_TUNABLES");

#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	printf("CPU has popcnt and BMI2 (lpm.c's faster lookup): %s\n",
	    __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi2") ?
	    "yes" : "no");
#endif
	printf("heap on transparent huge pages (GLIBC_TUNABLES="
	    "glibc.malloc.hugetlb=1): %s\n\n", tun != NULL &&
	    strstr(tun, "glibc.malloc.hugetlb=1") != NULL ? "yes" : "no");
}

static size_t
heap_used(void)
{
	return mallinfo2().uordblks;
}

/* 55% /24, 40% /16-/23, 2% /8-/15, 3% /25-/32. */
static unsigned
v4_len(uint64_t *s)
{
	unsigned r = (unsigned)(rnd(s) % 100);

	if (r < 55)
		return 24;
	if (r < 95)
		return 16 + (unsigned)(rnd(s) % 8);
	if (r < 97)
		return 8 + (unsigned)(rnd(s) % 8);
	return 25 + (unsigned)(rnd(s) % 8);
}

/* Inside 2000::/3: 45% /48, 20% /32, 30% /33-/64 but 48, 5% /20-/31. */
static unsigned
v6_len(uint64_t *s)
{
	unsigned r = (unsigned)(rnd(s) % 100), len;

	if (r < 45)
		return 48;
	if (r < 65)
		return 32;
	if (r < 95) {
		do
			len = 33 + (unsigned)(rnd(s) % 32);
		while (len == 48);
		return len;
	}
	return 20 + (unsigned)(rnd(s) % 12);
}

static void
rnd_v6(uint64_t *s, struct addr *a)
{
	uint8_t b[16];
	uint64_t x = rnd(s), y = rnd(s);

	memcpy(b, &x, 8);
	memcpy(b + 8, &y, 8);
	b[0] = (uint8_t)(0x20 | (b[0] & 0x1f));
	addr_set_v6(a, b);
}

struct built {
	struct prefix *pfx;	/* the distinct prefixes stored */
	size_t n;
	double secs;
	size_t heap;
};

static int
build(struct lpm *t, uint16_t afi, size_t want, uint64_t *s, struct built *b)
{
	struct prefix p;
	struct addr a;
	size_t h0 = heap_used(), tries = 0;
	double t0;
	void *old;

	if ((b->pfx = calloc(want, sizeof(*b->pfx))) == NULL)
		return -1;
	b->n = 0;
	t0 = now();
	while (lpm_count(t, afi) < want) {
		if (afi == AFI_IPV4) {
			addr_set_v4(&a, (uint32_t)rnd(s));
			prefix_make(&p, &a, v4_len(s));
		} else {
			rnd_v6(s, &a);
			prefix_make(&p, &a, v6_len(s));
		}
		tries++;
		if (lpm_insert(t, &p, &b->pfx[b->n], &old) == -1)
			return -1;
		if (old == NULL)
			b->pfx[b->n++] = p;
		else
			lpm_insert(t, &p, old, NULL);	/* keep the first */
	}
	b->secs = now() - t0;
	b->heap = heap_used() - h0;
	printf("  inserted %zu distinct prefixes (%zu generated, duplicates "
	    "skipped) in %.3f s: %.0f inserts/s\n", b->n, tries, b->secs,
	    (double)tries / b->secs);
	return 0;
}

struct rate {
	double	 best, median;	/* lookups/s over the rounds */
	double	 hit;		/* fraction of lookups that matched */
};

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * ROUNDS timed rounds of PASSES passes over the addresses; the machine is
 * shared, so the best and the median round are both reported.
 */
static struct rate
time_lookups(const struct lpm *t, const struct addr *addrs, size_t n,
    bool batched)
{
	void *vals[BATCH];
	volatile uintptr_t sink;
	uintptr_t acc = 0;
	size_t hits = 0, i, j;
	unsigned k, r;
	double t0, rates[ROUNDS];
	struct rate res;
	void *v;

	for (r = 0; r < ROUNDS; r++) {
		t0 = now();
		for (k = 0; k < PASSES; k++) {
			for (i = 0; i < n && !batched; i++) {
				v = lpm_lookup(t, &addrs[i], NULL);
				acc += (uintptr_t)v;
				hits += v != NULL;
			}
			for (i = 0; i + BATCH <= n && batched; i += BATCH) {
				lpm_lookup_batch(t, &addrs[i], BATCH, vals, NULL);
				for (j = 0; j < BATCH; j++) {
					acc += (uintptr_t)vals[j];
					hits += vals[j] != NULL;
				}
			}
		}
		rates[r] = (double)n * PASSES / (now() - t0);
	}
	sink = acc;
	(void)sink;
	qsort(rates, ROUNDS, sizeof(rates[0]), dbl_cmp);
	res.best = rates[ROUNDS - 1];
	res.median = rates[ROUNDS / 2];
	res.hit = (double)hits / ((double)n * PASSES * ROUNDS);
	return res;
}

static void
print_rate(const char *what, struct rate r)
{
	printf("  %s: %u rounds of %u x %u: %.1f%% hit: best round "
	    "%.2f M/s (%.1f ns each), median %.2f M/s (%.1f ns)\n", what,
	    ROUNDS, ADDRS, PASSES, 100.0 * r.hit, r.best / 1e6, 1e9 / r.best,
	    r.median / 1e6, 1e9 / r.median);
}

static double
report_memory(const struct lpm *t, uint16_t afi, const struct built *b)
{
	size_t m = lpm_memory(t), c = lpm_count(t, afi);
	double per = (double)m / (double)c;

	printf("  table memory: lpm_memory() = %zu bytes for %zu prefixes = "
	    "%.1f bytes/prefix\n", m, c, per);
	printf("  heap growth while building (mallinfo2, includes malloc "
	    "headers and alignment): %zu bytes = %.1f bytes/prefix\n",
	    b->heap, (double)b->heap / (double)c);
	return per;
}

static double
delete_all(struct lpm *t, const struct built *b)
{
	double t0 = now();
	size_t i;

	for (i = 0; i < b->n; i++)
		if (lpm_delete(t, &b->pfx[i]) != &b->pfx[i])
			return -1;
	return now() - t0;
}

static void
print_load(const char *when)
{
	double la[3];

	if (getloadavg(la, 3) == 3)
		printf("load average %s: %.2f %.2f %.2f (2 cores shared)\n",
		    when, la[0], la[1], la[2]);
}

int
main(void)
{
	struct lpm *t4 = NULL, *t6 = NULL;
	struct built b4 = { 0 }, b6 = { 0 };
	struct addr *addrs = NULL;
	uint64_t seed = 0x6c69737072ULL;	/* fixed: "lispr" */
	struct rate r4, r4in, r4b, r4trie, r6, r6b;
	double per4, per6, d;
	size_t i, base;
	int rc = 1;

	if ((addrs = calloc(ADDRS, sizeof(*addrs))) == NULL ||
	    (t4 = lpm_new()) == NULL || (t6 = lpm_new()) == NULL)
		goto out;
	base = lpm_memory(t4);

	env_report();
	print_load("at start");
	printf("IPv4: %d random prefixes, lengths 55%% /24, 40%% /16-/23 "
	    "(uniform), 2%% /8-/15, 3%% /25-/32; addresses uniform over the "
	    "32-bit space; seed %#llx\n", V4_PREFIXES,
	    (unsigned long long)seed);
	if (build(t4, AFI_IPV4, V4_PREFIXES, &seed, &b4) == -1)
		goto out;
	per4 = report_memory(t4, AFI_IPV4, &b4);

	for (i = 0; i < ADDRS; i++)
		addr_set_v4(&addrs[i], (uint32_t)rnd(&seed));
	r4 = time_lookups(t4, addrs, ADDRS, false);
	print_rate("lookups, uniform random addresses", r4);
	r4b = time_lookups(t4, addrs, ADDRS, true);
	print_rate("batched lookups (lpm_lookup_batch of 32), same addresses",
	    r4b);
	lpm_set_front_min(t4, SIZE_MAX);
	r4trie = time_lookups(t4, addrs, ADDRS, false);
	printf("  without the front table (the trie alone): %.1f bytes/prefix\n",
	    (double)lpm_memory(t4) / (double)lpm_count(t4, AFI_IPV4));
	print_rate("lookups, same addresses, trie alone", r4trie);
	print_rate("batched lookups (lpm_lookup_batch of 32), trie alone",
	    time_lookups(t4, addrs, ADDRS, true));
	d = now();
	lpm_set_front_min(t4, 32768);	/* lpm.c's default */
	if (!lpm_has_front(t4))
		goto out;
	printf("  front table built again from the trie (as when a table "
	    "reaches 32768 prefixes, here at %zu) in %.1f ms\n",
	    lpm_count(t4, AFI_IPV4), 1e3 * (now() - d));
	for (i = 0; i < ADDRS; i++) {
		const struct prefix *p = &b4.pfx[rnd(&seed) % b4.n];
		uint32_t host = (uint32_t)rnd(&seed);

		addr_set_v4(&addrs[i], p->addr.u.v4 |
		    (host & ~len_to_mask(p->len)));
	}
	r4in = time_lookups(t4, addrs, ADDRS, false);
	print_rate("lookups, addresses inside random stored prefixes", r4in);

	printf("\nIPv6: %d random prefixes inside 2000::/3, lengths 45%% /48, "
	    "20%% /32, 30%% /33-/64 (uniform, not 48), 5%% /20-/31\n",
	    V6_PREFIXES);
	if (build(t6, AFI_IPV6, V6_PREFIXES, &seed, &b6) == -1)
		goto out;
	per6 = report_memory(t6, AFI_IPV6, &b6);
	for (i = 0; i < ADDRS; i++) {
		const struct prefix *p = &b6.pfx[rnd(&seed) % b6.n];
		struct addr r;
		unsigned j;

		rnd_v6(&seed, &r);
		addrs[i] = p->addr;
		for (j = p->len; j < 128; j++)
			if (addr_bit(&r, j))
				addrs[i].u.b[j >> 3] |= (uint8_t)(0x80 >> (j & 7));
	}
	r6 = time_lookups(t6, addrs, ADDRS, false);
	print_rate("lookups, addresses inside random stored prefixes", r6);
	r6b = time_lookups(t6, addrs, ADDRS, true);
	print_rate("batched lookups (lpm_lookup_batch of 32), same addresses",
	    r6b);

	printf("\nDeletes:\n");
	if ((d = delete_all(t4, &b4)) < 0)
		goto out;
	printf("  IPv4: deleted %zu in %.3f s (%.0f deletes/s); %zu left, "
	    "lpm_memory() back to %zu bytes (empty table: %zu)\n", b4.n, d,
	    (double)b4.n / d, lpm_count(t4, AFI_NONE), lpm_memory(t4), base);
	if ((d = delete_all(t6, &b6)) < 0)
		goto out;
	printf("  IPv6: deleted %zu in %.3f s (%.0f deletes/s); %zu left, "
	    "lpm_memory() back to %zu bytes\n", b6.n, d, (double)b6.n / d,
	    lpm_count(t6, AFI_NONE), lpm_memory(t6));

	printf("\ntarget: >= %.0f IPv4 lookups/s (uniform random addresses, "
	    "one thread): best round %.0f: %s; median round %.0f: %s\n",
	    TARGET_LOOKUPS, r4.best, r4.best >= TARGET_LOOKUPS ? "MET" :
	    "NOT MET", r4.median, r4.median >= TARGET_LOOKUPS ? "MET" :
	    "NOT MET");
	printf("target: <= %.0f bytes/prefix (IPv4, lpm_memory/count): "
	    "%.1f: %s\n", TARGET_BYTES, per4,
	    per4 <= TARGET_BYTES ? "MET" : "NOT MET");
	printf("(batched: best round %.0f, median %.0f)\n", r4b.best,
	    r4b.median);
	printf("target: >= %.0f IPv6 lookups/s (realistic table, one thread): "
	    "best round %.0f: %s; median round %.0f: %s (batched: best %.0f, "
	    "median %.0f)\n", TARGET6_LOOKUPS, r6.best, r6.best >=
	    TARGET6_LOOKUPS ? "MET" : "NOT MET", r6.median, r6.median >=
	    TARGET6_LOOKUPS ? "MET" : "NOT MET", r6b.best, r6b.median);
	printf("target: <= %.0f bytes/prefix (IPv6, lpm_memory/count): "
	    "%.1f: %s\n", TARGET6_BYTES, per6,
	    per6 <= TARGET6_BYTES ? "MET" : "NOT MET");
	print_load("at end");
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "bench_lpm: failed\n");
	lpm_free(t4, NULL);
	lpm_free(t6, NULL);
	free(b4.pfx);
	free(b6.pfx);
	free(addrs);
	return rc;
}

/*
 * DOC: the map-cache's shared lookup index (map_cache.c) against a plain
 * longest-match over the entries each instance holds
 *
 * Three instances' map caches (instance 0's, 7's and 8's, all sharing
 * l->mcx) get random static and dynamic entries of every length in a small
 * address space, so that /16s mix /17-/24 entries with shorter ones and
 * with /25-/32 ones; entries are removed, replaced, covered by dynamic
 * less-specifics and a whole map cache is freed; after every step random
 * addresses are looked up through map_cache_lookup() and map_cache_find()
 * and compared with the longest stored prefix found by a linear scan.
 * The counts (entries, and negative ones, by family) kept as entries come
 * and go are compared with a count by walking the table at each check.
 * Then map_cache_touch() and the LRU order map-cache-limit evicts by.
 */
#include <string.h>

#include "test_router_util.h"
#include "lisp.h"
#include "lisp_int.h"
#include "map_cache.h"

#define NI	3
#define MAXP	600

static const uint32_t IIDS[NI] = { 0, 7, 8 };

struct ref {
	struct prefix p[MAXP];
	struct mc_entry *e[MAXP];
	size_t n;
};

static uint64_t seed = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint32_t)(seed >> 16);
}

/* Addresses in 10.{0..3}.{0..15}.x and 11.0.x.x: few /16s, crowded. */
static uint32_t raddr(void)
{
	uint32_t r = rnd();

	if (r % 8 == 0)
		return 0x0b000000u | (rnd() & 0xffffu);
	return 0x0a000000u | (r >> 3 & 3) << 16 | (rnd() & 0x0fffu);
}

static void mkprefix(struct prefix *p, uint32_t iid, uint32_t host, unsigned len)
{
	struct addr a;

	addr_set_v4(&a, htonl(host));
	a.iid = iid;
	CU_ASSERT_EQUAL_FATAL(prefix_make(p, &a, len), 0);
}

/* Refill ref from the map cache itself (entries move on replacement). */
static int collect(struct mc_entry *e, void *arg)
{
	struct ref *r = arg;

	CU_ASSERT_FATAL(r->n < MAXP);
	r->p[r->n] = e->prefix;
	r->e[r->n++] = e;
	return 0;
}

static void check(struct lisp *l, struct map_cache **mc, unsigned naddr)
{
	static struct ref ref;
	struct addr a;
	struct mc_entry *want, *got;
	unsigned i, k, best;
	size_t j;

	for (k = 0; k < NI; k++) {
		if (!mc[k])
			continue;
		size_t neg = 0, got_neg = 99;

		ref.n = 0;
		map_cache_walk(mc[k], collect, &ref);
		for (j = 0; j < ref.n; j++)
			neg += ref.e[j]->negative;
		CU_ASSERT_EQUAL(map_cache_count_afi(mc[k], AFI_IPV4, &got_neg), ref.n);
		CU_ASSERT_EQUAL(got_neg, neg);
		CU_ASSERT_EQUAL(map_cache_count(mc[k], &got_neg), ref.n);
		CU_ASSERT_EQUAL(got_neg, neg);
		CU_ASSERT_EQUAL(map_cache_count_afi(mc[k], AFI_IPV6, &got_neg), 0);
		CU_ASSERT_EQUAL(got_neg, 0);
		for (i = 0; i < naddr; i++) {
			addr_set_v4(&a, htonl(raddr()));
			a.iid = IIDS[k];
			want = NULL;
			best = 0;
			for (j = 0; j < ref.n; j++)
				if (ref.p[j].addr.afi == AFI_IPV4 &&
				    ((ntohl(a.u.v4) ^ ntohl(ref.p[j].addr.u.v4)) &
				     (ref.p[j].len ? 0xffffffffu << (32 - ref.p[j].len) : 0)) == 0 &&
				    (!want || ref.p[j].len > best)) {
					want = ref.e[j];
					best = ref.p[j].len;
				}
			got = map_cache_lookup(mc[k], &a);
			CU_ASSERT_PTR_EQUAL(got, want);
			CU_ASSERT_PTR_EQUAL(map_cache_find(l->mcx, mc[k], IIDS[k], &a), want);
			if (got != want) {
				char b1[ADDR_STRLEN];

				fprintf(stderr, "instance %u %s: got /%u, want /%u\n", IIDS[k],
					addr_fmt(&a, b1, sizeof(b1)), got ? got->prefix.len : 99,
					want ? want->prefix.len : 99);
				return;
			}
		}
	}
}

static void test_index_random(void)
{
	struct trt T;
	struct lisp *l;
	struct map_cache *mc[NI];
	struct mc_entry t;
	struct prefix p;
	unsigned step, k, len;
	int rc;

	trt_setup(&T);
	l = lisp_new(T.r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	mc[0] = lisp_inst_of(l, 0)->mc;
	for (k = 1; k < NI; k++) {
		mc[k] = map_cache_new(l, router_loop(T.r), IIDS[k]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(mc[k]);
		map_cache_set_limit(mc[k], 150);
	}
	map_cache_set_limit(mc[0], 150);
	for (step = 0; step < 3000; step++) {
		k = rnd() % NI;
		if (!mc[k])
			continue;
		/* mostly /17-/24, some /8-/16 and /25-/32 */
		switch (rnd() % 6) {
		case 0: len = 8 + rnd() % 9; break;
		case 1: len = 25 + rnd() % 8; break;
		default: len = 17 + rnd() % 8; break;
		}
		mkprefix(&p, IIDS[k], raddr(), len);
		if (rnd() % 4 == 0) {
			rc = map_cache_remove(mc[k], &p);
			CU_ASSERT(rc == 0 || rc == -1);
		} else {
			memset(&t, 0, sizeof(t));
			t.prefix = p;
			/* dynamic ones replace what they cover and are evicted
			 * at the limit */
			t.source = rnd() % 2 ? LISP_MC_MAP_REPLY : LISP_MC_STATIC;
			t.negative = rnd() % 3 != 0;
			t.action = LISP_ACT_NATIVE_FWD;
			t.ttl = 10;
			if (!t.negative) {
				t.n = 1;
				addr_set_v4(&t.locs[0].addr, htonl(0xc0000201u));
				t.locs[0].priority = 1;
				t.locs[0].weight = 100;
				t.locs[0].reachable = true;
			}
			rc = map_cache_install(mc[k], &t);
			CU_ASSERT(rc == 0 || rc == 1);
		}
		if (step % 50 == 0)
			check(l, mc, 200);
		if (step == 2000) {
			/* instance 7 goes: its blocks leave the shared index */
			map_cache_free(mc[1]);
			mc[1] = NULL;
			check(l, mc, 500);
		}
		if (step == 2500)
			map_cache_clear_dynamic(mc[2]);
	}
	check(l, mc, 2000);
	for (k = 1; k < NI; k++) {
		map_cache_free(mc[k]);
		mc[k] = NULL;
	}
	check(l, mc, 200);
	lisp_free(l);
	trt_teardown(&T);
}

/* map_cache_touch() keeps the LRU order: the entry a packet used last
 * is evicted last, whichever it was (head, middle or tail). */
static void test_touch_lru(void)
{
	struct trt T;
	struct lisp *l;
	struct map_cache *mc;
	struct mc_entry t, *e;
	struct prefix p[5];
	struct addr a;
	unsigned i;

	trt_setup(&T);
	l = lisp_new(T.r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	mc = lisp_inst_of(l, 0)->mc;
	map_cache_set_limit(mc, 3);
	for (i = 0; i < 5; i++)
		mkprefix(&p[i], 0, 0x0a000000u | i << 8, 24);
	memset(&t, 0, sizeof(t));
	t.source = LISP_MC_MAP_REPLY;
	t.negative = true;
	t.action = LISP_ACT_NATIVE_FWD;
	t.ttl = 10;
	for (i = 0; i < 3; i++) {
		t.prefix = p[i];
		CU_ASSERT_EQUAL_FATAL(map_cache_install(mc, &t), 0);
	}
	/* LRU order now 2 1 0; touch 0 (the tail: 0 2 1), then 2 (now in
	 * the middle: 2 0 1) */
	for (i = 0; i < 3; i += 2) {
		a = p[i].addr;
		CU_ASSERT_PTR_NOT_NULL_FATAL(e = map_cache_lookup(mc, &a));
		map_cache_touch(mc, e, 100, 1);
	}
	/* order 2 0 1: the next two installs evict 1, then 0 */
	t.prefix = p[3];
	CU_ASSERT_EQUAL(map_cache_install(mc, &t), 0);
	CU_ASSERT_PTR_NULL(map_cache_exact(mc, &p[1]));
	CU_ASSERT_PTR_NOT_NULL(map_cache_exact(mc, &p[0]));
	/* order 3 2 0; touch 0 (0 3 2), then 0 again (the head: no
	 * move): 2 goes next */
	a = p[0].addr;
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = map_cache_lookup(mc, &a));
	map_cache_touch(mc, e, 100, 2);
	map_cache_touch(mc, e, 100, 2);
	CU_ASSERT_EQUAL(e->pkts, 3);
	CU_ASSERT_EQUAL(e->last_used, 2);
	t.prefix = p[4];
	CU_ASSERT_EQUAL(map_cache_install(mc, &t), 0);
	CU_ASSERT_PTR_NULL(map_cache_exact(mc, &p[2]));
	CU_ASSERT_PTR_NOT_NULL(map_cache_exact(mc, &p[0]));
	CU_ASSERT_PTR_NOT_NULL(map_cache_exact(mc, &p[3]));
	CU_ASSERT_PTR_NOT_NULL(map_cache_exact(mc, &p[4]));
	lisp_free(l);
	trt_teardown(&T);
}

static CU_TestInfo tests[] = {
	{ "shared index against a linear longest match", test_index_random },
	{ "touch keeps the LRU order", test_touch_lru },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "map_cache", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

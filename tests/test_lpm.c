/*
 * DOC: tests of the longest-prefix-match table (src/lib/lpm.c)
 *
 * Hand-made cases for every function of lpm.h in both families, then a
 * randomised run (fixed seed) that checks every answer of the table against
 * a plain array searched linearly, with inserts and deletes interleaved;
 * also with tables kept small (lpm.c's list of a small table's prefixes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "lpm.h"
#include "cunit_main.h"

static struct addr
A(const char *s)
{
	struct addr a;

	CU_ASSERT_EQUAL_FATAL(addr_parse(s, &a, NULL, 0), 0);
	return a;
}

static struct prefix
P(const char *s)
{
	struct prefix p;

	CU_ASSERT_EQUAL_FATAL(prefix_parse(s, &p, NULL, 0), 0);
	return p;
}

static const char *
pfmt(const struct prefix *p)
{
	static char buf[8][PREFIX_STRLEN];
	static unsigned k;

	return prefix_fmt(p, buf[k++ % 8], PREFIX_STRLEN);
}

/* Values are the addresses of these, so a wrong value is visible. */
static int V[64];

static void
ins(struct lpm *t, const char *s, int *v)
{
	struct prefix p = P(s);
	void *old = &V[63];

	CU_ASSERT_EQUAL(lpm_insert(t, &p, v, &old), 0);
	CU_ASSERT_PTR_NULL(old);
}

/* Longest match of address s: the matched prefix as text, or "miss". */
static const char *
look(const struct lpm *t, const char *s, void **vp)
{
	static char buf[PREFIX_STRLEN];
	struct addr a = A(s);
	struct prefix m;
	void *v;

	memset(&m, 0xa5, sizeof(m));
	v = lpm_lookup(t, &a, &m);
	if (vp != NULL)
		*vp = v;
	if (v == NULL)
		return "miss";
	CU_ASSERT_TRUE(prefix_contains(&m, &a));
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &m), v);
	return prefix_fmt(&m, buf, sizeof(buf));
}

static const char *
neg(const struct lpm *t, const char *s)
{
	static char buf[PREFIX_STRLEN];
	struct addr a = A(s);
	struct prefix p;

	if (lpm_negative(t, &a, &p) == -1)
		return "covered";
	CU_ASSERT_TRUE(prefix_contains(&p, &a));
	return prefix_fmt(&p, buf, sizeof(buf));
}

static void
test_insert_lookup_v4(void)
{
	struct lpm *t = lpm_new();
	void *v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.3", NULL), "miss");
	ins(t, "10.0.0.0/8", &V[1]);
	ins(t, "10.1.0.0/16", &V[2]);
	ins(t, "10.1.2.0/24", &V[3]);
	ins(t, "10.1.2.128/25", &V[4]);
	ins(t, "10.1.2.3/32", &V[5]);
	ins(t, "10.1.3.0/24", &V[6]);
	ins(t, "11.0.0.0/9", &V[7]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 7);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV6), 0);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), 7);

	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.3", &v), "10.1.2.3/32");
	CU_ASSERT_PTR_EQUAL(v, &V[5]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.4", &v), "10.1.2.0/24");
	CU_ASSERT_PTR_EQUAL(v, &V[3]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.200", &v), "10.1.2.128/25");
	CU_ASSERT_PTR_EQUAL(v, &V[4]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.3.255", NULL), "10.1.3.0/24");
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.4.1", NULL), "10.1.0.0/16");
	CU_ASSERT_STRING_EQUAL(look(t, "10.200.0.1", NULL), "10.0.0.0/8");
	CU_ASSERT_STRING_EQUAL(look(t, "11.127.255.255", NULL), "11.0.0.0/9");
	CU_ASSERT_STRING_EQUAL(look(t, "11.128.0.0", NULL), "miss");
	CU_ASSERT_STRING_EQUAL(look(t, "9.255.255.255", NULL), "miss");
	/* a lookup without match, and an IPv6 address on an IPv4-only table */
	{
		struct addr a = A("10.1.2.3");

		CU_ASSERT_PTR_EQUAL(lpm_lookup(t, &a, NULL), &V[5]);
		a = A("::a01:203");
		CU_ASSERT_PTR_NULL(lpm_lookup(t, &a, NULL));
		memset(&a, 0, sizeof(a));
		CU_ASSERT_PTR_NULL(lpm_lookup(t, &a, NULL));
	}
	lpm_free(t, NULL);
}

static void
test_exact_replace(void)
{
	struct lpm *t = lpm_new();
	struct prefix p = P("192.168.0.0/16"), q;
	void *old = NULL;

	ins(t, "192.168.0.0/16", &V[1]);
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[1]);
	q = P("192.168.0.0/17");
	CU_ASSERT_PTR_NULL(lpm_exact(t, &q));
	q = P("192.168.0.0/15");
	CU_ASSERT_PTR_NULL(lpm_exact(t, &q));
	q = P("192.169.0.0/16");
	CU_ASSERT_PTR_NULL(lpm_exact(t, &q));

	CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[2], &old), 0);
	CU_ASSERT_PTR_EQUAL(old, &V[1]);
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[2]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 1);
	CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[3], NULL), 0);
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[3]);

	/* a key with host bits is taken masked */
	q = p;
	q.addr.u.b[3] = 9;
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &q), &V[3]);
	CU_ASSERT_EQUAL(lpm_insert(t, &q, &V[4], &old), 0);
	CU_ASSERT_PTR_EQUAL(old, &V[3]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 1);

	/* rejected inserts leave the table alone */
	CU_ASSERT_EQUAL(lpm_insert(t, &p, NULL, &old), -1);
	q = p;
	q.len = 33;
	CU_ASSERT_EQUAL(lpm_insert(t, &q, &V[5], &old), -1);
	CU_ASSERT_PTR_NULL(lpm_exact(t, &q));
	CU_ASSERT_PTR_NULL(lpm_delete(t, &q));
	q.addr.afi = AFI_NONE;
	q.len = 0;
	CU_ASSERT_EQUAL(lpm_insert(t, &q, &V[5], &old), -1);
	CU_ASSERT_PTR_NULL(old);
	q.addr.afi = AFI_IPV6;
	q.len = 129;
	CU_ASSERT_EQUAL(lpm_insert(t, &q, &V[5], NULL), -1);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), 1);
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[4]);
	lpm_free(t, NULL);
}

static void
test_delete(void)
{
	struct lpm *t = lpm_new();
	struct prefix p;
	size_t empty = lpm_memory(t);

	CU_ASSERT_TRUE(empty > 0);
	ins(t, "10.0.0.0/8", &V[1]);
	ins(t, "10.1.0.0/16", &V[2]);
	ins(t, "10.1.2.0/24", &V[3]);
	ins(t, "10.1.2.3/32", &V[4]);
	CU_ASSERT_TRUE(lpm_memory(t) > empty);

	p = P("10.1.0.0/16");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[2]);
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	CU_ASSERT_PTR_NULL(lpm_exact(t, &p));
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 3);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.9.9", NULL), "10.0.0.0/8");
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.9", NULL), "10.1.2.0/24");
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.3", NULL), "10.1.2.3/32");

	/* absent prefixes, including ones on an existing path */
	p = P("10.1.2.0/23");
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	p = P("10.1.2.2/32");
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	p = P("99.0.0.0/8");
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	p = P("0.0.0.0/0");
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	p = P("10.1.2.3/32");
	p.addr.afi = AFI_IPV6;
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 3);

	p = P("10.1.2.3/32");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[4]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.3", NULL), "10.1.2.0/24");
	p = P("10.0.0.0/8");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[1]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.9.9.9", NULL), "miss");
	p = P("10.1.2.0/24");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[3]);
	CU_ASSERT_STRING_EQUAL(look(t, "10.1.2.9", NULL), "miss");
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), 0);
	/* the nodes emptied by the deletes were freed */
	CU_ASSERT_EQUAL(lpm_memory(t), empty);
	lpm_free(t, NULL);
}

static void
test_edges(void)
{
	struct lpm *t = lpm_new();
	struct prefix p;
	void *old;

	/* /0 of each family, kept apart */
	ins(t, "0.0.0.0/0", &V[1]);
	CU_ASSERT_STRING_EQUAL(look(t, "1.2.3.4", NULL), "0.0.0.0/0");
	CU_ASSERT_STRING_EQUAL(look(t, "255.255.255.255", NULL), "0.0.0.0/0");
	CU_ASSERT_STRING_EQUAL(look(t, "::1", NULL), "miss");
	ins(t, "::/0", &V[2]);
	CU_ASSERT_STRING_EQUAL(look(t, "::1", NULL), "::/0");
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 1);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV6), 1);
	p = P("0.0.0.0/0");
	CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[3], &old), 0);
	CU_ASSERT_PTR_EQUAL(old, &V[1]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 1);

	/* host routes at the last level of each family */
	ins(t, "255.255.255.255/32", &V[4]);
	ins(t, "0.0.0.0/32", &V[5]);
	ins(t, "128.0.0.0/1", &V[6]);
	ins(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", &V[7]);
	ins(t, "::/128", &V[8]);
	ins(t, "2001:db8::1/128", &V[9]);
	CU_ASSERT_STRING_EQUAL(look(t, "255.255.255.255", NULL), "255.255.255.255/32");
	CU_ASSERT_STRING_EQUAL(look(t, "255.255.255.254", NULL), "128.0.0.0/1");
	CU_ASSERT_STRING_EQUAL(look(t, "0.0.0.0", NULL), "0.0.0.0/32");
	CU_ASSERT_STRING_EQUAL(look(t, "0.0.0.1", NULL), "0.0.0.0/0");
	CU_ASSERT_STRING_EQUAL(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", NULL),
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	CU_ASSERT_STRING_EQUAL(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", NULL),
	    "::/0");
	CU_ASSERT_STRING_EQUAL(look(t, "::", NULL), "::/128");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::1", NULL), "2001:db8::1/128");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::2", NULL), "::/0");

	p = P("0.0.0.0/0");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[3]);
	CU_ASSERT_STRING_EQUAL(look(t, "0.0.0.1", NULL), "miss");
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 3);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV6), 4);
	CU_ASSERT_EQUAL(lpm_count(t, 99), 0);
	lpm_free(t, NULL);
}

static void
test_v6(void)
{
	struct lpm *t = lpm_new();
	struct prefix p;
	void *v;

	ins(t, "2001:db8::/32", &V[1]);
	ins(t, "2001:db8:1::/48", &V[2]);
	ins(t, "2001:db8:1:2::/64", &V[3]);
	ins(t, "2001:db8:1:2:8000::/65", &V[4]);
	ins(t, "2001:db8:8000::/33", &V[5]);
	ins(t, "2000::/3", &V[6]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV6), 6);
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1:2::1", &v), "2001:db8:1:2::/64");
	CU_ASSERT_PTR_EQUAL(v, &V[3]);
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1:2:8000::1", NULL),
	    "2001:db8:1:2:8000::/65");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1:3::1", NULL), "2001:db8:1::/48");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:2::1", NULL), "2001:db8::/32");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:8001::1", NULL), "2001:db8:8000::/33");
	CU_ASSERT_STRING_EQUAL(look(t, "3fff::1", NULL), "2000::/3");
	CU_ASSERT_STRING_EQUAL(look(t, "4000::1", NULL), "miss");
	CU_ASSERT_STRING_EQUAL(look(t, "10.0.0.1", NULL), "miss");

	p = P("2001:db8:1::/48");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[2]);
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1:3::1", NULL), "2001:db8::/32");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1:2::1", NULL), "2001:db8:1:2::/64");
	lpm_free(t, NULL);
}

struct rec {
	char	 s[64][PREFIX_STRLEN];
	void	*v[64];
	int	 n;
	int	 stop_at;	/* stop after this many, 0: never */
};

static int
rec_fn(const struct prefix *p, void *value, void *arg)
{
	struct rec *r = arg;

	if (r->n < 64) {
		prefix_fmt(p, r->s[r->n], PREFIX_STRLEN);
		r->v[r->n] = value;
	}
	r->n++;
	return r->stop_at != 0 && r->n >= r->stop_at ? 42 : 0;
}

static void
check_rec(const struct rec *r, const char *const *want, int n)
{
	int i;

	CU_ASSERT_EQUAL(r->n, n);
	for (i = 0; i < n && i < r->n; i++) {
		if (strcmp(r->s[i], want[i]) != 0)
			fprintf(stderr, "walk[%d]: got %s, want %s\n", i,
			    r->s[i], want[i]);
		CU_ASSERT_STRING_EQUAL(r->s[i], want[i]);
	}
}

/*
 * IPv6 paths skip the bytes where nothing branches: a lone /128 costs one
 * node, and the nodes appear and go as paths part and join.
 */
static void
test_v6_compressed(void)
{
	static const char *const all[] = {
		"::/0", "2001:db8::/32", "2001:db8::1/128", "2001:db8::2/128",
		"2001:db8:1::/48",
	};
	static const char *const in64[] = { "2001:db8::1/128", "2001:db8::2/128" };
	struct lpm *t = lpm_new();
	size_t m0 = lpm_memory(t), m1;
	struct prefix p, m;
	struct rec r;
	int i;

	ins(t, "2001:db8::1/128", &V[1]);
	m1 = lpm_memory(t) - m0;
	/* one node of about 300 bytes, not fifteen */
	CU_ASSERT_TRUE(m1 < 600);
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::1", NULL), "2001:db8::1/128");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::3", NULL), "miss");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:0:0:1::1", NULL), "miss");
	/* a leaves the compressed path at byte 8: 0x80 vs 0x00, 64 bits */
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::8000:0:0:1"),
	    "2001:db8:0:0:8000::/65");
	/* 2001:db8::3 vs ::1: 0000 0011 vs 0000 0001 share 126 bits */
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::3"), "2001:db8::2/127");
	CU_ASSERT_STRING_EQUAL(neg(t, "3001::1"), "3000::/4");

	ins(t, "2001:db8::2/128", &V[2]);
	/* a branching node comes with a prefix and goes with it */
	m1 = lpm_memory(t);
	ins(t, "2001:db8:1::/48", &V[3]);	/* parts at byte 5 */
	CU_ASSERT_TRUE(lpm_memory(t) > m1);
	p = P("2001:db8:1::/48");
	CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[3]);
	CU_ASSERT_EQUAL(lpm_memory(t), m1);
	ins(t, "2001:db8:1::/48", &V[3]);
	ins(t, "2001:db8::/32", &V[4]);		/* above both */
	ins(t, "::/0", &V[5]);
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::1", NULL), "2001:db8::1/128");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::2", NULL), "2001:db8::2/128");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::3", NULL), "2001:db8::/32");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:1::9", NULL), "2001:db8:1::/48");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db8:2::9", NULL), "2001:db8::/32");
	CU_ASSERT_STRING_EQUAL(look(t, "2001:db9::1", NULL), "::/0");

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_IPV6, rec_fn, &r), 0);
	check_rec(&r, all, 5);
	memset(&r, 0, sizeof(r));
	p = P("2001:db8::/64");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in64, 2);
	memset(&r, 0, sizeof(r));
	p = P("2001:db8::/127");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in64, 1);
	p = P("2001:db8::4/126");
	CU_ASSERT_FALSE(lpm_covers_any(t, &p));
	p = P("2001:db8::/40");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));
	p = P("2001:db8::3/128");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[4]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "2001:db8::/32");
	p = P("2001:db8::1/128");
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[1]);
	p = P("2001:db8::/64");
	CU_ASSERT_PTR_NULL(lpm_exact(t, &p));
	CU_ASSERT_PTR_NULL(lpm_delete(t, &p));

	/* deleting joins the paths again and frees every node */
	for (i = 4; i >= 0; i--) {
		p = P(all[i]);
		CU_ASSERT_PTR_NOT_NULL(lpm_delete(t, &p));
		if (i == 3) {
			CU_ASSERT_STRING_EQUAL(look(t, "2001:db8::1", NULL),
			    "2001:db8::1/128");
		}
	}
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), 0);
	CU_ASSERT_EQUAL(lpm_memory(t), m0);
	lpm_free(t, NULL);
}

/* The instance ID is not part of the key; a match carries the address's. */
static void
test_iid(void)
{
	struct lpm *t = lpm_new();
	struct prefix p = P("10.0.0.0/8"), m;
	struct addr a = A("10.1.1.1");

	p.addr.iid = 5;
	CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[1], NULL), 0);
	p.addr.iid = 0;
	CU_ASSERT_PTR_EQUAL(lpm_exact(t, &p), &V[1]);
	a.iid = 7;
	CU_ASSERT_PTR_EQUAL(lpm_lookup(t, &a, &m), &V[1]);
	CU_ASSERT_EQUAL(m.addr.iid, 7);
	CU_ASSERT_TRUE(prefix_contains(&m, &a));
	lpm_free(t, NULL);
}

static const char *const walk_set[] = {
	"0.0.0.0/0", "0.0.0.0/1", "0.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16",
	"10.0.0.0/24", "10.0.0.0/32", "10.0.0.1/32", "10.0.0.128/25",
	"10.1.0.0/16", "10.1.0.0/24", "10.128.0.0/9", "11.0.0.0/8",
	"128.0.0.0/1", "192.168.0.0/16", "255.255.255.255/32",
	"::/0", "::/1", "2001:db8::/32", "2001:db8::/48", "2001:db8:0:1::/64",
	"2001:db8:1::/48", "ffff::/16",
};
#define WALK_N4 16
#define WALK_N (int)(sizeof(walk_set) / sizeof(walk_set[0]))

static struct lpm *
walk_table(void)
{
	struct lpm *t = lpm_new();
	int i, j;

	/* insert in a scrambled order: 7 is coprime with the set size */
	for (i = 0, j = 0; i < WALK_N; i++, j = (j + 7) % WALK_N)
		ins(t, walk_set[j], &V[j]);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), WALK_N);
	return t;
}

static void
test_walk_order(void)
{
	struct lpm *t = walk_table();
	struct rec r;
	int i;

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_IPV4, rec_fn, &r), 0);
	check_rec(&r, walk_set, WALK_N4);
	for (i = 0; i < WALK_N4 && i < r.n; i++)
		CU_ASSERT_PTR_EQUAL(r.v[i], &V[i]);

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_IPV6, rec_fn, &r), 0);
	check_rec(&r, walk_set + WALK_N4, WALK_N - WALK_N4);

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_NONE, rec_fn, &r), 0);
	check_rec(&r, walk_set, WALK_N);

	/* the callback's non-zero return stops the walk and is returned */
	memset(&r, 0, sizeof(r));
	r.stop_at = 5;
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_NONE, rec_fn, &r), 42);
	CU_ASSERT_EQUAL(r.n, 5);
	memset(&r, 0, sizeof(r));
	r.stop_at = WALK_N4 + 1;
	CU_ASSERT_EQUAL(lpm_walk(t, AFI_NONE, rec_fn, &r), 42);
	CU_ASSERT_STRING_EQUAL(r.s[WALK_N4], "::/0");

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk(t, 77, rec_fn, &r), 0);
	CU_ASSERT_EQUAL(r.n, 0);
	lpm_free(t, NULL);
}

/* Resuming after any prefix, stored or not, gives the rest of the order. */
static void
test_walk_after(void)
{
	static const char *const absent[] = {
		"0.0.0.0/2", "9.0.0.0/8", "10.0.0.0/12", "10.0.0.2/32", "10.0.0.64/26",
		"10.200.0.0/16", "200.0.0.0/8", "2001:db8::/40", "fe00::/8",
	};
	struct lpm *t = walk_table();
	struct prefix p, q;
	struct rec r;
	int i, j, k;

	for (i = 0; i < WALK_N; i++) {
		p = P(walk_set[i]);
		memset(&r, 0, sizeof(r));
		CU_ASSERT_EQUAL(lpm_walk_after(t, AFI_NONE, &p, rec_fn, &r), 0);
		check_rec(&r, walk_set + i + 1, WALK_N - i - 1);
		memset(&r, 0, sizeof(r));
		CU_ASSERT_EQUAL(lpm_walk_after(t, AFI_IPV4, &p, rec_fn, &r), 0);
		CU_ASSERT_EQUAL(r.n, i < WALK_N4 ? WALK_N4 - i - 1 : 0);
	}
	for (k = 0; k < (int)(sizeof(absent) / sizeof(absent[0])); k++) {
		p = P(absent[k]);
		/* the first stored prefix after it in the walk's order */
		for (j = 0; j < WALK_N; j++) {
			q = P(walk_set[j]);
			if (q.addr.afi != p.addr.afi)
				continue;
			if (memcmp(q.addr.u.b, p.addr.u.b, 16) > 0 ||
			    (memcmp(q.addr.u.b, p.addr.u.b, 16) == 0 && q.len > p.len))
				break;
		}
		if (p.addr.afi == AFI_IPV4 && j == WALK_N)
			j = WALK_N4;
		memset(&r, 0, sizeof(r));
		CU_ASSERT_EQUAL(lpm_walk_after(t, AFI_NONE, &p, rec_fn, &r), 0);
		check_rec(&r, walk_set + j, WALK_N - j);
	}
	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(lpm_walk_after(t, AFI_NONE, NULL, rec_fn, &r), 0);
	CU_ASSERT_EQUAL(r.n, WALK_N);
	/* paging through in slices of three visits each prefix once */
	for (i = 0, j = 0; j < WALK_N; i++) {
		memset(&r, 0, sizeof(r));
		r.stop_at = 3;
		lpm_walk_after(t, AFI_NONE, j ? &q : NULL, rec_fn, &r);
		CU_ASSERT_TRUE(r.n >= 1 && r.n <= 3);
		for (k = 0; k < r.n; k++)
			CU_ASSERT_STRING_EQUAL(r.s[k], walk_set[j + k]);
		j += r.n;
		q = P(r.s[r.n - 1]);
	}
	CU_ASSERT_EQUAL(i, (WALK_N + 2) / 3);
	lpm_free(t, NULL);
}

static void
test_walk_covered(void)
{
	static const char *const in10[] = {
		"10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "10.0.0.0/32",
		"10.0.0.1/32", "10.0.0.128/25", "10.1.0.0/16", "10.1.0.0/24",
		"10.128.0.0/9",
	};
	static const char *const in10_0_0[] = {
		"10.0.0.0/24", "10.0.0.0/32", "10.0.0.1/32", "10.0.0.128/25",
	};
	static const char *const in10_0_0_0_31[] = {
		"10.0.0.0/32", "10.0.0.1/32",
	};
	static const char *const in0_7[] = { "0.0.0.0/8", };
	static const char *const in_db8[] = {
		"2001:db8::/32", "2001:db8::/48", "2001:db8:0:1::/64",
		"2001:db8:1::/48",
	};
	struct lpm *t = walk_table();
	struct prefix p;
	struct rec r;

	memset(&r, 0, sizeof(r));
	p = P("10.0.0.0/8");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in10, 9);

	memset(&r, 0, sizeof(r));
	p = P("10.0.0.0/7");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	CU_ASSERT_EQUAL(r.n, 10);
	CU_ASSERT_STRING_EQUAL(r.s[9], "11.0.0.0/8");

	memset(&r, 0, sizeof(r));
	p = P("10.0.0.0/24");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in10_0_0, 4);

	memset(&r, 0, sizeof(r));
	p = P("10.0.0.0/31");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in10_0_0_0_31, 2);

	memset(&r, 0, sizeof(r));
	p = P("0.0.0.0/5");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in0_7, 1);

	memset(&r, 0, sizeof(r));
	p = P("0.0.0.0/0");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, walk_set, WALK_N4);

	memset(&r, 0, sizeof(r));
	p = P("2001:db8::/32");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	check_rec(&r, in_db8, 4);

	/* nothing stored below, or no node on the path at all */
	memset(&r, 0, sizeof(r));
	p = P("10.0.1.0/24");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	p = P("12.0.0.0/8");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	p = P("2001:db9::/32");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 0);
	CU_ASSERT_EQUAL(r.n, 0);

	memset(&r, 0, sizeof(r));
	r.stop_at = 2;
	p = P("10.0.0.0/8");
	CU_ASSERT_EQUAL(lpm_walk_covered(t, &p, rec_fn, &r), 42);
	CU_ASSERT_EQUAL(r.n, 2);
	lpm_free(t, NULL);
}

static void
test_covers_any_covering(void)
{
	struct lpm *t = lpm_new();
	struct prefix p, m;

	p = P("10.0.0.0/8");
	CU_ASSERT_FALSE(lpm_covers_any(t, &p));
	CU_ASSERT_PTR_NULL(lpm_covering(t, &p, &m));
	ins(t, "10.1.0.0/16", &V[1]);
	ins(t, "10.1.2.0/24", &V[2]);
	ins(t, "2001:db8::/32", &V[3]);

	CU_ASSERT_TRUE(lpm_covers_any(t, &p));
	p = P("10.1.0.0/16");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));		/* itself */
	p = P("10.1.2.0/23");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));
	p = P("10.1.3.0/24");
	CU_ASSERT_FALSE(lpm_covers_any(t, &p));
	p = P("10.1.2.0/25");
	CU_ASSERT_FALSE(lpm_covers_any(t, &p));
	p = P("0.0.0.0/0");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));
	p = P("::/0");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));
	p = P("2001:db8:1::/48");
	CU_ASSERT_FALSE(lpm_covers_any(t, &p));
	p = P("2001::/16");
	CU_ASSERT_TRUE(lpm_covers_any(t, &p));

	p = P("10.1.2.128/25");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[2]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "10.1.2.0/24");
	p = P("10.1.2.0/24");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[2]);	/* itself */
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "10.1.2.0/24");
	p = P("10.1.2.0/23");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[1]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "10.1.0.0/16");
	p = P("10.0.0.0/8");
	CU_ASSERT_PTR_NULL(lpm_covering(t, &p, &m));
	p = P("10.1.9.9/32");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, NULL), &V[1]);
	p = P("2001:db8:ffff::/48");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[3]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "2001:db8::/32");
	p = P("0.0.0.0/0");
	CU_ASSERT_PTR_NULL(lpm_covering(t, &p, &m));
	ins(t, "0.0.0.0/0", &V[4]);
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[4]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "0.0.0.0/0");
	p = P("10.0.0.0/8");
	CU_ASSERT_PTR_EQUAL(lpm_covering(t, &p, &m), &V[4]);
	CU_ASSERT_STRING_EQUAL(pfmt(&m), "0.0.0.0/0");
	lpm_free(t, NULL);
}

static void
test_negative_v4(void)
{
	struct lpm *t = lpm_new();

	/* nothing stored: the whole family is negative */
	CU_ASSERT_STRING_EQUAL(neg(t, "4.2.2.2"), "0.0.0.0/0");
	ins(t, "192.168.1.0/24", &V[1]);
	ins(t, "192.168.2.0/24", &V[2]);
	/* 4 = 00000100, 192 = 11000000: they differ in bit 0, so /1 */
	CU_ASSERT_STRING_EQUAL(neg(t, "4.2.2.2"), "0.0.0.0/1");
	/* 192.168.3.1 shares 23 bits with 192.168.2.0 (3 = 0000001 1) */
	CU_ASSERT_STRING_EQUAL(neg(t, "192.168.3.1"), "192.168.3.0/24");
	/* 192.168.0.1: 0 vs 1 = 0000000 0 / 0000000 1: 23 bits shared */
	CU_ASSERT_STRING_EQUAL(neg(t, "192.168.0.1"), "192.168.0.0/24");
	CU_ASSERT_STRING_EQUAL(neg(t, "192.168.1.77"), "covered");
	/* 128.0.0.1 shares bit 0 with 192 only: /2 */
	CU_ASSERT_STRING_EQUAL(neg(t, "128.0.0.1"), "128.0.0.0/2");
	lpm_free(t, NULL);

	t = lpm_new();
	ins(t, "10.0.0.0/16", &V[1]);
	/* 10.128 vs 10.0: 128 = 1 0000000, differs at bit 8: /9 */
	CU_ASSERT_STRING_EQUAL(neg(t, "10.128.0.1"), "10.128.0.0/9");
	/* 10.1 vs 10.0 share 15 bits: /16 */
	CU_ASSERT_STRING_EQUAL(neg(t, "10.1.0.1"), "10.1.0.0/16");
	lpm_free(t, NULL);

	/* the worked examples of the protocol reference */
	t = lpm_new();
	ins(t, "192.168.0.0/16", &V[1]);
	CU_ASSERT_STRING_EQUAL(neg(t, "4.2.2.2"), "0.0.0.0/1");
	ins(t, "10.0.0.0/8", &V[2]);
	CU_ASSERT_STRING_EQUAL(neg(t, "11.1.1.1"), "11.0.0.0/8");
	CU_ASSERT_STRING_EQUAL(neg(t, "192.169.1.1"), "192.169.0.0/16");
	/* both neighbours count: 12 = 00001100 shares 5 bits with 10 and
	 * 6 with 14 = 00001110 */
	ins(t, "14.0.0.0/8", &V[3]);
	CU_ASSERT_STRING_EQUAL(neg(t, "12.0.0.1"), "12.0.0.0/7");
	lpm_free(t, NULL);

	/* a host route: the answer can be a /32 */
	t = lpm_new();
	ins(t, "10.0.0.0/32", &V[1]);
	CU_ASSERT_STRING_EQUAL(neg(t, "10.0.0.1"), "10.0.0.1/32");
	CU_ASSERT_STRING_EQUAL(neg(t, "10.0.0.0"), "covered");
	/* a /0 covers everything */
	ins(t, "0.0.0.0/0", &V[2]);
	CU_ASSERT_STRING_EQUAL(neg(t, "99.0.0.1"), "covered");
	/* and the other family is unaffected */
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::1"), "::/0");
	lpm_free(t, NULL);
}

/*
 * IPv6 expectations, bit by bit:
 *  2001:db8::1 vs 2001:db8:1::/48: the third 16-bit groups are 0000 and
 *   0001, so 47 bits are shared and the answer is 2001:db8::/48.
 *  2001:db9::1 vs 2001:db8::/32: db9 vs db8 differ in bit 31 only, so the
 *   answer is 2001:db9::/32.
 *  3000::1 vs 2001:db8::/32: 0x30 = 0011 0000 and 0x20 = 0010 0000 share
 *   3 bits: 3000::/4.
 *  2001:db8::1 vs 2001:db8::/128: 127 bits shared: 2001:db8::1/128.
 */
static void
test_negative_v6(void)
{
	struct lpm *t = lpm_new();

	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::1"), "::/0");
	ins(t, "2001:db8:1::/48", &V[1]);
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::1"), "2001:db8::/48");
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8:1::1"), "covered");
	ins(t, "2001:db8::/32", &V[2]);
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::1"), "covered");
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db9::1"), "2001:db9::/32");
	CU_ASSERT_STRING_EQUAL(neg(t, "3000::1"), "3000::/4");
	CU_ASSERT_STRING_EQUAL(neg(t, "8000::1"), "8000::/1");
	lpm_free(t, NULL);

	t = lpm_new();
	ins(t, "2001:db8::/128", &V[1]);
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::1"), "2001:db8::1/128");
	CU_ASSERT_STRING_EQUAL(neg(t, "2001:db8::"), "covered");
	/* the IPv4 side of the table is empty */
	CU_ASSERT_STRING_EQUAL(neg(t, "10.0.0.1"), "0.0.0.0/0");
	lpm_free(t, NULL);
}

static int freed;

static void
count_free(void *v)
{
	CU_ASSERT_PTR_NOT_NULL(v);
	freed++;
}

static void
test_free_values(void)
{
	struct lpm *t = lpm_new();

	ins(t, "0.0.0.0/0", &V[1]);
	ins(t, "10.0.0.0/8", &V[2]);
	ins(t, "10.1.2.3/32", &V[3]);
	ins(t, "::/0", &V[4]);
	ins(t, "2001:db8::/32", &V[5]);
	ins(t, "2001:db8::1/128", &V[6]);
	freed = 0;
	lpm_free(t, count_free);
	CU_ASSERT_EQUAL(freed, 6);
	lpm_free(NULL, count_free);
	CU_ASSERT_EQUAL(freed, 6);
}

/* ---------------------------------------------------------------- random */

#define REF_MAX 4096

struct ref {
	struct prefix p[REF_MAX];
	void	*v[REF_MAX];
	int	 n;
};

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static int
ref_find(const struct ref *r, const struct prefix *p)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (prefix_eq(&r->p[i], p))
			return i;
	return -1;
}

static int
ref_lookup(const struct ref *r, const struct addr *a)
{
	int i, best = -1;

	for (i = 0; i < r->n; i++)
		if (prefix_contains(&r->p[i], a) &&
		    (best == -1 || r->p[i].len > r->p[best].len))
			best = i;
	return best;
}

static int
ref_negative(const struct ref *r, const struct addr *a)
{
	unsigned len = 0, c;
	int i;

	for (i = 0; i < r->n; i++) {
		if (r->p[i].addr.afi != a->afi)
			continue;
		if (prefix_contains(&r->p[i], a))
			return -1;
		c = addr_common_bits(&r->p[i].addr, a) + 1;
		if (c > len)
			len = c;
	}
	return (int)len;
}

static int
prefix_qcmp(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

/*
 * Random addresses from a small pool of /16 (v4) or /32 (v6) blocks, so
 * that prefixes nest, collide and share trie paths.
 */
static void
rnd_addr(uint64_t *s, uint16_t afi, struct addr *a)
{
	static const uint8_t v4[][2] = { {10, 0}, {10, 1}, {10, 128}, {0, 0},
	    {255, 255}, {192, 168}, {11, 0}, {127, 255} };
	static const uint8_t v6[][4] = { {0x20, 0x01, 0x0d, 0xb8},
	    {0x20, 0x01, 0x0d, 0xb9}, {0, 0, 0, 0}, {0xff, 0xff, 0xff, 0xff},
	    {0x30, 0, 0, 0} };
	uint64_t x = rnd(s), y = rnd(s);
	uint8_t b[16];
	unsigned k = (unsigned)(rnd(s) % 16);

	memcpy(b, &x, 8);
	memcpy(b + 8, &y, 8);
	if (afi == AFI_IPV4) {
		if (k < 8)
			memcpy(b, v4[k], 2);
		memset(a, 0, sizeof(*a));
		a->afi = AFI_IPV4;
		memcpy(a->u.b, b, 4);
	} else {
		if (k < 10)
			memcpy(b, v6[k % 5], 4);
		if (k < 5)	/* deep and narrow: long shared paths */
			memset(b + 4, 0, 10);
		addr_set_v6(a, b);
	}
}

static unsigned
rnd_len(uint64_t *s, uint16_t afi)
{
	unsigned r = (unsigned)(rnd(s) % 100);

	if (afi == AFI_IPV4)
		return r < 3 ? 0 : r < 60 ? 16 + (unsigned)(rnd(s) % 17) :
		    (unsigned)(rnd(s) % 33);
	return r < 3 ? 0 : r < 30 ? 112 + (unsigned)(rnd(s) % 17) :
	    (unsigned)(rnd(s) % 129);
}

struct wcheck {
	const struct prefix *want;
	void *const *vals;
	const struct ref *r;
	int n, i, bad;
};

static int
wcheck_fn(const struct prefix *p, void *value, void *arg)
{
	struct wcheck *w = arg;
	int k;

	if (w->i >= w->n || !prefix_eq(p, &w->want[w->i]))
		w->bad++;
	else if ((k = ref_find(w->r, p)) == -1 || w->r->v[k] != value)
		w->bad++;
	w->i++;
	return 0;
}

/* lpm_walk_covered(q) (or the whole family) equals the sorted reference. */
static void
check_walk(const struct lpm *t, const struct ref *r, uint16_t afi,
    const struct prefix *q)
{
	static struct prefix want[REF_MAX];
	struct wcheck w;
	int i, n = 0;

	for (i = 0; i < r->n; i++)
		if (r->p[i].addr.afi == afi &&
		    (q == NULL || prefix_covers(q, &r->p[i])))
			want[n++] = r->p[i];
	qsort(want, (size_t)n, sizeof(want[0]), prefix_qcmp);
	memset(&w, 0, sizeof(w));
	w.want = want;
	w.n = n;
	w.r = r;
	if (q == NULL) {
		CU_ASSERT_EQUAL(lpm_walk(t, afi, wcheck_fn, &w), 0);
	} else {
		CU_ASSERT_EQUAL(lpm_walk_covered(t, q, wcheck_fn, &w), 0);
	}
	CU_ASSERT_EQUAL(w.i, n);
	CU_ASSERT_EQUAL(w.bad, 0);
	if (q != NULL)
		CU_ASSERT_EQUAL(lpm_covers_any(t, q), n > 0);
	if (q == NULL)
		return;
	/* lpm_walk_after(q): the family's prefixes after q, in order */
	for (i = n = 0; i < r->n; i++)
		if (r->p[i].addr.afi == afi && prefix_qcmp(&r->p[i], q) > 0)
			want[n++] = r->p[i];
	qsort(want, (size_t)n, sizeof(want[0]), prefix_qcmp);
	memset(&w, 0, sizeof(w));
	w.want = want;
	w.n = n;
	w.r = r;
	CU_ASSERT_EQUAL(lpm_walk_after(t, afi, q, wcheck_fn, &w), 0);
	CU_ASSERT_EQUAL(w.i, n);
	CU_ASSERT_EQUAL(w.bad, 0);
}

/*
 * lpm_lookup_batch() agrees with lpm_lookup() on n addresses of family afi
 * (a batch not a multiple of the group size, some of the other family
 * mixed in); returns the mismatches.
 */
static int
check_batch(const struct lpm *t, uint16_t afi, uint64_t *s, size_t n)
{
	struct addr a[40];
	struct prefix m[40], pm;
	void *v[40], *w;
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++)
		rnd_addr(s, i % 13 == 12 ? (afi == AFI_IPV4 ? AFI_IPV6 :
		    AFI_IPV4) : afi, &a[i]);
	memset(m, 0, sizeof(m));
	lpm_lookup_batch(t, a, n, v, m);
	for (i = 0; i < n; i++) {
		w = lpm_lookup(t, &a[i], &pm);
		bad += v[i] != w || (w != NULL && !prefix_eq(&m[i], &pm));
	}
	lpm_lookup_batch(t, a, n, v, NULL);
	for (i = 0; i < n; i++)
		bad += v[i] != lpm_lookup(t, &a[i], NULL);
	return bad;
}

/* cap: at most that many prefixes (REF_MAX: grow the table). */
static void
random_run(uint16_t afi, uint64_t seed, int ops, bool front, int cap)
{
	static struct ref r;
	struct lpm *t = lpm_new();
	struct prefix p, m;
	struct addr a;
	size_t empty;
	void *old, *v;
	int op, i, k, mism = 0, nins = 0, ndel = 0;

	if (front)
		lpm_set_front_min(t, 0);
	CU_ASSERT_EQUAL(lpm_has_front(t), front);
	empty = lpm_memory(t);
	memset(&r, 0, sizeof(r));
	for (op = 0; op < ops; op++) {
		unsigned what = (unsigned)(rnd(&seed) % 100);

		rnd_addr(&seed, afi, &a);
		prefix_make(&p, &a, rnd_len(&seed, afi));
		if (what < 45 && r.n < cap) {
			k = ref_find(&r, &p);
			v = &V[op % 64];
			CU_ASSERT_EQUAL(lpm_insert(t, &p, v, &old), 0);
			if (k == -1) {
				mism += old != NULL;
				r.p[r.n] = p;
				r.v[r.n++] = v;
			} else {
				mism += old != r.v[k];
				r.v[k] = v;
			}
			nins++;
		} else if (what < 75) {
			/* delete: half the time a stored prefix */
			if (r.n > 0 && (rnd(&seed) & 1))
				p = r.p[rnd(&seed) % (unsigned)r.n];
			k = ref_find(&r, &p);
			v = lpm_delete(t, &p);
			if (k == -1)
				mism += v != NULL;
			else {
				mism += v != r.v[k];
				r.p[k] = r.p[r.n - 1];
				r.v[k] = r.v[--r.n];
				ndel++;
			}
		}
		/* after every operation: queries against the reference */
		k = ref_lookup(&r, &a);
		v = lpm_lookup(t, &a, &m);
		if (k == -1)
			mism += v != NULL;
		else
			mism += v != r.v[k] || !prefix_eq(&m, &r.p[k]);
		/* and inside a stored prefix, its host bits random */
		if (r.n > 0) {
			struct addr h;
			uint64_t x = rnd(&seed);
			unsigned b;

			i = (int)(rnd(&seed) % (unsigned)r.n);
			h = r.p[i].addr;
			for (b = r.p[i].len; b < addr_bits(afi); b++)
				if ((x >> (b % 64)) & 1)
					h.u.b[b / 8] |= (uint8_t)(0x80u >> (b % 8));
			k = ref_lookup(&r, &h);
			v = lpm_lookup(t, &h, &m);
			mism += k == -1 || v != r.v[k] || !prefix_eq(&m, &r.p[k]);
		}
		k = ref_find(&r, &p);
		mism += lpm_exact(t, &p) != (k == -1 ? NULL : r.v[k]);
		i = ref_negative(&r, &a);
		if (lpm_negative(t, &a, &m) == -1)
			mism += i != -1;
		else
			mism += i != m.len || !prefix_contains(&m, &a);
		/* covering: the longest stored prefix covering p */
		for (i = 0, k = -1; i < r.n; i++)
			if (prefix_covers(&r.p[i], &p) &&
			    (k == -1 || r.p[i].len > r.p[k].len))
				k = i;
		v = lpm_covering(t, &p, &m);
		if (k == -1)
			mism += v != NULL;
		else
			mism += v != r.v[k] || !prefix_eq(&m, &r.p[k]);
		if (op % 97 == 0)
			check_walk(t, &r, afi, &p);
		if (op % 31 == 0)
			mism += check_batch(t, afi, &seed, 1 + (size_t)op % 40);
		if (op % 1000 == 999)
			check_walk(t, &r, afi, NULL);
		mism += lpm_count(t, afi) != (size_t)r.n;
	}
	CU_ASSERT_EQUAL(mism, 0);
	CU_ASSERT_TRUE(nins > ops / (cap < REF_MAX ? 5 : 3));
	CU_ASSERT_TRUE(ndel > ops / 10);
	CU_ASSERT_TRUE(r.n > (cap < REF_MAX ? 0 : 100));
	check_walk(t, &r, afi, NULL);

	/* deleting everything frees every node */
	while (r.n > 0) {
		CU_ASSERT_PTR_EQUAL(lpm_delete(t, &r.p[r.n - 1]), r.v[r.n - 1]);
		r.n--;
	}
	CU_ASSERT_EQUAL(lpm_count(t, AFI_NONE), 0);
	CU_ASSERT_EQUAL(lpm_memory(t), empty);
	lpm_free(t, NULL);
}

static void
test_random_v4(void)
{
	random_run(AFI_IPV4, 0x1234567887654321ULL, 20000, false, REF_MAX);
}

/*
 * Small tables, around the size where lookups switch between the list of
 * prefixes and the trie (lpm.c: SMALL_MAX): every size from empty to twice
 * that, the /0 in and out.
 */
static void
test_random_v4_small(void)
{
	random_run(AFI_IPV4, 0x5a5a5a5a12345678ULL, 20000, false, 3);
	random_run(AFI_IPV4, 0x0123456789abcdefULL, 20000, false, 6);
	random_run(AFI_IPV4, 0x0badcafe0badcafeULL, 20000, false, 9);
}

static void
test_random_v6(void)
{
	random_run(AFI_IPV6, 0x0fedcba987654321ULL, 20000, false, REF_MAX);
}

/*
 * The negative prefix in dense nodes, as a Map-Server's registry of host
 * EIDs has them: up to 400 random /17-/32 (mostly /25-/32) in four /24s
 * of 10.1.0.0/16 and a few /9-/16, every address of the four /24s
 * against the reference.
 */
static void
test_negative_dense(void)
{
	static struct ref r;
	struct prefix p, m;
	struct addr a;
	uint64_t seed = 0x6e6567ULL;
	unsigned run, k, x, y, mism = 0, neg = 0, pos = 0;
	int want;

	for (run = 0; run < 12; run++) {
		struct lpm *t = lpm_new();

		memset(&r, 0, sizeof(r));
		for (k = 0; k < 1 + run * 33; k++) {
			addr_set_v4(&a, 0);
			a.u.b[0] = 10;
			a.u.b[1] = 1;
			a.u.b[2] = (uint8_t)(rnd(&seed) % 4);
			a.u.b[3] = (uint8_t)rnd(&seed);
			if (k % 17 == 16)
				a.u.b[1] = (uint8_t)rnd(&seed);
			prefix_make(&p, &a, k % 17 == 16 ? 9 + (unsigned)(rnd(&seed) % 8) :
			    k % 9 == 8 ? 17 + (unsigned)(rnd(&seed) % 8) :
			    25 + (unsigned)(rnd(&seed) % 8));
			if (ref_find(&r, &p) != -1)
				continue;
			CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[k % 64], NULL), 0);
			r.p[r.n] = p;
			r.v[r.n++] = &V[k % 64];
		}
		for (x = 0; x < 4; x++) {
			for (y = 0; y < 256; y++) {
				addr_set_v4(&a, 0);
				a.u.b[0] = 10;
				a.u.b[1] = 1;
				a.u.b[2] = (uint8_t)x;
				a.u.b[3] = (uint8_t)y;
				want = ref_negative(&r, &a);
				if (lpm_negative(t, &a, &m) == -1) {
					mism += want != -1;
					pos++;
				} else {
					mism += want != m.len || !prefix_contains(&m, &a);
					neg++;
				}
			}
		}
		lpm_free(t, NULL);
	}
	CU_ASSERT_EQUAL(mism, 0);
	CU_ASSERT_TRUE(neg > 1000);
	CU_ASSERT_TRUE(pos > 1000);
}

/* The same through the IPv4 front table (built from the start). */
static void
test_random_v4_front(void)
{
	random_run(AFI_IPV4, 0x1234567887654321ULL, 20000, true, REF_MAX);
	random_run(AFI_IPV4, 0x5eed5eed5eed5eedULL, 20000, true, REF_MAX);
}

/*
 * The front table is built when the count reaches the threshold and
 * dropped below half of it; lookups agree with the trie's all along, on
 * every /16 and below it (/17-/24 chunks, /25-/32 child chunks, the /0).
 */
static void
test_front_switch(void)
{
	struct lpm *t = lpm_new(), *u = lpm_new();
	struct prefix p, pm, um;
	struct addr a;
	uint64_t s = 0xf00dULL;
	unsigned i, n = 0, mism = 0;
	void *vt, *vu;

	lpm_set_front_min(t, 2000);
	lpm_set_front_min(u, SIZE_MAX);		/* the trie only */
	for (i = 0; i < 3000; i++) {
		rnd_addr(&s, AFI_IPV4, &a);
		prefix_make(&p, &a, rnd_len(&s, AFI_IPV4));
		CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[i % 64], NULL), 0);
		CU_ASSERT_EQUAL(lpm_insert(u, &p, &V[i % 64], NULL), 0);
		if (lpm_count(t, AFI_IPV4) == 1999)
			CU_ASSERT_FALSE(lpm_has_front(t));
	}
	CU_ASSERT_TRUE(lpm_has_front(t));
	CU_ASSERT_FALSE(lpm_has_front(u));
	CU_ASSERT_TRUE(lpm_memory(t) > lpm_memory(u) + 65536 * 16);
	for (i = 0; i < 200000; i++) {
		rnd_addr(&s, AFI_IPV4, &a);
		vt = lpm_lookup(t, &a, &pm);
		vu = lpm_lookup(u, &a, &um);
		mism += vt != vu || (vt != NULL && !prefix_eq(&pm, &um));
		n += vt != NULL;
	}
	for (i = 0; i < 1000; i++)
		mism += (unsigned)check_batch(t, AFI_IPV4, &s, 40);
	CU_ASSERT_EQUAL(mism, 0);
	CU_ASSERT_TRUE(n > 1000);
	/* delete down to below 1000: the front goes, the memory with it */
	s = 0xf00dULL;
	for (i = 0; i < 3000 && lpm_count(t, AFI_IPV4) >= 999; i++) {
		rnd_addr(&s, AFI_IPV4, &a);
		prefix_make(&p, &a, rnd_len(&s, AFI_IPV4));
		CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), lpm_delete(u, &p));
	}
	CU_ASSERT_FALSE(lpm_has_front(t));
	CU_ASSERT_EQUAL(lpm_memory(t), lpm_memory(u));
	lpm_set_front_min(t, 0);
	CU_ASSERT_TRUE(lpm_has_front(t));
	for (i = 0; i < 200000; i++) {
		rnd_addr(&s, AFI_IPV4, &a);
		vt = lpm_lookup(t, &a, &pm);
		vu = lpm_lookup(u, &a, &um);
		mism += vt != vu || (vt != NULL && !prefix_eq(&pm, &um));
	}
	CU_ASSERT_EQUAL(mism, 0);
	lpm_free(t, NULL);
	lpm_free(u, NULL);
}

/* A dense node: every prefix of lengths 1-16 under 10.0.0.0/8's subtree. */
static void
test_dense(void)
{
	struct lpm *t = lpm_new();
	struct prefix p;
	struct addr a;
	unsigned len, v, n = 0;
	char buf[PREFIX_STRLEN];

	for (len = 9; len <= 16; len++) {
		for (v = 0; v < (1u << (len - 8)); v++) {
			addr_set_v4(&a, 0);
			a.u.b[0] = 10;
			a.u.b[1] = (uint8_t)(v << (16 - len));
			prefix_make(&p, &a, len);
			CU_ASSERT_EQUAL(lpm_insert(t, &p, &V[len], NULL), 0);
			n++;
		}
	}
	CU_ASSERT_EQUAL(n, 510);
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 510);
	for (v = 0; v < 256; v++) {
		addr_set_v4(&a, 0);
		a.u.b[0] = 10;
		a.u.b[1] = (uint8_t)v;
		a.u.b[3] = 1;
		CU_ASSERT_PTR_EQUAL(lpm_lookup(t, &a, &p), &V[16]);
		snprintf(buf, sizeof(buf), "10.%u.0.0/16", v);
		CU_ASSERT_STRING_EQUAL(pfmt(&p), buf);
	}
	/* remove the /16s one by one: the /15s take over */
	for (v = 0; v < 256; v++) {
		addr_set_v4(&a, 0);
		a.u.b[0] = 10;
		a.u.b[1] = (uint8_t)v;
		prefix_make(&p, &a, 16);
		CU_ASSERT_PTR_EQUAL(lpm_delete(t, &p), &V[16]);
		CU_ASSERT_PTR_EQUAL(lpm_lookup(t, &a, &p), &V[15]);
		CU_ASSERT_EQUAL(p.len, 15);
	}
	CU_ASSERT_EQUAL(lpm_count(t, AFI_IPV4), 254);
	lpm_free(t, NULL);
}

static CU_TestInfo tests[] = {
	{ "insert and lookup IPv4", test_insert_lookup_v4 },
	{ "exact and replace", test_exact_replace },
	{ "delete", test_delete },
	{ "/0, /32 and /128 edges", test_edges },
	{ "IPv6", test_v6 },
	{ "IPv6 path compression", test_v6_compressed },
	{ "instance ID not part of the key", test_iid },
	{ "ordered walk", test_walk_order },
	{ "walk resumed after a prefix", test_walk_after },
	{ "walk of covered prefixes", test_walk_covered },
	{ "covers_any and covering", test_covers_any_covering },
	{ "negative prefix IPv4", test_negative_v4 },
	{ "negative prefix IPv6", test_negative_v6 },
	{ "free with values", test_free_values },
	{ "a full node", test_dense },
	{ "random IPv4 against a reference", test_random_v4 },
	{ "random small IPv4 tables against a reference", test_random_v4_small },
	{ "random IPv6 against a reference", test_random_v6 },
	{ "negative prefix in dense nodes", test_negative_dense },
	{ "random IPv4 through the front table", test_random_v4_front },
	{ "front table built and dropped", test_front_switch },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lpm", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

CUNIT_MAIN(suites)

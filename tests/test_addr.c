/*
 * DOC: tests of addresses and prefixes (src/lib/addr.c), and of the hash
 * table of configuration items (src/lib/htab.c)
 *
 * Parsing and formatting of both families, every error message of the
 * prefix parsers, masking at the /0, /32 and /128 edges, and the order and
 * containment predicates; the hash table through its growth, with
 * colliding hashes and removals.
 */
#include <arpa/inet.h>
#include <string.h>

#include "addr.h"
#include "htab.h"
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
	char err[128] = "";

	if (prefix_parse(s, &p, err, sizeof(err)) != 0)
		fprintf(stderr, "prefix_parse(%s): %s\n", s, err);
	CU_ASSERT_EQUAL_FATAL(prefix_parse(s, &p, err, sizeof(err)), 0);
	return p;
}

/* prefix_parse must fail with exactly this message. */
static void
bad_prefix(const char *s, const char *msg)
{
	struct prefix p;
	char err[128] = "";

	CU_ASSERT_EQUAL(prefix_parse(s, &p, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, msg);
}

static void
bad_mask(const char *a, const char *m, const char *msg)
{
	struct prefix p;
	char err[128] = "";

	CU_ASSERT_EQUAL(prefix_parse_mask(a, m, &p, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, msg);
}

static const char *
pfmt(const struct prefix *p)
{
	static char buf[8][PREFIX_STRLEN];
	static unsigned k;

	return prefix_fmt(p, buf[k++ % 8], PREFIX_STRLEN);
}

static void
test_family_sizes(void)
{
	CU_ASSERT_EQUAL(addr_bits(AFI_IPV4), 32);
	CU_ASSERT_EQUAL(addr_bits(AFI_IPV6), 128);
	CU_ASSERT_EQUAL(addr_bits(AFI_NONE), 0);
	CU_ASSERT_EQUAL(addr_bits(77), 0);
	CU_ASSERT_EQUAL(addr_bytes(AFI_IPV4), 4);
	CU_ASSERT_EQUAL(addr_bytes(AFI_IPV6), 16);
	CU_ASSERT_EQUAL(addr_bytes(AFI_NONE), 0);
}

static void
test_parse_format_v4(void)
{
	struct addr a;
	char buf[ADDR_STRLEN], err[64] = "";

	CU_ASSERT_EQUAL(addr_parse("192.0.2.1", &a, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(addr_is_v4(&a));
	CU_ASSERT_FALSE(addr_is_v6(&a));
	CU_ASSERT_EQUAL(a.iid, 0);
	CU_ASSERT_EQUAL(a.u.v4, htonl(0xc0000201));
	CU_ASSERT_EQUAL(a.u.b[0], 192);
	CU_ASSERT_EQUAL(a.u.b[3], 1);
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "192.0.2.1");
	a = A("0.0.0.0");
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "0.0.0.0");
	a = A("255.255.255.255");
	CU_ASSERT_EQUAL(a.u.v4, 0xffffffffu);
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "255.255.255.255");

	addr_set_v4(&a, htonl(0x0a000001));
	CU_ASSERT_TRUE(addr_is_v4(&a));
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "10.0.0.1");
}

static void
test_parse_format_v6(void)
{
	static const uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct addr a;
	char buf[ADDR_STRLEN];

	a = A("2001:db8::1");
	CU_ASSERT_TRUE(addr_is_v6(&a));
	CU_ASSERT_FALSE(addr_is_v4(&a));
	CU_ASSERT_EQUAL(memcmp(a.u.b, b, 16), 0);
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "2001:db8::1");
	a = A("2001:0DB8:0000:0000:0000:0000:0000:0001");
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "2001:db8::1");
	a = A("::");
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "::");
	a = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	CU_ASSERT_EQUAL(a.u.b[0], 0xff);
	CU_ASSERT_EQUAL(a.u.b[15], 0xff);
	a = A("::ffff:192.0.2.1");
	CU_ASSERT_TRUE(addr_is_v6(&a));
	CU_ASSERT_EQUAL(a.u.b[12], 192);

	addr_set_v6(&a, b);
	CU_ASSERT_TRUE(addr_is_v6(&a));
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "2001:db8::1");
}

static void
test_parse_errors(void)
{
	struct addr a;
	char err[64];

	strcpy(err, "");
	CU_ASSERT_EQUAL(addr_parse("192.0.2", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "invalid IPv4 address");
	CU_ASSERT_EQUAL(addr_parse("192.0.2.256", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "invalid IPv4 address");
	CU_ASSERT_EQUAL(addr_parse("192.0.2.1 ", &a, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(addr_parse("hello", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "invalid IPv4 address");
	CU_ASSERT_EQUAL(addr_parse("2001:db8::1::2", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "invalid IPv6 address");
	CU_ASSERT_EQUAL(addr_parse("2001:db8:g::1", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "invalid IPv6 address");
	CU_ASSERT_EQUAL(addr_parse("", &a, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "missing address");
	CU_ASSERT_EQUAL(addr_parse(NULL, &a, err, sizeof(err)), -1);
	/* err may be NULL, and a short buffer is truncated, not overrun */
	CU_ASSERT_EQUAL(addr_parse("x", &a, NULL, 0), -1);
	memset(err, 'Z', sizeof(err));
	CU_ASSERT_EQUAL(addr_parse("x", &a, err, 5), -1);
	CU_ASSERT_STRING_EQUAL(err, "inva");
	CU_ASSERT_EQUAL(err[5], 'Z');
}

static void
test_fmt_small_buffer(void)
{
	struct addr a = A("192.168.100.200");
	struct prefix p = P("192.168.100.0/24");
	char buf[8];

	memset(buf, 'Z', sizeof(buf));
	addr_fmt(&a, buf, 6);
	CU_ASSERT_STRING_EQUAL(buf, "192.1");
	CU_ASSERT_EQUAL(buf[6], 'Z');
	prefix_fmt(&p, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "192.168");
	memset(&a, 0, sizeof(a));
	CU_ASSERT_STRING_EQUAL(addr_fmt(&a, buf, sizeof(buf)), "none");
}

static void
test_prefix_parse(void)
{
	struct prefix p;
	char buf[PREFIX_STRLEN];

	p = P("192.168.1.0/24");
	CU_ASSERT_EQUAL(p.len, 24);
	CU_ASSERT_TRUE(addr_is_v4(&p.addr));
	CU_ASSERT_STRING_EQUAL(prefix_fmt(&p, buf, sizeof(buf)), "192.168.1.0/24");
	p = P("0.0.0.0/0");
	CU_ASSERT_EQUAL(p.len, 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "0.0.0.0/0");
	p = P("10.1.2.3/32");
	CU_ASSERT_EQUAL(p.len, 32);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "10.1.2.3/32");
	p = P("10.0.0.0/08");
	CU_ASSERT_EQUAL(p.len, 8);
	p = P("2001:db8::/32");
	CU_ASSERT_EQUAL(p.len, 32);
	CU_ASSERT_TRUE(addr_is_v6(&p.addr));
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "2001:db8::/32");
	p = P("::/0");
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "::/0");
	p = P("2001:db8::1/128");
	CU_ASSERT_EQUAL(p.len, 128);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "2001:db8::1/128");
	p = P("2001:db8:8000::/33");
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "2001:db8:8000::/33");
}

static void
test_prefix_parse_errors(void)
{
	bad_prefix("192.168.1.0", "missing mask length in 192.168.1.0");
	bad_prefix("192.168.1.0/", "missing mask length in 192.168.1.0/");
	bad_prefix("192.168.1.0/33", "mask length 33 out of range 0-32");
	bad_prefix("2001:db8::/129", "mask length 129 out of range 0-128");
	bad_prefix("10.0.0.0/99999999999",
	    "mask length 99999999999 out of range 0-32");
	bad_prefix("192.168.1.0/2a", "invalid mask length '2a'");
	bad_prefix("192.168.1.0/-1", "invalid mask length '-1'");
	bad_prefix("192.168.1.0/ 24", "invalid mask length ' 24'");
	bad_prefix("192.168.1.0/24/1", "invalid mask length '24/1'");
	bad_prefix("192.168.1.1/24", "host bits set in 192.168.1.1/24");
	bad_prefix("0.0.0.1/0", "host bits set in 0.0.0.1/0");
	bad_prefix("10.128.0.0/8", "host bits set in 10.128.0.0/8");
	bad_prefix("2001:db8::1/64", "host bits set in 2001:db8::1/64");
	bad_prefix("::1/0", "host bits set in ::1/0");
	bad_prefix("300.1.1.0/24", "invalid IPv4 address");
	bad_prefix("2001:db8:::/48", "invalid IPv6 address");
	bad_prefix("/24", "missing address");
	bad_prefix("", "missing prefix");
	bad_prefix("1234567890123456789012345678901234567890123456789012345678"
	    "90/8", "invalid address in 1234567890123456789012345678901234567"
	    "89012345678901234567890/8");
}

static void
test_prefix_parse_mask(void)
{
	struct prefix p;
	char err[128];

	CU_ASSERT_EQUAL(prefix_parse_mask("192.168.1.0", "255.255.255.0", &p,
	    err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "192.168.1.0/24");
	CU_ASSERT_EQUAL(prefix_parse_mask("0.0.0.0", "0.0.0.0", &p, err,
	    sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "0.0.0.0/0");
	CU_ASSERT_EQUAL(prefix_parse_mask("10.1.1.1", "255.255.255.255", &p,
	    err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "10.1.1.1/32");
	CU_ASSERT_EQUAL(prefix_parse_mask("172.16.0.0", "255.240.0.0", &p,
	    err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "172.16.0.0/12");

	bad_mask("192.168.1.0", "255.0.255.0", "non-contiguous mask 255.0.255.0");
	bad_mask("192.168.1.0", "0.255.255.255", "non-contiguous mask 0.255.255.255");
	bad_mask("192.168.1.1", "255.255.255.0",
	    "host bits set in 192.168.1.1 255.255.255.0");
	bad_mask("192.168.1.0", "255.255.255", "invalid mask 255.255.255");
	bad_mask("192.168.1.0", "ffff::", "invalid mask ffff::");
	bad_mask("192.168.1.0", "", "missing mask");
	bad_mask("192.168.1", "255.255.255.0", "invalid IPv4 address");
	bad_mask("2001:db8::", "255.255.0.0", "a dotted mask needs an IPv4 address");
}

static void
test_masks(void)
{
	CU_ASSERT_EQUAL(mask_to_len(0), 0);
	CU_ASSERT_EQUAL(mask_to_len(0xffffffffu), 32);
	CU_ASSERT_EQUAL(mask_to_len(0xff000000u), 8);
	CU_ASSERT_EQUAL(mask_to_len(0x80000000u), 1);
	CU_ASSERT_EQUAL(mask_to_len(0xfffffffeu), 31);
	CU_ASSERT_EQUAL(mask_to_len(0xff00ff00u), -1);
	CU_ASSERT_EQUAL(mask_to_len(0x000000ffu), -1);
	CU_ASSERT_EQUAL(mask_to_len(0x7fffffffu), -1);
	CU_ASSERT_EQUAL(mask_to_len(0x00000001u), -1);

	CU_ASSERT_EQUAL(len_to_mask(0), 0);
	CU_ASSERT_EQUAL(len_to_mask(32), 0xffffffffu);
	CU_ASSERT_EQUAL(len_to_mask(24), htonl(0xffffff00u));
	CU_ASSERT_EQUAL(len_to_mask(1), htonl(0x80000000u));
	CU_ASSERT_EQUAL(len_to_mask(40), 0xffffffffu);
	for (unsigned l = 0; l <= 32; l++)
		CU_ASSERT_EQUAL(mask_to_len(ntohl(len_to_mask(l))), (int)l);
}

static void
test_prefix_make(void)
{
	struct addr a = A("192.168.171.205"), z;
	struct prefix p;

	CU_ASSERT_EQUAL(prefix_make(&p, &a, 32), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "192.168.171.205/32");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 24), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "192.168.171.0/24");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 20), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "192.168.160.0/20");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 1), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "128.0.0.0/1");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 0), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "0.0.0.0/0");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 33), -1);

	a = A("2001:db8:abcd:1234:5678:9abc:def0:1234");
	a.iid = 7;
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 128), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "2001:db8:abcd:1234:5678:9abc:def0:1234/128");
	CU_ASSERT_EQUAL(p.addr.iid, 7);
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 36), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "2001:db8:a000::/36");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 0), 0);
	CU_ASSERT_STRING_EQUAL(pfmt(&p), "::/0");
	CU_ASSERT_EQUAL(prefix_make(&p, &a, 129), -1);

	memset(&z, 0, sizeof(z));
	CU_ASSERT_EQUAL(prefix_make(&p, &z, 0), -1);
}

static void
test_cmp(void)
{
	struct addr a = A("10.0.0.1"), b = A("10.0.0.2"), c = A("::1");
	struct prefix p, q;

	CU_ASSERT_TRUE(addr_cmp(&a, &b) < 0);
	CU_ASSERT_TRUE(addr_cmp(&b, &a) > 0);
	CU_ASSERT_EQUAL(addr_cmp(&a, &a), 0);
	CU_ASSERT_TRUE(addr_eq(&a, &a));
	CU_ASSERT_FALSE(addr_eq(&a, &b));
	/* AFI first: every IPv4 address sorts before every IPv6 address */
	b = A("255.255.255.255");
	CU_ASSERT_TRUE(addr_cmp(&b, &c) < 0);
	/* then the instance ID */
	b = A("10.0.0.0");
	a.iid = 1;
	CU_ASSERT_TRUE(addr_cmp(&a, &b) > 0);
	CU_ASSERT_FALSE(addr_eq(&a, &b));

	p = P("10.0.0.0/8");
	q = P("10.0.0.0/16");
	CU_ASSERT_TRUE(prefix_cmp(&p, &q) < 0);
	CU_ASSERT_TRUE(prefix_cmp(&q, &p) > 0);
	CU_ASSERT_FALSE(prefix_eq(&p, &q));
	q = P("10.0.0.0/8");
	CU_ASSERT_TRUE(prefix_eq(&p, &q));
	q = P("9.0.0.0/32");
	CU_ASSERT_TRUE(prefix_cmp(&q, &p) < 0);
}

static void
test_common_bits(void)
{
	struct addr a = A("10.0.0.0"), b = A("10.128.0.1"), c;

	CU_ASSERT_EQUAL(addr_common_bits(&a, &b), 8);
	CU_ASSERT_EQUAL(addr_common_bits(&a, &a), 32);
	c = A("138.0.0.0");
	CU_ASSERT_EQUAL(addr_common_bits(&a, &c), 0);
	c = A("10.0.0.1");
	CU_ASSERT_EQUAL(addr_common_bits(&a, &c), 31);
	a = A("2001:db8::");
	b = A("2001:db8::1");
	CU_ASSERT_EQUAL(addr_common_bits(&a, &b), 127);
	CU_ASSERT_EQUAL(addr_common_bits(&a, &a), 128);
	b = A("2001:db9::");
	CU_ASSERT_EQUAL(addr_common_bits(&a, &b), 31);
	b = A("a001::");
	CU_ASSERT_EQUAL(addr_common_bits(&a, &b), 0);
}

static void
test_contains_covers(void)
{
	struct prefix p = P("192.168.0.0/16"), q;
	struct addr a = A("192.168.255.1");

	CU_ASSERT_TRUE(prefix_contains(&p, &a));
	a = A("192.169.0.0");
	CU_ASSERT_FALSE(prefix_contains(&p, &a));
	a = A("192.168.0.0");
	CU_ASSERT_TRUE(prefix_contains(&p, &a));
	a.iid = 3;
	CU_ASSERT_FALSE(prefix_contains(&p, &a));
	a = A("::ffff:192.168.0.1");
	CU_ASSERT_FALSE(prefix_contains(&p, &a));

	q = P("0.0.0.0/0");
	a = A("1.2.3.4");
	CU_ASSERT_TRUE(prefix_contains(&q, &a));
	q = P("1.2.3.4/32");
	CU_ASSERT_TRUE(prefix_contains(&q, &a));
	a = A("1.2.3.5");
	CU_ASSERT_FALSE(prefix_contains(&q, &a));

	q = P("192.168.4.0/24");
	CU_ASSERT_TRUE(prefix_covers(&p, &q));
	CU_ASSERT_FALSE(prefix_covers(&q, &p));
	CU_ASSERT_TRUE(prefix_covers(&p, &p));
	q = P("192.0.0.0/8");
	CU_ASSERT_TRUE(prefix_covers(&q, &p));
	q = P("192.169.0.0/24");
	CU_ASSERT_FALSE(prefix_covers(&p, &q));
	q = P("0.0.0.0/0");
	CU_ASSERT_TRUE(prefix_covers(&q, &p));
	q = P("::/0");
	CU_ASSERT_FALSE(prefix_covers(&q, &p));
	q = P("192.168.4.0/24");
	q.addr.iid = 9;
	CU_ASSERT_FALSE(prefix_covers(&p, &q));

	p = P("2001:db8::/32");
	q = P("2001:db8:ffff::/48");
	CU_ASSERT_TRUE(prefix_covers(&p, &q));
	a = A("2001:db8:ffff::1");
	CU_ASSERT_TRUE(prefix_contains(&p, &a));
	a = A("2001:db9::");
	CU_ASSERT_FALSE(prefix_contains(&p, &a));
	p = P("2001:db8::1/128");
	a = A("2001:db8::1");
	CU_ASSERT_TRUE(prefix_contains(&p, &a));
	a = A("2001:db8::");
	CU_ASSERT_FALSE(prefix_contains(&p, &a));
}

/* Every length of both families round-trips through text and stays masked. */
static void
test_roundtrip_all_lengths(void)
{
	struct addr a4 = A("255.255.255.255"), a6 = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	struct prefix p, q;
	char buf[PREFIX_STRLEN];
	unsigned l;

	for (l = 0; l <= 32; l++) {
		CU_ASSERT_EQUAL(prefix_make(&p, &a4, l), 0);
		CU_ASSERT_EQUAL(ntohl(p.addr.u.v4), l ? 0xffffffffu << (32 - l) : 0);
		CU_ASSERT_EQUAL(prefix_parse(prefix_fmt(&p, buf, sizeof(buf)), &q,
		    NULL, 0), 0);
		CU_ASSERT_TRUE(prefix_eq(&p, &q));
	}
	for (l = 0; l <= 128; l++) {
		CU_ASSERT_EQUAL(prefix_make(&p, &a6, l), 0);
		CU_ASSERT_EQUAL(addr_common_bits(&p.addr, &a6), l);
		CU_ASSERT_EQUAL(prefix_parse(prefix_fmt(&p, buf, sizeof(buf)), &q,
		    NULL, 0), 0);
		CU_ASSERT_TRUE(prefix_eq(&p, &q));
	}
}

/* IOS's H.H.H: parsed with leading zeros left out, printed in full;
 * every malformed form refused. */
static void test_mac(void)
{
	static const char *const bad[] = {
		"", "0200.5e00", "0200.5e00.0101.", "0200.5e00.0101.0001", "0200.5e0000.01",
		"02:00:5e:00:01:01", "0200-5e00-0101", "0200..0101", ".5e00.0101", "0200.5e00.",
		"0200.5g00.0101", "0200.5e00.0101 ", " 0200.5e00.0101", "00200.5e00.0101",
	};
	uint8_t m[6];
	char buf[MAC_STRLEN];
	size_t i;

	CU_ASSERT_TRUE(mac_parse("0200.5E00.0101", m));
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, sizeof(buf)), "0200.5e00.0101");
	CU_ASSERT_TRUE(mac_parse("200.5e00.101", m));
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, sizeof(buf)), "0200.5e00.0101");
	CU_ASSERT_TRUE(mac_parse("0.0.1", m));
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, sizeof(buf)), "0000.0000.0001");
	CU_ASSERT_TRUE(mac_parse("ffff.FFFF.ffff", m));
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, sizeof(buf)), "ffff.ffff.ffff");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT_FALSE(mac_parse(bad[i], m));
	/* What a refused string left: the last good MAC. */
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, sizeof(buf)), "ffff.ffff.ffff");
	/* A short buffer is cut, never overrun. */
	CU_ASSERT_STRING_EQUAL(mac_fmt(m, buf, 5), "ffff");
}

/* src/lib/htab: 10,000 items (every tenth with the hash of another, as
 * two items alike but for a case-blind name would be) through the table's
 * growth; each found by its hash, then half removed: the rest still
 * found, the removed ones not. */
struct hitem {
	struct hnode hn;
	unsigned key;
};

static uint64_t hitem_hash(unsigned key)
{
	return htab_bytes(HTAB_SEED, &key, sizeof(key));
}

static struct hitem *hfind(const struct htab *t, unsigned key, uint64_t h)
{
	for (struct hnode *n = htab_find(t, h); n; n = htab_next(n, h)) {
		struct hitem *it = (struct hitem *)n;

		if (it->key == key)
			return it;
	}
	return NULL;
}

static void test_htab(void)
{
	enum { N = 10000 };
	static struct hitem it[N];
	struct htab t = { 0 };
	bool ok = true;
	unsigned i;

	CU_ASSERT_PTR_NULL(htab_find(&t, 1));
	/* names compared without case hash alike */
	CU_ASSERT_EQUAL(htab_lower(HTAB_SEED, "Ethernet0/1"), htab_lower(HTAB_SEED, "ETHERNET0/1"));
	CU_ASSERT_NOT_EQUAL(htab_lower(HTAB_SEED, "Ethernet0/1"), htab_lower(HTAB_SEED, "Ethernet0/2"));
	for (i = 0; i < N; i++) {
		it[i].key = i;
		CU_ASSERT_EQUAL_FATAL(htab_add(&t, &it[i].hn, hitem_hash(i % 10 ? i : i + 1)), 0);
	}
	CU_ASSERT_EQUAL(t.n, N);
	CU_ASSERT_TRUE(t.size >= N);
	for (i = 0; i < N && ok; i++)
		ok = hfind(&t, i, hitem_hash(i % 10 ? i : i + 1)) == &it[i];
	CU_ASSERT_TRUE(ok);
	for (i = 0; i < N; i += 2)
		htab_del(&t, &it[i].hn);
	CU_ASSERT_EQUAL(t.n, N / 2);
	for (i = 0; i < N && ok; i++)
		ok = (hfind(&t, i, hitem_hash(i % 10 ? i : i + 1)) != NULL) == (i % 2 == 1);
	CU_ASSERT_TRUE(ok);
	htab_free(&t);
	CU_ASSERT_EQUAL(t.n, 0);
	CU_ASSERT_PTR_NULL(htab_find(&t, hitem_hash(1)));
}

static CU_TestInfo tests[] = {
	{ "family sizes", test_family_sizes },
	{ "parse and format IPv4", test_parse_format_v4 },
	{ "parse and format IPv6", test_parse_format_v6 },
	{ "address parse errors", test_parse_errors },
	{ "formatting into short buffers", test_fmt_small_buffer },
	{ "prefix parse", test_prefix_parse },
	{ "prefix parse errors", test_prefix_parse_errors },
	{ "IOS address and mask", test_prefix_parse_mask },
	{ "mask conversions", test_masks },
	{ "prefix_make masks host bits", test_prefix_make },
	{ "ordering", test_cmp },
	{ "common leading bits", test_common_bits },
	{ "contains and covers", test_contains_covers },
	{ "round trip of every length", test_roundtrip_all_lengths },
	{ "MAC in IOS form", test_mac },
	{ "hash table of configuration items", test_htab },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "addr", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

CUNIT_MAIN(suites)

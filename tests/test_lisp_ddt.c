/*
 * DOC: tests of LISP-DDT (RFC 8111): the Map-Referral codec, the DDT node and
 * the Map-Server as DDT leaf in the in-process lab (tests/test_lisp_lab.h)
 *
 * In the lab, outsideworld (10.0.3.2) is a DDT root authoritative for
 * 192.168.0.0/16 that delegates 192.168.1.0/24 to the Map-Server
 * (10.0.3.1) and 192.168.2.0/24 to a child DDT node 10.0.3.9; the
 * Map-Server has 'ddt' too.  DDT Map-Requests are ECMs with the D bit
 * injected as if from a DDT Map-Resolver; the Map-Referrals are read off
 * the wire.  The known-answer vectors are written out byte by byte from RFC 8111
 * section 6.4 (one comment per field).  Every decode runs on an exactly
 * sized heap copy, so AddressSanitizer reports a read one byte past the end.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "decode.h"
#include "lisp_ddt.h"
#include "lisp_msg.h"
#include "test_lisp_lab.h"
#include "test_tshark.h"

/* One NODE-REFERRAL for 10.0.0.0/8 with two child DDT nodes, no signature. */
static const uint8_t mref_node[] = {
	0x60, 0x00, 0x00, 0x01,			/* type 6, reserved, 1 record */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* nonce */
	0x00, 0x00, 0x05, 0xa0,			/* record TTL 1440 */
	0x02, 0x08, 0x10, 0x00,			/* 2 referrals, /8, ACT 0, A */
	0x00, 0x00, 0x00, 0x01,			/* SigCnt 0, version 0, AFI 1 */
	0x0a, 0x00, 0x00, 0x00,			/* 10.0.0.0 */
	0x00, 0x00, 0xff, 0x00,			/* p0 w0 mp255 mw0 */
	0x00, 0x01, 0x00, 0x01,			/* R, AFI 1 */
	0xc0, 0xa8, 0x01, 0x01,			/* 192.168.1.1 */
	0x01, 0x00, 0xff, 0x00,			/* p1 w0 mp255 mw0 */
	0x00, 0x01, 0x00, 0x01,			/* R, AFI 1 */
	0xc0, 0xa8, 0x01, 0x02,			/* 192.168.1.2 */
};

/*
 * A DELEGATION-HOLE for 10.128.0.0/9 and a NOT-AUTHORITATIVE, incomplete
 * record for 2001:db8::/32 carrying one (unverified) signature.
 */
static const uint8_t mref_hole_sig[] = {
	0x60, 0x00, 0x00, 0x02,			/* type 6, 2 records */
	0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8,	/* nonce */
	0x00, 0x00, 0x00, 0x0f,			/* TTL 15 */
	0x00, 0x09, 0x90, 0x00,			/* 0 referrals, /9, ACT 4, A */
	0x00, 0x00, 0x00, 0x01,			/* SigCnt 0, AFI 1 */
	0x0a, 0x80, 0x00, 0x00,			/* 10.128.0.0 */
	0x00, 0x00, 0x00, 0x00,			/* TTL 0 */
	0x00, 0x20, 0xa8, 0x00,			/* 0 referrals, /32, ACT 5, I */
	0x10, 0x07, 0x00, 0x02,			/* SigCnt 1, version 7, AFI 2 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x05, 0xa0,			/* original TTL */
	0x5f, 0x00, 0x00, 0x00,			/* expiration */
	0x5e, 0x00, 0x00, 0x00,			/* inception */
	0x12, 0x34, 0x00, 0x04,			/* key tag, sig length 4 */
	0x01, 0x00, 0x00, 0x00,			/* algorithm 1, reserved */
	0xde, 0xad, 0xbe, 0xef,			/* signature */
};

static uint8_t *
heap_copy(const uint8_t *b, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	CU_ASSERT_FATAL(p != NULL);
	if (n > 0)
		memcpy(p, b, n);
	return p;
}

static bool
all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static enum lisp_err
decode_copy(const uint8_t *b, size_t n, struct lisp_map_referral *m)
{
	uint8_t *c = heap_copy(b, n);
	enum lisp_err e = lisp_map_referral_decode(c, n, m);

	free(c);
	if (e != LISP_OK)
		CU_ASSERT(all_zero(m, sizeof(*m)));
	return e;
}

static void
test_kat_node_referral(void)
{
	struct lisp_map_referral m;
	const struct lisp_referral_record *r;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(decode_copy(mref_node, sizeof(mref_node), &m), LISP_OK);
	CU_ASSERT_EQUAL(m.nonce, 0x0102030405060708ULL);
	CU_ASSERT_EQUAL(m.record_count, 1);
	CU_ASSERT_EQUAL(m.trailing, 0);
	r = &m.records[0];
	CU_ASSERT_EQUAL(r->rec.ttl, 1440);
	CU_ASSERT_EQUAL(r->rec.action, LISP_REF_NODE_REFERRAL);
	CU_ASSERT(r->rec.authoritative);
	CU_ASSERT(!r->incomplete);
	CU_ASSERT_EQUAL(r->sig_count, 0);
	CU_ASSERT(r->sigs == NULL);
	CU_ASSERT_EQUAL(r->rec.eid.mask_len, 8);
	CU_ASSERT_EQUAL(r->rec.eid.eid.addr.afi, AFI_IPV4);
	CU_ASSERT_EQUAL(r->rec.eid.eid.addr.u.b[0], 10);
	CU_ASSERT_EQUAL_FATAL(r->rec.loc_count, 2);
	CU_ASSERT_EQUAL(r->rec.locs[0].mpriority, 255);
	CU_ASSERT(r->rec.locs[0].reachable);
	CU_ASSERT_EQUAL(r->rec.locs[1].priority, 1);
	CU_ASSERT_EQUAL(r->rec.locs[1].rloc.addr.u.b[3], 2);
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), (ssize_t)sizeof(mref_node));
	CU_ASSERT(memcmp(out, mref_node, sizeof(mref_node)) == 0);
	/* one byte short of room */
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(mref_node) - 1), -1);
	lisp_map_referral_free(&m);
	CU_ASSERT(all_zero(&m, sizeof(m)));
}

static void
test_kat_hole_and_sig(void)
{
	struct lisp_map_referral m;
	const struct lisp_referral_record *r;
	uint8_t out[256];
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };

	CU_ASSERT_EQUAL_FATAL(decode_copy(mref_hole_sig, sizeof(mref_hole_sig), &m), LISP_OK);
	CU_ASSERT_EQUAL(m.nonce, 0xa1a2a3a4a5a6a7a8ULL);
	CU_ASSERT_EQUAL_FATAL(m.record_count, 2);
	r = &m.records[0];
	CU_ASSERT_EQUAL(r->rec.action, LISP_REF_DELEGATION_HOLE);
	CU_ASSERT_EQUAL(r->rec.ttl, 15);
	CU_ASSERT_EQUAL(r->rec.loc_count, 0);
	CU_ASSERT_EQUAL(r->rec.eid.mask_len, 9);
	CU_ASSERT_EQUAL(r->rec.eid.eid.addr.u.b[1], 0x80);
	CU_ASSERT(r->rec.authoritative && !r->incomplete);
	r = &m.records[1];
	CU_ASSERT_EQUAL(r->rec.action, LISP_REF_NOT_AUTHORITATIVE);
	CU_ASSERT(!r->rec.authoritative && r->incomplete);
	CU_ASSERT_EQUAL(r->rec.reserved, 0);
	CU_ASSERT_EQUAL(r->rec.reserved2, 0);
	CU_ASSERT_EQUAL(r->rec.map_version, 7);
	CU_ASSERT_EQUAL(r->rec.eid.eid.addr.afi, AFI_IPV6);
	CU_ASSERT(memcmp(r->rec.eid.eid.addr.u.b, v6, 16) == 0);
	CU_ASSERT_EQUAL_FATAL(r->sig_count, 1);
	CU_ASSERT_EQUAL(r->sigs[0].orig_ttl, 1440);
	CU_ASSERT_EQUAL(r->sigs[0].expiration, 0x5f000000);
	CU_ASSERT_EQUAL(r->sigs[0].inception, 0x5e000000);
	CU_ASSERT_EQUAL(r->sigs[0].key_tag, 0x1234);
	CU_ASSERT_EQUAL(r->sigs[0].alg, 1);
	CU_ASSERT_EQUAL_FATAL(r->sigs[0].len, 4);
	CU_ASSERT(memcmp(r->sigs[0].data, "\xde\xad\xbe\xef", 4) == 0);
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)),
			(ssize_t)sizeof(mref_hole_sig));
	CU_ASSERT(memcmp(out, mref_hole_sig, sizeof(mref_hole_sig)) == 0);
	lisp_map_referral_free(&m);
}

/* Every shorter prefix fails as truncated; longer ones are the message plus trailing bytes. */
static void
check_prefixes(const uint8_t *msg, size_t msg_len)
{
	struct lisp_map_referral m;
	uint8_t b[512];
	unsigned bad = 0;
	enum lisp_err e;
	size_t i;

	CU_ASSERT_FATAL(msg_len + 16 <= sizeof(b));
	memcpy(b, msg, msg_len);
	memset(b + msg_len, 0x5a, 16);
	for (i = 0; i <= msg_len + 16; i++) {
		e = decode_copy(b, i, &m);
		if (i < msg_len) {
			if (e != LISP_ERR_TRUNCATED)
				bad++;
		} else if (e != LISP_OK || m.trailing != i - msg_len)
			bad++;
		lisp_map_referral_free(&m);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void
test_truncation(void)
{
	check_prefixes(mref_node, sizeof(mref_node));
	check_prefixes(mref_hole_sig, sizeof(mref_hole_sig));
}

static void
test_actions_round_trip(void)
{
	static const char *const names[] = { "NODE-REFERRAL", "MS-REFERRAL", "MS-ACK",
		"MS-NOT-REGISTERED", "DELEGATION-HOLE", "NOT-AUTHORITATIVE" };
	struct lisp_map_referral m, d;
	struct lisp_referral_record rr;
	struct lisp_locator loc;
	uint8_t out[128];
	ssize_t n;
	unsigned act, inc;

	for (act = 0; act < 8; act++) {
		for (inc = 0; inc < 2; inc++) {
			memset(&m, 0, sizeof(m));
			memset(&rr, 0, sizeof(rr));
			memset(&loc, 0, sizeof(loc));
			loc.rloc.addr.afi = AFI_IPV4;
			loc.rloc.addr.u.b[0] = 192;
			loc.mpriority = 255;
			loc.reachable = true;
			rr.rec.ttl = act * 100 + inc;
			rr.rec.action = (uint8_t)act;
			rr.rec.authoritative = act != LISP_REF_NOT_AUTHORITATIVE;
			rr.incomplete = inc;
			rr.rec.eid.eid.addr.afi = AFI_IPV4;
			rr.rec.eid.mask_len = 0;
			rr.rec.loc_count = act <= LISP_REF_MS_REFERRAL ? 1 : 0;
			rr.rec.locs = &loc;
			m.nonce = 0x1122334455667788ULL ^ act;
			m.record_count = 1;
			m.records = &rr;
			n = lisp_map_referral_encode(&m, out, sizeof(out));
			CU_ASSERT_FATAL(n > 0);
			CU_ASSERT_EQUAL(out[0] >> 4, LISP_MAP_REFERRAL);
			CU_ASSERT_EQUAL_FATAL(decode_copy(out, (size_t)n, &d), LISP_OK);
			CU_ASSERT_EQUAL(d.nonce, m.nonce);
			CU_ASSERT_EQUAL(d.records[0].rec.action, act);
			CU_ASSERT_EQUAL(d.records[0].incomplete, (bool)inc);
			CU_ASSERT_EQUAL(d.records[0].rec.ttl, rr.rec.ttl);
			CU_ASSERT_EQUAL(d.records[0].rec.loc_count, rr.rec.loc_count);
			CU_ASSERT_EQUAL(d.records[0].rec.authoritative, rr.rec.authoritative);
			lisp_map_referral_free(&d);
		}
		CU_ASSERT_STRING_EQUAL(lisp_referral_action_str(act), act < 6 ? names[act] : "Unknown");
	}
	CU_ASSERT_STRING_EQUAL(lisp_type_str(LISP_MAP_REFERRAL), "Map-Referral");
}

static void
test_malformed(void)
{
	struct lisp_map_referral m;
	uint8_t b[256];

	/* wrong types */
	memcpy(b, mref_node, sizeof(mref_node));
	b[0] = 0x20;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TYPE);
	b[0] = 0x50;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TYPE);
	/* more records than present */
	memcpy(b, mref_node, sizeof(mref_node));
	b[3] = 2;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TRUNCATED);
	b[3] = 255;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TRUNCATED);
	/* more referrals than present */
	memcpy(b, mref_node, sizeof(mref_node));
	b[16] = 3;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TRUNCATED);
	/* mask length 33 */
	memcpy(b, mref_node, sizeof(mref_node));
	b[17] = 33;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_MASK_LEN);
	/* unknown plain AFI */
	memcpy(b, mref_node, sizeof(mref_node));
	b[23] = 9;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_AFI);
	/* a signature count with no signature */
	memcpy(b, mref_node, sizeof(mref_node));
	b[20] = 0x10;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_node), &m), LISP_ERR_TRUNCATED);
	/* SigCnt 2, one signature: the second is cut */
	memcpy(b, mref_hole_sig, sizeof(mref_hole_sig));
	b[36] = 0x20;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_hole_sig), &m), LISP_ERR_TRUNCATED);
	/* a Sig Length past the end */
	memcpy(b, mref_hole_sig, sizeof(mref_hole_sig));
	b[sizeof(mref_hole_sig) - 10] = 0x05;
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_hole_sig), &m), LISP_ERR_TRUNCATED);
	memcpy(b, mref_hole_sig, sizeof(mref_hole_sig));
	b[sizeof(mref_hole_sig) - 9] = 5;	/* one byte more than there is */
	CU_ASSERT_EQUAL(decode_copy(b, sizeof(mref_hole_sig), &m), LISP_ERR_TRUNCATED);
	/* host bits are zeroed, not refused */
	memcpy(b, mref_node, sizeof(mref_node));
	b[27] = 1;
	CU_ASSERT_EQUAL_FATAL(decode_copy(b, sizeof(mref_node), &m), LISP_OK);
	CU_ASSERT_EQUAL(m.records[0].rec.eid.eid.addr.u.b[3], 0);
	lisp_map_referral_free(&m);
}

static void
test_bad_encode(void)
{
	struct lisp_map_referral m;
	struct lisp_referral_record rr;
	uint8_t out[128];

	memset(&m, 0, sizeof(m));
	memset(&rr, 0, sizeof(rr));
	rr.rec.eid.eid.addr.afi = AFI_IPV4;
	m.record_count = 1;
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);	/* no records */
	m.records = &rr;
	CU_ASSERT(lisp_map_referral_encode(&m, out, sizeof(out)) > 0);
	rr.sig_count = 1;				/* no signature array */
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);
	rr.sig_count = 0;
	rr.rec.reserved = 0x0800;			/* I belongs in incomplete */
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);
	rr.rec.reserved = 0;
	rr.rec.reserved2 = 1;				/* SigCnt belongs in sig_count */
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);
	rr.rec.reserved2 = 0;
	rr.rec.eid.mask_len = 33;
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);
	rr.rec.eid.mask_len = 0;
	m.reserved = 0x100000;
	CU_ASSERT_EQUAL(lisp_map_referral_encode(&m, out, sizeof(out)), -1);
}

/* Seeded mutations never crash; what decodes re-encodes to a fixed point. */
static void
test_mutations(void)
{
	struct lisp_map_referral m, d;
	uint8_t b[sizeof(mref_hole_sig)], out1[512], out2[512];
	unsigned i, k, ok = 0;
	ssize_t n1, n2;

	srandom(13);
	for (i = 0; i < 20000; i++) {
		const uint8_t *src = (i & 1) ? mref_node : mref_hole_sig;
		size_t len = (i & 1) ? sizeof(mref_node) : sizeof(mref_hole_sig);

		memcpy(b, src, len);
		for (k = 0; k < 1 + (unsigned)(random() % 4); k++)
			b[random() % len] = (uint8_t)random();
		if (decode_copy(b, len, &m) != LISP_OK)
			continue;
		ok++;
		n1 = lisp_map_referral_encode(&m, out1, sizeof(out1));
		lisp_map_referral_free(&m);
		if (n1 < 0)
			continue;	/* an unknown LCAF cannot be encoded */
		CU_ASSERT_EQUAL_FATAL(decode_copy(out1, (size_t)n1, &d), LISP_OK);
		n2 = lisp_map_referral_encode(&d, out2, sizeof(out2));
		CU_ASSERT(n2 == n1 && memcmp(out1, out2, (size_t)n1) == 0);
		lisp_map_referral_free(&d);
	}
	CU_ASSERT(ok > 1000);
}

/* A raw IPv4/UDP frame 10.0.3.1:4342 -> 10.0.1.2:61234 around a message. */
static size_t
raw_frame(const uint8_t *msg, size_t n, uint8_t *f, size_t cap)
{
	static const uint8_t ip[] = { 0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0,
		10, 0, 3, 1, 10, 0, 1, 2 };
	size_t tot = 28 + n;

	CU_ASSERT_FATAL(tot <= cap);
	memcpy(f, ip, sizeof(ip));
	f[2] = (uint8_t)(tot >> 8);
	f[3] = (uint8_t)tot;
	f[20] = 4342 >> 8;
	f[21] = 4342 & 0xff;
	f[22] = 61234 >> 8;
	f[23] = 61234 & 0xff;
	f[24] = (uint8_t)((n + 8) >> 8);
	f[25] = (uint8_t)(n + 8);
	f[26] = f[27] = 0;
	memcpy(f + 28, msg, n);
	return tot;
}

/* 'lispr --decode' prints every field of a Map-Referral, and a cut one as malformed. */
static void
test_decode_line(void)
{
	uint8_t f[256];
	char line[1024];
	size_t n;

	n = raw_frame(mref_node, sizeof(mref_node), f, sizeof(f));
	CU_ASSERT_EQUAL_FATAL(decode_frame(DLT_RAW, f, n, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, "Map-Referral 10.0.3.1:4342 -> 10.0.1.2:61234 "
	    "nonce 0x0102030405060708 referral 10.0.0.0/8 ttl 1440 NODE-REFERRAL A "
	    "ref 192.168.1.1 p0 w0 R ref 192.168.1.2 p1 w0 R");
	n = raw_frame(mref_hole_sig, sizeof(mref_hole_sig), f, sizeof(f));
	CU_ASSERT_EQUAL_FATAL(decode_frame(DLT_RAW, f, n, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, "Map-Referral 10.0.3.1:4342 -> 10.0.1.2:61234 "
	    "nonce 0xa1a2a3a4a5a6a7a8 referral 10.128.0.0/9 ttl 15 DELEGATION-HOLE A "
	    "referrals 0 referral 2001:db8::/32 ttl 0 NOT-AUTHORITATIVE I ver 7 referrals 0 "
	    "sig alg 1 key-tag 4660 len 4 (not verified)");
	n = raw_frame(mref_hole_sig, sizeof(mref_hole_sig) - 1, f, sizeof(f));
	CU_ASSERT_EQUAL_FATAL(decode_frame(DLT_RAW, f, n, line, sizeof(line)), 1);
	CU_ASSERT_STRING_EQUAL(line, "Map-Referral 10.0.3.1:4342 -> 10.0.1.2:61234: "
	    "malformed (truncated)");
}

static CU_TestInfo codec_tests[] = {
	{ "NODE-REFERRAL known answer", test_kat_node_referral },
	{ "DELEGATION-HOLE, NOT-AUTHORITATIVE, signature", test_kat_hole_and_sig },
	{ "truncation at every offset", test_truncation },
	{ "every action, incomplete bit", test_actions_round_trip },
	{ "malformed", test_malformed },
	{ "unencodable structs", test_bad_encode },
	{ "mutations", test_mutations },
	{ "lispr --decode line", test_decode_line },
	CU_TEST_INFO_NULL,
};

/* ------------------------------------------------------------ the lab */

#define DDT_PORT	61999	/* the DDT Map-Resolver's port (outer and inner UDP source) */

static struct lab L;

/* A DDT Map-Request (ECM, D bit) for eid/32 from the ITR 10.0.1.2. */
static size_t
ddt_request(const char *eid, uint64_t nonce, bool ddt, uint8_t *out, size_t cap)
{
	struct lab_req q = { .eid = eid, .inner_src = "10.0.1.2", .ttl = 64, .sport = DDT_PORT,
			     .ddt = ddt, .nonce = nonce };

	return lab_ecm_request(&q, out, cap);
}

/* The Map-Referral with this nonce captured on a link (0: none); decoded into m. */
static int
find_referral(int link, uint64_t nonce, struct lisp_map_referral *m)
{
	const uint8_t *p;
	size_t i, len;
	int found = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < L.link[link].n; i++) {
		if (!(p = lab_udp(&L.link[link].cap[i], DDT_PORT, &len)))
			continue;
		if (lisp_msg_type(p, len) != LISP_MAP_REFERRAL)
			continue;
		lisp_map_referral_free(m);
		CU_ASSERT_EQUAL_FATAL(lisp_map_referral_decode(p, len, m), LISP_OK);
		if (m->nonce == nonce) {
			found++;
			break;
		}
	}
	if (!found)
		lisp_map_referral_free(m);
	return found;
}

/* Ask router r (interface ifp, address dst) for eid; the referral that came back. */
static int
ask(int r, struct iface *ifp, const char *src, const char *dst, int link, const char *eid,
    uint64_t nonce, bool ddt, struct lisp_map_referral *m)
{
	uint8_t b[512];
	size_t n = ddt_request(eid, nonce, ddt, b, sizeof(b));

	lab_inject_udp(&L, r, ifp, src, dst, DDT_PORT, LISP_CONTROL_PORT, b, n, 64, 0);
	lab_pump(&L);
	return find_referral(link, nonce, m);
}

static void
expect_referral(const struct lisp_map_referral *m, unsigned act, const char *prefix,
		uint32_t ttl, const char *child)
{
	struct prefix want = P4(prefix), got;
	const struct lisp_referral_record *r;

	CU_ASSERT_EQUAL_FATAL(m->record_count, 1);
	r = &m->records[0];
	CU_ASSERT_EQUAL(r->rec.action, act);
	CU_ASSERT_EQUAL(r->rec.ttl, ttl);
	CU_ASSERT_EQUAL(r->rec.authoritative, act != LISP_REF_NOT_AUTHORITATIVE);
	/* a Map-Server's answer naming no set is incomplete (RFC 8111 section 6) */
	CU_ASSERT_EQUAL(r->incomplete, act == LISP_REF_NOT_AUTHORITATIVE ||
			(!child && (act == LISP_REF_MS_ACK || act == LISP_REF_MS_NOT_REGISTERED)));
	CU_ASSERT_EQUAL(r->sig_count, 0);
	CU_ASSERT_EQUAL(prefix_make(&got, &r->rec.eid.eid.addr, r->rec.eid.mask_len), 0);
	if (!prefix_eq(&got, &want)) {
		char b[PREFIX_STRLEN];

		fprintf(stderr, "\n  referral for %s, expected %s", prefix_fmt(&got, b, sizeof(b)),
			prefix);
		CU_FAIL("referral prefix");
	}
	if (!child) {
		CU_ASSERT_EQUAL(r->rec.loc_count, 0);
		return;
	}
	CU_ASSERT_EQUAL_FATAL(r->rec.loc_count, 1);
	CU_ASSERT(r->rec.locs[0].rloc.addr.u.v4 == ip4(child));
	CU_ASSERT(r->rec.locs[0].reachable);
	CU_ASSERT_EQUAL(r->rec.locs[0].mpriority, 255);
}

static void
ddt_root_setup(void)
{
	struct prefix auth = P4("192.168.0.0/16"), p1 = P4("192.168.1.0/24"),
		      p2 = P4("192.168.2.0/24");
	struct addr ms = A4("10.0.3.1"), child = A4("10.0.3.9");
	char err[160];

	lab_setup(&L, true);
	CU_ASSERT_EQUAL(lisp_ddt_auth_add(L.l[OUTW], &auth, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% DDT is not enabled: configure 'ddt' first");
	CU_ASSERT_EQUAL(lisp_ddt_set(L.l[OUTW], true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_delegate_add(L.l[OUTW], &ms, &p1, true, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix is not inside a DDT authoritative prefix");
	CU_ASSERT_EQUAL(lisp_ddt_auth_add(L.l[OUTW], &auth, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_delegate_add(L.l[OUTW], &ms, &p1, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_delegate_add(L.l[OUTW], &child, &p2, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_delegate_add(L.l[OUTW], &child, &p1, false, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix is delegated to Map-Servers, not DDT nodes");
	CU_ASSERT_EQUAL(lisp_ddt_auth_del(L.l[OUTW], &auth, err, sizeof(err)), -1);
	lab_run(&L, 1000);	/* the xTRs register */
	lab_clear_capture(&L);
}


/*
 * tshark reads the Map-Referrals the root sent (LINK3, to DDT_PORT) as we
 * meant them: one line per frame "nonce act prefix/len ttl incomplete
 * locators malformed".  tshark comes from $TSHARK or PATH.
 */
static void
tshark_referrals(const char *const *want, unsigned nwant)
{
	char line[512], *q;
	struct ts_run t;
	size_t i, len;
	unsigned n = 0;
	FILE *p;

	ts_create(&t, DLT_EN10MB);
	for (i = 0; i < L.link[LINK3].n; i++) {
		const struct lab_frame *f = &L.link[LINK3].cap[i];

		if (lab_udp(f, DDT_PORT, &len))
			ts_add(&t, f->d, f->len);
	}
	p = ts_run(&t, "-T fields -E separator=' ' -E occurrence=a "
		   "-E aggregator=, -e lisp.nonce -e lisp.mapping.act -e lisp.mapping.eid.ipv4 "
		   "-e lisp.mapping.eid.masklen -e lisp.mapping.ttl -e lisp.referral.incomplete "
		   "-e lisp.mapping.auth -e lisp.loc.locator -e _ws.malformed");
	while (fgets(line, sizeof(line), p)) {
		if ((q = strchr(line, '\n')))
			*q = '\0';
		if (n < nwant && strcmp(line, want[n]) != 0)
			fprintf(stderr, "\n  tshark: '%s', expected '%s'", line, want[n]);
		CU_ASSERT(n < nwant && strcmp(line, want[n]) == 0);
		n++;
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(n, nwant);
}

/* The root: every referral action a DDT node gives, on the wire. */
static void
test_ddt_root(void)
{
	struct lisp_map_referral m;
	struct lisp_ddt_stats st;
	struct iface *o;

	ddt_root_setup();
	o = L.eth[OUTW][0];
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.1.5", 1, true, &m));
	expect_referral(&m, LISP_REF_MS_REFERRAL, "192.168.1.0/24", 1440, "10.0.3.1");
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.2.77", 2, true, &m));
	expect_referral(&m, LISP_REF_NODE_REFERRAL, "192.168.2.0/24", 1440, "10.0.3.9");
	lisp_map_referral_free(&m);
	/* holes: the least-specific prefix holding the EID and no delegation */
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.200.1", 3, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.128.0/17", 15, NULL);
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.3.1", 4, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.3.0/24", 15, NULL);
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.0.9", 5, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.0.0/24", 15, NULL);
	lisp_map_referral_free(&m);
	/* outside its authority */
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "172.16.4.4", 6, true, &m));
	expect_referral(&m, LISP_REF_NOT_AUTHORITATIVE, "172.16.4.4/32", 0, NULL);
	lisp_map_referral_free(&m);
	/* a Map-Referral to a router without a DDT Map-Resolver: decoded, counted */
	{
		const struct lisp_stats *ls = lisp_stats(L.l[MSR]);

		lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 4342, 61000,
			       mref_node, sizeof(mref_node), 64, 0);
		CU_ASSERT_EQUAL(ls->drops[LISP_DROP_REFERRAL_NO_MR], 0);	/* not our port */
		lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 4342, 4342,
			       mref_node, sizeof(mref_node), 64, 0);
		CU_ASSERT_EQUAL(ls->drops[LISP_DROP_REFERRAL_NO_MR], 1);
		CU_ASSERT_EQUAL(ls->drops[LISP_DROP_UNKNOWN_TYPE], 0);
		lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 4342, 4342,
			       mref_node, sizeof(mref_node) - 3, 64, 0);
		CU_ASSERT_EQUAL(ls->malformed[LISP_ERR_TRUNCATED], 1);
		CU_ASSERT_EQUAL(ls->drops[LISP_DROP_REFERRAL_NO_MR], 1);
		lab_pump(&L);
	}
	/* without the D bit it is not a DDT request: no referral */
	CU_ASSERT_FALSE(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.1.5", 7, false, &m));
	{
		static const char *const want[] = {
			"0x0000000000000001 1 192.168.1.0 24 1440 0 1 10.0.3.1 ",
			"0x0000000000000002 0 192.168.2.0 24 1440 0 1 10.0.3.9 ",
			"0x0000000000000003 4 192.168.128.0 17 15 0 1  ",
			"0x0000000000000004 4 192.168.3.0 24 15 0 1  ",
			"0x0000000000000005 4 192.168.0.0 24 15 0 1  ",
			"0x0000000000000006 5 172.16.4.4 32 0 1 0  ",
		};

		tshark_referrals(want, sizeof(want) / sizeof(want[0]));
	}
	lisp_ddt_get_stats(L.l[OUTW], &st);
	CU_ASSERT_EQUAL(st.requests_in, 6);
	CU_ASSERT_EQUAL(st.referrals_out[LISP_REF_MS_REFERRAL], 1);
	CU_ASSERT_EQUAL(st.referrals_out[LISP_REF_NODE_REFERRAL], 1);
	CU_ASSERT_EQUAL(st.referrals_out[LISP_REF_DELEGATION_HOLE], 3);
	CU_ASSERT_EQUAL(st.referrals_out[LISP_REF_NOT_AUTHORITATIVE], 1);
	CU_ASSERT_EQUAL(st.send_failed, 0);
	/* removing the last delegate removes the delegation: a hole again */
	{
		struct prefix p2 = P4("192.168.2.0/24");
		struct addr child = A4("10.0.3.9");
		char err[160];

		CU_ASSERT_EQUAL(lisp_ddt_delegate_del(L.l[OUTW], &child, &p2, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_ddt_delegate_del(L.l[OUTW], &child, &p2, err, sizeof(err)), -1);
	}
	CU_ASSERT_FATAL(ask(OUTW, o, "10.0.3.1", "10.0.3.2", LINK3, "192.168.2.77", 8, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.2.0/23", 15, NULL);
	lisp_map_referral_free(&m);
	lab_teardown(&L);
}

/* The Map-Server as DDT leaf: MS-ACK and on to the ETR, MS-NOT-REGISTERED, holes around sites. */
static void
test_ddt_ms_leaf(void)
{
	struct lisp_map_referral m;
	struct prefix c = P4("192.168.5.0/24"), auth = P4("192.168.0.0/16");
	struct iface *ms;
	struct lisp_ecm ecm;
	const uint8_t *p;
	size_t i, len, relayed = 0;
	char err[160];

	lab_setup(&L, true);
	ms = L.eth[MSR][2];
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "C", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], "C", "siteC-key", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "C", &c, false, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	/* without 'ddt' the Map-Server answers as before: no referral */
	CU_ASSERT_FALSE(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.1.1", 10, true, &m));
	CU_ASSERT_EQUAL(lisp_ddt_set(L.l[MSR], true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_auth_add(L.l[MSR], &auth, err, sizeof(err)), 0);
	lab_clear_capture(&L);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.1.1", 11, true, &m));
	expect_referral(&m, LISP_REF_MS_ACK, "192.168.1.0/24", 1440, NULL);
	lisp_map_referral_free(&m);
	/* and the request went on to lisp1, as a plain ECM */
	for (i = 0; i < L.link[LINK1].n; i++) {
		if (L.link[LINK1].cap[i].from != MSR ||
		    !(p = lab_udp(&L.link[LINK1].cap[i], LISP_CONTROL_PORT, &len)) ||
		    lisp_msg_type(p, len) != LISP_ECM)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(p, len, &ecm), LISP_OK);
		CU_ASSERT_FALSE(ecm.ddt);
		relayed++;
	}
	CU_ASSERT_EQUAL(relayed, 1);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.5.5", 12, true, &m));
	expect_referral(&m, LISP_REF_MS_NOT_REGISTERED, "192.168.5.0/24", 1, NULL);
	lisp_map_referral_free(&m);
	/* a hole holds no site prefix: 192.168.4.0/24 sits between B and C */
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.4.4", 13, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.4.0/24", 15, NULL);
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.64.1", 14, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.64.0/18", 15, NULL);
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "10.9.9.9", 15, true, &m));
	expect_referral(&m, LISP_REF_NOT_AUTHORITATIVE, "10.9.9.9/32", 0, NULL);
	lisp_map_referral_free(&m);
	/* 'no ddt' forgets it all */
	CU_ASSERT_EQUAL(lisp_ddt_set(L.l[MSR], false, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_ddt_enabled(L.l[MSR]));
	CU_ASSERT_EQUAL(lisp_ddt_auth_foreach(L.l[MSR], NULL, NULL), 0);
	lab_teardown(&L);
}

/* map-server-peer on a DDT leaf: the MS-ACK and MS-NOT-REGISTERED name
 * this Map-Server and its peers (tshark reads them); with none, nothing. */
static void
test_ms_peer(void)
{
	struct lisp_map_referral m;
	struct prefix c = P4("192.168.5.0/24"), auth = P4("192.168.0.0/16"),
		      sub = P4("192.168.1.0/24"), out = P4("10.0.0.0/8");
	struct addr p1 = A4("10.0.3.7"), p2 = A4("10.0.3.8"), self = A4("10.0.3.1"), bad;
	const struct lisp_referral_record *r;
	struct iface *ms;
	char err[160];
	int k;

	lab_setup(&L, true);
	ms = L.eth[MSR][2];
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "C", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], "C", "siteC-key", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "C", &c, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p1, NULL, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% DDT is not enabled: configure 'ddt' first");
	CU_ASSERT_EQUAL(lisp_ddt_set(L.l[MSR], true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_auth_add(L.l[MSR], &auth, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p1, &out, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix is not inside a DDT authoritative prefix");
	memset(&bad, 0, sizeof(bad));
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &bad, NULL, err, sizeof(err)), -1);
	/* p1 for every prefix, p2 for 192.168.1.0/24 only; self listed once */
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p1, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p2, &sub, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p2, &sub, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &self, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_auth_del(L.l[MSR], &auth, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% Map-server peers remain under this prefix: remove them first");
	lab_run(&L, 1000);
	lab_clear_capture(&L);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.1.1", 21, true, &m));
	CU_ASSERT_EQUAL_FATAL(m.record_count, 1);
	r = &m.records[0];
	CU_ASSERT_EQUAL(r->rec.action, LISP_REF_MS_ACK);
	CU_ASSERT_EQUAL_FATAL(r->rec.loc_count, 3);
	CU_ASSERT(r->rec.locs[0].rloc.addr.u.v4 == ip4("10.0.3.1"));
	CU_ASSERT(r->rec.locs[1].rloc.addr.u.v4 == ip4("10.0.3.7"));
	CU_ASSERT(r->rec.locs[2].rloc.addr.u.v4 == ip4("10.0.3.8"));
	for (k = 0; k < 3; k++) {
		CU_ASSERT(r->rec.locs[k].reachable);
		CU_ASSERT_EQUAL(r->rec.locs[k].mpriority, 255);
	}
	lisp_map_referral_free(&m);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.5.5", 22, true, &m));
	CU_ASSERT_EQUAL_FATAL(m.record_count, 1);
	CU_ASSERT_EQUAL(m.records[0].rec.action, LISP_REF_MS_NOT_REGISTERED);
	CU_ASSERT_EQUAL_FATAL(m.records[0].rec.loc_count, 2);
	CU_ASSERT(m.records[0].rec.locs[1].rloc.addr.u.v4 == ip4("10.0.3.7"));
	lisp_map_referral_free(&m);
	/* holes are not the peers' business */
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.4.4", 23, true, &m));
	expect_referral(&m, LISP_REF_DELEGATION_HOLE, "192.168.4.0/24", 15, NULL);
	lisp_map_referral_free(&m);
	{
		static const char *const want[] = {
			"0x0000000000000015 2 192.168.1.0 24 1440 0 1 10.0.3.1,10.0.3.7,10.0.3.8 ",
			"0x0000000000000016 3 192.168.5.0 24 1 0 1 10.0.3.1,10.0.3.7 ",
			"0x0000000000000017 4 192.168.4.0 24 15 0 1  ",
		};

		tshark_referrals(want, sizeof(want) / sizeof(want[0]));
	}
	/* peers removed: the MS-ACK names no one again */
	CU_ASSERT_EQUAL(lisp_ddt_peer_del(L.l[MSR], &p1, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_del(L.l[MSR], &p1, NULL, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% No such map-server peer");
	CU_ASSERT_EQUAL(lisp_ddt_peer_del(L.l[MSR], &p2, &sub, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_del(L.l[MSR], &self, NULL, err, sizeof(err)), 0);
	CU_ASSERT_FATAL(ask(MSR, ms, "10.0.3.2", "10.0.3.1", LINK3, "192.168.1.1", 24, true, &m));
	expect_referral(&m, LISP_REF_MS_ACK, "192.168.1.0/24", 1440, NULL);
	lisp_map_referral_free(&m);
	CU_ASSERT_EQUAL(lisp_ddt_peer_add(L.l[MSR], &p1, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_set(L.l[MSR], false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_ddt_peer_foreach(L.l[MSR], NULL, NULL), 0);
	lab_teardown(&L);
}

/* Map-Notify-Ack to the Map-Server: verified with the site's key, else counted. */
static void
test_notify_ack(void)
{
	struct lisp_map_register ack;
	struct lisp_record rec;
	const struct lisp_stats *st;
	uint8_t b[512];
	ssize_t n;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	memset(&ack, 0, sizeof(ack));
	memset(&rec, 0, sizeof(rec));
	rec.ttl = 1440;
	rec.eid.eid.addr = A4("192.168.1.0");
	rec.eid.mask_len = 24;
	ack.type = LISP_MAP_NOTIFY_ACK;
	ack.nonce = 0x77;
	ack.alg_id = LISP_AUTH_HMAC_SHA1;
	ack.record_count = 1;
	ack.records = &rec;
	n = lisp_map_register_encode(&ack, KEY_A, strlen(KEY_A), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, 4342, b, (size_t)n,
		       64, 0);
	st = lisp_stats(L.l[MSR]);
	CU_ASSERT_EQUAL(st->notify_ack_in, 1);
	CU_ASSERT_EQUAL(st->notify_ack_verified, 1);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_UNKNOWN_TYPE], 0);
	n = lisp_map_register_encode(&ack, KEY_B, strlen(KEY_B), b, sizeof(b));
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, 4342, b, (size_t)n,
		       64, 0);
	CU_ASSERT_EQUAL(st->notify_ack_verified, 1);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_NOTIFY_ACK_AUTH], 1);
	rec.eid.eid.addr = A4("10.99.0.0");
	rec.eid.mask_len = 16;
	n = lisp_map_register_encode(&ack, KEY_A, strlen(KEY_A), b, sizeof(b));
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, 4342, b, (size_t)n,
		       64, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_NOTIFY_ACK_NO_SITE], 1);
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 4342, 4342, b, 10, 64, 0);
	CU_ASSERT_EQUAL(st->malformed[LISP_ERR_TRUNCATED], 1);
	CU_ASSERT_EQUAL(st->notify_ack_in, 4);
	/* an xTR is no Map-Server: not ours */
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", 4342, 4342, b,
		       (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(lisp_stats(L.l[LISP1])->drops[LISP_DROP_NOT_OURS], 1);
	lab_teardown(&L);
}

/* Locator records go out with multicast priority 255 and weight 0 (RFC 9301 5.4). */
static void
test_multicast_priority(void)
{
	struct lisp_map_register reg;
	const uint8_t *p;
	size_t i, len, seen = 0;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	for (i = 0; i < L.link[LINK1].n; i++) {
		if (L.link[LINK1].cap[i].from != LISP1 ||
		    !(p = lab_udp(&L.link[LINK1].cap[i], LISP_CONTROL_PORT, &len)) ||
		    lisp_msg_type(p, len) != LISP_MAP_REGISTER)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(p, len, &reg), LISP_OK);
		CU_ASSERT_EQUAL_FATAL(reg.record_count, 1);
		CU_ASSERT_EQUAL_FATAL(reg.records[0].loc_count, 1);
		CU_ASSERT_EQUAL(reg.records[0].locs[0].mpriority, 255);
		CU_ASSERT_EQUAL(reg.records[0].locs[0].mweight, 0);
		lisp_map_register_free(&reg);
		seen++;
	}
	CU_ASSERT(seen >= 1);
	lab_teardown(&L);
}

/* Key IDs: the ETR's Map-Register carries its map-server's key-id; the site takes only its own. */
static void
test_key_id(void)
{
	struct lisp_map_register reg;
	struct lisp_ms_cfg ms;
	struct lisp_site_eid_info e;
	struct addr x = A4("192.168.1.1");
	const uint8_t *p;
	size_t i, len, seen = 0;
	char err[160];

	lab_setup(&L, true);
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.3.1");
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_A);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	ms.key_id = 7;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	for (i = 0; i < L.link[LINK1].n; i++) {
		if (L.link[LINK1].cap[i].from != LISP1 ||
		    !(p = lab_udp(&L.link[LINK1].cap[i], LISP_CONTROL_PORT, &len)) ||
		    lisp_msg_type(p, len) != LISP_MAP_REGISTER)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(p, len, &reg), LISP_OK);
		CU_ASSERT_EQUAL(reg.key_id, 7);
		CU_ASSERT_EQUAL(reg.alg_id, LISP_AUTH_HMAC_SHA1);
		lisp_map_register_free(&reg);
		seen++;
	}
	CU_ASSERT(seen >= 1);
	/* the site wants key ID 0: refused, right key or not */
	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	CU_ASSERT_FALSE(e.registered);
	CU_ASSERT(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH] >= 1);
	/* with key-id 7 on the site it registers */
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 7, KEY_A, NULL, err, sizeof(err)), 0);
	lab_run(&L, 61000);
	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(e.key_id, 7);
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "nosuch", 7, KEY_A, NULL, err, sizeof(err)), -1);
	lab_teardown(&L);
}

static CU_TestInfo lab_tests[] = {
	{ "DDT root: every referral", test_ddt_root },
	{ "Map-Server as DDT leaf", test_ddt_ms_leaf },
	{ "map-server-peer in MS-ACK and MS-NOT-REGISTERED", test_ms_peer },
	{ "Map-Notify-Ack", test_notify_ack },
	{ "multicast priority 255", test_multicast_priority },
	{ "key IDs", test_key_id },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "Map-Referral codec", NULL, NULL, NULL, NULL, codec_tests },
	{ "DDT in the lab", NULL, NULL, NULL, NULL, lab_tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

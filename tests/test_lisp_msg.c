/*
 * DOC: tests of the LISP wire codec (src/lisp/lisp_msg.c)
 *
 * The known-answer vectors are written out byte by byte from the RFC 9301 /
 * RFC 8060 layouts (one comment per field).  Every decode in this file runs
 * on an exactly-sized heap copy, so AddressSanitizer reports a read even one
 * byte past the end of a message.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "lisp_msg.h"

enum kind { K_REQ, K_REP, K_REG, K_ECM, K_DATA };

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

/*
 * Decode n bytes of b as kind from an exact heap copy; on failure also check
 * that the struct was left zeroed.  *trailing gets the trailing byte count.
 */
static enum lisp_err
decode_any(enum kind k, const uint8_t *b, size_t n, size_t *trailing)
{
	uint8_t *c = heap_copy(b, n);
	struct lisp_map_request req;
	struct lisp_map_reply rep;
	struct lisp_map_register reg;
	struct lisp_ecm ecm;
	struct lisp_data_hdr dh;
	enum lisp_err e = LISP_ERR__COUNT;
	size_t t = 0;

	switch (k) {
	case K_REQ:
		e = lisp_map_request_decode(c, n, &req);
		if (e != LISP_OK)
			CU_ASSERT(all_zero(&req, sizeof(req)));
		t = req.trailing;
		lisp_map_request_free(&req);
		break;
	case K_REP:
		e = lisp_map_reply_decode(c, n, &rep);
		if (e != LISP_OK)
			CU_ASSERT(all_zero(&rep, sizeof(rep)));
		t = rep.trailing;
		lisp_map_reply_free(&rep);
		break;
	case K_REG:
		e = lisp_map_register_decode(c, n, &reg);
		if (e != LISP_OK)
			CU_ASSERT(all_zero(&reg, sizeof(reg)));
		t = reg.trailing;
		lisp_map_register_free(&reg);
		break;
	case K_ECM:
		e = lisp_ecm_decode(c, n, &ecm);
		if (e != LISP_OK)
			CU_ASSERT(ecm.payload == NULL);
		break;
	case K_DATA:
		e = lisp_data_hdr_decode(c, n, &dh);
		break;
	}
	free(c);
	if (trailing != NULL)
		*trailing = t;
	return e;
}

/*
 * Every prefix of a message shorter than msg_len must fail, and with a
 * truncation-type reason (cutting bytes off cannot make a value wrong);
 * prefixes from msg_len on are the message plus trailing bytes.
 */
static void
check_prefixes(enum kind k, const uint8_t *b, size_t n, size_t msg_len)
{
	size_t i, t;
	enum lisp_err e;
	unsigned bad = 0;

	for (i = 0; i <= n; i++) {
		e = decode_any(k, b, i, &t);
		if (i < msg_len) {
			if (e != LISP_ERR_TRUNCATED && e != LISP_ERR_LCAF_LEN &&
			    e != LISP_ERR_INNER_IP && e != LISP_ERR_INNER_UDP)
				bad++;
		} else if (e != LISP_OK || (k != K_ECM && k != K_DATA && t != i - msg_len))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static struct addr
v4(const char *s)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.afi = AFI_IPV4;
	CU_ASSERT_FATAL(inet_pton(AF_INET, s, a.u.b) == 1);
	return a;
}

static struct addr
v6(const char *s)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.afi = AFI_IPV6;
	CU_ASSERT_FATAL(inet_pton(AF_INET6, s, a.u.b) == 1);
	return a;
}

static bool
addr_same(const struct addr *a, const struct addr *b)
{
	size_t n = a->afi == AFI_IPV4 ? 4 : a->afi == AFI_IPV6 ? 16 : 0;

	return a->afi == b->afi && a->iid == b->iid && memcmp(a->u.b, b->u.b, n) == 0;
}

static bool
laddr_same(const struct lisp_address *a, const struct lisp_address *b)
{
	unsigned i;

	if (!addr_same(&a->addr, &b->addr) || a->has_iid != b->has_iid ||
	    a->iid_mask_len != b->iid_mask_len || a->afi_list != b->afi_list ||
	    a->n_alt != b->n_alt || a->unknown_lcaf != b->unknown_lcaf ||
	    a->lcaf_type != b->lcaf_type)
		return false;
	for (i = 0; i < a->n_alt; i++)
		if (!addr_same(&a->alt[i], &b->alt[i]))
			return false;
	return true;
}

static bool
locator_same(const struct lisp_locator *a, const struct lisp_locator *b)
{
	return a->priority == b->priority && a->weight == b->weight &&
	    a->mpriority == b->mpriority && a->mweight == b->mweight &&
	    a->local == b->local && a->probed == b->probed &&
	    a->reachable == b->reachable && a->unused_flags == b->unused_flags &&
	    laddr_same(&a->rloc, &b->rloc);
}

static bool
record_same(const struct lisp_record *a, const struct lisp_record *b)
{
	unsigned i;

	if (a->ttl != b->ttl || a->action != b->action ||
	    a->authoritative != b->authoritative || a->reserved != b->reserved ||
	    a->map_version != b->map_version || a->reserved2 != b->reserved2 ||
	    a->eid.mask_len != b->eid.mask_len || !laddr_same(&a->eid.eid, &b->eid.eid) ||
	    a->loc_count != b->loc_count)
		return false;
	for (i = 0; i < a->loc_count; i++)
		if (!locator_same(&a->locs[i], &b->locs[i]))
			return false;
	return true;
}

static bool
is_v4(const struct lisp_address *a, const char *s)
{
	struct addr x = v4(s);

	x.iid = a->addr.iid;
	return addr_same(&a->addr, &x);
}

static bool
is_v6(const struct lisp_address *a, const char *s)
{
	struct addr x = v6(s);

	x.iid = a->addr.iid;
	return addr_same(&a->addr, &x);
}

/* ------------------------------------------------------------ vectors */

/* Map-Request, IPv4, no flags: what an ITR sends for a cache miss. */
static const uint8_t mreq_v4[] = {
	0x10,			/* type 1, A M P S = 0 */
	0x00,			/* p s = 0, reserved */
	0x00,			/* L D = 0, IRC 0: one ITR-RLOC */
	0x01,			/* record count 1 */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* nonce */
	0x00, 0x01, 192, 168, 1, 1,	/* source EID: AFI 1, 192.168.1.1 */
	0x00, 0x01, 10, 0, 1, 2,	/* ITR-RLOC: AFI 1, 10.0.1.2 */
	0x00,			/* record: reserved */
	0x20,			/* mask length 32 */
	0x00, 0x01, 192, 168, 2, 1,	/* EID prefix: AFI 1, 192.168.2.1 */
};

/* Map-Request, every flag, instance-ID LCAF EIDs, IPv6 RLOC, Map-Reply record. */
static const uint8_t mreq_full[] = {
	0x1F,			/* type 1, A 0x08, M 0x04, P 0x02, S 0x01 */
	0xC0,			/* p 0x80, s 0x40 */
	0x61,			/* L 0x40, D 0x20, IRC 1: two ITR-RLOCs */
	0x01,			/* record count 1 */
	0xde, 0xad, 0xbe, 0xef, 0x00, 0x11, 0x22, 0x33,	/* nonce */
	/* source EID: LCAF AFI, rsvd1, flags, type 2, IID mask-len 0, length 10 */
	0x40, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00, 0x0a,
	0x00, 0x00, 0x03, 0xe8,	/* IID 1000 */
	0x00, 0x01, 10, 1, 0, 1,	/* AFI 1, 10.1.0.1 */
	0x00, 0x01, 10, 0, 1, 2,	/* ITR-RLOC 1: 10.0.1.2 */
	0x00, 0x02,		/* ITR-RLOC 2: AFI 2, 2001:db8::2 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	0x00, 0x10,		/* record: reserved, mask length 16 */
	/* the digest's example: [1000] 10.1.0.0/16 */
	0x40, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00, 0x0a,
	0x00, 0x00, 0x03, 0xe8, 0x00, 0x01, 0x0a, 0x01, 0x00, 0x00,
	/* Map-Reply record (M) */
	0x00, 0x00, 0x05, 0xa0,	/* TTL 1440 minutes */
	0x01,			/* locator count 1 */
	0x10,			/* mask length 16 */
	0x10, 0x00,		/* ACT 0, A 0x1000 */
	0x00, 0x07,		/* map-version 7 */
	0x40, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00, 0x0a,	/* [1000] 10.1.0.0 */
	0x00, 0x00, 0x03, 0xe8, 0x00, 0x01, 0x0a, 0x01, 0x00, 0x00,
	0x01, 0x64, 0xff, 0x00,	/* priority 1, weight 100, mpriority 255, mweight 0 */
	0x00, 0x05,		/* L 0x0004, R 0x0001 */
	0x00, 0x01, 10, 0, 1, 2,	/* locator 10.0.1.2 */
};

/* Negative Map-Reply from the seed lab: 0.0.0.0/1, Natively-Forward, 15 min. */
static const uint8_t mrep_neg[] = {
	0x20,			/* type 2, P E S = 0 */
	0x00, 0x00,		/* reserved */
	0x01,			/* record count 1 */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* nonce echoed */
	0x00, 0x00, 0x00, 0x0f,	/* TTL 15 minutes */
	0x00,			/* locator count 0: negative */
	0x01,			/* mask length 1 */
	0x20, 0x00,		/* ACT 1 (Natively-Forward) << 13, A 0 */
	0x00, 0x00,		/* map-version 0 */
	0x00, 0x01, 0, 0, 0, 0,	/* EID 0.0.0.0 */
};

/* Map-Reply, P and E, an IPv4 and an IPv6 record, three locators, 8 LISP-SEC bytes. */
static const uint8_t mrep_pos[] = {
	0x2e,			/* type 2, P 0x08, E 0x04, S 0x02 */
	0x00, 0x03,		/* reserved (lispers.net's hop count in byte 2) */
	0x02,			/* record count 2 */
	0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8,	/* nonce */
	/* record 1 */
	0x00, 0x00, 0x05, 0xa0,	/* TTL 1440 */
	0x01,			/* locator count 1 */
	0x18,			/* mask length 24 */
	0x10, 0x00,		/* ACT 0, A */
	0x00, 0x00,		/* map-version 0 */
	0x00, 0x01, 192, 168, 2, 0,	/* 192.168.2.0 */
	0x01, 0x64, 0xff, 0x00,	/* priority 1, weight 100, 255, 0 */
	0x00, 0x07,		/* L p R */
	0x00, 0x01, 10, 0, 2, 2,	/* 10.0.2.2 */
	/* record 2 */
	0xff, 0xff, 0xff, 0xff,	/* TTL: receiver decides */
	0x02,			/* locator count 2 */
	0x30,			/* mask length 48 */
	0xa0, 0x05,		/* ACT 5 (Drop/Auth-Failure), reserved 5 */
	0x30, 0x0c,		/* reserved2 3, map-version 12 */
	0x00, 0x02,		/* 2001:db8:1:: */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x01, 0x32, 0xff, 0x00,	/* priority 1, weight 50 */
	0x00, 0x01,		/* R */
	0x00, 0x01, 10, 0, 2, 2,	/* 10.0.2.2 */
	0x02, 0x32, 0x01, 0x02,	/* priority 2, weight 50, mpriority 1, mweight 2 */
	0x80, 0x00,		/* no L p R, a reserved bit kept */
	0x00, 0x02,		/* 2001:db8:ffff::1 */
	0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	/* LISP-SEC data (S): trailing, not parsed */
	0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee,
};
#define MREP_POS_MSG_LEN (sizeof(mrep_pos) - 8)

/* Map-Register: P, I, M; HMAC-SHA-1 (the data here is arbitrary); xTR-ID trailer. */
static const uint8_t mreg_sha1[] = {
	0x3a,			/* type 3, P 0x08, I 0x02 */
	0x00,			/* reserved */
	0x01,			/* M: want a Map-Notify */
	0x01,			/* record count 1 */
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,	/* nonce */
	0x00,			/* key ID 0 */
	0x01,			/* algorithm 1: HMAC-SHA-1 */
	0x00, 0x14,		/* auth length 20 */
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,	/* auth data */
	0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0xb2, 0xb3,
	0x00, 0x00, 0x05, 0xa0,	/* record: TTL 1440 */
	0x01,			/* locator count 1 */
	0x18,			/* mask length 24 */
	0x10, 0x00,		/* ACT 0, A */
	0x00, 0x00,		/* map-version 0 */
	0x00, 0x01, 192, 168, 1, 0,	/* 192.168.1.0 */
	0x01, 0x64, 0xff, 0x00,	/* priority 1, weight 100 */
	0x00, 0x05,		/* L R */
	0x00, 0x01, 10, 0, 1, 2,	/* 10.0.1.2 */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* xTR-ID */
	0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,	/* site-ID 42 */
};

/* Map-Notify: HMAC-SHA-256 (arbitrary data), one negative record with an IPv6 EID. */
static const uint8_t mnotify_sha256[] = {
	0x40,			/* type 4 */
	0x00, 0x00,		/* reserved */
	0x01,			/* record count 1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* nonce 0 */
	0x07,			/* key ID 7 */
	0x02,			/* algorithm 2: HMAC-SHA-256 */
	0x00, 0x20,		/* auth length 32 */
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,	/* auth data */
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
	0x00, 0x00, 0x00, 0x01,	/* TTL 1 */
	0x00,			/* locator count 0 */
	0x80,			/* mask length 128 */
	0x60, 0x00,		/* ACT 3 (Drop) */
	0x0f, 0xff,		/* map-version 4095 */
	0x00, 0x02,		/* 2001:db8::1 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
};

/* Map-Notify-Ack: no auth, no records. */
static const uint8_t mnack[] = {
	0x50, 0x00, 0x00, 0x00,	/* type 5, reserved, record count 0 */
	0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11,	/* nonce */
	0x00, 0x00, 0x00, 0x00,	/* key ID 0, algorithm 0, auth length 0 */
};

/* ECM: LH, inner IPv4 + UDP (checksums computed by hand), mreq_v4 as payload. */
static const uint8_t ecm_v4[] = {
	0x80, 0x00, 0x00, 0x00,	/* type 8, S D = 0, reserved */
	0x45, 0x00,		/* IPv4, IHL 5, TOS 0 */
	0x00, 0x3c,		/* total length 60 */
	0x00, 0x00, 0x00, 0x00,	/* ID 0, no fragment */
	0x40, 0x11,		/* TTL 64, protocol UDP */
	0xf6, 0x5e,		/* header checksum */
	192, 168, 1, 1,		/* source: the ITR's EID */
	192, 168, 2, 1,		/* destination: the requested EID */
	0xcf, 0x08,		/* UDP source port 53000 */
	0x10, 0xf6,		/* destination port 4342 */
	0x00, 0x28,		/* UDP length 40 */
	0xeb, 0xbe,		/* UDP checksum */
	0x10, 0x00, 0x00, 0x01,	/* the inner Map-Request (mreq_v4) */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x00, 0x01, 192, 168, 1, 1,
	0x00, 0x01, 10, 0, 1, 2,
	0x00, 0x20, 0x00, 0x01, 192, 168, 2, 1,
};

/* ECM with S and D, inner IPv6 + UDP, mreq_v4 as payload. */
static const uint8_t ecm_v6[] = {
	0x8c, 0x00, 0x00, 0x00,	/* type 8, S 0x08, D 0x04 */
	0x60, 0x00, 0x00, 0x00,	/* IPv6, traffic class 0, flow label 0 */
	0x00, 0x28,		/* payload length 40 */
	0x11,			/* next header UDP */
	0x20,			/* hop limit 32 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,	/* 2001:db8::1 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,	/* 2001:db8:2::1 */
	0x10, 0xf6, 0x10, 0xf6,	/* UDP 4342 -> 4342 */
	0x00, 0x28,		/* UDP length 40 */
	0xd2, 0xae,		/* UDP checksum */
	0x10, 0x00, 0x00, 0x01,	/* mreq_v4 */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x00, 0x01, 192, 168, 1, 1,
	0x00, 0x01, 10, 0, 1, 2,
	0x00, 0x20, 0x00, 0x01, 192, 168, 2, 1,
};

/* Data headers. */
static const uint8_t data_nonce[] = {
	0xc0,			/* N L */
	0xab, 0xcd, 0xef,	/* nonce 0xabcdef */
	0x00, 0x00, 0x00, 0x03,	/* 32 LSBs: locators 0 and 1 up */
};
static const uint8_t data_iid[] = {
	0xcb,			/* N L I, KK 3 */
	0x12, 0x34, 0x56,	/* nonce */
	0x00, 0x03, 0xe8,	/* IID 1000 */
	0x01,			/* 8 LSBs */
};
static const uint8_t data_ver[] = {
	0x34,			/* E V R */
	0x12, 0x3f, 0xed,	/* source map-version 0x123, destination 0xfed */
	0xde, 0xad, 0xbe, 0xef,	/* 32 LSBs */
};

/* ------------------------------------------------------------ known answers */

static void
test_kat_map_request_v4(void)
{
	struct lisp_map_request m;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(mreq_v4, sizeof(mreq_v4), &m), LISP_OK);
	CU_ASSERT(!m.auth && !m.map_data && !m.probe && !m.smr && !m.pitr &&
	    !m.smr_invoked && !m.local_xtr && !m.dont_reply);
	CU_ASSERT_EQUAL(m.reserved1, 0);
	CU_ASSERT_EQUAL(m.nonce, 0x0102030405060708ULL);
	CU_ASSERT(is_v4(&m.source_eid, "192.168.1.1") && !m.source_eid.has_iid);
	CU_ASSERT_EQUAL(m.itr_rloc_count, 1);
	CU_ASSERT(is_v4(&m.itr_rlocs[0], "10.0.1.2"));
	CU_ASSERT_EQUAL(m.record_count, 1);
	CU_ASSERT_EQUAL(m.records[0].mask_len, 32);
	CU_ASSERT(is_v4(&m.records[0].eid, "192.168.2.1"));
	CU_ASSERT(m.map_reply_record == NULL);
	CU_ASSERT_EQUAL(m.trailing, 0);
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, out, sizeof(out)), (ssize_t)sizeof(mreq_v4));
	CU_ASSERT(memcmp(out, mreq_v4, sizeof(mreq_v4)) == 0);
	CU_ASSERT_EQUAL(lisp_msg_type(mreq_v4, sizeof(mreq_v4)), LISP_MAP_REQUEST);
	lisp_map_request_free(&m);
	CU_ASSERT(all_zero(&m, sizeof(m)));
	check_prefixes(K_REQ, mreq_v4, sizeof(mreq_v4), sizeof(mreq_v4));
}

static void
test_kat_map_request_full(void)
{
	struct lisp_map_request m;
	struct lisp_record *r;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(mreq_full, sizeof(mreq_full), &m), LISP_OK);
	CU_ASSERT(m.auth && m.map_data && m.probe && m.smr && m.pitr && m.smr_invoked &&
	    m.local_xtr && m.dont_reply);
	CU_ASSERT_EQUAL(m.nonce, 0xdeadbeef00112233ULL);
	CU_ASSERT(m.source_eid.has_iid && m.source_eid.addr.iid == 1000);
	CU_ASSERT(is_v4(&m.source_eid, "10.1.0.1"));
	CU_ASSERT_EQUAL(m.itr_rloc_count, 2);
	CU_ASSERT(is_v4(&m.itr_rlocs[0], "10.0.1.2"));
	CU_ASSERT(is_v6(&m.itr_rlocs[1], "2001:db8::2"));
	CU_ASSERT_EQUAL(m.record_count, 1);
	CU_ASSERT_EQUAL(m.records[0].mask_len, 16);
	CU_ASSERT(m.records[0].eid.has_iid && m.records[0].eid.addr.iid == 1000);
	CU_ASSERT_EQUAL(m.records[0].eid.iid_mask_len, 0);
	CU_ASSERT(is_v4(&m.records[0].eid, "10.1.0.0"));
	CU_ASSERT_FATAL(m.map_reply_record != NULL);
	r = m.map_reply_record;
	CU_ASSERT_EQUAL(r->ttl, 1440);
	CU_ASSERT_EQUAL(r->action, LISP_ACT_NO_ACTION);
	CU_ASSERT(r->authoritative);
	CU_ASSERT_EQUAL(r->map_version, 7);
	CU_ASSERT_EQUAL(r->eid.mask_len, 16);
	CU_ASSERT(r->eid.eid.has_iid && r->eid.eid.addr.iid == 1000);
	CU_ASSERT_EQUAL_FATAL(r->loc_count, 1);
	CU_ASSERT(r->locs[0].priority == 1 && r->locs[0].weight == 100 &&
	    r->locs[0].mpriority == 255 && r->locs[0].mweight == 0);
	CU_ASSERT(r->locs[0].local && !r->locs[0].probed && r->locs[0].reachable);
	CU_ASSERT(is_v4(&r->locs[0].rloc, "10.0.1.2"));
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, out, sizeof(out)), (ssize_t)sizeof(mreq_full));
	CU_ASSERT(memcmp(out, mreq_full, sizeof(mreq_full)) == 0);
	lisp_map_request_free(&m);
	check_prefixes(K_REQ, mreq_full, sizeof(mreq_full), sizeof(mreq_full));
}

static void
test_kat_map_reply_negative(void)
{
	struct lisp_map_reply m;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(mrep_neg, sizeof(mrep_neg), &m), LISP_OK);
	CU_ASSERT(!m.probe && !m.echo_nonce && !m.security && m.reserved == 0);
	CU_ASSERT_EQUAL(m.nonce, 0x0102030405060708ULL);
	CU_ASSERT_EQUAL_FATAL(m.record_count, 1);
	CU_ASSERT_EQUAL(m.records[0].ttl, 15);
	CU_ASSERT_EQUAL(m.records[0].loc_count, 0);
	CU_ASSERT(m.records[0].locs == NULL);
	CU_ASSERT_EQUAL(m.records[0].eid.mask_len, 1);
	CU_ASSERT(is_v4(&m.records[0].eid.eid, "0.0.0.0"));
	CU_ASSERT_EQUAL(m.records[0].action, LISP_ACT_NATIVE_FWD);
	CU_ASSERT_STRING_EQUAL(lisp_action_str(m.records[0].action), "Natively-Forward");
	CU_ASSERT(!m.records[0].authoritative);
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&m, out, sizeof(out)), (ssize_t)sizeof(mrep_neg));
	CU_ASSERT(memcmp(out, mrep_neg, sizeof(mrep_neg)) == 0);
	lisp_map_reply_free(&m);
	check_prefixes(K_REP, mrep_neg, sizeof(mrep_neg), sizeof(mrep_neg));
}

static void
test_kat_map_reply_positive(void)
{
	struct lisp_map_reply m;
	struct lisp_record *r;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(mrep_pos, sizeof(mrep_pos), &m), LISP_OK);
	CU_ASSERT(m.probe && m.echo_nonce && m.security);
	CU_ASSERT_EQUAL(m.reserved, 3);
	CU_ASSERT_EQUAL(m.nonce, 0xa1a2a3a4a5a6a7a8ULL);
	CU_ASSERT_EQUAL(m.trailing, 8);
	CU_ASSERT_EQUAL_FATAL(m.record_count, 2);
	r = &m.records[0];
	CU_ASSERT(r->ttl == 1440 && r->authoritative && r->action == 0);
	CU_ASSERT(r->eid.mask_len == 24 && is_v4(&r->eid.eid, "192.168.2.0"));
	CU_ASSERT_EQUAL_FATAL(r->loc_count, 1);
	CU_ASSERT(r->locs[0].local && r->locs[0].probed && r->locs[0].reachable);
	CU_ASSERT(r->locs[0].unused_flags == 0 && is_v4(&r->locs[0].rloc, "10.0.2.2"));
	r = &m.records[1];
	CU_ASSERT(r->ttl == 0xFFFFFFFF && !r->authoritative);
	CU_ASSERT(r->action == LISP_ACT_DROP_AUTH && r->reserved == 5);
	CU_ASSERT(r->reserved2 == 3 && r->map_version == 12);
	CU_ASSERT(r->eid.mask_len == 48 && is_v6(&r->eid.eid, "2001:db8:1::"));
	CU_ASSERT_EQUAL_FATAL(r->loc_count, 2);
	CU_ASSERT(r->locs[0].priority == 1 && r->locs[0].weight == 50);
	CU_ASSERT(!r->locs[0].local && !r->locs[0].probed && r->locs[0].reachable);
	CU_ASSERT(r->locs[1].priority == 2 && r->locs[1].mpriority == 1 &&
	    r->locs[1].mweight == 2);
	CU_ASSERT(!r->locs[1].local && !r->locs[1].probed && !r->locs[1].reachable);
	CU_ASSERT_EQUAL(r->locs[1].unused_flags, 0x8000);
	CU_ASSERT(is_v6(&r->locs[1].rloc, "2001:db8:ffff::1"));
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&m, out, sizeof(out)), (ssize_t)MREP_POS_MSG_LEN);
	CU_ASSERT(memcmp(out, mrep_pos, MREP_POS_MSG_LEN) == 0);
	lisp_map_reply_free(&m);
	check_prefixes(K_REP, mrep_pos, sizeof(mrep_pos), MREP_POS_MSG_LEN);
}

static void
test_kat_map_register(void)
{
	struct lisp_map_register m;
	uint8_t out[256];
	unsigned i;

	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(mreg_sha1, sizeof(mreg_sha1), &m), LISP_OK);
	CU_ASSERT_EQUAL(m.type, LISP_MAP_REGISTER);
	CU_ASSERT(m.proxy_reply && !m.security && m.xtr_id_present && !m.rtr);
	CU_ASSERT(m.want_map_notify && m.reserved == 0);
	CU_ASSERT_EQUAL(m.nonce, 0x1122334455667788ULL);
	CU_ASSERT(m.key_id == 0 && m.alg_id == LISP_AUTH_HMAC_SHA1 && m.auth_len == 20);
	for (i = 0; i < 20; i++)
		CU_ASSERT_EQUAL(m.auth[i], 0xa0 + i);
	CU_ASSERT_EQUAL_FATAL(m.record_count, 1);
	CU_ASSERT(m.records[0].ttl == 1440 && m.records[0].authoritative);
	CU_ASSERT(m.records[0].eid.mask_len == 24 && is_v4(&m.records[0].eid.eid, "192.168.1.0"));
	CU_ASSERT_EQUAL_FATAL(m.records[0].loc_count, 1);
	CU_ASSERT(m.records[0].locs[0].local && m.records[0].locs[0].reachable);
	CU_ASSERT(is_v4(&m.records[0].locs[0].rloc, "10.0.1.2"));
	for (i = 0; i < 16; i++)
		CU_ASSERT_EQUAL(m.xtr_id[i], i + 1);
	CU_ASSERT_EQUAL(m.site_id, 42);
	CU_ASSERT_EQUAL(m.trailing, 0);
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, out, sizeof(out)),
	    (ssize_t)sizeof(mreg_sha1));
	CU_ASSERT(memcmp(out, mreg_sha1, sizeof(mreg_sha1)) == 0);
	lisp_map_register_free(&m);
	check_prefixes(K_REG, mreg_sha1, sizeof(mreg_sha1), sizeof(mreg_sha1));
}

static void
test_kat_map_notify(void)
{
	struct lisp_map_register m;
	uint8_t out[256];
	unsigned i;

	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(mnotify_sha256, sizeof(mnotify_sha256), &m),
	    LISP_OK);
	CU_ASSERT_EQUAL(m.type, LISP_MAP_NOTIFY);
	CU_ASSERT(!m.proxy_reply && !m.security && !m.xtr_id_present && !m.rtr &&
	    !m.want_map_notify);
	CU_ASSERT(m.nonce == 0 && m.key_id == 7 && m.alg_id == 2 && m.auth_len == 32);
	for (i = 0; i < 32; i++)
		CU_ASSERT_EQUAL(m.auth[i], i);
	CU_ASSERT_EQUAL_FATAL(m.record_count, 1);
	CU_ASSERT(m.records[0].ttl == 1 && m.records[0].loc_count == 0);
	CU_ASSERT(m.records[0].action == LISP_ACT_DROP && m.records[0].map_version == 4095);
	CU_ASSERT(m.records[0].eid.mask_len == 128 &&
	    is_v6(&m.records[0].eid.eid, "2001:db8::1"));
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, out, sizeof(out)),
	    (ssize_t)sizeof(mnotify_sha256));
	CU_ASSERT(memcmp(out, mnotify_sha256, sizeof(mnotify_sha256)) == 0);
	lisp_map_register_free(&m);
	check_prefixes(K_REG, mnotify_sha256, sizeof(mnotify_sha256), sizeof(mnotify_sha256));

	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(mnack, sizeof(mnack), &m), LISP_OK);
	CU_ASSERT(m.type == LISP_MAP_NOTIFY_ACK && m.record_count == 0 && m.records == NULL);
	CU_ASSERT(m.nonce == 0x0a0b0c0d0e0f1011ULL && m.alg_id == 0 && m.auth_len == 0);
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, out, sizeof(out)),
	    (ssize_t)sizeof(mnack));
	CU_ASSERT(memcmp(out, mnack, sizeof(mnack)) == 0);
	lisp_map_register_free(&m);
	check_prefixes(K_REG, mnack, sizeof(mnack), sizeof(mnack));
}

/* One's-complement sum over the buffers; 0xFFFF when a checksum inside is right. */
static uint16_t
ocsum(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < na; i += 2)
		s += (uint32_t)(a[i] << 8 | (i + 1 < na ? a[i + 1] : 0));
	for (i = 0; i < nb; i += 2)
		s += (uint32_t)(b[i] << 8 | (i + 1 < nb ? b[i + 1] : 0));
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)s;
}

static void
test_kat_ecm(void)
{
	struct lisp_ecm m;
	struct lisp_map_request req;
	uint8_t out[256];

	CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(ecm_v4, sizeof(ecm_v4), &m), LISP_OK);
	CU_ASSERT(!m.security && !m.ddt && m.other_flags == 0);
	CU_ASSERT(addr_same(&m.inner_src, &(struct addr){ .afi = AFI_IPV4,
	    .u.b = { 192, 168, 1, 1 } }));
	CU_ASSERT(addr_same(&m.inner_dst, &(struct addr){ .afi = AFI_IPV4,
	    .u.b = { 192, 168, 2, 1 } }));
	CU_ASSERT(m.inner_ttl == 64 && m.inner_sport == 53000 && m.inner_dport == 4342);
	CU_ASSERT(m.payload == ecm_v4 + 32 && m.payload_len == sizeof(mreq_v4));
	CU_ASSERT(memcmp(m.payload, mreq_v4, sizeof(mreq_v4)) == 0);
	CU_ASSERT_EQUAL(lisp_map_request_decode(m.payload, m.payload_len, &req), LISP_OK);
	lisp_map_request_free(&req);
	CU_ASSERT_EQUAL(lisp_ecm_encode(&m, out, sizeof(out)), (ssize_t)sizeof(ecm_v4));
	CU_ASSERT(memcmp(out, ecm_v4, sizeof(ecm_v4)) == 0);
	check_prefixes(K_ECM, ecm_v4, sizeof(ecm_v4), sizeof(ecm_v4));

	CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(ecm_v6, sizeof(ecm_v6), &m), LISP_OK);
	CU_ASSERT(m.security && m.ddt && m.other_flags == 0);
	CU_ASSERT(m.inner_src.afi == AFI_IPV6 && m.inner_dst.afi == AFI_IPV6);
	CU_ASSERT(memcmp(m.inner_dst.u.b, ecm_v6 + 28, 16) == 0);
	CU_ASSERT(m.inner_ttl == 32 && m.inner_sport == 4342 && m.inner_dport == 4342);
	CU_ASSERT(m.payload == ecm_v6 + 52 && m.payload_len == sizeof(mreq_v4));
	CU_ASSERT_EQUAL(lisp_ecm_encode(&m, out, sizeof(out)), (ssize_t)sizeof(ecm_v6));
	CU_ASSERT(memcmp(out, ecm_v6, sizeof(ecm_v6)) == 0);
	check_prefixes(K_ECM, ecm_v6, sizeof(ecm_v6), sizeof(ecm_v6));
	CU_ASSERT_EQUAL(lisp_msg_type(ecm_v6, sizeof(ecm_v6)), LISP_ECM);
}

static void
test_kat_data_hdr(void)
{
	struct lisp_data_hdr h;
	uint8_t out[8];

	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(data_nonce, 8, &h), LISP_OK);
	CU_ASSERT(h.n && h.l && !h.e && !h.v && !h.i && h.r == 0 && h.kk == 0);
	CU_ASSERT(h.nonce == 0xabcdef && h.lsb == 3 && h.iid == 0);
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, out, sizeof(out)), 8);
	CU_ASSERT(memcmp(out, data_nonce, 8) == 0);
	check_prefixes(K_DATA, data_nonce, 8, 8);

	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(data_iid, 8, &h), LISP_OK);
	CU_ASSERT(h.n && h.l && !h.e && !h.v && h.i && h.kk == 3);
	CU_ASSERT(h.nonce == 0x123456 && h.iid == 1000 && h.lsb == 1);
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, out, sizeof(out)), 8);
	CU_ASSERT(memcmp(out, data_iid, 8) == 0);
	check_prefixes(K_DATA, data_iid, 8, 8);

	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(data_ver, 8, &h), LISP_OK);
	CU_ASSERT(!h.n && !h.l && h.e && h.v && !h.i && h.r == 1 && h.kk == 0);
	CU_ASSERT(h.src_map_version == 0x123 && h.dst_map_version == 0xfed);
	CU_ASSERT(h.nonce == 0 && h.lsb == 0xdeadbeef);
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, out, sizeof(out)), 8);
	CU_ASSERT(memcmp(out, data_ver, 8) == 0);
	check_prefixes(K_DATA, data_ver, 8, 8);
}

static void
test_names(void)
{
	int e;

	CU_ASSERT_STRING_EQUAL(lisp_type_str(LISP_MAP_REQUEST), "Map-Request");
	CU_ASSERT_STRING_EQUAL(lisp_type_str(LISP_MAP_NOTIFY_ACK), "Map-Notify-Ack");
	CU_ASSERT_STRING_EQUAL(lisp_type_str(LISP_ECM), "ECM");
	CU_ASSERT_STRING_EQUAL(lisp_type_str(12), "Unknown");
	CU_ASSERT_STRING_EQUAL(lisp_action_str(LISP_ACT_SEND_MAP_REQ), "Send-Map-Request");
	CU_ASSERT_STRING_EQUAL(lisp_action_str(7), "Unknown");
	CU_ASSERT_STRING_EQUAL(lisp_err_str(LISP_ERR_TRUNCATED), "truncated");
	CU_ASSERT_STRING_EQUAL(lisp_err_str(LISP_ERR__COUNT), "unknown");
	/* every reason has its own name: they become counter labels */
	for (e = 0; e < LISP_ERR__COUNT; e++) {
		int f;

		CU_ASSERT(strcmp(lisp_err_str((enum lisp_err)e), "unknown") != 0);
		for (f = 0; f < e; f++)
			CU_ASSERT(strcmp(lisp_err_str((enum lisp_err)e),
			    lisp_err_str((enum lisp_err)f)) != 0);
	}
	CU_ASSERT_EQUAL(lisp_msg_type(NULL, 0), 0);
}

/* ------------------------------------------------------------ round trips */

static struct lisp_address
la(struct addr a)
{
	struct lisp_address l;

	memset(&l, 0, sizeof(l));
	l.addr = a;
	return l;
}

static struct lisp_address
la_iid(struct addr a, uint32_t iid)
{
	struct lisp_address l = la(a);

	l.has_iid = true;
	l.addr.iid = iid;
	return l;
}

static struct lisp_address
la_list(struct addr a, struct addr b, struct addr c)
{
	struct lisp_address l = la(a);

	l.afi_list = true;
	l.n_alt = 2;
	l.alt[0] = b;
	l.alt[1] = c;
	return l;
}

static struct lisp_locator
loc(struct lisp_address rloc, uint8_t pri, uint8_t w, bool l, bool p, bool r)
{
	struct lisp_locator x;

	memset(&x, 0, sizeof(x));
	x.priority = pri;
	x.weight = w;
	x.mpriority = 255;
	x.local = l;
	x.probed = p;
	x.reachable = r;
	x.rloc = rloc;
	return x;
}

/* Encode, decode, compare, and check that re-encoding gives the same bytes. */
static void
rt_request(const struct lisp_map_request *in, struct lisp_map_request *out)
{
	uint8_t b1[1500], b2[1500];
	ssize_t n1, n2;
	unsigned i;

	n1 = lisp_map_request_encode(in, b1, sizeof(b1));
	CU_ASSERT_FATAL(n1 > 0);
	CU_ASSERT_EQUAL_FATAL(decode_any(K_REQ, b1, (size_t)n1, NULL), LISP_OK);
	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(b1, (size_t)n1, out), LISP_OK);
	CU_ASSERT(out->auth == in->auth && out->map_data == in->map_data &&
	    out->probe == in->probe && out->smr == in->smr && out->pitr == in->pitr &&
	    out->smr_invoked == in->smr_invoked && out->local_xtr == in->local_xtr &&
	    out->dont_reply == in->dont_reply && out->reserved1 == in->reserved1);
	CU_ASSERT(out->nonce == in->nonce && laddr_same(&out->source_eid, &in->source_eid));
	CU_ASSERT_EQUAL_FATAL(out->itr_rloc_count, in->itr_rloc_count);
	for (i = 0; i < in->itr_rloc_count; i++)
		CU_ASSERT(laddr_same(&out->itr_rlocs[i], &in->itr_rlocs[i]));
	CU_ASSERT_EQUAL_FATAL(out->record_count, in->record_count);
	for (i = 0; i < in->record_count; i++)
		CU_ASSERT(out->records[i].mask_len == in->records[i].mask_len &&
		    laddr_same(&out->records[i].eid, &in->records[i].eid));
	CU_ASSERT_EQUAL(out->map_reply_record != NULL, in->map_data);
	if (in->map_data && out->map_reply_record != NULL)
		CU_ASSERT(record_same(out->map_reply_record, in->map_reply_record));
	n2 = lisp_map_request_encode(out, b2, sizeof(b2));
	CU_ASSERT(n2 == n1 && memcmp(b1, b2, (size_t)n1) == 0);
	check_prefixes(K_REQ, b1, (size_t)n1, (size_t)n1);
	/* every buffer too small by any amount fails cleanly */
	for (i = 0; i < (unsigned)n1; i++)
		CU_ASSERT_EQUAL(lisp_map_request_encode(in, b2, i), -1);
}

static void
rt_reply(const struct lisp_map_reply *in)
{
	struct lisp_map_reply out;
	uint8_t b1[1500], b2[1500];
	ssize_t n1, n2;
	unsigned i;

	n1 = lisp_map_reply_encode(in, b1, sizeof(b1));
	CU_ASSERT_FATAL(n1 > 0);
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(b1, (size_t)n1, &out), LISP_OK);
	CU_ASSERT(out.probe == in->probe && out.echo_nonce == in->echo_nonce &&
	    out.security == in->security && out.reserved == in->reserved &&
	    out.nonce == in->nonce && out.trailing == 0);
	CU_ASSERT_EQUAL_FATAL(out.record_count, in->record_count);
	for (i = 0; i < in->record_count; i++)
		CU_ASSERT(record_same(&out.records[i], &in->records[i]));
	n2 = lisp_map_reply_encode(&out, b2, sizeof(b2));
	CU_ASSERT(n2 == n1 && memcmp(b1, b2, (size_t)n1) == 0);
	lisp_map_reply_free(&out);
	check_prefixes(K_REP, b1, (size_t)n1, (size_t)n1);
	for (i = 0; i < (unsigned)n1; i++)
		CU_ASSERT_EQUAL(lisp_map_reply_encode(in, b2, i), -1);
}

static void
rt_register(const struct lisp_map_register *in)
{
	struct lisp_map_register out;
	uint8_t b1[1500], b2[1500];
	ssize_t n1, n2;
	unsigned i;

	n1 = lisp_map_register_encode(in, NULL, 0, b1, sizeof(b1));
	CU_ASSERT_FATAL(n1 > 0);
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(b1, (size_t)n1, &out), LISP_OK);
	CU_ASSERT(out.type == in->type && out.proxy_reply == in->proxy_reply &&
	    out.security == in->security && out.xtr_id_present == in->xtr_id_present &&
	    out.rtr == in->rtr && out.want_map_notify == in->want_map_notify &&
	    out.reserved == in->reserved && out.nonce == in->nonce &&
	    out.key_id == in->key_id && out.alg_id == in->alg_id &&
	    out.auth_len == in->auth_len && out.trailing == 0);
	CU_ASSERT(memcmp(out.auth, in->auth, in->auth_len) == 0);
	if (in->xtr_id_present)
		CU_ASSERT(memcmp(out.xtr_id, in->xtr_id, 16) == 0 && out.site_id == in->site_id);
	CU_ASSERT_EQUAL_FATAL(out.record_count, in->record_count);
	for (i = 0; i < in->record_count; i++)
		CU_ASSERT(record_same(&out.records[i], &in->records[i]));
	n2 = lisp_map_register_encode(&out, NULL, 0, b2, sizeof(b2));
	CU_ASSERT(n2 == n1 && memcmp(b1, b2, (size_t)n1) == 0);
	lisp_map_register_free(&out);
	check_prefixes(K_REG, b1, (size_t)n1, (size_t)n1);
	for (i = 0; i < (unsigned)n1; i++)
		CU_ASSERT_EQUAL(lisp_map_register_encode(in, NULL, 0, b2, i), -1);
}

static void
request_base(struct lisp_map_request *m, struct lisp_eid *eid)
{
	memset(m, 0, sizeof(*m));
	memset(eid, 0, sizeof(*eid));
	m->nonce = 0x8877665544332211ULL;
	m->source_eid = la(v4("192.168.1.1"));
	m->itr_rloc_count = 1;
	m->itr_rlocs[0] = la(v4("10.0.1.2"));
	eid->eid = la(v4("192.168.2.1"));
	eid->mask_len = 32;
	m->record_count = 1;
	m->records = eid;
}

#define FLAG(type, f) { offsetof(struct type, f), #f }
struct flag { size_t off; const char *name; };

static void
test_rt_map_request_flags(void)
{
	static const struct flag flags[] = {
		FLAG(lisp_map_request, auth), FLAG(lisp_map_request, probe),
		FLAG(lisp_map_request, smr), FLAG(lisp_map_request, pitr),
		FLAG(lisp_map_request, smr_invoked), FLAG(lisp_map_request, local_xtr),
		FLAG(lisp_map_request, dont_reply), FLAG(lisp_map_request, map_data),
	};
	/* where each flag lives on the wire: byte, mask (same order as flags[]) */
	static const uint8_t at[][2] = {
		{ 0, 0x08 }, { 0, 0x02 }, { 0, 0x01 }, { 1, 0x80 }, { 1, 0x40 },
		{ 2, 0x40 }, { 2, 0x20 }, { 0, 0x04 },
	};
	struct lisp_map_request m, out;
	struct lisp_eid eid;
	struct lisp_record mr;
	struct lisp_locator l = loc(la(v4("10.0.1.2")), 1, 100, true, false, true);
	uint8_t b[256];
	unsigned i, j;

	memset(&mr, 0, sizeof(mr));
	mr.ttl = 1440;
	mr.eid.eid = la(v4("192.168.1.0"));
	mr.eid.mask_len = 24;
	mr.loc_count = 1;
	mr.locs = &l;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		request_base(&m, &eid);
		*(bool *)((char *)&m + flags[i].off) = true;
		if (m.map_data)
			m.map_reply_record = &mr;
		CU_ASSERT_FATAL(lisp_map_request_encode(&m, b, sizeof(b)) > 0);
		CU_ASSERT_EQUAL(b[0] & 0x0F, at[i][0] == 0 ? at[i][1] : 0);
		CU_ASSERT_EQUAL(b[1], at[i][0] == 1 ? at[i][1] : 0);
		CU_ASSERT_EQUAL(b[2] & 0xE0, at[i][0] == 2 ? at[i][1] : 0);
		rt_request(&m, &out);
		for (j = 0; j < sizeof(flags) / sizeof(flags[0]); j++)
			CU_ASSERT_EQUAL(*(bool *)((char *)&out + flags[j].off), i == j);
		lisp_map_request_free(&out);
	}
}

static void
test_rt_map_request_variants(void)
{
	struct lisp_map_request m, out;
	struct lisp_eid eids[3];
	unsigned i;

	request_base(&m, &eids[0]);
	/* IPv6 everywhere, 32 ITR-RLOCs (IRC 31), three records */
	m.source_eid = la(v6("2001:db8:1::1"));
	m.itr_rloc_count = LISP_MAX_ITR_RLOCS;
	for (i = 0; i < LISP_MAX_ITR_RLOCS; i++) {
		m.itr_rlocs[i] = la(v6("2001:db8:ff::"));
		m.itr_rlocs[i].addr.u.b[15] = (uint8_t)i;
	}
	m.itr_rlocs[5] = la(v4("10.0.0.5"));
	m.itr_rlocs[6] = la_iid(v4("10.0.0.6"), 0xFFFFFF);
	eids[0].eid = la(v6("2001:db8:2::"));
	eids[0].mask_len = 48;
	eids[1].eid = la_iid(v6("2001:db8:3::"), 7);
	eids[1].mask_len = 128;
	memset(&eids[2], 0, sizeof(eids[2]));
	eids[2].eid = la_list(v4("10.9.0.0"), v6("2001::"), v4("10.8.0.0"));
	eids[2].mask_len = 16;
	m.record_count = 3;
	m.records = eids;
	m.reserved1 = 0x2A;
	rt_request(&m, &out);
	CU_ASSERT_EQUAL(out.itr_rlocs[31].addr.u.b[15], 31);
	lisp_map_request_free(&out);

	/* a refresh: source EID AFI 0, and an instance range (IID mask-len, AFI 0) */
	request_base(&m, &eids[0]);
	m.source_eid = la((struct addr){ .afi = AFI_NONE });
	m.itr_rlocs[0] = la_iid(v4("10.0.1.2"), 1);
	eids[0].eid = la_iid((struct addr){ .afi = AFI_NONE }, 0x10000);
	eids[0].eid.iid_mask_len = 8;
	eids[0].mask_len = 0;
	rt_request(&m, &out);
	CU_ASSERT(out.source_eid.addr.afi == AFI_NONE && !out.source_eid.has_iid);
	CU_ASSERT(out.records[0].eid.has_iid && out.records[0].eid.iid_mask_len == 8);
	lisp_map_request_free(&out);
}

static void
test_rt_map_reply(void)
{
	struct lisp_map_reply m;
	struct lisp_record recs[3];
	struct lisp_locator l0[3], l1[1];
	unsigned i, j;

	memset(&m, 0, sizeof(m));
	memset(recs, 0, sizeof(recs));
	l0[0] = loc(la(v4("10.0.2.2")), 1, 50, true, false, true);
	l0[1] = loc(la(v6("2001:db8:a::2")), 2, 50, false, true, false);
	l0[2] = loc(la_list(v4("10.0.3.3"), v6("2001:db8:b::3"), v4("10.0.4.4")), 255, 0,
	    false, false, true);
	l0[2].unused_flags = 0x0108;
	l1[0] = loc(la_iid(v4("10.0.5.5"), 99), 1, 100, false, false, false);
	recs[0].ttl = 1440;
	recs[0].authoritative = true;
	recs[0].map_version = 0xABC;
	recs[0].eid.eid = la(v4("192.168.2.0"));
	recs[0].eid.mask_len = 24;
	recs[0].loc_count = 3;
	recs[0].locs = l0;
	recs[1].ttl = 0xFFFFFFFF;
	recs[1].reserved = 0x800;
	recs[1].reserved2 = 0xF;
	recs[1].eid.eid = la_iid(v6("2001:db8:100::"), 0x123456);
	recs[1].eid.mask_len = 40;
	recs[1].loc_count = 1;
	recs[1].locs = l1;
	recs[2].ttl = 15;
	recs[2].action = LISP_ACT_NATIVE_FWD;
	recs[2].eid.eid = la(v4("0.0.0.0"));
	recs[2].eid.mask_len = 0;
	m.nonce = 0x1234;
	m.record_count = 3;
	m.records = recs;
	rt_reply(&m);
	/* each header flag on its own */
	for (i = 0; i < 3; i++) {
		uint8_t b[512];

		m.probe = i == 0;
		m.echo_nonce = i == 1;
		m.security = i == 2;
		CU_ASSERT_FATAL(lisp_map_reply_encode(&m, b, sizeof(b)) > 0);
		CU_ASSERT_EQUAL(b[0], 0x20 | (0x08 >> i));
		rt_reply(&m);
	}
	/* every action value, and A, on a negative record */
	m.probe = m.echo_nonce = m.security = false;
	m.record_count = 1;
	m.records = &recs[2];
	for (j = 0; j < 8; j++) {
		recs[2].action = (uint8_t)j;
		recs[2].authoritative = j & 1;
		rt_reply(&m);
	}
	m.record_count = 0;	/* a reply with no records is well formed */
	m.records = NULL;
	rt_reply(&m);
}

static void
test_rt_locator_flags(void)
{
	struct lisp_map_reply m, out;
	struct lisp_record rec;
	struct lisp_locator l;
	uint8_t b[256];
	ssize_t n;
	unsigned i;

	for (i = 0; i < 3; i++) {
		memset(&m, 0, sizeof(m));
		memset(&rec, 0, sizeof(rec));
		l = loc(la(v4("10.0.2.2")), 1, 1, i == 0, i == 1, i == 2);
		rec.eid.eid = la(v4("10.0.0.0"));
		rec.eid.mask_len = 8;
		rec.loc_count = 1;
		rec.locs = &l;
		m.record_count = 1;
		m.records = &rec;
		n = lisp_map_reply_encode(&m, b, sizeof(b));
		/* header 12, record 10 + EID 6, locator: 4 bytes, then the flags */
		CU_ASSERT_FATAL(n == 12 + 16 + 12);
		CU_ASSERT_EQUAL(b[32], 0);
		CU_ASSERT_EQUAL(b[33], 0x04 >> i);
		CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(b, (size_t)n, &out), LISP_OK);
		CU_ASSERT(out.records[0].locs[0].local == (i == 0) &&
		    out.records[0].locs[0].probed == (i == 1) &&
		    out.records[0].locs[0].reachable == (i == 2));
		lisp_map_reply_free(&out);
	}
}

static void
test_rt_map_register(void)
{
	static const struct flag flags[] = {
		FLAG(lisp_map_register, proxy_reply), FLAG(lisp_map_register, security),
		FLAG(lisp_map_register, xtr_id_present), FLAG(lisp_map_register, rtr),
		FLAG(lisp_map_register, want_map_notify),
	};
	struct lisp_map_register m, out;
	struct lisp_record recs[2];
	struct lisp_locator locs[2];
	uint8_t b[512];
	ssize_t n;
	unsigned i, j, t;

	memset(recs, 0, sizeof(recs));
	locs[0] = loc(la(v4("10.0.1.2")), 1, 100, true, false, true);
	locs[1] = loc(la(v6("2001:db8:1::2")), 1, 100, true, false, true);
	recs[0].ttl = 1440;
	recs[0].authoritative = true;
	recs[0].eid.eid = la(v4("192.168.1.0"));
	recs[0].eid.mask_len = 24;
	recs[0].loc_count = 2;
	recs[0].locs = locs;
	recs[1].ttl = 1440;
	recs[1].eid.eid = la_iid(v6("2001:db8:1::"), 5);
	recs[1].eid.mask_len = 48;
	recs[1].loc_count = 1;
	recs[1].locs = &locs[1];
	for (t = LISP_MAP_REGISTER; t <= LISP_MAP_NOTIFY_ACK; t++) {
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
			memset(&m, 0, sizeof(m));
			m.type = (uint8_t)t;
			m.nonce = 0xfedcba9876543210ULL;
			m.key_id = (uint8_t)i;
			m.alg_id = LISP_AUTH_HMAC_SHA256;
			m.auth_len = 32;
			memset(m.auth, 0x5a, 32);
			m.record_count = 2;
			m.records = recs;
			memset(m.xtr_id, 0xc3, 16);
			m.site_id = 0x0102030405060708ULL;
			*(bool *)((char *)&m + flags[i].off) = true;
			n = lisp_map_register_encode(&m, NULL, 0, b, sizeof(b));
			CU_ASSERT_FATAL(n > 0);
			CU_ASSERT_EQUAL(b[0], t << 4 | (i < 4 ? 0x08 >> i : 0));
			CU_ASSERT_EQUAL(b[2], i == 4 ? 0x01 : 0);
			rt_register(&m);
			CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(b, sizeof(b), &out),
			    LISP_OK);
			for (j = 0; j < sizeof(flags) / sizeof(flags[0]); j++)
				CU_ASSERT_EQUAL(*(bool *)((char *)&out + flags[j].off), i == j);
			CU_ASSERT_EQUAL(out.trailing, sizeof(b) - (size_t)n);
			lisp_map_register_free(&out);
		}
	}
	/* SHA-1 length, the reserved bits of bytes 1-2 (E T a), no records */
	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_REGISTER;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.auth_len = 20;
	m.reserved = 0x1E00;
	rt_register(&m);
	m.reserved = 0x0001;	/* the M bit is not a reserved bit */
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, b, sizeof(b)), -1);
	m.reserved = 0;
	m.type = LISP_MAP_REPLY;
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, b, sizeof(b)), -1);
}

/* The largest payloads: 65507 bytes in IPv4 (total length), 65527 in IPv6 (UDP length). */
static void
big_ecm(void)
{
	struct lisp_ecm m, out;
	uint8_t *pl = calloc(1, 0x10000), *b = malloc(0x10000 + 64);
	unsigned f;

	CU_ASSERT_FATAL(pl != NULL && b != NULL);
	for (f = 0; f < 2; f++) {
		size_t max = f ? 0xFFFF - 8 : 0xFFFF - 28;

		memset(&m, 0, sizeof(m));
		m.inner_src = f ? v6("2001:db8::1") : v4("10.0.0.1");
		m.inner_dst = f ? v6("2001:db8::2") : v4("10.0.0.2");
		m.payload = pl;
		m.payload_len = max;
		CU_ASSERT_EQUAL(lisp_ecm_encode(&m, b, 0x10000 + 64),
		    (ssize_t)(4 + 28 + f * 20 + max));
		CU_ASSERT_EQUAL(lisp_ecm_decode(b, 4 + 28 + f * 20 + max, &out), LISP_OK);
		CU_ASSERT_EQUAL(out.payload_len, max);
		m.payload_len = max + 1;
		CU_ASSERT_EQUAL(lisp_ecm_encode(&m, b, 0x10000 + 64), -1);
		m.payload_len = (size_t)-1;
		CU_ASSERT_EQUAL(lisp_ecm_encode(&m, b, 0x10000 + 64), -1);
	}
	free(pl);
	free(b);
}

static void
test_rt_ecm(void)
{
	struct lisp_ecm m, out;
	uint8_t b[2048], pl[1200];
	ssize_t n;
	size_t i, plens[] = { 0, 1, 2, 31, 32, 1199 };
	unsigned f, k;

	for (i = 0; i < sizeof(pl); i++)
		pl[i] = (uint8_t)(i * 7 + 1);
	for (f = 0; f < 2; f++) {
		for (k = 0; k < sizeof(plens) / sizeof(plens[0]); k++) {
			memset(&m, 0, sizeof(m));
			m.security = k & 1;
			m.ddt = k & 2;
			m.other_flags = (uint8_t)(k & 3);
			m.inner_src = f ? v6("2001:db8::a") : v4("10.0.1.2");
			m.inner_dst = f ? v6("2001:db8:9::b") : v4("192.168.2.1");
			m.inner_ttl = (uint8_t)(k + 1);
			m.inner_sport = (uint16_t)(1000 + k);
			m.inner_dport = LISP_CONTROL_PORT;
			m.payload = pl;
			m.payload_len = plens[k];
			n = lisp_ecm_encode(&m, b, sizeof(b));
			CU_ASSERT_FATAL(n == (ssize_t)(4 + (f ? 40 : 20) + 8 + plens[k]));
			if (!f) {
				CU_ASSERT_EQUAL(ocsum(b + 4, 20, NULL, 0), 0xFFFF);
				/* the UDP checksum with its pseudo-header */
				uint8_t ph[12] = { 0 };
				memcpy(ph, b + 16, 8);
				ph[9] = 17;
				ph[10] = (uint8_t)((n - 24) >> 8);
				ph[11] = (uint8_t)(n - 24);
				CU_ASSERT_EQUAL(ocsum(ph, 12, b + 24, (size_t)n - 24), 0xFFFF);
				CU_ASSERT((b[30] | b[31]) != 0);
			} else {
				uint8_t ph[40] = { 0 };
				memcpy(ph, b + 12, 32);
				ph[34] = (uint8_t)((n - 44) >> 8);
				ph[35] = (uint8_t)(n - 44);
				ph[39] = 17;
				CU_ASSERT_EQUAL(ocsum(ph, 40, b + 44, (size_t)n - 44), 0xFFFF);
				CU_ASSERT((b[50] | b[51]) != 0);
			}
			CU_ASSERT_EQUAL_FATAL(decode_any(K_ECM, b, (size_t)n, NULL), LISP_OK);
			CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(b, (size_t)n, &out), LISP_OK);
			CU_ASSERT(out.security == m.security && out.ddt == m.ddt &&
			    out.other_flags == m.other_flags);
			CU_ASSERT(addr_same(&out.inner_src, &m.inner_src) &&
			    addr_same(&out.inner_dst, &m.inner_dst));
			CU_ASSERT(out.inner_ttl == m.inner_ttl &&
			    out.inner_sport == m.inner_sport && out.inner_dport == m.inner_dport);
			CU_ASSERT(out.payload_len == plens[k] &&
			    memcmp(out.payload, pl, plens[k]) == 0);
			if (plens[k] < 40)
				check_prefixes(K_ECM, b, (size_t)n, (size_t)n);
		}
	}
	/* a payload whose checksum sums to zero is sent as 0xFFFF: find one */
	memset(&m, 0, sizeof(m));
	m.inner_src = v4("10.0.0.1");
	m.inner_dst = v4("10.0.0.2");
	m.inner_dport = LISP_CONTROL_PORT;
	m.payload = pl;
	m.payload_len = 2;
	for (i = 0; i < 0x10000; i++) {
		pl[0] = (uint8_t)(i >> 8);
		pl[1] = (uint8_t)i;
		if (lisp_ecm_encode(&m, b, sizeof(b)) != 34 || (b[30] | b[31]) == 0)
			break;
		if (b[30] == 0xFF && b[31] == 0xFF)
			break;
	}
	CU_ASSERT(i < 0x10000 && b[30] == 0xFF && b[31] == 0xFF);
	{
		/* 0xFFFF is the other one's-complement zero: the datagram still checks */
		uint8_t ph[12] = { 0 };

		memcpy(ph, b + 16, 8);
		ph[9] = 17;
		ph[11] = 10;
		CU_ASSERT_EQUAL(ocsum(ph, 12, b + 24, 10), 0xFFFF);
	}
	m.inner_dst = v6("::1");	/* mixed families */
	CU_ASSERT_EQUAL(lisp_ecm_encode(&m, b, sizeof(b)), -1);
	big_ecm();
}

static void
test_rt_data_hdr(void)
{
	struct lisp_data_hdr h, out;
	uint8_t b[8];
	unsigned i;

	for (i = 0; i < 5; i++) {
		memset(&h, 0, sizeof(h));
		switch (i) {
		case 0: h.n = true; h.nonce = 0xFFFFFF; break;
		case 1: h.l = true; h.lsb = 0x80000001; break;
		case 2: h.e = true; break;
		case 3: h.v = true; h.src_map_version = 1; h.dst_map_version = 0xFFF; break;
		case 4: h.i = true; h.iid = 0xFFFFFF; h.lsb = 0xFF; break;
		}
		CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_encode(&h, b, sizeof(b)), 8);
		CU_ASSERT_EQUAL(b[0], 0x80 >> i);
		CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(b, 8, &out), LISP_OK);
		CU_ASSERT(out.n == h.n && out.l == h.l && out.e == h.e && out.v == h.v &&
		    out.i == h.i && out.nonce == h.nonce && out.lsb == h.lsb &&
		    out.iid == h.iid && out.src_map_version == h.src_map_version &&
		    out.dst_map_version == h.dst_map_version);
		CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, b, 7), -1);
	}
	memset(&h, 0, sizeof(h));
	h.r = 1;
	h.kk = 2;
	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_encode(&h, b, sizeof(b)), 8);
	CU_ASSERT_EQUAL(b[0], 0x06);
	/* N with V: the nonce wins on decode; never encoded */
	b[0] = 0x90;
	b[1] = 0x12;
	b[2] = 0x34;
	b[3] = 0x56;
	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(b, 8, &out), LISP_OK);
	CU_ASSERT(out.n && out.v && out.nonce == 0x123456 && out.src_map_version == 0);
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&out, b, sizeof(b)), -1);
	memset(&h, 0, sizeof(h));
	h.i = true;
	h.lsb = 0x100;		/* only 8 LSBs fit with I */
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, b, sizeof(b)), -1);
	h.lsb = 0;
	h.iid = 0x1000000;
	CU_ASSERT_EQUAL(lisp_data_hdr_encode(&h, b, sizeof(b)), -1);
}

/* ------------------------------------------------------------ malformed */

/* A Map-Request carrying addr (an AFI and its bytes) as source EID, then mreq_v4's tail. */
static size_t
mreq_with_source(uint8_t *b, const uint8_t *addr, size_t alen)
{
	memcpy(b, mreq_v4, 12);
	memcpy(b + 12, addr, alen);
	memcpy(b + 12 + alen, mreq_v4 + 18, sizeof(mreq_v4) - 18);
	return 12 + alen + sizeof(mreq_v4) - 18;
}

static enum lisp_err
source_decode(const uint8_t *addr, size_t alen, struct lisp_map_request *m)
{
	uint8_t b[512], *c;
	size_t n = mreq_with_source(b, addr, alen);
	enum lisp_err e;

	c = heap_copy(b, n);
	e = lisp_map_request_decode(c, n, m);
	free(c);
	return e;
}

static void
test_bad_counts(void)
{
	uint8_t b[256];

	/* record count 2 with one record */
	memcpy(b, mreq_v4, sizeof(mreq_v4));
	b[3] = 2;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_ERR_TRUNCATED);
	b[3] = 0;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_ERR_RECORD_COUNT);
	/* IRC 1: the record is read as a second ITR-RLOC (AFI 0x0020) */
	memcpy(b, mreq_v4, sizeof(mreq_v4));
	b[2] = 0x01;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_ERR_AFI);
	b[2] = 0x1F;
	CU_ASSERT_NOT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_OK);
	/* IRC 31 of AFI-0 RLOCs that run out of bytes */
	memset(b, 0, sizeof(b));
	b[0] = 0x10;
	b[2] = 0x1F;
	b[3] = 1;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, 12 + 2 + 31 * 2, NULL), LISP_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, 12 + 2 + 32 * 2 + 4, NULL), LISP_OK);
	/* Map-Reply: record count and locator count inflated */
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[3] = 3;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_ERR_TRUNCATED);
	b[3] = 255;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_ERR_TRUNCATED);
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[12 + 4] = 2;		/* record 1 claims two locators */
	CU_ASSERT_NOT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_OK);
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[40 + 4] = 255;	/* record 2 claims 255 locators */
	CU_ASSERT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_ERR_TRUNCATED);
	/* Map-Register: record count inflated, trailer missing */
	memcpy(b, mreg_sha1, sizeof(mreg_sha1));
	b[3] = 2;
	CU_ASSERT_NOT_EQUAL(decode_any(K_REG, b, sizeof(mreg_sha1), NULL), LISP_OK);
	CU_ASSERT_EQUAL(decode_any(K_REG, mreg_sha1, sizeof(mreg_sha1) - 24, NULL),
	    LISP_ERR_TRUNCATED);
}

static void
test_bad_mask_len(void)
{
	uint8_t b[256];
	struct lisp_map_request m;
	struct lisp_map_reply r;

	memcpy(b, mreq_v4, sizeof(mreq_v4));
	b[25] = 33;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_ERR_MASK_LEN);
	b[25] = 255;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_v4), NULL), LISP_ERR_MASK_LEN);
	/* host bits are zeroed: 192.168.2.1/23 -> 192.168.2.0, /0 -> 0.0.0.0 */
	b[25] = 23;
	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(b, sizeof(mreq_v4), &m), LISP_OK);
	CU_ASSERT(is_v4(&m.records[0].eid, "192.168.2.0"));
	lisp_map_request_free(&m);
	b[25] = 0;
	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(b, sizeof(mreq_v4), &m), LISP_OK);
	CU_ASSERT(is_v4(&m.records[0].eid, "0.0.0.0"));
	lisp_map_request_free(&m);
	/* the IID LCAF's inner AFI decides the limit: 33 fails, 32 is fine */
	memcpy(b, mreq_full, sizeof(mreq_full));
	b[55] = 33;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_full), NULL), LISP_ERR_MASK_LEN);
	b[55] = 32;
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, sizeof(mreq_full), NULL), LISP_OK);
	/* IPv6 EID-record: 128 fine, 129 fails; Map-Reply record mask 33 fails */
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[40 + 5] = 128;
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(b, MREP_POS_MSG_LEN, &r), LISP_OK);
	CU_ASSERT(is_v6(&r.records[1].eid.eid, "2001:db8:1::"));
	lisp_map_reply_free(&r);
	b[40 + 5] = 129;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_ERR_MASK_LEN);
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[12 + 5] = 33;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, MREP_POS_MSG_LEN, NULL), LISP_ERR_MASK_LEN);
	/* host bits in an IPv6 record: 2001:db8:1::/47 -> 2001:db8::, /20 -> 2001:: */
	memcpy(b, mrep_pos, MREP_POS_MSG_LEN);
	b[40 + 5] = 47;
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(b, MREP_POS_MSG_LEN, &r), LISP_OK);
	CU_ASSERT(is_v6(&r.records[1].eid.eid, "2001:db8::"));
	lisp_map_reply_free(&r);
	b[40 + 5] = 20;
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(b, MREP_POS_MSG_LEN, &r), LISP_OK);
	CU_ASSERT(is_v6(&r.records[1].eid.eid, "2001::"));
	lisp_map_reply_free(&r);
	/* an EID in an LCAF type we skip (source/dest, 12) carries its own masks */
	{
		struct lisp_map_request q;
		const uint8_t sd[] = { 0x40, 0x03, 0, 0, 12, 0, 0, 16, 0, 0, 24, 24,
			0, 1, 10, 1, 0, 0, 0, 1, 10, 2, 0, 0 };
		size_t n;

		memcpy(b, mreq_v4, 24);
		b[24] = 0;
		b[25] = 24;
		memcpy(b + 26, sd, sizeof(sd));
		n = 26 + sizeof(sd);
		CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(b, n, &q), LISP_OK);
		CU_ASSERT(q.records[0].eid.unknown_lcaf && q.records[0].eid.lcaf_type == 12);
		CU_ASSERT_EQUAL(q.records[0].mask_len, 24);
		lisp_map_request_free(&q);
		check_prefixes(K_REQ, b, n, n);
	}
	/* an AFI-0 EID cannot have a mask */
	memcpy(b, mrep_neg, sizeof(mrep_neg));
	b[22] = 0x00;
	b[23] = 0x00;
	b[17] = 0;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, sizeof(mrep_neg) - 4, NULL), LISP_OK);
	b[17] = 1;
	CU_ASSERT_EQUAL(decode_any(K_REP, b, sizeof(mrep_neg) - 4, NULL), LISP_ERR_MASK_LEN);
}

static void
test_bad_encode(void)
{
	struct lisp_map_request m;
	struct lisp_map_reply r;
	struct lisp_record rec;
	struct lisp_eid eid;
	uint8_t b[256];

	request_base(&m, &eid);
	eid.mask_len = 33;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	eid.mask_len = 32;
	m.itr_rloc_count = 0;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.itr_rloc_count = 33;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.itr_rloc_count = 1;
	m.record_count = 0;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.record_count = 1;
	m.map_data = true;	/* M without a record */
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.map_data = false;
	m.source_eid.addr.afi = 17;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.source_eid.addr.afi = AFI_IPV4;
	m.source_eid.unknown_lcaf = true;
	CU_ASSERT_EQUAL(lisp_map_request_encode(&m, b, sizeof(b)), -1);
	m.source_eid.unknown_lcaf = false;
	CU_ASSERT(lisp_map_request_encode(&m, b, sizeof(b)) > 0);

	memset(&r, 0, sizeof(r));
	memset(&rec, 0, sizeof(rec));
	rec.eid.eid = la(v6("2001:db8::"));
	rec.eid.mask_len = 129;
	r.record_count = 1;
	r.records = &rec;
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&r, b, sizeof(b)), -1);
	rec.eid.mask_len = 128;
	rec.map_version = 0x1000;
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&r, b, sizeof(b)), -1);
	rec.map_version = 0;
	rec.action = 8;
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&r, b, sizeof(b)), -1);
	rec.action = 0;
	rec.loc_count = 1;	/* no locator array */
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&r, b, sizeof(b)), -1);
	rec.loc_count = 0;
	rec.eid.eid.afi_list = true;
	rec.eid.eid.n_alt = LISP_AFI_LIST_MAX;	/* more than the list keeps */
	CU_ASSERT_EQUAL(lisp_map_reply_encode(&r, b, sizeof(b)), -1);
	rec.eid.eid.n_alt = 0;
	CU_ASSERT(lisp_map_reply_encode(&r, b, sizeof(b)) > 0);
}

static void
test_bad_type(void)
{
	CU_ASSERT_EQUAL(decode_any(K_REQ, mrep_neg, sizeof(mrep_neg), NULL), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(decode_any(K_REP, mreq_v4, sizeof(mreq_v4), NULL), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(decode_any(K_REG, mreq_v4, sizeof(mreq_v4), NULL), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(decode_any(K_REG, ecm_v4, sizeof(ecm_v4), NULL), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(decode_any(K_ECM, mreg_sha1, sizeof(mreg_sha1), NULL), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(decode_any(K_REQ, mreq_v4, 0, NULL), LISP_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(decode_any(K_REQ, mreq_v4, 1, NULL), LISP_ERR_TRUNCATED);
}

static void
test_bad_auth_header(void)
{
	static const struct { uint8_t alg; uint16_t len; enum lisp_err want; } cases[] = {
		{ 0, 0, LISP_OK }, { 0, 20, LISP_ERR_AUTH_LEN }, { 0, 32, LISP_ERR_AUTH_LEN },
		{ 1, 20, LISP_OK }, { 1, 0, LISP_ERR_AUTH_LEN }, { 1, 12, LISP_ERR_AUTH_LEN },
		{ 1, 32, LISP_ERR_AUTH_LEN }, { 2, 32, LISP_OK }, { 2, 20, LISP_ERR_AUTH_LEN },
		{ 2, 16, LISP_ERR_AUTH_LEN }, { 2, 0, LISP_ERR_AUTH_LEN },
		{ 3, 32, LISP_ERR_AUTH_ALG }, { 255, 20, LISP_ERR_AUTH_ALG },
		{ 2, 0xFFFF, LISP_ERR_AUTH_LEN },
	};
	uint8_t b[128];
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* header + 32 bytes of data, then nothing: records 0 */
		memset(b, 0, sizeof(b));
		b[0] = 0x30;
		b[13] = cases[i].alg;
		b[14] = (uint8_t)(cases[i].len >> 8);
		b[15] = (uint8_t)cases[i].len;
		CU_ASSERT_EQUAL(decode_any(K_REG, b, 16u + (cases[i].len == 0xFFFF ? 0 :
		    cases[i].len), NULL), cases[i].want);
	}
	/* SHA-1 with only 10 of its 20 bytes, SHA-256 with 31 of 32 */
	b[13] = 1;
	b[14] = 0;
	b[15] = 20;
	CU_ASSERT_EQUAL(decode_any(K_REG, b, 26, NULL), LISP_ERR_TRUNCATED);
	b[13] = 2;
	b[15] = 32;
	CU_ASSERT_EQUAL(decode_any(K_REG, b, 47, NULL), LISP_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(decode_any(K_REG, b, 48, NULL), LISP_OK);
}

static void
test_bad_lcaf(void)
{
	struct lisp_map_request m;
	/* IID LCAF [5] 10.0.0.1 with a Length byte (offset 7) we adjust */
	uint8_t iid[] = { 0x40, 0x03, 0, 0, 2, 0, 0, 10, 0, 0, 0, 5, 0, 1, 10, 0, 0, 1 };
	uint8_t b[256];

	CU_ASSERT_EQUAL_FATAL(source_decode(iid, sizeof(iid), &m), LISP_OK);
	CU_ASSERT(m.source_eid.has_iid && m.source_eid.addr.iid == 5);
	CU_ASSERT(is_v4(&m.source_eid, "10.0.0.1") && is_v4(&m.itr_rlocs[0], "10.0.1.2"));
	lisp_map_request_free(&m);
	/* too short for its contents (the inner address would run past it) */
	iid[7] = 9;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	iid[7] = 4;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	iid[7] = 0;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	/* longer than its contents but inside the message: slack is a lie too */
	iid[7] = 11;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	/* past the end of the message */
	iid[6] = 0x10;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	iid[6] = 0xFF;
	iid[7] = 0xFF;
	CU_ASSERT_EQUAL(source_decode(iid, sizeof(iid), &m), LISP_ERR_LCAF_LEN);
	/* an LCAF whose 8-byte header itself is cut short */
	mreq_with_source(b, iid, 6);
	CU_ASSERT_EQUAL(decode_any(K_REQ, b, 12 + 6, NULL), LISP_ERR_TRUNCATED);
	/* an instance inside an instance is refused */
	{
		uint8_t nest[] = { 0x40, 0x03, 0, 0, 2, 0, 0, 22, 0, 0, 0, 1,
			0x40, 0x03, 0, 0, 2, 0, 0, 10, 0, 0, 0, 2, 0, 1, 1, 2, 3, 4 };
		CU_ASSERT_EQUAL(source_decode(nest, sizeof(nest), &m), LISP_ERR_AFI);
	}
	/* unknown plain AFIs cannot be skipped */
	{
		uint8_t dn[] = { 0x00, 0x11, 'a', 'b', 0 };
		uint8_t mac[] = { 0x40, 0x05, 1, 2, 3, 4, 5, 6 };
		CU_ASSERT_EQUAL(source_decode(dn, sizeof(dn), &m), LISP_ERR_AFI);
		CU_ASSERT_EQUAL(source_decode(mac, sizeof(mac), &m), LISP_ERR_AFI);
	}
}

static void
test_unknown_lcaf_types(void)
{
	struct lisp_map_request m;
	uint8_t a[64];
	unsigned t, ok = 0;
	enum lisp_err e;

	for (t = 0; t < 256; t++) {
		size_t n;

		memset(a, 0, sizeof(a));
		a[0] = 0x40;
		a[1] = 0x03;
		a[4] = (uint8_t)t;
		if (t == LCAF_INSTANCE_ID) {
			/* IID 77, AFI 1, 10.7.7.7 */
			const uint8_t body[] = { 0, 0, 0, 77, 0, 1, 10, 7, 7, 7 };
			memcpy(a + 8, body, sizeof(body));
			n = sizeof(body);
		} else {
			/* AFI 1, 10.7.7.7, then bytes an unknown type may hold */
			const uint8_t body[] = { 0, 1, 10, 7, 7, 7 };
			memcpy(a + 8, body, sizeof(body));
			n = sizeof(body);
			if (t != LCAF_AFI_LIST) {
				a[8 + n] = 0x99;
				n++;
			}
		}
		a[7] = (uint8_t)n;
		e = source_decode(a, 8 + n, &m);
		CU_ASSERT_EQUAL(e, LISP_OK);
		if (e != LISP_OK)
			continue;
		/* the rest of the message still decodes */
		if (!is_v4(&m.itr_rlocs[0], "10.0.1.2") || m.record_count != 1 ||
		    !is_v4(&m.records[0].eid, "192.168.2.1"))
			CU_FAIL("message after the LCAF misread");
		if (t == LCAF_INSTANCE_ID) {
			CU_ASSERT(m.source_eid.has_iid && m.source_eid.addr.iid == 77 &&
			    is_v4(&m.source_eid, "10.7.7.7") && !m.source_eid.unknown_lcaf);
		} else if (t == LCAF_AFI_LIST) {
			CU_ASSERT(m.source_eid.afi_list && m.source_eid.n_alt == 0 &&
			    is_v4(&m.source_eid, "10.7.7.7") && !m.source_eid.unknown_lcaf);
		} else if (m.source_eid.unknown_lcaf && m.source_eid.lcaf_type == t &&
		    m.source_eid.addr.afi == AFI_NONE)
			ok++;
		lisp_map_request_free(&m);
	}
	CU_ASSERT_EQUAL(ok, 254);
}

static void
test_afi_list(void)
{
	struct lisp_map_request m;
	uint8_t a[128];
	size_t n;
	unsigned i;

	/* empty list */
	const uint8_t empty[] = { 0x40, 0x03, 0, 0, 1, 0, 0, 0 };
	CU_ASSERT_EQUAL(source_decode(empty, sizeof(empty), &m), LISP_ERR_AFI_LIST);
	/* only AFI 0 entries: nothing to keep */
	const uint8_t zeros[] = { 0x40, 0x03, 0, 0, 1, 0, 0, 4, 0, 0, 0, 0 };
	CU_ASSERT_EQUAL(source_decode(zeros, sizeof(zeros), &m), LISP_ERR_AFI_LIST);
	/* 1 to 5 IPv4/IPv6 entries: up to LISP_AFI_LIST_MAX kept, more refused */
	for (i = 1; i <= LISP_AFI_LIST_MAX + 1; i++) {
		unsigned j;

		memset(a, 0, sizeof(a));
		a[0] = 0x40;
		a[1] = 0x03;
		a[4] = LCAF_AFI_LIST;
		n = 8;
		for (j = 0; j < i; j++) {
			if (j & 1) {
				a[n + 1] = 2;
				a[n + 2] = 0x20;
				a[n + 17] = (uint8_t)j;
				n += 18;
			} else {
				a[n + 1] = 1;
				a[n + 2] = 10;
				a[n + 5] = (uint8_t)j;
				n += 6;
			}
		}
		a[7] = (uint8_t)(n - 8);
		if (i > LISP_AFI_LIST_MAX) {
			CU_ASSERT_EQUAL(source_decode(a, n, &m), LISP_ERR_AFI_LIST);
			continue;
		}
		CU_ASSERT_EQUAL_FATAL(source_decode(a, n, &m), LISP_OK);
		CU_ASSERT(m.source_eid.afi_list && m.source_eid.n_alt == i - 1);
		CU_ASSERT(is_v4(&m.source_eid, "10.0.0.0"));
		for (j = 1; j < i; j++)
			CU_ASSERT(m.source_eid.alt[j - 1].afi == ((j & 1) ? AFI_IPV6 : AFI_IPV4));
		lisp_map_request_free(&m);
	}
	/* a partial pair at the end of the list */
	const uint8_t partial[] = { 0x40, 0x03, 0, 0, 1, 0, 0, 8, 0, 1, 1, 2, 3, 4, 0, 1 };
	CU_ASSERT_EQUAL(source_decode(partial, sizeof(partial), &m), LISP_ERR_LCAF_LEN);
	/* an AFI list holding an entry of another instance: (10.1.1.1, [3] 10.3.3.3) */
	{
		const uint8_t mixed[] = { 0x40, 0x03, 0, 0, 1, 0, 0, 24, 0, 1, 10, 1, 1, 1,
			0x40, 0x03, 0, 0, 2, 0, 0, 10, 0, 0, 0, 3, 0, 1, 10, 3, 3, 3 };
		uint8_t b[256], o[256];
		size_t want = mreq_with_source(b, mixed, sizeof(mixed));

		CU_ASSERT_EQUAL_FATAL(source_decode(mixed, sizeof(mixed), &m), LISP_OK);
		CU_ASSERT(m.source_eid.afi_list && !m.source_eid.has_iid);
		CU_ASSERT(m.source_eid.n_alt == 1 && m.source_eid.addr.iid == 0);
		CU_ASSERT(m.source_eid.alt[0].iid == 3 && m.source_eid.alt[0].u.b[3] == 3);
		CU_ASSERT_EQUAL(lisp_map_request_encode(&m, o, sizeof(o)), (ssize_t)want);
		CU_ASSERT(memcmp(o, b, want) == 0);
		lisp_map_request_free(&m);
	}
	/* an AFI list inside an instance ID: [9] (10.1.1.1, 2001:db8::1) */
	const uint8_t in_iid[] = { 0x40, 0x03, 0, 0, 2, 0, 0, 36, 0, 0, 0, 9,
		0x40, 0x03, 0, 0, 1, 0, 0, 24, 0, 1, 10, 1, 1, 1,
		0, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	CU_ASSERT_EQUAL_FATAL(source_decode(in_iid, sizeof(in_iid), &m), LISP_OK);
	CU_ASSERT(m.source_eid.has_iid && m.source_eid.afi_list && m.source_eid.n_alt == 1);
	CU_ASSERT(m.source_eid.addr.iid == 9 && m.source_eid.alt[0].iid == 9);
	CU_ASSERT(is_v4(&m.source_eid, "10.1.1.1"));
	CU_ASSERT(addr_same(&m.source_eid.alt[0], &(struct addr){ .afi = AFI_IPV6, .iid = 9,
	    .u.b = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } }));
	/* and it encodes back to the same bytes */
	{
		uint8_t b[256], o[256];
		size_t want = mreq_with_source(b, in_iid, sizeof(in_iid));

		CU_ASSERT_EQUAL(lisp_map_request_encode(&m, o, sizeof(o)), (ssize_t)want);
		CU_ASSERT(memcmp(o, b, want) == 0);
	}
	lisp_map_request_free(&m);
}

static void
test_lcaf_depth(void)
{
	struct lisp_map_request m;
	uint8_t a[128];
	unsigned depth, i;
	size_t n;

	/* AFI lists nested depth deep around 10.0.0.1 */
	for (depth = 1; depth <= LISP_LCAF_MAX_DEPTH + 2; depth++) {
		n = 0;
		for (i = 0; i < depth; i++) {
			const uint8_t hdr[] = { 0x40, 0x03, 0, 0, 1, 0, 0,
				(uint8_t)(8 * (depth - i - 1) + 6) };
			memcpy(a + n, hdr, 8);
			n += 8;
		}
		const uint8_t inner[] = { 0, 1, 10, 0, 0, 1 };
		memcpy(a + n, inner, 6);
		n += 6;
		if (depth <= LISP_LCAF_MAX_DEPTH) {
			CU_ASSERT_EQUAL_FATAL(source_decode(a, n, &m), LISP_OK);
			CU_ASSERT(m.source_eid.afi_list && is_v4(&m.source_eid, "10.0.0.1"));
			lisp_map_request_free(&m);
		} else
			CU_ASSERT_EQUAL(source_decode(a, n, &m), LISP_ERR_LCAF_DEPTH);
	}
}

static void
test_bad_ecm(void)
{
	uint8_t b[sizeof(ecm_v6)];

#define ECM4(off, val, want) do {					\
	memcpy(b, ecm_v4, sizeof(ecm_v4));				\
	b[off] = (val);							\
	CU_ASSERT_EQUAL(decode_any(K_ECM, b, sizeof(ecm_v4), NULL), want); \
} while (0)
	ECM4(4, 0x55, LISP_ERR_INNER_IP);	/* version 5 */
	ECM4(4, 0x05, LISP_ERR_INNER_IP);	/* version 0 */
	ECM4(4, 0x44, LISP_ERR_INNER_IP);	/* IHL 4 */
	ECM4(4, 0x46, LISP_ERR_INNER_UDP);	/* IHL 6: options eat the UDP header */
	ECM4(4, 0x4f, LISP_ERR_INNER_UDP);	/* IHL 15: no room left for UDP */
	ECM4(7, 0x3d, LISP_ERR_INNER_IP);	/* total length 61 > buffer */
	ECM4(7, 0x3b, LISP_ERR_INNER_IP);	/* total length 59 < buffer */
	ECM4(7, 0x1b, LISP_ERR_INNER_IP);	/* total length 27: no room for UDP */
	ECM4(6, 0xff, LISP_ERR_INNER_IP);	/* total length huge */
	ECM4(13, 6, LISP_ERR_INNER_IP);		/* protocol TCP */
	ECM4(10, 0x20, LISP_ERR_INNER_IP);	/* MF: a fragment */
	ECM4(11, 0x01, LISP_ERR_INNER_IP);	/* fragment offset 8 */
	ECM4(29, 0x27, LISP_ERR_INNER_UDP);	/* UDP length 39 */
	ECM4(29, 0x29, LISP_ERR_INNER_UDP);	/* UDP length 41 */
	ECM4(29, 0x07, LISP_ERR_INNER_UDP);	/* UDP length 7 */
	ECM4(28, 0x01, LISP_ERR_INNER_UDP);	/* UDP length 296 */
	ECM4(10, 0x40, LISP_OK);		/* DF is fine */
	ECM4(1, 0xff, LISP_OK);			/* reserved LH bytes are ignored */
	/* IPv4 options (IHL 6) are skipped */
	{
		const uint8_t opt[] = {
			0x80, 0, 0, 0,		/* LH */
			0x46, 0, 0, 36,		/* IHL 6, total length 36 */
			0, 0, 0x40, 0,		/* DF */
			1, 17, 0, 0,		/* TTL 1, UDP, checksum not checked */
			10, 0, 0, 1, 10, 0, 0, 2,
			0x94, 0x04, 0, 0,	/* router alert option */
			0x12, 0x34, 0x10, 0xf6, 0, 12, 0xab, 0xcd,	/* UDP, length 12 */
			0x20, 0, 0, 0,		/* payload */
		};
		struct lisp_ecm o;

		CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(opt, sizeof(opt), &o), LISP_OK);
		CU_ASSERT(o.inner_ttl == 1 && o.inner_sport == 0x1234 && o.inner_dport == 4342);
		CU_ASSERT(o.payload == opt + 36 && o.payload_len == 4);
		CU_ASSERT(o.inner_src.u.b[3] == 1 && o.inner_dst.u.b[3] == 2);
		check_prefixes(K_ECM, opt, sizeof(opt), sizeof(opt));
	}
	/* IPv4 total length exactly 28: UDP with an empty payload is fine */
	memcpy(b, ecm_v4, 32);
	b[7] = 28;
	b[29] = 8;
	CU_ASSERT_EQUAL(decode_any(K_ECM, b, 32, NULL), LISP_OK);
	b[7] = 27;
	CU_ASSERT_EQUAL(decode_any(K_ECM, b, 31, NULL), LISP_ERR_INNER_UDP);
#undef ECM4
#define ECM6(off, val, want) do {					\
	memcpy(b, ecm_v6, sizeof(ecm_v6));				\
	b[off] = (val);							\
	CU_ASSERT_EQUAL(decode_any(K_ECM, b, sizeof(ecm_v6), NULL), want); \
} while (0)
	ECM6(4, 0x70, LISP_ERR_INNER_IP);	/* version 7 */
	ECM6(10, 0x00, LISP_ERR_INNER_IP);	/* next header hop-by-hop */
	ECM6(10, 0x3a, LISP_ERR_INNER_IP);	/* ICMPv6 */
	ECM6(9, 0x29, LISP_ERR_INNER_IP);	/* payload length 41 */
	ECM6(9, 0x27, LISP_ERR_INNER_IP);	/* payload length 39 */
	ECM6(8, 0x01, LISP_ERR_INNER_IP);	/* payload length 296 */
	ECM6(49, 0x27, LISP_ERR_INNER_UDP);	/* UDP length 39 */
	ECM6(49, 0x00, LISP_ERR_INNER_UDP);	/* UDP length 0 */
	ECM6(5, 0xff, LISP_OK);			/* traffic class and flow label ignored */
#undef ECM6
	/* IPv6 payload length below the UDP header */
	memcpy(b, ecm_v6, 48);
	b[8] = 0;
	b[9] = 4;
	CU_ASSERT_EQUAL(decode_any(K_ECM, b, 48, NULL), LISP_ERR_INNER_UDP);
}

static void
test_trailing_and_free(void)
{
	struct lisp_map_request m;
	struct lisp_map_reply r;
	struct lisp_map_register g;
	uint8_t b[256];

	/* lisp_*_free on zeroed structs, twice */
	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&g, 0, sizeof(g));
	lisp_map_request_free(&m);
	lisp_map_request_free(&m);
	lisp_map_reply_free(&r);
	lisp_map_register_free(&g);
	lisp_map_register_free(&g);
	/* a failed decode leaves nothing to free, and free is still safe */
	memcpy(b, mreq_full, sizeof(mreq_full));
	CU_ASSERT_NOT_EQUAL(lisp_map_request_decode(b, sizeof(mreq_full) - 1, &m), LISP_OK);
	CU_ASSERT(all_zero(&m, sizeof(m)));
	lisp_map_request_free(&m);
	/* lispers.net-style extras after a Map-Request and a Map-Register */
	memcpy(b, mreq_v4, sizeof(mreq_v4));
	memset(b + sizeof(mreq_v4), 0x77, 24);
	CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(b, sizeof(mreq_v4) + 24, &m), LISP_OK);
	CU_ASSERT_EQUAL(m.trailing, 24);
	lisp_map_request_free(&m);
	check_prefixes(K_REQ, b, sizeof(mreq_v4) + 24, sizeof(mreq_v4));
	memcpy(b, mreg_sha1, sizeof(mreg_sha1));
	b[sizeof(mreg_sha1)] = 1;
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(b, sizeof(mreg_sha1) + 1, &g), LISP_OK);
	CU_ASSERT_EQUAL(g.trailing, 1);
	lisp_map_register_free(&g);
	CU_ASSERT(all_zero(&g, sizeof(g)));
}

static CU_TestInfo kat_tests[] = {
	{ "Map-Request IPv4", test_kat_map_request_v4 },
	{ "Map-Request all flags, LCAF, M", test_kat_map_request_full },
	{ "Map-Reply negative (seed)", test_kat_map_reply_negative },
	{ "Map-Reply positive, trailing", test_kat_map_reply_positive },
	{ "Map-Register SHA-1, xTR-ID", test_kat_map_register },
	{ "Map-Notify SHA-256, Notify-Ack", test_kat_map_notify },
	{ "ECM IPv4 and IPv6", test_kat_ecm },
	{ "data header", test_kat_data_hdr },
	{ "names", test_names },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo rt_tests[] = {
	{ "Map-Request each flag", test_rt_map_request_flags },
	{ "Map-Request IPv6, IID, AFI list", test_rt_map_request_variants },
	{ "Map-Reply records and flags", test_rt_map_reply },
	{ "locator flags", test_rt_locator_flags },
	{ "Map-Register/Notify/Ack flags", test_rt_map_register },
	{ "ECM checksums", test_rt_ecm },
	{ "data header flags", test_rt_data_hdr },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo bad_tests[] = {
	{ "inflated counts", test_bad_counts },
	{ "mask length", test_bad_mask_len },
	{ "unencodable structs", test_bad_encode },
	{ "wrong type", test_bad_type },
	{ "auth header", test_bad_auth_header },
	{ "lying LCAF lengths", test_bad_lcaf },
	{ "LCAF types 0-255", test_unknown_lcaf_types },
	{ "AFI list", test_afi_list },
	{ "LCAF depth", test_lcaf_depth },
	{ "ECM inner headers", test_bad_ecm },
	{ "trailing bytes, free", test_trailing_and_free },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "known answers", NULL, NULL, NULL, NULL, kat_tests },
	{ "round trips", NULL, NULL, NULL, NULL, rt_tests },
	{ "malformed", NULL, NULL, NULL, NULL, bad_tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

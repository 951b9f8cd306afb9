/*
 * DOC: tests of Map-Register/-Notify authentication (src/lisp/lisp_auth.c)
 *
 * lisp_auth.c computes its MACs with EVP_MAC; the expected values here come
 * from OpenSSL's one-shot HMAC() (checked first against RFC 2202 / RFC 4231)
 * and from MACs computed outside this project (Python's hmac module) for two
 * fixed messages.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "lisp_msg.h"

static const char key[] = "lisp-key";

/* A Map-Register: P I M, HMAC-SHA-1, one record, xTR-ID trailer (auth zeroed). */
static const uint8_t reg_sha1[] = {
	0x3a, 0x00, 0x01, 0x01,	/* type 3, P I; M; record count 1 */
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,	/* nonce */
	0x00, 0x01, 0x00, 0x14,	/* key ID 0, algorithm 1, auth length 20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* auth data */
	0x00, 0x00, 0x05, 0xa0,	/* record: TTL 1440 */
	0x01, 0x18, 0x10, 0x00,	/* 1 locator, /24, A */
	0x00, 0x00,		/* map-version */
	0x00, 0x01, 192, 168, 1, 0,	/* 192.168.1.0 */
	0x01, 0x64, 0xff, 0x00, 0x00, 0x05,	/* priority 1, weight 100, L R */
	0x00, 0x01, 10, 0, 1, 2,	/* 10.0.1.2 */
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,	/* xTR-ID */
	0, 0, 0, 0, 0, 0, 0, 0x2a,	/* site-ID */
};
/* HMAC-SHA-1("lisp-key", reg_sha1), computed with Python's hmac module */
static const uint8_t reg_sha1_mac[20] = {
	0x27, 0xeb, 0xd0, 0x16, 0xa5, 0x50, 0xef, 0x9b, 0xa9, 0x93,
	0x86, 0x83, 0x8b, 0x8b, 0x4e, 0x33, 0xc2, 0x6b, 0x55, 0x7b,
};

/* A Map-Notify: HMAC-SHA-256, key ID 7, one negative IPv6 record (auth zeroed). */
static const uint8_t notify_sha256[] = {
	0x40, 0x00, 0x00, 0x01,	/* type 4, record count 1 */
	0, 0, 0, 0, 0, 0, 0, 0,	/* nonce */
	0x07, 0x02, 0x00, 0x20,	/* key ID 7, algorithm 2, auth length 32 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* auth data */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x00, 0x01,	/* TTL 1 */
	0x00, 0x80, 0x60, 0x00,	/* no locators, /128, ACT 3 */
	0x0f, 0xff,		/* map-version 4095 */
	0x00, 0x02, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
};
static const uint8_t notify_sha256_mac[32] = {
	0x0c, 0x4a, 0x16, 0xe8, 0x13, 0x93, 0xa2, 0x49, 0x51, 0x1d, 0xbc, 0xc8,
	0x58, 0x43, 0x3c, 0x34, 0xf2, 0xf0, 0x30, 0xad, 0xcf, 0x00, 0x7d, 0xd2,
	0x07, 0x1f, 0xab, 0x5f, 0x52, 0x4b, 0x2f, 0x9b,
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

/* verify on an exactly-sized heap copy, so ASan sees any over-read */
static enum lisp_err
verify(const uint8_t *msg, size_t len, const void *k, size_t klen)
{
	uint8_t *c = heap_copy(msg, len);
	enum lisp_err e = lisp_auth_verify(c, len, k, klen);

	free(c);
	return e;
}

/* The reference: HMAC() over a copy with the auth field zeroed. */
static void
ref_mac(const uint8_t *msg, size_t len, const void *k, size_t klen, uint8_t *out,
	unsigned *outlen)
{
	uint8_t *c = heap_copy(msg, len);
	unsigned alen = (unsigned)(msg[14] << 8 | msg[15]);

	memset(c + LISP_AUTH_OFFSET, 0, alen);
	CU_ASSERT_FATAL(HMAC(msg[13] == 1 ? EVP_sha1() : EVP_sha256(), k, (int)klen, c, len,
	    out, outlen) != NULL);
	free(c);
}

static void
test_reference_primitive(void)
{
	/* RFC 2202 test case 2 and RFC 4231 test case 2: key "Jefe" */
	static const char data[] = "what do ya want for nothing?";
	static const uint8_t sha1[20] = {
		0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
		0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79,
	};
	static const uint8_t sha256[32] = {
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26,
		0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
		0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
	};
	uint8_t out[EVP_MAX_MD_SIZE];
	unsigned n;

	CU_ASSERT_FATAL(HMAC(EVP_sha1(), "Jefe", 4, (const uint8_t *)data, strlen(data),
	    out, &n) != NULL);
	CU_ASSERT(n == 20 && memcmp(out, sha1, 20) == 0);
	CU_ASSERT_FATAL(HMAC(EVP_sha256(), "Jefe", 4, (const uint8_t *)data, strlen(data),
	    out, &n) != NULL);
	CU_ASSERT(n == 32 && memcmp(out, sha256, 32) == 0);
	/* and the Python-computed message MACs agree with the reference */
	ref_mac(reg_sha1, sizeof(reg_sha1), key, strlen(key), out, &n);
	CU_ASSERT(n == 20 && memcmp(out, reg_sha1_mac, 20) == 0);
	ref_mac(notify_sha256, sizeof(notify_sha256), key, strlen(key), out, &n);
	CU_ASSERT(n == 32 && memcmp(out, notify_sha256_mac, 32) == 0);
}

static void
test_auth_len(void)
{
	CU_ASSERT_EQUAL(lisp_auth_len(LISP_AUTH_NONE), 0);
	CU_ASSERT_EQUAL(lisp_auth_len(LISP_AUTH_HMAC_SHA1), 20);
	CU_ASSERT_EQUAL(lisp_auth_len(LISP_AUTH_HMAC_SHA256), 32);
	CU_ASSERT_EQUAL(lisp_auth_len(3), -1);
	CU_ASSERT_EQUAL(lisp_auth_len(255), -1);
}

static void
test_known_answers(void)
{
	uint8_t m[sizeof(reg_sha1)], n[sizeof(notify_sha256)];

	memcpy(m, reg_sha1, sizeof(m));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(m), key, strlen(key)), 0);
	CU_ASSERT(memcmp(m + 16, reg_sha1_mac, 20) == 0);
	CU_ASSERT(memcmp(m, reg_sha1, 16) == 0 &&
	    memcmp(m + 36, reg_sha1 + 36, sizeof(m) - 36) == 0);
	CU_ASSERT_EQUAL(verify(m, sizeof(m), key, strlen(key)), LISP_OK);
	/* signing again over a message whose field is already filled gives the same MAC */
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(m), key, strlen(key)), 0);
	CU_ASSERT(memcmp(m + 16, reg_sha1_mac, 20) == 0);

	memcpy(n, notify_sha256, sizeof(n));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(n, sizeof(n), key, strlen(key)), 0);
	CU_ASSERT(memcmp(n + 16, notify_sha256_mac, 32) == 0);
	CU_ASSERT_EQUAL(verify(n, sizeof(n), key, strlen(key)), LISP_OK);
	/* the unsigned messages do not verify */
	CU_ASSERT_EQUAL(verify(reg_sha1, sizeof(reg_sha1), key, strlen(key)),
	    LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(notify_sha256, sizeof(notify_sha256), key, strlen(key)),
	    LISP_ERR_AUTH_FAILED);
}

/* Encode a Map-Register (or -Notify/-Ack) with a key; check it against HMAC(). */
static void
sign_and_check(uint8_t type, uint8_t alg, const void *k, size_t klen, bool trailer)
{
	struct lisp_map_register m, d;
	struct lisp_record rec;
	struct lisp_locator loc;
	uint8_t b[512], ref[EVP_MAX_MD_SIZE];
	unsigned rlen;
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(&rec, 0, sizeof(rec));
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.reachable = true;
	loc.rloc.addr.afi = AFI_IPV4;
	loc.rloc.addr.u.b[0] = 10;
	loc.rloc.addr.u.b[3] = 2;
	rec.ttl = 1440;
	rec.eid.eid.addr.afi = AFI_IPV6;
	rec.eid.eid.addr.u.b[0] = 0x20;
	rec.eid.mask_len = 8;
	rec.loc_count = 1;
	rec.locs = &loc;
	m.type = type;
	m.want_map_notify = true;
	m.xtr_id_present = trailer;
	memset(m.xtr_id, 0x42, 16);
	m.site_id = 7;
	m.nonce = 0x0123456789abcdefULL;
	m.key_id = 3;
	m.alg_id = alg;
	m.auth_len = 5;		/* ignored with a key: set from the algorithm */
	memset(m.auth, 0xEE, sizeof(m.auth));
	m.record_count = 1;
	m.records = &rec;
	n = lisp_map_register_encode(&m, k, klen, b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL(b[13], alg);
	CU_ASSERT_EQUAL(b[14] << 8 | b[15], lisp_auth_len(alg));
	ref_mac(b, (size_t)n, k, klen, ref, &rlen);
	CU_ASSERT(rlen == (unsigned)lisp_auth_len(alg) && memcmp(b + 16, ref, rlen) == 0);
	CU_ASSERT_EQUAL(verify(b, (size_t)n, k, klen), LISP_OK);
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(b, (size_t)n, &d), LISP_OK);
	CU_ASSERT(d.alg_id == alg && d.auth_len == rlen && memcmp(d.auth, ref, rlen) == 0);
	CU_ASSERT(d.xtr_id_present == trailer && d.key_id == 3);
	lisp_map_register_free(&d);
}

static void
test_sign_verify(void)
{
	static const uint8_t longkey[100] = { 1, 2, 3 };	/* over the block size */
	uint8_t t, alg;

	for (t = LISP_MAP_REGISTER; t <= LISP_MAP_NOTIFY_ACK; t++)
		for (alg = LISP_AUTH_HMAC_SHA1; alg <= LISP_AUTH_HMAC_SHA256; alg++) {
			sign_and_check(t, alg, key, strlen(key), false);
			sign_and_check(t, alg, key, strlen(key), true);
			sign_and_check(t, alg, longkey, sizeof(longkey), true);
			sign_and_check(t, alg, "", 0, false);
		}
}

static void
test_wrong_key(void)
{
	uint8_t m[sizeof(reg_sha1)], n[sizeof(notify_sha256)];

	memcpy(m, reg_sha1, sizeof(m));
	memcpy(n, notify_sha256, sizeof(n));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(m), key, strlen(key)), 0);
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(n, sizeof(n), key, strlen(key)), 0);
	CU_ASSERT_EQUAL(verify(m, sizeof(m), "lisp-kez", 8), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(m, sizeof(m), "lisp-ke", 7), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(m, sizeof(m), "lisp-key!", 9), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(m, sizeof(m), "", 0), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(n, sizeof(n), "LISP-KEY", 8), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(n, sizeof(n), key, strlen(key)), LISP_OK);
}

/* Flip every bit of a signed message, the MAC and the trailer included. */
static void
flip_all(const uint8_t *signed_msg, size_t len)
{
	uint8_t *c = heap_copy(signed_msg, len);
	size_t i;
	unsigned bit, accepted = 0, failed_mac = 0;
	enum lisp_err e;

	for (i = 0; i < len; i++)
		for (bit = 0; bit < 8; bit++) {
			c[i] ^= (uint8_t)(1u << bit);
			e = lisp_auth_verify(c, len, key, strlen(key));
			if (e == LISP_OK)
				accepted++;
			if (e == LISP_ERR_AUTH_FAILED)
				failed_mac++;
			c[i] ^= (uint8_t)(1u << bit);
		}
	CU_ASSERT_EQUAL(accepted, 0);
	/* all but the type nibble, algorithm and length bytes fail on the MAC itself */
	CU_ASSERT(failed_mac >= (len - 3) * 8 - 4);
	CU_ASSERT_EQUAL(lisp_auth_verify(c, len, key, strlen(key)), LISP_OK);
	free(c);
}

static void
test_bit_flips(void)
{
	uint8_t m[sizeof(reg_sha1)], n[sizeof(notify_sha256)];

	memcpy(m, reg_sha1, sizeof(m));
	memcpy(n, notify_sha256, sizeof(n));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(m), key, strlen(key)), 0);
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(n, sizeof(n), key, strlen(key)), 0);
	flip_all(m, sizeof(m));
	flip_all(n, sizeof(n));
}

static void
test_bad_headers(void)
{
	uint8_t m[sizeof(reg_sha1) + 32];
	size_t i;

	memcpy(m, reg_sha1, sizeof(reg_sha1));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), 0);
	/* algorithm 0 is never accepted where a key is configured */
	m[13] = 0;
	m[15] = 0;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_MISSING);
	CU_ASSERT_EQUAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), -1);
	m[15] = 20;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_MISSING);
	/* lengths that do not match the algorithm */
	m[13] = 1;
	m[15] = 32;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_LEN);
	CU_ASSERT_EQUAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), -1);
	m[15] = 12;		/* the "-96" truncation */
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_LEN);
	m[13] = 2;
	m[15] = 20;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_LEN);
	m[15] = 16;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_LEN);
	m[14] = 1;
	m[15] = 32;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_LEN);
	m[14] = 0;
	/* unknown algorithms, KDF ones included */
	m[13] = 3;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_ALG);
	m[13] = 0xFF;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_AUTH_ALG);
	CU_ASSERT_EQUAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), -1);
	/* auth field running past the message, at every cut */
	memcpy(m, reg_sha1, sizeof(reg_sha1));
	CU_ASSERT_EQUAL_FATAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), 0);
	for (i = 0; i < 36; i++) {
		enum lisp_err e = verify(m, i, key, strlen(key));

		CU_ASSERT_EQUAL(e, LISP_ERR_TRUNCATED);
		CU_ASSERT_EQUAL(lisp_auth_sign(m, i, key, strlen(key)), -1);
	}
	/* a shorter message with a complete auth field is a different message */
	for (i = 36; i < sizeof(reg_sha1); i++)
		CU_ASSERT_EQUAL(verify(m, i, key, strlen(key)), LISP_ERR_AUTH_FAILED);
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_OK);
	/* appended bytes are covered by the MAC too */
	memset(m + sizeof(reg_sha1), 0, 32);
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1) + 1, key, strlen(key)), LISP_ERR_AUTH_FAILED);
	/* only types 3, 4 and 5 carry auth */
	m[0] = 0x1a;
	CU_ASSERT_EQUAL(verify(m, sizeof(reg_sha1), key, strlen(key)), LISP_ERR_TYPE);
	CU_ASSERT_EQUAL(lisp_auth_sign(m, sizeof(reg_sha1), key, strlen(key)), -1);
	CU_ASSERT_EQUAL(verify(NULL, 0, key, strlen(key)), LISP_ERR_TRUNCATED);
}

static void
test_encode_with_key(void)
{
	struct lisp_map_register m;
	uint8_t b[128];
	size_t i;

	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_REGISTER;
	m.alg_id = LISP_AUTH_NONE;
	/* a key with algorithm 0 (or an unknown one) cannot be honoured */
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, key, strlen(key), b, sizeof(b)), -1);
	m.alg_id = 9;
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, key, strlen(key), b, sizeof(b)), -1);
	m.alg_id = LISP_AUTH_HMAC_SHA256;
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, key, strlen(key), b, sizeof(b)), 48);
	CU_ASSERT_EQUAL(verify(b, 48, key, strlen(key)), LISP_OK);
	for (i = 0; i < 48; i++)
		CU_ASSERT_EQUAL(lisp_map_register_encode(&m, key, strlen(key), b, i), -1);
	/* without a key the given auth data is written as is, even a wrong length */
	m.auth_len = 7;
	memset(m.auth, 0xAB, 7);
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, b, sizeof(b)), 23);
	CU_ASSERT(b[15] == 7 && b[16] == 0xAB && b[22] == 0xAB);
	CU_ASSERT_EQUAL(verify(b, 23, key, strlen(key)), LISP_ERR_AUTH_LEN);
	m.auth_len = LISP_AUTH_MAX_LEN + 1;
	CU_ASSERT_EQUAL(lisp_map_register_encode(&m, NULL, 0, b, sizeof(b)), -1);
}

static CU_TestInfo tests[] = {
	{ "reference HMAC (RFC 2202, RFC 4231)", test_reference_primitive },
	{ "auth lengths", test_auth_len },
	{ "known answers SHA-1 and SHA-256", test_known_answers },
	{ "encode with key, verify, all types", test_sign_verify },
	{ "wrong key", test_wrong_key },
	{ "every bit flipped", test_bit_flips },
	{ "bad auth headers", test_bad_headers },
	{ "encode with key", test_encode_with_key },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_auth", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

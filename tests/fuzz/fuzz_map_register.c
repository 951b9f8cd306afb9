/*
 * DOC: libFuzzer target: Map-Register/-Notify/-Notify-Ack and their MAC
 *
 * Besides the round trip: lisp_auth_verify() must give a defined answer on
 * any input, and a message signed with a key must verify with that key.
 */
#include "fuzz_common.h"

static const char key[] = "fuzz-key";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_map_register a, b;
	size_t cap = 2 * size + 256;
	uint8_t *buf, *buf2;
	enum lisp_err v;
	ssize_t n, n2;
	unsigned i;

	v = lisp_auth_verify(data, size, key, sizeof(key) - 1);
	FUZZ_CHECK(v >= LISP_OK && v < LISP_ERR__COUNT);
	if (lisp_map_register_decode(data, size, &a) != LISP_OK)
		return 0;
	buf = malloc(cap);
	buf2 = malloc(cap);
	if (a.alg_id != LISP_AUTH_NONE) {
		memcpy(buf, data, size);
		FUZZ_CHECK(lisp_auth_sign(buf, size, key, sizeof(key) - 1) == 0);
		FUZZ_CHECK(lisp_auth_verify(buf, size, key, sizeof(key) - 1) == LISP_OK);
		FUZZ_CHECK(lisp_auth_verify(buf, size, "other", 5) == LISP_ERR_AUTH_FAILED);
	} else {
		FUZZ_CHECK(v == LISP_ERR_AUTH_MISSING);
	}
	n = lisp_map_register_encode(&a, NULL, 0, buf, cap);
	if (!fuzz_records_encodable(a.records, a.record_count)) {
		FUZZ_CHECK(n == -1);
		goto out;
	}
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(lisp_map_register_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.type == b.type && a.proxy_reply == b.proxy_reply);
	FUZZ_CHECK(a.security == b.security && a.xtr_id_present == b.xtr_id_present);
	FUZZ_CHECK(a.rtr == b.rtr && a.want_map_notify == b.want_map_notify);
	FUZZ_CHECK(a.reserved == b.reserved && a.nonce == b.nonce);
	FUZZ_CHECK(a.key_id == b.key_id && a.alg_id == b.alg_id && a.auth_len == b.auth_len);
	FUZZ_CHECK(memcmp(a.auth, b.auth, a.auth_len) == 0);
	FUZZ_CHECK(a.record_count == b.record_count);
	for (i = 0; i < a.record_count; i++)
		fuzz_record_eq(&a.records[i], &b.records[i]);
	if (a.xtr_id_present)
		FUZZ_CHECK(memcmp(a.xtr_id, b.xtr_id, 16) == 0 && a.site_id == b.site_id);
	FUZZ_CHECK(b.trailing == 0);
	n2 = lisp_map_register_encode(&b, NULL, 0, buf2, cap);
	FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0);
	lisp_map_register_free(&b);
out:
	lisp_map_register_free(&a);
	free(buf);
	free(buf2);
	return 0;
}

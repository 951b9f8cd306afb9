/*
 * DOC: libFuzzer target: Map-Reply decode, re-encode, decode again
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_map_reply a, b;
	size_t cap = 2 * size + 256;
	uint8_t *buf, *buf2;
	ssize_t n, n2;
	unsigned i;

	if (lisp_map_reply_decode(data, size, &a) != LISP_OK)
		return 0;
	buf = malloc(cap);
	buf2 = malloc(cap);
	n = lisp_map_reply_encode(&a, buf, cap);
	if (!fuzz_records_encodable(a.records, a.record_count)) {
		FUZZ_CHECK(n == -1);
		goto out;
	}
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(lisp_map_reply_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.probe == b.probe && a.echo_nonce == b.echo_nonce);
	FUZZ_CHECK(a.security == b.security && a.reserved == b.reserved);
	FUZZ_CHECK(a.nonce == b.nonce && a.record_count == b.record_count);
	for (i = 0; i < a.record_count; i++)
		fuzz_record_eq(&a.records[i], &b.records[i]);
	FUZZ_CHECK(b.trailing == 0);
	n2 = lisp_map_reply_encode(&b, buf2, cap);
	FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0);
	lisp_map_reply_free(&b);
out:
	lisp_map_reply_free(&a);
	free(buf);
	free(buf2);
	return 0;
}

/*
 * DOC: libFuzzer target: Map-Referral decode, re-encode, decode again
 *
 * Every field survives the round trip, signatures byte for byte; a record
 * with an unknown LCAF must be refused by the encoder.
 */
#include "fuzz_common.h"

static void
referral_eq(const struct lisp_referral_record *a, const struct lisp_referral_record *b)
{
	unsigned i;

	fuzz_record_eq(&a->rec, &b->rec);
	FUZZ_CHECK(a->incomplete == b->incomplete && a->sig_count == b->sig_count);
	for (i = 0; i < a->sig_count; i++) {
		const struct lisp_referral_sig *x = &a->sigs[i], *y = &b->sigs[i];

		FUZZ_CHECK(x->orig_ttl == y->orig_ttl && x->expiration == y->expiration);
		FUZZ_CHECK(x->inception == y->inception && x->key_tag == y->key_tag);
		FUZZ_CHECK(x->alg == y->alg && x->reserved1 == y->reserved1);
		FUZZ_CHECK(x->reserved2 == y->reserved2 && x->len == y->len);
		FUZZ_CHECK(x->len == 0 || memcmp(x->data, y->data, x->len) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_map_referral a, b;
	size_t cap = 2 * size + 256;
	uint8_t *buf, *buf2;
	ssize_t n, n2;
	unsigned i;
	int encodable = 1;

	if (lisp_map_referral_decode(data, size, &a) != LISP_OK)
		return 0;
	buf = malloc(cap);
	buf2 = malloc(cap);
	n = lisp_map_referral_encode(&a, buf, cap);
	for (i = 0; i < a.record_count; i++)
		if (!fuzz_records_encodable(&a.records[i].rec, 1))
			encodable = 0;
	if (!encodable) {
		FUZZ_CHECK(n == -1);
		goto out;
	}
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(lisp_map_referral_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.nonce == b.nonce && a.reserved == b.reserved);
	FUZZ_CHECK(a.record_count == b.record_count);
	for (i = 0; i < a.record_count; i++)
		referral_eq(&a.records[i], &b.records[i]);
	FUZZ_CHECK(b.trailing == 0);
	n2 = lisp_map_referral_encode(&b, buf2, cap);
	FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0);
	lisp_map_referral_free(&b);
out:
	lisp_map_referral_free(&a);
	free(buf);
	free(buf2);
	return 0;
}

/*
 * DOC: libFuzzer target: Map-Request decode, re-encode, decode again
 */
#include "fuzz_common.h"

static int encodable(const struct lisp_map_request *m)
{
	unsigned i;

	if (!fuzz_laddr_encodable(&m->source_eid))
		return 0;
	for (i = 0; i < m->itr_rloc_count; i++)
		if (!fuzz_laddr_encodable(&m->itr_rlocs[i]))
			return 0;
	for (i = 0; i < m->record_count; i++)
		if (!fuzz_laddr_encodable(&m->records[i].eid))
			return 0;
	return !m->map_reply_record || fuzz_records_encodable(m->map_reply_record, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_map_request a, b;
	size_t cap = 2 * size + 256;
	uint8_t *buf, *buf2;
	ssize_t n, n2;
	unsigned i;

	if (lisp_map_request_decode(data, size, &a) != LISP_OK)
		return 0;
	buf = malloc(cap);
	buf2 = malloc(cap);
	n = lisp_map_request_encode(&a, buf, cap);
	if (!encodable(&a)) {
		FUZZ_CHECK(n == -1);
		goto out;
	}
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(lisp_map_request_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.auth == b.auth && a.map_data == b.map_data && a.probe == b.probe);
	FUZZ_CHECK(a.smr == b.smr && a.pitr == b.pitr && a.smr_invoked == b.smr_invoked);
	FUZZ_CHECK(a.local_xtr == b.local_xtr && a.dont_reply == b.dont_reply);
	FUZZ_CHECK(a.reserved1 == b.reserved1 && a.nonce == b.nonce);
	fuzz_laddr_eq(&a.source_eid, &b.source_eid);
	FUZZ_CHECK(a.itr_rloc_count == b.itr_rloc_count);
	for (i = 0; i < a.itr_rloc_count; i++)
		fuzz_laddr_eq(&a.itr_rlocs[i], &b.itr_rlocs[i]);
	FUZZ_CHECK(a.record_count == b.record_count);
	for (i = 0; i < a.record_count; i++)
		fuzz_eid_eq(&a.records[i], &b.records[i]);
	FUZZ_CHECK((a.map_reply_record == NULL) == (b.map_reply_record == NULL));
	if (a.map_reply_record)
		fuzz_record_eq(a.map_reply_record, b.map_reply_record);
	FUZZ_CHECK(b.trailing == 0);
	n2 = lisp_map_request_encode(&b, buf2, cap);
	FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0);
	lisp_map_request_free(&b);
out:
	lisp_map_request_free(&a);
	free(buf);
	free(buf2);
	return 0;
}

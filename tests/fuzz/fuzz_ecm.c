/*
 * DOC: libFuzzer target: ECM decode and round trip, then its inner message
 */
#include "fuzz_common.h"

static void inner(const uint8_t *p, size_t len, int depth)
{
	struct lisp_map_request rq;
	struct lisp_map_reply rp;
	struct lisp_map_register rg;
	struct lisp_ecm e;

	switch (lisp_msg_type(p, len)) {
	case LISP_MAP_REQUEST:
		lisp_map_request_decode(p, len, &rq);
		lisp_map_request_free(&rq);
		break;
	case LISP_MAP_REPLY:
		lisp_map_reply_decode(p, len, &rp);
		lisp_map_reply_free(&rp);
		break;
	case LISP_MAP_REGISTER:
	case LISP_MAP_NOTIFY:
	case LISP_MAP_NOTIFY_ACK:
		lisp_map_register_decode(p, len, &rg);
		lisp_map_register_free(&rg);
		break;
	case LISP_ECM:
		if (depth == 0 && lisp_ecm_decode(p, len, &e) == LISP_OK) {
			FUZZ_CHECK(e.payload >= p && e.payload + e.payload_len <= p + len);
			inner(e.payload, e.payload_len, depth + 1);
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_ecm a, b;
	size_t cap = 2 * size + 256;
	uint8_t *buf;
	ssize_t n;

	if (lisp_ecm_decode(data, size, &a) != LISP_OK)
		return 0;
	FUZZ_CHECK(a.payload >= data && a.payload + a.payload_len <= data + size);
	buf = malloc(cap);
	n = lisp_ecm_encode(&a, buf, cap);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(lisp_ecm_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.security == b.security && a.ddt == b.ddt);
	FUZZ_CHECK(a.other_flags == b.other_flags);
	FUZZ_CHECK(fuzz_addr_eq(&a.inner_src, &b.inner_src));
	FUZZ_CHECK(fuzz_addr_eq(&a.inner_dst, &b.inner_dst));
	FUZZ_CHECK(a.inner_ttl == b.inner_ttl);
	FUZZ_CHECK(a.inner_sport == b.inner_sport && a.inner_dport == b.inner_dport);
	FUZZ_CHECK(a.payload_len == b.payload_len);
	FUZZ_CHECK(memcmp(a.payload, b.payload, a.payload_len) == 0);
	inner(a.payload, a.payload_len, 0);
	free(buf);
	return 0;
}

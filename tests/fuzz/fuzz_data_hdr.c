/*
 * DOC: libFuzzer target: data-plane LISP header decode and round trip
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lisp_data_hdr a, b;
	uint8_t buf[LISP_DATA_HDR_LEN + 8];
	ssize_t n;

	if (lisp_data_hdr_decode(data, size, &a) != LISP_OK) {
		FUZZ_CHECK(size < LISP_DATA_HDR_LEN);
		return 0;
	}
	n = lisp_data_hdr_encode(&a, buf, sizeof(buf));
	if (a.n && a.v) {		/* ambiguous: the encoder refuses to send it */
		FUZZ_CHECK(n == -1);
		return 0;
	}
	FUZZ_CHECK(n == LISP_DATA_HDR_LEN);
	FUZZ_CHECK(lisp_data_hdr_decode(buf, (size_t)n, &b) == LISP_OK);
	FUZZ_CHECK(a.n == b.n && a.l == b.l && a.e == b.e && a.v == b.v && a.i == b.i);
	FUZZ_CHECK(a.r == b.r && a.kk == b.kk && a.nonce == b.nonce);
	FUZZ_CHECK(a.src_map_version == b.src_map_version);
	FUZZ_CHECK(a.dst_map_version == b.dst_map_version);
	FUZZ_CHECK(a.iid == b.iid && a.lsb == b.lsb);
	/* every header bit is kept (the reserved bytes 1-3 only when N or V) */
	if (a.n || a.v)
		FUZZ_CHECK(memcmp(buf, data, LISP_DATA_HDR_LEN) == 0);
	else
		FUZZ_CHECK(buf[0] == data[0] && memcmp(buf + 4, data + 4, 4) == 0);
	return 0;
}

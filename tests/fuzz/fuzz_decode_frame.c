/*
 * DOC: libFuzzer target: decode_frame() on Ethernet frames (and raw IP)
 *
 * The output line must always be a terminated string inside its buffer,
 * also when the buffer is too small for it.
 */
#include <pcap/pcap.h>

#include "decode.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[1024], small[24];
	int r;

	r = decode_frame(DLT_EN10MB, data, size, line, sizeof(line));
	FUZZ_CHECK(r == 0 || r == 1);
	FUZZ_CHECK(memchr(line, '\0', sizeof(line)) != NULL);
	FUZZ_CHECK(r == 1 || line[0] == '\0');
	FUZZ_CHECK(decode_frame(DLT_EN10MB, data, size, small, sizeof(small)) == r);
	FUZZ_CHECK(memchr(small, '\0', sizeof(small)) != NULL);
	if (r == 1)
		FUZZ_CHECK(strncmp(small, line, strlen(small) > 3 ? strlen(small) - 3 : 0) == 0);
	r = decode_frame(DLT_RAW, data, size, line, sizeof(line));
	FUZZ_CHECK(r == 0 || r == 1);
	FUZZ_CHECK(memchr(line, '\0', sizeof(line)) != NULL);
	return 0;
}

/*
 * DOC: libFuzzer target: the whole engine in the in-process lab
 *
 * Structure-aware: the input is a program of operations run against the
 * four-router lab of tests/test_lisp_lab.h (mapserver as MS/MR with sites
 * A and B, lisp1 and lisp2 registering to it), so that the fuzzer gets
 * past the authentication and the nonces into the state machines:
 *   0  a raw control message (UDP 4342) to mapserver or lisp1
 *   1  a raw data packet (UDP 4341) to lisp1 or lisp2
 *   2  a Map-Register signed with site A's key (fuzzed records)
 *   3  a Map-Reply to lisp1 carrying the nonce of a request it has
 *      outstanding (fuzzed records)
 *   4  data from lisp1's EID space to a fuzzed destination (a
 *      Map-Request, the map-cache, encapsulation)
 *   5  the clock moves on (registrations, retransmissions, expiry)
 * Each op reads its bytes from the input; a short input ends the program.
 * Every router is freed at the end (LeakSanitizer checks it).
 */
#include "fuzz_lab.h"

static void op_raw(struct in *in, uint16_t dport)
{
	uint8_t who;
	const uint8_t *p;
	size_t len;

	if (take(in, &who, 1) == -1 || !(p = fuzz_chunk(in, 1, 8, 1400, &len)))
		return;
	if (dport == LISP_CONTROL_PORT && (who & 1)) {
		fuzz_to_lisp1(dport, p, len);
		return;
	}
	if (dport == LISP_CONTROL_PORT) {
		fuzz_to_msr(LISP_CONTROL_PORT, p, len);
		return;
	}
	lab_inject_udp(&L, (who & 1) ? LISP2 : LISP1, L.eth[(who & 1) ? LISP2 : LISP1][0],
		       (who & 1) ? "10.0.2.1" : "10.0.1.1", (who & 1) ? "10.0.2.2" : "10.0.1.2",
		       (uint16_t)(49152 + who), dport, p, len, 64, who & 0x02);
	lab_pump(&L);
}

/* Records from the input: prefix, mask, TTL, locators. */
static unsigned fuzz_records(struct in *in, struct lisp_record *recs, struct lisp_locator *locs,
			     unsigned max)
{
	uint8_t n, b[8];
	unsigned i, j;

	if (take(in, &n, 1) == -1)
		return 0;
	n = (uint8_t)(n % (max + 1));
	for (i = 0; i < n; i++) {
		if (take(in, b, 8) == -1)
			return i;
		memset(&recs[i], 0, sizeof(recs[i]));
		recs[i].eid.eid.addr = A4("192.168.0.0");
		recs[i].eid.eid.addr.u.b[1] = (b[0] & 1) ? 168 : b[1];
		recs[i].eid.eid.addr.u.b[2] = b[2];
		recs[i].eid.eid.addr.u.b[3] = b[3];
		recs[i].eid.mask_len = (uint8_t)(b[4] % 33);
		recs[i].ttl = b[5] < 200 ? b[5] : 0xffffffffu;
		recs[i].action = b[6] & 7;
		recs[i].authoritative = b[6] & 8;
		recs[i].loc_count = (uint8_t)(b[7] % 11);
		recs[i].locs = &locs[i * 10];
		for (j = 0; j < recs[i].loc_count; j++) {
			struct lisp_locator *lc = &locs[i * 10 + j];

			memset(lc, 0, sizeof(*lc));
			lc->priority = (uint8_t)(b[j % 8] ^ j);
			lc->weight = (uint8_t)(b[(j + 3) % 8] % 101);
			lc->reachable = j & 1 ? true : b[0] & 2;
			lc->rloc.addr = A4("10.0.0.0");
			lc->rloc.addr.u.b[2] = (uint8_t)(b[(j + 1) % 8] % 4);
			lc->rloc.addr.u.b[3] = b[(j + 2) % 8];
			if (b[7] & 0x80 && j == 0)
				lc->rloc.addr.afi = AFI_IPV6;
		}
		/* host bits under the mask: cleared, as a real ETR sends */
		if (recs[i].eid.mask_len < 32)
			recs[i].eid.eid.addr.u.v4 &= htonl(recs[i].eid.mask_len ?
							    ~0u << (32 - recs[i].eid.mask_len) : 0);
	}
	return n;
}

static void op_register(struct in *in)
{
	struct lisp_record recs[8];
	struct lisp_locator locs[80];
	uint8_t f[2];

	if (take(in, f, 2) == -1)
		return;
	fuzz_register(f, recs, fuzz_records(in, recs, locs, 8));
}

static void op_reply(struct in *in)
{
	struct lisp_record recs[8];
	struct lisp_locator locs[80];
	uint8_t m[2048], f;
	uint64_t nonce;
	ssize_t n;

	if (take(in, &f, 1) == -1)
		return;
	/* the real nonce of an outstanding request, when there is one */
	nonce = fuzz_reply_nonce(&f, 16);
	n = fuzz_reply(nonce, f == 15, recs, fuzz_records(in, recs, locs, 8), m, sizeof(m));
	if (n <= 0 || n > 1400)
		return;
	fuzz_to_lisp1(L.l[LISP1]->reply_port, m, (size_t)n);
}

static void op_data(struct in *in)
{
	uint8_t d[5], payload[64] = { 0 };
	char dst[INET_ADDRSTRLEN];

	if (take(in, d, 5) == -1)
		return;
	snprintf(dst, sizeof(dst), "%u.%u.%u.%u", d[0] & 1 ? 192 : d[0], d[0] & 1 ? 168 : d[1],
		 d[2], d[3]);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "192.168.1.5", dst, 5000, 6000, payload,
		       (size_t)(d[4] % 64), 64, 0);
	lab_pump(&L);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	uint8_t op;
	int steps = 0;

	lab_setup(&L, true);
	lab_run(&L, 1000);		/* both sites registered */
	while (take(&in, &op, 1) == 0 && steps++ < 64) {
		switch (op % 6) {
		case 0:
			op_raw(&in, LISP_CONTROL_PORT);
			break;
		case 1:
			op_raw(&in, LISP_DATA_PORT);
			break;
		case 2:
			op_register(&in);
			break;
		case 3:
			op_reply(&in);
			break;
		case 4:
			op_data(&in);
			break;
		default:
			fuzz_clock(&in, 1);
			break;
		}
	}
	lab_teardown(&L);
	return 0;
}

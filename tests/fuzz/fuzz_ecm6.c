/*
 * DOC: libFuzzer target: Encapsulated Control Messages with IPv6 inside
 *
 * Structure-aware, against the dual-stack in-process lab
 * (tests/fuzz/fuzz_lab6.h): the ECM path of the Map-Resolver and
 * Map-Server (forwarding to the registered ETR, negative replies for IPv6
 * EIDs) and of the ETR that answers, with IPv6 inner headers and IPv6 EIDs:
 *   0  an ECM over IPv4 (to mapserver 10.0.3.1, or as the Map-Server
 *      forwards it, to lisp1): inner IPv6 header (addresses of the plan or
 *      fuzzed, TTL, ports), inside it a Map-Request encoded from fuzzed
 *      fields (IPv6 source EID, IPv4 and IPv6 ITR-RLOCs, IPv6 and IPv4
 *      EID-prefixes, the A, P, S, p, s, L, D flags) or raw bytes
 *   1  the same over IPv6 (to fd00:10:0:3::1 or fd00:10:0:1::2)
 *   2  a Map-Register with IPv6 EID-records (IPv4 and IPv6 locators)
 *      signed with site A's or B's key
 *   3  a Map-Reply with IPv6 EID-records to lisp1, carrying the nonce of
 *      a request it has outstanding
 *   4  IPv6 data from site A's EID space to site B's (lisp1 asks)
 *   5  the clock moves on
 * Each op reads its bytes from the input; a short input ends the program.
 * Every router is freed at the end (LeakSanitizer checks it).
 */
#include "fuzz_lab6.h"

/* An EID-prefix: IPv6 in 2001:db8::/32 mostly, IPv4 when b[0] says so. */
static void fuzz_eid(const uint8_t b[4], struct lisp_eid *e)
{
	unsigned i;

	memset(e, 0, sizeof(*e));
	if ((b[0] & 7) == 7) {
		e->eid.addr = A4("192.168.0.0");
		e->eid.addr.u.b[2] = b[1];
		e->eid.addr.u.b[3] = b[2];
		e->mask_len = (uint8_t)(b[3] % 33);
		return;
	}
	e->eid.addr = A6("2001:db8::");
	e->eid.addr.u.b[5] = (b[0] & 8) ? b[1] : (uint8_t)(b[1] % 4);
	e->eid.addr.u.b[6] = (b[0] & 16) ? b[2] : 0;
	e->eid.addr.u.b[15] = b[2];
	if (b[0] & 0x80)
		e->eid.addr.u.b[1] = b[1];
	e->mask_len = (uint8_t)(b[3] % 129);
	/* host bits under the mask cleared, as a real ITR sends */
	for (i = 0; i < 16; i++) {
		unsigned bit = i * 8;

		if (bit >= e->mask_len)
			e->eid.addr.u.b[i] = 0;
		else if (bit + 8 > e->mask_len)
			e->eid.addr.u.b[i] &= (uint8_t)(0xff << (8 - (e->mask_len - bit)));
	}
}

static const char *const rlocs[] = {
	"10.0.1.2", "fd00:10:0:1::2", "10.0.2.2", "fd00:10:0:2::2", "10.0.3.2",
	"fd00:10:0:3::2", "fe80::1", "ff02::1", "::", "10.0.1.255",
};

static struct addr rloc_of(uint8_t b)
{
	const char *s = rlocs[b % (sizeof(rlocs) / sizeof(rlocs[0]))];

	return strchr(s, ':') ? A6(s) : A4(s);
}

/* A Map-Request from the input into m (at most cap bytes); its length. */
static ssize_t fuzz_request(struct in *in, uint8_t *m, size_t cap)
{
	struct lisp_eid recs[4];
	struct lisp_map_request rq;
	uint8_t h[4], b[4];
	unsigned i;

	if (take(in, h, 4) == -1)
		return -1;
	memset(&rq, 0, sizeof(rq));
	rq.auth = h[0] & 1;
	rq.probe = h[0] & 2;
	rq.smr = h[0] & 4;
	rq.pitr = h[0] & 8;
	rq.smr_invoked = h[0] & 16;
	rq.local_xtr = h[0] & 32;
	rq.dont_reply = h[0] & 64;
	rq.nonce = (uint64_t)h[1] << 8 | h[2];
	if (h[0] & 0x80)
		rq.source_eid.addr = A6("2001:db8:1::5");
	else if (h[3] & 0x80)
		rq.source_eid.addr = A4("192.168.1.5");
	rq.itr_rloc_count = (uint8_t)(1 + (h[3] & 3));
	for (i = 0; i < rq.itr_rloc_count; i++)
		rq.itr_rlocs[i].addr = rloc_of((uint8_t)(h[1] + i * (h[2] | 1)));
	rq.record_count = (uint8_t)(1 + ((h[3] >> 2) & 3));
	for (i = 0; i < rq.record_count; i++) {
		if (take(in, b, 4) == -1)
			return -1;
		fuzz_eid(b, &recs[i]);
	}
	rq.records = recs;
	return lisp_map_request_encode(&rq, m, cap);
}

/* The ECM from the input; its length in e (-1: none). */
static ssize_t fuzz_ecm(struct in *in, uint8_t *e, size_t cap)
{
	struct lisp_ecm ecm;
	uint8_t h[5], src[16], dst[16], m[1500];
	const uint8_t *p;
	size_t len;
	ssize_t n;

	if (take(in, h, 5) == -1 || lab6_pick(in, h[0], src) == -1 || lab6_pick(in, h[1], dst) == -1)
		return -1;
	memset(&ecm, 0, sizeof(ecm));
	ecm.security = h[2] & 1;
	ecm.ddt = h[2] & 2;
	ecm.inner_src.afi = ecm.inner_dst.afi = AFI_IPV6;
	memcpy(ecm.inner_src.u.b, src, 16);
	memcpy(ecm.inner_dst.u.b, dst, 16);
	ecm.inner_ttl = h[3];
	ecm.inner_sport = (h[2] & 4) ? LISP_CONTROL_PORT : (uint16_t)(49152 + h[4]);
	ecm.inner_dport = (h[2] & 8) ? (uint16_t)(h[4] << 4) : LISP_CONTROL_PORT;
	if (h[2] & 0x10) {
		if (!(p = fuzz_chunk(in, 2, 1, sizeof(m), &len)))
			return -1;
		ecm.payload = p;
		ecm.payload_len = len;
	} else {
		if ((n = fuzz_request(in, m, sizeof(m))) <= 0)
			return -1;
		ecm.payload = m;
		ecm.payload_len = (size_t)n;
	}
	return lisp_ecm_encode(&ecm, e, cap);
}

static void op_ecm(struct in *in, bool over6)
{
	uint8_t who, e[1600], s6[16], d6[16];
	struct addr a;
	ssize_t n;

	if (take(in, &who, 1) == -1 || (n = fuzz_ecm(in, e, sizeof(e))) <= 0 || n > 1400)
		return;
	if (!over6) {
		if (who & 1)	/* as mapserver forwards it to the ETR */
			fuzz_to_lisp1(LISP_CONTROL_PORT, e, (size_t)n);
		else
			fuzz_to_msr((uint16_t)(49152 + who), e, (size_t)n);
		return;
	}
	a = A6((who & 1) ? "fd00:10:0:1::1" : "fd00:10:0:3::2");
	memcpy(s6, a.u.b, 16);
	a = A6((who & 1) ? "fd00:10:0:1::2" : "fd00:10:0:3::1");
	memcpy(d6, a.u.b, 16);
	if (who & 1)
		lab6_udp(LISP1, L.eth[LISP1][0], s6, d6, LISP_CONTROL_PORT, LISP_CONTROL_PORT, e,
			 (size_t)n, 64, who & 0x80);
	else
		lab6_udp(MSR, L.eth[MSR][2], s6, d6, (uint16_t)(49152 + who), LISP_CONTROL_PORT, e,
			 (size_t)n, 64, who & 0x80);
}

/* Records with IPv6 EID-prefixes (IPv4 and IPv6 locators). */
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
		fuzz_eid(b, &recs[i].eid);
		recs[i].ttl = b[4] < 200 ? b[4] : 0xffffffffu;
		recs[i].action = b[5] & 7;
		recs[i].authoritative = b[5] & 8;
		recs[i].loc_count = (uint8_t)(b[6] % 5);
		recs[i].locs = &locs[i * 4];
		for (j = 0; j < recs[i].loc_count; j++) {
			struct lisp_locator *lc = &locs[i * 4 + j];

			memset(lc, 0, sizeof(*lc));
			lc->priority = (uint8_t)(b[j % 8] ^ j);
			lc->weight = (uint8_t)(b[(j + 3) % 8] % 101);
			lc->reachable = (j & 1) ? true : (b[7] & 2);
			lc->rloc.addr = rloc_of((uint8_t)(b[7] + j));
		}
	}
	return n;
}

static void op_register(struct in *in)
{
	struct lisp_record recs[6];
	struct lisp_locator locs[24];
	uint8_t f[2];

	if (take(in, f, 2) == -1)
		return;
	fuzz_register(f, recs, fuzz_records(in, recs, locs, 6));
}

static void op_reply(struct in *in)
{
	struct lisp_record recs[6];
	struct lisp_locator locs[24];
	uint8_t m[2048], f, s6[16], d6[16];
	struct addr a;
	uint64_t nonce;
	ssize_t n;

	if (take(in, &f, 1) == -1)
		return;
	nonce = fuzz_reply_nonce(&f, 32);
	n = fuzz_reply(nonce, (f & 31) == 31, recs, fuzz_records(in, recs, locs, 6), m, sizeof(m));
	if (n <= 0 || n > 1400)
		return;
	if (f & 16) {
		a = A6("fd00:10:0:1::1");
		memcpy(s6, a.u.b, 16);
		a = A6("fd00:10:0:1::2");
		memcpy(d6, a.u.b, 16);
		lab6_udp(LISP1, L.eth[LISP1][0], s6, d6, LISP_CONTROL_PORT, L.l[LISP1]->reply_port,
			 m, (size_t)n, 64, false);
		return;
	}
	fuzz_to_lisp1(L.l[LISP1]->reply_port, m, (size_t)n);
}

static void op_data(struct in *in)
{
	uint8_t d[3], src[16], dst[16], payload[32] = { 0 };
	struct addr a;

	if (take(in, d, 3) == -1)
		return;
	a = A6("2001:db8:1::5");
	memcpy(src, a.u.b, 16);
	a = A6((d[0] & 1) ? "2001:db8:2::" : "2001:db8:7::");
	memcpy(dst, a.u.b, 16);
	dst[14] = d[1];
	dst[15] = d[2];
	lab6_udp(LISP1, L.eth[LISP1][0], src, dst, 5000, 6000, payload, sizeof(payload), 64, false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	uint8_t op;
	int steps = 0;

	lab6_setup();
	while (take(&in, &op, 1) == 0 && steps++ < 64) {
		switch (op % 6) {
		case 0:
			op_ecm(&in, false);
			break;
		case 1:
			op_ecm(&in, true);
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

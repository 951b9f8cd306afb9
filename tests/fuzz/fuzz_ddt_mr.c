/*
 * DOC: libFuzzer target: the DDT Map-Resolver (lisp_ddt_mr.c) in the lab
 *
 * Structure-aware, on the four-router lab of tests/test_lisp_lab.h:
 * mapserver (MS/MR, sites A and B) gets 'ddt root 10.0.3.2' and 'ddt root
 * 2001:db8::2', so requests for EIDs outside its sites are resolved
 * through DDT.  The input is a program of operations:
 *   0  an ECM Map-Request from lisp1 (10.0.1.2) for a fuzzed EID, mask
 *      and instance, its nonce one of eight (so referrals can match it)
 *   1  a Map-Referral to mapserver from the root 10.0.3.2 (or, by a bit,
 *      from 10.0.3.9) with one of the eight nonces and fuzzed records:
 *      action 0..7, incomplete, TTL, EID prefix and instance, up to 8
 *      IPv4 or IPv6 referral locators with fuzzed R bits
 *   2  a raw control message to mapserver from 10.0.3.2
 *   3  the clock moves on, up to 25.6 s or 256 s (timeouts, failover,
 *      cache expiry)
 *   4  configuration: a root removed and added again, the referral cache
 *      cleared, or 'no ddt root' for all
 * Each op reads its bytes from the input; a short input ends the program.
 * Every router is freed at the end (LeakSanitizer checks the pending
 * table, its timers and the cache).
 */
#include "fuzz_lab.h"
#include "lisp_ddt.h"

/* An EID from 5 bytes: family, address bits, instance. */
static void fuzz_eid(const uint8_t *b, struct lisp_address *a)
{
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };

	memset(a, 0, sizeof(*a));
	if (b[0] & 0x80) {
		memcpy(v6 + 4, b + 1, 3);
		addr_set_v6(&a->addr, v6);
	} else {
		addr_set_v4(&a->addr, 0);
		a->addr.u.b[0] = (b[0] & 1) ? 192 : b[1];
		a->addr.u.b[1] = (b[0] & 1) ? 168 : b[2];
		a->addr.u.b[2] = b[2];
		a->addr.u.b[3] = b[3];
	}
	if (b[0] & 0x40) {
		a->has_iid = true;
		a->addr.iid = b[4] & 7;
	}
}

static void op_request(struct in *in)
{
	struct lisp_map_request rq;
	struct lisp_eid e;
	struct lisp_ecm ecm;
	uint8_t b[6], msg[256], out[512];
	ssize_t n;

	if (take(in, b, 6) == -1)
		return;
	memset(&rq, 0, sizeof(rq));
	memset(&e, 0, sizeof(e));
	rq.nonce = 1 + (b[5] & 7);
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0].addr = A4("10.0.1.2");
	fuzz_eid(b, &e.eid);
	e.mask_len = (uint8_t)(b[5] >> 3) % (addr_bits(e.eid.addr.afi) + 1);
	if (e.mask_len < addr_bits(e.eid.addr.afi) / 2)
		e.mask_len = (uint8_t)addr_bits(e.eid.addr.afi);
	rq.record_count = 1;
	rq.records = &e;
	if ((n = lisp_map_request_encode(&rq, msg, sizeof(msg))) <= 0)
		return;
	memset(&ecm, 0, sizeof(ecm));
	ecm.inner_src = A4("10.0.1.2");
	ecm.inner_dst = A4("192.168.2.1");
	ecm.inner_ttl = 64;
	ecm.inner_sport = 61000;
	ecm.inner_dport = LISP_CONTROL_PORT;
	ecm.payload = msg;
	ecm.payload_len = (size_t)n;
	if ((n = lisp_ecm_encode(&ecm, out, sizeof(out))) <= 0)
		return;
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.1.1", 61000, LISP_CONTROL_PORT,
		       out, (size_t)n, 64, 0);
	lab_pump(&L);
}

static void op_referral(struct in *in)
{
	struct lisp_map_referral m;
	struct lisp_referral_record rr[2];
	struct lisp_locator locs[2][8];
	uint8_t h[2], r[9], lb[2], out[2048];
	unsigned i, k;
	ssize_t n;

	if (take(in, h, 2) == -1)
		return;
	memset(&m, 0, sizeof(m));
	memset(rr, 0, sizeof(rr));
	memset(locs, 0, sizeof(locs));
	m.nonce = 1 + (h[0] & 7);
	m.record_count = (uint8_t)(1 + ((h[0] >> 3) & 1));
	m.records = rr;
	for (i = 0; i < m.record_count; i++) {
		if (take(in, r, 9) == -1)
			return;
		rr[i].rec.action = r[0] & 7;
		rr[i].incomplete = r[0] & 8;
		rr[i].rec.authoritative = r[0] & 16;
		rr[i].rec.ttl = (r[0] & 32) ? r[6] : 0xffffffffu;
		fuzz_eid(r + 1, &rr[i].rec.eid.eid);
		rr[i].rec.eid.mask_len = (uint8_t)(r[7] % (addr_bits(rr[i].rec.eid.eid.addr.afi) + 1));
		{
			struct prefix p;

			prefix_make(&p, &rr[i].rec.eid.eid.addr, rr[i].rec.eid.mask_len);
			rr[i].rec.eid.eid.addr = p.addr;
		}
		rr[i].rec.loc_count = (uint8_t)(r[8] % 9);
		rr[i].rec.locs = locs[i];
		for (k = 0; k < rr[i].rec.loc_count; k++) {
			if (take(in, lb, 2) == -1)
				return;
			if (lb[0] & 0x80) {
				uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };

				v6[15] = lb[1];
				addr_set_v6(&locs[i][k].rloc.addr, v6);
			} else {
				locs[i][k].rloc.addr = A4("10.0.3.0");
				locs[i][k].rloc.addr.u.b[3] = lb[1];
			}
			locs[i][k].reachable = lb[0] & 1;
			locs[i][k].priority = lb[0] & 0x7e;
			locs[i][k].mpriority = 255;
		}
	}
	if ((n = lisp_map_referral_encode(&m, out, sizeof(out))) <= 0 || n > 1400)
		return;
	lab_inject_udp(&L, MSR, L.eth[MSR][2], (h[1] & 1) ? "10.0.3.9" : "10.0.3.2", "10.0.3.1",
		       LISP_CONTROL_PORT, LISP_CONTROL_PORT, out, (size_t)n, 64, 0);
	lab_pump(&L);
}

static void op_raw(struct in *in)
{
	const uint8_t *p;
	size_t len;

	if ((p = fuzz_chunk(in, 1, 1, 255, &len)))
		fuzz_to_msr(LISP_CONTROL_PORT, p, len);
}

static void op_config(struct in *in)
{
	struct addr root = A4("10.0.3.2");
	char err[160];
	uint8_t c;

	if (take(in, &c, 1) == -1)
		return;
	switch (c % 3) {
	case 0:
		lisp_ddt_root_del(L.l[MSR], &root, err, sizeof(err));
		lisp_ddt_root_add(L.l[MSR], &root, err, sizeof(err));
		break;
	case 1:
		lisp_ddt_referral_clear(L.l[MSR]);
		break;
	default:
		lisp_ddt_root_del(L.l[MSR], &root, err, sizeof(err));
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct addr root = A4("10.0.3.2"), root6;
	char err[160];
	uint8_t op;
	int steps = 0;

	lab_setup(&L, true);
	addr_parse("2001:db8::2", &root6, err, sizeof(err));
	lisp_ddt_root_add(L.l[MSR], &root, err, sizeof(err));
	lisp_ddt_root_add(L.l[MSR], &root6, err, sizeof(err));
	lab_run(&L, 1000);		/* both sites registered */
	while (take(&in, &op, 1) == 0 && steps++ < 64) {
		switch (op % 5) {
		case 0:
			op_request(&in);
			break;
		case 1:
			op_referral(&in);
			break;
		case 2:
			op_raw(&in);
			break;
		case 3:
			fuzz_clock(&in, 10);
			break;
		default:
			op_config(&in);
			break;
		}
	}
	lab_teardown(&L);
	return 0;
}

/*
 * DOC: what the lab fuzz targets share (fuzz_lisp_lab.c, fuzz_ddt_mr.c and,
 * through fuzz_lab6.h, fuzz_ipv6_frame.c and fuzz_ecm6.c)
 *
 * The four-router lab of tests/test_lisp_lab.h, one per process (L); the
 * input read as a program (struct in): take() a fixed number of bytes,
 * fuzz_chunk() a length and that many bytes; the clock op; control
 * messages into mapserver as if from outsideworld (10.0.3.2) and into
 * lisp1 as if from mapserver (10.0.1.1); the common part of the
 * Map-Register op (the records the target built, signed with site A's or
 * B's key, to mapserver) and of the Map-Reply op (the nonce of a request
 * lisp1 has outstanding).  Each target keeps its own byte layout: these
 * helpers read exactly what the ops read before they were shared.
 */
#ifndef LISPR_FUZZ_LAB_H
#define LISPR_FUZZ_LAB_H

#include "test_lisp_lab.h"
#include "lisp_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lab L;

struct in {
	const uint8_t *p;
	size_t n;
};

static inline int take(struct in *in, void *out, size_t n)
{
	if (in->n < n)
		return -1;
	memcpy(out, in->p, n);
	in->p += n;
	in->n -= n;
	return 0;
}

/* A length (nb bytes, big-endian, times unit; at most cap and what is
 * left) and that many bytes; NULL when the length itself is missing. */
static inline const uint8_t *fuzz_chunk(struct in *in, unsigned nb, size_t unit, size_t cap,
					size_t *len)
{
	uint8_t b[2] = { 0, 0 };
	const uint8_t *p;

	if (nb > sizeof(b) || take(in, b + sizeof(b) - nb, nb) == -1)
		return NULL;
	*len = ((size_t)b[0] << 8 | b[1]) * unit;
	if (*len > cap)
		*len = cap;
	if (*len > in->n)
		*len = in->n;
	p = in->p;
	in->p += *len;
	in->n -= *len;
	return p;
}

/* The clock moves on (t + 1) * 100 ms, times slow when t's top bit is set. */
static inline void fuzz_clock(struct in *in, unsigned slow)
{
	uint8_t t;

	if (take(in, &t, 1) == -1)
		return;
	lab_step(&L, (uint64_t)(t + 1) * 100 * NS_PER_MS * ((t & 0x80) ? slow : 1));
}

/* A control message to mapserver's 4342 from outsideworld's sport. */
static inline void fuzz_to_msr(uint16_t sport, const uint8_t *p, size_t len)
{
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", sport, LISP_CONTROL_PORT,
		       p, len, 64, 0);
	lab_pump(&L);
}

/* A control message to lisp1's dport from mapserver's 4342. */
static inline void fuzz_to_lisp1(uint16_t dport, const uint8_t *p, size_t len)
{
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", LISP_CONTROL_PORT,
		       dport, p, len, 64, 0);
	lab_pump(&L);
}

/* A Map-Register of recs[0..n) to mapserver, its flags from f[0] (proxy,
 * want-map-notify, nonce 0, SHA-256) and its key from f[1]. */
static inline void fuzz_register(const uint8_t f[2], struct lisp_record *recs, unsigned n)
{
	struct lisp_map_register reg;
	uint8_t m[2048];
	const char *key;
	ssize_t len;

	memset(&reg, 0, sizeof(reg));
	reg.type = LISP_MAP_REGISTER;
	reg.proxy_reply = f[0] & 1;
	reg.want_map_notify = f[0] & 2;
	reg.nonce = (f[0] & 4) ? 0 : lisp_rand64(L.l[MSR]);
	reg.alg_id = (f[0] & 8) ? LISP_AUTH_HMAC_SHA256 : LISP_AUTH_HMAC_SHA1;
	reg.record_count = (uint8_t)n;
	reg.records = recs;
	key = (f[1] & 1) ? KEY_B : KEY_A;
	len = lisp_map_register_encode(&reg, key, strlen(key), m, sizeof(m));
	if (len <= 0 || len > 1400)
		return;
	fuzz_to_msr(LISP_CONTROL_PORT, m, (size_t)len);
}

/* The nonce of lisp1's outstanding request number *f / step (the first
 * when it has fewer; *f when it has none), step taken off *f for each
 * request passed. */
static inline uint64_t fuzz_reply_nonce(uint8_t *f, uint8_t step)
{
	struct mreq *q;

	for (q = L.l[LISP1]->mreqs; q && *f >= step; q = q->next, *f = (uint8_t)(*f - step))
		;
	return q ? q->nonce : L.l[LISP1]->mreqs ? L.l[LISP1]->mreqs->nonce : *f;
}

/* A Map-Reply with this nonce and recs[0..n) into m; its length (<= 0 or
 * over 1400: none to send). */
static inline ssize_t fuzz_reply(uint64_t nonce, bool probe, struct lisp_record *recs,
				 unsigned n, uint8_t *m, size_t cap)
{
	struct lisp_map_reply rep;

	memset(&rep, 0, sizeof(rep));
	rep.nonce = nonce;
	rep.probe = probe;
	rep.record_count = (uint8_t)n;
	rep.records = recs;
	return lisp_map_reply_encode(&rep, m, cap);
}

#endif

/*
 * DOC: writes the fuzzers' seed corpus (tests/fuzz/corpus/<target>/)
 *
 * Seeds are encoder output, so every one decodes: the fuzzers start from
 * valid messages of each shape (flags, IPv4/IPv6, Instance-ID and AFI-list
 * LCAFs, several records and locators, auth, xTR-ID, ECM, data headers)
 * and mutate from there.  Run from the top of the tree:
 *
 *	tests/fuzz/mkcorpus tests/fuzz/corpus
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "addr.h"
#include "lisp_msg.h"
#include "../pktgen.h"

static const char *outdir;

static void die(const char *what)
{
	fprintf(stderr, "mkcorpus: %s\n", what);
	exit(1);
}

static void seed(const char *target, const char *name, const uint8_t *p, ssize_t n)
{
	char path[512];
	FILE *f;

	if (n < 0)
		die(name);
	snprintf(path, sizeof(path), "%s/%s", outdir, target);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		die(path);
	snprintf(path, sizeof(path), "%s/%s/%s", outdir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, (size_t)n, f) != (size_t)n || fclose(f) != 0)
		die(path);
}

static struct lisp_address la(const char *s)
{
	struct lisp_address a;

	memset(&a, 0, sizeof(a));
	if (strcmp(s, "none") != 0 && addr_parse(s, &a.addr, NULL, 0) != 0)
		die(s);
	return a;
}

static struct lisp_address la_iid(const char *s, uint32_t iid)
{
	struct lisp_address a = la(s);

	a.has_iid = true;
	a.addr.iid = iid;
	return a;
}

static struct lisp_address la_list(const char *v4, const char *v6)
{
	struct lisp_address a = la(v4);

	a.afi_list = true;
	a.n_alt = 1;
	a.alt[0] = la(v6).addr;
	return a;
}

/* Ethernet frame around a UDP payload, as a decode_frame seed. */
static void frame_seed(const char *name, const char *src, uint16_t sport, const char *dst,
		       uint16_t dport, uint16_t vlan, const uint8_t *p, ssize_t n)
{
	struct pktgen_udp u = { .src = src, .dst = dst, .sport = sport, .dport = dport,
				.vlan = vlan };
	uint8_t f[PKTGEN_MAX_FRAME];

	if (n < 0)
		die(name);
	seed("decode_frame", name, f, pktgen_eth_udp(&u, p, (size_t)n, f, sizeof(f)));
}

/* Map-Referrals (RFC 8111): a NODE-REFERRAL to two nodes, a hole, a signed NOT-AUTHORITATIVE. */
static void referral_seeds(void)
{
	struct lisp_map_referral mr;
	struct lisp_referral_record rr[2];
	struct lisp_referral_sig sig;
	struct lisp_locator locs[2];
	uint8_t b[1024], sigdata[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	ssize_t n;

	memset(&mr, 0, sizeof(mr));
	memset(rr, 0, sizeof(rr));
	memset(locs, 0, sizeof(locs));
	locs[0].rloc = la("10.0.9.1");
	locs[1].rloc = la("2001:db8::91");
	locs[0].mpriority = locs[1].mpriority = 255;
	locs[0].reachable = locs[1].reachable = true;
	rr[0].rec.ttl = 1440;
	rr[0].rec.authoritative = true;
	rr[0].rec.eid.eid = la("10.0.0.0");
	rr[0].rec.eid.mask_len = 8;
	rr[0].rec.loc_count = 2;
	rr[0].rec.locs = locs;
	mr.nonce = 0x0102030405060708ULL;
	mr.record_count = 1;
	mr.records = rr;
	n = lisp_map_referral_encode(&mr, b, sizeof(b));
	seed("map_referral", "node-referral", b, n);
	frame_seed("map-referral", "10.0.9.1", 4342, "10.0.3.1", 61240, 0, b, n);
	rr[0].rec.action = LISP_REF_DELEGATION_HOLE;
	rr[0].rec.ttl = 15;
	rr[0].rec.loc_count = 0;
	rr[0].rec.eid.eid = la_iid("10.128.0.0", 7);
	rr[0].rec.eid.mask_len = 9;
	memset(&sig, 0, sizeof(sig));
	sig.orig_ttl = 1440;
	sig.key_tag = 0x1234;
	sig.alg = 1;
	sig.len = sizeof(sigdata);
	sig.data = sigdata;
	rr[1].rec.action = LISP_REF_NOT_AUTHORITATIVE;
	rr[1].incomplete = true;
	rr[1].rec.eid.eid = la("2001:db8::");
	rr[1].rec.eid.mask_len = 32;
	rr[1].sig_count = 1;
	rr[1].sigs = &sig;
	mr.record_count = 2;
	seed("map_referral", "hole-not-authoritative-sig", b,
	     lisp_map_referral_encode(&mr, b, sizeof(b)));
}

/*
 * fuzz_ddt_mr's inputs are programs of operations (tests/fuzz/fuzz_ddt_mr.c):
 * op 0 a request (6 bytes: EID flags, address bytes, instance, nonce and
 * mask), op 1 a referral from the root (2 header bytes, 9 per record, 2 per
 * locator), op 3 a clock step, op 4 a configuration change.  These walk the
 * tree the ways the Map-Resolver knows: a node referral then an MS-ACK, a
 * delegation hole answered again from the cache, an MS-REFERRAL whose two
 * Map-Servers stay silent, NOT-AUTHORITATIVE for an IPv6 EID, an instance.
 */
#define REQ4(a, b, c, n)	0, 0x00, a, b, b, c, 0, (n) & 7
#define REF(act)	1, 0x00, 0x00, 0x30 | (act)	/* one record, from 10.0.3.2; TTL given */
static void ddt_mr_seeds(void)
{
	static const uint8_t walk[] = {
		REQ4(10, 9, 9, 0),
		REF(0), 0x00, 10, 0, 0, 0, 60, 8, 1, 0x01, 2,	/* node referral 10/8 */
		REF(2), 0x00, 10, 9, 9, 0, 60, 16, 1, 0x01, 2,	/* MS-ACK 10.9/16 */
		3, 0x10,
		REQ4(10, 9, 7, 1),
	};
	static const uint8_t hole[] = {
		REQ4(10, 9, 9, 0),
		REF(4), 0x00, 10, 9, 9, 0, 15, 16, 0,		/* hole 10.9/16 */
		3, 0x02,
		REQ4(10, 9, 9, 1),
	};
	static const uint8_t failover[] = {
		REQ4(10, 9, 9, 0),
		REF(1), 0x00, 10, 9, 9, 0, 60, 16, 2, 0x01, 2, 0x01, 9,
		3, 0x90, 3, 0x90, 3, 0x90,
		4, 0x01,
		REQ4(10, 9, 9, 1),
	};
	static const uint8_t v6[] = {
		0, 0x80, 0x00, 0x00, 0x01, 0, 0,				/* 2001:db8:0:100::/128 */
		REF(5), 0x80, 0, 0, 1, 0, 60, 32, 1, 0x81, 2,	/* not authoritative */
		3, 0x20,
	};
	static const uint8_t iid[] = {
		0, 0x40, 10, 9, 9, 3, 0,					/* 10.9.9.9 in IID 3 */
		REF(2), 0x40, 10, 9, 9, 3, 60, 16, 1, 0x01, 2,
		3, 0x05,
	};

	seed("ddt_mr", "walk-ms-ack", walk, sizeof(walk));
	seed("ddt_mr", "hole-cached", hole, sizeof(hole));
	seed("ddt_mr", "silent-failover", failover, sizeof(failover));
	seed("ddt_mr", "ipv6-not-authoritative", v6, sizeof(v6));
	seed("ddt_mr", "instance-ms-ack", iid, sizeof(iid));
}

int main(int argc, char **argv)
{
	struct lisp_map_request rq;
	struct lisp_map_reply rp;
	struct lisp_map_register rg;
	struct lisp_ecm e;
	struct lisp_data_hdr h;
	struct lisp_record recs[2];
	struct lisp_locator locs[3];
	struct lisp_eid eids[2];
	uint8_t b[2048], c[2048];
	ssize_t n, k;

	if (argc != 2)
		die("usage: mkcorpus DIR");
	outdir = argv[1];
	if (mkdir(outdir, 0755) == -1 && errno != EEXIST)
		die(outdir);

	/* Map-Request: plain IPv4, then every flag, IPv6, IID and a map-data record */
	memset(&rq, 0, sizeof(rq));
	eids[0].eid = la("4.2.2.2");
	eids[0].mask_len = 32;
	rq.nonce = 0x1a2b3c4d5e6f7081ULL;
	rq.source_eid = la("192.168.1.1");
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0] = la("10.0.1.2");
	rq.record_count = 1;
	rq.records = eids;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	seed("map_request", "ipv4", b, n);
	frame_seed("map-request", "10.0.1.2", 61234, "10.0.3.1", 4342, 0, b, n);
	memset(&e, 0, sizeof(e));
	e.inner_src = la("192.168.1.1").addr;
	e.inner_dst = la("4.2.2.2").addr;
	e.inner_ttl = 64;
	e.inner_sport = 61234;
	e.inner_dport = 4342;
	e.payload = b;
	e.payload_len = (size_t)n;
	k = lisp_ecm_encode(&e, c, sizeof(c));
	seed("ecm", "ipv4-map-request", c, k);
	frame_seed("ecm", "10.0.1.2", 4342, "10.0.3.1", 4342, 0, c, k);

	memset(recs, 0, sizeof(recs));
	memset(locs, 0, sizeof(locs));
	rq.auth = rq.map_data = rq.probe = rq.smr = rq.pitr = rq.smr_invoked = true;
	rq.local_xtr = rq.dont_reply = true;
	rq.source_eid = la_list("192.168.1.1", "2001:db8:1::1");
	rq.source_eid.has_iid = true;		/* an AFI-List inside an Instance-ID */
	rq.source_eid.addr.iid = rq.source_eid.alt[0].iid = 1000;
	rq.itr_rloc_count = 3;
	rq.itr_rlocs[1] = la("2001:db8::2");
	rq.itr_rlocs[2] = la_list("10.0.1.2", "2001:db8::2");
	eids[0].eid = la_iid("2001:db8:2::", 1000);
	eids[0].mask_len = 48;
	eids[1].eid = la("10.1.0.0");
	eids[1].mask_len = 16;
	rq.record_count = 2;
	locs[0].priority = 1;
	locs[0].weight = 100;
	locs[0].mpriority = 255;
	locs[0].local = locs[0].reachable = true;
	locs[0].rloc = la("10.0.1.2");
	recs[0].ttl = 1440;
	recs[0].authoritative = true;
	recs[0].map_version = 7;
	recs[0].eid.eid = la_iid("192.168.1.0", 5);
	recs[0].eid.mask_len = 24;
	recs[0].loc_count = 1;
	recs[0].locs = locs;
	rq.map_reply_record = recs;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	seed("map_request", "all-flags-ipv6-lcaf", b, n);
	frame_seed("map-request-ipv6-vlan", "2001:db8::2", 61234, "2001:db8::1", 4342, 10, b, n);
	memset(&e, 0, sizeof(e));
	e.security = e.ddt = true;
	e.inner_src = la("2001:db8:1::1").addr;
	e.inner_dst = la("2001:db8:2::1").addr;
	e.inner_ttl = 255;
	e.inner_sport = 40000;
	e.inner_dport = 4342;
	e.payload = b;
	e.payload_len = (size_t)n;
	seed("ecm", "ipv6-flags", c, lisp_ecm_encode(&e, c, sizeof(c)));

	/* Map-Reply: negative, and positive with several locators and records */
	memset(&rp, 0, sizeof(rp));
	memset(recs, 0, sizeof(recs));
	recs[0].ttl = 15;
	recs[0].action = LISP_ACT_NATIVE_FWD;
	recs[0].eid.eid = la("0.0.0.0");
	recs[0].eid.mask_len = 1;
	rp.nonce = 0x1a2b3c4d5e6f7081ULL;
	rp.record_count = 1;
	rp.records = recs;
	n = lisp_map_reply_encode(&rp, b, sizeof(b));
	seed("map_reply", "negative", b, n);
	frame_seed("map-reply", "10.0.3.1", 4342, "10.0.1.2", 61234, 0, b, n);
	locs[1] = locs[0];
	locs[1].priority = 2;
	locs[1].weight = 50;
	locs[1].local = false;
	locs[1].probed = true;
	locs[1].rloc = la("2001:db8::2");
	locs[2] = locs[0];
	locs[2].rloc = la_list("10.0.2.2", "2001:db8:2::2");
	recs[0].ttl = 1440;
	recs[0].action = LISP_ACT_NO_ACTION;
	recs[0].authoritative = true;
	recs[0].eid.eid = la("192.168.2.0");
	recs[0].eid.mask_len = 24;
	recs[0].loc_count = 3;
	recs[0].locs = locs;
	recs[1].ttl = 60;
	recs[1].eid.eid = la_iid("2001:db8:2::", 1000);
	recs[1].eid.mask_len = 48;
	recs[1].loc_count = 1;
	recs[1].locs = locs;
	rp.probe = rp.echo_nonce = true;
	rp.record_count = 2;
	n = lisp_map_reply_encode(&rp, b, sizeof(b));
	seed("map_reply", "positive", b, n);

	/* Map-Register (SHA-1, SHA-256 with xTR-ID), Map-Notify, Map-Notify-Ack */
	memset(&rg, 0, sizeof(rg));
	rg.type = LISP_MAP_REGISTER;
	rg.want_map_notify = true;
	rg.alg_id = LISP_AUTH_HMAC_SHA1;
	rg.record_count = 1;
	rg.records = recs;
	recs[0].loc_count = 1;
	n = lisp_map_register_encode(&rg, "seed", 4, b, sizeof(b));
	seed("map_register", "sha1", b, n);
	frame_seed("map-register", "10.0.1.2", 4342, "10.0.3.1", 4342, 0, b, n);
	rg.alg_id = LISP_AUTH_HMAC_SHA256;
	rg.proxy_reply = rg.xtr_id_present = true;
	memset(rg.xtr_id, 0x5a, sizeof(rg.xtr_id));
	rg.site_id = 42;
	rg.record_count = 2;
	seed("map_register", "sha256-xtrid", b, lisp_map_register_encode(&rg, "seed", 4, b,
									   sizeof(b)));
	rg.type = LISP_MAP_NOTIFY;
	rg.proxy_reply = rg.xtr_id_present = rg.want_map_notify = false;
	rg.alg_id = LISP_AUTH_HMAC_SHA1;
	rg.record_count = 1;
	seed("map_register", "notify", b, lisp_map_register_encode(&rg, "seed", 4, b, sizeof(b)));
	rg.type = LISP_MAP_NOTIFY_ACK;
	rg.alg_id = LISP_AUTH_NONE;
	rg.auth_len = 0;
	seed("map_register", "notify-ack", b, lisp_map_register_encode(&rg, NULL, 0, b,
									 sizeof(b)));

	/* data headers: N+L, I with IID, V with map versions; and as frames */
	memset(&h, 0, sizeof(h));
	h.n = h.l = true;
	h.nonce = 0x123456;
	h.lsb = 3;
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	seed("data_hdr", "nonce-lsb", b, n);
	k = pktgen_icmp_echo("192.168.1.1", "192.168.2.1", 1, 1, 16, b + n, sizeof(b) - 8);
	frame_seed("data", "10.0.1.2", 61000, "10.0.2.2", 4341, 0, b, n + k);
	memset(&h, 0, sizeof(h));
	h.i = h.e = true;
	h.iid = 1000;
	seed("data_hdr", "iid", b, lisp_data_hdr_encode(&h, b, sizeof(b)));
	memset(&h, 0, sizeof(h));
	h.v = true;
	h.src_map_version = 1;
	h.dst_map_version = 4095;
	seed("data_hdr", "versions", b, lisp_data_hdr_encode(&h, b, sizeof(b)));
	referral_seeds();
	ddt_mr_seeds();
	return 0;
}

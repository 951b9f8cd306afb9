/*
 * DOC: writes samples/lisp-seed.pcap, the seed lab's LISP conversation
 *
 * Every message is produced by lispr's own encoder (src/lisp/lisp_msg.c) and
 * framed by tests/pktgen.c, so the capture doubles as a regression sample
 * for 'lispr --decode'.  Addresses are the lab's (shared/seeds/README.md);
 * each frame is shown on the link of the router that sends it.  The output
 * is byte-for-byte reproducible: fixed nonces, timestamps and MACs.
 *
 *	tests/mkseedpcap [FILE]		(default samples/lisp-seed.pcap)
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "lisp_msg.h"
#include "pktgen.h"

#define SEED_KEY	"lisp-seed-key"

/* 02:00 + the interface's IPv4 address: easy to tell apart in a capture. */
static const uint8_t mac_lisp1[6] = { 0x02, 0x00, 10, 0, 1, 2 };	/* 10.0.1.2 */
static const uint8_t mac_ms_a[6]  = { 0x02, 0x00, 10, 0, 1, 1 };	/* 10.0.1.1 */
static const uint8_t mac_ms_b[6]  = { 0x02, 0x00, 10, 0, 2, 1 };	/* 10.0.2.1 */
static const uint8_t mac_lisp2[6] = { 0x02, 0x00, 10, 0, 2, 2 };	/* 10.0.2.2 */

static struct lisp_address la(const char *s)
{
	struct lisp_address a;

	memset(&a, 0, sizeof(a));
	if (addr_parse(s, &a.addr, NULL, 0) != 0) {
		fprintf(stderr, "mkseedpcap: bad address %s\n", s);
		exit(1);
	}
	return a;
}

static void put(struct pktgen_pcap *pc, const uint8_t *smac, const uint8_t *dmac,
		const char *src, uint16_t sport, const char *dst, uint16_t dport,
		const uint8_t *payload, ssize_t plen, bool data)
{
	struct pktgen_udp u = { .src = src, .dst = dst, .sport = sport, .dport = dport,
				.smac = smac, .dmac = dmac, .ttl = 255,
				.no_udp_csum = data };
	uint8_t f[PKTGEN_MAX_FRAME];
	ssize_t n;

	if (plen < 0) {
		fprintf(stderr, "mkseedpcap: encoding failed (%s -> %s)\n", src, dst);
		exit(1);
	}
	n = pktgen_eth_udp(&u, payload, (size_t)plen, f, sizeof(f));
	if (n < 0 || pktgen_pcap_write(pc, f, (size_t)n) != 0) {
		fprintf(stderr, "mkseedpcap: cannot write frame\n");
		exit(1);
	}
}

/* An xTR's registration of its EID prefix (type 3) or the MS's answer (4). */
static ssize_t registration(uint8_t type, const char *eid, uint8_t len, const char *rloc,
			    uint8_t *buf, size_t cap)
{
	struct lisp_map_register m;
	struct lisp_record r;
	struct lisp_locator l;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	l.priority = 1;
	l.weight = 100;
	l.mpriority = 255;
	l.local = true;
	l.reachable = true;
	l.rloc = la(rloc);
	r.ttl = 1440;
	r.authoritative = true;
	r.eid.eid = la(eid);
	r.eid.mask_len = len;
	r.loc_count = 1;
	r.locs = &l;
	m.type = type;
	m.want_map_notify = type == LISP_MAP_REGISTER;
	m.nonce = 0;
	m.key_id = 0;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.record_count = 1;
	m.records = &r;
	return lisp_map_register_encode(&m, SEED_KEY, strlen(SEED_KEY), buf, cap);
}

/* lisp1's Map-Request for eid inside an ECM to the map-resolver. */
static ssize_t ecm_request(uint64_t nonce, const char *eid, uint16_t reply_port,
			   uint8_t *buf, size_t cap)
{
	struct lisp_map_request m;
	struct lisp_eid rec;
	struct lisp_ecm e;
	uint8_t inner[512];
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(&e, 0, sizeof(e));
	rec.eid = la(eid);
	rec.mask_len = 32;
	m.nonce = nonce;
	m.source_eid = la("192.168.1.1");
	m.itr_rloc_count = 1;
	m.itr_rlocs[0] = la("10.0.1.2");
	m.record_count = 1;
	m.records = &rec;
	n = lisp_map_request_encode(&m, inner, sizeof(inner));
	if (n < 0)
		return -1;
	e.inner_src = la("192.168.1.1").addr;
	e.inner_dst = la(eid).addr;
	e.inner_ttl = 255;
	e.inner_sport = reply_port;
	e.inner_dport = LISP_CONTROL_PORT;
	e.payload = inner;
	e.payload_len = (size_t)n;
	return lisp_ecm_encode(&e, buf, cap);
}

static ssize_t map_reply(uint64_t nonce, const char *eid, uint8_t len, uint32_t ttl,
			 const char *rloc, uint8_t *buf, size_t cap)
{
	struct lisp_map_reply m;
	struct lisp_record r;
	struct lisp_locator l;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	r.ttl = ttl;
	r.eid.eid = la(eid);
	r.eid.mask_len = len;
	if (rloc) {
		l.priority = 1;
		l.weight = 100;
		l.mpriority = 255;
		l.local = true;
		l.reachable = true;
		l.rloc = la(rloc);
		r.authoritative = true;
		r.loc_count = 1;
		r.locs = &l;
	} else {
		r.action = LISP_ACT_NATIVE_FWD;
	}
	m.nonce = nonce;
	m.record_count = 1;
	m.records = &r;
	return lisp_map_reply_encode(&m, buf, cap);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "samples/lisp-seed.pcap";
	struct pktgen_pcap *pc;
	struct lisp_data_hdr h;
	uint8_t b[2048];
	ssize_t n, k;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: mkseedpcap [FILE]\n");
		return 2;
	}
	pc = pktgen_pcap_open(path, DLT_EN10MB);
	if (!pc) {
		fprintf(stderr, "mkseedpcap: cannot create %s\n", path);
		return 1;
	}
	/* registrations: each xTR to the map-server, which answers (M bit) */
	n = registration(LISP_MAP_REGISTER, "192.168.1.0", 24, "10.0.1.2", b, sizeof(b));
	put(pc, mac_lisp1, mac_ms_a, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n, false);
	n = registration(LISP_MAP_NOTIFY, "192.168.1.0", 24, "10.0.1.2", b, sizeof(b));
	put(pc, mac_ms_a, mac_lisp1, "10.0.3.1", 4342, "10.0.1.2", 4342, b, n, false);
	n = registration(LISP_MAP_REGISTER, "192.168.2.0", 24, "10.0.2.2", b, sizeof(b));
	put(pc, mac_lisp2, mac_ms_b, "10.0.2.2", 4342, "10.0.3.1", 4342, b, n, false);
	n = registration(LISP_MAP_NOTIFY, "192.168.2.0", 24, "10.0.2.2", b, sizeof(b));
	put(pc, mac_ms_b, mac_lisp2, "10.0.3.1", 4342, "10.0.2.2", 4342, b, n, false);

	/* ping 4.2.2.2 source Loopback0: outside LISP space, negative reply */
	n = ecm_request(0x6b8f2a9c1d3e4f50ULL, "4.2.2.2", 61234, b, sizeof(b));
	put(pc, mac_lisp1, mac_ms_a, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n, false);
	n = map_reply(0x6b8f2a9c1d3e4f50ULL, "0.0.0.0", 1, 15, NULL, b, sizeof(b));
	put(pc, mac_ms_a, mac_lisp1, "10.0.3.1", 4342, "10.0.1.2", 61234, b, n, false);

	/* ping 192.168.2.1: the map-server relays the ECM to lisp2, lisp2 replies */
	n = ecm_request(0x1f2e3d4c5b6a7988ULL, "192.168.2.1", 61235, b, sizeof(b));
	put(pc, mac_lisp1, mac_ms_a, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n, false);
	put(pc, mac_ms_b, mac_lisp2, "10.0.2.1", 4342, "10.0.2.2", 4342, b, n, false);
	n = map_reply(0x1f2e3d4c5b6a7988ULL, "192.168.2.0", 24, 1440, "10.0.2.2",
		      b, sizeof(b));
	put(pc, mac_lisp2, mac_ms_b, "10.0.2.2", 4342, "10.0.1.2", 61235, b, n, false);

	/* the first encapsulated echo request, RLOC to RLOC */
	memset(&h, 0, sizeof(h));
	h.n = true;
	h.l = true;
	h.nonce = 0x5a17c3;
	h.lsb = 0x00000001;
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	k = n < 0 ? -1 : pktgen_icmp_echo("192.168.1.1", "192.168.2.1", 0x0001, 1, 72,
					  b + n, sizeof(b) - (size_t)n);
	put(pc, mac_lisp1, mac_ms_a, "10.0.1.2", 61555, "10.0.2.2", 4341, b,
	    k < 0 ? -1 : n + k, true);

	if (pktgen_pcap_close(pc) != 0) {
		fprintf(stderr, "mkseedpcap: cannot finish %s\n", path);
		return 1;
	}
	return 0;
}

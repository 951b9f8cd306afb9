/*
 * DOC: tshark as an independent decoder of what our encoder writes
 *
 * Every message type the codec encodes is framed with pktgen (UDP 4342 or
 * 4341), written to one capture, and decoded by Wireshark's LISP dissectors
 * through 'tshark -T fields'.  The test asserts tshark's field values (type,
 * nonce, flags, EID prefix and length, locators, action, TTL, key id, auth
 * length...) and that no frame is malformed or has trailing bytes ('data')
 * as far as tshark can tell.  tshark comes from $TSHARK (set by make check)
 * or PATH; without it the test fails, since CI installs it.
 *
 * Wireshark 4.0 notes, learnt by experiment:
 * - lisp.keyid is the RFC 6833 16-bit Key ID: key-id << 8 | algorithm id.
 * - An ECM shows two lisp.type values, "8,1" (outer, then inner message).
 * - Map-Notify-Ack (type 5) is unknown to it: only the type is checked.
 * - Map-Referral (type 6): it reads every record field (Referral Count as
 *   lisp.mapping.loccnt, ACT as lisp.mapping.act, I, SigCnt) but not the
 *   signature sections (shown as data), so the frames here carry none.
 */
#include <CUnit/Basic.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "addr.h"
#include "lisp_msg.h"
#include "pktgen.h"

#define MAX_FRAMES	64
#define MAX_FIELDS	64

static const char *const fields[] = {
	"frame.number", "lisp.type", "lisp.nonce", "lisp.records", "lisp.irc",
	"lisp.mreq.flags.auth", "lisp.mreq.flags.mrp", "lisp.mreq.flags.probe",
	"lisp.mreq.flags.smr", "lisp.mreq.flags.pitr", "lisp.mreq.flags.smri",
	"lisp.mreq.srceid.afi", "lisp.mreq.srceid.ipv4", "lisp.mreq.srceid_ipv6",
	"lisp.mreq.itr_rloc.afi", "lisp.mreq.itr_rloc_ipv4", "lisp.mreq.itr_rloc_ipv6",
	"lisp.mreq.record.prefix.length", "lisp.mreq.record.prefix.afi",
	"lisp.mreq.record.prefix.ipv4", "lisp.mreq.record.prefix.ipv6",
	"lisp.mrep.flags.probe", "lisp.mrep.flags.enlr", "lisp.mrep.flags.sec",
	"lisp.mapping.ttl", "lisp.mapping.loccnt", "lisp.mapping.eid.masklen",
	"lisp.mapping.act", "lisp.mapping.auth", "lisp.mapping.ver", "lisp.mapping.eid.afi",
	"lisp.mapping.eid.ipv4", "lisp.mapping.eid.ipv6",
	"lisp.loc.priority", "lisp.loc.weight", "lisp.loc.multicast_priority",
	"lisp.loc.multicast_weight", "lisp.loc.flags.local", "lisp.loc.flags.probe",
	"lisp.loc.flags.reach", "lisp.loc.afi", "lisp.loc.locator",
	"lisp.mreg.flags.pmr", "lisp.mreg.flags.sec", "lisp.mreg.flags.xtrid",
	"lisp.mreg.flags.rtr", "lisp.mreg.flags.wmn", "lisp.keyid", "lisp.authlen",
	"lisp.auth", "lisp.xtrid", "lisp.siteid",
	"lisp.ecm.flags.sec", "lisp.ecm.flags.ddt",
	"lisp.lcaf.type", "lisp.lcaf.iid", "lisp.lcaf.iid.afi", "lisp.lcaf.iid.ipv4",
	"lisp-data.flags.nonce", "lisp-data.flags.lsb", "lisp-data.flags.enr",
	"lisp-data.flags.mv", "lisp-data.flags.iid", "lisp-data.nonce", "lisp-data.iid",
	"lisp-data.lsb", "lisp-data.lsb8", "lisp-data.srcmapver", "lisp-data.dstmapver",
	"ip.src", "_ws.malformed", "data",
	"lisp.referral.incomplete", "lisp.referral.sigcnt",
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

struct frame_fields {
	char *v[NFIELDS];
};

static char tmpdir[64];
static char capture[128];
static struct frame_fields frames[MAX_FRAMES];
static unsigned nframes, nwritten;
static char tshark_error[512];

/* The LISP payload of every frame written, for checks against tshark. */
static struct {
	uint8_t b[2048];
	size_t len;
} msgs[MAX_FRAMES + 1];

static struct lisp_address la(const char *s)
{
	struct lisp_address a;

	memset(&a, 0, sizeof(a));
	if (strcmp(s, "none") != 0 && addr_parse(s, &a.addr, NULL, 0) != 0)
		abort();
	return a;
}

static struct lisp_address la_iid(const char *s, uint32_t iid)
{
	struct lisp_address a = la(s);

	a.has_iid = true;
	a.addr.iid = iid;
	return a;
}

static void write_udp(struct pktgen_pcap *pc, const char *src, uint16_t sport, const char *dst,
		      uint16_t dport, const uint8_t *p, ssize_t n)
{
	struct pktgen_udp u = { .src = src, .dst = dst, .sport = sport, .dport = dport,
				.no_udp_csum = dport == LISP_DATA_PORT };
	uint8_t f[PKTGEN_MAX_FRAME];
	ssize_t fl;

	if (n < 0) {
		fprintf(stderr, "oracle: encoder failed for frame %u\n", nwritten + 1);
		abort();
	}
	fl = pktgen_eth_udp(&u, p, (size_t)n, f, sizeof(f));
	if (fl < 0 || pktgen_pcap_write(pc, f, (size_t)fl) != 0 || nwritten == MAX_FRAMES ||
	    (size_t)n > sizeof(msgs[0].b))
		abort();
	nwritten++;
	memcpy(msgs[nwritten].b, p, (size_t)n);
	msgs[nwritten].len = (size_t)n;
}

/* lisp_locator with the usual unicast/multicast values. */
static struct lisp_locator loc(const char *rloc, uint8_t prio, uint8_t weight, bool local,
			       bool probed, bool reach)
{
	struct lisp_locator l;

	memset(&l, 0, sizeof(l));
	l.priority = prio;
	l.weight = weight;
	l.mpriority = 255;
	l.mweight = 0;
	l.local = local;
	l.probed = probed;
	l.reachable = reach;
	l.rloc = la(rloc);
	return l;
}

/*
 * The capture, one frame per case; the frame numbers are used by the tests
 * below (keep them in step).
 */
enum {
	F_MREQ_V4 = 1,		/* A S, IPv4 source EID and ITR-RLOC */
	F_MREQ_V6,		/* P p s M, IPv6 source EID, two ITR-RLOCs, map-data */
	F_MREP_POS,		/* P E, two locators */
	F_MREP_NEG0,		/* 6 frames: negative, action 0..5 */
	F_MREG_SHA1 = F_MREP_NEG0 + 6,
	F_MREG_SHA256_XTR,
	F_MNOT,
	F_MNOT_ACK,
	F_ECM,
	F_DATA_NL,
	F_DATA_I,
	F_DATA_V,
	F_MREG_IID,
	F_MREQ_IID,
	F_MREF0,		/* 6 frames: Map-Referral, action 0..5 */
	F_LAST = F_MREF0 + 5
};

/*
 * Map-Referrals, one per action: the two referral actions list two DDT
 * nodes or Map-Servers (IPv4 and IPv6), NOT-AUTHORITATIVE is incomplete.
 */
static void build_referrals(struct pktgen_pcap *pc)
{
	struct lisp_map_referral mr;
	struct lisp_referral_record rr;
	struct lisp_locator locs[2];
	uint8_t b[512];
	ssize_t n;
	unsigned act;

	for (act = 0; act <= LISP_REF_NOT_AUTHORITATIVE; act++) {
		memset(&mr, 0, sizeof(mr));
		memset(&rr, 0, sizeof(rr));
		locs[0] = loc("10.0.9.1", 0, 0, false, false, true);
		locs[1] = loc("2001:db8::91", 1, 0, false, false, true);
		rr.rec.ttl = act == LISP_REF_MS_NOT_REGISTERED ? 1 :
			     act == LISP_REF_DELEGATION_HOLE ? 15 :
			     act == LISP_REF_NOT_AUTHORITATIVE ? 0 : 1440;
		rr.rec.action = (uint8_t)act;
		rr.rec.authoritative = act != LISP_REF_NOT_AUTHORITATIVE;
		rr.incomplete = act == LISP_REF_NOT_AUTHORITATIVE;
		rr.rec.eid.eid = la("10.64.0.0");
		rr.rec.eid.mask_len = 10;
		if (act <= LISP_REF_MS_REFERRAL) {
			rr.rec.loc_count = 2;
			rr.rec.locs = locs;
		}
		mr.nonce = 0x6600000000000000ULL + act;
		mr.record_count = 1;
		mr.records = &rr;
		n = lisp_map_referral_encode(&mr, b, sizeof(b));
		write_udp(pc, "10.0.9.1", 4342, "10.0.3.1", 61240, b, n);
	}
}

static void build_capture(void)
{
	struct pktgen_pcap *pc = pktgen_pcap_open(capture, DLT_EN10MB);
	struct lisp_map_request rq;
	struct lisp_map_reply rp;
	struct lisp_map_register rg;
	struct lisp_ecm e;
	struct lisp_data_hdr h;
	struct lisp_record rec;
	struct lisp_locator locs[2];
	struct lisp_eid eid;
	uint8_t b[2048], c[2048];
	ssize_t n;
	unsigned act;

	CU_ASSERT_FATAL(pc != NULL);

	memset(&rq, 0, sizeof(rq));
	rq.auth = rq.smr = true;
	rq.nonce = 0x1a2b3c4d5e6f7081ULL;
	rq.source_eid = la("192.168.1.1");
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0] = la("10.0.1.2");
	eid.eid = la("4.2.2.2");
	eid.mask_len = 32;
	rq.record_count = 1;
	rq.records = &eid;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 61234, "10.0.3.1", 4342, b, n);

	memset(&rq, 0, sizeof(rq));
	memset(&rec, 0, sizeof(rec));
	rq.probe = rq.pitr = rq.smr_invoked = rq.map_data = true;
	rq.nonce = 0xfedcba9876543210ULL;
	rq.source_eid = la("2001:db8:1::1");
	rq.itr_rloc_count = 2;
	rq.itr_rlocs[0] = la("2001:db8::2");
	rq.itr_rlocs[1] = la("10.0.1.2");
	eid.eid = la("2001:db8:2::");
	eid.mask_len = 48;
	rq.record_count = 1;
	rq.records = &eid;
	locs[0] = loc("10.0.1.2", 1, 100, true, false, true);
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid = la("192.168.1.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 1;
	rec.locs = locs;
	rq.map_reply_record = &rec;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 61235, "10.0.2.2", 4342, b, n);

	memset(&rp, 0, sizeof(rp));
	memset(&rec, 0, sizeof(rec));
	rp.probe = rp.echo_nonce = true;
	rp.nonce = 0xfedcba9876543210ULL;
	locs[0] = loc("10.0.2.2", 1, 70, true, true, true);
	locs[1] = loc("2001:db8::22", 2, 30, false, false, true);
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.map_version = 3;
	rec.eid.eid = la("192.168.2.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 2;
	rec.locs = locs;
	rp.record_count = 1;
	rp.records = &rec;
	n = lisp_map_reply_encode(&rp, b, sizeof(b));
	write_udp(pc, "10.0.2.2", 4342, "10.0.1.2", 61235, b, n);

	for (act = 0; act <= LISP_ACT_DROP_AUTH; act++) {
		memset(&rp, 0, sizeof(rp));
		memset(&rec, 0, sizeof(rec));
		rp.nonce = 0x1a2b3c4d5e6f7081ULL + act;
		rec.ttl = act == LISP_ACT_NATIVE_FWD ? 15 : act;
		rec.action = (uint8_t)act;
		rec.eid.eid = la("0.0.0.0");
		rec.eid.mask_len = 1;
		rp.record_count = 1;
		rp.records = &rec;
		n = lisp_map_reply_encode(&rp, b, sizeof(b));
		write_udp(pc, "10.0.3.1", 4342, "10.0.1.2", 61234, b, n);
	}

	memset(&rg, 0, sizeof(rg));
	memset(&rec, 0, sizeof(rec));
	locs[0] = loc("10.0.1.2", 1, 100, true, false, true);
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid = la("192.168.1.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 1;
	rec.locs = locs;
	rg.type = LISP_MAP_REGISTER;
	rg.want_map_notify = true;
	rg.nonce = 0x0102030405060708ULL;
	rg.key_id = 0;
	rg.alg_id = LISP_AUTH_HMAC_SHA1;
	rg.record_count = 1;
	rg.records = &rec;
	n = lisp_map_register_encode(&rg, "oracle-key", 10, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n);

	rg.alg_id = LISP_AUTH_HMAC_SHA256;
	rg.key_id = 3;
	rg.proxy_reply = true;
	rg.xtr_id_present = true;
	memset(rg.xtr_id, 0xab, sizeof(rg.xtr_id));
	rg.site_id = 0x1122334455667788ULL;
	n = lisp_map_register_encode(&rg, "oracle-key", 10, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n);

	rg.type = LISP_MAP_NOTIFY;
	rg.key_id = 0;
	rg.alg_id = LISP_AUTH_HMAC_SHA1;
	rg.proxy_reply = rg.xtr_id_present = rg.want_map_notify = false;
	n = lisp_map_register_encode(&rg, "oracle-key", 10, b, sizeof(b));
	write_udp(pc, "10.0.3.1", 4342, "10.0.1.2", 4342, b, n);

	rg.type = LISP_MAP_NOTIFY_ACK;
	n = lisp_map_register_encode(&rg, "oracle-key", 10, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n);

	memset(&rq, 0, sizeof(rq));
	rq.nonce = 0x0badc0ffee15600dULL;
	rq.source_eid = la("192.168.1.1");
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0] = la("10.0.1.2");
	eid.eid = la("192.168.2.1");
	eid.mask_len = 32;
	rq.record_count = 1;
	rq.records = &eid;
	n = lisp_map_request_encode(&rq, c, sizeof(c));
	CU_ASSERT_FATAL(n > 0);
	memset(&e, 0, sizeof(e));
	e.inner_src = la("192.168.1.1").addr;
	e.inner_dst = la("192.168.2.1").addr;
	e.inner_ttl = 64;
	e.inner_sport = 61236;
	e.inner_dport = LISP_CONTROL_PORT;
	e.payload = c;
	e.payload_len = (size_t)n;
	n = lisp_ecm_encode(&e, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n);

	memset(&h, 0, sizeof(h));
	h.n = h.l = true;
	h.nonce = 0x123456;
	h.lsb = 0x00000003;
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	CU_ASSERT_FATAL(n == LISP_DATA_HDR_LEN);
	n += pktgen_icmp_echo("192.168.1.1", "192.168.2.1", 1, 1, 0, b + n, sizeof(b) - 8);
	write_udp(pc, "10.0.1.2", 61000, "10.0.2.2", LISP_DATA_PORT, b, n);

	memset(&h, 0, sizeof(h));
	h.i = h.l = true;
	h.iid = 1000;
	h.lsb = 0x01;
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	n += pktgen_icmp_echo("192.168.1.1", "192.168.2.1", 1, 2, 0, b + n, sizeof(b) - 8);
	write_udp(pc, "10.0.1.2", 61001, "10.0.2.2", LISP_DATA_PORT, b, n);

	memset(&h, 0, sizeof(h));
	h.v = true;
	h.src_map_version = 1;
	h.dst_map_version = 2;
	n = lisp_data_hdr_encode(&h, b, sizeof(b));
	n += pktgen_icmp_echo("192.168.1.1", "192.168.2.1", 1, 3, 0, b + n, sizeof(b) - 8);
	write_udp(pc, "10.0.1.2", 61002, "10.0.2.2", LISP_DATA_PORT, b, n);

	memset(&rg, 0, sizeof(rg));
	memset(&rec, 0, sizeof(rec));
	locs[0] = loc("10.0.1.2", 1, 100, true, false, true);
	rec.ttl = 1440;
	rec.authoritative = true;
	rec.eid.eid = la_iid("10.1.0.0", 1000);
	rec.eid.mask_len = 16;
	rec.loc_count = 1;
	rec.locs = locs;
	rg.type = LISP_MAP_REGISTER;
	rg.want_map_notify = true;
	rg.alg_id = LISP_AUTH_HMAC_SHA1;
	rg.record_count = 1;
	rg.records = &rec;
	n = lisp_map_register_encode(&rg, "oracle-key", 10, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 4342, "10.0.3.1", 4342, b, n);

	memset(&rq, 0, sizeof(rq));
	rq.nonce = 99;
	rq.source_eid = la_iid("10.1.1.1", 1000);
	rq.itr_rloc_count = 1;
	rq.itr_rlocs[0] = la("10.0.1.2");
	eid.eid = la_iid("10.2.0.1", 1000);
	eid.mask_len = 32;
	rq.record_count = 1;
	rq.records = &eid;
	n = lisp_map_request_encode(&rq, b, sizeof(b));
	write_udp(pc, "10.0.1.2", 61237, "10.0.3.1", 4342, b, n);

	build_referrals(pc);

	CU_ASSERT_FATAL(pktgen_pcap_close(pc) == 0);
	CU_ASSERT_FATAL(nwritten == F_LAST);
}

static const char *tshark_path(void)
{
	const char *t = getenv("TSHARK");

	return t && *t ? t : "tshark";
}

/* Split one tshark line into frames[]; fields are tab-separated. */
static void parse_line(char *line)
{
	struct frame_fields *f;
	char *p = line, *tab;
	unsigned i;

	if (nframes == MAX_FRAMES)
		return;
	f = &frames[nframes++];
	for (i = 0; i < NFIELDS; i++) {
		tab = strchr(p, '\t');
		if (tab)
			*tab = '\0';
		f->v[i] = strdup(p);
		p = tab ? tab + 1 : p + strlen(p);
	}
}

static int run_tshark(void)
{
	char *cmd = NULL, *line = NULL, *q;
	size_t cap = 0, len = 0, i;
	FILE *m = open_memstream(&cmd, &len), *p;
	ssize_t n;
	int st;

	fprintf(m, "'%s' -n -r '%s' -T fields -E header=n -E separator=/t -E occurrence=a "
		"-E aggregator=, -E quote=n", tshark_path(), capture);
	for (i = 0; i < NFIELDS; i++)
		fprintf(m, " -e %s", fields[i]);
	fprintf(m, " 2>%s/tshark.err", tmpdir);
	fclose(m);
	p = popen(cmd, "r");
	free(cmd);
	if (!p) {
		snprintf(tshark_error, sizeof(tshark_error), "cannot run %s", tshark_path());
		return -1;
	}
	while ((n = getline(&line, &cap, p)) > 0) {
		if ((q = strchr(line, '\n')) != NULL)
			*q = '\0';
		parse_line(line);
	}
	free(line);
	st = pclose(p);
	if (st != 0) {
		char errfile[160], first[200] = "";
		FILE *e;

		snprintf(errfile, sizeof(errfile), "%s/tshark.err", tmpdir);
		if ((e = fopen(errfile, "r")) != NULL) {
			if (fgets(first, sizeof(first), e) && (q = strchr(first, '\n')))
				*q = '\0';
			fclose(e);
		}
		snprintf(tshark_error, sizeof(tshark_error),
			 "%s failed (exit %d: %s); install the Debian package tshark or "
			 "set TSHARK", tshark_path(), WIFEXITED(st) ? WEXITSTATUS(st) : -1, first);
		return -1;
	}
	return 0;
}

static const char *field(unsigned frame, const char *name)
{
	unsigned i;

	if (frame < 1 || frame > nframes)
		return NULL;
	for (i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i], name) == 0)
			return frames[frame - 1].v[i];
	fprintf(stderr, "oracle: field %s not requested\n", name);
	abort();
}

static int dump_requested(void)
{
	const char *d = getenv("ORACLE_DUMP");

	return d && *d;
}

static void dump(void)
{
	unsigned f, i;

	for (f = 1; f <= nframes; f++) {
		printf("frame %u:\n", f);
		for (i = 0; i < NFIELDS; i++)
			if (frames[f - 1].v[i][0])
				printf("  %s = %s\n", fields[i], frames[f - 1].v[i]);
	}
}

static int suite_init(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lispr-oracle-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(capture, sizeof(capture), "%s/oracle.pcap", tmpdir);
	return 0;
}

static int suite_clean(void)
{
	char cmd[128];
	unsigned f, i;

	for (f = 0; f < nframes; f++)
		for (i = 0; i < NFIELDS; i++)
			free(frames[f].v[i]);
	if (getenv("ORACLE_KEEP"))
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* tshark's value of a field of a frame ("" if absent) equals want. */
static void expect(unsigned frame, const char *name, const char *want)
{
	const char *got = field(frame, name);
	int ok = got && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "\n  frame %u %s: tshark says '%s', expected '%s'", frame, name,
			got ? got : "(no frame)", want);
	CU_ASSERT(ok);
}

static void expect_uint(unsigned frame, const char *name, unsigned long v)
{
	char b[32];

	snprintf(b, sizeof(b), "%lu", v);
	expect(frame, name, b);
}

static void expect_nonce(unsigned frame, uint64_t nonce)
{
	char b[32];

	snprintf(b, sizeof(b), "0x%016llx", (unsigned long long)nonce);
	expect(frame, "lisp.nonce", b);
}

/* The HMAC of a message with its auth field zeroed, computed here with HMAC(). */
static void expect_mac(unsigned frame, const char *key, const EVP_MD *md, size_t maclen)
{
	uint8_t copy[2048], mac[EVP_MAX_MD_SIZE];
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	unsigned int len = 0;

	CU_ASSERT_FATAL(msgs[frame].len >= 16 + maclen);
	memcpy(copy, msgs[frame].b, msgs[frame].len);
	memset(copy + 16, 0, maclen);
	CU_ASSERT_FATAL(HMAC(md, key, (int)strlen(key), copy, msgs[frame].len, mac, &len) != NULL);
	CU_ASSERT_EQUAL_FATAL(len, maclen);
	pktgen_hex(mac, len, hex);
	expect(frame, "lisp.auth", hex);
	expect_uint(frame, "lisp.authlen", maclen);
}

static void test_capture(void)
{
	build_capture();
	if (run_tshark() != 0)
		fprintf(stderr, "\noracle: %s\n", tshark_error);
	CU_ASSERT_FATAL(tshark_error[0] == '\0');
	if (dump_requested())
		dump();
	/* tshark printed every frame we wrote, in order */
	CU_ASSERT_EQUAL_FATAL(nframes, nwritten);
	for (unsigned f = 1; f <= nframes; f++)
		expect_uint(f, "frame.number", f);
}

static void test_map_request(void)
{
	expect(F_MREQ_V4, "lisp.type", "1");
	expect_nonce(F_MREQ_V4, 0x1a2b3c4d5e6f7081ULL);
	expect(F_MREQ_V4, "lisp.mreq.flags.auth", "1");
	expect(F_MREQ_V4, "lisp.mreq.flags.smr", "1");
	expect(F_MREQ_V4, "lisp.mreq.flags.mrp", "0");
	expect(F_MREQ_V4, "lisp.mreq.flags.probe", "0");
	expect(F_MREQ_V4, "lisp.mreq.flags.pitr", "0");
	expect(F_MREQ_V4, "lisp.mreq.flags.smri", "0");
	expect(F_MREQ_V4, "lisp.irc", "0");
	expect(F_MREQ_V4, "lisp.records", "1");
	expect(F_MREQ_V4, "lisp.mreq.srceid.afi", "1");
	expect(F_MREQ_V4, "lisp.mreq.srceid.ipv4", "192.168.1.1");
	expect(F_MREQ_V4, "lisp.mreq.itr_rloc.afi", "1");
	expect(F_MREQ_V4, "lisp.mreq.itr_rloc_ipv4", "10.0.1.2");
	expect(F_MREQ_V4, "lisp.mreq.record.prefix.afi", "1");
	expect(F_MREQ_V4, "lisp.mreq.record.prefix.ipv4", "4.2.2.2");
	expect(F_MREQ_V4, "lisp.mreq.record.prefix.length", "32");

	expect(F_MREQ_V6, "lisp.type", "1");
	expect_nonce(F_MREQ_V6, 0xfedcba9876543210ULL);
	expect(F_MREQ_V6, "lisp.mreq.flags.auth", "0");
	expect(F_MREQ_V6, "lisp.mreq.flags.mrp", "1");
	expect(F_MREQ_V6, "lisp.mreq.flags.probe", "1");
	expect(F_MREQ_V6, "lisp.mreq.flags.smr", "0");
	expect(F_MREQ_V6, "lisp.mreq.flags.pitr", "1");
	expect(F_MREQ_V6, "lisp.mreq.flags.smri", "1");
	expect(F_MREQ_V6, "lisp.irc", "1");		/* two ITR-RLOCs */
	expect(F_MREQ_V6, "lisp.mreq.srceid.afi", "2");
	expect(F_MREQ_V6, "lisp.mreq.srceid_ipv6", "2001:db8:1::1");
	expect(F_MREQ_V6, "lisp.mreq.itr_rloc.afi", "2,1");
	expect(F_MREQ_V6, "lisp.mreq.itr_rloc_ipv6", "2001:db8::2");
	expect(F_MREQ_V6, "lisp.mreq.itr_rloc_ipv4", "10.0.1.2");
	expect(F_MREQ_V6, "lisp.mreq.record.prefix.afi", "2");
	expect(F_MREQ_V6, "lisp.mreq.record.prefix.ipv6", "2001:db8:2::");
	expect(F_MREQ_V6, "lisp.mreq.record.prefix.length", "48");
	/* the map-data record (M) */
	expect(F_MREQ_V6, "lisp.mapping.eid.ipv4", "192.168.1.0");
	expect(F_MREQ_V6, "lisp.mapping.eid.masklen", "24");
	expect(F_MREQ_V6, "lisp.mapping.ttl", "1440");
	expect(F_MREQ_V6, "lisp.mapping.auth", "1");
	expect(F_MREQ_V6, "lisp.mapping.loccnt", "1");
	expect(F_MREQ_V6, "lisp.loc.locator", "10.0.1.2");
	expect(F_MREQ_V6, "lisp.loc.priority", "1");
	expect(F_MREQ_V6, "lisp.loc.weight", "100");
	expect(F_MREQ_V6, "lisp.loc.flags.local", "1");
	expect(F_MREQ_V6, "lisp.loc.flags.reach", "1");

	/* Instance-ID LCAF for the source EID and the requested EID */
	expect(F_MREQ_IID, "lisp.type", "1");
	expect_nonce(F_MREQ_IID, 99);
	expect(F_MREQ_IID, "lisp.mreq.srceid.afi", "16387");
	expect(F_MREQ_IID, "lisp.mreq.record.prefix.afi", "16387");
	expect(F_MREQ_IID, "lisp.mreq.record.prefix.length", "32");
	expect(F_MREQ_IID, "lisp.lcaf.type", "2,2");
	expect(F_MREQ_IID, "lisp.lcaf.iid", "1000,1000");
	expect(F_MREQ_IID, "lisp.lcaf.iid.afi", "1,1");
	expect(F_MREQ_IID, "lisp.lcaf.iid.ipv4", "10.1.1.1,10.2.0.1");
}

static void test_map_reply(void)
{
	unsigned act, f;

	expect(F_MREP_POS, "lisp.type", "2");
	expect_nonce(F_MREP_POS, 0xfedcba9876543210ULL);
	expect(F_MREP_POS, "lisp.mrep.flags.probe", "1");
	expect(F_MREP_POS, "lisp.mrep.flags.enlr", "1");
	expect(F_MREP_POS, "lisp.mrep.flags.sec", "0");
	expect(F_MREP_POS, "lisp.records", "1");
	expect(F_MREP_POS, "lisp.mapping.eid.afi", "1");
	expect(F_MREP_POS, "lisp.mapping.eid.ipv4", "192.168.2.0");
	expect(F_MREP_POS, "lisp.mapping.eid.masklen", "24");
	expect(F_MREP_POS, "lisp.mapping.ttl", "1440");
	expect(F_MREP_POS, "lisp.mapping.act", "0");
	expect(F_MREP_POS, "lisp.mapping.auth", "1");
	expect(F_MREP_POS, "lisp.mapping.ver", "3");
	expect(F_MREP_POS, "lisp.mapping.loccnt", "2");
	expect(F_MREP_POS, "lisp.loc.afi", "1,2");
	expect(F_MREP_POS, "lisp.loc.locator", "10.0.2.2,2001:db8::22");
	expect(F_MREP_POS, "lisp.loc.priority", "1,2");
	expect(F_MREP_POS, "lisp.loc.weight", "70,30");
	expect(F_MREP_POS, "lisp.loc.multicast_priority", "255,255");
	expect(F_MREP_POS, "lisp.loc.multicast_weight", "0,0");
	expect(F_MREP_POS, "lisp.loc.flags.local", "1,0");
	expect(F_MREP_POS, "lisp.loc.flags.probe", "1,0");
	expect(F_MREP_POS, "lisp.loc.flags.reach", "1,1");

	for (act = 0; act <= LISP_ACT_DROP_AUTH; act++) {
		f = F_MREP_NEG0 + act;
		expect(f, "lisp.type", "2");
		expect_nonce(f, 0x1a2b3c4d5e6f7081ULL + act);
		expect_uint(f, "lisp.mapping.act", act);
		expect_uint(f, "lisp.mapping.ttl", act == LISP_ACT_NATIVE_FWD ? 15 : act);
		expect(f, "lisp.mapping.loccnt", "0");
		expect(f, "lisp.mapping.auth", "0");
		expect(f, "lisp.mapping.eid.ipv4", "0.0.0.0");
		expect(f, "lisp.mapping.eid.masklen", "1");
		expect(f, "lisp.loc.locator", "");
	}
}

static void test_map_register(void)
{
	expect(F_MREG_SHA1, "lisp.type", "3");
	expect_nonce(F_MREG_SHA1, 0x0102030405060708ULL);
	expect(F_MREG_SHA1, "lisp.mreg.flags.wmn", "1");
	expect(F_MREG_SHA1, "lisp.mreg.flags.pmr", "0");
	expect(F_MREG_SHA1, "lisp.mreg.flags.xtrid", "0");
	expect(F_MREG_SHA1, "lisp.mreg.flags.sec", "0");
	expect(F_MREG_SHA1, "lisp.mreg.flags.rtr", "0");
	/* Wireshark 4.0 reads the RFC 6833 16-bit Key ID: key-id 0, algorithm 1 */
	expect(F_MREG_SHA1, "lisp.keyid", "0x0001");
	expect_mac(F_MREG_SHA1, "oracle-key", EVP_sha1(), 20);
	expect(F_MREG_SHA1, "lisp.mapping.eid.ipv4", "192.168.1.0");
	expect(F_MREG_SHA1, "lisp.mapping.eid.masklen", "24");
	expect(F_MREG_SHA1, "lisp.mapping.ttl", "1440");
	expect(F_MREG_SHA1, "lisp.mapping.auth", "1");
	expect(F_MREG_SHA1, "lisp.loc.locator", "10.0.1.2");
	expect(F_MREG_SHA1, "lisp.loc.priority", "1");
	expect(F_MREG_SHA1, "lisp.loc.weight", "100");
	expect(F_MREG_SHA1, "lisp.loc.flags.local", "1");
	expect(F_MREG_SHA1, "lisp.loc.flags.reach", "1");
	expect(F_MREG_SHA1, "lisp.xtrid", "");

	expect(F_MREG_SHA256_XTR, "lisp.type", "3");
	expect(F_MREG_SHA256_XTR, "lisp.mreg.flags.pmr", "1");
	expect(F_MREG_SHA256_XTR, "lisp.mreg.flags.xtrid", "1");
	expect(F_MREG_SHA256_XTR, "lisp.mreg.flags.wmn", "1");
	expect(F_MREG_SHA256_XTR, "lisp.keyid", "0x0302");	/* key-id 3, algorithm 2 */
	expect_mac(F_MREG_SHA256_XTR, "oracle-key", EVP_sha256(), 32);
	expect(F_MREG_SHA256_XTR, "lisp.xtrid", "abababababababababababababababab");
	expect(F_MREG_SHA256_XTR, "lisp.siteid", "1122334455667788");
	expect(F_MREG_SHA256_XTR, "lisp.loc.locator", "10.0.1.2");

	expect(F_MNOT, "lisp.type", "4");
	expect_nonce(F_MNOT, 0x0102030405060708ULL);
	expect(F_MNOT, "lisp.keyid", "0x0001");
	expect_mac(F_MNOT, "oracle-key", EVP_sha1(), 20);
	expect(F_MNOT, "lisp.mapping.eid.ipv4", "192.168.1.0");
	expect(F_MNOT, "lisp.loc.locator", "10.0.1.2");

	/* Instance-ID LCAF EID-prefix [1000] 10.1.0.0/16 */
	expect(F_MREG_IID, "lisp.type", "3");
	expect(F_MREG_IID, "lisp.mapping.eid.afi", "16387");
	expect(F_MREG_IID, "lisp.mapping.eid.masklen", "16");
	expect(F_MREG_IID, "lisp.lcaf.type", "2");
	expect(F_MREG_IID, "lisp.lcaf.iid", "1000");
	expect(F_MREG_IID, "lisp.lcaf.iid.afi", "1");
	expect(F_MREG_IID, "lisp.lcaf.iid.ipv4", "10.1.0.0");
	expect_mac(F_MREG_IID, "oracle-key", EVP_sha1(), 20);
}

/* Map-Notify-Ack: this Wireshark shows the type and the rest as raw data. */
static void test_map_notify_ack(void)
{
	char hex[4097];

	expect(F_MNOT_ACK, "lisp.type", "5");
	CU_ASSERT_FATAL(msgs[F_MNOT_ACK].len * 2 < sizeof(hex));
	pktgen_hex(msgs[F_MNOT_ACK].b, msgs[F_MNOT_ACK].len, hex);
	expect(F_MNOT_ACK, "data", hex);
}

static void test_ecm(void)
{
	expect(F_ECM, "lisp.type", "8,1");
	expect(F_ECM, "lisp.ecm.flags.sec", "0");
	expect(F_ECM, "lisp.ecm.flags.ddt", "0");
	expect(F_ECM, "ip.src", "10.0.1.2,192.168.1.1");	/* outer, inner */
	expect_nonce(F_ECM, 0x0badc0ffee15600dULL);
	expect(F_ECM, "lisp.mreq.srceid.ipv4", "192.168.1.1");
	expect(F_ECM, "lisp.mreq.itr_rloc_ipv4", "10.0.1.2");
	expect(F_ECM, "lisp.mreq.record.prefix.ipv4", "192.168.2.1");
	expect(F_ECM, "lisp.mreq.record.prefix.length", "32");
}

static void test_data(void)
{
	expect(F_DATA_NL, "lisp-data.flags.nonce", "1");
	expect(F_DATA_NL, "lisp-data.flags.lsb", "1");
	expect(F_DATA_NL, "lisp-data.flags.iid", "0");
	expect(F_DATA_NL, "lisp-data.flags.mv", "0");
	expect(F_DATA_NL, "lisp-data.flags.enr", "0");
	expect_uint(F_DATA_NL, "lisp-data.nonce", 0x123456);
	expect(F_DATA_NL, "lisp-data.lsb", "0x00000003");
	expect(F_DATA_NL, "ip.src", "10.0.1.2,192.168.1.1");

	expect(F_DATA_I, "lisp-data.flags.nonce", "0");
	expect(F_DATA_I, "lisp-data.flags.lsb", "1");
	expect(F_DATA_I, "lisp-data.flags.iid", "1");
	expect(F_DATA_I, "lisp-data.iid", "1000");
	expect(F_DATA_I, "lisp-data.lsb8", "0x01");
	expect(F_DATA_I, "ip.src", "10.0.1.2,192.168.1.1");

	expect(F_DATA_V, "lisp-data.flags.mv", "1");
	expect(F_DATA_V, "lisp-data.flags.nonce", "0");
	expect(F_DATA_V, "lisp-data.srcmapver", "1");
	expect(F_DATA_V, "lisp-data.dstmapver", "2");
}

static void test_map_referral(void)
{
	unsigned act, f;

	for (act = 0; act <= LISP_REF_NOT_AUTHORITATIVE; act++) {
		f = F_MREF0 + act;
		expect(f, "lisp.type", "6");
		expect_nonce(f, 0x6600000000000000ULL + act);
		expect(f, "lisp.records", "1");
		expect_uint(f, "lisp.mapping.act", act);
		expect(f, "lisp.mapping.eid.afi", "1");
		expect(f, "lisp.mapping.eid.ipv4", "10.64.0.0");
		expect(f, "lisp.mapping.eid.masklen", "10");
		expect(f, "lisp.mapping.auth", act == LISP_REF_NOT_AUTHORITATIVE ? "0" : "1");
		expect(f, "lisp.referral.incomplete",
		       act == LISP_REF_NOT_AUTHORITATIVE ? "1" : "0");
		expect(f, "lisp.referral.sigcnt", "0");
		if (act <= LISP_REF_MS_REFERRAL) {
			expect_uint(f, "lisp.mapping.ttl", 1440);
			expect(f, "lisp.mapping.loccnt", "2");
			expect(f, "lisp.loc.locator", "10.0.9.1,2001:db8::91");
			expect(f, "lisp.loc.afi", "1,2");
			expect(f, "lisp.loc.priority", "0,1");
			expect(f, "lisp.loc.flags.reach", "1,1");
		} else {
			expect(f, "lisp.mapping.loccnt", "0");
			expect(f, "lisp.loc.locator", "");
		}
	}
	expect_uint(F_MREF0 + LISP_REF_MS_NOT_REGISTERED, "lisp.mapping.ttl", 1);
	expect_uint(F_MREF0 + LISP_REF_DELEGATION_HOLE, "lisp.mapping.ttl", 15);
	expect_uint(F_MREF0 + LISP_REF_NOT_AUTHORITATIVE, "lisp.mapping.ttl", 0);
}

/* Nothing malformed, nothing left over after the message, in any frame. */
static void test_clean(void)
{
	unsigned f;

	for (f = 1; f <= nframes; f++) {
		expect(f, "_ws.malformed", "");
		if (f != F_MNOT_ACK)
			expect(f, "data", "");
	}
}

static CU_TestInfo tests[] = {
	{ "write capture, run tshark", test_capture },
	{ "Map-Request", test_map_request },
	{ "Map-Reply", test_map_reply },
	{ "Map-Register and Map-Notify", test_map_register },
	{ "Map-Notify-Ack", test_map_notify_ack },
	{ "ECM", test_ecm },
	{ "data header", test_data },
	{ "Map-Referral", test_map_referral },
	{ "no malformed frame, no trailing data", test_clean },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "oracle", suite_init, suite_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

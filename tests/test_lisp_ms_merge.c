/*
 * DOC: several ETRs per site prefix, merged by xTR-ID (issue 13)
 *
 * The in-process lab's mapserver with site S (KEY_S): 192.168.1.0/24
 * (proxy-reply asked by the ETRs) and 10.0.0.0/8 accept-more-specifics in
 * instances 0 and 5.  Map-Registers are built with our own codec and
 * injected into mapserver as if from lisp1 (10.0.1.2, Ethernet0) or lisp2
 * (10.0.2.2, Ethernet1), with the I bit and an xTR-ID/Site-ID or without:
 *  - two ETRs with different xTR-IDs register the same prefix: it
 *    publishes the merge of their locators (one per RLOC address), the
 *    proxy Map-Reply carries both sets (tshark reads the reply frame),
 *    the registering ETR's Map-Notify carries the merged set and the
 *    other ETR gets an unsolicited one (fresh nonce, the site's key);
 *    an unchanged refresh sends no such round; the unsolicited one comes
 *    from the address the ETR registered to and is sent again every 3 s
 *    until a verified Map-Notify-Ack with its nonce, 3 times in all;
 *  - one ETR's registration expires: only its locators go (the other ETR
 *    is told), and the prefix goes unregistered with the last one;
 *  - without the I bit an ETR is its source address and the latest
 *    registration is published, as before;
 *  - nonce order (anti-replay) per ETR; at most LISP_SITE_ETRS_MAX ETRs
 *    per prefix, the merged set capped at 8 locators, both counted;
 *  - 'limit more-specifics' holds per site and instance;
 *  - random churn of 12 ETRs on three prefixes keeps the registry's
 *    invariants (for the sanitizers);
 *  - 'show lisp site detail' (Merge active, each ETR with its xTR-ID and
 *    site-ID and locators) and its JSON.
 * tshark comes from $TSHARK or PATH.
 */
#include "config.h"

#include <pcap/pcap.h>
#include <unistd.h>

#include "test_lisp_lab.h"
#include "test_lab_shell.h"
#include "test_tshark.h"
#include "lisp_int.h"
#include "shell.h"
#include "cunit_main.h"

#define KEY_S		"siteS-key"
#define REPLY_PORT	50123

static struct lab L;

/* Frames for tshark: the merged Map-Replies. */
#define TS_MAX		8
static uint8_t ts_f[TS_MAX][1600];
static size_t ts_len[TS_MAX];
static unsigned ts_n;

/* An ETR as the tests drive it: where its frames come from, its xTR-ID. */
struct etr {
	int r;				/* LISP1 or LISP2 */
	int ifi;			/* mapserver's interface towards it */
	int link;
	const char *addr;
	bool has_id;
	uint8_t id;			/* xTR-ID: 16 times this byte */
};

static const struct etr E1 = { LISP1, 0, LINK1, "10.0.1.2", true, 0x11 };
static const struct etr E2 = { LISP2, 1, LINK2, "10.0.2.2", true, 0x22 };
static const struct etr N1 = { LISP1, 0, LINK1, "10.0.1.2", false, 0 };
static const struct etr N2 = { LISP2, 1, LINK2, "10.0.2.2", false, 0 };

static struct prefix PI(uint32_t iid, const char *s)
{
	struct prefix p = P4(s);

	p.addr.iid = iid;
	return p;
}

static void setup(void)
{
	struct prefix p;
	char err[160];

	lab_setup(&L, false);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_MS | LISP_ROLE_MR, true, err,
				      sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "S", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], "S", KEY_S, err, sizeof(err)), 0);
	p = PI(0, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "S", &p, false, err, sizeof(err)), 0);
	p = PI(0, "10.0.0.0/8");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "S", &p, true, err, sizeof(err)), 0);
	p = PI(5, "10.0.0.0/8");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "S", &p, true, err, sizeof(err)), 0);
	lab_clear_capture(&L);
}

static struct lisp_site_eid_info site_eid(uint32_t iid, const char *a)
{
	struct lisp_site_eid_info e;
	struct addr x = A4(a);

	x.iid = iid;
	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	return e;
}

static int site_info_fn(const struct lisp_site_info *s, void *arg)
{
	*(struct lisp_site_info *)arg = *s;
	return 1;
}

static struct lisp_site_info site_info(void)
{
	struct lisp_site_info out;

	memset(&out, 0, sizeof(out));
	lisp_site_foreach(L.l[MSR], site_info_fn, &out);
	return out;
}

/* Has the published set exactly these locators (in this order)? */
static bool locs_are(const struct lisp_site_eid_info *e, const char *const *want)
{
	unsigned n = 0;

	for (; want[n]; n++)
		if (n >= e->n_locs || e->locs[n].addr.u.v4 != ip4(want[n]))
			return false;
	return n == e->n_locs;
}

/* A UDP/IPv4 frame from an ETR into mapserver's interface towards it. */
static void inject(const struct etr *x, uint16_t sport, const uint8_t *payload, size_t len)
{
	uint8_t f[2048], *ip = f + 14, *udp = ip + 20;
	size_t n;

	CU_ASSERT_FATAL(len + 42 <= sizeof(f));
	mk_eth(f, iface_mac(L.eth[MSR][x->ifi]), iface_mac(L.eth[x->r][0]), 0x0800);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = LISP_CONTROL_PORT >> 8;
	udp[3] = LISP_CONTROL_PORT & 0xff;
	udp[4] = (uint8_t)((len + 8) >> 8);
	udp[5] = (uint8_t)(len + 8);
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, payload, len);
	n = mk_ip(ip, ip4(x->addr), x->ifi ? ip4("10.0.2.1") : ip4("10.0.1.1"), 17, 64, 0,
		  len + 8, 0);
	t_push(iface_port(L.eth[MSR][x->ifi]), f, 14 + n);
	router_poll(L.r[MSR]);
	lab_pump(&L);
}

/* A Map-Register from x of one record (p in iid, locators locs,
 * NULL-terminated, priority 1 weight 50), M and P set, signed with KEY_S. */
static void reg(const struct etr *x, uint32_t iid, const char *p, uint8_t len,
		const char *const *locs, uint32_t ttl, uint64_t nonce)
{
	struct lisp_map_register m;
	struct lisp_record r;
	struct lisp_locator loc[16];
	uint8_t b[1024];
	ssize_t n;
	unsigned k;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(loc, 0, sizeof(loc));
	for (k = 0; locs[k] && k < 16; k++) {
		loc[k].priority = 1;
		loc[k].weight = 50;
		loc[k].mpriority = 255;
		loc[k].local = true;
		loc[k].reachable = true;
		loc[k].rloc.addr = A4(locs[k]);
	}
	r.ttl = ttl;
	r.authoritative = true;
	r.eid.eid.addr = A4(p);
	r.eid.eid.addr.iid = iid;
	r.eid.eid.has_iid = iid != 0;
	r.eid.mask_len = len;
	r.loc_count = (uint8_t)k;
	r.locs = loc;
	m.type = LISP_MAP_REGISTER;
	m.want_map_notify = true;
	m.proxy_reply = true;
	m.nonce = nonce;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.record_count = 1;
	m.records = &r;
	if (x->has_id) {
		m.xtr_id_present = true;
		memset(m.xtr_id, x->id, sizeof(m.xtr_id));
		m.site_id = 7;
	}
	n = lisp_map_register_encode(&m, KEY_S, strlen(KEY_S), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(x, LISP_CONTROL_PORT, b, (size_t)n);
}

static void reg1(const struct etr *x, const char *const *locs, uint64_t nonce)
{
	reg(x, 0, "192.168.1.0", 24, locs, 1440, nonce);
}

/* The Map-Notifies mapserver sent to x since the last clear: how many,
 * and the last one decoded into *nt (verified with KEY_S). */
static unsigned notifies(const struct etr *x, struct lisp_map_register *nt)
{
	const struct lab_link *k = &L.link[x->link];
	const uint8_t *m, *last = NULL;
	size_t n, ln = 0;
	unsigned c = 0;
	uint32_t dst;

	for (size_t i = 0; i < k->n; i++)
		if (k->cap[i].from == MSR && (m = lab_udp(&k->cap[i], LISP_CONTROL_PORT, &n)) &&
		    lisp_msg_type(m, n) == LISP_MAP_NOTIFY &&
		    (memcpy(&dst, k->cap[i].d + 14 + 16, 4), dst == ip4(x->addr))) {
			c++;
			last = m;
			ln = n;
		}
	if (nt) {
		memset(nt, 0, sizeof(*nt));
		if (last) {
			CU_ASSERT_EQUAL(lisp_auth_verify(last, ln, KEY_S, strlen(KEY_S)), LISP_OK);
			CU_ASSERT_EQUAL(lisp_map_register_decode(last, ln, nt), LISP_OK);
		}
	}
	return c;
}

/* Does the notify's (only) record carry exactly these locators? */
static bool notify_locs(const struct lisp_map_register *nt, const char *const *want)
{
	unsigned n = 0;

	if (nt->record_count != 1)
		return false;
	for (; want[n]; n++)
		if (n >= nt->records[0].loc_count ||
		    nt->records[0].locs[n].rloc.addr.u.v4 != ip4(want[n]))
			return false;
	return n == nt->records[0].loc_count;
}

/* lisp1's Map-Request for eid inside an ECM to mapserver; the Map-Reply
 * (decoded into *rep, its frame kept for tshark) or false. */
static bool request(const char *eid, uint64_t nonce, struct lisp_map_reply *rep)
{
	struct lab_req q = { .eid = eid, .src_eid = "192.168.2.1", .sport = REPLY_PORT,
			     .nonce = nonce };
	uint8_t b[600];
	size_t n = lab_ecm_request(&q, b, sizeof(b)), fl = 0;
	bool ok;

	lab_clear_capture(&L);
	inject(&E1, REPLY_PORT, b, n);
	ok = lab_map_reply(&L, LINK1, REPLY_PORT, rep, ts_n < TS_MAX ? ts_f[ts_n] : NULL,
			   sizeof(ts_f[0]), &fl);
	if (fl)
		ts_len[ts_n++] = fl;
	return ok;
}

/* ------------------------------------------------------------ merge */

static const char *const L1[] = { "10.0.1.2", NULL };
static const char *const L2[] = { "10.0.2.2", "10.0.1.2", NULL };	/* one shared */
static const char *const L2b[] = { "10.0.2.2", "10.0.2.3", NULL };
static const char *const M12[] = { "10.0.1.2", "10.0.2.2", NULL };
static const char *const M12b[] = { "10.0.1.2", "10.0.2.2", "10.0.2.3", NULL };

static void test_merge(void)
{
	const struct lisp_stats *st;
	struct lisp_map_register nt;
	struct lisp_site_eid_info e;
	struct lisp_map_reply rep;

	setup();
	st = lisp_stats(L.l[MSR]);
	/* ETR 1 alone: its locators, no merge; its own Map-Notify echoes. */
	reg1(&E1, L1, 0x100);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_FALSE(e.merged);
	CU_ASSERT_EQUAL(e.n_etrs, 1);
	CU_ASSERT_TRUE(locs_are(&e, L1));
	CU_ASSERT_TRUE(e.etrs[0].has_xtr_id);
	CU_ASSERT_EQUAL(e.etrs[0].xtr_id[15], 0x11);
	CU_ASSERT_EQUAL(e.etrs[0].site_id, 7);
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);
	CU_ASSERT_EQUAL(nt.nonce, 0x100);
	CU_ASSERT_TRUE(notify_locs(&nt, L1));
	lisp_map_register_free(&nt);

	/* ETR 2 joins (10.0.1.2 twice: once in the merge).  It learns the
	 * merged set in its Map-Notify; ETR 1 in an unsolicited one. */
	lab_clear_capture(&L);
	reg1(&E2, L2, 0x200);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(e.merged);
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	CU_ASSERT_TRUE(locs_are(&e, M12));
	CU_ASSERT_EQUAL(notifies(&E2, &nt), 1);
	CU_ASSERT_EQUAL(nt.nonce, 0x200);
	CU_ASSERT_TRUE(notify_locs(&nt, M12));
	lisp_map_register_free(&nt);
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);
	CU_ASSERT_NOT_EQUAL(nt.nonce, 0x100);
	CU_ASSERT_NOT_EQUAL(nt.nonce, 0x200);
	CU_ASSERT_TRUE(notify_locs(&nt, M12));
	CU_ASSERT_EQUAL(nt.records[0].eid.mask_len, 24);
	CU_ASSERT_EQUAL(nt.records[0].eid.eid.addr.u.v4, ip4("192.168.1.0"));
	lisp_map_register_free(&nt);

	/* An unchanged refresh: no round to the other ETR. */
	lab_clear_capture(&L);
	reg1(&E1, L1, 0x101);
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);		/* its own, merged */
	CU_ASSERT_TRUE(notify_locs(&nt, M12));
	lisp_map_register_free(&nt);
	CU_ASSERT_EQUAL(notifies(&E2, NULL), 0);

	/* The proxy Map-Reply carries the merged set. */
	CU_ASSERT_TRUE_FATAL(request("192.168.1.5", 0x77, &rep));
	CU_ASSERT_EQUAL(rep.nonce, 0x77);
	CU_ASSERT_EQUAL_FATAL(rep.record_count, 1);
	CU_ASSERT_EQUAL_FATAL(rep.records[0].loc_count, 2);
	CU_ASSERT_EQUAL(rep.records[0].locs[0].rloc.addr.u.v4, ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(rep.records[0].locs[1].rloc.addr.u.v4, ip4("10.0.2.2"));
	lisp_map_reply_free(&rep);

	/* ETR 2 changes its locators: the merge follows, ETR 1 is told. */
	lab_clear_capture(&L);
	reg1(&E2, L2b, 0x201);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(locs_are(&e, M12b));
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);
	CU_ASSERT_TRUE(notify_locs(&nt, M12b));
	lisp_map_register_free(&nt);
	CU_ASSERT_TRUE_FATAL(request("192.168.1.9", 0x78, &rep));
	CU_ASSERT_EQUAL(rep.records[0].loc_count, 3);
	lisp_map_reply_free(&rep);

	/* ETR 1 stops refreshing: 181 s after its last register only its
	 * locator goes, and ETR 2 gets the new set. */
	lab_step(&L, 100 * T_SEC);
	reg1(&E2, L2b, 0x202);
	lab_clear_capture(&L);
	lab_step(&L, 81 * T_SEC);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_FALSE(e.merged);
	CU_ASSERT_EQUAL(e.n_etrs, 1);
	CU_ASSERT_TRUE(locs_are(&e, L2b));
	CU_ASSERT_EQUAL(notifies(&E2, &nt), 1);
	CU_ASSERT_TRUE(notify_locs(&nt, L2b));
	lisp_map_register_free(&nt);
	CU_ASSERT_EQUAL(notifies(&E1, NULL), 0);
	/* Then ETR 2's: the prefix is no longer registered; the view keeps
	 * its last registration, expired. */
	lab_step(&L, 100 * T_SEC);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_FALSE(e.registered);
	CU_ASSERT_EQUAL(e.n_locs, 0);
	CU_ASSERT_EQUAL(e.n_etrs, 0);
	CU_ASSERT_EQUAL(e.who.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_NOT_EQUAL(e.last_registered, 0);
	CU_ASSERT_TRUE_FATAL(request("192.168.1.5", 0x79, &rep));
	CU_ASSERT_EQUAL(rep.records[0].loc_count, 0);
	CU_ASSERT_EQUAL(rep.records[0].ttl, LISP_UNREGISTERED_TTL);
	lisp_map_reply_free(&rep);
	CU_ASSERT(st->reg_expired >= 2);
	lab_teardown(&L);
}

/* The source address of the last Map-Notify mapserver sent to x. */
static uint32_t notify_src(const struct etr *x)
{
	const struct lab_link *k = &L.link[x->link];
	const uint8_t *m;
	uint32_t src = 0, dst;
	size_t n;

	for (size_t i = 0; i < k->n; i++)
		if (k->cap[i].from == MSR && (m = lab_udp(&k->cap[i], LISP_CONTROL_PORT, &n)) &&
		    lisp_msg_type(m, n) == LISP_MAP_NOTIFY &&
		    (memcpy(&dst, k->cap[i].d + 14 + 16, 4), dst == ip4(x->addr)))
			memcpy(&src, k->cap[i].d + 14 + 12, 4);
	return src;
}

/*
 * The unsolicited Map-Notify comes from the address the ETR registered
 * to, and is sent again every 3 s until a verified Map-Notify-Ack with its
 * nonce arrives, 3 times in all.
 */
static void test_retransmit(void)
{
	struct lisp_map_register nt;
	unsigned pending;
	uint64_t acked, unanswered, evicted, nonce;
	uint8_t b[1024];
	ssize_t n;

	setup();
	reg1(&E1, L1, 0x100);
	lab_clear_capture(&L);
	reg1(&E2, L2, 0x200);
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);
	nonce = nt.nonce;
	lisp_map_register_free(&nt);
	CU_ASSERT_EQUAL(notify_src(&E1), ip4("10.0.1.1"));	/* E1 registered to it */
	lisp_ms_notify_counts(L.l[MSR], &pending, &acked, &unanswered, &evicted);
	CU_ASSERT_EQUAL(pending, 1);
	/* 3 s on, no Ack: the same message again. */
	lab_clear_capture(&L);
	lab_step(&L, 3 * T_SEC);
	CU_ASSERT_EQUAL(notifies(&E1, &nt), 1);
	CU_ASSERT_EQUAL(nt.nonce, nonce);
	/* E1's Ack (the notify as type 5, re-signed) ends it. */
	nt.type = LISP_MAP_NOTIFY_ACK;
	n = lisp_map_register_encode(&nt, KEY_S, strlen(KEY_S), b, sizeof(b));
	lisp_map_register_free(&nt);
	CU_ASSERT_FATAL(n > 0);
	inject(&E1, LISP_CONTROL_PORT, b, (size_t)n);
	lisp_ms_notify_counts(L.l[MSR], &pending, &acked, &unanswered, &evicted);
	CU_ASSERT_EQUAL(pending, 0);
	CU_ASSERT_EQUAL(acked, 1);
	lab_clear_capture(&L);
	lab_step(&L, 3 * T_SEC);
	CU_ASSERT_EQUAL(notifies(&E1, NULL), 0);
	/* E1 leaves (TTL 0): E2's unsolicited one is never acked: 3 sends. */
	lab_clear_capture(&L);
	reg(&E1, 0, "192.168.1.0", 24, L1, 0, 0x101);
	for (int i = 0; i < 4; i++)
		lab_step(&L, 3 * T_SEC);
	CU_ASSERT_EQUAL(notifies(&E2, &nt), 3);
	CU_ASSERT_TRUE(notify_locs(&nt, L2));
	lisp_map_register_free(&nt);
	lisp_ms_notify_counts(L.l[MSR], &pending, &acked, &unanswered, &evicted);
	CU_ASSERT_EQUAL(pending, 0);
	CU_ASSERT_EQUAL(unanswered, 1);
	CU_ASSERT_EQUAL(evicted, 0);
	lab_teardown(&L);
}

/* Without the I bit an ETR is its address; the latest one publishes. */
static void test_no_xtr_id(void)
{
	struct lisp_site_eid_info e;
	struct lisp_map_register nt;

	setup();
	reg1(&N1, L1, 0x300);
	reg1(&N2, L2b, 0x400);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	CU_ASSERT_FALSE(e.merged);
	CU_ASSERT_TRUE(locs_are(&e, L2b));
	CU_ASSERT_EQUAL(e.who.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_FALSE(e.etrs[0].has_xtr_id);
	lab_clear_capture(&L);
	reg1(&N1, L1, 0x301);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(locs_are(&e, L1));
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	/* no merge: no round to the other ETR, its own Map-Notify echoes */
	CU_ASSERT_EQUAL(notifies(&N2, NULL), 0);
	CU_ASSERT_EQUAL(notifies(&N1, &nt), 1);
	CU_ASSERT_TRUE(notify_locs(&nt, L1));
	lisp_map_register_free(&nt);
	/* TTL 0 from one: only its registration ends. */
	reg(&N1, 0, "192.168.1.0", 24, L1, 0, 0x302);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(e.n_etrs, 1);
	CU_ASSERT_TRUE(locs_are(&e, L2b));
	/* An I-bit ETR joins: its set is published (merge semantics win). */
	reg1(&E1, L1, 0x500);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	CU_ASSERT_TRUE(locs_are(&e, L1));
	lab_teardown(&L);
}

/* Nonce order per ETR; the ETR limit; the merged set's 8 locators. */
static void test_limits(void)
{
	static const char *const A5[] = { "10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4",
					  "10.1.0.5", NULL };
	static const char *const B5[] = { "10.2.0.1", "10.2.0.2", "10.2.0.3", "10.2.0.4",
					  "10.2.0.5", NULL };
	const struct lisp_stats *st;
	struct lisp_site_eid_info e;
	struct etr x = E1;
	uint64_t over;

	setup();
	st = lisp_stats(L.l[MSR]);
	/* ETR 1 numbers its registers: an older nonce from it is a replay;
	 * ETR 2's own lower numbers are not. */
	reg1(&E1, L1, 1000);
	reg1(&E1, L1, 1001);
	reg1(&E1, L1, 1002);
	reg1(&E2, L2, 10);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	CU_ASSERT_EQUAL(site_info().replayed, 0);
	reg1(&E1, L2b, 999);
	CU_ASSERT_EQUAL(site_info().replayed, 1);
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_TRUE(locs_are(&e, M12));

	/* Six more xTR-IDs fit (8), the ninth is refused and counted. */
	for (unsigned i = 0; i < 7; i++) {
		static const char *const one[] = { "10.0.1.2", NULL };

		x.id = (uint8_t)(0x40 + i);
		reg1(&x, one, 2000 + i);
	}
	e = site_eid(0, "192.168.1.5");
	CU_ASSERT_EQUAL(e.n_etrs, LISP_SITE_ETRS_MAX);
	CU_ASSERT_EQUAL(site_info().etrs_refused, 1);

	/* 5 + 5 distinct locators merged into the 8 allowed, counted. */
	over = st->drops[LISP_DROP_LOCATORS_OVER];
	reg(&E1, 0, "10.9.0.0", 16, A5, 1440, 3000);
	reg(&E2, 0, "10.9.0.0", 16, B5, 1440, 3001);
	e = site_eid(0, "10.9.1.1");
	CU_ASSERT_TRUE(e.merged);
	CU_ASSERT_FALSE(e.configured);
	CU_ASSERT_EQUAL(e.n_locs, LISP_MAX_LOCATORS);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.1.0.1"));
	CU_ASSERT_EQUAL(e.locs[7].addr.u.v4, ip4("10.2.0.3"));
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_LOCATORS_OVER], over + 1);
	lab_teardown(&L);
}

/* 'limit more-specifics' per site and instance. */
static void test_more_per_instance(void)
{
	static const char *const one[] = { "10.0.1.2", NULL };
	struct lisp_site_info si;
	char err[160];

	setup();
	CU_ASSERT_EQUAL(lisp_site_set_more_limit(L.l[MSR], "S", 2, err, sizeof(err)), 0);
	reg(&E1, 0, "10.1.0.0", 16, one, 1440, 1);
	reg(&E1, 0, "10.2.0.0", 16, one, 1440, 2);
	reg(&E1, 5, "10.1.0.0", 16, one, 1440, 3);
	reg(&E1, 5, "10.2.0.0", 16, one, 1440, 4);
	si = site_info();
	CU_ASSERT_EQUAL(si.n_more, 4);
	CU_ASSERT_EQUAL(si.more_refused, 0);
	CU_ASSERT_EQUAL(site_eid(5, "10.2.0.1").prefix.len, 16);
	CU_ASSERT_EQUAL(site_eid(0, "10.0.0.1").more_in_inst, 2);
	CU_ASSERT_EQUAL(site_eid(5, "10.0.0.1").more_in_inst, 2);
	reg(&E1, 0, "10.3.0.0", 16, one, 1440, 5);
	si = site_info();
	CU_ASSERT_EQUAL(si.n_more, 4);
	CU_ASSERT_EQUAL(si.more_refused, 1);
	CU_ASSERT_EQUAL(site_eid(0, "10.3.0.1").prefix.len, 8);
	/* One lapses in instance 5 (TTL 0): instance 5 has room, 0 not. */
	reg(&E1, 5, "10.2.0.0", 16, one, 0, 6);
	CU_ASSERT_EQUAL(site_eid(5, "10.0.0.1").more_in_inst, 1);
	reg(&E1, 5, "10.3.0.0", 16, one, 1440, 7);
	reg(&E1, 0, "10.4.0.0", 16, one, 1440, 8);
	CU_ASSERT_EQUAL(site_eid(5, "10.3.0.1").prefix.len, 16);
	CU_ASSERT_EQUAL(site_eid(0, "10.4.0.1").prefix.len, 8);
	CU_ASSERT_EQUAL(site_info().more_refused, 2);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ churn */

/* The registry's own invariants: the expiry list in refresh order, each
 * record on its prefix's list; what a prefix publishes is bounded, one
 * per address, and each locator is one of its ETRs'. */
static void check_registry(void)
{
	const struct lisp *l = L.l[MSR];
	const struct site_etr *e, *f, *prev = NULL;
	unsigned n = 0;

	for (e = l->reg_head; e; prev = e, e = e->reg_next, n++) {
		CU_ASSERT_FATAL(n < 100000);
		CU_ASSERT_PTR_EQUAL(e->reg_prev, prev);
		CU_ASSERT_FALSE(e->expired);
		if (prev)
			CU_ASSERT(prev->last <= e->last);
		for (f = e->se->etrs; f && f != e; f = f->next)
			;
		CU_ASSERT_PTR_EQUAL_FATAL(f, e);
	}
	CU_ASSERT_PTR_EQUAL(l->reg_tail, prev);
	for (e = l->reg_head; e; e = e->reg_next) {
		const struct site_eid *se = e->se;
		unsigned live = 0;

		for (f = se->etrs; f; f = f->next)
			live += !f->expired;
		CU_ASSERT(live >= 1 && live <= LISP_SITE_ETRS_MAX);
		CU_ASSERT_TRUE(se->registered);
		CU_ASSERT(se->n_locs <= LISP_MAX_LOCATORS);
		for (unsigned i = 0; i < se->n_locs; i++) {
			bool found = false;

			for (unsigned j = 0; j < i; j++)
				CU_ASSERT_FALSE(addr_eq(&se->locs[i].addr, &se->locs[j].addr));
			for (f = se->etrs; f && !found; f = f->next)
				for (unsigned j = 0; j < f->n_locs; j++)
					found |= addr_eq(&f->locs[j].addr, &se->locs[i].addr);
			CU_ASSERT_TRUE(found);
		}
	}
}

/*
 * Random churn for the sanitizers: 12 ETRs (9 with xTR-IDs, 3 without)
 * register, change, withdraw (TTL 0) and lapse on three prefixes (one a
 * more-specific that comes and goes), the clock jumping between, the
 * invariants checked after every step.  Records move when their locator
 * count changes, so the lists and the published pointers are exercised.
 */
static void test_churn(void)
{
	static const char *const pool[] = { "10.0.1.2", "10.0.2.2", "10.0.2.3", "10.3.0.1",
					    "10.3.0.2", "10.3.0.3", "10.3.0.4", "10.3.0.5",
					    "10.3.0.6", "10.3.0.7" };
	static const char *const pfx[] = { "192.168.1.0", "10.77.0.0", "10.78.0.0" };
	static const uint8_t plen[] = { 24, 16, 16 };
	uint64_t rng = 0x9e3779b97f4a7c15ull, nonce = 1;

	setup();
	for (unsigned step = 0; step < 1500; step++) {
		const char *locs[11];
		struct etr x;
		unsigned who, k, n;

		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		who = (unsigned)(rng >> 33) % 12;
		x = who % 2 ? E2 : E1;
		x.has_id = who < 9;
		x.id = (uint8_t)(0x30 + who);
		if (!x.has_id)			/* an address of its own */
			x = who == 9 ? N1 : N2;
		n = 1 + (unsigned)(rng >> 20) % 10;
		for (k = 0; k < n; k++)
			locs[k] = pool[(k + (rng >> 40)) % 10];
		locs[n] = NULL;
		k = (unsigned)(rng >> 50) % 3;
		reg(&x, 0, pfx[k], plen[k], locs, (rng >> 12) % 7 ? 1440 : 0, nonce++);
		if ((rng >> 8) % 5 == 0)
			lab_step(&L, ((rng >> 24) % 90) * T_SEC);
		check_registry();
	}
	lab_step(&L, 200 * T_SEC);
	CU_ASSERT_PTR_NULL(L.l[MSR]->reg_head);
	CU_ASSERT_FALSE(site_eid(0, "192.168.1.1").registered);
	CU_ASSERT_EQUAL(site_eid(0, "10.77.0.1").prefix.len, 8);	/* the dynamics went */
	CU_ASSERT_EQUAL(site_info().n_more, 0);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ views */

static char *sh_run(const char *lines)
{
	return lab_sh(&L, MSR, lines);
}

static bool sh_has(const char *cmd, const char *const *want)
{
	char *t = sh_run(cmd);
	bool ok = t != NULL;

	for (; ok && *want; want++)
		ok = strstr(t, *want) != NULL;
	if (!ok)
		fprintf(stderr, "\n'%s' wrong:\n%s\n", cmd, t ? t : "");
	free(t);
	return ok;
}

static void test_views(void)
{
	static const char *const det[] = {
		"  EID-prefix: 192.168.1.0/24 instance-id 0\n"
		"    First registered:     00:00:00\n"
		"    Origin:               Configuration\n"
		"    Merge active:         Yes\n"
		"    Proxy reply:          Yes\n"
		"    TTL:                  1d00h\n"
		"    State:                complete\n",
		"    ETR 10.0.1.2, last registered 00:00:00, proxy-reply, map-notify\n"
		"                  TTL 1d00h, hash-function sha1, nonce 0x00000000-0x00000100\n"
		"                  state complete\n"
		"                  xTR-ID 0x11111111-0x11111111-0x11111111-0x11111111\n"
		"                  site-ID 0x00000000-0x00000007\n"
		"      Locator   Local  State      Pri/Wgt\n"
		"      10.0.1.2  yes    up           1/50\n"
		"    ETR 10.0.2.2, last registered 00:00:00, proxy-reply, map-notify\n"
		"                  TTL 1d00h, hash-function sha1, nonce 0x00000000-0x00000200\n"
		"                  state complete\n"
		"                  xTR-ID 0x22222222-0x22222222-0x22222222-0x22222222\n"
		"                  site-ID 0x00000000-0x00000007\n"
		"      Locator   Local  State      Pri/Wgt\n"
		"      10.0.2.2  yes    up           1/50\n"
		"      10.0.1.2  yes    up           1/50\n", NULL,
	};
	static const char *const json[] = {
		"\"merge_active\":true,\"locators\":[{\"address\":\"10.0.1.2\",",
		"{\"address\":\"10.0.2.2\",\"local\":true,\"reachable\":true,\"priority\":1,"
		"\"weight\":50}]",
		"\"etrs\":[{\"address\":\"10.0.1.2\",\"port\":4342,",
		"\"xtr_id\":\"11111111111111111111111111111111\",\"site_id\":7,",
		"\"xtr_id\":\"22222222222222222222222222222222\",\"site_id\":7,", NULL,
	};

	setup();
	reg1(&E1, L1, 0x100);
	reg1(&E2, L2, 0x200);
	CU_ASSERT_TRUE(sh_has("show lisp site 192.168.1.0/24", det));
	CU_ASSERT_TRUE(sh_has("show lisp site detail", det));
	CU_ASSERT_TRUE(sh_has("show lisp site name S | json", json));
	CU_ASSERT_TRUE(sh_has("show lisp site 192.168.1.5 | json", json));
	lab_teardown(&L);
}

/* ------------------------------------------------------------ tshark */

/* The merged Map-Replies as tshark reads them: 2 then 3 locators, the
 * addresses of both ETRs' sets. */
static void test_tshark(void)
{
	char args[512], line[1024];
	static const char *const want[] = {
		"2\t1\t2\t10.0.1.2,10.0.2.2", "2\t1\t3\t10.0.1.2,10.0.2.2,10.0.2.3",
		"2\t1\t0\t",
	};
	struct ts_run t;
	FILE *p;
	unsigned n = 0;

	CU_ASSERT_EQUAL_FATAL(ts_n, 3);
	snprintf(args, sizeof(args), "-d udp.port==%u,lisp "
		 "-T fields -E separator=/t -E aggregator=, -e _ws.malformed -e lisp.type "
		 "-e lisp.records -e lisp.mapping.loccnt -e lisp.loc.locator", REPLY_PORT);
	p = ts_open(&t, ts_f, sizeof(ts_f[0]), ts_len, 0, ts_n, args);
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		if (n < 3) {
			/* no malformed mark: the line starts with a tab */
			CU_ASSERT_EQUAL(line[0], '\t');
			CU_ASSERT_STRING_EQUAL(line + 1, want[n]);
		}
		n++;
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(n, 3);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "two xTR-IDs: merged set, Map-Notify to both, expiry per ETR", test_merge },
		{ "unsolicited Map-Notify: its source, resent until acked", test_retransmit },
		{ "no I bit: the ETR is its address, the latest publishes", test_no_xtr_id },
		{ "nonce order per ETR, the ETR limit, 8 merged locators", test_limits },
		{ "limit more-specifics per site and instance", test_more_per_instance },
		{ "random churn: the registry's invariants hold", test_churn },
		{ "show lisp site detail: Merge active, each ETR; JSON", test_views },
		{ "tshark reads the merged Map-Replies", test_tshark },
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{ "lisp_ms_merge", NULL, NULL, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};

	return cunit_run(suites);
}

/*
 * DOC: the Map-Server and Map-Resolver per instance ID (issue 11)
 *
 * The in-process lab's mapserver with sites in three instances whose
 * prefixes overlap:
 *
 *   A (KEY_A):  IID 100 192.168.1.0/24, 10.9.0.0/16,
 *               172.16.0.0/12 accept-more-specifics
 *   B (KEY_B):  IID 200 192.168.1.0/24, 172.16.0.0/12 accept-more-specifics
 *   C (KEY_C):  IID 0   10.0.0.0/8
 *
 * The registry API (lookups, walks in IID order, the DDT leaf's view),
 * then Map-Registers and ECM Map-Requests on the wire built with our own
 * codec and injected into mapserver from lisp1's side (10.0.1.2): records
 * register into their LCAF's instance only, the Map-Notify echoes the LCAF,
 * proxy and negative Map-Replies carry the IID, and a negative prefix
 * knows only its own instance's prefixes (10.9.9.9 in IID 200 gets
 * 0.0.0.0/1: IID 100's 10.9.0.0/16 and IID 0's 10.0.0.0/8 do not count).
 * An LCAF with IID 0 is instance 0.  tshark reads the same frames (the
 * injected Map-Registers and mapserver's answers) and must find the
 * Instance-ID LCAF with the right IID in each.  tshark comes from $TSHARK
 * or PATH.  Then the views through the shell (the Inst ID column, one
 * instance, the detail), an IPv6 EID in an instance, the Map-Notify-Ack
 * verified with the key of its record's instance's site, and expiry: each
 * instance's registration lapses on its own, 180 s after its last refresh.
 */
#include "config.h"

#include <unistd.h>

#include "test_lisp_lab.h"
#include "test_lab_shell.h"
#include "test_tshark.h"
#include "lisp_int.h"
#include "shell.h"
#include "cunit_main.h"

#define KEY_C		"siteC-key"
#define REPLY_PORT	50123

static struct lab L;

/* Frames for tshark: what we injected and what mapserver answered. */
#define TS_MAX		64
static uint8_t ts_f[TS_MAX][1600];
static size_t ts_len[TS_MAX];
static unsigned ts_n;

static struct prefix PI(uint32_t iid, const char *s)
{
	struct prefix p = P4(s);

	p.addr.iid = iid;
	return p;
}

static void site_eid(const char *site, uint32_t iid, const char *p, bool more)
{
	struct prefix q = PI(iid, p);
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], site, &q, more, err, sizeof(err)), 0);
}

static void site(const char *name, const char *key)
{
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], name, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], name, key, err, sizeof(err)), 0);
}

/* In the first test: lab_setup() asserts, which a suite's init may not. */
static void setup(void)
{
	char err[160];

	lab_setup(&L, false);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_MS | LISP_ROLE_MR, true, err,
				      sizeof(err)), 0);
	site("A", KEY_A);
	site_eid("A", 100, "192.168.1.0/24", false);
	site_eid("A", 100, "10.9.0.0/16", false);
	site_eid("A", 100, "172.16.0.0/12", true);
	site("B", KEY_B);
	site_eid("B", 200, "192.168.1.0/24", false);
	site_eid("B", 200, "172.16.0.0/12", true);
	site("C", KEY_C);
	site_eid("C", 0, "10.0.0.0/8", false);
	lab_clear_capture(&L);
}

static int teardown(void)
{
	lab_teardown(&L);
	return 0;
}

/* ------------------------------------------------------------ registry */

static int lookup(uint32_t iid, const char *a, struct lisp_site_eid_info *e)
{
	struct addr x = A4(a);

	x.iid = iid;
	memset(e, 0, sizeof(*e));
	return lisp_site_eid_lookup(L.l[MSR], &x, e);
}

struct walk {
	char row[16][80];
	unsigned n;
};

static int walk_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct walk *w = arg;
	char pb[PREFIX_STRLEN];

	if (w->n < 16)
		snprintf(w->row[w->n++], sizeof(w->row[0]), "%s %u %s", e->site,
			 (unsigned)e->prefix.addr.iid, prefix_fmt(&e->prefix, pb, sizeof(pb)));
	return 0;
}

static void test_registry(void)
{
	static const char *const order[] = {
		"C 0 10.0.0.0/8", "A 100 10.9.0.0/16", "A 100 172.16.0.0/12",
		"A 100 192.168.1.0/24", "B 200 172.16.0.0/12", "B 200 192.168.1.0/24",
	};
	struct lisp_site_eid_info e;
	struct prefix q, p, after;
	struct walk w;
	char err[160];

	setup();
	/* Overlapping prefixes: each instance its own site. */
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_STRING_EQUAL(e.site, "A");
	CU_ASSERT_EQUAL(e.prefix.addr.iid, 100);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_STRING_EQUAL(e.site, "B");
	CU_ASSERT_EQUAL(e.prefix.addr.iid, 200);
	CU_ASSERT_EQUAL(lookup(0, "192.168.1.5", &e), -1);
	CU_ASSERT_EQUAL(lookup(300, "192.168.1.5", &e), -1);
	CU_ASSERT_EQUAL(lookup(100, "10.1.1.1", &e), -1);	/* 10/8 is IID 0's */
	CU_ASSERT_EQUAL(lookup(0, "10.1.1.1", &e), 0);

	/* The same prefix twice in one instance: refused; in another: fine. */
	q = PI(100, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &q, false, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% EID prefix already configured in site A");
	q = PI(300, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &q, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lookup(300, "192.168.1.5", &e), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_del(L.l[MSR], "B", &q, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lookup(300, "192.168.1.5", &e), -1);	/* instance 300 gone */
	CU_ASSERT_EQUAL(lisp_site_eid_del(L.l[MSR], "B", &q, err, sizeof(err)), -1);
	q = PI(16777215, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &q, false, err, sizeof(err)), -1);

	/* Instances in IID order, then prefixes in order. */
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach(L.l[MSR], NULL, walk_fn, &w);
	CU_ASSERT_EQUAL_FATAL(w.n, 6);
	for (unsigned i = 0; i < 6; i++)
		CU_ASSERT_STRING_EQUAL(w.row[i], order[i]);
	/* Resumed after IID 100's last prefix: IID 200's. */
	after = PI(100, "192.168.1.0/24");
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach_after(L.l[MSR], NULL, &after, walk_fn, &w);
	CU_ASSERT_EQUAL_FATAL(w.n, 2);
	CU_ASSERT_STRING_EQUAL(w.row[0], order[4]);
	after = PI(0, "10.0.0.0/8");
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach_after(L.l[MSR], NULL, &after, walk_fn, &w);
	CU_ASSERT_EQUAL(w.n, 5);
	/* One site; one instance. */
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach(L.l[MSR], "B", walk_fn, &w);
	CU_ASSERT_EQUAL(w.n, 2);
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach_iid(L.l[MSR], NULL, 100, NULL, walk_fn, &w);
	CU_ASSERT_EQUAL(w.n, 3);
	memset(&w, 0, sizeof(w));
	lisp_site_eid_foreach_iid(L.l[MSR], NULL, 7, NULL, walk_fn, &w);
	CU_ASSERT_EQUAL(w.n, 0);

	/* The DDT leaf's view is the instance's. */
	q = PI(200, "10.9.9.9/32");
	CU_ASSERT_EQUAL(lisp_ms_ddt_lookup(L.l[MSR], &q, &p), 0);
	CU_ASSERT_TRUE(prefix_eq(&p, &(struct prefix[]){ PI(200, "0.0.0.0/1") }[0]));
	q = PI(100, "10.9.9.9/32");
	CU_ASSERT_EQUAL(lisp_ms_ddt_lookup(L.l[MSR], &q, &p), 1);
	CU_ASSERT_TRUE(prefix_eq(&p, &(struct prefix[]){ PI(100, "10.9.0.0/16") }[0]));
	q = PI(0, "10.9.9.9/32");
	CU_ASSERT_EQUAL(lisp_ms_ddt_lookup(L.l[MSR], &q, &p), 1);
	CU_ASSERT_TRUE(prefix_eq(&p, &(struct prefix[]){ PI(0, "10.0.0.0/8") }[0]));
	q = PI(300, "10.9.9.9/32");
	CU_ASSERT_EQUAL(lisp_ms_ddt_lookup(L.l[MSR], &q, &p), 0);
	CU_ASSERT_EQUAL(p.len, 0);
	CU_ASSERT_EQUAL(p.addr.iid, 300);
}

/* ------------------------------------------------------------ the wire */

static void keep_frame(const uint8_t *f, size_t len)
{
	if (ts_n < TS_MAX && len <= sizeof(ts_f[0])) {
		memcpy(ts_f[ts_n], f, len);
		ts_len[ts_n++] = len;
	}
}

/* A UDP/IPv4 frame from lisp1 (10.0.1.2) into mapserver's Ethernet0,
 * kept for tshark. */
static void inject(uint16_t sport, const uint8_t *payload, size_t len)
{
	uint8_t f[2048], *ip = f + 14, *udp = ip + 20;
	size_t n;

	CU_ASSERT_FATAL(len + 42 <= sizeof(f));
	mk_eth(f, iface_mac(L.eth[MSR][0]), iface_mac(L.eth[LISP1][0]), 0x0800);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = LISP_CONTROL_PORT >> 8;
	udp[3] = LISP_CONTROL_PORT & 0xff;
	udp[4] = (uint8_t)((len + 8) >> 8);
	udp[5] = (uint8_t)(len + 8);
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, payload, len);
	n = mk_ip(ip, ip4("10.0.1.2"), ip4("10.0.1.1"), 17, 64, 0, len + 8, 0);
	keep_frame(f, 14 + n);
	t_push(iface_port(L.eth[MSR][0]), f, 14 + n);
	router_poll(L.r[MSR]);
	lab_pump(&L);
}

/* A Map-Register of one record (eid/len in iid, an LCAF when has_iid),
 * locator 10.0.1.2, signed with key. */
static void do_register(uint32_t iid, bool has_iid, const char *eid, uint8_t len, const char *key,
			bool proxy, uint64_t nonce)
{
	struct lisp_map_register m;
	struct lisp_record r;
	struct lisp_locator loc;
	uint8_t b[512];
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.mpriority = 255;
	loc.local = true;
	loc.reachable = true;
	loc.rloc = lab_eid("10.0.1.2", 0, false);
	r.ttl = 1440;
	r.authoritative = true;
	r.eid.eid = lab_eid(eid, iid, has_iid);
	r.eid.mask_len = len;
	r.loc_count = 1;
	r.locs = &loc;
	m.type = LISP_MAP_REGISTER;
	m.want_map_notify = true;
	m.proxy_reply = proxy;
	m.nonce = nonce;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.record_count = 1;
	m.records = &r;
	n = lisp_map_register_encode(&m, key, strlen(key), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
}

/* lisp1's Map-Request for eid in iid inside an ECM to mapserver. */
static void do_request(uint32_t iid, bool has_iid, const char *eid, uint64_t nonce)
{
	struct lab_req q = { .eid = eid, .iid = iid, .lcaf = has_iid, .src_eid = "192.168.1.1",
			     .sport = REPLY_PORT, .nonce = nonce };
	uint8_t b[600];

	inject(REPLY_PORT, b, lab_ecm_request(&q, b, sizeof(b)));
}

/* The last frame mapserver sent on LINK1 to dport with a control message
 * of this type (kept for tshark); NULL if none since the last clear. */
static const uint8_t *answer(uint16_t dport, unsigned type, size_t *len)
{
	const struct lab_link *k = &L.link[LINK1];
	const uint8_t *m, *found = NULL;
	size_t n, fi = 0;

	for (size_t i = 0; i < k->n; i++)
		if (k->cap[i].from == MSR && (m = lab_udp(&k->cap[i], dport, &n)) &&
		    lisp_msg_type(m, n) == type) {
			found = m;
			*len = n;
			fi = i;
		}
	if (found)
		keep_frame(k->cap[fi].d, k->cap[fi].len);
	return found;
}

static void test_register(void)
{
	const struct lisp_stats *st = lisp_stats(L.l[MSR]);
	struct lisp_map_register nt;
	struct lisp_site_eid_info e;
	const uint8_t *m;
	uint64_t no_site;
	size_t len;

	/* IID 100's 192.168.1.0/24 from site A: registered there only. */
	lab_clear_capture(&L);
	do_register(100, true, "192.168.1.0", 24, KEY_A, true, 1);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_TRUE(e.proxy_reply);
	CU_ASSERT_EQUAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_FALSE(e.registered);
	/* The Map-Notify echoes the record in its Instance-ID LCAF. */
	m = answer(LISP_CONTROL_PORT, LISP_MAP_NOTIFY, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(m, len, &nt), LISP_OK);
	CU_ASSERT_EQUAL(lisp_auth_verify(m, len, KEY_A, strlen(KEY_A)), LISP_OK);
	CU_ASSERT_EQUAL_FATAL(nt.record_count, 1);
	CU_ASSERT_TRUE(nt.records[0].eid.eid.has_iid);
	CU_ASSERT_EQUAL(nt.records[0].eid.eid.addr.iid, 100);
	CU_ASSERT_EQUAL(nt.records[0].eid.mask_len, 24);
	CU_ASSERT_EQUAL(nt.records[0].eid.eid.addr.u.v4, ip4("192.168.1.0"));
	lisp_map_register_free(&nt);

	/* IID 300 has no such prefix: no site, nothing registered. */
	no_site = st->drops[LISP_DROP_REG_NO_SITE];
	do_register(300, true, "192.168.1.0", 24, KEY_A, false, 2);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_REG_NO_SITE], no_site + 1);
	CU_ASSERT_EQUAL(lookup(300, "192.168.1.5", &e), -1);
	/* IID 200's 192.168.1.0/24 is site B's: site A's key fails there. */
	do_register(200, true, "192.168.1.0", 24, KEY_A, false, 3);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_FALSE(e.registered);
	/* Plain AFI: instance 0, where 192.168.1.0/24 is no one's. */
	no_site = st->drops[LISP_DROP_REG_NO_SITE];
	do_register(0, false, "192.168.1.0", 24, KEY_A, false, 4);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_REG_NO_SITE], no_site + 1);

	/* An LCAF with IID 0 is instance 0. */
	lab_clear_capture(&L);
	do_register(0, true, "10.0.0.0", 8, KEY_C, false, 5);
	CU_ASSERT_EQUAL(lookup(0, "10.1.1.1", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_STRING_EQUAL(e.site, "C");
	CU_ASSERT_PTR_NOT_NULL(answer(LISP_CONTROL_PORT, LISP_MAP_NOTIFY, &len));

	/* A more-specific under IID 200's accept-more-specifics prefix. */
	do_register(200, true, "172.16.5.0", 24, KEY_B, true, 6);
	CU_ASSERT_EQUAL(lookup(200, "172.16.5.1", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_FALSE(e.configured);
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_EQUAL(e.parent.addr.iid, 200);
	CU_ASSERT_EQUAL(e.parent.len, 12);
	CU_ASSERT_EQUAL(lookup(100, "172.16.5.1", &e), 0);	/* IID 100: the /12 only */
	CU_ASSERT_EQUAL(e.prefix.len, 12);
	CU_ASSERT_FALSE(e.registered);
	/* Site A's key cannot put one in IID 200 through IID 100's parent. */
	do_register(200, true, "172.16.6.0", 24, KEY_A, false, 7);
	CU_ASSERT_EQUAL(lookup(200, "172.16.6.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 12);
}

/* Map-Reply record expected for a request. */
static void check_reply(uint32_t iid, const char *eid, const char *pfx, uint8_t len, uint32_t ttl,
			unsigned locs, uint64_t nonce)
{
	struct lisp_map_reply rep;
	const uint8_t *m;
	size_t n;

	lab_clear_capture(&L);
	do_request(iid, iid != 0, eid, nonce);	/* instance 0: plain AFI */
	m = answer(REPLY_PORT, LISP_MAP_REPLY, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(m, n, &rep), LISP_OK);
	CU_ASSERT_EQUAL(rep.nonce, nonce);
	CU_ASSERT_EQUAL_FATAL(rep.record_count, 1);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.has_iid, iid != 0);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.addr.iid, iid);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.addr.u.v4, ip4(pfx));
	CU_ASSERT_EQUAL(rep.records[0].eid.mask_len, len);
	CU_ASSERT_EQUAL(rep.records[0].ttl, ttl);
	CU_ASSERT_EQUAL(rep.records[0].loc_count, locs);
	if (!locs)
		CU_ASSERT_EQUAL(rep.records[0].action, LISP_ACT_NATIVE_FWD);
	if (rep.records[0].eid.eid.addr.u.v4 != ip4(pfx) || rep.records[0].eid.mask_len != len)
		fprintf(stderr, "\n  IID %u %s: got /%u\n", (unsigned)iid, eid,
			rep.records[0].eid.mask_len);
	lisp_map_reply_free(&rep);
}

static void test_request(void)
{
	/* 10.9.9.9 in IID 200 knows only IID 200's prefixes (192.168.1/24,
	 * 172.16/12, 172.16.5/24): 0.0.0.0/1, 15 minutes. */
	check_reply(200, "10.9.9.9", "0.0.0.0", 1, LISP_NEGATIVE_TTL, 0, 11);
	/* In IID 100 it is inside 10.9.0.0/16, configured, unregistered. */
	check_reply(100, "10.9.9.9", "10.9.0.0", 16, LISP_UNREGISTERED_TTL, 0, 12);
	/* In instance 0 (an LCAF with IID 0): 10.0.0.0/8, registered by C
	 * without proxy-reply: relayed to the ETR, no reply from us. */
	lab_clear_capture(&L);
	do_request(0, true, "10.9.9.9", 13);
	CU_ASSERT_PTR_NULL(answer(REPLY_PORT, LISP_MAP_REPLY, &(size_t){ 0 }));
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->mreq_forwarded, 1);
	/* 11.1.1.1 in IID 0 (plain AFI): 11.0.0.0/8 from 10.0.0.0/8 alone. */
	check_reply(0, "11.1.1.1", "11.0.0.0", 8, LISP_NEGATIVE_TTL, 0, 14);
	/* An instance with no prefixes at all: the /0. */
	check_reply(300, "10.9.9.9", "0.0.0.0", 0, LISP_NEGATIVE_TTL, 0, 15);
	/* Registered with proxy-reply in IID 100: our Map-Reply, the LCAF. */
	check_reply(100, "192.168.1.5", "192.168.1.0", 24, 1440, 1, 16);
	/* The same EID in IID 200: configured there, not registered. */
	check_reply(200, "192.168.1.5", "192.168.1.0", 24, LISP_UNREGISTERED_TTL, 0, 17);
	/* IID 200's registered more-specific, proxy-reply. */
	check_reply(200, "172.16.5.9", "172.16.5.0", 24, 1440, 1, 18);
}

/* ------------------------------------------------------------ views */

/* Run lines through an enabled shell on mapserver; the transcript. */
static char *sh_run(const char *lines)
{
	return lab_sh(&L, MSR, lines);
}

/* Does the output of cmd hold every line of want (NULL-terminated) and
 * none of the lines of not? */
static bool sh_lines(const char *cmd, const char *const *want, const char *const *not)
{
	char *t = sh_run(cmd);
	bool ok = t != NULL;

	for (; ok && want && *want; want++)
		ok = strstr(t, *want) != NULL;
	for (; ok && not && *not; not++)
		ok = strstr(t, *not) == NULL;
	if (!ok)
		fprintf(stderr, "\n'%s' wrong:\n%s\n", cmd, t ? t : "");
	free(t);
	return ok;
}

static void test_views(void)
{
	static const char *const all[] = {
		"Site Name      Last      Up     Who Last             Inst     EID Prefix\n",
		"               Register         Registered           ID\n",
		"A              never     no     --                   100      10.9.0.0/16\n",
		"               00:00:00  yes    10.0.1.2             100      192.168.1.0/24\n",
		"B              never     no     --                   200      172.16.0.0/12\n"
		"               00:00:00  yes    10.0.1.2             200      172.16.5.0/24\n"
		"               never     no     --                   200      192.168.1.0/24\n",
		"C              00:00:00  yes    10.0.1.2             0        10.0.0.0/8\n", NULL,
	};
	static const char *const i200[] = {
		"B              never     no     --                   200      172.16.0.0/12\n",
		"               00:00:00  yes    10.0.1.2             200      172.16.5.0/24\n", NULL,
	};
	static const char *const not200[] = { "\nA ", "\nC ", " 100 ", NULL };
	static const char *const det[] = {
		"Site name: B\n", "  EID-prefix: 172.16.5.0/24 instance-id 200\n",
		"    Origin:               Dynamic, more specific of 172.16.0.0/12\n",
		"    Proxy reply:          Yes\n", NULL,
	};
	static const char *const json[] = { "\"eid_prefix\":\"172.16.5.0/24\",\"instance_id\":200,", NULL };
	static const char *const none[] = {
		"% Could not find instance-id 300 EID 192.168.1.5 in site database.", NULL,
	};
	static const char *const sum[] = {
		"B                             2          1      0\n",
		"  Number of configured EID prefixes:            2\n", NULL,
	};

	static const char *const sumj[] = {
		"\"site\":\"A\",\"configured\":3,\"registered\":1,\"inconsistent\":0,"
		"\"instances\":[{\"instance_id\":100,\"configured\":3,\"registered\":1}]}",
		"\"site\":\"B\",\"configured\":2,\"registered\":1,\"inconsistent\":0,"
		"\"instances\":[{\"instance_id\":200,\"configured\":2,\"registered\":1}]}", NULL,
	};

	CU_ASSERT_TRUE(sh_lines("show lisp site", all, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 200", i200, not200));
	CU_ASSERT_TRUE(sh_lines("show lisp instance-id 200 ipv4 server", i200, not200));
	CU_ASSERT_TRUE(sh_lines("show lisp site 172.16.5.9 instance-id 200", det, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 200 172.16.5.0/24 detail", det, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 200 detail", det, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 200 | json", json, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 300 192.168.1.5", none, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 200 summary", sum, NULL));
	CU_ASSERT_TRUE(sh_lines("show lisp site summary | json", sumj, NULL));
}

/* ------------------------------------------------------------ IPv6, ack */

static void test_ipv6_ack(void)
{
	struct lisp_map_register m;
	struct lisp_record r;
	struct lisp_locator loc;
	struct lisp_site_eid_info e;
	struct prefix q;
	struct addr x;
	char err[160];
	uint8_t b[512];
	uint64_t verified = lisp_stats(L.l[MSR])->notify_ack_verified;
	uint64_t auth = lisp_stats(L.l[MSR])->drops[LISP_DROP_NOTIFY_ACK_AUTH];
	ssize_t n;

	/* 2001:db8:1::/48 in IID 200 (site B): registered there only. */
	CU_ASSERT_EQUAL(prefix_parse("2001:db8:1::/48", &q, err, sizeof(err)), 0);
	q.addr.iid = 200;
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &q, false, err, sizeof(err)), 0);
	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.reachable = true;
	loc.rloc = lab_eid("10.0.1.2", 0, false);
	r.ttl = 1440;
	r.eid.eid.addr = q.addr;
	r.eid.eid.has_iid = true;
	r.eid.mask_len = 48;
	r.loc_count = 1;
	r.locs = &loc;
	m.type = LISP_MAP_REGISTER;
	m.nonce = 21;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.record_count = 1;
	m.records = &r;
	n = lisp_map_register_encode(&m, KEY_B, strlen(KEY_B), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
	x = q.addr;
	x.u.b[15] = 1;
	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	CU_ASSERT_TRUE(e.registered);
	x.iid = 100;
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), -1);

	/* A Map-Notify-Ack is verified with the key of its record's site in
	 * the record's instance: KEY_B for IID 200's prefix, and site A's key
	 * for the same prefix in IID 100 fails (A has no such prefix there). */
	m.type = LISP_MAP_NOTIFY_ACK;
	n = lisp_map_register_encode(&m, KEY_B, strlen(KEY_B), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->notify_ack_verified, verified + 1);
	r.eid.eid.addr = lab_eid("192.168.1.0", 200, true).addr;
	r.eid.mask_len = 24;
	n = lisp_map_register_encode(&m, KEY_A, strlen(KEY_A), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_NOTIFY_ACK_AUTH], auth + 1);
	r.eid.eid.addr.iid = 100;
	n = lisp_map_register_encode(&m, KEY_A, strlen(KEY_A), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->notify_ack_verified, verified + 2);
	CU_ASSERT_EQUAL(lisp_site_eid_del(L.l[MSR], "B", &q, err, sizeof(err)), 0);
}

/* ------------------------------------------------------------ several records */

/* lisp1's Map-Request for an IPv6 EID in iid (an LCAF unless 0), the EID
 * its own Source-EID. */
static void do_request6(uint32_t iid, const char *eid, uint64_t nonce)
{
	struct lab_req q = { .eid = eid, .iid = iid, .lcaf = iid != 0, .src_eid = eid,
			     .inner_src = "192.168.1.1", .inner_dst = "192.168.2.1",
			     .sport = REPLY_PORT, .nonce = nonce };
	uint8_t b[600];

	inject(REPLY_PORT, b, lab_ecm_request(&q, b, sizeof(b)));
}

static void check_neg6(uint32_t iid, const char *eid, const char *pfx, uint8_t len)
{
	struct lisp_map_reply rep;
	struct addr want;
	const uint8_t *m;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(addr_parse(pfx, &want, NULL, 0), 0);
	lab_clear_capture(&L);
	do_request6(iid, eid, 41);
	m = answer(REPLY_PORT, LISP_MAP_REPLY, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(m, n, &rep), LISP_OK);
	CU_ASSERT_EQUAL_FATAL(rep.record_count, 1);
	CU_ASSERT_EQUAL(rep.records[0].loc_count, 0);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.has_iid, iid != 0);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.addr.iid, iid);
	CU_ASSERT_EQUAL(rep.records[0].eid.eid.addr.afi, AFI_IPV6);
	CU_ASSERT_EQUAL(memcmp(rep.records[0].eid.eid.addr.u.b, want.u.b, 16), 0);
	CU_ASSERT_EQUAL(rep.records[0].eid.mask_len, len);
	lisp_map_reply_free(&rep);
}

/*
 * One Map-Register with three records of site B: IID 200's 192.168.1.0/24
 * and a more-specific 172.16.8.0/24, and 192.168.1.0/24 in IID 300 (no
 * site): the two are registered, the third refused, and the Map-Notify
 * echoes the two accepted, each in its LCAF.  Then IPv6 negative replies
 * per instance.
 */
static void test_records(void)
{
	struct lisp_map_register m, nt;
	struct lisp_record r[3];
	struct lisp_locator loc;
	struct lisp_site_eid_info e;
	struct prefix q;
	const uint8_t *msg;
	char err[160];
	uint8_t b[1024];
	size_t len;
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(r, 0, sizeof(r));
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.reachable = true;
	loc.rloc = lab_eid("10.0.2.2", 0, false);
	for (int i = 0; i < 3; i++) {
		r[i].ttl = 1440;
		r[i].loc_count = 1;
		r[i].locs = &loc;
		r[i].eid.mask_len = 24;
	}
	r[0].eid.eid = lab_eid("192.168.1.0", 200, true);
	r[1].eid.eid = lab_eid("192.168.1.0", 300, true);
	r[2].eid.eid = lab_eid("172.16.8.0", 200, true);
	m.type = LISP_MAP_REGISTER;
	m.want_map_notify = true;
	m.nonce = 51;
	m.alg_id = LISP_AUTH_HMAC_SHA1;
	m.record_count = 3;
	m.records = r;
	n = lisp_map_register_encode(&m, KEY_B, strlen(KEY_B), b, sizeof(b));
	CU_ASSERT_FATAL(n > 0);
	lab_clear_capture(&L);
	inject(LISP_CONTROL_PORT, b, (size_t)n);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.2"));
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);	/* IID 100's: still lisp1's */
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.1.2"));
	CU_ASSERT_EQUAL(lookup(200, "172.16.8.1", &e), 0);
	CU_ASSERT_TRUE(e.registered && !e.configured && e.prefix.len == 24);
	CU_ASSERT_EQUAL(lookup(300, "192.168.1.5", &e), -1);
	msg = answer(LISP_CONTROL_PORT, LISP_MAP_NOTIFY, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(msg);
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(msg, len, &nt), LISP_OK);
	CU_ASSERT_EQUAL_FATAL(nt.record_count, 2);
	CU_ASSERT_TRUE(nt.records[0].eid.eid.has_iid && nt.records[0].eid.eid.addr.iid == 200);
	CU_ASSERT_TRUE(nt.records[1].eid.eid.has_iid && nt.records[1].eid.eid.addr.iid == 200);
	CU_ASSERT_EQUAL(nt.records[1].eid.eid.addr.u.v4, ip4("172.16.8.0"));
	lisp_map_register_free(&nt);

	/* Registered without proxy-reply: the ECM goes on, unchanged, to the
	 * ETR that registered the prefix in that instance (lisp2's 10.0.2.2). */
	{
		const struct lab_link *k = &L.link[LINK2];
		struct lisp_map_request req;
		struct lisp_ecm ecm;
		uint64_t fwd = lisp_stats(L.l[MSR])->mreq_forwarded;
		unsigned found = 0;

		lab_clear_capture(&L);
		do_request(200, true, "192.168.1.5", 52);
		CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->mreq_forwarded, fwd + 1);
		CU_ASSERT_PTR_NULL(answer(REPLY_PORT, LISP_MAP_REPLY, &len));
		for (size_t i = 0; i < k->n; i++) {
			if (k->cap[i].from != MSR || !(msg = lab_udp(&k->cap[i], LISP_CONTROL_PORT, &len)) ||
			    lisp_msg_type(msg, len) != LISP_ECM || lisp_ecm_decode(msg, len, &ecm) != LISP_OK)
				continue;
			CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(ecm.payload, ecm.payload_len, &req), LISP_OK);
			found++;
			CU_ASSERT_EQUAL(req.nonce, 52);
			CU_ASSERT_TRUE(req.records[0].eid.has_iid && req.records[0].eid.addr.iid == 200);
			lisp_map_request_free(&req);
		}
		CU_ASSERT_EQUAL(found, 1);
	}

	/* IPv6: 2001:db8:9::1 in IID 100 (2001:db8:1::/48 there) and in IID
	 * 200 (no IPv6 prefix: the /0; IPv4 ones do not count). */
	CU_ASSERT_EQUAL(prefix_parse("2001:db8:1::/48", &q, err, sizeof(err)), 0);
	q.addr.iid = 100;
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "A", &q, false, err, sizeof(err)), 0);
	check_neg6(100, "2001:db8:9::1", "2001:db8:8::", 45);
	check_neg6(200, "2001:db8:9::1", "::", 0);
	check_neg6(0, "2001:db8:9::1", "::", 0);
	CU_ASSERT_EQUAL(lisp_site_eid_del(L.l[MSR], "A", &q, err, sizeof(err)), 0);
}

/* ------------------------------------------------------------ expiry */

static void test_expiry(void)
{
	struct lisp_site_eid_info e;

	/* IID 100's 192.168.1.0/24 refreshed 100 s on; IID 200's more-specific
	 * and IID 0's 10/8 not: 181 s after their last register they are gone,
	 * the refreshed one stays. */
	lab_step(&L, 100 * T_SEC);
	do_register(100, true, "192.168.1.0", 24, KEY_A, true, 31);
	lab_step(&L, 81 * T_SEC);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(lookup(200, "172.16.5.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 12);	/* the dynamic /24 has gone */
	CU_ASSERT_EQUAL(lookup(0, "10.1.1.1", &e), 0);
	CU_ASSERT_FALSE(e.registered);
	lab_step(&L, 100 * T_SEC);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_FALSE(e.registered);
}

/* ------------------------------------------------------------ clear lisp site */

static unsigned count_site(const char *site);

/*
 * 'clear lisp site': one registered more-specific, one site (its
 * configured prefixes stay, unregistered; its more-specifics go; the
 * other sites keep theirs), then every site; the ETRs' next
 * Map-Registers are taken again.  Unknown sites and prefixes are errors.
 */
static void test_site_clear(void)
{
	static const char *const unreg[] = { "192.168.1.0/24", NULL };
	struct lisp_site_eid_info e;
	struct prefix q;
	char err[160], *t, *row, *end;
	unsigned n;

	lab_step(&L, T_SEC);
	do_register(100, true, "192.168.1.0", 24, KEY_A, false, 401);
	do_register(100, true, "172.16.1.0", 24, KEY_A, false, 402);
	do_register(100, true, "172.16.2.0", 24, KEY_A, false, 403);
	do_register(200, true, "192.168.1.0", 24, KEY_B, false, 404);
	do_register(200, true, "172.16.9.0", 24, KEY_B, false, 405);
	CU_ASSERT_EQUAL(count_site("A"), 3 + 2);
	CU_ASSERT_EQUAL(count_site("B"), 2 + 1);

	/* One more-specific. */
	q = PI(100, "172.16.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], NULL, &q, &n, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(count_site("A"), 3 + 1);
	CU_ASSERT_EQUAL(lookup(100, "172.16.1.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 12);
	CU_ASSERT_EQUAL(lookup(100, "172.16.2.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], NULL, &q, &n, err, sizeof(err)), -1);
	q = PI(300, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], NULL, &q, &n, err, sizeof(err)), -1);
	/* B's prefix is not A's. */
	q = PI(200, "192.168.1.0/24");
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], "A", &q, &n, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], "Z", NULL, &n, err, sizeof(err)), -1);

	/* Site A: its configured prefixes unregistered, its more-specific
	 * gone; B untouched. */
	CU_ASSERT_EQUAL(lisp_site_clear(L.l[MSR], "A", NULL, &n, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(count_site("A"), 3);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.configured);
	CU_ASSERT_FALSE(e.registered);
	CU_ASSERT_EQUAL(lookup(100, "172.16.2.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 12);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(lookup(200, "172.16.9.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 24);

	/* The ETR's next Map-Register is taken. */
	do_register(100, true, "192.168.1.0", 24, KEY_A, false, 406);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);

	/* From the shell: every site, then the views say so. */
	t = sh_run("clear lisp site name Z\nclear lisp site 10.99.0.0/16\n"
		   "clear lisp site 192.168.1.0/24 instance-id 5000\nclear lisp site 192.168.1.0\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "% No such LISP site"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "% No such EID prefix on the Map-Server"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "% Invalid input"));
	free(t);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_TRUE(e.registered);
	t = sh_run("clear lisp site\n");
	free(t);
	CU_ASSERT_EQUAL(count_site("A"), 3);
	CU_ASSERT_EQUAL(count_site("B"), 2);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), 0);
	CU_ASSERT_FALSE(e.registered);
	CU_ASSERT_EQUAL(lookup(200, "192.168.1.5", &e), 0);
	CU_ASSERT_FALSE(e.registered);
	CU_ASSERT_TRUE(sh_lines("show lisp site instance-id 100", unreg, NULL));
	/* Its row says Up 'no', with the time of the last register kept. */
	t = sh_run("show lisp site instance-id 100\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	end = strstr(t, "192.168.1.0/24");
	CU_ASSERT_PTR_NOT_NULL_FATAL(end);
	*end = '\0';
	row = strrchr(t, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(row);
	CU_ASSERT_PTR_NOT_NULL(strstr(row, " no "));
	CU_ASSERT_PTR_NULL(strstr(row, "never"));
	free(t);
}

/* ------------------------------------------------------------ tshark */

/*
 * Every frame kept went through tshark: each is a LISP control message
 * (no malformed one) and the ones with an Instance-ID LCAF carry the IIDs
 * we expect.  The count of each (type, IID) pair is checked.
 */
static void test_tshark(void)
{
	char args[512], line[1024];
	struct ts_run t;
	FILE *p;
	unsigned lines = 0, reg100 = 0, notify100 = 0, reply200 = 0, reply100 = 0, reg0 = 0,
		 req200 = 0;

	CU_ASSERT_FATAL(ts_n > 10);
	/* The type of the (inner) message, the IIDs of its LCAFs, its EID
	 * prefixes in LCAFs. */
	snprintf(args, sizeof(args), "-d udp.port==%u,lisp "
		 "-T fields -E separator=/t -E aggregator=, -e frame.number -e _ws.malformed "
		 "-e lisp.type -e lisp.lcaf.iid -e lisp.lcaf.iid.ipv4", REPLY_PORT);
	p = ts_open(&t, ts_f, sizeof(ts_f[0]), ts_len, 0, ts_n, args);
	while (fgets(line, sizeof(line), p)) {
		char *c[8] = { 0 };
		int k = ts_split(line, c, 8);

		lines++;
		CU_ASSERT_FATAL(k >= 5);
		if (c[1][0])
			fprintf(stderr, "\n  tshark: frame %s malformed", c[0]);
		CU_ASSERT(!c[1][0]);
		/* lisp.type: the last is the inner Map-Request of an ECM */
		if (strstr(c[2], "3") && !strcmp(c[3], "100") && !strcmp(c[4], "192.168.1.0"))
			reg100++;
		if (!strcmp(c[2], "4") && !strcmp(c[3], "100") && !strcmp(c[4], "192.168.1.0"))
			notify100++;
		if (!strcmp(c[2], "3") && !strcmp(c[3], "0") && !strcmp(c[4], "10.0.0.0"))
			reg0++;
		if (!strcmp(c[2], "2") && !strcmp(c[3], "200") && !strcmp(c[4], "0.0.0.0"))
			reply200++;
		if (!strcmp(c[2], "2") && !strcmp(c[3], "100") && !strcmp(c[4], "192.168.1.0"))
			reply100++;
		/* the ECM's request: the Source-EID and the EID both in IID 200 */
		if (!strcmp(c[2], "8,1") && !strcmp(c[3], "200,200") &&
		    !strcmp(c[4], "192.168.1.1,10.9.9.9"))
			req200++;
	}
	if (reg100 != 1 || notify100 != 1 || reg0 != 1 || reply200 != 1 || reply100 != 1 ||
	    req200 != 1) {
		char cmd[1024];

		snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' -d udp.port==%u,lisp -T fields "
			 "-e frame.number -e lisp.type -e lisp.lcaf.iid -e lisp.lcaf.iid.ipv4 >&2",
			 ts_tshark(), t.path, REPLY_PORT);
		if (system(cmd) != 0)
			fprintf(stderr, "tshark failed\n");
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(lines, ts_n);
	CU_ASSERT_EQUAL(reg100, 1);
	CU_ASSERT_EQUAL(notify100, 1);
	CU_ASSERT_EQUAL(reg0, 1);
	CU_ASSERT_EQUAL(reply200, 1);
	CU_ASSERT_EQUAL(reply100, 1);
	CU_ASSERT_EQUAL(req200, 1);
}

/* ------------------------------------------------------------ no lisp site */

static int count_fn(const struct lisp_site_eid_info *e, void *arg)
{
	unsigned *n = arg;

	(void)e;
	++*n;
	return 0;
}

static unsigned count_site(const char *site)
{
	unsigned n = 0;

	lisp_site_eid_foreach(L.l[MSR], site, count_fn, &n);
	return n;
}

/*
 * 'no lisp site' takes the site's configured prefixes and the
 * more-specifics registered under them, in every instance, and nothing
 * of another site: not another site's more-specifics under the same
 * prefix in another instance, nor a more-specific another site has since
 * configured as its own.  More than the collector's first 64 children
 * under one prefix (its heap path).
 */
static void test_site_delete(void)
{
	struct lisp_site_eid_info e;
	struct prefix q;
	char err[160], eid[32];
	unsigned i, all;
	uint64_t no_site;

	lab_step(&L, T_SEC);
	for (i = 0; i < 100; i++) {
		snprintf(eid, sizeof(eid), "172.16.%u.0", i);
		do_register(100, true, eid, 24, KEY_A, false, 100 + i);
	}
	do_register(200, true, "172.16.7.0", 24, KEY_B, false, 300);
	do_register(100, true, "192.168.1.0", 24, KEY_A, false, 301);
	CU_ASSERT_EQUAL(count_site("A"), 3 + 100);
	CU_ASSERT_EQUAL(count_site("B"), 2 + 1);
	CU_ASSERT_EQUAL(lookup(100, "172.16.99.1", &e), 0);
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_FALSE(e.configured);
	/* Site D configures A's registered 172.16.2.0/24 as its own. */
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "D", err, sizeof(err)), 0);
	q = PI(100, "172.16.2.0/24");
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "D", &q, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(count_site("A"), 3 + 99);
	all = count_site(NULL);

	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "A", err, sizeof(err)), 0);
	CU_ASSERT_FALSE(lisp_site_exists(L.l[MSR], "A"));
	CU_ASSERT_EQUAL(count_site("A"), 0);
	CU_ASSERT_EQUAL(count_site(NULL), all - (3 + 99));
	CU_ASSERT_EQUAL(lookup(100, "172.16.99.1", &e), -1);
	CU_ASSERT_EQUAL(lookup(100, "192.168.1.5", &e), -1);
	CU_ASSERT_EQUAL(lookup(100, "172.16.2.1", &e), 0);
	CU_ASSERT_STRING_EQUAL(e.site, "D");
	CU_ASSERT_TRUE(e.configured);
	CU_ASSERT_EQUAL(lookup(200, "172.16.7.1", &e), 0);
	CU_ASSERT_STRING_EQUAL(e.site, "B");
	CU_ASSERT_EQUAL(e.prefix.len, 24);
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "A", err, sizeof(err)), -1);
	/* A register for what was A's finds no site. */
	no_site = lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_NO_SITE];
	do_register(100, true, "172.16.3.0", 24, KEY_A, false, 302);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_NO_SITE], no_site + 1);
	/* D's prefix goes with D; B's more-specific with B. */
	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "D", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "B", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(count_site(NULL), count_site("C"));
	CU_ASSERT_EQUAL(lookup(200, "172.16.7.1", &e), -1);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "registry per instance: lookups, walks, the DDT leaf", test_registry },
		{ "Map-Register and Map-Notify per instance, LCAF IID", test_register },
		{ "Map-Request per instance: proxy and negative replies", test_request },
		{ "tshark reads the Instance-ID LCAF in every message", test_tshark },
		{ "show lisp site: the Inst ID column, one instance, detail, JSON", test_views },
		{ "IPv6 EID in an instance; the Map-Notify-Ack per instance", test_ipv6_ack },
		{ "one Map-Register, records of two instances; IPv6 negatives", test_records },
		{ "registrations expire per instance", test_expiry },
		{ "clear lisp site: a prefix, a site, every site", test_site_clear },
		{ "no lisp site: its prefixes and more-specifics, no other site's", test_site_delete },
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{ "lisp_ms_inst", NULL, teardown, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};

	return cunit_run(suites);
}

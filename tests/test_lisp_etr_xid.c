/*
 * DOC: our ETR's xTR-ID and site-ID (issue 13, RFC 9301 section 5.6)
 *
 * The in-process lab (tests/test_lisp_lab.h) with lisp1 (RLOC 10.0.1.2)
 * and lisp2 (RLOC 10.0.2.2) both ETRs of site S for 192.168.1.0/24,
 * registering with mapserver (proxy-reply asked).  Configured through the
 * shell ('router lisp' / 'xtr-id' / 'site-id'):
 *  - off by default: no I bit, no trailer (the register is 24 bytes
 *    shorter), the latest ETR's registration is published alone;
 *  - lisp1 'xtr-id HEX' + 'site-id 7', lisp2 'xtr-id auto': every
 *    Map-Register carries I and the trailer (the MS verified its HMAC
 *    over it), the MS merges both ETRs ('show lisp site detail': Merge
 *    active, both xTR-IDs), its proxy Map-Reply carries both locators;
 *    tshark reads the registers' I bit, xTR-ID and Site-ID and the reply;
 *  - the generated xTR-ID is shown by 'show ip lisp' (and its JSON) and
 *    written by 'show running-config' as a configured one; bad IDs get a
 *    '%' error; 'no xtr-id' goes back to plain registers at once;
 *  - the Map-Server's unsolicited Map-Notify counters in 'show ip lisp
 *    statistics' (lisp1 acked the one lisp2's joining caused).
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
#define REPLY_PORT	50124
#define XID1		"0102030405060708090a0b0c0d0e0f10"

static struct lab L;

/* Frames for tshark: a register of each ETR, then the Map-Reply. */
#define TS_MAX		4
static uint8_t ts_f[TS_MAX][1600];
static size_t ts_len[TS_MAX];
static unsigned ts_n;

/* The shell's transcript of lines (config lines allowed) on router r. */
static char *sh_run(int r, const char *lines)
{
	return lab_sh(&L, r, lines);
}

static bool sh_has(int r, const char *cmd, const char *const *want)
{
	char *t = sh_run(r, cmd);
	bool ok = t != NULL;

	for (; ok && *want; want++)
		ok = strstr(t, *want) != NULL;
	if (!ok)
		fprintf(stderr, "\n'%s' wrong:\n%s\n", cmd, t ? t : "");
	free(t);
	return ok;
}

static void xtr(int r, const char *rloc)
{
	struct lisp_loc_cfg loc;
	struct lisp_ms_cfg ms;
	struct prefix p = P4("192.168.1.0/24");
	char err[160];

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 50;
	CU_ASSERT_EQUAL(lisp_set_role(L.l[r], LISP_ROLE_ETR, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_db_add(L.l[r], &p, &loc, err, sizeof(err)), 0);
	memset(&ms, 0, sizeof(ms));
	ms.addr = A4("10.0.3.1");
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_S);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	ms.proxy_reply = true;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[r], &ms, err, sizeof(err)), 0);
}

static void setup(void)
{
	struct prefix p = P4("192.168.1.0/24");
	char err[160];

	lab_setup(&L, false);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[MSR], LISP_ROLE_MS | LISP_ROLE_MR, true, err,
				      sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], "S", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[MSR], "S", KEY_S, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "S", &p, false, err, sizeof(err)), 0);
	xtr(LISP1, "10.0.1.2");
	xtr(LISP2, "10.0.2.2");
	lab_clear_capture(&L);
}

static struct lisp_site_eid_info site_eid(void)
{
	struct lisp_site_eid_info e;
	struct addr x = A4("192.168.1.5");

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	return e;
}

/* The last Map-Register router r sent on link k since the capture was
 * cleared: decoded into *m (the caller frees), its frame kept for tshark
 * when keep; its length, 0 when none. */
static size_t last_register(int r, int k, struct lisp_map_register *m, bool keep)
{
	const struct lab_link *lk = &L.link[k];
	const struct lab_frame *f = NULL;
	const uint8_t *u = NULL;
	size_t len = 0, n;

	for (size_t i = 0; i < lk->n; i++) {
		const uint8_t *x = lab_udp(&lk->cap[i], LISP_CONTROL_PORT, &n);

		if (lk->cap[i].from == r && x && lisp_msg_type(x, n) == LISP_MAP_REGISTER) {
			f = &lk->cap[i];
			u = x;
			len = n;
		}
	}
	if (!u)
		return 0;
	memset(m, 0, sizeof(*m));
	CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(u, len, m), LISP_OK);
	CU_ASSERT_EQUAL(lisp_auth_verify(u, len, KEY_S, strlen(KEY_S)), LISP_OK);
	if (keep && ts_n < TS_MAX && f->len <= sizeof(ts_f[0])) {
		memcpy(ts_f[ts_n], f->d, f->len);
		ts_len[ts_n++] = f->len;
	}
	return len;
}

/* An ECM'd Map-Request for eid to mapserver as if from lisp1; the
 * Map-Reply decoded into *rep (its frame kept for tshark). */
static bool request(const char *eid, uint64_t nonce, struct lisp_map_reply *rep)
{
	struct lab_req q = { .eid = eid, .src_eid = "192.168.2.1", .sport = REPLY_PORT,
			     .nonce = nonce };
	uint8_t b[600];
	size_t n = lab_ecm_request(&q, b, sizeof(b)), fl = 0;
	bool ok;

	lab_clear_capture(&L);
	lab_inject_udp(&L, MSR, L.eth[MSR][0], "10.0.1.2", "10.0.3.1", REPLY_PORT,
		       LISP_CONTROL_PORT, b, n, 64, 0);
	lab_pump(&L);
	ok = lab_map_reply(&L, LINK1, REPLY_PORT, rep, ts_n < TS_MAX ? ts_f[ts_n] : NULL,
			   sizeof(ts_f[0]), &fl);
	if (fl)
		ts_len[ts_n++] = fl;
	return ok;
}

static bool reply_has(const struct lisp_map_reply *rep, const char *a)
{
	if (rep->record_count != 1)
		return false;
	for (unsigned i = 0; i < rep->records[0].loc_count; i++)
		if (rep->records[0].locs[i].rloc.addr.u.v4 == ip4(a))
			return true;
	return false;
}

static void test_default_off(void)
{
	struct lisp_map_register m;
	struct lisp_site_eid_info e;
	size_t n1;

	setup();
	lab_run(&L, 1000);
	n1 = last_register(LISP1, LINK1, &m, false);
	CU_ASSERT_FATAL(n1 > 0);
	CU_ASSERT_FALSE(m.xtr_id_present);
	lisp_map_register_free(&m);
	e = site_eid();
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_FALSE(e.merged);
	/* the xTR-ID on: registered again at once, 24 bytes longer */
	lab_clear_capture(&L);
	free(sh_run(LISP1, "configure terminal\nrouter lisp\nxtr-id " XID1 "\nend"));
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(last_register(LISP1, LINK1, &m, false), n1 + 24);
	CU_ASSERT_TRUE(m.xtr_id_present);
	CU_ASSERT_EQUAL(m.xtr_id[0], 0x01);
	CU_ASSERT_EQUAL(m.xtr_id[15], 0x10);
	CU_ASSERT_EQUAL(m.site_id, 0);
	lisp_map_register_free(&m);
	/* and off again: the plain register, at once */
	lab_clear_capture(&L);
	free(sh_run(LISP1, "configure terminal\nrouter lisp\nno xtr-id\nend"));
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(last_register(LISP1, LINK1, &m, false), n1);
	CU_ASSERT_FALSE(m.xtr_id_present);
	lisp_map_register_free(&m);
	CU_ASSERT_FALSE(lisp_xtr_id(L.l[LISP1], NULL));
	lab_teardown(&L);
}

static void test_merge(void)
{
	static const char *const det[] = {
		"Merge active:         Yes",
		"ETR 10.0.1.2, last registered",
		"xTR-ID 0x01020304-0x05060708-0x090A0B0C-0x0D0E0F10",
		"site-ID 0x00000000-0x00000007",
		"ETR 10.0.2.2, last registered", NULL,
	};
	static const char *const errs[] = {
		"% xTR-ID must be 32 hex digits (128 bits) or auto",
		"% Invalid input detected", NULL,
	};
	struct lisp_map_register m1, m2;
	struct lisp_site_eid_info e;
	struct lisp_map_reply rep;
	uint8_t id2[16];
	char want[96], *t;
	const char *w[3] = { want, NULL, NULL };

	setup();
	free(sh_run(LISP1, "configure terminal\nrouter lisp\nxtr-id 0x" XID1 "\nsite-id 7\nend"));
	free(sh_run(LISP2, "configure terminal\nrouter lisp\nxtr-id auto\nsite-id 7\nend"));
	CU_ASSERT_TRUE(sh_has(LISP1, "configure terminal\nrouter lisp\nxtr-id 0102\n"
			      "xtr-id 0102030405060708090a0b0c0d0e0fzz\nsite-id x7\nend", errs));
	CU_ASSERT_TRUE_FATAL(lisp_xtr_id(L.l[LISP2], id2));
	lab_run(&L, 1000);

	/* every register with I and the trailer; the MS verified them */
	CU_ASSERT_FATAL(last_register(LISP1, LINK1, &m1, true) > 0);
	CU_ASSERT_FATAL(last_register(LISP2, LINK2, &m2, true) > 0);
	CU_ASSERT_TRUE(m1.xtr_id_present);
	CU_ASSERT_TRUE(m2.xtr_id_present);
	CU_ASSERT_EQUAL(m1.xtr_id[3], 0x04);	/* the bad lines changed nothing */
	CU_ASSERT_EQUAL(m1.site_id, 7);
	CU_ASSERT_EQUAL(m2.site_id, 7);
	CU_ASSERT_EQUAL(memcmp(m2.xtr_id, id2, 16), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(m1.xtr_id, m2.xtr_id, 16), 0);
	lisp_map_register_free(&m1);
	lisp_map_register_free(&m2);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH], 0);

	e = site_eid();
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_TRUE(e.merged);
	CU_ASSERT_EQUAL(e.n_etrs, 2);
	CU_ASSERT_EQUAL(e.n_locs, 2);
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site detail", det));

	/* lisp2 joining sent lisp1 an unsolicited Map-Notify, which it acked:
	 * the Map-Server's queue counters show it */
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics",
			      (const char *const[]){ "  Unsolicited Map-Notifies awaiting Ack:      0\n"
						     "    Acknowledged:                             1\n"
						     "    Unanswered (3 sent):                      0\n"
						     "    Dropped (queue full):                     0\n", NULL }));
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics | json",
			      (const char *const[]){ "\"ms_notifies_pending\":0,\"ms_notifies_acked\":1,"
						     "\"ms_notifies_unanswered\":0,\"ms_notifies_dropped\":0", NULL }));
	t = sh_run(MSR, "show lisp instance-id 0 ipv4 statistics");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Map-Notify-Ack messages in:"));
	CU_ASSERT_PTR_NULL(strstr(t, "Unsolicited"));
	free(t);

	/* the proxy Map-Reply: both ETRs' locators */
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_TRUE_FATAL(request("192.168.1.5", 0xabc, &rep));
	CU_ASSERT_TRUE(reply_has(&rep, "10.0.1.2"));
	CU_ASSERT_TRUE(reply_has(&rep, "10.0.2.2"));
	CU_ASSERT_EQUAL(rep.records[0].loc_count, 2);
	lisp_map_reply_free(&rep);

	/* the generated ID: shown, and written as configured */
	strcpy(want, "xtr-id ");
	for (int i = 0; i < 16; i++)
		snprintf(want + 7 + 2 * i, 3, "%02x", id2[i]);
	CU_ASSERT_TRUE(sh_has(LISP2, "show running-config", w));
	CU_ASSERT_TRUE(sh_has(LISP1, "show running-config",
			      (const char *const[]){ " xtr-id " XID1 "\n site-id 7\n", NULL }));
	t = sh_run(LISP2, "show ip lisp");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "ETR xTR-ID:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, want + 7));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "ETR site-ID:"));
	free(t);
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp | json",
			      (const char *const[]){ "\"etr_xtr_id\":\"" XID1 "\",\"etr_site_id\":7", NULL }));
	/* 'no router lisp' forgets them */
	free(sh_run(LISP2, "configure terminal\nno router lisp\nend"));
	CU_ASSERT_FALSE(lisp_xtr_id(L.l[LISP2], NULL));
	CU_ASSERT_EQUAL(lisp_site_id(L.l[LISP2]), 0);
	/* without one: no such lines */
	t = sh_run(MSR, "show ip lisp\nshow running-config");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NULL(strstr(t, "xTR-ID"));
	CU_ASSERT_PTR_NULL(strstr(t, "xtr-id"));
	free(t);
	lab_teardown(&L);
}

/* ------------------------------------------------------------ tshark */

/* The two registers (I bit, xTR-ID, Site-ID) and the merged reply. */
static void test_tshark(void)
{
	char args[512], line[1024];
	struct ts_run t;
	FILE *p;
	unsigned n = 0;

	CU_ASSERT_EQUAL_FATAL(ts_n, 3);
	snprintf(args, sizeof(args), "-d udp.port==%u,lisp "
		 "-T fields -E separator=/t -E aggregator=, -e _ws.malformed -e lisp.type "
		 "-e lisp.mreg.flags.xtrid -e lisp.xtrid -e lisp.siteid -e lisp.mapping.loccnt "
		 "-e lisp.loc.locator", REPLY_PORT);
	p = ts_open(&t, ts_f, sizeof(ts_f[0]), ts_len, 0, ts_n, args);
	while (fgets(line, sizeof(line), p)) {
		char *f[8] = { 0 }, *s = line;
		int k = 0;

		line[strcspn(line, "\n")] = '\0';
		while (k < 8 && (f[k++] = strsep(&s, "\t")))
			;
		CU_ASSERT_STRING_EQUAL(f[0], "");		/* not malformed */
		if (n == 0) {
			CU_ASSERT_STRING_EQUAL(f[1], "3");
			CU_ASSERT(!strcmp(f[2], "1") || !strcmp(f[2], "True"));
			CU_ASSERT_STRING_EQUAL(f[3], XID1);
			CU_ASSERT_STRING_EQUAL(f[4], "0000000000000007");
			CU_ASSERT_STRING_EQUAL(f[6], "10.0.1.2");
		} else if (n == 1) {
			CU_ASSERT_STRING_EQUAL(f[1], "3");
			CU_ASSERT(!strcmp(f[2], "1") || !strcmp(f[2], "True"));
			CU_ASSERT_EQUAL(strlen(f[3]), 32);
			CU_ASSERT_STRING_NOT_EQUAL(f[3], XID1);
			CU_ASSERT_STRING_EQUAL(f[4], "0000000000000007");
			CU_ASSERT_STRING_EQUAL(f[6], "10.0.2.2");
		} else if (n == 2) {
			CU_ASSERT_STRING_EQUAL(f[1], "2");
			CU_ASSERT_STRING_EQUAL(f[2], "");
			CU_ASSERT_STRING_EQUAL(f[5], "2");
			CU_ASSERT(!strcmp(f[6], "10.0.1.2,10.0.2.2") ||
				  !strcmp(f[6], "10.0.2.2,10.0.1.2"));
		}
		n++;
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
	CU_ASSERT_EQUAL(n, 3);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "xtr-id off by default, on and off at once", test_default_off },
		{ "two lispr ETRs with xTR-IDs: merged at the MS; show, config", test_merge },
		{ "tshark reads the I bit, xTR-ID, Site-ID and the merged reply", test_tshark },
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{ "lisp_etr_xid", NULL, NULL, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};

	return cunit_run(suites);
}

/*
 * DOC: tests of an ETR with several map-servers (issue 13) in the
 * in-process lab (tests/test_lisp_lab.h)
 *
 * lisp1 registers 192.168.1.0/24 with two Map-Servers: mapserver
 * (10.0.3.1) and outsideworld (10.0.3.2, made a Map-Server with site A
 * here).  Each is on its own: its own nonces, timer and Map-Notify state;
 * frames to outsideworld lost on the wire take it down after 3 periods
 * and change nothing for mapserver (the same registers at the same
 * times); an unsolicited Map-Notify is acknowledged; a Map-Notify for our
 * nonce with a wrong MAC marks the server auth-failure.  Also the site's
 * several authentication keys (key IDs, a rollover without a gap).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "lisp_msg.h"
#include "log.h"
#include "test_lisp_lab.h"

static struct lab L;

/* MAP_SERVER_UP / MAP_SERVER_DOWN events logged (a log sink). */
static unsigned ev_up, ev_down;

static void ev_sink(void *arg, int level, const char *line)
{
	(void)arg;
	(void)level;
	if (strstr(line, "%LISP-5-MAP_SERVER_UP: Map-Server 10.0.3.2 is up"))
		ev_up++;
	if (strstr(line, "%LISP-4-MAP_SERVER_DOWN: Map-Server 10.0.3.2 is down"))
		ev_down++;
}

static int sink_id = -1;

static int suite_init(void)
{
	log_init(256, false);
	sink_id = log_sink_add(ev_sink, NULL);
	return sink_id < 0;
}

static int suite_clean(void)
{
	log_sink_del(sink_id);
	log_shutdown();
	return 0;
}

#define MS1	"10.0.3.1"
#define MS2	"10.0.3.2"
#define PERIOD_MS	(LISP_REGISTER_INTERVAL_S * 1000)

struct ms_find {
	struct addr a;
	struct lisp_ms_info info;
	int found;
};

static int ms_find_fn(const struct lisp_ms_info *m, void *arg)
{
	struct ms_find *f = arg;

	if (addr_eq(&m->cfg.addr, &f->a)) {
		f->info = *m;
		f->found++;
	}
	return 0;
}

static struct lisp_ms_info msi(int r, const char *a)
{
	struct ms_find f;

	memset(&f, 0, sizeof(f));
	f.a = A4(a);
	lisp_map_server_foreach(L.l[r], ms_find_fn, &f);
	CU_ASSERT_EQUAL(f.found, 1);
	return f.info;
}

static int site_keys_fn(const struct lisp_site_info *s, void *arg)
{
	if (strcmp(s->name, "A"))
		return 0;
	*(struct lisp_site_info *)arg = *s;
	return 1;
}

static struct lisp_site_eid_info reg_at(int r, const char *eid)
{
	struct lisp_site_eid_info e;
	struct addr x = A4(eid);

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[r], &x, &e), 0);
	return e;
}

static void add_ms(int r, const char *a, const char *key, uint8_t key_id)
{
	struct lisp_ms_cfg ms;
	char err[160];

	memset(&ms, 0, sizeof(ms));
	ms.addr = A4(a);
	snprintf(ms.key, sizeof(ms.key), "%s", key);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	ms.key_id = key_id;
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[r], &ms, err, sizeof(err)), 0);
}

/* The seed lab, outsideworld a second Map-Server for site A, lisp1
 * registering with both. */
static void setup_two(void)
{
	struct prefix p = P4("192.168.1.0/24");
	char err[160];

	lab_setup(&L, true);
	CU_ASSERT_EQUAL(lisp_set_role(L.l[OUTW], LISP_ROLE_MS, true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_add(L.l[OUTW], "A", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L.l[OUTW], "A", KEY_A, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[OUTW], "A", &p, false, err, sizeof(err)), 0);
	add_ms(LISP1, MS2, KEY_A, 0);
}

/* Frames for outsideworld's LISP control port are lost. */
static bool drop_to_ms2(const uint8_t *f, size_t n, void *arg)
{
	static const uint8_t ms2[4] = { 10, 0, 3, 2 };
	const uint8_t *ip = f + 14;

	(void)arg;
	return n >= 14 + 28 && f[12] == 0x08 && f[13] == 0 && ip[9] == 17 &&
	       memcmp(ip + 16, ms2, 4) == 0 && get16(ip + 20 + 2) == LISP_CONTROL_PORT;
}

static void test_two_servers_independent(void)
{
	struct lisp_ms_info a, b, a0;
	struct lisp_site_eid_info r1, r2;
	uint64_t t0;
	int k;

	ev_up = ev_down = 0;
	setup_two();
	lab_run(&L, 1000);
	a = msi(LISP1, MS1);
	b = msi(LISP1, MS2);
	CU_ASSERT_EQUAL(ev_up, 1);
	CU_ASSERT_TRUE(a.up);
	CU_ASSERT_TRUE(b.up);
	CU_ASSERT_EQUAL(a.notify_state, LISP_MSN_VERIFIED);
	CU_ASSERT_EQUAL(b.notify_state, LISP_MSN_VERIFIED);
	CU_ASSERT_EQUAL(a.registers_sent, 1);
	CU_ASSERT_EQUAL(b.registers_sent, 1);
	CU_ASSERT_EQUAL(a.notifies_in, 1);
	CU_ASSERT_EQUAL(b.notifies_in, 1);
	r1 = reg_at(MSR, "192.168.1.1");
	r2 = reg_at(OUTW, "192.168.1.1");
	CU_ASSERT_TRUE(r1.registered);
	CU_ASSERT_TRUE(r2.registered);
	CU_ASSERT_TRUE(r1.want_notify);
	/* each server its own nonce */
	CU_ASSERT_NOT_EQUAL(r1.nonce, r2.nonce);
	t0 = a.last_register;

	/* outsideworld unreachable: everything to it is lost */
	L.drop = drop_to_ms2;
	for (k = 1; k <= 4; k++) {
		lab_run(&L, PERIOD_MS);
		a = msi(LISP1, MS1);
		b = msi(LISP1, MS2);
		/* mapserver: one register a period, on its phase, confirmed */
		CU_ASSERT_EQUAL(a.registers_sent, 1u + k);
		CU_ASSERT_EQUAL(a.last_register, t0 + (uint64_t)k * PERIOD_MS * NS_PER_MS);
		CU_ASSERT_EQUAL(a.notifies_in, 1u + k);
		CU_ASSERT_TRUE(a.up);
		CU_ASSERT_EQUAL(a.notify_state, LISP_MSN_VERIFIED);
		/* outsideworld: still sent to, awaiting, down after 3 periods */
		CU_ASSERT_EQUAL(b.registers_sent, 1u + k);
		CU_ASSERT_EQUAL(b.notifies_in, 1);
		CU_ASSERT_EQUAL(b.notify_state, LISP_MSN_AWAITING);
		CU_ASSERT_EQUAL(b.up, k < LISP_MS_UP_PERIODS);
		CU_ASSERT_TRUE(reg_at(MSR, "192.168.1.1").registered);
	}
	CU_ASSERT_EQUAL(b.up_down_since, b.last_notify +
			(uint64_t)LISP_MS_UP_PERIODS * PERIOD_MS * NS_PER_MS);
	CU_ASSERT_EQUAL(ev_down, 1);	/* logged once, at its next register */
	/* outsideworld's own registration lapsed (180 s) */
	CU_ASSERT_FALSE(reg_at(OUTW, "192.168.1.1").registered);

	/* back: the next period brings it up again */
	L.drop = NULL;
	a0 = msi(LISP1, MS1);
	lab_run(&L, PERIOD_MS);
	b = msi(LISP1, MS2);
	CU_ASSERT_TRUE(b.up);
	CU_ASSERT_EQUAL(ev_up, 2);
	CU_ASSERT_EQUAL(b.up_down_since, b.last_notify);
	CU_ASSERT_EQUAL(b.notifies_in, 2);
	CU_ASSERT_TRUE(reg_at(OUTW, "192.168.1.1").registered);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a0.registers_sent + 1);
	lab_teardown(&L);
}

/* A map-server added later registers at once, alone, and keeps its own
 * phase when an earlier slot is removed. */
static void test_own_phase(void)
{
	struct lisp_ms_info a, b;
	struct addr x = A4(MS1);
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	{
		struct prefix p = P4("192.168.1.0/24");

		CU_ASSERT_EQUAL(lisp_set_role(L.l[OUTW], LISP_ROLE_MS, true, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_site_add(L.l[OUTW], "A", err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_site_set_key(L.l[OUTW], "A", KEY_A, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[OUTW], "A", &p, false, err, sizeof(err)), 0);
	}
	lab_run(&L, 20000);
	a = msi(LISP1, MS1);
	add_ms(LISP1, MS2, KEY_A, 0);
	lab_run(&L, 100);
	b = msi(LISP1, MS2);
	CU_ASSERT_EQUAL(b.registers_sent, 1);
	CU_ASSERT_TRUE(b.up);
	/* mapserver was not sent anything more */
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent);
	/* the same entry again (a reload): registered at once, its session
	 * and counters go on */
	add_ms(LISP1, MS2, KEY_A, 0);
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).registers_sent, 2);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).notifies_in, 2);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).up_down_since, b.up_down_since);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent);
	b = msi(LISP1, MS2);
	CU_ASSERT_EQUAL(b.next_register, b.last_register + (uint64_t)PERIOD_MS * NS_PER_MS);
	CU_ASSERT_EQUAL(a.next_register, a.last_register + (uint64_t)PERIOD_MS * NS_PER_MS);
	CU_ASSERT_NOT_EQUAL(a.next_register, b.next_register);
	/* slot 0 removed: 10.0.3.2 moves to slot 0 with its own plan */
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &x, 0, err, sizeof(err)), 0);
	lab_run(&L, 45000);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).registers_sent, b.registers_sent);
	lab_run(&L, 20000);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).registers_sent, b.registers_sent + 1);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).last_register, b.next_register);
	lab_teardown(&L);
}

static ssize_t notify(uint8_t *b, size_t cap, uint64_t nonce, const char *key)
{
	struct lisp_map_register n;
	struct lisp_record rec;

	memset(&n, 0, sizeof(n));
	memset(&rec, 0, sizeof(rec));
	rec.ttl = 1440;
	rec.eid.eid.addr = A4("192.168.1.0");
	rec.eid.mask_len = 24;
	n.type = LISP_MAP_NOTIFY;
	n.nonce = nonce;
	n.alg_id = LISP_AUTH_HMAC_SHA1;
	n.record_count = 1;
	n.records = &rec;
	return lisp_map_register_encode(&n, key, strlen(key), b, cap);
}

/* Map-Notifies: for our nonce with a wrong MAC (auth-failure), an
 * unsolicited verified one (acknowledged with a Map-Notify-Ack the
 * Map-Server verifies), one from a stranger (dropped). */
static void test_notify_states(void)
{
	const struct lisp_stats *st;
	struct lisp_ms_info b;
	uint8_t buf[512];
	ssize_t n;
	size_t i, len, acks = 0;

	setup_two();
	lab_run(&L, 1000);
	st = lisp_stats(L.l[LISP1]);
	n = notify(buf, sizeof(buf), reg_at(OUTW, "192.168.1.1").nonce, "wrong");
	CU_ASSERT_FATAL(n > 0);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], MS2, "10.0.1.2", 4342, 4342, buf, (size_t)n,
		       64, 0);
	b = msi(LISP1, MS2);
	CU_ASSERT_EQUAL(b.notify_state, LISP_MSN_AUTH_FAILED);
	CU_ASSERT_EQUAL(b.notify_auth_failures, 1);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_NOTIFY_AUTH], 1);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).notify_state, LISP_MSN_VERIFIED);

	/* unsolicited, verified: acknowledged */
	lab_clear_capture(&L);
	n = notify(buf, sizeof(buf), 0x1234567, KEY_A);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], MS2, "10.0.1.2", 4342, 4342, buf, (size_t)n,
		       64, 0);
	lab_pump(&L);
	b = msi(LISP1, MS2);
	CU_ASSERT_EQUAL(b.acks_out, 1);
	CU_ASSERT_EQUAL(b.notifies_in, 2);
	CU_ASSERT_EQUAL(b.notify_state, LISP_MSN_VERIFIED);
	for (i = 0; i < L.link[LINK1].n; i++) {
		const uint8_t *u = lab_udp(&L.link[LINK1].cap[i], LISP_CONTROL_PORT, &len);

		if (u && L.link[LINK1].cap[i].from == LISP1 && len == (size_t)n &&
		    u[0] >> 4 == LISP_MAP_NOTIFY_ACK) {
			acks++;
			CU_ASSERT_EQUAL(memcmp(u + 4, buf + 4, 8), 0);	/* the nonce */
			CU_ASSERT_EQUAL(lisp_auth_verify(u, len, KEY_A, strlen(KEY_A)), LISP_OK);
		}
	}
	CU_ASSERT_EQUAL(acks, 1);
	CU_ASSERT_EQUAL(lisp_stats(L.l[OUTW])->notify_ack_verified, 1);

	/* from a stranger: not ours */
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.3.9", "10.0.1.2", 4342, 4342, buf,
		       (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_NOTIFY_NONCE], 1);
	CU_ASSERT_EQUAL(msi(LISP1, MS2).acks_out, 1);
	lab_teardown(&L);
}

/* A site with several keys: each Map-Register is verified (and its
 * Map-Notify signed) with the key of its Key ID; the ETR moves from key 0
 * to key 1 without a gap, then key 0 is removed. */
static void test_site_keys(void)
{
	struct lisp_site_info si;
	char err[160];
	uint64_t fails;

	lab_setup(&L, true);
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 1, "rolled-key", NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 9, "third", NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 5, "fourth", NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_key_set(L.l[MSR], "A", 6, "fifth", NULL, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "At most 4"));
	CU_ASSERT_EQUAL(lisp_site_key_del(L.l[MSR], "A", 5, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_key_del(L.l[MSR], "A", 5, err, sizeof(err)), -1);
	lisp_site_foreach(L.l[MSR], site_keys_fn, &si);
	CU_ASSERT_EQUAL_FATAL(si.n_keys, 3);
	CU_ASSERT_EQUAL(si.keys[0].id, 0);
	CU_ASSERT_EQUAL(si.keys[1].id, 1);
	CU_ASSERT_EQUAL(si.keys[2].id, 9);
	CU_ASSERT_STRING_EQUAL(si.keys[1].key, "rolled-key");
	lab_run(&L, 1000);
	CU_ASSERT_TRUE(reg_at(MSR, "192.168.1.1").registered);
	CU_ASSERT_EQUAL(reg_at(MSR, "192.168.1.1").key_id, 0);
	/* the ETR rolls to key 1: registered at once, its notify verifies */
	add_ms(LISP1, MS1, "rolled-key", 1);
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(reg_at(MSR, "192.168.1.1").key_id, 1);
	CU_ASSERT_TRUE(msi(LISP1, MS1).up);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).notify_state, LISP_MSN_VERIFIED);
	/* key 0 retired: key 1 still works, key 0 no longer */
	CU_ASSERT_EQUAL(lisp_site_key_del(L.l[MSR], "A", 0, err, sizeof(err)), 0);
	fails = lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH];
	lab_run(&L, PERIOD_MS);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH], fails);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).notifies_in, 2);	/* since re-added */
	add_ms(LISP1, MS1, KEY_A, 0);
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH], fails + 1);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).notify_state, LISP_MSN_AWAITING);
	/* a Key ID the site does not have: refused as well */
	add_ms(LISP1, MS1, "rolled-key", 2);
	lab_run(&L, 100);
	CU_ASSERT_EQUAL(lisp_stats(L.l[MSR])->drops[LISP_DROP_REG_AUTH], fails + 2);
	lab_teardown(&L);
}

/*
 * Database changes register at once, but not more than once per 100 ms:
 * a change after a quiet spell is registered at once; the changes that
 * follow it within 100 ms are registered together, 100 ms after the
 * first (a pasted database built a registration per line).
 */
static void test_trigger_gap(void)
{
	struct lisp_loc_cfg loc;
	struct lisp_ms_info a;
	struct prefix p;
	char err[160], pb[32];
	unsigned i;

	lab_setup(&L, true);
	lab_run(&L, 20000);
	a = msi(LISP1, MS1);
	CU_ASSERT_TRUE(a.registers_sent >= 1);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.1.2");
	loc.priority = 1;
	loc.weight = 100;
	p = P4("192.168.1.0/26");
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p, &loc, err, sizeof(err)), 0);
	lab_step(&L, NS_PER_MS);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 1);
	for (i = 0; i < 20; i++) {		/* 1 + 40 ms */
		snprintf(pb, sizeof(pb), "172.20.%u.0/24", i);
		p = P4(pb);
		CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p, &loc, err, sizeof(err)), 0);
		lab_step(&L, 2 * NS_PER_MS);
	}
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 1);
	lab_step(&L, 58 * NS_PER_MS);		/* 99 ms */
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 1);
	lab_step(&L, NS_PER_MS);		/* 100 ms: one for them all */
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 2);
	lab_step(&L, 200 * NS_PER_MS);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 2);
	/* then every period again */
	a = msi(LISP1, MS1);
	CU_ASSERT_EQUAL(a.next_register, a.last_register + (uint64_t)PERIOD_MS * NS_PER_MS);
	lab_run(&L, PERIOD_MS);
	CU_ASSERT_EQUAL(msi(LISP1, MS1).registers_sent, a.registers_sent + 1);
	lab_teardown(&L);
}

static CU_TestInfo multi_tests[] = {
	{ "two map-servers, one lost", test_two_servers_independent },
	{ "each map-server its own phase", test_own_phase },
	{ "Map-Notify states and Map-Notify-Ack", test_notify_states },
	{ "several site keys, a rollover", test_site_keys },
	{ "database changes register at most once per 100 ms", test_trigger_gap },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "ETR with several map-servers", suite_init, suite_clean, NULL, NULL, multi_tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

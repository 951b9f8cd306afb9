/*
 * DOC: tests of the log module, the logging commands and the router's
 * syslog sender
 *
 * Severity thresholds per destination, the buffer's size in bytes,
 * 'service timestamps', IOS message text, the RFC 3164 and RFC 5424
 * datagrams byte for byte, the writer's bounded queue (a stuck transport
 * never blocks a caller; the overflow is counted), the commands with
 * their running-config round trip and 'show logging | json', the event
 * hooks (interface shutdown, leaving configuration mode), and the syslog
 * datagram the router itself sends on a memory port: source address
 * (egress or 'logging source-interface'), UDP ports and payload.
 */
#include "config.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <CUnit/CUnit.h>

#include "iface.h"
#include "clockzone.h"
#include "timerange.h"
#include "log.h"
#include "logsend.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "test_router_util.h"
#include "test_shell_util.h"

struct lines {
	char *text;
	size_t len;
	FILE *f;
};

static void collect(void *arg, const char *line)
{
	fprintf(((struct lines *)arg)->f, "%s\n", line);
}

/* The buffer as one string (free it). */
static char *ring_text(void)
{
	struct lines l = { 0 };

	l.f = open_memstream(&l.text, &l.len);
	log_ring_walk(collect, &l);
	fclose(l.f);
	return l.text;
}

static bool matches(const char *re, const char *s)
{
	regex_t r;
	bool ok;

	if (regcomp(&r, re, REG_EXTENDED | REG_NEWLINE))
		return false;
	ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

/* ---------------------------------------------------------------- core */

static void test_levels(void)
{
	struct log_conf c;
	char *t;

	log_init(1000, false);
	log_get_conf(&c);
	CU_ASSERT_EQUAL(c.buffered_size, 102400);
	CU_ASSERT_EQUAL(c.trap_level, LOG_INFO);
	CU_ASSERT_EQUAL(c.facility, LOG_LOCAL7);
	c.buffered_level = LOG_WARNING;
	log_set_conf(&c);
	log_msg(LOG_INFO, "not buffered");
	log_msg(LOG_WARNING, "buffered warning");
	log_event("LINK", LOG_ERR, "UPDOWN", "Interface %s, changed state to up", "eth1");
	t = ring_text();
	CU_ASSERT_PTR_NULL(strstr(t, "not buffered"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, ": buffered warning\n"));
	/* The default stamp: datetime msec, then IOS's text. */
	CU_ASSERT(matches("^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}: "
			  "%LINK-3-UPDOWN: Interface eth1, changed state to up$", t));
	free(t);
	CU_ASSERT_EQUAL(log_level_parse("warn"), LOG_WARNING);
	CU_ASSERT_EQUAL(log_level_parse("4"), 4);
	CU_ASSERT_EQUAL(log_level_parse("e"), -1);	/* emergencies or errors */
	CU_ASSERT_EQUAL(log_level_parse("8"), -1);
	CU_ASSERT_EQUAL(log_facility_parse("local4"), LOG_LOCAL4);
	CU_ASSERT_EQUAL(log_facility_parse("local8"), -1);
	log_shutdown();
}

static void test_buffer_bytes(void)
{
	struct log_conf c;
	char *t;
	size_t n, bytes;

	log_init(100000, false);
	log_get_conf(&c);
	c.buffered_size = 4096;
	c.ts_log.kind = LOG_TS_NONE;
	log_set_conf(&c);
	for (int i = 0; i < 500; i++)
		log_msg(LOG_INFO, "line %03d %0*d", i, 80, 0);
	t = ring_text();
	bytes = strlen(t);
	n = log_ring_count();
	/* Each line is 90 bytes and a NUL: 45 fit in 4096. */
	CU_ASSERT_EQUAL(n, 45);
	CU_ASSERT(bytes <= 4096);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "line 499 "));
	CU_ASSERT_PTR_NULL(strstr(t, "line 454 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "line 455 "));
	free(t);
	/* Turning the buffer off empties it; 'clear logging' too. */
	c.buffered_on = false;
	log_set_conf(&c);
	CU_ASSERT_EQUAL(log_ring_count(), 0);
	c.buffered_on = true;
	log_set_conf(&c);
	log_msg(LOG_INFO, "again");
	CU_ASSERT_EQUAL(log_ring_count(), 1);
	log_ring_clear();
	CU_ASSERT_EQUAL(log_ring_count(), 0);
	log_shutdown();
}

static void test_timestamps(void)
{
	struct log_conf c;
	char *t;

	log_init(100, false);
	log_get_conf(&c);
	c.ts_log.kind = LOG_TS_NONE;
	log_set_conf(&c);
	log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from console by console");
	c.ts_log.kind = LOG_TS_UPTIME;
	c.ts_log.msec = false;
	log_set_conf(&c);
	log_msg(LOG_INFO, "uptime stamped");
	c.ts_log = (struct log_ts){ .kind = LOG_TS_DATETIME, .year = true, .tz = true };
	log_set_conf(&c);
	log_msg(LOG_INFO, "year stamped");
	/* 'localtime': the zone 'clock timezone' gives, by name. */
	{
		struct clock_zone z = { .set = true, .name = "XST", .offset_min = 330 }, none = { 0 };

		clock_zone_set(&z);
		c.ts_log = (struct log_ts){ .kind = LOG_TS_DATETIME, .localtime = true, .tz = true };
		log_set_conf(&c);
		log_msg(LOG_INFO, "zone stamped");
		clock_zone_set(&none);
	}
	/* Debug lines follow 'service timestamps debug'. */
	c.ts_debug.kind = LOG_TS_NONE;
	log_set_conf(&c);
	log_msg(LOG_DEBUG, "debug bare");
	t = ring_text();
	CU_ASSERT(matches("^%SYS-5-CONFIG_I: Configured from console by console$", t));
	CU_ASSERT(matches("^00:00:[0-9]{2}: uptime stamped$", t));
	CU_ASSERT(matches("^[A-Z][a-z]{2} [ 0-9][0-9] 2[0-9]{3} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC: year stamped$", t));
	CU_ASSERT(matches("^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} XST: zone stamped$", t));
	CU_ASSERT(matches("^debug bare$", t));
	free(t);
	/* 'service sequence-numbers': six digits first, one more a line. */
	log_ring_clear();
	c.seqnum = true;
	c.ts_log.kind = LOG_TS_NONE;
	log_set_conf(&c);
	log_msg(LOG_INFO, "numbered");
	log_msg(LOG_INFO, "numbered again");
	t = ring_text();
	CU_ASSERT(matches("^[0-9]{6}: numbered$", t));
	{
		const char *a = strstr(t, ": numbered\n"), *b = strstr(t, ": numbered again");

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_EQUAL(atoi(b - 6) , atoi(a - 6) + 1);
	}
	free(t);
	c.seqnum = false;
	log_set_conf(&c);
	log_shutdown();
}

static void test_syslog_format(void)
{
	char buf[600];
	char want[200];
	/* 2026-12-03 06:15:59.123 UTC */
	uint64_t t = 1796278559ull * 1000000u + 123456u;

	CU_ASSERT_EQUAL(log_syslog_format(buf, sizeof(buf), false, LOG_LOCAL7, LOG_ERR, t, "R1", "UPDOWN",
					  "%LINK-3-UPDOWN: Interface eth1, changed state to up"),
			strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "<187>Dec  3 06:15:59 R1 lispr: %LINK-3-UPDOWN: Interface eth1, changed state to up");
	log_syslog_format(buf, sizeof(buf), true, LOG_LOCAL4, LOG_NOTICE, t, "R1", "CONFIG_I",
			  "%SYS-5-CONFIG_I: Configured from console by console");
	snprintf(want, sizeof(want), "<165>1 2026-12-03T06:15:59.123Z R1 lispr %ld CONFIG_I - "
		 "%%SYS-5-CONFIG_I: Configured from console by console", (long)getpid());
	CU_ASSERT_STRING_EQUAL(buf, want);
	/* Free text has no MSGID; truncation stays in the buffer. */
	log_syslog_format(buf, sizeof(buf), true, LOG_LOCAL7, LOG_INFO, t, "", NULL, "x");
	CU_ASSERT(matches("^<190>1 2026-12-03T06:15:59.123Z - lispr [0-9]+ - - x$", buf));
	CU_ASSERT_EQUAL(log_syslog_format(buf, 10, false, LOG_LOCAL7, LOG_INFO, t, "R1", NULL, "xyz"), 9);
	CU_ASSERT_EQUAL(strlen(buf), 9);
}

/* ---------------------------------------------------------------- writer */

struct fake {
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	bool stuck, entered, refuse;
	unsigned n;
	uint32_t dst[64];
	uint16_t port[64];
	char msg[64][700];
};

static struct fake F = { .mtx = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static bool fake_xmit(void *arg, uint32_t dst, uint16_t port, const char *msg, size_t len)
{
	struct fake *f = arg;
	bool ok;

	pthread_mutex_lock(&f->mtx);
	f->entered = true;
	pthread_cond_broadcast(&f->cv);
	while (f->stuck)
		pthread_cond_wait(&f->cv, &f->mtx);
	ok = !f->refuse;
	if (ok && f->n < 64) {
		f->dst[f->n] = dst;
		f->port[f->n] = port;
		snprintf(f->msg[f->n], sizeof(f->msg[0]), "%.*s", (int)len, msg);
		f->n++;
	}
	pthread_mutex_unlock(&f->mtx);
	return ok;
}

static void test_hosts(void)
{
	struct log_host h[LOG_HOSTS_MAX];
	struct log_conf c;

	log_init(100, false);
	log_set_hostname("R9");
	F.n = 0;
	F.refuse = false;
	log_set_xmit(fake_xmit, &F);
	CU_ASSERT_EQUAL(log_host_add(inet_addr("192.0.2.1"), 514), 0);
	CU_ASSERT_EQUAL(log_host_add(inet_addr("192.0.2.2"), 5514), 0);
	CU_ASSERT_EQUAL(log_host_add(inet_addr("192.0.2.2"), 1514), 0);	/* updated */
	CU_ASSERT_EQUAL(log_hosts(h, LOG_HOSTS_MAX), 2);
	CU_ASSERT_EQUAL(h[1].port, 1514);
	log_event("LINK", LOG_ERR, "UPDOWN", "Interface %s, changed state to down", "eth2");
	log_msg(LOG_DEBUG, "below the trap level");
	log_flush();
	CU_ASSERT_EQUAL_FATAL(F.n, 2);
	CU_ASSERT_EQUAL(F.dst[0], inet_addr("192.0.2.1"));
	CU_ASSERT_EQUAL(F.port[0], 514);
	CU_ASSERT_EQUAL(F.port[1], 1514);
	CU_ASSERT(matches("^<187>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} R9 lispr: "
			  "%LINK-3-UPDOWN: Interface eth2, changed state to down$", F.msg[0]));
	log_get_conf(&c);
	c.rfc5424 = true;
	c.facility = LOG_LOCAL0;
	c.trap_level = LOG_DEBUG;
	log_set_conf(&c);
	log_msg(LOG_DEBUG, "now sent");
	log_flush();
	CU_ASSERT_EQUAL_FATAL(F.n, 4);
	CU_ASSERT(matches("^<135>1 [0-9-]{10}T[0-9:]{8}\\.[0-9]{3}Z R9 lispr [0-9]+ - - now sent$", F.msg[2]));
	/* A transport without room: counted per host. */
	F.refuse = true;
	log_msg(LOG_INFO, "refused");
	log_flush();
	log_hosts(h, LOG_HOSTS_MAX);
	CU_ASSERT_EQUAL(h[0].dropped, 1);
	CU_ASSERT_EQUAL(h[1].dropped, 1);
	log_host_result(inet_addr("192.0.2.1"), true);
	log_hosts(h, LOG_HOSTS_MAX);
	CU_ASSERT_EQUAL(h[0].sent, 1);
	CU_ASSERT_EQUAL(log_host_del(inet_addr("192.0.2.1")), 0);
	CU_ASSERT_EQUAL(log_host_del(inet_addr("192.0.2.1")), -1);
	for (int i = 0; i < LOG_HOSTS_MAX - 1; i++)
		CU_ASSERT_EQUAL(log_host_add(htonl(0xc6336401u + (uint32_t)i), 514), 0);
	CU_ASSERT_EQUAL(log_host_add(inet_addr("203.0.113.9"), 514), -1);
	log_set_xmit(NULL, NULL);
	log_shutdown();
}

/* A transport that never returns must not hold up anyone who logs: the
 * queue fills, the rest is counted as dropped, the buffer still gets all. */
static void test_stuck_writer(void)
{
	struct log_stats st;

	log_init(10000, false);
	F.n = 0;
	F.refuse = false;
	F.stuck = true;
	F.entered = false;
	log_set_xmit(fake_xmit, &F);
	log_host_add(inet_addr("192.0.2.7"), 514);
	log_msg(LOG_ERR, "first");
	pthread_mutex_lock(&F.mtx);
	while (!F.entered)
		pthread_cond_wait(&F.cv, &F.mtx);
	pthread_mutex_unlock(&F.mtx);
	for (int i = 0; i < 2000; i++)
		log_msg(LOG_ERR, "flood %d", i);
	log_get_stats(&st);
	CU_ASSERT(st.dropped >= 2000 - 512);
	CU_ASSERT_EQUAL(log_ring_count(), 2001);
	pthread_mutex_lock(&F.mtx);
	F.stuck = false;
	pthread_cond_broadcast(&F.cv);
	pthread_mutex_unlock(&F.mtx);
	log_flush();
	CU_ASSERT_EQUAL(F.n, 64);	/* the fake keeps 64 */
	log_set_xmit(NULL, NULL);
	log_shutdown();
}

/*
 * log_ratelimited() holds whatever keys it is given: two keys that share a
 * slot (64 slots, keyed on the address / 16), taken in turn, pass 5 lines
 * a second together, not 5 each time the other one took the slot; and
 * many keys (a Map-Register naming many sites) pass at most 50 a second
 * all together.  Each loop runs in well under a second, so it meets at
 * most one change of second: at most twice the budget.
 */
static void test_ratelimit_keys(void)
{
	static char keys[200 * 16];
	struct log_stats st;
	uint64_t before, passed;

	log_init(100000, false);
	log_get_stats(&st);
	before = st.ratelimited;
	for (int i = 0; i < 1000; i++)
		log_ratelimited(&keys[(i & 1) * 64 * 16], LOG_WARNING, "pair %d", i);
	log_get_stats(&st);
	passed = 1000 - (st.ratelimited - before);
	CU_ASSERT(passed >= 5 && passed <= 10);

	before = st.ratelimited;
	for (int i = 0; i < 2000; i++)
		log_ratelimited(&keys[(i % 200) * 16], LOG_WARNING, "key %d", i % 200);
	log_get_stats(&st);
	passed = 2000 - (st.ratelimited - before);
	CU_ASSERT(passed >= 45 && passed <= 100);	/* 5 of the second may be the pair's */
	log_shutdown();
}

/* ---------------------------------------------------------------- commands */

/* Each line marked "#line" before its output. */
static char *run(struct shell *sh, const char *script)
{
	return t_shell_run(sh, script, T_SH_MARK);
}

static void test_commands(void)
{
	static const char conf[] =
		"service timestamps debug uptime\n"
		"service timestamps log datetime msec localtime year\n"
		"logging buffered 16384 warnings\n"
		"no logging console\n"
		"logging monitor notifications\n"
		"logging trap errors\n"
		"logging trap syslog-format rfc5424\n"
		"logging facility local3\n"
		"logging source-interface Loopback0\n"
		"logging userinfo\n"
		"logging host 192.0.2.10\n"
		"logging host 192.0.2.11 transport udp port 1514\n";
	struct shell *sh = shell_new(), *sh2;
	char *t, *cfg, *cfg2;
	struct log_conf c;

	log_init(1000, false);
	t = run(sh, "enable\nconfigure terminal\n"
		"logging buffered 6\nlogging buffered 100\nlogging host 224.0.0.1\nlogging host 10.1.1.1 transport tcp\n"
		"logging facility local9\nlogging trap syslog-format rfc9999\nlogging console e\n"
		"service timestamps log datetime msec msec\nend\n");
	/* 'logging buffered 6' is a severity; the rest are errors. */
	log_get_conf(&c);
	CU_ASSERT_EQUAL(c.buffered_level, 6);
	CU_ASSERT_EQUAL(c.buffered_size, 102400);
	CU_ASSERT_EQUAL(c.console_level, LOG_DEBUG);
	CU_ASSERT_EQUAL(c.facility, LOG_LOCAL7);
	CU_ASSERT_FALSE(c.rfc5424);
	{
		int errs = 0;

		for (const char *p = t; (p = strstr(p, "% Invalid input detected at '^' marker.")); p++)
			errs++;
		CU_ASSERT_EQUAL(errs, 7);
	}
	free(t);
	log_shutdown();

	log_init(1000, false);
	t = run(sh, "enable\nconfigure terminal\nno logging host 192.0.2.99\n");
	free(t);
	{
		char script[1024];

		snprintf(script, sizeof(script), "enable\nconfigure terminal\n%send\n", conf);
		free(run(sh, script));
	}
	cfg = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg, conf));
	log_get_conf(&c);
	CU_ASSERT_EQUAL(c.buffered_size, 16384);
	CU_ASSERT_EQUAL(c.buffered_level, LOG_WARNING);
	CU_ASSERT_FALSE(c.console_on);
	CU_ASSERT_EQUAL(c.monitor_level, LOG_NOTICE);
	CU_ASSERT_EQUAL(c.trap_level, LOG_ERR);
	CU_ASSERT_EQUAL(c.facility, LOG_LOCAL3);
	CU_ASSERT_STRING_EQUAL(c.source_if, "Loopback0");
	/* Round trip: the defaults back, the printed lines replayed, the
	 * same text printed. */
	log_shutdown();
	log_init(1000, false);
	sh2 = shell_new();
	{
		FILE *in = fmemopen(cfg, strlen(cfg), "r");

		CU_ASSERT_EQUAL(shell_load_stream(sh2, in, "cfg", stderr), 0);
		fclose(in);
	}
	cfg2 = shell_config_text(sh2);
	CU_ASSERT_PTR_NOT_NULL(cfg2);
	CU_ASSERT_STRING_EQUAL(cfg, cfg2);
	free(cfg2);

	/* 'show logging' and its JSON. */
	t = run(sh2, "enable\nshow logging\nshow logging | json\nclear logging\nshow logging | include Buffer\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "    Buffer logging:  level warnings, "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "    Console logging: disabled, "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "    Trap logging: level errors, "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "        Logging to 192.0.2.11  (udp port 1514, RFC 5424 format),\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Log Buffer (16384 bytes):\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"buffer\":{\"enabled\":true,\"level\":\"warnings\",\"size\":16384,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"facility\":\"local3\",\"format\":\"rfc5424\","
				      "\"source_interface\":\"Loopback0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "{\"address\":\"192.0.2.10\",\"transport\":\"udp\",\"port\":514,"));
	free(t);

	/* 'service sequence-numbers' prints, and its 'no' form takes it out. */
	free(run(sh2, "enable\nconfigure terminal\nservice sequence-numbers\nend\n"));
	cfg2 = shell_config_text(sh2);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg2, "\nservice sequence-numbers\n"));
	free(cfg2);
	free(run(sh2, "enable\nconfigure terminal\nno service sequence-numbers\nend\n"));
	cfg2 = shell_config_text(sh2);
	CU_ASSERT_PTR_NULL(strstr(cfg2, "sequence-numbers"));
	free(cfg2);
	/* The 'no' forms bring back the defaults: nothing printed. */
	free(run(sh2, "enable\nconfigure terminal\nno logging host 192.0.2.10\nno logging host 192.0.2.11\n"
		 "logging buffered 102400 debugging\nlogging console\nno logging monitor\nlogging monitor\n"
		 "no logging trap syslog-format\nlogging trap informational\nno logging facility\n"
		 "no logging source-interface\nno logging userinfo\nservice timestamps log datetime msec\n"
		 "service timestamps debug datetime msec\nend\n"));
	cfg2 = shell_config_text(sh2);
	CU_ASSERT_PTR_NULL(strstr(cfg2, "logging"));
	CU_ASSERT_PTR_NULL(strstr(cfg2, "timestamps"));
	free(cfg2);
	free(run(sh2, "enable\nconfigure terminal\nno logging buffered\nno service timestamps\nend\n"));
	cfg2 = shell_config_text(sh2);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg2, "no service timestamps debug\nno service timestamps log\n"
				      "no logging buffered\n"));
	free(cfg2);
	free(cfg);
	shell_free(sh2);
	shell_free(sh);
	log_shutdown();
}

/* Leaving configuration mode says so (SYS-5-CONFIG_I); a file replayed
 * does not. */
static void test_config_event(void)
{
	struct shell *sh = shell_new();
	FILE *in;
	char *t;

	log_init(100, false);
	in = fmemopen((char *)"hostname R1\n", 12, "r");
	shell_load_stream(sh, in, "boot", stderr);
	fclose(in);
	CU_ASSERT_EQUAL(log_ring_count(), 0);
	free(run(sh, "enable\nconfigure terminal\nhostname R2\nend\n"));
	t = ring_text();
	CU_ASSERT(matches(": %SYS-5-CONFIG_I: Configured from console by console$", t));
	free(t);
	shell_free(sh);
	log_shutdown();
}

/* ---------------------------------------------------------------- logsend */

static void test_logsend(void)
{
	struct trt t;
	struct logsend *ls;
	struct log_host h[LOG_HOSTS_MAX];
	struct log_conf c;
	uint8_t f[2048];
	long n;
	const uint8_t *ip, *udp;
	char *ring;

	log_init(100, false);
	trt_setup(&t);
	ls = logsend_new(t.r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ls);
	t_learn(&t, t.p0, MAC_A, "10.0.1.5", "10.0.1.1");
	log_host_add(inet_addr("10.0.1.5"), 514);
	log_host_add(inet_addr("198.51.100.1"), 514);	/* no route */
	log_set_hostname("R1");
	/* The interface events are IOS's. */
	iface_set_shutdown(t.r, t.e1, true);
	ring = ring_text();
	CU_ASSERT_PTR_NOT_NULL(strstr(ring, ": %LINK-5-CHANGED: Interface Ethernet1, changed state to administratively down\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ring, ": %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet1, changed state to down\n"));
	free(ring);
	log_flush();
	router_lock(t.r);
	CU_ASSERT_EQUAL(logsend_drain(ls), 4);	/* two messages to two hosts */
	router_unlock(t.r);
	CU_ASSERT_EQUAL_FATAL(port_mem_out_count(t.p0), 2);
	n = port_mem_pop(t.p0, f, sizeof(f), NULL);
	CU_ASSERT_FATAL(n > 14 + 28);
	CU_ASSERT_EQUAL(memcmp(f, MAC_A, 6), 0);
	ip = f + 14;
	udp = ip + 20;
	CU_ASSERT_EQUAL(ip[9], 17);
	CU_ASSERT_EQUAL(get_ip(ip + 12), inet_addr("10.0.1.1"));
	CU_ASSERT_EQUAL(get_ip(ip + 16), inet_addr("10.0.1.5"));
	CU_ASSERT_EQUAL(get16(udp), 514);
	CU_ASSERT_EQUAL(get16(udp + 2), 514);
	CU_ASSERT_EQUAL(get16(udp + 4), (size_t)n - 14 - 20);
	CU_ASSERT_EQUAL(ipv4_cksum(ip, 20), 0);
	{
		char payload[700];

		snprintf(payload, sizeof(payload), "%.*s", (int)(n - 14 - 28), (const char *)udp + 8);
		CU_ASSERT(matches("^<189>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} R1 lispr: %LINK-5-CHANGED: "
				  "Interface Ethernet1, changed state to administratively down$", payload));
	}
	log_hosts(h, LOG_HOSTS_MAX);
	CU_ASSERT_EQUAL(h[0].sent, 2);
	CU_ASSERT_EQUAL(h[1].sent, 0);
	CU_ASSERT_EQUAL(h[1].dropped, 2);
	/* From the source interface's address. */
	port_mem_flush(t.p0);
	log_get_conf(&c);
	snprintf(c.source_if, sizeof(c.source_if), "Loopback0");
	log_set_conf(&c);
	log_host_del(inet_addr("198.51.100.1"));
	log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from console by console");
	log_flush();
	router_lock(t.r);
	CU_ASSERT_EQUAL(logsend_drain(ls), 1);
	router_unlock(t.r);
	n = port_mem_pop(t.p0, f, sizeof(f), NULL);
	CU_ASSERT_FATAL(n > 14 + 28);
	CU_ASSERT_EQUAL(get_ip(f + 14 + 12), inet_addr("2.2.2.2"));
	logsend_free(ls);
	trt_teardown(&t);
	log_shutdown();
}

static time_t utc(int y, int mon, int d, int h, int m)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = h, .tm_min = m };

	return timegm(&tm);
}

/* The local time and zone name clock_local() gives for a UTC instant. */
static void local_is(time_t t, const char *want, const char *zone)
{
	char buf[32], name[CLOCK_ZONE_NAME];
	struct tm tm;

	clock_local(t, &tm, name, sizeof(name));
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	CU_ASSERT_STRING_EQUAL(buf, want);
	CU_ASSERT_STRING_EQUAL(name, zone);
}

/* 'clock timezone' and 'clock summer-time recurring': the offset, the US
 * rule at both of its changes (2026: March 8 and November 1), the EU's
 * 'last Sunday' one, a southern rule that holds over the new year, one
 * period given by dates ('date'), and a half-hour zone west of UTC. */
static void test_clock_zone(void)
{
	struct clock_zone z = { .set = true, .name = "PST", .offset_min = -480 }, none = { 0 };
	char s[64], e[64];

	clock_zone_set(&z);
	local_is(utc(2026, 7, 1, 12, 0), "2026-07-01 04:00", "PST");
	z.summer = true;
	snprintf(z.sname, sizeof(z.sname), "PDT");
	clock_rule_us(&z);
	clock_zone_set(&z);
	local_is(utc(2026, 3, 8, 9, 59), "2026-03-08 01:59", "PST");
	local_is(utc(2026, 3, 8, 10, 0), "2026-03-08 03:00", "PDT");
	local_is(utc(2026, 11, 1, 8, 59), "2026-11-01 01:59", "PDT");
	local_is(utc(2026, 11, 1, 9, 0), "2026-11-01 01:00", "PST");
	CU_ASSERT_TRUE(clock_summer_text(utc(2026, 6, 1, 0, 0), s, e, sizeof(s)));
	CU_ASSERT_STRING_EQUAL(s, "02:00:00 PST Sun Mar 8 2026");
	CU_ASSERT_STRING_EQUAL(e, "02:00:00 PDT Sun Nov 1 2026");

	z = (struct clock_zone){ .set = true, .name = "CET", .offset_min = 60, .summer = true, .sname = "CEST",
				 .start = { 5, 0, 2, 120 }, .end = { 5, 0, 9, 180 }, .soffset_min = 60 };
	clock_zone_set(&z);
	local_is(utc(2026, 3, 29, 0, 59), "2026-03-29 01:59", "CET");
	local_is(utc(2026, 3, 29, 1, 0), "2026-03-29 03:00", "CEST");
	local_is(utc(2026, 10, 25, 0, 59), "2026-10-25 02:59", "CEST");
	local_is(utc(2026, 10, 25, 1, 0), "2026-10-25 02:00", "CET");

	z = (struct clock_zone){ .set = true, .name = "AEST", .offset_min = 600, .summer = true, .sname = "AEDT",
				 .start = { 1, 0, 9, 120 }, .end = { 1, 0, 3, 180 }, .soffset_min = 60 };
	clock_zone_set(&z);
	local_is(utc(2026, 1, 15, 0, 0), "2026-01-15 11:00", "AEDT");
	local_is(utc(2026, 6, 15, 0, 0), "2026-06-15 10:00", "AEST");
	local_is(utc(2026, 12, 15, 0, 0), "2026-12-15 11:00", "AEDT");

	/* 'date': one period, March 12 2026 2:00 PST to November 5 2026
	 * 2:00 PDT; none in the year after. */
	z = (struct clock_zone){ .set = true, .name = "PST", .offset_min = -480, .summer = true, .sname = "PDT",
				 .start = { .mon = 2, .mday = 12, .year = 2026, .min = 120 },
				 .end = { .mon = 10, .mday = 5, .year = 2026, .min = 120 }, .soffset_min = 60 };
	clock_zone_set(&z);
	local_is(utc(2026, 3, 12, 9, 59), "2026-03-12 01:59", "PST");
	local_is(utc(2026, 3, 12, 10, 0), "2026-03-12 03:00", "PDT");
	local_is(utc(2026, 11, 5, 8, 59), "2026-11-05 01:59", "PDT");
	local_is(utc(2026, 11, 5, 9, 0), "2026-11-05 01:00", "PST");
	local_is(utc(2027, 6, 1, 12, 0), "2027-06-01 04:00", "PST");
	CU_ASSERT_TRUE(clock_summer_text(utc(2026, 6, 1, 0, 0), s, e, sizeof(s)));
	CU_ASSERT_STRING_EQUAL(s, "02:00:00 PST Thu Mar 12 2026");
	CU_ASSERT_STRING_EQUAL(e, "02:00:00 PDT Thu Nov 5 2026");

	z = (struct clock_zone){ .set = true, .name = "NST", .offset_min = -210 };
	clock_zone_set(&z);
	local_is(utc(2026, 1, 1, 12, 0), "2026-01-01 08:30", "NST");
	CU_ASSERT_FALSE(clock_summer_text(utc(2026, 1, 1, 0, 0), s, e, sizeof(s)));
	clock_zone_set(&none);
}

/* Time ranges (timerange.h): local minutes and dates back and forth over
 * every day of IOS's years; the periodic forms (a set of days, a span over
 * the week's end), ends exclusive, 24:00; an absolute span with and
 * without periodic lines; a range with neither; and the router's local
 * time (clock timezone, summer time) deciding. */
static void test_time_ranges(void)
{
	struct clock_zone z = { .set = true, .name = "PST", .offset_min = -480 }, none = { 0 };
	struct time_range t = { 0 };
	int64_t m = tr_minutes(1993, 1, 1, 0, 0);
	int y, mo, d, h, mi;

	/* 1993-01-01 was a Friday; 1970-01-01 00:00 is minute 0. */
	CU_ASSERT_EQUAL(tr_minutes(1970, 1, 1, 0, 0), 0);
	CU_ASSERT_EQUAL(tr_minutes(2026, 12, 7, 13, 5), (int64_t)(utc(2026, 12, 7, 13, 5) / 60));
	for (int k = 0; k < 366 * 43; k++, m += 1440) {
		bool ok;

		tr_date(m + 17 * 60 + 3, &y, &mo, &d, &h, &mi);
		ok = tr_minutes(y, mo, d, h, mi) == m + 17 * 60 + 3 && utc(y, mo, d, h, mi) / 60 == m + 17 * 60 + 3;
		if (!ok) {
			CU_FAIL("tr_date and tr_minutes disagree");
			break;
		}
	}
	CU_ASSERT_TRUE(time_range_active_at(&t, 0, 4));	/* nothing: always */

	/* periodic weekdays 8:00 to 18:00 (2026-12-07 is a Monday). */
	t.p[t.np++] = (struct tr_periodic){ .days = TR_WEEKDAYS, .end_day = -1, .start = 480, .end = 1080 };
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2026, 12, 7, 7, 59), 1));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 7, 8, 0), 1));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 11, 17, 59), 5));
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2026, 12, 11, 18, 0), 5));
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2026, 12, 12, 12, 0), 6));
	/* and Friday 18:00 to Monday 6:00, over the week's end */
	t.p[t.np++] = (struct tr_periodic){ .days = 1 << 5, .end_day = 1, .start = 1080, .end = 360 };
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 11, 18, 0), 5));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 12, 12, 0), 6));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 13, 0, 0), 0));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 14, 5, 59), 1));
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2026, 12, 14, 6, 0), 1));
	/* periodic Sunday 20:00 to 24:00 alone */
	t.np = 0;
	t.p[t.np++] = (struct tr_periodic){ .days = 1, .end_day = -1, .start = 1200, .end = 1440 };
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2026, 12, 13, 23, 59), 0));
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2026, 12, 14, 0, 0), 1));
	/* absolute start 08:00 1 March 2027 end 17:00 2 March 2027: within it
	 * only when a periodic line holds too; without lines, all of it. */
	t.has_start = t.has_end = true;
	t.start = tr_minutes(2027, 3, 1, 8, 0);
	t.end = tr_minutes(2027, 3, 2, 17, 0);
	t.np = 0;
	CU_ASSERT_FALSE(time_range_active_at(&t, t.start - 1, 1));
	CU_ASSERT_TRUE(time_range_active_at(&t, t.start, 1));
	CU_ASSERT_TRUE(time_range_active_at(&t, t.end - 1, 2));
	CU_ASSERT_FALSE(time_range_active_at(&t, t.end, 2));
	t.p[t.np++] = (struct tr_periodic){ .days = TR_DAILY, .end_day = -1, .start = 720, .end = 780 };
	CU_ASSERT_FALSE(time_range_active_at(&t, t.start, 1));
	CU_ASSERT_TRUE(time_range_active_at(&t, tr_minutes(2027, 3, 2, 12, 30), 2));
	CU_ASSERT_FALSE(time_range_active_at(&t, tr_minutes(2027, 3, 3, 12, 30), 3));

	/* The router's zone: weekdays 8:00 to 18:00 in PST is 16:00 to 02:00 UTC. */
	memset(&t, 0, sizeof(t));
	t.p[t.np++] = (struct tr_periodic){ .days = TR_WEEKDAYS, .end_day = -1, .start = 480, .end = 1080 };
	clock_zone_set(&z);
	CU_ASSERT_FALSE(time_range_active(&t, utc(2026, 12, 7, 15, 59)));
	CU_ASSERT_TRUE(time_range_active(&t, utc(2026, 12, 7, 16, 0)));
	CU_ASSERT_TRUE(time_range_active(&t, utc(2026, 12, 8, 1, 59)));
	CU_ASSERT_FALSE(time_range_active(&t, utc(2026, 12, 8, 2, 0)));
	/* Saturday 9:00 UTC is Saturday 1:00 PST; Saturday 1:00 UTC is still Friday 17:00 PST. */
	CU_ASSERT_FALSE(time_range_active(&t, utc(2026, 12, 12, 9, 0)));
	CU_ASSERT_TRUE(time_range_active(&t, utc(2026, 12, 12, 1, 0)));
	/* Summer time moves it an hour: 8:00 PDT is 15:00 UTC. */
	z.summer = true;
	snprintf(z.sname, sizeof(z.sname), "PDT");
	clock_rule_us(&z);
	clock_zone_set(&z);
	CU_ASSERT_TRUE(time_range_active(&t, utc(2026, 7, 6, 15, 0)));
	CU_ASSERT_FALSE(time_range_active(&t, utc(2026, 7, 7, 1, 0)));
	clock_zone_set(&none);
}

static CU_TestInfo core_tests[] = {
	{ "time ranges: dates, periodic, absolute, the local zone", test_time_ranges },
	{ "severity per destination, IOS text", test_levels },
	{ "buffer bounded in bytes", test_buffer_bytes },
	{ "service timestamps", test_timestamps },
	{ "RFC 3164 and RFC 5424 datagrams", test_syslog_format },
	{ "hosts, trap level, facility, format", test_hosts },
	{ "a stuck transport blocks nobody", test_stuck_writer },
	{ "rate limit: keys sharing a slot, many keys", test_ratelimit_keys },
	{ "clock timezone and summer-time", test_clock_zone },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo cmd_tests[] = {
	{ "commands, running-config round trip, show logging", test_commands },
	{ "SYS-5-CONFIG_I on leaving configuration mode", test_config_event },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo send_tests[] = {
	{ "the router sends syslog itself", test_logsend },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "log", NULL, NULL, NULL, NULL, core_tests },
	{ "logging commands", NULL, NULL, NULL, NULL, cmd_tests },
	{ "logsend", NULL, NULL, NULL, NULL, send_tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

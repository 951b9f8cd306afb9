/*
 * DOC: logging, debug switches and log subscribers
 *
 * The contract is in log.h.  One mutex (L.mtx) guards the settings, the
 * buffer, the sinks, the rate limiter and the writer's queue; sinks are
 * called with it held, so log_sink_del() returning means the sink will
 * never run again and its argument may be freed.  A sink must therefore not
 * log and must not block (vty sinks send non-blocking).
 *
 * The writer thread takes one queued line at a time and writes it with the
 * lock released: to standard error (the console; or to the console's hook,
 * log_set_console(), which holds lines for 'logging synchronous'), to syslog(3), and to each
 * host through the transport.  The transport is called with L.xmit_mtx
 * held, so log_set_xmit(NULL) returning means it will not be called again.
 * The debug switches are atomics read on every log_debug() without locking.
 */
#include "config.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "clockzone.h"
#include "log.h"

#define LOG_LINE_MAX	512
#define LOG_SINKS	32
#define RL_SLOTS	64
#define RL_BURST	5	/* lines per key (per slot) per second */
#define RL_GLOBAL_BURST	50	/* rate-limited lines per second, all keys */
#define LOG_QUEUE	512	/* lines waiting for the writer */
#define LOG_MNEM_MAX	32

struct log_sink {
	log_sink_fn fn;
	void *arg;
};

struct rl_slot {
	const void *key;
	time_t sec;
	unsigned count;
	unsigned suppressed;
};

struct ring_line {
	struct ring_line *next;
	size_t len;
	char text[];
};

/* A line for the writer: the console line and what syslog gets. */
struct qent {
	int level;
	uint64_t t_us;
	bool console, trap;
	size_t body;		/* offset of the text after the timestamp */
	char mnem[LOG_MNEM_MAX];
	char line[LOG_LINE_MAX];
};

struct log_state {
	pthread_mutex_t mtx;
	struct log_conf conf;
	bool conf_set;
	char hostname[64];
	uint64_t started_us;
	unsigned seq;			/* 'service sequence-numbers': the last one */

	/* buffer: oldest first */
	struct ring_line *head, *tail;
	size_t ring_lines, ring_bytes, ring_max_lines;

	bool to_stderr;
	struct log_sink sinks[LOG_SINKS];
	struct rl_slot rl[RL_SLOTS];
	time_t rl_sec;			/* the second rl_count counts */
	unsigned rl_count;
	struct log_stats st;
	struct log_host hosts[LOG_HOSTS_MAX];
	size_t nhosts;
	char *syslog_ident;

	/* writer */
	pthread_t writer;
	bool running, stopping, busy;
	unsigned inits;
	pthread_cond_t cv, idle_cv;
	struct qent *q;
	size_t qhead, qcount;

	pthread_mutex_t xmit_mtx;
	log_xmit_fn xmit;
	void *xmit_arg;

	pthread_mutex_t cons_mtx;
	log_console_fn cons;
	void *cons_arg;
};

/* Process-wide by contract (log.h): every module logs without a handle. */
static struct log_state L = {
	.mtx = PTHREAD_MUTEX_INITIALIZER,
	.xmit_mtx = PTHREAD_MUTEX_INITIALIZER,
	.cons_mtx = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
	.idle_cv = PTHREAD_COND_INITIALIZER,
	.hostname = "lispr",
};
static atomic_bool debug_flags[DEBUG__COUNT];

static const char *const debug_names[DEBUG__COUNT] = {
	[DEBUG_ARP] = "arp",
	[DEBUG_IP_PACKET] = "ip packet",
	[DEBUG_IP_ICMP] = "ip icmp",
	[DEBUG_IPV6_PACKET] = "ipv6 packet",
	[DEBUG_LISP_CONTROL] = "lisp control-plane",
	[DEBUG_LISP_DATA] = "lisp forwarding",
	[DEBUG_CLI] = "cli",
};

static const char *const level_names[8] = {
	"emergencies", "alerts", "critical", "errors",
	"warnings", "notifications", "informational", "debugging",
};

static const struct { const char *name; int code; } facilities[] = {
	{ "auth", LOG_AUTH }, { "cron", LOG_CRON }, { "daemon", LOG_DAEMON },
	{ "kern", LOG_KERN }, { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
	{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
	{ "lpr", LOG_LPR }, { "mail", LOG_MAIL }, { "news", LOG_NEWS },
	{ "syslog", LOG_SYSLOG }, { "user", LOG_USER }, { "uucp", LOG_UUCP },
};

/* ------------------------------------------------------------ names */

const char *log_level_name(int level)
{
	return level >= 0 && level < 8 ? level_names[level] : "?";
}

int log_level_parse(const char *s)
{
	size_t n = strlen(s);
	int found = -1;

	if (n == 1 && s[0] >= '0' && s[0] <= '7')
		return s[0] - '0';
	if (!n)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (!strcasecmp(s, level_names[i]))
			return i;
		if (!strncasecmp(s, level_names[i], n)) {
			if (found >= 0)
				return -1;	/* ambiguous */
			found = i;
		}
	}
	return found;
}

const char *log_facility_name(int facility)
{
	for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (facilities[i].code == facility)
			return facilities[i].name;
	return "?";
}

int log_facility_parse(const char *s)
{
	for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (!strcasecmp(s, facilities[i].name))
			return facilities[i].code;
	return -1;
}

/* ------------------------------------------------------------ settings */

void log_conf_defaults(struct log_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->console_on = c->monitor_on = c->buffered_on = c->trap_on = true;
	c->console_level = c->monitor_level = c->buffered_level = LOG_DEBUG;
	c->trap_level = LOG_INFO;
	c->buffered_size = LOG_BUF_DEFAULT;
	c->facility = LOG_LOCAL7;
	c->ts_log.kind = c->ts_debug.kind = LOG_TS_DATETIME;
	c->ts_log.msec = c->ts_debug.msec = true;
}

/* Called with L.mtx held. */
static void conf_ready(void)
{
	if (!L.conf_set) {
		log_conf_defaults(&L.conf);
		L.conf_set = true;
	}
}

static uint64_t now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

/* Called with L.mtx held: drop the oldest lines past the bounds. */
static void ring_trim(void)
{
	while (L.head && (!L.conf.buffered_on || L.ring_bytes > L.conf.buffered_size ||
			  L.ring_lines > L.ring_max_lines)) {
		struct ring_line *old = L.head;

		L.head = old->next;
		if (!L.head)
			L.tail = NULL;
		L.ring_bytes -= old->len;
		L.ring_lines--;
		free(old);
	}
}

void log_get_conf(struct log_conf *c)
{
	pthread_mutex_lock(&L.mtx);
	conf_ready();
	*c = L.conf;
	pthread_mutex_unlock(&L.mtx);
}

void log_set_conf(const struct log_conf *c)
{
	pthread_mutex_lock(&L.mtx);
	L.conf = *c;
	L.conf_set = true;
	if (L.conf.buffered_size < LOG_BUF_MIN)
		L.conf.buffered_size = LOG_BUF_MIN;
	ring_trim();
	pthread_mutex_unlock(&L.mtx);
}

void log_set_hostname(const char *name)
{
	pthread_mutex_lock(&L.mtx);
	snprintf(L.hostname, sizeof(L.hostname), "%s", name && *name ? name : "lispr");
	pthread_mutex_unlock(&L.mtx);
}

void log_set_syslog(const char *ident)
{
	pthread_mutex_lock(&L.mtx);
	free(L.syslog_ident);
	L.syslog_ident = ident ? strdup(ident) : NULL;
	L.st.syslog_on = L.syslog_ident != NULL;
	pthread_mutex_unlock(&L.mtx);
	if (!ident)
		closelog();
}

void log_get_stats(struct log_stats *st)
{
	pthread_mutex_lock(&L.mtx);
	*st = L.st;
	pthread_mutex_unlock(&L.mtx);
}

int log_host_add(uint32_t addr, uint16_t port)
{
	int rc = 0;

	pthread_mutex_lock(&L.mtx);
	for (size_t i = 0; i < L.nhosts; i++) {
		if (L.hosts[i].addr == addr) {
			L.hosts[i].port = port;
			goto out;
		}
	}
	if (L.nhosts == LOG_HOSTS_MAX) {
		rc = -1;
		goto out;
	}
	memset(&L.hosts[L.nhosts], 0, sizeof(L.hosts[0]));
	L.hosts[L.nhosts].addr = addr;
	L.hosts[L.nhosts].port = port;
	L.nhosts++;
out:
	pthread_mutex_unlock(&L.mtx);
	return rc;
}

int log_host_del(uint32_t addr)
{
	int rc = -1;

	pthread_mutex_lock(&L.mtx);
	for (size_t i = 0; i < L.nhosts; i++) {
		if (L.hosts[i].addr == addr) {
			memmove(&L.hosts[i], &L.hosts[i + 1], (L.nhosts - i - 1) * sizeof(L.hosts[0]));
			L.nhosts--;
			rc = 0;
			break;
		}
	}
	pthread_mutex_unlock(&L.mtx);
	return rc;
}

size_t log_hosts(struct log_host *out, size_t max)
{
	size_t n;

	pthread_mutex_lock(&L.mtx);
	n = L.nhosts < max ? L.nhosts : max;
	memcpy(out, L.hosts, n * sizeof(*out));
	pthread_mutex_unlock(&L.mtx);
	return n;
}

static struct log_host *host_of(uint32_t addr)
{
	for (size_t i = 0; i < L.nhosts; i++)
		if (L.hosts[i].addr == addr)
			return &L.hosts[i];
	return NULL;
}

void log_host_result(uint32_t dst, bool sent)
{
	struct log_host *h;

	pthread_mutex_lock(&L.mtx);
	if ((h = host_of(dst))) {
		if (sent)
			h->sent++;
		else
			h->dropped++;
	}
	pthread_mutex_unlock(&L.mtx);
}

void log_set_xmit(log_xmit_fn fn, void *arg)
{
	pthread_mutex_lock(&L.xmit_mtx);
	L.xmit = fn;
	L.xmit_arg = arg;
	pthread_mutex_unlock(&L.xmit_mtx);
}

void log_set_console(log_console_fn fn, void *arg)
{
	pthread_mutex_lock(&L.cons_mtx);
	L.cons = fn;
	L.cons_arg = arg;
	pthread_mutex_unlock(&L.cons_mtx);
}

/* ------------------------------------------------------------ formatting */

/* The timestamp prefix of 'service timestamps log' (with ": "), called
 * with L.mtx held. */
static size_t format_stamp(char *buf, size_t len, int level, uint64_t t_us)
{
	const struct log_ts *c = level == LOG_DEBUG ? &L.conf.ts_debug : &L.conf.ts_log;
	time_t sec = (time_t)(t_us / 1000000u);
	unsigned ms = (unsigned)(t_us / 1000u % 1000u);
	struct tm tm;
	size_t n = 0;

	if (c->kind == LOG_TS_NONE)
		return 0;
	if (c->kind == LOG_TS_UPTIME) {
		uint64_t up = t_us > L.started_us ? (t_us - L.started_us) / 1000u : 0;
		unsigned long s = (unsigned long)(up / 1000u);

		if (s < 86400)
			n = (size_t)snprintf(buf, len, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
		else
			n = (size_t)snprintf(buf, len, "%lud%02luh", s / 86400, s / 3600 % 24);
		if (c->msec && s < 86400 && n < len)
			n += (size_t)snprintf(buf + n, len - n, ".%03u", (unsigned)(up % 1000u));
	} else {
		char zname[CLOCK_ZONE_NAME];

		/* 'localtime': the router's zone ('clock timezone', else
		 * the host's); UTC otherwise, as IOS. */
		if (c->localtime)
			clock_local(sec, &tm, zname, sizeof(zname));
		else
			gmtime_r(&sec, &tm);
		n = strftime(buf, len, c->year ? "%b %e %Y %H:%M:%S" : "%b %e %H:%M:%S", &tm);
		if (c->msec && n < len)
			n += (size_t)snprintf(buf + n, len - n, ".%03u", ms);
		if (c->tz && n < len)
			n += (size_t)snprintf(buf + n, len - n, " %s", c->localtime ? zname : "UTC");
	}
	if (n < len)
		n += (size_t)snprintf(buf + n, len - n, ": ");
	return n < len ? n : len - 1;
}

size_t log_syslog_format(char *out, size_t len, bool rfc5424, int facility, int level,
			 uint64_t t_us, const char *host, const char *mnemonic, const char *body)
{
	time_t sec = (time_t)(t_us / 1000000u);
	unsigned ms = (unsigned)(t_us / 1000u % 1000u);
	int pri = (facility & LOG_FACMASK) | (level & LOG_PRIMASK);
	char ts[40];
	struct tm tm;
	int n;

	gmtime_r(&sec, &tm);
	if (!host || !*host)
		host = "-";
	if (rfc5424) {
		/* RFC 5424 6: HEADER SP STRUCTURED-DATA SP MSG (no BOM: the
		 * text is ASCII). */
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
		n = snprintf(out, len, "<%d>1 %s.%03uZ %s lispr %ld %s - %s", pri, ts, ms, host,
			     (long)getpid(), mnemonic && *mnemonic ? mnemonic : "-", body);
	} else {
		/* RFC 3164 4.1: PRI, "Mmm dd hh:mm:ss" HOSTNAME, then TAG and
		 * content: "lispr: %FAC-SEV-MNEM: text". */
		strftime(ts, sizeof(ts), "%b %e %H:%M:%S", &tm);
		n = snprintf(out, len, "<%d>%s %s lispr: %s", pri, ts, host, body);
	}
	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len - 1;
}

/* ------------------------------------------------------------ output */

/* Called with L.mtx held. */
static void ring_add(const char *line)
{
	size_t len = strlen(line);
	struct ring_line *rl;

	if (!L.ring_max_lines || !L.conf.buffered_on)
		return;
	if (!(rl = malloc(sizeof(*rl) + len + 1)))
		return;
	rl->next = NULL;
	rl->len = len + 1;
	memcpy(rl->text, line, len + 1);
	if (L.tail)
		L.tail->next = rl;
	else
		L.head = rl;
	L.tail = rl;
	L.ring_bytes += rl->len;
	L.ring_lines++;
	ring_trim();
}

/* Called with L.mtx held: a line with its stamp (line[body] is the text). */
static void log_emit(int level, const char *mnem, uint64_t t_us, const char *line, size_t body)
{
	const struct log_conf *c = &L.conf;
	bool console = L.to_stderr && c->console_on && level <= c->console_level;
	bool trap = c->trap_on && level <= c->trap_level && (L.nhosts || L.syslog_ident);

	if (c->buffered_on && level <= c->buffered_level && L.ring_max_lines) {
		ring_add(line);
		L.st.buffered++;
	}
	if (c->monitor_on && level <= c->monitor_level) {
		bool any = false;

		for (int i = 0; i < LOG_SINKS; i++) {
			if (L.sinks[i].fn) {
				L.sinks[i].fn(L.sinks[i].arg, level, line);
				any = true;
			}
		}
		L.st.monitor += any;
	}
	if (c->trap_on && level <= c->trap_level)
		L.st.trap++;
	L.st.console += console;
	if (!console && !trap)
		return;
	if (!L.running || L.qcount == LOG_QUEUE) {
		L.st.dropped++;
		return;
	}
	{
		struct qent *e = &L.q[(L.qhead + L.qcount) % LOG_QUEUE];

		e->level = level;
		e->t_us = t_us;
		e->console = console;
		e->trap = trap;
		e->body = body;
		snprintf(e->mnem, sizeof(e->mnem), "%s", mnem ? mnem : "");
		snprintf(e->line, sizeof(e->line), "%s", line);
		L.qcount++;
		pthread_cond_signal(&L.cv);
	}
}

/* Format and emit, taking the lock unless held. */
static void log_line(int level, const char *mnem, const char *text, bool locked)
{
	char line[LOG_LINE_MAX];
	uint64_t t = now_us();
	size_t body;

	if (!locked)
		pthread_mutex_lock(&L.mtx);
	conf_ready();
	body = 0;
	if (L.conf.seqnum)	/* IOS: before the stamp, six digits (wrapping) */
		body = (size_t)snprintf(line, sizeof(line), "%06u: ", ++L.seq % 1000000u);
	body += format_stamp(line + body, sizeof(line) - body, level, t);
	snprintf(line + body, sizeof(line) - body, "%s", text);
	log_emit(level, mnem, t, line, body);
	if (!locked)
		pthread_mutex_unlock(&L.mtx);
}

void log_vmsg(int level, const char *fmt, va_list ap)
{
	char text[LOG_LINE_MAX];

	vsnprintf(text, sizeof(text), fmt, ap);
	log_line(level, NULL, text, false);
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

void log_event(const char *fac, int sev, const char *mnemonic, const char *fmt, ...)
{
	char text[LOG_LINE_MAX];
	int n;
	va_list ap;

	n = snprintf(text, sizeof(text), "%%%s-%d-%s: ", fac, sev & 7, mnemonic);
	if (n < 0 || (size_t)n >= sizeof(text))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	va_end(ap);
	log_line(sev & 7, mnemonic, text, false);
}

/*
 * Called with L.mtx held: may a line for key go out now?  Notes the lines
 * suppressed in the slot's last second first.  Keys share RL_SLOTS slots
 * by hash, and keys that meet in a slot within one second share its burst:
 * a new key does not reopen it, or two keys taken in turn (or more keys than
 * slots, as a message naming many sites makes) would never be limited.  On
 * top of that, all keys together pass at most RL_GLOBAL_BURST lines a
 * second.
 */
static bool rl_pass(const void *key, int level)
{
	struct rl_slot *s = &L.rl[((uintptr_t)key >> 4) % RL_SLOTS];
	unsigned suppressed = 0;
	time_t now = time(NULL);

	if (s->sec != now) {
		suppressed = s->suppressed;
		s->sec = now;
		s->count = 0;
		s->suppressed = 0;
	}
	s->key = key;
	if (L.rl_sec != now) {
		L.rl_sec = now;
		L.rl_count = 0;
	}
	if (s->count >= RL_BURST || L.rl_count >= RL_GLOBAL_BURST) {
		s->suppressed++;
		L.st.ratelimited++;
		return false;
	}
	s->count++;
	L.rl_count++;
	if (suppressed) {
		char note[96];

		snprintf(note, sizeof(note), "(%u similar messages suppressed)", suppressed);
		log_line(level, NULL, note, true);
	}
	return true;
}

bool log_ratelimited(const void *key, int level, const char *fmt, ...)
{
	char text[LOG_LINE_MAX];
	va_list ap;

	pthread_mutex_lock(&L.mtx);
	if (!rl_pass(key, level)) {
		pthread_mutex_unlock(&L.mtx);
		return false;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	log_line(level, NULL, text, true);
	pthread_mutex_unlock(&L.mtx);
	return true;
}

bool log_event_rl(const void *key, const char *fac, int sev, const char *mnemonic, const char *fmt, ...)
{
	char text[LOG_LINE_MAX];
	int n;
	va_list ap;

	pthread_mutex_lock(&L.mtx);
	if (!rl_pass(key, sev & 7)) {
		pthread_mutex_unlock(&L.mtx);
		return false;
	}
	n = snprintf(text, sizeof(text), "%%%s-%d-%s: ", fac, sev & 7, mnemonic);
	if (n < 0 || (size_t)n >= sizeof(text))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	va_end(ap);
	log_line(sev & 7, mnemonic, text, true);
	pthread_mutex_unlock(&L.mtx);
	return true;
}

/* ------------------------------------------------------------ writer */

static void write_one(const struct qent *e)
{
	struct log_host hosts[LOG_HOSTS_MAX];
	char msg[LOG_LINE_MAX + 128], host[64], *ident;
	size_t nh = 0, len;
	bool rfc5424;
	int facility;

	if (e->console) {
		bool held;

		pthread_mutex_lock(&L.cons_mtx);
		held = L.cons && L.cons(L.cons_arg, e->level, e->line);
		pthread_mutex_unlock(&L.cons_mtx);
		if (!held) {
			fprintf(stderr, "%s\n", e->line);
			fflush(stderr);
		}
	}
	if (!e->trap)
		return;
	pthread_mutex_lock(&L.mtx);
	rfc5424 = L.conf.rfc5424;
	facility = L.conf.facility;
	snprintf(host, sizeof(host), "%s", L.hostname);
	ident = L.syslog_ident ? strdup(L.syslog_ident) : NULL;
	if (L.conf.trap_on && e->level <= L.conf.trap_level) {
		nh = L.nhosts;
		memcpy(hosts, L.hosts, nh * sizeof(hosts[0]));
	}
	if (ident)
		L.st.syslog++;
	pthread_mutex_unlock(&L.mtx);
	if (ident) {
		/* openlog() keeps the pointer: only this thread changes it. */
		static char ident_buf[64];
		static int open_facility = -1;

		if (strcmp(ident_buf, ident) || open_facility != facility) {
			closelog();
			snprintf(ident_buf, sizeof(ident_buf), "%s", ident);
			open_facility = facility;
			openlog(ident_buf, LOG_PID | LOG_NDELAY, facility);
		}
		syslog(facility | e->level, "%s", e->line + e->body);
		free(ident);
	}
	if (!nh)
		return;
	len = log_syslog_format(msg, sizeof(msg), rfc5424, facility, e->level, e->t_us, host,
				e->mnem, e->line + e->body);
	pthread_mutex_lock(&L.xmit_mtx);
	for (size_t i = 0; i < nh; i++) {
		bool ok = L.xmit && L.xmit(L.xmit_arg, hosts[i].addr, hosts[i].port, msg, len);

		if (!ok)
			log_host_result(hosts[i].addr, false);
	}
	pthread_mutex_unlock(&L.xmit_mtx);
}

static void *writer_main(void *arg)
{
	struct qent *e = malloc(sizeof(*e));

	pthread_setname_np(pthread_self(), "log writer");
	(void)arg;
	pthread_mutex_lock(&L.mtx);
	for (;;) {
		while (!L.qcount && !L.stopping) {
			L.busy = false;
			pthread_cond_broadcast(&L.idle_cv);
			pthread_cond_wait(&L.cv, &L.mtx);
		}
		if (!L.qcount)
			break;
		L.busy = true;
		if (e)
			*e = L.q[L.qhead];
		L.qhead = (L.qhead + 1) % LOG_QUEUE;
		L.qcount--;
		pthread_mutex_unlock(&L.mtx);
		if (e)
			write_one(e);
		pthread_mutex_lock(&L.mtx);
	}
	L.busy = false;
	pthread_cond_broadcast(&L.idle_cv);
	pthread_mutex_unlock(&L.mtx);
	free(e);
	return NULL;
}

void log_flush(void)
{
	pthread_mutex_lock(&L.mtx);
	while (L.running && (L.qcount || L.busy))
		pthread_cond_wait(&L.idle_cv, &L.mtx);
	pthread_mutex_unlock(&L.mtx);
}

/* daemon(): the child has no writer thread; start one (the locks are held
 * across the fork so the child's copies are consistent). */
/* The writer takes no signals: they are the program's to wait for. */
static bool start_writer(void)
{
	sigset_t all, old;
	bool ok;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ok = pthread_create(&L.writer, NULL, writer_main, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

static void fork_prepare(void);
static void fork_parent(void);
static void fork_child(void);

static void atfork_register(void)
{
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

static void fork_prepare(void)
{
	pthread_mutex_lock(&L.xmit_mtx);	/* the writer's order */
	pthread_mutex_lock(&L.mtx);
}

static void fork_parent(void)
{
	pthread_mutex_unlock(&L.mtx);
	pthread_mutex_unlock(&L.xmit_mtx);
}

static void fork_child(void)
{
	/* The parent's writer may have been waiting on them: a copy of a
	 * condition variable with waiters that do not exist here would hang
	 * the next signal. */
	pthread_cond_init(&L.cv, NULL);
	pthread_cond_init(&L.idle_cv, NULL);
	if (L.running) {
		L.busy = false;
		L.running = start_writer();
	}
	pthread_mutex_unlock(&L.mtx);
	pthread_mutex_unlock(&L.xmit_mtx);
}

void log_init(size_t ring_lines, bool to_stderr)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, atfork_register);
	pthread_mutex_lock(&L.mtx);
	conf_ready();
	L.ring_max_lines = ring_lines;
	L.to_stderr = to_stderr;
	if (!L.started_us)
		L.started_us = now_us();
	if (!L.running && (L.q || (L.q = calloc(LOG_QUEUE, sizeof(*L.q))))) {
		L.stopping = false;
		L.busy = false;
		/* A log started afresh limits afresh (a test's lines are not
		 * held back by the flood of the one before it). */
		memset(L.rl, 0, sizeof(L.rl));
		L.rl_sec = 0;
		L.rl_count = 0;
		L.seq = 0;	/* and numbers afresh */
		L.running = start_writer();
	}
	L.inits++;
	pthread_mutex_unlock(&L.mtx);
}

void log_shutdown(void)
{
	bool join;

	pthread_mutex_lock(&L.mtx);
	join = L.running;
	L.stopping = true;
	pthread_cond_signal(&L.cv);
	pthread_mutex_unlock(&L.mtx);
	if (join)
		pthread_join(L.writer, NULL);
	pthread_mutex_lock(&L.mtx);
	L.running = false;
	L.stopping = false;
	L.qhead = L.qcount = 0;
	free(L.q);
	L.q = NULL;
	while (L.head) {
		struct ring_line *n = L.head->next;

		free(L.head);
		L.head = n;
	}
	L.tail = NULL;
	L.ring_bytes = L.ring_lines = L.ring_max_lines = 0;
	memset(L.sinks, 0, sizeof(L.sinks));
	memset(L.rl, 0, sizeof(L.rl));
	memset(&L.st, 0, sizeof(L.st));
	L.nhosts = 0;
	log_conf_defaults(&L.conf);
	snprintf(L.hostname, sizeof(L.hostname), "lispr");
	free(L.syslog_ident);
	L.syslog_ident = NULL;
	L.started_us = 0;
	pthread_mutex_unlock(&L.mtx);
	closelog();
}

/* ------------------------------------------------------------ debug */

void debug_set(enum debug_cat c, bool on)
{
	if ((unsigned)c < DEBUG__COUNT)
		atomic_store(&debug_flags[c], on);
}

bool debug_on(enum debug_cat c)
{
	return (unsigned)c < DEBUG__COUNT && atomic_load_explicit(&debug_flags[c], memory_order_relaxed);
}

void debug_all_off(void)
{
	for (int i = 0; i < DEBUG__COUNT; i++)
		atomic_store(&debug_flags[i], false);
}

const char *debug_cat_name(enum debug_cat c)
{
	return (unsigned)c < DEBUG__COUNT ? debug_names[c] : "?";
}

/* ------------------------------------------------------------ sinks, buffer */

int log_sink_add(log_sink_fn fn, void *arg)
{
	int id = -1;

	pthread_mutex_lock(&L.mtx);
	for (int i = 0; i < LOG_SINKS; i++) {
		if (!L.sinks[i].fn) {
			L.sinks[i].fn = fn;
			L.sinks[i].arg = arg;
			id = i;
			break;
		}
	}
	pthread_mutex_unlock(&L.mtx);
	return id;
}

void log_sink_del(int id)
{
	if (id < 0 || id >= LOG_SINKS)
		return;
	pthread_mutex_lock(&L.mtx);
	L.sinks[id].fn = NULL;
	L.sinks[id].arg = NULL;
	pthread_mutex_unlock(&L.mtx);
}

/* The lines are copied out first: fn may write to a slow vty or log. */
void log_ring_walk(void (*fn)(void *arg, const char *line), void *arg)
{
	char **copy;
	size_t n, i = 0;

	pthread_mutex_lock(&L.mtx);
	n = L.ring_lines;
	copy = calloc(n ? n : 1, sizeof(*copy));
	for (struct ring_line *rl = L.head; copy && rl && i < n; rl = rl->next)
		copy[i++] = strdup(rl->text);
	pthread_mutex_unlock(&L.mtx);
	if (!copy)
		return;
	for (i = 0; i < n; i++) {
		if (copy[i])
			fn(arg, copy[i]);
		free(copy[i]);
	}
	free(copy);
}

size_t log_ring_count(void)
{
	size_t n;

	pthread_mutex_lock(&L.mtx);
	n = L.ring_lines;
	pthread_mutex_unlock(&L.mtx);
	return n;
}

void log_ring_clear(void)
{
	pthread_mutex_lock(&L.mtx);
	while (L.head) {
		struct ring_line *n = L.head->next;

		free(L.head);
		L.head = n;
	}
	L.tail = NULL;
	L.ring_bytes = L.ring_lines = 0;
	pthread_mutex_unlock(&L.mtx);
}

/*
 * DOC: logging, debug switches and log subscribers
 *
 * Like bgpd's log.c this is process-wide, and like IOS it has four
 * destinations, each with its own severity threshold ('logging console',
 * 'logging monitor', 'logging buffered', 'logging trap'):
 * - the buffer: the most recent lines that fit in 'logging buffered SIZE'
 *   bytes (what 'show logging' prints);
 * - monitor subscribers (vty sessions with 'terminal monitor'), called
 *   in line, without blocking;
 * - the console: standard error when lispr runs in the foreground;
 * - trap: syslog(3) when lispr runs as a daemon (journald picks it up) and
 *   every 'logging host', sent by the router itself (log_set_xmit()).
 * The last two go through a bounded queue drained by a writer thread, so a
 * caller (the event loop, a command under the router lock) never waits on
 * a terminal, /dev/log or the network; a full queue drops the line and
 * counts it ('show logging').
 *
 * log_event() is what the router's code calls for the events operators
 * grep for: it prints IOS's "%FAC-SEV-MNEMONIC: text" (%LINK-3-UPDOWN,
 * %SYS-5-CONFIG_I, ...).  Debug lines are emitted only while their
 * category is switched on ('debug ...', 'undebug all').  Bad-packet
 * messages go through log_ratelimited() so a flood cannot drown the log.
 * Thread-safe: the event loop and the shell threads both log.
 */
#ifndef LISPR_LOG_H
#define LISPR_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>	/* LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG */

enum debug_cat {
	DEBUG_ARP,		/* debug arp */
	DEBUG_IP_PACKET,	/* debug ip packet */
	DEBUG_IP_ICMP,		/* debug ip icmp */
	DEBUG_IPV6_PACKET,	/* debug ipv6 packet */
	DEBUG_LISP_CONTROL,	/* debug lisp control-plane all */
	DEBUG_LISP_DATA,	/* debug lisp forwarding */
	DEBUG_CLI,		/* debug cli */
	DEBUG__COUNT
};

/* Starts the writer thread.  ring_lines bounds the number of lines the
 * buffer keeps besides its size in bytes (0: no buffer); to_stderr is the
 * console (the foreground).  Each log_init() is paired with a
 * log_shutdown(), which writes out what is queued and stops the thread. */
void log_init(size_t ring_lines, bool to_stderr);
void log_shutdown(void);

void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(int level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* An IOS system message: "%FAC-SEV-MNEMONIC: text", e.g.
 * log_event("LINK", LOG_ERR, "UPDOWN", "Interface %s, changed state to up", n). */
void log_event(const char *fac, int sev, const char *mnemonic, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* log_event() at most 5 times per key per second (events an outsider's
 * packets can cause: authentication failures, refusals, locators). */
bool log_event_rl(const void *key, const char *fac, int sev, const char *mnemonic, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* At most 5 lines per key per second (keys that share one of 64 slots
 * share the 5), and at most 50 a second for all keys together; 'key' is
 * any stable pointer (e.g. the counter being bumped).  Returns true if the
 * line was logged; the suppressed ones are counted ('show logging'). */
bool log_ratelimited(const void *key, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void debug_set(enum debug_cat c, bool on);
bool debug_on(enum debug_cat c);
void debug_all_off(void);
const char *debug_cat_name(enum debug_cat c);
/* Emit a debug line if category c is on. */
#define log_debug(c, ...) do { if (debug_on(c)) log_msg(LOG_DEBUG, __VA_ARGS__); } while (0)

/* Subscribers get each formatted line (with timestamp, no newline) at or
 * above the monitor severity, with the log lock held: they must neither
 * block nor log. */
typedef void (*log_sink_fn)(void *arg, int level, const char *line);
int log_sink_add(log_sink_fn fn, void *arg);	/* returns an id >= 0, or -1 */
void log_sink_del(int id);

/* Walk the buffer oldest first. */
void log_ring_walk(void (*fn)(void *arg, const char *line), void *arg);
size_t log_ring_count(void);
/* 'clear logging'. */
void log_ring_clear(void);

/* ------------------------------------------------------------ settings */

/* IOS severity names (0 emergencies .. 7 debugging, syslog's numbers). */
const char *log_level_name(int level);
/* A name, any unique prefix of one, or a digit 0-7; -1 if none. */
int log_level_parse(const char *s);
/* Syslog facilities as IOS names them (local0..local7, kern, user, ...). */
const char *log_facility_name(int facility);
int log_facility_parse(const char *s);	/* LOG_LOCAL7 etc., -1 if none */

enum log_ts_kind { LOG_TS_NONE, LOG_TS_DATETIME, LOG_TS_UPTIME };

/* 'service timestamps log|debug datetime [msec] [localtime] [year]
 * [show-timezone]' or 'uptime [msec]'. */
struct log_ts {
	enum log_ts_kind kind;
	bool msec, localtime, year, tz;
};

#define LOG_BUF_DEFAULT		102400	/* bytes, IOS-XE's default */
#define LOG_BUF_MIN		4096
#define LOG_BUF_MAX		2147483647
#define LOG_HOSTS_MAX		8
#define LOG_IFNAME_MAX		32
#define LOG_SYSLOG_PORT		514

struct log_conf {
	bool console_on, monitor_on, buffered_on, trap_on;
	int console_level, monitor_level, buffered_level, trap_level;
	size_t buffered_size;
	int facility;			/* LOG_LOCAL7 by default */
	bool rfc5424;			/* 'logging trap syslog-format rfc5424' */
	struct log_ts ts_log, ts_debug;	/* 'service timestamps log|debug' */
	char source_if[LOG_IFNAME_MAX];	/* 'logging source-interface', "" none */
	bool seqnum;			/* 'service sequence-numbers': "000042: " first */
};

void log_conf_defaults(struct log_conf *c);
void log_get_conf(struct log_conf *c);
/* Applies c; a smaller buffer drops its oldest lines at once. */
void log_set_conf(const struct log_conf *c);
/* The name the messages sent to hosts carry ('hostname'). */
void log_set_hostname(const char *name);
/* Local syslog(3) with this identity (a daemon); NULL stops it. */
void log_set_syslog(const char *ident);

struct log_stats {
	uint64_t console, monitor, buffered, trap;	/* lines logged to each */
	uint64_t dropped;	/* lines the writer's queue had no room for */
	uint64_t ratelimited;	/* lines log_ratelimited() suppressed */
	uint64_t syslog;	/* lines written to syslog(3) */
	bool syslog_on;
};
void log_get_stats(struct log_stats *st);

/* 'logging host A [transport udp port N]' (IPv4, network order). */
struct log_host {
	uint32_t addr;
	uint16_t port;
	uint64_t sent, dropped;	/* sent by the router / not sent */
};
/* Adds or updates; -1 when LOG_HOSTS_MAX hosts are configured. */
int log_host_add(uint32_t addr, uint16_t port);
int log_host_del(uint32_t addr);	/* -1 if not configured */
size_t log_hosts(struct log_host *out, size_t max);	/* in configured order */

/* How messages reach the hosts: called by the writer thread for each
 * message and host with the datagram's payload; must not block (queue and
 * return).  Returns false when it had no room (counted as dropped). */
typedef bool (*log_xmit_fn)(void *arg, uint32_t dst, uint16_t port, const char *msg, size_t len);
void log_set_xmit(log_xmit_fn fn, void *arg);
/* The transport's verdict on each message it took: sent, or not (no
 * route, no source address) -- the host's 'sent' and 'dropped'. */
void log_host_result(uint32_t dst, bool sent);

/* The console's lines ('logging console'), when fn is set, are offered to
 * it by the writer thread before standard error: fn returns true when it
 * took the line (a console holding lines for 'logging synchronous'), false
 * to have it written now.  Called with a mutex of its own held, so
 * log_set_console(NULL, NULL) returning means it will not be called again;
 * fn must not block or log. */
typedef bool (*log_console_fn)(void *arg, int level, const char *line);
void log_set_console(log_console_fn fn, void *arg);
/* Wait until the writer has handled every line queued so far (tests, exit). */
void log_flush(void);

/* The payload of a syslog datagram for one message (tests and the writer):
 * RFC 3164 "<PRI>Mmm dd hh:mm:ss HOST BODY" or RFC 5424
 * "<PRI>1 TIMESTAMP HOST lispr PID MSGID - BODY".  t is Unix time in
 * microseconds; returns the length (truncated to len - 1). */
size_t log_syslog_format(char *out, size_t len, bool rfc5424, int facility, int level,
			 uint64_t t_us, const char *host, const char *mnemonic, const char *body);

#endif

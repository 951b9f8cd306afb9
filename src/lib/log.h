/*
 * DOC: logging, debug switches and log subscribers
 *
 * Like bgpd's log.c this is process-wide: one ring buffer of recent lines
 * (what 'show logging' prints), stderr when running in the foreground, and
 * subscribers (vty sessions with 'terminal monitor') that receive every
 * line.  Debug lines are emitted only while their category is switched on
 * ('debug ...', 'undebug all').  Bad-packet messages go through
 * log_ratelimited() so a flood cannot drown the log.
 * Thread-safe: the event loop and the shell threads both log.
 */
#ifndef LISPR_LOG_H
#define LISPR_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <syslog.h>	/* LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG */

enum debug_cat {
	DEBUG_ARP,		/* debug arp */
	DEBUG_IP_PACKET,	/* debug ip packet */
	DEBUG_IP_ICMP,		/* debug ip icmp */
	DEBUG_LISP_CONTROL,	/* debug lisp control-plane all */
	DEBUG_LISP_DATA,	/* debug lisp forwarding */
	DEBUG_CLI,		/* debug cli */
	DEBUG__COUNT
};

void log_init(size_t ring_lines, bool to_stderr);
void log_shutdown(void);

void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(int level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* At most 'burst' lines per key per second; 'key' is any stable pointer
 * (e.g. the counter being bumped).  Returns true if the line was logged. */
bool log_ratelimited(const void *key, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void debug_set(enum debug_cat c, bool on);
bool debug_on(enum debug_cat c);
void debug_all_off(void);
const char *debug_cat_name(enum debug_cat c);
/* Emit a debug line if category c is on. */
#define log_debug(c, ...) do { if (debug_on(c)) log_msg(LOG_DEBUG, __VA_ARGS__); } while (0)

/* Subscribers get each formatted line (with timestamp, no newline). */
typedef void (*log_sink_fn)(void *arg, int level, const char *line);
int log_sink_add(log_sink_fn fn, void *arg);	/* returns an id >= 0, or -1 */
void log_sink_del(int id);

/* Walk the ring buffer oldest first. */
void log_ring_walk(void (*fn)(void *arg, const char *line), void *arg);
size_t log_ring_count(void);

#endif

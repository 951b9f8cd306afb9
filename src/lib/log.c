/*
 * DOC: logging, debug switches and log subscribers
 *
 * The contract is in log.h.  One mutex guards the ring, the sinks and the
 * rate limiter; sinks are called with it held, so log_sink_del() returning
 * means the sink will never run again and its argument may be freed.  A sink
 * must therefore not log and must not block (vty sinks send non-blocking).
 * The debug switches are atomics read on every log_debug() without locking.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "log.h"

#define LOG_LINE_MAX	512
#define LOG_SINKS	32
#define RL_SLOTS	64
#define RL_BURST	5

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

struct log_state {
	pthread_mutex_t mtx;
	char **ring;
	size_t ring_size, ring_head, ring_count;
	bool to_stderr;
	struct log_sink sinks[LOG_SINKS];
	struct rl_slot rl[RL_SLOTS];
};

/* Process-wide by contract (log.h): every module logs without a handle. */
static struct log_state L = { .mtx = PTHREAD_MUTEX_INITIALIZER };
static atomic_bool debug_flags[DEBUG__COUNT];

static const char *const debug_names[DEBUG__COUNT] = {
	[DEBUG_ARP] = "arp",
	[DEBUG_IP_PACKET] = "ip packet",
	[DEBUG_IP_ICMP] = "ip icmp",
	[DEBUG_LISP_CONTROL] = "lisp control-plane",
	[DEBUG_LISP_DATA] = "lisp forwarding",
	[DEBUG_CLI] = "cli",
};

void log_init(size_t ring_lines, bool to_stderr)
{
	pthread_mutex_lock(&L.mtx);
	if (!L.ring && ring_lines > 0) {
		L.ring = calloc(ring_lines, sizeof(*L.ring));
		L.ring_size = L.ring ? ring_lines : 0;
	}
	L.to_stderr = to_stderr;
	pthread_mutex_unlock(&L.mtx);
}

void log_shutdown(void)
{
	pthread_mutex_lock(&L.mtx);
	for (size_t i = 0; i < L.ring_size; i++)
		free(L.ring[i]);
	free(L.ring);
	L.ring = NULL;
	L.ring_size = L.ring_head = L.ring_count = 0;
	memset(L.sinks, 0, sizeof(L.sinks));
	memset(L.rl, 0, sizeof(L.rl));
	pthread_mutex_unlock(&L.mtx);
}

static void log_format(char *buf, size_t len, const char *fmt, va_list ap)
{
	struct timeval tv;
	struct tm tm;
	size_t n;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	n = strftime(buf, len, "%b %e %H:%M:%S", &tm);
	n += snprintf(buf + n, len - n, ".%03ld: ", (long)(tv.tv_usec / 1000));
	if (n < len)
		vsnprintf(buf + n, len - n, fmt, ap);
}

/* Called with L.mtx held. */
static void log_emit(int level, const char *line)
{
	if (L.ring_size) {
		char *copy = strdup(line);

		if (copy) {
			free(L.ring[L.ring_head]);
			L.ring[L.ring_head] = copy;
			L.ring_head = (L.ring_head + 1) % L.ring_size;
			if (L.ring_count < L.ring_size)
				L.ring_count++;
		}
	}
	if (L.to_stderr)
		fprintf(stderr, "%s\n", line);
	for (int i = 0; i < LOG_SINKS; i++)
		if (L.sinks[i].fn)
			L.sinks[i].fn(L.sinks[i].arg, level, line);
}

void log_vmsg(int level, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];

	log_format(line, sizeof(line), fmt, ap);
	pthread_mutex_lock(&L.mtx);
	log_emit(level, line);
	pthread_mutex_unlock(&L.mtx);
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

bool log_ratelimited(const void *key, int level, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	struct rl_slot *s;
	unsigned suppressed = 0;
	time_t now = time(NULL);
	va_list ap;

	pthread_mutex_lock(&L.mtx);
	s = &L.rl[((uintptr_t)key >> 4) % RL_SLOTS];
	if (s->key != key || s->sec != now) {
		/* A new second (or a new key taking the slot) reopens the burst. */
		if (s->key == key)
			suppressed = s->suppressed;
		s->key = key;
		s->sec = now;
		s->count = 0;
		s->suppressed = 0;
	}
	if (s->count >= RL_BURST) {
		s->suppressed++;
		pthread_mutex_unlock(&L.mtx);
		return false;
	}
	s->count++;
	if (suppressed) {
		char note[96];

		snprintf(note, sizeof(note), "(%u similar messages suppressed)", suppressed);
		log_emit(level, note);
	}
	va_start(ap, fmt);
	log_format(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_emit(level, line);
	pthread_mutex_unlock(&L.mtx);
	return true;
}

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
	size_t n;

	pthread_mutex_lock(&L.mtx);
	n = L.ring_count;
	copy = calloc(n ? n : 1, sizeof(*copy));
	for (size_t i = 0; copy && i < n; i++) {
		size_t idx = (L.ring_head + L.ring_size - L.ring_count + i) % L.ring_size;

		copy[i] = strdup(L.ring[idx]);
	}
	pthread_mutex_unlock(&L.mtx);
	if (!copy)
		return;
	for (size_t i = 0; i < n; i++) {
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
	n = L.ring_count;
	pthread_mutex_unlock(&L.mtx);
	return n;
}

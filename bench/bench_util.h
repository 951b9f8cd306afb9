/*
 * DOC: helpers shared by the in-process benchmarks (bench_lisp.c,
 * bench_ms.c, bench_ddt.c): wall and thread-CPU clocks, the fatal error
 * (prefixed with BENCH_NAME, which the program defines before including
 * this), an IPv4 address from text, an Ethernet header, the load average
 * the figures are printed with.
 */
#ifndef LISPR_BENCH_UTIL_H
#define LISPR_BENCH_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "addr.h"

#ifndef BENCH_NAME
#error "define BENCH_NAME before including bench_util.h"
#endif

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This thread's CPU time: a busy machine does not blur a comparison. */
static inline double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void die(const char *what, const char *err)
{
	fprintf(stderr, BENCH_NAME ": %s: %s\n", what, err);
	exit(1);
}

static inline struct addr A(const char *s)
{
	struct addr a;

	addr_set_v4(&a, inet_addr(s));
	return a;
}

static inline size_t eth(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

/* /proc/loadavg's line, or "?". */
static inline void loadavg(char *buf, size_t len)
{
	FILE *f = fopen("/proc/loadavg", "r");

	snprintf(buf, len, "?");
	if (f) {
		if (fgets(buf, (int)len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

#endif

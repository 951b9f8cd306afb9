/*
 * DOC: helpers shared by the live benchmark routers (bench_forward_live.c,
 * bench_lisp_live.c): the live port factory, timeval seconds, and how long
 * the process waited for its core (the shared-machine caveat they print).
 */
#ifndef LISPR_BENCH_LIVE_UTIL_H
#define LISPR_BENCH_LIVE_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>

#include "port.h"

static inline struct port *live_factory(void *arg, const char *name, char *err,
					size_t errlen)
{
	(void)arg;
	return port_live_open(name, err, errlen);
}

static inline double tv_secs(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

/* Nanoseconds this process was runnable but waiting for its core. */
static inline uint64_t sched_wait_ns(void)
{
	unsigned long long run, wait = 0;
	FILE *f = fopen("/proc/self/schedstat", "r");

	if (f) {
		if (fscanf(f, "%llu %llu", &run, &wait) != 2)
			wait = 0;
		fclose(f);
	}
	return wait;
}

#endif

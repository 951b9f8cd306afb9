/*
 * DOC: router-originated ping
 *
 * 'ping A [source IF|A] [repeat N] [size S] [timeout T]' as IOS does it,
 * for IPv4 and IPv6 destinations:
 * one echo request at a time; the next leaves when the reply arrives or
 * the timeout expires.  Each probe ends with an IOS mark ('!' reply, '.'
 * timeout, 'U' unreachable, '&' TTL exceeded, 'M' could not fragment) and
 * the result keeps the round-trip times for the summary line.  Runs on the
 * event loop and the router clock, so it works on memory ports with a
 * manual clock as well as live.
 */
#ifndef LISPR_PING_H
#define LISPR_PING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct router;

#define PING_MAX_REPEAT	10000u

struct ping_params {
	struct addr dst;
	struct addr src;		/* AFI_NONE: from the egress interface */
	char src_ifname[32];		/* "": none; wins over src */
	unsigned repeat;		/* 0: 5 */
	unsigned size;			/* IP datagram bytes, 0: 100 */
	unsigned timeout_ms;		/* 0: 2000 */
	uint8_t ttl;			/* 0: 255 */
	bool df;
	unsigned vrf;			/* VRF_DEFAULT, or 'ping vrf NAME' */
};

struct ping_result {
	struct addr dst, src;
	unsigned size, timeout_ms, repeat;
	unsigned sent, received;
	uint64_t rtt_min_us, rtt_max_us, rtt_sum_us;
	char marks[64];			/* the first 63 marks, NUL-terminated */
	bool cancelled;
};

/* Called after each probe with its mark. */
typedef void (*ping_probe_fn)(void *arg, unsigned seq, char mark);
/* Called once at the end; the ping is freed after it returns. */
typedef void (*ping_done_fn)(void *arg, const struct ping_result *res);

/*
 * Start a ping; the first request leaves at once.  Returns an id > 0, or 0
 * with an IOS-style message in err (bad source, size out of range).
 */
unsigned ping_start(struct router *r, const struct ping_params *pp,
		    ping_probe_fn probe, ping_done_fn done, void *arg,
		    char *err, size_t errlen);
/* The source address ping id uses (AFI_NONE: none yet); false if no such ping. */
bool ping_source(struct router *r, unsigned id, struct addr *out);
/* Stop early (the escape sequence); done runs with cancelled set. */
void ping_cancel(struct router *r, unsigned id);
unsigned ping_active(const struct router *r);

#endif

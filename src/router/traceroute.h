/*
 * DOC: router-originated traceroute
 *
 * 'traceroute A [source IF|A] [probe N] [timeout S] [ttl MIN MAX] [port N]'
 * as IOS does it: UDP probes, one in flight at a time, N per hop (3), TTL
 * from MIN (1) to MAX (30), destination port PORT (33434) for the first
 * probe and one more for each probe after it, so that every answer names
 * its probe.  A probe ends with an ICMP Time Exceeded (an intermediate
 * hop), an ICMP Destination Unreachable (port unreachable: the
 * destination answered; host, net, protocol, administratively prohibited:
 * the !H, !N, !P, !A markers) or its timeout ('*').  The trace stops after
 * the hop where any probe got an unreachable, or after MAX.
 *
 * The probes are ordinary packets the router originates, so the LISP ITR
 * encapsulates them when their source is an EID (RFC 9300: the outer TTL
 * is the probe's).  A router in the RLOC space whose outer TTL runs out
 * quotes the encapsulated probe in its Time Exceeded; that quote is
 * matched through the LISP header, so the RLOC hops are listed, then the
 * ETR's side, as IOS shows a trace across a LISP tunnel.
 *
 * IPv6 the same way (the destination's family decides): IPv6/UDP probes
 * with the hop limit rising and the UDP checksum computed, ICMPv6 Time
 * Exceeded for a hop, Destination Unreachable port unreachable for the
 * destination, the other codes as !N (no route), !A (administratively
 * prohibited, policy, reject route), !H (address unreachable), !U
 * (beyond scope), Parameter Problem about the next header as !P.  A
 * link-local destination needs 'source IF'.  The LISP quote is matched
 * across families: an IPv6 probe inside an IPv4 LISP packet quoted by an
 * ICMPv4 error (the hop is then an IPv4 address), and the reverse.
 *
 * 'traceroute vrf NAME A': the probes are routed in the VRF's table, from
 * an address of that VRF (a source interface must be in it); the answers
 * are matched whatever VRF they arrive in (a LISP tunnel's hops answer in
 * the underlay's, the default VRF).
 *
 * Runs on the event loop and the router clock: live or on memory ports
 * with a manual clock.
 */
#ifndef LISPR_TRACEROUTE_H
#define LISPR_TRACEROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct router;

#define TR_DEF_PROBES		3u
#define TR_MAX_PROBES		100u
#define TR_DEF_TIMEOUT_MS	3000u
#define TR_DEF_TTL_MAX		30u
#define TR_DEF_PORT		33434u

struct tr_params {
	struct addr dst;		/* IPv4 or IPv6 */
	struct addr src;		/* AFI_NONE: from the egress interface */
	char src_ifname[32];		/* "": none; wins over src */
	unsigned probes;		/* per hop, 0: 3 */
	unsigned timeout_ms;		/* 0: 3000 */
	unsigned ttl_min, ttl_max;	/* 0: 1 and 30 */
	unsigned port;			/* first destination port, 0: 33434 */
	unsigned vrf;			/* VRF_DEFAULT, or 'traceroute vrf NAME' */
};

enum tr_kind {
	TR_TIMEOUT,			/* '*' */
	TR_TIME_EXCEEDED,		/* an intermediate hop */
	TR_REACHED,			/* port unreachable: the destination */
	TR_UNREACH,			/* another unreachable: mark says which */
};

struct tr_probe {
	unsigned ttl;			/* the hop */
	unsigned n;			/* the probe within the hop, from 0 */
	enum tr_kind kind;
	struct addr from;		/* who answered (not for TR_TIMEOUT); an
					 * IPv4 router under a LISP tunnel in
					 * an IPv6 trace, and the reverse */
	uint64_t rtt_us;
	char mark[4];			/* "!H", "!N", "!P", "!A", "!U" or "" */
};

struct tr_result {
	struct addr dst, src;
	unsigned sent, answered;
	unsigned last_ttl;		/* the last hop probed */
	bool reached;			/* a probe got an unreachable */
	bool cancelled;
};

/* Called after each probe. */
typedef void (*tr_probe_fn)(void *arg, const struct tr_probe *p);
/* Called once at the end; the trace is freed after it returns. */
typedef void (*tr_done_fn)(void *arg, const struct tr_result *res);

/*
 * Start a trace; the first probe leaves at once.  Returns an id > 0, or 0
 * with an IOS-style message in err (bad source, bad TTL range).
 */
unsigned traceroute_start(struct router *r, const struct tr_params *tp,
			  tr_probe_fn probe, tr_done_fn done, void *arg,
			  char *err, size_t errlen);
/* Stop early (the escape sequence); done runs with cancelled set. */
void traceroute_cancel(struct router *r, unsigned id);
unsigned traceroute_active(const struct router *r);

#endif

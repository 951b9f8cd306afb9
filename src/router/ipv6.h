/*
 * DOC: IPv6 input, forwarding and output (RFC 8200, RFC 4291)
 *
 * IPv6 runs on an interface once it has an address or 'ipv6 enable', as
 * on IOS: the interface then gets its link-local address (fe80::/64 with
 * the EUI-64 interface identifier of its MAC, or the one configured with
 * 'ipv6 address FE80::X link-local'), joins the all-nodes group, the
 * solicited-node group of each address and, when the router routes, the
 * all-routers group, and runs duplicate address detection (nd.c) on each
 * address before using it.
 *
 * ipv6_input() checks a received packet (version, payload length, source
 * and destination scope), delivers what is addressed to the router (one of
 * its addresses or groups) and, with 'ipv6 unicast-routing', forwards the
 * rest: hop limit decremented (ICMPv6 Time Exceeded at 1), never
 * fragmented (ICMPv6 Packet Too Big with the egress MTU), link-local
 * destinations never leave their link, a link-local source never leaves
 * its link either (Destination Unreachable, beyond scope of source).
 * Without 'ipv6 unicast-routing' the router is a host and drops transit
 * packets ("not a router").  Every drop is counted by reason ('show ipv6
 * traffic').  The IPv4 path does not see any of this: Ethernet hands
 * ethertype 0x86dd here only on an interface running IPv6.
 */
#ifndef LISPR_IPV6_H
#define LISPR_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "addr.h"

struct router;
struct iface;
struct evtimer;

#define IP6_HDRLEN		40
#define IPPROTO_ICMPV6_		58
#define IP6_MIN_MTU		1280
#define IFACE6_ADDR_MAX		8	/* global addresses per interface */
#define IP6_HOPLIMIT_DEFAULT	64

#define RT6_DROP_REASONS(X) \
	X(TRUNCATED,      "truncated IPv6 header") \
	X(VERSION,        "bad IPv6 version") \
	X(LENGTH,         "bad payload length") \
	X(BAD_SRC,        "bad source address") \
	X(BAD_DST,        "bad destination address") \
	X(MCAST,          "multicast not for us") \
	X(SCOPE,          "beyond scope of source address") \
	X(LINKLOCAL_DST,  "link-local destination not ours") \
	X(NOT_ROUTER,     "not a router (unicast-routing off)") \
	X(HOPLIMIT,       "hop limit expired") \
	X(NO_ROUTE,       "no route") \
	X(TOO_BIG,        "too big") \
	X(TENTATIVE,      "for a tentative address") \
	X(FRAG_LOCAL,     "fragment for us (no reassembly)") \
	X(NO_PROTO,       "unknown protocol") \
	X(ICMP_MALFORMED, "malformed ICMPv6") \
	X(ICMP_CHECKSUM,  "bad ICMPv6 checksum") \
	X(ND_INVALID,     "invalid ND message") \
	X(ND_CACHE_FULL,  "neighbor cache full") \
	X(ND_QUEUE_FULL,  "ND pending queue full") \
	X(ND_UNRESOLVED,  "ND unresolved") \
	X(NO_SOURCE,      "no source address") \
	X(ACL,            "denied by access list") \
	X(URPF,           "unicast RPF failed")

enum rt6_drop {
#define RT6_DROP_ENUM(id, text) RT6_DROP_##id,
	RT6_DROP_REASONS(RT6_DROP_ENUM)
#undef RT6_DROP_ENUM
	RT6_DROP__COUNT
};

/* 'show ipv6 traffic', IOS sections. */
struct rt6_stats {
	uint64_t drops[RT6_DROP__COUNT];
	uint64_t rx, local, forwarded, originated, mcast_rx, mcast_tx;
	uint64_t fragments;		/* received fragments */
	/* ICMPv6, by type: [0] received, [1] sent */
	uint64_t icmp_total[2];
	uint64_t echo[2], echo_reply[2];
	uint64_t unreach[2], too_big[2], time_exceeded[2], param[2];
	uint64_t rs[2], ra[2], ns[2], na[2], redirect[2], other[2];
	uint64_t icmp_ratelimited;	/* errors not sent: rate limit */
	uint64_t icmp_suppressed;	/* errors not sent: RFC 4443 2.4(e) */
	uint64_t dad_duplicates;
};

const char *rt6_drop_name(enum rt6_drop d);

enum ip6a_state {
	IP6A_PREFERRED,			/* usable */
	IP6A_TENTATIVE,			/* DAD running: [TEN] */
	IP6A_DUPLICATE,			/* DAD failed: [DUP], never used */
};

struct ip6_ifaddr {
	uint8_t a[16];
	uint8_t cfg[16];		/* as configured (the prefix, eui-64) */
	uint8_t plen;
	bool used, eui64;
	uint8_t state;			/* enum ip6a_state */
	uint8_t dad_sent;
	struct evtimer *dad;		/* nd.c */
	struct iface *owner;
};

/* The IPv6 side of an interface (inside struct iface). */
struct iface6 {
	bool enable;			/* 'ipv6 enable' */
	bool ll_manual;			/* 'ipv6 address FE80::X link-local' */
	bool ra_send;			/* 'no ipv6 nd ra suppress' */
	bool running;			/* IPv6 is up on the interface */
	struct ip6_ifaddr ll;		/* used while running */
	struct ip6_ifaddr g[IFACE6_ADDR_MAX];
	uint8_t ll_cfg[16];		/* the configured link-local */
	struct evtimer *ra_timer;	/* nd.c */
	uint64_t ra_last;
};

/* Address helpers. */
static inline bool ip6_is_mcast(const uint8_t *a) { return a[0] == 0xff; }
static inline bool ip6_is_linklocal(const uint8_t *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}
static inline bool ip6_is_unspec(const uint8_t *a)
{
	static const uint8_t z[16];

	return memcmp(a, z, 16) == 0;
}
static inline bool ip6_is_loopback(const uint8_t *a)
{
	static const uint8_t lo[16] = { [15] = 1 };

	return memcmp(a, lo, 16) == 0;
}
/* ff02::1:ffXX:XXXX for a. */
void ip6_solicited_node(const uint8_t a[16], uint8_t out[16]);
/* 33:33 + the low 32 bits of a multicast group. */
void ip6_mcast_mac(const uint8_t g[16], uint8_t mac[6]);
/* The modified EUI-64 interface identifier of mac in out[8..15]. */
void ip6_eui64(const uint8_t mac[6], uint8_t out[16]);
/* The upper-layer checksum of an IPv6 packet's payload (RFC 8200 8.1):
 * 0 over data that carries a correct one; stored as it is. */
uint16_t ipv6_l4_cksum(const uint8_t *ip6, uint8_t nxt, const uint8_t *l4, size_t l4len);

/* Interface configuration ('ipv6 address', 'ipv6 enable', ...).  Errors
 * in IOS wording in err. */
int iface6_add_addr(struct router *r, struct iface *ifp, const struct addr *a,
		    unsigned plen, bool eui64, char *err, size_t errlen);
/* 'no ipv6 address A/L [eui-64]': -1 if absent. */
int iface6_del_addr(struct router *r, struct iface *ifp, const struct addr *a,
		    unsigned plen, bool eui64, char *err, size_t errlen);
/* 'no ipv6 address': every address, the configured link-local too. */
void iface6_clear_addrs(struct router *r, struct iface *ifp);
/* 'ipv6 address FE80::X link-local'; NULL: back to the EUI-64 one. */
int iface6_set_linklocal(struct router *r, struct iface *ifp, const struct addr *a,
			 char *err, size_t errlen);
void iface6_set_enable(struct router *r, struct iface *ifp, bool on);
void iface6_set_ra_suppress(struct router *r, struct iface *ifp, bool suppress);
/* Back to no IPv6 at all ('default interface'). */
void iface6_reset(struct router *r, struct iface *ifp);

/* The interface's IPv6 view, for 'show' and the running-config. */
struct iface6_view {
	bool configured;		/* enable or an address */
	bool enable, running, ll_manual, ra_suppress;
	struct ip6_ifaddr ll;		/* valid when running */
	uint8_t ll_cfg[16];		/* when ll_manual */
	unsigned n;
	struct ip6_ifaddr g[IFACE6_ADDR_MAX];	/* in configuration order */
	bool joined_all_routers;
};
void iface6_view(const struct router *r, const struct iface *ifp, struct iface6_view *v);

void ipv6_set_routing(struct router *r, bool on);
bool ipv6_routing(const struct router *r);
const struct rt6_stats *router_stats6(const struct router *r);
void router_clear_stats6(struct router *r);
/* 'ipv6 icmp error-interval MS [BUCKET]' (IOS defaults 100 ms, 10):
 * a token bucket of BUCKET errors refilled one per interval; 0 ms: off. */
void ipv6_set_icmp_error_interval(struct router *r, uint32_t ms, unsigned bucket);
void ipv6_icmp_error_interval(const struct router *r, uint32_t *ms, unsigned *bucket);

/*
 * Send a packet the router built: f holds ETHER_HDRLEN bytes of headroom,
 * then the IPv6 packet with every field set.  Routed through the FIB (a
 * link-local or multicast destination needs oif); a packet for the router
 * itself is delivered locally.  Returns 0, or -1 when it was dropped.
 */
int ipv6_output(struct router *r, struct iface *oif, uint8_t *f, size_t len);
/* Source address selection (RFC 6724, simply): for a link-local or
 * link-scope multicast destination the link-local of oif; else a global
 * address of the egress interface, else of any interface.  False: none. */
bool ipv6_source_for(struct router *r, const uint8_t dst[16], struct iface *oif,
		     uint8_t out[16]);
/* Fill the 40-byte header. */
void ipv6_build_hdr(uint8_t *ip, uint16_t plen, uint8_t nxt, uint8_t hlim,
		    const uint8_t src[16], const uint8_t dst[16]);

#endif

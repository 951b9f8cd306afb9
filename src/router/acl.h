/*
 * DOC: IPv4 and IPv6 access lists as the router applies them
 *
 * The shell keeps the configuration (cli/cmd_acl.c: the entries as
 * written, remarks, sequence numbers) and hands the router each list's
 * match rules whenever the list changes; the router keeps them by name
 * with a match count per rule, so every use counts in one place: the
 * interfaces' 'ip access-group LIST in|out' in the forwarding path and the
 * vty lines' 'access-class'.  A rule matches an address a when
 * (a & ~wild) == addr, for the source and (extended lists) the
 * destination, with the protocol and ports; the first rule in sequence
 * order that matches
 * decides, nothing matching denies, and a list the router does not have,
 * or one without rules, permits (as IOS: an access-group naming no list
 * filters nothing).  Replacing a list keeps the counts of the rules that
 * stay alike (same sequence number, same match).
 *
 * A rule with 'log' logs as IOS does: the first packet of a flow (list,
 * rule, protocol, addresses and ports or ICMP type and code; a standard
 * list's source alone) at once, then, every 5 minutes while the flow
 * lasts, how many more came ('..., 12 packets'): %SEC-6-IPACCESSLOGS
 * (standard lists), IPACCESSLOGP (TCP, UDP: 'tcp A(1024) -> B(23)'),
 * IPACCESSLOGDP (ICMP: 'icmp A -> B (8/0)'), IPACCESSLOGNP (other
 * protocols); %IPV6_ACL-6-ACCESSLOGP, ACCESSLOGDP, ACCESSLOGNP with
 * 'list NAME/SEQ'.  A 'log-input' rule's lines add, after the source,
 * the interface the packet came in on and its Ethernet source, as IOS
 * ('tcp A(1024) (Ethernet0 0050.56a4.0001) -> B(23)'; '(LISP0)' for what
 * the ETR decapsulated), and its flows are told apart by them too.
 * At most ACL_LOG_FLOWS flows are followed; beyond
 * that a packet is logged on its own, rate-limited per rule, and counted
 * (router_acl_log_overflow()).  First packets are rate-limited per rule
 * too; one held back is counted in its flow's next line.
 *
 * An interface's 'in' list sees every IPv4 packet that arrives on it from
 * the wire (for the router itself too, before routing; not the inner
 * packets the ETR decapsulates, which arrive through LISP), its 'out' list
 * the packets the router forwards out of it (not those it originates).  A
 * denied packet is dropped and counted ('denied by access list' in the
 * drop reasons) and answered with an ICMP unreachable, administratively
 * prohibited (code 13), under the unreachable rate limit, as IOS does.
 *
 * IPv6 lists ('ipv6 access-list NAME') are named apart from the IPv4 ones
 * (a list of each family may share a name) and applied the same way by
 * 'ipv6 traffic-filter NAME in|out' and 'ipv6 access-class'.  A rule
 * matches a source and destination prefix; its protocol is the upper
 * layer after the extension headers, and a non-initial fragment has no
 * layer 4 (in both families a 'fragments' rule matches those only).  As
 * IOS, a list that has rules ends with three implicit ones:
 * 'permit icmp any any nd-na', 'permit icmp any any nd-ns', 'deny ipv6
 * any any', so Neighbor Discovery survives a list that does not mention it
 * (an explicit 'deny ipv6 any any' stops it too).  A denied IPv6 packet is
 * answered with Destination Unreachable, administratively prohibited
 * (code 1), under the ICMPv6 error rate limit.
 * All of it runs under the router lock.
 */
#ifndef LISPR_ACL_H
#define LISPR_ACL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct router;
struct iface;

#define ACL_NAME_MAX	32

/* A rule: a standard list's match the source only (dst any, proto -1,
 * no ports); an extended list's the protocol, both addresses and, for
 * TCP and UDP, port ranges (neq: anything but lo), TCP's 'established'
 * (ACK or RST set) or flags, ICMP's type and code, the TTL.  A rule with a layer-4
 * condition (l4) never matches a non-initial fragment, which has none; a
 * rule with 'fragments' matches only those. */
struct acl_rule {
	unsigned seq;
	uint32_t addr, wild;	/* the source, host order; addr has no wildcard bits */
	uint32_t dst, dwild;	/* the destination, likewise (dwild ~0: any) */
	int proto;		/* IP protocol, -1: any ('ip') */
	uint16_t sport_lo, sport_hi, dport_lo, dport_hi;
	bool sport_neq, dport_neq;
	bool established;
	int icmp_type, icmp_code;	/* -1: any */
	bool l4;
	bool fragments;		/* 'fragments': non-initial fragments only (never with l4) */
	/* The IPv4 TOS byte's (IPv6 traffic class's) fields: 'dscp' (the top
	 * six bits), 'precedence' (three), 'tos' (the four after them);
	 * -1: any. */
	int dscp, prec, tos;
	/* TCP flags: those that must be set (tcp_on) and clear (tcp_off), all
	 * of them, or with tcp_any any one of them (IOS's 'match-all +syn
	 * -ack', 'match-any +rst +fin'; 'syn' alone is match-all +syn);
	 * both 0: none. */
	uint8_t tcp_on, tcp_off;
	bool tcp_any, tcp_words;	/* tcp_words: written 'syn ack' */
	/* 'ttl eq|neq|lt|gt N | range A B': the TTL (IPv4) in [ttl_lo,
	 * ttl_hi], or outside with ttl_neq; ttl false: none. */
	bool ttl, ttl_neq;
	uint16_t ttl_lo, ttl_hi;
	bool std;		/* a standard list's (how 'log' words it) */
	bool permit, log;
	bool log_input;		/* 'log-input': log sets it too */
	/* An IPv6 list's rule: prefixes instead of addr/wild and dst/dwild
	 * (plen 0: any; the address has no bits past plen); proto 58 ICMPv6. */
	bool v6;
	uint8_t src6_len, dst6_len;
	uint8_t src6[16], dst6[16];
	/* 'time-range NAME' ("" none): the rule is skipped while the range
	 * is not in effect, or does not exist (as IOS). */
	char trange[ACL_NAME_MAX];
	int tr;			/* the router's: its range's index, -1 none, -2 unknown */
};

/* What a rule is matched against (host order). */
struct acl_pkt {
	uint32_t src, dst;
	int proto;
	uint16_t sport, dport;
	uint8_t tcp_flags, icmp_type, icmp_code;
	uint8_t tclass;		/* IPv4 TOS, IPv6 traffic class */
	uint8_t ttl;		/* IPv4 TTL, IPv6 hop limit */
	bool l4;		/* the layer-4 header is there (an initial fragment) */
	bool frag;		/* a non-initial fragment */
	bool v6;		/* src6/dst6 instead of src/dst */
	uint8_t src6[16], dst6[16];
	/* Where it came from, for 'log-input' (the forwarding path sets
	 * them; a flow is not told apart by them otherwise): the interface,
	 * the Ethernet source (NULL: none, as for what LISP decapsulated,
	 * which came in on LISP0). */
	const struct iface *in;
	const uint8_t *smac;
	bool decap;
};
/* Do two rules permit or deny the same packets (their seq and log aside)? */
bool acl_rule_same_match(const struct acl_rule *x, const struct acl_rule *y);
/* A rule that matches anything (standard: set addr/wild after). */
void acl_rule_any(struct acl_rule *r);
/* The fields of an IPv4 packet (network order in the packet). */
void acl_pkt_of(const uint8_t *ip, size_t len, struct acl_pkt *p);
/* The fields of an IPv6 packet: the upper layer after at most 8
 * extension headers (hop-by-hop, routing, fragment, destination options,
 * AH); a header cut short leaves no layer 4. */
void acl_pkt_of6(const uint8_t *ip, size_t len, struct acl_pkt *p);

/* The IPv4 (v6 false) or IPv6 list name's rules become v[0..n-1] (in
 * sequence order); 0, or -1 when out of memory (the list stays as it was). */
int router_acl_set(struct router *r, bool v6, const char *name, const struct acl_rule *v, unsigned n);
void router_acl_del(struct router *r, bool v6, const char *name);
/* Is there an IPv4 (v6: IPv6) list name with a rule? */
bool router_acl_has_rules(const struct router *r, bool v6, const char *name);
/* Does list name (of p's family) permit packet p?  Counts the rule. */
bool router_acl_permits(struct router *r, const char *name, const struct acl_pkt *p);
/* The matches of list name's rule seq so far; 0 when none. */
uint64_t router_acl_matches(const struct router *r, bool v6, const char *name, unsigned seq);
/* Flows 'log' rules followed at most, and how many packets were logged
 * on their own because that many were followed. */
#define ACL_LOG_FLOWS	1024
uint64_t router_acl_log_overflow(const struct router *r);
/* 'ip access-list log-update threshold N': a flow's line as soon as N
 * packets came after the last one, not only every 5 minutes (0: off). */
void router_acl_log_threshold(struct router *r, uint32_t n);
/* 'ip access-list logging interval MS': a first packet's (or a
 * threshold's) line at most every MS milliseconds, the packets held back
 * counted in their flow's next line (0: off). */
void router_acl_log_interval(struct router *r, uint32_t ms);

/* List name's rules numbered from[k] take the number to[k] (n of each,
 * both increasing), their counts with them. */
void router_acl_resequence(struct router *r, bool v6, const char *name, const unsigned *from, const unsigned *to,
			   unsigned n);
/* Every list's counts (name NULL), or list name's, back to 0. */
void router_acl_clear(struct router *r, bool v6, const char *name);
void router_acl_free_all(struct router *r);

/* Time range name (src/lib/timerange.h) becomes *t (NULL: removed); -1
 * when out of memory or the name is too long.  The router checks each
 * range at every minute and applies what it finds to the rules naming it
 * at once. */
struct time_range;
int router_time_range_set(struct router *r, const char *name, const struct time_range *t);
/* 1 when range name is in effect, 0 when not, -1 when there is none. */
int router_time_range_state(const struct router *r, const char *name);
/* Every range's state at instant now (the minute's tick gives the clock's). */
void router_time_ranges_eval(struct router *r, time_t now);

/* 'ip access-group NAME in|out' (v6: 'ipv6 traffic-filter') on ifp ("" or
 * NULL: none); -1 when the name is too long. */
int iface_set_access_group(struct router *r, struct iface *ifp, bool v6, bool out, const char *name);
const char *iface_access_group(const struct iface *ifp, bool v6, bool out);

/* 'debug ip packet [LIST] [detail]' (v6: 'debug ipv6 packet [access-list
 * LIST] [detail]'): the packets of that family the debug lines show are
 * those IPv4 (IPv6) list name permits (NULL or "": all of them; a list
 * that does not exist or has no rule: all too), detail adds a line of
 * their layer 4.  The filter counts nothing and logs nothing. */
void router_set_debug_filter(struct router *r, bool v6, const char *name, bool detail);
const char *router_debug_filter(const struct router *r, bool v6, bool *detail);
/* Does the debug filter show IPv4 (v6: IPv6) packet ip? */
bool acl_debug_shows(struct router *r, bool v6, const uint8_t *ip, size_t len);
/* The detail line of IPv4 (v6: IPv6) packet ip ("" when the filter asks
 * none). */
void acl_debug_detail(const struct router *r, bool v6, const uint8_t *ip, size_t len, char *buf, size_t blen);

/* A packet on ifp that failed its unicast RPF check: does the check's
 * access list (iface.h) let it by?  Counts it as a suppressed drop if so,
 * as a drop if not (a list that does not exist or has no rule lets none
 * by). */
bool acl_urpf_excepted(struct router *r, struct iface *ifp, bool v6, const uint8_t *ip, size_t len);

/* The forwarding path: may IPv4 (IPv6) packet ip, which came in on in,
 * come in on ifp (in itself), or go out of it? */
bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, const struct iface *in, const uint8_t *ip,
		       size_t len);
bool acl_iface_permits6(struct router *r, struct iface *ifp, bool out, const struct iface *in, const uint8_t *ip,
			size_t len);

#endif

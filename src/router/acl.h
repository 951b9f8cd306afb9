/*
 * DOC: standard IPv4 access lists as the router applies them
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
 * filters nothing).  A
 * rule with 'log' logs each address it matches (%SEC-6-IPACCESSLOGS,
 * rate-limited per rule).  Replacing a list keeps the counts of the rules
 * that stay alike (same sequence number, same match).
 *
 * An interface's 'in' list sees every IPv4 packet that arrives on it from
 * the wire (for the router itself too, before routing; not the inner
 * packets the ETR decapsulates, which arrive through LISP), its 'out' list
 * the packets the router forwards out of it (not those it originates).  A
 * denied packet is dropped and counted ('denied by access list' in the
 * drop reasons) and answered with an ICMP unreachable, administratively
 * prohibited (code 13), under the unreachable rate limit, as IOS does.
 * All of it runs under the router lock.
 */
#ifndef LISPR_ACL_H
#define LISPR_ACL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define ACL_NAME_MAX	32

/* A rule: a standard list's match the source only (dst any, proto -1,
 * no ports); an extended list's the protocol, both addresses and, for
 * TCP and UDP, port ranges (neq: anything but lo), TCP's 'established'
 * (ACK or RST set), ICMP's type and code.  A rule with a layer-4
 * condition (l4) never matches a non-initial fragment, which has none. */
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
	bool permit, log;
};

/* What a rule is matched against (host order). */
struct acl_pkt {
	uint32_t src, dst;
	int proto;
	uint16_t sport, dport;
	uint8_t tcp_flags, icmp_type, icmp_code;
	bool l4;		/* the layer-4 header is there (an initial fragment) */
};
/* Do two rules permit or deny the same packets (their seq and log aside)? */
bool acl_rule_same_match(const struct acl_rule *x, const struct acl_rule *y);
/* A rule that matches anything (standard: set addr/wild after). */
void acl_rule_any(struct acl_rule *r);
/* The fields of an IPv4 packet (network order in the packet). */
void acl_pkt_of(const uint8_t *ip, size_t len, struct acl_pkt *p);

/* List name's rules become v[0..n-1] (in sequence order); 0, or -1 when
 * out of memory (the list stays as it was). */
int router_acl_set(struct router *r, const char *name, const struct acl_rule *v, unsigned n);
void router_acl_del(struct router *r, const char *name);
/* Does list name permit packet p?  Counts the rule. */
bool router_acl_permits(struct router *r, const char *name, const struct acl_pkt *p);
/* The matches of list name's rule seq so far; 0 when none. */
uint64_t router_acl_matches(const struct router *r, const char *name, unsigned seq);
/* Every list's counts (name NULL), or list name's, back to 0. */
void router_acl_clear(struct router *r, const char *name);
void router_acl_free_all(struct router *r);

/* 'ip access-group NAME in|out' on ifp ("" or NULL: none). */
int iface_set_access_group(struct router *r, struct iface *ifp, bool out, const char *name);
const char *iface_access_group(const struct iface *ifp, bool out);

/* The forwarding path: may IPv4 packet ip come in on ifp, or go out of it? */
bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, const uint8_t *ip, size_t len);

#endif

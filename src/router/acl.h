/*
 * DOC: standard IPv4 access lists as the router applies them
 *
 * The shell keeps the configuration (cli/cmd_acl.c: the entries as
 * written, remarks, sequence numbers) and hands the router each list's
 * match rules whenever the list changes; the router keeps them by name
 * with a match count per rule, so every use counts in one place: the
 * interfaces' 'ip access-group LIST in|out' in the forwarding path and the
 * vty lines' 'access-class'.  A rule matches a source address a when
 * (a & ~wild) == addr; the first rule in sequence order that matches
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
#include <stdint.h>

struct router;
struct iface;

#define ACL_NAME_MAX	32

struct acl_rule {
	unsigned seq;
	uint32_t addr, wild;	/* host order; addr has no wildcard bits */
	bool permit, log;
};

/* List name's rules become v[0..n-1] (in sequence order); 0, or -1 when
 * out of memory (the list stays as it was). */
int router_acl_set(struct router *r, const char *name, const struct acl_rule *v, unsigned n);
void router_acl_del(struct router *r, const char *name);
/* Does list name permit source a (host order)?  Counts the rule. */
bool router_acl_permits(struct router *r, const char *name, uint32_t a);
/* The matches of list name's rule seq so far; 0 when none. */
uint64_t router_acl_matches(const struct router *r, const char *name, unsigned seq);
/* Every list's counts (name NULL), or list name's, back to 0. */
void router_acl_clear(struct router *r, const char *name);
void router_acl_free_all(struct router *r);

/* 'ip access-group NAME in|out' on ifp ("" or NULL: none). */
int iface_set_access_group(struct router *r, struct iface *ifp, bool out, const char *name);
const char *iface_access_group(const struct iface *ifp, bool out);

/* The forwarding path: may a packet from src (network order) come in on
 * ifp, or go out of it? */
bool acl_iface_permits(struct router *r, struct iface *ifp, bool out, uint32_t src);

#endif

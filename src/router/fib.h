/*
 * DOC: the forwarding table
 *
 * The FIB is the shared LPM table (lpm.h) of struct fib_entry, rebuilt from
 * the configuration whenever an interface or a static route changes:
 * connected prefixes of the interfaces that are up, a local /32 per
 * address (the router's own), then the static routes by distance, each
 * resolved recursively through the table to an egress interface and an
 * adjacent next hop.  A static route whose next hop does not resolve, or
 * resolves only through itself, is not installed (IOS behaves the same).
 *
 * There is one such table per VRF (vrf.h); the calls without a VRF are the
 * default VRF's, those ending in _vrf take its id.  A static route of a
 * VRF resolves in that VRF only (an interface it names must be in it).
 *
 * The FIB itself never holds LISP state: the entries' LISP fields (the
 * eligibility flag and the 'show ip cef' forwarding action) are filled in
 * only in the copies lisp_cef_lookup()/lisp_cef_foreach() return, computed
 * by the same rule the ITR applies to packets (src/lisp/lisp_itr.c).
 */
#ifndef LISPR_FIB_H
#define LISPR_FIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct router;
struct iface;

enum fib_type {
	FIB_CONNECTED,		/* C: the subnet of an interface */
	FIB_LOCAL,		/* L: an address of the router (receive) */
	FIB_STATIC,		/* S: ip route */
};

/* 'show ip cef' fwd action for LISP-managed prefixes. */
enum fib_lisp_action {
	FIB_LISP_NONE,		/* not LISP-managed: native forwarding */
	FIB_LISP_ENCAP,		/* "encap": to the map-cache locators */
	FIB_LISP_SIGNAL,	/* send a Map-Request, drop meanwhile */
	FIB_LISP_NATIVE,	/* "fwd native" */
	FIB_LISP_NATIVE_PETR,	/* "fwd native via petr" */
	FIB_LISP_DROP,
};

#define FIB_F_LISP_ELIGIBLE	0x01	/* "check lisp eligibility" */
#define FIB_F_DISCARD		0x02	/* via Null0 */
#define FIB_F_CONNECTED		0x04	/* a local /32 that is also the subnet */
#define FIB_F_IFACE		0x08	/* a static naming its interface */

struct fib_entry {
	struct prefix prefix;
	enum fib_type type;
	uint8_t distance;		/* 0 connected, 1 static by default */
	uint8_t flags;
	enum fib_lisp_action lisp_action;
	struct iface *oif;		/* egress; NULL for discard */
	uint32_t gw;			/* resolved adjacent next hop, network
					 * order; 0: the destination itself */
	uint32_t cfg_gw;		/* the static route's configured next hop */
	uint8_t gw6[16], cfg_gw6[16];	/* the same for IPv6; :: none */
	uint64_t pkts, bytes;		/* forwarded through this entry */
};

/* 'ip route P M {NEXTHOP | INTERFACE [NEXTHOP]} [DISTANCE]', IPv4 only.
 * gw NULL or AFI_NONE: none; ifname NULL: none; one of them is required. */
#define FIB_ROUTE_NAME_MAX	49	/* 'name WORD': 48 characters */
struct fib_static {
	struct prefix prefix;
	uint32_t gw;			/* network order, 0: none */
	char ifname[32];		/* "": none */
	uint8_t distance;
	unsigned vrf;			/* VRF_DEFAULT or 'ip route vrf NAME' */
	uint32_t tag;			/* 'tag N', 0: none */
	char name[FIB_ROUTE_NAME_MAX];	/* 'name WORD', "": none */
};

/* 'ip route ...'.  A next hop that is one of the router's own addresses
 * (in that VRF) is kept but resolves to nothing, so the route is not
 * installed: an address configured after the route makes it so, and the
 * running-config it prints must load back.  The shell refuses it when
 * typed (fib_gw_is_own), as IOS does. */
int fib_static_add(struct router *r, const struct prefix *p, const struct addr *gw,
		   const char *ifname, unsigned distance, char *err, size_t errlen);
/* Is gw (IPv4 or IPv6, not link-local) an address of an interface of VRF
 * vrf? */
bool fib_gw_is_own(const struct router *r, unsigned vrf, const struct addr *gw);
/* 'no ip route ...': same arguments (distance ignored); -1 if absent. */
int fib_static_del(struct router *r, const struct prefix *p, const struct addr *gw,
		   const char *ifname, char *err, size_t errlen);
/* Configured static routes sorted by prefix, next hop, interface: the
 * running-config order. */
int fib_static_foreach(struct router *r,
		       int (*fn)(const struct fib_static *s, void *arg), void *arg);
/* The same in VRF vrf ('ip route vrf NAME ...'); -1 with a % message for
 * an unknown VRF. */
int fib_static_add_vrf(struct router *r, unsigned vrf, const struct prefix *p,
		       const struct addr *gw, const char *ifname, unsigned distance,
		       char *err, size_t errlen);
int fib_static_del_vrf(struct router *r, unsigned vrf, const struct prefix *p,
		       const struct addr *gw, const char *ifname, char *err, size_t errlen);
/* The labels of a static route just added ('tag N', 'name WORD'; 0 and
 * NULL or "": none): they only travel with the route into the
 * running-config (lispr redistributes nothing).  -1 when no such route is
 * configured or the name is too long. */
int fib_static_set_label(struct router *r, unsigned vrf, const struct prefix *p,
			 const struct addr *gw, const char *ifname, uint32_t tag, const char *name);
/* The 'tag N' of the static route configured as p via gw (network order,
 * 0: none) and ifname (NULL: none) in VRF vrf: 0 when none or no such
 * route ('show ip route P' prints it). */
uint32_t fib_static_tag(struct router *r, unsigned vrf, const struct prefix *p, uint32_t gw,
			const char *ifname);
int fib_static_foreach_vrf(struct router *r, unsigned vrf,
			   int (*fn)(const struct fib_static *s, void *arg), void *arg);
/* The same from the first route after 'after' in that order (after need
 * not be configured any more; NULL: from the start): the running-config
 * writes thousands in slices. */
int fib_static_foreach_vrf_after(struct router *r, unsigned vrf, const struct fib_static *after,
				 int (*fn)(const struct fib_static *s, void *arg), void *arg);
/* How many prefixes VRF vrf's static routes have. */
size_t fib_static_prefixes_vrf(const struct router *r, unsigned vrf);

/* Installed routes in prefix order ('show ip route', 'show ip cef'). */
int fib_route_foreach(struct router *r,
		      int (*fn)(const struct fib_entry *e, void *arg), void *arg);
int fib_route_foreach_vrf(struct router *r, unsigned vrf,
			  int (*fn)(const struct fib_entry *e, void *arg), void *arg);
/* One family's routes (AFI_IPV4 or AFI_IPV6) of VRF vrf after the prefix
 * 'after' in that order (NULL: from the start): a table shown in slices. */
int fib_route_foreach_vrf_after(struct router *r, unsigned vrf, uint16_t afi,
				const struct prefix *after,
				int (*fn)(const struct fib_entry *e, void *arg), void *arg);
/* VRF vrf's route for exactly prefix p (either family), or NULL. */
struct fib_entry *fib_route_exact_vrf(struct router *r, unsigned vrf, const struct prefix *p);
size_t fib_count_vrf(const struct router *r, unsigned vrf);
/* Longest match for an IPv4 address (network order), or NULL. */
struct fib_entry *fib_lookup(struct router *r, uint32_t dst);
/*
 * IPv6 (fib6.c), in the same table: connected and local routes of the
 * interfaces running IPv6 (addresses that failed DAD excluded), and
 * 'ipv6 route P/L {NEXTHOP | INTERFACE [NEXTHOP]} [DISTANCE]'; a
 * link-local next hop needs the interface.
 */
struct fib6_static {
	struct prefix prefix;
	uint8_t gw[16];			/* :: none */
	char ifname[32];		/* "": none */
	uint8_t distance;
	unsigned vrf;
	uint32_t tag;			/* as struct fib_static's */
	char name[FIB_ROUTE_NAME_MAX];
};

int fib6_static_add(struct router *r, const struct prefix *p, const struct addr *gw,
		    const char *ifname, unsigned distance, char *err, size_t errlen);
int fib6_static_del(struct router *r, const struct prefix *p, const struct addr *gw,
		    const char *ifname, char *err, size_t errlen);
int fib6_static_foreach(struct router *r,
			int (*fn)(const struct fib6_static *s, void *arg), void *arg);
int fib6_route_foreach(struct router *r,
		       int (*fn)(const struct fib_entry *e, void *arg), void *arg);
struct fib_entry *fib6_lookup(struct router *r, const uint8_t dst[16]);
size_t fib6_count(const struct router *r);
int fib6_static_add_vrf(struct router *r, unsigned vrf, const struct prefix *p,
			const struct addr *gw, const char *ifname, unsigned distance,
			char *err, size_t errlen);
int fib6_static_del_vrf(struct router *r, unsigned vrf, const struct prefix *p,
			const struct addr *gw, const char *ifname, char *err, size_t errlen);
int fib6_static_set_label(struct router *r, unsigned vrf, const struct prefix *p,
			  const struct addr *gw, const char *ifname, uint32_t tag, const char *name);
int fib6_static_foreach_vrf(struct router *r, unsigned vrf,
			    int (*fn)(const struct fib6_static *s, void *arg), void *arg);
/* As fib_static_foreach_vrf_after() and fib_static_prefixes_vrf(). */
int fib6_static_foreach_vrf_after(struct router *r, unsigned vrf, const struct fib6_static *after,
				  int (*fn)(const struct fib6_static *s, void *arg), void *arg);
size_t fib6_static_prefixes_vrf(const struct router *r, unsigned vrf);
int fib6_route_foreach_vrf(struct router *r, unsigned vrf,
			   int (*fn)(const struct fib_entry *e, void *arg), void *arg);
size_t fib6_count_vrf(const struct router *r, unsigned vrf);

/* Recompute every VRF's table from interfaces and static routes. */
void fib_rebuild(struct router *r);
/* Only VRF vrf's (a change on one of its interfaces or routes). */
void fib_rebuild_vrf(struct router *r, unsigned vrf);
/* ifp, which had no IPv4 address, got one: its connected and local
 * routes go into its VRF's table as they are when no IPv4 static route of
 * that VRF could resolve through them (else the table is rebuilt): a
 * pasted block of thousands of interfaces rebuilt the whole table per
 * address (10,000 loopbacks: 81 s). */
void fib_iface_addr_added(struct router *r, struct iface *ifp);
/* A loopback or Null0 created: the table is rebuilt only when a static
 * route could name it (Null0 always). */
void fib_iface_created(struct router *r, struct iface *ifp);
/* Hold the rebuilds (true), nested, and let them go (false): most changes
 * rebuild their VRF's table whole (a new static route and an interface's
 * first address, an IPv6 address and an IPv6 static route are added as
 * they are when nothing depends on them: fib_iface_addr_added(),
 * fib6_iface_addr_added(), static_added()), so a configuration of
 * thousands of routes loaded line by line could rebuild it thousands of
 * times (20,000 static routes: minutes); held, the tables are rebuilt
 * once, when the last hold is let go, and lookups meanwhile see the
 * tables as they were.  Router lock held. */
void fib_hold(struct router *r, bool hold);
size_t fib_count(const struct router *r);

#endif

/*
 * DOC: VRFs: one forwarding table per VRF
 *
 * A VRF ('vrf definition NAME' or the classic 'ip vrf NAME') is a name, a
 * small id (0..VRF_MAX-1, stable while the VRF exists, the lowest free one
 * at creation), an optional rd, description and route-targets (stored and
 * printed back: they matter only to BGP), and its own FIB: the connected
 * and local routes of the interfaces bound to it ('vrf forwarding NAME')
 * and its static routes ('ip route vrf NAME ...', 'ipv6 route vrf ...').
 * VRF 0 is the global table, named "default"; it always exists.
 *
 * A packet is routed in the VRF of the interface it arrived on, and an
 * address of an interface in VRF A is the router's own only for packets
 * in VRF A.  What the router sends in answer (ICMP replies and errors)
 * or originates for a VRF ('ping vrf') is routed in that VRF.  ARP and ND
 * stay per interface.  RLOCs (the LISP underlay) always live in the
 * default VRF: the forwarding hooks (router_set_fwd_hook()) see only the
 * packets of the interface's own VRF (unless they read router_hook_vrf(),
 * below) and run in the default VRF, and the protocol handlers
 * (router_set_proto_handler()) see only packets for the default VRF's
 * addresses.  A decapsulated packet enters with ipv4_input_vrf() /
 * ipv6_input_vrf() and is routed in the VRF its instance is bound to.
 *
 * Binding an interface to a VRF removes its IPv4 and IPv6 addresses, as
 * IOS does; deleting a VRF removes its static routes and unbinds its
 * interfaces (their addresses removed too).  router_vrf_gen() changes on
 * every VRF creation and deletion and on every interface's VRF change, so
 * a consumer (the LISP engine's VRF -> instance array) rebuilds what it
 * derived from the VRFs with one compare per packet.
 */
#ifndef LISPR_VRF_H
#define LISPR_VRF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct router;
struct iface;
struct fib_entry;

#define VRF_DEFAULT	0		/* the global table */
#define VRF_MAX		1024		/* ids 0..VRF_MAX-1; creation refused beyond */
#define VRF_NAMELEN	33		/* 32 characters, as IOS */
#define VRF_RT_MAX	32		/* route-targets per VRF, family and direction */
#define VRF_DESCLEN	245

/* The id of VRF name; -1 unknown.  NULL, "" and "default" -> VRF_DEFAULT. */
int vrf_lookup(const struct router *r, const char *name);
/* "default" for 0; NULL for a free id. */
const char *vrf_name(const struct router *r, unsigned id);
/* The VRF of an interface (one load). */
unsigned iface_vrf(const struct iface *ifp);
/* Bumped on VRF create/delete and on any interface's VRF change. */
uint64_t router_vrf_gen(const struct router *r);

/* Longest match in a VRF's table; NULL: none (or no such VRF). */
struct fib_entry *fib_lookup_vrf(struct router *r, unsigned vrf, uint32_t dst);
struct fib_entry *fib6_lookup_vrf(struct router *r, unsigned vrf, const uint8_t dst[16]);

/* A decapsulated packet enters the router as if received on 'in' but is
 * routed in vrf (offered to the forwarding hook as router_hook_vrf()
 * says). */
void ipv4_input_vrf(struct router *r, struct iface *in, unsigned vrf, const uint8_t *ip,
		    size_t len);
void ipv6_input_vrf(struct router *r, struct iface *in, unsigned vrf, const uint8_t *ip,
		    size_t len);

/*
 * The forwarding hooks (router_set_fwd_hook()) see a packet of VRF v only
 * when v is in's own (in NULL: the default VRF), as the hook reads
 * iface_vrf(in).  A hook that reads router_hook_vrf() instead says so
 * with router_set_hook_vrf_aware(r, true); it is then offered also what
 * the router originates in a VRF (in NULL: 'ping vrf', the answers to a
 * packet received in a VRF) and decapsulated packets entering another VRF
 * than in's (ipv4_input_vrf()), router_hook_vrf() telling which VRF the
 * packet is in.  Either way the hook runs in the default VRF's context:
 * what it sends goes in the underlay.  Read router_hook_vrf() in the
 * hook, before sending anything.
 */
unsigned router_hook_vrf(const struct router *r);
void router_set_hook_vrf_aware(struct router *r, bool on);

/* ---- configuration (the shell) */

/* Route-target directions, as configured (both = import and export). */
enum vrf_rt_dir { VRF_RT_IMPORT, VRF_RT_EXPORT, VRF_RT_BOTH };
/* Address families of 'vrf definition': index 0 IPv4, 1 IPv6. */
enum vrf_af { VRF_AF_IPV4, VRF_AF_IPV6 };

/*
 * Find or create VRF name; its id, or -1 with a % message (bad name,
 * "default", VRF_MAX reached).  classic: 'ip vrf NAME' (the IPv4-only
 * form); a VRF keeps the form it was created with.
 */
int vrf_create(struct router *r, const char *name, bool classic, char *err, size_t errlen);
/* 'no vrf definition NAME': its routes go, its interfaces are unbound and
 * lose their addresses.  -1 with a % message when unknown. */
int vrf_delete(struct router *r, const char *name, char *err, size_t errlen);
size_t vrf_count(const struct router *r);	/* the default one excluded */

/* 'rd A:B' (ASN:nn or IP:nn); NULL or "" removes it.  IOS refuses to
 * change an rd once set: -1 with its message. */
int vrf_set_rd(struct router *r, unsigned id, const char *rd, char *err, size_t errlen);
int vrf_set_description(struct router *r, unsigned id, const char *text);
/* 'address-family ipv4|ipv6' (on), 'no address-family' (off). */
int vrf_set_af(struct router *r, unsigned id, enum vrf_af af, bool on);
/* 'route-target import|export|both A:B' in family af (the classic form
 * uses VRF_AF_IPV4); del removes.  -1 with a % message. */
int vrf_route_target(struct router *r, unsigned id, enum vrf_af af, enum vrf_rt_dir dir,
		     const char *rt, bool del, char *err, size_t errlen);

/* A VRF as the show commands and the running-config see it. */
struct vrf_info {
	unsigned id;
	const char *name;
	const char *rd;			/* "" none */
	const char *description;	/* "" none */
	bool classic;
	bool af[2];			/* address-family ipv4 / ipv6 configured */
	unsigned n_rt[2][2];		/* [af][import 0, export 1] */
	const char *const *rt[2][2];
	unsigned n_ifaces;
};
/* VRFs other than the default one, in name order; stops on non-zero. */
int vrf_foreach(struct router *r, int (*fn)(const struct vrf_info *v, void *arg), void *arg);
bool vrf_get(struct router *r, unsigned id, struct vrf_info *out);

/*
 * Bind an interface to VRF vrf (VRF_DEFAULT: unbind).  A change removes
 * its IPv4 and IPv6 addresses; msg then holds IOS's line ("% Interface X
 * IPv4 disabled and address(es) removed due to enabling VRF Y"), "" when
 * there was nothing to remove or no change.  -1 with a % message for an
 * unknown VRF.
 */
int iface_set_vrf(struct router *r, struct iface *ifp, unsigned vrf, char *msg, size_t msglen);

#endif

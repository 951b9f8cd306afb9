/*
 * DOC: interfaces
 *
 * An interface is a name bound to a port (its MAC is the port's), or a
 * virtual LoopbackN, or the discard interface Null0 used by static routes.
 * It carries at most one IPv4 address, an admin state and counters.  Like
 * IOS, a new port-backed interface starts shut down and a loopback starts
 * up.  Address and state changes update the FIB, flush the ARP entries
 * learned on the interface and send gratuitous ARP.
 *
 * The list is kept in natural name order (Ethernet2 before Ethernet10), the
 * order 'show ip interface brief' and the running-config print.
 */
#ifndef LISPR_IFACE_H
#define LISPR_IFACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct router;
struct iface;
struct port;

#define IFACE_NAMELEN	32
#define IFACE_MTU	1500

struct iface_counters {
	uint64_t in_pkts, in_bytes, in_bcast, in_drops;
	uint64_t in_runts, in_giants;	/* also counted in in_drops */
	uint64_t out_pkts, out_bytes, out_errors;
};

/* Find or create 'interface NAME': LoopbackN is virtual, Null0 is the
 * discard interface, other names go to the router's port factory. */
struct iface *iface_get(struct router *r, const char *name, char *err, size_t errlen);
/* Create an interface on a port the caller opened; the router owns it. */
struct iface *iface_attach(struct router *r, const char *name, struct port *p,
			   char *err, size_t errlen);
struct iface *iface_find(const struct router *r, const char *name);
/* "LoopbackN" (any case): a name iface_get() makes an interface for. */
bool iface_loopback_name(const char *name);
/* The name a route or a locator keeps for NAME: an existing interface's
 * own spelling, or "LoopbackN" for a loopback that does not exist (yet);
 * false for any other name. */
bool iface_ref_name(const struct router *r, const char *name, char *out, size_t len);
/* 'no interface LoopbackN': only virtual interfaces can be deleted. */
int iface_delete(struct router *r, struct iface *ifp, char *err, size_t errlen);
/* Interfaces in name order; stops when fn returns non-zero. */
int iface_foreach(struct router *r, int (*fn)(struct iface *ifp, void *arg), void *arg);
/* The same from the first interface after the one named 'after' (which
 * need not exist any more; NULL: from the first): the running-config
 * writes thousands in slices. */
int iface_foreach_after(struct router *r, const char *after,
			int (*fn)(struct iface *ifp, void *arg), void *arg);
size_t iface_count(const struct router *r);

/* 'ip address A M': a is the host address; rejects network and broadcast
 * addresses and overlaps with another interface's subnet. */
int iface_set_addr(struct router *r, struct iface *ifp, const struct addr *a,
		   unsigned len, char *err, size_t errlen);
void iface_clear_addr(struct router *r, struct iface *ifp);
void iface_set_shutdown(struct router *r, struct iface *ifp, bool shutdown);
int iface_set_mtu(struct router *r, struct iface *ifp, unsigned mtu,
		  char *err, size_t errlen);
/* Interface 'mac-address H.H.H' (IOS): the router answers to, and sends
 * from, mac instead of the port's own (NULL: the port's again).  The
 * port takes frames to every MAC while they differ; hosts learn the new
 * MAC from a gratuitous ARP, IPv6 addresses from it are made anew.  -1
 * with a message in err for an interface without a port, or a group or
 * zero MAC. */
int iface_set_mac(struct router *r, struct iface *ifp, const uint8_t *mac,
		  char *err, size_t errlen);
/* Take the port's MAC again after it was read anew (an attach). */
void iface_mac_sync(struct router *r, struct iface *ifp);
/* True, with the address, when 'mac-address' is configured. */
bool iface_mac_configured(const struct iface *ifp, uint8_t mac[6]);
/* The port's own MAC (IOS's 'bia'); for a virtual interface its MAC. */
const uint8_t *iface_bia(const struct iface *ifp);
/* Interface 'arp timeout S' (IOS); 0 restores the router default. */
void iface_set_arp_timeout(struct router *r, struct iface *ifp, uint32_t seconds);
/* The configured value, 0 when the interface uses the default. */
uint32_t iface_arp_timeout(const struct iface *ifp);
/* 'no ip unreachables' (v6: 'no ipv6 unreachables'): no Destination
 * Unreachable about a packet that came in on ifp (fragmentation needed /
 * packet too big aside), counted as suppressed; on Null0, none about a
 * packet routed to it; on by default. */
void iface_set_unreachables(struct iface *ifp, bool v6, bool on);
bool iface_unreachables(const struct iface *ifp, bool v6);
/* Unicast RPF ('ip verify unicast source reachable-via rx | any
 * [allow-default]', v6: 'ipv6 verify ...'): a packet from the wire on ifp
 * whose source the table does not reach back through ifp (rx, strict),
 * or through any interface (any, loose), is dropped and counted; a
 * default route counts only with allow_default, a route to Null0 or to
 * one of the router's own addresses never does.  What LISP decapsulated
 * is not checked (it came in on LISP0). */
enum iface_urpf { URPF_OFF, URPF_RX, URPF_ANY };
void iface_set_urpf(struct iface *ifp, bool v6, enum iface_urpf mode, bool allow_default);
enum iface_urpf iface_urpf(const struct iface *ifp, bool v6, bool *allow_default);
/* Its options: 'allow-self-ping' (a source that is one of the router's
 * own addresses passes), and an access list whose permitted packets pass
 * the failed check ("" none; counted as suppressed drops). */
void iface_set_urpf_opts(struct iface *ifp, bool v6, bool self_ping, const char *acl);
bool iface_urpf_opts(const struct iface *ifp, bool v6, const char **acl);
/* The packets ifp dropped so, and those its list let by (since the last
 * 'clear counters'). */
uint64_t iface_urpf_drops(const struct iface *ifp, bool v6);
uint64_t iface_urpf_suppressed(const struct iface *ifp, bool v6);

const char *iface_name(const struct iface *ifp);
bool iface_is_loopback(const struct iface *ifp);
bool iface_is_null(const struct iface *ifp);
bool iface_is_shutdown(const struct iface *ifp);
/* Line protocol: admin up and, for a live port, its Linux interface is
 * there, up and has carrier (src/router/netlink.c). */
bool iface_is_up(const struct iface *ifp);
/* Address and mask length; false when the interface has none. */
bool iface_addr(const struct iface *ifp, struct addr *a, unsigned *len);
const uint8_t *iface_mac(const struct iface *ifp);
unsigned iface_mtu(const struct iface *ifp);
/* "live", "file", "memory", or "virtual". */
const char *iface_kind(const struct iface *ifp);
struct port *iface_port(const struct iface *ifp);
const struct iface_counters *iface_counters(const struct iface *ifp);
/* Since the last clear: frames the port itself refused (larger than it
 * takes, such as offload super-frames) and frames the kernel dropped
 * before capture because the ring was full; 0 where the port has none. */
void iface_port_rx_errors(const struct iface *ifp, uint64_t *refused, uint64_t *ring_drops);
void iface_clear_counters(struct iface *ifp);

#endif

/*
 * DOC: the router's internals, shared by its modules only
 *
 * router.c, iface.c, ether.c, arp.c, ipv4.c, icmp.c, fib.c, ping.c and
 * traceroute.c see these structs; everything else uses the opaque API of
 * their headers.
 */
#ifndef LISPR_ROUTER_INT_H
#define LISPR_ROUTER_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "acl.h"
#include "arp.h"
#include "event.h"
#include "fib.h"
#include "htab.h"
#include "iface.h"
#include "ipv6.h"
#include "ping.h"
#include "port.h"
#include "router.h"
#include "stats.h"
#include "traceroute.h"
#include "vrf.h"

/* Headroom kept before an IPv4 packet the router builds. */
#define ETHER_HDRLEN	14

struct iface {
	struct iface *next, **pprev;	/* name order; pprev: what points here */
	unsigned order;			/* its place in that order, as the
					 * last iface_number() found it */
	struct hnode hn;		/* r->ifaces_ht, by name without case */
	struct router *router;
	char name[IFACE_NAMELEN];
	struct port *port;		/* NULL: loopback or Null0 */
	bool loopback, null, shutdown, watched;
	bool link_down;			/* port detached or no carrier (netlink.c) */
	unsigned link_changes;		/* line protocol transitions from the link */
	uint64_t rx_err_ns;		/* the port's last receive error */
	bool has_addr;
	uint32_t addr, mask, bcast;	/* network order */
	unsigned plen;
	unsigned mtu;
	uint32_t arp_timeout_s;		/* 0: the router's default */
	bool no_unreach[2];		/* 'no ip[v6] unreachables': [1] IPv6 */
	enum iface_urpf urpf[2];	/* 'ip[v6] verify unicast source ...' */
	bool urpf_default[2];		/* its 'allow-default' */
	bool urpf_self[2];		/* its 'allow-self-ping' */
	char urpf_acl[2][ACL_NAME_MAX];	/* its access list, "" none */
	uint64_t urpf_drops[2], urpf_suppressed[2];
	uint8_t mac[6];			/* the one it answers to and sends from */
	bool mac_manual;		/* 'mac-address H.H.H' */
	uint8_t mac_cfg[6];
	unsigned vrf;			/* VRF_DEFAULT or a vrf.c id */
	struct iface6 v6;		/* IPv6 (ipv6.h); off until configured */
	struct iface_counters cnt;
	uint64_t port_rx_errors0, port_rx_drops0;	/* the port's, at the last clear */
	bool rx_hot;			/* on the router's drain list (router.c) */
	struct iface *rx_hot_next;
	/* 'ip access-group NAME in' [0] and 'out' [1] (acl.c): the names and
	 * the lists they resolve to (NULL: none, or not defined: no filter). */
	char acl_name[2][ACL_NAME_MAX];
	struct racl *acl[2];
	/* 'ipv6 traffic-filter NAME in|out', likewise. */
	char acl6_name[2][ACL_NAME_MAX];
	struct racl *acl6[2];
};

struct arp_entry;
struct ping;
struct lpm;
struct static_route;
struct linkmon;

/* fib.c's index of static routes by VRF and prefix (static_index_add()) */
struct static_chain {
	struct static_chain *next;
};
struct static_index {
	struct lpm **t;			/* VRF_MAX slots */
	int (*cmp)(const struct static_chain *a, const struct static_chain *b);
};

struct racl;
struct acl_logc;
struct fib_entry;
/* ipv4.c: has Null0 'no ip[v6] unreachables'? */
bool null_quiet(struct router *r, bool v6);
/* iface.c: does route e to a packet's source pass in's unicast RPF? */
bool iface_urpf_ok(const struct iface *in, bool v6, const struct fib_entry *e);
struct rtrange;

struct router {
	struct evloop *ev;
	struct racl *acls;		/* IPv4 and IPv6 access lists (acl.c) */
	struct acl_logc *acl_log;	/* the flows 'log' rules follow (acl.c) */
	uint32_t acl_log_threshold;	/* 'ip access-list log-update threshold' */
	uint32_t acl_log_interval_ms;	/* 'ip access-list logging interval' */
	uint64_t acl_log_last;		/* when the last line was logged under it */
	struct rtrange *trs;		/* time ranges by name, whether in effect (acl.c) */
	unsigned ntrs;
	struct evtimer *tr_tick;	/* at each minute while there are some */
	char dbg_acl[2][ACL_NAME_MAX];	/* 'debug ip[v6] packet LIST' ("" none): [1] IPv6 */
	bool dbg_detail[2];		/* 'debug ip[v6] packet ... detail' */
	router_port_factory factory;
	void *factory_arg;
	struct {
		router_proto_fn fn;
		void *arg;
	} proto[256];
	struct {
		router_proto6_fn fn;
		void *arg;
	} proto6[256];			/* ipv6.c's local delivery */

	struct iface *ifaces;
	struct htab ifaces_ht;		/* the same by name: found without a walk */
	struct iface *ifaces_hint;	/* added last: a replay adds in order */
	/* The last bytes of every broadcast address an interface was given,
	 * as bits: is_bcast() walks the interfaces only for an address whose
	 * last byte is one of them.  Never cleared (a superset stays right). */
	uint32_t bcast_last[8];

	router_fwd_hook_fn fwd_hook;	/* LISP data plane, or NULL */
	void *fwd_hook_arg;
	router_fwd_hook_fn fwd6_hook;	/* the same for IPv6, or NULL */
	void *fwd6_hook_arg;
	router_lost_fn lost_hook;	/* router_set_lost_hook() */
	void *lost_hook_arg;
	router_frag_fn frag_hook;	/* router_set_frag_hook() */
	void *frag_hook_arg;
	router_burst_fn burst_hook;	/* router_set_burst_hook() */
	void *burst_hook_arg;
	bool in_burst;
	bool out_owned;			/* ipv4_output() marks what it sends */
	/* Ports epoll reported readable, drained by the loop's poll hook
	 * until empty (router.c rx_poll). */
	struct iface *rx_hot;
	unsigned rx_budget;		/* frames per drain round */
	struct router_pktio pktio;	/* as configured (router_set_pktio) */
	/* Receive workers (rxworker.c): workers[q] reads queue q >= 1. */
	struct rx_worker *workers[PORT_QUEUES];
	pthread_mutex_t wk_mtx;		/* guards wk_live */
	pthread_cond_t wk_cond;
	unsigned wk_live;		/* worker threads not yet gone */
	bool wk_deferred;		/* router_defer_workers() */
	/* rx_poll left its send batch open for rx_unlocked (loop thread). */
	bool flush_unlocked;

	/* ARP */
	struct arp_entry **arp_tab;	/* ARP_BUCKETS chains */
	size_t arp_n, arp_pending;	/* entries; packets queued, all entries */
	uint32_t arp_timeout_s;
	unsigned arp_qlen, arp_retries;
	uint32_t arp_retry_ms;
	struct evtimer *arp_sweep;

	/* FIB: r->fib is the default VRF's table, vrfs[id]->fib the others' */
	struct lpm *fib;
	size_t fib_n;
	struct static_route *statics;	/* every VRF's */
	struct htab static_ht;		/* the same by what tells them apart */
	struct static_index static_idx;	/* and by VRF and prefix, in order */
	/* Every static's next hop, both families, per VRF (VRF_MAX slots,
	 * each made when first needed): fib_nh_inside() */
	struct lpm **static_nh;
	bool static_nh_lost;		/* out of memory: no longer complete */
	/* Every interface address's prefix, both families, per VRF (VRF_MAX
	 * slots, each made when first needed), to its interface: iface.c's
	 * subnet_overlap() */
	struct lpm **subnets;
	unsigned fib_hold;		/* fib_hold(): rebuilds wait */
	/* fib_change_begin(): the change going on (nested ones counted),
	 * its VRF, and whether that VRF's static routes are out of its
	 * table meanwhile. */
	unsigned change_depth, change_vrf;
	bool lifted;
	bool fib_dirty;			/* one was asked for while held */

	/* VRFs (vrf.c): vrfs[0] is the default one */
	struct vrf **vrfs;		/* VRF_MAX slots */
	/* vrfs[id]->fib again, VRF_MAX slots: the per-packet lookup reads
	 * one line per 8 VRFs rather than a line of each struct vrf */
	struct lpm **vrf_fib;
	size_t vrf_n;			/* besides the default one */
	uint64_t vrf_gen;
	/* The VRF of the packet being handled or sent: set by input and by
	 * the features that send in a VRF (ping vrf), VRF_DEFAULT otherwise;
	 * ipv4_output(), ipv6_output(), the source choice and "is it ours"
	 * follow it. */
	unsigned cur_vrf;
	/* The frame being handled: its Ethernet source (ether_input(), NULL
	 * when none), and whether the packet is one LISP decapsulated (the
	 * *_input_vrf() path), for 'log-input' (acl.c). */
	const uint8_t *cur_smac;
	bool cur_decap;
	unsigned hook_vrf;		/* router_hook_vrf() */
	bool hook_vrf_aware;		/* router_set_hook_vrf_aware() */

	struct linkmon *links;		/* netlink.c, NULL until used */

	/* pings */
	struct ping *pings;
	unsigned ping_next_id;
	uint16_t ping_ident;

	/* traceroutes */
	struct traceroute *traces;
	unsigned tr_next_id;

	uint16_t ip_id;			/* for packets the router builds */

	/* The router's base MAC: the burnt-in MAC of the first port it was
	 * ever given, kept when that port goes (IOS's chassis MAC).  The
	 * interfaces without a port make their IPv6 identifiers from it. */
	uint8_t base_mac[6];
	bool base_mac_set;

	/* ICMP error rate limit */
	enum router_ip_options ip_options;	/* 'ip options drop | ignore' */
	bool no_source_route;		/* 'no ip source-route' */
	uint32_t icmp_rl_ms;		/* unreachables, fragmentation needed apart */
	uint64_t icmp_rl_last;
	bool icmp_rl_used;
	uint32_t icmp_rl_df_ms;
	uint64_t icmp_rl_df_last;
	bool icmp_rl_df_used;

	/* IPv6: ipv6.c, icmpv6.c, nd.c, fib6.c */
	bool v6_routing;		/* ipv6 unicast-routing */
	struct static6_route *statics6;
	struct htab static6_ht;
	struct static_index static6_idx;
	struct nd_entry **nd_tab;	/* ND_BUCKETS chains */
	size_t nd_n, nd_pending;
	unsigned nd_qlen;
	uint32_t icmp6_interval_ms;	/* ipv6 icmp error-interval */
	unsigned icmp6_bucket;
	unsigned icmp6_tokens;
	uint64_t icmp6_refill;
	struct rt6_stats st6;

	struct rt_stats st;
	uint8_t *buf;			/* forwarding scratch, PORT_MAXFRAME */
	uint8_t *obuf;			/* replies the router builds */
};

static inline void rt_drop(struct router *r, struct iface *ifp, enum rt_drop d)
{
	r->st.drops[d]++;
	if (ifp)
		ifp->cnt.in_drops++;
}

/* A packet being output is lost: its owner hears of it if it was marked. */
static inline void rt_lost(struct router *r, bool owned, enum rt_drop d)
{
	if (owned && r->lost_hook)
		r->lost_hook(r->lost_hook_arg, d);
}

/* router.c: put a port-backed interface's descriptor in the loop. */
int router_watch_port(struct router *r, struct iface *ifp);
/* Up to max frames of receive queue q of ifp's port, handled as one
 * burst (router lock held); router.c. */
#define ROUTER_RX_BURST	64
int router_recv_burst(struct router *r, struct iface *ifp, unsigned q, int max);
/* rxworker.c: receive queues 1.. of the live ports on threads of their
 * own.  Start workers for queues 1 to n-1, stop them all (without
 * waiting), wait until all have gone (router lock not held), and add or
 * remove a port's queues in their epolls.  Router lock held but for wait. */
int rxw_start(struct router *r, unsigned n);
void rxw_stop(struct router *r);
void rxw_wait(struct router *r);
void rxw_watch(struct router *r, struct iface *ifp);
void rxw_unwatch(struct router *r, struct iface *ifp);
void router_unwatch_port(struct router *r, struct iface *ifp);

/* netlink.c: check a port's link and act on a change (see its DOC). */
void link_update(struct router *r, struct iface *ifp);
void link_update_all(struct router *r);
/* The port's receive failed: its link may have changed. */
void link_rx_error(struct router *r, struct iface *ifp);
void link_fini(struct router *r);

/* ipv4.c: fill a 20-byte header the router originates (checksum left 0). */
void ipv4_build_hdr(struct router *r, uint8_t *ip, uint16_t totlen, uint8_t ttl,
		    uint8_t proto, uint32_t src, uint32_t dst, bool df);

/* ether.c */
void ether_input(struct router *r, struct iface *ifp, const uint8_t *f, size_t len);
/* Send a frame whose IPv4 packet starts at f + ETHER_HDRLEN to next hop nh
 * (network order) on ifp, resolving it with ARP; f may be modified. */
void ether_output_ip(struct router *r, struct iface *ifp, uint32_t nh,
		     uint8_t *f, size_t len);
/* Fill the Ethernet header and send. */
void ether_send(struct router *r, struct iface *ifp, const uint8_t dst[6],
		uint16_t type, uint8_t *f, size_t len);

/* arp.c */
int arp_init(struct router *r);
void arp_fini(struct router *r);
void arp_input(struct router *r, struct iface *ifp, const uint8_t *arp, size_t len);
void arp_resolve(struct router *r, struct iface *ifp, uint32_t nh, uint8_t *f, size_t len);
void arp_gratuitous(struct router *r, struct iface *ifp);
void arp_flush_iface(struct router *r, const struct iface *ifp);
/* A timeout changed: the aging sweep runs at a new pace. */
void arp_timeout_changed(struct router *r);

/* vrf.c */
struct vrf {
	unsigned id;
	char name[VRF_NAMELEN];
	char rd[32];
	char *desc;
	bool classic;
	bool af[2];
	unsigned n_rt[2][2];
	char *rt[2][2][VRF_RT_MAX];
	struct lpm *fib;		/* NULL for the default one: r->fib */
	size_t fib_n;
};
int vrf_init(struct router *r);
void vrf_fini(struct router *r);


/* Enter VRF v for what follows; returns the previous one to restore. */
static inline unsigned rt_vrf_enter(struct router *r, unsigned v)
{
	unsigned was = r->cur_vrf;

	r->cur_vrf = v;
	return was;
}

/* Offer a packet to the forwarding hook (v6: the IPv6 one) as vrf.h
 * says: only a packet of in's own VRF (in NULL: the default one) unless
 * the hook reads router_hook_vrf(); it runs in the default VRF.  The
 * hook's answer, -1 when there is none or it is not asked.  Inline: it
 * is on every transit packet's path. */
static inline int rt_fwd_hook(struct router *r, bool v6, struct iface *in, const uint8_t *ip,
			      size_t len)
{
	router_fwd_hook_fn fn = v6 ? r->fwd6_hook : r->fwd_hook;
	void *arg = v6 ? r->fwd6_hook_arg : r->fwd_hook_arg;
	unsigned vrf = r->cur_vrf, hv = r->hook_vrf;
	int rc;

	if (!fn || (vrf != (in ? in->vrf : VRF_DEFAULT) && !r->hook_vrf_aware))
		return -1;
	/* What the hook sends (encapsulated packets, Map-Requests) goes in
	 * the underlay, the default VRF. */
	r->hook_vrf = vrf;
	r->cur_vrf = VRF_DEFAULT;
	rc = fn(arg, in, ip, len);
	r->cur_vrf = vrf;
	r->hook_vrf = hv;
	return rc;
}

/* The table of VRF v, NULL when it does not exist. */
static inline struct lpm *rt_fib(const struct router *r, unsigned v)
{
	if (v == VRF_DEFAULT)
		return r->fib;
	return v < VRF_MAX && r->vrf_fib ? r->vrf_fib[v] : NULL;
}

/* fib.c */
int fib_init(struct router *r);
void fib_fini(struct router *r);
/*
 * Tables kept per VRF in an array of VRF_MAX made when first needed
 * (static routes, next hops, interface subnets): VRF vrf's table or NULL;
 * vrf_lpm_make() makes it (NULL: out of memory); vrf_lpms_free() frees
 * them all (not their values).
 */
struct lpm *vrf_lpm(struct lpm *const *v, unsigned vrf);
struct lpm *vrf_lpm_make(struct lpm ***v, unsigned vrf);
void vrf_lpms_free(struct lpm ***v);
/*
 * A family's static routes by VRF and prefix: each prefix's routes chained
 * in running-config order (cmp), the chains' heads in an LPM table per VRF
 * (made when first needed): the routes walk in order without a sort, and
 * a walk resumes after a route that may be gone (the running-config
 * written in slices).  The structures are at the top of this file.
 */
int static_index_add(struct static_index *x, unsigned vrf, const struct prefix *p,
		     struct static_chain *c);
void static_index_del(struct static_index *x, unsigned vrf, const struct prefix *p,
		      struct static_chain *c);
/* fn on VRF vrf's routes of family afi in order, from the first after
 * (after_p, after) when after_p is not NULL; fn's non-zero stops it. */
int static_index_walk(const struct static_index *x, unsigned vrf, uint16_t afi,
		      const struct prefix *after_p, const struct static_chain *after,
		      int (*fn)(const struct static_chain *c, void *arg), void *arg);
/* How many prefixes VRF vrf's routes have. */
size_t static_index_prefixes(const struct static_index *x, unsigned vrf, uint16_t afi);
/* Is c the only route of its VRF and prefix p? */
bool static_index_only(const struct static_index *x, unsigned vrf, const struct prefix *p,
		       const struct static_chain *c);
void static_index_free(struct static_index *x);
/* A static route of VRF vrf with next hop gw (either family) was added
 * (delta 1) or removed (-1). */
void fib_nh_ref(struct router *r, unsigned vrf, const struct addr *gw, int delta);
/* Is the next hop of some static route of VRF vrf inside p? */
bool fib_nh_inside(const struct router *r, unsigned vrf, const struct prefix *p);
/* A static route of VRF vrf, prefix p, next hop gw (NULL: through an
 * interface) was added: true when its route goes into the table as it
 * is (the caller resolves and adds it); false when nothing changes (no
 * table, a connected route of p, rebuilds held) or the table was rebuilt. */
bool fib_static_fits(struct router *r, unsigned vrf, const struct prefix *p,
		     const struct addr *gw);
/* A static route of VRF vrf, prefix p, is gone (only: it was p's only
 * one; its next hop is out of fib_nh_ref()'s index already): its route
 * leaves the table as it is, or the table is rebuilt. */
void fib_static_gone(struct router *r, unsigned vrf, const struct prefix *p, bool only);
/*
 * Changing an interface's routes in its VRF's table as the table is (its
 * deletion, an address added, changed or removed, 'shutdown'): when
 * fib_change_begin() says so (the table exists, rebuilds are not held,
 * not Null0), the caller drops the routes that go with fib_drop_iface4()
 * (its IPv4 routes), fib6_drop_addr() (one IPv6 address's) or
 * fib6_drop_iface() (every IPv6 address's) before changing the
 * interface, and adds the new ones after (fib_iface_addr_added(),
 * fib6_iface_addr_added()); then fib_change_end(r, vrf, inc) with
 * begin's answer, which rebuilds the table when it was false.  A static
 * route may resolve through any interface route: when the VRF has static
 * routes, begin takes their entries out of the table (both families) and
 * end puts them back, resolved again over the new interface routes, as a
 * rebuild does, in a walk of the statics rather than of every interface
 * (10,000 'no interface' lines beside one static route: 347 s).  Pasting
 * thousands of 'no interface' lines rebuilt the table whole per line
 * (5,000: 12.6 s).  fib_iface_addr_added() and fib6_iface_addr_added()
 * begin and end by themselves, inside a change or alone.
 */
bool fib_change_begin(struct router *r, const struct iface *ifp);
void fib_change_end(struct router *r, unsigned vrf, bool inc);
/* Has VRF vrf a static route of either family? */
bool fib_vrf_has_statics(const struct router *r, unsigned vrf);
void fib_drop_iface4(struct router *r, struct iface *ifp);
/* The entry of prefix p, if it is ifp's connected or local route, out. */
void fib_drop_own(struct lpm *t, const struct prefix *p, const struct iface *ifp);

/* iface.c */
void iface_free_all(struct router *r);
/* Number the interfaces in name order (ifp->order), for a table sorted
 * by interface: one walk, not one per entry (arp_foreach, nd_foreach). */
void iface_number(struct router *r);
/*
 * The interface subnet index (r->subnets).  Two interfaces of one VRF
 * never have overlapping subnets: iface_set_addr() and iface6_add_addr()
 * refuse, and an interface changing VRF loses its addresses first.  So
 * whatever a new prefix overlaps is found by one lookup and a walk of
 * what it covers, not by walking every interface's addresses (10,000
 * pasted IPv6 loopbacks: 1 s, most of it that walk).
 *
 * subnet_overlap(): the other interface of ifp's VRF with a subnet that
 * overlaps p, or NULL.  subnet_add(): p is one of ifp's (-1: out of
 * memory, nothing changed).  subnet_del(): after one of ifp's addresses
 * of prefix p went, p leaves unless another address of ifp has it.
 * subnet_drop_iface(): every prefix of ifp leaves (its deletion).
 */
struct iface *subnet_overlap(const struct router *r, const struct iface *ifp,
			     const struct prefix *p);
int subnet_add(struct router *r, struct iface *ifp, const struct prefix *p);
void subnet_del(struct router *r, const struct iface *ifp, const struct prefix *p);
void subnet_drop_iface(struct router *r, const struct iface *ifp);
/* The prefix of IPv6 address x (ipv6.c). */
void ip6_ifaddr_prefix(const struct ip6_ifaddr *x, struct prefix *p);
/* The interface owning address a (network order), if it is up, in the
 * current VRF (r->cur_vrf). */
struct iface *iface_by_addr(const struct router *r, uint32_t a);

static inline void rt6_drop(struct router *r, struct iface *ifp, enum rt6_drop d)
{
	r->st6.drops[d]++;
	if (ifp)
		ifp->cnt.in_drops++;
}

/* ipv6.c */
void ipv6_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		bool l2_group);
/* Is IPv6 running on the interface (enabled or addressed, and up)? */
bool iface6_running(const struct iface *ifp);
/* Our usable (not tentative, not duplicate) address a on ifp, or on any
 * interface when ifp is NULL (link-locals only on their own interface). */
bool iface6_owns(const struct router *r, const struct iface *ifp, const uint8_t a[16]);
/* An address of ifp, tentative included (DAD): its slot or NULL. */
struct ip6_ifaddr *iface6_find_addr(struct iface *ifp, const uint8_t a[16]);
/* Called when the interface goes up or down: IPv6 on or off, link-local
 * address and DAD. */
void iface6_changed(struct router *r, struct iface *ifp);
/* The interface's MAC changed: link-local and eui-64 addresses anew. */
void iface6_mac_changed(struct router *r, struct iface *ifp);
void iface6_fini(struct iface *ifp);
/* Send a router-built IPv6 packet (ETHER_HDRLEN headroom in f) out oif to
 * next hop nh (resolved with ND; a multicast nh maps to its MAC). */
void ipv6_send_nh(struct router *r, struct iface *oif, const uint8_t nh[16],
		  uint8_t *f, size_t len);

/* nd.c */
int nd_init(struct router *r);
void nd_fini(struct router *r);
void nd_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
	      size_t off);
void nd_resolve(struct router *r, struct iface *ifp, const uint8_t nh[16], uint8_t *f,
		size_t len);
void nd_flush_iface(struct router *r, const struct iface *ifp);
/* Start duplicate address detection for slot a of ifp. */
void nd_dad_start(struct router *r, struct iface *ifp, struct ip6_ifaddr *a);
/* Router advertisement timer state changed on ifp. */
void nd_ra_update(struct router *r, struct iface *ifp);

/* fib6.c: the IPv6 routes of VRF vrf's table being rebuilt; its IPv6
 * static routes alone, resolved over the table as it is. */
void fib6_add_routes(struct router *r, struct lpm *t, unsigned vrf);
void fib6_add_statics(struct router *r, struct lpm *t, unsigned vrf);
/* Address x of ifp was added (IPv6 running on ifp before, or x its only
 * address): its routes go into the table as a rebuild would put them. */
void fib6_iface_addr_added(struct router *r, struct iface *ifp, const struct ip6_ifaddr *x);
void fib6_drop_addr(struct router *r, struct iface *ifp, const struct ip6_ifaddr *x);
void fib6_drop_iface(struct router *r, struct iface *ifp);
/* Has VRF vrf an IPv6 static route? */
bool fib6_vrf_has_statics(const struct router *r, unsigned vrf);
/* Drop VRF vrf's IPv4 / IPv6 static routes (the VRF is deleted). */
void fib_static_drop_vrf(struct router *r, unsigned vrf);
void fib6_static_drop_vrf(struct router *r, unsigned vrf);
/* fib_gw_is_own() for an IPv6 next hop. */
bool fib6_gw_is_own(const struct router *r, unsigned vrf, const uint8_t gw6[16]);
void fib6_init(struct router *r);
void fib6_fini(struct router *r);

/* ping.c */
void ping_icmp6_input(struct router *r, const uint8_t *ip, const uint8_t *icmp, size_t len);

/* ping.c */
void ping_fini(struct router *r);
/* An ICMP message for the router: echo reply or an error quoting one of
 * our requests.  icmp points at the ICMP header. */
void ping_icmp_input(struct router *r, uint32_t src, const uint8_t *icmp, size_t len);

/* traceroute.c */
void traceroute_fini(struct router *r);
/* An ICMP Time Exceeded or Unreachable for the router: does it quote one
 * of our probes?  icmp points at the ICMP header. */
void traceroute_icmp_input(struct router *r, uint32_t src, const uint8_t *icmp, size_t len);
/* The same for an ICMPv6 Time Exceeded, Destination Unreachable or
 * Parameter Problem from src. */
void traceroute_icmp6_input(struct router *r, const uint8_t *src, const uint8_t *icmp,
			    size_t len);

#endif

/*
 * DOC: the ITR: eligibility, map-cache lookup, encapsulation, Map-Requests
 *
 * lisp_itr_hook() sees every transit and router-originated IPv4 packet.
 * A packet is LISP's only when its source is inside a local EID prefix,
 * its destination is not, and the FIB has no better route for it: none,
 * the default route, or one less specific than the map-cache entry (as in
 * IOS, where CEF checks LISP eligibility on the default route and on no
 * route, and map-cache entries compete with routes on length; a native
 * route wins a tie).  A destination on a connected subnet or under a
 * static route is thus forwarded natively, with no Map-Request, unless a
 * more specific map-cache entry covers it.  Then the map-cache decides:
 * encapsulate to the best usable locator, forward natively, drop, or
 * signal (send a Map-Request and drop the packet, as lispers.net does:
 * the first packets of a new flow are lost, which the seed shows, and no
 * queue has to be bounded or timed out).  Drop actions drop silently:
 * RFC 9301 gives no ICMP for them, and an unreachable would tell the
 * source nothing it can act on.
 *
 * Encapsulation (RFC 9300 section 5): outer TTL = the inner TTL after the
 * transit decrement, TOS (DSCP and ECN) copied, DF set, UDP source port
 * 0xF000 | (flow hash & 0xFFF), checksum 0, LISP header N=1 with a random
 * nonce and I=1 with the packet's instance ID, IID 0 included: I is set
 * for instance 0 too so that a decoder shows the instance explicitly
 * (Wireshark prints "Instance ID: 0"), as IOS-XE does; receivers treat
 * I=0 as IID 0 anyway, and so does our ETR.  The outer source is the
 * egress interface's source-locator address, else its own.
 *
 * Instances: a packet belongs to the instance bound to the VRF of the
 * interface it came in on (the router's own packets: the default
 * table's), found in one indexed step (lisp_inst_vrf()); no instance
 * for the VRF, not LISP's.  The source-EID rule, the map-cache and the
 * FIB comparison are that instance's and that VRF's; its Map-Requests
 * carry the EID and the Source-EID in an Instance-ID LCAF when the IID
 * is not 0 (plain AFI for instance 0, as IOS), and a Map-Reply's records
 * go into the instance of their IID (an LCAF with IID 0 is instance 0),
 * which must be the one asked for.
 *
 * Map-Requests go in an ECM to the first map-resolver of the EID's
 * family, at most one outstanding per destination (the rate limit),
 * retransmitted after 1, 2 and 4 s with the same nonce, then failed over
 * to the next resolver of that family.  A resolver serves the families
 * the shell recorded for it ('ip lisp itr map-resolver' IPv4 EIDs,
 * 'ipv6 lisp itr map-resolver' IPv6 EIDs, as on IOS); one added through
 * the API alone, with nothing recorded, serves both (mr_key()); each
 * family asks its resolvers in the order its commands wrote them.
 * Router-wide, a token bucket ('map-request rate-limit', default 1000/s)
 * paces new requests and retransmissions together, and at most
 * 'map-request outstanding-limit' (default 1000) wait at a time; what
 * either refuses is counted (lig is exempt).  Outstanding requests are
 * chained by hash on their nonce and on their EID: a Map-Reply or a
 * data-plane miss finds its request in O(1), whatever the load.
 * A Map-Reply is accepted only with the nonce of an outstanding request
 * and only for records covering the EID asked for.
 *
 * A PITR (RFC 6832) runs the same path without the source-EID rule, but
 * only for destinations under its static 'map-cache P map-request'
 * entries; everything else is not its business and goes native.  Its
 * Map-Requests carry p=1 and Source-EID AFI 0, and a Natively-Forward
 * answer inside its own EID space is dropped, since forwarding it
 * natively would bring it straight back.
 *
 * use-petr, per EID family ('ip lisp use-petr' IPv4 EIDs, 'ipv6 lisp
 * use-petr' IPv6 ones): the instance's own entries of the packet's
 * family when it has some (IOS-XE's use-petr in an instance's service),
 * else the router's of that family (choose_petr()).  A
 * Natively-Forward (or no-action) negative entry sends the
 * packet to the best usable PETR (lowest priority, weight split by the
 * flow hash) when the FIB has no route for the destination, and natively
 * when it has one, as IOS does; with no usable PETR it goes to the FIB,
 * which drops it for want of a route.  A miss is still resolved first
 * (the packet is dropped meanwhile), so the seed's first echo is lost.
 * "Native route" means any FIB route but a discard one: LISP installs
 * no routes of its own.
 *
 * Locators (map-cache RLOCs and PETRs) are usable only with a FIB route
 * to them, looked up per packet so FIB changes take effect at once, and
 * not while RLOC probing has marked them down.
 *
 * MTU, stateless (RFC 9300 section 7.1): an inner packet bigger than the
 * egress MTU minus 36 gets ICMP Fragmentation Needed carrying that size
 * when DF is set; without DF it is fragmented first and each fragment is
 * encapsulated.
 *
 * RLOC probing: every 30 s (+-10% jitter; between lispers.net's 10 s
 * and the 60 s of the register period) an unencapsulated Map-Request with
 * P=1 and Source-EID AFI 0 goes from port 4342 to each locator of each
 * cache entry used in the last minute and to each PETR, its record the
 * cached prefix (0.0.0.0/0 for a PETR).  A reply with the nonce from that locator marks it up and
 * records the round trip; three probes in a row without one mark it down.
 *
 * SMR: a Solicit-Map-Request for a cached prefix starts an SMR-invoked
 * Map-Request (s=1) through the map-resolver like any other, rate limited
 * the same way; the old entry stays in use until the reply replaces it.
 *
 * IPv6 EIDs: lisp_itr_hook6() sees IPv6 packets in transit and from the
 * router (router_set_fwd6_hook()) and applies the same rules with the
 * IPv6 FIB; a link-local source is never LISP's.  A miss asks for the
 * /128 (Source-EID the IPv6 source; the ECM's inner header is IPv6, from
 * the ITR-RLOC when it is IPv6, else from the Source-EID).  The inner
 * packet is prepared apart from the outer header (inner_copy(): hop limit
 * decremented in transit, copied to the outer TTL with the traffic
 * class), so either outer family carries either inner one.  An IPv6
 * packet is never fragmented: one bigger than the RLOC path's MTU minus
 * the encapsulation overhead gets ICMPv6 Packet Too Big with that inner
 * MTU (counted as 'too big' and 'frag needed sent').  The ::/0
 * send-map-request entry exists while the ITR has an IPv6 database
 * prefix (no IPv6 packet is LISP's without one), as 0.0.0.0/0 does for
 * IPv4; a static ::/0 replaces it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fib.h"
#include "icmp.h"
#include "icmpv6.h"
#include "iface.h"
#include "ipv4.h"
#include "ipv6.h"
#include "lisp_int.h"
#include "log.h"
#include "router.h"

#define MREQ_RETRY_NS	NS_PER_SEC
#define TTL_CLAMP	(7 * 24 * 60)	/* minutes */

static uint32_t mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* IPv6: addresses, flow label and next header, the ports when the upper
 * layer follows the fixed header (no extension headers walked). */
static uint32_t flow_hash6(const uint8_t *ip, size_t len)
{
	uint32_t h = (uint32_t)(ip[1] & 0x0f) << 16 | (uint32_t)ip[2] << 8 | ip[3], w;
	unsigned i;

	for (i = 8; i < 40; i += 4) {
		memcpy(&w, ip + i, 4);
		h = mix32(h ^ w);
	}
	h = mix32(h ^ ip[6]);
	if ((ip[6] == 6 || ip[6] == 17 || ip[6] == 132) && len >= IP6_HDRLEN + 4)
		h = mix32(h ^ ((uint32_t)ip[40] << 24 | (uint32_t)ip[41] << 16 |
			       (uint32_t)ip[42] << 8 | ip[43]));
	return h;
}

/* Inner 5-tuple hash; addresses only for fragments and other protocols. */
static uint32_t flow_hash(const uint8_t *ip, size_t len)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	uint32_t s, d, h;
	uint16_t frag = (uint16_t)(ip[6] << 8 | ip[7]);

	if (ip[0] >> 4 == 6)
		return flow_hash6(ip, len);
	memcpy(&s, ip + 12, 4);
	memcpy(&d, ip + 16, 4);
	h = mix32(s ^ mix32(d ^ ip[9]));
	if ((ip[9] == 6 || ip[9] == 17 || ip[9] == 132) &&
	    !(frag & (IP_MF | IP_OFFMASK)) && len >= hlen + 4)
		h = mix32(h ^ ((uint32_t)ip[hlen] << 24 | (uint32_t)ip[hlen + 1] << 16 |
			       (uint32_t)ip[hlen + 2] << 8 | ip[hlen + 3]));
	return h;
}

bool lisp_loc_usable(struct lisp *l, const struct mc_loc *c)
{
	return c->reachable && !c->probe_down && c->priority < 255 &&
	       lisp_rloc_routable(l, &c->addr);
}

/* Lowest priority among the usable locators, split by weight; -1: none. */
static int choose_locator(struct lisp *l, const struct mc_loc *locs, unsigned nlocs,
			  uint32_t hash)
{
	unsigned i, best = 256, n = 0, wsum = 0, pick;
	bool usable[LISP_MAX_LOCATORS];

	for (i = 0; i < nlocs; i++) {
		usable[i] = lisp_loc_usable(l, &locs[i]);
		if (usable[i] && locs[i].priority < best)
			best = locs[i].priority;
	}
	if (best == 256)
		return -1;
	for (i = 0; i < nlocs; i++)
		if (usable[i] && locs[i].priority == best) {
			n++;
			wsum += locs[i].weight;
		}
	/* Equal split when every weight is 0; weight 0 beside others: none. */
	pick = wsum ? hash % wsum : hash % n;
	for (i = 0; i < nlocs; i++) {
		if (!usable[i] || locs[i].priority != best)
			continue;
		if (!wsum) {
			if (pick-- == 0)
				return (int)i;
			continue;
		}
		if (pick < locs[i].weight)
			return (int)i;
		pick -= locs[i].weight;
	}
	return -1;
}

/* The proxy ETR (index in v) for a flow of EID family afi: among the
 * entries of that family, as among locators. */
static int choose_petr(struct lisp *l, const struct petr *v, unsigned n, uint16_t afi,
		       uint32_t hash)
{
	struct mc_loc locs[LISP_MAX_PETRS];
	unsigned i, k = 0, at[LISP_MAX_PETRS];
	int c;

	for (i = 0; i < n; i++)
		if (petr_serves(&v[i], afi)) {
			at[k] = i;
			locs[k++] = v[i].loc;
		}
	c = k ? choose_locator(l, locs, k, hash) : -1;
	return c < 0 ? -1 : (int)at[c];
}

/* The outer source toward rloc (fe: its route): the PITR's address, the
 * egress interface's source-locator address, else its own; each of the
 * RLOC's family (an IPv6 RLOC: the interface's first global address). */
static bool outer_source(struct lisp *l, const struct fib_entry *fe, const struct addr *rloc,
			 struct addr *out)
{
	struct src_locator *s;
	struct iface *ifp;

	if (!fe || !fe->oif)
		return false;
	if (lisp_pitr_addr(l, rloc->afi, out))
		return true;
	for (s = l->src_locs; s; s = s->next)
		if (strcmp(s->ifname, iface_name(fe->oif)) == 0 &&
		    (ifp = iface_find(l->r, s->srcif)) && lisp_iface_addr(ifp, rloc->afi, out))
			return true;
	if (fe->type == FIB_LOCAL || !lisp_iface_addr(fe->oif, rloc->afi, out))
		return lisp_source_for(l, rloc, out);
	return true;
}

/*
 * The inner packet, IPv4 or IPv6, copied to inner whatever the outer
 * family: in transit it is forwarded, so its TTL or hop limit drops here
 * as it would natively (the router checked it is > 1).  *ttl and *tos
 * get what the outer header copies (TTL or hop limit, TOS or traffic
 * class).
 */
static void inner_copy(uint8_t *inner, const uint8_t *ip, size_t len, bool transit,
		       uint8_t *ttl, uint8_t *tos)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	uint16_t sum;

	memcpy(inner, ip, len);
	if (ip[0] >> 4 == 6) {
		if (transit)
			inner[7]--;
		*ttl = inner[7];
		*tos = (uint8_t)((inner[0] & 0x0f) << 4 | inner[1] >> 4);
		return;
	}
	if (transit) {
		inner[8]--;
		inner[10] = inner[11] = 0;
		sum = ipv4_cksum(inner, hlen);
		memcpy(inner + 10, &sum, 2);
	}
	*ttl = inner[8];
	*tos = inner[1];
}

/* One packet (or fragment) to rloc: outer IPv4 or IPv6 + UDP + LISP. */
static int encap_one(struct lisp *l, struct iface *in, const uint8_t *ip, size_t len,
		     const struct addr *rloc, const struct addr *src, uint32_t hash, uint32_t iid)
{
	size_t ohl = lisp_ip_udp_len(rloc), over = ohl + LISP_DATA_HDR_LEN;
	uint8_t *outer = l->obuf + LISP_HEADROOM, *inner = outer + over;
	struct lisp_data_hdr h;
	uint8_t ttl, tos;

	inner_copy(inner, ip, len, in != NULL, &ttl, &tos);
	memset(&h, 0, sizeof(h));
	h.n = true;
	h.nonce = lisp_rand_fast(l) & 0xffffff;
	h.i = true;
	h.iid = iid;
	if (lisp_data_hdr_encode(&h, outer + ohl, LISP_DATA_HDR_LEN) != LISP_DATA_HDR_LEN) {
		lisp_drop(l, LISP_DROP_SEND_FAILED);
		return -1;
	}
	/* The outer TTL / hop limit and TOS / traffic class are the inner
	 * packet's (RFC 9300 5.3); the UDP checksum is 0 over IPv4 and
	 * computed over IPv6. */
	lisp_build_ip_udp(l, outer, src, rloc, (uint16_t)(0xF000 | (hash & 0xFFF)),
			  LISP_DATA_PORT, LISP_DATA_HDR_LEN + len, ttl, tos, true, false);
	if (lisp_output(l, l->obuf, over + len) == -1)
		return -1;
	l->st.encap_pkts++;
	l->st.encap_bytes += len;
	return 0;
}

/* RFC 791 fragments of ip, each at most max bytes, encapsulated one by one. */
static int encap_fragments(struct lisp *l, struct iface *in, const uint8_t *ip, size_t len,
			   unsigned max, const struct addr *rloc, const struct addr *src,
			   uint32_t hash, uint32_t iid)
{
	struct ipv4_frag f;
	size_t flen;

	if (ipv4_frag_init(&f, ip, len, max, false) == -1) {
		lisp_drop(l, LISP_DROP_TOO_BIG);
		return -1;
	}
	l->st.fragmented_pkts++;
	while ((flen = ipv4_frag_next(&f, l->fbuf)) != 0)
		if (encap_one(l, in, l->fbuf, flen, rloc, src, hash, iid) == -1)
			return -1;
	return 0;
}

/* Encapsulate to rloc, fragmenting or refusing what the path cannot carry
 * (the overhead: 36 bytes over IPv4, 56 over IPv6). */
static int encapsulate_to(struct lisp *l, struct iface *in, const uint8_t *ip, size_t len,
			  const struct addr *rloc, uint32_t hash, uint32_t iid)
{
	struct fib_entry *fe = lisp_rloc_route(l, rloc);
	unsigned max, over = (unsigned)lisp_encap_overhead(rloc);
	struct addr src;

	if (len > LISP_BUFSZ - LISP_HEADROOM - over) {
		lisp_drop(l, LISP_DROP_SEND_FAILED);
		return -1;
	}
	if (!outer_source(l, fe, rloc, &src)) {
		lisp_drop(l, LISP_DROP_NO_SOURCE);
		return -1;
	}
	max = iface_mtu(fe->oif) > over ? iface_mtu(fe->oif) - over : 0;
	if (len <= max)
		return encap_one(l, in, ip, len, rloc, &src, hash, iid);
	if (ip[0] >> 4 == 6) {
		/* IPv6 is never fragmented on the way (RFC 8200 section 5):
		 * Packet Too Big with the inner MTU the RLOC path leaves. */
		lisp_drop(l, LISP_DROP_TOO_BIG);
		l->st.frag_needed_sent++;
		icmp6_error(l->r, in, ip, len, ICMP6_TOO_BIG, 0, max, false);
		return -1;
	}
	if (ip[6] & (IP_DF >> 8)) {
		lisp_drop(l, LISP_DROP_TOO_BIG);
		l->st.frag_needed_sent++;
		icmp_error(l->r, in, ip, len, ICMP_UNREACH, ICMP_UNREACH_NEEDFRAG,
			   (uint16_t)max);
		return -1;
	}
	return encap_fragments(l, in, ip, len, max, rloc, &src, hash, iid);
}

static int encapsulate(struct lisp *l, struct lisp_inst *inst, struct iface *in,
		       const uint8_t *ip, size_t len, struct mc_entry *e)
{
	uint32_t hash = flow_hash(ip, len);
	int i = choose_locator(l, e->locs, e->n, hash);

	if (i < 0) {
		lisp_drop(l, LISP_DROP_NO_LOCATOR);
		return 0;
	}
	if (encapsulate_to(l, in, ip, len, &e->locs[i].addr, hash, inst->iid) == 0) {
		inst->st.encap_pkts++;
		inst->st.encap_bytes += len;
		if (l->roles & LISP_ROLE_PITR)
			l->st.pitr_encap_pkts++;
	}
	return 0;
}

/* The FIB route for dst in VRF vrf, IPv4 or IPv6 (NULL: none). */
static struct fib_entry *route_for(struct lisp *l, unsigned vrf, const struct addr *dst)
{
	if (vrf != VRF_DEFAULT)
		return dst->afi == AFI_IPV6 ? fib6_lookup_vrf(l->r, vrf, dst->u.b) :
					      fib_lookup_vrf(l->r, vrf, dst->u.v4);
	return dst->afi == AFI_IPV6 ? fib6_lookup(l->r, dst->u.b) : fib_lookup(l->r, dst->u.v4);
}

/* A route for dst other than a discard one (LISP installs none in the FIB). */
static bool native_route(struct lisp *l, unsigned vrf, const struct addr *dst)
{
	struct fib_entry *fe = route_for(l, vrf, dst);

	return fe && fe->oif && !(fe->flags & FIB_F_DISCARD);
}

/* Natively-Forward: to a PETR when there is no native route. */
static int forward_native(struct lisp *l, struct lisp_inst *inst, unsigned vrf,
			  struct iface *in, const uint8_t *ip, size_t len, const struct addr *dst)
{
	uint32_t hash;
	unsigned np;
	struct petr *pv = lisp_petrs(l, inst, dst->afi, &np);
	int i;

	if (np && !native_route(l, vrf, dst)) {
		hash = flow_hash(ip, len);
		i = choose_petr(l, pv, np, dst->afi, hash);
		if (i >= 0) {
			if (encapsulate_to(l, in, ip, len, &pv[i].loc.addr, hash,
					   inst->iid) == 0) {
				pv[i].pkts++;
				pv[i].bytes += len;
				l->st.petr_encap_pkts++;
				inst->st.petr_encap_pkts++;
			}
			return 0;
		}
	}
	l->st.native_pkts++;
	inst->st.native_pkts++;
	return -1;
}

/* Is dst under one of the PITR's static map-request entries (of dst's
 * instance)? */
static bool pitr_space(struct lisp *l, const struct addr *dst)
{
	struct lisp_inst *inst = lisp_inst_of(l, dst->iid);

	return inst && inst->mreq_space && lpm_lookup(inst->mreq_space, dst, NULL);
}

static void signal_miss(struct lisp *l, struct lisp_inst *inst, const struct addr *src,
			const struct addr *dst)
{
	struct prefix p;
	char buf[PREFIX_STRLEN];

	prefix_make(&p, dst, addr_bits(dst->afi));
	l->st.signal_pkts++;
	inst->st.signal_pkts++;
	log_debug(DEBUG_LISP_CONTROL, "LISP: Processing data signal for EID prefix %s",
		  prefix_fmt(&p, buf, sizeof(buf)));
	lisp_mreq_start(l, &p, src, NULL, NULL, false);
	lisp_drop(l, LISP_DROP_RESOLVE_PENDING);
}

/*
 * The one rule, for the data path and 'show ip cef' alike: the map-cache
 * decides only where the FIB has no better route (fe: the native route,
 * e: the map-cache entry, either NULL).  IOS marks only the default route
 * and no route at all "check lisp eligibility"; a map-cache entry competes
 * with the other routes on length, a native route winning a tie, and the
 * send-map-request 0.0.0.0/0 is the least specific of all.
 */
static bool mc_decides(const struct fib_entry *fe, const struct mc_entry *e)
{
	return !fe || fe->prefix.len == 0 || (e && e->prefix.len > fe->prefix.len);
}

/* The ITR's decision for one IPv4 or IPv6 packet (src, dst its addresses)
 * arriving in VRF vrf, whose instance is inst. */
static int itr_packet(struct lisp *l, struct lisp_inst *inst, unsigned vrf, struct iface *in,
		      const uint8_t *ip, size_t len, struct addr *src, struct addr *dst)
{
	struct mc_entry *e;
	/* A PITR per family once the shell said which ('no ip lisp
	 * proxy-itr' ends the IPv4 one while 'ipv6 lisp proxy-itr' keeps
	 * the IPv6 one, as on IOS); set through the API alone, both. */
	unsigned pitr_af = lisp_af_kind(l, LISP_XK_PITR);
	bool pitr = (l->roles & LISP_ROLE_PITR) &&
		    (!pitr_af || (pitr_af & (dst->afi == AFI_IPV6 ? LISP_AF_IPV6 : LISP_AF_IPV4)));

	src->iid = dst->iid = inst->iid;
	if (!pitr && (!inst->db_n || !lpm_lookup(inst->db, src, NULL)))
		return -1;
	if (inst->db_n && lpm_lookup(inst->db, dst, NULL))
		return -1;
	e = map_cache_find(l->mcx, inst->mc, inst->iid, dst);
	if (!mc_decides(route_for(l, vrf, dst), e))
		return -1;
	if (!e) {
		if (pitr)
			return -1;
		signal_miss(l, inst, src, dst);
		return 0;
	}
	map_cache_touch(inst->mc, e, len, lisp_now(l));
	if (!e->negative)
		return encapsulate(l, inst, in, ip, len, e);
	switch (e->action) {
	case LISP_ACT_NO_ACTION:
	case LISP_ACT_NATIVE_FWD:
		if (pitr && pitr_space(l, dst)) {
			lisp_drop(l, LISP_DROP_PITR_LOOP);
			return 0;
		}
		return forward_native(l, inst, vrf, in, ip, len, dst);
	case LISP_ACT_SEND_MAP_REQ:
		signal_miss(l, inst, pitr ? NULL : src, dst);
		return 0;
	default:
		lisp_drop(l, LISP_DROP_ACTION_DROP);
		return 0;
	}
}

/* The packet's instance: the one bound to its VRF (the router says which:
 * the ingress interface's, or the VRF the router originates it in, 'ping
 * vrf' and its answers; lisp_new() opted in). */
static struct lisp_inst *itr_inst(struct lisp *l, struct iface *in, unsigned *vrf)
{
	*vrf = router_hook_vrf(l->r);
	/* A packet we decapsulated into another VRF than its interface's is
	 * not encapsulated again (nor is one in the default table). */
	if (in && *vrf != iface_vrf(in))
		return NULL;
	return lisp_inst_vrf(l, *vrf);
}

int lisp_itr_hook(void *arg, struct iface *in, const uint8_t *ip, size_t len)
{
	struct lisp *l = arg;
	struct lisp_inst *inst;
	struct addr src, dst;
	unsigned vrf;

	if (l->sending || !lisp_is_itr(l) || (!(l->roles & LISP_ROLE_PITR) && !l->db_total) ||
	    !(inst = itr_inst(l, in, &vrf)))
		return -1;
	addr_set_v4(&src, 0);
	addr_set_v4(&dst, 0);
	memcpy(&src.u.v4, ip + 12, 4);
	memcpy(&dst.u.v4, ip + 16, 4);
	return itr_packet(l, inst, vrf, in, ip, len, &src, &dst);
}

/*
 * IPv6 in transit or from the router (router_set_fwd6_hook()): the same
 * rules with the IPv6 FIB.  A link-local source never leaves its link
 * (the router answers it), so it is never LISP's.
 */
int lisp_itr_hook6(void *arg, struct iface *in, const uint8_t *ip, size_t len)
{
	struct lisp *l = arg;
	struct lisp_inst *inst;
	struct addr src, dst;
	unsigned vrf;

	if (l->sending || !lisp_is_itr(l) || (!(l->roles & LISP_ROLE_PITR) && !l->db_total) ||
	    len < IP6_HDRLEN || ip6_is_linklocal(ip + 8) || ip6_is_unspec(ip + 8) ||
	    !(inst = itr_inst(l, in, &vrf)))
		return -1;
	addr_set_v6(&src, ip + 8);
	addr_set_v6(&dst, ip + 24);
	return itr_packet(l, inst, vrf, in, ip, len, &src, &dst);
}

/* ---------------------------------------------------------------- Map-Requests */

static struct mreq **nonce_bucket(struct lisp *l, uint64_t nonce)
{
	return &l->mreq_by_nonce[(nonce * 0x9E3779B97F4A7C15ull) >> 51 & (LISP_MREQ_HASH - 1)];
}

static struct mreq **eid_bucket(struct lisp *l, const struct prefix *p)
{
	uint64_t k = ((uint64_t)p->addr.u.v4 << 8 | p->len) ^ (uint64_t)p->addr.iid << 40;
	uint32_t w;
	unsigned i;

	for (i = 4; i < addr_bytes(p->addr.afi); i += 4) {
		memcpy(&w, p->addr.u.b + i, 4);
		k = (k ^ w) * 0x100000001B3ull;
	}

	return &l->mreq_by_eid[(k * 0x9E3779B97F4A7C15ull) >> 51 & (LISP_MREQ_HASH - 1)];
}

static void mreq_link(struct lisp *l, struct mreq *m)
{
	struct mreq **b;

	m->prev = NULL;
	m->next = l->mreqs;
	if (l->mreqs)
		l->mreqs->prev = m;
	l->mreqs = m;
	b = nonce_bucket(l, m->nonce);
	m->nonce_next = *b;
	*b = m;
	b = eid_bucket(l, &m->eid);
	m->eid_next = *b;
	*b = m;
	l->n_mreqs++;
}

static void mreq_free(struct lisp *l, struct mreq *m)
{
	struct mreq **pp;

	if (m->prev)
		m->prev->next = m->next;
	else
		l->mreqs = m->next;
	if (m->next)
		m->next->prev = m->prev;
	for (pp = nonce_bucket(l, m->nonce); *pp; pp = &(*pp)->nonce_next)
		if (*pp == m) {
			*pp = m->nonce_next;
			break;
		}
	for (pp = eid_bucket(l, &m->eid); *pp; pp = &(*pp)->eid_next)
		if (*pp == m) {
			*pp = m->eid_next;
			break;
		}
	l->n_mreqs--;
	ev_timer_free(m->timer);
	free(m);
}

void lisp_mreq_free_all(struct lisp *l)
{
	while (l->mreqs)
		mreq_free(l, l->mreqs);
}

static void mreq_done(struct lisp *l, struct mreq *m, const struct lisp_lig_result *res);

/* A lig waiting on one of them hears a timeout. */
void lisp_mreq_forget_inst(struct lisp *l, uint32_t iid)
{
	struct lisp_lig_result res;
	struct mreq *m, *next;

	for (m = l->mreqs; m; m = next) {
		next = m->next;
		if (m->eid.addr.iid == iid && !m->lig_fn)
			mreq_free(l, m);
	}
	/* A lig callback may change the list: start over after each. */
	memset(&res, 0, sizeof(res));
	for (;;) {
		for (m = l->mreqs; m && m->eid.addr.iid != iid; m = m->next)
			;
		if (!m)
			break;
		mreq_done(l, m, &res);
	}
}

/* The outstanding request a Map-Reply's nonce answers, or NULL. */
static struct mreq *mreq_by_nonce(struct lisp *l, uint64_t nonce)
{
	struct mreq *m;

	for (m = *nonce_bucket(l, nonce); m; m = m->nonce_next)
		if (!m->answered && m->nonce == nonce)
			return m;
	return NULL;
}

bool lisp_mreq_pending(struct lisp *l, uint64_t nonce)
{
	return mreq_by_nonce(l, nonce) != NULL;
}

/*
 * The router-wide budget: a token bucket of mreq_rate requests a second
 * (in thousandths), full after a second without requests.  False (and
 * counted) when the request may not go now.
 */
static bool mreq_token(struct lisp *l)
{
	uint64_t now = lisp_now(l), cap = (uint64_t)l->mreq_rate * 1000, add;

	if (now - l->mreq_tokens_at >= NS_PER_SEC || now < l->mreq_tokens_at) {
		l->mreq_tokens = cap;
		l->mreq_tokens_at = now;
	} else if ((add = (now - l->mreq_tokens_at) * l->mreq_rate / 1000000) > 0) {
		l->mreq_tokens = l->mreq_tokens + add > cap ? cap : l->mreq_tokens + add;
		l->mreq_tokens_at = now;
	}
	if (l->mreq_tokens < 1000) {
		lisp_drop(l, LISP_DROP_MREQ_RATE);
		log_ratelimited(&l->mreq_rate, LOG_WARNING,
				"LISP: Map-Request rate limit %u/s reached, requests not sent",
				l->mreq_rate);
		return false;
	}
	l->mreq_tokens -= 1000;
	return true;
}

/*
 * Our ITR-RLOC of family afi for a request to the map-resolver mr: the
 * map-request-source of that family; a PITR's address of that family
 * (either of its two: a PITR lists only those); else (mr's family) the
 * source toward mr, else the egress interface's address of that family.
 */
static bool itr_rloc(struct lisp *l, const struct addr *mr, uint16_t afi, struct addr *out)
{
	struct fib_entry *fe;

	if (l->mreq_src.afi == afi) {
		*out = l->mreq_src;
		return true;
	}
	if (l->roles & LISP_ROLE_PITR)
		return lisp_pitr_addr(l, afi, out);
	if (mr->afi == afi)
		return lisp_source_for(l, mr, out);
	fe = lisp_rloc_route(l, mr);
	return fe && fe->oif && fe->type != FIB_LOCAL && lisp_iface_addr(fe->oif, afi, out);
}

/* Where map-resolver i comes for EIDs of family afi: 0 when it does not
 * serve them.  Nothing recorded by the shell: both families (like the
 * PITR in itr_packet()), in the list's order; the ones the shell recorded
 * come in the order their family wrote them (lisp_af_entry_seq()). */
static uint32_t mr_key(const struct lisp *l, unsigned i, uint16_t afi)
{
	unsigned fam = afi == AFI_IPV6 ? LISP_AF_IPV6 : LISP_AF_IPV4, m;
	struct prefix p;

	memset(&p, 0, sizeof(p));
	prefix_make(&p, &l->resolvers[i], addr_bits(l->resolvers[i].afi));
	m = lisp_af_entry(l, LISP_XK_RESOLVERS, &p);
	if (!m)
		return i + 1;
	if (!(m & fam))
		return 0;
	return LISP_MAX_RESOLVERS + lisp_af_entry_seq(l, LISP_XK_RESOLVERS, &p, fam);
}

/* The index of the map-resolver at place pos (from 0) of family afi's
 * order; n_resolvers when it has fewer (at most 8: a scan per place). */
static unsigned mr_at(const struct lisp *l, uint16_t afi, unsigned pos)
{
	uint32_t last = 0, key, best_key;
	unsigned i, best = l->n_resolvers;

	for (unsigned k = 0; k <= pos; k++) {
		best = l->n_resolvers;
		best_key = UINT32_MAX;
		for (i = 0; i < l->n_resolvers; i++)
			if ((key = mr_key(l, i, afi)) > last && key < best_key) {
				best_key = key;
				best = i;
			}
		if (best == l->n_resolvers)
			break;
		last = best_key;
	}
	return best;
}

bool lisp_map_resolver_first(const struct lisp *l, uint16_t afi, struct addr *out)
{
	unsigned i = mr_at(l, afi, 0);

	if (i >= l->n_resolvers)
		return false;
	*out = l->resolvers[i];
	return true;
}

int lisp_map_resolver_foreach_af(struct lisp *l, uint16_t afi,
				 int (*fn)(const struct addr *a, void *arg), void *arg)
{
	unsigned i, pos;
	int rc;

	for (pos = 0; (i = mr_at(l, afi, pos)) < l->n_resolvers; pos++)
		if ((rc = fn(&l->resolvers[i], arg)) != 0)
			return rc;
	return 0;
}

static int mreq_send(struct lisp *l, struct mreq *m)
{
	uint8_t msg[256], ecm[512];
	struct lisp_map_request req;
	struct lisp_ecm em;
	struct addr r4, r6, rloc;
	const struct addr *mr;
	ssize_t n, en;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];
	bool was_sent, first_smr, have4, have6;
	uint32_t iid = m->eid.addr.iid;		/* m may be gone after the send */
	struct lisp_inst *in;
	unsigned i_mr;

	/* The list may have changed since the last try (a resolver gone,
	 * another family's now): the one at its place in the family's. */
	if ((i_mr = mr_at(l, m->eid.addr.afi, m->mr_pos)) >= l->n_resolvers) {
		lisp_drop(l, LISP_DROP_NO_RESOLVER);
		return -1;
	}
	mr = &l->resolvers[i_mr];
	/* Our RLOC of each family we have one of, IPv4 first (as IOS);
	 * the one of the resolver's family is the request's source. */
	have4 = itr_rloc(l, mr, AFI_IPV4, &r4);
	have6 = itr_rloc(l, mr, AFI_IPV6, &r6);
	if (!have4 && !have6) {
		lisp_drop(l, LISP_DROP_NO_SOURCE);
		return -1;
	}
	rloc = (mr->afi == AFI_IPV6 ? have6 : !have4) ? r6 : r4;
	memset(&req, 0, sizeof(req));
	req.nonce = m->nonce;
	req.source_eid.addr = m->src_eid;
	req.source_eid.addr.iid = m->eid.addr.iid;
	req.source_eid.has_iid = m->eid.addr.iid != 0;
	if (have4)
		req.itr_rlocs[req.itr_rloc_count++].addr = r4;
	if (have6)
		req.itr_rlocs[req.itr_rloc_count++].addr = r6;
	req.record_count = 1;
	req.records = &req.one;
	req.records[0].eid.addr = m->eid.addr;
	req.records[0].eid.has_iid = m->eid.addr.iid != 0;
	req.records[0].mask_len = m->eid.len;
	req.pitr = (l->roles & LISP_ROLE_PITR) != 0;
	req.smr_invoked = m->smr_invoked;
	n = lisp_map_request_encode(&req, msg, sizeof(msg));
	if (n < 0)
		return -1;
	/* The inner header is of the EID's family: from our ITR-RLOC of
	 * that family, else the source EID, else the unspecified address. */
	memset(&em, 0, sizeof(em));
	em.inner_dst = m->eid.addr;
	em.inner_dst.iid = 0;
	if (m->eid.addr.afi == AFI_IPV4 && have4)
		em.inner_src = r4;
	else if (m->eid.addr.afi == AFI_IPV6 && have6)
		em.inner_src = r6;
	else if (m->src_eid.afi == m->eid.addr.afi)
		em.inner_src = m->src_eid;
	else
		em.inner_src.afi = m->eid.addr.afi;
	em.inner_src.iid = 0;
	em.inner_ttl = 64;
	em.inner_sport = l->reply_port;
	em.inner_dport = LISP_CONTROL_PORT;
	em.payload = msg;
	em.payload_len = (size_t)n;
	en = lisp_ecm_encode(&em, ecm, sizeof(ecm));
	if (en < 0)
		return -1;
	log_debug(DEBUG_LISP_CONTROL, "LISP: Send map request for EID prefix %s",
		  prefix_fmt(&m->eid, b1, sizeof(b1)));
	log_debug(DEBUG_LISP_CONTROL,
		  "LISP: Sending map-request from %s for EID %s, ITR-RLOCs %u, nonce 0x%08x-0x%08x",
		  addr_fmt(&rloc, b2, sizeof(b2)), b1, (unsigned)req.itr_rloc_count,
		  (unsigned)(m->nonce >> 32),
		  (unsigned)m->nonce);
	/* The send may answer at once (a co-located Map-Resolver) and the
	 * answer frees m: read what m says first, only l afterwards. */
	was_sent = m->sent;
	first_smr = m->smr_invoked && !was_sent;
	m->sent = true;
	if (lisp_send_udp(l, &rloc, l->reply_port, mr, LISP_CONTROL_PORT, ecm, (size_t)en) == -1) {
		m->sent = was_sent;	/* not sent: nothing answered, m is alive */
		return -1;
	}
	l->st.mreq_out++;
	l->st.mreq_out_ecm++;
	if (first_smr)
		l->st.smr_invoked_out++;	/* sent, not merely asked for */
	if ((in = lisp_inst_of(l, iid))) {
		in->st.mreq_out++;
		in->st.mreq_out_ecm++;
		in->st.smr_invoked_out += first_smr;
	}
	return 0;
}

static void mreq_done(struct lisp *l, struct mreq *m, const struct lisp_lig_result *res)
{
	lisp_lig_fn fn = m->lig_fn;
	void *arg = m->lig_arg;

	mreq_free(l, m);
	if (fn)
		fn(arg, res);
}

static void mreq_timer(void *arg)
{
	struct mreq *m = arg;
	struct lisp *l = m->l;
	struct lisp_lig_result res;

	if (m->answered) {
		mreq_free(l, m);
		return;
	}
	if (++m->tries < LISP_MREQ_TRIES) {
		l->st.mreq_out_retransmit++;
	} else if (mr_at(l, m->eid.addr.afi, ++m->mr_pos) < l->n_resolvers) {
		m->tries = 0;
	} else {
		l->st.mreq_failed++;
		memset(&res, 0, sizeof(res));
		mreq_done(l, m, &res);
		return;
	}
	/* Armed first: a resolver on this router answers before
	 * mreq_send() returns, and the answer frees m.  A retransmission
	 * over the budget is skipped; the back-off goes on. */
	ev_timer_arm(m->timer, MREQ_RETRY_NS << m->tries);
	if (m->lig_fn || mreq_token(l))
		mreq_send(l, m);
}

int lisp_mreq_start(struct lisp *l, const struct prefix *eid, const struct addr *src,
		    lisp_lig_fn fn, void *arg, bool smr_invoked)
{
	struct mreq *m;

	if (!fn)
		for (m = *eid_bucket(l, eid); m; m = m->eid_next)
			if (!m->lig_fn && prefix_eq(&m->eid, eid)) {
				lisp_drop(l, LISP_DROP_RATE_LIMITED);
				return 0;
			}
	if (mr_at(l, eid->addr.afi, 0) == l->n_resolvers) {
		lisp_drop(l, LISP_DROP_NO_RESOLVER);
		return -1;
	}
	if (!fn && l->n_mreqs >= l->mreq_max) {
		lisp_drop(l, LISP_DROP_MREQ_OUTSTANDING);
		log_ratelimited(&l->mreq_max, LOG_WARNING,
				"LISP: Map-Request outstanding limit %u reached, requests not sent",
				l->mreq_max);
		return -1;
	}
	if (!fn && !mreq_token(l))
		return -1;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -1;
	m->timer = ev_timer_new(router_loop(l->r), mreq_timer, m);
	if (!m->timer) {
		free(m);
		return -1;
	}
	m->l = l;
	m->eid = *eid;
	if (src)
		m->src_eid = *src;
	m->nonce = lisp_rand64(l);
	m->first_sent = lisp_now(l);
	m->lig_fn = fn;
	m->lig_arg = arg;
	m->smr_invoked = smr_invoked;
	mreq_link(l, m);
	ev_timer_arm(m->timer, MREQ_RETRY_NS);
	mreq_send(l, m);	/* may free m: see mreq_timer() */
	return 0;
}

void lisp_itr_refresh(struct lisp *l, const struct prefix *p)
{
	struct prefix q;

	prefix_make(&q, &p->addr, addr_bits(p->addr.afi));
	lisp_mreq_start(l, &q, NULL, NULL, NULL, false);
}

static void count_record_in(struct lisp_stats *st, const struct lisp_record *r)
{
	st->mrep_in++;
	if (r->loc_count == 0)
		st->mrep_in_neg++;
	else if (r->authoritative)
		st->mrep_in_auth++;
	else
		st->mrep_in_nonauth++;
}

void lisp_itr_map_reply(struct lisp *l, const struct addr *from, const uint8_t *msg,
			size_t len)
{
	struct lisp_map_reply rep;
	struct lisp_lig_result res;
	struct lisp_inst *inst;
	struct mc_entry e;
	struct mreq *m;
	enum lisp_err err;
	unsigned i, j;
	bool first = true, cached = false;
	char b1[PREFIX_STRLEN], b2[ADDR_STRLEN];

	if ((err = lisp_map_reply_decode(msg, len, &rep)) != LISP_OK) {
		l->st.malformed[err]++;
		lisp_map_reply_free(&rep);
		return;
	}
	m = mreq_by_nonce(l, rep.nonce);
	if (rep.probe) {
		lisp_probe_reply(l, from, &rep);
		lisp_map_reply_free(&rep);
		return;
	}
	if (!m) {
		lisp_drop(l, LISP_DROP_NONCE_MISMATCH);
		lisp_map_reply_free(&rep);
		return;
	}
	log_debug(DEBUG_LISP_CONTROL, "LISP: Processing received Map-Reply message from %s",
		  addr_fmt(from, b2, sizeof(b2)));
	/* Records go into the instance of their IID (plain AFI and an LCAF
	 * with IID 0 alike: instance 0), which must be the request's. */
	inst = lisp_inst_of(l, m->eid.addr.iid);
	memset(&res, 0, sizeof(res));
	for (i = 0; i < rep.record_count; i++) {
		const struct lisp_record *r = &rep.records[i];

		count_record_in(&l->st, r);
		if (inst)
			count_record_in(&inst->st, r);
		memset(&e, 0, sizeof(e));
		if (r->eid.eid.addr.afi != m->eid.addr.afi ||
		    prefix_make(&e.prefix, &r->eid.eid.addr, r->eid.mask_len) == -1 ||
		    (e.prefix.addr.iid = r->eid.eid.has_iid ? r->eid.eid.addr.iid : 0,
		     !prefix_contains(&e.prefix, &m->eid.addr))) {
			lisp_drop(l, LISP_DROP_REPLY_NOT_COVERING);
			continue;
		}
		e.source = LISP_MC_MAP_REPLY;
		e.negative = r->loc_count == 0;
		e.action = r->action;
		e.authoritative = r->authoritative;
		e.ttl = r->ttl > TTL_CLAMP ? TTL_CLAMP : r->ttl;
		e.map_source = *from;
		if (r->loc_count > LISP_MAX_LOCATORS)
			lisp_drop(l, LISP_DROP_LOCATORS_OVER);	/* the first 8 kept */
		for (j = 0; j < r->loc_count && e.n < LISP_MAX_LOCATORS; j++) {
			if (r->locs[j].rloc.addr.afi != AFI_IPV4 &&
			    r->locs[j].rloc.addr.afi != AFI_IPV6)
				continue;
			e.locs[e.n].addr = r->locs[j].rloc.addr;
			e.locs[e.n].addr.iid = 0;
			e.locs[e.n].priority = r->locs[j].priority;
			e.locs[e.n].weight = r->locs[j].weight;
			e.locs[e.n].reachable = r->locs[j].reachable;
			e.n++;
		}
		log_debug(DEBUG_LISP_CONTROL,
			  "LISP: Processing Map-Reply mapping record for %s, ttl %u, %s, %u locator%s",
			  prefix_fmt(&e.prefix, b1, sizeof(b1)), r->ttl,
			  r->authoritative ? "authoritative" : "not authoritative",
			  (unsigned)r->loc_count, r->loc_count == 1 ? "" : "s");
		if (first) {
			first = false;
			res.replied = true;
			res.from = *from;
			res.rtt_ns = lisp_now(l) - m->first_sent;
			res.prefix = e.prefix;
			res.negative = e.negative;
			res.authoritative = e.authoritative;
			res.action = e.action;
			res.ttl = r->ttl;
			res.n_locs = e.n;
			for (j = 0; j < e.n; j++) {
				res.locs[j].addr = e.locs[j].addr;
				res.locs[j].priority = e.locs[j].priority;
				res.locs[j].weight = e.locs[j].weight;
				res.locs[j].state = e.locs[j].reachable ? LISP_LOC_UP : LISP_LOC_DOWN;
			}
		}
		if (lisp_is_itr(l) && inst && map_cache_install(inst->mc, &e) == 0) {
			cached = true;
			log_debug(DEBUG_LISP_CONTROL,
				  "LISP: Remote EID prefix %s, Change state to complete", b1);
		}
	}
	lisp_map_reply_free(&rep);
	if (!res.replied)
		return;
	if (!cached && lisp_now(l) < m->first_sent + MREQ_RETRY_NS) {
		/* Nothing cached (TTL 0, limit 0): traffic would ask again at
		 * once, so the request stays until its second is over. */
		lisp_lig_fn fn = m->lig_fn;

		m->answered = true;
		m->lig_fn = NULL;
		ev_timer_arm_at(m->timer, m->first_sent + MREQ_RETRY_NS);
		if (fn)
			fn(m->lig_arg, &res);
		return;
	}
	mreq_done(l, m, &res);
}

/*
 * The ::/0 send-map-request entry: an ITR with an IPv6 EID prefix in the
 * instance's database (without one no IPv6 packet is LISP's: the
 * source-EID rule), as IOS installs it with 'ipv6 lisp itr'.  A static
 * '::/0' replaces it.  Per instance.
 */
static void update_default6(struct lisp *l, struct lisp_inst *in)
{
	struct prefix def;
	struct mc_entry e, *old;
	bool want;

	memset(&def, 0, sizeof(def));
	def.addr.afi = AFI_IPV6;
	def.addr.iid = in->iid;
	old = map_cache_exact(in->mc, &def);
	want = (l->roles & LISP_ROLE_ITR) && lpm_count(in->db, AFI_IPV6);
	if (!want) {
		if (old && old->source == LISP_MC_STATIC_SMR)
			map_cache_remove(in->mc, &def);
		return;
	}
	if (old || lisp_static_configured(l, &def))
		return;
	memset(&e, 0, sizeof(e));
	e.prefix = def;
	e.source = LISP_MC_STATIC_SMR;
	e.negative = true;
	e.action = LISP_ACT_SEND_MAP_REQ;
	map_cache_install(in->mc, &e);
}

void lisp_itr_update_default6(struct lisp *l)
{
	struct lisp_inst *in;

	for (in = l->insts; in; in = in->next)
		update_default6(l, in);
}

/* The 0.0.0.0/0 send-map-request entry of an ITR, in every instance. */
static void update_default(struct lisp *l, struct lisp_inst *in)
{
	struct prefix def;
	struct mc_entry e, *old;

	memset(&def, 0, sizeof(def));
	def.addr.afi = AFI_IPV4;
	def.addr.iid = in->iid;
	old = map_cache_exact(in->mc, &def);
	if (lisp_is_itr(l) && !(l->roles & LISP_ROLE_ITR)) {
		/* A PITR resolves only its configured map-request space. */
		if (old && old->source == LISP_MC_STATIC_SMR)
			map_cache_remove(in->mc, &def);
		update_default6(l, in);
		return;
	}
	if (l->roles & LISP_ROLE_ITR) {
		if (!old && !lisp_static_configured(l, &def)) {
			memset(&e, 0, sizeof(e));
			e.prefix = def;
			e.source = LISP_MC_STATIC_SMR;
			e.negative = true;
			e.action = LISP_ACT_SEND_MAP_REQ;
			map_cache_install(in->mc, &e);
		}
		update_default6(l, in);
		return;
	}
	if (old && old->source == LISP_MC_STATIC_SMR)
		map_cache_remove(in->mc, &def);
	update_default6(l, in);
	map_cache_clear_dynamic(in->mc);
}

void lisp_itr_inst_default(struct lisp *l, struct lisp_inst *in)
{
	update_default(l, in);
}

void lisp_itr_update_default(struct lisp *l)
{
	struct lisp_inst *in;

	for (in = l->insts; in; in = in->next)
		update_default(l, in);
	if (!lisp_is_itr(l))
		lisp_mreq_free_all(l);
}

/* ---------------------------------------------------------------- lig */

int lisp_lig(struct lisp *l, const struct addr *eid, const struct addr *src,
	     lisp_lig_fn fn, void *arg, char *err, size_t errlen)
{
	struct prefix p;
	struct addr s;

	if (!addr_is_v4(eid) && !addr_is_v6(eid)) {
		snprintf(err, errlen, "%% Invalid EID address");
		return -1;
	}
	if (!l->n_resolvers) {
		snprintf(err, errlen, "%% No map-resolver configured");
		return -1;
	}
	if (mr_at(l, eid->afi, 0) == l->n_resolvers) {
		snprintf(err, errlen, "%% No map-resolver configured for %s EIDs",
			 eid->afi == AFI_IPV6 ? "IPv6" : "IPv4");
		return -1;
	}
	if (!lisp_inst_of(l, eid->iid)) {
		snprintf(err, errlen, "%% Instance-ID %u is not configured", eid->iid);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	if (src)
		s = *src;
	s.iid = eid->iid;
	prefix_make(&p, eid, addr_bits(eid->afi));
	p.addr.iid = eid->iid;
	if (lisp_mreq_start(l, &p, &s, fn, arg, false) == -1) {
		snprintf(err, errlen, "%% Could not send the Map-Request");
		return -1;
	}
	return 0;
}

void lisp_lig_cancel(struct lisp *l, void *arg)
{
	struct mreq *m;

	for (m = l->mreqs; m; m = m->next)
		if (m->lig_fn && m->lig_arg == arg)
			m->lig_fn = NULL;
}

/* ---------------------------------------------------------------- map-cache view */

/* Does a natively-forwarded EID of p's family and instance have a
 * proxy ETR (the instance's own, or the router's)? */
static bool petr_for(struct lisp *l, const struct prefix *p)
{
	unsigned n;
	struct petr *v = lisp_petrs(l, lisp_inst_of(l, p->addr.iid), p->addr.afi, &n);

	return petr_count_af(v, n, p->addr.afi) > 0;
}

static void mc_info(struct lisp *l, const struct mc_entry *e, struct lisp_mc_info *o)
{
	unsigned i;

	memset(o, 0, sizeof(*o));
	o->prefix = e->prefix;
	o->source = e->source;
	o->negative = e->negative;
	o->action = e->action;
	o->authoritative = e->authoritative;
	o->created = e->created;
	o->expires = e->expires;
	o->last_used = e->last_used;
	o->ttl = e->ttl;
	o->map_source = e->map_source;
	o->pkts = e->pkts;
	o->bytes = e->bytes;
	o->via_petr = e->negative && petr_for(l, &e->prefix) &&
		      (e->action == LISP_ACT_NATIVE_FWD || e->action == LISP_ACT_NO_ACTION);
	o->n_locs = e->n;
	for (i = 0; i < e->n; i++) {
		o->locs[i].addr = e->locs[i].addr;
		o->locs[i].priority = e->locs[i].priority;
		o->locs[i].weight = e->locs[i].weight;
		o->locs[i].uptime = e->locs[i].uptime;
		o->locs[i].rtt_ns = e->locs[i].rtt_ns;
		o->locs[i].last_probe_reply = e->locs[i].last_reply;
		o->locs[i].probe_misses = e->locs[i].misses;
		o->locs[i].state = !lisp_rloc_routable(l, &e->locs[i].addr) ? LISP_LOC_NO_ROUTE :
				   e->locs[i].reachable && !e->locs[i].probe_down ?
				   LISP_LOC_UP : LISP_LOC_DOWN;
	}
}

struct mc_walk {
	struct lisp *l;
	int (*fn)(const struct lisp_mc_info *e, void *arg);
	void *arg;
};

static int mc_walk_fn(struct mc_entry *e, void *arg)
{
	struct mc_walk *w = arg;
	struct lisp_mc_info info;

	mc_info(w->l, e, &info);
	return w->fn(&info, w->arg);
}

int lisp_map_cache_foreach(struct lisp *l,
			   int (*fn)(const struct lisp_mc_info *e, void *arg), void *arg)
{
	return lisp_map_cache_foreach_after(l, NULL, fn, arg);
}

/* Instances in IID order, each in prefix order; resumes after
 * (after->addr.iid, after). */
int lisp_map_cache_foreach_after(struct lisp *l, const struct prefix *after,
				 int (*fn)(const struct lisp_mc_info *e, void *arg), void *arg)
{
	struct mc_walk w = { l, fn, arg };
	struct lisp_inst *i;
	int rc;

	for (i = l->insts; i; i = i->next) {
		if (after && i->iid < after->addr.iid)
			continue;
		rc = after && i->iid == after->addr.iid ?
		     map_cache_walk_after(i->mc, after, mc_walk_fn, &w) :
		     map_cache_walk(i->mc, mc_walk_fn, &w);
		if (rc)
			return rc;
	}
	return 0;
}

int lisp_map_cache_lookup(struct lisp *l, const struct addr *a, struct lisp_mc_info *out)
{
	struct lisp_inst *i = lisp_inst_of(l, a->iid);
	struct mc_entry *e = i ? map_cache_lookup(i->mc, a) : NULL;

	if (!e)
		return -1;
	mc_info(l, e, out);
	return 0;
}

/* Every instance's. */
size_t lisp_map_cache_count(const struct lisp *l, size_t *negative)
{
	return lisp_map_cache_count_inst(l, UINT32_MAX, AFI_NONE, negative);
}

size_t lisp_map_cache_entry_bytes(void)
{
	return sizeof(struct mc_entry);
}

size_t lisp_map_cache_dynamic(const struct lisp *l)
{
	const struct lisp_inst *i;
	size_t n = 0;

	for (i = l->insts; i; i = i->next)
		n += map_cache_dynamic(i->mc);
	return n;
}

void lisp_map_cache_clear(struct lisp *l)
{
	struct lisp_inst *i;

	for (i = l->insts; i; i = i->next)
		map_cache_clear_dynamic(i->mc);
}

void lisp_map_cache_clear_inst(struct lisp *l, uint32_t iid, uint16_t afi)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	if (i)
		map_cache_clear_dynamic_afi(i->mc, afi);
}

size_t lisp_map_cache_clear_eid(struct lisp *l, uint32_t iid, const struct prefix *p, bool host)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);
	struct prefix q = *p;
	struct mc_entry *e;

	if (!i)
		return 0;
	q.addr.iid = iid;	/* every entry's prefix carries its instance */
	if (!host)
		return map_cache_clear_within(i->mc, &q);
	if (!(e = map_cache_lookup(i->mc, &q.addr)) || e->source != LISP_MC_MAP_REPLY)
		return 0;
	q = e->prefix;
	return map_cache_remove(i->mc, &q) == 0 ? 1 : 0;
}

/* iid UINT32_MAX (no instance has it): every instance. */
size_t lisp_map_cache_count_inst(const struct lisp *l, uint32_t iid, uint16_t afi,
				 size_t *negative)
{
	const struct lisp_inst *i;
	size_t n = 0, neg = 0, k;

	for (i = iid == UINT32_MAX ? l->insts : lisp_inst_of(l, iid); i;
	     i = iid == UINT32_MAX ? i->next : NULL) {
		n += map_cache_count_afi(i->mc, afi, &k);
		neg += k;
	}
	if (negative)
		*negative = neg;
	return n;
}

/* ---------------------------------------------------------------- show ip cef */

/* The LISP half of a cef row: fe is the route shown (NULL: none), e the
 * map-cache entry that decides (NULL: a miss). */
static void cef_fill(struct lisp *l, struct lisp_inst *inst, unsigned vrf,
		     const struct addr *a, const struct fib_entry *fe, struct mc_entry *e,
		     struct lisp_cef_info *out)
{
	struct petr *pv;
	uint32_t hash;
	unsigned np;
	int i;

	if (fe) {
		out->route_found = true;
		out->route = *fe;
		if (a->afi == AFI_IPV6 && !ip6_is_unspec(fe->gw6))
			addr_set_v6(&out->nexthop, fe->gw6);
		else if (a->afi != AFI_IPV6 && fe->gw)
			addr_set_v4(&out->nexthop, fe->gw);
		out->prefix = fe->prefix;
	}
	out->action = FIB_LISP_NONE;
	if (e && (mc_decides(fe, e) || prefix_eq(&e->prefix, &fe->prefix))) {
		out->mc_found = true;
		mc_info(l, e, &out->mc);
		if (!fe || e->prefix.len > fe->prefix.len)
			out->prefix = e->prefix;
	}
	if (!lisp_is_itr(l) || !mc_decides(fe, e) ||
	    (inst->db_n && lpm_lookup(inst->db, a, NULL)) || (!e && (l->roles & LISP_ROLE_PITR)))
		return;
	out->eligible = true;
	out->route.flags |= FIB_F_LISP_ELIGIBLE;
	/* The locator a flow would take; the address alone picks it. */
	hash = mix32(a->u.v4);
	for (i = 4; i < (int)addr_bytes(a->afi); i += 4) {
		uint32_t w;

		memcpy(&w, a->u.b + i, 4);
		hash = mix32(hash ^ w);
	}
	if (!e) {
		out->action = FIB_LISP_SIGNAL;
	} else if (!e->negative) {
		i = choose_locator(l, e->locs, e->n, hash);
		out->action = i < 0 ? FIB_LISP_DROP : FIB_LISP_ENCAP;
		memset(&out->nexthop, 0, sizeof(out->nexthop));
		if (i >= 0)
			out->nexthop = e->locs[i].addr;
	} else if (e->action == LISP_ACT_SEND_MAP_REQ) {
		out->action = FIB_LISP_SIGNAL;
	} else if (e->action == LISP_ACT_NATIVE_FWD || e->action == LISP_ACT_NO_ACTION) {
		if ((l->roles & LISP_ROLE_PITR) && pitr_space(l, a)) {
			out->action = FIB_LISP_DROP;
		} else if ((pv = lisp_petrs(l, inst, a->afi, &np)) && np && !native_route(l, vrf, a) &&
			   (i = choose_petr(l, pv, np, a->afi, hash)) >= 0) {
			out->action = FIB_LISP_NATIVE_PETR;
			out->nexthop = pv[i].loc.addr;
		} else {
			out->action = FIB_LISP_NATIVE;
		}
	} else {
		out->action = FIB_LISP_DROP;
	}
	out->route.lisp_action = out->action;
}

int lisp_cef_lookup(struct lisp *l, const struct addr *a, struct lisp_cef_info *out)
{
	struct lisp_inst *inst = lisp_inst_of(l, a->iid);
	int vrf;

	memset(out, 0, sizeof(*out));
	if ((!addr_is_v4(a) && !addr_is_v6(a)) || !inst)
		return -1;
	/* An instance without its VRF has no FIB to compare with. */
	vrf = lisp_inst_vrf_id(l, inst);
	prefix_make(&out->prefix, a, addr_bits(a->afi));
	cef_fill(l, inst, vrf < 0 ? VRF_DEFAULT : (unsigned)vrf, a,
		 vrf < 0 ? NULL : route_for(l, (unsigned)vrf, a), map_cache_lookup(inst->mc, a), out);
	return 0;
}

int lisp_cef_lookup_vrf(struct lisp *l, unsigned vrf, const struct addr *a,
			struct lisp_cef_info *out)
{
	struct lisp_inst *inst = lisp_inst_vrf(l, vrf);
	struct fib_entry *fe;
	struct addr b = *a;

	if (inst) {
		b.iid = inst->iid;
		return lisp_cef_lookup(l, &b, out);
	}
	/* No instance: the VRF's route alone. */
	memset(out, 0, sizeof(*out));
	if (!addr_is_v4(a) && !addr_is_v6(a))
		return -1;
	prefix_make(&out->prefix, a, addr_bits(a->afi));
	if ((fe = route_for(l, vrf, a))) {
		out->route_found = true;
		out->route = *fe;
		out->prefix = fe->prefix;
		if (a->afi == AFI_IPV6 && !ip6_is_unspec(fe->gw6))
			addr_set_v6(&out->nexthop, fe->gw6);
		else if (a->afi != AFI_IPV6 && fe->gw)
			addr_set_v4(&out->nexthop, fe->gw);
	}
	return 0;
}

/*
 * The rows come from two ordered walks merged: the VRF's routes and the
 * instance's map-cache entries of the family, each taken CEF_CHUNK at a
 * time after the last row given (lpm order is prefix_cmp()'s), so that a
 * caller can stop after a slice and resume after its last row with the
 * router lock let go in between.  A row's deciding map-cache entry is the
 * longest one covering all of it (not one more specific at its first
 * address: that one is a row of its own).
 */
#define CEF_CHUNK	256

struct cef_chunk {
	struct prefix p[CEF_CHUNK];
	const void *v[CEF_CHUNK];	/* the fib_entry or the mc_entry */
	size_t n;
};

static int cef_chunk_fib(const struct fib_entry *e, void *arg)
{
	struct cef_chunk *c = arg;

	c->p[c->n] = e->prefix;
	c->v[c->n++] = e;
	return c->n == CEF_CHUNK;
}

static int cef_chunk_mc(struct mc_entry *e, void *arg)
{
	struct cef_chunk *c = arg;

	c->p[c->n] = e->prefix;
	c->v[c->n++] = e;
	return c->n == CEF_CHUNK;
}

/* Prefix order, the instance ID aside (the FIB's prefixes have none). */
static int cef_key_cmp(const struct prefix *a, const struct prefix *b)
{
	struct prefix x = *a, y = *b;

	x.addr.iid = y.addr.iid = 0;
	return prefix_cmp(&x, &y);
}

/* The row for prefix p: fe its route, exact its map-cache entry (either
 * may be NULL). */
static void cef_row(struct lisp *l, struct lisp_inst *inst, unsigned vrf, const struct prefix *p,
		    const struct fib_entry *fe, struct mc_entry *exact, struct lisp_cef_info *info)
{
	struct mc_entry *e = exact;

	memset(info, 0, sizeof(*info));
	if (inst && !e && lisp_is_itr(l))
		e = map_cache_covering(inst->mc, p);
	if (inst) {
		cef_fill(l, inst, vrf, &p->addr, fe, e, info);
	} else if (fe) {
		info->route_found = true;
		info->route = *fe;
	}
	info->prefix = *p;
	info->prefix.addr.iid = inst ? inst->iid : 0;
	if (!exact) {
		info->mc_found = false;
		memset(&info->mc, 0, sizeof(info->mc));
	}
}

int lisp_cef_foreach_vrf_after(struct lisp *l, unsigned vrf, uint16_t afi,
			       const struct prefix *after,
			       int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg)
{
	struct lisp_inst *inst = lisp_inst_vrf(l, vrf);
	bool mc = lisp_is_itr(l) && inst;
	struct cef_chunk chunks[2], *fc = &chunks[0], *mcc = &chunks[1];
	struct lisp_cef_info info;
	struct prefix cur, key;
	const struct prefix *from = after;
	size_t i, j;
	int rc = 0, c;

	for (;;) {
		const struct prefix *bound = NULL;

		fc->n = mcc->n = 0;
		fib_route_foreach_vrf_after(l->r, vrf, afi, from, cef_chunk_fib, fc);
		if (mc)
			map_cache_walk_afi_after(inst->mc, afi, from, cef_chunk_mc, mcc);
		/* Rows past the last of a full chunk wait for the next round. */
		if (fc->n == CEF_CHUNK)
			bound = &fc->p[CEF_CHUNK - 1];
		if (mcc->n == CEF_CHUNK && (!bound || cef_key_cmp(&mcc->p[CEF_CHUNK - 1], bound) < 0))
			bound = &mcc->p[CEF_CHUNK - 1];
		for (i = j = 0; i < fc->n || j < mcc->n;) {
			const struct fib_entry *fe = NULL;
			struct mc_entry *me = NULL;

			c = i == fc->n ? 1 : j == mcc->n ? -1 : cef_key_cmp(&fc->p[i], &mcc->p[j]);
			key = c <= 0 ? fc->p[i] : mcc->p[j];
			if (bound && cef_key_cmp(&key, bound) > 0)
				break;
			if (c <= 0)
				fe = fc->v[i++];
			if (c >= 0)
				me = (struct mc_entry *)mcc->v[j++];
			key.addr.iid = inst ? inst->iid : 0;
			cef_row(l, inst, vrf, &key, fe, me, &info);
			cur = key;
			from = &cur;
			if ((rc = fn(&info, arg)) != 0)
				return rc;
		}
		if (!bound)
			return 0;
	}
}

int lisp_cef_exact_vrf(struct lisp *l, unsigned vrf, const struct prefix *p,
		       struct lisp_cef_info *out)
{
	struct lisp_inst *inst = lisp_inst_vrf(l, vrf);
	const struct fib_entry *fe = fib_route_exact_vrf(l->r, vrf, p);
	struct mc_entry *me = NULL;
	struct prefix key = *p;

	key.addr.iid = inst ? inst->iid : 0;
	if (lisp_is_itr(l) && inst)
		me = map_cache_exact(inst->mc, &key);
	if (!fe && !me)
		return -1;
	cef_row(l, inst, vrf, &key, fe, me, out);
	return 0;
}

int lisp_cef_foreach_vrf(struct lisp *l, unsigned vrf, uint16_t afi,
			 int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg)
{
	return lisp_cef_foreach_vrf_after(l, vrf, afi, NULL, fn, arg);
}

int lisp_cef_foreach(struct lisp *l, int (*fn)(const struct lisp_cef_info *c, void *arg),
		     void *arg)
{
	return lisp_cef_foreach_afi(l, AFI_IPV4, fn, arg);
}

int lisp_cef_foreach_afi(struct lisp *l, uint16_t afi,
			 int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg)
{
	return lisp_cef_foreach_vrf(l, VRF_DEFAULT, afi, fn, arg);
}

/* ---------------------------------------------------------------- RLOC probing */

/* The two bits of a probe nonce in the filter (the nonces are random). */
static void probe_nonce_bits(uint64_t nonce, unsigned *a, unsigned *b)
{
	*a = (unsigned)(nonce % LISP_PROBE_FILTER_BITS);
	*b = (unsigned)((nonce >> 32) % LISP_PROBE_FILTER_BITS);
}

static void probe_nonce_add(struct lisp *l, uint64_t nonce)
{
	uint64_t *f = l->probe_nonces[l->probe_nonces_cur];
	unsigned a, b;

	probe_nonce_bits(nonce, &a, &b);
	f[a / 64] |= 1ull << (a % 64);
	f[b / 64] |= 1ull << (b % 64);
}

static bool probe_nonce_maybe(const struct lisp *l, uint64_t nonce)
{
	unsigned a, b, g;

	probe_nonce_bits(nonce, &a, &b);
	for (g = 0; g < 2; g++) {
		const uint64_t *f = l->probe_nonces[g];

		if (f[a / 64] >> (a % 64) & 1 && f[b / 64] >> (b % 64) & 1)
			return true;
	}
	return false;
}

static void probe_send(struct lisp *l, struct mc_loc *c, const struct prefix *eid)
{
	struct lisp_stats *st;
	struct lisp_map_request req;
	struct lisp_eid rec;
	struct addr src;
	uint8_t msg[128];
	ssize_t n;

	if (c->probe_sent && ++c->misses >= LISP_PROBE_MISSES && !c->probe_down) {
		char ab[ADDR_STRLEN], pb[PREFIX_STRLEN];

		c->probe_down = true;
		l->st.locator_down_events++;
		if ((st = lisp_inst_st(l, eid->addr.iid)))
			st->locator_down_events++;
		log_event_rl(&l->st.locator_down_events, "LISP", LOG_WARNING, "LOCATOR_DOWN",
			     "Locator %s for EID-prefix %s went down: %u RLOC-probes unanswered",
			     addr_fmt(&c->addr, ab, sizeof(ab)), prefix_fmt(eid, pb, sizeof(pb)), c->misses);
	}
	if (!lisp_rloc_routable(l, &c->addr))
		return;
	if (!outer_source(l, lisp_rloc_route(l, &c->addr), &c->addr, &src))
		return;
	memset(&req, 0, sizeof(req));
	memset(&rec, 0, sizeof(rec));
	req.probe = true;
	req.nonce = lisp_rand64(l);
	req.itr_rloc_count = 1;
	req.itr_rlocs[0].addr = src;
	req.record_count = 1;
	rec.eid.addr = eid->addr;
	rec.eid.has_iid = eid->addr.iid != 0;
	rec.mask_len = eid->len;
	req.records = &rec;
	n = lisp_map_request_encode(&req, msg, sizeof(msg));
	if (n < 0 || lisp_send_udp(l, &src, LISP_CONTROL_PORT, &c->addr, LISP_CONTROL_PORT,
				   msg, (size_t)n) == -1)
		return;
	c->probe_nonce = req.nonce;
	c->probe_sent = lisp_now(l);
	probe_nonce_add(l, req.nonce);
	l->st.probe_out++;
	l->st.mreq_out++;
	if ((st = lisp_inst_st(l, eid->addr.iid))) {
		st->probe_out++;
		st->mreq_out++;
	}
}

static int probe_entry_fn(struct mc_entry *e, void *arg)
{
	struct lisp *l = arg;
	unsigned i;

	uint64_t window = 2 * LISP_PROBE_INTERVAL_S * NS_PER_SEC;

	/* Only locators in use: a cache of 100,000 idle entries would
	 * otherwise be probed in one burst.  An idle one forgets its
	 * outstanding probe, so coming back costs it no miss. */
	for (i = 0; i < e->n; i++) {
		if (!e->last_used || lisp_now(l) - e->last_used > window) {
			e->locs[i].probe_sent = 0;
			continue;
		}
		probe_send(l, &e->locs[i], &e->prefix);
	}
	return 0;
}

void lisp_probe_timer(void *arg)
{
	struct lisp *l = arg;
	struct prefix any;
	uint64_t period = LISP_PROBE_INTERVAL_S * NS_PER_SEC;
	unsigned i;

	if (!l->probing)
		return;
	/* A nonce is good until the next probe of its locator, a period
	 * from now at the earliest: the filter keeps it for one to two. */
	l->probe_nonces_cur ^= 1;
	memset(l->probe_nonces[l->probe_nonces_cur], 0, sizeof(l->probe_nonces[0]));
	if (lisp_is_itr(l)) {
		struct lisp_inst *in;

		for (in = l->insts; in; in = in->next)
			map_cache_walk(in->mc, probe_entry_fn, l);
		memset(&any, 0, sizeof(any));
		any.addr.afi = AFI_IPV4;
		for (i = 0; i < l->n_petrs; i++)
			probe_send(l, &l->petrs[i].loc, &any);
		for (in = l->insts; in; in = in->next)
			for (i = 0; i < in->n_petrs; i++) {
				any.addr.iid = in->iid;
				probe_send(l, &in->petrs[i].loc, &any);
			}
	}
	ev_timer_arm(l->probe_timer, period - period / 10 + lisp_rand_fast(l) % (period / 5));
}

static struct mc_loc *probe_match(struct mc_loc *c, const struct addr *from, uint64_t nonce)
{
	return c->probe_sent && c->probe_nonce == nonce && addr_eq(&c->addr, from) ? c : NULL;
}

struct probe_find {
	const struct addr *from;
	uint64_t nonce;
	struct mc_loc *found;
};

static int probe_find_fn(struct mc_entry *e, void *arg)
{
	struct probe_find *f = arg;
	unsigned i;

	for (i = 0; i < e->n && !f->found; i++)
		f->found = probe_match(&e->locs[i], f->from, f->nonce);
	return f->found != NULL;
}

void lisp_probe_reply(struct lisp *l, const struct addr *from, const struct lisp_map_reply *rep)
{
	struct lisp_stats *st;
	struct probe_find f = { from, rep->nonce, NULL };
	struct addr a = *from;
	unsigned i;

	a.iid = 0;
	f.from = &a;
	if (!probe_nonce_maybe(l, rep->nonce)) {	/* not one of ours: no search */
		lisp_drop(l, LISP_DROP_PROBE_UNSOLICITED);
		return;
	}
	for (i = 0; i < l->n_petrs && !f.found; i++)
		f.found = probe_match(&l->petrs[i].loc, &a, rep->nonce);
	for (struct lisp_inst *in = l->insts; in && !f.found; in = in->next)
		for (i = 0; i < in->n_petrs && !f.found; i++)
			f.found = probe_match(&in->petrs[i].loc, &a, rep->nonce);
	for (struct lisp_inst *in = l->insts; in && !f.found; in = in->next)
		map_cache_walk(in->mc, probe_find_fn, &f);
	if (!f.found) {
		lisp_drop(l, LISP_DROP_PROBE_UNSOLICITED);
		return;
	}
	l->st.probe_reply_in++;
	if (rep->record_count && (st = lisp_inst_st(l, lisp_record_iid(&rep->records[0]))))
		st->probe_reply_in++;
	f.found->rtt_ns = lisp_now(l) - f.found->probe_sent;
	f.found->last_reply = lisp_now(l);
	f.found->probe_sent = 0;
	f.found->misses = 0;
	if (f.found->probe_down) {
		char ab[ADDR_STRLEN];

		f.found->probe_down = false;
		f.found->uptime = lisp_now(l);
		log_event_rl(&l->st.probe_reply_in, "LISP", LOG_NOTICE, "LOCATOR_UP",
			     "Locator %s is up: RLOC-probe answered", addr_fmt(&a, ab, sizeof(ab)));
	}
}

static int probe_reset_fn(struct mc_entry *e, void *arg)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < e->n; i++) {
		e->locs[i].probe_down = false;
		e->locs[i].probe_sent = 0;
		e->locs[i].misses = 0;
	}
	return 0;
}

void lisp_probe_reset(struct lisp *l)
{
	struct lisp_inst *in;
	unsigned i;

	for (in = l->insts; in; in = in->next)
		map_cache_walk(in->mc, probe_reset_fn, NULL);
	for (i = 0; i < l->n_petrs; i++) {
		l->petrs[i].loc.probe_down = false;
		l->petrs[i].loc.probe_sent = 0;
		l->petrs[i].loc.misses = 0;
	}
	for (in = l->insts; in; in = in->next)
		for (i = 0; i < in->n_petrs; i++) {
			in->petrs[i].loc.probe_down = false;
			in->petrs[i].loc.probe_sent = 0;
			in->petrs[i].loc.misses = 0;
		}
}

/* ---------------------------------------------------------------- SMR */

void lisp_itr_smr(struct lisp *l, const struct lisp_map_request *req)
{
	struct addr eid = req->records[0].eid.addr;
	struct lisp_inst *in;
	struct mc_entry *e;
	struct prefix q;

	if (!req->records[0].eid.has_iid)
		eid.iid = 0;
	if ((eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6) || !(in = lisp_inst_of(l, eid.iid)) ||
	    !(e = map_cache_lookup(in->mc, &eid)) || e->source != LISP_MC_MAP_REPLY) {
		lisp_drop(l, LISP_DROP_SMR_NO_ENTRY);
		return;
	}
	prefix_make(&q, &eid, addr_bits(eid.afi));
	q.addr.iid = eid.iid;
	/* smr_invoked_out counts the ones sent (mreq_send()). */
	lisp_mreq_start(l, &q, NULL, NULL, NULL, true);
}

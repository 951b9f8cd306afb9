/*
 * DOC: IPv4 input, forwarding and router-originated output
 */
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>

#include "buf.h"
#include "ether.h"
#include "icmp.h"
#include "ipv4.h"
#include "log.h"
#include "router_int.h"

/* 'debug ip packet', IOS form: "IP: s=A (IF), d=B (IF), g=C, len N, what". */
/* 'debug ip packet' (and its filter, acl.h): one line, two with detail. */
static void debug_pkt(struct router *r, const struct iface *in, const uint8_t *ip, size_t len,
		      const struct fib_entry *e, const char *what)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN + 8], o[IFACE_NAMELEN + 8], x[160];

	if (!acl_debug_shows(r, false, ip, len))
		return;

	inet_ntop(AF_INET, ip + 12, s, sizeof(s));
	inet_ntop(AF_INET, ip + 16, d, sizeof(d));
	o[0] = g[0] = '\0';
	if (e && e->oif && e->type != FIB_LOCAL)
		snprintf(o, sizeof(o), " (%s)", e->oif->name);
	if (e && e->gw) {
		memcpy(g, ", g=", 5);
		inet_ntop(AF_INET, &e->gw, g + 4, sizeof(g) - 4);
	}
	log_msg(LOG_DEBUG, "IP: s=%s (%s), d=%s%s%s, len %zu, %s", s, in ? in->name : "local", d, o, g, len, what);
	acl_debug_detail(r, false, ip, len, x, sizeof(x));
	if (x[0])
		log_msg(LOG_DEBUG, "%s", x);
}

/* Has Null0 'no ip unreachables' (v6: 'no ipv6 unreachables'), so that
 * what is routed to it is dropped without a word, as IOS? */
bool null_quiet(struct router *r, bool v6)
{
	struct iface *n = iface_find(r, "Null0");

	return n && n->no_unreach[v6];
}

/* Do the options of the header (hlen bytes) hold a loose or strict
 * source route (RFC 791: types 131, 137)?  A malformed list ends the
 * search. */
static bool source_routed(const uint8_t *ip, unsigned hlen)
{
	for (unsigned i = 20; i < hlen;) {
		uint8_t type = ip[i];

		if (type == 0)		/* end of the list */
			return false;
		if (type == 1) {	/* no operation */
			i++;
			continue;
		}
		if (type == 131 || type == 137)
			return true;
		if (i + 1 >= hlen || ip[i + 1] < 2)
			return false;
		i += ip[i + 1];
	}
	return false;
}

uint16_t ipv4_cksum(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t sum = 0;
	uint16_t w;

	/* RFC 1071: the one's complement sum is the same in either byte
	 * order, so add native words and the result is stored as it is. */
	while (len > 1) {
		memcpy(&w, p, 2);
		sum += w;
		p += 2;
		len -= 2;
	}
	if (len) {
		w = 0;
		memcpy(&w, p, 1);
		sum += w;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static inline uint32_t first_octet(uint32_t a)
{
	return ntohl(a) >> 24;
}

bool ipv4_martian_src(uint32_t a)
{
	uint32_t o = first_octet(a);

	return o == 0 || o == 127 || o >= 224;
}

static bool martian_dst(uint32_t a)
{
	uint32_t o = first_octet(a);

	return o == 0 || o == 127 || (o >= 240 && a != INADDR_BROADCAST);
}

/* Is dst the broadcast address of a connected subnet of the current VRF
 * (or all ones)? */
static bool is_bcast(const struct router *r, uint32_t dst)
{
	const struct iface *ifp;
	uint8_t last = ((const uint8_t *)&dst)[3];

	if (dst == INADDR_BROADCAST)
		return true;
	/* Most addresses: one load, not a walk over every interface. */
	if (!(r->bcast_last[last >> 5] & 1u << (last & 31)))
		return false;
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->vrf == r->cur_vrf && ifp->has_addr && ifp->plen < 31 && dst == ifp->bcast)
			return true;
	return false;
}

static void local_input(struct router *r, struct iface *ifp, const uint8_t *ip,
			size_t len, unsigned hlen, uint16_t frag, uint8_t proto)
{
	r->st.ip_local++;
	if (frag & (IP_MF | IP_OFFMASK)) {
		if (r->frag_hook)
			r->frag_hook(r->frag_hook_arg, ip, len);
		rt_drop(r, ifp, RT_DROP_FRAG_LOCAL);
		return;
	}
	if (proto == IPPROTO_ICMP_) {
		icmp_input(r, ifp, ip, len);
		return;
	}
	/* The handlers (LISP) serve the underlay: the default VRF only. */
	if (r->cur_vrf == VRF_DEFAULT && r->proto[proto].fn &&
	    r->proto[proto].fn(r->proto[proto].arg, ifp, ip, len) == 0)
		return;
	rt_drop(r, ifp, RT_DROP_NO_PROTO);
	icmp_error(r, ifp, ip, len, ICMP_UNREACH,
		   proto == IPPROTO_UDP || proto == IPPROTO_TCP ?
		   ICMP_UNREACH_PORT : ICMP_UNREACH_PROTO, 0);
}

/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for the TTL/protocol word. */
static inline void ttl_decrement(uint8_t *ip)
{
	uint32_t m = (uint32_t)ip[8] << 8 | ip[9];
	uint32_t hc = (uint32_t)ip[10] << 8 | ip[11];
	uint32_t sum;

	ip[8]--;
	sum = (~hc & 0xffff) + (~m & 0xffff) + (m - 0x100);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	ip[10] = (uint8_t)(sum >> 8);
	ip[11] = (uint8_t)sum;
}

int ipv4_frag_init(struct ipv4_frag *f, const uint8_t *ip, size_t len, unsigned mtu,
		   bool dec_ttl)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u, i = 0;
	const uint8_t *o = ip + 20;

	if (mtu < hlen + 8)
		return -1;
	f->ip = ip;
	f->hlen = hlen;
	f->plen = len - hlen;
	f->off = 0;
	f->mtu = mtu;
	f->dec_ttl = dec_ttl;
	f->frag = (uint16_t)(ip[6] << 8 | ip[7]);
	f->olen = 0;
	/* Only options with the copy bit go into the later fragments. */
	while (i < hlen - 20u && o[i] != 0) {
		if (o[i] == 1) {
			i++;
			continue;
		}
		if (i + 1 >= hlen - 20u || o[i + 1] < 2 || i + o[i + 1] > hlen - 20u)
			break;
		if (o[i] & 0x80) {
			memcpy(f->opts + f->olen, o + i, o[i + 1]);
			f->olen += o[i + 1];
		}
		i += o[i + 1];
	}
	while (f->olen & 3)
		f->opts[f->olen++] = 0;
	return 0;
}

size_t ipv4_frag_next(struct ipv4_frag *f, uint8_t *h)
{
	const uint8_t *ip = f->ip;
	unsigned fhlen;
	size_t chunk, maxchunk;
	uint16_t fo, sum;

	if (f->off >= f->plen)
		return 0;
	fhlen = f->off == 0 ? f->hlen : 20 + f->olen;
	maxchunk = (f->mtu - fhlen) & ~7u;
	chunk = f->plen - f->off > maxchunk ? maxchunk : f->plen - f->off;
	memcpy(h, ip, 20);
	if (f->off == 0)
		memcpy(h + 20, ip + 20, f->hlen - 20);
	else
		memcpy(h + 20, f->opts, f->olen);
	h[0] = (uint8_t)(0x40 | fhlen / 4);
	h[2] = (uint8_t)((fhlen + chunk) >> 8);
	h[3] = (uint8_t)(fhlen + chunk);
	fo = (uint16_t)((f->frag & IP_OFFMASK) + f->off / 8);
	if (f->off + chunk < f->plen || (f->frag & IP_MF))
		fo |= IP_MF;
	h[6] = (uint8_t)(fo >> 8);
	h[7] = (uint8_t)fo;
	if (f->dec_ttl)
		h[8]--;
	h[10] = h[11] = 0;
	sum = ipv4_cksum(h, fhlen);
	memcpy(h + 10, &sum, 2);
	memcpy(h + fhlen, ip + f->hlen + f->off, chunk);
	f->off += chunk;
	return fhlen + chunk;
}

/* Fragment for an egress MTU smaller than the packet, one fragment at a
 * time in r->buf; 'forwarding' decrements the TTL. */
static void fragment(struct router *r, struct iface *oif, uint32_t nh,
		     const uint8_t *ip, size_t len, bool forwarding)
{
	struct ipv4_frag f;
	size_t flen;

	if (ipv4_frag_init(&f, ip, len, oif->mtu, forwarding) == -1) {
		rt_drop(r, NULL, RT_DROP_TOO_BIG);
		return;
	}
	r->st.ip_fragmented++;
	while ((flen = ipv4_frag_next(&f, r->buf + ETHER_HDRLEN)) != 0) {
		r->st.ip_frags_created++;
		arp_resolve(r, oif, nh, r->buf, ETHER_HDRLEN + flen);
	}
}

/* Input routed in VRF vrf; hook: the forwarding hook may see it. */
/* A packet an access list denied: dropped, counted, answered as IOS does
 * (unreachable, administratively prohibited). */
static void acl_denied(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len)
{
	rt_drop(r, ifp, RT_DROP_ACL);
	icmp_error(r, ifp, ip, len, ICMP_UNREACH, ICMP_UNREACH_ADMIN, 0);
}

/* wire: the packet came in on ifp from its link ('ip access-group in'
 * applies), not out of a LISP tunnel. */
static void input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		  bool l2_bcast, bool hook, bool wire)
{
	struct rbuf rb;
	uint8_t vhl, tos, ttl, proto;
	uint16_t totlen, id, frag, sum;
	uint32_t src, dst;
	unsigned hlen;
	struct fib_entry *e;
	uint8_t *f;

	r->st.ip_rx++;
	rbuf_init(&rb, ip, len);
	if (rbuf_get_u8(&rb, &vhl) == -1 || rbuf_get_u8(&rb, &tos) == -1 ||
	    rbuf_get_u16(&rb, &totlen) == -1 || rbuf_get_u16(&rb, &id) == -1 ||
	    rbuf_get_u16(&rb, &frag) == -1 || rbuf_get_u8(&rb, &ttl) == -1 ||
	    rbuf_get_u8(&rb, &proto) == -1 || rbuf_get_u16(&rb, &sum) == -1 ||
	    rbuf_get(&rb, &src, 4) == -1 || rbuf_get(&rb, &dst, 4) == -1) {
		rt_drop(r, ifp, RT_DROP_IP_TRUNCATED);
		return;
	}
	if (vhl >> 4 != 4) {
		rt_drop(r, ifp, RT_DROP_IP_VERSION);
		return;
	}
	hlen = (vhl & 0x0f) * 4u;
	if (hlen < 20 || hlen > len) {
		rt_drop(r, ifp, RT_DROP_IP_HDRLEN);
		return;
	}
	if (ipv4_cksum(ip, hlen) != 0) {
		rt_drop(r, ifp, RT_DROP_IP_CHECKSUM);
		return;
	}
	if (totlen < hlen || totlen > len) {
		rt_drop(r, ifp, RT_DROP_IP_LENGTH);
		return;
	}
	len = totlen;			/* drop Ethernet padding */
	if (hlen > 20) {
		r->st.ip_options++;
		if (r->ip_options == ROUTER_OPTIONS_DROP) {
			rt_drop(r, ifp, RT_DROP_OPTIONS);
			return;
		}
		if (r->no_source_route && r->ip_options != ROUTER_OPTIONS_IGNORE && source_routed(ip, hlen)) {
			rt_drop(r, ifp, RT_DROP_SOURCE_ROUTE);
			return;
		}
	}
	if (frag & (IP_MF | IP_OFFMASK))
		r->st.ip_fragments++;
	if (ipv4_martian_src(src) || is_bcast(r, src)) {
		rt_drop(r, ifp, RT_DROP_MARTIAN_SRC);
		return;
	}
	if (martian_dst(dst)) {
		rt_drop(r, ifp, RT_DROP_MARTIAN_DST);
		return;
	}
	if (first_octet(dst) >= 224 && first_octet(dst) < 240) {
		rt_drop(r, ifp, RT_DROP_MULTICAST);
		return;
	}
	if (wire && ifp && ifp->acl[0] && !acl_iface_permits(r, ifp, false, ifp, ip, len)) {
		acl_denied(r, ifp, ip, len);
		return;
	}
	if (wire && ifp && ifp->urpf[0] && !iface_urpf_ok(ifp, false, fib_lookup_vrf(r, r->cur_vrf, src)) &&
	    !acl_urpf_excepted(r, ifp, false, ip, len)) {
		rt_drop(r, ifp, RT_DROP_URPF);
		return;
	}
	e = fib_lookup_vrf(r, r->cur_vrf, dst);
	if (e && e->type == FIB_LOCAL) {
		if (debug_on(DEBUG_IP_PACKET))
			debug_pkt(r, ifp, ip, len, e, "rcvd 3");
		local_input(r, ifp, ip, len, hlen, frag, proto);
		return;
	}
	/* No directed broadcasts, and nothing that came as a link-layer
	 * broadcast is forwarded (RFC 1812 5.3.4). */
	if (l2_bcast || is_bcast(r, dst)) {
		rt_drop(r, ifp, RT_DROP_BROADCAST);
		return;
	}
	if (ttl <= 1) {
		rt_drop(r, ifp, RT_DROP_TTL_EXPIRED);
		icmp_error(r, ifp, ip, len, ICMP_TIME_EXCEEDED, 0, 0);
		return;
	}
	if (hook && rt_fwd_hook(r, false, ifp, ip, len) == 0)
		return;
	if (!e || !e->oif) {
		if (debug_on(DEBUG_IP_PACKET))
			debug_pkt(r, ifp, ip, len, NULL, "unroutable");
		rt_drop(r, ifp, RT_DROP_NO_ROUTE);
		if (e && null_quiet(r, false))
			r->st.icmp_suppressed++;	/* routed to Null0, 'no ip unreachables' there */
		else
			icmp_error(r, ifp, ip, len, ICMP_UNREACH, e ? ICMP_UNREACH_HOST : ICMP_UNREACH_NET, 0);
		return;
	}
	if (e->oif->acl[1] && !acl_iface_permits(r, e->oif, true, ifp, ip, len)) {
		acl_denied(r, ifp, ip, len);
		return;
	}
	if (debug_on(DEBUG_IP_PACKET))
		debug_pkt(r, ifp, ip, len, e, "forward");
	if (len > e->oif->mtu) {
		if (frag & IP_DF) {
			rt_drop(r, ifp, RT_DROP_TOO_BIG);
			icmp_error(r, ifp, ip, len, ICMP_UNREACH,
				   ICMP_UNREACH_NEEDFRAG, (uint16_t)e->oif->mtu);
			return;
		}
		e->pkts++;
		e->bytes += len;
		r->st.ip_forwarded++;
		fragment(r, e->oif, e->gw ? e->gw : dst, ip, len, true);
		return;
	}
	f = r->buf;
	memcpy(f + ETHER_HDRLEN, ip, len);
	ttl_decrement(f + ETHER_HDRLEN);
	e->pkts++;
	e->bytes += len;
	r->st.ip_forwarded++;
	arp_resolve(r, e->oif, e->gw ? e->gw : dst, f, ETHER_HDRLEN + len);
}

void ipv4_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		bool l2_bcast)
{
	unsigned was = rt_vrf_enter(r, ifp->vrf);

	input(r, ifp, ip, len, l2_bcast, true, true);
	r->cur_vrf = was;
}

void ipv4_input_vrf(struct router *r, struct iface *in, unsigned vrf, const uint8_t *ip,
		    size_t len)
{
	unsigned was;
	bool decap;

	if (!in || !rt_fib(r, vrf)) {
		rt_drop(r, in, RT_DROP_NO_ROUTE);
		return;
	}
	was = rt_vrf_enter(r, vrf);
	decap = r->cur_decap;
	r->cur_decap = true;
	input(r, in, ip, len, false, true, false);
	r->cur_decap = decap;
	r->cur_vrf = was;
}

void ipv4_build_hdr(struct router *r, uint8_t *ip, uint16_t totlen, uint8_t ttl,
		    uint8_t proto, uint32_t src, uint32_t dst, bool df)
{
	uint16_t id = r->ip_id++;

	ip[0] = 0x45;
	ip[1] = 0;
	ip[2] = (uint8_t)(totlen >> 8);
	ip[3] = (uint8_t)totlen;
	ip[4] = (uint8_t)(id >> 8);
	ip[5] = (uint8_t)id;
	ip[6] = df ? IP_DF >> 8 : 0;
	ip[7] = 0;
	ip[8] = ttl;
	ip[9] = proto;
	ip[10] = ip[11] = 0;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
}

uint32_t ipv4_source_for(struct router *r, uint32_t dst)
{
	struct fib_entry *e = fib_lookup_vrf(r, r->cur_vrf, dst);

	if (!e || !e->oif || !e->oif->has_addr)
		return 0;
	return e->type == FIB_LOCAL ? dst : e->oif->addr;
}

int ipv4_output(struct router *r, uint8_t *f, size_t iplen)
{
	uint8_t *ip = f + ETHER_HDRLEN;
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	uint16_t sum;
	uint32_t dst;
	struct fib_entry *e;

	memcpy(&dst, ip + 16, 4);
	ip[10] = ip[11] = 0;
	sum = ipv4_cksum(ip, hlen);
	memcpy(ip + 10, &sum, 2);
	r->st.ip_originated++;
	e = fib_lookup_vrf(r, r->cur_vrf, dst);
	if (e && e->type == FIB_LOCAL) {
		bool was = r->out_owned;

		/* To ourselves: in again as if through the owning interface;
		 * what that input sends is not the sender's. */
		r->out_owned = false;
		local_input(r, e->oif, ip, iplen, hlen, 0, ip[9]);
		r->out_owned = was;
		return 0;
	}
	if (rt_fwd_hook(r, false, NULL, ip, iplen) == 0)
		return 0;
	if (!e || !e->oif) {
		if (debug_on(DEBUG_IP_PACKET))
			debug_pkt(r, NULL, ip, iplen, NULL, "unroutable");
		rt_drop(r, NULL, RT_DROP_NO_ROUTE);
		return -1;
	}
	if (debug_on(DEBUG_IP_PACKET))
		debug_pkt(r, NULL, ip, iplen, e, "sending");
	e->pkts++;
	e->bytes += iplen;
	if (iplen > e->oif->mtu) {
		if (ip[6] & (IP_DF >> 8)) {
			rt_drop(r, NULL, RT_DROP_TOO_BIG);
			return -1;
		}
		fragment(r, e->oif, e->gw ? e->gw : dst, ip, iplen, false);
		return 0;
	}
	arp_resolve(r, e->oif, e->gw ? e->gw : dst, f, ETHER_HDRLEN + iplen);
	return 0;
}

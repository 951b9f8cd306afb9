/*
 * DOC: the LISP engine's context, configuration and UDP demultiplexer
 *
 * lisp_new() plugs the engine into its router: IP protocol 17 to the
 * router's own addresses (4341 data, 4342 control and the ITR's reply
 * port; anything else is refused so the router answers port unreachable)
 * and the forwarding hook (lisp_itr.c).  The setters below are the
 * configuration model the CLI drives; each validates, returns -1 with an
 * IOS-style message, and re-arms whatever depends on it (the ETR's
 * registration timer, the ITR's default map-cache entry).
 *
 * Counted, never silent: the router does not reassemble, so the first
 * fragment of a control message to us is counted here ('fragmented
 * control message', the frag hook); an ECM whose inner UDP checksum
 * (IPv4, when not 0) fails is dropped before it is decoded; a Map-Reply
 * never goes to a broadcast ITR-RLOC, nor to one of our addresses unless
 * the request is our own (lisp_itr_rloc_ok(), lisp_mreq_pending()).
 *
 * Proxies (RFC 6832): the PITR role comes with its address
 * (lisp_set_proxy_itr) and excludes the ITR role, as on IOS, because one
 * map-cache cannot serve both the source-EID rule and its absence.  The
 * use-petr list defaults to priority 1, weight 100 (a database-mapping's
 * usual values; IOS documents none).  The PETR's access list is
 * prefixes of ITR RLOCs or of source EIDs.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/rand.h>

#include "fib.h"
#include "iface.h"
#include "ipv4.h"
#include "lisp_ddt.h"
#include "lisp_int.h"
#include "log.h"
#include "router.h"
#include "router_int.h"

static const char *const drop_names[LISP_DROP__COUNT] = {
#define LISP_DROP_NAME(id, text) text,
	LISP_DROP_REASONS(LISP_DROP_NAME)
#undef LISP_DROP_NAME
};

const char *lisp_drop_name(enum lisp_drop d)
{
	return (unsigned)d < LISP_DROP__COUNT ? drop_names[d] : NULL;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An IPv4 RLOC (not 0, not a martian) or an IPv6 one (lisp_v6_rloc_ok). */
static int check_rloc_addr(const struct addr *a, const char *what, char *err, size_t errlen);

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/*
 * Control-plane nonces (Map-Request, Map-Register, RLOC probe, SMR) are
 * what stands between an off-path forger and the engine: a Map-Reply is
 * believed for its nonce alone.  They come from OpenSSL's CSPRNG, drawn a
 * buffer at a time; a generator whose output reveals its state (the
 * xorshift64* used before: one ECM nonce gave away every later one)
 * would let a forger answer requests it never saw.
 */
static void rand_refill(struct lisp *l)
{
	size_t got = 0;
	ssize_t n;

	if (RAND_bytes(l->rbuf, (int)sizeof(l->rbuf)) == 1) {
		l->rpos = 0;
		return;
	}
	while (got < sizeof(l->rbuf)) {
		n = getrandom(l->rbuf + got, sizeof(l->rbuf) - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof(l->rbuf)) {
		/* Guessable nonces would be worse than stopping. */
		log_msg(LOG_CRIT, "LISP: no source of random numbers for nonces");
		abort();
	}
	l->rpos = 0;
}

uint64_t lisp_rand64(struct lisp *l)
{
	uint64_t v;

	if (l->rpos + sizeof(v) > sizeof(l->rbuf))
		rand_refill(l);
	memcpy(&v, l->rbuf + l->rpos, sizeof(v));
	memset(l->rbuf + l->rpos, 0, sizeof(v));	/* used once */
	l->rpos += sizeof(v);
	return v;
}

uint32_t lisp_rand_fast(struct lisp *l)
{
	/* xorshift64*, seeded from the CSPRNG: the data header's nonce and
	 * timer jitter need spread, not secrecy, and run per packet. */
	l->rng ^= l->rng >> 12;
	l->rng ^= l->rng << 25;
	l->rng ^= l->rng >> 27;
	return (uint32_t)((l->rng * 0x2545F4914F6CDD1Dull) >> 32);
}

uint64_t lisp_now(const struct lisp *l)
{
	return router_now(l->r);
}

bool lisp_is_local_addr(struct lisp *l, const struct addr *a)
{
	struct fib_entry *e;

	if (addr_is_v6(a))
		return iface6_owns(l->r, NULL, a->u.b);
	if (!addr_is_v4(a))
		return false;
	e = fib_lookup(l->r, a->u.v4);
	return e && e->type == FIB_LOCAL && e->prefix.len == 32;
}

bool lisp_v6_rloc_ok(const uint8_t *a)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	return !ip6_is_unspec(a) && !ip6_is_mcast(a) && !ip6_is_loopback(a) &&
	       !ip6_is_linklocal(a) && memcmp(a, mapped, 12) != 0;
}

bool lisp_itr_rloc_ok(struct lisp *l, const struct addr *a)
{
	uint32_t h = ntohl(a->u.v4), mask;
	struct fib_entry *e;

	if (addr_is_v6(a))
		return lisp_v6_rloc_ok(a->u.b) && !lisp_is_local_addr(l, a);
	if (!addr_is_v4(a) || ipv4_martian_src(a->u.v4) || lisp_is_local_addr(l, a))
		return false;
	/* the broadcast address of a connected subnet */
	e = fib_lookup(l->r, a->u.v4);
	if (e && e->type == FIB_CONNECTED && e->prefix.len < 31) {
		mask = e->prefix.len ? ~0u << (32 - e->prefix.len) : 0;
		if ((h & ~mask) == ~mask)
			return false;
	}
	return true;
}

struct fib_entry *lisp_rloc_route(struct lisp *l, const struct addr *a)
{
	if (addr_is_v6(a))
		return fib6_lookup(l->r, a->u.b);
	if (addr_is_v4(a))
		return fib_lookup(l->r, a->u.v4);
	return NULL;
}

bool lisp_rloc_routable(struct lisp *l, const struct addr *a)
{
	struct fib_entry *e = lisp_rloc_route(l, a);

	return e && e->oif && !(e->flags & FIB_F_DISCARD);
}

bool lisp_iface_addr(struct iface *ifp, uint16_t afi, struct addr *out)
{
	unsigned i, len;

	if (afi != AFI_IPV6)
		return iface_addr(ifp, out, &len);
	if (!ifp->v6.running)
		return false;
	for (i = 0; i < IFACE6_ADDR_MAX; i++)
		if (ifp->v6.g[i].used && ifp->v6.g[i].state == IP6A_PREFERRED) {
			addr_set_v6(out, ifp->v6.g[i].a);
			return true;
		}
	return false;
}

bool lisp_loc_resolve(struct lisp *l, const struct lisp_loc_cfg *c, struct addr *out)
{
	struct iface *ifp;

	if (!c->ifname[0]) {
		*out = c->addr;
		return c->addr.afi != AFI_NONE;
	}
	ifp = iface_find(l->r, c->ifname);
	if (!ifp || !lisp_iface_addr(ifp, c->ifafi == AFI_IPV6 ? AFI_IPV6 : AFI_IPV4, out)) {
		memset(out, 0, sizeof(*out));
		return false;
	}
	return true;
}

bool lisp_source_for(struct lisp *l, const struct addr *dst, struct addr *out)
{
	uint8_t s6[16];
	uint32_t s;

	memset(out, 0, sizeof(*out));
	if (addr_is_v6(dst)) {
		if (!ipv6_source_for(l->r, dst->u.b, NULL, s6))
			return false;
		addr_set_v6(out, s6);
		return true;
	}
	if (!addr_is_v4(dst) || !(s = ipv4_source_for(l->r, dst->u.v4)))
		return false;
	addr_set_v4(out, s);
	return true;
}

struct db_entry *lisp_db_match(struct lisp *l, const struct addr *a)
{
	struct lisp_inst *i = lisp_inst_of(l, a->iid);

	return i && i->db_n ? lpm_lookup(i->db, a, NULL) : NULL;
}

struct db_entry *lisp_db_exact(struct lisp *l, const struct prefix *p)
{
	struct lisp_inst *i = lisp_inst_of(l, p->addr.iid);

	return i && i->db_n ? lpm_exact(i->db, p) : NULL;
}

int lisp_db_walk_all(struct lisp *l, lpm_walk_fn fn, void *arg)
{
	struct lisp_inst *i;
	int rc;

	for (i = l->insts; i; i = i->next)
		if (i->db_n && (rc = lpm_walk(i->db, AFI_NONE, fn, arg)) != 0)
			return rc;
	return 0;
}

/* ---------------------------------------------------------------- output */

static uint16_t udp_cksum(const uint8_t *ip, const uint8_t *udp, size_t ulen)
{
	uint32_t sum = 0;
	size_t i;
	uint16_t r;

	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	sum += 17 + (uint32_t)ulen;
	for (i = 0; i + 1 < ulen; i += 2)
		sum += (uint32_t)(udp[i] << 8 | udp[i + 1]);
	if (ulen & 1)
		sum += (uint32_t)udp[ulen - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	r = (uint16_t)~sum;
	return r ? r : 0xffff;
}

size_t lisp_build_ip_udp(struct lisp *l, uint8_t *ip, const struct addr *src,
			 const struct addr *dst, uint16_t sport, uint16_t dport, size_t plen,
			 uint8_t ttl, uint8_t tos, bool df, bool cksum)
{
	size_t hlen = lisp_ip_udp_len(dst) - 8, ulen = plen + 8;
	uint8_t *udp = ip + hlen;
	uint16_t c;

	if (addr_is_v6(dst)) {
		ipv6_build_hdr(ip, (uint16_t)ulen, 17, ttl, src->u.b, dst->u.b);
		ip[0] = (uint8_t)(0x60 | tos >> 4);
		ip[1] = (uint8_t)(tos << 4);
	} else {
		ipv4_build_hdr(l->r, ip, (uint16_t)(20 + ulen), ttl, 17, src->u.v4, dst->u.v4, df);
		ip[1] = tos;
	}
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	if (addr_is_v6(dst)) {
		/* Always over IPv6, data too: never a zero checksum (RFC
		 * 9300 allows one only under RFC 6935/6936's conditions). */
		c = ipv6_l4_cksum(ip, 17, udp, ulen);
		if (c == 0)
			c = 0xffff;
		memcpy(udp + 6, &c, 2);
	} else if (cksum) {
		c = udp_cksum(ip, udp, ulen);
		udp[6] = (uint8_t)(c >> 8);
		udp[7] = (uint8_t)c;
	}
	return hlen + 8;
}

/* ipv4_output() or ipv6_output() by the version of the packet at f + 14. */
static int ip_output(struct lisp *l, uint8_t *f, size_t iplen)
{
	if (f[LISP_HEADROOM] >> 4 == 6)
		return ipv6_output(l->r, NULL, f, iplen);
	return ipv4_output(l->r, f, iplen);
}

int lisp_output(struct lisp *l, uint8_t *f, size_t iplen)
{
	int rc;

	l->sending = true;
	rc = ip_output(l, f, iplen);
	l->sending = false;
	if (rc == -1)
		lisp_drop(l, LISP_DROP_SEND_FAILED);
	return rc;
}

/*
 * A control message the router lost after taking it: its next hop's ARP
 * never resolved (or its queue was full), or the port refused it.  The
 * router counts it too; here it is counted as the control message it was.
 */
/*
 * A fragment for the router, which does not reassemble: the first one of
 * a UDP datagram to a LISP control port is a control message lost
 * (counted once per message; the later fragments carry no port).
 */
/* The UDP header of an IPv6 first fragment (offset 0) of a UDP
 * datagram: its offset after the extension headers, or 0. */
static size_t frag6_udp(const uint8_t *ip, size_t len)
{
	uint8_t nxt = ip[6];
	size_t off = 40;

	while (off + 8 <= len) {
		switch (nxt) {
		case 0:
		case 43:
		case 60:
			nxt = ip[off];
			off += 8 + ip[off + 1] * 8u;
			continue;
		case 44:
			if ((ip[off + 2] << 8 | (ip[off + 3] & 0xf8)) != 0 || ip[off] != 17)
				return 0;
			off += 8;
			return off + 8 <= len ? off : 0;
		default:
			return 0;
		}
	}
	return 0;
}

static void frag_input(void *arg, const uint8_t *ip, size_t len)
{
	struct lisp *l = arg;
	size_t hlen = (ip[0] & 0x0f) * 4u;
	uint16_t dport;

	if (!l->roles)
		return;
	if (ip[0] >> 4 == 6) {
		if (!(hlen = frag6_udp(ip, len)))
			return;
	} else if (ip[9] != 17 || (ip[6] & 0x1f) || ip[7] || len < hlen + 8) {
		return;
	}
	dport = (uint16_t)(ip[hlen + 2] << 8 | ip[hlen + 3]);
	if (dport == LISP_CONTROL_PORT || (dport == l->reply_port && (lisp_is_itr(l) || l->mreqs))) {
		lisp_drop(l, LISP_DROP_CTRL_FRAGMENT);
		log_ratelimited(&l->st.drops[LISP_DROP_CTRL_FRAGMENT], LOG_NOTICE,
				"LISP: fragmented control message dropped (not reassembled)");
	}
}

/* The UDP checksum of an ECM's inner IPv4 datagram verifies (or is 0). */
static bool ecm_udp_ok(const uint8_t *msg, size_t len)
{
	const uint8_t *ip = msg + 4, *udp;
	unsigned hlen;
	size_t ulen, i;
	uint32_t sum = 0;

	if (len < 4 + 20 || (ip[0] >> 4) != 4)
		return true;			/* IPv6 inner: not ours to check */
	hlen = (ip[0] & 0x0f) * 4u;
	if (len < 4 + hlen + 8)
		return false;
	udp = ip + hlen;
	ulen = (size_t)(udp[4] << 8 | udp[5]);
	if ((udp[6] | udp[7]) == 0)
		return true;			/* no checksum (IPv4 allows it) */
	if (ulen < 8 || ulen > len - 4 - hlen)
		return false;
	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	sum += 17 + (uint32_t)ulen;
	for (i = 0; i + 1 < ulen; i += 2)
		sum += (uint32_t)(udp[i] << 8 | udp[i + 1]);
	if (ulen & 1)
		sum += (uint32_t)udp[ulen - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

static void control_lost(void *arg, enum rt_drop why)
{
	struct lisp *l = arg;

	switch (why) {
	case RT_DROP_ARP_UNRESOLVED:
	case RT_DROP_ARP_QUEUE_FULL:
	case RT_DROP_ARP_CACHE_FULL:
		lisp_drop(l, LISP_DROP_CTRL_ARP);
		break;
	case RT_DROP_TX_ERROR:
		lisp_drop(l, LISP_DROP_CTRL_PORT);
		break;
	default:
		lisp_drop(l, LISP_DROP_CTRL_NO_ROUTE);
		break;
	}
	log_debug(DEBUG_LISP_CONTROL, "LISP: control message not sent: %s", rt_drop_name(why));
}

/* Control messages are marked as LISP's (router_set_out_owned()): one
 * lost later comes back to control_lost(). */
static int control_output(struct lisp *l, uint8_t *f, size_t iplen)
{
	bool was = router_set_out_owned(l->r, true);
	int rc;

	l->sending = true;
	rc = ip_output(l, f, iplen);
	l->sending = false;
	router_set_out_owned(l->r, was);
	if (rc == -1) {
		lisp_drop(l, LISP_DROP_CTRL_NO_ROUTE);
		log_debug(DEBUG_LISP_CONTROL, "LISP: control message not sent: no route");
	}
	return rc;
}

int lisp_send_udp(struct lisp *l, const struct addr *src, uint16_t sport,
		  const struct addr *dst, uint16_t dport, const uint8_t *payload, size_t len)
{
	uint8_t *ip = l->obuf + LISP_HEADROOM;
	size_t hl = lisp_ip_udp_len(dst);
	struct addr s;

	if ((!addr_is_v4(dst) && !addr_is_v6(dst)) || len > LISP_BUFSZ - LISP_HEADROOM - hl ||
	    len > 0xffff - hl) {
		lisp_drop(l, LISP_DROP_SEND_FAILED);
		return -1;
	}
	if (src && src->afi == dst->afi)
		s = *src;
	else if (!lisp_source_for(l, dst, &s)) {
		/* Without a route there is no egress interface to take the
		 * source from: say which. */
		lisp_drop(l, lisp_rloc_route(l, dst) ? LISP_DROP_NO_SOURCE : LISP_DROP_CTRL_NO_ROUTE);
		return -1;
	}
	memmove(ip + hl, payload, len);
	lisp_build_ip_udp(l, ip, &s, dst, sport, dport, len, 64, 0, false, true);
	return control_output(l, l->obuf, hl + len);
}

/* ---------------------------------------------------------------- input */

static void control_input(struct lisp *l, const uint8_t *ip, const struct addr *from,
			  const struct addr *to, uint16_t sport, const uint8_t *msg, size_t len)
{
	struct lisp_map_request req;
	struct lisp_ecm ecm;
	enum lisp_err e;
	unsigned type = lisp_msg_type(msg, len);
	bool ecm_in = false;
	struct lisp_inst *ri;
	uint16_t port = sport;
	const uint8_t *rmsg = msg;
	size_t rlen = len;

	/* Anything else (a Map-Register above all) comes after the answers
	 * to the Map-Requests set aside before it (lisp_ms_defer). */
	if (type != LISP_ECM && l->ms_batch)
		lisp_ms_burst_end(l);
	switch (type) {
	case LISP_ECM:
		if (!(l->roles & (LISP_ROLE_ETR | LISP_ROLE_MS | LISP_ROLE_MR)) &&
		    !lisp_ddt_enabled(l)) {
			lisp_drop(l, LISP_DROP_NOT_OURS);
			return;
		}
		if (!ecm_udp_ok(msg, len)) {
			lisp_drop(l, LISP_DROP_ECM_CKSUM);
			return;
		}
		if ((e = lisp_ecm_decode(msg, len, &ecm)) != LISP_OK) {
			l->st.malformed[e]++;
			return;
		}
		if (ecm.inner_dport != LISP_CONTROL_PORT ||
		    lisp_msg_type(ecm.payload, ecm.payload_len) != LISP_MAP_REQUEST) {
			lisp_drop(l, LISP_DROP_ECM_NOT_REQUEST);
			return;
		}
		ecm_in = true;
		port = ecm.inner_sport;
		rmsg = ecm.payload;
		rlen = ecm.payload_len;
		/* FALLTHROUGH */
	case LISP_MAP_REQUEST:
		if ((e = lisp_map_request_decode(rmsg, rlen, &req)) != LISP_OK) {
			l->st.malformed[e]++;
			lisp_map_request_free(&req);
			return;
		}
		l->st.mreq_in++;
		if (ecm_in)
			l->st.mreq_in_ecm++;
		if (req.smr)
			l->st.mreq_in_smr++;
		/* The instance asked about counts it too. */
		if ((ri = lisp_inst_of(l, req.records[0].eid.has_iid ?
					  req.records[0].eid.addr.iid : 0))) {
			ri->st.mreq_in++;
			ri->st.mreq_in_ecm += ecm_in;
			ri->st.mreq_in_smr += req.smr;
			ri->st.mreq_in_probe += req.probe;
		}
		if (req.probe && !ecm_in) {
			l->st.mreq_in_probe++;
			if (l->roles & (LISP_ROLE_ETR | LISP_ROLE_PETR))
				lisp_etr_probe(l, &req, to, port);
			else
				lisp_drop(l, LISP_DROP_PROBE);
		} else if (req.probe) {
			l->st.mreq_in_probe++;
			lisp_drop(l, LISP_DROP_PROBE);
		} else if (req.smr && !ecm_in) {
			if (lisp_is_itr(l))
				lisp_itr_smr(l, &req);
			else
				lisp_drop(l, LISP_DROP_NOT_OURS);
		} else if (ecm_in && ecm.ddt &&
			   lisp_ddt_map_request(l, &req, from, to, sport, port, msg, len)) {
			;
		} else if ((l->roles & LISP_ROLE_ETR) && lisp_etr_map_request(l, &req, port)) {
			;
		} else if (ecm_in && (l->roles & (LISP_ROLE_MS | LISP_ROLE_MR))) {
			if (!lisp_ms_defer(l, &req, port, msg, len))
				lisp_ms_map_request(l, &req, port, msg, len);
		} else {
			lisp_drop(l, LISP_DROP_REQ_NOT_OURS);
		}
		lisp_map_request_free(&req);
		return;
	case LISP_MAP_REPLY:
		lisp_itr_map_reply(l, from, msg, len);
		return;
	case LISP_MAP_REGISTER:
		if (!(l->roles & LISP_ROLE_MS)) {
			lisp_drop(l, LISP_DROP_NOT_OURS);
			return;
		}
		lisp_ms_map_register(l, ip, from, to, sport, msg, len);
		return;
	case LISP_MAP_NOTIFY:
		if (!(l->roles & LISP_ROLE_ETR)) {
			lisp_drop(l, LISP_DROP_NOT_OURS);
			return;
		}
		lisp_etr_map_notify(l, from, msg, len);
		return;
	case LISP_MAP_REFERRAL: {
		/* for the DDT Map-Resolver (lisp_ddt_mr.c) */
		struct lisp_map_referral mr;

		if ((e = lisp_map_referral_decode(msg, len, &mr)) != LISP_OK)
			l->st.malformed[e]++;
		else if (!lisp_ddt_mr_referral(l, from, &mr))
			lisp_drop(l, LISP_DROP_REFERRAL_NO_MR);
		lisp_map_referral_free(&mr);
		return;
	}
	case LISP_MAP_NOTIFY_ACK:
		if (!(l->roles & LISP_ROLE_MS)) {
			lisp_drop(l, LISP_DROP_NOT_OURS);
			return;
		}
		lisp_ms_map_notify_ack(l, from, msg, len);
		return;
	default:
		lisp_drop(l, LISP_DROP_UNKNOWN_TYPE);
		return;
	}
}

static int udp_input(void *arg, struct iface *in, const uint8_t *ip, size_t len)
{
	struct lisp *l = arg;
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	const uint8_t *udp = ip + hlen;
	uint16_t sport, dport, ulen;
	struct addr from, to;

	if (len < hlen + 8)
		return -1;
	sport = (uint16_t)(udp[0] << 8 | udp[1]);
	dport = (uint16_t)(udp[2] << 8 | udp[3]);
	ulen = (uint16_t)(udp[4] << 8 | udp[5]);
	if (dport != LISP_DATA_PORT && dport != LISP_CONTROL_PORT &&
	    !(dport == l->reply_port && (lisp_is_itr(l) || l->mreqs)))
		return -1;
	if (!l->roles && !lisp_ddt_enabled(l))
		return -1;
	if (ulen < 8 || ulen > len - hlen) {
		lisp_drop(l, LISP_DROP_UDP_MALFORMED);
		return 0;
	}
	if (dport == LISP_DATA_PORT) {
		if (!(l->roles & (LISP_ROLE_ETR | LISP_ROLE_PETR))) {
			lisp_drop(l, LISP_DROP_DECAP_NOT_ETR);
			return -1;
		}
		lisp_etr_data(l, in, ip, hlen + ulen, hlen);
		return 0;
	}
	memset(&from, 0, sizeof(from));
	memset(&to, 0, sizeof(to));
	addr_set_v4(&from, 0);
	addr_set_v4(&to, 0);
	memcpy(&from.u.v4, ip + 12, 4);
	memcpy(&to.u.v4, ip + 16, 4);
	control_input(l, ip, &from, &to, sport, udp + 8, ulen - 8u);
	return 0;
}

/*
 * UDP over IPv6 to one of our addresses (router_set_proto6_handler()):
 * the same ports as over IPv4.  The checksum is mandatory over IPv6 (RFC
 * 8200 8.1) and verified; a zero one is accepted on the data port only,
 * as RFC 6935/6936 allow for a tunnel protocol whose own header (here the
 * inner packet's checks) guards the payload; a control message with none
 * is dropped, counted with the bad ones.
 */
static int udp6_input(void *arg, struct iface *in, const uint8_t *ip, size_t len, size_t off)
{
	struct lisp *l = arg;
	const uint8_t *udp = ip + off;
	uint16_t sport, dport, ulen;
	struct addr from, to;

	if (len < off + 8 || ip6_is_mcast(ip + 24))
		return -1;
	sport = (uint16_t)(udp[0] << 8 | udp[1]);
	dport = (uint16_t)(udp[2] << 8 | udp[3]);
	ulen = (uint16_t)(udp[4] << 8 | udp[5]);
	if (dport != LISP_DATA_PORT && dport != LISP_CONTROL_PORT &&
	    !(dport == l->reply_port && (lisp_is_itr(l) || l->mreqs)))
		return -1;
	if (!l->roles)
		return -1;
	if (ulen < 8 || ulen > len - off) {
		lisp_drop(l, LISP_DROP_UDP_MALFORMED);
		return 0;
	}
	if ((udp[6] | udp[7]) == 0 ? dport != LISP_DATA_PORT :
	    ipv6_l4_cksum(ip, 17, udp, ulen) != 0) {
		lisp_drop(l, LISP_DROP_UDP_CKSUM);
		return 0;
	}
	if (dport == LISP_DATA_PORT) {
		if (!(l->roles & (LISP_ROLE_ETR | LISP_ROLE_PETR))) {
			lisp_drop(l, LISP_DROP_DECAP_NOT_ETR);
			return -1;
		}
		lisp_etr_data(l, in, ip, off + ulen, off);
		return 0;
	}
	addr_set_v6(&from, ip + 8);
	addr_set_v6(&to, ip + 24);
	control_input(l, ip, &from, &to, sport, udp + 8, ulen - 8u);
	return 0;
}

/* ---------------------------------------------------------------- context */

struct lisp *lisp_new(struct router *r)
{
	struct lisp *l = calloc(1, sizeof(*l));
	unsigned i;

	if (!l)
		return NULL;
	l->r = r;
	l->registry = lisp_ms_table_new();
	l->mc_limit = LISP_MAP_CACHE_LIMIT_DEFAULT;
	l->vrf_stale = true;
	for (i = 0; i < LISP_MAX_MAP_SERVERS; i++) {
		l->ms[i].l = l;
		if (!(l->ms[i].timer = ev_timer_new(router_loop(r), lisp_etr_register_timer,
						    &l->ms[i]))) {
			lisp_free(l);
			return NULL;
		}
	}
	l->reg_expiry = ev_timer_new(router_loop(r), lisp_ms_expire, l);
	l->probe_timer = ev_timer_new(router_loop(r), lisp_probe_timer, l);
	l->smr_timer = ev_timer_new(router_loop(r), lisp_etr_smr_timer, l);
	l->obuf = malloc(LISP_BUFSZ);
	l->dbuf = malloc(LISP_BUFSZ);
	l->fbuf = malloc(LISP_BUFSZ);
	l->mreq_by_nonce = calloc(LISP_MREQ_HASH, sizeof(*l->mreq_by_nonce));
	l->mreq_by_eid = calloc(LISP_MREQ_HASH, sizeof(*l->mreq_by_eid));
	if (!l->registry || !l->reg_expiry ||
	    !l->probe_timer || !l->smr_timer || !l->obuf || !l->dbuf || !l->fbuf ||
	    !l->mreq_by_nonce || !l->mreq_by_eid) {
		lisp_free(l);
		return NULL;
	}
	l->rpos = sizeof(l->rbuf);		/* empty: the first draw fills it */
	l->rng = lisp_rand64(l) | 1;
	l->reply_port = (uint16_t)(49152 + lisp_rand64(l) % 16384);
	l->etr_ttl = LISP_ETR_TTL_DEFAULT;
	l->mreq_max = LISP_MREQ_OUTSTANDING_DEFAULT;
	l->mreq_rate = LISP_MREQ_RATE_DEFAULT;
	l->mreq_tokens = (uint64_t)l->mreq_rate * 1000;
	if (lisp_conf_init(l) == -1) {
		lisp_free(l);
		return NULL;
	}
	router_set_proto_handler(r, 17, udp_input, l);
	router_set_proto6_handler(r, 17, udp6_input, l);
	router_set_fwd_hook(r, lisp_itr_hook, l);
	router_set_fwd6_hook(r, lisp_itr_hook6, l);
	router_set_hook_vrf_aware(r, true);
	router_set_lost_hook(r, control_lost, l);
	router_set_frag_hook(r, frag_input, l);
	router_set_burst_hook(r, lisp_ms_burst_end, l);
	return l;
}

void lisp_free(struct lisp *l)
{
	struct src_locator *s;
	unsigned i;

	if (!l)
		return;
	router_set_proto_handler(l->r, 17, NULL, NULL);
	router_set_proto6_handler(l->r, 17, NULL, NULL);
	router_set_fwd_hook(l->r, NULL, NULL);
	router_set_fwd6_hook(l->r, NULL, NULL);
	router_set_hook_vrf_aware(l->r, false);
	router_set_lost_hook(l->r, NULL, NULL);
	router_set_frag_hook(l->r, NULL, NULL);
	router_set_burst_hook(l->r, NULL, NULL);
	lisp_ms_batch_free(l);
	if (l->mreq_by_nonce && l->mreq_by_eid)
		lisp_mreq_free_all(l);
	free(l->mreq_by_nonce);
	free(l->mreq_by_eid);
	lisp_ms_free_all(l);
	lisp_ddt_free(l);
	for (i = 0; i < LISP_MAX_MAP_SERVERS; i++)
		ev_timer_free(l->ms[i].timer);
	ev_timer_free(l->reg_expiry);
	ev_timer_free(l->probe_timer);
	ev_timer_free(l->smr_timer);
	while ((s = l->src_locs)) {
		l->src_locs = s->next;
		free(s);
	}
	lisp_conf_free(l);
	free(l->obuf);
	free(l->dbuf);
	free(l->fbuf);
	free(l);
}

/* ---------------------------------------------------------------- roles */

int lisp_set_role(struct lisp *l, unsigned role, bool on, char *err, size_t errlen)
{
	if (!role || (role & ~(LISP_ROLE_ITR | LISP_ROLE_ETR | LISP_ROLE_MS | LISP_ROLE_MR |
			       LISP_ROLE_PITR | LISP_ROLE_PETR)))
		return fail(err, errlen, "%% Unknown LISP role");
	if (on && (role & LISP_ROLE_PITR)) {
		if (l->pitr_addr.afi == AFI_NONE)
			return fail(err, errlen, "%% A proxy-ITR needs its locator address");
		if ((l->roles | role) & LISP_ROLE_ITR)
			return fail(err, errlen, "%% Disable ITR functionality first.");
	}
	if (on && (role & LISP_ROLE_ITR) && (l->roles & LISP_ROLE_PITR))
		return fail(err, errlen, "%% Disable proxy-ITR functionality first.");
	if (on)
		l->roles |= role;
	else
		l->roles &= ~role;
	if (!on && (role & LISP_ROLE_PITR)) {
		memset(&l->pitr_addr, 0, sizeof(l->pitr_addr));
		memset(&l->pitr_addr2, 0, sizeof(l->pitr_addr2));
	}
	if (role & (LISP_ROLE_ITR | LISP_ROLE_PITR))
		lisp_itr_update_default(l);
	if (role & LISP_ROLE_ETR)
		lisp_etr_kick(l);
	return 0;
}

unsigned lisp_roles(const struct lisp *l)
{
	return l->roles;
}

/* ---------------------------------------------------------------- database */

/* An EID prefix: IPv4 or IPv6 (RFC 9300: EIDs of either family). */
static int check_eid_prefix(const struct prefix *p, char *err, size_t errlen)
{
	if (p->addr.afi != AFI_IPV4 && p->addr.afi != AFI_IPV6)
		return fail(err, errlen, "%% Only IPv4 and IPv6 EID prefixes are supported");
	if (p->len > addr_bits(p->addr.afi))
		return fail(err, errlen, "%% Invalid prefix length");
	return 0;
}

static int check_loc(struct lisp *l, const struct lisp_loc_cfg *c, bool allow_if,
		     char *err, size_t errlen)
{
	if (c->weight > 100)
		return fail(err, errlen, "%% Weight must be between 0 and 100");
	if (c->ifname[0]) {
		if (!allow_if)
			return fail(err, errlen, "%% A locator must be an address here");
		/* A loopback may come later: 'no interface LoopbackN' keeps
		 * the locators that name it, without an address meanwhile. */
		if (!iface_find(l->r, c->ifname) && !iface_loopback_name(c->ifname))
			return fail(err, errlen, "%% Interface %s does not exist", c->ifname);
		return 0;
	}
	if (c->addr.afi == AFI_IPV6)
		return lisp_v6_rloc_ok(c->addr.u.b) ? 0 :
		       fail(err, errlen, "%% Invalid locator address");
	if (c->addr.afi != AFI_IPV4)
		return fail(err, errlen, "%% Only IPv4 and IPv6 locators are supported");
	if (c->addr.u.v4 == 0 || ipv4_martian_src(c->addr.u.v4))
		return fail(err, errlen, "%% Invalid locator address");
	return 0;
}

int lisp_check_prefix(const struct prefix *p, char *err, size_t errlen)
{
	return check_eid_prefix(p, err, errlen);
}

int lisp_check_loc(struct lisp *l, const struct lisp_loc_cfg *c, bool allow_if,
		   char *err, size_t errlen)
{
	return check_loc(l, c, allow_if, err, errlen);
}

bool lisp_loc_same(const struct lisp_loc_cfg *a, const struct lisp_loc_cfg *b)
{
	/* IPv4-interface E0 and IPv6-interface E0 are two locators */
	if (a->ifname[0] || b->ifname[0])
		return strcmp(a->ifname, b->ifname) == 0 &&
		       (a->ifafi == AFI_IPV6) == (b->ifafi == AFI_IPV6);
	return addr_eq(&a->addr, &b->addr);
}

int lisp_db_add(struct lisp *l, const struct prefix *p, const struct lisp_loc_cfg *loc,
		char *err, size_t errlen)
{
	struct db_entry *d;
	struct lisp_loc_cfg c = *loc;
	struct lisp_inst *in;
	char buf[PREFIX_STRLEN];
	unsigned i;
	bool changed = true;

	if (check_eid_prefix(p, err, errlen) == -1 || check_loc(l, loc, true, err, errlen) == -1)
		return -1;
	if (!(in = lisp_inst_of(l, p->addr.iid)))
		return fail(err, errlen, "%% Instance-ID %u is not configured", p->addr.iid);
	if (c.ifname[0])
		memset(&c.addr, 0, sizeof(c.addr));
	d = lpm_exact(in->db, p);
	if (d && d->locset[0])
		return fail(err, errlen, "%% EID prefix %s uses locator-set %s",
			    prefix_fmt(p, buf, sizeof(buf)), d->locset);
	if (!d) {
		d = calloc(1, sizeof(*d));
		if (!d)
			return fail(err, errlen, "%% Out of memory");
		d->prefix = *p;
		if (lpm_insert(in->db, p, d, NULL) == -1) {
			free(d);
			return fail(err, errlen, "%% Out of memory");
		}
		in->db_n++;
		l->db_total++;
	}
	for (i = 0; i < d->n; i++)
		if (lisp_loc_same(&d->locs[i], &c))
			break;
	if (i == d->n) {
		if (d->n == LISP_MAX_LOCATORS)
			return fail(err, errlen, "%% Too many locators for %s (%d at most)",
				    prefix_fmt(p, buf, sizeof(buf)), LISP_MAX_LOCATORS);
		d->n++;
	} else if (d->locs[i].priority == c.priority && d->locs[i].weight == c.weight) {
		changed = false;	/* the same line again: no SMRs */
	}
	d->locs[i] = c;
	lisp_etr_kick(l);
	if (changed)
		lisp_etr_smr(l, p);
	return 0;
}

int lisp_db_del(struct lisp *l, const struct prefix *p, const struct lisp_loc_cfg *loc,
		char *err, size_t errlen)
{
	struct lisp_inst *in = lisp_inst_of(l, p->addr.iid);
	struct db_entry *d = in ? lpm_exact(in->db, p) : NULL;
	unsigned i;

	if (!d)
		return fail(err, errlen, "%% No database-mapping for this prefix");
	if (loc && d->locset[0])
		return fail(err, errlen, "%% The database-mapping uses locator-set %s", d->locset);
	if (loc) {
		for (i = 0; i < d->n; i++)
			if (lisp_loc_same(&d->locs[i], loc))
				break;
		if (i == d->n)
			return fail(err, errlen, "%% No such locator in the database-mapping");
		memmove(&d->locs[i], &d->locs[i + 1], (d->n - i - 1) * sizeof(d->locs[0]));
		d->n--;
	}
	if (!loc || d->n == 0) {
		lpm_delete(in->db, p);
		free(d);
		in->db_n--;
		l->db_total--;
	}
	lisp_etr_kick(l);
	lisp_etr_smr(l, p);
	return 0;
}

struct db_walk {
	struct lisp *l;
	int (*fn)(const struct lisp_db_info *d, void *arg);
	void *arg;
};

static void db_info(struct lisp *l, const struct prefix *p, const struct db_entry *d,
		    struct lisp_db_info *o)
{
	unsigned i;

	(void)p;
	memset(o, 0, sizeof(*o));
	o->prefix = d->prefix;
	snprintf(o->locset, sizeof(o->locset), "%s", d->locset);
	o->default_set = d->dflt;
	o->style = d->style;
	o->n_locs = d->n;
	for (i = 0; i < d->n; i++) {
		o->locs[i].cfg = d->locs[i];
		if (lisp_loc_resolve(l, &d->locs[i], &o->locs[i].addr))
			o->locs[i].self = lisp_is_local_addr(l, &o->locs[i].addr);
	}
}

int lisp_db_get(struct lisp *l, const struct prefix *p, struct lisp_db_info *out)
{
	const struct db_entry *d = lisp_db_exact(l, p);

	if (!d)
		return -1;
	db_info(l, p, d, out);
	return 0;
}

static int db_walk_fn(const struct prefix *p, void *value, void *arg)
{
	struct db_walk *w = arg;
	const struct db_entry *d = value;
	struct lisp_db_info info;

	db_info(w->l, p, d, &info);
	return w->fn(&info, w->arg);
}

int lisp_db_foreach_inst(struct lisp_inst *i, const struct prefix *after,
			 int (*fn)(const struct lisp_db_info *d, void *arg), void *arg)
{
	struct db_walk w = { i->l, fn, arg };

	if (!i->db_n)
		return 0;
	return after ? lpm_walk_after(i->db, AFI_NONE, after, db_walk_fn, &w) :
		       lpm_walk(i->db, AFI_NONE, db_walk_fn, &w);
}

int lisp_db_foreach(struct lisp *l, int (*fn)(const struct lisp_db_info *d, void *arg),
		    void *arg)
{
	return lisp_db_foreach_after(l, NULL, fn, arg);
}

/* Instances in IID order, each in prefix order; after: resume after
 * (after->addr.iid, after). */
int lisp_db_foreach_after(struct lisp *l, const struct prefix *after,
			  int (*fn)(const struct lisp_db_info *d, void *arg), void *arg)
{
	struct lisp_inst *i;
	int rc;

	for (i = l->insts; i; i = i->next) {
		if (after && i->iid < after->addr.iid)
			continue;
		rc = lisp_db_foreach_inst(i, after && i->iid == after->addr.iid ? after : NULL,
					  fn, arg);
		if (rc)
			return rc;
	}
	return 0;
}

size_t lisp_db_count(const struct lisp *l)
{
	return l->db_total;
}

size_t lisp_db_count_inst(const struct lisp *l, uint32_t iid, uint16_t afi)
{
	const struct lisp_inst *i = lisp_inst_of(l, iid);

	return i ? lpm_count(i->db, afi) : 0;
}

int lisp_db_set_style(struct lisp *l, const struct prefix *p, enum lisp_style style)
{
	struct db_entry *d = lisp_db_exact(l, p);

	if (!d)
		return -1;
	d->style = style;
	return 0;
}

/* ---------------------------------------------------------------- ITR config */

int lisp_map_resolver_add(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	unsigned i;

	if (check_rloc_addr(a, "map-resolver", err, errlen) == -1)
		return -1;
	for (i = 0; i < l->n_resolvers; i++)
		if (addr_eq(&l->resolvers[i], a))
			return 0;
	if (l->n_resolvers == LISP_MAX_RESOLVERS)
		return fail(err, errlen, "%% At most %d map-resolvers", LISP_MAX_RESOLVERS);
	l->resolvers[l->n_resolvers++] = *a;
	return 0;
}

int lisp_map_resolver_del(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	unsigned i;

	for (i = 0; i < l->n_resolvers; i++)
		if (addr_eq(&l->resolvers[i], a))
			break;
	if (i == l->n_resolvers)
		return fail(err, errlen, "%% No such map-resolver");
	memmove(&l->resolvers[i], &l->resolvers[i + 1],
		(l->n_resolvers - i - 1) * sizeof(l->resolvers[0]));
	l->n_resolvers--;
	return 0;
}

int lisp_map_resolver_foreach(struct lisp *l,
			      int (*fn)(const struct addr *a, void *arg), void *arg)
{
	unsigned i;
	int rc;

	for (i = 0; i < l->n_resolvers; i++)
		if ((rc = fn(&l->resolvers[i], arg)) != 0)
			return rc;
	return 0;
}

int lisp_set_map_request_source(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	if (!a) {
		memset(&l->mreq_src, 0, sizeof(l->mreq_src));
		return 0;
	}
	if (check_rloc_addr(a, "map-request-source", err, errlen) == -1)
		return -1;
	l->mreq_src = *a;
	return 0;
}

bool lisp_map_request_source(const struct lisp *l, struct addr *a)
{
	if (l->mreq_src.afi == AFI_NONE)
		return false;
	*a = l->mreq_src;
	return true;
}

int lisp_set_source_locator(struct lisp *l, const char *ifname, const char *srcif,
			    char *err, size_t errlen)
{
	struct src_locator **pp, *s;

	if (!iface_find(l->r, ifname))
		return fail(err, errlen, "%% Interface %s does not exist", ifname);
	/* The source interface is looked up by name at each encapsulation:
	 * it may come later in the configuration, or come and go. */
	if (srcif && (!srcif[0] || strlen(srcif) >= LISP_IFNAME_MAX))
		return fail(err, errlen, "%% Invalid interface name %s", srcif);
	for (pp = &l->src_locs; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->ifname, ifname) >= 0)
			break;
	if (*pp && strcmp((*pp)->ifname, ifname) == 0) {
		if (srcif) {
			snprintf((*pp)->srcif, sizeof((*pp)->srcif), "%s", srcif);
		} else {
			s = *pp;
			*pp = s->next;
			free(s);
		}
		return 0;
	}
	if (!srcif)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return fail(err, errlen, "%% Out of memory");
	snprintf(s->ifname, sizeof(s->ifname), "%s", ifname);
	snprintf(s->srcif, sizeof(s->srcif), "%s", srcif);
	s->next = *pp;
	*pp = s;
	return 0;
}

int lisp_source_locator_foreach(struct lisp *l,
				int (*fn)(const char *ifname, const char *srcif, void *arg),
				void *arg)
{
	struct src_locator *s;
	int rc;

	for (s = l->src_locs; s; s = s->next)
		if ((rc = fn(s->ifname, s->srcif, arg)) != 0)
			return rc;
	return 0;
}

int lisp_set_map_request_rate_limit(struct lisp *l, long n, char *err, size_t errlen)
{
	if (n < 0)
		n = LISP_MREQ_RATE_DEFAULT;
	if (n < 1 || n > LISP_MREQ_RATE_MAX)
		return fail(err, errlen, "%% Map-Request rate limit must be between 1 and %d",
			    LISP_MREQ_RATE_MAX);
	l->mreq_rate = (unsigned)n;
	if (l->mreq_tokens > (uint64_t)l->mreq_rate * 1000)
		l->mreq_tokens = (uint64_t)l->mreq_rate * 1000;
	return 0;
}

unsigned lisp_map_request_rate_limit(const struct lisp *l)
{
	return l->mreq_rate;
}

int lisp_set_map_request_outstanding_limit(struct lisp *l, long n, char *err, size_t errlen)
{
	if (n < 0)
		n = LISP_MREQ_OUTSTANDING_DEFAULT;
	if (n < 1 || n > LISP_MREQ_OUTSTANDING_MAX)
		return fail(err, errlen, "%% Map-Request outstanding limit must be between 1 and %d",
			    LISP_MREQ_OUTSTANDING_MAX);
	l->mreq_max = (unsigned)n;
	return 0;
}

unsigned lisp_map_request_outstanding_limit(const struct lisp *l)
{
	return l->mreq_max;
}

unsigned lisp_map_request_outstanding(const struct lisp *l)
{
	return l->n_mreqs;
}

int lisp_set_map_cache_limit(struct lisp *l, long n, char *err, size_t errlen)
{
	struct lisp_inst *i;

	if (n < 0)
		n = LISP_MAP_CACHE_LIMIT_DEFAULT;
	if (n > LISP_MAP_CACHE_LIMIT_MAX)
		return fail(err, errlen, "%% Map-cache limit must be between 0 and %d",
			    LISP_MAP_CACHE_LIMIT_MAX);
	l->mc_limit = (unsigned)n;
	for (i = l->insts; i; i = i->next)
		if (i->mc_limit < 0)
			map_cache_set_limit(i->mc, l->mc_limit);
	return 0;
}

unsigned lisp_map_cache_limit(const struct lisp *l)
{
	return l->mc_limit;
}

int lisp_inst_set_map_cache_limit(struct lisp *l, uint32_t iid, long n, char *err,
				  size_t errlen)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	if (!i)
		return fail(err, errlen, "%% Instance-ID %u is not configured", iid);
	if (n > LISP_MAP_CACHE_LIMIT_MAX)
		return fail(err, errlen, "%% Map-cache limit must be between 0 and %d",
			    LISP_MAP_CACHE_LIMIT_MAX);
	i->mc_limit = n < 0 ? -1 : n;
	map_cache_set_limit(i->mc, n < 0 ? l->mc_limit : (unsigned)n);
	return 0;
}

unsigned lisp_inst_map_cache_limit(const struct lisp *l, uint32_t iid, bool *own)
{
	const struct lisp_inst *i = lisp_inst_of(l, iid);

	if (own)
		*own = i && i->mc_limit >= 0;
	return i ? map_cache_limit(i->mc) : l->mc_limit;
}

/* Static map-cache entries in configuration and in the cache. */
static void static_install(struct lisp_inst *in, const struct lisp_static_info *s)
{
	struct mc_entry e;
	unsigned i;

	memset(&e, 0, sizeof(e));
	e.prefix = s->prefix;
	e.source = LISP_MC_STATIC;
	e.negative = s->n_locs == 0;
	e.action = (uint8_t)s->action;
	e.authoritative = true;
	e.n = s->n_locs;
	for (i = 0; i < s->n_locs; i++) {
		e.locs[i].addr = s->locs[i].addr;
		e.locs[i].priority = s->locs[i].priority;
		e.locs[i].weight = s->locs[i].weight;
		e.locs[i].reachable = true;
	}
	map_cache_install(in->mc, &e);
}

/* Where p is or goes in the prefix-ordered list.  The walk starts at the
 * entry added or found last when p sorts after it: a running-config
 * replayed adds each family's entries in order, one after the other, so
 * 100,000 of them load in linear time. */
static struct static_mc **static_slot(struct lisp_inst *in, const struct prefix *p)
{
	struct static_mc **pp = &in->statics;

	if (in->statics_hint && prefix_cmp(&in->statics_hint->info.prefix, p) < 0)
		pp = &in->statics_hint->next;
	for (; *pp; pp = &(*pp)->next)
		if (prefix_cmp(&(*pp)->info.prefix, p) >= 0)
			break;
	return pp;
}

/* The entry in or out of the instance's map-request space, as its action
 * and locators say (in: no locator, action map-request). */
static int mreq_space_set(struct lisp_inst *in, const struct lisp_static_info *s, char *err,
			  size_t errlen)
{
	if (s->n_locs || s->action != LISP_ACT_SEND_MAP_REQ) {
		if (in->mreq_space)
			lpm_delete(in->mreq_space, &s->prefix);
		return 0;
	}
	if ((!in->mreq_space && !(in->mreq_space = lpm_new())) ||
	    lpm_insert(in->mreq_space, &s->prefix, (void *)s, NULL) == -1)
		return fail(err, errlen, "%% Out of memory");
	return 0;
}

static uint64_t static_key(const struct prefix *p)
{
	uint64_t h = htab_bytes(HTAB_SEED, &p->addr.afi, sizeof(p->addr.afi));

	h = htab_bytes(h, &p->len, sizeof(p->len));
	return htab_bytes(h, p->addr.u.b, addr_bytes(p->addr.afi));
}

static struct static_mc *static_in(struct lisp_inst *in, const struct prefix *p)
{
	uint64_t h = static_key(p);
	struct hnode *n;

	for (n = htab_find(&in->statics_ht, h); n; n = htab_next(n, h)) {
		struct static_mc *s = (struct static_mc *)((char *)n - offsetof(struct static_mc, hn));

		if (prefix_eq(&s->info.prefix, p))
			return s;
	}
	return NULL;
}

static struct static_mc *static_find(struct lisp *l, const struct prefix *p)
{
	struct lisp_inst *in = lisp_inst_of(l, p->addr.iid);

	return in ? static_in(in, p) : NULL;
}

int lisp_inst_static_foreach(struct lisp_inst *i,
			     int (*fn)(const struct lisp_static_info *s, void *arg), void *arg)
{
	return lisp_inst_static_foreach_after(i, NULL, fn, arg);
}

int lisp_inst_static_foreach_after(struct lisp_inst *i, const struct prefix *after,
				   int (*fn)(const struct lisp_static_info *s, void *arg), void *arg)
{
	struct static_mc *m = i->statics;
	int rc;

	if (after) {
		struct static_mc *at = static_in(i, after);

		if (at)
			m = at->next;
		else	/* removed meanwhile: its successor in prefix order */
			while (m && prefix_cmp(&m->info.prefix, after) <= 0)
				m = m->next;
	}
	for (; m; m = m->next)
		if ((rc = fn(&m->info, arg)) != 0)
			return rc;
	return 0;
}

int lisp_map_cache_static_add(struct lisp *l, const struct prefix *p, unsigned action,
			      const struct lisp_loc_cfg *loc, char *err, size_t errlen)
{
	struct static_mc **pp, *s;
	struct lisp_inst *in;
	unsigned i;

	if (check_eid_prefix(p, err, errlen) == -1)
		return -1;
	if (!(in = lisp_inst_of(l, p->addr.iid)))
		return fail(err, errlen, "%% Instance-ID %u is not configured", p->addr.iid);
	if (loc && check_loc(l, loc, false, err, errlen) == -1)
		return -1;
	if (!loc && action != LISP_ACT_NATIVE_FWD && action != LISP_ACT_SEND_MAP_REQ &&
	    action != LISP_ACT_DROP)
		return fail(err, errlen, "%% Invalid map-cache action");
	if (!(s = static_in(in, p))) {
		pp = static_slot(in, p);
		s = calloc(1, sizeof(*s));
		if (!s)
			return fail(err, errlen, "%% Out of memory");
		s->info.prefix = *p;
		if (htab_add(&in->statics_ht, &s->hn, static_key(p)) == -1) {
			free(s);
			return fail(err, errlen, "%% Out of memory");
		}
		/* pp is the previous entry's next, or the head */
		s->prev = pp == &in->statics ? NULL :
			  (struct static_mc *)((char *)pp - offsetof(struct static_mc, next));
		s->next = *pp;
		if (s->next)
			s->next->prev = s;
		*pp = s;
		in->statics_of_style[s->info.style][addr_is_v6(&p->addr)]++;
	}
	in->statics_hint = s;
	if (loc) {
		for (i = 0; i < s->info.n_locs; i++)
			if (lisp_loc_same(&s->info.locs[i], loc))
				break;
		if (i == s->info.n_locs) {
			if (i == LISP_MAX_LOCATORS)
				return fail(err, errlen, "%% Too many locators (%d at most)",
					    LISP_MAX_LOCATORS);
			s->info.n_locs++;
		}
		s->info.locs[i] = *loc;
		s->info.action = LISP_ACT_NO_ACTION;
	} else {
		s->info.n_locs = 0;
		s->info.action = action;
	}
	static_install(in, &s->info);
	return mreq_space_set(in, &s->info, err, errlen);
}

int lisp_map_cache_static_del(struct lisp *l, const struct prefix *p, char *err,
			      size_t errlen)
{
	struct lisp_inst *in = lisp_inst_of(l, p->addr.iid);
	struct static_mc *s;

	if (!in || !(s = static_in(in, p)))
		return fail(err, errlen, "%% No such static map-cache entry");
	if (s->prev)
		s->prev->next = s->next;
	else
		in->statics = s->next;
	if (s->next)
		s->next->prev = s->prev;
	htab_del(&in->statics_ht, &s->hn);
	if (in->mreq_space)
		lpm_delete(in->mreq_space, &s->info.prefix);
	if (in->statics_hint == s)
		in->statics_hint = s->prev;
	in->statics_of_style[s->info.style][addr_is_v6(&p->addr)]--;
	free(s);
	map_cache_remove(in->mc, p);
	lisp_itr_update_default(l);
	return 0;
}

/* Instances in IID order, each in prefix order. */
int lisp_map_cache_static_foreach(struct lisp *l,
				  int (*fn)(const struct lisp_static_info *s, void *arg),
				  void *arg)
{
	struct lisp_inst *i;
	int rc;

	for (i = l->insts; i; i = i->next)
		if ((rc = lisp_inst_static_foreach(i, fn, arg)) != 0)
			return rc;
	return 0;
}

int lisp_map_cache_static_set_style(struct lisp *l, const struct prefix *p, enum lisp_style style)
{
	struct static_mc *s = static_find(l, p);
	struct lisp_inst *in = lisp_inst_of(l, p->addr.iid);

	if (!s || (unsigned)style > LISP_STYLE_XE)
		return -1;
	in->statics_of_style[s->info.style][addr_is_v6(&p->addr)]--;
	in->statics_of_style[style][addr_is_v6(&p->addr)]++;
	s->info.style = style;
	return 0;
}

bool lisp_static_configured(struct lisp *l, const struct prefix *p)
{
	return static_find(l, p) != NULL;
}

/* ---------------------------------------------------------------- proxies */

static int check_rloc_addr(const struct addr *a, const char *what, char *err, size_t errlen)
{
	if (addr_is_v6(a) && lisp_v6_rloc_ok(a->u.b))
		return 0;
	if (!addr_is_v4(a) || a->u.v4 == 0 || ipv4_martian_src(a->u.v4))
		return fail(err, errlen, "%% Invalid %s address", what);
	return 0;
}

int lisp_set_proxy_itr(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	struct addr old = l->pitr_addr;

	if (!a)
		return (l->roles & LISP_ROLE_PITR) ?
			lisp_set_role(l, LISP_ROLE_PITR, false, err, errlen) : 0;
	if (check_rloc_addr(a, "proxy-ITR", err, errlen) == -1)
		return -1;
	if (l->roles & LISP_ROLE_ITR)
		return fail(err, errlen, "%% Disable ITR functionality first.");
	l->pitr_addr = *a;
	l->pitr_addr.iid = 0;
	if (lisp_set_role(l, LISP_ROLE_PITR, true, err, errlen) == -1) {
		l->pitr_addr = old;
		return -1;
	}
	if (l->pitr_addr2.afi == a->afi)
		memset(&l->pitr_addr2, 0, sizeof(l->pitr_addr2));
	return 0;
}

bool lisp_proxy_itr(const struct lisp *l, struct addr *a)
{
	if (!(l->roles & LISP_ROLE_PITR))
		return false;
	*a = l->pitr_addr;
	return true;
}

int lisp_set_proxy_itr2(struct lisp *l, const struct addr *b, char *err, size_t errlen)
{
	if (!b) {
		memset(&l->pitr_addr2, 0, sizeof(l->pitr_addr2));
		return 0;
	}
	if (!(l->roles & LISP_ROLE_PITR))
		return fail(err, errlen, "%% A proxy-ITR needs its locator address");
	if (check_rloc_addr(b, "proxy-ITR", err, errlen) == -1)
		return -1;
	if (b->afi == l->pitr_addr.afi)
		return fail(err, errlen, "%% The second proxy-ITR locator must be of the other "
			    "address family");
	l->pitr_addr2 = *b;
	l->pitr_addr2.iid = 0;
	return 0;
}

bool lisp_proxy_itr2(const struct lisp *l, struct addr *b)
{
	if (!(l->roles & LISP_ROLE_PITR) || l->pitr_addr2.afi == AFI_NONE)
		return false;
	*b = l->pitr_addr2;
	return true;
}

/* The families an entry of a list kept per EID family (map-servers,
 * PETRs) serves: af, 0 standing for both. */
static unsigned entry_fams(unsigned af)
{
	af &= LISP_AF_IPV4 | LISP_AF_IPV6;
	return af ? af : LISP_AF_IPV4 | LISP_AF_IPV6;
}

/* The families fams leave a's entries of list v other than slot keep
 * (UINT_MAX: none kept); an entry left with none goes.  Returns keep's
 * index afterwards. */
static unsigned petr_take_fams(struct petr *v, unsigned *n, const struct addr *a, unsigned fams,
			       unsigned keep)
{
	unsigned i = 0;

	while (i < *n) {
		if (i == keep || !addr_eq(&v[i].loc.addr, a) || !(v[i].af & fams)) {
			i++;
			continue;
		}
		if (v[i].af & ~fams) {
			v[i].af = (uint8_t)(v[i].af & ~fams);
			i++;
			continue;
		}
		memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(v[0]));
		(*n)--;
		if (keep != UINT_MAX && keep > i)
			keep--;
	}
	return keep;
}

static int petr_add(struct lisp *l, struct petr *v, unsigned *n, const struct addr *a,
		    uint8_t priority, uint8_t weight, unsigned af, char *err, size_t errlen)
{
	unsigned i, fams = entry_fams(af), reuse = UINT_MAX;
	struct petr *p;

	if (check_rloc_addr(a, "proxy-ETR", err, errlen) == -1)
		return -1;
	if (weight > 100)
		return fail(err, errlen, "%% Weight must be between 0 and 100");
	/* An entry of a with these values takes the families (its probe
	 * state and counters go on). */
	for (i = 0; i < *n; i++)
		if (addr_eq(&v[i].loc.addr, a) && v[i].loc.priority == priority &&
		    v[i].loc.weight == weight) {
			i = petr_take_fams(v, n, a, fams, i);
			v[i].af = (uint8_t)(v[i].af | fams);
			return 0;
		}
	/* Else an entry of a with no other family takes the new values, or
	 * a new entry starts. */
	for (i = 0; i < *n && reuse == UINT_MAX; i++)
		if (addr_eq(&v[i].loc.addr, a) && !(v[i].af & ~fams))
			reuse = i;
	if (reuse == UINT_MAX && *n == LISP_MAX_PETRS)
		return fail(err, errlen, "%% At most %d proxy-ETR entries (one for each family "
			    "whose priority and weight differ)", LISP_MAX_PETRS);
	if (reuse != UINT_MAX) {
		i = petr_take_fams(v, n, a, fams, reuse);
	} else {
		petr_take_fams(v, n, a, fams, UINT_MAX);	/* they keep another family */
		i = (*n)++;
		p = &v[i];
		memset(p, 0, sizeof(*p));
		p->loc.addr = *a;
		p->loc.addr.iid = 0;
		p->loc.reachable = true;
		p->loc.uptime = lisp_now(l);
	}
	v[i].af = (uint8_t)fams;
	v[i].loc.priority = priority;
	v[i].loc.weight = weight;
	return 0;
}

static int petr_del(struct petr *v, unsigned *n, const struct addr *a, unsigned af, char *err,
		    size_t errlen)
{
	unsigned i, fams = entry_fams(af);

	for (i = 0; i < *n; i++)
		if (addr_eq(&v[i].loc.addr, a) && (v[i].af & fams))
			break;
	if (i == *n)
		return fail(err, errlen, "%% No such proxy-ETR");
	petr_take_fams(v, n, a, fams, UINT_MAX);
	return 0;
}

static int petr_foreach(struct lisp *l, const struct petr *v, unsigned n,
			int (*fn)(const struct lisp_petr_info *p, void *arg), void *arg)
{
	struct lisp_petr_info info;
	unsigned i;
	int rc;

	for (i = 0; i < n; i++) {
		const struct petr *p = &v[i];

		memset(&info, 0, sizeof(info));
		info.addr = p->loc.addr;
		info.priority = p->loc.priority;
		info.weight = p->loc.weight;
		info.af = p->af;
		info.state = !lisp_rloc_routable(l, &p->loc.addr) ? LISP_LOC_NO_ROUTE :
			     p->loc.probe_down ? LISP_LOC_DOWN : LISP_LOC_UP;
		info.pkts = p->pkts;
		info.bytes = p->bytes;
		info.rtt_ns = p->loc.rtt_ns;
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

int lisp_use_petr_add_af(struct lisp *l, const struct addr *a, uint8_t priority, uint8_t weight,
			 unsigned af, char *err, size_t errlen)
{
	return petr_add(l, l->petrs, &l->n_petrs, a, priority, weight, af, err, errlen);
}

int lisp_use_petr_del_af(struct lisp *l, const struct addr *a, unsigned af, char *err,
			 size_t errlen)
{
	return petr_del(l->petrs, &l->n_petrs, a, af, err, errlen);
}

int lisp_use_petr_add(struct lisp *l, const struct addr *a, uint8_t priority, uint8_t weight,
		      char *err, size_t errlen)
{
	return lisp_use_petr_add_af(l, a, priority, weight, 0, err, errlen);
}

int lisp_use_petr_del(struct lisp *l, const struct addr *a, char *err, size_t errlen)
{
	return lisp_use_petr_del_af(l, a, 0, err, errlen);
}

int lisp_use_petr_foreach(struct lisp *l,
			  int (*fn)(const struct lisp_petr_info *p, void *arg), void *arg)
{
	return petr_foreach(l, l->petrs, l->n_petrs, fn, arg);
}

int lisp_inst_use_petr_add_af(struct lisp *l, uint32_t iid, const struct addr *a,
			      uint8_t priority, uint8_t weight, unsigned af, char *err,
			      size_t errlen)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	if (!i)
		return fail(err, errlen, "%% Instance-ID %u is not configured", iid);
	return petr_add(l, i->petrs, &i->n_petrs, a, priority, weight, af, err, errlen);
}

int lisp_inst_use_petr_del_af(struct lisp *l, uint32_t iid, const struct addr *a, unsigned af,
			      char *err, size_t errlen)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	if (!i)
		return fail(err, errlen, "%% Instance-ID %u is not configured", iid);
	return petr_del(i->petrs, &i->n_petrs, a, af, err, errlen);
}

int lisp_inst_use_petr_add(struct lisp *l, uint32_t iid, const struct addr *a, uint8_t priority,
			   uint8_t weight, char *err, size_t errlen)
{
	return lisp_inst_use_petr_add_af(l, iid, a, priority, weight, 0, err, errlen);
}

int lisp_inst_use_petr_del(struct lisp *l, uint32_t iid, const struct addr *a, char *err,
			   size_t errlen)
{
	return lisp_inst_use_petr_del_af(l, iid, a, 0, err, errlen);
}

int lisp_inst_use_petr_foreach(struct lisp *l, uint32_t iid,
			       int (*fn)(const struct lisp_petr_info *p, void *arg), void *arg)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	return i ? petr_foreach(l, i->petrs, i->n_petrs, fn, arg) : 0;
}

size_t lisp_use_petr_count(const struct lisp *l)
{
	return l->n_petrs;
}

static int acl_find(struct lisp *l, enum lisp_petr_acl kind, const struct prefix *p)
{
	unsigned i;

	for (i = 0; i < l->n_acl; i++)
		if (l->acl[i].kind == kind && prefix_eq(&l->acl[i].prefix, p))
			return (int)i;
	return -1;
}

int lisp_petr_acl_add(struct lisp *l, enum lisp_petr_acl kind, const struct prefix *p,
		      char *err, size_t errlen)
{
	if (kind != LISP_PETR_ACL_RLOC && kind != LISP_PETR_ACL_EID)
		return fail(err, errlen, "%% Unknown access list kind");
	if (check_eid_prefix(p, err, errlen) == -1)
		return -1;
	if (acl_find(l, kind, p) >= 0)
		return 0;
	if (l->n_acl == LISP_PETR_ACL_MAX)
		return fail(err, errlen, "%% At most %d proxy-ETR access list entries",
			    LISP_PETR_ACL_MAX);
	l->acl[l->n_acl].kind = kind;
	l->acl[l->n_acl].prefix = *p;
	l->acl[l->n_acl].prefix.addr.iid = 0;
	l->n_acl++;
	return 0;
}

int lisp_petr_acl_del(struct lisp *l, enum lisp_petr_acl kind, const struct prefix *p,
		      char *err, size_t errlen)
{
	int i = acl_find(l, kind, p);

	if (i < 0)
		return fail(err, errlen, "%% No such proxy-ETR access list entry");
	memmove(&l->acl[i], &l->acl[i + 1], (l->n_acl - (unsigned)i - 1) * sizeof(l->acl[0]));
	l->n_acl--;
	return 0;
}

int lisp_petr_acl_foreach(struct lisp *l,
			  int (*fn)(enum lisp_petr_acl kind, const struct prefix *p, void *arg),
			  void *arg)
{
	unsigned i;
	int rc;

	for (i = 0; i < l->n_acl; i++)
		if ((rc = fn(l->acl[i].kind, &l->acl[i].prefix, arg)) != 0)
			return rc;
	return 0;
}

int lisp_set_rloc_probing(struct lisp *l, bool on, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	l->probing = on;
	if (on) {
		ev_timer_arm(l->probe_timer, 0);
	} else {
		ev_timer_cancel(l->probe_timer);
		lisp_probe_reset(l);
	}
	return 0;
}

bool lisp_rloc_probing(const struct lisp *l)
{
	return l->probing;
}

void lisp_set_xtr_id(struct lisp *l, const uint8_t *id)
{
	uint64_t a, b;

	if (id) {
		memcpy(l->xtr_id, id, sizeof(l->xtr_id));
	} else {
		a = lisp_rand64(l);
		b = lisp_rand64(l);
		memcpy(l->xtr_id, &a, 8);
		memcpy(l->xtr_id + 8, &b, 8);
	}
	l->xtr_id_on = true;
	lisp_etr_kick(l);
}

void lisp_clear_xtr_id(struct lisp *l)
{
	if (!l->xtr_id_on)
		return;
	l->xtr_id_on = false;
	memset(l->xtr_id, 0, sizeof(l->xtr_id));
	lisp_etr_kick(l);
}

bool lisp_xtr_id(const struct lisp *l, uint8_t out[16])
{
	if (l->xtr_id_on && out)
		memcpy(out, l->xtr_id, sizeof(l->xtr_id));
	return l->xtr_id_on;
}

void lisp_set_site_id(struct lisp *l, uint64_t site_id)
{
	if (l->site_id == site_id)
		return;
	l->site_id = site_id;
	if (l->xtr_id_on)
		lisp_etr_kick(l);
}

uint64_t lisp_site_id(const struct lisp *l)
{
	return l->site_id;
}

/* ---------------------------------------------------------------- ETR config */

static bool ms_same_settings(const struct lisp_ms_cfg *a, const struct lisp_ms_cfg *b)
{
	return addr_eq(&a->addr, &b->addr) && !strcmp(a->key, b->key) &&
	       !strcmp(a->key_conf, b->key_conf) && a->proxy_reply == b->proxy_reply &&
	       a->key_id == b->key_id && a->alg == b->alg;
}

/* Slot i goes: the state above it moves down a slot, each slot keeping
 * its own timer. */
static void ms_slot_del(struct lisp *l, unsigned i)
{
	struct evtimer *t;
	unsigned j;

	for (j = i; j + 1 < l->n_ms; j++) {
		t = l->ms[j].timer;
		l->ms[j] = l->ms[j + 1];
		l->ms[j].timer = t;
	}
	t = l->ms[j].timer;
	memset(&l->ms[j], 0, sizeof(l->ms[j]));
	l->ms[j].l = l;
	l->ms[j].timer = t;
	l->n_ms--;
	lisp_etr_rearm_from(l, i);
}

/* The families fams leave A's entries other than slot keep (UINT_MAX:
 * none kept); an entry left with none goes.  Returns the index keep
 * has afterwards. */
static unsigned ms_take_fams(struct lisp *l, const struct addr *a, unsigned fams, unsigned keep)
{
	unsigned i = 0, left;

	while (i < l->n_ms) {
		if (i == keep || !addr_eq(&l->ms[i].cfg.addr, a) || !(entry_fams(l->ms[i].cfg.af) & fams)) {
			i++;
			continue;
		}
		left = entry_fams(l->ms[i].cfg.af) & ~fams;
		if (left) {
			l->ms[i].cfg.af = (uint8_t)left;
			lisp_etr_kick_ms(l, i);		/* its records changed */
			i++;
			continue;
		}
		ms_slot_del(l, i);
		if (keep != UINT_MAX && keep > i)
			keep--;
	}
	return keep;
}

int lisp_map_server_add(struct lisp *l, const struct lisp_ms_cfg *c, char *err, size_t errlen)
{
	struct lisp_ms_cfg nc = *c;
	unsigned i, fams = entry_fams(c->af), reuse = UINT_MAX;
	struct map_server *m;
	struct evtimer *t;

	if (check_rloc_addr(&c->addr, "map-server", err, errlen) == -1)
		return -1;
	if (!c->key[0] && !c->key_conf[0])
		return fail(err, errlen, "%% A map-server needs an authentication key");
	if (c->alg != LISP_AUTH_NONE && c->alg != LISP_AUTH_HMAC_SHA1 &&
	    c->alg != LISP_AUTH_HMAC_SHA256)
		return fail(err, errlen, "%% Unknown hash function");
	if (nc.alg == LISP_AUTH_NONE)
		nc.alg = LISP_AUTH_HMAC_SHA1;	/* the IOS default, sha1 */
	/* The same settings as one of A's entries (a reload, or the other
	 * family's line): that entry takes the families, its session and
	 * counters go on, and it registers at once (its families may have
	 * changed). */
	for (i = 0; i < l->n_ms; i++)
		if (ms_same_settings(&l->ms[i].cfg, &nc)) {
			i = ms_take_fams(l, &nc.addr, fams, i);
			l->ms[i].cfg.af = (uint8_t)(entry_fams(l->ms[i].cfg.af) | fams);
			lisp_etr_kick_ms(l, i);
			return 0;
		}
	/* New settings: an entry of A that has no other family than these
	 * is replaced, else a new entry starts. */
	for (i = 0; i < l->n_ms && reuse == UINT_MAX; i++)
		if (addr_eq(&l->ms[i].cfg.addr, &nc.addr) && !(entry_fams(l->ms[i].cfg.af) & ~fams))
			reuse = i;
	if (reuse == UINT_MAX && l->n_ms == LISP_MAX_MAP_SERVERS)
		return fail(err, errlen, "%% At most %d map-server entries (one for each family "
			    "whose settings differ)", LISP_MAX_MAP_SERVERS);
	if (reuse != UINT_MAX)
		i = ms_take_fams(l, &nc.addr, fams, reuse);
	else {
		ms_take_fams(l, &nc.addr, fams, UINT_MAX);	/* they keep another family */
		i = l->n_ms++;
	}
	m = &l->ms[i];
	t = m->timer;
	memset(m, 0, sizeof(*m));
	m->l = l;
	m->timer = t;
	m->cfg = nc;
	m->cfg.af = (uint8_t)fams;
	lisp_etr_kick_ms(l, i);		/* this one alone: the others keep their phase */
	return 0;
}

int lisp_map_server_set_proxy_reply(struct lisp *l, const struct addr *a, unsigned af, bool on,
				    char *err, size_t errlen)
{
	struct lisp_ms_cfg todo[LISP_MAX_MAP_SERVERS];
	unsigned i, n = 0, fams = entry_fams(af);
	bool found = false;

	for (i = 0; i < l->n_ms; i++) {
		if (!addr_eq(&l->ms[i].cfg.addr, a) || !(entry_fams(l->ms[i].cfg.af) & fams))
			continue;
		found = true;
		if (l->ms[i].cfg.proxy_reply == on)
			continue;
		todo[n] = l->ms[i].cfg;
		todo[n].proxy_reply = on;
		todo[n++].af = (uint8_t)(entry_fams(l->ms[i].cfg.af) & fams);
	}
	if (!found)
		return fail(err, errlen, "%% No such map-server: configure its key first");
	/* Other settings for those families: as a key line with them. */
	for (i = 0; i < n; i++)
		if (lisp_map_server_add(l, &todo[i], err, errlen) == -1)
			return -1;
	return 0;
}

int lisp_map_server_del(struct lisp *l, const struct addr *a, unsigned af, char *err,
			size_t errlen)
{
	unsigned i, fams = entry_fams(af);

	for (i = 0; i < l->n_ms; i++)
		if (addr_eq(&l->ms[i].cfg.addr, a) && (entry_fams(l->ms[i].cfg.af) & fams))
			break;
	if (i == l->n_ms)
		return fail(err, errlen, "%% No such map-server");
	ms_take_fams(l, a, fams, UINT_MAX);
	return 0;
}

int lisp_map_server_foreach(struct lisp *l,
			    int (*fn)(const struct lisp_ms_info *m, void *arg), void *arg)
{
	struct lisp_ms_info info;
	unsigned i;
	int rc;

	for (i = 0; i < l->n_ms; i++) {
		lisp_etr_ms_info(l, &l->ms[i], &info);
		if ((rc = fn(&info, arg)) != 0)
			return rc;
	}
	return 0;
}

int lisp_set_etr_map_cache_ttl(struct lisp *l, long minutes, char *err, size_t errlen)
{
	if (minutes < 0)
		minutes = LISP_ETR_TTL_DEFAULT;
	if (minutes < LISP_ETR_TTL_MIN || minutes > LISP_ETR_TTL_MAX)
		return fail(err, errlen, "%% TTL must be between %d and %d minutes",
			    LISP_ETR_TTL_MIN, LISP_ETR_TTL_MAX);
	l->etr_ttl = (uint32_t)minutes;
	return 0;
}

uint32_t lisp_etr_map_cache_ttl(const struct lisp *l)
{
	return l->etr_ttl;
}

/* ---------------------------------------------------------------- stats */

const struct lisp_stats *lisp_stats(const struct lisp *l)
{
	return &l->st;
}

void lisp_clear_stats(struct lisp *l)
{
	memset(&l->st, 0, sizeof(l->st));
}

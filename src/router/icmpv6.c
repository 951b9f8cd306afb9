/*
 * DOC: ICMPv6: echo, the errors a router sends, dispatch to ND and ping
 */
#include <string.h>

#include <arpa/inet.h>

#include "icmpv6.h"
#include "ipv6.h"
#include "log.h"
#include "router_int.h"

/* RFC 4443 2.4(c): the error fits in the minimum MTU. */
#define ICMP6_ERR_MAX	IP6_MIN_MTU

static void debug_icmp(const char *what, const uint8_t *src, const uint8_t *dst)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];

	if (!debug_on(DEBUG_IP_ICMP))
		return;
	inet_ntop(AF_INET6, src, s, sizeof(s));
	inet_ntop(AF_INET6, dst, d, sizeof(d));
	log_msg(LOG_DEBUG, "ICMPv6: %s, Src=%s, Dst=%s", what, s, d);
}

static void echo_reply(struct router *r, struct iface *ifp, const uint8_t *ip,
		       const uint8_t *icmp, size_t ilen)
{
	uint8_t *f = r->obuf, *rip = f + ETHER_HDRLEN, *ricmp = rip + IP6_HDRLEN;
	uint8_t src[16];
	uint16_t sum;

	if (ip6_is_unspec(ip + 8))
		return;
	if (ip6_is_mcast(ip + 24)) {
		/* To a group: answer from the address the requester would use. */
		if (!ipv6_source_for(r, ip + 8, ifp, src)) {
			rt6_drop(r, NULL, RT6_DROP_NO_SOURCE);
			return;
		}
	} else {
		memcpy(src, ip + 24, 16);
	}
	ipv6_build_hdr(rip, (uint16_t)ilen, IPPROTO_ICMPV6_, IP6_HOPLIMIT_DEFAULT, src, ip + 8);
	memcpy(ricmp, icmp, ilen);
	ricmp[0] = ICMP6_ECHO_REPLY;
	ricmp[1] = 0;
	ricmp[2] = ricmp[3] = 0;
	sum = ipv6_l4_cksum(rip, IPPROTO_ICMPV6_, ricmp, ilen);
	memcpy(ricmp + 2, &sum, 2);
	r->st6.icmp_total[1]++;
	r->st6.echo_reply[1]++;
	debug_icmp("Sent echo reply", src, ip + 8);
	ipv6_output(r, ifp, f, IP6_HDRLEN + ilen);
}

void icmp6_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		 size_t off)
{
	const uint8_t *icmp = ip + off;
	size_t ilen = len - off;

	if (ilen < 8) {
		rt6_drop(r, ifp, RT6_DROP_ICMP_MALFORMED);
		return;
	}
	if (ipv6_l4_cksum(ip, IPPROTO_ICMPV6_, icmp, ilen) != 0) {
		rt6_drop(r, ifp, RT6_DROP_ICMP_CHECKSUM);
		return;
	}
	r->st6.icmp_total[0]++;
	switch (icmp[0]) {
	case ICMP6_ECHO:
		r->st6.echo[0]++;
		debug_icmp("Received echo request", ip + 8, ip + 24);
		echo_reply(r, ifp, ip, icmp, ilen);
		return;
	case ICMP6_ECHO_REPLY:
		r->st6.echo_reply[0]++;
		debug_icmp("Received echo reply", ip + 8, ip + 24);
		break;
	case ICMP6_UNREACH:
		r->st6.unreach[0]++;
		break;
	case ICMP6_TOO_BIG:
		r->st6.too_big[0]++;
		break;
	case ICMP6_TIME_EXCEEDED:
		r->st6.time_exceeded[0]++;
		break;
	case ICMP6_PARAM_PROB:
		r->st6.param[0]++;
		traceroute_icmp6_input(r, ip + 8, icmp, ilen);
		return;
	case ND_ROUTER_SOLICIT:
	case ND_ROUTER_ADVERT:
	case ND_NEIGHBOR_SOLICIT:
	case ND_NEIGHBOR_ADVERT:
	case ND_REDIRECT:
		nd_input(r, ifp, ip, len, off);
		return;
	default:
		r->st6.other[0]++;
		return;
	}
	if (icmp[0] != ICMP6_ECHO_REPLY)
		traceroute_icmp6_input(r, ip + 8, icmp, ilen);
	ping_icmp6_input(r, ip, icmp, ilen);
}

/* RFC 4443 2.4(f): a token bucket, one token per interval. */
static bool rate_ok(struct router *r)
{
	uint64_t now = ev_now(r->ev), step;

	if (!r->icmp6_interval_ms)
		return true;
	step = (uint64_t)r->icmp6_interval_ms * NS_PER_MS;
	if (now > r->icmp6_refill) {
		uint64_t add = (now - r->icmp6_refill) / step;

		if (add) {
			r->icmp6_tokens = add >= r->icmp6_bucket ? r->icmp6_bucket :
					  r->icmp6_tokens + (unsigned)add > r->icmp6_bucket ?
					  r->icmp6_bucket : r->icmp6_tokens + (unsigned)add;
			r->icmp6_refill += add * step;
		}
	} else if (now < r->icmp6_refill) {
		r->icmp6_refill = now;		/* the clock was set back */
	}
	if (!r->icmp6_tokens)
		return false;
	r->icmp6_tokens--;
	return true;
}

void icmp6_error(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		 uint8_t type, uint8_t code, uint32_t param, bool l2_group)
{
	uint8_t f[ETHER_HDRLEN + ICMP6_ERR_MAX], *eip = f + ETHER_HDRLEN;
	uint8_t *icmp = eip + IP6_HDRLEN, src[16];
	const uint8_t *osrc = ip + 8, *odst = ip + 24;
	size_t quote;
	uint16_t sum;

	if ((ip[6] == IPPROTO_ICMPV6_ && len > IP6_HDRLEN &&
	     (ip[IP6_HDRLEN] < 128 || ip[IP6_HDRLEN] == ND_REDIRECT)) ||
	    ((ip6_is_mcast(odst) || l2_group) &&
	     !(type == ICMP6_TOO_BIG || (type == ICMP6_PARAM_PROB && code == 2))) ||
	    ip6_is_unspec(osrc) || ip6_is_mcast(osrc)) {
		r->st6.icmp_suppressed++;
		return;
	}
	if (type == ICMP6_UNREACH && ifp && ifp->no_unreach[1]) {
		r->st6.icmp_suppressed++;	/* 'no ipv6 unreachables' */
		return;
	}
	if (!rate_ok(r)) {
		r->st6.icmp_ratelimited++;
		return;
	}
	if (!ipv6_source_for(r, osrc, ifp, src) && !ipv6_source_for(r, osrc, NULL, src)) {
		rt6_drop(r, NULL, RT6_DROP_NO_SOURCE);
		return;
	}
	quote = len < ICMP6_ERR_MAX - 48 ? len : ICMP6_ERR_MAX - 48;
	ipv6_build_hdr(eip, (uint16_t)(8 + quote), IPPROTO_ICMPV6_, IP6_HOPLIMIT_DEFAULT,
		       src, osrc);
	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	icmp[4] = (uint8_t)(param >> 24);
	icmp[5] = (uint8_t)(param >> 16);
	icmp[6] = (uint8_t)(param >> 8);
	icmp[7] = (uint8_t)param;
	memcpy(icmp + 8, ip, quote);
	sum = ipv6_l4_cksum(eip, IPPROTO_ICMPV6_, icmp, 8 + quote);
	memcpy(icmp + 2, &sum, 2);
	r->st6.icmp_total[1]++;
	switch (type) {
	case ICMP6_UNREACH:
		r->st6.unreach[1]++;
		debug_icmp("Sent destination unreachable", src, osrc);
		break;
	case ICMP6_TOO_BIG:
		r->st6.too_big[1]++;
		debug_icmp("Sent packet too big", src, osrc);
		break;
	case ICMP6_TIME_EXCEEDED:
		r->st6.time_exceeded[1]++;
		debug_icmp("Sent time exceeded", src, osrc);
		break;
	default:
		r->st6.param[1]++;
		debug_icmp("Sent parameter problem", src, osrc);
		break;
	}
	ipv6_output(r, ifp, f, IP6_HDRLEN + 8 + quote);
}

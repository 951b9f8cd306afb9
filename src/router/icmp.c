/*
 * DOC: ICMP: echo, and the errors a router sends
 */
#include <string.h>

#include <arpa/inet.h>

#include "icmp.h"
#include "ipv4.h"
#include "log.h"
#include "router_int.h"

/* RFC 1812 4.3.2.3: quote as much as fits in a 576-byte datagram. */
#define ICMP_ERR_MAX	576

static bool icmp_is_error(uint8_t type)
{
	switch (type) {
	case ICMP_ECHO_REPLY:
	case ICMP_ECHO:
	case 9: case 10:		/* router advertisement, solicitation */
	case 13: case 14: case 15: case 16: case 17: case 18:
		return false;
	default:
		return true;
	}
}

static void echo_reply(struct router *r, const uint8_t *ip, size_t len, unsigned hlen)
{
	uint8_t *f = r->obuf, *rip = f + ETHER_HDRLEN, *icmp = rip + 20;
	size_t ilen = len - hlen;
	uint32_t src, dst;
	uint16_t sum;

	memcpy(&src, ip + 12, 4);
	memcpy(&dst, ip + 16, 4);
	ipv4_build_hdr(r, rip, (uint16_t)(20 + ilen), 255, IPPROTO_ICMP_, dst, src, false);
	memcpy(icmp, ip + hlen, ilen);
	icmp[0] = ICMP_ECHO_REPLY;
	icmp[1] = 0;
	icmp[2] = icmp[3] = 0;
	sum = ipv4_cksum(icmp, ilen);
	memcpy(icmp + 2, &sum, 2);
	r->st.icmp_tx_echo_reply++;
	if (debug_on(DEBUG_IP_ICMP)) {
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		log_msg(LOG_DEBUG, "ICMP: echo reply sent, src %s, dst %s", inet_ntop(AF_INET, &dst, a, sizeof(a)),
			inet_ntop(AF_INET, &src, b, sizeof(b)));
	}
	ipv4_output(r, f, 20 + ilen);
}

void icmp_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	const uint8_t *icmp = ip + hlen;
	size_t ilen = len - hlen;
	uint32_t src;

	if (ilen < 8) {
		rt_drop(r, ifp, RT_DROP_ICMP_MALFORMED);
		return;
	}
	if (ipv4_cksum(icmp, ilen) != 0) {
		rt_drop(r, ifp, RT_DROP_ICMP_CHECKSUM);
		return;
	}
	memcpy(&src, ip + 12, 4);
	if (debug_on(DEBUG_IP_ICMP) && icmp[0] != ICMP_ECHO) {
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &src, a, sizeof(a));
		inet_ntop(AF_INET, ip + 16, b, sizeof(b));
		if (icmp[0] == ICMP_ECHO_REPLY)
			log_msg(LOG_DEBUG, "ICMP: echo reply rcvd, src %s, dst %s", a, b);
		else if (icmp[0] == ICMP_UNREACH)
			log_msg(LOG_DEBUG, "ICMP: dst (%s) unreachable (code %u) rcv from %s", b, icmp[1], a);
		else if (icmp[0] == ICMP_TIME_EXCEEDED)
			log_msg(LOG_DEBUG, "ICMP: time exceeded rcvd from %s", a);
		else
			log_msg(LOG_DEBUG, "ICMP: type %u, code %u rcvd from %s", icmp[0], icmp[1], a);
	}
	switch (icmp[0]) {
	case ICMP_ECHO:
		r->st.icmp_rx_echo++;
		echo_reply(r, ip, len, hlen);
		break;
	case ICMP_ECHO_REPLY:
		r->st.icmp_rx_echo_reply++;
		ping_icmp_input(r, src, icmp, ilen);
		break;
	case ICMP_UNREACH:
		r->st.icmp_rx_unreach++;
		ping_icmp_input(r, src, icmp, ilen);
		traceroute_icmp_input(r, src, icmp, ilen);
		break;
	case ICMP_TIME_EXCEEDED:
		r->st.icmp_rx_time_exceeded++;
		ping_icmp_input(r, src, icmp, ilen);
		traceroute_icmp_input(r, src, icmp, ilen);
		break;
	default:
		r->st.icmp_rx_other++;
		break;
	}
}

void icmp_error(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		uint8_t type, uint8_t code, uint16_t extra)
{
	uint8_t f[ETHER_HDRLEN + ICMP_ERR_MAX], *eip = f + ETHER_HDRLEN, *icmp = eip + 20;
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	uint16_t frag = (uint16_t)(ip[6] << 8 | ip[7]), sum;
	uint32_t osrc, odst, src;
	size_t quote;
	uint64_t now;

	memcpy(&osrc, ip + 12, 4);
	memcpy(&odst, ip + 16, 4);
	if ((frag & IP_OFFMASK) ||
	    (ip[9] == IPPROTO_ICMP_ && len > hlen && icmp_is_error(ip[hlen])) ||
	    osrc == 0 || ipv4_martian_src(osrc) || ipv4_martian_src(odst)) {
		r->st.icmp_suppressed++;
		return;
	}
	if (type == ICMP_UNREACH && code != ICMP_UNREACH_NEEDFRAG && ifp && ifp->no_unreach[0]) {
		r->st.icmp_suppressed++;	/* 'no ip unreachables' */
		return;
	}
	if (type == ICMP_UNREACH) {
		bool df = code == ICMP_UNREACH_NEEDFRAG;
		uint32_t ms = df ? r->icmp_rl_df_ms : r->icmp_rl_ms;
		uint64_t *last = df ? &r->icmp_rl_df_last : &r->icmp_rl_last;
		bool *used = df ? &r->icmp_rl_df_used : &r->icmp_rl_used;

		now = ev_now(r->ev);
		if (ms && *used && now - *last < (uint64_t)ms * NS_PER_MS) {
			r->st.icmp_ratelimited++;
			return;
		}
		*used = true;
		*last = now;
	}
	/* About a packet for us (a port unreachable, a traceroute's last
	 * hop): from the address it was sent to, as IOS and Linux answer;
	 * otherwise from the interface it came in on. */
	if (iface_by_addr(r, odst))
		src = odst;
	else
		src = ifp && ifp->has_addr ? ifp->addr : ipv4_source_for(r, osrc);
	if (!src) {
		rt_drop(r, NULL, RT_DROP_NO_SOURCE);
		return;
	}
	quote = len < ICMP_ERR_MAX - 28 ? len : ICMP_ERR_MAX - 28;
	ipv4_build_hdr(r, eip, (uint16_t)(28 + quote), 255, IPPROTO_ICMP_, src, osrc, false);
	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	icmp[4] = icmp[5] = 0;
	icmp[6] = (uint8_t)(extra >> 8);
	icmp[7] = (uint8_t)extra;
	memcpy(icmp + 8, ip, quote);
	sum = ipv4_cksum(icmp, 8 + quote);
	memcpy(icmp + 2, &sum, 2);
	if (type == ICMP_TIME_EXCEEDED)
		r->st.icmp_tx_time_exceeded++;
	else
		r->st.icmp_tx_unreach++;
	if (debug_on(DEBUG_IP_ICMP)) {
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &osrc, a, sizeof(a));
		inet_ntop(AF_INET, &odst, b, sizeof(b));
		if (type == ICMP_TIME_EXCEEDED)
			log_msg(LOG_DEBUG, "ICMP: time exceeded (time to live) sent to %s (dest was %s)", a, b);
		else
			log_msg(LOG_DEBUG, "ICMP: dst (%s) %s unreachable sent to %s", b,
				code == ICMP_UNREACH_NEEDFRAG ? "frag. needed and DF set" :
				code == 1 ? "host" : code == 3 ? "port" : code == 2 ? "protocol" : "net", a);
	}
	ipv4_output(r, f, 28 + quote);
}

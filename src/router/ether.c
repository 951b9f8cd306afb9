/*
 * DOC: Ethernet II input and output
 */
#include <string.h>

#include "buf.h"
#include "ether.h"
#include "ipv4.h"
#include "router_int.h"

const uint8_t ether_bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void ether_input(struct router *r, struct iface *ifp, const uint8_t *f, size_t len)
{
	struct rbuf rb;
	uint8_t dst[6];
	uint16_t type;
	bool group;

	r->st.rx_frames++;
	ifp->cnt.in_pkts++;
	ifp->cnt.in_bytes += len;
	rbuf_init(&rb, f, len);
	if (rbuf_get(&rb, dst, 6) == -1 || rbuf_skip(&rb, 6) == -1 ||
	    rbuf_get_u16(&rb, &type) == -1) {
		ifp->cnt.in_runts++;
		rt_drop(r, ifp, RT_DROP_RUNT);
		return;
	}
	if (!iface_is_up(ifp)) {
		rt_drop(r, ifp, RT_DROP_IFACE_DOWN);
		return;
	}
	if (len > PORT_MAXFRAME) {
		ifp->cnt.in_giants++;
		rt_drop(r, ifp, RT_DROP_GIANT);
		return;
	}
	group = ether_is_group(dst);
	if (group)
		ifp->cnt.in_bcast++;
	else if (memcmp(dst, ifp->mac, 6) != 0) {
		rt_drop(r, ifp, RT_DROP_OTHER_HOST);
		return;
	}
	r->cur_smac = f + 6;
	switch (type) {
	case ETHERTYPE_IPV4:
		ipv4_input(r, ifp, rb.p, rb.len, group);
		break;
	case ETHERTYPE_ARP:
		arp_input(r, ifp, rb.p, rb.len);
		break;
	case ETHERTYPE_IPV6:
		if (ifp->v6.running)
			ipv6_input(r, ifp, rb.p, rb.len, group);
		else		/* IPv6 is not enabled on the interface */
			rt_drop(r, ifp, RT_DROP_ETHERTYPE);
		break;
	default:
		rt_drop(r, ifp, RT_DROP_ETHERTYPE);
		break;
	}
	r->cur_smac = NULL;
}

void ether_send(struct router *r, struct iface *ifp, const uint8_t dst[6],
		uint16_t type, uint8_t *f, size_t len)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, ifp->mac, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	if (!ifp->port || port_send(ifp->port, f, len, ev_now(r->ev)) == -1) {
		ifp->cnt.out_errors++;
		r->st.drops[RT_DROP_TX_ERROR]++;
		rt_lost(r, r->out_owned, RT_DROP_TX_ERROR);
		return;
	}
	ifp->cnt.out_pkts++;
	ifp->cnt.out_bytes += len;
}

void ether_output_ip(struct router *r, struct iface *ifp, uint32_t nh,
		     uint8_t *f, size_t len)
{
	arp_resolve(r, ifp, nh, f, len);
}

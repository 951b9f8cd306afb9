/*
 * DOC: the live port: libpcap in, libnet out
 *
 * Capture runs in immediate mode with PCAP_D_IN so the router never sees
 * the frames it injected itself, and non-blocking so the event loop can
 * drain a burst per wakeup.  Frames leave through libnet's advanced
 * link-layer interface, which writes a prebuilt frame as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnet.h>
#include <pcap/pcap.h>

#include "port.h"

struct port_live {
	struct port port;	/* first */
	pcap_t *cap;
	libnet_t *net;
	int fd;
	port_rx_fn fn;
	void *arg;
};

static int live_fd(struct port *p)
{
	return ((struct port_live *)p)->fd;
}

static void live_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct port_live *l = (struct port_live *)user;

	l->fn(l->arg, bytes, h->caplen,
	      (uint64_t)h->ts.tv_sec * 1000000000ull + (uint64_t)h->ts.tv_usec * 1000ull);
}

static int live_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	struct port_live *l = (struct port_live *)p;
	int n;

	l->fn = fn;
	l->arg = arg;
	n = pcap_dispatch(l->cap, max, live_cb, (u_char *)l);
	return n < 0 ? -1 : n;
}

static int live_peek(struct port *p, uint64_t *ts)
{
	return -1;
}

static int live_send(struct port *p, const uint8_t *frame, size_t len, uint64_t ts)
{
	struct port_live *l = (struct port_live *)p;

	if (libnet_adv_write_link(l->net, frame, (uint32_t)len) < 0) {
		p->tx_errors++;
		return -1;
	}
	return 0;
}

static void live_close(struct port *p)
{
	struct port_live *l = (struct port_live *)p;

	if (l->cap)
		pcap_close(l->cap);
	if (l->net)
		libnet_destroy(l->net);
	free(l);
}

static const struct port_ops live_ops = {
	.kind = "live",
	.fd = live_fd,
	.recv = live_recv,
	.peek = live_peek,
	.send = live_send,
	.close = live_close,
};

struct port *port_live_open(const char *dev, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE > LIBNET_ERRBUF_SIZE ? PCAP_ERRBUF_SIZE : LIBNET_ERRBUF_SIZE];
	struct port_live *l = calloc(1, sizeof(*l));
	struct libnet_ether_addr *hw;

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->port.ops = &live_ops;
	l->fd = -1;
	snprintf(l->port.name, sizeof(l->port.name), "%s", dev);

	perr[0] = '\0';
	if (!(l->cap = pcap_create(dev, perr)))
		goto pcap_fail;
	if (pcap_set_immediate_mode(l->cap, 1) != 0 ||
	    pcap_set_snaplen(l->cap, PORT_MAXFRAME) != 0 ||
	    pcap_set_buffer_size(l->cap, 4 << 20) != 0)
		goto pcap_err;
	if (pcap_activate(l->cap) < 0)
		goto pcap_err;
	if (pcap_datalink(l->cap) != DLT_EN10MB) {
		snprintf(err, errlen, "%s: not an Ethernet interface", dev);
		goto fail;
	}
	if (pcap_setdirection(l->cap, PCAP_D_IN) != 0 ||
	    pcap_setnonblock(l->cap, 1, perr) != 0)
		goto pcap_err;
	if ((l->fd = pcap_get_selectable_fd(l->cap)) < 0) {
		snprintf(err, errlen, "%s: no selectable descriptor", dev);
		goto fail;
	}

	if (!(l->net = libnet_init(LIBNET_LINK_ADV, dev, perr))) {
		snprintf(err, errlen, "%s: libnet: %s", dev, perr);
		goto fail;
	}
	if (!(hw = libnet_get_hwaddr(l->net))) {
		snprintf(err, errlen, "%s: %s", dev, libnet_geterror(l->net));
		goto fail;
	}
	memcpy(l->port.mac, hw->ether_addr_octet, 6);
	return &l->port;

pcap_err:
	snprintf(err, errlen, "%s: %s", dev, pcap_geterr(l->cap));
	goto fail;
pcap_fail:
	snprintf(err, errlen, "%s: %s", dev, perr);
fail:
	live_close(&l->port);
	return NULL;
}

/*
 * DOC: the live port: libpcap in, libnet out
 *
 * Capture reads libpcap's TPACKET_V3 ring (inbound only, non-blocking): the
 * kernel packs frames into blocks and hands a block over, waking the event
 * loop, when it is full or RX_TIMEOUT_MS after its first frame.  Under load
 * one wakeup takes a block of frames; a lone frame (a ping, a control
 * message) waits at most the timeout.  Immediate mode (TPACKET_V2, one
 * wakeup per frame) cost the xTRs of bench/bench_xtr_live.sh a sleep and a
 * wakeup per frame, and its fixed 2 KB slots held only 4,096 frames, 140 ms
 * at 30,000 packets/s: a router waiting that long for a core on a busy
 * machine overran it.  Blocks hold small frames at their own size.  The
 * kernel is told to keep our own transmitted frames out of the ring
 * (PACKET_IGNORE_OUTGOING) rather than copy each one in for libpcap to
 * skip, and libnet's socket, which would otherwise get a copy of every
 * frame in the namespace, is taken off the receive path.
 *
 * Frames leave through libnet's advanced link-layer interface, one sendto
 * per frame, except inside a send batch (port_batch_begin: the router
 * drains a ring inside one): then they are copied into the port's queue
 * and sent with one sendmmsg on libnet's socket when the batch ends or the
 * queue fills.  bench/bench_forward_live.sh, one router pinned to its own
 * core, found batching bought little there, since per frame the kernel's
 * transmit path (the veth and the receiver's side run in our system call)
 * costs far more than the system call; with two xTRs sharing the cores
 * with their hosts every system call saved is time another process gets.
 *
 * The capture socket is bound to an ifindex: when the interface is deleted
 * the socket is dead for good (the kernel reports ENODEV/ENETDOWN on it),
 * and an interface created again under the same name is another one.  So
 * the port can be detached (capture and injector closed, the counters kept)
 * and attached again, which opens both anew on whatever interface holds
 * the name then.  live_link() asks the kernel with two ioctls, which never
 * block.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libnet.h>
#include <pcap/pcap.h>

#include "port.h"

/* About 5,000 MTU-sized frames, 35 ms of traffic at 150,000 packets/s, or
 * some 35,000 small ones: a router that loses its core for a moment loses
 * no frames. */
#define RX_RING_BYTES	(8 << 20)
/* How long the kernel holds a block that is not full: the most a frame
 * waits in the ring for the router to be woken (the kernel counts in ms). */
#define RX_TIMEOUT_MS	1
/* The send queue of a batch: frames and bytes. */
#define TX_BATCH	64
#define TX_ARENA	(256 << 10)

struct port_live {
	struct port port;	/* first */
	pcap_t *cap;
	libnet_t *net;
	int fd;
	uint64_t drops0;	/* kernel drops counted by earlier captures */
	port_rx_fn fn;
	void *arg;
	/* The send queue of a batch (see port_batch_begin). */
	unsigned txn;
	size_t txused;
	uint8_t *txbuf;		/* TX_ARENA bytes */
	struct sockaddr_ll txaddr;
	struct iovec txiov[TX_BATCH];
	struct mmsghdr txmsg[TX_BATCH];
};

/*
 * libpcap sizes the capture ring's slots from the snap length when the
 * interface has segmentation offloads on (veth does by default): 64 KB
 * slots leave 64 frames in a 4 MB ring, and a burst of 65 loses frames.
 * No frame the kernel hands over is longer than the MTU plus a VLAN-tagged
 * Ethernet header, except offload super-frames, which a router must drop.
 */
static int snaplen(const char *dev)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), len = PORT_MAXFRAME;

	if (fd == -1)
		return len;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%.*s", (int)sizeof(ifr.ifr_name) - 1, dev);
	if (ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0 &&
	    ifr.ifr_mtu + 18 < PORT_MAXFRAME)
		len = ifr.ifr_mtu + 18;
	close(fd);
	return len < 1518 ? 1518 : len;
}

static int live_fd(struct port *p)
{
	return ((struct port_live *)p)->fd;
}

static void live_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct port_live *l = (struct port_live *)user;

	/* A GRO/GSO super-frame cut at the snap length: never forward a part. */
	if (h->caplen < h->len) {
		l->port.rx_errors++;
		return;
	}

	l->fn(l->arg, bytes, h->caplen,
	      (uint64_t)h->ts.tv_sec * 1000000000ull + (uint64_t)h->ts.tv_usec * 1000ull);
}

static int live_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	struct port_live *l = (struct port_live *)p;
	int n;

	if (!l->cap)
		return 0;
	l->fn = fn;
	l->arg = arg;
	n = pcap_dispatch(l->cap, max, live_cb, (u_char *)l);
	return n < 0 ? -1 : n;
}

static int live_peek(struct port *p, uint64_t *ts)
{
	return -1;
}

/* Send the queued frames, as many per system call as the kernel takes. */
static void live_flush(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	unsigned i = 0;
	int n;

	while (i < l->txn) {
		n = l->net ? sendmmsg(libnet_getfd(l->net), l->txmsg + i, l->txn - i, 0) : -1;
		if (n > 0) {
			i += (unsigned)n;
		} else if (n == -1 && errno == EINTR) {
			continue;
		} else {
			p->tx_errors++;	/* this frame: the kernel refused it */
			i++;
		}
	}
	l->txn = 0;
	l->txused = 0;
}

static int live_send(struct port *p, const uint8_t *frame, size_t len, uint64_t ts)
{
	struct port_live *l = (struct port_live *)p;
	struct mmsghdr *m;

	if (!l->net) {
		p->tx_errors++;
		return -1;
	}
	if (!port_batching() || !l->txbuf || !l->txaddr.sll_ifindex || len > TX_ARENA) {
		if (libnet_adv_write_link(l->net, frame, (uint32_t)len) < 0) {
			p->tx_errors++;
			return -1;
		}
		return 0;
	}
	if (l->txn == TX_BATCH || l->txused + len > TX_ARENA)
		live_flush(p);
	memcpy(l->txbuf + l->txused, frame, len);
	l->txiov[l->txn].iov_base = l->txbuf + l->txused;
	l->txiov[l->txn].iov_len = len;
	m = &l->txmsg[l->txn];
	memset(m, 0, sizeof(*m));
	m->msg_hdr.msg_name = &l->txaddr;
	m->msg_hdr.msg_namelen = sizeof(l->txaddr);
	m->msg_hdr.msg_iov = &l->txiov[l->txn];
	m->msg_hdr.msg_iovlen = 1;
	l->txused += (len + 15) & ~(size_t)15;
	if (l->txused > TX_ARENA)
		l->txused = TX_ARENA;
	l->txn++;
	port_batch_mark(p);
	return 0;
}

static uint64_t ring_drops(struct port_live *l)
{
	struct pcap_stat ps;

	if (!l->cap || pcap_stats(l->cap, &ps) != 0)
		return 0;
	return ps.ps_drop;
}

static void live_detach(struct port *p)
{
	struct port_live *l = (struct port_live *)p;

	/* Frames still queued would go out of a socket about to close. */
	port_batch_forget(p);
	p->tx_errors += l->txn;
	l->txn = 0;
	l->txused = 0;
	l->drops0 += ring_drops(l);
	if (l->cap)
		pcap_close(l->cap);
	if (l->net)
		libnet_destroy(l->net);
	l->cap = NULL;
	l->net = NULL;
	l->fd = -1;
	p->ifindex = 0;
}

static void live_close(struct port *p)
{
	live_detach(p);
	free(((struct port_live *)p)->txbuf);
	free(p);
}

static int live_link(struct port *p, struct port_link *st)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memset(st, 0, sizeof(*st));
	if (fd == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%.*s", (int)sizeof(ifr.ifr_name) - 1, p->name);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) == 0) {
		st->present = true;
		st->ifindex = ifr.ifr_ifindex;
		if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
			st->up = ifr.ifr_flags & IFF_UP;
			st->carrier = st->up && (ifr.ifr_flags & IFF_RUNNING);
		}
	}
	close(fd);
	return 0;
}

static int live_attach(struct port *p, char *err, size_t errlen);

/* The interface's MAC, for a port not attached yet (zero if unknown). */
static void hwaddr(const char *dev, uint8_t mac[6])
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memset(mac, 0, 6);
	if (fd == -1)
		return;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%.*s", (int)sizeof(ifr.ifr_name) - 1, dev);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == 0)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	close(fd);
}

static const struct port_ops live_ops = {
	.kind = "live",
	.fd = live_fd,
	.recv = live_recv,
	.peek = live_peek,
	.send = live_send,
	.close = live_close,
	.link = live_link,
	.detach = live_detach,
	.attach = live_attach,
	.flush = live_flush,
};

uint64_t port_live_rx_drops(struct port *p)
{
	struct port_live *l = (struct port_live *)p;

	if (p->ops != &live_ops)
		return 0;
	return l->drops0 + ring_drops(l);
}

/* Open the capture and the injector on the interface named p->name. */
static int live_attach(struct port *p, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE > LIBNET_ERRBUF_SIZE ? PCAP_ERRBUF_SIZE : LIBNET_ERRBUF_SIZE];
	struct port_live *l = (struct port_live *)p;
	const char *dev = p->name;
	struct libnet_ether_addr *hw;
	struct sockaddr_ll sll;
	int one = 1, ifindex;

	live_detach(p);
	perr[0] = '\0';
	if (!(l->cap = pcap_create(dev, perr)))
		goto pcap_fail;
	if (pcap_set_immediate_mode(l->cap, 0) != 0 ||
	    pcap_set_timeout(l->cap, RX_TIMEOUT_MS) != 0 ||
	    pcap_set_snaplen(l->cap, snaplen(dev)) != 0 ||
	    pcap_set_buffer_size(l->cap, RX_RING_BYTES) != 0)
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
	/* libpcap drops our own frames only after the kernel copied them
	 * into the ring; this keeps them out of it. */
	setsockopt(l->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));

	if (!(l->net = libnet_init(LIBNET_LINK_ADV, dev, perr))) {
		snprintf(err, errlen, "%s: libnet: %s", dev, perr);
		goto fail;
	}
	if (!(hw = libnet_get_hwaddr(l->net))) {
		snprintf(err, errlen, "%s: %s", dev, libnet_geterror(l->net));
		goto fail;
	}
	memcpy(l->port.mac, hw->ether_addr_octet, 6);
	/* libnet's socket is ETH_P_ALL and unbound: it would be handed a
	 * copy of every frame in the namespace and never read.  Protocol 0
	 * takes it off the receive path; sending is unaffected. */
	if ((ifindex = (int)if_nametoindex(dev))) {
		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		sll.sll_ifindex = ifindex;
		bind(libnet_getfd(l->net), (struct sockaddr *)&sll, sizeof(sll));
	}
	p->ifindex = ifindex;
	/* Batched frames go to the same interface; protocol 0: the kernel
	 * reads each frame's own EtherType. */
	memset(&l->txaddr, 0, sizeof(l->txaddr));
	l->txaddr.sll_family = AF_PACKET;
	l->txaddr.sll_ifindex = ifindex;
	/* The NIC's multicast filter passes only the groups the kernel
	 * joined, and the kernel does not run IPv6 for lispr's addresses:
	 * all-multicast brings the IPv6 groups lispr answers (all-nodes,
	 * all-routers, solicited-node); ether_input/ipv6_input drop and
	 * count the groups it is not in.  Tied to this socket, so it goes
	 * with a detach and comes back with the next attach. */
	if (ifindex) {
		struct packet_mreq mr;

		memset(&mr, 0, sizeof(mr));
		mr.mr_ifindex = ifindex;
		mr.mr_type = PACKET_MR_ALLMULTI;
		setsockopt(l->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
	}
	return 0;

pcap_err:
	snprintf(err, errlen, "%s: %s", dev, pcap_geterr(l->cap));
	goto fail;
pcap_fail:
	snprintf(err, errlen, "%s: %s", dev, perr);
fail:
	live_detach(p);
	return -1;
}

struct port *port_live_open(const char *dev, char *err, size_t errlen)
{
	struct port_live *l = calloc(1, sizeof(*l));

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->port.ops = &live_ops;
	l->port.has_link = true;
	l->txbuf = malloc(TX_ARENA);	/* NULL: every frame is sent alone */
	l->fd = -1;
	snprintf(l->port.name, sizeof(l->port.name), "%s", dev);
	if (live_attach(&l->port, err, errlen) == -1) {
		struct port_link st;

		/* An interface that is there but down cannot be captured on
		 * yet: the port starts detached and is attached when the
		 * interface comes up (src/router/netlink.c), so a startup-config
		 * read before the links are up keeps its interfaces. */
		if (live_link(&l->port, &st) == 0 && st.present && !st.up) {
			l->port.detached = true;
			hwaddr(dev, l->port.mac);
			return &l->port;
		}
		live_close(&l->port);
		return NULL;
	}
	return &l->port;
}

/*
 * DOC: the live port: a packet socket's ring in, libnet out
 *
 * Capture reads a TPACKET_V3 ring of the port's own packet socket (bound
 * to the interface, inbound only, non-blocking), mmap'ed and read in
 * place: the kernel packs frames into blocks and hands a block over,
 * waking the event loop, when it is full or a block timeout after its
 * first frame.  Under load one wakeup takes a block of frames; a lone
 * frame (a ping, a control message) waits at most the timeout (1 ms).
 * libpcap did this before, but it makes every block 256 KB: since the
 * kernel hands a block over at the timeout however empty, 8 MB of ring
 * was 32 blocks, 32 ms of traffic at any rate under 70,000 small frames a
 * millisecond-block, and an xTR that waited longer for a core on a busy
 * machine (bench/bench_xtr_live.sh: 3-5 s of waiting per 3 s run) overran
 * it.  Blocks of 32 KB make the same 8 MB 256 blocks: 256 ms at low rates
 * and about 36,000 small frames at high ones (port_live_set_ring sizes it).
 * Whether a block is waiting is one read of its header (live_pending), so
 * the router's drain loop passes over an idle port without a system call.
 * Immediate mode (TPACKET_V2, one wakeup per frame) was worse still.  The
 * kernel is told to keep our own transmitted frames out of the ring
 * (PACKET_IGNORE_OUTGOING), a VLAN tag the kernel took off is put back as
 * libpcap did, and libnet's socket, which would otherwise get a copy of
 * every frame in the namespace, is taken off the receive path.
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
 * With port_live_set_qdisc_bypass() ('platform packet-io qdisc-bypass')
 * libnet's socket gets PACKET_QDISC_BYPASS at the next attach: frames go
 * to the driver without passing the interface's qdisc.  libnet's socket
 * is made non-blocking: a send never waits (the router lock is held, or
 * the loop is dispatching), so frames the kernel has no room for (its
 * send buffer full of frames a stalled NIC or a shaping qdisc still
 * holds) are dropped and counted as output errors, as an IOS output queue
 * drops, instead of stopping the router.
 *
 * Receive queues (port_live_set_queues, 'platform packet-io workers'):
 * with more than one the port opens a capture socket and ring per queue,
 * all in one PACKET_FANOUT group that hashes on the flow, so one flow's
 * frames stay in one queue, in order.  The router's loop reads queue 0,
 * its receive workers the others, each holding the router lock; only the
 * send side runs without it: each thread queues in its own lane's send
 * queue (struct live_txq) and a worker flushes after letting go of the
 * router lock, under port.c's flush lock, its counters its own.
 *
 * The capture socket is bound to an ifindex: when the interface goes
 * down or is deleted the kernel unhooks the socket (and reports
 * ENETDOWN on it), and an interface created again under the same name is
 * another one.  So the port can be detached (injector closed, the
 * counters kept) and attached again on whatever interface holds the name
 * then.  The detach keeps the capture's sockets and rings (rings_keep):
 * making a ring is the slow part, and an attach runs in the event loop
 * when a link comes up.  The attach binds them again (kept_reuse) when
 * they fit the settings, dropping the frames left from before; the kernel
 * hooks a socket again by itself when its interface comes back up, and a
 * socket outside a fanout group can be bound to a new interface.  Rings
 * let go during a reopen from the shell wait for it to free them without
 * the router lock (port_live_take_old).  live_link() asks the kernel with
 * two ioctls, which never block.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libnet.h>

#include "port.h"

/* The send queue of a batch: frames and bytes. */
#define TX_BATCH	64
#define TX_ARENA	(256 << 10)

/* The ring's geometry for ports opened from now on (port_live_set_ring). */
static size_t ring_bytes = PORT_LIVE_RING_BYTES;
static unsigned ring_block = PORT_LIVE_BLOCK_BYTES;
static unsigned ring_tov = PORT_LIVE_BLOCK_MS;
static bool qdisc_bypass;
static unsigned rx_queues = 1;

/* A receive queue: a capture socket and its ring. */
struct live_rxq {
	int fd;			/* -1 when closed */
	uint8_t *ring;		/* its mmap'ed TPACKET_V3 ring */
	size_t ringlen;
	unsigned blocksz, nblocks, cur;	/* cur: the next block to read */
	unsigned left;		/* frames not yet read in block cur */
	struct tpacket3_hdr *pkt;	/* the next of them */
	uint64_t drops;		/* kernel drops counted so far, all captures */
	uint64_t blocks, frames;
};

/* The send queue of one lane's batch (see port_batch_begin); only the
 * thread sending in that lane touches it, its counters included. */
struct live_txq {
	unsigned n;
	size_t used;
	uint8_t *buf;		/* TX_ARENA bytes, allocated at first use */
	struct iovec iov[TX_BATCH];
	struct mmsghdr msg[TX_BATCH];
	uint64_t batches, batched;
};

/* Rings made ahead (port_live_rings_new), or kept across a detach, with
 * the settings they fit. */
struct port_live_rings {
	size_t bytes;
	unsigned block, tov, snap, n;
	int ifindex;		/* kept: the interface they are bound to */
	bool fanout;		/* kept: their queues in a PACKET_FANOUT group */
	struct port_live_rings *next;	/* on port_live.old */
	struct live_rxq rx[PORT_QUEUES];
};

struct port_live {
	struct port port;	/* first */
	struct port_live_rings *spare;	/* for the next attach, or NULL */
	uint64_t rings_ahead;	/* attaches that bound them */
	/* The rings of the last capture, kept by the detach for the next
	 * attach (port_live_rings_kept() counts those that bound them);
	 * rings let go while a reopen collects them (collect: set by
	 * port_live_give_rings), for port_live_take_old(). */
	struct port_live_rings *kept, *old;
	bool collect;
	uint64_t rings_kept;
	size_t rbytes;		/* the settings the open rings were made with */
	unsigned rblock;
	bool fanout;		/* the open queues are a PACKET_FANOUT group */
	libnet_t *net;
	struct live_rxq rx[PORT_QUEUES];
	unsigned nq;		/* receive queues open, 0 when detached */
	unsigned tov;		/* the rings' block timeout, ms */
	unsigned snap;		/* longer frames are counted, not delivered */
	uint8_t *vbuf;		/* a frame with its VLAN tag put back */
	struct sockaddr_ll txaddr;
	struct live_txq tx[PORT_QUEUES];
	bool bypass;		/* PACKET_QDISC_BYPASS set on libnet's socket */
	bool promisc_on;	/* rx[0]'s socket holds a promiscuous membership */
	uint64_t tx_single;
};

int port_live_set_queues(unsigned n)
{
	if (n < 1 || n > PORT_QUEUES)
		return -1;
	rx_queues = n;
	return 0;
}

unsigned port_live_queues(void)
{
	return rx_queues;
}

/* Frames the kernel refused at a flush: the flushing thread may not hold
 * the router lock, so the count is added to atomically. */
static void tx_error(struct port *p)
{
	__atomic_fetch_add(&p->tx_errors, 1, __ATOMIC_RELAXED);
}

int port_live_set_ring(size_t bytes, unsigned block, unsigned block_ms)
{
	if (block < 4096 || (block & (block - 1)) || block > (4u << 20) ||
	    bytes < 2 * (size_t)block || bytes > ((size_t)1 << 30) ||
	    block_ms < 1 || block_ms > 1000)
		return -1;
	ring_bytes = bytes;
	ring_block = block;
	ring_tov = block_ms;
	return 0;
}

void port_live_get_ring(size_t *bytes, unsigned *block, unsigned *block_ms)
{
	*bytes = ring_bytes;
	*block = ring_block;
	*block_ms = ring_tov;
}

void port_live_set_qdisc_bypass(bool on)
{
	qdisc_bypass = on;
}

bool port_live_qdisc_bypass(void)
{
	return qdisc_bypass;
}

/*
 * No frame the kernel hands over is longer than the MTU plus a
 * VLAN-tagged Ethernet header, except offload super-frames (GRO/GSO, veth
 * with its offloads on), which a router must drop.
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
	return ((struct port_live *)p)->rx[0].fd;
}

static unsigned live_queues(struct port *p)
{
	struct port_live *l = (struct port_live *)p;

	return l->nq ? l->nq : 1;
}

static int live_qfd(struct port *p, unsigned q)
{
	struct port_live *l = (struct port_live *)p;

	return q < l->nq ? l->rx[q].fd : -1;
}

static struct tpacket_block_desc *block(struct live_rxq *x, unsigned i)
{
	return (struct tpacket_block_desc *)(x->ring + (size_t)i * x->blocksz);
}

/* The kernel's error on the socket (ENETDOWN, ENODEV: the interface went
 * down or away), asked only when the ring is empty: one poll, as libpcap. */
static int sock_error(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	socklen_t len = sizeof(int);
	int err = 0;

	if (poll(&pfd, 1, 0) <= 0)
		return 0;
	if (pfd.revents & (POLLHUP | POLLNVAL))
		return -1;
	if ((pfd.revents & POLLERR) &&
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err)
		return -1;
	return 0;
}

/* One frame of the ring to the router: a VLAN tag the kernel took off is
 * put back, as libpcap does, so a tagged frame is never taken for an
 * untagged one; a frame longer than the snap length is counted. */
static void deliver(struct port_live *l, struct tpacket3_hdr *h, port_rx_fn fn, void *arg)
{
	const uint8_t *f = (const uint8_t *)h + h->tp_mac;
	size_t len = h->tp_snaplen;
	uint64_t ts = (uint64_t)h->tp_sec * 1000000000ull + h->tp_nsec;
	const struct sockaddr_ll *sll = (const void *)((const uint8_t *)h +
					TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));

	/* Ours, on a kernel without PACKET_IGNORE_OUTGOING. */
	if (sll->sll_pkttype == PACKET_OUTGOING)
		return;
	if (h->tp_snaplen < h->tp_len || h->tp_len > l->snap || len < 14) {
		l->port.rx_errors++;
		return;
	}
	if ((h->tp_status & TP_STATUS_VLAN_VALID) && l->vbuf) {
		uint16_t tpid = htons((h->tp_status & TP_STATUS_VLAN_TPID_VALID) &&
				      h->hv1.tp_vlan_tpid ? h->hv1.tp_vlan_tpid : ETH_P_8021Q);
		uint16_t tci = htons((uint16_t)h->hv1.tp_vlan_tci);

		memcpy(l->vbuf, f, 12);
		memcpy(l->vbuf + 12, &tpid, 2);
		memcpy(l->vbuf + 14, &tci, 2);
		memcpy(l->vbuf + 16, f + 12, len - 12);
		f = l->vbuf;
		len += 4;
	}
	fn(arg, f, len, ts);
}

/* Up to max frames of receive queue q. */
static int queue_recv(struct port_live *l, unsigned q, int max, port_rx_fn fn, void *arg)
{
	struct live_rxq *x = &l->rx[q];
	struct tpacket_block_desc *bd;
	struct tpacket3_hdr *h;
	int n = 0;

	if (q >= l->nq || !x->ring)
		return 0;
	while (n < max) {
		bd = block(x, x->cur);
		if (!x->left) {
			if (!(atomic_load_explicit((_Atomic uint32_t *)&bd->hdr.bh1.block_status,
						   memory_order_acquire) & TP_STATUS_USER))
				break;
			x->left = bd->hdr.bh1.num_pkts;
			x->pkt = (struct tpacket3_hdr *)((uint8_t *)bd + bd->hdr.bh1.offset_to_first_pkt);
		}
		if (x->left) {
			h = x->pkt;
			x->pkt = (struct tpacket3_hdr *)((uint8_t *)h + h->tp_next_offset);
			x->left--;
			x->frames++;
			deliver(l, h, fn, arg);
			n++;
			/* The router let go of the port in the callback. */
			if (!x->ring)
				return n;
		}
		if (!x->left) {
			/* Give the block back to the kernel. */
			atomic_store_explicit((_Atomic uint32_t *)&bd->hdr.bh1.block_status,
					      TP_STATUS_KERNEL, memory_order_release);
			x->cur = (x->cur + 1) % x->nblocks;
			x->blocks++;
		}
	}
	if (n == 0 && sock_error(x->fd))
		return -1;
	return n;
}

static int live_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	return queue_recv((struct port_live *)p, 0, max, fn, arg);
}

static int live_qrecv(struct port *p, unsigned q, int max, port_rx_fn fn, void *arg)
{
	return queue_recv((struct port_live *)p, q, max, fn, arg);
}

static int live_peek(struct port *p, uint64_t *ts)
{
	return -1;
}

/* Frames left in the block being read, or the next block handed over. */
static bool queue_pending(struct port_live *l, unsigned q)
{
	struct live_rxq *x = &l->rx[q];

	if (q >= l->nq || !x->ring)
		return false;
	if (x->left)
		return true;
	return atomic_load_explicit((_Atomic uint32_t *)&block(x, x->cur)->hdr.bh1.block_status,
				    memory_order_acquire) & TP_STATUS_USER;
}

static bool live_pending(struct port *p)
{
	return queue_pending((struct port_live *)p, 0);
}

static bool live_qpending(struct port *p, unsigned q)
{
	return queue_pending((struct port_live *)p, q);
}

/* Send the frames queued in this thread's lane, as many per system call
 * as the kernel takes. */
static void live_flush(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	struct live_txq *t = &l->tx[port_lane()];
	unsigned i = 0;
	int n;

	while (i < t->n) {
		n = l->net ? sendmmsg(libnet_getfd(l->net), t->msg + i, t->n - i, 0) : -1;
		if (n > 0) {
			i += (unsigned)n;
			__atomic_fetch_add(&t->batches, 1, __ATOMIC_RELAXED);
			__atomic_fetch_add(&t->batched, (unsigned)n, __ATOMIC_RELAXED);
		} else if (n == -1 && errno == EINTR) {
			continue;
		} else if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
			for (; i < t->n; i++)	/* no room: the rest is dropped */
				tx_error(p);
		} else {
			tx_error(p);	/* this frame: the kernel refused it */
			i++;
		}
	}
	t->n = 0;
	t->used = 0;
}

static int live_send(struct port *p, const uint8_t *frame, size_t len, uint64_t ts)
{
	struct port_live *l = (struct port_live *)p;
	struct live_txq *t = &l->tx[port_lane()];
	struct mmsghdr *m;

	if (!l->net) {
		tx_error(p);
		return -1;
	}
	/* A lane's arena comes with its first batch (NULL: sent alone). */
	if (port_batching() && !t->buf)
		t->buf = malloc(TX_ARENA);
	if (!port_batching() || !t->buf || !l->txaddr.sll_ifindex || len > TX_ARENA) {
		if (libnet_adv_write_link(l->net, frame, (uint32_t)len) < 0) {
			tx_error(p);
			return -1;
		}
		l->tx_single++;
		return 0;
	}
	if (t->n == TX_BATCH || t->used + len > TX_ARENA)
		live_flush(p);
	memcpy(t->buf + t->used, frame, len);
	t->iov[t->n].iov_base = t->buf + t->used;
	t->iov[t->n].iov_len = len;
	m = &t->msg[t->n];
	memset(m, 0, sizeof(*m));
	m->msg_hdr.msg_name = &l->txaddr;
	m->msg_hdr.msg_namelen = sizeof(l->txaddr);
	m->msg_hdr.msg_iov = &t->iov[t->n];
	m->msg_hdr.msg_iovlen = 1;
	t->used += (len + 15) & ~(size_t)15;
	if (t->used > TX_ARENA)
		t->used = TX_ARENA;
	t->n++;
	port_batch_mark(p);
	return 0;
}

/* The kernel's drop count since it was last asked, added up, every
 * queue's. */
static uint64_t ring_drops(struct port_live *l)
{
	struct tpacket_stats_v3 st;
	socklen_t len;
	uint64_t sum = 0;
	unsigned q;

	for (q = 0; q < PORT_QUEUES; q++) {
		struct live_rxq *x = &l->rx[q];

		len = sizeof(st);
		if (x->fd != -1 && getsockopt(x->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0)
			x->drops += st.tp_drops;
		sum += x->drops;
	}
	return sum;
}

static void queue_close(struct live_rxq *x)
{
	if (x->ring)
		munmap(x->ring, x->ringlen);
	if (x->fd != -1)
		close(x->fd);
	x->ring = NULL;
	x->ringlen = 0;
	x->left = 0;
	x->fd = -1;
}

/* Rings let go: freed now, or, while a reopen from the shell collects
 * them, kept for it to free with the router lock let go. */
static void rings_retire(struct port_live *l, struct port_live_rings *rg)
{
	if (!rg)
		return;
	if (!l->collect) {
		port_live_rings_free(rg);
		return;
	}
	rg->next = l->old;
	l->old = rg;
}

/*
 * The capture's rings as the detach leaves them: each socket stays bound
 * and mapped, for the next attach to bind again (kept_reuse) instead of
 * having the kernel make new ones, which for a large ring takes seconds
 * in the event loop.  An interface that goes down or away unhooks its
 * sockets, so nothing enters them meanwhile, and one that comes up again
 * hooks them again.  A port asked to renew (a capture that kept failing)
 * closes them.
 */
static void rings_keep(struct port_live *l)
{
	struct port_live_rings *rg;

	if (!l->nq || l->rx[0].fd == -1 || l->port.renew || !(rg = calloc(1, sizeof(*rg))))
		return;
	rings_retire(l, l->kept);
	rg->bytes = l->rbytes;
	rg->block = l->rblock;
	rg->tov = l->tov;
	rg->snap = l->snap;
	rg->ifindex = l->port.ifindex;
	rg->fanout = l->fanout;
	for (unsigned q = 0; q < PORT_QUEUES; q++) {
		struct live_rxq *x = &l->rx[q], *y = &rg->rx[q];

		y->fd = -1;
		if (q >= l->nq || x->fd == -1)
			continue;
		*y = *x;	/* the counters stay with the port's queue */
		x->fd = -1;
		x->ring = NULL;
		x->ringlen = 0;
		x->left = 0;
		rg->n = q + 1;
	}
	l->kept = rg;
}

static void live_detach(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	unsigned q;

	/* Frames still queued would go out of a socket about to close:
	 * this thread's (port.c makes sure no other thread has any). */
	port_batch_forget(p);
	for (q = 0; q < PORT_QUEUES; q++) {
		__atomic_fetch_add(&p->tx_errors, l->tx[q].n, __ATOMIC_RELAXED);
		l->tx[q].n = 0;
		l->tx[q].used = 0;
	}
	ring_drops(l);
	rings_keep(l);
	for (q = 0; q < PORT_QUEUES; q++)
		queue_close(&l->rx[q]);
	l->nq = 0;
	l->fanout = false;
	if (l->net)
		libnet_destroy(l->net);
	l->bypass = false;
	l->net = NULL;
	p->ifindex = 0;
}

static void live_close(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	unsigned q;

	p->renew = true;	/* nothing kept */
	live_detach(p);
	port_live_rings_free(l->spare);
	port_live_rings_free(l->kept);
	port_live_rings_free(port_live_take_old(p));
	for (q = 0; q < PORT_QUEUES; q++)
		free(l->tx[q].buf);
	free(l->vbuf);
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

/* Promiscuous on or off as p->promisc says: a membership of queue 0's
 * socket, so it goes with a detach and the next attach asks again.  0 or
 * the errno the kernel refused it with. */
static int live_promisc(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	struct packet_mreq mr;

	if (!l->nq || !p->ifindex || l->promisc_on == p->promisc)
		return 0;
	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = p->ifindex;
	mr.mr_type = PACKET_MR_PROMISC;
	if (setsockopt(l->rx[0].fd, SOL_PACKET, p->promisc ? PACKET_ADD_MEMBERSHIP : PACKET_DROP_MEMBERSHIP,
		       &mr, sizeof(mr)) == -1)
		return errno;
	l->promisc_on = p->promisc;
	return 0;
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
	.pending = live_pending,
	.queues = live_queues,
	.qfd = live_qfd,
	.qrecv = live_qrecv,
	.qpending = live_qpending,
	.promisc = live_promisc,
};

bool port_is_live(const struct port *p)
{
	return p && p->ops == &live_ops;
}

void port_live_stats(struct port *p, struct port_live_stats *st)
{
	struct port_live *l = (struct port_live *)p;

	unsigned q;

	memset(st, 0, sizeof(*st));
	if (!port_is_live(p))
		return;
	if (l->rx[0].ring) {
		st->ring_bytes = l->rx[0].ringlen;
		st->block_bytes = l->rx[0].blocksz;
		st->blocks = l->rx[0].nblocks;
		st->block_ms = l->tov;
	}
	st->qdisc_bypass = l->bypass;
	st->rx_drops = ring_drops(l);
	st->queues = l->nq;
	for (q = 0; q < PORT_QUEUES; q++) {
		st->rx_blocks += l->rx[q].blocks;
		st->q_frames[q] = l->rx[q].frames;
		/* Another lane's counters move while its worker flushes
		 * without the router lock: read once, approximately. */
		st->tx_batches += __atomic_load_n(&l->tx[q].batches, __ATOMIC_RELAXED);
		st->tx_batched += __atomic_load_n(&l->tx[q].batched, __ATOMIC_RELAXED);
	}
	st->tx_single = l->tx_single;
	st->rings_ahead = l->rings_ahead;
	st->rings_kept = l->rings_kept;
}

uint64_t port_live_rx_drops(struct port *p)
{
	struct port_live *l = (struct port_live *)p;

	if (p->ops != &live_ops)
		return 0;
	return ring_drops(l);
}

/*
 * A capture socket and its TPACKET_V3 ring: blocks of block bytes (larger
 * if a frame of snap bytes would not fit), as many as bytes holds, each
 * handed over when full or tov ms after its first frame.  Protocol 0 and
 * not bound: no frame gets in until ring_bind().  This is the slow part
 * (the kernel allocates the ring).
 */
static int ring_alloc(struct live_rxq *x, unsigned snap, size_t bytes, unsigned block, unsigned tov,
		      const char *dev, char *err, size_t errlen)
{
	struct tpacket_req3 req;
	int v = TPACKET_V3, one = 1;
	unsigned blk = block;

	while (blk < snap + 256)
		blk <<= 1;
	if ((x->fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(x->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) == -1)
		goto sys_err;
	memset(&req, 0, sizeof(req));
	req.tp_block_size = blk;
	req.tp_block_nr = (unsigned)(bytes / blk) < 2 ? 2 : (unsigned)(bytes / blk);
	req.tp_frame_size = blk;
	req.tp_frame_nr = req.tp_block_nr;
	req.tp_retire_blk_tov = tov;
	if (setsockopt(x->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) == -1)
		goto sys_err;
	x->ringlen = (size_t)blk * req.tp_block_nr;
	x->ring = mmap(NULL, x->ringlen, PROT_READ | PROT_WRITE, MAP_SHARED, x->fd, 0);
	if (x->ring == MAP_FAILED) {
		x->ring = NULL;
		goto sys_err;
	}
	x->blocksz = blk;
	x->nblocks = req.tp_block_nr;
	x->cur = 0;
	x->left = 0;
	/* Our own transmitted frames stay out of the ring. */
	setsockopt(x->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	return 0;
sys_err:
	snprintf(err, errlen, "%s: capture: %s", dev, strerror(errno));
	return -1;
}

/* Were rings made with the settings ports open with now? */
static bool rings_fit(const struct port_live_rings *rg, unsigned snap)
{
	return rg->bytes == ring_bytes && rg->block == ring_block && rg->tov == ring_tov && rg->snap == snap;
}

/* The rings made ahead for l, if they fit the settings now; NULL (and
 * let go) if not. */
static struct port_live_rings *spare_fit(struct port_live *l)
{
	struct port_live_rings *rg = l->spare;

	if (rg && !rings_fit(rg, l->snap)) {
		rings_retire(l, rg);
		l->spare = rg = NULL;
	}
	return rg;
}

/*
 * Receive queue q's capture socket on interface ifindex and its ring (see
 * ring_alloc; one made ahead if there is one that fits), bound to the
 * interface.
 */
static int ring_open(struct port_live *l, unsigned q, int ifindex, char *err, size_t errlen)
{
	struct live_rxq *x = &l->rx[q];
	struct port_live_rings *rg = spare_fit(l);
	struct sockaddr_ll sll;

	if (rg && q < rg->n && rg->rx[q].fd != -1) {
		/* The ring; the queue's counters stay (they span captures). */
		const struct live_rxq *y = &rg->rx[q];

		x->fd = y->fd;
		x->ring = y->ring;
		x->ringlen = y->ringlen;
		x->blocksz = y->blocksz;
		x->nblocks = y->nblocks;
		x->cur = 0;
		x->left = 0;
		rg->rx[q].fd = -1;
		rg->rx[q].ring = NULL;
		if (q == 0)
			l->rings_ahead++;
	} else if (ring_alloc(x, l->snap, ring_bytes, ring_block, ring_tov, l->port.name, err, errlen) == -1) {
		queue_close(x);
		return -1;
	}
	l->tov = ring_tov;
	l->rbytes = ring_bytes;
	l->rblock = ring_block;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(x->fd, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
		snprintf(err, errlen, "%s: capture: %s", l->port.name, strerror(errno));
		return -1;
	}
	return 0;
}

struct port_live_rings *port_live_rings_new(const char *dev, size_t bytes, unsigned block,
					    unsigned block_ms, unsigned queues, char *err, size_t errlen)
{
	struct port_live_rings *rg = calloc(1, sizeof(*rg));

	if (!rg) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (unsigned q = 0; q < PORT_QUEUES; q++)
		rg->rx[q].fd = -1;
	rg->bytes = bytes;
	rg->block = block;
	rg->tov = block_ms;
	rg->snap = (unsigned)snaplen(dev);
	for (unsigned q = 0; q < queues && q < PORT_QUEUES; q++) {
		if (ring_alloc(&rg->rx[q], rg->snap, bytes, block, block_ms, dev, err, errlen) == -1) {
			queue_close(&rg->rx[q]);
			break;
		}
		rg->n = q + 1;
	}
	if (!rg->n) {
		free(rg);
		return NULL;
	}
	return rg;
}

void port_live_rings_free(struct port_live_rings *rg)
{
	while (rg) {
		struct port_live_rings *next = rg->next;

		for (unsigned q = 0; q < PORT_QUEUES; q++)
			queue_close(&rg->rx[q]);
		free(rg);
		rg = next;
	}
}

void port_live_give_rings(struct port *p, struct port_live_rings *rg)
{
	struct port_live *l = (struct port_live *)p;

	if (!port_is_live(p)) {
		port_live_rings_free(rg);
		return;
	}
	rings_retire(l, l->spare);
	l->spare = rg;
	l->collect = true;
}

/*
 * The kept rings of the last capture bound again for an attach to
 * interface ifindex, when they fit the settings and the queues now and
 * can be: the same interface (it went down and came back up: the kernel
 * hooked the sockets again), or another one for sockets outside a fanout
 * group (a group's members cannot be bound again).  Frames left from
 * before are dropped, block by block, and the socket's pending error
 * (ENETDOWN from the interface going away) read off.
 */
static bool kept_reuse(struct port_live *l, int ifindex)
{
	struct port_live_rings *rg = l->kept;
	struct sockaddr_ll sll;
	socklen_t len;
	int e;

	if (!rg || !rings_fit(rg, l->snap) || rg->n != rx_queues || (rg->fanout && rg->ifindex != ifindex))
		return false;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	for (unsigned q = 0; q < rg->n; q++) {
		struct live_rxq *y = &rg->rx[q];

		if (y->fd == -1 || (!rg->fanout && bind(y->fd, (struct sockaddr *)&sll, sizeof(sll)) == -1))
			return false;
	}
	for (unsigned q = 0; q < rg->n; q++) {
		struct live_rxq *x = &l->rx[q], *y = &rg->rx[q];

		for (unsigned k = 0; k < y->nblocks; k++) {
			struct tpacket_block_desc *bd = block(y, y->cur);

			if (!y->left && !(atomic_load_explicit((_Atomic uint32_t *)&bd->hdr.bh1.block_status,
							       memory_order_acquire) & TP_STATUS_USER))
				break;
			atomic_store_explicit((_Atomic uint32_t *)&bd->hdr.bh1.block_status, TP_STATUS_KERNEL,
					      memory_order_release);
			y->cur = (y->cur + 1) % y->nblocks;
			y->left = 0;
		}
		len = sizeof(e);
		getsockopt(y->fd, SOL_SOCKET, SO_ERROR, &e, &len);
		x->fd = y->fd;
		x->ring = y->ring;
		x->ringlen = y->ringlen;
		x->blocksz = y->blocksz;
		x->nblocks = y->nblocks;
		x->cur = y->cur;
		x->left = 0;
	}
	l->nq = rg->n;
	l->fanout = rg->fanout;
	l->tov = rg->tov;
	l->rbytes = rg->bytes;
	l->rblock = rg->block;
	free(rg);
	l->kept = NULL;
	l->rings_kept++;
	return true;
}

struct port_live_rings *port_live_take_old(struct port *p)
{
	struct port_live *l = (struct port_live *)p;
	struct port_live_rings *rg;

	if (!port_is_live(p))
		return NULL;
	rg = l->old;
	l->old = NULL;
	l->collect = false;
	/* A detached port's kept rings that no longer fit: its next attach
	 * would free them in the event loop. */
	if (l->kept && (!rings_fit(l->kept, l->kept->snap) || l->kept->n != rx_queues)) {
		l->kept->next = rg;
		rg = l->kept;
		l->kept = NULL;
	}
	return rg;
}

uint64_t port_live_rings_kept(struct port *p)
{
	return port_is_live(p) ? ((struct port_live *)p)->rings_kept : 0;
}

uint64_t port_live_rings_used(struct port *p)
{
	return port_is_live(p) ? ((struct port_live *)p)->rings_ahead : 0;
}

/*
 * Several receive queues: queue 0 founds a PACKET_FANOUT group hashing on
 * the flow (the kernel picks an id unused in the namespace), the others
 * join it, each with its ring.  A frame that arrives between a socket's
 * bind and its joining (microseconds) may be seen twice.  Only queue 0 is
 * needed: when the group cannot be made (no PACKET_FANOUT) or a queue
 * cannot be opened or joined (its ring's memory), the port keeps the
 * queues it has (show platform packet-io says how many).
 */
static int queues_open(struct port_live *l, int ifindex, char *err, size_t errlen)
{
	socklen_t len = sizeof(int);
	char qerr[128];
	int arg, id;
	unsigned q;

	l->nq = 1;
	if (ring_open(l, 0, ifindex, err, errlen) == -1)
		return -1;
	if (rx_queues < 2)
		return 0;
	arg = (PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_UNIQUEID) << 16;
	if (setsockopt(l->rx[0].fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof(arg)) == -1 ||
	    getsockopt(l->rx[0].fd, SOL_PACKET, PACKET_FANOUT, &arg, &len) == -1)
		return 0;
	id = arg & 0xffff;
	l->fanout = true;
	for (q = 1; q < rx_queues; q++) {
		arg = id | PACKET_FANOUT_HASH << 16;
		if (ring_open(l, q, ifindex, qerr, sizeof(qerr)) == -1 ||
		    setsockopt(l->rx[q].fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof(arg)) == -1) {
			queue_close(&l->rx[q]);
			break;
		}
		l->nq = q + 1;
	}
	return 0;
}

/* Open the capture and the injector on the interface named p->name. */
static int live_attach(struct port *p, char *err, size_t errlen)
{
	char perr[LIBNET_ERRBUF_SIZE];
	struct port_live *l = (struct port_live *)p;
	const char *dev = p->name;
	struct libnet_ether_addr *hw;
	struct port_link st;
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int ifindex, sfd;

	live_detach(p);
	perr[0] = '\0';
	if (live_link(p, &st) == -1 || !st.present) {
		snprintf(err, errlen, "%s: No such device exists", dev);
		goto fail;
	}
	if (!st.up) {
		snprintf(err, errlen, "%s: That device is not up", dev);
		goto fail;
	}
	ifindex = st.ifindex;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%.*s", (int)sizeof(ifr.ifr_name) - 1, dev);
	if ((sfd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) != -1) {
		int rc = ioctl(sfd, SIOCGIFHWADDR, &ifr);

		close(sfd);
		if (rc == 0 && ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
			snprintf(err, errlen, "%s: not an Ethernet interface", dev);
			goto fail;
		}
	}
	l->snap = (unsigned)snaplen(dev);
	if (spare_fit(l) || !kept_reuse(l, ifindex)) {
		rings_retire(l, l->kept);
		l->kept = NULL;
		if (queues_open(l, ifindex, err, errlen) == -1)
			goto fail;
	}
	/* What was made ahead and not taken goes now. */
	rings_retire(l, l->spare);
	l->spare = NULL;

	if (!(l->net = libnet_init(LIBNET_LINK_ADV, dev, perr))) {
		snprintf(err, errlen, "%s: libnet: %s", dev, perr);
		goto fail;
	}
	if (!(hw = libnet_get_hwaddr(l->net))) {
		snprintf(err, errlen, "%s: %s", dev, libnet_geterror(l->net));
		goto fail;
	}
	memcpy(l->port.mac, hw->ether_addr_octet, 6);
	{
		int fd = libnet_getfd(l->net), fl = fcntl(fd, F_GETFL);

		if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
			snprintf(err, errlen, "%s: %s", dev, strerror(errno));
			goto fail;
		}
	}
	/* libnet's socket is ETH_P_ALL and unbound: it would be handed a
	 * copy of every frame in the namespace and never read.  Protocol 0
	 * takes it off the receive path; sending is unaffected. */
	if (ifindex) {
		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		sll.sll_ifindex = ifindex;
		bind(libnet_getfd(l->net), (struct sockaddr *)&sll, sizeof(sll));
	}
	/* Past the qdisc, when configured; a kernel without the option
	 * (before 3.14) keeps the qdisc, and show says so. */
	if (qdisc_bypass) {
		int one = 1;

		l->bypass = setsockopt(libnet_getfd(l->net), SOL_PACKET, PACKET_QDISC_BYPASS,
				       &one, sizeof(one)) == 0;
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
		setsockopt(l->rx[0].fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
	}
	/* A new socket, not promiscuous yet: port_attach asks again if the
	 * router answers to a MAC of its own ('mac-address'). */
	l->promisc_on = false;
	return 0;

fail:
	live_detach(p);
	return -1;
}

struct port *port_live_open(const char *dev, char *err, size_t errlen)
{
	struct port_live *l = calloc(1, sizeof(*l));
	unsigned q;

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->port.ops = &live_ops;
	l->port.has_link = true;
	l->vbuf = malloc(PORT_MAXFRAME + 4);	/* NULL: tags not put back */
	for (q = 0; q < PORT_QUEUES; q++)
		l->rx[q].fd = -1;
	snprintf(l->port.name, sizeof(l->port.name), "%s", dev);
	if (live_attach(&l->port, err, errlen) == -1) {
		struct port_link st;

		/* An interface that is there but down cannot be captured on
		 * yet: the port starts detached and is attached when the
		 * interface comes up (src/router/netlink.c), so a startup-config
		 * read before the links are up keeps its interfaces. */
		if (live_link(&l->port, &st) == 0 && st.present && !st.up) {
			char rerr[128];

			l->port.detached = true;
			hwaddr(dev, l->port.mac);
			/* Its rings now, as an open that attached would have
			 * made them: the attach when the link comes up runs in
			 * the event loop, and binds these instead. */
			l->spare = port_live_rings_new(dev, ring_bytes, ring_block, ring_tov, rx_queues,
						       rerr, sizeof(rerr));
			return &l->port;
		}
		live_close(&l->port);
		return NULL;
	}
	return &l->port;
}

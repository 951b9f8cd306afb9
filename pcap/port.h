/*
 * DOC: packet ports, the router's only view of a wire
 *
 * A port moves whole Ethernet frames.  Three implementations sit behind one
 * ops table: live (a packet socket's mmap'ed ring for inbound frames, libnet link-layer
 * injection), file (frames in from a pcap file, sent frames appended to
 * another) and memory (unit tests queue frames in and collect frames out).
 * Nothing above pcap/ knows which one it talks to.
 *
 * Receiving is a callback per frame so the live and file ports hand the
 * router libpcap's own buffer without a copy; the frame is only valid
 * during the callback.  Timestamps are nanoseconds: wall-clock capture
 * times for the live port, the recorded times for the file port.
 *
 * Sending can be batched: between port_batch_begin() and port_batch_end()
 * on one thread, a port that supports it (live) queues the frames it is
 * given and sends them all with one system call when the batch ends or its
 * queue fills; the router brackets the draining of a capture ring with
 * them, so a burst of frames in costs one call out per port.  Outside a
 * batch (timers, the shell) every frame leaves at once.  A queued frame
 * counts as sent; one the kernel refuses at the flush is a tx_error.
 *
 * Receive queues and send lanes (several cores): a live port can spread
 * its inbound frames over up to PORT_QUEUES receive queues, one packet
 * socket each in a PACKET_FANOUT group hashing on the flow
 * (port_live_set_queues), so the frames of one flow keep their order in
 * one queue.  Queue 0 is the port's descriptor as before; the router's
 * receive workers read the others (port_queue_recv).  Each thread sends
 * in its own lane (port_set_lane): a batch queues in the port's queue of
 * the thread's lane, so several threads batch on one port at once.  A
 * thread may flush its batch after letting go of the router lock when it
 * holds port_flush_hold(): port_detach, port_attach and port_close wait
 * for such flushes to end, so no port goes away under one.
 *
 * A live port's Linux interface can go away (ip link del), come back under
 * the same name with a new ifindex, or lose its carrier.  The port then
 * reports the kernel's view of the link (port_link), lets go of its capture
 * and injector (port_detach: no descriptor, sends fail) and opens them
 * again on the interface now holding its name (port_attach).  The router
 * decides when (src/router/netlink.c); ports without a link of their own
 * (file, memory) are always attached and always up.
 */
#ifndef LISPR_PORT_H
#define LISPR_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PORT_NAMELEN	32
#define PORT_MAXFRAME	65536

struct port;

/* The kernel's view of a port's interface. */
struct port_link {
	bool present;		/* an interface of the port's name exists */
	bool up;		/* ... administratively up (IFF_UP) */
	bool carrier;		/* ... and operationally up (IFF_RUNNING) */
	int ifindex;		/* its index, 0 when absent */
};

typedef void (*port_rx_fn)(void *arg, const uint8_t *frame, size_t len,
			   uint64_t ts_ns);

struct port_ops {
	const char *kind;
	/* A descriptor for epoll, or -1 when the port is polled. */
	int (*fd)(struct port *p);
	/* Deliver up to max frames; returns how many, or -1 at end of input. */
	int (*recv)(struct port *p, int max, port_rx_fn fn, void *arg);
	/* Timestamp of the next frame without taking it; -1 when none. */
	int (*peek)(struct port *p, uint64_t *ts_ns);
	/* Send one frame; ts_ns is the router clock (the file port records it). */
	int (*send)(struct port *p, const uint8_t *frame, size_t len, uint64_t ts_ns);
	void (*close)(struct port *p);
	/* Optional (NULL: the port has no link of its own). */
	int (*link)(struct port *p, struct port_link *st);
	/* Let go of the capture and injector; fd becomes -1. */
	void (*detach)(struct port *p);
	/* Open them on the interface now named p->name (the MAC is read
	 * again); -1 with a message in err, the port staying detached. */
	int (*attach)(struct port *p, char *err, size_t errlen);
	/* Optional: send the frames queued during a batch. */
	void (*flush)(struct port *p);
	/* Optional: are frames waiting?  No system call: a look at the
	 * ring, so a drain loop can pass over an idle port cheaply.  NULL:
	 * the port cannot tell (recv tells). */
	bool (*pending)(struct port *p);
	/* Optional: receive queues beyond the first (NULL: one queue).  The
	 * number open, and fd/recv/pending of queue q >= 1. */
	unsigned (*queues)(struct port *p);
	int (*qfd)(struct port *p, unsigned q);
	int (*qrecv)(struct port *p, unsigned q, int max, port_rx_fn fn, void *arg);
	bool (*qpending)(struct port *p, unsigned q);
	/* Optional: take frames to every MAC (p->promisc says which), now
	 * if attached; port_attach applies it again.  0 when it holds, else
	 * the errno it was refused with.  NULL: the port takes every frame
	 * it is given already (file ports). */
	int (*promisc)(struct port *p);
};

/* Receive queues of a port and send lanes, at most. */
#define PORT_QUEUES	8

struct port {
	const struct port_ops *ops;
	char name[PORT_NAMELEN];
	uint8_t mac[6];
	uint64_t tx_errors;
	uint64_t rx_errors;	/* frames not delivered: larger than the port takes */
	int ifindex;		/* the interface captured on, 0 when detached
				 * or not a kernel interface */
	bool detached;		/* port_detach'ed and not attached again */
	/* The next port_detach closes everything, keeping nothing for the
	 * attach after (a capture that kept failing); cleared by it. */
	bool renew;
	bool has_link;		/* a link of its own: the ops below apply */
	bool promisc;		/* frames to other MACs wanted: the router
				 * answers to a MAC not the interface's */
	int promisc_err;	/* errno that refused p->promisc, 0 if it holds */
	/* On the list of ports to flush of the thread sending in lane i. */
	bool batch_queued[PORT_QUEUES];
	struct port *batch_next[PORT_QUEUES];
};

static inline int port_fd(struct port *p) { return p->ops->fd(p); }
static inline int port_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	return p->ops->recv(p, max, fn, arg);
}
static inline int port_peek(struct port *p, uint64_t *ts_ns)
{
	return p->ops->peek(p, ts_ns);
}
static inline int port_send(struct port *p, const uint8_t *f, size_t len, uint64_t ts)
{
	return p->ops->send(p, f, len, ts);
}
/* False only when the port knows it has nothing waiting. */
static inline bool port_pending(struct port *p)
{
	return !p->ops->pending || p->ops->pending(p);
}
/* Receive queues open (1 for ports without more), and queue q's
 * descriptor (-1: none), frames, and whether it has any waiting. */
static inline unsigned port_queues(struct port *p)
{
	return p->ops->queues ? p->ops->queues(p) : 1;
}
static inline int port_queue_fd(struct port *p, unsigned q)
{
	if (!q)
		return port_fd(p);
	return p->ops->qfd && q < port_queues(p) ? p->ops->qfd(p, q) : -1;
}
static inline int port_queue_recv(struct port *p, unsigned q, int max, port_rx_fn fn, void *arg)
{
	if (!q)
		return port_recv(p, max, fn, arg);
	return p->ops->qrecv && q < port_queues(p) ? p->ops->qrecv(p, q, max, fn, arg) : 0;
}
static inline bool port_queue_pending(struct port *p, unsigned q)
{
	if (!q)
		return port_pending(p);
	return p->ops->qpending && q < port_queues(p) && p->ops->qpending(p, q);
}
void port_close(struct port *p);
/* Frames to every MAC, or only to the interface's and its groups.  0 when
 * the port does as asked (or will at its next attach), else the errno it
 * refused with, kept in p->promisc_err until the next attempt. */
int port_set_promisc(struct port *p, bool on);
/* This thread's send lane, 0 (the default: the event loop, the shell)
 * to PORT_QUEUES - 1 (receive worker q sends in lane q). */
void port_set_lane(unsigned lane);
unsigned port_lane(void);
/* Held (shared) by a thread that flushes its batch without the router
 * lock, from before it lets go of that lock to the end of its flush;
 * port_detach/attach/close take it exclusively. */
void port_flush_hold(void);
void port_flush_release(void);
/* Batches nest; the outermost end flushes every port that queued frames. */
void port_batch_begin(void);
void port_batch_end(void);
/* For port implementations: is this thread inside a batch; put p on the
 * list flushed at its end; take p off it (before closing or detaching). */
bool port_batching(void);
void port_batch_mark(struct port *p);
void port_batch_forget(struct port *p);
/* A port without a link of its own reports present, up, carrier. */
void port_link(struct port *p, struct port_link *st);
static inline bool port_has_link(const struct port *p) { return p->has_link && p->ops->link; }
void port_detach(struct port *p);
int port_attach(struct port *p, char *err, size_t errlen);

/*
 * Live: capture on the Linux interface 'dev' (inbound only, non-blocking,
 * a TPACKET_V3 ring read directly, its blocks handed over when full or
 * after a short timeout) and
 * inject with libnet, or in batches with sendmmsg on libnet's socket.
 * Needs CAP_NET_RAW.  An interface
 * that exists but is down gives a detached port (attached once it is up).
 * On failure returns NULL with a message in err.
 */
struct port *port_live_open(const char *dev, char *err, size_t errlen);
/*
 * Receive queues of live ports opened (or attached) from now on: with n >
 * 1 each port opens n capture sockets with their own ring (of the size
 * below each) in one PACKET_FANOUT group that hashes on the flow; 1 (the
 * default) opens one.  -1 when n is out of 1..PORT_QUEUES.
 */
int port_live_set_queues(unsigned n);
unsigned port_live_queues(void);
/* Frames the kernel dropped because the capture ring was full (0 for a
 * port that is not live). */
uint64_t port_live_rx_drops(struct port *p);
/*
 * The capture ring of live ports opened (or attached) from now on: 'bytes'
 * of TPACKET_V3 blocks of 'block' bytes (a power of two, 4 KB to 4 MB;
 * larger when the interface's MTU needs it), each handed to the router
 * when full or block_ms after its first frame.  A router that loses its
 * core for a while loses no frame while the ring holds what arrived
 * meanwhile: at most bytes / (frame + 80) frames, and since a block is
 * handed over after block_ms even when nearly empty, at most
 * bytes / block * block_ms ms.  The defaults, 8 MB of 32 KB blocks with
 * 1 ms, hold 256 ms at up to 146,000 small frames/s, 36,000 small frames
 * (about 0.25 s at 140,000/s) or 5,000 MTU-sized ones.  -1 when out of
 * range (nothing changed).
 */
#define PORT_LIVE_RING_BYTES	(8u << 20)
#define PORT_LIVE_BLOCK_BYTES	(32u << 10)
#define PORT_LIVE_BLOCK_MS	1u
int port_live_set_ring(size_t bytes, unsigned block, unsigned block_ms);
void port_live_get_ring(size_t *bytes, unsigned *block, unsigned *block_ms);
/*
 * PACKET_QDISC_BYPASS on the sending socket of live ports opened (or
 * attached) from now on: frames go straight to the driver, past the
 * interface's queueing discipline (no tc, no qdisc statistics, a full
 * device queue drops instead of queueing).  Off by default.
 */
void port_live_set_qdisc_bypass(bool on);
bool port_live_qdisc_bypass(void);
/* Is p a live port? */
bool port_is_live(const struct port *p);
/*
 * Receive rings opened ahead of an attach.  The kernel takes long to set up
 * a large ring (a 1 GB one, about 3 s), and a port (re)opens under the
 * router lock: port_live_rings_new() makes the rings a live port on dev
 * would open with these settings (queues of them; sockets created, rings
 * mapped, nothing bound, so no frame enters them) without touching any
 * port, so it runs with the lock let go ('platform packet-io').
 * port_live_give_rings() hands them to a live port, whose next attach
 * binds them instead of making its own if they fit the settings then
 * (else they are freed there); closing the port frees them too.  Whatever
 * cannot be made returns NULL, and the attach makes its own as before.
 */
struct port_live_rings;
struct port_live_rings *port_live_rings_new(const char *dev, size_t bytes, unsigned block,
					    unsigned block_ms, unsigned queues, char *err, size_t errlen);
void port_live_rings_free(struct port_live_rings *rg);
void port_live_give_rings(struct port *p, struct port_live_rings *rg);
/* How many attaches of p bound rings made ahead (tests, show). */
uint64_t port_live_rings_used(struct port *p);
/*
 * A live port's detach keeps its capture's rings, bound and mapped, and
 * the next attach binds them again when they still fit the settings and
 * queues (the same interface back up, or a new one of the name for a
 * port without a fanout group), instead of the kernel making new ones in
 * the event loop; frames left from before are dropped.  How many attaches
 * did (tests, show).
 */
uint64_t port_live_rings_kept(struct port *p);
/*
 * The rings a reopen let go while rings given with port_live_give_rings()
 * were pending, and kept rings of a detached port that no longer fit the
 * settings: for the caller to free (port_live_rings_free) with the router
 * lock let go, since unmapping a large ring takes time too.  NULL if none.
 */
struct port_live_rings *port_live_take_old(struct port *p);

/* A live port's ring and batches (all zero for other ports). */
struct port_live_stats {
	size_t ring_bytes;	/* the ring as opened, 0 when detached */
	unsigned block_bytes, blocks, block_ms;
	bool qdisc_bypass;	/* on its sending socket */
	uint64_t rx_drops;	/* port_live_rx_drops */
	uint64_t rx_blocks;	/* blocks read */
	unsigned queues;	/* receive queues open */
	uint64_t q_frames[PORT_QUEUES];	/* frames read from each */
	uint64_t tx_batches;	/* sendmmsg calls */
	uint64_t tx_batched;	/* frames they sent */
	uint64_t tx_single;	/* frames sent alone (outside a batch) */
	uint64_t rings_ahead;	/* attaches that bound rings made ahead */
	uint64_t rings_kept;	/* attaches that bound the rings kept by the detach */
};
void port_live_stats(struct port *p, struct port_live_stats *st);

/*
 * File: read frames from in_path (may be NULL: no input) and write every
 * sent frame to out_path (may be NULL: discard).  The MAC is given, since
 * a file has none.
 */
struct port *port_file_open(const char *name, const char *in_path,
			    const char *out_path, const uint8_t mac[6],
			    char *err, size_t errlen);
/*
 * A router_port_factory for offline mode: interface NAME reads
 * DIR/NAME.in.pcap when it exists and writes DIR/NAME.out.pcap ('/' in the
 * name becomes '_'); the MAC is derived from the name (02:4c:xx:xx:xx:xx),
 * so runs are reproducible.  arg is the directory.
 */
struct port *port_file_factory(void *dir, const char *name, char *err, size_t errlen);
/* Frames written so far by a file port. */
uint64_t port_file_sent(const struct port *p);

/* Memory: frames queued with port_mem_push come in; sent frames are kept. */
struct port *port_mem_open(const char *name, const uint8_t mac[6]);
int port_mem_push(struct port *p, const uint8_t *frame, size_t len, uint64_t ts_ns);
/* While on, every frame sent fails as a broken device would (tests of the
 * send-error paths); frames still come in. */
void port_mem_refuse(struct port *p, bool on);
/* Number of sent frames waiting to be collected. */
size_t port_mem_out_count(const struct port *p);
/*
 * Give a memory port a link the test controls: from then on it behaves as a
 * live port whose Linux interface is st (present, up, carrier, ifindex);
 * an attach succeeds while it is present and up (unless refused) and reads
 * the MAC given here (NULL: keep the MAC).  While detached it neither
 * receives nor sends.
 */
void port_mem_set_link(struct port *p, const struct port_link *st, const uint8_t mac[6]);
/* The next n receives fail, as a capture whose interface went down does;
 * refuse_attach makes attaching fail. */
void port_mem_fail_recv(struct port *p, unsigned n);
void port_mem_refuse_attach(struct port *p, bool on);
/* While on, promiscuous mode is refused with EPERM, as a kernel without
 * CAP_NET_RAW would (tests of the report); off, it holds. */
void port_mem_refuse_promisc(struct port *p, bool on);
/* Take the oldest sent frame: copies at most cap bytes, returns its length
 * (or -1 when none is waiting). */
long port_mem_pop(struct port *p, uint8_t *buf, size_t cap, uint64_t *ts_ns);
void port_mem_flush(struct port *p);

#endif

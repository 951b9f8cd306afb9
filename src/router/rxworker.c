/*
 * DOC: receive workers: the live ports' other receive queues, each on a
 * thread of its own
 *
 * With 'platform packet-io workers N' (N > 1) every live port opens N
 * receive queues in a PACKET_FANOUT group that hashes on the flow
 * (pcap/port_live.c).  The event loop reads queue 0 as before; worker q
 * (1 to N-1, a thread named "rx worker q") reads queue q of every port.
 * A worker sleeps in an epoll of its own on its queues' descriptors;
 * woken, it takes the router lock (ev_lock_quiet: the loop does not
 * step aside for it as for the shell), reads bursts from its queues up to
 * the drain budget, hands each frame to the path the loop's frames take
 * (ether_input, with the clock read once per burst: ev_enter), and sends
 * in its own lane; then it takes the ports' flush lock, lets go of the
 * router lock and flushes its batch (pcap/port.c).  The forwarding state
 * (interfaces, FIB, ARP, map-cache, counters) is read and written under
 * the router lock as before, so the handling of frames is serialised and
 * every counter stays exact; the sending, where the kernel's transmit
 * path (the veth and the receiving side) runs and most of the cost per
 * frame lies, overlaps the other threads' handling.  Lock-free reading of
 * the tables (RCU-style) would let the handling overlap too: not done.
 *
 * Workers are started and stopped with the router lock held (a shell
 * command, the startup-config).  Stopping asks (a flag, and an eventfd in
 * the worker's epoll) and does not wait, since the worker may be waiting
 * for the lock its stopper holds: it sees the flag when it next holds the
 * lock, frees itself and leaves; router_free() waits until every worker
 * has left.  Workers block every signal (the daemon waits for them), and
 * a daemon that forks starts them after the fork
 * (router_defer_workers).  A queue's descriptor joins its worker's epoll when the port
 * is watched (router_watch_port) and leaves it when unwatched; the flags
 * and the worker's counters are touched only with the router lock held.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "router_int.h"

struct rx_worker {
	struct router *r;
	unsigned q;		/* its receive queue, and its send lane */
	int epfd, efd;
	bool stop;		/* router lock held */
	atomic_int tid;		/* Linux thread id, 0 until it runs */
	uint64_t frames, rounds, sleeps;	/* router lock held */
};

/* The queues of every watched port into their workers' epolls. */
static void watch_all(struct router *r)
{
	struct iface *ifp;

	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->port && ifp->watched)
			rxw_watch(r, ifp);
}

void rxw_watch(struct router *r, struct iface *ifp)
{
	struct epoll_event ev;
	unsigned q, n = port_queues(ifp->port);
	int fd;

	for (q = 1; q < n && q < PORT_QUEUES; q++) {
		if (!r->workers[q] || (fd = port_queue_fd(ifp->port, q)) == -1)
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		/* EEXIST: already there (a second watch of one port). */
		epoll_ctl(r->workers[q]->epfd, EPOLL_CTL_ADD, fd, &ev);
	}
}

void rxw_unwatch(struct router *r, struct iface *ifp)
{
	unsigned q, n = port_queues(ifp->port);
	int fd;

	for (q = 1; q < n && q < PORT_QUEUES; q++)
		if (r->workers[q] && (fd = port_queue_fd(ifp->port, q)) != -1)
			epoll_ctl(r->workers[q]->epfd, EPOLL_CTL_DEL, fd, NULL);
}

/* Bursts from queue q of every watched port until all are empty or the
 * budget is spent; router lock held, inside the worker's send batch. */
static unsigned drain(struct router *r, struct rx_worker *w)
{
	struct iface *ifp;
	unsigned done = 0, budget = r->rx_budget;
	bool more = true;
	int n, want;

	while (more && done < budget) {
		more = false;
		for (ifp = r->ifaces; ifp && done < budget; ifp = ifp->next) {
			if (!ifp->port || !ifp->watched || !port_queue_pending(ifp->port, w->q))
				continue;
			want = budget - done < ROUTER_RX_BURST ? (int)(budget - done) : ROUTER_RX_BURST;
			/* A failing queue (its interface going away) is left
			 * to the loop, which sees the same error on queue 0
			 * and closes the port with all its queues. */
			n = router_recv_burst(r, ifp, w->q, want);
			if (n > 0) {
				done += (unsigned)n;
				more = true;
			}
		}
	}
	w->frames += done;
	w->rounds += done > 0;
	return done;
}

static void *worker_main(void *arg)
{
	struct rx_worker *w = arg;
	struct router *r = w->r;
	struct epoll_event evs[16];
	char name[16];
	unsigned done = 0, failed = 0;
	bool slept;

	snprintf(name, sizeof(name), "rx worker %u", w->q);
	pthread_setname_np(pthread_self(), name);
	port_set_lane(w->q);
	atomic_store(&w->tid, (int)syscall(SYS_gettid));
	for (;;) {
		/* Frames last time: look again at once, as the loop does. */
		slept = !done;
		if (slept && epoll_wait(w->epfd, evs, 16, -1) == -1 && errno != EINTR) {
			/* Cannot happen with a valid epoll; rather than spin,
			 * wait for a stop (the eventfd) a second at a time. */
			struct pollfd pfd = { .fd = w->efd, .events = POLLIN };

			if (!failed++)
				log_msg(LOG_ERR, "%%PKTIO-3-WORKER: rx worker %u: epoll: %s", w->q,
					strerror(errno));
			poll(&pfd, 1, 1000);
		}
		ev_lock_quiet(r->ev);
		if (w->stop) {
			ev_unlock(r->ev);
			break;
		}
		w->sleeps += slept;
		ev_enter(r->ev);
		port_batch_begin();
		done = drain(r, w);
		ev_leave(r->ev);
		/* Flush without the router lock, but with the flush lock, so
		 * no port closes under the flush. */
		port_flush_hold();
		ev_unlock(r->ev);
		port_batch_end();
		port_flush_release();
	}
	close(w->epfd);
	close(w->efd);
	free(w);
	pthread_mutex_lock(&r->wk_mtx);
	r->wk_live--;
	pthread_cond_broadcast(&r->wk_cond);
	pthread_mutex_unlock(&r->wk_mtx);
	return NULL;
}

static struct rx_worker *worker_new(struct router *r, unsigned q)
{
	struct rx_worker *w = calloc(1, sizeof(*w));
	struct epoll_event ev;

	if (!w)
		return NULL;
	w->r = r;
	w->q = q;
	w->efd = -1;
	if ((w->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    (w->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1)
		goto fail;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->efd, &ev) == -1)
		goto fail;
	return w;
fail:
	if (w->epfd != -1)
		close(w->epfd);
	if (w->efd != -1)
		close(w->efd);
	free(w);
	return NULL;
}

int rxw_start(struct router *r, unsigned n)
{
	pthread_attr_t attr;
	struct rx_worker *w;
	sigset_t all, old;
	unsigned q;
	int rc = 0;

	/* A worker takes no signals: they are the program's to wait for
	 * (a SIGTERM taken by a worker would end lispr without its exit). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (q = 1; q < n && q < PORT_QUEUES; q++) {
		if (r->workers[q])
			continue;
		if (!(w = worker_new(r, q))) {
			rc = -1;
			break;
		}
		r->workers[q] = w;
		pthread_mutex_lock(&r->wk_mtx);
		r->wk_live++;
		pthread_mutex_unlock(&r->wk_mtx);
		if (pthread_create(&(pthread_t){ 0 }, &attr, worker_main, w) != 0) {
			pthread_mutex_lock(&r->wk_mtx);
			r->wk_live--;
			pthread_mutex_unlock(&r->wk_mtx);
			r->workers[q] = NULL;
			close(w->epfd);
			close(w->efd);
			free(w);
			rc = -1;
			break;
		}
	}
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	watch_all(r);
	if (rc == -1)
		log_msg(LOG_ERR, "%%PKTIO-3-WORKER: cannot start receive worker %u: %s", q, strerror(errno));
	return rc;
}

void rxw_stop(struct router *r)
{
	uint64_t one = 1;
	unsigned q;

	for (q = 1; q < PORT_QUEUES; q++) {
		struct rx_worker *w = r->workers[q];

		if (!w)
			continue;
		w->stop = true;
		if (write(w->efd, &one, sizeof(one)) < 0) {
			/* Cannot fail (the counter is far from full). */
		}
		r->workers[q] = NULL;
	}
}

void rxw_wait(struct router *r)
{
	pthread_mutex_lock(&r->wk_mtx);
	while (r->wk_live)
		pthread_cond_wait(&r->wk_cond, &r->wk_mtx);
	pthread_mutex_unlock(&r->wk_mtx);
}

unsigned router_rx_workers(const struct router *r, struct router_rx_worker *out, unsigned max)
{
	unsigned q, n = 0;

	for (q = 1; q < PORT_QUEUES && n < max; q++) {
		const struct rx_worker *w = r->workers[q];

		if (!w)
			continue;
		out[n].queue = q;
		out[n].tid = atomic_load(&w->tid);
		out[n].frames = w->frames;
		out[n].rounds = w->rounds;
		out[n].sleeps = w->sleeps;
		n++;
	}
	return n;
}

/*
 * DOC: what every port shares
 *
 * The send batch is per thread: only the thread that began it queues, so a
 * shell thread's ping never waits in the event loop's batch.  The list of
 * ports to flush is threaded through the ports themselves, one link per
 * send lane: no allocation, and threads in different lanes (the receive
 * workers) keep separate lists through the same ports.
 *
 * The flush lock: a receive worker flushes its batch after letting go of
 * the router lock, so the system calls of one worker overlap the work of
 * the others.  It holds the flush lock (shared) from before it lets go of
 * the router lock until its flush ends; detaching, attaching or closing
 * a port takes the flush lock exclusively, always with the router lock
 * held, so it waits for those flushes and no new one can begin (a worker
 * queues frames only while it holds the router lock).  A thread's list is
 * thus empty whenever another thread changes a port.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "port.h"

static pthread_rwlock_t flush_lock = PTHREAD_RWLOCK_INITIALIZER;

void port_flush_hold(void)
{
	pthread_rwlock_rdlock(&flush_lock);
}

void port_flush_release(void)
{
	pthread_rwlock_unlock(&flush_lock);
}

void port_close(struct port *p)
{
	if (!p)
		return;
	pthread_rwlock_wrlock(&flush_lock);
	p->ops->close(p);
	pthread_rwlock_unlock(&flush_lock);
}

static __thread unsigned batch_depth;
static __thread unsigned lane;
static __thread struct port *batch_list;

int port_set_promisc(struct port *p, bool on)
{
	if (p->promisc == on)
		return p->promisc_err;
	p->promisc = on;
	p->promisc_err = 0;
	if (p->ops->promisc && !p->detached)
		p->promisc_err = p->ops->promisc(p);
	return p->promisc_err;
}

void port_set_lane(unsigned q)
{
	lane = q < PORT_QUEUES ? q : 0;
}

unsigned port_lane(void)
{
	return lane;
}

void port_batch_begin(void)
{
	batch_depth++;
}

void port_batch_end(void)
{
	struct port *p;

	if (!batch_depth || --batch_depth)
		return;
	while ((p = batch_list)) {
		batch_list = p->batch_next[lane];
		p->batch_next[lane] = NULL;
		p->batch_queued[lane] = false;
		if (p->ops->flush)
			p->ops->flush(p);
	}
}

bool port_batching(void)
{
	return batch_depth > 0;
}

void port_batch_mark(struct port *p)
{
	if (p->batch_queued[lane])
		return;
	p->batch_queued[lane] = true;
	p->batch_next[lane] = batch_list;
	batch_list = p;
}

void port_batch_forget(struct port *p)
{
	struct port **pp;

	if (!p->batch_queued[lane])
		return;
	for (pp = &batch_list; *pp; pp = &(*pp)->batch_next[lane])
		if (*pp == p) {
			*pp = p->batch_next[lane];
			break;
		}
	p->batch_next[lane] = NULL;
	p->batch_queued[lane] = false;
}

void port_link(struct port *p, struct port_link *st)
{
	memset(st, 0, sizeof(*st));
	if (p->ops->link) {
		p->ops->link(p, st);
		return;
	}
	st->present = st->up = st->carrier = true;
}

void port_detach(struct port *p)
{
	if (p->ops->detach && !p->detached) {
		pthread_rwlock_wrlock(&flush_lock);
		p->ops->detach(p);
		pthread_rwlock_unlock(&flush_lock);
		p->detached = true;
		p->ifindex = 0;
	}
	p->renew = false;
}

int port_attach(struct port *p, char *err, size_t errlen)
{
	int rc;

	if (!p->detached)
		return 0;
	if (!p->ops->attach) {
		snprintf(err, errlen, "%s: cannot be opened again", p->name);
		return -1;
	}
	pthread_rwlock_wrlock(&flush_lock);
	rc = p->ops->attach(p, err, errlen);
	pthread_rwlock_unlock(&flush_lock);
	if (rc == -1)
		return -1;
	p->detached = false;
	/* A new socket or device: promiscuous again if the router answers
	 * to a MAC of its own ('mac-address'). */
	p->promisc_err = p->ops->promisc ? p->ops->promisc(p) : 0;
	return 0;
}

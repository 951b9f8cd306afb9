/*
 * DOC: what every port shares
 *
 * The send batch is per thread: only the thread that began it queues, so a
 * shell thread's ping never waits in the event loop's batch.  The list of
 * ports to flush is threaded through the ports themselves: no allocation.
 */
#include <stdio.h>
#include <string.h>

#include "port.h"

void port_close(struct port *p)
{
	if (p)
		p->ops->close(p);
}

static __thread unsigned batch_depth;
static __thread struct port *batch_list;

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
		batch_list = p->batch_next;
		p->batch_next = NULL;
		p->batch_queued = false;
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
	if (p->batch_queued)
		return;
	p->batch_queued = true;
	p->batch_next = batch_list;
	batch_list = p;
}

void port_batch_forget(struct port *p)
{
	struct port **pp;

	if (!p->batch_queued)
		return;
	for (pp = &batch_list; *pp; pp = &(*pp)->batch_next)
		if (*pp == p) {
			*pp = p->batch_next;
			break;
		}
	p->batch_next = NULL;
	p->batch_queued = false;
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
		p->ops->detach(p);
		p->detached = true;
		p->ifindex = 0;
	}
}

int port_attach(struct port *p, char *err, size_t errlen)
{
	if (!p->detached)
		return 0;
	if (!p->ops->attach) {
		snprintf(err, errlen, "%s: cannot be opened again", p->name);
		return -1;
	}
	if (p->ops->attach(p, err, errlen) == -1)
		return -1;
	p->detached = false;
	return 0;
}

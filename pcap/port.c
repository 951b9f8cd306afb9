/*
 * DOC: what every port shares
 */
#include <stdio.h>
#include <string.h>

#include "port.h"

void port_close(struct port *p)
{
	if (p)
		p->ops->close(p);
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

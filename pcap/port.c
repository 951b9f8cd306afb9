/*
 * DOC: what every port shares
 */
#include "port.h"

void port_close(struct port *p)
{
	if (p)
		p->ops->close(p);
}

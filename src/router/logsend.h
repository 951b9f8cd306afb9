/*
 * DOC: the router's own syslog sender ('logging host')
 *
 * lispr is a router, so messages for 'logging host A' leave through its
 * own packet path, not a kernel socket: from the address of 'logging
 * source-interface IF' (or, without one, of the interface the route to A
 * leaves by, as IOS does), routed by the FIB, resolved by ARP, in the
 * namespace's wire like any packet the router originates.
 *
 * The log writer thread hands each datagram to logsend_xmit() (through
 * log_set_xmit()), which only copies it into a bounded queue and wakes the
 * event loop with an eventfd; the loop sends under the router lock.  A
 * full queue, no route or no source address count as the host's dropped
 * lines ('show logging').
 */
#ifndef LISPR_LOGSEND_H
#define LISPR_LOGSEND_H

#include <stddef.h>

struct router;
struct logsend;

/* Attach to r's loop and become the log's transport; NULL on failure. */
struct logsend *logsend_new(struct router *r);
/* Stop being the transport, detach and free (before router_free()). */
void logsend_free(struct logsend *ls);
/* Send what is queued now (the loop does this by itself; for tests on
 * a manual clock).  Call with the router lock held. */
size_t logsend_drain(struct logsend *ls);

#endif

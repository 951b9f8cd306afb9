/*
 * DOC: the telnet vty listener
 *
 * One listening socket and one thread per session, each running libcli's
 * cli_loop; at most as many sessions as there are vty lines accepting
 * telnet.  Lines are not parsed by libcli's matcher but by shell_exec()
 * (see shell.c), under the router lock.
 */
#ifndef LISPR_VTY_H
#define LISPR_VTY_H

#include <stddef.h>

#include "shell.h"

struct vty_server;

/* Listen on addr:port (IPv4 or IPv6 literal); port 0 picks a free port,
 * see vty_port().  NULL and a reason in err on failure. */
struct vty_server *vty_start(struct shell *sh, const char *addr, int port, char *err, size_t errlen);
int vty_port(const struct vty_server *v);
/* Close the listener, end every session and wait for their threads. */
void vty_stop(struct vty_server *v);

#endif

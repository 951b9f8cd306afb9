/*
 * DOC: link state: rtnetlink, port errors, a port detached and attached again
 *
 * A live port captures on a Linux interface that can vanish under the
 * router (ip link del), come back under the same name as another interface
 * (a new ifindex, a new MAC), or lose its carrier (the veth peer set down).
 * The router learns of it two ways, both in the event loop and neither
 * blocking: an rtnetlink socket subscribed to RTMGRP_LINK (a message per
 * link change in the router's network namespace) and the port's own receive
 * errors (the capture socket reports ENETDOWN/ENODEV when its interface goes
 * down or away).  Either way the port is asked for the kernel's view of its
 * name (port_link: two ioctls) and that view is the truth:
 *
 *   - the interface is gone, down in the kernel, or now another ifindex:
 *     the port is detached (capture and injector closed, its descriptor out
 *     of the loop);
 *   - an interface of that name exists and is up while the port is
 *     detached: the port is attached to it (a new capture and injector, the
 *     MAC read again); a failure is retried every LINK_RETRY_MS;
 *   - line protocol is up when the port is attached and the interface has
 *     carrier (IFF_RUNNING).
 *
 * A change of line protocol is what IOS does on a link change: connected
 * routes and static routes over the interface leave the FIB (fib_rebuild
 * asks iface_is_up) or return, the interface's ARP entries are flushed,
 * IPv6 on it stops or starts again (ND flushed, DAD anew: ipv6.c), coming
 * up announces itself with a gratuitous ARP, and two lines are logged,
 * %LINK-3-UPDOWN and %LINEPROTO-5-UPDOWN.  Admin 'shutdown' is
 * independent: a shut interface follows its link silently and stays
 * administratively down; 'no shutdown' brings it up only if its link is.
 *
 * The netlink socket's buffer can overflow under a storm of link changes
 * (ENOBUFS): then every port is checked.  A port that keeps failing while
 * its link looks fine (two receive errors within LINK_ERR_WINDOW_MS) is
 * detached and attached again by the retry timer, so a broken capture
 * never spins the loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>

#include "log.h"
#include "router_int.h"

#define LINK_RETRY_MS		1000
#define LINK_ERR_WINDOW_MS	1000
#define NL_RCVBUF		(1 << 20)
#define NL_MSGS_PER_WAKEUP	256

struct linkmon {
	int fd;			/* rtnetlink, -1 when not tracking */
	struct evtimer *retry;
	uint64_t overruns;	/* ENOBUFS: messages the kernel dropped */
};

/* The line protocol follows the link: the interface's routes leave the
 * table as it has them and come back, as 'shutdown' does
 * (fib_change_begin()), instead of a rebuild per flap. */
static void set_line(struct router *r, struct iface *ifp, bool up)
{
	bool inc;
	unsigned i;

	if (ifp->link_down == !up)
		return;
	ifp->link_changes++;
	if (ifp->shutdown) {		/* down either way */
		ifp->link_down = !up;
		return;
	}
	if ((inc = fib_change_begin(r, ifp))) {
		fib_drop_iface4(r, ifp);
		fib6_drop_iface(r, ifp);
	}
	ifp->link_down = !up;
	arp_flush_iface(r, ifp);
	iface6_changed(r, ifp);
	if (inc && up) {
		fib_iface_addr_added(r, ifp);
		for (i = 0; i < IFACE6_ADDR_MAX; i++)
			if (ifp->v6.g[i].used)
				fib6_iface_addr_added(r, ifp, &ifp->v6.g[i]);
	}
	fib_change_end(r, ifp->vrf, inc);
	log_event("LINK", LOG_ERR, "UPDOWN", "Interface %s, changed state to %s",
		  ifp->name, up ? "up" : "down");
	log_event("LINEPROTO", LOG_NOTICE, "UPDOWN", "Line protocol on Interface %s, changed state to %s",
		  ifp->name, up ? "up" : "down");
	if (up)
		arp_gratuitous(r, ifp);
}

static void retry_fire(void *arg);

/* The monitor's state, made on first use: a router whose ports report
 * errors retries them even when it does not follow rtnetlink. */
static struct linkmon *mon(struct router *r)
{
	struct linkmon *m = r->links;

	if (m)
		return m;
	if (!(m = calloc(1, sizeof(*m))))
		return NULL;
	m->fd = -1;
	if (!(m->retry = ev_timer_new(r->ev, retry_fire, r))) {
		free(m);
		return NULL;
	}
	return r->links = m;
}

static void arm_retry(struct router *r)
{
	struct linkmon *m = mon(r);

	if (m && !ev_timer_armed(m->retry))
		ev_timer_arm(m->retry, LINK_RETRY_MS * NS_PER_MS);
}

static void detach(struct router *r, struct iface *ifp)
{
	router_unwatch_port(r, ifp);
	port_detach(ifp->port);
}

void link_update(struct router *r, struct iface *ifp)
{
	struct port *p = ifp->port;
	struct port_link st;
	char err[256];

	if (!p || !port_has_link(p))
		return;
	port_link(p, &st);
	if (!p->detached && (!st.present || !st.up || st.ifindex != p->ifindex)) {
		detach(r, ifp);
		/* Down first even if a new interface is there already: the
		 * old one is gone, with its MAC and its neighbours. */
		set_line(r, ifp, false);
	}
	if (p->detached && st.present && st.up) {
		err[0] = '\0';
		if (port_attach(p, err, sizeof(err)) == 0) {
			iface_mac_sync(r, ifp);
			if (router_watch_port(r, ifp) == -1) {
				port_detach(p);
				snprintf(err, sizeof(err), "%s: cannot watch the port", ifp->name);
			}
		}
		if (p->detached) {
			log_ratelimited(&ifp->link_changes, LOG_WARNING,
					"%%LINK-4-ERROR: Interface %s cannot be opened: %s", ifp->name, err);
			arm_retry(r);
		} else {
			log_msg(LOG_INFO, "Interface %s: capture and injector opened on ifindex %d",
				ifp->name, p->ifindex);
		}
	}
	set_line(r, ifp, !p->detached && st.carrier);
}

void link_update_all(struct router *r)
{
	struct iface *ifp;

	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		link_update(r, ifp);
}

void router_check_links(struct router *r)
{
	link_update_all(r);
}

void link_rx_error(struct router *r, struct iface *ifp)
{
	uint64_t now = ev_now(r->ev);
	bool again = ifp->rx_err_ns && now - ifp->rx_err_ns < LINK_ERR_WINDOW_MS * NS_PER_MS;

	if (!ifp->port || !port_has_link(ifp->port))
		return;		/* a file port at its end, say */
	ifp->rx_err_ns = now;
	link_update(r, ifp);
	if (again && !ifp->port->detached) {
		/* The link looks fine but the capture keeps failing: open it
		 * again, later, from the timer, with new sockets. */
		ifp->port->renew = true;
		detach(r, ifp);
		set_line(r, ifp, false);
		arm_retry(r);
	}
}

static void retry_fire(void *arg)
{
	struct router *r = arg;
	struct iface *ifp;

	link_update_all(r);
	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->port && port_has_link(ifp->port) && ifp->port->detached) {
			struct port_link st;

			port_link(ifp->port, &st);
			if (st.present && st.up)
				arm_retry(r);	/* failed again: keep trying */
		}
}

/* One RTM_NEWLINK or RTM_DELLINK: check the ports it may concern, the one
 * of its name and the one bound to its ifindex (a rename). */
static void nl_link_msg(struct router *r, const struct nlmsghdr *h)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct rtattr *a;
	const char *name = NULL;
	struct iface *ifp;
	int len;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return;
	len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi)));
	for (a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == IFLA_IFNAME && RTA_PAYLOAD(a) > 0 &&
		    memchr(RTA_DATA(a), '\0', RTA_PAYLOAD(a)))
			name = RTA_DATA(a);
	for (ifp = r->ifaces; ifp; ifp = ifp->next) {
		if (!ifp->port || !port_has_link(ifp->port))
			continue;
		if ((name && strcmp(ifp->port->name, name) == 0) ||
		    (ifi->ifi_index > 0 && ifp->port->ifindex == ifi->ifi_index))
			link_update(r, ifp);
	}
}

static void nl_ready(void *arg, int fd)
{
	struct router *r = arg;
	char buf[16384] __attribute__((aligned(NLMSG_ALIGNTO)));
	int msgs = 0;

	while (msgs < NL_MSGS_PER_WAKEUP) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		const struct nlmsghdr *h;
		int len;

		if (n < 0) {
			if (errno == ENOBUFS) {
				/* Changes were lost: look at every port. */
				r->links->overruns++;	/* nl_ready runs only with a monitor */
				link_update_all(r);
				msgs++;
				continue;
			}
			return;		/* EAGAIN, or nothing we can do */
		}
		if (n == 0)
			return;
		len = (int)n;
		for (h = (const struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			msgs++;
			if (h->nlmsg_type == RTM_NEWLINK || h->nlmsg_type == RTM_DELLINK)
				nl_link_msg(r, h);
		}
	}
}

int router_track_links(struct router *r, char *err, size_t errlen)
{
	struct sockaddr_nl sa;
	struct linkmon *m = mon(r);
	int sz = NL_RCVBUF, fd;

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (m->fd != -1)
		return 0;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd == -1) {
		snprintf(err, errlen, "rtnetlink: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = RTMGRP_LINK;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    ev_fd_add(r->ev, fd, nl_ready, r) == -1) {
		snprintf(err, errlen, "rtnetlink: %s", strerror(errno));
		close(fd);
		return -1;
	}
	m->fd = fd;
	/* Whatever changed before the socket was bound. */
	link_update_all(r);
	return 0;
}

void link_fini(struct router *r)
{
	struct linkmon *m = r->links;

	if (!m)
		return;
	if (m->fd != -1) {
		ev_fd_del(r->ev, m->fd);
		close(m->fd);
	}
	ev_timer_free(m->retry);
	free(m);
	r->links = NULL;
}

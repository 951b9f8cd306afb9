/*
 * DOC: unit tests of link state (src/router/netlink.c) on memory ports
 *
 * The router of test_router_util.h, with a static route through Ethernet0's
 * subnet and one through Ethernet0 by name; Ethernet0's memory port is
 * given a link (port_mem_set_link) that the tests take away, bring back as
 * another interface (a new ifindex and MAC), strip of its carrier and make
 * fail, checking each time the line protocol, the FIB, the log, what the
 * port sends and the retry timer on the manual clock.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "test_router_util.h"
#include "log.h"

static struct trt T;
static uint8_t out[2048];
static const uint8_t MAC_NEW[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x77 };

static int setup(void) { log_init(256, false); return 0; }
static int teardown(void) { log_shutdown(); return 0; }

struct logscan {
	const char *text;
	int n;
};

static void scan_one(void *arg, const char *line)
{
	struct logscan *s = arg;

	if (strstr(line, s->text))
		s->n++;
}

static int logged(const char *text)
{
	struct logscan s = { text, 0 };

	log_ring_walk(scan_one, &s);
	return s.n;
}

static const char *DOWN_LINK = "%LINK-3-UPDOWN: Interface Ethernet0, changed state to down";
static const char *DOWN_PROTO = "%LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet0, changed state to down";
static const char *UP_LINK = "%LINK-3-UPDOWN: Interface Ethernet0, changed state to up";
static const char *UP_PROTO = "%LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet0, changed state to up";

static void set_link(bool present, bool up, bool carrier, int ifindex, const uint8_t *mac)
{
	struct port_link st = { .present = present, .up = up, .carrier = carrier,
				.ifindex = present ? ifindex : 0 };

	port_mem_set_link(T.p0, &st, mac);
}

static struct iface *route_oif(const char *dst)
{
	struct fib_entry *e = fib_lookup(T.r, ip4(dst));

	return e ? e->oif : NULL;
}

/* Ethernet0's own routes and the two statics through it are all there. */
static void routes_up(void)
{
	t_check_as_rebuilt(T.r, 1);	/* the link's change left it so */
	CU_ASSERT_PTR_EQUAL(route_oif("10.0.1.5"), T.e0);
	CU_ASSERT_PTR_EQUAL(route_oif("10.9.9.1"), T.e0);
	CU_ASSERT_PTR_EQUAL(route_oif("10.8.8.1"), T.e0);
	CU_ASSERT_PTR_EQUAL(route_oif("10.0.2.5"), T.e1);
}

/* ... and all gone (the default route is not there), Ethernet1's stay. */
static void routes_down(void)
{
	t_check_as_rebuilt(T.r, 1);
	CU_ASSERT_PTR_NULL(fib_lookup(T.r, ip4("10.0.1.5")));
	CU_ASSERT_PTR_NULL(fib_lookup(T.r, ip4("10.9.9.1")));
	CU_ASSERT_PTR_NULL(fib_lookup(T.r, ip4("10.8.8.1")));
	CU_ASSERT_PTR_EQUAL(route_oif("10.0.2.5"), T.e1);
}

static void start(void)
{
	struct prefix p;
	struct addr gw;
	char err[128];

	trt_setup(&T);
	addr_set_v4(&gw, ip4("10.0.1.10"));
	CU_ASSERT_EQUAL(prefix_parse("10.9.9.0/24", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &gw, "", 1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(prefix_parse("10.8.8.0/24", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &gw, "Ethernet0", 1, err, sizeof(err)), 0);
	set_link(true, true, true, 5, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	routes_up();
	/* Count from here ('no shutdown' logged; the buffer keeps only what
	 * fits in 'logging buffered'). */
	log_ring_clear();
}

/* A gratuitous ARP for 10.0.1.1 from mac is among what Ethernet0 sent. */
static bool sent_garp(const uint8_t mac[6])
{
	long n;
	bool seen = false;

	while ((n = port_mem_pop(T.p0, out, sizeof(out), NULL)) >= 0)
		if (n >= 42 && out[12] == 0x08 && out[13] == 0x06 &&
		    memcmp(out + 6, mac, 6) == 0 && memcmp(out + 22, mac, 6) == 0 &&
		    memcmp(out + 28, out + 38, 4) == 0 && out[28] == 10 && out[31] == 1)
			seen = true;
	return seen;
}

static void test_deleted_and_back(void)
{
	int downs, ups;

	start();
	downs = logged(DOWN_PROTO);
	ups = logged(UP_PROTO);
	/* ip link del: gone. */
	set_link(false, false, false, 0, NULL);
	router_check_links(T.r);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	CU_ASSERT_FALSE(iface_is_shutdown(T.e0));
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	routes_down();
	CU_ASSERT_EQUAL(logged(DOWN_LINK), downs + 1);
	CU_ASSERT_EQUAL(logged(DOWN_PROTO), downs + 1);
	/* Nothing more to say while it stays gone. */
	router_check_links(T.r);
	CU_ASSERT_EQUAL(logged(DOWN_PROTO), downs + 1);
	port_mem_flush(T.p0);

	/* Created again, down at first: still detached, no route. */
	set_link(true, false, false, 9, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	CU_ASSERT_FALSE(iface_is_up(T.e0));

	/* Set up, with carrier: attached to ifindex 9 with the new MAC, up. */
	set_link(true, true, true, 9, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	CU_ASSERT_EQUAL(iface_port(T.e0)->ifindex, 9);
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), MAC_NEW, 6), 0);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	routes_up();
	CU_ASSERT_EQUAL(logged(UP_LINK), ups + 1);
	CU_ASSERT_EQUAL(logged(UP_PROTO), ups + 1);
	CU_ASSERT_TRUE(sent_garp(MAC_NEW));
	router_free(T.r);
}

static void test_replaced_at_once(void)
{
	int downs, ups;

	/* Deleted and created again before the router looked: another
	 * ifindex.  The old interface went down, the new one comes up. */
	start();
	downs = logged(DOWN_PROTO);
	ups = logged(UP_PROTO);
	set_link(true, true, true, 11, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_EQUAL(iface_port(T.e0)->ifindex, 11);
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), MAC_NEW, 6), 0);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	CU_ASSERT_EQUAL(logged(DOWN_PROTO), downs + 1);
	CU_ASSERT_EQUAL(logged(UP_PROTO), ups + 1);
	CU_ASSERT_TRUE(sent_garp(MAC_NEW));
	routes_up();
	router_free(T.r);
}

static void test_carrier(void)
{
	int downs, ups;

	start();
	downs = logged(DOWN_PROTO);
	ups = logged(UP_PROTO);
	set_link(true, true, false, 5, NULL);
	router_check_links(T.r);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);	/* the socket survives */
	routes_down();
	CU_ASSERT_EQUAL(logged(DOWN_PROTO), downs + 1);
	/* A frame arriving meanwhile is dropped, counted. */
	{
		uint64_t d = router_stats(T.r)->drops[RT_DROP_IFACE_DOWN];
		uint8_t f[128];
		size_t n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), MAC_BC, ip4("10.0.1.1"));

		port_mem_push(T.p0, f, n, router_now(T.r));
		router_poll(T.r);
		CU_ASSERT_EQUAL(router_stats(T.r)->drops[RT_DROP_IFACE_DOWN], d + 1);
	}
	port_mem_flush(T.p0);
	set_link(true, true, true, 5, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	routes_up();
	CU_ASSERT_EQUAL(logged(UP_PROTO), ups + 1);
	CU_ASSERT_TRUE(sent_garp(MAC_R0));
	router_free(T.r);
}

static void test_shutdown_independent(void)
{
	int downs, ups;

	start();
	downs = logged(DOWN_PROTO);
	ups = logged(UP_PROTO);
	iface_set_shutdown(T.r, T.e0, true);
	downs = logged(DOWN_PROTO);
	ups = logged(UP_PROTO);
	set_link(true, true, false, 5, NULL);
	router_check_links(T.r);
	set_link(true, true, true, 5, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_is_shutdown(T.e0));
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	CU_ASSERT_EQUAL(logged(DOWN_PROTO), downs);
	CU_ASSERT_EQUAL(logged(UP_PROTO), ups);
	routes_down();
	/* no shutdown without carrier: still down; with carrier: up. */
	set_link(true, true, false, 5, NULL);
	router_check_links(T.r);
	iface_set_shutdown(T.r, T.e0, false);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	routes_down();
	set_link(true, true, true, 5, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	routes_up();
	router_free(T.r);
}

static void test_rx_errors(void)
{
	struct evloop *l;
	uint64_t t;

	start();
	l = router_loop(T.r);
	/* One error while the link is fine: nothing changes. */
	port_mem_fail_recv(T.p0, 1);
	router_poll(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	/* Another within a second: the capture is opened again, later. */
	ev_clock_set(l, router_now(T.r) + 100 * 1000000ull);
	port_mem_fail_recv(T.p0, 1);
	router_poll(T.r);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	CU_ASSERT_TRUE(ev_next_deadline(l, &t));
	routes_down();
	/* The retry timer attaches it again. */
	ev_clock_set(l, router_now(T.r) + 1100 * 1000000ull);
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	routes_up();

	/* An error because the interface went away: detached at once. */
	ev_clock_set(l, router_now(T.r) + 5 * T_SEC);
	set_link(false, false, false, 0, NULL);
	port_mem_fail_recv(T.p0, 1);
	router_poll(T.r);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	router_free(T.r);
}

static void test_attach_retried(void)
{
	struct evloop *l;

	start();
	l = router_loop(T.r);
	set_link(false, false, false, 0, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	/* Back, but opening it fails: retried every second until it works. */
	port_mem_refuse_attach(T.p0, true);
	set_link(true, true, true, 12, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	CU_ASSERT_FALSE(iface_is_up(T.e0));
	ev_clock_set(l, router_now(T.r) + 1100 * 1000000ull);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	port_mem_refuse_attach(T.p0, false);
	ev_clock_set(l, router_now(T.r) + 1100 * 1000000ull);
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	CU_ASSERT_EQUAL(iface_port(T.e0)->ifindex, 12);
	routes_up();
	router_free(T.r);
}

/* 'mac-address' on a port that refuses promiscuous mode: logged and kept
 * (show platform packet-io prints it), at the command and again at every
 * attach it is refused; an attach where it holds clears it. */
static void test_promisc_refused(void)
{
	static const uint8_t vmac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x01, 0x01 };
	static const char *REFUSED = "%LINK-3-PROMISC: Interface Ethernet0, promiscuous mode refused "
				     "(Operation not permitted): frames to 0200.5e00.0101 are not received";
	char err[128];

	start();
	port_mem_refuse_promisc(T.p0, true);
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, vmac, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(T.p0->promisc);
	CU_ASSERT_EQUAL(T.p0->promisc_err, EPERM);
	CU_ASSERT_EQUAL(logged(REFUSED), 1);
	/* The MAC is the router's all the same (the port may take it later). */
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), vmac, 6), 0);
	/* Gone and back as another interface, still refused: said again. */
	set_link(false, false, false, 0, NULL);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_port(T.e0)->detached);
	set_link(true, true, true, 13, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	CU_ASSERT_EQUAL(T.p0->promisc_err, EPERM);
	CU_ASSERT_EQUAL(logged(REFUSED), 2);
	/* Gone and back where it holds: cleared, nothing more logged. */
	set_link(false, false, false, 0, NULL);
	router_check_links(T.r);
	port_mem_refuse_promisc(T.p0, false);
	set_link(true, true, true, 14, MAC_NEW);
	router_check_links(T.r);
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	CU_ASSERT_TRUE(T.p0->promisc);
	CU_ASSERT_EQUAL(T.p0->promisc_err, 0);
	CU_ASSERT_EQUAL(logged(REFUSED), 2);
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), vmac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(iface_bia(T.e0), MAC_NEW, 6), 0);
	/* 'no mac-address' needs nothing refused: no error either way. */
	port_mem_refuse_promisc(T.p0, true);
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, NULL, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(T.p0->promisc);
	CU_ASSERT_EQUAL(T.p0->promisc_err, 0);
	CU_ASSERT_EQUAL(logged(REFUSED), 2);
	router_free(T.r);
}

static void test_no_link_ports(void)
{
	/* Memory and file ports without a link are never touched. */
	trt_setup(&T);
	router_check_links(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	CU_ASSERT_FALSE(iface_port(T.e0)->detached);
	port_mem_fail_recv(T.p0, 3);
	router_poll(T.r);
	router_poll(T.r);
	CU_ASSERT_TRUE(iface_is_up(T.e0));
	router_free(T.r);
}

static CU_TestInfo tests[] = {
	{ "deleted: down, routes withdrawn, logged; back as another interface: up", test_deleted_and_back },
	{ "replaced before the router looked: down, then up on the new one", test_replaced_at_once },
	{ "carrier lost and back", test_carrier },
	{ "admin shutdown is independent of the link", test_shutdown_independent },
	{ "receive errors: checked, repeated ones reopen the port", test_rx_errors },
	{ "a failed attach is retried", test_attach_retried },
	{ "promiscuous mode refused: logged at the command and every attach", test_promisc_refused },
	{ "ports without a link are left alone", test_no_link_ports },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "link state", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

# Router core (issue 3): pcap/ ports, event loop, interfaces, ARP, IPv4, ICMP, FIB.
# Append its sources to src_liblispr_a_SOURCES.
src_liblispr_a_SOURCES += \
	pcap/port.c pcap/port.h pcap/port_mem.c pcap/port_file.c pcap/port_live.c \
	src/lib/event.c src/lib/event.h \
	src/router/router.c src/router/router.h src/router/router_int.h src/router/stats.h \
	src/router/rxworker.c \
	src/router/iface.c src/router/iface.h \
	src/router/ether.c src/router/ether.h \
	src/router/arp.c src/router/arp.h \
	src/router/ipv4.c src/router/ipv4.h src/router/acl.c src/router/acl.h \
	src/router/icmp.c src/router/icmp.h \
	src/router/fib.c src/router/fib.h \
	src/router/ping.c src/router/ping.h \
	src/router/ipv6.c src/router/ipv6.h src/router/icmpv6.c src/router/icmpv6.h \
	src/router/nd.c src/router/nd.h src/router/fib6.c \
	src/router/traceroute.c src/router/traceroute.h \
	src/router/vrf.c src/router/vrf.h

noinst_PROGRAMS += bench/bench_forward
bench_bench_forward_SOURCES = bench/bench_forward.c
bench_bench_forward_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_forward_LDADD = $(LISPR_LIBS)

# Live forwarding benchmark across veth (run by hand: bench/bench_forward_live.sh).
noinst_PROGRAMS += bench/bench_forward_live bench/bench_forward_live_traffic
bench_bench_forward_live_SOURCES = bench/bench_forward_live.c bench/live_util.h
bench_bench_forward_live_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_forward_live_LDADD = $(LISPR_LIBS)
bench_bench_forward_live_traffic_SOURCES = bench/bench_forward_live_traffic.c
EXTRA_DIST += bench/bench_forward_live.sh bench/live_lib.sh

# tests/live_lib.sh: the live shell tests' shared helpers (they source it,
# and it tests/capture.sh, from $(top_srcdir)).
EXTRA_DIST += tests/test_port_live.sh tests/capture.sh tests/live_lib.sh tests/test_ipv6_live.sh tests/test_vrf_live.sh tests/test_mac_live.sh
# Link state (issue 9): rtnetlink and the ports' errors; the test deletes,
# re-creates and un-carriers an interface in namespaces (skips unless root
# with 'ip netns').
src_liblispr_a_SOURCES += src/router/netlink.c
EXTRA_DIST += tests/test_link_state.sh tests/test_pktio_live.sh
TESTS += tests/test_link_state.sh tests/test_pktio_live.sh

if HAVE_CUNIT
ROUTER_TESTS = tests/test_router tests/test_router_fib tests/test_router_ping \
	tests/test_router_offline tests/test_router_event tests/test_port tests/test_router_ipv6 \
	tests/test_traceroute tests/test_router_vrf tests/test_event_poll
check_PROGRAMS += $(ROUTER_TESTS) tests/test_port_live
TESTS += $(ROUTER_TESTS) tests/test_port_live.sh tests/test_ipv6_live.sh tests/test_vrf_live.sh tests/test_mac_live.sh

tests_test_router_SOURCES = tests/test_router.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_CFLAGS = $(TEST_CFLAGS)
tests_test_router_LDADD = $(TEST_LIBS)
tests_test_router_ipv6_SOURCES = tests/test_router_ipv6.c tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h
tests_test_router_ipv6_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_router_ipv6_LDADD = $(TEST_LIBS)
tests_test_router_vrf_SOURCES = tests/test_router_vrf.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_vrf_CFLAGS = $(TEST_CFLAGS)
tests_test_router_vrf_LDADD = $(TEST_LIBS)
tests_test_router_fib_SOURCES = tests/test_router_fib.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_fib_CFLAGS = $(TEST_CFLAGS)
tests_test_router_fib_LDADD = $(TEST_LIBS)
tests_test_router_ping_SOURCES = tests/test_router_ping.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_ping_CFLAGS = $(TEST_CFLAGS)
tests_test_router_ping_LDADD = $(TEST_LIBS)
tests_test_traceroute_SOURCES = tests/test_traceroute.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/pktgen.c tests/pktgen.h
tests_test_traceroute_CFLAGS = $(TEST_CFLAGS)
tests_test_traceroute_LDADD = $(TEST_LIBS)
tests_test_router_offline_SOURCES = tests/test_router_offline.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_offline_CFLAGS = $(TEST_CFLAGS)
tests_test_router_offline_LDADD = $(TEST_LIBS)
tests_test_router_event_SOURCES = tests/test_router_event.c tests/cunit_main.h
tests_test_router_event_CFLAGS = $(TEST_CFLAGS)
tests_test_router_event_LDADD = $(TEST_LIBS)
tests_test_event_poll_SOURCES = tests/test_event_poll.c tests/cunit_main.h
tests_test_event_poll_CFLAGS = $(TEST_CFLAGS)
tests_test_event_poll_LDADD = $(TEST_LIBS) -lpthread
tests_test_port_live_SOURCES = tests/test_port_live.c
tests_test_port_live_CFLAGS = $(TEST_CFLAGS)
tests_test_port_live_LDADD = $(LISPR_LIBS)
tests_test_port_SOURCES = tests/test_port.c tests/cunit_main.h tests/test_tshark.h
tests_test_port_CFLAGS = $(TEST_CFLAGS)
tests_test_port_LDADD = $(TEST_LIBS)
endif

# Link state on memory ports (src/router/netlink.c's logic, on the manual clock).
if HAVE_CUNIT
check_PROGRAMS += tests/test_router_link
TESTS += tests/test_router_link
tests_test_router_link_SOURCES = tests/test_router_link.c tests/test_router_util.h tests/cunit_main.h
tests_test_router_link_CFLAGS = $(TEST_CFLAGS)
tests_test_router_link_LDADD = $(TEST_LIBS)
endif

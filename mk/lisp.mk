# The LISP engine (issue 5): src/lisp*.c, src/lisp/map_cache.c; append to src_liblispr_a_SOURCES.
src_liblispr_a_SOURCES += \
	src/lisp/lisp.c src/lisp/lisp.h src/lisp/lisp_int.h src/lisp/lisp_stats.h src/lisp/lisp_conf.c \
	src/lisp/lisp_itr.c src/lisp/lisp_etr.c src/lisp/lisp_ms.c \
	src/lisp/map_cache.c src/lisp/map_cache.h

if HAVE_CUNIT
LISP_TESTS = tests/test_lisp_config tests/test_lisp_lab tests/test_lisp_proxy tests/test_lisp_harden
LISP_TESTS += tests/test_lisp_v6rloc
LISP_TESTS += tests/test_lisp_v6eid
LISP_TESTS += tests/test_map_cache
check_PROGRAMS += $(LISP_TESTS)
TESTS += $(LISP_TESTS)

tests_test_lisp_config_SOURCES = tests/test_lisp_config.c tests/cunit_main.h
tests_test_lisp_config_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_config_LDADD = $(TEST_LIBS)
tests_test_map_cache_SOURCES = tests/test_map_cache.c tests/test_router_util.h tests/cunit_main.h
tests_test_map_cache_CFLAGS = $(TEST_CFLAGS)
tests_test_map_cache_LDADD = $(TEST_LIBS)
tests_test_lisp_lab_SOURCES = tests/test_lisp_lab.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h
tests_test_lisp_lab_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_lab_LDADD = $(TEST_LIBS)
tests_test_lisp_proxy_SOURCES = tests/test_lisp_proxy.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h
tests_test_lisp_proxy_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_proxy_LDADD = $(TEST_LIBS)
tests_test_lisp_harden_SOURCES = tests/test_lisp_harden.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_lab_shell.h
tests_test_lisp_harden_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_harden_LDADD = $(SHELL_TEST_LIBS)
tests_test_lisp_v6rloc_SOURCES = tests/test_lisp_v6rloc.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h
tests_test_lisp_v6rloc_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_v6rloc_LDADD = $(TEST_LIBS)
tests_test_lisp_v6eid_SOURCES = tests/test_lisp_v6eid.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h
tests_test_lisp_v6eid_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_v6eid_LDADD = $(TEST_LIBS)
endif

noinst_PROGRAMS += bench/bench_lisp
bench_bench_lisp_SOURCES = bench/bench_lisp.c bench/bench_util.h
bench_bench_lisp_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_lisp_LDADD = $(LISPR_LIBS)

# Live LISP benchmarks across veth (run by hand: bench/bench_lisp_live.sh);
# the traffic source and sink is bench_forward_live_traffic.
noinst_PROGRAMS += bench/bench_lisp_live
bench_bench_lisp_live_SOURCES = bench/bench_lisp_live.c bench/live_util.h
bench_bench_lisp_live_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_lisp_live_LDADD = $(LISPR_LIBS)
bench_bench_forward_live_traffic_LDADD = $(LISPR_LIBS)
EXTRA_DIST += bench/bench_lisp_live.sh bench/bench_xtr_live.sh

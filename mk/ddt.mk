# LISP-DDT (issue 13): the Map-Referral codec, the DDT node; its CUnit test.
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_ddt
TESTS += tests/test_lisp_ddt
tests_test_lisp_ddt_SOURCES = tests/test_lisp_ddt.c tests/test_lisp_lab.h tests/test_router_util.h \
	tests/cunit_main.h tests/test_tshark.h
tests_test_lisp_ddt_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_ddt_LDADD = $(TEST_LIBS)
endif
src_liblispr_a_SOURCES += src/lisp/lisp_ddt.c src/lisp/lisp_ddt.h src/lisp/lisp_ddt_mr.c
cli_libshell_a_SOURCES += cli/cmd_ddt.c cli/cmd_ddt.h
EXTRA_DIST += tests/fuzz/fuzz_map_referral.c tests/fuzz/fuzz_ddt_mr.c
# The DDT Map-Resolver (lisp_ddt_mr.c): its CUnit test.
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_ddt_mr
TESTS += tests/test_lisp_ddt_mr
tests_test_lisp_ddt_mr_SOURCES = tests/test_lisp_ddt_mr.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h
tests_test_lisp_ddt_mr_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_ddt_mr_LDADD = $(TEST_LIBS)
endif
# The DDT lab live: the six lispr of samples/ddt/ in namespaces (skips unless root).
EXTRA_DIST += tests/lab/test_lab_ddt.sh
TESTS += tests/lab/test_lab_ddt.sh
# DDT resolution rate, cold and warm referral cache (run by hand).
noinst_PROGRAMS += bench/bench_ddt
bench_bench_ddt_SOURCES = bench/bench_ddt.c bench/bench_util.h
bench_bench_ddt_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_ddt_LDADD = $(LISPR_LIBS)
# An ETR with several map-servers, the site's several keys (issue 13).
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_etr_multi
TESTS += tests/test_lisp_etr_multi
tests_test_lisp_etr_multi_SOURCES = tests/test_lisp_etr_multi.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h
tests_test_lisp_etr_multi_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_etr_multi_LDADD = $(TEST_LIBS)
endif
# The DDT lab ('lab.sh up ddt'; tests/lab/test_lab_ddt.sh starts the same
# samples): a DDT root, a DDT Map-Resolver, two Map-Server peers, two xTRs.
ddtdir = $(samplesdir)/ddt
dist_ddt_DATA = samples/ddt/x1.conf samples/ddt/x2.conf samples/ddt/mr.conf \
	samples/ddt/root.conf samples/ddt/ms.conf samples/ddt/ms2.conf

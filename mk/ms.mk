# The Map-Server and Map-Resolver per instance ID (issue 11): its CUnit test.
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_ms_inst
TESTS += tests/test_lisp_ms_inst
tests_test_lisp_ms_inst_SOURCES = tests/test_lisp_ms_inst.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_lab_shell.h tests/test_tshark.h
tests_test_lisp_ms_inst_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_ms_inst_LDADD = $(SHELL_TEST_LIBS)

# Several ETRs per site prefix merged by xTR-ID (issue 13).
check_PROGRAMS += tests/test_lisp_ms_merge
TESTS += tests/test_lisp_ms_merge
tests_test_lisp_ms_merge_SOURCES = tests/test_lisp_ms_merge.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h tests/test_lab_shell.h
tests_test_lisp_ms_merge_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_ms_merge_LDADD = $(SHELL_TEST_LIBS)
endif

# The Map-Server at scale (issue 13): 100k and 1M registered /32s (run by hand).
noinst_PROGRAMS += bench/bench_ms
bench_bench_ms_SOURCES = bench/bench_ms.c bench/bench_util.h
bench_bench_ms_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_ms_LDADD = $(LISPR_LIBS)

# The Map-Server's answers in batches (issue 14).
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_ms_batch
TESTS += tests/test_lisp_ms_batch
tests_test_lisp_ms_batch_SOURCES = tests/test_lisp_ms_batch.c tests/cunit_main.h tests/test_lisp_lab.h \
	tests/test_router_util.h
tests_test_lisp_ms_batch_CFLAGS = $(TEST_CFLAGS)
tests_test_lisp_ms_batch_LDADD = $(TEST_LIBS)
endif

# Our ETR's xTR-ID and site-ID: two lispr ETRs merged at the MS (issue 13).
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_etr_xid
TESTS += tests/test_lisp_etr_xid
tests_test_lisp_etr_xid_SOURCES = tests/test_lisp_etr_xid.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h tests/test_lab_shell.h
tests_test_lisp_etr_xid_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_etr_xid_LDADD = $(SHELL_TEST_LIBS)
endif

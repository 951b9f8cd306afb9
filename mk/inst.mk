# The LISP engine per instance ID (issue 11): its CUnit test on the
# in-process lab (two tenants in two VRFs with the same EID prefixes).
if HAVE_CUNIT
check_PROGRAMS += tests/test_lisp_inst
TESTS += tests/test_lisp_inst
tests_test_lisp_inst_SOURCES = tests/test_lisp_inst.c tests/test_lisp_lab.h \
	tests/test_router_util.h tests/cunit_main.h tests/test_tshark.h
tests_test_lisp_inst_CFLAGS = $(TEST_CFLAGS) $(PCAP_CFLAGS)
tests_test_lisp_inst_LDADD = $(TEST_LIBS)
endif

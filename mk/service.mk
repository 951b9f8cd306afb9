# Running lispr as a service (issue 15): logging commands, syslog, the
# router's own syslog sender, the Debian package and the systemd units.
cli_libshell_a_SOURCES += cli/cmd_logging.c
src_liblispr_a_SOURCES += src/router/logsend.c src/router/logsend.h

if HAVE_CUNIT
check_PROGRAMS += tests/test_logging
TESTS += tests/test_logging
tests_test_logging_SOURCES = tests/test_logging.c tests/test_router_util.h tests/cunit_main.h
tests_test_logging_CFLAGS = $(TEST_CFLAGS)
tests_test_logging_LDADD = $(SHELL_TEST_LIBS)
endif

# Remote syslog from the router's own packet path, captured in namespaces,
# with lispr running as nobody with CAP_NET_RAW and CAP_NET_ADMIN (needs
# root, 'ip netns', setpriv, tshark, tcpdump; else it skips).
TESTS += tests/test_syslog_live.sh
# The package test is a step of scripts/test.sh, not of 'make check'.
EXTRA_DIST += tests/test_syslog_live.sh tests/test_package.sh \
	debian/changelog debian/control debian/copyright debian/rules debian/source/format \
	debian/lispr.service debian/lispr@.service debian/lispr.install debian/lispr.examples \
	debian/lispr.docs debian/conf/lispr.conf

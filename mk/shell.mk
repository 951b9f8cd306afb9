# The IOS-style shell (issue 4): cli/.
noinst_LIBRARIES += cli/libshell.a
cli_libshell_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(READLINE_CFLAGS) $(PCAP_CFLAGS)
cli_libshell_a_SOURCES = \
	cli/shell.c cli/shell.h cli/secret.c cli/secret.h \
	cli/conffile.c cli/replay.c cli/syntax.c cli/syntax.h \
	cli/cmd_system.c cli/cmd_line.c cli/cmd_lisp.c cli/cmd_lisp.h cli/cmd_lisp_write.c cli/cmd_lisp_show.c cli/cmd_debug.c cli/cmd_config.c \
	cli/json.c cli/json.h \
	cli/cmd_vrf.c cli/cmd_interface.c cli/cmd_ipv6.c cli/cmd_route.c cli/cmd_arp.c cli/cmd_ping.c cli/cmd_session.c cli/cmd_proc.c cli/cmd_proc.h \
	cli/cmd_login.c cli/cmd_platform.c cli/cmd_user.c cli/cmd_host.c cli/cmd_tech.c cli/cmd_compat.c cli/cmd_acl.c cli/cmd_objgroup.c cli/cmd_trange.c cli/cmd_archive.c cli/cmd_clock.c cli/cmd_alias.c cli/cmd_banner.c \
	cli/vty.c cli/vty.h \
	cli/console.c cli/console.h
SHELL_LIBS = cli/libshell.a $(CRYPT_LIBS)

# The router logs too, so the log module lives in the engine library.
src_liblispr_a_SOURCES += src/lib/log.c src/lib/log.h src/lib/clockzone.c src/lib/clockzone.h \
	src/lib/timerange.c src/lib/timerange.h

EXTRA_DIST += tests/test_shell_util.h tests/golden tests/shell tests/replay tests/test_shell_vty.sh tests/vty_client.py \
	tests/test_shell_console.sh tests/console_client.py \
	tests/test_shell_batch.sh tests/test_shell_lisp_json.sh

if HAVE_CUNIT
SHELL_TEST_LIBS = cli/libshell.a $(TEST_LIBS) $(CLI_LIBS) $(READLINE_LIBS) $(CRYPT_LIBS)
check_PROGRAMS += tests/test_shell tests/test_shell_offline tests/test_shell_lisp tests/test_secret \
	tests/test_shell_replay tests/test_shell_help tests/test_proc
TESTS += tests/test_shell tests/test_shell_vty.sh tests/test_shell_batch.sh tests/test_shell_offline \
	tests/test_shell_lisp tests/test_shell_lisp_json.sh tests/test_secret tests/test_shell_replay \
	tests/test_shell_help tests/test_shell_console.sh tests/test_proc
tests_test_shell_SOURCES = tests/test_shell.c tests/cunit_main.h
tests_test_shell_CFLAGS = $(TEST_CFLAGS) -DSRCDIR='"$(abs_top_srcdir)"'
tests_test_shell_LDADD = $(SHELL_TEST_LIBS)
tests_test_proc_SOURCES = tests/test_proc.c tests/cunit_main.h
tests_test_proc_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/cli
tests_test_proc_LDADD = $(SHELL_TEST_LIBS)
tests_test_shell_help_SOURCES = tests/test_shell_help.c tests/cunit_main.h
tests_test_shell_help_CFLAGS = $(TEST_CFLAGS)
tests_test_shell_help_LDADD = $(SHELL_TEST_LIBS)
tests_test_shell_replay_SOURCES = tests/test_shell_replay.c tests/cunit_main.h
tests_test_shell_replay_CFLAGS = $(TEST_CFLAGS) -DSRCDIR='"$(abs_top_srcdir)"'
tests_test_shell_replay_LDADD = $(SHELL_TEST_LIBS)
tests_test_shell_lisp_SOURCES = tests/test_shell_lisp.c tests/json_check.h tests/test_lisp_lab.h tests/test_router_util.h \
	tests/cunit_main.h
tests_test_shell_lisp_CFLAGS = $(TEST_CFLAGS) -DSRCDIR='"$(abs_top_srcdir)"'
tests_test_shell_lisp_LDADD = $(SHELL_TEST_LIBS)
tests_test_secret_SOURCES = tests/test_secret.c tests/cunit_main.h
tests_test_secret_CFLAGS = $(TEST_CFLAGS)
tests_test_secret_LDADD = $(SHELL_TEST_LIBS)
tests_test_shell_offline_SOURCES = tests/test_shell_offline.c tests/cunit_main.h tests/pktgen.c tests/pktgen.h
tests_test_shell_offline_CFLAGS = $(TEST_CFLAGS)
tests_test_shell_offline_LDADD = $(TEST_LIBS)
endif

# vty sessions: output buffering, login protection, signals (issue 9).
EXTRA_DIST += tests/test_vty_stall.sh tests/vty_stall.py tests/vty_lib.py tests/test_daemon_signals.sh \
	tests/test_vty_login.sh tests/vty_login.py tests/vty_local.py tests/vty_abstime.py tests/test_vty_reload.sh tests/vty_reload.py \
	tests/test_vty_sync.sh tests/vty_sync.py tests/vty_acl.py
TESTS += tests/test_vty_stall.sh tests/test_daemon_signals.sh tests/test_vty_login.sh tests/test_vty_reload.sh \
	tests/test_vty_sync.sh

# What a shell session costs to open (every vty login builds its tree), and
# a 'show running-config' (run by hand: bench/bench_shell [CONFIG] [N]).
noinst_PROGRAMS += bench/bench_shell
bench_bench_shell_SOURCES = bench/bench_shell.c bench/bench_util.h
bench_bench_shell_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bench_shell_LDADD = $(SHELL_LIBS) $(LISPR_LIBS) $(CLI_LIBS) $(NET_LIBS) $(READLINE_LIBS)

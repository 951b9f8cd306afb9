# The IOS / IOS-XE hierarchy (issue 10): the configuration corpus in
# tests/ios/ (NAME.conf as IOS and IOS-XE print it, the errors NAME.err it
# must give, the running-config NAME.run it must print) and its test.
EXTRA_DIST += tests/ios

if HAVE_CUNIT
check_PROGRAMS += tests/test_ios_corpus
TESTS += tests/test_ios_corpus
tests_test_ios_corpus_SOURCES = tests/test_ios_corpus.c tests/cunit_main.h
tests_test_ios_corpus_CFLAGS = $(TEST_CFLAGS) -DSRCDIR='"$(abs_top_srcdir)"'
tests_test_ios_corpus_LDADD = $(SHELL_TEST_LIBS)
endif

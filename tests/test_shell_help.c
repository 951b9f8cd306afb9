/*
 * DOC: tests of the argument grammars behind positional '?' (cli/syntax.c)
 *
 * The grammar module alone: what may follow a given set of words, <cr>,
 * keywords by prefix, repeats, alternatives, LINE, ranges, where a line
 * stops being valid.  Then every grammar the shell registers compiles
 * (a typo in a feature's grammar fails here, not at a user's '?'), and
 * every command has one (a new command without its grammar fails here).
 * And 'show clock' against the system clock.
 */
#include "config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

#include "shell.h"
#include "syntax.h"
#include "test_shell_util.h"

/* The names syn_next() returns, space-separated, "<cr>" last when the
 * line may end; "ERR@i" when word i is where the line went wrong. */
static const char *next_of(const char *spec, const char *help, const char *line, const char *partial)
{
	static char out[512];
	struct syn_tok toks[32];
	char *copy = strdup(line), *words[16], *save = NULL, err[64];
	struct syn *g = syn_compile(spec, help, err, sizeof(err));
	int n = 0, k, bad = -1;
	bool cr = false;

	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	for (char *w = strtok_r(copy, " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	k = syn_next(g, words, n, partial, toks, 32, &cr, &bad);
	out[0] = '\0';
	if (k < 0) {
		snprintf(out, sizeof(out), "ERR@%d", bad);
	} else {
		for (int i = 0; i < k; i++) {
			strcat(out, toks[i].name);
			strcat(out, " ");
		}
		if (cr)
			strcat(out, "<cr>");
	}
	syn_free(g);
	free(copy);
	return out;
}

static void test_sequence(void)
{
	const char *spec = "A.B.C.D A.B.C.D";

	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "", NULL), "A.B.C.D ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1", NULL), "A.B.C.D ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 255.0.0.0", NULL), "<cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.300", NULL), "ERR@0");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 255.0.0.0 x", NULL), "ERR@2");
	CU_ASSERT_STRING_EQUAL(next_of("", "", "", NULL), "<cr>");
}

static void test_options(void)
{
	const char *spec = "A.B.C.D [source {IF | A.B.C.D} | repeat <1-10000> | size <36-18024> | df-bit]...";

	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1", NULL), "source repeat size df-bit <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1", "s"), "source size ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 so", NULL), "IF A.B.C.D ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 so Loopback0 rep 5 df", NULL),
			       "source repeat size df-bit <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 repeat 0", NULL), "ERR@2");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.1 repeat 10000", NULL), "source repeat size df-bit <cr>");
	/* An interface name starts with a letter. */
	CU_ASSERT_STRING_EQUAL(next_of("{A.B.C.D | IF [A.B.C.D]} [<1-255>]", "", "10.0.0.1", NULL), "<1-255> <cr>");
	CU_ASSERT_STRING_EQUAL(next_of("{A.B.C.D | IF [A.B.C.D]} [<1-255>]", "", "Null0", NULL),
			       "A.B.C.D <1-255> <cr>");
}

/* HOST: a name of the host table, not an address and not one of the
 * command's keywords (IOS reads 'ping ipv6 ?' as the keyword). */
static void test_host(void)
{
	const char *spec = "{A.B.C.D | HOST | ipv6 {X:X:X:X::X | HOST}} [repeat <1-10>]";

	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "r1", NULL), "repeat <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "web-2.lab_x", NULL), "repeat <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv6", NULL), "X:X:X:X::X HOST ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv", NULL), "X:X:X:X::X HOST ");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "rep", NULL), "ERR@0");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv6 r1", NULL), "repeat <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv6 2001:db8::1", NULL), "repeat <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "1.1.1.300", NULL), "ERR@0");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "123", NULL), "ERR@0");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv6 fe80::1x", NULL), "repeat <cr>");
	CU_ASSERT_STRING_EQUAL(next_of(spec, "", "ipv6 ::1", NULL), "repeat <cr>");
}

static void test_line_prefix_help(void)
{
	static const char help[] = "A.B.C.D\tfirst\nA.B.C.D\tsecond\nLINE\ttext";
	struct syn_tok toks[8];
	struct syn *g;
	char err[64], *w[1] = { "1.2.3.4" };
	bool cr;
	int k;

	CU_ASSERT_STRING_EQUAL(next_of("LINE", "", "", NULL), "LINE ");
	CU_ASSERT_STRING_EQUAL(next_of("LINE", "", "any words at all", NULL), "<cr>");
	CU_ASSERT_STRING_EQUAL(next_of("A.B.C.D/nn [detail]", "", "10.0.0.0/8", NULL), "detail <cr>");
	CU_ASSERT_STRING_EQUAL(next_of("A.B.C.D/nn [detail]", "", "10.0.0.0/33", NULL), "ERR@0");
	/* The k-th occurrence takes the k-th help line of its name. */
	g = syn_compile("A.B.C.D A.B.C.D", help, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	k = syn_next(g, NULL, 0, NULL, toks, 8, &cr, NULL);
	CU_ASSERT(k == 1 && !strcmp(toks[0].help, "first"));
	k = syn_next(g, w, 1, NULL, toks, 8, &cr, NULL);
	CU_ASSERT(k == 1 && !strcmp(toks[0].help, "second"));
	syn_free(g);
	/* Grammars that do not parse. */
	CU_ASSERT_PTR_NULL(syn_compile("[a", "", err, sizeof(err)));
	CU_ASSERT_PTR_NULL(syn_compile("a }", "", err, sizeof(err)));
}

/* Every grammar registered by every feature compiles, in every mode. */
static void test_registered(void)
{
	struct shell *sh = shell_new();
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, NULL, NULL);
	char err[256] = "";
	int bad;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	bad = shell_syntax_check(s, err, sizeof(err));
	if (bad)
		fprintf(stderr, "\n%d grammars do not compile; first: %s\n", bad, err);
	CU_ASSERT_EQUAL(bad, 0);
	shell_sess_free(s);
	shell_free(sh);
}

/* Every command has its grammar, so '?' is positional everywhere ("" for
 * a command without arguments: only <cr> may follow). */
static void test_every_command(void)
{
	struct shell *sh = shell_new();
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, NULL, NULL);
	static char names[16384];
	int n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	n = shell_syntax_missing(s, names, sizeof(names));
	if (n)
		fprintf(stderr, "\n%d commands have no grammar:\n%s\n", n, names);
	CU_ASSERT_EQUAL(n, 0);
	shell_sess_free(s);
	shell_free(sh);
}

static char *run(struct shell *sh, const char *line)
{
	return t_shell_run(sh, line, 0);
}

/* 'show clock': IOS's layout, the time of the system clock. */
static void test_clock(void)
{
	struct shell *sh = shell_new();
	char *got = run(sh, "show clock"), *js;
	regex_t re;
	time_t now = time(NULL);
	unsigned long long ms;

	CU_ASSERT_EQUAL_FATAL(regcomp(&re, "^[*]?[0-2][0-9]:[0-5][0-9]:[0-6][0-9][.][0-9]{3} [A-Za-z+0-9-]+ "
				      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
				      "[1-9][0-9]? [0-9]{4}\n$", REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&re, got, 0, NULL, 0))
		fprintf(stderr, "\nshow clock: %s", got);
	CU_ASSERT_EQUAL(regexec(&re, got, 0, NULL, 0), 0);
	regfree(&re);
	free(got);
	got = run(sh, "show clock detail");
	CU_ASSERT(strstr(got, "\nNo time source\n") || strstr(got, "\nTime source is NTP\n"));
	free(got);
	js = run(sh, "show clock | json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(strstr(js, "\"epoch_ms\":"));
	ms = strtoull(strstr(js, "\"epoch_ms\":") + 11, NULL, 10);
	CU_ASSERT(ms / 1000 + 5 >= (unsigned long long)now && ms / 1000 <= (unsigned long long)now + 5);
	free(js);
	shell_free(sh);
}

static CU_TestInfo tests[] = {
	{ "show clock", test_clock },
	{ "sequence, <cr>, errors", test_sequence },
	{ "options in any order", test_options },
	{ "HOST names", test_host },
	{ "LINE, prefixes, help lines", test_line_prefix_help },
	{ "every registered grammar compiles", test_registered },
	{ "every command has a grammar", test_every_command },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "help", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)

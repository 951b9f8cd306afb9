/*
 * DOC: helpers shared by the tests that drive the shell without a socket
 *
 * t_slurp() and t_spill() read and write a whole file.  t_shell_run()
 * runs lines through a new batch session of a shell and returns what the
 * session printed (malloc'ed), optionally enabled and with each line
 * echoed after its prompt as a terminal shows it.  t_rshell_new() is a
 * shell with a real router behind it, on the manual clock, whose
 * interfaces are pcap file ports (offline mode's factory) in one temporary
 * directory per test program: deterministic, no root, no network;
 * t_rshell_new_with() takes another port factory (t_mem_factory: memory
 * ports).  t_pcapdir_clean(), a suite cleanup, removes that directory.
 * t_golden() compares an output with its golden file (rewritten first
 * under LISPR_GOLDEN_UPDATE=1).  The fuzz_shell target uses these too,
 * with the CUnit stub of tests/fuzz/cunit_stub.
 */
#ifndef LISPR_TEST_SHELL_UTIL_H
#define LISPR_TEST_SHELL_UTIL_H

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "port.h"
#include "router.h"
#include "shell.h"

/* A whole file (malloc'ed, "" when empty), NULL if it cannot be read. */
static inline char *t_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;

	if (!f)
		return NULL;
	if (getdelim(&text, &cap, '\0', f) < 0) {
		free(text);
		text = strdup("");
	}
	fclose(f);
	return text;
}

/* Writes text to path, replacing it. */
static inline void t_spill(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static inline bool t_has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a > b && !strcmp(s + a - b, suf);
}

/* Where got first differs from want, on stderr. */
static inline void t_report_diff(const char *name, const char *want, const char *got)
{
	int line = 1;

	while (*want && *want == *got) {
		if (*want == '\n')
			line++;
		want++;
		got++;
	}
	fprintf(stderr, "\n%s: differs at line %d\n  want: %.*s\n  got:  %.*s\n", name, line,
		(int)strcspn(want, "\n"), want, (int)strcspn(got, "\n"), got);
}

/* got against the golden file at path (rewritten with got first when
 * LISPR_GOLDEN_UPDATE is set): asserted, and true when they are equal. */
static inline bool t_golden(const char *path, const char *got)
{
	const char *update = getenv("LISPR_GOLDEN_UPDATE");
	char *want;
	bool same;

	if (update && *update)
		t_spill(path, got);
	want = t_slurp(path);
	CU_ASSERT_PTR_NOT_NULL(want);
	same = want && !strcmp(want, got);
	if (want && !same)
		t_report_diff(path, want, got);
	CU_ASSERT(same);
	free(want);
	return same;
}

/* A session's output sink: each line to the stream arg. */
static inline void t_out_stream(void *arg, const char *line)
{
	fprintf(arg, "%s\n", line);
}

enum {
	T_SH_ENABLE = 1,	/* the session starts privileged */
	T_SH_ECHO = 2,		/* each line printed after its prompt first */
	T_SH_MARK = 4,		/* each line printed as "#line" first */
};

/* The lines of 'lines' (one command each) run through a new batch session
 * of sh; what it printed (malloc'ed).  Not inlined: GCC would take the
 * memstream's hold on 'tr' for a dangling pointer in the caller. */
__attribute__((noinline, unused)) static char *t_shell_run(struct shell *sh, const char *lines, unsigned flags)
{
	char *copy = strdup(lines), *save = NULL, *tr = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&tr, &len);
	struct shell_sess *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	if (flags & T_SH_ENABLE)
		shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (flags & T_SH_ECHO) {
			char prompt[160];

			shell_prompt(s, prompt, sizeof(prompt));
			fprintf(out, "%s%s\n", prompt, l);
			s->col_base = (int)strlen(prompt);
		} else if (flags & T_SH_MARK) {
			fprintf(out, "#%s\n", l);
		}
		shell_exec(s, l);
	}
	shell_sess_free(s);
	fclose(out);
	free(copy);
	return tr;
}

/* The test program's directory of file ports ("" until made). */
static inline char *t_pcapdir_buf(void)
{
	static char dir[64];

	return dir;
}

/* ... made at first use. */
static inline char *t_pcapdir(void)
{
	char *dir = t_pcapdir_buf();

	if (!dir[0]) {
		snprintf(dir, 64, "/tmp/lispr-test-XXXXXX");
		CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	}
	return dir;
}

/* A router_port_factory: every interface a memory port, MAC
 * 0200.0a00.0102 (frames come only from port_mem_push). */
static inline struct port *t_mem_factory(void *arg, const char *name, char *err, size_t errlen)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x0a, 0x00, 0x01, 0x02 };

	(void)arg;
	(void)err;
	(void)errlen;
	return port_mem_open(name, mac);
}

/* A shell with a router behind it on the manual clock, its interfaces
 * opened by f(arg, ...). */
static inline struct shell *t_rshell_new_with(router_port_factory f, void *arg)
{
	struct shell *sh = shell_new();
	struct router *r = router_new(EV_CLOCK_MANUAL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	router_set_port_factory(r, f, arg);
	shell_set_router(sh, r);
	return sh;
}

/* ... with file ports in the test program's directory. */
static inline struct shell *t_rshell_new(void)
{
	return t_rshell_new_with(port_file_factory, t_pcapdir());
}

static inline void t_rshell_free(struct shell *sh)
{
	struct router *r = sh->router;

	shell_free(sh);
	router_free(r);
}

/* Removes the directory of file ports and what the ports wrote there. */
static inline int t_pcapdir_clean(void)
{
	char *dir = t_pcapdir_buf();
	DIR *d;
	struct dirent *e;

	if (!dir[0] || !(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		char path[600];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
	dir[0] = '\0';
	return 0;
}

#endif

/*
 * DOC: a shell on a router of the in-process lab (tests/test_lisp_lab.h)
 *
 * lab_sh() runs lines (configuration lines too) through a new enabled
 * batch session on router r of the lab and returns the transcript
 * (malloc'ed), as an engineer at that router's console would see it.
 */
#ifndef LISPR_TEST_LAB_SHELL_H
#define LISPR_TEST_LAB_SHELL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"
#include "test_lisp_lab.h"

static inline void lab_sh_line(void *arg, const char *line)
{
	fprintf(arg, "%s\n", line);
}

static inline char *lab_sh(struct lab *L, int r, const char *lines)
{
	struct shell *sh = shell_new();
	struct shell_sess *ss;
	char *copy = strdup(lines), *save = NULL, *tr = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&tr, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	shell_set_router(sh, L->r[r]);
	shell_set_lisp(sh, L->l[r]);
	ss = shell_sess_new(sh, SHELL_BATCH, lab_sh_line, out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ss);
	shell_set_priv(ss->cli, SHELL_PRIV_ENABLE);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		shell_exec(ss, l);
	shell_sess_free(ss);
	fclose(out);
	free(copy);
	shell_free(sh);
	return tr;
}

#endif

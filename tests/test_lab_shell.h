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
#include "test_shell_util.h"

static inline char *lab_sh(struct lab *L, int r, const char *lines)
{
	struct shell *sh = shell_new();
	char *tr;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	shell_set_router(sh, L->r[r]);
	shell_set_lisp(sh, L->l[r]);
	tr = t_shell_run(sh, lines, T_SH_ENABLE);
	shell_free(sh);
	return tr;
}

#endif

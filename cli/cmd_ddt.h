/*
 * DOC: LISP-DDT commands (cli/cmd_ddt.c): the running-config hook
 */
#ifndef LISPR_CMD_DDT_H
#define LISPR_CMD_DDT_H

#include <stdio.h>

struct lisp;

/* The DDT lines of the 'router lisp' block, one space indented. */
void cmd_ddt_write(struct lisp *l, FILE *f);
/* 'no router lisp': every DDT setting goes (the node's and the roots). */
void cmd_ddt_wipe(struct lisp *l);

#endif

/*
 * DOC: the LISP configuration commands' shared parts (cli/cmd_lisp*.c)
 *
 * cmd_lisp.c parses the commands of both IOS styles into the engine's
 * configuration model; cmd_lisp_write.c prints that model back, in the
 * style each part was written (lisp.h: enum lisp_style).
 */
#ifndef LISPR_CMD_LISP_H
#define LISPR_CMD_LISP_H

#include <stdio.h>

#include "fib.h"

struct shell;

/* The running-config's LISP lines: classic lines, then the 'router
 * lisp' block. */
void lisp_write(struct shell *sh, FILE *f);
/* An interface's ' ip lisp source-locator IF' line. */
void lisp_write_if(struct shell *sh, const char *ifname, FILE *f);

struct cli_def;
/* 'show ip cef [A | P M | P/L] [detail]' in VRF vrf: its routes and the
 * LISP rows of the instance bound to it (cmd_lisp_show.c; 'show ip cef
 * vrf NAME' is cmd_vrf.c's, on this). */
int lisp_show_ip_cef(struct cli_def *cli, unsigned vrf, char **argv, int argc);
/* A LISP forwarding action as 'show ip|ipv6 cef' words it ("fwd native")
 * and as their JSON key ("native"). */
const char *cef_action_word(enum fib_lisp_action a);
const char *cef_action_key(enum fib_lisp_action a);

/* Slices the show commands took the router lock for (cmd_lisp_show.c:
 * each copies at most 256 entries), for the tests. */
extern unsigned long lisp_show_slices;

#endif

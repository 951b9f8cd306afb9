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

struct lisp;
struct lisp_cef_info;
struct router;
/* Where a 'show ip|ipv6 cef' row's packets go: kind is "nexthop" (nh on
 * ifname), "attached", "receive", "drop", "no route" or "signal"; fe the
 * native route behind a row without its own, or NULL.  An IPv4 row's nh
 * holds the kind when there is no next hop (the brief table shows it). */
struct cef_hop {
	const char *kind;
	char nh[ADDR_STRLEN];
	const char *ifname;		/* "" when none */
	const struct fib_entry *fe;
};
/* How a family spells its cef rows: prefixes, and the hop of a row in a
 * VRF's table (cmd_lisp_show.c for IPv4, cmd_ipv6.c for IPv6). */
struct cef_fmt {
	const char *(*prefix)(const struct prefix *p, char *buf, size_t len);
	void (*hop)(struct router *r, unsigned vrf, const struct lisp_cef_info *c,
		    struct cef_hop *h);
};
/* One row in IOS's layout: the prefix, with its flags and the LISP line
 * when full, then where it goes; detail adds the route and the map-cache
 * entry behind it. */
void cef_print_entry(struct cli_def *cli, const struct cef_fmt *f, struct lisp *l,
		     struct router *r, unsigned vrf, uint64_t now, const struct lisp_cef_info *c,
		     bool full, bool detail);
/* "local", "connected" or "static". */
const char *cef_route_kind(const struct fib_entry *fe);

/* Slices the show commands took the router lock for (cmd_lisp_show.c:
 * each copies at most 256 entries), for the tests. */
extern unsigned long lisp_show_slices;

#endif

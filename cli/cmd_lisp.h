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
#include "htab.h"
#include "lisp.h"

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
 * ifname), "attached", "receive", "drop", "no route" or "signal"; fe (a
 * copy) the native route behind a row without its own, when has_fe.  An
 * IPv4 row's nh holds the kind when there is no next hop (the brief table
 * shows it). */
#define CEF_IFNAME_MAX	64
struct cef_hop {
	const char *kind;		/* a constant string */
	char nh[ADDR_STRLEN];
	char ifname[CEF_IFNAME_MAX];	/* "" when none */
	bool has_fe;
	struct fib_entry fe;		/* fe.oif: not to be followed */
};
/* How a family spells its cef rows: prefixes, and the hop of a row in a
 * VRF's table (cmd_lisp_show.c for IPv4, cmd_ipv6.c for IPv6). */
struct cef_fmt {
	const char *(*prefix)(const struct prefix *p, char *buf, size_t len);
	void (*hop)(struct router *r, unsigned vrf, const struct lisp_cef_info *c,
		    struct cef_hop *h);
};
/* IPv4's (cmd_lisp_show.c). */
extern const struct cef_fmt cef_fmt4;
/* A row with everything its lines need that only the router knows (its
 * hop, and the map-cache entry covering it when it has none of its own),
 * found with the router lock held by cef_resolve(); printed and turned
 * into JSON with the lock let go.  Holds no pointer into the router. */
struct cef_row {
	struct lisp_cef_info c;
	char route_ifname[CEF_IFNAME_MAX];	/* c.route's egress, "Null0" none */
	struct cef_hop h;
	bool cover_found;
	struct prefix cover;
};
/* A hop's interface; the native route behind it (a copy, and its
 * interface's name). */
void cef_hop_if(struct cef_hop *h, const char *ifname);
void cef_hop_route(struct cef_hop *h, const struct fib_entry *fe);
void cef_resolve(const struct cef_fmt *f, struct lisp *l, struct router *r, unsigned vrf,
		 const struct lisp_cef_info *c, struct cef_row *row);
/* A route alone as a row (no LISP engine): its next hop of its family. */
void cef_info_of_route(const struct fib_entry *e, struct lisp_cef_info *c);
/* The row of exactly p (exact; found without a walk), else the longest
 * match for p's address, in VRF vrf's table of p's family; l NULL: the
 * routes alone. */
void cef_find(struct lisp *l, struct router *r, unsigned vrf, const struct prefix *p, bool exact,
	      struct lisp_cef_info *out);
/* One row in IOS's layout: the prefix, with its flags and the LISP line
 * when full, then where it goes; detail adds the route and the map-cache
 * entry behind it. */
void cef_print_entry(struct cli_def *cli, const struct cef_fmt *f, uint64_t now,
		     const struct cef_row *row, bool full, bool detail);
/* Every row of VRF vrf's table of family afi (FIB routes and the bound
 * instance's map-cache entries, or the routes alone without an engine),
 * in slices of at most 256 resolved with the router lock held; emit gets
 * each with it let go.  -1 when out of memory. */
int cef_slices(struct cli_def *cli, unsigned vrf, uint16_t afi, const struct cef_fmt *f,
	       void (*emit)(const struct cef_row *row, void *arg), void *arg);
/* "local", "connected" or "static". */
const char *cef_route_kind(const struct fib_entry *fe);


/* Slices the show commands took the router lock for (cmd_lisp_show.c:
 * each copies at most 256 entries), for the tests. */
extern unsigned long lisp_show_slices;

#endif

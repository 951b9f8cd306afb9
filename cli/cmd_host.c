/*
 * DOC: the static host table: 'ip host NAME [PORT] A...', 'ipv6 host NAME
 * [PORT] X...', 'show hosts [NAME]', and the names ping and traceroute take
 *
 * As IOS: a name maps to up to eight IPv4 and four IPv6 addresses, typed
 * in one line ('ip host b 10.0.0.2 10.1.0.2': the loopback first).  Typing
 * the name again replaces that family's list (and its port); 'no ip host
 * NAME' removes the IPv4 list, 'no ip host NAME A...' those addresses only;
 * 'ipv6 host' likewise.  'ip host' takes IPv6 addresses too, which the
 * running-config prints under 'ipv6 host'.  Names are compared without
 * case; one must contain a letter and may not read as an address.  The
 * optional PORT (IOS's TCP port for telnet to the name) is kept and shown:
 * lispr has no telnet client.
 *
 * 'ping NAME', 'ping ip NAME', 'traceroute NAME' and their 'ipv6' forms
 * (cmd_ping.c) take the name's first address of the family asked (without
 * one, IPv4 if the name has an IPv4 address, else IPv6), as IOS Classic
 * does.  'traceroute' prints an answering hop whose address is in the
 * table as "NAME (A)" unless 'numeric' was given: the reverse lookup is a
 * hash of every address, so it costs the same with ten thousand names.
 * lispr has no resolver: 'show hosts' says it uses static mappings.
 * 'no ip domain lookup' (or IOS 15's 'no ip domain-lookup'), in nearly
 * every lab configuration, is therefore what lispr does anyway and is
 * kept and printed back; 'ip domain lookup' takes it out again and says
 * that names still come from the host table only.
 * 'ip domain name NAME' ('ip domain-name') is shown by 'show hosts' and
 * completes a name without a dot: 'ping r1' finds 'ip host r1.NAME' when
 * the table has no 'r1', as a resolver's search does.
 *
 * 'ip host vrf VRF NAME ...' (and 'ipv6 host vrf') keeps a table per VRF,
 * as IOS: 'ping vrf VRF NAME', 'traceroute vrf VRF NAME' and 'show hosts
 * vrf VRF' use it, the global commands the global table.  The VRF must
 * exist when the name is configured, and its names go with it
 * ('no vrf definition'); the running-config prints the VRF definitions
 * first.
 *
 * At most SHELL_HOSTS_MAX names: one more is refused with a % error.  The
 * running-config prints them after the system and user lines, in the
 * order the names were first configured.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "htab.h"
#include "shell.h"
#include "vrf.h"

#define HOST_V4_MAX	8	/* addresses per name, as IOS */
#define HOST_V6_MAX	4

/* One address of a name, in the reverse table. */
struct host_addr {
	struct hnode hn;
	struct addr a;
	struct shell_host *h;
};

struct shell_host {
	struct hnode hn;			/* in conf->hosts_ht, by name */
	struct shell_host *next, *prev;		/* in the order first configured */
	unsigned long seq;			/* that order, for the reverse lookup */
	char vrf[SHELL_NAME_MAX];		/* "" for the global table */
	char name[SHELL_HOST_NAME_LEN + 1];
	unsigned port4, port6;			/* 0: none */
	unsigned n4, n6;
	struct host_addr a4[HOST_V4_MAX], a6[HOST_V6_MAX];
};

static uint64_t name_key(const char *vrf, const char *name)
{
	return htab_lower(htab_bytes(HTAB_SEED, vrf, strlen(vrf) + 1), name);
}

static const char *vrf_or_global(const char *vrf)
{
	return vrf ? vrf : "";
}

static uint64_t addr_key(const struct addr *a)
{
	return htab_bytes(HTAB_SEED + a->afi, a->u.b, addr_is_v4(a) ? 4 : 16);
}

static struct shell_host *host_find(const struct shell_conf *c, const char *vrf, const char *name)
{
	uint64_t h = name_key(vrf, name);

	for (struct hnode *x = htab_find(&c->hosts_ht, h); x; x = htab_next(x, h)) {
		struct shell_host *n = (struct shell_host *)((char *)x - offsetof(struct shell_host, hn));

		if (!strcasecmp(n->name, name) && !strcmp(n->vrf, vrf))
			return n;
	}
	return NULL;
}

static void addrs_unhash(struct shell_conf *c, struct host_addr *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		htab_del(&c->hosts_addr_ht, &v[i].hn);
}

static void host_free(struct shell_conf *c, struct shell_host *h)
{
	addrs_unhash(c, h->a4, h->n4);
	addrs_unhash(c, h->a6, h->n6);
	htab_del(&c->hosts_ht, &h->hn);
	if (h->prev)
		h->prev->next = h->next;
	else
		c->hosts = h->next;
	if (h->next)
		h->next->prev = h->prev;
	else
		c->hosts_tail = h->prev;
	c->nhosts--;
	free(h);
}

void shell_hosts_clear(struct shell_conf *c)
{
	struct shell_host *h;

	while ((h = c->hosts)) {
		c->hosts = h->next;
		free(h);
	}
	c->hosts_tail = NULL;
	c->nhosts = 0;
	htab_free(&c->hosts_ht);
	htab_free(&c->hosts_addr_ht);
}

void shell_hosts_vrf_gone(struct shell_conf *c, const char *vrf)
{
	struct shell_host *h, *next;

	for (h = c->hosts; h; h = next) {
		next = h->next;
		if (!strcmp(h->vrf, vrf))
			host_free(c, h);
	}
}

int shell_host_addr(const struct shell *sh, const char *vrf, const char *name, int family,
		    struct addr *out)
{
	const struct shell_host *h = host_find(&sh->conf, vrf_or_global(vrf), name);
	char fq[2 * SHELL_HOST_NAME_LEN + 2];

	/* r1 -> r1.DOMAIN, as a resolver's search list */
	if (!h && sh->conf.domain[0] && !strchr(name, '.')) {
		snprintf(fq, sizeof(fq), "%s.%s", name, sh->conf.domain);
		h = host_find(&sh->conf, vrf_or_global(vrf), fq);
	}

	if (!h)
		return -1;
	if (family != 6 && h->n4) {
		*out = h->a4[0].a;
		return 0;
	}
	if (family != 4 && h->n6) {
		*out = h->a6[0].a;
		return 0;
	}
	return -1;
}

const char *shell_host_name(const struct shell *sh, const char *vrf, const struct addr *a)
{
	uint64_t k;
	const struct shell_host *best = NULL;

	if (!sh->conf.nhosts || (!addr_is_v4(a) && !addr_is_v6(a)))
		return NULL;
	k = addr_key(a);
	for (struct hnode *x = htab_find(&sh->conf.hosts_addr_ht, k); x; x = htab_next(x, k)) {
		const struct host_addr *ha = (const struct host_addr *)((const char *)x -
									offsetof(struct host_addr, hn));

		if (ha->a.afi == a->afi && !memcmp(ha->a.u.b, a->u.b, addr_is_v4(a) ? 4 : 16) &&
		    !strcmp(ha->h->vrf, vrf_or_global(vrf)) && (!best || ha->h->seq < best->seq))
			best = ha->h;
	}
	return best ? best->name : NULL;
}

/* A name IOS would take: letters, digits, '-', '.', '_', at least one
 * letter, and not an address. */
static bool name_ok(const char *s)
{
	struct addr a;
	bool letter = false;
	size_t n = strlen(s);

	if (!n || n > SHELL_HOST_NAME_LEN || addr_parse(s, &a, NULL, 0) == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (isalpha(ch))
			letter = true;
		else if (!isdigit(ch) && ch != '-' && ch != '.' && ch != '_')
			return false;
	}
	return letter;
}

/* A port: digits only, 0-65535; -1 otherwise. */
static long port_arg(const char *s)
{
	long v = 0;

	if (!*s || strlen(s) > 5)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= 65535 ? v : -1;
}

struct parsed_host {
	char vrf[SHELL_NAME_MAX];		/* "" for the global table */
	const char *name;
	unsigned port;
	unsigned n4, n6;
	struct addr a4[HOST_V4_MAX], a6[HOST_V6_MAX];
};

/* Adds a to the list of its family in p (once); -1 when the list is full. */
static int add_addr(struct cli_def *cli, struct parsed_host *p, const struct addr *a)
{
	bool v6 = addr_is_v6(a);
	struct addr *v = v6 ? p->a6 : p->a4;
	unsigned *n = v6 ? &p->n6 : &p->n4, max = v6 ? HOST_V6_MAX : HOST_V4_MAX;

	for (unsigned k = 0; k < *n; k++)
		if (!addr_cmp(&v[k], a))
			return 0;
	if (*n == max) {
		shell_err(cli, "%% At most %u IPv%d addresses per host name", max, v6 ? 6 : 4);
		return -1;
	}
	v[(*n)++] = *a;
	return 0;
}

/* An optional 'vrf VRF' first (the VRF must exist): its name into vrf
 * ("" for the global table or 'vrf default') and the words it took into
 * *o; -1 with the error printed. */
static int vrf_arg(struct cli_def *cli, char **argv, int argc, char *vrf, size_t len, int *o)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	int id;

	vrf[0] = '\0';
	*o = 0;
	if (argc < 1 || strlen(argv[0]) < 2 || strncasecmp(argv[0], "vrf", strlen(argv[0])))
		return 0;
	if (!sh->router)
		return shell_router(cli) ? 0 : -1;
	if ((id = shell_vrf_arg(cli, sh->router, argv, argc, o)) < 0)
		return -1;
	if (id != VRF_DEFAULT)
		snprintf(vrf, len, "%s", argv[1]);
	return 0;
}

/*
 * The words of '[no] ip|ipv6 host [vrf VRF] NAME [PORT] A...' into p:
 * only6 for 'ipv6 host', no for the no form (which may name no address
 * and any NAME).  CLI_OK, or the error printed with its word marked.
 */
static int host_args(struct cli_def *cli, char **argv, int argc, bool only6, bool no,
		     struct parsed_host *p)
{
	int i = 0;
	long port;

	memset(p, 0, sizeof(*p));
	if (vrf_arg(cli, argv, argc, p->vrf, sizeof(p->vrf), &i) == -1)
		return CLI_ERROR;
	if (i >= argc)
		return shell_err_incomplete(cli);
	if (!no && !name_ok(argv[i]))
		return shell_err_invalid(cli, i);
	p->name = argv[i++];
	if (i < argc && (port = port_arg(argv[i])) >= 0) {
		p->port = (unsigned)port;
		i++;
	}
	if (i >= argc && !no)
		return shell_err_incomplete(cli);
	for (; i < argc; i++) {
		struct addr a;

		if (addr_parse(argv[i], &a, NULL, 0) == -1 || (only6 && !addr_is_v6(&a)))
			return shell_err_invalid(cli, i);
		if (add_addr(cli, p, &a) == -1)
			return CLI_ERROR;
	}
	return CLI_OK;
}

/* Replaces one family's list of h (its addresses rehashed). */
static void set_list(struct shell_conf *c, struct shell_host *h, bool v6, const struct addr *a,
		     unsigned n, unsigned port)
{
	struct host_addr *v = v6 ? h->a6 : h->a4;
	unsigned *cnt = v6 ? &h->n6 : &h->n4;

	addrs_unhash(c, v, *cnt);
	*cnt = 0;
	for (unsigned i = 0; i < n; i++) {
		v[i].a = a[i];
		v[i].h = h;
		/* The buckets were sized when the names came in: a failed
		 * growth leaves the node in a table that is merely long. */
		if (htab_add(&c->hosts_addr_ht, &v[i].hn, addr_key(&a[i])) == -1)
			break;
		(*cnt)++;
	}
	if (v6)
		h->port6 = port;
	else
		h->port4 = port;
}

static struct shell_host *host_new(struct cli_def *cli, struct shell_conf *c, const char *vrf,
				   const char *name)
{
	struct shell_host *h;

	if (c->nhosts >= SHELL_HOSTS_MAX) {
		shell_err(cli, "%% Host table full (%u names)", SHELL_HOSTS_MAX);
		return NULL;
	}
	if (!(h = calloc(1, sizeof(*h)))) {
		shell_err(cli, "%% Out of memory");
		return NULL;
	}
	snprintf(h->name, sizeof(h->name), "%s", name);
	snprintf(h->vrf, sizeof(h->vrf), "%s", vrf);
	if (htab_add(&c->hosts_ht, &h->hn, name_key(h->vrf, name)) == -1) {
		free(h);
		shell_err(cli, "%% Out of memory");
		return NULL;
	}
	h->seq = ++c->hosts_seq;
	h->prev = c->hosts_tail;
	if (c->hosts_tail)
		c->hosts_tail->next = h;
	else
		c->hosts = h;
	c->hosts_tail = h;
	c->nhosts++;
	return h;
}

/* ip host [vrf VRF] NAME [PORT] A... / ipv6 host [vrf VRF] NAME [PORT] X... */
static int host_set(struct cli_def *cli, char **argv, int argc, bool only6)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	struct parsed_host p;
	struct shell_host *h;
	int rc;

	if ((rc = host_args(cli, argv, argc, only6, false, &p)) != CLI_OK)
		return rc;
	if (!(h = host_find(c, p.vrf, p.name)) && !(h = host_new(cli, c, p.vrf, p.name)))
		return CLI_ERROR;
	if (p.n4)
		set_list(c, h, false, p.a4, p.n4, p.port);
	if (p.n6)
		set_list(c, h, true, p.a6, p.n6, p.port);
	return CLI_OK;
}

static int cmd_ip_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return host_set(cli, argv, argc, false);
}

static int cmd_ipv6_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return host_set(cli, argv, argc, true);
}

/* Drops from one family's list the addresses in a[0..n-1]. */
static void drop_some(struct shell_conf *c, struct shell_host *h, bool v6, const struct addr *a,
		      unsigned n)
{
	struct host_addr *v = v6 ? h->a6 : h->a4;
	unsigned cnt = v6 ? h->n6 : h->n4, k = 0;
	struct addr keep[HOST_V4_MAX];

	for (unsigned i = 0; i < cnt; i++) {
		bool gone = false;

		for (unsigned j = 0; j < n; j++)
			gone |= !addr_cmp(&v[i].a, &a[j]);
		if (!gone)
			keep[k++] = v[i].a;
	}
	set_list(c, h, v6, keep, k, v6 ? h->port6 : h->port4);
}

/* no ip host [vrf VRF] NAME [[PORT] A...] / no ipv6 host ... */
static int host_unset(struct cli_def *cli, char **argv, int argc, bool v6)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	struct parsed_host p;
	struct shell_host *h;
	int rc;

	if ((rc = host_args(cli, argv, argc, v6, true, &p)) != CLI_OK)
		return rc;
	if (!(h = host_find(c, p.vrf, p.name)))
		return shell_err(cli, "%% Host %s not found", p.name);
	if (!p.n4 && !p.n6) {
		set_list(c, h, v6, NULL, 0, 0);
	} else {
		/* 'no ip host' takes IPv6 addresses too, as 'ip host' does. */
		if (p.n4)
			drop_some(c, h, false, p.a4, p.n4);
		if (p.n6)
			drop_some(c, h, true, p.a6, p.n6);
	}
	if (!h->n4 && !h->n6)
		host_free(c, h);
	return CLI_OK;
}

static int cmd_no_ip_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return host_unset(cli, argv, argc, false);
}

static int cmd_no_ipv6_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return host_unset(cli, argv, argc, true);
}

/* ------------------------------------------------------------ show hosts */

static void show_list(struct cli_def *cli, const struct shell_host *h, bool v6)
{
	const struct host_addr *v = v6 ? h->a6 : h->a4;
	unsigned n = v6 ? h->n6 : h->n4, port = v6 ? h->port6 : h->port4;
	char ab[ADDR_STRLEN], pb[16];

	if (!n)
		return;
	if (port)
		snprintf(pb, sizeof(pb), "%u", port);
	else
		snprintf(pb, sizeof(pb), "None");
	cli_print(cli, "%-25s %-5s (perm, OK)  0   %-6s%s", h->name, pb, v6 ? "IPV6" : "IP",
		  shell_addr_fmt(&v[0].a, ab, sizeof(ab)));
	for (unsigned i = 1; i < n; i++)
		cli_print(cli, "%54s%s", "", shell_addr_fmt(&v[i].a, ab, sizeof(ab)));
}

/* show hosts [vrf VRF] [NAME] */
static int cmd_show_hosts(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	const struct shell_host *one = NULL;
	char vrf[SHELL_NAME_MAX];
	int o;

	if (vrf_arg(cli, argv, argc, vrf, sizeof(vrf), &o) == -1)
		return CLI_ERROR;
	argv += o;
	argc -= o;
	if (argc > 1)
		return shell_err_invalid(cli, o + 1);
	if (argc == 1 && !(one = host_find(c, vrf, argv[0])))
		return shell_err(cli, "%% Host %s not found", argv[0]);
	if (c->domain[0])
		cli_print(cli, "Default domain is %s", c->domain);
	else
		cli_print(cli, "Default domain is not set");
	cli_print(cli, "Name/address lookup uses static mappings");
	cli_print(cli, "%s", "");
	cli_print(cli, "Codes: UN - unknown, EX - expired, OK - OK, ?? - revalidate");
	cli_print(cli, "       temp - temporary, perm - permanent");
	cli_print(cli, "       NA - Not Applicable None - Not defined");
	cli_print(cli, "%s", "");
	cli_print(cli, "Host                      Port  Flags      Age Type   Address(es)");
	for (const struct shell_host *h = one ? one : c->hosts; h; h = one ? NULL : h->next) {
		if (strcmp(h->vrf, vrf))
			continue;
		show_list(cli, h, false);
		show_list(cli, h, true);
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ running-config */

static void write_list(FILE *f, const struct shell_host *h, bool v6)
{
	const struct host_addr *v = v6 ? h->a6 : h->a4;
	unsigned n = v6 ? h->n6 : h->n4, port = v6 ? h->port6 : h->port4;
	char ab[ADDR_STRLEN];

	if (!n)
		return;
	fprintf(f, "%s host %s%s%s", v6 ? "ipv6" : "ip", h->vrf[0] ? "vrf " : "", h->vrf,
		h->vrf[0] ? " " : "");
	fprintf(f, "%s", h->name);
	if (port)
		fprintf(f, " %u", port);
	for (unsigned i = 0; i < n; i++)
		fprintf(f, " %s", shell_addr_fmt(&v[i].a, ab, sizeof(ab)));
	fprintf(f, "\n");
}

static void host_write(struct shell *sh, FILE *f)
{
	if (sh->conf.no_domain_lookup)
		fprintf(f, "no ip domain lookup\n");
	if (sh->conf.domain[0])
		fprintf(f, "ip domain name %s\n", sh->conf.domain);
	for (const struct shell_host *h = sh->conf.hosts; h; h = h->next)
		write_list(f, h, false);
	for (const struct shell_host *h = sh->conf.hosts; h; h = h->next)
		write_list(f, h, true);
}

/* ------------------------------------------------------------ domain */

/* ip domain name NAME | ip domain-name NAME */
static int cmd_domain_name(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!name_ok(argv[0]))
		return shell_err_invalid(cli, 0);
	snprintf(c->domain, sizeof(c->domain), "%s", argv[0]);
	return CLI_OK;
}

static int cmd_no_domain_name(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	shell_sess_of(cli)->sh->conf.domain[0] = '\0';
	return CLI_OK;
}

/* ip domain lookup | ip domain-lookup: the written 'no' form goes (else
 * nothing could take it out of the configuration), and the session is
 * told that lispr still looks names up in the host table only. */
static int cmd_domain_lookup(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->sh->conf.no_domain_lookup = false;
	cli_print(cli, "%% lispr has no name resolver: names come from the host table (ip host)");
	return CLI_OK;
}

static int cmd_no_domain_lookup(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->sh->conf.no_domain_lookup = true;
	return CLI_OK;
}

static void domain_cmds(struct cli_def *cli, struct cli_command *ip, struct cli_command *noip)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG;
	struct cli_command *d, *c;

	d = shell_node(cli, ip, "domain", P, G, "IP DNS Resolver");
	c = shell_cmd(cli, d, "name", cmd_domain_name, P, G, "Define the default domain name");
	shell_arghelp(cli, c, "WORD\tDefault domain name");
	shell_syntax(cli, c, "WORD");
	shell_syntax(cli, shell_cmd(cli, d, "lookup", cmd_domain_lookup, P, G,
				    "Enable IP Domain Name System hostname translation"), "");
	c = shell_cmd(cli, ip, "domain-name", cmd_domain_name, P, G, "Define the default domain name");
	shell_arghelp(cli, c, "WORD\tDefault domain name");
	shell_syntax(cli, c, "WORD");
	shell_syntax(cli, shell_cmd(cli, ip, "domain-lookup", cmd_domain_lookup, P, G,
				    "Enable IP Domain Name System hostname translation"), "");
	d = shell_node(cli, noip, "domain", P, G, "IP DNS Resolver");
	shell_syntax(cli, shell_cmd(cli, d, "name", cmd_no_domain_name, P, G, "Define the default domain name"),
		     "[WORD]");
	shell_syntax(cli, shell_cmd(cli, d, "lookup", cmd_no_domain_lookup, P, G,
				    "Enable IP Domain Name System hostname translation"), "");
	shell_syntax(cli, shell_cmd(cli, noip, "domain-name", cmd_no_domain_name, P, G,
				    "Define the default domain name"), "[WORD]");
	shell_syntax(cli, shell_cmd(cli, noip, "domain-lookup", cmd_no_domain_lookup, P, G,
				    "Enable IP Domain Name System hostname translation"), "");
}

static void host_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG;
	struct cli_command *c, *no, *ip, *show;

	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	c = shell_cmd(cli, ip, "host", cmd_ip_host, P, G, "Add an entry to the ip hostname table");
	shell_arghelp(cli, c, "vrf\tSpecify VRF\nVRF\tVRF name\nHOST\tName of host\n"
		      "<0-65535>\tDefault telnet port number\n"
		      "A.B.C.D\tHost IP address\nX:X:X:X::X\tHost IPv6 address");
	shell_syntax(cli, c, "[vrf VRF] HOST [<0-65535>] {A.B.C.D | X:X:X:X::X} [A.B.C.D | X:X:X:X::X]...");
	ip = shell_node(cli, NULL, "ipv6", P, G, "Global IPv6 configuration commands");
	c = shell_cmd(cli, ip, "host", cmd_ipv6_host, P, G, "Configure static hostnames");
	shell_arghelp(cli, c, "vrf\tSpecify VRF\nVRF\tVRF name\nHOST\tHostname\n"
		      "<0-65535>\tDefault telnet port number\n"
		      "X:X:X:X::X\tIPv6 address\nX:X:X:X::X\tIPv6 address");
	shell_syntax(cli, c, "[vrf VRF] HOST [<0-65535>] X:X:X:X::X [X:X:X:X::X]...");

	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ip", P, G, "Global IP configuration subcommands");
	c = shell_cmd(cli, ip, "host", cmd_no_ip_host, P, G, "Add an entry to the ip hostname table");
	shell_arghelp(cli, c, "vrf\tSpecify VRF\nVRF\tVRF name\nHOST\tName of host\n"
		      "<0-65535>\tDefault telnet port number\n"
		      "A.B.C.D\tHost IP address\nX:X:X:X::X\tHost IPv6 address");
	shell_syntax(cli, c, "[vrf VRF] HOST [<0-65535>] [A.B.C.D | X:X:X:X::X]...");
	ip = shell_node(cli, no, "ipv6", P, G, "Global IPv6 configuration commands");
	c = shell_cmd(cli, ip, "host", cmd_no_ipv6_host, P, G, "Configure static hostnames");
	shell_arghelp(cli, c, "vrf\tSpecify VRF\nVRF\tVRF name\nHOST\tHostname\n"
		      "<0-65535>\tDefault telnet port number\nX:X:X:X::X\tIPv6 address");
	shell_syntax(cli, c, "[vrf VRF] HOST [<0-65535>] [X:X:X:X::X]...");
	domain_cmds(cli, shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands"),
		    shell_node(cli, no, "ip", P, G, "Global IP configuration subcommands"));

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "hosts", cmd_show_hosts, SHELL_PRIV_USER, SHELL_EXEC,
		      "IP domain-name, lookup style, nameservers, and host table");
	shell_arghelp(cli, c, "vrf\tSpecify VRF\nVRF\tVRF name\nHOST\tHostname for specific information");
	shell_syntax(cli, c, "[vrf VRF] [HOST]");
}

const struct shell_feature shell_feature_host = {
	.name = "host",
	.cmds = host_cmds,
	.write = host_write,
};

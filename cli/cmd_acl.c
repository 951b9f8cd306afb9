/*
 * DOC: access lists: 'access-list N ...', 'ip access-list standard|
 * extended NAME', 'ipv6 access-list NAME', 'show [ip] access-lists', 'show
 * ipv6 access-list', 'clear access-list counters', 'clear ipv6
 * access-list'; what 'ip access-group' and 'ipv6 traffic-filter' on an
 * interface and '[ipv6] access-class' on a vty line apply
 *
 * As IOS: a list is numbered (standard 1-99 and 1300-1999, extended
 * 100-199 and 2000-2699) or named, and holds entries in sequence order.
 * A standard entry permits or denies a source: 'any', 'host A', 'A'
 * alone (a host too) or 'A WILDCARD' (the address is kept without its
 * wildcard bits: 'permit 10.1.1.5 0.0.0.255' is 10.1.1.0).  An extended
 * entry names a protocol ('ip', 'tcp', 'udp', 'icmp', a few by name, or
 * 0-255), a source and a destination ('any', 'host A', 'A WILDCARD'), for
 * TCP and UDP a port condition after either ('eq', 'neq', 'lt', 'gt' a
 * port, 'range' two; IOS's names for the common ones), for TCP
 * 'established' or its flags ('syn', 'match-all +syn -ack', 'match-any
 * +rst +fin'), for ICMP a type and code (numbers or IOS's names); or,
 * without such conditions, 'fragments' (non-initial fragments only); one
 * of 'dscp', 'precedence' or 'tos' (IOS's names or numbers; IPv6: dscp);
 * 'ttl eq|neq|lt|gt N' or 'ttl range A B' (IPv4).
 * The first entry that matches decides, and counts the match; nothing
 * matching denies.  'log' on an entry logs each match (%SEC-6-IPACCESSLOGS,
 * rate-limited).  An entry without a sequence number comes 10 after the
 * last; the named lists' modes take 'SEQ permit ...' (IOS-XE prints them
 * so) and 'no SEQ'.  'remark TEXT' lines are kept in place and match
 * nothing.  A list that does not exist, or has no entry but remarks,
 * permits everything (IOS).
 *
 * The running-config prints numbered lists as 'access-list N ...' lines
 * and named ones as a block with sequence numbers, as IOS-XE; 'show
 * access-lists' prints IOS's layout with the match counts.  At most
 * SHELL_ACLS_MAX lists and SHELL_ACES_MAX entries in all.  The router
 * applies and counts them (src/router/acl.h: each change hands it the
 * list's rules): 'ip access-group LIST in|out' on an interface filters
 * packets, 'access-class LIST in' on the vty lines disconnects a telnet
 * client before the password prompt.
 *
 * IPv6 lists, as IOS: named only, a name space of their own (an IPv4 and
 * an IPv6 list may share a name), always extended: 'ipv6 access-list NAME'
 * then '[sequence N] {permit | deny} PROTOCOL SOURCE [PORTS] DESTINATION
 * [PORTS] [established | ICMP-TYPE [CODE] | fragments] [log | log-input] [sequence
 * N]', where an address is 'any', 'host X:X::X' or 'X:X::X/LEN' and
 * 'icmp' is ICMPv6 (IOS's names: nd-ns, nd-na, echo-request, ...);
 * 'remark TEXT', 'no sequence N'.  The running-config writes an entry's
 * number only when it is not the one it would get back (10 after the one
 * before), 'show ipv6 access-list' as IOS, the number last.  The router
 * adds IOS's implicit ND permits and deny (src/router/acl.h); an
 * interface's 'ipv6 traffic-filter NAME in|out' filters its IPv6 packets,
 * 'ipv6 access-class NAME in' the vty lines' IPv6 clients.
 *
 * An extended or IPv6 entry may end with 'log-input' instead of 'log' (the
 * lines say the input interface and Ethernet source too) and then
 * 'time-range NAME' (cmd_trange.c: the entry is in effect only while the
 * range is).
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acl.h"
#include "iface.h"
#include "json.h"
#include "log.h"
#include "router.h"
#include "shell.h"

#define ACL_SEQ_STEP	10
#define ACL_SEQ_MAX	2147483647u
#define ANY		0xffffffffu

/* 0: not a list number; 1: a standard list's; 2: an extended list's. */
static int acl_number_kind(const char *name, unsigned *num)
{
	unsigned long v;

	if (!*name || strspn(name, "0123456789") != strlen(name) || strlen(name) > 5)
		return 0;
	v = strtoul(name, NULL, 10);
	*num = (unsigned)v;
	if ((v >= 1 && v <= 99) || (v >= 1300 && v <= 1999))
		return 1;
	if ((v >= 100 && v <= 199) || (v >= 2000 && v <= 2699))
		return 2;
	return 0;
}

static struct shell_acl *acl_find(struct shell_conf *c, const char *name, bool v6)
{
	for (struct shell_acl *a = c->acls; a; a = a->next)
		if (a->v6 == v6 && !strcmp(a->name, name))
			return a;
	return NULL;
}

/* Numbered IPv4 lists by number, then named ones by name, then the IPv6
 * ones by name. */
static bool acl_before(const struct shell_acl *a, const struct shell_acl *b)
{
	if (a->v6 != b->v6)
		return !a->v6;
	if (a->number && b->number)
		return a->number < b->number;
	if (a->number || b->number)
		return a->number != 0;
	return strcmp(a->name, b->name) < 0;
}

/* The rules a list's entries make, one per address block of each object
 * group they name (src x dst), at most ACL_RULES_MAX. */
#define ACL_RULES_MAX	65536
struct rules {
	struct shell_conf *c;
	struct acl_rule *v, base;
	unsigned n, cap;
	const char *src_og, *dst_og;
	int err;
};

static int rule_add(struct rules *x, const struct acl_rule *r)
{
	if (x->n == x->cap) {
		unsigned cap = x->cap ? 2 * x->cap : 64;
		struct acl_rule *v;

		if (x->n >= ACL_RULES_MAX)
			return x->err = -2;
		if (!(v = realloc(x->v, cap * sizeof(*v))))
			return x->err = -1;
		x->v = v;
		x->cap = cap;
	}
	x->v[x->n++] = *r;
	return 0;
}

static int dst_block(void *arg, uint32_t addr, uint32_t wild)
{
	struct rules *x = arg;
	struct acl_rule r = x->base;

	r.dst = addr & ~wild;
	r.dwild = wild;
	return rule_add(x, &r);
}

static int src_block(void *arg, uint32_t addr, uint32_t wild)
{
	struct rules *x = arg;

	x->base.addr = addr & ~wild;
	x->base.wild = wild;
	if (x->dst_og[0] && shell_og_expand(x->c, x->dst_og, dst_block, x) < 0 && !x->err)
		x->err = -2;	/* nested too deep */
	return x->dst_og[0] ? x->err : rule_add(x, &x->base);
}

static int dst_block6(void *arg, const uint8_t *a6, unsigned plen)
{
	struct rules *x = arg;
	struct acl_rule r = x->base;

	memcpy(r.dst6, a6, 16);
	r.dst6_len = (uint8_t)plen;
	return rule_add(x, &r);
}

static int src_block6(void *arg, const uint8_t *a6, unsigned plen)
{
	struct rules *x = arg;

	memcpy(x->base.src6, a6, 16);
	x->base.src6_len = (uint8_t)plen;
	if (x->dst_og[0] && shell_og_expand6(x->c, x->dst_og, dst_block6, x) < 0 && !x->err)
		x->err = -2;
	return x->dst_og[0] ? x->err : rule_add(x, &x->base);
}

/* The entry's rules for one service (x->base has its protocol, ports
 * and ICMP type): one per source block, per destination block. */
static int svc_rules(struct rules *x)
{
	if (x->base.v6) {
		if (!x->src_og[0])
			return src_block6(x, x->base.src6, x->base.src6_len);
		if (shell_og_expand6(x->c, x->src_og, src_block6, x) < 0 && !x->err)
			x->err = -2;
		return x->err;
	}
	if (!x->src_og[0])
		return src_block(x, x->base.addr, x->base.wild);
	if (shell_og_expand(x->c, x->src_og, src_block, x) < 0 && !x->err)
		x->err = -2;	/* nested too deep */
	return x->err;
}

static int svc_one(void *arg, const struct acl_rule *svc)
{
	struct rules *x = arg;
	struct acl_rule *b = &x->base;

	b->proto = svc->proto;
	b->sport_lo = svc->sport_lo, b->sport_hi = svc->sport_hi, b->sport_neq = svc->sport_neq;
	b->dport_lo = svc->dport_lo, b->dport_hi = svc->dport_hi, b->dport_neq = svc->dport_neq;
	b->icmp_type = svc->icmp_type, b->icmp_code = svc->icmp_code;
	b->l4 = svc->l4;
	return svc_rules(x);
}

/* The list's match rules to the router, which applies and counts them
 * (src/router/acl.h); its remarks stay here.  0, -1 out of memory, -2
 * object groups make it too large or nest too deep. */
static int acl_push(struct shell *sh, const struct shell_acl *a)
{
	struct rules x = { .c = &sh->conf };
	int rc;

	if (!sh->router)
		return 0;
	for (unsigned i = 0; i < a->n && !x.err; i++) {
		const struct shell_ace *e = &a->v[i];

		if (e->remark)
			continue;
		x.base = e->r;
		x.src_og = e->src_og;
		x.dst_og = e->dst_og;
		if (!e->svc_og[0])
			svc_rules(&x);
		else if (shell_og_expand_svc(&sh->conf, e->svc_og, svc_one, &x) < 0 && !x.err)
			x.err = -2;
	}
	rc = x.err ? x.err : router_acl_set(sh->router, a->v6, a->name, x.v, x.n);
	free(x.v);
	return rc;
}

bool shell_acl_uses_og(struct shell_conf *c, const char *name)
{
	for (const struct shell_acl *a = c->acls; a; a = a->next)
		for (unsigned i = 0; i < a->n; i++)
			if (!strcmp(a->v[i].src_og, name) || !strcmp(a->v[i].dst_og, name) ||
			    !strcmp(a->v[i].svc_og, name))
				return true;
	return false;
}

void shell_acl_uses_trange(struct shell_conf *c, const char *name, bool *v4, bool *v6)
{
	*v4 = *v6 = false;
	for (const struct shell_acl *a = c->acls; a; a = a->next)
		for (unsigned i = 0; i < a->n; i++)
			if (!a->v[i].remark && !strcmp(a->v[i].r.trange, name))
				*(a->v6 ? v6 : v4) = true;
}

int shell_acls_push_all(struct shell *sh)
{
	int rc = 0;

	for (const struct shell_acl *a = sh->conf.acls; a; a = a->next)
		if (acl_push(sh, a) != 0)
			rc = -1;
	return rc;
}

/* List name (an IPv6 one when v6), made (of that kind) when it does not
 * exist; NULL with an error printed when it cannot be, or is of the other
 * kind. */
static struct shell_acl *acl_get(struct cli_def *cli, struct shell_conf *c, const char *name, bool extended,
				 bool v6)
{
	struct shell_acl *a = acl_find(c, name, v6), **pp;

	if (a && a->extended != extended) {
		shell_err(cli, "%% A named %s IP access list with this name already exists",
			  a->extended ? "extended" : "standard");
		return NULL;
	}
	if (a)
		return a;
	if (c->nacls >= SHELL_ACLS_MAX) {
		shell_err(cli, "%% Too many access lists (%u)", SHELL_ACLS_MAX);
		return NULL;
	}
	if (strlen(name) >= SHELL_ACL_NAME) {
		shell_err(cli, "%% Access list name longer than %d characters", SHELL_ACL_NAME - 1);
		return NULL;
	}
	if (!(a = calloc(1, sizeof(*a)))) {
		shell_err(cli, "%% Out of memory");
		return NULL;
	}
	snprintf(a->name, sizeof(a->name), "%s", name);
	if (v6 || !acl_number_kind(name, &a->number))
		a->number = 0;
	a->extended = extended || v6;
	a->v6 = v6;
	for (pp = &c->acls; *pp && acl_before(*pp, a); pp = &(*pp)->next)
		;
	a->next = *pp;
	*pp = a;
	c->nacls++;
	acl_push(shell_sess_of(cli)->sh, a);	/* empty: it permits (acl.h) */
	return a;
}

static void acl_free(struct shell_conf *c, struct shell_acl *a)
{
	for (unsigned i = 0; i < a->n; i++)
		free(a->v[i].remark);
	c->naces -= a->n;
	free(a->v);
	free(a);
}

static void acl_del(struct shell *sh, const char *name, bool v6)
{
	struct shell_conf *c = &sh->conf;

	if (sh->router)
		router_acl_del(sh->router, v6, name);
	for (struct shell_acl **pp = &c->acls; *pp; pp = &(*pp)->next) {
		if ((*pp)->v6 == v6 && !strcmp((*pp)->name, name)) {
			struct shell_acl *a = *pp;

			*pp = a->next;
			c->nacls--;
			acl_free(c, a);
			return;
		}
	}
}

void shell_acls_clear(struct shell_conf *c)
{
	while (c->acls) {
		struct shell_acl *a = c->acls;

		c->acls = a->next;
		acl_free(c, a);
	}
	c->nacls = 0;
}

static bool ace_same(const struct shell_ace *x, const struct shell_ace *y)
{
	if (x->remark || y->remark)
		return x->remark && y->remark && !strcmp(x->remark, y->remark);
	return acl_rule_same_match(&x->r, &y->r) && x->r.log == y->r.log && x->r.log_input == y->r.log_input &&
	       !strcmp(x->src_og, y->src_og) &&
	       !strcmp(x->dst_og, y->dst_og) && !strcmp(x->svc_og, y->svc_og);
}

/* Adds e at sequence e->r.seq (0: after the last); e->remark is taken. */
static int ace_add(struct cli_def *cli, struct shell_conf *c, struct shell_acl *a, struct shell_ace *e)
{
	unsigned i;
	int rc;

	for (i = 0; i < a->n; i++) {
		if (ace_same(&a->v[i], e) && (!e->r.seq || e->r.seq == a->v[i].r.seq)) {
			free(e->remark);
			return CLI_OK;	/* as IOS: the same entry again changes nothing */
		}
		if (e->r.seq && a->v[i].r.seq == e->r.seq) {
			free(e->remark);
			return shell_err(cli, "%% Duplicate sequence number");
		}
	}
	if (!e->r.seq) {
		unsigned last = a->n ? a->v[a->n - 1].r.seq : 0;

		if (last > ACL_SEQ_MAX - ACL_SEQ_STEP) {
			free(e->remark);
			return shell_err(cli, "%% Exceeded maximum sequence number.");
		}
		e->r.seq = last + ACL_SEQ_STEP;
	}
	if (c->naces >= SHELL_ACES_MAX) {
		free(e->remark);
		return shell_err(cli, "%% Too many access list entries (%u)", SHELL_ACES_MAX);
	}
	if (a->n == a->cap) {
		unsigned cap = a->cap ? 2 * a->cap : 8;
		struct shell_ace *v = realloc(a->v, cap * sizeof(*v));

		if (!v) {
			free(e->remark);
			return shell_err(cli, "%% Out of memory");
		}
		a->v = v;
		a->cap = cap;
	}
	for (i = a->n; i > 0 && a->v[i - 1].r.seq > e->r.seq; i--)
		a->v[i] = a->v[i - 1];
	a->v[i] = *e;
	a->n++;
	c->naces++;
	if ((rc = acl_push(shell_sess_of(cli)->sh, a)) == -2) {
		/* Not taken: the list stays as it was, here as in the router. */
		memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof(a->v[0]));
		a->n--;
		c->naces--;
		return shell_err(cli, "%% Object groups make list %s more than %d rules, or nest too deep", a->name,
				 ACL_RULES_MAX);
	}
	if (rc == -1)
		return shell_err(cli, "%% Out of memory: the router keeps the list as it was");
	return CLI_OK;
}

static void ace_del_at(struct shell *sh, struct shell_acl *a, unsigned i)
{
	free(a->v[i].remark);
	memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof(a->v[0]));
	a->n--;
	sh->conf.naces--;
	acl_push(sh, a);	/* fewer rules: only its memory can fail, and
				 * then the router keeps the rule a while */
}

/* ------------------------------------------------------------ parsing */

static bool ipv4_word(const char *w, uint32_t *a)
{
	struct in_addr ia;

	if (inet_pton(AF_INET, w, &ia) != 1)
		return false;
	*a = ntohl(ia.s_addr);
	return true;
}

static bool is_kw(const char *w, const char *kw)
{
	size_t n = strlen(w);

	return n > 0 && n <= strlen(kw) && !strncasecmp(w, kw, n);
}

/* An address condition from argv[*i]: 'any', 'host A', 'A W' (or, in a
 * standard list, 'A' alone), or, where og is given (extended lists),
 * 'object-group NAME' (*addr and *wild then any). */
static int acl_addr_parse(struct cli_def *cli, char **argv, int argc, int *i, bool wild_needed, uint32_t *addr,
		      uint32_t *wild, char *og)
{
	static const char *const src[] = { "any", "host", "object-group" };
	int k;

	if (*i >= argc)
		return shell_err_incomplete(cli);
	*wild = 0;
	if (og && shell_kw_pick(argv, *i, src, 3) == 2) {
		if (++(*i) >= argc)
			return shell_err_incomplete(cli);
		if (!shell_og_exists(&shell_sess_of(cli)->sh->conf, argv[*i], false))
			return shell_err(cli, "%% Network object group %s does not exist", argv[*i]);
		snprintf(og, SHELL_ACL_NAME, "%s", argv[*i]);
		*addr = 0;
		*wild = ANY;
		(*i)++;
		return CLI_OK;
	}
	if (ipv4_word(argv[*i], addr)) {
		(*i)++;
		if (*i < argc && ipv4_word(argv[*i], wild))
			(*i)++;
		else if (wild_needed)
			return *i < argc ? shell_err_invalid(cli, *i) : shell_err_incomplete(cli);
	} else if ((k = shell_kw_pick(argv, *i, src, 2)) == 0) {
		*addr = 0;
		*wild = ANY;
		(*i)++;
	} else if (k == 1) {
		if (++(*i) >= argc)
			return shell_err_incomplete(cli);
		if (!ipv4_word(argv[*i], addr))
			return shell_err_invalid(cli, *i);
		(*i)++;
	} else {
		return shell_err_invalid(cli, *i);
	}
	*addr &= ~*wild;
	return CLI_OK;
}

/* An IPv6 address condition from argv[*i]: 'any', 'host A', 'A/LEN'
 * (the address kept without the bits past LEN), or 'object-group NAME'
 * (an IPv6 network group: into og, the prefix any). */
static int acl_addr6_parse(struct cli_def *cli, char **argv, int argc, int *i, uint8_t a[16], uint8_t *plen,
			   char *og)
{
	static const char *const src[] = { "any", "host", "object-group" };
	const char *w, *slash;
	char buf[INET6_ADDRSTRLEN];
	unsigned long len;
	char *end;
	int k;

	if (*i >= argc)
		return shell_err_incomplete(cli);
	w = argv[*i];
	if (!strchr(w, ':') && shell_kw_pick(argv, *i, src, 3) == 2) {
		if (++(*i) >= argc)
			return shell_err_incomplete(cli);
		if (!shell_og_exists6(&shell_sess_of(cli)->sh->conf, argv[*i]))
			return shell_err(cli, "%% IPv6 network object group %s does not exist", argv[*i]);
		snprintf(og, SHELL_ACL_NAME, "%s", argv[*i]);
		memset(a, 0, 16);
		*plen = 0;
		(*i)++;
		return CLI_OK;
	}
	if (!strchr(w, ':') && (k = shell_kw_pick(argv, *i, src, 2)) >= 0) {
		memset(a, 0, 16);
		*plen = k ? 128 : 0;
		if (k == 1 && (++(*i) >= argc || inet_pton(AF_INET6, argv[*i], a) != 1))
			return *i < argc ? shell_err_invalid(cli, *i) : shell_err_incomplete(cli);
		(*i)++;
		return CLI_OK;
	}
	if (!(slash = strchr(w, '/')) || (size_t)(slash - w) >= sizeof(buf))
		return shell_err_invalid(cli, *i);
	memcpy(buf, w, (size_t)(slash - w));
	buf[slash - w] = '\0';
	len = strtoul(slash + 1, &end, 10);
	if (inet_pton(AF_INET6, buf, a) != 1 || !slash[1] || *end || len > 128)
		return shell_err_invalid(cli, *i);
	*plen = (uint8_t)len;
	for (unsigned b = (unsigned)len; b < 128; b++)
		a[b / 8] &= (uint8_t)~(0x80u >> (b % 8));
	(*i)++;
	return CLI_OK;
}

struct proto_name {
	const char *name;
	int num;		/* -1: any */
};
static const struct proto_name protos[] = {
	{ "ip", -1 }, { "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 }, { "gre", 47 },
	{ "esp", 50 }, { "ahp", 51 }, { "ospf", 89 }, { "pim", 103 },
	{ NULL, 0 },
}, protos6[] = {
	{ "ipv6", -1 }, { "icmp", 58 }, { "tcp", 6 }, { "udp", 17 }, { "esp", 50 }, { "ahp", 51 },
	{ "pcp", 108 }, { "sctp", 132 },
	{ NULL, 0 },
};

/* IOS's port names: the TCP and UDP ones it prints instead of numbers. */
static const struct {
	const char *name;
	uint16_t port;
	bool tcp, udp;
} ports[] = {
	{ "bgp", 179, true, false }, { "bootpc", 68, false, true }, { "bootps", 67, false, true },
	{ "domain", 53, true, true }, { "ftp", 21, true, false }, { "ftp-data", 20, true, false },
	{ "isakmp", 500, false, true }, { "ntp", 123, false, true }, { "pop3", 110, true, false },
	{ "smtp", 25, true, false }, { "snmp", 161, false, true }, { "snmptrap", 162, false, true },
	{ "syslog", 514, false, true }, { "telnet", 23, true, false }, { "tftp", 69, false, true },
	{ "www", 80, true, false },
};

struct icmp_name {
	const char *name;
	int type, code;		/* code -1: any */
};
static const struct icmp_name icmps[] = {
	{ "echo-reply", 0, -1 }, { "unreachable", 3, -1 }, { "net-unreachable", 3, 0 },
	{ "host-unreachable", 3, 1 }, { "protocol-unreachable", 3, 2 }, { "port-unreachable", 3, 3 },
	{ "packet-too-big", 3, 4 }, { "administratively-prohibited", 3, 13 }, { "redirect", 5, -1 },
	{ "echo", 8, -1 }, { "time-exceeded", 11, -1 }, { "ttl-exceeded", 11, 0 },
	{ "parameter-problem", 12, -1 }, { "timestamp-request", 13, -1 }, { "timestamp-reply", 14, -1 },
	{ NULL, 0, 0 },
}, icmps6[] = {		/* IOS's ICMPv6 names; the first of a type and code prints */
	{ "unreachable", 1, -1 }, { "destination-unreachable", 1, -1 }, { "no-route", 1, 0 },
	{ "no-admin", 1, 1 }, { "beyond-scope", 1, 2 }, { "port-unreachable", 1, 4 },
	{ "packet-too-big", 2, -1 }, { "time-exceeded", 3, -1 }, { "hop-limit", 3, 0 },
	{ "reassembly-timeout", 3, 1 }, { "parameter-problem", 4, -1 }, { "header", 4, 0 },
	{ "next-header", 4, 1 }, { "parameter-option", 4, 2 }, { "echo-request", 128, -1 },
	{ "echo-reply", 129, -1 }, { "mld-query", 130, -1 }, { "mld-report", 131, -1 },
	{ "mld-reduction", 132, -1 }, { "router-solicitation", 133, -1 },
	{ "router-advertisement", 134, -1 }, { "nd-ns", 135, -1 }, { "nd-na", 136, -1 },
	{ "redirect", 137, -1 }, { "router-renumbering", 138, -1 },
	{ NULL, 0, 0 },
};

/* Words that end an entry ('log', 'log-input', 'time-range', 'sequence N'
 * in IPv6 lists) or qualify it: never an ICMP type. */
static bool tail_word(const char *w, bool v6)
{
	return is_kw(w, "log") || !strcasecmp(w, "log-input") || is_kw(w, "fragments") || is_kw(w, "dscp") ||
	       is_kw(w, "time-range") || (!v6 && (is_kw(w, "precedence") || is_kw(w, "tos") || is_kw(w, "ttl"))) ||
	       (v6 && is_kw(w, "sequence"));
}

/* IOS's names of DSCP, precedence and ToS values. */
struct value_name {
	const char *name;
	int v;
};
static const struct value_name dscps[] = {
	{ "default", 0 }, { "cs1", 8 }, { "af11", 10 }, { "af12", 12 }, { "af13", 14 },
	{ "cs2", 16 }, { "af21", 18 }, { "af22", 20 }, { "af23", 22 }, { "cs3", 24 },
	{ "af31", 26 }, { "af32", 28 }, { "af33", 30 }, { "cs4", 32 }, { "af41", 34 },
	{ "af42", 36 }, { "af43", 38 }, { "cs5", 40 }, { "ef", 46 }, { "cs6", 48 },
	{ "cs7", 56 }, { NULL, 0 },
}, precs[] = {
	{ "routine", 0 }, { "priority", 1 }, { "immediate", 2 }, { "flash", 3 },
	{ "flash-override", 4 }, { "critical", 5 }, { "internet", 6 }, { "network", 7 },
	{ NULL, 0 },
}, toss[] = {
	{ "normal", 0 }, { "min-monetary-cost", 1 }, { "max-reliability", 2 },
	{ "max-throughput", 4 }, { "min-delay", 8 }, { NULL, 0 },
};

/* 'dscp V', 'precedence V', 'tos V' at argv[*i] (a number up to max or
 * one of t's names; IOS takes one of the three), into *v. */
static int tclass_parse(struct cli_def *cli, char **argv, int argc, int *i, const struct value_name *t, int max,
			struct acl_rule *r, int *v)
{
	unsigned long n;
	char *end;

	if (r->dscp >= 0 || r->prec >= 0 || r->tos >= 0)
		return shell_err_invalid(cli, *i);
	if (++(*i) >= argc)
		return shell_err_incomplete(cli);
	for (; t->name; t++)
		if (!strcasecmp(argv[*i], t->name)) {
			*v = t->v;
			(*i)++;
			return CLI_OK;
		}
	n = strtoul(argv[*i], &end, 10);
	if (!*argv[*i] || *end || n > (unsigned long)max)
		return shell_err_invalid(cli, *i);
	*v = (int)n;
	(*i)++;
	return CLI_OK;
}

/* The value of v as IOS prints it: t's name, else the number. */
static const char *tclass_text(const struct value_name *t, int v, char *buf, size_t len)
{
	for (; t->name; t++)
		if (t->v == v)
			return t->name;
	snprintf(buf, len, "%d", v);
	return buf;
}

/* 'fragments': the entry is for non-initial fragments, which carry no
 * port, ICMP type or TCP flag to match (IOS refuses them together). */
static int fragments_arg(struct cli_def *cli, int i, struct acl_rule *r)
{
	if (r->l4)
		return shell_err(cli, "%% The fragments keyword cannot be used with a port, ICMP type or "
				 "established condition");
	r->fragments = true;
	(void)i;
	return CLI_OK;
}

/* ICMP-TYPE [CODE] (a number, or a name of t) at argv[*i], when there. */
static int icmp_parse(struct cli_def *cli, char **argv, int argc, int *i, const struct icmp_name *t, bool v6,
		      struct acl_rule *r)
{
	unsigned long v;
	char *end;

	if (*i >= argc || tail_word(argv[*i], v6))
		return CLI_OK;
	r->l4 = true;
	for (; t->name; t++)
		if (!strcasecmp(argv[*i], t->name)) {
			r->icmp_type = t->type;
			r->icmp_code = t->code;
			(*i)++;
			return CLI_OK;
		}
	v = strtoul(argv[*i], &end, 10);
	if (!*argv[*i] || *end || v > 255)
		return shell_err_invalid(cli, *i);
	r->icmp_type = (int)v;
	if (++(*i) < argc && !tail_word(argv[*i], v6)) {
		v = strtoul(argv[*i], &end, 10);
		if (!*argv[*i] || *end || v > 255)
			return shell_err_invalid(cli, *i);
		r->icmp_code = (int)v;
		(*i)++;
	}
	return CLI_OK;
}

static int port_word(const char *w, int proto, uint16_t *port)
{
	char *end;
	unsigned long v;

	for (size_t k = 0; k < sizeof(ports) / sizeof(ports[0]); k++)
		if (!strcasecmp(w, ports[k].name) && (proto == 6 ? ports[k].tcp : ports[k].udp)) {
			*port = ports[k].port;
			return 0;
		}
	v = strtoul(w, &end, 10);
	if (!*w || *end || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

/* [eq | neq | lt | gt P | range P P] at argv[*i], for TCP and UDP. */
static int ports_parse(struct cli_def *cli, char **argv, int argc, int *i, int proto, uint16_t *lo,
		       uint16_t *hi, bool *neq, bool *l4)
{
	static const char *const ops[] = { "eq", "neq", "lt", "gt", "range" };
	uint16_t p1, p2;
	int k;

	*lo = 0;
	*hi = 65535;
	*neq = false;
	if ((proto != 6 && proto != 17) || *i >= argc || (k = shell_kw_pick(argv, *i, ops, 5)) < 0)
		return CLI_OK;
	if (*i + 1 >= argc)
		return shell_err_incomplete(cli);
	if (port_word(argv[*i + 1], proto, &p1) == -1)
		return shell_err_invalid(cli, *i + 1);
	switch (k) {
	case 0: *lo = *hi = p1; break;
	case 1: *lo = *hi = p1; *neq = true; break;
	case 2: if (!p1) return shell_err_invalid(cli, *i + 1);
		*hi = (uint16_t)(p1 - 1); break;
	case 3: if (p1 == 65535) return shell_err_invalid(cli, *i + 1);
		*lo = (uint16_t)(p1 + 1); break;
	default:
		if (*i + 2 >= argc)
			return shell_err_incomplete(cli);
		if (port_word(argv[*i + 2], proto, &p2) == -1 || p2 < p1)
			return shell_err_invalid(cli, *i + 2);
		*lo = p1;
		*hi = p2;
		(*i)++;
	}
	*i += 2;
	*l4 = true;
	return CLI_OK;
}

/* [{permit | deny}] at argv[*i] unless act says it (0 permit, 1 deny:
 * the command's own word); something must follow. */
static int action_parse(struct cli_def *cli, char **argv, int argc, int *i, int act, struct acl_rule *r)
{
	static const char *const acts[] = { "permit", "deny" };

	if (act < 0) {
		if (*i >= argc)
			return shell_err_incomplete(cli);
		if ((act = shell_kw_pick(argv, *i, acts, 2)) < 0)
			return shell_err_invalid(cli, *i);
		(*i)++;
	}
	r->permit = act == 0;
	return *i < argc ? CLI_OK : shell_err_incomplete(cli);
}

/* A protocol at argv[*i]: a name of t, or 0-255. */
static int proto_parse(struct cli_def *cli, char **argv, int *i, const struct proto_name *t, int *proto)
{
	unsigned long v;
	char *end;

	for (; t->name; t++)
		if (!strcasecmp(argv[*i], t->name)) {
			*proto = t->num;
			(*i)++;
			return CLI_OK;
		}
	v = strtoul(argv[*i], &end, 10);
	if (!*argv[*i] || *end || v > 255)
		return shell_err_invalid(cli, *i);
	*proto = (int)v;
	(*i)++;
	return CLI_OK;
}

/* TCP's flags by IOS's names, in the order IOS writes them. */
static const char *const tcp_flag_names[6] = { "ack", "fin", "psh", "rst", "syn", "urg" };
static const uint8_t tcp_flag_bits[6] = { 0x10, 0x01, 0x08, 0x04, 0x02, 0x20 };

static int tcp_flag(const char *w)
{
	for (int k = 0; k < 6; k++)
		if (!strcasecmp(w, tcp_flag_names[k]))
			return k;
	return -1;
}

/* TCP's flag conditions from argv[*i]: flag words ('syn', 'ack': each
 * set), or 'match-all' / 'match-any' and then '+flag' (set) and '-flag'
 * (clear) words; none is fine. */
static int tcp_flags_parse(struct cli_def *cli, char **argv, int argc, int *i, struct acl_rule *r)
{
	int k;

	if (*i < argc && (!strcasecmp(argv[*i], "match-all") || !strcasecmp(argv[*i], "match-any"))) {
		r->tcp_any = !strcasecmp(argv[*i], "match-any");
		for ((*i)++; *i < argc && (argv[*i][0] == '+' || argv[*i][0] == '-'); (*i)++) {
			uint8_t bit;

			if ((k = tcp_flag(argv[*i] + 1)) < 0)
				return shell_err_invalid(cli, *i);
			bit = tcp_flag_bits[k];
			if ((r->tcp_on | r->tcp_off) & bit)
				return shell_err_invalid(cli, *i);	/* each flag once */
			*(argv[*i][0] == '+' ? &r->tcp_on : &r->tcp_off) |= bit;
		}
		if (!(r->tcp_on | r->tcp_off))
			return *i < argc ? shell_err_invalid(cli, *i) : shell_err_incomplete(cli);
		r->l4 = true;
		return CLI_OK;
	}
	for (; *i < argc && (k = tcp_flag(argv[*i])) >= 0; (*i)++) {
		r->tcp_on |= tcp_flag_bits[k];
		r->tcp_words = r->l4 = true;
	}
	return CLI_OK;
}

/* ttl {eq | neq | lt | gt} N | ttl range A B, from argv[*i] ('ttl'). */
static int ttl_parse(struct cli_def *cli, char **argv, int argc, int *i, struct acl_rule *r)
{
	static const char *const ops[] = { "eq", "neq", "lt", "gt", "range" };
	long a, b = 0;
	int k;

	if (r->ttl)
		return shell_err_invalid(cli, *i);	/* once */
	if (*i + 1 >= argc)
		return shell_err_incomplete(cli);
	if ((k = shell_kw_pick(argv, *i + 1, ops, 5)) < 0)
		return shell_err_invalid(cli, *i + 1);
	if (*i + 2 >= argc)
		return shell_err_incomplete(cli);
	if ((a = shell_arg_uint(cli, argv, argc, *i + 2, k == 2 ? 1 : 0, k == 3 ? 254 : 255)) < 0)
		return CLI_ERROR;
	if (k == 4 && (*i + 3 >= argc || (b = shell_arg_uint(cli, argv, argc, *i + 3, a, 255)) < 0))
		return *i + 3 >= argc ? shell_err_incomplete(cli) : CLI_ERROR;
	r->ttl = true;
	r->ttl_neq = k == 1;
	r->ttl_lo = (uint16_t)(k == 2 ? 0 : k == 3 ? a + 1 : a);
	r->ttl_hi = (uint16_t)(k == 2 ? a - 1 : k == 3 ? 255 : k == 4 ? b : a);
	*i += k == 4 ? 4 : 3;
	return CLI_OK;
}

/* After the destination: TCP's 'established' or flag conditions, or
 * ICMP's (ICMPv6's) type and code. */
static int l4_extra_parse(struct cli_def *cli, char **argv, int argc, int *i, bool v6, struct acl_rule *r)
{
	if (r->proto == 6 && *i < argc && is_kw(argv[*i], "established")) {
		r->established = r->l4 = true;
		(*i)++;
		return CLI_OK;
	}
	if (r->proto == 6)
		return tcp_flags_parse(cli, argv, argc, i, r);
	if (r->proto == (v6 ? 58 : 1))
		return icmp_parse(cli, argv, argc, i, v6 ? icmps6 : icmps, v6, r);
	return CLI_OK;
}

/* 'time-range NAME' at argv[*i]: IOS's rule for a name (a letter first,
 * no quote); the range need not exist yet (until it does, the entry is
 * not in effect). */
static int trange_arg(struct cli_def *cli, char **argv, int argc, int *i, struct acl_rule *r)
{
	const char *n;

	if (*i + 1 >= argc)
		return shell_err_incomplete(cli);
	n = argv[*i + 1];
	if (r->trange[0] || !shell_trange_name_ok(n))
		return shell_err_invalid(cli, *i + 1);
	snprintf(r->trange, sizeof(r->trange), "%s", n);
	*i += 2;
	return CLI_OK;
}

/* 'fragments', 'dscp V', 'time-range NAME' and, IPv4, 'precedence V',
 * 'tos V', 'ttl ...' at argv[*i] (each once): *mine when it was one of
 * them. */
static int qual_parse(struct cli_def *cli, char **argv, int argc, int *i, bool v6, struct acl_rule *r, bool *mine)
{
	int rc;

	*mine = true;
	if (is_kw(argv[*i], "time-range") && strlen(argv[*i]) > 1)
		return trange_arg(cli, argv, argc, i, r);
	if (is_kw(argv[*i], "fragments") && !r->fragments) {
		if ((rc = fragments_arg(cli, *i, r)) == CLI_OK)
			(*i)++;
		return rc;
	}
	if (is_kw(argv[*i], "dscp"))
		return tclass_parse(cli, argv, argc, i, dscps, 63, r, &r->dscp);
	if (!v6 && is_kw(argv[*i], "precedence"))
		return tclass_parse(cli, argv, argc, i, precs, 7, r, &r->prec);
	if (!v6 && is_kw(argv[*i], "tos"))
		return tclass_parse(cli, argv, argc, i, toss, 15, r, &r->tos);
	if (!v6 && is_kw(argv[*i], "ttl") && strlen(argv[*i]) > 1)
		return ttl_parse(cli, argv, argc, i, r);
	*mine = false;
	return CLI_OK;
}

/*
 * [{permit | deny}] then, standard: SOURCE [log]; extended: PROTOCOL
 * SOURCE [PORTS] DESTINATION [PORTS] [established | ICMP-TYPE [CODE]]
 * [log], from argv[i].  The action word comes first unless given in act
 * (0 permit, 1 deny: the command's own word).  The entry in e.  CLI_OK,
 * or an error printed.
 */
static int ace_parse(struct cli_def *cli, char **argv, int argc, int i, int act, bool ext, struct shell_ace *e)
{
	struct acl_rule *r = &e->r;
	int rc;

	memset(e, 0, sizeof(*e));
	acl_rule_any(r);
	if ((rc = action_parse(cli, argv, argc, &i, act, r)) != CLI_OK)
		return rc;
	if (!ext) {
		r->std = true;
		if ((rc = acl_addr_parse(cli, argv, argc, &i, false, &r->addr, &r->wild, NULL)) != CLI_OK)
			return rc;
	} else {
		if (is_kw(argv[i], "object-group") && strlen(argv[i]) > 1) {
			/* a service group in the protocol's place */
			if (++i >= argc)
				return shell_err_incomplete(cli);
			if (!shell_og_exists(&shell_sess_of(cli)->sh->conf, argv[i], true))
				return shell_err(cli, "%% Service object group %s does not exist", argv[i]);
			snprintf(e->svc_og, sizeof(e->svc_og), "%s", argv[i++]);
		} else if ((rc = proto_parse(cli, argv, &i, protos, &r->proto)) != CLI_OK) {
			return rc;
		}
		if ((rc = acl_addr_parse(cli, argv, argc, &i, true, &r->addr, &r->wild, e->src_og)) != CLI_OK ||
		    (rc = ports_parse(cli, argv, argc, &i, r->proto, &r->sport_lo, &r->sport_hi, &r->sport_neq,
				      &r->l4)) != CLI_OK ||
		    (rc = acl_addr_parse(cli, argv, argc, &i, true, &r->dst, &r->dwild, e->dst_og)) != CLI_OK ||
		    (rc = ports_parse(cli, argv, argc, &i, r->proto, &r->dport_lo, &r->dport_hi, &r->dport_neq,
				      &r->l4)) != CLI_OK ||
		    (rc = l4_extra_parse(cli, argv, argc, &i, false, r)) != CLI_OK)
			return rc;
		/* IOS: [qualifiers] [log | log-input] [time-range NAME]; taken in
		 * any order, each once. */
		while (i < argc) {
			bool mine = false;

			if ((rc = qual_parse(cli, argv, argc, &i, false, r, &mine)) != CLI_OK)
				return rc;
			if (mine)
				continue;
			if (r->log || (strcasecmp(argv[i], "log-input") && !is_kw(argv[i], "log")))
				return shell_err_invalid(cli, i);
			r->log = true;
			r->log_input = !strcasecmp(argv[i++], "log-input");
		}
		return CLI_OK;
	}
	if (i < argc && is_kw(argv[i], "log")) {
		r->log = true;
		i++;
	}
	if (i < argc)
		return shell_err_invalid(cli, i);
	return CLI_OK;
}

/*
 * An IPv6 list's entry: [{permit | deny}] PROTOCOL SOURCE [PORTS]
 * DESTINATION [PORTS] [established | ICMP-TYPE [CODE]] then, in any order,
 * [log | log-input] [sequence N], from argv[i]; as ace_parse().
 */
static int ace6_parse(struct cli_def *cli, char **argv, int argc, int i, int act, struct shell_ace *e)
{
	struct acl_rule *r = &e->r;
	int rc;

	memset(e, 0, sizeof(*e));
	acl_rule_any(r);
	r->v6 = true;
	if ((rc = action_parse(cli, argv, argc, &i, act, r)) != CLI_OK ||
	    (rc = proto_parse(cli, argv, &i, protos6, &r->proto)) != CLI_OK ||
	    (rc = acl_addr6_parse(cli, argv, argc, &i, r->src6, &r->src6_len, e->src_og)) != CLI_OK ||
	    (rc = ports_parse(cli, argv, argc, &i, r->proto, &r->sport_lo, &r->sport_hi, &r->sport_neq,
			      &r->l4)) != CLI_OK ||
	    (rc = acl_addr6_parse(cli, argv, argc, &i, r->dst6, &r->dst6_len, e->dst_og)) != CLI_OK ||
	    (rc = ports_parse(cli, argv, argc, &i, r->proto, &r->dport_lo, &r->dport_hi, &r->dport_neq,
			      &r->l4)) != CLI_OK ||
	    (rc = l4_extra_parse(cli, argv, argc, &i, true, r)) != CLI_OK)
		return rc;
	while (i < argc) {
		bool mine = false;

		if ((rc = qual_parse(cli, argv, argc, &i, true, r, &mine)) != CLI_OK)
			return rc;
		if (mine)
			continue;
		if (!r->log && (!strcasecmp(argv[i], "log-input") || is_kw(argv[i], "log"))) {
			r->log = true;
			r->log_input = !strcasecmp(argv[i++], "log-input");
		} else if (is_kw(argv[i], "sequence")) {
			long n = shell_arg_uint(cli, argv, argc, i + 1, 1, ACL_SEQ_MAX);

			if (n < 0)
				return CLI_ERROR;
			r->seq = (unsigned)n;
			i += 2;
		} else {
			return shell_err_invalid(cli, i);
		}
	}
	return CLI_OK;
}

/* An entry of a list of mode's kind (SHELL_ACL_STD, _EXT, _V6). */
static int entry_parse(struct cli_def *cli, char **argv, int argc, int i, int act, int mode, struct shell_ace *e)
{
	if (mode == SHELL_ACL_V6)
		return ace6_parse(cli, argv, argc, i, act, e);
	return ace_parse(cli, argv, argc, i, act, mode == SHELL_ACL_EXT, e);
}

static char *join(char **argv, int argc, int i)
{
	size_t len = 1;
	char *t;

	for (int k = i; k < argc; k++)
		len += strlen(argv[k]) + 1;
	if (!(t = malloc(len)))
		return NULL;
	t[0] = '\0';
	for (int k = i; k < argc; k++) {
		if (k > i)
			strcat(t, " ");
		strcat(t, argv[k]);
	}
	return t;
}

/* A remark of the words from argv[i] (IOS: at most 100 characters). */
static int remark_parse(struct cli_def *cli, char **argv, int argc, int i, struct shell_ace *e)
{
	memset(e, 0, sizeof(*e));
	acl_rule_any(&e->r);
	if (i >= argc)
		return shell_err_incomplete(cli);
	if (!(e->remark = join(argv, argc, i)))
		return shell_err(cli, "%% Out of memory");
	if (strlen(e->remark) > 100) {
		free(e->remark);
		e->remark = NULL;
		return shell_err(cli, "%% Remark longer than 100 characters");
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ global */

/* access-list N {permit | deny} ... | remark TEXT */
static int cmd_access_list(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	struct shell_acl *a;
	struct shell_ace e;
	unsigned num;
	int rc, kind;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!(kind = acl_number_kind(argv[0], &num)))
		return shell_err_invalid(cli, 0);
	if (argc > 1 && is_kw(argv[1], "remark"))
		rc = remark_parse(cli, argv, argc, 2, &e);
	else
		rc = ace_parse(cli, argv, argc, 1, -1, kind == 2, &e);
	if (rc != CLI_OK)
		return rc;
	if (!(a = acl_get(cli, c, argv[0], kind == 2, false))) {
		free(e.remark);
		return CLI_ERROR;
	}
	return ace_add(cli, c, a, &e);
}

/* no access-list N: the whole list (IOS). */
static int cmd_no_access_list(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	unsigned num;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!acl_number_kind(argv[0], &num))
		return shell_err_invalid(cli, 0);
	acl_del(shell_sess_of(cli)->sh, argv[0], false);
	return CLI_OK;
}

/* A list's name: a number of its kind's ranges, or a word that does not
 * read as a number. */
static bool acl_name_ok(const char *name, int kind)
{
	unsigned num;
	int k = acl_number_kind(name, &num);

	return strlen(name) < SHELL_ACL_NAME &&
	       ((kind ? k == kind : k != 0) || strspn(name, "0123456789") != strlen(name));
}

/* ip access-list {standard | extended} {N | NAME}: its mode. */
static int cmd_ip_acl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	bool ext = strstr(cmd, "extended") != NULL;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!acl_name_ok(argv[0], ext ? 2 : 1))
		return shell_err_invalid(cli, 0);
	if (!acl_get(cli, &s->sh->conf, argv[0], ext, false))
		return CLI_ERROR;
	snprintf(s->acl_edit, sizeof(s->acl_edit), "%s", argv[0]);
	shell_set_mode(cli, ext ? SHELL_ACL_EXT : SHELL_ACL_STD);
	return CLI_OK;
}

/* no ip access-list {standard | extended} NAME, no ipv6 access-list NAME */
static int cmd_no_ip_acl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	acl_del(shell_sess_of(cli)->sh, argv[0], !strncmp(cmd, "no ipv6", 7));
	return CLI_OK;
}

/* ipv6 access-list NAME: its mode (config-ipv6-acl). */
static int cmd_ipv6_acl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!acl_get(cli, &s->sh->conf, argv[0], true, true))
		return CLI_ERROR;
	snprintf(s->acl_edit, sizeof(s->acl_edit), "%s", argv[0]);
	shell_set_mode(cli, SHELL_ACL_V6);
	return CLI_OK;
}

/*
 * ip access-list resequence {N | NAME} START STEP, ipv6 access-list
 * resequence NAME START STEP: the entries (remarks too) numbered START,
 * START + STEP, ... in their order; the counts go with them.
 */
static int cmd_resequence(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	bool v6 = !strncmp(cmd, "ipv6", 4);
	struct shell_acl *a;
	unsigned *from, *to;
	long start, step;

	if (argc < 3)
		return shell_err_incomplete(cli);
	if (argc > 3)
		return shell_err_invalid(cli, 3);
	if ((start = shell_arg_uint(cli, argv, argc, 1, 1, ACL_SEQ_MAX)) < 0 ||
	    (step = shell_arg_uint(cli, argv, argc, 2, 1, ACL_SEQ_MAX)) < 0)
		return CLI_ERROR;
	if (!(a = acl_find(&sh->conf, argv[0], v6)))
		return shell_err(cli, "%% Access list %s does not exist", argv[0]);
	if (a->n && (unsigned long long)start + (unsigned long long)step * (a->n - 1) > ACL_SEQ_MAX)
		return shell_err(cli, "%% Exceeded maximum sequence number.");
	from = calloc(a->n ? a->n : 1, sizeof(*from));
	to = calloc(a->n ? a->n : 1, sizeof(*to));
	if (!from || !to) {
		free(from);
		free(to);
		return shell_err(cli, "%% Out of memory");
	}
	for (unsigned i = 0; i < a->n; i++) {
		from[i] = a->v[i].r.seq;
		a->v[i].r.seq = to[i] = (unsigned)(start + step * (long)i);
	}
	if (sh->router)
		router_acl_resequence(sh->router, v6, a->name, from, to, a->n);
	free(from);
	free(to);
	return CLI_OK;
}

/* ------------------------------------------------------------ named modes */

/* The entry a command word of config-std-nacl or config-ext-nacl
 * ('permit', 'deny', 'remark': the last word of cmd) and its arguments
 * write. */
static int nacl_word_parse(struct cli_def *cli, const char *cmd, char **argv, int argc, struct shell_ace *e)
{
	const char *word = strrchr(cmd, ' ') ? strrchr(cmd, ' ') + 1 : cmd;

	if (!strcmp(word, "remark"))
		return remark_parse(cli, argv, argc, 0, e);
	return entry_parse(cli, argv, argc, 0, strcmp(word, "permit") ? 1 : 0, cli->mode, e);
}

/* [SEQ] {permit | deny} ..., remark TEXT: argv[0] the sequence number
 * when seq ('sequence SEQ' in an IPv6 list), the action word is in the
 * command name otherwise. */
static int nacl_entry(struct cli_def *cli, const char *cmd, char **argv, int argc, bool seq)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	bool ext = cli->mode != SHELL_ACL_STD, v6 = cli->mode == SHELL_ACL_V6;
	struct shell_acl *a;
	struct shell_ace e;
	long n = 0;
	int rc;

	if (seq) {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 1, ACL_SEQ_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1 && is_kw(argv[1], "remark"))
			rc = remark_parse(cli, argv, argc, 2, &e);
		else
			rc = entry_parse(cli, argv, argc, 1, -1, cli->mode, &e);
		if (rc == CLI_OK && e.r.seq && e.r.seq != (unsigned)n) {
			free(e.remark);
			return shell_err(cli, "%% Two sequence numbers: %ld and %u", n, e.r.seq);
		}
		e.r.seq = (unsigned)n;
	} else {
		rc = nacl_word_parse(cli, cmd, argv, argc, &e);
	}
	if (rc != CLI_OK)
		return rc;
	if (!(a = acl_get(cli, c, s->acl_edit, ext, v6))) {
		free(e.remark);
		return CLI_ERROR;
	}
	return ace_add(cli, c, a, &e);
}

static int cmd_nacl_action(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return nacl_entry(cli, cmd, argv, argc, false);
}

static int cmd_nacl_seq(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return nacl_entry(cli, cmd, argv, argc, true);
}

/* no SEQ | no {permit | deny} ... | no remark TEXT */
static int cmd_no_nacl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_acl *a = acl_find(&s->sh->conf, s->acl_edit, cli->mode == SHELL_ACL_V6);
	struct shell_ace e;
	long n = -1;
	int rc;

	if (strstr(cmd, " <") || strstr(cmd, " sequence")) {	/* no SEQ, no sequence SEQ */
		if ((n = shell_arg_uint(cli, argv, argc, 0, 1, ACL_SEQ_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		memset(&e, 0, sizeof(e));
		rc = CLI_OK;
	} else {
		rc = nacl_word_parse(cli, cmd, argv, argc, &e);
	}
	if (rc != CLI_OK)
		return rc;
	for (unsigned i = 0; a && i < a->n; i++) {
		if (n >= 0 ? a->v[i].r.seq == (unsigned)n
			   : ace_same(&a->v[i], &e) && (!e.r.seq || e.r.seq == a->v[i].r.seq)) {
			ace_del_at(s->sh, a, i);
			break;
		}
	}
	free(e.remark);
	return CLI_OK;
}

/* ------------------------------------------------------------ matching */

bool shell_acl_permits(struct shell *sh, const char *name, const struct acl_pkt *p)
{
	/* The router applies and counts every list (acl.h). */
	return !sh->router || router_acl_permits(sh->router, name, p);
}

/* ------------------------------------------------------------ printing */

static const char *ip4(uint32_t a, char *b)
{
	struct in_addr ia = { .s_addr = htonl(a) };

	return inet_ntop(AF_INET, &ia, b, INET_ADDRSTRLEN);
}

static void addr_text(uint32_t addr, uint32_t wild, bool ext, char *buf, size_t len)
{
	char b1[INET_ADDRSTRLEN], b2[INET_ADDRSTRLEN];

	if (wild == ANY)
		snprintf(buf, len, "any");
	else if (!wild)
		snprintf(buf, len, "%s%s", ext ? "host " : "", ip4(addr, b1));
	else
		snprintf(buf, len, "%s %s", ip4(addr, b1), ip4(wild, b2));
}

/* 'any', 'host A', 'A/LEN', in IOS's capitals. */
static void addr6_text(const uint8_t *a, unsigned plen, char *buf, size_t len)
{
	char b[INET6_ADDRSTRLEN];

	if (!plen)
		snprintf(buf, len, "any");
	else if (plen == 128)
		snprintf(buf, len, "host %s", shell_fmt6(a, b, sizeof(b)));
	else
		snprintf(buf, len, "%s/%u", shell_fmt6(a, b, sizeof(b)), plen);
}

static void port_text(uint16_t p, int proto, char *buf, size_t len)
{
	for (size_t k = 0; k < sizeof(ports) / sizeof(ports[0]); k++)
		if (ports[k].port == p && (proto == 6 ? ports[k].tcp : ports[k].udp)) {
			snprintf(buf, len, "%s", ports[k].name);
			return;
		}
	snprintf(buf, len, "%u", p);
}

/* ' eq telnet', ' range 1000 2000', '' for any. */
static void ports_text(uint16_t lo, uint16_t hi, bool neq, int proto, char *buf, size_t len)
{
	char a[16], b[16];

	buf[0] = '\0';
	if (lo == 0 && hi == 65535 && !neq)
		return;
	port_text(lo, proto, a, sizeof(a));
	port_text(hi, proto, b, sizeof(b));
	if (neq)
		snprintf(buf, len, " neq %s", a);
	else if (lo == hi)
		snprintf(buf, len, " eq %s", a);
	else if (lo == 0)
		port_text((uint16_t)(hi + 1), proto, b, sizeof(b)), snprintf(buf, len, " lt %s", b);
	else if (hi == 65535)
		port_text((uint16_t)(lo - 1), proto, a, sizeof(a)), snprintf(buf, len, " gt %s", a);
	else
		snprintf(buf, len, " range %s %s", a, b);
}

int shell_acl_svc_parse(struct cli_def *cli, const char *word, char **argv, int argc, int i, struct acl_rule *r,
			bool *tcpudp)
{
	char *w = (char *)word;
	int k = 0, rc;

	acl_rule_any(r);
	*tcpudp = !strcasecmp(word, "tcp-udp");
	if (*tcpudp)
		r->proto = 6;
	else if ((rc = proto_parse(cli, &w, &k, protos, &r->proto)) != CLI_OK)
		return rc;
	if (r->proto == 6 || r->proto == 17) {
		if (i < argc && is_kw(argv[i], "source") && strlen(argv[i]) > 1) {
			int at = ++i;

			if ((rc = ports_parse(cli, argv, argc, &i, r->proto, &r->sport_lo, &r->sport_hi,
					      &r->sport_neq, &r->l4)) != CLI_OK)
				return rc;
			if (i == at)	/* 'source' and no port condition */
				return i < argc ? shell_err_invalid(cli, i) : shell_err_incomplete(cli);
		}
		if ((rc = ports_parse(cli, argv, argc, &i, r->proto, &r->dport_lo, &r->dport_hi, &r->dport_neq,
				      &r->l4)) != CLI_OK)
			return rc;
	} else if (r->proto == 1 && (rc = icmp_parse(cli, argv, argc, &i, icmps, false, r)) != CLI_OK) {
		return rc;
	}
	return i < argc ? shell_err_invalid(cli, i) : CLI_OK;
}

/* A protocol as IOS writes it: its name in t, else its number. */
static void proto_text(const struct proto_name *t, int proto, char *buf, size_t len)
{
	snprintf(buf, len, "%d", proto);
	for (; t->name; t++)
		if (t->num == proto)
			snprintf(buf, len, "%s", t->name);
}

/* ' echo', ' 3 13', ' 8': r's ICMP type and code by t's names; "" for
 * none. */
static void icmp_text(const struct icmp_name *t, const struct acl_rule *r, char *buf, size_t len)
{
	buf[0] = '\0';
	if (r->icmp_type < 0)
		return;
	while (t->name && (t->type != r->icmp_type || t->code != r->icmp_code))
		t++;
	if (t->name)
		snprintf(buf, len, " %s", t->name);
	else if (r->icmp_code >= 0)
		snprintf(buf, len, " %d %d", r->icmp_type, r->icmp_code);
	else
		snprintf(buf, len, " %d", r->icmp_type);
}

void shell_acl_svc_text(const struct acl_rule *r, bool tcpudp, char *buf, size_t len)
{
	char proto[8], sp[48], dp[48], icmp[40] = "";

	proto_text(protos, r->proto, proto, sizeof(proto));
	ports_text(r->sport_lo, r->sport_hi, r->sport_neq, r->proto, sp, sizeof(sp));
	ports_text(r->dport_lo, r->dport_hi, r->dport_neq, r->proto, dp, sizeof(dp));
	if (r->proto == 1)
		icmp_text(icmps, r, icmp, sizeof(icmp));
	snprintf(buf, len, "%s%s%s%s%s", tcpudp ? "tcp-udp" : proto, sp[0] ? " source" : "", sp, dp, icmp);
}

/* ' syn ack' or ' match-all +syn -ack' (IOS's order of the flags). */
static void tcp_flags_text(const struct acl_rule *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (!r->tcp_words)
		n += (size_t)snprintf(buf, len, " %s", r->tcp_any ? "match-any" : "match-all");
	for (int k = 0; k < 6 && n < len; k++)
		if ((r->tcp_on | r->tcp_off) & tcp_flag_bits[k])
			n += (size_t)snprintf(buf + n, len - n, " %s%s", r->tcp_words ? "" : r->tcp_on & tcp_flag_bits[k] ?
					      "+" : "-", tcp_flag_names[k]);
}

/* ' ttl eq 255', ' ttl range 1 64' ... as it was given. */
static void ttl_text(const struct acl_rule *r, char *buf, size_t len)
{
	if (r->ttl_neq)
		snprintf(buf, len, " ttl neq %u", r->ttl_lo);
	else if (r->ttl_lo == r->ttl_hi)
		snprintf(buf, len, " ttl eq %u", r->ttl_lo);
	else if (r->ttl_lo == 0)
		snprintf(buf, len, " ttl lt %u", r->ttl_hi + 1u);
	else if (r->ttl_hi == 255)
		snprintf(buf, len, " ttl gt %u", r->ttl_lo - 1u);
	else
		snprintf(buf, len, " ttl range %u %u", r->ttl_lo, r->ttl_hi);
}

/* An entry as the configuration writes it, from 'permit'/'deny' on
 * (standard: ', wildcard bits' in show's form when show). */
static void ace_text(const struct shell_acl *a, const struct shell_ace *e, bool show, char *buf, size_t len)
{
	const struct acl_rule *r = &e->r;
	char src[64], dst[64], sp[48], dp[48], proto[8], extra[64] = "";
	const char *act = r->permit ? "permit" : a->v6 ? "deny" : "deny  ";

	if (!a->extended) {
		char b1[INET_ADDRSTRLEN], b2[INET_ADDRSTRLEN];

		if (show && r->wild && r->wild != ANY)
			snprintf(src, sizeof(src), "%s, wildcard bits %s", ip4(r->addr, b1), ip4(r->wild, b2));
		else
			addr_text(r->addr, r->wild, false, src, sizeof(src));
		snprintf(buf, len, "%s %s%s", act, src, r->log ? " log" : "");
		return;
	}
	proto_text(a->v6 ? protos6 : protos, r->proto, proto, sizeof(proto));
	if (a->v6) {
		addr6_text(r->src6, r->src6_len, src, sizeof(src));
		addr6_text(r->dst6, r->dst6_len, dst, sizeof(dst));
	} else {
		addr_text(r->addr, r->wild, true, src, sizeof(src));
		addr_text(r->dst, r->dwild, true, dst, sizeof(dst));
	}
	if (e->src_og[0])
		snprintf(src, sizeof(src), "object-group %s", e->src_og);
	if (e->dst_og[0])
		snprintf(dst, sizeof(dst), "object-group %s", e->dst_og);
	ports_text(r->sport_lo, r->sport_hi, r->sport_neq, r->proto, sp, sizeof(sp));
	ports_text(r->dport_lo, r->dport_hi, r->dport_neq, r->proto, dp, sizeof(dp));
	if (r->established)
		snprintf(extra, sizeof(extra), " established");
	else if (r->tcp_on | r->tcp_off)
		tcp_flags_text(r, extra, sizeof(extra));
	else
		icmp_text(a->v6 ? icmps6 : icmps, r, extra, sizeof(extra));
	{
		char tb[12], tc[80] = "";

		if (r->prec >= 0)
			snprintf(tc, sizeof(tc), " precedence %s", tclass_text(precs, r->prec, tb, sizeof(tb)));
		else if (r->tos >= 0)
			snprintf(tc, sizeof(tc), " tos %s", tclass_text(toss, r->tos, tb, sizeof(tb)));
		else if (r->dscp >= 0)
			snprintf(tc, sizeof(tc), " dscp %s", tclass_text(dscps, r->dscp, tb, sizeof(tb)));
		if (r->ttl)
			ttl_text(r, tc + strlen(tc), sizeof(tc) - strlen(tc));
		snprintf(buf, len, "%s %s%s %s%s %s%s%s%s%s%s%s%s", act, e->svc_og[0] ? "object-group " : "",
			 e->svc_og[0] ? e->svc_og : proto, src, sp, dst, dp, extra, tc,
			 r->fragments ? " fragments" : "", r->log_input ? " log-input" : r->log ? " log" : "",
			 r->trange[0] ? " time-range " : "", r->trange);
	}
}

static void acl_write(struct shell *sh, FILE *f)
{
	char t[512];

	if (sh->conf.acl_log_threshold)
		fprintf(f, "ip access-list log-update threshold %u\n", sh->conf.acl_log_threshold);
	if (sh->conf.acl_log_interval)
		fprintf(f, "ip access-list logging interval %u\n", sh->conf.acl_log_interval);
	for (struct shell_acl *a = sh->conf.acls; a; a = a->next) {
		if (a->number || a->v6)
			continue;
		fprintf(f, "ip access-list %s %s\n", a->extended ? "extended" : "standard", a->name);
		for (unsigned i = 0; i < a->n; i++) {
			const struct shell_ace *e = &a->v[i];

			if (e->remark) {
				fprintf(f, " %u remark %s\n", e->r.seq, e->remark);
				continue;
			}
			ace_text(a, e, false, t, sizeof(t));
			fprintf(f, " %u %s\n", e->r.seq, t);
		}
	}
	for (struct shell_acl *a = sh->conf.acls; a; a = a->next) {
		if (!a->number)
			continue;
		for (unsigned i = 0; i < a->n; i++) {
			const struct shell_ace *e = &a->v[i];

			if (e->remark) {
				fprintf(f, "access-list %u remark %s\n", a->number, e->remark);
				continue;
			}
			ace_text(a, e, false, t, sizeof(t));
			fprintf(f, "access-list %u %s\n", a->number, t);
		}
	}
	/* IPv6 lists as IOS writes them: an entry's number only when it is not
	 * the one it gets read back without it (10 after the one before). */
	for (struct shell_acl *a = sh->conf.acls; a; a = a->next) {
		unsigned prev = 0;

		if (!a->v6)
			continue;
		fprintf(f, "ipv6 access-list %s\n", a->name);
		for (unsigned i = 0; i < a->n; i++) {
			const struct shell_ace *e = &a->v[i];
			char seq[24] = "";

			if (e->r.seq != prev + ACL_SEQ_STEP)
				snprintf(seq, sizeof(seq), "sequence %u ", e->r.seq);
			prev = e->r.seq;
			if (e->remark) {
				fprintf(f, " %sremark %s\n", seq, e->remark);
				continue;
			}
			ace_text(a, e, false, t, sizeof(t));
			fprintf(f, " %s%s\n", seq, t);
		}
	}
}

/* Is time range name in effect for the router (1), not (0), none (-1)? */
static int trange_state(struct shell *sh, const char *name)
{
	return sh->router ? router_time_range_state(sh->router, name) : shell_trange_active(&sh->conf, name);
}

static void acl_show(struct cli_def *cli, const struct shell_acl *a)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char t[512], cnt[80];

	if (a->v6)
		cli_print(cli, "IPv6 access list %s", a->name);
	else
		cli_print(cli, "%s IP access list %s", a->extended ? "Extended" : "Standard", a->name);
	for (unsigned i = 0; i < a->n; i++) {
		const struct shell_ace *e = &a->v[i];
		unsigned long m;

		if (e->remark)
			continue;
		ace_text(a, e, true, t, sizeof(t));
		cnt[0] = '\0';
		if (e->r.trange[0])	/* IOS: '... time-range NAME (active)' */
			snprintf(cnt, sizeof(cnt), " (%s)", trange_state(sh, e->r.trange) > 0 ? "active" : "inactive");
		if (sh->router && (m = (unsigned long)router_acl_matches(sh->router, a->v6, a->name, e->r.seq)))
			snprintf(cnt + strlen(cnt), sizeof(cnt) - strlen(cnt), " (%lu match%s)", m, m == 1 ? "" : "es");
		if (a->v6)	/* IOS: the number last */
			cli_print(cli, "    %s%s sequence %u", t, cnt, e->r.seq);
		else
			cli_print(cli, "    %u %s%s", e->r.seq, t, cnt);
	}
}

/* One list for '| json': its entries as the configuration words them
 * (after the action), each with its count; remarks as they are. */
static void acl_json(struct shell *sh, struct json *j, const struct shell_acl *a)
{
	char t[512];

	json_begin(j, NULL, '{');
	json_str(j, "name", a->name);
	json_str(j, "family", a->v6 ? "ipv6" : "ipv4");
	json_str(j, "type", a->v6 || a->extended ? "extended" : "standard");
	json_begin(j, "entries", '[');
	for (unsigned i = 0; i < a->n; i++) {
		const struct shell_ace *e = &a->v[i];
		const char *rest;

		json_begin(j, NULL, '{');
		json_uint(j, "sequence", e->r.seq);
		if (e->remark) {
			json_str(j, "remark", e->remark);
			json_end(j, '}');
			continue;
		}
		ace_text(a, e, false, t, sizeof(t));
		for (rest = strchr(t, ' '); rest && *rest == ' '; rest++)
			;
		json_str(j, "action", e->r.permit ? "permit" : "deny");
		json_str(j, "entry", rest ? rest : "");
		json_bool(j, "log", e->r.log);
		if (e->r.trange[0]) {
			json_str(j, "time_range", e->r.trange);
			json_bool(j, "time_range_active", trange_state(sh, e->r.trange) > 0);
		}
		json_uint(j, "matches", sh->router ? router_acl_matches(sh->router, a->v6, a->name, e->r.seq) : 0);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_end(j, '}');
}

/* [no] ip access-list log-update threshold N (a 'log' entry's flow is
 * logged again as soon as N more packets came, as well as every 5
 * minutes); [no] ip access-list logging interval MS (at most one access
 * list log line every MS milliseconds).  IOS: 0-2147483647 each. */
static int cmd_log_setting(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	bool interval = strstr(cmd, "logging interval") != NULL;
	long n = 0;

	if (strncmp(cmd, "no ", 3)) {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 0, 2147483647)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
	}
	*(interval ? &sh->conf.acl_log_interval : &sh->conf.acl_log_threshold) = (uint32_t)n;
	if (sh->router)
		(interval ? router_acl_log_interval : router_acl_log_threshold)(sh->router, (uint32_t)n);
	return CLI_OK;
}

/* show access-lists [NAME] (both families, as IOS), show ip access-lists
 * [N | NAME], show ipv6 access-list [NAME] */
static int cmd_show_acls(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_conf *c = &sh->conf;
	int fam = strstr(cmd, "ipv6 ") ? 6 : strstr(cmd, "ip ") ? 4 : 0;
	unsigned long long over;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "access_lists", '[');
		for (const struct shell_acl *a = c->acls; a; a = a->next)
			if ((!fam || fam == (a->v6 ? 6 : 4)) && (!argc || !strcmp(a->name, argv[0])))
				acl_json(sh, &j, a);
		json_end(&j, ']');
		json_uint(&j, "log_flows_limit", ACL_LOG_FLOWS);
		json_uint(&j, "log_unfollowed", sh->router ? router_acl_log_overflow(sh->router) : 0);
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	for (const struct shell_acl *a = c->acls; a; a = a->next)
		if ((!fam || fam == (a->v6 ? 6 : 4)) && (!argc || !strcmp(a->name, argv[0])))
			acl_show(cli, a);
	if (!argc && sh->router && (over = (unsigned long long)router_acl_log_overflow(sh->router)))
		cli_print(cli, "Access list logging: %llu packets logged on their own (more than %d flows)", over,
			  ACL_LOG_FLOWS);
	return CLI_OK;
}

/* clear [ip] access-list counters [N | NAME], clear ipv6 access-list
 * [NAME] */
static int cmd_clear_counters(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	bool v6 = strstr(cmd, "ipv6 ") != NULL;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc && !acl_find(&sh->conf, argv[0], v6))
		return shell_err(cli, "%% Access list %s does not exist", argv[0]);
	if (sh->router)
		router_acl_clear(sh->router, v6, argc ? argv[0] : NULL);
	return CLI_OK;
}

/* ------------------------------------------------------------ interfaces */

static struct iface *acl_iface(struct cli_def *cli, struct router **rp)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct iface *ifp;

	if (!(*rp = shell_router(cli)))
		return NULL;
	if (!(ifp = iface_find(*rp, s->ifname)))
		shell_err(cli, "%% Interface %s no longer exists", s->ifname);
	return ifp;
}

/* in | out at argv[i]: 0, 1, or -1 with the error printed. */
static int dir_arg(struct cli_def *cli, char **argv, int argc, int i)
{
	static const char *const dirs[] = { "in", "out" };
	int k;

	if (i >= argc)
		return shell_err_incomplete(cli), -1;
	if ((k = shell_kw_pick(argv, i, dirs, 2)) < 0)
		return shell_err_invalid(cli, i), -1;
	return k;
}

/* ip access-group {N | NAME} {in | out}, ipv6 traffic-filter NAME {in |
 * out}: the list filters the packets arriving on the interface, or those
 * forwarded out of it (acl.h). */
static int cmd_access_group(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool v6 = strstr(cmd, "traffic-filter") != NULL;
	struct router *r;
	struct iface *ifp;
	int d;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (v6 ? strlen(argv[0]) >= SHELL_ACL_NAME : !acl_name_ok(argv[0], 0))
		return shell_err_invalid(cli, 0);
	if ((d = dir_arg(cli, argv, argc, 1)) < 0)
		return CLI_ERROR;
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(ifp = acl_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_access_group(r, ifp, v6, d == 1, argv[0]);
	return CLI_OK;
}

/* no ip access-group [N | NAME] {in | out}, no ipv6 traffic-filter [NAME]
 * {in | out} */
static int cmd_no_access_group(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool v6 = strstr(cmd, "traffic-filter") != NULL;
	struct router *r;
	struct iface *ifp;
	int d, i = argc > 1 ? 1 : 0;

	if ((d = dir_arg(cli, argv, argc, i)) < 0)
		return CLI_ERROR;
	if (argc > i + 1)
		return shell_err_invalid(cli, i + 1);
	if (!(ifp = acl_iface(cli, &r)))
		return CLI_ERROR;
	if (i && strcmp(iface_access_group(ifp, v6, d == 1), argv[0]))
		return CLI_OK;	/* another list: nothing to remove */
	iface_set_access_group(r, ifp, v6, d == 1, NULL);
	return CLI_OK;
}

static void acl_write_if(struct shell *sh, const char *ifname, FILE *f)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;

	for (int v6 = 0; ifp && v6 < 2; v6++)
		for (int d = 0; d < 2; d++)
			if (iface_access_group(ifp, v6, d)[0])
				fprintf(f, " %s %s %s\n", v6 ? "ipv6 traffic-filter" : "ip access-group",
					iface_access_group(ifp, v6, d), d ? "out" : "in");
}

static void acl_default_if(struct shell *sh, const char *ifname)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;

	for (int v6 = 0; ifp && v6 < 2; v6++)
		for (int d = 0; d < 2; d++)
			iface_set_access_group(sh->router, ifp, v6, d, NULL);
}

/* ------------------------------------------------------------ commands */

static const char std_help[] =
	"<1-99>\tIP standard access list\n"
	"<100-199>\tIP extended access list\n"
	"<1300-1999>\tIP standard access list (expanded range)\n"
	"<2000-2699>\tIP extended access list (expanded range)\n"
	"permit\tSpecify packets to forward\n"
	"deny\tSpecify packets to reject\n"
	"remark\tAccess list entry comment\n"
	"any\tAny source host\n"
	"host\tA single host address\n"
	"A.B.C.D\tHost address\n"
	"A.B.C.D\tAddress to match\n"
	"A.B.C.D\tWildcard bits\n"
	"log\tLog matches against this entry\n"
	"LINE\tComment up to 100 characters";
/*
 * The extended entries' grammars for '?' (cli/syntax.h), a branch per
 * protocol: ports after TCP and UDP (SCTP for IPv6) only, 'established'
 * after TCP's, a type and code after ICMP's; then the qualifiers.  A
 * placeholder's k-th occurrence takes the k-th help line of its name, so
 * the help is written in the grammar's order: the address lines once per
 * branch, source then destination.
 */
#define ACL_PORTS " [{eq | neq | lt | gt} PORT | range PORT PORT]"
#define ACL_SRC4 "{any | host A.B.C.D | A.B.C.D A.B.C.D | object-group WORD}"
#define ACL_SRC6 "{any | host X:X:X:X::X | X:X:X:X::X/<0-128> | object-group WORD}"
#define ACL_ICMP " [ICMP | <0-255> [<0-255>]]"
#define ACL_FLAGS "{+ack | -ack | +fin | -fin | +psh | -psh | +rst | -rst | +syn | -syn | +urg | -urg}"
#define ACL_TCP " [established | {ack | fin | psh | rst | syn | urg}... | {match-all | match-any} " ACL_FLAGS "...]"
static const char acl_kw_help[] =
	"permit\tSpecify packets to forward\n"
	"deny\tSpecify packets to reject\n"
	"remark\tAccess list entry comment\n"
	"tcp\tTransmission Control Protocol\nudp\tUser Datagram Protocol\n"
	"eq\tMatch only packets on a given port number\nneq\tMatch only packets not on a given port number\n"
	"lt\tMatch only packets with a lower port number\ngt\tMatch only packets with a greater port number\n"
	"range\tMatch only packets in the range of port numbers\nPORT\tPort number or name\n"
	"established\tMatch established connections\n"
	"ack\tMatch on the ACK bit\nfin\tMatch on the FIN bit\npsh\tMatch on the PSH bit\n"
	"rst\tMatch on the RST bit\nsyn\tMatch on the SYN bit\nurg\tMatch on the URG bit\n"
	"match-all\tMatch if all specified flags are present\nmatch-any\tMatch if any specified flag is present\n"
	"+ack\tMatch on the ACK bit\n-ack\tMatch on the ACK bit\n+fin\tMatch on the FIN bit\n"
	"-fin\tMatch on the FIN bit\n+psh\tMatch on the PSH bit\n-psh\tMatch on the PSH bit\n"
	"+rst\tMatch on the RST bit\n-rst\tMatch on the RST bit\n+syn\tMatch on the SYN bit\n"
	"-syn\tMatch on the SYN bit\n+urg\tMatch on the URG bit\n-urg\tMatch on the URG bit\n"
	"dscp\tMatch packets with given dscp value\nVALUE\tA number or one of its names\n"
	"fragments\tCheck non-initial fragments\n"
	"log\tLog matches against this entry\n"
	"log-input\tLog matches against this entry, including input interface\n"
	"time-range\tSpecify a time-range\n"
	"object-group\tObject group\n"
	"LINE\tComment up to 100 characters\n";

static char ext_syntax[2048], ext_help[4096], num_help[4608], v6_syntax[2048], v6_help[4096];

/* The grammars and their help, once at registration. */
static void acl_grammars(void)
{
	static const char addr4[] =
		"A.B.C.D\tSource host address\nA.B.C.D\tSource address\nA.B.C.D\tSource wildcard bits\n"
		"WORD\tSource object group name\n"
		"A.B.C.D\tDestination host address\nA.B.C.D\tDestination address\n"
		"A.B.C.D\tDestination wildcard bits\nWORD\tDestination object group name\n";
	static const char addr6[] = "WORD\tSource object group name\nWORD\tDestination object group name\n";
	/* The port operators' help again (their first four uses: the TCP and
	 * UDP ports), then the TTL's (their fifth). */
	static const char ops4[] =
		"eq\tMatch only packets on a given port number\nneq\tMatch only packets not on a given port number\n"
		"lt\tMatch only packets with a lower port number\ngt\tMatch only packets with a greater port number\n"
		"range\tMatch only packets in the range of port numbers\n";
	static const char ttl_ops[] =
		"eq\tMatch only packets with a given TTL value\nneq\tMatch only packets not with a given TTL value\n"
		"lt\tMatch only packets with a lower TTL value\ngt\tMatch only packets with a greater TTL value\n"
		"range\tMatch only packets in the range of TTL values\n";
	size_t n;

	snprintf(ext_syntax, sizeof(ext_syntax),
		 "{permit | deny} {{ip | <0-255> | object-group WORD} %s %s | tcp %s%s %s%s%s | "
		 "udp %s%s %s%s | icmp %s %s%s} [{dscp | precedence | tos} VALUE] [ttl {eq | neq | lt | gt} <0-255> | "
		 "ttl range <0-255> <0-255>] [fragments] [log | log-input] [time-range WORD]", ACL_SRC4, ACL_SRC4,
		 ACL_SRC4, ACL_PORTS, ACL_SRC4, ACL_PORTS, ACL_TCP, ACL_SRC4, ACL_PORTS, ACL_SRC4, ACL_PORTS, ACL_SRC4,
		 ACL_SRC4, ACL_ICMP);
	n = (size_t)snprintf(ext_help, sizeof(ext_help),
			     "%sip\tAny Internet Protocol\nicmp\tInternet Control Message Protocol\n"
			     "<0-255>\tAn IP protocol number\nWORD\tService object group name\n"
			     "any\tAny host\nhost\tA single host address\n%s%s%s%s"
			     "ICMP\tICMP message type name\n<0-255>\tICMP message type\n<0-255>\tICMP message code\n"
			     "ttl\tMatch packets with given TTL value\n<0-255>\tTTL value\n<0-255>\tTTL value\n"
			     "<0-255>\tTTL value\n%s%s%s%s"
			     "precedence\tMatch packets with given precedence value\n"
			     "tos\tMatch packets with given TOS value\nWORD\tTime-range entry name\n",
			     acl_kw_help, addr4, addr4, addr4, addr4, ops4, ops4, ops4, ttl_ops);
	/* The numbered lists' command: the standard entry's addresses come
	 * first in its grammar, and the list numbers. */
	snprintf(num_help, sizeof(num_help),
		 "<1-99>\tIP standard access list\n<100-199>\tIP extended access list\n"
		 "<1300-1999>\tIP standard access list (expanded range)\n"
		 "<2000-2699>\tIP extended access list (expanded range)\n"
		 "A.B.C.D\tSource host address\nA.B.C.D\tSource address\nA.B.C.D\tSource wildcard bits\n%s",
		 ext_help);
	(void)n;
	snprintf(v6_syntax, sizeof(v6_syntax),
		 "{permit | deny} {{ipv6 | esp | ahp | <0-255>} %s %s | tcp %s%s %s%s%s | "
		 "{udp | sctp} %s%s %s%s | icmp %s %s%s} [dscp VALUE] [fragments] [log | log-input] "
		 "[time-range WORD] [sequence <1-2147483647>]", ACL_SRC6, ACL_SRC6, ACL_SRC6, ACL_PORTS, ACL_SRC6,
		 ACL_PORTS, ACL_TCP, ACL_SRC6, ACL_PORTS, ACL_SRC6, ACL_PORTS, ACL_SRC6, ACL_SRC6, ACL_ICMP);
	snprintf(v6_help, sizeof(v6_help),
		 "%ssequence\tSequence number for this entry\n"
		 "ipv6\tAny IPv6\nicmp\tInternet Control Message Protocol\n"
		 "sctp\tStream Control Transmission Protocol\n"
		 "esp\tEncapsulation Security Payload\nahp\tAuthentication Header Protocol\n"
		 "<0-255>\tAn IPv6 upper-layer protocol number\n"
		 "any\tAny prefix\nhost\tA single host address\n"
		 "X:X:X:X::X\tIPv6 host address\nX:X:X:X::X/<0-128>\tIPv6 prefix x:x::y/<z>\n%s%s%s%s"
		 "ICMP\tICMPv6 message type name\n<0-255>\tICMPv6 message type\n<0-255>\tICMPv6 message code\n"
		 "WORD\tTime-range entry name\n<1-2147483647>\tSequence number\n",
		 acl_kw_help, addr6, addr6, addr6, addr6);
}
#define STD_SYNTAX "{permit | deny} {any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]"
#define EXT_SYNTAX ext_syntax
#define V6_SYNTAX v6_syntax

static void nacl_cmds(struct cli_def *cli, int M, const char *help, const char *syntax)
{
	const int P = SHELL_PRIV_ENABLE;
	const char *seqw = M == SHELL_ACL_V6 ? "sequence" : "<1-2147483647>";
	struct cli_command *c, *no;
	char seq[4096];
	const char *rest = strchr(syntax, '}') + 1;	/* after '{permit | deny}' */

	c = shell_cmd(cli, NULL, "permit", cmd_nacl_action, P, M, "Specify packets to forward");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, rest + 1);
	c = shell_cmd(cli, NULL, "deny", cmd_nacl_action, P, M, "Specify packets to reject");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, rest + 1);
	c = shell_cmd(cli, NULL, "remark", cmd_nacl_action, P, M, "Access list entry comment");
	shell_arghelp(cli, c, "LINE\tComment up to 100 characters");
	shell_syntax(cli, c, "LINE");
	c = shell_cmd(cli, NULL, seqw, cmd_nacl_seq, P, M, "Sequence Number");
	shell_arghelp(cli, c, help);
	snprintf(seq, sizeof(seq), "<1-2147483647> {%s | remark LINE}", syntax);
	shell_syntax(cli, c, seq);
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, seqw, cmd_no_nacl, P, M, "Sequence Number");
	shell_syntax(cli, c, "<1-2147483647>");
	c = shell_cmd(cli, no, "permit", cmd_no_nacl, P, M, "Specify packets to forward");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, rest + 1);
	c = shell_cmd(cli, no, "deny", cmd_no_nacl, P, M, "Specify packets to reject");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, rest + 1);
	c = shell_cmd(cli, no, "remark", cmd_no_nacl, P, M, "Access list entry comment");
	shell_syntax(cli, c, "LINE");
}

static const char group_help[] =
	"<1-199>\tIP access list (standard or extended)\n"
	"<1300-2699>\tIP expanded access list (standard or extended)\n"
	"WORD\tAccess-list name\nin\tinbound packets\nout\toutbound packets";

static void acl_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, U = SHELL_PRIV_USER;
	struct cli_command *c, *ip, *no, *show, *acl;
	static const char names_help[] =
		"<1-99>\tStandard IP access-list number\n"
		"<1300-1999>\tStandard IP access-list number (expanded range)\n"
		"<100-199>\tExtended IP access-list number\n"
		"<2000-2699>\tExtended IP access-list number (expanded range)\n"
		"WORD\tAccess-list name";
	char num[4096];

	acl_grammars();
	c = shell_cmd(cli, NULL, "access-list", cmd_access_list, P, G, "Add an access list entry");
	shell_arghelp(cli, c, num_help);
	snprintf(num, sizeof(num), "{<1-99> | <1300-1999>} {" STD_SYNTAX " | remark LINE} | "
		 "{<100-199> | <2000-2699>} {%s | remark LINE}", EXT_SYNTAX);
	shell_syntax(cli, c, num);
	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	acl = shell_node(cli, ip, "access-list", P, G, "Named access list");
	c = shell_cmd(cli, acl, "standard", cmd_ip_acl, P, G, "Standard Access List");
	shell_arghelp(cli, c, names_help);
	shell_syntax(cli, c, "{<1-99> | <1300-1999> | WORD}");
	c = shell_cmd(cli, acl, "extended", cmd_ip_acl, P, G, "Extended Access List");
	shell_arghelp(cli, c, names_help);
	shell_syntax(cli, c, "{<100-199> | <2000-2699> | WORD}");
	c = shell_cmd(cli, acl, "resequence", cmd_resequence, P, G, "Resequence Access List");
	shell_arghelp(cli, c, "<1-199>\tIP access list\n<1300-2699>\tIP expanded access list\n"
		      "WORD\tAccess-list name\n<1-2147483647>\tStarting Sequence Number\n"
		      "<1-2147483647>\tStep to increment the sequence number");
	shell_syntax(cli, c, "{<1-199> | <1300-2699> | WORD} <1-2147483647> <1-2147483647>");
	c = shell_node(cli, acl, "log-update", P, G, "Control access list log updates");
	c = shell_cmd(cli, c, "threshold", cmd_log_setting, P, G, "Set access list logging threshold");
	shell_arghelp(cli, c, "<0-2147483647>\tThe access list log-update threshold (number of hits)");
	shell_syntax(cli, c, "<0-2147483647>");
	c = shell_node(cli, acl, "logging", P, G, "Control access list logging");
	c = shell_cmd(cli, c, "interval", cmd_log_setting, P, G, "Set access list logging interval");
	shell_arghelp(cli, c, "<0-2147483647>\tAccess list logging interval (milliseconds)");
	shell_syntax(cli, c, "<0-2147483647>");

	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "access-list", cmd_no_access_list, P, G, "Add an access list entry");
	shell_arghelp(cli, c, names_help);
	shell_syntax(cli, c, "{<1-99> | <100-199> | <1300-1999> | <2000-2699>} [LINE]");
	ip = shell_node(cli, no, "ip", P, G, "Global IP configuration subcommands");
	acl = shell_node(cli, ip, "access-list", P, G, "Named access list");
	c = shell_cmd(cli, acl, "standard", cmd_no_ip_acl, P, G, "Standard Access List");
	shell_arghelp(cli, c, names_help);
	shell_syntax(cli, c, "{<1-99> | <1300-1999> | WORD}");
	c = shell_cmd(cli, acl, "extended", cmd_no_ip_acl, P, G, "Extended Access List");
	shell_arghelp(cli, c, names_help);
	shell_syntax(cli, c, "{<100-199> | <2000-2699> | WORD}");
	c = shell_node(cli, acl, "log-update", P, G, "Control access list log updates");
	c = shell_cmd(cli, c, "threshold", cmd_log_setting, P, G, "Set access list logging threshold");
	shell_syntax(cli, c, "[<0-2147483647>]");
	c = shell_node(cli, acl, "logging", P, G, "Control access list logging");
	c = shell_cmd(cli, c, "interval", cmd_log_setting, P, G, "Set access list logging interval");
	shell_syntax(cli, c, "[<0-2147483647>]");

	nacl_cmds(cli, SHELL_ACL_STD, std_help, STD_SYNTAX);
	nacl_cmds(cli, SHELL_ACL_EXT, ext_help, EXT_SYNTAX);
	nacl_cmds(cli, SHELL_ACL_V6, v6_help, V6_SYNTAX);
	ip = shell_node(cli, NULL, "ipv6", P, G, "Global IPv6 configuration commands");
	c = shell_cmd(cli, ip, "access-list", cmd_ipv6_acl, P, G, "Configure access lists");
	shell_arghelp(cli, c, "WORD\tUser selected string identifying this access list");
	shell_syntax(cli, c, "WORD");
	c = shell_cmd(cli, c, "resequence", cmd_resequence, P, G, "Resequence Access List");
	shell_arghelp(cli, c, "WORD\tAccess-list name\n<1-2147483647>\tStarting Sequence Number\n"
		      "<1-2147483647>\tStep to increment the sequence number");
	shell_syntax(cli, c, "WORD <1-2147483647> <1-2147483647>");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ipv6", P, G, "Global IPv6 configuration commands");
	c = shell_cmd(cli, ip, "access-list", cmd_no_ip_acl, P, G, "Configure access lists");
	shell_arghelp(cli, c, "WORD\tUser selected string identifying this access list");
	shell_syntax(cli, c, "WORD");

	ip = shell_node(cli, NULL, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "access-group", cmd_access_group, P, SHELL_CONFIG_IF, "Specify access control for packets");
	shell_arghelp(cli, c, group_help);
	shell_syntax(cli, c, "{<1-199> | <1300-2699> | WORD} {in | out}");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG_IF, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "access-group", cmd_no_access_group, P, SHELL_CONFIG_IF,
		      "Specify access control for packets");
	shell_arghelp(cli, c, group_help);
	shell_syntax(cli, c, "[<1-199> | <1300-2699> | WORD] {in | out}");
	ip = shell_node(cli, NULL, "ipv6", P, SHELL_CONFIG_IF, "IPv6 interface subcommands");
	c = shell_cmd(cli, ip, "traffic-filter", cmd_access_group, P, SHELL_CONFIG_IF,
		      "Access control list for packets");
	shell_arghelp(cli, c, "WORD\tAccess-list name\nin\tinbound packets\nout\toutbound packets");
	shell_syntax(cli, c, "WORD {in | out}");
	ip = shell_node(cli, no, "ipv6", P, SHELL_CONFIG_IF, "IPv6 interface subcommands");
	c = shell_cmd(cli, ip, "traffic-filter", cmd_no_access_group, P, SHELL_CONFIG_IF,
		      "Access control list for packets");
	shell_arghelp(cli, c, "WORD\tAccess-list name\nin\tinbound packets\nout\toutbound packets");
	shell_syntax(cli, c, "[WORD] {in | out}");

	show = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "access-lists", cmd_show_acls, U, SHELL_EXEC, "List access lists");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
	shell_json_ok(cli, c);
	ip = shell_node(cli, show, "ip", U, SHELL_EXEC, "IP information");
	c = shell_cmd(cli, ip, "access-lists", cmd_show_acls, U, SHELL_EXEC, "List IP access lists");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
	shell_json_ok(cli, c);
	ip = shell_node(cli, show, "ipv6", U, SHELL_EXEC, "IPv6 information");
	c = shell_cmd(cli, ip, "access-list", cmd_show_acls, U, SHELL_EXEC, "Summary of access lists");
	shell_arghelp(cli, c, "WORD\tName of access list");
	shell_syntax(cli, c, "[WORD]");
	shell_json_ok(cli, c);
	no = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	acl = shell_node(cli, no, "access-list", P, SHELL_EXEC, "Clear access list statistical information");
	c = shell_cmd(cli, acl, "counters", cmd_clear_counters, P, SHELL_EXEC, "Clear access list counters");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
	ip = shell_node(cli, no, "ipv6", P, SHELL_EXEC, "IPv6");
	c = shell_cmd(cli, ip, "access-list", cmd_clear_counters, P, SHELL_EXEC, "Clear access list counters");
	shell_arghelp(cli, c, "WORD\tName of access list (optional)");
	shell_syntax(cli, c, "[WORD]");
}

const struct shell_feature shell_feature_acl = {
	.name = "acl",
	.cmds = acl_cmds,
	.write = acl_write,
	.write_if = acl_write_if,
	.default_if = acl_default_if,
};

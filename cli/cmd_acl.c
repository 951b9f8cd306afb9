/*
 * DOC: standard IPv4 access lists: 'access-list N ...', 'ip access-list
 * standard NAME', 'show [ip] access-lists', 'clear access-list counters';
 * what 'access-class LIST in' on a vty line (cmd_line.c, vty.c) checks
 *
 * As IOS: a list is numbered (1-99, 1300-1999) or named, and holds
 * entries in sequence order, each 'permit' or 'deny' of a source: 'any',
 * 'host A', 'A' alone (a host too) or 'A WILDCARD' (the address is kept
 * without its wildcard bits: 'permit 10.1.1.5 0.0.0.255' is 10.1.1.0).
 * The first entry that matches decides, and counts the match; nothing
 * matching denies.  'log' on an entry logs each address it matches
 * (%SEC-6-IPACCESSLOGS, rate-limited).  An entry without a sequence
 * number comes 10 after the last; 'ip access-list standard' mode takes
 * 'SEQ permit ...' (IOS-XE prints them so) and 'no SEQ'.  'remark TEXT'
 * lines are kept in place and match nothing.  A list that does not exist
 * permits everything (IOS).
 *
 * The running-config prints numbered lists as 'access-list N ...' lines
 * and named ones as a block with sequence numbers, as IOS-XE; 'show
 * access-lists' prints IOS's layout with the match counts.  At most
 * SHELL_ACLS_MAX lists and SHELL_ACES_MAX entries in all.  The router
 * applies and counts them (src/router/acl.h: each change hands it the
 * list's rules): 'ip access-group LIST in|out' on an interface filters
 * packets by source address, 'access-class LIST in' on the vty lines
 * disconnects a telnet client before the password prompt.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acl.h"
#include "iface.h"
#include "log.h"
#include "router.h"
#include "shell.h"

#define ACL_SEQ_STEP	10
#define ACL_SEQ_MAX	2147483647u

static bool acl_numbered(const char *name, unsigned *num)
{
	unsigned long v;
	char *end;

	if (!*name || strspn(name, "0123456789") != strlen(name) || strlen(name) > 5)
		return false;
	v = strtoul(name, &end, 10);
	if (!((v >= 1 && v <= 99) || (v >= 1300 && v <= 1999)))
		return false;
	*num = (unsigned)v;
	return true;
}

static struct shell_acl *acl_find(struct shell_conf *c, const char *name)
{
	for (struct shell_acl *a = c->acls; a; a = a->next)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* Numbered lists by number, then named ones by name. */
static bool acl_before(const struct shell_acl *a, const struct shell_acl *b)
{
	if (a->number && b->number)
		return a->number < b->number;
	if (a->number || b->number)
		return a->number != 0;
	return strcmp(a->name, b->name) < 0;
}

static int acl_push(struct shell *sh, const struct shell_acl *a);

static struct shell_acl *acl_get(struct cli_def *cli, struct shell_conf *c, const char *name)
{
	struct shell_acl *a = acl_find(c, name), **pp;

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
	if (!acl_numbered(name, &a->number))
		a->number = 0;
	for (pp = &c->acls; *pp && acl_before(*pp, a); pp = &(*pp)->next)
		;
	a->next = *pp;
	*pp = a;
	c->nacls++;
	acl_push(shell_sess_of(cli)->sh, a);	/* empty: it permits (acl.h) */
	return a;
}

/* The list's match rules to the router, which applies and counts them
 * (src/router/acl.h); its remarks stay here. */
static int acl_push(struct shell *sh, const struct shell_acl *a)
{
	struct acl_rule *v;
	unsigned n = 0;
	int rc;

	if (!sh->router)
		return 0;
	if (!(v = calloc(a->n ? a->n : 1, sizeof(*v))))
		return -1;
	for (unsigned i = 0; i < a->n; i++) {
		if (a->v[i].remark)
			continue;
		v[n++] = (struct acl_rule){ .seq = a->v[i].seq, .addr = a->v[i].addr, .wild = a->v[i].wild,
					    .permit = a->v[i].permit, .log = a->v[i].log };
	}
	rc = router_acl_set(sh->router, a->name, v, n);
	free(v);
	return rc;
}

static void acl_free(struct shell_conf *c, struct shell_acl *a)
{
	for (unsigned i = 0; i < a->n; i++)
		free(a->v[i].remark);
	c->naces -= a->n;
	free(a->v);
	free(a);
}

static void acl_del(struct shell *sh, const char *name)
{
	struct shell_conf *c = &sh->conf;

	if (sh->router)
		router_acl_del(sh->router, name);
	for (struct shell_acl **pp = &c->acls; *pp; pp = &(*pp)->next) {
		if (!strcmp((*pp)->name, name)) {
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
	return x->permit == y->permit && x->addr == y->addr && x->wild == y->wild && x->log == y->log;
}

/* Adds e at sequence e->seq (0: after the last); e->remark is taken. */
static int ace_add(struct cli_def *cli, struct shell_conf *c, struct shell_acl *a, struct shell_ace *e)
{
	unsigned i;

	for (i = 0; i < a->n; i++) {
		if (ace_same(&a->v[i], e) && (!e->seq || e->seq == a->v[i].seq)) {
			free(e->remark);
			return CLI_OK;	/* as IOS: the same entry again changes nothing */
		}
		if (e->seq && a->v[i].seq == e->seq) {
			free(e->remark);
			return shell_err(cli, "%% Duplicate sequence number");
		}
	}
	if (!e->seq) {
		unsigned last = a->n ? a->v[a->n - 1].seq : 0;

		if (last > ACL_SEQ_MAX - ACL_SEQ_STEP) {
			free(e->remark);
			return shell_err(cli, "%% Exceeded maximum sequence number.");
		}
		e->seq = last + ACL_SEQ_STEP;
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
	for (i = a->n; i > 0 && a->v[i - 1].seq > e->seq; i--)
		a->v[i] = a->v[i - 1];
	a->v[i] = *e;
	a->n++;
	c->naces++;
	if (acl_push(shell_sess_of(cli)->sh, a) == -1)
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

static bool ipv4_word(const char *w, uint32_t *a)
{
	struct in_addr ia;

	if (inet_pton(AF_INET, w, &ia) != 1)
		return false;
	*a = ntohl(ia.s_addr);
	return true;
}

/*
 * [{permit | deny}] {any | host A | A [WILDCARD]} [log] from argv[i]: the
 * action word first unless given in act (0 permit, 1 deny: the command's
 * own word); the entry in e.  CLI_OK, or an error printed.
 */
static int ace_parse(struct cli_def *cli, char **argv, int argc, int i, int act, struct shell_ace *e)
{
	static const char *const acts[] = { "permit", "deny" };
	static const char *const src[] = { "any", "host" };
	int k;

	memset(e, 0, sizeof(*e));
	if (act < 0) {
		if (i >= argc)
			return shell_err_incomplete(cli);
		if ((act = shell_kw_pick(argv, i, acts, 2)) < 0)
			return shell_err_invalid(cli, i);
		i++;
	}
	e->permit = act == 0;
	if (i >= argc)
		return shell_err_incomplete(cli);
	if (ipv4_word(argv[i], &e->addr)) {
		i++;
		if (i < argc && ipv4_word(argv[i], &e->wild))
			i++;
	} else if ((k = shell_kw_pick(argv, i, src, 2)) == 0) {
		e->wild = 0xffffffffu;
		i++;
	} else if (k == 1) {
		if (++i >= argc)
			return shell_err_incomplete(cli);
		if (!ipv4_word(argv[i], &e->addr))
			return shell_err_invalid(cli, i);
		i++;
	} else {
		return shell_err_invalid(cli, i);
	}
	e->addr &= ~e->wild;
	if (i < argc && strlen(argv[i]) <= 3 && !strncasecmp(argv[i], "log", strlen(argv[i]))) {
		e->log = true;
		i++;
	}
	if (i < argc)
		return shell_err_invalid(cli, i);
	return CLI_OK;
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

/* access-list <1-99 | 1300-1999> {permit | deny} SOURCE [log] | remark TEXT */
static int cmd_access_list(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	struct shell_acl *a;
	struct shell_ace e;
	unsigned num;
	int rc;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!acl_numbered(argv[0], &num))
		return shell_err_invalid(cli, 0);
	if (argc > 1 && strlen(argv[1]) <= 6 && !strncasecmp(argv[1], "remark", strlen(argv[1])))
		rc = remark_parse(cli, argv, argc, 2, &e);
	else
		rc = ace_parse(cli, argv, argc, 1, -1, &e);
	if (rc != CLI_OK)
		return rc;
	if (!(a = acl_get(cli, c, argv[0]))) {
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
	if (!acl_numbered(argv[0], &num))
		return shell_err_invalid(cli, 0);
	acl_del(shell_sess_of(cli)->sh, argv[0]);
	return CLI_OK;
}

static bool acl_name_ok(const char *name)
{
	unsigned num;

	/* A name may not read as a number outside the standard ranges
	 * (an extended list's, which lispr does not have). */
	return strlen(name) < SHELL_ACL_NAME &&
	       (acl_numbered(name, &num) || strspn(name, "0123456789") != strlen(name));
}

/* ip access-list standard {N | NAME}: its mode. */
static int cmd_ip_acl_std(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!acl_name_ok(argv[0]))
		return shell_err_invalid(cli, 0);
	if (!acl_get(cli, &s->sh->conf, argv[0]))
		return CLI_ERROR;
	snprintf(s->acl_edit, sizeof(s->acl_edit), "%s", argv[0]);
	shell_set_mode(cli, SHELL_ACL_STD);
	return CLI_OK;
}

static int cmd_no_ip_acl_std(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	acl_del(shell_sess_of(cli)->sh, argv[0]);
	return CLI_OK;
}

/* ip access-list extended: lispr has standard lists only. */
static int cmd_ip_acl_ext(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return shell_err(cli, "%% lispr has standard access lists only");
}

/* ------------------------------------------------------------ config-std-nacl */

/* The entry a command word of config-std-nacl ('permit', 'deny',
 * 'remark': the last word of cmd) and its arguments write. */
static int nacl_word_parse(struct cli_def *cli, const char *cmd, char **argv, int argc, struct shell_ace *e)
{
	const char *word = strrchr(cmd, ' ') ? strrchr(cmd, ' ') + 1 : cmd;

	if (!strcmp(word, "remark"))
		return remark_parse(cli, argv, argc, 0, e);
	return ace_parse(cli, argv, argc, 0, strcmp(word, "permit") ? 1 : 0, e);
}

/* [SEQ] {permit | deny} SOURCE [log], remark TEXT: argv[0] the sequence
 * number when seq, the action word is in the command name otherwise. */
static int nacl_entry(struct cli_def *cli, const char *cmd, char **argv, int argc, bool seq)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	struct shell_acl *a;
	struct shell_ace e;
	long n = 0;
	int rc;

	if (seq) {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 1, ACL_SEQ_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1 && strlen(argv[1]) <= 6 && !strncasecmp(argv[1], "remark", strlen(argv[1])))
			rc = remark_parse(cli, argv, argc, 2, &e);
		else
			rc = ace_parse(cli, argv, argc, 1, -1, &e);
	} else {
		rc = nacl_word_parse(cli, cmd, argv, argc, &e);
	}
	if (rc != CLI_OK)
		return rc;
	e.seq = (unsigned)n;
	if (!(a = acl_get(cli, c, s->acl_edit))) {
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

/* no SEQ | no {permit | deny} SOURCE [log] | no remark TEXT */
static int cmd_no_nacl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	struct shell_acl *a = acl_find(c, s->acl_edit);
	struct shell_ace e;
	long n = -1;
	int rc;

	if (strstr(cmd, " <")) {	/* no SEQ */
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
		if (n >= 0 ? a->v[i].seq == (unsigned)n : ace_same(&a->v[i], &e)) {
			ace_del_at(s->sh, a, i);
			break;
		}
	}
	free(e.remark);
	return CLI_OK;
}

/* ------------------------------------------------------------ matching */

bool shell_acl_permits(struct shell *sh, const char *name, uint32_t addr)
{
	struct shell_acl *a = name && *name ? acl_find(&sh->conf, name) : NULL;

	/* The router counts every use of its lists in one place. */
	if (sh->router)
		return router_acl_permits(sh->router, name, addr);
	if (!a)
		return true;
	for (unsigned i = 0; i < a->n; i++) {
		struct shell_ace *e = &a->v[i];

		if (e->remark || (addr & ~e->wild) != e->addr)
			continue;
		e->matches++;
		if (e->log) {
			struct in_addr ia = { .s_addr = htonl(addr) };
			char b[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &ia, b, sizeof(b));
			log_event_rl(e, "SEC", LOG_INFO, "IPACCESSLOGS", "list %s %s %s 1 packet", a->name,
				     e->permit ? "permitted" : "denied", b);
		}
		return e->permit;
	}
	return false;
}

/* ------------------------------------------------------------ printing */

static const char *ip4(uint32_t a, char *b)
{
	struct in_addr ia = { .s_addr = htonl(a) };

	return inet_ntop(AF_INET, &ia, b, INET_ADDRSTRLEN);
}

/* The source as the configuration writes it: any, A (a host), A WILD. */
static void src_conf(const struct shell_ace *e, char *buf, size_t len)
{
	char b1[INET_ADDRSTRLEN], b2[INET_ADDRSTRLEN];

	if (e->wild == 0xffffffffu)
		snprintf(buf, len, "any");
	else if (!e->wild)
		snprintf(buf, len, "%s", ip4(e->addr, b1));
	else
		snprintf(buf, len, "%s %s", ip4(e->addr, b1), ip4(e->wild, b2));
}

static void acl_write(struct shell *sh, FILE *f)
{
	char src[64];

	for (struct shell_acl *a = sh->conf.acls; a; a = a->next) {
		if (a->number)
			continue;
		fprintf(f, "ip access-list standard %s\n", a->name);
		for (unsigned i = 0; i < a->n; i++) {
			const struct shell_ace *e = &a->v[i];

			if (e->remark) {
				fprintf(f, " %u remark %s\n", e->seq, e->remark);
				continue;
			}
			src_conf(e, src, sizeof(src));
			fprintf(f, " %u %s %s%s\n", e->seq, e->permit ? "permit" : "deny  ", src, e->log ? " log" : "");
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
			src_conf(e, src, sizeof(src));
			fprintf(f, "access-list %u %s %s%s\n", a->number, e->permit ? "permit" : "deny  ", src,
				e->log ? " log" : "");
		}
	}
}

static unsigned long ace_matches(struct shell *sh, const struct shell_acl *a, const struct shell_ace *e)
{
	return sh->router ? (unsigned long)router_acl_matches(sh->router, a->name, e->seq) : e->matches;
}

static void acl_show(struct cli_def *cli, const struct shell_acl *a)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char b1[INET_ADDRSTRLEN], b2[INET_ADDRSTRLEN], src[80], cnt[48];

	cli_print(cli, "Standard IP access list %s", a->name);
	for (unsigned i = 0; i < a->n; i++) {
		const struct shell_ace *e = &a->v[i];
		unsigned long m;

		if (e->remark)
			continue;
		if (e->wild == 0xffffffffu)
			snprintf(src, sizeof(src), "any");
		else if (!e->wild)
			snprintf(src, sizeof(src), "%s", ip4(e->addr, b1));
		else
			snprintf(src, sizeof(src), "%s, wildcard bits %s", ip4(e->addr, b1), ip4(e->wild, b2));
		cnt[0] = '\0';
		if ((m = ace_matches(sh, a, e)))
			snprintf(cnt, sizeof(cnt), " (%lu match%s)", m, m == 1 ? "" : "es");
		cli_print(cli, "    %u %s %s%s%s", e->seq, e->permit ? "permit" : "deny  ", src, e->log ? " log" : "",
			  cnt);
	}
}

/* show [ip] access-lists [N | NAME] */
static int cmd_show_acls(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	for (const struct shell_acl *a = c->acls; a; a = a->next)
		if (!argc || !strcmp(a->name, argv[0]))
			acl_show(cli, a);
	return CLI_OK;
}

/* clear [ip] access-list counters [N | NAME] */
static int cmd_clear_counters(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc && !acl_find(c, argv[0]))
		return shell_err(cli, "%% Access list %s does not exist", argv[0]);
	for (struct shell_acl *a = c->acls; a; a = a->next)
		if (!argc || !strcmp(a->name, argv[0]))
			for (unsigned i = 0; i < a->n; i++)
				a->v[i].matches = 0;
	if (shell_sess_of(cli)->sh->router)
		router_acl_clear(shell_sess_of(cli)->sh->router, argc ? argv[0] : NULL);
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

/* ip access-group {N | NAME} {in | out}: the list filters the packets
 * arriving on the interface, or those forwarded out of it (acl.h). */
static int cmd_access_group(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	int d;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!acl_name_ok(argv[0]))
		return shell_err_invalid(cli, 0);
	if ((d = dir_arg(cli, argv, argc, 1)) < 0)
		return CLI_ERROR;
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(ifp = acl_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_access_group(r, ifp, d == 1, argv[0]);
	return CLI_OK;
}

/* no ip access-group [N | NAME] {in | out} */
static int cmd_no_access_group(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	int d, i = argc > 1 ? 1 : 0;

	if ((d = dir_arg(cli, argv, argc, i)) < 0)
		return CLI_ERROR;
	if (argc > i + 1)
		return shell_err_invalid(cli, i + 1);
	if (!(ifp = acl_iface(cli, &r)))
		return CLI_ERROR;
	if (i && strcmp(iface_access_group(ifp, d == 1), argv[0]))
		return CLI_OK;	/* another list: nothing to remove */
	iface_set_access_group(r, ifp, d == 1, NULL);
	return CLI_OK;
}

static void acl_write_if(struct shell *sh, const char *ifname, FILE *f)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;

	for (int d = 0; ifp && d < 2; d++)
		if (iface_access_group(ifp, d)[0])
			fprintf(f, " ip access-group %s %s\n", iface_access_group(ifp, d), d ? "out" : "in");
}

static void acl_default_if(struct shell *sh, const char *ifname)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;

	for (int d = 0; ifp && d < 2; d++)
		iface_set_access_group(sh->router, ifp, d, NULL);
}

/* ------------------------------------------------------------ commands */

static const char ace_help[] =
	"<1-99>\tIP standard access list\n"
	"<1300-1999>\tIP standard access list (expanded range)\n"
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

static void acl_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, M = SHELL_ACL_STD, U = SHELL_PRIV_USER;
	struct cli_command *c, *ip, *no, *show, *acl;

	c = shell_cmd(cli, NULL, "access-list", cmd_access_list, P, G, "Add an access list entry");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "{<1-99> | <1300-1999>} {{permit | deny} {any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]"
		     " | remark LINE}");
	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	acl = shell_node(cli, ip, "access-list", P, G, "Named access list");
	c = shell_cmd(cli, acl, "standard", cmd_ip_acl_std, P, G, "Standard Access List");
	shell_arghelp(cli, c, "<1-99>\tStandard IP access-list number\n"
		      "<1300-1999>\tStandard IP access-list number (expanded range)\n"
		      "WORD\tAccess-list name");
	shell_syntax(cli, c, "{<1-99> | <1300-1999> | WORD}");
	c = shell_cmd(cli, acl, "extended", cmd_ip_acl_ext, P, G, "Extended Access List (lispr: not supported)");
	shell_syntax(cli, c, "LINE");

	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "access-list", cmd_no_access_list, P, G, "Add an access list entry");
	shell_arghelp(cli, c, "<1-99>\tIP standard access list\n<1300-1999>\tIP standard access list (expanded range)");
	shell_syntax(cli, c, "{<1-99> | <1300-1999>} [LINE]");
	ip = shell_node(cli, no, "ip", P, G, "Global IP configuration subcommands");
	acl = shell_node(cli, ip, "access-list", P, G, "Named access list");
	c = shell_cmd(cli, acl, "standard", cmd_no_ip_acl_std, P, G, "Standard Access List");
	shell_arghelp(cli, c, "<1-99>\tStandard IP access-list number\n"
		      "<1300-1999>\tStandard IP access-list number (expanded range)\n"
		      "WORD\tAccess-list name");
	shell_syntax(cli, c, "{<1-99> | <1300-1999> | WORD}");

	/* config-std-nacl */
	c = shell_cmd(cli, NULL, "permit", cmd_nacl_action, P, M, "Specify packets to forward");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "{any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]");
	c = shell_cmd(cli, NULL, "deny", cmd_nacl_action, P, M, "Specify packets to reject");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "{any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]");
	c = shell_cmd(cli, NULL, "remark", cmd_nacl_action, P, M, "Access list entry comment");
	shell_arghelp(cli, c, "LINE\tComment up to 100 characters");
	shell_syntax(cli, c, "LINE");
	c = shell_cmd(cli, NULL, "<1-2147483647>", cmd_nacl_seq, P, M, "Sequence Number");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "<1-2147483647> {{permit | deny} {any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]"
		     " | remark LINE}");
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "<1-2147483647>", cmd_no_nacl, P, M, "Sequence Number");
	shell_syntax(cli, c, "<1-2147483647>");
	c = shell_cmd(cli, no, "permit", cmd_no_nacl, P, M, "Specify packets to forward");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "{any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]");
	c = shell_cmd(cli, no, "deny", cmd_no_nacl, P, M, "Specify packets to reject");
	shell_arghelp(cli, c, ace_help);
	shell_syntax(cli, c, "{any | host A.B.C.D | A.B.C.D [A.B.C.D]} [log]");
	c = shell_cmd(cli, no, "remark", cmd_no_nacl, P, M, "Access list entry comment");
	shell_syntax(cli, c, "LINE");

	ip = shell_node(cli, NULL, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "access-group", cmd_access_group, P, SHELL_CONFIG_IF, "Specify access control for packets");
	shell_arghelp(cli, c, "<1-99>\tIP access list (standard)\n<1300-1999>\tIP expanded access list (standard)\n"
		      "WORD\tAccess-list name\nin\tinbound packets\nout\toutbound packets");
	shell_syntax(cli, c, "{<1-99> | <1300-1999> | WORD} {in | out}");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG_IF, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "access-group", cmd_no_access_group, P, SHELL_CONFIG_IF,
		      "Specify access control for packets");
	shell_arghelp(cli, c, "<1-99>\tIP access list (standard)\n<1300-1999>\tIP expanded access list (standard)\n"
		      "WORD\tAccess-list name\nin\tinbound packets\nout\toutbound packets");
	shell_syntax(cli, c, "[<1-99> | <1300-1999> | WORD] {in | out}");

	show = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "access-lists", cmd_show_acls, U, SHELL_EXEC, "List access lists");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
	ip = shell_node(cli, show, "ip", U, SHELL_EXEC, "IP information");
	c = shell_cmd(cli, ip, "access-lists", cmd_show_acls, U, SHELL_EXEC, "List IP access lists");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
	c = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	acl = shell_node(cli, c, "access-list", P, SHELL_EXEC, "Clear access list statistical information");
	c = shell_cmd(cli, acl, "counters", cmd_clear_counters, P, SHELL_EXEC, "Clear access list counters");
	shell_arghelp(cli, c, "WORD\tACL name or number (optional)");
	shell_syntax(cli, c, "[WORD]");
}

const struct shell_feature shell_feature_acl = {
	.name = "acl",
	.cmds = acl_cmds,
	.write = acl_write,
	.write_if = acl_write_if,
	.default_if = acl_default_if,
};

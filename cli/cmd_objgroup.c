/*
 * DOC: object groups: 'object-group network NAME', 'object-group service
 * NAME', 'show object-group'; what 'object-group NAME' in an extended
 * access list entry stands for
 *
 * As IOS: a group holds hosts ('host A'), networks ('A MASK', a network
 * mask, not a wildcard), ranges ('range A B') and other groups
 * ('group-object NAME'), with a 'description'.  An extended IPv4 access
 * list entry takes 'object-group NAME' where an address goes, for the
 * source or the destination (cmd_acl.c); the entry then stands for every
 * address of the group (ranges as the fewest prefixes that make them),
 * and the router gets one rule per combination, all under the entry's
 * sequence number (its count is theirs together).  A service group holds
 * protocols ('ip', a name or number), TCP and UDP ports ('tcp eq www',
 * 'udp source range 1000 2000', 'tcp-udp eq domain': both), ICMP types
 * ('icmp echo') and other service groups; an entry takes one in the
 * protocol's place ('permit object-group WEB any object-group SERVERS'),
 * with no ports of its own.  'object-group v6-network NAME' holds IPv6
 * hosts ('host X:X::X'), prefixes ('X:X::X/LEN') and other such groups,
 * for an IPv6 entry's source or destination.  All kinds share one name
 * space.  A change to a group reaches every list at once.  A group an
 * entry or another group names cannot be removed; a group cannot contain
 * itself, even through others (at most SHELL_OG_DEPTH deep).  The
 * running-config prints the groups before the access lists, each after
 * the groups it names, each item as IOS writes it.  At most SHELL_OGS_MAX
 * groups and SHELL_OG_ITEMS_MAX items in all.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "shell.h"

static struct shell_og *og_find(struct shell_conf *c, const char *name)
{
	for (struct shell_og *g = c->ogs; g; g = g->next)
		if (!strcmp(g->name, name))
			return g;
	return NULL;
}

bool shell_og_exists(struct shell_conf *c, const char *name, bool service)
{
	const struct shell_og *g = og_find(c, name);

	return g && g->service == service && !g->v6;
}

bool shell_og_exists6(struct shell_conf *c, const char *name)
{
	const struct shell_og *g = og_find(c, name);

	return g && g->v6;
}

/* The kind's words: 'network', 'service', 'v6-network'. */
static const char *og_kind(const struct shell_og *g)
{
	return g->v6 ? "v6-network" : g->service ? "service" : "network";
}

/* Does group g name group 'name', itself or through the groups it names? */
static bool og_reaches(struct shell_conf *c, const struct shell_og *g, const char *name, int depth)
{
	if (!g || depth > SHELL_OG_DEPTH)
		return depth > SHELL_OG_DEPTH;	/* too deep: as bad as a loop */
	if (!strcmp(g->name, name))
		return true;
	for (unsigned i = 0; i < g->n; i++)
		if (g->v[i].kind == OGI_GROUP && og_reaches(c, og_find(c, g->v[i].group), name, depth + 1))
			return true;
	return false;
}

/* The prefixes of [lo, hi] (host order), fewest first to last. */
static int range_prefixes(uint32_t lo, uint32_t hi, int (*fn)(void *arg, uint32_t addr, uint32_t wild), void *arg)
{
	uint64_t a = lo;
	int rc;

	while (a <= hi) {
		unsigned bits = 0;

		/* The largest aligned block from a that stays within hi. */
		while (bits < 32 && !(a & ((1ull << (bits + 1)) - 1)) && a + (1ull << (bits + 1)) - 1 <= hi)
			bits++;
		if ((rc = fn(arg, (uint32_t)a, (uint32_t)((1ull << bits) - 1))) != 0)
			return rc;
		a += 1ull << bits;
	}
	return 0;
}

/* Every item of group g but the groups it names, whose items come in
 * their place, to fn; fn's non-zero return stops the walk and is
 * returned; -3 when groups nest deeper than SHELL_OG_DEPTH (the change
 * that did it is refused). */
static int og_walk(struct shell_conf *c, const struct shell_og *g, int depth,
		   int (*fn)(void *arg, const struct shell_og_item *it), void *arg)
{
	int rc = 0;

	if (depth > SHELL_OG_DEPTH)
		return -3;
	if (!g)
		return 0;
	for (unsigned i = 0; i < g->n && !rc; i++) {
		const struct shell_og_item *it = &g->v[i];

		rc = it->kind == OGI_GROUP ? og_walk(c, og_find(c, it->group), depth + 1, fn, arg) : fn(arg, it);
	}
	return rc;
}

/* What the caller of an expansion wants its items as. */
struct og_to {
	int (*net)(void *arg, uint32_t addr, uint32_t wild);
	int (*svc)(void *arg, const struct acl_rule *svc);
	int (*pfx6)(void *arg, const uint8_t *a6, unsigned plen);
	void *arg;
};

static int og_item(void *arg, const struct shell_og_item *it)
{
	const struct og_to *to = arg;
	int rc = 0;

	switch (it->kind) {
	case OGI_HOST:
		return to->net ? to->net(to->arg, it->a, 0) : 0;
	case OGI_NET:
		return to->net ? to->net(to->arg, it->a, ~it->b) : 0;
	case OGI_RANGE:
		return to->net ? range_prefixes(it->a, it->b, to->net, to->arg) : 0;
	case OGI_SVC:
		if (to->svc && !(rc = to->svc(to->arg, &it->svc)) && it->tcpudp) {
			struct acl_rule u = it->svc;

			u.proto = 17;	/* 'tcp-udp': the same for UDP */
			rc = to->svc(to->arg, &u);
		}
		return rc;
	case OGI_PFX6:
		return to->pfx6 ? to->pfx6(to->arg, it->a6, it->plen6) : 0;
	case OGI_GROUP:
		break;	/* og_walk() went into it */
	}
	return 0;
}

int shell_og_expand(struct shell_conf *c, const char *name, int (*fn)(void *arg, uint32_t addr, uint32_t wild),
		    void *arg)
{
	struct og_to to = { .net = fn, .arg = arg };

	return og_walk(c, og_find(c, name), 0, og_item, &to);
}

int shell_og_expand_svc(struct shell_conf *c, const char *name, int (*fn)(void *arg, const struct acl_rule *svc),
			void *arg)
{
	struct og_to to = { .svc = fn, .arg = arg };

	return og_walk(c, og_find(c, name), 0, og_item, &to);
}

int shell_og_expand6(struct shell_conf *c, const char *name, int (*fn)(void *arg, const uint8_t *a6, unsigned plen),
		     void *arg)
{
	struct og_to to = { .pfx6 = fn, .arg = arg };

	return og_walk(c, og_find(c, name), 0, og_item, &to);
}

/* ------------------------------------------------------------ config */

static void og_free(struct shell_conf *c, struct shell_og *g)
{
	c->og_items -= g->n;
	free(g->v);
	free(g->description);
	free(g);
}

void shell_ogs_clear(struct shell_conf *c)
{
	while (c->ogs) {
		struct shell_og *g = c->ogs;

		c->ogs = g->next;
		og_free(c, g);
	}
	c->nogs = 0;
}

/* Is group name named by another group? */
static bool og_named(struct shell_conf *c, const char *name)
{
	for (struct shell_og *g = c->ogs; g; g = g->next)
		for (unsigned i = 0; i < g->n; i++)
			if (g->v[i].kind == OGI_GROUP && !strcmp(g->v[i].group, name))
				return true;
	return false;
}

/* object-group {network | service | v6-network} NAME: its mode. */
static int cmd_og(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	bool service = strstr(cmd, "service") != NULL, v6 = strstr(cmd, "v6-network") != NULL;
	struct shell_og *g, **pp;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) >= SHELL_OG_NAME)
		return shell_err(cli, "%% Object group name longer than %d characters", SHELL_OG_NAME - 1);
	if ((g = og_find(c, argv[0])) && (g->service != service || g->v6 != v6))
		return shell_err(cli, "%% %s is a %s object group", argv[0], og_kind(g));
	if (!g) {
		if (c->nogs >= SHELL_OGS_MAX)
			return shell_err(cli, "%% Too many object groups (%u)", SHELL_OGS_MAX);
		if (!(g = calloc(1, sizeof(*g))))
			return shell_err(cli, "%% Out of memory");
		snprintf(g->name, sizeof(g->name), "%s", argv[0]);
		g->service = service;
		g->v6 = v6;
		for (pp = &c->ogs; *pp && strcmp((*pp)->name, g->name) < 0; pp = &(*pp)->next)
			;
		g->next = *pp;
		*pp = g;
		c->nogs++;
	}
	snprintf(s->og_edit, sizeof(s->og_edit), "%s", argv[0]);
	shell_set_mode(cli, service ? SHELL_OG_SVC : v6 ? SHELL_OG_NET6 : SHELL_OG_NET);
	return CLI_OK;
}

static int cmd_no_og(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_conf *c = &sh->conf;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!og_find(c, argv[0]) || strcmp(og_kind(og_find(c, argv[0])), strrchr(cmd, ' ') + 1))
		return CLI_OK;
	if (shell_acl_uses_og(c, argv[0]) || og_named(c, argv[0]))
		return shell_err(cli, "%% Object group %s is in use", argv[0]);
	for (struct shell_og **pp = &c->ogs; *pp; pp = &(*pp)->next) {
		if (!strcmp((*pp)->name, argv[0])) {
			struct shell_og *g = *pp;

			*pp = g->next;
			og_free(c, g);
			c->nogs--;
			break;
		}
	}
	return CLI_OK;
}

static bool ip_word(const char *w, uint32_t *a)
{
	struct in_addr ia;

	if (inet_pton(AF_INET, w, &ia) != 1)
		return false;
	*a = ntohl(ia.s_addr);
	return true;
}

/* An IPv6 network group's item: 'host X:X::X' or 'X:X::X/LEN' (argv[0],
 * a placeholder command; the address kept without the bits past LEN). */
static int item6_parse(struct cli_def *cli, const char *w, char **argv, int argc, struct shell_og_item *it)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash;
	unsigned long len;
	char *end;

	it->kind = OGI_PFX6;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!strcmp(w, "host")) {
		it->plen6 = 128;
		return inet_pton(AF_INET6, argv[0], it->a6) == 1 ? CLI_OK : shell_err_invalid(cli, 0);
	}
	if (!(slash = strchr(argv[0], '/')) || (size_t)(slash - argv[0]) >= sizeof(buf))
		return shell_err_invalid(cli, 0);
	memcpy(buf, argv[0], (size_t)(slash - argv[0]));
	buf[slash - argv[0]] = '\0';
	len = strtoul(slash + 1, &end, 10);
	if (inet_pton(AF_INET6, buf, it->a6) != 1 || !slash[1] || *end || len > 128)
		return shell_err_invalid(cli, 0);
	it->plen6 = (uint8_t)len;
	for (unsigned b = it->plen6; b < 128; b++)
		it->a6[b / 8] &= (uint8_t)~(0x80u >> (b % 8));
	return CLI_OK;
}

/* An item from the words of the command (cmd's last word first, as the
 * user typed it: 'host', 'range', 'group-object', or an address; in a
 * service group, 'group-object' or a protocol). */
static int item_parse(struct cli_def *cli, const char *cmd, char **argv, int argc, struct shell_og_item *it)
{
	const char *w = strrchr(cmd, ' ') ? strrchr(cmd, ' ') + 1 : cmd;
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	bool service = cli->mode == SHELL_OG_SVC, v6 = cli->mode == SHELL_OG_NET6;

	memset(it, 0, sizeof(*it));
	if (v6 && strcmp(w, "group-object"))
		return item6_parse(cli, w, argv, argc, it);
	if (service && strcmp(w, "group-object")) {
		it->kind = OGI_SVC;
		if (w[0] == '<')	/* <0-255>: the number is argv[0] */
			return argc < 1 ? shell_err_incomplete(cli)
					: shell_acl_svc_parse(cli, argv[0], argv, argc, 1, &it->svc, &it->tcpudp);
		return shell_acl_svc_parse(cli, w, argv, argc, 0, &it->svc, &it->tcpudp);
	}
	if (!strcmp(w, "host")) {
		it->kind = OGI_HOST;
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (!ip_word(argv[0], &it->a))
			return shell_err_invalid(cli, 0);
		return argc > 1 ? shell_err_invalid(cli, 1) : CLI_OK;
	}
	if (!strcmp(w, "range")) {
		it->kind = OGI_RANGE;
		if (argc < 2)
			return shell_err_incomplete(cli);
		if (!ip_word(argv[0], &it->a))
			return shell_err_invalid(cli, 0);
		if (!ip_word(argv[1], &it->b) || it->b < it->a)
			return shell_err_invalid(cli, 1);
		return argc > 2 ? shell_err_invalid(cli, 2) : CLI_OK;
	}
	if (!strcmp(w, "group-object")) {
		it->kind = OGI_GROUP;
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		if (v6 ? !shell_og_exists6(c, argv[0]) : !shell_og_exists(c, argv[0], service))
			return shell_err(cli, "%% %s object group %s does not exist",
					 service ? "Service" : v6 ? "IPv6 network" : "Network", argv[0]);
		snprintf(it->group, sizeof(it->group), "%s", argv[0]);
		return CLI_OK;
	}
	/* A.B.C.D MASK: the address is argv[0] here (a placeholder command). */
	it->kind = OGI_NET;
	if (argc < 2)
		return shell_err_incomplete(cli);
	if (!ip_word(argv[0], &it->a))
		return shell_err_invalid(cli, 0);
	if (!ip_word(argv[1], &it->b) || (it->b & (~it->b >> 1)))	/* contiguous */
		return shell_err_invalid(cli, 1);
	it->a &= it->b;
	return argc > 2 ? shell_err_invalid(cli, 2) : CLI_OK;
}

static bool item_same(const struct shell_og_item *x, const struct shell_og_item *y)
{
	return x->kind == y->kind && x->a == y->a && x->b == y->b && !strcmp(x->group, y->group) &&
	       x->plen6 == y->plen6 && !memcmp(x->a6, y->a6, 16) &&
	       (x->kind != OGI_SVC || (acl_rule_same_match(&x->svc, &y->svc) && x->tcpudp == y->tcpudp));
}

/* An item ('host A', 'A MASK', 'range A B', 'group-object NAME') into
 * the group being edited, or, with 'no', out of it. */
static int cmd_og_item(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	struct shell_og *g = og_find(c, s->og_edit);
	struct shell_og_item it;
	unsigned i;
	int rc;

	if ((rc = item_parse(cli, cmd, argv, argc, &it)) != CLI_OK)
		return rc;
	if (!g)
		return shell_err(cli, "%% Object group %s no longer exists", s->og_edit);
	for (i = 0; i < g->n && !item_same(&g->v[i], &it); i++)
		;
	if (!strncmp(cmd, "no ", 3)) {
		if (i < g->n) {
			memmove(&g->v[i], &g->v[i + 1], (g->n - i - 1) * sizeof(g->v[0]));
			g->n--;
			c->og_items--;
			shell_acls_push_all(s->sh);	/* fewer rules: only memory can fail */
		}
		return CLI_OK;
	}
	if (i < g->n)
		return CLI_OK;	/* there already */
	if (it.kind == OGI_GROUP && og_reaches(c, og_find(c, it.group), g->name, 0))
		return shell_err(cli, "%% Object group %s would contain itself (or nest more than %d deep)", g->name,
				 SHELL_OG_DEPTH);
	if (c->og_items >= SHELL_OG_ITEMS_MAX)
		return shell_err(cli, "%% Too many object group items (%u)", SHELL_OG_ITEMS_MAX);
	if (g->n == g->cap) {
		unsigned cap = g->cap ? 2 * g->cap : 8;
		struct shell_og_item *v = realloc(g->v, cap * sizeof(*v));

		if (!v)
			return shell_err(cli, "%% Out of memory");
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = it;
	c->og_items++;
	if (shell_acls_push_all(s->sh) == -1) {
		/* Not taken: a list it makes too large, or no memory. */
		g->n--;
		c->og_items--;
		shell_acls_push_all(s->sh);
		return shell_err(cli, "%% The lists that name %s would be too large or nest groups too deep "
				 "(or memory ran out)", g->name);
	}
	return CLI_OK;
}

/* description LINE (IOS: up to 200 characters) */
static int cmd_og_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_og *g = og_find(&s->sh->conf, s->og_edit);
	bool no = !strncmp(cmd, "no ", 3);
	size_t len = 1;
	char *t;

	if (!g)
		return shell_err(cli, "%% Object group %s no longer exists", s->og_edit);
	if (no) {
		free(g->description);
		g->description = NULL;
		return CLI_OK;
	}
	if (!argc)
		return shell_err_incomplete(cli);
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (len > 201)
		return shell_err(cli, "%% Description longer than 200 characters");
	if (!(t = calloc(1, len)))
		return shell_err(cli, "%% Out of memory");
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(t, " ");
		strcat(t, argv[i]);
	}
	free(g->description);
	g->description = t;
	return CLI_OK;
}

/* ------------------------------------------------------------ printing */

static const char *ip4(uint32_t a, char *b)
{
	struct in_addr ia = { .s_addr = htonl(a) };

	return inet_ntop(AF_INET, &ia, b, INET_ADDRSTRLEN);
}

static void item_text(const struct shell_og_item *it, char *buf, size_t len)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], a6[INET6_ADDRSTRLEN];

	switch (it->kind) {
	case OGI_HOST:
		snprintf(buf, len, "host %s", ip4(it->a, a));
		break;
	case OGI_NET:
		snprintf(buf, len, "%s %s", ip4(it->a, a), ip4(it->b, b));
		break;
	case OGI_RANGE:
		snprintf(buf, len, "range %s %s", ip4(it->a, a), ip4(it->b, b));
		break;
	case OGI_GROUP:
		snprintf(buf, len, "group-object %s", it->group);
		break;
	case OGI_SVC:
		shell_acl_svc_text(&it->svc, it->tcpudp, buf, len);
		break;
	case OGI_PFX6:
		shell_fmt6(it->a6, a6, sizeof(a6));
		if (it->plen6 == 128)
			snprintf(buf, len, "host %s", a6);
		else
			snprintf(buf, len, "%s/%u", a6, it->plen6);
		break;
	}
}

/* Group g after the groups it names, so that the file reads back. */
static void og_write_one(struct shell_conf *c, struct shell_og *g, FILE *f, int depth)
{
	char t[160];

	if (!g || g->written || depth > SHELL_OG_DEPTH)
		return;
	g->written = true;
	for (unsigned i = 0; i < g->n; i++)
		if (g->v[i].kind == OGI_GROUP)
			og_write_one(c, og_find(c, g->v[i].group), f, depth + 1);
	fprintf(f, "object-group %s %s\n", og_kind(g), g->name);
	if (g->description)
		fprintf(f, " description %s\n", g->description);
	for (unsigned i = 0; i < g->n; i++) {
		item_text(&g->v[i], t, sizeof(t));
		fprintf(f, " %s\n", t);
	}
}

static void og_write(struct shell *sh, FILE *f)
{
	for (struct shell_og *g = sh->conf.ogs; g; g = g->next)
		g->written = false;
	for (struct shell_og *g = sh->conf.ogs; g; g = g->next)
		og_write_one(&sh->conf, g, f, 0);
}

/* show object-group [name NAME] */
static int cmd_show_og(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	char t[160];

	if (argc == 1 || (argc && strncasecmp(argv[0], "name", strlen(argv[0]))))
		return argc == 1 ? shell_err_incomplete(cli) : shell_err_invalid(cli, 0);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "object_groups", '[');
		for (const struct shell_og *g = c->ogs; g; g = g->next) {
			if (argc && strcmp(g->name, argv[1]))
				continue;
			json_begin(&j, NULL, '{');
			json_str(&j, "name", g->name);
			json_str(&j, "type", og_kind(g));
			if (g->description)
				json_str(&j, "description", g->description);
			json_begin(&j, "items", '[');
			for (unsigned i = 0; i < g->n; i++) {
				item_text(&g->v[i], t, sizeof(t));
				json_str(&j, NULL, t);
			}
			json_end(&j, ']');
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	for (const struct shell_og *g = c->ogs; g; g = g->next) {
		if (argc && strcmp(g->name, argv[1]))
			continue;
		cli_print(cli, "%s object group %s", g->service ? "Service" : g->v6 ? "V6 Network" : "Network", g->name);
		if (g->description)
			cli_print(cli, " Description %s", g->description);
		for (unsigned i = 0; i < g->n; i++) {
			item_text(&g->v[i], t, sizeof(t));
			cli_print(cli, " %s", t);
		}
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ commands */

static void og_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, M = SHELL_OG_NET;
	struct cli_command *c, *no, *og;
	static const char *const words[][2] = {
		{ "host", "Host address or name" },
		{ "range", "Range of host addresses" },
		{ "group-object", "Nested object group" },
		{ "A.B.C.D", "Network address of the group members" },
	};
	static const char *const syntax[] = { "A.B.C.D", "A.B.C.D A.B.C.D", "WORD", "A.B.C.D A.B.C.D" };

	static const char *const svc_words[][2] = {
		{ "ip", "Any Internet Protocol" }, { "tcp", "Transmission Control Protocol" },
		{ "udp", "User Datagram Protocol" }, { "tcp-udp", "TCP or UDP protocol" },
		{ "icmp", "Internet Control Message Protocol" }, { "igmp", "Internet Gateway Message Protocol" },
		{ "gre", "Cisco's GRE tunneling" }, { "esp", "Encapsulation Security Payload" },
		{ "ahp", "Authentication Header Protocol" }, { "ospf", "OSPF routing protocol" },
		{ "pim", "Protocol Independent Multicast" }, { "<0-255>", "An IP protocol number" },
	};
	static const char svc_help[] =
		"source\tSource port\neq\tMatch only packets on a given port number\n"
		"neq\tMatch only packets not on a given port number\nlt\tMatch only packets with a lower port number\n"
		"gt\tMatch only packets with a greater port number\n"
		"range\tMatch only packets in the range of port numbers\nPORT\tPort number or name\n"
		"ICMP\tICMP message type (number or name)\n<0-255>\tICMP message code";

	for (int sv = 0; sv < 2; sv++) {
		og = shell_node(cli, NULL, "object-group", P, G, "Configure object group");
		c = shell_cmd(cli, og, sv ? "service" : "network", cmd_og, P, G, sv ? "service group" : "network group");
		shell_arghelp(cli, c, "WORD\tobject group name");
		shell_syntax(cli, c, "WORD");
		no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
		og = shell_node(cli, no, "object-group", P, G, "Configure object group");
		c = shell_cmd(cli, og, sv ? "service" : "network", cmd_no_og, P, G, sv ? "service group" : "network group");
		shell_arghelp(cli, c, "WORD\tobject group name");
		shell_syntax(cli, c, "WORD");
	}
	og = shell_node(cli, NULL, "object-group", P, G, "Configure object group");
	c = shell_cmd(cli, og, "v6-network", cmd_og, P, G, "IPv6 network group");
	shell_arghelp(cli, c, "WORD\tobject group name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	og = shell_node(cli, no, "object-group", P, G, "Configure object group");
	c = shell_cmd(cli, og, "v6-network", cmd_no_og, P, G, "IPv6 network group");
	shell_arghelp(cli, c, "WORD\tobject group name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", P, SHELL_OG_NET6, "Negate a command or set its defaults");
	for (int neg = 0; neg < 2; neg++) {
		c = shell_cmd(cli, neg ? no : NULL, "host", cmd_og_item, P, SHELL_OG_NET6, "Host address");
		shell_arghelp(cli, c, "X:X:X:X::X\tIPv6 host address");
		shell_syntax(cli, c, "X:X:X:X::X");
		c = shell_cmd(cli, neg ? no : NULL, "X:X:X:X::X/<0-128>", cmd_og_item, P, SHELL_OG_NET6,
			      "IPv6 prefix x:x::y/<z>");
		shell_syntax(cli, c, "");
		c = shell_cmd(cli, neg ? no : NULL, "group-object", cmd_og_item, P, SHELL_OG_NET6, "Nested object group");
		shell_arghelp(cli, c, "WORD\tObject group name");
		shell_syntax(cli, c, "WORD");
	}
	c = shell_cmd(cli, NULL, "description", cmd_og_description, P, SHELL_OG_NET6, "Network object group description");
	shell_arghelp(cli, c, "LINE\tDescription (up to 200 characters)");
	shell_syntax(cli, c, "LINE");
	shell_syntax(cli, shell_cmd(cli, no, "description", cmd_og_description, P, SHELL_OG_NET6,
				    "Network object group description"), "[LINE]");

	no = shell_node(cli, NULL, "no", P, SHELL_OG_SVC, "Negate a command or set its defaults");
	for (size_t k = 0; k < sizeof(svc_words) / sizeof(svc_words[0]); k++) {
		const char *syn = k == 11 ? "<0-255>" : k >= 1 && k <= 3 ?
			"[source {{eq | neq | lt | gt} PORT | range PORT PORT}] [{eq | neq | lt | gt} PORT | range PORT PORT]" :
			k == 4 ? "[ICMP [<0-255>]]" : "";

		c = shell_cmd(cli, NULL, svc_words[k][0], cmd_og_item, P, SHELL_OG_SVC, svc_words[k][1]);
		shell_arghelp(cli, c, svc_help);
		shell_syntax(cli, c, syn);
		c = shell_cmd(cli, no, svc_words[k][0], cmd_og_item, P, SHELL_OG_SVC, svc_words[k][1]);
		shell_arghelp(cli, c, svc_help);
		shell_syntax(cli, c, syn);
	}
	c = shell_cmd(cli, NULL, "group-object", cmd_og_item, P, SHELL_OG_SVC, "Nested object group");
	shell_arghelp(cli, c, "WORD\tObject group name");
	shell_syntax(cli, c, "WORD");
	c = shell_cmd(cli, no, "group-object", cmd_og_item, P, SHELL_OG_SVC, "Nested object group");
	shell_arghelp(cli, c, "WORD\tObject group name");
	shell_syntax(cli, c, "WORD");
	c = shell_cmd(cli, NULL, "description", cmd_og_description, P, SHELL_OG_SVC, "Service object group description");
	shell_arghelp(cli, c, "LINE\tDescription (up to 200 characters)");
	shell_syntax(cli, c, "LINE");
	shell_syntax(cli, shell_cmd(cli, no, "description", cmd_og_description, P, SHELL_OG_SVC,
				    "Service object group description"), "[LINE]");

	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		/* 'A.B.C.D MASK': a placeholder command; its address is argv[0]. */
		const char *syn = k == 3 ? "A.B.C.D A.B.C.D" : syntax[k];

		c = shell_cmd(cli, NULL, words[k][0], cmd_og_item, P, M, words[k][1]);
		shell_arghelp(cli, c, "A.B.C.D\tAddress\nWORD\tObject group name");
		shell_syntax(cli, c, syn);
		c = shell_cmd(cli, no, words[k][0], cmd_og_item, P, M, words[k][1]);
		shell_arghelp(cli, c, "A.B.C.D\tAddress\nWORD\tObject group name");
		shell_syntax(cli, c, syn);
	}
	c = shell_cmd(cli, NULL, "description", cmd_og_description, P, M, "Network object group description");
	shell_arghelp(cli, c, "LINE\tDescription (up to 200 characters)");
	shell_syntax(cli, c, "LINE");
	shell_syntax(cli, shell_cmd(cli, no, "description", cmd_og_description, P, M,
				    "Network object group description"), "[LINE]");

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, c, "object-group", cmd_show_og, SHELL_PRIV_USER, SHELL_EXEC, "List object groups");
	shell_arghelp(cli, c, "name\tObject group name (optional)\nWORD\tObject group name");
	shell_syntax(cli, c, "[name WORD]");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_objgroup = {
	.name = "objgroup",
	.cmds = og_cmds,
	.write = og_write,
};

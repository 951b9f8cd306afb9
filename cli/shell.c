/*
 * DOC: the shell core: sessions, the IOS matcher, errors, filters, help
 *
 * libcli keeps the command tree; this file decides what a line means.
 * libcli's own matcher needs every word to be at least its "unique length"
 * long, so it rejects an exact word that prefixes another ("ip" beside
 * "ipv6") and any abbreviated parent-mode command typed in a submode, and it
 * words its errors its own way.  shell_exec() therefore walks the tree
 * itself: exact match first, then a unique prefix, then the parent modes at
 * the first word.  Every handler is registered with libcli through a
 * trampoline, so even a line libcli matched on a telnet vty is re-parsed
 * here and runs under the same rules, the same router lock and the same
 * output filters.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "event.h"
#include "iface.h"
#include "lisp.h"
#include "log.h"
#include "router.h"
#include "shell.h"
#include "syntax.h"

struct shell_bind {
	struct cli_command *c;
	shell_fn fn;
	char *arghelp;
	char *syntax;		/* argument grammar (syntax.h), NULL if none */
	bool json;
	bool text;		/* the rest of its line is text: no '|' filter */
};

/* A new feature adds its cli/cmd_<feature>.c and one entry here; the order
 * is the order of the running-config: as on IOS, interfaces after the
 * system lines, 'router lisp' before the static routes, lines last. */
static const struct shell_feature *const features[] = {
	&shell_feature_system,
	&shell_feature_clock,
	&shell_feature_user,
	&shell_feature_logging,
	&shell_feature_platform,
	&shell_feature_ipv6,
	&shell_feature_login,
	&shell_feature_archive,
	&shell_feature_vrf,
	&shell_feature_host,
	&shell_feature_interface,
	&shell_feature_lisp,
	&shell_feature_lisp_show,
	&shell_feature_ddt,
	&shell_feature_route,
	&shell_feature_ipv6_route,
	&shell_feature_vrf_late,
	&shell_feature_trange,
	&shell_feature_objgroup,
	&shell_feature_acl,
	&shell_feature_banner,
	&shell_feature_alias,
	&shell_feature_line,
	&shell_feature_arp,
	&shell_feature_ping,
	&shell_feature_session,
	&shell_feature_proc,
	&shell_feature_debug,
	&shell_feature_config,
	&shell_feature_tech,
	&shell_feature_compat,
};

struct word {
	char *w;
	int col;
};

struct parsed {
	struct word words[CLI_MAX_LINE_WORDS];
	int n;
	int end;		/* column just past the last word */
	int pipe;		/* column of a '|' word, -1 if none */
};

/* ------------------------------------------------------------ shell */

void shell_conf_defaults(struct shell_conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->hostname, sizeof(c->hostname), "%s", SHELL_DEFAULT_HOSTNAME);
	for (int i = 0; i < SHELL_VTY_MAX; i++) {
		c->vty[i].timeout_min = 10;
		c->vty[i].present = i < 5;
	}
	c->con.timeout_min = 10;
}

const char *shell_fmt6(const uint8_t *a16, char *buf, size_t len)
{
	if (!inet_ntop(AF_INET6, a16, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	for (char *p = buf; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return buf;
}

const char *shell_addr_fmt(const struct addr *a, char *buf, size_t len)
{
	return addr_is_v6(a) ? shell_fmt6(a->u.b, buf, len) : addr_fmt(a, buf, len);
}

void shell_conf_clear(struct shell_conf *c)
{
	struct if_conf *ic;

	while ((ic = c->ifs)) {
		c->ifs = ic->next;
		free(ic);
	}
	htab_free(&c->ifs_ht);
	shell_hosts_clear(c);
	shell_aliases_clear(c);
	shell_acls_clear(c);
	shell_ogs_clear(c);
	shell_tranges_clear(c);
	/* The local users' passwords do not outlive the shell in memory. */
	OPENSSL_cleanse(c->users, sizeof(c->users));
	c->nusers = 0;
}

static uint64_t if_conf_key(const char *name)
{
	return htab_bytes(HTAB_SEED, name, strlen(name));
}

struct if_conf *shell_if_conf(struct shell_conf *c, const char *name, bool create)
{
	uint64_t h = if_conf_key(name);
	struct if_conf *n;
	struct hnode *x;

	for (x = htab_find(&c->ifs_ht, h); x; x = htab_next(x, h)) {
		n = (struct if_conf *)((char *)x - offsetof(struct if_conf, hn));
		if (!strcmp(n->name, name))
			return n;
	}
	if (!create || !(n = calloc(1, sizeof(*n))))
		return NULL;
	snprintf(n->name, sizeof(n->name), "%s", name);
	if (htab_add(&c->ifs_ht, &n->hn, h) == -1) {
		free(n);
		return NULL;
	}
	n->next = c->ifs;
	if (c->ifs)
		c->ifs->prev = n;
	c->ifs = n;
	return n;
}

void shell_if_conf_del(struct shell_conf *c, const char *name)
{
	struct if_conf *ic = shell_if_conf(c, name, false);

	if (!ic)
		return;
	htab_del(&c->ifs_ht, &ic->hn);
	if (ic->prev)
		ic->prev->next = ic->next;
	else
		c->ifs = ic->next;
	if (ic->next)
		ic->next->prev = ic->prev;
	free(ic);
}

/* Does w abbreviate kw, with at least min letters? */
static bool abbrev(const char *w, size_t wl, const char *kw, size_t min)
{
	return wl >= min && wl <= strlen(kw) && !strncasecmp(w, kw, wl);
}

bool shell_ifname(struct router *r, char **words, int nwords, char *out, size_t len)
{
	static const struct {
		const char *name;
		size_t min;
	} virt[] = { { "Loopback", 2 }, { "Null", 2 } };
	const char *w = words[0], *num;
	size_t wl;
	struct iface *ifp;

	if (nwords == 2) {
		/* 'Loopback 0': only the virtual types take a separate number. */
		num = words[1];
		wl = strlen(w);
	} else {
		for (num = w; *num && !isdigit((unsigned char)*num); num++)
			;
		wl = num - w;
	}
	for (size_t i = 0; i < sizeof(virt) / sizeof(virt[0]); i++) {
		size_t nl = strspn(num, "0123456789");

		if (!abbrev(w, wl, virt[i].name, virt[i].min))
			continue;
		if (!*num || num[nl] || nl > 10 || strtoul(num, NULL, 10) > 2147483647ul)
			return false;
		snprintf(out, len, "%s%lu", virt[i].name, strtoul(num, NULL, 10));
		return true;
	}
	if (nwords != 1 || !*w || strlen(w) >= IFACE_NAMELEN)
		return false;
	if (r && (ifp = iface_find(r, w)))
		w = iface_name(ifp);
	snprintf(out, len, "%s", w);
	return true;
}

bool shell_ifname_usable(struct router *r, const char *name)
{
	return strcmp(name, "Null0") == 0 || iface_loopback_name(name) || iface_find(r, name);
}

struct shell *shell_new(void)
{
	struct shell *sh = calloc(1, sizeof(*sh));

	if (!sh)
		return NULL;
	pthread_mutex_init(&sh->lock, NULL);
	pthread_mutex_init(&sh->sess_mtx, NULL);
	pthread_mutex_init(&sh->login.mtx, NULL);
	pthread_mutex_init(&sh->alias_mtx, NULL);
	shell_logq_init(&sh->con_held);
	atomic_init(&sh->con_sync_async, SHELL_SYNC_OFF);
	shell_conf_defaults(&sh->conf);
	clock_zone_set(&sh->conf.clock);	/* the host's zone until configured */
	sh->started = time(NULL);
	return sh;
}

void shell_free(struct shell *sh)
{
	if (!sh)
		return;
	shell_conf_clear(&sh->conf);
	shell_cfglog_free(sh);
	ev_timer_free(sh->reload_timer);
	if (sh->lisp_owned)
		lisp_free(sh->lisp);
	free(sh->config_path);
	pthread_mutex_destroy(&sh->lock);
	pthread_mutex_destroy(&sh->sess_mtx);
	pthread_mutex_destroy(&sh->login.mtx);
	pthread_mutex_destroy(&sh->alias_mtx);
	shell_logq_destroy(&sh->con_held);
	free(sh);
}

void shell_set_lock(struct shell *sh, void (*lock)(void *), void (*unlock)(void *), void *arg)
{
	sh->lock_fn = lock;
	sh->unlock_fn = unlock;
	sh->lock_arg = arg;
}

void shell_lock(struct shell *sh)
{
	if (sh->lock_fn)
		sh->lock_fn(sh->lock_arg);
	else
		pthread_mutex_lock(&sh->lock);
}

void shell_unlock(struct shell *sh)
{
	if (sh->unlock_fn)
		sh->unlock_fn(sh->lock_arg);
	else
		pthread_mutex_unlock(&sh->lock);
}

static void lock_router(void *r)
{
	router_lock(r);
}

static void unlock_router(void *r)
{
	router_unlock(r);
}

void shell_set_router(struct shell *sh, struct router *r)
{
	sh->router = r;
	shell_set_lock(sh, lock_router, unlock_router, r);
}

struct router *shell_router(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (!s || !s->sh->router) {
		shell_err(cli, "%% No router");
		return NULL;
	}
	return s->sh->router;
}

struct lisp *shell_lisp(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;

	if (s && s->sh->lisp)
		return s->sh->lisp;
	if (!(r = shell_router(cli)))
		return NULL;
	if (!(s->sh->lisp = lisp_new(r))) {
		shell_err(cli, "%% Out of memory");
		return NULL;
	}
	s->sh->lisp_owned = true;
	return s->sh->lisp;
}

void shell_set_lisp(struct shell *sh, struct lisp *l)
{
	if (sh->lisp_owned)
		lisp_free(sh->lisp);
	sh->lisp = l;
	sh->lisp_owned = false;
}

/* ------------------------------------------------------------ modes */

int shell_mode_parent(int mode)
{
	switch (mode) {
	case SHELL_LISP_INST_SERV:
	case SHELL_LISP_INST_SERV6:
		return SHELL_LISP_INST;
	case SHELL_LISP_SITE:
	case SHELL_LISP_LOCSET:
	case SHELL_LISP_SERV:
	case SHELL_LISP_SERV6:
	case SHELL_LISP_INST:
	case SHELL_LISP_EIDTABLE:
		return SHELL_ROUTER_LISP;
	case SHELL_VRF_AF:
		return SHELL_VRF_DEF;
	case SHELL_CONFIG_IF:
	case SHELL_CONFIG_LINE:
	case SHELL_ROUTER_LISP:
	case SHELL_VRF_DEF:
	case SHELL_IP_VRF:
	case SHELL_ACL_STD:
	case SHELL_ACL_EXT:
	case SHELL_ACL_V6:
	case SHELL_OG_NET:
	case SHELL_OG_SVC:
	case SHELL_OG_NET6:
	case SHELL_TIME_RANGE:
	case SHELL_ARCHIVE:
		return SHELL_CONFIG;
	case SHELL_ARCHIVE_LOG:
		return SHELL_ARCHIVE;
	default:
		return SHELL_EXEC;
	}
}

static const char *mode_desc(int mode)
{
	switch (mode) {
	case SHELL_CONFIG_IF:
		return "if";
	case SHELL_CONFIG_LINE:
		return "line";
	case SHELL_ROUTER_LISP:
		return "router-lisp";
	case SHELL_LISP_SITE:
		return "router-lisp-site";
	case SHELL_LISP_LOCSET:
		return "router-lisp-locator-set";
	case SHELL_LISP_SERV:
		return "router-lisp-serv-ipv4";
	case SHELL_LISP_INST:
		return "router-lisp-inst";
	case SHELL_LISP_INST_SERV:
		return "router-lisp-inst-serv-ipv4";
	case SHELL_LISP_SERV6:
		return "router-lisp-serv-ipv6";
	case SHELL_LISP_INST_SERV6:
		return "router-lisp-inst-serv-ipv6";
	case SHELL_LISP_EIDTABLE:
		return "router-lisp-eid-table";
	case SHELL_VRF_DEF:
	case SHELL_IP_VRF:
		return "vrf";
	case SHELL_VRF_AF:
		return "vrf-af";
	case SHELL_ACL_STD:
		return "std-nacl";
	case SHELL_ACL_EXT:
		return "ext-nacl";
	case SHELL_ACL_V6:
		return "ipv6-acl";
	case SHELL_OG_NET:
		return "network-group";
	case SHELL_OG_SVC:
		return "service-group";
	case SHELL_OG_NET6:
		return "ipv6-network-group";
	case SHELL_TIME_RANGE:
		return "time-range";
	case SHELL_ARCHIVE:
		return "archive";
	case SHELL_ARCHIVE_LOG:
		return "archive-log-cfg";
	default:
		return NULL;
	}
}

bool shell_mode_below(int mode, int anc)
{
	/* Parents climb towards SHELL_EXEC, whose parent is itself. */
	while (mode != SHELL_EXEC) {
		mode = shell_mode_parent(mode);
		if (mode == anc)
			return true;
	}
	return false;
}

void shell_set_mode(struct cli_def *cli, int mode)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (s && shell_mode_below(mode, cli->mode))
		s->descents++;
	cli_set_configmode(cli, mode, mode_desc(mode));
}

void shell_set_priv(struct cli_def *cli, int priv)
{
	cli_set_privilege(cli, priv);
	/* IOS prompts have no space after the '#'. */
	cli_set_promptchar(cli, priv >= SHELL_PRIV_ENABLE ? "#" : ">");
}

const char *shell_prompt(struct shell_sess *s, char *buf, size_t len)
{
	struct cli_def *cli = s->cli;

	snprintf(buf, len, "%s%s%s", cli->hostname ? cli->hostname : "",
		 cli->modestring ? cli->modestring : "", cli->promptchar ? cli->promptchar : "");
	return buf;
}

/* ------------------------------------------------------------ output */

static bool filter_pass(struct shell_sess *s, const char *line)
{
	bool match;

	if (s->filter == FILTER_NONE)
		return true;
	match = regexec(&s->filter_re, line, 0, NULL, 0) == 0;
	switch (s->filter) {
	case FILTER_INCLUDE:
		return match;
	case FILTER_EXCLUDE:
		return !match;
	case FILTER_BEGIN:
		if (match)
			s->filter_on = true;
		return s->filter_on;
	case FILTER_SECTION:
		/* A top-level line opens or closes a section; indented
		 * lines belong to the last top-level line. */
		if (line[0] != ' ')
			s->filter_on = match;
		return s->filter_on;
	case FILTER_COUNT:
		s->filter_count += match;
		return false;
	default:
		return true;
	}
}

/* Keeps a line of held output; dropped when out of memory. */
static void hold_line(struct shell_sess *s, const char *line)
{
	size_t len = strlen(line) + 1;

	if (s->npending == s->cappending) {
		size_t cap = s->cappending ? 2 * s->cappending : 64;
		size_t *np = realloc(s->pending, cap * sizeof(*np));

		if (!np)
			return;
		s->pending = np;
		s->cappending = cap;
	}
	if (s->heldcap - s->heldlen < len) {
		size_t cap = s->heldcap ? s->heldcap : 4096;
		char *nh;

		while (cap - s->heldlen < len)
			cap *= 2;
		if (!(nh = realloc(s->held, cap)))
			return;
		s->held = nh;
		s->heldcap = cap;
	}
	memcpy(s->held + s->heldlen, line, len);
	s->pending[s->npending++] = s->heldlen;
	s->heldlen += len;
}

/* Forgets the held lines; a buffer grown past 64 KB goes back to the
 * system rather than stay with an idle session. */
static void hold_clear(struct shell_sess *s)
{
	s->npending = 0;
	s->heldlen = 0;
	if (s->heldcap > 65536) {
		free(s->held);
		free(s->pending);
		s->held = NULL;
		s->pending = NULL;
		s->heldcap = s->cappending = 0;
	}
}

static void sess_emit(struct shell_sess *s, const char *line)
{
	s->last_blank = !line[0];
	if (s->holding) {
		hold_line(s, line);
		return;
	}
	if (s->out)
		s->out(s->out_arg, line);
}

/*
 * 'terminal length N': the command's output was held while it ran under
 * the router lock; it is paged now, with the lock released, because a
 * --More-- waits for a person.  Space shows a page, Return a line, any
 * other key drops the rest.
 */
static void page_out(struct shell_sess *s)
{
	unsigned shown = 0;
	bool quit = false;

	s->holding = false;
	for (size_t i = 0; i < s->npending; i++) {
		if (!quit && shown >= s->term_length - 1 && s->getkey) {
			int k;

			k = s->getkey(s);
			if (k == ' ')
				shown = 0;
			else if (k == '\r' || k == '\n')
				shown = s->term_length - 2;
			else
				quit = true;
		}
		if (!quit && s->out) {
			s->out(s->out_arg, s->held + s->pending[i]);
			shown++;
			if (s->drain)
				s->drain(s, false);
		}
	}
	hold_clear(s);
}

void shell_flush(struct shell_sess *s)
{
	if (s->holding)
		page_out(s);
	s->holding = false;
	if (s->drain)
		s->drain(s, false);
}

/* Before re-running a line libcli has looked at: its matcher may have left
 * the submode already; the '^' column counts from the prompt shown. */
static void vty_resume(struct shell_sess *s)
{
	char prompt[160];

	shell_set_mode(s->cli, s->cli->transient_mode);
	s->col_base = strlen(shell_prompt(s, prompt, sizeof(prompt)));
}

static void sh_print(struct cli_def *cli, const char *string)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (!s)
		return;
	if (s->depth == 0 && s->enter)
		s->enter(s);
	if (s->depth == 0 && cli->pipeline) {
		/*
		 * libcli's matcher rejected a vty line and is printing why:
		 * parse it again with ours instead.  The buffer holding
		 * 'string' is reset first so our output does not append to
		 * libcli's message.
		 */
		char *line = strdup(cli->pipeline->cmdline);

		if (cli->buffer)
			cli->buffer[0] = '\0';
		cli->pipeline = NULL;
		if (line) {
			vty_resume(s);
			if (shell_exec(s, line) == CLI_QUIT) {
				s->quit = true;
				if (s->fd >= 0)
					shutdown(s->fd, SHUT_RD);
			}
			free(line);
		}
		return;
	}
	if (s->depth > 0 && !filter_pass(s, string))
		return;
	sess_emit(s, string);
	/* libcli's own help and errors: written before it redraws the line. */
	if (s->depth == 0 && s->drain)
		s->drain(s, true);
}

int shell_err(struct cli_def *cli, const char *fmt, ...)
{
	struct shell_sess *s = shell_sess_of(cli);
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (s)
		sess_emit(s, buf);
	return CLI_ERROR;
}

static void caret_at(struct shell_sess *s, int col)
{
	char pad[CLI_MAX_LINE_LENGTH + 64];
	int n = s->col_base + col;

	if (n < 0)
		n = 0;
	if (n > (int)sizeof(pad) - 2)
		n = sizeof(pad) - 2;
	memset(pad, ' ', n);
	pad[n] = '^';
	pad[n + 1] = '\0';
	if (s->kind == SHELL_FILE) {
		char echo[CLI_MAX_LINE_LENGTH + 8];

		sess_emit(s, "% Invalid input detected at '^' marker.");
		snprintf(echo, sizeof(echo), "%*s%s", s->col_base, "", s->line ? s->line : "");
		sess_emit(s, echo);
		sess_emit(s, pad);
		return;
	}
	sess_emit(s, pad);
	sess_emit(s, "% Invalid input detected at '^' marker.");
}

int shell_err_invalid(struct cli_def *cli, int argi)
{
	struct shell_sess *s = shell_sess_of(cli);
	int col;

	if (!s)
		return CLI_ERROR;
	col = argi >= 0 && argi < CLI_MAX_LINE_WORDS && s->argcol[argi] >= 0 ? s->argcol[argi] : s->argend;
	caret_at(s, col);
	return CLI_ERROR;
}

int shell_err_incomplete(struct cli_def *cli)
{
	return shell_err(cli, "%% Incomplete command.");
}

int shell_kw_pick(char **argv, int argi, const char *const *words, int n)
{
	size_t len = strlen(argv[argi]);
	int found = -1;

	if (!len)
		return -1;
	for (int i = 0; i < n; i++) {
		if (strncasecmp(argv[argi], words[i], len))
			continue;
		if (!words[i][len])
			return i;
		found = found == -1 ? i : -2;
	}
	return found;
}

int shell_err_ambiguous(struct cli_def *cli, int argi)
{
	struct shell_sess *s = shell_sess_of(cli);
	int col, len;

	if (!s || !s->line || argi < 0 || argi >= CLI_MAX_LINE_WORDS || s->argcol[argi] < 0)
		return shell_err(cli, "%% Ambiguous command");
	col = s->argcol[argi];
	len = col + (int)strcspn(s->line + col, " \t");
	return shell_err(cli, "%% Ambiguous command:  \"%.*s\"", len, s->line);
}

long shell_arg_uint(struct cli_def *cli, char **argv, int argc, int argi, long lo, long hi)
{
	char *end;
	long v;

	if (argi >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	errno = 0;
	v = strtol(argv[argi], &end, 10);
	if (errno || *end || end == argv[argi] || !isdigit((unsigned char)argv[argi][0]) || v < lo || v > hi) {
		shell_err_invalid(cli, argi);
		return -1;
	}
	return v;
}

/* ------------------------------------------------------------ sessions */

void shell_sync(struct shell_sess *s)
{
	const char *h = s->sh->conf.hostname;

	if (!s->cli->hostname || strcmp(s->cli->hostname, h))
		cli_set_hostname(s->cli, h);
}

#define MONQ_MAX	1024	/* a batch session's monitored lines waiting */

void shell_logq_init(struct shell_logq *q)
{
	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->m, NULL);
}

static void logq_free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void shell_logq_destroy(struct shell_logq *q)
{
	logq_free_lines(q->v, q->n);
	pthread_mutex_destroy(&q->m);
}

/* Holds a copy of line unless limit lines wait already (counted lost). */
bool shell_logq_put(struct shell_logq *q, const char *line, size_t limit)
{
	bool ok = false;

	if (limit > SHELL_SYNC_LIMIT_MAX)
		limit = SHELL_SYNC_LIMIT_MAX;
	pthread_mutex_lock(&q->m);
	if (q->n < limit) {
		if (q->n == q->cap) {
			size_t cap = q->cap ? 2 * q->cap : 16;
			char **v = realloc(q->v, cap * sizeof(*v));

			if (v) {
				q->v = v;
				q->cap = cap;
			}
		}
		if (q->n < q->cap && (q->v[q->n] = strdup(line))) {
			q->n++;
			ok = true;
		}
	}
	if (!ok)
		q->lost++;
	pthread_mutex_unlock(&q->m);
	return ok;
}

static size_t logq_take(struct shell_logq *q, char ***v, unsigned long *lost)
{
	size_t n;

	pthread_mutex_lock(&q->m);
	*v = q->v;
	n = q->n;
	*lost = q->lost;
	q->v = NULL;
	q->n = q->cap = 0;
	q->lost = 0;
	pthread_mutex_unlock(&q->m);
	return n;
}

/* IOS's words for the lines a terminal's queue had no room for. */
static void msglost(char *buf, size_t len, unsigned long lost)
{
	snprintf(buf, len, "%%SYS-3-MSGLOST: %lu messages lost due to overflow", lost);
}

char *shell_logq_text(struct shell_logq *q, const char *eol)
{
	char **v, lostline[96], *text, *p;
	unsigned long lost;
	size_t n = logq_take(q, &v, &lost), len = 1, el = strlen(eol);

	if (!n && !lost)
		return NULL;
	if (lost)
		msglost(lostline, sizeof(lostline), lost);
	for (size_t i = 0; i < n; i++)
		len += el + strlen(v[i]);
	if (lost)
		len += el + strlen(lostline);
	if ((p = text = malloc(len))) {
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%s%s", eol, v[i]);
		if (lost)
			sprintf(p, "%s%s", eol, lostline);
	}
	logq_free_lines(v, n);
	return text;
}

/* What the line's 'logging synchronous' makes a terminal hold:
 * SHELL_SYNC_OFF, SHELL_SYNC_ALL or the level up to which lines are
 * still written at once; *limit the lines it holds at most. */
int shell_line_sync(const struct vty_line_conf *l, unsigned *limit)
{
	*limit = l->sync_limit ? l->sync_limit - 1 : 20;
	if (!l->sync)
		return SHELL_SYNC_OFF;
	if (l->sync_level == 9)
		return SHELL_SYNC_ALL;
	return l->sync_level ? (int)l->sync_level - 1 : 2;
}

/* A vty session's monitored line: into its output at once (the queue
 * never waits: vty.c), or held for the prompt by 'logging synchronous'; a
 * batch session's, held for its thread to write between commands. */
static void monitor_sink(void *arg, int level, const char *line)
{
	struct shell_sess *s = arg;
	char buf[600];

	if (s->fd >= 0 && shell_sync_holds(atomic_load(&s->sync_async), level)) {
		shell_logq_put(&s->monq, line, atomic_load(&s->sync_limit));
	} else if (s->kind == SHELL_VTY && s->raw) {
		snprintf(buf, sizeof(buf), "%s\r\n", line);
		s->raw(s, buf);
	} else if (s->kind == SHELL_BATCH && s->out) {
		shell_logq_put(&s->monq, line, MONQ_MAX);
	}
}

/* The log lines a session holds, written now, after a command's output
 * (its own thread, no lock held): a batch session's monitored lines, a
 * 'logging synchronous' vty's or console's held lines (IOS shows them
 * when the output ends, before the prompt). */
static void monitor_drain(struct shell_sess *s)
{
	struct shell_logq *q = s->kind == SHELL_CONSOLE ? &s->sh->con_held : &s->monq;
	char **v, line[96];
	unsigned long lost;
	size_t n;

	if (s->kind == SHELL_FILE)
		return;
	n = logq_take(q, &v, &lost);
	for (size_t i = 0; i < n; i++)
		if (s->out)
			s->out(s->out_arg, v[i]);
	logq_free_lines(v, n);
	if (lost && s->out) {
		/* A terminal's held lines say it as IOS; a batch, its own way. */
		if (s->kind == SHELL_BATCH)
			snprintf(line, sizeof(line), "%% %lu monitored log lines dropped", lost);
		else
			msglost(line, sizeof(line), lost);
		s->out(s->out_arg, line);
	}
}

int shell_monitor(struct shell_sess *s, bool on)
{
	if (on && s->monitor < 0)
		s->monitor = log_sink_add(monitor_sink, s);
	else if (!on && s->monitor >= 0) {
		log_sink_del(s->monitor);
		s->monitor = -1;
	}
	return on && s->monitor < 0 ? -1 : 0;
}

/* The slot of command c in s->bind_slots (2 * capbinds of them, a power
 * of two): where its index is, or the free slot it would take. */
static size_t bind_slot(const struct shell_sess *s, const struct cli_command *c)
{
	size_t mask = 2 * s->capbinds - 1, h = ((uintptr_t)c >> 4) * 0x9e3779b97f4a7c15ull;

	for (h &= mask; s->bind_slots[h] && s->binds[s->bind_slots[h] - 1].c != c; h = (h + 1) & mask)
		;
	return h;
}

static struct shell_bind *bind_of(struct shell_sess *s, struct cli_command *c)
{
	size_t h;

	if (!s->capbinds)
		return NULL;
	h = bind_slot(s, c);
	return s->bind_slots[h] ? &s->binds[s->bind_slots[h] - 1] : NULL;
}

static struct shell_bind *bind_add(struct shell_sess *s, struct cli_command *c)
{
	struct shell_bind *b = bind_of(s, c);

	if (b)
		return b;
	if (s->nbinds == s->capbinds) {
		size_t cap = s->capbinds ? 2 * s->capbinds : 64;
		struct shell_bind *nb = realloc(s->binds, cap * sizeof(*nb));
		uint32_t *slots;

		if (!nb)
			return NULL;
		s->binds = nb;
		if (!(slots = calloc(2 * cap, sizeof(*slots))))
			return NULL;
		free(s->bind_slots);
		s->bind_slots = slots;
		s->capbinds = cap;
		for (size_t i = 0; i < s->nbinds; i++)
			s->bind_slots[bind_slot(s, s->binds[i].c)] = (uint32_t)i + 1;
	}
	b = &s->binds[s->nbinds++];
	memset(b, 0, sizeof(*b));
	b->c = c;
	s->bind_slots[bind_slot(s, c)] = (uint32_t)s->nbinds;
	return b;
}

static int sh_tramp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char *line;
	int rc;

	/* libcli matched the line by its rules; run it by ours. */
	if (!s || !cli->pipeline || !(line = strdup(cli->pipeline->cmdline)))
		return CLI_ERROR;
	if (s->enter)
		s->enter(s);
	cli->pipeline = NULL;
	vty_resume(s);
	rc = shell_exec(s, line);
	free(line);
	return rc;
}

struct cli_command *shell_cmd(struct cli_def *cli, struct cli_command *parent, const char *word,
			      shell_fn fn, int priv, int mode, const char *help)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct cli_command *c;
	struct shell_bind *b;

	c = cli_register_command(cli, parent, word, fn ? sh_tramp : NULL, priv, mode, help);
	if (!c || !fn)
		return c;
	if (s && (b = bind_add(s, c)))
		b->fn = fn;
	return c;
}

struct cli_command *shell_node(struct cli_def *cli, struct cli_command *parent, const char *word,
			       int priv, int mode, const char *help)
{
	struct cli_command *c = parent ? parent->children : cli->commands;

	for (; c; c = c->next)
		if (c->command_type == CLI_REGULAR_COMMAND && c->mode == mode && !strcmp(c->command, word))
			return c;
	return shell_cmd(cli, parent, word, NULL, priv, mode, help);
}

void shell_arghelp(struct cli_def *cli, struct cli_command *c, const char *help)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_bind *b;

	if (!s || !c || !(b = bind_add(s, c)))
		return;
	free(b->arghelp);
	b->arghelp = strdup(help);
}

void shell_syntax(struct cli_def *cli, struct cli_command *c, const char *spec)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_bind *b;

	if (!s || !c || !(b = bind_add(s, c)))
		return;
	free(b->syntax);
	b->syntax = strdup(spec);
}

int shell_syntax_check(struct shell_sess *s, char *err, size_t errlen)
{
	int bad = 0;

	for (size_t i = 0; i < s->nbinds; i++) {
		struct syn *g;
		char e[128];

		if (!s->binds[i].syntax)
			continue;
		if (!(g = syn_compile(s->binds[i].syntax, s->binds[i].arghelp, e, sizeof(e)))) {
			if (!bad++)
				snprintf(err, errlen, "%s: %s", s->binds[i].c->full_command_name, e);
			continue;
		}
		syn_free(g);
	}
	return bad;
}

int shell_syntax_missing(struct shell_sess *s, char *names, size_t len)
{
	size_t o = 0;
	int n = 0;

	if (len)
		names[0] = '\0';
	for (size_t i = 0; i < s->nbinds; i++) {
		if (!s->binds[i].fn || s->binds[i].syntax)
			continue;
		if (o < len)
			o += (size_t)snprintf(names + o, len - o, "%s%s", n ? "\n" : "",
					      s->binds[i].c->full_command_name);
		n++;
	}
	return n;
}

void shell_json_ok(struct cli_def *cli, struct cli_command *c)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_bind *b;

	if (s && c && (b = bind_add(s, c)))
		b->json = true;
}

void shell_text_ok(struct cli_def *cli, struct cli_command *c)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_bind *b;

	if (s && c && (b = bind_add(s, c)))
		b->text = true;
}

bool shell_json(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);

	return s && s->json;
}

struct shell_sess *shell_sess_of(struct cli_def *cli)
{
	return cli ? cli_get_context(cli) : NULL;
}

static int cmd_exit(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	if (cli->mode == SHELL_EXEC)
		return CLI_QUIT;
	shell_set_mode(cli, shell_mode_parent(cli->mode));
	return CLI_OK;
}

static int cmd_end(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_set_mode(cli, SHELL_EXEC);
	return CLI_OK;
}

static int cmd_logout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	return CLI_QUIT;
}

static int cmd_disable(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_set_priv(cli, SHELL_PRIV_USER);
	shell_priv_logged(shell_sess_of(cli), 1);
	return CLI_OK;
}

int shell_exec_nested(struct shell_sess *s, const char *line)
{
	const char *saved = s->line;
	int mode = s->cli->mode, base = s->col_base, rc;
	bool aliasing = s->aliasing;

	shell_set_mode(s->cli, SHELL_EXEC);
	s->col_base = 0;
	s->aliasing = true;	/* the line is a command, not an alias */
	rc = shell_exec(s, line);
	s->aliasing = aliasing;
	s->col_base = base;
	s->line = saved;
	shell_set_mode(s->cli, mode);
	return rc;
}

static int cmd_do(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	int mode = cli->mode, base = s->col_base, rc;
	const char *line = s->line;
	int col;

	if (!argc)
		return shell_err_incomplete(cli);
	/* Run the rest of the line in exec mode; its columns shift by the
	 * position of its first word so a '^' still lands right. */
	col = s->argcol[0];
	shell_set_mode(cli, SHELL_EXEC);
	s->col_base = base + col;
	rc = shell_exec(s, line + col);
	s->col_base = base;
	s->line = line;
	shell_set_mode(cli, mode);
	return rc == CLI_QUIT ? CLI_OK : rc;
}

static void register_core(struct cli_def *cli)
{
	static const char *const builtins[] = {
		"help", "quit", "logout", "exit", "history", "enable", "disable", "configure",
	};
	static const int cfgmodes[] = {
		SHELL_CONFIG, SHELL_CONFIG_IF, SHELL_CONFIG_LINE, SHELL_ROUTER_LISP, SHELL_LISP_SITE,
		SHELL_LISP_LOCSET, SHELL_LISP_SERV, SHELL_LISP_INST, SHELL_LISP_INST_SERV,
		SHELL_LISP_EIDTABLE, SHELL_LISP_SERV6, SHELL_LISP_INST_SERV6,
		SHELL_VRF_DEF, SHELL_VRF_AF, SHELL_IP_VRF, SHELL_ACL_STD, SHELL_ACL_EXT,
		SHELL_ACL_V6, SHELL_OG_NET, SHELL_OG_SVC, SHELL_OG_NET6, SHELL_TIME_RANGE, SHELL_ARCHIVE,
		SHELL_ARCHIVE_LOG,
	};

	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		cli_unregister_command(cli, builtins[i]);
	/* Filters are parsed by the shell (it has 'section'); without
	 * libcli's, a '|' line fails libcli's first pass and comes here. */
	cli_unregister_all_filters(cli);

	shell_syntax(cli, shell_cmd(cli, NULL, "exit", cmd_exit, SHELL_PRIV_USER, MODE_ANY, "Exit from the current mode"),
		     "");
	shell_syntax(cli, shell_cmd(cli, NULL, "logout", cmd_logout, SHELL_PRIV_USER, SHELL_EXEC, "Exit from the EXEC"),
		     "");
	shell_syntax(cli, shell_cmd(cli, NULL, "disable", cmd_disable, SHELL_PRIV_ENABLE, SHELL_EXEC,
				    "Turn off privileged commands"), "");
	for (size_t i = 0; i < sizeof(cfgmodes) / sizeof(cfgmodes[0]); i++) {
		struct cli_command *c;

		shell_syntax(cli, shell_cmd(cli, NULL, "end", cmd_end, SHELL_PRIV_ENABLE, cfgmodes[i],
					    "Exit to privileged EXEC mode"), "");
		c = shell_cmd(cli, NULL, "do", cmd_do, SHELL_PRIV_ENABLE, cfgmodes[i],
			      "To run exec commands in config mode");
		shell_arghelp(cli, c, "LINE\tExec Command");
		shell_syntax(cli, c, "LINE");
		shell_json_ok(cli, c);
	}
}

struct shell_sess *shell_sess_new(struct shell *sh, enum shell_kind kind, shell_out_fn out, void *arg)
{
	struct shell_sess *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->sh = sh;
	s->kind = kind;
	s->out = out;
	s->out_arg = arg;
	s->fd = -1;
	s->vty_line = -1;
	s->monitor = -1;
	s->term_width = s->line_width = 80;
	s->hist_size = s->line_hist = SHELL_HIST_DEFAULT;
	shell_logq_init(&s->monq);
	atomic_init(&s->sync_async, SHELL_SYNC_OFF);
	s->last_active = s->started = time(NULL);
	if (!(s->cli = cli_init())) {
		free(s);
		return NULL;
	}
	cli_set_context(s->cli, s);
	cli_print_callback(s->cli, sh_print);
	cli_telnet_protocol(s->cli, kind == SHELL_VTY);
	register_core(s->cli);
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (features[i]->cmds)
			features[i]->cmds(s->cli);
	shell_lock(sh);
	cli_set_hostname(s->cli, sh->conf.hostname);
	shell_unlock(sh);
	shell_set_priv(s->cli, kind == SHELL_FILE ? SHELL_PRIV_ENABLE : SHELL_PRIV_USER);
	shell_set_mode(s->cli, kind == SHELL_FILE ? SHELL_CONFIG : SHELL_EXEC);

	pthread_mutex_lock(&sh->sess_mtx);
	s->id = sh->next_id++;
	s->next = sh->sessions;
	sh->sessions = s;
	pthread_mutex_unlock(&sh->sess_mtx);
	return s;
}

void shell_sess_free(struct shell_sess *s)
{
	struct shell_sess **pp;

	if (!s)
		return;
	if (s->monitor >= 0)
		log_sink_del(s->monitor);
	monitor_drain(s);
	shell_logq_destroy(&s->monq);
	pthread_mutex_lock(&s->sh->sess_mtx);
	for (pp = &s->sh->sessions; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->sh->sess_mtx);
	for (size_t i = 0; i < s->nbinds; i++) {
		free(s->binds[i].arghelp);
		free(s->binds[i].syntax);
	}
	for (int h = 0; h < 2; h++)
		for (unsigned i = 0; i < s->nhist[h]; i++)
			free(s->hist[h][i]);
	free(s->binds);
	free(s->bind_slots);
	free(s->held);
	free(s->pending);
	cli_done(s->cli);
	free(s);
}

/* ------------------------------------------------------------ matcher */

static void parse_line(const char *line, struct parsed *p)
{
	int i = 0;

	p->n = 0;
	p->end = 0;
	p->pipe = -1;
	while (line[i] && p->n < CLI_MAX_LINE_WORDS) {
		int start;

		while (line[i] && isspace((unsigned char)line[i]))
			i++;
		if (!line[i])
			break;
		start = i;
		while (line[i] && !isspace((unsigned char)line[i]))
			i++;
		if (i - start == 1 && line[start] == '|') {
			p->pipe = start;
			break;
		}
		p->words[p->n].w = strndup(line + start, i - start);
		p->words[p->n].col = start;
		p->n++;
		p->end = i;
	}
}

static void free_parsed(struct parsed *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->words[i].w);
	p->n = 0;
}

static bool visible(const struct cli_command *c, int mode, int priv)
{
	return c->command_type == CLI_REGULAR_COMMAND && c->privilege <= priv &&
	       (c->mode == mode || c->mode == MODE_ANY);
}

enum match_rc { M_NONE, M_ONE, M_AMBIG };

/* A node that stands for a value typed in its place (addr_node()), not a
 * word to type: '?' shows it, TAB does not complete to it. */
static bool placeholder(const struct cli_command *c)
{
	return !strcmp(c->command, "A.B.C.D") || !strcmp(c->command, "X:X:X:X::X") ||
	       !strcmp(c->command, "X:X:X:X::X/<0-128>") || c->command[0] == '<';
}

/* Exact word first, else a unique prefix. */
static enum match_rc match_word(struct cli_command *list, const char *w, int mode, int priv,
				bool any, struct cli_command **out)
{
	struct cli_command *c, *hit = NULL;
	int n = 0;
	size_t len = strlen(w);

	for (c = list; c; c = c->next) {
		if (!visible(c, mode, priv) || (!any && c->mode == MODE_ANY))
			continue;
		if (placeholder(c))
			continue;	/* an address or a number, not a keyword: addr_node() */
		if (!strcasecmp(c->command, w)) {
			*out = c;
			return M_ONE;
		}
		if (!strncasecmp(c->command, w, len)) {
			hit = c;
			n++;
		}
	}
	*out = hit;
	return n == 0 ? M_NONE : n == 1 ? M_ONE : M_AMBIG;
}

/*
 * A node named "A.B.C.D" stands for an IPv4 address typed in its place
 * (a locator-set's 'A.B.C.D priority P weight W'), one named "X:X:X:X::X"
 * for an IPv6 address, one named "<lo-hi>" for a number in that range (an
 * access list entry's sequence number, '10 permit any'): the word selects
 * it when no keyword matches, and stays the command's first argument.
 */
static struct cli_command *addr_node(struct cli_command *list, const char *w, int mode, int priv)
{
	struct in6_addr a6;
	struct in_addr a;
	const char *name = NULL;
	unsigned long v = 0;

	if (inet_pton(AF_INET, w, &a) == 1)
		name = "A.B.C.D";
	else if (inet_pton(AF_INET6, w, &a6) == 1)
		name = "X:X:X:X::X";
	else if (strchr(w, ':') && strchr(w, '/'))
		name = "X:X:X:X::X/<0-128>";	/* the command checks the prefix */
	else if (!*w || strspn(w, "0123456789") != strlen(w) || strlen(w) > 10)
		return NULL;
	else
		v = strtoul(w, NULL, 10);
	for (struct cli_command *c = list; c; c = c->next) {
		unsigned long lo, hi;

		if (!visible(c, mode, priv))
			continue;
		if (name ? !strcmp(c->command, name) :
		    (sscanf(c->command, "<%lu-%lu>", &lo, &hi) == 2 && v >= lo && v <= hi))
			return c;
	}
	return NULL;
}

struct walk {
	struct cli_command *node;	/* deepest keyword matched */
	int mode;			/* mode the first word matched in */
	int nkw;			/* keywords matched */
	enum match_rc fail;		/* why word nkw did not match */
};

/* Match keywords from the start in one mode; stops at the first word that
 * is not a keyword of the node reached (an argument, or an error). */
static void walk_mode(struct shell_sess *s, struct parsed *p, int nwords, int mode, bool any, struct walk *wk)
{
	struct cli_def *cli = s->cli;
	int priv = cli->privilege;

	wk->node = NULL;
	wk->mode = mode;
	wk->nkw = 0;
	wk->fail = M_ONE;
	for (int i = 0; i < nwords; i++) {
		struct cli_command *c = NULL;
		enum match_rc rc;

		if (i == 0) {
			rc = match_word(cli->commands, p->words[0].w, mode, priv, any, &c);
		} else {
			if (!wk->node->children) {
				wk->fail = M_NONE;
				return;
			}
			rc = match_word(wk->node->children, p->words[i].w, mode, priv, true, &c);
		}
		if (rc == M_NONE &&
		    (c = addr_node(i ? wk->node->children : cli->commands, p->words[i].w, mode, priv))) {
			wk->node = c;
			wk->nkw = i;
			return;
		}
		if (rc != M_ONE) {
			wk->fail = rc;
			return;
		}
		wk->node = c;
		wk->nkw = i + 1;
	}
}

static bool runnable(struct shell_sess *s, const struct walk *wk)
{
	struct shell_bind *b;

	return wk->fail != M_AMBIG && wk->node && (b = bind_of(s, wk->node)) && b->fn;
}

/*
 * IOS tries a line in the current mode, then in each parent mode: 'no
 * hostname' typed in config-line is the global command.  When no mode can
 * run it, the error is the one of the current mode.
 */
static void walk_words(struct shell_sess *s, struct parsed *p, int nwords, struct walk *wk)
{
	int m = s->cli->mode;
	struct walk alt;

	walk_mode(s, p, nwords, m, true, wk);
	while (!runnable(s, wk) && m > SHELL_CONFIG) {
		m = shell_mode_parent(m);
		walk_mode(s, p, nwords, m, false, &alt);
		if (runnable(s, &alt) || (!wk->node && alt.node)) {
			*wk = alt;
			if (runnable(s, &alt))
				return;
		}
	}
}

static bool set_filter(struct shell_sess *s, const char *line, int pipe, bool json_ok)
{
	static const char *const names[] = { "include", "exclude", "begin", "section", "count", "json" };
	static const enum shell_filter_kind kinds[] = {
		FILTER_INCLUDE, FILTER_EXCLUDE, FILTER_BEGIN, FILTER_SECTION, FILTER_COUNT, FILTER_NONE,
	};
	const char *p = line + pipe + 1, *w, *pat;
	size_t wl;
	int hit = -1, n = 0;

	while (isspace((unsigned char)*p))
		p++;
	w = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	wl = p - w;
	if (wl == 0) {
		shell_err_incomplete(s->cli);
		return false;
	}
	for (int i = 0; i < 6; i++) {
		if (!strncasecmp(names[i], w, wl) && wl <= strlen(names[i])) {
			hit = i;
			n++;
		}
	}
	if (n != 1) {
		caret_at(s, w - line);
		return false;
	}
	while (isspace((unsigned char)*p))
		p++;
	pat = p;
	if (hit == 5) {
		/* Not a line filter: the command itself prints JSON. */
		if (!json_ok) {
			caret_at(s, w - line);
			return false;
		}
		if (*pat) {
			caret_at(s, pat - line);
			return false;
		}
		s->json = true;
		return true;
	}
	if (!*pat) {
		shell_err_incomplete(s->cli);
		return false;
	}
	{
		char *re = strdup(pat);
		size_t l;

		if (!re)
			return false;
		l = strlen(re);
		while (l && isspace((unsigned char)re[l - 1]))
			re[--l] = '\0';
		if (regcomp(&s->filter_re, re, REG_EXTENDED | REG_NOSUB)) {
			free(re);
			caret_at(s, pat - line);
			return false;
		}
		free(re);
	}
	s->filter = kinds[hit];
	s->filter_on = false;
	s->filter_count = 0;
	return true;
}

static void ambiguous(struct shell_sess *s, const char *line, struct parsed *p, int i)
{
	char buf[CLI_MAX_LINE_LENGTH + 32];
	int len = p->words[i].col + (int)strlen(p->words[i].w);

	snprintf(buf, sizeof(buf), "%% Ambiguous command:  \"%.*s\"", len, line);
	sess_emit(s, buf);
}

static int exec_line(struct shell_sess *s, const char *line);

bool shell_in_config(const struct shell_sess *s)
{
	return s->cli->mode != SHELL_EXEC;
}

const char *shell_history(const struct shell_sess *s, bool config, unsigned i)
{
	return i < s->nhist[config] ? s->hist[config][i] : NULL;
}

static void config_done(struct shell_sess *s);

bool shell_interrupt(struct shell_sess *s)
{
	if (s->cli->mode == SHELL_EXEC)
		return false;
	shell_set_mode(s->cli, SHELL_EXEC);
	config_done(s);
	return true;
}

static void hist_to_libcli(struct shell_sess *s);

/* The oldest lines of history h go until it holds at most keep. */
static void hist_trim(struct shell_sess *s, int h, unsigned keep)
{
	unsigned drop = s->nhist[h] > keep ? s->nhist[h] - keep : 0;

	if (!drop)
		return;
	for (unsigned i = 0; i < drop; i++)
		free(s->hist[h][i]);
	memmove(&s->hist[h][0], &s->hist[h][drop], (s->nhist[h] - drop) * sizeof(char *));
	s->nhist[h] -= drop;
}

static void hist_add(struct shell_sess *s, const char *line, size_t len)
{
	int h = shell_in_config(s);
	unsigned size = s->hist_size < SHELL_HIST_MAX ? s->hist_size : SHELL_HIST_MAX;
	char *copy;

	if (s->hist_off || !size)
		return;
	if (s->nhist[h] && strlen(s->hist[h][s->nhist[h] - 1]) == len &&
	    !strncmp(s->hist[h][s->nhist[h] - 1], line, len))
		return;
	if (!(copy = strndup(line, len)))
		return;
	hist_trim(s, h, size - 1);
	s->hist[h][s->nhist[h]++] = copy;
}

long shell_history_arg(struct cli_def *cli, char **argv, int argc)
{
	long n = -1;

	if (argc && (strlen(argv[0]) > 4 || strncasecmp(argv[0], "size", strlen(argv[0])))) {
		shell_err_invalid(cli, 0);
		return -2;
	}
	if (argc && (n = shell_arg_uint(cli, argv, argc, 1, 0, SHELL_HIST_MAX)) < 0)
		return -2;
	if (argc > 2) {
		shell_err_invalid(cli, 2);
		return -2;
	}
	return n;
}

void shell_hist_size(struct shell_sess *s, unsigned n)
{
	s->hist_size = n < SHELL_HIST_MAX ? n : SHELL_HIST_MAX;
	hist_trim(s, 0, s->hist_size);
	hist_trim(s, 1, s->hist_size);
	if (s->kind == SHELL_VTY)
		hist_to_libcli(s);
}

void shell_sess_take_line(struct shell_sess *s, const struct vty_line_conf *lc, bool console)
{
	s->line_hist = lc->history ? lc->history - 1 : SHELL_HIST_DEFAULT;
	s->line_length = lc->length ? lc->length - 1 : console ? 0 : 24;
	s->line_width = lc->width ? lc->width - 1 : 80;
	s->hist_size = s->line_hist;
	s->hist_off = lc->history_off;
	s->term_length = s->line_length;
	s->term_width = s->line_width;
	s->exec_timestamp = lc->exec_timestamp;
	s->escape_char = lc->escape ? (int)lc->escape - 1 : -1;
	if (!console) {
		unsigned limit;

		atomic_store(&s->sync_async, shell_line_sync(lc, &limit));
		atomic_store(&s->sync_limit, limit);
	}
}

/* libcli's line editor recalls cli->history: give it the history of the
 * mode the session is in now. */
static void hist_to_libcli(struct shell_sess *s)
{
	struct cli_def *cli = s->cli;
	int h = shell_in_config(s);

	for (int i = 0; i < MAX_HISTORY; i++) {
		free(cli->history[i]);
		cli->history[i] = NULL;
	}
	for (unsigned i = 0; i < s->nhist[h] && i < MAX_HISTORY; i++)
		cli->history[i] = strdup(s->hist[h][i]);
}

/* IOS's message when a session leaves configuration mode (a replayed
 * file is not someone configuring; 'do' only passes through EXEC). */
static void config_done(struct shell_sess *s)
{
	if (s->kind == SHELL_FILE)
		return;
	atomic_store(&s->sh->conf_modified, true);
	if (s->kind == SHELL_VTY)
		log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from console by vty%d (%s)",
			  s->vty_line, s->peer);
	else
		log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from console by console");
}

int shell_exec(struct shell_sess *s, const char *line)
{
	bool was_config = s->depth == 0 && shell_in_config(s);
	int rc;

	if (s->depth == 0)
		s->typed_mode = s->cli->mode;
	if (s->depth == 0 && s->kind != SHELL_FILE) {
		size_t len = strlen(line);

		while (len && isspace((unsigned char)line[len - 1]))
			len--;
		if (len && line[len - 1] != '?' && strspn(line, " \t") < len)
			hist_add(s, line + strspn(line, " \t"), len - strspn(line, " \t"));
	}
	rc = exec_line(s, line);
	if (s->depth == 0 && s->kind == SHELL_VTY)
		hist_to_libcli(s);
	if (was_config && !shell_in_config(s))
		config_done(s);
	/* The output is on its way before libcli writes the next prompt;
	 * a session found disconnected meanwhile ends here. */
	if (s->depth == 0 && s->drain) {
		s->drain(s, true);
		if (s->quit)
			rc = CLI_QUIT;
	}
	return rc;
}

static int exec_line(struct shell_sess *s, const char *line)
{
	struct cli_def *cli = s->cli;
	struct shell_bind *b;
	struct parsed p;
	struct walk wk;
	char *argv[CLI_MAX_LINE_WORDS];
	const char *saved_line = s->line;
	int saved_cols[CLI_MAX_LINE_WORDS], saved_end = s->argend;
	int rc = CLI_ERROR, argc;
	size_t len = strlen(line);
	bool cfg;

	while (len && isspace((unsigned char)line[len - 1]))
		len--;
	/* A '?' typed at the end asks for help; in a file it is text. */
	if (len && line[len - 1] == '?' && s->kind != SHELL_FILE) {
		char *q = strndup(line, len - 1);

		if (q)
			shell_help(s, q);
		free(q);
		return CLI_OK;
	}
	parse_line(line, &p);
	if (p.n == 0) {
		free_parsed(&p);
		return CLI_OK;
	}
	/* An alias (cli/cmd_alias.c): its command, then the rest of the line. */
	if (!s->aliasing) {
		char *exp, *full = NULL;
		const char *rest = line + p.words[0].col + strlen(p.words[0].w);

		exp = shell_alias_expand(s->sh, s->cli->mode, p.words[0].w);
		/* In a configuration submode the global ones count too, as
		 * the global commands do. */
		if (!exp && s->cli->mode != SHELL_CONFIG && shell_in_config(s))
			exp = shell_alias_expand(s->sh, SHELL_CONFIG, p.words[0].w);
		if (exp && asprintf(&full, "%s%s", exp, rest) == -1)
			full = NULL;
		free(exp);
		if (full) {
			free_parsed(&p);
			s->aliasing = true;
			rc = exec_line(s, full);
			s->aliasing = false;
			free(full);
			return rc;
		}
	}
	memcpy(saved_cols, s->argcol, sizeof(saved_cols));
	s->line = line;
	s->last_active = time(NULL);
	walk_words(s, &p, p.n, &wk);
	if (wk.fail == M_AMBIG) {
		ambiguous(s, line, &p, wk.nkw);
		goto out;
	}
	if (!wk.node) {
		caret_at(s, p.words[0].col);
		goto out;
	}
	b = bind_of(s, wk.node);
	if (!b || !b->fn) {
		if (wk.nkw < p.n)
			caret_at(s, p.words[wk.nkw].col);
		else
			shell_err_incomplete(cli);
		goto out;
	}
	argc = p.n - wk.nkw;
	for (int i = 0; i < CLI_MAX_LINE_WORDS; i++)
		s->argcol[i] = i < argc ? p.words[wk.nkw + i].col : -1;
	for (int i = 0; i < argc; i++)
		argv[i] = p.words[wk.nkw + i].w;
	argv[argc] = NULL;
	s->argend = p.end;
	/* Under 'do' the outer line has already set the filter. */
	if (p.pipe >= 0 && s->depth == 0 && !b->text && !set_filter(s, line, p.pipe, b->json))
		goto out;
	if (wk.mode != cli->mode && wk.node->mode != MODE_ANY)
		shell_set_mode(cli, wk.mode);

	if (s->depth++ == 0) {
		/* Output waits until the lock is let go: a vty's to be paged, the
		 * console's and a batch's because their terminal or pipe may not
		 * be read (Ctrl-S, a slow serial line) and a write would block
		 * the router. */
		s->holding = (s->term_length > 1 && s->getkey) || s->kind == SHELL_CONSOLE ||
			     s->kind == SHELL_BATCH;
		shell_lock(s->sh);
		shell_sync(s);
	}
	/* 'exec prompt timestamp': before what a show command prints (not
	 * inside 'show tech-support', nor before JSON). */
	if (s->depth == 1 && s->exec_timestamp && !s->json && !strncmp(wk.node->full_command_name, "show ", 5))
		shell_exec_timestamp(cli);
	cfg = s->depth == 1 && shell_in_config(s);
	rc = b->fn(cli, wk.node->full_command_name, argv, argc);
	/* 'archive' / 'log config': a configuration command taken (not the
	 * moves between modes, nor 'do'). */
	if (cfg && rc == CLI_OK && strcmp(wk.node->full_command_name, "end") &&
	    strcmp(wk.node->full_command_name, "exit") && strcmp(wk.node->full_command_name, "do") &&
	    strncmp(wk.node->full_command_name, "do ", 3))
		shell_cfglog_record(s, line);
	if (s->depth == 1 && s->filter == FILTER_COUNT) {
		/* libcli's count writes to the socket; ours is a line. */
		char buf[80];

		snprintf(buf, sizeof(buf), "Number of lines which match regexp = %lu", s->filter_count);
		sess_emit(s, buf);
	}
	if (--s->depth == 0) {
		shell_sync(s);
		shell_unlock(s->sh);
		if (s->holding)
			page_out(s);
		monitor_drain(s);
	}

	if (s->filter != FILTER_NONE && s->depth == 0) {
		regfree(&s->filter_re);
		s->filter = FILTER_NONE;
	}
	if (s->depth == 0)
		s->json = false;
	if (debug_on(DEBUG_CLI))
		log_msg(LOG_DEBUG, "CLI: session %u ran \"%s\" rc %d", s->id, wk.node->full_command_name, rc);
out:
	s->line = saved_line;
	s->argend = saved_end;
	memcpy(s->argcol, saved_cols, sizeof(saved_cols));
	free_parsed(&p);
	return rc;
}

/* ------------------------------------------------------------ help */

static void help_line(struct shell_sess *s, int width, const char *name, const char *help)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "  %-*s  %s", width, name, help ? help : "");
	sess_emit(s, buf);
}

static void help_args(struct shell_sess *s, const char *arghelp, int width)
{
	const char *p = arghelp;

	while (p && *p) {
		const char *nl = strchr(p, '\n'), *tab;
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		char name[64], text[256];

		tab = memchr(p, '\t', l);
		if (tab) {
			snprintf(name, sizeof(name), "%.*s", (int)(tab - p), p);
			snprintf(text, sizeof(text), "%.*s", (int)(l - (tab - p) - 1), tab + 1);
		} else {
			snprintf(name, sizeof(name), "%.*s", (int)l, p);
			text[0] = '\0';
		}
		help_line(s, width, name, text);
		p = nl ? nl + 1 : NULL;
	}
}

static int candidates(struct shell_sess *s, struct parsed *p, struct walk *wk, const char *partial,
		      struct cli_command **out, int max)
{
	struct cli_def *cli = s->cli;
	int n = 0;
	size_t pl = strlen(partial);

	if (wk->node == NULL) {
		/* First word: this mode's commands, then its parents'. */
		int m = cli->mode;
		bool first = true;

		for (;;) {
			for (struct cli_command *c = cli->commands; c && n < max; c = c->next) {
				bool dup = false;

				if (!visible(c, m, cli->privilege) || (!first && c->mode == MODE_ANY))
					continue;
				if (strncasecmp(c->command, partial, pl))
					continue;
				for (int i = 0; i < n; i++)
					if (!strcmp(out[i]->command, c->command))
						dup = true;
				if (!dup)
					out[n++] = c;
			}
			if (m <= SHELL_CONFIG)
				break;
			m = shell_mode_parent(m);
			first = false;
		}
		return n;
	}
	for (struct cli_command *c = wk->node->children; c && n < max; c = c->next)
		if (visible(c, wk->mode, cli->privilege) && !strncasecmp(c->command, partial, pl))
			out[n++] = c;
	return n;
}

static int cmp_cmd(const void *a, const void *b)
{
	return strcmp((*(struct cli_command *const *)a)->command, (*(struct cli_command *const *)b)->command);
}

/* "sh?": the words that begin with what was typed, two blanks after
 * each, as many to a line as fit in 80 columns. */
static void compact_list(struct shell_sess *s, const char **names, int n)
{
	char buf[96];
	size_t o = 0;

	if (!n) {
		sess_emit(s, "% Unrecognized command");
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(names[i]);

		if (o && o + l + 2 > 80) {
			sess_emit(s, buf);
			o = 0;
		}
		o += snprintf(buf + o, sizeof(buf) - o, "%.60s  ", names[i]);
	}
	sess_emit(s, buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_tok(const void *a, const void *b)
{
	const struct syn_tok *x = a, *y = b;

	/* Placeholders first, in grammar order; then keywords A to Z. */
	if (x->keyword != y->keyword)
		return x->keyword ? 1 : -1;
	return x->keyword ? strcmp(x->name, y->name) : 0;
}

/* Is the command one whose output the '|' filters apply to? */
static bool pipe_ok(const struct cli_command *c)
{
	return c && c->mode == SHELL_EXEC && c->full_command_name &&
	       (!strncmp(c->full_command_name, "show ", 5) || !strcmp(c->full_command_name, "show"));
}

/* What may follow the arguments typed (a command with a grammar). */
static void args_help(struct shell_sess *s, struct shell_bind *b, struct parsed *p, int first, int nargs,
		      const char *partial, int width)
{
	struct syn_tok toks[64];
	const char *names[64];
	char *words[CLI_MAX_LINE_WORDS], err[128];
	struct syn *g = syn_compile(b->syntax, b->arghelp, err, sizeof(err));
	int n, bad = 0;
	bool cr = false;

	if (!g) {
		sess_emit(s, "% Unrecognized command");
		return;
	}
	for (int i = 0; i < nargs; i++)
		words[i] = p->words[first + i].w;
	n = syn_next(g, words, nargs, partial, toks, 64, &cr, &bad);
	if (n < 0) {
		caret_at(s, p->words[first + bad].col);
	} else if (partial) {
		for (int i = 0; i < n; i++)
			names[i] = toks[i].name;
		qsort(names, n, sizeof(names[0]), cmp_str);
		compact_list(s, names, n);
	} else {
		qsort(toks, n, sizeof(toks[0]), cmp_tok);
		for (int i = 0; i < n; i++)
			if ((int)strlen(toks[i].name) > width)
				width = strlen(toks[i].name);
		for (int i = 0; i < n; i++)
			help_line(s, width, toks[i].name, toks[i].help);
		if (cr && pipe_ok(b->c))
			help_line(s, width, "|", "Output modifiers");
		if (cr)
			help_line(s, width, "<cr>", "");
	}
	syn_free(g);
}

/* After '|': the filters, or what a filter takes. */
static void pipe_help(struct shell_sess *s, const char *line, struct parsed *p, bool json_ok)
{
	static const struct {
		const char *name, *help;
	} filters[] = {
		{ "begin", "Begin with the line that matches" },
		{ "count", "Count number of lines which match regexp" },
		{ "exclude", "Exclude lines that match" },
		{ "include", "Include lines that match" },
		{ "json", "The command's output as one JSON object" },
		{ "section", "Filter a section of output" },
	};
	const size_t nf = sizeof(filters) / sizeof(filters[0]);
	const char *rest = line + p->pipe + 1, *names[8], *w2;
	bool trailing = !*line || isspace((unsigned char)line[strlen(line) - 1]);
	size_t wl;
	int n = 0, hit = -1;

	rest += strspn(rest, " \t");
	wl = strcspn(rest, " \t");
	w2 = rest + wl + strspn(rest + wl, " \t");
	if (!wl) {
		for (size_t i = 0; i < nf; i++)
			if (json_ok || strcmp(filters[i].name, "json"))
				help_line(s, 10, filters[i].name, filters[i].help);
		return;
	}
	for (size_t i = 0; i < nf; i++) {
		if ((!json_ok && !strcmp(filters[i].name, "json")) || wl > strlen(filters[i].name) ||
		    strncasecmp(filters[i].name, rest, wl))
			continue;
		names[n++] = filters[i].name;
		hit = (int)i;
	}
	if (!trailing && !*w2) {
		/* '| i?': the filters that begin so. */
		compact_list(s, names, n);
		return;
	}
	if (n != 1) {
		caret_at(s, rest - line);
		return;
	}
	if (!strcmp(filters[hit].name, "json")) {
		if (*w2)
			caret_at(s, w2 - line);
		else
			help_line(s, 10, "<cr>", "");
		return;
	}
	help_line(s, 10, "LINE", "Regular Expression");
	if (*w2)
		help_line(s, 10, "<cr>", "");
}

static void help_of(struct shell_sess *s, const char *line);

/* The line with its first word, an alias of the mode (or a global one in
 * a configuration submode) typed in full and followed by more, replaced
 * by the alias's command: what '?' and TAB read, as the line runs.  NULL
 * when it has none. */
static char *alias_line(struct shell_sess *s, const char *line)
{
	const char *w = line + strspn(line, " \t");
	size_t n = strcspn(w, " \t");
	char word[64], *exp, *full = NULL;

	if (s->aliasing || !n || !w[n] || n >= sizeof(word))
		return NULL;
	memcpy(word, w, n);
	word[n] = '\0';
	exp = shell_alias_expand(s->sh, s->cli->mode, word);
	if (!exp && s->cli->mode != SHELL_CONFIG && shell_in_config(s))
		exp = shell_alias_expand(s->sh, SHELL_CONFIG, word);
	if (exp && asprintf(&full, "%s%s", exp, w + n) == -1)
		full = NULL;
	free(exp);
	return full;
}

void shell_help(struct shell_sess *s, const char *line)
{
	char *full = alias_line(s, line);

	if (full) {
		s->aliasing = true;
		shell_help(s, full);
		s->aliasing = false;
		free(full);
		return;
	}
	help_of(s, line);
}

static void help_of(struct shell_sess *s, const char *line)
{
	struct cli_command *cand[256];
	const char *names[256];
	struct parsed p;
	struct walk wk;
	bool trailing = !*line || isspace((unsigned char)line[strlen(line) - 1]);
	const char *partial;
	int complete, n, width = 0;
	struct shell_bind *b;

	parse_line(line, &p);
	if (p.pipe >= 0) {
		walk_words(s, &p, p.n, &wk);
		b = wk.node && wk.fail != M_AMBIG ? bind_of(s, wk.node) : NULL;
		if (b && b->fn)
			pipe_help(s, line, &p, b->json);
		else
			sess_emit(s, "% Unrecognized command");
		free_parsed(&p);
		return;
	}
	complete = trailing ? p.n : p.n - 1;
	partial = trailing ? "" : p.words[p.n - 1].w;
	walk_words(s, &p, complete, &wk);
	b = wk.node ? bind_of(s, wk.node) : NULL;
	if (wk.nkw < complete) {
		/* Past the keywords: arguments of the command reached. */
		if (b && b->fn && b->syntax) {
			args_help(s, b, &p, wk.nkw, complete - wk.nkw, trailing ? NULL : partial, 10);
		} else if (b && b->fn) {
			if (b->arghelp)
				help_args(s, b->arghelp, 20);
			help_line(s, 20, "<cr>", "");
		} else {
			sess_emit(s, "% Unrecognized command");
		}
		free_parsed(&p);
		return;
	}
	n = candidates(s, &p, &wk, partial, cand, 256);
	qsort(cand, n, sizeof(cand[0]), cmp_cmd);
	if (!trailing) {
		/* "sh?" lists the matching words only: keywords of the tree,
		 * and the first keywords of the command's own grammar. */
		struct syn_tok toks[64];
		struct syn *g = b && b->fn && b->syntax ? syn_compile(b->syntax, b->arghelp, NULL, 0) : NULL;
		bool cr;

		for (int i = 0; i < n; i++)
			names[i] = cand[i]->command;
		if (g) {
			int k = syn_next(g, NULL, 0, partial, toks, 64, &cr, NULL);

			for (int i = 0; i < k && n < 256; i++)
				names[n++] = toks[i].name;
			qsort(names, n, sizeof(names[0]), cmp_str);
		}
		/* Before syn_free: the grammar's words are g's strings. */
		compact_list(s, names, n);
		syn_free(g);
		free_parsed(&p);
		return;
	}
	for (int i = 0; i < n; i++)
		if ((int)strlen(cand[i]->command) > width)
			width = strlen(cand[i]->command);
	if (width < 10)
		width = 10;
	for (int i = 0; i < n; i++)
		help_line(s, width, cand[i]->command, cand[i]->help);
	if (b && b->fn && b->syntax && wk.node) {
		args_help(s, b, &p, complete, 0, NULL, width);
	} else {
		if (b && b->arghelp)
			help_args(s, b->arghelp, width);
		if (b && b->fn)
			help_line(s, width, "<cr>", "");
	}
	free_parsed(&p);
}

char **shell_complete(struct shell_sess *s, const char *line, int *np)
{
	struct cli_command *cand[256];
	struct parsed p;
	struct walk wk;
	bool trailing = !*line || isspace((unsigned char)line[strlen(line) - 1]);
	char **out, *full = alias_line(s, line);
	int complete, n;

	*np = 0;
	if (full) {
		s->aliasing = true;
		out = shell_complete(s, full, np);
		s->aliasing = false;
		free(full);
		return out;
	}
	parse_line(line, &p);
	if (p.pipe >= 0) {
		free_parsed(&p);
		return NULL;
	}
	complete = trailing ? p.n : p.n - 1;
	walk_words(s, &p, complete, &wk);
	if (wk.nkw < complete) {
		free_parsed(&p);
		return NULL;
	}
	n = candidates(s, &p, &wk, trailing ? "" : p.words[p.n - 1].w, cand, 256);
	qsort(cand, n, sizeof(cand[0]), cmp_cmd);
	out = calloc(n + 1, sizeof(*out));
	for (int i = 0; out && i < n; i++)
		if (!placeholder(cand[i]))
			out[(*np)++] = strdup(cand[i]->command);
	free_parsed(&p);
	return out;
}

void shell_free_words(char **w, int n)
{
	for (int i = 0; w && i < n; i++)
		free(w[i]);
	free(w);
}

/* ------------------------------------------------------------ config text */

/*
 * Parts written later, in slices.  Marks are "\001<nonce>-<k>\001\n": the
 * nonce, one per text, keeps a line typed into the configuration from
 * ever reading as one.
 */
struct config_part {
	int (*fill)(struct shell *sh, void *arg, FILE *out);
	void *arg;
};

struct config_parts {
	struct config_part *v;
	size_t n, cap;
	unsigned long long nonce;
	bool nomem;
};

static __thread struct config_parts *parts_cur;	/* the text being written */

static void part_mark(char *buf, size_t len, unsigned long long nonce, size_t k)
{
	snprintf(buf, len, "\001%llx-%zu\001\n", nonce, k);
}

bool shell_config_defer(FILE *f, int (*fill)(struct shell *sh, void *arg, FILE *out),
			const void *arg, size_t argsize)
{
	struct config_parts *d = parts_cur;
	struct config_part *v;
	char mark[64];

	if (!d || d->nomem)
		return false;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 8;

		if (!(v = realloc(d->v, cap * sizeof(*v)))) {
			d->nomem = true;
			return false;
		}
		d->v = v;
		d->cap = cap;
	}
	if (!(d->v[d->n].arg = malloc(argsize ? argsize : 1))) {
		d->nomem = true;
		return false;
	}
	memcpy(d->v[d->n].arg, arg, argsize);
	d->v[d->n].fill = fill;
	part_mark(mark, sizeof(mark), d->nonce, d->n++);
	fputs(mark, f);
	return true;
}

static char *config_text(struct shell *sh, struct config_parts *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	parts_cur = d;
	fputs("!\n", f);
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++) {
		long before, after;

		if (!features[i]->write)
			continue;
		before = ftell(f);
		features[i]->write(sh, f);
		after = ftell(f);
		if (after > before)
			fputs("!\n", f);
	}
	fputs("end\n", f);
	parts_cur = NULL;
	fclose(f);
	return text;
}

char *shell_config_text(struct shell *sh)
{
	return config_text(sh, NULL);
}

/* A part's text: its slices, each its own buffer, so that the lock is
 * never held while a growing buffer of megabytes is copied. */
struct part_text {
	char **s;
	size_t n, cap;
};

static void part_free(struct part_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
}

/* Part p written slice by slice, the lock let go before each; false when
 * out of memory. */
static bool part_fill(struct shell *sh, struct config_part *p, struct part_text *t)
{
	int more;

	do {
		char *s = NULL, **v;
		size_t len = 0;
		FILE *f;

		shell_unlock(sh);
		shell_lock(sh);
		if (t->n == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 16;

			if (!(v = realloc(t->s, cap * sizeof(*v))))
				return false;
			t->s = v;
			t->cap = cap;
		}
		if (!(f = open_memstream(&s, &len)))
			return false;
		more = p->fill(sh, p->arg, f);
		fclose(f);
		if (!s)
			return false;
		t->s[t->n++] = s;
	} while (more > 0);
	return true;
}

/* text with each part's mark replaced by the part's text (text is
 * freed); NULL when out of memory. */
static char *fill_parts(struct shell *sh, struct config_parts *d, char *text)
{
	struct part_text *parts = NULL;
	char *out = NULL, *from = text, *at, mark[64];
	size_t len = 0, k, i;
	bool ok = !d->nomem && (parts = calloc(d->n, sizeof(*parts)));
	FILE *f;

	for (k = 0; ok && k < d->n; k++)
		ok = part_fill(sh, &d->v[k], &parts[k]);
	/* Put together with the lock let go: megabytes copied. */
	shell_unlock(sh);
	if (ok && (f = open_memstream(&out, &len))) {
		for (k = 0; k < d->n; k++) {
			part_mark(mark, sizeof(mark), d->nonce, k);
			if ((at = strstr(from, mark))) {	/* else not printed: gone */
				fwrite(from, 1, (size_t)(at - from), f);
				for (i = 0; i < parts[k].n; i++)
					fputs(parts[k].s[i], f);
				from = at + strlen(mark);
			}
		}
		fputs(from, f);
		fclose(f);
	}
	free(text);
	for (k = 0; parts && k < d->n; k++)
		part_free(&parts[k]);
	free(parts);
	shell_lock(sh);
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}

char *shell_config_text_sliced(struct shell *sh)
{
	static unsigned long long seq;
	struct config_parts d = { 0 };
	char *text;

	d.nonce = ((unsigned long long)time(NULL) << 20) ^
		  __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED) ^ ((unsigned long long)(uintptr_t)&d << 7);
	if ((text = config_text(sh, &d)) && d.n)
		text = fill_parts(sh, &d, text);
	for (size_t k = 0; k < d.n; k++)
		free(d.v[k].arg);
	free(d.v);
	return text;
}

void shell_write_if(struct shell *sh, const char *ifname, FILE *out)
{
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (features[i]->write_if)
			features[i]->write_if(sh, ifname, out);
}

void shell_default_if(struct shell *sh, const char *ifname)
{
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (features[i]->default_if)
			features[i]->default_if(sh, ifname);
}

void shell_encrypt_all(struct shell *sh)
{
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (features[i]->encrypt)
			features[i]->encrypt(sh);
}

bool shell_hung_up(struct shell_sess *s)
{
	struct pollfd p = { .fd = s->fd, .events = POLLRDHUP };

	return s->fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

bool shell_abort_key(struct shell_sess *s)
{
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	unsigned char b[256];
	ssize_t n;

	if (s->fd < 0 || s->kind != SHELL_VTY || poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
		return false;
	if ((n = recv(s->fd, b, sizeof(b), MSG_PEEK | MSG_DONTWAIT)) <= 0)
		return false;
	for (ssize_t i = 0; i < n; i++) {
		/* Ctrl-^ (IOS's escape), Ctrl-C, the line's 'escape-character',
		 * or telnet's Interrupt Process. */
		if (b[i] == 0x1e || b[i] == 0x03 || (s->escape_char >= 0 && b[i] == s->escape_char && b[i] != 255) ||
		    (b[i] == 255 && i + 1 < n && b[i + 1] == 244)) {
			ssize_t upto = b[i] == 255 ? i + 2 : i + 1;

			if (recv(s->fd, b, (size_t)upto, MSG_DONTWAIT) < 0)
				return true;	/* seen, if not consumed */
			return true;
		}
	}
	return false;
}

void shell_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *m, unsigned ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(cv, m, &ts);
}

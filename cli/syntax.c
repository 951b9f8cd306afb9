/*
 * DOC: argument grammars for positional '?' help (see syntax.h)
 *
 * The grammar compiles to a small tree (token, sequence, alternatives,
 * optional, repeat).  syn_next() walks it with continuations: each node
 * gets the rest of the line as a linked list of what must follow, built on
 * the C stack, so every way of matching the typed words is tried once and
 * the tokens met exactly at the end of the words are the answer.  A step
 * bound keeps a pathological grammar from running long.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "syntax.h"

#define SYN_MAX_TOKENS	256
#define SYN_MAX_NODES	1024
#define SYN_MAX_KIDS	32
#define SYN_MAX_STEPS	200000

enum tok_type { T_KEYWORD, T_ADDR, T_PREFIX, T_ADDR6, T_PREFIX6, T_RANGE, T_LINE, T_IF, T_HOST, T_WORD };
enum node_kind { N_TOK, N_SEQ, N_ALT, N_OPT, N_REP };

struct tok {
	char *name;
	char *help;
	enum tok_type type;
	long lo, hi;
};

struct node {
	enum node_kind kind;
	int tok;
	int nkids;
	struct node *kids[SYN_MAX_KIDS];
};

struct syn {
	struct tok toks[SYN_MAX_TOKENS];
	int ntoks;
	struct node nodes[SYN_MAX_NODES];
	int nnodes;
	struct node *root;
};

/* ------------------------------------------------------------ compile */

struct parser {
	struct syn *g;
	const char *p;
	const char *arghelp;
	char *err;
	size_t errlen;
	bool failed;
};

static struct node *node_new(struct parser *ps, enum node_kind k)
{
	struct node *n;

	if (ps->g->nnodes >= SYN_MAX_NODES) {
		snprintf(ps->err, ps->errlen, "grammar too large");
		ps->failed = true;
		return NULL;
	}
	n = &ps->g->nodes[ps->g->nnodes++];
	memset(n, 0, sizeof(*n));
	n->kind = k;
	return n;
}

static void add_kid(struct parser *ps, struct node *n, struct node *kid)
{
	if (!kid)
		return;
	if (n->nkids >= SYN_MAX_KIDS) {
		snprintf(ps->err, ps->errlen, "too many alternatives");
		ps->failed = true;
		return;
	}
	n->kids[n->nkids++] = kid;
}

static bool is_placeholder(const char *t)
{
	size_t l = strlen(t);

	if (t[0] == '<')
		return true;
	if (l > 3 && !strcmp(t + l - 3, "/nn"))
		l -= 3;
	if (!isupper((unsigned char)t[0]))
		return false;
	for (size_t i = 0; i < l; i++)
		if (islower((unsigned char)t[i]))
			return false;
	return true;
}

/* The k-th arghelp line named t (k counts from 0), else the last one. */
static char *help_for(const char *arghelp, const char *t, int k)
{
	const char *p = arghelp, *found = NULL;
	size_t flen = 0, tl = strlen(t);

	while (p && *p) {
		const char *nl = strchr(p, '\n'), *tab;
		size_t l = nl ? (size_t)(nl - p) : strlen(p);

		tab = memchr(p, '\t', l);
		if (tab && (size_t)(tab - p) == tl && !strncmp(p, t, tl)) {
			found = tab + 1;
			flen = l - (tab - p) - 1;
			if (k-- == 0)
				break;
		}
		p = nl ? nl + 1 : NULL;
	}
	return found ? strndup(found, flen) : strdup("");
}

static struct node *token(struct parser *ps, const char *start, size_t len)
{
	struct syn *g = ps->g;
	struct node *n;
	struct tok *t;
	int k = 0;

	if (g->ntoks >= SYN_MAX_TOKENS) {
		snprintf(ps->err, ps->errlen, "too many tokens");
		ps->failed = true;
		return NULL;
	}
	if (!(n = node_new(ps, N_TOK)))
		return NULL;
	t = &g->toks[g->ntoks];
	if (!(t->name = strndup(start, len))) {
		ps->failed = true;
		return NULL;
	}
	for (int i = 0; i < g->ntoks; i++)
		k += !strcmp(g->toks[i].name, t->name);
	t->help = help_for(ps->arghelp ? ps->arghelp : "", t->name, k);
	if (!is_placeholder(t->name))
		t->type = T_KEYWORD;
	else if (!strcmp(t->name, "A.B.C.D"))
		t->type = T_ADDR;
	else if (!strcmp(t->name, "A.B.C.D/nn"))
		t->type = T_PREFIX;
	else if (!strcmp(t->name, "X:X:X:X::X"))
		t->type = T_ADDR6;
	else if (!strcmp(t->name, "X:X:X:X::X/nn") || !strcmp(t->name, "X:X:X:X::X/<0-128>"))
		t->type = T_PREFIX6;
	else if (!strcmp(t->name, "LINE"))
		t->type = T_LINE;
	else if (!strcmp(t->name, "IF"))
		t->type = T_IF;
	else if (!strcmp(t->name, "HOST") || !strcmp(t->name, "ICMP"))
		t->type = T_HOST;	/* a name, not a keyword of the command */
	else if (t->name[0] == '<' && sscanf(t->name, "<%ld-%ld>", &t->lo, &t->hi) == 2)
		t->type = T_RANGE;
	else
		t->type = T_WORD;
	n->tok = g->ntoks++;
	return n;
}

static void skip_blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static struct node *expr(struct parser *ps);

static struct node *item(struct parser *ps)
{
	struct node *n = NULL, *r;
	char close = 0;

	skip_blanks(ps);
	if (*ps->p == '[' || *ps->p == '{') {
		close = *ps->p == '[' ? ']' : '}';
		ps->p++;
		n = expr(ps);
		skip_blanks(ps);
		if (*ps->p != close) {
			snprintf(ps->err, ps->errlen, "missing '%c'", close);
			ps->failed = true;
			return NULL;
		}
		ps->p++;
		if (close == ']' && n) {
			struct node *o = node_new(ps, N_OPT);

			add_kid(ps, o, n);
			n = o;
		}
	} else {
		const char *s = ps->p;

		while (*ps->p && !strchr(" \t[]{}|", *ps->p))
			ps->p++;
		if (ps->p == s)
			return NULL;
		n = token(ps, s, ps->p - s);
	}
	if (n && !strncmp(ps->p, "...", 3)) {
		ps->p += 3;
		if ((r = node_new(ps, N_REP)))
			add_kid(ps, r, n);
		n = r;
	}
	return n;
}

static struct node *seq(struct parser *ps)
{
	struct node *s = node_new(ps, N_SEQ), *it;

	for (;;) {
		skip_blanks(ps);
		if (!*ps->p || strchr("]}|", *ps->p) || ps->failed)
			break;
		if (!(it = item(ps)))
			break;
		add_kid(ps, s, it);
	}
	return s;
}

static struct node *expr(struct parser *ps)
{
	struct node *first = seq(ps), *alt;

	skip_blanks(ps);
	if (*ps->p != '|')
		return first;
	alt = node_new(ps, N_ALT);
	add_kid(ps, alt, first);
	while (*ps->p == '|' && !ps->failed) {
		ps->p++;
		add_kid(ps, alt, seq(ps));
		skip_blanks(ps);
	}
	return alt;
}

struct syn *syn_compile(const char *spec, const char *arghelp, char *err, size_t errlen)
{
	struct syn *g = calloc(1, sizeof(*g));
	struct parser ps = { g, spec, arghelp, err, errlen, false };

	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	g->root = expr(&ps);
	skip_blanks(&ps);
	if (!ps.failed && *ps.p) {
		snprintf(err, errlen, "unexpected '%c'", *ps.p);
		ps.failed = true;
	}
	if (ps.failed || !g->root) {
		syn_free(g);
		return NULL;
	}
	return g;
}

void syn_free(struct syn *g)
{
	if (!g)
		return;
	for (int i = 0; i < g->ntoks; i++) {
		free(g->toks[i].name);
		free(g->toks[i].help);
	}
	free(g);
}

/* ------------------------------------------------------------ match */

struct cont {
	const struct node *n;
	const struct cont *next;
	bool again;		/* after one more round of an N_REP */
	int start;		/* where that round began */
};

struct walk {
	const struct syn *g;
	char **w;
	int n;
	bool cr;
	bool seen[SYN_MAX_TOKENS];
	int furthest;
	long steps;
};

/* A host name ('ip host'): a word with a letter that is neither an address
 * nor an abbreviation of one of the command's keywords, which IOS's parser
 * reads first ('ping ipv6 ?' asks for the address, not the options). */
static bool host_match(const struct syn *g, const char *w)
{
	struct in6_addr a6;
	bool letter = false;

	if (inet_pton(AF_INET6, w, &a6) == 1)
		return false;
	for (const char *p = w; *p; p++)
		letter |= isalpha((unsigned char)*p) != 0;
	if (!letter)
		return false;
	for (int i = 0; i < g->ntoks; i++)
		if (g->toks[i].type == T_KEYWORD && strlen(w) <= strlen(g->toks[i].name) &&
		    !strncasecmp(w, g->toks[i].name, strlen(w)))
			return false;
	return true;
}

static bool tok_match(const struct tok *t, const char *w)
{
	struct in6_addr a6;
	struct in_addr a;
	char *end;
	long v;

	switch (t->type) {
	case T_KEYWORD:
		return *w && strlen(w) <= strlen(t->name) && !strncasecmp(w, t->name, strlen(w));
	case T_ADDR:
		return inet_pton(AF_INET, w, &a) == 1;
	case T_ADDR6:
		return inet_pton(AF_INET6, w, &a6) == 1;
	case T_PREFIX:
	case T_PREFIX6: {
		const char *sl = strchr(w, '/');
		char ab[INET6_ADDRSTRLEN];
		bool v6 = t->type == T_PREFIX6;

		if (!sl || sl - w >= (long)sizeof(ab) || !isdigit((unsigned char)sl[1]))
			return false;
		snprintf(ab, sizeof(ab), "%.*s", (int)(sl - w), w);
		errno = 0;
		v = strtol(sl + 1, &end, 10);
		return (v6 ? inet_pton(AF_INET6, ab, &a6) : inet_pton(AF_INET, ab, &a)) == 1 &&
		       !*end && !errno && v >= 0 && v <= (v6 ? 128 : 32);
	}
	case T_IF:
		return isalpha((unsigned char)w[0]);
	case T_RANGE:
		if (!isdigit((unsigned char)w[0]))
			return false;
		errno = 0;
		v = strtol(w, &end, 10);
		return !*end && !errno && v >= t->lo && v <= t->hi;
	default:
		return *w != '\0';
	}
}

static void walk(struct walk *c, const struct cont *k, int i)
{
	const struct node *nd;

	if (++c->steps > SYN_MAX_STEPS)
		return;
	if (i > c->furthest)
		c->furthest = i;
	if (!k) {
		if (i == c->n)
			c->cr = true;
		return;
	}
	nd = k->n;
	if (k->again) {
		/* One round of the repeat is done: stop, or go round again
		 * if it consumed something. */
		walk(c, k->next, i);
		if (i > k->start) {
			struct cont again = { nd, k->next, true, i };
			struct cont round = { nd->kids[0], &again, false, 0 };

			walk(c, &round, i);
		}
		return;
	}
	switch (nd->kind) {
	case N_TOK: {
		const struct tok *t = &c->g->toks[nd->tok];

		if (i == c->n) {
			c->seen[nd->tok] = true;
			return;
		}
		if (t->type == T_LINE)
			walk(c, k->next, c->n);
		else if (t->type == T_HOST ? host_match(c->g, c->w[i]) : tok_match(t, c->w[i]))
			walk(c, k->next, i + 1);
		return;
	}
	case N_SEQ: {
		struct cont cs[SYN_MAX_KIDS];

		if (!nd->nkids) {
			walk(c, k->next, i);
			return;
		}
		for (int j = 0; j < nd->nkids; j++) {
			cs[j].n = nd->kids[j];
			cs[j].next = j + 1 < nd->nkids ? &cs[j + 1] : k->next;
			cs[j].again = false;
			cs[j].start = 0;
		}
		walk(c, &cs[0], i);
		return;
	}
	case N_ALT:
		for (int j = 0; j < nd->nkids; j++) {
			struct cont one = { nd->kids[j], k->next, false, 0 };

			walk(c, &one, i);
		}
		return;
	case N_OPT: {
		struct cont one = { nd->kids[0], k->next, false, 0 };

		walk(c, k->next, i);
		walk(c, &one, i);
		return;
	}
	case N_REP: {
		struct cont again = { nd, k->next, true, i };
		struct cont round = { nd->kids[0], &again, false, 0 };

		walk(c, &round, i);
		return;
	}
	}
}

int syn_next(const struct syn *g, char **words, int n, const char *partial,
	     struct syn_tok *out, int max, bool *cr, int *bad)
{
	struct walk c = { .g = g, .w = words, .n = n };
	struct cont top = { g->root, NULL, false, 0 };
	int k = 0;

	walk(&c, &top, 0);
	*cr = c.cr && !partial;
	if (bad)
		*bad = c.furthest;
	for (int t = 0; t < g->ntoks && k < max; t++) {
		const struct tok *tk = &g->toks[t];
		bool dup = false;

		if (!c.seen[t])
			continue;
		if (partial && (tk->type != T_KEYWORD || !tok_match(tk, partial)))
			continue;
		for (int j = 0; j < k; j++)
			dup |= !strcmp(out[j].name, tk->name) && !strcmp(out[j].help, tk->help);
		if (dup)
			continue;
		out[k].name = tk->name;
		out[k].help = tk->help;
		out[k].keyword = tk->type == T_KEYWORD;
		k++;
	}
	if (!k && !c.cr && c.furthest < n)
		return -1;
	return k;
}

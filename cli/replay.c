/*
 * DOC: configuration file replay: a startup-config as IOS and IOS-XE write it
 *
 * Our own loop, not libcli's cli_file(): that one treats '#' as a comment
 * (keys may contain it), rejects IOS '!' lines and reports no line
 * numbers.  A line whose first non-blank character is '!' is a comment,
 * 'end' stops the file, and every rejected line is reported as
 * "FILE:LINE: % ..." followed by the shell's echo and '^' marker; the rest
 * of the file still loads.
 *
 * IOS prints a configuration indented one space per mode level, and real
 * files carry whole features lispr does not have (IS-IS, BGP, crypto PKI,
 * a 'vrf definition' address family's BGP lines).  So the replay reads the
 * indentation as IOS wrote it ('vrf definition' blocks themselves run:
 * cmd_vrf.c):
 *   - a line that enters a mode opens a block; the lines indented deeper
 *     belong to it, and the first line back at or above its indentation
 *     lands in the mode that indentation is in (the parent's), whatever an
 *     'exit' inside the block did or did not do;
 *   - a rejected line followed by deeper lines was a mode lispr does not
 *     know: its block is skipped with it and reported once, with the
 *     number of lines skipped ('banner' text up to its delimiter likewise);
 *   - consecutive lines rejected alike (the same words up to the one
 *     marked '^': 'ip http ...', 'platform ...') are reported once, with
 *     the line numbers of the others;
 *   - 'exit' and 'exit-*' leave at most the mode the file is in at that
 *     line, never configuration mode itself.
 * A file written flat (no indentation at all) replays as typed: a command
 * of a parent mode leaves the submode, as on IOS.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fib.h"
#include "shell.h"

/* Echo and '^' of a rejected line start this far in (shell.c's caret). */
#define ECHO_COL	4
#define MAX_DEPTH	32
#define MAX_LISTED	8	/* line numbers named in a coalesced report */

struct outbuf {
	char **lines;
	size_t n, cap;
};

/* A rejected line, or a run of lines rejected alike, held until it is
 * known how many lines its block has and whether the next one joins. */
struct item {
	bool active;
	unsigned lineno;
	int indent;
	char *key;		/* "" never joins a run */
	struct outbuf out;	/* the first line's messages */
	unsigned more;		/* further lines of the run */
	unsigned listed[MAX_LISTED];
	unsigned skipped;	/* lines of the blocks skipped */
};

struct blk {
	int indent;		/* of the line that opened it */
	int mode;		/* the mode inside (a real block) */
	bool content;		/* a deeper line was seen */
	bool skip;		/* a rejected opener: its lines are skipped */
	char delim;		/* banner text: skip up to this character */
};

struct replay {
	struct shell_sess *s;
	const char *name;
	FILE *errs;
	FILE *in;
	bool text_taken;	/* the line being run read lines after it */
	unsigned lineno;
	unsigned rejected;
	struct outbuf cur;	/* output of the line being run */
	struct item pending;	/* the rejected line being looked at */
	struct item run;	/* the run it may join */
	struct blk stack[MAX_DEPTH];
	int depth;		/* stack[0] is configuration mode itself */
	char **seen_if;		/* interfaces whose stanza has been seen */
	size_t nseen;
};

static void out_add(struct outbuf *o, const char *line)
{
	char *d;

	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 8;
		char **nl = realloc(o->lines, cap * sizeof(*nl));

		if (!nl)
			return;
		o->lines = nl;
		o->cap = cap;
	}
	if ((d = strdup(line)))
		o->lines[o->n++] = d;
}

static void out_clear(struct outbuf *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->lines[i]);
	free(o->lines);
	memset(o, 0, sizeof(*o));
}

static void replay_out(void *arg, const char *line)
{
	out_add(&((struct replay *)arg)->cur, line);
}

static bool has_error(const struct outbuf *o)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->lines[i][0] == '%')
			return true;
	return false;
}

/* Messages of an accepted line (a warning) go out as they are. */
static void emit(struct replay *r, unsigned lineno, const struct outbuf *o, const char *suffix)
{
	bool first = true;

	if (!r->errs)
		return;
	for (size_t i = 0; i < o->n; i++) {
		if (o->lines[i][0] == '%') {
			fprintf(r->errs, "%s:%u: %s%s\n", r->name, lineno, o->lines[i], first ? suffix : "");
			first = false;
		} else {
			fprintf(r->errs, "%s\n", o->lines[i]);
		}
	}
}

static void item_clear(struct item *it)
{
	free(it->key);
	out_clear(&it->out);
	memset(it, 0, sizeof(*it));
}

static void run_flush(struct replay *r)
{
	struct item *it = &r->run;
	char suffix[256] = "";
	size_t o = 0;

	if (!it->active)
		return;
	if (it->more) {
		o += snprintf(suffix + o, sizeof(suffix) - o, " (%u more like it at line%s", it->more,
			      it->more > 1 ? "s" : "");
		for (unsigned i = 0; i < it->more && i < MAX_LISTED && o < sizeof(suffix); i++)
			o += snprintf(suffix + o, sizeof(suffix) - o, "%s %u", i ? "," : "", it->listed[i]);
		if (it->more > MAX_LISTED && o < sizeof(suffix))
			o += snprintf(suffix + o, sizeof(suffix) - o, ", ...");
	}
	if (it->skipped && o < sizeof(suffix))
		o += snprintf(suffix + o, sizeof(suffix) - o, "%s%u line%s of %s skipped",
			      it->more ? "; " : " (", it->skipped, it->skipped == 1 ? "" : "s",
			      it->more ? "their blocks" : "this block");
	if (o && o < sizeof(suffix))
		snprintf(suffix + o, sizeof(suffix) - o, ")");
	emit(r, it->lineno, &it->out, suffix);
	item_clear(it);
}

/* The pending rejected line is complete: join the run or start one. */
static void pending_done(struct replay *r)
{
	struct item *p = &r->pending, *run = &r->run;

	if (!p->active)
		return;
	if (run->active && p->key[0] && !strcmp(run->key, p->key) && run->indent == p->indent) {
		if (run->more < MAX_LISTED)
			run->listed[run->more] = p->lineno;
		run->more++;
		run->skipped += p->skipped;
		item_clear(p);
		return;
	}
	run_flush(r);
	*run = *p;
	memset(p, 0, sizeof(*p));
}

/*
 * What makes two rejections alike: the line up to the end of the word
 * the '^' points at ("ip http" for 'ip http server' and 'ip http
 * secure-server').  Without a marker the line stands alone.
 */
static char *reject_key(const struct outbuf *o, const char *line)
{
	for (size_t i = 0; i < o->n; i++) {
		const char *c = o->lines[i];
		size_t sp = strspn(c, " "), col, end;

		if (c[sp] != '^' || c[sp + 1] || sp < ECHO_COL)
			continue;
		col = sp - ECHO_COL;
		if (col >= strlen(line))
			break;
		end = col + strcspn(line + col, " \t");
		return strndup(line, end);
	}
	return strdup("");
}

static void pop(struct replay *r)
{
	struct blk *b = &r->stack[r->depth];

	if (b->skip)
		pending_done(r);
	r->depth--;
}

static void push(struct replay *r, const struct blk *b)
{
	if (r->depth + 1 >= MAX_DEPTH) {
		/* Deeper than any IOS mode: stay flat from here. */
		if (b->skip)
			pending_done(r);
		return;
	}
	r->stack[++r->depth] = *b;
}

static bool is_exit(const char *p)
{
	return !strncasecmp(p, "exit", 4) && (!p[4] || p[4] == '-' || isspace((unsigned char)p[4]));
}

/* 'banner motd ^C' with its text on the next lines: the delimiter that
 * ends it, or '\0' when the line holds the whole banner. */
static char banner_delim(const char *p)
{
	const char *w = p;
	char d;

	if (strncasecmp(w, "banner", 6) || !isspace((unsigned char)w[6]))
		return '\0';
	w += 6;
	w += strspn(w, " \t");
	w += strcspn(w, " \t");		/* the banner's type */
	w += strspn(w, " \t");
	if (!*w)
		return '\0';
	/* IOS writes ^C as the two characters '^' 'C'. */
	if (w[0] == '^' && w[1] == 'C') {
		return strstr(w + 2, "^C") ? '\0' : '^';
	}
	d = w[0];
	return strchr(w + 1, d) ? '\0' : d;
}

static int indent_of(const char *line, const char **text)
{
	int col = 0;
	const char *p = line;

	for (; *p == ' ' || *p == '\t'; p++)
		col = *p == '\t' ? (col / 8 + 1) * 8 : col + 1;
	*text = p;
	return col;
}

static void set_mode(struct replay *r, int mode)
{
	if (r->s->cli->mode != mode)
		shell_set_mode(r->s->cli, mode);
}

/* Run a line in mode 'want' (-1: the mode of the block it is in). */
static void run_line(struct replay *r, const char *p, int d, int want)
{
	struct shell_sess *s = r->s;
	struct blk *top = &r->stack[r->depth];
	unsigned desc = s->descents, at;
	int before, after, rc;
	bool rejected;

	/* Inside a block, a line stays deeper when the file went on flat
	 * in there (a submode's lines not indented further). */
	before = s->cli->mode;
	if (want < 0 && r->depth > 0 && before != top->mode && !shell_mode_below(before, top->mode))
		want = top->mode;
	if (want >= 0)
		set_mode(r, want);
	before = s->cli->mode;

	s->col_base = ECHO_COL;
	r->text_taken = false;
	at = r->lineno;		/* a banner reads on: reported at its first line */
	rc = shell_exec(s, p);
	after = s->cli->mode;
	if (after == SHELL_EXEC) {
		/* 'exit' or 'end' of configuration mode: a file stays in it. */
		set_mode(r, SHELL_CONFIG);
		after = SHELL_CONFIG;
	}
	if (is_exit(p) && after != before && shell_mode_below(before, after)) {
		/* Leave at most the mode the file is in, and close its block. */
		if (shell_mode_below(shell_mode_parent(before), after))
			set_mode(r, shell_mode_parent(before));
		if (r->depth > 0 && top->mode == before)
			r->depth--;
	}

	rejected = rc != CLI_OK && s->descents == desc;
	if (rejected || has_error(&r->cur))
		r->rejected++;
	if (rejected) {
		/* A banner that read its text (and was refused) took it all. */
		struct blk b = { .indent = d, .skip = true, .delim = r->text_taken ? '\0' : banner_delim(p) };

		r->pending.active = true;
		r->pending.lineno = at;
		r->pending.indent = d;
		r->pending.key = reject_key(&r->cur, p);
		r->pending.out = r->cur;
		memset(&r->cur, 0, sizeof(r->cur));
		if (!r->pending.key)
			r->pending.key = calloc(1, 1);
		push(r, &b);
		return;
	}
	run_flush(r);
	emit(r, at, &r->cur, "");
	out_clear(&r->cur);
	if (s->descents != desc) {
		struct blk b = { .indent = d, .mode = s->cli->mode };

		push(r, &b);
	}
}

static void replay_line(struct replay *r, char *buf)
{
	const char *p;
	size_t n = strlen(buf);
	int d, want = -1, aligned = -1;

	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	d = indent_of(buf, &p);

	if (r->depth > 0 && r->stack[r->depth].delim) {
		/* Banner text, whatever its indentation, up to the delimiter. */
		struct blk *b = &r->stack[r->depth];

		r->pending.skipped++;
		if ((b->delim == '^' && strstr(p, "^C")) || (b->delim != '^' && strchr(p, b->delim)))
			b->delim = '\0', b->indent = 1 << 20;	/* closed by the next line */
		return;
	}
	if (!*p || *p == '!')
		return;
	/* Back out of the blocks this line is not indented into: it lands
	 * in the mode of the block that holds it (the parent's).  An 'exit'
	 * aligned with the opener of a block it leaves, as people write by
	 * hand, closes that block only. */
	while (r->depth > 0 && d <= r->stack[r->depth].indent) {
		const struct blk *b = &r->stack[r->depth];

		if (!b->skip && b->content)
			want = r->stack[r->depth - 1].mode;
		if (!b->skip && b->indent == d)
			aligned = b->mode;
		pop(r);
	}
	if (r->depth > 0 && r->stack[r->depth].skip) {
		r->pending.skipped++;
		return;
	}
	if (r->depth > 0)
		r->stack[r->depth].content = true;
	if (aligned >= 0 && is_exit(p))
		want = aligned;
	run_line(r, p, d, want);
}

bool shell_replay_first_stanza(struct shell_sess *s, const char *ifname)
{
	struct replay *r = s ? s->replay : NULL;
	char **n;

	if (!r)
		return false;
	for (size_t i = 0; i < r->nseen; i++)
		if (!strcmp(r->seen_if[i], ifname))
			return false;
	if (!(n = realloc(r->seen_if, (r->nseen + 1) * sizeof(*n))))
		return false;
	r->seen_if = n;
	if (!(n[r->nseen] = strdup(ifname)))
		return false;
	r->nseen++;
	return true;
}

/* A command's further lines (a banner's text): the file's next lines, as
 * they are but for their line end. */
static int replay_gettext(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	struct replay *r = s->gettext_arg;
	size_t n;

	(void)prompt;
	if (!fgets(buf, (int)len, r->in))
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		r->lineno++;
	else if (n + 1 == len)	/* longer than buf: the rest is dropped */
		for (int c; (c = fgetc(r->in)) != EOF && c != '\n';)
			;
	buf[strcspn(buf, "\r\n")] = '\0';
	r->text_taken = true;
	return 0;
}

int shell_load_stream(struct shell *sh, FILE *in, const char *name, FILE *errs)
{
	struct replay r = { .name = name, .errs = errs, .in = in };
	char *buf = NULL;
	size_t cap = 0;

	r.stack[0].indent = -1;
	r.stack[0].mode = SHELL_CONFIG;
	if (!(r.s = shell_sess_new(sh, SHELL_FILE, replay_out, &r)))
		return -1;
	r.s->replay = &r;
	r.s->gettext = replay_gettext;
	r.s->gettext_arg = &r;
	/* The routing tables are rebuilt once, at the end (fib_hold()). */
	if (sh->router) {
		shell_lock(sh);
		fib_hold(sh->router, true);
		shell_unlock(sh);
	}
	while (getline(&buf, &cap, in) >= 0) {
		const struct blk *top = &r.stack[r.depth];
		const char *p;
		int d;

		r.lineno++;
		d = indent_of(buf, &p);
		/* 'end' stops the file, unless it is text of a block being
		 * skipped. */
		if (!strncmp(p, "end", 3) && strspn(p + 3, " \t\r\n") == strlen(p + 3) &&
		    !(r.depth > 0 && top->skip && (top->delim || d > top->indent)))
			break;
		replay_line(&r, buf);
	}
	while (r.depth > 0)
		pop(&r);
	pending_done(&r);
	if (sh->router) {
		shell_lock(sh);
		fib_hold(sh->router, false);
		shell_unlock(sh);
	}
	run_flush(&r);
	free(buf);
	r.s->replay = NULL;
	shell_sess_free(r.s);
	out_clear(&r.cur);
	for (size_t i = 0; i < r.nseen; i++)
		free(r.seen_if[i]);
	free(r.seen_if);
	return r.rejected;
}

int shell_load(struct shell *sh, const char *path, FILE *errs)
{
	FILE *f = fopen(path, "r");
	int rc;

	if (!f)
		return -1;
	rc = shell_load_stream(sh, f, path, errs);
	fclose(f);
	return rc;
}

/*
 * DOC: 'banner {motd | login | exec} D text D': what a session shows as it
 * starts
 *
 * As IOS: the first character after the banner's type is the delimiter
 * (a file may write it as the two characters "^C", as IOS prints it), and
 * the text runs up to the next one, on the same line or on the lines that
 * follow.  Typed, a banner left open asks for its lines ("Enter TEXT
 * message.  End with the character 'D'.") through the session's gettext
 * hook, the router lock let go while the user types; a startup-config
 * replay hands over the file's next lines the same way (replay.c).  The
 * text is kept as it was between the delimiters, at most SHELL_BANNER_MAX
 * - 1 characters (longer is refused with a % error), and the
 * running-config prints it between "^C" delimiters, as IOS does.
 *
 * A telnet session shows the motd banner, then the login banner when the
 * line asks for a login, and the exec banner once the user is in
 * (vty.c); the console shows the motd and exec banners when its session
 * starts (console.c).  "$(hostname)" in the text is the router's name at
 * that moment (shell_banner_text()).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "shell.h"

static const char *const banner_names[SHELL_BANNERS] = { "motd", "login", "exec" };

static int banner_kind(const char *w)
{
	size_t n = strlen(w);

	for (int k = 0; k < SHELL_BANNERS; k++)
		if (n && n <= strlen(banner_names[k]) && !strncasecmp(w, banner_names[k], n))
			return k;
	return -1;
}

/* Append text to buf (of SHELL_BANNER_MAX); false when it does not fit. */
static bool add(char *buf, size_t *len, const char *text, size_t n)
{
	if (*len + n >= SHELL_BANNER_MAX)
		return false;
	memcpy(buf + *len, text, n);
	*len += n;
	buf[*len] = '\0';
	return true;
}

/*
 * The rest of the line after the banner's type word, straight from the
 * line as typed (its spaces are part of the text): where the delimiter
 * starts, or NULL.
 */
static const char *after_type(struct shell_sess *s)
{
	const char *p = s->line;
	int col = s->argcol[0];

	if (!p || col < 0 || (size_t)col > strlen(p))
		return NULL;
	p += col;
	p += strcspn(p, " \t");
	p += strspn(p, " \t");
	return *p ? p : NULL;
}

static int cmd_banner(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell *sh = s->sh;
	char text[SHELL_BANNER_MAX], line[SHELL_BANNER_MAX], dl[3];
	const char *p, *end;
	size_t len = 0, dn;
	int kind, rc = CLI_OK;
	unsigned lines = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((kind = banner_kind(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	if (argc < 2 || !(p = after_type(s)))
		return shell_err_incomplete(cli);
	/* "^C" as two characters is IOS's own way of writing Ctrl-C. */
	if (p[0] == '^' && p[1] == 'C') {
		snprintf(dl, sizeof(dl), "^C");
		dn = 2;
	} else {
		dl[0] = p[0];
		dl[1] = '\0';
		dn = 1;
	}
	text[0] = '\0';
	p += dn;
	/* The running-config writes every banner between "^C"s. */
	if (dn == 1 && strstr(p, "^C") && (!(end = strstr(p, dl)) || strstr(p, "^C") < end))
		return shell_err(cli, "%% A banner's text cannot hold \"^C\"");
	if ((end = strstr(p, dl))) {
		if (!add(text, &len, p, (size_t)(end - p)))
			return shell_err(cli, "%% Banner too long (at most %d characters)", SHELL_BANNER_MAX - 1);
		snprintf(sh->conf.banner[kind], sizeof(sh->conf.banner[kind]), "%s", text);
		return CLI_OK;
	}
	if (!s->gettext)
		return shell_err(cli, "%% The banner's text cannot be typed here: end it on this line (banner %s %s...%s)",
				 banner_names[kind], dl, dl);
	/* The first line's blanks at its end go, as a file's replay drops
	 * them: typed or loaded, the same text. */
	dn = strlen(p);
	while (dn && (p[dn - 1] == ' ' || p[dn - 1] == '\t' || p[dn - 1] == '\r'))
		dn--;
	if (!add(text, &len, p, dn))
		return shell_err(cli, "%% Banner too long (at most %d characters)", SHELL_BANNER_MAX - 1);
	dn = strlen(dl);
	/* The user types at leisure: the router goes on meanwhile. */
	shell_unlock(sh);
	snprintf(line, sizeof(line), "Enter TEXT message.  End with the character '%s'.\n", dl);
	for (const char *prompt = line;; prompt = NULL) {
		char in[SHELL_BANNER_MAX];

		if (s->gettext(s, prompt, in, sizeof(in)) != 0) {
			rc = shell_err(cli, "%% Banner not ended with '%s': not changed", dl);
			break;
		}
		end = strstr(in, dl);
		if (dn == 1 && strstr(in, "^C") && (!end || strstr(in, "^C") < end)) {
			rc = shell_err(cli, "%% A banner's text cannot hold \"^C\"");
			while (!end && s->gettext(s, NULL, in, sizeof(in)) == 0)
				end = strstr(in, dl);
			break;
		}
		if (!add(text, &len, "\n", 1) || !add(text, &len, in, end ? (size_t)(end - in) : strlen(in)) ||
		    ++lines > SHELL_BANNER_LINES) {
			rc = shell_err(cli, "%% Banner too long (at most %d characters, %d lines)",
				       SHELL_BANNER_MAX - 1, SHELL_BANNER_LINES);
			/* The rest of the text is not taken as commands. */
			while (!end && s->gettext(s, NULL, in, sizeof(in)) == 0)
				end = strstr(in, dl);
			break;
		}
		if (end)
			break;
	}
	shell_lock(sh);
	if (rc == CLI_OK)
		snprintf(sh->conf.banner[kind], sizeof(sh->conf.banner[kind]), "%s", text);
	return rc;
}

static int cmd_no_banner(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	int kind;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((kind = banner_kind(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	sh->conf.banner[kind][0] = '\0';
	return CLI_OK;
}

size_t shell_banner_text(struct shell *sh, int kind, char *out, size_t len)
{
	static const char tok[] = "$(hostname)";
	const char *p = sh->conf.banner[kind], *t;
	size_t n = 0;

	if (!len)
		return 0;
	out[0] = '\0';
	while (*p && n + 1 < len) {
		if ((t = strstr(p, tok)) == p) {
			n += (size_t)snprintf(out + n, len - n, "%s", sh->conf.hostname);
			if (n >= len)
				n = len - 1;
			p += sizeof(tok) - 1;
			continue;
		}
		out[n++] = *p++;
		out[n] = '\0';
	}
	return n;
}

static void banner_write(struct shell *sh, FILE *f)
{
	for (int k = 0; k < SHELL_BANNERS; k++)
		if (sh->conf.banner[k][0])
			fprintf(f, "banner %s ^C%s^C\n", banner_names[k], sh->conf.banner[k]);
}

static void banner_cmds(struct cli_def *cli)
{
	static const char help[] = "motd\tSet Message of the Day banner\n"
				   "login\tSet login banner\nexec\tSet EXEC process creation banner\n"
				   "LINE\tc banner-text c, where 'c' is a delimiting character";
	struct cli_command *c, *no;

	c = shell_cmd(cli, NULL, "banner", cmd_banner, SHELL_PRIV_ENABLE, SHELL_CONFIG, "Define a login banner");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, "{motd | login | exec} LINE");
	shell_text_ok(cli, c);
	no = shell_node(cli, NULL, "no", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "banner", cmd_no_banner, SHELL_PRIV_ENABLE, SHELL_CONFIG, "Define a login banner");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, "{motd | login | exec} [LINE]");
}

const struct shell_feature shell_feature_banner = {
	.name = "banner",
	.cmds = banner_cmds,
	.write = banner_write,
};

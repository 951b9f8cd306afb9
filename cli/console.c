/*
 * DOC: the local console
 *
 * On a terminal the console uses GNU readline: history, line editing, TAB
 * completion and '?' help, both answered by the shell's own matcher so they
 * agree with what a line will do.  Readline is process-wide, so the console
 * session it serves is too (one console per process).  Ctrl-Z runs 'end'
 * (the terminal's suspend character is switched off while the console
 * runs); Ctrl-C, as IOS, leaves a configuration mode for privileged EXEC
 * and in EXEC drops the line typed (the interrupt character is switched
 * off too, so readline sees it as a key); 'exit' at the exec level closes
 * the session and, as on IOS, a new one starts at the next RETURN.  The
 * up-arrow history is the session's (shell_history()): one for EXEC and
 * one for the configuration modes, as on IOS.
 *
 * Batch mode reads commands from a stream and prints a transcript (prompt,
 * line, output): the same lines through the same matcher, for scripts and
 * tests.
 */
#include "config.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "log.h"

static struct shell_sess *console_sess;	/* readline has no user pointer */
static struct shell *console_sh;

static void out_file(void *arg, const char *line)
{
	fprintf(arg, "%s\n", line);
	fflush(arg);
}

static int tty_getpass(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
	int rc = -1;

	fputs(prompt, stdout);
	fflush(stdout);
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, len, stdin)) {
		buf[strcspn(buf, "\r\n")] = '\0';
		rc = 0;
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputs("\n", stdout);
	return rc;
}

/* A line of text a command asks for (a banner's), from standard input
 * as typed (console) or as the batch's next line (in gettext_arg). */
static int file_gettext(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	FILE *in = s->gettext_arg ? s->gettext_arg : stdin;
	FILE *out = s->out_arg ? s->out_arg : stdout;

	shell_flush(s);	/* what the command printed first, before the prompt */
	if (prompt)
		fputs(prompt, out);
	fflush(out);
	if (!fgets(buf, (int)len, in))
		return -1;
	if (!strchr(buf, '\n'))	/* longer than buf: the rest is dropped */
		for (int c; (c = fgetc(in)) != EOF && c != '\n';)
			;
	buf[strcspn(buf, "\r\n")] = '\0';
	if (s->kind == SHELL_BATCH)	/* the transcript shows what was read */
		fprintf(out, "%s\n", buf);
	else if (!isatty(fileno(in)))	/* a terminal echoed the line's end */
		fputs("\n", out);
	fflush(out);	/* before what the command logs */
	return 0;
}

static char *complete_gen(const char *text, int state)
{
	static char **words;
	static int n, i;

	if (state == 0) {
		char *line = strndup(rl_line_buffer, rl_point);

		shell_free_words(words, n);
		words = line ? shell_complete(console_sess, line, &n) : NULL;
		if (!words)
			n = 0;
		i = 0;
		free(line);
	}
	if (i < n)
		return strdup(words[i++]);
	shell_free_words(words, n);
	words = NULL;
	n = 0;
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, complete_gen);
}

static int key_help(int count, int key)
{
	char *line = strndup(rl_line_buffer, rl_point);

	printf("?\n");
	if (line)
		shell_help(console_sess, line);
	free(line);
	rl_on_new_line();
	return 0;
}

static bool interrupted;

/* Ctrl-C: '^C' after what was typed, the line dropped; the loop then
 * leaves a configuration mode (shell_interrupt). */
static int key_interrupt(int count, int key)
{
	rl_point = rl_end;
	rl_redisplay();
	fputs("^C", rl_outstream);
	rl_crlf();
	rl_replace_line("", 0);
	rl_point = 0;
	interrupted = true;
	rl_done = 1;
	return 0;
}

/* Readline's history becomes the session's, for the mode it is in now. */
static void history_sync(struct shell_sess *s)
{
	const char *l;

	clear_history();
	for (unsigned i = 0; (l = shell_history(s, shell_in_config(s), i)); i++)
		add_history(l);
}

static int key_end(int count, int key)
{
	rl_replace_line("end", 0);
	rl_point = rl_end;
	rl_redisplay();
	rl_done = 1;
	return 0;
}

static void out_raw(struct shell_sess *s, const char *text)
{
	fputs(text, s->out_arg);
	fflush(s->out_arg);
}

/* The motd and exec banners, as a console session starts (IOS shows
 * them as the line becomes active). */
static void console_banners(struct shell *sh, FILE *out)
{
	char *t = malloc(2 * SHELL_BANNER_MAX);

	if (!t)
		return;
	shell_lock(sh);
	shell_banner_text(sh, SHELL_BANNER_MOTD, t, SHELL_BANNER_MAX);
	shell_banner_text(sh, SHELL_BANNER_EXEC, t + SHELL_BANNER_MAX, SHELL_BANNER_MAX);
	shell_unlock(sh);
	for (int k = 0; k < 2; k++)
		if (t[k * SHELL_BANNER_MAX])
			fprintf(out, "\n%s\n", t + k * SHELL_BANNER_MAX);
	fflush(out);
	free(t);
}

static struct shell_sess *console_new(struct shell *sh, FILE *out)
{
	struct shell_sess *s = shell_sess_new(sh, SHELL_CONSOLE, out_file, out);

	console_banners(sh, out);
	if (s) {
		struct vty_line_conf con;

		shell_lock(sh);
		con = sh->conf.con;
		shell_unlock(sh);
		shell_sess_take_line(s, &con, true);
		/* 'privilege level' on line con 0 */
		if (con.privilege) {
			s->login_priv = con.privilege - 1;
			if (s->login_priv >= 15)
				shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
		}
		s->getpass = tty_getpass;
		s->gettext = file_gettext;
		s->raw = out_raw;
		pthread_mutex_lock(&sh->sess_mtx);
		sh->line_uses[0]++;
		pthread_mutex_unlock(&sh->sess_mtx);
	}
	return s;
}

/*
 * 'logging synchronous' on line con 0.  The log writer thread offers the
 * console's lines here first (log_set_console()): those the line holds
 * wait in sh->con_held instead of being written over what is typed.
 * Readline calls console_event() about ten times a second while it waits
 * for a key; it writes the held lines after the typed text, each on a
 * line of its own, and draws the prompt and the text again.  While a
 * command runs they wait; monitor_drain() (cli/shell.c) writes them after
 * its output, before the prompt, as IOS does.
 */
static bool console_hold(void *arg, int level, const char *line)
{
	struct shell *sh = arg;

	if (!shell_sync_holds(atomic_load(&sh->con_sync_async), level))
		return false;
	shell_logq_put(&sh->con_held, line, atomic_load(&sh->con_sync_limit));
	return true;
}

static int console_event(void)
{
	char *held = console_sh ? shell_logq_text(&console_sh->con_held, "\n") : NULL;

	if (!held)
		return 0;
	fprintf(rl_outstream, "%s\n", held);
	fflush(rl_outstream);
	free(held);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* The terminal as console_run() found it: console_abort() gives it back
 * too (SIGTERM, reload). */
static struct termios tty_saved;
static bool tty_had;

int console_run(struct shell *sh)
{
	struct termios saved, t;
	bool have_tty = tcgetattr(STDIN_FILENO, &saved) == 0;
	char prompt[160];
	char *line;

	tty_saved = saved;
	tty_had = have_tty;
	if (!(console_sess = console_new(sh, stdout)))
		return -1;
	if (have_tty) {
		t = saved;
		t.c_cc[VSUSP] = _POSIX_VDISABLE;
		t.c_cc[VINTR] = _POSIX_VDISABLE;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	rl_readline_name = "lispr";
	rl_attempted_completion_function = complete;
	rl_bind_key('?', key_help);
	rl_bind_key(26, key_end);
	rl_bind_key(3, key_interrupt);
	console_sh = sh;
	rl_event_hook = console_event;
	log_set_console(console_hold, sh);
	for (;;) {
		line = readline(shell_prompt(console_sess, prompt, sizeof(prompt)));
		if (!line)
			break;
		if (interrupted) {
			interrupted = false;
			shell_interrupt(console_sess);
			history_sync(console_sess);
			free(line);
			continue;
		}
		console_sess->col_base = strlen(prompt);
		if (shell_exec(console_sess, line) == CLI_QUIT) {
			shell_sess_free(console_sess);
			free(line);
			printf("\n%s con0 is now available\n\nPress RETURN to get started.\n\n", sh->conf.hostname);
			line = readline("");
			if (!line || !(console_sess = console_new(sh, stdout)))
				break;
		}
		history_sync(console_sess);
		free(line);
	}
	free(line);
	log_set_console(NULL, NULL);
	rl_event_hook = NULL;
	if (console_sess)
		shell_sess_free(console_sess);
	console_sess = NULL;
	rl_clear_history();
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	putchar('\n');
	return 0;
}

int console_batch(struct shell *sh, FILE *in, FILE *out)
{
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, out_file, out);
	char prompt[160], *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int failed = 0;

	if (!s)
		return -1;
	s->getpass = tty_getpass;
	s->gettext = file_gettext;
	s->gettext_arg = in;
	while ((n = getline(&buf, &cap, in)) >= 0) {
		int rc;

		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		shell_prompt(s, prompt, sizeof(prompt));
		fprintf(out, "%s%s\n", prompt, buf);
		s->col_base = strlen(prompt);
		rc = shell_exec(s, buf);
		if (rc == CLI_ERROR)
			failed++;
		if (rc == CLI_QUIT)
			break;
	}
	free(buf);
	shell_sess_free(s);
	return failed;
}

void console_abort(void)
{
	rl_deprep_terminal();
	if (tty_had)
		tcsetattr(STDIN_FILENO, TCSANOW, &tty_saved);
	fputs("\n", stdout);
	fflush(stdout);
}

/*
 * DOC: configuration commands: show running-config [interface IF], show
 * startup-config, write memory, write terminal, copy running-config
 * startup-config, copy startup-config running-config (configure memory),
 * write erase (erase startup-config), reload [in DELAY [REASON] | cancel],
 * show reload
 *
 * 'show running-config' and 'write memory' both print
 * shell_config_text_sliced(), the one writer that walks the feature
 * table (its longest parts in slices, the router lock let go between).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "event.h"
#include "log.h"
#include "router.h"
#include "clockzone.h"
#include "shell.h"

static void print_text(struct cli_def *cli, char *text)
{
	for (char *line = text, *nl; line && *line; line = nl) {
		if ((nl = strchr(line, '\n')))
			*nl++ = '\0';
		cli_print(cli, "%s", line);
	}
}

static int cmd_show_running(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char *text;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(text = shell_config_text_sliced(sh)))
		return shell_err(cli, "%% Out of memory");
	/* The text is the configuration's copy: split into lines and held
	 * for output with the lock let go. */
	shell_unlock(sh);
	cli_print(cli, "Building configuration...");
	cli_print(cli, "%s", "");
	cli_print(cli, "Current configuration : %zu bytes", strlen(text));
	print_text(cli, text);
	free(text);
	shell_lock(sh);
	return CLI_OK;
}

/* 'show running-config interface IF': that interface's block alone. */
static int cmd_show_running_if(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char name[SHELL_NAME_MAX], *block, *text;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2 || !shell_ifname(sh->router, argv, argc, name, sizeof(name)) ||
	    !(block = shell_interface_text(sh, name)))
		return shell_err_invalid(cli, argc > 2 ? 2 : 0);
	if (asprintf(&text, "!\n%send\n", block) < 0) {
		free(block);
		return shell_err(cli, "%% Out of memory");
	}
	free(block);
	cli_print(cli, "Building configuration...");
	cli_print(cli, "%s", "");
	cli_print(cli, "Current configuration : %zu bytes", strlen(text));
	print_text(cli, text);
	free(text);
	return CLI_OK;
}

static int cmd_show_startup(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char *text = NULL, *path;
	size_t cap = 0;
	ssize_t n = 0;
	FILE *f;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!sh->config_path)
		return shell_err(cli, "startup-config is not present");
	if (!(path = strdup(sh->config_path)))
		return shell_err(cli, "%% Out of memory");
	/* The disk may be slow (or a network file system): read it with the
	 * router lock let go, as 'write memory' writes it. */
	shell_unlock(sh);
	if ((f = fopen(path, "r"))) {
		if ((n = getdelim(&text, &cap, '\0', f)) < 0) {
			free(text);
			text = NULL;
			n = 0;
		}
		fclose(f);
	}
	shell_lock(sh);
	free(path);
	/* Empty, as 'write erase' leaves it: IOS says it is not there. */
	if (!f || n == 0) {
		free(text);
		return shell_err(cli, "startup-config is not present");
	}
	cli_print(cli, "Using %zd bytes", n);
	if (text)
		print_text(cli, text);
	free(text);
	return CLI_OK;
}

static int cmd_write_memory(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char err[256];

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!sh->config_path)
		return shell_err(cli, "%% No startup-config file: start lispr with -f FILE");
	cli_print(cli, "Building configuration...");
	if (shell_save(sh, sh->config_path, err, sizeof(err)) == -1)
		return shell_err(cli, "%% Error saving %s: %s", sh->config_path, err);
	log_event("SYS", LOG_NOTICE, "CONFIG_NV_I", "Nonvolatile storage configured from console by %s",
		  shell_sess_of(cli)->kind == SHELL_VTY ? "vty" : "console");
	cli_print(cli, "[OK]");
	return CLI_OK;
}

/* Does the running configuration (text) differ from the file at path (a
 * missing file is empty)?  Read without the router lock. */
static bool differs(const char *text, const char *path)
{
	char *saved = NULL;
	size_t cap = 0;
	ssize_t n = 0;
	bool diff;
	FILE *f = fopen(path, "r");

	if (f) {
		n = getdelim(&saved, &cap, '\0', f);
		fclose(f);
	}
	diff = n < 0 ? strlen(text) > 0 : (size_t)n != strlen(text) || memcmp(saved, text, (size_t)n) != 0;
	free(saved);
	return diff;
}

/* Yes or no, IOS's way: asked again until one comes; -1 when no answer
 * can be read.  Without the router lock. */
static int ask_yes_no(struct cli_def *cli, struct shell_sess *s, const char *prompt)
{
	char answer[64];

	for (int tries = 0; tries < 8; tries++) {
		if (s->gettext(s, prompt, answer, sizeof(answer)) != 0)
			return -1;
		if (!strcasecmp(answer, "y") || !strcasecmp(answer, "yes"))
			return 1;
		if (!strcasecmp(answer, "n") || !strcasecmp(answer, "no"))
			return 0;
		cli_print(cli, "%% Please answer 'yes' or 'no'.");
	}
	return -1;
}

/* Who a session is, as IOS names it in reload messages. */
static void sess_name(const struct shell_sess *s, char *buf, size_t len)
{
	if (s->kind == SHELL_VTY)
		snprintf(buf, len, "vty%d (%s)", s->vty_line, s->peer);
	else
		snprintf(buf, len, "console");
}

/* A scheduled reload falls due (the router loop's timer, lock held). */
static void reload_due(void *arg)
{
	struct shell *sh = arg;

	log_event("SYS", LOG_NOTICE, "RELOAD", "Reload requested by %s. Reload Reason: %s.", sh->reload_by,
		  sh->reload_reason);
	if (sh->reload_fn)
		sh->reload_fn(sh->reload_arg);
}

/* 'reload in' DELAY: mmm or hhh:mm, in minutes; 0 when it is not one
 * (IOS takes up to 24 days). */
static unsigned parse_delay(const char *w)
{
	unsigned h = 0, m = 0;
	char tail;

	if (strspn(w, "0123456789:") != strlen(w))
		return 0;
	if (strchr(w, ':')) {
		if (sscanf(w, "%3u:%2u%c", &h, &m, &tail) != 2 || m > 59 || strchr(w, ':') - w > 3)
			return 0;
	} else if (strlen(w) > 5 || sscanf(w, "%u", &m) != 1) {
		return 0;
	}
	m += h * 60;
	return m <= 24 * 24 * 60 ? m : 0;
}

/* The words as one text, one blank between them; false when too long. */
static bool join_words(char **w, int n, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t l = strlen(w[i]);

		if (o + l + 2 > len)
			return false;
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? " " : "", w[i]);
	}
	return true;
}

/* "4 minutes and 50 seconds" */
static void left_text(uint64_t ns, char *buf, size_t len)
{
	uint64_t secs = (ns + NS_PER_SEC - 1) / NS_PER_SEC;
	unsigned h = (unsigned)(secs / 3600), m = (unsigned)(secs / 60 % 60), sec = (unsigned)(secs % 60);
	int n = 0;

	buf[0] = '\0';
	if (h)
		n = snprintf(buf, len, "%u hour%s", h, h == 1 ? "" : "s");
	if (m && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%s%u minute%s", h ? (sec ? ", " : " and ") : "", m,
			      m == 1 ? "" : "s");
	if ((sec || (!h && !m)) && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%s%u second%s", h || m ? " and " : "", sec,
			 sec == 1 ? "" : "s");
}

/*
 * 'reload [in DELAY [REASON] | cancel]': lispr starts again, as a router
 * reboots: the ports and the sessions are closed and the program
 * executes itself again (same arguments, same process id under a service
 * manager), so the startup configuration is loaded afresh.  As on IOS,
 * it asks first whether to save a running configuration that was changed
 * since the startup-config was written and differs from it ("yes" writes
 * it as 'write memory' does), then [confirm] (RETURN or 'y' goes on;
 * anything else returns to the prompt).  'in' schedules it (the router
 * loop's timer: a safety net while changing a remote router), 'cancel'
 * takes the schedule back.  Refused where lispr cannot start again
 * (offline, a batch, a replayed file).
 */
static int cmd_reload(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const words[] = { "in", "cancel" };
	struct shell_sess *s = shell_sess_of(cli);
	struct shell *sh = s->sh;
	struct evloop *loop = sh->router ? router_loop(sh->router) : NULL;
	char answer[64], err[256], who[96], left[64], reason[128] = "Reload Command";
	char *text = NULL, *path = NULL;
	bool modified = false;
	unsigned minutes = 0;
	int rc, k = -1;

	if (argc) {
		if ((k = shell_kw_pick(argv, 0, words, 2)) == -2)
			return shell_err_ambiguous(cli, 0);
		if (k < 0 || (k == 1 && argc > 1))
			return shell_err_invalid(cli, k < 0 ? 0 : 1);
		if (k == 0 && argc < 2)
			return shell_err_incomplete(cli);
		if (k == 0 && !(minutes = parse_delay(argv[1])))
			return shell_err_invalid(cli, 1);
		if (k == 0 && argc > 2 && !join_words(argv + 2, argc - 2, reason, sizeof(reason)))
			return shell_err(cli, "%% Reason too long (at most %zu characters)", sizeof(reason) - 1);
	}
	if (!sh->reload_fn || !loop || s->kind == SHELL_FILE || s->kind == SHELL_BATCH)
		return shell_err(cli, "%% Reload is not possible here: lispr runs offline or in a batch");
	if (k == 1) {
		if (!sh->reload_timer || !ev_timer_armed(sh->reload_timer))
			return shell_err(cli, "%%No reload is scheduled.");
		ev_timer_cancel(sh->reload_timer);
		sess_name(s, who, sizeof(who));
		log_event("SYS", LOG_NOTICE, "SCHEDULED_RELOAD_CANCELLED", "Scheduled reload cancelled by %s", who);
		cli_print(cli, "***");
		cli_print(cli, "*** --- SHUTDOWN ABORTED ---");
		cli_print(cli, "***");
		return CLI_OK;
	}
	if (!s->gettext)
		return shell_err(cli, "%% Cannot ask for confirmation here");
	if (k == 0 && !sh->reload_timer && !(sh->reload_timer = ev_timer_new(loop, reload_due, sh)))
		return shell_err(cli, "%% Out of memory");
	/* Configured since the last save, and the text differs: a
	 * hand-written startup-config laid out otherwise is not "modified". */
	if (sh->config_path && atomic_load(&sh->conf_modified)) {
		if (!(text = shell_config_text_sliced(sh)) || !(path = strdup(sh->config_path))) {
			free(text);
			return shell_err(cli, "%% Out of memory");
		}
	}
	/* The disk and the answers wait: the router goes on meanwhile. */
	shell_unlock(sh);
	if (text)
		modified = differs(text, path);
	free(text);
	free(path);
	if (modified) {
		rc = ask_yes_no(cli, s, "System configuration has been modified. Save? [yes/no]: ");
		if (rc < 0) {
			shell_lock(sh);
			return shell_err(cli, "%% Reload aborted: no answer");
		}
		if (rc == 1) {
			cli_print(cli, "Building configuration...");
			shell_lock(sh);
			if (!sh->config_path || shell_save(sh, sh->config_path, err, sizeof(err)) == -1)
				return shell_err(cli, "%% Error saving %s: %s: reload aborted",
						 sh->config_path ? sh->config_path : "the configuration", err);
			cli_print(cli, "[OK]");
			shell_unlock(sh);
		}
	}
	if (k == 0) {
		left_text((uint64_t)minutes * 60 * NS_PER_SEC, left, sizeof(left));
		sess_name(s, who, sizeof(who));
		cli_print(cli, "Reload scheduled in %s by %s", left, who);
		cli_print(cli, "Reload reason: %s", reason);
	}
	rc = s->gettext(s, "Proceed with reload? [confirm]", answer, sizeof(answer));
	shell_lock(sh);
	if (rc != 0 || (answer[0] && strcasecmp(answer, "y") && strcasecmp(answer, "yes")))
		return CLI_OK;	/* IOS goes back to the prompt */
	sess_name(s, who, sizeof(who));
	if (k == 0) {
		snprintf(sh->reload_by, sizeof(sh->reload_by), "%s", who);
		snprintf(sh->reload_reason, sizeof(sh->reload_reason), "%s", reason);
		sh->reload_due = ev_now(loop) + (uint64_t)minutes * 60 * NS_PER_SEC;
		sh->reload_wall = time(NULL) + (time_t)minutes * 60;
		ev_timer_arm_at(sh->reload_timer, sh->reload_due);
		log_event("SYS", LOG_NOTICE, "SCHEDULED_RELOAD", "Reload requested for %u minute%s from now by %s. Reload Reason: %s.",
			  minutes, minutes == 1 ? "" : "s", who, reason);
		return CLI_OK;
	}
	log_event("SYS", LOG_NOTICE, "RELOAD", "Reload requested by %s. Reload Reason: %s.", who, reason);
	sh->reload_fn(sh->reload_arg);
	if (s->kind == SHELL_CONSOLE) {
		/* The console is the thread that would show a prompt again:
		 * it waits, holding nothing, for the restart (the thread that
		 * takes the signals stops the router and starts lispr again). */
		shell_unlock(sh);
		for (;;)
			pause();
	}
	return CLI_OK;
}

/* 'show reload': the scheduled reload, as IOS shows it. */
static int cmd_show_reload(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct evloop *loop = sh->router ? router_loop(sh->router) : NULL;
	char left[64], when[96], hms[16], zone[CLOCK_ZONE_NAME], day[32];
	struct tm tm;
	uint64_t now;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!loop || !sh->reload_timer || !ev_timer_armed(sh->reload_timer)) {
		cli_print(cli, "No reload is scheduled.");
		return CLI_OK;
	}
	now = ev_now(loop);
	left_text(sh->reload_due > now ? sh->reload_due - now : 0, left, sizeof(left));
	clock_local(sh->reload_wall, &tm, zone, sizeof(zone));
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	strftime(day, sizeof(day), "%a %b %e %Y", &tm);
	snprintf(when, sizeof(when), "%s %s %s", hms, zone, day);
	cli_print(cli, "Reload scheduled for %s (in %s) by %s", when, left, sh->reload_by);
	cli_print(cli, "Reload reason: %s", sh->reload_reason);
	return CLI_OK;
}

/*
 * 'write erase' ('erase startup-config', 'erase nvram:'): after IOS's
 * [confirm] (RETURN or 'y' goes on, anything else keeps the file), the
 * startup-config file is emptied, atomically as 'write memory' writes it:
 * the running configuration stays, the next start begins from defaults,
 * and 'show startup-config' says it is not present.  A session that
 * cannot answer (no line to read) is refused.
 */
static int cmd_write_erase(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell *sh = s->sh;
	char answer[64], err[256];
	int rc;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!sh->config_path)
		return shell_err(cli, "%% No startup-config file: start lispr with -f FILE");
	if (!s->gettext || s->kind == SHELL_FILE)
		return shell_err(cli, "%% Cannot ask for confirmation here");
	/* The answer waits for a person: the router goes on meanwhile. */
	shell_unlock(sh);
	rc = s->gettext(s, "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]",
			answer, sizeof(answer));
	shell_lock(sh);
	if (rc != 0 || (answer[0] && strcasecmp(answer, "y") && strcasecmp(answer, "yes")))
		return shell_err(cli, "%%Erase of nvram: aborted");
	if (shell_erase(sh, sh->config_path, err, sizeof(err)) == -1)
		return shell_err(cli, "%%Error erasing %s: %s", sh->config_path, err);
	cli_print(cli, "[OK]");
	cli_print(cli, "Erase of nvram: complete");
	log_event("SYS", LOG_NOTICE, "NV_ERASE", "startup-config %s erased by %s", sh->config_path,
		  s->kind == SHELL_VTY ? "vty" : "console");
	return CLI_OK;
}

/*
 * 'copy startup-config running-config' ('configure memory'): the startup
 * file merged into the running configuration, as IOS does and as SIGHUP
 * does here; each rejected line is printed as "FILE:LINE: % ...".  The
 * replay takes the router lock line by line, so it runs with the lock let
 * go.  Not from a file being replayed: it would replay itself.
 */
static int cmd_copy_start_run(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell *sh = s->sh;
	struct timespec t0, t1;
	char *path, *errs = NULL;
	size_t len = 0;
	struct stat st;
	double secs;
	FILE *f;
	int bad, err;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (s->kind == SHELL_FILE)
		return shell_err(cli, "%% Not while a configuration file is being replayed");
	if (!sh->config_path)
		return shell_err(cli, "startup-config is not present");
	if (!(path = strdup(sh->config_path)) || !(f = open_memstream(&errs, &len))) {
		free(path);
		return shell_err(cli, "%% Out of memory");
	}
	shell_unlock(sh);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (stat(path, &st) == -1)
		st.st_size = 0;
	bad = shell_load(sh, path, f);
	err = errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fclose(f);
	shell_lock(sh);
	if (bad < 0) {
		shell_err(cli, "%%Error opening %s (%s)", path, strerror(err));
		free(errs);
		free(path);
		return CLI_ERROR;
	}
	print_text(cli, errs);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cli_print(cli, "%lld bytes copied in %.3f secs", (long long)st.st_size, secs);
	atomic_store(&sh->conf_modified, true);
	log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from %s by %s (%d line%s rejected)", path,
		  s->kind == SHELL_VTY ? "vty" : "console", bad, bad == 1 ? "" : "s");
	free(errs);
	free(path);
	return bad ? CLI_ERROR : CLI_OK;
}

static void config_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_EXEC;
	struct cli_command *c, *show;

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, M, "Show running system information");
	c = shell_cmd(cli, show, "running-config", cmd_show_running, P, M, "Current operating configuration");
	shell_syntax(cli, c, "");
	c = shell_cmd(cli, c, "interface", cmd_show_running_if, P, M, "Show interface configuration");
	shell_arghelp(cli, c, "IF\tAn interface (Loopback0, Ethernet0)");
	shell_syntax(cli, c, "IF");
	shell_syntax(cli, shell_cmd(cli, show, "startup-config", cmd_show_startup, P, M,
				    "Contents of startup configuration"), "");
	c = shell_cmd(cli, NULL, "write", cmd_write_memory, P, M, "Write running configuration to memory or terminal");
	shell_syntax(cli, c, "");
	shell_syntax(cli, shell_cmd(cli, c, "memory", cmd_write_memory, P, M, "Write to NV memory"), "");
	shell_syntax(cli, shell_cmd(cli, c, "terminal", cmd_show_running, P, M, "Write to terminal"), "");
	shell_syntax(cli, shell_cmd(cli, c, "erase", cmd_write_erase, P, M, "Erase NV memory"), "");
	c = shell_node(cli, NULL, "erase", P, M, "Erase a filesystem");
	shell_syntax(cli, shell_cmd(cli, c, "startup-config", cmd_write_erase, P, M,
				    "Erase contents of configuration memory"), "");
	shell_syntax(cli, shell_cmd(cli, c, "nvram:", cmd_write_erase, P, M, "Filesystem to be erased"), "");
	c = shell_cmd(cli, NULL, "reload", cmd_reload, P, M, "Halt and perform a cold restart");
	shell_arghelp(cli, c, "in\tReload after a time interval\nWORD\tDelay before reload (mmm or hhh:mm)\n"
			      "LINE\tReason for reload\ncancel\tCancel pending reload");
	shell_syntax(cli, c, "[in WORD [LINE] | cancel]");
	shell_syntax(cli, shell_cmd(cli, show, "reload", cmd_show_reload, SHELL_PRIV_USER, M, "Scheduled reload information"),
		     "");
	c = shell_node(cli, NULL, "copy", P, M, "Copy from one file to another");
	c = shell_node(cli, c, "running-config", P, M, "Copy from current system configuration");
	shell_syntax(cli, shell_cmd(cli, c, "startup-config", cmd_write_memory, P, M, "Copy to startup configuration"),
		     "");
	c = shell_node(cli, NULL, "copy", P, M, "Copy from one file to another");
	c = shell_node(cli, c, "startup-config", P, M, "Copy from startup configuration");
	shell_syntax(cli, shell_cmd(cli, c, "running-config", cmd_copy_start_run, P, M,
				    "Update (merge with) current system configuration"), "");
	c = shell_node(cli, NULL, "configure", P, M, "Enter configuration mode");
	shell_syntax(cli, shell_cmd(cli, c, "memory", cmd_copy_start_run, P, M,
				    "Configure from NV memory"), "");
}

const struct shell_feature shell_feature_config = {
	.name = "config",
	.cmds = config_cmds,
};

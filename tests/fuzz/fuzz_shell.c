/*
 * DOC: libFuzzer target: the IOS-style shell, as a vty user types it
 *
 * The input is text, loaded first as a startup-config and then run line
 * by line through one batch session, privileged from the start, of the
 * same shell, on a router with memory ports on the manual clock (no
 * network, no files: the shell has no startup-config path, so 'write
 * memory' and 'copy' cannot write).  Then the running-config is
 * printed, loaded into a second fresh router and printed again, which runs
 * the startup-config replay on everything the first one accepted.  Nothing
 * may crash, leak, hang or read out of bounds, and what a '... | json'
 * line prints must be well-formed JSON (UTF-8 included); the seeds are the
 * configurations and transcripts of tests/shell, tests/ios, tests/replay
 * and tests/golden (tests/fuzz/corpus/shell), and tests/fuzz/shell.dict
 * holds the command words.
 *
 * With FUZZ_ROUNDTRIP=1 in the environment the second router's print must
 * also equal the first's: the running-config loads back whole (off by
 * default until long runs of it stay clean; it found the route whose next
 * hop became the router's own address).
 *
 * 'ping' and 'traceroute' are left out: on the manual clock the command is
 * the loop, and 'repeat 2147483647' is a legitimate request that runs for
 * hours (a user breaks it with the escape sequence).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "test_shell_util.h"

#define MAX_LINE	4096
#define MAX_LINES	200

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The output of the line being checked, NULL while none is. */
static FILE *capture;

static void sink(void *arg, const char *line)
{
	(void)arg;
	if (capture)
		fprintf(capture, "%s\n", line);
}

/* The line asks for JSON ('... | json' at its end). */
static int wants_json(const char *line)
{
	size_t n = strlen(line);

	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
		n--;
	if (n < 4 || strncmp(line + n - 4, "json", 4))
		return 0;
	n -= 4;
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	return n && line[n - 1] == '|';
}

/* Runs line; a JSON answer must be well-formed JSON (tests/json_check.h),
 * whatever names and descriptions the input configured. */
static void run_line(struct shell_sess *s, const char *line)
{
	char *out = NULL;
	size_t len = 0;
	const char *p;

	if (!wants_json(line)) {
		shell_exec(s, line);
		return;
	}
	if (!(capture = open_memstream(&out, &len)))
		abort();
	shell_exec(s, line);
	fclose(capture);
	capture = NULL;
	p = out + strspn(out, " \r\n");
	if ((*p == '{' || *p == '[') && !json_valid(out)) {
		fprintf(stderr, "'%s' printed what is not JSON:\n%s\n", line, out);
		abort();
	}
	free(out);
}

/* The first word is a prefix of ping or traceroute (see the DOC). */
static int long_running(const char *line)
{
	size_t n;

	line += strspn(line, " \t");
	n = strcspn(line, " \t");
	if (!n)
		return 0;
	if (n == 2 && !strncmp(line, "do", 2)) {	/* 'do ping' in config mode */
		line += n;
		line += strspn(line, " \t");
		n = strcspn(line, " \t");
		if (!n)
			return 0;
	}
	return !strncmp(line, "ping", n < 4 ? n : 4) || !strncmp(line, "traceroute", n < 10 ? n : 10);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shell *sh, *sh2;
	struct shell_sess *s;
	char line[MAX_LINE + 1], *text, *cfg, *cfg2, *l, *save = NULL;
	size_t i = 0, n, len = 0;
	unsigned lines = 0;
	FILE *in, *devnull, *out;

	/* The lines kept (NULs dropped, long ones cut, at most MAX_LINES,
	 * no ping or traceroute). */
	text = NULL;
	if (!(out = open_memstream(&text, &len)))
		abort();
	while (i < size && lines < MAX_LINES) {
		for (n = 0; i < size && data[i] != '\n'; i++)
			if (n < MAX_LINE && data[i])
				line[n++] = (char)data[i];
		i++;
		line[n] = '\0';
		lines++;
		if (!long_running(line))
			fprintf(out, "%s\n", line);
	}
	fclose(out);

	sh = t_rshell_new_with(t_mem_factory, NULL);
	if (!(devnull = fopen("/dev/null", "w")))
		abort();
	/* First as a startup-config (the configurations among the seeds),
	 * then typed at the privileged prompt (the transcripts). */
	if (len && (in = fmemopen(text, len, "r"))) {
		shell_load_stream(sh, in, "fuzz.conf", devnull);
		fclose(in);
	}
	if (!(s = shell_sess_new(sh, SHELL_BATCH, sink, NULL)))
		abort();
	shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	for (l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		run_line(s, l);
	shell_sess_free(s);
	free(text);

	/* What it accepted loads into a fresh router. */
	cfg = shell_config_text(sh);
	if (cfg) {
		sh2 = t_rshell_new_with(t_mem_factory, NULL);
		if (*cfg && (in = fmemopen(cfg, strlen(cfg), "r"))) {
			shell_load_stream(sh2, in, "fuzz.conf", devnull);
			fclose(in);
		}
		cfg2 = shell_config_text(sh2);
		if (getenv("FUZZ_ROUNDTRIP") && cfg2 && strcmp(cfg, cfg2)) {
			fprintf(stderr, "round trip differs:\n--- first\n%s--- reloaded\n%s", cfg, cfg2);
			abort();
		}
		free(cfg2);
		t_rshell_free(sh2);
		free(cfg);
	}
	t_rshell_free(sh);
	fclose(devnull);
	return 0;
}

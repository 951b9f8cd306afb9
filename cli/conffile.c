/*
 * DOC: configuration files: replay at boot and atomic save
 *
 * The replay is our own loop, not libcli's cli_file(): that one treats '#'
 * as a comment (keys may contain it), rejects IOS '!' lines and reports no
 * line numbers.  Here a line whose first non-blank character is '!' is a
 * comment, indentation is cosmetic (a command of a parent mode leaves the
 * submode, as on IOS), 'end' stops the file, and every rejected line is
 * reported as FILE:LINE: followed by the shell's '%' message; the rest of
 * the file still loads.
 *
 * Saving writes a temporary file in the target's directory, fsyncs it,
 * renames it over the target and fsyncs the directory: a crash leaves the
 * old file or the new one, never a mix.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shell.h"

struct replay {
	struct shell_sess *s;
	const char *name;
	FILE *errs;
	unsigned lineno;
	unsigned errlines;
	unsigned last_err;
};

static void replay_out(void *arg, const char *line)
{
	struct replay *r = arg;

	if (line[0] == '%') {
		if (r->last_err != r->lineno)
			r->errlines++;
		r->last_err = r->lineno;
		if (r->errs)
			fprintf(r->errs, "%s:%u: %s\n", r->name, r->lineno, line);
	} else if (r->errs) {
		fprintf(r->errs, "%s\n", line);
	}
}

int shell_load_stream(struct shell *sh, FILE *in, const char *name, FILE *errs)
{
	struct replay r = { .name = name, .errs = errs };
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!(r.s = shell_sess_new(sh, SHELL_FILE, replay_out, &r)))
		return -1;
	while ((n = getline(&buf, &cap, in)) >= 0) {
		char *p = buf;

		r.lineno++;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '!')
			continue;
		if (!strcmp(p, "end"))
			break;
		/* The echo under a '^' starts with two spaces, then the line. */
		r.s->col_base = 4;
		shell_exec(r.s, p);
	}
	free(buf);
	shell_sess_free(r.s);
	return r.errlines;
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

int shell_save(struct shell *sh, const char *path, char *err, size_t errlen)
{
	char *text = shell_config_text(sh), *dcopy = strdup(path), *tmp = NULL;
	const char *dir;
	size_t len;
	int fd = -1, dfd, rc = -1;

	if (!text || !dcopy) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	dir = dirname(dcopy);
	if (asprintf(&tmp, "%s/.lispr-config.XXXXXX", dir) < 0) {
		tmp = NULL;
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	len = strlen(text);
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s", strerror(errno));
			goto out;
		}
		off += w;
	}
	if (fchmod(fd, 0600) == -1 || fsync(fd) == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	if (rename(tmp, path) == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(dcopy);
	free(text);
	return rc;
}

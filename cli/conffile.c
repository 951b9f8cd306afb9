/*
 * DOC: configuration files: atomic save
 *
 * Saving writes a temporary file in the target's directory, fsyncs it,
 * renames it over the target and fsyncs the directory: a crash leaves the
 * old file or the new one, never a mix.  (The replay at boot is
 * cli/replay.c.)
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

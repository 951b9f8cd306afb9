/*
 * DOC: configuration files: atomic save, stale temporary files
 *
 * Saving writes a temporary file in the target's directory, fsyncs it,
 * renames it over the target and fsyncs the directory: a crash leaves the
 * old file or the new one, never a mix.  The text is taken under the
 * router lock; the writing and syncing run with it released, one save at
 * a time.  (The replay at boot is cli/replay.c.)
 *
 * A temporary file is named .lispr-config.PID.XXXXXX after the process
 * that writes it.  One left by a kill during 'write memory' is removed at
 * start-up and by the next save: any whose process is gone (or is this
 * one: its saves run one at a time), and any of the
 * older form .lispr-config.XXXXXX, which carries no process id.  Another
 * live lispr's file in the same directory is left alone.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "shell.h"

#define TMP_PREFIX ".lispr-config."

/* Is the temporary file NAME (after the prefix) stale? */
static bool tmp_stale(const char *name)
{
	char *end;
	long pid;

	errno = 0;
	pid = strtol(name, &end, 10);
	if (end == name || *end != '.' || errno || pid <= 0 || pid != (pid_t)pid)
		return true;	/* the older form, without a process id */
	if (pid == getpid())
		return true;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

int shell_config_clean(const char *path)
{
	char *dcopy = strdup(path);
	const char *dir;
	struct dirent *de;
	int dfd, removed = 0;
	DIR *d;

	if (!dcopy)
		return -1;
	dir = dirname(dcopy);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1 || !(d = fdopendir(dfd))) {
		if (dfd >= 0)
			close(dfd);
		free(dcopy);
		return -1;
	}
	while ((de = readdir(d))) {
		struct stat st;

		if (strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) ||
		    !tmp_stale(de->d_name + strlen(TMP_PREFIX)))
			continue;
		/* Regular files only, and not through a link. */
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 || !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0) {
			removed++;
			log_msg(LOG_NOTICE, "removed the stale temporary file %s/%s", dir, de->d_name);
		}
	}
	closedir(d);
	free(dcopy);
	return removed;
}

/* One save at a time in this process, with the router lock released. */
static pthread_mutex_t save_mtx = PTHREAD_MUTEX_INITIALIZER;

static int save_text(const char *path, const char *text, char *err, size_t errlen);

int shell_erase(struct shell *sh, const char *path, char *err, size_t errlen)
{
	char *pcopy = strdup(path);
	int rc;

	if (!pcopy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	shell_unlock(sh);
	pthread_mutex_lock(&save_mtx);
	rc = save_text(pcopy, "", err, errlen);
	pthread_mutex_unlock(&save_mtx);
	shell_lock(sh);
	free(pcopy);
	return rc;
}

int shell_save(struct shell *sh, const char *path, char *err, size_t errlen)
{
	char *text = shell_config_text_sliced(sh), *pcopy = strdup(path);
	int rc = -1;

	if (!text || !pcopy) {
		snprintf(err, errlen, "out of memory");
	} else {
		/* The text is taken under the router lock; the disk (fsync)
		 * may be slow, so the router does not wait for it. */
		shell_unlock(sh);
		pthread_mutex_lock(&save_mtx);
		/* Cleared first: a change made while the disk is written
		 * sets it again. */
		bool was = atomic_exchange(&sh->conf_modified, false);

		rc = save_text(pcopy, text, err, errlen);
		if (rc == -1 && was)
			atomic_store(&sh->conf_modified, true);
		pthread_mutex_unlock(&save_mtx);
		shell_lock(sh);
	}
	free(pcopy);
	free(text);
	return rc;
}

static int save_text(const char *path, const char *text, char *err, size_t errlen)
{
	char *dcopy = strdup(path), *tmp = NULL;
	const char *dir;
	size_t len;
	int fd = -1, dfd, rc = -1;

	if (!dcopy) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	dir = dirname(dcopy);
	shell_config_clean(path);
	if (asprintf(&tmp, "%s/" TMP_PREFIX "%ld.XXXXXX", dir, (long)getpid()) < 0) {
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
	return rc;
}

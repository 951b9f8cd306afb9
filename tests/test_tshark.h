/*
 * DOC: tshark as the independent decoder of captured frames (CUnit tests)
 *
 * A capture is built in a new temporary directory: ts_create() opens it
 * with a link type, ts_add() appends a frame (frame k of the file stamped
 * 1000 + k seconds), ts_flush() closes the file for a reader of its own
 * (t->path).  ts_run() starts tshark on it ($TSHARK, else the one on PATH)
 * with the caller's arguments (all that follows "-n -r FILE", e.g.
 * "-T fields -e lisp.type") and returns its output to read line by line;
 * ts_open() does all of that for frames in an array; ts_split() cuts one
 * line of "-T fields -E separator=/t" output into its columns.  ts_close()
 * returns tshark's exit status (0 if none ran) and removes the file and
 * the directory.
 */
#ifndef LISPR_TEST_TSHARK_H
#define LISPR_TEST_TSHARK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <pcap/pcap.h>

struct ts_run {
	char dir[40], path[64];
	pcap_t *pd;
	pcap_dumper_t *d;
	unsigned n;			/* frames written */
	FILE *out;
};

static inline const char *ts_tshark(void)
{
	const char *t = getenv("TSHARK");

	return t && *t ? t : "tshark";
}

/* An empty capture of link type dlt (DLT_EN10MB, ...) in a new directory. */
static inline void ts_create(struct ts_run *t, int dlt)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/lispr-tshark-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/f.pcap", t->dir);
	t->pd = pcap_open_dead(dlt, 65535);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->pd);
	t->d = pcap_dump_open(t->pd, t->path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->d);
}

static inline void ts_add(struct ts_run *t, const void *f, size_t len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(1000 + t->n++);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)t->d, &h, f);
}

/* The capture complete on disk, at t->path. */
static inline void ts_flush(struct ts_run *t)
{
	if (t->d)
		pcap_dump_close(t->d);
	if (t->pd)
		pcap_close(t->pd);
	t->d = NULL;
	t->pd = NULL;
}

static inline FILE *ts_run(struct ts_run *t, const char *args)
{
	char cmd[1536];

	ts_flush(t);
	snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' %s 2>/dev/null", ts_tshark(), t->path, args);
	t->out = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->out);
	return t->out;
}

/* Frames f[from..n) (stride bytes apart, len[i] bytes each). */
static inline FILE *ts_open(struct ts_run *t, const void *f, size_t stride, const size_t *len,
			    unsigned from, unsigned n, const char *args)
{
	ts_create(t, DLT_EN10MB);
	for (unsigned i = from; i < n; i++)
		ts_add(t, (const uint8_t *)f + (size_t)i * stride, len[i]);
	return ts_run(t, args);
}

/* Cut line (its newline dropped) at each tab into c[0..max); the number of
 * columns set (at most max: the last holds the field that follows the
 * max - 1st tab, the rest is dropped). */
static inline int ts_split(char *line, char **c, int max)
{
	char *s = line;
	int k;

	line[strcspn(line, "\n")] = '\0';
	for (k = 0; k < max && s; k++) {
		c[k] = s;
		s = strchr(s, '\t');
		if (s)
			*s++ = '\0';
	}
	return k;
}

static inline int ts_close(struct ts_run *t)
{
	int rc = t->out ? pclose(t->out) : 0;

	ts_flush(t);
	t->out = NULL;
	unlink(t->path);
	rmdir(t->dir);
	return rc;
}

#endif

/*
 * DOC: tshark as the independent decoder of captured frames (CUnit tests)
 *
 * ts_open() writes frames to a pcap file in a new temporary directory and
 * starts tshark on it ($TSHARK, else the one on PATH) with the caller's
 * arguments (all that follows "-n -r FILE", e.g. "-T fields -e lisp.type"),
 * returning its output to read line by line; ts_close() returns tshark's
 * exit status and removes the file and the directory.
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
	FILE *out;
};

static inline const char *ts_tshark(void)
{
	const char *t = getenv("TSHARK");

	return t && *t ? t : "tshark";
}

/* Frames f[from..n) (stride bytes apart, len[i] bytes each), frame i
 * stamped 1000 + i seconds. */
static inline FILE *ts_open(struct ts_run *t, const void *f, size_t stride, const size_t *len,
			    unsigned from, unsigned n, const char *args)
{
	char cmd[1536];
	struct pcap_pkthdr h;
	pcap_dumper_t *d;
	pcap_t *pd;

	snprintf(t->dir, sizeof(t->dir), "/tmp/lispr-tshark-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/f.pcap", t->dir);
	pd = pcap_open_dead(DLT_EN10MB, 65535);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
	d = pcap_dump_open(pd, t->path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	for (unsigned i = from; i < n; i++) {
		memset(&h, 0, sizeof(h));
		h.ts.tv_sec = (time_t)(1000 + i);
		h.caplen = h.len = (bpf_u_int32)len[i];
		pcap_dump((u_char *)d, &h, (const u_char *)f + (size_t)i * stride);
	}
	pcap_dump_close(d);
	pcap_close(pd);
	snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' %s 2>/dev/null", ts_tshark(), t->path, args);
	t->out = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->out);
	return t->out;
}

static inline int ts_close(struct ts_run *t)
{
	int rc = pclose(t->out);

	unlink(t->path);
	rmdir(t->dir);
	return rc;
}

#endif

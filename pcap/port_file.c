/*
 * DOC: the file port, for offline mode
 *
 * Input frames come from a capture file in order, with their recorded
 * times; one frame is read ahead so the offline runner can merge several
 * inputs by timestamp.  Sent frames are appended to an output pcap file
 * stamped with the router clock, at nanosecond resolution.
 *
 * The classic pcap format is a 24-byte file header and a 16-byte record
 * header per frame.  We read it straight from a read-only mapping and write
 * it through one buffer flushed per megabyte: libpcap's per-frame pair of
 * fread()s and pcap_dump()'s pair of fwrite()s cost more than the routing
 * itself in the offline benchmark.  Other formats (pcapng) are read through
 * libpcap.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "port.h"

#define OUT_BUFSZ	(1 << 20)
#define LINKTYPE_ETHERNET 1

struct port_file {
	struct port port;	/* first */
	/* input: a mapping of a classic pcap file, or libpcap */
	const uint8_t *map;
	size_t maplen, off;
	bool swap, nano;
	pcap_t *in;
	/* the read-ahead frame, valid until the next read */
	const uint8_t *next;
	size_t next_len;
	uint64_t next_ts;
	bool eof;
	/* output */
	int out;		/* -1: sent frames are discarded */
	uint8_t *obuf;
	size_t olen;
	uint64_t sent;
};

static uint32_t get32(const struct port_file *f, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return f->swap ? __builtin_bswap32(v) : v;
}

static int file_fd(struct port *p)
{
	return -1;
}

static bool map_next(struct port_file *f)
{
	const uint8_t *h = f->map + f->off;
	uint32_t caplen, frac;

	if (f->maplen - f->off < 16)
		return false;
	caplen = get32(f, h + 8);
	if (caplen > f->maplen - f->off - 16 || caplen > PORT_MAXFRAME)
		return false;	/* truncated file or garbage: end of input */
	frac = get32(f, h + 4);
	f->next_ts = (uint64_t)get32(f, h) * 1000000000ull +
		     (f->nano ? frac : (uint64_t)frac * 1000ull);
	f->next = h + 16;
	f->next_len = caplen;
	f->off += 16 + caplen;
	return true;
}

static bool libpcap_next(struct port_file *f)
{
	struct pcap_pkthdr *h;
	const u_char *d;

	if (pcap_next_ex(f->in, &h, &d) != 1)
		return false;
	f->next = d;
	f->next_len = h->caplen;
	f->next_ts = (uint64_t)h->ts.tv_sec * 1000000000ull + (uint64_t)h->ts.tv_usec;
	return true;
}

static bool file_fill(struct port_file *f)
{
	if (f->next)
		return true;
	if (f->eof)
		return false;
	if (!(f->map ? map_next(f) : f->in ? libpcap_next(f) : false)) {
		f->eof = true;
		return false;
	}
	return true;
}

static int file_peek(struct port *p, uint64_t *ts)
{
	struct port_file *f = (struct port_file *)p;

	if (!file_fill(f))
		return -1;
	*ts = f->next_ts;
	return 0;
}

static int file_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	struct port_file *f = (struct port_file *)p;
	int n = 0;

	while (n < max) {
		if (!file_fill(f))
			return n ? n : -1;
		fn(arg, f->next, f->next_len, f->next_ts);
		f->next = NULL;
		n++;
	}
	return n;
}

static int out_flush(struct port_file *f)
{
	size_t off = 0;
	ssize_t n;

	while (off < f->olen) {
		n = write(f->out, f->obuf + off, f->olen - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			f->olen = 0;
			return -1;
		}
		off += (size_t)n;
	}
	f->olen = 0;
	return 0;
}

/* The output is written in host byte order, as libpcap does. */
static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static int file_send(struct port *p, const uint8_t *frame, size_t len, uint64_t ts)
{
	struct port_file *f = (struct port_file *)p;
	uint8_t *h;

	f->sent++;
	if (f->out == -1)
		return 0;
	if (len > PORT_MAXFRAME) {
		p->tx_errors++;
		return -1;
	}
	if (OUT_BUFSZ - f->olen < 16 + len && out_flush(f) == -1) {
		p->tx_errors++;
		return -1;
	}
	h = f->obuf + f->olen;
	put32(h, (uint32_t)(ts / 1000000000ull));
	put32(h + 4, (uint32_t)(ts % 1000000000ull));
	put32(h + 8, (uint32_t)len);
	put32(h + 12, (uint32_t)len);
	memcpy(h + 16, frame, len);
	f->olen += 16 + len;
	return 0;
}

static void file_close(struct port *p)
{
	struct port_file *f = (struct port_file *)p;

	if (f->out != -1) {
		if (out_flush(f) == -1)
			p->tx_errors++;
		close(f->out);
	}
	if (f->map)
		munmap((void *)f->map, f->maplen);
	if (f->in)
		pcap_close(f->in);
	free(f->obuf);
	free(f);
}

static const struct port_ops file_ops = {
	.kind = "file",
	.fd = file_fd,
	.recv = file_recv,
	.peek = file_peek,
	.send = file_send,
	.close = file_close,
};

/* Map a classic pcap file; 1 mapped, 0 not classic pcap, -1 error. */
static int open_map(struct port_file *f, const char *path, char *err, size_t errlen)
{
	struct stat st;
	uint32_t magic;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1 || fstat(fd, &st) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (st.st_size < 24) {
		close(fd);
		return 0;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	memcpy(&magic, m, 4);
	switch (magic) {
	case 0xa1b2c3d4: break;
	case 0xa1b23c4d: f->nano = true; break;
	case 0xd4c3b2a1: f->swap = true; break;
	case 0x4d3cb2a1: f->swap = f->nano = true; break;
	default:
		munmap(m, (size_t)st.st_size);
		return 0;
	}
	f->map = m;
	f->maplen = (size_t)st.st_size;
	f->off = 24;
	madvise(m, f->maplen, MADV_SEQUENTIAL);
	if ((get32(f, f->map + 20) & 0xffff) != LINKTYPE_ETHERNET) {
		snprintf(err, errlen, "%s: not an Ethernet capture", path);
		return -1;
	}
	return 1;
}

static int open_in(struct port_file *f, const char *path, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE];
	int rc = open_map(f, path, err, errlen);

	if (rc != 0)
		return rc == 1 ? 0 : -1;
	f->in = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
	if (!f->in) {
		snprintf(err, errlen, "%s: %s", path, perr);
		return -1;
	}
	if (pcap_datalink(f->in) != DLT_EN10MB) {
		snprintf(err, errlen, "%s: not an Ethernet capture", path);
		return -1;
	}
	return 0;
}

static int open_out(struct port_file *f, const char *path, char *err, size_t errlen)
{
	if (!(f->obuf = malloc(OUT_BUFSZ))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f->out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (f->out == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* Nanosecond magic, version 2.4, zone 0, sigfigs 0, snaplen, link type. */
	put32(f->obuf, 0xa1b23c4d);
	put16(f->obuf + 4, 2);
	put16(f->obuf + 6, 4);
	put32(f->obuf + 8, 0);
	put32(f->obuf + 12, 0);
	put32(f->obuf + 16, PORT_MAXFRAME);
	put32(f->obuf + 20, LINKTYPE_ETHERNET);
	f->olen = 24;
	if (out_flush(f) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct port *port_file_open(const char *name, const char *in_path,
			    const char *out_path, const uint8_t mac[6],
			    char *err, size_t errlen)
{
	struct port_file *f = calloc(1, sizeof(*f));

	if (!f) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	f->port.ops = &file_ops;
	f->out = -1;
	snprintf(f->port.name, sizeof(f->port.name), "%s", name);
	memcpy(f->port.mac, mac, 6);
	if ((in_path && open_in(f, in_path, err, errlen) == -1) ||
	    (out_path && open_out(f, out_path, err, errlen) == -1)) {
		file_close(&f->port);
		return NULL;
	}
	return &f->port;
}

uint64_t port_file_sent(const struct port *p)
{
	const struct port_file *f = (const struct port_file *)p;

	return p->ops == &file_ops ? f->sent : 0;
}

struct port *port_file_factory(void *dir, const char *name, char *err, size_t errlen)
{
	char base[PORT_NAMELEN], in[4096], out[4096];
	uint8_t mac[6] = { 0x02, 0x4c };
	uint32_t h = 2166136261u;
	size_t i;

	snprintf(base, sizeof(base), "%s", name);
	for (i = 0; base[i]; i++) {
		if (base[i] == '/')
			base[i] = '_';
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	}
	memcpy(mac + 2, &h, 4);
	snprintf(in, sizeof(in), "%s/%s.in.pcap", (const char *)dir, base);
	snprintf(out, sizeof(out), "%s/%s.out.pcap", (const char *)dir, base);
	return port_file_open(name, access(in, R_OK) == 0 ? in : NULL, out, mac,
			      err, errlen);
}

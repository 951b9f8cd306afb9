/*
 * DOC: addresses and prefixes
 *
 * Text conversion goes through inet_pton/inet_ntop; everything else works on
 * the address bytes.  Masking is done byte by byte so that no shift ever
 * reaches the width of its operand (a /0 would otherwise shift by 32 or 128).
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"

unsigned
addr_bits(uint16_t afi)
{
	switch (afi) {
	case AFI_IPV4:
		return 32;
	case AFI_IPV6:
		return 128;
	default:
		return 0;
	}
}

unsigned
addr_bytes(uint16_t afi)
{
	return addr_bits(afi) / 8;
}

void
addr_set_v4(struct addr *a, uint32_t v4_net_order)
{
	memset(a, 0, sizeof(*a));
	a->afi = AFI_IPV4;
	a->u.v4 = v4_net_order;
}

void
addr_set_v6(struct addr *a, const uint8_t b[16])
{
	memset(a, 0, sizeof(*a));
	a->afi = AFI_IPV6;
	memcpy(a->u.b, b, 16);
}

bool
addr_is_v4(const struct addr *a)
{
	return a->afi == AFI_IPV4;
}

bool
addr_is_v6(const struct addr *a)
{
	return a->afi == AFI_IPV6;
}

int
addr_cmp(const struct addr *a, const struct addr *b)
{
	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	if (a->iid != b->iid)
		return a->iid < b->iid ? -1 : 1;
	return memcmp(a->u.b, b->u.b, addr_bytes(a->afi));
}

bool
addr_eq(const struct addr *a, const struct addr *b)
{
	return addr_cmp(a, b) == 0;
}

unsigned
addr_common_bits(const struct addr *a, const struct addr *b)
{
	unsigned n = addr_bytes(a->afi), i;

	for (i = 0; i < n; i++) {
		unsigned x = a->u.b[i] ^ b->u.b[i];
		if (x != 0)
			return i * 8 + (unsigned)__builtin_clz(x) - 24;
	}
	return n * 8;
}

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int
addr_parse(const char *s, struct addr *a, char *err, size_t errlen)
{
	uint8_t b[16];

	if (s == NULL || *s == '\0') {
		seterr(err, errlen, "missing address");
		return -1;
	}
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, b) != 1) {
			seterr(err, errlen, "invalid IPv6 address");
			return -1;
		}
		addr_set_v6(a, b);
		return 0;
	}
	if (inet_pton(AF_INET, s, b) != 1) {
		seterr(err, errlen, "invalid IPv4 address");
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->afi = AFI_IPV4;
	memcpy(a->u.b, b, 4);
	return 0;
}

const char *
addr_fmt(const struct addr *a, char *buf, size_t len)
{
	char tmp[INET6_ADDRSTRLEN];
	const char *s;

	switch (a->afi) {
	case AFI_IPV4:
		s = inet_ntop(AF_INET, a->u.b, tmp, sizeof(tmp));
		break;
	case AFI_IPV6:
		s = inet_ntop(AF_INET6, a->u.b, tmp, sizeof(tmp));
		break;
	default:
		s = NULL;
		break;
	}
	if (len > 0)
		snprintf(buf, len, "%s", s != NULL ? s : "none");
	return buf;
}

/* Zero every bit of b (nbytes long) after the first len. */
static void
mask_bytes(uint8_t *b, unsigned nbytes, unsigned len)
{
	unsigned i;

	for (i = 0; i < nbytes; i++) {
		if (len >= 8 * (i + 1))
			continue;
		if (len > 8 * i)
			b[i] &= (uint8_t)(0xff << (8 - (len - 8 * i)));
		else
			b[i] = 0;
	}
}

static bool
host_bits_set(const struct addr *a, unsigned len)
{
	struct addr m = *a;

	mask_bytes(m.u.b, addr_bytes(a->afi), len);
	return memcmp(m.u.b, a->u.b, addr_bytes(a->afi)) != 0;
}

int
prefix_parse(const char *s, struct prefix *p, char *err, size_t errlen)
{
	char abuf[INET6_ADDRSTRLEN + 8];
	const char *slash, *ls, *c;
	struct addr a;
	unsigned len, bits;
	size_t alen;

	if (s == NULL || *s == '\0') {
		seterr(err, errlen, "missing prefix");
		return -1;
	}
	slash = strchr(s, '/');
	if (slash == NULL) {
		seterr(err, errlen, "missing mask length in %s", s);
		return -1;
	}
	alen = (size_t)(slash - s);
	if (alen >= sizeof(abuf)) {
		seterr(err, errlen, "invalid address in %s", s);
		return -1;
	}
	memcpy(abuf, s, alen);
	abuf[alen] = '\0';
	if (addr_parse(abuf, &a, err, errlen) == -1)
		return -1;
	bits = addr_bits(a.afi);

	ls = slash + 1;
	if (*ls == '\0') {
		seterr(err, errlen, "missing mask length in %s", s);
		return -1;
	}
	for (c = ls; *c != '\0'; c++) {
		if (*c < '0' || *c > '9') {
			seterr(err, errlen, "invalid mask length '%s'", ls);
			return -1;
		}
	}
	if (strlen(ls) > 3) {
		seterr(err, errlen, "mask length %s out of range 0-%u", ls, bits);
		return -1;
	}
	len = 0;
	for (c = ls; *c != '\0'; c++)
		len = len * 10 + (unsigned)(*c - '0');
	if (len > bits) {
		seterr(err, errlen, "mask length %u out of range 0-%u", len, bits);
		return -1;
	}
	if (host_bits_set(&a, len)) {
		seterr(err, errlen, "host bits set in %s", s);
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->addr = a;
	p->len = (uint8_t)len;
	return 0;
}

int
prefix_parse_mask(const char *as, const char *ms, struct prefix *p,
    char *err, size_t errlen)
{
	struct addr a, m;
	uint32_t mh;
	int len;

	if (addr_parse(as, &a, err, errlen) == -1)
		return -1;
	if (a.afi != AFI_IPV4) {
		seterr(err, errlen, "a dotted mask needs an IPv4 address");
		return -1;
	}
	if (ms == NULL || *ms == '\0') {
		seterr(err, errlen, "missing mask");
		return -1;
	}
	if (addr_parse(ms, &m, NULL, 0) == -1 || m.afi != AFI_IPV4) {
		seterr(err, errlen, "invalid mask %s", ms);
		return -1;
	}
	mh = ntohl(m.u.v4);
	if ((len = mask_to_len(mh)) == -1) {
		seterr(err, errlen, "non-contiguous mask %s", ms);
		return -1;
	}
	if ((a.u.v4 & m.u.v4) != a.u.v4) {
		seterr(err, errlen, "host bits set in %s %s", as, ms);
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->addr = a;
	p->len = (uint8_t)len;
	return 0;
}

int
prefix_make(struct prefix *p, const struct addr *a, unsigned len)
{
	unsigned bits = addr_bits(a->afi);

	if (bits == 0 || len > bits)
		return -1;
	memset(p, 0, sizeof(*p));
	p->addr = *a;
	mask_bytes(p->addr.u.b, addr_bytes(a->afi), len);
	p->len = (uint8_t)len;
	return 0;
}

const char *
prefix_fmt(const struct prefix *p, char *buf, size_t len)
{
	char a[ADDR_STRLEN];

	addr_fmt(&p->addr, a, sizeof(a));
	if (len > 0)
		snprintf(buf, len, "%s/%u", a, p->len);
	return buf;
}

int
mask_to_len(uint32_t m)
{
	uint32_t inv = ~m;

	/* contiguous iff the inverted mask is of the form 0..01..1 */
	if ((inv & (inv + 1)) != 0)
		return -1;
	return __builtin_popcount(m);
}

uint32_t
len_to_mask(unsigned len)
{
	if (len == 0)
		return 0;
	if (len >= 32)
		return 0xffffffffu;
	return htonl(0xffffffffu << (32 - len));
}

bool
prefix_contains(const struct prefix *p, const struct addr *a)
{
	if (p->addr.afi != a->afi || p->addr.iid != a->iid)
		return false;
	return addr_common_bits(&p->addr, a) >= p->len;
}

bool
prefix_covers(const struct prefix *outer, const struct prefix *inner)
{
	if (outer->addr.afi != inner->addr.afi ||
	    outer->addr.iid != inner->addr.iid || outer->len > inner->len)
		return false;
	return addr_common_bits(&outer->addr, &inner->addr) >= outer->len;
}

int
prefix_cmp(const struct prefix *a, const struct prefix *b)
{
	int r = addr_cmp(&a->addr, &b->addr);

	if (r != 0)
		return r;
	return (int)a->len - (int)b->len;
}

bool
prefix_eq(const struct prefix *a, const struct prefix *b)
{
	return prefix_cmp(a, b) == 0;
}

const char *mac_fmt(const uint8_t m[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x.%02x%02x.%02x%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool mac_parse(const char *s, uint8_t mac[6])
{
	uint8_t out[6];
	unsigned g, v, digits;
	int h;

	for (g = 0; g < 3; g++) {
		for (v = 0, digits = 0; (h = hexval(*s)) >= 0; s++) {
			if (++digits > 4)
				return false;
			v = v << 4 | (unsigned)h;
		}
		if (!digits || *s != (g < 2 ? '.' : '\0'))
			return false;
		s++;
		out[2 * g] = (uint8_t)(v >> 8);
		out[2 * g + 1] = (uint8_t)v;
	}
	memcpy(mac, out, 6);
	return true;
}

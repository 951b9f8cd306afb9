/*
 * DOC: bounds-checked read and write cursors
 *
 * Every parser in lispr reads wire data through struct rbuf: each getter
 * returns -1 (and reads nothing) when the bytes are not there, so a parser
 * is a sequence of "if (rbuf_get_u16(&r, &x) == -1) goto bad;".  struct wbuf
 * is the encoder's twin: a put that does not fit marks the buffer failed and
 * every later put is a no-op, so an encoder checks wbuf_ok() once at the end.
 */
#ifndef LISPR_BUF_H
#define LISPR_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rbuf {
	const uint8_t *p;
	size_t len;		/* bytes left */
};

static inline void rbuf_init(struct rbuf *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = len;
}

static inline size_t rbuf_left(const struct rbuf *r) { return r->len; }

static inline int rbuf_skip(struct rbuf *r, size_t n)
{
	if (n > r->len)
		return -1;
	r->p += n;
	r->len -= n;
	return 0;
}

static inline int rbuf_get(struct rbuf *r, void *dst, size_t n)
{
	if (n > r->len)
		return -1;
	memcpy(dst, r->p, n);
	r->p += n;
	r->len -= n;
	return 0;
}

/* A sub-cursor over the next n bytes; the parent skips them. */
static inline int rbuf_sub(struct rbuf *r, size_t n, struct rbuf *sub)
{
	if (n > r->len)
		return -1;
	rbuf_init(sub, r->p, n);
	r->p += n;
	r->len -= n;
	return 0;
}

static inline int rbuf_get_u8(struct rbuf *r, uint8_t *v)
{
	if (r->len < 1)
		return -1;
	*v = r->p[0];
	r->p += 1;
	r->len -= 1;
	return 0;
}

static inline int rbuf_get_u16(struct rbuf *r, uint16_t *v)
{
	if (r->len < 2)
		return -1;
	*v = (uint16_t)((r->p[0] << 8) | r->p[1]);
	r->p += 2;
	r->len -= 2;
	return 0;
}

static inline int rbuf_get_u32(struct rbuf *r, uint32_t *v)
{
	if (r->len < 4)
		return -1;
	*v = ((uint32_t)r->p[0] << 24) | ((uint32_t)r->p[1] << 16) |
	     ((uint32_t)r->p[2] << 8) | r->p[3];
	r->p += 4;
	r->len -= 4;
	return 0;
}

static inline int rbuf_get_u64(struct rbuf *r, uint64_t *v)
{
	uint32_t hi, lo;

	if (r->len < 8)
		return -1;
	rbuf_get_u32(r, &hi);
	rbuf_get_u32(r, &lo);
	*v = ((uint64_t)hi << 32) | lo;
	return 0;
}

struct wbuf {
	uint8_t *p;
	size_t cap;
	size_t len;
	bool failed;
};

static inline void wbuf_init(struct wbuf *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->failed = false;
}

static inline bool wbuf_ok(const struct wbuf *w) { return !w->failed; }

/* Reserve n bytes and return where they start, or NULL (buffer failed). */
static inline uint8_t *wbuf_reserve(struct wbuf *w, size_t n)
{
	uint8_t *at;

	if (w->failed || n > w->cap - w->len) {
		w->failed = true;
		return NULL;
	}
	at = w->p + w->len;
	w->len += n;
	return at;
}

static inline void wbuf_put(struct wbuf *w, const void *src, size_t n)
{
	uint8_t *at = wbuf_reserve(w, n);

	if (at)
		memcpy(at, src, n);
}

static inline void wbuf_put_u8(struct wbuf *w, uint8_t v)
{
	uint8_t *at = wbuf_reserve(w, 1);

	if (at)
		at[0] = v;
}

static inline void wbuf_put_u16(struct wbuf *w, uint16_t v)
{
	uint8_t *at = wbuf_reserve(w, 2);

	if (at) {
		at[0] = (uint8_t)(v >> 8);
		at[1] = (uint8_t)v;
	}
}

static inline void wbuf_put_u32(struct wbuf *w, uint32_t v)
{
	uint8_t *at = wbuf_reserve(w, 4);

	if (at) {
		at[0] = (uint8_t)(v >> 24);
		at[1] = (uint8_t)(v >> 16);
		at[2] = (uint8_t)(v >> 8);
		at[3] = (uint8_t)v;
	}
}

static inline void wbuf_put_u64(struct wbuf *w, uint64_t v)
{
	wbuf_put_u32(w, (uint32_t)(v >> 32));
	wbuf_put_u32(w, (uint32_t)v);
}

#endif

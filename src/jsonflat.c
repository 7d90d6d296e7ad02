#include "config.h"
#include "jsonflat.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "mem.h"
#include "text.h"

/* A key of an object still open: its place in the buffer. */
struct jsonflat_key {
	size_t off, len;
};

#define NONE SIZE_MAX
/* Members are kept for the top-level object (level 1) and for the objects
 * among its members (level 2). */
#define KEPT_LEVELS 2
/* Objects with more keys than this are checked for a duplicate by sorting. */
#define FEW_KEYS 8

struct cur {
	const char *p, *end;
	struct jsonflat *f;
};

void jsonflat_init(struct jsonflat *f)
{
	memset(f, 0, sizeof(*f));
}

void jsonflat_free(struct jsonflat *f)
{
	free(f->m);
	free(f->buf);
	free(f->keys);
	jsonflat_init(f);
}

static void put(struct jsonflat *f, const char *s, size_t n)
{
	if (!n)
		return;
	f->buf = la_reserve(f->buf, &f->bcap, f->blen + n - 1, 1, 256);
	memcpy(f->buf + f->blen, s, n);
	f->blen += n;
}

static void skip_space(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

/* Four hex digits at s (which has at least n bytes), or -1. */
static long hex4(const char *s, size_t n)
{
	long v = 0;
	int i;

	if (n < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char h = s[i];

		v <<= 4;
		if (h >= '0' && h <= '9')
			v += h - '0';
		else if (h >= 'a' && h <= 'f')
			v += h - 'a' + 10;
		else if (h >= 'A' && h <= 'F')
			v += h - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void put_utf8(struct jsonflat *f, unsigned long v)
{
	char u[4];
	size_t n;

	if (v < 0x80) {
		u[0] = (char)v;
		n = 1;
	} else if (v < 0x800) {
		u[0] = (char)(0xC0 | (v >> 6));
		u[1] = (char)(0x80 | (v & 0x3F));
		n = 2;
	} else if (v < 0x10000) {
		u[0] = (char)(0xE0 | (v >> 12));
		u[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		u[2] = (char)(0x80 | (v & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (v >> 18));
		u[1] = (char)(0x80 | ((v >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((v >> 6) & 0x3F));
		u[3] = (char)(0x80 | (v & 0x3F));
		n = 4;
	}
	put(f, u, n);
}

/* The escape after a backslash at c->p, decoded into the buffer. Refused as
 * jansson refuses: an unknown escape, a surrogate that is not half of a
 * pair, \u0000. */
static bool escape(struct cur *c)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	long v, v2;

	if (c->p >= c->end)
		return false;
	if (*c->p != 'u') {
		e = *c->p ? strchr(from, *c->p) : NULL;
		if (!e)
			return false;
		put(c->f, to + (e - from), 1);
		c->p++;
		return true;
	}
	v = hex4(c->p + 1, (size_t)(c->end - c->p - 1));
	if (v < 0)
		return false;
	c->p += 5;
	if (v >= 0xD800 && v <= 0xDBFF) {
		if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
			return false;
		v2 = hex4(c->p + 2, (size_t)(c->end - c->p - 2));
		if (v2 < 0xDC00 || v2 > 0xDFFF)
			return false;
		c->p += 6;
		v = ((v - 0xD800) << 10) + (v2 - 0xDC00) + 0x10000;
	} else if ((v >= 0xDC00 && v <= 0xDFFF) || v == 0) {
		return false;
	}
	put_utf8(c->f, (unsigned long)v);
	return true;
}

/* The string at c->p (at its quote), decoded into the buffer and ended by a
 * NUL there: *off and *len say where. */
/* The bytes a string copies as they are: ASCII but controls, '"' (0x22)
 * and the backslash (0x5C). */
#define PLAIN8(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1, \
	[b + 4] = 1, [b + 5] = 1, [b + 6] = 1, [b + 7] = 1
static const unsigned char plain[256] = {
	[0x20] = 1, [0x21] = 1, [0x23] = 1, [0x24] = 1, [0x25] = 1, [0x26] = 1, [0x27] = 1,
	PLAIN8(0x28), PLAIN8(0x30), PLAIN8(0x38), PLAIN8(0x40), PLAIN8(0x48), PLAIN8(0x50),
	[0x58] = 1, [0x59] = 1, [0x5A] = 1, [0x5B] = 1, [0x5D] = 1, [0x5E] = 1, [0x5F] = 1,
	PLAIN8(0x60), PLAIN8(0x68), PLAIN8(0x70), PLAIN8(0x78),
};

static bool string(struct cur *c, size_t *off, size_t *len)
{
	struct jsonflat *f = c->f;

	c->p++;
	*off = f->blen;
	for (;;) {
		const char *run = c->p;
		unsigned char ch;

		while (c->p < c->end && plain[(unsigned char)*c->p])
			c->p++;
		if (c->p > run)
			put(f, run, (size_t)(c->p - run));
		if (c->p >= c->end)
			return false;
		ch = (unsigned char)*c->p;
		if (ch == '"') {
			c->p++;
			break;
		}
		if (ch < 0x20)
			return false;
		if (ch == '\\') {
			c->p++;
			if (!escape(c))
				return false;
		} else {
			unsigned cp;
			size_t n = text_decode(c->p, (size_t)(c->end - c->p), &cp);

			if (cp == 0xFFFD && n == 1)
				return false;
			put(f, c->p, n);
			c->p += n;
		}
	}
	*len = f->blen - *off;
	put(f, "", 1);
	return true;
}

/* The C locale, for numbers that read the same in every locale. */
static locale_t c_locale(void)
{
	static locale_t c;

	if (!c) {
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		if (!c)
			abort();
	}
	return c;
}

/* A number at c->p, as jansson reads it: an integer when it has neither
 * fraction nor exponent (refused beyond long long), else a real (refused
 * when it overflows). */
static bool number(struct cur *c, struct jsonflat_member *m)
{
	struct jsonflat *f = c->f;
	const char *start = c->p;
	bool real = false;
	size_t mark = f->blen;
	char *text, *endp;

	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (c->p >= c->end)
		return false;
	if (*c->p == '0') {
		c->p++;
		if (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			return false;
	} else if (*c->p >= '1' && *c->p <= '9') {
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	} else {
		return false;
	}
	if (c->p < c->end && *c->p == '.') {
		real = true;
		c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return false;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
		real = true;
		c->p++;
		if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
			c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return false;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	put(f, start, (size_t)(c->p - start));
	put(f, "", 1);
	text = f->buf + mark;
	errno = 0;
	if (!real) {
		long long v = strtoll(text, &endp, 10);

		f->blen = mark;
		if (errno == ERANGE)
			return false;
		if (m) {
			m->kind = JSONFLAT_INTEGER;
			m->integer = v;
		}
	} else {
		double v = strtod_l(text, &endp, c_locale());

		f->blen = mark;
		if ((v == HUGE_VAL || v == -HUGE_VAL) && errno == ERANGE)
			return false;
		if (m) {
			m->kind = JSONFLAT_REAL;
			m->real = v;
		}
	}
	return true;
}

/* True when word is at c->p; steps over it. */
static bool word(struct cur *c, const char *w, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
		return false;
	c->p += n;
	return true;
}

static int key_cmp(const void *a, const void *b, void *buf)
{
	const struct jsonflat_key *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp((const char *)buf + x->off, (const char *)buf + y->off, x->len);
}

/* True when two of the keys from first on are the same. */
static bool has_duplicate(struct jsonflat *f, size_t first)
{
	struct jsonflat_key *k = f->keys + first;
	size_t n = f->nkeys - first, i, j;

	if (n <= FEW_KEYS) {
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (key_cmp(k + i, k + j, f->buf) == 0)
					return true;
		return false;
	}
	qsort_r(k, n, sizeof(*k), key_cmp, f->buf);
	for (i = 1; i < n; i++)
		if (key_cmp(k + i - 1, k + i, f->buf) == 0)
			return true;
	return false;
}

static bool value(struct cur *c, int depth, int level, size_t mi);

static bool object(struct cur *c, int depth, int level, size_t mi)
{
	struct jsonflat *f = c->f;
	size_t first = f->nkeys;
	bool keep = level < KEPT_LEVELS && (level == 0 || mi != NONE);

	c->p++;
	skip_space(c);
	if (c->p < c->end && *c->p == '}') {
		c->p++;
		return true;
	}
	for (;;) {
		size_t off, len, child = NONE;

		if (c->p >= c->end || *c->p != '"' || !string(c, &off, &len))
			return false;
		LA_RESERVE(f->keys, f->nkeys, f->kcap, 16);
		f->keys[f->nkeys].off = off;
		f->keys[f->nkeys].len = len;
		f->nkeys++;
		skip_space(c);
		if (c->p >= c->end || *c->p != ':')
			return false;
		c->p++;
		skip_space(c);
		if (keep) {
			LA_RESERVE(f->m, f->nm, f->mcap, 16);
			child = f->nm++;
			memset(&f->m[child], 0, sizeof(f->m[child]));
			f->m[child].key_off = off;
			f->m[child].key_len = len;
			if (mi != NONE)
				f->m[mi].count++;
		}
		if (!value(c, depth + 1, level + 1, child))
			return false;
		skip_space(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			skip_space(c);
			continue;
		}
		if (c->p < c->end && *c->p == '}')
			break;
		return false;
	}
	c->p++;
	if (has_duplicate(f, first))
		return false;
	f->nkeys = first;
	return true;
}

static bool array(struct cur *c, int depth)
{
	c->p++;
	skip_space(c);
	if (c->p < c->end && *c->p == ']') {
		c->p++;
		return true;
	}
	for (;;) {
		if (!value(c, depth + 1, KEPT_LEVELS + 1, NONE))
			return false;
		skip_space(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			skip_space(c);
			continue;
		}
		if (c->p < c->end && *c->p == ']')
			break;
		return false;
	}
	c->p++;
	return true;
}

/* The value at c->p, at jansson's depth (the top-level value is 1). Kept in
 * member mi unless that is NONE; what is not kept leaves the buffer as it
 * was. */
static bool value(struct cur *c, int depth, int level, size_t mi)
{
	struct jsonflat *f = c->f;
	struct jsonflat_member *m = mi != NONE ? &f->m[mi] : NULL;
	size_t mark = f->blen, off, len;
	bool ok;

	if (depth > JSON_PARSER_MAX_DEPTH || c->p >= c->end)
		return false;
	switch (*c->p) {
	case '{':
		if (m)
			m->kind = JSONFLAT_OBJECT;
		ok = object(c, depth, level, mi);
		break;
	case '[':
		if (m)
			m->kind = JSONFLAT_ARRAY;
		ok = array(c, depth);
		break;
	case '"':
		ok = string(c, &off, &len);
		if (ok && m) {
			m->kind = JSONFLAT_STRING;
			m->str_off = off;
			m->len = len;
			return true;
		}
		break;
	case 't':
		if (m)
			m->kind = JSONFLAT_TRUE;
		ok = word(c, "true", 4);
		break;
	case 'f':
		if (m)
			m->kind = JSONFLAT_FALSE;
		ok = word(c, "false", 5);
		break;
	case 'n':
		if (m)
			m->kind = JSONFLAT_NULL;
		ok = word(c, "null", 4);
		break;
	default:
		ok = number(c, m);
		break;
	}
	/* What is kept is only this member's key (before mark), or nothing. */
	if (ok && level > 0 && (mi == NONE || level >= KEPT_LEVELS))
		f->blen = mark;
	return ok;
}

bool jsonflat_read(struct jsonflat *f, const char *text, size_t len)
{
	struct cur c = { text, text + len, f };
	size_t i;

	f->nm = 0;
	f->blen = 0;
	f->nkeys = 0;
	skip_space(&c);
	if (c.p >= c.end || (*c.p != '{' && *c.p != '['))
		return false;
	f->kind = *c.p == '{' ? JSONFLAT_OBJECT : JSONFLAT_ARRAY;
	if (!value(&c, 1, 0, NONE))
		return false;
	skip_space(&c);
	if (c.p != c.end)
		return false;
	for (i = 0; i < f->nm; i++) {
		struct jsonflat_member *m = &f->m[i];

		m->key = f->buf + m->key_off;
		m->str = m->kind == JSONFLAT_STRING ? f->buf + m->str_off : NULL;
	}
	return true;
}

const struct jsonflat_member *jsonflat_get_prefixed(const struct jsonflat *f,
						    const struct jsonflat_member *obj,
						    const char *prefix, const char *key)
{
	size_t plen = strlen(prefix), klen = strlen(key), i, end;

	if (obj) {
		i = (size_t)(obj - f->m) + 1;
		end = i + obj->count;
	} else {
		if (f->kind != JSONFLAT_OBJECT)
			return NULL;
		i = 0;
		end = f->nm;
	}
	while (i < end) {
		const struct jsonflat_member *m = &f->m[i];

		if (m->key_len == plen + klen && memcmp(m->key, prefix, plen) == 0 &&
		    memcmp(m->key + plen, key, klen) == 0)
			return m;
		i += 1 + (obj || m->kind != JSONFLAT_OBJECT ? 0 : m->count);
	}
	return NULL;
}

const struct jsonflat_member *jsonflat_get(const struct jsonflat *f,
					   const struct jsonflat_member *obj,
					   const char *key)
{
	return jsonflat_get_prefixed(f, obj, "", key);
}

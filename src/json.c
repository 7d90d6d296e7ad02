#include "config.h"
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		abort();
	return p;
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		abort();
	return p;
}

void jbuf_init(struct jbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void jbuf_free(struct jbuf *b)
{
	free(b->s);
	jbuf_init(b);
}

static void reserve(struct jbuf *b, size_t more)
{
	if (b->len + more + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + more + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
}

void jbuf_add(struct jbuf *b, const char *s)
{
	size_t n = strlen(s);

	reserve(b, n);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void jbuf_addf(struct jbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void jbuf_string(struct jbuf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");

	jbuf_add(b, "\"");
	for (; *u; u++) {
		switch (*u) {
		case '"': jbuf_add(b, "\\\""); break;
		case '\\': jbuf_add(b, "\\\\"); break;
		case '\n': jbuf_add(b, "\\n"); break;
		case '\r': jbuf_add(b, "\\r"); break;
		case '\t': jbuf_add(b, "\\t"); break;
		default:
			if (*u < 0x20 || *u == 0x7F) {
				jbuf_addf(b, "\\u%04x", *u);
			} else {
				char one[2] = { (char)*u, '\0' };

				jbuf_add(b, one);
			}
		}
	}
	jbuf_add(b, "\"");
}

char *jbuf_take(struct jbuf *b)
{
	char *s = b->s;

	if (!s) {
		s = xcalloc(1, 1);
	}
	jbuf_init(b);
	return s;
}

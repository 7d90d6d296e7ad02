#include "config.h"
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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

char *jbuf_room(struct jbuf *b, size_t more)
{
	reserve(b, more);
	return b->s + b->len;
}

void jbuf_add(struct jbuf *b, const char *s)
{
	size_t n = strlen(s);

	reserve(b, n);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void jbuf_addn(struct jbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void jbuf_repeat(struct jbuf *b, char c, size_t count)
{
	reserve(b, count);
	memset(b->s + b->len, c, count);
	b->len += count;
	b->s[b->len] = '\0';
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

static void add_bytes(struct jbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void jbuf_string(struct jbuf *b, const char *s)
{
	jbuf_stringn(b, s, s ? strlen(s) : 0);
}

/* Printable ASCII but the quote (0x22) and the backslash (0x5C): what a
 * JSON string holds as it is. */
static const unsigned char json_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

void jbuf_stringn(struct jbuf *b, const char *s, size_t len)
{
	size_t i = 0, run = 0;

	jbuf_add(b, "\"");
	while (i < len) {
		unsigned cp;
		size_t n;
		const char *esc = NULL;

		while (i < len && json_plain[(unsigned char)s[i]])
			i++;
		if (i == len)
			break;
		n = text_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			/* A bad byte is U+FFFD (it has no JSON spelling); what
			 * a terminal would act on or hide is spelled out, so
			 * that the text is the same to a JSON reader. */
			if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD ||
			    text_cp_hidden(cp)) {
				add_bytes(b, s + run, i - run);
				jbuf_addf(b, "\\u%04x", cp);
				run = i + n;
			}
		}
		if (esc) {
			add_bytes(b, s + run, i - run);
			jbuf_add(b, esc);
			run = i + n;
		}
		i += n;
	}
	add_bytes(b, s + run, i - run);
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

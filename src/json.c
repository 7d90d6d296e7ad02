#include "config.h"
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MAX_DEPTH 64

struct parser {
	const char *s;
	size_t len, pos;
	char *err;
	size_t errlen;
	bool failed;
};

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

static void where(const struct parser *p, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < p->pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static struct json *fail(struct parser *p, const char *what)
{
	if (!p->failed) {
		size_t line, col;

		where(p, &line, &col);
		snprintf(p->err, p->errlen, "line %zu, column %zu: %s", line, col, what);
		p->failed = true;
	}
	return NULL;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
				   p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool read_hex4(struct parser *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	if (p->pos + 4 > p->len)
		return false;
	for (i = 0; i < 4; i++) {
		int h = hexval(p->s[p->pos + (size_t)i]);

		if (h < 0)
			return false;
		v = v * 16 + (unsigned)h;
	}
	p->pos += 4;
	*out = v;
	return true;
}

static char *parse_string_raw(struct parser *p)
{
	struct jbuf b;

	p->pos++; /* the opening quote */
	jbuf_init(&b);
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->s[p->pos];

		if (c == '"') {
			p->pos++;
			if (!text_utf8_valid(b.s ? b.s : "", b.len)) {
				jbuf_free(&b);
				fail(p, "a string is not valid UTF-8");
				return NULL;
			}
			if (!b.s)
				jbuf_add(&b, "");
			return jbuf_take(&b);
		}
		if (c < 0x20) {
			jbuf_free(&b);
			fail(p, "a control character inside a string");
			return NULL;
		}
		if (c == '\\') {
			char e;
			char tmp[5];

			if (++p->pos >= p->len)
				break;
			e = p->s[p->pos++];
			switch (e) {
			case '"': jbuf_add(&b, "\""); break;
			case '\\': jbuf_add(&b, "\\"); break;
			case '/': jbuf_add(&b, "/"); break;
			case 'b': jbuf_add(&b, "\b"); break;
			case 'f': jbuf_add(&b, "\f"); break;
			case 'n': jbuf_add(&b, "\n"); break;
			case 'r': jbuf_add(&b, "\r"); break;
			case 't': jbuf_add(&b, "\t"); break;
			case 'u': {
				unsigned cp, lo;

				if (!read_hex4(p, &cp)) {
					jbuf_free(&b);
					fail(p, "a bad \\u escape");
					return NULL;
				}
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (p->pos + 2 <= p->len && p->s[p->pos] == '\\' &&
					    p->s[p->pos + 1] == 'u') {
						p->pos += 2;
						if (!read_hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
							jbuf_free(&b);
							fail(p, "a broken surrogate pair");
							return NULL;
						}
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					} else {
						cp = 0xFFFD;
					}
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					cp = 0xFFFD;
				}
				if (cp == 0) {
					jbuf_free(&b);
					fail(p, "a NUL character inside a string");
					return NULL;
				}
				tmp[text_encode(cp, tmp)] = '\0';
				jbuf_add(&b, tmp);
				break;
			}
			default:
				jbuf_free(&b);
				fail(p, "an unknown escape in a string");
				return NULL;
			}
			continue;
		}
		{
			/* A run of plain characters goes in at once. */
			size_t end = p->pos + 1;
			char run[256];
			size_t n;

			while (end < p->len && end - p->pos < sizeof(run) - 1 &&
			       (unsigned char)p->s[end] >= 0x20 && p->s[end] != '"' &&
			       p->s[end] != '\\')
				end++;
			n = end - p->pos;
			memcpy(run, p->s + p->pos, n);
			run[n] = '\0';
			jbuf_add(&b, run);
			p->pos = end;
		}
	}
	jbuf_free(&b);
	fail(p, "a string without its closing quote");
	return NULL;
}

static struct json *parse_value(struct parser *p, int depth);

static struct json *parse_container(struct parser *p, int depth, bool object)
{
	struct json *j = xcalloc(1, sizeof(*j));
	char close = object ? '}' : ']';
	size_t cap = 0;

	j->type = object ? JSON_OBJECT : JSON_ARRAY;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;

		skip_ws(p);
		if (object) {
			if (p->pos >= p->len || p->s[p->pos] != '"') {
				json_free(j);
				return fail(p, "expected a member name in quotes");
			}
			key = parse_string_raw(p);
			if (!key) {
				json_free(j);
				return NULL;
			}
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				json_free(j);
				return fail(p, "expected ':' after a member name");
			}
			p->pos++;
		}
		v = parse_value(p, depth + 1);
		if (!v) {
			free(key);
			json_free(j);
			return NULL;
		}
		if (j->n == cap) {
			cap = cap ? cap * 2 : 8;
			j->items = xrealloc(j->items, cap * sizeof(*j->items));
			if (object)
				j->keys = xrealloc(j->keys, cap * sizeof(*j->keys));
		}
		j->items[j->n] = v;
		if (object)
			j->keys[j->n] = key;
		j->n++;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			return j;
		}
		json_free(j);
		return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static struct json *parse_number(struct parser *p)
{
	size_t start = p->pos;
	char buf[64];
	char *end;
	struct json *j;

	if (p->s[p->pos] == '-')
		p->pos++;
	while (p->pos < p->len && strchr("0123456789+-.eE", p->s[p->pos]))
		p->pos++;
	if (p->pos - start == 0 || p->pos - start >= sizeof(buf))
		return fail(p, "a bad number");
	memcpy(buf, p->s + start, p->pos - start);
	buf[p->pos - start] = '\0';
	j = xcalloc(1, sizeof(*j));
	j->type = JSON_NUMBER;
	j->number = strtod(buf, &end);
	if (*end != '\0' || end == buf) {
		free(j);
		p->pos = start;
		return fail(p, "a bad number");
	}
	return j;
}

static bool word(struct parser *p, const char *w)
{
	size_t n = strlen(w);

	if (p->pos + n <= p->len && memcmp(p->s + p->pos, w, n) == 0) {
		p->pos += n;
		return true;
	}
	return false;
}

static struct json *parse_value(struct parser *p, int depth)
{
	struct json *j;
	char c;

	if (depth > MAX_DEPTH)
		return fail(p, "nested too deeply");
	skip_ws(p);
	if (p->pos >= p->len)
		return fail(p, "unexpected end of input");
	c = p->s[p->pos];
	if (c == '{' || c == '[')
		return parse_container(p, depth, c == '{');
	if (c == '"') {
		char *s = parse_string_raw(p);

		if (!s)
			return NULL;
		j = xcalloc(1, sizeof(*j));
		j->type = JSON_STRING;
		j->string = s;
		return j;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p);
	j = xcalloc(1, sizeof(*j));
	if (word(p, "true")) {
		j->type = JSON_BOOL;
		j->boolean = true;
	} else if (word(p, "false")) {
		j->type = JSON_BOOL;
	} else if (word(p, "null")) {
		j->type = JSON_NULL;
	} else {
		free(j);
		return fail(p, "unexpected character");
	}
	return j;
}

struct json *json_parse(const char *text, size_t len, char *errbuf, size_t errlen)
{
	struct parser p = { text, len, 0, errbuf, errlen, false };
	struct json *j = parse_value(&p, 0);

	if (!j)
		return NULL;
	skip_ws(&p);
	if (p.pos != p.len) {
		json_free(j);
		return fail(&p, "text after the end of the value");
	}
	return j;
}

void json_free(struct json *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->string);
	free(j);
}

const struct json *json_get(const struct json *j, const char *key)
{
	size_t i;

	if (!j || j->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return j->items[i];
	return NULL;
}

const char *json_get_string(const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	return v && v->type == JSON_STRING ? v->string : NULL;
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

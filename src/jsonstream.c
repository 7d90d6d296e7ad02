#include "config.h"
#include "jsonstream.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mem.h"
#include "text.h"

#define CHUNK 65536
/* A key given twice is shown cut to this many columns (as jsonread). */
#define KEY_COLS 40

struct jsonstream {
	jsonstream_read_fn read;
	void *arg;
	char buf[CHUNK];
	size_t pos, len;
	bool eof;
	size_t line, col;          /* of the next byte */
	char *val;                 /* the bytes of the value being read */
	size_t vlen, vcap;
	size_t key_line, key_col;  /* the closing quote of the last key */
	bool first;                /* no member or element read yet */
	char why[300];
};

struct jsonstream *jsonstream_new(jsonstream_read_fn read, void *arg)
{
	struct jsonstream *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	s->read = read;
	s->arg = arg;
	s->line = s->col = 1;
	return s;
}

void jsonstream_free(struct jsonstream *s)
{
	if (!s)
		return;
	free(s->val);
	free(s);
}

const char *jsonstream_error(const struct jsonstream *s)
{
	return s->why;
}

/* Makes at least need bytes available after pos unless the file ends
 * first; false when reading failed. */
static bool fill(struct jsonstream *s, size_t need)
{
	while (!s->eof && s->len - s->pos < need) {
		ssize_t n;

		if (s->pos > 0) {
			memmove(s->buf, s->buf + s->pos, s->len - s->pos);
			s->len -= s->pos;
			s->pos = 0;
		}
		n = s->read(s->arg, s->buf + s->len, sizeof(s->buf) - s->len);
		if (n < 0) {
			snprintf(s->why, sizeof(s->why), "%s", strerror(errno));
			return false;
		}
		if (n == 0)
			s->eof = true;
		s->len += (size_t)n;
	}
	return true;
}

/* The next byte, -1 at the end, -2 when reading failed. */
static int peek(struct jsonstream *s)
{
	if (s->pos == s->len && !fill(s, 1))
		return -2;
	return s->pos < s->len ? (unsigned char)s->buf[s->pos] : -1;
}

/* Moves past the next byte, counting lines and characters. */
static void skip(struct jsonstream *s)
{
	unsigned char c = (unsigned char)s->buf[s->pos++];

	if (c == '\n') {
		s->line++;
		s->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		s->col++;
	}
}

static void keep(struct jsonstream *s, int c)
{
	/* room for c and the terminating NUL */
	LA_RESERVE(s->val, s->vlen + 1, s->vcap, 4096);
	s->val[s->vlen++] = (char)c;
}

static void keep_run(struct jsonstream *s, const char *run, size_t n)
{
	/* room for the run and the terminating NUL */
	LA_RESERVE(s->val, s->vlen + n, s->vcap, 4096);
	memcpy(s->val + s->vlen, run, n);
	s->vlen += n;
}

/* The next byte after white space. */
static int next_token(struct jsonstream *s)
{
	int c;

	while ((c = peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		skip(s);
	return c;
}

/* Refuses the byte at hand, where expected should be; -1. The reasons
 * are jansson's, and jsonread's for a NUL and bytes that are not UTF-8. */
static int unexpected(struct jsonstream *s, int c, const char *expected)
{
	char reason[200];

	if (c == -2)
		return -1;
	if (c == -1) {
		snprintf(reason, sizeof(reason), "%s expected near end of file", expected);
	} else if (c == 0) {
		snprintf(reason, sizeof(reason), "%s",
			 _("a NUL byte, which JSON text cannot contain"));
	} else if (c >= 0x80) {
		unsigned cp;
		size_t n;

		if (!fill(s, 4))
			return -1;
		n = text_decode(s->buf + s->pos, s->len - s->pos, &cp);
		if (cp == 0xFFFD && n == 1)
			snprintf(reason, sizeof(reason),
				 _("byte 0x%02X is not UTF-8 (JSON text must be UTF-8)"), (unsigned)c);
		else
			snprintf(reason, sizeof(reason), "%s expected", expected);
	} else if (c < 0x20 || c == 0x7F) {
		snprintf(reason, sizeof(reason), "%s expected", expected);
	} else {
		snprintf(reason, sizeof(reason), "%s expected near '%c'", expected, c);
	}
	snprintf(s->why, sizeof(s->why), _("line %zu, column %zu: %s"), s->line, s->col, reason);
	return -1;
}

/* Reads the bytes of one value into val: a string to its closing quote,
 * an object or array to its closing bracket (outside strings), anything
 * else while it may be part of a number or a word. What is not JSON is
 * left to jansson, which says what and where: reading stops at the end of
 * the file, or after one byte that cannot start a value. */
static bool scan_value(struct jsonstream *s)
{
	int c = peek(s), depth = 0;
	bool in_string = false, escaped = false;

	s->vlen = 0;
	if (c == -2)
		return false;
	if (c != '"' && c != '{' && c != '[') {
		while ((c = peek(s)) >= 0 &&
		       (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			keep(s, c);
			skip(s);
		}
		if (c == -2)
			return false;
		if (s->vlen == 0 && c >= 0) {
			keep(s, c);
			skip(s);
		}
		return true;
	}
	/* The bytes at hand in the buffer, as skip and keep would take them
	 * one by one, up to the value's end: kept as one run. */
	while ((c = peek(s)) >= 0) {
		const unsigned char *b = (const unsigned char *)s->buf;
		size_t start = s->pos, i = start;
		bool done = false;

		while (!done && i < s->len) {
			unsigned char ch = b[i++];

			if (ch == '\n') {
				s->line++;
				s->col = 1;
			} else if ((ch & 0xC0) != 0x80) {
				s->col++;
			}
			if (in_string) {
				if (escaped)
					escaped = false;
				else if (ch == '\\')
					escaped = true;
				else if (ch == '"') {
					in_string = false;
					done = depth == 0;
				}
			} else if (ch == '"') {
				in_string = true;
			} else if (ch == '{' || ch == '[') {
				depth++;
			} else if (ch == '}' || ch == ']') {
				done = --depth == 0;
			}
		}
		keep_run(s, s->buf + start, i - start);
		s->pos = i;
		if (done)
			return true;
	}
	return c != -2;
}

/* Reads and decodes the value at hand: into f (when not NULL) when it is
 * an object of plain members, *flat then true and NULL returned. */
static json_t *value_flat(struct jsonstream *s, struct jsonflat *f, bool *flat,
			  size_t *line, size_t *col)
{
	json_t *v = NULL;

	*line = s->line;
	*col = s->col;
	*flat = false;
	if (!scan_value(s))
		return NULL;
	if (f && jsonread_flat(f, s->val ? s->val : "", s->vlen))
		*flat = true;
	else
		v = jsonread_value(s->val ? s->val : "", s->vlen, *line, *col, s->why,
				   sizeof(s->why));
	/* An item's memory is its own: a long one is not kept for the next. */
	if (s->vcap > 4 * CHUNK) {
		free(s->val);
		s->val = NULL;
		s->vcap = s->vlen = 0;
	}
	return v;
}

static json_t *value(struct jsonstream *s, size_t *line, size_t *col)
{
	bool flat;

	return value_flat(s, NULL, &flat, line, col);
}

int jsonstream_open(struct jsonstream *s)
{
	if (!fill(s, 3))
		return -1;
	/* A byte order mark, as some editors write, is not part of the JSON. */
	if (s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0)
		s->pos = 3;
	if (next_token(s) != '{')
		return peek(s) == -2 ? -1 : 0;
	skip(s);
	s->first = true;
	return 1;
}

int jsonstream_key(struct jsonstream *s, char **key)
{
	int c = next_token(s);
	size_t line, col;
	json_t *k;

	*key = NULL;
	if (c == '}') {
		skip(s);
		c = next_token(s);
		return c == -1 ? 0 : unexpected(s, c, "end of file");
	}
	if (!s->first) {
		if (c != ',')
			return unexpected(s, c, "',' or '}'");
		skip(s);
		c = next_token(s);
	}
	if (c != '"')
		return unexpected(s, c, s->first ? "string or '}'" : "string");
	s->first = false;
	if (!(k = value(s, &line, &col)))
		return -1;
	s->key_line = s->line;
	s->key_col = s->col - 1;
	*key = strdup(json_string_value(k));
	json_decref(k);
	if (!*key)
		abort();
	c = next_token(s);
	if (c != ':') {
		free(*key);
		*key = NULL;
		return unexpected(s, c, "':'");
	}
	skip(s);
	return 1;
}

void jsonstream_key_twice(struct jsonstream *s, const char *key)
{
	char *shown = text_fit(key, KEY_COLS, false);
	char reason[200];

	snprintf(reason, sizeof(reason), _("the key \"%s\" appears twice in one object"), shown);
	free(shown);
	snprintf(s->why, sizeof(s->why), _("line %zu, column %zu: %s"), s->key_line,
		 s->key_col, reason);
}

int jsonstream_array(struct jsonstream *s)
{
	int c = next_token(s);

	if (c == -2)
		return -1;
	if (c != '[')
		return 0;
	skip(s);
	s->first = true;
	return 1;
}

int jsonstream_element(struct jsonstream *s, json_t **v)
{
	return jsonstream_element_flat(s, NULL, v);
}

int jsonstream_element_flat(struct jsonstream *s, struct jsonflat *f, json_t **v)
{
	int c = next_token(s);
	size_t line, col;
	bool flat;

	*v = NULL;
	if (c == ']') {
		skip(s);
		s->first = false;
		return 0;
	}
	if (!s->first) {
		if (c != ',')
			return unexpected(s, c, "',' or ']'");
		skip(s);
		c = next_token(s);
	}
	if (c == -1 || c == -2)
		return unexpected(s, c, "value");
	s->first = false;
	*v = value_flat(s, f, &flat, &line, &col);
	return *v || flat ? 1 : -1;
}

json_t *jsonstream_value(struct jsonstream *s)
{
	size_t line, col;
	int c = next_token(s);
	json_t *v;

	if (c == -1 || c == -2) {
		unexpected(s, c, "value");
		return NULL;
	}
	v = value(s, &line, &col);
	s->first = false;
	return v;
}

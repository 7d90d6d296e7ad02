#include "config.h"
#include "jsonread.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsonflat.h"
#include "text.h"

/* A duplicate key is shown cut to this many columns. */
#define KEY_COLS 40

/* The line and the column (in characters) of byte off, both from 1; the
 * bytes before off are valid UTF-8. */
static void where(const char *text, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* The first byte that JSON text cannot hold: a NUL (jansson takes one
 * after a number for the end of the input, akheron/jansson#331) or one
 * that is not UTF-8 (jansson would say "unable to decode byte 0xff" at the
 * character before it). len when there is none. */
static size_t first_bad_byte(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		unsigned cp;
		size_t n;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		n = text_decode(text + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return i;
		i += n;
	}
	return len;
}

/* True when the quote at text[k] is not escaped. */
static bool unescaped(const char *text, size_t k)
{
	size_t n = 0;

	while (n < k && text[k - 1 - n] == '\\')
		n++;
	return n % 2 == 0;
}

/* The key that jansson found twice, visible and cut, or NULL. jansson
 * stops right after the second copy's closing quote (end), so the key is
 * the string literal that ends there. */
static char *duplicate_key(const char *text, size_t len, size_t end)
{
	size_t k;
	json_t *s;
	char *key = NULL;

	if (end < 2 || end > len || text[end - 1] != '"')
		return NULL;
	for (k = end - 1; k > 0; k--)
		if (text[k - 1] == '"' && unescaped(text, k - 1))
			break;
	if (k == 0)
		return NULL;
	s = json_loadb(text + k - 1, end - k + 1, JSON_DECODE_ANY, NULL);
	if (json_is_string(s))
		key = text_fit(json_string_value(s), KEY_COLS, false);
	json_decref(s);
	return key;
}

/* The place (line, col) of the text, which starts at (line0, col0) of its
 * file, in the file. */
static void say(char *why, size_t whylen, size_t line0, size_t col0, size_t line,
		size_t col, const char *reason)
{
	if (line == 1)
		col += col0 - 1;
	snprintf(why, whylen, _("line %zu, column %zu: %s"), line + line0 - 1, col, reason);
}

/* The tree of an object whose members are all strings, numbers, true,
 * false or null, built from the flat reader's view (src/jsonflat.c,
 * which accepts exactly what jansson accepts, with the same values: its
 * unit table and fuzz target compare the two), for the common case, an
 * item of an import; NULL for anything else, which jansson then reads
 * (and, when it refuses it, says why). */
static bool flat_members(struct jsonflat *f, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
		i++;
	if (i == len || text[i] != '{' || !jsonflat_read(f, text, len) ||
	    f->kind != JSONFLAT_OBJECT)
		return false;
	for (i = 0; i < f->nm; i++) {
		const struct jsonflat_member *m = &f->m[i];

		/* a key with a NUL in it is jansson's to store */
		if (strlen(m->key) != m->key_len || m->kind == JSONFLAT_OBJECT ||
		    m->kind == JSONFLAT_ARRAY)
			return false;
	}
	return true;
}

bool jsonread_flat(struct jsonflat *f, const char *text, size_t len)
{
	/* No look for bytes that are not UTF-8 first: jsonflat_read refuses
	 * every text that jsonread_load refuses, those included. */
	return flat_members(f, text, len);
}

static json_t *flat_object(const char *text, size_t len)
{
	struct jsonflat f;
	json_t *o = NULL;
	size_t i = 0;

	jsonflat_init(&f);
	if (!flat_members(&f, text, len) || !(o = json_object()))
		goto other;
	for (i = 0; i < f.nm; i++) {
		const struct jsonflat_member *m = &f.m[i];
		json_t *v;

		switch (m->kind) {
		case JSONFLAT_NULL:
			v = json_null();
			break;
		case JSONFLAT_FALSE:
			v = json_false();
			break;
		case JSONFLAT_TRUE:
			v = json_true();
			break;
		case JSONFLAT_INTEGER:
			v = json_integer(m->integer);
			break;
		case JSONFLAT_REAL:
			v = json_real(m->real);
			break;
		case JSONFLAT_STRING:
			v = json_stringn(m->str, m->len);
			break;
		default:
			goto other;
		}
		if (!v || json_object_set_new(o, m->key, v) != 0)
			goto other;
	}
	jsonflat_free(&f);
	return o;
other:
	json_decref(o);
	jsonflat_free(&f);
	return NULL;
}

static json_t *load(const char *text, size_t len, size_t flags, size_t line0, size_t col0,
		    char *why, size_t whylen)
{
	char reason[200];
	size_t bad = first_bad_byte(text, len), line, col;
	json_error_t e;
	json_t *j;

	if (bad < len) {
		if (!why)
			return NULL;
		where(text, bad, &line, &col);
		if (text[bad] == '\0')
			snprintf(reason, sizeof(reason), "%s",
				 _("a NUL byte, which JSON text cannot contain"));
		else
			snprintf(reason, sizeof(reason),
				 _("byte 0x%02X is not UTF-8 (JSON text must be UTF-8)"),
				 (unsigned)(unsigned char)text[bad]);
		say(why, whylen, line0, col0, line, col, reason);
		return NULL;
	}
	if ((j = flat_object(text, len)))
		return j;
	j = json_loadb(text, len, JSON_REJECT_DUPLICATES | flags, &e);
	if (j || !why)
		return j;
	snprintf(reason, sizeof(reason), "%s", e.text);
	switch (json_error_code(&e)) {
	case json_error_duplicate_key: {
		char *key = duplicate_key(text, len, e.position);

		if (key)
			snprintf(reason, sizeof(reason),
				 _("the key \"%s\" appears twice in one object"), key);
		else
			snprintf(reason, sizeof(reason), "%s",
				 _("a key appears twice in one object"));
		free(key);
		break;
	}
	case json_error_stack_overflow:
		snprintf(reason, sizeof(reason), _("nested deeper than %d levels"),
			 JSON_PARSER_MAX_DEPTH);
		break;
	case json_error_null_character:
		snprintf(reason, sizeof(reason), "%s",
			 _("\\u0000 (a NUL character) is not allowed in a string"));
		break;
	default:
		break;
	}
	if (e.line < 1) {
		if (line0 == 1 && col0 == 1)
			snprintf(why, whylen, "%s", reason);
		else
			say(why, whylen, line0, col0, 1, 1, reason);
		return NULL;
	}
	/* jansson counts the column of the last character it read: 0 when
	 * that was the line's newline (the input ended there). */
	say(why, whylen, line0, col0, (size_t)e.line, e.column > 0 ? (size_t)e.column : 1,
	    reason);
	return NULL;
}

json_t *jsonread_load(const char *text, size_t len, char *why, size_t whylen)
{
	return load(text, len, 0, 1, 1, why, whylen);
}

json_t *jsonread_value(const char *text, size_t len, size_t line, size_t col, char *why,
		       size_t whylen)
{
	return load(text, len, JSON_DECODE_ANY, line, col, why, whylen);
}

/* A small JSON reader (a tree) and writer (a growing buffer), enough for
 * the export format, the audit values and form submissions. */
#ifndef LA_JSON_H
#define LA_JSON_H

#include <stdbool.h>
#include <stddef.h>

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	bool boolean;
	double number;
	char *string;          /* JSON_STRING: valid UTF-8, may hold NUL-free text */
	struct json **items;   /* JSON_ARRAY values, JSON_OBJECT values */
	char **keys;           /* JSON_OBJECT keys, parallel to items */
	size_t n;
};

/* Parses text (len bytes). On error returns NULL and writes a reason with
 * the line and column to errbuf. Nesting deeper than 64 is an error. */
struct json *json_parse(const char *text, size_t len, char *errbuf,
			size_t errlen);
void json_free(struct json *j);

/* The member key of object j, or NULL. */
const struct json *json_get(const struct json *j, const char *key);
/* The string of member key, or NULL when it is missing or not a string. */
const char *json_get_string(const struct json *j, const char *key);

struct jbuf {
	char *s;
	size_t len, cap;
};

void jbuf_init(struct jbuf *b);
void jbuf_free(struct jbuf *b);
void jbuf_add(struct jbuf *b, const char *s);
void jbuf_addf(struct jbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quoted and escaped. */
void jbuf_string(struct jbuf *b, const char *s);
/* Takes the text out of b (caller frees); b is empty afterwards. */
char *jbuf_take(struct jbuf *b);

#endif

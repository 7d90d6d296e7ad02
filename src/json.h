/* JSON output: a growing buffer that the export, the audit values and the
 * command line's --format json write into. Input is jsonread.h. */
#ifndef LA_JSON_H
#define LA_JSON_H

#include <stddef.h>

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

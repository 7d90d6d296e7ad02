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
/* Appends the n bytes at s, then count copies of the byte c. */
void jbuf_addn(struct jbuf *b, const char *s, size_t n);
void jbuf_repeat(struct jbuf *b, char c, size_t count);
void jbuf_addf(struct jbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quoted and escaped, always valid
 * UTF-8 (RFC 8259): '"', '\\' and the C0 controls escaped (\n, \t, ...,
 * \u001b), and also DEL, the C1 controls and the hidden code points of
 * text_cp_hidden (bidi overrides, zero-width space, ...) as \uXXXX, so
 * that the JSON holds nothing a terminal would act on. A byte that is not
 * well-formed UTF-8 becomes \ufffd (so does U+FFFD itself). */
void jbuf_string(struct jbuf *b, const char *s);
/* jbuf_string of the len bytes at s (no NUL among them). */
void jbuf_stringn(struct jbuf *b, const char *s, size_t len);
/* Room for more bytes at the end of b's text (b->s + b->len), for a
 * writer that fills it itself and then adds what it wrote to b->len
 * (and ends the text with a NUL). */
char *jbuf_room(struct jbuf *b, size_t more);
/* Takes the text out of b (caller frees); b is empty afterwards. */
char *jbuf_take(struct jbuf *b);

#endif

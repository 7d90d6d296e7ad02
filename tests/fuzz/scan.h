/* The byte scanner of the output tests (tests/bytescan.c) and of the fuzz
 * targets: what no output of leadadmin may hold, written without the
 * program's own text functions so that it checks them rather than
 * repeats them. */
#ifndef LA_SCAN_H
#define LA_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Why s[0..len) is not safe output, or NULL when it is: not well-formed
 * UTF-8 (overlong forms, surrogates, beyond U+10FFFF, cut short), a C0
 * control other than the line end and (when tabs) the tab, DEL, a C1
 * control, a bidi embedding, override or isolate (U+202A-U+202E,
 * U+2066-U+2069), a zero-width space, word joiner or invisible operator
 * (U+200B, U+2060-U+2064), the byte order mark U+FEFF, or a line or
 * paragraph separator (U+2028, U+2029). *at is the offset found. */
static inline const char *scan_output(const char *s, size_t len, bool tabs, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = u[i], cp, need, min, k;

		*at = i;
		if (c < 0x80) {
			if (c == 0x1B)
				return "ESC";
			if (c == 0x07)
				return "BEL";
			if ((c < 0x20 && c != '\n' && !(tabs && c == '\t')) || c == 0x7F)
				return "a C0 control or DEL";
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07, min = 0x10000;
		else
			return "a byte that is not UTF-8";
		if (i + need >= len)
			return "UTF-8 cut short";
		for (k = 1; k <= need; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return "a byte that is not UTF-8";
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return "an overlong form or a surrogate";
		if (cp <= 0x9F)
			return "a C1 control";
		if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return "a bidi control";
		if (cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
		    cp == 0x2028 || cp == 0x2029)
			return "a hidden character";
		i += need + 1;
	}
	return NULL;
}

#endif

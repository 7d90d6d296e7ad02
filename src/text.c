#include "config.h"
#include "text.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "mem.h"

#define REPLACEMENT 0xFFFDu
#define ELLIPSIS 0x2026u

size_t text_decode(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t need, i;

	if (len == 0) {
		*cp = REPLACEMENT;
		return 1;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; c &= 0x07; min = 0x10000;
	} else {
		*cp = REPLACEMENT;
		return 1;
	}
	if (len < need + 1) {
		*cp = REPLACEMENT;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = c;
	return need + 1;
}

/* text_decode with the common case, an ASCII byte, in line: the checks
 * of a name or text walk every byte. */
static inline size_t decode_next(const char *s, size_t len, unsigned *cp)
{
	if (len > 0 && (unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return text_decode(s, len, cp);
}

size_t text_encode(unsigned cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A decoded sequence is genuine when it is not the replacement for a bad
 * byte; U+FFFD written out in the text itself is three bytes long. */
static bool decoded_ok(unsigned cp, size_t used)
{
	return cp != REPLACEMENT || used == 3;
}

bool text_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = decode_next(s + i, len - i, &cp);

		if (!decoded_ok(cp, n))
			return false;
		i += n;
	}
	return true;
}

/* The length of the run of printable ASCII (0x20-0x7E) that s starts
 * with: most text, which needs no decoding. */
static size_t ascii_run(const char *s)
{
	size_t i = 0;

	while ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

uint64_t text_hash(const char *s, bool fold_ascii)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (fold_ascii && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * UINT64_C(0x100000001b3);
	}
	return h;
}

size_t text_chars(const char *s)
{
	size_t i = ascii_run(s), count = i, len;

	if (!s[i])
		return count;
	len = i + strlen(s + i);

	while (i < len) {
		unsigned cp;

		i += decode_next(s + i, len - i, &cp);
		count++;
	}
	return count;
}

static bool is_space_cp(unsigned cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000;
}

char *text_from_cp1252(const char *s, size_t len)
{
	/* 0x80-0x9F; 0 where Windows-1252 defines nothing. The rest is
	 * ISO 8859-1, that is, the code point of the byte. */
	static const unsigned short high[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	};
	char *out = malloc(len * 3 + 1);
	size_t o = 0;

	if (!out)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp = c >= 0x80 && c <= 0x9F ? high[c - 0x80] : c;

		o += text_encode(cp ? cp : REPLACEMENT, out + o);
	}
	out[o] = '\0';
	return out;
}

char *text_trim(const char *s)
{
	size_t len, start = 0, end = 0, i = ascii_run(s);
	bool seen = false;

	/* Printable ASCII throughout, starting and ending with no space. */
	if (!s[i] && i > 0 && s[0] != ' ' && s[i - 1] != ' ')
		return la_strndup(s, i);
	len = i + strlen(s + i);
	i = 0;

	/* start: first non-space; end: just past the last non-space */
	while (i < len) {
		unsigned cp;
		size_t n = decode_next(s + i, len - i, &cp);

		if (!is_space_cp(cp)) {
			if (!seen) {
				start = i;
				seen = true;
			}
			end = i + n;
		}
		i += n;
	}
	if (!seen)
		start = end = 0;
	return la_strndup(s + start, end - start);
}

static bool is_control_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

bool text_has_control(const char *s)
{
	size_t i = ascii_run(s), len;

	if (!s[i])
		return false;
	len = i + strlen(s + i);

	while (i < len) {
		unsigned cp;

		i += decode_next(s + i, len - i, &cp);
		if (is_control_cp(cp))
			return true;
	}
	return false;
}

bool text_cp_hidden(unsigned cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
	       cp == 0x2028 || cp == 0x2029;
}

bool text_has_invisible(const char *s)
{
	size_t i = ascii_run(s), len;

	if (!s[i])
		return false;
	len = i + strlen(s + i);

	while (i < len) {
		unsigned cp;

		i += decode_next(s + i, len - i, &cp);
		if ((cp >= 0x200B && cp <= 0x200F) || cp == 0xAD || text_cp_hidden(cp))
			return true;
	}
	return false;
}

/* A newly allocated copy of s in which every byte that is not part of
 * well-formed UTF-8 is U+FFFD, or NULL when s is well-formed already. */
static char *utf8_repaired(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0;
	char *out;

	if (text_utf8_valid(s, len))
		return NULL;
	out = malloc(len * 3 + 1); /* a bad byte becomes 3 bytes */
	if (!out)
		abort();
	while (i < len) {
		unsigned cp;

		i += text_decode(s + i, len - i, &cp);
		o += text_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

/* utf8proc_map on well-formed UTF-8: with the input repaired and the
 * options fixed here, the only failure left is memory. */
static char *utf8_map(const char *s, utf8proc_option_t opts)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE | opts)) < 0 ||
	    !out)
		abort();
	return (char *)out;
}

/* A copy of s when it is plain ASCII, folded to lower case when fold is
 * true; NULL when it is not. ASCII text is its own NFC form and folds by
 * A-Z alone, so names such as most company names need no utf8proc. */
static char *ascii_copy(const char *s, bool fold)
{
	size_t n = 0;
	char *d;

	while (s[n]) {
		if ((unsigned char)s[n] >= 0x80)
			return NULL;
		n++;
	}
	if (!(d = malloc(n + 1)))
		abort();
	for (size_t i = 0; i <= n; i++)
		d[i] = fold && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 'a' - 'A') : s[i];
	return d;
}

char *text_nfc(const char *s)
{
	char *fixed = ascii_copy(s, false);

	if (fixed)
		return fixed;
	fixed = utf8_repaired(s);
	char *nfc = utf8_map(fixed ? fixed : s, UTF8PROC_COMPOSE);

	free(fixed);
	return nfc;
}

char *text_fold(const char *s)
{
	char *fixed = ascii_copy(s, true);
	char *nfd, *key;

	if (fixed)
		return fixed;
	fixed = utf8_repaired(s);
	/* Unicode's canonical caseless match folds the NFD form: utf8proc
	 * folds before it orders the marks, and U+0345 (ypogegrammeni)
	 * folds to a base letter, so "α + U+0345 + U+0301" and its
	 * canonical equivalent "α + U+0301 + U+0345" would differ without
	 * the first pass. */
	nfd = utf8_map(fixed ? fixed : s, UTF8PROC_DECOMPOSE);
	key = utf8_map(nfd, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	free(nfd);
	free(fixed);
	return key;
}

char *text_fold_trimmed(const char *s, size_t len)
{
	char *copy, *key;

	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	if (!(copy = strndup(s, len)))
		abort();
	key = text_fold(copy);
	free(copy);
	return key;
}

bool text_same_name(const char *a, const char *b)
{
	char *fa = text_fold(a), *fb = text_fold(b);
	bool same = strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same;
}

/* The visible stand-in for a code point that must not reach a terminal. */
static unsigned visible_cp(unsigned cp)
{
	if (cp < 0x20)
		return 0x2400 + cp;
	if (cp == 0x7F)
		return 0x2421;
	if (cp >= 0x80 && cp <= 0x9F)
		return REPLACEMENT;
	return cp;
}

/* "<U+202E>": how a hidden code point shows (all of them are in the BMP). */
#define NUMBER_FORM_COLS 8

/* Writes the visible form of cp to out (at least NUMBER_FORM_COLS + 1
 * bytes); returns its bytes. Every form is at most 8/3 times as long as
 * the UTF-8 it stands for, a bad byte's U+FFFD three times. */
static size_t visible_form(unsigned cp, char *out)
{
	if (text_cp_hidden(cp))
		return (size_t)snprintf(out, NUMBER_FORM_COLS + 1, "<U+%04X>", cp);
	return text_encode(visible_cp(cp), out);
}

size_t text_visible_to(const char *s, size_t len, char *out, int *width)
{
	size_t i = 0, o = 0;
	int w = 0;

	while (i < len) {
		size_t run = i;
		unsigned cp;

		/* Printable ASCII shows as it is, one column a byte. */
		while (i < len && s[i] >= 0x20 && s[i] < 0x7F)
			i++;
		memcpy(out + o, s + run, i - run);
		o += i - run;
		w += (int)(i - run);
		if (i == len)
			break;
		i += text_decode(s + i, len - i, &cp);
		o += visible_form(cp, out + o);
		w += text_cp_width(cp);
	}
	out[o] = '\0';
	if (width)
		*width = w;
	return o;
}

char *text_visible(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	char *out = malloc(TEXT_VISIBLE_ROOM(len));

	if (!out)
		abort();
	text_visible_to(s ? s : "", len, out, NULL);
	return out;
}

/* ncurses measures with wcwidth, which knows Unicode only under a UTF-8
 * character set; elsewhere (the C locale) it says -1 for anything beyond
 * ASCII, and utf8proc's table keeps the command line's columns aligned. */
static bool locale_is_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);

	return codeset && strcmp(codeset, "UTF-8") == 0;
}

int text_cp_width(unsigned cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f) /* printable ASCII, the common case */
		return 1;
	if (cp == 0)
		return 0;
	if (text_cp_hidden(cp))
		return NUMBER_FORM_COLS;
	cp = visible_cp(cp);
	if (locale_is_utf8())
		w = wcwidth((wchar_t)cp);
	else
		w = utf8proc_charwidth((utf8proc_int32_t)cp);
	/* ncurses gives a character wcwidth cannot measure (unassigned, or
	 * newer than the C library's tables) one cell. */
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t len, i = 0;
	int w = 0;

	if (!s)
		return 0;
	/* Printable ASCII, most text, is one column a byte. */
	while (s[i] >= 0x20 && s[i] < 0x7F)
		i++;
	if (!s[i])
		return (int)i;
	w = (int)i;
	len = i + strlen(s + i);

	while (i < len) {
		unsigned cp;

		/* Printable ASCII is one column in every locale. */
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			w++;
			i++;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

char *text_fit(const char *s, int cols, bool pad)
{
	size_t len = s ? strlen(s) : 0, i = 0, o = 0;
	int used = 0, total = text_width(s);
	bool cut = total > cols;
	int room = cut ? cols - 1 : cols; /* keep one column for the marker */
	char *out;

	if (cols < 0)
		cols = 0;
	out = malloc(len * 3 + (size_t)cols + NUMBER_FORM_COLS + 8);
	if (!out)
		abort();
	while (i < len && room > 0) {
		unsigned cp;
		size_t n = text_decode(s + i, len - i, &cp);
		int w = text_cp_width(cp);

		if (used + w > room)
			break;
		o += visible_form(cp, out + o);
		used += w;
		i += n;
	}
	if (cut && cols > 0) {
		o += text_encode(ELLIPSIS, out + o);
		used++;
	}
	while (pad && used < cols) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return out;
}

char *text_tsv(const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0, o = 0;
	/* every input byte becomes at most 4 output bytes ("\xff") */
	char *out = malloc(len * 4 + 1);

	if (!out)
		abort();
	while (i < len) {
		unsigned cp;
		size_t n;
		const char *esc = NULL;

		/* Printable ASCII, the bulk of most text, goes as it is. */
		if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '\\') {
			out[o++] = s[i++];
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (!decoded_ok(cp, n) || is_control_cp(cp) || text_cp_hidden(cp)) {
			switch (decoded_ok(cp, n) ? cp : 0x80) {
			case '\b': esc = "\\b"; break;
			case '\f': esc = "\\f"; break;
			case '\n': esc = "\\n"; break;
			case '\r': esc = "\\r"; break;
			case '\t': esc = "\\t"; break;
			case '\v': esc = "\\v"; break;
			default:
				/* byte by byte, as COPY reads "\xHH": a C1 control
				 * (two bytes), a bad byte, a hidden character */
				for (size_t k = 0; k < n; k++)
					o += (size_t)snprintf(out + o, 5, "\\x%02x",
							      (unsigned char)s[i + k]);
			}
		} else if (cp == '\\') {
			esc = "\\\\";
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		if (esc) {
			memcpy(out + o, esc, 2);
			o += 2;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

char *text_fold_filter(const char *filter)
{
	return filter && *filter ? text_fold(filter) : NULL;
}

/* The fold of ASCII text is its lower case, and ASCII again: it can
 * contain only an ASCII key. A filter is compared with every item of a
 * list as it is typed, so this path takes no copy. */
bool text_fold_contains(const char *s, const char *folded)
{
	const unsigned char *h = (const unsigned char *)s, *k = (const unsigned char *)folded;
	unsigned char lo, up;
	size_t n = 0;
	bool ascii_key = true;

	for (; k[n]; n++)
		ascii_key = ascii_key && k[n] < 0x80;
	for (const unsigned char *p = h; *p; p++) {
		if (*p >= 0x80) {
			char *key = text_fold(s);
			bool found = strstr(key, folded) != NULL;

			free(key);
			return found;
		}
	}
	if (n == 0)
		return true;
	if (!ascii_key)
		return false;
	/* A key's letters are lower case: its first byte matches in either. */
	lo = k[0];
	up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 'a' + 'A') : lo;
	for (; *h; h++) {
		size_t j = 1;

		if (*h != lo && *h != up)
			continue;
		while (j < n && h[j] && (h[j] >= 'A' && h[j] <= 'Z' ? h[j] + 'a' - 'A' : h[j]) == k[j])
			j++;
		if (j == n)
			return true;
		if (!h[j])
			return false;
	}
	return false;
}

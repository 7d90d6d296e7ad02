/* Multi-language names in SuperOffice's notation: one value per language,
 * each a two-letter code, a colon and the value in double quotes, the
 * pairs separated by semicolons:
 *
 *     US:"Lead";GE:"Interessent"
 *
 * A value holds no double quote (SuperOffice's own reader ends a value at
 * the first one, and the notation has no escape); a semicolon or colon
 * inside the quotes is part of the value. Codes are two capital letters
 * A-Z; an unknown code is kept as given. Text that is not entirely in the
 * notation (most names) is a plain name, the same in every language. The
 * functions never fail on any input: every text is one or the other.
 * No curses, no database. */
#ifndef LA_MLNAME_H
#define LA_MLNAME_H

#include <stdbool.h>
#include <stddef.h>

#define MLNAME_MAX 16   /* pairs kept by mlname_parse; more: not the notation */

struct mlname_pair {
	char code[3];       /* "US", NUL-terminated */
	const char *value;  /* into the parsed text, not NUL-terminated */
	size_t len;         /* bytes of value */
};

struct mlname {
	struct mlname_pair v[MLNAME_MAX];
	size_t n;           /* 0: a plain name */
};

/* Parses text (NULL: ""). True when it is in the notation (ml->n >= 1);
 * false, with ml->n == 0, for a plain name. */
bool mlname_parse(const char *text, struct mlname *ml);

/* True when text is in the notation. */
bool mlname_is(const char *text);

/* The SuperOffice code of a program language ("en" -> "US", "de" -> "GE"),
 * NULL for one it has no code for. */
const char *mlname_code(const char *lang);
/* The program language of a code ("US" -> "en"), NULL when none. */
const char *mlname_lang(const char *code);

/* The index of code in ml, or -1. The first of duplicates. */
int mlname_find(const struct mlname *ml, const char *code);

/* The value to show of ml: the one of code (the program's language), then
 * US, then the first one given. -1 when ml is plain. */
int mlname_pick(const struct mlname *ml, const char *code);

/* The name to show of stored text in program language lang ("en", "de"):
 * a plain name as it is, else the value mlname_pick chooses, copied into
 * buf (len bytes, truncated at a character). Returns text or buf. */
const char *mlname_shown(const char *text, const char *lang, char *buf, size_t len);

/* The values of a name in the notation joined by U+001F, newly allocated
 * (what a filter compares: every language); a plain name as it is. */
char *mlname_values(const char *text);

/* Formats pairs back into the notation, newly allocated (never NULL):
 * mlname_format of a parse gives the parsed text byte for byte. */
char *mlname_format(const struct mlname *ml);

/* Sets the value of code in *text (newly allocated result; the old text is
 * freed): a plain name becomes a multi-language one with the plain value
 * under keep_code when it is not code. value NULL or "" removes code; the
 * last value removed leaves "". A value with a double quote is refused
 * (false, *text unchanged). */
bool mlname_set(char **text, const char *code, const char *value, const char *keep_code);

#endif

/* UTF-8 text: validation, counting, case folding, display width and the
 * one function through which stored text reaches a terminal. No curses. */
#ifndef LA_TEXT_H
#define LA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);

/* Number of characters (code points) in valid UTF-8 s. */
size_t text_chars(const char *s);
/* FNV-1a of the bytes of s (NULL: of none), with ASCII letters in lower
 * case when fold_ascii: for tables in memory that a match in the database
 * confirms. */
uint64_t text_hash(const char *s, bool fold_ascii);

/* Decodes one code point at s (at most len bytes). Stores it in *cp and
 * returns the bytes used; an invalid sequence gives U+FFFD and 1 byte. */
size_t text_decode(const char *s, size_t len, unsigned *cp);

/* Appends the UTF-8 encoding of cp to buf (at least 4 bytes); returns bytes. */
size_t text_encode(unsigned cp, char *buf);

/* A newly allocated UTF-8 copy of len bytes of Windows-1252 text (what
 * older Windows tools wrote); the five bytes that code page leaves
 * undefined, and NUL, become U+FFFD. */
char *text_from_cp1252(const char *s, size_t len);

/* A newly allocated copy of s without leading and trailing white space. */
char *text_trim(const char *s);

/* True when s holds a control character (C0, DEL or C1). */
bool text_has_control(const char *s);

/* True when s holds an invisible formatting character: zero-width spaces
 * and joiners, direction marks and overrides, the byte order mark, the
 * soft hyphen, every hidden code point (text_cp_hidden). */
bool text_has_invisible(const char *s);

/* A newly allocated NFC form of s (names are stored in NFC). Bytes that
 * are not well-formed UTF-8 become U+FFFD. Never returns NULL. */
char *text_nfc(const char *s);

/* The key under which names are unique (DESIGN rule 2), newly allocated:
 * Unicode's canonical caseless match, NFC(full case folding(NFD(s))), so
 * canonically equivalent spellings and case variants under CaseFolding.txt
 * (C and F, without the Turkic T) give one key: "Straße" and "STRASSE",
 * "ﬁle" and "FILE", "O" + U+0308 and "ö". Compatibility characters are not
 * folded further ("ＡＢ" is not "ab"). The key is valid UTF-8 in NFC and
 * text_fold(key) == key. Bytes that are not well-formed UTF-8 become
 * U+FFFD. Never returns NULL. */
char *text_fold(const char *s);
/* text_fold of the len bytes at s without their leading and trailing
 * spaces (as SQL's trim): the key a name is looked up by. */
char *text_fold_trimmed(const char *s, size_t len);
/* A filter as the screens and commands compare it: text_fold of it, or
 * NULL for none (NULL or ""). */
char *text_fold_filter(const char *filter);
/* True when text_fold(s) contains folded, a text_fold key (a filter);
 * text of ASCII only is compared in place, without a copy. */
bool text_fold_contains(const char *s, const char *folded);

/* True when a and b are the same name: their text_fold keys are equal. */
bool text_same_name(const char *a, const char *b);

/* True for a code point that a terminal would act on without showing it
 * and that no script needs inside a word: the bidi embeddings, overrides
 * and isolates (U+202A-U+202E, U+2066-U+2069, the "Trojan Source"
 * characters), the zero-width space U+200B, the word joiner and invisible
 * operators U+2060-U+2064, the byte order mark U+FEFF, and the line and
 * paragraph separators U+2028, U+2029. The joiners U+200C, U+200D and the
 * marks U+200E, U+200F are not hidden: right-to-left and Indic text and
 * emoji need them, and they reorder nothing but neutral characters. */
bool text_cp_hidden(unsigned cp);

/* A newly allocated copy that is safe to write to a terminal: invalid bytes
 * become U+FFFD, C0 controls become their visible pictures (ESC shows as
 * U+241B), DEL as U+2421, C1 controls as U+FFFD, and hidden code points
 * (text_cp_hidden) their number in ASCII, "<U+202E>". What it makes is
 * its own visible form. Never returns NULL. */
char *text_visible(const char *s);
/* The bytes text_visible_to may write for len bytes of text: each byte
 * becomes at most 3 (a hidden code point's 8 stand for 3: every one is
 * in U+0800..U+FFFF, which test_text checks), and the NUL. */
#define TEXT_VISIBLE_ROOM(len) ((len) * 3 + 9)
/* text_visible of the len bytes at s written to out (at least
 * TEXT_VISIBLE_ROOM(len) bytes, NUL-terminated), without allocating;
 * returns the bytes written, and with width the columns they take (as
 * text_width of s counts them). */
size_t text_visible_to(const char *s, size_t len, char *out, int *width);

/* A newly allocated TSV field for s, escaped as PostgreSQL's COPY text
 * format does, so that COPY ... FROM (or a split on tabs and the reverse
 * of these escapes) gives s back byte for byte: a backslash is "\\",
 * backspace, form feed, newline, carriage return, tab and vertical tab are
 * "\b" "\f" "\n" "\r" "\t" "\v"; every other byte of a C0 control, DEL, a C1
 * control, a byte that is not well-formed UTF-8 or a hidden code point
 * (text_cp_hidden) is "\xHH" (lower-case hex). The result holds no tab, no
 * line end and nothing a terminal acts on. Never returns NULL. */
char *text_tsv(const char *s);

/* Terminal columns that the visible form of s takes, as ncurses counts
 * them: the sum of text_cp_width over its code points. */
int text_width(const char *s);

/* Columns the visible form of a code point takes (see text_visible):
 * wcwidth() when the locale's character set is UTF-8, utf8proc's width
 * otherwise; 0 for combining marks, 2 for wide ones, 1 for what wcwidth
 * cannot measure (ncurses gives it one cell), 8 for a hidden code point
 * ("<U+202E>"). Never negative. */
int text_cp_width(unsigned cp);

/* A newly allocated visible copy of s cut to at most cols columns; when it
 * had to cut, the last column is the marker U+2026 (…). When pad is true
 * the result is filled with spaces to exactly cols columns. */
char *text_fit(const char *s, int cols, bool pad);

#endif

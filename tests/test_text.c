/* UTF-8 text: validation, counting, trimming, control characters, case
 * folding, the terminal-safe form, display width and cutting to columns. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "testutil.h"
#include "text.h"

static bool valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

/* Checks that f(in) gives want and frees the result. */
#define CHECK_STR(call, want)                                          \
	do {                                                           \
		char *got_ = (call);                                   \
		ck_assert_ptr_nonnull(got_);                           \
		ck_assert_str_eq(got_, (want));                        \
		free(got_);                                            \
	} while (0)

/* ---------------------------------------------------------------- utf-8 */

START_TEST(utf8_accepts_well_formed_text)
{
	ck_assert(valid(""));
	ck_assert(valid("plain ASCII"));
	ck_assert(valid("Öffentlich Straße"));     /* 2-byte */
	ck_assert(valid("中文 €"));                 /* 3-byte */
	ck_assert(valid("\xF0\x9F\x98\x80"));      /* U+1F600, 4-byte */
	ck_assert(valid("\xF4\x8F\xBF\xBF"));      /* U+10FFFF, the last one */
}
END_TEST

START_TEST(utf8_refuses_overlong_encodings)
{
	ck_assert(!valid("\xC0\xAF"));             /* '/' in 2 bytes */
	ck_assert(!valid("\xC1\xBF"));
	ck_assert(!valid("\xE0\x80\xAF"));         /* '/' in 3 bytes */
	ck_assert(!valid("\xE0\x9F\xBF"));         /* U+07FF in 3 bytes */
	ck_assert(!valid("\xF0\x80\x80\xAF"));     /* '/' in 4 bytes */
	ck_assert(!valid("\xF0\x8F\xBF\xBF"));     /* U+FFFF in 4 bytes */
}
END_TEST

START_TEST(utf8_refuses_surrogates)
{
	ck_assert(!valid("\xED\xA0\x80"));         /* U+D800 */
	ck_assert(!valid("\xED\xBF\xBF"));         /* U+DFFF */
	ck_assert(!valid("\xED\xA0\xBD\xED\xB8\x80")); /* a CESU-8 pair */
	ck_assert(valid("\xED\x9F\xBF"));          /* U+D7FF is fine */
}
END_TEST

START_TEST(utf8_refuses_truncated_sequences)
{
	ck_assert(!valid("\xC3"));
	ck_assert(!valid("ab\xE2\x82"));           /* € without its last byte */
	ck_assert(!valid("\xF0\x9F\x98"));
	ck_assert(!valid("\xE2\x82x"));            /* cut by an ASCII byte */
	ck_assert(!valid("\x80"));                 /* lone continuation byte */
	ck_assert(!valid("\xFF"));
	ck_assert(!valid("\xF4\x90\x80\x80"));     /* beyond U+10FFFF */
	/* only len bytes count: the cut happens inside the sequence */
	ck_assert(!text_utf8_valid("\xE2\x82\xAC", 2));
	ck_assert(text_utf8_valid("\xE2\x82\xAC", 3));
}
END_TEST

START_TEST(utf8_replacement_character_written_out_is_valid)
{
	ck_assert(valid("\xEF\xBF\xBD"));
	ck_assert(valid("a\xEF\xBF\xBD" "b"));
}
END_TEST

/* ---------------------------------------------------------------- chars */

START_TEST(chars_counts_code_points_not_bytes)
{
	ck_assert_uint_eq(text_chars(""), 0);
	ck_assert_uint_eq(text_chars("abc"), 3);
	ck_assert_uint_eq(text_chars("Öl"), 2);
	ck_assert_uint_eq(text_chars("中文€"), 3);
	ck_assert_uint_eq(text_chars("\xF0\x9F\x98\x80!"), 2);
	ck_assert_uint_eq(text_chars("e\xCC\x81"), 2); /* e + combining acute */
}
END_TEST

/* ---------------------------------------------------------------- trim */

START_TEST(trim_removes_outer_white_space_only)
{
	CHECK_STR(text_trim("  Lead  "), "Lead");
	CHECK_STR(text_trim("\t\n Messe Kontakt \r\n"), "Messe Kontakt");
	CHECK_STR(text_trim("a  b"), "a  b");
	CHECK_STR(text_trim(""), "");
	CHECK_STR(text_trim("   "), "");
}
END_TEST

START_TEST(trim_removes_non_breaking_and_other_unicode_spaces)
{
	CHECK_STR(text_trim("\xC2\xA0Lead\xC2\xA0"), "Lead");          /* U+00A0 */
	CHECK_STR(text_trim("\xE2\x80\xAFOffen\xE3\x80\x80"), "Offen"); /* U+202F, U+3000 */
	CHECK_STR(text_trim("\xC2\xA0 \xC2\xA0"), "");
	/* inside a name it stays */
	CHECK_STR(text_trim("a\xC2\xA0" "b"), "a\xC2\xA0" "b");
}
END_TEST

/* ---------------------------------------------------------------- controls */

START_TEST(has_control_finds_c0_del_and_c1)
{
	ck_assert(!text_has_control("Öffentlich Straße 中文"));
	ck_assert(!text_has_control(""));
	ck_assert(text_has_control("a\x01" "b"));
	ck_assert(text_has_control("tab\there"));
	ck_assert(text_has_control("line\n"));
	ck_assert(text_has_control("\x1b[31mred"));
	ck_assert(text_has_control("del\x7f"));
	ck_assert(text_has_control("nel\xC2\x85"));    /* U+0085 */
	ck_assert(text_has_control("csi\xC2\x9B" "2J")); /* U+009B */
	ck_assert(!text_has_control("\xC2\xA0"));      /* U+00A0 is not C1 */
}
END_TEST

/* ---------------------------------------------------------------- folding */

START_TEST(same_name_ignores_case_of_german_umlauts)
{
	ck_assert(text_same_name("Öffentlich", "öffentlich"));
	ck_assert(text_same_name("ÄRGER ÜBER", "ärger über"));
	ck_assert(!text_same_name("Öffentlich", "Offentlich"));
}
END_TEST

START_TEST(same_name_folds_sharp_s_to_ss)
{
	ck_assert(text_same_name("Straße", "STRASSE"));
	ck_assert(text_same_name("Straße", "strasse"));
	ck_assert(text_same_name("STRA\xE1\xBA\x9E" "E", "straße")); /* capital ẞ */
	CHECK_STR(text_fold("Straße"), "strasse");
}
END_TEST

/* A filter's match (text_fold_contains, compared in place for ASCII)
 * is the fold of the text containing the folded filter, for every pair. */
START_TEST(fold_contains_is_strstr_of_the_folds)
{
	static const char *const texts[] = {
		"", "a", "Category 1999", "The description of category 995",
		"aaab", "ABABAC", "MQL-2024", "Straße", "STRASSE", "Öffentlich",
		"O\xCC\x88" "ffentlich", "\xE2\x84\xAA" "elvin", "bad \xC4 byte",
		"tab\there", "ΣΊΣΥΦΟΣ",
	};
	static const char *const keys[] = {
		"a", "A", "aab", "abac", "ab", "category 1999", "CATEGORY 19990", "995",
		"ss", "ß", "öff", "kelvin", "K", "\xC4", "\xEF\xBF\xBD", "t\th",
		"σίσ", "z", "description of category 995!",
	};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
			char *key = text_fold(keys[j]), *folded = text_fold(texts[i]);
			bool want = strstr(folded, key) != NULL;

			ck_assert_msg(text_fold_contains(texts[i], key) == want,
				      "\"%s\" contains \"%s\": want %d", texts[i], keys[j], want);
			free(key);
			free(folded);
		}
	ck_assert(text_fold_contains("Category 1999", "ry 19"));
	ck_assert(!text_fold_contains("Category 1999", "ry 20"));
	ck_assert(text_fold_contains("Straße", "strasse"));
	ck_assert(text_fold_contains("abc", ""));
}
END_TEST

/* TEXT_VISIBLE_ROOM allows 3 bytes of output a byte of input: a hidden
 * code point's number form, "<U+202E>" (8 bytes), stands for the 3 bytes of
 * its UTF-8.
 * A hidden code point of 1 or 2 bytes, or one whose number takes five
 * digits, would overrun that room: none may be added. */
START_TEST(every_hidden_code_point_fits_the_visible_room)
{
	unsigned hidden = 0;

	for (unsigned cp = 0; cp <= 0x10FFFF; cp++) {
		if (!text_cp_hidden(cp))
			continue;
		ck_assert_msg(cp >= 0x800 && cp <= 0xFFFF,
			      "U+%04X is hidden but not 3 bytes of UTF-8", cp);
		hidden++;
	}
	ck_assert_uint_gt(hidden, 10);
}
END_TEST

START_TEST(same_name_ignores_case_in_greek)
{
	ck_assert(text_same_name("ΑΘΗΝΑ", "αθηνα"));
	ck_assert(text_same_name("ΟΔΟΣ", "οδος"));     /* final sigma */
	ck_assert(text_same_name("Άγιος Νικόλαος", "άγιος νικόλαος")); /* tonos */
	ck_assert(text_same_name("ΈΡΓΟ", "έργο"));
	ck_assert(!text_same_name("ΑΘΗΝΑ", "αθηνε"));
}
END_TEST

START_TEST(same_name_ignores_case_in_cyrillic)
{
	ck_assert(text_same_name("МОСКВА", "москва"));
	ck_assert(text_same_name("Ёлка", "ёлка"));
	ck_assert(text_same_name("Київ", "КИЇВ"));
	ck_assert(!text_same_name("МОСКВА", "москвы"));
}
END_TEST

START_TEST(same_name_ignores_case_in_ascii)
{
	ck_assert(text_same_name("ACME Ltd", "acme ltd"));
	ck_assert(text_same_name("Lead", "lEAD"));
	ck_assert(!text_same_name("Lead", "Leads"));
	ck_assert(!text_same_name("Lead", "Lead "));
	CHECK_STR(text_fold("MQL-2024"), "mql-2024");
}
END_TEST

START_TEST(fold_of_invalid_bytes_gives_replacement_characters)
{
	/* A legacy database can hold Latin-1 names: each bad byte becomes
	 * U+FFFD (3 bytes), and the result must fit its buffer. */
	CHECK_STR(text_fold("\xC4\xD6\xDC\xFF"),
		  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}
END_TEST

START_TEST(fold_gives_nfc_and_nfd_spellings_one_key)
{
	ck_assert(text_same_name("Öffentlich", "O\xCC\x88" "ffentlich"));
	ck_assert(text_same_name("ÖFFENTLICH", "o\xCC\x88" "ffentlich"));
	CHECK_STR(text_fold("O\xCC\x88" "ffentlich"), "öffentlich");
	/* a Hangul syllable and its jamo */
	ck_assert(text_same_name("한국", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB" "국"));
	/* two marks in either order: dot below and acute */
	ck_assert(text_same_name("a\xCC\x81\xCC\xA3", "A\xCC\xA3\xCC\x81"));
	/* U+0345 folds to iota, so the marks are ordered before folding */
	ck_assert(text_same_name("α\xCD\x85\xCC\x81", "α\xCC\x81\xCD\x85"));
	ck_assert(text_same_name("ᾴ", "Α\xCC\x81\xCD\x85"));
	/* canonical singletons: the Ångström, Kelvin and Ohm signs */
	ck_assert(text_same_name("\xE2\x84\xAB", "å"));
	ck_assert(text_same_name("\xE2\x84\xAA", "k"));
	ck_assert(text_same_name("\xE2\x84\xA6", "ω"));
}
END_TEST

START_TEST(fold_follows_unicode_full_case_folding)
{
	ck_assert(text_same_name("STRASSE", "Straße"));
	ck_assert(text_same_name("STRAẞE", "STRASSE"));
	ck_assert(text_same_name("ΣΊΣΥΦΟΣ", "σίσυφος"));     /* final sigma */
	CHECK_STR(text_fold("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
	ck_assert(text_same_name("ﬁle", "FILE"));            /* U+FB01 */
	CHECK_STR(text_fold("ﬁle"), "file");
	ck_assert(text_same_name("ﬅ", "ST"));                /* long s t */
	ck_assert(text_same_name("ǅ", "ǆ"));                 /* U+01C5, U+01C6 */
	ck_assert(text_same_name("Ǆ", "ǅ"));
	ck_assert(text_same_name("ǈ", "Ǉ"));
	ck_assert(text_same_name("Ɓ", "ɓ"));                 /* Latin Extended-B */
	ck_assert(text_same_name("Ǝ", "ǝ"));
	ck_assert(text_same_name("ŉ", "ʼN"));                /* U+0149 */
	ck_assert(text_same_name("ſ", "S"));                 /* long s */
	ck_assert(text_same_name("µ", "Μ"));                 /* micro sign, Greek mu */
	ck_assert(text_same_name("Ӏ", "ӏ"));                 /* palochka */
	ck_assert(text_same_name("ԚԜ", "ԛԝ"));               /* Cyrillic Supplement */
	ck_assert(text_same_name("ՀԱՅԱՍՏԱՆ", "հայաստան"));   /* Armenian */
	ck_assert(text_same_name("ﬓ", "ՄՆ"));                /* Armenian ligature */
	ck_assert(text_same_name("ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "საქართველო")); /* Georgian */
}
END_TEST

START_TEST(fold_keeps_letters_apart_that_unicode_keeps_apart)
{
	ck_assert(!text_same_name("i", "ı"));
	ck_assert(!text_same_name("I", "ı"));
	ck_assert(!text_same_name("İ", "ı"));
	ck_assert(!text_same_name("İ", "i"));
	ck_assert(text_same_name("İ", "i\xCC\x87"));  /* it folds to i + dot */
	ck_assert(!text_same_name("O", "Ø"));
	ck_assert(!text_same_name("a", "ä"));
	ck_assert(!text_same_name("l", "ł"));
	ck_assert(!text_same_name("а", "a"));          /* Cyrillic, Latin */
	ck_assert(!text_same_name("ẚ", "ẛ"));          /* U+1E9A, U+1E9B */
	ck_assert(!text_same_name("ẖ", "ẗ"));          /* U+1E96, U+1E97 */
	ck_assert(!text_same_name("ß", "s"));
	ck_assert(text_same_name("ß", "ss"));
	/* compatibility forms stay themselves: no NFKC */
	ck_assert(!text_same_name("ǅ", "dž"));
	ck_assert(!text_same_name("ＡＢ", "ab"));
	ck_assert(text_same_name("ＡＢ", "ａｂ"));
}
END_TEST

START_TEST(fold_is_stable_and_in_nfc)
{
	static const char *const names[] = {
		"Öffentlich", "O\xCC\x88" "ffentlich", "STRAẞE", "ΣΊΣΥΦΟΣ", "ΐ",
		"İstanbul", "Ӏ", "ᾼ", "ﬁle", "ǅ", "한국",
		"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "α\xCD\x85\xCC\x81",
		"\xC4\xD6", "",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *key = text_fold(names[i]);
		char *again = text_fold(key);
		char *nfc = text_nfc(key);

		ck_assert_msg(strcmp(key, again) == 0, "%s: %s, then %s", names[i], key, again);
		ck_assert_msg(strcmp(key, nfc) == 0, "%s: %s is not NFC", names[i], key);
		free(key);
		free(again);
		free(nfc);
	}
	/* U+04C0 once folded to U+04C1, which folds to U+04C2 */
	CHECK_STR(text_fold("Ӏ"), "ӏ");
}
END_TEST

START_TEST(fold_repairs_invalid_bytes_before_normalising)
{
	CHECK_STR(text_fold("\xFFO\xCC\x88"), "\xEF\xBF\xBD" "ö");
	CHECK_STR(text_fold("A\xCC"), "a\xEF\xBF\xBD");
	ck_assert(text_same_name("\xC4", "\xD6"));      /* both U+FFFD */
}
END_TEST

/* ---------------------------------------------------------------- nfc */

START_TEST(nfc_composes_and_keeps_case)
{
	CHECK_STR(text_nfc("O\xCC\x88" "ffentlich"), "Öffentlich");
	CHECK_STR(text_nfc("Öffentlich STRASSE Straße"), "Öffentlich STRASSE Straße");
	CHECK_STR(text_nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "한");
	/* marks in canonical order; the dot below composes, the acute stays */
	CHECK_STR(text_nfc("a\xCC\x81\xCC\xA3"), "ạ\xCC\x81");
	CHECK_STR(text_nfc("\xE2\x84\xAB"), "Å");       /* Ångström sign */
	CHECK_STR(text_nfc("ﬁ ＡＢ"), "ﬁ ＡＢ");           /* not NFKC */
	CHECK_STR(text_nfc(""), "");
}
END_TEST

START_TEST(nfc_repairs_invalid_bytes)
{
	CHECK_STR(text_nfc("ok\xFF"), "ok\xEF\xBF\xBD");
	CHECK_STR(text_nfc("\xC0\xAFO\xCC\x88"), "\xEF\xBF\xBD\xEF\xBF\xBD" "Ö");
}
END_TEST

/* ---------------------------------------------------------------- visible */

START_TEST(visible_shows_escape_as_a_picture)
{
	CHECK_STR(text_visible("\x1b"), "\xE2\x90\x9B"); /* U+241B */
	CHECK_STR(text_visible("a\x01" "b"), "a\xE2\x90\x81" "b");
	CHECK_STR(text_visible("x\ny"), "x\xE2\x90\x8Ay");
	CHECK_STR(text_visible("del\x7f"), "del\xE2\x90\xA1");
}
END_TEST

START_TEST(visible_neutralises_csi_and_osc_sequences)
{
	char *v = text_visible("\x1b[2J\x1b[31mred\x1b]0;owned\x07\x1bP$q\x1b\\");

	ck_assert_ptr_null(strchr(v, 0x1b));
	ck_assert_ptr_null(strchr(v, 0x07));
	ck_assert(!text_has_control(v));
	ck_assert_str_eq(v, "\xE2\x90\x9B[2J\xE2\x90\x9B[31mred\xE2\x90\x9B]0;owned\xE2\x90\x87"
			    "\xE2\x90\x9BP$q\xE2\x90\x9B\\");
	free(v);
}
END_TEST

START_TEST(visible_replaces_c1_controls)
{
	char *v = text_visible("a\xC2\x9B" "2Jb\xC2\x9D" "0;x\xC2\x9C");

	ck_assert(!text_has_control(v));
	ck_assert_str_eq(v, "a\xEF\xBF\xBD" "2Jb\xEF\xBF\xBD" "0;x\xEF\xBF\xBD");
	free(v);
}
END_TEST

START_TEST(visible_replaces_invalid_bytes)
{
	CHECK_STR(text_visible("ok\xFF"), "ok\xEF\xBF\xBD");
	CHECK_STR(text_visible("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(text_visible("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* a byte that would start an 8-bit CSI on some terminals */
	CHECK_STR(text_visible("\x9B" "2J"), "\xEF\xBF\xBD" "2J");
}
END_TEST

START_TEST(visible_keeps_ordinary_text)
{
	CHECK_STR(text_visible("Öffentlich – 中文 \xEF\xBF\xBD"), "Öffentlich – 中文 \xEF\xBF\xBD");
	CHECK_STR(text_visible(NULL), "");
}
END_TEST

START_TEST(visible_shows_bidi_controls_by_number)
{
	/* "Trojan Source": an override would show "abc" where "cba" is */
	CHECK_STR(text_visible("x\xE2\x80\xAE" "cba\xE2\x80\xAC"), "x<U+202E>cba<U+202C>");
	CHECK_STR(text_visible("\xE2\x81\xA6" "a\xE2\x81\xA9"), "<U+2066>a<U+2069>");
	CHECK_STR(text_visible("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAD\xE2\x81\xA7\xE2\x81\xA8"),
		  "<U+202A><U+202B><U+202D><U+2067><U+2068>");
}
END_TEST

START_TEST(visible_shows_zero_width_characters_by_number)
{
	CHECK_STR(text_visible("max\xE2\x80\x8B@example.com"), "max<U+200B>@example.com");
	CHECK_STR(text_visible("\xEF\xBB\xBF" "a\xE2\x81\xA0" "b"), "<U+FEFF>a<U+2060>b");
	CHECK_STR(text_visible("a\xE2\x80\xA8" "b\xE2\x80\xA9"), "a<U+2028>b<U+2029>");
	/* what it makes is its own visible form */
	CHECK_STR(text_visible("<U+202E>"), "<U+202E>");
}
END_TEST

START_TEST(visible_keeps_right_to_left_text_readable)
{
	/* Hebrew and Arabic letters, the marks and joiners they need */
	const char *rtl = "שלום \xE2\x80\x8F(1)\xE2\x80\x8F مرحبا \xD8\xA7\xD9\x84\xE2\x80\x8C\xD9\x85";
	const char *emoji = "👩\xE2\x80\x8D💻";

	CHECK_STR(text_visible(rtl), rtl);
	CHECK_STR(text_visible(emoji), emoji);
	ck_assert(!text_cp_hidden(0x200C) && !text_cp_hidden(0x200D));
	ck_assert(!text_cp_hidden(0x200E) && !text_cp_hidden(0x200F));
}
END_TEST

START_TEST(visible_to_writes_what_visible_makes_and_counts_its_width)
{
	static const char *const texts[] = {
		"", "plain", "a \xE2\x86\x92 b", "\x1b[31m", "ok\xFF", "\xE2\x80\xAE" "evil",
		"\xE6\xBC\xA2\xE5\xAD\x97 wide", "e\xCC\x81", "\xC2\x9B" "2J", "tab\tend",
	};
	/* Room for the longest form: every byte a hidden code point's. */
	char out[TEXT_VISIBLE_ROOM(16)];

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *vis = text_visible(texts[i]);
		size_t len = strlen(texts[i]);
		int width = -1;

		ck_assert_uint_le(len, 16);
		ck_assert_uint_eq(text_visible_to(texts[i], len, out, &width), strlen(vis));
		ck_assert_str_eq(out, vis);
		ck_assert_int_eq(width, text_width(texts[i]));
		ck_assert_int_eq(width, text_width(vis));
		free(vis);
	}
	/* Only len bytes: a text need not end there. */
	ck_assert_uint_eq(text_visible_to("ab\x1b" "cd", 3, out, NULL), 5);
	ck_assert_str_eq(out, "ab\xE2\x90\x9B");
}
END_TEST

START_TEST(hidden_characters_are_invisible_in_names)
{
	ck_assert(text_has_invisible("a\xE2\x80\xAE" "b"));
	ck_assert(text_has_invisible("a\xE2\x80\xA8" "b"));
	ck_assert(text_has_invisible("a\xE2\x80\x8B" "b"));
	ck_assert(!text_has_invisible("Öffentlich"));
}
END_TEST

/* ---------------------------------------------------------------- tsv */

/* The reverse of text_tsv, as PostgreSQL's COPY text format reads it. */
static char *tsv_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t o = 0;

	ck_assert_ptr_nonnull(out);
	while (*s) {
		if (*s != '\\') {
			out[o++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'b': out[o++] = '\b'; s++; break;
		case 'f': out[o++] = '\f'; s++; break;
		case 'n': out[o++] = '\n'; s++; break;
		case 'r': out[o++] = '\r'; s++; break;
		case 't': out[o++] = '\t'; s++; break;
		case 'v': out[o++] = '\v'; s++; break;
		case 'x': {
			unsigned v;

			ck_assert_int_eq(sscanf(s + 1, "%2x", &v), 1);
			out[o++] = (char)v;
			s += 3;
			break;
		}
		default: out[o++] = *s++; break;
		}
	}
	out[o] = '\0';
	return out;
}

START_TEST(tsv_escapes_as_copy_text_format_does)
{
	CHECK_STR(text_tsv("plain Öl 中文"), "plain Öl 中文");
	CHECK_STR(text_tsv("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
	CHECK_STR(text_tsv("\b\f\v"), "\\b\\f\\v");
	CHECK_STR(text_tsv("\x1b]52;c;eA==\x07"), "\\x1b]52;c;eA==\\x07");
	CHECK_STR(text_tsv("del\x7f"), "del\\x7f");
	CHECK_STR(text_tsv("c1\xC2\x9B" "2J"), "c1\\xc2\\x9b2J");
	CHECK_STR(text_tsv("bad\xFF\xC0"), "bad\\xff\\xc0");
	CHECK_STR(text_tsv("rlo\xE2\x80\xAE"), "rlo\\xe2\\x80\\xae");
	CHECK_STR(text_tsv(""), "");
	CHECK_STR(text_tsv(NULL), "");
}
END_TEST

START_TEST(tsv_gives_the_text_back_byte_for_byte)
{
	static const char *const samples[] = {
		"", "a\\b", "\\t is not a tab", "\t\n\r\b\f\v\x01\x1b[2J\x7f",
		"\xC2\x80\xC2\x9F\xFF\xFE\xC0\xAF\xED\xA0\x80", "\xE2\x80",
		"\xE2\x81\xA6\xE2\x80\x8B\xEF\xBB\xBF", "Öffentlich – 中文 👩\xE2\x80\x8D💻",
	};

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *esc = text_tsv(samples[i]), *back = tsv_decode(esc);

		ck_assert_msg(strcmp(back, samples[i]) == 0, "sample %zu", i);
		ck_assert_ptr_null(strchr(esc, '\t'));
		ck_assert_ptr_null(strchr(esc, '\n'));
		ck_assert(!text_has_control(esc));
		ck_assert(text_utf8_valid(esc, strlen(esc)));
		free(back);
		free(esc);
	}
}
END_TEST

/* ---------------------------------------------------------------- width */

START_TEST(width_counts_wide_characters_twice)
{
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("中文"), 4);
	ck_assert_int_eq(text_width("한국"), 4);
	ck_assert_int_eq(text_width("ＡＢ"), 4);          /* full-width Latin */
	ck_assert_int_eq(text_width("a中b"), 4);
	ck_assert_int_eq(text_width("Öl"), 2);
	ck_assert_int_eq(text_width(""), 0);
}
END_TEST

START_TEST(width_counts_combining_marks_as_zero)
{
	ck_assert_int_eq(text_width("e\xCC\x81"), 1);   /* e + U+0301 */
	ck_assert_int_eq(text_width("a\xCC\x88o\xCC\x88"), 2);
	ck_assert_int_eq(text_cp_width(0x0301), 0);
}
END_TEST

START_TEST(width_counts_controls_as_their_pictures)
{
	ck_assert_int_eq(text_width("\x1b[1m"), 4);     /* ␛ [ 1 m */
	ck_assert_int_eq(text_cp_width(0x1b), 1);
}
END_TEST

START_TEST(width_counts_hidden_characters_as_their_numbers)
{
	ck_assert_int_eq(text_cp_width(0x202E), 8);
	ck_assert_int_eq(text_cp_width(0x200B), 8);
	ck_assert_int_eq(text_width("a\xE2\x80\xAE" "b"), 10);
	/* never cut inside the number */
	CHECK_STR(text_fit("a\xE2\x80\xAE" "b", 9, false), "a\xE2\x80\xA6");
	CHECK_STR(text_fit("a\xE2\x80\xAE" "b", 10, false), "a<U+202E>b");
}
END_TEST

/* Code points whose widths differ between scripts and tables. */
static const unsigned width_sample[] = {
	'A', '~', 0xA0, 0xAD, 0xE9, 0xDF,               /* ASCII, Latin-1 */
	0x301, 0x308, 0x345, 0x591, 0x94D, 0xE31,       /* combining marks */
	0x93F,                                          /* a spacing mark */
	0x4E2D, 0x3000, 0x3030, 0xFF21, 0x20000,        /* CJK, full width */
	0xD55C, 0x1100, 0x1160, 0x11AB,                 /* Hangul, jamo */
	0x1F600, 0x1F680, 0x26A1, 0x1F321, 0x1F900, 0x2764, 0x1F3FB, 0xFE0F,
	0x200C, 0x200D, 0x200E, 0x200F,                 /* joiners, marks */
	0xFFFD, 0x2026, 0x241B, 0xE000,
	0x378, 0x10FFFF,                                /* wcwidth says -1 */
};

/* Restores the locale the suite runs in (tu_run sets it). */
static char *locale_save(void)
{
	char *saved = strdup(setlocale(LC_ALL, NULL));

	ck_assert_ptr_nonnull(saved);
	return saved;
}

static void locale_restore(char *saved)
{
	setlocale(LC_ALL, saved);
	free(saved);
}

START_TEST(width_agrees_with_wcwidth_under_utf8)
{
	char *saved = locale_save();
	size_t i;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	for (i = 0; i < sizeof(width_sample) / sizeof(width_sample[0]); i++) {
		unsigned cp = width_sample[i];
		int wc = wcwidth((wchar_t)cp);

		/* ncurses gives what wcwidth cannot measure one cell */
		ck_assert_msg(text_cp_width(cp) == (wc < 0 ? 1 : wc),
			      "U+%04X: %d columns, wcwidth %d", cp, text_cp_width(cp), wc);
	}
	ck_assert_int_eq(text_cp_width(0x301), 0);
	ck_assert_int_eq(text_cp_width(0x200D), 0);
	ck_assert_int_eq(text_cp_width(0x4E2D), 2);
	ck_assert_int_eq(text_cp_width(0x1F600), 2);
	/* jamo take the syllable's two columns; a joined emoji sequence
	 * takes what its parts take, as ncurses counts it */
	ck_assert_int_eq(text_width("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 2);
	ck_assert_int_eq(text_width("👩\xE2\x80\x8D💻"), 4);
	ck_assert_int_eq(text_width("\x1b[1m"), 4);
	locale_restore(saved);
}
END_TEST

START_TEST(width_falls_back_to_utf8proc_without_a_utf8_locale)
{
	char *saved = locale_save();
	size_t i;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	/* why there is a fallback: the C locale knows no width beyond ASCII */
	ck_assert_int_lt(wcwidth(0x4E2D), 0);
	for (i = 0; i < sizeof(width_sample) / sizeof(width_sample[0]); i++) {
		unsigned cp = width_sample[i];

		ck_assert_msg(text_cp_width(cp) == utf8proc_charwidth((utf8proc_int32_t)cp),
			      "U+%04X: %d columns, utf8proc %d", cp, text_cp_width(cp),
			      utf8proc_charwidth((utf8proc_int32_t)cp));
	}
	ck_assert_int_eq(text_width("中文"), 4);
	ck_assert_int_eq(text_width("Öl"), 2);
	ck_assert_int_eq(text_width("e\xCC\x81"), 1);
	ck_assert_int_eq(text_width("\xF0\x9F\x9A\x80"), 2);   /* U+1F680 */
	ck_assert_int_eq(text_width("\x1b[1m"), 4);
	CHECK_STR(text_fit("中文字", 4, false), "中\xE2\x80\xA6");
	locale_restore(saved);
}
END_TEST

START_TEST(width_is_never_negative)
{
	static const char *const locales[] = { "C.UTF-8", "C" };
	char *saved = locale_save();
	size_t l;
	unsigned cp;

	for (l = 0; l < sizeof(locales) / sizeof(locales[0]); l++) {
		if (!setlocale(LC_ALL, locales[l]))
			continue;
		for (cp = 0; cp <= 0x10FFFF; cp++) {
			int w = text_cp_width(cp);

			if (w < 0 || w > (text_cp_hidden(cp) ? 8 : 2))
				ck_abort_msg("%s: U+%04X takes %d columns", locales[l], cp, w);
		}
	}
	locale_restore(saved);
}
END_TEST

/* ---------------------------------------------------------------- fit */

START_TEST(fit_cuts_with_an_ellipsis)
{
	CHECK_STR(text_fit("Marketing", 5, false), "Mark\xE2\x80\xA6");
	CHECK_STR(text_fit("abc", 1, false), "\xE2\x80\xA6");
	CHECK_STR(text_fit("abc", 0, false), "");
}
END_TEST

START_TEST(fit_keeps_text_that_fits_exactly)
{
	CHECK_STR(text_fit("Lead", 4, false), "Lead");
	CHECK_STR(text_fit("中文", 4, false), "中文");
	CHECK_STR(text_fit("", 3, false), "");
}
END_TEST

START_TEST(fit_never_splits_a_wide_character)
{
	char *s = text_fit("中文字", 4, false);

	/* 中 (2) + … (1): 文 would need columns 3 and 4, the marker the 5th */
	ck_assert_str_eq(s, "中\xE2\x80\xA6");
	ck_assert_int_eq(text_width(s), 3);
	free(s);
	s = text_fit("中文字", 4, true);
	ck_assert_str_eq(s, "中\xE2\x80\xA6 ");
	ck_assert_int_eq(text_width(s), 4);
	free(s);
}
END_TEST

START_TEST(fit_never_splits_a_utf8_sequence)
{
	int cols;

	for (cols = 0; cols <= 8; cols++) {
		char *s = text_fit("Ärger über €uro", cols, false);

		ck_assert_msg(text_utf8_valid(s, strlen(s)), "cols %d: invalid UTF-8", cols);
		ck_assert_int_le(text_width(s), cols);
		free(s);
	}
	CHECK_STR(text_fit("éééé", 3, false), "éé\xE2\x80\xA6");
	/* a combining mark stays with its letter */
	CHECK_STR(text_fit("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, false),
		  "e\xCC\x81\xE2\x80\xA6");
}
END_TEST

START_TEST(fit_pads_to_the_width)
{
	CHECK_STR(text_fit("ab", 5, true), "ab   ");
	CHECK_STR(text_fit("中", 4, true), "中  ");
	CHECK_STR(text_fit("abcdef", 4, true), "abc\xE2\x80\xA6");
	CHECK_STR(text_fit("ab", 5, false), "ab");
}
END_TEST

START_TEST(fit_makes_controls_visible)
{
	CHECK_STR(text_fit("a\x1b[2Jb", 10, false), "a\xE2\x90\x9B[2Jb");
	CHECK_STR(text_fit("\x1b[2J", 3, false), "\xE2\x90\x9B[\xE2\x80\xA6");
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, fold_contains_is_strstr_of_the_folds);
	tcase_add_test(tc, every_hidden_code_point_fits_the_visible_room);
	tcase_add_test(tc, utf8_accepts_well_formed_text);
	tcase_add_test(tc, utf8_refuses_overlong_encodings);
	tcase_add_test(tc, utf8_refuses_surrogates);
	tcase_add_test(tc, utf8_refuses_truncated_sequences);
	tcase_add_test(tc, utf8_replacement_character_written_out_is_valid);
	tcase_add_test(tc, chars_counts_code_points_not_bytes);
	tcase_add_test(tc, trim_removes_outer_white_space_only);
	tcase_add_test(tc, trim_removes_non_breaking_and_other_unicode_spaces);
	tcase_add_test(tc, has_control_finds_c0_del_and_c1);
	tcase_add_test(tc, same_name_ignores_case_of_german_umlauts);
	tcase_add_test(tc, same_name_folds_sharp_s_to_ss);
	tcase_add_test(tc, same_name_ignores_case_in_greek);
	tcase_add_test(tc, same_name_ignores_case_in_cyrillic);
	tcase_add_test(tc, same_name_ignores_case_in_ascii);
	tcase_add_test(tc, fold_of_invalid_bytes_gives_replacement_characters);
	tcase_add_test(tc, fold_gives_nfc_and_nfd_spellings_one_key);
	tcase_add_test(tc, fold_follows_unicode_full_case_folding);
	tcase_add_test(tc, fold_keeps_letters_apart_that_unicode_keeps_apart);
	tcase_add_test(tc, fold_is_stable_and_in_nfc);
	tcase_add_test(tc, fold_repairs_invalid_bytes_before_normalising);
	tcase_add_test(tc, nfc_composes_and_keeps_case);
	tcase_add_test(tc, nfc_repairs_invalid_bytes);
	tcase_add_test(tc, visible_shows_escape_as_a_picture);
	tcase_add_test(tc, visible_neutralises_csi_and_osc_sequences);
	tcase_add_test(tc, visible_replaces_c1_controls);
	tcase_add_test(tc, visible_replaces_invalid_bytes);
	tcase_add_test(tc, visible_keeps_ordinary_text);
	tcase_add_test(tc, visible_shows_bidi_controls_by_number);
	tcase_add_test(tc, visible_shows_zero_width_characters_by_number);
	tcase_add_test(tc, visible_keeps_right_to_left_text_readable);
	tcase_add_test(tc, visible_to_writes_what_visible_makes_and_counts_its_width);
	tcase_add_test(tc, hidden_characters_are_invisible_in_names);
	tcase_add_test(tc, tsv_escapes_as_copy_text_format_does);
	tcase_add_test(tc, tsv_gives_the_text_back_byte_for_byte);
	tcase_add_test(tc, width_counts_hidden_characters_as_their_numbers);
	tcase_add_test(tc, width_counts_wide_characters_twice);
	tcase_add_test(tc, width_counts_combining_marks_as_zero);
	tcase_add_test(tc, width_counts_controls_as_their_pictures);
	tcase_add_test(tc, width_falls_back_to_utf8proc_without_a_utf8_locale);
	tcase_add_test(tc, width_is_never_negative);
	/* Without C.UTF-8 there is no wcwidth to compare with. */
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		tcase_add_test(tc, width_agrees_with_wcwidth_under_utf8);
	else
		printf("# SKIP width_agrees_with_wcwidth_under_utf8: no C.UTF-8 locale\n");
	tcase_add_test(tc, fit_cuts_with_an_ellipsis);
	tcase_add_test(tc, fit_keeps_text_that_fits_exactly);
	tcase_add_test(tc, fit_never_splits_a_wide_character);
	tcase_add_test(tc, fit_never_splits_a_utf8_sequence);
	tcase_add_test(tc, fit_pads_to_the_width);
	tcase_add_test(tc, fit_makes_controls_visible);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(text_suite()); }

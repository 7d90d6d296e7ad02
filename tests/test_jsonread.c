/* JSON input (jsonread_load over jansson): what is refused, and that every
 * refusal says where, in lines and characters, and why. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "testutil.h"

/* Loads len bytes that must be refused with a reason containing want. */
static void refused_n(const char *text, size_t len, const char *want)
{
	char why[300] = "";
	json_t *j = jsonread_load(text, len, why, sizeof(why));

	ck_assert_msg(j == NULL, "accepted: %.60s", text);
	ck_assert_msg(strstr(why, want) != NULL, "'%s' not in: %s", want, why);
}

static void refused(const char *text, const char *want)
{
	refused_n(text, strlen(text), want);
}

static json_t *loaded(const char *text)
{
	char why[300] = "";
	json_t *j = jsonread_load(text, strlen(text), why, sizeof(why));

	ck_assert_msg(j != NULL, "refused: %s", why);
	return j;
}

/* "[[...]]", depth deep. */
static char *nested(size_t depth)
{
	char *s = malloc(2 * depth + 1);

	ck_assert_ptr_nonnull(s);
	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\0';
	return s;
}

START_TEST(a_syntax_error_says_line_and_column)
{
	refused("{\n  \"a\": [1, 2,]\n}", "line 2, column 14: ");
	refused("{\"a\": 1} x", "line 1, column 10: ");
	/* The input ends after a newline: the start of the next line. */
	refused("{\"a\":\n", "line 2, column 1: ");
}
END_TEST

START_TEST(a_nul_byte_is_refused_wherever_it_is)
{
	static const char after_number[] = "[\"\xc3\xa4\",\n 1\0]";
	static const char in_string[] = "[\"a\0b\"]";
	static const char at_the_end[] = "{}\0";

	refused_n(after_number, sizeof(after_number) - 1,
		  "line 2, column 3: a NUL byte, which JSON text cannot contain");
	refused_n(in_string, sizeof(in_string) - 1, "line 1, column 4: a NUL byte");
	refused_n(at_the_end, sizeof(at_the_end) - 1, "line 1, column 3: a NUL byte");
}
END_TEST

START_TEST(bytes_that_are_not_utf8_are_named_and_placed_by_characters)
{
	/* äöü take two bytes each, one column each. */
	refused("[\"\xc3\xa4\xc3\xb6\xc3\xbc\", \xff]", "line 1, column 9: byte 0xFF is not UTF-8");
	refused("[\"x\xc3\"]", "line 1, column 4: byte 0xC3 is not UTF-8");
	/* An overlong "/" and an encoded surrogate. */
	refused("[\"\xc0\xaf\"]", "byte 0xC0 is not UTF-8");
	refused("[\"\xed\xa0\x80\"]", "byte 0xED is not UTF-8");
}
END_TEST

START_TEST(a_key_twice_is_refused_naming_the_key)
{
	refused("{\"id\": 1, \"id\": 2}", "line 1, column 14: the key \"id\" appears twice in one object");
	/* In a nested object, and the same key spelled with an escape. */
	refused("[{\"a\": {\"b\": 1, \"\\u0062\": 2}}]", "the key \"b\" appears twice");
	/* Escaped quotes and backslashes are part of the key. */
	refused("{\"a\\\"b\\\\\": 1, \"a\\\"b\\\\\": 2}", "the key \"a\"b\\\" appears twice");
}
END_TEST

START_TEST(a_duplicate_key_is_shown_visible_and_cut)
{
	char text[400], key[121];
	char why[300] = "";

	/* An escape sequence in a key reaches a terminal as its picture. */
	refused("{\"\\u001b[31m\": 1, \"\\u001b[31m\": 2}", "the key \"\xe2\x90\x9b[31m\" appears twice");
	ck_assert_ptr_null(jsonread_load("{\"\\u001b\": 1, \"\\u001b\": 2}", 26, why, sizeof(why)));
	ck_assert_msg(strchr(why, '\x1b') == NULL, "%s", why);
	/* A long key: its first 39 characters and an ellipsis. */
	memset(key, 'k', 120);
	key[120] = '\0';
	snprintf(text, sizeof(text), "{\"%s\": 1, \"%s\": 2}", key, key);
	key[39] = '\0';
	snprintf(why, sizeof(why), "the key \"%s\xe2\x80\xa6\" appears twice", key);
	refused(text, why);
}
END_TEST

START_TEST(nesting_is_read_to_the_limit_and_refused_deeper)
{
	char *ok = nested(JSON_PARSER_MAX_DEPTH), *deep = nested(JSON_PARSER_MAX_DEPTH + 1);
	json_t *j = loaded(ok);
	char want[100];

	json_decref(j);
	snprintf(want, sizeof(want), "line 1, column %d: nested deeper than %d levels",
		 JSON_PARSER_MAX_DEPTH + 1, JSON_PARSER_MAX_DEPTH);
	refused(deep, want);
	free(ok);
	free(deep);
	/* Only opening brackets, far more than the stack would take if the
	 * parser had no limit. */
	deep = malloc(1000000);
	ck_assert_ptr_nonnull(deep);
	memset(deep, '[', 1000000);
	refused_n(deep, 1000000, "nested deeper than");
	free(deep);
}
END_TEST

START_TEST(a_document_is_an_object_or_an_array)
{
	json_t *j;

	refused("1", "line 1, column 1: '[' or '{' expected");
	refused("\"text\"", "'[' or '{' expected");
	refused("", "line 1, column 1: ");
	j = loaded(" [] ");
	ck_assert(json_is_array(j));
	json_decref(j);
	j = loaded("{}");
	ck_assert(json_is_object(j));
	json_decref(j);
}
END_TEST

START_TEST(an_escaped_nul_or_a_lone_surrogate_in_a_string_is_refused)
{
	json_t *j;

	refused("[\"a\\u0000b\"]", "line 1, column 11: \\u0000 (a NUL character) is not allowed in a string");
	refused("[\"\\ud800\"]", "line 1, column 9: invalid Unicode '\\uD800'");
	/* A pair is one character. */
	j = loaded("[\"\\ud83d\\ude00\"]");
	ck_assert_str_eq(json_string_value(json_array_get(j, 0)), "\xf0\x9f\x98\x80");
	json_decref(j);
}
END_TEST

START_TEST(numbers_keep_their_kind_and_value)
{
	json_t *j = loaded("[1, 1.0, 1e0, -0, 9007199254740993, 0.1]");

	ck_assert(json_is_integer(json_array_get(j, 0)));
	ck_assert(json_is_real(json_array_get(j, 1)));
	ck_assert(json_is_real(json_array_get(j, 2)));
	ck_assert(json_number_value(json_array_get(j, 1)) == 1.0);
	ck_assert(json_number_value(json_array_get(j, 2)) == 1.0);
	ck_assert(json_integer_value(json_array_get(j, 3)) == 0);
	ck_assert(json_integer_value(json_array_get(j, 4)) == 9007199254740993LL);
	ck_assert(json_real_value(json_array_get(j, 5)) == 0.1);
	json_decref(j);
	refused("[123456789012345678901234567890]", "too big integer");
	refused("[1e400]", "real number overflow");
}
END_TEST

/* An object of plain members is built from the flat reader's view, not by
 * jansson's parser: it must read as jansson reads it, member for member
 * and in the same order, and what jansson refuses is refused with
 * jansson's reason. */
START_TEST(a_flat_object_reads_as_jansson_reads_it)
{
	static const char *const texts[] = {
		"{}", " { } ", "{\"a\": \"x\"}", "{\"a\":1,\"b\":-0,\"c\":-12}",
		"{\"a\": true, \"b\": false, \"c\": null}\n",
		"{\"name\": \"caf\xC3\xA9\", \"\": \"\"}",
		"{\"n\": 123456789012345678, \"m\": 1234567890123456789}",
		"{\"a\": 1.5, \"b\": 1e3, \"c\": -0.0, \"d\": 2.2250738585072014e-308}",
		"{\"a\": \"t\\\"q\", \"b\": \"\\u00e9\\ud83d\\ude00\\n\"}",
		"{\"z\": 1, \"y\": 2, \"x\": 3}",
		"{\"a\": [1], \"b\": {}}", "{\"a\": {\"b\": 1}, \"c\": \"d\"}",
		"{\"a\": 01}", "{\"a\": truex}", "{\"a\": tru}", "{\"a\": -}", "{\"a\" 1}",
		"{\"a\": 1,}", "{\"a\": 1", "{\"a\": 1} x", "{\"a\": \"tab\there\"}",
		"{\"a\": 99999999999999999999}", "{\"a\": 1e999}", "{a: 1}", "{\"a\": 1 \"b\": 2}",
		"{\"a\": \"\\ud800\"}",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char why[300] = "", *ours = NULL, *theirs = NULL;
		json_error_t e;
		json_t *a = json_loadb(texts[i], strlen(texts[i]), JSON_REJECT_DUPLICATES, &e);
		json_t *b = jsonread_load(texts[i], strlen(texts[i]), why, sizeof(why));

		ck_assert_msg(!a == !b, "%s: jansson %s, jsonread %s", texts[i],
			      a ? "reads it" : "refuses it", b ? "reads it" : "refuses it");
		if (a) {
			theirs = json_dumps(a, JSON_ENCODE_ANY);
			ours = json_dumps(b, JSON_ENCODE_ANY);
			ck_assert_str_eq(ours, theirs);
			ck_assert(json_equal(a, b));
		} else {
			ck_assert_msg(strstr(why, e.text) != NULL, "%s: '%s' not in: %s",
				      texts[i], e.text, why);
		}
		free(ours);
		free(theirs);
		json_decref(a);
		json_decref(b);
	}
	/* A key twice: jsonread's own reason, as before. */
	refused_n("{\"a\": 1, \"a\": 2}", 16, "the key \"a\" appears twice");
}
END_TEST

START_TEST(the_reason_is_optional)
{
	static const char nul[] = "[1\0]";

	ck_assert_ptr_null(jsonread_load(nul, sizeof(nul) - 1, NULL, 0));
	ck_assert_ptr_null(jsonread_load("{\"a\": 1, \"a\": 2}", 16, NULL, 0));
	ck_assert_ptr_null(jsonread_load("[\xff]", 3, NULL, 0));
}
END_TEST

static Suite *jsonread_suite(void)
{
	Suite *s = suite_create("jsonread");
	TCase *tc = tcase_create("jsonread");

	tcase_add_test(tc, a_syntax_error_says_line_and_column);
	tcase_add_test(tc, a_nul_byte_is_refused_wherever_it_is);
	tcase_add_test(tc, bytes_that_are_not_utf8_are_named_and_placed_by_characters);
	tcase_add_test(tc, a_key_twice_is_refused_naming_the_key);
	tcase_add_test(tc, a_duplicate_key_is_shown_visible_and_cut);
	tcase_add_test(tc, nesting_is_read_to_the_limit_and_refused_deeper);
	tcase_add_test(tc, a_document_is_an_object_or_an_array);
	tcase_add_test(tc, an_escaped_nul_or_a_lone_surrogate_in_a_string_is_refused);
	tcase_add_test(tc, numbers_keep_their_kind_and_value);
	tcase_add_test(tc, a_flat_object_reads_as_jansson_reads_it);
	tcase_add_test(tc, the_reason_is_optional);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(jsonread_suite()); }

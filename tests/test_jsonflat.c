/* The flat JSON reader (jsonflat_read) against jansson (jsonread_load): the
 * same texts accepted, with the same values, and the same refused. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "jsonflat.h"
#include "fuzz/jsonflat_agree.h"
#include "testutil.h"

struct jcase {
	const char *text;
	size_t len;        /* 0: strlen(text) */
	int accepted;
};

static const struct jcase cases[] = {
	{ "{}", 0, 1 },
	{ "[]", 0, 1 },
	{ " \t\r\n{ \"a\" : 1 , \"b\":[ ] }\n\r\t ", 0, 1 },
	{ "", 0, 0 },
	{ "   ", 0, 0 },
	{ "1", 0, 0 },
	{ "\"a\"", 0, 0 },
	{ "null", 0, 0 },
	{ "{} {}", 0, 0 },
	{ "{}x", 0, 0 },
	{ "[1,]", 0, 0 },
	{ "[,1]", 0, 0 },
	{ "{\"a\":1,}", 0, 0 },
	{ "{\"a\" 1}", 0, 0 },
	{ "{a:1}", 0, 0 },
	{ "{'a':1}", 0, 0 },
	{ "{\"a\":1", 0, 0 },
	{ "[\"a]", 0, 0 },
	{ "[\f1]", 0, 0 },
	{ "\xef\xbb\xbf{}", 0, 0 },
	/* Literals. */
	{ "{\"t\":true,\"f\":false,\"n\":null}", 0, 1 },
	{ "[truex]", 0, 0 },
	{ "[True]", 0, 0 },
	{ "[nul]", 0, 0 },
	{ "[true1]", 0, 0 },
	/* Numbers. */
	{ "{\"a\":-0,\"b\":-0.0,\"c\":0,\"d\":1.0,\"e\":1e2,\"f\":1E+2,\"g\":1e-2}", 0, 1 },
	{ "{\"a\":9223372036854775807,\"b\":-9223372036854775808}", 0, 1 },
	{ "[9223372036854775808]", 0, 0 },
	{ "[-9223372036854775809]", 0, 0 },
	{ "{\"a\":9223372036854775808.0}", 0, 1 },
	{ "[1e400]", 0, 0 },
	{ "[-1e400]", 0, 0 },
	{ "{\"a\":1e-400,\"b\":4.9e-324,\"c\":2.2250738585072014e-308}", 0, 1 },
	{ "{\"a\":0.1,\"b\":123456789012345678901234567890}", 0, 0 },
	{ "{\"a\":0.1,\"b\":1.7976931348623157e308}", 0, 1 },
	{ "[01]", 0, 0 },
	{ "[-01]", 0, 0 },
	{ "[+1]", 0, 0 },
	{ "[1.]", 0, 0 },
	{ "[.5]", 0, 0 },
	{ "[1e]", 0, 0 },
	{ "[1e+]", 0, 0 },
	{ "[-]", 0, 0 },
	{ "[0x10]", 0, 0 },
	{ "[Infinity]", 0, 0 },
	{ "[NaN]", 0, 0 },
	{ "[1,2.5,-3e3]", 0, 1 },
	/* Strings and escapes. */
	{ "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", 0, 1 },
	{ "{\"a\":\"\\u00e4\\u00C4\\u20AC\\uFFFF\\u0001\"}", 0, 1 },
	{ "{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\uDBFF\\uDFFF\"}", 0, 1 },
	{ "{\"a\":\"\\u0000\"}", 0, 0 },
	{ "{\"\\u0000\":1}", 0, 0 },
	{ "{\"a\":\"\\ud83d\"}", 0, 0 },
	{ "{\"a\":\"\\ud83dx\"}", 0, 0 },
	{ "{\"a\":\"\\ud83d\\u0041\"}", 0, 0 },
	{ "{\"a\":\"\\ud83d\\ud83d\"}", 0, 0 },
	{ "{\"a\":\"\\ude00\"}", 0, 0 },
	{ "{\"a\":\"\\ude00\\ud83d\"}", 0, 0 },
	{ "{\"a\":\"\\ud83d\\\"\"}", 0, 0 },
	{ "{\"a\":\"\\u12\"}", 0, 0 },
	{ "{\"a\":\"\\u12g4\"}", 0, 0 },
	{ "{\"a\":\"\\x41\"}", 0, 0 },
	{ "{\"a\":\"\\U0041\"}", 0, 0 },
	{ "{\"a\":\"\\'\"}", 0, 0 },
	{ "{\"a\":\"tab\there\"}", 0, 0 },
	{ "{\"a\":\"new\nline\"}", 0, 0 },
	{ "{\"a\":\"del\x7f ok\"}", 0, 1 },
	{ "{\"a\":\"\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80\"}", 0, 1 },
	{ "{\"\xc3\xa4\":\"x\"}", 0, 1 },
	/* Bytes that are not UTF-8, and NUL bytes. */
	{ "{\"a\":\"\xff\"}", 0, 0 },
	{ "{\"a\":\"\xc3\"}", 0, 0 },
	{ "{\"a\":\"\xc0\xaf\"}", 0, 0 },
	{ "{\"a\":\"\xed\xa0\x80\"}", 0, 0 },
	{ "{\"a\":\"\xf4\x90\x80\x80\"}", 0, 0 },
	{ "{\"a\":\"\xe2\x82\"}", 0, 0 },
	{ "{\"a\":\"a\0b\"}", 9, 0 },
	{ "{\"a\":1}\0", 8, 0 },
	{ "[1\0]", 4, 0 },
	{ "[1]\xff", 0, 0 },
	/* Duplicate keys, at any depth, also when escaped differently. */
	{ "{\"a\":1,\"a\":2}", 0, 0 },
	{ "{\"a\":1,\"\\u0061\":2}", 0, 0 },
	{ "{\"a\":1,\"A\":2,\"a \":3}", 0, 1 },
	{ "{\"u\":{\"s\":1,\"s\":1}}", 0, 0 },
	{ "{\"u\":{\"v\":{\"w\":[{\"x\":1,\"x\":2}]}}}", 0, 0 },
	{ "[{\"x\":1},{\"x\":2}]", 0, 1 },
	{ "[{\"x\":1,\"x\":2}]", 0, 0 },
	{ "{\"a\":{\"a\":{\"a\":1}}}", 0, 1 },
	{ "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,"
	  "\"k9\":9,\"k10\":10,\"k11\":11,\"k3\":12}", 0, 0 },
	{ "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,"
	  "\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12}", 0, 1 },
	/* A submission with nested objects one and two levels down. */
	{ "{\"id\":7,\"email\":\"a@b.de\",\"utm\":{\"utm_source\":\"g\",\"medium\":null,"
	  "\"x\":{\"y\":[1,{\"z\":\"\\u00e4\"}]},\"n\":1.5},\"firsttouch\":{},"
	  "\"tags\":[\"a\",{\"b\":[]}],\"after\":\"\\u00fc\"}", 0, 1 },
	{ "{\"a\":[],\"b\":{},\"c\":[[]],\"d\":{\"e\":[],\"f\":{}}}", 0, 1 },
};

START_TEST(the_reader_agrees_with_jansson)
{
	const struct jcase *c = &cases[_i];
	size_t len = c->len ? c->len : strlen(c->text);
	struct jsonflat f;
	char why[200] = "";
	json_t *j;

	jsonflat_init(&f);
	ck_assert_msg(jsonflat_agree(&f, c->text, len, why, sizeof(why)), "case %d (%.60s): %s",
		      _i, c->text, why);
	/* And both do what the table says. */
	j = jsonread_load(c->text, len, NULL, 0);
	ck_assert_msg(!!j == c->accepted, "case %d (%.60s): jansson %s", _i, c->text,
		      j ? "accepts" : "refuses");
	json_decref(j);
	jsonflat_free(&f);
}
END_TEST

/* n arrays around the innermost value inner. */
static char *nested(size_t n, const char *inner)
{
	size_t il = strlen(inner);
	char *s = malloc(2 * n + il + 1);

	ck_assert_ptr_nonnull(s);
	memset(s, '[', n);
	memcpy(s + n, inner, il);
	memset(s + n + il, ']', n);
	s[2 * n + il] = '\0';
	return s;
}

START_TEST(nesting_is_refused_where_jansson_refuses_it)
{
	static const struct {
		size_t n;
		const char *inner;
		int accepted;
	} depth[] = {
		{ JSON_PARSER_MAX_DEPTH, "", 1 },
		{ JSON_PARSER_MAX_DEPTH + 1, "", 0 },
		{ JSON_PARSER_MAX_DEPTH - 1, "1", 1 },
		{ JSON_PARSER_MAX_DEPTH, "1", 0 },
		{ JSON_PARSER_MAX_DEPTH - 1, "{}", 1 },
		{ JSON_PARSER_MAX_DEPTH - 1, "{\"a\":1}", 0 },
		{ 100000, "", 0 },
	};
	struct jsonflat f;
	size_t i;

	jsonflat_init(&f);
	for (i = 0; i < sizeof(depth) / sizeof(depth[0]); i++) {
		char *s = nested(depth[i].n, depth[i].inner), why[200] = "";
		json_t *j;

		ck_assert_msg(jsonflat_agree(&f, s, strlen(s), why, sizeof(why)), "depth %zu %s: %s",
			      depth[i].n, depth[i].inner, why);
		j = jsonread_load(s, strlen(s), NULL, 0);
		ck_assert_msg(!!j == depth[i].accepted, "depth %zu %s", depth[i].n, depth[i].inner);
		json_decref(j);
		free(s);
	}
	jsonflat_free(&f);
}
END_TEST

START_TEST(the_view_holds_the_members)
{
	static const char text[] =
		"{\"id\":\"k\\u00e4\",\"n\":-0,\"r\":1e2,\"utm\":{\"utm_source\":\"a\\nb\","
		"\"deep\":{\"x\":\"not kept\"},\"list\":[1]},\"z\":null}";
	const struct jsonflat_member *m, *utm;
	struct jsonflat f;
	int round;

	jsonflat_init(&f);
	/* The buffer is reused: a second read gives the same. */
	for (round = 0; round < 2; round++) {
		ck_assert(jsonflat_read(&f, text, strlen(text)));
		ck_assert_int_eq(f.kind, JSONFLAT_OBJECT);
		m = jsonflat_get(&f, NULL, "id");
		ck_assert_ptr_nonnull(m);
		ck_assert_int_eq(m->kind, JSONFLAT_STRING);
		ck_assert_str_eq(m->str, "k\xc3\xa4");
		m = jsonflat_get(&f, NULL, "n");
		ck_assert_int_eq(m->kind, JSONFLAT_INTEGER);
		ck_assert(m->integer == 0);
		m = jsonflat_get(&f, NULL, "r");
		ck_assert_int_eq(m->kind, JSONFLAT_REAL);
		ck_assert(m->real == 100.0);
		utm = jsonflat_get(&f, NULL, "utm");
		ck_assert_int_eq(utm->kind, JSONFLAT_OBJECT);
		ck_assert_uint_eq(utm->count, 3);
		m = jsonflat_get_prefixed(&f, utm, "utm_", "source");
		ck_assert_ptr_nonnull(m);
		ck_assert_str_eq(m->str, "a\nb");
		ck_assert_ptr_null(jsonflat_get(&f, utm, "source"));
		ck_assert_int_eq(jsonflat_get(&f, utm, "deep")->kind, JSONFLAT_OBJECT);
		ck_assert_uint_eq(jsonflat_get(&f, utm, "deep")->count, 0);
		ck_assert_int_eq(jsonflat_get(&f, utm, "list")->kind, JSONFLAT_ARRAY);
		/* A member of utm is not one of the top level, nor the reverse. */
		ck_assert_ptr_null(jsonflat_get(&f, NULL, "utm_source"));
		ck_assert_ptr_null(jsonflat_get(&f, NULL, "x"));
		ck_assert_ptr_null(jsonflat_get(&f, utm, "z"));
		ck_assert_int_eq(jsonflat_get(&f, NULL, "z")->kind, JSONFLAT_NULL);
	}
	/* Another text after it: nothing of the first is left. */
	ck_assert(jsonflat_read(&f, "[{\"id\":1}]", 10));
	ck_assert_int_eq(f.kind, JSONFLAT_ARRAY);
	ck_assert_ptr_null(jsonflat_get(&f, NULL, "id"));
	ck_assert(!jsonflat_read(&f, "{\"a\":", 5));
	jsonflat_free(&f);
}
END_TEST

static Suite *jsonflat_suite(void)
{
	Suite *s = suite_create("jsonflat");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, the_reader_agrees_with_jansson, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, nesting_is_refused_where_jansson_refuses_it);
	tcase_add_test(tc, the_view_holds_the_members);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(jsonflat_suite()); }

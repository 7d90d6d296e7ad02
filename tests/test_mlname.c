/* Multi-language names in SuperOffice's notation (src/mlname.c): parsing,
 * the value shown, formatting back and setting one language; strict and
 * total on odd input. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mlname.h"
#include "testutil.h"

static bool value_is(const struct mlname *ml, size_t i, const char *code, const char *value)
{
	return i < ml->n && strcmp(ml->v[i].code, code) == 0 &&
	       ml->v[i].len == strlen(value) && memcmp(ml->v[i].value, value, ml->v[i].len) == 0;
}

static const char *shown(const char *text, const char *lang)
{
	static char buf[256];

	return mlname_shown(text, lang, buf, sizeof buf);
}

START_TEST(parses_superoffice_notation)
{
	struct mlname ml;

	ck_assert(mlname_parse("US:\"Lead\";GE:\"Interessent\"", &ml));
	ck_assert_uint_eq(ml.n, 2);
	ck_assert(value_is(&ml, 0, "US", "Lead"));
	ck_assert(value_is(&ml, 1, "GE", "Interessent"));
	/* SuperOffice's own example, three languages, UTF-8 */
	ck_assert(mlname_parse("US:\"Location and size\";GE:\"Position und Größe\";NO:\"Posisjon og størrelse\"", &ml));
	ck_assert_uint_eq(ml.n, 3);
	ck_assert(value_is(&ml, 2, "NO", "Posisjon og størrelse"));
	/* one language is the notation too */
	ck_assert(mlname_parse("GE:\"Kunde\"", &ml));
	ck_assert_uint_eq(ml.n, 1);
}
END_TEST

START_TEST(semicolons_and_colons_inside_quotes_are_the_value)
{
	struct mlname ml;

	ck_assert(mlname_parse("US:\"a;b\";GE:\"c:d;\"", &ml));
	ck_assert_uint_eq(ml.n, 2);
	ck_assert(value_is(&ml, 0, "US", "a;b"));
	ck_assert(value_is(&ml, 1, "GE", "c:d;"));
}
END_TEST

START_TEST(anything_else_is_a_plain_name)
{
	static const char *const plain[] = {
		"", "Lead", "US:Lead", "US:\"Lead", "US:\"a\"b\"", "us:\"Lead\"",
		"U:\"Lead\"", "USA:\"Lead\"", " US:\"Lead\"", "US:\"Lead\" ",
		"US:\"Lead\";", "US:\"Lead\";;GE:\"x\"", "US:\"Lead\",GE:\"x\"",
		"US :\"Lead\"", "US: \"Lead\"", "NO: \"Bil\", US: \"Car\"", ";", "\"",
		"Ü1:\"x\"", "US:\"a\"GE:\"b\"",
	};
	struct mlname ml;

	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		ck_assert_msg(!mlname_parse(plain[i], &ml), "%s", plain[i]);
		ck_assert_uint_eq(ml.n, 0);
		ck_assert_ptr_eq(shown(plain[i], "en"), plain[i]);
	}
	ck_assert(!mlname_parse(NULL, &ml));
}
END_TEST

START_TEST(empty_values_unknown_codes_and_duplicates_parse)
{
	struct mlname ml;

	ck_assert(mlname_parse("US:\"\";GE:\"x\"", &ml));
	ck_assert(value_is(&ml, 0, "US", ""));
	ck_assert(mlname_parse("XX:\"x\";ZZ:\"y\"", &ml));
	ck_assert_uint_eq(ml.n, 2);
	ck_assert(mlname_parse("US:\"a\";US:\"b\"", &ml));
	ck_assert_int_eq(mlname_find(&ml, "US"), 0); /* the first of duplicates */
}
END_TEST

START_TEST(too_many_pairs_is_a_plain_name)
{
	char s[40 * 8] = "";
	struct mlname ml;

	for (int i = 0; i < MLNAME_MAX; i++)
		strcat(s, i ? ";AA:\"x\"" : "AA:\"x\"");
	ck_assert(mlname_parse(s, &ml));
	ck_assert_uint_eq(ml.n, MLNAME_MAX);
	strcat(s, ";AB:\"y\"");
	ck_assert(!mlname_parse(s, &ml));
}
END_TEST

START_TEST(shows_program_language_then_us_then_first)
{
	const char *both = "US:\"Lead\";GE:\"Interessent\"";

	ck_assert_str_eq(shown(both, "en"), "Lead");
	ck_assert_str_eq(shown(both, "de"), "Interessent");
	ck_assert_str_eq(shown("GE:\"Kunde\";US:\"Customer\"", "fr"), "Customer");
	ck_assert_str_eq(shown("NO:\"Bil\";SW:\"Bil2\"", "de"), "Bil");
	ck_assert_str_eq(shown("GE:\"Kunde\"", "en"), "Kunde");
	ck_assert_str_eq(shown("US:\"a\";US:\"b\"", "en"), "a");
	ck_assert_str_eq(mlname_code("de"), "GE");
	ck_assert_str_eq(mlname_code("en"), "US");
	ck_assert_ptr_null(mlname_code("xx"));
	ck_assert_str_eq(mlname_lang("GE"), "de");
}
END_TEST

START_TEST(shown_value_is_cut_at_a_whole_character)
{
	char buf[4];

	/* "äöü": 6 bytes; 3 bytes of room hold one character and the NUL */
	ck_assert_str_eq(mlname_shown("US:\"äöü\"", "en", buf, sizeof buf), "ä");
}
END_TEST

START_TEST(formats_back_byte_for_byte)
{
	static const char *const texts[] = {
		"US:\"Lead\";GE:\"Lead\"", "GE:\"\"", "US:\"a;b\";XX:\"c:d\"",
		"US:\"a\";US:\"b\"", "NO:\"Posisjon og størrelse\"",
	};
	struct mlname ml;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *f;

		ck_assert(mlname_parse(texts[i], &ml));
		f = mlname_format(&ml);
		ck_assert_str_eq(f, texts[i]);
		free(f);
	}
}
END_TEST

START_TEST(values_join_every_language)
{
	char *v = mlname_values("US:\"Lead\";GE:\"Interessent\"");

	ck_assert_str_eq(v, "Lead\x1fInteressent");
	free(v);
	v = mlname_values("Plain \"quoted\"");
	ck_assert_str_eq(v, "Plain \"quoted\"");
	free(v);
}
END_TEST

START_TEST(set_adds_replaces_and_removes_a_language)
{
	char *t = strdup("Lead");

	ck_assert(mlname_set(&t, "GE", "Interessent", "US"));
	ck_assert_str_eq(t, "US:\"Lead\";GE:\"Interessent\"");
	ck_assert(mlname_set(&t, "US", "Prospect", "GE"));
	ck_assert_str_eq(t, "US:\"Prospect\";GE:\"Interessent\"");
	ck_assert(mlname_set(&t, "GE", NULL, "US"));
	ck_assert_str_eq(t, "US:\"Prospect\"");
	ck_assert(!mlname_set(&t, "GE", "a\"b", "US"));
	ck_assert_str_eq(t, "US:\"Prospect\"");
	ck_assert(mlname_set(&t, "US", "", "GE"));
	ck_assert_str_eq(t, "");
	free(t);
	/* a new name, and a duplicate language collapses to one value */
	t = strdup("");
	ck_assert(mlname_set(&t, "US", "A", "GE"));
	ck_assert_str_eq(t, "US:\"A\"");
	free(t);
	t = strdup("US:\"a\";GE:\"x\";US:\"b\"");
	ck_assert(mlname_set(&t, "US", "c", "GE"));
	ck_assert_str_eq(t, "US:\"c\";GE:\"x\"");
	free(t);
	/* a plain name with a quote cannot become the notation */
	t = strdup("The \"Big\" one");
	ck_assert(!mlname_set(&t, "GE", "x", "US"));
	ck_assert_str_eq(t, "The \"Big\" one");
	free(t);
}
END_TEST

static Suite *mlname_suite(void)
{
	Suite *s = suite_create("mlname");
	TCase *tc = tcase_create("notation");

	tcase_add_test(tc, parses_superoffice_notation);
	tcase_add_test(tc, semicolons_and_colons_inside_quotes_are_the_value);
	tcase_add_test(tc, anything_else_is_a_plain_name);
	tcase_add_test(tc, empty_values_unknown_codes_and_duplicates_parse);
	tcase_add_test(tc, too_many_pairs_is_a_plain_name);
	tcase_add_test(tc, shows_program_language_then_us_then_first);
	tcase_add_test(tc, shown_value_is_cut_at_a_whole_character);
	tcase_add_test(tc, formats_back_byte_for_byte);
	tcase_add_test(tc, values_join_every_language);
	tcase_add_test(tc, set_adds_replaces_and_removes_a_language);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(mlname_suite()); }

/* JSON output (json.c's jbuf_string, and the export built on it): always
 * valid UTF-8 that a strict parser reads back, nothing a terminal acts on,
 * whatever bytes the database holds. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "fuzz/scan.h"
#include "json.h"
#include "jsonread.h"
#include "porting.h"
#include "testutil.h"

/* s as a JSON string literal (caller frees). */
static char *literal(const char *s)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_string(&b, s);
	return jbuf_take(&b);
}

/* The literal of s must parse (strict: jansson refuses bad UTF-8) to
 * want, and hold nothing the byte scanner finds. */
static void reads_back(const char *s, const char *want)
{
	char *lit = literal(s), why[300] = "", *doc;
	size_t at;
	json_t *j;

	ck_assert_msg(scan_output(lit, strlen(lit), false, &at) == NULL,
		      "%s at %zu of %s", scan_output(lit, strlen(lit), false, &at), at, lit);
	if (asprintf(&doc, "[%s]", lit) < 0)
		ck_abort();
	j = jsonread_load(doc, strlen(doc), why, sizeof(why));
	ck_assert_msg(j != NULL, "%s: %s", lit, why);
	ck_assert_str_eq(json_string_value(json_array_get(j, 0)), want);
	json_decref(j);
	free(doc);
	free(lit);
}

START_TEST(json_string_escapes_quotes_backslashes_and_c0)
{
	char *lit = literal("a\"b\\c\nd\te\x1b[2J\x07\b\f\r");

	ck_assert_str_eq(lit, "\"a\\\"b\\\\c\\nd\\te\\u001b[2J\\u0007\\b\\f\\r\"");
	free(lit);
	reads_back("a\"b\\c\nd\te\x1b[2J\x07", "a\"b\\c\nd\te\x1b[2J\x07");
}
END_TEST

START_TEST(json_string_escapes_del_and_c1_controls)
{
	char *lit = literal("x\x7f\xC2\x9B" "2J\xC2\x9D" "52;c;\xC2\x9C");

	ck_assert_str_eq(lit, "\"x\\u007f\\u009b2J\\u009d52;c;\\u009c\"");
	free(lit);
	reads_back("\xC2\x80\xC2\x9F", "\xC2\x80\xC2\x9F");
}
END_TEST

START_TEST(json_string_replaces_bytes_that_are_not_utf8)
{
	char *lit = literal("ok\xFF\xC0\xAF\xED\xA0\x80\xE2\x82");

	ck_assert_str_eq(lit, "\"ok\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	free(lit);
	/* a raw byte that an 8-bit terminal reads as CSI */
	reads_back("\x9B" "2J", "\xEF\xBF\xBD" "2J");
}
END_TEST

START_TEST(json_string_spells_out_bidi_and_zero_width_characters)
{
	char *lit = literal("a\xE2\x80\xAE" "b\xE2\x80\x8B" "c\xEF\xBB\xBF");

	ck_assert_str_eq(lit, "\"a\\u202eb\\u200bc\\ufeff\"");
	free(lit);
	reads_back("\xE2\x81\xA6\xE2\x80\xA8", "\xE2\x81\xA6\xE2\x80\xA8");
}
END_TEST

START_TEST(json_string_keeps_ordinary_text_as_it_is)
{
	const char *s = "Öffentlich – 中文 שלום \xE2\x80\x8F 👩\xE2\x80\x8D💻 / <b>";
	char *lit = literal(s), *want;

	if (asprintf(&want, "\"%s\"", s) < 0)
		ck_abort();
	ck_assert_str_eq(lit, want);
	free(want);
	free(lit);
	reads_back(s, s);
	reads_back("", "");
}
END_TEST

/* Text columns of the lists and the language setting, poisoned the way
 * sqlite3 can write them; the language is read when the file is opened. */
START_TEST(export_is_valid_json_whatever_the_database_holds)
{
	static const char *const poison[] = {
		"UPDATE category SET name = name || X'1B5D35323B633B5A5734314D3D071B5B324A', "
		"tooltip = X'C29B324AFF22' || tooltip || X'E280AE'",
		"UPDATE leadstatus SET name = name || X'5C2209C2', tooltip = X'E2808B0A'",
		"UPDATE setting SET value = X'1B5B324AC29B' || value WHERE key = 'language'",
	};
	char path[] = "/tmp/leadadmin-test-json.XXXXXX", *json = NULL, why[300] = "";
	int fd = mkstemp(path);
	struct db *db = NULL;
	struct la_err err;
	size_t at;
	json_t *j;

	ck_assert_int_ge(fd, 0);
	close(fd);
	la_err_clear(&err);
	ck_assert_int_eq(db_open(path, DB_OPEN_CREATE, "en", "tester", &db, &err), LA_OK);
	for (size_t i = 0; i < sizeof(poison) / sizeof(poison[0]); i++)
		ck_assert_int_eq(sqlite3_exec(db_handle(db), poison[i], NULL, NULL, NULL), SQLITE_OK);
	db_close(db);
	ck_assert_int_eq(db_open(path, 0, "en", "tester", &db, &err), LA_OK);
	ck_assert_int_eq(porting_export(db, &json, &err), LA_OK);
	db_close(db);
	tu_unlink_db(path);
	ck_assert_msg(scan_output(json, strlen(json), false, &at) == NULL, "at %zu: %.40s",
		      at, json + at);
	j = jsonread_load(json, strlen(json), why, sizeof(why));
	ck_assert_msg(j != NULL, "%s", why);
	ck_assert_int_eq(json_array_size(json_object_get(j, "categories")), 4);
	/* a JSON reader gets the stored text back */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
		json_array_get(json_object_get(j, "categories"), 0), "name")), "\x1b]52;"));
	json_decref(j);
	free(json);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, json_string_escapes_quotes_backslashes_and_c0);
	tcase_add_test(tc, json_string_escapes_del_and_c1_controls);
	tcase_add_test(tc, json_string_replaces_bytes_that_are_not_utf8);
	tcase_add_test(tc, json_string_spells_out_bidi_and_zero_width_characters);
	tcase_add_test(tc, json_string_keeps_ordinary_text_as_it_is);
	tcase_add_test(tc, export_is_valid_json_whatever_the_database_holds);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(json_suite()); }

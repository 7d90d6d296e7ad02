/* UTM values cleaned up: the grouping key, the values of a field with
 * their counts, aliases (rule checks, chains, rights, audit), the rewrite
 * and the lead overview by canonical value. */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "overview.h"
#include "testutil.h"
#include "utm.h"
#include "utmalias.h"

static struct db *db;
static struct la_actor admin;

static void setup(void)
{
	db = tu_db("en");
	tu_admin(db, &admin);
}

static void teardown(void)
{
	db_close(db);
}

static void key_is(const char *value, const char *want)
{
	char *k = utm_group_key(value);

	ck_assert_msg(strcmp(k, want) == 0, "%s: %s, not %s", value, k, want);
	free(k);
}

START_TEST(group_key_folds_case_and_cuts_dot_com)
{
	key_is("Google", "google");
	key_is("GOOGLE.COM", "google");
	key_is("google.com", "google");
	key_is("Straße", "strasse");
	key_is(".com", ".com");
	key_is("google.de", "google.de");
}
END_TEST

START_TEST(group_key_joins_separators)
{
	key_is("google-ads", "google-ads");
	key_is("Google_Ads", "google-ads");
	key_is("google ads", "google-ads");
	key_is("google - _ads", "google-ads");
	key_is("-google-", "google");
	key_is("googleads", "googleads");
	key_is("---", "---");
}
END_TEST

/* A lead with a first touch of source, as a submission makes it. */
static void touch(const char *source)
{
	int64_t status = tu_default_status(db), person;
	struct db_stmt *st;
	struct la_err err;

	la_err_clear(&err);
	st = db_stmt_insert(db, "INSERT INTO person (leadstatus_id) VALUES (?) RETURNING person_id", &err);
	ck_assert_msg(st != NULL, "%s", err.msg);
	db_bind_int64(st, 1, status);
	ck_assert_msg(db_step_id(db, st, "person", &person, &err) == LA_OK, "%s", err.msg);
	st = tu_prepare(db, "INSERT INTO utm_parameters (created_person_id, firsttouch_source, source) "
			"VALUES (?, ?, ?)");
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, source);
	db_bind_text(st, 3, source);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(st);
}

static long source_row(const struct overview *ov, const char *label)
{
	for (size_t i = 0; i < ov->n[OVERVIEW_SOURCE]; i++)
		if (strcmp(ov->rows[OVERVIEW_SOURCE][i].label, label) == 0)
			return ov->rows[OVERVIEW_SOURCE][i].contacts;
	return -1;
}

START_TEST(values_are_grouped_most_used_first)
{
	struct utmalias_values v;
	struct la_err err;

	touch("google");
	touch("Google");
	touch("Google");
	touch("google_ads");
	ck_assert_int_eq(utmalias_values(db, UTM_SOURCE, &v, &err), LA_OK);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_str_eq(v.v[0].value, "Google");
	ck_assert_int_eq(v.v[0].first_touches, 2);
	ck_assert_str_eq(v.v[1].value, "google");
	ck_assert_uint_eq(utmalias_group_end(&v, 0), 2);
	ck_assert_str_eq(v.v[2].key, "google-ads");
	utmalias_values_free(&v);
}
END_TEST

START_TEST(overview_counts_by_canonical_value)
{
	const char *variants[] = { "google-ads", "Google" };
	struct utmalias_outcome out;
	struct overview ov;
	struct la_err err;

	touch("google");
	touch("google-ads");
	touch("google-ads");
	touch("Google");
	touch("bing");
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, variants, 2, "google", false, false,
				      &out, &err), LA_OK);
	ck_assert_uint_eq(out.added, 2);
	ck_assert_int_eq(overview_load(db, &ov, &err), LA_OK);
	ck_assert_int_eq(source_row(&ov, "google"), 4);
	ck_assert_int_eq(source_row(&ov, "google-ads"), -1);
	ck_assert_int_eq(source_row(&ov, "bing"), 1);
	overview_free(&ov);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_parameters WHERE firsttouch_source = 'google'", -1), 1);
}
END_TEST

START_TEST(rewrite_needs_yes_and_keeps_the_counts)
{
	const char *variants[] = { "google-ads" };
	struct utmalias_outcome out;
	struct la_err err;

	touch("google-ads");
	touch("google");
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, variants, 1, "google", true, false,
				      &out, &err), LA_CONFIRM);
	ck_assert_int_eq(out.rewritten.first_touches, 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias", -1), 0);
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, variants, 1, "google", true, true,
				      &out, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_parameters WHERE firsttouch_source = 'google'", -1), 2);
	ck_assert_int_eq(tu_int(db, "SELECT contacts FROM lead_tally WHERE dim = 3 AND value = 'google'", -1), 2);
	ck_assert_int_eq(tu_int(db, "SELECT coalesce(sum(contacts), 0) FROM lead_tally WHERE dim = 3 AND value = 'google-ads'", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'utm_alias'", -1), 2);
}
END_TEST

START_TEST(chains_and_self_aliases_are_refused)
{
	const char *a[] = { "google-ads" }, *self[] = { "x", "google" }, *b[] = { "google" };
	struct utmalias_outcome out;
	struct la_err err;

	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, a, 1, "google", false, false, &out,
				      &err), LA_OK);
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, self, 2, "google", false, false, &out,
				      &err), LA_REFUSED);
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, b, 1, "G", false, false, &out, &err),
			 LA_REFUSED);
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, b, 1, "google-ads", false, false, &out,
				      &err), LA_REFUSED);
	/* Another field is another namespace. */
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_CAMPAIGN, b, 1, "G", false, false, &out, &err),
			 LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias", -1), 2);
}
END_TEST

START_TEST(aliases_need_a_general_administrator)
{
	const char *a[] = { "google-ads" };
	struct utmalias_outcome out;
	struct la_actor listadmin;
	struct la_err err;

	tu_actor(db, "lena", ROLE_LIST_ADMIN, &listadmin);
	ck_assert_int_eq(utmalias_set(db, &listadmin, UTM_SOURCE, a, 1, "google", false, false, &out,
				      &err), LA_DENIED);
	ck_assert_int_eq(utmalias_remove(db, &listadmin, UTM_SOURCE, a, 1, &err), LA_DENIED);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias", -1), 0);
}
END_TEST

START_TEST(map_replaces_aliased_values)
{
	const char *a[] = { "google-ads" };
	struct utmalias_outcome out;
	struct utmalias_map m;
	struct utm u;
	struct la_err err;

	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, a, 1, "google", false, false, &out,
				      &err), LA_OK);
	ck_assert_int_eq(utmalias_map_load(db, &m, &err), LA_OK);
	memset(&u, 0, sizeof u);
	utm_from_url(&u, "https://x.example/?utm_source=google-ads&utm_campaign=google-ads");
	utmalias_map_apply(&m, &u);
	ck_assert_str_eq(u.value[UTM_SOURCE], "google");
	ck_assert_str_eq(u.value[UTM_CAMPAIGN], "google-ads");
	utm_clear(&u);
	utmalias_map_free(&m);
}
END_TEST

/* A variant is matched as stored: not in NFC, nor with an invisible
 * character that no name may hold. */
START_TEST(values_are_matched_as_stored)
{
	const char *a[] = { "Cafe\xcc\x81", "goo\xe2\x80\x8bgle" };
	struct utmalias_outcome out;
	struct overview ov;
	struct la_err err;

	touch("Cafe\xcc\x81");
	touch("goo\xe2\x80\x8bgle");
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, a, 2, "cafe", false, false, &out,
				      &err), LA_OK);
	ck_assert_int_eq(overview_load(db, &ov, &err), LA_OK);
	ck_assert_int_eq(source_row(&ov, "cafe"), 2);
	overview_free(&ov);
}
END_TEST

/* remove matches a variant as the alias stored it (utm_clean): the same
 * words that added an alias remove it. */
START_TEST(remove_takes_the_words_that_added_the_alias)
{
	char longv[300];
	const char *a[] = { "a\nb", "bad\377x", longv };
	struct utmalias_outcome out;
	struct la_err err;

	memset(longv, 'x', sizeof longv - 1);
	longv[sizeof longv - 1] = '\0';
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, a, 3, "google", false, false, &out,
				      &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias", -1), 3);
	for (size_t i = 0; i < 3; i++)
		ck_assert_msg(utmalias_remove(db, &admin, UTM_SOURCE, &a[i], 1, &err) == LA_OK,
			      "%zu: %s", i, err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'utm_alias' "
				"AND action = 'delete'", -1), 3);
}
END_TEST

/* The export's member and the import of it: the same aliases come back,
 * stored ones are left alone, a malformed element names its place and
 * stores nothing. */
START_TEST(json_and_import_round_trip)
{
	const char *a[] = { "google-ads", "Google" };
	const char *m[] = { "news-letter" };
	struct utmalias_outcome out;
	struct la_err err;
	struct la_actor plain = admin;
	struct jbuf b;
	json_t *v, *bad;

	ck_assert_int_eq(utmalias_set(db, &admin, UTM_SOURCE, a, 2, "google", false, false, &out,
				      &err), LA_OK);
	ck_assert_int_eq(utmalias_set(db, &admin, UTM_MEDIUM, m, 1, "newsletter", false, false, &out,
				      &err), LA_OK);
	jbuf_init(&b);
	ck_assert_int_eq(utmalias_json(db, &b, &err), LA_OK);
	ck_assert_str_eq(b.s, "[{\"field\": \"source\", \"value\": \"Google\", \"canonical\": \"google\"}, "
			 "{\"field\": \"source\", \"value\": \"google-ads\", \"canonical\": \"google\"}, "
			 "{\"field\": \"medium\", \"value\": \"news-letter\", \"canonical\": \"newsletter\"}]");
	v = json_loads(b.s, 0, NULL);
	ck_assert_ptr_nonnull(v);
	jbuf_free(&b);
	/* Stored as the file has them: nothing to do, no rights needed. */
	plain.role = ROLE_LIST_ADMIN;
	ck_assert_int_eq(utmalias_import(db, &plain, v, &err), LA_OK);
	ck_assert_int_eq(utmalias_import(db, &admin, v, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'utm_alias'", -1), 3);
	tu_exec(db, "DELETE FROM utm_alias");
	ck_assert_int_eq(utmalias_import(db, &plain, v, &err), LA_DENIED);
	ck_assert_msg(strstr(err.msg, "utm_aliases[0]: ") == err.msg, "%s", err.msg);
	ck_assert_int_eq(utmalias_import(db, &admin, v, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias WHERE canonical IN ('google', 'newsletter')", -1), 3);
	json_decref(v);
	bad = json_loads("[{\"field\": \"medium\", \"value\": \"x\", \"canonical\": \"y\"}, "
			 "{\"field\": \"term\", \"value\": \"a\", \"canonical\": \"b\"}]", 0, NULL);
	ck_assert_int_eq(utmalias_import(db, &admin, bad, &err), LA_REFUSED);
	ck_assert_str_eq(err.msg, "utm_aliases[1]: \"field\" must be source, medium or campaign");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM utm_alias WHERE value = 'x'", -1), 0);
	json_decref(bad);
	bad = json_loads("{}", 0, NULL);
	ck_assert_int_eq(utmalias_import(db, &admin, bad, &err), LA_REFUSED);
	ck_assert_str_eq(err.msg, "\"utm_aliases\" must be a list");
	json_decref(bad);
}
END_TEST

static Suite *utmalias_suite(void)
{
	Suite *s = suite_create("utmalias");
	TCase *tc = tcase_create("key");

	tcase_add_test(tc, group_key_folds_case_and_cuts_dot_com);
	tcase_add_test(tc, group_key_joins_separators);
	suite_add_tcase(s, tc);
	tc = tcase_create("aliases");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, values_are_grouped_most_used_first);
	tcase_add_test(tc, overview_counts_by_canonical_value);
	tcase_add_test(tc, rewrite_needs_yes_and_keeps_the_counts);
	tcase_add_test(tc, chains_and_self_aliases_are_refused);
	tcase_add_test(tc, aliases_need_a_general_administrator);
	tcase_add_test(tc, map_replaces_aliased_values);
	tcase_add_test(tc, values_are_matched_as_stored);
	tcase_add_test(tc, remove_takes_the_words_that_added_the_alias);
	tcase_add_test(tc, json_and_import_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(utmalias_suite()); }

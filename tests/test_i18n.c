/* Languages: which language a locale stands for, which ones we have, and
 * the German catalogue. The catalogue is built by make into
 * $LEADADMIN_LOCALEDIR (make check) or ./locale; without it the suite is
 * skipped with the reason (a TAP "1..0 # SKIP" plan). */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "leads.h"
#include "lists.h"
#include "testutil.h"

static char localedir[1024];

static void teardown(void)
{
	/* back to the English source strings for the next test */
	i18n_init("en", localedir);
}

START_TEST(from_locale_gives_de_for_german_locales)
{
	static const char *const german[] = {
		"de", "de_DE", "de_DE.UTF-8", "de_AT.utf8", "de_CH", "de_DE@euro",
		"de.UTF-8", "de:en",
	};
	size_t i;

	for (i = 0; i < sizeof(german) / sizeof(german[0]); i++)
		ck_assert_msg(strcmp(i18n_from_locale(german[i]), "de") == 0,
			      "%s gave %s", german[i], i18n_from_locale(german[i]));
}
END_TEST

START_TEST(from_locale_gives_en_for_everything_else)
{
	static const char *const other[] = {
		"en_US.UTF-8", "en", "C", "POSIX", "C.UTF-8", "fr_FR.UTF-8", "nl_DE",
		"", "deu", "dex_DE", "en:de",
	};
	size_t i;

	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		ck_assert_msg(strcmp(i18n_from_locale(other[i]), "en") == 0,
			      "%s gave %s", other[i], i18n_from_locale(other[i]));
	ck_assert_str_eq(i18n_from_locale(NULL), "en");
}
END_TEST

START_TEST(supported_languages_are_en_and_de)
{
	ck_assert(i18n_supported("en"));
	ck_assert(i18n_supported("de"));
	ck_assert(!i18n_supported("fr"));
	ck_assert(!i18n_supported(""));
	ck_assert(!i18n_supported(NULL));
	ck_assert(!i18n_supported("de_DE"));
	ck_assert(!i18n_supported("english"));
}
END_TEST

START_TEST(init_with_an_unsupported_language_uses_english)
{
	ck_assert_str_eq(i18n_init("fr", localedir), "en");
	ck_assert_str_eq(i18n_language(), "en");
	ck_assert_str_eq(lists_group_label(GROUP_POTENTIAL_CUSTOMER), "Potential customer");
}
END_TEST

START_TEST(init_without_a_language_follows_the_environment)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "de_DE.UTF-8", 1);
	ck_assert_str_eq(i18n_init(NULL, localedir), "de");
	ck_assert_str_eq(i18n_language(), "de");
	unsetenv("LANGUAGE");
	setenv("LANG", "en_GB.UTF-8", 1);
	ck_assert_str_eq(i18n_init("", localedir), "en");
	/* LANGUAGE, a list, comes first */
	setenv("LANGUAGE", "de:en", 1);
	ck_assert_str_eq(i18n_init(NULL, localedir), "de");
	unsetenv("LANG");
}
END_TEST

START_TEST(german_catalogue_translates_the_group_label)
{
	ck_assert_str_eq(i18n_init("de", localedir), "de");
	ck_assert_str_eq(i18n_language(), "de");
	ck_assert_str_eq(lists_group_label(GROUP_POTENTIAL_CUSTOMER), "Potenzieller Kunde");
	/* and back */
	ck_assert_str_eq(i18n_init("en", localedir), "en");
	ck_assert_str_eq(lists_group_label(GROUP_POTENTIAL_CUSTOMER), "Potential customer");
}
END_TEST

/* A company that is not there: the refusal is in the admin's language. */
START_TEST(german_catalogue_translates_no_company_with_id)
{
	struct db *db;
	struct la_err err;
	int64_t lead;

	ck_assert_str_eq(i18n_init("de", localedir), "de");
	db = tu_db("de");
	lead = tu_int(db, "SELECT min(category_id) FROM category", -1);
	la_err_clear(&err);
	ck_assert_int_eq(leads_company_set_category(db, 999, lead, NULL, &err), LA_NOT_FOUND);
	ck_assert_str_eq(err.msg, "keine Firma mit der ID 999");
	db_close(db);
}
END_TEST

/* Where make put the German catalogue; false when it is not there. */
static bool find_catalogue(void)
{
	const char *env = getenv("LEADADMIN_LOCALEDIR");
	char mo[1100];

	snprintf(localedir, sizeof(localedir), "%s", env && *env ? env : "locale");
	snprintf(mo, sizeof(mo), "%s/de/LC_MESSAGES/" PACKAGE ".mo", localedir);
	return access(mo, R_OK) == 0;
}

static Suite *i18n_suite(void)
{
	Suite *s;
	TCase *tc;

	if (!find_catalogue()) {
		printf("1..0 # SKIP no German catalogue at %s/de/LC_MESSAGES/%s.mo"
		       " (run make, or set LEADADMIN_LOCALEDIR)\n", localedir, PACKAGE);
		fprintf(stderr, "test_i18n: skipped: no German catalogue in %s\n", localedir);
		exit(0);
	}
	s = suite_create("i18n");
	tc = tcase_create("i18n");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, from_locale_gives_de_for_german_locales);
	tcase_add_test(tc, from_locale_gives_en_for_everything_else);
	tcase_add_test(tc, supported_languages_are_en_and_de);
	tcase_add_test(tc, init_with_an_unsupported_language_uses_english);
	tcase_add_test(tc, init_without_a_language_follows_the_environment);
	tcase_add_test(tc, german_catalogue_translates_the_group_label);
	tcase_add_test(tc, german_catalogue_translates_no_company_with_id);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(i18n_suite()); }

/* JSON input does not depend on the locale: in a locale whose decimal
 * point is a comma (German, as the program runs for a German admin, who
 * gets LC_ALL from the environment), "1.0" still reads as one. strtod
 * would stop at the "."; jansson converts numbers itself.
 *
 * Needs such a locale: an installed one, or one that localedef makes into
 * a temporary folder (no root needed, LOCPATH points there). When neither
 * is possible the suite is skipped with the reason (a TAP "1..0 # SKIP"). */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auditvalue.h"
#include "porting.h"
#include "submit.h"
#include "testutil.h"

extern char **environ;

static char comma_locale[64];
static char made_dir[512]; /* the folder localedef wrote into, or "" */

static struct db *db;

static void setup(void)
{
	char *end;

	ck_assert_msg(setlocale(LC_NUMERIC, comma_locale) != NULL, "%s", comma_locale);
	ck_assert_str_eq(localeconv()->decimal_point, ",");
	/* What a reader built on strtod would see. */
	ck_assert(strtod("1.5", &end) == 1.0 && *end == '.');
	db = tu_db("en");
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
	setlocale(LC_NUMERIC, "C");
}

START_TEST(an_export_of_version_1_or_1_0_or_1e0_is_read)
{
	static const char *const spelled[] = { "1", "1.0", "1e0", "0.1e1" };
	struct la_actor admin;
	struct porting_plan plan;
	struct la_err err;
	char text[256];
	size_t i;

	tu_admin(db, &admin);
	for (i = 0; i < sizeof(spelled) / sizeof(spelled[0]); i++) {
		snprintf(text, sizeof(text),
			 "{\"format\": \"leadadmin-lists\", \"version\": %s, \"lead_statuses\": [], "
			 "\"categories\": [{\"name\": \"Komma\", \"group\": \"other\"}]}", spelled[i]);
		la_err_clear(&err);
		ck_assert_msg(porting_import(db, &admin, text, strlen(text), true, CONFIRM_NONE,
					     &plan, &err) == LA_OK,
			      "version %s: %s", spelled[i], err.msg);
		ck_assert_int_eq(plan.added, 1);
		porting_plan_free(&plan);
	}
	/* 1.5 is a number, and not 1. */
	snprintf(text, sizeof(text),
		 "{\"format\": \"leadadmin-lists\", \"version\": 1.5, \"categories\": []}");
	la_err_clear(&err);
	ck_assert_int_eq(porting_import(db, &admin, text, strlen(text), true, CONFIRM_NONE,
					&plan, &err), LA_REFUSED);
	ck_assert_msg(strstr(err.msg, "not a leadadmin export") != NULL, "%s", err.msg);
	porting_plan_free(&plan);
}
END_TEST

START_TEST(a_submission_id_of_7_0_is_the_key_7)
{
	static const char seven[] = "{\"id\": 7.0, \"email\": \"seven@example.com\"}";
	static const char half[] = "{\"id\": 7.5, \"email\": \"half@example.com\"}";
	struct la_actor admin;
	struct submit_result r;
	struct la_err err;

	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert(submit_one(db, &admin, seven, strlen(seven), &r, &err) == LA_OK);
	ck_assert_msg(r.outcome == SUBMIT_CREATED, "%d: %s", (int)r.outcome, r.reason);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM form_submission WHERE submission_key = '7'", -1), 1);
	ck_assert(submit_one(db, &admin, half, strlen(half), &r, &err) == LA_OK);
	ck_assert_int_eq(r.outcome, SUBMIT_REJECTED);
	ck_assert_msg(strstr(r.reason, "\"id\" is missing or not a short text or number") != NULL,
		      "%s", r.reason);
}
END_TEST

START_TEST(the_change_log_reads_numbers_with_a_point)
{
	char *c = auditvalue_changes("{\"rank\":1.0,\"name\":\"A\"}", "{\"rank\":2,\"name\":\"A\"}");

	ck_assert_str_eq(c, "rank: 1 \u2192 2");
	free(c);
}
END_TEST

static bool is_comma_locale(const char *name)
{
	bool ok = setlocale(LC_NUMERIC, name) != NULL &&
		  strcmp(localeconv()->decimal_point, ",") == 0;

	setlocale(LC_NUMERIC, "C");
	return ok;
}

/* localedef writes de_DE.UTF-8 into a folder of ours; returns its exit
 * status (or -1 when it could not run). */
static int make_locale(void)
{
	char out[600];
	char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", out, NULL };
	posix_spawn_file_actions_t fa;
	const char *tmp = getenv("TMPDIR");
	int status = -1;
	pid_t pid;

	snprintf(made_dir, sizeof(made_dir), "%s/leadadmin-locale.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(made_dir)) {
		made_dir[0] = '\0';
		return -1;
	}
	snprintf(out, sizeof(out), "%s/de_DE.UTF-8", made_dir);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "localedef", &fa, NULL, argv, environ) == 0 &&
	    waitpid(pid, &status, 0) == pid)
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	posix_spawn_file_actions_destroy(&fa);
	setenv("LOCPATH", made_dir, 1);
	return status;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* An installed locale with a decimal comma, else one made for this run. */
static bool find_comma_locale(char *why, size_t len)
{
	static const char *const installed[] = {
		"de_DE.UTF-8", "de_DE.utf8", "de_AT.UTF-8", "de_CH.UTF-8", "fr_FR.UTF-8",
		"fr_FR.utf8", "nl_NL.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8", "ru_RU.UTF-8",
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(installed) / sizeof(installed[0]); i++) {
		if (is_comma_locale(installed[i])) {
			snprintf(comma_locale, sizeof(comma_locale), "%s", installed[i]);
			return true;
		}
	}
	rc = make_locale();
	if (is_comma_locale("de_DE.UTF-8")) {
		snprintf(comma_locale, sizeof(comma_locale), "de_DE.UTF-8");
		return true;
	}
	if (rc < 0)
		snprintf(why, len, "no locale with a decimal comma is installed, and localedef "
			 "could not be run to make one");
	else
		snprintf(why, len, "no locale with a decimal comma is installed, and localedef "
			 "could not make de_DE.UTF-8 (exit status %d; it needs the locale "
			 "sources of the locales package)", rc);
	return false;
}

int main(void)
{
	Suite *s;
	TCase *tc;
	char why[300];
	int rc;

	if (!find_comma_locale(why, sizeof(why))) {
		printf("1..0 # SKIP %s\n", why);
		fprintf(stderr, "test_locale: skipped: %s\n", why);
		if (made_dir[0])
			nftw(made_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
		return 0;
	}
	fprintf(stderr, "test_locale: numbers read under LC_NUMERIC=%s%s%s\n", comma_locale,
		made_dir[0] ? ", made by localedef in " : " (installed)", made_dir);
	s = suite_create("locale");
	tc = tcase_create("locale");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_export_of_version_1_or_1_0_or_1e0_is_read);
	tcase_add_test(tc, a_submission_id_of_7_0_is_the_key_7);
	tcase_add_test(tc, the_change_log_reads_numbers_with_a_point);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	if (made_dir[0])
		nftw(made_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return rc;
}

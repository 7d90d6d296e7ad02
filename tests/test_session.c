/* What the screens ask of the domain about their database (session.c):
 * other admins' changes and why a database cannot be changed; and the
 * login of an associate, which the command line shows. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rights.h"
#include "session.h"
#include "testutil.h"

static char tmpdir[256];
static char path[300];

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_session.XXXXXX");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/crm.db", tmpdir);
}

static void remove_tmpdir(void)
{
	tu_unlink_db(path);
	rmdir(tmpdir);
}

static struct db *open_file(int flags)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, flags, "en", rights_os_login(), &db, &err) == LA_OK,
		      "db_open: %s", err.msg);
	return db;
}

static void put_setting(struct db *db, const char *key)
{
	char sql[128];
	struct la_err err;

	snprintf(sql, sizeof(sql), "INSERT INTO setting (key, value) VALUES ('%s', 'x')", key);
	ck_assert_int_eq(db_exec(db, sql, &err), LA_OK);
}

/* Whether session_changed tells of a change within ms milliseconds. On a
 * server the other session's commit is told by a notification, which
 * comes after the commit, when it comes; SQLite's data_version has it at
 * once, and ms is 0 there. */
static bool changed_within(struct db *db, int64_t *mark, int ms)
{
	for (int waited = 0;; waited += 10) {
		if (session_changed(db, mark))
			return true;
		if (waited >= ms)
			return false;
		usleep(10000);
	}
}

START_TEST(change_by_another_connection_is_noticed_once)
{
	/* Two sessions of one database: two connections to a file, or to a
	 * new database of the server. */
	struct db *mine = tu_on_server() ? tu_db("en") : open_file(DB_OPEN_CREATE);
	struct db *theirs = tu_on_server() ? tu_db_again() : open_file(0);
	int wait = tu_on_server() ? 3000 : 0, settle = tu_on_server() ? 300 : 0;
	int64_t mark = session_mark(mine);

	ck_assert(!changed_within(mine, &mark, settle));
	put_setting(theirs, "test.theirs");
	ck_assert(changed_within(mine, &mark, wait));
	/* Once: nothing more comes of that change. */
	ck_assert(!changed_within(mine, &mark, settle));
	/* The session's own changes are on its screens already. */
	put_setting(mine, "test.mine");
	ck_assert(!changed_within(mine, &mark, settle));
	/* And the next change of theirs is told again. */
	put_setting(theirs, "test.theirs.2");
	ck_assert(changed_within(mine, &mark, wait));
	db_close(theirs);
	db_close(mine);
}
END_TEST

START_TEST(read_only_database_says_why)
{
	struct db *db = open_file(DB_OPEN_CREATE);
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(session_writable(db, &err), LA_OK);
	ck_assert_str_eq(err.msg, "");
	db_close(db);
	db = open_file(DB_OPEN_READONLY);
	ck_assert_int_eq(session_writable(db, &err), LA_READONLY);
	ck_assert_int_eq(err.status, LA_READONLY);
	ck_assert_msg(strstr(err.msg, path) != NULL, "the file is not named: %s", err.msg);
	ck_assert_msg(strstr(err.msg, "read-only") != NULL, "%s", err.msg);
	ck_assert_int_eq(session_writable(db, NULL), LA_READONLY);
	db_close(db);
}
END_TEST

START_TEST(login_of_an_associate_by_id)
{
	struct db *db = tu_db("en");
	struct la_actor anna;
	struct la_err err;
	char login[64];

	tu_actor(db, "anna.berg", ROLE_USER, &anna);
	la_err_clear(&err);
	ck_assert_int_eq(rights_login_of(db, anna.associate_id, login, sizeof(login), &err), LA_OK);
	ck_assert_str_eq(login, "anna.berg");
	ck_assert_int_eq(rights_login_of(db, anna.associate_id + 1000, login, sizeof(login), &err),
			 LA_NOT_FOUND);
	ck_assert_str_eq(login, "");
	ck_assert_msg(strstr(err.msg, "no user") != NULL, "%s", err.msg);
	db_close(db);
}
END_TEST

static Suite *session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("session");

	tcase_add_checked_fixture(tc, make_tmpdir, remove_tmpdir);
	tcase_add_test(tc, change_by_another_connection_is_noticed_once);
	tu_sqlite_test(tc, read_only_database_says_why,
		       "a read-only file; on a server its roles decide what a login may change "
		       "(tests/pg_rights.sh)");
	tcase_add_test(tc, login_of_an_associate_by_id);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(session_suite()); }

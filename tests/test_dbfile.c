/* A database its group shares: the folder init --shared makes or accepts,
 * the 0660 file whatever the umask, with -wal and -shm of the same mode,
 * and the messages for a file or folder this user may not use. Every test
 * works in its own folder. The checks of another login's view are in
 * tests/cli_shared.sh (they need a second Unix user). */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "dbfile.h"
#include "testutil.h"

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A path in the temporary folder (static, four at a time). */
static const char *tmp_path(const char *name)
{
	static char buf[4][512];
	static int which;

	which = (which + 1) % 4;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", tmpdir, name);
	return buf[which];
}

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_dbfile.XXXXXX");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
}

static void teardown(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static unsigned mode_of(const char *path)
{
	struct stat sb;

	ck_assert_msg(stat(path, &sb) == 0, "stat %s: %s", path, strerror(errno));
	return (unsigned)(sb.st_mode & 07777);
}

START_TEST(share_folder_makes_a_missing_folder_setgid_for_its_group)
{
	struct la_err err;
	bool made = true;

	la_err_clear(&err);
	ck_assert_int_eq(dbfile_share_folder(tmp_path("srv/crm.db"), &made, &err), LA_OK);
	ck_assert(made);
	ck_assert_uint_eq(mode_of(tmp_path("srv")), DBFILE_SHARED_FOLDER_MODE);
}
END_TEST

START_TEST(share_folder_refuses_a_folder_that_does_not_pass_its_group_on)
{
	static const unsigned modes[] = { 0755, 0770, 02750 };
	struct la_err err;
	bool made = true;
	size_t i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		ck_assert_int_eq(chmod(tmpdir, modes[i]), 0);
		la_err_clear(&err);
		ck_assert_int_eq(dbfile_share_folder(tmp_path("crm.db"), &made, &err), LA_REFUSED);
		ck_assert(!made);
		ck_assert_msg(strstr(err.msg, "run: chmod g+rwxs ") != NULL, "%s", err.msg);
		ck_assert_uint_eq(mode_of(tmpdir), modes[i]);
	}
}
END_TEST

START_TEST(shell_word_quotes_a_path_a_shell_would_split)
{
	static const char *const cases[][2] = {
		{ "/srv/crm.db", "/srv/crm.db" },
		{ "/tmp/my dir", "'/tmp/my dir'" },
		{ "/tmp/new dir;x/c.db", "'/tmp/new dir;x/c.db'" },
		{ "/tmp/it's", "'/tmp/it'\\''s'" },
		{ "/tmp/$(id)", "'/tmp/$(id)'" },
		{ "-x/c.db", "./-x/c.db" },
		{ "-x y", "./'-x y'" },
		{ "", "''" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *w = dbfile_shell_word(cases[i][0]);

		ck_assert_str_eq(w, cases[i][1]);
		free(w);
	}
}
END_TEST

START_TEST(shell_words_are_quoted_when_needed)
{
	const char *cases[][2] = {
		{ "Lead", "Lead" },
		{ "a-b_c.d", "a-b_c.d" },
		{ "Lost opportunity", "'Lost opportunity'" },
		{ "O'Brien", "'O'\\''Brien'" },
		{ "", "''" },
		{ "$(rm -rf x)", "'$(rm -rf x)'" },
		{ "Öffentlich", "'Öffentlich'" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *w = dbfile_shell_word(cases[i][0]);

		ck_assert_str_eq(w, cases[i][1]);
		free(w);
	}
}
END_TEST

START_TEST(share_folder_quotes_the_folder_in_the_chmod_it_names)
{
	struct la_err err;
	bool made = true;
	char dir[600], want[700];

	snprintf(dir, sizeof dir, "%s", tmp_path("my dir;x"));
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	la_err_clear(&err);
	ck_assert_int_eq(dbfile_share_folder(tmp_path("my dir;x/crm.db"), &made, &err), LA_REFUSED);
	snprintf(want, sizeof want, "run: chmod g+rwxs '%s'", dir);
	ck_assert_msg(strstr(err.msg, want) != NULL, "%s", err.msg);
}
END_TEST

START_TEST(share_folder_takes_a_setgid_folder_its_group_may_write)
{
	struct la_err err;
	bool made = true;

	ck_assert_int_eq(chmod(tmpdir, 02770), 0);
	la_err_clear(&err);
	ck_assert_int_eq(dbfile_share_folder(tmp_path("crm.db"), &made, &err), LA_OK);
	ck_assert(!made);
	ck_assert_uint_eq(mode_of(tmpdir), 02770);
}
END_TEST

START_TEST(a_shared_database_and_its_wal_and_shm_are_0660_under_umask_077)
{
	const char *path = tmp_path("crm.db");
	struct db *db = NULL;
	struct la_err err;
	mode_t old = umask(077);
	char wal[600], shm[600];
	struct stat sb;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE | DB_OPEN_SHARED, "en", rights_os_login(),
			      &db, &err) == LA_OK, "%s", err.msg);
	db_close(db);
	/* A later open (WAL now): SQLite makes the -wal and -shm with the
	 * file's mode; they exist while a connection is open. */
	ck_assert_msg(db_open(path, 0, "en", rights_os_login(), &db, &err) == LA_OK, "%s",
		      err.msg);
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	ck_assert_uint_eq(mode_of(path), DBFILE_SHARED_MODE);
	ck_assert_uint_eq(mode_of(wal), DBFILE_SHARED_MODE);
	ck_assert_uint_eq(mode_of(shm), DBFILE_SHARED_MODE);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert(dbfile_is_shared(&sb));
	db_close(db);
	umask(old);
}
END_TEST

START_TEST(a_database_made_without_shared_stays_0600_under_umask_007)
{
	const char *path = tmp_path("crm.db");
	struct db *db = NULL;
	struct la_err err;
	mode_t old = umask(007);
	struct stat sb;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE, "en", rights_os_login(), &db, &err) == LA_OK,
		      "%s", err.msg);
	db_close(db);
	umask(old);
	ck_assert_uint_eq(mode_of(path), 0600);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert(!dbfile_is_shared(&sb));
}
END_TEST

START_TEST(shared_never_changes_the_mode_of_an_existing_database)
{
	const char *path = tmp_path("crm.db");
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE, "en", rights_os_login(), &db, &err) == LA_OK,
		      "%s", err.msg);
	db_close(db);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE | DB_OPEN_SHARED, "en", rights_os_login(),
			      &db, &err) == LA_OK, "%s", err.msg);
	db_close(db);
	ck_assert_uint_eq(mode_of(path), 0600);
}
END_TEST

START_TEST(denied_for_another_reason_says_only_that)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(dbfile_denied(tmp_path("crm.db"), EIO, &err), LA_DB);
	ck_assert_msg(strstr(err.msg, "cannot be read (") != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "chmod") == NULL, "%s", err.msg);
}
END_TEST

static Suite *dbfile_suite(void)
{
	Suite *s = suite_create("dbfile");
	TCase *tc = tcase_create("dbfile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, share_folder_makes_a_missing_folder_setgid_for_its_group);
	tcase_add_test(tc, share_folder_refuses_a_folder_that_does_not_pass_its_group_on);
	tcase_add_test(tc, shell_word_quotes_a_path_a_shell_would_split);
	tcase_add_test(tc, shell_words_are_quoted_when_needed);
	tcase_add_test(tc, share_folder_quotes_the_folder_in_the_chmod_it_names);
	tcase_add_test(tc, share_folder_takes_a_setgid_folder_its_group_may_write);
	tcase_add_test(tc, a_shared_database_and_its_wal_and_shm_are_0660_under_umask_077);
	tcase_add_test(tc, a_database_made_without_shared_stays_0600_under_umask_007);
	tcase_add_test(tc, shared_never_changes_the_mode_of_an_existing_database);
	tcase_add_test(tc, denied_for_another_reason_says_only_that);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(dbfile_suite()); }

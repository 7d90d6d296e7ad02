/* Backups: a consistent copy while another connection writes, never over
 * an existing file without force, 0600, checked; and the copy a schema
 * upgrade keeps of the old file. Every test works in its own folder. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
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
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_backup.XXXXXX");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
}

static void teardown(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static struct db *open_file(const char *path)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE | DB_OPEN_UPGRADE, "en", rights_os_login(), &db,
			      &err) == LA_OK, "db_open %s: %s", path, err.msg);
	return db;
}

static bool exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* One integer from sql on the file at path, opened on its own. */
static long file_int(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long v;

	ck_assert(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s",
		      sql, sqlite3_errmsg(h));
	ck_assert(sqlite3_step(st) == SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static const char *file_text(const char *path, const char *sql)
{
	static char buf[256];
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;

	ck_assert(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s",
		      sql, sqlite3_errmsg(h));
	ck_assert(sqlite3_step(st) == SQLITE_ROW);
	snprintf(buf, sizeof(buf), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return buf;
}

/* Every row of every table, in order: the whole content as one text. */
static char *content(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *tables = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);

	ck_assert(mem != NULL);
	ck_assert(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	ck_assert(sqlite3_prepare_v2(h, "SELECT name, sql FROM sqlite_master ORDER BY name",
				     -1, &tables, NULL) == SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const unsigned char *ddl = sqlite3_column_text(tables, 1);
		char sql[300];
		sqlite3_stmt *rows = NULL;

		fprintf(mem, "== %s\n%s\n", name, ddl ? (const char *)ddl : "");
		if (!ddl || strncmp((const char *)ddl, "CREATE TABLE", 12) != 0)
			continue;
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY rowid", name);
		ck_assert(sqlite3_prepare_v2(h, sql, -1, &rows, NULL) == SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const unsigned char *v = sqlite3_column_text(rows, c);

				fprintf(mem, "%s|", v ? (const char *)v : "NULL");
			}
			fputc('\n', mem);
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(h);
	fclose(mem);
	return out;
}

/* The version-1 fixture (a German demo database) as a file. */
static void make_v1(const char *path)
{
	const char *top = getenv("top_srcdir");
	char fixture[1024], *sql = NULL, *msg = NULL;
	size_t len = 0;
	FILE *f, *mem;
	int c;
	sqlite3 *h = NULL;

	snprintf(fixture, sizeof(fixture), "%s/tests/fixtures/v1-demo.sql",
		 top && *top ? top : ".");
	f = fopen(fixture, "r");
	ck_assert_msg(f != NULL, "%s: %s", fixture, strerror(errno));
	mem = open_memstream(&sql, &len);
	while ((c = fgetc(f)) != EOF)
		fputc(c, mem);
	fclose(f);
	fclose(mem);
	ck_assert(sqlite3_open(path, &h) == SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	sqlite3_close(h);
	free(sql);
	ck_assert_int_eq(file_int(path, "PRAGMA user_version"), 1);
}

/* ---------------------------------------------------------------- backup_to */

START_TEST(backup_copies_the_database_checked_and_private)
{
	const char *path = tmp_path("crm.db"), *copy = tmp_path("copy.db");
	struct db *db = open_file(path);
	struct la_err err;
	struct stat sb;

	tu_category(db, "Backed up", GROUP_POTENTIAL_CUSTOMER, true);
	la_err_clear(&err);
	ck_assert_msg(backup_to(db, copy, false, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(stat(copy, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_str_eq(file_text(copy, "PRAGMA integrity_check"), "ok");
	ck_assert_int_eq(file_int(copy, "SELECT count(*) FROM category WHERE name = 'Backed up'"), 1);
	ck_assert_int_eq(file_int(copy, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	/* a single file: no journal or WAL beside it */
	ck_assert_str_eq(file_text(copy, "PRAGMA journal_mode"), "delete");
	ck_assert(!exists(tmp_path("copy.db-wal")));
	db_close(db);
}
END_TEST

START_TEST(backup_refuses_an_existing_file_unless_forced)
{
	const char *path = tmp_path("crm.db"), *copy = tmp_path("keep.txt");
	struct db *db = open_file(path);
	struct la_err err;
	FILE *f = fopen(copy, "w");
	char buf[16] = "";

	ck_assert(f != NULL);
	fputs("keep me", f);
	fclose(f);
	la_err_clear(&err);
	ck_assert_int_eq(backup_to(db, copy, false, &err), LA_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.msg, "already exists"));
	ck_assert_ptr_nonnull(strstr(err.msg, "--force"));
	f = fopen(copy, "r");
	ck_assert(f != NULL);
	ck_assert(fgets(buf, sizeof(buf), f) != NULL);
	fclose(f);
	ck_assert_str_eq(buf, "keep me");
	la_err_clear(&err);
	ck_assert_msg(backup_to(db, copy, true, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(file_int(copy, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	db_close(db);
}
END_TEST

START_TEST(backup_refuses_the_database_itself_and_a_folder)
{
	const char *path = tmp_path("crm.db");
	struct db *db = open_file(path);
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(backup_to(db, path, true, &err), LA_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.msg, "the database itself"));
	la_err_clear(&err);
	ck_assert_int_eq(backup_to(db, tmpdir, true, &err), LA_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.msg, "folder"));
	ck_assert_int_eq(file_int(path, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	db_close(db);
}
END_TEST

START_TEST(backup_into_a_missing_folder_fails_and_leaves_nothing)
{
	struct db *db = open_file(tmp_path("crm.db"));
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(backup_to(db, tmp_path("no/such/copy.db"), false, &err), LA_DB);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot be written"));
	ck_assert(!exists(tmp_path("no")));
	db_close(db);
}
END_TEST

/* Another connection is in the middle of a write: the copy has the state
 * before it, not half of it, and the backup does not wait for it. */
START_TEST(backup_during_a_write_has_the_last_committed_state)
{
	const char *path = tmp_path("crm.db");
	struct db *db = open_file(path);
	sqlite3 *other = NULL;
	struct la_err err;
	char *msg = NULL;

	ck_assert(sqlite3_open(path, &other) == SQLITE_OK);
	ck_assert_msg(sqlite3_exec(other,
				   "BEGIN IMMEDIATE;"
				   "INSERT INTO contact (name) VALUES ('half 1');"
				   "INSERT INTO contact (name) VALUES ('half 2');",
				   NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	la_err_clear(&err);
	ck_assert_msg(backup_to(db, tmp_path("during.db"), false, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(file_int(tmp_path("during.db"),
				  "SELECT count(*) FROM contact WHERE name LIKE 'half%'"), 0);
	ck_assert(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(other);
	ck_assert_msg(backup_to(db, tmp_path("after.db"), false, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(file_int(tmp_path("after.db"),
				  "SELECT count(*) FROM contact WHERE name LIKE 'half%'"), 2);
	db_close(db);
}
END_TEST

/* ------------------------------------------------------- the upgrade copy */

START_TEST(upgrade_keeps_a_copy_of_the_old_file_beside_it)
{
	const char *path = tmp_path("v1.db"), *copy = tmp_path("v1.db.v1-backup");
	char *before, *kept;
	struct db *db;
	struct stat sb;

	make_v1(path);
	before = content(path);
	ck_assert(!exists(copy));
	db = open_file(path);
	ck_assert_int_eq(tu_int(db, "PRAGMA user_version", -1), DB_SCHEMA_VERSION);
	ck_assert_msg(exists(copy), "no copy at %s", copy);
	ck_assert_int_eq(stat(copy, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(file_int(copy, "PRAGMA user_version"), 1);
	ck_assert_str_eq(file_text(copy, "PRAGMA integrity_check"), "ok");
	kept = content(copy);
	ck_assert_str_eq(kept, before);
	/* the audit log says where the copy is */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'schema' "
				"AND action = 'backup' AND new_value LIKE '%v1.db.v1-backup%'", -1), 1);
	free(before);
	free(kept);
	db_close(db);
	/* opened again: nothing to upgrade, no second copy */
	db = open_file(path);
	db_close(db);
	ck_assert(!exists(tmp_path("v1.db.v1-backup.2")));
}
END_TEST

START_TEST(upgrade_does_not_overwrite_an_earlier_copy)
{
	const char *path = tmp_path("v1.db");
	struct db *db;
	FILE *f;

	make_v1(path);
	f = fopen(tmp_path("v1.db.v1-backup"), "w");
	ck_assert(f != NULL);
	fputs("an earlier copy", f);
	fclose(f);
	db = open_file(path);
	db_close(db);
	ck_assert_int_eq(file_int(tmp_path("v1.db.v1-backup.2"), "PRAGMA user_version"), 1);
	f = fopen(tmp_path("v1.db.v1-backup"), "r");
	ck_assert(f != NULL);
	{
		char buf[32] = "";

		ck_assert(fgets(buf, sizeof(buf), f) != NULL);
		ck_assert_str_eq(buf, "an earlier copy");
	}
	fclose(f);
}
END_TEST

START_TEST(no_copy_is_kept_when_it_cannot_be_made_and_nothing_is_upgraded)
{
	char path[512];
	struct db *db = NULL;
	struct la_err err;
	char *before, *after;

	snprintf(path, sizeof(path), "%s", tmp_path("v1.db"));
	make_v1(path);
	before = content(path);
	/* every name the copy could take is in use */
	for (int i = 1; i <= 99; i++) {
		char name[64];
		FILE *f;

		if (i == 1)
			snprintf(name, sizeof(name), "v1.db.v1-backup");
		else
			snprintf(name, sizeof(name), "v1.db.v1-backup.%d", i);
		f = fopen(tmp_path(name), "w");
		ck_assert(f != NULL);
		fclose(f);
	}
	la_err_clear(&err);
	ck_assert_int_eq(db_open(path, DB_OPEN_UPGRADE, "en", rights_os_login(), &db, &err), LA_DB);
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(err.msg, "was not upgraded"));
	ck_assert_int_eq(file_int(path, "PRAGMA user_version"), 1);
	after = content(path);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
}
END_TEST

START_TEST(a_new_or_current_database_gets_no_copy)
{
	const char *path = tmp_path("new.db");
	struct db *db = open_file(path);

	db_close(db);
	db = open_file(path);
	db_close(db);
	ck_assert(!exists(tmp_path("new.db.v0-backup")));
	ck_assert(!exists(tmp_path("new.db.v3-backup")));
	/* in memory: nothing to keep */
	db = tu_db("en");
	db_close(db);
}
END_TEST

static Suite *backup_suite(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("backup");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, backup_copies_the_database_checked_and_private);
	tcase_add_test(tc, backup_refuses_an_existing_file_unless_forced);
	tcase_add_test(tc, backup_refuses_the_database_itself_and_a_folder);
	tcase_add_test(tc, backup_into_a_missing_folder_fails_and_leaves_nothing);
	tcase_add_test(tc, backup_during_a_write_has_the_last_committed_state);
	tcase_add_test(tc, upgrade_keeps_a_copy_of_the_old_file_beside_it);
	tcase_add_test(tc, upgrade_does_not_overwrite_an_earlier_copy);
	tcase_add_test(tc, no_copy_is_kept_when_it_cannot_be_made_and_nothing_is_upgraded);
	tcase_add_test(tc, a_new_or_current_database_gets_no_copy);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(backup_suite()); }

/* The store: a new database (schema version, SuperOffice's names, foreign
 * keys, the defaults in both languages, its creator), database files (WAL,
 * mode 0600), the upgrade of a legacy database, files that are refused
 * untouched, read-only files, and transactions. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "copy.h"
#include "db.h"
#include "embedded.h"
#include "lists.h"
#include "rights.h"
#include "testutil.h"

/* ---------------------------------------------------------------- helpers */

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_db.XXXXXX");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = '\0';
}

/* A path in the test's temporary folder (static buffer, one at a time). */
static const char *tmp_path(const char *name)
{
	static char buf[2][512];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", tmpdir, name);
	return buf[which];
}

/* The whole file (caller frees); *len its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert(fwrite(data, 1, len, f) == len);
	ck_assert(fclose(f) == 0);
}

/* Asserts that path holds exactly want (len bytes). */
static void assert_same_bytes(const char *path, const char *want, size_t len)
{
	size_t got_len;
	char *got = slurp(path, &got_len);

	ck_assert_msg(got_len == len, "%s: %zu bytes, was %zu", path, got_len, len);
	ck_assert_msg(memcmp(got, want, len) == 0, "%s: the content changed", path);
	free(got);
}

/* Builds a database file at path from sql with plain SQLite. */
static void sqlite_file(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	ck_assert(sqlite3_open(path, &h) == SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	ck_assert(sqlite3_close(h) == SQLITE_OK);
}

static const char *fixture_path(void)
{
	static char buf[1024];
	const char *top = getenv("top_srcdir");

	snprintf(buf, sizeof(buf), "%s/tests/fixtures/legacy.sql", top && *top ? top : ".");
	return buf;
}

/* A legacy database file built from tests/fixtures/legacy.sql plus extra. */
static void legacy_file(const char *path, const char *extra)
{
	size_t len;
	char *sql = slurp(fixture_path(), &len);

	ck_assert_msg(len > 0, "%s is empty", fixture_path());
	sqlite_file(path, sql);
	if (extra)
		sqlite_file(path, extra);
	free(sql);
}

static bool has_table(struct db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	bool found;

	ck_assert(sqlite3_prepare_v2(db_handle(db),
				     "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
				     -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static bool has_column(sqlite3 *h, const char *table, const char *column)
{
	sqlite3_stmt *st = NULL;
	bool found;

	ck_assert(sqlite3_prepare_v2(h, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?",
				     -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Item i of items is called name. */
#define ASSERT_ITEM(items, i, want) \
	ck_assert_str_eq((items).v[(i)].name, (want))

static struct db *open_ok(const char *path, int flags, const char *language)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(path, flags, language, rights_os_login(), &db, &err) == LA_OK,
		      "db_open %s: %s", path, err.msg);
	ck_assert_ptr_nonnull(db);
	return db;
}

/* db_open must refuse path with LA_DB; the message is returned. */
static const char *open_refused(const char *path, int flags)
{
	static struct la_err err;
	struct db *db = NULL;

	la_err_clear(&err);
	ck_assert_int_eq(db_open(path, flags, "en", rights_os_login(), &db, &err), LA_DB);
	ck_assert_ptr_null(db);
	ck_assert_msg(strstr(err.msg, path) != NULL, "message does not name the file: %s", err.msg);
	return err.msg;
}

/* ---------------------------------------------------------------- new db */

/* An audit row binds its time from C (db_bind_now) after a change that
 * SQL stamped with 'now': across a second's boundary the bound time must
 * not be the second before. The loop runs until the second has changed
 * twice, reading SQLite's 'now' and then binding, as a change and its
 * audit row do. */
START_TEST(bound_now_is_never_before_sqlites_now)
{
	static const char now_sql[] = "SELECT strftime('%Y-%m-%d %H:%M:%S', 'now')";
	static const char bound_sql[] = "SELECT ?1";
	struct db *db = tu_db("en");
	struct db_stmt *sql_now, *bound;
	char first[32] = "", last[32] = "";
	int changes = 0;
	long rounds = 0;

	while (changes < 2) {
		char stamped[32];

		sql_now = db_stmt(db, now_sql, NULL);
		ck_assert_int_eq(db_step(sql_now), DB_ROW);
		snprintf(stamped, sizeof stamped, "%s", db_col_text(sql_now, 0));
		db_reset(sql_now);
		bound = db_stmt(db, bound_sql, NULL);
		db_bind_now(bound, 1);
		ck_assert_int_eq(db_step(bound), DB_ROW);
		ck_assert_msg(strcmp(db_col_text(bound, 0), stamped) >= 0,
			      "bound %s before SQLite's %s", db_col_text(bound, 0), stamped);
		db_reset(bound);
		if (!first[0])
			snprintf(first, sizeof first, "%s", stamped);
		if (last[0] && strcmp(last, stamped) != 0)
			changes++;
		snprintf(last, sizeof last, "%s", stamped);
		rounds++;
	}
	ck_assert_int_gt(rounds, 2);
	ck_assert_str_ne(first, last);
	db_close(db);
}
END_TEST

START_TEST(new_db_has_the_current_schema_version)
{
	struct db *db = tu_db("en");

	ck_assert_int_eq(tu_int(db, "PRAGMA user_version", -1), DB_SCHEMA_VERSION);
	ck_assert_int_eq(DB_SCHEMA_VERSION, 11);
	ck_assert(!db_was_legacy(db));
	db_close(db);
}
END_TEST

START_TEST(new_db_uses_superoffice_names)
{
	static const char *const cols[][2] = {
		{ "category", "category_id" }, { "category", "name" },
		{ "category", "rank" }, { "category", "tooltip" },
		{ "category", "deleted" }, { "category", "category_group" },
		{ "category", "enable_lead_status" }, { "category", "registered" },
		{ "category", "registered_associate_id" }, { "category", "updated" },
		{ "category", "updated_associate_id" }, { "category", "updatedCount" },
		{ "leadstatus", "leadstatus_id" }, { "leadstatus", "name" },
		{ "leadstatus", "rank" }, { "leadstatus", "tooltip" },
		{ "leadstatus", "deleted" }, { "leadstatus", "is_default" },
		{ "leadstatus", "registered_associate_id" }, { "leadstatus", "updatedCount" },
		{ "associate", "associate_id" }, { "associate", "name" },
		{ "contact", "contact_id" }, { "contact", "name" },
		{ "contact", "category_idx" }, { "contact", "associate_id" },
		{ "person", "person_id" }, { "person", "contact_id" },
		{ "person", "leadstatus_id" }, { "person", "associate_id" },
		{ "person", "firstname" }, { "person", "lastname" },
	};
	struct db *db = tu_db("en");
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		ck_assert_msg(has_column(db_handle(db), cols[i][0], cols[i][1]),
			      "no column %s.%s", cols[i][0], cols[i][1]);
	ck_assert(has_table(db, "audit"));
	/* exactly the spelling: the column is updatedCount, not updated_count */
	ck_assert(!has_column(db_handle(db), "category", "updated_count"));
	db_close(db);
}
END_TEST

/* In the list of copy.c or of the kept counts. */
static bool copy_knows(const char *table)
{
	const char *t;
	size_t i;

	for (i = 0; (t = copy_table(i)); i++)
		if (strcmp(t, table) == 0)
			return true;
	for (i = 0; (t = copy_kept_count(i)); i++)
		if (strcmp(t, table) == 0)
			return true;
	return false;
}

/* `leadadmin copy` writes every table of either engine's schema, or
 * leaves it to the triggers (the kept counts): a table added later must
 * be added to its list. */
START_TEST(copy_knows_every_table_of_both_schemas)
{
	struct db *db = tu_db("en");
	sqlite3_stmt *st;
	const char *p, *t;
	char name[64];
	size_t i, n = 0, pg = 0;

	ck_assert_int_eq(sqlite3_prepare_v2(db_handle(db),
					    "SELECT name FROM sqlite_master WHERE type = 'table'",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ck_assert_msg(copy_knows((const char *)sqlite3_column_text(st, 0)),
			      "copy does not know table %s", sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	for (i = 0; (t = copy_table(i)); i++)
		ck_assert_msg(has_table(db, t), "copy names %s, which SQLite's schema lacks", t);
	for (p = embedded_pg_schema_sql; (p = strstr(p, "\nCREATE TABLE ")); p++) {
		ck_assert_int_eq(sscanf(p, "\nCREATE TABLE %63[a-z_]", name), 1);
		ck_assert_msg(copy_knows(name), "copy does not know PostgreSQL's table %s", name);
		pg++;
	}
	ck_assert_uint_eq(pg, n);
	db_close(db);
}
END_TEST

START_TEST(new_db_has_foreign_keys_on)
{
	struct db *db = tu_db("en");

	ck_assert_int_eq(tu_int(db, "PRAGMA foreign_keys", -1), 1);
	ck_assert_int_ne(sqlite3_exec(db_handle(db),
				      "INSERT INTO person (contact_id, leadstatus_id) VALUES (NULL, 9999)",
				      NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person", -1), 0);
	db_close(db);
}
END_TEST

/* A transaction's marks hold while its nested calls make no savepoints,
 * and end with it: a later transaction, or one rolled back, asks again. */
START_TEST(transaction_marks_end_with_the_transaction)
{
	struct db *db = tu_db("en");
	struct la_err err;

	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	db_txn_mark(db, DB_MARK_NAME_KEYS);
	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));  /* savepoints: not kept */
	db_nest_without_savepoints(db);
	db_txn_mark(db, DB_MARK_NAME_KEYS);
	ck_assert(db_txn_marked(db, DB_MARK_NAME_KEYS));
	ck_assert_int_eq(db_begin(db, &err), LA_OK);       /* a nested step sees it */
	ck_assert(db_txn_marked(db, DB_MARK_NAME_KEYS));
	ck_assert_int_eq(db_commit(db, &err), LA_OK);
	ck_assert(db_txn_marked(db, DB_MARK_NAME_KEYS));
	ck_assert_int_eq(db_commit(db, &err), LA_OK);
	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));

	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	db_nest_without_savepoints(db);
	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));
	db_txn_mark(db, DB_MARK_NAME_KEYS);
	db_rollback(db);
	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	db_nest_without_savepoints(db);
	ck_assert(!db_txn_marked(db, DB_MARK_NAME_KEYS));
	db_rollback(db);
	db_close(db);
}
END_TEST

static void assert_defaults(const char *language, const char *const statuses[5],
			    const char *const categories[4])
{
	struct db *db = tu_db(language);
	struct la_items items;
	struct la_err err;
	size_t i;

	ck_assert_str_eq(db_language(db), language);
	ck_assert_int_eq(lists_load(db, LIST_LEADSTATUS, true, &items, &err), LA_OK);
	ck_assert_uint_eq(items.n, 5);
	for (i = 0; i < 5; i++) {
		ASSERT_ITEM(items, i, statuses[i]);
		ck_assert_msg(items.v[i].is_default == (i == 0), "%s default %d",
			      items.v[i].name, items.v[i].is_default);
		ck_assert(!items.v[i].deleted);
		ck_assert_msg(items.v[i].tooltip[0] != '\0', "%s has no description",
			      items.v[i].name);
	}
	lists_items_free(&items);
	ck_assert_int_eq(lists_load(db, LIST_CATEGORY, true, &items, &err), LA_OK);
	ck_assert_uint_eq(items.n, 4);
	for (i = 0; i < 4; i++) {
		ASSERT_ITEM(items, i, categories[i]);
		ck_assert_int_eq(items.v[i].group, GROUP_POTENTIAL_CUSTOMER);
		ck_assert(items.v[i].lead_status);
		ck_assert(!items.v[i].deleted);
	}
	lists_items_free(&items);
	ck_assert_int_eq(tu_default_status(db),
			 tu_int(db, "SELECT leadstatus_id FROM leadstatus WHERE rank = "
				"(SELECT min(rank) FROM leadstatus)", -1));
	db_close(db);
}

START_TEST(new_db_has_english_defaults)
{
	static const char *const st[5] = { "Open", "Contacting", "Qualified",
					   "Disqualified", "Re-nurture" };
	static const char *const cat[4] = { "Lead", "Marketing qualified lead (MQL)",
					    "Opportunity", "Lost opportunity" };

	assert_defaults("en", st, cat);
}
END_TEST

START_TEST(new_db_has_german_defaults)
{
	static const char *const st[5] = { "Offen", "Kontaktaufnahme", "Qualifiziert",
					   "Disqualifiziert", "Erneut bearbeiten" };
	static const char *const cat[4] = { "Lead", "Marketingqualifiziertes Lead",
					    "Verkaufschance", "Verlorene Chance" };

	assert_defaults("de", st, cat);
}
END_TEST

START_TEST(new_db_makes_its_creator_general_admin)
{
	struct passwd *pw = getpwuid(geteuid());
	struct la_actor actor;
	struct la_err err;
	struct db *db;

	ck_assert_ptr_nonnull(pw);
	/* the acting user is the OS login, never the environment */
	setenv("USER", "mallory", 1);
	setenv("LOGNAME", "mallory", 1);
	db = tu_db("en");
	ck_assert_int_eq(rights_actor(db, &actor, &err), LA_OK);
	ck_assert_str_eq(actor.login, pw->pw_name);
	ck_assert_int_eq(actor.role, ROLE_GENERAL_ADMIN);
	ck_assert(actor.active);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM associate", -1), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM associate WHERE name = 'mallory'", -1), 0);
	db_close(db);
	unsetenv("USER");
	unsetenv("LOGNAME");
}
END_TEST

START_TEST(file_db_uses_wal_and_mode_0600)
{
	const char *path = tmp_path("crm.db");
	struct stat sb;
	struct db *db;
	mode_t old = umask(022);

	db = open_ok(path, DB_OPEN_CREATE, "en");
	umask(old);
	ck_assert_str_eq(tu_text(db, "PRAGMA journal_mode", -1), "wal");
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	db_close(db);
	/* and it stays a WAL database when opened again */
	db = open_ok(path, 0, "en");
	ck_assert_str_eq(tu_text(db, "PRAGMA journal_mode", -1), "wal");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus", -1), 5);
	db_close(db);
}
END_TEST

/* ---------------------------------------------------------------- legacy */

START_TEST(legacy_db_is_upgraded_in_place)
{
	const char *path = tmp_path("legacy.db");
	sqlite3 *h;
	struct db *db;
	struct la_items items;
	struct la_err err;

	legacy_file(path, NULL);
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	h = db_handle(db);
	ck_assert(db_was_legacy(db));
	ck_assert_int_eq(tu_int(db, "PRAGMA user_version", -1), DB_SCHEMA_VERSION);
	/* data kept */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category", -1), 5);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = 11", -1),
			 "Interessent");
	ck_assert_str_eq(tu_text(db, "SELECT tooltip FROM category WHERE category_id = 10", -1),
			 "Bestehende Kunden");
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = 14", -1), 1);
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM category WHERE category_id = 12", -1), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact", -1), 4);
	ck_assert_int_eq(tu_int(db, "SELECT category_idx FROM contact WHERE contact_id = 102", -1), 13);
	ck_assert_str_eq(tu_text(db, "SELECT department FROM contact WHERE contact_id = 100", -1),
			 "Einkauf");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person", -1), 4);
	ck_assert_str_eq(tu_text(db, "SELECT firstname FROM person WHERE person_id = 1000", -1),
			 "Jürgen");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM associate WHERE name IN ('anna', 'bernd')", -1), 2);
	/* columns added, with the values of "not set" */
	ck_assert(has_column(h, "category", "category_group"));
	ck_assert(has_column(h, "category", "enable_lead_status"));
	ck_assert(has_column(h, "category", "updatedCount"));
	ck_assert(has_column(h, "person", "leadstatus_id"));
	ck_assert(has_column(h, "associate", "role"));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE category_group <> 0 "
				"OR enable_lead_status <> 0", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL", -1), 0);
	/* the lead status list arrives in the requested language */
	ck_assert_str_eq(db_language(db), "de");
	ck_assert_int_eq(lists_load(db, LIST_LEADSTATUS, true, &items, &err), LA_OK);
	ck_assert_uint_eq(items.n, 5);
	ASSERT_ITEM(items, 0, "Offen");
	ASSERT_ITEM(items, 4, "Erneut bearbeiten");
	ck_assert(items.v[0].is_default);
	lists_items_free(&items);
	/* the four lead categories are not added */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE name IN "
				"('Marketingqualifiziertes Lead', 'Verlorene Chance', "
				"'Marketing qualified lead (MQL)', 'Lost opportunity')", -1), 0);
	ck_assert_int_eq(lists_load(db, LIST_CATEGORY, false, &items, &err), LA_OK);
	ck_assert_uint_eq(items.n, 4);
	lists_items_free(&items);
	/* legacy data still satisfies the foreign keys */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM pragma_foreign_key_check", -1), 0);
	db_close(db);
}
END_TEST

/* An upgrade tells how far its migrations got: a stage of steps (the
 * statements of their SQL files), then each step, up to the total. */
struct upgrade_seen {
	int stages;
	const char *label;
	enum progress_unit unit;
	uint64_t total, last, calls;
	bool backwards;
};

static void seen_step(void *ctx, uint64_t done, uint64_t total)
{
	struct upgrade_seen *u = ctx;

	(void)total;
	if (u->stages == 0)
		return;          /* the copy of the old file, in pages */
	if (done < u->last)
		u->backwards = true;
	u->last = done;
	u->calls++;
}

static void seen_stage(void *ctx, const char *label, enum progress_unit unit, uint64_t total)
{
	struct upgrade_seen *u = ctx;

	u->stages++;
	u->label = label;
	u->unit = unit;
	u->total = total;
}

START_TEST(upgrade_reports_the_steps_of_its_migrations)
{
	const char *path = tmp_path("legacy.db");
	struct upgrade_seen u = { 0 };
	struct db *db = NULL;
	struct la_err err;

	legacy_file(path, NULL);
	la_err_clear(&err);
	ck_assert_msg(db_open_progress(path, DB_OPEN_UPGRADE, "en", rights_os_login(), seen_step,
				       seen_stage, &u, &db, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "PRAGMA user_version", -1), DB_SCHEMA_VERSION);
	ck_assert_int_eq(u.stages, 1);
	ck_assert_str_eq(u.label, "Upgrading");
	ck_assert_int_eq(u.unit, PROGRESS_STEPS);
	/* Every statement of migrate-2 to migrate-7 and the recount. */
	ck_assert_uint_ge(u.total, 40);
	ck_assert_uint_eq(u.last, u.total);
	ck_assert_uint_ge(u.calls, u.total);
	ck_assert(!u.backwards);
	db_close(db);
}
END_TEST

START_TEST(legacy_add_defaults_adds_only_the_missing_categories)
{
	const char *path = tmp_path("legacy.db");
	struct la_actor admin;
	struct la_err err;
	struct lists_defaults rep;
	struct db *db;

	legacy_file(path, NULL);
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert_msg(lists_add_defaults(db, &admin, &rep, &err) == LA_OK, "%s", err.msg);
	/* "lead" (a legacy row: group Unknown) and the deleted
	 * "Verkaufschance" are there already, and are said to be */
	ck_assert_uint_eq(rep.n, 4);
	ck_assert_uint_eq(rep.added, 2);
	ck_assert_int_eq(rep.v[0].state, LISTS_DEFAULT_OTHER_GROUP);
	ck_assert_int_eq(rep.v[0].item.group, GROUP_UNKNOWN);
	ck_assert_str_eq(rep.v[1].name, "Marketingqualifiziertes Lead");
	ck_assert_int_eq(rep.v[1].state, LISTS_DEFAULT_ADDED);
	ck_assert_int_eq(rep.v[2].state, LISTS_DEFAULT_DELETED);
	ck_assert_int_eq(rep.v[2].item.id, 14);
	ck_assert_str_eq(rep.v[3].name, "Verlorene Chance");
	ck_assert_int_eq(rep.v[3].state, LISTS_DEFAULT_ADDED);
	lists_defaults_free(&rep);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category", -1), 7);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE name = 'Verlorene Chance' "
				"AND category_group = 2 AND enable_lead_status = 1 AND deleted = 0", -1), 1);
	/* the old ones are left as they were */
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = 13", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = 14", -1), 1);
	/* a second run adds nothing */
	ck_assert_int_eq(lists_add_defaults(db, &admin, &rep, &err), LA_OK);
	ck_assert_uint_eq(rep.added, 0);
	lists_defaults_free(&rep);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category", -1), 7);
	db_close(db);
}
END_TEST

START_TEST(legacy_db_opened_again_is_not_upgraded_again)
{
	const char *path = tmp_path("legacy.db");
	struct db *db;
	long audit;

	legacy_file(path, NULL);
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	ck_assert(db_was_legacy(db));
	audit = tu_int(db, "SELECT count(*) FROM audit", -1);
	db_close(db);
	db = open_ok(path, 0, "en");
	ck_assert(!db_was_legacy(db));
	ck_assert_str_eq(db_language(db), "de");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus", -1), 5);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus WHERE name = 'Open'", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category", -1), 5);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit", -1), audit);
	ck_assert_int_eq(tu_int(db, "PRAGMA user_version", -1), DB_SCHEMA_VERSION);
	db_close(db);
}
END_TEST

START_TEST(legacy_db_with_latin1_names_is_upgraded)
{
	const char *path = tmp_path("legacy.db");
	struct la_actor admin;
	struct la_err err;
	struct lists_defaults rep;
	struct db *db;

	/* Old databases can hold Latin-1 (Windows-1252) bytes, which are not
	 * UTF-8: the upgrade converts them, and says so in the audit log. */
	legacy_file(path, "INSERT INTO category (category_id, name, rank) VALUES "
			  "(20, 'M\xFC\xDF\xE4\xF6\xFC \x80', 5)");
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert_msg(lists_add_defaults(db, &admin, &rep, &err) == LA_OK, "%s", err.msg);
	ck_assert_uint_eq(rep.added, 2);
	lists_defaults_free(&rep);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = 20", -1),
			 "Müßäöü €");
	ck_assert_str_eq(tu_text(db, "SELECT old_value || ' ' || new_value FROM audit "
				 "WHERE action = 'convert-text'", -1),
			 "{\"table\":\"category\",\"column\":\"name\",\"bytes\":\"4DFCDFE4F6FC2080\"} "
			 "{\"table\":\"category\",\"column\":\"name\",\"text\":\"Müßäöü €\"}");
	db_close(db);
}
END_TEST

/* The notes of the last open, joined by "|". */
static char *notes_of(struct db *db)
{
	size_t n, used = 0, len = 1;
	const char *const *v = db_notes(db, &n);
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	out = calloc(1, len);
	ck_assert_ptr_nonnull(out);
	for (size_t i = 0; i < n; i++)
		used += (size_t)sprintf(out + used, "%s%s", i ? "|" : "", v[i]);
	return out;
}

START_TEST(reading_an_older_database_changes_nothing)
{
	const char *path = tmp_path("legacy.db");
	size_t len;
	char *before;
	const char *msg;

	legacy_file(path, NULL);
	before = slurp(path, &len);
	msg = open_refused(path, 0);
	ck_assert_msg(strstr(msg, "upgrade it with: leadadmin --db ") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "nothing was changed") != NULL, "%s", msg);
	assert_same_bytes(path, before, len);
	ck_assert_int_ne(access(tmp_path("legacy.db-wal"), F_OK), 0);
	ck_assert_int_ne(access(tmp_path("legacy.db.v0-backup"), F_OK), 0);
	free(before);
}
END_TEST

START_TEST(upgrade_dry_run_says_what_it_would_do_and_does_nothing)
{
	const char *path = tmp_path("legacy.db");
	struct db *db;
	size_t len;
	char *before, *notes;

	legacy_file(path, NULL);
	before = slurp(path, &len);
	db = open_ok(path, DB_OPEN_UPGRADE | DB_OPEN_DRY_RUN, "en");
	notes = notes_of(db);
	ck_assert_msg(strstr(notes, "Schema version 0 to 11.") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "automated_category_update: the rules") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "sale_event: the sale events processed") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "lists: an index of each list's deleted items") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "category: added the columns") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "are its General administrator") != NULL, "%s", notes);
	ck_assert_msg(strstr(notes, "would be kept") != NULL, "%s", notes);
	ck_assert(db_readonly(db));
	db_close(db);
	free(notes);
	assert_same_bytes(path, before, len);
	ck_assert_int_ne(access(tmp_path("legacy.db.v0-backup"), F_OK), 0);
	free(before);
}
END_TEST

START_TEST(upgrade_makes_the_tables_of_lead_categorization)
{
	const char *path = tmp_path("legacy.db");
	struct db *db;

	legacy_file(path, NULL);
	db = open_ok(path, DB_OPEN_UPGRADE, "en");
	ck_assert(has_table(db, "automated_category_update"));
	ck_assert(has_table(db, "sale_event"));
	ck_assert(has_column(db_handle(db), "sale_event", "event_key"));
	ck_assert(has_column(db_handle(db), "sale_event", "new_category"));
	db_close(db);
}
END_TEST

START_TEST(upgrade_keeps_the_general_administrators_a_database_has)
{
	const char *path = tmp_path("legacy.db");
	struct db *db;
	char *notes;

	/* A database whose users have roles already (an earlier tool's). */
	legacy_file(path, "ALTER TABLE associate ADD COLUMN role INTEGER NOT NULL DEFAULT 0;"
			  "UPDATE associate SET role = 2 WHERE associate_id = 1;");
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	notes = notes_of(db);
	ck_assert_msg(strstr(notes, "Its General administrators stay: ") != NULL, "%s", notes);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM associate WHERE role = 2", -1), 1);
	ck_assert_int_eq(tu_int(db, "SELECT role FROM associate WHERE associate_id = 1", -1), 2);
	db_close(db);
	free(notes);
}
END_TEST

START_TEST(an_existing_leadstatus_table_is_kept_and_gets_a_default)
{
	const char *path = tmp_path("legacy.db");
	struct db *db;
	char *notes;

	/* SuperOffice's own leadstatus table, without leadadmin's columns,
	 * and a category column without a default that holds NULLs. */
	legacy_file(path, "CREATE TABLE leadstatus (leadstatus_id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
			  "rank INTEGER, tooltip TEXT, deleted INTEGER);"
			  "INSERT INTO leadstatus VALUES (1, 'Neu', 2, NULL, NULL), (2, 'Alt', 1, 'x', 1), "
			  "(3, 'Warm', 3, '', 0);");
	db = open_ok(path, DB_OPEN_UPGRADE, "de");
	notes = notes_of(db);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus", -1), 3);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM leadstatus WHERE is_default = 1", -1), "Neu");
	ck_assert_msg(strstr(notes, "'Neu' is the default for new leads") != NULL, "%s", notes);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus WHERE deleted IS NULL OR tooltip IS NULL", -1), 0);
	ck_assert_msg(strstr(notes, "leadstatus: 1 item had an empty deleted column; it is set to 0.") != NULL, "%s", notes);
	db_close(db);
	free(notes);
}
END_TEST

/* ---------------------------------------------------------------- refused */

START_TEST(newer_schema_is_refused_untouched)
{
	const char *path = tmp_path("newer.db");
	size_t len;
	char *before;
	const char *msg;

	sqlite_file(path, "CREATE TABLE category (category_id INTEGER PRIMARY KEY, name TEXT);"
			  "CREATE TABLE leadstatus (leadstatus_id INTEGER PRIMARY KEY, name TEXT);"
			  "INSERT INTO category (name) VALUES ('Lead');"
			  "PRAGMA user_version = 99;");
	before = slurp(path, &len);
	msg = open_refused(path, 0);
	ck_assert_msg(strstr(msg, "99") != NULL, "%s", msg);
	assert_same_bytes(path, before, len);
	ck_assert_int_ne(access(tmp_path("newer.db-wal"), F_OK), 0);
	free(before);
}
END_TEST

START_TEST(garbage_file_is_refused_untouched)
{
	static const char garbage[] =
		"name;rank\nLead;1\nOpportunity;2\nThis is a CSV file, not SQLite.\n";
	const char *path = tmp_path("garbage.db");

	spit(path, garbage, sizeof(garbage) - 1);
	open_refused(path, DB_OPEN_CREATE);
	assert_same_bytes(path, garbage, sizeof(garbage) - 1);
	/* shorter than SQLite's magic string */
	spit(path, "SQLite", 6);
	open_refused(path, DB_OPEN_CREATE);
	assert_same_bytes(path, "SQLite", 6);
}
END_TEST

START_TEST(truncated_file_is_refused_untouched)
{
	const char *path = tmp_path("crm.db");
	const char *cut = tmp_path("cut.db");
	struct db *db;
	size_t len;
	char *whole;

	db = open_ok(path, DB_OPEN_CREATE, "en");
	db_close(db);
	whole = slurp(path, &len);
	ck_assert_uint_gt(len, 8192);
	/* the header page only: the tables' pages are missing */
	spit(cut, whole, 4096);
	open_refused(cut, 0);
	assert_same_bytes(cut, whole, 4096);
	/* cut inside the header */
	spit(cut, whole, 60);
	open_refused(cut, 0);
	assert_same_bytes(cut, whole, 60);
	free(whole);
}
END_TEST

START_TEST(non_crm_database_is_refused_untouched)
{
	const char *path = tmp_path("other.db");
	size_t len;
	char *before;
	const char *msg;

	sqlite_file(path, "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL);"
			  "INSERT INTO invoice (total) VALUES (12.5);");
	before = slurp(path, &len);
	msg = open_refused(path, DB_OPEN_CREATE);
	ck_assert_msg(strstr(msg, "category") != NULL, "%s", msg);
	assert_same_bytes(path, before, len);
	free(before);
}
END_TEST

START_TEST(missing_folder_is_named)
{
	const char *path = tmp_path("no-such-folder/crm.db");
	const char *msg = open_refused(path, DB_OPEN_CREATE);
	char folder[600];

	snprintf(folder, sizeof(folder), "folder %s/no-such-folder", tmpdir);
	ck_assert_msg(strstr(msg, folder) != NULL, "%s", msg);
	ck_assert_int_ne(access(tmp_path("no-such-folder"), F_OK), 0);
}
END_TEST

START_TEST(missing_file_without_create_is_refused)
{
	const char *path = tmp_path("absent.db");

	open_refused(path, 0);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(readonly_flag_opens_read_only)
{
	const char *path = tmp_path("crm.db");
	struct la_err err;
	struct db *db;

	db = open_ok(path, DB_OPEN_CREATE, "en");
	db_close(db);
	db = open_ok(path, DB_OPEN_READONLY, "en");
	ck_assert(db_readonly(db));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus", -1), 5);
	la_err_clear(&err);
	ck_assert_int_eq(db_begin(db, &err), LA_READONLY);
	ck_assert(!db_in_transaction(db));
	ck_assert_msg(strstr(err.msg, path) != NULL, "%s", err.msg);
	ck_assert_int_ne(sqlite3_exec(db_handle(db), "DELETE FROM leadstatus", NULL, NULL, NULL),
			 SQLITE_OK);
	db_close(db);
}
END_TEST

/* What the read-only child found, as its exit code. */
enum ro_result { RO_OK, RO_SETUID = 10, RO_OPEN, RO_NOT_READONLY, RO_BEGIN, RO_READ };

static int readonly_child(const char *path)
{
	struct db *db = NULL;
	struct la_err err;
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (db_open(path, 0, "en", rights_os_login(), &db, &err) != LA_OK) {
		fprintf(stderr, "db_open: %s\n", err.msg);
		return RO_OPEN;
	}
	if (!db_readonly(db))
		return RO_NOT_READONLY;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM leadstatus", -1, &st,
			       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (n != 5)
		return RO_READ;
	if (db_begin(db, &err) != LA_READONLY)
		return RO_BEGIN;
	db_close(db);
	return RO_OK;
}

START_TEST(read_only_file_opens_read_only)
{
	const char *path = tmp_path("crm.db");
	struct db *db;
	size_t len;
	char *before;
	pid_t pid;
	int status;

	db = open_ok(path, DB_OPEN_CREATE, "en");
	db_close(db);
	ck_assert_int_eq(chmod(path, 0444), 0);
	/* The reader may create files in the folder, as in a folder of its
	 * own: SQLite cannot read a WAL database without its -shm file. */
	ck_assert_int_eq(chmod(tmpdir, 0777), 0);
	before = slurp(path, &len);
	/* root may write any file: the check runs as nobody */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		free(before);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(RO_SETUID);
		_exit(readonly_child(path));
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) == RO_OK, "read-only child failed at step %d",
		      WEXITSTATUS(status));
	assert_same_bytes(path, before, len);
	free(before);
}
END_TEST

START_TEST(failed_migration_changes_nothing)
{
	const char *path = tmp_path("legacy.db");
	sqlite3 *h = NULL;
	struct db *db = NULL;
	struct la_err err;
	size_t len;
	char *before;

	/* The upgrade adds columns and the lead status list, then registers
	 * its creator, which this trigger refuses. */
	legacy_file(path, "CREATE TRIGGER no_new_associates BEFORE INSERT ON associate "
			  "BEGIN SELECT RAISE(ABORT, 'associates are managed elsewhere'); END;");
	before = slurp(path, &len);
	la_err_clear(&err);
	ck_assert_int_eq(db_open(path, DB_OPEN_UPGRADE, "en", rights_os_login(), &db, &err), LA_DB);
	ck_assert_ptr_null(db);
	ck_assert_msg(strstr(err.msg, "associates are managed elsewhere") != NULL, "%s", err.msg);
	assert_same_bytes(path, before, len);
	ck_assert(sqlite3_open(path, &h) == SQLITE_OK);
	ck_assert(!has_column(h, "category", "category_group"));
	ck_assert(!has_column(h, "person", "leadstatus_id"));
	ck_assert(!has_column(h, "associate", "role"));
	ck_assert(sqlite3_exec(h, "SELECT * FROM leadstatus", NULL, NULL, NULL) != SQLITE_OK);
	sqlite3_close(h);
	free(before);
}
END_TEST

/* ---------------------------------------------------------------- transactions */

static long setting_count(struct db *db)
{
	return tu_int(db, "SELECT count(*) FROM setting WHERE key LIKE 'test.%'", -1);
}

static void put(struct db *db, const char *key)
{
	sqlite3_stmt *st = NULL;

	ck_assert(sqlite3_prepare_v2(db_handle(db),
				     "INSERT INTO setting (key, value) VALUES (?, 'x')",
				     -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	ck_assert(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
}

START_TEST(nested_begin_rolls_back_only_the_inner_part)
{
	struct db *db = tu_db("en");
	struct la_err err;

	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	put(db, "test.outer");
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	put(db, "test.inner");
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	put(db, "test.innermost");
	ck_assert_int_eq(db_commit(db, &err), LA_OK);   /* innermost kept ... */
	ck_assert_int_eq(setting_count(db), 3);
	db_rollback(db);                                 /* ... until inner goes */
	ck_assert(db_in_transaction(db));
	ck_assert_int_eq(setting_count(db), 1);
	put(db, "test.after");
	ck_assert_int_eq(db_commit(db, &err), LA_OK);
	ck_assert(!db_in_transaction(db));
	ck_assert_int_eq(setting_count(db), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM setting WHERE key = 'test.inner' "
				"OR key = 'test.innermost'", -1), 0);
	db_close(db);
}
END_TEST

START_TEST(outer_rollback_undoes_committed_inner_part)
{
	struct db *db = tu_db("en");
	struct la_err err;

	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	put(db, "test.outer");
	ck_assert_int_eq(db_begin(db, &err), LA_OK);
	put(db, "test.inner");
	ck_assert_int_eq(db_commit(db, &err), LA_OK);
	db_rollback(db);
	ck_assert(!db_in_transaction(db));
	ck_assert_int_eq(setting_count(db), 0);
	db_close(db);
}
END_TEST

/* ---------------------------------------------------------------- statements */

/* Distinct SQL texts at distinct addresses, as the program's literals are. */
#define FILLERS 300
static char filler_sql[FILLERS][32];

/* SQLite still has the statement of sql, half-way through its rows. */
static bool stmt_alive(struct db *db, const char *sql)
{
	sqlite3_stmt *other = NULL;

	while ((other = sqlite3_next_stmt(db_handle(db), other)))
		if (strcmp(sqlite3_sql(other), sql) == 0 && sqlite3_stmt_busy(other))
			return true;
	return false;
}

START_TEST(statement_held_by_a_caller_survives_many_others)
{
	static const char held_sql[] = "SELECT category_id FROM category ORDER BY category_id";
	struct db *db = tu_db("en");
	struct db_stmt *held, *st;
	int64_t first;
	int i;

	for (i = 0; i < FILLERS; i++)
		snprintf(filler_sql[i], sizeof(filler_sql[i]), "SELECT %d", i);
	/* More statements than a cache of 96 holds, then one held half-way
	 * through its rows (as leads.c holds one around lists_default_status),
	 * then more. */
	for (i = 0; i < 150; i++)
		ck_assert_ptr_nonnull(db_stmt(db, filler_sql[i], NULL));
	held = db_stmt(db, held_sql, NULL);
	ck_assert_ptr_nonnull(held);
	ck_assert_int_eq(db_step(held), DB_ROW);
	first = db_col_int64(held, 0);
	ck_assert_ptr_nonnull(db_stmt(db, filler_sql[150], NULL));
	ck_assert_msg(stmt_alive(db, held_sql), "the held statement was finalized");
	for (i = 151; i < FILLERS; i++)
		ck_assert_ptr_nonnull(db_stmt(db, filler_sql[i], NULL));
	ck_assert(stmt_alive(db, held_sql));
	ck_assert_int_eq(db_step(held), DB_ROW);
	ck_assert_int_gt(db_col_int64(held, 0), first);
	db_reset(held);
	/* Each text still finds its own statement. */
	for (i = 0; i < FILLERS; i++) {
		st = db_stmt(db, filler_sql[i], NULL);
		ck_assert_int_eq(db_step(st), DB_ROW);
		ck_assert_int_eq(db_col_int(st, 0), i);
		db_reset(st);
	}
	ck_assert_ptr_eq(db_stmt(db, held_sql, NULL), held);
	db_close(db);
}
END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("db");

	tcase_add_checked_fixture(tc, make_tmpdir, remove_tmpdir);
	tcase_add_test(tc, bound_now_is_never_before_sqlites_now);
	tcase_add_test(tc, new_db_has_the_current_schema_version);
	tcase_add_test(tc, new_db_uses_superoffice_names);
	tcase_add_test(tc, copy_knows_every_table_of_both_schemas);
	tcase_add_test(tc, new_db_has_foreign_keys_on);
	tcase_add_test(tc, transaction_marks_end_with_the_transaction);
	tcase_add_test(tc, new_db_has_english_defaults);
	tcase_add_test(tc, new_db_has_german_defaults);
	tcase_add_test(tc, new_db_makes_its_creator_general_admin);
	tcase_add_test(tc, file_db_uses_wal_and_mode_0600);
	tcase_add_test(tc, legacy_db_is_upgraded_in_place);
	tcase_add_test(tc, upgrade_reports_the_steps_of_its_migrations);
	tcase_add_test(tc, legacy_add_defaults_adds_only_the_missing_categories);
	tcase_add_test(tc, legacy_db_opened_again_is_not_upgraded_again);
	tcase_add_test(tc, legacy_db_with_latin1_names_is_upgraded);
	tcase_add_test(tc, newer_schema_is_refused_untouched);
	tcase_add_test(tc, reading_an_older_database_changes_nothing);
	tcase_add_test(tc, upgrade_dry_run_says_what_it_would_do_and_does_nothing);
	tcase_add_test(tc, upgrade_makes_the_tables_of_lead_categorization);
	tcase_add_test(tc, upgrade_keeps_the_general_administrators_a_database_has);
	tcase_add_test(tc, an_existing_leadstatus_table_is_kept_and_gets_a_default);
	tcase_add_test(tc, garbage_file_is_refused_untouched);
	tcase_add_test(tc, truncated_file_is_refused_untouched);
	tcase_add_test(tc, non_crm_database_is_refused_untouched);
	tcase_add_test(tc, missing_folder_is_named);
	tcase_add_test(tc, missing_file_without_create_is_refused);
	tcase_add_test(tc, readonly_flag_opens_read_only);
	tcase_add_test(tc, read_only_file_opens_read_only);
	tcase_add_test(tc, failed_migration_changes_nothing);
	tcase_add_test(tc, nested_begin_rolls_back_only_the_inner_part);
	tcase_add_test(tc, outer_rollback_undoes_committed_inner_part);
	tcase_add_test(tc, statement_held_by_a_caller_survives_many_others);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(db_suite()); }

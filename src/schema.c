#include "config.h"
#include "schema.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "embedded.h"
#include "i18n.h"

/* Marks the file as ours ("LEAD" in ASCII) for file(1) and for us. */
#define APPLICATION_ID 0x4C454144

/* Columns that a database made before lead management may lack. SQLite
 * adds a column only with a constant default, hence no time defaults. */
static const struct {
	const char *table, *column, *decl;
} legacy_columns[] = {
	{ "associate", "full_name", "TEXT NOT NULL DEFAULT ''" },
	{ "associate", "role", "INTEGER NOT NULL DEFAULT 0" },
	{ "associate", "deleted", "INTEGER NOT NULL DEFAULT 0" },
	{ "associate", "registered", "TEXT" },
	{ "associate", "updated", "TEXT" },
	{ "category", "rank", "INTEGER NOT NULL DEFAULT 0" },
	{ "category", "tooltip", "TEXT NOT NULL DEFAULT ''" },
	{ "category", "deleted", "INTEGER NOT NULL DEFAULT 0" },
	{ "category", "category_group", "INTEGER NOT NULL DEFAULT 0" },
	{ "category", "enable_lead_status", "INTEGER NOT NULL DEFAULT 0" },
	{ "category", "registered", "TEXT" },
	{ "category", "registered_associate_id", "INTEGER" },
	{ "category", "updated", "TEXT" },
	{ "category", "updated_associate_id", "INTEGER" },
	{ "category", "updatedCount", "INTEGER NOT NULL DEFAULT 0" },
	{ "contact", "category_idx", "INTEGER REFERENCES category (category_id)" },
	{ "contact", "associate_id", "INTEGER REFERENCES associate (associate_id)" },
	{ "contact", "registered", "TEXT" },
	{ "contact", "updated", "TEXT" },
	{ "person", "contact_id", "INTEGER REFERENCES contact (contact_id)" },
	{ "person", "firstname", "TEXT NOT NULL DEFAULT ''" },
	{ "person", "lastname", "TEXT NOT NULL DEFAULT ''" },
	{ "person", "leadstatus_id", "INTEGER REFERENCES leadstatus (leadstatus_id)" },
	{ "person", "associate_id", "INTEGER REFERENCES associate (associate_id)" },
	{ "person", "registered", "TEXT" },
	{ "person", "updated", "TEXT" },
};

const char *schema_default_categories(const char *language)
{
	return strcmp(language, "de") == 0 ? embedded_categories_de_sql
					   : embedded_categories_en_sql;
}

const char *schema_default_leadstatus(const char *language)
{
	return strcmp(language, "de") == 0 ? embedded_leadstatus_de_sql
					   : embedded_leadstatus_en_sql;
}

static int pragma_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static bool table_exists(struct db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	bool found = false;

	if (sqlite3_prepare_v2(db_handle(db),
			       "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

static bool column_exists(struct db *db, const char *table, const char *column)
{
	sqlite3_stmt *st = NULL;
	bool found = false;

	if (sqlite3_prepare_v2(db_handle(db),
			       "SELECT 1 FROM pragma_table_info(?) WHERE name = ?",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

static enum la_status add_legacy_columns(struct db *db, struct la_err *err)
{
	size_t i;

	for (i = 0; i < sizeof(legacy_columns) / sizeof(legacy_columns[0]); i++) {
		char sql[256];

		if (column_exists(db, legacy_columns[i].table, legacy_columns[i].column))
			continue;
		/* Names and declarations come from the table above, never
		 * from outside. */
		snprintf(sql, sizeof(sql), "ALTER TABLE %s ADD COLUMN %s %s",
			 legacy_columns[i].table, legacy_columns[i].column,
			 legacy_columns[i].decl);
		if (db_exec(db, sql, err) != LA_OK)
			return LA_DB;
	}
	return LA_OK;
}

/* The full name of login from the password database's GECOS field, if
 * any. */
static const char *os_full_name(const char *login)
{
	static char name[128];
	struct passwd *pw = getpwnam(login);

	name[0] = '\0';
	if (pw && pw->pw_gecos) {
		size_t n = strcspn(pw->pw_gecos, ",");

		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, pw->pw_gecos, n);
		name[n] = '\0';
	}
	return name;
}

/* The login that creates or upgrades the database becomes a General
 * administrator: whoever can write the file already controls it. */
static enum la_status make_creator_admin(struct db *db, const char *login,
					 struct la_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db_handle(db),
				"UPDATE associate SET role = 2, deleted = 0 WHERE name = ?",
				-1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return db_fail(db, err, "associate");
	if (sqlite3_changes(db_handle(db)) > 0)
		return LA_OK;
	rc = sqlite3_prepare_v2(db_handle(db),
				"INSERT INTO associate (name, full_name, role, registered) "
				"VALUES (?, ?, 2, strftime('%Y-%m-%d %H:%M:%S', 'now'))",
				-1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, os_full_name(login), -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? LA_OK : db_fail(db, err, "associate");
}

static enum la_status set_language(struct db *db, const char *language,
				   struct la_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db_handle(db),
				    "INSERT OR REPLACE INTO setting (key, value) VALUES ('language', ?)",
				    -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, language, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? LA_OK : db_fail(db, err, "setting");
}

/* Version 0 to 1: a new database, or one made before lead management. */
static enum la_status migrate_1(struct db *db, const char *language, const char *login,
				bool *legacy, struct la_err *err)
{
	bool has_category = table_exists(db, "category");
	int tables = pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");

	if (!has_category && tables > 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: is not a CRM database (it has tables but no category table); it was left untouched"),
			       db_path(db));
	*legacy = has_category;
	if (*legacy && table_exists(db, "leadstatus") &&
	    column_exists(db, "category", "enable_lead_status"))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: has lead management tables but no schema version; it was left untouched"),
			       db_path(db));
	if (db_exec(db, embedded_schema_sql, err) != LA_OK)
		return LA_DB;
	if (*legacy && add_legacy_columns(db, err) != LA_OK)
		return LA_DB;
	if (db_exec(db, embedded_indexes_sql, err) != LA_OK)
		return LA_DB;
	if (db_exec(db, schema_default_leadstatus(language), err) != LA_OK)
		return LA_DB;
	/* Existing customers add or update categories themselves. */
	if (!*legacy && db_exec(db, schema_default_categories(language), err) != LA_OK)
		return LA_DB;
	if (set_language(db, language, err) != LA_OK)
		return LA_DB;
	if (make_creator_admin(db, login, err) != LA_OK)
		return LA_DB;
	return db_exec(db,
		       "INSERT INTO audit (login, list, action, new_value) "
		       "SELECT name, 'schema', 'upgrade', 'version 1' FROM associate "
		       "WHERE role = 2 ORDER BY associate_id LIMIT 1", err);
}

/* Version 1 to 2: Marketing Premium (data/migrate-2.sql). */
static enum la_status migrate_2(struct db *db, struct la_err *err)
{
	if (db_exec(db, embedded_migrate_2_sql, err) != LA_OK)
		return LA_DB;
	return db_exec(db,
		       "INSERT INTO audit (login, list, action, new_value) "
		       "SELECT name, 'schema', 'upgrade', 'version 2' FROM associate "
		       "WHERE role = 2 AND deleted = 0 ORDER BY associate_id LIMIT 1", err);
}

/* Version 2 to 3: name keys and usage counters (data/migrate-3.sql). */
static enum la_status migrate_3(struct db *db, struct la_err *err)
{
	return db_exec(db, embedded_migrate_3_sql, err);
}

/* Version 3 to 4: the list model (data/migrate-4.sql). */
static enum la_status migrate_4(struct db *db, struct la_err *err)
{
	return db_exec(db, embedded_migrate_4_sql, err);
}

enum la_status schema_refresh_name_keys(struct db *db, struct la_err *err)
{
	static const char check[] =
		"SELECT EXISTS (SELECT 1 FROM category WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM leadstatus WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM usergroup WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM contact WHERE la_name_key IS NULL)";
	sqlite3_stmt *st = NULL;
	bool stale = false;

	if (db_readonly(db))
		return LA_OK;
	if (sqlite3_prepare_v2(db_handle(db), check, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		stale = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	if (!stale)
		return LA_OK;
	return db_exec(db,
		       "UPDATE category SET la_name_key = la_fold(name) WHERE la_name_key IS NULL; "
		       "UPDATE leadstatus SET la_name_key = la_fold(name) WHERE la_name_key IS NULL; "
		       "UPDATE usergroup SET la_name_key = la_fold(name) WHERE la_name_key IS NULL; "
		       "UPDATE contact SET la_name_key = la_fold(name) WHERE la_name_key IS NULL", err);
}

enum la_status schema_upgrade(struct db *db, const char *language, const char *login,
			      bool *legacy, struct la_err *err)
{
	int version = pragma_int(db, "PRAGMA user_version");
	int before;
	char sql[64];
	char *copy = NULL;

	*legacy = false;
	if (version < 0 && sqlite3_errcode(db_handle(db)) != SQLITE_OK)
		return db_fail(db, err, "user_version");
	if (version < 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: unknown schema version %d; it was left untouched"),
			       db_path(db), version);
	if (version > DB_SCHEMA_VERSION)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: was made by a newer leadadmin (schema version %d; this program knows up to %d); it was left untouched"),
			       db_path(db), version, DB_SCHEMA_VERSION);
	if (version == DB_SCHEMA_VERSION)
		return LA_OK;
	if (db_readonly(db))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: needs an upgrade to schema version %d but is read-only"),
			       db_path(db), DB_SCHEMA_VERSION);
	if (!i18n_supported(language))
		language = "en";
	/* The old file is kept beside it before anything changes. */
	if (backup_before_upgrade(db, version, &copy, err) != LA_OK)
		return LA_DB;
	before = version;
	if (db_begin(db, err) != LA_OK) {
		backup_discard(&copy);
		return err ? err->status : LA_DB;
	}
	/* Another process may have upgraded it while we waited: its copy is
	 * the one to keep; start again from the version it left. */
	version = pragma_int(db, "PRAGMA user_version");
	if (version != before) {
		db_rollback(db);
		backup_discard(&copy);
		return schema_upgrade(db, language, login, legacy, err);
	}
	if ((version < 1 && migrate_1(db, language, login, legacy, err) != LA_OK) ||
	    (version < 2 && migrate_2(db, err) != LA_OK) ||
	    (version < 3 && migrate_3(db, err) != LA_OK) ||
	    (version < 4 && migrate_4(db, err) != LA_OK) ||
	    (copy && backup_note(db, copy, login, err) != LA_OK)) {
		db_rollback(db);
		backup_discard(&copy);
		return err ? err->status : LA_DB;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		 DB_SCHEMA_VERSION, APPLICATION_ID);
	if (db_exec(db, sql, err) != LA_OK || db_commit(db, err) != LA_OK) {
		db_rollback(db);
		backup_discard(&copy);
		return LA_DB;
	}
	free(copy);
	return LA_OK;
}

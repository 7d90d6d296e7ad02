#include "config.h"
#include "schema.h"
#include "mlname.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "embedded.h"
#include "i18n.h"
#include "schema_impl.h"
#include "text.h"

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
	/* SuperOffice's own leadstatus table, where it exists already. */
	{ "leadstatus", "rank", "INTEGER NOT NULL DEFAULT 0" },
	{ "leadstatus", "tooltip", "TEXT NOT NULL DEFAULT ''" },
	{ "leadstatus", "deleted", "INTEGER NOT NULL DEFAULT 0" },
	{ "leadstatus", "is_default", "INTEGER NOT NULL DEFAULT 0" },
	{ "leadstatus", "registered", "TEXT" },
	{ "leadstatus", "registered_associate_id", "INTEGER" },
	{ "leadstatus", "updated", "TEXT" },
	{ "leadstatus", "updated_associate_id", "INTEGER" },
	{ "leadstatus", "updatedCount", "INTEGER NOT NULL DEFAULT 0" },
};

bool schema_language_ok(const char *language)
{
	return i18n_supported(language) || (language && strcmp(language, SCHEMA_EN_DE) == 0);
}

const char *schema_default_categories(const char *language)
{
	if (strcmp(language, SCHEMA_EN_DE) == 0)
		return embedded_categories_en_de_sql;
	return strcmp(language, "de") == 0 ? embedded_categories_de_sql
					   : embedded_categories_en_sql;
}

const char *schema_default_leadstatus(const char *language)
{
	if (strcmp(language, SCHEMA_EN_DE) == 0)
		return embedded_leadstatus_en_de_sql;
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
	size_t i, n = sizeof(legacy_columns) / sizeof(legacy_columns[0]);
	char added[512] = "";

	for (i = 0; i < n; i++) {
		char sql[256];
		size_t used = strlen(added);

		if (column_exists(db, legacy_columns[i].table, legacy_columns[i].column))
			continue;
		/* Names and declarations come from the table above, never
		 * from outside. */
		snprintf(sql, sizeof(sql), "ALTER TABLE %s ADD COLUMN %s %s",
			 legacy_columns[i].table, legacy_columns[i].column,
			 legacy_columns[i].decl);
		if (db_exec(db, sql, err) != LA_OK)
			return LA_DB;
		snprintf(added + used, sizeof(added) - used, "%s%s", used ? ", " : "",
			 legacy_columns[i].column);
		/* One note a table, naming its new columns. */
		if (i + 1 == n || strcmp(legacy_columns[i + 1].table, legacy_columns[i].table) != 0) {
			if (added[0])
				db_note(db, _("%s: added the columns %s."), legacy_columns[i].table, added);
			added[0] = '\0';
		}
	}
	return LA_OK;
}

/* Runs sql (no parameters) and says how many rows it changed. */
static enum la_status changed_rows(struct db *db, const char *sql, long *n,
				   struct la_err *err)
{
	if (db_exec(db, sql, err) != LA_OK)
		return LA_DB;
	*n = sqlite3_changes(db_handle(db));
	return LA_OK;
}

/* Columns of a legacy list without defaults may hold NULLs; they are made
 * sound: no NULL deleted (it counts as not deleted), rank or description. */
static enum la_status mend_nulls(struct db *db, const char *table, struct la_err *err)
{
	static const char *const fixes[][2] = {
		{ "deleted", "0" }, { "rank", "0" }, { "tooltip", "''" },
		{ "updatedCount", "0" },
	};
	char sql[256];
	long n;

	for (size_t i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++) {
		/* Names from the table above, never from outside. */
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = %s WHERE %s IS NULL", table,
			 fixes[i][0], fixes[i][1], fixes[i][0]);
		if (changed_rows(db, sql, &n, err) != LA_OK)
			return LA_DB;
		if (n > 0)
			db_note(db, ngettext("%s: %ld item had an empty %s column; it is set to %s.",
					     "%s: %ld items had an empty %s column; it is set to %s.",
					     (unsigned long)n),
				table, n, fixes[i][0], fixes[i][1]);
	}
	return LA_OK;
}

/* Text columns that older Windows tools wrote in Windows-1252 are made
 * UTF-8, each conversion noted and written to the audit log with the old
 * bytes, so that nothing is rewritten unseen. */
static enum la_status convert_cp1252(struct db *db, const char *login, struct la_err *err)
{
	static const char *const columns[][3] = {
		{ "category", "category_id", "name" }, { "category", "category_id", "tooltip" },
		{ "leadstatus", "leadstatus_id", "name" }, { "leadstatus", "leadstatus_id", "tooltip" },
		{ "usergroup", "usergroup_id", "name" }, { "usergroup", "usergroup_id", "tooltip" },
		{ "associate", "associate_id", "full_name" }, { "contact", "contact_id", "name" },
		{ "person", "person_id", "firstname" }, { "person", "person_id", "lastname" },
	};
	static const char hex[] = "0123456789ABCDEF";

	for (size_t c = 0; c < sizeof(columns) / sizeof(columns[0]); c++) {
		const char *table = columns[c][0], *id = columns[c][1], *col = columns[c][2];
		char sql[256];
		sqlite3_stmt *rd = NULL, *wr = NULL, *au = NULL;
		enum la_status rc = LA_OK;
		int step;

		if (!table_exists(db, table) || !column_exists(db, table, col))
			continue;
		/* Names from the table above, never from outside. */
		snprintf(sql, sizeof(sql), "SELECT %s, CAST(%s AS BLOB) FROM %s WHERE %s IS NOT NULL",
			 id, col, table, col);
		if (sqlite3_prepare_v2(db_handle(db), sql, -1, &rd, NULL) != SQLITE_OK)
			return db_fail(db, err, table);
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?2 WHERE %s = ?1", table, col, id);
		if (sqlite3_prepare_v2(db_handle(db), sql, -1, &wr, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(db_handle(db),
				       "INSERT INTO audit (login, list, item_id, action, old_value, new_value) "
				       "VALUES (?1, 'schema', ?2, 'convert-text', "
				       "json_object('table', ?3, 'column', ?4, 'bytes', ?5), "
				       "json_object('table', ?3, 'column', ?4, 'text', ?6))",
				       -1, &au, NULL) != SQLITE_OK)
			rc = db_fail(db, err, table);
		while (rc == LA_OK && (step = sqlite3_step(rd)) == SQLITE_ROW) {
			const char *bytes = sqlite3_column_blob(rd, 1);
			size_t len = (size_t)sqlite3_column_bytes(rd, 1), i;
			char *utf8, *hexed;

			if (!bytes || text_utf8_valid(bytes, len))
				continue;
			utf8 = text_from_cp1252(bytes, len);
			if (!(hexed = malloc(len * 2 + 1)))
				abort();
			for (i = 0; i < len; i++) {
				hexed[2 * i] = hex[(unsigned char)bytes[i] >> 4];
				hexed[2 * i + 1] = hex[(unsigned char)bytes[i] & 15];
			}
			hexed[2 * len] = '\0';
			sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
			sqlite3_bind_text(wr, 2, utf8, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(au, 1, login, -1, SQLITE_STATIC);
			sqlite3_bind_int64(au, 2, sqlite3_column_int64(rd, 0));
			sqlite3_bind_text(au, 3, table, -1, SQLITE_STATIC);
			sqlite3_bind_text(au, 4, col, -1, SQLITE_STATIC);
			sqlite3_bind_text(au, 5, hexed, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(au, 6, utf8, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(wr) != SQLITE_DONE || sqlite3_step(au) != SQLITE_DONE)
				rc = db_fail(db, err, table);
			else
				db_note(db, _("%s %lld: %s was not UTF-8; read as Windows-1252 it is '%s'."),
					table, (long long)sqlite3_column_int64(rd, 0), col, utf8);
			sqlite3_reset(wr);
			sqlite3_reset(au);
			free(utf8);
			free(hexed);
		}
		if (rc == LA_OK && step != SQLITE_DONE)
			rc = db_fail(db, err, table);
		sqlite3_finalize(rd);
		sqlite3_finalize(wr);
		sqlite3_finalize(au);
		if (rc != LA_OK)
			return rc;
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

/* The login that creates the database, or upgrades one that has no active
 * General administrator, becomes its General administrator: whoever can
 * write the file already controls it. The administrators a database has
 * stay the only ones. */
enum la_status schema_creator_admin(struct db *db, const char *login, struct la_err *err)
{
	char admins[256] = "";
	size_t used = 0;
	struct db_stmt *st;
	int r;

	if (!(st = db_prepare(db, "SELECT name FROM associate WHERE role = 2 AND deleted = 0 "
			      "ORDER BY name", "associate", err)))
		return LA_DB;
	/* The names that fit whole, then "…": the note is short. */
	while ((r = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 0);

		if (used + strlen(name) + sizeof ", …" > sizeof admins) {
			la_format(admins + used, sizeof admins - used, "%s…", used ? ", " : "");
			break;
		}
		used += (size_t)la_format(admins + used, sizeof admins - used, "%s%s",
					  used ? ", " : "", name);
	}
	db_finalize(st);
	if (r != DB_DONE && r != DB_ROW)
		return db_fail(db, err, "associate");
	if (admins[0]) {
		db_note(db, _("Its General administrators stay: %s."), admins);
		return LA_OK;
	}
	db_note(db, _("You (%s) are its General administrator: it had none."), login);
	if (!(st = db_prepare(db, "UPDATE associate SET role = 2, deleted = 0 WHERE name = ?1",
			      "associate", err)))
		return LA_DB;
	db_bind_text(st, 1, login);
	r = db_step(st);
	db_finalize(st);
	if (r != DB_DONE)
		return db_fail(db, err, "associate");
	if (db_changes(db) > 0)
		return LA_OK;
	if (!(st = db_prepare(db, "INSERT INTO associate (name, full_name, role, registered) "
			      "VALUES (?1, ?2, 2, ?3)", "associate", err)))
		return LA_DB;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, os_full_name(login));
	db_bind_now(st, 3);
	r = db_step(st);
	db_finalize(st);
	return r == DB_DONE ? LA_OK : db_fail(db, err, "associate");
}

/* Version 0 to 1: a new database, or one made before lead management. */
/* The lead statuses of a database that had a leadstatus table of its own
 * (SuperOffice's): its statuses are kept, and the first active one in rank
 * order becomes the default; an empty table gets the defaults. */
static enum la_status keep_statuses(struct db *db, const char *language,
				    struct la_err *err)
{
	int n = pragma_int(db, "SELECT count(*) FROM leadstatus");
	sqlite3_stmt *st = NULL;

	if (n <= 0)
		return db_exec(db, schema_default_leadstatus(language), err);
	if (db_exec(db, "UPDATE leadstatus SET is_default = 1 WHERE leadstatus_id = "
		    "(SELECT leadstatus_id FROM leadstatus WHERE deleted = 0 "
		    "ORDER BY rank, leadstatus_id LIMIT 1)", err) != LA_OK)
		return LA_DB;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT name FROM leadstatus WHERE is_default = 1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, "leadstatus");
	if (sqlite3_step(st) == SQLITE_ROW)
		db_note(db, ngettext("leadstatus: its %d status is kept; '%s' is the default for new leads.",
				     "leadstatus: its %d statuses are kept; '%s' is the default for new leads.",
				     (unsigned long)n),
			n, (const char *)sqlite3_column_text(st, 0));
	else
		db_note(db, ngettext("leadstatus: its %d status is kept; none is active, so none is the default.",
				     "leadstatus: its %d statuses are kept; none is active, so none is the default.",
				     (unsigned long)n), n);
	sqlite3_finalize(st);
	return LA_OK;
}

/* Version 0 to 1: a new database, or one made before lead management. */
static enum la_status migrate_1(struct db *db, const char *language, bool *legacy,
				struct la_err *err)
{
	bool has_category = table_exists(db, "category");
	bool has_leadstatus = table_exists(db, "leadstatus");
	int tables = pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");

	if (!has_category && tables > 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: is not a CRM database (it has tables but no category table); it was left untouched"),
			       db_path(db));
	/* SuperOffice's own lead management (category_group,
	 * enable_lead_status, leadstatus) is a legacy shape like any other:
	 * its columns and statuses are kept, ours are added. */
	*legacy = has_category;
	if (*legacy && has_leadstatus)
		db_note(db, "%s", _("A database with lead management of its own: its data and its lead statuses are kept, and no default category is added (leadadmin add-defaults adds them)."));
	else if (*legacy)
		db_note(db, "%s", _("A database made before lead management: its data is kept, the lead status list arrives, and no default category is added (leadadmin add-defaults adds them)."));
	if (db_exec(db, embedded_schema_sql, err) != LA_OK)
		return LA_DB;
	if (*legacy && (add_legacy_columns(db, err) != LA_OK ||
			mend_nulls(db, "category", err) != LA_OK ||
			(has_leadstatus && mend_nulls(db, "leadstatus", err) != LA_OK)))
		return LA_DB;
	if (db_exec(db, embedded_indexes_sql, err) != LA_OK)
		return LA_DB;
	if (keep_statuses(db, language, err) != LA_OK)
		return LA_DB;
	/* Existing customers add or update categories themselves. */
	if (!*legacy && db_exec(db, schema_default_categories(language), err) != LA_OK)
		return LA_DB;
	return db_set_setting(db, "language", language, err);
}

/* How far the migrations of one upgrade got, in statements of their SQL
 * files: what its progress line shows (one upgrade at a time runs in a
 * process, so this is the file's). */
static struct {
	uint64_t done, total;
} steps;

/* The statements of sql, as sqlite3_complete tells them apart (a
 * trigger's body is one with its CREATE). */
static uint64_t count_statements(const char *sql)
{
	const char *start = sql;
	uint64_t n = 0;

	for (const char *p = sql; *p; p++) {
		char *s;

		if (*p != ';')
			continue;
		if (!(s = strndup(start, (size_t)(p - start) + 1)))
			abort();
		if (sqlite3_complete(s)) {
			n++;
			start = p + 1;
		}
		free(s);
	}
	return n;
}

/* The next statement of *tail, if any. */
static enum la_status run_step(struct db *db, const char **tail, struct la_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db_handle(db), *tail, -1, &st, tail) != SQLITE_OK)
		return db_fail(db, err, "upgrade");
	if (!st)
		return LA_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "upgrade");
	db_progress(db, ++steps.done, steps.total);
	return LA_OK;
}

/* During a long statement (a count of a million persons), the line goes
 * on: its rate and time left move. */
static int step_alive(void *arg)
{
	db_progress(arg, steps.done, steps.total);
	return 0;
}

/* Runs the statements of a migration's SQL one by one, each counted as a
 * step of the upgrade's progress. */
static enum la_status run_steps(struct db *db, const char *sql, struct la_err *err)
{
	const char *tail = sql;
	enum la_status rc = LA_OK;

	sqlite3_progress_handler(db_handle(db), 100000, step_alive, db);
	while (rc == LA_OK && *tail)
		rc = run_step(db, &tail, err);
	sqlite3_progress_handler(db_handle(db), 0, NULL, NULL);
	return rc;
}

/* Version 1 to 2: Marketing Premium (data/migrate-2.sql). */
static enum la_status migrate_2(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_2_sql, err) != LA_OK)
		return LA_DB;
	return db_exec(db,
		       "INSERT INTO audit (login, list, action, new_value) "
		       "SELECT name, 'schema', 'upgrade', 'version 2' FROM associate "
		       "WHERE role = 2 AND deleted = 0 ORDER BY associate_id LIMIT 1", err);
}

/* Version 2 to 3: name keys and usage counters (data/migrate-3.sql). */
static enum la_status migrate_3(struct db *db, struct la_err *err)
{
	return run_steps(db, embedded_migrate_3_sql, err);
}

/* Version 3 to 4: the list model (data/migrate-4.sql). */
static enum la_status migrate_4(struct db *db, struct la_err *err)
{
	return run_steps(db, embedded_migrate_4_sql, err);
}

/* Version 4 to 5: an index for each filter of the audit log, and one
 * that pages the contacts of a lead status (data/migrate-5.sql). */
static enum la_status migrate_5(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_5_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("audit: an index for each filter of the change log (leadadmin log --list)."));
	db_note(db, "%s", _("person: an index that reads the contacts of a lead status newest first, a page at a time (leads --status, the lead overview's contacts)."));
	return LA_OK;
}

/* Version 5 to 6: the lead overview's counts, kept by triggers
 * (data/migrate-6.sql), and filled from the rows (data/recount.sql). */
static enum la_status migrate_6(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_6_sql, err) != LA_OK ||
	    run_steps(db, embedded_recount_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("lead_tally: the lead overview's counts, kept with every change, so that the overview opens at once at any size."));
	return LA_OK;
}

/* Version 6 to 7: Lead categorization, SuperOffice's
 * AutomatedCategoryUpdate (data/migrate-7.sql). */
static enum la_status migrate_7(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_7_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("automated_category_update: the rules of Workflow > Lead categorization, all off."));
	db_note(db, "%s", _("sale_event: the sale events processed by leadadmin events, by their ids."));
	return LA_OK;
}

/* Version 7 to 8: user-group filtering and headings for Company – Category
 * (data/migrate-8.sql). */
static enum la_status migrate_8(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_8_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("heading, category_heading_link, category_group_link: headings and user-group filtering for Company – Category (off until turned on)."));
	return LA_OK;
}

/* Version 8 to 9: name keys per language for multi-language names
 * (data/migrate-9.sql). */
static enum la_status migrate_9(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_9_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("la_name_lang: a name key per language for names in SuperOffice's multi-language notation (US:\"Lead\";GE:\"Lead\"), so that no two items share a name in any one language."));
	return LA_OK;
}

/* Version 9 to 10: aliases of UTM values (data/migrate-10.sql). */
static enum la_status migrate_10(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_10_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("utm_alias: aliases that map variants of a UTM source, medium or campaign to one canonical value (none yet)."));
	return LA_OK;
}

/* Version 10 to 11: the deleted items of each list through an index
 * (data/migrate-11.sql), for the list screens' count. */
static enum la_status migrate_11(struct db *db, struct la_err *err)
{
	if (run_steps(db, embedded_migrate_11_sql, err) != LA_OK)
		return LA_DB;
	db_note(db, "%s", _("lists: an index of each list's deleted items, so that a list screen counts its items at any length without reading every row."));
	return LA_OK;
}

enum la_status schema_name_lang_keys(struct db *db, const char *table, int64_t id,
				     const char *name, struct la_err *err)
{
	static const char del[] = "DELETE FROM la_name_lang WHERE tbl = ?1 AND item = ?2";
	static const char ins[] = "INSERT INTO la_name_lang (tbl, item, lang, key) "
				  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
	struct mlname ml;
	struct db_stmt *st = db_stmt(db, del, err);

	if (!st)
		return LA_DB;
	db_bind_text(st, 1, table);
	db_bind_int64(st, 2, id);
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		return db_fail(db, err, table);
	}
	db_reset(st);
	if (!mlname_parse(name, &ml))
		return LA_OK;
	if (!(st = db_stmt(db, ins, err)))
		return LA_DB;
	for (size_t i = 0; i < ml.n; i++) {
		char *key = text_fold_trimmed(ml.v[i].value, ml.v[i].len);
		int r;

		db_bind_text(st, 1, table);
		db_bind_int64(st, 2, id);
		db_bind_text(st, 3, ml.v[i].code);
		db_bind_text(st, 4, key);
		r = db_step(st);
		db_reset(st);
		free(key);
		if (r != DB_DONE)
			return db_fail(db, err, table);
	}
	return LA_OK;
}

/* Rows of table (id its key column) whose la_name_key is NULL, a page at
 * a time in the order of their ids: written by another program, or
 * renamed without a new key. */
#define KEY_PAGE 512
struct keyless {
	int64_t id[KEY_PAGE];
	char *name[KEY_PAGE];
	size_t n;
};

static enum la_status keyless_page(struct db *db, const char *table, const char *id,
				   int64_t after, struct keyless *page, struct la_err *err)
{
	char q[200];
	struct db_stmt *st;
	int r;

	snprintf(q, sizeof q, "SELECT %s, name FROM %s WHERE la_name_key IS NULL AND %s > ?1 "
		 "ORDER BY %s LIMIT %d", id, table, id, id, KEY_PAGE);
	if (!(st = db_prepare(db, q, table, err)))
		return LA_DB;
	db_bind_int64(st, 1, after);
	page->n = 0;
	while ((r = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 1);

		page->id[page->n] = db_col_int64(st, 0);
		/* A row without a name keeps its NULL key. */
		if (!(page->name[page->n] = name ? strdup(name) : NULL) && name)
			abort();
		page->n++;
	}
	db_finalize(st);
	if (r == DB_DONE)
		return LA_OK;
	while (page->n)
		free(page->name[--page->n]);
	return db_fail(db, err, table);
}

/* The keys of rule 2 for every row of table without one: la_name_key,
 * and with lang, the keys per language of its multi-language names. */
static enum la_status fill_keys(struct db *db, const char *table, const char *id,
				bool lang, struct la_err *err)
{
	struct keyless *page = malloc(sizeof *page);
	struct db_stmt *set = NULL;
	enum la_status rc = LA_OK;
	int64_t after = INT64_MIN;
	char q[200];

	if (!page)
		abort();
	snprintf(q, sizeof q, "UPDATE %s SET la_name_key = ?1 WHERE %s = ?2", table, id);
	do {
		if ((rc = keyless_page(db, table, id, after, page, err)) != LA_OK)
			break;
		if (page->n && !set && !(set = db_prepare(db, q, table, err)))
			rc = LA_DB;
		for (size_t i = 0; i < page->n; i++) {
			char *key = NULL;

			if (rc == LA_OK && lang && page->name[i])
				rc = schema_name_lang_keys(db, table, page->id[i], page->name[i], err);
			if (rc == LA_OK && page->name[i]) {
				key = text_fold(page->name[i]);
				db_bind_text(set, 1, key);
				db_bind_int64(set, 2, page->id[i]);
				if (db_step(set) != DB_DONE)
					rc = db_fail(db, err, table);
				db_reset(set);
			}
			free(key);
			free(page->name[i]);
		}
		if (page->n)
			after = page->id[page->n - 1];
	} while (rc == LA_OK && page->n == KEY_PAGE);
	db_finalize(set);
	free(page);
	return rc;
}

enum la_status schema_refresh_name_keys(struct db *db, struct la_err *err)
{
	static const char check[] =
		"SELECT EXISTS (SELECT 1 FROM category WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM leadstatus WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM usergroup WHERE la_name_key IS NULL) "
		"OR EXISTS (SELECT 1 FROM contact WHERE la_name_key IS NULL)";
	struct db_stmt *st;
	bool stale = false, asked = false;

	if (db_readonly(db))
		return LA_OK;
	/* An import asks once: within its transaction only its own changes
	 * of the lists write, and each gives the row its key. */
	if (db_txn_marked(db, DB_MARK_NAME_KEYS))
		return LA_OK;
	/* Prepared once: every change of a list asks. */
	if ((st = db_stmt(db, check, NULL)) && (asked = db_step(st) == DB_ROW))
		stale = db_col_int(st, 0) != 0;
	if (st)
		db_reset(st);
	if (stale &&
	    (fill_keys(db, "category", "category_id", true, err) != LA_OK ||
	     fill_keys(db, "leadstatus", "leadstatus_id", true, err) != LA_OK ||
	     fill_keys(db, "usergroup", "usergroup_id", true, err) != LA_OK ||
	     fill_keys(db, "contact", "contact_id", false, err) != LA_OK))
		return err ? err->status : LA_DB;
	if (asked)
		db_txn_mark(db, DB_MARK_NAME_KEYS);
	return LA_OK;
}

/* The names that became one name in the upgrade (rows of migrate-4.sql),
 * as notes. */
static void note_collisions(struct db *db, int64_t since)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db_handle(db),
			       "SELECT json_extract(new_value, '$.list'), "
			       "(SELECT group_concat(quote(value), ', ') FROM "
			       "json_each(json_extract(a.new_value, '$.names'))) FROM audit a "
			       "WHERE audit_id > ? AND action = 'name-collision' ORDER BY audit_id",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, since);
	while (sqlite3_step(st) == SQLITE_ROW)
		db_note(db, _("%s: %s are one name now (Unicode compares them without regard to case); both are kept: rename one."),
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
}

/* The migrations from version on, in the open transaction. */
static enum la_status migrate(struct db *db, int version, const char *language,
			      const char *login, bool *legacy, struct la_err *err)
{
	int64_t since = version >= 1 ? pragma_int(db, "SELECT coalesce(max(audit_id), 0) FROM audit") : 0;
	/* The SQL that migration v + 2 runs (6 counts its recount too). */
	const char *const files[] = { embedded_migrate_2_sql, embedded_migrate_3_sql,
				      embedded_migrate_4_sql, embedded_migrate_5_sql,
				      embedded_migrate_6_sql, embedded_migrate_7_sql,
				      embedded_migrate_8_sql, embedded_migrate_9_sql,
				      embedded_migrate_10_sql, embedded_migrate_11_sql };

	_Static_assert(sizeof files / sizeof files[0] == DB_SCHEMA_VERSION - 1,
		       "a migration's SQL file for each version after 1");
	steps.done = steps.total = 0;
	for (int v = version < 1 ? 1 : version; v < DB_SCHEMA_VERSION; v++)
		steps.total += count_statements(files[v - 1]);
	if (version < 6)
		steps.total += count_statements(embedded_recount_sql);
	db_progress_stage(db, _("Upgrading"), PROGRESS_STEPS, steps.total);

	if ((version < 1 && migrate_1(db, language, legacy, err) != LA_OK) ||
	    /* Who administers it, before the audit rows that name him. */
	    schema_creator_admin(db, login, err) != LA_OK ||
	    (version < 1 && db_exec(db, "INSERT INTO audit (login, list, action, new_value) "
				    "SELECT name, 'schema', 'upgrade', 'version 1' FROM associate "
				    "WHERE role = 2 ORDER BY associate_id LIMIT 1", err) != LA_OK) ||
	    (version < 2 && migrate_2(db, err) != LA_OK) ||
	    (version < 3 && migrate_3(db, err) != LA_OK) ||
	    (version < 4 && migrate_4(db, err) != LA_OK) ||
	    (version < 5 && migrate_5(db, err) != LA_OK) ||
	    (version < 6 && migrate_6(db, err) != LA_OK) ||
	    (version < 7 && migrate_7(db, err) != LA_OK) ||
	    (version < 8 && migrate_8(db, err) != LA_OK) ||
	    (version < 9 && migrate_9(db, err) != LA_OK) ||
	    (version < 10 && migrate_10(db, err) != LA_OK) ||
	    (version < 11 && migrate_11(db, err) != LA_OK) ||
	    convert_cp1252(db, login, err) != LA_OK ||
	    schema_refresh_name_keys(db, err) != LA_OK)
		return err ? err->status : LA_DB;
	note_collisions(db, since);
	return LA_OK;
}

enum la_status schema_refuse_newer(struct db *db, int version, int known, struct la_err *err)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: was made by a newer leadadmin (schema version %d; this program knows up to %d); it was left untouched"),
		       db_path(db), version, known);
}

enum la_status schema_refuse_older(struct db *db, int version, int current, bool copy,
				   struct la_err *err)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: has schema version %d, this program uses %d; upgrade it with: leadadmin --db %s upgrade%s; nothing was changed"),
		       db_path(db), version, current, db_path(db),
		       copy ? _(" (a copy of the file is kept)") : "");
}

enum la_status schema_refuse_unknown(struct db *db, int version, struct la_err *err)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: unknown schema version %d; it was left untouched"),
		       db_path(db), version);
}

enum la_status schema_refuse_readonly(struct db *db, int current, struct la_err *err)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: needs an upgrade to schema version %d but is read-only"),
		       db_path(db), current);
}

enum la_status schema_upgrade(struct db *db, const char *language, const char *login,
			      int flags, bool *legacy, struct la_err *err)
{
	int version = pragma_int(db, "PRAGMA user_version");
	int tables = pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
	bool fresh = version == 0 && tables == 0;
	bool dry = (flags & DB_OPEN_DRY_RUN) != 0;
	int before;
	char sql[64];
	char *copy = NULL;

	*legacy = false;
	if ((version < 0 || tables < 0) && sqlite3_errcode(db_handle(db)) != SQLITE_OK)
		return db_fail(db, err, "user_version");
	if (version < 0)
		return schema_refuse_unknown(db, version, err);
	if (version > DB_SCHEMA_VERSION)
		return schema_refuse_newer(db, version, DB_SCHEMA_VERSION, err);
	if (version == DB_SCHEMA_VERSION)
		return LA_OK;
	if (version == 0 && tables > 0 && !table_exists(db, "category"))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: is not a CRM database (it has tables but no category table); it was left untouched"),
			       db_path(db));
	if (fresh && !(flags & DB_OPEN_CREATE))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: is empty; make a database there with: leadadmin --db %s init"),
			       db_path(db), db_path(db));
	/* Reading never writes: an older database changes only when asked. */
	if (!fresh && !(flags & DB_OPEN_UPGRADE) && version == 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: was made before lead management; upgrade it with: leadadmin --db %s upgrade (a copy of the file is kept); nothing was changed"),
			       db_path(db), db_path(db));
	if (!fresh && !(flags & DB_OPEN_UPGRADE))
		return schema_refuse_older(db, version, DB_SCHEMA_VERSION, true, err);
	if (db_readonly(db))
		return schema_refuse_readonly(db, DB_SCHEMA_VERSION, err);
	if (!schema_language_ok(language))
		language = "en";
	/* The old file is kept beside it before anything changes. */
	if (!fresh && !dry && backup_before_upgrade(db, version, &copy, err) != LA_OK)
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
		return schema_upgrade(db, language, login, flags, legacy, err);
	}
	if (fresh)
		db_note(db, _("A new database, schema version %d."), DB_SCHEMA_VERSION);
	else
		db_note(db, _("Schema version %d to %d."), version, DB_SCHEMA_VERSION);
	if (migrate(db, version, language, login, legacy, err) != LA_OK ||
	    (copy && backup_note(db, copy, login, err) != LA_OK)) {
		db_rollback(db);
		backup_discard(&copy);
		return err ? err->status : LA_DB;
	}
	if (copy)
		db_note(db, _("The old file is kept as %s."), copy);
	else if (dry && !fresh)
		db_note(db, "%s", _("A copy of the old file would be kept beside it."));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		 DB_SCHEMA_VERSION, APPLICATION_ID);
	if (db_exec(db, sql, err) != LA_OK) {
		db_rollback(db);
		backup_discard(&copy);
		return LA_DB;
	}
	if (dry) {
		db_rollback(db);
		return LA_OK;
	}
	if (db_commit(db, err) != LA_OK) {
		db_rollback(db);
		backup_discard(&copy);
		return LA_DB;
	}
	free(copy);
	return LA_OK;
}

/* leadadmin's schema on a PostgreSQL server: making it (data/pg/schema.sql)
 * and upgrading it (data/pg/migrate-N.sql), its version in the setting
 * schema.version (DB_PG_SCHEMA_VERSION). */
#include "config.h"
#include "schema.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "embedded.h"
#include "i18n.h"
#include "schema_impl.h"

/* The migration of each server version after DB_PG_SCHEMA_FIRST, from
 * version N - 1 to N: its SQL (one transaction with the rest of the
 * upgrade; PostgreSQL's DDL is transactional) and what it says it did. */
static const struct {
	const char *sql;
	const char *note;
} migrations[] = {
	/* 12 */ { embedded_pg_migrate_12_sql,
		   N_("Kept counts: a new lead's tallies in one upsert, and new companies, contacts and UTM rows counted once per statement (AFTER STATEMENT triggers); the index utm_parameters_person is (created_person_id, utm_parameters_id) and person_leadstatus_registered (leadstatus_id, registered, person_id); other sessions are notified once per statement. The counts stay as they were.") },
	/* 13 */ { embedded_pg_migrate_13_sql,
		   N_("Kept counts: the triggers on new persons, companies and UTM rows look each new row up by its key, also for a statement of some hundred rows. The counts stay as they were.") },
};

_Static_assert(sizeof migrations / sizeof migrations[0] ==
	       DB_PG_SCHEMA_VERSION - DB_PG_SCHEMA_FIRST,
	       "a data/pg/migrate-N.sql for each server version after the first");

/* The change log's row of a new or upgraded schema, as SQLite writes it. */
static enum la_status audit_version(struct db *db, const char *login, struct la_err *err)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO audit (login, list, action, new_value) "
					"VALUES (?1, 'schema', 'upgrade', ?2)", "audit", err);
	char audit[32];
	int r;

	if (!st)
		return LA_DB;
	snprintf(audit, sizeof audit, "version %d", DB_PG_SCHEMA_VERSION);
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, audit);
	r = db_step(st);
	db_finalize(st);
	return r == DB_DONE ? LA_OK : db_fail(db, err, "audit");
}

static enum la_status set_version(struct db *db, struct la_err *err)
{
	char version[16];

	snprintf(version, sizeof version, "%d", DB_PG_SCHEMA_VERSION);
	return db_set_setting(db, "schema.version", version, err);
}

enum la_status schema_make_server(struct db *db, const char *language, const char *login,
				  struct la_err *err)
{
	enum la_status rc;

	if (!schema_language_ok(language))
		language = "en";
	if (db_begin(db, err) != LA_OK)
		return LA_DB;
	db_note(db, _("A new database, schema version %d."), DB_PG_SCHEMA_VERSION);
	rc = db_exec(db, embedded_pg_schema_sql, err);
	if (rc == LA_OK)
		rc = db_exec(db, schema_default_leadstatus(language), err);
	if (rc == LA_OK)
		rc = db_exec(db, schema_default_categories(language), err);
	if (rc == LA_OK)
		rc = db_set_setting(db, "language", language, err);
	if (rc == LA_OK)
		rc = schema_creator_admin(db, login, err);
	if (rc == LA_OK)
		rc = schema_refresh_name_keys(db, err);
	if (rc == LA_OK)
		rc = set_version(db, err);
	/* The change log begins with the making, as on SQLite. */
	if (rc == LA_OK)
		rc = audit_version(db, login, err);
	if (rc != LA_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

/* The database's schema version in *version. */
static enum la_status read_version(struct db *db, int *version, struct la_err *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT value FROM setting WHERE key = 'schema.version'",
					"schema", err);
	enum la_status rc = LA_OK;
	char *end;
	long v = 0;
	int r;

	if (!st)
		return LA_DB;
	r = db_step(st);
	if (r == DB_ROW) {
		const char *text = db_col_text(st, 0);

		errno = 0;
		v = strtol(text, &end, 10);
		if (errno || end == text || *end || v < 0 || v > 1000000)
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: its schema version '%s' is not a number; it was left untouched"),
				     db_path(db), text);
	} else if (r == DB_DONE) {
		rc = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("%s: is not a leadadmin database (it has tables but no schema version); it was left untouched"),
			     db_path(db));
	} else {
		rc = db_fail(db, err, "schema");
	}
	db_finalize(st);
	*version = (int)v;
	return rc;
}

/* Only the owner of the tables (or a member of its role, or a superuser)
 * may change them and their functions: anyone else is refused before
 * anything is tried. */
static enum la_status check_owner(struct db *db, struct la_err *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT CAST(pg_has_role(current_user, c.relowner, 'USAGE') AS integer), "
					"pg_get_userbyid(c.relowner), current_user "
					"FROM pg_class c WHERE c.oid = to_regclass('setting')",
					"setting", err);
	enum la_status rc = LA_OK;

	if (!st)
		return LA_DB;
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, "setting");
	else if (db_col_int(st, 0) != 1)
		rc = la_fail(err, LA_DENIED, LA_FIELD_NONE,
			     _("%s: only the owner of its tables (%s) can upgrade it, and this connection's role is %s; nothing was changed"),
			     db_path(db), db_col_text(st, 1), db_col_text(st, 2));
	db_finalize(st);
	return rc;
}

/* The migrations after version, in the open transaction, one step of the
 * progress each. */
static enum la_status migrate(struct db *db, int version, struct la_err *err)
{
	uint64_t total = (uint64_t)(DB_PG_SCHEMA_VERSION - version), done = 0;

	db_progress_stage(db, _("Upgrading"), PROGRESS_STEPS, total);
	for (int v = version + 1; v <= DB_PG_SCHEMA_VERSION; v++) {
		if (db_exec(db, migrations[v - DB_PG_SCHEMA_FIRST - 1].sql, err) != LA_OK)
			return LA_DB;
		db_note(db, "%s", _(migrations[v - DB_PG_SCHEMA_FIRST - 1].note));
		db_progress(db, ++done, total);
	}
	return LA_OK;
}

enum la_status schema_upgrade_server(struct db *db, const char *login, int flags,
				     struct la_err *err)
{
	int version, before;

	if (read_version(db, &version, err) != LA_OK)
		return LA_DB;
	if (version < DB_PG_SCHEMA_FIRST)
		return schema_refuse_unknown(db, version, err);
	if (version > DB_PG_SCHEMA_VERSION)
		return schema_refuse_newer(db, version, DB_PG_SCHEMA_VERSION, err);
	if (version == DB_PG_SCHEMA_VERSION)
		return LA_OK;
	/* Reading never writes: an older database changes only when asked.
	 * A server keeps no copy of it (pg_dump makes one: README). */
	if (!(flags & DB_OPEN_UPGRADE))
		return schema_refuse_older(db, version, DB_PG_SCHEMA_VERSION, false, err);
	if (db_readonly(db))
		return schema_refuse_readonly(db, DB_PG_SCHEMA_VERSION, err);
	if (check_owner(db, err) != LA_OK || db_begin(db, err) != LA_OK)
		return err ? err->status : LA_DB;
	/* Two upgrades take turns; the second then finds the version the
	 * first left (each statement sees the last commit) and goes on from
	 * there. The lock is the database's own, not a row's: a row lock
	 * would hold setting against the first one's DDL on it, a deadlock. */
	before = version;
	if (db_exec(db, "SELECT pg_advisory_xact_lock(hashtext('leadadmin.upgrade'))", err) != LA_OK ||
	    read_version(db, &version, err) != LA_OK) {
		db_rollback(db);
		return LA_DB;
	}
	if (version != before) {
		db_rollback(db);
		return schema_upgrade_server(db, login, flags, err);
	}
	db_note(db, _("Schema version %d to %d."), version, DB_PG_SCHEMA_VERSION);
	if (migrate(db, version, err) != LA_OK || set_version(db, err) != LA_OK ||
	    audit_version(db, login, err) != LA_OK) {
		db_rollback(db);
		return err ? err->status : LA_DB;
	}
	if (flags & DB_OPEN_DRY_RUN) {
		db_rollback(db);
		return LA_OK;
	}
	return db_commit(db, err);
}

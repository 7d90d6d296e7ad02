/* Creating and upgrading the schema (PRAGMA user_version), each step in one
 * transaction. Called by db_open. */
#ifndef LA_SCHEMA_H
#define LA_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* Makes a new database (flags DB_OPEN_CREATE, an empty file), or brings an
 * older one to DB_SCHEMA_VERSION (DB_OPEN_UPGRADE; with DB_OPEN_DRY_RUN
 * all of it is undone at the end), saying what it did in db_note()s; any
 * other older database is refused untouched, with the command that
 * upgrades it. A new database gets the defaults in language; login (the
 * acting user) becomes its General administrator (of an upgraded one only
 * when it has none) and is named in the audit row of the copy kept before
 * an upgrade; *legacy tells whether a pre-lead-management database was
 * upgraded. A newer schema than this program knows is refused untouched. */
enum la_status schema_upgrade(struct db *db, const char *language, const char *login,
			      int flags, bool *legacy, struct la_err *err);

/* Makes leadadmin's schema in db, an empty PostgreSQL database
 * (data/pg/schema.sql), with what a new SQLite database has: the default
 * lists in language, the language, login as its General administrator,
 * and its version (the setting schema.version, DB_PG_SCHEMA_VERSION), in
 * one transaction. */
enum la_status schema_make_server(struct db *db, const char *language, const char *login,
				  struct la_err *err);
/* schema_upgrade of a PostgreSQL database with leadadmin's schema: one of
 * an older version (from DB_PG_SCHEMA_FIRST) is refused untouched, with
 * the command that upgrades it, unless flags has DB_OPEN_UPGRADE; then
 * data/pg/migrate-N.sql bring it to DB_PG_SCHEMA_VERSION in one
 * transaction (undone with DB_OPEN_DRY_RUN) with the change log's row of
 * login, saying what they did in db_note()s. Only the owner of its tables
 * may upgrade it; a second upgrade at the same time waits for the first
 * and then finds nothing to do. A newer or unknown version is refused
 * untouched. */
enum la_status schema_upgrade_server(struct db *db, const char *login, int flags,
				     struct la_err *err);
/* Fills the name keys that another program emptied (see migrate-3.sql);
 * for a write transaction. */
enum la_status schema_refresh_name_keys(struct db *db, struct la_err *err);
/* Writes the keys per language of item id of table (rule 2) for name:
 * none for a plain name, one per language for a multi-language one. */
enum la_status schema_name_lang_keys(struct db *db, const char *table, int64_t id,
				     const char *name, struct la_err *err);

/* The language of a database whose default items have their names in
 * English and German, in SuperOffice's multi-language notation. */
#define SCHEMA_EN_DE "en,de"
/* True for a database language: "en", "de" or SCHEMA_EN_DE. */
bool schema_language_ok(const char *language);

/* The default items of language ("en", "de", SCHEMA_EN_DE) as SQL (INSERT
 * statements). */
const char *schema_default_categories(const char *language);
const char *schema_default_leadstatus(const char *language);

#endif

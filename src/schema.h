/* Creating and upgrading the schema (PRAGMA user_version), each step in one
 * transaction. Called by db_open. */
#ifndef LA_SCHEMA_H
#define LA_SCHEMA_H

#include <stdbool.h>

#include "db.h"

/* Brings db to DB_SCHEMA_VERSION. A new database gets the defaults in
 * language; login (the acting user) becomes its General administrator and
 * is named in the audit row of the copy kept before an upgrade; *legacy
 * tells whether a pre-lead-management database was upgraded. A newer
 * schema than this program knows is refused untouched. */
enum la_status schema_upgrade(struct db *db, const char *language, const char *login,
			      bool *legacy, struct la_err *err);

/* Fills the name keys that another program emptied (see migrate-3.sql). */
enum la_status schema_refresh_name_keys(struct db *db, struct la_err *err);

/* The default items of language ("en"/"de") as SQL (INSERT statements). */
const char *schema_default_categories(const char *language);
const char *schema_default_leadstatus(const char *language);

#endif

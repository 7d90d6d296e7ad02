/* What src/schema.c (SQLite's schema) and src/schema_server.c
 * (PostgreSQL's) share: only they include this. */
#ifndef LA_SCHEMA_IMPL_H
#define LA_SCHEMA_IMPL_H

#include <stdbool.h>

#include "db.h"

/* The login that makes a database, or upgrades one without an active
 * General administrator, becomes its General administrator; a note says
 * who administers it. */
enum la_status schema_creator_admin(struct db *db, const char *login, struct la_err *err);

/* The refusals of a database of schema version that this program
 * (current, or known up to) does not use as it is; each says that it was
 * left untouched. copy: an upgrade keeps a copy of the old file. */
enum la_status schema_refuse_newer(struct db *db, int version, int known, struct la_err *err);
enum la_status schema_refuse_older(struct db *db, int version, int current, bool copy,
				   struct la_err *err);
enum la_status schema_refuse_unknown(struct db *db, int version, struct la_err *err);
enum la_status schema_refuse_readonly(struct db *db, int current, struct la_err *err);

#endif

/* The audit log: one row for every change, in the change's transaction. */
#ifndef LA_AUDIT_H
#define LA_AUDIT_H

#include <stdint.h>

#include "actor.h"
#include "db.h"

/* Writes a row: who (actor), which list (table name) and item, the action
 * ("add", "edit", "delete", ...) and the old and new values (JSON or NULL). */
enum la_status audit_write(struct db *db, const struct la_actor *actor,
			   const char *list, int64_t item_id, const char *action,
			   const char *old_value, const char *new_value,
			   struct la_err *err);

/* A batch: from audit_batch_begin on, audit_write keeps the rows of db
 * and writes them AUDIT_BATCH at a time, in their order, each with the
 * time it was given (on PostgreSQL, for a login that does not own the
 * tables, the trigger la_audit_who gives a row the time it is written). For one transaction that writes many rows and
 * reads none: audit_batch_flush writes the rest (before the rows are
 * read or committed), audit_batch_end drops what was not written (after a
 * failure, the transaction is rolled back) and ends the batch. */
#define AUDIT_BATCH 32
void audit_batch_begin(struct db *db);
enum la_status audit_batch_flush(struct db *db, struct la_err *err);
void audit_batch_end(struct db *db);

/* The id of the newest audit row (0 when there is none): what came after
 * it is what a change wrote. */
enum la_status audit_last_id(struct db *db, int64_t *id, struct la_err *err);

#endif

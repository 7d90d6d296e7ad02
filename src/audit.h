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

/* The id of the newest audit row (0 when there is none): what came after
 * it is what a change wrote. */
enum la_status audit_last_id(struct db *db, int64_t *id, struct la_err *err);

#endif

/* What lists.c and lists_ops.c share; not for other modules. */
#ifndef LA_LISTS_IMPL_H
#define LA_LISTS_IMPL_H

#include "lists.h"

/* The id of the item called name (case-insensitively, deleted included),
 * other than except; 0 when there is none. */
int64_t lists_id_by_name(struct db *db, enum la_list list, const char *name,
			 int64_t except, bool *deleted);
/* The item as JSON for the audit log (caller frees). */
char *lists_item_json(const struct la_item *it);
/* Opens a list change's transaction and checks the actor's rights. */
enum la_status lists_begin(struct db *db, const struct la_actor *actor,
			   struct la_err *err);
/* Commits when rc is LA_OK, else rolls back; returns the outcome. */
enum la_status lists_end(struct db *db, enum la_status rc, struct la_err *err);
/* Makes id the only active default (inside a transaction), bumping the
 * items whose flag changes. */
enum la_status lists_make_default(struct db *db, const struct la_actor *actor,
				  int64_t id, struct la_err *err);

#endif

/* Export of both lists as JSON, and import (an upsert by name in one
 * transaction). The format is described in the README. */
#ifndef LA_PORTING_H
#define LA_PORTING_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "lists.h"
#include "rights.h"

#define PORTING_FORMAT "leadadmin-lists"
/* Version 2 has every list; version 1 files (the two lead lists) are still
 * imported. */
#define PORTING_VERSION 2

/* What porting_import does besides importing. */
enum porting_flags {
	PORTING_DRY_RUN = 1 << 0, /* check and plan everything, change nothing */
	PORTING_REPLACE = 1 << 1, /* delete the items the file does not name */
};

/* Every list, deleted items included, in rank order (caller frees). */
enum la_status porting_export(struct db *db, char **json, struct la_err *err);

struct porting_plan {
	char **lines;  /* one line for each change (each audit row it writes),
			  with the fields it changes, old -> new */
	size_t n;
	int added, updated, unchanged;  /* items of the file */
};

/* Imports text. Every item is checked by the domain's rules; any invalid
 * item, a member its list does not have, or a caution without confirm,
 * changes nothing and names the item. The plan is what the import did:
 * with PORTING_DRY_RUN it is made the same way and then rolled back, so
 * that a dry run says exactly what the import would do. */
enum la_status porting_import(struct db *db, const struct la_actor *actor,
			      const char *text, size_t len, unsigned flags,
			      enum la_confirm confirm, struct porting_plan *plan,
			      struct la_err *err);
void porting_plan_free(struct porting_plan *plan);

#endif

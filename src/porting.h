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
#define PORTING_VERSION 1

/* Both lists, deleted items included, in rank order (caller frees). */
enum la_status porting_export(struct db *db, char **json, struct la_err *err);

struct porting_plan {
	char **lines;  /* one line per item: what the import does with it */
	size_t n;
	int added, updated, unchanged;
};

/* Imports text. Every item is checked by the domain's rules; any invalid
 * item, or a caution without confirm, changes nothing and names the item.
 * With dry_run everything is checked and planned, then rolled back. */
enum la_status porting_import(struct db *db, const struct la_actor *actor,
			      const char *text, size_t len, bool dry_run,
			      enum la_confirm confirm, struct porting_plan *plan,
			      struct la_err *err);
void porting_plan_free(struct porting_plan *plan);

#endif

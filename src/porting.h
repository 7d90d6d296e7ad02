/* Export of both lists as JSON, and import (an upsert by name in one
 * transaction). The format is described in the README. */
#ifndef LA_PORTING_H
#define LA_PORTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

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

/* Every list, deleted items included, in rank order, written to out as
 * each item is read (one read transaction); write errors are out's. */
enum la_status porting_export_to(struct db *db, FILE *out, struct la_err *err);
/* The same into memory (caller frees). */
enum la_status porting_export(struct db *db, char **json, struct la_err *err);

struct porting_plan {
	char **lines;  /* one line for each change (each audit row it writes),
			  with the fields it changes, old -> new; NULL when
			  they went to a porting_line_fn */
	size_t n;      /* lines */
	size_t notes;  /* of them, notes ("note: ...") rather than changes */
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

/* Puts up to len bytes of the file into buf: how many, 0 at its end, -1
 * (errno set) when reading failed. */
typedef ssize_t (*porting_read_fn)(void *arg, char *buf, size_t len);
/* Gets each line of the plan in turn (valid during the call only). */
typedef void (*porting_line_fn)(const char *line, void *arg);

/* The same import reading its file through read, a value at a time, each
 * item applied as it is read, in the one transaction: memory holds one
 * item, not the file, nor the plan when line is given, which then gets
 * each line of the plan once the import holds (a dry run's before it is
 * rolled back). The lists are applied in the file's order. A check that
 * needs the whole file asks the database: a name given twice is the one
 * item the earlier of them matched or added. */
enum la_status porting_import_from(struct db *db, const struct la_actor *actor,
				   porting_read_fn read, void *read_arg, unsigned flags,
				   enum la_confirm confirm, porting_line_fn line, void *line_arg,
				   struct porting_plan *plan, struct la_err *err);

#endif

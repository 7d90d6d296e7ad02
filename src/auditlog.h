/* Reading the audit log back: who changed what and when, with the
 * changed fields spelled out, for `leadadmin log` and the Change log
 * screen. */
#ifndef LA_AUDITLOG_H
#define LA_AUDITLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

/* How many rows a caller gets when it asks for no particular limit. */
#define AUDITLOG_DEFAULT_LIMIT 1000

struct auditlog_row {
	int64_t id;
	const char *at;       /* "YYYY-MM-DD HH:MM:SS", UTC */
	const char *login;
	const char *list;     /* as stored: "category", "leadstatus", "associate", ... */
	int64_t item_id;      /* 0: the change is not about one item */
	const char *item;     /* the item's current name; "" when none or gone */
	const char *action;
	const char *old_value; /* JSON as stored, or NULL */
	const char *new_value;
	const char *changes;  /* "name: Lead → Leads; lead_status: true → false" */
	/* With auditlog_query.json (else NULL): the values as
	 * auditvalue_json writes them. */
	const char *old_json, *new_json;
};

/* Which rows: at or after since ("YYYY-MM-DD HH:MM:SS" or NULL), of list
 * (a stored list name or NULL), newest first, at most limit (0: all).
 * Each combination reads through an index (data/indexes.sql,
 * data/migrate-5.sql). json asks for the values as JSON too, read once
 * for both. */
struct auditlog_query {
	const char *since;
	const char *list;
	size_t limit;
	bool json;  /* fill old_json and new_json */
};

/* Called with each row in turn; its strings are valid until it returns.
 * Returning false stops the reading (auditlog_each then gives LA_OK). */
typedef bool auditlog_fn(void *ctx, const struct auditlog_row *row);

/* Steps through the rows of q, one at a time: nothing is held, so a log of
 * any length costs the same memory. */
enum la_status auditlog_each(struct db *db, const struct auditlog_query *q,
			     auditlog_fn *fn, void *ctx, struct la_err *err);

/* The widest cell of the rows of q in each column (text_width), found by
 * the database without reading the rows out: what a table needs before
 * its first line. The item column holds the name, else "#id", else
 * nothing, as a table shows it. */
struct auditlog_widths {
	int at, login, item, action;
};
/* Fills w, and calls each_list with each list that the rows of q name
 * (once each), for a column that shows a label per list. Run it in the
 * read transaction of the auditlog_each that follows, so that both see
 * the same rows. */
enum la_status auditlog_widths(struct db *db, const struct auditlog_query *q,
			       struct auditlog_widths *w,
			       void (*each_list)(void *ctx, const char *list), void *ctx,
			       struct la_err *err);

/* The SQL that auditlog_each runs for q (static), for EXPLAIN QUERY PLAN
 * in the tests. */
const char *auditlog_sql(const struct auditlog_query *q);

/* The rows of since, list and limit (as in struct auditlog_query) copied
 * into an array, for a screen that shows a bounded number of them. */
enum la_status auditlog_load(struct db *db, const char *since, const char *list,
			     size_t limit, struct auditlog_row **rows, size_t *n,
			     struct la_err *err);
void auditlog_free(struct auditlog_row *rows, size_t n);
/* Frees the rows after the first keep and sets *n to at most keep. */
void auditlog_truncate(struct auditlog_row *rows, size_t *n, size_t keep);

/* Reads a date given by a person: YYYY-MM-DD, optionally with a time
 * (" HH:MM" or " HH:MM:SS", or "T" instead of the blank), into out as
 * "YYYY-MM-DD HH:MM:SS". False when it is not such a date. */
bool auditlog_parse_since(const char *in, char out[20]);

/* The stored list name for a name on the command line ("category",
 * "lead-status", "user", "usergroup", "licence", "marketing", "schema";
 * the stored names are accepted too), or NULL. */
const char *auditlog_list_key(const char *name);
/* The command-line name of a stored list name (itself when unknown). */
const char *auditlog_list_name(const char *key);
/* A translated label for a stored list name ("Lead status"). */
const char *auditlog_list_label(const char *key);
/* The names auditlog_list_key knows, for messages: "category, ...". */
const char *auditlog_list_names(void);

#endif

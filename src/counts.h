/* The counts that the screens keep instead of counting rows: the list
 * screens' in-use counts (usage_count) and the lead overview's
 * (lead_tally, lead_company). Triggers keep them in the transaction of each
 * change (data/migrate-3.sql, data/migrate-6.sql); these make them again
 * from the rows, and tell whether they are what a count gives. */
#ifndef LA_COUNTS_H
#define LA_COUNTS_H

#include <stddef.h>

#include "actor.h"
#include "db.h"
#include "status.h"

enum counts_table {
	COUNTS_USAGE,    /* usage_count */
	COUNTS_LEADS,    /* lead_tally */
	COUNTS_COMPANY,  /* lead_company */
	COUNTS_TABLES
};

struct counts_report {
	/* Rows of each table that differ from a count: kept but not counted,
	 * counted but not kept, or kept with other numbers (a row with no
	 * count at all is as good as none). */
	long differ[COUNTS_TABLES];
};

/* "usage_count", "lead_tally", "lead_company". */
const char *counts_table_name(enum counts_table t);

/* Counts again, into temporary tables (nothing is written to the
 * database, so a read-only one can be checked too), and compares. */
enum la_status counts_check(struct db *db, struct counts_report *out, struct la_err *err);

/* Makes the kept counts again from the rows, in the caller's write
 * transaction; *changed (if not NULL) gets how many rows differed
 * before. */
enum la_status counts_rebuild(struct db *db, long *changed, struct la_err *err);

/* `leadadmin recount`: counts_rebuild in a transaction of its own, for
 * someone who may change the lists, with an audit row (list "schema",
 * action "recount") that says how many rows differed. */
enum la_status counts_recount(struct db *db, const struct la_actor *actor, long *changed,
			      struct la_err *err);

#endif

#include "config.h"
#include "counts.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "embedded.h"
#include "i18n.h"
#include "rights.h"

/* The columns that are a table's key and numbers, and the rows that count
 * (one of only zeros is as good as none). */
static const struct {
	const char *name, *key, *cols, *counted;
} tables[COUNTS_TABLES] = {
	[COUNTS_USAGE] = { "usage_count", "list, item_id", "list, item_id, companies, contacts",
			   "companies <> 0 OR contacts <> 0" },
	[COUNTS_LEADS] = { "lead_tally", "dim, kind, item, value",
			   "dim, kind, item, value, contacts, companies",
			   "contacts <> 0 OR companies <> 0" },
	[COUNTS_COMPANY] = { "lead_company", "contact_id", "contact_id, leads", "leads <> 0" },
};

const char *counts_table_name(enum counts_table t)
{
	return tables[t].name;
}

/* How many keys of the tables T and temporary T have rows that differ,
 * into *n. */
static enum la_status differ(struct db *db, enum counts_table t, long *n, struct la_err *err)
{
	char sql[1024];
	struct db_stmt *st = NULL;
	enum la_status rc = LA_OK;

	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM ("
		 "SELECT %4$s FROM (SELECT %1$s FROM %5$s.%2$s WHERE %3$s "
		 "EXCEPT SELECT %1$s FROM %6$s.%2$s WHERE %3$s) AS a UNION "
		 "SELECT %4$s FROM (SELECT %1$s FROM %6$s.%2$s WHERE %3$s "
		 "EXCEPT SELECT %1$s FROM %5$s.%2$s WHERE %3$s) AS b) AS d",
		 tables[t].cols, tables[t].name, tables[t].counted, tables[t].key,
		 db_main_schema(db), db_temp_schema(db));
	if (!(st = db_prepare(db, sql, tables[t].name, err)))
		return LA_DB;
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, tables[t].name);
	else
		*n = (long)db_col_int64(st, 0);
	db_finalize(st);
	return rc;
}

static void drop_temp(struct db *db)
{
	char sql[128];

	for (int t = 0; t < COUNTS_TABLES; t++) {
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s.%s", db_temp_schema(db),
			 tables[t].name);
		db_exec(db, sql, NULL);
	}
}

/* The count, into temporary tables of the same names: data/recount.sql
 * names its tables without a schema, and a temporary table comes first. */
static enum la_status count_into_temp(struct db *db, struct la_err *err)
{
	char sql[256];

	drop_temp(db);
	for (int t = 0; t < COUNTS_TABLES; t++) {
		snprintf(sql, sizeof sql, "CREATE TEMP TABLE %1$s AS SELECT * FROM %2$s.%1$s LIMIT 0",
			 tables[t].name, db_main_schema(db));
		if (db_exec(db, sql, err) != LA_OK)
			return LA_DB;
	}
	return db_exec(db, embedded_recount_sql, err);
}

/* The count into the temporary tables, compared with the kept one; the
 * temporary tables stay for the caller. */
static enum la_status compare(struct db *db, struct counts_report *out, struct la_err *err)
{
	enum la_status rc = count_into_temp(db, err);

	memset(out, 0, sizeof(*out));
	for (int t = 0; rc == LA_OK && t < COUNTS_TABLES; t++)
		rc = differ(db, (enum counts_table)t, &out->differ[t], err);
	return rc;
}

enum la_status counts_check(struct db *db, struct counts_report *out, struct la_err *err)
{
	enum la_status rc;
	bool started;

	memset(out, 0, sizeof(*out));
	/* One snapshot for the count and the comparison. */
	if ((rc = db_read_begin(db, &started, err)) != LA_OK)
		return rc;
	rc = compare(db, out, err);
	drop_temp(db);
	db_read_end(db, started);
	return rc;
}

enum la_status counts_rebuild(struct db *db, long *changed, struct la_err *err)
{
	struct counts_report r;
	enum la_status rc = compare(db, &r, err);
	char sql[256];

	/* The count just made becomes the kept one: rows are counted once. */
	for (int t = 0; rc == LA_OK && t < COUNTS_TABLES; t++) {
		snprintf(sql, sizeof sql, "DELETE FROM %2$s.%1$s; INSERT INTO %2$s.%1$s SELECT * FROM %3$s.%1$s",
			 tables[t].name, db_main_schema(db), db_temp_schema(db));
		rc = db_exec(db, sql, err);
	}
	drop_temp(db);
	if (rc == LA_OK && changed) {
		*changed = 0;
		for (int t = 0; t < COUNTS_TABLES; t++)
			*changed += r.differ[t];
	}
	return rc;
}

enum la_status counts_recount(struct db *db, const struct la_actor *actor, long *changed,
			      struct la_err *err)
{
	char value[64];
	enum la_status rc;
	long n = 0;

	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	if ((rc = rights_check_lists(db, actor, err)) == LA_OK &&
	    (rc = counts_rebuild(db, &n, err)) == LA_OK) {
		snprintf(value, sizeof value, "{\"rows_differed\":%ld}", n);
		rc = audit_write(db, actor, "schema", 0, "recount", NULL, value, err);
	}
	if (changed)
		*changed = n;
	if (rc == LA_OK)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

/* floor: the per-row floor of tests/bench/run.sh. Inserts the rows of a
 * staging database (tables contact, person, email, form_submission,
 * utm_parameters, as `submit` made them) into DB one row at a time, with
 * one prepared INSERT per table (prepared once, bound and stepped per row),
 * in one transaction: what any program must pay to insert those rows one
 * by one, with nothing else to do. Same SQLite library, same connection
 * set-up as leadadmin (foreign keys on, WAL, synchronous = FULL).
 *
 *   floor DB ROWS.db
 *
 * Built by run.sh with $CC and -lsqlite3. */
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>

static const char *const tables[] = {
	"contact", "person", "email", "form_submission", "utm_parameters",
};

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	size_t t;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DB ROWS.db\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return fail(db, argv[1]);
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
			 "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "pragma");
	{
		char *sql = sqlite3_mprintf("ATTACH %Q AS r", argv[2]);
		int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return fail(db, "attach");
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "begin");
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		sqlite3_stmt *rd, *wr;
		char *sql;
		int cols, c, rc;

		sql = sqlite3_mprintf("SELECT * FROM r.\"%w\" ORDER BY rowid", tables[t]);
		rc = sqlite3_prepare_v2(db, sql, -1, &rd, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return fail(db, tables[t]);
		cols = sqlite3_column_count(rd);
		{
			/* INSERT INTO main.T VALUES (?, ?, ...) */
			sqlite3_str *s = sqlite3_str_new(db);

			sqlite3_str_appendf(s, "INSERT INTO main.\"%w\" VALUES (", tables[t]);
			for (c = 0; c < cols; c++)
				sqlite3_str_appendall(s, c ? ", ?" : "?");
			sqlite3_str_appendall(s, ")");
			sql = sqlite3_str_finish(s);
		}
		rc = sqlite3_prepare_v2(db, sql, -1, &wr, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return fail(db, tables[t]);
		while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
			for (c = 0; c < cols; c++)
				sqlite3_bind_value(wr, c + 1, sqlite3_column_value(rd, c));
			if (sqlite3_step(wr) != SQLITE_DONE)
				return fail(db, tables[t]);
			sqlite3_reset(wr);
		}
		if (rc != SQLITE_DONE)
			return fail(db, tables[t]);
		sqlite3_finalize(rd);
		sqlite3_finalize(wr);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "commit");
	if (sqlite3_close(db) != SQLITE_OK)
		return fail(db, "close");
	return 0;
}

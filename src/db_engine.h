/* What an engine of the store implements for its statements. Only the
 * store's own files include this: the domain sees struct db_stmt as an
 * opaque type and calls the db_* functions of db.h, which pass each call
 * to the statement's engine. The embedded engine is SQLite (db.c); the
 * server engine is PostgreSQL through libpq (db_pg.c). */
#ifndef LA_DB_ENGINE_H
#define LA_DB_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* The kind of a column's value in the current row. */
enum db_kind {
	DB_KIND_NULL,
	DB_KIND_INTEGER,
	DB_KIND_OTHER, /* text, real, blob */
};

struct db_stmt_ops {
	enum db_step (*step)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	/* reset, and every parameter NULL again */
	void (*clear)(struct db_stmt *st);
	void (*bind_int64)(struct db_stmt *st, int param, int64_t v);
	/* len bytes of text (no NUL among them); copy: the engine keeps a
	 * copy, else the caller's text lives until the reset. */
	void (*bind_text)(struct db_stmt *st, int param, const char *text, size_t len,
			  bool copy);
	void (*bind_null)(struct db_stmt *st, int param);
	int64_t (*col_int64)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	enum db_kind (*col_kind)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st);
	/* the name of column col as the statement gives it */
	const char *(*col_name)(struct db_stmt *st, int col);
	void (*finalize)(struct db_stmt *st);
};

/* Every engine's statement begins with this. */
struct db_stmt {
	const struct db_stmt_ops *ops;
};

#endif

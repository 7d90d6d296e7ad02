#include "config.h"
#include "db.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_engine.h"
#include "db_pg.h"
#include "dbfile.h"
#include "i18n.h"
#include "mlname.h"
#include "schema.h"
#include "text.h"

#define STMT_CACHE_MIN 128 /* slots at first; a power of two */
#define BUSY_TIMEOUT_MS 5000

/* A statement of the SQLite engine. */
struct lite_stmt {
	struct db_stmt base;
	sqlite3_stmt *s;
};

struct stmt_slot {
	const char *sql;     /* a literal: compared by address */
	int rows;            /* db_stmt_rows: rows of the INSERT made of it; else 0 */
	struct db_stmt *stmt;
};

#define TOUCHED_MAX 32

/* A table that a write of this session changed, and whether its pages
 * were checked (quick_check) before a commit. */
struct touched {
	const char *name;  /* a copy of SQLite's */
	bool rowid;        /* a rowid table (the update hook tells of it) */
	bool checked;
};

/* Tables up to this many rows are checked whole before a commit (a few
 * tens of milliseconds); a larger one, such as the persons that submit
 * adds to, is checked page by page as SQLite reads what it changes
 * (cell_size_check): quick_check of a million persons takes half a
 * second, which each single submission would pay. */
#define CHECK_ROWS_MAX 50000

struct db {
	sqlite3 *h;
	/* A PostgreSQL database (h is NULL then): its connection. */
	struct pg_conn *pg;
	int pg_sync;       /* db_synchronous's answer on PostgreSQL */
	char pg_schema[72]; /* the connection's schema, quoted: db_main_schema */
	char *path;
	bool readonly;
	bool legacy;
	/* Damage met in this session: from then on it writes nothing, and
	 * damage holds the first lines of PRAGMA quick_check. */
	bool damaged;
	char damage[256];
	struct touched touched[TOUCHED_MAX];
	size_t ntouched;
	bool touched_overflow;
	char language[8];   /* "en", "de" or "en,de" */
	/* Open addressing keyed by the literal's address, at most half full.
	 * It only grows: a statement lives until db_close, as a caller may
	 * hold one across calls that prepare others, and the set of
	 * literals is finite. */
	struct stmt_slot *cache;
	size_t ncache, cache_size;
	int depth;       /* open transactions: 1 is BEGIN, more are savepoints */
	bool flat;       /* nested calls make no savepoints (db_nest_without_savepoints) */
	bool doomed;     /* a nested call rolled back while flat */
	unsigned marks;  /* db_txn_mark, while flat */
	int busy_ms;
	char setting[512];
	char readonly_why[512]; /* dbfile_readonly_why, or empty */
	char **notes;
	size_t nnotes;
	progress_fn *progress;
	progress_stage_fn *progress_stage;
	void *progress_ctx;
};

/* SQL function la_fold(text): the case-folded name (rule 2). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s;
	char *folded;

	(void)argc;
	s = sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	folded = text_fold((const char *)s);
	sqlite3_result_text(ctx, folded, -1, free);
}

/* SQL function la_contains(text, key): 1 when the folded text contains
 * key, a text_fold key (a filter); NULL text contains nothing. */
static void sql_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	const unsigned char *key = sqlite3_value_text(argv[1]);

	(void)argc;
	sqlite3_result_int(ctx, s && key && text_fold_contains((const char *)s, (const char *)key));
}

/* SQL function la_width(text): the columns the text takes on a terminal
 * (text_width), so that a table's column widths can be found without
 * reading its rows out. NULL is 0 wide. */
static void sql_width(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	sqlite3_result_int(ctx, s ? text_width((const char *)s) : 0);
}

/* SQL function la_shown(text): the name as the screens show it in the
 * program's language (mlname_shown). */
static void sql_shown(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	char buf[4 * 256];
	const char *v;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	v = mlname_shown((const char *)s, i18n_language(), buf, sizeof buf);
	sqlite3_result_text(ctx, v, -1, SQLITE_TRANSIENT);
}

/* SQL function la_name_values(text): the values of a multi-language name
 * joined by U+001F (what a filter compares), a plain name as it is. */
static void sql_name_values(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!s || !mlname_is((const char *)s)) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	sqlite3_result_text(ctx, mlname_values((const char *)s), -1, free);
}

sqlite3 *db_handle(struct db *db) { return db->h; }
const char *db_path(const struct db *db) { return db->path; }
bool db_is_server_url(const char *path) { return pg_is_url(path); }
const char *db_main_schema(const struct db *db) { return db->pg ? db->pg_schema : "main"; }
const char *db_temp_schema(const struct db *db) { return db->pg ? "pg_temp" : "temp"; }
bool db_readonly(const struct db *db) { return db->readonly; }
const char *db_readonly_why(const struct db *db) { return db->readonly_why[0] ? db->readonly_why : NULL; }
const char *db_language(const struct db *db) { return db->language; }
bool db_was_legacy(const struct db *db) { return db->legacy; }
int db_schema_version(const struct db *db) { return db->pg ? DB_PG_SCHEMA_VERSION : DB_SCHEMA_VERSION; }
bool db_damaged(const struct db *db) { return db->damaged; }

char *db_file_name(const char *path)
{
	/* SQLite reads "file:..." as a URI (Debian builds it with
	 * SQLITE_USE_URI): "./file:x.db" is the file of that name. */
	bool uri = strncmp(path, "file:", 5) == 0;
	size_t n = strlen(path) + 3;
	char *name = malloc(n);

	if (!name)
		abort();
	snprintf(name, n, "%s%s", uri ? "./" : "", path);
	return name;
}



/* Appends the lines of text to db->damage, "; "-joined, up to three,
 * leaving out quick_check's "*** in database main ***" heading. */
static void damage_lines(struct db *db, const char *text, int *lines)
{
	while (*text && *lines < 3) {
		size_t n = strcspn(text, "\n"), used = strlen(db->damage);

		if (n > 0 && strncmp(text, "***", 3) != 0) {
			la_format(db->damage + used, sizeof(db->damage) - used, "%s%.*s",
				  (*lines)++ ? "; " : "", (int)n, text);
		}
		text += n;
		if (*text)
			text++;
	}
}

/* Marks the session damaged and keeps the first lines of PRAGMA
 * quick_check (of table, or of the whole file) for the message. */
static void note_damage(struct db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	char *sql = table ? sqlite3_mprintf("PRAGMA quick_check(%Q)", table)
			  : sqlite3_mprintf("PRAGMA quick_check(3)");
	int lines = 0;

	db->damaged = true;
	db->damage[0] = '\0';
	if (sql && sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK)
		while (lines < 3 && sqlite3_step(st) == SQLITE_ROW)
			damage_lines(db, (const char *)sqlite3_column_text(st, 0), &lines);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	if (!db->damage[0])
		snprintf(db->damage, sizeof(db->damage), "%s", sqlite3_errmsg(db->h));
}

/* The message of a database found damaged: what to do, and what
 * quick_check says. */
static enum la_status damaged(struct db *db, struct la_err *err, const char *what)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: is damaged, so nothing was or will be changed (%s). Restore a backup in its place (leadadmin backup FILE makes one). PRAGMA quick_check says: %s"),
		       db->path, what, db->damage);
}

enum la_status db_damage(struct db *db, struct la_err *err)
{
	if (!db->damaged)
		return LA_OK;
	return damaged(db, err, _("read-only from now on"));
}

const char *const *db_notes(const struct db *db, size_t *n)
{
	*n = db->nnotes;
	return (const char *const *)db->notes;
}

void db_note(struct db *db, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	la_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	db->notes = realloc(db->notes, (db->nnotes + 1) * sizeof(*db->notes));
	if (!db->notes || !(db->notes[db->nnotes] = strdup(line)))
		abort();
	db->nnotes++;
}

/* db_fail on PostgreSQL: the SQLSTATE's class says what kind of failure
 * it was (25006 a read-only transaction, 55P03/40P01/40001 a lock or a
 * conflict with another session, 53 resources). */
static enum la_status server_fail(struct db *db, struct la_err *err, const char *what)
{
	const char *state = pg_sqlstate(db->pg);
	const char *constraint = pg_constraint(db->pg);
	size_t n = strlen(constraint);

	if (strcmp(state, "25006") == 0)
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("%s: the database is read-only (%s)"), db->path, what);
	if (strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "40001") == 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: the database is locked by another program; waited %d ms (%s)"),
			       db->path, db->busy_ms, what);
	/* Rule 2 on the server: two sessions saved one name at once (the
	 * check before the change cannot see the other's, which is not
	 * committed yet). */
	if (strcmp(state, "23505") == 0 && n > 9 && strcmp(constraint + n - 9, "_name_key") == 0)
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			       _("Another admin saved this name in this list at the same moment (names are compared without regard to case); nothing was changed"));
	/* The server's own rights (rule 9, data/pg/schema.sql). */
	if (strcmp(state, "42501") == 0)
		return la_fail(err, LA_DENIED, LA_FIELD_NONE,
			       _("%s: the server does not let this login do that: %s (%s)"),
			       db->path, pg_message(db->pg), what);
	if (strncmp(state, "53", 2) == 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: the disk or the database is full; nothing was changed (%s)"),
			       db->path, what);
	return la_fail(err, LA_DB, LA_FIELD_NONE, "%s: %s (%s)", db->path, pg_message(db->pg), what);
}

enum la_status db_fail(struct db *db, struct la_err *err, const char *what)
{
	int code;
	const char *msg;

	if (db->pg)
		return server_fail(db, err, what);
	code = sqlite3_extended_errcode(db->h);
	msg = sqlite3_errmsg(db->h);

	if ((code & 0xff) == SQLITE_READONLY)
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("%s: the database is read-only (%s)"), db->path, what);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: the database is locked by another program; waited %d ms (%s)"),
			       db->path, db->busy_ms, what);
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) {
		if (!db->damaged)
			note_damage(db, NULL);
		return damaged(db, err, what);
	}
	if ((code & 0xff) == SQLITE_FULL)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: the disk or the database is full; nothing was changed (%s)"),
			       db->path, what);
	return la_fail(err, LA_DB, LA_FIELD_NONE, "%s: %s (%s)", db->path, msg, what);
}

static size_t stmt_hash(const char *sql, int rows, size_t mask)
{
	/* Fibonacci hashing: literals lie a few bytes apart, and the
	 * multiplication spreads those differences over the high bits. */
	uint64_t h = ((uint64_t)(uintptr_t)sql + (uint64_t)rows * 4099) *
		     UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(h >> 32) & mask;
}

/* The slot of sql (of its rows-row INSERT), or the empty slot where it
 * belongs. */
static struct stmt_slot *stmt_slot(struct stmt_slot *cache, size_t size, const char *sql,
				   int rows)
{
	size_t mask = size - 1, i = stmt_hash(sql, rows, mask);

	while (cache[i].sql && (cache[i].sql != sql || cache[i].rows != rows))
		i = (i + 1) & mask;
	return &cache[i];
}

static void stmt_cache_grow(struct db *db)
{
	size_t size = db->cache_size ? db->cache_size * 2 : STMT_CACHE_MIN, i;
	struct stmt_slot *cache = calloc(size, sizeof(*cache));

	if (!cache)
		abort();
	for (i = 0; i < db->cache_size; i++)
		if (db->cache[i].sql)
			*stmt_slot(cache, size, db->cache[i].sql, db->cache[i].rows) = db->cache[i];
	free(db->cache);
	db->cache = cache;
	db->cache_size = size;
}

static sqlite3_stmt *raw(struct db_stmt *st) { return ((struct lite_stmt *)st)->s; }

static enum db_step lite_step(struct db_stmt *st)
{
	switch (sqlite3_step(raw(st))) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return DB_FAILED;
	}
}

static void lite_reset(struct db_stmt *st) { sqlite3_reset(raw(st)); }

static void lite_clear(struct db_stmt *st)
{
	sqlite3_reset(raw(st));
	sqlite3_clear_bindings(raw(st));
}
static void lite_bind_int64(struct db_stmt *st, int param, int64_t v) { sqlite3_bind_int64(raw(st), param, v); }
static void lite_bind_null(struct db_stmt *st, int param) { sqlite3_bind_null(raw(st), param); }

static void lite_bind_text(struct db_stmt *st, int param, const char *text, size_t len, bool copy)
{
	if (len > INT_MAX)
		abort();
	sqlite3_bind_text(raw(st), param, text, (int)len, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static int64_t lite_col_int64(struct db_stmt *st, int col) { return sqlite3_column_int64(raw(st), col); }

static const char *lite_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(raw(st), col);
}

static enum db_kind lite_col_kind(struct db_stmt *st, int col)
{
	switch (sqlite3_column_type(raw(st), col)) {
	case SQLITE_NULL:
		return DB_KIND_NULL;
	case SQLITE_INTEGER:
		return DB_KIND_INTEGER;
	default:
		return DB_KIND_OTHER;
	}
}

static int lite_col_count(struct db_stmt *st) { return sqlite3_column_count(raw(st)); }
static const char *lite_col_name(struct db_stmt *st, int col)
{
	return sqlite3_column_name(raw(st), col);
}

static void lite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(raw(st));
	free(st);
}

static const struct db_stmt_ops lite_ops = {
	.step = lite_step,
	.reset = lite_reset,
	.clear = lite_clear,
	.bind_int64 = lite_bind_int64,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.col_int64 = lite_col_int64,
	.col_text = lite_col_text,
	.col_kind = lite_col_kind,
	.col_count = lite_col_count,
	.col_name = lite_col_name,
	.finalize = lite_finalize,
};

/* sql prepared as a statement of the SQLite engine, or NULL (err says
 * why, naming what). */
/* The statement of sql, of its first len bytes when len >= 0. */
static struct lite_stmt *lite_prepare(struct db *db, const char *sql, int len, const char *what,
				      struct la_err *err)
{
	struct lite_stmt *st;
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(db->h, sql, len, &s, NULL) != SQLITE_OK) {
		db_fail(db, err, what);
		sqlite3_finalize(s);
		return NULL;
	}
	if (!(st = malloc(sizeof(*st))))
		abort();
	st->base.ops = &lite_ops;
	st->s = s;
	return st;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, const char *what,
			   struct la_err *err)
{
	struct lite_stmt *st;

	if (db->pg) {
		struct db_stmt *p = pg_prepare(db->pg, sql, what, NULL);

		if (!p)
			db_fail(db, err, what);
		return p;
	}
	st = lite_prepare(db, sql, -1, what, err);
	return st ? &st->base : NULL;
}

/* The length of sql without its last " RETURNING ..." (a statement of
 * db_stmt_insert on SQLite, which reads the rowid instead). */
static int without_returning(const char *sql)
{
	const char *r = NULL, *p;

	for (p = sql; (p = strstr(p, " RETURNING ")) != NULL; p++)
		r = p;
	if (!r || r - sql > INT_MAX)
		abort();
	return (int)(r - sql);
}

/* The end of the parenthesis that opens at p: its ")" (quotes skipped). */
static const char *paren_end(const char *p)
{
	int depth = 0;
	char quote = 0;

	for (; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	abort();  /* a literal of the program without its ")" */
}

/* The text of sql, "... VALUES (<row>) <tail>", with rows rows:
 * the parameters ?1..?W of <row> are ?1..?W in the first row, ?W+1..?2W
 * in the second, and so on. Only <row> may have parameters. */
static char *rows_text(const char *sql, int rows)
{
	const char *row = strstr(sql, "VALUES ("), *end, *p;
	size_t cap, len = 0;
	long width = 0;
	char *out;
	int r;

	if (!row || strchr(paren_end(row + 7) + 1, '?') ||
	    memchr(sql, '?', (size_t)(row - sql)))
		abort();
	row += 7;
	end = paren_end(row) + 1;
	for (p = row; p < end; p++)
		if (*p == '?')
			width = strtol(p + 1, NULL, 10) > width ? strtol(p + 1, NULL, 10) : width;
	cap = strlen(sql) + (size_t)rows * ((size_t)(end - row) * 2 + 8);
	if (!(out = malloc(cap)))
		abort();
	len = (size_t)snprintf(out, cap, "%.*s", (int)(row - sql), sql);
	for (r = 0; r < rows; r++) {
		if (r)
			len += (size_t)snprintf(out + len, cap - len, ", ");
		for (p = row; p < end; p++) {
			char *num;
			long k;

			if (*p != '?') {
				out[len++] = *p;
				continue;
			}
			k = strtol(p + 1, &num, 10);
			if (num == p + 1 || k < 1)
				abort();  /* rows take numbered parameters only */
			len += (size_t)snprintf(out + len, cap - len, "?%ld", k + r * width);
			p = num - 1;
		}
	}
	snprintf(out + len, cap - len, "%s", end);
	return out;
}

/* The cached statement of sql (of the INSERT of rows rows made of it, when
 * rows > 0); on SQLite, with cut, without its last " RETURNING ..."
 * (db_stmt_insert). */
static struct db_stmt *stmt_cached(struct db *db, const char *sql, int rows, bool cut,
				   struct la_err *err)
{
	struct stmt_slot *slot;
	struct db_stmt *st;
	char *text = NULL;

	if (db->cache_size) {
		slot = stmt_slot(db->cache, db->cache_size, sql, rows);
		if (slot->sql) {
			slot->stmt->ops->clear(slot->stmt);
			return slot->stmt;
		}
	}
	if (rows > 1)
		text = rows_text(sql, rows);
	if (cut && !db->pg) {
		const char *t = text ? text : sql;
		struct lite_stmt *ls = lite_prepare(db, t, without_returning(t), "prepare", err);

		st = ls ? &ls->base : NULL;
	} else {
		st = db_prepare(db, text ? text : sql, "prepare", err);
	}
	free(text);
	if (!st)
		return NULL;
	if ((db->ncache + 1) * 2 > db->cache_size)
		stmt_cache_grow(db);
	slot = stmt_slot(db->cache, db->cache_size, sql, rows);
	slot->sql = sql;
	slot->rows = rows;
	slot->stmt = st;
	db->ncache++;
	return st;
}

struct db_stmt *db_stmt(struct db *db, const char *sql, struct la_err *err)
{
	return stmt_cached(db, sql, 0, false, err);
}

struct db_stmt *db_stmt_insert(struct db *db, const char *sql, struct la_err *err)
{
	return stmt_cached(db, sql, 0, true, err);
}

struct db_stmt *db_stmt_rows(struct db *db, const char *sql, size_t rows, struct la_err *err)
{
	if (rows < 1 || rows > DB_ROWS_MAX)
		abort();
	return stmt_cached(db, sql, rows == 1 ? 0 : (int)rows, strstr(sql, " RETURNING ") != NULL,
			   err);
}

/* SQLite: a submit of 100,000 lines took 2.5 % less CPU at 64 rows a
 * statement than at 32, and the same at 128 (since each row no longer
 * codes rule 7's subqueries, leads_persons_add; before, 32 was best). On
 * PostgreSQL each statement costs a round trip, a start of its plan and a
 * run of its tables' statement triggers, about 1.5 ms in all at 64 rows:
 * 256 rows a statement took 100,000 lines from 10.7-10.8 s to 8.9-9.1 s. It
 * needs plans that look each row up by its key whatever the number of
 * rows: above some 100 rows the planner read person and contact whole
 * for a join with the rows (a hash join beside a seq scan), so the
 * look-ups (submit.c) and the triggers (data/pg/schema.sql) are written
 * as scalar subqueries and LATERAL ... OFFSET 0, which it cannot turn
 * into a join. */
#define DB_ROWS_SQLITE 64
#define DB_ROWS_PG 256
_Static_assert(DB_ROWS_SQLITE <= DB_ROWS_MAX && DB_ROWS_PG <= DB_ROWS_MAX, "DB_ROWS_MAX bounds both");

size_t db_rows_best(const struct db *db)
{
	return db->pg ? DB_ROWS_PG : DB_ROWS_SQLITE;
}

/* ---- The statement interface of db.h: each call goes to the engine of
 * the statement. */
enum db_step db_step(struct db_stmt *st) { return st->ops->step(st); }
void db_reset(struct db_stmt *st) { st->ops->reset(st); }
void db_bind_int64(struct db_stmt *st, int param, int64_t v) { st->ops->bind_int64(st, param, v); }
void db_bind_int(struct db_stmt *st, int param, int v) { st->ops->bind_int64(st, param, v); }
void db_bind_null(struct db_stmt *st, int param) { st->ops->bind_null(st, param); }

void db_bind_id(struct db_stmt *st, int param, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, param, id);
	else
		db_bind_null(st, param);
}

void db_bind_text(struct db_stmt *st, int param, const char *text)
{
	if (!text)
		st->ops->bind_null(st, param);
	else
		st->ops->bind_text(st, param, text, strlen(text), false);
}

void db_bind_textn(struct db_stmt *st, int param, const char *text, size_t len)
{
	if (!text)
		st->ops->bind_null(st, param);
	else
		st->ops->bind_text(st, param, text, len, false);
}

void db_bind_text_copy(struct db_stmt *st, int param, const char *text)
{
	if (!text)
		st->ops->bind_null(st, param);
	else
		st->ops->bind_text(st, param, text, strlen(text), true);
}

int64_t db_col_int64(struct db_stmt *st, int col) { return st->ops->col_int64(st, col); }
int db_col_int(struct db_stmt *st, int col) { return (int)st->ops->col_int64(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->ops->col_text(st, col); }
bool db_col_null(struct db_stmt *st, int col) { return st->ops->col_kind(st, col) == DB_KIND_NULL; }

bool db_col_is_integer(struct db_stmt *st, int col)
{
	return st->ops->col_kind(st, col) == DB_KIND_INTEGER;
}

int db_col_count(struct db_stmt *st) { return st->ops->col_count(st); }
const char *db_col_name(struct db_stmt *st, int col) { return st->ops->col_name(st, col); }

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->ops->finalize(st);
}

int64_t db_last_id(struct db *db)
{
	return db->pg ? pg_last_id(db->pg) : sqlite3_last_insert_rowid(db->h);
}

enum la_status db_step_done(struct db *db, struct db_stmt *st, const char *what,
			    struct la_err *err)
{
	enum la_status rc = db_step(st) == DB_DONE ? LA_OK : db_fail(db, err, what);

	db_reset(st);
	return rc;
}

enum la_status db_step_id(struct db *db, struct db_stmt *st, const char *what,
			  int64_t *id, struct la_err *err)
{
	enum la_status rc = LA_OK;

	/* db_stmt_insert's statement on SQLite: no RETURNING, the rowid. */
	if (!db->pg && db_col_count(st) == 0) {
		if (db_step(st) != DB_DONE)
			rc = db_fail(db, err, what);
		else
			*id = sqlite3_last_insert_rowid(db->h);
		db_reset(st);
		return rc;
	}
	if (db_step(st) != DB_ROW) {
		rc = db_fail(db, err, what);
	} else {
		*id = db_col_int64(st, 0);
		if (db_step(st) != DB_DONE)
			rc = db_fail(db, err, what);
	}
	db_reset(st);
	return rc;
}

enum la_status db_step_ids(struct db *db, struct db_stmt *st, const char *what,
			   size_t rows, int64_t *ids, struct la_err *err)
{
	enum la_status rc = LA_OK;
	size_t i;

	/* On SQLite, without RETURNING: one statement's rows get consecutive
	 * rowids (each the largest one plus one, under the write lock), the
	 * last of them is the session's last one. */
	if (!db->pg && db_col_count(st) == 0) {
		if (db_step(st) != DB_DONE) {
			rc = db_fail(db, err, what);
		} else {
			int64_t last = sqlite3_last_insert_rowid(db->h);

			/* A trigger of another program's (RAISE(IGNORE)) can
			 * leave a row out: then the ids are not known. */
			if (sqlite3_changes64(db->h) != (int64_t)rows || last < (int64_t)rows)
				rc = la_fail(err, LA_DB, LA_FIELD_NONE,
					     _("%s: only %lld of %zu new rows of %s were stored (is there a trigger of another program?)"),
					     db->path, (long long)sqlite3_changes64(db->h), rows, what);
			for (i = 0; i < rows && rc == LA_OK; i++)
				ids[i] = last - (int64_t)(rows - 1 - i);
		}
		db_reset(st);
		return rc;
	}
	/* The server gives the rows in the order of the VALUES (not
	 * promised, so checked: their ids come from one sequence, rising). */
	for (i = 0; i < rows && rc == LA_OK; i++) {
		if (db_step(st) != DB_ROW)
			rc = db_fail(db, err, what);
		else if ((ids[i] = db_col_int64(st, 0)) <= (i ? ids[i - 1] : 0))
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: the server gave the new rows of %s out of order"),
				     db->path, what);
	}
	if (rc == LA_OK && db_step(st) != DB_DONE)
		rc = db_fail(db, err, what);
	db_reset(st);
	return rc;
}

int64_t db_changes(struct db *db)
{
	return db->pg ? pg_changes(db->pg) : sqlite3_changes64(db->h);
}

enum la_status db_exec(struct db *db, const char *sql, struct la_err *err)
{
	char *msg = NULL;

	if (db->pg)
		return pg_exec(db->pg, sql, "exec", NULL) == LA_OK ? LA_OK : db_fail(db, err, "exec");
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum la_status st = db_fail(db, err, msg ? msg : "exec");

		sqlite3_free(msg);
		return st;
	}
	return LA_OK;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE, so that the write
 * lock is taken before anything is read; inner ones are savepoints, so a
 * domain operation can run alone or as one step of an import. */
enum la_status db_begin(struct db *db, struct la_err *err)
{
	enum la_status st;

	if (db->readonly && db->readonly_why[0])
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("%s: the database is open read-only: %s; nothing can be changed"),
			       db->path, db->readonly_why);
	if (db->readonly)
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("%s: the database is open read-only; nothing can be changed"),
			       db->path);
	if (db->damaged)
		return damaged(db, err, "begin");
	if (db->depth > 0 && db->flat) {
		db->depth++;
		return LA_OK;
	}
	/* PostgreSQL has no BEGIN IMMEDIATE: its writers take row locks. */
	st = db_exec(db, db->depth > 0 ? "SAVEPOINT la_step" : db->pg ? "BEGIN" : "BEGIN IMMEDIATE",
		     err);
	if (st == LA_OK)
		db->depth++;
	if (st == LA_OK && db->depth == 1) {
		db->flat = db->doomed = false;
		db->marks = 0;
	}
	return st;
}

void db_nest_without_savepoints(struct db *db)
{
	if (db->depth == 1)
		db->flat = true;
}

void db_txn_mark(struct db *db, unsigned mark)
{
	if (db->depth > 0 && db->flat)
		db->marks |= mark;
}

bool db_txn_marked(const struct db *db, unsigned mark)
{
	return db->depth > 0 && db->flat && (db->marks & mark) == mark;
}

/* Notes each table a statement changes (rowid tables; SQLite does not
 * tell of the others, which db_open lists at the start with op 0). */
static void on_update(void *arg, int op, const char *schema, const char *table, sqlite3_int64 row)
{
	struct db *db = arg;

	(void)schema;
	(void)row;
	for (size_t i = 0; i < db->ntouched; i++)
		if (strcmp(db->touched[i].name, table) == 0)
			return;
	if (db->ntouched == TOUCHED_MAX) {
		db->touched_overflow = true;
		return;
	}
	db->touched[db->ntouched].name = strdup(table);
	if (!db->touched[db->ntouched].name)
		abort();
	db->touched[db->ntouched].rowid = op != 0;
	db->touched[db->ntouched++].checked = false;
}

/* True when a rowid table holds more than CHECK_ROWS_MAX rows, as its
 * largest rowid tells at the cost of one b-tree descent. */
static bool table_large(struct db *db, const struct touched *t)
{
	char *sql = sqlite3_mprintf("SELECT max(rowid) > %d FROM \"%w\"", CHECK_ROWS_MAX, t->name);
	sqlite3_stmt *st = NULL;
	bool large = false;

	if (!sql)
		abort();
	if (t->rowid && sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		large = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return large;
}

/* Runs a quick_check statement: false only when it reports damage (a
 * line that is not "ok", or SQLite's "malformed"); a table that a
 * migration renamed away, or another failure, is not damage. */
static bool check_sound(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	bool sound = true;

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		sound = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		sound = false;
	sqlite3_finalize(st);
	return sound;
}

/* A write checks the pages it is about to commit: each table it changed,
 * with its indexes, once a session (quick_check: every page of the
 * b-trees, without comparing index to table), unless it is large.
 * SQLite itself finds damage only on the pages a statement reads, so a
 * change next to a damaged page would otherwise be committed to a file
 * known to be damaged. */
static bool pages_sound(struct db *db)
{
	for (size_t i = 0; i < db->ntouched; i++) {
		struct touched *t = &db->touched[i];
		char *sql;
		bool sound;

		if (t->checked)
			continue;
		t->checked = true;
		if (table_large(db, t))
			continue;
		if (!(sql = sqlite3_mprintf("PRAGMA quick_check(%Q)", t->name)))
			abort();
		sound = check_sound(db, sql);
		sqlite3_free(sql);
		if (!sound) {
			note_damage(db, t->name);
			return false;
		}
	}
	if (db->touched_overflow) {
		if (!check_sound(db, "PRAGMA quick_check")) {
			note_damage(db, NULL);
			return false;
		}
		db->touched_overflow = false;
	}
	return true;
}

enum la_status db_commit(struct db *db, struct la_err *err)
{
	if (db->depth <= 0)
		return LA_OK;
	if (db->depth > 1 && db->flat) {
		db->depth--;
		return LA_OK;
	}
	if (db->depth == 1 && db->doomed) {
		db_rollback(db);
		return la_fail(err, LA_DB, LA_FIELD_NONE, "%s: %s", db->path,
			       "a step of the change failed; nothing was changed (commit)");
	}
	if (db->depth == 1 && !db->pg && !pages_sound(db)) {
		db_rollback(db);
		return damaged(db, err, "commit");
	}
	if (db->pg ? pg_exec(db->pg, db->depth == 1 ? "COMMIT" : "RELEASE la_step", "commit", NULL) != LA_OK
		   : sqlite3_exec(db->h, db->depth == 1 ? "COMMIT" : "RELEASE la_step",
				  NULL, NULL, NULL) != SQLITE_OK) {
		enum la_status st = db_fail(db, err, "commit");

		db_rollback(db);
		return st;
	}
	db->depth--;
	if (db->depth == 0)
		db->marks = 0;
	return LA_OK;
}

void db_rollback(struct db *db)
{
	if (db->depth <= 0)
		return;
	if (db->depth > 1 && db->flat) {
		db->doomed = true;
		db->depth--;
		return;
	}
	db->marks = 0;
	if (db->pg) {
		if (db->depth == 1)
			pg_exec(db->pg, "ROLLBACK", "rollback", NULL);
		else
			pg_exec(db->pg, "ROLLBACK TO la_step; RELEASE la_step", "rollback", NULL);
	} else if (db->depth == 1) {
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	} else {
		sqlite3_exec(db->h, "ROLLBACK TO la_step; RELEASE la_step", NULL, NULL, NULL);
	}
	db->depth--;
}

bool db_in_transaction(const struct db *db)
{
	return db->depth > 0;
}

enum la_status db_read_begin(struct db *db, bool *started, struct la_err *err)
{
	*started = false;
	if (db->pg ? pg_in_transaction(db->pg) : !sqlite3_get_autocommit(db->h))
		return LA_OK;
	if (db_exec(db, db->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN DEFERRED",
		    err) != LA_OK)
		return LA_DB;
	*started = true;
	return LA_OK;
}

void db_read_end(struct db *db, bool started)
{
	/* Nothing was written: ending it cannot lose anything. */
	if (started && db->pg)
		pg_exec(db->pg, "COMMIT", "read", NULL);
	else if (started && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

void db_set_busy_timeout(struct db *db, int ms)
{
	char sql[64];

	db->busy_ms = ms;
	if (db->pg) {
		snprintf(sql, sizeof(sql), "SET lock_timeout = %d", ms);
		pg_exec(db->pg, sql, "lock_timeout", NULL);
		return;
	}
	sqlite3_busy_timeout(db->h, ms);
}

enum la_status db_set_synchronous(struct db *db, bool full, struct la_err *err)
{
	/* On PostgreSQL, NORMAL is synchronous_commit off: the last commits
	 * may be lost when the server crashes, never consistency. */
	if (db->pg) {
		db->pg_sync = full ? 2 : 1;
		return db_exec(db, full ? "SET synchronous_commit = on" : "SET synchronous_commit = off",
			       err);
	}
	return db_exec(db, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
		       err);
}

enum la_status db_lock_table(struct db *db, const char *table, struct la_err *err)
{
	char sql[128];

	if (!db->pg)
		return LA_OK;
	snprintf(sql, sizeof sql, "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE", table);
	return db_exec(db, sql, err);
}

enum la_status db_sync_identity(struct db *db, const char *table, const char *id,
				struct la_err *err)
{
	char sql[256];
	struct db_stmt *st;
	enum la_status rc = LA_OK;

	if (!db->pg)
		return LA_OK;
	/* table and id are the program's own names (copy.c's table list). */
	if (snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', '%s'), "
		      "coalesce(max(%s), 0) + 1, false) FROM %s", table, id, id, table) >= (int)sizeof sql)
		abort();
	if (!(st = db_prepare(db, sql, table, err)))
		return LA_DB;
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, table);
	db_finalize(st);
	return rc;
}

enum la_status db_analyze(struct db *db, const char *table, struct la_err *err)
{
	char sql[128];

	if (!db->pg)
		return LA_OK;
	if (snprintf(sql, sizeof sql, "ANALYZE %s", table) >= (int)sizeof sql)
		abort();
	return db_exec(db, sql, err);
}

enum la_status db_table_triggers(struct db *db, const char *table, bool on,
				 struct la_err *err)
{
	char sql[128];

	if (!db->pg)
		return LA_OK;
	if (snprintf(sql, sizeof sql, "ALTER TABLE %s %s TRIGGER USER", table,
		     on ? "ENABLE" : "DISABLE") >= (int)sizeof sql)
		abort();
	return db_exec(db, sql, err);
}

enum la_status db_grant_role(struct db *db, const char *login, const char *role, bool admin,
			     struct la_err *err)
{
	/* The names are quoted by the server (format's %I); la_role names
	 * the database's own roles (data/pg/schema.sql). */
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1), "
		"format('REVOKE %2$I, %3$I, %4$I, %5$I FROM %1$I', CAST(?1 AS TEXT), "
		"la_role('general'), la_role('lists'), la_role('user'), la_role('submit')), "
		"format('GRANT %2$I TO %1$I', CAST(?1 AS TEXT), la_role(CAST(?2 AS TEXT))), "
		"format('GRANT %2$I, %3$I, %4$I, %5$I TO %1$I WITH ADMIN OPTION', CAST(?1 AS TEXT), "
		"la_role('general'), la_role('lists'), la_role('user'), la_role('submit'))";
	struct db_stmt *st;
	enum la_status rc;
	char *revoke = NULL, *grant = NULL;
	bool exists = false;

	if (!db->pg)
		return LA_OK;
	if (!(st = db_prepare(db, sql, "role", err)))
		return LA_DB;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, role ? role : "user");
	if (db_step(st) == DB_ROW) {
		exists = db_col_int(st, 0) != 0;
		if (!(revoke = strdup(db_col_text(st, 1))) ||
		    !(grant = strdup(db_col_text(st, admin ? 3 : 2))))
			abort();
	}
	db_finalize(st);
	if (!grant)
		return db_fail(db, err, "role");
	if (!exists && role)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			     _("%s: the server has no role for the login '%s'; the server's administrator makes one with: createuser %s"),
			     db->path, login, login);
	else if (!exists)
		rc = LA_OK;
	else if ((rc = db_exec(db, revoke, err)) == LA_OK && role)
		rc = db_exec(db, grant, err);
	free(revoke);
	free(grant);
	return rc;
}

void db_temp_in_memory(struct db *db, bool on)
{
	if (!db->pg)
		db_exec(db, on ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT", NULL);
}

int db_synchronous(struct db *db)
{
	struct db_stmt *st;
	int v = -1;

	if (db->pg)
		return db->pg_sync;
	st = db_stmt(db, "PRAGMA synchronous", NULL);
	if (st && db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	if (st)
		db_reset(st);
	return v;
}

int64_t db_data_version(struct db *db)
{
	struct db_stmt *st;
	int64_t v = -1;

	/* PostgreSQL tells of other sessions' commits by notifications:
	 * every change of a table notifies the channel leadadmin
	 * (data/pg/schema.sql), to which server_open listens. */
	if (db->pg)
		return pg_notifications(db->pg);
	st = db_stmt(db, "PRAGMA data_version", NULL);
	if (st && db_step(st) == DB_ROW)
		v = db_col_int64(st, 0);
	if (st)
		db_reset(st);
	return v;
}

/* The second now by SQLite's own clock, the one its 'now' reads: time()
 * reads a coarser clock that can be a few milliseconds behind, so an
 * audit row could be stamped a second before the change it records. */
static time_t sqlite_now(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sqlite3_int64 ms;
	struct timespec ts;

	/* Julian day milliseconds; the Unix epoch is day 2440587.5. */
	if (vfs && vfs->iVersion >= 2 && vfs->xCurrentTimeInt64 &&
	    vfs->xCurrentTimeInt64(vfs, &ms) == SQLITE_OK)
		return (time_t)(ms / 1000 - INT64_C(210866760000));
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		abort();
	return ts.tv_sec;
}

const char *db_now_text(void)
{
	/* Made again only when the second changes: an import binds it
	 * twice an item. */
	static time_t made = (time_t)-1;
	static char now[32];
	time_t t = sqlite_now();
	struct tm tm;

	if (t != made) {
		if (!gmtime_r(&t, &tm) || !strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tm))
			abort();
		made = t;
	}
	return now;
}

void db_bind_now(struct db_stmt *st, int col)
{
	db_bind_text_copy(st, col, db_now_text());
}

enum la_status db_set_setting(struct db *db, const char *key, const char *value,
			      struct la_err *err)
{
	static const char sql[] = "INSERT INTO setting (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	struct db_stmt *st = db_stmt(db, sql, err);
	int r;

	if (!st)
		return LA_DB;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	if ((r = db_step(st)) != DB_DONE) {
		enum la_status rc = db_fail(db, err, "setting");

		db_reset(st);
		return rc;
	}
	db_reset(st);
	return LA_OK;
}

const char *db_setting(struct db *db, const char *key, const char *def)
{
	struct db_stmt *st = db_stmt(db, "SELECT value FROM setting WHERE key = ?", NULL);
	const char *out = def;

	if (!st)
		return def;
	db_bind_text(st, 1, key);
	if (db_step(st) == DB_ROW) {
		snprintf(db->setting, sizeof(db->setting), "%s", db_col_text(st, 0));
		out = db->setting;
	}
	db_reset(st);
	return out;
}

static long long be32(const unsigned char *p)
{
	return (long long)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* The size of the file beside path named path + suffix ("-wal", "-shm",
 * "-journal"); -1 when there is none. */
static long long side_file_size(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *side = malloc(n);
	struct stat sb;
	long long size = -1;

	if (!side)
		abort();
	snprintf(side, n, "%s%s", path, suffix);
	if (stat(side, &sb) == 0)
		size = (long long)sb.st_size;
	free(side);
	return size;
}

/* Whether files can be made beside path (its -wal, -shm, -journal). */
static bool folder_writable(const char *path)
{
	char *dir = strdup(path), *slash;
	bool w;

	if (!dir)
		abort();
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	w = access(slash ? dir : ".", W_OK | X_OK) == 0;
	free(dir);
	return w;
}

/* "file:PATH?immutable=1", with the characters a URI reserves escaped. */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *uri = malloc(n * 3 + 32), *o;
	const unsigned char *p;

	if (!uri)
		abort();
	o = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	strcpy(o, "?immutable=1");
	return uri;
}

/* True when path stays shorter than want bytes for a while: another
 * process that checkpoints writes the header's new size before the pages
 * that extend the file, so a short file is damaged only if it stays short. */
static bool stays_short(const char *path, long long want, struct stat *sb)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int i;

	for (i = 0; i < 10; i++) {
		if (stat(path, sb) != 0 || (long long)sb->st_size >= want)
			return false;
		nanosleep(&pause, NULL);
	}
	return true;
}

/* True for a connection URI in any case (POSTGRESQL://…), which would
 * otherwise be taken for a file's path: libpq takes only postgresql://
 * and postgres:// (pg_is_url), which db_open sends to the server. */
static bool is_server_uri(const char *path)
{
	return strncasecmp(path, "postgresql://", 13) == 0 ||
	       strncasecmp(path, "postgres://", 11) == 0;
}

/* Why a file cannot be opened, before SQLite gives a vaguer answer. */
static enum la_status check_file(const char *path, int flags, bool *exists,
				 struct la_err *err)
{
	struct stat sb;
	char *dir, *slash;
	FILE *f;
	unsigned char head[100];
	size_t got;

	*exists = stat(path, &sb) == 0;
	if (!*exists && is_server_uri(path))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: a PostgreSQL connection URI begins with postgresql:// or postgres:// in small letters; --db (LEADADMIN_DB, [database] path) takes one of those or an SQLite file's path"),
			       path);
	if (!*exists && errno == EACCES)
		return dbfile_denied(path, errno, err);
	if (*exists) {
		long long page_size, pages;

		if (S_ISDIR(sb.st_mode))
			return la_fail(err, LA_DB, LA_FIELD_NONE,
				       _("%s: is a folder, not a database file"), path);
		if (sb.st_size == 0)
			return LA_OK;
		f = fopen(path, "rb");
		if (!f)
			return dbfile_denied(path, errno, err);
		got = fread(head, 1, sizeof(head), f);
		fclose(f);
		if (got < 16 || memcmp(head, "SQLite format 3", 16) != 0)
			return la_fail(err, LA_DB, LA_FIELD_NONE,
				       _("%s: is not a SQLite database (or it is damaged); it was left untouched"),
				       path);
		if (got < sizeof(head))
			return la_fail(err, LA_DB, LA_FIELD_NONE,
				       _("%s: is damaged: it is cut short (%lld bytes); it was left untouched"),
				       path, (long long)sb.st_size);
		/* A file cut short (a copy that stopped, a full disk): the
		 * header knows the size, when its "valid for" counter matches
		 * the change counter. SQLite would open it and fail later, or
		 * worse, treat the missing pages as free. Not while a -wal file
		 * has content: a checkpoint cut off by a crash leaves the file
		 * short until the -wal is replayed. */
		page_size = head[16] << 8 | head[17];
		if (page_size == 1)
			page_size = 65536;
		pages = be32(head + 28);
		if (be32(head + 92) == be32(head + 24) && pages > 0 &&
		    pages * page_size > (long long)sb.st_size && side_file_size(path, "-wal") <= 0 &&
		    stays_short(path, pages * page_size, &sb))
			return la_fail(err, LA_DB, LA_FIELD_NONE,
				       _("%s: is damaged: it is cut short (%lld of %lld bytes); it was left untouched"),
				       path, (long long)sb.st_size, pages * page_size);
		return LA_OK;
	}
	if (!(flags & DB_OPEN_CREATE))
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: no database here; make one with: leadadmin --db %s init"),
			       path, path);
	dir = strdup(path);
	if (!dir)
		abort();
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			la_fail(err, LA_DB, LA_FIELD_NONE,
				_("%s: cannot be created: the folder %s does not exist"),
				path, dir);
			free(dir);
			return LA_DB;
		}
	}
	free(dir);
	return LA_OK;
}

static enum la_status configure_handle(struct db *db, struct la_err *err)
{
	db->busy_ms = BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_create_function(db->h, "la_fold", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_fold, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "la_fold");
	if (sqlite3_create_function(db->h, "la_contains", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_contains, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "la_contains");
	if (sqlite3_create_function(db->h, "la_width", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_width, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "la_width");
	if (sqlite3_create_function(db->h, "la_shown", 1, SQLITE_UTF8, NULL,
				    sql_shown, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "la_shown");
	if (sqlite3_create_function(db->h, "la_name_values", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_name_values, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "la_name_values");
	if (db_exec(db, "PRAGMA foreign_keys = ON", err) != LA_OK)
		return err ? err->status : LA_DB;
	/* Every b-tree page read is checked more closely: damage is found
	 * on the pages a change reads before it writes them. */
	if (db_exec(db, "PRAGMA cell_size_check = ON", err) != LA_OK)
		return err ? err->status : LA_DB;
	sqlite3_update_hook(db->h, on_update, db);
	return LA_OK;
}

/* The tables without rowid, of which the update hook tells nothing: each
 * write session checks them (they are small: the usage counters). */
static void note_without_rowid(struct db *db)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h,
			       "SELECT name FROM sqlite_master WHERE type = 'table' "
			       "AND sql LIKE '%WITHOUT ROWID%'", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		on_update(db, 0, "main", (const char *)sqlite3_column_text(st, 0), 0);
	sqlite3_finalize(st);
}

/* WAL is switched on only after the schema check and the upgrade, so that
 * a file that is refused (newer schema, not a CRM database, a failed
 * migration) is left untouched: the switch rewrites the file header. */
static enum la_status use_wal(struct db *db, struct la_err *err)
{
	if (!db->readonly) {
		sqlite3_stmt *st = NULL;

		/* journal_mode answers with a row; a busy database can refuse
		 * the switch, which the busy timeout covers. */
		if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
			return db_fail(db, err, "journal_mode");
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return db_fail(db, err, "journal_mode");
		}
		sqlite3_finalize(st);
		if (db_exec(db, "PRAGMA synchronous = FULL", err) != LA_OK)
			return err ? err->status : LA_DB;
	}
	return LA_OK;
}

/* leadadmin is one thread, and a connection is used by one thread only:
 * SQLite's own locks around every call (SQLITE_OPEN_NOMUTEX) and its count
 * of the memory in use (SQLITE_CONFIG_MEMSTATUS) cost a tenth of a
 * submission's time and buy nothing here. The count must be switched off
 * before SQLite starts; later calls are refused harmlessly. */
static void configure_library(void)
{
	static bool done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		done = true;
	}
}

enum la_status db_open(const char *path, int flags, const char *language,
		       const char *login, struct db **out, struct la_err *err)
{
	return db_open_progress(path, flags, language, login, NULL, NULL, NULL, out, err);
}

/* How many tables the connection's schema has (-1: it cannot tell), and
 * its name, quoted, into db->pg_schema. */
static int server_tables(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*), quote_ident(current_schema()) "
					"FROM information_schema.tables "
					"WHERE table_schema = current_schema()", "schema", NULL);
	int n = -1;

	if (st && db_step(st) == DB_ROW && !db_col_null(st, 1) &&
	    strlen(db_col_text(st, 1)) < sizeof db->pg_schema) {
		n = db_col_int(st, 0);
		snprintf(db->pg_schema, sizeof db->pg_schema, "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	return n;
}

static enum la_status set_server_language(struct db *db, struct la_err *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT set_config('leadadmin.language', ?1, false)",
					"language", err);
	int r;

	if (!st)
		return LA_DB;
	db_bind_text(st, 1, i18n_language());
	r = db_step(st);
	db_finalize(st);
	return r == DB_ROW ? LA_OK : db_fail(db, err, "language");
}

/* A PostgreSQL database (url names it): with create (init) an empty one
 * gets the schema; otherwise the schema must be there, at this program's
 * version, or upgraded to it when flags ask (schema_upgrade_server). */
static enum la_status server_open(const char *url, int flags, const char *language,
				  const char *login, struct db **out, struct la_err *err)
{
	struct db *db = calloc(1, sizeof(*db));
	enum la_status rc;
	int tables = -1;

	if (!db)
		abort();
	db->path = pg_shown_url(url);
	db->busy_ms = BUSY_TIMEOUT_MS;
	db->pg_sync = 2;
	rc = pg_connect(url, &db->pg, err);
	/* la_shown (data/pg/schema.sql) shows a name in the program's
	 * language, as SQLite's does. */
	if (rc == LA_OK)
		rc = set_server_language(db, err);
	/* Two sessions making a database at once (init, copy) take turns:
	 * the second then finds the tables of the first and is refused. The
	 * lock is the database's own and ends with the session. */
	if (rc == LA_OK && (flags & DB_OPEN_CREATE))
		rc = db_exec(db, "SELECT pg_advisory_lock(hashtext('leadadmin.init'))", err);
	if (rc == LA_OK && (tables = server_tables(db)) < 0)
		rc = db_fail(db, err, "schema");
	if (rc == LA_OK && (flags & DB_OPEN_CREATE) && (flags & DB_OPEN_HOLD) && tables > 0)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("%s: is not empty (it has tables); a copy goes only into an empty database, and nothing was changed"),
			     db->path);
	else if (rc == LA_OK && (flags & DB_OPEN_CREATE) && tables > 0)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("%s: already exists; init makes a new database and changed nothing"),
			     db->path);
	else if (rc == LA_OK && (flags & DB_OPEN_CREATE) && (flags & DB_OPEN_READONLY))
		rc = la_fail(err, LA_READONLY, LA_FIELD_NONE,
			     _("%s: the database is open read-only; nothing can be changed"), db->path);
	else if (rc == LA_OK && (flags & DB_OPEN_CREATE)) {
		/* Held: the making is the first step of the caller's
		 * transaction (it nests as a savepoint). */
		if ((flags & DB_OPEN_HOLD) && (rc = db_begin(db, err)) != LA_OK)
			goto out;
		rc = schema_make_server(db, language, login, err);
	}
	else if (rc == LA_OK && tables == 0)
		rc = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("%s: is empty; make a database there with: leadadmin --db %s init"),
			     db->path, db->path);
	/* Other admins' changes, for the screens (db_data_version). */
	if (rc == LA_OK)
		rc = db_exec(db, "LISTEN leadadmin", err);
	if (rc == LA_OK && (flags & DB_OPEN_READONLY)) {
		db->readonly = true;
		rc = db_exec(db, "SET default_transaction_read_only = on", err);
	}
	if (rc == LA_OK)
		rc = schema_upgrade_server(db, login, flags, err);
	/* What a dry run did is undone: the session changes nothing more. */
	if (rc == LA_OK && (flags & DB_OPEN_DRY_RUN))
		db->readonly = true;
out:
	if (rc != LA_OK) {
		db_close(db);
		return rc;
	}
	snprintf(db->language, sizeof(db->language), "%s", db_setting(db, "language", "en"));
	*out = db;
	return LA_OK;
}

enum la_status db_open_progress(const char *path, int flags, const char *language,
				const char *login, progress_fn *fn, progress_stage_fn *stage, void *ctx,
				struct db **out, struct la_err *err)
{
	struct db *db;
	struct stat sb;
	bool exists, empty, locked_out;
	int oflags;
	enum la_status st;

	*out = NULL;
	if (pg_is_url(path))
		return server_open(path, flags, language, login, out, err);
	st = check_file(path, flags, &exists, err);
	if (st != LA_OK)
		return st;
	empty = exists && stat(path, &sb) == 0 && sb.st_size == 0;
	configure_library();
	db = calloc(1, sizeof(*db));
	if (!db)
		abort();
	db->path = strdup(path);
	if (!db->path)
		abort();
	db_set_progress(db, fn, ctx);
	db_set_progress_stage(db, stage);
	/* A file we cannot write, or one in a folder we cannot write (no
	 * -wal, -shm or -journal can be made there), opens read-only. */
	locked_out = exists && (access(path, W_OK) != 0 || !folder_writable(path));
	db->readonly = (flags & DB_OPEN_READONLY) || locked_out;
	if (locked_out)
		dbfile_readonly_why(path, db->readonly_why, sizeof db->readonly_why);
	oflags = (db->readonly ? SQLITE_OPEN_READONLY
			       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	if (locked_out && side_file_size(path, "-wal") < 0 &&
	    side_file_size(path, "-shm") < 0 && side_file_size(path, "-journal") <= 0) {
		/* Read-only by its modes, no connection uses its WAL (no -wal
		 * or -shm file) and no -journal with content: every committed
		 * change is in the file itself. It is read as
		 * immutable, so that reading makes no file beside it: a WAL
		 * reader would otherwise make the -shm and -wal files, which
		 * fails in a folder it cannot write ("unable to open"), and
		 * elsewhere leaves them with the file's read-only mode, which
		 * later refuses every write of the file's owner. The price: a
		 * change someone makes while this stays open is not seen. */
		char *uri = immutable_uri(path);
		int rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
					 SQLITE_OPEN_NOMUTEX, NULL);

		free(uri);
		if (rc != SQLITE_OK) {
			st = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be opened (%s)"),
				     path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
			db_close(db);
			return st;
		}
	} else if (!exists) {
		/* The database holds personal data: only its owner reads it,
		 * or its group too when it is shared. */
		mode_t old = umask((flags & DB_OPEN_SHARED) ? 007 : 077);
		char *name = db_file_name(path);
		int rc = sqlite3_open_v2(name, &db->h, oflags, NULL);

		free(name);

		umask(old);
		if (rc != SQLITE_OK) {
			st = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be created (%s)"),
				     path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
			db_close(db);
			return st;
		}
	} else {
		char *name = db_file_name(path);
		int rc = sqlite3_open_v2(name, &db->h, oflags, NULL);

		free(name);
		if (rc != SQLITE_OK) {
			st = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be opened (%s)"),
				     path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
			db_close(db);
			return st;
		}
	}
	st = configure_handle(db, err);
	/* Before anything is written: SQLite gives the -journal, -wal and
	 * -shm it makes the mode the file has then. */
	if (st == LA_OK && (flags & DB_OPEN_SHARED) && (flags & DB_OPEN_CREATE) && !db->readonly &&
	    (!exists || empty))
		st = dbfile_share_file(path, err);
	if (st == LA_OK && db->readonly && !folder_writable(path) &&
	    side_file_size(path, "-wal") > 0 &&
	    sqlite3_exec(db->h, "SELECT 1 FROM sqlite_master LIMIT 1", NULL, NULL, NULL) != SQLITE_OK)
		st = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("%s: its latest changes are in %s-wal, which can only be read with a %s-shm file that this user cannot make in its folder; it was left untouched"),
			     path, path, path);
	if (st == LA_OK)
		st = schema_upgrade(db, language, login, flags, &db->legacy, err);
	/* Only a database this open made or upgraded switches to WAL: the
	 * switch rewrites the file header, and reading never writes. */
	if (st == LA_OK && db->nnotes && !(flags & DB_OPEN_DRY_RUN))
		st = use_wal(db, err);
	if (st == LA_OK && (flags & DB_OPEN_DRY_RUN))
		db->readonly = true;
	if (st != LA_OK) {
		db_close(db);
		return st;
	}
	db_set_progress(db, NULL, NULL);
	db_set_progress_stage(db, NULL);
	note_without_rowid(db);
	snprintf(db->language, sizeof(db->language), "%s",
		 db_setting(db, "language", "en"));
	*out = db;
	return LA_OK;
}

void db_set_progress(struct db *db, progress_fn *fn, void *ctx)
{
	db->progress = fn;
	db->progress_ctx = ctx;
}

void db_set_progress_stage(struct db *db, progress_stage_fn *stage)
{
	db->progress_stage = stage;
}

void db_progress_stage(struct db *db, const char *label, enum progress_unit unit, uint64_t total)
{
	if (db->progress_stage)
		db->progress_stage(db->progress_ctx, label, unit, total);
}

bool db_progress_wanted(const struct db *db)
{
	return db->progress != NULL;
}

void db_progress(struct db *db, uint64_t done, uint64_t total)
{
	if (db->progress)
		db->progress(db->progress_ctx, done, total);
}

void db_close(struct db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->cache_size; i++)
		if (db->cache[i].sql)
			db_finalize(db->cache[i].stmt);
	free(db->cache);
	if (db->h)
		sqlite3_close(db->h);
	pg_close(db->pg);
	for (i = 0; i < db->ntouched; i++)
		free((char *)db->touched[i].name);
	for (i = 0; i < db->nnotes; i++)
		free(db->notes[i]);
	free(db->notes);
	free(db->path);
	free(db);
}

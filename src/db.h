/* The SQLite store: opening, schema version and migrations, transactions,
 * prepared statements. Only src/ uses it; screens go through the domain. */
#ifndef LA_DB_H
#define LA_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "progress.h"
#include "status.h"

/* The schema version this program creates and understands in a SQLite
 * file (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 11
/* The same of a PostgreSQL database (data/pg/schema.sql; the setting
 * schema.version), counted on its own: the server's schema changed where
 * SQLite's did not, and a SQLite file should not need an upgrade that
 * changes nothing in it. Server databases began at DB_PG_SCHEMA_FIRST, with
 * SQLite's number of the time; data/pg/migrate-N.sql brings N - 1 to N. */
#define DB_PG_SCHEMA_FIRST 11
#define DB_PG_SCHEMA_VERSION 13

enum db_open_flags {
	DB_OPEN_CREATE = 1 << 0,   /* create the file when it is missing */
	DB_OPEN_READONLY = 1 << 1, /* never write */
	DB_OPEN_UPGRADE = 1 << 2,  /* bring an older schema up to date */
	DB_OPEN_DRY_RUN = 1 << 3,  /* with UPGRADE: do it, say what it did in
				      the notes, then undo it all */
	DB_OPEN_SHARED = 1 << 4,   /* with CREATE: a new (missing or empty)
				      file is its group's too, mode 0660 */
	DB_OPEN_HOLD = 1 << 5,     /* with CREATE, on PostgreSQL: the making
				      stays in a transaction that the caller
				      ends (db_commit or db_rollback), and a
				      database with tables is refused as the
				      target of a copy */
};

struct db;
struct db_stmt;  /* a prepared statement of the engine */

/* Opens the database at path. With DB_OPEN_CREATE a missing or empty file
 * becomes a new database: the defaults in language ("en" or "de"), login
 * its General administrator. Reading never writes: a database of an older
 * schema (or made before lead management) is refused unless
 * DB_OPEN_UPGRADE, with the command that upgrades it, and is left byte for
 * byte as it was. An upgrade keeps a copy of the old file first, and makes
 * login General administrator only when the database has none; the notes
 * (db_notes) say what it did. login is the acting user's login, which the
 * caller knows (the domain's rights_os_login()). Errors name the file and
 * the reason (status LA_DB). A file that cannot be written opens
 * read-only, which db_readonly() tells. */
enum la_status db_open(const char *path, int flags, const char *language,
		       const char *login, struct db **out, struct la_err *err);
/* db_open, reporting to fn how far the copy of the old file that an
 * upgrade keeps got (see backup_before_upgrade); the migrations after it
 * report nothing. */
enum la_status db_open_progress(const char *path, int flags, const char *language,
				const char *login, progress_fn *fn, progress_stage_fn *stage, void *ctx,
				struct db **out, struct la_err *err);
void db_close(struct db *db);

/* Long work on db (a backup's pages, the bytes of a submit) reports how far
 * it got to fn, which the command line points at its progress meter; NULL
 * reports nowhere. */
void db_set_progress(struct db *db, progress_fn *fn, void *ctx);
/* And of a new stage of the work (NULL: nobody is told). */
void db_set_progress_stage(struct db *db, progress_stage_fn *stage);
void db_progress_stage(struct db *db, const char *label, enum progress_unit unit, uint64_t total);
void db_progress(struct db *db, uint64_t done, uint64_t total);
/* Is anyone told? (Work whose total costs something to know asks first.) */
bool db_progress_wanted(const struct db *db);

/* True when path is a PostgreSQL connection URI (postgresql://…,
 * postgres://…), which db_open sends to the server. */
bool db_is_server_url(const char *path);
/* The SQLite connection; NULL for a PostgreSQL database. */
sqlite3 *db_handle(struct db *db);
const char *db_path(const struct db *db);
/* The schema of the database's own tables and the one of the temporary
 * tables, as SQL names them to tell a table from a temporary one of the
 * same name: "main" and "temp" on SQLite. */
const char *db_main_schema(const struct db *db);
const char *db_temp_schema(const struct db *db);
bool db_readonly(const struct db *db);
/* Why the database opened read-only when its group shares it only in
 * part (see dbfile_readonly_why), or NULL. */
const char *db_readonly_why(const struct db *db);
/* The language of the database's default items ("en" or "de"). */
const char *db_language(const struct db *db);
/* The schema version this program uses on the engine of db
 * (DB_SCHEMA_VERSION or DB_PG_SCHEMA_VERSION). */
int db_schema_version(const struct db *db);
/* True when this open upgraded a database made before lead management. */
bool db_was_legacy(const struct db *db);
/* True once this session met damage (SQLite said "malformed", or the
 * pages a write was about to commit failed quick_check): from then on
 * every db_begin is refused. db_damage gives LA_OK, or LA_DB with the
 * message (restore a backup; the first lines of PRAGMA quick_check). */
bool db_damaged(const struct db *db);
enum la_status db_damage(struct db *db, struct la_err *err);

/* The name to give SQLite for a file path (newly allocated): a path is
 * never read as a URI ("file:x.db" is the file of that name). The one
 * exception is ":memory:", which the command line refuses. */
char *db_file_name(const char *path);

/* What creating or upgrading the database did, one sentence each (static
 * until db_close); *n gets how many. */
const char *const *db_notes(const struct db *db, size_t *n);
/* Adds a note (printf-style). */
void db_note(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The prepared statement for sql, reset and its bindings cleared. sql is
 * a literal (or other static text): the cache knows it by its address.
 * The statement stays valid until db_close, so a caller may hold it while
 * it calls functions that prepare others; only another db_stmt for the
 * same sql resets it. */
struct db_stmt *db_stmt(struct db *db, const char *sql, struct la_err *err);
/* db_stmt of an INSERT of one row, sql "INSERT ... RETURNING <id>", for
 * db_step_id, where <id> is the table's INTEGER PRIMARY KEY: on SQLite the
 * statement is sql without its RETURNING, and db_step_id reads the row's
 * rowid (SQLite makes and drops a temporary table for each RETURNING). */
struct db_stmt *db_stmt_insert(struct db *db, const char *sql, struct la_err *err);
/* The statement of one INSERT of rows rows (1 to DB_ROWS_MAX), made of
 * sql, a literal "INSERT INTO t (...) VALUES (<row>)", optionally followed
 * by " RETURNING <id>" (as db_stmt_insert), or of a SELECT of such rows
 * ("... FROM (VALUES (<row>)) AS v ...", its columns v.column1 ... on
 * both engines): <row> numbers its parameters
 * ?1..?W, and row r (from 0) of the statement takes ?(r*W+1)..?(r*W+W).
 * One statement of many rows does the work of a statement once, not once
 * a row (on SQLite, its statement journal). Cached like db_stmt.
 * DB_ROWS_MAX is the largest db_rows_best of the engines. */
#define DB_ROWS_MAX 256
struct db_stmt *db_stmt_rows(struct db *db, const char *sql, size_t rows, struct la_err *err);
/* The rows a statement of db_stmt_rows best holds on the engine of db (1 to
 * DB_ROWS_MAX): a caller that writes or looks up many rows sends them in
 * statements of this many (submit's chunks and windows). */
size_t db_rows_best(const struct db *db);

/* ---- A statement's parameters and rows
 * The domain reads and binds a statement only through these, so that the
 * engine behind it can change: parameters count from 1, columns from 0.
 * Text bound with db_bind_text stays the caller's and must live until the
 * statement is reset (db_bind_text_copy copies it); a NULL pointer binds
 * NULL. Text read with db_col_text lives until the next step or reset;
 * a NULL value reads as NULL. */
enum db_step {
	DB_ROW = 1, /* a row is there to read */
	DB_DONE,    /* no more rows: the statement ran to its end */
	DB_FAILED,  /* db_fail tells why */
};
enum db_step db_step(struct db_stmt *st);
void db_reset(struct db_stmt *st);
void db_bind_int64(struct db_stmt *st, int param, int64_t v);
void db_bind_int(struct db_stmt *st, int param, int v);
void db_bind_text(struct db_stmt *st, int param, const char *text);
void db_bind_textn(struct db_stmt *st, int param, const char *text, size_t len);
void db_bind_text_copy(struct db_stmt *st, int param, const char *text);
void db_bind_null(struct db_stmt *st, int param);
/* Binds a row's id, or NULL when id is 0 or below (no row). */
void db_bind_id(struct db_stmt *st, int param, int64_t id);
int64_t db_col_int64(struct db_stmt *st, int col);
int db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_null(struct db_stmt *st, int col);
/* True when the value is stored as an integer (a column of a SQLite table
 * may hold other kinds too). */
bool db_col_is_integer(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
/* The name of column col (known before the first step), or NULL. */
const char *db_col_name(struct db_stmt *st, int col);
/* A statement of text made at run time (a table's name from the list
 * definition table), which db_stmt cannot keep: NULL when it does not
 * prepare (err says why, naming what); db_finalize frees it (NULL is fine). */
struct db_stmt *db_prepare(struct db *db, const char *sql, const char *what,
			  struct la_err *err);
void db_finalize(struct db_stmt *st);
/* The id the last INSERT of this session gave its row. */
int64_t db_last_id(struct db *db);
/* Runs an INSERT ... RETURNING <id column> of one row to its end and gives
 * the id in *id: no second statement to ask for it (on a server, no second
 * round trip); on SQLite, a statement of db_stmt_insert gives its rowid.
 * Resets st; what names the table in a failure. */
enum la_status db_step_id(struct db *db, struct db_stmt *st, const char *what,
			  int64_t *id, struct la_err *err);
/* Runs a statement that returns no row (an INSERT, UPDATE, DELETE) and
 * resets it: LA_OK when it ran to its end, else db_fail's status, naming
 * what. */
enum la_status db_step_done(struct db *db, struct db_stmt *st, const char *what,
			    struct la_err *err);
/* db_step_id of a db_stmt_rows statement: the ids of its rows rows, in
 * the order of its VALUES, in ids. */
enum la_status db_step_ids(struct db *db, struct db_stmt *st, const char *what,
			   size_t rows, int64_t *ids, struct la_err *err);
/* How many rows the last INSERT, UPDATE or DELETE changed. */
int64_t db_changes(struct db *db);

/* BEGIN IMMEDIATE with the busy timeout; refused on a read-only database
 * and on one found damaged (db_damaged).
 * Calls nest: inside a transaction they make savepoints, so a domain
 * operation can also be one step of a larger atomic change. */
enum la_status db_begin(struct db *db, struct la_err *err);
/* The outermost commit first checks the pages of each table the session
 * changed (PRAGMA quick_check(TABLE), once a session): damage rolls the
 * transaction back and marks the session damaged. */
enum la_status db_commit(struct db *db, struct la_err *err);
void db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);
/* Inside the transaction db_begin just opened, the calls that nest make no
 * savepoints: for a change that is all or nothing, whose first failing
 * step rolls the whole of it back (an import). A nested rollback then
 * dooms the transaction: its commit is refused and rolls it back. Ends
 * with the transaction. */
void db_nest_without_savepoints(struct db *db);
/* What a step of such an all-or-nothing transaction found true of the
 * database and that the transaction's own steps keep true, so that the
 * steps after it need not ask again: bits of the caller's, kept only while
 * the calls nest without savepoints (a savepoint's rollback could undo
 * what was found) and forgotten when the transaction ends. */
enum {
	DB_MARK_NAME_KEYS = 1 << 0,  /* no list row lacks its name key */
	DB_MARK_GROUPING = 1 << 1,   /* grouping.c knows the grouping switch */
};
void db_txn_mark(struct db *db, unsigned mark);
bool db_txn_marked(const struct db *db, unsigned mark);
/* A read transaction: the statements until db_read_end see one state of
 * the database, whatever others commit meanwhile (e.g. two passes over
 * the same rows). Within a transaction it does nothing (*started false):
 * that one already is one state. */
enum la_status db_read_begin(struct db *db, bool *started, struct la_err *err);
void db_read_end(struct db *db, bool started);
/* How long to wait for another writer ([database] busy_timeout). */
void db_set_busy_timeout(struct db *db, int ms);
/* [database] synchronous: FULL makes each commit durable when it returns;
 * NORMAL (with WAL) may lose the last commits on power loss, never
 * consistency. db_synchronous tells the level in use (SQLite's number:
 * 1 NORMAL, 2 FULL). */
enum la_status db_set_synchronous(struct db *db, bool full, struct la_err *err);
int db_synchronous(struct db *db);
/* Within a transaction: other changes of table wait until it ends, its
 * readers do not. SQLite's writers wait for each other already (BEGIN
 * IMMEDIATE); PostgreSQL's take a lock on the table. */
enum la_status db_lock_table(struct db *db, const char *table, struct la_err *err);
/* Makes the database's server role of kind role ("general", "lists",
 * "user": data/pg/schema.sql's la_role) the one that login holds, in the
 * open transaction; with admin, the login may grant each of them on. A
 * NULL role takes them all away. SQLite has no roles: nothing to do. On
 * PostgreSQL the login must have its own role on the server already. */
enum la_status db_grant_role(struct db *db, const char *login, const char *role, bool admin,
			     struct la_err *err);
/* After rows of table were written with their own ids: the next row
 * added gets an id above them all. SQLite's ids do that themselves;
 * PostgreSQL's identity column id is set past the highest one. */
enum la_status db_sync_identity(struct db *db, const char *table, const char *id,
				struct la_err *err);
/* After rows of table were written in bulk (copy): the server's planner
 * statistics of it made from them, in the open transaction. Until then,
 * or until the server's autovacuum gets to it, it plans for the empty
 * table: costs so high that each statement is compiled (JIT) first, 0.2 s
 * for a screen's page. SQLite plans without them: nothing to do. */
enum la_status db_analyze(struct db *db, const char *table, struct la_err *err);
/* Within a transaction: the triggers of leadadmin's own on table (not
 * those of its foreign keys) off, or on again, for a copy that makes the
 * kept counts from the rows once at its end (counts_rebuild). PostgreSQL
 * keeps each version of a counter row that one transaction updates again
 * and again, so that each update gets slower; SQLite's triggers cost
 * little, and stay on. */
enum la_status db_table_triggers(struct db *db, const char *table, bool on,
				 struct la_err *err);
/* Temporary data (SQLite's statement journals) in memory (on) or where
 * the engine keeps it by default (off); PostgreSQL decides this itself. */
void db_temp_in_memory(struct db *db, bool on);

/* Runs sql (a literal without parameters) and reports failure as LA_DB. */
enum la_status db_exec(struct db *db, const char *sql, struct la_err *err);

/* Turns the current SQLite error into err; returns LA_DB (or LA_READONLY). */
enum la_status db_fail(struct db *db, struct la_err *err, const char *what);

/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(struct db *db);

/* A value of our setting table, or def when unset (static until next call). */
const char *db_setting(struct db *db, const char *key, const char *def);
/* Sets a value of our setting table (added or replaced). */
enum la_status db_set_setting(struct db *db, const char *key, const char *value,
			      struct la_err *err);

/* Binds the time now as SQLite's strftime('%Y-%m-%d %H:%M:%S', 'now')
 * writes it, made here: SQLite makes it digit by digit, for every row. */
void db_bind_now(struct db_stmt *st, int col);
/* The same time as text, valid until the next call. */
const char *db_now_text(void);

#endif

/* The PostgreSQL engine of the store, through libpq: a connection and its
 * statements, which the domain reads and binds through the statement
 * interface of db.h like SQLite's. Only the store includes this.
 *
 * Statements are written once for both engines, in SQLite's spelling of
 * parameters (? and ?N); pg_sql gives PostgreSQL's ($N). Parameters go to
 * the server as text and the server infers their types (a number the text
 * does not use is text); rows come one at a time (libpq's single-row
 * mode). libpq runs one statement at a time on a connection: when a
 * statement starts while another still has rows to give, the rows left of
 * the other are read first and kept with it, compactly in one buffer, and
 * it goes on from them; what its end says (changes, a failure) is told
 * when it gets there. A reset of a statement half-way through its rows
 * reads the rest of them (and drops them).
 *
 * Where PostgreSQL differs and the engine does not hide it:
 *   - a failed statement inside a transaction fails the transaction: the
 *     statements after it fail (25P02), and its COMMIT is reported as a
 *     failure (the server rolled it back);
 *   - pg_last_id is the value the session's last sequence gave, which an
 *     INSERT with its own id, or one that inserted nothing, leaves as it
 *     was (a statement that needs its row's id should say RETURNING);
 *   - a parameter the server cannot infer the type of (? IS NULL) needs a
 *     cast in the SQL.
 * Every statement must be finalized before pg_close. */
#ifndef LA_DB_PG_H
#define LA_DB_PG_H

#include <stdint.h>

#include "db.h"
#include "status.h"

struct pg_conn;

/* True when url names a PostgreSQL database (postgresql:// or postgres://,
 * a libpq connection URI). */
bool pg_is_url(const char *url);
/* Connects to the database url names. Errors (status LA_DB) give libpq's
 * reason. */
enum la_status pg_connect(const char *url, struct pg_conn **out, struct la_err *err);
/* url as messages show it, newly allocated: a password in it is "***". */
char *pg_shown_url(const char *url);
void pg_close(struct pg_conn *c);

/* sql with SQLite's parameters (?, ?N) as PostgreSQL's ($N), newly
 * allocated; *nparams gets the highest number. Quoted text, quoted names
 * and comments are left as they are. NULL when a number is above 32766,
 * SQLite's limit. */
char *pg_sql(const char *sql, int *nparams);

/* A statement of the engine for sql, prepared on the server; NULL when it
 * does not prepare (err says why, naming what). db_finalize frees it. */
struct db_stmt *pg_prepare(struct pg_conn *c, const char *sql, const char *what,
			   struct la_err *err);
/* Runs sql (no parameters, no rows wanted). */
enum la_status pg_exec(struct pg_conn *c, const char *sql, const char *what,
		       struct la_err *err);

/* True while c is inside a transaction (a failed one too). */
bool pg_in_transaction(struct pg_conn *c);
/* How many notifications of other sessions the connection has had (on
 * the channels it LISTENs to): it reads what the server sent, never
 * waits. The server sends them at commit. */
int64_t pg_notifications(struct pg_conn *c);
/* The constraint that the last failure names ("" for none). */
const char *pg_constraint(const struct pg_conn *c);

/* What the last statement that failed on c said: its SQLSTATE (five
 * characters, "" when the failure was not the server's) and message. */
const char *pg_sqlstate(const struct pg_conn *c);
const char *pg_message(const struct pg_conn *c);
/* The failure of the last statement as err (status LA_DB), naming what. */
enum la_status pg_fail(struct pg_conn *c, struct la_err *err, const char *what);

/* How many rows the last INSERT, UPDATE or DELETE that ran to its end
 * changed. */
int64_t pg_changes(const struct pg_conn *c);
/* The value the last sequence this session used gave (the id of the row
 * an INSERT just made: lastval()), or -1. */
int64_t pg_last_id(struct pg_conn *c);

#endif

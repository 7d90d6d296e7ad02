#include "config.h"
#include "db_pg.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db_engine.h"
#include "i18n.h"
#include "mem.h"

/* The server's type numbers (pg_type.oid) the engine reads differently. */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23

struct pg_stmt;

struct pg_conn {
	PGconn *c;
	/* The statement whose rows the connection is giving, or NULL. */
	struct pg_stmt *active;
	unsigned long named;   /* statements prepared: their names' numbers */
	int64_t changes;
	char sqlstate[6];
	char message[512];
};

enum pg_state {
	PG_IDLE,    /* not started since the last reset */
	PG_RUNNING, /* the connection gives its rows (conn->active) */
	PG_KEPT,    /* its rows left were read and kept (another one started) */
	PG_ENDED,   /* ran to its end or failed */
};

struct pg_stmt {
	struct db_stmt base;
	struct pg_conn *conn;
	char name[32];
	int nparams;
	const char **values;  /* per parameter: NULL (SQL NULL) or its text */
	char **texts;         /* each parameter's own copy of its text */
	size_t *caps;
	int ncols;
	enum pg_state state;
	PGresult *row;        /* the current row (a result of one row) */
	PGresult **kept;      /* PG_KEPT: the rows left, from kept[next] */
	size_t nkept, next, kept_cap;
	enum db_step kept_end;
};

bool pg_is_url(const char *url)
{
	return url && (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0);
}

/* ---- SQLite's parameters as PostgreSQL's */

/* Copies the quoted text or name at p (which starts with its quote) to *o;
 * a doubled quote inside it is its quote, and two quoted parts in a row
 * are copied as two. Returns what follows it. */
static const char *copy_quoted(const char *p, char **o)
{
	char q = *p;

	*(*o)++ = *p++;
	while (*p && *p != q)
		*(*o)++ = *p++;
	if (*p)
		*(*o)++ = *p++;
	return p;
}

char *pg_sql(const char *sql, int *nparams)
{
	size_t len = strlen(sql);
	/* Each ? of one byte becomes at most "$32766" (the most SQLite
	 * allows): six bytes. */
	char *out = malloc(len * 6 + 1), *o = out;
	const char *p = sql;
	int max = 0;

	if (!out)
		abort();
	while (*p) {
		if (*p == '\'' || *p == '"' || *p == '`') {
			p = copy_quoted(p, &o);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				*o++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t n = end ? (size_t)(end + 2 - p) : strlen(p);

			memcpy(o, p, n);
			o += n;
			p += n;
		} else if (*p == '?') {
			long n = 0;

			p++;
			if (isdigit((unsigned char)*p)) {
				while (isdigit((unsigned char)*p) && n <= 32766)
					n = n * 10 + (*p++ - '0');
			} else {
				n = max + 1;  /* a bare ?: one more than the highest so far */
			}
			if (n > max)
				max = (int)n;
			o += sprintf(o, "$%ld", n);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	if (nparams)
		*nparams = max;
	return out;
}

/* ---- Errors */

static void set_message(struct pg_conn *c, const char *sqlstate, const char *msg)
{
	size_t n;

	snprintf(c->sqlstate, sizeof(c->sqlstate), "%s", sqlstate ? sqlstate : "");
	snprintf(c->message, sizeof(c->message), "%s", msg && *msg ? msg : "unknown failure");
	n = strlen(c->message);
	while (n && (c->message[n - 1] == '\n' || c->message[n - 1] == ' '))
		c->message[--n] = '\0';
}

/* Keeps what a failed result (or, r NULL, the connection) says. */
static void note_failure(struct pg_conn *c, const PGresult *r)
{
	if (r && PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY))
		set_message(c, PQresultErrorField(r, PG_DIAG_SQLSTATE),
			    PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
	else
		set_message(c, NULL, PQerrorMessage(c->c));
}

const char *pg_sqlstate(const struct pg_conn *c) { return c->sqlstate; }
const char *pg_message(const struct pg_conn *c) { return c->message; }

enum la_status pg_fail(struct pg_conn *c, struct la_err *err, const char *what)
{
	return la_fail(err, LA_DB, LA_FIELD_NONE, "%s (%s)", c->message, what);
}

/* A command that changes rows sets how many it changed (as SQLite's
 * changes() does; a SELECT leaves it). */
static void note_changes(struct pg_conn *c, const PGresult *r)
{
	const char *status = PQcmdStatus((PGresult *)r);

	if (strncmp(status, "INSERT", 6) == 0 || strncmp(status, "UPDATE", 6) == 0 ||
	    strncmp(status, "DELETE", 6) == 0 || strncmp(status, "MERGE", 5) == 0)
		c->changes = strtoll(PQcmdTuples((PGresult *)r), NULL, 10);
}

int64_t pg_changes(const struct pg_conn *c) { return c->changes; }

/* ---- Rows from the connection */

/* Reads and drops what the connection still has of the running command. */
static void drain(struct pg_conn *c)
{
	PGresult *r;

	while ((r = PQgetResult(c->c)))
		PQclear(r);
}

/* The next result of st, the running statement: a row, or its end. */
static enum db_step fetch(struct pg_stmt *st, PGresult **row)
{
	struct pg_conn *c = st->conn;
	PGresult *r = PQgetResult(c->c);
	enum db_step end = DB_DONE;

	*row = NULL;
	switch (r ? PQresultStatus(r) : PGRES_FATAL_ERROR) {
	case PGRES_SINGLE_TUPLE:
		*row = r;
		return DB_ROW;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		note_changes(c, r);
		break;
	default:
		note_failure(c, r);
		end = DB_FAILED;
		break;
	}
	PQclear(r);
	if (r)
		drain(c);
	c->active = NULL;
	return end;
}

/* Another statement is to run: the rows left of the running one are read
 * and kept with it, which goes on from them. */
static void keep_rows(struct pg_conn *c)
{
	struct pg_stmt *st = c->active;
	PGresult *row;
	enum db_step got;

	if (!st)
		return;
	while ((got = fetch(st, &row)) == DB_ROW) {
		LA_RESERVE(st->kept, st->nkept, st->kept_cap, 16);
		st->kept[st->nkept++] = row;
	}
	st->kept_end = got;
	st->state = PG_KEPT;
}

static void drop_kept(struct pg_stmt *st)
{
	while (st->next < st->nkept)
		PQclear(st->kept[st->next++]);
	st->nkept = st->next = 0;
}

/* ---- The statement interface (db_engine.h) */

static struct pg_stmt *pg(struct db_stmt *st) { return (struct pg_stmt *)st; }

static void pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);

	if (st->state == PG_RUNNING) {
		drain(st->conn);
		st->conn->active = NULL;
	}
	drop_kept(st);
	PQclear(st->row);
	st->row = NULL;
	st->state = PG_IDLE;
}

static enum db_step pg_step(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);
	struct pg_conn *c = st->conn;

	PQclear(st->row);
	st->row = NULL;
	switch (st->state) {
	case PG_ENDED:  /* runs again, as SQLite's does after its end */
		pg_reset(base);
		/* fall through */
	case PG_IDLE:
		keep_rows(c);
		if (!PQsendQueryPrepared(c->c, st->name, st->nparams, st->values, NULL, NULL, 0)) {
			note_failure(c, NULL);
			st->state = PG_ENDED;
			return DB_FAILED;
		}
		if (!PQsetSingleRowMode(c->c))
			abort();  /* only refused when not called right after the send */
		c->active = st;
		st->state = PG_RUNNING;
		/* fall through */
	case PG_RUNNING: {
		enum db_step got = fetch(st, &st->row);

		if (got != DB_ROW)
			st->state = PG_ENDED;
		return got;
	}
	case PG_KEPT:
		if (st->next < st->nkept) {
			st->row = st->kept[st->next++];
			return DB_ROW;
		}
		drop_kept(st);
		st->state = PG_ENDED;
		return st->kept_end;
	}
	return DB_FAILED;
}

/* Room for the text of parameter param (from 1) of n bytes and its NUL;
 * NULL when the statement has no such parameter. */
static char *param_room(struct pg_stmt *st, int param, size_t n)
{
	int i = param - 1;

	if (param < 1 || param > st->nparams || n == SIZE_MAX)
		return NULL;
	if (st->caps[i] < n + 1) {
		size_t cap = n + 1 > 32 ? n + 1 : 32;

		if (!(st->texts[i] = realloc(st->texts[i], cap)))
			abort();
		st->caps[i] = cap;
	}
	st->values[i] = st->texts[i];
	return st->texts[i];
}

static void pg_bind_int64(struct db_stmt *base, int param, int64_t v)
{
	char *room = param_room(pg(base), param, 24);

	if (room)
		snprintf(room, 24, "%" PRId64, v);
}

/* libpq sends text parameters up to their NUL, so the engine always keeps
 * its own copy (copy makes no difference here). */
static void pg_bind_text(struct db_stmt *base, int param, const char *text, size_t len,
			 bool copy)
{
	char *room = param_room(pg(base), param, len);

	(void)copy;
	if (room) {
		memcpy(room, text, len);
		room[len] = '\0';
	}
}

static void pg_bind_null(struct db_stmt *base, int param)
{
	struct pg_stmt *st = pg(base);

	if (param >= 1 && param <= st->nparams)
		st->values[param - 1] = NULL;
}

static bool in_row(struct pg_stmt *st, int col)
{
	return st->row && col >= 0 && col < PQnfields(st->row) && !PQgetisnull(st->row, 0, col);
}

/* A boolean reads as SQLite's comparisons give it: 1 or 0. */
static const char *pg_col_text(struct db_stmt *base, int col)
{
	struct pg_stmt *st = pg(base);
	const char *v;

	if (!in_row(st, col))
		return NULL;
	v = PQgetvalue(st->row, 0, col);
	if (PQftype(st->row, col) == OID_BOOL)
		return *v == 't' ? "1" : "0";
	return v;
}

static int64_t pg_col_int64(struct db_stmt *base, int col)
{
	const char *v = pg_col_text(base, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

static enum db_kind pg_col_kind(struct db_stmt *base, int col)
{
	struct pg_stmt *st = pg(base);

	if (!in_row(st, col))
		return DB_KIND_NULL;
	switch (PQftype(st->row, col)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return DB_KIND_INTEGER;
	default:
		return DB_KIND_OTHER;
	}
}

static int pg_col_count(struct db_stmt *base) { return pg(base)->ncols; }

static void pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);
	char sql[64];
	int i;

	pg_reset(base);
	keep_rows(st->conn);
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
	/* In a failed transaction the server refuses this too; the statement
	 * then lives until the connection ends. */
	PQclear(PQexec(st->conn->c, sql));
	for (i = 0; i < st->nparams; i++)
		free(st->texts[i]);
	free(st->texts);
	free(st->caps);
	free(st->values);
	free(st->kept);
	free(st);
}

static const struct db_stmt_ops pg_ops = {
	.step = pg_step,
	.reset = pg_reset,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_kind = pg_col_kind,
	.col_count = pg_col_count,
	.finalize = pg_finalize,
};

/* ---- The connection */

/* The server's notices (e.g. of an IF NOT EXISTS that found the table)
 * would go to stderr, over the screen: they are dropped. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

enum la_status pg_connect(const char *url, struct pg_conn **out, struct la_err *err)
{
	struct pg_conn *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		abort();
	c->c = PQconnectdb(url);
	if (!c->c)
		abort();
	if (PQstatus(c->c) != CONNECTION_OK || PQsetClientEncoding(c->c, "UTF8") != 0) {
		enum la_status rc;

		set_message(c, NULL, PQerrorMessage(c->c));
		rc = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("cannot connect to the PostgreSQL database: %s"), c->message);
		pg_close(c);
		return rc;
	}
	PQsetNoticeProcessor(c->c, ignore_notice, NULL);
	*out = c;
	return LA_OK;
}

void pg_close(struct pg_conn *c)
{
	if (!c)
		return;
	PQfinish(c->c);
	free(c);
}

struct db_stmt *pg_prepare(struct pg_conn *c, const char *sql, const char *what,
			   struct la_err *err)
{
	struct pg_stmt *st;
	PGresult *r;
	char *text;
	int n, i;

	keep_rows(c);
	text = pg_sql(sql, &n);
	if (!(st = calloc(1, sizeof(*st))))
		abort();
	st->base.ops = &pg_ops;
	st->conn = c;
	snprintf(st->name, sizeof(st->name), "la_%lu", ++c->named);
	r = PQprepare(c->c, st->name, text, n, NULL);
	free(text);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		note_failure(c, r);
		PQclear(r);
		free(st);
		pg_fail(c, err, what);
		return NULL;
	}
	PQclear(r);
	/* The columns the statement gives, known before it runs, as
	 * SQLite's column count is. */
	r = PQdescribePrepared(c->c, st->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		note_failure(c, r);
		PQclear(r);
		st->nparams = 0;
		pg_finalize(&st->base);
		pg_fail(c, err, what);
		return NULL;
	}
	st->ncols = PQnfields(r);
	st->nparams = n;
	PQclear(r);
	if (!(st->values = calloc((size_t)n + 1, sizeof(*st->values))) ||
	    !(st->texts = calloc((size_t)n + 1, sizeof(*st->texts))) ||
	    !(st->caps = calloc((size_t)n + 1, sizeof(*st->caps))))
		abort();
	for (i = 0; i < n; i++)
		st->values[i] = NULL;
	return &st->base;
}

enum la_status pg_exec(struct pg_conn *c, const char *sql, const char *what,
		       struct la_err *err)
{
	PGresult *r;
	ExecStatusType s;

	keep_rows(c);
	r = PQexec(c->c, sql);
	s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		note_failure(c, r);
		PQclear(r);
		return pg_fail(c, err, what);
	}
	note_changes(c, r);
	PQclear(r);
	return LA_OK;
}

int64_t pg_last_id(struct pg_conn *c)
{
	/* lastval() fails when no sequence was used yet, and a failure
	 * inside a transaction would end it: there it runs in a savepoint. */
	bool inside = PQtransactionStatus(c->c) == PQTRANS_INTRANS;
	PGresult *r;
	int64_t id = -1;

	keep_rows(c);
	if (inside)
		PQclear(PQexec(c->c, "SAVEPOINT la_last_id"));
	r = PQexec(c->c, "SELECT lastval()");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else if (inside)
		PQclear(PQexec(c->c, "ROLLBACK TO SAVEPOINT la_last_id"));
	PQclear(r);
	if (inside)
		PQclear(PQexec(c->c, "RELEASE SAVEPOINT la_last_id"));
	return id;
}

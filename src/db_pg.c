#include "config.h"
#include "db_pg.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <dlfcn.h>
#include <libpq-fe.h>

#include "db_engine.h"
#include "i18n.h"
#include "mem.h"

/* libpq is loaded when a PostgreSQL database is first opened, not with
 * the program: linked, it and the libraries it needs (Kerberos, LDAP,
 * TLS) took about 7 ms of every start, also for a SQLite database. Its
 * functions are called through the pointers below, under their own
 * names. */
#define LIBPQ_SONAME "libpq.so.5"
#define LIBPQ_FUNCS(X) \
	X(PQclear) \
	X(PQexec) \
	X(PQresultStatus) \
	X(PQtransactionStatus) \
	X(PQresultErrorField) \
	X(PQgetvalue) \
	X(PQgetisnull) \
	X(PQgetResult) \
	X(PQerrorMessage) \
	X(PQcmdStatus) \
	X(PQstatus) \
	X(PQsetSingleRowMode) \
	X(PQsetNoticeProcessor) \
	X(PQsetClientEncoding) \
	X(PQsendQueryPrepared) \
	X(PQprepare) \
	X(PQntuples) \
	X(PQnotifies) \
	X(PQnfields) \
	X(PQgetlength) \
	X(PQftype) \
	X(PQfname) \
	X(PQfreemem) \
	X(PQfinish) \
	X(PQdescribePrepared) \
	X(PQconsumeInput) \
	X(PQconnectdb) \
	X(PQcmdTuples) \
	X(PQbackendPID)

static struct {
	void *so;
#define X(f) __typeof__(f) *f;
	LIBPQ_FUNCS(X)
#undef X
} libpq;

/* Loads libpq once; false (with why in why) when it cannot be. */
static bool libpq_load(char *why, size_t len)
{
	void *so;

	if (libpq.so)
		return true;
	if (!(so = dlopen(LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		snprintf(why, len, "%s", dlerror());
		return false;
	}
#define X(f)								\
	if (!(*(void **)&libpq.f = dlsym(so, #f))) {			\
		snprintf(why, len, "%s has no %s", LIBPQ_SONAME, #f);	\
		dlclose(so);						\
		return false;						\
	}
	LIBPQ_FUNCS(X)
#undef X
	libpq.so = so;
	return true;
}

/* From here on, each call goes through the loaded library. */
#define PQclear (*libpq.PQclear)
#define PQexec (*libpq.PQexec)
#define PQresultStatus (*libpq.PQresultStatus)
#define PQtransactionStatus (*libpq.PQtransactionStatus)
#define PQresultErrorField (*libpq.PQresultErrorField)
#define PQgetvalue (*libpq.PQgetvalue)
#define PQgetisnull (*libpq.PQgetisnull)
#define PQgetResult (*libpq.PQgetResult)
#define PQerrorMessage (*libpq.PQerrorMessage)
#define PQcmdStatus (*libpq.PQcmdStatus)
#define PQstatus (*libpq.PQstatus)
#define PQsetSingleRowMode (*libpq.PQsetSingleRowMode)
#define PQsetNoticeProcessor (*libpq.PQsetNoticeProcessor)
#define PQsetClientEncoding (*libpq.PQsetClientEncoding)
#define PQsendQueryPrepared (*libpq.PQsendQueryPrepared)
#define PQprepare (*libpq.PQprepare)
#define PQntuples (*libpq.PQntuples)
#define PQnotifies (*libpq.PQnotifies)
#define PQnfields (*libpq.PQnfields)
#define PQgetlength (*libpq.PQgetlength)
#define PQftype (*libpq.PQftype)
#define PQfname (*libpq.PQfname)
#define PQfreemem (*libpq.PQfreemem)
#define PQfinish (*libpq.PQfinish)
#define PQdescribePrepared (*libpq.PQdescribePrepared)
#define PQconsumeInput (*libpq.PQconsumeInput)
#define PQconnectdb (*libpq.PQconnectdb)
#define PQcmdTuples (*libpq.PQcmdTuples)
#define PQbackendPID (*libpq.PQbackendPID)

/* The server's type numbers (pg_type.oid) the engine reads differently. */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_NUMERIC 1700

/* SQLite's highest parameter number. */
#define PARAM_MAX 32766

struct pg_stmt;

struct pg_conn {
	PGconn *c;
	/* The statement whose rows the connection is giving, or NULL. */
	struct pg_stmt *active;
	unsigned long named;   /* statements prepared: their names' numbers */
	int64_t changes;
	/* Rows changed since the server last dropped its cached plans
	 * (forget_plans). */
	int64_t written;
	int64_t forgotten;  /* and before that */
	char sqlstate[6];
	char message[512];
	char constraint[64];   /* the constraint a failure names, or "" */
	/* Statements finalized in a failed transaction, which the server
	 * would not deallocate then: deallocated once it has ended. */
	char (*stale)[32];
	size_t nstale, stale_cap;
	/* Notifications of other sessions' commits (pg_notifications). */
	int64_t notified;
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
	Oid *types;           /* each column's type */
	PGresult *described;  /* the columns' names and types */
	enum pg_state state;
	PGresult *row;        /* the current row from the connection, or NULL */
	const char **colv;    /* the current row's values (NULL: SQL NULL) */
	/* PG_KEPT: the rows left, each column a flag byte (0 NULL, 1 a
	 * value) and its text with its NUL, one row after another in one
	 * buffer; row i starts at kept_at[i]. */
	char *kept;
	size_t kept_len, kept_cap;
	size_t *kept_at;
	size_t nkept, next, kept_at_cap;
	/* How the kept rows end, and what the end said. */
	enum db_step kept_end;
	int64_t kept_changes;  /* -1: the statement changed no rows */
	char kept_sqlstate[6];
	char kept_message[512];
	char kept_constraint[64];
};

int64_t pg_notifications(struct pg_conn *c)
{
	PGnotify *n;

	/* What the server sent so far, without waiting for more. */
	if (!c || PQconsumeInput(c->c) == 0)
		return c ? c->notified : 0;
	while ((n = PQnotifies(c->c))) {
		if (n->be_pid != PQbackendPID(c->c))
			c->notified++;
		PQfreemem(n);
	}
	return c->notified;
}

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

/* pg_sql, marking in used (PARAM_MAX + 1 flags, cleared by the caller)
 * each number the text uses; NULL for a number above PARAM_MAX. */
static char *translate(const char *sql, int *nparams, unsigned char *used)
{
	size_t len = strlen(sql);
	/* Each ? of one byte becomes at most "$32766": six bytes. */
	char *out = malloc(len * 6 + 1), *o = out;
	const char *p = sql;
	long max = 0;

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
				while (isdigit((unsigned char)*p) && n <= PARAM_MAX)
					n = n * 10 + (*p++ - '0');
				if (isdigit((unsigned char)*p))
					n = PARAM_MAX + 1;
			} else {
				n = max + 1;  /* a bare ?: one more than the highest so far */
			}
			if (n < 1 || n > PARAM_MAX) {
				free(out);
				return NULL;
			}
			if (n > max)
				max = n;
			if (used)
				used[n] = 1;
			o += sprintf(o, "$%ld", n);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	if (nparams)
		*nparams = (int)max;
	return out;
}

char *pg_sql(const char *sql, int *nparams)
{
	return translate(sql, nparams, NULL);
}

/* ---- Errors */

static void set_message(struct pg_conn *c, const char *sqlstate, const char *msg)
{
	size_t n;

	snprintf(c->sqlstate, sizeof(c->sqlstate), "%s", sqlstate ? sqlstate : "");
	c->constraint[0] = '\0';
	snprintf(c->message, sizeof(c->message), "%s", msg && *msg ? msg : "unknown failure");
	n = strlen(c->message);
	while (n && (c->message[n - 1] == '\n' || c->message[n - 1] == ' '))
		c->message[--n] = '\0';
}

/* Keeps what a failed result (or, r NULL, the connection) says. */
static void note_failure(struct pg_conn *c, const PGresult *r)
{
	const char *name = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;

	if (r && PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY))
		set_message(c, PQresultErrorField(r, PG_DIAG_SQLSTATE),
			    PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
	else
		set_message(c, NULL, PQerrorMessage(c->c));
	snprintf(c->constraint, sizeof c->constraint, "%s", name ? name : "");
}

const char *pg_sqlstate(const struct pg_conn *c) { return c->sqlstate; }
const char *pg_message(const struct pg_conn *c) { return c->message; }
const char *pg_constraint(const struct pg_conn *c) { return c->constraint; }

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
	    strncmp(status, "DELETE", 6) == 0 || strncmp(status, "MERGE", 5) == 0) {
		c->changes = strtoll(PQcmdTuples((PGresult *)r), NULL, 10);
		c->written += c->changes;
	}
}

int64_t pg_changes(const struct pg_conn *c) { return c->changes; }

/* ---- Rows from the connection */

/* Reads and drops what the connection still has of the running command;
 * true when that held a failure, which it notes when note. */
static bool drain(struct pg_conn *c, bool note)
{
	PGresult *r;
	bool failed = false;

	while ((r = PQgetResult(c->c))) {
		if (!failed && PQresultStatus(r) == PGRES_FATAL_ERROR) {
			if (note)
				note_failure(c, r);
			failed = true;
		}
		PQclear(r);
	}
	return failed;
}

/* The next result of st, the running statement: a row (in *row), or its
 * end, which sets what the connection says (changes, a failure). */
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
	/* Outside a transaction the statement's end is followed by its
	 * commit, which fails when a deferred constraint does (a row
	 * without its name key): then the statement failed. */
	if (r && drain(c, end == DB_DONE))
		end = DB_FAILED;
	c->active = NULL;
	return end;
}

/* Appends n bytes to the kept rows of st. */
static void keep_bytes(struct pg_stmt *st, const void *bytes, size_t n)
{
	if (!n)
		return;
	if (st->kept_len + n < st->kept_len)
		abort();
	LA_RESERVE(st->kept, st->kept_len + n - 1, st->kept_cap, 4096);
	memcpy(st->kept + st->kept_len, bytes, n);
	st->kept_len += n;
}

/* Another statement is to run: the rows left of the running one are read
 * and kept with it, in one buffer, and it goes on from them. What its end
 * says (changes, a failure) is kept with it too, and told when it gets
 * there: until then the connection says what it said before. */
static void keep_rows(struct pg_conn *c)
{
	struct pg_stmt *st = c->active;
	int64_t changes = c->changes;
	char sqlstate[sizeof(c->sqlstate)], message[sizeof(c->message)];
	char constraint[sizeof(c->constraint)];
	PGresult *row;
	int j;

	if (!st)
		return;
	memcpy(sqlstate, c->sqlstate, sizeof(sqlstate));
	memcpy(message, c->message, sizeof(message));
	memcpy(constraint, c->constraint, sizeof(constraint));
	c->changes = -1;
	while ((st->kept_end = fetch(st, &row)) == DB_ROW) {
		LA_RESERVE(st->kept_at, st->nkept, st->kept_at_cap, 64);
		st->kept_at[st->nkept++] = st->kept_len;
		for (j = 0; j < st->ncols; j++) {
			bool null = PQgetisnull(row, 0, j);
			unsigned char flag = null ? 0 : 1;

			keep_bytes(st, &flag, 1);
			if (!null)
				keep_bytes(st, PQgetvalue(row, 0, j), (size_t)PQgetlength(row, 0, j) + 1);
		}
		PQclear(row);
	}
	st->kept_changes = c->changes;
	memcpy(st->kept_sqlstate, c->sqlstate, sizeof(st->kept_sqlstate));
	memcpy(st->kept_message, c->message, sizeof(st->kept_message));
	memcpy(st->kept_constraint, c->constraint, sizeof(st->kept_constraint));
	c->changes = changes;
	memcpy(c->sqlstate, sqlstate, sizeof(sqlstate));
	memcpy(c->message, message, sizeof(message));
	memcpy(c->constraint, constraint, sizeof(constraint));
	st->state = PG_KEPT;
}

/* The current row is row (from the connection) or, row NULL, the kept
 * row at offset at (or none, at SIZE_MAX). */
static void set_row(struct pg_stmt *st, PGresult *row, size_t at)
{
	int j;

	PQclear(st->row);
	st->row = row;
	for (j = 0; j < st->ncols; j++) {
		if (row) {
			st->colv[j] = PQgetisnull(row, 0, j) ? NULL : PQgetvalue(row, 0, j);
		} else if (at != SIZE_MAX) {
			const char *v = st->kept + at;

			st->colv[j] = *v ? v + 1 : NULL;
			at += *v ? strlen(v + 1) + 2 : 1;
		} else {
			st->colv[j] = NULL;
		}
	}
}

static void drop_kept(struct pg_stmt *st)
{
	st->kept_len = st->nkept = st->next = 0;
}

/* ---- The statement interface (db_engine.h) */

static struct pg_stmt *pg(struct db_stmt *st) { return (struct pg_stmt *)st; }

static void pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);

	if (st->state == PG_RUNNING) {
		drain(st->conn, false);
		st->conn->active = NULL;
	}
	drop_kept(st);
	set_row(st, NULL, SIZE_MAX);
	st->state = PG_IDLE;
}

static void pg_clear(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);
	int i;

	pg_reset(base);
	for (i = 0; i < st->nparams; i++)
		st->values[i] = NULL;
}

static enum db_step pg_step(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);
	struct pg_conn *c = st->conn;

	set_row(st, NULL, SIZE_MAX);
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
		PGresult *row;
		enum db_step got = fetch(st, &row);

		if (got == DB_ROW)
			set_row(st, row, 0);
		else
			st->state = PG_ENDED;
		return got;
	}
	case PG_KEPT:
		if (st->next < st->nkept) {
			set_row(st, NULL, st->kept_at[st->next++]);
			return DB_ROW;
		}
		drop_kept(st);
		st->state = PG_ENDED;
		if (st->kept_changes >= 0)
			c->changes = st->kept_changes;
		if (st->kept_end == DB_FAILED) {
			memcpy(c->sqlstate, st->kept_sqlstate, sizeof(c->sqlstate));
			memcpy(c->message, st->kept_message, sizeof(c->message));
			memcpy(c->constraint, st->kept_constraint, sizeof(c->constraint));
		}
		return st->kept_end;
	}
	return DB_FAILED;
}

/* Whether parameter param (from 1) may be bound: the statement has it,
 * and has not run since its last reset (SQLite refuses that bind too, and
 * runs again with the values it had). */
static bool bindable(const struct pg_stmt *st, int param)
{
	return param >= 1 && param <= st->nparams && st->state == PG_IDLE;
}

/* Room for the text of parameter param of n bytes and its NUL; NULL when
 * it may not be bound. */
static char *param_room(struct pg_stmt *st, int param, size_t n)
{
	int i = param - 1;

	if (!bindable(st, param) || n == SIZE_MAX)
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

	if (bindable(st, param))
		st->values[param - 1] = NULL;
}

static const char *value(struct pg_stmt *st, int col)
{
	return col >= 0 && col < st->ncols ? st->colv[col] : NULL;
}

/* A boolean reads as SQLite's comparisons give it: 1 or 0. */
static const char *pg_col_text(struct db_stmt *base, int col)
{
	struct pg_stmt *st = pg(base);
	const char *v = value(st, col);

	if (v && st->types[col] == OID_BOOL)
		return *v == 't' ? "1" : "0";
	return v;
}

/* As SQLite reads a number of another kind as an integer: a real is cut
 * to its integer part (and to the range), text is read up to what is not
 * a number. */
static int64_t pg_col_int64(struct db_stmt *base, int col)
{
	const char *v = pg_col_text(base, col);
	char *end;
	long long n;

	if (!v)
		return 0;
	n = strtoll(v, &end, 10);
	if (*end == '.' || *end == 'e' || *end == 'E') {
		double d = strtod(v, NULL);

		if (d >= 9223372036854775807.0)
			return INT64_MAX;
		if (d <= -9223372036854775808.0)
			return INT64_MIN;
		return (int64_t)d;
	}
	return n;
}

static enum db_kind pg_col_kind(struct db_stmt *base, int col)
{
	struct pg_stmt *st = pg(base);
	const char *v = value(st, col);

	if (!v)
		return DB_KIND_NULL;
	switch (st->types[col]) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return DB_KIND_INTEGER;
	case OID_NUMERIC:  /* sum() of integers: an integer when it has no fraction */
		return strpbrk(v, ".eEN") ? DB_KIND_OTHER : DB_KIND_INTEGER;
	default:
		return DB_KIND_OTHER;
	}
}

static int pg_col_count(struct db_stmt *base) { return pg(base)->ncols; }

static const char *pg_col_name(struct db_stmt *base, int col)
{
	struct pg_stmt *st = pg(base);

	return col >= 0 && col < st->ncols ? PQfname(st->described, col) : NULL;
}

/* Deallocates the statements finalized during a failed transaction, once
 * it has ended. */
static void deallocate_stale(struct pg_conn *c)
{
	char sql[64];

	if (!c->nstale || PQtransactionStatus(c->c) != PQTRANS_IDLE)
		return;
	while (c->nstale) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", c->stale[--c->nstale]);
		PQclear(PQexec(c->c, sql));
	}
}

static void pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = pg(base);
	struct pg_conn *c = st->conn;
	char sql[64];
	int i;

	pg_reset(base);
	keep_rows(c);
	if (PQtransactionStatus(c->c) == PQTRANS_INERROR) {
		/* the server refuses everything until the transaction ends */
		LA_RESERVE(c->stale, c->nstale, c->stale_cap, 8);
		memcpy(c->stale[c->nstale++], st->name, sizeof(st->name));
	} else {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(c->c, sql));
	}
	for (i = 0; i < st->nparams; i++)
		free(st->texts[i]);
	free(st->texts);
	free(st->caps);
	free(st->values);
	free(st->types);
	PQclear(st->described);
	free(st->colv);
	free(st->kept);
	free(st->kept_at);
	free(st);
}

static const struct db_stmt_ops pg_ops = {
	.step = pg_step,
	.reset = pg_reset,
	.clear = pg_clear,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_kind = pg_col_kind,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
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

/* url as messages show it: a password in it becomes "***". */
/* The value of each password=… parameter of the URI s becomes "***" (s
 * has room: each grows by 3 bytes at most, and takes 10 of them). */
static void hide_password_param(char *s)
{
	char *p = strchr(s, '?');

	while (p) {
		p++;
		if (strncmp(p, "password=", 9) == 0) {
			char *value = p + 9, *end = value + strcspn(value, "&");

			memmove(value + 3, end, strlen(end) + 1);
			memcpy(value, "***", 3);
			p = value + 3;
		}
		p = strchr(p, '&');
	}
}

char *pg_shown_url(const char *url)
{
	const char *auth = strstr(url, "://"), *end, *at, *colon;
	char *out;

	/* Room for "***" where a password was shorter (hide_password_param). */
	if (!(out = malloc(2 * strlen(url) + 8)))
		abort();
	strcpy(out, url);
	if (!auth) {
		hide_password_param(out);
		return out;
	}
	auth += 3;
	end = auth + strcspn(auth, "/?");
	at = memchr(auth, '@', (size_t)(end - auth));
	colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon)
		sprintf(out + (colon + 1 - url), "***%s", at);
	hide_password_param(out);
	return out;
}

enum la_status pg_connect(const char *url, struct pg_conn **out, struct la_err *err)
{
	struct pg_conn *c;
	char why[256];

	*out = NULL;
	if (!libpq_load(why, sizeof why)) {
		char *shown = pg_shown_url(url);
		enum la_status rc = la_fail(err, LA_DB, LA_FIELD_NONE,
					    _("%s: PostgreSQL's client library cannot be loaded (%s); on Debian it is in the package libpq5"),
					    shown, why);

		free(shown);
		return rc;
	}
	if (!(c = calloc(1, sizeof(*c))))
		abort();
	c->c = PQconnectdb(url);
	if (!c->c)
		abort();
	if (PQstatus(c->c) != CONNECTION_OK || PQsetClientEncoding(c->c, "UTF8") != 0) {
		char *shown = pg_shown_url(url);
		enum la_status rc;

		set_message(c, NULL, PQerrorMessage(c->c));
		rc = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("%s: cannot connect to the PostgreSQL database: %s"), shown, c->message);
		free(shown);
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
	free(c->stale);
	free(c);
}

struct db_stmt *pg_prepare(struct pg_conn *c, const char *sql, const char *what,
			   struct la_err *err)
{
	static unsigned char used[PARAM_MAX + 1];
	struct pg_stmt *st;
	PGresult *r;
	Oid *types;
	char *text;
	int n = 0, i;

	keep_rows(c);
	deallocate_stale(c);
	memset(used, 0, sizeof(used));
	if (!(text = translate(sql, &n, used))) {
		set_message(c, "", "a parameter's number is above 32766");
		pg_fail(c, err, what);
		return NULL;
	}
	/* A number the text does not use is still a parameter, whose type
	 * the server cannot infer: it is text. */
	if (!(types = calloc((size_t)n + 1, sizeof(*types))))
		abort();
	for (i = 0; i < n; i++)
		types[i] = used[i + 1] ? 0 : OID_TEXT;
	if (!(st = calloc(1, sizeof(*st))))
		abort();
	st->base.ops = &pg_ops;
	st->conn = c;
	snprintf(st->name, sizeof(st->name), "la_%lu", ++c->named);
	r = PQprepare(c->c, st->name, text, n, types);
	free(text);
	free(types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		note_failure(c, r);
		PQclear(r);
		free(st);
		pg_fail(c, err, what);
		return NULL;
	}
	PQclear(r);
	if (!(st->values = calloc((size_t)n + 1, sizeof(*st->values))) ||
	    !(st->texts = calloc((size_t)n + 1, sizeof(*st->texts))) ||
	    !(st->caps = calloc((size_t)n + 1, sizeof(*st->caps))))
		abort();
	st->nparams = n;
	/* The columns the statement gives, known before it runs, as
	 * SQLite's are. */
	r = PQdescribePrepared(c->c, st->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		note_failure(c, r);
		PQclear(r);
		pg_finalize(&st->base);
		pg_fail(c, err, what);
		return NULL;
	}
	st->ncols = PQnfields(r);
	if (!(st->types = calloc((size_t)st->ncols + 1, sizeof(*st->types))) ||
	    !(st->colv = calloc((size_t)st->ncols + 1, sizeof(*st->colv))))
		abort();
	for (i = 0; i < st->ncols; i++)
		st->types[i] = PQftype(r, i);
	st->described = r;
	return &st->base;
}

/* The server keeps a plan for each prepared statement of the session,
 * and for each statement of the triggers and of the foreign keys' checks,
 * made when the statement first ran, after a few runs for every value:
 * a plan for the tables as they were then, until an ANALYZE changes
 * their statistics. A table that was (nearly) empty then is read whole
 * by that plan (a scan of its few pages is cheaper than an index's), and
 * keeps being read whole as it grows: a submit of 20,000 lines into a
 * database without submissions read form_submission whole for every
 * line's utm_parameters (its key's check) and look-up, 14 of its 32 s.
 * After a transaction that changed many rows the plans are dropped, to
 * be made again for the tables as they are now, once the rows changed
 * since the last drop are as many as those before it: a submit makes
 * them again after its first batch of a quarter of a second, then each
 * time it has doubled what it wrote (6 times for 100,000 lines, not 46:
 * making them again, the triggers' too, took some 0.4 s of its 11.5 s). */
#define FORGET_PLANS_ROWS 100

static void forget_plans(struct pg_conn *c)
{
	if (c->written < FORGET_PLANS_ROWS || c->written < c->forgotten ||
	    PQtransactionStatus(c->c) != PQTRANS_IDLE)
		return;
	c->forgotten += c->written;
	c->written = 0;
	PQclear(PQexec(c->c, "DISCARD PLANS"));
}

/* True when sql begins with word (any case) and a word ends there. */
static bool starts_with_word(const char *sql, const char *word)
{
	size_t n = strlen(word);

	while (isspace((unsigned char)*sql))
		sql++;
	return strncasecmp(sql, word, n) == 0 && !isalnum((unsigned char)sql[n]) && sql[n] != '_';
}

enum la_status pg_exec(struct pg_conn *c, const char *sql, const char *what,
		       struct la_err *err)
{
	PGresult *r;
	ExecStatusType s;
	bool ending;

	keep_rows(c);
	r = PQexec(c->c, sql);
	s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		note_failure(c, r);
		PQclear(r);
		return pg_fail(c, err, what);
	}
	/* A transaction in which a statement failed is rolled back by its
	 * COMMIT, which the server reports as done ("ROLLBACK"). */
	ending = starts_with_word(sql, "COMMIT") || starts_with_word(sql, "END");
	if (ending && strcmp(PQcmdStatus(r), "ROLLBACK") == 0) {
		PQclear(r);
		set_message(c, "25P02",
			    "a statement of the transaction failed, so the server rolled it back");
		return pg_fail(c, err, what);
	}
	note_changes(c, r);
	PQclear(r);
	deallocate_stale(c);
	forget_plans(c);
	return LA_OK;
}

bool pg_in_transaction(struct pg_conn *c)
{
	PGTransactionStatusType t;

	keep_rows(c);
	t = PQtransactionStatus(c->c);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

int64_t pg_last_id(struct pg_conn *c)
{
	bool inside;
	PGresult *r;
	int64_t id = -1;

	/* lastval() fails when no sequence was used yet in the session (or
	 * the last one used is gone), and a failure inside a transaction
	 * would end it: there it runs in a savepoint. The statements that
	 * run often say RETURNING instead (db_step_id). */
	keep_rows(c);
	inside = PQtransactionStatus(c->c) == PQTRANS_INTRANS;
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

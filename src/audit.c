#include "config.h"
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const char audit_sql[] =
	"INSERT INTO audit (associate_id, login, list, item_id, action, old_value, new_value, at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/* The rows kept while a batch is on (audit_batch_begin), each as
 * audit_write was given it, with the time it was given. */
struct audit_row {
	int64_t associate_id, item_id;
	char *login, *list, *action, *old_value, *new_value;
	char at[32];
};

static struct {
	struct db *db;      /* the batch's database, NULL when none is on */
	size_t n;
	struct audit_row rows[AUDIT_BATCH];
} batch;

static char *copy(const char *s)
{
	return s ? la_strdup(s) : NULL;
}

static void row_free(struct audit_row *r)
{
	free(r->login);
	free(r->list);
	free(r->action);
	free(r->old_value);
	free(r->new_value);
}

static void batch_clear(void)
{
	for (size_t i = 0; i < batch.n; i++)
		row_free(&batch.rows[i]);
	batch.n = 0;
}

/* The statement that writes n rows (1 or AUDIT_BATCH), made once a run. */
static const char *batch_sql(size_t n)
{
	static char sql[160 + AUDIT_BATCH * 64];

	if (n == 1)
		return audit_sql;
	if (!sql[0]) {
		size_t len = (size_t)snprintf(sql, sizeof(sql),
					      "INSERT INTO audit (associate_id, login, list, item_id, action, "
					      "old_value, new_value, at) VALUES ");

		for (size_t i = 0; i < AUDIT_BATCH; i++)
			len += (size_t)snprintf(sql + len, sizeof(sql) - len,
						"%s(?, ?, ?, ?, ?, ?, ?, ?)", i ? ", " : "");
	}
	return sql;
}

/* Writes the kept rows in their order: a full batch in one statement,
 * fewer one a statement. */
static enum la_status batch_write(struct db *db, struct la_err *err)
{
	enum la_status rc = LA_OK;
	size_t k = 0;

	while (rc == LA_OK && k < batch.n) {
		size_t n = batch.n - k >= AUDIT_BATCH ? AUDIT_BATCH : 1;
		struct db_stmt *st = db_stmt(db, batch_sql(n), err);

		if (!st) {
			rc = LA_DB;
			break;
		}
		for (size_t j = 0; j < n; j++) {
			const struct audit_row *r = &batch.rows[k + j];
			int p = (int)(8 * j);

			if (r->associate_id)
				db_bind_int64(st, p + 1, r->associate_id);
			db_bind_text(st, p + 2, r->login);
			db_bind_text(st, p + 3, r->list);
			if (r->item_id)
				db_bind_int64(st, p + 4, r->item_id);
			db_bind_text(st, p + 5, r->action);
			db_bind_text(st, p + 6, r->old_value);
			db_bind_text(st, p + 7, r->new_value);
			db_bind_text(st, p + 8, r->at);
		}
		if (db_step(st) != DB_DONE)
			rc = db_fail(db, err, "audit");
		db_reset(st);
		k += n;
	}
	batch_clear();
	return rc;
}

void audit_batch_begin(struct db *db)
{
	batch_clear();
	batch.db = db;
}

enum la_status audit_batch_flush(struct db *db, struct la_err *err)
{
	return batch.db == db ? batch_write(db, err) : LA_OK;
}

void audit_batch_end(struct db *db)
{
	if (batch.db != db)
		return;
	batch_clear();
	batch.db = NULL;
}

enum la_status audit_write(struct db *db, const struct la_actor *actor,
			   const char *list, int64_t item_id, const char *action,
			   const char *old_value, const char *new_value,
			   struct la_err *err)
{
	struct db_stmt *st;

	if (batch.db == db) {
		struct audit_row *r = &batch.rows[batch.n++];
		const char *now;
		size_t len;

		r->associate_id = actor->associate_id;
		r->item_id = item_id;
		r->login = copy(actor->login);
		r->list = copy(list);
		r->action = copy(action);
		r->old_value = copy(old_value);
		r->new_value = copy(new_value);
		now = db_now_text();
		len = strlen(now);
		if (len >= sizeof(r->at))
			abort();
		memcpy(r->at, now, len + 1);
		return batch.n == AUDIT_BATCH ? batch_write(db, err) : LA_OK;
	}
	if (!(st = db_stmt(db, audit_sql, err)))
		return LA_DB;
	if (actor->associate_id)
		db_bind_int64(st, 1, actor->associate_id);
	db_bind_text(st, 2, actor->login);
	db_bind_text(st, 3, list);
	if (item_id)
		db_bind_int64(st, 4, item_id);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, old_value);
	db_bind_text(st, 7, new_value);
	/* The column's default, made once here rather than by SQLite. */
	db_bind_now(st, 8);
	if (db_step(st) != DB_DONE)
		return db_fail(db, err, "audit");
	db_reset(st);
	return LA_OK;
}

enum la_status audit_last_id(struct db *db, int64_t *id, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, "SELECT coalesce(max(audit_id), 0) FROM audit", err);
	int rc;

	*id = 0;
	if (!st)
		return LA_DB;
	rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, "audit");
}

/* Delete with a move: what uses an item (companies, contacts, members)
 * moves to another item of its list before the item is deleted. */
#include "config.h"
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "json.h"
#include "lists_impl.h"
#include "mem.h"

#define NOW "strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now')"

long lists_used_count(const struct la_item *it, char *buf, size_t len)
{
	const struct la_usedby *u = lists_def(it->list)->used_by;
	long n;

	if (!u)
		return 0;
	n = *(const long *)((const char *)it + u->count);
	if (buf)
		u->count_text(n, buf, len);
	return n;
}

const char *lists_usage_text(const struct la_item *it, char *buf, size_t len)
{
	const struct la_usedby *u = lists_def(it->list)->used_by;

	if (u && u->usage_text)
		return u->usage_text(it, buf, len);
	if (len)
		buf[0] = '\0';
	lists_used_count(it, buf, len);
	return buf;
}

/* The statements of list's users, made once from its definition (never
 * from input): the rows that use ?1, and the move of row ?1 to ?2. */
enum { USERS_OF, USER_MOVE, USERS_SQL };

static const char *users_sql(enum la_list list, int q)
{
	static char sql[LIST_COUNT][USERS_SQL][256];
	const struct la_usedby *u = lists_def(list)->used_by;

	if (!sql[list][q][0]) {
		if (q == USERS_OF)
			snprintf(sql[list][q], sizeof(sql[list][q]),
				 "SELECT %s FROM %s WHERE %s = ?1 ORDER BY %s",
				 u->id_column, u->table, u->column, u->id_column);
		else
			snprintf(sql[list][q], sizeof(sql[list][q]),
				 "UPDATE %s SET %s = ?2, updated = " NOW " WHERE %s = ?1",
				 u->table, u->column, u->id_column);
	}
	return sql[list][q];
}

/* The ids of the rows that use item id, in *ids (caller frees). */
static enum la_status users_of(struct db *db, enum la_list list, int64_t id,
			       int64_t **ids, size_t *n, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, users_sql(list, USERS_OF), err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		LA_RESERVE(*ids, *n, cap, 64);
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_fail(db, err, lists_def(list)->used_by->table);
	return LA_OK;
}

static enum la_status move_one(struct db *db, enum la_list list, int64_t row, int64_t to,
			       long *given, struct la_err *err)
{
	const struct la_usedby *u = lists_def(list)->used_by;
	struct db_stmt *st;

	if (u->move_one)
		return u->move_one(db, row, to, given, err);
	if (!(st = db_stmt(db, users_sql(list, USER_MOVE), err)))
		return LA_DB;
	db_bind_int64(st, 1, row);
	db_bind_int64(st, 2, to);
	return lists_step(db, st, list, err);
}

/* {"key":"name"} */
static char *named(const char *key, const char *name)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_add(&b, "{");
	jbuf_string(&b, key);
	jbuf_add(&b, ":");
	jbuf_string(&b, name);
	jbuf_add(&b, "}");
	return jbuf_take(&b);
}

enum la_status lists_move_users(struct db *db, const struct la_actor *actor,
				const struct la_item *old, const struct la_item *target,
				struct lists_moved *done, struct la_err *err)
{
	const struct la_usedby *u = lists_def(old->list)->used_by;
	char *before = named(u->audit_key, old->name), *after = named(u->audit_key, target->name);
	int64_t *ids;
	size_t n = 0;
	enum la_status rc = users_of(db, old->list, old->id, &ids, &n, err);

	for (size_t i = 0; rc == LA_OK && i < n; i++) {
		if ((rc = move_one(db, old->list, ids[i], target->id, &done->given, err)) == LA_OK)
			rc = audit_write(db, actor, u->table, ids[i], "move", before, after, err);
	}
	done->moved = (long)n;
	if (rc == LA_OK && n > 0) {
		struct jbuf b;
		char *value;

		jbuf_init(&b);
		jbuf_add(&b, "{\"moved_to\":");
		jbuf_string(&b, target->name);
		jbuf_addf(&b, ",\"%s\":%ld", u->count_key, done->moved);
		if (done->given > 0)
			jbuf_addf(&b, ",\"default_status_given\":%ld", done->given);
		jbuf_add(&b, "}");
		value = jbuf_take(&b);
		rc = audit_write(db, actor, lists_table(old->list), old->id, "move", NULL, value, err);
		free(value);
	}
	free(ids);
	free(before);
	free(after);
	return rc;
}

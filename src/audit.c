#include "config.h"
#include "audit.h"

enum la_status audit_write(struct db *db, const struct la_actor *actor,
			   const char *list, int64_t item_id, const char *action,
			   const char *old_value, const char *new_value,
			   struct la_err *err)
{
	static const char sql[] =
		"INSERT INTO audit (associate_id, login, list, item_id, action, old_value, new_value, at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	struct db_stmt *st = db_stmt(db, sql, err);

	if (!st)
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

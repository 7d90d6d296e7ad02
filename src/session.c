#include "config.h"
#include "session.h"

#include "auditlog.h"
#include "i18n.h"
#include "status.h"

int64_t session_mark(struct db *db)
{
	return db_data_version(db);
}

bool session_changed(struct db *db, int64_t *mark)
{
	int64_t now = db_data_version(db);

	if (now == *mark)
		return false;
	*mark = now;
	return true;
}

int64_t session_log_mark(struct db *db)
{
	struct db_stmt *st = db_stmt(db, "SELECT coalesce(max(audit_id), 0) FROM audit", NULL);
	int64_t mark = 0;

	if (st && db_step(st) == DB_ROW)
		mark = db_col_int64(st, 0);
	if (st)
		db_reset(st);
	return mark;
}

bool session_who_changed(struct db *db, const char *me, int64_t *mark, char *login,
			 size_t login_len, char *what, size_t what_len, int *others)
{
	static const char sql[] =
		"SELECT login, list, (SELECT count(DISTINCT login) FROM audit "
		"WHERE audit_id > ?1 AND login <> ?2) FROM audit "
		"WHERE audit_id > ?1 AND login <> ?2 ORDER BY audit_id DESC LIMIT 1";
	struct db_stmt *st = db_stmt(db, sql, NULL);
	bool found = false;

	if (!st)
		return false;
	db_bind_int64(st, 1, *mark);
	db_bind_text(st, 2, me);
	if (db_step(st) == DB_ROW) {
		la_format(login, login_len, "%s", db_col_text(st, 0));
		la_format(what, what_len, "%s", auditlog_list_label(db_col_text(st, 1)));
		*others = db_col_int(st, 2);
		found = true;
	}
	db_reset(st);
	*mark = session_log_mark(db);
	return found;
}

enum la_status session_writable(struct db *db, struct la_err *err)
{
	if (db_damaged(db))
		return db_damage(db, err);
	if (!db_readonly(db))
		return LA_OK;
	if (db_readonly_why(db))
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("The database %s is open read-only: %s."), db_path(db),
			       db_readonly_why(db));
	return la_fail(err, LA_READONLY, LA_FIELD_NONE,
		       _("The database %s is open read-only: whoever owns the file can give you write access."),
		       db_path(db));
}

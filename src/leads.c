#include "config.h"
#include "leads.h"

#include "lists.h"

static enum la_status step_done(struct db *db, sqlite3_stmt *st, const char *what,
				struct la_err *err)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, what);
	sqlite3_reset(st);
	return LA_OK;
}

static void bind_id(sqlite3_stmt *st, int col, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, col, id);
	else
		sqlite3_bind_null(st, col);
}

enum la_status leads_company_add(struct db *db, const char *name,
				 int64_t category_id, int64_t owner_id,
				 int64_t *id, struct la_err *err)
{
	static const char sql[] =
		"INSERT INTO contact (name, category_idx, associate_id, la_name_key) "
		"VALUES (?1, ?2, ?3, la_fold(?1))";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	enum la_status rc;

	if (!st)
		return LA_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	bind_id(st, 2, category_id);
	bind_id(st, 3, owner_id);
	if ((rc = step_done(db, st, "contact", err)) == LA_OK && id)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

enum la_status leads_person_add(struct db *db, int64_t contact_id,
				const char *firstname, const char *lastname,
				const char *email, int64_t owner_id, int64_t *id,
				struct la_err *err)
{
	/* The default status only where the company's category uses it. */
	static const char sql[] =
		"INSERT INTO person (contact_id, firstname, lastname, associate_id, leadstatus_id) "
		"VALUES (?1, ?2, ?3, ?4, CASE WHEN EXISTS (SELECT 1 FROM contact k "
		"JOIN category c ON c.category_id = k.category_idx "
		"WHERE k.contact_id = ?1 AND c.enable_lead_status = 1) THEN ?5 END)";
	static const char mail_sql[] =
		"INSERT INTO email (person_id, contact_id, email_address) VALUES (?, ?, ?)";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int64_t pid;
	enum la_status rc;

	if (!st)
		return LA_DB;
	bind_id(st, 1, contact_id);
	sqlite3_bind_text(st, 2, firstname ? firstname : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lastname ? lastname : "", -1, SQLITE_STATIC);
	bind_id(st, 4, owner_id);
	bind_id(st, 5, lists_default_status(db));
	if ((rc = step_done(db, st, "person", err)) != LA_OK)
		return rc;
	pid = sqlite3_last_insert_rowid(db_handle(db));
	if (email && *email) {
		if (!(st = db_stmt(db, mail_sql, err)))
			return LA_DB;
		sqlite3_bind_int64(st, 1, pid);
		bind_id(st, 2, contact_id);
		sqlite3_bind_text(st, 3, email, -1, SQLITE_STATIC);
		if ((rc = step_done(db, st, "email", err)) != LA_OK)
			return rc;
	}
	if (id)
		*id = pid;
	return LA_OK;
}

enum la_status leads_company_set_category(struct db *db, int64_t contact_id,
					  int64_t category_id, struct la_err *err)
{
	static const char move_sql[] =
		"UPDATE contact SET category_idx = ?2, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE contact_id = ?1";
	static const char status_sql[] =
		"UPDATE person SET leadstatus_id = ?2 WHERE contact_id = ?1 AND leadstatus_id IS NULL "
		"AND EXISTS (SELECT 1 FROM category WHERE category_id = ?3 AND enable_lead_status = 1)";
	sqlite3_stmt *st = db_stmt(db, move_sql, err);
	enum la_status rc;
	int64_t def;

	if (!st)
		return LA_DB;
	sqlite3_bind_int64(st, 1, contact_id);
	bind_id(st, 2, category_id);
	if ((rc = step_done(db, st, "contact", err)) != LA_OK)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0)
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE, "no company with id %lld",
			       (long long)contact_id);
	def = lists_default_status(db);
	if (!def || !(st = db_stmt(db, status_sql, err)))
		return def ? LA_DB : LA_OK;
	sqlite3_bind_int64(st, 1, contact_id);
	sqlite3_bind_int64(st, 2, def);
	sqlite3_bind_int64(st, 3, category_id);
	return step_done(db, st, "person", err);
}

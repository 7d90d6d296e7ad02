#include "config.h"
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "lists_impl.h"
#include "schema.h"

/* Audits a change of item id from old to its current state. */
static enum la_status audit_change(struct db *db, const struct la_actor *actor,
				   const struct la_item *old, const char *action,
				   struct la_err *err)
{
	struct la_item now;
	char *before, *after;
	enum la_status rc = lists_get(db, old->list, old->id, &now, err);

	if (rc != LA_OK)
		return rc;
	before = lists_item_json(old);
	after = lists_item_json(&now);
	rc = audit_write(db, actor, lists_table(old->list), old->id, action,
			 before, after, err);
	free(before);
	free(after);
	lists_item_clear(&now);
	return rc;
}

static enum la_status step_done(struct db *db, sqlite3_stmt *st, const char *what,
				struct la_err *err)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, what);
	sqlite3_reset(st);
	return LA_OK;
}

enum la_status lists_make_default(struct db *db, const struct la_actor *actor,
				  int64_t id, struct la_err *err)
{
	static const char clear_sql[] =
		"UPDATE leadstatus SET is_default = 0, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE is_default = 1 AND leadstatus_id <> ?1";
	static const char set_sql[] =
		"UPDATE leadstatus SET is_default = 1, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE leadstatus_id = ?1 AND is_default = 0";
	sqlite3_stmt *st;
	enum la_status rc;
	int i;

	/* One audit row, for the item made the default, records the move. */
	for (i = 0; i < 2; i++) {
		if (!(st = db_stmt(db, i == 0 ? clear_sql : set_sql, err)))
			return LA_DB;
		sqlite3_bind_int64(st, 1, id);
		if (actor->associate_id)
			sqlite3_bind_int64(st, 2, actor->associate_id);
		if ((rc = step_done(db, st, "leadstatus", err)) != LA_OK)
			return rc;
	}
	return LA_OK;
}

enum la_status lists_set_default(struct db *db, const struct la_actor *actor,
				 int64_t id, struct la_err *err)
{
	struct la_item old;
	enum la_status rc = lists_begin(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = lists_get(db, LIST_LEADSTATUS, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (old.deleted)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			     _("'%s' is deleted and cannot be the default; restore it first"),
			     old.name);
	else if (old.is_default)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			     _("'%s' is already the default for new leads"), old.name);
	else if ((rc = lists_make_default(db, actor, id, err)) == LA_OK)
		rc = audit_change(db, actor, &old, "default", err);
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

enum la_status lists_delete(struct db *db, const struct la_actor *actor,
			    enum la_list list, int64_t id,
			    int64_t new_default_id, enum la_confirm confirm,
			    struct la_err *err)
{
	static const char cat_sql[] =
		"UPDATE category SET deleted = 1, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE category_id = ?1";
	static const char ls_sql[] =
		"UPDATE leadstatus SET deleted = 1, is_default = 0, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE leadstatus_id = ?1";
	struct la_item old, repl;
	sqlite3_stmt *st;
	enum la_status rc;
	bool have_repl = false;

	la_err_clear(err);
	rc = lists_begin(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (old.deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("'%s' is already deleted"), old.name);
		goto out;
	}
	if (list == LIST_LEADSTATUS && old.is_default) {
		if (!new_default_id) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
				     _("'%s' is the default for new leads and should not be deleted; choose another default first"),
				     old.name);
			goto out;
		}
		if ((rc = lists_get(db, LIST_LEADSTATUS, new_default_id, &repl, err)) != LA_OK)
			goto out;
		have_repl = true;
		if (repl.deleted || repl.id == old.id) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
				     _("The new default must be another status that is not deleted"));
			goto out;
		}
	}
	if (confirm != CONFIRM_YES && (old.companies > 0 || old.contacts > 0 || old.is_default)) {
		err->companies = old.companies;
		err->contacts = old.contacts;
		if (old.is_default)
			rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE,
				     _("'%s' is the default for new leads and is used by %ld contacts; '%s' becomes the default. Delete it?"),
				     old.name, old.contacts, repl.name);
		else if (list == LIST_CATEGORY)
			rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE,
				     _("'%s' is used by %ld companies and %ld contacts: deleting it can leave companies and contacts with lead information that can no longer be updated. They keep it and still show its name."),
				     old.name, old.companies, old.contacts);
		else
			rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE,
				     _("'%s' is used by %ld contacts: deleting it can leave contacts with lead information that can no longer be updated. They keep it and still show its name."),
				     old.name, old.contacts);
		err->companies = old.companies;
		err->contacts = old.contacts;
		goto out;
	}
	if (have_repl && (rc = lists_make_default(db, actor, repl.id, err)) != LA_OK)
		goto out;
	rc = LA_DB;
	if (!(st = db_stmt(db, list == LIST_CATEGORY ? cat_sql : ls_sql, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (actor->associate_id)
		sqlite3_bind_int64(st, 2, actor->associate_id);
	if ((rc = step_done(db, st, lists_table(list), err)) != LA_OK)
		goto out;
	rc = audit_change(db, actor, &old, "delete", err);
out:
	lists_item_clear(&old);
	if (have_repl)
		lists_item_clear(&repl);
	return lists_end(db, rc, err);
}

enum la_status lists_delete_check(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id,
				  int64_t new_default_id, struct la_err *err)
{
	/* The delete itself, inside a transaction that is always undone. */
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	rc = lists_delete(db, actor, list, id, new_default_id, CONFIRM_NONE, err);
	db_rollback(db);
	return rc;
}

enum la_status lists_restore(struct db *db, const struct la_actor *actor,
			     enum la_list list, int64_t id, struct la_err *err)
{
	static const char cat_sql[] =
		"UPDATE category SET deleted = 0, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE category_id = ?1";
	static const char ls_sql[] =
		"UPDATE leadstatus SET deleted = 0, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?2 "
		"WHERE leadstatus_id = ?1";
	struct la_item old;
	sqlite3_stmt *st;
	enum la_status rc = lists_begin(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (!old.deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("'%s' is not deleted"), old.name);
	} else if (!(st = db_stmt(db, list == LIST_CATEGORY ? cat_sql : ls_sql, err))) {
		rc = LA_DB;
	} else {
		sqlite3_bind_int64(st, 1, id);
		if (actor->associate_id)
			sqlite3_bind_int64(st, 2, actor->associate_id);
		rc = step_done(db, st, lists_table(list), err);
		if (rc == LA_OK)
			rc = audit_change(db, actor, &old, "restore", err);
	}
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

/* Gives every item a distinct rank 1..n in its current order, so that a
 * move is a swap even where a legacy list had equal ranks. */
static enum la_status normalise_ranks(struct db *db, enum la_list list,
				      struct la_err *err)
{
	/* The new ranks are computed before any row changes (UPDATE FROM). */
	static const char cat_sql[] =
		"UPDATE category SET rank = r.new_rank FROM (SELECT category_id AS id, "
		"row_number() OVER (ORDER BY rank, category_id) AS new_rank FROM category) AS r "
		"WHERE r.id = category.category_id AND category.rank <> r.new_rank";
	static const char cat_dup[] =
		"SELECT 1 FROM category a JOIN category b "
		"ON a.rank = b.rank AND a.category_id < b.category_id LIMIT 1";
	static const char ls_sql[] =
		"UPDATE leadstatus SET rank = r.new_rank FROM (SELECT leadstatus_id AS id, "
		"row_number() OVER (ORDER BY rank, leadstatus_id) AS new_rank FROM leadstatus) AS r "
		"WHERE r.id = leadstatus.leadstatus_id AND leadstatus.rank <> r.new_rank";
	static const char ls_dup[] =
		"SELECT 1 FROM leadstatus a JOIN leadstatus b "
		"ON a.rank = b.rank AND a.leadstatus_id < b.leadstatus_id LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, list == LIST_CATEGORY ? cat_dup : ls_dup, err);
	bool dup;

	if (!st)
		return LA_DB;
	dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!dup)
		return LA_OK;
	st = db_stmt(db, list == LIST_CATEGORY ? cat_sql : ls_sql, err);
	return st ? step_done(db, st, lists_table(list), err) : LA_DB;
}

enum la_status lists_move(struct db *db, const struct la_actor *actor,
			  enum la_list list, int64_t id, int direction,
			  struct la_err *err)
{
	static const char cat_up[] =
		"SELECT category_id, rank FROM category WHERE deleted = 0 AND rank < ? ORDER BY rank DESC LIMIT 1";
	static const char cat_down[] =
		"SELECT category_id, rank FROM category WHERE deleted = 0 AND rank > ? ORDER BY rank LIMIT 1";
	static const char ls_up[] =
		"SELECT leadstatus_id, rank FROM leadstatus WHERE deleted = 0 AND rank < ? ORDER BY rank DESC LIMIT 1";
	static const char ls_down[] =
		"SELECT leadstatus_id, rank FROM leadstatus WHERE deleted = 0 AND rank > ? ORDER BY rank LIMIT 1";
	static const char cat_set[] =
		"UPDATE category SET rank = ?2, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?3 WHERE category_id = ?1";
	static const char ls_set[] =
		"UPDATE leadstatus SET rank = ?2, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?3 WHERE leadstatus_id = ?1";
	struct la_item old;
	sqlite3_stmt *st;
	int64_t other_id = 0;
	int other_rank = 0, i;
	enum la_status rc = lists_begin(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = normalise_ranks(db, list, err)) != LA_OK ||
	    (rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (old.deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("'%s' is deleted; restore it before moving it"), old.name);
		goto out;
	}
	rc = LA_DB;
	if (!(st = db_stmt(db, list == LIST_CATEGORY ? (direction < 0 ? cat_up : cat_down)
						 : (direction < 0 ? ls_up : ls_down), err)))
		goto out;
	sqlite3_bind_int(st, 1, old.rank);
	if (sqlite3_step(st) == SQLITE_ROW) {
		other_id = sqlite3_column_int64(st, 0);
		other_rank = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!other_id) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, direction < 0
			     ? _("'%s' is already first") : _("'%s' is already last"), old.name);
		goto out;
	}
	for (i = 0; i < 2; i++) {
		if (!(st = db_stmt(db, list == LIST_CATEGORY ? cat_set : ls_set, err))) {
			rc = LA_DB;
			goto out;
		}
		sqlite3_bind_int64(st, 1, i == 0 ? id : other_id);
		sqlite3_bind_int(st, 2, i == 0 ? other_rank : old.rank);
		if (actor->associate_id)
			sqlite3_bind_int64(st, 3, actor->associate_id);
		if ((rc = step_done(db, st, lists_table(list), err)) != LA_OK)
			goto out;
	}
	rc = audit_change(db, actor, &old, direction < 0 ? "move-up" : "move-down", err);
out:
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

enum la_status lists_add_defaults(struct db *db, const struct la_actor *actor,
				  char ***added, size_t *n, struct la_err *err)
{
	/* The defaults are read from the embedded SQL through a temporary
	 * table that stands in for `category`, so the data exists once. */
	static const char read_sql[] =
		"SELECT name, tooltip, category_group, enable_lead_status FROM temp.category ORDER BY rank";
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t count = 0;
	struct la_item *defs = NULL;
	size_t ndefs = 0, i;
	enum la_status rc;

	*added = NULL;
	*n = 0;
	/* One transaction: all missing defaults arrive, or none. */
	if ((rc = lists_begin(db, actor, err)) != LA_OK)
		return rc;
	if ((rc = db_exec(db, "CREATE TEMP TABLE category (name, rank, tooltip, "
			      "category_group, enable_lead_status)", err)) != LA_OK)
		return lists_end(db, rc, err);
	rc = db_exec(db, schema_default_categories(db_language(db)), err);
	if (rc == LA_OK && sqlite3_prepare_v2(db_handle(db), read_sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			defs = realloc(defs, (ndefs + 1) * sizeof(*defs));
			if (!defs)
				abort();
			lists_item_init(&defs[ndefs], LIST_CATEGORY);
			free(defs[ndefs].name);
			free(defs[ndefs].tooltip);
			defs[ndefs].name = strdup((const char *)sqlite3_column_text(st, 0));
			defs[ndefs].tooltip = strdup((const char *)sqlite3_column_text(st, 1));
			if (!defs[ndefs].name || !defs[ndefs].tooltip)
				abort();
			defs[ndefs].group = (enum la_group)sqlite3_column_int(st, 2);
			defs[ndefs].lead_status = sqlite3_column_int(st, 3) != 0;
			ndefs++;
		}
	}
	sqlite3_finalize(st);
	db_exec(db, "DROP TABLE temp.category", NULL);
	for (i = 0; rc == LA_OK && i < ndefs; i++) {
		if (lists_id_by_name(db, LIST_CATEGORY, defs[i].name, 0, NULL))
			continue;
		rc = lists_save(db, actor, &defs[i], CONFIRM_YES, err);
		if (rc == LA_OK) {
			names = realloc(names, (count + 1) * sizeof(*names));
			if (!names)
				abort();
			names[count] = strdup(defs[i].name);
			if (!names[count])
				abort();
			count++;
		}
	}
	for (i = 0; i < ndefs; i++)
		lists_item_clear(&defs[i]);
	free(defs);
	rc = lists_end(db, rc, err);
	if (rc != LA_OK) {
		for (i = 0; i < count; i++)
			free(names[i]);
		free(names);
		return rc;
	}
	*added = names;
	*n = count;
	return rc;
}

enum la_status lists_reorder(struct db *db, const struct la_actor *actor,
			     enum la_list list, const int64_t *ids, size_t n,
			     bool *moved, struct la_err *err)
{
	/* Named items first (by their place in ids), then the others. */
	static const char cat_sql[] =
		"UPDATE category SET rank = r.new_rank, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?1 "
		"FROM (SELECT c.category_id AS id, row_number() OVER (ORDER BY "
		"coalesce(o.pos, 1e18), c.rank, c.category_id) AS new_rank FROM category c "
		"LEFT JOIN temp.la_order o ON o.id = c.category_id) AS r "
		"WHERE r.id = category.category_id AND category.rank <> r.new_rank";
	static const char ls_sql[] =
		"UPDATE leadstatus SET rank = r.new_rank, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), updated_associate_id = ?1 "
		"FROM (SELECT l.leadstatus_id AS id, row_number() OVER (ORDER BY "
		"coalesce(o.pos, 1e18), l.rank, l.leadstatus_id) AS new_rank FROM leadstatus l "
		"LEFT JOIN temp.la_order o ON o.id = l.leadstatus_id) AS r "
		"WHERE r.id = leadstatus.leadstatus_id AND leadstatus.rank <> r.new_rank";
	static const char add_sql[] = "INSERT OR IGNORE INTO temp.la_order (id, pos) VALUES (?, ?)";
	sqlite3_stmt *st;
	enum la_status rc;
	size_t i;
	int changed = 0;

	*moved = false;
	if ((rc = lists_begin(db, actor, err)) != LA_OK)
		return rc;
	rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS la_order (id INTEGER PRIMARY KEY, pos INTEGER); "
		     "DELETE FROM temp.la_order", err);
	for (i = 0; rc == LA_OK && i < n; i++) {
		if (!ids[i])
			continue;
		if (!(st = db_stmt(db, add_sql, err))) {
			rc = LA_DB;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		rc = step_done(db, st, "la_order", err);
	}
	if (rc == LA_OK && (st = db_stmt(db, list == LIST_CATEGORY ? cat_sql : ls_sql, err))) {
		if (actor->associate_id)
			sqlite3_bind_int64(st, 1, actor->associate_id);
		rc = step_done(db, st, lists_table(list), err);
		changed = sqlite3_changes(db_handle(db));
	} else if (rc == LA_OK) {
		rc = LA_DB;
	}
	if (rc == LA_OK && changed > 0) {
		char after[64];

		*moved = true;
		snprintf(after, sizeof(after), "{\"reordered\":%d}", changed);
		rc = audit_write(db, actor, lists_table(list), 0, "reorder", NULL, after, err);
	}
	if (rc == LA_OK)
		rc = db_exec(db, "DELETE FROM temp.la_order", err);
	return lists_end(db, rc, err);
}

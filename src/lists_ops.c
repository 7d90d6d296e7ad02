/* What a list does besides add and edit: delete, restore, move, reorder,
 * the default item, and the missing defaults of a list. */
#include "config.h"
#include "lists.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "lists_impl.h"
#include "mem.h"

/* ---- rule 8: the default */

enum la_status lists_make_default(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id, struct la_err *err)
{
	static const enum lists_query steps[] = { LQ_CLEAR_DEFAULT, LQ_SET_DEFAULT };
	enum la_status rc;

	/* One audit row, for the item made the default, records the move. */
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct db_stmt *st = db_stmt(db, lists_sql(list, steps[i]), err);

		if (!st)
			return LA_DB;
		db_bind_int64(st, 1, id);
		lists_bind_actor(st, 2, actor);
		if ((rc = lists_step(db, st, list, err)) != LA_OK)
			return rc;
	}
	return LA_OK;
}

enum la_status lists_default_item(struct db *db, enum la_list list, int64_t *id,
				  struct la_err *err)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	if (!lists_flag_field(list, LFF_DEFAULT))
		return LA_OK;
	if (!(st = db_stmt(db, lists_sql(list, LQ_DEFAULT), err)))
		return LA_DB;
	rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	else if (rc != DB_DONE) {
		enum la_status s = db_fail(db, err, lists_table(list));

		db_reset(st);
		return s;
	}
	db_reset(st);
	return LA_OK;
}

enum la_status lists_default_status(struct db *db, int64_t *id, struct la_err *err)
{
	return lists_default_item(db, LIST_LEADSTATUS, id, err);
}

enum la_status lists_default_candidates(struct db *db, enum la_list list,
					int64_t except, struct la_items *out,
					struct la_err *err)
{
	enum la_status rc = lists_load(db, list, false, out, err);
	size_t k = 0;

	if (rc != LA_OK)
		return rc;
	for (size_t i = 0; i < out->n; i++) {
		if (out->v[i].id == except)
			lists_item_clear(&out->v[i]);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
	return LA_OK;
}

enum la_status lists_set_default(struct db *db, const struct la_actor *actor,
				 enum la_list list, int64_t id, struct la_err *err)
{
	const struct la_fielddef *f = lists_flag_field(list, LFF_DEFAULT);
	struct la_item old;
	enum la_status rc;

	if (!f)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s has no default item"), lists_title(list));
	if ((rc = lists_begin(db, actor, list, err)) != LA_OK)
		return rc;
	if ((rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (old.deleted)
		rc = la_fail(err, LA_REFUSED, f->id,
			     _("'%s' is deleted and cannot be the default; restore it first"),
			     old.name);
	else if (lists_field_int(f, &old))
		rc = la_fail(err, LA_REFUSED, f->id,
			     _("'%s' is already the default for new leads"), old.name);
	else if ((rc = lists_make_default(db, actor, list, id, err)) == LA_OK)
		rc = lists_audit_change(db, actor, &old, "default", err);
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

/* ---- delete and restore */

static enum la_status set_deleted(struct db *db, const struct la_actor *actor,
				  const struct la_item *it, bool deleted,
				  struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(it->list, LQ_SET_DELETED), err);
	enum la_status rc;

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, it->id);
	db_bind_int(st, 2, deleted);
	lists_bind_actor(st, 3, actor);
	if ((rc = lists_step(db, st, it->list, err)) != LA_OK)
		return rc;
	return lists_audit_change(db, actor, it, deleted ? "delete" : "restore", err);
}

enum la_status lists_delete(struct db *db, const struct la_actor *actor,
			    enum la_list list, int64_t id,
			    int64_t new_default_id, enum la_confirm confirm,
			    struct la_err *err)
{
	return lists_delete_move(db, actor, list, id, 0, new_default_id, confirm, NULL, err);
}

/* The item what uses old moves to, read into target: refused unless it is
 * another item of the list that is not deleted. */
static enum la_status move_target(struct db *db, const struct la_item *old, int64_t move_to,
				  struct la_item *target, struct la_err *err)
{
	const struct la_listdef *d = lists_def(old->list);
	enum la_status rc;

	if (!d->used_by)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("Nothing uses the items of %s, so nothing can move"),
			       lists_title(old->list));
	if (move_to == old->id)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("What uses '%s' cannot move to '%s' itself; choose another item"),
			       old->name, old->name);
	if ((rc = lists_get(db, old->list, move_to, target, err)) != LA_OK)
		return rc;
	if (target->deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("'%s' is deleted; what uses '%s' can only move to an item that is not deleted"),
			     target->name, old->name);
		lists_item_clear(target);
	}
	return rc;
}

enum la_status lists_delete_move(struct db *db, const struct la_actor *actor,
				 enum la_list list, int64_t id, int64_t move_to,
				 int64_t new_default_id, enum la_confirm confirm,
				 struct lists_moved *moved, struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	struct la_item old, target = { .name = NULL };
	struct lists_moved done = { 0, 0 };
	char caution[sizeof(err->msg)] = "", note[sizeof(err->msg)] = "";
	bool to = false;
	enum la_status rc;

	la_err_clear(err);
	if (moved)
		*moved = done;
	if ((rc = lists_begin(db, actor, list, err)) != LA_OK)
		return rc;
	if ((rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (move_to) {
		if ((rc = move_target(db, &old, move_to, &target, err)) != LA_OK)
			goto out;
		to = true;
	}
	/* A deleted item still in use (legacy data) can still hand its users
	 * over; that is all a delete with a move does to it. */
	if (old.deleted && (!to || !lists_used_count(&old, NULL, 0))) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, to
			     ? _("'%s' is already deleted and nothing uses it: there is nothing to move")
			     : _("'%s' is already deleted"), old.name);
		goto out;
	}
	if (d->hooks->delete_check &&
	    (rc = d->hooks->delete_check(db, &old, new_default_id, to ? &target : NULL,
					 caution, sizeof(caution), err)) != LA_OK)
		goto out;
	if (caution[0] && confirm != CONFIRM_YES) {
		rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE, "%s", caution);
		err->companies = old.companies;
		err->contacts = old.contacts;
		goto out;
	}
	if (to && (rc = lists_move_users(db, actor, &old, &target, &done, err)) != LA_OK)
		goto out;
	if (to && d->hooks->moved &&
	    (rc = d->hooks->moved(db, actor, &old, &target, note, sizeof(note), err)) != LA_OK)
		goto out;
	if (old.deleted)
		goto out;
	if (d->hooks->deleting &&
	    (rc = d->hooks->deleting(db, actor, &old, new_default_id, err)) != LA_OK)
		goto out;
	rc = set_deleted(db, actor, &old, true, err);
	/* What the caller may want to say before it asks (the members a
	 * deleted user group keeps). */
	if (rc == LA_OK && !to && d->hooks->delete_note)
		d->hooks->delete_note(&old, err->msg, sizeof(err->msg));
out:
	/* What else moved along, for the caller to say. */
	if (rc == LA_OK && note[0])
		snprintf(err->msg, sizeof(err->msg), "%s", note);
	if (rc == LA_OK && moved)
		*moved = done;
	lists_item_clear(&old);
	lists_item_clear(&target);
	return lists_end(db, rc, err);
}

enum la_status lists_delete_check(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id,
				  int64_t new_default_id, struct la_err *err)
{
	return lists_delete_move_check(db, actor, list, id, 0, new_default_id, err);
}

enum la_status lists_delete_move_check(struct db *db, const struct la_actor *actor,
				       enum la_list list, int64_t id, int64_t move_to,
				       int64_t new_default_id, struct la_err *err)
{
	/* The delete itself, inside a transaction that is always undone. */
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	rc = lists_delete_move(db, actor, list, id, move_to, new_default_id, CONFIRM_NONE,
			       NULL, err);
	db_rollback(db);
	return rc;
}

enum la_status lists_restore(struct db *db, const struct la_actor *actor,
			     enum la_list list, int64_t id, struct la_err *err)
{
	struct la_item old;
	enum la_status rc = lists_begin(db, actor, list, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = lists_get(db, list, id, &old, err)) != LA_OK)
		return lists_end(db, rc, err);
	if (!old.deleted)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("'%s' is not deleted"), old.name);
	else
		rc = set_deleted(db, actor, &old, false, err);
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

/* ---- rule 5: order */

/* Gives every item a distinct rank 1..n in its current order, so that a
 * move is a swap even where a legacy list had equal ranks. */
static enum la_status normalise_ranks(struct db *db, enum la_list list,
				      struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_DUP_RANK), err);
	int rc;

	if (!st)
		return LA_DB;
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_DONE)
		return LA_OK;
	if (rc != DB_ROW)
		return db_fail(db, err, lists_table(list));
	st = db_stmt(db, lists_sql(list, LQ_NORMALISE), err);
	return st ? lists_step(db, st, list, err) : LA_DB;
}

enum la_status lists_move(struct db *db, const struct la_actor *actor,
			  enum la_list list, int64_t id, int direction,
			  struct la_err *err)
{
	struct la_item old;
	struct db_stmt *st;
	int64_t other_id = 0;
	int other_rank = 0, step;
	enum la_status rc = lists_begin(db, actor, list, err);

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
	if (!(st = db_stmt(db, lists_sql(list, direction < 0 ? LQ_PREV : LQ_NEXT), err)))
		goto out;
	db_bind_int(st, 1, old.rank);
	step = db_step(st);
	if (step == DB_ROW) {
		other_id = db_col_int64(st, 0);
		other_rank = db_col_int(st, 1);
	} else if (step != DB_DONE) {
		rc = db_fail(db, err, lists_table(list));
		db_reset(st);
		goto out;
	}
	db_reset(st);
	if (!other_id) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, direction < 0
			     ? _("'%s' is already first") : _("'%s' is already last"), old.name);
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		if (!(st = db_stmt(db, lists_sql(list, LQ_SET_RANK), err))) {
			rc = LA_DB;
			goto out;
		}
		db_bind_int64(st, 1, i == 0 ? id : other_id);
		db_bind_int(st, 2, i == 0 ? other_rank : old.rank);
		lists_bind_actor(st, 3, actor);
		if ((rc = lists_step(db, st, list, err)) != LA_OK)
			goto out;
	}
	rc = lists_audit_change(db, actor, &old, direction < 0 ? "move-up" : "move-down", err);
out:
	lists_item_clear(&old);
	return lists_end(db, rc, err);
}

enum la_status lists_order_stage(struct db *db, struct la_err *err)
{
	return db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS la_order (id INTEGER PRIMARY KEY, "
		       "pos INTEGER NOT NULL UNIQUE); "
		       "DELETE FROM la_order", err);
}

/* Whether the order of la_order (its items by their place, then the
 * others in their present order) is another sequence than the present
 * one. Ranks need not be 1..n (legacy lists share ranks or start at 0):
 * only a different sequence is a change of order. It is the same exactly
 * when the places, read in the present order with the unplaced items
 * last, never go down: the walk stops at the first that does. */
static enum la_status order_differs(struct db *db, enum la_list list, bool *differs,
				    struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_REORDERS), err);
	int64_t last = INT64_MIN, pos;
	int rc = DB_DONE;

	*differs = false;
	if (!st)
		return LA_DB;
	while (!*differs && (rc = db_step(st)) == DB_ROW) {
		pos = db_col_null(st, 0) ? INT64_MAX
		      : db_col_int64(st, 0);
		*differs = pos < last;
		last = pos;
	}
	db_reset(st);
	if (!*differs && rc != DB_DONE)
		return db_fail(db, err, lists_table(list));
	return LA_OK;
}

/* The one number that the list's query which gives, into *v. */
static enum la_status list_number(struct db *db, enum la_list list, enum lists_query which,
				  int64_t *v, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, which), err);
	enum la_status rc = LA_OK;

	if (!st)
		return LA_DB;
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, lists_table(list));
	else
		*v = db_col_int64(st, 0);
	db_reset(st);
	return rc;
}

/* A reorder that changed the ranks of changed items: its audit row. */
static enum la_status reordered(struct db *db, const struct la_actor *actor,
				enum la_list list, int changed, bool *moved, struct la_err *err)
{
	enum la_status rc;
	char after[64];

	/* Rights are asked only when the order changes: an import that
	 * leaves a list as it is needs no right to change it. */
	if (changed <= 0 || (rc = lists_may_change(db, actor, list, err)) != LA_OK)
		return changed <= 0 ? LA_OK : rc;
	*moved = true;
	snprintf(after, sizeof(after), "{\"reordered\":%d}", changed);
	return audit_write(db, actor, lists_table(list), 0, "reorder", NULL, after, err);
}

/* The order of la_order, in the caller's transaction. */
static enum la_status reorder_staged(struct db *db, const struct la_actor *actor,
				     enum la_list list, bool *moved, struct la_err *err)
{
	struct db_stmt *st;
	enum la_status rc = LA_OK;
	int changed = 0;
	int64_t placed = -1;
	bool moves;

	*moved = false;
	if ((rc = order_differs(db, list, &moves, err)) != LA_OK)
		return rc;
	/* The same sequence, whatever its ranks: nothing moves. Places
	 * 0, 1, ... (an import's) give their ranks without a sort. */
	if (moves && (rc = list_number(db, list, LQ_PLACES, &placed, err)) != LA_OK)
		return rc;
	if (moves) {
		if ((st = db_stmt(db, lists_sql(list, placed >= 0 ? LQ_REORDER_PLACES : LQ_REORDER),
				  err))) {
			lists_bind_actor(st, 1, actor);
			db_bind_now(st, 2);
			if (placed >= 0)
				db_bind_int64(st, 3, placed);
			rc = lists_step(db, st, list, err);
			changed = db_changes(db);
		} else {
			rc = LA_DB;
		}
	}
	if (rc == LA_OK)
		rc = reordered(db, actor, list, changed, moved, err);
	if (rc == LA_OK)
		rc = db_exec(db, "DELETE FROM la_order", err);
	return rc;
}

enum la_status lists_reorder_staged(struct db *db, const struct la_actor *actor,
				    enum la_list list, bool *moved, struct la_err *err)
{
	enum la_status rc;

	*moved = false;
	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	return lists_end(db, reorder_staged(db, actor, list, moved, err), err);
}

enum la_status lists_in_order(struct db *db, enum la_list list, int64_t *ids, size_t max,
			      size_t *n, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_IN_ORDER), err);
	int rc = DB_DONE;

	*n = 0;
	if (!st)
		return LA_DB;
	while (*n <= max && (rc = db_step(st)) == DB_ROW) {
		if (*n < max)
			ids[*n] = db_col_int64(st, 0);
		++*n;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(db, err, lists_table(list));
}

enum la_status lists_reorder_after(struct db *db, const struct la_actor *actor,
				   enum la_list list, size_t placed, const int64_t *ids,
				   size_t n, bool *moved, struct la_err *err)
{
	enum la_status rc = LA_OK;
	int changed = 0;
	char now[32];

	*moved = false;
	/* No item before the placed ones: the order is theirs already. */
	if (n == 0)
		return LA_OK;
	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	/* One time for every row, as LQ_REORDER_PLACES binds it once. */
	snprintf(now, sizeof(now), "%s", db_now_text());
	for (size_t k = 0; rc == LA_OK && k < n; k++) {
		struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_RANK_AFTER), err);

		if (!st) {
			rc = LA_DB;
			break;
		}
		lists_bind_actor(st, 1, actor);
		db_bind_text(st, 2, now);
		db_bind_int64(st, 3, (int64_t)(placed + k + 1));
		db_bind_int64(st, 4, ids[k]);
		if ((rc = lists_step(db, st, list, err)) == LA_OK)
			changed += db_changes(db);
	}
	if (rc == LA_OK)
		rc = reordered(db, actor, list, changed, moved, err);
	return lists_end(db, rc, err);
}

/* LQ_REORDER numbers the placed items 1, 2, ... by their place. */
int lists_staged_rank(size_t pos)
{
	return pos < (size_t)INT_MAX ? (int)pos + 1 : INT_MAX;
}

enum la_status lists_ranks_plain(struct db *db, enum la_list list, bool *plain,
				 struct la_err *err)
{
	int64_t v = 0;
	enum la_status rc = list_number(db, list, LQ_RANKS_PLAIN, &v, err);

	*plain = rc == LA_OK && v != 0;
	return rc;
}

enum la_status lists_reorder(struct db *db, const struct la_actor *actor,
			     enum la_list list, const int64_t *ids, size_t n,
			     bool *moved, struct la_err *err)
{
	static const char add_sql[] = "INSERT INTO la_order (id, pos) VALUES (?, ?) ON CONFLICT DO NOTHING";
	struct db_stmt *st;
	enum la_status rc;

	*moved = false;
	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	rc = lists_order_stage(db, err);
	for (size_t i = 0; rc == LA_OK && i < n; i++) {
		if (!ids[i])
			continue;
		if (!(st = db_stmt(db, add_sql, err))) {
			rc = LA_DB;
			break;
		}
		db_bind_int64(st, 1, ids[i]);
		db_bind_int64(st, 2, (int64_t)i);
		rc = lists_step(db, st, list, err);
	}
	if (rc == LA_OK)
		rc = reorder_staged(db, actor, list, moved, err);
	return lists_end(db, rc, err);
}

/* ---- the defaults of a new database */

/* The seed items of list in the database's language, read from the
 * embedded SQL through a temporary table that stands in for the list's
 * table, so that the data exists once. */
static enum la_status read_seeds(struct db *db, enum la_list list, struct la_items *out,
				 struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	char sql[256];
	enum la_status rc;

	out->v = NULL;
	out->n = 0;
	if (!d->seeds)
		return LA_OK;
	/* Names come from the definition table, never from outside. */
	snprintf(sql, sizeof(sql), "CREATE TEMP TABLE %s AS SELECT * FROM %s.%s LIMIT 0",
		 d->table, db_main_schema(db), d->table);
	if ((rc = db_exec(db, sql, err)) != LA_OK)
		return rc;
	rc = db_exec(db, d->seeds(db_language(db)), err);
	if (rc == LA_OK) {
		/* The statement is made for the temporary table: not cached. */
		struct db_stmt *st = db_prepare(db, lists_sql(list, LQ_LOAD), d->table, err);

		if (!st) {
			rc = LA_DB;
		} else {
			size_t cap = 0;

			db_bind_int(st, 1, 1);
			while (db_step(st) == DB_ROW) {
				struct la_item *it;

				LA_RESERVE(out->v, out->n, cap, 8);
				it = &out->v[out->n++];
				lists_item_init(it, list);
				free(it->name);
				free(it->tooltip);
				it->name = strdup(db_col_text(st, 1));
				it->tooltip = strdup(db_col_text(st, 3));
				if (!it->name || !it->tooltip)
					abort();
				for (size_t i = 0, col = 8; i < d->nfields; i++) {
					const struct la_fielddef *f = &d->fields[i];

					if (f->kind == LF_CHOICE || f->kind == LF_BOOL)
						lists_field_set_int(f, it, db_col_int(st, (int)col));
					if (f->kind != LF_TEXT)
						col++;
				}
			}
		}
		db_finalize(st);
	}
	snprintf(sql, sizeof(sql), "DROP TABLE %s.%s", db_temp_schema(db), d->table);
	db_exec(db, sql, NULL);
	return rc;
}

/* Why a default is not added when another category has its name. */
static enum lists_default_state default_state(const struct la_item *there)
{
	if (there->deleted)
		return LISTS_DEFAULT_DELETED;
	if (there->group != GROUP_POTENTIAL_CUSTOMER)
		return LISTS_DEFAULT_OTHER_GROUP;
	if (!there->lead_status)
		return LISTS_DEFAULT_LEAD_OFF;
	return LISTS_DEFAULT_EXISTS;
}

void lists_defaults_free(struct lists_defaults *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].name);
		lists_item_clear(&d->v[i].item);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

enum la_status lists_add_defaults(struct db *db, const struct la_actor *actor,
				  struct lists_defaults *out, struct la_err *err)
{
	struct la_items defs;
	enum la_status rc;

	memset(out, 0, sizeof(*out));
	/* One transaction: all missing defaults arrive, or none. */
	if ((rc = lists_begin(db, actor, LIST_CATEGORY, err)) != LA_OK)
		return rc;
	rc = read_seeds(db, LIST_CATEGORY, &defs, err);
	if (rc == LA_OK && !(out->v = calloc(defs.n ? defs.n : 1, sizeof(*out->v))))
		abort();
	for (size_t i = 0; rc == LA_OK && i < defs.n; i++) {
		struct lists_default *r = &out->v[out->n];
		int64_t there;

		if ((rc = lists_name_taken(db, LIST_CATEGORY, defs.v[i].name, 0, &there,
					   NULL, err)) != LA_OK)
			break;
		if (there) {
			rc = lists_get(db, LIST_CATEGORY, there, &r->item, err);
		} else if ((rc = lists_save(db, actor, &defs.v[i], CONFIRM_YES, err)) == LA_OK) {
			lists_item_copy(&r->item, &defs.v[i]);
			out->added++;
		}
		if (rc != LA_OK)
			break;
		r->state = there ? default_state(&r->item) : LISTS_DEFAULT_ADDED;
		if (!(r->name = strdup(defs.v[i].name)))
			abort();
		out->n++;
	}
	lists_items_free(&defs);
	rc = lists_end(db, rc, err);
	if (rc != LA_OK)
		lists_defaults_free(out);
	return rc;
}

#include "config.h"
#include "users.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "text.h"

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

void users_groups_free(struct la_usergroup *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].tooltip);
	}
	free(v);
}

static const char groups_sql[] =
	"SELECT g.usergroup_id, g.name, g.tooltip, g.rank, g.deleted, g.updatedCount, "
	"(SELECT count(*) FROM associate a WHERE a.group_idx = g.usergroup_id) "
	"FROM usergroup g WHERE (?1 OR g.deleted = 0) AND (?2 = 0 OR g.usergroup_id = ?2) "
	"ORDER BY g.rank, g.usergroup_id";

static enum la_status load_groups(struct db *db, bool with_deleted, int64_t only,
				  struct la_usergroup **out, size_t *n,
				  struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, groups_sql, err);
	struct la_usergroup *v = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	sqlite3_bind_int(st, 1, with_deleted);
	sqlite3_bind_int64(st, 2, only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = realloc(v, (count + 1) * sizeof(*v));
		if (!v)
			abort();
		v[count].id = sqlite3_column_int64(st, 0);
		v[count].name = xstrdup((const char *)sqlite3_column_text(st, 1));
		v[count].tooltip = xstrdup((const char *)sqlite3_column_text(st, 2));
		v[count].rank = sqlite3_column_int(st, 3);
		v[count].deleted = sqlite3_column_int(st, 4) != 0;
		v[count].updated_count = sqlite3_column_int64(st, 5);
		v[count].members = sqlite3_column_int(st, 6);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		users_groups_free(v, count);
		return db_fail(db, err, "usergroup");
	}
	*out = v;
	*n = count;
	return LA_OK;
}

enum la_status users_groups(struct db *db, bool with_deleted,
			    struct la_usergroup **out, size_t *n,
			    struct la_err *err)
{
	return load_groups(db, with_deleted, 0, out, n, err);
}

static int64_t group_id_by_name(struct db *db, const char *name, int64_t except)
{
	static const char sql[] =
		"SELECT usergroup_id FROM usergroup WHERE la_fold(name) = la_fold(trim(?1)) "
		"AND usergroup_id <> ?2 LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	int64_t id = 0;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, except);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

static enum la_status get_group(struct db *db, int64_t id, struct la_usergroup *out,
				struct la_err *err)
{
	struct la_usergroup *v;
	size_t n;
	enum la_status rc = id > 0 ? load_groups(db, true, id, &v, &n, err) : LA_OK;

	if (rc != LA_OK)
		return rc;
	if (id <= 0 || n == 0) {
		if (id > 0)
			users_groups_free(v, n);
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			       _("There is no user group with id %" PRId64), id);
	}
	*out = v[0];
	free(v);
	return LA_OK;
}

enum la_status users_group_find(struct db *db, const char *key,
				struct la_usergroup *out, struct la_err *err)
{
	char *end;
	long long id = strtoll(key, &end, 10);

	if (*key && *end == '\0' && id > 0 && get_group(db, id, out, NULL) == LA_OK)
		return LA_OK;
	id = group_id_by_name(db, key, 0);
	if (id > 0)
		return get_group(db, id, out, err);
	return la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
		       _("There is no user group '%s'"), key);
}

static char *group_json(const struct la_usergroup *g)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_add(&b, "{\"name\":");
	jbuf_string(&b, g->name);
	jbuf_add(&b, ",\"description\":");
	jbuf_string(&b, g->tooltip);
	jbuf_addf(&b, ",\"deleted\":%s}", g->deleted ? "true" : "false");
	return jbuf_take(&b);
}

static void free_group(struct la_usergroup *g)
{
	free(g->name);
	free(g->tooltip);
	g->name = g->tooltip = NULL;
}

/* Opens a user change: a transaction and the General administrator check. */
static enum la_status begin_users(struct db *db, const struct la_actor *actor,
				  struct la_err *err)
{
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		db_rollback(db);
	return rc;
}

static enum la_status end_users(struct db *db, enum la_status rc, struct la_err *err)
{
	if (rc == LA_OK)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

enum la_status users_group_save(struct db *db, const struct la_actor *actor,
				struct la_usergroup *g, struct la_err *err)
{
	static const char ins[] =
		"INSERT INTO usergroup (name, tooltip, rank) VALUES "
		"(?1, ?2, (SELECT coalesce(max(rank), 0) + 1 FROM usergroup))";
	static const char upd[] =
		"UPDATE usergroup SET name = ?1, tooltip = ?2, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE usergroup_id = ?3";
	struct la_usergroup old = { 0 };
	char *name = NULL, *tooltip = NULL, *before = NULL, *after = NULL;
	sqlite3_stmt *st;
	enum la_status rc;

	/* The same rules as list names: a user group is a list too. */
	if (lists_check_name(LIST_CATEGORY, g->name, &name, err) != LA_OK ||
	    lists_check_tooltip(g->tooltip, &tooltip, err) != LA_OK) {
		free(name);
		return LA_REFUSED;
	}
	if ((rc = begin_users(db, actor, err)) != LA_OK)
		goto done;
	if (g->id) {
		if ((rc = get_group(db, g->id, &old, err)) != LA_OK)
			goto out;
		if (old.updated_count != g->updated_count) {
			rc = la_fail(err, LA_STALE, LA_FIELD_NONE,
				     _("'%s' was changed by someone else since you opened it; nothing was saved. Here are the current values."),
				     old.name);
			goto out;
		}
		before = group_json(&old);
	}
	if (group_id_by_name(db, name, g->id)) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			     _("The name '%s' is already a user group (deleted ones included)"), name);
		goto out;
	}
	rc = LA_DB;
	if (!(st = db_stmt(db, g->id ? upd : ins, err)))
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tooltip, -1, SQLITE_STATIC);
	if (g->id)
		sqlite3_bind_int64(st, 3, g->id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, err, "usergroup");
		goto out;
	}
	sqlite3_reset(st);
	if (!g->id)
		g->id = sqlite3_last_insert_rowid(db_handle(db));
	free_group(g);
	if ((rc = get_group(db, g->id, g, err)) != LA_OK)
		goto out;
	after = group_json(g);
	rc = audit_write(db, actor, "usergroup", g->id, before ? "edit" : "add",
			 before, after, err);
out:
	rc = end_users(db, rc, err);
done:
	free_group(&old);
	free(name);
	free(tooltip);
	free(before);
	free(after);
	return rc;
}

static enum la_status set_group_deleted(struct db *db, const struct la_actor *actor,
					int64_t id, bool deleted, struct la_err *err)
{
	static const char sql[] =
		"UPDATE usergroup SET deleted = ?2, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE usergroup_id = ?1";
	struct la_usergroup old = { 0 }, now = { 0 };
	char *before = NULL, *after = NULL;
	sqlite3_stmt *st;
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = get_group(db, id, &old, err)) != LA_OK)
		goto out;
	if (old.deleted == deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, deleted
			     ? _("'%s' is already deleted") : _("'%s' is not deleted"), old.name);
		goto out;
	}
	rc = LA_DB;
	if (!(st = db_stmt(db, sql, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, deleted);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, err, "usergroup");
		goto out;
	}
	sqlite3_reset(st);
	if ((rc = get_group(db, id, &now, err)) != LA_OK)
		goto out;
	before = group_json(&old);
	after = group_json(&now);
	rc = audit_write(db, actor, "usergroup", id, deleted ? "delete" : "restore",
			 before, after, err);
out:
	free_group(&old);
	free_group(&now);
	free(before);
	free(after);
	return end_users(db, rc, err);
}

enum la_status users_group_delete(struct db *db, const struct la_actor *actor,
				  int64_t id, struct la_err *err)
{
	return set_group_deleted(db, actor, id, true, err);
}

enum la_status users_group_restore(struct db *db, const struct la_actor *actor,
				   int64_t id, struct la_err *err)
{
	return set_group_deleted(db, actor, id, false, err);
}

enum la_status users_group_move(struct db *db, const struct la_actor *actor,
				int64_t id, int direction, struct la_err *err)
{
	/* Distinct ranks first, so that a move is a swap. */
	static const char renumber[] =
		"UPDATE usergroup SET rank = r.new_rank FROM (SELECT usergroup_id AS id, "
		"row_number() OVER (ORDER BY rank, usergroup_id) AS new_rank FROM usergroup) AS r "
		"WHERE r.id = usergroup.usergroup_id AND usergroup.rank <> r.new_rank";
	static const char up[] =
		"SELECT usergroup_id, rank FROM usergroup WHERE deleted = 0 AND rank < ? "
		"ORDER BY rank DESC LIMIT 1";
	static const char down[] =
		"SELECT usergroup_id, rank FROM usergroup WHERE deleted = 0 AND rank > ? "
		"ORDER BY rank LIMIT 1";
	static const char set[] =
		"UPDATE usergroup SET rank = ?2, updatedCount = updatedCount + 1, "
		"updated = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE usergroup_id = ?1";
	struct la_usergroup old = { 0 };
	sqlite3_stmt *st;
	int64_t other = 0;
	int other_rank = 0, i;
	char before[32], after[32];
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = db_exec(db, renumber, err)) != LA_OK ||
	    (rc = get_group(db, id, &old, err)) != LA_OK)
		goto out;
	if (old.deleted) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("'%s' is deleted; restore it before moving it"), old.name);
		goto out;
	}
	rc = LA_DB;
	if (!(st = db_stmt(db, direction < 0 ? up : down, err)))
		goto out;
	sqlite3_bind_int(st, 1, old.rank);
	if (sqlite3_step(st) == SQLITE_ROW) {
		other = sqlite3_column_int64(st, 0);
		other_rank = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!other) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, direction < 0
			     ? _("'%s' is already first") : _("'%s' is already last"), old.name);
		goto out;
	}
	for (i = 0; i < 2; i++) {
		if (!(st = db_stmt(db, set, err)))
			goto out;
		sqlite3_bind_int64(st, 1, i == 0 ? id : other);
		sqlite3_bind_int(st, 2, i == 0 ? other_rank : old.rank);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_fail(db, err, "usergroup");
			goto out;
		}
		sqlite3_reset(st);
	}
	snprintf(before, sizeof(before), "{\"rank\":%d}", old.rank);
	snprintf(after, sizeof(after), "{\"rank\":%d}", other_rank);
	rc = audit_write(db, actor, "usergroup", id, direction < 0 ? "move-up" : "move-down",
			 before, after, err);
out:
	free_group(&old);
	return end_users(db, rc, err);
}

/* Finds login's associate inside the transaction. */
static enum la_status target(struct db *db, const char *login, struct la_actor *t,
			     struct la_err *err)
{
	enum la_status rc = rights_actor_for(db, login, t, err);

	if (rc == LA_OK && !t->associate_id)
		rc = la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
			     _("There is no user with the login '%s'"), login);
	return rc;
}

/* Runs one UPDATE of associate with ?1 = id and ?2 = value, and audits it. */
static enum la_status update_user(struct db *db, const struct la_actor *actor,
				  const struct la_actor *t, const char *sql,
				  const char *text, int64_t value, const char *action,
				  const char *before, const char *after, struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	sqlite3_bind_int64(st, 1, t->associate_id);
	if (text)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	else if (value)
		sqlite3_bind_int64(st, 2, value);
	else
		sqlite3_bind_null(st, 2);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, "associate");
	sqlite3_reset(st);
	return audit_write(db, actor, "associate", t->associate_id, action, before, after, err);
}

enum la_status users_set_group(struct db *db, const struct la_actor *actor,
			       const char *login, int64_t group_id,
			       struct la_err *err)
{
	static const char sql[] =
		"UPDATE associate SET group_idx = ?2, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE associate_id = ?1";
	struct la_actor t;
	struct la_usergroup g = { 0 };
	char after[64];
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = target(db, login, &t, err)) == LA_OK && group_id) {
		rc = get_group(db, group_id, &g, err);
		if (rc == LA_OK && g.deleted)
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("'%s' is deleted; restore it before giving it members"), g.name);
	}
	snprintf(after, sizeof(after), "{\"group_id\":%" PRId64 "}", group_id);
	if (rc == LA_OK)
		rc = update_user(db, actor, &t, sql, NULL, group_id, "set-group", NULL, after, err);
	free_group(&g);
	return end_users(db, rc, err);
}

/* Active General administrators other than associate id. */
static long other_admins(struct db *db, int64_t id)
{
	static const char sql[] =
		"SELECT count(*) FROM associate WHERE role = 2 AND deleted = 0 AND associate_id <> ?";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	long n = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

enum la_status users_set_active(struct db *db, const struct la_actor *actor,
				const char *login, bool active,
				struct la_err *err)
{
	static const char sql[] =
		"UPDATE associate SET deleted = coalesce(?2, 0), updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE associate_id = ?1";
	struct la_actor t;
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = target(db, login, &t, err)) != LA_OK)
		return end_users(db, rc, err);
	if (t.active == active)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, active
			     ? _("'%s' is already active") : _("'%s' is already inactive"), login);
	else if (!active && t.role == ROLE_GENERAL_ADMIN && other_admins(db, t.associate_id) == 0)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("'%s' is the last active General administrator and stays active; make another user General administrator first"),
			     login);
	else
		rc = update_user(db, actor, &t, sql, NULL, active ? 0 : 1,
				 active ? "activate" : "deactivate",
				 active ? "{\"active\":false}" : "{\"active\":true}",
				 active ? "{\"active\":true}" : "{\"active\":false}", err);
	return end_users(db, rc, err);
}

enum la_status users_set_full_name(struct db *db, const struct la_actor *actor,
				   const char *login, const char *full_name,
				   struct la_err *err)
{
	static const char sql[] =
		"UPDATE associate SET full_name = ?2, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE associate_id = ?1";
	struct la_actor t;
	struct jbuf b;
	char *clean, *after;
	enum la_status rc;

	if (!text_utf8_valid(full_name, strlen(full_name)) || text_has_control(full_name))
		return la_fail(err, LA_REFUSED, LA_FIELD_DESCRIPTION,
			       _("The full name must be valid UTF-8 without control characters"));
	if ((rc = begin_users(db, actor, err)) != LA_OK)
		return rc;
	clean = text_trim(full_name);
	jbuf_init(&b);
	jbuf_add(&b, "{\"full_name\":");
	jbuf_string(&b, clean);
	jbuf_add(&b, "}");
	after = jbuf_take(&b);
	if ((rc = target(db, login, &t, err)) == LA_OK)
		rc = update_user(db, actor, &t, sql, clean, 0, "set-name", NULL, after, err);
	free(clean);
	free(after);
	return end_users(db, rc, err);
}

enum la_status users_save(struct db *db, const struct la_actor *actor,
			  const struct users_change *c, struct la_err *err)
{
	enum la_status rc = begin_users(db, actor, err);
	enum la_field field = LA_FIELD_NONE;

	if (rc != LA_OK)
		return rc;
	/* Each step is a savepoint inside this transaction. */
	if (c->add) {
		field = LA_FIELD_NAME;
		rc = rights_user_add(db, actor, c->login, c->full_name ? c->full_name : "",
				     c->role >= 0 ? (enum la_role)c->role : ROLE_USER, err);
		if (rc != LA_OK && err && err->field == LA_FIELD_DESCRIPTION)
			field = LA_FIELD_DESCRIPTION;
	} else {
		if (rc == LA_OK && c->role >= 0) {
			field = LA_FIELD_ROLE;
			rc = rights_user_set_role(db, actor, c->login, (enum la_role)c->role, err);
		}
		if (rc == LA_OK && c->active >= 0) {
			struct la_actor t;

			field = LA_FIELD_ACTIVE;
			rc = target(db, c->login, &t, err);
			if (rc == LA_OK && t.active != (c->active != 0))
				rc = users_set_active(db, actor, c->login, c->active != 0, err);
		}
		if (rc == LA_OK && c->full_name) {
			field = LA_FIELD_DESCRIPTION;
			rc = users_set_full_name(db, actor, c->login, c->full_name, err);
		}
	}
	if (rc == LA_OK && c->group_id >= 0) {
		field = LA_FIELD_GROUP;
		rc = users_set_group(db, actor, c->login, c->group_id, err);
	}
	if (rc != LA_OK && err)
		err->field = field;
	return end_users(db, rc, err);
}

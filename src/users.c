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
	struct db_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, t->associate_id);
	if (text)
		db_bind_text(st, 2, text);
	else if (value)
		db_bind_int64(st, 2, value);
	else
		db_bind_null(st, 2);
	if (db_step(st) != DB_DONE)
		return db_fail(db, err, "associate");
	db_reset(st);
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
	struct la_item g = { .name = NULL };
	char after[64];
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = target(db, login, &t, err)) == LA_OK && group_id) {
		rc = lists_get(db, LIST_USERGROUP, group_id, &g, err);
		if (rc == LA_OK && g.deleted)
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("'%s' is deleted; restore it before giving it members"), g.name);
	}
	snprintf(after, sizeof(after), "{\"group_id\":%" PRId64 "}", group_id);
	if (rc == LA_OK)
		rc = update_user(db, actor, &t, sql, NULL, group_id, "set-group", NULL, after, err);
	lists_item_clear(&g);
	return end_users(db, rc, err);
}

enum la_status users_set_active(struct db *db, const struct la_actor *actor,
				const char *login, bool active,
				struct la_err *err)
{
	static const char sql[] =
		"UPDATE associate SET deleted = coalesce(?2, 0), updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE associate_id = ?1";
	struct la_actor t;
	bool last = false;
	enum la_status rc = begin_users(db, actor, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = target(db, login, &t, err)) != LA_OK)
		return end_users(db, rc, err);
	if (!active && (rc = rights_last_general_admin(db, &t, &last, err)) != LA_OK)
		return end_users(db, rc, err);
	if (t.active == active)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, active
			     ? _("'%s' is already active") : _("'%s' is already inactive"), login);
	else if (last)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("'%s' is the last active General administrator and stays active; make another user General administrator first"),
			     login);
	else
		rc = update_user(db, actor, &t, sql, NULL, active ? 0 : 1,
				 active ? "activate" : "deactivate",
				 active ? "{\"active\":false}" : "{\"active\":true}",
				 active ? "{\"active\":true}" : "{\"active\":false}", err);
	/* An inactive user holds no server role; an active one its role's. */
	if (rc == LA_OK)
		rc = db_grant_role(db, login, active ? rights_server_role(t.role) : NULL,
				   t.role == ROLE_GENERAL_ADMIN, err);
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

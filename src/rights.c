#include "config.h"
#include "rights.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "mem.h"
#include "text.h"

static const char *const role_keys[] = { "user", "list-admin", "general-admin" };

const char *rights_os_login(void)
{
	static char login[64];
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name)
		snprintf(login, sizeof(login), "%s", pw->pw_name);
	else
		snprintf(login, sizeof(login), "uid%ld", (long)geteuid());
	return login;
}

const char *rights_role_key(enum la_role role)
{
	return role <= ROLE_GENERAL_ADMIN ? role_keys[role] : "user";
}

const char *rights_role_label(enum la_role role)
{
	switch (role) {
	case ROLE_GENERAL_ADMIN:
		return _("General administrator");
	case ROLE_LIST_ADMIN:
		return _("List administrator");
	default:
		return _("User");
	}
}

bool rights_role_parse(const char *key, enum la_role *role)
{
	int i;

	for (i = 0; i <= ROLE_GENERAL_ADMIN; i++) {
		if (strcmp(key, role_keys[i]) == 0) {
			*role = (enum la_role)i;
			return true;
		}
	}
	return false;
}

enum la_status rights_actor_for(struct db *db, const char *login,
				struct la_actor *actor, struct la_err *err)
{
	static const char sql[] =
		"SELECT associate_id, role, deleted FROM associate WHERE name = ? "
		"ORDER BY deleted, associate_id LIMIT 1";
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	memset(actor, 0, sizeof(*actor));
	snprintf(actor->login, sizeof(actor->login), "%s", login);
	if (!st)
		return LA_DB;
	db_bind_text(st, 1, login);
	rc = db_step(st);
	if (rc == DB_ROW) {
		int role = db_col_int(st, 1);

		actor->associate_id = db_col_int64(st, 0);
		actor->role = role >= 0 && role <= 2 ? (enum la_role)role : ROLE_USER;
		actor->active = db_col_int(st, 2) == 0;
	} else if (rc != DB_DONE) {
		return db_fail(db, err, "associate");
	}
	db_reset(st);
	return LA_OK;
}

enum la_status rights_actor(struct db *db, struct la_actor *actor,
			    struct la_err *err)
{
	return rights_actor_for(db, rights_os_login(), actor, err);
}

enum la_status rights_login_of(struct db *db, int64_t associate_id, char *login,
			       size_t len, struct la_err *err)
{
	static const char sql[] = "SELECT name FROM associate WHERE associate_id = ?";
	struct db_stmt *st = db_stmt(db, sql, err);
	enum la_status rc = LA_OK;
	int step;

	if (len)
		login[0] = '\0';
	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, associate_id);
	step = db_step(st);
	if (step == DB_ROW)
		snprintf(login, len, "%s", db_col_text(st, 0));
	else if (step == DB_DONE)
		rc = la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			     _("There is no user with the id %lld"), (long long)associate_id);
	else
		rc = db_fail(db, err, "associate");
	db_reset(st);
	return rc;
}

/* The logins of the active General administrators, comma-separated. */
static void general_admins(struct db *db, char *buf, size_t len)
{
	static const char sql[] =
		"SELECT name FROM associate WHERE role = 2 AND deleted = 0 ORDER BY name";
	struct db_stmt *st = db_stmt(db, sql, NULL);
	size_t used = 0;

	buf[0] = '\0';
	while (st && db_step(st) == DB_ROW) {
		int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
				 db_col_text(st, 0));

		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	if (st)
		db_reset(st);
}

/* The refusal of rule 9: why, and who can grant the role that is needed. */
static enum la_status refuse(struct db *db, const struct la_actor *actor,
			     struct la_err *err, const char *what, enum la_role needed)
{
	char admins[256];

	general_admins(db, admins, sizeof(admins));
	if (!actor->associate_id)
		return la_fail(err, LA_DENIED, LA_FIELD_NONE,
			       _("Read-only: %s. Your login '%s' is not a user of this CRM database; a General administrator (%s) can add you with: leadadmin user add %s --role %s"),
			       what, actor->login, admins[0] ? admins : "-", actor->login,
			       rights_role_key(needed));
	if (!actor->active)
		return la_fail(err, LA_DENIED, LA_FIELD_NONE,
			       _("Read-only: %s. The user '%s' is deactivated; ask a General administrator (%s)"),
			       what, actor->login, admins[0] ? admins : "-");
	return la_fail(err, LA_DENIED, LA_FIELD_NONE,
		       _("Read-only: %s. You are '%s' (%s); a General administrator (%s) can grant access with: leadadmin user set-role %s %s"),
		       what, actor->login, rights_role_label(actor->role),
		       admins[0] ? admins : "-", actor->login, rights_role_key(needed));
}

enum la_status rights_check_lists(struct db *db, const struct la_actor *actor,
				  struct la_err *err)
{
	if (actor->associate_id && actor->active && actor->role >= ROLE_LIST_ADMIN)
		return LA_OK;
	return refuse(db, actor, err,
		      _("only a General administrator or a List administrator may change lists"),
		      ROLE_LIST_ADMIN);
}

enum la_status rights_check_general(struct db *db, const struct la_actor *actor,
				    struct la_err *err)
{
	if (actor->associate_id && actor->active && actor->role == ROLE_GENERAL_ADMIN)
		return LA_OK;
	return refuse(db, actor, err,
		      _("only a General administrator may manage users, licences and marketing settings"),
		      ROLE_GENERAL_ADMIN);
}

enum la_status rights_last_general_admin(struct db *db, const struct la_actor *target,
					 bool *last, struct la_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM associate WHERE role = 2 AND deleted = 0 AND associate_id <> ?";
	struct db_stmt *st;
	int rc;

	*last = false;
	if (!target->associate_id || !target->active || target->role != ROLE_GENERAL_ADMIN)
		return LA_OK;
	if (!(st = db_stmt(db, sql, err)))
		return LA_DB;
	db_bind_int64(st, 1, target->associate_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		*last = db_col_int64(st, 0) == 0;
	db_reset(st);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, "associate");
}

void rights_users_free(struct la_user *users, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(users[i].name);
		free(users[i].full_name);
		free(users[i].group_name);
	}
	free(users);
}

static char *dup_col(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

enum la_status rights_users(struct db *db, struct la_user **out, size_t *n,
			    struct la_err *err)
{
	static const char sql[] =
		"SELECT a.associate_id, a.name, a.full_name, a.role, a.deleted, "
		"coalesce(a.group_idx, 0), coalesce(g.name, '') FROM associate a "
		"LEFT JOIN usergroup g ON g.usergroup_id = a.group_idx "
		"ORDER BY lower(a.name), a.associate_id";
	struct db_stmt *st = db_stmt(db, sql, err);
	struct la_user *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		int role = db_col_int(st, 3);

		LA_RESERVE(v, count, cap, 8);
		v[count].associate_id = db_col_int64(st, 0);
		v[count].name = dup_col(st, 1);
		v[count].full_name = dup_col(st, 2);
		v[count].role = role >= 0 && role <= 2 ? (enum la_role)role : ROLE_USER;
		v[count].active = db_col_int(st, 4) == 0;
		v[count].group_id = db_col_int64(st, 5);
		v[count].group_name = dup_col(st, 6);
		count++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		rights_users_free(v, count);
		return db_fail(db, err, "associate");
	}
	*out = v;
	*n = count;
	return LA_OK;
}

static enum la_status check_login(const char *login, struct la_err *err)
{
	size_t i, n = strlen(login);

	if (n == 0 || n > 32)
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			       _("A login must have 1 to 32 characters"));
	if (login[0] == '-' || login[0] == '.')
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			       _("'%s' is not a valid login: it must not start with '-' or '.'"), login);
	for (i = 0; i < n; i++) {
		char c = login[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
		      (c == '$' && i == n - 1)))
			return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				       _("'%s' is not a valid login: use letters, digits, '.', '_' and '-'"),
				       login);
	}
	return LA_OK;
}

static char *user_json(const char *login, const char *full_name, enum la_role role)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_add(&b, "{\"name\":");
	jbuf_string(&b, login);
	jbuf_add(&b, ",\"full_name\":");
	jbuf_string(&b, full_name);
	jbuf_addf(&b, ",\"role\":\"%s\"}", rights_role_key(role));
	return jbuf_take(&b);
}

const char *rights_server_role(enum la_role role)
{
	switch (role) {
	case ROLE_GENERAL_ADMIN:
		return "general";
	case ROLE_LIST_ADMIN:
		return "lists";
	case ROLE_USER:
		break;
	}
	return "user";
}

enum la_status rights_user_add(struct db *db, const struct la_actor *actor,
			       const char *login, const char *full_name,
			       enum la_role role, struct la_err *err)
{
	static const char find[] = "SELECT 1 FROM associate WHERE name = ?";
	static const char ins[] =
		"INSERT INTO associate (name, full_name, role, registered) "
		"VALUES (?, ?, ?, strftime('%Y-%m-%d %H:%M:%S', 'now'))";
	struct db_stmt *st;
	char *clean_full = NULL, *json = NULL;
	enum la_status rc;
	int64_t id;

	if (check_login(login, err) != LA_OK)
		return LA_REFUSED;
	full_name = full_name ? full_name : "";
	if (!text_utf8_valid(full_name, strlen(full_name)) || text_has_control(full_name))
		return la_fail(err, LA_REFUSED, LA_FIELD_DESCRIPTION,
			       _("The full name must be valid UTF-8 without control characters"));
	if (db_begin(db, err) != LA_OK)
		return err ? err->status : LA_DB;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		goto out;
	rc = LA_DB;
	if (!(st = db_stmt(db, find, err)))
		goto out;
	db_bind_text(st, 1, login);
	if (db_step(st) == DB_ROW) {
		db_reset(st);
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			     _("A user with the login '%s' already exists"), login);
		goto out;
	}
	db_reset(st);
	clean_full = text_trim(full_name);
	if (!(st = db_stmt(db, ins, err)))
		goto out;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, clean_full);
	db_bind_int(st, 3, (int)role);
	if (db_step(st) != DB_DONE) {
		rc = db_fail(db, err, "associate");
		goto out;
	}
	db_reset(st);
	id = db_last_id(db);
	json = user_json(login, clean_full, role);
	rc = db_grant_role(db, login, rights_server_role(role), role == ROLE_GENERAL_ADMIN, err);
	if (rc == LA_OK)
		rc = audit_write(db, actor, "associate", id, "add", NULL, json, err);
	if (rc == LA_OK)
		rc = db_commit(db, err);
out:
	if (rc != LA_OK)
		db_rollback(db);
	free(clean_full);
	free(json);
	return rc;
}

enum la_status rights_user_set_role(struct db *db, const struct la_actor *actor,
				    const char *login, enum la_role role,
				    struct la_err *err)
{
	static const char upd[] =
		"UPDATE associate SET role = ?, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE associate_id = ?";
	struct la_actor target;
	struct db_stmt *st;
	char old[64], new_[64];
	enum la_status rc;

	if (db_begin(db, err) != LA_OK)
		return err ? err->status : LA_DB;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		goto out;
	if ((rc = rights_actor_for(db, login, &target, err)) != LA_OK)
		goto out;
	if (!target.associate_id) {
		rc = la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
			     _("There is no user with the login '%s'"), login);
		goto out;
	}
	if (role != ROLE_GENERAL_ADMIN) {
		bool last;

		if ((rc = rights_last_general_admin(db, &target, &last, err)) != LA_OK)
			goto out;
		if (last) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("'%s' is the last active General administrator and keeps that role; make another user General administrator first"),
				     login);
			goto out;
		}
	}
	rc = LA_DB;
	if (!(st = db_stmt(db, upd, err)))
		goto out;
	db_bind_int(st, 1, (int)role);
	db_bind_int64(st, 2, target.associate_id);
	if (db_step(st) != DB_DONE) {
		rc = db_fail(db, err, "associate");
		goto out;
	}
	db_reset(st);
	snprintf(old, sizeof(old), "{\"role\":\"%s\"}", rights_role_key(target.role));
	snprintf(new_, sizeof(new_), "{\"role\":\"%s\"}", rights_role_key(role));
	rc = db_grant_role(db, login, rights_server_role(role), role == ROLE_GENERAL_ADMIN, err);
	if (rc == LA_OK)
		rc = audit_write(db, actor, "associate", target.associate_id, "set-role",
				 old, new_, err);
	if (rc == LA_OK)
		rc = db_commit(db, err);
out:
	if (rc != LA_OK)
		db_rollback(db);
	return rc;
}

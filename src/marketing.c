#include "config.h"
#include "marketing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "mem.h"
#include "json.h"

static const char *const mode_keys[] = { "off", "associates", "group" };

const char *marketing_mode_key(enum distribute_mode mode)
{
	return (unsigned)mode <= DISTRIBUTE_GROUP ? mode_keys[mode] : "off";
}

bool marketing_mode_parse(const char *key, enum distribute_mode *mode)
{
	int i;

	for (i = 0; i <= DISTRIBUTE_GROUP; i++) {
		if (strcmp(key, mode_keys[i]) == 0) {
			*mode = (enum distribute_mode)i;
			return true;
		}
	}
	return false;
}

void marketing_licences_free(struct la_licence *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

enum la_status marketing_licences(struct db *db, struct la_licence **out,
				  size_t *n, struct la_err *err)
{
	static const char sql[] =
		"SELECT name, enabled, coalesce(updated, '') FROM licence ORDER BY name";
	struct db_stmt *st = db_stmt(db, sql, err);
	struct la_licence *v = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		v = realloc(v, (count + 1) * sizeof(*v));
		if (!v)
			abort();
		v[count].name = la_strdup(db_col_text(st, 0));
		v[count].enabled = db_col_int(st, 1) != 0;
		snprintf(v[count].updated, sizeof(v[count].updated), "%s",
			 db_col_text(st, 2));
		count++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		marketing_licences_free(v, count);
		return db_fail(db, err, "licence");
	}
	*out = v;
	*n = count;
	return LA_OK;
}

bool marketing_licensed(struct db *db, const char *name)
{
	static const char sql[] = "SELECT enabled FROM licence WHERE name = ?";
	struct db_stmt *st = db_stmt(db, sql, NULL);
	bool on = false;

	if (!st)
		return false;
	db_bind_text(st, 1, name);
	if (db_step(st) == DB_ROW)
		on = db_col_int(st, 0) != 0;
	db_reset(st);
	return on;
}

enum la_status marketing_set_licence(struct db *db, const struct la_actor *actor,
				     const char *name, bool enabled,
				     struct la_err *err)
{
	static const char sql[] =
		"UPDATE licence SET enabled = ?2, updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), "
		"updated_associate_id = ?3 WHERE name = ?1";
	struct db_stmt *st;
	bool was;
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		goto out;
	rc = LA_DB;
	if (!(st = db_stmt(db, "SELECT enabled FROM licence WHERE name = ?", err)))
		goto out;
	db_bind_text(st, 1, name);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		rc = la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			     _("There is no licence '%s'; the licences are: %s"),
			     name, LICENCE_MARKETING_PREMIUM);
		goto out;
	}
	was = db_col_int(st, 0) != 0;
	db_reset(st);
	if (!(st = db_stmt(db, sql, err)))
		goto out;
	db_bind_text(st, 1, name);
	db_bind_int(st, 2, enabled);
	if (actor->associate_id)
		db_bind_int64(st, 3, actor->associate_id);
	if (db_step(st) != DB_DONE) {
		rc = db_fail(db, err, "licence");
		goto out;
	}
	db_reset(st);
	rc = audit_write(db, actor, "licence", 0, enabled ? "enable" : "disable",
			 was ? "{\"enabled\":true}" : "{\"enabled\":false}",
			 enabled ? "{\"enabled\":true}" : "{\"enabled\":false}", err);
	if (rc == LA_OK)
		return db_commit(db, err);
out:
	db_rollback(db);
	return rc;
}

/* Settings live in the `setting` table under "marketing.*". */
static int64_t setting_int(struct db *db, const char *key, int64_t def)
{
	const char *v = db_setting(db, key, NULL);

	return v ? strtoll(v, NULL, 10) : def;
}

static enum la_status setting_put(struct db *db, const char *key, int64_t value,
				  struct la_err *err)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, value);
	return db_set_setting(db, key, buf, err);
}

void marketing_settings_free(struct marketing_settings *s)
{
	free(s->associates);
	s->associates = NULL;
	s->nassociates = 0;
}

enum la_status marketing_load(struct db *db, struct marketing_settings *out,
			      struct la_err *err)
{
	static const char sql[] =
		"SELECT associate_id FROM distribute_associate ORDER BY associate_id";
	struct db_stmt *st;
	int64_t mode;
	int rc;

	memset(out, 0, sizeof(*out));
	out->utm_enabled = setting_int(db, "marketing.utm_enabled", 0) != 0;
	out->form_category_id = setting_int(db, "marketing.form_category_id", 0);
	mode = setting_int(db, "marketing.distribute_mode", DISTRIBUTE_OFF);
	out->mode = mode >= 0 && mode <= DISTRIBUTE_GROUP ? (enum distribute_mode)mode
							  : DISTRIBUTE_OFF;
	out->group_id = setting_int(db, "marketing.distribute_group_id", 0);
	out->only_unassigned = setting_int(db, "marketing.only_unassigned", 1) != 0;
	out->fallback_id = setting_int(db, "marketing.fallback_associate_id", 0);
	out->version = setting_int(db, "marketing.version", 0);
	if (!(st = db_stmt(db, sql, err)))
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		out->associates = realloc(out->associates,
					  (out->nassociates + 1) * sizeof(*out->associates));
		if (!out->associates)
			abort();
		out->associates[out->nassociates++] = db_col_int64(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		marketing_settings_free(out);
		return db_fail(db, err, "distribute_associate");
	}
	return LA_OK;
}

/* 1 when sql (one id parameter) finds a row. */
static bool exists(struct db *db, const char *sql, int64_t id)
{
	struct db_stmt *st = db_stmt(db, sql, NULL);
	bool found;

	if (!st)
		return false;
	db_bind_int64(st, 1, id);
	found = db_step(st) == DB_ROW;
	db_reset(st);
	return found;
}

static enum la_status check_settings(struct db *db, const struct marketing_settings *s,
				     struct la_err *err)
{
	static const char cat_sql[] =
		"SELECT 1 FROM category WHERE category_id = ? AND deleted = 0";
	static const char group_sql[] =
		"SELECT 1 FROM usergroup WHERE usergroup_id = ? AND deleted = 0";
	static const char assoc_sql[] =
		"SELECT 1 FROM associate WHERE associate_id = ?";
	static const char active_sql[] =
		"SELECT 1 FROM associate WHERE associate_id = ? AND deleted = 0";
	size_t i;

	if (s->form_category_id && !exists(db, cat_sql, s->form_category_id))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("The default category for companies from forms must be a category that is not deleted"));
	if ((unsigned)s->mode > DISTRIBUTE_GROUP)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("Unknown way to distribute to owners"));
	if (s->mode == DISTRIBUTE_GROUP && !exists(db, group_sql, s->group_id))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("Distributing to a user group needs a user group that is not deleted"));
	if (s->mode == DISTRIBUTE_ASSOCIATES && s->nassociates == 0)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("Distributing to selected associates needs at least one associate"));
	for (i = 0; i < s->nassociates; i++)
		if (!exists(db, assoc_sql, s->associates[i]))
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				       _("There is no associate with id %" PRId64), s->associates[i]);
	if (s->fallback_id && !exists(db, active_sql, s->fallback_id))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("The associate for contacts when no one is available must be an active user"));
	return LA_OK;
}

static char *settings_json(const struct marketing_settings *s)
{
	struct jbuf b;
	size_t i;

	jbuf_init(&b);
	jbuf_addf(&b, "{\"utm\":%s,\"form_category_id\":%" PRId64 ",\"distribute\":\"%s\","
		  "\"group_id\":%" PRId64 ",\"associates\":[",
		  s->utm_enabled ? "true" : "false", s->form_category_id,
		  marketing_mode_key(s->mode), s->group_id);
	for (i = 0; i < s->nassociates; i++)
		jbuf_addf(&b, "%s%" PRId64, i ? "," : "", s->associates[i]);
	jbuf_addf(&b, "],\"only_unassigned\":%s,\"fallback_id\":%" PRId64 "}",
		  s->only_unassigned ? "true" : "false", s->fallback_id);
	return jbuf_take(&b);
}

enum la_status marketing_save(struct db *db, const struct la_actor *actor,
			      struct marketing_settings *s, struct la_err *err)
{
	static const char clear_sql[] = "DELETE FROM distribute_associate";
	static const char add_sql[] =
		"INSERT INTO distribute_associate (associate_id) VALUES (?) ON CONFLICT DO NOTHING";
	struct marketing_settings old;
	char *before = NULL, *after = NULL;
	struct db_stmt *st;
	size_t i;
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		goto out;
	if ((rc = marketing_load(db, &old, err)) != LA_OK)
		goto out;
	before = settings_json(&old);
	if (old.version != s->version) {
		rc = la_fail(err, LA_STALE, LA_FIELD_NONE,
			     _("The marketing settings were changed by someone else since you opened them; nothing was saved."));
		marketing_settings_free(&old);
		goto out;
	}
	marketing_settings_free(&old);
	if ((rc = check_settings(db, s, err)) != LA_OK)
		goto out;
	if ((rc = setting_put(db, "marketing.utm_enabled", s->utm_enabled, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.form_category_id", s->form_category_id, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.distribute_mode", s->mode, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.distribute_group_id", s->group_id, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.only_unassigned", s->only_unassigned, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.fallback_associate_id", s->fallback_id, err)) != LA_OK ||
	    (rc = setting_put(db, "marketing.version", s->version + 1, err)) != LA_OK)
		goto out;
	rc = LA_DB;
	if (!(st = db_stmt(db, clear_sql, err)))
		goto out;
	if (db_step(st) != DB_DONE) {
		rc = db_fail(db, err, "distribute_associate");
		goto out;
	}
	db_reset(st);
	for (i = 0; i < s->nassociates; i++) {
		if (!(st = db_stmt(db, add_sql, err)))
			goto out;
		db_bind_int64(st, 1, s->associates[i]);
		if (db_step(st) != DB_DONE) {
			rc = db_fail(db, err, "distribute_associate");
			goto out;
		}
		db_reset(st);
	}
	after = settings_json(s);
	rc = audit_write(db, actor, "marketing", 0, "settings", before, after, err);
	if (rc == LA_OK && (rc = db_commit(db, err)) == LA_OK) {
		s->version++;
		free(before);
		free(after);
		return LA_OK;
	}
out:
	db_rollback(db);
	free(before);
	free(after);
	return rc;
}

enum la_status marketing_eligible(struct db *db, const struct marketing_settings *s,
				  int64_t **ids, size_t *n, struct la_err *err)
{
	static const char assoc_sql[] =
		"SELECT a.associate_id FROM distribute_associate d "
		"JOIN associate a ON a.associate_id = d.associate_id "
		"WHERE a.deleted = 0 ORDER BY a.associate_id";
	static const char group_sql[] =
		"SELECT a.associate_id FROM associate a JOIN usergroup g ON g.usergroup_id = a.group_idx "
		"WHERE a.group_idx = ? AND a.deleted = 0 AND g.deleted = 0 ORDER BY a.associate_id";
	struct db_stmt *st;
	int rc;

	*ids = NULL;
	*n = 0;
	if (s->mode == DISTRIBUTE_OFF)
		return LA_OK;
	if (!(st = db_stmt(db, s->mode == DISTRIBUTE_GROUP ? group_sql : assoc_sql, err)))
		return LA_DB;
	if (s->mode == DISTRIBUTE_GROUP)
		db_bind_int64(st, 1, s->group_id);
	while ((rc = db_step(st)) == DB_ROW) {
		*ids = realloc(*ids, (*n + 1) * sizeof(**ids));
		if (!*ids)
			abort();
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, err, "associate");
	}
	return LA_OK;
}

enum la_status marketing_rotation_next(struct db *db, const struct marketing_settings *s,
				       struct marketing_rotation *r, int64_t *owner,
				       struct la_err *err)
{
	int64_t pick = 0;
	size_t i;
	enum la_status rc;

	*owner = 0;
	if (s->mode == DISTRIBUTE_OFF)
		return LA_OK;
	if (!r->loaded) {
		if ((rc = marketing_eligible(db, s, &r->ids, &r->n, err)) != LA_OK)
			return rc;
		/* The fallback too must still be active when it is needed. */
		if (r->n == 0)
			r->fallback = s->fallback_id &&
				exists(db, "SELECT 1 FROM associate WHERE associate_id = ? AND deleted = 0",
				       s->fallback_id) ? s->fallback_id : 0;
		else
			r->last = setting_int(db, "marketing.rotation_last", 0);
		r->loaded = true;
	}
	if (r->n == 0) {
		*owner = r->fallback;
		return LA_OK;
	}
	/* Round robin by id: the first one after the last given, else the
	 * first; someone made inactive is simply not in the list. */
	for (i = 0; i < r->n && !pick; i++)
		if (r->ids[i] > r->last)
			pick = r->ids[i];
	if (!pick)
		pick = r->ids[0];
	r->last = pick;
	r->dirty = true;
	*owner = pick;
	return LA_OK;
}

enum la_status marketing_rotation_save(struct db *db, struct marketing_rotation *r,
				       struct la_err *err)
{
	enum la_status rc;

	if (!r->dirty)
		return LA_OK;
	if ((rc = setting_put(db, "marketing.rotation_last", r->last, err)) != LA_OK)
		return rc;
	r->dirty = false;
	return LA_OK;
}

void marketing_rotation_forget(struct marketing_rotation *r)
{
	free(r->ids);
	memset(r, 0, sizeof(*r));
}

enum la_status marketing_next_owner(struct db *db, const struct marketing_settings *s,
				    int64_t *owner, struct la_err *err)
{
	struct marketing_rotation r = { 0 };
	enum la_status rc = marketing_rotation_next(db, s, &r, owner, err);

	if (rc == LA_OK)
		rc = marketing_rotation_save(db, &r, err);
	marketing_rotation_forget(&r);
	return rc;
}

#include "config.h"
#include "utmalias.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "mem.h"
#include "rights.h"

/* The statements that name a field's columns, one per field (db_stmt
 * knows a statement by its text's address: no SQL is built at run time). */
#define PER_FIELD(M) { M("source"), M("medium"), M("campaign") }

#define VALUES_SQL(F) \
	"SELECT v, sum(s), sum(f), (SELECT canonical FROM utm_alias WHERE field = '" F "' AND value = v) " \
	"FROM (SELECT " F " AS v, 1 AS s, 0 AS f FROM form_submission WHERE " F " IS NOT NULL " \
	"UNION ALL SELECT firsttouch_" F ", 0, 1 FROM utm_parameters WHERE firsttouch_" F " IS NOT NULL) AS u " \
	"GROUP BY v"
static const char *const values_sql[UTMALIAS_FIELDS] = PER_FIELD(VALUES_SQL);

#define ROWS_SQL(F) \
	"SELECT (SELECT count(*) FROM form_submission WHERE " F " = ?1), " \
	"(SELECT count(*) FROM utm_parameters WHERE " F " = ?1), " \
	"(SELECT count(*) FROM utm_parameters WHERE firsttouch_" F " = ?1)"
static const char *const rows_sql[UTMALIAS_FIELDS] = PER_FIELD(ROWS_SQL);

#define REWRITE_SQL(F) { \
	"UPDATE form_submission SET " F " = ?2 WHERE " F " = ?1", \
	"UPDATE utm_parameters SET " F " = ?2 WHERE " F " = ?1", \
	"UPDATE utm_parameters SET firsttouch_" F " = ?2 WHERE firsttouch_" F " = ?1" }
static const char *const rewrite_sql[UTMALIAS_FIELDS][3] = PER_FIELD(REWRITE_SQL);

bool utmalias_field_parse(const char *name, enum utm_key *field)
{
	for (int k = 0; name && k < UTMALIAS_FIELDS; k++)
		if (strcmp(name, utm_key_name((enum utm_key)k)) == 0) {
			*field = (enum utm_key)k;
			return true;
		}
	return false;
}

const char *utmalias_field_label(enum utm_key field)
{
	switch (field) {
	case UTM_SOURCE: return _("Source");
	case UTM_MEDIUM: return _("Medium");
	default: return _("Campaign");
	}
}

/* ---- the values */

static int by_group(const void *a, const void *b)
{
	const struct utmalias_value *x = a, *y = b;
	long ux = x->submissions + x->first_touches, uy = y->submissions + y->first_touches;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return strcmp(x->value, y->value);
}

enum la_status utmalias_values(struct db *db, enum utm_key field,
			       struct utmalias_values *out, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, values_sql[field], err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		struct utmalias_value *v;
		const char *canonical = db_col_text(st, 3);

		LA_RESERVE(out->v, out->n, cap, 16);
		v = &out->v[out->n++];
		v->value = la_strdup(db_col_text(st, 0));
		v->key = utm_group_key(v->value);
		v->canonical = canonical ? la_strdup(canonical) : NULL;
		v->submissions = (long)db_col_int64(st, 1);
		v->first_touches = (long)db_col_int64(st, 2);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		utmalias_values_free(out);
		return db_fail(db, err, "utm_parameters");
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_group);
	return LA_OK;
}

void utmalias_values_free(struct utmalias_values *vals)
{
	for (size_t i = 0; i < vals->n; i++) {
		free(vals->v[i].value);
		free(vals->v[i].key);
		free(vals->v[i].canonical);
	}
	free(vals->v);
	memset(vals, 0, sizeof(*vals));
}

size_t utmalias_group_end(const struct utmalias_values *vals, size_t i)
{
	size_t j = i + 1;

	while (j < vals->n && strcmp(vals->v[j].key, vals->v[i].key) == 0)
		j++;
	return j;
}

/* ---- the aliases */

enum la_status utmalias_list(struct db *db, bool all, enum utm_key field,
			     struct utmaliases *out, struct la_err *err)
{
	static const char sql[] =
		"SELECT CASE u.field WHEN 'source' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END AS f, "
		"u.value, u.canonical, u.registered, coalesce(a.name, '') FROM utm_alias u "
		"LEFT JOIN associate a ON a.associate_id = u.registered_associate_id "
		"WHERE ?1 OR u.field = ?2 ORDER BY f, u.canonical, u.value";
	struct db_stmt *st = db_stmt(db, sql, err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return LA_DB;
	db_bind_int(st, 1, all);
	db_bind_text(st, 2, utm_key_name(field));
	while ((rc = db_step(st)) == DB_ROW) {
		struct utmalias *a;

		LA_RESERVE(out->v, out->n, cap, 16);
		a = &out->v[out->n++];
		a->field = (enum utm_key)db_col_int(st, 0);
		a->value = la_strdup(db_col_text(st, 1));
		a->canonical = la_strdup(db_col_text(st, 2));
		a->registered = la_strdup(db_col_text(st, 3));
		a->login = la_strdup(db_col_text(st, 4));
	}
	db_reset(st);
	if (rc != DB_DONE) {
		utmaliases_free(out);
		return db_fail(db, err, "utm_alias");
	}
	return LA_OK;
}

void utmaliases_free(struct utmaliases *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].value);
		free(a->v[i].canonical);
		free(a->v[i].registered);
		free(a->v[i].login);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

enum la_status utmalias_rows(struct db *db, enum utm_key field, const char *value,
			     struct utmalias_rows *rows, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, rows_sql[field], err);

	memset(rows, 0, sizeof(*rows));
	if (!st)
		return LA_DB;
	db_bind_text_copy(st, 1, value);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return db_fail(db, err, "utm_parameters");
	}
	rows->submissions = (long)db_col_int64(st, 0);
	rows->visits = (long)db_col_int64(st, 1);
	rows->first_touches = (long)db_col_int64(st, 2);
	db_reset(st);
	return LA_OK;
}

/* The canonical value of value's alias into *canonical (newly allocated,
 * NULL when value is no alias). */
static enum la_status alias_of(struct db *db, enum utm_key field, const char *value,
			       char **canonical, struct la_err *err)
{
	static const char sql[] = "SELECT canonical FROM utm_alias WHERE field = ?1 AND value = ?2";
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	*canonical = NULL;
	if (!st)
		return LA_DB;
	db_bind_text(st, 1, utm_key_name(field));
	db_bind_text_copy(st, 2, value);
	rc = db_step(st);
	if (rc == DB_ROW)
		*canonical = la_strdup(db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(db, err, "utm_alias");
}

static bool among(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* A value that aliases map to, while they are not among values: the
 * first such alias into *other (newly allocated, NULL when none). */
static enum la_status mapped_to(struct db *db, enum utm_key field, const char *value,
				const char *const *values, size_t n, char **other,
				struct la_err *err)
{
	static const char sql[] =
		"SELECT value FROM utm_alias WHERE field = ?1 AND canonical = ?2 ORDER BY value";
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	*other = NULL;
	if (!st)
		return LA_DB;
	db_bind_text(st, 1, utm_key_name(field));
	db_bind_text_copy(st, 2, value);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *v = db_col_text(st, 0);

		if (!among(values, n, v)) {
			*other = la_strdup(v);
			break;
		}
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(db, err, "utm_alias");
}

static char *alias_json(enum utm_key field, const char *value, const char *canonical)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_addf(&b, "{\"field\": \"%s\", \"value\": ", utm_key_name(field));
	jbuf_string(&b, value);
	if (canonical) {
		jbuf_add(&b, ", \"canonical\": ");
		jbuf_string(&b, canonical);
	}
	jbuf_add(&b, "}");
	return jbuf_take(&b);
}

/* Writes one alias (new, or with a new canonical value) and its audit row. */
static enum la_status put_alias(struct db *db, const struct la_actor *actor, enum utm_key field,
				const char *value, const char *canonical,
				struct utmalias_outcome *out, struct la_err *err)
{
	static const char sql[] =
		"INSERT INTO utm_alias (field, value, canonical, registered_associate_id) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (field, value) DO UPDATE SET "
		"canonical = excluded.canonical, registered = strftime('%Y-%m-%d %H:%M:%S', 'now'), "
		"registered_associate_id = excluded.registered_associate_id";
	char *old = NULL, *before = NULL, *after = NULL;
	struct db_stmt *st;
	enum la_status rc;

	if ((rc = alias_of(db, field, value, &old, err)) != LA_OK)
		return rc;
	if (old && strcmp(old, canonical) == 0) {
		out->unchanged++;
		free(old);
		return LA_OK;
	}
	if (!(st = db_stmt(db, sql, err))) {
		free(old);
		return LA_DB;
	}
	db_bind_text(st, 1, utm_key_name(field));
	db_bind_text_copy(st, 2, value);
	db_bind_text_copy(st, 3, canonical);
	if (actor->associate_id)
		db_bind_int64(st, 4, actor->associate_id);
	if ((rc = db_step_done(db, st, "utm_alias", err)) == LA_OK) {
		before = old ? alias_json(field, value, old) : NULL;
		after = alias_json(field, value, canonical);
		rc = audit_write(db, actor, "utm_alias", 0, old ? "edit" : "add", before, after, err);
		if (old)
			out->changed++;
		else
			out->added++;
	}
	free(old);
	free(before);
	free(after);
	return rc;
}

/* Changes the stored rows of value to canonical, with an audit row. */
static enum la_status rewrite_value(struct db *db, const struct la_actor *actor,
				    enum utm_key field, const char *value, const char *canonical,
				    struct utmalias_outcome *out, struct la_err *err)
{
	struct utmalias_rows rows;
	enum la_status rc = utmalias_rows(db, field, value, &rows, err);
	struct jbuf b;
	char *after;

	if (rc != LA_OK)
		return rc;
	out->rewritten.submissions += rows.submissions;
	out->rewritten.visits += rows.visits;
	out->rewritten.first_touches += rows.first_touches;
	if (!rows.submissions && !rows.visits && !rows.first_touches)
		return LA_OK;
	for (int i = 0; i < 3 && rc == LA_OK; i++) {
		struct db_stmt *st = db_stmt(db, rewrite_sql[field][i], err);

		if (!st)
			return LA_DB;
		db_bind_text_copy(st, 1, value);
		db_bind_text_copy(st, 2, canonical);
		rc = db_step_done(db, st, i ? "utm_parameters" : "form_submission", err);
	}
	if (rc != LA_OK)
		return rc;
	/* What changed, as one new value: the field, from, to and the rows. */
	jbuf_init(&b);
	jbuf_addf(&b, "{\"field\": \"%s\", \"from\": ", utm_key_name(field));
	jbuf_string(&b, value);
	jbuf_add(&b, ", \"to\": ");
	jbuf_string(&b, canonical);
	jbuf_addf(&b, ", \"submissions\": %ld, \"visits\": %ld, \"first_touches\": %ld}",
		  rows.submissions, rows.visits, rows.first_touches);
	after = jbuf_take(&b);
	rc = audit_write(db, actor, "utm_alias", 0, "rewrite", NULL, after, err);
	free(after);
	return rc;
}

/* Rule 3 for the canonical value, each value cleaned as stored values
 * are, and the rules against an alias to itself and chains; the clean values into clean[] (n of them,
 * without repeats: *m). */
static enum la_status check_set(struct db *db, enum utm_key field, const char *const *values,
				size_t n, const char *canonical, char **clean, size_t *m,
				char **canon, struct la_err *err)
{
	enum la_status rc;
	char *other = NULL;

	*m = 0;
	if ((rc = lists_check_value(canonical, _("The canonical value"), UTM_VALUE_MAX, canon,
				    err)) != LA_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		char *v;

		/* A variant is matched as a submission stores it (utm_clean), so
		 * that any stored value, even one that is no valid name, can
		 * have an alias. */
		if (!(v = utm_clean(values[i])))
			return la_fail(err, LA_REFUSED, LA_FIELD_NAME, "%s",
				       _("A value to map must not be empty"));
		if (strcmp(v, *canon) == 0) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				     _("'%s' cannot be an alias of itself; give the variants to map to it"), v);
			free(v);
			return rc;
		}
		if (among((const char *const *)clean, *m, v))
			free(v);
		else
			clean[(*m)++] = v;
	}
	if ((rc = alias_of(db, field, *canon, &other, err)) != LA_OK)
		return rc;
	if (other) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			     _("'%s' is itself an alias of '%s' (%s); aliases do not chain: map to '%s' instead"),
			     *canon, other, utm_key_name(field), other);
		free(other);
		return rc;
	}
	for (size_t i = 0; i < *m; i++) {
		if ((rc = mapped_to(db, field, clean[i], (const char *const *)clean, *m, &other,
				    err)) != LA_OK)
			return rc;
		if (other) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				     _("'%s' is the canonical value of the alias '%s' (%s); aliases do not chain: name '%s' too, so that both map to '%s', or remove that alias first"),
				     clean[i], other, utm_key_name(field), other, *canon);
			free(other);
			return rc;
		}
	}
	return LA_OK;
}

enum la_status utmalias_set(struct db *db, const struct la_actor *actor, enum utm_key field,
			    const char *const *values, size_t n, const char *canonical,
			    bool rewrite, bool yes, struct utmalias_outcome *out,
			    struct la_err *err)
{
	char **clean = calloc(n + 1, sizeof(*clean)), *canon = NULL;
	size_t m = 0;
	enum la_status rc;

	memset(out, 0, sizeof(*out));
	if (!clean)
		abort();
	if ((rc = db_begin(db, err)) != LA_OK)
		goto done;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK ||
	    (rc = check_set(db, field, values, n, canonical, clean, &m, &canon, err)) != LA_OK)
		goto out;
	if (rewrite && !yes) {
		for (size_t i = 0; i < m; i++) {
			struct utmalias_rows r;

			if ((rc = utmalias_rows(db, field, clean[i], &r, err)) != LA_OK)
				goto out;
			out->rewritten.submissions += r.submissions;
			out->rewritten.visits += r.visits;
			out->rewritten.first_touches += r.first_touches;
		}
		rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE,
			     _("Rewriting changes the %s of stored rows to '%s': form submissions %ld, visits %ld, first touches %ld."),
			     utm_key_name(field), canon, out->rewritten.submissions,
			     out->rewritten.visits, out->rewritten.first_touches);
		goto out;
	}
	for (size_t i = 0; i < m && rc == LA_OK; i++) {
		rc = put_alias(db, actor, field, clean[i], canon, out, err);
		if (rc == LA_OK && rewrite)
			rc = rewrite_value(db, actor, field, clean[i], canon, out, err);
	}
out:
	if (rc == LA_OK)
		rc = db_commit(db, err);
	else
		db_rollback(db);
done:
	for (size_t i = 0; i < m; i++)
		free(clean[i]);
	free(clean);
	free(canon);
	return rc;
}

enum la_status utmalias_remove(struct db *db, const struct la_actor *actor,
			       enum utm_key field, const char *const *values, size_t n,
			       struct la_err *err)
{
	static const char sql[] = "DELETE FROM utm_alias WHERE field = ?1 AND value = ?2";
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = rights_check_general(db, actor, err)) != LA_OK)
		goto out;
	for (size_t i = 0; i < n && rc == LA_OK; i++) {
		/* Matched as utmalias_set stores a variant (utm_clean). */
		char *old = NULL, *before, *v = utm_clean(values[i]);
		struct db_stmt *st;

		if (v && (rc = alias_of(db, field, v, &old, err)) != LA_OK) {
			free(v);
			break;
		}
		if (!old) {
			rc = la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
				     _("'%s' is no alias of a %s value; nothing was removed"),
				     values[i], utm_key_name(field));
			free(v);
			break;
		}
		if (!(st = db_stmt(db, sql, err))) {
			free(old);
			free(v);
			rc = LA_DB;
			break;
		}
		db_bind_text(st, 1, utm_key_name(field));
		db_bind_text_copy(st, 2, v);
		if ((rc = db_step_done(db, st, "utm_alias", err)) == LA_OK) {
			before = alias_json(field, v, old);
			rc = audit_write(db, actor, "utm_alias", 0, "delete", before, NULL, err);
			free(before);
		}
		free(old);
		free(v);
	}
out:
	if (rc == LA_OK)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

/* ---- the aliases in memory, for submit */

enum la_status utmalias_map_load(struct db *db, struct utmalias_map *m, struct la_err *err)
{
	static const char sql[] =
		"SELECT CASE field WHEN 'source' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END AS f, "
		"value, canonical FROM utm_alias ORDER BY f, value";
	struct db_stmt *st = db_stmt(db, sql, err);
	size_t cap[UTMALIAS_FIELDS] = { 0 };
	int rc;

	memset(m, 0, sizeof(*m));
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		int f = db_col_int(st, 0);

		if (f < 0 || f >= UTMALIAS_FIELDS)
			continue;
		if (m->n[f] == cap[f]) {
			cap[f] = cap[f] ? cap[f] * 2 : 8;
			m->v[f] = realloc(m->v[f], cap[f] * sizeof(*m->v[f]));
			if (!m->v[f])
				abort();
		}
		m->v[f][m->n[f]].value = la_strdup(db_col_text(st, 1));
		m->v[f][m->n[f]++].canonical = la_strdup(db_col_text(st, 2));
	}
	db_reset(st);
	if (rc != DB_DONE) {
		utmalias_map_free(m);
		return db_fail(db, err, "utm_alias");
	}
	return LA_OK;
}

static int pair_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct utmalias_pair *)elem)->value);
}

void utmalias_map_apply(const struct utmalias_map *m, struct utm *u)
{
	for (int f = 0; f < UTMALIAS_FIELDS; f++) {
		const struct utmalias_pair *p;

		if (!u->value[f] || !m->n[f])
			continue;
		p = bsearch(u->value[f], m->v[f], m->n[f], sizeof(*m->v[f]), pair_cmp);
		if (p) {
			free(u->value[f]);
			u->value[f] = la_strdup(p->canonical);
		}
	}
}

void utmalias_map_free(struct utmalias_map *m)
{
	for (int f = 0; f < UTMALIAS_FIELDS; f++) {
		for (size_t i = 0; i < m->n[f]; i++) {
			free(m->v[f][i].value);
			free(m->v[f][i].canonical);
		}
		free(m->v[f]);
	}
	memset(m, 0, sizeof(*m));
}

enum la_status utmalias_json(struct db *db, struct jbuf *b, struct la_err *err)
{
	struct utmaliases a;
	enum la_status rc = utmalias_list(db, true, UTM_SOURCE, &a, err);

	if (rc != LA_OK)
		return rc;
	jbuf_add(b, "[");
	for (size_t i = 0; i < a.n; i++) {
		char *o = alias_json(a.v[i].field, a.v[i].value, a.v[i].canonical);

		jbuf_addf(b, "%s%s", i ? ", " : "", o);
		free(o);
	}
	jbuf_add(b, "]");
	utmaliases_free(&a);
	return LA_OK;
}

/* Element i of import's "utm_aliases": its field, value and canonical
 * value, or the refusal that names what is wrong with it. */
static enum la_status import_entry(const json_t *o, size_t i, enum utm_key *field,
				   const char **value, const char **canonical,
				   struct la_err *err)
{
	const json_t *f = json_object_get(o, "field");
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("utm_aliases[%zu]: must be an object with \"field\", \"value\" and \"canonical\""), i);
	json_object_foreach((json_t *)o, key, v) {
		if (strcmp(key, "field") && strcmp(key, "value") && strcmp(key, "canonical"))
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				       _("utm_aliases[%zu]: %s: unknown key"), i, key);
	}
	if (!json_is_string(f) || !utmalias_field_parse(json_string_value(f), field))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("utm_aliases[%zu]: \"field\" must be source, medium or campaign"), i);
	if (!json_is_string(json_object_get(o, "value")))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("utm_aliases[%zu]: \"value\" must be text"), i);
	if (!json_is_string(json_object_get(o, "canonical")))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("utm_aliases[%zu]: \"canonical\" must be text"), i);
	*value = json_string_value(json_object_get(o, "value"));
	*canonical = json_string_value(json_object_get(o, "canonical"));
	return LA_OK;
}

enum la_status utmalias_import(struct db *db, const struct la_actor *actor,
			       const struct json_t *array, struct la_err *err)
{
	enum la_status rc = LA_OK;
	enum utm_key field;
	const char *value, *canonical;
	const json_t *o;
	size_t i;

	if (!json_is_array(array))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, "%s", _("\"utm_aliases\" must be a list"));
	/* Every element is checked before any is applied. */
	json_array_foreach(array, i, o)
		if ((rc = import_entry(o, i, &field, &value, &canonical, err)) != LA_OK)
			return rc;
	json_array_foreach(array, i, o) {
		struct utmalias_outcome out;
		char *old = NULL, *v;

		import_entry(o, i, &field, &value, &canonical, err);
		/* An alias stored as the file has it changes nothing, so that
		 * it needs no General administrator. */
		v = utm_clean(value);
		if (v && (rc = alias_of(db, field, v, &old, err)) != LA_OK) {
			free(v);
			return rc;
		}
		if (!old || strcmp(old, canonical) != 0)
			rc = utmalias_set(db, actor, field, &value, 1, canonical, false, false, &out, err);
		free(old);
		free(v);
		if (rc != LA_OK)
			return la_fail(err, rc, LA_FIELD_NONE, _("utm_aliases[%zu]: %s"), i, err->msg);
	}
	return LA_OK;
}

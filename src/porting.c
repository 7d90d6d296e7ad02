#include "config.h"
#include "porting.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "jsonread.h"
#include "audit.h"
#include "auditvalue.h"
#include "lists.h"
#include "text.h"

/* The export's fields of an item: name, the list's own fields,
 * description, deleted. */
static void export_list(struct jbuf *b, const struct la_items *items)
{
	for (size_t i = 0; i < items->n; i++) {
		const struct la_item *it = &items->v[i];
		const struct la_listdef *d = lists_def(it->list);

		jbuf_add(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		jbuf_string(b, it->name);
		for (size_t k = 0; k < d->nfields; k++) {
			const struct la_fielddef *f = &d->fields[k];

			if (f->kind == LF_CHOICE)
				jbuf_addf(b, ", \"%s\": \"%s\"", f->key,
					  lists_field_text(f, it, true, NULL, NULL, NULL, 0));
			else if (f->kind == LF_BOOL)
				jbuf_addf(b, ", \"%s\": %s", f->key,
					  lists_field_int(f, it) ? "true" : "false");
		}
		jbuf_add(b, ", \"description\": ");
		jbuf_string(b, it->tooltip);
		jbuf_addf(b, ", \"deleted\": %s}", it->deleted ? "true" : "false");
	}
	jbuf_add(b, items->n ? "\n  ]" : "]");
}

enum la_status porting_export(struct db *db, char **json, struct la_err *err)
{
	struct jbuf b;

	*json = NULL;
	jbuf_init(&b);
	jbuf_addf(&b, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"language\": ",
		  PORTING_FORMAT, PORTING_VERSION);
	jbuf_string(&b, db_language(db));
	for (int l = 0; l < LIST_COUNT; l++) {
		struct la_items items;
		enum la_status rc = lists_load(db, (enum la_list)l, true, &items, err);

		if (rc != LA_OK) {
			jbuf_free(&b);
			return rc;
		}
		jbuf_addf(&b, ",\n  \"%s\": [", lists_def((enum la_list)l)->export_key);
		export_list(&b, &items);
		lists_items_free(&items);
	}
	jbuf_add(&b, "\n}\n");
	*json = jbuf_take(&b);
	return LA_OK;
}

static void plan_add(struct porting_plan *plan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void plan_add(struct porting_plan *plan, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		abort();
	va_end(ap);
	plan->lines = realloc(plan->lines, (plan->n + 1) * sizeof(*plan->lines));
	if (!plan->lines)
		abort();
	plan->lines[plan->n++] = line;
}

void porting_plan_free(struct porting_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		free(plan->lines[i]);
	free(plan->lines);
	memset(plan, 0, sizeof(*plan));
}

/* Reads an optional boolean member; false when it is missing. */
static bool get_bool(const json_t *o, const char *key, bool *out)
{
	const json_t *v = json_object_get(o, key);

	*out = false;
	if (!v)
		return true;
	if (!json_is_boolean(v))
		return false;
	*out = json_is_true(v);
	return true;
}

/* The "name" of an item of the file, or NULL when it has none as text. */
static const char *name_of(const json_t *o)
{
	return json_string_value(json_object_get(o, "name"));
}

/* Where an item stands in the file, for messages: "categories[2] 'Lead'". */
static void item_where(char *buf, size_t len, enum la_list list, size_t i, const char *name)
{
	la_format(buf, len, "%s[%zu]%s%s%s", lists_def(list)->export_key, i + 1,
		  name ? " '" : "", name ? name : "", name ? "'" : "");
}

/* Where in the file a JSON member is, for messages: "categories[2].grop". */
static void member_path(char *buf, size_t len, enum la_list list, size_t i, const char *key)
{
	la_format(buf, len, "%s[%zu].%s", lists_def(list)->export_key, i + 1, key);
}

/* Refuses the members of an item that its list does not have: a typo
 * must not import a wrong value in silence. */
static enum la_status known_members(const json_t *o, enum la_list list, size_t i,
				    struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v) {
		bool known = strcmp(key, "deleted") == 0;

		for (size_t k = 0; !known && k < d->nfields; k++)
			known = d->fields[k].kind != LF_COUNT && strcmp(key, d->fields[k].key) == 0;
		if (!known) {
			char path[400];

			member_path(path, sizeof(path), list, i, key);
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: unknown key"), path);
		}
	}
	return LA_OK;
}

/* Fills item from the object o of the file, field by field of its list;
 * LA_REFUSED with a message naming the item when a member is missing or of
 * the wrong kind. */
static enum la_status read_item(const json_t *o, size_t i, struct la_item *item,
				bool *deleted, bool *is_default, struct la_err *err)
{
	const struct la_listdef *d = lists_def(item->list);
	const char *name = name_of(o);
	char where[320];

	item_where(where, sizeof(where), item->list, i, name);
	*is_default = false;
	if (!json_is_object(o))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: is not an object"), where);
	if (known_members(o, item->list, i, err) != LA_OK)
		return LA_REFUSED;
	if (!get_bool(o, "deleted", deleted))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: \"deleted\" is not true or false"), where);
	for (size_t k = 0; k < d->nfields; k++) {
		const struct la_fielddef *f = &d->fields[k];
		const json_t *v = json_object_get(o, f->key);
		const struct la_choice *c;
		bool flag;

		switch (f->kind) {
		case LF_TEXT:
			if ((f->flags & LFF_REQUIRED) && !json_is_string(v))
				return la_fail(err, LA_REFUSED, f->id,
					       _("%s: \"%s\" is missing or not text"), where, f->key);
			if (v && !json_is_string(v))
				return la_fail(err, LA_REFUSED, f->id, _("%s: \"%s\" is not text"),
					       where, f->key);
			free(*lists_field_str(f, item));
			*lists_field_str(f, item) = strdup(v ? json_string_value(v) : "");
			if (!*lists_field_str(f, item))
				abort();
			break;
		case LF_CHOICE:
			/* Not only the offered ones: an export of a legacy item
			 * names its group "unknown", which the list's rules take
			 * back for that item and refuse for a new one. */
			c = lists_choice_by_any_key(f, json_string_value(v));
			if (!c) {
				char keys[256];

				lists_choice_keys(f, keys, sizeof(keys));
				return la_fail(err, LA_REFUSED, f->id, _("%s: \"%s\" must be one of %s"),
					       where, f->key, keys);
			}
			lists_field_set_int(f, item, c->value);
			break;
		case LF_BOOL:
			if (!get_bool(o, f->key, &flag))
				return la_fail(err, LA_REFUSED, f->id,
					       _("%s: \"%s\" is not true or false"), where, f->key);
			/* The default moves after every item is in (see below). */
			if (f->flags & LFF_DEFAULT)
				*is_default = flag;
			else
				lists_field_set_int(f, item, flag);
			break;
		case LF_COUNT:
			break;
		}
	}
	return LA_OK;
}

/* Prefixes err's message with where the item stands in the file. */
static enum la_status locate(struct la_err *err, enum la_status rc, const char *where)
{
	char place[sizeof(err->msg)];
	size_t room = sizeof(err->msg) - strlen(err->msg) - 2;

	/* The place gives way, never the reason after it. */
	la_format(place, room > 24 ? room : 24, "%s", where);
	return la_fail(err, rc, err->field, "%s: %s", place, err->msg);
}

/* One list of the file: its items, and the ids they have in the database
 * (0 until applied). */
struct file_list {
	const json_t *items;
	size_t n;
	int64_t *ids;   /* the item of each entry */
	bool *drop;     /* the entries the file says are deleted */
};

/* Applies item i of the file; the outer transaction holds them all. The
 * audit rows it writes are the plan (see plan_from_audit). */
static enum la_status import_item(struct db *db, const struct la_actor *actor,
				  enum la_list list, struct file_list *fl, size_t i,
				  enum la_confirm confirm, int64_t *new_default,
				  struct la_err *err)
{
	const struct la_fielddef *dflt = lists_flag_field(list, LFF_DEFAULT);
	struct la_item want, cur;
	bool deleted = false, have_cur = false, is_default = false;
	char where[320];
	int64_t id;
	enum la_status rc;

	lists_item_init(&want, list);
	if ((rc = read_item(json_array_get(fl->items, i), i, &want, &deleted, &is_default,
			    err)) != LA_OK)
		goto out;
	item_where(where, sizeof(where), list, i, want.name);
	if (is_default && deleted) {
		rc = la_fail(err, LA_REFUSED, dflt->id,
			     _("%s: a deleted status cannot be the default"), where);
		goto out;
	}
	if ((rc = lists_name_taken(db, list, want.name, 0, &id, NULL, err)) != LA_OK)
		goto out;
	/* An existing item keeps its id even when nothing else changes: the
	 * delete and the default below act on it. */
	want.id = id;
	if (id) {
		if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
			goto out;
		have_cur = true;
		/* Only another default replaces the current one. */
		if (dflt)
			lists_field_set_int(dflt, &want, lists_field_int(dflt, &cur));
	}
	/* The list's rules as the file states them: a save would turn lead
	 * status off for an item moved out of Potential customer, so that the
	 * result would differ from the file (rule 1). */
	if ((rc = lists_check_stated(db, have_cur ? &cur : NULL, &want, err)) != LA_OK)
		goto fail;
	/* A deleted item is changed only when restored: one the file keeps
	 * deleted but states otherwise is restored, changed and deleted
	 * again, each step in the plan. */
	if (have_cur && cur.deleted && (!deleted || !lists_item_same(&cur, &want))) {
		if ((rc = lists_restore(db, actor, list, id, err)) != LA_OK)
			goto fail;
		lists_item_clear(&cur);
		if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
			goto out;
	}
	if (!have_cur) {
		if ((rc = lists_save(db, actor, &want, confirm, err)) != LA_OK)
			goto fail;
	} else if (!cur.deleted && !lists_item_same(&cur, &want)) {
		want.updated_count = cur.updated_count;
		if ((rc = lists_save(db, actor, &want, confirm, err)) != LA_OK)
			goto fail;
	}
	/* Deleted after the file's default is set: the file may delete the
	 * item that is the default now. */
	fl->drop[i] = deleted && !(have_cur && cur.deleted);
	if (is_default)
		*new_default = want.id;
	fl->ids[i] = want.id;
	goto out;
fail:
	rc = locate(err, rc, where);
out:
	lists_item_clear(&want);
	if (have_cur)
		lists_item_clear(&cur);
	return rc;
}

/* A name of the file, trimmed and case-folded, with its place. */
struct name_key {
	char *key;
	char *name;     /* trimmed */
	size_t index;
};

static int name_key_cmp(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Whether list has an item of exactly this name: names that fold alike
 * but were two items before rule 2 (legacy twins) are two items in the
 * file too. */
static bool exact_name(struct db *db, enum la_list list, const char *name)
{
	struct la_item it;
	struct la_err err;
	int64_t id;
	bool same;

	if (lists_name_taken(db, list, name, 0, &id, NULL, &err) != LA_OK || !id ||
	    lists_get(db, list, id, &it, &err) != LA_OK)
		return false;
	same = strcmp(it.name, name) == 0;
	lists_item_clear(&it);
	return same;
}

/* The earlier item of the file (a place in keys, before k in its group
 * that starts at start) whose name k repeats, or (size_t)-1. Twins the
 * list has already, each under its own exact name, repeat nothing. */
static size_t repeated(struct db *db, enum la_list list, const struct name_key *keys,
		       size_t start, size_t k)
{
	for (size_t m = start; m < k; m++)
		if (strcmp(keys[m].name, keys[k].name) == 0)
			return m;
	if (!exact_name(db, list, keys[k].name))
		return start;
	for (size_t m = start; m < k; m++)
		if (!exact_name(db, list, keys[m].name))
			return m;
	return (size_t)-1;
}

/* Two items of one list in the file with the same name (rule 2). Each name
 * is folded once and the keys are sorted, so that a file of 10,000 items
 * takes n log n comparisons, not n squared; the message names the first
 * item (in file order) whose name came before, as it always did. */
static enum la_status check_duplicates(struct db *db, const json_t *arr, enum la_list list,
				       struct la_err *err)
{
	size_t count = json_array_size(arr);
	struct name_key *keys = calloc(count ? count : 1, sizeof(*keys));
	size_t n = 0, k, start = 0, i = 0, j = 0, m;
	bool found = false;

	if (!keys)
		abort();
	for (k = 0; k < count; k++) {
		const char *a = name_of(json_array_get(arr, k));

		if (!a)
			continue;
		keys[n].name = text_trim(a);
		keys[n].key = text_fold(keys[n].name);
		keys[n].index = k;
		n++;
	}
	qsort(keys, n, sizeof(*keys), name_key_cmp);
	for (k = 1; k < n; k++) {
		if (strcmp(keys[k].key, keys[k - 1].key) != 0) {
			start = k;
			continue;
		}
		if ((found && keys[k].index > i) ||
		    (m = repeated(db, list, keys, start, k)) == (size_t)-1)
			continue;
		i = keys[k].index;
		j = keys[m].index;
		found = true;
	}
	for (k = 0; k < n; k++) {
		free(keys[k].key);
		free(keys[k].name);
	}
	free(keys);
	if (found) {
		char where[320];

		item_where(where, sizeof(where), list, i, name_of(json_array_get(arr, i)));
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			       _("%s: has the same name as %s[%zu]"),
			       where, lists_def(list)->export_key, j + 1);
	}
	return LA_OK;
}

/* With replace, the items of list that the file does not name are
 * deleted, so that the list becomes the file's. */
static enum la_status delete_unnamed(struct db *db, const struct la_actor *actor,
				     enum la_list list, const struct file_list *fl,
				     enum la_confirm confirm, struct la_err *err)
{
	struct la_items items;
	enum la_status rc = lists_load(db, list, false, &items, err);

	for (size_t i = 0; rc == LA_OK && i < items.n; i++) {
		bool named = false;

		for (size_t k = 0; !named && k < fl->n; k++)
			named = fl->ids[k] == items.v[i].id;
		if (!named) {
			rc = lists_delete(db, actor, list, items.v[i].id, 0, confirm, err);
			if (rc != LA_OK) {
				char where[320];

				la_format(where, sizeof(where), "%s '%s'", lists_def(list)->export_key,
					  items.v[i].name);
				rc = locate(err, rc, where);
			}
		}
	}
	lists_items_free(&items);
	return rc;
}

/* The items of one list in the file, then the file's order and its
 * default. */
static enum la_status import_list(struct db *db, const struct la_actor *actor,
				  enum la_list list, struct file_list *fl, bool replace,
				  enum la_confirm confirm, struct la_err *err)
{
	int64_t new_default = 0, current;
	bool moved = false;
	enum la_status rc = LA_OK;

	for (size_t i = 0; i < fl->n && rc == LA_OK; i++)
		rc = import_item(db, actor, list, fl, i, confirm, &new_default, err);
	/* The file's order is the lists' order; items it does not name
	 * follow, in their own order. */
	if (rc == LA_OK && fl->n)
		rc = lists_reorder(db, actor, list, fl->ids, fl->n, &moved, err);
	if (rc == LA_OK && new_default &&
	    (rc = lists_default_item(db, list, &current, err)) == LA_OK &&
	    new_default != current)
		rc = lists_set_default(db, actor, list, new_default, err);
	for (size_t i = 0; i < fl->n && rc == LA_OK; i++)
		if (fl->drop[i] &&
		    (rc = lists_delete(db, actor, list, fl->ids[i], 0, confirm, err)) != LA_OK) {
			char where[320];

			item_where(where, sizeof(where), list, i,
				   name_of(json_array_get(fl->items, i)));
			rc = locate(err, rc, where);
		}
	if (rc == LA_OK && replace)
		rc = delete_unnamed(db, actor, list, fl, confirm, err);
	return rc;
}

/* The words of the plan for an audit action. */
static const char *action_words(const char *action)
{
	if (strcmp(action, "add") == 0)
		return _("add");
	if (strcmp(action, "edit") == 0)
		return _("update");
	if (strcmp(action, "delete") == 0)
		return _("delete");
	if (strcmp(action, "restore") == 0)
		return _("restore");
	if (strcmp(action, "default") == 0)
		return _("make the default");
	return action;
}

/* The plan: one line for each audit row the import wrote (after since),
 * so that a dry run says exactly what the import does, field by field;
 * and the counts of the items they touch. */
static enum la_status plan_from_audit(struct db *db, int64_t since,
				      struct file_list fls[LIST_COUNT],
				      struct porting_plan *plan, struct la_err *err)
{
	static const char sql[] =
		"SELECT list, coalesce(item_id, 0), action, old_value, new_value FROM audit "
		"WHERE audit_id > ? ORDER BY audit_id";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	bool *touched[LIST_COUNT];
	int rc;

	if (!st)
		return LA_DB;
	for (int l = 0; l < LIST_COUNT; l++) {
		touched[l] = calloc(fls[l].n + 1, sizeof(bool));
		if (!touched[l])
			abort();
	}
	sqlite3_bind_int64(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		int64_t id = sqlite3_column_int64(st, 1);
		const char *action = (const char *)sqlite3_column_text(st, 2);
		const char *old = (const char *)sqlite3_column_text(st, 3);
		const char *now = (const char *)sqlite3_column_text(st, 4);
		const char *key;
		char where[320];
		char *changes;
		enum la_list l;
		size_t i;

		if (!lists_by_table(table, &l))
			continue;
		key = lists_def(l)->export_key;
		if (strcmp(action, "reorder") == 0) {
			plan_add(plan, _("order %s as in the file"), key);
			continue;
		}
		for (i = 0; i < fls[l].n && fls[l].ids[i] != id; i++)
			;
		if (i < fls[l].n) {
			item_where(where, sizeof(where), l, i, name_of(json_array_get(fls[l].items, i)));
			if (!touched[l][i] && strcmp(action, "add") == 0)
				plan->added++;
			else if (!touched[l][i])
				plan->updated++;
			touched[l][i] = true;
		} else {
			/* An item the file does not name (--replace). */
			la_format(where, sizeof(where), "%s #%lld", key, (long long)id);
			plan->updated++;
		}
		changes = auditvalue_changes(old, now);
		plan_add(plan, "%s %s%s%s", action_words(action), where, *changes ? ": " : "",
			 changes);
		free(changes);
	}
	sqlite3_reset(st);
	for (int l = 0; l < LIST_COUNT; l++) {
		for (size_t i = 0; i < fls[l].n; i++)
			plan->unchanged += !touched[l][i];
		free(touched[l]);
	}
	return rc == SQLITE_DONE ? LA_OK : db_fail(db, err, "audit");
}

/* The file's top-level members: the format's own and one a list. */
static enum la_status known_top(const json_t *doc, struct la_err *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)doc, key, v) {
		enum la_list l;
		bool known = strcmp(key, "format") == 0 || strcmp(key, "version") == 0 ||
			     strcmp(key, "language") == 0;

		for (int k = 0; !known && k < LIST_COUNT; k++)
			known = strcmp(key, lists_def((enum la_list)k)->export_key) == 0;
		(void)l;
		if (!known)
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: unknown key"), key);
	}
	return LA_OK;
}

enum la_status porting_import(struct db *db, const struct la_actor *actor,
			      const char *text, size_t len, unsigned flags,
			      enum la_confirm confirm, struct porting_plan *plan,
			      struct la_err *err)
{
	struct file_list fls[LIST_COUNT];
	char perr[200];
	json_t *doc;
	const json_t *v;
	const char *format;
	double version;
	int64_t since = 0;
	enum la_status rc = LA_OK;

	memset(plan, 0, sizeof(*plan));
	memset(fls, 0, sizeof(fls));
	/* A byte order mark, as some editors write, is not part of the JSON. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	doc = jsonread_load(text, len, perr, sizeof(perr));
	if (!doc)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("not valid JSON: %s"), perr);
	format = json_string_value(json_object_get(doc, "format"));
	v = json_object_get(doc, "version");
	version = json_is_number(v) ? json_number_value(v) : 0;
	/* 1, 1.0 and 1e0 are all the version 1. */
	if (!format || strcmp(format, PORTING_FORMAT) != 0 || (version != 1 && version != 2)) {
		json_decref(doc);
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("not a leadadmin export: \"format\" must be \"%s\" and \"version\" 1 or %d"),
			       PORTING_FORMAT, PORTING_VERSION);
	}
	rc = json_is_object(doc) ? known_top(doc, err)
				 : la_fail(err, LA_REFUSED, LA_FIELD_NONE, "%s", _("not an object"));
	for (int l = 0; l < LIST_COUNT && rc == LA_OK; l++) {
		const struct la_listdef *def = lists_def((enum la_list)l);
		const char *key = def->export_key;

		v = json_object_get(doc, key);
		/* A file has every list its version knows: version 1 files
		 * (before user groups were a list) have the two lead lists. */
		if (!v && version >= def->export_since)
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" is missing"), key);
		else if (v && !json_is_array(v))
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" must be a list"), key);
		else if (v)
			rc = check_duplicates(db, v, (enum la_list)l, err);
		fls[l].items = v;
		fls[l].n = json_array_size(v);
		fls[l].ids = calloc(fls[l].n + 1, sizeof(int64_t));
		fls[l].drop = calloc(fls[l].n + 1, sizeof(bool));
		if (!fls[l].ids || !fls[l].drop)
			abort();
	}
	if (rc == LA_OK)
		rc = db_begin(db, err);
	if (rc != LA_OK)
		goto done;
	if ((rc = audit_last_id(db, &since, err)) != LA_OK) {
		db_rollback(db);
		goto done;
	}
	{
		const char *lang = json_string_value(json_object_get(doc, "language"));

		/* Items match by name: a file in another language adds its
		 * items beside the database's own, which is worth a word. */
		if (lang && strcmp(lang, db_language(db)) != 0)
			plan_add(plan, _("note: the file's items are in language '%s', the database's in '%s'"),
				 lang, db_language(db));
	}
	/* Each change asks for the rights of its list (rule 9): a file that
	 * leaves the user groups as they are can be imported by a List
	 * administrator. */
	for (int l = 0; l < LIST_COUNT && rc == LA_OK; l++)
		rc = import_list(db, actor, (enum la_list)l, &fls[l],
				 (flags & PORTING_REPLACE) != 0, confirm, err);
	if (rc == LA_OK)
		rc = plan_from_audit(db, since, fls, plan, err);
	if (rc != LA_OK || (flags & PORTING_DRY_RUN))
		db_rollback(db);
	else
		rc = db_commit(db, err);
done:
	for (int l = 0; l < LIST_COUNT; l++) {
		free(fls[l].ids);
		free(fls[l].drop);
	}
	json_decref(doc);
	return rc;
}

#include "config.h"
#include "porting.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "jsonread.h"
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
	char line[600];

	va_start(ap, fmt);
	la_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	plan->lines = realloc(plan->lines, (plan->n + 1) * sizeof(*plan->lines));
	if (!plan->lines)
		abort();
	plan->lines[plan->n] = strdup(line);
	if (!plan->lines[plan->n])
		abort();
	plan->n++;
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
			c = lists_choice_by_key(f, json_string_value(v));
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

/* Applies one item of the file; the outer transaction holds them all. */
static enum la_status import_item(struct db *db, const struct la_actor *actor,
				  const json_t *o, enum la_list list, size_t i,
				  enum la_confirm confirm, int64_t *new_default,
				  int64_t *item_id, struct porting_plan *plan,
				  struct la_err *err)
{
	const struct la_fielddef *dflt = lists_flag_field(list, LFF_DEFAULT);
	struct la_item want, cur;
	bool deleted = false, have_cur = false, is_default = false;
	char where[320];
	int64_t id;
	enum la_status rc;

	lists_item_init(&want, list);
	if ((rc = read_item(o, i, &want, &deleted, &is_default, err)) != LA_OK)
		goto out;
	item_where(where, sizeof(where), list, i, want.name);
	if (is_default && deleted) {
		rc = la_fail(err, LA_REFUSED, dflt->id,
			     _("%s: a deleted status cannot be the default"), where);
		goto out;
	}
	/* The list's rules as the file states them: a save would turn lead
	 * status off for an item moved out of Potential customer, so that the
	 * result would differ from the file (rule 1). */
	if ((rc = lists_check_stated(db, &want, err)) != LA_OK) {
		rc = locate(err, rc, where);
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
	if (have_cur && cur.deleted && !deleted) {
		if ((rc = lists_restore(db, actor, list, id, err)) != LA_OK)
			goto fail;
		lists_item_clear(&cur);
		if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
			goto out;
	}
	if (!have_cur) {
		if ((rc = lists_save(db, actor, &want, confirm, err)) != LA_OK)
			goto fail;
		plan->added++;
		plan_add(plan, _("add %s"), where);
	} else if (!cur.deleted && !lists_item_same(&cur, &want)) {
		want.id = cur.id;
		want.updated_count = cur.updated_count;
		if ((rc = lists_save(db, actor, &want, confirm, err)) != LA_OK)
			goto fail;
		plan->updated++;
		plan_add(plan, _("update %s"), where);
	} else if (!(deleted && !cur.deleted)) {
		plan->unchanged++;
		plan_add(plan, _("keep %s (unchanged)"), where);
	}
	if (deleted && !(have_cur && cur.deleted)) {
		if ((rc = lists_delete(db, actor, list, want.id, 0, confirm, err)) != LA_OK)
			goto fail;
		plan_add(plan, _("delete %s"), where);
		if (have_cur && lists_item_same(&cur, &want))
			plan->updated++;
	}
	if (is_default)
		*new_default = want.id;
	*item_id = want.id;
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

/* Two items of one list in the file with the same name (rule 2). Each name
 * is folded once and the keys are sorted, so that a file of 10,000 items
 * takes n log n comparisons, not n squared; the message names the first
 * item (in file order) whose name came before, as it always did. */
static enum la_status check_duplicates(const json_t *arr, enum la_list list,
				       struct la_err *err)
{
	size_t count = json_array_size(arr);
	struct name_key *keys = calloc(count ? count : 1, sizeof(*keys));
	size_t n = 0, k, start = 0, i = 0, j = 0;
	bool found = false;

	if (!keys)
		abort();
	for (k = 0; k < count; k++) {
		const char *a = name_of(json_array_get(arr, k));
		char *t;

		if (!a)
			continue;
		t = text_trim(a);
		keys[n].key = text_fold(t);
		keys[n].index = k;
		free(t);
		n++;
	}
	qsort(keys, n, sizeof(*keys), name_key_cmp);
	for (k = 1; k < n; k++) {
		if (strcmp(keys[k].key, keys[k - 1].key) != 0) {
			start = k;
			continue;
		}
		if (!found || keys[k].index < i) {
			i = keys[k].index;
			j = keys[start].index;
			found = true;
		}
	}
	for (k = 0; k < n; k++)
		free(keys[k].key);
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

/* The items of one list in the file, then the file's order. */
static enum la_status import_list(struct db *db, const struct la_actor *actor,
				  const json_t *v, enum la_list list,
				  enum la_confirm confirm, struct porting_plan *plan,
				  struct la_err *err)
{
	int64_t *ids, new_default = 0, current;
	bool moved = false;
	enum la_status rc = LA_OK;

	size_t n = json_array_size(v);

	if (n == 0)
		return LA_OK;
	ids = calloc(n, sizeof(*ids));
	if (!ids)
		abort();
	for (size_t i = 0; i < n && rc == LA_OK; i++)
		rc = import_item(db, actor, json_array_get(v, i), list, i, confirm,
				 &new_default, &ids[i], plan, err);
	/* The file's order is the lists' order; items it does not name
	 * follow, in their own order. */
	if (rc == LA_OK)
		rc = lists_reorder(db, actor, list, ids, n, &moved, err);
	if (rc == LA_OK && moved)
		plan_add(plan, _("order %s as in the file"), lists_def(list)->export_key);
	free(ids);
	if (rc == LA_OK && new_default &&
	    (rc = lists_default_item(db, list, &current, err)) == LA_OK &&
	    new_default != current)
		rc = lists_set_default(db, actor, list, new_default, err);
	return rc;
}

enum la_status porting_import(struct db *db, const struct la_actor *actor,
			      const char *text, size_t len, bool dry_run,
			      enum la_confirm confirm, struct porting_plan *plan,
			      struct la_err *err)
{
	char perr[200];
	json_t *doc;
	const json_t *v;
	const char *format;
	enum la_status rc = LA_OK;

	memset(plan, 0, sizeof(*plan));
	doc = jsonread_load(text, len, perr, sizeof(perr));
	if (!doc)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("not valid JSON: %s"), perr);
	format = json_string_value(json_object_get(doc, "format"));
	v = json_object_get(doc, "version");
	/* 1, 1.0 and 1e0 are all the version 1. */
	if (!format || strcmp(format, PORTING_FORMAT) != 0 || !json_is_number(v) ||
	    json_number_value(v) != PORTING_VERSION) {
		json_decref(doc);
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("not a leadadmin export: \"format\" must be \"%s\" and \"version\" %d"),
			       PORTING_FORMAT, PORTING_VERSION);
	}
	for (int l = 0; l < LIST_COUNT && rc == LA_OK; l++) {
		const char *key = lists_def((enum la_list)l)->export_key;

		v = json_object_get(doc, key);
		if (v && !json_is_array(v))
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" must be a list"), key);
		else if (v)
			rc = check_duplicates(v, (enum la_list)l, err);
	}
	if (rc == LA_OK)
		rc = db_begin(db, err);
	if (rc != LA_OK) {
		json_decref(doc);
		return rc;
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
		rc = import_list(db, actor, json_object_get(doc, lists_def((enum la_list)l)->export_key),
				 (enum la_list)l, confirm, plan, err);
	json_decref(doc);
	if (rc != LA_OK || dry_run) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

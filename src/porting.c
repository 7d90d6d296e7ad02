#include "config.h"
#include "porting.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "jsonread.h"
#include "lists_impl.h"
#include "text.h"

static const char *const array_keys[2] = { "categories", "lead_statuses" };

static void export_list(struct jbuf *b, const struct la_items *items)
{
	size_t i;

	for (i = 0; i < items->n; i++) {
		const struct la_item *it = &items->v[i];

		jbuf_add(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		jbuf_string(b, it->name);
		if (it->list == LIST_CATEGORY)
			jbuf_addf(b, ", \"group\": \"%s\", \"lead_status\": %s",
				  lists_group_key(it->group), it->lead_status ? "true" : "false");
		else
			jbuf_addf(b, ", \"default\": %s", it->is_default ? "true" : "false");
		jbuf_add(b, ", \"description\": ");
		jbuf_string(b, it->tooltip);
		jbuf_addf(b, ", \"deleted\": %s}", it->deleted ? "true" : "false");
	}
	jbuf_add(b, items->n ? "\n  ]" : "]");
}

enum la_status porting_export(struct db *db, char **json, struct la_err *err)
{
	struct jbuf b;
	int l;

	*json = NULL;
	jbuf_init(&b);
	jbuf_addf(&b, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"language\": \"%s\"",
		  PORTING_FORMAT, PORTING_VERSION, db_language(db));
	for (l = 0; l < 2; l++) {
		struct la_items items;

		if (lists_load(db, l == 0 ? LIST_CATEGORY : LIST_LEADSTATUS, true,
			       &items, err) != LA_OK) {
			jbuf_free(&b);
			return LA_DB;
		}
		jbuf_addf(&b, ",\n  \"%s\": [", array_keys[l]);
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
	vsnprintf(line, sizeof(line), fmt, ap);
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
static void item_where(char *buf, size_t len, int l, size_t i, const char *name)
{
	snprintf(buf, len, "%s[%zu]%s%s%s", array_keys[l], i + 1,
		 name ? " '" : "", name ? name : "", name ? "'" : "");
}

/* Fills item from the object o of the file; LA_REFUSED with a message
 * naming the item when a member is missing or of the wrong kind. */
static enum la_status read_item(const json_t *o, int l, size_t i,
				struct la_item *item, bool *deleted, struct la_err *err)
{
	const char *name = name_of(o);
	const json_t *desc = json_object_get(o, "description");
	char where[320];
	bool flag;

	item_where(where, sizeof(where), l, i, name);
	if (!json_is_object(o))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: is not an object"), where);
	if (!name)
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME, _("%s: \"name\" is missing or not text"), where);
	if (desc && !json_is_string(desc))
		return la_fail(err, LA_REFUSED, LA_FIELD_DESCRIPTION, _("%s: \"description\" is not text"), where);
	free(item->name);
	free(item->tooltip);
	item->name = strdup(name);
	item->tooltip = strdup(desc ? json_string_value(desc) : "");
	if (!item->name || !item->tooltip)
		abort();
	if (!get_bool(o, "deleted", deleted))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: \"deleted\" is not true or false"), where);
	if (l == 0) {
		const char *group = json_string_value(json_object_get(o, "group"));

		if (!group || !lists_group_parse(group, &item->group))
			return la_fail(err, LA_REFUSED, LA_FIELD_GROUP,
				       _("%s: \"group\" must be one of customer, potential-customer, partner, lost, other"),
				       where);
		if (!get_bool(o, "lead_status", &flag))
			return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS, _("%s: \"lead_status\" is not true or false"), where);
		item->lead_status = flag;
		/* Rule 1 as the file states it: the domain would silently turn
		 * lead status off for an existing item moved out of the group,
		 * so that the result would differ from the file. */
		if (flag && item->group != GROUP_POTENTIAL_CUSTOMER) {
			char why[400];

			snprintf(why, sizeof(why),
				 _("Lead status can only be enabled for categories of the group Potential customer; '%s' is in the group %s"),
				 name, lists_group_label(item->group));
			return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS, "%s: %s", where, why);
		}
	} else {
		if (!get_bool(o, "default", &flag))
			return la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT, _("%s: \"default\" is not true or false"), where);
		item->is_default = flag;
	}
	return LA_OK;
}

static bool same_item(const struct la_item *a, const struct la_item *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->tooltip, b->tooltip) == 0 &&
	       a->group == b->group && a->lead_status == b->lead_status &&
	       a->is_default == b->is_default;
}

/* Applies one item of the file; the outer transaction holds them all. */
static enum la_status import_item(struct db *db, const struct la_actor *actor,
				  const json_t *o, int l, size_t i,
				  enum la_confirm confirm, int64_t *new_default,
				  int64_t *item_id, struct porting_plan *plan,
				  struct la_err *err)
{
	enum la_list list = l == 0 ? LIST_CATEGORY : LIST_LEADSTATUS;
	struct la_item want, cur;
	bool deleted = false, have_cur = false;
	char where[320];
	int64_t id;
	enum la_status rc;

	lists_item_init(&want, list);
	rc = read_item(o, l, i, &want, &deleted, err);
	if (rc != LA_OK)
		goto out;
	item_where(where, sizeof(where), l, i, want.name);
	id = lists_id_by_name(db, list, want.name, 0, NULL);
	/* An existing item keeps its id even when nothing else changes: the
	 * delete and the default below act on it. */
	want.id = id;
	if (id) {
		if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
			goto out;
		have_cur = true;
	}
	if (list == LIST_LEADSTATUS && want.is_default) {
		/* The default moves after every item is in, see below. */
		want.is_default = have_cur && cur.is_default;
		if (deleted) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
				     _("%s: a deleted status cannot be the default"), where);
			goto out;
		}
	} else if (list == LIST_LEADSTATUS && have_cur && cur.is_default) {
		want.is_default = true; /* only another default replaces it */
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
	} else if (!cur.deleted && !same_item(&cur, &want)) {
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
		if (have_cur && same_item(&cur, &want))
			plan->updated++;
	}
	if (list == LIST_LEADSTATUS) {
		bool flag;

		get_bool(o, "default", &flag);
		if (flag)
			*new_default = want.id;
	}
	*item_id = want.id;
	goto out;
fail:
	{
		char msg[sizeof(err->msg)];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		snprintf(err->msg, sizeof(err->msg), "%.200s: %.300s", where, msg);
	}
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
static enum la_status check_duplicates(const json_t *arr, int l, struct la_err *err)
{
	size_t len = json_array_size(arr);
	struct name_key *keys = calloc(len ? len : 1, sizeof(*keys));
	size_t n = 0, k, start = 0, i = 0, j = 0;
	bool found = false;

	if (!keys)
		abort();
	for (k = 0; k < len; k++) {
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

		item_where(where, sizeof(where), l, i, name_of(json_array_get(arr, i)));
		return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			       _("%s: has the same name as %s[%zu]"),
			       where, array_keys[l], j + 1);
	}
	return LA_OK;
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
	int64_t new_default = 0;
	enum la_status rc = LA_OK;
	int l;
	size_t i;

	memset(plan, 0, sizeof(*plan));
	doc = jsonread_load(text, len, perr, sizeof(perr));
	if (!doc)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("not valid JSON: %s"), perr);
	format = json_string_value(json_object_get(doc, "format"));
	v = json_object_get(doc, "version");
	/* 1, 1.0 and 1e0 alike: the file's number, not its spelling. */
	if (!format || strcmp(format, PORTING_FORMAT) != 0 || !json_is_number(v) ||
	    json_number_value(v) != PORTING_VERSION) {
		json_decref(doc);
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("not a leadadmin export: \"format\" must be \"%s\" and \"version\" %d"),
			       PORTING_FORMAT, PORTING_VERSION);
	}
	for (l = 0; l < 2 && rc == LA_OK; l++) {
		v = json_object_get(doc, array_keys[l]);
		if (v && !json_is_array(v))
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("\"%s\" must be a list"), array_keys[l]);
		else if (v)
			rc = check_duplicates(v, l, err);
	}
	if (rc == LA_OK)
		rc = db_begin(db, err);
	if (rc != LA_OK) {
		json_decref(doc);
		return rc;
	}
	if ((rc = rights_check_lists(db, actor, err)) != LA_OK)
		goto out;
	{
		const char *lang = json_string_value(json_object_get(doc, "language"));

		/* Items match by name: a file in another language adds its
		 * items beside the database's own, which is worth a word. */
		if (lang && strcmp(lang, db_language(db)) != 0)
			plan_add(plan, _("note: the file's items are in language '%s', the database's in '%s'"),
				 lang, db_language(db));
	}
	for (l = 0; l < 2 && rc == LA_OK; l++) {
		size_t n;
		int64_t *ids;
		bool moved = false;

		v = json_object_get(doc, array_keys[l]);
		n = json_array_size(v);
		if (n == 0)
			continue;
		ids = calloc(n, sizeof(*ids));
		if (!ids)
			abort();
		for (i = 0; i < n && rc == LA_OK; i++)
			rc = import_item(db, actor, json_array_get(v, i), l, i, confirm,
					 &new_default, &ids[i], plan, err);
		/* The file's order is the lists' order; items it does not name
		 * follow, in their own order. */
		if (rc == LA_OK)
			rc = lists_reorder(db, actor, l == 0 ? LIST_CATEGORY : LIST_LEADSTATUS,
					   ids, n, &moved, err);
		if (rc == LA_OK && moved)
			plan_add(plan, _("order %s as in the file"), array_keys[l]);
		free(ids);
	}
	if (rc == LA_OK && new_default && new_default != lists_default_status(db))
		rc = lists_set_default(db, actor, new_default, err);
out:
	json_decref(doc);
	if (rc != LA_OK || dry_run) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

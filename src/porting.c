#include "config.h"
#include "porting.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "jsonread.h"
#include "jsonstream.h"
#include "audit.h"
#include "auditvalue.h"
#include "automation.h"
#include "utmalias.h"
#include "grouping.h"
#include "lists.h"
#include "mem.h"
#include "mlname.h"
#include "text.h"

/* The export of one item: name, the list's own fields, description,
 * deleted. */
struct export_out {
	struct db *db;
	FILE *out;
	struct jbuf b;
	size_t n;
	uint64_t done, total;  /* items written, of all the lists' */
};

static bool export_item(const struct la_item *it, void *arg)
{
	struct export_out *x = arg;
	struct jbuf *b = &x->b;
	const struct la_listdef *d = lists_def(it->list);

	b->len = 0;
	jbuf_add(b, x->n++ ? ",\n    {\"name\": " : "\n    {\"name\": ");
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
	fwrite(b->s, 1, b->len, x->out);
	if ((++x->done & 255) == 0)
		db_progress(x->db, x->done, x->total);
	return true;
}

/* How many items the export writes, for its progress: a count of each
 * list's table, made only when someone is told. */
static uint64_t export_total(struct db *db)
{
	uint64_t total = 0;
	char sql[128];

	if (!db_progress_wanted(db))
		return 0;
	for (int l = 0; l < LIST_COUNT; l++) {
		struct db_stmt *st;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", lists_table((enum la_list)l));
		if ((st = db_prepare(db, sql, "count", NULL)) && db_step(st) == DB_ROW)
			total += (uint64_t)db_col_int64(st, 0);
		db_finalize(st);
	}
	return total;
}

/* ---- grouping and user-group filtering of Company – Category
 *
 * Two members after the lists, both optional on import (a file of an
 * older program has neither): "category_grouping", the switch (true or
 * false), and "category_links", for each category (by name, in rank
 * order, deleted ones too) the user groups that may see it and the
 * headings it is filed under, by name. */

static enum la_status export_grouping(struct export_out *x, struct la_err *err)
{
	static const char sql[] =
		"SELECT c.name, (SELECT json_group_array(name) FROM (SELECT g.name FROM "
		"category_group_link l JOIN usergroup g ON g.usergroup_id = l.usergroup_id "
		"WHERE l.category_id = c.category_id ORDER BY g.rank, g.usergroup_id) AS v), "
		"(SELECT json_group_array(name) FROM (SELECT h.name FROM category_heading_link l "
		"JOIN heading h ON h.heading_id = l.heading_id WHERE l.category_id = c.category_id "
		"ORDER BY h.rank, h.heading_id) AS v) FROM category c ORDER BY c.rank, c.category_id";
	struct db_stmt *st = db_stmt(x->db, sql, err);
	size_t n = 0;
	int rc;

	if (!st)
		return LA_DB;
	fprintf(x->out, ",\n  \"category_grouping\": %s,\n  \"category_links\": [",
		grouping_on(x->db) ? "true" : "false");
	while ((rc = db_step(st)) == DB_ROW) {
		struct jbuf *b = &x->b;

		b->len = 0;
		jbuf_add(b, n++ ? ",\n    {\"name\": " : "\n    {\"name\": ");
		jbuf_string(b, db_col_text(st, 0));
		/* SQLite's arrays of names: valid JSON, but escaped by its
		 * rules; each name again through jbuf_string, as every
		 * other name of the file. */
		for (int k = 1; k <= 2; k++) {
			json_error_t je;
			json_t *a = json_loads(db_col_text(st, k), 0, &je);
			size_t i;
			json_t *v;

			jbuf_add(b, k == 1 ? ", \"user_groups\": [" : ", \"headings\": [");
			json_array_foreach(a, i, v) {
				if (i)
					jbuf_add(b, ", ");
				jbuf_string(b, json_string_value(v));
			}
			jbuf_add(b, "]");
			json_decref(a);
		}
		jbuf_add(b, "}");
		fwrite(b->s, 1, b->len, x->out);
	}
	db_reset(st);
	fputs(n ? "\n  ]" : "]", x->out);
	return rc == DB_DONE ? LA_OK : db_fail(x->db, err, "category_group_link");
}

enum la_status porting_export_to(struct db *db, FILE *out, struct la_err *err)
{
	struct export_out x = { .db = db, .out = out };
	enum la_status rc = LA_OK;
	bool started;

	/* One snapshot: the lists as they were at one moment. */
	if (db_read_begin(db, &started, err) != LA_OK)
		return LA_DB;
	x.total = export_total(db);
	jbuf_init(&x.b);
	fprintf(out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"language\": ",
		PORTING_FORMAT, PORTING_VERSION);
	jbuf_string(&x.b, db_language(db));
	fputs(x.b.s, out);
	for (int l = 0; l < LIST_COUNT && rc == LA_OK; l++) {
		fprintf(out, ",\n  \"%s\": [", lists_def((enum la_list)l)->export_key);
		x.n = 0;
		rc = lists_each(db, (enum la_list)l, true, export_item, &x, err);
		fputs(x.n ? "\n  ]" : "]", out);
	}
	/* Lead categorization's rules, categories and statuses by name. */
	if (rc == LA_OK) {
		x.b.len = 0;
		jbuf_add(&x.b, ",\n  \"automation\": ");
		if ((rc = automation_json(db, &x.b, err)) == LA_OK)
			fputs(x.b.s, out);
	}
	if (rc == LA_OK)
		rc = export_grouping(&x, err);
	/* The UTM aliases (schema 10). */
	if (rc == LA_OK) {
		x.b.len = 0;
		jbuf_add(&x.b, ",\n  \"utm_aliases\": ");
		if ((rc = utmalias_json(db, &x.b, err)) == LA_OK)
			fputs(x.b.s, out);
	}
	fputs("\n}\n", out);
	jbuf_free(&x.b);
	db_read_end(db, started);
	return rc;
}

enum la_status porting_export(struct db *db, char **json, struct la_err *err)
{
	size_t len;
	FILE *out = open_memstream(json, &len);
	enum la_status rc;

	if (!out)
		abort();
	rc = porting_export_to(db, out, err);
	if (fclose(out) != 0)
		abort();
	if (rc != LA_OK) {
		free(*json);
		*json = NULL;
	}
	return rc;
}

/* An item of a list in the file as read: the flat reader's view of an
 * object of plain members (most items, see jsonread_flat), without a tree
 * to build and free, or else jansson's value. */
struct item_in {
	const struct jsonflat *f;  /* NULL: o */
	const json_t *o;
};

/* What a member of an item is. */
enum { IN_MISSING, IN_TEXT, IN_TRUE, IN_FALSE, IN_OTHER };

/* The member key of item in: what it is, and *text its text (IN_TEXT). */
static int in_member(const struct item_in *in, const char *key, const char **text)
{
	const json_t *v;

	*text = NULL;
	if (in->f) {
		const struct jsonflat_member *m = jsonflat_get(in->f, NULL, key);

		if (!m)
			return IN_MISSING;
		if (m->kind == JSONFLAT_STRING)
			*text = m->str;
		return m->kind == JSONFLAT_STRING ? IN_TEXT : m->kind == JSONFLAT_TRUE ? IN_TRUE
		       : m->kind == JSONFLAT_FALSE ? IN_FALSE : IN_OTHER;
	}
	if (!(v = json_object_get(in->o, key)))
		return IN_MISSING;
	*text = json_string_value(v);
	return *text ? IN_TEXT : json_is_true(v) ? IN_TRUE : json_is_false(v) ? IN_FALSE
	       : IN_OTHER;
}

/* Reads an optional boolean member; false when it is missing. */
static bool get_bool(const struct item_in *in, const char *key, bool *out)
{
	const char *text;
	int kind = in_member(in, key, &text);

	*out = kind == IN_TRUE;
	return kind == IN_MISSING || kind == IN_TRUE || kind == IN_FALSE;
}

/* The "name" of an item of the file, or NULL when it has none as text. */
static const char *name_of(const json_t *o)
{
	return json_string_value(json_object_get(o, "name"));
}

/* The same for an item as read. */
static const char *in_name(const struct item_in *in)
{
	const char *text;

	in_member(in, "name", &text);
	return text;
}

/* Where an item stands in the file, for messages: "categories[2] 'Lead'". */
static const char *item_where(char *buf, size_t len, enum la_list list, size_t i,
			      const char *name)
{
	la_format(buf, len, "%s[%zu]%s%s%s", lists_def(list)->export_key, i + 1,
		  name ? " '" : "", name ? name : "", name ? "'" : "");
	return buf;
}

/* Where in the file a JSON member is, for messages: "categories[2].grop". */
static void member_path(char *buf, size_t len, enum la_list list, size_t i, const char *key)
{
	la_format(buf, len, "%s[%zu].%s", lists_def(list)->export_key, i + 1, key);
}

/* Refuses the members of an item that its list does not have: a typo
 * must not import a wrong value in silence. */
static bool known_member(const struct la_listdef *d, const char *key)
{
	bool known = strcmp(key, "deleted") == 0;

	for (size_t k = 0; !known && k < d->nfields; k++)
		known = d->fields[k].kind != LF_COUNT && strcmp(key, d->fields[k].key) == 0;
	return known;
}

static enum la_status known_members(const struct item_in *in, enum la_list list, size_t i,
				    struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	const char *key, *unknown = NULL;
	json_t *v;

	/* In the file's order, as jansson keeps them. */
	if (in->f) {
		for (size_t k = 0; !unknown && k < in->f->nm; k++)
			if (!known_member(d, in->f->m[k].key))
				unknown = in->f->m[k].key;
	} else {
		json_object_foreach((json_t *)in->o, key, v) {
			if (!known_member(d, key)) {
				unknown = key;
				break;
			}
		}
	}
	if (unknown) {
		char path[400];

		member_path(path, sizeof(path), list, i, unknown);
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: unknown key"), path);
	}
	return LA_OK;
}

/* Fills item from the object o of the file, field by field of its list;
 * LA_REFUSED with a message naming the item when a member is missing or of
 * the wrong kind. */
static enum la_status read_item(const struct item_in *in, size_t i, struct la_item *item,
				bool *deleted, bool *is_default, struct la_err *err)
{
	const struct la_listdef *d = lists_def(item->list);
	const char *name = in_name(in);
	char where[320];

	/* Where the item stands is made for a refusal only (WHERE). */
#define WHERE item_where(where, sizeof(where), item->list, i, name)
	*is_default = false;
	if (!in->f && !json_is_object(in->o))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: is not an object"), WHERE);
	if (known_members(in, item->list, i, err) != LA_OK)
		return LA_REFUSED;
	if (!get_bool(in, "deleted", deleted))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("%s: \"deleted\" is not true or false"), WHERE);
	for (size_t k = 0; k < d->nfields; k++) {
		const struct la_fielddef *f = &d->fields[k];
		const char *text;
		int kind = f->kind == LF_TEXT || f->kind == LF_CHOICE
			   ? in_member(in, f->key, &text) : IN_MISSING;
		const struct la_choice *c;
		bool flag;

		switch (f->kind) {
		case LF_TEXT:
			if ((f->flags & LFF_REQUIRED) && kind != IN_TEXT)
				return la_fail(err, LA_REFUSED, f->id,
					       _("%s: \"%s\" is missing or not text"), WHERE, f->key);
			if (kind != IN_MISSING && kind != IN_TEXT)
				return la_fail(err, LA_REFUSED, f->id, _("%s: \"%s\" is not text"),
					       WHERE, f->key);
			free(*lists_field_str(f, item));
			*lists_field_str(f, item) = strdup(text ? text : "");
			if (!*lists_field_str(f, item))
				abort();
			break;
		case LF_CHOICE:
			/* Not only the offered ones: an export of a legacy item
			 * names its group "unknown", which the list's rules take
			 * back for that item and refuse for a new one. */
			c = lists_choice_by_any_key(f, text);
			if (!c) {
				char keys[256];

				lists_choice_keys(f, keys, sizeof(keys));
				return la_fail(err, LA_REFUSED, f->id, _("%s: \"%s\" must be one of %s"),
					       WHERE, f->key, keys);
			}
			lists_field_set_int(f, item, c->value);
			break;
		case LF_BOOL:
			if (!get_bool(in, f->key, &flag))
				return la_fail(err, LA_REFUSED, f->id,
					       _("%s: \"%s\" is not true or false"), WHERE, f->key);
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
#undef WHERE
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

/* The rows of la_import one statement writes (4 parameters each). */
#define REMEMBER_BATCH 64
/* The most items a list may have for an import that only adds to it to
 * order them without la_order, and to look its names up in name_keys
 * first (see import_list). */
#define BEFORE_MAX 64
/* The most slots of name_keys (4 bytes each, 2 MB; 3 MB while the table
 * doubles): a list that would need more is looked up in the database
 * alone, so that memory stays bounded whatever the length of the file. */
#define KEYS_MAX (1u << 19)

/* The keys (rule 2) that a list's names hold, as hashes in an open table
 * (0: an empty slot): a name whose key's hash is not there is free, with
 * no look-up; one whose is there (its key, or another of the same hash)
 * is looked up in the database. Made when an import starts a list that
 * has few items and every name of which has its key, and kept while the
 * import adds and renames: off as soon as a multi-language name is
 * written (its keys per language are not kept) or the table is full. */
struct name_keys {
	uint32_t *slot;
	size_t cap, n;
	bool on;
};

static uint32_t key_hash(const char *key)
{
	/* 0 marks an empty slot. */
	uint32_t h = (uint32_t)text_hash(key, false);

	return h ? h : 1;
}

static void keys_off(struct name_keys *k)
{
	free(k->slot);
	k->slot = NULL;
	k->cap = k->n = 0;
	k->on = false;
}

static void keys_put(struct name_keys *k, uint32_t h);

/* Notes the key of hash h; at most half the slots are taken. */
static void keys_add_hash(struct name_keys *k, uint32_t h)
{
	if (!k->on)
		return;
	if (2 * (k->n + 1) > k->cap) {
		struct name_keys bigger = { NULL, k->cap ? 2 * k->cap : 256, 0, true };

		if (bigger.cap > KEYS_MAX) {
			keys_off(k);
			return;
		}
		if (!(bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot))))
			abort();
		for (size_t i = 0; i < k->cap; i++)
			if (k->slot[i])
				keys_put(&bigger, k->slot[i]);
		free(k->slot);
		*k = bigger;
	}
	keys_put(k, h);
}

static void keys_put(struct name_keys *k, uint32_t h)
{
	size_t i = h & (k->cap - 1);

	while (k->slot[i] && k->slot[i] != h)
		i = (i + 1) & (k->cap - 1);
	if (!k->slot[i]) {
		k->slot[i] = h;
		k->n++;
	}
}

static void keys_add(const char *key, void *arg)
{
	keys_add_hash(arg, key_hash(key));
}

/* False when no item of the list can have the name: its key is not
 * among those noted. *hash is its key's hash, 0 when not made. */
static bool keys_may_have(const struct name_keys *k, const char *name, uint32_t *hash)
{
	char *key;
	uint32_t h;
	size_t i;

	*hash = 0;
	if (!k->on || mlname_is(name))
		return true;
	key = text_fold_trimmed(name, strlen(name));
	*hash = h = key_hash(key);
	free(key);
	if (!k->n)
		return false;
	for (i = h & (k->cap - 1); k->slot[i]; i = (i + 1) & (k->cap - 1))
		if (k->slot[i] == h)
			return true;
	return false;
}

/* Notes the name an item was saved with: its key, written with it. The
 * name of the file as saved (rule 3 found it clean: no spaces around it)
 * has the key keys_may_have made of it, of hash hash (when not 0). */
static void keys_saved(struct name_keys *k, const char *name, const char *file_name,
		       uint32_t hash)
{
	char *key;

	if (!k->on)
		return;
	if (mlname_is(name)) {
		keys_off(k);
		return;
	}
	if (hash && file_name && strcmp(name, file_name) == 0) {
		keys_add_hash(k, hash);
		return;
	}
	key = text_fold(name);
	keys_add(key, k);
	free(key);
}

/* An import under way: the file is read a value at a time, and what the
 * import must remember of the items it applied (their places and ids, for
 * the order, the deletes and the plan) is in the temporary table
 * la_import, which SQLite keeps on disk beyond its page cache: memory
 * holds one item, whatever the length of the file. */
struct import {
	struct db *db;
	const struct la_actor *actor;
	enum la_confirm confirm;
	bool replace;
	struct jsonstream *js;
	struct porting_plan *plan;
	porting_line_fn line;
	void *line_arg;
	struct la_err *err;
	unsigned seen;           /* the top-level keys read: SEEN_* and 1 << (3 + list) */
	char *format, *language;
	double version;
	size_t items;            /* of the file, in every list */
	json_t *automation;      /* the "automation" member, applied after the lists */
	json_t *utm_aliases;     /* the "utm_aliases" member, applied after those */
	bool ranks_plain;        /* the list being read had ranks 1, 2, ... n
				    (lists_ranks_plain): new items take their place */
	/* Rows of la_import not written yet (see remember): written
	 * REMEMBER_BATCH at a time, and before la_import is read. */
	struct remembered {
		enum la_list list;
		size_t pos;
		int64_t id;
		char *name;
		bool drop;
	} pending[REMEMBER_BATCH];
	size_t npending;
	size_t dropped;          /* the list being read's items that the file
				    deletes (drop_it in la_import) */
	size_t added;            /* the list being read's items that the import
				    added */
	/* The list's items before the first of the file was read, in their
	 * order, when its ranks were plain and they are at most BEFORE_MAX
	 * (nbefore is then their count, else more): when the file only adds,
	 * they are the items its order does not place (lists_reorder_after). */
	int64_t before[BEFORE_MAX];
	size_t nbefore;
	struct name_keys keys;   /* the list being read's (see name_keys) */
	struct jsonflat flat;    /* the item being read, most often (item_in) */
	char *line_buf;          /* plan_add's line for line, grown as needed */
	size_t line_size;
};

enum { SEEN_FORMAT = 1, SEEN_VERSION = 2, SEEN_LANGUAGE = 4, SEEN_GROUPING = 1u << 20,
       SEEN_LINKS = 1u << 21, SEEN_UTM_ALIASES = 1u << 22, SEEN_AUTOMATION = 1u << 30 };
#define SEEN_LIST(l) (1u << (3 + (l)))

/* la_import is a table for each list, la_import_<table>, keyed by the
 * stored item's id (an item of the file is applied to one stored item,
 * never two to the same: rule 2 refuses the second): a row is one b-tree
 * entry, and the plan finds it by its key. A list's places are 0, 1, ...
 * once each (a list is read once): they need no index of their own,
 * which each row would pay. The statements of each list's table, made
 * once a run, each its own text for the statement cache: */
struct stage_sql {
	char create[256];  /* the table, empty */
	char clear[64];
	char one[128];     /* remember: one row, ?1 id, ?2 pos, ?3 name, ?4 drop_it */
	char batch[96 + REMEMBER_BATCH * 32];  /* REMEMBER_BATCH rows */
	char place[96];    /* file_place */
	char drops[128];   /* drop_deleted */
	char order[160];   /* import_list: the order into la_order */
};

static const struct stage_sql *stage(enum la_list list)
{
	static struct stage_sql sql[LIST_COUNT];
	struct stage_sql *q = &sql[list];
	const char *t = lists_table(list);

	/* The names come from the list definition table, never from outside. */
	if (!q->create[0]) {
		size_t len;

		snprintf(q->create, sizeof(q->create),
			 "CREATE TEMP TABLE IF NOT EXISTS la_import_%s (id INTEGER PRIMARY KEY, "
			 "pos INTEGER NOT NULL, name TEXT, drop_it INTEGER NOT NULL); "
			 "DELETE FROM la_import_%s", t, t);
		snprintf(q->clear, sizeof(q->clear), "DELETE FROM la_import_%s", t);
		snprintf(q->one, sizeof(q->one), "INSERT INTO la_import_%s (id, pos, name, drop_it) "
			 "VALUES (?1, ?2, ?3, ?4)", t);
		len = (size_t)snprintf(q->batch, sizeof(q->batch),
				       "INSERT INTO la_import_%s (id, pos, name, drop_it) VALUES ", t);
		for (size_t k = 0; k < REMEMBER_BATCH; k++)
			len += (size_t)snprintf(q->batch + len, sizeof(q->batch) - len,
						"%s(?%zu, ?%zu, ?%zu, ?%zu)", k ? ", " : "",
						4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4);
		snprintf(q->place, sizeof(q->place), "SELECT pos FROM la_import_%s WHERE id = ?1", t);
		snprintf(q->drops, sizeof(q->drops), "SELECT id, pos, name FROM la_import_%s "
			 "WHERE drop_it = 1 ORDER BY pos", t);
		/* WHERE: an upsert's SELECT needs one, else ON is a join's. */
		snprintf(q->order, sizeof(q->order), "INSERT INTO la_order (id, pos) "
			 "SELECT id, pos FROM la_import_%s WHERE true ON CONFLICT DO NOTHING", t);
	}
	return q;
}

static void plan_add(struct import *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void plan_add(struct import *im, const char *fmt, ...)
{
	struct porting_plan *plan = im->plan;
	va_list ap;
	char *line;
	int n;

	plan->n++;
	if (im->line) {
		/* The line is the callback's during the call only: one buffer
		 * serves every line. */
		va_start(ap, fmt);
		n = vsnprintf(im->line_buf, im->line_size, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n >= im->line_size) {
			im->line_size = (size_t)n + 1 > 256 ? (size_t)n + 1 : 256;
			free(im->line_buf);
			if (!(im->line_buf = malloc(im->line_size)))
				abort();
			va_start(ap, fmt);
			n = vsnprintf(im->line_buf, im->line_size, fmt, ap);
			va_end(ap);
			if (n < 0 || (size_t)n >= im->line_size)
				abort();
		}
		im->line(im->line_buf, im->line_arg);
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		abort();
	va_end(ap);
	plan->lines = realloc(plan->lines, plan->n * sizeof(*plan->lines));
	if (!plan->lines)
		abort();
	plan->lines[plan->n - 1] = line;
}

void porting_plan_free(struct porting_plan *plan)
{
	size_t i;

	for (i = 0; plan->lines && i < plan->n; i++)
		free(plan->lines[i]);
	free(plan->lines);
	memset(plan, 0, sizeof(*plan));
}

static enum la_status not_json(struct import *im)
{
	return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("not valid JSON: %s"),
		       jsonstream_error(im->js));
}

static enum la_status not_an_export(struct la_err *err)
{
	return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
		       _("not a leadadmin export: \"format\" must be \"%s\" and \"version\" 1 or %d"),
		       PORTING_FORMAT, PORTING_VERSION);
}

static enum la_status remember_flush(struct import *im);

/* The place in the file of the item that the stored item id of list came
 * from, or (size_t)-1. */
static enum la_status file_place(struct import *im, enum la_list list, int64_t id,
				 size_t *pos)
{
	struct db_stmt *st;
	enum la_status flushed;
	int rc;

	*pos = (size_t)-1;
	if ((flushed = remember_flush(im)) != LA_OK)
		return flushed;
	if (!(st = db_stmt(im->db, stage(list)->place, im->err)))
		return LA_DB;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		*pos = (size_t)db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(im->db, im->err, "la_import");
}

static void remember_clear(struct import *im)
{
	for (size_t k = 0; k < im->npending; k++)
		free(im->pending[k].name);
	im->npending = 0;
}

/* Writes the rows remember has kept (all of one list, the one being
 * read): a full batch in one statement, the rest (the end of a list) one
 * a statement. */
static enum la_status remember_flush(struct import *im)
{
	enum la_status rc = LA_OK;
	size_t k = 0;

	while (rc == LA_OK && k < im->npending) {
		size_t n = im->npending - k >= REMEMBER_BATCH ? REMEMBER_BATCH : 1;
		const struct stage_sql *q = stage(im->pending[k].list);
		struct db_stmt *st = db_stmt(im->db, n == 1 ? q->one : q->batch, im->err);

		if (!st) {
			rc = LA_DB;
			break;
		}
		for (size_t j = 0; j < n; j++) {
			const struct remembered *r = &im->pending[k + j];
			int p = (int)(4 * j);

			db_bind_int64(st, p + 1, r->id);
			db_bind_int64(st, p + 2, (int64_t)r->pos);
			db_bind_text(st, p + 3, r->name);
			db_bind_int(st, p + 4, r->drop);
		}
		rc = db_step_done(im->db, st, "la_import", im->err);
		k += n;
	}
	remember_clear(im);
	return rc;
}

/* Notes item i of the file, applied as the stored item id: kept, and
 * written a batch at a time (remember_flush). */
static enum la_status remember(struct import *im, enum la_list list, size_t i, int64_t id,
			       const char *name, bool drop)
{
	struct remembered *r;
	enum la_status rc;

	/* A batch writes into one list's table. */
	if (im->npending && im->pending[0].list != list && (rc = remember_flush(im)) != LA_OK)
		return rc;
	r = &im->pending[im->npending++];
	r->list = list;
	r->pos = i;
	r->id = id;
	r->name = name ? la_strdup(name) : NULL;
	r->drop = drop;
	im->dropped += drop;
	return im->npending == REMEMBER_BATCH ? remember_flush(im) : LA_OK;
}

/* Applies item i of the file, the object o; the outer transaction holds
 * them all. The audit rows it writes are the plan (see plan_emit). */
static enum la_status import_item(struct import *im, enum la_list list,
				  const struct item_in *in, size_t i, int64_t *new_default)
{
	struct db *db = im->db;
	struct la_err *err = im->err;
	const struct la_fielddef *dflt = lists_flag_field(list, LFF_DEFAULT);
	const char *name = in_name(in);
	struct la_item want, cur;
	bool deleted = false, have_cur = false, is_default = false;
	char where[320];
	int64_t id = 0;
	size_t earlier;
	uint32_t hash = 0;
	enum la_status rc;

	lists_item_init(&want, list);
	/* Two items of the file with one name (rule 2) are the one stored
	 * item that the earlier of them matched or added. */
	if (name && keys_may_have(&im->keys, name, &hash)) {
		if ((rc = lists_name_taken(db, list, name, 0, &id, NULL, err)) != LA_OK)
			goto out;
		if (id && (rc = file_place(im, list, id, &earlier)) != LA_OK)
			goto out;
		if (id && earlier != (size_t)-1) {
			item_where(where, sizeof(where), list, i, name);
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				     _("%s: has the same name as %s[%zu]"),
				     where, lists_def(list)->export_key, earlier + 1);
			goto out;
		}
		if (id) {
			if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
				goto out;
			have_cur = true;
		}
	}
	if ((rc = read_item(in, i, &want, &deleted, &is_default, err)) != LA_OK)
		goto out;
	/* Where the item stands is written only into a refusal: its name as
	 * the file has it (read_item took it as text), before rule 3 trims. */
	if (is_default && deleted) {
		item_where(where, sizeof(where), list, i, name);
		rc = la_fail(err, LA_REFUSED, dflt->id,
			     _("%s: a deleted status cannot be the default"), where);
		goto out;
	}
	/* An existing item keeps its id even when nothing else changes: the
	 * delete and the default below act on it. */
	want.id = id;
	/* Only another default replaces the current one. */
	if (have_cur && dflt)
		lists_field_set_int(dflt, &want, lists_field_int(dflt, &cur));
	/* The list's rules as the file states them: a save would turn lead
	 * status off for an item moved out of Potential customer, so that the
	 * result would differ from the file (rule 1). */
	if ((rc = lists_check_stated(db, have_cur ? &cur : NULL, &want, err)) != LA_OK)
		goto fail;
	/* A deleted item is changed only when restored: one the file keeps
	 * deleted but states otherwise is restored, changed and deleted
	 * again, each step in the plan. */
	if (have_cur && cur.deleted && (!deleted || !lists_item_same(&cur, &want))) {
		if ((rc = lists_restore(db, im->actor, list, id, err)) != LA_OK)
			goto fail;
		lists_item_clear(&cur);
		if ((rc = lists_get(db, list, id, &cur, err)) != LA_OK)
			goto out;
	}
	if (!have_cur) {
		/* The look-up above found the name free (rule 2); the item
		 * gets its place in the file's order now, which import_list
		 * applies to the items that were there. */
		if ((rc = lists_save_named(db, im->actor, &want, name,
					   im->ranks_plain ? lists_staged_rank(i) : 0,
					   im->confirm, err)) != LA_OK)
			goto fail;
		im->added++;
		keys_saved(&im->keys, want.name, name, hash);
	} else if (!cur.deleted && !lists_item_same(&cur, &want)) {
		want.updated_count = cur.updated_count;
		if ((rc = lists_save(db, im->actor, &want, im->confirm, err)) != LA_OK)
			goto fail;
		keys_saved(&im->keys, want.name, name, hash);
	}
	if (is_default)
		*new_default = want.id;
	/* Deleted after the file's default is set: the file may delete the
	 * item that is the default now. */
	rc = remember(im, list, i, want.id, name, deleted && !(have_cur && cur.deleted));
	goto out;
fail:
	item_where(where, sizeof(where), list, i, name);
	rc = locate(err, rc, where);
out:
	lists_item_clear(&want);
	if (have_cur)
		lists_item_clear(&cur);
	return rc;
}

/* The items the file says are deleted, in its order. */
static enum la_status drop_deleted(struct import *im, enum la_list list)
{
	struct db_stmt *st = db_stmt(im->db, stage(list)->drops, im->err);
	enum la_status rc = LA_OK;
	int step;

	if (!st)
		return LA_DB;
	while (rc == LA_OK && (step = db_step(st)) == DB_ROW) {
		rc = lists_delete(im->db, im->actor, list, db_col_int64(st, 0), 0,
				  im->confirm, im->err);
		if (rc != LA_OK) {
			char where[320];

			item_where(where, sizeof(where), list, (size_t)db_col_int64(st, 1),
				   db_col_text(st, 2));
			rc = locate(im->err, rc, where);
		}
	}
	if (rc == LA_OK && step != DB_DONE)
		rc = db_fail(im->db, im->err, "la_import");
	db_reset(st);
	return rc;
}

/* With replace, the items of list that the file does not name are
 * deleted, so that the list becomes the file's; they are listed first
 * (in rank order, into a temporary table), then deleted one by one. */
static enum la_status delete_unnamed(struct import *im, enum la_list list)
{
	const struct la_listdef *d = lists_def(list);
	char sql[512];
	struct db_stmt *st = NULL;
	enum la_status rc;
	int step = DB_DONE;

	/* The names come from the list definition table, never from outside. */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO la_unnamed (seq, id, name) SELECT row_number() OVER (ORDER BY c.rank, "
		 "c.\"%1$s\"), c.\"%1$s\", c.name FROM \"%2$s\" c "
		 "WHERE coalesce(c.deleted, 0) = 0 AND NOT EXISTS (SELECT 1 FROM la_import_%2$s i "
		 "WHERE i.id = c.\"%1$s\")",
		 d->id_column, d->table);
	rc = db_exec(im->db, "CREATE TEMP TABLE IF NOT EXISTS la_unnamed (seq INTEGER PRIMARY KEY, "
		     "id INTEGER, name TEXT); DELETE FROM la_unnamed", im->err);
	if (rc == LA_OK && !(st = db_prepare(im->db, sql, d->table, im->err)))
		rc = LA_DB;
	if (rc == LA_OK) {
		if (db_step(st) != DB_DONE)
			rc = db_fail(im->db, im->err, d->table);
	}
	db_finalize(st);
	st = NULL;
	if (rc == LA_OK && !(st = db_prepare(im->db, "SELECT id, name FROM la_unnamed ORDER BY seq",
					     "la_unnamed", im->err)))
		rc = LA_DB;
	while (rc == LA_OK && (step = db_step(st)) == DB_ROW) {
		rc = lists_delete(im->db, im->actor, list, db_col_int64(st, 0), 0,
				  im->confirm, im->err);
		if (rc != LA_OK) {
			char where[320];

			la_format(where, sizeof(where), "%s '%s'", d->export_key,
				  db_col_text(st, 1));
			rc = locate(im->err, rc, where);
		}
	}
	if (rc == LA_OK && step != DB_DONE)
		rc = db_fail(im->db, im->err, "la_unnamed");
	db_finalize(st);
	return rc;
}

/* The items of one list in the file, each applied as it is read, then
 * the file's order and its default. */
static enum la_status import_list(struct import *im, enum la_list list)
{
	int64_t new_default = 0, current;
	bool moved = false;
	enum la_status rc = LA_OK;
	struct db_stmt *st;
	json_t *o;
	size_t n = 0;
	int r;

	im->dropped = 0;
	im->added = 0;
	keys_off(&im->keys);
	if ((rc = lists_ranks_plain(im->db, list, &im->ranks_plain, im->err)) != LA_OK ||
	    (rc = lists_in_order(im->db, list, im->before, BEFORE_MAX, &im->nbefore,
				 im->err)) != LA_OK)
		return rc;
	/* A few items: their keys are read once, and a name none of them
	 * has, nor any the file added, is free without a look-up. */
	if (im->nbefore <= BEFORE_MAX) {
		bool complete;

		im->keys.on = true;
		if ((rc = lists_name_keys(im->db, list, keys_add, &im->keys, &complete,
					  im->err)) != LA_OK)
			return rc;
		if (!complete)
			keys_off(&im->keys);
	}
	while (rc == LA_OK && (r = jsonstream_element_flat(im->js, &im->flat, &o)) == 1) {
		struct item_in in = { o ? NULL : &im->flat, o };

		rc = import_item(im, list, &in, n++, &new_default);
		json_decref(o);
	}
	/* What follows reads la_import. */
	if (rc == LA_OK)
		rc = remember_flush(im);
	if (rc != LA_OK)
		return rc;
	if (r < 0)
		return not_json(im);
	im->items += n;
	/* The file's order is the lists' order; items it does not name
	 * follow, in their own order. A file that only adds (2 items or
	 * more, after a list of plain ranks, every new item at its place
	 * already) leaves only the items that were there to move, which
	 * are known: no copy of la_import, no walk of the list. One item
	 * added before the others may be their order already, which the
	 * walk decides. */
	if (n && im->ranks_plain && im->added == n && im->nbefore <= BEFORE_MAX &&
	    (n >= 2 || im->nbefore == 0))
		rc = lists_reorder_after(im->db, im->actor, list, n, im->before, im->nbefore,
					 &moved, im->err);
	else if (n && (rc = lists_order_stage(im->db, im->err)) == LA_OK) {
		if (!(st = db_stmt(im->db, stage(list)->order, im->err)))
			return LA_DB;
		if ((rc = db_step_done(im->db, st, "la_import", im->err)) == LA_OK)
			rc = lists_reorder_staged(im->db, im->actor, list, &moved, im->err);
	}
	if (rc == LA_OK && new_default &&
	    (rc = lists_default_item(im->db, list, &current, im->err)) == LA_OK &&
	    new_default != current)
		rc = lists_set_default(im->db, im->actor, list, new_default, im->err);
	if (rc == LA_OK && im->dropped)
		rc = drop_deleted(im, list);
	if (rc == LA_OK && im->replace)
		rc = delete_unnamed(im, list);
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
	if (strcmp(action, "visible-for") == 0)
		return _("set the user groups of");
	if (strcmp(action, "headings") == 0)
		return _("set the headings of");
	return action;
}

/* action_words for the rows of a plan one after another: most rows have
 * the action of the row before, whose words are not looked up again. An
 * action without words of its own is not kept (its text is the row's). */
struct plan_words {
	char action[24];
	const char *words;
};

static const char *plan_words(struct plan_words *w, const char *action)
{
	const char *words;

	if (w->words && strcmp(w->action, action) == 0)
		return w->words;
	words = action_words(action);
	w->words = NULL;
	if (words != action && strlen(action) < sizeof(w->action)) {
		strcpy(w->action, action);
		w->words = words;
	}
	return words;
}

/* The items of the file that the plan touches and adds, a bit each in the
 * order of each list (an eighth of a byte an item): what the audit rows say
 * of them is counted as the rows are read. */
struct plan_marks {
	unsigned char *touched, *added;
	size_t per_list;     /* bytes of each list's bits */
	int ntouched, nadded;
};

static void plan_mark(struct plan_marks *m, enum la_list list, size_t pos, bool add)
{
	size_t byte = (size_t)list * m->per_list + pos / 8;
	unsigned char bit = (unsigned char)(1u << (pos % 8));

	/* A place beyond the file's items cannot come from la_import. */
	if (pos / 8 >= m->per_list)
		return;
	if (!(m->touched[byte] & bit)) {
		m->touched[byte] |= bit;
		m->ntouched++;
	}
	if (add && !(m->added[byte] & bit)) {
		m->added[byte] |= bit;
		m->nadded++;
	}
}

/* The plan: one line for each audit row the import wrote (after since, up
 * to until), so that a dry run says exactly what the import does, field
 * by field, each line given out as it is read. */
static enum la_status plan_emit(struct import *im, int64_t since, int64_t until)
{
	/* Each row with its item's row of its list's la_import (one of
	 * them at most: the others' joins ask for another list). */
	static char sql[320 + LIST_COUNT * 160];
	struct plan_marks marks = { NULL, NULL, 0, 0, 0 };
	struct plan_words words = { "", NULL };
	struct db_stmt *st;
	int rc;

	/* Items match by name: a file in another language adds its items
	 * beside the database's own, which is worth a word. */
	if (im->language && strcmp(im->language, db_language(im->db)) != 0) {
		plan_add(im, _("note: the file's items are in language '%s', the database's in '%s'"),
			 im->language, db_language(im->db));
		im->plan->notes++;
	}
	if (!sql[0]) {
		size_t len = (size_t)snprintf(sql, sizeof(sql),
					      "SELECT a.list, a.action, a.old_value, a.new_value, ");

		for (int k = 0; k < 2; k++) {
			len += (size_t)snprintf(sql + len, sizeof(sql) - len, "coalesce(");
			for (int l = 0; l < LIST_COUNT; l++)
				len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%si%d.%s",
							l ? ", " : "", l, k ? "name" : "pos");
			len += (size_t)snprintf(sql + len, sizeof(sql) - len, "), ");
		}
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "a.item_id FROM audit a");
		for (int l = 0; l < LIST_COUNT; l++)
			len += (size_t)snprintf(sql + len, sizeof(sql) - len,
						" LEFT JOIN la_import_%s i%d ON a.list = '%s' AND "
						"i%d.id = a.item_id", lists_table((enum la_list)l), l,
						lists_table((enum la_list)l), l);
		snprintf(sql + len, sizeof(sql) - len,
			 " WHERE a.audit_id > ?1 AND a.audit_id <= ?2 ORDER BY a.audit_id");
	}
	if (!(st = db_stmt(im->db, sql, im->err)))
		return LA_DB;
	marks.per_list = im->items / 8 + 1;
	if (!(marks.touched = calloc(2 * LIST_COUNT, marks.per_list)))
		abort();
	marks.added = marks.touched + LIST_COUNT * marks.per_list;
	db_bind_int64(st, 1, since);
	db_bind_int64(st, 2, until);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *table = db_col_text(st, 0);
		const char *action = db_col_text(st, 1);
		const char *old = db_col_text(st, 2);
		const char *now = db_col_text(st, 3);
		char where[320];
		char *changes;
		enum la_list l;

		if (strcmp(table, "automated_category_update") == 0) {
			changes = auditvalue_changes(old, now);
			plan_add(im, _("update the lead categorization rule %s: %s"),
				 automation_trigger_key((enum auto_trigger)db_col_int64(st, 6)), changes);
			free(changes);
			continue;
		}
		if (strcmp(table, "utm_alias") == 0) {
			changes = auditvalue_changes(old, now);
			plan_add(im, _("%s the UTM alias: %s"), plan_words(&words, action), changes);
			free(changes);
			continue;
		}
		if (!lists_by_table(table, &l))
			continue;
		if (strcmp(action, "reorder") == 0) {
			plan_add(im, _("order %s as in the file"), lists_def(l)->export_key);
			continue;
		}
		if (strcmp(action, "grouping") == 0) {
			plan_add(im, "%s", strstr(now ? now : "", "true")
				 ? _("turn grouping and user group filtering on")
				 : _("turn grouping and user group filtering off"));
			continue;
		}
		if (!db_col_null(st, 4)) {
			plan_mark(&marks, l, (size_t)db_col_int64(st, 4),
				  strcmp(action, "add") == 0);
			item_where(where, sizeof(where), l, (size_t)db_col_int64(st, 4),
				   db_col_text(st, 5));
		} else {
			/* An item the file does not name (--replace). */
			la_format(where, sizeof(where), "%s #%lld", lists_def(l)->export_key,
				  (long long)db_col_int64(st, 6));
			im->plan->updated++;
		}
		changes = auditvalue_changes(old, now);
		plan_add(im, "%s %s%s%s", plan_words(&words, action), where, *changes ? ": " : "", changes);
		free(changes);
	}
	db_reset(st);
	free(marks.touched);
	if (rc != DB_DONE)
		return db_fail(im->db, im->err, "audit");
	/* The items of the file that an audit row touches, and of those the
	 * ones an "add" row touches. */
	im->plan->added = marks.nadded;
	im->plan->updated += marks.ntouched - marks.nadded;
	im->plan->unchanged = (int)im->items - marks.ntouched;
	return LA_OK;
}


/* The stored item of list whose name is name (rule 2), for a link of
 * category_links[i]; refused when there is none. */
static enum la_status link_target(struct import *im, enum la_list list, const json_t *v,
				  const char *where, int64_t *id)
{
	bool deleted;
	enum la_status rc;

	if (!json_is_string(v))
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: a name is not text"), where);
	if ((rc = lists_name_taken(im->db, list, json_string_value(v), 0, id, &deleted,
				   im->err)) != LA_OK)
		return rc;
	if (!*id)
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: there is no %s '%s'"),
			       where, lists_def(list)->export_key, json_string_value(v));
	return LA_OK;
}

/* One element of "category_links": a category's user groups and headings
 * become the file's (a member that is missing leaves them as they are). */
static enum la_status import_links(struct import *im, const json_t *o, size_t i)
{
	static const struct { const char *key; enum la_list list; } kinds[] = {
		{ "user_groups", LIST_USERGROUP }, { "headings", LIST_HEADING },
	};
	const char *name = name_of(o), *key;
	char where[320];
	int64_t category;
	enum la_status rc;
	json_t *v;

	la_format(where, sizeof(where), "category_links[%zu]%s%s%s", i + 1,
		  name ? " '" : "", name ? name : "", name ? "'" : "");
	if (!json_is_object(o))
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: is not an object"), where);
	json_object_foreach((json_t *)o, key, v)
		if (strcmp(key, "name") != 0 && strcmp(key, "user_groups") != 0 &&
		    strcmp(key, "headings") != 0)
			return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s.%s: unknown key"),
				       where, key);
	if (!name)
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: \"%s\" is missing or not text"),
			       where, "name");
	if ((rc = link_target(im, LIST_CATEGORY, json_object_get(o, "name"), where,
			      &category)) != LA_OK)
		return rc;
	for (size_t k = 0; k < 2; k++) {
		const json_t *a = json_object_get(o, kinds[k].key);
		int64_t *ids;
		size_t n, j;
		json_t *e;

		if (!a)
			continue;
		if (!json_is_array(a))
			return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: \"%s\" must be a list"),
				       where, kinds[k].key);
		if (!(ids = malloc((json_array_size(a) + 1) * sizeof(*ids))))
			abort();
		n = 0;
		rc = LA_OK;
		json_array_foreach(a, j, e) {
			if ((rc = link_target(im, kinds[k].list, e, where, &ids[n])) != LA_OK)
				break;
			n++;
		}
		if (rc == LA_OK)
			rc = grouping_set_links(im->db, im->actor, kinds[k].list, category, ids, n,
						im->err);
		free(ids);
		if (rc != LA_OK)
			return rc == LA_REFUSED ? rc : locate(im->err, rc, where);
	}
	return LA_OK;
}

/* "category_grouping" (the switch) and "category_links". */
static enum la_status import_grouping(struct import *im, unsigned bit, const char *key)
{
	enum la_status rc = LA_OK;
	json_t *v;
	size_t n = 0;
	int r;

	if (bit == SEEN_LINKS) {
		if ((r = jsonstream_array(im->js)) == 1) {
			while (rc == LA_OK && (r = jsonstream_element(im->js, &v)) == 1) {
				rc = import_links(im, v, n++);
				json_decref(v);
			}
			if (rc == LA_OK && r < 0)
				return not_json(im);
			return rc;
		}
		if (r < 0 || !(v = jsonstream_value(im->js)))
			return not_json(im);
		json_decref(v);
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" must be a list"), key);
	}
	if (!(v = jsonstream_value(im->js)))
		return not_json(im);
	if (!json_is_boolean(v))
		rc = la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" is not true or false"), key);
	else
		rc = grouping_set_on(im->db, im->actor, json_is_true(v), NULL, im->err);
	json_decref(v);
	return rc;
}

/* A top-level member of the file: the format's own, or a list, whose
 * items are applied as they are read. */
static enum la_status import_member(struct import *im, const char *key)
{
	static const char *const own[] = { "format", "version", "language" };
	unsigned bit = 0;
	enum la_list list = LIST_COUNT;
	json_t *v;
	int r;

	for (unsigned k = 0; k < 3 && !bit; k++)
		if (strcmp(key, own[k]) == 0)
			bit = 1u << k;
	for (int l = 0; l < LIST_COUNT && !bit; l++)
		if (strcmp(key, lists_def((enum la_list)l)->export_key) == 0) {
			list = (enum la_list)l;
			bit = SEEN_LIST(l);
		}
	if (!bit && strcmp(key, "automation") == 0)
		bit = SEEN_AUTOMATION;
	if (!bit && strcmp(key, "category_grouping") == 0)
		bit = SEEN_GROUPING;
	if (!bit && strcmp(key, "category_links") == 0)
		bit = SEEN_LINKS;
	if (!bit && strcmp(key, "utm_aliases") == 0)
		bit = SEEN_UTM_ALIASES;
	if (!bit)
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("%s: unknown key"), key);
	if (im->seen & bit) {
		jsonstream_key_twice(im->js, key);
		return not_json(im);
	}
	im->seen |= bit;
	if (bit == SEEN_GROUPING || bit == SEEN_LINKS)
		return import_grouping(im, bit, key);
	if (list != LIST_COUNT) {
		/* A file that says what it is says so before its lists. */
		if (((im->seen & SEEN_FORMAT) &&
		     (!im->format || strcmp(im->format, PORTING_FORMAT) != 0)) ||
		    ((im->seen & SEEN_VERSION) && im->version != 1 && im->version != 2))
			return not_an_export(im->err);
		if ((r = jsonstream_array(im->js)) == 1)
			return import_list(im, list);
		if (r < 0 || !(v = jsonstream_value(im->js)))
			return not_json(im);
		json_decref(v);
		return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" must be a list"), key);
	}
	if (!(v = jsonstream_value(im->js)))
		return not_json(im);
	if (bit == SEEN_FORMAT && json_is_string(v))
		im->format = strdup(json_string_value(v));
	else if (bit == SEEN_LANGUAGE && json_is_string(v))
		im->language = strdup(json_string_value(v));
	/* 1, 1.0 and 1e0 are all the version 1. */
	else if (bit == SEEN_VERSION && json_is_number(v))
		im->version = json_number_value(v);
	/* Its rules name categories and statuses: they wait for the lists. */
	else if (bit == SEEN_AUTOMATION)
		im->automation = json_incref(v);
	else if (bit == SEEN_UTM_ALIASES)
		im->utm_aliases = json_incref(v);
	json_decref(v);
	return LA_OK;
}

/* The whole file: its members in their order, then what it must have. */
static enum la_status import_file(struct import *im)
{
	enum la_status rc = LA_OK;
	json_t *v;
	char *key;
	int r = jsonstream_open(im->js);

	if (r < 0)
		return not_json(im);
	if (r == 0) {
		if (!(v = jsonstream_value(im->js)))
			return not_json(im);
		json_decref(v);
		return not_an_export(im->err);
	}
	while (rc == LA_OK && (r = jsonstream_key(im->js, &key)) == 1) {
		rc = import_member(im, key);
		free(key);
	}
	if (rc != LA_OK)
		return rc;
	if (r < 0)
		return not_json(im);
	if (!im->format || strcmp(im->format, PORTING_FORMAT) != 0 ||
	    (im->version != 1 && im->version != 2))
		return not_an_export(im->err);
	/* A file has every list its version knows: version 1 files (before
	 * user groups were a list) have the two lead lists. */
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *def = lists_def((enum la_list)l);

		if (!(im->seen & SEEN_LIST(l)) && im->version >= def->export_since)
			return la_fail(im->err, LA_REFUSED, LA_FIELD_NONE, _("\"%s\" is missing"),
				       def->export_key);
	}
	/* Optional: files made before Lead categorization have none. */
	if (im->automation &&
	    (rc = automation_import(im->db, im->actor, im->automation, im->err)) != LA_OK)
		return rc;
	/* Optional too: files made before schema 10 have no UTM aliases. */
	if (im->utm_aliases)
		return utmalias_import(im->db, im->actor, im->utm_aliases, im->err);
	return LA_OK;
}

enum la_status porting_import_from(struct db *db, const struct la_actor *actor,
				   porting_read_fn read, void *read_arg, unsigned flags,
				   enum la_confirm confirm, porting_line_fn line, void *line_arg,
				   struct porting_plan *plan, struct la_err *err)
{
	struct import im = {
		.db = db, .actor = actor, .confirm = confirm,
		.replace = (flags & PORTING_REPLACE) != 0, .plan = plan,
		.line = line, .line_arg = line_arg, .err = err,
	};
	int64_t since = 0, until = 0;
	enum la_status rc;

	memset(plan, 0, sizeof(*plan));
	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	/* Any failing step rolls the whole import back: its items need no
	 * savepoint each. */
	db_nest_without_savepoints(db);
	im.js = jsonstream_new(read, read_arg);
	jsonflat_init(&im.flat);
	/* Nothing reads the audit rows until the file is applied: they are
	 * written a batch at a time. */
	rc = audit_last_id(db, &since, err);
	for (int l = 0; l < LIST_COUNT && rc == LA_OK; l++)
		rc = db_exec(db, stage((enum la_list)l)->create, err);
	if (rc == LA_OK) {
		audit_batch_begin(db);
		if ((rc = import_file(&im)) == LA_OK)
			rc = audit_batch_flush(db, err);
		audit_batch_end(db);
	}
	if (rc == LA_OK)
		rc = audit_last_id(db, &until, err);
	/* Each change asked for the rights of its list (rule 9): a file that
	 * leaves the user groups as they are can be imported by a List
	 * administrator. The plan is given once the import holds: a dry run's
	 * before it is rolled back, a real one's after it is committed. */
	if (rc == LA_OK && (flags & PORTING_DRY_RUN))
		rc = plan_emit(&im, since, until);
	if (rc != LA_OK || (flags & PORTING_DRY_RUN)) {
		db_rollback(db);
	} else if ((rc = db_commit(db, err)) == LA_OK) {
		rc = plan_emit(&im, since, until);
		for (int l = 0; l < LIST_COUNT; l++)
			db_exec(db, stage((enum la_list)l)->clear, NULL);
	}
	remember_clear(&im);
	free(im.line_buf);
	jsonstream_free(im.js);
	jsonflat_free(&im.flat);
	keys_off(&im.keys);
	json_decref(im.automation);
	json_decref(im.utm_aliases);
	free(im.format);
	free(im.language);
	return rc;
}

/* Reads a file that is in memory. */
struct text_source {
	const char *text;
	size_t len;
};

static ssize_t read_text(void *arg, char *buf, size_t len)
{
	struct text_source *t = arg;

	if (len > t->len)
		len = t->len;
	memcpy(buf, t->text, len);
	t->text += len;
	t->len -= len;
	return (ssize_t)len;
}

enum la_status porting_import(struct db *db, const struct la_actor *actor,
			      const char *text, size_t len, unsigned flags,
			      enum la_confirm confirm, struct porting_plan *plan,
			      struct la_err *err)
{
	struct text_source t = { text, len };

	return porting_import_from(db, actor, read_text, &t, flags, confirm, NULL, NULL,
				   plan, err);
}

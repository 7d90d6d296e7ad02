#include "config.h"
#include "auditlog.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditvalue.h"
#include "i18n.h"
#include "lists.h"
#include "mem.h"
#include "text.h"

/* What the audit log records besides the lists (lists.h has those). */
static const struct {
	const char *key, *name, *label;
} others[] = {
	{ "associate", "user", N_("User") },
	{ "licence", "licence", N_("Licence") },
	{ "marketing", "marketing", N_("Marketing") },
	{ "schema", "schema", N_("Database") },
	{ "automated_category_update", "automation", N_("Lead categorization") },
	{ "contact", "company", N_("Company") },
	{ "person", "person", N_("Contact") },
	{ "utm_alias", "utm", N_("UTM values") },
};
#define NOTHERS (sizeof(others) / sizeof(others[0]))

const char *auditlog_list_key(const char *name)
{
	enum la_list l;

	if (!name)
		return NULL;
	if (lists_by_command(name, &l) || lists_by_table(name, &l))
		return lists_table(l);
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(name, others[i].name) == 0 || strcmp(name, others[i].key) == 0)
			return others[i].key;
	return NULL;
}

const char *auditlog_list_name(const char *key)
{
	enum la_list l;

	if (lists_by_table(key, &l))
		return lists_def(l)->command;
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(key, others[i].key) == 0)
			return others[i].name;
	return key;
}

const char *auditlog_list_label(const char *key)
{
	enum la_list l;

	if (lists_by_table(key, &l))
		return _(lists_def(l)->label);
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(key, others[i].key) == 0)
			return _(others[i].label);
	return key;
}

const char *auditlog_list_names(void)
{
	static char names[256];

	if (!names[0]) {
		size_t used = 0;

		for (int l = 0; l < LIST_COUNT; l++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s, ",
						 lists_def((enum la_list)l)->command);
		for (size_t i = 0; i < NOTHERS; i++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
						 others[i].name, i + 1 < NOTHERS ? ", " : "");
	}
	return names;
}

/* n digits at s, as a number; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool auditlog_parse_since(const char *in, char out[20])
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, s = 0;
	size_t len = in ? strlen(in) : 0;

	if (len > 0 && (in[len - 1] == 'Z' || in[len - 1] == 'z'))
		len--;
	if ((len != 10 && len != 16 && len != 19) || in[4] != '-' || in[7] != '-')
		return false;
	y = digits(in, 4);
	mo = digits(in + 5, 2);
	d = digits(in + 8, 2);
	if (len > 10) {
		if ((in[10] != ' ' && in[10] != 'T' && in[10] != 't') || in[13] != ':')
			return false;
		h = digits(in + 11, 2);
		mi = digits(in + 14, 2);
		if (len == 19 && (in[16] != ':' || (s = digits(in + 17, 2)) < 0))
			return false;
	}
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s > 59)
		return false;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	{
		char buf[64];

		snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
		memcpy(out, buf, 19);
		out[19] = '\0';
	}
	return true;
}

/* What a row shows of its values: three buffers that every row of one
 * reading writes again, so that a row allocates nothing. */
struct shown {
	struct jbuf changes, old_json, new_json;
};

static void show_values(struct auditlog_row *r, bool json, struct shown *sh)
{
	sh->changes.len = sh->old_json.len = sh->new_json.len = 0;
	auditvalue_show(&sh->changes, json ? &sh->old_json : NULL, json ? &sh->new_json : NULL,
			r->old_value, r->new_value);
	r->changes = sh->changes.len ? sh->changes.s : "";
	r->old_json = json ? sh->old_json.s : NULL;
	r->new_json = json ? sh->new_json.s : NULL;
}

static const char *text(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s ? s : "";
}

static const char *text_or_null(struct db_stmt *st, int i)
{
	return db_col_null(st, i) ? NULL : text(st, i);
}

/* The filters: one statement each, so that each reads through its index
 * (an "?1 IS NULL OR ..." would make SQLite scan them all). */
enum { BY_SINCE = 1, BY_LIST = 2, NFILTERS = 4 };

static const char *const filters[NFILTERS] = {
	[0] = "",
	[BY_SINCE] = "WHERE a.at >= ?1 ",
	[BY_LIST] = "WHERE a.list = ?2 ",
	[BY_SINCE | BY_LIST] = "WHERE a.list = ?2 AND a.at >= ?1 ",
};

/* Binds since (?1), list (?2) and limit (?3; INT64_MAX: all, which both
 * engines read, where SQLite alone reads -1 so) of q. */
static void bind_query(struct db_stmt *st, const struct auditlog_query *q)
{
	if (q->since)
		db_bind_text(st, 1, q->since);
	if (q->list)
		db_bind_text(st, 2, q->list);
	db_bind_int64(st, 3, q->limit ? (int64_t)q->limit : INT64_MAX);
}

/* The item's current name, from the table the list names (made once from
 * the list definitions), as an SQL expression over the audit row a. */
static const char *item_name_sql(void)
{
	static char sql[1024];
	size_t used;

	if (sql[0])
		return sql;
	used = (size_t)snprintf(sql, sizeof(sql), "CASE a.list "
				"WHEN 'associate' THEN (SELECT name FROM associate WHERE associate_id = a.item_id) "
				"WHEN 'contact' THEN (SELECT name FROM contact WHERE contact_id = a.item_id) "
				"WHEN 'person' THEN (SELECT trim(coalesce(firstname, '') || ' ' || "
				"coalesce(lastname, '')) FROM person WHERE person_id = a.item_id) ");
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *d = lists_def((enum la_list)l);

		used += (size_t)snprintf(sql + used, sizeof(sql) - used,
					 "WHEN '%s' THEN (SELECT name FROM %s WHERE %s = a.item_id) ",
					 d->table, d->table, d->id_column);
	}
	snprintf(sql + used, sizeof(sql) - used, "END");
	return sql;
}

/* The audit rows with the item's current name, newest first: the indexes
 * audit_at (at) and audit_list_at (list, at) end in the rowid, audit_id,
 * so they give this order. db_stmt caches each statement by its address. */
const char *auditlog_sql(const struct auditlog_query *q)
{
	static char sql[NFILTERS][2048];
	int f = (q->since ? BY_SINCE : 0) | (q->list ? BY_LIST : 0);

	if (!sql[f][0])
		snprintf(sql[f], sizeof(sql[f]),
			 "SELECT a.audit_id, a.at, a.login, a.list, a.item_id, a.action, "
			 "a.old_value, a.new_value, %s FROM audit a %s"
			 "ORDER BY a.at DESC, a.audit_id DESC LIMIT ?3",
			 item_name_sql(), filters[f]);
	return sql[f];
}

/* The rows of q for a width pass: all of them in the order they are
 * stored (no index to walk), or the newest limit ones. */
static void rows_of(char *buf, size_t size, const struct auditlog_query *q, int f)
{
	if (q->limit)
		snprintf(buf, size, "(SELECT * FROM audit a %sORDER BY a.at DESC, "
			 "a.audit_id DESC LIMIT ?3)", filters[f]);
	else
		snprintf(buf, size, "(SELECT * FROM audit a %s)", filters[f]);
}

/* The lists a width pass met, each once: an open-addressing set of
 * their keys (a log names a handful; another program may write more). */
struct list_set {
	char **keys;
	size_t n, cap;      /* cap: a power of two, 0 before the first */
};

static size_t hash_text(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The index of list in l, added when it is new (*added set). */
static size_t list_index(struct list_set *l, const char *list, bool *added)
{
	size_t i;

	*added = false;
	if (2 * (l->n + 1) > l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **keys = calloc(cap, sizeof(*keys));

		if (!keys)
			abort();
		for (size_t j = 0; j < l->cap; j++)
			if (l->keys[j]) {
				for (i = hash_text(l->keys[j]) & (cap - 1); keys[i]; i = (i + 1) & (cap - 1))
					;
				keys[i] = l->keys[j];
			}
		free(l->keys);
		l->keys = keys;
		l->cap = cap;
	}
	for (i = hash_text(list) & (l->cap - 1); l->keys[i]; i = (i + 1) & (l->cap - 1))
		if (strcmp(l->keys[i], list) == 0)
			return i;
	if (!(l->keys[i] = strdup(list)))
		abort();
	l->n++;
	*added = true;
	return i;
}

/* The items a width pass met, by list and id: a log names the same items
 * again and again, and each name is a look-up. Each item is looked up
 * once, after the pass, through one audit row that names it (while a
 * statement gives its rows, a second one would make a server keep the
 * rest of them in memory). Bounded: beyond ITEM_CACHE_MAX items, a
 * second pass reads every row's name. */
enum { ITEM_CACHE_MAX = 1 << 14 };

struct item_cache {
	struct item_slot {
		const char *list;   /* a key of the list set; NULL: free */
		int64_t id;
		int64_t audit_id;   /* a row that names the item */
	} *slots;
	size_t n, cap;
};

static size_t hash_item(const char *list, int64_t id)
{
	uint64_t h = (uint64_t)(uintptr_t)list * 0x9E3779B97F4A7C15u ^ (uint64_t)id;

	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return (size_t)(h ^ h >> 32);
}

static struct item_slot *item_find(struct item_cache *c, const char *list, int64_t id)
{
	size_t i;

	if (!c->cap)
		return NULL;
	for (i = hash_item(list, id) & (c->cap - 1); c->slots[i].list; i = (i + 1) & (c->cap - 1))
		if (c->slots[i].list == list && c->slots[i].id == id)
			return &c->slots[i];
	return NULL;
}

static void item_add(struct item_cache *c, const char *list, int64_t id, int64_t audit_id)
{
	size_t i;

	if (c->n >= ITEM_CACHE_MAX)
		return;
	if (2 * (c->n + 1) > c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 256;
		struct item_slot *slots = calloc(cap, sizeof(*slots));

		if (!slots)
			abort();
		for (size_t j = 0; j < c->cap; j++)
			if (c->slots[j].list) {
				for (i = hash_item(c->slots[j].list, c->slots[j].id) & (cap - 1);
				     slots[i].list; i = (i + 1) & (cap - 1))
					;
				slots[i] = c->slots[j];
			}
		free(c->slots);
		c->slots = slots;
		c->cap = cap;
	}
	for (i = hash_item(list, id) & (c->cap - 1); c->slots[i].list; i = (i + 1) & (c->cap - 1))
		;
	c->slots[i].list = list;
	c->slots[i].id = id;
	c->slots[i].audit_id = audit_id;
	c->n++;
}

/* The item column's width of a row whose statement gives the item's
 * current name (the same expression as the log's own statement) in
 * column col and its item_id in col + 1: the name, else "#id", else
 * nothing. */
static int shown_item_width(struct db_stmt *st, int col)
{
	const char *name = text(st, col);
	int64_t id = db_col_int64(st, col + 1);
	char buf[32];

	if (*name)
		return text_width(name);
	if (!id)
		return 0;
	snprintf(buf, sizeof(buf), "#%" PRId64, (int64_t)id);
	return (int)strlen(buf);
}

/* The item column's width for the audit row audit_id; -1 when the
 * database fails. */
static int item_width(struct db *db, int64_t audit_id, struct la_err *err)
{
	static char sql[1280];
	struct db_stmt *st;
	int w = -1;

	if (!sql[0])
		snprintf(sql, sizeof(sql), "SELECT %s, a.item_id FROM audit a WHERE a.audit_id = ?1",
			 item_name_sql());
	if (!(st = db_stmt(db, sql, err)))
		return -1;
	db_bind_int64(st, 1, audit_id);
	if (db_step(st) == DB_ROW)
		w = shown_item_width(st, 0);
	else
		db_fail(db, err, "audit");
	db_reset(st);
	return w;
}

/* The widest item of all rows of q, each row's name read by one statement
 * over them: the pass for more items than the cache keeps, and for ids
 * not stored as integers. */
static enum la_status item_widths_all(struct db *db, const struct auditlog_query *q,
				      int *width, struct la_err *err)
{
	static char sql[NFILTERS][2][1536];
	int f = (q->since ? BY_SINCE : 0) | (q->list ? BY_LIST : 0), lim = q->limit > 0;
	struct db_stmt *st;
	enum la_status s = LA_OK;
	char rows[256];
	int rc;

	if (!sql[f][lim][0]) {
		rows_of(rows, sizeof(rows), q, f);
		snprintf(sql[f][lim], sizeof(sql[f][lim]), "SELECT %s, a.item_id FROM %s a",
			 item_name_sql(), rows);
	}
	if (!(st = db_stmt(db, sql[f][lim], err)))
		return LA_DB;
	bind_query(st, q);
	while ((rc = db_step(st)) == DB_ROW) {
		int w = shown_item_width(st, 0);

		if (w > *width)
			*width = w;
	}
	if (rc != DB_DONE)
		s = db_fail(db, err, "audit");
	db_reset(st);
	return s;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The widths are found in one pass over the rows' short columns; each
 * item's name is looked up once after it (item_cache), not once a row. */
enum la_status auditlog_widths(struct db *db, const struct auditlog_query *q,
			       struct auditlog_widths *w,
			       void (*each_list)(void *ctx, const char *list), void *ctx,
			       struct la_err *err)
{
	static char widths_sql[NFILTERS][2][512];
	int f = (q->since ? BY_SINCE : 0) | (q->list ? BY_LIST : 0), lim = q->limit > 0;
	struct list_set lists = { NULL, 0, 0 };
	struct item_cache items = { NULL, 0, 0 };
	enum la_status s = LA_OK;
	char rows[256];
	struct db_stmt *st;
	bool every_row = false;
	int rc;

	if (!widths_sql[f][lim][0]) {
		rows_of(rows, sizeof(rows), q, f);
		snprintf(widths_sql[f][lim], sizeof(widths_sql[f][lim]),
			 "SELECT a.audit_id, a.at, a.login, a.action, a.list, a.item_id FROM %s a", rows);
	}
	memset(w, 0, sizeof(*w));
	if (!(st = db_stmt(db, widths_sql[f][lim], err)))
		return LA_DB;
	bind_query(st, q);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *list = text(st, 4);
		bool none = db_col_null(st, 5), added, cached = db_col_is_integer(st, 5);
		int64_t id = db_col_int64(st, 5);
		size_t li;

		w->at = max_int(w->at, text_width(text(st, 1)));
		w->login = max_int(w->login, text_width(text(st, 2)));
		w->action = max_int(w->action, text_width(text(st, 3)));
		li = list_index(&lists, list, &added);
		if (added)
			each_list(ctx, lists.keys[li]);
		/* Only an id stored as an integer names one item for certain;
		 * any other value is read with its row in a second pass. No id
		 * (NULL) names no item and shows nothing. */
		if (none || every_row || (cached && item_find(&items, lists.keys[li], id)))
			continue;
		if (cached && items.n < ITEM_CACHE_MAX)
			item_add(&items, lists.keys[li], id, db_col_int64(st, 0));
		else
			every_row = true;
	}
	if (rc != DB_DONE)
		s = db_fail(db, err, "audit");
	db_reset(st);
	if (s == LA_OK && every_row)
		s = item_widths_all(db, q, &w->item, err);
	for (size_t i = 0; s == LA_OK && !every_row && i < items.cap; i++) {
		int iw;

		if (!items.slots[i].list)
			continue;
		if ((iw = item_width(db, items.slots[i].audit_id, err)) < 0)
			s = LA_DB;
		else
			w->item = max_int(w->item, iw);
	}
	for (size_t i = 0; i < lists.cap; i++)
		free(lists.keys[i]);
	free(lists.keys);
	free(items.slots);
	return s;
}

enum la_status auditlog_each(struct db *db, const struct auditlog_query *q,
			     auditlog_fn *fn, void *ctx, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, auditlog_sql(q), err);
	struct auditlog_row r;
	struct shown sh;
	int rc;

	if (!st)
		return LA_DB;
	bind_query(st, q);
	memset(&r, 0, sizeof(r));
	jbuf_init(&sh.changes);
	jbuf_init(&sh.old_json);
	jbuf_init(&sh.new_json);
	while ((rc = db_step(st)) == DB_ROW) {
		bool go_on;

		r.id = db_col_int64(st, 0);
		r.at = text(st, 1);
		r.login = text(st, 2);
		r.list = text(st, 3);
		r.item_id = db_col_int64(st, 4);
		r.action = text(st, 5);
		r.item = text(st, 8);
		r.old_value = text_or_null(st, 6);
		r.new_value = text_or_null(st, 7);
		show_values(&r, q->json, &sh);
		go_on = fn(ctx, &r);
		if (!go_on) {
			rc = DB_DONE;
			break;
		}
	}
	jbuf_free(&sh.changes);
	jbuf_free(&sh.old_json);
	jbuf_free(&sh.new_json);
	if (rc != DB_DONE) {
		enum la_status s = db_fail(db, err, "audit");

		db_reset(st);
		return s;
	}
	db_reset(st);
	return LA_OK;
}

static char *own(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		abort();
	return d;
}

struct collect {
	struct auditlog_row *rows;
	size_t n, cap;
};

static bool collect_row(void *ctx, const struct auditlog_row *row)
{
	struct collect *c = ctx;
	struct auditlog_row *r;

	LA_RESERVE(c->rows, c->n, c->cap, 64);
	r = &c->rows[c->n++];
	*r = *row;
	r->at = own(row->at);
	r->login = own(row->login);
	r->list = own(row->list);
	r->item = own(row->item);
	r->action = own(row->action);
	r->old_value = own(row->old_value);
	r->new_value = own(row->new_value);
	r->changes = own(row->changes);
	r->old_json = r->new_json = NULL;  /* auditlog_load does not ask for them */
	return true;
}

enum la_status auditlog_load(struct db *db, const char *since, const char *list,
			     size_t limit, struct auditlog_row **rows, size_t *n,
			     struct la_err *err)
{
	const struct auditlog_query q = { .since = since, .list = list, .limit = limit };
	struct collect c = { NULL, 0, 0 };
	enum la_status s = auditlog_each(db, &q, collect_row, &c, err);

	if (s != LA_OK) {
		auditlog_free(c.rows, c.n);
		c.rows = NULL;
		c.n = 0;
	}
	*rows = c.rows;
	*n = c.n;
	return s;
}

/* The rows auditlog_load gives own their strings. */
void auditlog_truncate(struct auditlog_row *rows, size_t *n, size_t keep)
{
	for (size_t i = keep; i < *n; i++) {
		free((char *)rows[i].at);
		free((char *)rows[i].login);
		free((char *)rows[i].list);
		free((char *)rows[i].item);
		free((char *)rows[i].action);
		free((char *)rows[i].old_value);
		free((char *)rows[i].new_value);
		free((char *)rows[i].changes);
	}
	if (keep < *n)
		*n = keep;
}

void auditlog_free(struct auditlog_row *rows, size_t n)
{
	auditlog_truncate(rows, &n, 0);
	free(rows);
}

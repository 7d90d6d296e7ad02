/* User-group filtering and headings for Company – Category (grouping.h). */
#include "config.h"
#include "grouping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "lists_impl.h"
#include "mem.h"

#define SETTING_KEY "category.grouping"

/* The link table of a kind, the audit action and JSON key of a change,
 * and its statements: literals, so that db_stmt keeps each one prepared
 * (an import sets the links of every category it names). */
struct link_kind {
	const char *table, *action, *key;
	const char *links, *linked, *json, *unlink_all, *link, *unlink;
};

/* The statements of the link table T whose column C points into table O
 * (whose own id column is C too); K is the audit's JSON key. */
#define LINK_KIND(T, C, O, ACTION, K) {							\
	T, ACTION, K,									\
	"SELECT l." C " FROM " T " l JOIN " O " o ON o." C " = l." C " "		\
	"WHERE l.category_id = ?1 ORDER BY o.rank, o." C,				\
	"SELECT 1 FROM " T " WHERE category_id = ?1 AND " C " = ?2",			\
	"SELECT json_object('" K "', json_group_array(name)) FROM "			\
	"(SELECT o.name FROM " T " l JOIN " O " o ON o." C " = l." C " "		\
	"WHERE l.category_id = ?1 ORDER BY o.rank, o." C ") AS v",			\
	"DELETE FROM " T " WHERE category_id = ?1 AND ?2 = ?2",			\
	"INSERT INTO " T " (category_id, " C ") SELECT ?1, " C " FROM " O		\
	" WHERE " C " = ?2 ON CONFLICT DO NOTHING",					\
	"DELETE FROM " T " WHERE category_id = ?1 AND " C " = ?2",			\
}

static const struct link_kind *kind_of(enum la_list kind)
{
	static const struct link_kind groups =
		LINK_KIND("category_group_link", "usergroup_id", "usergroup", "visible-for",
			  "user_groups");
	static const struct link_kind headings =
		LINK_KIND("category_heading_link", "heading_id", "heading", "headings", "headings");

	return kind == LIST_HEADING ? &headings : &groups;
}

bool grouping_list_has(enum la_list list)
{
	const struct la_listdef *d = lists_def(list);

	return d && d->grouping;
}

/* The switch as the current all-or-nothing transaction last read or set
 * it (an import asks once for each category it adds), while the db keeps
 * the mark DB_MARK_GROUPING: it forgets it when the transaction ends, or
 * when a step may be undone alone, and only grouping_set_on writes the
 * setting, keeping known_on as it writes. The db a transaction marked is
 * known_db. */
static const struct db *known_db;
static bool known_on;

bool grouping_on(struct db *db)
{
	static const char def[] = "0";
	const char *v;

	if (known_db == db && db_txn_marked(db, DB_MARK_GROUPING))
		return known_on;
	v = db_setting(db, SETTING_KEY, def);
	/* Only a value read: def also stands for a failed read. */
	if (v != def) {
		known_db = db;
		known_on = strcmp(v, "1") == 0;
		db_txn_mark(db, DB_MARK_GROUPING);
	}
	return strcmp(v, "1") == 0;
}

/* Runs sql (a literal, kept prepared) with ?1 = a and ?2 = b. */
static enum la_status exec_id(struct db *db, const char *sql, int64_t a, int64_t b,
			      struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, a);
	db_bind_int64(st, 2, b);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, "grouping");
}

enum la_status grouping_set_on(struct db *db, const struct la_actor *actor, bool on,
			       bool *changed, struct la_err *err)
{
	enum la_status rc;
	bool was;

	if (changed)
		*changed = false;
	if ((rc = lists_begin(db, actor, LIST_CATEGORY, err)) != LA_OK)
		return rc;
	was = grouping_on(db);
	if (was == on)
		return lists_end(db, LA_OK, err);
	/* Turned on for the first time: nothing is hidden yet. */
	if (on)
		rc = db_exec(db,
			     "INSERT INTO category_group_link (category_id, usergroup_id) "
			     "SELECT c.category_id, g.usergroup_id FROM category c, usergroup g "
			     "WHERE coalesce(g.deleted, 0) = 0 "
			     "AND NOT EXISTS (SELECT 1 FROM category_group_link)", err);
	if (rc == LA_OK)
		rc = db_set_setting(db, SETTING_KEY, on ? "1" : "0", err);
	if (rc == LA_OK && known_db == db)
		known_on = on;
	if (rc == LA_OK)
		rc = audit_write(db, actor, "category", 0, "grouping",
				 on ? "{\"grouping\": false}" : "{\"grouping\": true}",
				 on ? "{\"grouping\": true}" : "{\"grouping\": false}", err);
	if (rc == LA_OK && changed)
		*changed = true;
	return lists_end(db, rc, err);
}

enum la_status grouping_links(struct db *db, enum la_list kind, int64_t category_id,
			      int64_t **ids, size_t *n, struct la_err *err)
{
	const struct link_kind *k = kind_of(kind);
	struct db_stmt *st = db_stmt(db, k->links, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, category_id);
	while ((rc = db_step(st)) == DB_ROW) {
		LA_RESERVE(*ids, *n, cap, 8);
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, err, k->table);
	}
	return LA_OK;
}

bool grouping_linked(struct db *db, enum la_list kind, int64_t category_id, int64_t other_id)
{
	const struct link_kind *k = kind_of(kind);
	struct db_stmt *st = db_stmt(db, k->linked, NULL);
	bool yes = false;

	if (st) {
		db_bind_int64(st, 1, category_id);
		db_bind_int64(st, 2, other_id);
		yes = db_step(st) == DB_ROW;
		db_reset(st);
	}
	return yes;
}

/* The names linked to category_id as the audit's JSON value:
 * {"user_groups": ["Sales", "Marketing"]} (caller frees). */
static enum la_status links_json(struct db *db, const struct link_kind *k, int64_t category_id,
				 char **out, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, k->json, err);
	enum la_status rc = LA_OK;

	*out = NULL;
	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, category_id);
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, k->table);
	else
		*out = la_strdup(db_col_text(st, 0));
	db_reset(st);
	return rc;
}

/* Checks that category_id is a category (LA_NOT_FOUND otherwise). */
static enum la_status check_category(struct db *db, int64_t id, struct la_err *err)
{
	struct la_item it;
	enum la_status rc = lists_get(db, LIST_CATEGORY, id, &it, err);

	if (rc == LA_OK)
		lists_item_clear(&it);
	return rc;
}

/* Audits the change of category_id's links from before to what they are
 * now, when they changed. */
static enum la_status audit_links(struct db *db, const struct la_actor *actor,
				  const struct link_kind *k, int64_t category_id,
				  const char *before, struct la_err *err)
{
	char *after = NULL;
	enum la_status rc = links_json(db, k, category_id, &after, err);

	if (rc == LA_OK && strcmp(before, after) != 0)
		rc = audit_write(db, actor, "category", category_id, k->action, before, after, err);
	free(after);
	return rc;
}

enum la_status grouping_set_links(struct db *db, const struct la_actor *actor,
				  enum la_list kind, int64_t category_id,
				  const int64_t *ids, size_t n, struct la_err *err)
{
	const struct link_kind *k = kind_of(kind);
	char *before = NULL;
	enum la_status rc;

	if ((rc = lists_begin(db, actor, LIST_CATEGORY, err)) != LA_OK)
		return rc;
	if ((rc = check_category(db, category_id, err)) != LA_OK ||
	    (rc = links_json(db, k, category_id, &before, err)) != LA_OK)
		return lists_end(db, rc, err);
	rc = exec_id(db, k->unlink_all, category_id, 0, err);
	for (size_t i = 0; i < n && rc == LA_OK; i++)
		rc = exec_id(db, k->link, category_id, ids[i], err);
	if (rc == LA_OK)
		rc = audit_links(db, actor, k, category_id, before, err);
	free(before);
	return lists_end(db, rc, err);
}

enum la_status grouping_set_link(struct db *db, const struct la_actor *actor,
				 enum la_list kind, int64_t category_id, int64_t other_id,
				 bool on, struct la_err *err)
{
	const struct link_kind *k = kind_of(kind);
	char *before = NULL;
	enum la_status rc;

	if ((rc = lists_begin(db, actor, LIST_CATEGORY, err)) != LA_OK)
		return rc;
	if ((rc = check_category(db, category_id, err)) != LA_OK ||
	    (rc = links_json(db, k, category_id, &before, err)) != LA_OK)
		return lists_end(db, rc, err);
	rc = exec_id(db, on ? k->link : k->unlink, category_id, other_id, err);
	if (rc == LA_OK)
		rc = audit_links(db, actor, k, category_id, before, err);
	free(before);
	return lists_end(db, rc, err);
}

enum la_status grouping_new_item(struct db *db, int64_t category_id, struct la_err *err)
{
	if (!grouping_on(db))
		return LA_OK;
	return exec_id(db, "INSERT INTO category_group_link (category_id, usergroup_id) "
		       "SELECT ?1, usergroup_id FROM usergroup WHERE coalesce(deleted, 0) = 0 AND ?2 = ?2 "
		       "ON CONFLICT DO NOTHING",
		       category_id, 0, err);
}

static void add_row(struct grouping_preview *p, size_t *cap, bool heading, int64_t id,
		    const char *name)
{
	LA_RESERVE(p->v, p->n, *cap, 16);
	p->v[p->n].heading = heading;
	p->v[p->n].id = id;
	if (!(p->v[p->n].name = strdup(name ? name : "")))
		abort();
	p->n++;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The distinct items of a preview: an item under two headings is one
 * item. Sorted ids, so that a long list costs n log n, not n squared. */
static size_t distinct_items(const struct grouping_preview *p)
{
	int64_t *ids = malloc((p->n ? p->n : 1) * sizeof(*ids));
	size_t n = 0, items = 0;

	if (!ids)
		abort();
	for (size_t i = 0; i < p->n; i++)
		if (!p->v[i].heading)
			ids[n++] = p->v[i].id;
	qsort(ids, n, sizeof(*ids), cmp_id);
	for (size_t i = 0; i < n; i++)
		items += i == 0 || ids[i] != ids[i - 1];
	free(ids);
	return items;
}

enum la_status grouping_preview(struct db *db, int64_t group_id,
				struct grouping_preview *out, struct la_err *err)
{
	/* Each visible item once per active heading it is under (heading
	 * rank order), then once with no heading when it is under none; the
	 * heading columns are NULL then. */
	static const char grouped[] =
		"WITH v AS (SELECT c.category_id, c.name, c.rank FROM category c "
		"JOIN category_group_link g ON g.category_id = c.category_id AND g.usergroup_id = ?1 "
		"WHERE coalesce(c.deleted, 0) = 0) "
		"SELECT h.heading_id, h.name, v.category_id, v.name, 0 AS last, h.rank AS hr, v.rank "
		"FROM v JOIN category_heading_link l ON l.category_id = v.category_id "
		"JOIN heading h ON h.heading_id = l.heading_id AND h.deleted = 0 "
		"UNION ALL SELECT NULL, NULL, v.category_id, v.name, 1, 0, v.rank FROM v "
		"WHERE NOT EXISTS (SELECT 1 FROM category_heading_link l JOIN heading h "
		"ON h.heading_id = l.heading_id AND h.deleted = 0 WHERE l.category_id = v.category_id) "
		"ORDER BY 5, 6, 1, 7, 3";
	static const char flat[] =
		"SELECT NULL, NULL, category_id, name, 1, 0, rank FROM category "
		"WHERE coalesce(deleted, 0) = 0 AND ?1 = ?1 ORDER BY rank, category_id";
	struct db_stmt *st;
	size_t cap = 0;
	int64_t last_heading = -1;
	int rc;

	memset(out, 0, sizeof(*out));
	out->on = grouping_on(db);
	if (!(st = db_stmt(db, out->on ? grouped : flat, err)))
		return LA_DB;
	db_bind_int64(st, 1, group_id);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t h = db_col_null(st, 0) ? 0 : db_col_int64(st, 0);

		if (out->on && h != last_heading && (h || last_heading > 0))
			add_row(out, &cap, true, h, h ? db_col_text(st, 1) : NULL);
		last_heading = h;
		add_row(out, &cap, false, db_col_int64(st, 2),
			db_col_text(st, 3));
	}
	db_reset(st);
	if (rc != DB_DONE) {
		grouping_preview_free(out);
		return db_fail(db, err, "category");
	}
	out->items = distinct_items(out);
	return LA_OK;
}

void grouping_preview_free(struct grouping_preview *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].name);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

enum la_status grouping_unreachable(struct db *db, char **names, struct la_err *err)
{
	static const char sql[] =
		"SELECT group_concat(quote(name), ', ') FROM (" GROUPING_UNREACHABLE_SQL ") AS u";
	struct db_stmt *st;
	enum la_status rc = LA_OK;

	*names = NULL;
	if (!grouping_on(db))
		return LA_OK;
	if (!(st = db_stmt(db, sql, err)))
		return LA_DB;
	if (db_step(st) != DB_ROW)
		rc = db_fail(db, err, "category");
	else if (!db_col_null(st, 0) &&
		 !(*names = strdup(db_col_text(st, 0))))
		abort();
	db_reset(st);
	return rc;
}

/* The list model: items of any list, read and saved through the list's
 * definition (src/listdef.c). Rules 2, 3, 6 and 9 live here for every
 * list; a list's own rules come through its hooks. */
#include "config.h"
#include "lists.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "lists_impl.h"
#include "mem.h"
#include "mlname.h"
#include "schema.h"
#include "text.h"

/* In the format strings of add(): percent signs doubled. */
#define NOW "strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now')"
#define SQL_MAX 2048

/* ---- the definitions */

bool lists_by_command(const char *s, enum la_list *list)
{
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *d = lists_def((enum la_list)l);

		if (strcmp(s, d->command) == 0) {
			*list = (enum la_list)l;
			return true;
		}
	}
	return false;
}

bool lists_by_table(const char *table, enum la_list *list)
{
	for (int l = 0; l < LIST_COUNT; l++)
		if (strcmp(table, lists_def((enum la_list)l)->table) == 0) {
			*list = (enum la_list)l;
			return true;
		}
	return false;
}

const char *lists_title(enum la_list list)
{
	return _(lists_def(list)->title);
}

const char *lists_table(enum la_list list)
{
	return lists_def(list)->table;
}

const struct la_fielddef *lists_flag_field(enum la_list list, unsigned flag)
{
	const struct la_listdef *d = lists_def(list);

	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].flags & flag)
			return &d->fields[i];
	return NULL;
}

const struct la_fielddef *lists_field(enum la_list list, enum la_field id)
{
	const struct la_listdef *d = lists_def(list);

	for (size_t i = 0; id != LA_FIELD_NONE && i < d->nfields; i++)
		if (d->fields[i].id == id)
			return &d->fields[i];
	return NULL;
}

/* Fields other than the name, the description and the counts: what a
 * list has of its own, written by a save unless it is the default flag. */
static bool own_field(const struct la_fielddef *f)
{
	return f->kind == LF_CHOICE || f->kind == LF_BOOL;
}

static bool written(const struct la_fielddef *f)
{
	return own_field(f) && !(f->flags & LFF_DEFAULT);
}

/* ---- values of fields */

static void *member(const struct la_fielddef *f, const struct la_item *it)
{
	return (char *)it + f->offset;
}

long lists_field_int(const struct la_fielddef *f, const struct la_item *it)
{
	switch (f->kind) {
	case LF_CHOICE:
		return (long)*(const enum la_group *)member(f, it);
	case LF_BOOL:
		return *(const bool *)member(f, it) ? 1 : 0;
	case LF_COUNT:
		return *(const long *)member(f, it);
	case LF_TEXT:
		break;
	}
	return 0;
}

void lists_field_set_int(const struct la_fielddef *f, struct la_item *it, long v)
{
	switch (f->kind) {
	case LF_CHOICE:
		*(enum la_group *)member(f, it) = (enum la_group)v;
		break;
	case LF_BOOL:
		*(bool *)member(f, it) = v != 0;
		break;
	case LF_COUNT:
		*(long *)member(f, it) = v;
		break;
	case LF_TEXT:
		break;
	}
}

char **lists_field_str(const struct la_fielddef *f, struct la_item *it)
{
	return f->kind == LF_TEXT ? (char **)member(f, it) : NULL;
}

const char *lists_field_cstr(const struct la_fielddef *f, const struct la_item *it)
{
	const char *s = f->kind == LF_TEXT ? *(char *const *)member(f, it) : NULL;

	return s ? s : "";
}

const struct la_choice *lists_choice_by_value(const struct la_fielddef *f, int v)
{
	for (int i = 0; i < f->nchoices; i++)
		if (f->choices[i].value == v)
			return &f->choices[i];
	return NULL;
}

const struct la_choice *lists_choice_by_key(const struct la_fielddef *f, const char *key)
{
	for (int i = 0; key && i < f->nchoices; i++)
		if (f->choices[i].offered && strcmp(key, f->choices[i].key) == 0)
			return &f->choices[i];
	return NULL;
}

const struct la_choice *lists_choice_by_any_key(const struct la_fielddef *f, const char *key)
{
	for (int i = 0; key && i < f->nchoices; i++)
		if (strcmp(key, f->choices[i].key) == 0)
			return &f->choices[i];
	return NULL;
}

void lists_choice_keys(const struct la_fielddef *f, char *buf, size_t len)
{
	size_t used = 0;
	int n = 0, k = 0;

	for (int i = 0; i < f->nchoices; i++)
		n += f->choices[i].offered;
	buf[0] = '\0';
	for (int i = 0; i < f->nchoices; i++) {
		if (!f->choices[i].offered)
			continue;
		k++;
		int w = snprintf(buf + used, len - used, "%s%s",
				 k == 1 ? "" : k == n ? _(" or ") : ", ", f->choices[i].key);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

const char *lists_field_text(const struct la_fielddef *f, const struct la_item *it,
			     bool keys, const char *yes, const char *no,
			     char *buf, size_t len)
{
	const struct la_choice *c;

	switch (f->kind) {
	case LF_TEXT:
		/* A name in several languages shows the program's language;
		 * keys (export, JSON) keep the stored text. */
		if (f->id == LA_FIELD_NAME && !keys && buf && len)
			return lists_shown(lists_field_cstr(f, it), buf, len);
		return lists_field_cstr(f, it);
	case LF_CHOICE:
		c = lists_choice_by_value(f, (int)lists_field_int(f, it));
		if (!c)
			c = &f->choices[0];
		return keys ? c->key : _(c->label);
	case LF_BOOL:
		return lists_field_int(f, it) ? yes : no;
	case LF_COUNT:
		snprintf(buf, len, "%ld", lists_field_int(f, it));
		return buf;
	}
	return "";
}

/* ---- the statements */

static void add(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(char *buf, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + used, SQL_MAX - used, fmt, ap);
	va_end(ap);
	/* The statements come from the definitions: too long is a bug. */
	if (n < 0 || (size_t)n >= SQL_MAX - used)
		abort();
}

/* The columns every reader of items selects, in lists_read_row's order. */
static void select_columns(char *q, const struct la_listdef *d)
{
	add(q, "SELECT t.%s, t.name, t.rank, t.tooltip, t.deleted, t.updatedCount, "
	    "coalesce(t.registered, ''), coalesce(t.updated, '')", d->id_column);
	for (size_t i = 0; i < d->nfields; i++)
		if (own_field(&d->fields[i]))
			add(q, ", t.%s", d->fields[i].column);
		else if (d->fields[i].kind == LF_COUNT)
			add(q, ", %s", d->fields[i].column);
	add(q, " FROM %s t %s ", d->table, d->usage_join);
}

/* The written fields as "col = ?5, col = ?6" (update) or their columns and
 * parameters (insert). */
static int written_fields(char *q, const struct la_listdef *d, bool update, bool params)
{
	int p = 5;

	for (size_t i = 0; i < d->nfields; i++) {
		if (!written(&d->fields[i]))
			continue;
		if (update)
			add(q, "%s = ?%d, ", d->fields[i].column, p++);
		else if (params)
			add(q, "?%d, ", p++);
		else
			add(q, "%s, ", d->fields[i].column);
	}
	return p;
}

/* The items a reader shows: deleted ones only with ?1 (a NULL deleted,
 * another program's row, is not deleted); and, unless ?5 is NULL, those
 * whose name (in any of its languages) or description contains ?5
 * (folded), as the screen's filter compares each of its cells. */
#define VISIBLE "(?1 OR coalesce(t.deleted, 0) = 0)"
#define FILTER "(CAST(?5 AS TEXT) IS NULL OR la_contains(la_name_values(t.name), ?5) OR " \
	"la_contains(t.tooltip, ?5))"

/* The items before the key (?2 rank or NULL, ?3 id; ?6 = 0: none is).
 * The rank is cast where it is bound: a 64-bit bound (INT64_MIN, "from
 * the start") is no column's integer on PostgreSQL. */
#define RANK "CAST(?2 AS BIGINT)"
#define BEFORE "(?6 = 0 OR (t.rank IS NULL AND (" RANK " IS NOT NULL OR t.%s < ?3)) OR " \
	"t.rank < " RANK " OR (t.rank = " RANK " AND t.%s < ?3))"

static void build(char *q, const struct la_listdef *d, enum lists_query which)
{
	const char *t = d->table, *id = d->id_column;
	const struct la_fielddef *dflt = lists_flag_field(d->list, LFF_DEFAULT);
	const char *dcol = dflt ? dflt->column : NULL;
	int p;

	q[0] = '\0';
	/* A list without a default item has no statements for it. */
	if (!dcol && (which == LQ_DEFAULT || which == LQ_CLEAR_DEFAULT || which == LQ_SET_DEFAULT))
		return;
	switch (which) {
	case LQ_LOAD:
		select_columns(q, d);
		add(q, "WHERE " VISIBLE " ORDER BY t.rank, t.%s", id);
		break;
	case LQ_GET:
		/* One item by its key: a look-up, not a walk of the rank index. */
		select_columns(q, d);
		add(q, "WHERE t.%s = ?1", id);
		break;
	case LQ_NAME:
		/* Every match, the best of which name_query picks: an ORDER BY
		 * ... LIMIT 1 would build a b-tree for each look-up, which an
		 * import pays twice an item. First (source 0) a plain name
		 * (every language's); keys not made yet (another program's
		 * rename): the values of a multi-language name; U+001F parts
		 * the values. Then (source 1) a value of a multi-language name
		 * (rule 2's keys per language, data/migrate-9.sql) in language
		 * ?4, or in any when NULL, which name_query takes only when the
		 * first part gives none: one statement, each part on its own
		 * index. ?3 is the key of ?1 (text_fold_trimmed). */
		add(q, "SELECT %s, deleted, name = trim(?1), 0 FROM %s WHERE (la_name_key = ?3 "
		    "OR (la_name_key IS NULL AND (la_fold(name) = ?3 OR instr('\037' || "
		    "la_fold(la_name_values(name)) || '\037', '\037' || ?3 || '\037') > 0))) "
		    "AND %s <> ?2 UNION ALL ", id, t, id);
		add(q, "SELECT t.%s, t.deleted, NULL, 1 FROM la_name_lang l JOIN %s t ON t.%s = l.item "
		    "WHERE l.tbl = '%s' AND l.key = ?3 AND (CAST(?4 AS TEXT) IS NULL OR l.lang = ?4) "
		    "AND t.%s <> ?2", id, t, id, t, id);
		break;
	case LQ_INSERT:
		add(q, "INSERT INTO %s (name, tooltip, ", t);
		written_fields(q, d, false, false);
		/* Every column given: a legacy table may have no defaults. */
		add(q, "deleted, rank, registered, registered_associate_id, updated, "
		    "updated_associate_id, updatedCount, la_name_key) VALUES (?1, ?2, ");
		p = written_fields(q, d, false, true);
		/* ?4 is the time now (see write_item); the parameter after the
		 * fields a rank the caller gives, else (NULL) the next one; the
		 * one after it the name's key. */
		add(q, "0, coalesce(?%d, (SELECT coalesce(max(rank), 0) + 1 FROM %s)), ?4, ?3, ?4, "
		    "?3, 0, ?%d)", p, t, p + 1);
		break;
	case LQ_UPDATE:
		add(q, "UPDATE %s SET name = ?1, tooltip = ?2, ", t);
		/* The parameter after the fields is the name's key. */
		p = written_fields(q, d, true, false);
		add(q, "updated = " NOW ", updated_associate_id = ?3, updatedCount = updatedCount + 1, "
		    "la_name_key = ?%d WHERE %s = ?4", p, id);
		break;
	case LQ_REFILL_KEY:
		add(q, "UPDATE %s SET la_name_key = ?2 WHERE %s = ?1 AND la_name_key IS NULL", t, id);
		break;
	case LQ_SET_DELETED:
		add(q, "UPDATE %s SET deleted = ?2, updatedCount = updatedCount + 1, updated = " NOW
		    ", updated_associate_id = ?3 WHERE %s = ?1", t, id);
		break;
	case LQ_DUP_RANK:
		add(q, "SELECT 1 FROM %s a JOIN %s b ON a.rank = b.rank AND a.%s < b.%s LIMIT 1",
		    t, t, id, id);
		break;
	case LQ_NORMALISE:
		/* The new ranks are computed before any row changes (UPDATE FROM). */
		add(q, "UPDATE %s SET rank = r.new_rank FROM (SELECT %s AS id, row_number() OVER "
		    "(ORDER BY rank, %s) AS new_rank FROM %s) AS r WHERE r.id = %s.%s "
		    "AND %s.rank <> r.new_rank", t, id, id, t, t, id, t);
		break;
	case LQ_PREV:
		add(q, "SELECT %s, rank FROM %s WHERE coalesce(deleted, 0) = 0 AND rank < ?1 ORDER BY rank DESC LIMIT 1",
		    id, t);
		break;
	case LQ_NEXT:
		add(q, "SELECT %s, rank FROM %s WHERE coalesce(deleted, 0) = 0 AND rank > ?1 ORDER BY rank LIMIT 1",
		    id, t);
		break;
	case LQ_SET_RANK:
		add(q, "UPDATE %s SET rank = ?2, updatedCount = updatedCount + 1, updated = " NOW
		    ", updated_associate_id = ?3 WHERE %s = ?1", t, id);
		break;
	case LQ_REORDER:
		/* Named items first (by their place in the file), then the others. */
		add(q, "UPDATE %s SET rank = r.new_rank, updatedCount = updatedCount + 1, "
		    "updated = ?2, updated_associate_id = ?1 FROM (SELECT c.%s AS id, "
		    "row_number() OVER (ORDER BY coalesce(o.pos, 1e18), c.rank, c.%s) AS new_rank "
		    "FROM %s c LEFT JOIN la_order o ON o.id = c.%s) AS r "
		    "WHERE r.id = %s.%s AND %s.rank <> r.new_rank", t, id, id, t, id, t, id, t);
		break;
	case LQ_RANKS_PLAIN:
		add(q, "SELECT count(rank) = count(*) AND count(DISTINCT rank) = count(*) AND "
		    "coalesce(min(rank), 1) = 1 AND coalesce(max(rank), 0) = count(*) FROM %s", t);
		break;
	case LQ_PLACES:
		add(q, "SELECT CASE WHEN count(*) = 0 OR (min(o.pos) = 0 AND max(o.pos) = count(*) - 1) "
		    "THEN count(*) ELSE -1 END FROM la_order o JOIN %s c ON c.%s = o.id", t, id);
		break;
	case LQ_REORDER_PLACES:
		/* The same ranks as LQ_REORDER, without sorting the list: an
		 * item at place p has rank p + 1, and the others follow in
		 * the order of the index on rank. */
		add(q, "UPDATE %s SET rank = r.new_rank, updatedCount = updatedCount + 1, "
		    "updated = ?2, updated_associate_id = ?1 FROM (SELECT o.id AS id, "
		    "o.pos + 1 AS new_rank FROM la_order o JOIN %s c ON c.%s = o.id "
		    "WHERE c.rank <> o.pos + 1 UNION ALL SELECT id, new_rank FROM (SELECT "
		    "c.%s AS id, c.rank AS old_rank, ?3 + row_number() OVER (ORDER BY c.rank, "
		    "c.%s) AS new_rank FROM %s c WHERE NOT EXISTS (SELECT 1 FROM la_order o "
		    "WHERE o.id = c.%s)) AS k WHERE old_rank <> new_rank) AS r WHERE r.id = %s.%s",
		    t, t, id, id, id, t, id, t, id);
		break;
	case LQ_IN_ORDER:
		add(q, "SELECT %s FROM %s ORDER BY rank, %s", id, t, id);
		break;
	case LQ_RANK_AFTER:
		add(q, "UPDATE %s SET rank = ?3, updatedCount = updatedCount + 1, updated = ?2, "
		    "updated_associate_id = ?1 WHERE %s = ?4 AND rank <> ?3", t, id);
		break;
	case LQ_REORDERS:
		/* The items in their present order, each with its place in
		 * la_order (NULL: none), a walk of the index on rank. */
		add(q, "SELECT o.pos FROM %s c LEFT JOIN la_order o ON o.id = c.%s "
		    "ORDER BY c.rank, c.%s", t, id, id);
		break;
	case LQ_DEFAULT:
		add(q, "SELECT %s FROM %s WHERE %s = 1 AND coalesce(deleted, 0) = 0 LIMIT 1", id, t, dcol);
		break;
	case LQ_CLEAR_DEFAULT:
		add(q, "UPDATE %s SET %s = 0, updatedCount = updatedCount + 1, updated = " NOW
		    ", updated_associate_id = ?2 WHERE %s = 1 AND %s <> ?1", t, dcol, dcol, id);
		break;
	case LQ_SET_DEFAULT:
		add(q, "UPDATE %s SET %s = 1, updatedCount = updatedCount + 1, updated = " NOW
		    ", updated_associate_id = ?2 WHERE %s = ?1 AND %s = 0", t, dcol, id, dcol);
		break;
	case LQ_TWINS:
		add(q, "SELECT group_concat(quote(name), ' = ') FROM "
		    "(SELECT name, coalesce(la_name_key, la_fold(name)) AS k FROM %s ORDER BY %s) AS n "
		    "GROUP BY k HAVING count(*) > 1", t, id);
		break;
	case LQ_NAME_KEYS:
		add(q, "SELECT la_name_key FROM %s UNION ALL SELECT key FROM la_name_lang "
		    "WHERE tbl = '%s'", t, t);
		break;
	case LQ_NAMES:
		add(q, "SELECT %s, name FROM %s WHERE name IS NOT NULL ORDER BY %s", id, t, id);
		break;
	case LQ_PAGE_AFTER:
	case LQ_PAGE_BEFORE:
	case LQ_PAGE_NULL_AFTER:
	case LQ_PAGE_NULL_BEFORE:
		select_columns(q, d);
		add(q, "WHERE " VISIBLE " AND " FILTER " AND ");
		if (which == LQ_PAGE_AFTER)
			add(q, "t.rank >= " RANK " AND (t.rank > " RANK " OR t.%s > ?3) "
			    "ORDER BY t.rank, t.%s", id, id);
		else if (which == LQ_PAGE_BEFORE)
			add(q, "t.rank <= " RANK " AND (t.rank < " RANK " OR t.%s < ?3) "
			    "ORDER BY t.rank DESC, t.%s DESC", id, id);
		else
			add(q, "t.rank IS NULL AND t.%s %s ?3 ORDER BY t.%s %s", id,
			    which == LQ_PAGE_NULL_AFTER ? ">" : "<", id,
			    which == LQ_PAGE_NULL_AFTER ? "ASC" : "DESC");
		add(q, " LIMIT ?4");
		break;
	case LQ_POSITION:
		/* Before a key: the items without a rank first (they sort
		 * first), then by rank and id. */
		add(q, "SELECT count(*) FROM %s t WHERE " VISIBLE " AND " FILTER " AND " BEFORE,
		    t, id, id);
		break;
	case LQ_COUNT_POSITION:
		add(q, "SELECT coalesce(sum(CASE WHEN " BEFORE " THEN 1 ELSE 0 END), 0), count(*) "
		    "FROM %s t WHERE " VISIBLE
		    " AND " FILTER, id, id, t);
		break;
	case LQ_RANK:
		add(q, "SELECT rank FROM %s WHERE %s = ?1", t, id);
		break;
	case LQ_COUNT_ALL:
		/* All rows less the deleted ones: a count(*) without a
		 * condition counts the entries of the smallest index, without
		 * reading a row; the deleted ones are few, read through an
		 * index on them where the table has one. */
		add(q, "SELECT (SELECT count(*) FROM %s) - CASE WHEN ?1 THEN 0 ELSE "
		    "(SELECT count(*) FROM %s WHERE coalesce(deleted, 0) <> 0) END", t, t);
		break;
	case LQ_COUNT:
		break;
	}
}

const char *lists_sql(enum la_list list, enum lists_query q)
{
	/* Made once and kept: db_stmt caches statements by the text's address. */
	static char sql[LIST_COUNT][LQ_COUNT][SQL_MAX];

	if (!sql[list][q][0])
		build(sql[list][q], lists_def(list), q);
	return sql[list][q][0] ? sql[list][q] : NULL;
}

/* ---- names in several languages */

const char *lists_shown(const char *name, char *buf, size_t len)
{
	return mlname_shown(name, i18n_language(), buf, len);
}

char *lists_shown_visible(const char *name)
{
	char b[LISTS_SHOWN_MAX];

	return text_visible(lists_shown(name, b, sizeof b));
}

bool lists_name_multilang(const char *name)
{
	return mlname_is(name);
}

const char *lists_language_code(const char *lang)
{
	return mlname_code(lang);
}

const char *lists_language_name(const char *code)
{
	const char *lang = mlname_lang(code);

	/* Each language by its own name, as a language menu shows it. */
	if (lang && strcmp(lang, "en") == 0)
		return "English";
	if (lang && strcmp(lang, "de") == 0)
		return "Deutsch";
	return code;
}

enum la_status lists_name_set_code(char **name, const char *code, const char *value,
				   struct la_err *err)
{
	if (mlname_set(name, code, value, strcmp(code, "US") == 0 ? "GE" : "US"))
		return LA_OK;
	return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
		       _("A name in several languages cannot hold a double quote (\"): '%s'"),
		       value && strchr(value, '"') ? value : *name);
}

char *lists_name_value(const char *name, const char *code)
{
	struct mlname ml;
	int i;
	char *v;

	if (!mlname_parse(name, &ml))
		return la_strdup(name);
	if ((i = mlname_find(&ml, code)) < 0)
		return la_strdup("");
	if (!(v = strndup(ml.v[i].value, ml.v[i].len)))
		abort();
	return v;
}

size_t lists_name_codes(const char *name, char codes[][3], size_t max)
{
	struct mlname ml;
	size_t n = 0;

	if (!mlname_parse(name, &ml))
		return 0;
	for (size_t i = 0; i < ml.n && n < max; i++)
		memcpy(codes[n++], ml.v[i].code, 3);
	return n;
}

enum la_status lists_multilang(struct db *db, enum la_list list, bool *yes,
			       struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM la_name_lang WHERE tbl = ?1)", err);
	int rc;

	*yes = false;
	if (!st)
		return LA_DB;
	db_bind_text(st, 1, lists_table(list));
	rc = db_step(st);
	if (rc == DB_ROW)
		*yes = db_col_int(st, 0) != 0;
	db_reset(st);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, lists_table(list));
}

/* ---- items */

void lists_item_init(struct la_item *item, enum la_list list)
{
	const struct la_listdef *d = lists_def(list);

	memset(item, 0, sizeof(*item));
	item->list = list;
	item->name = la_strdup("");
	item->tooltip = la_strdup("");
	for (size_t i = 0; i < d->nfields; i++)
		if (own_field(&d->fields[i]))
			lists_field_set_int(&d->fields[i], item, d->fields[i].initial);
}

void lists_item_clear(struct la_item *item)
{
	free(item->name);
	free(item->tooltip);
	item->name = item->tooltip = NULL;
}

void lists_item_copy(struct la_item *dst, const struct la_item *src)
{
	*dst = *src;
	dst->name = la_strdup(src->name);
	dst->tooltip = la_strdup(src->tooltip);
}

void lists_items_free(struct la_items *items)
{
	for (size_t i = 0; i < items->n; i++)
		lists_item_clear(&items->v[i]);
	free(items->v);
	items->v = NULL;
	items->n = 0;
}

void lists_items_shown(struct la_items *items)
{
	for (size_t i = 0; i < items->n; i++) {
		char b[LISTS_SHOWN_MAX];
		const char *shown = lists_shown(items->v[i].name, b, sizeof b);

		if (shown != items->v[i].name) {
			char *d = la_strdup(shown);

			free(items->v[i].name);
			items->v[i].name = d;
		}
	}
}

bool lists_item_same(const struct la_item *a, const struct la_item *b)
{
	const struct la_listdef *d = lists_def(a->list);

	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (f->kind == LF_TEXT &&
		    strcmp(lists_field_cstr(f, a), lists_field_cstr(f, b)) != 0)
			return false;
		if (own_field(f) && lists_field_int(f, a) != lists_field_int(f, b))
			return false;
	}
	return true;
}

void lists_read_row(struct db_stmt *st, const struct la_listdef *d, struct la_item *it)
{
	const char *reg = db_col_text(st, 6);
	const char *upd = db_col_text(st, 7);
	int col = 8;

	memset(it, 0, sizeof(*it));
	it->list = d->list;
	it->id = db_col_int64(st, 0);
	it->name = la_strdup(db_col_text(st, 1));
	it->rank = db_col_int(st, 2);
	it->tooltip = la_strdup(db_col_text(st, 3));
	it->deleted = db_col_int(st, 4) != 0;
	it->updated_count = db_col_int64(st, 5);
	snprintf(it->registered, sizeof(it->registered), "%s", reg ? reg : "");
	snprintf(it->updated, sizeof(it->updated), "%s", upd ? upd : "");
	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];
		long v;

		if (!own_field(f) && f->kind != LF_COUNT)
			continue;
		v = (long)db_col_int64(st, col++);
		/* A stored value outside the choices reads as the first one
		 * (Unknown), as a legacy row's would. */
		if (f->kind == LF_CHOICE && !lists_choice_by_value(f, (int)v))
			v = f->choices[0].value;
		lists_field_set_int(f, it, v);
	}
}

static enum la_status load(struct db *db, enum la_list list, enum lists_query q,
			   int64_t arg, struct la_items *out, struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	struct db_stmt *st = db_stmt(db, lists_sql(list, q), err);
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, arg);
	while ((rc = db_step(st)) == DB_ROW) {
		LA_RESERVE(out->v, out->n, cap, 16);
		lists_read_row(st, d, &out->v[out->n++]);
	}
	if (rc != DB_DONE) {
		enum la_status s = db_fail(db, err, d->table);

		db_reset(st);
		lists_items_free(out);
		return s;
	}
	db_reset(st);
	return LA_OK;
}

enum la_status lists_load(struct db *db, enum la_list list, bool with_deleted,
			  struct la_items *out, struct la_err *err)
{
	return load(db, list, LQ_LOAD, with_deleted, out, err);
}

enum la_status lists_each(struct db *db, enum la_list list, bool with_deleted,
			  bool (*fn)(const struct la_item *it, void *arg), void *arg,
			  struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_LOAD), err);
	enum la_status s = LA_OK;
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, with_deleted);
	while ((rc = db_step(st)) == DB_ROW) {
		struct la_item it;
		bool more;

		lists_read_row(st, d, &it);
		more = fn(&it, arg);
		lists_item_clear(&it);
		if (!more)
			break;
	}
	if (rc != DB_ROW && rc != DB_DONE)
		s = db_fail(db, err, d->table);
	db_reset(st);
	return s;
}

/* The extremes of the ids and ranks (deleted items included), each a
 * look-up at an end of the primary key or of the index on rank. */
static const char *range_sql(const struct la_listdef *d)
{
	static char sql[LIST_COUNT][SQL_MAX];
	char *q = sql[d->list];

	if (!q[0])
		add(q, "SELECT (SELECT min(%s) FROM %s), (SELECT max(%s) FROM %s), "
		    "(SELECT min(rank) FROM %s), (SELECT max(rank) FROM %s)",
		    d->id_column, d->table, d->id_column, d->table, d->table, d->table);
	return q;
}

enum la_status lists_range(struct db *db, enum la_list list, struct lists_range *r,
			   struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	struct db_stmt *st = db_stmt(db, range_sql(d), err);
	int rc;

	memset(r, 0, sizeof(*r));
	if (!st)
		return LA_DB;
	rc = db_step(st);
	if (rc == DB_ROW) {
		/* Read as lists_read_row reads an item's id and rank. */
		r->id_lo = db_col_int64(st, 0);
		r->id_hi = db_col_int64(st, 1);
		r->rank_lo = db_col_int(st, 2);
		r->rank_hi = db_col_int(st, 3);
	}
	db_reset(st);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, d->table);
}

enum la_status lists_get(struct db *db, enum la_list list, int64_t id,
			 struct la_item *out, struct la_err *err)
{
	struct la_items items = { NULL, 0 };
	enum la_status st = id > 0 ? load(db, list, LQ_GET, id, &items, err) : LA_OK;

	if (st != LA_OK)
		return st;
	if (items.n == 0)
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			       _("%s: there is no item with id %lld"), lists_title(list),
			       (long long)id);
	*out = items.v[0];
	free(items.v);
	return LA_OK;
}

/* The first item of a plain name value or, when there is none, of a
 * multi-language name's value in language code (any when NULL): both
 * parts of LQ_NAME, one statement. */
static enum la_status name_query(struct db *db, enum la_list list, const char *value,
				 size_t len, const char *code, int64_t except, int64_t *id,
				 bool *deleted, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_NAME), err);
	int64_t best_gone = 0, lang_id = 0, lang_gone = 0;
	int best_exact = 0, rc;
	char *key;

	*id = 0;
	if (deleted)
		*deleted = false;
	if (!st)
		return LA_DB;
	key = text_fold_trimmed(value, len);
	db_bind_textn(st, 1, value, len);
	db_bind_int64(st, 2, except);
	db_bind_text(st, 3, key);
	if (code)
		db_bind_text(st, 4, code);
	else
		db_bind_null(st, 4);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t row = db_col_int64(st, 0);
		int64_t gone = db_col_null(st, 1) ? INT64_MIN
			       : db_col_int64(st, 1);

		if (db_col_int(st, 3) == 0) {
			/* As ORDER BY name = trim(?1) DESC, deleted, id would
			 * sort them (NULL below 0): the item of that very
			 * spelling first, then one not deleted, then the
			 * oldest. */
			int exact = db_col_null(st, 2) ? -1
				    : db_col_int(st, 2) != 0;

			if (!*id || exact > best_exact ||
			    (exact == best_exact && (gone < best_gone ||
						     (gone == best_gone && row < *id)))) {
				*id = row;
				best_gone = gone;
				best_exact = exact;
			}
		} else if (!lang_id || gone < lang_gone || (gone == lang_gone && row < lang_id)) {
			/* Not a plain name: a value of a multi-language one.
			 * As ORDER BY deleted, id would sort them (NULL below
			 * 0): one not deleted first, then the oldest. */
			lang_id = row;
			lang_gone = gone;
		}
	}
	if (rc != DB_DONE) {
		enum la_status s = db_fail(db, err, lists_table(list));

		*id = 0;
		db_reset(st);
		free(key);
		return s;
	}
	if (!*id) {
		*id = lang_id;
		best_gone = lang_gone;
	}
	if (*id && deleted)
		*deleted = best_gone != 0 && best_gone != INT64_MIN;
	/* The key stays bound until the reset. */
	db_reset(st);
	free(key);
	return LA_OK;
}

/* lists_name_taken, and which value of a multi-language name is taken:
 * *which is its index (-1: the whole text, or a plain name). */
static enum la_status name_taken(struct db *db, enum la_list list, const char *name,
				 int64_t except, int64_t *id, bool *deleted,
				 struct mlname *ml, int *which, struct la_err *err)
{
	enum la_status rc = name_query(db, list, name, strlen(name), NULL, except, id,
				       deleted, err);

	*which = -1;
	/* A multi-language name: the whole text (as stored), then each
	 * value against its own language (rule 2 per language). */
	if (rc != LA_OK || *id || !mlname_parse(name, ml))
		return rc;
	for (size_t i = 0; i < ml->n && rc == LA_OK && !*id; i++) {
		rc = name_query(db, list, ml->v[i].value, ml->v[i].len, ml->v[i].code, except,
				id, deleted, err);
		*which = (int)i;
	}
	if (!*id)
		*which = -1;
	return rc;
}

enum la_status lists_name_taken(struct db *db, enum la_list list, const char *name,
				int64_t except, int64_t *id, bool *deleted,
				struct la_err *err)
{
	struct mlname ml;
	int which;

	return name_taken(db, list, name, except, id, deleted, &ml, &which, err);
}

enum la_status lists_name_keys(struct db *db, enum la_list list,
			       void (*fn)(const char *key, void *arg), void *arg,
			       bool *complete, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_NAME_KEYS), err);
	int rc;

	*complete = true;
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_null(st, 0))
			*complete = false;
		else
			fn(db_col_text(st, 0), arg);
	}
	db_reset(st);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, lists_table(list));
}

/* One value of a name for lists_twins: a plain name (code "") or one
 * language's value of a multi-language name. */
struct twin_value {
	int64_t id;
	const char *name;  /* the item's name as stored (in names[]) */
	char code[3];      /* "" for a plain name */
	char *key;         /* text_fold of the value */
	char *whole;       /* text_fold of the whole name */
	const char *value; /* into name */
	size_t len;
};

static int twin_value_order(const void *a, const void *b)
{
	const struct twin_value *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	c = strcmp(x->code, y->code);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* name quoted as SQL's quote() does: 'it''s'. */
static void add_quoted(struct jbuf *b, const char *s, size_t len)
{
	jbuf_add(b, "'");
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'')
			jbuf_add(b, "'");
		jbuf_addn(b, s + i, 1);
	}
	jbuf_add(b, "'");
}

/* The values of run[0..n) (one folded key) that are one name in language
 * code: that code's values and the plain names. Added to b when they are
 * two items or more and not all one whole name (LQ_TWINS names those). */
static void twins_in_language(struct jbuf *b, const struct twin_value *run, size_t n,
			      const char *code)
{
	const struct twin_value *first = NULL, *shown = NULL;
	bool other_item = false, other_whole = false;
	int64_t last = 0;

	for (size_t i = 0; i < n; i++) {
		const struct twin_value *v = &run[i];

		if (v->code[0] && strcmp(v->code, code) != 0)
			continue;
		if (!first)
			first = v;
		other_item |= v->id != first->id;
		other_whole |= strcmp(v->whole, first->whole) != 0;
		if (!shown && v->code[0])
			shown = v;
	}
	if (!first || !other_item || !other_whole || !shown)
		return;
	if (b->len)
		jbuf_add(b, ", ");
	for (size_t i = 0, k = 0; i < n; i++) {
		const struct twin_value *v = &run[i];

		if ((v->code[0] && strcmp(v->code, code) != 0) || (k && v->id == last))
			continue;
		if (k++)
			jbuf_add(b, " = ");
		add_quoted(b, v->name, strlen(v->name));
		last = v->id;
	}
	jbuf_addf(b, " (%s: ", code);
	add_quoted(b, shown->value, shown->len);
	jbuf_add(b, ")");
}

/* The clashes of multi-language names in one language, added to b. */
static enum la_status twins_per_language(struct db *db, enum la_list list, struct jbuf *b,
					 struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_NAMES), err);
	struct twin_value *v = NULL;
	char **names = NULL;
	size_t n = 0, cap = 0, nn = 0, ncap = 0;
	bool any_ml = false;
	int rc;

	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *text = db_col_text(st, 1);
		struct mlname ml;
		size_t parts;

		if (!text)
			continue;
		if (nn == ncap && !(names = realloc(names, (ncap = ncap ? 2 * ncap : 16) * sizeof *names)))
			abort();
		if (!(names[nn] = strdup(text)))
			abort();
		text = names[nn++];
		parts = mlname_parse(text, &ml) ? ml.n : 1;
		any_ml |= ml.n > 0;
		for (size_t i = 0; i < parts; i++) {
			struct twin_value *t;
			char *value;

			if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 32) * sizeof *v)))
				abort();
			t = &v[n++];
			t->id = db_col_int64(st, 0);
			t->name = text;
			t->value = ml.n ? ml.v[i].value : text;
			t->len = ml.n ? ml.v[i].len : strlen(text);
			snprintf(t->code, sizeof t->code, "%s", ml.n ? ml.v[i].code : "");
			if (!(value = strndup(t->value, t->len)))
				abort();
			t->key = text_fold(value);
			t->whole = text_fold(text);
			free(value);
		}
	}
	db_reset(st);
	if (rc == DB_DONE && any_ml) {
		qsort(v, n, sizeof *v, twin_value_order);
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && strcmp(v[j].key, v[i].key) == 0; j++)
				;
			/* Each language of the run once (sorted by code). */
			for (size_t k = i; k < j; k++)
				if (v[k].code[0] && (k == i || strcmp(v[k].code, v[k - 1].code) != 0))
					twins_in_language(b, v + i, j - i, v[k].code);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].whole);
	}
	free(v);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, lists_table(list));
}

enum la_status lists_twins(struct db *db, enum la_list list, char **names,
			   struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_TWINS), err);
	struct jbuf b;
	int rc;

	*names = NULL;
	if (!st)
		return LA_DB;
	jbuf_init(&b);
	while ((rc = db_step(st)) == DB_ROW) {
		if (b.len)
			jbuf_add(&b, ", ");
		jbuf_add(&b, db_col_text(st, 0));
	}
	db_reset(st);
	if (rc != DB_DONE) {
		jbuf_free(&b);
		return db_fail(db, err, lists_table(list));
	}
	if (twins_per_language(db, list, &b, err) != LA_OK) {
		jbuf_free(&b);
		return LA_DB;
	}
	if (b.len)
		*names = jbuf_take(&b);
	jbuf_free(&b);
	return LA_OK;
}

/* A key that always means an id, whatever the names: "id:12". */
#define ID_PREFIX "id:"

/* The id a key of digits only stands for (at most 18 of them, so that it
 * fits), else 0: "+3", " 3" and "3a" are names. */
static int64_t key_id(const char *key)
{
	size_t n = strspn(key, "0123456789");

	if (n == 0 || n > 18 || key[n] != '\0')
		return 0;
	return (int64_t)strtoll(key, NULL, 10);
}

/* The item named (found by key): when two items have the name key (legacy
 * twins such as 'Kunde' and 'KUNDE') and key is neither exactly, neither
 * is taken. */
static enum la_status named_item(struct db *db, enum la_list list, const char *key,
				 int64_t named, struct la_item *out, struct la_err *err)
{
	char *exact = text_trim(key);
	int64_t twin = 0;
	enum la_status rc = lists_get(db, list, named, out, err);
	struct la_item other;

	if (rc != LA_OK) {
		free(exact);
		return rc;
	}
	if (strcmp(out->name, exact) != 0 &&
	    (rc = lists_name_taken(db, list, key, named, &twin, NULL, err)) == LA_OK && twin &&
	    (rc = lists_get(db, list, twin, &other, err)) == LA_OK) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
			     _("%s: '%s' names two items, '%s' (id %lld) and '%s' (id %lld); say which with its exact name, id:%lld or id:%lld"),
			     lists_title(list), exact, out->name, (long long)named, other.name,
			     (long long)twin, (long long)named, (long long)twin);
		lists_item_clear(&other);
	}
	if (rc != LA_OK)
		lists_item_clear(out);
	free(exact);
	return rc;
}

enum la_status lists_find(struct db *db, enum la_list list, const char *key,
			  struct la_item *out, struct la_err *err)
{
	int64_t id, named;
	enum la_status rc;

	if (strncmp(key, ID_PREFIX, strlen(ID_PREFIX)) == 0 &&
	    (id = key_id(key + strlen(ID_PREFIX))) > 0)
		return lists_get(db, list, id, out, err);
	if ((rc = lists_name_taken(db, list, key, 0, &named, NULL, err)) != LA_OK)
		return rc;
	id = key_id(key);
	if (named > 0 && id > 0 && id != named) {
		struct la_item other;

		/* A number that names one item and numbers another: either
		 * reading would surprise someone, so neither is taken. */
		rc = lists_get(db, list, id, &other, err);
		if (rc == LA_OK) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				     _("%s: '%s' is the name of one item (id %lld) and the id of another ('%s'); say which with id:%lld or id:%lld"),
				     lists_title(list), key, (long long)named, other.name,
				     (long long)named, (long long)id);
			lists_item_clear(&other);
			return rc;
		}
		if (rc != LA_NOT_FOUND)
			return rc;
	}
	if (named > 0)
		return named_item(db, list, key, named, out, err);
	if (id > 0) {
		rc = lists_get(db, list, id, out, err);
		if (rc != LA_NOT_FOUND)
			return rc;
	}
	return la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
		       _("%s: there is no item '%s'"), lists_title(list), key);
}

/* ---- rule 3 */

/* Rule 3 for a name in the multi-language notation (*t, trimmed): one
 * value per language, none empty; each value is trimmed (*t is replaced).
 * A plain name passes as it is. */
static enum la_status check_languages(char **t, struct la_err *err)
{
	struct mlname ml;
	char *out;

	if (!mlname_parse(*t, &ml))
		return LA_OK;
	for (size_t i = 0; i < ml.n; i++) {
		while (ml.v[i].len && strchr(" \t", ml.v[i].value[0])) {
			ml.v[i].value++;
			ml.v[i].len--;
		}
		while (ml.v[i].len && strchr(" \t", ml.v[i].value[ml.v[i].len - 1]))
			ml.v[i].len--;
		if (ml.v[i].len == 0)
			return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
				       _("The name in the language %s must not be empty"),
				       ml.v[i].code);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ml.v[j].code, ml.v[i].code) == 0)
				return la_fail(err, LA_REFUSED, LA_FIELD_NAME,
					       _("The name gives the language %s twice; give one name per language"),
					       ml.v[i].code);
	}
	out = mlname_format(&ml);
	free(*t);
	*t = out;
	return LA_OK;
}

/* What a refusal of check_text_as says it is about: translated only when
 * there is a refusal, as a save checks two texts. */
static const char *what(const char *label, const struct la_fielddef *f)
{
	if (label)
		return label;
	return f->id == LA_FIELD_NAME ? _("The name") : _("The description");
}

/* Rule 3 for text of field f; label (translated, or NULL: "The name" or
 * "The description") is what a refusal says it is about, and languages
 * says whether a name may be in the multi-language notation. */
static enum la_status check_text_as(const char *text, const struct la_fielddef *f,
				    const char *label, bool languages,
				    char **clean, struct la_err *err)
{
	char *t;
	size_t chars;

	*clean = NULL;
	if (!text_utf8_valid(text, strlen(text)))
		return la_fail(err, LA_REFUSED, f->id,
			       _("%s is not valid UTF-8 text"), what(label, f));
	t = text_trim(text);
	/* Names are stored in NFC: one spelling of what Unicode calls one. */
	if (f->id == LA_FIELD_NAME) {
		char *nfc = text_nfc(t);

		free(t);
		t = nfc;
	}
	if ((f->flags & LFF_REQUIRED) && !*t) {
		free(t);
		return la_fail(err, LA_REFUSED, f->id, _("%s must not be empty"), what(label, f));
	}
	if (f->id == LA_FIELD_NAME && languages) {
		enum la_status rc = check_languages(&t, err);

		if (rc != LA_OK) {
			free(t);
			return rc;
		}
	}
	if (text_has_control(t)) {
		free(t);
		return la_fail(err, LA_REFUSED, f->id,
			       _("%s must not contain control characters (such as tabs, line breaks or escape codes)"),
			       what(label, f));
	}
	/* A name that looks like another one must not pass as different. */
	if (f->id == LA_FIELD_NAME && text_has_invisible(t)) {
		free(t);
		return la_fail(err, LA_REFUSED, f->id,
			       _("%s must not contain invisible characters (such as zero-width spaces or direction marks)"),
			       what(label, f));
	}
	chars = text_chars(t);
	if (chars > (size_t)f->max_chars) {
		free(t);
		return la_fail(err, LA_REFUSED, f->id,
			       _("%s is too long: %zu characters, at most %zu"),
			       what(label, f), chars, (size_t)f->max_chars);
	}
	*clean = t;
	return LA_OK;
}

static enum la_status check_text(const char *text, const struct la_fielddef *f,
				 char **clean, struct la_err *err)
{
	return check_text_as(text, f, NULL, true, clean, err);
}

enum la_status lists_check_value(const char *text, const char *label, int max_chars,
				 char **clean, struct la_err *err)
{
	const struct la_fielddef value = {
		.id = LA_FIELD_NAME, .kind = LF_TEXT, .max_chars = max_chars,
		.flags = LFF_REQUIRED,
	};

	return check_text_as(text ? text : "", &value, label, false, clean, err);
}

enum la_status lists_check_name(enum la_list list, const char *name,
				char **clean, struct la_err *err)
{
	return check_text(name ? name : "", lists_field(list, LA_FIELD_NAME), clean, err);
}

enum la_status lists_check_tooltip(const char *tooltip, char **clean,
				   struct la_err *err)
{
	/* Every list's description has the same limit (DESIGN §1 tooltip). */
	static const struct la_fielddef description = {
		.id = LA_FIELD_DESCRIPTION, .kind = LF_TEXT, .max_chars = LISTS_TOOLTIP_MAX,
	};

	return check_text(tooltip ? tooltip : "", &description, clean, err);
}

/* ---- the rules' helpers shared by every list */

void lists_adjust(struct la_item *item, const struct la_item *before,
		  const char **note)
{
	const struct la_list_hooks *h = lists_def(item->list)->hooks;

	*note = NULL;
	if (h->adjust)
		h->adjust(item, before, note);
}

enum la_status lists_check_stated(struct db *db, const struct la_item *old,
				  struct la_item *item, struct la_err *err)
{
	const struct la_list_hooks *h = lists_def(item->list)->hooks;

	return h->check ? h->check(db, old, item, false, err) : LA_OK;
}

const char *lists_field_locked(const struct la_fielddef *f, const struct la_item *stored)
{
	/* Rule 8: the default moves when another item becomes it. */
	if ((f->flags & LFF_DEFAULT) && stored->id && lists_field_int(f, stored))
		return _(f->refusal);
	return NULL;
}

enum la_status lists_may_change(struct db *db, const struct la_actor *actor,
				enum la_list list, struct la_err *err)
{
	if (lists_def(list)->role == ROLE_GENERAL_ADMIN)
		return rights_check_general(db, actor, err);
	return rights_check_lists(db, actor, err);
}

enum la_status lists_begin(struct db *db, const struct la_actor *actor,
			   enum la_list list, struct la_err *err)
{
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	rc = lists_may_change(db, actor, list, err);
	/* Names another program changed have lost their keys (migrate-3.sql):
	 * a change of a list makes them again, as reading never writes. */
	if (rc == LA_OK)
		rc = schema_refresh_name_keys(db, err);
	/* One change of a list at a time: its checks (rule 2, the next
	 * rank) read what another change must not write meanwhile. Taken
	 * after the keys, which may write other lists. */
	if (rc == LA_OK)
		rc = db_lock_table(db, lists_table(list), err);
	if (rc != LA_OK)
		db_rollback(db);
	return rc;
}

enum la_status lists_end(struct db *db, enum la_status rc, struct la_err *err)
{
	if (rc == LA_OK)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

enum la_status lists_step(struct db *db, struct db_stmt *st, enum la_list list,
			  struct la_err *err)
{
	return db_step_done(db, st, lists_table(list), err);
}

void lists_bind_actor(struct db_stmt *st, int col, const struct la_actor *actor)
{
	if (actor->associate_id)
		db_bind_int64(st, col, actor->associate_id);
	else
		db_bind_null(st, col);
}

/* The item's fields for the audit log: name, description, rank, deleted,
 * then the list's own fields. */
char *lists_item_json(const struct la_item *it)
{
	const struct la_listdef *d = lists_def(it->list);
	struct jbuf b;
	char rank[24];

	jbuf_init(&b);
	jbuf_add(&b, "{\"name\":");
	jbuf_string(&b, it->name);
	jbuf_add(&b, ",\"description\":");
	jbuf_string(&b, it->tooltip);
	/* Piece by piece, no format to read: every change of a list writes
	 * one or two of these, an import one an item. */
	snprintf(rank, sizeof(rank), "%d", it->rank);
	jbuf_add(&b, ",\"rank\":");
	jbuf_add(&b, rank);
	jbuf_add(&b, it->deleted ? ",\"deleted\":true" : ",\"deleted\":false");
	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (f->kind != LF_CHOICE && f->kind != LF_BOOL)
			continue;
		jbuf_add(&b, ",\"");
		jbuf_add(&b, f->key);
		if (f->kind == LF_CHOICE) {
			jbuf_add(&b, "\":\"");
			jbuf_add(&b, lists_field_text(f, it, true, NULL, NULL, NULL, 0));
			jbuf_add(&b, "\"");
		} else {
			jbuf_add(&b, lists_field_int(f, it) ? "\":true" : "\":false");
		}
	}
	jbuf_add(&b, "}");
	return jbuf_take(&b);
}

enum la_status lists_audit_change(struct db *db, const struct la_actor *actor,
				  const struct la_item *old, const char *action,
				  struct la_err *err)
{
	struct la_item now;
	char *before, *after;
	enum la_status rc = lists_get(db, old->list, old->id, &now, err);

	if (rc != LA_OK)
		return rc;
	before = lists_item_json(old);
	after = lists_item_json(&now);
	rc = audit_write(db, actor, lists_table(old->list), old->id, action,
			 before, after, err);
	free(before);
	free(after);
	lists_item_clear(&now);
	return rc;
}

/* ---- save */

static enum la_status write_item(struct db *db, const struct la_actor *actor,
				 struct la_item *item, int rank, struct la_err *err)
{
	const struct la_listdef *d = lists_def(item->list);
	bool add_new = item->id == 0;
	struct db_stmt *st = db_stmt(db, lists_sql(item->list, add_new ? LQ_INSERT : LQ_UPDATE), err);
	enum la_status rc;
	int p = 5;
	char *key;

	if (!st)
		return LA_DB;
	/* Rule 2's key of the name, the same on every engine. */
	key = text_fold(item->name);
	db_bind_text(st, 1, item->name);
	db_bind_text(st, 2, item->tooltip);
	lists_bind_actor(st, 3, actor);
	if (add_new) {
		/* Twice a row: registered and updated. */
		db_bind_now(st, 4);
	} else {
		db_bind_int64(st, 4, item->id);
	}
	for (size_t i = 0; i < d->nfields; i++)
		if (written(&d->fields[i]))
			db_bind_int64(st, p++, lists_field_int(&d->fields[i], item));
	/* The rank given (see LQ_INSERT); a prepared statement keeps its
	 * bindings, so "none" is bound too. */
	if (add_new) {
		if (rank > 0)
			db_bind_int(st, p, rank);
		else
			db_bind_null(st, p);
		p++;
	}
	db_bind_text(st, p, key);
	rc = lists_step(db, st, item->list, err);
	if (rc != LA_OK) {
		free(key);
		return rc;
	}
	if (add_new)
		item->id = db_last_id(db);
	/* Rule 2's keys per language of a multi-language name (a new item
	 * with a plain name has none to write or remove). A new row has its
	 * name key from the insert. A rename that changes only the case
	 * keeps the key, which the schema's trigger takes for another
	 * program's rename: fill it again. */
	if (!add_new || mlname_is(item->name))
		rc = schema_name_lang_keys(db, d->table, item->id, item->name, err);
	if (rc == LA_OK && !add_new) {
		if ((st = db_stmt(db, lists_sql(item->list, LQ_REFILL_KEY), err))) {
			db_bind_int64(st, 1, item->id);
			db_bind_text(st, 2, key);
			rc = lists_step(db, st, item->list, err);
		} else {
			rc = LA_DB;
		}
	}
	free(key);
	return rc;
}

/* Rule 3 for the name, unless it is kept as stored: an old database may
 * hold names that rule 3 would refuse today, and editing such an item's
 * description must still be possible. */
static enum la_status clean_name(const struct la_item *old, struct la_item *item,
				 struct la_err *err)
{
	char *clean;

	if (old && strcmp(item->name, old->name) == 0)
		return LA_OK;
	if (lists_check_name(item->list, item->name, &clean, err) != LA_OK)
		return LA_REFUSED;
	free(item->name);
	item->name = clean;
	return LA_OK;
}

/* Rule 2 for a new name: not another item's, deleted ones included. A name
 * kept as stored is not checked, so that two legacy items whose names now
 * fold alike stay editable. */
static enum la_status check_unique(struct db *db, const struct la_item *old,
				   const struct la_item *item, struct la_err *err)
{
	int64_t other;
	bool deleted;
	enum la_status rc;
	struct mlname ml;
	int which;

	if (old && strcmp(item->name, old->name) == 0)
		return LA_OK;
	rc = name_taken(db, item->list, item->name, item->id, &other, &deleted, &ml, &which, err);
	if (rc != LA_OK || !other)
		return rc;
	{
		struct la_item twin;
		char b1[LISTS_SHOWN_MAX], b2[LISTS_SHOWN_MAX];
		const char *theirs;

		if ((rc = lists_get(db, item->list, other, &twin, err)) != LA_OK)
			return rc;
		theirs = lists_shown(twin.name, b2, sizeof b2);
		if (which >= 0) {
			/* One language's value: said with its language. */
			int len = (int)ml.v[which].len;

			snprintf(b1, sizeof b1, "%.*s", len, ml.v[which].value);
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME, deleted
				     ? _("The name '%s' (%s) is taken by the deleted item '%s' (id %lld) of this list; restore that item or choose another name")
				     : _("The name '%s' (%s) is already in this list: '%s' (id %lld) (names are compared without regard to case, in each language)"),
				     b1, lists_language_name(ml.v[which].code), theirs,
				     (long long)twin.id);
		} else {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME, deleted
				     ? _("The name '%s' is taken by the deleted item '%s' (id %lld) of this list; restore that item or choose another name")
				     : _("The name '%s' is already in this list: '%s' (id %lld) (names are compared without regard to case)"),
				     lists_shown(item->name, b1, sizeof b1), theirs,
				     (long long)twin.id);
		}
		lists_item_clear(&twin);
	}
	return rc;
}

/* A new item as written (its own fields are all written, see written):
 * what a read gives its audit row, with the rank the insert gave it. */
static enum la_status written_state(struct db *db, const struct la_item *item, int rank,
				    struct la_item *now, struct la_err *err)
{
	struct db_stmt *st;
	int rc;

	/* The rank the insert was given. */
	if (rank > 0) {
		lists_item_copy(now, item);
		now->rank = rank;
		now->deleted = false;
		now->updated_count = 0;
		return LA_OK;
	}
	if (!(st = db_stmt(db, lists_sql(item->list, LQ_RANK), err)))
		return LA_DB;
	db_bind_int64(st, 1, item->id);
	if ((rc = db_step(st)) != DB_ROW) {
		enum la_status s = rc == DB_DONE
				   ? la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
					     _("%s: there is no item with id %lld"),
					     lists_title(item->list), (long long)item->id)
				   : db_fail(db, err, lists_table(item->list));

		db_reset(st);
		return s;
	}
	lists_item_copy(now, item);
	now->rank = db_col_int(st, 0);
	now->deleted = false;
	now->updated_count = 0;
	db_reset(st);
	return LA_OK;
}

enum la_status lists_save(struct db *db, const struct la_actor *actor,
			  struct la_item *item, enum la_confirm confirm,
			  struct la_err *err)
{
	return lists_save_named(db, actor, item, NULL, 0, confirm, err);
}

enum la_status lists_save_named(struct db *db, const struct la_actor *actor,
				struct la_item *item, const char *free_name, int rank,
				enum la_confirm confirm, struct la_err *err)
{
	const struct la_list_hooks *h = lists_def(item->list)->hooks;
	struct la_item old, now;
	bool have_old = false, named;
	char *before = NULL, *after = NULL;
	char caution[sizeof(err->msg)] = "";
	enum la_status rc;
	struct la_err local;
	char *tooltip;

	if (!err)
		err = &local;
	la_err_clear(err);
	if (lists_check_tooltip(item->tooltip, &tooltip, err) != LA_OK)
		return LA_REFUSED;
	free(item->tooltip);
	item->tooltip = tooltip;
	if ((rc = lists_begin(db, actor, item->list, err)) != LA_OK)
		return rc;
	if (item->id) {
		if ((rc = lists_get(db, item->list, item->id, &old, err)) != LA_OK)
			goto out;
		have_old = true;
	}
	if ((rc = clean_name(have_old ? &old : NULL, item, err)) != LA_OK)
		goto out;
	if (have_old) {
		rc = LA_REFUSED;
		if (old.deleted) {
			la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				_("'%s' is deleted; restore it before changing it"), old.name);
			goto out;
		}
		if (old.updated_count != item->updated_count) {
			rc = la_fail(err, LA_STALE, LA_FIELD_NONE,
				     _("'%s' was changed by someone else since you opened it; nothing was saved. Here are the current values."),
				     old.name);
			goto out;
		}
	}
	if (h->check && (rc = h->check(db, have_old ? &old : NULL, item, true, err)) != LA_OK)
		goto out;
	/* Rule 2 once: the caller found this very name free. */
	named = !have_old && free_name && strcmp(item->name, free_name) == 0;
	if (!named && (rc = check_unique(db, have_old ? &old : NULL, item, err)) != LA_OK)
		goto out;
	if (have_old) {
		/* An edit that changes nothing saves nothing. */
		if (lists_item_same(&old, item)) {
			lists_item_clear(item);
			lists_item_copy(item, &old);
			goto out;
		}
		err->companies = old.companies;
		err->contacts = old.contacts;
		if (h->caution &&
		    (rc = h->caution(db, &old, item, caution, sizeof(caution), err)) != LA_OK)
			goto out;
		if (caution[0] && confirm != CONFIRM_YES) {
			rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE, "%s", caution);
			goto out;
		}
		before = lists_item_json(&old);
	}
	if ((rc = write_item(db, actor, item, have_old ? 0 : rank, err)) != LA_OK)
		goto out;
	err->msg[0] = '\0';
	err->companies = 0;
	err->contacts = 0;
	if (h->saved && (rc = h->saved(db, actor, have_old ? &old : NULL, item, err)) != LA_OK)
		goto out;
	if ((rc = named && !lists_flag_field(item->list, LFF_DEFAULT)
		   ? written_state(db, item, rank, &now, err)
		   : lists_get(db, item->list, item->id, &now, err)) != LA_OK)
		goto out;
	after = lists_item_json(&now);
	rc = audit_write(db, actor, lists_table(item->list), item->id,
			 have_old ? "edit" : "add", before, after, err);
	if (rc == LA_OK) {
		lists_item_clear(item);
		*item = now;
	} else {
		lists_item_clear(&now);
	}
out:
	rc = lists_end(db, rc, err);
	if (have_old)
		lists_item_clear(&old);
	free(before);
	free(after);
	return rc;
}

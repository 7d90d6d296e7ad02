#include "config.h"
#include "auditlog.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditvalue.h"
#include "i18n.h"
#include "lists.h"

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

/* What a row shows of its values (freed after the callback). */
struct shown {
	char *changes, *old_json, *new_json;
};

static void show_values(struct auditlog_row *r, bool json, struct shown *sh)
{
	r->changes = sh->changes = auditvalue_show(r->old_value, r->new_value,
						   json ? &sh->old_json : NULL,
						   json ? &sh->new_json : NULL);
	r->old_json = sh->old_json;
	r->new_json = sh->new_json;
}

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

static const char *text_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : text(st, i);
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

/* The value of an upper-case hex digit, as SQLite's hex() writes them. */
static int hex_digit(char c)
{
	return c <= '9' ? c - '0' : c - 'A' + 10;
}

/* Binds since (?1), list (?2) and limit (?3; -1: all) of q. */
static void bind_query(sqlite3_stmt *st, const struct auditlog_query *q)
{
	if (q->since)
		sqlite3_bind_text(st, 1, q->since, -1, SQLITE_STATIC);
	if (q->list)
		sqlite3_bind_text(st, 2, q->list, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, q->limit ? (sqlite3_int64)q->limit : -1);
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

enum la_status auditlog_widths(struct db *db, const struct auditlog_query *q,
			       struct auditlog_widths *w,
			       void (*each_list)(void *ctx, const char *list), void *ctx,
			       struct la_err *err)
{
	static char widths_sql[NFILTERS][2][2048];
	int f = (q->since ? BY_SINCE : 0) | (q->list ? BY_LIST : 0), lim = q->limit > 0;
	char rows[256];
	sqlite3_stmt *st;
	int rc;

	if (!widths_sql[f][lim][0]) {
		rows_of(rows, sizeof(rows), q, f);
		/* The item column shows the name, else "#id", else nothing. The
		 * lists come in the same aggregate, each in hex so that no list
		 * key (another program may write any) can hold the comma between
		 * them: a SELECT DISTINCT of its own would walk a whole index. */
		snprintf(widths_sql[f][lim], sizeof(widths_sql[f][lim]),
			 "SELECT max(la_width(at)), max(la_width(login)), "
			 "max(la_width(action)), max(la_width(CASE "
			 "WHEN coalesce(item, '') <> '' THEN item "
			 "WHEN CAST(item_id AS INTEGER) <> 0 THEN '#' || CAST(item_id AS INTEGER) "
			 "ELSE '' END)), group_concat(DISTINCT hex(list)) "
			 "FROM (SELECT a.at, a.login, a.action, a.item_id, a.list, %s AS item FROM %s a)",
			 item_name_sql(), rows);
	}
	memset(w, 0, sizeof(*w));
	if (!(st = db_stmt(db, widths_sql[f][lim], err)))
		return LA_DB;
	bind_query(st, q);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lists = (const char *)sqlite3_column_text(st, 4);

		w->at = sqlite3_column_int(st, 0);
		w->login = sqlite3_column_int(st, 1);
		w->action = sqlite3_column_int(st, 2);
		w->item = sqlite3_column_int(st, 3);
		while (lists && *lists) {
			size_t n = strcspn(lists, ",");
			char *list = malloc(n / 2 + 1);

			if (!list)
				abort();
			for (size_t i = 0; i + 1 < n; i += 2)
				list[i / 2] = (char)(hex_digit(lists[i]) << 4 | hex_digit(lists[i + 1]));
			list[n / 2] = '\0';
			each_list(ctx, list);
			free(list);
			lists += n + (lists[n] == ',');
		}
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "audit");
	return LA_OK;
}

enum la_status auditlog_each(struct db *db, const struct auditlog_query *q,
			     auditlog_fn *fn, void *ctx, struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, auditlog_sql(q), err);
	struct auditlog_row r;
	int rc;

	if (!st)
		return LA_DB;
	bind_query(st, q);
	memset(&r, 0, sizeof(r));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct shown sh = { NULL, NULL, NULL };
		bool go_on;

		r.id = sqlite3_column_int64(st, 0);
		r.at = text(st, 1);
		r.login = text(st, 2);
		r.list = text(st, 3);
		r.item_id = sqlite3_column_int64(st, 4);
		r.action = text(st, 5);
		r.item = text(st, 8);
		r.old_value = text_or_null(st, 6);
		r.new_value = text_or_null(st, 7);
		show_values(&r, q->json, &sh);
		go_on = fn(ctx, &r);
		free(sh.changes);
		free(sh.old_json);
		free(sh.new_json);
		if (!go_on) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		enum la_status s = db_fail(db, err, "audit");

		sqlite3_reset(st);
		return s;
	}
	sqlite3_reset(st);
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

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = realloc(c->rows, c->cap * sizeof(*c->rows));
		if (!c->rows)
			abort();
	}
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

/* The audit log read back: newest first, the item's current name, the
 * changed fields spelled out, filters by date and list, a limit. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "auditvalue.h"
#include "testutil.h"

static struct db *db;

static void setup(void)
{
	db = tu_db("en");
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
}

static void rename_item(enum la_list list, int64_t id, const char *name, bool lead_status)
{
	struct la_actor admin;
	struct la_item item;
	struct la_err err;

	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert(lists_get(db, list, id, &item, &err) == LA_OK);
	free(item.name);
	item.name = strdup(name);
	item.lead_status = lead_status;
	ck_assert_msg(lists_save(db, &admin, &item, CONFIRM_YES, &err) == LA_OK, "%s", err.msg);
	lists_item_clear(&item);
}

/* The changes auditvalue_changes shows for old and new are want. */
#define CHANGES_ARE(old, new, want)                                       \
	do {                                                              \
		char *c_ = auditvalue_changes(old, new);                  \
		ck_assert_str_eq(c_, want);                               \
		free(c_);                                                 \
	} while (0)

START_TEST(an_edit_shows_only_the_changed_fields_old_and_new)
{
	CHANGES_ARE("{\"name\":\"Lead\",\"description\":\"\",\"rank\":1,\"deleted\":false,\"lead_status\":true}",
		    "{\"name\":\"Leads\",\"description\":\"\",\"rank\":1,\"deleted\":false,\"lead_status\":false}",
		    "name: Lead \u2192 Leads; lead_status: true \u2192 false");
	CHANGES_ARE("{\"description\":\"\"}", "{\"description\":\"Warm\"}", "description: \"\" \u2192 Warm");
	CHANGES_ARE("{\"a\":1,\"gone\":[1,2]}", "{\"a\":1}", "gone: [1, 2] \u2192");
}
END_TEST

START_TEST(an_add_lists_the_fields_it_set_without_empty_ones)
{
	CHANGES_ARE(NULL, "{\"name\":\"Hot\",\"description\":\"\",\"rank\":7,\"default\":false}",
		    "name: Hot; rank: 7; default: false");
}
END_TEST

START_TEST(a_value_that_is_not_json_is_shown_as_it_is)
{
	CHANGES_ARE(NULL, "version 2", "version 2");
	CHANGES_ARE("{broken", "{\"x\":1}", "{broken \u2192 {\"x\":1}");
	CHANGES_ARE(NULL, NULL, "");
}
END_TEST

START_TEST(the_changes_read_alike_however_the_json_is_written)
{
	/* Each pair: what the program stores (read by the fast reading) and
	 * the same values written so that jansson reads them. */
	static const char *const same[][2] = {
		{ "{\"name\":\"A\",\"rank\":7,\"on\":true,\"x\":null,\"d\":\"\"}",
		  " { \"name\" : \"\\u0041\", \"rank\": 7.0, \"on\": true, \"x\": null, \"d\": \"\" } " },
		{ "{\"t\":\"tab\\tq\\\"\\\\/\"}", "{\"t\":\"tab\\u0009q\\u0022\\u005c\\u002f\"}" },
		{ "{\"n\":-0,\"m\":123456789012345}", "{\"n\":0e0,\"m\":123456789012345.0}" },
		{ "{\"s\":\"\xc3\x96" "ffentlich\"}", "{\"s\":\"\\u00d6ffentlich\"}" },
		{ "{\"k\\n\xc3\xa9\":\"a\\\"\xe2\x86\x92\\tb\",\"x\":\"\xef\xbf\xbd\"}",
		  "{\"k\\u000a\\u00e9\":\"a\\u0022\\u2192\\u0009b\",\"x\":\"\\ufffd\"}" },
	};
	char *a, *b;

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		a = auditvalue_changes(NULL, same[i][0]);
		b = auditvalue_changes(NULL, same[i][1]);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
		a = auditvalue_changes("{\"name\":\"B\"}", same[i][0]);
		b = auditvalue_changes("{\"name\":\"B\"}", same[i][1]);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
	CHANGES_ARE(NULL, "{\"name\":\"A\",\"rank\":7,\"on\":true,\"x\":null,\"d\":\"\"}",
		    "name: A; rank: 7; on: true");
	/* Not an object as jansson reads it: shown as stored. */
	CHANGES_ARE(NULL, "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}");
	CHANGES_ARE(NULL, "{\"a\":\"\xff\"}", "{\"a\":\"\xff\"}");
	/* A bad byte after an escape, in a key, cut short at the end. */
	CHANGES_ARE(NULL, "{\"a\":\"x\\n\xff\"}", "{\"a\":\"x\\n\xff\"}");
	CHANGES_ARE(NULL, "{\"\xc3\":1}", "{\"\xc3\":1}");
	CHANGES_ARE(NULL, "{\"a\":\"\xe2\x86", "{\"a\":\"\xe2\x86");
	CHANGES_ARE(NULL, "{\"a\":01}", "{\"a\":01}");
	CHANGES_ARE(NULL, "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\ttab\"}");
	CHANGES_ARE(NULL, "{\"n\":1234567890123456}", "n: 1.23457e+15");
}
END_TEST

START_TEST(a_stored_value_is_written_as_json_alike_however_it_is_read)
{
	static const char *const same[][2] = {
		{ " { \"a\" : \"tab\\tq\", \"n\": -0, \"t\": true, \"z\": null, \"e\": \"\" } ",
		  "{\"a\":\"tab\\u0009q\",\"n\":0,\"t\":true,\"z\":null,\"e\":\"\"}" },
		{ "{\"c1\":\"\xc2\x85\",\"bidi\":\"\xe2\x80\xae\",\"esc\":\"\\b\"}",
		  "{\"c1\":\"\\u0085\",\"bidi\":\"\\u202e\",\"esc\":\"\\u0008\"}" },
		{ "{}", "{ }" },
	};
	struct jbuf a, b;

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		jbuf_init(&a);
		jbuf_init(&b);
		auditvalue_json(&a, same[i][0]);
		auditvalue_json(&b, same[i][1]);
		ck_assert_str_eq(a.s, b.s);
		jbuf_free(&a);
		jbuf_free(&b);
	}
	jbuf_init(&a);
	auditvalue_json(&a, "{\"name\":\"Lead\",\"rank\":1,\"on\":false}");
	ck_assert_str_eq(a.s, "{\"name\":\"Lead\",\"rank\":1,\"on\":false}");
	jbuf_free(&a);
	jbuf_init(&a);
	auditvalue_json(&a, "{\"a\":1,\"a\":2}");
	ck_assert_str_eq(a.s, "\"{\\\"a\\\":1,\\\"a\\\":2}\"");
	jbuf_free(&a);
	jbuf_init(&a);
	auditvalue_json(&a, NULL);
	ck_assert_str_eq(a.s, "null");
	jbuf_free(&a);
}
END_TEST

START_TEST(an_object_of_many_keys_is_compared_key_by_key)
{
	struct jbuf o, n;
	char *c;

	jbuf_init(&o);
	jbuf_init(&n);
	jbuf_add(&o, "{");
	jbuf_add(&n, "{");
	for (int i = 0; i < 20000; i++) {
		jbuf_addf(&o, "%s\"k%d\":%d", i ? "," : "", i, i);
		jbuf_addf(&n, "%s\"k%d\":%d", i ? "," : "", 19999 - i, i == 3 ? -1 : 19999 - i);
	}
	jbuf_add(&o, "}");
	jbuf_add(&n, ",\"new\":1}");
	c = auditvalue_changes(o.s, n.s);
	ck_assert_str_eq(c, "k19996: 19996 \u2192 -1; new:  \u2192 1");
	free(c);
	jbuf_add(&n, "x");
	c = auditvalue_changes(o.s, n.s);
	ck_assert_int_eq((int)strlen(c), (int)(o.len + n.len + strlen(" \u2192 ")));
	free(c);
	jbuf_free(&o);
	jbuf_free(&n);
}
END_TEST

/* A long value, and one that the fast reading gives up on after reading
 * much of it (a \u escape): both read as any other. */
START_TEST(a_long_value_is_compared_as_a_short_one)
{
	char a[700], o[800], n[800];
	char *c, *want;

	memset(a, 'a', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	snprintf(o, sizeof(o), "{\"name\":\"%s\",\"n\":\"\\u00e9\"}", a);
	snprintf(n, sizeof(n), "{\"name\":\"%sb\",\"n\":\"\xc3\xa9\"}", a);
	c = auditvalue_changes(o, n);
	ck_assert_int_ge(asprintf(&want, "name: %s \u2192 %sb", a, a), 0);
	ck_assert_str_eq(c, want);
	free(c);
	free(want);
	snprintf(o, sizeof(o), "{\"name\":\"%s\",\"rank\":1}", a);
	c = auditvalue_changes(o, "{\"rank\":2}");
	ck_assert_int_ge(asprintf(&want, "rank: 1 \u2192 2; name: %s \u2192", a), 0);
	ck_assert_str_eq(c, want);
	free(c);
	free(want);
}
END_TEST

START_TEST(rows_come_newest_first_with_the_current_name)
{
	struct auditlog_row *rows;
	struct la_err err;
	size_t n;
	int64_t id = tu_category(db, "Warm", GROUP_POTENTIAL_CUSTOMER, true);

	rename_item(LIST_CATEGORY, id, "Warmer", false);
	la_err_clear(&err);
	ck_assert(auditlog_load(db, NULL, NULL, 0, &rows, &n, &err) == LA_OK);
	ck_assert_uint_ge(n, 2);
	ck_assert_str_eq(rows[0].action, "edit");
	ck_assert_str_eq(rows[0].list, "category");
	ck_assert(rows[0].item_id == id);
	ck_assert_str_eq(rows[0].item, "Warmer");
	ck_assert_str_eq(rows[0].changes, "name: Warm \u2192 Warmer; lead_status: true \u2192 false");
	ck_assert_str_eq(rows[1].action, "add");
	ck_assert_str_eq(rows[1].item, "Warmer"); /* the name it has now */
	ck_assert_ptr_null(rows[1].old_value);
	ck_assert_ptr_nonnull(rows[0].login);
	ck_assert_int_eq((int)strlen(rows[0].at), 19);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(strcmp(rows[i - 1].at, rows[i].at) > 0 ||
			      (strcmp(rows[i - 1].at, rows[i].at) == 0 && rows[i - 1].id > rows[i].id),
			      "row %zu is not older than row %zu", i, i - 1);
	auditlog_free(rows, n);
}
END_TEST

START_TEST(an_item_that_is_gone_has_no_name)
{
	struct auditlog_row *rows;
	struct la_err err;
	size_t n;

	tu_exec(db, "INSERT INTO audit (login, list, item_id, action, new_value) "
		"VALUES ('x', 'category', 9999, 'add', '{\"name\":\"Ghost\"}')");
	la_err_clear(&err);
	ck_assert(auditlog_load(db, NULL, NULL, 1, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].item, "");
	ck_assert(rows[0].item_id == 9999);
	ck_assert_str_eq(rows[0].changes, "name: Ghost");
	auditlog_free(rows, n);
}
END_TEST

START_TEST(since_list_and_limit_narrow_the_rows)
{
	struct auditlog_row *rows;
	struct la_err err;
	size_t n;

	tu_exec(db, "DELETE FROM audit;"
		"INSERT INTO audit (at, login, list, item_id, action) VALUES "
		"('2026-01-01 10:00:00', 'a', 'category', 1, 'add'),"
		"('2026-02-01 10:00:00', 'b', 'leadstatus', 1, 'edit'),"
		"('2026-03-01 10:00:00', 'c', 'category', 2, 'delete'),"
		"('2026-03-01 10:00:00', 'd', 'associate', 1, 'set-role')");
	la_err_clear(&err);
	ck_assert(auditlog_load(db, "2026-02-01 10:00:00", NULL, 0, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(rows[0].login, "d"); /* same time: the later row first */
	ck_assert_str_eq(rows[2].login, "b");
	auditlog_free(rows, n);
	ck_assert(auditlog_load(db, NULL, "category", 0, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].login, "c");
	ck_assert_str_eq(rows[1].login, "a");
	auditlog_free(rows, n);
	ck_assert(auditlog_load(db, "2026-02-02 00:00:00", "category", 0, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 1);
	auditlog_free(rows, n);
	ck_assert(auditlog_load(db, NULL, NULL, 2, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[1].login, "c");
	auditlog_free(rows, n);
	ck_assert(auditlog_load(db, "2027-01-01 00:00:00", NULL, 0, &rows, &n, &err) == LA_OK);
	ck_assert_uint_eq(n, 0);
	auditlog_free(rows, n);
}
END_TEST

/* The plan of the statement of q, its lines joined by "; ". */
static char *plan_of(const struct auditlog_query *q)
{
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", auditlog_sql(q));
	sqlite3_stmt *st = NULL;
	char *plan = calloc(1, 1);
	size_t len = 0;

	ck_assert_ptr_nonnull(sql);
	ck_assert_ptr_nonnull(plan);
	ck_assert_msg(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db_handle(db)));
	sqlite3_bind_text(st, 1, "2026-01-01 00:00:00", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "usergroup", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 3);
		size_t l = strlen(line);

		plan = realloc(plan, len + l + 3);
		ck_assert_ptr_nonnull(plan);
		memcpy(plan + len, line, l);
		memcpy(plan + len + l, "; ", 3);
		len += l + 2;
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return plan;
}

START_TEST(every_filter_reads_through_an_index_without_sorting)
{
	static const struct {
		const char *since, *list, *want;
	} cases[] = {
		{ NULL, NULL, "SCAN a USING INDEX audit_at; " },
		{ "x", NULL, "SEARCH a USING INDEX audit_at (at>?); " },
		{ NULL, "x", "SEARCH a USING INDEX audit_list_at (list=?); " },
		{ "x", "x", "SEARCH a USING INDEX audit_list_at (list=? AND at>?); " },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct auditlog_query q = { .since = cases[i].since, .list = cases[i].list };
		char *plan = plan_of(&q);

		/* The audit table is read only through the index, in its order. */
		ck_assert_msg(strncmp(plan, cases[i].want, strlen(cases[i].want)) == 0,
			      "case %zu: %s", i, plan);
		ck_assert_msg(strstr(plan, "TEMP B-TREE") == NULL, "case %zu sorts: %s", i, plan);
		ck_assert_msg(strstr(plan, "SCAN a;") == NULL && strstr(plan, "SCAN audit") == NULL,
			      "case %zu scans the table: %s", i, plan);
		free(plan);
	}
}
END_TEST

struct seen {
	size_t n, stop_at;
};

static bool count_row(void *ctx, const struct auditlog_row *r)
{
	struct seen *s = ctx;

	ck_assert_ptr_nonnull(r->new_value);
	return ++s->n != s->stop_at;
}

START_TEST(each_row_comes_to_the_callback_which_may_stop_the_reading)
{
	struct auditlog_query q = { 0 };
	struct seen s = { 0, 0 };
	struct la_err err;

	tu_exec(db, "DELETE FROM audit;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
		"INSERT INTO audit (login, list, item_id, action, old_value, new_value) "
		"SELECT 'a', 'category', i, 'edit', '{\"name\":\"A\"}', '{\"name\":\"B\"}' FROM n");
	la_err_clear(&err);
	ck_assert(auditlog_each(db, &q, count_row, &s, &err) == LA_OK);
	ck_assert_uint_eq(s.n, 50);
	s.n = 0;
	s.stop_at = 7;
	ck_assert(auditlog_each(db, &q, count_row, &s, &err) == LA_OK);
	ck_assert_uint_eq(s.n, 7);
	/* The statement is reset: the next reading starts again. */
	s.n = 0;
	s.stop_at = 0;
	q.limit = 20;
	ck_assert(auditlog_each(db, &q, count_row, &s, &err) == LA_OK);
	ck_assert_uint_eq(s.n, 20);
}
END_TEST

struct lists_seen {
	char names[8][32];
	int n;
};

static void note_list(void *ctx, const char *list)
{
	struct lists_seen *l = ctx;

	ck_assert_int_lt(l->n, 8);
	snprintf(l->names[l->n++], sizeof(l->names[0]), "%s", list);
}

static bool saw_list(const struct lists_seen *l, const char *list)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->names[i], list) == 0)
			return true;
	return false;
}

/* The widths that a table needs are the widest cells of exactly the rows
 * it will print, measured as the terminal shows them (a wide character
 * takes two columns, a combining one none). */
START_TEST(the_database_finds_the_widths_of_the_rows_a_table_prints)
{
	struct auditlog_query q = { 0 };
	struct auditlog_widths w;
	struct lists_seen l = { .n = 0 };
	struct la_err err;

	rename_item(LIST_CATEGORY, 1, "Caf\xc3\xa9 K\xc3\xb6ln", true);
	tu_exec(db, "DELETE FROM audit;"
		"INSERT INTO audit (at, login, list, item_id, action, new_value) VALUES "
		"('2026-01-01 10:00:00', 'anna', 'category', 1, 'add', '{}'),"
		"('2026-01-02 10:00:00', 'bj\xc3\xb6rn-longer-login', 'lead_status', 123456, 'delete', '{}'),"
		"('2026-01-03 10:00:00', 'c', 'category', 0, 'restore', '{}'),"
		"('2026-01-04 10:00:00', '\xe7\x94\xb0\xe4\xb8\xad', 'usergroup', 999, 'edit', '{}'),"
		"('2025-12-01 10:00:00', 'x', 'odd,list', 0, 'add', '{}');");
	la_err_clear(&err);
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.at, 19);
	ck_assert_int_eq(w.login, 18);             /* björn-longer-login */
	ck_assert_int_eq(w.action, 7);             /* restore */
	ck_assert_int_eq(w.item, 9);               /* Café Köln; #123456 is 7 */
	/* Another program may write any list key, a comma included. */
	ck_assert_int_eq(l.n, 4);
	ck_assert(saw_list(&l, "category") && saw_list(&l, "lead_status") &&
		  saw_list(&l, "usergroup") && saw_list(&l, "odd,list"));

	/* Only the newest row: the wide login (4 columns for 2 characters),
	 * and a user group that is gone shows "#999". */
	q.limit = 1;
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.login, 4);
	ck_assert_int_eq(w.action, 4);
	ck_assert_int_eq(w.item, 4);
	ck_assert_int_eq(l.n, 1);
	ck_assert_str_eq(l.names[0], "usergroup");

	/* A filter narrows the widths as it narrows the rows. */
	q.limit = 0;
	q.list = "category";
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.login, 4);              /* anna */
	ck_assert_int_eq(w.action, 7);
	ck_assert_int_eq(w.item, 9);
	ck_assert_int_eq(l.n, 1);

	/* No rows: nothing is wide. */
	q.list = NULL;
	q.since = "2027-01-01 00:00:00";
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.at + w.login + w.item + w.action, 0);
	ck_assert_int_eq(l.n, 0);
}
END_TEST

/* The item column's width counts every row's item: an id stored as text
 * or as a real shows as "#" and its integer part, and an item met after
 * very many others (each name is looked up once) still counts. */
START_TEST(the_item_widths_count_every_kind_of_id)
{
	struct auditlog_query q = { 0 };
	struct auditlog_widths w;
	struct lists_seen l = { .n = 0 };
	struct la_err err;

	tu_exec(db, "DELETE FROM audit;"
	     "INSERT INTO audit (at, login, list, item_id, action) VALUES "
	     "('2026-01-01 10:00:00', 'a', 'category', '7abc', 'edit'),"
	     "('2026-01-01 10:00:01', 'a', 'category', 'x', 'edit');");
	la_err_clear(&err);
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.item, 2);               /* #7 */
	tu_exec(db, "INSERT INTO audit (at, login, list, item_id, action) VALUES "
	     "('2026-01-01 10:00:02', 'a', 'category', 12345.5, 'edit');");
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.item, 6);               /* #12345 */
	tu_exec(db, "WITH RECURSIVE s(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM s WHERE i < 40999) "
	     "INSERT INTO audit (at, login, list, item_id, action) "
	     "SELECT '2026-01-02 10:00:00', 'a', 'usergroup', i, 'edit' FROM s;"
	     "INSERT INTO audit (at, login, list, item_id, action) VALUES "
	     "('2026-01-03 10:00:00', 'a', 'usergroup', 123456789, 'edit'),"
	     "('2026-01-03 10:00:01', 'a', 'usergroup', 1000, 'edit');");
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.item, 10);              /* #123456789 */
	ck_assert_int_eq(l.n, 2);
	/* An item renamed: the width is that of its current name. */
	rename_item(LIST_CATEGORY, 1, "A category with a long name", true);
	tu_exec(db, "INSERT INTO audit (at, login, list, item_id, action) VALUES "
	     "('2026-01-04 10:00:00', 'a', 'category', 1, 'edit');");
	l.n = 0;
	ck_assert(auditlog_widths(db, &q, &w, note_list, &l, &err) == LA_OK);
	ck_assert_int_eq(w.item, 27);
}
END_TEST

START_TEST(dates_are_read_strictly)
{
	char out[20];

	ck_assert(auditlog_parse_since("2026-11-30", out));
	ck_assert_str_eq(out, "2026-11-30 00:00:00");
	ck_assert(auditlog_parse_since("2026-11-30 14:05", out));
	ck_assert_str_eq(out, "2026-11-30 14:05:00");
	ck_assert(auditlog_parse_since("2026-11-30T14:05:09Z", out));
	ck_assert_str_eq(out, "2026-11-30 14:05:09");
	ck_assert(auditlog_parse_since("2024-02-29", out));
	ck_assert(!auditlog_parse_since("2026-02-29", out));
	ck_assert(!auditlog_parse_since("2026-13-01", out));
	ck_assert(!auditlog_parse_since("2026-11-31", out));
	ck_assert(!auditlog_parse_since("2026-11-30 24:00", out));
	ck_assert(!auditlog_parse_since("yesterday", out));
	ck_assert(!auditlog_parse_since("2026-1-30", out));
	ck_assert(!auditlog_parse_since("", out));
	ck_assert(!auditlog_parse_since(NULL, out));
}
END_TEST

START_TEST(list_names_of_the_command_line_map_to_the_stored_ones)
{
	ck_assert_str_eq(auditlog_list_key("lead-status"), "leadstatus");
	ck_assert_str_eq(auditlog_list_key("leadstatus"), "leadstatus");
	ck_assert_str_eq(auditlog_list_key("user"), "associate");
	ck_assert_str_eq(auditlog_list_key("category"), "category");
	ck_assert_ptr_null(auditlog_list_key("contacts"));
	ck_assert_str_eq(auditlog_list_name("associate"), "user");
	ck_assert_str_eq(auditlog_list_label("leadstatus"), "Lead status");
	ck_assert_str_eq(auditlog_list_label("unknown"), "unknown");
}
END_TEST

static Suite *auditlog_suite(void)
{
	Suite *s = suite_create("auditlog");
	TCase *tc = tcase_create("auditlog");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_edit_shows_only_the_changed_fields_old_and_new);
	tcase_add_test(tc, an_add_lists_the_fields_it_set_without_empty_ones);
	tcase_add_test(tc, a_value_that_is_not_json_is_shown_as_it_is);
	tcase_add_test(tc, the_changes_read_alike_however_the_json_is_written);
	tcase_add_test(tc, a_stored_value_is_written_as_json_alike_however_it_is_read);
	tcase_add_test(tc, an_object_of_many_keys_is_compared_key_by_key);
	tcase_add_test(tc, a_long_value_is_compared_as_a_short_one);
	tcase_add_test(tc, rows_come_newest_first_with_the_current_name);
	tcase_add_test(tc, an_item_that_is_gone_has_no_name);
	tcase_add_test(tc, since_list_and_limit_narrow_the_rows);
	tu_sqlite_test(tc, every_filter_reads_through_an_index_without_sorting,
		       "it reads SQLite's query plans");
	tcase_add_test(tc, each_row_comes_to_the_callback_which_may_stop_the_reading);
	tcase_add_test(tc, the_database_finds_the_widths_of_the_rows_a_table_prints);
	tu_sqlite_test(tc, the_item_widths_count_every_kind_of_id,
		       "item ids that are text or real, which only SQLite's columns hold");
	tcase_add_test(tc, dates_are_read_strictly);
	tcase_add_test(tc, list_names_of_the_command_line_map_to_the_stored_ones);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(auditlog_suite()); }

/* A list read a page at a time (src/lists_page.c): the pages follow the
 * order of lists_load, from any key, both ways; the positions agree with
 * them; deleted items and the filter as the screen has them; and the
 * pages are ranges of the index on rank. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lists.h"
#include "lists_impl.h"
#include "testutil.h"
#include "text.h"

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

/* Items as a page gives them: ids and keys. */
struct got {
	int64_t id[64];
	struct lists_key key[64];
	long companies[64];
	size_t n;
};

static bool take(const struct la_item *it, const struct lists_key *key, void *arg)
{
	struct got *g = arg;

	ck_assert_uint_lt(g->n, 64);
	g->id[g->n] = it->id;
	g->key[g->n] = *key;
	g->companies[g->n++] = it->companies;
	return true;
}

static void page(bool deleted, const char *filter, const struct lists_key *key, int dir,
		 size_t limit, struct got *g)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(lists_page(db, LIST_CATEGORY, deleted, filter, key, dir, limit, take, g,
				 &err) == LA_OK, "%s", err.msg);
}

static size_t position(bool deleted, const char *filter, const struct lists_key *key)
{
	struct la_err err;
	size_t n = 99999;

	la_err_clear(&err);
	ck_assert_msg(lists_position(db, LIST_CATEGORY, deleted, filter, key, &n, &err) == LA_OK,
		      "%s", err.msg);
	/* The screen's one read for a key typed into the filter: the
	 * same place, and all the items the filter shows. */
	if (key) {
		size_t pos = 99999, all = 99999, want = 99999;

		ck_assert(lists_position(db, LIST_CATEGORY, deleted, filter, NULL, &want, &err) == LA_OK);
		ck_assert_msg(lists_position_count(db, LIST_CATEGORY, deleted, filter, key, &pos,
						   &all, &err) == LA_OK, "%s", err.msg);
		ck_assert_uint_eq(pos, n);
		ck_assert_uint_eq(all, want);
	}
	return n;
}

/* The ids in the order lists_load reads them. */
static size_t loaded(bool deleted, int64_t *ids)
{
	struct la_items items;
	struct la_err err;
	size_t n;

	ck_assert(lists_load(db, LIST_CATEGORY, deleted, &items, &err) == LA_OK);
	ck_assert_uint_le(items.n, 64);
	for (size_t i = 0; i < items.n; i++)
		ids[i] = items.v[i].id;
	n = items.n;
	lists_items_free(&items);
	return n;
}

/* Twelve more categories, some sharing a rank, one deleted. */
static void twelve(void)
{
	for (int i = 1; i <= 12; i++)
		tu_category(db, (char[]){ 'C', (char)('a' + i - 1), '\0' }, GROUP_CUSTOMER, false);
	tu_exec(db, "UPDATE category SET rank = 7 WHERE name IN ('Cc', 'Cd', 'Ce')");
	tu_exec(db, "UPDATE category SET rank = 2 WHERE name = 'Cl'");
	tu_exec(db, "UPDATE category SET deleted = 1 WHERE name = 'Cf'");
}

START_TEST(pages_follow_the_order_of_the_list_both_ways)
{
	int64_t want[64];
	size_t n;

	twelve();
	for (int deleted = 0; deleted <= 1; deleted++) {
		struct got fwd = { .n = 0 }, back = { .n = 0 };

		n = loaded(deleted, want);
		ck_assert_uint_eq(n, deleted ? 16 : 15);
		/* Pages of 3, each after the last one's last key. */
		page(deleted, NULL, NULL, 1, 3, &fwd);
		while (fwd.n < n) {
			size_t was = fwd.n;

			page(deleted, NULL, &fwd.key[fwd.n - 1], 1, 3, &fwd);
			ck_assert_uint_gt(fwd.n, was);
		}
		page(deleted, NULL, &fwd.key[n - 1], 1, 3, &fwd);
		ck_assert_uint_eq(fwd.n, n);
		/* From the end, nearest first. */
		page(deleted, NULL, NULL, -1, 4, &back);
		while (back.n < n)
			page(deleted, NULL, &back.key[back.n - 1], -1, 4, &back);
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(fwd.id[i], want[i]);
			ck_assert_int_eq(back.id[n - 1 - i], want[i]);
		}
	}
}
END_TEST

START_TEST(position_of_a_key_is_its_place_in_the_pages)
{
	struct got all = { .n = 0 };
	struct lists_key gone;
	struct la_err err;

	twelve();
	page(false, NULL, NULL, 1, 0, &all);
	ck_assert_uint_eq(position(false, NULL, NULL), all.n);
	for (size_t i = 0; i < all.n; i++)
		ck_assert_uint_eq(position(false, NULL, &all.key[i]), i);
	/* A hidden item's key: where it would be, before its successor. */
	ck_assert(lists_key_of(db, LIST_CATEGORY, tu_int(db, "SELECT category_id FROM category "
							 "WHERE name = 'Cf'", -1), &gone, &err) == LA_OK);
	ck_assert_uint_eq(position(false, NULL, &gone), position(true, NULL, &gone));
	ck_assert_uint_eq(position(true, NULL, NULL), all.n + 1);
}
END_TEST

/* Another program's rows may have no rank where the column allows it (a
 * legacy table after its upgrade): they come first, as lists_load sorts
 * them, by id. A temporary table of the same name, without NOT NULL,
 * stands in for such a table. */
START_TEST(unranked_items_come_first_both_ways)
{
	int64_t want[64];
	struct got fwd = { .n = 0 }, back = { .n = 0 };
	size_t n;

	twelve();
	tu_exec(db, "CREATE TEMP TABLE category AS SELECT * FROM main.category");
	tu_exec(db, "CREATE INDEX temp.category_rank ON category (rank)");
	tu_exec(db, "UPDATE temp.category SET rank = NULL WHERE name IN ('Cb', 'Ck', 'Ch')");
	n = loaded(false, want);
	ck_assert_uint_eq(n, 15);
	ck_assert_int_eq(want[0], tu_int(db, "SELECT category_id FROM category WHERE name = 'Cb'", -1));
	page(false, NULL, NULL, 1, 2, &fwd);
	while (fwd.n < n)
		page(false, NULL, &fwd.key[fwd.n - 1], 1, 2, &fwd);
	page(false, NULL, NULL, -1, 2, &back);
	while (back.n < n)
		page(false, NULL, &back.key[back.n - 1], -1, 2, &back);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(fwd.id[i], want[i]);
		ck_assert_int_eq(back.id[n - 1 - i], want[i]);
		ck_assert_uint_eq(position(false, NULL, &fwd.key[i]), i);
	}
	ck_assert(!fwd.key[0].ranked && !fwd.key[2].ranked && fwd.key[3].ranked);
}
END_TEST

START_TEST(key_of_an_item_is_its_rank_and_id)
{
	int64_t id = tu_category(db, "Ranked", GROUP_CUSTOMER, false);
	struct lists_key key;
	struct la_err err;

	tu_exec(db, "UPDATE category SET rank = 42 WHERE name = 'Ranked'");
	ck_assert(lists_key_of(db, LIST_CATEGORY, id, &key, &err) == LA_OK);
	ck_assert(key.ranked);
	ck_assert_int_eq(key.rank, 42);
	ck_assert_int_eq(key.id, id);
	la_err_clear(&err);
	ck_assert(lists_key_of(db, LIST_CATEGORY, id + 1000, &key, &err) == LA_NOT_FOUND);
	ck_assert(err.msg[0] != '\0');
}
END_TEST

START_TEST(filter_reads_name_and_description_case_folded)
{
	struct got g = { .n = 0 };
	int64_t a = tu_category(db, "Öffentlich", GROUP_CUSTOMER, false);
	int64_t b = tu_category(db, "Privat", GROUP_CUSTOMER, false);

	tu_category(db, "Andere", GROUP_CUSTOMER, false);
	tu_exec(db, "UPDATE category SET tooltip = 'Nicht ÖFFENTLICH' WHERE name = 'Privat'");
	page(false, "öffentlich", NULL, 1, 0, &g);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_int_eq(g.id[0], a);
	ck_assert_int_eq(g.id[1], b);
	ck_assert_uint_eq(position(false, "ÖFFENT", NULL), 2);
	ck_assert_uint_eq(position(false, "öffentlich", &g.key[1]), 1);
	/* A match does not span the name and the description. */
	ck_assert_uint_eq(position(false, "privatnicht", NULL), 0);
	g.n = 0;
	page(false, "", NULL, 1, 0, &g);
	ck_assert_uint_eq(g.n, position(false, NULL, NULL));
}
END_TEST

START_TEST(pages_hold_the_in_use_counts)
{
	int64_t id = tu_category(db, "Used", GROUP_CUSTOMER, false);
	struct got g = { .n = 0 };

	tu_companies(db, id, 3, 1);
	page(false, "used", NULL, 1, 0, &g);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_int_eq(g.companies[0], 3);
}
END_TEST

START_TEST(limit_stops_the_page_and_fn_may_stop_it)
{
	struct got g = { .n = 0 };

	twelve();
	page(false, NULL, NULL, 1, 5, &g);
	ck_assert_uint_eq(g.n, 5);
	g.n = 0;
	page(false, NULL, NULL, -1, 1, &g);
	ck_assert_uint_eq(g.n, 1);
}
END_TEST

/* The plan of query q of list, its lines joined by "; ". */
static void plan_of(enum la_list list, enum lists_query q, char *plan, size_t len)
{
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", lists_sql(list, q));
	sqlite3_stmt *st = NULL;

	plan[0] = '\0';
	ck_assert_msg(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db_handle(db)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t used = strlen(plan);

		snprintf(plan + used, len - used, "%s; ", (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
}

START_TEST(pages_read_a_range_of_the_rank_index)
{
	static const struct { enum la_list list; const char *index; } lists[] = {
		{ LIST_CATEGORY, "INDEX category_rank (rank>?)" },
		{ LIST_LEADSTATUS, "INDEX leadstatus_rank (rank>?)" },
	};
	char plan[1000];

	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		plan_of(lists[i].list, LQ_PAGE_AFTER, plan, sizeof plan);
		ck_assert_msg(strstr(plan, lists[i].index), "%s", plan);
		ck_assert_msg(!strstr(plan, "TEMP B-TREE"), "%s", plan);
		plan_of(lists[i].list, LQ_PAGE_BEFORE, plan, sizeof plan);
		ck_assert_msg(strstr(plan, "(rank<?)"), "%s", plan);
		ck_assert_msg(!strstr(plan, "TEMP B-TREE"), "%s", plan);
	}
}
END_TEST

/* Counts the items fn gets. */
static bool tally(const struct la_item *it, void *arg)
{
	(void)it;
	++*(size_t *)arg;
	return true;
}

/* What another program may have stored: ranks and flags beyond 32 bits,
 * text and reals in number columns, NULLs. Without a key and a filter
 * the position is the count of all items, read without reading them
 * (all rows less the deleted ones): it must be the number of items
 * lists_each gives, for every list, with and without deleted. */
START_TEST(the_count_of_all_items_is_the_items_read)
{
	static const char *const numbers[] = {
		"1", "-7", "4294967297", "-2147483649", "'12abc'", "3.9", "NULL", "99999999999",
		"2147483648", "0",
	};
	int lists_seen = 0;

	/* As a legacy table without the checks would hold them. */
	tu_exec(db, "PRAGMA ignore_check_constraints = ON");
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *d = lists_def((enum la_list)l);
		int inserted = 0;

		for (int k = 0; k < 40; k++) {
			char *msg = NULL;
			char *sql = sqlite3_mprintf("INSERT INTO %s (name, tooltip, rank, deleted) "
						    "VALUES ('n%d', '', %s, %s)", d->table, k,
						    numbers[k % 10], numbers[(k * 7 + 3) % 10]);

			/* A schema may refuse some of these: what it keeps counts. */
			if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) == SQLITE_OK)
				inserted++;
			sqlite3_free(msg);
			sqlite3_free(sql);
		}
		if (inserted < 10)
			continue;
		lists_seen++;
		for (int deleted = 0; deleted < 2; deleted++) {
			struct la_err err;
			size_t read = 0, counted = 99999;

			la_err_clear(&err);
			ck_assert(lists_each(db, (enum la_list)l, deleted, tally, &read, &err) == LA_OK);
			ck_assert(lists_position(db, (enum la_list)l, deleted, NULL, NULL, &counted,
						 &err) == LA_OK);
			ck_assert_msg(counted == read, "%s, deleted %d: counted %zu, read %zu",
				      d->table, deleted, counted, read);
			counted = 99999;
			ck_assert(lists_position(db, (enum la_list)l, deleted, "", NULL, &counted,
						 &err) == LA_OK);
			ck_assert_uint_eq(counted, read);
		}
	}
	ck_assert_int_ge(lists_seen, 2);
}
END_TEST

/* The count of all items counts the entries of an index and reads only
 * the deleted rows, through the index of each list on them (schema
 * version 11): no read of every row for the items shown. */
START_TEST(the_count_of_all_items_reads_an_index)
{
	static const char *const tables[] = { "category", "leadstatus", "usergroup", "heading" };
	static const enum la_list lists[] = { LIST_CATEGORY, LIST_LEADSTATUS, LIST_USERGROUP,
					      LIST_HEADING };
	char plan[1000], want[64];

	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		plan_of(lists[i], LQ_COUNT_ALL, plan, sizeof plan);
		snprintf(want, sizeof want, "INDEX %s_deleted", tables[i]);
		ck_assert_msg(strstr(plan, want), "%s: %s", tables[i], plan);
		snprintf(want, sizeof want, "SCAN %s;", tables[i]);
		ck_assert_msg(!strstr(plan, want), "%s: %s", tables[i], plan);
	}
	/* Without it (a database another program changed), the count still
	 * counts an index's entries for the rows and reads every row only
	 * for the deleted ones. */
	tu_exec(db, "DROP INDEX category_deleted");
	plan_of(LIST_CATEGORY, LQ_COUNT_ALL, plan, sizeof plan);
	ck_assert_msg(strstr(plan, "SCAN category USING COVERING INDEX"), "%s", plan);
}
END_TEST

/* The extremes of ids and ranks, deleted items included. */
START_TEST(the_range_holds_every_id_and_rank)
{
	struct lists_range r;
	struct la_err err;
	int64_t top;

	twelve();
	tu_exec(db, "UPDATE category SET rank = -12 WHERE name = 'Ca'");
	tu_exec(db, "UPDATE category SET rank = 123456 WHERE name = 'Cf'");  /* deleted */
	la_err_clear(&err);
	ck_assert(lists_range(db, LIST_CATEGORY, &r, &err) == LA_OK);
	top = tu_int(db, "SELECT max(category_id) FROM category", -1);
	ck_assert_int_eq(r.id_lo, tu_int(db, "SELECT min(category_id) FROM category", -1));
	ck_assert_int_eq(r.id_hi, top);
	ck_assert_int_eq(r.rank_lo, -12);
	ck_assert_int_eq(r.rank_hi, 123456);
	/* One transaction: a server wants a default while a status is left. */
	tu_exec(db, "UPDATE leadstatus SET is_default = 0; DELETE FROM leadstatus");
	ck_assert(lists_range(db, LIST_LEADSTATUS, &r, &err) == LA_OK);
	ck_assert(r.id_lo == 0 && r.id_hi == 0 && r.rank_lo == 0 && r.rank_hi == 0);
}
END_TEST

static Suite *listpage_suite(void)
{
	Suite *s = suite_create("listpage");
	TCase *tc = tcase_create("pages");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pages_follow_the_order_of_the_list_both_ways);
	tcase_add_test(tc, position_of_a_key_is_its_place_in_the_pages);
	tu_sqlite_test(tc, unranked_items_come_first_both_ways,
		       "a legacy table without ranks stands in as a SQLite temporary table");
	tcase_add_test(tc, key_of_an_item_is_its_rank_and_id);
	tcase_add_test(tc, filter_reads_name_and_description_case_folded);
	tcase_add_test(tc, pages_hold_the_in_use_counts);
	tcase_add_test(tc, limit_stops_the_page_and_fn_may_stop_it);
	tu_sqlite_test(tc, pages_read_a_range_of_the_rank_index, "it reads SQLite's query plans");
	tu_sqlite_test(tc, the_count_of_all_items_is_the_items_read,
		       "text and reals in number columns, which only SQLite's columns hold");
	tu_sqlite_test(tc, the_count_of_all_items_reads_an_index, "it reads SQLite's query plans");
	tcase_add_test(tc, the_range_holds_every_id_and_rank);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(listpage_suite()); }

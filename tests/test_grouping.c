/* The rules of user-group filtering and headings for Company – Category
 * (src/grouping.h): the switch, the links, the preview, the unreachable
 * items, rule 9 and the audit rows, and that deleting a user group or a
 * heading never deletes an item. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grouping.h"
#include "lists.h"
#include "porting.h"
#include "rights.h"
#include "testutil.h"

static struct db *db;
static struct la_actor admin;

static void setup(void)
{
	db = tu_db("en");
	tu_admin(db, &admin);
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
}

static long count(const char *sql)
{
	return tu_int(db, sql, -1);
}

static int64_t add(enum la_list list, const char *name)
{
	struct la_item it;
	struct la_err err;
	int64_t id;

	lists_item_init(&it, list);
	free(it.name);
	it.name = strdup(name);
	la_err_clear(&err);
	ck_assert_msg(lists_save(db, &admin, &it, CONFIRM_NONE, &err) == LA_OK, "%s: %s",
		      name, err.msg);
	id = it.id;
	lists_item_clear(&it);
	return id;
}

static int64_t id_of(enum la_list list, const char *name)
{
	struct la_item it;
	struct la_err err;
	int64_t id;

	la_err_clear(&err);
	ck_assert_msg(lists_find(db, list, name, &it, &err) == LA_OK, "%s: %s", name, err.msg);
	id = it.id;
	lists_item_clear(&it);
	return id;
}

static void set_links(enum la_list kind, const char *category, const int64_t *ids, size_t n)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(grouping_set_links(db, &admin, kind, id_of(LIST_CATEGORY, category), ids, n,
					 &err) == LA_OK, "%s", err.msg);
}

/* The preview as group, one line per row: "#Heading" or "Item". */
static const char *preview(int64_t group, size_t *items)
{
	static char buf[1024];
	struct grouping_preview p;
	struct la_err err;
	size_t used = 0;

	la_err_clear(&err);
	ck_assert_int_eq(grouping_preview(db, group, &p, &err), LA_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < p.n; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s%s", used ? "|" : "",
					 p.v[i].heading ? "#" : "", p.v[i].name);
	*items = p.items;
	grouping_preview_free(&p);
	return buf;
}

START_TEST(turning_it_on_hides_nothing_and_is_audited_once)
{
	struct la_err err;
	bool changed;

	add(LIST_USERGROUP, "Sales");
	add(LIST_USERGROUP, "Marketing");
	ck_assert(!grouping_on(db));
	ck_assert_int_eq(grouping_set_on(db, &admin, true, &changed, &err), LA_OK);
	ck_assert(changed && grouping_on(db));
	ck_assert_int_eq(count("SELECT count(*) FROM category_group_link"), 4 * 2);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE action = 'grouping'"), 1);
	/* Again: nothing changes, no row. */
	ck_assert_int_eq(grouping_set_on(db, &admin, true, &changed, &err), LA_OK);
	ck_assert(!changed);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE action = 'grouping'"), 1);
	/* Off keeps the links; on again does not add to them. */
	ck_assert_int_eq(count("DELETE FROM category_group_link WHERE usergroup_id = 2 RETURNING 1"), 1);
	ck_assert_int_eq(grouping_set_on(db, &admin, false, &changed, &err), LA_OK);
	ck_assert_int_eq(grouping_set_on(db, &admin, true, &changed, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category_group_link"), 4 * 2 - 4);
}
END_TEST

START_TEST(the_preview_groups_by_heading_in_rank_order)
{
	int64_t sales = add(LIST_USERGROUP, "Sales"), marketing = add(LIST_USERGROUP, "Marketing");
	int64_t in = add(LIST_HEADING, "Inbound"), out = add(LIST_HEADING, "Outbound");
	int64_t both[] = { out, in }, only_in[] = { in }, only_out[] = { out }, sales_only[] = { sales };
	struct la_err err;
	size_t n;

	ck_assert_int_eq(grouping_set_on(db, &admin, true, NULL, &err), LA_OK);
	set_links(LIST_HEADING, "Lead", only_in, 1);
	set_links(LIST_HEADING, "Marketing qualified lead (MQL)", only_in, 1);
	set_links(LIST_HEADING, "Opportunity", only_out, 1);
	set_links(LIST_HEADING, "Lost opportunity", both, 2);
	set_links(LIST_USERGROUP, "Opportunity", sales_only, 1);
	ck_assert_str_eq(preview(marketing, &n),
			 "#Inbound|Lead|Marketing qualified lead (MQL)|Lost opportunity|#Outbound|Lost opportunity");
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(preview(sales, &n),
			 "#Inbound|Lead|Marketing qualified lead (MQL)|Lost opportunity|"
			 "#Outbound|Opportunity|Lost opportunity");
	ck_assert_uint_eq(n, 4);
	/* Under no heading: after the headings, under an unnamed one. */
	set_links(LIST_HEADING, "Lead", NULL, 0);
	ck_assert_str_eq(preview(sales, &n),
			 "#Inbound|Marketing qualified lead (MQL)|Lost opportunity|"
			 "#Outbound|Opportunity|Lost opportunity|#|Lead");
	/* Off: every item, ungrouped. */
	ck_assert_int_eq(grouping_set_on(db, &admin, false, NULL, &err), LA_OK);
	ck_assert_str_eq(preview(marketing, &n),
			 "Lead|Marketing qualified lead (MQL)|Opportunity|Lost opportunity");
	ck_assert_uint_eq(n, 4);
}
END_TEST

START_TEST(deleting_a_group_or_heading_deletes_no_item)
{
	int64_t sales = add(LIST_USERGROUP, "Sales");
	int64_t in = add(LIST_HEADING, "Inbound");
	int64_t h[] = { in };
	struct la_err err;
	size_t n;
	char *lost = NULL;

	ck_assert_int_eq(grouping_set_on(db, &admin, true, NULL, &err), LA_OK);
	set_links(LIST_HEADING, "Lead", h, 1);
	ck_assert_int_eq(lists_delete(db, &admin, LIST_HEADING, in, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE deleted = 0"), 4);
	ck_assert(grouping_linked(db, LIST_HEADING, id_of(LIST_CATEGORY, "Lead"), in));
	/* A deleted heading is not shown; its items are, under no heading. */
	ck_assert_str_eq(preview(sales, &n),
			 "Lead|Marketing qualified lead (MQL)|Opportunity|Lost opportunity");
	ck_assert_int_eq(grouping_unreachable(db, &lost, &err), LA_OK);
	ck_assert_ptr_null(lost);
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, sales, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE deleted = 0"), 4);
	ck_assert_int_eq(count("SELECT count(*) FROM category_group_link"), 4);
	/* Now no active group sees any item: each is unreachable. */
	ck_assert_int_eq(grouping_unreachable(db, &lost, &err), LA_OK);
	ck_assert_str_eq(lost, "'Lead', 'Marketing qualified lead (MQL)', 'Opportunity', 'Lost opportunity'");
	free(lost);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_USERGROUP, sales, &err), LA_OK);
	ck_assert_int_eq(grouping_unreachable(db, &lost, &err), LA_OK);
	ck_assert_ptr_null(lost);
	/* Off: nothing is unreachable, whatever the links. */
	set_links(LIST_USERGROUP, "Lead", NULL, 0);
	ck_assert_int_eq(grouping_unreachable(db, &lost, &err), LA_OK);
	ck_assert_str_eq(lost, "'Lead'");
	free(lost);
	ck_assert_int_eq(grouping_set_on(db, &admin, false, NULL, &err), LA_OK);
	ck_assert_int_eq(grouping_unreachable(db, &lost, &err), LA_OK);
	ck_assert_ptr_null(lost);
}
END_TEST

START_TEST(a_new_item_while_filtering_is_on_is_seen_by_every_group)
{
	struct la_err err;
	int64_t id;

	add(LIST_USERGROUP, "Sales");
	add(LIST_USERGROUP, "Marketing");
	id = add(LIST_CATEGORY, "Webinar");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category_group_link WHERE category_id = ?", id), 0);
	ck_assert_int_eq(grouping_set_on(db, &admin, true, NULL, &err), LA_OK);
	id = add(LIST_CATEGORY, "Trade fair");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category_group_link WHERE category_id = ?", id), 2);
}
END_TEST

START_TEST(each_change_is_one_audit_row_and_needs_rule_9)
{
	int64_t sales = add(LIST_USERGROUP, "Sales");
	int64_t lead = id_of(LIST_CATEGORY, "Lead");
	struct la_actor user;
	struct la_err err;
	long before;

	tu_actor(db, "uwe", ROLE_USER, &user);
	ck_assert_int_eq(grouping_set_on(db, &user, true, NULL, &err), LA_DENIED);
	ck_assert_int_eq(grouping_set_link(db, &user, LIST_USERGROUP, lead, sales, true, &err), LA_DENIED);
	ck_assert(!grouping_on(db));
	ck_assert_int_eq(count("SELECT count(*) FROM category_group_link"), 0);
	before = count("SELECT count(*) FROM audit");
	ck_assert_int_eq(grouping_set_link(db, &admin, LIST_USERGROUP, lead, sales, true, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM audit"), before + 1);
	ck_assert_str_eq(tu_text(db, "SELECT action || ' ' || old_value || ' ' || new_value FROM audit "
				 "ORDER BY audit_id DESC LIMIT 1", -1),
			 "visible-for {\"user_groups\":[]} {\"user_groups\":[\"Sales\"]}");
	/* Ticking it again changes nothing and writes nothing. */
	ck_assert_int_eq(grouping_set_link(db, &admin, LIST_USERGROUP, lead, sales, true, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM audit"), before + 1);
	ck_assert_int_eq(grouping_set_link(db, &admin, LIST_USERGROUP, lead, sales, false, &err), LA_OK);
	ck_assert(!grouping_linked(db, LIST_USERGROUP, lead, sales));
	ck_assert_int_eq(count("SELECT count(*) FROM audit"), before + 2);
	/* No such category. */
	ck_assert_int_eq(grouping_set_link(db, &admin, LIST_USERGROUP, 999, sales, true, &err), LA_NOT_FOUND);
}
END_TEST

START_TEST(only_company_category_has_grouping)
{
	ck_assert(grouping_list_has(LIST_CATEGORY));
	ck_assert(!grouping_list_has(LIST_LEADSTATUS));
	ck_assert(!grouping_list_has(LIST_USERGROUP));
	ck_assert(!grouping_list_has(LIST_HEADING));
}
END_TEST

START_TEST(export_and_import_carry_it_and_tolerate_its_absence)
{
	int64_t sales = add(LIST_USERGROUP, "Sales"), marketing = add(LIST_USERGROUP, "Marketing");
	int64_t in = add(LIST_HEADING, "Inbound");
	int64_t h[] = { in }, g[] = { sales };
	struct porting_plan plan;
	struct la_err err;
	char *json = NULL, *again = NULL, *cut;
	struct db *src = db;
	size_t n;

	ck_assert_int_eq(grouping_set_on(db, &admin, true, NULL, &err), LA_OK);
	set_links(LIST_HEADING, "Opportunity", h, 1);
	set_links(LIST_USERGROUP, "Opportunity", g, 1);
	ck_assert_int_eq(porting_export(db, &json, &err), LA_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"category_grouping\": true"));
	db = tu_db("en");
	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert_msg(porting_import(db, &admin, json, strlen(json), 0, CONFIRM_YES, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert(grouping_on(db));
	ck_assert_str_eq(preview(marketing, &n), "Lead|Marketing qualified lead (MQL)|Lost opportunity");
	ck_assert_str_eq(preview(sales, &n), "#Inbound|Opportunity|#|Lead|Marketing qualified lead (MQL)|Lost opportunity");
	ck_assert_int_eq(porting_export(db, &again, &err), LA_OK);
	ck_assert_str_eq(again, json);
	free(again);
	/* A file without the two members imports and keeps the links. */
	cut = strstr(json, ",\n  \"category_grouping\"");
	ck_assert_ptr_nonnull(cut);
	strcpy(cut, "\n}\n");
	ck_assert_msg(porting_import(db, &admin, json, strlen(json), 0, CONFIRM_YES, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert(grouping_on(db));
	ck_assert_int_eq(count("SELECT count(*) FROM category_heading_link"), 1);
	free(json);
	db_close(db);
	db = src;
}
END_TEST

/* This database's export with the switch first ("category_grouping": on,
 * ahead of the lists) and a new category named name: malloc'd. */
static char *switch_then_add(bool on, const char *name)
{
	struct la_err err;
	char *json, *out, *cut, *cats;
	size_t n;

	ck_assert_int_eq(porting_export(db, &json, &err), LA_OK);
	cut = strstr(json, ",\n  \"category_grouping\"");
	ck_assert_ptr_nonnull(cut);
	strcpy(cut, "\n}\n");
	cats = strstr(json, "\"categories\": [\n");
	ck_assert_ptr_nonnull(cats);
	cats += strlen("\"categories\": [\n");
	n = strlen(json) + strlen(name) + 256;
	out = malloc(n);
	ck_assert_ptr_nonnull(out);
	snprintf(out, n, "{\"category_grouping\": %s,%.*s{\"name\": \"%s\", \"group\": \"other\"},\n%s",
		 on ? "true" : "false", (int)(cats - json - 1), json + 1, name, cats);
	free(json);
	return out;
}

static long links_of(const char *name)
{
	return tu_int(db, "SELECT count(*) FROM category_group_link WHERE category_id = ?",
		      id_of(LIST_CATEGORY, name));
}

/* An import is one transaction, which reads the switch once: the items
 * the file adds after turning it are added as the switch now says. */
START_TEST(an_import_adds_its_items_as_the_switch_it_set_says)
{
	struct porting_plan plan;
	struct la_err err;
	char *json;

	add(LIST_USERGROUP, "Sales");
	add(LIST_USERGROUP, "Marketing");
	ck_assert_int_eq(grouping_set_on(db, &admin, true, NULL, &err), LA_OK);
	json = switch_then_add(false, "Webinar");
	la_err_clear(&err);
	ck_assert_msg(porting_import(db, &admin, json, strlen(json), 0, CONFIRM_YES, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	free(json);
	ck_assert(!grouping_on(db));
	ck_assert_int_eq(links_of("Webinar"), 0);
	ck_assert_int_eq(links_of("Lead"), 2);
	/* Off with links kept: turning it on adds none, Trade fair gets all. */
	json = switch_then_add(true, "Trade fair");
	la_err_clear(&err);
	ck_assert_msg(porting_import(db, &admin, json, strlen(json), 0, CONFIRM_YES, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	free(json);
	ck_assert(grouping_on(db));
	ck_assert_int_eq(links_of("Trade fair"), 2);
	ck_assert_int_eq(links_of("Webinar"), 0);
}
END_TEST

static Suite *grouping_suite(void)
{
	Suite *s = suite_create("grouping");
	TCase *tc = tcase_create("grouping");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, turning_it_on_hides_nothing_and_is_audited_once);
	tcase_add_test(tc, the_preview_groups_by_heading_in_rank_order);
	tcase_add_test(tc, deleting_a_group_or_heading_deletes_no_item);
	tcase_add_test(tc, a_new_item_while_filtering_is_on_is_seen_by_every_group);
	tcase_add_test(tc, each_change_is_one_audit_row_and_needs_rule_9);
	tcase_add_test(tc, only_company_category_has_grouping);
	tcase_add_test(tc, export_and_import_carry_it_and_tolerate_its_absence);
	tcase_add_test(tc, an_import_adds_its_items_as_the_switch_it_set_says);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(grouping_suite());
}

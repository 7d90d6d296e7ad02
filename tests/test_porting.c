/* Export and import of both lists: the round trip, all-or-nothing, the dry
 * run, refused files, cautions and the default status. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "porting.h"
#include "testutil.h"

/* ---------------------------------------------------------------- helpers */

static char *export_text(struct db *db)
{
	struct la_err err;
	char *json = NULL;

	la_err_clear(&err);
	ck_assert_msg(porting_export(db, &json, &err) == LA_OK, "export: %s", err.msg);
	ck_assert_ptr_nonnull(json);
	return json;
}

static enum la_status import_bytes(struct db *db, const char *text, size_t len,
				   bool dry_run, enum la_confirm confirm,
				   struct porting_plan *plan, struct la_err *err)
{
	struct la_actor admin;

	tu_admin(db, &admin);
	la_err_clear(err);
	return porting_import(db, &admin, text, len, dry_run, confirm, plan, err);
}

static enum la_status import_text(struct db *db, const char *text, bool dry_run,
				  enum la_confirm confirm, struct porting_plan *plan,
				  struct la_err *err)
{
	return import_bytes(db, text, strlen(text), dry_run, confirm, plan, err);
}

/* Imports len bytes of text, which must be refused with status want and a
 * message containing every string of names; the database must not change. */
static void import_bytes_refused(struct db *db, const char *text, size_t len,
				 enum la_status want, const char *const *names)
{
	struct porting_plan plan;
	struct la_err err;
	char *before = export_text(db), *after;
	long audit = tu_int(db, "SELECT count(*) FROM audit", -1);

	ck_assert_int_eq(import_bytes(db, text, len, false, CONFIRM_NONE, &plan, &err), want);
	for (; names && *names; names++)
		ck_assert_msg(strstr(err.msg, *names) != NULL, "'%s' not in: %s", *names, err.msg);
	porting_plan_free(&plan);
	ck_assert(!db_in_transaction(db));
	after = export_text(db);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit", -1), audit);
	free(before);
	free(after);
}

static void import_refused(struct db *db, const char *text, enum la_status want,
			   const char *const *names)
{
	import_bytes_refused(db, text, strlen(text), want, names);
}

static int64_t add(struct db *db, enum la_list list, const char *name, enum la_group group,
		   bool lead_status, const char *description)
{
	struct la_actor admin;
	struct la_item item;
	struct la_err err;
	int64_t id;

	tu_admin(db, &admin);
	lists_item_init(&item, list);
	free(item.name);
	free(item.tooltip);
	item.name = strdup(name);
	item.tooltip = strdup(description);
	item.group = group;
	item.lead_status = lead_status;
	la_err_clear(&err);
	ck_assert_msg(lists_save(db, &admin, &item, CONFIRM_YES, &err) == LA_OK,
		      "adding %s: %s", name, err.msg);
	id = item.id;
	lists_item_clear(&item);
	return id;
}

static int64_t id_of(struct db *db, enum la_list list, const char *name)
{
	struct la_item item;
	struct la_err err;
	int64_t id;

	ck_assert_msg(lists_find(db, list, name, &item, &err) == LA_OK, "%s", err.msg);
	id = item.id;
	lists_item_clear(&item);
	return id;
}

static void delete_item(struct db *db, enum la_list list, const char *name)
{
	struct la_actor admin;
	struct la_err err;

	tu_admin(db, &admin);
	la_err_clear(&err);
	ck_assert_msg(lists_delete(db, &admin, list, id_of(db, list, name), 0, CONFIRM_YES,
				   &err) == LA_OK, "deleting %s: %s", name, err.msg);
}

#define HEAD "{\"format\": \"leadadmin-lists\", \"version\": 1, \"language\": \"en\",\n"
/* A file of version 1 has both lead lists; these give one of them empty. */
#define HEAD_C HEAD "\"lead_statuses\": [],\n"
#define HEAD_L HEAD "\"categories\": [],\n"

/* ---------------------------------------------------------------- tests */

START_TEST(export_then_import_gives_the_same_lists)
{
	struct db *src = tu_db("en"), *dst = tu_db("en");
	struct la_actor admin;
	struct porting_plan plan;
	struct la_err err;
	struct la_item item;
	char *a, *b;

	add(src, LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, "Came through a webinar");
	add(src, LIST_CATEGORY, "Messe-Kontakt", GROUP_POTENTIAL_CUSTOMER, true, "Kontakte von Messen");
	add(src, LIST_CATEGORY, "Reseller", GROUP_PARTNER, false, "");
	delete_item(src, LIST_CATEGORY, "Lost opportunity");
	add(src, LIST_LEADSTATUS, "Nurture later", GROUP_UNKNOWN, false, "Not now");
	delete_item(src, LIST_LEADSTATUS, "Nurture later");
	tu_admin(src, &admin);
	ck_assert_int_eq(lists_set_default(src, &admin, LIST_LEADSTATUS, id_of(src, LIST_LEADSTATUS, "Contacting"),
					   &err), LA_OK);
	a = export_text(src);
	ck_assert_msg(import_text(dst, a, false, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	b = export_text(dst);
	ck_assert_str_eq(b, a);
	/* and field by field */
	ck_assert_int_eq(lists_find(dst, LIST_CATEGORY, "Webinar", &item, &err), LA_OK);
	ck_assert_int_eq(item.group, GROUP_CUSTOMER);
	ck_assert(!item.lead_status);
	ck_assert_str_eq(item.tooltip, "Came through a webinar");
	lists_item_clear(&item);
	ck_assert_int_eq(lists_find(dst, LIST_CATEGORY, "Messe-Kontakt", &item, &err), LA_OK);
	ck_assert_int_eq(item.group, GROUP_POTENTIAL_CUSTOMER);
	ck_assert(item.lead_status);
	ck_assert_str_eq(item.tooltip, "Kontakte von Messen");
	lists_item_clear(&item);
	ck_assert_int_eq(lists_find(dst, LIST_CATEGORY, "Lost opportunity", &item, &err), LA_OK);
	ck_assert(item.deleted);
	lists_item_clear(&item);
	ck_assert_int_eq(lists_find(dst, LIST_LEADSTATUS, "Nurture later", &item, &err), LA_OK);
	ck_assert(item.deleted);
	ck_assert_str_eq(item.tooltip, "Not now");
	lists_item_clear(&item);
	ck_assert_int_eq(tu_default_status(dst), id_of(dst, LIST_LEADSTATUS, "Contacting"));
	free(a);
	free(b);
	db_close(src);
	db_close(dst);
}
END_TEST

START_TEST(import_with_one_invalid_item_changes_nothing)
{
	struct db *db = tu_db("en");
	const char *bad_group[] = { "categories[3] 'X'", "group", NULL };
	const char *too_long[] = { "lead_statuses[2] 'Long'", NULL };
	char text[2048], desc[300];

	import_refused(db, HEAD
		       "\"categories\": [{\"name\": \"Alpha\", \"group\": \"customer\"},\n"
		       "  {\"name\": \"Beta\", \"group\": \"partner\", \"description\": \"b\"},\n"
		       "  {\"name\": \"X\", \"group\": \"nonsense\"}],\n"
		       "\"lead_statuses\": [{\"name\": \"Gamma\"}]}\n",
		       LA_REFUSED, bad_group);
	/* the bad item last, after a whole valid list, and refused by a rule
	 * of the domain (description longer than 254 characters) */
	memset(desc, 'd', 255);
	desc[255] = '\0';
	snprintf(text, sizeof(text), HEAD
		 "\"categories\": [{\"name\": \"Alpha\", \"group\": \"customer\"},\n"
		 "  {\"name\": \"Lead\", \"group\": \"partner\"}],\n"
		 "\"lead_statuses\": [{\"name\": \"Gamma\"},\n"
		 "  {\"name\": \"Long\", \"description\": \"%s\"}]}\n", desc);
	import_refused(db, text, LA_REFUSED, too_long);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE name IN ('Alpha', 'Beta')", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus WHERE name = 'Gamma'", -1), 0);
	db_close(db);
}
END_TEST

START_TEST(dry_run_changes_nothing_but_reports_the_plan)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;
	char *before = export_text(db), *after;
	long audit = tu_int(db, "SELECT count(*) FROM audit", -1);
	size_t i;
	bool saw_add = false;

	ck_assert_msg(import_text(db, HEAD
				  "\"categories\": [\n"
				  "  {\"name\": \"Lead\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A new description\"},\n"
				  "  {\"name\": \"Webinar\", \"group\": \"customer\"},\n"
				  "  {\"name\": \"Reseller\", \"group\": \"partner\"}],\n"
				  "\"lead_statuses\": [{\"name\": \"Open\", \"default\": true,"
				  "   \"description\": \"No outreach has been made by the sales team yet.\"}]}\n",
				  true, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(plan.added, 2);
	ck_assert_int_eq(plan.updated, 1);
	ck_assert_int_eq(plan.unchanged, 1);
	/* A line a change, with its fields: Lead's description, the two new
	 * categories, and the categories take the file's order: Lead,
	 * Webinar, Reseller, then the ones the file does not name. Open is
	 * unchanged and has no line. A new item is added at its place in
	 * the file's order: Webinar's rank is 2, and the order moves only
	 * the items that were there. */
	ck_assert_uint_eq(plan.n, 4);
	ck_assert_str_eq(plan.lines[0], "update categories[1] 'Lead': description: A company that has "
			 "shown interest but is not yet qualified. → A new description");
	ck_assert_str_eq(plan.lines[1], "add categories[2] 'Webinar': name: Webinar; rank: 2; "
			 "deleted: false; group: customer; lead_status: false");
	for (i = 0; i < plan.n; i++)
		if (strstr(plan.lines[i], "Webinar"))
			saw_add = true;
	ck_assert(saw_add);
	ck_assert_str_eq(plan.lines[3], "order categories as in the file");
	porting_plan_free(&plan);
	ck_assert(!db_in_transaction(db));
	after = export_text(db);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit", -1), audit);
	free(before);
	free(after);
	db_close(db);
}
END_TEST

/* A new item is added at its place in the file's order; the order then
 * moves only the items that were there. */
START_TEST(new_items_take_their_place_and_the_order_moves_the_others)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;
	long audit = tu_int(db, "SELECT max(audit_id) FROM audit", -1);

	ck_assert_str_eq(tu_text(db, "SELECT group_concat(name, '|') FROM "
				 "(SELECT name FROM category ORDER BY rank, category_id) AS t", -1),
			 "Lead|Marketing qualified lead (MQL)|Opportunity|Lost opportunity");
	ck_assert_msg(import_text(db, HEAD_C
				  "\"categories\": [{\"name\": \"Webinar\", \"group\": \"customer\"},\n"
				  "  {\"name\": \"Lead\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A company that has shown interest but is not yet qualified.\"},\n"
				  "  {\"name\": \"Reseller\", \"group\": \"partner\"},\n"
				  "  {\"name\": \"Opportunity\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A qualified lead with an open sales opportunity.\"}]}\n",
				  false, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(plan.added, 2);
	porting_plan_free(&plan);
	/* The file's order, then the items it does not name in theirs, ranks
	 * 1 to 6. */
	ck_assert_str_eq(tu_text(db, "SELECT group_concat(name || '=' || rank, '|') FROM "
				 "(SELECT name, rank FROM category ORDER BY rank, category_id) AS t", -1),
			 "Webinar=1|Lead=2|Reseller=3|Opportunity=4|"
			 "Marketing qualified lead (MQL)=5|Lost opportunity=6");
	/* The new items were written once, at their place: their add rows
	 * say the rank they have, and the order did not change them. */
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE name = 'Webinar'", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE name = 'Reseller'", -1), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE audit_id > ?1 AND action = 'add' "
				"AND (new_value LIKE '%\"name\":\"Webinar\"%\"rank\":1,%' OR "
				"new_value LIKE '%\"name\":\"Reseller\"%\"rank\":3,%')", audit), 2);
	/* The four items that were there moved, each once. */
	ck_assert_str_eq(tu_text(db, "SELECT group_concat(new_value, ',') FROM audit WHERE audit_id > ?1 "
				 "AND action = 'reorder'", audit), "{\"reordered\":4}");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE updatedCount = 1", -1), 4);
	/* A file whose order the list already has adds at the end and
	 * writes no order. */
	audit = tu_int(db, "SELECT max(audit_id) FROM audit", -1);
	ck_assert_msg(import_text(db, HEAD_C
				  "\"categories\": [{\"name\": \"Webinar\", \"group\": \"customer\"},\n"
				  "  {\"name\": \"Lead\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A company that has shown interest but is not yet qualified.\"},\n"
				  "  {\"name\": \"Reseller\", \"group\": \"partner\"},\n"
				  "  {\"name\": \"Opportunity\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A qualified lead with an open sales opportunity.\"},\n"
				  "  {\"name\": \"Marketing qualified lead (MQL)\", \"group\": \"potential-customer\","
				  "   \"lead_status\": true, \"description\": \"A lead that marketing has qualified for sales.\"},\n"
				  "  {\"name\": \"Lost opportunity\", \"group\": \"potential-customer\", \"lead_status\": true,"
				  "   \"description\": \"A lead whose sales opportunity was lost.\"},\n"
				  "  {\"name\": \"Partner\", \"group\": \"partner\"}]}\n",
				  false, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(plan.added, 1);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM category WHERE name = 'Partner'", -1), 7);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE audit_id > ?1 AND action = 'reorder'",
				audit), 0);
	db_close(db);
}
END_TEST

/* The categories of the file below: the seeds in their order, with Partner
 * new at place new_at (0 to 4). */
static char *seeds_with_partner_at(size_t new_at)
{
	static const char *const items[] = {
		"{\"name\": \"Lead\", \"group\": \"potential-customer\", \"lead_status\": true,"
		" \"description\": \"A company that has shown interest but is not yet qualified.\"}",
		"{\"name\": \"Marketing qualified lead (MQL)\", \"group\": \"potential-customer\","
		" \"lead_status\": true, \"description\": \"A lead that marketing has qualified for sales.\"}",
		"{\"name\": \"Opportunity\", \"group\": \"potential-customer\", \"lead_status\": true,"
		" \"description\": \"A qualified lead with an open sales opportunity.\"}",
		"{\"name\": \"Lost opportunity\", \"group\": \"potential-customer\", \"lead_status\": true,"
		" \"description\": \"A lead whose sales opportunity was lost.\"}",
	};
	static char text[4096];
	size_t used = (size_t)snprintf(text, sizeof text, "%s\"categories\": [", HEAD_C);

	for (size_t i = 0, k = 0; i < 5; i++) {
		const char *item = i == new_at ? "{\"name\": \"Partner\", \"group\": \"partner\"}" : items[k++];

		used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", i ? ",\n" : "", item);
	}
	snprintf(text + used, sizeof text - used, "]}\n");
	return text;
}

#define CATEGORIES_BY_RANK \
	"SELECT group_concat(name || '=' || rank || '/' || updatedCount, '|') FROM " \
	"(SELECT * FROM category ORDER BY rank, category_id) AS t"

/* A legacy list's ranks (gaps, shared ranks) are not the places of the
 * file: a new item takes the rank after all others, and the order is
 * written only when it changed, as before new items took their place. */
START_TEST(a_list_with_gaps_in_its_ranks_keeps_them)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;
	long audit;

	tu_exec(db, "UPDATE category SET rank = rank * 10");
	ck_assert_str_eq(tu_text(db, CATEGORIES_BY_RANK, -1),
			 "Lead=10/0|Marketing qualified lead (MQL)=20/0|Opportunity=30/0|"
			 "Lost opportunity=40/0");
	audit = tu_int(db, "SELECT max(audit_id) FROM audit", -1);
	ck_assert_msg(import_text(db, seeds_with_partner_at(4), false, CONFIRM_NONE, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_str_eq(tu_text(db, CATEGORIES_BY_RANK, -1),
			 "Lead=10/0|Marketing qualified lead (MQL)=20/0|Opportunity=30/0|"
			 "Lost opportunity=40/0|Partner=41/0");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE audit_id > ?1 AND action = 'reorder'",
				audit), 0);
	db_close(db);
}
END_TEST

START_TEST(a_list_with_odd_ranks_gets_the_files_order)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;

	tu_exec(db, "UPDATE category SET rank = rank * 2 - 1");
	ck_assert_msg(import_text(db, seeds_with_partner_at(2), false, CONFIRM_NONE, &plan, &err) == LA_OK,
		      "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_str_eq(tu_text(db, "SELECT group_concat(name || '=' || rank, '|') FROM "
				 "(SELECT * FROM category ORDER BY rank, category_id) AS t", -1),
			 "Lead=1|Marketing qualified lead (MQL)=2|Partner=3|Opportunity=4|"
			 "Lost opportunity=5");
	db_close(db);
}
END_TEST

START_TEST(duplicate_names_in_the_file_are_refused)
{
	struct db *db = tu_db("en");
	const char *names[] = { "categories[3] 'WEBINAR '", "categories[1]", NULL };
	const char *german[] = { "lead_statuses[2]", NULL };

	import_refused(db, HEAD_C
		       "\"categories\": [{\"name\": \"Webinar\", \"group\": \"customer\"},\n"
		       "  {\"name\": \"Reseller\", \"group\": \"partner\"},\n"
		       "  {\"name\": \"WEBINAR \", \"group\": \"customer\"}]}\n",
		       LA_REFUSED, names);
	import_refused(db, HEAD_L
		       "\"lead_statuses\": [{\"name\": \"Öffentlich\"}, {\"name\": \"öffentlich\"}]}\n",
		       LA_REFUSED, german);
	db_close(db);
}
END_TEST

START_TEST(wrong_format_or_version_is_refused)
{
	struct db *db = tu_db("en");
	const char *format[] = { "leadadmin-lists", NULL };

	import_refused(db, "{\"format\": \"crm-lists\", \"version\": 1, \"categories\": []}",
		       LA_REFUSED, format);
	import_refused(db, "{\"format\": \"leadadmin-lists\", \"version\": 3, \"categories\": []}",
		       LA_REFUSED, format);
	import_refused(db, "{\"format\": \"leadadmin-lists\", \"categories\": []}",
		       LA_REFUSED, format);
	import_refused(db, "[1, 2, 3]", LA_REFUSED, format);
	import_refused(db, HEAD "\"categories\": {\"name\": \"Lead\"}}", LA_REFUSED, NULL);
	db_close(db);
}
END_TEST

START_TEST(invalid_json_is_refused_with_line_and_column)
{
	struct db *db = tu_db("en");
	const char *where[] = { "line 5, column 18", NULL };

	import_refused(db,
		       "{\n"
		       "  \"format\": \"leadadmin-lists\",\n"
		       "  \"version\": 1,\n"
		       "  \"categories\": [\n"
		       "    {\"name\": \"A\",}\n"
		       "  ]\n"
		       "}\n",
		       LA_REFUSED, where);
	db_close(db);
}
END_TEST

START_TEST(a_nul_byte_after_the_version_is_refused)
{
	/* The bytes of a string literal: the NUL is part of the file. */
	static const char text[] = "{\"format\": \"leadadmin-lists\", \"version\": 1\0,\n"
				   "\"categories\": [{\"name\": \"Nul\", \"group\": \"other\"}]}";
	struct db *db = tu_db("en");
	const char *why[] = { "not valid JSON", "line 1, column 43", "NUL byte", NULL };

	import_bytes_refused(db, text, sizeof(text) - 1, LA_REFUSED, why);
	db_close(db);
}
END_TEST

START_TEST(a_key_twice_in_an_item_is_refused_naming_the_key)
{
	struct db *db = tu_db("en");
	const char *why[] = { "not valid JSON", "line 2", "the key \"name\" appears twice", NULL };

	import_refused(db, HEAD "\"categories\": [{\"name\": \"First\", \"group\": \"other\", "
		       "\"name\": \"Second\"}]}", LA_REFUSED, why);
	db_close(db);
}
END_TEST

START_TEST(a_key_twice_at_the_top_is_refused_too)
{
	struct db *db = tu_db("en");
	const char *why[] = { "the key \"version\" appears twice", NULL };

	import_refused(db, HEAD "\"version\": 2, \"categories\": []}", LA_REFUSED, why);
	db_close(db);
}
END_TEST

START_TEST(bytes_that_are_not_utf8_are_refused_with_their_place)
{
	struct db *db = tu_db("en");
	/* Latin-1 "Bü": a file saved in the wrong encoding. */
	const char *why[] = { "not valid JSON: line 2, column 27: byte 0xFC is not UTF-8", NULL };

	import_refused(db, HEAD "\"categories\": [{\"name\": \"B\xfcro\", \"group\": \"other\"}]}",
		       LA_REFUSED, why);
	db_close(db);
}
END_TEST

START_TEST(a_syntax_error_after_applied_items_changes_nothing)
{
	struct db *db = tu_db("en");
	const char *why[] = { "not valid JSON: line 5, column", NULL };

	/* The first two items are applied before the third is read. */
	import_refused(db, HEAD_C
		       "\"categories\": [{\"name\": \"One\", \"group\": \"other\"},\n"
		       "{\"name\": \"Two\", \"group\": \"other\"},\n"
		       "{\"name\": \"Three\" \"group\": \"other\"}]}\n", LA_REFUSED, why);
	import_refused(db, HEAD_C
		       "\"categories\": [{\"name\": \"One\", \"group\": \"other\"}\n"
		       "{\"name\": \"Two\", \"group\": \"other\"}]}\n",
		       LA_REFUSED, (const char *[]){ "line 4, column 1: ',' or ']' expected near '{'", NULL });
	db_close(db);
}
END_TEST

START_TEST(text_after_the_object_is_refused)
{
	struct db *db = tu_db("en");
	const char *why[] = { "not valid JSON: line 3, column 22: end of file expected near 'x'", NULL };

	import_refused(db, HEAD_L "\"lead_statuses\": []} x", LA_REFUSED, why);
	db_close(db);
}
END_TEST

START_TEST(format_and_version_may_follow_the_lists)
{
	struct db *db = tu_db("en");
	const char *format[] = { "not a leadadmin export", NULL };
	struct porting_plan plan;
	struct la_err err;

	ck_assert_msg(import_text(db, "{\"categories\": [{\"name\": \"Late\", \"group\": \"other\"}], "
				  "\"lead_statuses\": [], \"format\": \"leadadmin-lists\", "
				  "\"version\": 1}", false, CONFIRM_NONE, &plan, &err) == LA_OK,
		      "%s", err.msg);
	ck_assert_int_eq(plan.added, 1);
	porting_plan_free(&plan);
	/* A wrong format found at the end takes back what was applied. */
	import_refused(db, "{\"categories\": [{\"name\": \"Later\", \"group\": \"other\"}], "
		       "\"lead_statuses\": [], \"format\": \"crm-lists\", \"version\": 1}",
		       LA_REFUSED, format);
	db_close(db);
}
END_TEST

START_TEST(a_name_twice_is_found_against_the_items_applied)
{
	struct db *db = tu_db("en");
	const char *names[] = { "lead_statuses[3] 'NEW ONE': has the same name as lead_statuses[2]", NULL };

	/* The earlier item is new: the database has it only once it is applied. */
	import_refused(db, HEAD_L "\"lead_statuses\": [{\"name\": \"Open\"}, {\"name\": \"New one\"}, "
		       "{\"name\": \"NEW ONE\"}]}", LA_REFUSED, names);
	db_close(db);
}
END_TEST

START_TEST(version_1_0_and_1e0_are_version_1)
{
	static const char *const spelled[] = { "1", "1.0", "1e0", "10e-1" };
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(spelled) / sizeof(spelled[0]); i++) {
		snprintf(text, sizeof(text),
			 "{\"format\": \"leadadmin-lists\", \"version\": %s, \"categories\": [], "
			 "\"lead_statuses\": []}",
			 spelled[i]);
		ck_assert_msg(import_text(db, text, true, CONFIRM_NONE, &plan, &err) == LA_OK,
			      "version %s: %s", spelled[i], err.msg);
		porting_plan_free(&plan);
	}
	db_close(db);
}
END_TEST

START_TEST(deep_nesting_is_refused_without_a_crash)
{
	struct db *db = tu_db("en");
	const char *why[] = { "not valid JSON", "nested deeper than", NULL };
	size_t depth = 100000, n = strlen(HEAD "\"categories\": ");
	char *text = malloc(n + depth + 1);

	ck_assert_ptr_nonnull(text);
	memcpy(text, HEAD "\"categories\": ", n);
	memset(text + n, '[', depth);
	text[n + depth] = '\0';
	import_refused(db, text, LA_REFUSED, why);
	free(text);
	db_close(db);
}
END_TEST

START_TEST(a_huge_file_is_read)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;
	size_t big = 4u << 20, n;
	char *text = malloc(big + 200);

	/* 4 MB of description: read whole, then refused by the domain. */
	ck_assert_ptr_nonnull(text);
	n = (size_t)sprintf(text, HEAD_C "\"categories\": [{\"name\": \"Big\", \"group\": \"other\", "
			    "\"description\": \"");
	memset(text + n, 'x', big);
	memcpy(text + n + big, "\"}]}", 5);
	ck_assert_int_eq(import_text(db, text, true, CONFIRM_NONE, &plan, &err), LA_REFUSED);
	ck_assert_msg(strstr(err.msg, "categories[1] 'Big'") != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "JSON") == NULL, "%s", err.msg);
	porting_plan_free(&plan);
	free(text);
	db_close(db);
}
END_TEST

START_TEST(turning_off_lead_status_in_use_needs_confirmation)
{
	struct db *db = tu_db("en");
	int64_t lead = id_of(db, LIST_CATEGORY, "Lead");
	struct porting_plan plan;
	struct la_err err;
	const char *text = HEAD_C
		"\"categories\": [{\"name\": \"Lead\", \"group\": \"potential-customer\","
		" \"lead_status\": false,"
		" \"description\": \"A company that has shown interest but is not yet qualified.\"}]}";
	const char *names[] = { "categories[1] 'Lead'", NULL };

	tu_companies(db, lead, 2, 3);
	import_refused(db, text, LA_CONFIRM, names);
	ck_assert_int_eq(import_text(db, text, false, CONFIRM_NONE, &plan, &err), LA_CONFIRM);
	ck_assert_int_eq(err.companies, 2);
	ck_assert_int_eq(err.contacts, 6);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", lead), 1);
	ck_assert_msg(import_text(db, text, false, CONFIRM_YES, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", lead), 0);
	db_close(db);
}
END_TEST

START_TEST(renaming_an_item_in_use_needs_confirmation)
{
	struct db *db = tu_db("en");
	int64_t lead = id_of(db, LIST_CATEGORY, "Lead");
	struct porting_plan plan;
	struct la_err err;
	const char *text = HEAD_C
		"\"categories\": [{\"name\": \"LEAD\", \"group\": \"potential-customer\","
		" \"lead_status\": true,"
		" \"description\": \"A company that has shown interest but is not yet qualified.\"}]}";
	const char *names[] = { "categories[1] 'LEAD'", NULL };

	tu_companies(db, lead, 1, 1);
	import_refused(db, text, LA_CONFIRM, names);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", lead), "Lead");
	ck_assert_msg(import_text(db, text, false, CONFIRM_YES, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", lead), "LEAD");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category", -1), 4);
	db_close(db);
}
END_TEST

START_TEST(deleting_an_item_in_use_needs_confirmation)
{
	struct db *db = tu_db("en");
	int64_t lead = id_of(db, LIST_CATEGORY, "Lead");
	struct porting_plan plan;
	struct la_err err;
	const char *text = HEAD_C
		"\"categories\": [{\"name\": \"Lead\", \"group\": \"potential-customer\","
		" \"lead_status\": true, \"deleted\": true,"
		" \"description\": \"A company that has shown interest but is not yet qualified.\"}]}";
	const char *names[] = { "categories[1] 'Lead'", NULL };

	tu_companies(db, lead, 1, 2);
	import_refused(db, text, LA_CONFIRM, names);
	ck_assert_msg(import_text(db, text, false, CONFIRM_YES, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = ?", lead), 1);
	db_close(db);
}
END_TEST

START_TEST(default_moves_to_the_files_default)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;

	ck_assert_msg(import_text(db, HEAD_L
				  "\"lead_statuses\": [{\"name\": \"Open\", \"default\": false,"
				  " \"description\": \"No outreach has been made by the sales team yet.\"},\n"
				  " {\"name\": \"Qualified\", \"default\": true,"
				  " \"description\": \"The lead meets all necessary criteria to initiate the sales process.\"}]}",
				  false, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_default_status(db), id_of(db, LIST_LEADSTATUS, "Qualified"));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus WHERE is_default = 1", -1), 1);
	/* a new status can become the default as well */
	ck_assert_msg(import_text(db, HEAD_L
				  "\"lead_statuses\": [{\"name\": \"Warm\", \"default\": true}]}",
				  false, CONFIRM_NONE, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_default_status(db), id_of(db, LIST_LEADSTATUS, "Warm"));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM leadstatus WHERE is_default = 1", -1), 1);
	db_close(db);
}
END_TEST

/* The file deletes the default it replaces: the new default is set first. */
START_TEST(a_file_may_delete_the_default_it_replaces)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;

	ck_assert_msg(import_text(db, HEAD_L
				  "\"lead_statuses\": [{\"name\": \"Open\", \"default\": false, \"deleted\": true},\n"
				  " {\"name\": \"Qualified\", \"default\": true}]}",
				  false, CONFIRM_YES, &plan, &err) == LA_OK, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_default_status(db), id_of(db, LIST_LEADSTATUS, "Qualified"));
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM leadstatus WHERE name = 'Open'", -1), 1);
	db_close(db);
}
END_TEST

/* A deleted item the file keeps deleted but states otherwise is restored,
 * changed and deleted again, and the plan says each step. */
START_TEST(a_deleted_item_takes_the_files_fields)
{
	struct db *db = tu_db("en");
	struct porting_plan plan;
	struct la_err err;

	delete_item(db, LIST_LEADSTATUS, "Contacting");
	ck_assert_msg(import_text(db, HEAD_L
				  "\"lead_statuses\": [{\"name\": \"CONTACTING\", \"description\": \"Gone\", "
				  "\"deleted\": true}]}",
				  false, CONFIRM_YES, &plan, &err) == LA_OK, "%s", err.msg);
	/* ... and the file's order puts it first. */
	ck_assert_uint_eq(plan.n, 4);
	ck_assert_msg(strncmp(plan.lines[0], "restore ", 8) == 0, "%s", plan.lines[0]);
	ck_assert_msg(strstr(plan.lines[1], "name: Contacting → CONTACTING") != NULL, "%s", plan.lines[1]);
	ck_assert_str_eq(plan.lines[2], "order lead_statuses as in the file");
	ck_assert_msg(strncmp(plan.lines[3], "delete ", 7) == 0, "%s", plan.lines[3]);
	porting_plan_free(&plan);
	ck_assert_str_eq(tu_text(db, "SELECT name || '|' || tooltip || '|' || deleted FROM leadstatus "
				     "WHERE leadstatus_id = ?", id_of(db, LIST_LEADSTATUS, "contacting")),
			 "CONTACTING|Gone|1");
	db_close(db);
}
END_TEST

START_TEST(lead_status_outside_potential_customer_is_refused)
{
	struct db *db = tu_db("en");
	const char *names[] = { "categories[2] 'Webinar'", "Potential customer", NULL };

	import_refused(db, HEAD_C
		       "\"categories\": [{\"name\": \"Reseller\", \"group\": \"partner\"},\n"
		       " {\"name\": \"Webinar\", \"group\": \"customer\", \"lead_status\": true}]}",
		       LA_REFUSED, names);
	/* also for an existing item moved to another group with it on */
	{
		const char *lead[] = { "categories[1] 'Lead'", NULL };

		import_refused(db, HEAD_C
			       "\"categories\": [{\"name\": \"Lead\", \"group\": \"partner\","
			       " \"lead_status\": true}]}",
			       LA_REFUSED, lead);
	}
	db_close(db);
}
END_TEST

START_TEST(import_by_a_plain_user_is_denied)
{
	struct db *db = tu_db("en");
	struct la_actor user;
	struct porting_plan plan;
	struct la_err err;
	const char *text = HEAD_C "\"categories\": [{\"name\": \"Webinar\", \"group\": \"customer\"}]}";

	tu_actor(db, "plainuser", ROLE_USER, &user);
	la_err_clear(&err);
	ck_assert_int_eq(porting_import(db, &user, text, strlen(text), false, CONFIRM_YES,
					&plan, &err), LA_DENIED);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM category WHERE name = 'Webinar'", -1), 0);
	db_close(db);
}
END_TEST

static Suite *porting_suite(void)
{
	Suite *s = suite_create("porting");
	TCase *tc = tcase_create("porting");

	tcase_add_test(tc, export_then_import_gives_the_same_lists);
	tcase_add_test(tc, import_with_one_invalid_item_changes_nothing);
	tcase_add_test(tc, dry_run_changes_nothing_but_reports_the_plan);
	tcase_add_test(tc, new_items_take_their_place_and_the_order_moves_the_others);
	tcase_add_test(tc, a_list_with_gaps_in_its_ranks_keeps_them);
	tcase_add_test(tc, a_list_with_odd_ranks_gets_the_files_order);
	tcase_add_test(tc, duplicate_names_in_the_file_are_refused);
	tcase_add_test(tc, wrong_format_or_version_is_refused);
	tcase_add_test(tc, invalid_json_is_refused_with_line_and_column);
	tcase_add_test(tc, a_nul_byte_after_the_version_is_refused);
	tcase_add_test(tc, a_key_twice_in_an_item_is_refused_naming_the_key);
	tcase_add_test(tc, a_key_twice_at_the_top_is_refused_too);
	tcase_add_test(tc, bytes_that_are_not_utf8_are_refused_with_their_place);
	tcase_add_test(tc, version_1_0_and_1e0_are_version_1);
	tcase_add_test(tc, deep_nesting_is_refused_without_a_crash);
	tcase_add_test(tc, a_huge_file_is_read);
	tcase_add_test(tc, turning_off_lead_status_in_use_needs_confirmation);
	tcase_add_test(tc, renaming_an_item_in_use_needs_confirmation);
	tcase_add_test(tc, deleting_an_item_in_use_needs_confirmation);
	tcase_add_test(tc, default_moves_to_the_files_default);
	tcase_add_test(tc, a_file_may_delete_the_default_it_replaces);
	tcase_add_test(tc, a_deleted_item_takes_the_files_fields);
	tcase_add_test(tc, lead_status_outside_potential_customer_is_refused);
	tcase_add_test(tc, import_by_a_plain_user_is_denied);
	tcase_add_test(tc, a_syntax_error_after_applied_items_changes_nothing);
	tcase_add_test(tc, text_after_the_object_is_refused);
	tcase_add_test(tc, format_and_version_may_follow_the_lists);
	tcase_add_test(tc, a_name_twice_is_found_against_the_items_applied);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(porting_suite()); }

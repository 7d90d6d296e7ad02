/* The rules of DESIGN §1 for the two lead lists, one test per behaviour.
 * Every test runs against a fresh in-memory database (English defaults:
 * the four lead categories and the five statuses, Open the default) and
 * reads the outcome back from the tables, not only from return codes. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "leads.h"
#include "lists.h"
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

/* Runs sql (one statement) with one optional int64 parameter (-1: none). */
static void run(const char *sql, int64_t param)
{
	struct db_stmt *st = tu_prepare(db, sql);
	struct la_err err;

	la_err_clear(&err);
	if (param >= 0)
		db_bind_int64(st, 1, param);
	ck_assert_msg(db_step_done(db, st, "test", &err) == LA_OK, "%s: %s", sql, err.msg);
	db_finalize(st);
}

static long audits(void)
{
	return count("SELECT count(*) FROM audit");
}

/* One text value of sql as an allocated string (any length). */
static char *query_text(const char *sql)
{
	struct db_stmt *st = tu_prepare(db, sql);
	const char *s;
	char *out;

	ck_assert(db_step(st) == DB_ROW);
	s = db_col_text(st, 0);
	out = strdup(s ? s : "");
	db_finalize(st);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Everything a list change could touch, to show that a refusal changed
 * nothing (caller frees). */
static char *snapshot(void)
{
	return query_text(
		"SELECT (SELECT group_concat(x, ';') FROM (SELECT category_id || '|' || name || '|' || "
		"tooltip || '|' || rank || '|' || deleted || '|' || category_group || '|' || "
		"enable_lead_status || '|' || updatedCount AS x FROM category ORDER BY category_id) AS t) "
		"|| '#' || (SELECT group_concat(x, ';') FROM (SELECT leadstatus_id || '|' || name || '|' || "
		"tooltip || '|' || rank || '|' || deleted || '|' || is_default || '|' || updatedCount AS x "
		"FROM leadstatus ORDER BY leadstatus_id) AS t) "
		"|| '#' || coalesce((SELECT group_concat(x, ',') FROM (SELECT person_id || ':' || "
		"coalesce(CAST(leadstatus_id AS TEXT), '-') AS x FROM person ORDER BY person_id) AS t), '') "
		"|| '#' || coalesce((SELECT group_concat(x, ',') FROM (SELECT contact_id || ':' || "
		"coalesce(CAST(category_idx AS TEXT), '-') AS x FROM contact ORDER BY contact_id) AS t), '') "
		"|| '#' || (SELECT count(*) FROM audit) || '#' || (SELECT count(*) FROM associate)");
}

#define assert_unchanged(before) do { \
	char *after_ = snapshot(); \
	ck_assert_str_eq((before), after_); \
	free(after_); \
	free(before); \
} while (0)

static void set_text(char **field, const char *s)
{
	free(*field);
	*field = strdup(s);
	ck_assert_ptr_nonnull(*field);
}

/* Adds an item as actor; *id (when given) receives its id. */
static enum la_status add_as(const struct la_actor *actor, enum la_list list,
			     const char *name, enum la_group group, bool lead_status,
			     int64_t *id, struct la_err *err)
{
	struct la_item it;
	enum la_status rc;

	lists_item_init(&it, list);
	set_text(&it.name, name);
	it.group = group;
	it.lead_status = lead_status;
	la_err_clear(err);
	rc = lists_save(db, actor, &it, CONFIRM_NONE, err);
	if (id)
		*id = it.id;
	lists_item_clear(&it);
	return rc;
}

static enum la_status add(enum la_list list, const char *name, enum la_group group,
			  bool lead_status, int64_t *id, struct la_err *err)
{
	return add_as(&admin, list, name, group, lead_status, id, err);
}

static int64_t id_of(enum la_list list, const char *name)
{
	struct la_item it;
	struct la_err err;
	int64_t id;

	la_err_clear(&err);
	ck_assert_msg(lists_find(db, list, name, &it, &err) == LA_OK, "%s", err.msg);
	id = it.id;
	lists_item_clear(&it);
	return id;
}

static void get(enum la_list list, int64_t id, struct la_item *it)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(lists_get(db, list, id, it, &err) == LA_OK, "%s", err.msg);
}

static enum la_status save(struct la_item *it, enum la_confirm confirm, struct la_err *err)
{
	la_err_clear(err);
	return lists_save(db, &admin, it, confirm, err);
}

/* Loads item id, renames it and saves it. */
static enum la_status rename_item(enum la_list list, int64_t id, const char *name,
				  enum la_confirm confirm, struct la_err *err)
{
	struct la_item it;
	enum la_status rc;

	get(list, id, &it);
	set_text(&it.name, name);
	rc = save(&it, confirm, err);
	lists_item_clear(&it);
	return rc;
}

/* Loads category id, sets its group and lead status and saves it. */
static enum la_status set_category(int64_t id, enum la_group group, bool lead_status,
				   enum la_confirm confirm, struct la_err *err)
{
	struct la_item it;
	enum la_status rc;

	get(LIST_CATEGORY, id, &it);
	it.group = group;
	it.lead_status = lead_status;
	rc = save(&it, confirm, err);
	lists_item_clear(&it);
	return rc;
}

static enum la_status delete_item(enum la_list list, int64_t id, int64_t new_default,
				  enum la_confirm confirm, struct la_err *err)
{
	la_err_clear(err);
	return lists_delete(db, &admin, list, id, new_default, confirm, err);
}

static enum la_status move(enum la_list list, int64_t id, int direction, struct la_err *err)
{
	la_err_clear(err);
	return lists_move(db, &admin, list, id, direction, err);
}

/* A category of the group Potential customer with companies and their
 * contacts; with lead status on the contacts have the default status. */
static int64_t category_in_use(const char *name, bool lead_status, int companies,
			       int persons_each)
{
	int64_t id = tu_category(db, name, GROUP_POTENTIAL_CUSTOMER, lead_status);

	tu_companies(db, id, companies, persons_each);
	return id;
}

/* The names of the listed items joined with ",". */
static void names_of(enum la_list list, bool with_deleted, char *buf, size_t len)
{
	struct la_items items;
	struct la_err err;
	size_t i, used = 0;

	la_err_clear(&err);
	ck_assert(lists_load(db, list, with_deleted, &items, &err) == LA_OK);
	buf[0] = '\0';
	for (i = 0; i < items.n; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? "," : "", items.v[i].name);

		ck_assert(n > 0 && (size_t)n < len - used);
		used += (size_t)n;
	}
	lists_items_free(&items);
}

/* n copies of the UTF-8 character ch (caller frees). */
static char *repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch), i;
	char *s = malloc(len * n + 1);

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[len * n] = '\0';
	return s;
}

/* ---- category groups ---- */

START_TEST(group_keys_parse_back_and_unknown_is_not_offered)
{
	enum la_group g;
	int i;

	for (i = GROUP_CUSTOMER; i < GROUP_COUNT; i++) {
		ck_assert(lists_group_parse(lists_group_key((enum la_group)i), &g));
		ck_assert_int_eq(g, i);
	}
	ck_assert_str_eq(lists_group_key(GROUP_POTENTIAL_CUSTOMER), "potential-customer");
	ck_assert_str_eq(lists_group_label(GROUP_POTENTIAL_CUSTOMER), "Potential customer");
	ck_assert(!lists_group_parse("unknown", &g));
	ck_assert(!lists_group_parse("Customer", &g));
	ck_assert(!lists_group_parse("", &g));
}
END_TEST

/* ---- rule 1: lead status only for Potential customer ---- */

START_TEST(category_lead_status_needs_potential_customer)
{
	static const enum la_group others[] = {
		GROUP_CUSTOMER, GROUP_PARTNER, GROUP_LOST, GROUP_OTHER,
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		char *before = snapshot();

		ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", others[i], true, NULL, &err),
				 LA_REFUSED);
		ck_assert_int_eq(err.field, LA_FIELD_LEAD_STATUS);
		tu_assert_has(err.msg, "Potential customer");
		tu_assert_has(err.msg, lists_group_label(others[i]));
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(category_lead_status_allowed_for_potential_customer)
{
	struct la_err err;
	int64_t id;

	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_POTENTIAL_CUSTOMER, true, &id, &err),
			 LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT category_group FROM category WHERE category_id = ?", id), 2);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", id), 1);
}
END_TEST

START_TEST(category_edit_lead_status_on_refused_outside_potential_customer)
{
	struct la_err err;
	int64_t id = tu_category(db, "Reseller", GROUP_PARTNER, false);
	char *before = snapshot();

	ck_assert_int_eq(set_category(id, GROUP_PARTNER, true, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_LEAD_STATUS);
	tu_assert_has(err.msg, "Potential customer");
	assert_unchanged(before);
}
END_TEST

START_TEST(category_group_change_away_turns_lead_status_off)
{
	struct la_err err;
	int64_t id = tu_category(db, "Webinar", GROUP_POTENTIAL_CUSTOMER, true);

	/* The caller leaves the box ticked; the domain turns it off. */
	ck_assert_int_eq(set_category(id, GROUP_CUSTOMER, true, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT category_group FROM category WHERE category_id = ?", id), 1);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", id), 0);
}
END_TEST

START_TEST(category_group_change_away_in_use_needs_confirmation)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 2, 3);
	char *before = snapshot();

	ck_assert_int_eq(set_category(id, GROUP_CUSTOMER, true, CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.status, LA_CONFIRM);
	ck_assert_int_eq(err.companies, 2);
	ck_assert_int_eq(err.contacts, 6);
	tu_assert_has(err.msg, "2 companies and 6 contacts");
	tu_assert_has(err.msg, "can no longer be updated");
	assert_unchanged(before);

	ck_assert_int_eq(set_category(id, GROUP_CUSTOMER, true, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT category_group FROM category WHERE category_id = ?", id), 1);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", id), 0);
	/* Rule 7: the contacts keep their last status. */
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id = "
			       "(SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')"), 6);
}
END_TEST

START_TEST(new_category_needs_a_group)
{
	struct la_err err;
	char *before = snapshot();

	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_UNKNOWN, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_GROUP);
	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", (enum la_group)9, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_GROUP);
	assert_unchanged(before);
}
END_TEST

START_TEST(legacy_category_without_group_can_still_be_edited)
{
	struct la_err err;
	int64_t id;

	/* A legacy row has group Unknown (0); editing it must not force a choice. */
	tu_exec_keyed(db, "INSERT INTO category (name, rank) VALUES ('Old style', 9)");
	id = id_of(LIST_CATEGORY, "Old style");
	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "Older style", CONFIRM_NONE, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT name || '/' || category_group FROM category WHERE category_id = ?",
				 id), "Older style/0");
	/* Nor may it get lead status while it has no group. */
	ck_assert_int_eq(set_category(id, GROUP_UNKNOWN, true, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_LEAD_STATUS);
}
END_TEST

/* ---- rule 2: unique names ---- */

START_TEST(name_duplicate_refused_case_insensitively)
{
	struct la_err err;
	char *before = snapshot();

	ck_assert_int_eq(add(LIST_CATEGORY, "lEAD", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err),
			 LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	tu_assert_has(err.msg, "already in this list");
	assert_unchanged(before);
}
END_TEST

START_TEST(name_duplicate_refused_for_lead_status)
{
	struct la_err err;
	char *before = snapshot();

	ck_assert_int_eq(add(LIST_LEADSTATUS, "OPEN", GROUP_UNKNOWN, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	assert_unchanged(before);
}
END_TEST

START_TEST(name_duplicate_refused_for_german_letters)
{
	static const char *const pairs[][2] = {
		{ "Öffentlich", "öffentlich" },
		{ "ÄRGER", "ärger" },
		{ "über uns", "ÜBER UNS" },
		{ "STRASSE", "Straße" },
		{ "Maß", "MASS" },
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *before;

		ck_assert_int_eq(add(LIST_CATEGORY, pairs[i][0], GROUP_CUSTOMER, false, NULL, &err), LA_OK);
		before = snapshot();
		ck_assert_msg(add(LIST_CATEGORY, pairs[i][1], GROUP_CUSTOMER, false, NULL, &err) == LA_REFUSED,
			      "'%s' was accepted beside '%s'", pairs[i][1], pairs[i][0]);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(name_different_letters_are_not_duplicates)
{
	struct la_err err;

	ck_assert_int_eq(add(LIST_CATEGORY, "Offentlich", GROUP_CUSTOMER, false, NULL, &err), LA_OK);
	ck_assert_int_eq(add(LIST_CATEGORY, "Öffentlich", GROUP_CUSTOMER, false, NULL, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE name LIKE '%ffentlich'"), 2);
}
END_TEST

START_TEST(name_of_deleted_item_cannot_be_reused)
{
	struct la_err err;
	int64_t id = tu_category(db, "Webinar", GROUP_CUSTOMER, false);
	char *before;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	ck_assert_int_eq(add(LIST_CATEGORY, "WEBINAR", GROUP_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	tu_assert_has(err.msg, "deleted");
	assert_unchanged(before);
}
END_TEST

START_TEST(name_duplicate_refused_despite_surrounding_spaces)
{
	static const char *const names[] = { "Lead  ", "  lead", " LEAD\t" };
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *before = snapshot();

		ck_assert_msg(add(LIST_CATEGORY, names[i], GROUP_POTENTIAL_CUSTOMER, false, NULL, &err)
			      == LA_REFUSED, "'%s' was accepted", names[i]);
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(name_may_repeat_in_the_other_list)
{
	struct la_err err;

	ck_assert_int_eq(add(LIST_CATEGORY, "Open", GROUP_CUSTOMER, false, NULL, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE name = 'Open'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE name = 'Open'"), 1);
}
END_TEST

START_TEST(rename_to_own_name_in_other_case_allowed)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");

	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "LEAD", CONFIRM_NONE, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "LEAD");
	/* The indexed name key stays filled, so look-ups need no scan. */
	ck_assert_str_eq(tu_text(db, "SELECT la_name_key FROM category WHERE category_id = ?", id), "lead");
}
END_TEST

START_TEST(name_key_follows_renames_by_other_programs)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");

	/* Another program renames without knowing the key: the trigger
	 * empties it, and the look-up still finds the new name. A server
	 * wants the key by the end of the transaction: there, the rename
	 * is looked at within one, whose commit is refused. */
	if (tu_on_server())
		ck_assert(db_begin(db, &err) == LA_OK);
	tu_exec(db, "UPDATE category SET name = 'Öffentlich' WHERE name = 'Lead'");
	ck_assert_int_eq(tu_int(db, "SELECT CASE WHEN la_name_key IS NULL THEN 1 ELSE 0 END "
				"FROM category WHERE category_id = ?", id), 1);
	ck_assert_int_eq(add(LIST_CATEGORY, "öffentlich", GROUP_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	if (tu_on_server()) {
		ck_assert_int_eq(db_commit(db, &err), LA_DB);
		tu_assert_has(err.msg, "has no key");
		ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "Lead");
	}
}
END_TEST

/* Names that fold alike live on in old databases: the look-up answers
 * with the item of that very spelling, else one not deleted, else the
 * oldest; and never with the item it is told to leave out. */
START_TEST(name_look_up_prefers_spelling_then_not_deleted_then_oldest)
{
	struct la_err err;
	int64_t a, b, c, id;
	bool deleted;

	if (tu_on_server()) {
		/* Rule 2 is the server's constraint there: no twins to look
		 * among, and a change that makes them is refused. */
		la_err_clear(&err);
		ck_assert_int_ne(db_exec(db, "INSERT INTO category (name, rank, deleted, la_name_key) "
					 "VALUES ('webinar', 90, 1, la_fold('webinar')), "
					 "('WEBINAR', 91, 0, la_fold('WEBINAR'))", &err), LA_OK);
		tu_assert_has(err.msg, "same moment");
		ck_assert_int_eq(count("SELECT count(*) FROM category WHERE la_fold(name) = 'webinar'"), 0);
		return;
	}
	tu_exec(db, "INSERT INTO category (name, rank, deleted, la_name_key) VALUES "
		"('webinar', 90, 1, la_fold('webinar')); "
		"INSERT INTO category (name, rank, deleted, la_name_key) VALUES "
		"('WEBINAR', 91, 0, la_fold('WEBINAR')); "
		"INSERT INTO category (name, rank, deleted, la_name_key) VALUES "
		"('Webinar', 92, 1, la_fold('Webinar'))");
	a = tu_int(db, "SELECT category_id FROM category WHERE name = 'webinar' AND category_id > ?", 0);
	b = tu_int(db, "SELECT category_id FROM category WHERE name = 'WEBINAR' AND category_id > ?", 0);
	c = tu_int(db, "SELECT category_id FROM category WHERE name = 'Webinar' AND category_id > ?", 0);
	ck_assert(a < b && b < c);

	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, " Webinar ", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, c);
	ck_assert(deleted);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "wEbInAr", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, b);
	ck_assert(!deleted);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "Webinar", c, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, b);
	tu_exec(db, "UPDATE category SET deleted = 1 "
				      "WHERE name = 'WEBINAR'");
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "wEbInAr", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, a);
	ck_assert(deleted);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "Webinars", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 0);
	ck_assert(!deleted);
}
END_TEST

START_TEST(rename_to_name_of_another_item_refused)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");
	char *before = snapshot();

	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "opportunity", CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	assert_unchanged(before);
}
END_TEST

/* ---- rule 3: names and descriptions ---- */

START_TEST(name_and_description_are_trimmed)
{
	struct la_item it;
	struct la_err err;

	lists_item_init(&it, LIST_CATEGORY);
	set_text(&it.name, " \t Webinar  ");
	set_text(&it.tooltip, "  From webinars \n");
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_OK);
	ck_assert_str_eq(it.name, "Webinar");
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", it.id), "Webinar");
	ck_assert_str_eq(tu_text(db, "SELECT tooltip FROM category WHERE category_id = ?", it.id),
			 "From webinars");
	lists_item_clear(&it);
}
END_TEST

START_TEST(check_name_returns_the_trimmed_name)
{
	struct la_err err;
	char *clean = NULL, sentinel = 'x';

	la_err_clear(&err);
	ck_assert_int_eq(lists_check_name(LIST_LEADSTATUS, "\xC2\xA0 Hot lead \t", &clean, &err), LA_OK);
	ck_assert_str_eq(clean, "Hot lead");
	free(clean);
	clean = &sentinel;
	ck_assert_int_eq(lists_check_name(LIST_LEADSTATUS, "Hot\x1b", &clean, &err), LA_REFUSED);
	ck_assert_ptr_null(clean);
	ck_assert_int_eq(lists_check_tooltip(NULL, &clean, &err), LA_OK);
	ck_assert_str_eq(clean, "");
	free(clean);
}
END_TEST

START_TEST(legacy_name_kept_as_stored_is_not_checked_again)
{
	struct la_item it;
	struct la_err err;
	int64_t id;

	/* An old database may hold a name that rule 3 refuses today. */
	tu_exec_keyed(db, "INSERT INTO category (name, rank, category_group) VALUES ('Old\tstyle', 9, 1)");
	id = count("SELECT max(category_id) FROM category");
	get(LIST_CATEGORY, id, &it);
	set_text(&it.tooltip, "Still editable");
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT tooltip FROM category WHERE category_id = ?", id), "Still editable");
	/* A new name is checked. */
	set_text(&it.name, "Old\tstyle 2");
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "Old\tstyle");
	lists_item_clear(&it);
}
END_TEST

START_TEST(empty_name_refused)
{
	static const char *const names[] = { "", "   ", "\t\n", "\xC2\xA0" };
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *before = snapshot();

		ck_assert_int_eq(add(LIST_CATEGORY, names[i], GROUP_CUSTOMER, false, NULL, &err), LA_REFUSED);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		tu_assert_has(err.msg, "empty");
		ck_assert_int_eq(add(LIST_LEADSTATUS, names[i], GROUP_UNKNOWN, false, NULL, &err), LA_REFUSED);
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(invalid_utf8_name_refused)
{
	static const char *const names[] = {
		"Caf\xE9",               /* Latin-1 é */
		"A\xC3",                 /* cut sequence */
		"\xC0\xAF",              /* overlong '/' */
		"\xED\xA0\x80",          /* surrogate */
		"\xF4\x90\x80\x80",      /* beyond U+10FFFF */
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *before = snapshot();

		ck_assert_msg(add(LIST_CATEGORY, names[i], GROUP_CUSTOMER, false, NULL, &err) == LA_REFUSED,
			      "name %zu was accepted", i);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		tu_assert_has(err.msg, "UTF-8");
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(control_characters_refused)
{
	static const char *const names[] = {
		"Web\tinar",                 /* tab inside */
		"Web\ninar",
		"\x1b[31mRed",               /* ESC sequence */
		"Bad\x1b",
		"A\xC2\x9B" "31mB",          /* C1 CSI U+009B */
		"Del\x7F",
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *before = snapshot();

		ck_assert_msg(add(LIST_CATEGORY, names[i], GROUP_CUSTOMER, false, NULL, &err) == LA_REFUSED,
			      "name %zu was accepted", i);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		tu_assert_has(err.msg, "control characters");
		ck_assert_int_eq(add(LIST_LEADSTATUS, names[i], GROUP_UNKNOWN, false, NULL, &err), LA_REFUSED);
		assert_unchanged(before);
	}
}
END_TEST

START_TEST(control_characters_in_description_refused)
{
	struct la_item it;
	struct la_err err;
	char *before = snapshot();

	lists_item_init(&it, LIST_CATEGORY);
	set_text(&it.name, "Webinar");
	set_text(&it.tooltip, "From \x1b]0;pwned\x07 webinars");
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DESCRIPTION);
	lists_item_clear(&it);
	assert_unchanged(before);
}
END_TEST

START_TEST(name_length_counted_in_characters)
{
	enum la_list lists[] = { LIST_CATEGORY, LIST_LEADSTATUS };
	struct la_err err;
	size_t i;

	for (i = 0; i < 2; i++) {
		char *ok = repeat("ä", 239);    /* 478 bytes */
		char *longer = repeat("ä", 240);
		char *before;
		int64_t id;

		ck_assert_int_eq(add(lists[i], ok, GROUP_CUSTOMER, false, &id, &err), LA_OK);
		ck_assert_int_eq(tu_int(db, lists[i] == LIST_CATEGORY
					? "SELECT length(name) FROM category WHERE category_id = ?"
					: "SELECT length(name) FROM leadstatus WHERE leadstatus_id = ?", id), 239);
		before = snapshot();
		ck_assert_int_eq(add(lists[i], longer, GROUP_CUSTOMER, false, NULL, &err), LA_REFUSED);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		tu_assert_has(err.msg, "240 characters, at most 239");
		assert_unchanged(before);
		free(ok);
		free(longer);
	}
}
END_TEST

START_TEST(description_length_counted_in_characters)
{
	struct la_item it;
	struct la_err err;
	char *ok = repeat("€", 254);    /* 762 bytes */
	char *longer = repeat("€", 255);
	char *before;

	lists_item_init(&it, LIST_LEADSTATUS);
	set_text(&it.name, "Nurture");
	set_text(&it.tooltip, ok);
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT length(tooltip) FROM leadstatus WHERE leadstatus_id = ?",
				it.id), 254);
	before = snapshot();
	set_text(&it.tooltip, longer);
	ck_assert_int_eq(save(&it, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DESCRIPTION);
	tu_assert_has(err.msg, "255 characters, at most 254");
	assert_unchanged(before);
	lists_item_clear(&it);
	free(ok);
	free(longer);
}
END_TEST

/* ---- rule 4: soft delete and restore ---- */

START_TEST(delete_hides_item_but_keeps_row_and_references)
{
	struct la_items items;
	struct la_err err;
	char names[512];
	int64_t fair = category_in_use("Fair", true, 2, 2);
	int64_t open = id_of(LIST_LEADSTATUS, "Open");
	int64_t contacting = id_of(LIST_LEADSTATUS, "Contacting");
	size_t i;

	run("UPDATE person SET leadstatus_id = ? WHERE person_id = (SELECT min(person_id) FROM person)",
	    contacting);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, fair, 0, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, contacting, 0, CONFIRM_YES, &err), LA_OK);

	names_of(LIST_CATEGORY, false, names, sizeof(names));
	ck_assert_str_eq(names, "Lead,Marketing qualified lead (MQL),Opportunity,Lost opportunity");
	names_of(LIST_LEADSTATUS, false, names, sizeof(names));
	ck_assert_str_eq(names, "Open,Qualified,Disqualified,Re-nurture");

	ck_assert(lists_load(db, LIST_CATEGORY, true, &items, &err) == LA_OK);
	ck_assert_uint_eq(items.n, 5);
	for (i = 0; i < items.n; i++)
		ck_assert(items.v[i].deleted == (items.v[i].id == fair));
	ck_assert_int_eq(items.v[4].companies, 2);
	ck_assert_int_eq(items.v[4].contacts, 4);
	lists_items_free(&items);

	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = ?", fair), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact WHERE category_idx = ?", fair), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", contacting), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 3);
}
END_TEST

START_TEST(deleted_item_still_found_by_name)
{
	struct la_item it;
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Opportunity");

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(lists_find(db, LIST_CATEGORY, "opportunity", &it, &err), LA_OK);
	ck_assert_int_eq(it.id, id);
	ck_assert(it.deleted);
	ck_assert_str_eq(it.name, "Opportunity");
	lists_item_clear(&it);
}
END_TEST

START_TEST(restore_brings_item_back)
{
	struct la_err err;
	char names[512];
	int64_t id = id_of(LIST_LEADSTATUS, "Qualified");

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, id, 0, CONFIRM_NONE, &err), LA_OK);
	la_err_clear(&err);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_LEADSTATUS, id, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM leadstatus WHERE leadstatus_id = ?", id), 0);
	names_of(LIST_LEADSTATUS, false, names, sizeof(names));
	ck_assert_str_eq(names, "Open,Contacting,Qualified,Disqualified,Re-nurture");
}
END_TEST

START_TEST(restore_of_active_item_refused)
{
	struct la_err err;
	char *before = snapshot();

	la_err_clear(&err);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), &err),
			 LA_REFUSED);
	tu_assert_has(err.msg, "not deleted");
	assert_unchanged(before);
}
END_TEST

START_TEST(delete_of_deleted_item_refused)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");
	char *before;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_YES, &err), LA_REFUSED);
	tu_assert_has(err.msg, "already deleted");
	assert_unchanged(before);
}
END_TEST

START_TEST(deleted_item_cannot_be_edited)
{
	struct la_item it;
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");
	char *before;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	get(LIST_CATEGORY, id, &it);
	set_text(&it.tooltip, "changed");
	ck_assert_int_eq(save(&it, CONFIRM_YES, &err), LA_REFUSED);
	tu_assert_has(err.msg, "restore it");
	lists_item_clear(&it);
	assert_unchanged(before);
}
END_TEST

START_TEST(deleted_item_cannot_be_moved)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Opportunity");
	char *before;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	ck_assert_int_eq(move(LIST_CATEGORY, id, -1, &err), LA_REFUSED);
	ck_assert_int_eq(move(LIST_CATEGORY, id, +1, &err), LA_REFUSED);
	tu_assert_has(err.msg, "restore it");
	assert_unchanged(before);
}
END_TEST

START_TEST(delete_check_answers_without_changing_anything)
{
	struct la_err err;
	int64_t fair = category_in_use("Fair", true, 2, 1);
	char *before = snapshot();

	la_err_clear(&err);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), 0, &err),
			 LA_OK);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_CATEGORY, fair, 0, &err), LA_CONFIRM);
	ck_assert_int_eq(err.companies, 2);
	ck_assert_int_eq(err.contacts, 2);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Open"), 0,
					    &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DEFAULT);
	assert_unchanged(before);
	ck_assert(!db_in_transaction(db));
}
END_TEST

START_TEST(missing_item_not_found)
{
	struct la_item it;
	struct la_err err;
	char *before = snapshot();

	la_err_clear(&err);
	ck_assert_int_eq(lists_get(db, LIST_CATEGORY, 999, &it, &err), LA_NOT_FOUND);
	ck_assert_int_eq(lists_find(db, LIST_CATEGORY, "Nowhere", &it, &err), LA_NOT_FOUND);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, 999, 0, CONFIRM_YES, &err), LA_NOT_FOUND);
	ck_assert_int_eq(move(LIST_LEADSTATUS, 999, -1, &err), LA_NOT_FOUND);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_CATEGORY, 999, &err), LA_NOT_FOUND);
	assert_unchanged(before);
}
END_TEST

/* ---- rule 5: order ---- */

START_TEST(new_item_goes_to_the_end)
{
	struct la_err err;
	char names[512];
	int64_t id;

	ck_assert_int_eq(add(LIST_LEADSTATUS, "Nurture", GROUP_UNKNOWN, false, &id, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM leadstatus WHERE leadstatus_id = ?", id), 6);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE rank >= 6"), 1);
	names_of(LIST_LEADSTATUS, false, names, sizeof(names));
	ck_assert_str_eq(names, "Open,Contacting,Qualified,Disqualified,Re-nurture,Nurture");
}
END_TEST

START_TEST(new_item_goes_after_deleted_last_item)
{
	struct la_err err;
	int64_t last = id_of(LIST_CATEGORY, "Lost opportunity"), id;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, last, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, &id, &err), LA_OK);
	ck_assert_int_gt(tu_int(db, "SELECT rank FROM category WHERE category_id = ?", id),
			 tu_int(db, "SELECT rank FROM category WHERE category_id = ?", last));
}
END_TEST

START_TEST(move_up_swaps_with_previous)
{
	struct la_err err;
	char names[512];
	int64_t q = id_of(LIST_LEADSTATUS, "Qualified"), c = id_of(LIST_LEADSTATUS, "Contacting");

	ck_assert_int_eq(move(LIST_LEADSTATUS, q, -1, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM leadstatus WHERE leadstatus_id = ?", q), 2);
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM leadstatus WHERE leadstatus_id = ?", c), 3);
	names_of(LIST_LEADSTATUS, false, names, sizeof(names));
	ck_assert_str_eq(names, "Open,Qualified,Contacting,Disqualified,Re-nurture");
}
END_TEST

START_TEST(move_down_swaps_with_next)
{
	struct la_err err;
	char names[512];

	ck_assert_int_eq(move(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), +1, &err), LA_OK);
	names_of(LIST_CATEGORY, false, names, sizeof(names));
	ck_assert_str_eq(names, "Marketing qualified lead (MQL),Lead,Opportunity,Lost opportunity");
}
END_TEST

START_TEST(move_first_up_or_last_down_refused)
{
	struct la_err err;
	char *before = snapshot();

	ck_assert_int_eq(move(LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Open"), -1, &err), LA_REFUSED);
	tu_assert_has(err.msg, "already first");
	ck_assert_int_eq(move(LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Re-nurture"), +1, &err),
			 LA_REFUSED);
	tu_assert_has(err.msg, "already last");
	assert_unchanged(before);
}
END_TEST

START_TEST(move_normalises_equal_legacy_ranks)
{
	struct la_err err;
	char names[512];

	/* A legacy list where every item has rank 0: its order is by id. */
	run("UPDATE category SET rank = 0", -1);
	ck_assert_int_eq(move(LIST_CATEGORY, id_of(LIST_CATEGORY, "Opportunity"), -1, &err), LA_OK);
	names_of(LIST_CATEGORY, false, names, sizeof(names));
	ck_assert_str_eq(names, "Lead,Opportunity,Marketing qualified lead (MQL),Lost opportunity");
	ck_assert_int_eq(count("SELECT count(DISTINCT rank) FROM category"), 4);
}
END_TEST

START_TEST(move_skips_deleted_items)
{
	struct la_err err;
	char names[512];
	int64_t mql = id_of(LIST_CATEGORY, "Marketing qualified lead (MQL)");
	int64_t opp = id_of(LIST_CATEGORY, "Opportunity");

	ck_assert_int_eq(delete_item(LIST_CATEGORY, mql, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(move(LIST_CATEGORY, opp, -1, &err), LA_OK);
	names_of(LIST_CATEGORY, false, names, sizeof(names));
	ck_assert_str_eq(names, "Opportunity,Lead,Lost opportunity");
	ck_assert_int_eq(tu_int(db, "SELECT rank FROM category WHERE category_id = ?", mql), 2);
}
END_TEST

/* ---- rule 6: cautions ---- */

START_TEST(rename_in_use_needs_confirmation)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 3, 2);
	char *before = snapshot();

	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "Trade fair", CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.companies, 3);
	ck_assert_int_eq(err.contacts, 6);
	tu_assert_has(err.msg, "renamed everywhere");
	assert_unchanged(before);

	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "Trade fair", CONFIRM_YES, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "Trade fair");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact WHERE category_idx = ?", id), 3);
}
END_TEST

START_TEST(rename_unused_item_needs_no_confirmation)
{
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Lead");

	ck_assert_int_eq(rename_item(LIST_CATEGORY, id, "Inbound lead", CONFIRM_NONE, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "Inbound lead");
}
END_TEST

START_TEST(description_change_of_in_use_item_needs_no_confirmation)
{
	struct la_item it;
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 1, 1);

	get(LIST_CATEGORY, id, &it);
	set_text(&it.tooltip, "Contacts from trade fairs");
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_OK);
	lists_item_clear(&it);
	ck_assert_str_eq(tu_text(db, "SELECT tooltip FROM category WHERE category_id = ?", id),
			 "Contacts from trade fairs");
}
END_TEST

START_TEST(lead_status_rename_in_use_needs_confirmation)
{
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open");
	char *before;

	category_in_use("Fair", true, 2, 2);
	before = snapshot();
	ck_assert_int_eq(rename_item(LIST_LEADSTATUS, open, "New", CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.companies, 0);
	ck_assert_int_eq(err.contacts, 4);
	tu_assert_has(err.msg, "4 contacts");
	assert_unchanged(before);
	ck_assert_int_eq(rename_item(LIST_LEADSTATUS, open, "New", CONFIRM_YES, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM leadstatus WHERE leadstatus_id = ?", open), "New");
}
END_TEST

START_TEST(delete_in_use_category_needs_confirmation)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 2, 3);
	char *before = snapshot();

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.status, LA_CONFIRM);
	ck_assert_int_eq(err.companies, 2);
	ck_assert_int_eq(err.contacts, 6);
	tu_assert_has(err.msg, "2 companies and 6 contacts");
	assert_unchanged(before);

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = ?", id), 1);
}
END_TEST

START_TEST(delete_in_use_lead_status_needs_confirmation)
{
	struct la_err err;
	int64_t q = id_of(LIST_LEADSTATUS, "Qualified");
	char *before;

	category_in_use("Fair", true, 1, 3);
	run("UPDATE person SET leadstatus_id = ?", q);
	before = snapshot();
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.contacts, 3);
	tu_assert_has(err.msg, "3 contacts");
	assert_unchanged(before);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM leadstatus WHERE leadstatus_id = ?", q), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", q), 3);
}
END_TEST

START_TEST(delete_unused_item_needs_no_confirmation)
{
	struct la_err err;
	int64_t id = id_of(LIST_LEADSTATUS, "Re-nurture");

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, id, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM leadstatus WHERE leadstatus_id = ?", id), 1);
}
END_TEST

START_TEST(lead_status_off_in_use_needs_confirmation)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 2, 2);
	char *before = snapshot();

	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, false, CONFIRM_NONE, &err),
			 LA_CONFIRM);
	ck_assert_int_eq(err.companies, 2);
	ck_assert_int_eq(err.contacts, 4);
	tu_assert_has(err.msg, "lead status is turned off");
	assert_unchanged(before);

	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, false, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", id), 0);
}
END_TEST

/* ---- rule 7: what a contact's lead status does ---- */

START_TEST(lead_status_on_gives_contacts_without_status_the_default)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", false, 2, 3);
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), q = id_of(LIST_LEADSTATUS, "Qualified");
	char *before;

	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 6);
	run("UPDATE person SET leadstatus_id = ? WHERE person_id = 1", q);
	before = snapshot();
	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, true, CONFIRM_NONE, &err),
			 LA_CONFIRM);
	ck_assert_int_eq(err.contacts, 5);
	tu_assert_has(err.msg, "5 contacts");
	assert_unchanged(before);

	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, true, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(err.contacts, 5);
	ck_assert_str_eq(err.msg, "");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 5);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", 1), q);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 0);
}
END_TEST

START_TEST(lead_status_on_without_contacts_needs_no_confirmation)
{
	struct la_err err;
	int64_t id = tu_category(db, "Prospect", GROUP_POTENTIAL_CUSTOMER, false);

	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, true, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(err.contacts, 0);
	ck_assert_int_eq(tu_int(db, "SELECT enable_lead_status FROM category WHERE category_id = ?", id), 1);
}
END_TEST

START_TEST(lead_status_on_leaves_other_categories_alone)
{
	struct la_err err;
	int64_t fair = category_in_use("Fair", false, 1, 2);

	category_in_use("Webinar", false, 1, 3);
	ck_assert_int_eq(set_category(fair, GROUP_POTENTIAL_CUSTOMER, true, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL"), 2);
}
END_TEST

START_TEST(lead_status_off_keeps_contacts_status)
{
	struct la_err err;
	int64_t id = category_in_use("Fair", true, 2, 2);
	int64_t open = id_of(LIST_LEADSTATUS, "Open");

	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 4);
	ck_assert_int_eq(set_category(id, GROUP_POTENTIAL_CUSTOMER, false, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 4);
}
END_TEST

START_TEST(new_person_gets_default_status_only_in_lead_category)
{
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead");
	int64_t cust = tu_category(db, "Key account", GROUP_CUSTOMER, false);
	int64_t pc_off = tu_category(db, "Prospect", GROUP_POTENTIAL_CUSTOMER, false);
	int64_t c1, c2, c3, p;

	la_err_clear(&err);
	ck_assert_int_eq(leads_company_add(db, "Acme", lead, 0, &c1, &err), LA_OK);
	ck_assert_int_eq(leads_company_add(db, "Bolt", cust, 0, &c2, &err), LA_OK);
	ck_assert_int_eq(leads_company_add(db, "Cord", pc_off, 0, &c3, &err), LA_OK);

	ck_assert_int_eq(leads_person_add(db, c1, 0, "Ann", "A", "ann@example.com", 0, &p, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", p),
			 id_of(LIST_LEADSTATUS, "Open"));
	ck_assert_str_eq(tu_text(db, "SELECT email_address FROM email WHERE person_id = ?", p),
			 "ann@example.com");
	ck_assert_int_eq(leads_person_add(db, c2, 0, "Bob", "B", NULL, 0, &p, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", p), "(null)");
	ck_assert_int_eq(leads_person_add(db, c3, 0, "Cid", "C", NULL, 0, &p, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", p), "(null)");
	ck_assert_int_eq(leads_person_add(db, 0, 0, "Dee", "D", NULL, 0, &p, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", p), "(null)");
}
END_TEST

START_TEST(new_person_gets_the_current_default)
{
	struct la_err err;
	int64_t contacting = id_of(LIST_LEADSTATUS, "Contacting"), c, p;

	la_err_clear(&err);
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_LEADSTATUS, contacting, &err), LA_OK);
	ck_assert_int_eq(leads_company_add(db, "Acme", id_of(LIST_CATEGORY, "Lead"), 0, &c, &err), LA_OK);
	ck_assert_int_eq(leads_person_add(db, c, 0, "Ann", "A", NULL, 0, &p, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", p), contacting);
}
END_TEST

START_TEST(company_moved_into_lead_category_gets_default_status)
{
	struct la_err err;
	int64_t cust = tu_category(db, "Key account", GROUP_CUSTOMER, false);
	int64_t lead = id_of(LIST_CATEGORY, "Lead");
	int64_t q = id_of(LIST_LEADSTATUS, "Qualified");
	int64_t company;

	tu_companies(db, cust, 2, 2);
	company = count("SELECT min(contact_id) FROM contact");
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 4);
	run("UPDATE person SET leadstatus_id = ? WHERE person_id = 1", q);

	la_err_clear(&err);
	ck_assert_int_eq(leads_company_set_category(db, company, lead, NULL, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT category_idx FROM contact WHERE contact_id = ?", company), lead);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", 1), q);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE contact_id = ?1 AND leadstatus_id = "
				"(SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')", company), 1);
	/* The other company's contacts stay without a status. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE contact_id <> ? AND leadstatus_id IS NULL",
				company), 2);
}
END_TEST

START_TEST(company_moved_out_of_lead_category_keeps_status)
{
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead");
	int64_t cust = tu_category(db, "Key account", GROUP_CUSTOMER, false);
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), company;

	tu_companies(db, lead, 1, 2);
	company = count("SELECT min(contact_id) FROM contact");
	la_err_clear(&err);
	ck_assert_int_eq(leads_company_set_category(db, company, cust, NULL, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 2);
	ck_assert_int_eq(leads_company_set_category(db, 999, lead, NULL, &err), LA_NOT_FOUND);
}
END_TEST

/* ---- delete with a move ---- */

static enum la_status delete_moving(enum la_list list, int64_t id, int64_t to,
				    enum la_confirm confirm, struct lists_moved *moved,
				    struct la_err *err)
{
	la_err_clear(err);
	return lists_delete_move(db, &admin, list, id, to, 0, confirm, moved, err);
}

/* The kept counts equal a count of the rows (setup-check --deep). */
static void assert_counts_right(void)
{
	struct counts_report r;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(counts_check(db, &r, &err), LA_OK);
	for (int t = 0; t < COUNTS_TABLES; t++)
		ck_assert_msg(r.differ[t] == 0, "%ld rows of kept counts %d differ", r.differ[t], t);
}

START_TEST(delete_with_move_moves_companies_then_deletes)
{
	struct lists_moved moved;
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead"), lost = id_of(LIST_CATEGORY, "Lost opportunity");
	long before = audits();

	tu_companies(db, lost, 3, 2);
	tu_companies(db, lead, 1, 1);
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, lead, CONFIRM_NONE, &moved, &err), LA_OK);
	ck_assert_int_eq(moved.moved, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM contact WHERE category_idx = 4"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact WHERE category_idx = ?", lead), 4);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = ?", lost), 1);
	/* A row per company, one for the move, one for the delete. */
	ck_assert_int_eq(audits() - before, 3 + 1 + 1);
	ck_assert_str_eq(tu_text(db, "SELECT new_value FROM audit WHERE list = 'category' AND action = 'move'", -1),
			 "{\"moved_to\":\"Lead\",\"companies\":3}");
	assert_counts_right();
}
END_TEST

START_TEST(delete_with_move_gives_rule_7_default_status)
{
	struct lists_moved moved;
	struct la_err err;
	int64_t cust = tu_category(db, "Key account", GROUP_CUSTOMER, false);
	int64_t lead = id_of(LIST_CATEGORY, "Lead");

	tu_companies(db, cust, 2, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 6);
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, cust, lead, CONFIRM_NONE, &moved, &err), LA_OK);
	ck_assert_int_eq(moved.moved, 2);
	ck_assert_int_eq(moved.given, 6);
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE leadstatus_id IS NULL"), 0);
	assert_counts_right();
}
END_TEST

START_TEST(delete_with_move_refusals_change_nothing)
{
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead"), lost = id_of(LIST_CATEGORY, "Lost opportunity");
	int64_t gone = tu_category(db, "Gone", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t cust = tu_category(db, "Key account", GROUP_CUSTOMER, false);
	int64_t h1, h2;
	long before;

	tu_companies(db, lost, 2, 1);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, gone, 0, CONFIRM_NONE, &err), LA_OK);
	before = audits();
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, lost, CONFIRM_YES, NULL, &err), LA_REFUSED);
	tu_assert_has(err.msg, "cannot move to 'Lost opportunity' itself");
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, gone, CONFIRM_YES, NULL, &err), LA_REFUSED);
	tu_assert_has(err.msg, "'Gone' is deleted");
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, 999, CONFIRM_YES, NULL, &err), LA_NOT_FOUND);
	/* Rule 6: lead contacts into a category without lead status. */
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, cust, CONFIRM_NONE, NULL, &err), LA_CONFIRM);
	tu_assert_has(err.msg, "'Key account' does not use lead status");
	ck_assert_int_eq(add(LIST_HEADING, "North", GROUP_UNKNOWN, false, &h1, &err), LA_OK);
	ck_assert_int_eq(add(LIST_HEADING, "South", GROUP_UNKNOWN, false, &h2, &err), LA_OK);
	before = audits();
	ck_assert_int_eq(delete_moving(LIST_HEADING, h1, h2, CONFIRM_YES, NULL, &err), LA_USAGE);
	ck_assert_int_eq(audits(), before);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact WHERE category_idx = ?", lost), 2);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM category WHERE category_id = ?", lost), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM contact WHERE category_idx = ?", lead), 0);
}
END_TEST

START_TEST(delete_with_move_of_deleted_item_moves_only)
{
	struct lists_moved moved;
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead"), lost = id_of(LIST_CATEGORY, "Lost opportunity");

	tu_companies(db, lost, 2, 1);
	/* Another program deleted it; its companies still use it. */
	run("UPDATE category SET deleted = 1 WHERE category_id = ?", lost);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, lost, 0, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, lead, CONFIRM_NONE, &moved, &err), LA_OK);
	ck_assert_int_eq(moved.moved, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM contact k JOIN category c ON c.category_id = k.category_idx "
			       "WHERE c.deleted = 1"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE action = 'delete'"), 0);
	ck_assert_int_eq(delete_moving(LIST_CATEGORY, lost, lead, CONFIRM_NONE, &moved, &err), LA_REFUSED);
	tu_assert_has(err.msg, "nothing uses it");
	assert_counts_right();
}
END_TEST

START_TEST(delete_with_move_moves_contacts_of_a_status)
{
	struct lists_moved moved;
	struct la_err err;
	int64_t lead = id_of(LIST_CATEGORY, "Lead");
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), q = id_of(LIST_LEADSTATUS, "Qualified");
	int64_t c = id_of(LIST_LEADSTATUS, "Contacting");

	tu_companies(db, lead, 2, 2);
	run("UPDATE person SET leadstatus_id = ? WHERE person_id <= 3", c);
	ck_assert_int_eq(delete_moving(LIST_LEADSTATUS, c, q, CONFIRM_NONE, &moved, &err), LA_OK);
	ck_assert_int_eq(moved.moved, 3);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", q), 3);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE list = 'person' AND action = 'move'"), 3);
	assert_counts_right();
}
END_TEST

/* ---- rule 8: the default status ---- */

START_TEST(new_database_has_exactly_one_default)
{
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE is_default = 1 AND deleted = 0"), 1);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM leadstatus WHERE is_default = 1", -1), "Open");
	ck_assert_int_eq(tu_default_status(db), id_of(LIST_LEADSTATUS, "Open"));
}
END_TEST

START_TEST(set_default_moves_the_default)
{
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), q = id_of(LIST_LEADSTATUS, "Qualified");
	long before = audits();

	la_err_clear(&err);
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_LEADSTATUS, q, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE is_default = 1"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT is_default FROM leadstatus WHERE leadstatus_id = ?", q), 1);
	ck_assert_int_eq(tu_int(db, "SELECT is_default FROM leadstatus WHERE leadstatus_id = ?", open), 0);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM leadstatus WHERE leadstatus_id = ?", q), 1);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM leadstatus WHERE leadstatus_id = ?", open), 1);
	ck_assert_int_eq(tu_default_status(db), q);
	ck_assert_int_eq(audits(), before + 1);
}
END_TEST

START_TEST(set_default_refuses_deleted_or_current_default)
{
	struct la_err err;
	int64_t q = id_of(LIST_LEADSTATUS, "Qualified");
	char *before;

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	la_err_clear(&err);
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_LEADSTATUS, q, &err), LA_REFUSED);
	tu_assert_has(err.msg, "deleted");
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Open"), &err), LA_REFUSED);
	tu_assert_has(err.msg, "already the default");
	assert_unchanged(before);
}
END_TEST

START_TEST(delete_default_refused_without_new_default)
{
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open");
	char *before = snapshot();

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, 0, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DEFAULT);
	tu_assert_has(err.msg, "choose another default");
	assert_unchanged(before);
}
END_TEST

START_TEST(delete_default_needs_confirmation_and_new_default)
{
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), c = id_of(LIST_LEADSTATUS, "Contacting");
	char *before;

	category_in_use("Fair", true, 1, 2);
	before = snapshot();
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, c, CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_int_eq(err.contacts, 2);
	tu_assert_has(err.msg, "'Contacting' becomes the default");
	assert_unchanged(before);

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, c, CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT deleted FROM leadstatus WHERE leadstatus_id = ?", open), 1);
	ck_assert_int_eq(tu_int(db, "SELECT is_default FROM leadstatus WHERE leadstatus_id = ?", open), 0);
	ck_assert_int_eq(tu_int(db, "SELECT is_default FROM leadstatus WHERE leadstatus_id = ?", c), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE is_default = 1"), 1);
	/* The contacts keep the deleted status. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE leadstatus_id = ?", open), 2);
}
END_TEST

START_TEST(delete_default_refused_when_new_default_is_deleted)
{
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open"), q = id_of(LIST_LEADSTATUS, "Qualified");
	char *before;

	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_NONE, &err), LA_OK);
	before = snapshot();
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, q, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DEFAULT);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, open, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, open, 999, CONFIRM_YES, &err), LA_NOT_FOUND);
	assert_unchanged(before);
}
END_TEST

START_TEST(unticking_default_refused)
{
	struct la_item it;
	struct la_err err;
	char *before = snapshot();

	get(LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Open"), &it);
	ck_assert(it.is_default);
	it.is_default = false;
	ck_assert_int_eq(save(&it, CONFIRM_YES, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_DEFAULT);
	tu_assert_has(err.msg, "make another status the default");
	lists_item_clear(&it);
	assert_unchanged(before);
}
END_TEST

START_TEST(saving_status_as_default_moves_the_default)
{
	struct la_item it;
	struct la_err err;
	int64_t open = id_of(LIST_LEADSTATUS, "Open");

	lists_item_init(&it, LIST_LEADSTATUS);
	set_text(&it.name, "New");
	it.is_default = true;
	ck_assert_int_eq(save(&it, CONFIRM_NONE, &err), LA_OK);
	ck_assert(it.is_default);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE is_default = 1"), 1);
	ck_assert_int_eq(tu_default_status(db), it.id);
	ck_assert_int_eq(tu_int(db, "SELECT is_default FROM leadstatus WHERE leadstatus_id = ?", open), 0);
	lists_item_clear(&it);
}
END_TEST

START_TEST(schema_allows_only_one_active_default)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_ne(db_exec(db, "UPDATE leadstatus SET is_default = 1 WHERE name = 'Contacting'",
				 &err), LA_OK);
	/* Nor may a deleted status be the default. */
	ck_assert_int_ne(db_exec(db, "UPDATE leadstatus SET deleted = 1 WHERE name = 'Open'", &err),
			 LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM leadstatus WHERE is_default = 1"), 1);
	ck_assert_int_eq(count("SELECT deleted FROM leadstatus WHERE name = 'Open'"), 0);
}
END_TEST

/* ---- rule 9: rights ---- */

START_TEST(list_admin_may_change_lists)
{
	struct la_actor lena;
	struct la_err err;
	int64_t id;

	tu_actor(db, "lena", ROLE_LIST_ADMIN, &lena);
	ck_assert_int_eq(add_as(&lena, LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, &id, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT registered_associate_id FROM category WHERE category_id = ?", id),
			 lena.associate_id);
	ck_assert_str_eq(tu_text(db, "SELECT login FROM audit WHERE item_id = ? AND list = 'category'", id),
			 "lena");
	la_err_clear(&err);
	ck_assert_int_eq(lists_move(db, &lena, LIST_CATEGORY, id, -1, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT updated_associate_id FROM category WHERE category_id = ?", id),
			 lena.associate_id);
}
END_TEST

START_TEST(user_is_denied_with_who_can_grant_access)
{
	struct la_actor uwe;
	struct la_err err;
	char *before;

	tu_actor(db, "uwe", ROLE_USER, &uwe);
	before = snapshot();
	ck_assert_int_eq(add_as(&uwe, LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, NULL, &err),
			 LA_DENIED);
	ck_assert_int_eq(err.status, LA_DENIED);
	tu_assert_has(err.msg, "Read-only");
	tu_assert_has(err.msg, "General administrator");
	tu_assert_has(err.msg, rights_os_login());
	tu_assert_has(err.msg, "set-role uwe list-admin");
	assert_unchanged(before);
}
END_TEST

START_TEST(unknown_login_is_denied)
{
	struct la_actor nobody;
	struct la_err err;
	char *before = snapshot();

	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "mallory", &nobody, &err), LA_OK);
	ck_assert_int_eq(nobody.associate_id, 0);
	ck_assert_int_eq(add_as(&nobody, LIST_LEADSTATUS, "Hot", GROUP_UNKNOWN, false, NULL, &err),
			 LA_DENIED);
	tu_assert_has(err.msg, "not a user");
	tu_assert_has(err.msg, rights_os_login());
	tu_assert_has(err.msg, "user add mallory");
	assert_unchanged(before);
}
END_TEST

START_TEST(deactivated_admin_is_denied)
{
	struct la_actor olga;
	struct la_err err;
	char *before;

	tu_actor(db, "olga", ROLE_LIST_ADMIN, &olga);
	run("UPDATE associate SET deleted = 1 WHERE name = 'olga'", -1);
	ck_assert_int_eq(rights_actor_for(db, "olga", &olga, &err), LA_OK);
	ck_assert(!olga.active);
	before = snapshot();
	ck_assert_int_eq(add_as(&olga, LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, NULL, &err),
			 LA_DENIED);
	tu_assert_has(err.msg, "deactivated");
	assert_unchanged(before);
}
END_TEST

START_TEST(user_is_denied_every_list_change)
{
	struct la_actor uwe;
	struct la_err err;
	struct la_item it;
	struct lists_defaults rep = { .n = 99 };
	int64_t lead = id_of(LIST_CATEGORY, "Lead"), q = id_of(LIST_LEADSTATUS, "Qualified");
	char *before;

	tu_actor(db, "uwe", ROLE_USER, &uwe);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_NONE, &err), LA_OK);
	run("DELETE FROM category WHERE name = 'Opportunity'", -1);
	before = snapshot();

	get(LIST_CATEGORY, lead, &it);
	set_text(&it.name, "Inbound");
	la_err_clear(&err);
	ck_assert_int_eq(lists_save(db, &uwe, &it, CONFIRM_YES, &err), LA_DENIED);
	lists_item_clear(&it);
	ck_assert_int_eq(lists_delete(db, &uwe, LIST_CATEGORY, lead, 0, CONFIRM_YES, &err), LA_DENIED);
	ck_assert_int_eq(lists_restore(db, &uwe, LIST_LEADSTATUS, q, &err), LA_DENIED);
	ck_assert_int_eq(lists_move(db, &uwe, LIST_CATEGORY, lead, +1, &err), LA_DENIED);
	ck_assert_int_eq(lists_set_default(db, &uwe, LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Contacting"), &err),
			 LA_DENIED);
	ck_assert_int_eq(lists_add_defaults(db, &uwe, &rep, &err), LA_DENIED);
	ck_assert_uint_eq(rep.n, 0);
	ck_assert_ptr_null(rep.v);
	assert_unchanged(before);
}
END_TEST

/* ---- audit and record fields ---- */

START_TEST(add_writes_one_audit_row_with_new_value)
{
	struct la_err err;
	long before = audits();
	int64_t id;

	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_POTENTIAL_CUSTOMER, true, &id, &err), LA_OK);
	ck_assert_int_eq(audits(), before + 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'category' AND item_id = ? "
				"AND action = 'add' AND old_value IS NULL", id), 1);
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit WHERE item_id = ? AND list = 'category'", id),
		      "\"name\":\"Webinar\"");
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit WHERE item_id = ? AND list = 'category'", id),
		      "\"lead_status\":true");
	ck_assert_int_eq(tu_int(db, "SELECT associate_id FROM audit WHERE item_id = ? AND list = 'category'", id),
			 admin.associate_id);
	ck_assert_str_eq(tu_text(db, "SELECT login FROM audit WHERE item_id = ? AND list = 'category'", id),
			 rights_os_login());
}
END_TEST

START_TEST(edit_writes_one_audit_row_with_old_and_new_values)
{
	struct la_err err;
	int64_t id = id_of(LIST_LEADSTATUS, "Contacting");
	long before = audits();

	ck_assert_int_eq(rename_item(LIST_LEADSTATUS, id, "Reaching out", CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(audits(), before + 1);
	ck_assert_str_eq(tu_text(db, "SELECT action FROM audit ORDER BY audit_id DESC LIMIT 1", -1), "edit");
	ck_assert_int_eq(count("SELECT item_id FROM audit ORDER BY audit_id DESC LIMIT 1"), id);
	tu_assert_has(tu_text(db, "SELECT old_value FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
		      "\"name\":\"Contacting\"");
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
		      "\"name\":\"Reaching out\"");
}
END_TEST

START_TEST(every_list_operation_writes_one_audit_row)
{
	static const char *const actions[] = {
		"delete", "restore", "move-up", "move-down", "default",
	};
	struct la_err err;
	int64_t q = id_of(LIST_LEADSTATUS, "Qualified");
	long before = audits();
	enum la_status rc[5];
	size_t i;

	rc[0] = delete_item(LIST_LEADSTATUS, q, 0, CONFIRM_NONE, &err);
	rc[1] = lists_restore(db, &admin, LIST_LEADSTATUS, q, &err);
	rc[2] = move(LIST_LEADSTATUS, q, -1, &err);
	rc[3] = move(LIST_LEADSTATUS, q, +1, &err);
	rc[4] = lists_set_default(db, &admin, LIST_LEADSTATUS, q, &err);
	for (i = 0; i < 5; i++) {
		char sql[160];

		ck_assert_int_eq(rc[i], LA_OK);
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM audit WHERE list = 'leadstatus' AND item_id = ? "
			 "AND action = '%s' AND old_value IS NOT NULL AND new_value IS NOT NULL",
			 actions[i]);
		ck_assert_msg(tu_int(db, sql, q) == 1, "no single '%s' row", actions[i]);
	}
	ck_assert_int_eq(audits(), before + 5);
	tu_assert_has(tu_text(db, "SELECT old_value FROM audit WHERE action = 'delete' AND item_id = ?", q),
		      "\"deleted\":false");
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit WHERE action = 'delete' AND item_id = ?", q),
		      "\"deleted\":true");
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit WHERE action = 'move-up' AND item_id = ?", q),
		      "\"rank\":2");
}
END_TEST

START_TEST(refused_change_writes_no_audit_row)
{
	struct la_err err;
	long before = audits();

	ck_assert_int_eq(add(LIST_CATEGORY, "Lead", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(move(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), -1, &err), LA_REFUSED);
	ck_assert_int_eq(delete_item(LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Open"), 0, CONFIRM_YES, &err),
			 LA_REFUSED);
	ck_assert_int_eq(audits(), before);
}
END_TEST

START_TEST(change_rolled_back_when_audit_fails)
{
	struct la_err err;
	char *before = snapshot();

	if (tu_on_server())
		tu_exec(db, "CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS "
			"$$BEGIN RAISE EXCEPTION 'audit refused'; END$$; "
			"CREATE TRIGGER no_audit BEFORE INSERT ON audit "
			"FOR EACH ROW EXECUTE FUNCTION no_audit()");
	else
		tu_exec(db, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit "
			"BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, NULL, &err), LA_DB);
	ck_assert_int_eq(rename_item(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), "Inbound",
				     CONFIRM_YES, &err), LA_DB);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), 0, CONFIRM_YES, &err),
			 LA_DB);
	ck_assert_int_eq(move(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), +1, &err), LA_DB);
	la_err_clear(&err);
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_LEADSTATUS, id_of(LIST_LEADSTATUS, "Qualified"), &err), LA_DB);
	assert_unchanged(before);
	ck_assert(!db_in_transaction(db));
}
END_TEST

START_TEST(record_fields_filled_and_bumped)
{
	struct la_actor lena;
	struct la_item it;
	struct la_err err;
	int64_t id;

	ck_assert_int_eq(add(LIST_CATEGORY, "Webinar", GROUP_CUSTOMER, false, &id, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 0);
	ck_assert_int_eq(tu_int(db, "SELECT registered_associate_id FROM category WHERE category_id = ?", id),
			 admin.associate_id);
	ck_assert_int_eq(tu_int(db, "SELECT length(registered) FROM category WHERE category_id = ?", id), 19);
	ck_assert_int_eq(tu_int(db, "SELECT updated_associate_id FROM category WHERE category_id = ?", id),
			 admin.associate_id);

	tu_actor(db, "lena", ROLE_LIST_ADMIN, &lena);
	get(LIST_CATEGORY, id, &it);
	ck_assert_int_eq(strlen(it.registered), 19);
	set_text(&it.tooltip, "From webinars");
	la_err_clear(&err);
	ck_assert_int_eq(lists_save(db, &lena, &it, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(it.updated_count, 1);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 1);
	ck_assert_int_eq(tu_int(db, "SELECT updated_associate_id FROM category WHERE category_id = ?", id),
			 lena.associate_id);
	ck_assert_int_eq(tu_int(db, "SELECT registered_associate_id FROM category WHERE category_id = ?", id),
			 admin.associate_id);
	ck_assert_int_eq(tu_int(db, "SELECT length(updated) FROM category WHERE category_id = ?", id), 19);
	lists_item_clear(&it);

	ck_assert_int_eq(move(LIST_CATEGORY, id, -1, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 2);
	ck_assert_int_eq(delete_item(LIST_CATEGORY, id, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 3);
	la_err_clear(&err);
	ck_assert_int_eq(lists_restore(db, &admin, LIST_CATEGORY, id, &err), LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 4);
}
END_TEST

/* ---- saving an item someone else changed ---- */

START_TEST(stale_save_refused)
{
	struct la_item mine, theirs;
	struct la_err err;
	int64_t id = id_of(LIST_CATEGORY, "Opportunity");
	char *before;

	get(LIST_CATEGORY, id, &mine);
	get(LIST_CATEGORY, id, &theirs);
	set_text(&theirs.name, "Deal");
	ck_assert_int_eq(save(&theirs, CONFIRM_NONE, &err), LA_OK);
	lists_item_clear(&theirs);

	before = snapshot();
	set_text(&mine.tooltip, "Overwrites theirs?");
	ck_assert_int_eq(save(&mine, CONFIRM_YES, &err), LA_STALE);
	tu_assert_has(err.msg, "changed by someone else");
	lists_item_clear(&mine);
	assert_unchanged(before);
	ck_assert_str_eq(tu_text(db, "SELECT name FROM category WHERE category_id = ?", id), "Deal");
	ck_assert_int_eq(tu_int(db, "SELECT updatedCount FROM category WHERE category_id = ?", id), 1);
}
END_TEST

/* ---- add-defaults ---- */

/* The name, state and id of each default as add-defaults reported it. */
static void assert_default(const struct lists_defaults *rep, size_t i, const char *name,
			   enum lists_default_state state, const char *there)
{
	ck_assert_uint_lt(i, rep->n);
	ck_assert_str_eq(rep->v[i].name, name);
	ck_assert_int_eq(rep->v[i].state, state);
	ck_assert_str_eq(rep->v[i].item.name, there);
	ck_assert_int_eq(rep->v[i].item.id, id_of(LIST_CATEGORY, there));
}

START_TEST(add_defaults_adds_only_missing_ones)
{
	struct la_err err;
	struct lists_defaults rep;
	long before = audits();

	/* As after a legacy upgrade that kept two of them under other case. */
	run("DELETE FROM category WHERE name IN ('Opportunity', 'Lost opportunity')", -1);
	tu_exec_keyed(db, "UPDATE category SET name = 'LEAD' WHERE name = 'Lead'");
	la_err_clear(&err);
	ck_assert_int_eq(lists_add_defaults(db, &admin, &rep, &err), LA_OK);
	ck_assert_uint_eq(rep.n, 4);
	ck_assert_uint_eq(rep.added, 2);
	assert_default(&rep, 0, "Lead", LISTS_DEFAULT_EXISTS, "LEAD");
	assert_default(&rep, 1, "Marketing qualified lead (MQL)", LISTS_DEFAULT_EXISTS,
		       "Marketing qualified lead (MQL)");
	assert_default(&rep, 2, "Opportunity", LISTS_DEFAULT_ADDED, "Opportunity");
	assert_default(&rep, 3, "Lost opportunity", LISTS_DEFAULT_ADDED, "Lost opportunity");
	ck_assert_int_eq(count("SELECT count(*) FROM category"), 4);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE name IN ('Opportunity', 'Lost opportunity') "
			       "AND category_group = 2 AND enable_lead_status = 1 AND deleted = 0"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE la_fold(name) = la_fold('Lead')"), 1);
	ck_assert_int_eq(audits(), before + 2);
	lists_defaults_free(&rep);
	ck_assert_uint_eq(rep.n, 0);
}
END_TEST

START_TEST(add_defaults_counts_deleted_items)
{
	struct la_err err;
	struct lists_defaults rep;
	char *before;

	ck_assert_int_eq(delete_item(LIST_CATEGORY, id_of(LIST_CATEGORY, "Lead"), 0, CONFIRM_NONE, &err),
			 LA_OK);
	before = snapshot();
	la_err_clear(&err);
	ck_assert_int_eq(lists_add_defaults(db, &admin, &rep, &err), LA_OK);
	ck_assert_uint_eq(rep.added, 0);
	assert_default(&rep, 0, "Lead", LISTS_DEFAULT_DELETED, "Lead");
	ck_assert(rep.v[0].item.deleted);
	lists_defaults_free(&rep);
	assert_unchanged(before);
}
END_TEST

/* Each default that is not added says why, in the order a fix takes:
 * deleted first, then the group, then lead status. */
START_TEST(add_defaults_says_why_it_did_not_add_each)
{
	struct la_err err;
	struct lists_defaults rep;
	char *before;

	/* Lead: deleted and a Customer; MQL: a Partner; Opportunity: a
	 * Potential customer with lead status off; Lost opportunity: ready. */
	run("UPDATE category SET enable_lead_status = 0, category_group = 1, deleted = 1 "
	    "WHERE name = 'Lead'", -1);
	tu_exec_keyed(db, "UPDATE category SET enable_lead_status = 0, category_group = 3, "
		      "name = 'MARKETING QUALIFIED LEAD (MQL)' "
		      "WHERE name = 'Marketing qualified lead (MQL)'");
	run("UPDATE category SET enable_lead_status = 0 WHERE name = 'Opportunity'", -1);
	before = snapshot();
	la_err_clear(&err);
	ck_assert_int_eq(lists_add_defaults(db, &admin, &rep, &err), LA_OK);
	ck_assert_uint_eq(rep.n, 4);
	ck_assert_uint_eq(rep.added, 0);
	assert_default(&rep, 0, "Lead", LISTS_DEFAULT_DELETED, "Lead");
	ck_assert_int_eq(rep.v[0].item.group, GROUP_CUSTOMER);
	assert_default(&rep, 1, "Marketing qualified lead (MQL)", LISTS_DEFAULT_OTHER_GROUP,
		       "MARKETING QUALIFIED LEAD (MQL)");
	ck_assert_int_eq(rep.v[1].item.group, GROUP_PARTNER);
	assert_default(&rep, 2, "Opportunity", LISTS_DEFAULT_LEAD_OFF, "Opportunity");
	assert_default(&rep, 3, "Lost opportunity", LISTS_DEFAULT_EXISTS, "Lost opportunity");
	lists_defaults_free(&rep);
	assert_unchanged(before);
}
END_TEST

START_TEST(add_defaults_in_the_database_language)
{
	struct la_err err;
	struct lists_defaults rep;

	db_close(db);
	db = tu_db("de");
	tu_admin(db, &admin);
	run("DELETE FROM category", -1);
	la_err_clear(&err);
	ck_assert_int_eq(lists_add_defaults(db, &admin, &rep, &err), LA_OK);
	ck_assert_uint_eq(rep.added, 4);
	assert_default(&rep, 0, "Lead", LISTS_DEFAULT_ADDED, "Lead");
	assert_default(&rep, 1, "Marketingqualifiziertes Lead", LISTS_DEFAULT_ADDED,
		       "Marketingqualifiziertes Lead");
	assert_default(&rep, 2, "Verkaufschance", LISTS_DEFAULT_ADDED, "Verkaufschance");
	assert_default(&rep, 3, "Verlorene Chance", LISTS_DEFAULT_ADDED, "Verlorene Chance");
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE category_group = 2 "
			       "AND enable_lead_status = 1"), 4);
	ck_assert_int_eq(count("SELECT count(DISTINCT rank) FROM category"), 4);
	lists_defaults_free(&rep);
}
END_TEST

/* ---------------------------------------------------------------- multi-language names */

#define ML_LEAD "US:\"Prospect\";GE:\"Interessent\""

START_TEST(multilang_rule2_holds_per_language)
{
	struct la_err err;
	int64_t ml, other;

	ck_assert_int_eq(add(LIST_CATEGORY, ML_LEAD, GROUP_POTENTIAL_CUSTOMER, false, &ml, &err), LA_OK);
	/* the column keeps exactly the text */
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE name = 'US:\"Prospect\";GE:\"Interessent\"'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang WHERE tbl = 'category'"), 2);
	/* the same name in the same language, in any case: refused */
	ck_assert_int_eq(add(LIST_CATEGORY, "GE:\"INTERESSENT\"", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err),
			 LA_REFUSED);
	ck_assert_int_eq(add(LIST_CATEGORY, "US:\"prospect\";GE:\"Neu\"", GROUP_POTENTIAL_CUSTOMER, false,
			     NULL, &err), LA_REFUSED);
	/* a plain name is every language's: refused against either value */
	ck_assert_int_eq(add(LIST_CATEGORY, "interessent", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(add(LIST_CATEGORY, "Prospect", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(add(LIST_CATEGORY, "US:\"Lead\"", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_REFUSED);
	/* the same word in another language is another name */
	ck_assert_int_eq(add(LIST_CATEGORY, "US:\"Interessent\"", GROUP_POTENTIAL_CUSTOMER, false, &other, &err),
			 LA_OK);
	ck_assert_int_ne(other, ml);
	ck_assert_int_eq(count("SELECT count(*) FROM category"), 6);
}
END_TEST

/* When another program left one language's value on two items, the
 * look-up names one not deleted first, then the oldest. */
START_TEST(multilang_lookup_prefers_an_item_not_deleted_then_the_oldest)
{
	struct la_err err;
	int64_t id;
	bool deleted;

	tu_exec(db, "INSERT INTO la_name_lang (tbl, item, lang, key) VALUES "
			       "('category', 1, 'GE', 'doppelt'), ('category', 3, 'GE', 'doppelt');"
			       "UPDATE category SET deleted = 1 WHERE category_id = 1");
	la_err_clear(&err);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "GE:\"Doppelt\"", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 3);
	ck_assert(!deleted);
	tu_exec(db, "UPDATE category SET deleted = 0 WHERE category_id = 1");
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "GE:\"Doppelt\"", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "GE:\"Doppelt\"", 1, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 3);
	tu_exec(db, "UPDATE category SET deleted = 1 WHERE category_id IN (1, 3)");
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "GE:\"Doppelt\"", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 1);
	ck_assert(deleted);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "GE:\"Einmalig\"", 0, &id, &deleted, &err), LA_OK);
	ck_assert_int_eq(id, 0);
}
END_TEST

/* Names that another program wrote: two multi-language names that are
 * one name in one language are twins, named with that language; the same
 * word in two languages is not; a plain name is every language's. */
START_TEST(multilang_twins_are_found_per_language)
{
	struct la_err err;
	char *names = NULL;

	la_err_clear(&err);
	ck_assert_int_eq(lists_twins(db, LIST_CATEGORY, &names, &err), LA_OK);
	ck_assert_ptr_null(names);
	tu_exec_keyed(db, "UPDATE category SET name = 'US:\"Lead\";GE:\"Kunde\"' WHERE name = 'Lead';"
		      "UPDATE category SET name = 'US:\"Client\";GE:\"kunde\"' WHERE name = 'Opportunity';"
		      "UPDATE category SET name = 'US:\"Kunde\";GE:\"Partner\"' WHERE name = 'Lost opportunity'");
	ck_assert_int_eq(lists_twins(db, LIST_CATEGORY, &names, &err), LA_OK);
	/* Kunde in German twice; US "Kunde" is another language's word. */
	ck_assert_ptr_nonnull(names);
	ck_assert_str_eq(names, "'US:\"Lead\";GE:\"Kunde\"' = 'US:\"Client\";GE:\"kunde\"' (GE: 'Kunde')");
	free(names);
	/* A plain name clashes with a value in any language. */
	tu_exec_keyed(db, "UPDATE category SET name = 'US:\"Client\";GE:\"Kundin\"' WHERE name = 'US:\"Client\";GE:\"kunde\"';"
		      "UPDATE category SET name = 'PARTNER' WHERE name LIKE 'Marketing qualified lead%'");
	ck_assert_int_eq(lists_twins(db, LIST_CATEGORY, &names, &err), LA_OK);
	ck_assert_ptr_nonnull(names);
	ck_assert_str_eq(names, "'PARTNER' = 'US:\"Kunde\";GE:\"Partner\"' (GE: 'Partner')");
	free(names);
	/* No clash left: none. */
	tu_exec_keyed(db, "UPDATE category SET name = 'Partner firm' WHERE name = 'PARTNER'");
	ck_assert_int_eq(lists_twins(db, LIST_CATEGORY, &names, &err), LA_OK);
	ck_assert_ptr_null(names);
}
END_TEST

START_TEST(multilang_rule3_refuses_empty_and_twice_given_languages)
{
	struct la_err err;
	char *clean = NULL;

	la_err_clear(&err);
	ck_assert_int_eq(lists_check_name(LIST_CATEGORY, "US:\"\";GE:\"x\"", &clean, &err), LA_REFUSED);
	ck_assert_ptr_null(clean);
	ck_assert_int_eq(lists_check_name(LIST_CATEGORY, "US:\"  \";GE:\"x\"", &clean, &err), LA_REFUSED);
	ck_assert_int_eq(lists_check_name(LIST_CATEGORY, "US:\"a\";US:\"b\"", &clean, &err), LA_REFUSED);
	ck_assert_int_eq(lists_check_name(LIST_CATEGORY, "US:\" a \";XX:\"b\"", &clean, &err), LA_OK);
	ck_assert_str_eq(clean, "US:\"a\";XX:\"b\"");
	free(clean);
}
END_TEST

START_TEST(multilang_limit_holds_for_the_whole_text)
{
	struct la_err err;
	char *v = repeat("a", LISTS_NAME_MAX - 10), *name = malloc(LISTS_NAME_MAX + 40);
	char *clean = NULL;

	/* the value fits, the stored text does not */
	snprintf(name, LISTS_NAME_MAX + 40, "US:\"%s\";GE:\"b\"", v);
	la_err_clear(&err);
	ck_assert_int_eq(lists_check_name(LIST_CATEGORY, name, &clean, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	free(v);
	free(name);
}
END_TEST

START_TEST(multilang_lookup_matches_any_language)
{
	struct la_err err;
	int64_t ml;

	ck_assert_int_eq(add(LIST_CATEGORY, ML_LEAD, GROUP_POTENTIAL_CUSTOMER, false, &ml, &err), LA_OK);
	ck_assert_int_eq(id_of(LIST_CATEGORY, "prospect"), ml);
	ck_assert_int_eq(id_of(LIST_CATEGORY, "INTERESSENT"), ml);
	ck_assert_int_eq(id_of(LIST_CATEGORY, ML_LEAD), ml);
	ck_assert_int_eq(id_of(LIST_CATEGORY, "Lead"), 1);
}
END_TEST

START_TEST(multilang_rename_moves_the_keys)
{
	struct la_err err;
	int64_t ml;

	ck_assert_int_eq(add(LIST_CATEGORY, ML_LEAD, GROUP_POTENTIAL_CUSTOMER, false, &ml, &err), LA_OK);
	ck_assert_int_eq(rename_item(LIST_CATEGORY, ml, "US:\"Prospect\";GE:\"Neu\"", CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang WHERE key = 'interessent'"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang WHERE key = 'neu' AND lang = 'GE'"), 1);
	/* the old name is free again */
	ck_assert_int_eq(add(LIST_CATEGORY, "Interessent", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_OK);
	/* a plain name has no keys per language */
	ck_assert_int_eq(rename_item(LIST_CATEGORY, ml, "Prospect", CONFIRM_YES, &err), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang"), 0);
}
END_TEST

START_TEST(multilang_keys_of_another_programs_rename_are_made_again)
{
	struct la_err err;
	int64_t ml;

	ck_assert_int_eq(add(LIST_CATEGORY, "Plain", GROUP_POTENTIAL_CUSTOMER, false, &ml, &err), LA_OK);
	/* another program writes the notation: the schema drops the keys
	 * (on a server, which wants them back by the commit, within a
	 * transaction that the next change ends) */
	if (tu_on_server())
		ck_assert(db_begin(db, &err) == LA_OK);
	run("UPDATE category SET name = 'US:\"Plain\";GE:\"Schlicht\"' WHERE category_id = ?", ml);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE la_name_key IS NULL"), 1);
	/* a lookup finds it by either value before the keys are made */
	ck_assert_int_eq(id_of(LIST_CATEGORY, "SCHLICHT"), ml);
	/* the next change computes them; rule 2 sees the German value */
	ck_assert_int_eq(add(LIST_CATEGORY, "schlicht", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_REFUSED);
	ck_assert_int_eq(add(LIST_CATEGORY, "Other", GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_OK);
	if (tu_on_server())
		ck_assert_msg(db_commit(db, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang WHERE key = 'schlicht'"), 1);
	run("DELETE FROM category WHERE category_id = ?", ml);
	ck_assert_int_eq(count("SELECT count(*) FROM la_name_lang"), 0);
}
END_TEST

START_TEST(multilang_filter_matches_values_not_codes)
{
	struct la_err err;
	size_t n = 0;

	ck_assert_int_eq(add(LIST_CATEGORY, ML_LEAD, GROUP_POTENTIAL_CUSTOMER, false, NULL, &err), LA_OK);
	ck_assert_int_eq(lists_position(db, LIST_CATEGORY, false, "ressent", NULL, &n, &err), LA_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(lists_position(db, LIST_CATEGORY, false, "us:", NULL, &n, &err), LA_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(lists_position(db, LIST_CATEGORY, false, "\"", NULL, &n, &err), LA_OK);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(multilang_field_text_shows_the_program_language)
{
	struct la_item it;
	const struct la_fielddef *f = lists_field(LIST_CATEGORY, LA_FIELD_NAME);
	char buf[LISTS_SHOWN_MAX];

	lists_item_init(&it, LIST_CATEGORY);
	set_text(&it.name, ML_LEAD);
	ck_assert_str_eq(lists_field_text(f, &it, false, NULL, NULL, buf, sizeof buf), "Prospect");
	/* keys (export, JSON) keep the stored text */
	ck_assert_str_eq(lists_field_text(f, &it, true, NULL, NULL, buf, sizeof buf), ML_LEAD);
	lists_item_clear(&it);
}
END_TEST

static Suite *lists_suite(void)
{
	Suite *s = suite_create("lists");
	TCase *tc;

	tc = tcase_create("groups and rule 1");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, group_keys_parse_back_and_unknown_is_not_offered);
	tcase_add_test(tc, category_lead_status_needs_potential_customer);
	tcase_add_test(tc, category_lead_status_allowed_for_potential_customer);
	tcase_add_test(tc, category_edit_lead_status_on_refused_outside_potential_customer);
	tcase_add_test(tc, category_group_change_away_turns_lead_status_off);
	tcase_add_test(tc, category_group_change_away_in_use_needs_confirmation);
	tcase_add_test(tc, new_category_needs_a_group);
	tcase_add_test(tc, legacy_category_without_group_can_still_be_edited);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 2 unique names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, name_duplicate_refused_case_insensitively);
	tcase_add_test(tc, name_duplicate_refused_for_lead_status);
	tcase_add_test(tc, name_duplicate_refused_for_german_letters);
	tcase_add_test(tc, name_different_letters_are_not_duplicates);
	tcase_add_test(tc, name_of_deleted_item_cannot_be_reused);
	tcase_add_test(tc, name_duplicate_refused_despite_surrounding_spaces);
	tcase_add_test(tc, name_may_repeat_in_the_other_list);
	tcase_add_test(tc, rename_to_own_name_in_other_case_allowed);
	tcase_add_test(tc, name_key_follows_renames_by_other_programs);
	tcase_add_test(tc, rename_to_name_of_another_item_refused);
	tcase_add_test(tc, name_look_up_prefers_spelling_then_not_deleted_then_oldest);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 3 names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, name_and_description_are_trimmed);
	tcase_add_test(tc, check_name_returns_the_trimmed_name);
	tcase_add_test(tc, legacy_name_kept_as_stored_is_not_checked_again);
	tcase_add_test(tc, empty_name_refused);
	tcase_add_test(tc, invalid_utf8_name_refused);
	tcase_add_test(tc, control_characters_refused);
	tcase_add_test(tc, control_characters_in_description_refused);
	tcase_add_test(tc, name_length_counted_in_characters);
	tcase_add_test(tc, description_length_counted_in_characters);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 4 soft delete");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, delete_hides_item_but_keeps_row_and_references);
	tcase_add_test(tc, deleted_item_still_found_by_name);
	tcase_add_test(tc, restore_brings_item_back);
	tcase_add_test(tc, restore_of_active_item_refused);
	tcase_add_test(tc, delete_of_deleted_item_refused);
	tcase_add_test(tc, deleted_item_cannot_be_edited);
	tcase_add_test(tc, deleted_item_cannot_be_moved);
	tcase_add_test(tc, delete_check_answers_without_changing_anything);
	tcase_add_test(tc, missing_item_not_found);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 5 order");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_item_goes_to_the_end);
	tcase_add_test(tc, new_item_goes_after_deleted_last_item);
	tcase_add_test(tc, move_up_swaps_with_previous);
	tcase_add_test(tc, move_down_swaps_with_next);
	tcase_add_test(tc, move_first_up_or_last_down_refused);
	tcase_add_test(tc, move_normalises_equal_legacy_ranks);
	tcase_add_test(tc, move_skips_deleted_items);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 6 cautions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rename_in_use_needs_confirmation);
	tcase_add_test(tc, rename_unused_item_needs_no_confirmation);
	tcase_add_test(tc, description_change_of_in_use_item_needs_no_confirmation);
	tcase_add_test(tc, lead_status_rename_in_use_needs_confirmation);
	tcase_add_test(tc, delete_in_use_category_needs_confirmation);
	tcase_add_test(tc, delete_in_use_lead_status_needs_confirmation);
	tcase_add_test(tc, delete_unused_item_needs_no_confirmation);
	tcase_add_test(tc, lead_status_off_in_use_needs_confirmation);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 7 contacts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lead_status_on_gives_contacts_without_status_the_default);
	tcase_add_test(tc, lead_status_on_without_contacts_needs_no_confirmation);
	tcase_add_test(tc, lead_status_on_leaves_other_categories_alone);
	tcase_add_test(tc, lead_status_off_keeps_contacts_status);
	tcase_add_test(tc, new_person_gets_default_status_only_in_lead_category);
	tcase_add_test(tc, new_person_gets_the_current_default);
	tcase_add_test(tc, company_moved_into_lead_category_gets_default_status);
	tcase_add_test(tc, company_moved_out_of_lead_category_keeps_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("delete with a move");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, delete_with_move_moves_companies_then_deletes);
	tcase_add_test(tc, delete_with_move_gives_rule_7_default_status);
	tcase_add_test(tc, delete_with_move_refusals_change_nothing);
	tcase_add_test(tc, delete_with_move_of_deleted_item_moves_only);
	tcase_add_test(tc, delete_with_move_moves_contacts_of_a_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 8 default status");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_database_has_exactly_one_default);
	tcase_add_test(tc, set_default_moves_the_default);
	tcase_add_test(tc, set_default_refuses_deleted_or_current_default);
	tcase_add_test(tc, delete_default_refused_without_new_default);
	tcase_add_test(tc, delete_default_needs_confirmation_and_new_default);
	tcase_add_test(tc, delete_default_refused_when_new_default_is_deleted);
	tcase_add_test(tc, unticking_default_refused);
	tcase_add_test(tc, saving_status_as_default_moves_the_default);
	tcase_add_test(tc, schema_allows_only_one_active_default);
	suite_add_tcase(s, tc);

	tc = tcase_create("rule 9 rights");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, list_admin_may_change_lists);
	tcase_add_test(tc, user_is_denied_with_who_can_grant_access);
	tcase_add_test(tc, unknown_login_is_denied);
	tcase_add_test(tc, deactivated_admin_is_denied);
	tcase_add_test(tc, user_is_denied_every_list_change);
	suite_add_tcase(s, tc);

	tc = tcase_create("audit and records");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_writes_one_audit_row_with_new_value);
	tcase_add_test(tc, edit_writes_one_audit_row_with_old_and_new_values);
	tcase_add_test(tc, every_list_operation_writes_one_audit_row);
	tcase_add_test(tc, refused_change_writes_no_audit_row);
	tcase_add_test(tc, change_rolled_back_when_audit_fails);
	tcase_add_test(tc, record_fields_filled_and_bumped);
	tcase_add_test(tc, stale_save_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("add-defaults");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_defaults_adds_only_missing_ones);
	tcase_add_test(tc, add_defaults_counts_deleted_items);
	tcase_add_test(tc, add_defaults_says_why_it_did_not_add_each);
	tcase_add_test(tc, add_defaults_in_the_database_language);
	suite_add_tcase(s, tc);

	tc = tcase_create("multi-language names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, multilang_rule2_holds_per_language);
	tcase_add_test(tc, multilang_lookup_prefers_an_item_not_deleted_then_the_oldest);
	tcase_add_test(tc, multilang_twins_are_found_per_language);
	tcase_add_test(tc, multilang_rule3_refuses_empty_and_twice_given_languages);
	tcase_add_test(tc, multilang_limit_holds_for_the_whole_text);
	tcase_add_test(tc, multilang_lookup_matches_any_language);
	tcase_add_test(tc, multilang_rename_moves_the_keys);
	tcase_add_test(tc, multilang_keys_of_another_programs_rename_are_made_again);
	tcase_add_test(tc, multilang_filter_matches_values_not_codes);
	tcase_add_test(tc, multilang_field_text_shows_the_program_language);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(lists_suite()); }

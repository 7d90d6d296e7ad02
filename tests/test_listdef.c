/* The list model itself: every entry of the list definition table is
 * complete and its statements prepare, and every list - the two lead lists
 * and the user groups - adds, edits, moves, deletes and restores through
 * the same code, with the same audit rows. A new list entry is checked by
 * these tests without a line of its own. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "leads.h"
#include "lists.h"
#include "lists_impl.h"
#include "porting.h"
#include "rights.h"
#include "testutil.h"
#include "text.h"
#include "users.h"

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

/* Adds an item named name to list; its id. */
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

/* Audit rows of list (its table name) with action. */
static long audits(enum la_list list, const char *action)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE list = '%s' AND action = '%s'",
		 lists_table(list), action);
	return count(sql);
}

/* ---------------------------------------------------------- the table */

START_TEST(every_list_is_described_completely)
{
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *d = lists_def((enum la_list)l);
		const struct la_fielddef *name = lists_field((enum la_list)l, LA_FIELD_NAME);
		const struct la_fielddef *desc = lists_field((enum la_list)l, LA_FIELD_DESCRIPTION);

		ck_assert_int_eq(d->list, l);
		ck_assert_msg(d->table && d->id_column && d->command && d->export_key && d->title &&
			      d->label && d->new_title && d->edit_title && d->readonly_title &&
			      d->usage_head && d->help && d->cli_help && d->empty && d->hooks,
			      "list %d lacks a word", l);
		/* PORTING_VERSION + 1: every export has it, no version of
		 * the format requires it yet (the headings). */
		ck_assert_msg(d->export_since >= 1 && d->export_since <= PORTING_VERSION + 1,
			      "%s: the export version that first has it", d->command);
		ck_assert_msg(name && name->kind == LF_TEXT && (name->flags & LFF_REQUIRED) &&
			      name->max_chars > 0, "%s: a required name", d->command);
		ck_assert_msg(desc && desc->kind == LF_TEXT, "%s: a description", d->command);
		for (size_t i = 0; i < d->nfields; i++) {
			const struct la_fielddef *f = &d->fields[i];

			ck_assert_msg(f->column && f->key && f->head && f->short_head,
				      "%s: field %zu lacks a column, key or head", d->command, i);
			if (f->kind == LF_CHOICE)
				ck_assert_msg(f->choices && f->nchoices > 1 && f->option && f->metavar,
					      "%s.%s: a choice needs its choices and option", d->command, f->key);
			if (f->kind != LF_COUNT)
				ck_assert_msg(f->label, "%s.%s: a label for the dialog", d->command, f->key);
		}
		/* Command words, export keys and tables are each one list's. */
		for (int k = 0; k < l; k++) {
			const struct la_listdef *o = lists_def((enum la_list)k);

			ck_assert_str_ne(d->command, o->command);
			ck_assert_str_ne(d->export_key, o->export_key);
			ck_assert_str_ne(d->table, o->table);
		}
	}
}
END_TEST

START_TEST(every_statement_of_every_list_prepares)
{
	for (int l = 0; l < LIST_COUNT; l++)
		for (int q = 0; q < LQ_COUNT; q++) {
			const char *sql = lists_sql((enum la_list)l, (enum lists_query)q);
			struct db_stmt *st;
			struct la_err err;

			if (!sql) {
				ck_assert_msg(!lists_flag_field((enum la_list)l, LFF_DEFAULT) &&
					      (q == LQ_DEFAULT || q == LQ_CLEAR_DEFAULT || q == LQ_SET_DEFAULT),
					      "%s: query %d is missing", lists_table((enum la_list)l), q);
				continue;
			}
			/* The reorder statement reads the import's order table. */
			if (q == LQ_REORDER)
				tu_exec(db, "CREATE TEMP TABLE IF NOT EXISTS la_order "
					"(id INTEGER PRIMARY KEY, pos INTEGER)");
			la_err_clear(&err);
			st = db_prepare(db, sql, "query", &err);
			ck_assert_msg(st != NULL, "%s, query %d: %s\n%s", lists_table((enum la_list)l),
				      q, err.msg, sql);
			db_finalize(st);
		}
}
END_TEST

START_TEST(lists_are_found_by_command_and_table)
{
	enum la_list l;

	ck_assert(lists_by_command("usergroup", &l) && l == LIST_USERGROUP);
	ck_assert(lists_by_command("lead-status", &l) && l == LIST_LEADSTATUS);
	ck_assert(!lists_by_command("user_groups", &l));
	ck_assert(lists_by_command("heading", &l) && l == LIST_HEADING);
	ck_assert(!lists_by_command("headings", &l));
	ck_assert(lists_by_table("leadstatus", &l) && l == LIST_LEADSTATUS);
	ck_assert(!lists_by_table("associate", &l));
}
END_TEST

/* ------------------------------------------------ one code for every list */

START_TEST(every_list_adds_edits_moves_deletes_and_restores)
{
	for (int l = 0; l < LIST_COUNT; l++) {
		enum la_list list = (enum la_list)l;
		int64_t a = add(list, "Alpha"), b = add(list, "Beta");
		struct la_item it;
		struct la_err err;

		ck_assert_int_eq(audits(list, "add"), 2);
		ck_assert(lists_get(db, list, a, &it, &err) == LA_OK);
		free(it.tooltip);
		it.tooltip = strdup("  the first  ");
		ck_assert_msg(lists_save(db, &admin, &it, CONFIRM_NONE, &err) == LA_OK, "%s", err.msg);
		ck_assert_str_eq(it.tooltip, "the first");
		ck_assert_int_eq(it.updated_count, 1);
		lists_item_clear(&it);
		ck_assert_int_eq(audits(list, "edit"), 1);
		ck_assert_int_eq(lists_move(db, &admin, list, b, -1, &err), LA_OK);
		ck_assert_int_eq(audits(list, "move-up"), 1);
		ck_assert_int_eq(lists_delete(db, &admin, list, b, 0, CONFIRM_NONE, &err), LA_OK);
		ck_assert_int_eq(lists_delete(db, &admin, list, b, 0, CONFIRM_NONE, &err), LA_REFUSED);
		ck_assert_int_eq(lists_restore(db, &admin, list, b, &err), LA_OK);
		ck_assert_int_eq(audits(list, "delete"), 1);
		ck_assert_int_eq(audits(list, "restore"), 1);
		/* The name of another item in any case is refused (rule 2). */
		lists_item_init(&it, list);
		free(it.name);
		it.name = strdup("BETA");
		ck_assert_int_eq(lists_save(db, &admin, &it, CONFIRM_NONE, &err), LA_REFUSED);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		lists_item_clear(&it);
		ck_assert(lists_find(db, list, "beta", &it, &err) == LA_OK);
		ck_assert_int_eq(it.id, b);
		lists_item_clear(&it);
	}
}
END_TEST

/* The id lists_find reads from key, or 0 when it finds nothing. */
static int64_t found(enum la_list list, const char *key, enum la_status want,
		     struct la_err *err)
{
	struct la_item it = { .name = NULL };
	int64_t id;

	la_err_clear(err);
	ck_assert_msg(lists_find(db, list, key, &it, err) == want, "%s '%s': %s",
		      lists_table(list), key, err->msg);
	id = want == LA_OK ? it.id : 0;
	if (want == LA_OK)
		lists_item_clear(&it);
	return id;
}

/* ITEM is a name first; a number that is no name is an id; a number that
 * is one item's name and another item's id is refused, naming both;
 * "id:N" always means the id. Deleted items count (they can be restored). */
START_TEST(an_item_is_a_name_first_and_an_ambiguous_number_is_refused)
{
	for (int l = 0; l < LIST_COUNT; l++) {
		enum la_list list = (enum la_list)l;
		int64_t alpha = add(list, "Alpha"), numbered, lone;
		char key[32], want[64];
		struct la_err err;

		snprintf(key, sizeof(key), "%lld", (long long)alpha);
		numbered = add(list, key);
		ck_assert_int_ne(numbered, alpha);
		/* "<alpha>": the name of one item and the id of Alpha. */
		ck_assert_int_eq(found(list, key, LA_REFUSED, &err), 0);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
		ck_assert_msg(strstr(err.msg, "'Alpha'"), "%s", err.msg);
		snprintf(want, sizeof(want), "id:%lld or id:%lld", (long long)numbered, (long long)alpha);
		ck_assert_msg(strstr(err.msg, want), "'%s' not in %s", want, err.msg);
		snprintf(want, sizeof(want), "id:%lld", (long long)numbered);
		ck_assert_int_eq(found(list, want, LA_OK, &err), numbered);
		snprintf(want, sizeof(want), "id:%lld", (long long)alpha);
		ck_assert_int_eq(found(list, want, LA_OK, &err), alpha);
		/* Still ambiguous while Alpha is deleted. */
		ck_assert_int_eq(lists_delete(db, &admin, list, alpha, 0, CONFIRM_YES, &err), LA_OK);
		ck_assert_int_eq(found(list, key, LA_REFUSED, &err), 0);
		ck_assert_int_eq(lists_restore(db, &admin, list, alpha, &err), LA_OK);
		/* A number that is no name is an id; one that is no id, a name. */
		snprintf(key, sizeof(key), "%lld", (long long)numbered);
		ck_assert_int_eq(found(list, key, LA_OK, &err), numbered);
		lone = add(list, "987654");
		ck_assert_int_eq(found(list, "987654", LA_OK, &err), lone);
		/* Only digits make an id: "+N" is a name, and there is none;
		 * " N" is the name "N" as names are trimmed (rule 3). */
		snprintf(key, sizeof(key), "+%lld", (long long)alpha);
		found(list, key, LA_NOT_FOUND, &err);
		snprintf(key, sizeof(key), " %lld", (long long)alpha);
		ck_assert_int_eq(found(list, key, LA_OK, &err), numbered);
		found(list, "id:x", LA_NOT_FOUND, &err);
		found(list, "id:999999", LA_NOT_FOUND, &err);
		found(list, "99999999999999999999", LA_NOT_FOUND, &err);
		ck_assert_int_eq(found(list, "alpha", LA_OK, &err), alpha);
	}
}
END_TEST

START_TEST(an_edit_that_changes_nothing_saves_nothing)
{
	for (int l = 0; l < LIST_COUNT; l++) {
		enum la_list list = (enum la_list)l;
		int64_t id = add(list, "Same");
		long rows = count("SELECT count(*) FROM audit");
		struct la_item it;
		struct la_err err;

		ck_assert(lists_get(db, list, id, &it, &err) == LA_OK);
		ck_assert_int_eq(lists_save(db, &admin, &it, CONFIRM_NONE, &err), LA_OK);
		ck_assert_int_eq(it.updated_count, 0);
		ck_assert_int_eq(count("SELECT count(*) FROM audit"), rows);
		/* Spaces around the name are no change either. */
		free(it.name);
		it.name = strdup("  Same ");
		ck_assert_int_eq(lists_save(db, &admin, &it, CONFIRM_NONE, &err), LA_OK);
		ck_assert_int_eq(it.updated_count, 0);
		ck_assert_int_eq(count("SELECT count(*) FROM audit"), rows);
		lists_item_clear(&it);
	}
}
END_TEST

START_TEST(each_list_asks_for_its_own_right)
{
	struct la_actor lister;
	struct la_item it;
	struct la_err err;

	tu_actor(db, "lisa", ROLE_LIST_ADMIN, &lister);
	for (int l = 0; l < LIST_COUNT; l++) {
		enum la_list list = (enum la_list)l;
		enum la_status want = lists_def(list)->role == ROLE_GENERAL_ADMIN ? LA_DENIED : LA_OK;

		lists_item_init(&it, list);
		free(it.name);
		it.name = strdup("By Lisa");
		ck_assert_int_eq(lists_save(db, &lister, &it, CONFIRM_NONE, &err), want);
		ck_assert_int_eq(lists_may_change(db, &lister, list, &err), want);
		lists_item_clear(&it);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM usergroup"), 0);
}
END_TEST

START_TEST(deleting_a_user_group_says_what_its_members_keep)
{
	int64_t sales = add(LIST_USERGROUP, "Sales");
	struct la_err err;

	ck_assert_int_eq(users_set_group(db, &admin, rights_os_login(), sales, &err), LA_OK);
	/* No caution (the contract of `usergroup delete`), but a note. */
	la_err_clear(&err);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_USERGROUP, sales, 0, &err), LA_OK);
	ck_assert_msg(strstr(err.msg, "1 user has it as primary group") != NULL, "%s", err.msg);
	ck_assert_int_eq(count("SELECT deleted FROM usergroup"), 0);
	ck_assert_int_eq(lists_delete(db, &admin, LIST_USERGROUP, sales, 0, CONFIRM_NONE, &err), LA_OK);
	ck_assert_int_eq(count("SELECT deleted FROM usergroup"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM associate WHERE group_idx IS NOT NULL"), 1);
}
END_TEST

START_TEST(a_list_without_a_default_has_none_to_set)
{
	int64_t id = add(LIST_USERGROUP, "Sales"), def = -1;
	struct la_err err;

	ck_assert_ptr_null(lists_flag_field(LIST_USERGROUP, LFF_DEFAULT));
	ck_assert_int_eq(lists_default_item(db, LIST_USERGROUP, &def, &err), LA_OK);
	ck_assert_int_eq(def, 0);
	ck_assert_int_eq(lists_set_default(db, &admin, LIST_USERGROUP, id, &err), LA_USAGE);
}
END_TEST

/* ------------------------------------------------------------ rule 7 */

START_TEST(rule7_gives_the_default_status_in_each_scope)
{
	int64_t open = tu_default_status(db), customers, leads, company, person;
	struct la_err err;
	long given = -1;

	customers = tu_category(db, "Customers", GROUP_CUSTOMER, false);
	leads = tu_category(db, "Fair leads", GROUP_POTENTIAL_CUSTOMER, true);
	/* A new contact of a lead category gets it, of another not. */
	ck_assert(leads_company_add(db, "Acme", customers, 0, &company, &err) == LA_OK);
	ck_assert(leads_person_add(db, company, 0, "A", "B", NULL, 0, &person, &err) == LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person WHERE person_id = ? AND leadstatus_id IS NULL",
				person), 1);
	/* Its company moves into a lead category: it gets it. */
	ck_assert(leads_company_set_category(db, company, leads, NULL, &err) == LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", person), open);
	/* A person without a company: the category given decides. */
	ck_assert(leads_person_add(db, 0, 0, "C", "D", NULL, 0, &person, &err) == LA_OK);
	ck_assert(leads_give_default_status(db, LEADS_PERSON, person, customers, &given, &err) == LA_OK);
	ck_assert_int_eq(given, 0);
	ck_assert(leads_give_default_status(db, LEADS_PERSON, person, leads, &given, &err) == LA_OK);
	ck_assert_int_eq(given, 1);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", person), open);
	/* Nobody who has a status is touched. */
	ck_assert(leads_give_default_status(db, LEADS_IN_CATEGORY, leads, 0, &given, &err) == LA_OK);
	ck_assert_int_eq(given, 0);
}
END_TEST

/* ------------------------------------------------ rule 2 in Unicode */

/* Adds name to list as the administrator; the status. */
static enum la_status try_add(enum la_list list, const char *name)
{
	struct la_item it;
	struct la_err err;
	enum la_status rc;

	lists_item_init(&it, list);
	free(it.name);
	it.name = strdup(name);
	la_err_clear(&err);
	rc = lists_save(db, &admin, &it, CONFIRM_NONE, &err);
	lists_item_clear(&it);
	return rc;
}

START_TEST(rule2_holds_for_unicode_in_every_list)
{
	/* The first of each pair is added, the second is the same name. */
	static const char *const same[][2] = {
		{ "\xC3\x96""ffentlich", "O\xCC\x88""ffentlich" },     /* NFC, NFD */
		{ "STRASSE", "Stra\xC3\x9F""e" },
		{ "\xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3",
		  "\xCF\x83\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82" }, /* ΣΊΣΥΦΟΣ, σίσυφος */
		{ "\xEF\xAC\x81""le", "FILE" },                          /* the ligature fi */
	};
	/* Letters Unicode keeps apart stay apart. */
	static const char *const apart[][2] = {
		{ "Linz", "\xC4\xB1inz" },        /* i, dotless i */
		{ "Oslo", "\xC3\x98slo" },        /* O, O with stroke */
		{ "Lodz", "\xC5\x81odz" },        /* L, L with stroke */
	};

	for (int l = 0; l < LIST_COUNT; l++) {
		enum la_list list = (enum la_list)l;

		for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
			ck_assert_int_eq(try_add(list, same[i][0]), LA_OK);
			ck_assert_msg(try_add(list, same[i][1]) == LA_REFUSED, "%s: '%s' is '%s'",
				      lists_table(list), same[i][1], same[i][0]);
		}
		for (size_t i = 0; i < sizeof(apart) / sizeof(apart[0]); i++) {
			ck_assert_int_eq(try_add(list, apart[i][0]), LA_OK);
			ck_assert_msg(try_add(list, apart[i][1]) == LA_OK, "%s: '%s' is not '%s'",
				      lists_table(list), apart[i][1], apart[i][0]);
		}
	}
	/* A name typed decomposed is stored composed (NFC). */
	ck_assert_int_eq(try_add(LIST_CATEGORY, "Cafe\xCC\x81 Noir"), LA_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM category WHERE name = 'Caf\xC3\xA9 Noir'"), 1);
}
END_TEST

/* ------------------------------------------- errors are never "none" */

START_TEST(a_database_error_is_never_read_as_none)
{
	struct la_err err;
	int64_t id = -1;
	bool deleted;
	long n = -1;

	/* The tables go away under the cached statements. */
	if (!tu_on_server())
		tu_exec(db, "PRAGMA foreign_keys = OFF");
	tu_exec(db, "ALTER TABLE leadstatus RENAME TO gone_status; "
		"ALTER TABLE category RENAME TO gone_category; "
		"ALTER TABLE person RENAME TO gone_person");
	la_err_clear(&err);
	ck_assert_int_eq(lists_name_taken(db, LIST_CATEGORY, "Lead", 0, &id, &deleted, &err), LA_DB);
	ck_assert_int_eq(id, 0);
	ck_assert_msg(err.msg[0], "a message says why");
	la_err_clear(&err);
	ck_assert_int_eq(lists_default_status(db, &id, &err), LA_DB);
	la_err_clear(&err);
	ck_assert_int_eq(leads_without_status(db, 1, &n, &err), LA_DB);
	la_err_clear(&err);
	ck_assert_int_eq(lists_find(db, LIST_LEADSTATUS, "Open", &(struct la_item){ .name = NULL }, &err),
			 LA_DB);
}
END_TEST

/* A name of n characters of 4 bytes each. */
static char *long_name(const char *head, int n)
{
	char *s = malloc(strlen(head) + (size_t)n * 4 + 1);

	ck_assert_ptr_nonnull(s);
	strcpy(s, head);
	for (int i = 0; i < n; i++)
		strcat(s, "\xF0\x9F\x98\x80");
	return s;
}

START_TEST(a_caution_keeps_its_reason_with_the_longest_names)
{
	char *old_name = long_name("A", LISTS_NAME_MAX - 1), *new_name = long_name("B", LISTS_NAME_MAX - 1);
	int64_t id = tu_category(db, old_name, GROUP_POTENTIAL_CUSTOMER, false);
	struct la_item it;
	struct la_err err;

	tu_companies(db, id, 2, 3);
	ck_assert(lists_get(db, LIST_CATEGORY, id, &it, &err) == LA_OK);
	free(it.name);
	it.name = new_name;
	it.lead_status = true;
	la_err_clear(&err);
	ck_assert_int_eq(lists_save(db, &admin, &it, CONFIRM_NONE, &err), LA_CONFIRM);
	ck_assert_msg(text_utf8_valid(err.msg, strlen(err.msg)), "valid UTF-8: %s", err.msg);
	ck_assert_msg(strstr(err.msg, "can no longer be updated.") != NULL, "rule 6's reason: %s", err.msg);
	ck_assert_msg(strstr(err.msg, "the default status.") != NULL, "rule 7's count: %s", err.msg);
	lists_item_clear(&it);
	free(old_name);
}
END_TEST

/* A count in a sentence agrees with its noun: "1 company", "2 companies". */
START_TEST(a_count_in_a_sentence_agrees_with_its_noun)
{
	int64_t one = tu_category(db, "One", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t many = tu_category(db, "Many", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t open = tu_default_status(db);
	struct la_err err;

	tu_companies(db, one, 1, 1);
	tu_companies(db, many, 2, 3);
	la_err_clear(&err);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_CATEGORY, one, 0, &err), LA_CONFIRM);
	ck_assert_msg(strstr(err.msg, "'One' is used by 1 company and 1 contact:") != NULL, "%s", err.msg);
	la_err_clear(&err);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_CATEGORY, many, 0, &err), LA_CONFIRM);
	ck_assert_msg(strstr(err.msg, "'Many' is used by 2 companies and 6 contacts:") != NULL, "%s", err.msg);
	/* The status of all seven contacts: the default, so a successor is named. */
	la_err_clear(&err);
	ck_assert_int_eq(lists_delete_check(db, &admin, LIST_LEADSTATUS, open,
					    add(LIST_LEADSTATUS, "Waiting"), &err), LA_CONFIRM);
	ck_assert_msg(strstr(err.msg, "is used by 7 contacts;") != NULL, "%s", err.msg);
}
END_TEST

/* -------------------------------------------------- export and import */

START_TEST(user_groups_travel_with_export_and_import)
{
	struct db *dst = tu_db("en");
	struct la_actor dst_admin, lister;
	struct porting_plan plan;
	struct la_err err;
	char *json;

	add(LIST_USERGROUP, "Sales");
	add(LIST_USERGROUP, "Inside sales");
	ck_assert(porting_export(db, &json, &err) == LA_OK);
	ck_assert_msg(strstr(json, "\"user_groups\": [\n    {\"name\": \"Sales\"") != NULL, "%s", json);
	tu_admin(dst, &dst_admin);
	/* A List administrator may import lists, not user groups. */
	tu_actor(dst, "lisa", ROLE_LIST_ADMIN, &lister);
	ck_assert_int_eq(porting_import(dst, &lister, json, strlen(json), false, CONFIRM_NONE,
					&plan, &err), LA_DENIED);
	ck_assert_msg(strstr(err.msg, "user_groups[1] 'Sales'") != NULL, "%s", err.msg);
	porting_plan_free(&plan);
	ck_assert_int_eq(tu_int(dst, "SELECT count(*) FROM usergroup", -1), 0);
	ck_assert_int_eq(porting_import(dst, &dst_admin, json, strlen(json), false, CONFIRM_NONE,
					&plan, &err), LA_OK);
	porting_plan_free(&plan);
	ck_assert_str_eq(tu_text(dst, "SELECT group_concat(name, ',') FROM "
				 "(SELECT name FROM usergroup ORDER BY rank) AS t", -1), "Sales,Inside sales");
	/* The same file again changes nothing: the List administrator may. */
	ck_assert_int_eq(porting_import(dst, &lister, json, strlen(json), false, CONFIRM_NONE,
					&plan, &err), LA_OK);
	ck_assert_int_eq(plan.added + plan.updated, 0);
	porting_plan_free(&plan);
	free(json);
	db_close(dst);
}
END_TEST

/* ------------------------------------------------- the upgrade's keys */

/* A legacy database file whose category names fold alike. */
static char *legacy_with_twins(void)
{
	const char *top = getenv("top_srcdir");
	char fixture[1024], *path, *cmd;
	int n;

	snprintf(fixture, sizeof(fixture), "%s/tests/fixtures/legacy.sql", top && *top ? top : ".");
	path = strdup("/tmp/la_listdef.XXXXXX");
	ck_assert_ptr_nonnull(path);
	ck_assert(mkdtemp(path) != NULL);
	n = asprintf(&cmd, "cd '%s' && { cat '%s'; echo \"INSERT INTO category (name, rank) "
		     "VALUES ('Presse', 7), ('PRESSE', 8);\"; } | ${SQLITE3:-sqlite3} -batch legacy.db",
		     path, fixture);
	ck_assert(n > 0);
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
	free(cmd);
	return path;
}

START_TEST(upgrade_keeps_names_that_fold_alike_and_logs_them)
{
	char *dir = legacy_with_twins(), file[1100];
	struct db *old = NULL;
	struct la_err err;
	struct la_items items;
	struct la_item it;
	size_t twins = 0;

	snprintf(file, sizeof(file), "%s/legacy.db", dir);
	la_err_clear(&err);
	ck_assert_msg(db_open(file, DB_OPEN_UPGRADE, "de", rights_os_login(), &old, &err) == LA_OK, "%s", err.msg);
	ck_assert(lists_load(old, LIST_CATEGORY, true, &items, &err) == LA_OK);
	for (size_t i = 0; i < items.n; i++)
		twins += strcmp(items.v[i].name, "Presse") == 0 || strcmp(items.v[i].name, "PRESSE") == 0;
	lists_items_free(&items);
	ck_assert_int_eq(twins, 2);
	ck_assert_str_eq(tu_text(old, "SELECT new_value FROM audit WHERE action = 'name-collision'", -1),
			 "{\"list\":\"category\",\"names\":[\"Presse\",\"PRESSE\"]}");
	/* Both stay usable: found, and edited when the name is kept. */
	ck_assert(lists_find(old, LIST_CATEGORY, "PRESSE", &it, &err) == LA_OK);
	free(it.tooltip);
	it.tooltip = strdup("Journalists");
	it.group = GROUP_OTHER;
	{
		struct la_actor a;

		tu_admin(old, &a);
		ck_assert_msg(lists_save(old, &a, &it, CONFIRM_YES, &err) == LA_OK, "%s", err.msg);
	}
	lists_item_clear(&it);
	db_close(old);
	snprintf(file, sizeof(file), "rm -rf '%s'", dir);
	ck_assert(system(file) == 0);
	free(dir);
}
END_TEST

static Suite *listdef_suite(void)
{
	Suite *s = suite_create("list model");
	TCase *tc = tcase_create("listdef");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_list_is_described_completely);
	tcase_add_test(tc, every_statement_of_every_list_prepares);
	tcase_add_test(tc, lists_are_found_by_command_and_table);
	tcase_add_test(tc, an_item_is_a_name_first_and_an_ambiguous_number_is_refused);
	tcase_add_test(tc, every_list_adds_edits_moves_deletes_and_restores);
	tcase_add_test(tc, an_edit_that_changes_nothing_saves_nothing);
	tcase_add_test(tc, each_list_asks_for_its_own_right);
	tcase_add_test(tc, deleting_a_user_group_says_what_its_members_keep);
	tcase_add_test(tc, a_list_without_a_default_has_none_to_set);
	tcase_add_test(tc, rule7_gives_the_default_status_in_each_scope);
	tcase_add_test(tc, rule2_holds_for_unicode_in_every_list);
	tcase_add_test(tc, a_database_error_is_never_read_as_none);
	tcase_add_test(tc, a_caution_keeps_its_reason_with_the_longest_names);
	tcase_add_test(tc, a_count_in_a_sentence_agrees_with_its_noun);
	tcase_add_test(tc, user_groups_travel_with_export_and_import);
	tu_sqlite_test(tc, upgrade_keeps_names_that_fold_alike_and_logs_them,
		       "a legacy database is a SQLite file");
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(listdef_suite());
}

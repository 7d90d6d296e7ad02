/* The deep consistency check: each check of the table finds its defect,
 * counts it, and names the command that fixes it; a new database is clean. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "deepcheck.h"
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

static void deep(struct deepcheck_report *r)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(deepcheck_run(db, r, &err) == LA_OK, "%s", err.msg);
}

START_TEST(new_database_is_clean)
{
	struct deepcheck_report r;

	deep(&r);
	ck_assert_uint_eq(r.found, 0);
	for (int k = 0; k < DEEP_CHECKS; k++)
		ck_assert_int_eq(r.f[k].count, 0);
	deepcheck_free(&r);
}
END_TEST

START_TEST(frozen_lead_status_is_counted_per_category)
{
	struct deepcheck_report r;

	tu_exec_keyed(db, "INSERT INTO contact (contact_id, name, category_idx) VALUES (1, 'Acme', 4), (2, 'Globex', 4);"
		      "INSERT INTO person (contact_id, leadstatus_id) VALUES (1, 1), (1, 2), (2, 1), (2, NULL);"
		      "UPDATE category SET enable_lead_status = 0 WHERE category_id = 4");
	deep(&r);
	ck_assert_uint_eq(r.found, 1);
	ck_assert_int_eq(r.f[DEEP_FROZEN_LEAD_STATUS].count, 3);
	ck_assert_uint_eq(r.f[DEEP_FROZEN_LEAD_STATUS].n, 1);
	ck_assert_str_eq(r.f[DEEP_FROZEN_LEAD_STATUS].v[0].fix,
			 "leadadmin category edit --id 4 --group potential-customer --lead-status  # Lost opportunity");
	deepcheck_free(&r);
	/* Deleted, the category cannot be edited: its companies are the
	 * finding of deleted categories, not frozen statuses. */
	tu_exec(db, "UPDATE category SET deleted = 1 WHERE category_id = 4");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_FROZEN_LEAD_STATUS].count, 0);
	ck_assert_int_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].count, 2);
	deepcheck_free(&r);
}
END_TEST

START_TEST(fixes_name_a_category_by_id_and_its_name_in_a_comment)
{
	struct deepcheck_report r;

	/* A twin of the deleted name (not on a server, where rule 2 is a
	 * constraint), a name that is an option, a newline. */
	tu_exec_keyed(db, "INSERT INTO contact (name, category_idx) VALUES ('Acme', 1), ('Globex', 2);"
		      "UPDATE category SET deleted = 1, name = '--id' WHERE category_id = 1;"
		      "UPDATE category SET deleted = 1, name = 'a\nb\x7f $(x)' WHERE category_id = 2");
	if (!tu_on_server())
		tu_exec(db, "INSERT INTO category (name, rank, category_group) VALUES ('--id', 9, 1)");
	deep(&r);
	ck_assert_uint_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].n, 2);
	ck_assert_str_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].v[0].fix,
			 "leadadmin category delete --id 1 --move-to OTHER  # --id");
	ck_assert_str_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].v[1].fix,
			 "leadadmin category delete --id 2 --move-to OTHER  # a?b? $(x)");
	deepcheck_free(&r);
}
END_TEST

START_TEST(an_off_rule_keeps_off_in_its_fix)
{
	struct deepcheck_report r;

	tu_exec(db, "UPDATE category SET deleted = 1 WHERE category_id = 1;"
		"UPDATE automated_category_update SET default_category = 1, enabled = 0 WHERE trigger_type = 3");
	deep(&r);
	ck_assert_uint_eq(r.f[DEEP_RULE_DELETED_ITEM].n, 1);
	ck_assert_str_eq(r.f[DEEP_RULE_DELETED_ITEM].v[0].fix,
			 "leadadmin automation set sale-lost off --category OTHER");
	deepcheck_free(&r);
}
END_TEST

START_TEST(companies_of_deleted_categories_name_the_move)
{
	struct deepcheck_report r;

	tu_exec_keyed(db, "INSERT INTO contact (name, category_idx) VALUES ('Acme', 1), ('Globex', 1), ('Initech', 2);"
		      "UPDATE category SET deleted = 1 WHERE category_id IN (1, 2)");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].count, 3);
	ck_assert_uint_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].n, 2);
	ck_assert_int_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].v[0].count, 2);
	ck_assert_str_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].v[0].fix,
			 "leadadmin category delete --id 1 --move-to OTHER  # Lead");
	ck_assert_str_eq(r.f[DEEP_COMPANY_DELETED_CATEGORY].v[1].fix,
			 "leadadmin category delete --id 2 --move-to OTHER  # Marketing qualified lead (MQL)");
	deepcheck_free(&r);
}
END_TEST

START_TEST(persons_whose_company_is_not_there_have_no_command)
{
	struct deepcheck_report r;

	/* Without a company (NULL or 0) is no finding; a missing one is. */
	/* (On a server without the foreign key, as another program could.) */
	tu_exec(db, tu_on_server() ? "ALTER TABLE person DROP CONSTRAINT person_contact_id_fkey"
		: "PRAGMA foreign_keys = OFF");
	tu_exec(db, "INSERT INTO person (contact_id) VALUES (NULL), (0)");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_PERSON_COMPANY_MISSING].count, 0);
	deepcheck_free(&r);
	tu_exec(db, "INSERT INTO person (contact_id) VALUES (999999), (999998), (999998)");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_PERSON_COMPANY_MISSING].count, 3);
	ck_assert_ptr_null(r.f[DEEP_PERSON_COMPANY_MISSING].v[0].fix);
	ck_assert_ptr_nonnull(deepcheck_no_fix(DEEP_PERSON_COMPANY_MISSING));
	ck_assert_ptr_null(deepcheck_no_fix(DEEP_COMPANY_DELETED_CATEGORY));
	deepcheck_free(&r);
}
END_TEST

START_TEST(unreachable_only_while_filtering_is_on)
{
	struct deepcheck_report r;

	tu_exec(db, "UPDATE setting SET value = '0' WHERE key = 'category.grouping'");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_UNREACHABLE].count, 0);
	deepcheck_free(&r);
	tu_exec(db, "INSERT INTO setting (key, value) VALUES ('category.grouping', '1') "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	deep(&r);
	/* No user group at all: nobody may see any of the four, and a
	 * user group must be added first (its own line, counting none). */
	ck_assert_int_eq(r.f[DEEP_UNREACHABLE].count, 4);
	ck_assert_uint_eq(r.f[DEEP_UNREACHABLE].n, 5);
	ck_assert_int_eq(r.f[DEEP_UNREACHABLE].v[0].count, 0);
	ck_assert_str_eq(r.f[DEEP_UNREACHABLE].v[0].fix, "leadadmin usergroup add NAME");
	ck_assert_str_eq(r.f[DEEP_UNREACHABLE].v[4].fix,
			 "leadadmin category visible-for --id 4 all  # Lost opportunity");
	deepcheck_free(&r);
	tu_exec_keyed(db, "INSERT INTO usergroup (name) VALUES ('Sales')");
	deep(&r);
	ck_assert_int_eq(r.f[DEEP_UNREACHABLE].count, 4);
	ck_assert_uint_eq(r.f[DEEP_UNREACHABLE].n, 4);
	ck_assert_str_eq(r.f[DEEP_UNREACHABLE].v[3].fix,
			 "leadadmin category visible-for --id 4 all  # Lost opportunity");
	deepcheck_free(&r);
}
END_TEST

static Suite *deepcheck_suite(void)
{
	Suite *s = suite_create("deepcheck");
	TCase *tc = tcase_create("deepcheck");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_database_is_clean);
	tcase_add_test(tc, frozen_lead_status_is_counted_per_category);
	tcase_add_test(tc, companies_of_deleted_categories_name_the_move);
	tcase_add_test(tc, fixes_name_a_category_by_id_and_its_name_in_a_comment);
	tcase_add_test(tc, an_off_rule_keeps_off_in_its_fix);
	tcase_add_test(tc, persons_whose_company_is_not_there_have_no_command);
	tcase_add_test(tc, unreachable_only_while_filtering_is_on);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(deepcheck_suite()); }

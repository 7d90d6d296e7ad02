/* Lead categorization (issue 12, part 3): the rules of
 * automated_category_update - their checks, rights and audit rows - and
 * lead set-status applying the lead-status rule. One test per behaviour;
 * outcomes are read back from the tables. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "leads.h"
#include "lists.h"
#include "rights.h"
#include "testutil.h"

static struct db *db;
static struct la_actor admin;
static int64_t lead, opportunity, customer, qualified, open_st, acme, person;

static void setup(void)
{
	struct la_err err;

	db = tu_db("en");
	tu_admin(db, &admin);
	lead = tu_int(db, "SELECT category_id FROM category WHERE name = 'Lead'", -1);
	opportunity = tu_int(db, "SELECT category_id FROM category WHERE name = 'Opportunity'", -1);
	customer = tu_category(db, "Customer", GROUP_CUSTOMER, false);
	qualified = tu_int(db, "SELECT leadstatus_id FROM leadstatus WHERE name = 'Qualified'", -1);
	open_st = tu_default_status(db);
	ck_assert(leads_company_add(db, "Acme", lead, 0, &acme, &err) == LA_OK);
	ck_assert(leads_person_add(db, acme, 0, "Lea", "Lead", "lead@example.org", 0, &person,
				   &err) == LA_OK);
}

static void teardown(void)
{
	db_close(db);
}

static long audits(void)
{
	return tu_int(db, "SELECT count(*) FROM audit", -1);
}

/* The lead-status rule Qualified -> to, saved. */
static void lead_rule(int64_t to, bool confirm)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_LEAD_STATUS - 1].enabled = true;
	rules[AUTO_LEAD_STATUS - 1].category_id = to;
	rules[AUTO_LEAD_STATUS - 1].leadstatus_id = qualified;
	rules[AUTO_LEAD_STATUS - 1].confirm = confirm;
	ck_assert_msg(automation_save(db, &admin, rules, &err) == LA_OK, "%s", err.msg);
}

static long company_category(int64_t company)
{
	return tu_int(db, "SELECT coalesce(category_idx, 0) FROM contact WHERE contact_id = ?", company);
}

START_TEST(a_new_database_has_four_rules_all_off)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	for (int i = 0; i < AUTO_COUNT; i++) {
		ck_assert_int_eq(rules[i].trigger, i + 1);
		ck_assert(!rules[i].enabled);
		ck_assert_int_eq(rules[i].category_id, 0);
	}
}
END_TEST

START_TEST(trigger_words_and_keys_parse_back)
{
	enum auto_trigger t;

	for (int i = 1; i <= AUTO_COUNT; i++) {
		ck_assert(automation_trigger_parse(automation_trigger_word((enum auto_trigger)i), &t));
		ck_assert_int_eq(t, i);
		ck_assert(automation_trigger_parse(automation_trigger_key((enum auto_trigger)i), &t));
		ck_assert_int_eq(t, i);
	}
	ck_assert(!automation_trigger_parse("sale-won", &t));
}
END_TEST

START_TEST(saving_an_enabled_rule_without_a_category_is_refused)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;
	long n = audits();

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_SALE_SOLD - 1].enabled = true;
	ck_assert_int_eq(automation_save(db, &admin, rules, &err), LA_REFUSED);
	ck_assert_int_eq(tu_int(db, "SELECT sum(enabled) FROM automated_category_update", -1), 0);
	ck_assert_int_eq(audits(), n);
}
END_TEST

START_TEST(a_rule_needs_a_category_that_is_not_deleted)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;

	tu_int(db, "UPDATE category SET deleted = 1 WHERE category_id = ? RETURNING 1", customer);
	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_SALE_SOLD - 1].enabled = true;
	rules[AUTO_SALE_SOLD - 1].category_id = customer;
	ck_assert_int_eq(automation_check(db, &rules[AUTO_SALE_SOLD - 1], &err), LA_REFUSED);
	rules[AUTO_SALE_SOLD - 1].category_id = 999;
	ck_assert_int_eq(automation_check(db, &rules[AUTO_SALE_SOLD - 1], &err), LA_REFUSED);
}
END_TEST

START_TEST(the_lead_status_rule_names_a_status_and_only_it_does)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_LEAD_STATUS - 1].enabled = true;
	rules[AUTO_LEAD_STATUS - 1].category_id = opportunity;
	ck_assert_int_eq(automation_check(db, &rules[AUTO_LEAD_STATUS - 1], &err), LA_REFUSED);
	rules[AUTO_SALE_SOLD - 1].category_id = customer;
	rules[AUTO_SALE_SOLD - 1].leadstatus_id = qualified;
	ck_assert_int_eq(automation_check(db, &rules[AUTO_SALE_SOLD - 1], &err), LA_REFUSED);
}
END_TEST

START_TEST(each_changed_rule_writes_one_audit_row)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;
	long n = audits();

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_SALE_SOLD - 1] = (struct auto_rule){ .trigger = AUTO_SALE_SOLD, .enabled = true,
							 .category_id = customer };
	rules[AUTO_SALE_LOST - 1].category_id = lead;
	ck_assert_msg(automation_save(db, &admin, rules, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(audits(), n + 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'automated_category_update' "
				"AND item_id IN (2, 3) AND action = 'edit'", -1), 2);
	ck_assert_int_eq(rules[AUTO_SALE_SOLD - 1].updated_count, 1);
	ck_assert_msg(automation_save(db, &admin, rules, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(audits(), n + 2);
}
END_TEST

START_TEST(a_save_over_someone_elses_is_stale)
{
	struct auto_rule mine[AUTO_COUNT], theirs[AUTO_COUNT];
	struct la_err err;

	ck_assert(automation_load(db, mine, &err) == LA_OK);
	ck_assert(automation_load(db, theirs, &err) == LA_OK);
	theirs[AUTO_SALE_SOLD - 1].category_id = customer;
	ck_assert(automation_save(db, &admin, theirs, &err) == LA_OK);
	mine[AUTO_SALE_SOLD - 1].category_id = lead;
	ck_assert_int_eq(automation_save(db, &admin, mine, &err), LA_STALE);
	ck_assert_int_eq(tu_int(db, "SELECT default_category FROM automated_category_update "
				"WHERE trigger_type = 2", -1), customer);
}
END_TEST

START_TEST(only_general_and_list_administrators_change_rules)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_actor user, listadmin;
	struct la_err err;

	tu_actor(db, "carol", ROLE_USER, &user);
	tu_actor(db, "lisa", ROLE_LIST_ADMIN, &listadmin);
	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_SALE_SOLD - 1].category_id = customer;
	ck_assert_int_eq(automation_save(db, &user, rules, &err), LA_DENIED);
	ck_assert_int_eq(automation_save(db, &listadmin, rules, &err), LA_OK);
}
END_TEST

START_TEST(a_person_is_found_by_e_mail_in_any_case_or_by_id)
{
	struct la_err err;
	int64_t id;

	ck_assert(automation_find_person(db, "LEAD@Example.org", &id, &err) == LA_OK);
	ck_assert_int_eq(id, person);
	ck_assert(automation_find_person(db, "id:1", &id, &err) == LA_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(automation_find_person(db, "x@example.org", &id, &err), LA_NOT_FOUND);
}
END_TEST

START_TEST(the_lead_status_rule_moves_a_lead_company_and_logs_the_rule)
{
	struct auto_outcome out;
	struct la_err err;

	lead_rule(opportunity, false);
	ck_assert_msg(automation_lead_set_status(db, &admin, person, qualified, false, 0, &out, &err) == LA_OK,
		      "%s", err.msg);
	ck_assert(out.status_changed);
	ck_assert_int_eq(out.new_category, opportunity);
	ck_assert_int_eq(company_category(acme), opportunity);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", person), qualified);
	ck_assert_str_eq(tu_json_text(tu_text(db, "SELECT new_value FROM audit WHERE list = 'contact' "
					      "AND action = 'auto-category' AND item_id = ?", acme),
				      "rule"),
			 "lead_status");
}
END_TEST

START_TEST(another_status_moves_no_company)
{
	struct auto_outcome out;
	struct la_err err;
	int64_t contacting = tu_int(db, "SELECT leadstatus_id FROM leadstatus WHERE name = 'Contacting'", -1);

	lead_rule(opportunity, false);
	ck_assert(automation_lead_set_status(db, &admin, person, contacting, false, 0, &out, &err) == LA_OK);
	ck_assert(out.status_changed);
	ck_assert_int_eq(company_category(acme), lead);
}
END_TEST

START_TEST(a_rule_that_is_off_moves_nothing)
{
	struct auto_outcome out;
	struct la_err err;

	ck_assert(automation_lead_set_status(db, &admin, person, qualified, false, 0, &out, &err) == LA_OK);
	ck_assert_int_eq(company_category(acme), lead);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'contact'", -1), 0);
}
END_TEST

START_TEST(a_customer_company_is_left_alone)
{
	struct auto_outcome out;
	struct la_err err;
	int64_t big, buyer;

	lead_rule(opportunity, false);
	ck_assert(leads_company_add(db, "Bigcorp", customer, 0, &big, &err) == LA_OK);
	ck_assert(leads_person_add(db, big, 0, "B", "Buyer", "buyer@example.org", 0, &buyer, &err) == LA_OK);
	tu_int(db, "UPDATE person SET leadstatus_id = 1 WHERE person_id = ? RETURNING 1", buyer);
	ck_assert_int_eq(automation_lead_set_status(db, &admin, buyer, qualified, false, 0, &out, &err),
			 LA_REFUSED);
	ck_assert_int_eq(company_category(big), customer);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", buyer), 1);
}
END_TEST

START_TEST(potential_customer_without_lead_status_is_left_alone)
{
	struct auto_outcome out;
	struct la_err err;
	int64_t webinar = tu_category(db, "Webinar", GROUP_POTENTIAL_CUSTOMER, false), k, p;

	lead_rule(opportunity, false);
	ck_assert(leads_company_add(db, "Plain", webinar, 0, &k, &err) == LA_OK);
	ck_assert(leads_person_add(db, k, 0, "P", "Plain", "p@example.org", 0, &p, &err) == LA_OK);
	ck_assert_int_eq(automation_lead_set_status(db, &admin, p, qualified, false, 0, &out, &err),
			 LA_REFUSED);
	ck_assert_int_eq(company_category(k), webinar);
}
END_TEST

START_TEST(a_company_without_a_category_is_left_alone)
{
	struct auto_outcome out;
	struct la_err err;
	int64_t k, p;

	lead_rule(opportunity, false);
	ck_assert(leads_company_add(db, "Bare", 0, 0, &k, &err) == LA_OK);
	ck_assert(leads_person_add(db, k, 0, "B", "Bare", "bare@example.org", 0, &p, &err) == LA_OK);
	ck_assert(automation_lead_set_status(db, &admin, p, qualified, false, 0, &out, &err) == LA_OK);
	ck_assert(out.status_changed);
	ck_assert_ptr_nonnull(out.why_not);
	ck_assert_int_eq(company_category(k), 0);
}
END_TEST

START_TEST(with_confirmation_nothing_changes_without_yes)
{
	struct auto_outcome out;
	struct la_err err;
	long n;

	lead_rule(opportunity, true);
	n = audits();
	ck_assert_int_eq(automation_lead_set_status(db, &admin, person, qualified, false, 0, &out, &err),
			 LA_CONFIRM);
	ck_assert_int_eq(out.suggested, opportunity);
	ck_assert_msg(strstr(err.msg, "from 'Lead' to 'Opportunity'"), "%s", err.msg);
	ck_assert_int_eq(company_category(acme), lead);
	ck_assert_int_eq(tu_int(db, "SELECT leadstatus_id FROM person WHERE person_id = ?", person), open_st);
	ck_assert_int_eq(audits(), n);
	ck_assert(automation_lead_set_status(db, &admin, person, qualified, true, 0, &out, &err) == LA_OK);
	ck_assert_int_eq(company_category(acme), opportunity);
}
END_TEST

START_TEST(with_confirmation_another_category_may_be_chosen)
{
	struct auto_outcome out;
	struct la_err err;
	int64_t mql = tu_int(db, "SELECT category_id FROM category WHERE name LIKE 'Marketing%'", -1);

	lead_rule(opportunity, true);
	ck_assert(automation_lead_set_status(db, &admin, person, qualified, false, mql, &out, &err) == LA_OK);
	ck_assert_int_eq(company_category(acme), mql);
}
END_TEST

START_TEST(a_category_without_a_rule_that_applies_is_refused)
{
	struct auto_outcome out;
	struct la_err err;

	ck_assert_int_eq(automation_lead_set_status(db, &admin, person, qualified, false, opportunity,
						    &out, &err), LA_REFUSED);
	ck_assert_int_eq(company_category(acme), lead);
}
END_TEST

START_TEST(a_deleted_status_cannot_be_set)
{
	struct auto_outcome out;
	struct la_err err;

	tu_int(db, "UPDATE leadstatus SET deleted = 1 WHERE leadstatus_id = ? RETURNING 1", qualified);
	ck_assert_int_eq(automation_lead_set_status(db, &admin, person, qualified, false, 0, &out, &err),
			 LA_REFUSED);
}
END_TEST

START_TEST(a_login_that_is_no_user_sets_no_status)
{
	struct auto_outcome out;
	struct la_actor stranger = { .login = "stranger" };
	struct la_err err;

	ck_assert_int_eq(automation_lead_set_status(db, &stranger, person, qualified, false, 0, &out, &err),
			 LA_DENIED);
}
END_TEST

START_TEST(the_kept_counts_follow_the_automatic_move)
{
	struct auto_outcome out;
	struct la_err err;

	lead_rule(opportunity, false);
	ck_assert(automation_lead_set_status(db, &admin, person, qualified, false, 0, &out, &err) == LA_OK);
	ck_assert_int_eq(tu_int(db, "SELECT companies FROM usage_count WHERE list = 'category' AND item_id = ?",
				opportunity), 1);
	ck_assert_int_eq(tu_int(db, "SELECT coalesce(sum(companies), 0) FROM usage_count WHERE list = 'category' "
				"AND item_id = ?", lead), 0);
}
END_TEST

/* The sale-sold rule -> to, saved. */
static void sold_rule(int64_t to, bool confirm)
{
	struct auto_rule rules[AUTO_COUNT];
	struct la_err err;

	ck_assert(automation_load(db, rules, &err) == LA_OK);
	rules[AUTO_SALE_SOLD - 1].enabled = true;
	rules[AUTO_SALE_SOLD - 1].category_id = to;
	rules[AUTO_SALE_SOLD - 1].confirm = confirm;
	ck_assert_msg(automation_save(db, &admin, rules, &err) == LA_OK, "%s", err.msg);
}

static enum event_outcome event(const char *text, bool yes, int64_t category)
{
	struct event_result res;
	struct la_err err;

	ck_assert_msg(automation_event_one(db, &admin, text, strlen(text), yes, category, &res,
					   &err) == LA_OK, "%s", err.msg);
	return res.outcome;
}

START_TEST(a_sale_event_applies_its_rule_once)
{
	struct la_err err;
	const char *auto_value;
	long n;

	sold_rule(customer, false);
	n = audits();
	ck_assert_int_eq(event("{\"id\": \"e1\", \"sale\": 1, \"company\": \"acme\", \"event\": \"sold\"}",
			       false, 0), EVENT_APPLIED);
	ck_assert_int_eq(company_category(acme), customer);
	ck_assert_int_eq(audits(), n + 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'auto-category'", -1),
			 1);
	auto_value = tu_text(db, "SELECT new_value FROM audit WHERE action = 'auto-category'", -1);
	ck_assert_str_eq(tu_json_text(auto_value, "rule"), "sale_sold");
	ck_assert_str_eq(tu_json_text(auto_value, "event"), "e1");
	/* The same id again: skipped, even though the company moved back. */
	ck_assert(leads_company_set_category(db, acme, lead, NULL, &err) == LA_OK);
	ck_assert_int_eq(event("{\"id\": \"e1\", \"sale\": 1, \"company\": \"acme\", \"event\": \"sold\"}",
			       false, 0), EVENT_SKIPPED);
	ck_assert_int_eq(company_category(acme), lead);
}
END_TEST

START_TEST(a_sale_event_leaves_a_customer_alone)
{
	int64_t big;
	struct la_err err;
	char text[200];

	sold_rule(opportunity, false);
	ck_assert(leads_company_add(db, "Big", customer, 0, &big, &err) == LA_OK);
	snprintf(text, sizeof(text), "{\"id\": 7, \"sale\": 2, \"company\": %lld, \"event\": \"sold\"}",
		 (long long)big);
	ck_assert_int_eq(event(text, false, 0), EVENT_UNCHANGED);
	ck_assert_int_eq(company_category(big), customer);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM sale_event WHERE event_key = '7'", -1), 1);
}
END_TEST

START_TEST(a_sale_event_waits_for_confirmation)
{
	const char *text = "{\"id\": \"c1\", \"sale\": 3, \"company\": \"Acme\", \"event\": \"sold\"}";

	sold_rule(customer, true);
	ck_assert_int_eq(event(text, false, 0), EVENT_CONFIRM);
	ck_assert_int_eq(company_category(acme), lead);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM sale_event", -1), 0);
	ck_assert_int_eq(event(text, false, opportunity), EVENT_APPLIED);
	ck_assert_int_eq(company_category(acme), opportunity);
}
END_TEST

START_TEST(a_malformed_sale_event_changes_nothing)
{
	long n;

	sold_rule(customer, false);
	n = audits();
	ck_assert_int_eq(event("{\"id\": \"m1\", \"company\": \"Acme\", \"event\": \"sold\"}", false, 0),
			 EVENT_REJECTED);
	ck_assert_int_eq(event("{\"id\": \"m2\", \"sale\": 1, \"company\": \"Acme\", \"event\": \"sold\", \"when\": \"yesterday\"}",
			       false, 0), EVENT_REJECTED);
	ck_assert_int_eq(event("[1]", false, 0), EVENT_REJECTED);
	ck_assert_int_eq(company_category(acme), lead);
	ck_assert_int_eq(audits(), n);
}
END_TEST

static Suite *automation_suite(void)
{
	Suite *s = suite_create("automation");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_new_database_has_four_rules_all_off);
	tcase_add_test(tc, trigger_words_and_keys_parse_back);
	tcase_add_test(tc, saving_an_enabled_rule_without_a_category_is_refused);
	tcase_add_test(tc, a_rule_needs_a_category_that_is_not_deleted);
	tcase_add_test(tc, the_lead_status_rule_names_a_status_and_only_it_does);
	tcase_add_test(tc, each_changed_rule_writes_one_audit_row);
	tcase_add_test(tc, a_save_over_someone_elses_is_stale);
	tcase_add_test(tc, only_general_and_list_administrators_change_rules);
	suite_add_tcase(s, tc);
	tc = tcase_create("set-status");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_person_is_found_by_e_mail_in_any_case_or_by_id);
	tcase_add_test(tc, the_lead_status_rule_moves_a_lead_company_and_logs_the_rule);
	tcase_add_test(tc, another_status_moves_no_company);
	tcase_add_test(tc, a_rule_that_is_off_moves_nothing);
	tcase_add_test(tc, a_customer_company_is_left_alone);
	tcase_add_test(tc, potential_customer_without_lead_status_is_left_alone);
	tcase_add_test(tc, a_company_without_a_category_is_left_alone);
	tcase_add_test(tc, with_confirmation_nothing_changes_without_yes);
	tcase_add_test(tc, with_confirmation_another_category_may_be_chosen);
	tcase_add_test(tc, a_category_without_a_rule_that_applies_is_refused);
	tcase_add_test(tc, a_deleted_status_cannot_be_set);
	tcase_add_test(tc, a_login_that_is_no_user_sets_no_status);
	tcase_add_test(tc, the_kept_counts_follow_the_automatic_move);
	tcase_add_test(tc, a_sale_event_applies_its_rule_once);
	tcase_add_test(tc, a_sale_event_leaves_a_customer_alone);
	tcase_add_test(tc, a_sale_event_waits_for_confirmation);
	tcase_add_test(tc, a_malformed_sale_event_changes_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(automation_suite()); }

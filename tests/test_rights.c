/* Rule 9: who acts and what they may do; users and their roles. Every test
 * runs on a fresh in-memory database whose creator, the OS login, is the
 * only General administrator. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static long audits(void)
{
	return count("SELECT count(*) FROM audit");
}

/* The stored role of login, or -1 when there is no such associate. */
static int role_of(const char *login)
{
	struct la_actor a;
	struct la_err err;

	la_err_clear(&err);
	ck_assert(rights_actor_for(db, login, &a, &err) == LA_OK);
	return a.associate_id ? (int)a.role : -1;
}

static enum la_status add_user(const struct la_actor *actor, const char *login,
			       const char *full_name, enum la_role role, struct la_err *err)
{
	la_err_clear(err);
	tu_server_login(login);
	return rights_user_add(db, actor, login, full_name, role, err);
}

static enum la_status set_role(const struct la_actor *actor, const char *login,
			       enum la_role role, struct la_err *err)
{
	la_err_clear(err);
	return rights_user_set_role(db, actor, login, role, err);
}

START_TEST(role_keys_parse_back)
{
	enum la_role r;
	int i;

	for (i = ROLE_USER; i <= ROLE_GENERAL_ADMIN; i++) {
		ck_assert(rights_role_parse(rights_role_key((enum la_role)i), &r));
		ck_assert_int_eq(r, i);
	}
	ck_assert_str_eq(rights_role_key(ROLE_GENERAL_ADMIN), "general-admin");
	ck_assert_str_eq(rights_role_key(ROLE_LIST_ADMIN), "list-admin");
	ck_assert_str_eq(rights_role_key(ROLE_USER), "user");
	ck_assert_str_eq(rights_role_label(ROLE_GENERAL_ADMIN), "General administrator");
	ck_assert_str_eq(rights_role_label(ROLE_LIST_ADMIN), "List administrator");
	ck_assert_str_eq(rights_role_label(ROLE_USER), "User");
}
END_TEST

START_TEST(role_parse_refuses_other_spellings)
{
	static const char *const bad[] = {
		"admin", "", "General-Admin", "list_admin", "general-admin ", "2",
	};
	enum la_role r = ROLE_LIST_ADMIN;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!rights_role_parse(bad[i], &r), "'%s' parsed", bad[i]);
	ck_assert_int_eq(r, ROLE_LIST_ADMIN);
}
END_TEST

START_TEST(creator_is_the_only_general_admin)
{
	struct la_err err;

	ck_assert_str_eq(admin.login, rights_os_login());
	ck_assert_int_gt(admin.associate_id, 0);
	ck_assert(admin.active);
	ck_assert_int_eq(admin.role, ROLE_GENERAL_ADMIN);
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 1);
	la_err_clear(&err);
	ck_assert_int_eq(rights_check_lists(db, &admin, &err), LA_OK);
	ck_assert_int_eq(rights_check_general(db, &admin, &err), LA_OK);
}
END_TEST

START_TEST(actor_for_unknown_login_has_no_rights)
{
	struct la_actor a;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "mallory", &a, &err), LA_OK);
	ck_assert_str_eq(a.login, "mallory");
	ck_assert_int_eq(a.associate_id, 0);
	ck_assert_int_eq(a.role, ROLE_USER);
	ck_assert(!a.active);
	ck_assert_int_eq(rights_check_lists(db, &a, &err), LA_DENIED);
	tu_assert_has(err.msg, "'mallory' is not a user");
	tu_assert_has(err.msg, rights_os_login());
	ck_assert_int_eq(rights_check_general(db, &a, &err), LA_DENIED);
	/* Looking a login up adds nobody. */
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 1);
}
END_TEST

START_TEST(list_rights_follow_the_role)
{
	struct la_actor user, lister;
	struct la_err err;

	tu_actor(db, "uwe", ROLE_USER, &user);
	tu_actor(db, "lena", ROLE_LIST_ADMIN, &lister);
	la_err_clear(&err);
	ck_assert_int_eq(rights_check_lists(db, &lister, &err), LA_OK);
	ck_assert_int_eq(rights_check_general(db, &lister, &err), LA_DENIED);
	tu_assert_has(err.msg, "only a General administrator may manage users");
	ck_assert_int_eq(rights_check_lists(db, &user, &err), LA_DENIED);
	tu_assert_has(err.msg, "'uwe' (User)");
	tu_assert_has(err.msg, "set-role uwe list-admin");
}
END_TEST

START_TEST(deactivated_user_has_no_rights)
{
	struct la_actor a;
	struct la_err err;

	tu_actor(db, "gina", ROLE_GENERAL_ADMIN, &a);
	tu_exec(db, "UPDATE associate SET deleted = 1 WHERE name = 'gina'");
	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "gina", &a, &err), LA_OK);
	ck_assert(!a.active);
	ck_assert_int_eq(rights_check_lists(db, &a, &err), LA_DENIED);
	tu_assert_has(err.msg, "deactivated");
	ck_assert_int_eq(rights_check_general(db, &a, &err), LA_DENIED);
}
END_TEST

START_TEST(general_admin_adds_user)
{
	struct la_actor lena;
	struct la_err err;
	char expect[128];
	long before = audits();

	ck_assert_int_eq(add_user(&admin, "lena", "  Lena Lind ", ROLE_LIST_ADMIN, &err), LA_OK);
	ck_assert_int_eq(role_of("lena"), ROLE_LIST_ADMIN);
	ck_assert_str_eq(tu_text(db, "SELECT full_name FROM associate WHERE name = 'lena'", -1), "Lena Lind");
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 2);
	ck_assert_int_eq(audits(), before + 1);
	snprintf(expect, sizeof(expect), "associate add %s", rights_os_login());
	ck_assert_str_eq(tu_text(db, "SELECT list || ' ' || action || ' ' || login FROM audit "
				 "ORDER BY audit_id DESC LIMIT 1", -1), expect);
	tu_assert_has(tu_text(db, "SELECT new_value FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
		      "\"role\":\"list-admin\"");
	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "lena", &lena, &err), LA_OK);
	ck_assert(lena.active);
	ck_assert_int_eq(rights_check_lists(db, &lena, &err), LA_OK);
}
END_TEST

START_TEST(only_general_admin_adds_users)
{
	struct la_actor lena, uwe, nobody;
	struct la_err err;
	long before;

	tu_actor(db, "lena", ROLE_LIST_ADMIN, &lena);
	tu_actor(db, "uwe", ROLE_USER, &uwe);
	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "mallory", &nobody, &err), LA_OK);
	before = audits();
	ck_assert_int_eq(add_user(&lena, "eve", "", ROLE_GENERAL_ADMIN, &err), LA_DENIED);
	tu_assert_has(err.msg, "General administrator");
	ck_assert_int_eq(add_user(&uwe, "eve", "", ROLE_USER, &err), LA_DENIED);
	ck_assert_int_eq(add_user(&nobody, "mallory", "", ROLE_GENERAL_ADMIN, &err), LA_DENIED);
	ck_assert_int_eq(role_of("eve"), -1);
	ck_assert_int_eq(role_of("mallory"), -1);
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 3);
	ck_assert_int_eq(audits(), before);
}
END_TEST

START_TEST(duplicate_login_refused)
{
	struct la_err err;
	long before = audits();

	ck_assert_int_eq(add_user(&admin, rights_os_login(), "Again", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
	tu_assert_has(err.msg, "already exists");
	ck_assert_int_eq(add_user(&admin, "lena", "", ROLE_USER, &err), LA_OK);
	ck_assert_int_eq(add_user(&admin, "lena", "", ROLE_GENERAL_ADMIN, &err), LA_REFUSED);
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 2);
	ck_assert_int_eq(role_of("lena"), ROLE_USER);
	ck_assert_int_eq(role_of(rights_os_login()), ROLE_GENERAL_ADMIN);
	ck_assert_int_eq(audits(), before + 1);
}
END_TEST

START_TEST(invalid_login_refused)
{
	static const char *const bad[] = {
		"", "a b", "x;drop", "J\xC3\xB6rg", "$x", "a$b", "tab\t",
		"abcdefghijklmnopqrstuvwxyz0123456", /* 33 characters */
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(add_user(&admin, bad[i], "", ROLE_USER, &err) == LA_REFUSED,
			      "login '%s' was accepted", bad[i]);
		ck_assert_int_eq(err.field, LA_FIELD_NAME);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 1);
}
END_TEST

START_TEST(valid_login_forms_accepted)
{
	static const char *const good[] = {
		"first.last", "svc_1-x", "host$", "A",
		"abcdefghijklmnopqrstuvwxyz012345", /* 32 characters */
	};
	struct la_err err;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_msg(add_user(&admin, good[i], "", ROLE_USER, &err) == LA_OK,
			      "login '%s': %s", good[i], err.msg);
		ck_assert_int_eq(role_of(good[i]), ROLE_USER);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 6);
}
END_TEST

START_TEST(full_name_with_control_characters_refused)
{
	struct la_err err;

	ck_assert_int_eq(add_user(&admin, "eve", "Eve\x1b[2J", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(add_user(&admin, "eve", "Eve \xC2\x9B", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(add_user(&admin, "eve", "Eve \xFF", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(role_of("eve"), -1);
	ck_assert_int_eq(add_user(&admin, "eve", "Eva Müller", ROLE_USER, &err), LA_OK);
	ck_assert_str_eq(tu_text(db, "SELECT full_name FROM associate WHERE name = 'eve'", -1), "Eva Müller");
}
END_TEST

START_TEST(set_role_changes_role_and_audits)
{
	struct la_actor lena;
	struct la_err err;
	long before;

	tu_actor(db, "lena", ROLE_USER, &lena);
	before = audits();
	ck_assert_int_eq(set_role(&admin, "lena", ROLE_LIST_ADMIN, &err), LA_OK);
	ck_assert_int_eq(role_of("lena"), ROLE_LIST_ADMIN);
	ck_assert_int_eq(audits(), before + 1);
	ck_assert_str_eq(tu_text(db, "SELECT action FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
			 "set-role");
	ck_assert_int_eq(count("SELECT item_id FROM audit ORDER BY audit_id DESC LIMIT 1"), lena.associate_id);
	ck_assert_str_eq(tu_text(db, "SELECT old_value FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
			 "{\"role\":\"user\"}");
	ck_assert_str_eq(tu_text(db, "SELECT new_value FROM audit ORDER BY audit_id DESC LIMIT 1", -1),
			 "{\"role\":\"list-admin\"}");
	la_err_clear(&err);
	ck_assert_int_eq(rights_actor_for(db, "lena", &lena, &err), LA_OK);
	ck_assert_int_eq(rights_check_lists(db, &lena, &err), LA_OK);
}
END_TEST

START_TEST(set_role_of_unknown_login_not_found)
{
	struct la_err err;
	long before = audits();

	ck_assert_int_eq(set_role(&admin, "nobody", ROLE_LIST_ADMIN, &err), LA_NOT_FOUND);
	tu_assert_has(err.msg, "nobody");
	ck_assert_int_eq(count("SELECT count(*) FROM associate"), 1);
	ck_assert_int_eq(audits(), before);
}
END_TEST

START_TEST(set_role_needs_general_admin)
{
	struct la_actor lena, uwe;
	struct la_err err;
	long before;

	tu_actor(db, "lena", ROLE_LIST_ADMIN, &lena);
	tu_actor(db, "uwe", ROLE_USER, &uwe);
	before = audits();
	ck_assert_int_eq(set_role(&lena, "uwe", ROLE_LIST_ADMIN, &err), LA_DENIED);
	ck_assert_int_eq(set_role(&lena, "lena", ROLE_GENERAL_ADMIN, &err), LA_DENIED);
	ck_assert_int_eq(set_role(&uwe, "uwe", ROLE_GENERAL_ADMIN, &err), LA_DENIED);
	ck_assert_int_eq(role_of("uwe"), ROLE_USER);
	ck_assert_int_eq(role_of("lena"), ROLE_LIST_ADMIN);
	ck_assert_int_eq(audits(), before);
}
END_TEST

START_TEST(last_general_admin_cannot_be_demoted)
{
	struct la_err err;
	const char *me = rights_os_login();
	long before = audits();

	ck_assert_int_eq(set_role(&admin, me, ROLE_LIST_ADMIN, &err), LA_REFUSED);
	tu_assert_has(err.msg, "last active General administrator");
	ck_assert_int_eq(set_role(&admin, me, ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(role_of(me), ROLE_GENERAL_ADMIN);
	ck_assert_int_eq(audits(), before);
}
END_TEST

START_TEST(general_admin_demoted_when_another_remains)
{
	struct la_actor gina;
	struct la_err err;
	const char *me = rights_os_login();

	tu_actor(db, "gina", ROLE_GENERAL_ADMIN, &gina);
	ck_assert_int_eq(set_role(&admin, me, ROLE_LIST_ADMIN, &err), LA_OK);
	ck_assert_int_eq(role_of(me), ROLE_LIST_ADMIN);
	/* Now gina is the last one. */
	ck_assert_int_eq(set_role(&gina, "gina", ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(role_of("gina"), ROLE_GENERAL_ADMIN);
	ck_assert_int_eq(count("SELECT count(*) FROM associate WHERE role = 2 AND deleted = 0"), 1);
}
END_TEST

START_TEST(deactivated_general_admin_does_not_count)
{
	struct la_actor gina;
	struct la_err err;
	const char *me = rights_os_login();

	tu_actor(db, "gina", ROLE_GENERAL_ADMIN, &gina);
	tu_exec(db, "UPDATE associate SET deleted = 1 WHERE name = 'gina'");
	ck_assert_int_eq(set_role(&admin, me, ROLE_USER, &err), LA_REFUSED);
	ck_assert_int_eq(role_of(me), ROLE_GENERAL_ADMIN);
}
END_TEST

START_TEST(users_lists_everyone_by_name)
{
	struct la_user *users = NULL;
	struct la_err err;
	size_t n = 0;

	ck_assert_int_eq(add_user(&admin, "zoe", "Zoe", ROLE_USER, &err), LA_OK);
	ck_assert_int_eq(add_user(&admin, "Anna", "Anna", ROLE_LIST_ADMIN, &err), LA_OK);
	tu_exec(db, "UPDATE associate SET deleted = 1 WHERE name = 'zoe'");
	la_err_clear(&err);
	ck_assert_int_eq(rights_users(db, &users, &n, &err), LA_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(users[0].name, "Anna");
	ck_assert_int_eq(users[0].role, ROLE_LIST_ADMIN);
	ck_assert(users[0].active);
	ck_assert_str_eq(users[2].name, "zoe");
	ck_assert(!users[2].active);
	ck_assert_str_eq(users[1].name, rights_os_login());
	ck_assert_int_eq(users[1].role, ROLE_GENERAL_ADMIN);
	rights_users_free(users, n);
}
END_TEST

static Suite *rights_suite(void)
{
	Suite *s = suite_create("rights");
	TCase *tc;

	tc = tcase_create("roles and actors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, role_keys_parse_back);
	tcase_add_test(tc, role_parse_refuses_other_spellings);
	tcase_add_test(tc, creator_is_the_only_general_admin);
	tcase_add_test(tc, actor_for_unknown_login_has_no_rights);
	tcase_add_test(tc, list_rights_follow_the_role);
	tcase_add_test(tc, deactivated_user_has_no_rights);
	suite_add_tcase(s, tc);

	tc = tcase_create("users");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, general_admin_adds_user);
	tcase_add_test(tc, only_general_admin_adds_users);
	tcase_add_test(tc, duplicate_login_refused);
	tcase_add_test(tc, invalid_login_refused);
	tcase_add_test(tc, valid_login_forms_accepted);
	tcase_add_test(tc, full_name_with_control_characters_refused);
	tcase_add_test(tc, users_lists_everyone_by_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("set-role");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, set_role_changes_role_and_audits);
	tcase_add_test(tc, set_role_of_unknown_login_not_found);
	tcase_add_test(tc, set_role_needs_general_admin);
	tcase_add_test(tc, last_general_admin_cannot_be_demoted);
	tcase_add_test(tc, general_admin_demoted_when_another_remains);
	tcase_add_test(tc, deactivated_general_admin_does_not_count);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(rights_suite()); }

#include "config.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "leads.h"

struct db *tu_db(const char *language)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(":memory:", DB_OPEN_CREATE, language, rights_os_login(), &db,
			      &err) == LA_OK,
		      "db_open: %s", err.msg);
	return db;
}

void tu_actor(struct db *db, const char *login, enum la_role role,
	      struct la_actor *actor)
{
	sqlite3_stmt *st = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert(rights_actor_for(db, login, actor, &err) == LA_OK);
	if (actor->associate_id)
		return;
	ck_assert(sqlite3_prepare_v2(db_handle(db),
				     "INSERT INTO associate (name, full_name, role) VALUES (?, ?, ?)",
				     -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)role);
	ck_assert(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert(rights_actor_for(db, login, actor, &err) == LA_OK);
}

void tu_admin(struct db *db, struct la_actor *actor)
{
	struct la_err err;

	ck_assert(rights_actor(db, actor, &err) == LA_OK);
	ck_assert_int_eq(actor->role, ROLE_GENERAL_ADMIN);
}

static int64_t add_item(struct db *db, enum la_list list, const char *name,
			enum la_group group, bool lead_status)
{
	struct la_actor admin;
	struct la_item item;
	struct la_err err;
	int64_t id;

	tu_admin(db, &admin);
	lists_item_init(&item, list);
	free(item.name);
	item.name = strdup(name);
	item.group = group;
	item.lead_status = lead_status;
	la_err_clear(&err);
	ck_assert_msg(lists_save(db, &admin, &item, CONFIRM_YES, &err) == LA_OK,
		      "adding '%s': %s", name, err.msg);
	id = item.id;
	lists_item_clear(&item);
	return id;
}

int64_t tu_category(struct db *db, const char *name, enum la_group group,
		    bool lead_status)
{
	return add_item(db, LIST_CATEGORY, name, group, lead_status);
}

int64_t tu_status(struct db *db, const char *name)
{
	return add_item(db, LIST_LEADSTATUS, name, GROUP_UNKNOWN, false);
}

void tu_companies(struct db *db, int64_t category_id, int n, int persons_each)
{
	struct la_err err;
	int c, p;

	for (c = 0; c < n; c++) {
		char name[64];
		int64_t company;

		snprintf(name, sizeof(name), "Company %d of %lld", c + 1, (long long)category_id);
		ck_assert(leads_company_add(db, name, category_id, 0, &company, &err) == LA_OK);
		for (p = 0; p < persons_each; p++)
			ck_assert(leads_person_add(db, company, 0, "First", "Last", NULL, 0,
						   NULL, &err) == LA_OK);
	}
}

void tu_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		char text[1024];

		snprintf(text, sizeof text, "%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		ck_abort_msg("%s", text);
	}
}

long tu_int(struct db *db, const char *sql, int64_t param)
{
	sqlite3_stmt *st = NULL;
	long v;

	ck_assert_msg(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db_handle(db)));
	if (param >= 0)
		sqlite3_bind_int64(st, 1, param);
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no row: %s", sql);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

const char *tu_text(struct db *db, const char *sql, int64_t param)
{
	static char buf[1024];
	sqlite3_stmt *st = NULL;
	const unsigned char *s;

	ck_assert_msg(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db_handle(db)));
	if (param >= 0)
		sqlite3_bind_int64(st, 1, param);
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no row: %s", sql);
	s = sqlite3_column_text(st, 0);
	snprintf(buf, sizeof(buf), "%s", s ? (const char *)s : "(null)");
	sqlite3_finalize(st);
	return buf;
}

unsigned long tu_env_number(const char *name, unsigned long fallback)
{
	const char *s = getenv(name);
	char *end;
	unsigned long v;

	if (!s || !*s)
		return fallback;
	v = strtoul(s, &end, 10);
	return *end ? fallback : v;
}

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	/* Messages in the tests are the English source strings. */
	i18n_init("en", NULL);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int64_t tu_default_status(struct db *db)
{
	struct la_err err;
	int64_t id = 0;

	la_err_clear(&err);
	ck_assert_msg(lists_default_status(db, &id, &err) == LA_OK, "%s", err.msg);
	return id;
}

void tu_unlink_db(const char *path)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];
	size_t i;

	for (i = 0; i < sizeof(side) / sizeof(side[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, side[i]);
		unlink(name);
	}
}

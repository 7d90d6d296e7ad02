#include "config.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_pg.h"
#include "i18n.h"
#include "jsonread.h"
#include "leads.h"

bool tu_on_server(void)
{
	const char *url = getenv("LEADADMIN_TEST_PG");

	return url && *url;
}

/* The server's URL (LEADADMIN_TEST_PG) with its database name replaced by
 * name, newly allocated. */
static char *server_url(const char *name)
{
	const char *url = getenv("LEADADMIN_TEST_PG");
	const char *path = strstr(url, "://");
	const char *end;
	char *out;
	size_t size;

	ck_assert_msg(path && (path = strchr(path + 3, '/')), "LEADADMIN_TEST_PG: %s", url);
	end = path + 1 + strcspn(path + 1, "?");
	size = strlen(url) + strlen(name) + 2;
	ck_assert((out = malloc(size)) != NULL);
	snprintf(out, size, "%.*s/%s%s", (int)(path - url), url, name, end);
	return out;
}

static void server_exec(struct pg_conn *c, const char *sql)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(pg_exec(c, sql, "test set-up", &err) == LA_OK, "%s: %s", sql, err.msg);
}

/* The server's maintenance connection (its database of LEADADMIN_TEST_PG). */
static struct pg_conn *server_connect(void)
{
	struct pg_conn *c = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(pg_connect(getenv("LEADADMIN_TEST_PG"), &c, &err) == LA_OK, "%s", err.msg);
	return c;
}

/* Drops the databases of earlier tests that nobody is connected to any
 * more (a forked test's own ended with its process), and their roles. */
static void server_drop_old(struct pg_conn *c)
{
	static const char old[] =
		"SELECT format('DROP DATABASE %I', datname), "
		"format('DROP ROLE IF EXISTS %I, %I, %I, %I', 'leadadmin_user@' || datname, "
		"'leadadmin_submit@' || datname, 'leadadmin_lists@' || datname, "
		"'leadadmin_general@' || datname) "
		"FROM pg_database d WHERE datname LIKE 'la\\_t\\_%' AND NOT EXISTS "
		"(SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)";
	struct la_err err;
	struct db_stmt *st;
	char *drops[64];
	size_t n = 0, i;

	la_err_clear(&err);
	st = pg_prepare(c, old, "old databases", &err);
	ck_assert_msg(st != NULL, "%s", err.msg);
	while (n + 2 <= sizeof(drops) / sizeof(drops[0]) && db_step(st) == DB_ROW) {
		drops[n++] = strdup(db_col_text(st, 0));
		drops[n++] = strdup(db_col_text(st, 1));
	}
	db_finalize(st);
	for (i = 0; i < n; i++) {
		server_exec(c, drops[i]);
		free(drops[i]);
	}
}

/* A new database of the server in language: a copy of a template that
 * the first call makes with db_open (init), with roles of its own
 * (data/pg/schema.sql's la_role) that have the template's rights. */
static char last_url[512];  /* of the database server_db made last */

static struct db *server_db(const char *language)
{
	static unsigned serial;
	static const char *const kinds[] = { "user", "submit", "lists", "general" };
	char tmpl[32], name[64], sql[512];
	struct pg_conn *c = server_connect();
	struct db *db = NULL;
	struct la_err err;
	char *url;
	size_t k;

	snprintf(tmpl, sizeof tmpl, "la_template_%s", language);
	snprintf(name, sizeof name, "la_t_%ld_%u", (long)getpid(), serial++);
	server_drop_old(c);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	server_exec(c, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, tmpl);
	la_err_clear(&err);
	if (pg_exec(c, sql, "test database", &err) != LA_OK) {
		ck_assert_msg(strcmp(pg_sqlstate(c), "3D000") == 0, "%s: %s", sql, err.msg);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", tmpl);
		server_exec(c, sql);
		url = server_url(tmpl);
		la_err_clear(&err);
		ck_assert_msg(db_open(url, DB_OPEN_CREATE, language, rights_os_login(), &db,
				      &err) == LA_OK, "db_open %s: %s", url, err.msg);
		db_close(db);
		free(url);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, tmpl);
		server_exec(c, sql);
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		snprintf(sql, sizeof sql, "CREATE ROLE \"leadadmin_%s@%s\" NOLOGIN IN ROLE \"leadadmin_%s@%s\"",
			 kinds[k], name, kinds[k], tmpl);
		server_exec(c, sql);
	}
	pg_close(c);
	url = server_url(name);
	ck_assert(strlen(url) < sizeof last_url);
	snprintf(last_url, sizeof last_url, "%s", url);
	la_err_clear(&err);
	db = NULL;
	ck_assert_msg(db_open(url, 0, language, rights_os_login(), &db, &err) == LA_OK,
		      "db_open %s: %s", url, err.msg);
	free(url);
	return db;
}

struct db *tu_db_again(void)
{
	struct db *db = NULL;
	struct la_err err;

	ck_assert_msg(tu_on_server() && *last_url, "tu_db_again: no server database yet");
	la_err_clear(&err);
	ck_assert_msg(db_open(last_url, 0, "en", rights_os_login(), &db, &err) == LA_OK,
		      "db_open %s: %s", last_url, err.msg);
	return db;
}

struct db *tu_db(const char *language)
{
	struct db *db = NULL;
	struct la_err err;

	if (tu_on_server())
		return server_db(language);
	la_err_clear(&err);
	ck_assert_msg(db_open(":memory:", DB_OPEN_CREATE, language, rights_os_login(), &db,
			      &err) == LA_OK,
		      "db_open: %s", err.msg);
	return db;
}

void tu_server_login(const char *login)
{
	static const char sql[] =
		"SELECT format('CREATE ROLE %I LOGIN', CAST(?1 AS TEXT)) "
		"WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)";
	struct pg_conn *c;
	struct db_stmt *st;
	struct la_err err;
	char *create = NULL;

	if (!tu_on_server() || !*login)
		return;
	c = server_connect();
	la_err_clear(&err);
	st = pg_prepare(c, sql, "role", &err);
	ck_assert_msg(st != NULL, "%s", err.msg);
	db_bind_text(st, 1, login);
	if (db_step(st) == DB_ROW)
		create = strdup(db_col_text(st, 0));
	db_finalize(st);
	if (create)
		server_exec(c, create);
	free(create);
	pg_close(c);
}

void tu_actor(struct db *db, const char *login, enum la_role role,
	      struct la_actor *actor)
{
	struct db_stmt *st;
	struct la_err err;

	la_err_clear(&err);
	ck_assert(rights_actor_for(db, login, actor, &err) == LA_OK);
	if (actor->associate_id)
		return;
	st = tu_prepare(db, "INSERT INTO associate (name, full_name, role) VALUES (?, ?, ?)");
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, login);
	db_bind_int(st, 3, (int)role);
	ck_assert_msg(db_step(st) == DB_DONE, "adding %s", login);
	db_finalize(st);
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
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_exec(db, sql, &err) == LA_OK, "%s: %s", sql, err.msg);
}

void tu_exec_keyed(struct db *db, const char *sql)
{
	char *all;

	if (!tu_on_server()) {
		tu_exec(db, sql);
		return;
	}
	ck_assert(asprintf(&all, "%s; UPDATE category SET la_name_key = la_fold(name) "
			   "WHERE la_name_key IS NULL; UPDATE leadstatus SET la_name_key = "
			   "la_fold(name) WHERE la_name_key IS NULL; UPDATE usergroup SET "
			   "la_name_key = la_fold(name) WHERE la_name_key IS NULL; UPDATE heading "
			   "SET la_name_key = la_fold(name) WHERE la_name_key IS NULL; UPDATE contact "
			   "SET la_name_key = la_fold(name) WHERE la_name_key IS NULL", sql) > 0);
	tu_exec(db, all);
	free(all);
}

struct db_stmt *tu_prepare(struct db *db, const char *sql)
{
	struct la_err err;
	struct db_stmt *st;

	la_err_clear(&err);
	st = db_prepare(db, sql, "test", &err);
	ck_assert_msg(st != NULL, "%s: %s", sql, err.msg);
	return st;
}

/* sql prepared, its parameter bound (-1: none), stepped to its first row. */
static struct db_stmt *first_row(struct db *db, const char *sql, int64_t param)
{
	struct db_stmt *st = tu_prepare(db, sql);

	if (param >= 0)
		db_bind_int64(st, 1, param);
	ck_assert_msg(db_step(st) == DB_ROW, "no row: %s", sql);
	return st;
}

long tu_int(struct db *db, const char *sql, int64_t param)
{
	struct db_stmt *st = first_row(db, sql, param);
	long v = (long)db_col_int64(st, 0);

	db_finalize(st);
	return v;
}

const char *tu_text(struct db *db, const char *sql, int64_t param)
{
	static char buf[1024];
	struct db_stmt *st = first_row(db, sql, param);
	const char *s = db_col_text(st, 0);

	snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
	db_finalize(st);
	return buf;
}

const char *tu_json_text(const char *json, const char *key)
{
	static char buf[1024];
	char why[256];
	json_t *v = jsonread_load(json, strlen(json), why, sizeof why);
	const char *s;

	ck_assert_msg(v != NULL, "%s: %s", json, why);
	s = json_string_value(json_object_get(v, key));
	snprintf(buf, sizeof(buf), "%s", s ? s : "(none)");
	json_decref(v);
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

/* The tests tu_sqlite_test left out on a server, and why. */
static struct {
	const char *name, *why;
} skipped[64];
static size_t nskipped;

void tu_sqlite_test(TCase *tc, const TTest *test, const char *why)
{
	if (!tu_on_server()) {
		tcase_add_test(tc, test);
		return;
	}
	/* Called while the suite is made: no ck_assert yet. */
	if (nskipped == sizeof(skipped) / sizeof(skipped[0]))
		abort();
	skipped[nskipped].name = test->name;
	skipped[nskipped++].why = why;
}

/* Check's TAP of the run in tap, to stdout with the skipped tests after
 * its own and the plan counting them. */
static void tap_with_skips(FILE *tap)
{
	char line[4096];
	unsigned long n = 0;
	size_t i;

	rewind(tap);
	while (fgets(line, sizeof line, tap)) {
		if (sscanf(line, "1..%lu", &n) == 1)
			continue;
		fputs(line, stdout);
	}
	for (i = 0; i < nskipped; i++)
		printf("ok %lu - %s # SKIP on PostgreSQL: %s\n", n + i + 1, skipped[i].name,
		       skipped[i].why);
	printf("1..%lu\n", n + nskipped);
}

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	char path[] = "/tmp/leadadmin-tap.XXXXXX";
	FILE *tap = NULL;
	int failed, fd = -1;

	/* Messages in the tests are the English source strings. */
	i18n_init("en", NULL);
	if (nskipped) {
		if ((fd = mkstemp(path)) < 0) {
			perror(path);
			return EXIT_FAILURE;
		}
		srunner_set_tap(sr, path);
	} else {
		srunner_set_tap(sr, "-");
	}
	fflush(stdout);
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (fd >= 0) {
		tap = fdopen(fd, "r");
		unlink(path);
		if (!tap)
			return EXIT_FAILURE;
		tap_with_skips(tap);
		fclose(tap);
	}
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

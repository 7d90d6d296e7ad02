/* Helpers for the Check suites: a fresh in-memory database per test, users
 * and items made in one line, and a TAP runner. */
#ifndef LA_TESTUTIL_H
#define LA_TESTUTIL_H

#include <check.h>
#include <stdint.h>

#include "db.h"
#include "lists.h"
#include "rights.h"

/* A new in-memory database in language ("en" or "de"); fails the test
 * when it cannot be made. Its creator is the OS login, General admin.
 * When LEADADMIN_TEST_PG names a database of a PostgreSQL server
 * (tests/pg/test_*.sh start one), a new database of that server instead. */
struct db *tu_db(const char *language);
/* tu_db's databases are on a PostgreSQL server. */
bool tu_on_server(void);
/* On a server: a second connection to the database tu_db made last, as
 * another admin's session would open it (language "en", the OS login). */
struct db *tu_db_again(void);
/* On a server: login (when not empty) gets a role of its own there,
 * which a user needs (db_grant_role); on SQLite nothing. */
void tu_server_login(const char *login);
/* tcase_add_test of a test that is about SQLite alone; on a server it is
 * not run but reported as skipped, with why. */
void tu_sqlite_test(TCase *tc, const TTest *test, const char *why);
/* The acting user for login (added with role when missing). */
void tu_actor(struct db *db, const char *login, enum la_role role,
	      struct la_actor *actor);
/* The OS login's actor: the General administrator of a tu_db database. */
void tu_admin(struct db *db, struct la_actor *actor);

/* Adds an item and returns its id (fails the test when refused). */
int64_t tu_category(struct db *db, const char *name, enum la_group group,
		    bool lead_status);
int64_t tu_status(struct db *db, const char *name);
/* The default lead status (fails the test on a database error). */
int64_t tu_default_status(struct db *db);
/* Adds n companies in category_id with persons_each contacts each. */
void tu_companies(struct db *db, int64_t category_id, int n, int persons_each);

/* Runs sql (any number of statements) and fails the test, naming the
 * statement and the engine's message, when it does not succeed. */
void tu_exec(struct db *db, const char *sql);

/* tu_exec of sql that writes rows as another program would, without
 * their name keys (rule 2): on a server, which wants them before the
 * commit, sql is followed by statements that fill the keys it left empty
 * (of the lists and of contact) with the server's la_fold, in the same
 * transaction (tests/lib.sh's keys_filled). */
void tu_exec_keyed(struct db *db, const char *sql);

/* text has (lacks) needle, or the test fails showing both. */
#define tu_assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "'%s' not in: %s", (needle), (text))
#define tu_assert_lacks(text, needle) \
	ck_assert_msg(strstr((text), (needle)) == NULL, "'%s' in: %s", (needle), (text))

/* sql prepared (db_prepare), or the test fails with the engine's message;
 * db_finalize it. */
struct db_stmt *tu_prepare(struct db *db, const char *sql);

/* One integer from sql with one optional int64 parameter (-1: none). */
long tu_int(struct db *db, const char *sql, int64_t param);
/* One text from sql (static buffer). */
const char *tu_text(struct db *db, const char *sql, int64_t param);

/* The text of key in the JSON object json, as SQLite's json_extract reads
 * it, on both engines (static buffer; "(none)" when it is not text). */
const char *tu_json_text(const char *json, const char *key);

/* The number in the environment variable name (a run count, a seed), or
 * fallback when it is unset, empty or not a number. */
unsigned long tu_env_number(const char *name, unsigned long fallback);

/* Removes the database file at path and the files SQLite keeps beside it
 * (-wal, -shm, -journal): a read-only connection leaves its -wal and -shm
 * behind when it closes. */
void tu_unlink_db(const char *path);

/* Runs suite s with TAP output on stdout; returns the exit code. */
int tu_run(Suite *s);

#endif

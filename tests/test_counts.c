/* The lead overview's kept counts (lead_tally, lead_company) and the list
 * screens' (usage_count), kept by triggers: after any change, made by
 * leadadmin or by another program with plain SQL (legacy rows that point
 * nowhere included), they equal a count of the rows, and the overview
 * read from them is the one that counting the persons gives.
 *
 * LEADADMIN_COUNTS_RUNS sets the number of random runs of 120 steps
 * (default 8; .ci/run runs more), LEADADMIN_COUNTS_SEED the first seed; a
 * failure names the seed and the step. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts.h"
#include "overview.h"
#include "testutil.h"

/* The overview as counting the persons gives it: the queries that the
 * overview ran before its counts were kept (schema version 5), the
 * oracle here. */
#define FIRST_TOUCH \
	"LEFT JOIN utm_parameters u ON u.utm_parameters_id = (SELECT min(w.utm_parameters_id) " \
	"FROM utm_parameters w WHERE w.created_person_id = p.person_id) "

static const char *const count_sql[OVERVIEW_DIMS] = {
	"SELECT kind, id, label, contacts, companies, deleted FROM ("
	"SELECT 0 AS kind, l.leadstatus_id AS id, l.name AS label, coalesce(x.n, 0) AS contacts, "
	"NULL AS companies, coalesce(l.deleted, 0) AS deleted, l.rank AS r "
	"FROM leadstatus l LEFT JOIN (SELECT leadstatus_id AS s, count(*) AS n FROM person "
	"WHERE leadstatus_id IS NOT NULL GROUP BY leadstatus_id) x ON x.s = l.leadstatus_id "
	"WHERE coalesce(l.deleted, 0) = 0 OR x.n > 0 "
	"UNION ALL SELECT 5, 0, '', count(*), NULL, 0, NULL FROM person "
	"WHERE leadstatus_id IS NOT NULL AND leadstatus_id NOT IN (SELECT leadstatus_id FROM leadstatus) "
	"GROUP BY 1"
	") AS t ORDER BY kind, r, id",

	/* A company has one category: the companies add up as well. */
	"SELECT kind, id, label, contacts, companies, deleted FROM ("
	"SELECT 0 AS kind, c.category_id AS id, c.name AS label, coalesce(x.n, 0) AS contacts, "
	"coalesce(x.companies, 0) AS companies, coalesce(c.deleted, 0) AS deleted, c.rank AS r "
	"FROM category c LEFT JOIN (SELECT k.category_idx AS category, count(*) AS n, "
	"count(DISTINCT k.contact_id) AS companies FROM person p "
	"JOIN contact k ON k.contact_id = p.contact_id WHERE p.leadstatus_id IS NOT NULL "
	"GROUP BY k.category_idx) x ON x.category = c.category_id "
	"WHERE c.enable_lead_status = 1 AND (coalesce(c.deleted, 0) = 0 OR x.n > 0) "
	"UNION ALL SELECT CASE WHEN k.contact_id IS NULL THEN 4 WHEN c.category_id IS NULL THEN 3 "
	"ELSE 2 END AS k2, 0, '', count(*), count(DISTINCT k.contact_id), 0, NULL FROM person p "
	"LEFT JOIN contact k ON k.contact_id = p.contact_id "
	"LEFT JOIN category c ON c.category_id = k.category_idx "
	"WHERE p.leadstatus_id IS NOT NULL AND coalesce(c.enable_lead_status, 0) <> 1 GROUP BY k2"
	") AS t ORDER BY kind, r, id",

	"SELECT CASE WHEN a.associate_id IS NULL THEN 1 ELSE 0 END, coalesce(a.associate_id, 0), "
	"coalesce(a.name, ''), count(*), NULL, coalesce(a.deleted, 0) FROM person p "
	"LEFT JOIN associate a ON a.associate_id = p.associate_id "
	"WHERE p.leadstatus_id IS NOT NULL GROUP BY a.associate_id "
	"ORDER BY count(*) DESC, a.name, a.associate_id",

	"SELECT CASE WHEN v = '' THEN 1 ELSE 0 END, 0, v, count(*), NULL, 0 FROM ("
	"SELECT coalesce(u.firsttouch_source, '') AS v FROM person p " FIRST_TOUCH
	"WHERE p.leadstatus_id IS NOT NULL) AS t GROUP BY v ORDER BY count(*) DESC, v",

	"SELECT CASE WHEN v = '' THEN 1 ELSE 0 END, 0, v, count(*), NULL, 0 FROM ("
	"SELECT coalesce(u.firsttouch_campaign, '') AS v FROM person p " FIRST_TOUCH
	"WHERE p.leadstatus_id IS NOT NULL) AS t GROUP BY v ORDER BY count(*) DESC, v",
};

/* The rows of one dimension as text, one line a row. */
static char *rows_counted(struct db *db, enum overview_dim d)
{
	struct db_stmt *st;
	struct la_err err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		ck_abort_msg("open_memstream");
	la_err_clear(&err);
	if (!(st = db_prepare(db, count_sql[d], "count", &err)))
		ck_abort_msg("%s", err.msg);
	while (db_step(st) == DB_ROW)
		fprintf(f, "%d %lld %s %lld %lld %d\n", db_col_int(st, 0),
			(long long)db_col_int64(st, 1), db_col_text(st, 2),
			(long long)db_col_int64(st, 3),
			db_col_null(st, 4) ? -1LL : (long long)db_col_int64(st, 4),
			db_col_int(st, 5));
	db_finalize(st);
	fclose(f);
	return buf;
}

static char *rows_kept(const struct overview *ov, enum overview_dim d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		ck_abort_msg("open_memstream");
	for (size_t i = 0; i < ov->n[d]; i++) {
		const struct overview_row *r = &ov->rows[d][i];

		fprintf(f, "%d %lld %s %ld %ld %d\n", (int)r->kind, (long long)r->id, r->label,
			r->contacts, r->companies, r->deleted);
	}
	fclose(f);
	return buf;
}

static long count_leads(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL",
					"count", NULL);
	long n = -1;

	if (st && db_step(st) == DB_ROW)
		n = (long)db_col_int64(st, 0);
	db_finalize(st);
	return n;
}

/* The kept counts equal a count, and the overview is the counted one.
 * (No ck_assert on the way: in a forked test each one is a write to the
 * parent, and this runs thousands of times.) */
static void assert_counts(struct db *db, const char *when)
{
	struct counts_report r;
	struct overview ov;
	struct la_err err;

	la_err_clear(&err);
	if (!(counts_check(db, &r, &err) == LA_OK))
		ck_abort_msg("%s: %s", when, err.msg);
	for (int t = 0; t < COUNTS_TABLES; t++)
		if (!(r.differ[t] == 0))
		ck_abort_msg("%s: %ld rows of %s differ from a count", when,
			      r.differ[t], counts_table_name((enum counts_table)t));
	if (!(overview_load(db, &ov, &err) == LA_OK))
		ck_abort_msg("%s: %s", when, err.msg);
	if (ov.total != count_leads(db))
		ck_abort_msg("%s: total %ld", when, ov.total);
	for (int d = 0; d < OVERVIEW_DIMS; d++) {
		char *kept = rows_kept(&ov, (enum overview_dim)d);
		char *counted = rows_counted(db, (enum overview_dim)d);
		long sum = 0;

		if (!(strcmp(kept, counted) == 0))
		ck_abort_msg("%s: dimension %s\nkept:\n%scounted:\n%s",
			      when, overview_dim_key((enum overview_dim)d), kept, counted);
		for (size_t i = 0; i < ov.n[d]; i++)
			sum += ov.rows[d][i].contacts;
		if (!(sum == ov.total))
		ck_abort_msg("%s: %s adds up to %ld of %ld", when,
			      overview_dim_key((enum overview_dim)d), sum, ov.total);
		free(kept);
		free(counted);
	}
	overview_free(&ov);
}

START_TEST(a_new_database_counts_what_it_has)
{
	struct db *db = tu_db("en");
	int64_t lead = tu_category(db, "Hot", GROUP_POTENTIAL_CUSTOMER, true);
	int64_t cold = tu_category(db, "Cold", GROUP_POTENTIAL_CUSTOMER, false);

	assert_counts(db, "empty");
	tu_companies(db, lead, 5, 3);
	tu_companies(db, cold, 2, 2);
	assert_counts(db, "companies added");
	ck_assert_int_eq(tu_int(db, "SELECT companies FROM lead_tally WHERE dim = 1 AND item = ?", lead), 5);
	ck_assert_int_eq(tu_int(db, "SELECT contacts FROM lead_tally WHERE dim = 1 AND item = ?", lead), 15);
	db_close(db);
}
END_TEST

/* A random statement that a CRM client might run. On a server (server)
 * it is spelt as PostgreSQL takes it (no OR IGNORE, DEFAULT for a new id,
 * a company with its name key). */
static void random_step(unsigned *seed, bool server, char *sql, size_t size)
{
	int r = rand_r(seed) % 17;
	int a = rand_r(seed) % 40 + 1, b = rand_r(seed) % 12 + 1, c = rand_r(seed) % 9;
	/* A status, owner or category that may be NULL, or point nowhere. */
	char status[16], owner[16], company[16], category[16];

	snprintf(status, sizeof status, c == 0 ? "NULL" : c == 1 ? "99" : "%d", b % 6 + 1);
	snprintf(owner, sizeof owner, c == 2 ? "NULL" : c == 3 ? "77" : "%d", b % 4 + 1);
	snprintf(company, sizeof company, c == 4 ? "NULL" : "%d", a % 25 + 1);
	snprintf(category, sizeof category, c == 5 ? "NULL" : c == 6 ? "55" : "%d", b % 6 + 1);
	switch (r) {
	case 0: case 1: case 2:
		snprintf(sql, size, "INSERT INTO person (contact_id, leadstatus_id, associate_id, firstname) "
			 "VALUES (%s, %s, %s, 'p')", company, status, owner);
		break;
	case 3:
		snprintf(sql, size, "DELETE FROM person WHERE person_id = %d", a);
		break;
	case 4:
		snprintf(sql, size, "UPDATE person SET leadstatus_id = %s WHERE person_id %% 7 = %d", status, b % 7);
		break;
	case 5:
		snprintf(sql, size, "UPDATE person SET associate_id = %s WHERE person_id = %d", owner, a);
		break;
	case 6:
		snprintf(sql, size, "UPDATE person SET contact_id = %s WHERE person_id = %d", company, a);
		break;
	case 7:
		snprintf(sql, size, "UPDATE person SET leadstatus_id = %s, associate_id = %s, contact_id = %s "
			 "WHERE person_id = %d", status, owner, company, a);
		break;
	case 8:
		snprintf(sql, size, "UPDATE %sperson SET person_id = person_id + 1000 WHERE person_id = %d",
			 server ? "" : "OR IGNORE ", a);
		break;
	case 9:
		snprintf(sql, size, server ? "INSERT INTO contact (contact_id, name, category_idx, la_name_key) "
			 "VALUES (%d, 'c', %s, 'c') ON CONFLICT DO NOTHING"
			 : "INSERT OR IGNORE INTO contact (contact_id, name, category_idx) "
			 "VALUES (%d, 'c', %s)", a % 25 + 1, category);
		break;
	case 10:
		snprintf(sql, size, "DELETE FROM contact WHERE contact_id = %d", a % 25 + 1);
		break;
	case 11:
		snprintf(sql, size, "UPDATE contact SET category_idx = %s WHERE contact_id = %d", category, a % 25 + 1);
		break;
	case 12: case 13:
		/* Sometimes an id below the person's first row: a new first touch. */
		snprintf(sql, size, "INSERT INTO utm_parameters (utm_parameters_id, created_person_id, "
			 "firsttouch_source, firsttouch_campaign) VALUES (%s, %d, %s, '%c')",
			 c < 3 ? (server ? "DEFAULT" : "NULL")
			 : "(SELECT coalesce(min(utm_parameters_id), 100000) - 1 FROM utm_parameters)",
			 a, c == 7 ? "NULL" : b % 2 ? "'google'" : "'mail'", 'a' + b % 3);
		break;
	case 14:
		snprintf(sql, size, "DELETE FROM utm_parameters WHERE utm_parameters_id IN "
			 "(SELECT min(utm_parameters_id) FROM utm_parameters WHERE created_person_id = %d)", a);
		break;
	case 15:
		snprintf(sql, size, "UPDATE utm_parameters SET created_person_id = %d, firsttouch_source = 'ads' "
			 "WHERE utm_parameters_id IN (SELECT max(utm_parameters_id) FROM utm_parameters "
			 "WHERE created_person_id = %d)", b, a);
		break;
	default:
		/* Lists change: no count moves, the overview reads them anew. */
		snprintf(sql, size, "UPDATE category SET enable_lead_status = 1 - enable_lead_status "
			 "WHERE category_id = %d AND category_group = 2; "
			 "UPDATE leadstatus SET deleted = 1 - deleted, is_default = 0 WHERE leadstatus_id = %d",
			 b % 6 + 1, a % 6 + 1);
		break;
	}
}

/* The foreign keys of the tables the random steps write, and of those
 * that point to them, dropped, as another program could. */
static const char server_without_keys[] =
	"DO $$DECLARE r record; BEGIN FOR r IN SELECT conrelid::regclass AS t, conname "
	"FROM pg_constraint WHERE contype = 'f' AND (conrelid IN ('person'::regclass, "
	"'contact'::regclass, 'utm_parameters'::regclass) OR confrelid IN ('person'::regclass, "
	"'contact'::regclass)) LOOP "
	"EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END LOOP; END$$";

static void one_run(unsigned long seed)
{
	struct db *db = tu_db("en");
	bool server = tu_on_server();
	unsigned s = (unsigned)seed;
	char sql[512], when[640];
	struct la_err err;
	int done = 0;

	tu_category(db, "Hot", GROUP_POTENTIAL_CUSTOMER, true);
	tu_category(db, "Warm", GROUP_POTENTIAL_CUSTOMER, true);
	/* A legacy database's rows that point nowhere: no foreign keys. */
	tu_exec(db, server ? server_without_keys : "PRAGMA foreign_keys = OFF");
	tu_exec(db, "INSERT INTO associate (associate_id, name) VALUES (2, 'a2'), (3, 'a3')");
	for (int step = 0; step < 120; step++) {
		random_step(&s, server, sql, sizeof sql);
		/* The server refuses some (a twin id, a list without its
		 * default, rule 8): those change nothing, and are counted. */
		la_err_clear(&err);
		if (db_exec(db, sql, &err) == LA_OK)
			done++;
		else if (!server)
			ck_abort_msg("seed %lu, step %d: %s: %s", seed, step, sql, err.msg);
		snprintf(when, sizeof when, "seed %lu, step %d: %s", seed, step, sql);
		assert_counts(db, when);
	}
	/* Not a test of refusals: most statements ran. */
	if (done < 90)
		ck_abort_msg("seed %lu: only %d of 120 statements ran", seed, done);
	db_close(db);
}

START_TEST(any_change_keeps_the_counts)
{
	unsigned long runs = tu_env_number("LEADADMIN_COUNTS_RUNS", 8);
	unsigned long seed = tu_env_number("LEADADMIN_COUNTS_SEED", 1);

	for (unsigned long i = 0; i < runs; i++)
		one_run(seed + i);
}
END_TEST

START_TEST(recount_mends_what_drifted)
{
	struct db *db = tu_db("en");
	int64_t lead = tu_category(db, "Hot", GROUP_POTENTIAL_CUSTOMER, true);
	struct la_actor admin, user;
	struct counts_report r;
	struct la_err err;
	long changed = -1;

	tu_companies(db, lead, 3, 2);
	tu_admin(db, &admin);
	tu_actor(db, "reader", ROLE_USER, &user);
	/* Another program wrote the counts themselves. */
	tu_exec(db, "UPDATE lead_tally SET contacts = contacts + 5 WHERE dim = 0; "
		"DELETE FROM lead_company WHERE contact_id = (SELECT min(contact_id) FROM lead_company); "
		"UPDATE usage_count SET contacts = 0");
	la_err_clear(&err);
	ck_assert(counts_check(db, &r, &err) == LA_OK);
	ck_assert_int_eq(r.differ[COUNTS_LEADS], 1);
	ck_assert_int_eq(r.differ[COUNTS_COMPANY], 1);
	ck_assert_int_ge(r.differ[COUNTS_USAGE], 2);
	/* Someone who may not change the lists may not recount them. */
	ck_assert(counts_recount(db, &user, &changed, &err) == LA_DENIED);
	ck_assert(counts_check(db, &r, &err) == LA_OK);
	ck_assert_int_eq(r.differ[COUNTS_LEADS], 1);
	ck_assert(counts_recount(db, &admin, &changed, &err) == LA_OK);
	ck_assert_int_eq(changed, 2 + r.differ[COUNTS_USAGE]);
	assert_counts(db, "after recount");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE list = 'schema' AND action = 'recount'", -1), 1);
	db_close(db);
}
END_TEST

/* The deep check writes nothing: it runs on a database opened read-only. */
START_TEST(a_read_only_database_is_checked)
{
	char path[] = "/tmp/la_counts_XXXXXX";
	int fd = mkstemp(path);
	struct db *db = NULL;
	struct counts_report r;
	struct la_err err;

	ck_assert_int_ge(fd, 0);
	close(fd);
	la_err_clear(&err);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE, "en", rights_os_login(), &db, &err) == LA_OK,
		      "%s", err.msg);
	tu_companies(db, tu_category(db, "Hot", GROUP_POTENTIAL_CUSTOMER, true), 2, 2);
	tu_exec(db, "UPDATE lead_tally SET contacts = 9 WHERE dim = 2");
	db_close(db);
	ck_assert_msg(db_open(path, DB_OPEN_READONLY, "en", rights_os_login(), &db, &err) == LA_OK,
		      "%s", err.msg);
	ck_assert(db_readonly(db));
	ck_assert_msg(counts_check(db, &r, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(r.differ[COUNTS_LEADS], 1);
	/* And twice: the temporary tables of the first are gone. */
	ck_assert_msg(counts_check(db, &r, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(r.differ[COUNTS_LEADS], 1);
	db_close(db);
	tu_unlink_db(path);
}
END_TEST

static Suite *counts_suite(void)
{
	Suite *s = suite_create("counts");
	TCase *tc = tcase_create("counts");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, a_new_database_counts_what_it_has);
	tcase_add_test(tc, any_change_keeps_the_counts);
	tcase_add_test(tc, recount_mends_what_drifted);
	tu_sqlite_test(tc, a_read_only_database_is_checked, "it opens a database file read-only");
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(counts_suite());
}

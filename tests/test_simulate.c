/* The dry run of Distribute to owner: it predicts what submit does, line
 * for line, from the same rotation, and writes nothing; --last replays the
 * stored submissions; who is skipped and why; when it refuses. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marketing.h"
#include "rights.h"
#include "simulate.h"
#include "submit.h"
#include "testutil.h"
#include "users.h"

static struct db *db;
static struct la_actor admin;
static int64_t anna, jonas, mia, paul;

static int64_t add_user(const char *login)
{
	struct la_actor a;

	tu_actor(db, login, ROLE_USER, &a);
	return a.associate_id;
}

static void configure(enum distribute_mode mode, bool only_unassigned, int64_t fallback,
		      int64_t group)
{
	struct marketing_settings ms;
	struct la_err err;

	la_err_clear(&err);
	ck_assert(marketing_set_licence(db, &admin, LICENCE_MARKETING_PREMIUM, true, &err) == LA_OK);
	ck_assert(marketing_load(db, &ms, &err) == LA_OK);
	ms.mode = mode;
	ms.only_unassigned = only_unassigned;
	ms.fallback_id = fallback;
	ms.group_id = group;
	free(ms.associates);
	ms.associates = malloc(4 * sizeof(*ms.associates));
	ck_assert_ptr_nonnull(ms.associates);
	ms.associates[0] = anna;
	ms.associates[1] = jonas;
	ms.associates[2] = mia;
	ms.nassociates = 3;
	ck_assert_msg(marketing_save(db, &admin, &ms, &err) == LA_OK, "save: %s", err.msg);
	marketing_settings_free(&ms);
}

static void setup(void)
{
	db = tu_db("en");
	tu_admin(db, &admin);
	anna = add_user("anna.berg");
	jonas = add_user("jonas.kraft");
	mia = add_user("mia.stein");
	paul = add_user("paul.roth");
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
}

/* Mixed lines: new, a repeated id, a second line of an address this text
 * makes (other case), a malformed one, and more new ones. */
static const char mixed[] =
	"{\"id\": \"a1\", \"email\": \"one@example.com\"}\n"
	"{\"id\": \"a2\", \"email\": \"two@example.com\"}\n"
	"{\"id\": \"a2\", \"email\": \"two@example.com\"}\n"
	"{\"id\": \"a3\", \"email\": \"ONE@example.com\"}\n"
	"{\"id\": \"a4\"}\n"
	"\n"
	"{\"id\": \"a5\", \"email\": \"three@example.com\"}\n"
	"{\"id\": \"a6\", \"email\": \"four@example.com\"}\n"
	"{\"id\": \"a7\", \"email\": \"five@example.com\"}\n";

static long sim_count(const struct simulate *sim, int64_t id)
{
	for (size_t i = 0; i < sim->nowners; i++)
		if (sim->owners[i].id == id)
			return sim->owners[i].count;
	return 0;
}

static long sum_count(const struct submit_summary *sum, int64_t id)
{
	for (size_t i = 0; i < sum->nowners; i++)
		if (sum->owners[i].associate_id == id)
			return sum->owners[i].count;
	return 0;
}

static void simulate_text(const char *text, enum distribute_mode mode, struct simulate *sim,
			  enum la_status want)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct la_err err;

	ck_assert_ptr_nonnull(in);
	la_err_clear(&err);
	ck_assert_msg(simulate_file(db, mode, in, NULL, NULL, sim, &err) == want, "%s", err.msg);
	fclose(in);
}

static void submit_text(const char *text, struct submit_summary *sum)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct la_err err;

	ck_assert_ptr_nonnull(in);
	la_err_clear(&err);
	ck_assert_msg(submit_stream(db, &admin, in, false, NULL, NULL, sum, &err) == LA_OK,
		      "%s", err.msg);
	fclose(in);
}

/* The rows a submit writes and the settings, as one text (caller frees). */
static char *written(void)
{
	char *s = strdup(tu_text(db, "SELECT (SELECT count(*) FROM person) || '|' || "
				 "(SELECT count(*) FROM contact) || '|' || (SELECT count(*) FROM email) "
				 "|| '|' || (SELECT count(*) FROM form_submission) || '|' || "
				 "(SELECT count(*) FROM utm_parameters) || '|' || (SELECT count(*) FROM audit) "
				 "|| '|' || (SELECT group_concat(key || '=' || value, ',') FROM "
				 "(SELECT key, value FROM setting ORDER BY key) AS t)", -1));

	ck_assert_ptr_nonnull(s);
	return s;
}

/* Simulates, checks that nothing was written, submits, compares. */
static void predicts(bool only_unassigned)
{
	struct simulate sim;
	struct submit_summary sum;
	int changes = 0;
	char *before, *after;

	configure(DISTRIBUTE_ASSOCIATES, only_unassigned, 0, 0);
	/* The rotation in the middle: it goes on after jonas. */
	tu_exec(db, "INSERT INTO setting (key, value) VALUES ('marketing.rotation_last', '3') "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	ck_assert_int_eq(jonas, 3);
	/* Nothing written: not a row (SQLite counts every change). */
	if (!tu_on_server())
		changes = sqlite3_total_changes(db_handle(db));
	before = written();
	simulate_text(mixed, DISTRIBUTE_OFF, &sim, LA_OK);
	after = written();
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	if (!tu_on_server())
		ck_assert_int_eq(sqlite3_total_changes(db_handle(db)), changes);
	ck_assert_int_eq(tu_int(db, "SELECT value FROM setting WHERE key = 'marketing.rotation_last'", -1), 3);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM person", -1), 0);
	ck_assert_int_eq(sim.submissions, 8);
	ck_assert_int_eq(sim.rejected, 1);
	ck_assert_int_eq(sim.repeated, 1);
	ck_assert_int_eq(sim.kept, only_unassigned ? 1 : 0);
	ck_assert_int_eq(sim.after, jonas);
	submit_text(mixed, &sum);
	ck_assert_int_eq(sum.rejected, 1);
	ck_assert_int_eq(sum.skipped, 1);
	ck_assert_int_eq(sim.given, sum.created + sum.updated - sim.kept);
	ck_assert_int_eq(sim_count(&sim, anna), sum_count(&sum, anna));
	ck_assert_int_eq(sim_count(&sim, jonas), sum_count(&sum, jonas));
	ck_assert_int_eq(sim_count(&sim, mia), sum_count(&sum, mia));
	/* After jonas: mia, anna, jonas, ... */
	ck_assert_int_eq(sim_count(&sim, mia), 2);
	ck_assert_int_eq(sim.spread, only_unassigned ? 1 : 0);
	submit_summary_free(&sum);
	simulate_free(&sim);
}

START_TEST(file_predicts_submit_with_only_unassigned)
{
	predicts(true);
}
END_TEST

START_TEST(file_predicts_submit_with_any_owner)
{
	predicts(false);
}
END_TEST

START_TEST(last_replays_from_the_same_rotation)
{
	struct simulate sim;
	struct submit_summary sum;
	struct la_err err;

	configure(DISTRIBUTE_ASSOCIATES, true, 0, 0);
	submit_text(mixed, &sum);
	/* Back to where the submit started: the replay gives what it did. */
	tu_exec(db, "DELETE FROM setting WHERE key = 'marketing.rotation_last'");
	la_err_clear(&err);
	ck_assert_msg(simulate_last(db, DISTRIBUTE_OFF, 100, &sim, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(sim.submissions, 6);
	ck_assert_int_eq(sim_count(&sim, anna), sum_count(&sum, anna));
	ck_assert_int_eq(sim_count(&sim, jonas), sum_count(&sum, jonas));
	ck_assert_int_eq(sim_count(&sim, mia), sum_count(&sum, mia));
	ck_assert_int_eq(sim.kept, 1);
	simulate_free(&sim);
	/* The last 2: the two newest, from the rotation as it is now. */
	ck_assert_msg(simulate_last(db, DISTRIBUTE_OFF, 2, &sim, &err) == LA_OK, "%s", err.msg);
	ck_assert_int_eq(sim.submissions, 2);
	ck_assert_int_eq(sim.given, 2);
	ck_assert_int_eq(sim_count(&sim, anna), 1);
	ck_assert_int_eq(sim_count(&sim, jonas), 1);
	simulate_free(&sim);
	submit_summary_free(&sum);
}
END_TEST

START_TEST(refused_without_licence_or_distribute)
{
	struct simulate sim;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(simulate_last(db, DISTRIBUTE_OFF, 10, &sim, &err), LA_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.msg, "licence"));
	configure(DISTRIBUTE_OFF, true, 0, 0);
	ck_assert_int_eq(simulate_last(db, DISTRIBUTE_OFF, 10, &sim, &err), LA_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.msg, "Distribute to owner is off"));
	/* A preview of the stored associates before turning it on. */
	simulate_text(mixed, DISTRIBUTE_ASSOCIATES, &sim, LA_OK);
	ck_assert_int_eq(sim.mode, DISTRIBUTE_ASSOCIATES);
	ck_assert_uint_eq(sim.neligible, 3);
	ck_assert_int_eq(tu_int(db, "SELECT value FROM setting WHERE key = 'marketing.distribute_mode'", -1),
			 DISTRIBUTE_OFF);
	simulate_free(&sim);
}
END_TEST

START_TEST(skipped_with_their_reasons)
{
	struct simulate sim;
	struct la_err err;

	la_err_clear(&err);
	configure(DISTRIBUTE_ASSOCIATES, true, paul, 0);
	ck_assert(users_set_active(db, &admin, "jonas.kraft", false, &err) == LA_OK);
	simulate_text(mixed, DISTRIBUTE_OFF, &sim, LA_OK);
	ck_assert_uint_eq(sim.nskipped, 1);
	ck_assert_int_eq(sim.skipped[0].id, jonas);
	ck_assert_int_eq(sim.skipped[0].why, SIMULATE_INACTIVE);
	ck_assert_int_eq(sim_count(&sim, jonas), 0);
	/* Five owners given to two: 3 and 2. */
	ck_assert_int_eq(sim.spread, 1);
	simulate_free(&sim);

	/* Group mode: paul the only member; anna and mia selected, not members. */
	tu_exec_keyed(db, "INSERT INTO usergroup (usergroup_id, name) VALUES (7, 'Sales')");
	tu_exec(db, "UPDATE associate SET group_idx = 7 WHERE name IN ('paul.roth', 'jonas.kraft')");
	configure(DISTRIBUTE_GROUP, true, 0, 7);
	simulate_text(mixed, DISTRIBUTE_OFF, &sim, LA_OK);
	ck_assert_int_eq(sim_count(&sim, paul), 5);
	ck_assert_uint_eq(sim.nskipped, 3);
	ck_assert_int_eq(sim.skipped[0].id, jonas);
	ck_assert_int_eq(sim.skipped[0].why, SIMULATE_INACTIVE);
	ck_assert_int_eq(sim.skipped[1].why, SIMULATE_NOT_IN_GROUP);
	ck_assert_int_eq(sim.skipped[2].why, SIMULATE_NOT_IN_GROUP);
	simulate_free(&sim);

	/* The group deleted: nobody eligible, the fallback (none) gives none. */
	tu_exec(db, "UPDATE usergroup SET deleted = 1 WHERE usergroup_id = 7");
	simulate_text(mixed, DISTRIBUTE_OFF, &sim, LA_OK);
	ck_assert_uint_eq(sim.nowners, 0);
	/* a3 too: the contact a1 made has no owner. */
	ck_assert_int_eq(sim.nobody, 6);
	ck_assert_int_eq(sim.skipped[0].why, SIMULATE_GROUP_DELETED);
	ck_assert_int_eq(sim.skipped[1].why, SIMULATE_GROUP_DELETED);
	simulate_free(&sim);
}
END_TEST

static Suite *simulate_suite(void)
{
	Suite *s = suite_create("simulate");
	TCase *tc = tcase_create("simulate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, file_predicts_submit_with_only_unassigned);
	tcase_add_test(tc, file_predicts_submit_with_any_owner);
	tcase_add_test(tc, last_replays_from_the_same_rotation);
	tcase_add_test(tc, refused_without_licence_or_distribute);
	tcase_add_test(tc, skipped_with_their_reasons);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(simulate_suite()); }

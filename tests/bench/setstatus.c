/* setstatus: the time of `lead set-status` itself - finding the person by
 * e-mail address and setting the status with the lead-status rule, in its
 * transaction, committed - on a database that tests/bench/gen.sql built
 * (issue 12: under 10 ms at 1,000,000 persons). Process start (about
 * 10 ms for `leadadmin --version` alone) is not part of it.
 *
 *   setstatus DB EMAIL RUNS
 *
 * Each run puts the person back to Open and its company back to Lead
 * (untimed), then times automation_find_person and
 * automation_lead_set_status to Qualified, whose rule (set beforehand
 * with `leadadmin automation set lead-status --category Opportunity
 * --status Qualified`) moves the company. Prints the median and the
 * largest wall time in ms, and the median CPU time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "automation.h"
#include "db.h"
#include "rights.h"

static double ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct db *db;
	struct la_actor actor;
	struct la_err err;
	struct auto_outcome out;
	int64_t person, open_id = 0, qualified = 0, lead = 0;
	int runs = argc > 3 ? atoi(argv[3]) : 20;
	double *wall, *cpu;
	char sql[256];
	sqlite3_stmt *st;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: setstatus DB EMAIL RUNS\n");
		return 2;
	}
	if (db_open(argv[1], 0, "en", rights_os_login(), &db, &err) != LA_OK ||
	    rights_actor(db, &actor, &err) != LA_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	if (sqlite3_prepare_v2(db_handle(db), "SELECT (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open'), "
			       "(SELECT leadstatus_id FROM leadstatus WHERE name = 'Qualified'), "
			       "(SELECT category_id FROM category WHERE name = 'Lead')", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		open_id = sqlite3_column_int64(st, 0);
		qualified = sqlite3_column_int64(st, 1);
		lead = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	wall = calloc((size_t)runs, sizeof *wall);
	cpu = calloc((size_t)runs, sizeof *cpu);
	if (!wall || !cpu || !open_id || !qualified || !lead)
		return 1;
	for (int i = 0; i < runs; i++) {
		double w0, c0;

		if (automation_find_person(db, argv[2], &person, &err) != LA_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		snprintf(sql, sizeof sql, "UPDATE person SET leadstatus_id = %lld WHERE person_id = %lld; "
			 "UPDATE contact SET category_idx = %lld WHERE contact_id = "
			 "(SELECT contact_id FROM person WHERE person_id = %lld)",
			 (long long)open_id, (long long)person, (long long)lead, (long long)person);
		if (db_exec(db, sql, &err) != LA_OK)
			return 1;
		w0 = ms(CLOCK_MONOTONIC);
		c0 = ms(CLOCK_PROCESS_CPUTIME_ID);
		if (automation_find_person(db, argv[2], &person, &err) != LA_OK ||
		    automation_lead_set_status(db, &actor, person, qualified, false, 0, &out, &err) != LA_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		wall[i] = ms(CLOCK_MONOTONIC) - w0;
		cpu[i] = ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (!out.new_category) {
			fprintf(stderr, "the rule did not move the company: is it on?\n");
			return 1;
		}
	}
	qsort(wall, (size_t)runs, sizeof *wall, cmp);
	qsort(cpu, (size_t)runs, sizeof *cpu, cmp);
	printf("%.3f %.3f %.3f\n", wall[runs / 2], wall[runs - 1], cpu[runs / 2]);
	free(wall);
	free(cpu);
	db_close(db);
	return 0;
}

/* Fuzz target: the JSON import (porting_import), dry run and real.
 *
 * One database for the whole run; every input is imported inside an outer
 * transaction that is rolled back afterwards, so each one starts from the
 * same default lists. Invariants: the import leaves no transaction open,
 * a dry run plans exactly what the real import then does, and after a
 * successful import the database's own export imports as all unchanged. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "porting.h"

static struct db *db;
static struct la_actor admin;

/* Closed at exit, so that valgrind sees nothing left. */
static void close_db(void)
{
	db_close(db);
	db = NULL;
}

static void plan_same(const struct porting_plan *a, enum la_status ra,
		      const struct porting_plan *b, enum la_status rb)
{
	size_t i;

	FUZZ_CHECK(ra == rb);
	FUZZ_CHECK(a->n == b->n);
	FUZZ_CHECK(a->added == b->added && a->updated == b->updated &&
		   a->unchanged == b->unchanged);
	for (i = 0; i < a->n; i++)
		FUZZ_CHECK(strcmp(a->lines[i], b->lines[i]) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct porting_plan dry, plan, again;
	struct la_err err;
	enum la_status rd, rc;

	if (!db) {
		db = fuzz_db(&admin);
		atexit(close_db);
	}
	la_err_clear(&err);
	FUZZ_CHECK(db_begin(db, &err) == LA_OK);

	/* Without confirmation: a caution refuses, nothing else happens. */
	rd = porting_import(db, &admin, text, size, true, CONFIRM_NONE, &dry, &err);
	porting_plan_free(&dry);
	FUZZ_CHECK(db_in_transaction(db));

	rd = porting_import(db, &admin, text, size, true, CONFIRM_YES, &dry, &err);
	rc = porting_import(db, &admin, text, size, false, CONFIRM_YES, &plan, &err);
	plan_same(&dry, rd, &plan, rc);
	if (rc != LA_OK)
		FUZZ_CHECK(err.msg[0] != '\0');
	if (rc == LA_OK) {
		char *json = NULL;

		FUZZ_CHECK(porting_export(db, &json, &err) == LA_OK);
		rc = porting_import(db, &admin, json, strlen(json), true, CONFIRM_NONE,
				    &again, &err);
		if (rc != LA_OK || again.added || again.updated) {
			fprintf(stderr, "re-import of the export: %d (%s), %d added, %d updated\n%s\n",
				(int)rc, err.msg, again.added, again.updated, json);
			abort();
		}
		porting_plan_free(&again);
		free(json);
	}
	porting_plan_free(&dry);
	porting_plan_free(&plan);

	/* Only the outer transaction is left: rolling it back ends it. */
	db_rollback(db);
	FUZZ_CHECK(!db_in_transaction(db));
	return 0;
}

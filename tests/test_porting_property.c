/* A property of the import: for random valid states A and B of every list,
 *   - importing export(B) into A with --replace gives B: every item of B as
 *     B has it, in B's order, with B's default; A's other items deleted;
 *   - the dry run's plan is the real import's plan, line for line, and the
 *     real import writes exactly one audit row for each line of it;
 *   - a second import changes nothing and writes no audit row.
 * LEADADMIN_PROPERTY_RUNS sets the number of pairs (default 40; .ci/run
 * runs more), LEADADMIN_PROPERTY_SEED the first seed; a failure names the
 * seed that made it, to replay it alone. */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "lists.h"
#include "porting.h"
#include "rights.h"
#include "testutil.h"

/* ---- a small, reproducible random source (xorshift64*) */

static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 2685821657736338717ULL;
}

static size_t pick(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Names, each row one name to rule 2 written three ways: an import must
 * match them to each other and rename where B writes it otherwise. */
static const char *const names[][3] = {
	{ "Alpha", "ALPHA", "alpha" },
	{ "Beta", "BETA", "beta" },
	{ "Straße", "STRASSE", "strasse" },
	{ "Ünsere", "ÜNSERE", "ünsere" },
	{ "Lead", "LEAD", "lead" },
	{ "Open", "OPEN", "open" },
	{ "Re-nurture", "RE-NURTURE", "re-nurture" },
	{ "Fair 2026", "FAIR 2026", "fair 2026" },
	{ "Ωmega", "ΩMEGA", "ωmega" },
	{ "Sales", "SALES", "sales" },
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static const char *const descriptions[] = { "", "From the web", "Beschreibung – lang",
					    "“quoted”", "two  spaces" };

static struct la_item *some_item(struct la_items *items)
{
	return items->n ? &items->v[pick(items->n)] : NULL;
}

/* One random change through the lists' own functions (their rules
 * refuse what is not valid; a refusal is simply no change). */
static void random_change(struct db *db, const struct la_actor *admin)
{
	enum la_list list = (enum la_list)pick(LIST_COUNT);
	const struct la_fielddef *group = lists_field(list, LA_FIELD_GROUP);
	const struct la_fielddef *lead = lists_field(list, LA_FIELD_LEAD_STATUS);
	struct la_items items = { NULL, 0 };
	struct la_item it, *some;
	struct la_err err;
	int64_t def = 0;

	la_err_clear(&err);
	ck_assert(lists_load(db, list, true, &items, &err) == LA_OK);
	some = some_item(&items);
	switch (pick(7)) {
	case 0:
	case 1: /* add, or edit the item of that name */
	case 2:
		if (pick(2) && some)
			lists_item_copy(&it, some);
		else
			lists_item_init(&it, list);
		free(it.name);
		it.name = strdup(names[pick(NNAMES)][pick(3)]);
		free(it.tooltip);
		it.tooltip = strdup(descriptions[pick(sizeof(descriptions) / sizeof(descriptions[0]))]);
		if (group)
			lists_field_set_int(group, &it, 1 + (long)pick(GROUP_COUNT - 1));
		if (lead)
			lists_field_set_int(lead, &it, (long)pick(2));
		if (!it.deleted)
			(void)lists_save(db, admin, &it, CONFIRM_YES, &err);
		lists_item_clear(&it);
		break;
	case 3: /* delete, naming a new default where it is the default */
		if (some && !some->deleted) {
			struct la_item *other = some_item(&items);

			(void)lists_default_item(db, list, &def, &err);
			(void)lists_delete(db, admin, list, some->id,
					   def == some->id && other && !other->deleted ? other->id : 0,
					   CONFIRM_YES, &err);
		}
		break;
	case 4:
		if (some && some->deleted)
			(void)lists_restore(db, admin, list, some->id, &err);
		break;
	case 5:
		if (some && !some->deleted)
			(void)lists_move(db, admin, list, some->id, pick(2) ? 1 : -1, &err);
		break;
	default:
		if (some && !some->deleted && lists_flag_field(list, LFF_DEFAULT))
			(void)lists_set_default(db, admin, list, some->id, &err);
		break;
	}
	lists_items_free(&items);
}

static struct db *random_state(struct la_actor *admin)
{
	struct db *db = tu_db("en");
	size_t n = pick(30);

	tu_admin(db, admin);
	for (size_t i = 0; i < n; i++)
		random_change(db, admin);
	return db;
}

static char *export_of(struct db *db)
{
	struct la_err err;
	char *json = NULL;

	la_err_clear(&err);
	ck_assert_msg(porting_export(db, &json, &err) == LA_OK, "export: %s", err.msg);
	return json;
}

static long audit_rows(struct db *db)
{
	return tu_int(db, "SELECT count(*) FROM audit", -1);
}

/* How many items the file has, in all its lists. */
static int items_in(const char *text)
{
	json_t *doc = json_loads(text, 0, NULL);
	int n = 0;

	ck_assert(doc);
	for (int l = 0; l < LIST_COUNT; l++)
		n += (int)json_array_size(json_object_get(doc, lists_def((enum la_list)l)->export_key));
	json_decref(doc);
	return n;
}

static const json_t *named(const json_t *arr, const char *name);

/* How many items --replace deleted: those after the import that the file
 * does not name and that were not deleted before it. */
static int replaced(const char *before_text, const char *after_text, const char *file_text)
{
	json_t *before = json_loads(before_text, 0, NULL), *after = json_loads(after_text, 0, NULL);
	json_t *file = json_loads(file_text, 0, NULL);
	int n = 0;

	ck_assert(before && after && file);
	for (int l = 0; l < LIST_COUNT; l++) {
		const char *key = lists_def((enum la_list)l)->export_key;
		const json_t *o, *was;
		size_t i;

		json_array_foreach(json_object_get(after, key), i, o) {
			const char *name = json_string_value(json_object_get(o, "name"));

			if (!named(json_object_get(file, key), name) &&
			    (was = named(json_object_get(before, key), name)) &&
			    !json_is_true(json_object_get(was, "deleted")))
				n++;
		}
	}
	json_decref(before);
	json_decref(after);
	json_decref(file);
	return n;
}

/* The item of the array arr that has name, or NULL. */
static const json_t *named(const json_t *arr, const char *name)
{
	size_t i;
	const json_t *o;

	json_array_foreach(arr, i, o)
		if (strcmp(json_string_value(json_object_get(o, "name")), name) == 0)
			return o;
	return NULL;
}

/* got gives want: want's items, in want's order, as want has them; every
 * other item of got deleted. */
static void check_gives(const char *got_text, const char *want_text, uint64_t seed)
{
	json_t *got = json_loads(got_text, 0, NULL), *want = json_loads(want_text, 0, NULL);

	ck_assert(got && want);
	for (int l = 0; l < LIST_COUNT; l++) {
		const char *key = lists_def((enum la_list)l)->export_key;
		const json_t *g = json_object_get(got, key), *w = json_object_get(want, key), *o;
		size_t i, next = 0;

		json_array_foreach(g, i, o) {
			const char *name = json_string_value(json_object_get(o, "name"));

			if (named(w, name)) {
				ck_assert_msg(next < json_array_size(w) &&
					      json_equal(o, json_array_get(w, next)),
					      "seed %llu: %s[%zu] '%s' is not the file's %s[%zu]",
					      (unsigned long long)seed, key, i + 1, name, key, next + 1);
				next++;
			} else {
				ck_assert_msg(json_is_true(json_object_get(o, "deleted")),
					      "seed %llu: %s '%s' is not in the file and not deleted",
					      (unsigned long long)seed, key, name);
			}
		}
		ck_assert_msg(next == json_array_size(w), "seed %llu: %s has %zu of the file's %zu items",
			      (unsigned long long)seed, key, next, json_array_size(w));
	}
	json_decref(got);
	json_decref(want);
}

static void one_pair(uint64_t seed)
{
	struct la_actor admin_a, admin_b;
	struct porting_plan dry = { 0 }, real = { 0 }, again = { 0 };
	struct db *a, *b;
	struct la_err err;
	char *file, *before, *after, *twice;
	long rows;

	rnd_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	a = random_state(&admin_a);
	b = random_state(&admin_b);
	file = export_of(b);
	before = export_of(a);
	rows = audit_rows(a);

	la_err_clear(&err);
	ck_assert_msg(porting_import(a, &admin_a, file, strlen(file), PORTING_DRY_RUN | PORTING_REPLACE,
				     CONFIRM_YES, &dry, &err) == LA_OK,
		      "seed %llu: the dry run: %s", (unsigned long long)seed, err.msg);
	after = export_of(a);
	ck_assert_msg(strcmp(before, after) == 0 && audit_rows(a) == rows,
		      "seed %llu: the dry run changed something", (unsigned long long)seed);
	free(after);

	ck_assert_msg(porting_import(a, &admin_a, file, strlen(file), PORTING_REPLACE, CONFIRM_YES,
				     &real, &err) == LA_OK,
		      "seed %llu: the import: %s", (unsigned long long)seed, err.msg);
	ck_assert_msg(real.n == dry.n, "seed %llu: the dry run said %zu changes, the import made %zu",
		      (unsigned long long)seed, dry.n, real.n);
	for (size_t i = 0; i < real.n; i++)
		ck_assert_msg(strcmp(real.lines[i], dry.lines[i]) == 0,
			      "seed %llu: change %zu: the dry run said '%s', the import '%s'",
			      (unsigned long long)seed, i + 1, dry.lines[i], real.lines[i]);
	ck_assert_msg(audit_rows(a) - rows == (long)real.n,
		      "seed %llu: %zu lines of plan, %ld audit rows", (unsigned long long)seed, real.n,
		      audit_rows(a) - rows);

	after = export_of(a);
	check_gives(after, file, seed);
	/* The counts are of the items the import touched: the file's, and
	 * those of A's that --replace deleted. */
	ck_assert_msg(real.added + real.updated + real.unchanged ==
		      items_in(file) + replaced(before, after, file),
		      "seed %llu: %d added, %d updated, %d unchanged of %d items and %d deleted",
		      (unsigned long long)seed, real.added, real.updated, real.unchanged,
		      items_in(file), replaced(before, after, file));

	rows = audit_rows(a);
	ck_assert_msg(porting_import(a, &admin_a, file, strlen(file), PORTING_REPLACE, CONFIRM_YES,
				     &again, &err) == LA_OK,
		      "seed %llu: the second import: %s", (unsigned long long)seed, err.msg);
	twice = export_of(a);
	ck_assert_msg(again.n == 0 && again.added == 0 && again.updated == 0,
		      "seed %llu: the second import changed %zu things (first: %s)",
		      (unsigned long long)seed, again.n, again.n ? again.lines[0] : "");
	ck_assert_msg(audit_rows(a) == rows && strcmp(after, twice) == 0,
		      "seed %llu: the second import wrote something", (unsigned long long)seed);

	porting_plan_free(&dry);
	porting_plan_free(&real);
	porting_plan_free(&again);
	free(file);
	free(before);
	free(after);
	free(twice);
	db_close(a);
	db_close(b);
}

START_TEST(import_of_an_export_gives_its_lists)
{
	unsigned long runs = tu_env_number("LEADADMIN_PROPERTY_RUNS", 40);
	unsigned long seed = tu_env_number("LEADADMIN_PROPERTY_SEED", 1);

	for (unsigned long i = 0; i < runs; i++)
		one_pair(seed + i);
}
END_TEST

static Suite *property_suite(void)
{
	Suite *s = suite_create("porting_property");
	TCase *tc = tcase_create("property");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, import_of_an_export_gives_its_lists);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(property_suite());
}

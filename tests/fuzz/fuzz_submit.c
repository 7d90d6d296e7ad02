/* Fuzz target: one form submission (submit_one) with every feature on --
 * the Marketing Premium licence, UTM transfer, a form category with lead
 * status, Distribute to owner among two associates -- and the UTM parsing
 * (utm_from_url, utm_domain, utm_decode) on the raw input.
 *
 * The database is made once, with one known contact so that conversions
 * happen too; every input runs inside an outer transaction that is rolled
 * back. Invariants: a submission is rejected with a reason or stored, the
 * same submission again is skipped (or rejected the same way), no
 * transaction is left open, and every UTM value is clean. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "lists.h"
#include "marketing.h"
#include "submit.h"
#include "text.h"
#include "utm.h"

static struct db *db;
static struct la_actor admin;

/* Closed at exit, so that valgrind sees nothing left. */
static void close_db(void)
{
	db_close(db);
	db = NULL;
}

#define SETUP(call)                                                            \
	do {                                                                   \
		if ((call) != LA_OK) {                                         \
			fprintf(stderr, "%s: %s\n", #call, err.msg);           \
			abort();                                               \
		}                                                              \
	} while (0)

static void setup(void)
{
	static const char known[] =
		"{\"id\":\"seed-1\",\"email\":\"known@example.com\",\"firstname\":\"Kim\","
		"\"lastname\":\"Known\",\"company\":\"Acme\","
		"\"url\":\"https://example.com/?utm_source=seed\"}";
	struct marketing_settings ms;
	struct la_actor sales;
	struct la_item lead;
	struct submit_result res;
	struct la_err err;
	int64_t who[2];

	la_err_clear(&err);
	db = fuzz_db(&admin);
	SETUP(rights_user_add(db, &admin, "sales1", "Sam Sales", ROLE_USER, &err));
	SETUP(rights_actor_for(db, "sales1", &sales, &err));
	SETUP(marketing_set_licence(db, &admin, LICENCE_MARKETING_PREMIUM, true, &err));
	/* lists_find overwrites the item without clearing it. */
	memset(&lead, 0, sizeof(lead));
	SETUP(lists_find(db, LIST_CATEGORY, "Lead", &lead, &err));
	SETUP(marketing_load(db, &ms, &err));
	ms.utm_enabled = true;
	ms.form_category_id = lead.id;
	ms.mode = DISTRIBUTE_ASSOCIATES;
	free(ms.associates);
	who[0] = admin.associate_id;
	who[1] = sales.associate_id;
	ms.associates = malloc(sizeof(who));
	if (!ms.associates)
		abort();
	memcpy(ms.associates, who, sizeof(who));
	ms.nassociates = 2;
	ms.only_unassigned = false;
	ms.fallback_id = admin.associate_id;
	SETUP(marketing_save(db, &admin, &ms, &err));
	marketing_settings_free(&ms);
	lists_item_clear(&lead);
	SETUP(submit_one(db, &admin, known, strlen(known), &res, &err));
	if (res.outcome != SUBMIT_CREATED) {
		fprintf(stderr, "seed submission: %d %s\n", (int)res.outcome, res.reason);
		abort();
	}
}

/* A value as utm_clean promises it: NULL or non-empty, valid UTF-8,
 * no control character, trimmed, at most UTM_VALUE_MAX characters. */
static void check_value(const char *v)
{
	char *t;

	if (!v)
		return;
	FUZZ_CHECK(*v);
	FUZZ_CHECK(text_utf8_valid(v, strlen(v)));
	FUZZ_CHECK(!text_has_control(v));
	FUZZ_CHECK(text_chars(v) <= UTM_VALUE_MAX);
	t = text_trim(v);
	FUZZ_CHECK(strcmp(t, v) == 0);
	free(t);
}

static void check_utm(const char *s)
{
	struct utm u;
	char *dom;
	int k;

	memset(&u, 0, sizeof(u));
	utm_from_url(&u, s);
	for (k = 0; k < UTM_KEYS; k++)
		check_value(u.value[k]);
	/* A value already there is kept. */
	if (u.value[UTM_SOURCE]) {
		char *before = strdup(u.value[UTM_SOURCE]);

		if (!before)
			abort();
		utm_from_url(&u, "https://x.example/?utm_source=other");
		FUZZ_CHECK(strcmp(u.value[UTM_SOURCE], before) == 0);
		free(before);
	}
	utm_clear(&u);

	dom = utm_domain(s);
	check_value(dom);
	if (dom) {
		const char *p;

		for (p = dom; *p; p++)
			FUZZ_CHECK(!(*p >= 'A' && *p <= 'Z'));
	}
	free(dom);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct submit_result res, res2;
	struct la_err err;
	enum la_status rc;
	char *s, *dec;

	if (!db) {
		setup();
		atexit(close_db);
	}

	/* The raw input as a page address and as a referrer. */
	s = fuzz_str(data, size);
	check_utm(s);
	free(s);
	dec = utm_decode(text, size, true);
	free(dec);
	dec = utm_decode(text, size, false);
	free(dec);

	la_err_clear(&err);
	FUZZ_CHECK(db_begin(db, &err) == LA_OK);
	rc = submit_one(db, &admin, text, size, &res, &err);
	FUZZ_CHECK(rc == LA_OK);
	switch (res.outcome) {
	case SUBMIT_REJECTED:
		FUZZ_CHECK(res.reason[0] != '\0');
		break;
	case SUBMIT_CREATED:
	case SUBMIT_UPDATED:
		FUZZ_CHECK(res.person_id > 0);
		FUZZ_CHECK(res.owner_id > 0);
		break;
	case SUBMIT_SKIPPED:
		break;
	default:
		FUZZ_CHECK(!"unknown outcome");
	}
	/* Re-running never duplicates. */
	rc = submit_one(db, &admin, text, size, &res2, &err);
	FUZZ_CHECK(rc == LA_OK);
	if (res.outcome == SUBMIT_REJECTED)
		FUZZ_CHECK(res2.outcome == SUBMIT_REJECTED &&
			   strcmp(res.reason, res2.reason) == 0);
	else
		FUZZ_CHECK(res2.outcome == SUBMIT_SKIPPED);
	db_rollback(db);
	FUZZ_CHECK(!db_in_transaction(db));

	/* The same bytes as a file of lines: every non-blank line is counted
	 * once, as created, updated, skipped or rejected. */
	if (size > 0) {
		struct submit_summary sum;
		long lines = 0;
		size_t i, start = 0;
		FILE *in;

		for (i = 0; i <= size; i++) {
			if (i == size || data[i] == '\n') {
				size_t j;

				for (j = start; j < i; j++)
					if (data[j] != ' ' && data[j] != '\t' && data[j] != '\r')
						break;
				if (j < i)
					lines++;
				start = i + 1;
			}
		}
		FUZZ_CHECK(db_begin(db, &err) == LA_OK);
		in = fmemopen((void *)data, size, "r");
		FUZZ_CHECK(in != NULL);
		rc = submit_stream(db, &admin, in, false, NULL, NULL, &sum, &err);
		fclose(in);
		FUZZ_CHECK(rc == LA_OK);
		FUZZ_CHECK(sum.created + sum.updated + sum.skipped + sum.rejected == lines);
		submit_summary_free(&sum);
		db_rollback(db);
		FUZZ_CHECK(!db_in_transaction(db));
	}
	return 0;
}

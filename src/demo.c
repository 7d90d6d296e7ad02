#include "config.h"
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leads.h"
#include "lists.h"

/* A linear congruential generator: the same sample on every machine. */
static unsigned next(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

static const char *const firstnames[] = {
	"Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes",
	"Ida", "Jonas", "Karin", "Lukas", "Mia", "Noah", "Olga", "Paul",
};
static const char *const lastnames[] = {
	"Müller", "Schmidt", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
	"Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
};
static const char *const words[] = {
	"Nord", "Süd", "Alpen", "Rhein", "Hansa", "Delta", "Nova", "Blau",
	"Stern", "Ost", "West", "Berg",
};
static const char *const kinds[] = {
	"GmbH", "AG", "KG", "Logistik GmbH", "Software AG", "Handel KG",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static enum la_status add_category(struct db *db, const struct la_actor *actor,
				   const char *name, enum la_group group,
				   int64_t *id, struct la_err *err)
{
	struct la_item item;
	enum la_status rc;

	lists_item_init(&item, LIST_CATEGORY);
	free(item.name);
	item.name = strdup(name);
	if (!item.name)
		abort();
	item.group = group;
	rc = lists_save(db, actor, &item, CONFIRM_YES, err);
	*id = item.id;
	lists_item_clear(&item);
	return rc;
}

enum la_status demo_fill(struct db *db, const struct la_actor *actor,
			 int companies, struct la_err *err)
{
	static const char cat_sql[] =
		"SELECT category_id FROM category WHERE deleted = 0 ORDER BY rank";
	static const char status_sql[] =
		"SELECT leadstatus_id FROM leadstatus WHERE deleted = 0 ORDER BY rank";
	/* Leads move along: some contacts are past the default status. */
	static const char set_status_sql[] =
		"UPDATE person SET leadstatus_id = ?2 WHERE person_id = ?1 AND leadstatus_id IS NOT NULL";
	static const char sales_sql[] =
		"INSERT INTO associate (name, full_name, role) VALUES (?, ?, 0)";
	static const char *const sales[][2] = {
		{ "anna.berg", "Anna Berg" }, { "jonas.kraft", "Jonas Kraft" },
		{ "mia.stein", "Mia Stein" }, { "paul.roth", "Paul Roth" },
	};
	bool de = strcmp(db_language(db), "de") == 0;
	int64_t cats[16], statuses[16], owners[N(sales)], extra;
	size_t ncats = 0, nstatuses = 0, i;
	unsigned seed = 20261126u;
	struct db_stmt *st;
	enum la_status rc;
	int c;

	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	rc = add_category(db, actor, de ? "Kunde" : "Customer", GROUP_CUSTOMER, &extra, err);
	if (rc == LA_OK)
		rc = add_category(db, actor, "Partner", GROUP_PARTNER, &extra, err);
	for (i = 0; rc == LA_OK && i < N(sales); i++) {
		if (!(st = db_stmt(db, sales_sql, err))) {
			rc = LA_DB;
			break;
		}
		db_bind_text(st, 1, sales[i][0]);
		db_bind_text(st, 2, sales[i][1]);
		if (db_step(st) != DB_DONE)
			rc = db_fail(db, err, "associate");
		db_reset(st);
		owners[i] = db_last_id(db);
	}
	if (rc == LA_OK && (st = db_stmt(db, cat_sql, err))) {
		while (ncats < N(cats) && db_step(st) == DB_ROW)
			cats[ncats++] = db_col_int64(st, 0);
		db_reset(st);
	}
	if (rc == LA_OK && (st = db_stmt(db, status_sql, err))) {
		while (nstatuses < N(statuses) && db_step(st) == DB_ROW)
			statuses[nstatuses++] = db_col_int64(st, 0);
		db_reset(st);
	}
	for (c = 0; rc == LA_OK && ncats && c < companies; c++) {
		char name[96], email[128];
		int64_t company, person, owner = owners[next(&seed) % N(owners)];
		int p, persons = 2 + (int)(next(&seed) % 2);

		snprintf(name, sizeof(name), "%s%s %s %d", words[next(&seed) % N(words)],
			 words[next(&seed) % N(words)], kinds[next(&seed) % N(kinds)], c + 1);
		rc = leads_company_add(db, name, cats[next(&seed) % ncats], owner, &company, err);
		for (p = 0; rc == LA_OK && p < persons; p++) {
			const char *fn = firstnames[next(&seed) % N(firstnames)];
			const char *ln = lastnames[next(&seed) % N(lastnames)];

			snprintf(email, sizeof(email), "contact%d.%d@example.com", c + 1, p + 1);
			rc = leads_person_add(db, company, 0, fn, ln, email, owner, &person, err);
			if (rc == LA_OK && nstatuses && next(&seed) % 5 < 3 &&
			    (st = db_stmt(db, set_status_sql, err))) {
				db_bind_int64(st, 1, person);
				db_bind_int64(st, 2, statuses[next(&seed) % nstatuses]);
				if (db_step(st) != DB_DONE)
					rc = db_fail(db, err, "person");
				db_reset(st);
			}
		}
	}
	if (rc != LA_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

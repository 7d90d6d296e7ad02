#include "config.h"
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const dim_keys[OVERVIEW_DIMS] = {
	"status", "category", "owner", "source", "campaign",
};

const char *overview_dim_key(enum overview_dim dim)
{
	return dim_keys[dim];
}

const char *overview_dim_title(enum overview_dim dim)
{
	switch (dim) {
	case OVERVIEW_STATUS: return _("Contacts per lead status");
	case OVERVIEW_CATEGORY: return _("Contacts per lead category");
	case OVERVIEW_OWNER: return _("Contacts per owner");
	case OVERVIEW_SOURCE: return _("Contacts per first-touch source");
	default: return _("Contacts per first-touch campaign");
	}
}

/* Each query gives id, label, contacts, companies, deleted; the counts are
 * of contacts that have a lead status (the leads). */
static const char *const dim_sql[OVERVIEW_DIMS] = {
	"SELECT l.leadstatus_id, l.name, count(p.person_id), 0, l.deleted "
	"FROM leadstatus l LEFT JOIN person p ON p.leadstatus_id = l.leadstatus_id "
	"GROUP BY l.leadstatus_id HAVING l.deleted = 0 OR count(p.person_id) > 0 "
	"ORDER BY l.rank, l.leadstatus_id",

	"SELECT c.category_id, c.name, "
	"(SELECT count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id "
	" WHERE k.category_idx = c.category_id AND p.leadstatus_id IS NOT NULL), "
	"(SELECT count(*) FROM contact k WHERE k.category_idx = c.category_id), c.deleted "
	"FROM category c WHERE c.enable_lead_status = 1 ORDER BY c.rank, c.category_id",

	"SELECT coalesce(a.associate_id, 0), coalesce(a.name, ''), count(*), 0, "
	"coalesce(a.deleted, 0) FROM person p LEFT JOIN associate a ON a.associate_id = p.associate_id "
	"WHERE p.leadstatus_id IS NOT NULL GROUP BY a.associate_id "
	"ORDER BY count(*) DESC, a.name",

	"SELECT 0, coalesce(u.firsttouch_source, ''), count(*), 0, 0 FROM person p "
	"LEFT JOIN utm_parameters u ON u.created_person_id = p.person_id "
	"WHERE p.leadstatus_id IS NOT NULL GROUP BY coalesce(u.firsttouch_source, '') "
	"ORDER BY count(*) DESC, 2",

	"SELECT 0, coalesce(u.firsttouch_campaign, ''), count(*), 0, 0 FROM person p "
	"LEFT JOIN utm_parameters u ON u.created_person_id = p.person_id "
	"WHERE p.leadstatus_id IS NOT NULL GROUP BY coalesce(u.firsttouch_campaign, '') "
	"ORDER BY count(*) DESC, 2",
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

void overview_free(struct overview *ov)
{
	int d;
	size_t i;

	for (d = 0; d < OVERVIEW_DIMS; d++) {
		for (i = 0; i < ov->n[d]; i++)
			free(ov->rows[d][i].label);
		free(ov->rows[d]);
	}
	memset(ov, 0, sizeof(*ov));
}

enum la_status overview_load(struct db *db, struct overview *out,
			     struct la_err *err)
{
	static const char total_sql[] =
		"SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL";
	sqlite3_stmt *st;
	int d, rc;

	memset(out, 0, sizeof(*out));
	for (d = 0; d < OVERVIEW_DIMS; d++) {
		if (!(st = db_stmt(db, dim_sql[d], err))) {
			overview_free(out);
			return LA_DB;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct overview_row *r;

			out->rows[d] = realloc(out->rows[d], (out->n[d] + 1) * sizeof(*out->rows[d]));
			if (!out->rows[d])
				abort();
			r = &out->rows[d][out->n[d]++];
			r->id = sqlite3_column_int64(st, 0);
			r->label = xstrdup((const char *)sqlite3_column_text(st, 1));
			r->contacts = sqlite3_column_int(st, 2);
			r->companies = sqlite3_column_int(st, 3);
			r->deleted = sqlite3_column_int(st, 4) != 0;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			overview_free(out);
			return db_fail(db, err, "overview");
		}
	}
	if (!(st = db_stmt(db, total_sql, err))) {
		overview_free(out);
		return LA_DB;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		out->total = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return LA_OK;
}

void overview_contacts_free(struct overview_contact *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].company);
		free(v[i].email);
		free(v[i].owner);
		free(v[i].source);
		free(v[i].campaign);
	}
	free(v);
}

enum la_status overview_contacts(struct db *db, int64_t status_id, size_t limit,
				 struct overview_contact **out, size_t *n,
				 struct la_err *err)
{
	static const char sql[] =
		"SELECT p.person_id, trim(p.firstname || ' ' || p.lastname), coalesce(k.name, ''), "
		"coalesce((SELECT e.email_address FROM email e WHERE e.person_id = p.person_id "
		"ORDER BY e.rank, e.email_id LIMIT 1), ''), coalesce(a.name, ''), "
		"coalesce(u.firsttouch_source, ''), coalesce(u.firsttouch_campaign, ''), "
		"coalesce(p.registered, '') FROM person p "
		"LEFT JOIN contact k ON k.contact_id = p.contact_id "
		"LEFT JOIN associate a ON a.associate_id = p.associate_id "
		"LEFT JOIN utm_parameters u ON u.created_person_id = p.person_id "
		"WHERE p.leadstatus_id = ?1 ORDER BY p.registered DESC, p.person_id DESC "
		"LIMIT ?2";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	struct overview_contact *v = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LA_DB;
	sqlite3_bind_int64(st, 1, status_id);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct overview_contact *c;

		v = realloc(v, (count + 1) * sizeof(*v));
		if (!v)
			abort();
		c = &v[count++];
		c->person_id = sqlite3_column_int64(st, 0);
		c->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		c->company = xstrdup((const char *)sqlite3_column_text(st, 2));
		c->email = xstrdup((const char *)sqlite3_column_text(st, 3));
		c->owner = xstrdup((const char *)sqlite3_column_text(st, 4));
		c->source = xstrdup((const char *)sqlite3_column_text(st, 5));
		c->campaign = xstrdup((const char *)sqlite3_column_text(st, 6));
		snprintf(c->registered, sizeof(c->registered), "%s",
			 (const char *)sqlite3_column_text(st, 7));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		overview_contacts_free(v, count);
		return db_fail(db, err, "person");
	}
	*out = v;
	*n = count;
	return LA_OK;
}

#include "config.h"
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const dim_keys[OVERVIEW_DIMS] = {
	"status", "category", "owner", "source", "campaign",
};

static const char *const kind_keys[OVERVIEW_KINDS] = {
	[OVERVIEW_ITEM] = "item",
	[OVERVIEW_NONE] = "none",
	[OVERVIEW_LEAD_OFF] = "lead-status-off",
	[OVERVIEW_NO_CATEGORY] = "no-category",
	[OVERVIEW_NO_COMPANY] = "no-company",
	[OVERVIEW_UNLISTED] = "not-in-list",
};

static const char *const kind_labels[OVERVIEW_KINDS] = {
	[OVERVIEW_NONE] = N_("(none)"),
	[OVERVIEW_LEAD_OFF] = N_("(category without lead status)"),
	[OVERVIEW_NO_CATEGORY] = N_("(company without category)"),
	[OVERVIEW_NO_COMPANY] = N_("(no company)"),
	[OVERVIEW_UNLISTED] = N_("(status not in the list)"),
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

const char *overview_kind_key(enum overview_kind kind)
{
	return kind_keys[kind];
}

const char *overview_row_label(const struct overview_row *row)
{
	if (row->kind == OVERVIEW_ITEM)
		return row->label;
	return _(kind_labels[row->kind]);
}

/* The SQL below writes the kinds as these numbers. */
_Static_assert(OVERVIEW_ITEM == 0 && OVERVIEW_NONE == 1 && OVERVIEW_LEAD_OFF == 2 &&
	       OVERVIEW_NO_CATEGORY == 3 && OVERVIEW_NO_COMPANY == 4 &&
	       OVERVIEW_UNLISTED == 5, "overview kinds as the SQL numbers them");

/* A contact's first touch: the first UTM row made for it (an imported
 * database may hold more than one, which must not count it twice). */
#define FIRST_TOUCH \
	"LEFT JOIN utm_parameters u ON u.utm_parameters_id = (SELECT min(w.utm_parameters_id) " \
	"FROM utm_parameters w WHERE w.created_person_id = p.person_id) "

/* Each query gives kind, id, label, contacts, companies (NULL where not
 * counted), deleted, over the leads: the persons with a lead status. A
 * reference to a row that is not there (a legacy database without foreign
 * keys) counts as none, so that every lead has exactly one row in each
 * dimension. A deleted status or category shows only while leads still
 * have it; the rows of the other kinds only when they count someone. */
static const char *const dim_sql[OVERVIEW_DIMS] = {
	"SELECT kind, id, label, contacts, companies, deleted FROM ("
	"SELECT 0 AS kind, l.leadstatus_id AS id, l.name AS label, coalesce(x.n, 0) AS contacts, "
	"NULL AS companies, coalesce(l.deleted, 0) AS deleted, l.rank AS r "
	"FROM leadstatus l LEFT JOIN (SELECT leadstatus_id AS s, count(*) AS n FROM person "
	"WHERE leadstatus_id IS NOT NULL GROUP BY leadstatus_id) x ON x.s = l.leadstatus_id "
	"WHERE coalesce(l.deleted, 0) = 0 OR x.n > 0 "
	"UNION ALL SELECT 5, 0, '', count(*), NULL, 0, NULL FROM person "
	"WHERE leadstatus_id IS NOT NULL AND leadstatus_id NOT IN (SELECT leadstatus_id FROM leadstatus) "
	"GROUP BY 1"
	") ORDER BY kind, r, id",

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
	"WHERE p.leadstatus_id IS NOT NULL AND c.enable_lead_status IS NOT 1 GROUP BY k2"
	") ORDER BY kind, r, id",

	"SELECT CASE WHEN a.associate_id IS NULL THEN 1 ELSE 0 END, coalesce(a.associate_id, 0), "
	"coalesce(a.name, ''), count(*), NULL, coalesce(a.deleted, 0) FROM person p "
	"LEFT JOIN associate a ON a.associate_id = p.associate_id "
	"WHERE p.leadstatus_id IS NOT NULL GROUP BY a.associate_id "
	"ORDER BY count(*) DESC, a.name, a.associate_id",

	"SELECT CASE WHEN v = '' THEN 1 ELSE 0 END, 0, v, count(*), NULL, 0 FROM ("
	"SELECT coalesce(u.firsttouch_source, '') AS v FROM person p " FIRST_TOUCH
	"WHERE p.leadstatus_id IS NOT NULL) GROUP BY v ORDER BY count(*) DESC, v",

	"SELECT CASE WHEN v = '' THEN 1 ELSE 0 END, 0, v, count(*), NULL, 0 FROM ("
	"SELECT coalesce(u.firsttouch_campaign, '') AS v FROM person p " FIRST_TOUCH
	"WHERE p.leadstatus_id IS NOT NULL) GROUP BY v ORDER BY count(*) DESC, v",
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

/* The rows of one dimension, appended to out. */
static enum la_status load_dim(struct db *db, enum overview_dim d, struct overview *out,
			       struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, dim_sql[d], err);
	int rc;

	if (!st)
		return LA_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct overview_row *r;

		out->rows[d] = realloc(out->rows[d], (out->n[d] + 1) * sizeof(*out->rows[d]));
		if (!out->rows[d])
			abort();
		r = &out->rows[d][out->n[d]++];
		r->kind = (enum overview_kind)sqlite3_column_int(st, 0);
		r->id = sqlite3_column_int64(st, 1);
		r->label = xstrdup((const char *)sqlite3_column_text(st, 2));
		r->contacts = (long)sqlite3_column_int64(st, 3);
		r->companies = sqlite3_column_type(st, 4) == SQLITE_NULL
			       ? -1 : (long)sqlite3_column_int64(st, 4);
		r->deleted = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? LA_OK : db_fail(db, err, "overview");
}

enum la_status overview_load(struct db *db, struct overview *out,
			     struct la_err *err)
{
	static const char total_sql[] =
		"SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL";
	enum la_status rc;
	sqlite3_stmt *st;
	int d;

	memset(out, 0, sizeof(*out));
	/* One read snapshot, so that a submission committed by another
	 * connection between two queries cannot make the tables disagree
	 * with the total. A savepoint reads inside a caller's transaction
	 * too, and writes nothing. */
	if ((rc = db_exec(db, "SAVEPOINT la_overview", err)) != LA_OK)
		return rc;
	for (d = 0; rc == LA_OK && d < OVERVIEW_DIMS; d++)
		rc = load_dim(db, (enum overview_dim)d, out, err);
	if (rc == LA_OK && !(st = db_stmt(db, total_sql, err)))
		rc = LA_DB;
	if (rc == LA_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			out->total = (long)sqlite3_column_int64(st, 0);
		else
			rc = db_fail(db, err, "person");
		sqlite3_reset(st);
	}
	db_exec(db, "RELEASE la_overview", NULL);
	if (rc != LA_OK)
		overview_free(out);
	return rc;
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
		FIRST_TOUCH
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

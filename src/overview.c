#include "config.h"
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mem.h"
#include "text.h"

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
 * counted), deleted, from the kept counts (lead_tally, data/migrate-6.sql:
 * a few rows a dimension, whatever the number of persons). The counts are
 * kept by raw key, and read here as the overview shows them: a key that
 * is not in its list (a legacy database without foreign keys) counts as
 * none, so that every lead has exactly one row in each dimension. A
 * deleted status or category shows only while leads still have it; the
 * rows of the other kinds only when they count someone. */
#define TALLY(d) "lead_tally t WHERE t.dim = " #d " "
/* Sources and campaigns count under their canonical value: the kept
 * counts hold the stored values, and an alias (data/migrate-10.sql) adds
 * its variant's count to the canonical value's row. */
#define CANONICAL(d, field) \
	"SELECT CASE WHEN v = '' THEN 1 ELSE 0 END, 0, v, sum(n) AS n, NULL, 0 FROM (" \
	"SELECT coalesce(a.canonical, t.value) AS v, t.contacts AS n FROM lead_tally t " \
	"LEFT JOIN utm_alias a ON a.field = '" field "' AND a.value = t.value AND t.value <> '' " \
	"WHERE t.dim = " #d " AND t.contacts > 0) AS o GROUP BY v ORDER BY n DESC, v"
static const char *const dim_sql[OVERVIEW_DIMS] = {
	"SELECT kind, id, label, contacts, companies, deleted FROM ("
	"SELECT 0 AS kind, l.leadstatus_id AS id, la_shown(l.name) AS label, coalesce(t.contacts, 0) AS contacts, "
	"NULL AS companies, coalesce(l.deleted, 0) AS deleted, l.rank AS r "
	"FROM leadstatus l LEFT JOIN lead_tally t ON t.dim = 0 AND t.kind = 0 "
	"AND t.item = l.leadstatus_id AND t.value = '' "
	"WHERE coalesce(l.deleted, 0) = 0 OR t.contacts > 0 "
	"UNION ALL SELECT 5, 0, '', sum(t.contacts), NULL, 0, NULL FROM " TALLY(0)
	"AND t.item NOT IN (SELECT leadstatus_id FROM leadstatus) HAVING sum(t.contacts) > 0"
	") AS o ORDER BY kind, r, id",

	/* A company has one category: the companies add up as well. */
	"SELECT kind, id, label, contacts, companies, deleted FROM ("
	"SELECT 0 AS kind, c.category_id AS id, la_shown(c.name) AS label, coalesce(t.contacts, 0) AS contacts, "
	"coalesce(t.companies, 0) AS companies, coalesce(c.deleted, 0) AS deleted, c.rank AS r "
	"FROM category c LEFT JOIN lead_tally t ON t.dim = 1 AND t.kind = 0 "
	"AND t.item = c.category_id AND t.value = '' "
	"WHERE c.enable_lead_status = 1 AND (coalesce(c.deleted, 0) = 0 OR t.contacts > 0) "
	"UNION ALL SELECT CASE WHEN t.kind = 4 THEN 4 WHEN c.category_id IS NULL THEN 3 "
	"ELSE 2 END AS k2, 0, '', sum(t.contacts), sum(t.companies), 0, NULL FROM lead_tally t "
	"LEFT JOIN category c ON t.kind = 0 AND c.category_id = t.item "
	"WHERE t.dim = 1 AND coalesce(c.enable_lead_status, 0) <> 1 GROUP BY k2 HAVING sum(t.contacts) > 0"
	") AS o ORDER BY kind, r, id",

	"SELECT CASE WHEN a.associate_id IS NULL THEN 1 ELSE 0 END, coalesce(a.associate_id, 0), "
	"coalesce(a.name, ''), sum(t.contacts) AS n, NULL, coalesce(a.deleted, 0) FROM lead_tally t "
	"LEFT JOIN associate a ON t.kind = 0 AND a.associate_id = t.item "
	"WHERE t.dim = 2 GROUP BY a.associate_id HAVING sum(t.contacts) > 0 "
	"ORDER BY n DESC, a.name, a.associate_id",

	CANONICAL(3, "source"),
	CANONICAL(4, "campaign"),
};

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
	struct db_stmt *st = db_stmt(db, dim_sql[d], err);
	int rc;

	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		struct overview_row *r;

		out->rows[d] = realloc(out->rows[d], (out->n[d] + 1) * sizeof(*out->rows[d]));
		if (!out->rows[d])
			abort();
		r = &out->rows[d][out->n[d]++];
		r->kind = (enum overview_kind)db_col_int(st, 0);
		r->id = db_col_int64(st, 1);
		r->label = la_strdup(db_col_text(st, 2));
		r->contacts = (long)db_col_int64(st, 3);
		r->companies = db_col_null(st, 4)
			       ? -1 : (long)db_col_int64(st, 4);
		r->deleted = db_col_int(st, 5) != 0;
	}
	db_reset(st);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, "overview");
}

enum la_status overview_load(struct db *db, struct overview *out,
			     struct la_err *err)
{
	static const char total_sql[] =
		"SELECT coalesce(sum(contacts), 0) FROM lead_tally WHERE dim = 0";
	enum la_status rc;
	struct db_stmt *st;
	bool started;
	int d;

	memset(out, 0, sizeof(*out));
	/* One read snapshot, so that a submission committed by another
	 * connection between two queries cannot make the tables disagree
	 * with the total (inside a caller's transaction, that one is). */
	if ((rc = db_read_begin(db, &started, err)) != LA_OK)
		return rc;
	for (d = 0; rc == LA_OK && d < OVERVIEW_DIMS; d++)
		rc = load_dim(db, (enum overview_dim)d, out, err);
	if (rc == LA_OK && !(st = db_stmt(db, total_sql, err)))
		rc = LA_DB;
	if (rc == LA_OK) {
		if (db_step(st) == DB_ROW)
			out->total = (long)db_col_int64(st, 0);
		else
			rc = db_fail(db, err, "person");
		db_reset(st);
	}
	db_read_end(db, started);
	if (rc != LA_OK)
		overview_free(out);
	return rc;
}

/* The cells of a contact, shared by the rows, the filter and the count. */
#define C_NAME "trim(p.firstname || ' ' || p.lastname)"
#define C_COMPANY "coalesce(k.name, '')"
#define C_EMAIL "coalesce((SELECT e.email_address FROM email e WHERE e.person_id = p.person_id " \
	"ORDER BY e.rank, e.email_id LIMIT 1), '')"
#define C_OWNER "coalesce(a.name, '')"
/* A UTM value with an alias shows as its canonical value, as the
 * overview counts it (utm_alias's key is field and value). */
#define C_CANONICAL(field, x) "CASE WHEN " x " IS NULL THEN '' ELSE " \
	"coalesce((SELECT ua.canonical FROM utm_alias ua WHERE ua.field = '" field "' " \
	"AND ua.value = " x "), " x ") END"
#define C_SOURCE C_CANONICAL("source", "u.firsttouch_source")
#define C_CAMPAIGN C_CANONICAL("campaign", "u.firsttouch_campaign")
#define C_JOINS "FROM person p LEFT JOIN contact k ON k.contact_id = p.contact_id " \
	"LEFT JOIN associate a ON a.associate_id = p.associate_id " FIRST_TOUCH

/* ?5, the folded filter, is in one of the cells as the screen shows them
 * ("-" for an empty one); U+001F between them keeps a match from
 * spanning two. */
#define SHOWN(x) "CASE " x " WHEN '' THEN '-' ELSE " x " END"
#define C_FILTER "AND (CAST(?5 AS TEXT) IS NULL OR instr(la_fold(" SHOWN(C_NAME) " || '\037' || " \
	SHOWN(C_COMPANY) " || '\037' || " SHOWN(C_EMAIL) " || '\037' || " \
	SHOWN(C_OWNER) " || '\037' || " SHOWN(C_SOURCE) " || '\037' || " \
	SHOWN(C_CAMPAIGN) "), ?5) > 0) "

#define C_ROWS(cond, order) \
	"SELECT p.person_id, " C_NAME ", " C_COMPANY ", " C_EMAIL ", " C_OWNER ", " \
	C_SOURCE ", " C_CAMPAIGN ", p.registered " C_JOINS \
	"WHERE p.leadstatus_id = ?1 AND " cond " " C_FILTER "ORDER BY " order " LIMIT ?4"

/* A page without filter sorts the keys alone and reads the cells of the
 * rows it keeps only (the filter needs the cells of every row). */
#define K_ROWS(cond, order) \
	"SELECT p.person_id, " C_NAME ", " C_COMPANY ", " C_EMAIL ", " C_OWNER ", " \
	C_SOURCE ", " C_CAMPAIGN ", p.registered FROM (SELECT p.person_id AS id FROM person p " \
	"WHERE p.leadstatus_id = ?1 AND " cond " ORDER BY " order " LIMIT ?4) o " \
	"JOIN person p ON p.person_id = o.id LEFT JOIN contact k ON k.contact_id = p.contact_id " \
	"LEFT JOIN associate a ON a.associate_id = p.associate_id " FIRST_TOUCH "ORDER BY " order

#define NEWEST "p.registered DESC, p.person_id DESC"
#define OLDEST "p.registered ASC, p.person_id ASC"

/* A page is read in arms, each a range of one index (leadstatus_id,
 * registered, person_id) when there is one: the rest of the key's
 * registered, the registered beyond it, the contacts without one. With
 * ties (a whole import registered in the same second) and contacts
 * without a date, a single row-value comparison would scan from the
 * start of the tie. ?2 is the key's registered, ?3 its person_id. */
enum arm { F_SAME, F_OLDER, F_DATED, F_UNDATED, B_SAME, B_NEWER, B_DATED, B_UNDATED, ARMS };

#define ARM_SQL(ROWS) { \
	[F_SAME] = ROWS("p.registered = ?2 AND p.person_id < ?3", "p.person_id DESC"), \
	[F_OLDER] = ROWS("p.registered < ?2", NEWEST), \
	[F_DATED] = ROWS("p.registered IS NOT NULL", NEWEST), \
	[F_UNDATED] = ROWS("p.registered IS NULL AND p.person_id < ?3", "p.person_id DESC"), \
	[B_SAME] = ROWS("p.registered = ?2 AND p.person_id > ?3", "p.person_id ASC"), \
	[B_NEWER] = ROWS("p.registered > ?2", OLDEST), \
	[B_DATED] = ROWS("p.registered IS NOT NULL", OLDEST), \
	[B_UNDATED] = ROWS("p.registered IS NULL AND p.person_id > ?3", "p.person_id ASC"), \
}

/* [0]: filtered, or all rows at once (one sort that spills to disk, not a
 * materialized list of keys); [1]: a page of the unfiltered rows. */
static const char *const arm_sql[2][ARMS] = { ARM_SQL(C_ROWS), ARM_SQL(K_ROWS) };

/* The arms of a page, in order, ending with ARMS. */
static const enum arm *page_arms(const struct overview_key *key, int dir)
{
	static const enum arm first[] = { F_DATED, F_UNDATED, ARMS };
	static const enum arm after_dated[] = { F_SAME, F_OLDER, F_UNDATED, ARMS };
	static const enum arm after_undated[] = { F_UNDATED, ARMS };
	static const enum arm last[] = { B_UNDATED, B_DATED, ARMS };
	static const enum arm before_dated[] = { B_SAME, B_NEWER, ARMS };

	if (dir > 0)
		return !key ? first : key->registered ? after_dated : after_undated;
	/* Before an undated key: the undated ones after it, then all dated. */
	return !key || !key->registered ? last : before_dated;
}

static const char *text_or_empty(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	return s ? s : "";
}

/* A row of the contacts' statements (valid until the next step). */
static struct overview_contact read_contact(struct db_stmt *st)
{
	return (struct overview_contact){
		.person_id = db_col_int64(st, 0),
		.name = text_or_empty(st, 1),
		.company = text_or_empty(st, 2),
		.email = text_or_empty(st, 3),
		.owner = text_or_empty(st, 4),
		.source = text_or_empty(st, 5),
		.campaign = text_or_empty(st, 6),
		.registered = text_or_empty(st, 7),
		.undated = db_col_null(st, 7),
	};
}

enum la_status overview_contacts_page(struct db *db, int64_t status_id, const char *filter,
				      const struct overview_key *key, int dir, size_t limit,
				      overview_contact_fn fn, void *ctx, struct la_err *err)
{
	const enum arm *arms = page_arms(key, dir);
	char *folded = text_fold_filter(filter);
	size_t left = limit;
	bool stop = false;
	int rc = DB_DONE;

	for (; !stop && *arms != ARMS; arms++) {
		struct db_stmt *st = db_stmt(db, arm_sql[!folded && limit][*arms], err);

		if (!st) {
			free(folded);
			return LA_DB;
		}
		db_bind_int64(st, 1, status_id);
		if (key && key->registered)
			db_bind_text_copy(st, 2, key->registered);
		/* The undated arms start after the key, or at the end. */
		db_bind_int64(st, 3, key ? key->person_id : dir > 0 ? INT64_MAX : INT64_MIN);
		if (key && key->registered && (*arms == F_UNDATED || *arms == B_UNDATED))
			db_bind_int64(st, 3, dir > 0 ? INT64_MAX : INT64_MIN);
		db_bind_int64(st, 4, limit ? (int64_t)left : INT64_MAX);
		if (folded)
			db_bind_text_copy(st, 5, folded);
		while (!stop && (rc = db_step(st)) == DB_ROW) {
			struct overview_contact c = read_contact(st);

			stop = !fn(ctx, &c) || (limit && --left == 0);
		}
		db_reset(st);
		if (!stop && rc != DB_DONE)
			break;
	}
	free(folded);
	return stop || rc == DB_DONE ? LA_OK : db_fail(db, err, "person");
}

enum la_status overview_contacts_count(struct db *db, int64_t status_id, const char *filter,
				       const struct overview_key *before, size_t *n,
				       struct la_err *err)
{
	/* Before (?2, ?3) in the order: newer, or as new with a higher id. */
#define BEFORE "(?6 = 0 OR CASE WHEN CAST(?2 AS TEXT) IS NULL THEN p.registered IS NOT NULL OR " \
	"p.person_id > ?3 ELSE p.registered > ?2 OR (p.registered = ?2 AND p.person_id > ?3) END) "
	/* All of them: the kept count (see dim_sql), whatever their number;
	 * counting the index takes a time that grows with them. */
	static const char all_sql[] =
		"SELECT coalesce((SELECT contacts FROM lead_tally WHERE dim = 0 AND kind = 0 "
		"AND item = ?1 AND value = ''), 0)";
	/* Before a key, unfiltered: two ranges of the index
	 * person_leadstatus_registered (leadstatus_id, registered, and the
	 * id), counted in the index alone. Before a dated key (?2, ?3): the
	 * newer ones and those as new with a higher id; before an undated
	 * one (?2): all the dated ones and the undated with a higher id. */
	static const char before_dated_sql[] =
		"SELECT (SELECT count(*) FROM person WHERE leadstatus_id = ?1 AND registered > ?2) + "
		"(SELECT count(*) FROM person WHERE leadstatus_id = ?1 AND registered = ?2 "
		"AND person_id > ?3)";
	static const char before_undated_sql[] =
		"SELECT (SELECT count(*) FROM person WHERE leadstatus_id = ?1 "
		"AND registered IS NOT NULL) + (SELECT count(*) FROM person "
		"WHERE leadstatus_id = ?1 AND registered IS NULL AND person_id > ?2)";
	static const char filter_sql[] =
		"SELECT count(*) " C_JOINS "WHERE p.leadstatus_id = ?1 AND " BEFORE C_FILTER;
	char *folded = text_fold_filter(filter);
	struct db_stmt *st = db_stmt(db, folded ? filter_sql
				     : !before ? all_sql
				     : before->registered ? before_dated_sql : before_undated_sql,
				     err);
	int rc;

	*n = 0;
	if (!st) {
		free(folded);
		return LA_DB;
	}
	db_bind_int64(st, 1, status_id);
	if (!folded && before) {
		if (before->registered) {
			db_bind_text_copy(st, 2, before->registered);
			db_bind_int64(st, 3, before->person_id);
		} else {
			db_bind_int64(st, 2, before->person_id);
		}
	} else if (folded) {
		if (before && before->registered)
			db_bind_text_copy(st, 2, before->registered);
		db_bind_int64(st, 3, before ? before->person_id : 0);
		db_bind_text_copy(st, 5, folded);
		db_bind_int(st, 6, before != NULL);
	}
	if ((rc = db_step(st)) == DB_ROW)
		*n = (size_t)db_col_int64(st, 0);
	db_reset(st);
	free(folded);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, "person");
}

/* A contact held by overview_contacts_filter, its strings its own. */
struct held {
	struct overview_contact c;
	char *s[7];
};

/* The order of the contacts: > 0 when a is newer than b. */
static int newer(const struct overview_contact *a, const struct overview_contact *b)
{
	int cmp = a->undated != b->undated ? (a->undated ? -1 : 1)
		  : a->undated ? 0 : strcmp(a->registered, b->registered);

	return cmp ? cmp : (a->person_id > b->person_id) - (a->person_id < b->person_id);
}

static int newest_first(const void *a, const void *b)
{
	return newer(&((const struct held *)b)->c, &((const struct held *)a)->c);
}

static void held_free(struct held *h)
{
	for (int i = 0; i < 7; i++)
		free(h->s[i]);
}

static void held_set(struct held *h, const struct overview_contact *c)
{
	const char *from[7] = { c->name, c->company, c->email, c->owner, c->source,
				c->campaign, c->registered };

	for (int i = 0; i < 7; i++)
		h->s[i] = la_strdup(from[i]);
	h->c = (struct overview_contact){
		.person_id = c->person_id, .name = h->s[0], .company = h->s[1], .email = h->s[2],
		.owner = h->s[3], .source = h->s[4], .campaign = h->s[5], .registered = h->s[6],
		.undated = c->undated,
	};
}

/* A min-heap of the newest limit contacts seen: heap[0] is the oldest of
 * them, the one a newer contact replaces. */
struct top {
	struct held *heap;
	size_t n, limit;
};

static void sift_down(struct top *t, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < t->n && newer(&t->heap[m].c, &t->heap[l].c) > 0)
			m = l;
		if (r < t->n && newer(&t->heap[m].c, &t->heap[r].c) > 0)
			m = r;
		if (m == i)
			return;
		struct held x = t->heap[i];
		t->heap[i] = t->heap[m];
		t->heap[m] = x;
		i = m;
	}
}

static void top_add(struct top *t, const struct overview_contact *c)
{
	size_t i;

	if (t->n < t->limit) {
		held_set(&t->heap[i = t->n++], c);
		/* Up to its place. */
		while (i > 0 && newer(&t->heap[(i - 1) / 2].c, &t->heap[i].c) > 0) {
			struct held x = t->heap[i];
			t->heap[i] = t->heap[(i - 1) / 2];
			t->heap[(i - 1) / 2] = x;
			i = (i - 1) / 2;
		}
	} else if (t->limit && newer(c, &t->heap[0].c) > 0) {
		held_free(&t->heap[0]);
		held_set(&t->heap[0], c);
		sift_down(t, 0);
	}
}

enum la_status overview_contacts_filter(struct db *db, int64_t status_id, const char *filter,
					size_t limit, size_t *n, overview_contact_fn fn, void *ctx,
					struct la_err *err)
{
	/* Every match, in no order. */
	static const char sql[] =
		"SELECT p.person_id, " C_NAME ", " C_COMPANY ", " C_EMAIL ", " C_OWNER ", " C_SOURCE
		", " C_CAMPAIGN ", p.registered " C_JOINS "WHERE p.leadstatus_id = ?1 " C_FILTER;
	struct top t = { calloc(limit ? limit : 1, sizeof(struct held)), 0, limit };
	char *folded = text_fold_filter(filter);
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc = DB_DONE;

	*n = 0;
	if (!t.heap)
		abort();
	if (st) {
		db_bind_int64(st, 1, status_id);
		if (folded)
			db_bind_text_copy(st, 5, folded);
		while ((rc = db_step(st)) == DB_ROW) {
			struct overview_contact c = read_contact(st);

			++*n;
			top_add(&t, &c);
		}
		db_reset(st);
	}
	free(folded);
	qsort(t.heap, t.n, sizeof(*t.heap), newest_first);
	for (size_t i = 0; i < t.n; i++) {
		if (st && rc == DB_DONE && !fn(ctx, &t.heap[i].c))
			rc = DB_ROW; /* stopped: not an error */
		held_free(&t.heap[i]);
	}
	free(t.heap);
	if (!st)
		return LA_DB;
	return rc == DB_DONE || rc == DB_ROW ? LA_OK : db_fail(db, err, "person");
}

enum la_status overview_contacts_each(struct db *db, int64_t status_id, int passes,
				      void (*begin)(void *ctx, int pass),
				      overview_contact_fn fn, void *ctx, struct la_err *err)
{
	enum la_status rc;
	bool started;

	/* One read snapshot for both passes (see overview_load). */
	if ((rc = db_read_begin(db, &started, err)) != LA_OK)
		return rc;
	for (int pass = 0; rc == LA_OK && pass < passes; pass++) {
		if (begin)
			begin(ctx, pass);
		rc = overview_contacts_page(db, status_id, NULL, NULL, 1, 0, fn, ctx, err);
	}
	db_read_end(db, started);
	return rc;
}

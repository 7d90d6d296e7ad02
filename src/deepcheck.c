#include "config.h"
#include "deepcheck.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "grouping.h"
#include "i18n.h"
#include "lists.h"

/* The third column of the rule check: what the rule names that is gone,
 * and whether it is off (the query spells these numbers out). */
enum { RULE_CATEGORY_GONE = 1, RULE_STATUS_GONE = 2, RULE_OFF = 4, HAS_LEADS = 8 };

enum deepcheck_subject_kind {
	SUBJECT_NONE,       /* the finding as a whole */
	SUBJECT_CATEGORY,   /* a category_id */
	SUBJECT_RULE,       /* an automation rule's trigger_type */
	SUBJECT_USERGROUP,  /* a usergroup_id; its fix has no %s */
};

/* One row a check: its query gives (subject id, count) rows, only rows
 * with something found; fix is the command for one subject, with %s
 * where its name goes (as the shell reads it). */
struct deepcheck_def {
	const char *key;
	const char *label;                 /* N_() */
	const char *sql;
	enum deepcheck_subject_kind subject;
	bool (*applies)(struct db *db);    /* NULL: always */
	const char *fix;                   /* NULL: no command fixes it */
	const char *fix_leads;             /* instead of fix when the query's
					    * third column has HAS_LEADS */
	const char *no_fix;                /* N_(): what to do instead */
	bool (*first_when)(struct db *db); /* NULL: never; true: first_fix */
	const char *first_fix;             /* a command to run before the
					    * subjects' fixes, on a line of
					    * its own that counts nothing */
};

/* No user group that is not deleted: `visible-for ITEM all` would make
 * nothing visible, so one must be added first. */
static bool no_usergroup(struct db *db)
{
	struct la_err err;
	struct db_stmt *st;
	bool none = false;

	la_err_clear(&err);
	if (!(st = db_stmt(db, "SELECT NOT EXISTS (SELECT 1 FROM usergroup WHERE coalesce(deleted, 0) = 0)", &err)))
		return false;
	if (db_step(st) == DB_ROW)
		none = db_col_int(st, 0) != 0;
	db_reset(st);
	return none;
}

static const struct deepcheck_def checks[DEEP_CHECKS] = {
	[DEEP_FROZEN_LEAD_STATUS] = {
		"frozen_lead_status",
		N_("Contacts whose lead status is frozen because their category no longer uses lead status"),
		"SELECT k.category_idx, count(*) FROM person p "
		"JOIN contact k ON k.contact_id = p.contact_id "
		"JOIN category c ON c.category_id = k.category_idx "
		"WHERE p.leadstatus_id IS NOT NULL AND coalesce(c.enable_lead_status, 0) = 0 "
		/* A deleted category cannot be edited: "Companies of deleted
		 * categories" reports it, and moving them fixes both. */
		"AND coalesce(c.deleted, 0) = 0 "
		"GROUP BY k.category_idx ORDER BY min(c.rank), k.category_idx",
		SUBJECT_CATEGORY, NULL,
		/* Rule 7: frozen statuses can be intended. No --yes: the caution
		 * says what it changes (the group, the default status for the
		 * contacts without one) before anything is saved. */
		"leadadmin category edit %s --group potential-customer --lead-status", NULL, NULL,
	},
	[DEEP_LEAD_STATUS_OUTSIDE] = {
		"lead_status_outside_potential_customer",
		N_("Categories with lead status outside the group Potential customer (legacy data)"),
		/* Lead status off keeps the group the admin chose (rule 1), but
		 * would freeze the statuses of its contacts: with contacts
		 * that have a status it becomes a Potential customer instead. */
		"SELECT c.category_id, 1, CASE WHEN EXISTS (SELECT 1 FROM person p "
		"JOIN contact k ON k.contact_id = p.contact_id "
		"WHERE k.category_idx = c.category_id AND p.leadstatus_id IS NOT NULL) THEN 8 ELSE 0 END "
		"FROM category c "
		"WHERE c.enable_lead_status = 1 AND coalesce(c.category_group, 0) <> 2 "
		"ORDER BY c.rank, c.category_id",
		SUBJECT_CATEGORY, NULL,
		"leadadmin category edit %s --no-lead-status",
		"leadadmin category edit %s --group potential-customer", NULL,
	},
	[DEEP_RULE_DELETED_ITEM] = {
		"rule_names_deleted_item",
		N_("Lead categorization rules that name a deleted item"),
		"SELECT trigger_type, 1, CASE WHEN cat_gone THEN 1 ELSE 0 END + CASE WHEN status_gone THEN 2 ELSE 0 END + "
		"CASE WHEN enabled = 0 THEN 4 ELSE 0 END FROM (SELECT a.trigger_type, a.enabled, "
		"(a.default_category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM category c "
		"WHERE c.category_id = a.default_category AND coalesce(c.deleted, 0) = 0)) AS cat_gone, "
		"(a.leadstatus_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM leadstatus s "
		"WHERE s.leadstatus_id = a.leadstatus_id AND coalesce(s.deleted, 0) = 0)) AS status_gone "
		"FROM automated_category_update a) AS r WHERE cat_gone OR status_gone ORDER BY trigger_type",
		SUBJECT_RULE, NULL,
		/* A rule that names a deleted item cannot be saved, not even off,
		 * until it names another: an off rule gets it while it stays off. */
		"leadadmin automation set %s", NULL, NULL,
	},
	[DEEP_UNREACHABLE] = {
		"unreachable_category",
		N_("Categories that no user group may see while grouping and filtering is on"),
		"SELECT category_id, 1 FROM (" GROUPING_UNREACHABLE_SQL ") AS u",
		SUBJECT_CATEGORY, grouping_on,
		"leadadmin category visible-for %s all", NULL, NULL,
		no_usergroup, "leadadmin usergroup add NAME",
	},
	[DEEP_PERSON_COMPANY_MISSING] = {
		/* A person with no company (NULL or SuperOffice's 0) is a lead
		 * like any other - a web form without a company name makes one,
		 * and the lead overview counts it under "(no company)"; only a
		 * company that is not there is a defect. */
		"person_company_missing",
		N_("Persons whose company is not there"),
		"SELECT 0, count(*) FROM person p WHERE coalesce(p.contact_id, 0) <> 0 AND NOT EXISTS "
		"(SELECT 1 FROM contact k WHERE k.contact_id = p.contact_id) HAVING count(*) > 0",
		SUBJECT_NONE, NULL,
		NULL, NULL, N_("No leadadmin command gives a person a company: give each one an existing company in the CRM, or none."),
	},
	[DEEP_COMPANY_DELETED_CATEGORY] = {
		"company_of_deleted_category",
		N_("Companies of deleted categories"),
		"SELECT c.category_id, count(*) FROM contact k "
		"JOIN category c ON c.category_id = k.category_idx "
		"WHERE coalesce(c.deleted, 0) = 1 GROUP BY c.category_id ORDER BY min(c.rank), c.category_id",
		SUBJECT_CATEGORY, NULL,
		"leadadmin category delete %s --move-to OTHER", NULL, NULL,
	},
	[DEEP_DISTRIBUTE_DELETED_GROUP] = {
		"distribute_deleted_group",
		N_("Distribute to owner names a deleted user group"),
		/* New leads then get no owner (or all go to the fallback). */
		"SELECT CAST(g.value AS INTEGER), 1 FROM setting m "
		"JOIN setting g ON g.key = 'marketing.distribute_group_id' "
		"WHERE m.key = 'marketing.distribute_mode' AND CAST(m.value AS INTEGER) = 2 "
		"AND NOT EXISTS (SELECT 1 FROM usergroup u "
		"WHERE u.usergroup_id = CAST(g.value AS INTEGER) AND coalesce(u.deleted, 0) = 0)",
		SUBJECT_USERGROUP, NULL,
		"leadadmin marketing set --group OTHER", NULL, NULL,
	},
};

const char *deepcheck_key(enum deepcheck_kind k)
{
	return k < DEEP_CHECKS ? checks[k].key : "";
}

const char *deepcheck_label(enum deepcheck_kind k)
{
	return k < DEEP_CHECKS ? _(checks[k].label) : "";
}

const char *deepcheck_no_fix(enum deepcheck_kind k)
{
	return k < DEEP_CHECKS && checks[k].no_fix ? _(checks[k].no_fix) : NULL;
}

/* A category's name (as shown) for the comment after its fix: on one
 * line, control characters as '?' (the shell reads a comment up to the
 * line's end). */
static char *comment_name(const char *name)
{
	char *out = strdup(name);

	if (!out)
		abort();
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

/* The command that fixes one subject of check d (caller frees), or NULL;
 * flags: the rule check's third column. A category is named by its id
 * (a name can have a twin, start with '-' or hold a control character),
 * its name follows as a shell comment. */
static char *subject_fix(struct db *db, const struct deepcheck_def *d, int64_t id,
			 int flags, struct la_err *err, enum la_status *rc)
{
	char *word, *fix = NULL, *note = NULL;

	*rc = LA_OK;
	if (!d->fix)
		return NULL;
	if (d->subject == SUBJECT_USERGROUP) {
		struct la_item it;
		struct la_err none;
		char b[LISTS_SHOWN_MAX], *shown = NULL;

		/* The group's name as a comment, when its row is still there. */
		la_err_clear(&none);
		if (lists_get(db, LIST_USERGROUP, id, &it, &none) == LA_OK) {
			shown = comment_name(lists_shown(it.name, b, sizeof b));
			lists_item_clear(&it);
		}
		if (asprintf(&fix, "%s%s%s", d->fix, shown ? "  # " : "", shown ? shown : "") < 0)
			abort();
		free(shown);
		return fix;
	}
	if (d->subject == SUBJECT_RULE) {
		word = strdup(automation_trigger_word((enum auto_trigger)id));
	} else {
		struct la_item it;
		char b[LISTS_SHOWN_MAX], *shown;

		if ((*rc = lists_get(db, LIST_CATEGORY, id, &it, err)) != LA_OK)
			return NULL;
		shown = comment_name(lists_shown(it.name, b, sizeof b));
		lists_item_clear(&it);
		if (asprintf(&word, "--id %" PRId64, id) < 0 || asprintf(&note, "  # %s", shown) < 0)
			abort();
		free(shown);
	}
	if (!word)
		abort();
	const char *tmpl = flags & HAS_LEADS && d->fix_leads ? d->fix_leads : d->fix;
	const char *at = strstr(tmpl, "%s");

	if (asprintf(&fix, "%.*s%s%s%s%s%s%s", (int)(at - tmpl), tmpl, word,
		     flags & RULE_OFF ? " off" : "", at + 2,
		     flags & RULE_CATEGORY_GONE ? " --category OTHER" : "",
		     flags & RULE_STATUS_GONE ? " --status STATUS" : "",
		     note ? note : "") < 0)
		abort();
	free(word);
	free(note);
	return fix;
}

static enum la_status run_one(struct db *db, enum deepcheck_kind k,
			      struct deepcheck_finding *f, struct la_err *err)
{
	const struct deepcheck_def *d = &checks[k];
	struct db_stmt *st;
	enum la_status rc = LA_OK;
	int step;

	f->kind = k;
	if (d->applies && !d->applies(db))
		return LA_OK;
	if (!(st = db_stmt(db, d->sql, err)))
		return LA_DB;
	while ((step = db_step(st)) == DB_ROW) {
		struct deepcheck_subject *s;
		void *grown = realloc(f->v, (f->n + 1) * sizeof *f->v);

		if (!grown)
			abort();
		f->v = grown;
		s = &f->v[f->n++];
		s->id = db_col_int64(st, 0);
		s->count = (long)db_col_int64(st, 1);
		s->fix = NULL;
		f->count += s->count;
		s->fix = subject_fix(db, d, s->id, db_col_count(st) > 2 ? db_col_int(st, 2) : 0, err, &rc);
		if (rc != LA_OK)
			break;
	}
	if (rc == LA_OK && step != DB_DONE)
		rc = db_fail(db, err, d->key);
	db_reset(st);
	if (rc == LA_OK && f->n && d->first_when && d->first_when(db)) {
		void *grown = realloc(f->v, (f->n + 1) * sizeof *f->v);

		if (!grown)
			abort();
		f->v = grown;
		memmove(f->v + 1, f->v, f->n++ * sizeof *f->v);
		f->v[0] = (struct deepcheck_subject){ 0, 0, strdup(d->first_fix) };
		if (!f->v[0].fix)
			abort();
	}
	return rc;
}

enum la_status deepcheck_run(struct db *db, struct deepcheck_report *out,
			     struct la_err *err)
{
	memset(out, 0, sizeof *out);
	for (int k = 0; k < DEEP_CHECKS; k++) {
		if (run_one(db, (enum deepcheck_kind)k, &out->f[k], err) != LA_OK) {
			deepcheck_free(out);
			return LA_DB;
		}
		out->found += out->f[k].count > 0;
	}
	return LA_OK;
}

void deepcheck_free(struct deepcheck_report *r)
{
	for (int k = 0; k < DEEP_CHECKS; k++) {
		for (size_t i = 0; i < r->f[k].n; i++)
			free(r->f[k].v[i].fix);
		free(r->f[k].v);
		r->f[k].v = NULL;
		r->f[k].n = 0;
		r->f[k].count = 0;
	}
	r->found = 0;
}

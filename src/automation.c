#include "config.h"
#include "automation.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "leads.h"
#include "jsonread.h"
#include "lists.h"
#include "submit.h"
#include "text.h"

#define NOW "strftime('%Y-%m-%d %H:%M:%S', 'now')"

static const struct {
	const char *word, *key, *label;
} triggers[AUTO_COUNT] = {
	{ "sale-registered", "sale_registered", N_("Update category when a sale is registered with the company") },
	{ "sale-sold", "sale_sold", N_("Update category when a sale is sold") },
	{ "sale-lost", "sale_lost", N_("Update category when a sale is lost") },
	{ "lead-status", "lead_status", N_("Update category when a lead status is set to") },
};

static bool trigger_ok(enum auto_trigger t)
{
	return t >= AUTO_SALE_REGISTERED && t <= AUTO_LEAD_STATUS;
}

const char *automation_trigger_word(enum auto_trigger t)
{
	return trigger_ok(t) ? triggers[t - 1].word : "";
}

const char *automation_trigger_key(enum auto_trigger t)
{
	return trigger_ok(t) ? triggers[t - 1].key : "";
}

const char *automation_trigger_label(enum auto_trigger t)
{
	return trigger_ok(t) ? triggers[t - 1].label : "";
}

bool automation_trigger_parse(const char *s, enum auto_trigger *t)
{
	for (int i = 0; i < AUTO_COUNT; i++) {
		if (strcmp(s, triggers[i].word) == 0 || strcmp(s, triggers[i].key) == 0) {
			*t = (enum auto_trigger)(i + 1);
			return true;
		}
	}
	return false;
}

enum la_status automation_load(struct db *db, struct auto_rule rules[AUTO_COUNT],
			       struct la_err *err)
{
	static const char sql[] =
		"SELECT trigger_type, enabled, coalesce(default_category, 0), "
		"coalesce(leadstatus_id, 0), user_confirmation, updatedCount "
		"FROM automated_category_update WHERE trigger_type BETWEEN 1 AND 4";
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	for (int i = 0; i < AUTO_COUNT; i++)
		rules[i] = (struct auto_rule){ .trigger = (enum auto_trigger)(i + 1) };
	if (!st)
		return LA_DB;
	while ((rc = db_step(st)) == DB_ROW) {
		struct auto_rule *r = &rules[db_col_int(st, 0) - 1];

		r->enabled = db_col_int(st, 1) != 0;
		r->category_id = db_col_int64(st, 2);
		r->leadstatus_id = db_col_int64(st, 3);
		r->confirm = db_col_int(st, 4) != 0;
		r->updated_count = db_col_int64(st, 5);
	}
	db_reset(st);
	return rc == DB_DONE ? LA_OK : db_fail(db, err, "automated_category_update");
}

/* 1: the row exists and is not deleted; 0: it is deleted; -1: none. */
static int item_state(struct db *db, const char *sql, int64_t id)
{
	struct db_stmt *st = db_stmt(db, sql, NULL);
	int state = -1;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW)
		state = db_col_int(st, 0) == 0;
	db_reset(st);
	return state;
}

static int category_state(struct db *db, int64_t id)
{
	return item_state(db, "SELECT deleted FROM category WHERE category_id = ?", id);
}

static int status_state(struct db *db, int64_t id)
{
	return item_state(db, "SELECT deleted FROM leadstatus WHERE leadstatus_id = ?", id);
}

enum la_status automation_check(struct db *db, const struct auto_rule *r,
				struct la_err *err)
{
	const char *label = _(automation_trigger_label(r->trigger));

	if (!trigger_ok(r->trigger))
		return la_fail(err, LA_USAGE, LA_FIELD_NONE, "unknown trigger %d", (int)r->trigger);
	if (r->trigger != AUTO_LEAD_STATUS && r->leadstatus_id)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("%s: only the lead-status rule names a lead status"), label);
	if (r->enabled && !r->category_id)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("%s: an enabled rule needs a category to set (Set category to); nothing was saved"),
			       label);
	if (r->category_id && category_state(db, r->category_id) != 1)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("%s: the category to set must be a category that is not deleted"), label);
	if (r->enabled && r->trigger == AUTO_LEAD_STATUS && !r->leadstatus_id)
		return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS,
			       _("%s: the rule needs the lead status that triggers it"), label);
	if (r->leadstatus_id && status_state(db, r->leadstatus_id) != 1)
		return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS,
			       _("%s: the lead status must be a status that is not deleted"), label);
	return LA_OK;
}

/* The name of item id of table ("category" or "leadstatus"), or NULL. */
static char *name_of(struct db *db, bool category, int64_t id)
{
	struct db_stmt *st = db_stmt(db, category ? "SELECT name FROM category WHERE category_id = ?"
					       : "SELECT name FROM leadstatus WHERE leadstatus_id = ?",
				   NULL);
	char *name = NULL;

	if (!st || !id)
		return NULL;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW && !(name = strdup(db_col_text(st, 0))))
		abort();
	db_reset(st);
	return name;
}

/* "key":"name" (or null) into b. */
static void add_name(struct jbuf *b, struct db *db, const char *key, bool category, int64_t id)
{
	char *name = name_of(db, category, id);

	jbuf_addf(b, "\"%s\": ", key);
	if (name)
		jbuf_string(b, name);
	else
		jbuf_add(b, "null");
	free(name);
}

static char *rule_json(struct db *db, const struct auto_rule *r)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_addf(&b, "{\"trigger\":\"%s\",\"enabled\":%s,", automation_trigger_key(r->trigger),
		  r->enabled ? "true" : "false");
	add_name(&b, db, "category", true, r->category_id);
	if (r->trigger == AUTO_LEAD_STATUS) {
		jbuf_add(&b, ",");
		add_name(&b, db, "leadstatus", false, r->leadstatus_id);
	}
	jbuf_addf(&b, ",\"confirm\":%s}", r->confirm ? "true" : "false");
	return jbuf_take(&b);
}

enum la_status automation_json(struct db *db, struct jbuf *b, struct la_err *err)
{
	struct auto_rule rules[AUTO_COUNT];
	enum la_status rc = automation_load(db, rules, err);

	if (rc != LA_OK)
		return rc;
	jbuf_add(b, "[");
	for (int i = 0; i < AUTO_COUNT; i++) {
		const struct auto_rule *r = &rules[i];

		jbuf_addf(b, "%s{\"trigger\": \"%s\", \"enabled\": %s, ", i ? ", " : "",
			  automation_trigger_key(r->trigger), r->enabled ? "true" : "false");
		add_name(b, db, "category", true, r->category_id);
		jbuf_add(b, ", ");
		add_name(b, db, "leadstatus", false, r->leadstatus_id);
		jbuf_addf(b, ", \"confirm\": %s}", r->confirm ? "true" : "false");
	}
	jbuf_add(b, "]");
	return LA_OK;
}

static bool rule_same(const struct auto_rule *a, const struct auto_rule *b)
{
	return a->enabled == b->enabled && a->category_id == b->category_id &&
	       a->leadstatus_id == b->leadstatus_id && a->confirm == b->confirm;
}

static enum la_status save_rule(struct db *db, const struct la_actor *actor,
				const struct auto_rule *old, const struct auto_rule *r,
				struct la_err *err)
{
	static const char sql[] =
		"UPDATE automated_category_update SET enabled = ?2, default_category = ?3, "
		"user_confirmation = ?4, leadstatus_id = ?5, updated = " NOW ", "
		"updated_associate_id = ?6, updatedCount = updatedCount + 1 WHERE trigger_type = ?1";
	struct db_stmt *st;
	char *before, *after;
	enum la_status rc;

	if (old->updated_count != r->updated_count)
		return la_fail(err, LA_STALE, LA_FIELD_NONE,
			       _("%s: the rule was changed by someone else since you opened it; nothing was saved."),
			       _(automation_trigger_label(r->trigger)));
	if ((rc = automation_check(db, r, err)) != LA_OK)
		return rc;
	if (!(st = db_stmt(db, sql, err)))
		return LA_DB;
	db_bind_int(st, 1, (int)r->trigger);
	db_bind_int(st, 2, r->enabled);
	db_bind_id(st, 3, r->category_id);
	db_bind_int(st, 4, r->confirm);
	db_bind_id(st, 5, r->leadstatus_id);
	db_bind_id(st, 6, actor->associate_id);
	if ((rc = db_step_done(db, st, "automated_category_update", err)) != LA_OK)
		return rc;
	before = rule_json(db, old);
	after = rule_json(db, r);
	rc = audit_write(db, actor, "automated_category_update", r->trigger, "edit", before, after, err);
	free(before);
	free(after);
	return rc;
}

enum la_status automation_save(struct db *db, const struct la_actor *actor,
			       struct auto_rule rules[AUTO_COUNT], struct la_err *err)
{
	struct auto_rule old[AUTO_COUNT];
	bool changed[AUTO_COUNT] = { false };
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	if ((rc = rights_check_lists(db, actor, err)) != LA_OK ||
	    (rc = automation_load(db, old, err)) != LA_OK)
		goto out;
	/* A changed rule is checked whole (save_rule). Every enabled rule,
	 * changed or not, needs its category: SuperOffice's Save waits until
	 * each has one. A rule left as it was is not judged for the deleted
	 * items it names: that is already so in the database, setup-check
	 * --deep reports it, and refusing would block the very commands that
	 * fix the other rules one by one. */
	for (int i = 0; i < AUTO_COUNT; i++)
		if (rules[i].enabled && !rules[i].category_id &&
		    (rc = automation_check(db, &rules[i], err)) != LA_OK)
			goto out;
	for (int i = 0; i < AUTO_COUNT; i++) {
		if (rule_same(&old[i], &rules[i]))
			continue;
		if ((rc = save_rule(db, actor, &old[i], &rules[i], err)) != LA_OK)
			goto out;
		changed[i] = true;
	}
	if ((rc = db_commit(db, err)) != LA_OK)
		goto out;
	for (int i = 0; i < AUTO_COUNT; i++)
		rules[i].updated_count += changed[i];
	return LA_OK;
out:
	db_rollback(db);
	return rc;
}

/* The id of the item that member key of o names (null or missing: 0). */
static enum la_status import_name(struct db *db, const json_t *o, const char *key,
				  enum la_list list, int64_t *id, struct la_err *err)
{
	const json_t *v = json_object_get(o, key);
	struct la_item it = { .name = NULL };
	enum la_status rc;

	*id = 0;
	if (!v || json_is_null(v))
		return LA_OK;
	if (!json_is_string(v))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, _("automation: \"%s\" must be a name or null"), key);
	if ((rc = lists_find(db, list, json_string_value(v), &it, err)) != LA_OK)
		return rc;
	*id = it.id;
	lists_item_clear(&it);
	return LA_OK;
}

enum la_status automation_import(struct db *db, const struct la_actor *actor,
				 const struct json_t *array, struct la_err *err)
{
	struct auto_rule rules[AUTO_COUNT];
	enum la_status rc;
	size_t i;
	const json_t *o;

	if (!json_is_array(array))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE, "%s", _("\"automation\" must be a list"));
	if ((rc = automation_load(db, rules, err)) != LA_OK)
		return rc;
	json_array_foreach(array, i, o) {
		const json_t *t = json_object_get(o, "trigger");
		enum auto_trigger trigger;
		struct auto_rule *r;
		const char *key;
		json_t *v;

		if (!json_is_object(o) || !json_is_string(t) ||
		    !automation_trigger_parse(json_string_value(t), &trigger))
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				       _("automation[%zu]: \"trigger\" must be sale_registered, sale_sold, sale_lost or lead_status"),
				       i);
		json_object_foreach((json_t *)o, key, v) {
			if (strcmp(key, "trigger") && strcmp(key, "enabled") && strcmp(key, "category") &&
			    strcmp(key, "leadstatus") && strcmp(key, "confirm"))
				return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
					       _("automation[%zu]: %s: unknown key"), i, key);
		}
		r = &rules[trigger - 1];
		r->enabled = json_is_true(json_object_get(o, "enabled"));
		r->confirm = json_is_true(json_object_get(o, "confirm"));
		if ((rc = import_name(db, o, "category", LIST_CATEGORY, &r->category_id, err)) != LA_OK ||
		    (rc = import_name(db, o, "leadstatus", LIST_LEADSTATUS, &r->leadstatus_id, err)) != LA_OK)
			return rc;
	}
	return automation_save(db, actor, rules, err);
}

enum la_status automation_find_person(struct db *db, const char *key, int64_t *id,
				      struct la_err *err)
{
	/* The index email_address_lower; min() takes the first person
	 * without sorting. */
	static const char by_email[] =
		"SELECT min(person_id) FROM email WHERE lower(email_address) = lower(?) "
		"AND person_id IS NOT NULL";
	static const char by_id[] = "SELECT person_id FROM person WHERE person_id = ?";
	const char *digits = strncmp(key, "id:", 3) == 0 ? key + 3 : key;
	char *end;
	long long n = strtoll(digits, &end, 10);
	bool numeric = *digits && !*end && n > 0;
	struct db_stmt *st;

	*id = 0;
	if (strchr(key, '@') || !numeric) {
		if (!(st = db_stmt(db, by_email, err)))
			return LA_DB;
		db_bind_text(st, 1, key);
	} else {
		if (!(st = db_stmt(db, by_id, err)))
			return LA_DB;
		db_bind_int64(st, 1, n);
	}
	if (db_step(st) == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (!*id)
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			       _("There is no contact person with the e-mail address or id '%s'"), key);
	return LA_OK;
}

/* The person, its company and what the company's category is. */
struct person_row {
	int64_t status, contact, category;
	int group;
	bool lead_status;   /* the category has lead status on */
};

/* The names a "would move" message shows: the company of p, its category
 * now and the category it would get ("" for one that is gone). */
struct move_names {
	char *company, *from, *to;
};

static char *or_empty(char *s)
{
	if (!s && !(s = strdup("")))
		abort();
	return s;
}

static void move_names_read(struct db *db, const struct person_row *p, int64_t to,
			    struct move_names *n)
{
	struct db_stmt *st = db_stmt(db, "SELECT name FROM contact WHERE contact_id = ?", NULL);

	n->company = NULL;
	if (st) {
		db_bind_int64(st, 1, p->contact);
		if (db_step(st) == DB_ROW &&
		    !(n->company = strdup(db_col_text(st, 0))))
			abort();
		db_reset(st);
	}
	n->company = or_empty(n->company);
	n->from = or_empty(name_of(db, true, p->category));
	n->to = or_empty(name_of(db, true, to));
}

static void move_names_free(struct move_names *n)
{
	free(n->company);
	free(n->from);
	free(n->to);
}

static enum la_status read_person(struct db *db, int64_t id, struct person_row *p,
				  struct la_err *err)
{
	static const char sql[] =
		"SELECT coalesce(p.leadstatus_id, 0), coalesce(k.contact_id, 0), "
		"coalesce(k.category_idx, 0), coalesce(c.category_group, 0), "
		"coalesce(c.enable_lead_status, 0) FROM person p "
		"LEFT JOIN contact k ON k.contact_id = p.contact_id "
		"LEFT JOIN category c ON c.category_id = k.category_idx WHERE p.person_id = ?";
	struct db_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		p->status = db_col_int64(st, 0);
		p->contact = db_col_int64(st, 1);
		p->category = db_col_int64(st, 2);
		p->group = db_col_int(st, 3);
		p->lead_status = db_col_int(st, 4) != 0;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			       _("There is no contact person with id %" PRId64), id);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, "person");
}

static enum la_status step_update(struct db *db, const char *sql, int64_t id, int64_t value,
				  struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, id);
	db_bind_id(st, 2, value);
	return db_step_done(db, st, "person", err);
}

static enum la_status audit_names(struct db *db, const struct la_actor *actor,
				  const char *list, int64_t item, const char *action,
				  bool category, int64_t old_id, int64_t new_id,
				  const char *extra, struct la_err *err)
{
	const char *key = category ? "category" : "leadstatus";
	struct jbuf o, n;
	char *ov, *nv;
	enum la_status rc;

	jbuf_init(&o);
	jbuf_init(&n);
	jbuf_add(&o, "{");
	add_name(&o, db, key, category, old_id);
	jbuf_add(&o, "}");
	jbuf_add(&n, "{");
	add_name(&n, db, key, category, new_id);
	if (extra)
		jbuf_add(&n, extra);
	jbuf_add(&n, "}");
	ov = jbuf_take(&o);
	nv = jbuf_take(&n);
	rc = audit_write(db, actor, list, item, action, ov, nv, err);
	free(ov);
	free(nv);
	return rc;
}

/* The one rule function: whether rule r moves the company p describes,
 * and where to. The lead-status rule fires for its status (status), a
 * sale rule for its event; either only for a company in a category of
 * Potential customer (and, for the lead-status rule, with lead status
 * on). *suggested is the rule's category, or 0 and *why_not says why. */
static void match_rule(struct db *db, const struct auto_rule *r, int64_t status,
		       const struct person_row *p, int64_t *suggested, const char **why_not)
{
	bool lead = r->trigger == AUTO_LEAD_STATUS;

	*suggested = 0;
	*why_not = NULL;
	if (!r->enabled)
		*why_not = lead ? NULL : N_("the rule for this event is off");
	else if (lead && r->leadstatus_id != status)
		return;
	else if (!p->contact)
		*why_not = N_("the contact has no company");
	else if (p->group != 2 || (lead && !p->lead_status))
		*why_not = lead ? N_("the company's category is not a Potential customer category with lead status on")
				: N_("the company's category is not a Potential customer category");
	else if (category_state(db, r->category_id) != 1)
		*why_not = N_("the rule's category is deleted");
	else if (r->category_id == p->category)
		*why_not = N_("the company is in the rule's category already");
	else
		*suggested = r->category_id;
}

/* Moves the company of p to category to, as rule r asked, with the
 * audit row that names the rule; extra adds members to its new value. */
static enum la_status apply_rule(struct db *db, const struct la_actor *actor,
				 const struct auto_rule *r, const struct person_row *p,
				 int64_t to, bool chosen, const char *extra,
				 struct la_err *err)
{
	struct jbuf b;
	char *more;
	enum la_status rc;

	if ((rc = leads_company_set_category(db, p->contact, to, NULL, err)) != LA_OK)
		return rc;
	jbuf_init(&b);
	jbuf_addf(&b, ",\"rule\":\"%s\",\"rule_id\":%d", automation_trigger_key(r->trigger),
		  (int)r->trigger);
	if (extra)
		jbuf_add(&b, extra);
	jbuf_addf(&b, ",\"chosen\":%s", chosen ? "true" : "false");
	more = jbuf_take(&b);
	rc = audit_names(db, actor, "contact", p->contact, "auto-category", true,
			 p->category, to, more, err);
	free(more);
	return rc;
}

enum la_status automation_lead_set_status(struct db *db, const struct la_actor *actor,
					  int64_t person_id, int64_t status_id, bool yes,
					  int64_t category, struct auto_outcome *out,
					  struct la_err *err)
{
	static const char set_sql[] =
		"UPDATE person SET leadstatus_id = ?2, updated = " NOW " WHERE person_id = ?1";
	struct auto_rule rules[AUTO_COUNT];
	struct person_row p = { .status = 0 };
	enum la_status rc;
	char extra[160];

	*out = (struct auto_outcome){ .person_id = person_id, .new_status = status_id };
	if ((rc = db_begin(db, err)) != LA_OK)
		return rc;
	if (!actor->associate_id || !actor->active) {
		rc = la_fail(err, LA_DENIED, LA_FIELD_NONE,
			     _("Only an active user of this CRM database sets lead statuses; '%s' is not one"),
			     actor->login);
		goto out;
	}
	if ((rc = read_person(db, person_id, &p, err)) != LA_OK)
		goto out;
	out->contact_id = p.contact;
	out->old_status = p.status;
	out->old_category = p.category;
	if (status_state(db, status_id) != 1) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("The lead status must be a status that is not deleted"));
		goto out;
	}
	/* Rule 7: in a category with lead status off it is not editable. */
	if (p.contact && p.category && !p.lead_status) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("The company's category does not use lead status, so the contact's lead status cannot be set there; nothing was changed"));
		goto out;
	}
	if (p.status == status_id) {
		db_rollback(db);
		return LA_OK;
	}
	if ((rc = automation_load(db, rules, err)) != LA_OK)
		goto out;
	match_rule(db, &rules[AUTO_LEAD_STATUS - 1], status_id, &p, &out->suggested, &out->why_not);
	if (category && !out->suggested) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("No lead categorization rule applies to this change, so there is no category to choose; nothing was changed"));
		goto out;
	}
	if (category && category_state(db, category) != 1) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("The category to set must be a category that is not deleted"));
		goto out;
	}
	if (out->suggested && rules[AUTO_LEAD_STATUS - 1].confirm && !yes && !category) {
		char *status = name_of(db, false, status_id);
		struct move_names n;

		move_names_read(db, &p, out->suggested, &n);
		rc = la_fail(err, LA_CONFIRM, LA_FIELD_NONE,
			     _("Setting the lead status to '%s' would move the company '%s' from '%s' to '%s' (rule: %s '%s'; it asks for confirmation). Choose another category with --category ITEM."),
			     status ? status : "", n.company, n.from, n.to,
			     _(automation_trigger_label(AUTO_LEAD_STATUS)), status ? status : "");
		err->companies = 1;
		move_names_free(&n);
		free(status);
		goto out;
	}
	if ((rc = step_update(db, set_sql, person_id, status_id, err)) != LA_OK ||
	    (rc = audit_names(db, actor, "person", person_id, "set-status", false, p.status,
			      status_id, NULL, err)) != LA_OK)
		goto out;
	out->status_changed = true;
	if (out->suggested) {
		int64_t to = category ? category : out->suggested;

		snprintf(extra, sizeof(extra), ",\"person_id\":%" PRId64, person_id);
		if ((rc = apply_rule(db, actor, &rules[AUTO_LEAD_STATUS - 1], &p, to,
				     category != 0, extra, err)) != LA_OK)
			goto out;
		out->new_category = to;
	}
	if ((rc = db_commit(db, err)) == LA_OK)
		return LA_OK;
out:
	db_rollback(db);
	out->status_changed = false;
	out->new_category = 0;
	return rc;
}

/* ---- Sale events: the CRM's sales, as JSON lines */

struct sale_event {
	char key[SUBMIT_KEY_BYTES], sale[SUBMIT_KEY_BYTES];
	enum auto_trigger trigger;
	int64_t company_id;    /* "company" as a number */
	const char *company;   /* "company" as a name, in o */
	char when[20];
};

static bool event_reject(struct event_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool event_reject(struct event_result *res, const char *fmt, ...)
{
	va_list ap;

	res->outcome = EVENT_REJECTED;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
	return false;
}

/* Reads and checks an event (o holds the text of its company name). */
static bool event_parse(json_t *o, struct sale_event *e, struct event_result *res)
{
	const json_t *c = json_object_get(o, "company"), *w = json_object_get(o, "when");
	const char *ev = json_string_value(json_object_get(o, "event"));
	time_t now;
	struct tm tm;

	if (!json_is_object(o))
		return event_reject(res, "%s", _("a sale event must be a JSON object"));
	if (!submit_read_key(json_object_get(o, "id"), e->key))
		return event_reject(res, "%s", _("\"id\" is missing or not a short text or number"));
	if (!submit_read_key(json_object_get(o, "sale"), e->sale))
		return event_reject(res, "%s", _("\"sale\" is missing or not a short text or number"));
	if (ev && strcmp(ev, "registered") == 0)
		e->trigger = AUTO_SALE_REGISTERED;
	else if (ev && strcmp(ev, "sold") == 0)
		e->trigger = AUTO_SALE_SOLD;
	else if (ev && strcmp(ev, "lost") == 0)
		e->trigger = AUTO_SALE_LOST;
	else
		return event_reject(res, "%s", _("\"event\" is missing or not one of registered, sold, lost"));
	if (json_is_integer(c) && json_integer_value(c) > 0) {
		e->company_id = json_integer_value(c);
	} else if (json_is_string(c) && *json_string_value(c) &&
		   !text_has_control(json_string_value(c))) {
		e->company = json_string_value(c);
	} else {
		return event_reject(res, "%s", _("\"company\" is missing or not a company's id (a number) or name (a text)"));
	}
	if (w && !json_is_null(w)) {
		if (!json_is_string(w) || !submit_parse_time(json_string_value(w), e->when))
			return event_reject(res, _("\"%s\" is not an ISO 8601 time"), "when");
	} else {
		now = time(NULL);
		strftime(e->when, sizeof(e->when), "%Y-%m-%d %H:%M:%S", gmtime_r(&now, &tm));
	}
	return true;
}

/* The company of the event: its category as read_person reads it. */
static enum la_status read_company(struct db *db, const struct sale_event *e,
				   struct person_row *p, struct la_err *err)
{
	static const char sql[] =
		"SELECT k.contact_id, coalesce(k.category_idx, 0), coalesce(c.category_group, 0), "
		"coalesce(c.enable_lead_status, 0) FROM contact k "
		"LEFT JOIN category c ON c.category_id = k.category_idx "
		"WHERE k.contact_id = (SELECT CASE WHEN ?1 > 0 THEN ?1 ELSE "
		"(SELECT min(contact_id) FROM contact WHERE la_name_key = ?2 "
		"OR (la_name_key IS NULL AND la_fold(name) = ?2)) END)";
	struct db_stmt *st = db_stmt(db, sql, err);
	char *key;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!st)
		return LA_DB;
	/* The company's name as its key (rule 2), made here for every engine. */
	key = text_fold(e->company ? e->company : "");
	db_bind_int64(st, 1, e->company_id);
	db_bind_text_copy(st, 2, key);
	free(key);
	if ((rc = db_step(st)) == DB_ROW) {
		p->contact = db_col_int64(st, 0);
		p->category = db_col_int64(st, 1);
		p->group = db_col_int(st, 2);
		p->lead_status = db_col_int(st, 3) != 0;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(db, err, "contact");
}

static enum la_status event_seen(struct db *db, const char *key, bool *seen, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, "SELECT 1 FROM sale_event WHERE event_key = ?", err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_text(st, 1, key);
	rc = db_step(st);
	*seen = rc == DB_ROW;
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? LA_OK : db_fail(db, err, "sale_event");
}

static enum la_status event_record(struct db *db, const struct la_actor *actor,
				   const struct sale_event *e, const struct event_result *res,
				   struct la_err *err)
{
	static const char sql[] =
		"INSERT INTO sale_event (event_key, sale_key, contact_id, trigger_type, happened, "
		"associate_id, old_category, new_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	struct db_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	db_bind_text(st, 1, e->key);
	db_bind_text(st, 2, e->sale);
	db_bind_int64(st, 3, res->contact_id);
	db_bind_int(st, 4, (int)e->trigger);
	db_bind_text(st, 5, e->when);
	db_bind_int64(st, 6, actor->associate_id);
	db_bind_id(st, 7, res->old_category);
	db_bind_id(st, 8, res->new_category);
	return db_step_done(db, st, "sale_event", err);
}

static enum la_status event_denied(const struct la_actor *actor, struct la_err *err)
{
	if (actor->associate_id && actor->active)
		return LA_OK;
	return la_fail(err, LA_DENIED, LA_FIELD_NONE,
		       _("Sale events are processed for a user of this CRM database; the login '%s' is not an active one"),
		       actor->login);
}

/* One event in its own transaction. */
static enum la_status event_in(struct db *db, const struct la_actor *actor,
			       const char *text, size_t len, bool yes, int64_t category,
			       struct event_result *res, struct la_err *err)
{
	char perr[200];
	json_t *o = jsonread_load(text, len, perr, sizeof(perr));
	struct sale_event e;
	struct auto_rule rules[AUTO_COUNT];
	const struct auto_rule *r;
	struct person_row p;
	bool seen;
	enum la_status rc;

	memset(res, 0, sizeof(*res));
	memset(&e, 0, sizeof(e));
	if (!o) {
		event_reject(res, _("not valid JSON: %s"), perr);
		return LA_OK;
	}
	if (!event_parse(o, &e, res)) {
		json_decref(o);
		return LA_OK;
	}
	res->trigger = e.trigger;
	if ((rc = db_begin(db, err)) != LA_OK)
		goto done;
	if ((rc = event_seen(db, e.key, &seen, err)) != LA_OK)
		goto out;
	if (seen) {
		res->outcome = EVENT_SKIPPED;
		db_rollback(db);
		goto done;
	}
	if ((rc = read_company(db, &e, &p, err)) != LA_OK)
		goto out;
	if (!p.contact) {
		if (e.company)
			event_reject(res, _("there is no company named '%s'"), e.company);
		else
			event_reject(res, _("there is no company with id %" PRId64), e.company_id);
		db_rollback(db);
		goto done;
	}
	res->contact_id = p.contact;
	res->old_category = p.category;
	if ((rc = automation_load(db, rules, err)) != LA_OK)
		goto out;
	r = &rules[e.trigger - 1];
	match_rule(db, r, 0, &p, &res->suggested, &res->why_not);
	res->outcome = EVENT_UNCHANGED;
	if (res->suggested && r->confirm && !yes && !category) {
		struct move_names n;

		move_names_read(db, &p, res->suggested, &n);
		res->outcome = EVENT_CONFIRM;
		snprintf(res->reason, sizeof(res->reason),
			 _("event '%s' (sale '%s') would move the company '%s' from '%s' to '%s' (rule: %s; it asks for confirmation)"),
			 e.key, e.sale, n.company, n.from, n.to, _(automation_trigger_label(e.trigger)));
		move_names_free(&n);
		db_rollback(db);
		goto done;
	}
	if (res->suggested) {
		int64_t to = r->confirm && category ? category : res->suggested;
		struct jbuf x;
		char *extra;

		jbuf_init(&x);
		jbuf_add(&x, ",\"event\":");
		jbuf_string(&x, e.key);
		jbuf_add(&x, ",\"sale\":");
		jbuf_string(&x, e.sale);
		extra = jbuf_take(&x);
		rc = apply_rule(db, actor, r, &p, to, to != res->suggested, extra, err);
		free(extra);
		if (rc != LA_OK)
			goto out;
		res->new_category = to;
		res->outcome = EVENT_APPLIED;
	}
	if ((rc = event_record(db, actor, &e, res, err)) != LA_OK)
		goto out;
	rc = db_commit(db, err);
	goto done;
out:
	db_rollback(db);
	res->outcome = EVENT_UNCHANGED;
	res->new_category = 0;
done:
	json_decref(o);
	return rc;
}

enum la_status automation_event_one(struct db *db, const struct la_actor *actor,
				    const char *text, size_t len, bool yes, int64_t category,
				    struct event_result *res, struct la_err *err)
{
	enum la_status rc;

	if ((rc = event_denied(actor, err)) != LA_OK)
		return rc;
	if (category && category_state(db, category) != 1)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("The category to set must be a category that is not deleted"));
	return event_in(db, actor, text, len, yes, category, res, err);
}

enum la_status automation_events(struct db *db, const struct la_actor *actor, FILE *in,
				 bool strict, bool yes, int64_t category,
				 void (*report)(void *ctx, long line, const struct event_result *res),
				 void *ctx, struct event_summary *sum, struct la_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	uint64_t bytes = 0;
	enum la_status rc;

	memset(sum, 0, sizeof(*sum));
	if ((rc = event_denied(actor, err)) != LA_OK)
		return rc;
	if (category && category_state(db, category) != 1)
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("The category to set must be a category that is not deleted"));
	while ((len = submit_next_line(db, in, &line, &cap, &lineno, &bytes)) >= 0) {
		struct event_result res;

		if ((rc = event_in(db, actor, line, (size_t)len, yes, category, &res, err)) != LA_OK)
			break;
		switch (res.outcome) {
		case EVENT_APPLIED: sum->applied++; break;
		case EVENT_UNCHANGED: sum->unchanged++; break;
		case EVENT_SKIPPED: sum->skipped++; break;
		case EVENT_CONFIRM: sum->confirm++; break;
		case EVENT_REJECTED: sum->rejected++; break;
		}
		if (report)
			report(ctx, lineno, &res);
		if (strict && res.outcome == EVENT_REJECTED) {
			sum->stopped = true;
			break;
		}
	}
	if (rc == LA_OK && ferror(in))
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("reading stopped after line %ld (%s)"), lineno, strerror(errno));
	free(line);
	return rc;
}

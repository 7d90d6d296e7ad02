#include "config.h"
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "json.h"
#include "lists_impl.h"
#include "text.h"

static const char *const group_keys[GROUP_COUNT] = {
	"unknown", "customer", "potential-customer", "partner", "lost", "other",
};

const char *lists_group_key(enum la_group group)
{
	return (unsigned)group < GROUP_COUNT ? group_keys[group] : "unknown";
}

const char *lists_group_label(enum la_group group)
{
	switch (group) {
	case GROUP_CUSTOMER: return _("Customer");
	case GROUP_POTENTIAL_CUSTOMER: return _("Potential customer");
	case GROUP_PARTNER: return _("Partner");
	case GROUP_LOST: return _("Lost");
	case GROUP_OTHER: return _("Other");
	default: return _("(not set)");
	}
}

bool lists_group_parse(const char *key, enum la_group *group)
{
	int i;

	/* Unknown is what legacy rows have; nobody chooses it. */
	for (i = 1; i < GROUP_COUNT; i++) {
		if (strcmp(key, group_keys[i]) == 0) {
			*group = (enum la_group)i;
			return true;
		}
	}
	return false;
}

const char *lists_title(enum la_list list)
{
	return list == LIST_CATEGORY ? _("Company – Category") : _("Contact – Lead status");
}

const char *lists_table(enum la_list list)
{
	return list == LIST_CATEGORY ? "category" : "leadstatus";
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

void lists_item_init(struct la_item *item, enum la_list list)
{
	memset(item, 0, sizeof(*item));
	item->list = list;
	item->name = xstrdup("");
	item->tooltip = xstrdup("");
	item->group = list == LIST_CATEGORY ? GROUP_POTENTIAL_CUSTOMER : GROUP_UNKNOWN;
}

void lists_item_clear(struct la_item *item)
{
	free(item->name);
	free(item->tooltip);
	item->name = item->tooltip = NULL;
}

void lists_item_copy(struct la_item *dst, const struct la_item *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->tooltip = xstrdup(src->tooltip);
}

void lists_items_free(struct la_items *items)
{
	size_t i;

	for (i = 0; i < items->n; i++)
		lists_item_clear(&items->v[i]);
	free(items->v);
	items->v = NULL;
	items->n = 0;
}

/* Both lists are read with the same columns, so one reader serves both. */
static const char load_category_sql[] =
	"SELECT c.category_id, c.name, c.rank, c.tooltip, c.deleted, c.category_group, "
	"c.enable_lead_status, 0, c.updatedCount, coalesce(c.registered, ''), "
	"coalesce(c.updated, ''), coalesce(u.companies, 0), coalesce(u.contacts, 0) "
	"FROM category c LEFT JOIN usage_count u ON u.list = 'category' AND u.item_id = c.category_id "
	"WHERE (?1 OR c.deleted = 0) AND (?2 = 0 OR c.category_id = ?2) "
	"ORDER BY c.rank, c.category_id";
static const char load_leadstatus_sql[] =
	"SELECT l.leadstatus_id, l.name, l.rank, l.tooltip, l.deleted, 0, 0, "
	"l.is_default, l.updatedCount, coalesce(l.registered, ''), coalesce(l.updated, ''), 0, "
	"coalesce(u.contacts, 0) "
	"FROM leadstatus l LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = l.leadstatus_id "
	"WHERE (?1 OR l.deleted = 0) AND (?2 = 0 OR l.leadstatus_id = ?2) "
	"ORDER BY l.rank, l.leadstatus_id";
/* One item by id: a look-up by its key. (The list readers above, given an
 * id, would walk the rank index to the item: one item of a 10,000-item
 * list cost a scan of the list, and an import of it n squared.) */
static const char get_category_sql[] =
	"SELECT c.category_id, c.name, c.rank, c.tooltip, c.deleted, c.category_group, "
	"c.enable_lead_status, 0, c.updatedCount, coalesce(c.registered, ''), "
	"coalesce(c.updated, ''), coalesce(u.companies, 0), coalesce(u.contacts, 0) "
	"FROM category c LEFT JOIN usage_count u ON u.list = 'category' AND u.item_id = c.category_id "
	"WHERE ?1 IS NOT NULL AND c.category_id = ?2";
static const char get_leadstatus_sql[] =
	"SELECT l.leadstatus_id, l.name, l.rank, l.tooltip, l.deleted, 0, 0, "
	"l.is_default, l.updatedCount, coalesce(l.registered, ''), coalesce(l.updated, ''), 0, "
	"coalesce(u.contacts, 0) "
	"FROM leadstatus l LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = l.leadstatus_id "
	"WHERE ?1 IS NOT NULL AND l.leadstatus_id = ?2";

static void read_row(sqlite3_stmt *st, enum la_list list, struct la_item *it)
{
	const char *reg = (const char *)sqlite3_column_text(st, 9);
	const char *upd = (const char *)sqlite3_column_text(st, 10);
	int group = sqlite3_column_int(st, 5);

	memset(it, 0, sizeof(*it));
	it->list = list;
	it->id = sqlite3_column_int64(st, 0);
	it->name = xstrdup((const char *)sqlite3_column_text(st, 1));
	it->rank = sqlite3_column_int(st, 2);
	it->tooltip = xstrdup((const char *)sqlite3_column_text(st, 3));
	it->deleted = sqlite3_column_int(st, 4) != 0;
	it->group = group >= 0 && group < GROUP_COUNT ? (enum la_group)group : GROUP_UNKNOWN;
	it->lead_status = sqlite3_column_int(st, 6) != 0;
	it->is_default = sqlite3_column_int(st, 7) != 0;
	it->updated_count = sqlite3_column_int64(st, 8);
	snprintf(it->registered, sizeof(it->registered), "%s", reg ? reg : "");
	snprintf(it->updated, sizeof(it->updated), "%s", upd ? upd : "");
	it->companies = sqlite3_column_int(st, 11);
	it->contacts = sqlite3_column_int(st, 12);
}

static enum la_status load(struct db *db, enum la_list list, bool with_deleted,
			   int64_t only_id, struct la_items *out, struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, only_id ? (list == LIST_CATEGORY ? get_category_sql
									 : get_leadstatus_sql)
					       : (list == LIST_CATEGORY ? load_category_sql
									: load_leadstatus_sql), err);
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (!st)
		return LA_DB;
	sqlite3_bind_int(st, 1, with_deleted);
	sqlite3_bind_int64(st, 2, only_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = realloc(out->v, cap * sizeof(*out->v));
			if (!out->v)
				abort();
		}
		read_row(st, list, &out->v[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		lists_items_free(out);
		return db_fail(db, err, lists_table(list));
	}
	return LA_OK;
}

enum la_status lists_load(struct db *db, enum la_list list, bool with_deleted,
			  struct la_items *out, struct la_err *err)
{
	return load(db, list, with_deleted, 0, out, err);
}

enum la_status lists_get(struct db *db, enum la_list list, int64_t id,
			 struct la_item *out, struct la_err *err)
{
	struct la_items items;
	enum la_status st = id > 0 ? load(db, list, true, id, &items, err) : LA_OK;

	if (st != LA_OK)
		return st;
	if (id <= 0 || items.n == 0) {
		if (id > 0)
			lists_items_free(&items);
		return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE,
			       _("%s: there is no item with id %lld"), lists_title(list),
			       (long long)id);
	}
	*out = items.v[0];
	free(items.v);
	return LA_OK;
}

/* The id of the item named name (case-insensitively), other than except. */
int64_t lists_id_by_name(struct db *db, enum la_list list, const char *name,
			 int64_t except, bool *deleted)
{
	static const char cat_sql[] =
		"SELECT category_id, deleted FROM category "
		"WHERE (la_name_key = la_fold(trim(?1)) OR (la_name_key IS NULL AND la_fold(name) = la_fold(trim(?1)))) "
		"AND category_id <> ?2 ORDER BY deleted LIMIT 1";
	static const char ls_sql[] =
		"SELECT leadstatus_id, deleted FROM leadstatus "
		"WHERE (la_name_key = la_fold(trim(?1)) OR (la_name_key IS NULL AND la_fold(name) = la_fold(trim(?1)))) "
		"AND leadstatus_id <> ?2 ORDER BY deleted LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, list == LIST_CATEGORY ? cat_sql : ls_sql, NULL);
	int64_t id = 0;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, except);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (deleted)
			*deleted = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	return id;
}

enum la_status lists_find(struct db *db, enum la_list list, const char *key,
			  struct la_item *out, struct la_err *err)
{
	char *end;
	long long id = strtoll(key, &end, 10);

	if (*key && *end == '\0' && id > 0 &&
	    lists_get(db, list, id, out, NULL) == LA_OK)
		return LA_OK;
	id = lists_id_by_name(db, list, key, 0, NULL);
	if (id > 0)
		return lists_get(db, list, id, out, err);
	return la_fail(err, LA_NOT_FOUND, LA_FIELD_NAME,
		       _("%s: there is no item '%s'"), lists_title(list), key);
}

static enum la_status check_text(const char *text, size_t max, enum la_field field,
				 const char *label, bool required, char **clean,
				 struct la_err *err)
{
	char *t;
	size_t chars;

	*clean = NULL;
	if (!text_utf8_valid(text, strlen(text)))
		return la_fail(err, LA_REFUSED, field,
			       _("%s is not valid UTF-8 text"), label);
	t = text_trim(text);
	if (required && !*t) {
		free(t);
		return la_fail(err, LA_REFUSED, field, _("%s must not be empty"), label);
	}
	if (text_has_control(t)) {
		free(t);
		return la_fail(err, LA_REFUSED, field,
			       _("%s must not contain control characters (such as tabs, line breaks or escape codes)"),
			       label);
	}
	/* A name that looks like another one must not pass as different. */
	if (field == LA_FIELD_NAME && text_has_invisible(t)) {
		free(t);
		return la_fail(err, LA_REFUSED, field,
			       _("%s must not contain invisible characters (such as zero-width spaces or direction marks)"),
			       label);
	}
	chars = text_chars(t);
	if (chars > max) {
		free(t);
		return la_fail(err, LA_REFUSED, field,
			       _("%s is too long: %zu characters, at most %zu"),
			       label, chars, max);
	}
	*clean = t;
	return LA_OK;
}

enum la_status lists_check_name(enum la_list list, const char *name,
				char **clean, struct la_err *err)
{
	return check_text(name ? name : "", list == LIST_CATEGORY ? LISTS_NAME_MAX_CATEGORY
								  : LISTS_NAME_MAX_LEADSTATUS,
			  LA_FIELD_NAME, _("The name"), true, clean, err);
}

enum la_status lists_check_tooltip(const char *tooltip, char **clean,
				   struct la_err *err)
{
	return check_text(tooltip ? tooltip : "", LISTS_TOOLTIP_MAX,
			  LA_FIELD_DESCRIPTION, _("The description"), false, clean, err);
}

char *lists_item_json(const struct la_item *it)
{
	struct jbuf b;

	jbuf_init(&b);
	jbuf_add(&b, "{\"name\":");
	jbuf_string(&b, it->name);
	jbuf_add(&b, ",\"description\":");
	jbuf_string(&b, it->tooltip);
	jbuf_addf(&b, ",\"rank\":%d,\"deleted\":%s", it->rank, it->deleted ? "true" : "false");
	if (it->list == LIST_CATEGORY)
		jbuf_addf(&b, ",\"group\":\"%s\",\"lead_status\":%s",
			  lists_group_key(it->group), it->lead_status ? "true" : "false");
	else
		jbuf_addf(&b, ",\"default\":%s", it->is_default ? "true" : "false");
	jbuf_add(&b, "}");
	return jbuf_take(&b);
}

int64_t lists_default_status(struct db *db)
{
	static const char sql[] =
		"SELECT leadstatus_id FROM leadstatus WHERE is_default = 1 AND deleted = 0 LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	int64_t id = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return id;
}

/* Contacts in companies of category id that have no lead status yet. */
static long contacts_without_status(struct db *db, int64_t category_id)
{
	static const char sql[] =
		"SELECT count(*) FROM person p JOIN contact k ON p.contact_id = k.contact_id "
		"WHERE k.category_idx = ? AND p.leadstatus_id IS NULL";
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	long n = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, category_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Rule 7: contacts of a category whose lead status is turned on get the
 * default status when they have none. */
static enum la_status give_default_status(struct db *db, int64_t category_id,
					  long *given, struct la_err *err)
{
	static const char sql[] =
		"UPDATE person SET leadstatus_id = ?1, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE leadstatus_id IS NULL AND contact_id IN "
		"(SELECT contact_id FROM contact WHERE category_idx = ?2)";
	int64_t def = lists_default_status(db);
	sqlite3_stmt *st;

	if (!def)
		return LA_OK;
	if (!(st = db_stmt(db, sql, err)))
		return LA_DB;
	sqlite3_bind_int64(st, 1, def);
	sqlite3_bind_int64(st, 2, category_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, "person");
	sqlite3_reset(st);
	*given = sqlite3_changes(db_handle(db));
	return LA_OK;
}

/* Rule 1: lead status belongs to Potential customer. Moving a category out
 * of that group turns it off; asking for it elsewhere is refused. */
static enum la_status check_group(const struct la_item *old, struct la_item *item,
				  struct la_err *err)
{
	if (item->group == GROUP_UNKNOWN && (!old || old->group != GROUP_UNKNOWN))
		return la_fail(err, LA_REFUSED, LA_FIELD_GROUP,
			       _("Choose a category group"));
	if ((unsigned)item->group >= GROUP_COUNT)
		return la_fail(err, LA_REFUSED, LA_FIELD_GROUP, _("Unknown category group"));
	if (!item->lead_status || item->group == GROUP_POTENTIAL_CUSTOMER)
		return LA_OK;
	if (old && old->group == GROUP_POTENTIAL_CUSTOMER && old->lead_status) {
		item->lead_status = false;
		return LA_OK;
	}
	return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS,
		       _("Lead status can only be enabled for categories of the group Potential customer; '%s' is in the group %s"),
		       item->name, lists_group_label(item->group));
}

/* The caution of rule 6 (and rule 7's count) for an update of old to item;
 * an empty message means no caution. */
static void caution_for_update(struct db *db, const struct la_item *old,
			       const struct la_item *item, struct la_err *err)
{
	char what[256] = "";
	bool renamed = strcmp(old->name, item->name) != 0;
	bool in_use = old->companies > 0 || old->contacts > 0;
	size_t used = 0;

	err->companies = old->companies;
	err->contacts = old->contacts;
#define ADD(...) do { int n_ = snprintf(what + used, sizeof(what) - used, __VA_ARGS__); \
	if (n_ > 0 && (size_t)n_ < sizeof(what) - used) used += (size_t)n_; } while (0)
	if (in_use && item->list == LIST_CATEGORY) {
		if (old->group != item->group)
			ADD("%s%s", used ? "; " : "", _("its category group changes"));
		if (old->lead_status && !item->lead_status)
			ADD("%s%s", used ? "; " : "", _("its lead status is turned off"));
	}
	if (in_use && renamed)
		ADD("%s%s", used ? "; " : "", _("it is renamed everywhere it is used"));
#undef ADD
	err->msg[0] = '\0';
	if (item->list == LIST_CATEGORY && !old->lead_status && item->lead_status) {
		long n = contacts_without_status(db, old->id);

		if (n > 0) {
			err->contacts = n;
			snprintf(err->msg, sizeof(err->msg),
				 _("Turning lead status on for '%s' gives %ld contacts without a lead status the default status."),
				 item->name, n);
			if (used) {
				size_t l = strlen(err->msg);

				snprintf(err->msg + l, sizeof(err->msg) - l, " ");
			}
		}
	}
	if (used) {
		size_t l = strlen(err->msg);

		if (item->list == LIST_CATEGORY)
			snprintf(err->msg + l, sizeof(err->msg) - l,
				 _("'%s' is used by %ld companies and %ld contacts and %s: this can leave companies and contacts with lead information that can no longer be updated."),
				 old->name, old->companies, old->contacts, what);
		else
			snprintf(err->msg + l, sizeof(err->msg) - l,
				 _("'%s' is used by %ld contacts and %s."),
				 old->name, old->contacts, what);
	}
}

static const char insert_category_sql[] =
	"INSERT INTO category (name, tooltip, category_group, enable_lead_status, rank, "
	"registered, registered_associate_id, updated, updated_associate_id, updatedCount, la_name_key) "
	"VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(rank), 0) + 1 FROM category), "
	"strftime('%Y-%m-%d %H:%M:%S', 'now'), ?5, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?5, 0, la_fold(?1))";
static const char insert_leadstatus_sql[] =
	"INSERT INTO leadstatus (name, tooltip, is_default, rank, "
	"registered, registered_associate_id, updated, updated_associate_id, updatedCount, la_name_key) "
	"VALUES (?1, ?2, 0, (SELECT coalesce(max(rank), 0) + 1 FROM leadstatus), "
	"strftime('%Y-%m-%d %H:%M:%S', 'now'), ?5, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?5, 0, la_fold(?1))";
static const char update_category_sql[] =
	"UPDATE category SET name = ?1, tooltip = ?2, category_group = ?3, "
	"enable_lead_status = ?4, updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), "
	"updated_associate_id = ?5, updatedCount = updatedCount + 1, la_name_key = la_fold(?1) "
	"WHERE category_id = ?6";
static const char update_leadstatus_sql[] =
	"UPDATE leadstatus SET name = ?1, tooltip = ?2, "
	"updated = strftime('%Y-%m-%d %H:%M:%S', 'now'), "
	"updated_associate_id = ?5, updatedCount = updatedCount + 1, la_name_key = la_fold(?1) "
	"WHERE leadstatus_id = ?6";

static const char refill_category_key_sql[] =
	"UPDATE category SET la_name_key = la_fold(name) WHERE category_id = ? AND la_name_key IS NULL";
static const char refill_leadstatus_key_sql[] =
	"UPDATE leadstatus SET la_name_key = la_fold(name) WHERE leadstatus_id = ? AND la_name_key IS NULL";

static enum la_status write_item(struct db *db, const struct la_actor *actor,
				 struct la_item *item, struct la_err *err)
{
	bool add = item->id == 0;
	const char *sql = item->list == LIST_CATEGORY
		? (add ? insert_category_sql : update_category_sql)
		: (add ? insert_leadstatus_sql : update_leadstatus_sql);
	sqlite3_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	sqlite3_bind_text(st, 1, item->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, item->tooltip, -1, SQLITE_STATIC);
	if (item->list == LIST_CATEGORY) {
		sqlite3_bind_int(st, 3, (int)item->group);
		sqlite3_bind_int(st, 4, item->lead_status);
	}
	if (actor->associate_id)
		sqlite3_bind_int64(st, 5, actor->associate_id);
	if (!add)
		sqlite3_bind_int64(st, 6, item->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, lists_table(item->list));
	sqlite3_reset(st);
	if (add)
		item->id = sqlite3_last_insert_rowid(db_handle(db));
	/* A rename that changes only the case keeps the key, which the
	 * schema's trigger takes for another program's rename: fill it again. */
	st = db_stmt(db, item->list == LIST_CATEGORY ? refill_category_key_sql
						    : refill_leadstatus_key_sql, err);
	if (!st)
		return LA_DB;
	sqlite3_bind_int64(st, 1, item->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, err, lists_table(item->list));
	sqlite3_reset(st);
	return LA_OK;
}

/* Opens the write transaction of a list change and checks the rights. */
enum la_status lists_begin(struct db *db, const struct la_actor *actor,
			   struct la_err *err)
{
	enum la_status rc = db_begin(db, err);

	if (rc != LA_OK)
		return rc;
	rc = rights_check_lists(db, actor, err);
	if (rc != LA_OK)
		db_rollback(db);
	return rc;
}

/* Ends a list change: commits on success, else rolls back; returns rc. */
enum la_status lists_end(struct db *db, enum la_status rc, struct la_err *err)
{
	if (rc == LA_OK)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

enum la_status lists_save(struct db *db, const struct la_actor *actor,
			  struct la_item *item, enum la_confirm confirm,
			  struct la_err *err)
{
	struct la_item old;
	bool have_old = false, deleted = false;
	char *name = NULL, *tooltip = NULL, *before = NULL, *after = NULL;
	bool want_default = item->is_default, turned_on = false;
	int64_t other;
	enum la_status rc;
	struct la_err local;

	if (!err)
		err = &local;
	la_err_clear(err);
	if (lists_check_tooltip(item->tooltip, &tooltip, err) != LA_OK)
		return LA_REFUSED;
	free(item->tooltip);
	item->tooltip = tooltip;
	if ((rc = lists_begin(db, actor, err)) != LA_OK)
		return rc;
	if (item->id) {
		if ((rc = lists_get(db, item->list, item->id, &old, err)) != LA_OK)
			goto out;
		have_old = true;
	}
	/* A name kept as it is stored is not checked again: an old database
	 * may hold names that rule 3 would refuse today, and editing such an
	 * item's description must still be possible. */
	if (!have_old || strcmp(item->name, old.name) != 0) {
		if ((rc = lists_check_name(item->list, item->name, &name, err)) != LA_OK)
			goto out;
		free(item->name);
		item->name = name;
	}
	if (have_old) {
		if (old.deleted) {
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("'%s' is deleted; restore it before changing it"), old.name);
			goto out;
		}
		if (old.updated_count != item->updated_count) {
			rc = la_fail(err, LA_STALE, LA_FIELD_NONE,
				     _("'%s' was changed by someone else since you opened it; nothing was saved. Here are the current values."),
				     old.name);
			goto out;
		}
	}
	if (item->list == LIST_CATEGORY &&
	    (rc = check_group(have_old ? &old : NULL, item, err)) != LA_OK)
		goto out;
	other = lists_id_by_name(db, item->list, item->name, item->id, &deleted);
	if (other) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NAME, deleted
			     ? _("The name '%s' is taken by a deleted item of this list; restore that item or choose another name")
			     : _("The name '%s' is already in this list (names are compared without regard to case)"),
			     item->name);
		goto out;
	}
	if (item->list == LIST_LEADSTATUS && have_old && old.is_default && !want_default) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			     _("'%s' is the default for new leads; make another status the default instead"),
			     old.name);
		goto out;
	}
	if (have_old) {
		caution_for_update(db, &old, item, err);
		if (err->msg[0] && confirm != CONFIRM_YES) {
			rc = LA_CONFIRM;
			err->status = LA_CONFIRM;
			err->field = LA_FIELD_NONE;
			goto out;
		}
		turned_on = item->list == LIST_CATEGORY && !old.lead_status && item->lead_status;
		before = lists_item_json(&old);
	} else {
		turned_on = false; /* a new category has no companies yet */
	}
	if ((rc = write_item(db, actor, item, err)) != LA_OK)
		goto out;
	err->msg[0] = '\0';
	err->companies = 0;
	err->contacts = 0;
	if (turned_on && (rc = give_default_status(db, item->id, &err->contacts, err)) != LA_OK)
		goto out;
	if (item->list == LIST_LEADSTATUS && want_default &&
	    !(have_old && old.is_default) &&
	    (rc = lists_make_default(db, actor, item->id, err)) != LA_OK)
		goto out;
	{
		struct la_item now;

		if ((rc = lists_get(db, item->list, item->id, &now, err)) != LA_OK)
			goto out;
		after = lists_item_json(&now);
		rc = audit_write(db, actor, lists_table(item->list), item->id,
				 have_old ? "edit" : "add", before, after, err);
		if (rc == LA_OK) {
			lists_item_clear(item);
			*item = now;
		} else {
			lists_item_clear(&now);
		}
	}
out:
	rc = lists_end(db, rc, err);
	if (have_old)
		lists_item_clear(&old);
	free(before);
	free(after);
	return rc;
}

/* The list definition table: one entry per list, and the rules that only
 * one list has. Adding a list is an entry here, plus its migration, seeds,
 * translations and tests; nothing else branches on which list it is. */
#include "config.h"
#include "lists.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "grouping.h"
#include "i18n.h"
#include "leads.h"
#include "lists_impl.h"
#include "marketing.h"
#include "schema.h"

/* ---- fields every list has */

#define NAME_FIELD { \
	.id = LA_FIELD_NAME, .kind = LF_TEXT, .offset = offsetof(struct la_item, name), \
	.column = "name", .key = "name", .label = N_("Name"), .head = N_("Name"), \
	.short_head = N_("Name"), .option = "--name", .metavar = "NEW", \
	.max_chars = LISTS_NAME_MAX, .flags = LFF_REQUIRED }
#define DESCRIPTION_FIELD { \
	.id = LA_FIELD_DESCRIPTION, .kind = LF_TEXT, .offset = offsetof(struct la_item, tooltip), \
	.column = "tooltip", .key = "description", .label = N_("Description"), \
	.head = N_("Description"), .short_head = N_("Description"), \
	.option = "--description", .metavar = "TEXT", .max_chars = LISTS_TOOLTIP_MAX }
#define COUNT_FIELD(member, expr, k, h) { \
	.id = LA_FIELD_NONE, .kind = LF_COUNT, .offset = offsetof(struct la_item, member), \
	.column = (expr), .key = (k), .head = (h), .short_head = (h) }

/* ---- Company – Category */

/* The category groups in the order of DESIGN §1; Unknown is what legacy
 * rows have, and nobody chooses it. */
static const struct la_choice group_choices[] = {
	{ GROUP_UNKNOWN, "unknown", N_("(not set)"), false },
	{ GROUP_CUSTOMER, "customer", N_("Customer"), true },
	{ GROUP_POTENTIAL_CUSTOMER, "potential-customer", N_("Potential customer"), true },
	{ GROUP_PARTNER, "partner", N_("Partner"), true },
	{ GROUP_LOST, "lost", N_("Lost"), true },
	{ GROUP_OTHER, "other", N_("Other"), true },
};

/* The category group field: the groups' keys and labels live there. */
static const struct la_fielddef *group_field(void)
{
	return lists_field(LIST_CATEGORY, LA_FIELD_GROUP);
}

const char *lists_group_key(enum la_group group)
{
	const struct la_choice *c = lists_choice_by_value(group_field(), (int)group);

	return c ? c->key : group_field()->choices[0].key;
}

const char *lists_group_label(enum la_group group)
{
	const struct la_choice *c = lists_choice_by_value(group_field(), (int)group);

	return _(c ? c->label : group_field()->choices[0].label);
}

bool lists_group_parse(const char *key, enum la_group *group)
{
	const struct la_choice *c = lists_choice_by_key(group_field(), key);

	if (c)
		*group = (enum la_group)c->value;
	return c != NULL;
}

const char *lists_lead_status_refusal(enum la_group group)
{
	if (group == GROUP_POTENTIAL_CUSTOMER)
		return NULL;
	return _("Only a category of the group Potential customer can use lead status.");
}

const char *lists_lead_status_unavailable(const struct la_item *it)
{
	return lists_lead_status_refusal(it->group);
}

/* Rule 1: lead status belongs to Potential customer. Moving a category out
 * of that group turns it off; asking for it elsewhere is refused. */
static enum la_status category_check(struct db *db, const struct la_item *old,
				     struct la_item *item, bool adjust, struct la_err *err)
{
	(void)db;
	if (item->group == GROUP_UNKNOWN && (!old || old->group != GROUP_UNKNOWN))
		return la_fail(err, LA_REFUSED, LA_FIELD_GROUP, _("Choose a category group: only a category that has none already may stay without one"));
	if ((unsigned)item->group >= GROUP_COUNT)
		return la_fail(err, LA_REFUSED, LA_FIELD_GROUP, _("Unknown category group"));
	if (!item->lead_status || !lists_lead_status_refusal(item->group))
		return LA_OK;
	if (adjust && old && !lists_lead_status_refusal(old->group) && old->lead_status) {
		item->lead_status = false;
		return LA_OK;
	}
	return la_fail(err, LA_REFUSED, LA_FIELD_LEAD_STATUS,
		       _("Lead status can only be enabled for categories of the group Potential customer; '%s' is in the group %s"),
		       item->name, lists_group_label(item->group));
}

/* "1 company", "3 companies": a count in a sentence, in buf. */
static const char *companies(long n, char *buf, size_t len)
{
	snprintf(buf, len, ngettext("%ld company", "%ld companies", (unsigned long)n), n);
	return buf;
}

static const char *contacts(long n, char *buf, size_t len)
{
	snprintf(buf, len, ngettext("%ld contact", "%ld contacts", (unsigned long)n), n);
	return buf;
}

/* Appends a clause to what ("a; b"). */
static void clause(char *what, size_t len, const char *s)
{
	size_t used = strlen(what);

	if (used + 1 < len)
		snprintf(what + used, len - used, "%s%s", used ? "; " : "", s);
}

/* Rule 6 (and rule 7's count) for an update of a category. When both do
 * not fit, the names in them are shortened, never the reasons. */
static enum la_status category_caution(struct db *db, const struct la_item *old,
				       const struct la_item *item, char *msg,
				       size_t len, struct la_err *err)
{
	char what[256] = "", in_use[sizeof(err->msg)] = "", c1[64], c2[64];
	size_t used = 0;

	msg[0] = '\0';
	if (old->companies > 0 || old->contacts > 0) {
		if (old->group != item->group)
			clause(what, sizeof(what), _("its category group changes"));
		if (old->lead_status && !item->lead_status)
			clause(what, sizeof(what), _("its lead status is turned off"));
		if (strcmp(old->name, item->name) != 0)
			clause(what, sizeof(what), _("it is renamed everywhere it is used"));
	}
	/* With rule 7's count before it, the caution takes three fifths. */
	if (what[0])
		used = la_format(in_use, !old->lead_status && item->lead_status
				 ? sizeof(in_use) * 3 / 5 : sizeof(in_use),
				 _("'%s' is used by %s and %s and %s: this can leave companies and contacts with lead information that can no longer be updated."),
				 old->name, companies(old->companies, c1, sizeof(c1)),
				 contacts(old->contacts, c2, sizeof(c2)), what);
	if (!old->lead_status && item->lead_status) {
		long n;
		enum la_status rc = leads_without_status(db, old->id, &n, err);

		if (rc != LA_OK)
			return rc;
		if (n > 0) {
			err->contacts = n;
			la_format(msg, len > used + 1 ? len - used - 1 : 1,
				  ngettext("Turning lead status on for '%s' gives %ld contact without a lead status the default status.",
					   "Turning lead status on for '%s' gives %ld contacts without a lead status the default status.",
					   (unsigned long)n),
				  item->name, n);
		}
	}
	if (in_use[0]) {
		size_t at = strlen(msg);

		snprintf(msg + at, len - at, "%s%s", at ? " " : "", in_use);
	}
	return LA_OK;
}

/* Rule 7: contacts of a category whose lead status is turned on get the
 * default status when they have none. */
static enum la_status category_saved(struct db *db, const struct la_actor *actor,
				     const struct la_item *old, struct la_item *item,
				     struct la_err *err)
{
	(void)actor;
	/* A new item while filtering is on: every user group sees it. */
	if (!old)
		return grouping_new_item(db, item->id, err);
	if (old->lead_status || !item->lead_status)
		return LA_OK;
	return leads_give_default_status(db, LEADS_IN_CATEGORY, item->id, 0,
					 &err->contacts, err);
}

static enum la_status category_delete_check(struct db *db, const struct la_item *old,
					    int64_t replacement, const struct la_item *target,
					    char *msg, size_t len, struct la_err *err)
{
	(void)db;
	(void)replacement;
	(void)err;
	msg[0] = '\0';
	if (target) {
		char c[64];

		/* Rule 6 for what moves: contacts of a lead category that
		 * move into one without lead status keep their last status. */
		if (old->lead_status && !target->lead_status && old->contacts > 0)
			la_format(msg, len,
				  _("'%s' does not use lead status: the %s of '%s' that move there keep their last lead status, which can then no longer be updated."),
				  target->name, contacts(old->contacts, c, sizeof(c)), old->name);
		return LA_OK;
	}
	if (old->companies > 0 || old->contacts > 0) {
		char c1[64], c2[64];

		la_format(msg, len,
			  _("'%s' is used by %s and %s: deleting it can leave companies and contacts with lead information that can no longer be updated. They keep it and still show its name."),
			  old->name, companies(old->companies, c1, sizeof(c1)),
			  contacts(old->contacts, c2, sizeof(c2)));
	}
	return LA_OK;
}

/* Rule 1 in the dialog: leaving Potential customer turns lead status off. */
static void category_adjust(struct la_item *item, const struct la_item *before,
			    const char **note)
{
	*note = NULL;
	if (item->lead_status && lists_lead_status_refusal(item->group) &&
	    before->group != item->group) {
		item->lead_status = false;
		*note = _("Lead status is only for Potential customer, so it is now off: the contacts keep their last status, which can then no longer be updated.");
	}
}

static const struct la_fielddef category_fields[] = {
	NAME_FIELD,
	{ .id = LA_FIELD_GROUP, .kind = LF_CHOICE, .offset = offsetof(struct la_item, group),
	  .column = "category_group", .key = "group", .label = N_("Category group"),
	  .initial = GROUP_POTENTIAL_CUSTOMER,
	  .head = N_("Group"), .short_head = N_("Group"), .option = "--group", .metavar = "G",
	  .choices = group_choices,
	  .nchoices = (int)(sizeof(group_choices) / sizeof(group_choices[0])),
	  .hint = N_("Left/Right or the first letter changes the group."),
	  .help = N_("Category group: Left/Right cycles through the groups; the first letter of a group picks it.") },
	DESCRIPTION_FIELD,
	{ .id = LA_FIELD_LEAD_STATUS, .kind = LF_BOOL, .offset = offsetof(struct la_item, lead_status),
	  .column = "enable_lead_status", .key = "lead_status",
	  .label = N_("Enable lead status for this category"), .head = N_("Lead status"),
	  .short_head = N_("Lead"), .option = "--lead-status", .no_option = "--no-lead-status",
	  .help = N_("Space ticks or unticks a check box. Lead status can only be enabled for the group Potential customer."),
	  .refusal = N_("Lead status can only be enabled for a category of the group Potential customer: change the group first."),
	  .unavailable = lists_lead_status_unavailable },
	COUNT_FIELD(companies, "coalesce(u.companies, 0)", "companies", N_("Companies")),
	COUNT_FIELD(contacts, "coalesce(u.contacts, 0)", "contacts", N_("Contacts")),
};

/* Rule 7 for a company that moves: leads_company_set_category. */
static enum la_status category_move_company(struct db *db, int64_t company, int64_t to,
					    long *given, struct la_err *err)
{
	return leads_company_set_category(db, company, to, given, err);
}

static const char *category_usage(const struct la_item *it, char *buf, size_t len)
{
	char c1[64], c2[64];

	if (it->contacts == 0)
		return companies(it->companies, buf, len);
	snprintf(buf, len, _("%s and %s"), companies(it->companies, c1, sizeof(c1)),
		 contacts(it->contacts, c2, sizeof(c2)));
	return buf;
}

static const struct la_usedby category_used_by = {
	.table = "contact", .id_column = "contact_id", .column = "category_idx",
	.audit_key = "category", .count_key = "companies",
	.help = N_("delete --move-to OTHER first moves the companies of ITEM to OTHER, a\n"
		   "category that is not deleted, in the same change; their contacts\n"
		   "without a lead status get the default one when OTHER uses lead\n"
		   "status. On a category that is already deleted it only moves them.\n"),
	.count = offsetof(struct la_item, companies), .count_text = companies,
	.usage_text = category_usage,
	.move_one = category_move_company,
};

static const struct la_list_hooks category_hooks = {
	.check = category_check,
	.caution = category_caution,
	.saved = category_saved,
	.delete_check = category_delete_check,
	.adjust = category_adjust,
};

/* ---- Contact – Lead status */

/* Rule 8: the default is moved to another status, never just unticked. */
static enum la_status leadstatus_check(struct db *db, const struct la_item *old,
				       struct la_item *item, bool adjust, struct la_err *err)
{
	(void)db;
	(void)adjust;
	if (old && old->is_default && !item->is_default)
		return la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			       _("'%s' is the default for new leads; make another status the default instead"),
			       old->name);
	return LA_OK;
}

static enum la_status leadstatus_caution(struct db *db, const struct la_item *old,
					 const struct la_item *item, char *msg,
					 size_t len, struct la_err *err)
{
	char c[64];

	(void)db;
	(void)err;
	msg[0] = '\0';
	if (old->contacts > 0 && strcmp(old->name, item->name) != 0)
		la_format(msg, len, _("'%s' is used by %s and %s."), old->name,
			  contacts(old->contacts, c, sizeof(c)),
			  _("it is renamed everywhere it is used"));
	return LA_OK;
}

static enum la_status leadstatus_saved(struct db *db, const struct la_actor *actor,
				       const struct la_item *old, struct la_item *item,
				       struct la_err *err)
{
	if (!item->is_default || (old && old->is_default))
		return LA_OK;
	return lists_make_default(db, actor, LIST_LEADSTATUS, item->id, err);
}

static enum la_status leadstatus_delete_check(struct db *db, const struct la_item *old,
					      int64_t replacement, const struct la_item *target,
					      char *msg, size_t len, struct la_err *err)
{
	struct la_item repl;
	enum la_status rc;
	char c[64];

	msg[0] = '\0';
	if (!old->is_default) {
		if (old->contacts > 0 && !target)
			la_format(msg, len,
				  _("'%s' is used by %s: deleting it can leave contacts with lead information that can no longer be updated. They keep it and still show its name."),
				  old->name, contacts(old->contacts, c, sizeof(c)));
		return LA_OK;
	}
	if (!replacement)
		return la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			       _("'%s' is the default for new leads and should not be deleted; choose another default first"),
			       old->name);
	if ((rc = lists_get(db, LIST_LEADSTATUS, replacement, &repl, err)) != LA_OK)
		return rc;
	if (repl.deleted || repl.id == old->id)
		rc = la_fail(err, LA_REFUSED, LA_FIELD_DEFAULT,
			     _("The new default must be another status that is not deleted"));
	else
		la_format(msg, len,
			  _("'%s' is the default for new leads and is used by %s; '%s' becomes the default. Delete it?"),
			  old->name, contacts(old->contacts, c, sizeof(c)), repl.name);
	lists_item_clear(&repl);
	return rc;
}

static enum la_status leadstatus_deleting(struct db *db, const struct la_actor *actor,
					  const struct la_item *old, int64_t replacement,
					  struct la_err *err)
{
	if (!old->is_default)
		return LA_OK;
	return lists_make_default(db, actor, LIST_LEADSTATUS, replacement, err);
}

static const struct la_fielddef leadstatus_fields[] = {
	NAME_FIELD,
	DESCRIPTION_FIELD,
	{ .id = LA_FIELD_DEFAULT, .kind = LF_BOOL, .offset = offsetof(struct la_item, is_default),
	  .column = "is_default", .key = "default", .label = N_("Default for new leads"),
	  .head = N_("Default"), .short_head = N_("Default"), .option = "--default",
	  .mark = N_("default"), .flags = LFF_DEFAULT,
	  .refusal = N_("Exactly one status is the default: tick the box on another status instead."),
	  .help = N_("Exactly one lead status is the default for new leads: tick the box on another status to move it.") },
	COUNT_FIELD(contacts, "coalesce(u.contacts, 0)", "contacts", N_("Contacts")),
};

static const struct la_usedby leadstatus_used_by = {
	.table = "person", .id_column = "person_id", .column = "leadstatus_id",
	.audit_key = "leadstatus", .count_key = "contacts",
	.help = N_("delete --move-to OTHER first moves the contacts of ITEM to OTHER, a\n"
		   "status that is not deleted, in the same change. On a status that\n"
		   "is already deleted it only moves them.\n"),
	.count = offsetof(struct la_item, contacts), .count_text = contacts,
};

static const struct la_list_hooks leadstatus_hooks = {
	.check = leadstatus_check,
	.caution = leadstatus_caution,
	.saved = leadstatus_saved,
	.delete_check = leadstatus_delete_check,
	.deleting = leadstatus_deleting,
};

/* ---- User groups: no rules of their own */

static const struct la_fielddef usergroup_fields[] = {
	NAME_FIELD,
	DESCRIPTION_FIELD,
	COUNT_FIELD(members, "(SELECT count(*) FROM associate a WHERE a.group_idx = t.usergroup_id)",
		    "members", N_("Members")),
};

static void usergroup_delete_note(const struct la_item *old, char *msg, size_t len)
{
	if (old->members > 0)
		snprintf(msg, len,
			 ngettext("%ld user has it as primary group and keeps it, shown as deleted.",
				  "%ld users have it as primary group and keep it, shown as deleted.",
				  (unsigned long)old->members), old->members);
}

static const char *members(long n, char *buf, size_t len)
{
	snprintf(buf, len, ngettext("%ld member", "%ld members", (unsigned long)n), n);
	return buf;
}

static const struct la_usedby usergroup_used_by = {
	.table = "associate", .id_column = "associate_id", .column = "group_idx",
	.audit_key = "group", .count_key = "members",
	.help = N_("delete --move-to OTHER first makes OTHER, a group that is not\n"
		   "deleted, the primary group of the members of ITEM, in the same\n"
		   "change; when Distribute to owner gives new leads to the members\n"
		   "of ITEM, it then gives them to the members of OTHER. On a group\n"
		   "that is already deleted it only moves them (and Distribute to\n"
		   "owner). Without --move-to, deleting the group Distribute to owner\n"
		   "uses needs --yes: new leads would get no owner.\n"),
	.count = offsetof(struct la_item, members), .count_text = members,
};

/* Distribute to owner follows the members of a user group that a delete
 * moves: else new leads would go to a deleted, empty group. */
static enum la_status usergroup_moved(struct db *db, const struct la_actor *actor,
				      const struct la_item *old, const struct la_item *target,
				      char *note, size_t len, struct la_err *err)
{
	struct marketing_settings s;
	enum la_status rc = marketing_load(db, &s, err);

	if (rc != LA_OK)
		return rc;
	if (s.mode == DISTRIBUTE_GROUP && s.group_id == old->id) {
		s.group_id = target->id;
		if ((rc = marketing_save(db, actor, &s, err)) == LA_OK)
			snprintf(note, len,
				 _("Distribute to owner now gives new leads to the members of '%s'."),
				 target->name);
	}
	marketing_settings_free(&s);
	return rc;
}

/* A plain delete of the group Distribute to owner gives new leads to:
 * new leads would then get no owner (or all go to the fallback). */
static enum la_status usergroup_delete_check(struct db *db, const struct la_item *old,
					     int64_t replacement, const struct la_item *target,
					     char *msg, size_t len, struct la_err *err)
{
	struct marketing_settings s;
	enum la_status rc;

	(void)replacement;
	msg[0] = '\0';
	if (target)
		return LA_OK;
	if ((rc = marketing_load(db, &s, err)) != LA_OK)
		return rc;
	if (s.mode == DISTRIBUTE_GROUP && s.group_id == old->id) {
		if (s.fallback_id)
			la_format(msg, len,
				  _("Distribute to owner gives new leads to the members of '%s': once it is deleted, they all go to the fallback associate."),
				  old->name);
		else
			la_format(msg, len,
				  _("Distribute to owner gives new leads to the members of '%s': once it is deleted, new leads get no owner."),
				  old->name);
	}
	marketing_settings_free(&s);
	return LA_OK;
}

static const struct la_list_hooks usergroup_hooks = {
	.delete_check = usergroup_delete_check,
	.moved = usergroup_moved,
	.delete_note = usergroup_delete_note,
};

/* ---- Headings of Company – Category (SuperOffice: Heading) */

static const struct la_fielddef heading_fields[] = {
	NAME_FIELD,
	DESCRIPTION_FIELD,
	COUNT_FIELD(members, "(SELECT count(*) FROM category_heading_link l WHERE l.heading_id = t.heading_id)",
		    "categories", N_("Categories")),
};

/* Deleting a heading never touches the items under it. */
static void heading_delete_note(const struct la_item *old, char *msg, size_t len)
{
	if (old->members > 0)
		snprintf(msg, len,
			 ngettext("%ld category is filed under it; it stays, and shows under its other headings.",
				  "%ld categories are filed under it; they stay, and show under their other headings.",
				  (unsigned long)old->members), old->members);
}

static const struct la_list_hooks heading_hooks = {
	.delete_note = heading_delete_note,
};

#define FIELDS(a) .fields = (a), .nfields = sizeof(a) / sizeof((a)[0])

static const struct la_listdef defs[LIST_COUNT] = {
	[LIST_CATEGORY] = {
		.list = LIST_CATEGORY,
		.table = "category",
		.id_column = "category_id",
		.command = "category",
		.export_key = "categories",
		.export_since = 1,
		.title = N_("Company – Category"),
		.label = N_("Category"),
		.new_title = N_("New category"),
		.edit_title = N_("Edit category"),
		.readonly_title = N_("Category (read-only)"),
		.usage_head = N_("In use"),
		.help = N_("Company categories in rank order. Only a category of the group Potential customer can use lead status. In use: companies / contact persons in the category. ✗ marks a deleted item (shown with s)."),
		.cli_help = N_("G is one of customer, potential-customer (the default for add),\n"
			       "partner, lost, other. Only potential-customer categories may use\n"
			       "lead status. --yes confirms a change to an item in use (rename,\n"
			       "group, lead status off, delete).\n"),
		.empty = N_("The list is empty: a adds an item."),
		.role = ROLE_LIST_ADMIN,
		.grouping = true,
		.usage_join = "LEFT JOIN usage_count u ON u.list = 'category' AND u.item_id = t.category_id",
		.seeds = schema_default_categories,
		FIELDS(category_fields),
		.hooks = &category_hooks,
		.used_by = &category_used_by,
	},
	[LIST_LEADSTATUS] = {
		.list = LIST_LEADSTATUS,
		.table = "leadstatus",
		.id_column = "leadstatus_id",
		.command = "lead-status",
		.export_key = "lead_statuses",
		.export_since = 1,
		.title = N_("Contact – Lead status"),
		.label = N_("Lead status"),
		.new_title = N_("New lead status"),
		.edit_title = N_("Edit lead status"),
		.readonly_title = N_("Lead status (read-only)"),
		.usage_head = N_("In use"),
		.help = N_("The lead statuses in rank order. The default is what new leads get. In use: contact persons with the status. ✗ marks a deleted item (shown with s)."),
		.cli_help = N_("The default status is the one new leads get; deleting it needs\n"
			       "--new-default and --yes.\n"),
		.empty = N_("The list is empty: a adds an item."),
		.role = ROLE_LIST_ADMIN,
		.usage_join = "LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = t.leadstatus_id",
		.seeds = schema_default_leadstatus,
		FIELDS(leadstatus_fields),
		.hooks = &leadstatus_hooks,
		.used_by = &leadstatus_used_by,
	},
	[LIST_USERGROUP] = {
		.list = LIST_USERGROUP,
		.table = "usergroup",
		.id_column = "usergroup_id",
		.command = "usergroup",
		.export_key = "user_groups",
		.export_since = 2,
		.title = N_("User groups"),
		.label = N_("User group"),
		.new_title = N_("New user group"),
		.edit_title = N_("Edit user group"),
		.readonly_title = N_("User group (read-only)"),
		.usage_head = N_("Members"),
		.help = N_("User groups: a user's primary group, which Distribute to owner can share new leads among. Members: users whose primary group it is. Only a General administrator changes them. ✗ marks a deleted group (shown with s)."),
		.cli_help = N_("Only a General administrator changes user groups. A user's primary\n"
			       "group is set with: leadadmin user edit LOGIN --group ITEM\n"),
		.empty = N_("There are no user groups yet: a adds one."),
		.role = ROLE_GENERAL_ADMIN,
		.usage_join = "",
		FIELDS(usergroup_fields),
		.hooks = &usergroup_hooks,
		.used_by = &usergroup_used_by,
	},
	[LIST_HEADING] = {
		.list = LIST_HEADING,
		.table = "heading",
		.id_column = "heading_id",
		.command = "heading",
		.export_key = "headings",
		/* Every export writes it; a version 2 file without it (an
		 * older program's) is still imported: the next format
		 * version is the first that must have it. */
		.export_since = 3,
		.title = N_("Headings"),
		.label = N_("Heading"),
		.new_title = N_("New heading"),
		.edit_title = N_("Edit heading"),
		.readonly_title = N_("Heading (read-only)"),
		.usage_head = N_("Categories"),
		.help = N_("The headings that Company – Category's items are filed under while grouping is on, in rank order. Categories: the items under it. Deleting a heading never deletes an item. ✗ marks a deleted heading (shown with s)."),
		.cli_help = N_("Headings group Company – Category's items when grouping is on\n"
			       "(leadadmin category grouping on). File items under them with:\n"
			       "leadadmin category headings ITEM HEADING[,HEADING...]|none\n"),
		.empty = N_("There are no headings yet: a adds one."),
		.role = ROLE_LIST_ADMIN,
		.usage_join = "",
		FIELDS(heading_fields),
		.hooks = &heading_hooks,
	},
};

const struct la_listdef *lists_def(enum la_list list)
{
	return (unsigned)list < LIST_COUNT ? &defs[list] : NULL;
}

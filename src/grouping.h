/* User-group filtering and headings for Company – Category, as
 * SuperOffice's *Settings and maintenance > Lists* has them: the switch
 * "Use grouping and user group filtering for this list" (setting
 * category.grouping), which user groups may see an item (table
 * category_group_link, SuperOffice's CategoryGroupLink) and which headings
 * it is filed under (category_heading_link, SuperOffice's
 * CategoryHeadingLink; the headings are the list LIST_HEADING). Contact –
 * Lead status has no grouping, as in SuperOffice.
 *
 * The rules: a change needs the right to change Company – Category (rule
 * 9) and writes one audit row; deleting a user group, a heading or an item
 * never deletes another item, and the links stay (restoring brings them
 * back); an item that no active user group may see while filtering is on
 * is unreachable (setup-check reports it). */
#ifndef LA_GROUPING_H
#define LA_GROUPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "lists.h"
#include "rights.h"
#include "status.h"

/* Does list have grouping (Company – Category only)? */
bool grouping_list_has(enum la_list list);

/* Is grouping and filtering on for Company – Category? A database error
 * reads as off. */
bool grouping_on(struct db *db);

/* Turns it on or off (rule 9; one audit row when it changes, none when it
 * is already so). Turned on with no user-group links at all, every item
 * is made visible to every active user group first, so that turning it on
 * hides nothing. *changed (may be NULL) says whether it changed. */
enum la_status grouping_set_on(struct db *db, const struct la_actor *actor, bool on,
			       bool *changed, struct la_err *err);

/* The ids linked to a category: its user groups (LIST_USERGROUP) or its
 * headings (LIST_HEADING), deleted ones included, in their rank order
 * (caller frees *ids). */
enum la_status grouping_links(struct db *db, enum la_list kind, int64_t category_id,
			      int64_t **ids, size_t *n, struct la_err *err);

/* Replaces a category's user groups or headings with ids[0..n) (rule 9;
 * one audit row with the names before and after; none when the set is
 * the same). A deleted category, group or heading may be linked. */
enum la_status grouping_set_links(struct db *db, const struct la_actor *actor,
				  enum la_list kind, int64_t category_id,
				  const int64_t *ids, size_t n, struct la_err *err);

/* Ticks (on) or unticks one link: category visible for group, or filed
 * under heading (one audit row when it changes). */
enum la_status grouping_set_link(struct db *db, const struct la_actor *actor,
				 enum la_list kind, int64_t category_id, int64_t other_id,
				 bool on, struct la_err *err);

/* Is category linked to other_id (a group or heading)? */
bool grouping_linked(struct db *db, enum la_list kind, int64_t category_id, int64_t other_id);

/* A new category while filtering is on: visible to every active group
 * (called in the transaction of its save). */
enum la_status grouping_new_item(struct db *db, int64_t category_id, struct la_err *err);

/* One line of the preview: a heading, or an item under the heading before
 * it (or under none, at the end). */
struct grouping_row {
	bool heading;
	int64_t id;
	char *name;
};

struct grouping_preview {
	struct grouping_row *v;
	size_t n;
	size_t items;   /* the distinct items a member sees */
	bool on;        /* grouping was on: else every item, ungrouped */
};

/* Company – Category as a member of user group group_id sees it: while
 * grouping is on, the active items visible to the group, under each active
 * heading in rank order (an item under several headings shows under
 * each), then the items under no active heading; while it is off, every
 * active item in rank order, ungrouped. */
enum la_status grouping_preview(struct db *db, int64_t group_id,
				struct grouping_preview *out, struct la_err *err);
void grouping_preview_free(struct grouping_preview *p);

/* The active items that no active user group may see (while filtering is
 * on): category_id and name in rank order. The one query of it, which
 * grouping_unreachable and the deep check (deepcheck.c) both use. */
#define GROUPING_UNREACHABLE_SQL \
	"SELECT c.category_id, c.name FROM category c " \
	"WHERE coalesce(c.deleted, 0) = 0 AND NOT EXISTS (SELECT 1 FROM category_group_link l " \
	"JOIN usergroup g ON g.usergroup_id = l.usergroup_id AND coalesce(g.deleted, 0) = 0 " \
	"WHERE l.category_id = c.category_id) ORDER BY c.rank, c.category_id"

/* The active items that no active user group may see while filtering is
 * on, as "'A', 'B'" (caller frees), NULL when none or when it is off. */
enum la_status grouping_unreachable(struct db *db, char **names, struct la_err *err);

#endif

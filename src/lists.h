/* The two lead lists: Company – Category (`category`) and Contact – Lead
 * status (`leadstatus`). Every rule of DESIGN §1 lives here; the screens and
 * the command line call these functions and nothing below them. */
#ifndef LA_LISTS_H
#define LA_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rights.h"
#include "status.h"

#define LISTS_NAME_MAX_CATEGORY 239
#define LISTS_NAME_MAX_LEADSTATUS 239
#define LISTS_TOOLTIP_MAX 254

enum la_list {
	LIST_CATEGORY,
	LIST_LEADSTATUS,
};

/* Category groups: the fixed set of DESIGN §1, by their stored values. */
enum la_group {
	GROUP_UNKNOWN = 0,
	GROUP_CUSTOMER = 1,
	GROUP_POTENTIAL_CUSTOMER = 2,
	GROUP_PARTNER = 3,
	GROUP_LOST = 4,
	GROUP_OTHER = 5,
};
#define GROUP_COUNT 6

/* "customer", "potential-customer", ... (the command-line spelling). */
const char *lists_group_key(enum la_group group);
/* The translated label: "Potential customer" / "Potenzieller Kunde". */
const char *lists_group_label(enum la_group group);
bool lists_group_parse(const char *key, enum la_group *group);

/* The list's translated title: "Company – Category". */
const char *lists_title(enum la_list list);
/* Table name and the word used in messages and the audit log. */
const char *lists_table(enum la_list list);

struct la_item {
	enum la_list list;
	int64_t id;           /* 0 for a new item */
	char *name;
	char *tooltip;        /* shown as Description; never NULL once loaded */
	int rank;
	bool deleted;
	enum la_group group;  /* category only */
	bool lead_status;     /* category: enable_lead_status */
	bool is_default;      /* leadstatus only */
	int64_t updated_count;/* as read; a save checks it has not moved */
	char registered[20];
	char updated[20];
	long companies;       /* in use: companies (category only) */
	long contacts;        /* in use: contact persons */
};

struct la_items {
	struct la_item *v;
	size_t n;
};

void lists_item_init(struct la_item *item, enum la_list list);
void lists_item_clear(struct la_item *item);
/* Deep copy of src into dst (dst is overwritten, not cleared first). */
void lists_item_copy(struct la_item *dst, const struct la_item *src);
void lists_items_free(struct la_items *items);

/* Items in rank order with their in-use counts; deleted ones only when
 * with_deleted is true. */
enum la_status lists_load(struct db *db, enum la_list list, bool with_deleted,
			  struct la_items *out, struct la_err *err);

/* Finds an item by id ("12") or by name (case-insensitively). The item
 * out is overwritten, not freed: clear it first if it holds one. */
enum la_status lists_find(struct db *db, enum la_list list, const char *key,
			  struct la_item *out, struct la_err *err);
enum la_status lists_get(struct db *db, enum la_list list, int64_t id,
			 struct la_item *out, struct la_err *err);

/* Checks a name for list as rule 3 asks and returns the trimmed copy in
 * *clean (caller frees). Does not look at other items. */
enum la_status lists_check_name(enum la_list list, const char *name,
				char **clean, struct la_err *err);
enum la_status lists_check_tooltip(const char *tooltip, char **clean,
				   struct la_err *err);

/* Confirmation given by the caller for the cautions of rules 6-8. */
enum la_confirm {
	CONFIRM_NONE = 0,
	CONFIRM_YES = 1,
};

/* Adds (item->id == 0) or updates an item. An update compares
 * item->updated_count with the stored one (LA_STALE when it moved). A change
 * that needs a caution returns LA_CONFIRM with the counts in err unless
 * confirm is CONFIRM_YES. On success item holds the stored state and err
 * (required) has an empty message; for a category whose lead status was
 * turned on, err->contacts says how many contacts got the default status
 * (rule 7), else it is 0. */
enum la_status lists_save(struct db *db, const struct la_actor *actor,
			  struct la_item *item, enum la_confirm confirm,
			  struct la_err *err);

/* Soft delete. An in-use item needs confirmation. The default lead status
 * needs confirmation and new_default_id, another active status. */
enum la_status lists_delete(struct db *db, const struct la_actor *actor,
			    enum la_list list, int64_t id,
			    int64_t new_default_id, enum la_confirm confirm,
			    struct la_err *err);
/* What lists_delete would answer (LA_OK, LA_CONFIRM with the caution and
 * counts, or a refusal), without changing anything. */
enum la_status lists_delete_check(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id,
				  int64_t new_default_id, struct la_err *err);
enum la_status lists_restore(struct db *db, const struct la_actor *actor,
			     enum la_list list, int64_t id, struct la_err *err);

/* Moves an item one place up (-1) or down (+1) among the active items. */
enum la_status lists_move(struct db *db, const struct la_actor *actor,
			  enum la_list list, int64_t id, int direction,
			  struct la_err *err);

/* Gives the items ids[0..n) the ranks 1..n, and the others the ranks after
 * them in their present order; *moved tells whether any rank changed. One
 * audit row for the list when the order changed. */
enum la_status lists_reorder(struct db *db, const struct la_actor *actor,
			     enum la_list list, const int64_t *ids, size_t n,
			     bool *moved, struct la_err *err);

/* Makes an active lead status the default (rule 8). */
enum la_status lists_set_default(struct db *db, const struct la_actor *actor,
				 int64_t id, struct la_err *err);

/* The active default lead status, or 0 when there is none. */
int64_t lists_default_status(struct db *db);

/* Adds whichever of the four default lead categories are missing (by name,
 * deleted items included); *added lists their names, *n how many. */
enum la_status lists_add_defaults(struct db *db, const struct la_actor *actor,
				  char ***added, size_t *n, struct la_err *err);

#endif

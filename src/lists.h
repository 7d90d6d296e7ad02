/* The lists of *Settings and maintenance > Lists*: Company – Category
 * (`category`), Contact – Lead status (`leadstatus`), the user groups
 * (`usergroup`) and the headings of Company – Category (`heading`). Every list is one entry of the list definition table
 * (src/listdef.c): its table, words, fields and the hooks for the rules
 * only it has. Everything here loops over those entries; the screens, the
 * command line and import call these functions and nothing below them. */
#ifndef LA_LISTS_H
#define LA_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rights.h"
#include "status.h"

#define LISTS_NAME_MAX 239
#define LISTS_TOOLTIP_MAX 254

enum la_list {
	LIST_CATEGORY,
	LIST_LEADSTATUS,
	LIST_USERGROUP,
	LIST_HEADING,   /* the headings of Company – Category (src/grouping.h) */
	LIST_COUNT
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

/* One item of any list. The members after `deleted` are the values of the
 * list's own fields (see struct la_fielddef); a list leaves the others at
 * their defaults. */
struct la_item {
	enum la_list list;
	int64_t id;           /* 0 for a new item */
	char *name;
	char *tooltip;        /* shown as Description; never NULL once loaded */
	int rank;
	bool deleted;
	enum la_group group;  /* category: category_group */
	bool lead_status;     /* category: enable_lead_status */
	bool is_default;      /* lead status: the default for new leads */
	int64_t updated_count;/* as read; a save checks it has not moved */
	char registered[20];
	char updated[20];
	long companies;       /* in use: companies (categories) */
	long contacts;        /* in use: contact persons (categories, statuses) */
	long members;         /* in use: users whose primary group it is;
				 heading: the categories filed under it */
};

struct la_items {
	struct la_item *v;
	size_t n;
};

/* ---- the list definition table */

enum la_field_kind {
	LF_TEXT,    /* char *: name, description */
	LF_CHOICE,  /* enum la_group: one of the field's choices */
	LF_BOOL,    /* bool */
	LF_COUNT,   /* long, read only: how many records use the item */
};

enum la_field_flags {
	LFF_REQUIRED = 1 << 0, /* text: must not be empty (rule 3) */
	LFF_DEFAULT = 1 << 1,  /* bool: the one default of the list (rule 8);
				  written by lists_set_default, not by a save */
};

struct la_choice {
	int value;
	const char *key;    /* command line and export: "potential-customer" */
	const char *label;  /* N_(): "Potential customer" */
	bool offered;       /* false: only legacy rows have it (Unknown) */
};

struct la_fielddef {
	enum la_field id;          /* which input a refusal is about */
	enum la_field_kind kind;
	size_t offset;             /* the value's member of struct la_item */
	const char *column;        /* SQL: the column, or LF_COUNT's expression */
	const char *key;           /* export, JSON, TSV and audit key */
	const char *label;         /* N_(): the edit dialog's label */
	const char *head;          /* N_(): the command line's column head */
	const char *short_head;    /* N_(): the screen's column head */
	const char *option;        /* command line: "--group", "--lead-status" */
	const char *no_option;     /* LF_BOOL: the option that turns it off */
	const char *metavar;       /* the option's value in usage: "G", "TEXT" */
	const char *mark;          /* LF_BOOL: N_() word shown when true, and
				      nothing when false ("default") */
	int max_chars;             /* LF_TEXT: rule 3's limit */
	int initial;               /* LF_CHOICE, LF_BOOL: a new item's value */
	unsigned flags;            /* enum la_field_flags */
	const struct la_choice *choices;
	int nchoices;
	const char *hint;          /* N_(): under the field in the dialog */
	const char *help;          /* N_(): the dialog's F1 paragraph */
	const char *refusal;       /* N_(): said when the dialog refuses to
				      change it: while it is unavailable, or
				      (LFF_DEFAULT) to untick the default */
	/* Why the field cannot be set on it now (the dialog greys it out and
	 * says so), or NULL. */
	const char *(*unavailable)(const struct la_item *it);
};

struct la_listdef;

/* What uses the items of a list, for a delete with a move: the rows of
 * table whose column holds the item's id. */
struct la_usedby {
	const char *table;      /* "contact"; also the audit list of each row */
	const char *id_column;  /* "contact_id" */
	const char *column;     /* "category_idx" */
	const char *audit_key;  /* the key of each row's audit value: "category" */
	const char *count_key;  /* the key of the move's count: "companies" */
	const char *help;       /* N_(): the command line's paragraph on --move-to */
	size_t count;           /* offsetof(struct la_item, companies): how many
				   use it, as the item's counts say */
	/* "12 companies": a count of them in a sentence, in buf. */
	const char *(*count_text)(long n, char *buf, size_t len);
	/* All that uses it in a sentence, when that is more than count_text
	 * says ("12 companies and 30 contacts"); may be NULL. */
	const char *(*usage_text)(const struct la_item *it, char *buf, size_t len);
	/* Moves one row to item to, applying what a rule implies (rule 7)
	 * and adding to *given the contacts that got the default status;
	 * NULL: an UPDATE of column does it. */
	enum la_status (*move_one)(struct db *db, int64_t row, int64_t to, long *given,
				   struct la_err *err);
};

/* The rules that only one list has; any may be NULL. old is the stored
 * item (NULL for a new one). */
struct la_list_hooks {
	/* Refuses item before a save (rules 1 and 8), or, when adjust is
	 * true, adjusts it where a rule implies a value (rule 1). */
	enum la_status (*check)(struct db *db, const struct la_item *old,
				struct la_item *item, bool adjust, struct la_err *err);
	/* The caution of an update of old to item (rules 6 and 7) into msg,
	 * "" for none; may set err->contacts. */
	enum la_status (*caution)(struct db *db, const struct la_item *old,
				  const struct la_item *item, char *msg, size_t len,
				  struct la_err *err);
	/* After the row is written, in the same transaction (rules 7, 8). */
	enum la_status (*saved)(struct db *db, const struct la_actor *actor,
				const struct la_item *old, struct la_item *item,
				struct la_err *err);
	/* Before old is deleted: a refusal, or the caution into msg ("" for
	 * none) (rules 6 and 8); replacement is the caller's new default (0:
	 * none), target the item what uses old moves to (NULL: none). */
	enum la_status (*delete_check)(struct db *db, const struct la_item *old,
				       int64_t replacement, const struct la_item *target,
				       char *msg, size_t len, struct la_err *err);
	/* Right before old is deleted, once allowed (rule 8: the replacement
	 * becomes the default). */
	enum la_status (*deleting)(struct db *db, const struct la_actor *actor,
				   const struct la_item *old, int64_t replacement,
				   struct la_err *err);
	/* Right after what used old moved to target, in the same change:
	 * moves what else names old along (the group Distribute to owner
	 * uses) and says so in note ("" for nothing). */
	enum la_status (*moved)(struct db *db, const struct la_actor *actor,
				const struct la_item *old, const struct la_item *target,
				char *note, size_t len, struct la_err *err);
	/* What to say before old is deleted when no caution is needed (the
	 * members a user group keeps), into msg. */
	void (*delete_note)(const struct la_item *old, char *msg, size_t len);
	/* After a change in the dialog: applies what a rule implies and
	 * says so in *note (rule 1: lead status goes off with the group). */
	void (*adjust)(struct la_item *item, const struct la_item *before,
		       const char **note);
};

struct la_listdef {
	enum la_list list;
	const char *table;         /* "category" */
	const char *id_column;     /* "category_id" */
	const char *command;       /* the command-line word: "category" */
	const char *export_key;    /* the export file's array: "categories" */
	int export_since;          /* the export format version that first has it */
	const char *title;         /* N_("Company – Category") */
	const char *label;         /* N_("Category"): the change log's list */
	const char *new_title;     /* N_(): the dialog of a new item */
	const char *edit_title;
	const char *readonly_title;
	const char *usage_head;    /* N_(): the screen's in-use column */
	const char *help;          /* N_(): the screen's F1 text */
	const char *cli_help;      /* N_(): the paragraph under its usage */
	const char *empty;         /* N_(): the screen of an empty list */
	enum la_role role;         /* who may change it (rule 9) */
	bool grouping;             /* has user-group filtering and headings
				      (src/grouping.h): Company – Category */
	const char *usage_join;    /* SQL joined to read the LF_COUNT fields */
	/* The default items of a new database (INSERT statements), by language. */
	const char *(*seeds)(const char *language);
	const struct la_fielddef *fields;
	size_t nfields;
	const struct la_list_hooks *hooks;
	const struct la_usedby *used_by;  /* NULL: nothing moves on a delete */
};

/* The definition of list (never NULL for a valid list). */
const struct la_listdef *lists_def(enum la_list list);
/* The list whose command word is s ("category"); false when there is
 * none. */
bool lists_by_command(const char *s, enum la_list *list);
/* The list whose audit name (its table) is table; false when none. */
bool lists_by_table(const char *table, enum la_list *list);

/* The list's translated title: "Company – Category". */
const char *lists_title(enum la_list list);
/* Table name, also the list's name in the audit log. */
const char *lists_table(enum la_list list);

/* A field's value as text: choices by label (or key when keys is true),
 * booleans as the words given, counts as numbers. buf holds what needs
 * formatting; the result may point into the item or into buf. */
const char *lists_field_text(const struct la_fielddef *f, const struct la_item *it,
			     bool keys, const char *yes, const char *no,
			     char *buf, size_t len);
/* The value of a LF_BOOL, LF_CHOICE or LF_COUNT field as a number. */
long lists_field_int(const struct la_fielddef *f, const struct la_item *it);
void lists_field_set_int(const struct la_fielddef *f, struct la_item *it, long v);
/* The char * member of a LF_TEXT field. */
char **lists_field_str(const struct la_fielddef *f, struct la_item *it);
const char *lists_field_cstr(const struct la_fielddef *f, const struct la_item *it);
/* The choice of f with key (the command-line spelling) among the offered
 * ones; NULL when none. */
const struct la_choice *lists_choice_by_key(const struct la_fielddef *f, const char *key);
/* The same among all of f's choices, the ones only legacy rows have too. */
const struct la_choice *lists_choice_by_any_key(const struct la_fielddef *f, const char *key);
/* The choice of f whose value is v (NULL when none). */
const struct la_choice *lists_choice_by_value(const struct la_fielddef *f, int v);
/* "a, b or c": the offered keys, for messages. */
void lists_choice_keys(const struct la_fielddef *f, char *buf, size_t len);
/* The list's field with flag (LFF_DEFAULT), or NULL. */
const struct la_fielddef *lists_flag_field(enum la_list list, unsigned flag);
/* The list's field for refusal id, or NULL. */
const struct la_fielddef *lists_field(enum la_list list, enum la_field id);

/* "customer", "potential-customer", ... (the command-line spelling). */
const char *lists_group_key(enum la_group group);
/* The translated label: "Potential customer" / "Potenzieller Kunde". */
const char *lists_group_label(enum la_group group);
bool lists_group_parse(const char *key, enum la_group *group);

/* ---- names in several languages (SuperOffice's notation, src/mlname.h) */

/* Room for any name as shown (lists_shown). */
#define LISTS_SHOWN_MAX (4 * LISTS_NAME_MAX + 1)

/* The name to show of a stored name: a plain name as it is; of one in the
 * notation (US:"Lead";GE:"Interessent") the value in the program's
 * language, then US, then the first one given, copied into buf. Returns
 * name or buf. */
const char *lists_shown(const char *name, char *buf, size_t len);

/* lists_shown of name made safe for a terminal (text_visible), newly
 * allocated. */
char *lists_shown_visible(const char *name);

/* True when the stored name is in the multi-language notation. */
bool lists_name_multilang(const char *name);

/* SuperOffice's code of program language lang ("en" -> "US", "de" ->
 * "GE"), NULL when it has none. */
const char *lists_language_code(const char *lang);
/* The language a code names, in that language ("English", "Deutsch"), or
 * the code itself. */
const char *lists_language_name(const char *code);

/* Sets the value of language code in the name *name: a plain name becomes
 * one in the notation, the plain value kept under the other language (GE
 * for US, else US); value NULL or "" removes the language. Refused
 * (LA_FIELD_NAME) for a value with a double quote, which the notation
 * cannot carry; *name is unchanged then. Rule 3 is lists_save's. */
enum la_status lists_name_set_code(char **name, const char *code, const char *value,
				   struct la_err *err);

/* The value of language code in name, newly allocated: a plain name is
 * every language's; "" when a name in the notation lacks code. */
char *lists_name_value(const char *name, const char *code);
/* The languages of name in the notation, in its order, into codes (at
 * most max); 0 for a plain name. */
size_t lists_name_codes(const char *name, char codes[][3], size_t max);

/* Whether the list's items are multi-language: one of them has a name in
 * the notation. */
enum la_status lists_multilang(struct db *db, enum la_list list, bool *yes,
			       struct la_err *err);

/* ---- items */

void lists_item_init(struct la_item *item, enum la_list list);
void lists_item_clear(struct la_item *item);
/* Deep copy of src into dst (dst is overwritten, not cleared first). */
void lists_item_copy(struct la_item *dst, const struct la_item *src);
void lists_items_free(struct la_items *items);
/* Replaces each item's name by the name as shown (lists_shown): for
 * pickers and messages, never for a save, which needs the stored text. */
void lists_items_shown(struct la_items *items);
/* True when a and b hold the same values in every field a save writes. */
bool lists_item_same(const struct la_item *a, const struct la_item *b);

/* Items in rank order with their in-use counts; deleted ones only when
 * with_deleted is true. */
enum la_status lists_load(struct db *db, enum la_list list, bool with_deleted,
			  struct la_items *out, struct la_err *err);
/* The same items one at a time, without holding them: fn gets each in
 * turn (valid during the call only) and returns false to stop. */
enum la_status lists_each(struct db *db, enum la_list list, bool with_deleted,
			  bool (*fn)(const struct la_item *it, void *arg), void *arg,
			  struct la_err *err);
/* The smallest and largest id and rank of a list, deleted items
 * included (a NULL rank reads as 0): what the widest id and rank of a
 * table of its items can be, found at the ends of two indexes without
 * reading the items. */
struct lists_range {
	int64_t id_lo, id_hi;
	int rank_lo, rank_hi;
};
enum la_status lists_range(struct db *db, enum la_list list, struct lists_range *r,
			   struct la_err *err);

/* ---- pages: a list of any length, read a screenful at a time */

/* A place in a list's order: rank, then id; the items without a rank
 * (NULL: another program's rows) come first. The order is a keyset: a
 * page starts after a key and reads a range of the index on rank, so
 * that page k costs what page 1 does. */
struct lists_key {
	bool ranked;     /* false: the rank is NULL */
	int64_t rank;
	int64_t id;
};

/* Gets each item of a page with its key (both valid during the call
 * only); false stops the reading (not an error). */
typedef bool (*lists_page_fn)(const struct la_item *it, const struct lists_key *key,
			      void *arg);

/* The items of list (deleted ones only when with_deleted) that match
 * filter (NULL or "": all; else the name or the description contains it,
 * case folded, as the screen's filter compares them), read one by one
 * into fn, nothing held, with their in-use counts:
 *   dir > 0: those after key (key NULL: from the first), in order;
 *   dir < 0: those before key (key NULL: from the last), nearest first.
 * At most limit of them (0: no limit). A filter that few items match
 * scans the list to fill a page. */
enum la_status lists_page(struct db *db, enum la_list list, bool with_deleted,
			  const char *filter, const struct lists_key *key, int dir,
			  size_t limit, lists_page_fn fn, void *arg, struct la_err *err);

/* How many items (as lists_page selects them) come before key in the
 * order, or all of them when key is NULL. A count: it reads the whole
 * list (the index on rank without filter, the rows with one). */
enum la_status lists_position(struct db *db, enum la_list list, bool with_deleted,
			      const char *filter, const struct lists_key *key, size_t *n,
			      struct la_err *err);

/* lists_position of key and, in the same read of the list, all the
 * items a filter shows (*n): what a screen needs after a key typed into
 * its filter, at the cost of one count. */
enum la_status lists_position_count(struct db *db, enum la_list list, bool with_deleted,
				    const char *filter, const struct lists_key *key,
				    size_t *pos, size_t *n, struct la_err *err);

/* The key of item id as stored now; LA_NOT_FOUND when there is none. */
enum la_status lists_key_of(struct db *db, enum la_list list, int64_t id,
			    struct lists_key *key, struct la_err *err);

/* Finds the item that key names, as the command line's ITEM: "id:12" is
 * the item with id 12; anything else is a name first (rule 2: any case,
 * deleted items included); a number that is no item's name is an id. A
 * number that is one item's name and another item's id is refused
 * (LA_REFUSED, naming both and how to say which). The item out is
 * overwritten, not freed: clear it first if it holds one. */
enum la_status lists_find(struct db *db, enum la_list list, const char *key,
			  struct la_item *out, struct la_err *err);
enum la_status lists_get(struct db *db, enum la_list list, int64_t id,
			 struct la_item *out, struct la_err *err);

/* ---- the rules, each one function */

/* Rule 2: the item whose name is name under rule 2 (case-insensitively,
 * deleted items included), other than except: *id (0 when none) and
 * *deleted. A database error is an error, never "none". */
enum la_status lists_name_taken(struct db *db, enum la_list list, const char *name,
				int64_t except, int64_t *id, bool *deleted,
				struct la_err *err);

/* Every key that lists_name_taken compares a name's key with (the key of
 * each item's name, each key per language of a multi-language name, of
 * every item, deleted ones too) to fn; *complete is false when an item's
 * name has no key yet (another program renamed it), which only its name
 * shows. */
enum la_status lists_name_keys(struct db *db, enum la_list list,
			       void (*fn)(const char *key, void *arg), void *arg,
			       bool *complete, struct la_err *err);

/* The names of list that are one name under rule 2 (a legacy database
 * can hold them): "'Kunde' = 'KUNDE', ..." (caller frees), NULL when none.
 * Multi-language names that are one name in one language (another
 * program wrote them) follow with the language and the value:
 * "'US:"Lead";GE:"Kunde"' = 'US:"Client";GE:"Kunde"' (GE: 'Kunde')"; a
 * plain name clashes with a value in any language. */
enum la_status lists_twins(struct db *db, enum la_list list, char **names,
			   struct la_err *err);

/* Rule 3: checks a name for list and returns the trimmed NFC copy in
 * *clean (caller frees). Does not look at other items. */
enum la_status lists_check_name(enum la_list list, const char *name,
				char **clean, struct la_err *err);
enum la_status lists_check_tooltip(const char *tooltip, char **clean,
				   struct la_err *err);
/* Rule 3 for a value that is not an item's name (a canonical UTM
 * value): trimmed, in NFC, not empty, valid UTF-8 without control or
 * invisible characters, at most max_chars characters; label (translated,
 * "The canonical value") says in a refusal what it is about. */
enum la_status lists_check_value(const char *text, const char *label, int max_chars,
				 char **clean, struct la_err *err);

/* Rule 1: why a category of this group may not use lead status (NULL: it
 * may). */
const char *lists_lead_status_refusal(enum la_group group);
/* Rule 1 as the dialog shows it: why lead status is greyed out for it. */
const char *lists_lead_status_unavailable(const struct la_item *it);

/* The list's rules for the values of item as they are given, old being
 * the stored item (NULL for a new one), without adjusting them: what an
 * import file states must hold as stated. */
enum la_status lists_check_stated(struct db *db, const struct la_item *old,
				  struct la_item *item, struct la_err *err);

/* After a field changed in a dialog: applies what the list's rules imply
 * (rule 1) and sets *note to what it did (NULL when nothing). */
void lists_adjust(struct la_item *item, const struct la_item *before,
		  const char **note);

/* Why a dialog may not change field f of the stored item, or NULL (rule
 * 8: the default is moved by making another item the default, never by
 * unticking it). */
const char *lists_field_locked(const struct la_fielddef *f, const struct la_item *stored);

/* Rule 8: the active default item of list (the one with its LFF_DEFAULT
 * field), *id 0 when there is none. */
enum la_status lists_default_item(struct db *db, enum la_list list, int64_t *id,
				  struct la_err *err);
/* The default lead status (rule 8; *id 0 when none). */
enum la_status lists_default_status(struct db *db, int64_t *id, struct la_err *err);
/* Which items may become the default instead of except: the active ones. */
enum la_status lists_default_candidates(struct db *db, enum la_list list,
					int64_t except, struct la_items *out,
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
 * (rule 7), else it is 0. An edit that changes nothing saves nothing. */
enum la_status lists_save(struct db *db, const struct la_actor *actor,
			  struct la_item *item, enum la_confirm confirm,
			  struct la_err *err);
/* lists_save of an item whose name the caller has just looked up in this
 * transaction (lists_name_taken, no item excepted) and found free: a new
 * item whose name is still free_name after rule 3 is not looked up again
 * for rule 2, and, in a list without a default, is not read back either:
 * item then holds what was written, its id and its rank (its counts,
 * times and update count are not read). A new item gets rank when it is
 * above 0 (see lists_staged_rank: only for a list whose ranks are plain),
 * else the rank after all others. A NULL
 * free_name and a rank of 0 are lists_save. */
enum la_status lists_save_named(struct db *db, const struct la_actor *actor,
				struct la_item *item, const char *free_name, int rank,
				enum la_confirm confirm, struct la_err *err);

/* Soft delete (rule 4). An in-use item needs confirmation (rule 6); the
 * default needs confirmation and new_default_id, another active item
 * (rule 8). */
enum la_status lists_delete(struct db *db, const struct la_actor *actor,
			    enum la_list list, int64_t id,
			    int64_t new_default_id, enum la_confirm confirm,
			    struct la_err *err);
/* What deleting would do, without changing anything: LA_CONFIRM with the
 * caution and counts, LA_OK (err->msg may hold a note, e.g. the members
 * of a user group), or the refusal. */
enum la_status lists_delete_check(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id,
				  int64_t new_default_id, struct la_err *err);

/* What a delete with a move did. */
struct lists_moved {
	long moved;   /* the rows that used the item and now use the target */
	long given;   /* contacts that got the default status (rule 7) */
};

/* lists_delete that first moves what uses the item to move_to, another
 * item of the list that is not deleted (0: no move), in the same
 * transaction, with an audit row for each row moved and one for the move
 * with its count. An item that is already deleted but still in use only
 * has its users moved. The caution is then only what the move leaves
 * behind (rule 6: a target without lead status). moved may be NULL. */
enum la_status lists_delete_move(struct db *db, const struct la_actor *actor,
				 enum la_list list, int64_t id, int64_t move_to,
				 int64_t new_default_id, enum la_confirm confirm,
				 struct lists_moved *moved, struct la_err *err);
/* lists_delete_check with a move. */
enum la_status lists_delete_move_check(struct db *db, const struct la_actor *actor,
				       enum la_list list, int64_t id, int64_t move_to,
				       int64_t new_default_id, struct la_err *err);
/* How many rows use it (0 when nothing of the list can move), and that
 * count in a sentence ("12 companies") in buf when buf is not NULL. */
long lists_used_count(const struct la_item *it, char *buf, size_t len);
/* Everything that uses it in a sentence ("12 companies and 30 contacts"),
 * in buf; "" for a list where nothing moves. */
const char *lists_usage_text(const struct la_item *it, char *buf, size_t len);

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

/* The same for an order that the caller puts into temp.la_order (id,
 * pos) after lists_order_stage made it empty, in its transaction: a long
 * list's order without an array of its ids. */
enum la_status lists_order_stage(struct db *db, struct la_err *err);
enum la_status lists_reorder_staged(struct db *db, const struct la_actor *actor,
				    enum la_list list, bool *moved, struct la_err *err);
/* The rank that lists_reorder_staged gives the item at place pos (from 0)
 * of an order whose places are 0, 1, ... each once. When the list's ranks
 * were 1, 2, ... n, each once, before the first such item was added
 * (lists_ranks_plain), an item added with it (lists_save_named) already
 * stands where that order puts it, so that the reorder moves only the
 * items that were there. Ranks with gaps, shared ranks or NULL (a legacy
 * list) are not: there, new items take the rank after all others. */
int lists_staged_rank(size_t pos);
enum la_status lists_ranks_plain(struct db *db, enum la_list list, bool *plain,
				 struct la_err *err);
/* The ids of list's items in their present order (rank, then id), up to
 * max of them into ids; *n is how many there are, or max + 1 when there
 * are more. */
enum la_status lists_in_order(struct db *db, enum la_list list, int64_t *ids, size_t max,
			      size_t *n, struct la_err *err);
/* lists_reorder_staged, without la_order, for an order that places
 * placed items (2 or more), each added with lists_staged_rank of its
 * place to a list whose ranks were plain, and none of the items that were
 * there before it: those, ids[0..n) (lists_in_order, before the first was
 * added), follow the placed ones, in their order, as that reorder puts
 * them (the same ranks, update counts and audit row). */
enum la_status lists_reorder_after(struct db *db, const struct la_actor *actor,
				   enum la_list list, size_t placed, const int64_t *ids,
				   size_t n, bool *moved, struct la_err *err);

/* Makes an active item the default of its list (rule 8). */
enum la_status lists_set_default(struct db *db, const struct la_actor *actor,
				 enum la_list list, int64_t id, struct la_err *err);

/* May actor change list (rule 9)? LA_DENIED says who can grant it. */
enum la_status lists_may_change(struct db *db, const struct la_actor *actor,
				enum la_list list, struct la_err *err);

/* What add-defaults did with one default category, and why when it did
 * not add it: another category has its name (rule 2: any case, deleted
 * items included). The first that holds, in the order a fix takes. */
enum lists_default_state {
	LISTS_DEFAULT_ADDED,        /* it was missing and is added now */
	LISTS_DEFAULT_DELETED,      /* the category of its name is deleted */
	LISTS_DEFAULT_OTHER_GROUP,  /* ... is not a Potential customer */
	LISTS_DEFAULT_LEAD_OFF,     /* ... is one, with lead status off */
	LISTS_DEFAULT_EXISTS,       /* ... is a lead category already */
};

struct lists_default {
	char *name;                 /* the default's name (database language) */
	enum lists_default_state state;
	struct la_item item;        /* the category added, or the one that has
				       its name, as stored */
};

struct lists_defaults {
	struct lists_default *v;    /* one per default, in their rank order */
	size_t n;
	size_t added;               /* how many are LISTS_DEFAULT_ADDED */
};

/* Adds whichever of the four default lead categories are missing, in one
 * transaction, and says of each what it did (out; empty on failure). */
enum la_status lists_add_defaults(struct db *db, const struct la_actor *actor,
				  struct lists_defaults *out, struct la_err *err);
void lists_defaults_free(struct lists_defaults *d);

/* The item as JSON for the audit log (caller frees). */
char *lists_item_json(const struct la_item *it);

#endif

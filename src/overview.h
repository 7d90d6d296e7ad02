/* The lead overview: contacts per lead status, per lead-enabled category,
 * per owner and per first-touch source and campaign; and the contacts of
 * one status. Each dimension adds up to the total: the leads that no item
 * of a dimension holds have rows of their own (no company, a category
 * without lead status, ...). */
#ifndef LA_OVERVIEW_H
#define LA_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

enum overview_dim {
	OVERVIEW_STATUS,
	OVERVIEW_CATEGORY,
	OVERVIEW_OWNER,
	OVERVIEW_SOURCE,
	OVERVIEW_CAMPAIGN,
	OVERVIEW_DIMS
};

/* What a row counts. The kinds after OVERVIEW_NONE are rows of one
 * dimension only, and appear only when they count someone. */
enum overview_kind {
	OVERVIEW_ITEM,         /* a status, category or owner (id), or a source
				  or campaign (label) */
	OVERVIEW_NONE,         /* no owner, no first-touch source or campaign */
	OVERVIEW_LEAD_OFF,     /* category: the company's category has lead
				  status off */
	OVERVIEW_NO_CATEGORY,  /* category: the company has no category */
	OVERVIEW_NO_COMPANY,   /* category: the contact has no company */
	OVERVIEW_UNLISTED,     /* status: the status is not in the list */
	OVERVIEW_KINDS
};

struct overview_row {
	enum overview_kind kind;
	int64_t id;       /* leadstatus, category or associate id; 0 otherwise */
	char *label;      /* the item's name or the value; "" for other kinds */
	long contacts;    /* leads (contacts with a lead status) in the row */
	long companies;   /* OVERVIEW_CATEGORY: the companies of those leads
			     (each has one category, so they add up too);
			     -1 in the other dimensions, which are about
			     contacts, not companies */
	bool deleted;     /* the status, category or owner is deleted */
};

struct overview {
	struct overview_row *rows[OVERVIEW_DIMS];
	size_t n[OVERVIEW_DIMS];
	long total;       /* contacts that have a lead status; the contacts
			     of every dimension's rows add up to it */
};

/* "status", "category", "owner", "source", "campaign". */
const char *overview_dim_key(enum overview_dim dim);
/* The translated heading of a dimension. */
const char *overview_dim_title(enum overview_dim dim);
/* "item", "none", "lead-status-off", "no-category", "no-company",
 * "not-in-list": the kind in TSV and JSON. */
const char *overview_kind_key(enum overview_kind kind);
/* What a person reads in the row's first column: the label of an item,
 * the translated "(no company)" etc. of the other kinds. */
const char *overview_row_label(const struct overview_row *row);

enum la_status overview_load(struct db *db, struct overview *out,
			     struct la_err *err);
void overview_free(struct overview *ov);

/* One contact of a lead status as it is read: the strings live until the
 * callback that gets it returns. */
struct overview_contact {
	int64_t person_id;
	const char *name;       /* "First Last" */
	const char *company;
	const char *email;
	const char *owner;      /* the owner's login, "" when none */
	const char *source;     /* first touch, "" when none */
	const char *campaign;
	const char *registered; /* "" when none */
	bool undated;           /* registered is NULL (a legacy row) */
};

/* A place in the order of a status's contacts: newest first, that is
 * registered descending (contacts without one last), then person_id
 * descending. The order is a keyset: a page starts after a key, so that
 * reading page k costs what reading page 1 does when an index on
 * person (leadstatus_id, registered) serves it; see README. */
struct overview_key {
	const char *registered; /* NULL: the contact has none */
	int64_t person_id;
};

/* Gets each contact; false stops the reading (not an error). */
typedef bool (*overview_contact_fn)(void *ctx, const struct overview_contact *c);

/* The contacts of status_id that match filter (NULL or "": all; else the
 * name, company, e-mail, owner, source or campaign contains it, case
 * folded, "-" standing for an empty one, as the screen shows it), read
 * one by one into fn, nothing held:
 *   dir > 0: those after key (key NULL: from the newest), in the order;
 *   dir < 0: those before key (key NULL: from the oldest), nearest first,
 *            that is in reverse order.
 * At most limit of them (0: no limit). */
enum la_status overview_contacts_page(struct db *db, int64_t status_id, const char *filter,
				      const struct overview_key *key, int dir, size_t limit,
				      overview_contact_fn fn, void *ctx, struct la_err *err);

/* How many contacts of status_id match filter (as above); with before,
 * only those that come before that key in the order (the key's
 * position). Without filter and key it is the kept count (lead_tally),
 * the number the lead overview shows. */
enum la_status overview_contacts_count(struct db *db, int64_t status_id, const char *filter,
				       const struct overview_key *before, size_t *n,
				       struct la_err *err);

/* The first limit contacts of status_id that match filter (not NULL),
 * newest first, into fn, and in *n how many match: what a filter's first
 * page and count need, in one scan of the status's contacts (a page and a
 * count would be two: the filter reads the cells of every contact), with
 * the limit newest held on the way. */
enum la_status overview_contacts_filter(struct db *db, int64_t status_id, const char *filter,
					size_t limit, size_t *n, overview_contact_fn fn, void *ctx,
					struct la_err *err);

/* All contacts of status_id, newest first, read passes times (1 or 2)
 * from one snapshot of the database, begin (if not NULL) called before
 * each pass with its number (0, 1): a table measures its columns in the
 * first pass and prints in the second. */
enum la_status overview_contacts_each(struct db *db, int64_t status_id, int passes,
				      void (*begin)(void *ctx, int pass),
				      overview_contact_fn fn, void *ctx, struct la_err *err);

#endif

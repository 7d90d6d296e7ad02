/* The lead overview: contacts per lead status, per lead-enabled category,
 * per owner and per first-touch source and campaign; and the contacts of
 * one status. Each dimension adds up to the total: the leads that no item
 * of a dimension holds have rows of their own (no company, a category
 * without lead status, ...). */
#ifndef LA_OVERVIEW_H
#define LA_OVERVIEW_H

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

struct overview_contact {
	int64_t person_id;
	char *name;       /* "First Last" */
	char *company;
	char *email;
	char *owner;      /* the owner's login, "" when none */
	char *source;     /* first touch, "" when none */
	char *campaign;
	char registered[20];
};

/* The contacts whose status is status_id, newest first, at most limit
 * (0: all). */
enum la_status overview_contacts(struct db *db, int64_t status_id, size_t limit,
				 struct overview_contact **out, size_t *n,
				 struct la_err *err);
void overview_contacts_free(struct overview_contact *v, size_t n);

#endif

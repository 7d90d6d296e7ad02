/* The lead overview: contacts per lead status, per lead-enabled category,
 * per owner and per first-touch source and campaign; and the contacts of
 * one status. */
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

struct overview_row {
	int64_t id;       /* leadstatus, category or associate id; 0 otherwise */
	char *label;      /* a name; "" for "none" (the screen says "(none)") */
	long contacts;
	long companies;   /* OVERVIEW_CATEGORY only */
	bool deleted;     /* the status or category is deleted */
};

struct overview {
	struct overview_row *rows[OVERVIEW_DIMS];
	size_t n[OVERVIEW_DIMS];
	long total;       /* contacts that have a lead status */
};

/* "status", "category", "owner", "source", "campaign". */
const char *overview_dim_key(enum overview_dim dim);
/* The translated heading of a dimension. */
const char *overview_dim_title(enum overview_dim dim);

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

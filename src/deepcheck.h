/* The deep consistency check (`setup-check --deep` and the fourth part of
 * the set-up screen): data that the rules no longer allow or that nobody
 * can reach, found by one table of checks (src/deepcheck.c), each with
 * its count and the command that fixes it. */
#ifndef LA_DEEPCHECK_H
#define LA_DEEPCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

enum deepcheck_kind {
	DEEP_FROZEN_LEAD_STATUS,     /* contacts: their category's lead status is off */
	DEEP_LEAD_STATUS_OUTSIDE,    /* categories with lead status outside Potential customer */
	DEEP_RULE_DELETED_ITEM,      /* enabled automation rules naming a deleted item */
	DEEP_UNREACHABLE,            /* categories no user group may see (filtering on) */
	DEEP_PERSON_COMPANY_MISSING,      /* persons whose company is not there */
	DEEP_COMPANY_DELETED_CATEGORY, /* companies of deleted categories */
	DEEP_DISTRIBUTE_DELETED_GROUP, /* Distribute to owner's group is deleted */
	DEEP_CHECKS
};

/* What a finding is about: an item or a rule, with its share of the count. */
struct deepcheck_subject {
	int64_t id;      /* category or user group id, or the rule's trigger; 0 for none */
	long count;
	char *fix;       /* the command that fixes it, NULL when there is none */
};

struct deepcheck_finding {
	enum deepcheck_kind kind;
	long count;                       /* 0: nothing found */
	struct deepcheck_subject *v;
	size_t n;
};

struct deepcheck_report {
	struct deepcheck_finding f[DEEP_CHECKS];
	size_t found;                     /* the checks that found something */
};

/* Runs every check (reads only). */
enum la_status deepcheck_run(struct db *db, struct deepcheck_report *out,
			     struct la_err *err);
void deepcheck_free(struct deepcheck_report *r);

/* The check's key ("frozen_lead_status") and its translated label, which a
 * count follows ("Contacts whose lead status is frozen ...: 3"). */
const char *deepcheck_key(enum deepcheck_kind k);
const char *deepcheck_label(enum deepcheck_kind k);
/* Translated: what to do when no command fixes it (NULL when one does). */
const char *deepcheck_no_fix(enum deepcheck_kind k);

#endif

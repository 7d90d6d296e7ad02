/* A dry run of Distribute to owner: the owners that submissions would get
 * with the current marketing settings, by the same choice and the same
 * rotation as submit, without writing anything. */
#ifndef LA_SIMULATE_H
#define LA_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "marketing.h"
#include "status.h"

/* Why someone the settings name gets nothing. */
enum simulate_why {
	SIMULATE_INACTIVE,      /* the user is deactivated */
	SIMULATE_GROUP_DELETED, /* the user group is deleted */
	SIMULATE_NOT_IN_GROUP,  /* a selected associate outside the user group */
};

struct simulate_owner {
	int64_t id;
	char login[64];
	long count;
	bool fallback;          /* not eligible: given only when no one is */
};

struct simulate_skip {
	int64_t id;
	char login[64];
	enum simulate_why why;
};

struct simulate {
	enum distribute_mode mode;   /* as simulated */
	int64_t after;               /* the rotation continues after this one; 0 */
	char after_login[64];
	long submissions;            /* read (lines or stored rows) */
	long given;                  /* given an owner */
	long kept;                   /* conversions that keep their owner */
	long nobody;                 /* no one available and no fallback */
	long repeated;               /* an id processed before: skipped */
	long rejected;               /* malformed lines */
	struct simulate_owner *owners;  /* the eligible in rotation order, then the fallback */
	size_t nowners, neligible;
	struct simulate_skip *skipped;
	size_t nskipped;
	long spread;                 /* largest difference between two eligible owners */
};

/* With the licence and Distribute on, or mode (DISTRIBUTE_ASSOCIATES or
 * DISTRIBUTE_GROUP) to preview the stored associates or group with that
 * mode instead of the stored one (DISTRIBUTE_OFF: as stored). LA_REFUSED
 * with the reason when the licence is off, or Distribute is off and no
 * mode is given. */
enum la_status simulate_file(struct db *db, enum distribute_mode mode, FILE *in,
			     void (*reject_cb)(void *ctx, long line, const char *reason),
			     void *ctx, struct simulate *sim, struct la_err *err);
/* The last n stored submissions, oldest first, replayed from the rotation
 * as it is now: one that created a contact as a new contact; a conversion
 * as one of a contact with its current owner (or the owner the replay gave
 * it before). */
enum la_status simulate_last(struct db *db, enum distribute_mode mode, long n,
			     struct simulate *sim, struct la_err *err);
void simulate_free(struct simulate *sim);
/* "inactive", "group-deleted", "not-in-group" (TSV, JSON). */
const char *simulate_why_key(enum simulate_why why);
/* The reason in words, translated. */
const char *simulate_why_text(enum simulate_why why);

#endif

/* Marketing Premium: the licence and the marketing settings (UTM transfer,
 * the default category for form companies, Distribute to owner). */
#ifndef LA_MARKETING_H
#define LA_MARKETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rights.h"
#include "status.h"

#define LICENCE_MARKETING_PREMIUM "marketing-premium"

struct la_licence {
	char *name;
	bool enabled;
	char updated[20];
};

/* The licences the database knows, by name. */
enum la_status marketing_licences(struct db *db, struct la_licence **out,
				  size_t *n, struct la_err *err);
void marketing_licences_free(struct la_licence *v, size_t n);
/* True when licence name is enabled (false when unknown). */
bool marketing_licensed(struct db *db, const char *name);
/* Enables or disables a licence: General administrator only. */
enum la_status marketing_set_licence(struct db *db, const struct la_actor *actor,
				     const char *name, bool enabled,
				     struct la_err *err);

enum distribute_mode {
	DISTRIBUTE_OFF = 0,        /* new contacts get no owner */
	DISTRIBUTE_ASSOCIATES = 1, /* evenly to the selected associates */
	DISTRIBUTE_GROUP = 2,      /* evenly to the members of one user group */
};

struct marketing_settings {
	bool utm_enabled;          /* Enable UTM data transfer on form submissions */
	int64_t form_category_id;  /* category of companies made from forms; 0 none */
	enum distribute_mode mode;
	int64_t group_id;          /* DISTRIBUTE_GROUP: the primary user group */
	int64_t *associates;       /* DISTRIBUTE_ASSOCIATES: who, by associate_id */
	size_t nassociates;
	bool only_unassigned;      /* only give an owner to unassigned contacts */
	int64_t fallback_id;       /* if no one is available; 0 none */
	int64_t version;           /* as read: a save refuses when it moved */
};

/* "off", "associates", "group". */
const char *marketing_mode_key(enum distribute_mode mode);
bool marketing_mode_parse(const char *key, enum distribute_mode *mode);

enum la_status marketing_load(struct db *db, struct marketing_settings *out,
			      struct la_err *err);
/* Checks (category exists and is not deleted, group and associates exist,
 * fallback is active) and stores the settings with an audit row: General
 * administrator only; LA_STALE when someone saved since s was read. */
enum la_status marketing_save(struct db *db, const struct la_actor *actor,
			      struct marketing_settings *s, struct la_err *err);
void marketing_settings_free(struct marketing_settings *s);

/* The associates eligible for Distribute to owner right now (active, and
 * selected or members of the group), in rotation order (by associate_id). */
enum la_status marketing_eligible(struct db *db, const struct marketing_settings *s,
				  int64_t **ids, size_t *n, struct la_err *err);

/* The next owner of the rotation, which persists across runs: the first
 * eligible associate after the last one given a contact; the fallback when
 * none is eligible; 0 when distribution is off. Call inside the write
 * transaction that assigns the owner, so that two processes share one
 * rotation. */
enum la_status marketing_next_owner(struct db *db, const struct marketing_settings *s,
				    int64_t *owner, struct la_err *err);

/* The same rotation for many owners given in one write transaction (form
 * submissions in a batch): the eligible associates, the fallback and the
 * last one given are read once, at the first marketing_rotation_next, and
 * the last one given is written once, by marketing_rotation_save, which
 * must run before the commit. Nobody else changes them meanwhile (the
 * transaction holds the write lock), so the owners are those that
 * marketing_next_owner would give one by one. Start from { 0 }. */
struct marketing_rotation {
	bool loaded, dirty;
	int64_t *ids;          /* eligible, in rotation order */
	size_t n;
	int64_t last;          /* the last one given */
	int64_t fallback;      /* when none is eligible: the active fallback, or 0 */
};

enum la_status marketing_rotation_next(struct db *db, const struct marketing_settings *s,
				       struct marketing_rotation *r, int64_t *owner,
				       struct la_err *err);
enum la_status marketing_rotation_save(struct db *db, struct marketing_rotation *r,
				       struct la_err *err);
/* Forgets what was read (after a commit or a rollback). */
void marketing_rotation_forget(struct marketing_rotation *r);

#endif

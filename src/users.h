/* Users (associates) beyond their role, and user groups: *Settings and
 * maintenance > Users*. General administrators only. */
#ifndef LA_USERS_H
#define LA_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rights.h"
#include "status.h"

struct la_usergroup {
	int64_t id;
	char *name;
	char *tooltip;
	int rank;
	bool deleted;
	long members;          /* associates whose primary group this is */
	int64_t updated_count;
};

void users_groups_free(struct la_usergroup *v, size_t n);
/* User groups in rank order; deleted ones only with with_deleted. */
enum la_status users_groups(struct db *db, bool with_deleted,
			    struct la_usergroup **out, size_t *n,
			    struct la_err *err);
/* Finds a group by id or by name (case-insensitively). */
enum la_status users_group_find(struct db *db, const char *key,
				struct la_usergroup *out, struct la_err *err);
/* Adds (g->id == 0) or renames/describes a group; names are unique
 * case-insensitively, deleted groups included; stale saves refused. */
enum la_status users_group_save(struct db *db, const struct la_actor *actor,
				struct la_usergroup *g, struct la_err *err);
enum la_status users_group_delete(struct db *db, const struct la_actor *actor,
				  int64_t id, struct la_err *err);
enum la_status users_group_restore(struct db *db, const struct la_actor *actor,
				   int64_t id, struct la_err *err);
/* Moves a group one place up (-1) or down (+1) among the active groups. */
enum la_status users_group_move(struct db *db, const struct la_actor *actor,
				int64_t id, int direction, struct la_err *err);

/* One save of a user's dialog: every part or none (one transaction). */
struct users_change {
	const char *login;
	bool add;               /* a new user with login */
	const char *full_name;  /* NULL: unchanged */
	int role;               /* an enum la_role, or -1: unchanged */
	int64_t group_id;       /* 0: none, -1: unchanged */
	int active;             /* 1, 0, or -1: unchanged */
};

/* Applies c all or nothing; a refusal names its part in err->field
 * (LA_FIELD_NAME: login, DESCRIPTION: full name, ROLE, GROUP, ACTIVE). */
enum la_status users_save(struct db *db, const struct la_actor *actor,
			  const struct users_change *c, struct la_err *err);

/* A user's primary group (0: none). */
enum la_status users_set_group(struct db *db, const struct la_actor *actor,
			       const char *login, int64_t group_id,
			       struct la_err *err);
/* Activates or deactivates a user; the last active General administrator
 * cannot be deactivated. */
enum la_status users_set_active(struct db *db, const struct la_actor *actor,
				const char *login, bool active,
				struct la_err *err);
enum la_status users_set_full_name(struct db *db, const struct la_actor *actor,
				   const char *login, const char *full_name,
				   struct la_err *err);

#endif

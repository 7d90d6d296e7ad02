/* Users (associates) beyond their role: *Settings and maintenance >
 * Users*. General administrators only. User groups are a list (lists.h,
 * LIST_USERGROUP). */
#ifndef LA_USERS_H
#define LA_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rights.h"
#include "status.h"

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

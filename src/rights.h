/* Who is acting and what they may do (DESIGN rule 9). The acting user is
 * the operating-system login of the effective user id, matched to
 * associate.name; never an environment variable or an option. */
#ifndef LA_RIGHTS_H
#define LA_RIGHTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "db.h"
#include "status.h"

/* The login of the effective user id (static storage). */
const char *rights_os_login(void);

/* Fills actor for the OS login in db. */
enum la_status rights_actor(struct db *db, struct la_actor *actor,
			    struct la_err *err);
/* Same for a given login: for tests and for the store's own set-up. */
enum la_status rights_actor_for(struct db *db, const char *login,
				struct la_actor *actor, struct la_err *err);

/* The login of the associate with id into login[len]: LA_OK, or
 * LA_NOT_FOUND (login "") when there is none. */
enum la_status rights_login_of(struct db *db, int64_t associate_id, char *login,
			       size_t len, struct la_err *err);

/* LA_OK when actor may change lists; else LA_DENIED with a message that
 * says who can grant access. */
enum la_status rights_check_lists(struct db *db, const struct la_actor *actor,
				  struct la_err *err);
/* LA_OK when actor is an active General administrator. */
enum la_status rights_check_general(struct db *db, const struct la_actor *actor,
				    struct la_err *err);

/* Is target the last active General administrator (who must keep that
 * role and stay active)? *last is false for anyone else. */
enum la_status rights_last_general_admin(struct db *db, const struct la_actor *target,
					 bool *last, struct la_err *err);

/* Role names: "general-admin", "list-admin", "user" and their labels. */
const char *rights_role_key(enum la_role role);
const char *rights_role_label(enum la_role role);
bool rights_role_parse(const char *key, enum la_role *role);

struct la_user {
	int64_t associate_id;
	char *name;      /* the login */
	char *full_name;
	enum la_role role;
	bool active;
	int64_t group_id;  /* primary user group, 0 for none */
	char *group_name;  /* "" for none */
};

void rights_users_free(struct la_user *users, size_t n);
enum la_status rights_users(struct db *db, struct la_user **out, size_t *n,
			    struct la_err *err);
enum la_status rights_user_add(struct db *db, const struct la_actor *actor,
			       const char *login, const char *full_name,
			       enum la_role role, struct la_err *err);
enum la_status rights_user_set_role(struct db *db, const struct la_actor *actor,
				    const char *login, enum la_role role,
				    struct la_err *err);

/* The kind of the database server's role of a leadadmin role, for
 * db_grant_role: "general", "lists" or "user" (rule 9 enforced by a
 * PostgreSQL server, data/pg/schema.sql). */
const char *rights_server_role(enum la_role role);

#endif

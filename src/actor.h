/* Who acts: plain data that the store records (the audit log) and the
 * domain fills (rights.c decides who it is and what they may do). */
#ifndef LA_ACTOR_H
#define LA_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

enum la_role {
	ROLE_USER = 0,
	ROLE_LIST_ADMIN = 1,
	ROLE_GENERAL_ADMIN = 2,
};

struct la_actor {
	char login[64];
	int64_t associate_id; /* 0 when the login is not an associate */
	enum la_role role;
	bool active;
};

#endif

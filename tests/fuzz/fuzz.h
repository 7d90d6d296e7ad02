/* Shared by the libFuzzer targets (issue 5, item 8) and their replay
 * driver: the entry point, and a General administrator's in-memory
 * database that every input starts from. */
#ifndef LA_FUZZ_H
#define LA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "rights.h"
#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with a message: a broken invariant is a finding. */
#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant broken: %s\n",       \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

/* A fresh :memory: database with the defaults in English; *actor is its
 * creator, the General administrator. Aborts when it cannot be made. */
static inline struct db *fuzz_db(struct la_actor *actor)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	if (db_open(":memory:", DB_OPEN_CREATE, "en", rights_os_login(), &db, &err) != LA_OK) {
		fprintf(stderr, "db_open: %s\n", err.msg);
		abort();
	}
	if (rights_actor(db, actor, &err) != LA_OK || actor->role != ROLE_GENERAL_ADMIN) {
		fprintf(stderr, "rights_actor: %s\n", err.msg);
		abort();
	}
	return db;
}

/* A NUL-terminated copy of the input (which may hold NUL bytes). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif

/* Copying a whole database into a new one (`leadadmin copy --to/--from`):
 * a SQLite file into an empty PostgreSQL database when a team outgrows
 * it, and back, or into another file. */
#ifndef LA_COPY_H
#define LA_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "db.h"
#include "status.h"

struct copy_result {
	size_t tables;      /* tables copied */
	uint64_t rows;      /* rows copied */
	/* Active users whose login the server has no role for, so that it
	 * could not grant them the database's role (PostgreSQL only): each
	 * login, a NUL, its role as user set-role takes it, a NUL; nlogins
	 * of them. */
	char *logins;
	size_t nlogins;
	char *source;       /* the source as messages show it */
	char *shown;        /* the target as messages show it */
};

/* Copies every row of src (lists, users and rights, Marketing settings,
 * companies, persons, submissions, the change log) into a new database at
 * to: a file that does not exist or is empty, or a PostgreSQL URI of an
 * empty database. The ids stay the same; the kept counts are made again from
 * the rows at the end. src is read as one state; the target is
 * written in one transaction, and a failure leaves no file (the copy is
 * made beside it and put in place at the end) and no table on the server.
 * Only a General administrator of src (actor) copies it. On PostgreSQL
 * each active user is granted the database's role of their role (when the
 * server has a role for their login: res->logins names those without).
 * Names that are one name by rule 2 in a list of src (SQLite keeps them
 * after an upgrade; a server's unique key would not) are refused before
 * anything is made on a server. copy_result_free frees what res holds, also
 * after a failure. */
enum la_status copy_database(struct db *src, const struct la_actor *actor, const char *to,
			     struct copy_result *res, struct la_err *err);
void copy_result_free(struct copy_result *res);

/* The tables a copy writes, in the order it writes them, and the kept
 * counts that it leaves to the target's triggers: every table of the
 * schema is in one of the two (tests/test_db.c checks it). */
const char *copy_table(size_t i);
const char *copy_kept_count(size_t i);

#endif

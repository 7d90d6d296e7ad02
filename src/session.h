/* What a long-running session (the screens) asks of its database besides
 * the lists: has anyone else changed it since we looked, and may it be
 * changed at all. The screens reach the store only through the domain. */
#ifndef LA_SESSION_H
#define LA_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

/* A mark of the database's state as other connections left it. */
int64_t session_mark(struct db *db);
/* True when another connection committed a change since *mark was taken;
 * *mark then becomes the current state. */
bool session_changed(struct db *db, int64_t *mark);

/* The newest entry of the change log (0: none), a mark for
 * session_who_changed. */
int64_t session_log_mark(struct db *db);
/* Who else changed what since *mark: the login of the newest change
 * logged by another login than me and the change log's label of its list
 * ("Company – Category") into login and what; *others is how many logins
 * besides me changed something. False (and nothing written) when no other
 * login logged a change (another program, or me in another session).
 * *mark becomes the newest entry. */
bool session_who_changed(struct db *db, const char *me, int64_t *mark, char *login,
			 size_t login_len, char *what, size_t what_len, int *others);

/* LA_OK when the database may be written; else LA_READONLY with a message
 * that names the file and who can give write access, or LA_DB when the
 * session met damage (db_damage's message). Whether the acting user may
 * change lists is rights_check_lists(). */
enum la_status session_writable(struct db *db, struct la_err *err);

#endif

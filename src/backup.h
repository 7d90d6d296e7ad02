/* Consistent copies of the database with SQLite's online backup API: the
 * `backup` command, and the copy a schema upgrade keeps of the old file. */
#ifndef LA_BACKUP_H
#define LA_BACKUP_H

#include <stdbool.h>

#include "db.h"
#include "status.h"

/* Copies db to path while others may keep writing: one snapshot, written to
 * a new file (mode 0600) beside path, checked with PRAGMA integrity_check,
 * then moved into place. An existing path is refused (LA_REFUSED) unless
 * force; the database file itself is always refused. */
enum la_status backup_to(struct db *db, const char *path, bool force,
			 struct la_err *err);

/* Before db (schema version from_version) is upgraded: when it is a file
 * that holds data, keeps a copy as "PATH.vN-backup" (N = from_version;
 * ".2", ".3", ... appended when that name is taken; mode 0600, or 0660
 * like the database when its group shares it) and returns its name
 * in *copy (caller frees; NULL when no copy was needed). */
enum la_status backup_before_upgrade(struct db *db, int from_version,
				     char **copy, struct la_err *err);
/* Records in the audit log, inside the upgrade's transaction, where the
 * copy of the old file is; login is who upgrades. */
enum la_status backup_note(struct db *db, const char *copy, const char *login,
			   struct la_err *err);
/* Removes a copy that turned out not to be needed, and frees the name. */
void backup_discard(char **copy);

#endif

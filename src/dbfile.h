/* The database file on disk as a group shares it: `init --shared` makes
 * the file 0660 in a setgid folder its group may write, and a file that
 * this user may not read gets a message that says whose it is and what
 * would share it. A file whose group may write it is shared; no setting
 * says so. */
#ifndef LA_DBFILE_H
#define LA_DBFILE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "status.h"

/* The mode of a shared database file; SQLite gives its -wal and -shm
 * the same mode when it makes them. */
#define DBFILE_SHARED_MODE 0660
/* The mode of a folder that init --shared makes: setgid, so that every
 * file made in it (the -wal and -shm of any member) has its group. */
#define DBFILE_SHARED_FOLDER_MODE 02770

/* Whether a file of this mode is shared with its group. */
bool dbfile_is_shared(const struct stat *sb);

/* For a new shared database at path: makes its folder (mode 02770, its
 * parent must exist) when missing, and sets *made; an existing folder
 * must be one its group may write and that passes its group on (setgid),
 * else LA_REFUSED with the chmod to run (an existing folder is never
 * changed). */
enum la_status dbfile_share_folder(const char *path, bool *made, struct la_err *err);

/* Gives the newly made database file at path the shared mode (0660),
 * whatever the umask. */
enum la_status dbfile_share_file(const char *path, struct la_err *err);

/* Makes the folder of path durable (fsync), after a file was put in
 * place there by link or rename. */
void dbfile_sync_folder(const char *path);

/* path as one word for a POSIX shell (caller frees): as it is when it
 * holds only characters no shell treats specially, else in single quotes
 * with each ' written '\''. For the commands the messages print. */
char *dbfile_shell_word(const char *path);

/* The name of the group gid ("#1234" when it has none) in buf. */
const char *dbfile_group_name(gid_t gid, char *buf, size_t len);

/* Why a database that this user may read opens read-only, when its
 * group shares it only in part: the file that its group may not write, or
 * a shared file in a folder its group may not write (no -wal or -shm can
 * be made); a clause with the chmod its owner can run, in buf, or NULL
 * when that is not why (the file is someone else's alone, or read-only to
 * all). */
const char *dbfile_readonly_why(const char *path, char *buf, size_t len);

/* LA_DB for a database that could not be read or reached for errnum
 * (EACCES): when the file or its folder belongs to a group this user is
 * in, the message names the group and the chmod (or init --shared) that
 * would share it; when not, it says whose it is. Other errors get the
 * plain "cannot be read" message. */
enum la_status dbfile_denied(const char *path, int errnum, struct la_err *err);

#endif

#include "config.h"
#include "dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

bool dbfile_is_shared(const struct stat *sb)
{
	return (sb->st_mode & S_IWGRP) != 0;
}

/* A folder that a group can share a database in: its members may make
 * files there, and those files get the folder's group. */
static bool folder_shares(const struct stat *sb)
{
	return (sb->st_mode & (S_IWGRP | S_IXGRP)) == (S_IWGRP | S_IXGRP) &&
	       (sb->st_mode & S_ISGID);
}

/* The folder of path ("." when it names none), allocated. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : strdup(".");

	if (!dir)
		abort();
	return dir;
}

static bool shell_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("._-/:@%+=,", c) != NULL;
}

char *dbfile_shell_word(const char *path)
{
	const char *lead = path[0] == '-' ? "./" : "";
	size_t n = 3 + strlen(lead), i;
	bool plain = *path != '\0';
	char *out, *o;

	for (i = 0; path[i]; i++) {
		plain = plain && shell_plain((unsigned char)path[i]);
		n += path[i] == '\'' ? 4 : 1;
	}
	if (plain)
		n = strlen(lead) + i + 1;
	if (!(out = malloc(n)))
		abort();
	o = out + strlen(lead);
	memcpy(out, lead, strlen(lead));
	if (plain) {
		memcpy(o, path, i + 1);
		return out;
	}
	*o++ = '\'';
	for (i = 0; path[i]; i++) {
		if (path[i] == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = path[i];
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

const char *dbfile_group_name(gid_t gid, char *buf, size_t len)
{
	struct group *gr = getgrgid(gid);

	if (gr && gr->gr_name)
		snprintf(buf, len, "%s", gr->gr_name);
	else
		snprintf(buf, len, "#%ld", (long)gid);
	return buf;
}

static const char *user_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "#%ld", (long)uid);
	return buf;
}

/* Whether this process is in the group gid. */
static bool in_group(gid_t gid)
{
	gid_t *list;
	int n, i;
	bool in = getegid() == gid;

	n = getgroups(0, NULL);
	if (in || n <= 0)
		return in;
	list = calloc((size_t)n, sizeof(*list));
	if (!list)
		abort();
	n = getgroups(n, list);
	for (i = 0; i < n && !in; i++)
		in = list[i] == gid;
	free(list);
	return in;
}

enum la_status dbfile_share_folder(const char *path, bool *made, struct la_err *err)
{
	char *dir = folder_of(path), *qdir = dbfile_shell_word(dir);
	char owner[64], group[64];
	struct stat sb;
	enum la_status rc = LA_OK;

	int found;

	*made = false;
	found = stat(dir, &sb) == 0 ? 0 : errno;
	if (found != 0 && found != ENOENT) {
		rc = dbfile_denied(path, found, err);
	} else if (found == ENOENT) {
		/* Only the last folder: a missing parent is more likely a typing
		 * error than a place to share. mkdir drops the setgid bit on
		 * Linux, so chmod sets the mode. */
		if (mkdir(dir, 0700) != 0 || chmod(dir, DBFILE_SHARED_FOLDER_MODE) != 0)
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: cannot create the folder %s (%s)"), path, dir,
				     strerror(errno));
		else
			*made = true;
	} else if (S_ISDIR(sb.st_mode) && !folder_shares(&sb)) {
		if (sb.st_uid == geteuid())
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("%s: a shared database needs a folder that its group may write and that gives new files its group (setgid); %s is not, and was left as it is; run: chmod g+rwxs %s"),
				     path, dir, qdir);
		else
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("%s: a shared database needs a folder that its group may write and that gives new files its group (setgid); %s is not; its owner %s can run: chmod g+rwxs %s"),
				     path, dir, user_name(sb.st_uid, owner, sizeof owner), qdir);
	} else if (S_ISDIR(sb.st_mode) && geteuid() != 0 && !in_group(sb.st_gid)) {
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("%s: the folder %s belongs to the group %s, which you are not in; a shared database would not be yours to use"),
			     path, dir, dbfile_group_name(sb.st_gid, group, sizeof group));
	}
	free(qdir);
	free(dir);
	return rc;
}

enum la_status dbfile_share_file(const char *path, struct la_err *err)
{
	if (chmod(path, DBFILE_SHARED_MODE) != 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be shared with its group (%s)"),
			       path, strerror(errno));
	return LA_OK;
}

/* The folder of a file that its group cannot share (for the message). */
static bool folder_needs_sharing(const char *dir)
{
	struct stat sb;

	return stat(dir, &sb) == 0 && !folder_shares(&sb);
}

const char *dbfile_readonly_why(const char *path, char *buf, size_t len)
{
	char *dir = folder_of(path), *qdir = dbfile_shell_word(dir);
	char *qpath = dbfile_shell_word(path), owner[64], group[64];
	struct stat sb, dsb;
	const char *why = NULL;

	if (stat(path, &sb) == 0 && sb.st_uid != geteuid() && in_group(sb.st_gid) &&
	    (sb.st_mode & S_IRGRP)) {
		user_name(sb.st_uid, owner, sizeof owner);
		dbfile_group_name(sb.st_gid, group, sizeof group);
		if (!(sb.st_mode & S_IWGRP)) {
			snprintf(buf, len,
				 _("its group %s may read it but not write it; its owner %s can share it with: chmod 0660 %s"),
				 group, owner, qpath);
			why = buf;
		} else if (stat(dir, &dsb) == 0 && in_group(dsb.st_gid) && !folder_shares(&dsb)) {
			snprintf(buf, len,
				 _("its folder %s does not let its group make the -wal and -shm files beside it; its owner %s can run: chmod g+rwxs %s"),
				 dir, user_name(dsb.st_uid, owner, sizeof owner), qdir);
			why = buf;
		}
	}
	free(qpath);
	free(qdir);
	free(dir);
	return why;
}

enum la_status dbfile_denied(const char *path, int errnum, struct la_err *err)
{
	char *dir = folder_of(path), *qdir = dbfile_shell_word(dir);
	char *qpath = dbfile_shell_word(path), owner[64], group[64];
	struct stat sb;
	enum la_status rc;

	if (errnum != EACCES) {
		rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be read (%s)"), path,
			     strerror(errnum));
	} else if (stat(path, &sb) != 0) {
		/* The folder cannot be looked into. */
		if (stat(dir, &sb) != 0)
			rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be read (%s)"), path,
				     strerror(errnum));
		else if (in_group(sb.st_gid))
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: cannot be read (%s): its folder %s is not shared with its group %s; its owner %s can share it with: chmod g+rwxs %s"),
				     path, strerror(errnum), dir,
				     dbfile_group_name(sb.st_gid, group, sizeof group),
				     user_name(sb.st_uid, owner, sizeof owner), qdir);
		else
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: cannot be read (%s): its folder %s belongs to %s and the group %s, which you are not in"),
				     path, strerror(errnum), dir,
				     user_name(sb.st_uid, owner, sizeof owner),
				     dbfile_group_name(sb.st_gid, group, sizeof group));
	} else if (in_group(sb.st_gid)) {
		user_name(sb.st_uid, owner, sizeof owner);
		dbfile_group_name(sb.st_gid, group, sizeof group);
		if (folder_needs_sharing(dir))
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: cannot be read (%s): it is not shared with its group %s; its owner %s can share it with: chmod 0660 %s; chmod g+rwxs %s (a new database: leadadmin init --shared)"),
				     path, strerror(errnum), group, owner, qpath, qdir);
		else
			rc = la_fail(err, LA_DB, LA_FIELD_NONE,
				     _("%s: cannot be read (%s): it is not shared with its group %s; its owner %s can share it with: chmod 0660 %s (a new database: leadadmin init --shared)"),
				     path, strerror(errnum), group, owner, qpath);
	} else {
		rc = la_fail(err, LA_DB, LA_FIELD_NONE,
			     _("%s: cannot be read (%s): it belongs to %s and the group %s, which you are not in"),
			     path, strerror(errnum), user_name(sb.st_uid, owner, sizeof owner),
			     dbfile_group_name(sb.st_gid, group, sizeof group));
	}
	free(qpath);
	free(qdir);
	free(dir);
	return rc;
}

void dbfile_sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : strdup(".");
	int fd;

	if (!dir)
		abort();
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

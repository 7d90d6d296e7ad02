#include "config.h"
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbfile.h"
#include "i18n.h"
#include "json.h"

/* A source locked by a writer is retried this often, this long apart
 * (on top of the source connection's own busy timeout). */
#define STEP_TRIES 40
#define STEP_PAUSE_MS 50
#define COPY_NAMES 99
/* Pages a backup step copies (4 MB of 4 kB pages) between reports. */
#define STEP_PAGES 1024

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *out;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	out = malloc((size_t)len + 1);
	if (!out)
		abort();
	va_start(ap, fmt);
	vsnprintf(out, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return out;
}

/* Copies the pages in steps of STEP_PAGES, reporting each step to the
 * database's progress (pages done of the page count). The copy is still one
 * snapshot of the source: a read transaction held across the steps (writers
 * in WAL mode do not wait for it) keeps SQLite from restarting the copy when
 * another connection writes. */
static enum la_status copy_pages(struct db *db, sqlite3 *dest, const char *path,
				 struct la_err *err)
{
	sqlite3 *src = db_handle(db);
	bool hold = false;
	sqlite3_backup *b;
	int rc, tries = 0;

	if (sqlite3_get_autocommit(src) &&
	    sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) == SQLITE_OK) {
		hold = sqlite3_exec(src, "SELECT count(*) FROM sqlite_master", NULL, NULL,
				    NULL) == SQLITE_OK;
		if (!hold)
			sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
	}
	b = sqlite3_backup_init(dest, "main", src, "main");

	if (!b) {
		if (hold)
			sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
		return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: the backup cannot start (%s)"),
			       path, sqlite3_errmsg(dest));
	}
	do {
		rc = sqlite3_backup_step(b, hold ? STEP_PAGES : -1);
		if (rc == SQLITE_OK) {
			int total = sqlite3_backup_pagecount(b);

			tries = 0;
			db_progress(db, (uint64_t)(total - sqlite3_backup_remaining(b)),
				    (uint64_t)total);
		} else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			sqlite3_sleep(STEP_PAUSE_MS);
		}
	} while (rc == SQLITE_OK ||
		 ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < STEP_TRIES));
	sqlite3_backup_finish(b);
	if (hold)
		sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_DONE)
		return LA_OK;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: no backup made: the database stayed locked by another program"),
			       path);
	return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: no backup made (%s)"), path,
		       sqlite3_errstr(rc));
}

/* Opens the copy on its own and asks SQLite to check every page; also makes
 * it a single file (rollback journal), whatever mode the source was in. */
static enum la_status verify(const char *tmp, const char *path, struct la_err *err)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	const char *what = NULL;
	char first[200] = "", *name = db_file_name(tmp);
	int rows = 0, rc = sqlite3_open_v2(name, &h, SQLITE_OPEN_READWRITE, NULL);

	free(name);
	if (rc != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		snprintf(first, sizeof(first), "%s", h ? sqlite3_errmsg(h) : "out of memory");
		what = first;
	}
	while (!what && sqlite3_step(st) == SQLITE_ROW) {
		if (rows++ == 0)
			snprintf(first, sizeof(first), "%s",
				 (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (sqlite3_close(h) != SQLITE_OK && !what)
		what = "close";
	if (!what && (rows != 1 || strcmp(first, "ok") != 0))
		what = rows ? first : "integrity_check";
	if (what)
		return la_fail(err, LA_DB, LA_FIELD_NONE,
			       _("%s: the copy failed its integrity check (%s); no backup made"),
			       path, what);
	return LA_OK;
}

static enum la_status refuse_existing(const char *path, struct la_err *err)
{
	return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
		       _("%s: already exists; no backup made (add --force to replace it)"), path);
}

/* Puts the checked copy at path: without force never over an existing
 * file, even one that appeared meanwhile (link fails then). */
static enum la_status publish(const char *tmp, const char *path, bool force,
			      struct la_err *err)
{
	struct stat sb;

	if (force) {
		if (rename(tmp, path) != 0)
			return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"),
				       path, strerror(errno));
		return LA_OK;
	}
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return LA_OK;
	}
	if (errno == EEXIST)
		return refuse_existing(path, err);
	/* A file system without hard links: check, then rename. */
	if (lstat(path, &sb) == 0)
		return refuse_existing(path, err);
	if (rename(tmp, path) != 0)
		return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"),
			       path, strerror(errno));
	return LA_OK;
}

enum la_status backup_to(struct db *db, const char *path, bool force,
			 struct la_err *err)
{
	struct stat sb, dbsb;
	sqlite3 *dest = NULL;
	char *tmp, *name;
	int fd, opened;
	enum la_status rc;

	if (!path || !*path)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE, _("the backup needs a file name"));
	/* A server's database is copied by the server's own tools. */
	if (!db_handle(db))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("%s: is a PostgreSQL database; back it up with the server's tools (pg_dump), which copy it as the server sees it; nothing was written"),
			       db_path(db));
	if (lstat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				       _("%s: is a folder; name the backup file"), path);
		if (stat(db_path(db), &dbsb) == 0 && stat(path, &sb) == 0 &&
		    sb.st_dev == dbsb.st_dev && sb.st_ino == dbsb.st_ino)
			return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				       _("%s: is the database itself; name another file"), path);
		if (!force)
			return refuse_existing(path, err);
	}
	/* mkstemp makes the file 0600: a backup holds the same personal data. */
	tmp = xprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"),
			     path, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	name = db_file_name(tmp);
	opened = sqlite3_open_v2(name, &dest, SQLITE_OPEN_READWRITE, NULL);
	free(name);
	if (opened != SQLITE_OK)
		rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"),
			     path, dest ? sqlite3_errmsg(dest) : "out of memory");
	else
		rc = copy_pages(db, dest, path, err);
	if (sqlite3_close(dest) != SQLITE_OK && rc == LA_OK)
		rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"),
			     path, "close");
	if (rc == LA_OK)
		rc = verify(tmp, path, err);
	if (rc == LA_OK)
		rc = publish(tmp, path, force, err);
	if (rc == LA_OK)
		dbfile_sync_folder(path);
	unlink(tmp); /* gone already after a rename; after a failure, cleaned */
	free(tmp);
	return rc;
}

enum la_status backup_before_upgrade(struct db *db, int from_version,
				     char **copy, struct la_err *err)
{
	const char *file = sqlite3_db_filename(db_handle(db), "main");
	sqlite3_stmt *st = NULL;
	bool has_data = from_version > 0;
	struct stat sb;
	struct la_err why;
	int i;

	*copy = NULL;
	la_err_clear(&why);
	if (!file || !*file)
		return LA_OK; /* in memory: nothing to keep */
	if (!has_data &&
	    sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM sqlite_master", -1,
			       &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		has_data = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (!has_data)
		return LA_OK; /* a new database */
	for (i = 1; i <= COPY_NAMES; i++) {
		char *name = i == 1 ? xprintf("%s.v%d-backup", db_path(db), from_version)
				    : xprintf("%s.v%d-backup.%d", db_path(db), from_version, i);
		enum la_status rc;

		if (lstat(name, &sb) == 0) {
			free(name);
			continue;
		}
		rc = backup_to(db, name, false, &why);
		if (rc == LA_OK) {
			/* The copy of a shared database is the group's, as
			 * the database is: any of them may need to go back. */
			if (stat(db_path(db), &sb) == 0 && dbfile_is_shared(&sb))
				chmod(name, sb.st_mode & DBFILE_SHARED_MODE);
			*copy = name;
			return LA_OK;
		}
		free(name);
		if (rc != LA_REFUSED)
			break;
	}
	if (i > COPY_NAMES)
		la_fail(&why, LA_DB, LA_FIELD_NONE, _("%s: too many old copies beside it"),
			db_path(db));
	return la_fail(err, LA_DB, LA_FIELD_NONE,
		       _("%s: was not upgraded, because a copy of the old file could not be kept first: %s"),
		       db_path(db), why.msg);
}

void backup_discard(char **copy)
{
	if (!*copy)
		return;
	unlink(*copy);
	free(*copy);
	*copy = NULL;
}

enum la_status backup_note(struct db *db, const char *copy, const char *login,
			   struct la_err *err)
{
	static const char sql[] =
		"INSERT INTO audit (login, list, action, new_value) VALUES (?, 'schema', 'backup', ?)";
	sqlite3_stmt *st = NULL;
	struct jbuf b;
	char *json;
	int rc;

	jbuf_init(&b);
	jbuf_add(&b, "{\"copy\":");
	jbuf_string(&b, copy);
	jbuf_add(&b, "}");
	json = jbuf_take(&b);
	rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	free(json);
	return rc == SQLITE_OK ? LA_OK : db_fail(db, err, "audit");
}

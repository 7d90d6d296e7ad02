/* Copying a whole database into a new one, either engine to either: the
 * target is made as `init` makes it, emptied, and filled table by table in
 * the order of the foreign keys, in one transaction. The columns are the
 * target's, so that a source of the same version with more columns (a
 * database made before lead management keeps its own) still copies. */
#include "config.h"
#include "copy.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "counts.h"
#include "dbfile.h"
#include "i18n.h"
#include "json.h"
#include "mem.h"
#include "rights.h"
#include "schema.h"

struct table {
	const char *name;
	const char *id;     /* its identity column, or NULL */
	/* A column that refers to a table copied after this one: copied at
	 * the end, by id (associate's user group, whose rows refer back to
	 * associate). */
	const char *later;
	/* The rows copied, when not all: the target's own are kept. */
	const char *where;
	/* Its rows move the kept counts, which are made once at the end
	 * instead of by its triggers row by row (db_table_triggers). */
	bool counted;
};

/* In the order of the foreign keys: a table after those it refers to. */
static const struct table tables[] = {
	/* PostgreSQL keeps its schema's version here (SQLite in the file's
	 * header): the target's stays. */
	{ "setting", NULL, NULL, "key <> 'schema.version'", false },
	{ "associate", "associate_id", "group_idx", NULL, false },
	{ "usergroup", "usergroup_id", NULL, NULL, false },
	{ "category", "category_id", NULL, NULL, false },
	{ "leadstatus", "leadstatus_id", NULL, NULL, false },
	{ "heading", "heading_id", NULL, NULL, false },
	{ "category_heading_link", NULL, NULL, NULL, false },
	{ "category_group_link", NULL, NULL, NULL, false },
	{ "la_name_lang", NULL, NULL, NULL, false },
	{ "contact", "contact_id", NULL, NULL, true },
	{ "person", "person_id", NULL, NULL, true },
	{ "email", "email_id", NULL, NULL, false },
	{ "licence", NULL, NULL, NULL, false },
	{ "distribute_associate", NULL, NULL, NULL, false },
	{ "form_submission", "form_submission_id", NULL, NULL, false },
	{ "utm_parameters", "utm_parameters_id", NULL, NULL, true },
	{ "automated_category_update", "automatedcategoryupdate_id", NULL, NULL, false },
	{ "sale_event", "sale_event_id", NULL, NULL, false },
	{ "utm_alias", NULL, NULL, NULL, false },
	{ "audit", "audit_id", NULL, NULL, false },
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

const char *copy_table(size_t i) { return i < NTABLES ? tables[i].name : NULL; }

const char *copy_kept_count(size_t i)
{
	return i < COUNTS_TABLES ? counts_table_name((enum counts_table)i) : NULL;
}

void copy_result_free(struct copy_result *res)
{
	free(res->logins);
	free(res->shown);
	free(res->source);
	memset(res, 0, sizeof(*res));
}

/* A name the SQL may hold unquoted: the schema's own. */
static bool plain_name(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* The statement that reads table t from src, in the order of its first
 * column, and the target's columns it reads (without t->later), as a list
 * for SQL (*cols, the caller's to free), *ncols of them. */
static enum la_status prepare_read(struct db *src, struct db *dst, const struct table *t,
				   struct db_stmt **read, char **cols, int *ncols,
				   struct la_err *err)
{
	struct jbuf list = { 0 }, sql = { 0 };
	struct db_stmt *probe;
	int n = 0, i;

	*read = NULL;
	*cols = NULL;
	jbuf_addf(&sql, "SELECT * FROM %s WHERE 1 = 0", t->name);
	probe = db_prepare(dst, sql.s, t->name, err);
	free(sql.s);
	if (!probe)
		return LA_DB;
	for (i = 0; i < db_col_count(probe); i++) {
		const char *name = db_col_name(probe, i);

		if (!plain_name(name))
			abort();  /* the schema's names are plain */
		if (t->later && strcasecmp(name, t->later) == 0)
			continue;
		/* Quoted (utm_parameters has "when") and in small letters,
		 * as PostgreSQL keeps the schema's unquoted names and
		 * SQLite matches a name in any case. */
		jbuf_add(&list, n ? ", \"" : "\"");
		for (const char *c = name; *c; c++)
			jbuf_repeat(&list, (char)tolower((unsigned char)*c), 1);
		jbuf_add(&list, "\"");
		n++;
	}
	db_finalize(probe);
	if (!n)
		abort();

	sql = (struct jbuf){ 0 };
	jbuf_addf(&sql, "SELECT %s FROM %s%s%s ORDER BY 1", list.s, t->name,
		  t->where ? " WHERE " : "", t->where ? t->where : "");
	*read = db_prepare(src, sql.s, t->name, err);
	free(sql.s);
	if (!*read) {
		free(list.s);
		return LA_DB;
	}
	*cols = list.s;
	*ncols = n;
	return LA_OK;
}

/* INSERT of rows rows of ncols columns into table t. */
static struct db_stmt *prepare_insert(struct db *dst, const struct table *t, const char *cols,
				      int ncols, int rows, struct la_err *err)
{
	struct jbuf sql = { 0 };
	struct db_stmt *st;
	int r, i, p = 1;

	jbuf_addf(&sql, "INSERT INTO %s (%s) VALUES ", t->name, cols);
	for (r = 0; r < rows; r++) {
		jbuf_add(&sql, r ? ", (" : "(");
		for (i = 0; i < ncols; i++)
			jbuf_addf(&sql, "%s?%d", i ? ", " : "", p++);
		jbuf_add(&sql, ")");
	}
	st = db_prepare(dst, sql.s, t->name, err);
	free(sql.s);
	return st;
}

/* How many rows table t of src has, when someone is told the progress. */
static uint64_t rows_of(struct db *src, const struct table *t)
{
	struct jbuf sql = { 0 };
	struct db_stmt *st;
	uint64_t n = 0;

	if (!db_progress_wanted(src))
		return 0;
	jbuf_addf(&sql, "SELECT count(*) FROM %s%s%s", t->name,
		  t->where ? " WHERE " : "", t->where ? t->where : "");
	st = db_prepare(src, sql.s, t->name, NULL);
	free(sql.s);
	if (st && db_step(st) == DB_ROW)
		n = (uint64_t)db_col_int64(st, 0);
	db_finalize(st);
	return n;
}

/* Rows are written BATCH_ROWS to a statement (at most BATCH_PARAMS
 * values): one round trip to a server for each batch, not each row. */
#define BATCH_ROWS 100
#define BATCH_PARAMS 32000

/* A value of a source row, kept until its batch is written. */
struct cell {
	enum { CELL_NULL, CELL_INT, CELL_TEXT } kind;
	int64_t n;
	char *text;
};

/* Writes the n values of cells with st, and forgets them. */
static enum la_status flush(struct db *dst, struct db_stmt *st, struct cell *cells, int n,
			    const struct table *t, struct la_err *err)
{
	enum la_status rc = LA_OK;
	int i;

	for (i = 0; i < n; i++) {
		if (cells[i].kind == CELL_INT)
			db_bind_int64(st, i + 1, cells[i].n);
		else if (cells[i].kind == CELL_TEXT)
			db_bind_text(st, i + 1, cells[i].text);
		else
			db_bind_null(st, i + 1);
	}
	if (db_step(st) != DB_DONE)
		rc = db_fail(dst, err, t->name);
	db_reset(st);
	for (i = 0; i < n; i++) {
		free(cells[i].text);
		cells[i].text = NULL;
	}
	return rc;
}

static enum la_status copy_rows(struct db *src, struct db *dst, const struct table *t,
				struct copy_result *res, struct la_err *err)
{
	static char label[64];
	struct db_stmt *read, *write, *tail;
	struct cell *cells;
	enum la_status rc = LA_OK;
	uint64_t total = rows_of(src, t), done = 0;
	int ncols, batch, in = 0, i, r;
	char *cols;

	if (prepare_read(src, dst, t, &read, &cols, &ncols, err) != LA_OK)
		return LA_DB;
	batch = BATCH_PARAMS / ncols < BATCH_ROWS ? BATCH_PARAMS / ncols : BATCH_ROWS;
	if (!(cells = calloc((size_t)batch * (size_t)ncols, sizeof(*cells))))
		abort();
	if (!(write = prepare_insert(dst, t, cols, ncols, batch, err))) {
		db_finalize(read);
		free(cells);
		free(cols);
		return LA_DB;
	}
	snprintf(label, sizeof label, _("Copying %s"), t->name);
	db_progress_stage(src, label, PROGRESS_ITEMS, total);
	while ((r = db_step(read)) == DB_ROW) {
		struct cell *row = cells + (size_t)in * (size_t)ncols;

		for (i = 0; i < ncols; i++) {
			if (db_col_null(read, i)) {
				row[i].kind = CELL_NULL;
			} else if (db_col_is_integer(read, i)) {
				row[i].kind = CELL_INT;
				row[i].n = db_col_int64(read, i);
			} else {
				row[i].kind = CELL_TEXT;
				if (!(row[i].text = strdup(db_col_text(read, i))))
					abort();
			}
		}
		if (++in < batch)
			continue;
		if ((rc = flush(dst, write, cells, in * ncols, t, err)) != LA_OK)
			break;
		done += (uint64_t)in;
		in = 0;
		db_progress(src, done, total);
	}
	if (rc == LA_OK && r != DB_DONE)
		rc = db_fail(src, err, t->name);
	/* The last, short batch: a statement of its own size. */
	if (rc == LA_OK && in > 0) {
		if (!(tail = prepare_insert(dst, t, cols, ncols, in, err)))
			rc = LA_DB;
		else
			rc = flush(dst, tail, cells, in * ncols, t, err);
		db_finalize(tail);
		done += (uint64_t)in;
	}
	for (i = 0; i < batch * ncols; i++)
		free(cells[i].text);
	db_progress(src, done, total);
	db_finalize(read);
	db_finalize(write);
	free(cells);
	free(cols);
	res->rows += done;
	res->tables++;
	return rc;
}

/* t->later, by id, once every table is there. */
static enum la_status copy_later(struct db *src, struct db *dst, const struct table *t,
				 struct la_err *err)
{
	struct jbuf sql = { 0 };
	struct db_stmt *read, *write = NULL;
	enum la_status rc = LA_OK;
	int r;

	jbuf_addf(&sql, "SELECT %s, %s FROM %s WHERE %s IS NOT NULL", t->id, t->later, t->name,
		  t->later);
	read = db_prepare(src, sql.s, t->name, err);
	free(sql.s);
	sql = (struct jbuf){ 0 };
	jbuf_addf(&sql, "UPDATE %s SET %s = ?2 WHERE %s = ?1", t->name, t->later, t->id);
	if (read)
		write = db_prepare(dst, sql.s, t->name, err);
	free(sql.s);
	if (!read || !write) {
		db_finalize(read);
		return LA_DB;
	}
	while (rc == LA_OK && (r = db_step(read)) == DB_ROW) {
		db_bind_int64(write, 1, db_col_int64(read, 0));
		db_bind_int64(write, 2, db_col_int64(read, 1));
		if (db_step(write) != DB_DONE)
			rc = db_fail(dst, err, t->name);
		db_reset(write);
	}
	if (rc == LA_OK && r != DB_DONE)
		rc = db_fail(src, err, t->name);
	db_finalize(read);
	db_finalize(write);
	return rc;
}

/* The rows the making of the target wrote (defaults, settings, its
 * maker as user, the first line of the change log) go. */
static enum la_status empty_target(struct db *dst, struct la_err *err)
{
	struct jbuf sql = { 0 };
	enum la_status rc = LA_OK;
	size_t i;

	for (i = 0; i < NTABLES; i++)
		if (tables[i].later)
			jbuf_addf(&sql, "UPDATE %s SET %s = NULL;\n", tables[i].name, tables[i].later);
	for (i = NTABLES; i-- > 0;)
		jbuf_addf(&sql, "DELETE FROM %s%s%s;\n", tables[i].name,
			  tables[i].where ? " WHERE " : "", tables[i].where ? tables[i].where : "");
	for (i = 0; i < COUNTS_TABLES; i++)
		jbuf_addf(&sql, "DELETE FROM %s;\n", counts_table_name((enum counts_table)i));
	rc = db_exec(dst, sql.s, err);
	free(sql.s);
	return rc;
}

/* Each active user gets the database's role of their role (PostgreSQL's
 * roles; SQLite has none); a login the server has no role for is named in
 * res. */
static enum la_status grant_roles(struct db *src, struct db *dst, struct copy_result *res,
				  struct la_err *err)
{
	struct db_stmt *st;
	enum la_status rc = LA_OK;
	size_t used = 0, cap = 0;
	int r;

	/* On SQLite, which has no roles, each grant does nothing. */
	if (!(st = db_prepare(src, "SELECT name, role FROM associate WHERE deleted = 0 ORDER BY name",
			      "associate", err)))
		return LA_DB;
	while (rc == LA_OK && (r = db_step(st)) == DB_ROW) {
		const char *login = db_col_text(st, 0);
		int role = db_col_int(st, 1);
		struct la_err why;

		la_err_clear(&why);
		if ((rc = db_begin(dst, err)) != LA_OK)
			break;
		if (db_grant_role(dst, login, rights_server_role((enum la_role)role),
				  role == ROLE_GENERAL_ADMIN, &why) == LA_OK) {
			rc = db_commit(dst, err);
			continue;
		}
		/* Only the missing login is told; the transaction goes on. */
		db_rollback(dst);
		if (why.status != LA_REFUSED) {
			*err = why;
			rc = why.status;
			break;
		}
		/* The login, then the role that user set-role takes. */
		const char *key = rights_role_key((enum la_role)role);
		size_t n = strlen(login) + 1, k = strlen(key) + 1;

		LA_RESERVE(res->logins, used + n + k, cap, 64);
		memcpy(res->logins + used, login, n);
		memcpy(res->logins + used + n, key, k);
		used += n + k;
		res->nlogins++;
	}
	if (rc == LA_OK && r != DB_DONE)
		rc = db_fail(src, err, "associate");
	db_finalize(st);
	return rc;
}

static enum la_status fill(struct db *src, struct db *dst, struct copy_result *res,
			   struct la_err *err)
{
	enum la_status rc;
	size_t i;

	rc = db_begin(dst, err);
	if (rc != LA_OK)
		return rc;
	rc = empty_target(dst, err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		if (tables[i].counted)
			rc = db_table_triggers(dst, tables[i].name, false, err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		rc = copy_rows(src, dst, &tables[i], res, err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		if (tables[i].counted)
			rc = db_table_triggers(dst, tables[i].name, true, err);
	if (rc == LA_OK)
		rc = counts_rebuild(dst, NULL, err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		if (tables[i].later)
			rc = copy_later(src, dst, &tables[i], err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		if (tables[i].id)
			rc = db_sync_identity(dst, tables[i].name, tables[i].id, err);
	/* Keys another program left empty in the source (rule 2). */
	if (rc == LA_OK)
		rc = schema_refresh_name_keys(dst, err);
	for (i = 0; rc == LA_OK && i < NTABLES; i++)
		rc = db_analyze(dst, tables[i].name, err);
	for (i = 0; rc == LA_OK && i < COUNTS_TABLES; i++)
		rc = db_analyze(dst, counts_table_name((enum counts_table)i), err);
	if (rc == LA_OK)
		rc = grant_roles(src, dst, res, err);
	if (rc != LA_OK) {
		db_rollback(dst);
		return rc;
	}
	rc = db_commit(dst, err);
	/* The making of a server's database was held open: it ends here. */
	if (rc == LA_OK && db_in_transaction(dst))
		rc = db_commit(dst, err);
	return rc;
}

/* The target file: none, or an empty regular file (not a symbolic
 * link, which could point anywhere). */
static enum la_status check_new_file(const char *to, struct la_err *err)
{
	struct stat sb;

	if (lstat(to, &sb) == 0 && (sb.st_size > 0 || !S_ISREG(sb.st_mode)))
		return la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			       _("%s: already exists; a copy goes only into a new database (a missing or empty file), and nothing was changed"),
			       to);
	return LA_OK;
}

/* The finished copy at tmp goes to to: never over a file that appeared
 * meanwhile (link fails then), an empty one is replaced (with the copy's
 * mode), and the folder's entry is made durable. */
static enum la_status publish(const char *tmp, const char *to, struct la_err *err)
{
	enum la_status rc;

	if (link(tmp, to) != 0) {
		/* Taken meanwhile, or a file system without hard links: the
		 * check again, then a rename. */
		if ((rc = check_new_file(to, err)) != LA_OK)
			return rc;
		if (rename(tmp, to) != 0)
			return la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"), to,
				       strerror(errno));
	}
	dbfile_sync_folder(to);
	return LA_OK;
}

/* A message about the file made beside the target names the target. */
static void name_target(struct la_err *err, const char *tmp, const char *to)
{
	char *at = strstr(err->msg, tmp);
	char rest[sizeof err->msg];

	if (!at)
		return;
	snprintf(rest, sizeof rest, "%s", at + strlen(tmp));
	*at = '\0';
	la_format(at, sizeof err->msg - (size_t)(at - err->msg), "%s%s", to, rest);
}

/* Rule 2 on a server is a unique key: names that SQLite kept side by
 * side (an upgrade keeps two names that became one and says so) are
 * refused before anything is made, naming them. Another file keeps them
 * as the source does. */
static enum la_status check_name_keys(struct db *src, struct la_err *err)
{
	static const char *const lists[] = { "category", "leadstatus", "usergroup", "heading" };
	enum la_status rc = LA_OK;
	size_t i;

	for (i = 0; rc == LA_OK && i < sizeof lists / sizeof lists[0]; i++) {
		struct jbuf sql = { 0 };
		struct db_stmt *st;

		jbuf_add(&sql, "SELECT group_concat(name, ', ') FROM ");
		jbuf_add(&sql, lists[i]);
		jbuf_add(&sql, " WHERE la_name_key IN (SELECT la_name_key FROM ");
		jbuf_add(&sql, lists[i]);
		jbuf_add(&sql, " WHERE la_name_key IS NOT NULL GROUP BY la_name_key HAVING count(*) > 1)");
		st = db_prepare(src, sql.s, lists[i], err);
		free(sql.s);
		if (!st)
			return LA_DB;
		if (db_step(st) != DB_ROW)
			rc = db_fail(src, err, lists[i]);
		else if (!db_col_null(st, 0))
			rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
				     _("%s: the list %s has names that are one name (%s): rename one of each before the copy (rule 2); nothing was copied"),
				     db_path(src), lists[i], db_col_text(st, 0));
		db_finalize(st);
	}
	return rc;
}

static void remove_file(const char *path)
{
	char *side = malloc(strlen(path) + sizeof "-journal");

	if (!side)
		abort();
	unlink(path);
	sprintf(side, "%s-wal", path);
	unlink(side);
	sprintf(side, "%s-shm", path);
	unlink(side);
	sprintf(side, "%s-journal", path);
	unlink(side);
	free(side);
}

enum la_status copy_database(struct db *src, const struct la_actor *actor, const char *to,
			     struct copy_result *res, struct la_err *err)
{
	const char *language = db_language(src);
	struct db *dst = NULL;
	char *tmp = NULL;
	enum la_status rc;
	bool started = false;
	int fd;

	memset(res, 0, sizeof(*res));
	if (!(res->source = strdup(db_path(src))))
		abort();
	if ((rc = rights_check_general(src, actor, err)) != LA_OK ||
	    (db_is_server_url(to) && (rc = check_name_keys(src, err)) != LA_OK))
		return rc;
	if (db_is_server_url(to)) {
		rc = db_open(to, DB_OPEN_CREATE | DB_OPEN_HOLD, language, actor->login, &dst, err);
	} else {
		if ((rc = check_new_file(to, err)) != LA_OK)
			return rc;
		/* Made beside it under another name, put in place when whole. */
		if (!(tmp = malloc(strlen(to) + sizeof ".copy-XXXXXX")))
			abort();
		sprintf(tmp, "%s.copy-XXXXXX", to);
		if ((fd = mkstemp(tmp)) < 0) {
			rc = la_fail(err, LA_DB, LA_FIELD_NONE, _("%s: cannot be written (%s)"), to,
				     strerror(errno));
			free(tmp);
			return rc;
		}
		close(fd);
		rc = db_open(tmp, DB_OPEN_CREATE, language, actor->login, &dst, err);
	}
	if (rc == LA_OK) {
		res->shown = strdup(tmp ? to : db_path(dst));
		if (!res->shown)
			abort();
		rc = db_read_begin(src, &started, err);
	}
	if (rc == LA_OK) {
		rc = fill(src, dst, res, err);
		db_read_end(src, started);
	}
	db_close(dst);
	if (tmp && rc == LA_OK)
		rc = publish(tmp, to, err);
	if (tmp && rc != LA_OK)
		name_target(err, tmp, to);
	if (tmp)
		remove_file(tmp);
	free(tmp);
	return rc;
}

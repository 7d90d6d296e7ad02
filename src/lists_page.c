/* A list read a page at a time, for a screen that holds only what it
 * shows (issue 11): keyset pages in the list's order, the position of a
 * key and the key of an item. */
#include "config.h"
#include "lists.h"

#include <stdlib.h>

#include "i18n.h"
#include "lists_impl.h"
#include "text.h"

/* Reads one range of a page (query q) into fn; *left counts down the
 * limit (0: none); *stop tells that the page is full or fn stopped. */
static enum la_status page_range(struct db *db, enum la_list list, enum lists_query q,
				 bool with_deleted, const char *folded, int64_t rank, int64_t id,
				 size_t limit, size_t *left, bool *stop, lists_page_fn fn,
				 void *arg, struct la_err *err)
{
	const struct la_listdef *d = lists_def(list);
	struct db_stmt *st = db_stmt(db, lists_sql(list, q), err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int(st, 1, with_deleted);
	db_bind_int64(st, 2, rank);
	db_bind_int64(st, 3, id);
	/* No limit: the largest, which both engines take (PostgreSQL refuses
	 * SQLite's -1). */
	db_bind_int64(st, 4, limit ? (int64_t)*left : INT64_MAX);
	if (folded)
		db_bind_text(st, 5, folded);
	while (!*stop && (rc = db_step(st)) == DB_ROW) {
		struct la_item it;
		/* The type first: reading a value may convert it. */
		struct lists_key key = { .ranked = !db_col_null(st, 2) };

		key.rank = key.ranked ? db_col_int64(st, 2) : 0;
		lists_read_row(st, d, &it);
		key.id = it.id;
		*stop = !fn(&it, &key, arg) || (limit && --*left == 0);
		lists_item_clear(&it);
	}
	db_reset(st);
	if (!*stop && rc != DB_DONE)
		return db_fail(db, err, d->table);
	return LA_OK;
}

enum la_status lists_page(struct db *db, enum la_list list, bool with_deleted,
			  const char *filter, const struct lists_key *key, int dir,
			  size_t limit, lists_page_fn fn, void *arg, struct la_err *err)
{
	char *folded = text_fold_filter(filter);
	size_t left = limit;
	bool stop = false;
	enum la_status rc = LA_OK;

	if (dir > 0) {
		/* The unranked items after the key (all of them from the
		 * start), then the ranked ones after it. */
		if (!key || !key->ranked)
			rc = page_range(db, list, LQ_PAGE_NULL_AFTER, with_deleted, folded, 0,
					key ? key->id : INT64_MIN, limit, &left, &stop, fn, arg, err);
		if (rc == LA_OK && !stop)
			rc = page_range(db, list, LQ_PAGE_AFTER, with_deleted, folded,
					key && key->ranked ? key->rank : INT64_MIN,
					key && key->ranked ? key->id : INT64_MIN, limit, &left, &stop,
					fn, arg, err);
	} else {
		if (!key || key->ranked)
			rc = page_range(db, list, LQ_PAGE_BEFORE, with_deleted, folded,
					key ? key->rank : INT64_MAX, key ? key->id : INT64_MAX, limit,
					&left, &stop, fn, arg, err);
		if (rc == LA_OK && !stop)
			rc = page_range(db, list, LQ_PAGE_NULL_BEFORE, with_deleted, folded, 0,
					key && !key->ranked ? key->id : INT64_MAX, limit, &left, &stop,
					fn, arg, err);
	}
	free(folded);
	return rc;
}

/* Runs count query q (LQ_COUNT_ALL: ?1 only; else ?1, ?2 and ?3 of key,
 * ?5 the folded filter, ?6 whether there is a key) into its one or two
 * columns. */
static enum la_status count_query(struct db *db, enum la_list list, enum lists_query q,
				  bool with_deleted, const char *folded,
				  const struct lists_key *key, size_t *first, size_t *second,
				  struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, q), err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int(st, 1, with_deleted);
	if (q != LQ_COUNT_ALL) {
		if (key && key->ranked)
			db_bind_int64(st, 2, key->rank);
		db_bind_int64(st, 3, key ? key->id : 0);
		if (folded)
			db_bind_text(st, 5, folded);
		db_bind_int(st, 6, key != NULL);
	}
	if ((rc = db_step(st)) == DB_ROW) {
		*first = (size_t)db_col_int64(st, 0);
		if (second)
			*second = (size_t)db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? LA_OK : db_fail(db, err, lists_table(list));
}

enum la_status lists_position(struct db *db, enum la_list list, bool with_deleted,
			      const char *filter, const struct lists_key *key, size_t *n,
			      struct la_err *err)
{
	char *folded = text_fold_filter(filter);
	/* All of them: a count that reads no item. */
	enum lists_query q = !key && !folded ? LQ_COUNT_ALL : LQ_POSITION;
	enum la_status rc;

	*n = 0;
	rc = count_query(db, list, q, with_deleted, folded, key, n, NULL, err);
	free(folded);
	return rc;
}

enum la_status lists_position_count(struct db *db, enum la_list list, bool with_deleted,
				    const char *filter, const struct lists_key *key,
				    size_t *pos, size_t *n, struct la_err *err)
{
	char *folded = text_fold_filter(filter);
	enum la_status rc;

	*pos = *n = 0;
	rc = count_query(db, list, LQ_COUNT_POSITION, with_deleted, folded, key, pos, n, err);
	free(folded);
	return rc;
}

enum la_status lists_key_of(struct db *db, enum la_list list, int64_t id,
			    struct lists_key *key, struct la_err *err)
{
	struct db_stmt *st = db_stmt(db, lists_sql(list, LQ_RANK), err);
	int rc;

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		key->ranked = !db_col_null(st, 0);
		key->rank = key->ranked ? db_col_int64(st, 0) : 0;
		key->id = id;
	}
	db_reset(st);
	if (rc == DB_ROW)
		return LA_OK;
	if (rc != DB_DONE)
		return db_fail(db, err, lists_table(list));
	return la_fail(err, LA_NOT_FOUND, LA_FIELD_NONE, _("%s: there is no item with id %lld"),
		       lists_title(list), (long long)id);
}

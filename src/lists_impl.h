/* What the parts of the list module share; not for other modules. */
#ifndef LA_LISTS_IMPL_H
#define LA_LISTS_IMPL_H

#include "lists.h"

/* The statements of a list, made from its definition (never from input). */
enum lists_query {
	LQ_LOAD,        /* ?1 with deleted */
	LQ_GET,         /* ?1 id */
	LQ_NAME,        /* ?1 name, ?2 except id, ?3 its key, ?4 language code or NULL
			   (any): id, deleted, the same bytes, source (every match:
			   0 a plain name; 1 a value of a multi-language name) */
	LQ_INSERT,      /* ?1 name, ?2 tooltip, ?3 actor, ?4 now, ?5... the fields,
			   then the rank or NULL (the next) */
	LQ_UPDATE,      /* the same, ?4 id */
	LQ_REFILL_KEY,  /* ?1 id */
	LQ_SET_DELETED, /* ?1 id, ?2 deleted, ?3 actor */
	LQ_DUP_RANK,    /* a row when two items share a rank */
	LQ_NORMALISE,   /* ranks 1..n in the present order */
	LQ_PREV,        /* ?1 rank: the active item before it: id, rank */
	LQ_NEXT,        /* ?1 rank: the active item after it */
	LQ_SET_RANK,    /* ?1 id, ?2 rank, ?3 actor */
	LQ_REORDER,     /* ?1 actor, ?2 the time now; the order in temp.la_order */
	LQ_REORDERS,    /* each item's place in temp.la_order, in the present order */
	LQ_RANKS_PLAIN, /* 1 when the ranks are 1, 2, ... count(*), each once */
	LQ_PLACES,      /* how many items temp.la_order places when their places
			   are 0 to that number - 1, else -1 */
	LQ_REORDER_PLACES, /* LQ_REORDER when the places are 0 to ?3 - 1, each once */
	LQ_IN_ORDER,    /* every item's id, in the present order (rank, id) */
	LQ_RANK_AFTER,  /* ?1 actor, ?2 the time now: item ?4 takes rank ?3 (a
			   row of LQ_REORDER_PLACES; none when it has it) */
	LQ_DEFAULT,     /* the active default's id */
	LQ_CLEAR_DEFAULT, /* ?1 id that keeps it, ?2 actor */
	LQ_SET_DEFAULT, /* ?1 id, ?2 actor */
	LQ_TWINS,       /* the sets of names that are one name: a row each */
	LQ_NAMES,       /* every item, deleted ones too: id, name */
	LQ_NAME_KEYS,   /* every key LQ_NAME compares: each item's (NULL: none
			   yet), each key per language */
	/* Pages (?1 with deleted, ?4 limit, ?5 the folded filter or NULL),
	 * each a range of the index on rank: */
	LQ_PAGE_AFTER,  /* ranked items after (?2 rank, ?3 id), in order */
	LQ_PAGE_BEFORE, /* ranked items before it, nearest first */
	LQ_PAGE_NULL_AFTER,  /* items without a rank after ?3 id */
	LQ_PAGE_NULL_BEFORE, /* those before ?3, nearest first */
	LQ_POSITION,    /* ?1, ?5, and ?6: the items before (?2, ?3) only */
	LQ_RANK,        /* ?1 id: its rank (a row when it exists) */
	LQ_COUNT_ALL,   /* ?1 with deleted: the items, without a filter */
	LQ_COUNT_POSITION, /* as LQ_POSITION with a key: the items before
			      it and all of them, in one read */
	LQ_COUNT
};

/* The SQL of query q for list (static storage, made once); NULL for the
 * default's queries of a list without a default item. */
const char *lists_sql(enum la_list list, enum lists_query q);

/* Reads an item as the readers of items select it (LQ_LOAD, LQ_GET, the
 * pages): the item out is overwritten, not freed. */
void lists_read_row(struct db_stmt *st, const struct la_listdef *d, struct la_item *it);

/* Opens a change of list: the transaction, then the rights (rule 9). */
enum la_status lists_begin(struct db *db, const struct la_actor *actor,
			   enum la_list list, struct la_err *err);
/* Commits when rc is LA_OK, else rolls back; returns the outcome. */
enum la_status lists_end(struct db *db, enum la_status rc, struct la_err *err);
/* Makes id the only active default of list (inside a transaction), bumping
 * the items whose flag changes (rule 8). */
enum la_status lists_make_default(struct db *db, const struct la_actor *actor,
				  enum la_list list, int64_t id, struct la_err *err);
/* Moves every row that uses old to target (both of old's list), with an
 * audit row for each and one for the move with its count (src/lists_move.c). */
enum la_status lists_move_users(struct db *db, const struct la_actor *actor,
				const struct la_item *old, const struct la_item *target,
				struct lists_moved *done, struct la_err *err);
/* Steps a statement that returns no rows; resets it. */
enum la_status lists_step(struct db *db, struct db_stmt *st, enum la_list list,
			  struct la_err *err);
/* Binds the actor's associate id (NULL when the login is none). */
void lists_bind_actor(struct db_stmt *st, int col, const struct la_actor *actor);
/* Audits a change of old's item from old to its current state. */
enum la_status lists_audit_change(struct db *db, const struct la_actor *actor,
				  const struct la_item *old, const char *action,
				  struct la_err *err);

#endif

/* A window of rows that live in the database (a table_source's rows):
 * the rows at positions from .. from + n - 1 of the screen's order, read
 * by keyset pages as the table asks for rows, at most about WIN_MAX of
 * them whatever the length of the order. The screen gives the size of a
 * row, how to free one and how to read rows after or before a row; the
 * window keeps them in order and drops those far from the screen. */
#ifndef UI_ROWWIN_H
#define UI_ROWWIN_H

#include <stdbool.h>
#include <stddef.h>

/* Rows read at a time, and held at most (a few screens either way). */
#define ROWWIN_CHUNK 256
#define ROWWIN_MAX (4 * ROWWIN_CHUNK)

/* Rows as they are read, in reading order; the first ones read are
 * dropped when more than keep come (a far jump keeps only the rows near
 * its end). */
struct rowwin_fill {
	const struct rowwin_ops *ops;
	char *v;
	size_t n, keep, dropped;
};

struct rowwin_ops {
	size_t size;                 /* bytes of a row */
	void (*drop)(void *row);     /* frees what a row holds */
	/* Reads up to limit rows after (dir > 0) or before (dir < 0) row
	 * from (NULL: from the first or the last), nearest first, each into
	 * rowwin_add(f); false after an error (which it shows). */
	bool (*read)(void *ctx, const void *from, int dir, size_t limit,
		     struct rowwin_fill *f);
};

struct rowwin {
	const struct rowwin_ops *ops;
	void *ctx;
	char *v;
	size_t from, n;   /* the rows held: positions from .. from + n - 1 */
	size_t total;     /* the rows of the order, as last counted */
	bool failed;      /* a read failed (and said why): not read again
			     for the same rows (a redraw) until the screen
			     clears the window or asks for other rows, so
			     that a damaged page is not read at every redraw
			     while a passing error heals at the next move */
	size_t failed_from, failed_to;   /* the rows asked for then */
};

void rowwin_init(struct rowwin *w, const struct rowwin_ops *ops, void *ctx);
/* Frees the rows and the window's memory. */
void rowwin_free(struct rowwin *w);
/* Holds no row; the next rows read start at position at (and a failed
 * read may be tried again). */
void rowwin_clear(struct rowwin *w, size_t at);
/* The row at position pos, NULL when the window does not hold it. */
void *rowwin_row(const struct rowwin *w, size_t pos);
/* A new row at the end of f, zeroed, for the screen's read to fill. */
void *rowwin_add(struct rowwin_fill *f);
/* A fill for rows read otherwise than by ops->read (a filter's first
 * rows that come with its count), at most keep of them. */
void rowwin_fill_init(struct rowwin *w, struct rowwin_fill *f, size_t keep);
/* Frees the rows f holds and its memory. */
void rowwin_fill_free(struct rowwin_fill *f);
/* The rows of f become the window, from position at; f is freed. */
void rowwin_take(struct rowwin *w, size_t at, struct rowwin_fill *f);
/* Starts the window at position at with the rows after row after (which
 * need only hold what read looks at), a chunk of them. */
void rowwin_start(struct rowwin *w, size_t at, const void *after);
/* For table_source.fetch: holds the rows from .. to-1 (of w->total),
 * reading what it lacks, and sets [*lo, *hi) to the rows it holds. */
void rowwin_fetch(struct rowwin *w, size_t from, size_t to, size_t *lo, size_t *hi);

#endif

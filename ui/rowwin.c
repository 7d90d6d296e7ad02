/* The window of rows read by keyset pages (see rowwin.h). */
#include "config.h"
#include "rowwin.h"

#include <stdlib.h>
#include <string.h>

static char *at(const struct rowwin_ops *ops, char *v, size_t i)
{
	return v + i * ops->size;
}

static void drop_rows(const struct rowwin_ops *ops, char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ops->drop(at(ops, v, i));
}

void rowwin_init(struct rowwin *w, const struct rowwin_ops *ops, void *ctx)
{
	memset(w, 0, sizeof *w);
	w->ops = ops;
	w->ctx = ctx;
}

/* Holds no row, from position pos on; a failed read stays failed. */
static void clear_rows(struct rowwin *w, size_t pos)
{
	drop_rows(w->ops, w->v, w->n);
	w->n = 0;
	w->from = pos;
}

void rowwin_clear(struct rowwin *w, size_t pos)
{
	clear_rows(w, pos);
	w->failed = false;
}

void rowwin_free(struct rowwin *w)
{
	rowwin_clear(w, 0);
	free(w->v);
	w->v = NULL;
}

void *rowwin_row(const struct rowwin *w, size_t pos)
{
	if (pos < w->from || pos >= w->from + w->n)
		return NULL;
	return at(w->ops, w->v, pos - w->from);
}

void *rowwin_add(struct rowwin_fill *f)
{
	const struct rowwin_ops *ops = f->ops;
	char *r;

	if (f->n == f->keep) {
		size_t d = f->keep / 2;

		drop_rows(ops, f->v, d);
		memmove(f->v, at(ops, f->v, d), (f->n - d) * ops->size);
		f->n -= d;
		f->dropped += d;
	}
	r = at(ops, f->v, f->n++);
	memset(r, 0, ops->size);
	return r;
}

void rowwin_fill_init(struct rowwin *w, struct rowwin_fill *f, size_t keep)
{
	*f = (struct rowwin_fill){ .ops = w->ops, .keep = keep ? keep : 1 };
	if (!(f->v = calloc(f->keep, w->ops->size)))
		abort();
}

void rowwin_fill_free(struct rowwin_fill *f)
{
	drop_rows(f->ops, f->v, f->n);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Reads up to limit rows after or before row from into f; false after an
 * error. */
static bool read_rows(struct rowwin *w, const void *from, int dir, size_t limit,
		      struct rowwin_fill *f)
{
	rowwin_fill_init(w, f, 2 * ROWWIN_MAX);
	/* After a failed read in the same fetch: not again. */
	if (w->failed || !w->ops->read(w->ctx, from, dir, limit, f))
		w->failed = true;
	return !w->failed;
}

/* The window is at most ROWWIN_MAX rows (more while one screen needs
 * them), and keeps from .. to-1. */
static void trim(struct rowwin *w, size_t from, size_t to)
{
	const struct rowwin_ops *ops = w->ops;
	size_t over = w->n > ROWWIN_MAX ? w->n - ROWWIN_MAX : 0;
	size_t front = from > w->from ? from - w->from : 0;
	size_t wend = w->from + w->n;
	size_t back = wend > to ? wend - to : 0;

	if (over == 0)
		return;
	if (front > over)
		front = over;
	drop_rows(ops, w->v, front);
	memmove(w->v, at(ops, w->v, front), (w->n - front) * ops->size);
	w->n -= front;
	w->from += front;
	over -= front;
	if (back > over)
		back = over;
	drop_rows(ops, at(ops, w->v, w->n - back), back);
	w->n -= back;
}

static void grow(struct rowwin *w, size_t n)
{
	char *v = realloc(w->v, (w->n + n) * w->ops->size);

	if (!v && w->n + n)
		abort();
	w->v = v;
}

/* Reads limit rows after row after (NULL: from the first) into the end
 * of the window. */
static void append_after(struct rowwin *w, const void *after, size_t limit)
{
	struct rowwin_fill f;
	size_t wend = w->from + w->n;

	/* (No rows: nothing to copy, and the window may have no memory.) */
	if (read_rows(w, after, 1, limit, &f) && f.n) {
		if (f.dropped)
			clear_rows(w, wend + f.dropped);
		grow(w, f.n);
		memcpy(at(w->ops, w->v, w->n), f.v, f.n * w->ops->size);
		w->n += f.n;
		f.n = 0;
	}
	rowwin_fill_free(&f);
}

void rowwin_take(struct rowwin *w, size_t pos, struct rowwin_fill *f)
{
	rowwin_clear(w, pos);
	if (f->n) {
		grow(w, f->n);
		memcpy(w->v, f->v, f->n * w->ops->size);
		w->n = f->n;
		f->n = 0;
	}
	rowwin_fill_free(f);
}

void rowwin_start(struct rowwin *w, size_t pos, const void *after)
{
	rowwin_clear(w, pos);
	append_after(w, after, ROWWIN_CHUNK);
}

/* Reads rows after the window until it reaches position to (and a chunk
 * beyond); an empty window starts at position 0. */
static void extend_down(struct rowwin *w, size_t to)
{
	append_after(w, w->n ? at(w->ops, w->v, w->n - 1) : NULL,
		     to - (w->from + w->n) + ROWWIN_CHUNK);
}

/* Reads rows before the window until it reaches position from (and a
 * chunk before it); an empty window starts at the end. */
static void extend_up(struct rowwin *w, size_t from)
{
	const struct rowwin_ops *ops = w->ops;
	struct rowwin_fill f;
	size_t want = w->from - from + ROWWIN_CHUNK;

	if (want > w->from)
		want = w->from;
	if (read_rows(w, w->n ? w->v : NULL, -1, want, &f) && f.n) {
		/* Read nearest first: the window takes them reversed. */
		if (f.dropped)
			clear_rows(w, w->from - f.dropped);
		grow(w, f.n);
		memmove(at(ops, w->v, f.n), w->v, w->n * ops->size);
		for (size_t i = 0; i < f.n; i++)
			memcpy(at(ops, w->v, f.n - 1 - i), at(ops, f.v, i), ops->size);
		w->n += f.n;
		w->from = w->from > f.n ? w->from - f.n : 0;
		f.n = 0;
	}
	rowwin_fill_free(&f);
}

void rowwin_fetch(struct rowwin *w, size_t from, size_t to, size_t *lo, size_t *hi)
{
	size_t wend = w->from + w->n;

	if (w->failed && from == w->failed_from && to == w->failed_to) {
		*lo = *hi = w->from;
		return;
	}
	w->failed = false;
	if (w->n == 0 || to < w->from || from > wend)
		/* Nothing to go on from: the nearer end. */
		clear_rows(w, from <= w->total - to ? 0 : w->total);
	if (from < w->from)
		extend_up(w, from);
	if (to > w->from + w->n && w->from + w->n < w->total)
		extend_down(w, to);
	if (w->failed) {
		w->failed_from = from;
		w->failed_to = to;
	}
	trim(w, from, to);
	*lo = w->from;
	*hi = w->from + w->n;
}

/* A one-line progress meter for long work on the command line (issue 16):
 * done / total where the total is known, the rate and the time left, on a
 * terminal only, redrawn at most ten times a second and erased at the end.
 * The domain never sees it: it reports through a progress_fn that the
 * command line points at progress_cb. */
#ifndef LA_PROGRESS_H
#define LA_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What the domain calls: done so far, of total (0: as given to
 * progress_start, or unknown). */
typedef void progress_fn(void *ctx, uint64_t done, uint64_t total);

enum progress_unit {
	PROGRESS_BYTES,   /* shown as kB, MB, GB */
	PROGRESS_PAGES,   /* database pages (SQLite's backup) */
	PROGRESS_ITEMS,   /* list items */
	PROGRESS_STEPS,   /* statements of an upgrade */
};

/* What the domain calls when its work moves to a stage of another kind
 * (an upgrade: the copy of the old file in pages, then its migrations in
 * steps): the line starts again with that label, unit and total. */
typedef void progress_stage_fn(void *ctx, const char *label, enum progress_unit unit,
			       uint64_t total);

struct progress {
	FILE *out;
	bool on;              /* out is a terminal and --quiet was not given */
	const char *label;    /* translated, e.g. "Submitting" */
	enum progress_unit unit;
	uint64_t total, done;
	int64_t start_ns, last_ns;
	int cols;             /* the terminal's width: a longer line is cut */
	bool shown;           /* a line is on the terminal */
};

/* The meter writes to out when enabled and out is a terminal. */
void progress_init(struct progress *p, FILE *out, bool enabled);
void progress_start(struct progress *p, const char *label, enum progress_unit unit,
		    uint64_t total);
/* Cheap when nothing is drawn: one clock read; it draws when 100 ms have
 * passed since the last line. */
void progress_step(struct progress *p, uint64_t done);
/* Erases the line (before another message, and at the end). */
void progress_clear(struct progress *p);
void progress_end(struct progress *p);
/* progress_fn for a struct progress *ctx. */
void progress_cb(void *ctx, uint64_t done, uint64_t total);
/* progress_stage_fn for a struct progress *ctx. */
void progress_stage_cb(void *ctx, const char *label, enum progress_unit unit, uint64_t total);

/* The line as it would be drawn after elapsed_ns (for tests): into buf. */
void progress_format(const struct progress *p, int64_t elapsed_ns, char *buf, size_t size);

#endif

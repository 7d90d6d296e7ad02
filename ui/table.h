/* The one table widget of the screens (htop's Panel, tig's view_column):
 * it owns the view (the rows that pass the filter), the selection and the
 * scrolling, the header row, the marker gutter, the drawing of the visible
 * rows, the filter as you type, the status line, the text of an empty
 * table, and the standard keys (movement, / filter, Esc back). A screen
 * gives it column descriptions and callbacks, and keeps its own actions
 * (Enter, a, d, ...) and any extra drawing around it.
 *
 * Memory: the screen owns its rows, the table_def (usually static const)
 * and ctx, which must outlive the table; the table owns its view, its
 * measured widths and the filter text, freed by table_free. Callbacks are
 * only called from table functions, with row indexes below the n given to
 * the last table_reload: a screen that replaces its rows calls
 * table_reload before anything else may touch the table.
 *
 * Cost (with def->source: no O(rows) step at all, see table_source):
 * table_draw touches the visible rows only (and the columns: the
 * layout is O(columns)); moving the selection is O(1) (with row kinds: to
 * the next item and its section's heading); the view is rebuilt,
 * O(rows), only by table_reload and when the filter changes (a filter that
 * grows only looks at the rows the shorter one let through); the columns
 * that fit their content are measured, O(rows), only by table_reload.
 *
 * Widths: the rule set of columns.h (sized, shared, growing and dropped
 * columns); the table measures the .fit columns: the head, the labels
 * (def->label) and the cells of the rows that pass def->shown, not only
 * the filtered ones, so that the columns hold still while a filter is
 * typed. A screen whose arithmetic the rule set cannot express gives
 * def->layout. */
#ifndef UI_TABLE_H
#define UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "app.h"
#include "columns.h"
#include "pager.h"

#define TABLE_NONE ((size_t)-1)
#define TABLE_FILTER_MAX 200

enum table_row {
	TABLE_ITEM,     /* a row that can be selected */
	TABLE_HEADING,  /* a section heading: not selectable; in the header
			   colours, cell 0 from screen column 1 to the end of
			   the first column, the other cells in their columns;
			   kept in view above the selected row of its section */
	TABLE_NOTE,     /* not selectable: cell 0 from the gutter across the
			   width ("" for a blank row) */
};

/* What the status line counts (see table_def.status). */
struct table_count {
	size_t shown;          /* rows in the view */
	size_t total;          /* rows that pass def->shown */
	const char *filter;    /* the filter, NULL when there is none */
	const char *cursor;    /* "_" while the filter is typed, else "" */
};

struct table;

/* Rows that live in the database rather than in the screen (the contacts
 * of a lead status: a million of them): the table holds no view, row i
 * is the i-th row of the screen's order with the filter applied, and the
 * screen reads only the rows about to be drawn (and some around them,
 * its window), by keyset pages. The filter is then the screen's too: it
 * gets the text as typed. Selection is by position (def->id is not
 * used): table_reload keeps the position, a screen that wants to keep a
 * row selects it again with table_select. */
struct table_source {
	/* The rows that pass filter (NULL: no filter), and all rows. Called
	 * by table_reload and whenever the filter changes; the rows the
	 * screen holds are stale afterwards. */
	void (*count)(void *ctx, const char *filter, size_t *shown, size_t *total);
	/* Rows from .. to-1 are drawn next: cell must answer for them. Sets
	 * [*lo, *hi) to all the rows the screen holds now (the table
	 * measures the .fit columns over them). */
	void (*fetch)(void *ctx, size_t from, size_t to, size_t *lo, size_t *hi);
};

struct table_def {
	const struct table_col *cols;
	int ncols;
	int gutter;            /* columns before the first column: ">" at 0,
				  the deleted marker at 1; 0 means 3 */
	bool no_header;        /* no header row (headings are rows instead) */
	/* Shown two rows below the top at column 2 when the view is empty: */
	const char *empty;     /* N_() text of a table without rows; NULL none */
	const char *no_match;  /* N_() text when the filter lets no row through */

	/* The text of cell (row, col): a string that lives until the next
	 * call, or one written into buf (len bytes, at least 64); NULL is an
	 * empty cell. Required. */
	const char *(*cell)(void *ctx, size_t row, int col, char *buf, size_t len);
	/* Writes the status line (at most len bytes) for the counts; the
	 * screen's words, with ngettext. Required. */
	void (*status)(void *ctx, const struct table_count *c, char *buf,
		       size_t len);
	/* Optional. The row's id, by which the selection is kept across
	 * reloads and filter changes; NULL: the position is kept. */
	int64_t (*id)(void *ctx, size_t row);
	/* Optional. False hides the row (e.g. inactive users until s); the
	 * status line's total counts the rows that pass. NULL: all pass. */
	bool (*shown)(void *ctx, size_t row);
	/* Optional. True marks the row deleted: its own colour and "✗" at
	 * gutter column 1. */
	bool (*deleted)(void *ctx, size_t row);
	/* Optional. The kind of a row; NULL: every row is a TABLE_ITEM. The
	 * filter lets only items through. */
	enum table_row (*kind)(void *ctx, size_t row);
	/* Optional. The i-th label (translated) a .fit column may show, NULL
	 * after the last: its width counts even when no row shows it yet. */
	const char *(*label)(void *ctx, int col, int i);
	/* Optional escape hatch: sets the widths w[ncols] itself (<= 0: not
	 * drawn) for the terminal width. w comes filled with each column's
	 * sized width (fixed or fit, clamped; 0 for hidden ones). */
	void (*layout)(void *ctx, const struct table *t, int width, int *w);
	/* Optional: the rows are read as they are drawn (see above). The
	 * .fit columns then grow to the widest cell of the rows the screen
	 * has held since table_reload, and do not narrow while a filter is
	 * typed or the list scrolls. */
	const struct table_source *source;
};

/* The table's state: screens use the functions below, not the fields. */
struct table {
	const struct table_def *def;
	void *ctx;
	size_t n;              /* the screen's rows */
	size_t total;          /* rows that pass def->shown */
	size_t *view;          /* the rows shown, in order (pg.n of them) */
	size_t cap;
	struct pager pg;       /* selection and scrolling over view */
	int64_t sel_id;        /* the id of the selected item, when has_id */
	bool has_id;
	bool filtering;        /* typing goes to the filter */
	char filter[TABLE_FILTER_MAX];
	char *folded;          /* the filter the view was built with */
	int *natural;          /* per column: its sized width, measured */
	int *measured;         /* per column: the widest text it has shown */
	int *w, *x;            /* per column: width and start, last drawn */
	int y, h, width;       /* where table_place put it */
	size_t mlo, mhi;       /* def->source: the rows measured last */
};

/* Sets t up empty for def and ctx (which the table keeps pointers to). */
void table_init(struct table *t, const struct table_def *def, void *ctx);
/* Frees what the table owns (not the screen's rows, def or ctx). */
void table_free(struct table *t);

/* The screen's rows are now n (new data, or def->shown answers
 * differently): rebuilds the view (with the filter), measures the .fit
 * columns and selects the row selected before by its id; a row that went
 * away leaves the selection at the same position, on the next row. True
 * when the selected row was found again. Call it as soon as the rows
 * change, before any other table function. With def->source, n is not
 * used (source->count says how many) and the position is kept. */
bool table_reload(struct table *t, size_t n);

/* Where the table draws: the header at r->y (unless def->no_header),
 * the rows below it, the status line at the bottom row of r, and
 * reserve rows between the rows and the status line for the screen's own
 * drawing (see table_reserved_y). Call from the screen's resize. */
void table_place(struct table *t, const struct ui_rect *r, int reserve);
/* The first of the reserved rows. */
int table_reserved_y(const struct table *t);

/* Draws the header, the visible rows, the empty text and the status line
 * (at column 1 of the bottom row) where table_place put them. */
void table_draw(struct table *t);

enum table_result {
	TABLE_IGNORED,   /* not the table's key: the screen's action */
	TABLE_HANDLED,   /* moved, or the filter opened */
	TABLE_FILTERED,  /* the filter took the key (it changed or closed) */
	TABLE_CLOSE,     /* back: the screen closes */
	TABLE_OPEN,      /* a double click on an item: the screen's Enter */
};
/* The standard keys: movement (onto items only), / opens the filter when a
 * column is filterable, typing edits it (pager_filter_key: Backspace, Enter
 * ends the typing, Esc clears), Esc/q back. A filter change keeps the
 * selected row when the filter still shows it (else the position); a
 * screen that wants otherwise acts on TABLE_FILTERED. */
enum table_result table_key(struct table *t, enum ui_action act,
			    const struct ui_key *key);
/* The keys of a screen that only browses a table whose first row is its
 * newest (the change log, the contacts of an overview row): table_key,
 * and a new filter starts at its newest row. */
enum ui_result table_browse_key(struct table *t, enum ui_action act,
				const struct ui_key *key);
/* A mouse event (UK_MOUSE): a click on an item selects it, a double
 * click selects it and answers TABLE_OPEN, the wheel scrolls the rows
 * and the selection with them, TABLE_WHEEL rows a notch. TABLE_IGNORED
 * when it is on nothing the table holds (the header, a heading). */
#define TABLE_WHEEL 3
enum table_result table_mouse(struct table *t, const struct ui_key *key);
/* For a screen's ops->mouse: table_mouse, and a double click on an item
 * stands for open (the screen's Enter action; ACT_NONE: none). */
enum ui_action table_mouse_action(struct table *t, const struct ui_key *key,
				  enum ui_action open);
/* True while the filter is typed: text keys are text, not actions (for
 * the screen's ops->typing). */
bool table_typing(const struct table *t);

/* The screen's row that is selected, or TABLE_NONE (no rows shown, or no
 * item among them). */
size_t table_current(const struct table *t);
/* Selects the item at view position pos (clamped), or the next item
 * after it (else before it), and scrolls it into view. */
void table_select(struct table *t, size_t pos);
/* Selects the row whose def->id is id; false (selection unchanged) when
 * no row in the view has it. */
bool table_select_id(struct table *t, int64_t id);

/* A column's sized width as measured by the last table_reload (fixed or
 * fit, clamped to [min, max]), for def->layout. */
int table_natural(const struct table *t, int col);

#endif

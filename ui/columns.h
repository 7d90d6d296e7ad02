/* The widths of a table's columns: one rule set for every table screen
 * (tig's view_column widths, htop's field widths). Plain arithmetic, no
 * curses, so that it is tested on its own (tests/test_columns.c).
 *
 * Every column that is drawn has a width:
 *   - sized columns (no .share, not .grow): .width columns, or with .fit
 *     as wide as the widest of the head, the labels and the cells (the
 *     table measures these, see table.h), whichever is wider; clamped to
 *     [.min, .max] (.max 0: no maximum). This is the column's "natural"
 *     width; columns_widths gets it measured;
 *   - the rest is the terminal width less the gutter and less every sized
 *     column with one separator each;
 *   - a column with .drop_below is left out when the rest is below it;
 *   - .share columns get .share percent of the rest (rounded down),
 *     clamped to [.min, .max];
 *   - what the flexible (.share and .grow) columns leave of the rest, less
 *     one separator between each two of them, goes to the .grow column
 *     (at most one; its natural width is its least); without a .grow column
 *     shown, the .share columns take it up to their .max;
 *   - when the columns do not fit, the widest column that is wider than
 *     its .min and than 2 gives up one column at a time (the first of equal
 *     ones) until they fit.
 * Columns start after the gutter and are separated by one blank; one whose
 * width is 0 or less is not drawn and takes no separator.
 *
 * Example, a list screen (listscr.c's rule): Name .share 50 .max 40;
 * Group and Lead .fit with their labels; "In use" .fit TABLE_RIGHT;
 * Description .grow .drop_below 36. At 80 columns with Group 18, Lead 4 and
 * "In use" 6 wide the rest is 80 - 3 - 19 - 5 - 7 = 46: Name 23,
 * Description 46 - 23 - 1 = 22; under 36 the description is left out and
 * Name takes the whole rest. Name's least of 18 needs no .min: half of a
 * rest of 36 or more is at least 18, and without the description
 * listscr.c gives Name the whole rest, even less than 18 (a .min would
 * make another column give way instead). tests/test_columns.c checks
 * this against listscr.c's arithmetic at every width. */
#ifndef UI_COLUMNS_H
#define UI_COLUMNS_H

#include <stdbool.h>

enum table_align { TABLE_LEFT, TABLE_RIGHT };

struct table_col {
	const char *head;      /* N_() text of the header, translated when
				  drawn; NULL: none */
	enum table_align align;
	bool filter;           /* the filter looks at this column's cells */
	bool hidden;           /* never drawn, only filtered (e.g. the full
				  text of a cell that is shown cut) */
	int width;             /* a sized column's width (with .fit: its least) */
	bool fit;              /* sized by the head, labels and cells */
	int share;             /* > 0: percent of the rest */
	bool grow;             /* takes what the others leave */
	int min, max;          /* bounds; max 0: none */
	int drop_below;        /* > 0: left out when the rest is below this */
};

/* A column's natural width from its measured content (the widest of head,
 * labels and cells; 0 when not .fit): .width or measured, clamped. 0 for
 * .share and hidden columns; a .grow column's least. */
int columns_natural(const struct table_col *col, int measured);

/* Fills w[n] for a terminal width and gutter by the rule set above; w
 * comes in holding each column's natural width. */
void columns_widths(const struct table_col *cols, int n, int width, int gutter,
		    int *w);

#endif

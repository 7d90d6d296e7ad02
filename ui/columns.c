/* Column widths by the rule set of columns.h. */
#include "config.h"
#include "columns.h"

static bool flexible(const struct table_col *col)
{
	return col->share > 0 || col->grow;
}

static int clamp(int w, const struct table_col *col)
{
	if (w < col->min)
		w = col->min;
	if (col->max > 0 && w > col->max)
		w = col->max;
	return w;
}

int columns_natural(const struct table_col *col, int measured)
{
	if (col->hidden || col->share > 0)
		return 0;
	return clamp(col->fit && measured > col->width ? measured : col->width, col);
}

/* Room left over goes to the .grow column, else to the .share columns up
 * to their maximum. */
static void spread(const struct table_col *cols, int n, int grow, int left, int *w)
{
	if (grow >= 0) {
		w[grow] += left;
		return;
	}
	for (int c = 0; left > 0 && c < n; c++) {
		if (cols[c].hidden || cols[c].share <= 0 || w[c] <= 0)
			continue;
		int add = cols[c].max > 0 && cols[c].max - w[c] < left ? cols[c].max - w[c] : left;
		if (add > 0) {
			w[c] += add;
			left -= add;
		}
	}
}

/* Too wide: the widest column gives up a column at a time. */
static void shrink(const struct table_col *cols, int n, int over, int *w)
{
	while (over > 0) {
		int widest = -1;
		for (int c = 0; c < n; c++) {
			int floor = cols[c].min > 2 ? cols[c].min : 2;
			if (w[c] > floor && (widest < 0 || w[c] > w[widest]))
				widest = c;
		}
		if (widest < 0)
			return;
		w[widest]--;
		over--;
	}
}

void columns_widths(const struct table_col *cols, int n, int width, int gutter,
		    int *w)
{
	int rest = width - gutter, left, nflex = 0, grow = -1;

	for (int c = 0; c < n; c++) {
		if (cols[c].hidden)
			w[c] = 0;
		else if (!flexible(&cols[c]))
			rest -= w[c] + 1;
	}
	left = rest;
	for (int c = 0; c < n; c++) {
		const struct table_col *col = &cols[c];
		if (col->hidden || !flexible(col))
			continue;
		if (col->drop_below > 0 && rest < col->drop_below) {
			w[c] = 0;
			continue;
		}
		if (col->share > 0)
			w[c] = clamp(rest * col->share / 100, col);
		else if (grow < 0)
			grow = c;
		left -= w[c];
		nflex++;
	}
	/* One separator between each two flexible columns; without any, the
	 * last sized column's separator was one too many. */
	left -= nflex - 1;
	if (left >= 0)
		spread(cols, n, grow, left, w);
	else
		shrink(cols, n, -left, w);
}

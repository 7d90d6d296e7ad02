/* Bars in proportion to counts (issue 16: the lead overview's funnel), for
 * the screens and the command line alike. */
#ifndef LA_BAR_H
#define LA_BAR_H

#include <stdbool.h>
#include <stddef.h>

/* The bar's length in eighths of a column (unicode) or in whole columns
 * (ASCII) for value of max in width columns: rounded to the nearest, and at
 * least one for a value above zero, so that a small count still shows. */
int bar_units(long value, long max, int width, bool unicode);

/* Writes the bar into buf (NUL-terminated, cut at size): full blocks █ and
 * one of ▏▎▍▌▋▊▉ for the last eighths, or '#' per column when unicode is
 * false. Returns the columns it takes (at most width). */
int bar_render(char *buf, size_t size, long value, long max, int width, bool unicode);

#endif

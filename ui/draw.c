/* Drawing helpers on stdscr (tig's draw_chars, htop's RichString). */
#include "config.h"
#include "draw.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "text.h"

void draw_fill(int y, int x, int cols, enum ui_role role)
{
	if (cols <= 0)
		return;
	attrset(theme_attr(role));
	mvhline(y, x, ' ', cols);
	attrset(A_NORMAL);
}

void draw_text(int y, int x, int cols, const char *s, enum ui_role role,
	       bool pad)
{
	if (cols <= 0)
		return;
	char *fit = text_fit(s ? s : "", cols, pad);
	if (!fit)
		return;
	attrset(theme_attr(role));
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
}

void draw_text_right(int y, int x, int cols, const char *s, enum ui_role role)
{
	int w = text_width(s);
	if (w > cols)
		w = cols;
	draw_fill(y, x, cols - w, role);
	draw_text(y, x + cols - w, w, s, role, true);
}

/* Where the terminal cursor stands when the frame is shown: on the
 * selected row or in the focused field, for screen readers and braille
 * displays (mc #2363); -1: nothing has the focus. */
static int cursor_y = -1, cursor_x = -1;

void draw_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void draw_cursor_reset(void)
{
	cursor_y = cursor_x = -1;
}

void draw_cursor_place(void)
{
	if (cursor_y >= 0 && cursor_x >= 0 && cursor_y < LINES && cursor_x < COLS) {
		move(cursor_y, cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

void draw_box(int y, int x, int h, int w, const char *title,
	      enum ui_role role)
{
	if (h < 2 || w < 2)
		return;
	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, role);
	/* A screen reader would read the frame's characters aloud: without
	 * them the title stays, on the box's top row. */
	if (theme_reader())
		goto title;
	attrset(theme_attr(role));
	mvadd_wch(y, x, WACS_ULCORNER);
	mvadd_wch(y, x + w - 1, WACS_URCORNER);
	mvadd_wch(y + h - 1, x, WACS_LLCORNER);
	mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
	mvvline_set(y + 1, x, WACS_VLINE, h - 2);
	mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
	attrset(A_NORMAL);
title:
	if (title && *title && w > 6) {
		char *fit = text_fit(title, w - 6, false);
		if (fit) {
			attrset(theme_attr(role) | A_BOLD);
			mvprintw(y, x + 2, " %s ", fit);
			attrset(A_NORMAL);
			free(fit);
		}
	}
}

/* Bytes of the longest prefix of s (up to len bytes) that fits cols
 * columns, broken after a space when there is one. */
static size_t wrap_take(const char *s, size_t len, int cols)
{
	size_t pos = 0, brk = 0;
	int w = 0;

	while (pos < len) {
		unsigned cp;
		size_t n = text_decode(s + pos, len - pos, &cp);
		int cw = text_cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		pos += n;
		if (cp == ' ')
			brk = pos;
	}
	if (pos < len && brk > 0)
		return brk;
	return pos > 0 ? pos : (len > 0 ? 1 : 0);
}

int draw_wrap(int y, int x, int cols, int rows, const char *s,
	      enum ui_role role)
{
	if (cols <= 0 || !s)
		return 0;
	int line = 0;
	const char *p = s;

	if (!*s)
		return 1; /* an empty paragraph is a blank line */
	/* Paragraphs are split on newlines before the visible conversion
	 * (which would show a newline as a picture). */
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t plen = nl ? (size_t)(nl - p) : strlen(p);
		char *para = strndup(p, plen);
		char *v = para ? text_visible(para) : NULL;
		free(para);
		if (!v)
			break;
		size_t vlen = strlen(v), pos = 0;
		do {
			size_t take = wrap_take(v + pos, vlen - pos, cols);
			if (rows > 0 && line < rows) {
				char *piece = strndup(v + pos, take);
				if (piece) {
					draw_text(y + line, x, cols, piece, role, true);
					free(piece);
				}
			}
			line++;
			pos += take;
			while (pos < vlen && v[pos] == ' ')
				pos++;
		} while (pos < vlen);
		free(v);
		p += plen;
		if (*p == '\n')
			p++;
	}
	return line;
}

/* Drawing helpers: every piece of text reaches the terminal through
 * text_fit (src/text.h), so stored text shows its control characters and
 * bad bytes visibly and is cut by display width, never by bytes. */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>

#include "theme.h"

/* Writes s at (y, x) in at most cols columns; pad fills the rest. */
void draw_text(int y, int x, int cols, const char *s, enum ui_role role,
	       bool pad);
/* Like draw_text, with s right-aligned in cols columns. */
void draw_text_right(int y, int x, int cols, const char *s, enum ui_role role);
/* Blanks cols columns at (y, x) in role. */
void draw_fill(int y, int x, int cols, enum ui_role role);
/* The terminal cursor goes to (y, x) when the frame is shown (the last
 * call wins: a dialog drawn over a screen takes it); draw_cursor_reset
 * (ui_draw does) leaves it hidden until something with the focus calls
 * draw_cursor. draw_cursor_place moves it there and shows or hides it. */
void draw_cursor(int y, int x);
void draw_cursor_reset(void);
void draw_cursor_place(void);
/* A framed box (in reader mode: no frame, the title on its top row) with an optional title, its inside blanked. */
void draw_box(int y, int x, int h, int w, const char *title,
	      enum ui_role role);
/* Word-wraps s into lines of cols columns from row y, at most rows lines
 * (rows <= 0: count only); returns the number of lines s needs. */
int draw_wrap(int y, int x, int cols, int rows, const char *s,
	      enum ui_role role);

#endif

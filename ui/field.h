/* A one-line text field: editing by characters (wide ones included) and
 * horizontal scrolling by display columns. */
#ifndef UI_FIELD_H
#define UI_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "input.h"
#include "theme.h"

struct field {
	unsigned *cp;   /* code points */
	size_t len, cap;
	size_t cur;     /* cursor, in code points */
	size_t off;     /* first code point shown */
};

void field_set(struct field *f, const char *utf8);
/* The text as newly allocated UTF-8. */
char *field_get(const struct field *f);
void field_free(struct field *f);
/* True when the text equals utf8. */
bool field_equals(const struct field *f, const char *utf8);

/* Keys that move in the field: Left, Right, Home, End. */
bool field_move_key(struct field *f, const struct ui_key *key);
/* Keys that change the text: characters, Backspace, Delete. */
bool field_edit_key(struct field *f, const struct ui_key *key);

/* Draws the field in cols columns at (y, x); *curx gets the cursor column.
 * Without the focus it shows the text from its start. */
void field_draw(struct field *f, int y, int x, int cols, enum ui_role role,
		bool focus, int *curx);

#endif

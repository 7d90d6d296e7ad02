/* A one-line text field over an array of code points. */
#include "config.h"
#include "field.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "draw.h"
#include "text.h"

static bool reserve(struct field *f, size_t n)
{
	if (n <= f->cap)
		return true;
	size_t cap = f->cap ? f->cap * 2 : 32;
	while (cap < n)
		cap *= 2;
	unsigned *p = realloc(f->cp, cap * sizeof *p);
	if (!p)
		return false;
	f->cp = p;
	f->cap = cap;
	return true;
}

void field_set(struct field *f, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	f->len = f->cur = f->off = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += text_decode(s + i, len - i, &cp);
		if (!reserve(f, f->len + 1))
			break;
		f->cp[f->len++] = cp;
	}
	f->cur = f->len;
}

char *field_get(const struct field *f)
{
	char *s = malloc(f->len * 4 + 1);
	size_t n = 0;

	if (!s)
		return NULL;
	for (size_t i = 0; i < f->len; i++)
		n += text_encode(f->cp[i], s + n);
	s[n] = '\0';
	return s;
}

void field_free(struct field *f)
{
	free(f->cp);
	memset(f, 0, sizeof *f);
}

bool field_equals(const struct field *f, const char *utf8)
{
	char *s = field_get(f);
	bool same = s && strcmp(s, utf8 ? utf8 : "") == 0;
	free(s);
	return same;
}

bool field_move_key(struct field *f, const struct ui_key *key)
{
	if (key_is_code(key, KEY_LEFT)) {
		if (f->cur > 0)
			f->cur--;
	} else if (key_is_code(key, KEY_RIGHT)) {
		if (f->cur < f->len)
			f->cur++;
	} else if (key_is_code(key, KEY_HOME)) {
		f->cur = 0;
	} else if (key_is_code(key, KEY_END)) {
		f->cur = f->len;
	} else {
		return false;
	}
	return true;
}

bool field_edit_key(struct field *f, const struct ui_key *key)
{
	if (key_is_backspace(key)) {
		if (f->cur == 0)
			return true;
		f->cur--;
	} else if (key_is_code(key, KEY_DC)) {
		if (f->cur == f->len)
			return true;
	} else if (key_is_text(key)) {
		if (!reserve(f, f->len + 1))
			return true;
		memmove(f->cp + f->cur + 1, f->cp + f->cur,
			(f->len - f->cur) * sizeof *f->cp);
		f->cp[f->cur++] = (unsigned)key->ch;
		f->len++;
		return true;
	} else {
		return false;
	}
	memmove(f->cp + f->cur, f->cp + f->cur + 1,
		(f->len - f->cur - 1) * sizeof *f->cp);
	f->len--;
	return true;
}

/* Columns that code point i shows as (its visible form). */
static int cp_cols(const struct field *f, size_t i)
{
	char enc[8];
	enc[text_encode(f->cp[i], enc)] = '\0';
	return text_width(enc);
}

void field_draw(struct field *f, int y, int x, int cols, enum ui_role role,
		bool focus, int *curx)
{
	int w = 0;

	if (cols < 2)
		return;
	if (!focus)
		f->off = 0;
	if (f->cur < f->off)
		f->off = f->cur;
	/* Keep the cursor inside, with a column to spare for it at the end. */
	while (focus) {
		w = 0;
		for (size_t i = f->off; i < f->cur; i++)
			w += cp_cols(f, i);
		if (w <= cols - 1 || f->off >= f->cur)
			break;
		f->off++;
	}
	char *s = malloc((f->len - f->off) * 4 + 1);
	size_t n = 0;
	if (!s)
		return;
	for (size_t i = f->off; i < f->len; i++)
		n += text_encode(f->cp[i], s + n);
	s[n] = '\0';
	draw_text(y, x, cols, s, role, true);
	free(s);
	if (!focus)
		return;
	*curx = x + w;
}

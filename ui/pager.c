/* Selection and scrolling of a list of rows. */
#include "config.h"
#include "pager.h"

#include <string.h>

#include "input.h"
#include "text.h"

void pager_fix(struct pager *p)
{
	size_t rows = p->rows > 0 ? (size_t)p->rows : 1;

	if (p->n == 0) {
		p->sel = p->top = 0;
		return;
	}
	if (p->sel >= p->n)
		p->sel = p->n - 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	/* No empty rows below the end while there are rows above. */
	if (p->top + rows > p->n)
		p->top = p->n > rows ? p->n - rows : 0;
}

void pager_select(struct pager *p, size_t sel)
{
	p->sel = sel;
	pager_fix(p);
}

bool pager_act(struct pager *p, enum ui_action act)
{
	long page = p->rows > 0 ? p->rows : 1, sel = (long)p->sel;

	switch (act) {
	case ACT_UP:
		sel--;
		break;
	case ACT_DOWN:
		sel++;
		break;
	case ACT_PGUP:
		sel -= page;
		break;
	case ACT_PGDN:
		sel += page;
		break;
	case ACT_HOME:
		sel = 0;
		break;
	case ACT_END:
		sel = (long)p->n - 1;
		break;
	default:
		return false;
	}
	if (sel < 0)
		sel = 0;
	pager_select(p, (size_t)sel);
	return true;
}

bool pager_filter_key(char *filter, size_t size, bool *filtering,
		      const struct ui_key *key)
{
	size_t len = strlen(filter);

	if (key_is_enter(key)) {
		*filtering = false;
	} else if (key_is_esc(key)) {
		*filtering = false;
		filter[0] = '\0';
	} else if (key_is_backspace(key)) {
		/* Back over a whole UTF-8 sequence, not a byte of it. */
		while (len > 0 && ((unsigned char)filter[len - 1] & 0xc0) == 0x80)
			len--;
		filter[len > 0 ? len - 1 : 0] = '\0';
	} else if (key_is_text(key)) {
		char enc[8];
		size_t n = text_encode((unsigned)key->ch, enc);

		if (len + n + 1 < size) {
			memcpy(filter + len, enc, n);
			filter[len + n] = '\0';
		}
	} else {
		return false;
	}
	return true;
}

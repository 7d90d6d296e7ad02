/* Selection and scrolling of a list of rows. */
#include "config.h"
#include "pager.h"

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

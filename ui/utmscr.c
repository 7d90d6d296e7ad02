/* Settings and maintenance > Marketing > UTM values: the stored values of
 * a UTM field (source, medium, campaign), a row per group of variants
 * (utm_group_key), and m to map a group's values to one canonical value,
 * optionally changing the stored rows too. Only a General administrator
 * merges, as with the marketing settings. */
#include "config.h"
#include "utmscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "fform.h"
#include "i18n.h"
#include "lists.h"
#include "table.h"
#include "text.h"
#include "utm.h"
#include "utmalias.h"

struct group {
	size_t first, end;  /* its values: vals.v[first .. end) */
	long submissions, first_touches;
};

struct utmscr {
	struct screen base;
	enum utm_key field;
	struct utmalias_values vals;
	struct group *groups;
	size_t ngroups;
	struct table t;      /* over groups */
	char title[64];      /* the breadcrumb: "UTM values: Source" */
};

enum { C_KEY, C_SUBS, C_FIRST, C_VALUES, C_COUNT };

static const char *utm_title(const struct screen *s)
{
	return ((const struct utmscr *)s)->title;
}

static void load(struct utmscr *u, struct ui *ui)
{
	struct la_err err;

	utmalias_values_free(&u->vals);
	free(u->groups);
	u->groups = NULL;
	u->ngroups = 0;
	snprintf(u->title, sizeof u->title, _("UTM values: %s"), utmalias_field_label(u->field));
	la_err_clear(&err);
	if (utmalias_values(ui->db, u->field, &u->vals, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	u->groups = calloc(u->vals.n + 1, sizeof *u->groups);
	if (!u->groups)
		abort();
	for (size_t i = 0; i < u->vals.n; i = u->groups[u->ngroups++].end) {
		struct group *g = &u->groups[u->ngroups];

		g->first = i;
		g->end = utmalias_group_end(&u->vals, i);
		for (size_t j = i; j < g->end; j++) {
			g->submissions += u->vals.v[j].submissions;
			g->first_touches += u->vals.v[j].first_touches;
		}
	}
	table_reload(&u->t, u->ngroups);
}

static void utm_reload(struct screen *s, struct ui *ui)
{
	load((struct utmscr *)s, ui);
}

static void utm_resize(struct screen *s, const struct ui_rect *r)
{
	table_place(&((struct utmscr *)s)->t, r, 0);
}

/* "google 2, Google 1 → google, google.com 1": each value with its
 * submissions and the canonical value of its alias. */
static const char *variants(const struct utmscr *u, const struct group *g, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t j = g->first; j < g->end && used + 1 < len; j++) {
		const struct utmalias_value *v = &u->vals.v[j];
		int n = v->canonical
			? snprintf(buf + used, len - used, "%s%s %ld → %s", j > g->first ? ", " : "",
				   v->value, v->submissions, v->canonical)
			: snprintf(buf + used, len - used, "%s%s %ld", j > g->first ? ", " : "",
				   v->value, v->submissions);

		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

static const char *utm_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct utmscr *u = ctx;
	const struct group *g = &u->groups[row];

	switch (col) {
	case C_KEY: return u->vals.v[g->first].key;
	case C_SUBS: snprintf(buf, len, "%ld", g->submissions); return buf;
	case C_FIRST: snprintf(buf, len, "%ld", g->first_touches); return buf;
	default: return variants(u, g, buf, len);
	}
}

static void utm_status(void *ctx, const struct table_count *c, char *buf, size_t len)
{
	const struct utmscr *u = ctx;

	int n = snprintf(buf, len, ngettext("%zu group", "%zu groups", (unsigned long)c->shown),
			 c->shown);

	if (n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 ngettext(" · %zu value", " · %zu values", (unsigned long)u->vals.n),
			 u->vals.n);
}

static int64_t utm_id(void *ctx, size_t row)
{
	const struct utmscr *u = ctx;

	return (int64_t)u->groups[row].first;
}

static const struct table_col utm_cols[C_COUNT] = {
	[C_KEY] = { .head = N_("Group"), .fit = true, .max = 24, .filter = true },
	[C_SUBS] = { .head = N_("Submissions"), .fit = true, .align = TABLE_RIGHT },
	[C_FIRST] = { .head = N_("First touches"), .fit = true, .align = TABLE_RIGHT },
	[C_VALUES] = { .head = N_("Values (submissions → alias of)"), .grow = true, .filter = true },
};

static const struct table_def utm_table = {
	.cols = utm_cols,
	.ncols = C_COUNT,
	.empty = N_("No values of this field are stored: f shows the next field."),
	.no_match = N_("No group matches the filter."),
	.cell = utm_cell,
	.status = utm_status,
	.id = utm_id,
};

static void utm_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	(void)ui;
	(void)r;
	table_draw(&((struct utmscr *)s)->t);
}

/* ---- the merge dialog */

struct merge {
	struct utmscr *u;
	const struct group *g;
	char **values;     /* the group's values (copies: a reload may come) */
	size_t n;
	char *first;       /* the canonical value offered */
};

enum { F_CANON, F_REWRITE, F_COUNT };

static bool merge_refuse(void *ctx, struct ui *ui)
{
	(void)ctx;
	return ui_refuse_general(ui);
}

static bool merge_changed(void *ctx, const struct fform *ff)
{
	const struct merge *m = ctx;

	return !field_equals(&ff->f[F_CANON].text, m->first) || ff->f[F_REWRITE].on;
}

static bool merge_save(void *ctx, struct ui *ui, struct fform *ff)
{
	struct merge *m = ctx;
	char *canon = field_get(&ff->f[F_CANON].text);
	const char **from = calloc(m->n + 1, sizeof *from);
	bool rewrite = ff->f[F_REWRITE].on, ok = false;
	struct utmalias_outcome out;
	struct la_err err;
	enum la_status st;
	size_t k = 0;
	char *shown;

	if (!from)
		abort();
	/* The canonical value as utmalias_set stores it, so that "google "
	 * leaves "google" out of the variants; a value rule 3 refuses is
	 * left for utmalias_set to refuse. */
	if (canon) {
		char *clean = NULL;
		struct la_err ignored;

		la_err_clear(&ignored);
		if (lists_check_value(canon, _("The canonical value"), UTM_VALUE_MAX, &clean,
				      &ignored) == LA_OK) {
			free(canon);
			canon = clean;
		}
	}
	for (size_t i = 0; i < m->n; i++)
		if (!canon || strcmp(m->values[i], canon) != 0)
			from[k++] = m->values[i];
	la_err_clear(&err);
	if (k == 0) {
		la_fail(&err, LA_REFUSED, LA_FIELD_NAME, "%s",
			_("The group has no other value to map: give another canonical value."));
		st = LA_REFUSED;
	} else {
		st = utmalias_set(ui->db, &ui->actor, m->u->field, from, k, canon ? canon : "",
				  rewrite, false, &out, &err);
	}
	if (st == LA_CONFIRM) {
		char q[700];

		snprintf(q, sizeof q, _("%s Change them?"), err.msg);
		if (!dialog_confirm(ui, _("Merge"), q)) {
			free(canon);
			free(from);
			return false;
		}
		la_err_clear(&err);
		st = utmalias_set(ui->db, &ui->actor, m->u->field, from, k, canon, true, true,
				  &out, &err);
	}
	if (st == LA_OK) {
		shown = text_visible(canon);
		ui_message(ui, ROLE_INFO, _("%zu values now map to “%s”."), k, shown);
		free(shown);
		ok = true;
	} else {
		snprintf(ff->f[F_CANON].err, sizeof ff->f[F_CANON].err, "%s", err.msg);
		fform_focus(ff, F_CANON);
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	}
	free(canon);
	free(from);
	return ok;
}

static void do_merge(struct utmscr *u, struct ui *ui, const struct group *g)
{
	struct merge m = { .u = u, .g = g };
	struct fform_field f[F_COUNT];
	struct fform ff = { .f = f, .n = F_COUNT };
	char hint[400], rows[200], title[200];
	char *key;
	bool readonly;

	m.n = g->end - g->first;
	m.values = calloc(m.n + 1, sizeof *m.values);
	if (!m.values)
		abort();
	for (size_t j = 0; j < m.n; j++)
		if (!(m.values[j] = strdup(u->vals.v[g->first + j].value)))
			abort();
	/* The most used value, or the canonical value its alias has. */
	m.first = m.values[0];
	if (u->vals.v[g->first].canonical)
		m.first = u->vals.v[g->first].canonical;
	if (!(m.first = strdup(m.first)))
		abort();
	variants(u, g, hint, sizeof hint);
	snprintf(rows, sizeof rows,
		 _("Also change the stored rows (%ld submissions, %ld first touches)"),
		 g->submissions, g->first_touches);
	memset(f, 0, sizeof f);
	f[F_CANON] = (struct fform_field){ .kind = FF_TEXT, .label = _("Canonical value"),
		.hint = hint };
	f[F_REWRITE] = (struct fform_field){ .kind = FF_CHECK, .label = rows,
		.hint = _("Without it only new submissions and the lead overview use the canonical value.") };
	field_set(&f[F_CANON].text, m.first);
	key = text_visible(u->vals.v[g->first].key);
	snprintf(title, sizeof title, _("Merge “%s”"), key);
	free(key);
	readonly = ui_refuse_general(ui);
	if (readonly)
		snprintf(title + strlen(title), sizeof title - strlen(title), " %s", _("(read-only)"));
	struct fform_dialog d = {
		.title = title, .refuse = merge_refuse, .save = merge_save,
		.changed = merge_changed, .ctx = &m, .readonly = readonly,
		.footer_actions = ACT_DIALOG_TICKS,
	};
	fform_run(ui, &ff, &d);
	fform_free(&ff);
	for (size_t j = 0; j < m.n; j++)
		free(m.values[j]);
	free(m.values);
	free(m.first);
	load(u, ui);
}

static enum ui_result utm_key(struct screen *s, struct ui *ui,
			      enum ui_action act, const struct ui_key *key)
{
	struct utmscr *u = (struct utmscr *)s;
	size_t i = table_current(&u->t);

	switch (table_key(&u->t, act, key)) {
	case TABLE_IGNORED:
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_UTM_FIELD:
		u->field = (enum utm_key)((u->field + 1) % UTMALIAS_FIELDS);
		load(u, ui);
		table_select(&u->t, 0);
		break;
	case ACT_MERGE:
		if (i == TABLE_NONE)
			ui_message(ui, ROLE_ERROR, "%s", _("No group is selected."));
		else if (!ui_refuse_general(ui))
			do_merge(u, ui, &u->groups[i]);
		break;
	default:
		break;
	}
	return UI_HANDLED;
}

static enum ui_action utm_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&((struct utmscr *)s)->t, key, ACT_MERGE);
}

static bool utm_typing(const struct screen *s)
{
	return table_typing(&((const struct utmscr *)s)->t);
}

static void utm_close(struct screen *s)
{
	struct utmscr *u = (struct utmscr *)s;

	utmalias_values_free(&u->vals);
	free(u->groups);
	table_free(&u->t);
	free(u);
}

static act_mask utm_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_MERGE) | ACT_BIT(ACT_UTM_FIELD) | ACT_BIT(ACT_FILTER);
}

static const struct screen_ops utm_ops = {
	.title = utm_title,
	.draw = utm_draw,
	.key = utm_key,
	.resize = utm_resize,
	.reload = utm_reload,
	.close = utm_close,
	.actions = utm_actions,
	.typing = utm_typing,
	.mouse = utm_mouse,
	.help = N_("The stored values of a UTM field, a row per group of variants: the same value in another case, with - _ or blanks between its words, or with a trailing .com. Each value shows in how many form submissions it is stored and, after →, the canonical value its alias maps it to. m merges the selected group: its values become aliases of one canonical value, which new submissions store and the lead overview counts them under; ticked, the stored rows change too. f shows the next field. Only a General administrator merges; the command line has the same: leadadmin utm values, leadadmin utm alias."),
};

struct screen *utmscr_new(struct ui *ui)
{
	struct utmscr *u = calloc(1, sizeof *u);

	if (!u)
		return NULL;
	u->base.ops = &utm_ops;
	u->field = UTM_SOURCE;
	table_init(&u->t, &utm_table, u);
	load(u, ui);
	return &u->base;
}

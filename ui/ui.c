/* The screens' entry point and main loop: terminal set-up and restore,
 * signals, the screen stack, the chrome, relayout on KEY_RESIZE and the
 * data_version poll that shows other admins' changes. */
#include "config.h"
#include "ui.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "i18n.h"
#include "menu.h"
#include "session.h"
#include "text.h"

#define POLL_SECONDS 1.0

/* The one global: a signal handler may do nothing else. */
static volatile sig_atomic_t ui_signal;

static void on_signal(int sig)
{
	ui_signal = sig;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ui_message(struct ui *ui, enum ui_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	la_vformat(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_role = role;
}

bool ui_refuse_change(struct ui *ui)
{
	if (ui->can_change)
		return false;
	ui_message(ui, ROLE_ERROR, "%s", ui->denied);
	return true;
}

bool ui_refuse_general(struct ui *ui)
{
	struct la_err err;

	if (session_writable(ui->db, NULL) != LA_OK)
		return ui_refuse_change(ui);
	la_err_clear(&err);
	if (rights_check_general(ui->db, &ui->actor, &err) == LA_OK)
		return false;
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return true;
}

void ui_push(struct ui *ui, struct screen *s)
{
	if (!s)
		return;
	if (ui->depth == UI_STACK_MAX) {
		s->ops->close(s);
		return;
	}
	ui->stack[ui->depth++] = s;
	struct ui_rect r;
	ui_body(&r);
	if (s->ops->resize)
		s->ops->resize(s, &r);
}

static void ui_pop(struct ui *ui)
{
	if (ui->depth == 0)
		return;
	struct screen *s = ui->stack[--ui->depth];
	s->ops->close(s);
	/* What the closed screen changed may show on the one below. */
	if (ui->depth > 0 && !ui->quit) {
		struct screen *top = ui->stack[ui->depth - 1];
		if (top->ops->reload)
			top->ops->reload(top, ui);
	}
}

void ui_body(struct ui_rect *r)
{
	r->y = 1;
	r->x = 0;
	r->h = LINES - 3;
	r->w = COLS;
}

bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

/* Looks at the rights again: another admin may have changed them. */
static void ui_rights(struct ui *ui)
{
	struct la_err err;

	la_err_clear(&err);
	ui->can_change = false;
	if (session_writable(ui->db, &err) != LA_OK ||
	    rights_actor(ui->db, &ui->actor, &err) != LA_OK ||
	    rights_check_lists(ui->db, &ui->actor, &err) != LA_OK) {
		snprintf(ui->denied, sizeof ui->denied, "%s", err.msg);
		return;
	}
	ui->can_change = true;
	ui->denied[0] = '\0';
}

static void ui_poll(struct ui *ui)
{
	char login[64], what[96];
	int others = 0;
	bool told;

	ui->last_poll = now();
	if (!session_changed(ui->db, &ui->seen))
		return;
	/* Who it was, from the change log (another login's newest). */
	told = session_who_changed(ui->db, ui->actor.login, &ui->log_seen, login, sizeof login,
				   what, sizeof what, &others);
	ui_rights(ui);
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->reload)
			ui->stack[i]->ops->reload(ui->stack[i], ui);
	/* A message that is showing (a save refused because someone else
	 * changed the item, a damaged file) stays until the next key. */
	if (ui->msg[0])
		return;
	if (told && others > 1)
		ui_message(ui, ROLE_INFO,
			   _("%s and other administrators changed the lists (the last: %s): showing the current state."),
			   login, what);
	else if (told)
		ui_message(ui, ROLE_INFO, _("%s changed %s: showing the current state."), login, what);
	else
		ui_message(ui, ROLE_INFO, "%s",
			   _("Another administrator changed the lists: showing the current state."));
}

static void ui_relayout(struct ui *ui)
{
	struct ui_rect r;

	ui_body(&r);
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->resize)
			ui->stack[i]->ops->resize(ui->stack[i], &r);
	clearok(curscr, TRUE);
}

void ui_key(struct ui *ui, struct ui_key *key)
{
	for (;;) {
		int wait = 0;
		if (!input_scripted(ui->in)) {
			double left = POLL_SECONDS - (now() - ui->last_poll);
			wait = left <= 0 ? 0 : (int)(left * 1000) + 1;
		}
		if (!ui_signal)
			input_get(ui->in, wait, key);
		if (ui_signal || key->kind == UK_END) {
			key->kind = UK_END;
			ui->quit = true;
			return;
		}
		if (key->kind == UK_RESIZE) {
			ui_relayout(ui);
			return;
		}
		if (key->kind == UK_TIMEOUT) {
			if (input_scripted(ui->in) ||
			    now() - ui->last_poll >= POLL_SECONDS)
				ui_poll(ui);
			return;
		}
		/* Keys typed at a terminal too small to show anything are
		 * dropped; only a resize (or a signal) gets out of it. */
		if (ui_too_small())
			continue;
		if (!input_scripted(ui->in) && now() - ui->last_poll >= POLL_SECONDS)
			ui_poll(ui);
		return;
	}
}

static void draw_too_small(void)
{
	char line[160];

	erase();
	snprintf(line, sizeof line, _("Terminal too small: %d×%d"), COLS, LINES);
	int y = LINES / 2 - 1 > 0 ? LINES / 2 - 1 : 0;
	draw_text(y, 0, COLS, line, ROLE_ERROR, false);
	snprintf(line, sizeof line, _("Needs at least %d×%d."), UI_MIN_COLS, UI_MIN_LINES);
	draw_text(y + 1, 0, COLS, line, ROLE_NORMAL, false);
}

static void draw_title(struct ui *ui)
{
	size_t len = 0, cap = 256;
	char *crumb = malloc(cap);
	if (!crumb)
		return;
	crumb[0] = '\0';
	for (int i = 0; i < ui->depth; i++) {
		const char *t = ui->stack[i]->ops->title(ui->stack[i]);
		size_t need = len + strlen(t) + 4;
		if (need > cap) {
			char *p = realloc(crumb, need * 2);
			if (!p)
				break;
			crumb = p;
			cap = need * 2;
		}
		len += (size_t)snprintf(crumb + len, cap - len, "%s%s",
					i ? " > " : "", t);
	}
	const char *tag = ui->can_change ? "" : _("[read-only]");
	int tw = text_width(tag);
	draw_fill(0, 0, COLS, ROLE_TITLE);
	draw_text(0, 1, COLS - tw - 3, crumb, ROLE_TITLE, false);
	if (tw)
		draw_text(0, COLS - tw - 1, tw, tag, ROLE_TITLE, false);
	free(crumb);
}

void ui_draw(struct ui *ui)
{
	draw_cursor_reset();
	if (ui_too_small()) {
		draw_too_small();
		return;
	}
	erase();
	draw_title(ui);
	if (ui->depth > 0) {
		struct screen *top = ui->stack[ui->depth - 1];
		struct ui_rect r;
		ui_body(&r);
		top->ops->draw(top, ui, &r);
		if (ui->footer_text)
			draw_text(LINES - 1, 0, COLS, ui->footer_text, ROLE_FOOTER, true);
		else
			actions_footer(LINES - 1, COLS, ui->footer_actions ? ui->footer_actions
								     : top->ops->actions(top));
	}
	ui_draw_message(ui);
}

void ui_draw_message(struct ui *ui)
{
	if (ui_too_small())
		return;
	/* Where colour alone would tell a refusal from news, a sign does. */
	char marked[UI_MSG_MAX + 4];
	const char *msg = ui->msg;
	if (msg[0] && ui->msg_role == ROLE_ERROR && theme_marks()) {
		snprintf(marked, sizeof marked, "! %s", ui->msg);
		msg = marked;
	}
	/* A long message takes up to two rows above as well rather than being cut. */
	int rows = text_width(msg) > COLS ? draw_wrap(0, 0, COLS, 0, msg, ui->msg_role) : 1;
	if (rows > 3)
		rows = 3;
	if (rows > 1)
		draw_wrap(LINES - 1 - rows, 0, COLS, rows, msg, ui->msg_role);
	else
		draw_text(LINES - 2, 0, COLS, msg, ui->msg_role, true);
}

void ui_show(void)
{
	draw_cursor_place();
	wnoutrefresh(stdscr);
	doupdate();
}

/* What a mouse event stands for: a click on the footer, the action of
 * the key it is on; elsewhere, what the screen makes of it. */
static enum ui_action ui_mouse(struct ui *ui, struct screen *top,
			       const struct ui_key *key)
{
	if (key_is_click(key) && key->y == LINES - 1)
		return actions_footer_hit(key->x, COLS, top->ops->actions(top));
	return top->ops->mouse ? top->ops->mouse(top, ui, key) : ACT_NONE;
}

/* A session that met a damaged file (or lost its write access) changes
 * nothing more: the screens turn read-only and say why. True when they
 * just did. */
static bool ui_turn_read_only(struct ui *ui)
{
	if (!ui->can_change || session_writable(ui->db, NULL) == LA_OK)
		return false;
	ui_rights(ui);
	ui_message(ui, ROLE_ERROR, "%s", ui->denied);
	return true;
}

static void ui_loop(struct ui *ui)
{
	struct ui_key key;

	while (ui->depth > 0 && !ui->quit) {
		ui_turn_read_only(ui);
		ui_draw(ui);
		/* Drawing reads the rows on the screen: a damaged page found
		 * there turns the screens read-only before a key is taken. */
		if (ui_turn_read_only(ui))
			ui_draw(ui);
		ui_show();
		ui_key(ui, &key);
		if (key.kind != UK_CHAR && key.kind != UK_CODE && key.kind != UK_MOUSE)
			continue;
		struct screen *top = ui->stack[ui->depth - 1];
		enum ui_action act;
		ui->msg[0] = '\0';
		if (key.kind == UK_MOUSE) {
			act = ui_mouse(ui, top, &key);
			if (act == ACT_NONE)
				continue;
		} else {
			act = actions_lookup(&key, top->ops->actions(top));
			if (key_is_text(&key) && top->ops->typing && top->ops->typing(top))
				act = ACT_NONE;
		}
		if (act == ACT_HELP) {
			dialog_help(ui, top);
			continue;
		}
		switch (top->ops->key(top, ui, act, &key)) {
		case UI_HANDLED:
			break;
		case UI_CLOSE:
			ui_pop(ui);
			break;
		case UI_QUIT:
			ui->quit = true;
			break;
		}
	}
}

/* A fatal exit() anywhere below still leaves the terminal usable. */
static void restore_terminal(void)
{
	if (stdscr && !isendwin())
		endwin();
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the key read returns and the loop sees the flag. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

int ui_main(struct db *db, const struct ui_options *opts)
{
	char errbuf[600];
	struct ui ui;
	SCREEN *scr = NULL;
	FILE *out = NULL, *in = NULL;

	memset(&ui, 0, sizeof ui);
	ui.db = db;
	const char *ctype = setlocale(LC_CTYPE, NULL);
	if (!ctype || strcmp(ctype, "C") == 0)
		setlocale(LC_CTYPE, "");
	ui.in = input_open(opts->script, opts->dump, errbuf, sizeof errbuf);
	if (!ui.in) {
		/* It quotes the script's name and line. */
		char *vis = text_visible(errbuf);

		fprintf(stderr, "leadadmin: %s\n", vis);
		free(vis);
		return 2;
	}
	if (!input_scripted(ui.in) && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "leadadmin: %s\n",
			_("the screens need a terminal; give a command instead (see leadadmin --help)"));
		input_close(ui.in);
		return 2;
	}
	install_signals();
	/* Esc must answer at once, also over SSH; ESCDELAY still wins. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (input_scripted(ui.in)) {
		const char *term = getenv("TERM");
		out = fopen("/dev/null", "w");
		in = fopen("/dev/null", "r");
		if (out && in)
			scr = newterm(term && *term ? term : "vt100", out, in);
		if (!scr) {
			fprintf(stderr, "leadadmin: %s\n", _("cannot set up the terminal for the script"));
			if (out)
				fclose(out);
			if (in)
				fclose(in);
			input_close(ui.in);
			return 2;
		}
		set_term(scr);
		typeahead(-1);
	} else if (!initscr()) {
		input_close(ui.in);
		return 2;
	}
	atexit(restore_terminal);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	input_define_keys();
	theme_set_reader(opts->reader);
	input_mouse(ui.in, opts->mouse);
	theme_init(opts->theme);
	actions_bind(opts->keys);

	ui_rights(&ui);
	ui.seen = session_mark(db);
	ui.log_seen = session_log_mark(db);
	ui.last_poll = now();
	ui_push(&ui, menu_main_new(&ui));
	ui_loop(&ui);

	while (ui.depth > 0)
		ui_pop(&ui);
	curs_set(1);
	endwin();
	if (scr)
		delscreen(scr);
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	input_close(ui.in);
	return ui_signal ? 128 + ui_signal : 0;
}

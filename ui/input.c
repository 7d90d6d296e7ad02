/* Keyboard and key-script input, and the screen dump (tig's get_input,
 * TIG_SCRIPT and save_display).
 *
 * Key script format (leadadmin --script FILE --dump OUT), one item a line:
 *
 *   # comment                 ignored, as are empty lines
 *   :dump                     append the screen to OUT as it is now
 *   :resize 60x16             the terminal becomes 60 columns by 16 lines
 *   :poll                     a second passes without a key: the screens
 *                             look for changes made by other connections
 *   :run PROGRAM ARGS...      run a program and wait for it (e.g. another
 *                             admin's change with the CLI); words are split
 *                             at blanks, "double quotes" group, and $NAME is
 *                             taken from the environment. No shell is used.
 *   anything else             keys: each character is typed as it is
 *                             (UTF-8), and <Name> is a special key:
 *       <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Enter>
 *       <Esc> <Tab> <S-Tab> <BS> <Del> <Ins> <Space> <F1>..<F12> <lt>
 *     (<lt> types "<"; a line "abc<Enter>" types a, b, c, then Enter)
 *   and the mouse, at column X and row Y of the screen (zero-based, the
 *   title is row 0), as the terminal reports it:
 *       <Click X,Y> <DoubleClick X,Y> <WheelUp X,Y> <WheelDown X,Y>
 *     (they count only with the mouse on, [ui] mouse or --mouse; off,
 *     they are dropped, as a terminal would send none)
 *
 * Each dump is a line "=== screen N (COLSxLINES) ===" followed by the
 * screen's lines, trailing blanks removed. The script ending quits. */
#include "config.h"
#include "input.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "i18n.h"
#include "text.h"

/* Appends the bytes s[0..n) to the growing word w. */
static void word_add(char **w, size_t *len, const char *s, size_t n)
{
	char *grown = realloc(*w, *len + n + 1);

	if (!grown)
		abort();
	memcpy(grown + *len, s, n);
	*len += n;
	grown[*len] = '\0';
	*w = grown;
}

/* Splits a :run line into words ("quotes" group, $NAME expands) and runs
 * them as a program, waiting for it; returns its exit status, or -1. */
static int run_words(const char *line)
{
	char **argv = NULL;
	size_t argc = 0, i;
	const char *p = line;
	pid_t pid;
	int status = -1;

	while (*p) {
		char *w = NULL;
		size_t len = 0;
		bool quoted = false, any = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
			if (*p == '"') {
				quoted = !quoted;
				any = true;
				p++;
			} else if (*p == '$' && (p[1] == '_' || (p[1] >= 'A' && p[1] <= 'Z') ||
						 (p[1] >= 'a' && p[1] <= 'z'))) {
				const char *start = ++p, *value;
				char name[64];

				while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				       (*p >= '0' && *p <= '9'))
					p++;
				snprintf(name, sizeof(name), "%.*s", (int)(p - start), start);
				value = getenv(name);
				if (value)
					word_add(&w, &len, value, strlen(value));
				any = true;
			} else {
				word_add(&w, &len, p++, 1);
				any = true;
			}
		}
		if (!any)
			continue;
		if (!w)
			word_add(&w, &len, "", 0);
		argv = realloc(argv, (argc + 2) * sizeof(*argv));
		if (!argv)
			abort();
		argv[argc++] = w;
		argv[argc] = NULL;
	}
	if (argc > 0 && (pid = fork()) >= 0) {
		if (pid == 0) {
			execvp(argv[0], argv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			status = -1;
	}
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	return status;
}

enum ev_type { EV_KEY, EV_CODE, EV_DUMP, EV_RESIZE, EV_POLL, EV_RUN, EV_MOUSE };

struct event {
	enum ev_type type;
	wint_t ch;
	int cols, lines;      /* EV_RESIZE; EV_MOUSE: the cell x, y */
	enum ui_mouse mouse;  /* EV_MOUSE */
	char *cmd;
};

struct input {
	struct event *ev;
	size_t n, cap, pos;
	FILE *dump;
	int dumps;
	bool mouse;           /* [ui] mouse: events are reported */
};

static const struct {
	const char *name;
	enum ui_mouse mouse;
} mouse_names[] = {
	{ "Click", UM_CLICK },       { "DoubleClick", UM_DOUBLE },
	{ "WheelUp", UM_WHEEL_UP },  { "WheelDown", UM_WHEEL_DOWN },
};

static const struct {
	const char *name;
	enum ev_type type;
	wint_t ch;
} key_names[] = {
	{ "Up", EV_CODE, KEY_UP },       { "Down", EV_CODE, KEY_DOWN },
	{ "Left", EV_CODE, KEY_LEFT },   { "Right", EV_CODE, KEY_RIGHT },
	{ "PgUp", EV_CODE, KEY_PPAGE },  { "PgDn", EV_CODE, KEY_NPAGE },
	{ "Home", EV_CODE, KEY_HOME },   { "End", EV_CODE, KEY_END },
	{ "Enter", EV_KEY, '\n' },       { "Esc", EV_KEY, 27 },
	{ "Tab", EV_KEY, '\t' },         { "S-Tab", EV_CODE, KEY_BTAB },
	{ "BS", EV_CODE, KEY_BACKSPACE },{ "Del", EV_CODE, KEY_DC },
	{ "Ins", EV_CODE, KEY_IC },      { "Space", EV_KEY, ' ' },
	{ "lt", EV_KEY, '<' },
};

static struct event *push(struct input *in, enum ev_type type)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 64;
		struct event *v = realloc(in->ev, cap * sizeof *v);
		if (!v)
			return NULL;
		in->ev = v;
		in->cap = cap;
	}
	struct event *e = &in->ev[in->n++];
	memset(e, 0, sizeof *e);
	e->type = type;
	return e;
}

/* A mouse token "Click 10,5" (name, a blank, X,Y); false when it is
 * none or malformed. */
static bool parse_mouse(struct input *in, const char *name, size_t len)
{
	char tok[64], word[16], extra;
	int x, y;
	struct event *e;

	if (len >= sizeof tok)
		return false;
	memcpy(tok, name, len);
	tok[len] = '\0';
	if (sscanf(tok, "%15s %d,%d%c", word, &x, &y, &extra) != 3 ||
	    x < 0 || y < 0 || x >= 1000 || y >= 1000)
		return false;
	for (size_t i = 0; i < sizeof mouse_names / sizeof mouse_names[0]; i++)
		if (strcmp(word, mouse_names[i].name) == 0 && (e = push(in, EV_MOUSE))) {
			e->mouse = mouse_names[i].mouse;
			e->cols = x;
			e->lines = y;
			return true;
		}
	return false;
}

/* One <Name> token; returns false when the name is unknown. */
static bool parse_name(struct input *in, const char *name, size_t len)
{
	struct event *e;

	if (memchr(name, ' ', len))
		return parse_mouse(in, name, len);

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (strlen(key_names[i].name) == len &&
		    strncmp(key_names[i].name, name, len) == 0) {
			if (!(e = push(in, key_names[i].type)))
				return false;
			e->ch = key_names[i].ch;
			return true;
		}
	}
	if (len >= 2 && len <= 3 && name[0] == 'F') {
		int f = atoi(name + 1);
		if (f >= 1 && f <= 12 && (e = push(in, EV_CODE))) {
			e->ch = (wint_t)KEY_F(f);
			return true;
		}
	}
	return false;
}

static bool parse_keys(struct input *in, const char *line)
{
	size_t len = strlen(line);

	for (size_t i = 0; i < len;) {
		if (line[i] == '<') {
			const char *end = strchr(line + i, '>');
			if (!end || !parse_name(in, line + i + 1,
						(size_t)(end - line) - i - 1))
				return false;
			i = (size_t)(end - line) + 1;
			continue;
		}
		unsigned cp;
		i += text_decode(line + i, len - i, &cp);
		struct event *e = push(in, EV_KEY);
		if (!e)
			return false;
		e->ch = (wint_t)cp;
	}
	return true;
}

static bool parse_line(struct input *in, char *line)
{
	struct event *e;

	if (line[0] == '#' || line[0] == '\0')
		return true;
	if (line[0] != ':')
		return parse_keys(in, line);
	if (strcmp(line, ":dump") == 0)
		return push(in, EV_DUMP) != NULL;
	if (strcmp(line, ":poll") == 0)
		return push(in, EV_POLL) != NULL;
	if (strncmp(line, ":run ", 5) == 0) {
		if (!(e = push(in, EV_RUN)) || !(e->cmd = strdup(line + 5)))
			return false;
		return true;
	}
	int c, l;
	char extra;
	if (sscanf(line, ":resize %dx%d%c", &c, &l, &extra) == 2 &&
	    c > 0 && l > 0 && c <= 1000 && l <= 1000) {
		if (!(e = push(in, EV_RESIZE)))
			return false;
		e->cols = c;
		e->lines = l;
		return true;
	}
	return false;
}

struct input *input_open(const char *script, const char *dump,
			 char *errbuf, size_t errlen)
{
	struct input *in = calloc(1, sizeof *in);
	if (!in) {
		snprintf(errbuf, errlen, "%s", strerror(errno));
		return NULL;
	}
	if (!script)
		return in;

	FILE *f = fopen(script, "r");
	if (!f) {
		snprintf(errbuf, errlen, "%s: %s", script, strerror(errno));
		input_close(in);
		return NULL;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int lineno = 0;
	bool ok = true;
	while (ok && (got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!parse_line(in, line)) {
			snprintf(errbuf, errlen, _("%s:%d: cannot read this line: %s"),
				 script, lineno, line);
			ok = false;
		}
	}
	free(line);
	fclose(f);
	if (ok && dump && !(in->dump = fopen(dump, "w"))) {
		snprintf(errbuf, errlen, "%s: %s", dump, strerror(errno));
		ok = false;
	}
	/* A script without a dump file still runs its keys. */
	if (!ok) {
		input_close(in);
		return NULL;
	}
	if (!in->ev)
		in->ev = calloc(1, sizeof *in->ev);
	return in;
}

void input_close(struct input *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->n; i++)
		free(in->ev[i].cmd);
	free(in->ev);
	if (in->dump)
		fclose(in->dump);
	free(in);
}

bool input_scripted(const struct input *in)
{
	return in->ev != NULL;
}

void input_dump(struct input *in)
{
	if (!in->dump)
		return;
	fprintf(in->dump, "=== screen %d (%dx%d) ===\n", ++in->dumps, COLS, LINES);
	for (int y = 0; y < LINES; y++) {
		char *row = malloc((size_t)COLS * 4 * (CCHARW_MAX + 1) + 1);
		size_t len = 0, keep = 0;
		if (!row)
			return;
		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attr;
			short pair;
			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &attr, &pair, NULL) == ERR ||
			    wch[0] == 0)
				wch[0] = L' ', wch[1] = 0;
			for (int i = 0; i < CCHARW_MAX && wch[i]; i++)
				len += text_encode((unsigned)wch[i], row + len);
			if (wch[0] != L' ')
				keep = len;
			/* The second column of a wide character holds no text. */
			if (text_cp_width((unsigned)wch[0]) == 2)
				x++;
		}
		row[keep] = '\0';
		fprintf(in->dump, "%s\n", row);
		free(row);
	}
	fflush(in->dump);
}

static void script_get(struct input *in, struct ui_key *key)
{
	while (in->pos < in->n) {
		struct event *e = &in->ev[in->pos++];
		switch (e->type) {
		case EV_KEY:
			key->kind = UK_CHAR;
			key->ch = e->ch;
			return;
		case EV_CODE:
			key->kind = UK_CODE;
			key->ch = e->ch;
			return;
		case EV_DUMP:
			input_dump(in);
			break;
		case EV_RESIZE:
			resizeterm(e->lines, e->cols);
			key->kind = UK_RESIZE;
			key->ch = KEY_RESIZE;
			return;
		case EV_POLL: {
			/* The second passes for real: a change of another
			 * process reaches this one on its own time (on
			 * PostgreSQL its notification comes after the commit,
			 * when the server gets to it). */
			struct timespec second = { 1, 0 };

			while (nanosleep(&second, &second) != 0 && errno == EINTR)
				;
			key->kind = UK_TIMEOUT;
			return;
		}
		case EV_RUN:
			fflush(NULL);
			if (run_words(e->cmd) != 0 && in->dump)
				fprintf(in->dump, "=== :run failed: %s ===\n", e->cmd);
			break;
		case EV_MOUSE:
			/* Off, the terminal reports no mouse at all. */
			if (!in->mouse)
				break;
			key->kind = UK_MOUSE;
			key->mouse = e->mouse;
			key->x = e->cols;
			key->y = e->lines;
			return;
		}
	}
	key->kind = UK_END;
}

/* Keys as the common terminals send them, whatever their terminfo entry
 * says (htop does the same): PuTTY with its default TERM=xterm sends the
 * VT220's Home and End, rxvt its own, the Linux console its F-keys. */
static const struct {
	const char *seq;
	int code;
} extra_keys[] = {
	/* Home and End: xterm (both cursor modes), VT220, PuTTY, screen,
	 * tmux and the Linux console (Find, Select), rxvt */
	{ "\033[H", KEY_HOME },   { "\033OH", KEY_HOME },  { "\033[1~", KEY_HOME },
	{ "\033[7~", KEY_HOME },  { "\033[F", KEY_END },   { "\033OF", KEY_END },
	{ "\033[4~", KEY_END },   { "\033[8~", KEY_END },
	/* F1 to F4: VT100 and xterm, PuTTY and rxvt, the Linux console */
	{ "\033OP", KEY_F(1) },   { "\033[11~", KEY_F(1) }, { "\033[[A", KEY_F(1) },
	{ "\033OQ", KEY_F(2) },   { "\033[12~", KEY_F(2) }, { "\033[[B", KEY_F(2) },
	{ "\033OR", KEY_F(3) },   { "\033[13~", KEY_F(3) }, { "\033[[C", KEY_F(3) },
	{ "\033OS", KEY_F(4) },   { "\033[14~", KEY_F(4) }, { "\033[[D", KEY_F(4) },
	/* Insert, Delete, PgUp, PgDn: the VT220 keypad that all of them send */
	{ "\033[2~", KEY_IC },    { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	/* the arrows in both cursor modes, and Shift-Tab */
	{ "\033[A", KEY_UP },     { "\033[B", KEY_DOWN },  { "\033[C", KEY_RIGHT },
	{ "\033[D", KEY_LEFT },   { "\033OA", KEY_UP },    { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT },  { "\033OD", KEY_LEFT },  { "\033[Z", KEY_BTAB },
};

void input_define_keys(void)
{
	for (size_t i = 0; i < sizeof extra_keys / sizeof extra_keys[0]; i++)
		/* 0: the terminal's entry does not know the sequence (nor a
		 * longer one that starts with it) */
		if (key_defined(extra_keys[i].seq) == 0)
			define_key(extra_keys[i].seq, extra_keys[i].code);
}

/* One more character of an escape sequence, waiting at most ms. */
static bool seq_char(int ms, wint_t *c)
{
	timeout(ms);
	return get_wch(c) == OK;
}

/* ncurses gives an escape sequence it does not know as ESC and then the
 * rest as characters: ESC would go back a level, the "[" after it move
 * an item up. Called after an ESC, this reads such a rest whole (ECMA-48:
 * a CSI sequence up to its final byte, SS3 and its character, an OSC or
 * DCS string up to BEL or ESC \) and returns true: the sequence is
 * dropped. False for Esc alone (nothing follows at once) and for Esc and
 * another key that came with it (typed fast, or over a slow link): both
 * count, as ncurses gives them. */
static bool sequence_dropped(void)
{
	int ms = get_escdelay();
	wint_t c;
	int got, n;

	timeout(0);
	got = get_wch(&c);
	if (got == ERR)
		return false;
	if (got == KEY_CODE_YES || c == 27) {
		/* a key of its own after Esc: both count */
		if (got == KEY_CODE_YES)
			ungetch((int)c);
		else
			unget_wch((wchar_t)c);
		return false;
	}
	if (c == '[') {
		/* the Linux console's F-keys: ESC [ [ letter */
		if (seq_char(ms, &c) && c == '[') {
			seq_char(ms, &c);
			return true;
		}
		/* parameter and intermediate bytes, up to the final byte */
		for (n = 0; n < 64 && c >= 0x20 && c < 0x40; n++)
			if (!seq_char(ms, &c))
				break;
		return true;
	}
	if (c == 'O') {
		seq_char(ms, &c);
		return true;
	}
	if (c == ']' || c == 'P') {
		bool esc = false;

		for (n = 0; n < 4096 && seq_char(ms, &c); n++) {
			if (c == 7 || (esc && c == '\\'))
				break;
			esc = c == 27;
		}
		return true;
	}
	unget_wch((wchar_t)c);
	return false;
}

/* A burst of resizes (a window being dragged) is one relayout: swallow
 * the ones already queued, and put back the first real key. */
static void coalesce_resizes(void)
{
	wint_t ch;
	int got;

	timeout(0);
	while ((got = get_wch(&ch)) == KEY_CODE_YES && ch == KEY_RESIZE)
		;
	if (got == KEY_CODE_YES)
		ungetch((int)ch);
	else if (got == OK)
		unget_wch((wchar_t)ch);
}

void input_mouse(struct input *in, bool on)
{
	in->mouse = on;
	/* Off: not even a mask of 0, which would still send the terminal
	 * the sequence that turns reporting off. */
	if (on && !input_scripted(in))
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
			  BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}

/* The mouse event ncurses has queued, as a key; false for one that
 * means nothing here (another button, a drag) or with the mouse off. */
static bool mouse_event(const struct input *in, struct ui_key *key)
{
	MEVENT ev;

	if (!in->mouse || getmouse(&ev) != OK)
		return false;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		key->mouse = UM_DOUBLE;
	else if (ev.bstate & BUTTON1_CLICKED)
		key->mouse = UM_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		key->mouse = UM_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		key->mouse = UM_WHEEL_DOWN;
	else
		return false;
	key->kind = UK_MOUSE;
	key->x = ev.x;
	key->y = ev.y;
	return true;
}

void input_get(struct input *in, int timeout_ms, struct ui_key *key)
{
	key->ch = 0;
	if (input_scripted(in)) {
		script_get(in, key);
		return;
	}
	wint_t ch;
	int got;
	bool again;
	do {
		timeout(timeout_ms);
		got = get_wch(&ch);
		if (got == KEY_CODE_YES && ch == KEY_MOUSE) {
			if (mouse_event(in, key))
				return;
			/* A mouse event that means nothing here: read on. */
			again = true;
		} else {
			again = got == OK && ch == 27 && sequence_dropped();
		}
	} while (again);
	switch (got) {
	case OK:
		key->kind = UK_CHAR;
		key->ch = ch;
		break;
	case KEY_CODE_YES:
		key->kind = ch == KEY_RESIZE ? UK_RESIZE : UK_CODE;
		key->ch = ch;
		if (ch == KEY_RESIZE)
			coalesce_resizes();
		break;
	default: /* time out, or a signal interrupted the read */
		key->kind = UK_TIMEOUT;
		break;
	}
}

bool key_is(const struct ui_key *key, wint_t ch)
{
	return key->kind == UK_CHAR && key->ch == ch;
}

bool key_is_code(const struct ui_key *key, int code)
{
	return key->kind == UK_CODE && key->ch == (wint_t)code;
}

bool key_is_enter(const struct ui_key *key)
{
	return key_is(key, '\n') || key_is(key, '\r') || key_is_code(key, KEY_ENTER);
}

bool key_is_esc(const struct ui_key *key)
{
	return key_is(key, 27);
}

bool key_is_backspace(const struct ui_key *key)
{
	return key_is_code(key, KEY_BACKSPACE) || key_is(key, 127) || key_is(key, 8);
}

bool key_is_click(const struct ui_key *key)
{
	return key->kind == UK_MOUSE && (key->mouse == UM_CLICK || key->mouse == UM_DOUBLE);
}

int key_wheel(const struct ui_key *key)
{
	if (key->kind != UK_MOUSE)
		return 0;
	return key->mouse == UM_WHEEL_UP ? -1 : key->mouse == UM_WHEEL_DOWN ? 1 : 0;
}

bool key_is_text(const struct ui_key *key)
{
	return key->kind == UK_CHAR && key->ch >= 0x20 && key->ch != 0x7f &&
	       !(key->ch >= 0x80 && key->ch < 0xa0);
}

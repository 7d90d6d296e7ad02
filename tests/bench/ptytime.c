/* ptytime: times a screen program in a real pseudo-terminal, for
 * tests/bench/all.sh (issue 11, item 4).
 *
 *   ptytime [-n RUNS] [-s COLSxROWS] [-t TIMEOUT_MS] [-e TEXT]
 *           [-c STEPS:KEY:TEXT [-r]] [-l KEY,KEY...:INTERVAL_MS]
 *           STEP... [-q KEYS] -- COMMAND [ARG...]
 *
 * Each run starts COMMAND with forkpty() on a terminal of COLS x ROWS
 * (default 80x24; TERM is taken from the environment) and goes through
 * the steps in order. A step is
 *
 *   -w TEXT          wait until TEXT appears in the screen's output since
 *                    the previous step (from the start, for the first);
 *   -k KEYS -w TEXT  write KEYS, then wait until TEXT appears in what
 *                    the program wrote after them.
 *
 * The output is matched after stripping escape sequences (CSI, OSC, and
 * two-byte ESC sequences) and control characters, so TEXT must be written
 * by the program in one piece, without cursor motion inside (a footer, a
 * title, a row). KEYS and TEXT take C escapes: \e \r \n \t \\ \xHH.
 * Besides the steps:
 *
 *   -c STEPS:KEY:TEXT  after the steps, write KEY STEPS times, each time
 *                    waiting for the program's next output (the redraw
 *                    starts; what is there is read); unless TEXT (the
 *                    last step's row) came with them (and -r is not
 *                    given: the steps' output may hold it by chance,
 *                    from an earlier row of the same text), resize the
 *                    terminal to one line more (the program redraws it
 *                    whole; back and forth up to five times, should the
 *                    program miss a change) and wait for TEXT there
 *                    (blanks aside: curses skips over blanks): per-step
 *                    time in µs;
 *   -l KEYS:MS       after the steps, write the keys of KEYS (separated
 *                    by commas, escapes allowed) one by one, MS ms apart,
 *                    each time waiting for the program's next output:
 *                    the largest of these latencies (another process may
 *                    be changing the data meanwhile; what the program
 *                    draws between the keys is read and dropped);
 *   -q KEYS          written at the end to quit (default: none; the
 *                    program is then sent SIGHUP, as a closed terminal).
 *   -e TEXT          must not appear in the output (an error message):
 *                    the run fails when it does.
 *
 * Prints one line of medians over the runs, in ms:
 *
 *   step1_ms [step2_ms ...] [step_us] [max_latency_ms] max_rss_kb cpu_ms
 *
 * where each step's time is from its start (the fork, or the write of its
 * keys) to the moment its TEXT was read, max_rss_kb the largest ru_maxrss
 * of the runs and cpu_ms the median user + system time of the child (from
 * wait4). Exits 1 when a TEXT does not appear within TIMEOUT_MS (default
 * 10000) or the program ends first (the output read so far goes to
 * standard error), 2 on a usage error. Built with $CC by all.sh, linked
 * with -lutil. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_STEPS 16
#define MAX_RUNS 101

struct step {
	char *keys; /* NULL: nothing written */
	char *text;
};

static struct step steps[MAX_STEPS];
static int n_steps;
static int timeout_ms = 10000;
static const char *error_text;

/* The screen's output, escape sequences stripped: since the last mark. */
static char *seen;
static size_t seen_len, seen_cap;
static int esc_state; /* 0 text, 1 after ESC, 2 CSI, 3 OSC, 4 OSC after ESC */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* C escapes in place: \e \r \n \t \\ \xHH. */
static char *unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (*r != '\\' || !r[1]) {
			*w++ = *r++;
			continue;
		}
		r++;
		switch (*r) {
		case 'e': *w++ = '\033'; r++; break;
		case 'r': *w++ = '\r'; r++; break;
		case 'n': *w++ = '\n'; r++; break;
		case 't': *w++ = '\t'; r++; break;
		case 'x': {
			char hex[3] = { 0, 0, 0 };
			int i;

			r++;
			for (i = 0; i < 2 && strchr("0123456789abcdefABCDEF", *r) && *r; i++)
				hex[i] = *r++;
			*w++ = (char)strtol(hex, NULL, 16);
			break;
		}
		default: *w++ = *r++; break;
		}
	}
	*w = '\0';
	return s;
}

static void keep(char c)
{
	if (seen_len + 1 >= seen_cap) {
		seen_cap = seen_cap ? seen_cap * 2 : 65536;
		seen = realloc(seen, seen_cap);
		if (!seen) {
			perror("ptytime");
			exit(2);
		}
	}
	seen[seen_len++] = c;
	seen[seen_len] = '\0';
}

/* Feeds output bytes through the escape stripper into seen. */
static void feed(const char *buf, ssize_t n)
{
	ssize_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		switch (esc_state) {
		case 0:
			if (c == 0x1b)
				esc_state = 1;
			else if (c >= 0x20)
				keep((char)c);
			else if (c == '\n' || c == '\r')
				keep('\n');
			break;
		case 1:
			esc_state = c == '[' ? 2 : c == ']' ? 3 :
				    (c == '(' || c == ')' || c == '#') ? 5 : 0;
			break;
		case 2: /* CSI: parameters, then a final byte 0x40-0x7e */
			if (c >= 0x40 && c <= 0x7e)
				esc_state = 0;
			break;
		case 3: /* OSC: up to BEL or ESC \ */
			if (c == 0x07)
				esc_state = 0;
			else if (c == 0x1b)
				esc_state = 4;
			break;
		case 4:
			esc_state = c == '\\' ? 0 : 3;
			break;
		case 5: /* ESC ( B and the like: one byte more */
			esc_state = 0;
			break;
		}
	}
}

/* Reads what the terminal has within wait_ms (-1: until something came);
 * returns the bytes read, 0 on nothing, -1 when the program is gone. */
static ssize_t pump(int fd, int wait_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[65536];
	ssize_t n;
	int r;

	r = poll(&p, 1, wait_ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	n = read(fd, buf, sizeof buf);
	if (n <= 0)
		return -1; /* EIO: the other side closed */
	feed(buf, n);
	return n;
}

/* Reads whatever is already there, without waiting. */
static int drain(int fd)
{
	ssize_t n;

	while ((n = pump(fd, 0)) > 0)
		;
	return n < 0 ? -1 : 0;
}

static void report_output(const char *what, const char *text)
{
	fprintf(stderr, "ptytime: %s '%s'; the output was (escapes stripped):\n%s\n",
		what, text, seen ? seen : "");
}

/* Waits until text is in seen (since mark); returns the time it was read
 * at, or -1 on a timeout or the program's end. */
static double wait_for(int fd, const char *text, size_t mark)
{
	double end = now_ms() + timeout_ms;

	for (;;) {
		if (seen && strstr(seen + mark, text))
			return now_ms();
		if (error_text && seen && strstr(seen, error_text)) {
			report_output("found the error text", error_text);
			return -1;
		}
		int left = (int)(end - now_ms());
		if (left <= 0) {
			report_output("timed out waiting for", text);
			return -1;
		}
		if (pump(fd, left) < 0) {
			if (seen && strstr(seen + mark, text))
				return now_ms();
			report_output("the program ended before", text);
			return -1;
		}
	}
}

/* Whether hay holds needle, blanks aside: curses moves the cursor over a
 * run of blanks instead of writing it, so a row's text comes in pieces. */
static int has_loose(const char *hay, const char *needle)
{
	for (; *hay; hay++) {
		const char *h = hay, *n = needle;

		while (*n == ' ')
			n++;
		if (*h != *n)
			continue;
		while (*n) {
			if (*n == ' ') {
				n++;
				continue;
			}
			while (*h == ' ')
				h++;
			if (*h != *n)
				break;
			h++;
			n++;
		}
		if (!*n)
			return 1;
	}
	return 0;
}

/* wait_for without the report, the text matched blanks aside: for the
 * cursor steps' last row, a try that may be repeated. */
static double wait_for_quiet(int fd, const char *text, size_t mark)
{
	double end = now_ms() + timeout_ms;

	for (;;) {
		if (seen && has_loose(seen + mark, text))
			return now_ms();
		int left = (int)(end - now_ms());
		if (left <= 0 || pump(fd, left) < 0)
			return -1;
	}
}

/* Waits for the next output after a key; returns the time it came. */
static double wait_output(int fd)
{
	double end = now_ms() + timeout_ms;
	ssize_t n;

	for (;;) {
		int left = (int)(end - now_ms());
		if (left <= 0) {
			report_output("timed out waiting for output after a key", "");
			return -1;
		}
		n = pump(fd, left);
		if (n < 0) {
			report_output("the program ended after a key", "");
			return -1;
		}
		if (n > 0)
			return now_ms();
	}
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static char *cursor_key, *cursor_text, *quit_keys;
static char *lat_keys[256];
static int n_lat;
static long cursor_steps;
static int redraw;
static int lat_interval;

/* One run: the step times into t[], the per-step µs, the largest latency,
 * the child's rss and CPU time. Returns 0, or -1 on a failure. */
static int run_once(char **cmd, struct winsize *ws, double *t, double *step_us,
		    double *lat_max, long *rss, double *cpu)
{
	int fd, status, i, failed = 0;
	pid_t pid;
	struct rusage ru;
	double start;

	seen_len = 0;
	if (seen)
		seen[0] = '\0';
	esc_state = 0;
	start = now_ms();
	pid = forkpty(&fd, NULL, NULL, ws);
	if (pid < 0) {
		perror("ptytime: forkpty");
		return -1;
	}
	if (pid == 0) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "ptytime: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	for (i = 0; i < n_steps && !failed; i++) {
		size_t mark = seen_len;
		double from = start, got;

		if (steps[i].keys) {
			if (drain(fd) < 0) {
				report_output("the program ended before writing", steps[i].keys);
				failed = 1;
				break;
			}
			mark = seen_len;
			from = now_ms();
			if (write_all(fd, steps[i].keys, strlen(steps[i].keys)) < 0) {
				failed = 1;
				break;
			}
		}
		got = wait_for(fd, steps[i].text, mark);
		if (got < 0)
			failed = 1;
		else
			t[i] = got - from;
	}
	if (!failed && cursor_steps > 0) {
		double sum = 0;
		size_t mark;
		long k;

		if (drain(fd) < 0)
			failed = 1;
		mark = seen_len;
		for (k = 0; k < cursor_steps && !failed; k++) {
			double from = now_ms(), got;

			if (write_all(fd, cursor_key, strlen(cursor_key)) < 0 ||
			    (got = wait_output(fd)) < 0)
				failed = 1;
			else
				sum += got - from;
			if (!failed && drain(fd) < 0)
				failed = 1;
		}
		/* The steps redraw only what changed (a scrolled-in row may be
		 * written in pieces): a resize to one line more makes the
		 * program draw the whole screen, where TEXT must show. */
		if (!failed && (redraw || !has_loose(seen + mark, cursor_text))) {
			struct winsize big = *ws;
			int tries, saved = timeout_ms, found = 0;

			/* A SIGWINCH may be taken while the program is busy and
			 * acted on late: the size goes back and forth, 2 s each,
			 * five times at most. */
			timeout_ms = 2000;
			big.ws_row++;
			for (tries = 0; tries < 5 && !found; tries++) {
				mark = seen_len;
				if (ioctl(fd, TIOCSWINSZ, tries % 2 ? ws : &big) < 0)
					break;
				found = wait_for_quiet(fd, cursor_text, mark) >= 0;
			}
			timeout_ms = saved;
			if (!found) {
				report_output("no full redraw after the steps shows", cursor_text);
				failed = 1;
			}
		}
		*step_us = sum / (double)cursor_steps * 1000.0;
	}
	if (!failed && n_lat > 0) {
		int k;

		*lat_max = 0;
		for (k = 0; k < n_lat && !failed; k++) {
			double from, got, until = now_ms() + lat_interval;

			/* Between keys, whatever the program draws by itself
			 * (another connection's change) is read and dropped. */
			while (!failed && now_ms() < until)
				if (pump(fd, (int)(until - now_ms()) + 1) < 0)
					failed = 1;
			if (failed || drain(fd) < 0) {
				report_output("the program ended between keys", "");
				failed = 1;
				break;
			}
			from = now_ms();
			if (write_all(fd, lat_keys[k], strlen(lat_keys[k])) < 0 ||
			    (got = wait_output(fd)) < 0)
				failed = 1;
			else if (got - from > *lat_max)
				*lat_max = got - from;
		}
	}
	if (!failed && quit_keys) {
		write_all(fd, quit_keys, strlen(quit_keys));
		/* Read until the program closes its side, 2 s at most. */
		double end = now_ms() + 2000;

		while (now_ms() < end && pump(fd, (int)(end - now_ms()) + 1) >= 0)
			;
	}
	kill(pid, SIGHUP);
	close(fd);
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("ptytime: wait4");
		return -1;
	}
	*rss = ru.ru_maxrss;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	return failed ? -1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: ptytime [-n RUNS] [-s COLSxROWS] [-t TIMEOUT_MS] [-e TEXT] "
			"[-c STEPS:KEY:TEXT [-r]] [-l KEY,KEY...:MS] [-k KEYS] -w TEXT ... "
			"[-q KEYS] -- COMMAND [ARG...]\n");
	exit(2);
}

/* Splits "A:B:C" at its first two colons (C may hold colons). */
static void split3(char *s, char **a, char **b, char **c)
{
	char *p = strchr(s, ':'), *q;

	if (!p || !(q = strchr(p + 1, ':')))
		usage();
	*p = '\0';
	*q = '\0';
	*a = s;
	*b = p + 1;
	*c = q + 1;
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_col = 80, .ws_row = 24 };
	double t[MAX_RUNS][MAX_STEPS], col[MAX_RUNS], us[MAX_RUNS], lat[MAX_RUNS], cpu[MAX_RUNS];
	char *pending_keys = NULL;
	long rss_max = 0;
	int runs = 1, opt, r, i;

	while ((opt = getopt(argc, argv, "+n:s:t:e:k:w:c:rl:q:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 's': {
			unsigned c, l;

			if (sscanf(optarg, "%ux%u", &c, &l) != 2 || !c || !l)
				usage();
			ws.ws_col = (unsigned short)c;
			ws.ws_row = (unsigned short)l;
			break;
		}
		case 't': timeout_ms = atoi(optarg); break;
		case 'e': error_text = unescape(optarg); break;
		case 'k': pending_keys = unescape(optarg); break;
		case 'w':
			if (n_steps == MAX_STEPS)
				usage();
			steps[n_steps].keys = pending_keys;
			steps[n_steps].text = unescape(optarg);
			pending_keys = NULL;
			n_steps++;
			break;
		case 'c': {
			char *n;

			split3(optarg, &n, &cursor_key, &cursor_text);
			cursor_steps = atol(n);
			unescape(cursor_key);
			unescape(cursor_text);
			if (cursor_steps <= 0 || !*cursor_key)
				usage();
			break;
		}
		case 'l': {
			char *ms = strrchr(optarg, ':'), *key;

			if (!ms || ms == optarg)
				usage();
			*ms++ = '\0';
			lat_interval = atoi(ms);
			for (key = strtok(optarg, ","); key; key = strtok(NULL, ",")) {
				if (n_lat == 256)
					usage();
				lat_keys[n_lat++] = unescape(key);
			}
			if (n_lat == 0)
				usage();
			break;
		}
		case 'r': redraw = 1; break;
		case 'q': quit_keys = unescape(optarg); break;
		default: usage();
		}
	}
	if (optind >= argc || n_steps == 0 || pending_keys || runs < 1 || runs > MAX_RUNS)
		usage();
	signal(SIGPIPE, SIG_IGN);
	for (r = 0; r < runs; r++) {
		long rss = 0;

		us[r] = lat[r] = 0;
		if (run_once(argv + optind, &ws, t[r], &us[r], &lat[r], &rss, &cpu[r]) < 0) {
			fprintf(stderr, "ptytime: run %d of %d failed: %s\n", r + 1, runs, argv[optind]);
			return 1;
		}
		if (rss > rss_max)
			rss_max = rss;
	}
	for (i = 0; i < n_steps; i++) {
		for (r = 0; r < runs; r++)
			col[r] = t[r][i];
		printf("%.3f ", median(col, runs));
	}
	if (cursor_steps > 0)
		printf("%.1f ", median(us, runs));
	if (n_lat > 0)
		printf("%.3f ", median(lat, runs));
	printf("%ld %.3f\n", rss_max, median(cpu, runs));
	return 0;
}

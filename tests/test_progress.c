/* The progress line (src/progress.c) and the overview's bars (src/bar.c):
 * what the line says, that it stays off without a terminal and is drawn
 * at most ten times a second on one, and that bars are in proportion. */
#define _XOPEN_SOURCE 700
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bar.h"
#include "i18n.h"
#include "progress.h"
#include "testutil.h"

/* ------------------------------------------------------------------ bars */

START_TEST(bar_of_the_largest_count_fills_the_width)
{
	char buf[128];

	ck_assert_int_eq(bar_units(118, 118, 23, true), 23 * 8);
	ck_assert_int_eq(bar_render(buf, sizeof(buf), 118, 118, 3, true), 3);
	ck_assert_str_eq(buf, "\u2588\u2588\u2588");
}
END_TEST

START_TEST(bar_rounds_to_the_nearest_eighth)
{
	char buf[128];

	/* 25 of 118 in 23 columns: 38.98 eighths, 39 = 4 columns and 7/8. */
	ck_assert_int_eq(bar_units(25, 118, 23, true), 39);
	ck_assert_int_eq(bar_render(buf, sizeof(buf), 25, 118, 23, true), 5);
	ck_assert_str_eq(buf, "\u2588\u2588\u2588\u2588\u2589");
	/* 20 of 118: 31.19 eighths, 31 = 3 columns and 7/8. */
	ck_assert_int_eq(bar_units(20, 118, 23, true), 31);
	/* One eighth to seven eighths, each its own character. */
	bar_render(buf, sizeof(buf), 1, 8, 1, true);
	ck_assert_str_eq(buf, "\u258f");
	bar_render(buf, sizeof(buf), 4, 8, 1, true);
	ck_assert_str_eq(buf, "\u258c");
	bar_render(buf, sizeof(buf), 7, 8, 1, true);
	ck_assert_str_eq(buf, "\u2589");
}
END_TEST

START_TEST(bar_of_a_small_count_still_shows)
{
	char buf[64];

	ck_assert_int_eq(bar_units(1, 100000, 20, true), 1);
	ck_assert_int_eq(bar_render(buf, sizeof(buf), 1, 100000, 20, true), 1);
	ck_assert_str_eq(buf, "\u258f");
	ck_assert_int_eq(bar_units(1, 100000, 20, false), 1);
}
END_TEST

START_TEST(bar_of_nothing_is_empty)
{
	char buf[64] = "x";

	ck_assert_int_eq(bar_render(buf, sizeof(buf), 0, 10, 20, true), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(bar_units(5, 0, 20, true), 0);
	ck_assert_int_eq(bar_units(5, 10, 0, true), 0);
	ck_assert_int_eq(bar_units(-3, 10, 20, true), 0);
}
END_TEST

START_TEST(bar_without_unicode_uses_hashes_per_column)
{
	char buf[64];

	/* 25 of 118 in 20 columns: 4.24, so 4. */
	ck_assert_int_eq(bar_render(buf, sizeof(buf), 25, 118, 20, false), 4);
	ck_assert_str_eq(buf, "####");
	ck_assert_int_eq(bar_render(buf, sizeof(buf), 118, 118, 20, false), 20);
	ck_assert_int_eq((int)strlen(buf), 20);
}
END_TEST

START_TEST(bar_stays_inside_its_buffer)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	/* Two full blocks (3 bytes each) fit in 8 bytes with the NUL. */
	bar_render(buf, sizeof(buf), 10, 10, 10, true);
	ck_assert_str_eq(buf, "\u2588\u2588");
	bar_render(buf, 1, 10, 10, 10, false);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(bar_render(buf, 0, 10, 10, 10, false), 0);
}
END_TEST

/* ------------------------------------------------------------ the line */

static void fmt(struct progress *p, int64_t ns, const char *want)
{
	char buf[256];

	progress_format(p, ns, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}

START_TEST(line_with_a_total_says_rate_and_time_left)
{
	struct progress p;

	progress_init(&p, NULL, false);
	progress_start(&p, "Submitting", PROGRESS_BYTES, 10000000);
	p.done = 2500000;
	fmt(&p, 1000000000LL, "Submitting: 2.5 MB of 10.0 MB (25 %), 2.5 MB/s, 0:03 left");
	p.total = 4000;
	p.done = 1000;
	p.unit = PROGRESS_PAGES;
	fmt(&p, 2000000000LL, "Submitting: 1000 pages of 4000 pages (25 %), 500 pages/s, 0:06 left");
	/* An hour and more has hours. */
	p.done = 1;
	fmt(&p, 1000000000LL, "Submitting: 1 page of 4000 pages (0 %), 1 page/s, 1:06:39 left");
}
END_TEST

START_TEST(line_without_a_total_says_done_and_rate)
{
	struct progress p;

	progress_init(&p, NULL, false);
	progress_start(&p, "Submitting", PROGRESS_BYTES, 0);
	p.done = 500000;
	fmt(&p, 500000000LL, "Submitting: 500 kB, 1.0 MB/s");
	/* Nothing done yet: no rate to tell the time left by. */
	progress_start(&p, "Backing up", PROGRESS_PAGES, 10);
	fmt(&p, 0, "Backing up: 0 pages of 10 pages (0 %)");
}
END_TEST

START_TEST(line_is_off_without_a_terminal)
{
	struct progress p;
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	progress_init(&p, f, true);
	ck_assert(!p.on);
	progress_start(&p, "Submitting", PROGRESS_BYTES, 100);
	for (int i = 0; i < 100; i++)
		progress_step(&p, (uint64_t)i);
	progress_end(&p);
	ck_assert_int_eq((int)ftell(f), 0);
	fclose(f);
}
END_TEST

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* What the terminal got so far (non-blocking). */
static size_t drain(int master, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < size && (r = read(master, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return n;
}

START_TEST(line_on_a_terminal_is_drawn_at_most_ten_times_a_second_and_erased)
{
	struct progress p;
	char got[4096];
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	FILE *tty;
	int64_t t0;
	int draws = 0;

	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	tty = fopen(ptsname(master), "w");
	ck_assert_ptr_nonnull(tty);
	fcntl(master, F_SETFL, O_NONBLOCK);

	progress_init(&p, tty, false);  /* --quiet */
	ck_assert(!p.on);
	progress_init(&p, tty, true);
	ck_assert(p.on);
	progress_start(&p, "Submitting", PROGRESS_BYTES, 1000000000);
	/* A burst of steps within 100 ms draws nothing. */
	for (int i = 0; i < 10000 && mono_ns() - p.start_ns < 50000000LL; i++)
		progress_step(&p, (uint64_t)i);
	ck_assert_uint_eq(drain(master, got, sizeof(got)), 0);
	/* Steps for 350 ms: three lines, four at most. */
	t0 = mono_ns();
	while (mono_ns() - t0 < 350000000LL)
		progress_step(&p, 1000);
	drain(master, got, sizeof(got));
	for (const char *s = got; (s = strstr(s, "Submitting:")); s++)
		draws++;
	ck_assert_msg(draws >= 2 && draws <= 4, "%d lines in 350 ms: %s", draws, got);
	{
		static const char first[] = "\r\033[KSubmitting: 1 kB of 1.00 GB (0 %), ";

		ck_assert_msg(strncmp(got, first, strlen(first)) == 0, "%s", got);
	}
	progress_end(&p);
	drain(master, got, sizeof(got));
	ck_assert_str_eq(got, "\r\033[K");
	/* Erased once: a second end writes nothing. */
	progress_end(&p);
	ck_assert_uint_eq(drain(master, got, sizeof(got)), 0);
	fclose(tty);
	close(master);
}
END_TEST

static Suite *progress_suite(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, bar_of_the_largest_count_fills_the_width);
	tcase_add_test(tc, bar_rounds_to_the_nearest_eighth);
	tcase_add_test(tc, bar_of_a_small_count_still_shows);
	tcase_add_test(tc, bar_of_nothing_is_empty);
	tcase_add_test(tc, bar_without_unicode_uses_hashes_per_column);
	tcase_add_test(tc, bar_stays_inside_its_buffer);
	tcase_add_test(tc, line_with_a_total_says_rate_and_time_left);
	tcase_add_test(tc, line_without_a_total_says_done_and_rate);
	tcase_add_test(tc, line_is_off_without_a_terminal);
	tcase_add_test(tc, line_on_a_terminal_is_drawn_at_most_ten_times_a_second_and_erased);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* English messages and UTF-8 text, whatever the environment says. */
	setenv("LANGUAGE", "en", 1);
	i18n_init("en", NULL);
	return tu_run(progress_suite());
}

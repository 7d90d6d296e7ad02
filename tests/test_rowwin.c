/* The window of rows (ui/rowwin.c) after a failed read: the same rows
 * are not read again at a redraw (a damaged page would be read, and
 * checked, at every one), other rows and a cleared window are, and one
 * fetch reads nothing more once a read in it failed. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "rowwin.h"
#include "testutil.h"

/* A source of rows 0..total-1 whose reads fail while fail is set. */
struct source {
	size_t total;
	bool fail;
	int reads;
};

static void drop(void *row)
{
	(void)row;
}

static bool read_ints(void *ctx, const void *from, int dir, size_t limit,
		      struct rowwin_fill *f)
{
	struct source *s = ctx;
	int64_t at = from ? *(const int64_t *)from + dir : dir > 0 ? 0 : (int64_t)s->total - 1;

	s->reads++;
	if (s->fail)
		return false;
	for (size_t i = 0; i < limit && at >= 0 && at < (int64_t)s->total; i++, at += dir)
		*(int64_t *)rowwin_add(f) = at;
	return true;
}

static const struct rowwin_ops ops = { .size = sizeof(int64_t), .drop = drop, .read = read_ints };

/* A window over s, its rows counted as the screens count them. */
static void open_window(struct rowwin *w, struct source *s)
{
	rowwin_init(w, &ops, s);
	w->total = s->total;
}

START_TEST(a_failed_read_is_not_repeated_for_the_same_rows)
{
	struct source s = { .total = 5000, .fail = true };
	struct rowwin w;
	size_t lo, hi;

	open_window(&w, &s);
	rowwin_fetch(&w, 0, 20, &lo, &hi);
	ck_assert_int_eq(s.reads, 1);
	ck_assert_uint_eq(hi - lo, 0);
	/* a redraw asks for the same rows: nothing is read */
	rowwin_fetch(&w, 0, 20, &lo, &hi);
	rowwin_fetch(&w, 0, 20, &lo, &hi);
	ck_assert_int_eq(s.reads, 1);
	/* other rows (the cursor moved): read again; the error has passed */
	s.fail = false;
	rowwin_fetch(&w, 1, 21, &lo, &hi);
	ck_assert_int_eq(s.reads, 2);
	ck_assert_ptr_nonnull(rowwin_row(&w, 1));
	ck_assert_int_eq(*(int64_t *)rowwin_row(&w, 20), 20);
	rowwin_free(&w);
}
END_TEST

START_TEST(clearing_the_window_reads_again)
{
	struct source s = { .total = 50, .fail = true };
	struct rowwin w;
	size_t lo, hi;

	open_window(&w, &s);
	rowwin_fetch(&w, 0, 20, &lo, &hi);
	ck_assert_int_eq(s.reads, 1);
	s.fail = false;
	rowwin_clear(&w, 0);   /* the screen reloads */
	rowwin_fetch(&w, 0, 20, &lo, &hi);
	ck_assert_int_eq(s.reads, 2);
	ck_assert_uint_eq(lo, 0);
	ck_assert_uint_ge(hi, 20);
	ck_assert_int_eq(*(int64_t *)rowwin_row(&w, 19), 19);
	rowwin_free(&w);
}
END_TEST

START_TEST(one_fetch_stops_at_its_first_failed_read)
{
	struct source s = { .total = 100000 };
	struct rowwin w;
	size_t lo, hi;

	open_window(&w, &s);
	/* a window in the middle, then a fetch that needs rows before and
	 * after it (up, then down) while reads fail: one read, not two */
	rowwin_fetch(&w, 50000, 50020, &lo, &hi);
	ck_assert_int_eq(s.reads, 1);
	s.fail = true;
	s.reads = 0;
	rowwin_fetch(&w, 40000, 60100, &lo, &hi);
	ck_assert_int_eq(s.reads, 1);
	rowwin_free(&w);
}
END_TEST

static Suite *rowwin_suite(void)
{
	Suite *s = suite_create("rowwin");
	TCase *tc = tcase_create("rowwin");

	tcase_add_test(tc, a_failed_read_is_not_repeated_for_the_same_rows);
	tcase_add_test(tc, clearing_the_window_reads_again);
	tcase_add_test(tc, one_fetch_stops_at_its_first_failed_read);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(rowwin_suite());
}

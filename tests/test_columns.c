/* The column widths of the table screens (ui/columns.c): the rule set that
 * reproduces the list screens', the overview's and the contacts' layouts. */
#include "config.h"

#include <check.h>

#include "columns.h"
#include "testutil.h"

/* The list screens' columns (listscr.c): Name, Group, Lead, In use,
 * Description. Name's least of 18 is half of 36: while the description
 * is shown, half the rest is never less; without it, listscr gives the
 * name the whole rest even when that is less. */
enum { L_NAME, L_GROUP, L_LEAD, L_USED, L_DESC, L_COUNT };
static const struct table_col list_cols[L_COUNT] = {
	[L_NAME] = { .share = 50, .max = 40 },
	[L_GROUP] = { .fit = true },
	[L_LEAD] = { .fit = true },
	[L_USED] = { .fit = true, .align = TABLE_RIGHT },
	[L_DESC] = { .grow = true, .drop_below = 36 },
};

/* listscr.c's layout(), kept here as the reference the rules must match:
 * name between 18 and 40, half the rest; the description the remainder,
 * left out when the rest is under 36. */
static void list_reference(int width, int group, int lead, int used, int *name,
			   int *desc)
{
	int rest = width - (3 + used + 1 + group + 1 + lead + 1);

	if (rest < 36) {
		*name = rest > 4 ? rest : 4;
		*desc = 0;
		return;
	}
	*name = rest / 2 > 40 ? 40 : rest / 2;
	if (*name < 18)
		*name = 18;
	*desc = rest - *name - 1;
}

static void list_widths(int width, int group, int lead, int used, int *w)
{
	w[L_NAME] = columns_natural(&list_cols[L_NAME], 0);
	w[L_GROUP] = columns_natural(&list_cols[L_GROUP], group);
	w[L_LEAD] = columns_natural(&list_cols[L_LEAD], lead);
	w[L_USED] = columns_natural(&list_cols[L_USED], used);
	w[L_DESC] = columns_natural(&list_cols[L_DESC], 0);
	columns_widths(list_cols, L_COUNT, width, 3, w);
}

START_TEST(list_rule_halves_the_rest_between_name_and_description)
{
	int w[L_COUNT];

	/* Categories at 80 columns: Group 18, Lead 4, In use 6. */
	list_widths(80, 18, 4, 6, w);
	ck_assert_int_eq(w[L_NAME], 23);
	ck_assert_int_eq(w[L_GROUP], 18);
	ck_assert_int_eq(w[L_LEAD], 4);
	ck_assert_int_eq(w[L_USED], 6);
	ck_assert_int_eq(w[L_DESC], 22);
}
END_TEST

START_TEST(list_rule_matches_listscr_at_every_width)
{
	static const int shapes[][3] = {
		{ 18, 4, 6 },   /* categories */
		{ 0, 7, 6 },    /* lead statuses: Default, In use */
		{ 18, 4, 17 },  /* a category used by very many companies */
		{ 0, 0, 7 },    /* user groups: Members */
	};

	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		for (int width = 60; width <= 300; width++) {
			int w[L_COUNT], name, desc;
			const int *g = shapes[s];
			list_widths(width, g[0], g[1], g[2], w);
			list_reference(width, g[0], g[1], g[2], &name, &desc);
			ck_assert_msg(w[L_NAME] == name && w[L_DESC] == desc,
				      "shape %zu at %d: name %d desc %d, want %d %d", s, width,
				      w[L_NAME], w[L_DESC], name, desc);
		}
	}
}
END_TEST

START_TEST(list_rule_drops_the_description_and_gives_its_room_to_the_name)
{
	int w[L_COUNT];

	/* 60 columns: the rest is 60 - 34 = 26, under 36. */
	list_widths(60, 18, 4, 6, w);
	ck_assert_int_eq(w[L_DESC], 0);
	ck_assert_int_eq(w[L_NAME], 26);
	/* Exactly 36: the description stays. */
	list_widths(70, 18, 4, 6, w);
	ck_assert_int_eq(w[L_NAME], 18);
	ck_assert_int_eq(w[L_DESC], 17);
}
END_TEST

START_TEST(share_is_clamped_to_its_maximum_and_the_grow_column_takes_the_rest)
{
	int w[L_COUNT];

	list_widths(200, 18, 4, 6, w);
	ck_assert_int_eq(w[L_NAME], 40);
	ck_assert_int_eq(w[L_DESC], 200 - 3 - 19 - 5 - 7 - 40 - 1);
}
END_TEST

/* The overview: a label of at most 40 and two counts of 7 or more. */
START_TEST(share_without_grow_column_stays_within_its_maximum)
{
	static const struct table_col cols[] = {
		{ .share = 100, .max = 40 },
		{ .fit = true, .min = 7, .align = TABLE_RIGHT },
		{ .fit = true, .min = 7, .align = TABLE_RIGHT },
	};
	int w[3];

	for (int width = 60; width <= 120; width++) {
		int cw = columns_natural(&cols[1], 9), lw = width - 3 - 2 * (cw + 1);
		w[0] = 0;
		w[1] = w[2] = cw;
		columns_widths(cols, 3, width, 3, w);
		ck_assert_int_eq(w[0], lw > 40 ? 40 : lw);
		ck_assert_int_eq(w[1], 9);
		ck_assert_int_eq(w[2], 9);
	}
	/* The least of a count. */
	ck_assert_int_eq(columns_natural(&cols[1], 3), 7);
}
END_TEST

/* The contacts of a status: every column as wide as its content, the last
 * growing. */
static const struct table_col fit_cols[] = {
	{ .fit = true }, { .fit = true }, { .fit = true }, { .fit = true, .grow = true },
};

START_TEST(room_left_over_goes_to_the_grow_column)
{
	int w[4] = { 10, 12, 5, 8 };

	columns_widths(fit_cols, 4, 60, 3, w);
	ck_assert_int_eq(w[0], 10);
	ck_assert_int_eq(w[1], 12);
	ck_assert_int_eq(w[2], 5);
	/* 60 - 3 - 3 separators - 27 */
	ck_assert_int_eq(w[3], 27);
}
END_TEST

START_TEST(too_wide_columns_give_up_a_column_at_a_time_widest_first)
{
	int w[4] = { 30, 30, 5, 8 };

	/* Room 60 - 3 - 3 = 54 for 73: 19 too many. The two widest take
	 * turns, the first of equal ones first. */
	columns_widths(fit_cols, 4, 60, 3, w);
	ck_assert_int_eq(w[0] + w[1] + w[2] + w[3], 54);
	ck_assert_int_eq(w[0], 20);
	ck_assert_int_eq(w[1], 21);
	ck_assert_int_eq(w[2], 5);
	ck_assert_int_eq(w[3], 8);
}
END_TEST

/* overviewscr.c's contacts layout before the table, as the reference:
 * every column as wide as its widest cell; when they do not fit, the
 * widest gives up a column at a time; room left over goes to the last. */
static void contacts_reference(const int *natural, int width, int *w)
{
	int room = width - 3 - 5, sum = 0;

	for (int k = 0; k < 6; k++)
		sum += w[k] = natural[k];
	while (sum > room) {
		int widest = 0;
		for (int k = 1; k < 6; k++)
			if (w[k] > w[widest])
				widest = k;
		if (w[widest] <= 2)
			break;
		w[widest]--;
		sum--;
	}
	if (sum < room)
		w[5] += room - sum;
}

START_TEST(contacts_rule_matches_the_old_contacts_layout_at_every_width)
{
	static const struct table_col cols[6] = {
		{ .fit = true }, { .fit = true }, { .fit = true }, { .fit = true },
		{ .fit = true }, { .fit = true, .grow = true },
	};
	static const int naturals[][6] = {
		{ 12, 14, 15, 11, 10, 8 },
		{ 14, 30, 25, 11, 10, 8 },
		{ 40, 40, 40, 40, 40, 40 },
		{ 4, 7, 6, 5, 6, 60 },
	};

	for (size_t s = 0; s < sizeof naturals / sizeof naturals[0]; s++)
		for (int width = 20; width <= 300; width++) {
			int w[6], want[6];
			for (int k = 0; k < 6; k++)
				w[k] = columns_natural(&cols[k], naturals[s][k]);
			columns_widths(cols, 6, width, 3, w);
			contacts_reference(naturals[s], width, want);
			for (int k = 0; k < 6; k++)
				ck_assert_msg(w[k] == want[k], "set %zu at %d: column %d is %d, want %d",
					      s, width, k, w[k], want[k]);
		}
}
END_TEST

START_TEST(shrinking_stops_at_two_columns_and_at_a_minimum)
{
	static const struct table_col cols[] = {
		{ .fit = true, .min = 10 }, { .fit = true },
	};
	int w[2] = { 10, 10 };

	columns_widths(cols, 2, 10, 3, w);
	ck_assert_int_eq(w[0], 10);
	ck_assert_int_eq(w[1], 2);
}
END_TEST

START_TEST(hidden_columns_take_no_room)
{
	static const struct table_col cols[] = {
		{ .width = 16 }, { .hidden = true, .filter = true }, { .grow = true },
	};
	int w[3] = { 16, 99, 0 };

	ck_assert_int_eq(columns_natural(&cols[1], 30), 0);
	columns_widths(cols, 3, 80, 2, w);
	ck_assert_int_eq(w[0], 16);
	ck_assert_int_eq(w[1], 0);
	ck_assert_int_eq(w[2], 80 - 2 - 17);
}
END_TEST

static Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("widths");

	tcase_add_test(tc, list_rule_halves_the_rest_between_name_and_description);
	tcase_add_test(tc, list_rule_matches_listscr_at_every_width);
	tcase_add_test(tc, list_rule_drops_the_description_and_gives_its_room_to_the_name);
	tcase_add_test(tc, share_is_clamped_to_its_maximum_and_the_grow_column_takes_the_rest);
	tcase_add_test(tc, share_without_grow_column_stays_within_its_maximum);
	tcase_add_test(tc, room_left_over_goes_to_the_grow_column);
	tcase_add_test(tc, too_wide_columns_give_up_a_column_at_a_time_widest_first);
	tcase_add_test(tc, contacts_rule_matches_the_old_contacts_layout_at_every_width);
	tcase_add_test(tc, shrinking_stops_at_two_columns_and_at_a_minimum);
	tcase_add_test(tc, hidden_columns_take_no_room);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(columns_suite()); }

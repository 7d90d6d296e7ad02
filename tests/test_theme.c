/* The themes' table (ui/theme.c): every theme name is known, the
 * colour-blind theme never sets red against green, states that colour
 * tells apart differ in every colour theme, and the mono theme underlines
 * the hotkeys. No terminal is needed: only the table is read. */
#include "config.h"

#include <check.h>

#include "curses.h"
#include "theme.h"
#include "testutil.h"

START_TEST(every_theme_name_is_known_and_others_are_not)
{
	static const char *const known[] = { "default", "mono", "colorblind", "light" };
	enum ui_theme t;

	for (int i = 0; i < 4; i++) {
		ck_assert_msg(theme_by_name(known[i], &t), "%s", known[i]);
		ck_assert_int_eq(t, i);
	}
	ck_assert(!theme_by_name("neon", &t));
	ck_assert(!theme_by_name("Mono", &t));
	ck_assert(!theme_by_name("", &t));
	ck_assert(!theme_by_name(NULL, &t));
	ck_assert_str_eq(theme_names(), "default, mono, colorblind, light");
}
END_TEST

static bool red_or_green(short c)
{
	return c == COLOR_RED || c == COLOR_GREEN;
}

START_TEST(colorblind_theme_uses_no_red_and_no_green)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_look *l = theme_look(THEME_COLORBLIND, (enum ui_role)r);
		ck_assert_msg(!red_or_green(l->fg) && !red_or_green(l->bg),
			      "role %d uses red or green (%d on %d)", r, l->fg, l->bg);
	}
}
END_TEST

/* Two roles look different in theme: colours or attributes. */
static bool differ(enum ui_theme t, enum ui_role a, enum ui_role b)
{
	const struct theme_look *x = theme_look(t, a), *y = theme_look(t, b);

	return x->fg != y->fg || x->bg != y->bg || x->attr != y->attr;
}

START_TEST(states_differ_in_every_theme)
{
	static const enum ui_role pairs[][2] = {
		{ ROLE_READY, ROLE_MISSING },
		{ ROLE_INFO, ROLE_ERROR },
		{ ROLE_NORMAL, ROLE_SELECTED },
		{ ROLE_NORMAL, ROLE_DELETED },
		{ ROLE_FIELD, ROLE_FOCUS },
		{ ROLE_FIELD, ROLE_DISABLED },
	};

	for (int t = 0; t < THEME_COUNT; t++)
		for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
			ck_assert_msg(differ((enum ui_theme)t, pairs[i][0], pairs[i][1]),
				      "theme %d: roles %d and %d look the same", t,
				      pairs[i][0], pairs[i][1]);
}
END_TEST

START_TEST(colorblind_ready_and_missing_are_blue_and_orange)
{
	ck_assert_int_eq(theme_look(THEME_COLORBLIND, ROLE_READY)->fg, COLOR_BLUE);
	ck_assert_int_eq(theme_look(THEME_COLORBLIND, ROLE_MISSING)->fg, THEME_ORANGE);
	ck_assert_int_eq(theme_look(THEME_COLORBLIND, ROLE_ERROR)->fg, THEME_ORANGE);
	ck_assert_int_eq(theme_look(THEME_COLORBLIND, ROLE_ERROR)->bg, COLOR_BLUE);
}
END_TEST

START_TEST(mono_theme_underlines_hotkeys)
{
	ck_assert(theme_look(THEME_MONO, ROLE_FOOTER_KEY)->attr & A_UNDERLINE);
	ck_assert(theme_look(THEME_COLORBLIND, ROLE_FOOTER_KEY)->attr & A_UNDERLINE);
}
END_TEST

START_TEST(light_theme_is_dark_on_light)
{
	const struct theme_look *n = theme_look(THEME_LIGHT, ROLE_NORMAL);

	ck_assert_int_eq(n->fg, COLOR_BLACK);
	ck_assert_int_eq(n->bg, COLOR_WHITE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, every_theme_name_is_known_and_others_are_not);
	tcase_add_test(tc, colorblind_theme_uses_no_red_and_no_green);
	tcase_add_test(tc, states_differ_in_every_theme);
	tcase_add_test(tc, colorblind_ready_and_missing_are_blue_and_orange);
	tcase_add_test(tc, mono_theme_underlines_hotkeys);
	tcase_add_test(tc, light_theme_is_dark_on_light);
	suite_add_tcase(s, tc);
	return tu_run(s);
}

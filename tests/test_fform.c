/* The form engine's keys (ui/fform.c) that need no terminal: a letter
 * picks a choice, cycling from no choice, refusals of disabled and locked
 * fields, and a change clearing the field's refusal. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "curses.h"
#include "fform.h"
#include "testutil.h"

static const char *const groups[] = {
	"Kunde", "Potenzieller Kunde", "Partner", "Verloren", "Andere",
};

static struct ui_key ch(wint_t c)
{
	return (struct ui_key){ .kind = UK_CHAR, .ch = c };
}

static struct ui_key code(int c)
{
	return (struct ui_key){ .kind = UK_CODE, .ch = (wint_t)c };
}

/* One field of kind on its own. */
static void one(struct fform *ff, struct fform_field *f, enum fform_kind kind)
{
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->label = "Field";
	if (kind == FF_CHOICE) {
		f->choices = groups;
		f->nchoices = 5;
	}
	*ff = (struct fform){ .f = f, .n = 1 };
}

static enum fform_result press(struct fform *ff, struct ui *ui, struct ui_key key)
{
	return fform_key(ff, ui, &key);
}

START_TEST(choice_letter_picks_the_next_choice_that_starts_with_it)
{
	struct ui ui;
	struct fform_field f;
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f, FF_CHOICE);
	ck_assert(fform_edits(&ff, &(struct ui_key){ .kind = UK_CHAR, .ch = 'p' }));
	ck_assert_int_eq(press(&ff, &ui, ch('p')), FF_CHANGED);
	ck_assert_int_eq(f.choice, 1);
	ck_assert_int_eq(press(&ff, &ui, ch('p')), FF_CHANGED);
	ck_assert_int_eq(f.choice, 2);
	/* Case-folded, and round to the first again. */
	ck_assert_int_eq(press(&ff, &ui, ch('P')), FF_CHANGED);
	ck_assert_int_eq(f.choice, 1);
	/* The only one with its letter stays; no match changes nothing. */
	f.choice = 3;
	ck_assert_int_eq(press(&ff, &ui, ch('v')), FF_IGNORED);
	ck_assert_int_eq(press(&ff, &ui, ch('x')), FF_IGNORED);
	ck_assert_int_eq(f.choice, 3);
}
END_TEST

START_TEST(choice_letter_folds_beyond_ascii)
{
	static const char *const names[] = { "Ost", "Öffentlich", "Straße" };
	struct ui ui;
	struct fform_field f;
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f, FF_CHOICE);
	f.choices = names;
	f.nchoices = 3;
	ck_assert_int_eq(press(&ff, &ui, ch(0xf6 /* ö */)), FF_CHANGED);
	ck_assert_int_eq(f.choice, 1);
}
END_TEST

START_TEST(choice_without_value_starts_at_either_end)
{
	struct ui ui;
	struct fform_field f;
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f, FF_CHOICE);
	f.choice = -1;
	ck_assert_int_eq(press(&ff, &ui, code(KEY_RIGHT)), FF_CHANGED);
	ck_assert_int_eq(f.choice, 0);
	f.choice = -1;
	ck_assert_int_eq(press(&ff, &ui, code(KEY_LEFT)), FF_CHANGED);
	ck_assert_int_eq(f.choice, 4);
	/* A letter looks from the top. */
	f.choice = -1;
	ck_assert_int_eq(press(&ff, &ui, ch('k')), FF_CHANGED);
	ck_assert_int_eq(f.choice, 0);
}
END_TEST

START_TEST(disabled_check_box_is_refused_with_its_refusal)
{
	struct ui ui;
	struct fform_field f;
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f, FF_CHECK);
	f.disabled = true;
	f.hint = "Only for Potential customer.";
	f.refusal = "Change the group first.";
	ck_assert_int_eq(press(&ff, &ui, ch(' ')), FF_IGNORED);
	ck_assert(!f.on);
	ck_assert_str_eq(ui.msg, "Change the group first.");
	ck_assert_int_eq(ui.msg_role, ROLE_ERROR);
	/* Without a refusal of its own, the hint says why. */
	f.refusal = NULL;
	press(&ff, &ui, ch(' '));
	ck_assert_str_eq(ui.msg, "Only for Potential customer.");
}
END_TEST

START_TEST(locked_field_is_refused_but_moves_on)
{
	struct ui ui;
	struct fform_field f[2];
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f[0], FF_CHECK);
	one(&ff, &f[1], FF_TEXT);
	ff = (struct fform){ .f = f, .n = 2 };
	f[0].on = f[0].locked = true;
	f[0].refusal = "Exactly one is the default.";
	ck_assert_int_eq(press(&ff, &ui, ch(' ')), FF_IGNORED);
	ck_assert(f[0].on);
	ck_assert_str_eq(ui.msg, "Exactly one is the default.");
	ck_assert_int_eq(press(&ff, &ui, ch('\t')), FF_MOVED);
	ck_assert_int_eq(ff.focus, 1);
}
END_TEST

START_TEST(change_clears_the_fields_refusal)
{
	struct ui ui;
	struct fform_field f;
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f, FF_CHOICE);
	strcpy(f.err, "Refused.");
	ck_assert_int_eq(press(&ff, &ui, code(KEY_RIGHT)), FF_CHANGED);
	ck_assert_str_eq(f.err, "");
	strcpy(f.err, "Refused.");
	fform_clear_errors(&ff);
	ck_assert_str_eq(f.err, "");
}
END_TEST

/* Tab passes the fields, then the buttons, then wraps; Left/Right move
 * between buttons; a button takes no edit. */
START_TEST(tab_reaches_the_buttons_after_the_fields)
{
	struct ui ui;
	struct fform_field f[2];
	struct fform ff;

	memset(&ui, 0, sizeof ui);
	one(&ff, &f[0], FF_TEXT);
	memset(&f[1], 0, sizeof f[1]);
	f[1].kind = FF_CHECK;
	ff.n = 2;
	ff.bt = (struct fform_buttons){ .label = { "OK", "Cancel" }, .n = 2 };
	ck_assert_int_eq(fform_button_focus(&ff), -1);
	ck_assert_int_eq(press(&ff, &ui, ch('\t')), FF_MOVED);
	ck_assert_int_eq(press(&ff, &ui, ch('\t')), FF_MOVED);
	ck_assert_int_eq(fform_button_focus(&ff), 0);
	ck_assert(!fform_edits(&ff, &(struct ui_key){ .kind = UK_CHAR, .ch = ' ' }));
	ck_assert_int_eq(press(&ff, &ui, code(KEY_RIGHT)), FF_MOVED);
	ck_assert_int_eq(fform_button_focus(&ff), 1);
	ck_assert_int_eq(press(&ff, &ui, ch('x')), FF_IGNORED);
	ck_assert_int_eq(press(&ff, &ui, ch('\t')), FF_MOVED);
	ck_assert_int_eq(ff.focus, 0);
	ck_assert_int_eq(press(&ff, &ui, code(KEY_BTAB)), FF_MOVED);
	ck_assert_int_eq(fform_button_focus(&ff), 1);
	ck_assert_int_eq(press(&ff, &ui, code(KEY_LEFT)), FF_MOVED);
	ck_assert_int_eq(fform_button_focus(&ff), 0);
}
END_TEST

/* A click's position finds the button and the field as last drawn. */
START_TEST(button_and_field_at_a_position)
{
	struct fform_field f[2];
	struct fform ff;

	one(&ff, &f[0], FF_TEXT);
	memset(&f[1], 0, sizeof f[1]);
	ff.n = 2;
	ff.x = 10;
	ff.w = 40;
	f[0].row = 5, f[0].rows = 2;
	f[1].row = 7, f[1].rows = 3;
	ff.bt = (struct fform_buttons){ .label = { "OK", "Cancel" }, .n = 2,
		.y = 11, .x = { 20, 28 }, .w = { 6, 10 } };
	ck_assert_int_eq(fform_button_at(&ff, 11, 20), 0);
	ck_assert_int_eq(fform_button_at(&ff, 11, 25), 0);
	ck_assert_int_eq(fform_button_at(&ff, 11, 26), -1);
	ck_assert_int_eq(fform_button_at(&ff, 11, 37), 1);
	ck_assert_int_eq(fform_button_at(&ff, 11, 38), -1);
	ck_assert_int_eq(fform_button_at(&ff, 10, 21), -1);
	ck_assert_int_eq(fform_field_at(&ff, 6, 10), 0);
	ck_assert_int_eq(fform_field_at(&ff, 9, 49), 1);
	ck_assert_int_eq(fform_field_at(&ff, 9, 50), -1);
	ck_assert_int_eq(fform_field_at(&ff, 10, 12), -1);
	ck_assert_int_eq(fform_field_at(&ff, 4, 12), -1);
}
END_TEST

static Suite *fform_suite(void)
{
	Suite *s = suite_create("fform");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, choice_letter_picks_the_next_choice_that_starts_with_it);
	tcase_add_test(tc, choice_letter_folds_beyond_ascii);
	tcase_add_test(tc, choice_without_value_starts_at_either_end);
	tcase_add_test(tc, disabled_check_box_is_refused_with_its_refusal);
	tcase_add_test(tc, locked_field_is_refused_but_moves_on);
	tcase_add_test(tc, change_clears_the_fields_refusal);
	tcase_add_test(tc, tab_reaches_the_buttons_after_the_fields);
	tcase_add_test(tc, button_and_field_at_a_position);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(fform_suite()); }

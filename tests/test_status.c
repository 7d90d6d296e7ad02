/* Refusal messages: whole when they fit; when they do not, the arguments
 * give up their ends (at a character, marked with …) and the reason stays. */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "rights.h"
#include "status.h"
#include "testutil.h"
#include "text.h"

#define DUPLICATE_REASON "' is already in this list (names are compared without regard to case)"
#define ELLIPSIS "\xe2\x80\xa6"

/* n copies of the UTF-8 character ch (caller frees). */
static char *repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch), i;
	char *s = malloc(len * n + 1);

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[len * n] = '\0';
	return s;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

static void assert_valid(const char *msg)
{
	ck_assert_msg(text_utf8_valid(msg, strlen(msg)), "not valid UTF-8: %s", msg);
	ck_assert_uint_lt(strlen(msg), sizeof(((struct la_err *)0)->msg));
}

static size_t vformat(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static size_t vformat(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = la_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(message_that_fits_is_whole)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_eq(la_fail(&err, LA_REFUSED, LA_FIELD_NAME, "'%s' (%d, %ld) %5.1f%%",
				 "Öffentlich", -3, 70000L, 2.25), LA_REFUSED);
	ck_assert_str_eq(err.msg, "'Öffentlich' (-3, 70000)   2.2%");
	ck_assert_int_eq(err.status, LA_REFUSED);
	ck_assert_int_eq(err.field, LA_FIELD_NAME);
}
END_TEST

START_TEST(refusal_with_239_four_byte_characters_keeps_its_reason)
{
	char *name = repeat("\xf0\x9f\x98\x80", 239); /* U+1F600, 956 bytes */
	struct la_err err;
	size_t kept;

	la_err_clear(&err);
	la_fail(&err, LA_REFUSED, LA_FIELD_NAME, "The name '%s" DUPLICATE_REASON, name);
	assert_valid(err.msg);
	ck_assert_msg(strncmp(err.msg, "The name '", 10) == 0, "%s", err.msg);
	ck_assert_msg(ends_with(err.msg, ELLIPSIS DUPLICATE_REASON), "reason lost: %s", err.msg);
	/* As much of the name as fits, whole characters only. */
	kept = strlen(err.msg) - 10 - strlen(ELLIPSIS DUPLICATE_REASON);
	ck_assert_uint_eq(kept % 4, 0);
	ck_assert_uint_gt(kept, 400);
	ck_assert(strncmp(err.msg + 10, name, kept) == 0);
	ck_assert_uint_gt(strlen(err.msg), sizeof(err.msg) - 8);
	free(name);
}
END_TEST

/* The same refusal as the domain gives it for a second item of that name. */
START_TEST(duplicate_of_a_239_character_name_says_why)
{
	struct db *db = tu_db("en");
	char *name = repeat("\xf0\x9f\x98\x80", 239);
	struct la_actor admin;
	struct la_item item;
	struct la_err err;

	tu_category(db, name, GROUP_POTENTIAL_CUSTOMER, true);
	tu_admin(db, &admin);
	lists_item_init(&item, LIST_CATEGORY);
	free(item.name);
	item.name = strdup(name);
	item.group = GROUP_POTENTIAL_CUSTOMER;
	la_err_clear(&err);
	ck_assert_int_eq(lists_save(db, &admin, &item, CONFIRM_YES, &err), LA_REFUSED);
	assert_valid(err.msg);
	ck_assert_msg(strstr(err.msg, "already in this list") != NULL, "reason lost: %s", err.msg);
	ck_assert_msg(strstr(err.msg, ELLIPSIS) != NULL, "no mark where the name was cut: %s", err.msg);
	lists_item_clear(&item);
	free(name);
	db_close(db);
}
END_TEST

START_TEST(name_far_longer_than_the_buffer_keeps_the_reason)
{
	char *name = repeat("\xc3\xa4", 50000); /* ä, 100000 bytes */
	struct la_err err;

	la_err_clear(&err);
	la_fail(&err, LA_REFUSED, LA_FIELD_NAME, "The name '%s" DUPLICATE_REASON, name);
	assert_valid(err.msg);
	ck_assert_msg(ends_with(err.msg, ELLIPSIS DUPLICATE_REASON), "reason lost: %s", err.msg);
	free(name);
}
END_TEST

START_TEST(longest_argument_gives_up_first)
{
	char *longer = repeat("x", 2000), *shorter = repeat("y", 150);
	char buf[512];

	vformat(buf, sizeof(buf), "[%s] and [%s] differ", longer, shorter);
	assert_valid(buf);
	ck_assert_msg(strstr(buf, shorter) != NULL, "the shorter one was cut: %s", buf);
	ck_assert_msg(strstr(buf, "x" ELLIPSIS "] and [y") != NULL, "%s", buf);
	ck_assert_msg(ends_with(buf, "] differ"), "%s", buf);
	/* Two long ones share what is left. */
	free(shorter);
	shorter = repeat("y", 1500);
	vformat(buf, sizeof(buf), "[%s] and [%s] differ", longer, shorter);
	assert_valid(buf);
	ck_assert_msg(strstr(buf, "x" ELLIPSIS "] and [y") != NULL, "%s", buf);
	ck_assert_msg(ends_with(buf, "y" ELLIPSIS "] differ"), "%s", buf);
	ck_assert_uint_gt(strlen(buf), 500);
	free(longer);
	free(shorter);
}
END_TEST

START_TEST(numbers_and_widths_stay_whole_when_names_are_cut)
{
	char *name = repeat("\xe2\x82\xac", 400); /* €, 1200 bytes */
	char buf[256];

	vformat(buf, sizeof(buf), "%s: %d, %-4ld|, %05.1f, %zu, %lld, %*d, %.*s, %x",
		name, -42, 7L, 3.14159, (size_t)99, 1LL << 40, 6, 12, 3, "abcdef", 255u);
	assert_valid(buf);
	ck_assert_msg(ends_with(buf, ELLIPSIS ": -42, 7   |, 003.1, 99, 1099511627776,     12, abc, ff"),
		      "%s", buf);
	free(name);
}
END_TEST

/* The German catalogue may reorder arguments ("%2$s ... %1$s"). */
START_TEST(positional_arguments_are_shortened_too)
{
	static const char head[] = "Liste Kategorie: der Name „\xf0\x9f\x98\x80";
	char *name = repeat("\xf0\x9f\x98\x80", 239);
	char buf[512];

	vformat(buf, sizeof(buf), "Liste %2$s: der Name „%1$s“ ist vergeben (%3$d)", name, "Kategorie", 7);
	assert_valid(buf);
	ck_assert_msg(strncmp(buf, head, strlen(head)) == 0, "%s", buf);
	ck_assert_msg(ends_with(buf, ELLIPSIS "“ ist vergeben (7)"), "%s", buf);
	free(name);
}
END_TEST

START_TEST(a_format_too_long_itself_is_cut_at_a_character)
{
	char buf[10];
	size_t n;

	n = vformat(buf, sizeof(buf), "%s", "äöüäöüäöü");
	ck_assert_str_eq(buf, "äöü" ELLIPSIS);
	ck_assert_uint_eq(n, 9);
	n = vformat(buf, sizeof(buf), "äöüäöü%d", 1);
	ck_assert_str_eq(buf, "äöüä");
	ck_assert_uint_eq(n, 8);
}
END_TEST

START_TEST(message_may_quote_the_message_before)
{
	char *name = repeat("\xc3\xb6", 300);
	struct la_err err;

	la_err_clear(&err);
	la_fail(&err, LA_REFUSED, LA_FIELD_NAME, "'%s' is too long", name);
	la_fail(&err, LA_DB, LA_FIELD_NONE, "import.json: %s; nothing was imported", err.msg);
	assert_valid(err.msg);
	ck_assert_msg(strncmp(err.msg, "import.json: '\xc3\xb6", 16) == 0, "%s", err.msg);
	ck_assert_msg(ends_with(err.msg, "; nothing was imported"), "%s", err.msg);
	ck_assert_int_eq(err.status, LA_DB);
	free(name);
}
END_TEST

static Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("messages");

	tcase_add_test(tc, message_that_fits_is_whole);
	tcase_add_test(tc, refusal_with_239_four_byte_characters_keeps_its_reason);
	tcase_add_test(tc, duplicate_of_a_239_character_name_says_why);
	tcase_add_test(tc, name_far_longer_than_the_buffer_keeps_the_reason);
	tcase_add_test(tc, longest_argument_gives_up_first);
	tcase_add_test(tc, numbers_and_widths_stay_whole_when_names_are_cut);
	tcase_add_test(tc, positional_arguments_are_shortened_too);
	tcase_add_test(tc, a_format_too_long_itself_is_cut_at_a_character);
	tcase_add_test(tc, message_may_quote_the_message_before);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(status_suite()); }

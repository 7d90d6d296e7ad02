/* la_strdup and la_reserve (src/mem.c). */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "testutil.h"

START_TEST(strdup_copies_and_takes_null_as_empty)
{
	char *a = la_strdup("Lead"), *b = la_strdup(NULL);

	ck_assert_str_eq(a, "Lead");
	ck_assert_str_eq(b, "");
	free(a);
	free(b);
}
END_TEST

START_TEST(reserve_grows_from_first_then_doubles)
{
	int64_t *v = NULL;
	size_t n, cap = 0, caps[4] = { 0 }, k = 0;

	for (n = 0; n < 40; n++) {
		size_t before = cap;

		LA_RESERVE(v, n, cap, 8);
		ck_assert_uint_gt(cap, n);
		if (cap != before)
			caps[k++] = cap;
		v[n] = (int64_t)n * 3;
	}
	/* 8, 16, 32, 64: grown only when full, never more than twice */
	ck_assert_uint_eq(k, 4);
	ck_assert_uint_eq(caps[0], 8);
	ck_assert_uint_eq(caps[1], 16);
	ck_assert_uint_eq(caps[2], 32);
	ck_assert_uint_eq(caps[3], 64);
	for (n = 0; n < 40; n++)
		ck_assert_int_eq(v[n], (int64_t)n * 3);
	free(v);
}
END_TEST

START_TEST(reserve_leaves_an_array_with_room_alone)
{
	char *v = malloc(4), *was = v;
	size_t cap = 4;

	ck_assert_ptr_nonnull(v);
	LA_RESERVE(v, 3, cap, 16);
	ck_assert_ptr_eq(v, was);
	ck_assert_uint_eq(cap, 4);
	free(v);
}
END_TEST

START_TEST(reserve_of_an_impossible_size_aborts)
{
	struct big { char b[1 << 20]; } *v = NULL;
	size_t cap = (size_t)1 << (sizeof(size_t) * 8 - 21);

	/* Twice cap elements of 1 MiB are exactly 2^64 bytes (on 64 bits),
	 * which wraps to 0: abort, never a short array that the caller
	 * would write past. */
	LA_RESERVE(v, cap, cap, 8);
	free(v);
}
END_TEST

static Suite *mem_suite(void)
{
	Suite *s = suite_create("mem");
	TCase *tc = tcase_create("mem");

	tcase_add_test(tc, strdup_copies_and_takes_null_as_empty);
	tcase_add_test(tc, reserve_grows_from_first_then_doubles);
	tcase_add_test(tc, reserve_leaves_an_array_with_room_alone);
	/* Only where each test runs in a child of its own: without fork
	 * (valgrind.sh sets CK_FORK=no) the abort would end the whole run. */
	if (!getenv("CK_FORK") || strcmp(getenv("CK_FORK"), "no") != 0)
		tcase_add_test_raise_signal(tc, reserve_of_an_impossible_size_aborts, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(mem_suite());
}

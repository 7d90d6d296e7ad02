/* Fuzz target: name and description validation (lists_check_name,
 * lists_check_tooltip) and the text functions that put stored text on a
 * terminal (text_visible, text_fit, text_width) or compare names
 * (text_fold, text_same_name). Each result is checked against what the
 * functions promise; a broken promise aborts. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "lists.h"
#include "text.h"

/* Valid UTF-8 with nothing a terminal would act on: no C0 byte, no DEL,
 * no C1 control (U+0080..U+009F, encoded as C2 80..C2 9F). */
static void check_safe(const char *s)
{
	size_t i, len = strlen(s);

	FUZZ_CHECK(text_utf8_valid(s, len));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		FUZZ_CHECK(c >= 0x20 && c != 0x7F);
		if (c == 0xC2 && i + 1 < len)
			FUZZ_CHECK((unsigned char)s[i + 1] > 0x9F);
	}
}

static void check_name(enum la_list list, const char *s, size_t max, bool required)
{
	char *clean = NULL, *again = NULL;
	struct la_err err;
	enum la_status rc;

	la_err_clear(&err);
	rc = required ? lists_check_name(list, s, &clean, &err)
		      : lists_check_tooltip(s, &clean, &err);
	if (rc != LA_OK) {
		FUZZ_CHECK(rc == LA_REFUSED && clean == NULL && err.msg[0]);
		return;
	}
	FUZZ_CHECK(clean != NULL);
	FUZZ_CHECK(text_utf8_valid(clean, strlen(clean)));
	FUZZ_CHECK(!text_has_control(clean));
	FUZZ_CHECK(text_chars(clean) <= max);
	FUZZ_CHECK(!required || (*clean && !text_has_invisible(clean)));
	FUZZ_CHECK(strlen(clean) <= strlen(s));
	/* A clean name is accepted as it is. */
	rc = required ? lists_check_name(list, clean, &again, &err)
		      : lists_check_tooltip(clean, &again, &err);
	FUZZ_CHECK(rc == LA_OK && strcmp(clean, again) == 0);
	free(again);
	free(clean);
}

static void check_fit(const char *s, int cols)
{
	int want = cols < 0 ? 0 : cols;
	char *fit = text_fit(s, cols, false);
	char *pad = text_fit(s, cols, true);

	check_safe(fit);
	check_safe(pad);
	FUZZ_CHECK(text_width(fit) <= want);
	FUZZ_CHECK(text_width(pad) == want);
	/* What fits is kept whole. */
	if (cols > 0 && text_width(s) <= cols) {
		char *vis = text_visible(s);

		FUZZ_CHECK(strcmp(fit, vis) == 0);
		free(vis);
	}
	free(fit);
	free(pad);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { -1, 0, 1, 2, 3, 4, 7, 10, 20, 40, 80 };
	char *s = fuzz_str(data, size);
	char *vis, *fold, *fold2, *trim;
	size_t i;

	check_name(LIST_CATEGORY, s, LISTS_NAME_MAX, true);
	check_name(LIST_LEADSTATUS, s, LISTS_NAME_MAX, true);
	check_name(LIST_CATEGORY, s, LISTS_TOOLTIP_MAX, false);

	vis = text_visible(s);
	check_safe(vis);
	FUZZ_CHECK(text_width(vis) == text_width(s));
	if (text_utf8_valid(s, strlen(s)) && !text_has_control(s))
		FUZZ_CHECK(strcmp(vis, s) == 0);
	free(vis);

	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		check_fit(s, widths[i]);
	FUZZ_CHECK(text_width(s) >= 0);

	fold = text_fold(s);
	fold2 = text_fold(fold);
	FUZZ_CHECK(strcmp(fold, fold2) == 0);
	FUZZ_CHECK(text_same_name(s, s));
	FUZZ_CHECK(text_same_name(s, fold));
	FUZZ_CHECK(text_utf8_valid(fold, strlen(fold)));
	free(fold);
	free(fold2);

	trim = text_trim(s);
	FUZZ_CHECK(strlen(trim) <= strlen(s));
	free(trim);

	/* Two names at once: the halves of the input. */
	if (size > 1) {
		char *a = fuzz_str(data, size / 2);
		char *b = fuzz_str(data + size / 2, size - size / 2);

		FUZZ_CHECK(text_same_name(a, b) == text_same_name(b, a));
		free(a);
		free(b);
	}
	free(s);
	return 0;
}

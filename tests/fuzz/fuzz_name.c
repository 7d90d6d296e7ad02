/* Fuzz target: name and description validation (lists_check_name,
 * lists_check_tooltip) and the text functions that put stored text on a
 * terminal (text_visible, text_fit, text_width, under a UTF-8 locale and
 * under C) or compare names (text_fold, text_same_name, text_nfc). Each
 * result is checked against what the functions promise; a broken promise
 * aborts. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <utf8proc.h>

#include "fuzz.h"
#include "scan.h"
#include "lists.h"
#include "text.h"

/* Valid UTF-8 with nothing a terminal would act on or hide (scan.h), on
 * one line. */
static void check_safe(const char *s)
{
	size_t at;

	FUZZ_CHECK(text_utf8_valid(s, strlen(s)));
	FUZZ_CHECK(scan_output(s, strlen(s), false, &at) == NULL);
	FUZZ_CHECK(!strchr(s, '\n'));
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
	/* Cleaning only takes away, except that a name is put in NFC, and NFC
	 * may spell a character longer (U+0344 is U+0308 U+0301; UAX #15
	 * bounds the growth at three times the UTF-8 length). */
	FUZZ_CHECK(strlen(clean) <= (required ? 3 * strlen(s) : strlen(s)));
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

/* The uniqueness key: stable, in NFC, the same for every canonically
 * equivalent spelling. */
static void check_fold(const char *s)
{
	char *fold = text_fold(s), *again = text_fold(fold);
	char *nfc = text_nfc(s), *nfc2 = text_nfc(nfc), *fold_nfc = text_nfc(fold);
	utf8proc_uint8_t *nfd = utf8proc_NFD((const utf8proc_uint8_t *)s);

	FUZZ_CHECK(strcmp(fold, again) == 0);
	FUZZ_CHECK(strcmp(fold, fold_nfc) == 0);
	FUZZ_CHECK(text_utf8_valid(fold, strlen(fold)));
	FUZZ_CHECK(text_same_name(s, s));
	FUZZ_CHECK(text_same_name(s, fold));
	FUZZ_CHECK(text_utf8_valid(nfc, strlen(nfc)));
	FUZZ_CHECK(strcmp(nfc, nfc2) == 0);
	FUZZ_CHECK(text_same_name(s, nfc));
	/* utf8proc refuses what is not UTF-8; text_fold repairs it first */
	FUZZ_CHECK(nfd || !text_utf8_valid(s, strlen(s)));
	if (nfd)
		FUZZ_CHECK(text_same_name(s, (const char *)nfd));
	free(nfd);
	free(fold);
	free(again);
	free(nfc);
	free(nfc2);
	free(fold_nfc);
}

/* What reaches the terminal: safe, measured, cut to its columns. */
static void check_display(const char *s)
{
	static const int widths[] = { -1, 0, 1, 2, 3, 4, 7, 10, 20, 40, 80 };
	char *vis = text_visible(s);
	size_t i;

	check_safe(vis);
	FUZZ_CHECK(text_width(vis) == text_width(s));
	if (text_utf8_valid(s, strlen(s)) && !text_has_control(s) && !text_has_invisible(s))
		FUZZ_CHECK(strcmp(vis, s) == 0);
	/* The visible form is its own visible form. */
	{
		char *again = text_visible(vis);

		FUZZ_CHECK(strcmp(again, vis) == 0);
		free(again);
	}
	free(vis);

	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		check_fit(s, widths[i]);
	FUZZ_CHECK(text_width(s) >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	char *trim;

	check_name(LIST_CATEGORY, s, LISTS_NAME_MAX, true);
	check_name(LIST_LEADSTATUS, s, LISTS_NAME_MAX, true);
	check_name(LIST_CATEGORY, s, LISTS_TOOLTIP_MAX, false);

	/* Widths come from wcwidth under UTF-8 and from utf8proc under C. */
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		check_display(s);
	setlocale(LC_CTYPE, "C");
	check_display(s);

	check_fold(s);

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

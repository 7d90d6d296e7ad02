/* Fuzz target: multi-language names in SuperOffice's notation (mlname.c)
 * and rule 3 on them (lists_check_name). Any input is either a plain name
 * or in the notation; a parse formats back to the same bytes; the value
 * shown is one of the parsed values, or the text itself; setting a
 * language keeps the others. A broken promise aborts. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "lists.h"
#include "mlname.h"
#include "text.h"

static void check_parse(const char *s)
{
	struct mlname ml;
	bool is = mlname_parse(s, &ml);
	char buf[64], big[4096];
	const char *shown;

	FUZZ_CHECK(is == (ml.n > 0));
	FUZZ_CHECK(is == mlname_is(s));
	FUZZ_CHECK(ml.n <= MLNAME_MAX);
	if (!is) {
		FUZZ_CHECK(mlname_shown(s, "en", big, sizeof big) == s);
		FUZZ_CHECK(mlname_pick(&ml, "US") == -1);
		return;
	}
	{
		char *f = mlname_format(&ml);

		FUZZ_CHECK(strcmp(f, s) == 0);
		free(f);
	}
	for (size_t i = 0; i < ml.n; i++) {
		FUZZ_CHECK(ml.v[i].code[0] >= 'A' && ml.v[i].code[0] <= 'Z');
		FUZZ_CHECK(ml.v[i].code[1] >= 'A' && ml.v[i].code[1] <= 'Z');
		FUZZ_CHECK(!memchr(ml.v[i].value, '"', ml.v[i].len));
	}
	/* The value shown is one of the values, cut whole-character. */
	shown = mlname_shown(s, "de", big, sizeof big);
	{
		int k = mlname_pick(&ml, "GE");

		FUZZ_CHECK(k >= 0 && (size_t)k < ml.n);
		if (ml.v[k].len < sizeof big)
			FUZZ_CHECK(strlen(shown) == ml.v[k].len &&
				   memcmp(shown, ml.v[k].value, ml.v[k].len) == 0);
	}
	shown = mlname_shown(s, "en", buf, sizeof buf);
	FUZZ_CHECK(strlen(shown) < sizeof buf);
	/* The values, joined, hold no quote. */
	{
		char *v = mlname_values(s);

		FUZZ_CHECK(!strchr(v, '"'));
		free(v);
	}
}

static void check_set(const char *s, const char *value)
{
	char *t = strdup(s);
	struct mlname before, after;
	bool had = mlname_parse(s, &before);

	if (!t)
		abort();
	if (!mlname_set(&t, "GE", value, "US")) {
		FUZZ_CHECK(strcmp(t, s) == 0);
		free(t);
		return;
	}
	/* The result is in the notation (or empty), GE holds value once, and
	 * every other language of a parsed name keeps its value. */
	FUZZ_CHECK(mlname_parse(t, &after) || !*t);
	if (value && *value) {
		int k = mlname_find(&after, "GE");

		FUZZ_CHECK(k >= 0 && after.v[k].len == strlen(value) &&
			   memcmp(after.v[k].value, value, after.v[k].len) == 0);
		for (size_t j = (size_t)k + 1; j < after.n; j++)
			FUZZ_CHECK(strcmp(after.v[j].code, "GE") != 0);
	} else {
		FUZZ_CHECK(mlname_find(&after, "GE") < 0);
	}
	for (size_t i = 0; had && i < before.n; i++)
		if (strcmp(before.v[i].code, "GE") != 0)
			FUZZ_CHECK(mlname_find(&after, before.v[i].code) >= 0);
	free(t);
}

static void check_rule3(const char *s)
{
	char *clean = NULL, *again = NULL;
	struct la_err err;
	struct mlname ml;

	la_err_clear(&err);
	if (lists_check_name(LIST_CATEGORY, s, &clean, &err) != LA_OK)
		return;
	FUZZ_CHECK(text_chars(clean) <= LISTS_NAME_MAX);
	if (mlname_parse(clean, &ml))
		for (size_t i = 0; i < ml.n; i++) {
			FUZZ_CHECK(ml.v[i].len > 0);
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(strcmp(ml.v[i].code, ml.v[j].code) != 0);
		}
	FUZZ_CHECK(lists_check_name(LIST_CATEGORY, clean, &again, &err) == LA_OK &&
		   strcmp(clean, again) == 0);
	free(again);
	free(clean);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	check_parse(s);
	check_rule3(s);
	if (size > 1) {
		char *a = fuzz_str(data, size / 2);
		char *b = fuzz_str(data + size / 2, size - size / 2);

		check_set(a, b);
		check_set(a, NULL);
		free(a);
		free(b);
	}
	free(s);
	return 0;
}

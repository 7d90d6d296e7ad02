/* Fuzz target: the flat JSON reader (jsonflat_read) against jansson
 * (jsonread_load). Invariant: both refuse the input, or both accept it with
 * the same values; the same holds for the input as the value of a member
 * ({"w":INPUT}), where scalars and nested objects are kept. The reader is
 * reused from input to input, as submit reuses it from line to line. */
#include "config.h"

#include "fuzz.h"
#include "jsonflat_agree.h"

static struct jsonflat flat;

static void free_flat(void)
{
	jsonflat_free(&flat);
}

static void agree(const char *text, size_t len)
{
	char why[200] = "";

	if (!jsonflat_agree(&flat, text, len, why, sizeof(why))) {
		fprintf(stderr, "jsonflat and jansson disagree: %s\n", why);
		FUZZ_CHECK(!"the reader agrees with jansson");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	char *wrapped;

	if (!once) {
		once = 1;
		atexit(free_flat);
	}
	agree((const char *)data, size);
	wrapped = malloc(size + 6);
	if (!wrapped)
		abort();
	memcpy(wrapped, "{\"w\":", 5);
	memcpy(wrapped + 5, data, size);
	wrapped[size + 5] = '}';
	agree(wrapped, size + 6);
	free(wrapped);
	return 0;
}

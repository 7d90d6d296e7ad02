#include "config.h"
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *la_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

char *la_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		abort();
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void *la_reserve(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t want;

	if (n < *cap)
		return v;
	want = *cap ? *cap : (first ? first : 1);
	while (want <= n) {
		if (want > SIZE_MAX / 2)
			abort();
		want *= 2;
	}
	if (want > SIZE_MAX / size || !(v = realloc(v, want * size)))
		abort();
	*cap = want;
	return v;
}

/* Memory: a copy of a string and room for one more element of a growing
 * array. When memory runs out these abort, as the rest of leadadmin does:
 * an administration tool that cannot allocate a few bytes cannot go on
 * safely, and a half-made change is rolled back by the database. */
#ifndef LA_MEM_H
#define LA_MEM_H

#include <stddef.h>

/* A newly allocated copy of s; "" for NULL. */
char *la_strdup(const char *s);
/* A newly allocated copy of the n bytes at s (which need no NUL). */
char *la_strndup(const char *s, size_t n);

/* Makes room at index n of the array v of *cap elements of size bytes:
 * when n has reached *cap, the array grows (to first elements, then to
 * twice as many) and *cap with it. Returns the array, perhaps moved. */
void *la_reserve(void *v, size_t *cap, size_t n, size_t size, size_t first);

/* LA_RESERVE(v, n, cap, first): la_reserve for the array v (any element
 * type), then v[n] may be written. */
#define LA_RESERVE(v, n, cap, first) \
	((v) = la_reserve((v), &(cap), (n), sizeof(*(v)), (first)))

#endif

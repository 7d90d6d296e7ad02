/* One JSON text read into a flat view, without building a tree: the
 * top-level value and, for an object, its members and the members of the
 * objects among them. Anything deeper, and the elements of arrays, is
 * checked and skipped; its kind is kept. It accepts exactly the texts that
 * jsonread_load accepts and gives the same values; it has no messages:
 * when it refuses a text, jsonread_load says why. Decoded strings live in
 * one buffer that the next jsonflat_read reuses. */
#ifndef LA_JSONFLAT_H
#define LA_JSONFLAT_H

#include <stdbool.h>
#include <stddef.h>

enum jsonflat_kind {
	JSONFLAT_NULL,
	JSONFLAT_FALSE,
	JSONFLAT_TRUE,
	JSONFLAT_INTEGER,
	JSONFLAT_REAL,
	JSONFLAT_STRING,
	JSONFLAT_OBJECT,
	JSONFLAT_ARRAY
};

struct jsonflat_member {
	const char *key;         /* decoded, NUL-terminated */
	size_t key_len;
	enum jsonflat_kind kind;
	const char *str;         /* JSONFLAT_STRING: decoded, NUL-terminated */
	size_t len;
	long long integer;       /* JSONFLAT_INTEGER */
	double real;             /* JSONFLAT_REAL */
	size_t count;            /* an object among the top-level members: its
				  * members, which follow this one */
	size_t key_off, str_off; /* where key and str are in the buffer */
};

struct jsonflat {
	enum jsonflat_kind kind; /* the top-level value: an object or array */
	struct jsonflat_member *m;
	size_t nm, mcap;
	char *buf;
	size_t blen, bcap;
	struct jsonflat_key *keys;
	size_t nkeys, kcap;
};

/* An empty reader; jsonflat_free releases what it holds. */
void jsonflat_init(struct jsonflat *f);
void jsonflat_free(struct jsonflat *f);
/* Reads len bytes of text; false when jsonread_load would refuse it. */
bool jsonflat_read(struct jsonflat *f, const char *text, size_t len);
/* The member key of the top-level object (obj NULL) or of the object obj
 * among its members; NULL when there is none. */
const struct jsonflat_member *jsonflat_get(const struct jsonflat *f,
					   const struct jsonflat_member *obj,
					   const char *key);
/* The same for the key that is prefix followed by key. */
const struct jsonflat_member *jsonflat_get_prefixed(const struct jsonflat *f,
						    const struct jsonflat_member *obj,
						    const char *prefix, const char *key);

#endif

/* UTM tracking data from a web form: the utm_* parameters of the page's
 * address (or given explicitly) and the referrer's domain. Pure functions,
 * no database. */
#ifndef LA_UTM_H
#define LA_UTM_H

#include <stdbool.h>
#include <stddef.h>

/* SuperOffice keeps at most 255 characters of each value. */
#define UTM_VALUE_MAX 255

enum utm_key {
	UTM_SOURCE,
	UTM_MEDIUM,
	UTM_CAMPAIGN,
	UTM_TERM,
	UTM_CONTENT,
	UTM_KEYS
};

struct utm {
	/* Newly allocated values; NULL when the parameter is missing. */
	char *value[UTM_KEYS];
	char *referrerdomain;
	char *when;   /* ISO 8601 time of the visit, or NULL */
};

/* "source", "medium", ... (the column suffixes). */
const char *utm_key_name(enum utm_key key);

void utm_clear(struct utm *u);
/* True when no value at all is set. */
bool utm_empty(const struct utm *u);

/* Fills the values that u does not have yet from the query string of url:
 * percent-decoding, '+' as a space, parameter names case-insensitive, the
 * first of a repeated parameter wins. */
void utm_from_url(struct utm *u, const char *url);

/* Sets key to value (decoded already) unless u has it; the value is cleaned
 * as all UTM values are. */
void utm_set(struct utm *u, enum utm_key key, const char *value);

/* A value cleaned for storage (newly allocated, NULL when empty): invalid
 * UTF-8 becomes U+FFFD, control characters are dropped, white space at the
 * ends is trimmed, and at most UTM_VALUE_MAX characters are kept. */
char *utm_clean(const char *value);

/* The host of a URL in lower case, without port and user information
 * (newly allocated; NULL when there is none). */
char *utm_domain(const char *url);

/* The key under which `leadadmin utm values` groups variants of a value
 * (newly allocated): text_fold (Unicode case folding, NFC); a trailing
 * ".com" cut off when something comes before it; each run of '-', '_'
 * and white space one '-', none at either end. "Google", "google" and
 * "google.com" give "google"; "google-ads", "Google_Ads" and "google ads"
 * give "google-ads". A value that would give "" keeps its folded form. */
char *utm_group_key(const char *value);

/* Percent-decodes s (with '+' as a space when plus is true). */
char *utm_decode(const char *s, size_t len, bool plus);

#endif

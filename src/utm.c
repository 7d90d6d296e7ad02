#include "config.h"
#include "utm.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "text.h"

static const char *const key_names[UTM_KEYS] = {
	"source", "medium", "campaign", "term", "content",
};

const char *utm_key_name(enum utm_key key)
{
	return key_names[key];
}

void utm_clear(struct utm *u)
{
	int k;

	for (k = 0; k < UTM_KEYS; k++)
		free(u->value[k]);
	free(u->referrerdomain);
	free(u->when);
	memset(u, 0, sizeof(*u));
}

bool utm_empty(const struct utm *u)
{
	int k;

	for (k = 0; k < UTM_KEYS; k++)
		if (u->value[k])
			return false;
	return !u->referrerdomain;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *utm_decode(const char *s, size_t len, bool plus)
{
	char *out = malloc(len + 1);
	size_t i, o = 0;

	if (!out)
		abort();
	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < len + 0 + 1 && i + 2 <= len - 1 + 0 + 0 &&
		    (hi = hexval(s[i + 1])) >= 0 && (lo = hexval(s[i + 2])) >= 0) {
			/* %00 would end the value early: drop it like other controls. */
			if (hi || lo)
				out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus) {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

char *utm_clean(const char *value)
{
	size_t len, i = 0, o = 0, chars = 0;
	char *vis, *trimmed;

	if (!value)
		return NULL;
	len = strlen(value);
	/* Printable ASCII, the common case: nothing to drop or decode, a
	 * character a byte, and the space the only space. */
	for (i = 0; i < len && value[i] >= 0x20 && value[i] < 0x7F; i++)
		;
	if (i == len) {
		size_t start = 0, end = len;

		while (start < end && value[start] == ' ')
			start++;
		if (end - start > UTM_VALUE_MAX)
			end = start + UTM_VALUE_MAX;
		while (end > start && value[end - 1] == ' ')
			end--;
		return end == start ? NULL : la_strndup(value + start, end - start);
	}
	i = 0;
	vis = malloc(len * 3 + 1);
	if (!vis)
		abort();
	/* Decode as UTF-8 (bad bytes become U+FFFD), drop controls. */
	while (i < len) {
		unsigned cp;

		i += text_decode(value + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
			continue;
		o += text_encode(cp, vis + o);
	}
	vis[o] = '\0';
	trimmed = text_trim(vis);
	free(vis);
	/* Keep at most UTM_VALUE_MAX characters, cut at a character boundary. */
	for (i = 0, len = strlen(trimmed); i < len && chars < UTM_VALUE_MAX; chars++) {
		unsigned cp;

		i += text_decode(trimmed + i, len - i, &cp);
	}
	trimmed[i] = '\0';
	if (i < len) {
		char *again = text_trim(trimmed);

		free(trimmed);
		trimmed = again;
	}
	if (!*trimmed) {
		free(trimmed);
		return NULL;
	}
	return trimmed;
}

void utm_set(struct utm *u, enum utm_key key, const char *value)
{
	if (u->value[key])
		return;
	u->value[key] = utm_clean(value);
}

/* Matches a parameter name against "utm_<key>", case-insensitively. */
static int param_key(const char *name, size_t len)
{
	int k;

	if (len < 5 || strncasecmp(name, "utm_", 4) != 0)
		return -1;
	for (k = 0; k < UTM_KEYS; k++)
		if (strlen(key_names[k]) == len - 4 &&
		    strncasecmp(name + 4, key_names[k], len - 4) == 0)
			return k;
	return -1;
}

void utm_from_url(struct utm *u, const char *url)
{
	const char *q, *end;
	bool seen[UTM_KEYS] = { false };

	if (!url)
		return;
	q = strchr(url, '?');
	if (!q)
		return;
	q++;
	end = strchr(q, '#');
	if (!end)
		end = q + strlen(q);
	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(q, '=', (size_t)(stop - q));
		size_t nlen = (size_t)((eq ? eq : stop) - q);
		int k;

		/* A name without escapes is its own decoding. */
		if (memchr(q, '%', nlen) || memchr(q, '+', nlen)) {
			char *name = utm_decode(q, nlen, true);

			k = param_key(name, strlen(name));
			free(name);
		} else {
			k = param_key(q, nlen);
		}

		if (k >= 0 && !seen[k] && !u->value[k]) {
			char *value = eq ? utm_decode(eq + 1, (size_t)(stop - eq - 1), true)
					 : NULL;

			/* The first one wins, even when it is empty. */
			u->value[k] = utm_clean(value ? value : "");
			seen[k] = true;
			free(value);
		}
		q = stop + (amp ? 1 : 0);
	}
}

char *utm_domain(const char *url)
{
	const char *p, *host, *end, *at;
	char *out;
	size_t i, n;

	if (!url || !*url)
		return NULL;
	p = strstr(url, "://");
	host = p ? p + 3 : (strncmp(url, "//", 2) == 0 ? url + 2 : url);
	end = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(end - host));
	if (at)
		host = at + 1;
	if (*host == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));

		n = close ? (size_t)(close - host + 1) : (size_t)(end - host);
	} else {
		const char *colon = memchr(host, ':', (size_t)(end - host));

		n = (size_t)((colon ? colon : end) - host);
	}
	if (n == 0)
		return NULL;
	out = utm_decode(host, n, false);
	for (i = 0; out[i]; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	{
		char *clean = utm_clean(out);

		free(out);
		return clean;
	}
}

static bool separator(char c)
{
	return c == '-' || c == '_' || c == ' ' || c == '\t';
}

char *utm_group_key(const char *value)
{
	char *folded = text_fold(value ? value : "");
	size_t len = strlen(folded), i, o = 0;
	char *key;
	bool pending = false;

	if (len > 4 && strcmp(folded + len - 4, ".com") == 0)
		len -= 4;
	key = malloc(len + 1);
	if (!key)
		abort();
	for (i = 0; i < len; i++) {
		if (separator(folded[i])) {
			pending = o > 0;
			continue;
		}
		if (pending)
			key[o++] = '-';
		pending = false;
		key[o++] = folded[i];
	}
	key[o] = '\0';
	if (!o) {
		free(key);
		return folded;
	}
	free(folded);
	return key;
}

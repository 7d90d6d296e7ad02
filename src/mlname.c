#include "config.h"
#include "mlname.h"

#include <stdlib.h>
#include <string.h>

static bool upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

bool mlname_parse(const char *text, struct mlname *ml)
{
	const char *p = text ? text : "";

	ml->n = 0;
	for (;;) {
		const char *end;
		struct mlname_pair *pr;

		if (ml->n == MLNAME_MAX || !upper(p[0]) || !upper(p[1]) || p[2] != ':' ||
		    p[3] != '"' || !(end = strchr(p + 4, '"'))) {
			ml->n = 0;
			return false;
		}
		pr = &ml->v[ml->n++];
		pr->code[0] = p[0];
		pr->code[1] = p[1];
		pr->code[2] = '\0';
		pr->value = p + 4;
		pr->len = (size_t)(end - (p + 4));
		p = end + 1;
		if (*p == '\0')
			return true;
		if (*p++ != ';') {
			ml->n = 0;
			return false;
		}
	}
}

bool mlname_is(const char *text)
{
	struct mlname ml;

	return mlname_parse(text, &ml);
}

static const struct {
	const char *lang, *code;
} codes[] = {
	{ "en", "US" }, { "de", "GE" }, { "nb", "NO" }, { "sv", "SW" }, { "da", "DA" },
	{ "nl", "DU" }, { "fr", "FR" }, { "it", "IT" }, { "es", "SP" }, { "fi", "FI" },
};

const char *mlname_code(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(lang, codes[i].lang) == 0)
			return codes[i].code;
	return NULL;
}

const char *mlname_lang(const char *code)
{
	for (size_t i = 0; code && i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(code, codes[i].code) == 0)
			return codes[i].lang;
	return NULL;
}

int mlname_find(const struct mlname *ml, const char *code)
{
	for (size_t i = 0; code && i < ml->n; i++)
		if (strcmp(ml->v[i].code, code) == 0)
			return (int)i;
	return -1;
}

int mlname_pick(const struct mlname *ml, const char *code)
{
	int i;

	if (ml->n == 0)
		return -1;
	if ((i = mlname_find(ml, code)) >= 0 || (i = mlname_find(ml, "US")) >= 0)
		return i;
	return 0;
}

const char *mlname_shown(const char *text, const char *lang, char *buf, size_t len)
{
	struct mlname ml;
	int i;
	size_t n;

	if (!text || !mlname_parse(text, &ml) || len == 0)
		return text ? text : "";
	i = mlname_pick(&ml, mlname_code(lang));
	n = ml.v[i].len;
	if (n >= len) {
		/* Cut before a continuation byte: whole characters only. */
		n = len - 1;
		while (n > 0 && ((unsigned char)ml.v[i].value[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, ml.v[i].value, n);
	buf[n] = '\0';
	return buf;
}

char *mlname_values(const char *text)
{
	struct mlname ml;
	char *out, *p;

	if (!text)
		text = "";
	if (!(out = p = strdup(text)))
		abort();
	if (!mlname_parse(text, &ml))
		return out;
	for (size_t i = 0; i < ml.n; i++) {
		if (i)
			*p++ = '\x1f';
		memcpy(p, ml.v[i].value, ml.v[i].len);
		p += ml.v[i].len;
	}
	*p = '\0';
	return out;
}

char *mlname_format(const struct mlname *ml)
{
	size_t need = 1;
	char *s, *p;

	for (size_t i = 0; i < ml->n; i++)
		need += ml->v[i].len + 6;
	if (!(s = p = malloc(need)))
		abort();
	for (size_t i = 0; i < ml->n; i++) {
		if (i)
			*p++ = ';';
		memcpy(p, ml->v[i].code, 2);
		p += 2;
		*p++ = ':';
		*p++ = '"';
		memcpy(p, ml->v[i].value, ml->v[i].len);
		p += ml->v[i].len;
		*p++ = '"';
	}
	*p = '\0';
	return s;
}

bool mlname_set(char **text, const char *code, const char *value, const char *keep_code)
{
	struct mlname ml;
	const char *old = *text ? *text : "";
	char *out;
	int i;

	if (value && strchr(value, '"'))
		return false;
	if (!mlname_parse(old, &ml) && *old) {
		if (strchr(old, '"'))
			return false;
		/* A plain name: its value under keep_code, unless code replaces it. */
		if (keep_code && strcmp(keep_code, code) != 0) {
			memcpy(ml.v[0].code, keep_code, 3);
			ml.v[0].value = old;
			ml.v[0].len = strlen(old);
			ml.n = 1;
		}
	}
	i = mlname_find(&ml, code);
	if (value && *value) {
		if (i < 0) {
			if (ml.n == MLNAME_MAX)
				return false;
			i = (int)ml.n++;
			memcpy(ml.v[i].code, code, 2);
			ml.v[i].code[2] = '\0';
		}
		ml.v[i].value = value;
		ml.v[i].len = strlen(value);
		/* Duplicates of code go: one value per language. */
		for (size_t j = (size_t)i + 1; j < ml.n;)
			if (strcmp(ml.v[j].code, code) == 0)
				memmove(&ml.v[j], &ml.v[j + 1], (--ml.n - j) * sizeof ml.v[0]);
			else
				j++;
	} else {
		for (size_t j = 0; j < ml.n;)
			if (strcmp(ml.v[j].code, code) == 0)
				memmove(&ml.v[j], &ml.v[j + 1], (--ml.n - j) * sizeof ml.v[0]);
			else
				j++;
	}
	out = mlname_format(&ml);
	free(*text);
	*text = out;
	return true;
}

/* Whether jsonflat_read and jsonread_load agree on one text: both refuse
 * it, or both accept it with the same values (the top-level value's kind;
 * for an object every member, and the members of the objects among them,
 * with kind, text, number). For the unit test and the fuzz target. */
#ifndef LA_JSONFLAT_AGREE_H
#define LA_JSONFLAT_AGREE_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonflat.h"
#include "jsonread.h"

static enum jsonflat_kind agree_kind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return JSONFLAT_OBJECT;
	case JSON_ARRAY:
		return JSONFLAT_ARRAY;
	case JSON_STRING:
		return JSONFLAT_STRING;
	case JSON_INTEGER:
		return JSONFLAT_INTEGER;
	case JSON_REAL:
		return JSONFLAT_REAL;
	case JSON_TRUE:
		return JSONFLAT_TRUE;
	case JSON_FALSE:
		return JSONFLAT_FALSE;
	default:
		return JSONFLAT_NULL;
	}
}

/* The members of obj (NULL: the top-level object) in f. */
static size_t agree_count(const struct jsonflat *f, const struct jsonflat_member *obj)
{
	size_t i, end, n = 0;

	if (obj) {
		i = (size_t)(obj - f->m) + 1;
		end = i + obj->count;
	} else {
		i = 0;
		end = f->nm;
	}
	while (i < end) {
		n++;
		i += 1 + (obj || f->m[i].kind != JSONFLAT_OBJECT ? 0 : f->m[i].count);
	}
	return n;
}

/* The members of object o against obj's in f; level 1 for the top. */
static int agree_members(const struct jsonflat *f, const struct jsonflat_member *obj,
			 const json_t *o, int level, char *why, size_t whylen)
{
	const char *key;
	const json_t *v;

	if (agree_count(f, obj) != json_object_size(o)) {
		snprintf(why, whylen, "%zu members, jansson %zu", agree_count(f, obj),
			 json_object_size(o));
		return 0;
	}
	json_object_foreach((json_t *)o, key, v) {
		const struct jsonflat_member *m = jsonflat_get(f, obj, key);

		if (!m || m->kind != agree_kind(v)) {
			snprintf(why, whylen, "member \"%.40s\": %s", key,
				 m ? "another kind" : "missing");
			return 0;
		}
		if ((m->kind == JSONFLAT_STRING &&
		     (m->len != json_string_length(v) || memcmp(m->str, json_string_value(v), m->len) ||
		      m->str[m->len])) ||
		    (m->kind == JSONFLAT_INTEGER && m->integer != json_integer_value(v)) ||
		    (m->kind == JSONFLAT_REAL &&
		     memcmp(&m->real, &(double){ json_real_value(v) }, sizeof(double)) != 0)) {
			snprintf(why, whylen, "member \"%.40s\": another value", key);
			return 0;
		}
		if (m->kind == JSONFLAT_OBJECT && level == 1 &&
		    !agree_members(f, m, v, 2, why, whylen))
			return 0;
	}
	return 1;
}

/* 1 when they agree, else 0 and why. */
static int jsonflat_agree(struct jsonflat *f, const char *text, size_t len, char *why,
			  size_t whylen)
{
	json_t *j = jsonread_load(text, len, NULL, 0);
	int ok = jsonflat_read(f, text, len), same = 1;

	if (!j != !ok) {
		snprintf(why, whylen, "%s", ok ? "jansson refuses, reader accepts" :
						 "jansson accepts, reader refuses");
		same = 0;
	} else if (j && f->kind != agree_kind(j)) {
		snprintf(why, whylen, "another kind at the top");
		same = 0;
	} else if (j && json_is_object(j)) {
		same = agree_members(f, NULL, j, 1, why, whylen);
	}
	json_decref(j);
	return same;
}

#endif

/* JSON input: jansson, strictly, with messages for people. The one place
 * that includes <jansson.h>; use jansson's own API (json_object_get,
 * json_string_value, json_array_size, json_decref, ...) on what it gives. */
#ifndef LA_JSONREAD_H
#define LA_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "jsonflat.h"

/* Parses len bytes of text, which must be one JSON object or array and
 * nothing else. Refused, besides what is not JSON: a NUL byte anywhere,
 * bytes that are not UTF-8, "\u0000" in a string, the same key twice in
 * one object, nesting deeper than JSON_PARSER_MAX_DEPTH. Numbers are read
 * the same in every locale. Returns a new reference (json_decref it), or
 * NULL and, when why is not NULL, "line L, column C: reason" in why
 * (columns count characters from 1; a duplicate key is named). */
json_t *jsonread_load(const char *text, size_t len, char *why, size_t whylen);
/* The same for one value of any kind (a string, a number, ...) that a
 * file holds at line, column: the places in why are the file's. */
json_t *jsonread_value(const char *text, size_t len, size_t line, size_t col, char *why,
		       size_t whylen);
/* Reads len bytes of text into f when they are an object whose members
 * are all strings, numbers, true, false or null (keys without a NUL) that
 * jsonread_load accepts, with the values it would give: false for any
 * other text, which jsonread_load (or jsonread_value) then reads. */
bool jsonread_flat(struct jsonflat *f, const char *text, size_t len);

#endif

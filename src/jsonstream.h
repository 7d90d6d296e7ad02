/* JSON input a value at a time: the members of one top-level object, and
 * the elements of an array among them, read from a stream and each decoded
 * by jsonread_value when it is complete. Memory holds one value, never
 * the file. The messages are jsonread's, with the places of the file. */
#ifndef LA_JSONSTREAM_H
#define LA_JSONSTREAM_H

#include <stddef.h>
#include <sys/types.h>

#include "jsonread.h"

/* Puts up to len bytes into buf: how many, 0 at the end, -1 (errno set)
 * when reading failed. */
typedef ssize_t (*jsonstream_read_fn)(void *arg, char *buf, size_t len);

struct jsonstream;

struct jsonstream *jsonstream_new(jsonstream_read_fn read, void *arg);
void jsonstream_free(struct jsonstream *s);

/* Each call below returns 1 for what it names, 0 for the other case it
 * names, and -1 when the text is not valid JSON or cannot be read
 * (jsonstream_error says why). */

/* The start of the file (after a UTF-8 byte order mark): 1 when it is an
 * object, 0 when it is something else, which jsonstream_value reads. */
int jsonstream_open(struct jsonstream *s);
/* The object's next key and its colon (*key: caller frees), 0 at its end,
 * when nothing but white space may follow. */
int jsonstream_key(struct jsonstream *s, char **key);
/* After a key: 1 when its value is an array, whose "[" is read; 0 when it
 * is not, which jsonstream_value reads. */
int jsonstream_array(struct jsonstream *s);
/* The array's next element (a new reference in *v), 0 at its end. */
int jsonstream_element(struct jsonstream *s, json_t **v);
/* The same, read into f when it is an object of plain members (see
 * jsonread_flat: *v is then NULL), else as a new reference in *v. f's
 * strings last until the next read into it. */
int jsonstream_element_flat(struct jsonstream *s, struct jsonflat *f, json_t **v);
/* The value after a key, or the whole file when it is not an object: a
 * new reference, or NULL. */
json_t *jsonstream_value(struct jsonstream *s);
/* Refuses the key just read as given twice in the object. */
void jsonstream_key_twice(struct jsonstream *s, const char *key);

/* "line L, column C: reason", or the reason reading failed. */
const char *jsonstream_error(const struct jsonstream *s);

#endif

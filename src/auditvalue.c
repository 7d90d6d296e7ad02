/* The stored values of the audit log (JSON as the program stores it, or
 * whatever else a file holds): the fields an edit changed, and the values
 * written again as JSON. What the program itself stores is read by a small
 * reader of its own; anything else by jansson, to the same result. */
#include "config.h"
#include "auditvalue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "text.h"

/* A JSON value compactly: strings bare ("" when empty), numbers as they
 * read, arrays and objects with their members (in the order of the text:
 * jansson keeps the insertion order since 2.8). */
static void render(struct jbuf *b, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;
	double d;

	switch (json_typeof(v)) {
	case JSON_NULL:
		jbuf_add(b, "null");
		break;
	case JSON_TRUE:
		jbuf_add(b, "true");
		break;
	case JSON_FALSE:
		jbuf_add(b, "false");
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		d = json_number_value(v);
		if (d > -1e15 && d < 1e15 && (double)(long long)d == d)
			jbuf_addf(b, "%lld", (long long)d);
		else
			jbuf_addf(b, "%g", d);
		break;
	case JSON_STRING:
		jbuf_add(b, *json_string_value(v) ? json_string_value(v) : "\"\"");
		break;
	case JSON_ARRAY:
		jbuf_add(b, "[");
		json_array_foreach(v, i, item) {
			if (i)
				jbuf_add(b, ", ");
			render(b, item);
		}
		jbuf_add(b, "]");
		break;
	case JSON_OBJECT:
		jbuf_add(b, "{");
		i = 0;
		json_object_foreach(v, key, item) {
			jbuf_addf(b, "%s%s: ", i++ ? ", " : "", key);
			render(b, item);
		}
		jbuf_add(b, "}");
		break;
	}
}

static char *rendered(json_t *v)
{
	struct jbuf b;

	jbuf_init(&b);
	if (v)
		render(&b, v);
	return jbuf_take(&b);
}

/* A piece of text: in the stored value itself where it can be taken as
 * it is written (no escape in it), else decoded into the fields' buffer
 * (at off until fields_done makes s point there). Not NUL-terminated. */
struct span {
	const char *s;
	size_t off, n;
	bool in_buf;
};

static bool span_eq(const struct span *a, const struct span *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

static int span_cmp(const struct span *a, const struct span *b)
{
	int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);

	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* The fields of a stored object, each value rendered as render() does:
 * what auditvalue_changes compares and lists. What the fast reading
 * (flat_fields) reads is taken in place from the stored text; only a
 * string with escapes, and what jansson reads, is written into one
 * buffer. by_key is sorted for lookups, so that an object of many keys
 * costs n log n, not n squared. */
struct field {
	struct span key, raw;  /* raw: the value rendered; a string's text */
	struct span value;     /* raw, but "\"\"" for an empty string */
	bool string;      /* the fast reading's strings, for auditvalue_json */
	bool blank;       /* null or "": left out where the fields are listed */
};

#define FIELDS_FEW 16

/* A value of a few fields (what the program stores) fits in the room of
 * its own (few, room), so that a log of many rows parses them without
 * asking malloc each time; f and buf point there until they outgrow it.
 * The fields point into buf: a struct fields is not copied. */
struct fields {
	struct field *f, **by_key;  /* by_key: only beyond FIELDS_FEW */
	size_t n, cap;
	bool flat;  /* read by the fast reading (flat_fields) */
	char *buf;
	size_t len, size;
	struct field few[FIELDS_FEW];
	char room[256];
};

static void fields_init(struct fields *fs)
{
	fs->f = fs->few;
	fs->by_key = NULL;
	fs->n = 0;
	fs->cap = FIELDS_FEW;
	fs->flat = false;
	fs->buf = fs->room;
	fs->len = 0;
	fs->size = sizeof(fs->room);
}

/* Frees what fs took from the heap and empties it. */
static void fields_free(struct fields *fs)
{
	if (fs->f != fs->few)
		free(fs->f);
	free(fs->by_key);
	if (fs->buf != fs->room)
		free(fs->buf);
	fields_init(fs);
}

/* p (of old_size bytes, in the room of the struct or on the heap) grown
 * to size bytes on the heap. */
static void *grow(void *p, const void *room, size_t old_size, size_t size)
{
	void *q;

	if (p != room)
		q = realloc(p, size);
	else if ((q = malloc(size)))
		memcpy(q, p, old_size);
	if (!q)
		abort();
	return q;
}

static void put_bytes(struct fields *fs, const char *s, size_t n)
{
	if (fs->size - fs->len < n) {
		size_t size = fs->size;

		while (size - fs->len < n)
			size *= 2;
		fs->buf = grow(fs->buf, fs->room, fs->len, size);
		fs->size = size;
	}
	memcpy(fs->buf + fs->len, s, n);
	fs->len += n;
}

/* n bytes at s as a span in the buffer. */
static void put_span(struct fields *fs, struct span *sp, const char *s, size_t n)
{
	sp->in_buf = true;
	sp->off = fs->len;
	sp->n = n;
	put_bytes(fs, s, n);
}

/* n bytes at s as a span in place. */
static void at_span(struct span *sp, const char *s, size_t n)
{
	sp->in_buf = false;
	sp->s = s;
	sp->n = n;
}

static struct field *new_field(struct fields *fs)
{
	if (fs->n == fs->cap) {
		fs->f = grow(fs->f, fs->few, fs->n * sizeof(*fs->f), 2 * fs->cap * sizeof(*fs->f));
		fs->cap *= 2;
	}
	/* Its key and value are set where they are read. */
	fs->f[fs->n].string = fs->f[fs->n].blank = false;
	return &fs->f[fs->n++];
}

static int by_key(const void *a, const void *b)
{
	return span_cmp(&(*(struct field *const *)a)->key, &(*(struct field *const *)b)->key);
}

static void resolve(const struct fields *fs, struct span *sp)
{
	if (sp->in_buf)
		sp->s = fs->buf + sp->off;
}

/* Makes the spans in the buffer pointers and sorts by_key; false when a
 * key comes twice (which jansson, reading with JSON_REJECT_DUPLICATES,
 * refuses). */
static bool fields_done(struct fields *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct field *f = &fs->f[i];

		resolve(fs, &f->key);
		resolve(fs, &f->raw);
		/* As render() shows an empty string. */
		if (f->string && !f->raw.n)
			at_span(&f->value, "\"\"", 2);
		else
			f->value = f->raw;
	}
	/* A few keys (what the program stores) are looked up one by one. */
	if (fs->n <= FIELDS_FEW) {
		for (size_t i = 1; i < fs->n; i++)
			for (size_t k = 0; k < i; k++)
				if (span_eq(&fs->f[k].key, &fs->f[i].key))
					return false;
		return true;
	}
	fs->by_key = malloc(fs->n * sizeof(*fs->by_key));
	if (!fs->by_key)
		abort();
	for (size_t i = 0; i < fs->n; i++)
		fs->by_key[i] = &fs->f[i];
	qsort(fs->by_key, fs->n, sizeof(*fs->by_key), by_key);
	for (size_t i = 1; i < fs->n; i++)
		if (span_eq(&fs->by_key[i - 1]->key, &fs->by_key[i]->key))
			return false;
	return true;
}

/* The field of key in fs, or NULL; at is where it is likely to be (two
 * values of one list name their fields in the same order). */
static const struct field *fields_get(const struct fields *fs, const struct span *key, size_t at)
{
	struct field probe = { .key = *key }, *pp = &probe, **hit;

	if (at < fs->n && span_eq(&fs->f[at].key, key))
		return &fs->f[at];
	if (fs->n <= FIELDS_FEW) {
		for (size_t i = 0; i < fs->n; i++)
			if (span_eq(&fs->f[i].key, key))
				return &fs->f[i];
		return NULL;
	}
	hit = bsearch(&pp, fs->by_key, fs->n, sizeof(*fs->by_key), by_key);
	return hit ? *hit : NULL;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* The text of a string from p on up to its first quote, backslash,
 * control character or byte that is not well-formed UTF-8 (as
 * text_utf8_valid reads it): the fast reading checks the encoding as it
 * goes, and outside its strings it takes nothing but ASCII. */
static const char *plain_run(const char *p)
{
	/* The ASCII bytes that a string holds as they are: not a control
	 * character, '"' (0x22) or '\\' (0x5C). */
	static const unsigned char ascii[256] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	};

	for (;;) {
		unsigned cp;
		size_t n;

		while (ascii[(unsigned char)*p])
			p++;
		if ((unsigned char)*p < 0x80)
			return p;
		n = text_decode(p, strnlen(p, 4), &cp);
		if (cp == 0xFFFD && n != 3)
			return p;
		p += n;
	}
}

/* A string at p (after its opening quote) as sp: in place when it holds
 * no escape, else decoded into fs; the position after its closing quote,
 * or NULL when it holds a \u escape, a raw control character or a byte
 * that is not well-formed UTF-8 (jansson reads those). */
static const char *flat_string(struct fields *fs, const char *p, struct span *sp)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *start = p;

	p = plain_run(p);
	if (*p == '"') {
		at_span(sp, start, (size_t)(p - start));
		return p + 1;
	}
	put_span(fs, sp, start, (size_t)(p - start));
	for (;;) {
		const char *run, *e;

		if (*p != '\\' || !p[1] || !(e = strchr(from, p[1])))
			return NULL;
		put_bytes(fs, &to[e - from], 1);
		p += 2;
		run = p;
		p = plain_run(p);
		put_bytes(fs, run, (size_t)(p - run));
		if (*p == '"')
			break;
	}
	sp->n = fs->len - sp->off;
	return p + 1;
}

/* A value at p rendered as f's (in place); the position after it, or
 * NULL when it is not one the fast reading knows. */
static const char *flat_value(struct fields *fs, const char *p, struct field *f)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t n;

	if (*p == '"') {
		p = flat_string(fs, p + 1, &f->raw);
		f->string = true;
		f->blank = f->raw.n == 0;
		return p;
	}
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		const char *d = p + (*p == '-');
		long long v = 0;

		/* Integers of up to 15 digits render as they read (render()
		 * prints |v| < 1e15 as an integer); "01", fractions and
		 * exponents go to jansson. */
		for (n = 0; d[n] >= '0' && d[n] <= '9'; n++)
			v = v * 10 + (d[n] - '0');
		if (n == 0 || n > 15 || (d[0] == '0' && n > 1) || d[n] == '.' || d[n] == 'e' ||
		    d[n] == 'E')
			return NULL;
		/* As written, but "-0" is 0. */
		if (v == 0)
			p = d;
		at_span(&f->raw, p, (size_t)(d + n - p));
		return d + n;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncmp(p, words[i], n) == 0) {
			at_span(&f->raw, p, n);
			f->blank = i == 2;
			return p + n;
		}
	}
	return NULL;
}

/* The fast reading of what the program itself stores: one object of
 * strings without \u escapes, integers, true, false and null, in valid
 * UTF-8. False for anything else, which jansson then reads: both give
 * the same fields. */
static bool flat_fields(const char *text, struct fields *fs)
{
	const char *p = skip_space(text);

	if (*p++ != '{')
		return false;
	p = skip_space(p);
	if (*p == '}')
		p++;
	else
		for (;;) {
			struct field *f = new_field(fs);

			if (*p != '"' || !(p = flat_string(fs, p + 1, &f->key)))
				return false;
			p = skip_space(p);
			if (*p++ != ':')
				return false;
			if (!(p = flat_value(fs, skip_space(p), f)))
				return false;
			p = skip_space(p);
			if (*p == '}') {
				p++;
				break;
			}
			if (*p++ != ',')
				return false;
			p = skip_space(p);
		}
	/* Its strings were checked as UTF-8 (plain_run), and nothing else
	 * that it read is beyond ASCII. */
	return *skip_space(p) == '\0';
}

/* The same fields read by jansson, for any other JSON object. */
static bool json_fields(const char *text, struct fields *fs)
{
	json_t *j = jsonread_load(text, strlen(text), NULL, 0), *v;
	const char *key;

	if (!j || !json_is_object(j)) {
		json_decref(j);
		return false;
	}
	json_object_foreach(j, key, v) {
		struct field *f = new_field(fs);
		const char *s = json_string_value(v);
		char *r = rendered(v);

		put_span(fs, &f->key, key, strlen(key));
		put_span(fs, &f->raw, r, strlen(r));
		f->blank = json_is_null(v) || (s && !*s);
		free(r);
	}
	json_decref(j);
	return true;
}

/* A stored value's fields; false when there is no value or it is not a
 * JSON object. */
static bool parse_fields(const char *text, struct fields *fs)
{
	fields_init(fs);
	if (!text)
		return false;
	if (flat_fields(text, fs) && fields_done(fs)) {
		fs->flat = true;
		return true;
	}
	fields_free(fs);
	if (json_fields(text, fs) && fields_done(fs))
		return true;
	fields_free(fs);
	return false;
}

static void add_span(struct jbuf *b, const struct span *sp)
{
	jbuf_addn(b, sp->s, sp->n);
}

static void sep(struct jbuf *b, size_t start)
{
	if (b->len > start)
		jbuf_addn(b, "; ", 2);
}

/* Every field of one side: "key: value", empty ones left out. */
static void list_fields(struct jbuf *b, size_t start, const struct fields *obj)
{
	for (size_t i = 0; i < obj->n; i++) {
		if (obj->f[i].blank)
			continue;
		sep(b, start);
		add_span(b, &obj->f[i].key);
		jbuf_addn(b, ": ", 2);
		add_span(b, &obj->f[i].value);
	}
}

#define ARROW " \u2192"

/* "key: old → new" for each field that differs, in the new value's order,
 * then the fields that only the old value had. */
static void diff_fields(struct jbuf *b, size_t start, const struct fields *old,
			const struct fields *now)
{
	static const struct span none = { "", 0, 0, false };

	for (size_t i = 0; i < now->n; i++) {
		const struct field *o = fields_get(old, &now->f[i].key, i);
		const struct span *a = o ? &o->value : &none;

		if (!span_eq(a, &now->f[i].value)) {
			sep(b, start);
			add_span(b, &now->f[i].key);
			jbuf_addn(b, ": ", 2);
			add_span(b, a);
			jbuf_addn(b, ARROW " ", sizeof(ARROW));
			add_span(b, &now->f[i].value);
		}
	}
	for (size_t i = 0; i < old->n; i++) {
		if (fields_get(now, &old->f[i].key, i))
			continue;
		sep(b, start);
		add_span(b, &old->f[i].key);
		jbuf_addn(b, ": ", 2);
		add_span(b, &old->f[i].value);
		jbuf_addn(b, ARROW, sizeof(ARROW) - 1);
	}
}

/* A parsed value written again through jbuf_string: what is stored came
 * from whoever could write the file, and JSON that parses may still hold
 * C1 controls or bidi overrides in its strings. */
static void json_write(struct jbuf *b, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i = 0;
	char *num;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jbuf_add(b, "{");
		json_object_foreach(v, key, item) {
			if (i++)
				jbuf_add(b, ",");
			jbuf_string(b, key);
			jbuf_add(b, ":");
			json_write(b, item);
		}
		jbuf_add(b, "}");
		break;
	case JSON_ARRAY:
		jbuf_add(b, "[");
		json_array_foreach(v, i, item) {
			if (i)
				jbuf_add(b, ",");
			json_write(b, item);
		}
		jbuf_add(b, "]");
		break;
	case JSON_STRING:
		jbuf_string(b, json_string_value(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		num = json_dumps(v, JSON_ENCODE_ANY);
		jbuf_add(b, num ? num : "null");
		free(num);
		break;
	case JSON_TRUE:
		jbuf_add(b, "true");
		break;
	case JSON_FALSE:
		jbuf_add(b, "false");
		break;
	case JSON_NULL:
		jbuf_add(b, "null");
		break;
	}
}

/* text as JSON (see auditvalue_json); fs its fields when parse_fields
 * read them, else NULL. */
static void value_json(struct jbuf *b, const char *text, const struct fields *fs)
{
	json_t *j;

	if (!text) {
		jbuf_add(b, "null");
		return;
	}
	/* What the fast reading knows, written as json_write writes it. */
	if (fs && fs->flat) {
		jbuf_add(b, "{");
		for (size_t i = 0; i < fs->n; i++) {
			if (i)
				jbuf_add(b, ",");
			jbuf_stringn(b, fs->f[i].key.s, fs->f[i].key.n);
			jbuf_add(b, ":");
			if (fs->f[i].string)
				jbuf_stringn(b, fs->f[i].raw.s, fs->f[i].raw.n);
			else
				add_span(b, &fs->f[i].raw);
		}
		jbuf_add(b, "}");
		return;
	}
	j = jsonread_load(text, strlen(text), NULL, 0);
	if (j)
		json_write(b, j);
	else
		jbuf_string(b, text);
	json_decref(j);
}

void auditvalue_json(struct jbuf *b, const char *text)
{
	struct fields fs;
	bool is = parse_fields(text, &fs);

	value_json(b, text, is ? &fs : NULL);
	fields_free(&fs);
}

/* The changes of old_value -> new_value, their fields parsed (or not
 * objects: is_old, is_now false), appended to b. */
static void changes_of(struct jbuf *b, const char *old_value, const struct fields *old,
		       bool is_old, const char *new_value, const struct fields *now, bool is_now)
{
	size_t start = b->len;

	if (is_old && is_now)
		diff_fields(b, start, old, now);
	else if (is_now && !old_value)
		list_fields(b, start, now);
	else if (is_old && !new_value)
		list_fields(b, start, old);
	else if (old_value && new_value) {
		jbuf_add(b, old_value);
		jbuf_addn(b, ARROW " ", sizeof(ARROW));
		jbuf_add(b, new_value);
	} else if (old_value || new_value)
		jbuf_add(b, new_value ? new_value : old_value);
}

char *auditvalue_changes(const char *old_value, const char *new_value)
{
	struct jbuf b;

	jbuf_init(&b);
	auditvalue_show(&b, NULL, NULL, old_value, new_value);
	return jbuf_take(&b);
}

void auditvalue_show(struct jbuf *changes, struct jbuf *old_json, struct jbuf *new_json,
		     const char *old_value, const char *new_value)
{
	struct fields old, now;
	bool is_old = parse_fields(old_value, &old), is_now = parse_fields(new_value, &now);

	changes_of(changes, old_value, &old, is_old, new_value, &now, is_now);
	if (old_json && new_json) {
		value_json(old_json, old_value, is_old ? &old : NULL);
		value_json(new_json, new_value, is_now ? &now : NULL);
	}
	fields_free(&old);
	fields_free(&now);
}

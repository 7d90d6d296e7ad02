#include "config.h"
#include "auditlog.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "jsonread.h"
#include "text.h"

/* What the audit log records besides the lists (lists.h has those). */
static const struct {
	const char *key, *name, *label;
} others[] = {
	{ "associate", "user", N_("User") },
	{ "licence", "licence", N_("Licence") },
	{ "marketing", "marketing", N_("Marketing") },
	{ "schema", "schema", N_("Database") },
};
#define NOTHERS (sizeof(others) / sizeof(others[0]))

const char *auditlog_list_key(const char *name)
{
	enum la_list l;

	if (!name)
		return NULL;
	if (lists_by_command(name, &l) || lists_by_table(name, &l))
		return lists_table(l);
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(name, others[i].name) == 0 || strcmp(name, others[i].key) == 0)
			return others[i].key;
	return NULL;
}

const char *auditlog_list_name(const char *key)
{
	enum la_list l;

	if (lists_by_table(key, &l))
		return lists_def(l)->command;
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(key, others[i].key) == 0)
			return others[i].name;
	return key;
}

const char *auditlog_list_label(const char *key)
{
	enum la_list l;

	if (lists_by_table(key, &l))
		return _(lists_def(l)->label);
	for (size_t i = 0; i < NOTHERS; i++)
		if (strcmp(key, others[i].key) == 0)
			return _(others[i].label);
	return key;
}

const char *auditlog_list_names(void)
{
	static char names[256];

	if (!names[0]) {
		size_t used = 0;

		for (int l = 0; l < LIST_COUNT; l++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s, ",
						 lists_def((enum la_list)l)->command);
		for (size_t i = 0; i < NOTHERS; i++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
						 others[i].name, i + 1 < NOTHERS ? ", " : "");
	}
	return names;
}

/* n digits at s, as a number; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool auditlog_parse_since(const char *in, char out[20])
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, s = 0;
	size_t len = in ? strlen(in) : 0;

	if (len > 0 && (in[len - 1] == 'Z' || in[len - 1] == 'z'))
		len--;
	if ((len != 10 && len != 16 && len != 19) || in[4] != '-' || in[7] != '-')
		return false;
	y = digits(in, 4);
	mo = digits(in + 5, 2);
	d = digits(in + 8, 2);
	if (len > 10) {
		if ((in[10] != ' ' && in[10] != 'T' && in[10] != 't') || in[13] != ':')
			return false;
		h = digits(in + 11, 2);
		mi = digits(in + 14, 2);
		if (len == 19 && (in[16] != ':' || (s = digits(in + 17, 2)) < 0))
			return false;
	}
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s > 59)
		return false;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	{
		char buf[64];

		snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
		memcpy(out, buf, 19);
		out[19] = '\0';
	}
	return true;
}

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

/* The fields of a stored object, each value rendered as render() does:
 * what auditlog_changes compares and lists. Keys and values live in one
 * buffer (NUL-terminated, at offsets until fields_done makes them
 * pointers); by_key is sorted for lookups, so that an object of many keys
 * costs n log n, not n squared. */
struct field {
	size_t koff, voff;
	const char *key, *value;
	const char *raw;  /* a string's text (value has "" for an empty one) */
	bool string;      /* the fast reading's strings, for auditlog_value_json */
	bool blank;       /* null or "": left out where the fields are listed */
};

#define FIELDS_FEW 16

struct fields {
	struct field *f, **by_key;  /* by_key: only beyond FIELDS_FEW */
	size_t n, cap;
	bool flat;  /* read by the fast reading (flat_fields) */
	char *buf;
	size_t len, size;
};

static void fields_free(struct fields *fs)
{
	free(fs->f);
	free(fs->by_key);
	free(fs->buf);
	memset(fs, 0, sizeof(*fs));
}

static void put_bytes(struct fields *fs, const char *s, size_t n)
{
	if (fs->size - fs->len < n) {
		while (fs->size - fs->len < n)
			fs->size = fs->size ? fs->size * 2 : 256;
		fs->buf = realloc(fs->buf, fs->size);
		if (!fs->buf)
			abort();
	}
	memcpy(fs->buf + fs->len, s, n);
	fs->len += n;
}

static size_t put_text(struct fields *fs, const char *s, size_t n)
{
	size_t at = fs->len;

	put_bytes(fs, s, n);
	put_bytes(fs, "", 1);
	return at;
}

static struct field *new_field(struct fields *fs)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->f = realloc(fs->f, fs->cap * sizeof(*fs->f));
		if (!fs->f)
			abort();
	}
	memset(&fs->f[fs->n], 0, sizeof(fs->f[0]));
	return &fs->f[fs->n++];
}

static int by_key(const void *a, const void *b)
{
	return strcmp((*(struct field *const *)a)->key, (*(struct field *const *)b)->key);
}

/* Makes the offsets pointers and sorts by_key; false when a key comes
 * twice (which jansson, reading with JSON_REJECT_DUPLICATES, refuses). */
static bool fields_done(struct fields *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		fs->f[i].key = fs->buf + fs->f[i].koff;
		fs->f[i].raw = fs->buf + fs->f[i].voff;
		/* As render() shows an empty string. */
		fs->f[i].value = fs->f[i].string && !*fs->f[i].raw ? "\"\"" : fs->f[i].raw;
	}
	/* A few keys (what the program stores) are looked up one by one. */
	if (fs->n <= FIELDS_FEW) {
		for (size_t i = 1; i < fs->n; i++)
			for (size_t k = 0; k < i; k++)
				if (strcmp(fs->f[k].key, fs->f[i].key) == 0)
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
		if (strcmp(fs->by_key[i - 1]->key, fs->by_key[i]->key) == 0)
			return false;
	return true;
}

static const struct field *fields_get(const struct fields *fs, const char *key)
{
	struct field probe = { .key = key }, *pp = &probe, **hit;

	if (fs->n <= FIELDS_FEW) {
		for (size_t i = 0; i < fs->n; i++)
			if (strcmp(fs->f[i].key, key) == 0)
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

/* A string at p (after its opening quote) decoded into fs; the position
 * after its closing quote, or NULL when it holds a \u escape or a raw
 * control character (jansson reads those). */
static const char *flat_string(struct fields *fs, const char *p, size_t *off, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	*off = fs->len;
	for (;;) {
		const char *run = p, *e;

		while (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		put_bytes(fs, run, (size_t)(p - run));
		if (*p == '"')
			break;
		if (*p != '\\' || !p[1] || !(e = strchr(from, p[1])))
			return NULL;
		put_bytes(fs, &to[e - from], 1);
		p += 2;
	}
	*n = fs->len - *off;
	put_bytes(fs, "", 1);
	return p + 1;
}

/* A value at p rendered into fs; the position after it, or NULL when it
 * is not one the fast reading knows. */
static const char *flat_value(struct fields *fs, const char *p, struct field *f)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t n;

	if (*p == '"') {
		p = flat_string(fs, p + 1, &f->voff, &n);
		f->string = true;
		f->blank = n == 0;
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
		f->voff = put_text(fs, p, (size_t)(d + n - p));
		return d + n;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strncmp(p, words[i], strlen(words[i])) == 0) {
			f->voff = put_text(fs, words[i], strlen(words[i]));
			f->blank = i == 2;
			return p + strlen(words[i]);
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
			size_t n;

			if (*p != '"' || !(p = flat_string(fs, p + 1, &f->koff, &n)))
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
	if (*skip_space(p) != '\0')
		return false;
	/* Bytes before the first non-ASCII one are valid UTF-8. */
	for (p = text; *p && (unsigned char)*p < 0x80; p++)
		;
	return !*p || text_utf8_valid(p, strlen(p));
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

		f->koff = put_text(fs, key, strlen(key));
		f->voff = put_text(fs, r, strlen(r));
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
	memset(fs, 0, sizeof(*fs));
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

static void sep(struct jbuf *b)
{
	if (b->len)
		jbuf_add(b, "; ");
}

/* Every field of one side: "key: value", empty ones left out. */
static void list_fields(struct jbuf *b, const struct fields *obj)
{
	for (size_t i = 0; i < obj->n; i++) {
		if (obj->f[i].blank)
			continue;
		sep(b);
		jbuf_add(b, obj->f[i].key);
		jbuf_add(b, ": ");
		jbuf_add(b, obj->f[i].value);
	}
}

/* "key: old → new" for each field that differs, in the new value's order,
 * then the fields that only the old value had. */
static void diff_fields(struct jbuf *b, const struct fields *old, const struct fields *now)
{
	for (size_t i = 0; i < now->n; i++) {
		const struct field *o = fields_get(old, now->f[i].key);
		const char *a = o ? o->value : "";

		if (strcmp(a, now->f[i].value) != 0) {
			sep(b);
			jbuf_add(b, now->f[i].key);
			jbuf_add(b, ": ");
			jbuf_add(b, a);
			jbuf_add(b, " \u2192 ");
			jbuf_add(b, now->f[i].value);
		}
	}
	for (size_t i = 0; i < old->n; i++) {
		if (fields_get(now, old->f[i].key))
			continue;
		sep(b);
		jbuf_add(b, old->f[i].key);
		jbuf_add(b, ": ");
		jbuf_add(b, old->f[i].value);
		jbuf_add(b, " \u2192");
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

/* text as JSON (see auditlog_value_json); fs its fields when parse_fields
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
			jbuf_string(b, fs->f[i].key);
			jbuf_add(b, ":");
			if (fs->f[i].string)
				jbuf_string(b, fs->f[i].raw);
			else
				jbuf_add(b, fs->f[i].raw);
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

void auditlog_value_json(struct jbuf *b, const char *text)
{
	struct fields fs;
	bool is = parse_fields(text, &fs);

	value_json(b, text, is ? &fs : NULL);
	fields_free(&fs);
}

/* The changes of old_value -> new_value, their fields parsed (or not
 * objects: is_old, is_now false). */
static char *changes_of(const char *old_value, const struct fields *old, bool is_old,
			const char *new_value, const struct fields *now, bool is_now)
{
	struct jbuf b;

	jbuf_init(&b);
	if (is_old && is_now)
		diff_fields(&b, old, now);
	else if (is_now && !old_value)
		list_fields(&b, now);
	else if (is_old && !new_value)
		list_fields(&b, old);
	else if (old_value && new_value)
		jbuf_addf(&b, "%s \u2192 %s", old_value, new_value);
	else if (old_value || new_value)
		jbuf_add(&b, new_value ? new_value : old_value);
	return jbuf_take(&b);
}

char *auditlog_changes(const char *old_value, const char *new_value)
{
	struct fields old, now;
	bool is_old = parse_fields(old_value, &old), is_now = parse_fields(new_value, &now);
	char *c = changes_of(old_value, &old, is_old, new_value, &now, is_now);

	fields_free(&old);
	fields_free(&now);
	return c;
}

/* What a row shows of its values: the changes and, when asked, the
 * values as JSON, from one reading of each value. */
struct shown {
	char *changes, *old_json, *new_json;
};

static void show_values(struct auditlog_row *r, bool json, struct shown *sh)
{
	struct fields old, now;
	bool is_old = parse_fields(r->old_value, &old), is_now = parse_fields(r->new_value, &now);

	r->changes = sh->changes = changes_of(r->old_value, &old, is_old, r->new_value, &now, is_now);
	if (json) {
		struct jbuf b;

		jbuf_init(&b);
		value_json(&b, r->old_value, is_old ? &old : NULL);
		r->old_json = sh->old_json = jbuf_take(&b);
		jbuf_init(&b);
		value_json(&b, r->new_value, is_now ? &now : NULL);
		r->new_json = sh->new_json = jbuf_take(&b);
	}
	fields_free(&old);
	fields_free(&now);
}

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

static const char *text_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : text(st, i);
}

/* The filters: one statement each, so that each reads through its index
 * (an "?1 IS NULL OR ..." would make SQLite scan them all). */
enum { BY_SINCE = 1, BY_LIST = 2, NFILTERS = 4 };

static const char *const filters[NFILTERS] = {
	[0] = "",
	[BY_SINCE] = "WHERE a.at >= ?1 ",
	[BY_LIST] = "WHERE a.list = ?2 ",
	[BY_SINCE | BY_LIST] = "WHERE a.list = ?2 AND a.at >= ?1 ",
};

/* The audit rows with the item's current name, from the table the list
 * names (made once from the list definitions; db_stmt caches each by its
 * address). Newest first: the indexes audit_at (at) and audit_list_at
 * (list, at) end in the rowid, audit_id, so they give this order. */
const char *auditlog_sql(const struct auditlog_query *q)
{
	static char sql[NFILTERS][2048];
	int f = (q->since ? BY_SINCE : 0) | (q->list ? BY_LIST : 0);
	char *s = sql[f];
	size_t used;

	if (s[0])
		return s;
	used = (size_t)snprintf(s, sizeof(sql[f]),
				"SELECT a.audit_id, a.at, a.login, a.list, a.item_id, a.action, "
				"a.old_value, a.new_value, CASE a.list "
				"WHEN 'associate' THEN (SELECT name FROM associate WHERE associate_id = a.item_id) ");
	for (int l = 0; l < LIST_COUNT; l++) {
		const struct la_listdef *d = lists_def((enum la_list)l);

		used += (size_t)snprintf(s + used, sizeof(sql[f]) - used,
					 "WHEN '%s' THEN (SELECT name FROM %s WHERE %s = a.item_id) ",
					 d->table, d->table, d->id_column);
	}
	snprintf(s + used, sizeof(sql[f]) - used,
		 "END FROM audit a %sORDER BY a.at DESC, a.audit_id DESC LIMIT ?3", filters[f]);
	return s;
}

enum la_status auditlog_each(struct db *db, const struct auditlog_query *q,
			     auditlog_fn *fn, void *ctx, struct la_err *err)
{
	sqlite3_stmt *st = db_stmt(db, auditlog_sql(q), err);
	struct auditlog_row r;
	int rc;

	if (!st)
		return LA_DB;
	if (q->since)
		sqlite3_bind_text(st, 1, q->since, -1, SQLITE_STATIC);
	if (q->list)
		sqlite3_bind_text(st, 2, q->list, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, q->limit ? (sqlite3_int64)q->limit : -1);
	memset(&r, 0, sizeof(r));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct shown sh = { NULL, NULL, NULL };
		bool go_on;

		r.id = sqlite3_column_int64(st, 0);
		r.at = text(st, 1);
		r.login = text(st, 2);
		r.list = text(st, 3);
		r.item_id = sqlite3_column_int64(st, 4);
		r.action = text(st, 5);
		r.item = text(st, 8);
		if (!q->brief) {
			r.old_value = text_or_null(st, 6);
			r.new_value = text_or_null(st, 7);
			show_values(&r, q->json, &sh);
		}
		go_on = fn(ctx, &r);
		free(sh.changes);
		free(sh.old_json);
		free(sh.new_json);
		if (!go_on) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		enum la_status s = db_fail(db, err, "audit");

		sqlite3_reset(st);
		return s;
	}
	sqlite3_reset(st);
	return LA_OK;
}

static char *own(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		abort();
	return d;
}

struct collect {
	struct auditlog_row *rows;
	size_t n, cap;
};

static bool collect_row(void *ctx, const struct auditlog_row *row)
{
	struct collect *c = ctx;
	struct auditlog_row *r;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = realloc(c->rows, c->cap * sizeof(*c->rows));
		if (!c->rows)
			abort();
	}
	r = &c->rows[c->n++];
	*r = *row;
	r->at = own(row->at);
	r->login = own(row->login);
	r->list = own(row->list);
	r->item = own(row->item);
	r->action = own(row->action);
	r->old_value = own(row->old_value);
	r->new_value = own(row->new_value);
	r->changes = own(row->changes);
	r->old_json = r->new_json = NULL;  /* auditlog_load does not ask for them */
	return true;
}

enum la_status auditlog_load(struct db *db, const char *since, const char *list,
			     size_t limit, struct auditlog_row **rows, size_t *n,
			     struct la_err *err)
{
	const struct auditlog_query q = { .since = since, .list = list, .limit = limit };
	struct collect c = { NULL, 0, 0 };
	enum la_status s = auditlog_each(db, &q, collect_row, &c, err);

	if (s != LA_OK) {
		auditlog_free(c.rows, c.n);
		c.rows = NULL;
		c.n = 0;
	}
	*rows = c.rows;
	*n = c.n;
	return s;
}

/* The rows auditlog_load gives own their strings. */
void auditlog_truncate(struct auditlog_row *rows, size_t *n, size_t keep)
{
	for (size_t i = keep; i < *n; i++) {
		free((char *)rows[i].at);
		free((char *)rows[i].login);
		free((char *)rows[i].list);
		free((char *)rows[i].item);
		free((char *)rows[i].action);
		free((char *)rows[i].old_value);
		free((char *)rows[i].new_value);
		free((char *)rows[i].changes);
	}
	if (keep < *n)
		*n = keep;
}

void auditlog_free(struct auditlog_row *rows, size_t n)
{
	auditlog_truncate(rows, &n, 0);
	free(rows);
}

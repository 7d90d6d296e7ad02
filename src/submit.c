#include "config.h"
#include "submit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "jsonflat.h"
#include "jsonread.h"
#include "leads.h"
#include "lists.h"
#include "marketing.h"
#include "text.h"
#include "utm.h"
#include "utmalias.h"

/* Submissions committed together, in one transaction: a submission that
 * fails rolls the whole batch back and stops the run, so none is ever half
 * made, and a crash loses at most a batch that re-running restores (ids
 * already processed are skipped). A batch ends after SUBMIT_BATCH
 * submissions or SUBMIT_BATCH_MS milliseconds, whichever comes first: few
 * commits (each one waits for the disk), yet the write lock is never held
 * so long that another admin's change waits for more than a moment. */
#define SUBMIT_BATCH 20000
#define SUBMIT_BATCH_MS 250

#define NAME_MAX_CHARS 100
#define COMPANY_MAX_CHARS 254
#define EMAIL_MAX_CHARS 254
_Static_assert(SUBMIT_EMAIL_BYTES == EMAIL_MAX_CHARS * 4 + 1, "submit_peek holds an address");
#define KEY_MAX_CHARS 200

struct submission {
	char key[KEY_MAX_CHARS * 4 + 1];
	char *email, *firstname, *lastname, *company, *url;
	char submitted[20];    /* UTC, "YYYY-MM-DD HH:MM:SS" */
	struct utm visit;      /* this visit: explicit utm, then the url */
	struct utm first;      /* the first touch, as the browser kept it */
	bool has_first;
};

static void submission_free(struct submission *s)
{
	free(s->email);
	free(s->firstname);
	free(s->lastname);
	free(s->company);
	free(s->url);
	utm_clear(&s->visit);
	utm_clear(&s->first);
}

static bool reject(struct submit_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool reject(struct submit_result *res, const char *fmt, ...)
{
	va_list ap;

	res->outcome = SUBMIT_REJECTED;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
	return false;
}

/* Two digits at s, or -1. */
static int num(const char *s, int digits)
{
	int v = 0, i;

	for (i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int days_in_month(int y, int mo)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : days[mo - 1];
}

/* Reads an ISO 8601 time (date, optional time, optional zone) into UTC. */
bool submit_parse_time(const char *s, char out[20])
{
	struct tm tm = { 0 };
	int y = num(s, 4), mo, d, h = 0, mi = 0, sec = 0, off = 0;
	const char *p = s + 10;
	time_t t;

	if (y < 0 || s[4] != '-' || (mo = num(s + 5, 2)) < 1 || mo > 12 || s[7] != '-' ||
	    (d = num(s + 8, 2)) < 1 || d > 31)
		return false;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if ((h = num(p + 1, 2)) < 0 || h > 23 || p[3] != ':' ||
		    (mi = num(p + 4, 2)) < 0 || mi > 59)
			return false;
		p += 6;
		if (*p == ':') {
			if ((sec = num(p + 1, 2)) < 0 || sec > 60)
				return false;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh = num(p + 1, 2), om;

			if (oh < 0 || oh > 23)
				return false;
			om = p[3] == ':' ? num(p + 4, 2) : num(p + 3, 2);
			if (om < 0 || om > 59)
				return false;
			off = (oh * 60 + om) * (*p == '+' ? 1 : -1);
			p += p[3] == ':' ? 6 : 5;
		}
	}
	if (*p)
		return false;
	/* A time of a day that exists, in UTC, whole seconds below 60 (60,
	 * a leap second, is the next minute's 0): written as it was read,
	 * which is what timegm and strftime below would give. */
	if (!off && sec < 60 && y >= 1000 && d <= days_in_month(y, mo)) {
		const int v[6] = { y / 100, y % 100, mo, d, h, mi };
		char *o = out;
		int i;

		for (i = 0; i < 6; i++) {
			*o++ = (char)('0' + v[i] / 10);
			*o++ = (char)('0' + v[i] % 10);
			if (i > 0)
				*o++ = i < 3 ? '-' : i == 3 ? ' ' : ':';
		}
		*o++ = (char)('0' + sec / 10);
		*o++ = (char)('0' + sec % 10);
		*o = '\0';
		return true;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	/* A day that does not exist (31 April) comes back as another. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return false;
	t -= (time_t)off * 60;
	return strftime(out, 20, "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm)) == 19;
}

/* The text of member m, or NULL when m is missing or not text. */
static const char *text_of(const struct jsonflat_member *m)
{
	return m && m->kind == JSONFLAT_STRING ? m->str : NULL;
}

/* True when m is missing or null. */
static bool absent(const struct jsonflat_member *m)
{
	return !m || m->kind == JSONFLAT_NULL;
}

/* An optional text member: absent or null is "", anything else must be a
 * string without control characters and within max characters. */
static bool get_text(const struct jsonflat *f, const char *key, size_t max, char **out,
		     struct submit_result *res)
{
	const struct jsonflat_member *v = jsonflat_get(f, NULL, key);
	const char *s = text_of(v);
	char *t;

	*out = NULL;
	if (absent(v)) {
		*out = strdup("");
		if (!*out)
			abort();
		return true;
	}
	if (!s)
		return reject(res, _("\"%s\" is not text"), key);
	if (text_has_control(s))
		return reject(res, _("\"%s\" contains control characters"), key);
	t = text_trim(s);
	if (text_chars(t) > max) {
		free(t);
		return reject(res, _("\"%s\" is too long"), key);
	}
	*out = t;
	return true;
}

static bool plausible_email(const char *e)
{
	const char *at = strchr(e, '@');
	size_t i;

	if (!at || at == e || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (i = 0; e[i]; i++)
		if (e[i] == ' ' || e[i] == ',' || e[i] == ';' || e[i] == '<' || e[i] == '>')
			return false;
	return true;
}

/* Explicit UTM values of the member o: "source" or "utm_source", as text. */
static bool read_utm_object(const struct jsonflat *f, const struct jsonflat_member *o,
			    const char *what, struct utm *u, struct submit_result *res)
{
	int k;

	if (absent(o))
		return true;
	if (o->kind != JSONFLAT_OBJECT)
		return reject(res, _("\"%s\" is not an object"), what);
	for (k = 0; k < UTM_KEYS; k++) {
		const char *name = utm_key_name((enum utm_key)k);
		const struct jsonflat_member *v = jsonflat_get_prefixed(f, o, "utm_", name);

		if (!v)
			v = jsonflat_get(f, o, name);
		if (absent(v))
			continue;
		if (v->kind != JSONFLAT_STRING)
			return reject(res, _("a UTM value in \"%s\" is not text"), what);
		utm_set(u, (enum utm_key)k, v->str);
	}
	return true;
}

static bool read_firsttouch(const struct jsonflat *f, struct submission *s,
			    struct submit_result *res)
{
	const struct jsonflat_member *o = jsonflat_get(f, NULL, "firsttouch");
	const char *url, *ref, *dom, *when;
	char t[20];

	if (absent(o))
		return true;
	if (!read_utm_object(f, o, "firsttouch", &s->first, res))
		return false;
	s->has_first = true;
	url = text_of(jsonflat_get(f, o, "url"));
	ref = text_of(jsonflat_get(f, o, "referrer"));
	dom = text_of(jsonflat_get(f, o, "referrerdomain"));
	when = text_of(jsonflat_get(f, o, "when"));
	utm_from_url(&s->first, url);
	if (dom)
		s->first.referrerdomain = utm_clean(dom);
	else if (ref)
		s->first.referrerdomain = utm_domain(ref);
	if (when) {
		if (!submit_parse_time(when, t))
			return reject(res, _("\"%s\" is not an ISO 8601 time"), "firsttouch.when");
		s->first.when = strdup(t);
		if (!s->first.when)
			abort();
	}
	return true;
}

/* The submission's key: a whole number from 0 below 10^15 (in any
 * spelling: 7, 7.0, 7e0), or a short text without control characters; s
 * is the text, or NULL when the key is a number (d) or something else. */
static bool read_key(bool is_number, double d, const char *s, char key[SUBMIT_KEY_BYTES])
{
	if (is_number) {
		if (d < 0 || d >= 1e15 || d != (double)(long long)d)
			return false;
		snprintf(key, SUBMIT_KEY_BYTES, "%lld", (long long)d);
		return true;
	}
	if (!s || !*s || text_has_control(s) || text_chars(s) > KEY_MAX_CHARS)
		return false;
	snprintf(key, SUBMIT_KEY_BYTES, "%s", s);
	return true;
}

bool submit_read_key(const json_t *id, char key[SUBMIT_KEY_BYTES])
{
	return read_key(json_is_number(id), json_is_number(id) ? json_number_value(id) : 0,
			json_string_value(id), key);
}

static bool read_flat_key(const struct jsonflat_member *id, char key[SUBMIT_KEY_BYTES])
{
	if (id && id->kind == JSONFLAT_INTEGER)
		return read_key(true, (double)id->integer, NULL, key);
	if (id && id->kind == JSONFLAT_REAL)
		return read_key(true, id->real, NULL, key);
	return read_key(false, 0, text_of(id), key);
}

/* Reads and checks a submission; false (res says why) when malformed. f
 * is the reader, reused from line to line. */
static bool parse(struct jsonflat *f, const char *text, size_t len, struct submission *s,
		  struct submit_result *res)
{
	const struct jsonflat_member *ref, *submitted;

	if (!jsonflat_read(f, text, len)) {
		char perr[200];
		json_t *o = jsonread_load(text, len, perr, sizeof(perr));

		/* The reader refuses what jansson refuses (test_jsonflat and
		 * fuzz_jsonflat hold it to that); jansson says why. */
		if (o) {
			json_decref(o);
			return reject(res, "%s",
				      _("the line could not be read: the JSON reader refused what jansson accepts (please report this)"));
		}
		res->outcome = SUBMIT_REJECTED;
		snprintf(res->reason, sizeof(res->reason), _("not valid JSON: %s"), perr);
		return false;
	}
	if (f->kind != JSONFLAT_OBJECT)
		return reject(res, "%s", _("a submission must be a JSON object"));
	if (!read_flat_key(jsonflat_get(f, NULL, "id"), s->key))
		return reject(res, "%s", _("\"id\" is missing or not a short text or number"));
	if (!get_text(f, "email", EMAIL_MAX_CHARS, &s->email, res) ||
	    !get_text(f, "firstname", NAME_MAX_CHARS, &s->firstname, res) ||
	    !get_text(f, "lastname", NAME_MAX_CHARS, &s->lastname, res) ||
	    !get_text(f, "company", COMPANY_MAX_CHARS, &s->company, res))
		return false;
	if (!*s->email || !plausible_email(s->email))
		return reject(res, "%s", _("\"email\" is missing or not an e-mail address"));
	/* "max\u200b@example.com" would not match the known "max@example.com"
	 * and make a second person that looks the same. */
	if (text_has_invisible(s->email))
		return reject(res, "%s", _("\"email\" contains invisible or direction-changing characters"));
	if (!get_text(f, "url", 4096, &s->url, res))
		return false;
	submitted = jsonflat_get(f, NULL, "submitted");
	if (submitted && (!text_of(submitted) || !submit_parse_time(submitted->str, s->submitted)))
		return reject(res, _("\"%s\" is not an ISO 8601 time"), "submitted");
	if (!submitted) {
		time_t now = time(NULL);
		struct tm tm;

		strftime(s->submitted, sizeof(s->submitted), "%Y-%m-%d %H:%M:%S",
			 gmtime_r(&now, &tm));
	}
	ref = jsonflat_get(f, NULL, "referrer");
	if (!absent(ref) && ref->kind != JSONFLAT_STRING)
		return reject(res, _("\"%s\" is not text"), "referrer");
	/* Explicit parameters win over those in the address. */
	if (!read_utm_object(f, jsonflat_get(f, NULL, "utm"), "utm", &s->visit, res))
		return false;
	utm_from_url(&s->visit, s->url);
	s->visit.referrerdomain = utm_domain(text_of(ref));
	s->visit.when = strdup(s->submitted);
	if (!s->visit.when)
		abort();
	return read_firsttouch(f, s, res);
}

/* The rows of a form submission: a submission's kind, person and company,
 * with its visit when UTM data is kept. */
static const char submission_sql[] =
	"INSERT INTO form_submission (submission_key, person_id, contact_id, email_address, "
	"kind, submitted, url, source, medium, campaign, term, content, referrerdomain, registered) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING form_submission_id";
#define SUBMISSION_PARAMS 14

static void bind_submission(struct db_stmt *st, int at, const struct submission *s,
			    const char *kind, int64_t person, int64_t contact, bool with_utm)
{
	int k;

	db_bind_text(st, at + 1, s->key);
	db_bind_id(st, at + 2, person);
	db_bind_id(st, at + 3, contact);
	db_bind_text(st, at + 4, s->email);
	db_bind_text(st, at + 5, kind);
	db_bind_text(st, at + 6, s->submitted);
	db_bind_text(st, at + 7, with_utm ? s->url : "");
	for (k = 0; k < UTM_KEYS; k++)
		db_bind_text(st, at + 8 + k, with_utm ? s->visit.value[k] : NULL);
	db_bind_text(st, at + 13, with_utm ? s->visit.referrerdomain : NULL);
	db_bind_now(st, at + 14);
}

/* The first touch, the visit that made the lead, and the company it made. */
static const char utm_sql[] =
	"INSERT INTO utm_parameters (created_person_id, created_contact_id, form_submission_id, "
	"firsttouch_source, firsttouch_medium, firsttouch_campaign, firsttouch_term, "
	"firsttouch_content, firsttouch_referrerdomain, firsttouch_when, "
	"source, medium, campaign, term, content, referrerdomain, \"when\") "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
#define UTM_PARAMS 17

static void bind_utm(struct db_stmt *st, int at, const struct submission *s, int64_t person,
		     int64_t new_company, int64_t submission_id)
{
	/* Without what the browser kept, this visit is the first touch. */
	const struct utm *first = s->has_first && !utm_empty(&s->first) ? &s->first : &s->visit;
	int k;

	db_bind_id(st, at + 1, person);
	db_bind_id(st, at + 2, new_company);
	db_bind_id(st, at + 3, submission_id);
	for (k = 0; k < UTM_KEYS; k++) {
		db_bind_text(st, at + 4 + k, first->value[k]);
		db_bind_text(st, at + 11 + k, s->visit.value[k]);
	}
	db_bind_text(st, at + 9, first->referrerdomain);
	db_bind_text(st, at + 10, first->when ? first->when : s->submitted);
	db_bind_text(st, at + 16, s->visit.referrerdomain);
	db_bind_text(st, at + 17, s->submitted);
}

/* What a submission needs to know before it writes, in one statement:
 * whether its key was processed already; the person with its e-mail
 * address (any case, the smallest id: min() rather than ORDER BY ...
 * LIMIT 1, without a temporary b-tree), with its owner and company; and
 * the company of that name (rule 2: folded), when it names one. */
struct known {
	bool processed;
	int64_t person, owner, contact;  /* the person's */
	int64_t company;                 /* the named company's */
};

/* What look_up_many looks up for a submission, and what it found. */
struct ask {
	const char *key, *email, *company_key;
	struct known k;
};

/* The look-ups of n submissions (1 to DB_ROWS_MAX) in one statement, a row
 * each. The company of a name is the one of the smallest id among those
 * with that key and those without a key whose folded name is it (another
 * program may have written them). Each look-up is a scalar subquery, an
 * index search a line on both engines: PostgreSQL makes one plan for a
 * statement of any number of lines, and for a few hundred it took a hash
 * join that reads person whole, or a hashed EXISTS that reads
 * form_submission whole. The DISTINCT (the lines are distinct already)
 * keeps w a subquery of its own on both engines, so that the person found
 * is looked up once and its owner and company read by its id. */
static enum la_status look_up_many(struct db *db, struct ask *q, size_t n,
				   struct la_err *err)
{
	static const char sql[] =
		"SELECT w.i, w.processed, w.company, w.person, "
		"coalesce((SELECT p.associate_id FROM person p WHERE p.person_id = w.person), 0), "
		"coalesce((SELECT p.contact_id FROM person p WHERE p.person_id = w.person), 0) "
		"FROM (SELECT DISTINCT v.column1 AS i, "
		"coalesce((SELECT 1 FROM form_submission WHERE submission_key = v.column2 LIMIT 1), 0) AS processed, "
		"(SELECT min(contact_id) FROM contact WHERE v.column4 <> '' AND "
		"(la_name_key = v.column4 OR (la_name_key IS NULL AND la_fold(name) = v.column4))) AS company, "
		"(SELECT min(e.person_id) FROM email e JOIN person q ON q.person_id = e.person_id "
		"WHERE lower(e.email_address) = lower(v.column3)) AS person "
		"FROM (VALUES (CAST(?1 AS BIGINT), ?2, ?3, ?4)) AS v) AS w "
		"ORDER BY w.i";
	struct db_stmt *st = db_stmt_rows(db, sql, n, err);
	enum la_status rc = LA_OK;
	size_t i;

	if (!st)
		return LA_DB;
	for (i = 0; i < n; i++) {
		db_bind_int64(st, (int)i * 4 + 1, (int64_t)i);
		db_bind_text(st, (int)i * 4 + 2, q[i].key);
		db_bind_text(st, (int)i * 4 + 3, q[i].email);
		db_bind_text(st, (int)i * 4 + 4, q[i].company_key);
	}
	for (i = 0; i < n && db_step(st) == DB_ROW; i++) {
		struct known *k = &q[i].k;

		if (db_col_int64(st, 0) != (int64_t)i)
			abort();  /* ORDER BY gives the rows in the order bound */
		memset(k, 0, sizeof(*k));
		k->processed = db_col_int(st, 1) != 0;
		k->company = db_col_int64(st, 2);
		if (!db_col_null(st, 3)) {
			k->person = db_col_int64(st, 3);
			k->owner = db_col_int64(st, 4);
			k->contact = db_col_int64(st, 5);
		}
	}
	if (i < n || db_step(st) != DB_DONE)
		rc = db_fail(db, err, "form_submission");
	/* The texts stay bound until the reset. */
	db_reset(st);
	return rc;
}

static enum la_status look_up(struct db *db, const struct submission *s, const char *company_key,
			      struct known *k, struct la_err *err)
{
	struct ask q = { s->key, s->email, company_key, { 0 } };
	enum la_status rc = look_up_many(db, &q, 1, err);

	*k = rc == LA_OK ? q.k : (struct known){ 0 };
	return rc;
}

/* The company's name as its key (rule 2; "" for none), made here for
 * every engine. */
static char *company_key(const struct submission *s)
{
	return s->company ? text_fold(s->company) : NULL;
}

static enum la_status set_owner(struct db *db, int64_t person, int64_t owner,
				struct la_err *err)
{
	static const char sql[] =
		"UPDATE person SET associate_id = ?2, updated = strftime('%Y-%m-%d %H:%M:%S', 'now') "
		"WHERE person_id = ?1";
	struct db_stmt *st = db_stmt(db, sql, err);

	if (!st)
		return LA_DB;
	db_bind_int64(st, 1, person);
	db_bind_int64(st, 2, owner);
	return db_step_done(db, st, "person", err);
}

/* A submission that writes, kept until its chunk is written (chunk_flush):
 * the rows of up to DB_ROWS_MAX submissions go to each table in one
 * statement, in the order of the lines, so that every row gets the id it
 * would have got a line at a time. A line must not look up what the chunk
 * holds: submit_stream writes the chunk before a line that might
 * (ahead_stale), submit_one has one line. */
struct pending {
	struct submission s;
	bool created;        /* a new person; else a conversion of person */
	char *company_key;   /* a new company's key (rule 2); else NULL */
	int64_t person, contact, owner;
};

/* The licence, the marketing settings, the default lead status and the
 * Distribute rotation, read once per transaction: the transaction holds the
 * write lock (BEGIN IMMEDIATE), so nobody changes them before its commit,
 * and every submission of a batch sees what it would have read itself. The
 * rotation's last owner is written back by settings_save, before each
 * commit, so that what is committed is what one write a submission made. */
struct submit_settings {
	bool loaded;
	bool licensed;
	struct marketing_settings ms;
	int64_t default_status;
	struct marketing_rotation rotation;
	struct utmalias_map aliases;   /* stored instead of a variant */
	struct jsonflat flat;          /* reads each submission */
	struct pending *pending;       /* the chunk not yet written (chunk_flush) */
	size_t npending;
	int64_t last_person, last_contact;  /* of the last one written */
};

static enum la_status settings_get(struct db *db, struct submit_settings *set,
				   struct la_err *err)
{
	enum la_status rc;

	if (set->loaded)
		return LA_OK;
	if ((rc = marketing_load(db, &set->ms, err)) != LA_OK)
		return rc;
	set->licensed = marketing_licensed(db, LICENCE_MARKETING_PREMIUM);
	if ((rc = lists_default_status(db, &set->default_status, err)) != LA_OK ||
	    (rc = utmalias_map_load(db, &set->aliases, err)) != LA_OK) {
		marketing_settings_free(&set->ms);
		return rc;
	}
	set->loaded = true;
	return LA_OK;
}

/* Forgets the chunk's submissions, written or not. */
static void chunk_clear(struct submit_settings *set)
{
	for (size_t i = 0; i < set->npending; i++) {
		submission_free(&set->pending[i].s);
		free(set->pending[i].company_key);
	}
	set->npending = 0;
}

/* The form submission rows of the chunk, and their ids. */
static enum la_status chunk_submissions(struct db *db, const struct submit_settings *set,
					bool with_utm, int64_t *ids, struct la_err *err)
{
	struct db_stmt *st = db_stmt_rows(db, submission_sql, set->npending, err);

	if (!st)
		return LA_DB;
	for (size_t i = 0; i < set->npending; i++) {
		const struct pending *p = &set->pending[i];

		bind_submission(st, (int)i * SUBMISSION_PARAMS, &p->s,
				p->created ? "created" : "conversion", p->person, p->contact,
				with_utm);
	}
	return db_step_ids(db, st, "form_submission", set->npending, ids, err);
}

/* The UTM rows of the chunk's new persons, whose submissions got sub_ids. */
static enum la_status chunk_utm(struct db *db, const struct submit_settings *set,
				const int64_t *sub_ids, struct la_err *err)
{
	size_t with[DB_ROWS_MAX], m = 0, k;
	struct db_stmt *st;

	for (k = 0; k < set->npending; k++)
		if (set->pending[k].created)
			with[m++] = k;
	if (m == 0)
		return LA_OK;
	if (!(st = db_stmt_rows(db, utm_sql, m, err)))
		return LA_DB;
	for (k = 0; k < m; k++) {
		const struct pending *p = &set->pending[with[k]];

		bind_utm(st, (int)k * UTM_PARAMS, &p->s, p->person,
			 p->company_key ? p->contact : 0, sub_ids[with[k]]);
	}
	return db_step_done(db, st, "utm_parameters", err);
}

/* Writes the chunk: its new companies, its new persons (with their e-mail
 * addresses), its form submissions and its UTM rows, a statement each. */
static enum la_status chunk_flush(struct db *db, struct submit_settings *set,
				  struct la_err *err)
{
	struct leads_company_row companies[DB_ROWS_MAX];
	struct leads_person_row persons[DB_ROWS_MAX];
	size_t at[DB_ROWS_MAX], n = 0, i;
	int64_t ids[DB_ROWS_MAX];
	bool with_utm;
	enum la_status rc;

	if (set->npending == 0)
		return LA_OK;
	with_utm = set->licensed && set->ms.utm_enabled;
	for (i = 0; i < set->npending; i++) {
		const struct pending *p = &set->pending[i];

		if (p->company_key) {
			companies[n] = (struct leads_company_row){ p->s.company, set->ms.form_category_id,
								  p->owner };
			at[n++] = i;
		}
	}
	if ((rc = leads_companies_add(db, n, companies, ids, err)) != LA_OK)
		return rc;
	for (i = 0; i < n; i++)
		set->pending[at[i]].contact = ids[i];
	for (i = n = 0; i < set->npending; i++) {
		const struct pending *p = &set->pending[i];

		if (p->created) {
			persons[n] = (struct leads_person_row){
				p->contact, set->ms.form_category_id, p->owner, set->default_status,
				p->s.firstname, p->s.lastname, p->s.email
			};
			at[n++] = i;
		}
	}
	if ((rc = leads_persons_add(db, n, persons, ids, err)) != LA_OK)
		return rc;
	for (i = 0; i < n; i++)
		set->pending[at[i]].person = ids[i];
	if ((rc = chunk_submissions(db, set, with_utm, ids, err)) != LA_OK ||
	    (with_utm && (rc = chunk_utm(db, set, ids, err)) != LA_OK))
		return rc;
	set->last_person = set->pending[set->npending - 1].person;
	set->last_contact = set->pending[set->npending - 1].contact;
	chunk_clear(set);
	return LA_OK;
}

/* True when the e-mail address is all ASCII, where lower() of either engine
 * is ASCII's. */
static bool ascii_email(const char *e)
{
	for (; *e; e++)
		if ((unsigned char)*e >= 0x80)
			return false;
	return true;
}

/* Adds s (taken over: s is empty afterwards) to the chunk; writes the
 * chunk when it is full. */
static enum la_status chunk_add(struct db *db, struct submit_settings *set,
				struct submission *s, bool created, char *new_company_key,
				int64_t person, int64_t contact, int64_t owner,
				struct la_err *err)
{
	struct pending *p;

	if (!set->pending && !(set->pending = calloc(DB_ROWS_MAX, sizeof(*set->pending))))
		abort();
	p = &set->pending[set->npending++];
	p->s = *s;
	memset(s, 0, sizeof(*s));
	p->created = created;
	p->company_key = new_company_key;
	p->person = person;
	p->contact = contact;
	p->owner = owner;
	return set->npending >= db_rows_best(db) ? chunk_flush(db, set, err) : LA_OK;
}

/* Before a commit: writes what is kept in memory only, the chunk and the
 * rotation. */
static enum la_status settings_save(struct db *db, struct submit_settings *set,
				    struct la_err *err)
{
	enum la_status rc = chunk_flush(db, set, err);

	if (rc == LA_OK && set->loaded)
		rc = marketing_rotation_save(db, &set->rotation, err);
	return rc;
}

/* After a commit or a rollback: a chunk not written is dropped with its
 * transaction. */
static void settings_forget(struct submit_settings *set)
{
	chunk_clear(set);
	free(set->pending);
	set->pending = NULL;
	if (set->loaded) {
		marketing_settings_free(&set->ms);
		marketing_rotation_forget(&set->rotation);
		utmalias_map_free(&set->aliases);
	}
	set->loaded = false;
	jsonflat_free(&set->flat);
}

enum la_status submit_owner(struct db *db, const struct marketing_settings *ms, bool licensed,
			    struct marketing_rotation *rotation, bool known,
			    int64_t *owner, bool *given, struct la_err *err)
{
	*given = licensed && ms->mode != DISTRIBUTE_OFF &&
		 (!known || !*owner || !ms->only_unassigned);
	if (!*given)
		return LA_OK;
	return marketing_rotation_next(db, ms, rotation, owner, err);
}

enum la_status submit_peek(struct db *db, const char *text, size_t len,
			   struct submit_peek *p, struct la_err *err)
{
	struct submission s;
	struct submit_result res;
	struct known k = { 0 };
	struct jsonflat f;
	enum la_status rc = LA_OK;

	jsonflat_init(&f);
	memset(p, 0, sizeof(*p));
	memset(&s, 0, sizeof(s));
	memset(&res, 0, sizeof(res));
	if (!parse(&f, text, len, &s, &res)) {
		p->rejected = true;
		snprintf(p->reason, sizeof(p->reason), "%s", res.reason);
	} else {
		char *key = company_key(&s);

		rc = look_up(db, &s, key, &k, err);
		free(key);
	}
	if (!p->rejected && rc == LA_OK) {
		size_t i;

		snprintf(p->key, sizeof(p->key), "%s", s.key);
		/* As lower() in look_up: ASCII letters only. */
		for (i = 0; s.email[i] && i + 1 < sizeof(p->email); i++)
			p->email[i] = s.email[i] >= 'A' && s.email[i] <= 'Z' ?
				(char)(s.email[i] - 'A' + 'a') : s.email[i];
		p->email[i] = '\0';
		p->processed = k.processed;
		p->person = k.person;
		p->owner = k.owner;
	}
	submission_free(&s);
	jsonflat_free(&f);
	return rc;
}

/* Processes s: takes it over into the chunk when it writes, and key, the
 * key of the company it names (company_key), always. pre is its look-up
 * when made already (look_up_window), else NULL. */
static enum la_status process(struct db *db, struct submission *s, char *key,
			      struct submit_settings *set, const struct known *pre,
			      struct submit_result *res, struct la_err *err)
{
	const struct marketing_settings *ms;
	bool licensed, given;
	int64_t owner, contact;
	struct known k = { 0 };
	enum la_status rc = LA_OK;

	/* Whatever the chunk holds is not what s looks up (look_up_window
	 * made sure of it, or the chunk was written). */
	if (pre)
		k = *pre;
	else if ((rc = look_up(db, s, key, &k, err)) != LA_OK)
		goto out;
	if (k.processed) {
		res->outcome = SUBMIT_SKIPPED;
		goto out;
	}
	if ((rc = settings_get(db, set, err)) != LA_OK)
		goto out;
	ms = &set->ms;
	licensed = set->licensed;
	/* A variant with an alias is stored as its canonical value. */
	if (licensed && ms->utm_enabled) {
		utmalias_map_apply(&set->aliases, &s->visit);
		utmalias_map_apply(&set->aliases, &s->first);
	}
	owner = k.owner;
	contact = k.contact;
	if (k.person) {
		/* A known contact: the submission is a conversion. */
		res->outcome = SUBMIT_UPDATED;
		res->person_id = k.person;
		res->contact_id = contact;
		if ((rc = submit_owner(db, ms, licensed, &set->rotation, true, &owner, &given, err)) != LA_OK)
			goto out;
		if (given) {
			if (owner && (rc = set_owner(db, k.person, owner, err)) != LA_OK)
				goto out;
			res->owner_id = owner;
		}
		rc = chunk_add(db, set, s, false, NULL, k.person, contact, owner, err);
		goto out;
	}
	res->outcome = SUBMIT_CREATED;
	if ((rc = submit_owner(db, ms, licensed, &set->rotation, false, &owner, &given, err)) != LA_OK)
		goto out;
	res->owner_id = owner;
	/* A new company takes its first contact's owner. */
	contact = k.company;
	if (*s->company && !contact) {
		char *new_company = key;

		key = NULL;  /* the chunk's now */
		rc = chunk_add(db, set, s, true, new_company, 0, 0, owner, err);
	} else {
		rc = chunk_add(db, set, s, true, NULL, 0, contact, owner, err);
	}
out:
	free(key);
	return rc;
}

/* One submission, atomically, in a transaction of its own (submit_stream
 * processes a batch of them in one instead). */
enum la_status submit_one(struct db *db, const struct la_actor *actor,
			  const char *text, size_t len,
			  struct submit_result *res, struct la_err *err)
{
	struct submit_settings set = { 0 };
	struct submission s;
	enum la_status rc = LA_OK;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	if (!actor->associate_id || !actor->active)
		return la_fail(err, LA_DENIED, LA_FIELD_NONE,
			       _("Form submissions are processed for a user of this CRM database; the login '%s' is not an active one"),
			       actor->login);
	if (parse(&set.flat, text, len, &s, res) && (rc = db_begin(db, err)) == LA_OK) {
		rc = process(db, &s, company_key(&s), &set, NULL, res, err);
		if (rc == LA_OK)
			rc = settings_save(db, &set, err);
		if (rc == LA_OK && res->outcome == SUBMIT_CREATED) {
			res->person_id = set.last_person;
			res->contact_id = set.last_contact;
		}
		if (rc == LA_OK)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	submission_free(&s);
	settings_forget(&set);
	return rc;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void submit_summary_free(struct submit_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nowners; i++)
		free(sum->owners[i].login);
	free(sum->owners);
	memset(sum, 0, sizeof(*sum));
}

static void count_owner(struct db *db, struct submit_summary *sum, int64_t id)
{
	struct db_stmt *st;
	size_t i;

	for (i = 0; i < sum->nowners; i++) {
		if (sum->owners[i].associate_id == id) {
			sum->owners[i].count++;
			return;
		}
	}
	sum->owners = realloc(sum->owners, (sum->nowners + 1) * sizeof(*sum->owners));
	if (!sum->owners)
		abort();
	sum->owners[sum->nowners].associate_id = id;
	sum->owners[sum->nowners].count = 1;
	sum->owners[sum->nowners].login = NULL;
	st = db_stmt(db, "SELECT name FROM associate WHERE associate_id = ?", NULL);
	if (st) {
		db_bind_int64(st, 1, id);
		if (db_step(st) == DB_ROW)
			sum->owners[sum->nowners].login =
				strdup(db_col_text(st, 0));
		db_reset(st);
	}
	if (!sum->owners[sum->nowners].login)
		sum->owners[sum->nowners].login = strdup("?");
	sum->nowners++;
}

/* The counts of the summary at the last commit: a batch that is rolled
 * back takes its counts with it, so that the summary says what is saved. */
struct summary_mark {
	long created, updated, skipped;
	long *owner_counts;
	size_t nowners;
};

static void summary_mark(struct summary_mark *m, const struct submit_summary *sum)
{
	m->created = sum->created;
	m->updated = sum->updated;
	m->skipped = sum->skipped;
	if (sum->nowners > m->nowners) {
		m->owner_counts = realloc(m->owner_counts, sum->nowners * sizeof(*m->owner_counts));
		if (!m->owner_counts)
			abort();
	}
	for (size_t i = 0; i < sum->nowners; i++)
		m->owner_counts[i] = sum->owners[i].count;
	m->nowners = sum->nowners;
}

static void summary_restore(struct submit_summary *sum, const struct summary_mark *m)
{
	sum->created = m->created;
	sum->updated = m->updated;
	sum->skipped = m->skipped;
	for (size_t i = 0; i < sum->nowners; i++) {
		if (i < m->nowners)
			sum->owners[i].count = m->owner_counts[i];
		else
			free(sum->owners[i].login);
	}
	sum->nowners = m->nowners;
}

ssize_t submit_next_line(struct db *db, FILE *in, char **line, size_t *cap,
			 long *lineno, uint64_t *bytes)
{
	ssize_t len;

	while ((len = getline(line, cap, in)) >= 0) {
		size_t i;
		bool blank = true;

		++*lineno;
		*bytes += (uint64_t)len;
		/* How far it got, in bytes: the one total a file tells at once. */
		if ((*lineno & 63) == 0)
			db_progress(db, *bytes, 0);
		for (i = 0; i < (size_t)len && blank; i++)
			blank = (*line)[i] == ' ' || (*line)[i] == '\t' || (*line)[i] == '\n' ||
				(*line)[i] == '\r';
		if (blank)
			continue;
		/* Without its line end, so that a JSON error's place reads
		 * "line 1, column C" of this line, also at the line's end. */
		while (len > 0 && ((*line)[len - 1] == '\n' || (*line)[len - 1] == '\r'))
			len--;
		return len;
	}
	return -1;
}

/* ---- A window of lines: read and looked up together
 * submit_stream reads up to db_rows_best lines at a time, writes what the
 * chunk holds, and looks all of them up in one statement (look_up's, a
 * row a line). A line's look-up stays true while no earlier line of the
 * window wrote what it looks up: its key, a person of its address (any
 * address that is not ASCII is taken for a match, as the engines' lower()
 * may read it differently), a
 * new company of its name; the window compares hashes of these, and a
 * line that may match (a hash collision only costs a look-up) writes the
 * chunk and is looked up alone. */
struct ahead {
	long lineno;
	bool parsed;               /* else res says why it was rejected */
	bool wrote, new_company;   /* what processing it did */
	bool ascii;                /* its address is all ASCII */
	uint64_t hkey, hemail, hcompany;
	struct submission s;
	char *company_key;         /* of s (company_key), until processed */
	struct submit_result res;
	struct known k;
};

static void ahead_read(struct ahead *a, struct jsonflat *flat, const char *text, size_t len,
		       long lineno)
{
	memset(a, 0, sizeof(*a));
	a->lineno = lineno;
	a->parsed = parse(flat, text, len, &a->s, &a->res);
	if (!a->parsed)
		return;
	a->ascii = ascii_email(a->s.email);
	a->hkey = text_hash(a->s.key, false);
	a->hemail = text_hash(a->s.email, true);
	a->company_key = company_key(&a->s);
	a->hcompany = text_hash(a->company_key, false);
}

static void ahead_free(struct ahead *a)
{
	submission_free(&a->s);
	free(a->company_key);
	a->company_key = NULL;
}

/* Whether an earlier line of the window may have written what line j
 * looks up: also the owner of the person j found (by another of its
 * addresses, say), which a conversion may have given. */
static bool ahead_stale(const struct ahead *w, size_t j)
{
	for (size_t i = 0; i < j; i++) {
		if (!w[i].wrote)
			continue;
		if (w[i].res.outcome == SUBMIT_UPDATED && w[j].k.person &&
		    w[i].res.person_id == w[j].k.person)
			return true;
		if (!w[i].ascii || !w[j].ascii || w[i].hkey == w[j].hkey ||
		    w[i].hemail == w[j].hemail ||
		    (w[i].new_company && w[i].hcompany == w[j].hcompany))
			return true;
	}
	return false;
}

/* look_up of the window's lines that were read, in one statement. */
static enum la_status look_up_window(struct db *db, struct ahead *w, size_t n,
				     struct la_err *err)
{
	struct ask q[DB_ROWS_MAX];
	size_t at[DB_ROWS_MAX], m = 0, i;
	enum la_status rc;

	for (i = 0; i < n; i++) {
		if (w[i].parsed) {
			q[m] = (struct ask){ w[i].s.key, w[i].s.email, w[i].company_key, { 0 } };
			at[m++] = i;
		}
	}
	if (m == 0)
		return LA_OK;
	if ((rc = look_up_many(db, q, m, err)) == LA_OK)
		for (i = 0; i < m; i++)
			w[at[i]].k = q[i].k;
	return rc;
}

/* Processes line j of the window, looked up before: alone, after the chunk
 * is written, when an earlier line may have changed what it looks up. */
static enum la_status ahead_process(struct db *db, struct ahead *w, size_t j,
				    struct submit_settings *set, struct la_err *err)
{
	struct ahead *a = &w[j];
	bool stale = ahead_stale(w, j);
	bool named = a->s.company && *a->s.company;
	enum la_status rc;

	if (stale && (rc = chunk_flush(db, set, err)) != LA_OK)
		return rc;
	rc = process(db, &a->s, a->company_key, set, stale ? NULL : &a->k, &a->res, err);
	a->company_key = NULL;  /* process's now */
	a->wrote = a->res.outcome == SUBMIT_CREATED || a->res.outcome == SUBMIT_UPDATED;
	/* It may have made the company it names (or found it). */
	a->new_company = a->res.outcome == SUBMIT_CREATED && named;
	return rc;
}

enum la_status submit_stream(struct db *db, const struct la_actor *actor,
			     FILE *in, bool strict,
			     void (*reject_cb)(void *ctx, long line, const char *reason),
			     void *ctx, struct submit_summary *sum,
			     struct la_err *err)
{
	char *line = NULL;
	size_t cap = 0, n = 0, j;
	ssize_t len = 0;
	long lineno = 0, in_batch = 0;
	uint64_t bytes = 0;
	double batch_start = 0;
	struct submit_settings set = { 0 };
	struct summary_mark mark = { 0 };
	struct ahead *w;
	enum la_status rc = LA_OK;

	memset(sum, 0, sizeof(*sum));
	if (!actor->associate_id || !actor->active)
		return la_fail(err, LA_DENIED, LA_FIELD_NONE,
			       _("Form submissions are processed for a user of this CRM database; the login '%s' is not an active one"),
			       actor->login);
	if (!(w = calloc(DB_ROWS_MAX, sizeof(*w))))
		abort();
	/* Statement journals in memory (each INSERT with triggers or foreign
	 * keys keeps one): each holds the pages of one statement only, and in
	 * temporary files they were most of the writing. */
	db_temp_in_memory(db, true);
	while (rc == LA_OK && !sum->stopped && len >= 0) {
		for (n = 0; n < db_rows_best(db) &&
			    (len = submit_next_line(db, in, &line, &cap, &lineno, &bytes)) >= 0; n++)
			ahead_read(&w[n], &set.flat, line, (size_t)len, lineno);
		if (n == 0)
			break;
		if (in_batch == 0) {
			if ((rc = db_begin(db, err)) != LA_OK)
				break;
			batch_start = now_ms();
		}
		/* What the window looks up is in the database. */
		if ((rc = chunk_flush(db, &set, err)) != LA_OK ||
		    (rc = look_up_window(db, w, n, err)) != LA_OK) {
			db_rollback(db);
			summary_restore(sum, &mark);
			settings_forget(&set);
			in_batch = 0;
			break;
		}
		for (j = 0; j < n; j++) {
			struct submit_result *res = &w[j].res;

			/* A rejection is told after what the lines before it
			 * wrote is written, so that a failure of theirs comes
			 * first and stops the run there. */
			if ((w[j].parsed ? (rc = ahead_process(db, w, j, &set, err))
					 : (rc = chunk_flush(db, &set, err))) != LA_OK) {
				db_rollback(db);
				summary_restore(sum, &mark);
				settings_forget(&set);
				in_batch = 0;
				break;
			}
			switch (res->outcome) {
			case SUBMIT_CREATED: sum->created++; break;
			case SUBMIT_UPDATED: sum->updated++; break;
			case SUBMIT_SKIPPED: sum->skipped++; break;
			case SUBMIT_REJECTED:
				sum->rejected++;
				if (reject_cb)
					reject_cb(ctx, w[j].lineno, res->reason);
				break;
			}
			if (res->owner_id)
				count_owner(db, sum, res->owner_id);
			in_batch++;
			if (strict && res->outcome == SUBMIT_REJECTED) {
				sum->stopped = true;
				break;
			}
		}
		if (rc == LA_OK && !sum->stopped &&
		    (in_batch >= SUBMIT_BATCH || now_ms() - batch_start >= SUBMIT_BATCH_MS)) {
			in_batch = 0;
			if ((rc = settings_save(db, &set, err)) != LA_OK)
				db_rollback(db);
			settings_forget(&set);
			if (rc != LA_OK || (rc = db_commit(db, err)) != LA_OK)
				summary_restore(sum, &mark);
			else
				summary_mark(&mark, sum);
		}
		for (j = 0; j < n; j++)
			ahead_free(&w[j]);
		n = 0;
	}
	for (j = 0; j < n; j++)
		ahead_free(&w[j]);
	/* What was read before a read error is whole: it is saved. */
	if (rc == LA_OK && ferror(in))
		rc = la_fail(err, LA_REFUSED, LA_FIELD_NONE,
			     _("reading stopped after line %ld (%s)"), lineno, strerror(errno));
	if (in_batch > 0) {
		enum la_status done = settings_save(db, &set, err);

		if (done != LA_OK)
			db_rollback(db);
		else
			done = db_commit(db, err);

		if (done != LA_OK) {
			summary_restore(sum, &mark);
			rc = done;
		}
	}
	settings_forget(&set);
	free(mark.owner_counts);
	free(w);
	db_temp_in_memory(db, false);
	free(line);
	return rc;
}
